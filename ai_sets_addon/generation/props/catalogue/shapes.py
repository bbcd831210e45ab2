"""Shape helpers for the catalogue, built on the one mesh kernel (generation/mesh.py):
bevelled boxes, rounded cushions, bevelled profile extrusions and lofted grids.

mesh.py already has lathes, tubes, swept tubes and flat boxes; these add what furniture
needs so that no edge is a razor-sharp box edge (light catches a bevel, which is what
makes a cabinet read as made). Same conventions as mesh.py: metre UVs, outward normals,
flat pieces split per face (box projection), smooth pieces welded by the scene layer.
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

import numpy as np
import trimesh

from ...mesh import box_uv_split, lathe, new_mesh, sweep, translated

Poly = list[tuple[float, float]]


class _Raw(NamedTuple):
    """Vertices and faces for mesh.box_uv_split, which reads only these two: building a
    throw-away trimesh first cost as much as the split itself."""
    vertices: np.ndarray
    faces: np.ndarray


# ----------------------------------------------------------------------------- bevelled boxes

@cache
def _bevel_template() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Topology of a chamfered box: 24 vertices (3 per corner, one per axis), 44 faces
    (6 faces, 12 edge chamfers, 8 corner triangles), wound outward. Returns the corner
    signs (24, 3), the axis each vertex stays full on (24,), and the faces."""
    signs = np.array([[sx, sy, sz] for sx in (-1, 1) for sy in (-1, 1) for sz in (-1, 1)], float)
    vsign = np.repeat(signs, 3, axis=0)
    vaxis = np.tile(np.arange(3), 8)
    pos = vsign * 0.8 + vsign * 0.2 * np.eye(3)[vaxis]
    polys = []
    for a in range(3):                      # main faces
        for s in (-1, 1):
            polys.append(np.nonzero((vaxis == a) & (vsign[:, a] == s))[0])
    for a in range(3):                      # edge chamfers along axis a
        b, c = [k for k in range(3) if k != a]
        for sb in (-1, 1):
            for sc in (-1, 1):
                polys.append(np.nonzero((vsign[:, b] == sb) & (vsign[:, c] == sc)
                                        & ((vaxis == b) | (vaxis == c)))[0])
    for k in range(8):                      # corners
        polys.append(np.arange(3 * k, 3 * k + 3))
    faces = []
    for poly in polys:
        pts = pos[poly]
        centre = pts.mean(axis=0)
        normal = centre / np.linalg.norm(centre)
        ref = np.array([1.0, 0, 0]) if abs(normal[0]) < 0.9 else np.array([0, 1.0, 0])
        e1 = np.cross(normal, ref)
        e1 /= np.linalg.norm(e1)
        e2 = np.cross(normal, e1)
        ang = np.arctan2((pts - centre) @ e2, (pts - centre) @ e1)
        ring = poly[np.argsort(ang)]
        for i in range(1, len(ring) - 1):
            tri = [ring[0], ring[i], ring[i + 1]]
            n = np.cross(pos[tri[1]] - pos[tri[0]], pos[tri[2]] - pos[tri[0]])
            faces.append(tri if n @ normal > 0 else tri[::-1])
    return vsign, vaxis, np.array(faces)


def bevel_boxes(lo, hi, bevel: float | np.ndarray = 0.01) -> trimesh.Trimesh:
    """Many axis-aligned boxes with chamfered edges (44 faces each); the bevel is
    clamped to 45 % of each box's thinnest side."""
    lo, hi = np.atleast_2d(np.asarray(lo, float)), np.atleast_2d(np.asarray(hi, float))
    vsign, vaxis, faces = _bevel_template()
    half = (hi - lo) / 2
    bev = np.minimum(np.broadcast_to(np.asarray(bevel, float), (len(lo),)),
                     0.9 * half.min(axis=1))
    centre = (lo + hi) / 2
    inner = half - bev[:, None]
    verts = (centre[:, None] + vsign[None] * inner[:, None]
             + vsign[None] * np.eye(3)[vaxis][None] * bev[:, None, None])
    all_faces = faces[None] + (np.arange(len(lo)) * 24)[:, None, None]
    return box_uv_split(_Raw(verts.reshape(-1, 3), all_faces.reshape(-1, 3)))


def bevel_box(center, size, bevel: float = 0.01) -> trimesh.Trimesh:
    c, s = np.asarray(center, float), np.asarray(size, float) / 2
    return bevel_boxes([c - s], [c + s], bevel)


def bbox(x0, y0, z0, x1, y1, z1, bevel: float = 0.01) -> trimesh.Trimesh:
    """A bevelled box from its min and max corners (the most used call)."""
    return bevel_boxes([(x0, y0, z0)], [(x1, y1, z1)], bevel)


# ----------------------------------------------------------------------------- cushions

def _axis_samples(h: float, r: float, seg: int, mid: int) -> np.ndarray:
    """Coordinates across a side: `seg` steps in each rounded band, `mid` across the flat."""
    t = np.linspace(0.0, 1.0, seg + 1)
    band = -h + r * t
    flat = np.linspace(-h + r, h - r, mid + 1)[1:-1]
    return np.concatenate([band, flat, -band[::-1]])


def rounded_box(lo, hi, radius: float, seg: int = 2, mid: int = 2,
                puff: float = 0.0) -> trimesh.Trimesh:
    """A rounded, subdivided box: seat and back cushions, mattresses, pillows.
    Each face is a grid pushed onto a box with spherical corners of `radius`;
    `puff` domes the top and bottom faces (a filled cushion bulges in the middle)."""
    lo, hi = np.asarray(lo, float), np.asarray(hi, float)
    centre, half = (lo + hi) / 2, (hi - lo) / 2
    r = float(min(radius, half.min() * 0.98))
    axes = [_axis_samples(half[k], r, seg, mid) for k in range(3)]
    quads_v, quads_f, n = [], [], 0
    for a in range(3):
        b, c = [k for k in range(3) if k != a]
        for s in (-1, 1):
            gb, gc = np.meshgrid(axes[b], axes[c], indexing="ij")
            pts = np.zeros(gb.shape + (3,))
            pts[..., a], pts[..., b], pts[..., c] = s * half[a], gb, gc
            rows, cols = gb.shape
            idx = np.arange(rows * cols).reshape(rows, cols)
            q = np.stack([idx[:-1, :-1], idx[1:, :-1], idx[1:, 1:], idx[:-1, 1:]], -1).reshape(-1, 4)
            tri = np.vstack([q[:, [0, 1, 2]], q[:, [0, 2, 3]]])
            # orientation: (b x c) = +a for the cyclic order, flip for the other side
            cyclic = (b - a) % 3 == 1
            if (s > 0) != cyclic:
                tri = tri[:, ::-1]
            quads_v.append(pts.reshape(-1, 3))
            quads_f.append(tri + n)
            n += rows * cols
    p = np.vstack(quads_v)
    core = np.clip(p, -(half - r), half - r)
    d = p - core
    length = np.linalg.norm(d, axis=1)
    p = core + d / np.maximum(length, 1e-12)[:, None] * r
    if puff:
        fx = 1 - (np.clip(p[:, 0] / half[0], -1, 1)) ** 2
        fy = 1 - (np.clip(p[:, 1] / half[1], -1, 1)) ** 2
        p[:, 2] += np.sign(p[:, 2]) * puff * fx * fy * (np.abs(p[:, 2]) > half[2] - r - 1e-9)
    return box_uv_split(_Raw(p + centre, np.vstack(quads_f)))


def rounded_rect_path(hx: float, hy: float, r: float, z: float, per_corner: int = 3
                      ) -> np.ndarray:
    """A closed loop around a rounded rectangle (for piping, seams and rims)."""
    r = min(r, hx * 0.99, hy * 0.99)
    pts = []
    for cx, cy, a0 in ((hx - r, hy - r, 0.0), (-hx + r, hy - r, 0.5 * np.pi),
                       (-hx + r, -hy + r, np.pi), (hx - r, -hy + r, 1.5 * np.pi)):
        for t in np.linspace(a0, a0 + 0.5 * np.pi, per_corner + 1):
            pts.append((cx + r * np.cos(t), cy + r * np.sin(t), z))
    pts.append(pts[0])
    return np.array(pts)


def piping(hx: float, hy: float, r: float, z: float, thick: float = 0.006,
           offset=(0.0, 0.0, 0.0)) -> trimesh.Trimesh:
    """The welt seam around a cushion's top or bottom edge."""
    path = rounded_rect_path(hx, hy, r, z, 2) + np.asarray(offset, float)
    return sweep(path, np.full(len(path), thick), 6)


def cushion(lo, hi, radius: float | None = None, puff: float = 0.012, seams: bool = True
            ) -> list[trimesh.Trimesh]:
    """A seat/back cushion with its two piped seams."""
    lo, hi = np.asarray(lo, float), np.asarray(hi, float)
    half = (hi - lo) / 2
    r = radius if radius is not None else min(0.04, half.min() * 0.8)
    out = [rounded_box(lo, hi, r, seg=2, mid=1, puff=puff)]
    if seams:
        c = (lo + hi) / 2
        for z in (hi[2] - r * 0.55, lo[2] + r * 0.55):
            out.append(piping(half[0] - r * 0.16, half[1] - r * 0.16, r * 1.1, z,
                              offset=(c[0], c[1], 0.0)))
    return out


# ----------------------------------------------------------------------------- profiles

def _area2(poly: np.ndarray) -> float:
    x, y = poly[:, 0], poly[:, 1]
    return float(np.dot(x, np.roll(y, -1)) - np.dot(np.roll(x, -1), y))


def ear_clip(poly: np.ndarray) -> np.ndarray:
    """Triangles of a simple polygon (counter-clockwise), by ear clipping: profiles have
    tens of points, so the quadratic cost is nothing."""
    idx = list(range(len(poly)))
    tris = []
    guard = 0
    while len(idx) > 3 and guard < 10000:
        guard += 1
        n = len(idx)
        for k in range(n):
            i0, i1, i2 = idx[k - 1], idx[k], idx[(k + 1) % n]
            a, b, c = poly[i0], poly[i1], poly[i2]
            cross = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
            if cross <= 1e-12:
                continue
            others = poly[[j for j in idx if j not in (i0, i1, i2)]]
            if len(others):
                v0, v1, v2 = c - a, b - a, others - a
                d00, d01, d11 = v0 @ v0, v0 @ v1, v1 @ v1
                d02, d12 = v2 @ v0, v2 @ v1
                inv = 1.0 / (d00 * d11 - d01 * d01 + 1e-30)
                u = (d11 * d02 - d01 * d12) * inv
                v = (d00 * d12 - d01 * d02) * inv
                if np.any((u >= -1e-9) & (v >= -1e-9) & (u + v <= 1 + 1e-9)):
                    continue
            tris.append((i0, i1, i2))
            idx.pop(k)
            break
        else:                      # degenerate remainder: fan it
            break
    for k in range(1, len(idx) - 1):
        tris.append((idx[0], idx[k], idx[k + 1]))
    return np.array(tris, int)


def fillet(poly: Poly, radius: float, steps: int = 3) -> np.ndarray:
    """Round every corner of a polygon (a profile with softened corners)."""
    p = np.asarray(poly, float)
    out = []
    n = len(p)
    for k in range(n):
        a, b, c = p[k - 1], p[k], p[(k + 1) % n]
        da, dc = a - b, c - b
        la, lc = np.linalg.norm(da), np.linalg.norm(dc)
        r = min(radius, la * 0.45, lc * 0.45)
        if r < 1e-5:
            out.append(b)
            continue
        p0, p1 = b + da / la * r, b + dc / lc * r
        for t in np.linspace(0, 1, steps + 1):          # quadratic Bezier through the corner
            out.append((1 - t) ** 2 * p0 + 2 * (1 - t) * t * b + t ** 2 * p1)
    return np.array(out)


def _inset(poly: np.ndarray, d: float) -> np.ndarray:
    """The polygon moved inward by about d (miter offset, clamped at sharp corners)."""
    prev, nxt = np.roll(poly, 1, axis=0), np.roll(poly, -1, axis=0)
    e0 = poly - prev
    e1 = nxt - poly
    e0 /= np.maximum(np.linalg.norm(e0, axis=1), 1e-12)[:, None]
    e1 /= np.maximum(np.linalg.norm(e1, axis=1), 1e-12)[:, None]
    n0 = np.column_stack([-e0[:, 1], e0[:, 0]])
    n1 = np.column_stack([-e1[:, 1], e1[:, 0]])
    m = n0 + n1
    m /= np.maximum(np.linalg.norm(m, axis=1), 1e-12)[:, None]
    scale = 1.0 / np.clip(np.einsum("ij,ij->i", m, n1), 0.5, 1.0)
    return poly + m * (d * scale)[:, None]


def prism(profile, y0: float, y1: float, bevel: float = 0.0) -> trimesh.Trimesh:
    """A profile drawn in the XZ plane (x, z) extruded along Y from y0 to y1, its rims
    chamfered by `bevel`: chair sides, car bodies, bath tubs, sofa arms, signs."""
    poly = np.asarray(profile, float)
    if _area2(poly) < 0:
        poly = poly[::-1]
    b = min(bevel, abs(y1 - y0) * 0.3)
    if b > 0:
        small = _inset(poly, b)
        rings = [(small, y0), (poly, y0 + b), (poly, y1 - b), (small, y1)]
    else:
        small = poly
        rings = [(poly, y0), (poly, y1)]
    n = len(poly)
    verts = np.vstack([np.column_stack([p[:, 0], np.full(n, y), p[:, 1]]) for p, y in rings])
    faces = []
    k = np.arange(n)
    for r in range(len(rings) - 1):
        a, bb = r * n + k, r * n + (k + 1) % n
        c, d = bb + n, a + n
        # polygon CCW in (x, z) seen from -Y: outward side faces need this order
        faces.append(np.column_stack([a, bb, c]))
        faces.append(np.column_stack([a, c, d]))
    cap = ear_clip(small)
    faces.append(cap[:, ::-1])                    # the y0 cap faces -Y
    faces.append(cap[:, [0, 1, 2]] + (len(rings) - 1) * n)
    faces = np.vstack(faces)
    return box_uv_split(_Raw(verts, faces if _signed_volume(verts, faces) >= 0 else faces[:, ::-1]))


def _signed_volume(vertices: np.ndarray, faces: np.ndarray) -> float:
    tri = vertices[faces]
    return float(np.einsum("ij,ij->i", tri[:, 0], np.cross(tri[:, 1], tri[:, 2])).sum())


def _orient_outward(mesh: trimesh.Trimesh) -> None:
    """Flip all faces if the signed volume is negative (closed meshes only)."""
    if _signed_volume(mesh.vertices, mesh.faces) < 0:
        mesh.faces = mesh.faces[:, ::-1]


# ----------------------------------------------------------------------------- grids

def grid(points: np.ndarray, wrap: bool = False, close_ends: bool = False) -> trimesh.Trimesh:
    """A surface through a grid of points (R, C, 3) or a batch (N, R, C, 3): lofted
    hulls, draped sheets, rugs' fringes, leaves. UVs by arc length in metres (u across
    the columns along the first row, v down the rows). `wrap` joins the last column to
    the first (a loft around); `close_ends` fans each end row's centre (a closed loft)."""
    pts = np.asarray(points, float)
    if pts.ndim == 3:
        pts = pts[None]
    count, rows, cols = pts.shape[:3]
    if wrap:
        pts = np.concatenate([pts, pts[:, :, :1]], axis=2)
        cols += 1
    du = np.linalg.norm(np.diff(pts, axis=2), axis=3).mean(axis=1)      # (N, C-1)
    dv = np.linalg.norm(np.diff(pts, axis=1), axis=3).mean(axis=2)      # (N, R-1)
    u = np.concatenate([np.zeros((count, 1)), np.cumsum(du, axis=1)], 1)
    v = np.concatenate([np.zeros((count, 1)), np.cumsum(dv, axis=1)], 1)
    uv = np.stack(np.broadcast_arrays(u[:, None, :], v[:, :, None]), -1)
    i, k = np.meshgrid(np.arange(rows - 1), np.arange(cols - 1), indexing="ij")
    a = (i * cols + k).ravel()
    quad = np.concatenate([np.column_stack([a, a + cols, a + cols + 1]),
                           np.column_stack([a, a + cols + 1, a + 1])])
    faces = quad[None] + (np.arange(count) * rows * cols)[:, None, None]
    verts, uvs, fl = [pts.reshape(-1, 3)], [uv.reshape(-1, 2)], [faces.reshape(-1, 3)]
    if close_ends:
        base = count * rows * cols
        for row, flip in ((0, False), (rows - 1, True)):
            ring = pts[:, row, :cols - 1 if wrap else cols]                 # (N, C', 3)
            m = ring.shape[1]
            centre = ring.mean(axis=1, keepdims=True)
            vv = np.concatenate([centre, ring], axis=1)
            kk = np.arange(m)
            kn = (kk + 1) % m
            fan = np.column_stack([np.zeros(m, int), 1 + kk, 1 + kn])
            fan = fan[:, ::-1] if flip else fan
            ff = fan[None] + (base + np.arange(count) * (m + 1))[:, None, None]
            verts.append(vv.reshape(-1, 3))
            uvs.append(vv.reshape(-1, 3)[:, :2])
            fl.append(ff.reshape(-1, 3))
            base += count * (m + 1)
    return new_mesh(np.vstack(verts), np.vstack(fl), np.vstack(uvs))


def outward(mesh: trimesh.Trimesh) -> trimesh.Trimesh:
    """A closed mesh wound outward (lofts whose orientation depends on the input)."""
    _orient_outward(mesh)
    return mesh


# ----------------------------------------------------------------------------- small parts

def cos_multiple(x: np.ndarray, y: np.ndarray, n: int) -> np.ndarray:
    """cos(n * theta) of each point's polar angle, by the Chebyshev recurrence on x / rho:
    only products, sums and a square root, all exactly rounded, so the bytes never vary.
    (numpy's vectorised arctan2 differs in the last bit with the arrays' memory alignment,
    which made ribbed lathes differ from one build to the next.)"""
    rho = np.sqrt(x * x + y * y)
    c = np.divide(x, rho, out=np.ones_like(x), where=rho > 1e-12)
    prev, cur = np.ones_like(c), c
    for _ in range(n - 1):
        prev, cur = cur, 2.0 * c * cur - prev
    return cur if n > 0 else prev


def bar_handle(x: float, y: float, z: float, length: float, vertical: bool = False,
               standoff: float = 0.025, r: float = 0.006, facing: float = -1.0
               ) -> trimesh.Trimesh:
    """A D-shaped pull handle on a front facing `facing` Y (bent rod: posts and grip)."""
    h = length / 2
    if vertical:
        path = [(x, y, z - h), (x, y + facing * standoff, z - h),
                (x, y + facing * standoff, z + h), (x, y, z + h)]
    else:
        path = [(x - h, y, z), (x - h, y + facing * standoff, z),
                (x + h, y + facing * standoff, z), (x + h, y, z)]
    path = np.asarray(path, float)
    dense = np.vstack([path[0], path[0] + (path[1] - path[0]) * 0.7,
                       path[1] + (path[2] - path[1]) * 0.12,
                       path[2] + (path[1] - path[2]) * 0.12,
                       path[3] + (path[2] - path[3]) * 0.7, path[3]])
    return sweep(dense, np.full(len(dense), r), 6)


def knob(x: float, y: float, z: float, r: float = 0.015, facing: float = -1.0
         ) -> trimesh.Trimesh:
    """A turned knob on a front facing `facing` Y."""
    body = lathe([(r * 0.45, 0.0), (r * 0.4, r * 0.8), (r, r * 1.3), (r * 0.9, r * 1.9),
                  (0.0, r * 2.0)], 8, True, False)
    v = body.vertices.copy()
    v[:, [1, 2]] = np.column_stack([facing * v[:, 2], v[:, 1]])
    return new_mesh(v + (x, y, z), body.faces[:, ::-1] if facing > 0 else body.faces,
                    body.visual.uv)


def hinge(x: float, y: float, z: float, length: float = 0.07, r: float = 0.006
          ) -> trimesh.Trimesh:
    """A butt hinge's knuckle: a short vertical barrel with end pins."""
    body = lathe([(r * 0.5, z - length / 2 - 0.004), (r, z - length / 2), (r, z + length / 2),
                  (r * 0.5, z + length / 2 + 0.004)], 6)
    return translated(body, (x, y, 0.0))


def turned_leg(x: float, y: float, h: float, r: float, style: int = 0, top: float = 0.0
               ) -> trimesh.Trimesh:
    """A table or chair leg: 0 tapered, 1 turned (beads and a vase), 2 straight round."""
    if style == 0:
        prof = [(r * 0.55, 0.0), (r * 0.6, 0.01), (r, h * 0.96), (r, h)]
    elif style == 1:
        prof = [(r * 0.7, 0.0), (r * 0.8, 0.02), (r * 0.6, h * 0.12), (r * 0.75, h * 0.35),
                (r * 1.05, h * 0.5), (r * 0.7, h * 0.62), (r * 0.9, h * 0.68),
                (r * 0.7, h * 0.72), (r * 1.0, h * 0.8), (r * 1.0, h)]
    else:
        prof = [(r * 0.95, 0.0), (r, 0.005), (r, h)]
    return translated(lathe([(a, b + top) for a, b in prof], 8, True, True), (x, y, 0.0))


def leaves(bases: np.ndarray, dirs: np.ndarray, length, width,
           droop: float = 0.35, rows: int = 5) -> trimesh.Trimesh:
    """Modelled leaves: each a lanceolate blade folded along its midrib and curving
    down under its own weight (a grid of rows x 3 points), not an alpha card."""
    bases = np.atleast_2d(np.asarray(bases, float))
    dirs = np.atleast_2d(np.asarray(dirs, float))
    n = len(bases)
    length = np.broadcast_to(np.asarray(length, float), (n,))
    width = np.broadcast_to(np.asarray(width, float), (n,))
    d = dirs / np.maximum(np.linalg.norm(dirs, axis=1), 1e-9)[:, None]
    side = np.cross(d, [0.0, 0.0, 1.0])
    bad = np.linalg.norm(side, axis=1) < 1e-6
    side[bad] = [1.0, 0.0, 0.0]
    side /= np.linalg.norm(side, axis=1)[:, None]
    up = np.cross(side, d)
    t = np.linspace(0.0, 1.0, rows)
    half_w = np.sin(np.pi * np.clip(t, 0, 1) ** 0.8) * 0.5              # blade outline
    bend = droop * t ** 2                                                # droop along
    across = np.array([-1.0, 0.0, 1.0])
    fold = np.array([0.25, 0.0, 0.25])                                    # V along the rib
    pts = (bases[:, None, None]
           + (t[None, :, None, None] * length[:, None, None, None]) * d[:, None, None]
           + (half_w[None, :, None, None] * across[None, None, :, None]
              * width[:, None, None, None]) * side[:, None, None]
           + ((fold[None, None, :, None] * half_w[None, :, None, None] * width[:, None, None, None])
              - (bend[None, :, None, None] * length[:, None, None, None])) * up[:, None, None])
    return grid(pts)





def slab_xy(outline, z0: float, z1: float, bevel: float = 0.0) -> trimesh.Trimesh:
    """An outline drawn in plan (x, y) extruded up from z0 to z1 with chamfered rims:
    a grand piano's case and lid, a tray, a table top of any shape."""
    m = prism(np.asarray(outline, float), z0, z1, bevel)     # profile in XZ, extruded along Y
    v = m.vertices[:, [0, 2, 1]]
    return new_mesh(v, m.faces[:, ::-1], m.visual.uv)


__all__ = ["bar_handle", "bbox", "bevel_box", "bevel_boxes", "cos_multiple", "cushion", "ear_clip", "fillet",
           "grid", "hinge", "knob", "leaves", "outward", "piping", "prism", "rounded_box",
           "rounded_rect_path", "slab_xy", "turned_leg"]
