"""The one mesh kernel: every mesh of a set (walls, terrain, props) is built here.

Conventions, for every primitive:
- trimesh meshes with a per-vertex UV set in metres (1 UV unit = 1 m on the surface),
  so a material's tile size in metres maps every surface at true scale;
- normals outward (winding counter-clockwise seen from outside);
- planar faces get their own vertices: horizontal faces take world X/Y (mirrored in
  V when facing down, so a ceiling seen from below is not mirrored), walls take the
  horizontal direction along the wall and world Z, so courses stay level;
- smooth props (barrels, trunks, rocks, foliage) share vertices where the UVs are
  continuous (lathes) or are split per face with a box projection (blobs): the scene
  layer welds coincident vertices of `smooth` parts, so shading is smooth while the
  per-corner UVs keep their seams.
Everything is vectorised: a set makes thousands of these, and the layout stage must
stay well under a second.
"""

from __future__ import annotations

import numpy as np
import trimesh

Profile = list[tuple[float, float]]   # (radius, z) from bottom to top
Rect = tuple[float, float, float, float]  # (u0, v0, u1, v1) in a slab's plane

# One shared placeholder material: trimesh otherwise paints a default texture image
# for every mesh it makes (20 us each, thousands of times per set).
_MATERIAL = trimesh.visual.material.SimpleMaterial()


def new_mesh(vertices: np.ndarray, faces: np.ndarray, uv: np.ndarray) -> trimesh.Trimesh:
    """A trimesh with metre UVs, exactly as given (no merging, no reordering)."""
    mesh = trimesh.Trimesh(vertices=np.asarray(vertices, float),
                           faces=np.asarray(faces, np.int64).reshape(-1, 3), process=False)
    mesh.visual = trimesh.visual.TextureVisuals(uv=np.asarray(uv, float).reshape(-1, 2),
                                                material=_MATERIAL)
    return mesh


def merge(meshes: list[trimesh.Trimesh]) -> trimesh.Trimesh:
    """Concatenate meshes keeping their metre UVs (empty meshes are skipped)."""
    meshes = [m for m in meshes if len(m.faces)]
    if not meshes:
        return new_mesh(np.zeros((0, 3)), np.zeros((0, 3), int), np.zeros((0, 2)))
    offsets = np.cumsum([0] + [len(m.vertices) for m in meshes[:-1]])
    return new_mesh(np.vstack([m.vertices for m in meshes]),
                    np.vstack([m.faces + o for m, o in zip(meshes, offsets)]),
                    np.vstack([m.visual.uv for m in meshes]))


def _moved(mesh: trimesh.Trimesh, vertices: np.ndarray) -> trimesh.Trimesh:
    return new_mesh(vertices, mesh.faces, mesh.visual.uv)


def lathe(profile: Profile, sections: int = 16, cap_bottom: bool = True,
          cap_top: bool = True) -> trimesh.Trimesh:
    """Surface of revolution about +Z; u runs around at the widest radius (metres),
    v along the profile's length, so labels and hoops map at true scale."""
    prof = np.asarray(profile, float)
    radii, zs = prof[:, 0], prof[:, 1]
    angles = np.linspace(0.0, 2 * np.pi, sections + 1)
    ring = np.stack([np.cos(angles), np.sin(angles)], 1)
    cols, rows = len(angles), len(prof)
    verts = np.concatenate([np.column_stack([ring * r, np.full(cols, z)]) for r, z in prof])
    arc = np.concatenate([[0.0], np.cumsum(np.hypot(np.diff(radii), np.diff(zs)))])
    uv = np.column_stack([np.tile(angles * max(radii.max(), 1e-3), rows), np.repeat(arc, cols)])
    i, k = np.meshgrid(np.arange(rows - 1), np.arange(sections), indexing="ij")
    a = (i * cols + k).ravel()
    b, c, d = a + 1, a + 1 + cols, a + cols
    lower = np.repeat(radii[:-1] > 1e-6, sections)
    upper = np.repeat(radii[1:] > 1e-6, sections)
    faces = [np.column_stack([a, b, c])[lower], np.column_stack([a, c, d])[upper]]
    vlist, uvs, n = [verts], [uv], len(verts)
    for cap, row, up in ((cap_bottom, 0, False), (cap_top, rows - 1, True)):
        if not cap or radii[row] <= 1e-6:
            continue
        rim = verts[row * cols:row * cols + sections]
        fan_verts = np.vstack([[0.0, 0.0, zs[row]], rim])
        vlist.append(fan_verts)
        uvs.append(fan_verts[:, :2] * [1.0, 1.0 if up else -1.0])
        kk = np.arange(sections)
        fan = np.column_stack([np.zeros(sections, int), 1 + kk, 1 + (kk + 1) % sections]) + n
        faces.append(fan if up else fan[:, [0, 2, 1]])
        n += sections + 1
    return new_mesh(np.vstack(vlist), np.vstack(faces), np.vstack(uvs))


def frame_to(mesh: trimesh.Trimesh, p0, p1) -> trimesh.Trimesh:
    """Move a +Z-axis mesh whose base is at the origin so it runs from p0 to p1."""
    p0, p1 = np.asarray(p0, float), np.asarray(p1, float)
    z = (p1 - p0) / np.linalg.norm(p1 - p0)
    helper = np.array([1.0, 0.0, 0.0]) if abs(z[0]) < 0.9 else np.array([0.0, 1.0, 0.0])
    x = np.cross(helper, z)
    x /= np.linalg.norm(x)
    y = np.cross(z, x)
    return _moved(mesh, mesh.vertices @ np.column_stack([x, y, z]).T + p0)


def tube(p0, p1, radius: float, sections: int = 10, r1: float | None = None,
         caps: bool = True) -> trimesh.Trimesh:
    """A (tapered) cylinder between two points: pipes, rails, branches."""
    length = float(np.linalg.norm(np.asarray(p1, float) - np.asarray(p0, float)))
    body = lathe([(radius, 0.0), (radius if r1 is None else r1, length)], sections,
                 cap_bottom=caps, cap_top=caps)
    return frame_to(body, p0, p1)


def tubes(p0s, p1s, r0s, r1s=None, sections: int = 8) -> trimesh.Trimesh:
    """Many open (tapered) cylinders at once: neon strokes, twigs, railings."""
    p0s, p1s = np.atleast_2d(np.asarray(p0s, float)), np.atleast_2d(np.asarray(p1s, float))
    n = len(p0s)
    r0s = np.broadcast_to(np.asarray(r0s, float), (n,))
    r1s = r0s if r1s is None else np.broadcast_to(np.asarray(r1s, float), (n,))
    axis = p1s - p0s
    length = np.linalg.norm(axis, axis=1)
    z = axis / np.maximum(length, 1e-9)[:, None]
    helper = np.where(np.abs(z[:, :1]) < 0.9, [[1.0, 0.0, 0.0]], [[0.0, 1.0, 0.0]])
    x = np.cross(helper, z)
    x /= np.linalg.norm(x, axis=1)[:, None]
    y = np.cross(z, x)
    ang = np.linspace(0.0, 2 * np.pi, sections + 1)
    ring = np.cos(ang)[None, :, None] * x[:, None] + np.sin(ang)[None, :, None] * y[:, None]
    verts = np.concatenate([p0s[:, None] + ring * r0s[:, None, None],
                            p1s[:, None] + ring * r1s[:, None, None]], axis=1)
    circ = ang[None] * np.maximum(r0s, r1s)[:, None]
    uv = np.concatenate([np.stack([circ, np.zeros_like(circ)], -1),
                         np.stack([circ, np.repeat(length[:, None], sections + 1, 1)], -1)], 1)
    k = np.arange(sections)
    a, b, c, d = k, k + 1, k + sections + 2, k + sections + 1
    quad = np.concatenate([np.column_stack([a, b, c]), np.column_stack([a, c, d])])
    faces = quad[None] + (np.arange(n) * 2 * (sections + 1))[:, None, None]
    return new_mesh(verts.reshape(-1, 3), faces.reshape(-1, 3), uv.reshape(-1, 2))


def polyline_tube(points, radius: float, sections: int = 8) -> trimesh.Trimesh:
    """Tubes along a polyline, each run on by a radius so the joints close (neon)."""
    pts = np.asarray(points, float)
    d = pts[1:] - pts[:-1]
    d /= np.maximum(np.linalg.norm(d, axis=1), 1e-9)[:, None]
    return tubes(pts[:-1] - d * radius * 0.9, pts[1:] + d * radius * 0.9, radius, None, sections)


def box(center, size, yaw: float = 0.0) -> trimesh.Trimesh:
    """An oriented box (rotated about Z) with metre UVs."""
    half = np.asarray(size, float) / 2
    return transformed(boxes([-half], [half]), yaw, center)


def transformed(mesh: trimesh.Trimesh, yaw: float = 0.0, offset=(0.0, 0.0, 0.0),
                pitch: float = 0.0) -> trimesh.Trimesh:
    """Rotate about X (pitch) then Z (yaw), then move; UVs are kept (rigid motion)."""
    cx, sx = np.cos(pitch), np.sin(pitch)
    cz, sz = np.cos(yaw), np.sin(yaw)
    rot_x = np.array([[1, 0, 0], [0, cx, -sx], [0, sx, cx]])
    rot_z = np.array([[cz, -sz, 0], [sz, cz, 0], [0, 0, 1]])
    return _moved(mesh, mesh.vertices @ (rot_z @ rot_x).T + np.asarray(offset, float))


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
    return new_mesh(tris.reshape(-1, 3), faces, uv.reshape(-1, 2))


def blob(rng: np.random.Generator, radius: float, squash=(1.0, 1.0, 1.0),
         bumpiness: float = 0.2, subdivisions: int = 2, flat_bottom: float | None = None,
         detail: float = 0.0) -> trimesh.Trimesh:
    """A lumpy closed shape (rocks, bushes, canopy clumps): an icosphere pushed by a
    few random low-frequency waves, so no two look alike yet the surface stays smooth;
    `detail` adds finer waves (leafy, broken silhouettes)."""
    sphere = trimesh.creation.icosphere(subdivisions)
    unit = sphere.vertices / np.linalg.norm(sphere.vertices, axis=1)[:, None]
    waves = 6 + (12 if detail > 0 else 0)
    dirs = rng.normal(size=(waves, 3))
    dirs /= np.linalg.norm(dirs, axis=1)[:, None]
    freq = np.concatenate([rng.uniform(1.5, 4.0, 6), rng.uniform(7.0, 16.0, waves - 6)])
    phase = rng.uniform(0, 2 * np.pi, waves)
    amp = np.concatenate([bumpiness * rng.uniform(0.3, 1.0, 6) / 2.5,
                          detail * rng.uniform(0.3, 1.0, waves - 6) / 6.0])
    bump = (amp * np.cos(unit @ dirs.T * freq + phase)).sum(axis=1)
    verts = unit * (radius * (1.0 + bump))[:, None] * np.asarray(squash, float)
    if flat_bottom is not None:
        verts[:, 2] = np.maximum(verts[:, 2], flat_bottom)
    shaped = trimesh.Trimesh(vertices=verts, faces=sphere.faces, process=False)
    return box_uv_split(shaped)


def translated(mesh: trimesh.Trimesh, offset) -> trimesh.Trimesh:
    return _moved(mesh, mesh.vertices + np.asarray(offset, float))


def quad_strip(points_left: np.ndarray, points_right: np.ndarray) -> trimesh.Trimesh:
    """A ribbon between two polylines (palm fronds, awnings), UVs by arc length."""
    left, right = np.asarray(points_left, float), np.asarray(points_right, float)
    n = len(left)
    verts = np.vstack([left, right])
    mid = (left + right) / 2
    arc = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(mid, axis=0), axis=1))])
    width = np.linalg.norm(right - left, axis=1)
    uv = np.vstack([np.column_stack([-width / 2, arc]), np.column_stack([width / 2, arc])])
    i = np.arange(n - 1)
    faces = np.concatenate([np.column_stack([i, n + i, n + i + 1]),
                            np.column_stack([i, n + i + 1, i + 1])])
    return new_mesh(verts, faces, uv)


def quads(corners: np.ndarray, normals: np.ndarray) -> trimesh.Trimesh:
    """Many quads at once (N, 4, 3) with metre UVs, wound to face `normals`."""
    corners = np.array(corners, float)
    normals = np.asarray(normals, float)
    cross = np.cross(corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0])
    flip = np.einsum("ij,ij->i", cross, normals) < 0
    corners[flip] = corners[flip][:, ::-1]
    n = len(corners)
    along = np.column_stack([-normals[:, 1], normals[:, 0], np.zeros(n)])
    horiz = np.abs(normals[:, 2]) > 0.7
    along[horiz] = [1.0, 0.0, 0.0]
    along /= np.linalg.norm(along, axis=1)[:, None]
    uv = np.stack([np.einsum("nkj,nj->nk", corners, along), corners[:, :, 2]], axis=2)
    uv[horiz] = corners[horiz][:, :, :2]
    uv[horiz & (normals[:, 2] < 0), :, 1] *= -1.0
    faces = np.arange(n * 4).reshape(n, 4)
    tri = np.vstack([faces[:, [0, 1, 2]], faces[:, [0, 2, 3]]])
    return new_mesh(corners.reshape(-1, 3), tri, uv.reshape(-1, 2))


_BOX_QUADS = np.array([[0, 2, 3, 1], [4, 5, 7, 6], [0, 1, 5, 4], [2, 6, 7, 3], [0, 4, 6, 2],
                       [1, 3, 7, 5]])
_BOX_NORMALS = np.array([[-1, 0, 0], [1, 0, 0], [0, -1, 0], [0, 1, 0], [0, 0, -1], [0, 0, 1.0]])


def boxes(lo, hi) -> trimesh.Trimesh:
    """Many axis-aligned boxes (min corners `lo`, max corners `hi`) in one call:
    window frames, sleepers, stripes."""
    lo, hi = np.atleast_2d(np.asarray(lo, float)), np.atleast_2d(np.asarray(hi, float))
    bits = np.array([[(k >> 2) & 1, (k >> 1) & 1, k & 1] for k in range(8)], float)
    corners = lo[:, None, :] + bits[None] * (hi - lo)[:, None, :]      # (N, 8, 3)
    quad_corners = corners[:, _BOX_QUADS].reshape(-1, 4, 3)
    normals = np.tile(_BOX_NORMALS, (len(lo), 1))
    return quads(quad_corners, normals)


def slab(origin, u_axis, v_axis, w_axis, size: tuple[float, float, float],
         openings=()) -> trimesh.Trimesh:
    """A wall spanning size=(L, H, T) along u, v, w with rectangular holes
    (u0, v0, u1, v1) through it: the (u, v) plane is cut into a grid at the slab and
    hole edges; solid cells get front/back faces and a side face wherever they border
    a hole or the outside, which gives the reveals of windows and doors for free."""
    length, height, thick = size
    us = _cuts(length, [(r[0], r[2]) for r in openings])
    vs = _cuts(height, [(r[1], r[3]) for r in openings])
    cu, cv = (us[:-1] + us[1:]) / 2, (vs[:-1] + vs[1:]) / 2
    solid = np.ones((len(cu), len(cv)), bool)
    for r in openings:
        solid &= ~(((cu > r[0]) & (cu < r[2]))[:, None] & ((cv > r[1]) & (cv < r[3]))[None, :])
    o, U, V, W = (np.asarray(a, float) for a in (origin, u_axis, v_axis, w_axis))
    pad = np.pad(solid, 1, constant_values=False)
    i, j = np.nonzero(solid)
    u0, u1, v0, v1 = us[i], us[i + 1], vs[j], vs[j + 1]
    local, normals = [], []

    def emit(pts, normal, mask=None):
        sel = slice(None) if mask is None else mask
        local.append(np.stack([np.column_stack([a[sel], b[sel], c[sel]]) for a, b, c in pts], 1))
        normals.append(np.tile(normal, (len(local[-1]), 1)))

    zero, full = np.zeros_like(u0), np.full_like(u0, thick)
    for w_val, sign in ((zero, -1.0), (full, 1.0)):
        emit([(u0, v0, w_val), (u1, v0, w_val), (u1, v1, w_val), (u0, v1, w_val)], sign * W)
    sides = [(~pad[i, j + 1], [(u0, v0, zero), (u0, v1, zero), (u0, v1, full), (u0, v0, full)], -U),
             (~pad[i + 2, j + 1], [(u1, v0, zero), (u1, v1, zero), (u1, v1, full), (u1, v0, full)], U),
             (~pad[i + 1, j], [(u0, v0, zero), (u1, v0, zero), (u1, v0, full), (u0, v0, full)], -V),
             (~pad[i + 1, j + 2], [(u0, v1, zero), (u1, v1, zero), (u1, v1, full), (u0, v1, full)], V)]
    for mask, pts, normal in sides:
        if mask.any():
            emit(pts, normal, mask)
    loc = np.concatenate(local)
    world = o + loc[..., :1] * U + loc[..., 1:2] * V + loc[..., 2:3] * W
    return quads(world, np.concatenate(normals))


def _cuts(extent: float, spans) -> np.ndarray:
    values = {0.0, extent}
    for a, b in spans:
        values.update((min(max(a, 0.0), extent), min(max(b, 0.0), extent)))
    return np.array(sorted(values))


def box_mesh(lo, hi) -> trimesh.Trimesh:
    """One axis-aligned box from its min and max corners."""
    return boxes([lo], [hi])


def quad(corners, normal) -> trimesh.Trimesh:
    """One planar quad (4 corners, any winding) facing `normal`."""
    return quads(np.asarray([corners], float), np.asarray([normal], float))


def subset(mesh: trimesh.Trimesh, keep: np.ndarray) -> trimesh.Trimesh:
    """The faces where `keep` is true, with only the vertices (and UVs) they use."""
    used, inverse = np.unique(mesh.faces[keep], return_inverse=True)
    return new_mesh(mesh.vertices[used], inverse.reshape(-1, 3), mesh.visual.uv[used])


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


def sweep(points, radii, sections: int = 8) -> trimesh.Trimesh:
    """Open tubes along polylines with a radius per point (trunks, limbs, twigs):
    `points` (P, 3) or a batch (N, P, 3) with `radii` (P,) or (N, P). Rings follow a
    parallel-transported frame, so a bending branch stays one smooth surface with no
    cracks or twists at its joints; u runs around (metres at the widest radius), v
    along the arc. A batch is one vectorised call (a tree has hundreds of twigs)."""
    pts = np.asarray(points, float)
    rad = np.asarray(radii, float)
    if pts.ndim == 2:
        pts, rad = pts[None], rad[None]
    count, rows = pts.shape[:2]
    seg = np.diff(pts, axis=1)
    seg /= np.maximum(np.linalg.norm(seg, axis=2), 1e-9)[..., None]
    tangent = np.concatenate([seg[:, :1], seg[:, :-1] + seg[:, 1:], seg[:, -1:]], axis=1)
    tangent /= np.maximum(np.linalg.norm(tangent, axis=2), 1e-9)[..., None]
    helper = np.where(np.abs(tangent[:, :1, 0]) < 0.9, [[1.0, 0.0, 0.0]], [[0.0, 1.0, 0.0]])
    normal = np.empty_like(pts)
    n = np.cross(helper, tangent[:, 0])
    for i in range(rows):
        t = tangent[:, i]
        n = n - np.einsum("ij,ij->i", n, t)[:, None] * t
        n /= np.maximum(np.linalg.norm(n, axis=1), 1e-9)[:, None]
        normal[:, i] = n
    binormal = np.cross(tangent, normal)
    ang = np.linspace(0.0, 2 * np.pi, sections + 1)
    ring = (np.cos(ang)[None, None, :, None] * normal[:, :, None]
            + np.sin(ang)[None, None, :, None] * binormal[:, :, None])
    verts = pts[:, :, None] + ring * rad[..., None, None]
    arc = np.concatenate([np.zeros((count, 1)),
                          np.cumsum(np.linalg.norm(np.diff(pts, axis=1), axis=2), axis=1)], 1)
    circ = ang[None, None, :] * np.maximum(rad.max(axis=1), 1e-3)[:, None, None]
    uv = np.stack(np.broadcast_arrays(circ, arc[:, :, None]), -1)
    cols = sections + 1
    i, k = np.meshgrid(np.arange(rows - 1), np.arange(sections), indexing="ij")
    a = (i * cols + k).ravel()
    quad = np.concatenate([np.column_stack([a, a + 1, a + 1 + cols]),
                           np.column_stack([a, a + 1 + cols, a + cols])])
    faces = quad[None] + (np.arange(count) * rows * cols)[:, None, None]
    return new_mesh(verts.reshape(-1, 3), faces.reshape(-1, 3), uv.reshape(-1, 2))


def cards(centres, normals, ups, width: float, height: float) -> trimesh.Trimesh:
    """Many flat quads (leaf and needle cards) facing `normals`, their height along
    `ups`: UVs in metres centred on each card (u in +-width/2, v in +-height/2), so an
    alpha pattern in the shader can cut leaves out and fade the card's outline."""
    c = np.atleast_2d(np.asarray(centres, float))
    nrm = np.atleast_2d(np.asarray(normals, float))
    nrm = nrm / np.maximum(np.linalg.norm(nrm, axis=1), 1e-9)[:, None]
    right = np.cross(np.atleast_2d(np.asarray(ups, float)), nrm)
    right /= np.maximum(np.linalg.norm(right, axis=1), 1e-9)[:, None]
    up = np.cross(nrm, right)
    su = np.array([-1.0, 1.0, 1.0, -1.0]) * width / 2
    sv = np.array([-1.0, -1.0, 1.0, 1.0]) * height / 2
    verts = c[:, None] + su[None, :, None] * right[:, None] + sv[None, :, None] * up[:, None]
    uv = np.tile(np.column_stack([su, sv]), (len(c), 1))
    base = (np.arange(len(c)) * 4)[:, None]
    faces = np.concatenate([base + [0, 1, 2], base + [0, 2, 3]])
    return new_mesh(verts.reshape(-1, 3), faces, uv)
