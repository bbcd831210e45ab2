"""Previs camera moves in real units, kept clear of the set's geometry.

A move starts at a mark (camera position + aim point) and ends at another; `path`
samples it per frame. Distances are metres, angles degrees, speeds m/s (or deg/s for
pans and orbits); `speed` wins over `distance` when given (distance = speed x duration).

    dolly     along the lens axis (level), the aim travels with it: + forward
    truck     sideways (camera right), the aim travels with it: + to the right
    pedestal  straight up or down (a crane's boom): + up
    pan/tilt  the head turns (degrees) about the camera, which stays put
    orbit     around the aim point at constant height, always looking at it: + anticlockwise
    push_in   toward the aim point, which stays framed: + closer
    handheld  a static mark with an operator's shake (below)

Handheld shake (seeded, same seed same shake): Gaussian noise shaped in frequency,
one independent stream per axis, scaled to a fixed RMS. The amplitude spectrum is
1 between 0.4 and 1.5 Hz (body sway, breathing), falls as 1/f above 1.5 Hz (the hand's
tremor still visible at 4-6 Hz, about a quarter of the sway's amplitude there) and is
cut below 0.15 Hz so the frame does not drift off its mark; the line through its two
end values is taken away, so the first and last frames sit exactly on the marks. RMS: 0.35 deg pan,
0.30 deg tilt, 0.20 deg roll, 6 mm position; `intensity` scales them all.

Collision: the camera is a sphere of `CLEARANCE_M`; every step of the path is tested
with rays of the set's ray caster (ai/paint/views.WorldMesh, embree when
installed): the segment between frames, 14 directions around each position, and
whether the position is inside a closed part (its axis rays meet back faces). A
move that would pass through geometry is shortened to the last clear fraction of its
travel (`clear_move` says by how much), so the end mark is always reachable.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from ..core.errors import InputError
from ..core.seeds import rng

KINDS = ("dolly", "truck", "pedestal", "pan", "tilt", "orbit", "push_in", "handheld")
EASINGS = ("linear", "ease_in_out", "ease_in", "ease_out")
CLEARANCE_M = 0.2
SHAKE_RMS = {"pan_deg": 0.35, "tilt_deg": 0.30, "roll_deg": 0.20, "position_m": 0.006}
SHAKE_BAND_HZ = (0.15, 0.4, 1.5)     # cut below, flat from, 1/f above


@dataclass
class Move:
    kind: str
    duration_s: float = 4.0
    distance: float = 1.0            # metres (dolly, truck, pedestal, push_in), degrees (pan, tilt, orbit)
    speed: float | None = None       # m/s or deg/s; wins over distance
    easing: str = "ease_in_out"
    fps: int = 24
    seed: int = 0
    intensity: float = 1.0           # handheld shake scale (also added to any move with shake)
    shake: bool = False              # add handheld shake on top of another move

    def check(self) -> Move:
        if self.kind not in KINDS:
            raise InputError(f"unknown move '{self.kind}'; use one of {', '.join(KINDS)}")
        if self.easing not in EASINGS:
            raise InputError(f"unknown easing '{self.easing}'; use one of {', '.join(EASINGS)}")
        if not 0.1 <= self.duration_s <= 120.0:
            raise InputError("a move lasts 0.1 to 120 seconds")
        if not 1 <= self.fps <= 120:
            raise InputError("frame rate must be 1..120")
        return self

    @property
    def travel(self) -> float:
        return self.speed * self.duration_s if self.speed is not None else self.distance

    @property
    def frames(self) -> int:
        return max(2, int(round(self.duration_s * self.fps)) + 1)

    @property
    def unit(self) -> str:
        return "deg" if self.kind in ("pan", "tilt", "orbit") else "m"

    def label(self) -> str:
        if self.kind == "handheld":
            return f"handheld {self.duration_s:g} s"
        per_s = self.travel / self.duration_s
        return (f"{self.kind.replace('_', '-')} {self.travel:+.2f} {self.unit} in "
                f"{self.duration_s:g} s ({per_s:.2f} {self.unit}/s, {self.easing})")


    def short_label(self) -> str:
        """For a burn-in: 'push-in 2.0 m / 2 s'."""
        if self.kind == "handheld":
            return f"handheld / {self.duration_s:g} s"
        return f"{self.kind.replace('_', '-')} {self.travel:+.1f} {self.unit} / {self.duration_s:g} s"


@dataclass
class Frame:
    location: np.ndarray     # (3,)
    target: np.ndarray       # (3,) aim point
    roll_deg: float = 0.0


def ease(t: np.ndarray, easing: str) -> np.ndarray:
    """0..1 -> 0..1; ease_in_out is the cosine S-curve (zero speed at both marks)."""
    t = np.clip(t, 0.0, 1.0)
    if easing == "ease_in_out":
        return 0.5 - 0.5 * np.cos(np.pi * t)
    if easing == "ease_in":
        return 1.0 - np.cos(0.5 * np.pi * t)
    if easing == "ease_out":
        return np.sin(0.5 * np.pi * t)
    return t


def _axes(location: np.ndarray, target: np.ndarray):
    forward = target - location
    level = np.array([forward[0], forward[1], 0.0])
    level = level / np.linalg.norm(level) if np.linalg.norm(level) > 1e-9 else np.array([0, 1.0, 0])
    right = np.array([level[1], -level[0], 0.0])
    return forward, level, right


def _rotate_z(v: np.ndarray, deg: float) -> np.ndarray:
    a = math.radians(deg)
    return np.array([v[0] * math.cos(a) - v[1] * math.sin(a),
                     v[0] * math.sin(a) + v[1] * math.cos(a), v[2]])


def _tilt(forward: np.ndarray, deg: float) -> np.ndarray:
    flat = math.hypot(forward[0], forward[1])
    pitch = math.atan2(forward[2], flat) + math.radians(deg)
    pitch = max(min(pitch, math.radians(89.0)), math.radians(-89.0))
    length = np.linalg.norm(forward)
    heading = forward[:2] / flat if flat > 1e-9 else np.array([0.0, 1.0])
    return length * np.array([heading[0] * math.cos(pitch), heading[1] * math.cos(pitch),
                              math.sin(pitch)])


def pose(kind: str, location, target, amount: float) -> Frame:
    """The camera `amount` (metres or degrees) along a move from its start mark."""
    loc, tgt = np.asarray(location, float), np.asarray(target, float)
    forward, level, right = _axes(loc, tgt)
    if kind == "dolly":
        return Frame(loc + level * amount, tgt + level * amount)
    if kind == "truck":
        return Frame(loc + right * amount, tgt + right * amount)
    if kind == "pedestal":
        up = np.array([0.0, 0.0, amount])
        return Frame(loc + up, tgt + up)
    if kind == "pan":
        return Frame(loc.copy(), loc + _rotate_z(forward, -amount))   # + pans right
    if kind == "tilt":
        return Frame(loc.copy(), loc + _tilt(forward, amount))        # + tilts up
    if kind == "orbit":
        return Frame(tgt + _rotate_z(loc - tgt, amount), tgt.copy())
    if kind == "push_in":
        dist = np.linalg.norm(forward)
        step = min(amount, dist - 0.3)
        return Frame(loc + forward / dist * step, tgt.copy())
    return Frame(loc.copy(), tgt.copy())


def path(move: Move, location, target) -> list[Frame]:
    """Every frame of the move, first = the start mark, last = the end mark."""
    move.check()
    t = np.linspace(0.0, 1.0, move.frames)
    amounts = ease(t, move.easing) * (0.0 if move.kind == "handheld" else move.travel)
    frames = [pose(move.kind, location, target, float(a)) for a in amounts]
    if move.kind == "handheld" or move.shake:
        _add_shake(frames, move)
    return frames


def shake_spectrum(freqs_hz: np.ndarray) -> np.ndarray:
    """The handheld amplitude spectrum (see the module's docstring)."""
    cut, flat, corner = SHAKE_BAND_HZ
    f = np.asarray(freqs_hz, float)
    amp = np.where(f <= corner, 1.0, corner / np.maximum(f, 1e-9))
    amp = np.where(f < flat, np.clip((f - cut) / (flat - cut), 0.0, 1.0), amp)
    return amp


def shake(n: int, fps: float, seed: int, stream: str, rms: float) -> np.ndarray:
    """n samples of one axis of handheld shake, RMS `rms`, zero at both ends."""
    noise = rng(seed, "handheld", stream).standard_normal(n)
    spectrum = np.fft.rfft(noise) * shake_spectrum(np.fft.rfftfreq(n, 1.0 / fps))
    signal = np.fft.irfft(spectrum, n)
    signal -= np.linspace(signal[0], signal[-1], n)     # both marks exact
    level = np.sqrt(np.mean(signal ** 2))
    return signal / level * rms if level > 1e-12 else np.zeros(n)


def _add_shake(frames: list[Frame], move: Move) -> None:
    n = len(frames)
    k = move.intensity
    pan = shake(n, move.fps, move.seed, "pan", SHAKE_RMS["pan_deg"] * k)
    tilt = shake(n, move.fps, move.seed, "tilt", SHAKE_RMS["tilt_deg"] * k)
    roll = shake(n, move.fps, move.seed, "roll", SHAKE_RMS["roll_deg"] * k)
    pos = np.stack([shake(n, move.fps, move.seed, f"pos{a}", SHAKE_RMS["position_m"] * k)
                    for a in "xyz"], axis=1)
    for i, frame in enumerate(frames):
        forward = frame.target - frame.location
        aimed = _tilt(_rotate_z(forward, -pan[i]), tilt[i])
        frame.location = frame.location + pos[i]
        frame.target = frame.location + aimed
        frame.roll_deg = float(roll[i])


# ------------------------------------------------------------------------- collisions

_DIRECTIONS = np.array([[1, 0, 0], [-1, 0, 0], [0, 1, 0], [0, -1, 0], [0, 0, 1], [0, 0, -1]]
                       + [[x, y, z] for x in (-1, 1) for y in (-1, 1) for z in (-1, 1)],
                       float)
_DIRECTIONS /= np.linalg.norm(_DIRECTIONS, axis=1, keepdims=True)


def blocked_frames(world_mesh, frames: list[Frame], clearance: float = CLEARANCE_M) -> list[int]:
    """Indices of frames whose camera sphere touches geometry, or whose step from the
    previous frame crosses it (rays of the set's ray caster, `trimesh` + embree)."""
    points = np.array([f.location for f in frames])
    origins = np.repeat(points, len(_DIRECTIONS), axis=0)
    dirs = np.tile(_DIRECTIONS, (len(points), 1))
    bad = set(_hits_within(world_mesh, origins, dirs, clearance) // len(_DIRECTIONS))
    bad.update(_inside(world_mesh, points))
    steps = points[1:] - points[:-1]
    lengths = np.linalg.norm(steps, axis=1)
    moving = lengths > 1e-9
    if moving.any():
        idx = np.nonzero(moving)[0]
        hit = _hits_within(world_mesh, points[idx], steps[idx] / lengths[idx, None],
                           lengths[idx] + clearance)
        bad.update(int(idx[h]) + 1 for h in hit)
    return sorted(int(b) for b in bad)


def _inside(world_mesh, points: np.ndarray) -> list[int]:
    """Points inside a closed part: at least 5 of the 6 axis rays first meet the back
    of a face (a camera inside a pillar sees only its inner sides)."""
    axes = _DIRECTIONS[:6]
    origins = np.repeat(points, 6, axis=0)
    dirs = np.tile(axes, (len(points), 1))
    tri, ray = world_mesh.ray.intersects_id(origins, dirs, multiple_hits=False)[:2]
    if not len(ray):
        return []
    back = np.einsum("ij,ij->i", world_mesh.face_normals[tri], dirs[ray]) > 0
    counts = np.bincount(ray[back] // 6, minlength=len(points))
    return [int(i) for i in np.nonzero(counts >= 5)[0]]


def _hits_within(world_mesh, origins: np.ndarray, dirs: np.ndarray, limit) -> np.ndarray:
    """Indices of rays whose first hit is closer than `limit` (scalar or per ray)."""
    tri, ray, locations = world_mesh.ray.intersects_id(origins, dirs, multiple_hits=False,
                                                       return_locations=True)
    if not len(ray):
        return np.zeros(0, int)
    dist = np.linalg.norm(locations - origins[ray], axis=1)
    lim = np.broadcast_to(np.asarray(limit, float), (len(origins),))[ray]
    return np.unique(ray[dist < lim])


@dataclass
class ClearMove:
    move: Move
    frames: list[Frame]
    fraction: float            # of the asked travel kept (1.0: the move as asked)

    @property
    def notice(self) -> str | None:
        if self.fraction >= 1.0:
            return None
        return (f"the {self.move.kind} was shortened to {self.fraction:.0%} of its travel "
                "to keep the camera clear of the set")


def clear_move(world_mesh, move: Move, location, target,
               clearance: float = CLEARANCE_M) -> ClearMove:
    """The move as asked when its whole path is clear; else the longest clear fraction
    of its travel (bisection, 1 % of travel). InputError when even the start mark is
    inside geometry."""
    frames = path(move, location, target)
    if not blocked_frames(world_mesh, frames, clearance):
        return ClearMove(move, frames, 1.0)
    if blocked_frames(world_mesh, frames[:1], clearance):
        raise InputError("the camera's start mark is inside (or within "
                         f"{clearance:g} m of) the set's geometry; move it first")
    lo, hi = 0.0, 1.0
    while hi - lo > 0.01:
        mid = (lo + hi) / 2
        trial = replace(move, distance=move.travel * mid, speed=None)
        (lo, hi) = (mid, hi) if not blocked_frames(
            world_mesh, path(trial, location, target), clearance) else (lo, mid)
    kept = replace(move, distance=move.travel * lo, speed=None)
    return ClearMove(kept, path(kept, location, target), lo)


def world_mesh_of(doc):
    """The set's triangles in world space (every instance placed) for collision tests."""
    from ..ai.paint.arrays import scene_from_document
    from ..ai.paint.views import WorldMesh

    return WorldMesh.build(scene_from_document(doc, (16, 16))).mesh
