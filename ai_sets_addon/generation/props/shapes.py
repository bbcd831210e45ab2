"""Mesh primitives for props, all with UVs in metres and outward normals.

Smooth props (barrels, trunks, rocks, foliage) are built with shared vertices where
the UVs are continuous (lathes) or split per face with a box projection (blobs): the
scene layer welds coincident vertices of `smooth` parts, so shading is smooth while
the per-corner UVs keep their seams.
"""

from __future__ import annotations

import numpy as np
import trimesh

from ..geometry import box_mesh, merge

Profile = list[tuple[float, float]]   # (radius, z) from bottom to top


def _mesh(vertices: np.ndarray, faces: np.ndarray, uv: np.ndarray) -> trimesh.Trimesh:
    mesh = trimesh.Trimesh(vertices=np.asarray(vertices, float),
                           faces=np.asarray(faces, np.int64), process=False)
    mesh.visual = trimesh.visual.TextureVisuals(uv=np.asarray(uv, float))
    return mesh


def lathe(profile: Profile, sections: int = 16, cap_bottom: bool = True,
          cap_top: bool = True) -> trimesh.Trimesh:
    """Surface of revolution about +Z; u runs around at the widest radius (metres),
    v along the profile's length, so labels and hoops map at true scale."""
    prof = np.asarray(profile, float)
    radii, zs = prof[:, 0], prof[:, 1]
    angles = np.linspace(0.0, 2 * np.pi, sections + 1)
    ring = np.stack([np.cos(angles), np.sin(angles)], 1)
    verts = np.concatenate([np.column_stack([ring * r, np.full(len(ring), z)])
                            for r, z in prof])
    arc = np.concatenate([[0.0], np.cumsum(np.hypot(np.diff(radii), np.diff(zs)))])
    u = angles * max(radii.max(), 1e-3)
    uv = np.column_stack([np.tile(u, len(prof)), np.repeat(arc, len(angles))])
    cols, faces = len(angles), []
    for i in range(len(prof) - 1):
        for k in range(sections):
            a, b = i * cols + k, i * cols + k + 1
            c, d = b + cols, a + cols
            if radii[i] > 1e-6:
                faces.append((a, b, c))
            if radii[i + 1] > 1e-6:
                faces.append((a, c, d))
    side = _mesh(verts, np.array(faces), uv)
    parts = [side]
    if cap_bottom and radii[0] > 1e-6:
        parts.append(_disc(radii[0], zs[0], sections, up=False))
    if cap_top and radii[-1] > 1e-6:
        parts.append(_disc(radii[-1], zs[-1], sections, up=True))
    return merge(parts)


def _disc(radius: float, z: float, sections: int, up: bool) -> trimesh.Trimesh:
    angles = np.linspace(0.0, 2 * np.pi, sections, endpoint=False)
    rim = np.column_stack([np.cos(angles) * radius, np.sin(angles) * radius,
                           np.full(sections, z)])
    verts = np.vstack([[0.0, 0.0, z], rim])
    k = np.arange(sections)
    faces = np.column_stack([np.zeros(sections, int), 1 + k, 1 + (k + 1) % sections])
    if not up:
        faces = faces[:, [0, 2, 1]]
    return _mesh(verts, faces, verts[:, :2] * [1.0, 1.0 if up else -1.0])


def frame_to(mesh: trimesh.Trimesh, p0, p1) -> trimesh.Trimesh:
    """Move a +Z-axis mesh whose base is at the origin so it runs from p0 to p1."""
    p0, p1 = np.asarray(p0, float), np.asarray(p1, float)
    axis = p1 - p0
    length = np.linalg.norm(axis)
    z = axis / length
    helper = np.array([1.0, 0.0, 0.0]) if abs(z[0]) < 0.9 else np.array([0.0, 1.0, 0.0])
    x = np.cross(helper, z)
    x /= np.linalg.norm(x)
    y = np.cross(z, x)
    out = mesh.copy()
    out.vertices = mesh.vertices @ np.column_stack([x, y, z]).T + p0
    return out


def tube(p0, p1, radius: float, sections: int = 10, r1: float | None = None,
         caps: bool = True) -> trimesh.Trimesh:
    """A (tapered) cylinder between two points: pipes, rails, branches, neon tubes."""
    length = float(np.linalg.norm(np.asarray(p1, float) - np.asarray(p0, float)))
    body = lathe([(radius, 0.0), (radius if r1 is None else r1, length)], sections,
                 cap_bottom=caps, cap_top=caps)
    return frame_to(body, p0, p1)


def polyline_tube(points, radius: float, sections: int = 8) -> trimesh.Trimesh:
    """Tubes along a polyline with small spheres at the joints (neon letters, pipes)."""
    pts = [np.asarray(p, float) for p in points]
    parts = [tube(a, b, radius, sections) for a, b in zip(pts[:-1], pts[1:])]
    for joint in pts[1:-1]:
        ball = trimesh.creation.icosphere(1, radius=radius * 1.02)
        ball.vertices += joint
        parts.append(box_uv_split(ball))
    return merge(parts)


def box(center, size, yaw: float = 0.0) -> trimesh.Trimesh:
    """An oriented box (rotated about Z) with metre UVs."""
    half = np.asarray(size, float) / 2
    mesh = box_mesh(-half, half)
    return transformed(mesh, yaw, center)


def transformed(mesh: trimesh.Trimesh, yaw: float = 0.0, offset=(0.0, 0.0, 0.0),
                pitch: float = 0.0) -> trimesh.Trimesh:
    """Rotate about X (pitch) then Z (yaw), then move; UVs are kept (rigid motion)."""
    cx, sx = np.cos(pitch), np.sin(pitch)
    cz, sz = np.cos(yaw), np.sin(yaw)
    rot_x = np.array([[1, 0, 0], [0, cx, -sx], [0, sx, cx]])
    rot_z = np.array([[cz, -sz, 0], [sz, cz, 0], [0, 0, 1]])
    out = mesh.copy()
    out.vertices = mesh.vertices @ (rot_z @ rot_x).T + np.asarray(offset, float)
    return out


def box_uv_split(mesh: trimesh.Trimesh) -> trimesh.Trimesh:
    """One vertex per face corner, projected on the face's dominant axis (metres):
    a box mapping without stretch on any face of an organic shape."""
    tris = mesh.vertices[mesh.faces]
    normals = np.cross(tris[:, 1] - tris[:, 0], tris[:, 2] - tris[:, 0])
    axis = np.abs(normals).argmax(axis=1)
    keep = np.array([[1, 2], [0, 2], [0, 1]])[axis]           # the two other axes
    uv = np.take_along_axis(tris, keep[:, None, :].repeat(3, 1), axis=2)
    flip = np.take_along_axis(normals, axis[:, None], 1)[:, 0] < 0
    uv[flip, :, 0] *= -1.0
    faces = np.arange(len(tris) * 3).reshape(-1, 3)
    return _mesh(tris.reshape(-1, 3), faces, uv.reshape(-1, 2))


def blob(rng: np.random.Generator, radius: float, squash=(1.0, 1.0, 1.0),
         bumpiness: float = 0.2, subdivisions: int = 2, flat_bottom: float | None = None
         ) -> trimesh.Trimesh:
    """A lumpy closed shape (rocks, bushes, canopy clumps): an icosphere pushed by a
    few random low-frequency waves, so no two look alike yet the surface stays smooth."""
    sphere = trimesh.creation.icosphere(subdivisions)
    unit = sphere.vertices / np.linalg.norm(sphere.vertices, axis=1)[:, None]
    dirs = rng.normal(size=(6, 3))
    dirs /= np.linalg.norm(dirs, axis=1)[:, None]
    freq = rng.uniform(1.5, 4.0, 6)
    phase = rng.uniform(0, 2 * np.pi, 6)
    amp = bumpiness * rng.uniform(0.3, 1.0, 6) / 2.5
    bump = (amp * np.cos(unit @ dirs.T * freq + phase)).sum(axis=1)
    verts = unit * (radius * (1.0 + bump))[:, None] * np.asarray(squash, float)
    if flat_bottom is not None:
        verts[:, 2] = np.maximum(verts[:, 2], flat_bottom)
    shaped = trimesh.Trimesh(vertices=verts, faces=sphere.faces, process=False)
    return box_uv_split(shaped)


def translated(mesh: trimesh.Trimesh, offset) -> trimesh.Trimesh:
    out = mesh.copy()
    out.vertices = mesh.vertices + np.asarray(offset, float)
    return out


def quad_strip(points_left: np.ndarray, points_right: np.ndarray) -> trimesh.Trimesh:
    """A ribbon between two polylines (palm fronds, awnings), UVs by arc length."""
    left, right = np.asarray(points_left, float), np.asarray(points_right, float)
    n = len(left)
    verts = np.vstack([left, right])
    mid = (left + right) / 2
    arc = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(mid, axis=0), axis=1))])
    width = np.linalg.norm(right - left, axis=1)
    uv = np.vstack([np.column_stack([-width / 2, arc]), np.column_stack([width / 2, arc])])
    faces = []
    for i in range(n - 1):
        faces += [(i, n + i, n + i + 1), (i, n + i + 1, i + 1)]
    return _mesh(verts, np.array(faces), uv)
