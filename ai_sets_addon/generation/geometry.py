"""Mesh building blocks with real-world UVs: quads, boxes, slabs with openings.

Every face gets its own vertices and a planar UV projection in metres, so textures
land at true scale on any face and normals stay flat and consistent (outward).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import trimesh

Rect = tuple[float, float, float, float]  # (u0, v0, u1, v1) in a slab's plane


@dataclass
class MeshBuilder:
    """Accumulates outward-facing quads; `to_trimesh` gives a mesh with metre UVs."""

    vertices: list[np.ndarray] = field(default_factory=list)
    uvs: list[np.ndarray] = field(default_factory=list)
    faces: list[tuple[int, int, int]] = field(default_factory=list)

    def add_quad(self, corners: np.ndarray, normal: np.ndarray) -> None:
        """Four coplanar corners (any winding); `normal` says which side is out."""
        corners = np.asarray(corners, dtype=np.float64)
        normal = np.asarray(normal, dtype=np.float64)
        if np.dot(np.cross(corners[1] - corners[0], corners[2] - corners[0]), normal) < 0:
            corners = corners[::-1]
        base = len(self.vertices)
        self.vertices.extend(corners)
        self.uvs.extend(planar_uv(corners, normal))
        self.faces += [(base, base + 1, base + 2), (base, base + 2, base + 3)]

    def add_triangle(self, corners: np.ndarray, normal: np.ndarray) -> None:
        corners = np.asarray(corners, dtype=np.float64)
        if np.dot(np.cross(corners[1] - corners[0], corners[2] - corners[0]), normal) < 0:
            corners = corners[::-1]
        base = len(self.vertices)
        self.vertices.extend(corners)
        self.uvs.extend(planar_uv(corners, np.asarray(normal, np.float64)))
        self.faces.append((base, base + 1, base + 2))

    def add_box(self, lo: tuple[float, float, float], hi: tuple[float, float, float]) -> None:
        """An axis-aligned box from its min and max corners."""
        lo_a, hi_a = np.asarray(lo, float), np.asarray(hi, float)
        for axis in range(3):
            for side, value in ((-1.0, lo_a[axis]), (1.0, hi_a[axis])):
                a, b = [i for i in range(3) if i != axis]
                corners = []
                for ca, cb in ((0, 0), (1, 0), (1, 1), (0, 1)):
                    p = np.empty(3)
                    p[axis] = value
                    p[a] = (lo_a[a], hi_a[a])[ca]
                    p[b] = (lo_a[b], hi_a[b])[cb]
                    corners.append(p)
                normal = np.zeros(3)
                normal[axis] = side
                self.add_quad(np.array(corners), normal)

    def add_slab(self, origin, u_axis, v_axis, w_axis, size: tuple[float, float, float],
                 openings: list[Rect] = ()) -> None:
        """A slab spanning size=(L, H, T) along u, v, w with rectangular holes through it.

        The (u, v) plane is cut into a grid at the slab and hole edges; solid cells get
        front/back faces and a side face wherever they border a hole or the outside,
        which gives the reveals of windows and doors for free.
        """
        length, height, thick = size
        us = _breaks(0.0, length, [(r[0], r[2]) for r in openings])
        vs = _breaks(0.0, height, [(r[1], r[3]) for r in openings])
        solid = np.ones((len(us) - 1, len(vs) - 1), dtype=bool)
        for i in range(len(us) - 1):
            for j in range(len(vs) - 1):
                cu, cv = (us[i] + us[i + 1]) / 2, (vs[j] + vs[j + 1]) / 2
                if any(r[0] < cu < r[2] and r[1] < cv < r[3] for r in openings):
                    solid[i, j] = False
        frame = _Frame(np.asarray(origin, float), np.asarray(u_axis, float),
                       np.asarray(v_axis, float), np.asarray(w_axis, float))
        for i, j in zip(*np.nonzero(solid)):
            u0, u1, v0, v1 = us[i], us[i + 1], vs[j], vs[j + 1]
            for w, sign in ((0.0, -1.0), (thick, 1.0)):
                self.add_quad(frame.points([(u0, v0, w), (u1, v0, w), (u1, v1, w), (u0, v1, w)]),
                              sign * frame.w)
            if i == 0 or not solid[i - 1, j]:
                self._side(frame, [(u0, v0, 0), (u0, v1, 0), (u0, v1, thick), (u0, v0, thick)], -frame.u)
            if i == solid.shape[0] - 1 or not solid[i + 1, j]:
                self._side(frame, [(u1, v0, 0), (u1, v1, 0), (u1, v1, thick), (u1, v0, thick)], frame.u)
            if j == 0 or not solid[i, j - 1]:
                self._side(frame, [(u0, v0, 0), (u1, v0, 0), (u1, v0, thick), (u0, v0, thick)], -frame.v)
            if j == solid.shape[1] - 1 or not solid[i, j + 1]:
                self._side(frame, [(u0, v1, 0), (u1, v1, 0), (u1, v1, thick), (u0, v1, thick)], frame.v)

    def _side(self, frame: _Frame, local, normal) -> None:
        self.add_quad(frame.points(local), normal)

    def to_trimesh(self) -> trimesh.Trimesh:
        mesh = trimesh.Trimesh(vertices=np.array(self.vertices), faces=np.array(self.faces),
                               process=False)
        mesh.visual = trimesh.visual.TextureVisuals(uv=np.array(self.uvs))
        return mesh


@dataclass
class _Frame:
    origin: np.ndarray
    u: np.ndarray
    v: np.ndarray
    w: np.ndarray

    def points(self, local) -> np.ndarray:
        local = np.asarray(local, float)
        return (self.origin + local[:, :1] * self.u + local[:, 1:2] * self.v
                + local[:, 2:3] * self.w)


def _breaks(lo: float, hi: float, spans: list[tuple[float, float]]) -> list[float]:
    values = {lo, hi}
    for a, b in spans:
        values.update((min(max(a, lo), hi), min(max(b, lo), hi)))
    return sorted(values)


def planar_uv(points: np.ndarray, normal: np.ndarray) -> np.ndarray:
    """Project onto the face's plane in metres; horizontal faces use world X/Y, walls
    use the horizontal direction along the wall and world Z, so courses stay level."""
    n = normal / np.linalg.norm(normal)
    if abs(n[2]) > 0.7:
        return points[:, :2] * np.array([1.0, 1.0 if n[2] > 0 else -1.0])
    along = np.array([-n[1], n[0], 0.0])
    along /= np.linalg.norm(along)
    return np.stack([points @ along, points[:, 2]], axis=1)


def box_mesh(lo, hi) -> trimesh.Trimesh:
    builder = MeshBuilder()
    builder.add_box(lo, hi)
    return builder.to_trimesh()


def merge(meshes: list[trimesh.Trimesh]) -> trimesh.Trimesh:
    """Concatenate meshes keeping their UVs (trimesh.util.concatenate keeps TextureVisuals)."""
    verts, faces, uvs, offset = [], [], [], 0
    for mesh in meshes:
        verts.append(mesh.vertices)
        faces.append(mesh.faces + offset)
        uvs.append(mesh.visual.uv)
        offset += len(mesh.vertices)
    out = trimesh.Trimesh(vertices=np.vstack(verts), faces=np.vstack(faces), process=False)
    out.visual = trimesh.visual.TextureVisuals(uv=np.vstack(uvs))
    return out


def cylinder_mesh(radius: float, height: float, sections: int = 24,
                  base=(0.0, 0.0, 0.0)) -> trimesh.Trimesh:
    """Upright closed cylinder (props: legs, barrels, posts) with metre UVs."""
    builder = MeshBuilder()
    base = np.asarray(base, float)
    angles = np.linspace(0.0, 2 * np.pi, sections + 1)
    ring = np.stack([np.cos(angles), np.sin(angles), np.zeros_like(angles)], 1) * radius + base
    up = np.array([0.0, 0.0, height])
    for k in range(sections):
        a, b = ring[k], ring[k + 1]
        builder.add_quad(np.array([a, b, b + up, a + up]), (a + b) / 2 - base)
        builder.add_triangle(np.array([base, a, b]), np.array([0.0, 0.0, -1.0]))
        builder.add_triangle(np.array([base, a, b]) + up, np.array([0.0, 0.0, 1.0]))
    return builder.to_trimesh()


def below_openings_mask(vertices: np.ndarray, openings: list[tuple[np.ndarray, np.ndarray]],
                        fall_m: float = 1.5) -> np.ndarray:
    """0..1 per vertex: 1 just under an opening's bottom edge, fading over `fall_m`.

    `openings` are boxes (min, max corners) through a wall; a vertex is under one when
    it lies in the box's horizontal footprint and below its bottom. Rain run-off and
    grime streak down from sills exactly there.
    """
    mask = np.zeros(len(vertices), dtype=np.float32)
    for lo, hi in openings:
        inside = np.all((vertices[:, :2] >= lo[:2] - 1e-6) & (vertices[:, :2] <= hi[:2] + 1e-6),
                        axis=1)
        depth = lo[2] - vertices[:, 2]
        value = np.clip(1.0 - depth / fall_m, 0.0, 1.0) * (depth >= -1e-6) * inside
        mask = np.maximum(mask, value.astype(np.float32))
    return mask
