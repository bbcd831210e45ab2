"""Scout cameras: composed shots at real lens heights, kept clear of the set.

An archetype says where a shot stands and what it is about (a subject point); this
module aims it (subject on a third, horizon kept level at eye height), sets the
height from the words (eye 1.6 m, low angle, high angle, aerial), and moves the
camera toward its subject until nothing is within half a metre of the lens — so no
shot starts inside a wall, a rock or a crate.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ...model.plan import CameraPlan, MeshPart, SUPER35_SENSOR_MM

EYE = 1.6
CLEARANCE = 0.5       # metres kept free around the lens (the tests ask for 0.3)
LENSES = (24.0, 35.0, 50.0, 85.0)
GroundFn = Callable[[float, float], float]


@dataclass
class Shot:
    """What an archetype asks for: a spot, what to look at, how to frame it."""

    shot: str                      # wide, medium, reverse, close...
    lens: float
    stand: tuple[float, float]     # (x, y) where the camera stands
    subject: tuple[float, float, float]
    third: float = 0.0             # +1 subject on the right third, -1 left, 0 centred
    pitch_bias_deg: float = 0.0    # extra tilt (+ up)
    height: float | None = None    # metres above the ground; None: from the words


class Scout:
    """Triangles of the set (props as their boxes) for clearance and near-ray tests."""

    def __init__(self, parts: list[MeshPart], ground: GroundFn | None = None,
                 ceiling: float | None = None, mode: str = "eye") -> None:
        self.ground = ground or (lambda x, y: 0.0)
        self.ceiling, self.mode = ceiling, mode
        tris = [_triangles(p) for p in parts]
        self.tris = np.concatenate(tris) if tris else np.zeros((0, 3, 3))
        self.lo, self.hi = self.tris.min(axis=1), self.tris.max(axis=1)

    # ----------------------------------------------------------------- heights
    def eye_height(self, shot: Shot) -> tuple[float, float]:
        """(height above ground, pitch bias in degrees) for the words' point of view."""
        if shot.height is not None:
            return shot.height, shot.pitch_bias_deg
        if self.mode == "low":
            return 0.45, shot.pitch_bias_deg + 9.0
        if self.mode == "high":
            return self._capped(4.5), shot.pitch_bias_deg - 14.0
        if self.mode == "aerial":
            return self._capped(28.0), shot.pitch_bias_deg - 28.0
        return EYE, shot.pitch_bias_deg

    def _capped(self, height: float) -> float:
        return height if self.ceiling is None else min(height, self.ceiling - 0.7)

    # ----------------------------------------------------------------- framing
    def camera(self, index: int, shot: Shot) -> CameraPlan:
        height, bias = self.eye_height(shot)
        stand = np.array(shot.stand, float)
        subject = np.array(shot.subject, float)
        location = self._clear_spot(stand, subject, height)
        target = aim(location, subject, shot.lens, shot.third, bias, level=self.mode == "eye")
        name = f"CAM_{shot.shot.title()}_{int(shot.lens)}mm"
        return CameraPlan(name, tuple(float(v) for v in location),
                          tuple(float(v) for v in target), lens_mm=shot.lens,
                          sensor_width_mm=SUPER35_SENSOR_MM, shot=shot.shot)

    def cameras(self, shots: list[Shot]) -> list[CameraPlan]:
        plans, names = [], set()
        for k, shot in enumerate(shots):
            plan = self.camera(k, shot)
            if plan.name in names:               # two wides: "CAM_Wide_24mm_2"
                plan.name = f"{plan.name}_{k + 1}"
            names.add(plan.name)
            plans.append(plan)
        return plans

    def _clear_spot(self, stand: np.ndarray, subject: np.ndarray, height: float) -> np.ndarray:
        """Step from the stand toward the subject (then sideways) until the lens is
        clear; the height follows the ground under each candidate."""
        toward = subject[:2] - stand
        dist = float(np.linalg.norm(toward))
        toward = toward / dist if dist > 1e-6 else np.array([1.0, 0.0])
        side = np.array([-toward[1], toward[0]])
        candidates = [stand + toward * s for s in np.arange(0.0, min(dist * 0.6, 8.0), 0.25)]
        candidates += [stand + side * s for s in (0.5, -0.5, 1.0, -1.0, 2.0, -2.0)]
        for xy in candidates:
            loc = np.array([xy[0], xy[1], self.ground(xy[0], xy[1]) + height])
            if self.clearance(loc) >= CLEARANCE:
                return loc
        return np.array([stand[0], stand[1], self.ground(*stand) + height])

    # ----------------------------------------------------------------- geometry
    def clearance(self, point: np.ndarray, reach: float = 1.5) -> float:
        """Distance from a point to the nearest triangle (checked within `reach`)."""
        near = np.all((self.lo <= point + reach) & (self.hi >= point - reach), axis=1)
        if not near.any():
            return reach
        return float(min(reach, _point_triangle_distance(point, self.tris[near]).min()))


def aim(location: np.ndarray, subject: np.ndarray, lens: float, third: float,
        pitch_bias_deg: float, level: bool = True) -> np.ndarray:
    """A target point that puts the subject on a vertical third of a Super 35 frame;
    eye-level shots keep the tilt small so verticals stay vertical."""
    d = subject - location
    yaw = math.atan2(d[1], d[0])
    pitch = math.atan2(d[2], math.hypot(d[0], d[1]))
    half_tan = SUPER35_SENSOR_MM / 2 / lens
    yaw += math.atan(third / 3.0 * half_tan)
    if level:
        pitch = float(np.clip(pitch * 0.6, math.radians(-10), math.radians(6)))
    pitch += math.radians(pitch_bias_deg)
    direction = np.array([math.cos(pitch) * math.cos(yaw), math.cos(pitch) * math.sin(yaw),
                          math.sin(pitch)])
    return location + direction * 10.0


def _triangles(part: MeshPart) -> np.ndarray:
    """World triangles of a part; instanced props count as their bounding boxes."""
    mesh = part.mesh
    if not part.instances:
        return mesh.vertices[mesh.faces]
    lo, hi = mesh.vertices.min(axis=0), mesh.vertices.max(axis=0)
    corners = np.array([[x, y, z] for x in (lo[0], hi[0]) for y in (lo[1], hi[1])
                        for z in (lo[2], hi[2])])
    box_faces = np.array([[0, 1, 3], [0, 3, 2], [4, 6, 7], [4, 7, 5], [0, 4, 5], [0, 5, 1],
                          [2, 3, 7], [2, 7, 6], [0, 2, 6], [0, 6, 4], [1, 5, 7], [1, 7, 3]])
    stack = np.array(part.instances)
    world = corners @ stack[:, :3, :3].transpose(0, 2, 1) + stack[:, None, :3, 3]
    return world[:, box_faces].reshape(-1, 3, 3)


def _point_triangle_distance(p: np.ndarray, tris: np.ndarray) -> np.ndarray:
    """Exact distance from one point to many triangles (Ericson's region tests)."""
    a, b, c = tris[:, 0], tris[:, 1], tris[:, 2]
    ab, ac, ap = b - a, c - a, p - a
    d1, d2 = np.einsum("ij,ij->i", ab, ap), np.einsum("ij,ij->i", ac, ap)
    bp, cp = p - b, p - c
    d3, d4 = np.einsum("ij,ij->i", ab, bp), np.einsum("ij,ij->i", ac, bp)
    d5, d6 = np.einsum("ij,ij->i", ab, cp), np.einsum("ij,ij->i", ac, cp)
    va, vb, vc = d3 * d6 - d5 * d4, d5 * d2 - d1 * d6, d1 * d4 - d3 * d2
    denom = va + vb + vc
    denom = np.where(np.abs(denom) < 1e-18, 1e-18, denom)
    v, w = vb / denom, vc / denom
    closest = a + ab * v[:, None] + ac * w[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        cases = [
            ((d1 <= 0) & (d2 <= 0), a),
            ((d3 >= 0) & (d4 <= d3), b),
            ((d6 >= 0) & (d5 <= d6), c),
            ((vc <= 0) & (d1 >= 0) & (d3 <= 0), a + ab * (d1 / (d1 - d3))[:, None]),
            ((vb <= 0) & (d2 >= 0) & (d6 <= 0), a + ac * (d2 / (d2 - d6))[:, None]),
            ((va <= 0) & ((d4 - d3) >= 0) & ((d5 - d6) >= 0),
             b + (c - b) * ((d4 - d3) / ((d4 - d3) + (d5 - d6)))[:, None]),
        ]
    done = np.zeros(len(tris), bool)
    result = closest.copy()
    for cond, point in cases:
        pick = cond & ~done
        result[pick] = point[pick]
        done |= pick
    return np.linalg.norm(result - p, axis=1)
