"""Modular buildings for streets, alleys and skylines.

A facade is a thick slab with a grid of window openings (bays x floors), shopfronts
and a door on the ground floor, recessed frames, glass, sills, a string course and a
cornice; a shell (sides, back, roof) closes the building so windows show a dark
interior, not the sky. At night some windows glow. Distant skyline blocks are boxes
with window quads on their faces (cheap: thousands of windows in one mesh).

Local frame of a building: u along the street (X), the facade's outer face at y = 0
facing -Y (the street), the building behind it (+Y), ground at z = 0. `Frame`
places it in the world by a yaw and an origin.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import trimesh

from ...model.plan import MeshPart
from ..styles import Facade
from ..mesh import boxes, merge, polyline_tube, quad, quads, slab

FACADE_T = 0.35     # facade wall thickness (m)
REVEAL = 0.2        # how deep the window frame sits behind the outer face


@dataclass(frozen=True)
class Frame:
    """Where a building's local frame sits in the world."""

    origin: tuple[float, float, float]
    yaw: float

    def apply(self, mesh: trimesh.Trimesh) -> trimesh.Trimesh:
        c, s = np.cos(self.yaw), np.sin(self.yaw)
        out = mesh.copy()
        out.vertices = mesh.vertices @ np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]]).T \
            + np.asarray(self.origin, float)
        return out

    def point(self, local) -> np.ndarray:
        c, s = np.cos(self.yaw), np.sin(self.yaw)
        x, y, z = local
        return np.array([c * x - s * y, s * x + c * y, z]) + np.asarray(self.origin, float)

    def direction(self, local) -> np.ndarray:
        c, s = np.cos(self.yaw), np.sin(self.yaw)
        x, y, z = local
        return np.array([c * x - s * y, s * x + c * y, z])


@dataclass
class BuildingDesign:
    """One building's proportions, drawn once per seed."""

    width: float
    floors: int
    bays: int
    ground_h: float = 4.2
    floor_h: float = 3.1
    depth: float = 10.0
    window_w: float = 1.3
    window_h: float = 1.9
    shop: bool = True
    material: str = "facade_a"
    lit: np.ndarray | None = None      # (floors-1, bays) bool: which windows glow
    shutters: bool = False             # open shutters beside the upper windows
    balconies: bool = False            # a wrought-iron balcony under each upper window

    @property
    def height(self) -> float:
        return self.ground_h + (self.floors - 1) * self.floor_h


@dataclass
class BuildingMeshes:
    """Meshes of one building by role, plus anchors where signs and lamps go."""

    facade: list[trimesh.Trimesh] = field(default_factory=list)
    trim: list[trimesh.Trimesh] = field(default_factory=list)
    glass: list[trimesh.Trimesh] = field(default_factory=list)
    lit: list[trimesh.Trimesh] = field(default_factory=list)
    shop_lit: list[trimesh.Trimesh] = field(default_factory=list)
    doors: list[trimesh.Trimesh] = field(default_factory=list)
    shutters: list[trimesh.Trimesh] = field(default_factory=list)
    balconies: list[trimesh.Trimesh] = field(default_factory=list)
    shopfronts: list[tuple[float, float]] = field(default_factory=list)   # (u centre, width)
    door_u: list[float] = field(default_factory=list)


def _bx(lo, hi) -> tuple:
    """A box to make later, all of a building's boxes in one vectorised call."""
    return (lo, hi)


def _boxes(specs: list) -> list[trimesh.Trimesh]:
    if not specs:
        return []
    if isinstance(specs[0], trimesh.Trimesh):
        return specs
    return [boxes([s[0] for s in specs], [s[1] for s in specs])]


def design(rng: np.random.Generator, width: float, floors: tuple[int, int],
           material: str, lit_fraction: float, shop: bool = True,
           floor_h: float = 3.1, facade: Facade | None = None) -> BuildingDesign:
    """One building's proportions; a style's `Facade` sets its storey heights, window
    size, shutters and balconies (the draws from `rng` are the same either way)."""
    bays = max(1, int(round(width / rng.uniform(2.6, 3.3))))
    n = int(rng.integers(floors[0], floors[1] + 1))
    lit = rng.random((max(n - 1, 0), bays)) < lit_fraction
    window_w, window_h = rng.uniform(1.1, 1.5), rng.uniform(1.7, 2.1)
    d = BuildingDesign(width=width, floors=n, bays=bays, floor_h=floor_h,
                       window_w=min(window_w, width / bays - 0.8), window_h=window_h,
                       shop=shop, material=material, lit=lit)
    if facade is not None:
        jitter = window_w / 1.3
        d.floor_h, d.ground_h, d.shop = facade.storey_h, facade.ground_h, shop and facade.shops
        d.window_w = min(facade.window[0] * jitter, width / bays - (1.0 if facade.shutters else 0.6))
        d.window_h = min(facade.window[1] * jitter, facade.storey_h - 1.1)
        d.shutters, d.balconies = facade.shutters is not None, facade.balconies
    return d


def build(d: BuildingDesign, rng: np.random.Generator, back_windows: bool = False
          ) -> BuildingMeshes:
    """All meshes of a building in its local frame."""
    out = BuildingMeshes()
    pitch = d.width / d.bays
    openings = []
    for f in range(1, d.floors):
        v0 = d.ground_h + (f - 1) * d.floor_h + 0.9
        for b in range(d.bays):
            uc = (b + 0.5) * pitch
            rect = (uc - d.window_w / 2, v0, uc + d.window_w / 2, v0 + d.window_h)
            openings.append(rect)
            _window(out, rect, bool(d.lit[f - 1, b]) if d.lit is not None else False)
            _dressing(out, d, rect)
    openings += _ground_floor(out, d, rng, pitch)
    x, y, z = np.eye(3)
    out.facade.append(slab((0, 0, 0), x, z, y, (d.width, d.height, FACADE_T), openings))
    out.facade.append(_shell(d))
    out.trim += _courses(d)
    out.trim, out.glass, out.doors = _boxes(out.trim), _boxes(out.glass), _boxes(out.doors)
    out.shutters, out.balconies = _boxes(out.shutters), _boxes(out.balconies)
    return out


def _window(out: BuildingMeshes, rect, lit: bool) -> None:
    u0, v0, u1, v1 = rect
    f, w0, w1 = 0.06, REVEAL - 0.04, REVEAL + 0.02
    out.trim += [_bx((u0, w0, v0), (u1, w1, v0 + f)), _bx((u0, w0, v1 - f), (u1, w1, v1)),
                 _bx((u0, w0, v0 + f), (u0 + f, w1, v1 - f)),
                 _bx((u1 - f, w0, v0 + f), (u1, w1, v1 - f)),
                 _bx(((u0 + u1) / 2 - 0.03, w0, v0 + f), ((u0 + u1) / 2 + 0.03, w1, v1 - f)),
                 _bx((u0 - 0.06, -0.06, v0 - 0.07), (u1 + 0.06, REVEAL - 0.04, v0))]
    out.glass.append(_bx((u0 + f, REVEAL - 0.012, v0 + f), (u1 - f, REVEAL - 0.004, v1 - f)))
    if lit:
        out.lit.append(_quad_y((u0, v0, u1, v1), 0.9))


def _dressing(out: BuildingMeshes, d: BuildingDesign, rect) -> None:
    """Open shutter leaves flat on the wall beside a window; a balcony slab with
    railings under it (the facade's outside face is y = 0, outward -Y)."""
    u0, v0, u1, v1 = rect
    half = (u1 - u0) / 2
    if d.shutters:
        out.shutters += [_bx((u0 - half - 0.02, -0.045, v0), (u0 - 0.02, -0.01, v1)),
                         _bx((u1 + 0.02, -0.045, v0), (u1 + half + 0.02, -0.01, v1))]
    if d.balconies:
        lo, hi = u0 - 0.25, u1 + 0.25
        rail = [_bx((lo, -0.62, v0 - 0.08), (hi, 0.0, v0)),               # slab
                _bx((lo, -0.62, v0 + 0.95), (hi, -0.58, v0 + 1.0))]       # handrail
        rail += [_bx((u, -0.61, v0), (u + 0.02, -0.59, v0 + 0.95))
                 for u in np.arange(lo, hi, 0.12)]
        rail += [_bx((lo, -0.61, v0 + 0.95), (lo + 0.03, 0.0, v0 + 1.0)),
                 _bx((hi - 0.03, -0.61, v0 + 0.95), (hi, 0.0, v0 + 1.0))]
        out.balconies += rail


def _quad_y(rect, y: float) -> trimesh.Trimesh:
    u0, v0, u1, v1 = rect
    return quad([[u0, y, v0], [u1, y, v0], [u1, y, v1], [u0, y, v1]], [0.0, -1.0, 0.0])


def _ground_floor(out: BuildingMeshes, d: BuildingDesign, rng: np.random.Generator,
                  pitch: float) -> list:
    """Shopfronts (wide glazed openings) and one door; returns their openings."""
    openings = []
    door_bay = int(rng.integers(0, d.bays))
    for b in range(d.bays):
        uc = (b + 0.5) * pitch
        if not d.shop and b != door_bay:
            if b % 2 == 1:                                # a small barred back window
                rect = (uc - 0.45, 2.0, uc + 0.45, 2.7)
                out.glass.append(_bx((rect[0], REVEAL - 0.012, rect[1]), (rect[2], REVEAL - 0.004, rect[3])))
                out.trim.append(_bx((rect[0] - 0.05, -0.05, rect[1] - 0.06), (rect[2] + 0.05, REVEAL - 0.04, rect[1])))
                openings.append(rect)
            continue
        if b == door_bay or not d.shop:
            rect = (uc - 0.55, 0.0, uc + 0.55, 2.4)
            out.doors.append(_bx((rect[0], REVEAL, 0.0), (rect[2], REVEAL + 0.06, 2.4)))
            out.trim.append(_bx((rect[0] - 0.1, -0.04, 2.4), (rect[2] + 0.1, 0.0, 2.55)))
            out.door_u.append(uc)
        else:
            half = min(pitch * 0.42, 2.0)
            rect = (uc - half, 0.35, uc + half, min(3.3, d.ground_h - 0.6))
            out.trim += [_bx((rect[0], REVEAL - 0.04, 0.0), (rect[2], REVEAL + 0.1, 0.35)),
                         _bx((rect[0], REVEAL - 0.04, rect[3] - 0.08), (rect[2], REVEAL + 0.02, rect[3]))]
            out.glass.append(_bx((rect[0], REVEAL - 0.012, 0.35), (rect[2], REVEAL - 0.004, rect[3] - 0.08)))
            out.shop_lit.append(_quad_y(rect, 3.0))
            out.shopfronts.append((uc, 2 * half))
        openings.append(rect)
    return openings


def _shell(d: BuildingDesign) -> trimesh.Trimesh:
    """Sides, back and roof behind the facade (faces out), and inside faces with a
    floor and ceiling per storey: the building is closed, so a window shows a room,
    never the sky through the building."""
    W, D, H, T, e = d.width, d.depth, d.height, FACADE_T, 0.01
    corners, normals = [], []

    def wall(x0, y0, x1, y1, z0, z1, n):
        corners.append([[x0, y0, z0], [x1, y1, z0], [x1, y1, z1], [x0, y0, z1]])
        normals.append(n)

    wall(0, T, 0, D, 0, H, (-1, 0, 0))
    wall(W, T, W, D, 0, H, (1, 0, 0))
    wall(0, D, W, D, 0, H, (0, 1, 0))
    corners.append([[0, 0, H], [W, 0, H], [W, D, H], [0, D, H]])
    normals.append((0, 0, 1))
    wall(e, T, e, D - e, e, H - e, (1, 0, 0))
    wall(W - e, T, W - e, D - e, e, H - e, (-1, 0, 0))
    wall(e, D - e, W - e, D - e, e, H - e, (0, -1, 0))
    levels = [0.0] + [d.ground_h + k * d.floor_h for k in range(d.floors - 1)] + [H]
    for z0, z1 in zip(levels[:-1], levels[1:]):
        for z, n in ((z0 + e, 1.0), (z1 - e, -1.0)):
            corners.append([[e, T, z], [W - e, T, z], [W - e, D - e, z], [e, D - e, z]])
            normals.append((0, 0, n))
    return quads(np.array(corners, float), np.array(normals, float))


def _courses(d: BuildingDesign) -> list:
    """A string course over the shop floor and a cornice at the roof line."""
    g, H, W = d.ground_h, d.height, d.width
    return [_bx((0.0, -0.12, g - 0.1), (W, 0.0, g + 0.12)),
            _bx((-0.05, -0.4, H - 0.12), (W + 0.05, 0.0, H + 0.18)),
            _bx((0.0, -0.2, H - 0.45), (W, 0.0, H - 0.12))]


# --------------------------------------------------------------------------- skyline

@dataclass
class Skyline:
    blocks: trimesh.Trimesh
    windows_dark: trimesh.Trimesh
    windows_lit: trimesh.Trimesh
    boxes: list[tuple[float, float, float, float, float]]   # x0, y0, x1, y1, top


def skyline(rng: np.random.Generator, windows_rng: np.random.Generator,
            keep_out: tuple[float, float, float, float], radius: float, count: int,
            base_z: float, heights: tuple[float, float], lit_fraction: float) -> Skyline:
    """Tower blocks around a keep-out rectangle, with window grids on every face. The
    windows draw from their own stream, so the towers stand where they stand whatever
    the windows do."""
    blocks, dark, lit, footprints = [], [], [], []
    tries = 0
    while len(footprints) < count and tries < count * 20:
        tries += 1
        a, r = rng.uniform(0, 2 * np.pi), radius * np.sqrt(rng.uniform(0.08, 1.0))
        cx, cy = np.cos(a) * r, np.sin(a) * r
        w, d = rng.uniform(14, 30), rng.uniform(14, 30)
        x0, y0, x1, y1 = cx - w / 2, cy - d / 2, cx + w / 2, cy + d / 2
        if _rect_overlap((x0, y0, x1, y1), keep_out, 6.0) or any(
                _rect_overlap((x0, y0, x1, y1), b[:4], 5.0) for b in footprints):
            continue
        top = base_z + rng.uniform(*heights) * (1.3 if r > radius * 0.5 else 1.0)
        footprints.append((x0, y0, x1, y1, top))
        blocks.append(_bx((x0, y0, base_z - 40.0), (x1, y1, top)))
        blocks.append(_bx((x0 - 0.3, y0 - 0.3, top), (x1 + 0.3, y1 + 0.3, top + 0.6)))
        # windows from the street up: the 40 m of block sunk below it is never seen
        _face_windows(windows_rng, (x0, y0, x1, y1), base_z, top, lit_fraction, dark, lit)
    return Skyline(_boxes(blocks)[0], merge(dark), merge(lit), footprints)


def _rect_overlap(a, b, margin: float) -> bool:
    return not (a[2] + margin < b[0] or b[2] + margin < a[0] or a[3] + margin < b[1]
                or b[3] + margin < a[1])


def _face_windows(rng, rect, z0, top, lit_fraction, dark, lit) -> None:
    x0, y0, x1, y1 = rect
    faces = [((x0, y0), (x1, y0), (0, -1.0)), ((x1, y0), (x1, y1), (1.0, 0)),
             ((x1, y1), (x0, y1), (0, 1.0)), ((x0, y1), (x0, y0), (-1.0, 0))]
    floor_h, bay = 3.2, rng.uniform(2.6, 3.6)
    zs = np.arange(max(z0, top - 120.0) + 1.0, top - 2.0, floor_h)
    for (ax, ay), (bx, by), (nx, ny) in faces:
        length = np.hypot(bx - ax, by - ay)
        ts = (np.arange(int(length / bay)) + 0.5) / int(length / bay) if length > bay else np.array([])
        if not len(ts) or not len(zs):
            continue
        tt, zz = np.meshgrid(ts, zs)
        tt, zz = tt.ravel(), zz.ravel()
        half = 0.5 * 1.4 / length
        c = np.stack([np.column_stack([ax + (bx - ax) * (tt + du), ay + (by - ay) * (tt + du),
                                       zz + dz]) for du, dz in ((-half, 0), (half, 0), (half, 1.9),
                                                                (-half, 1.9))], axis=1)
        c[:, :, 0] += nx * 0.03
        c[:, :, 1] += ny * 0.03
        on = rng.random(len(c)) < lit_fraction
        normal = np.tile([nx, ny, 0.0], (len(c), 1))
        if on.any():
            lit.append(quads(c[on], normal[on]))
        if (~on).any():
            dark.append(quads(c[~on], normal[~on]))


def overhead_cables(rng: np.random.Generator, x0: float, x1: float, y0: float, y1: float,
                    z: tuple[float, float], count: int) -> trimesh.Trimesh:
    """Power and phone lines sagging across a street from facade to facade (Tokyo
    backstreets): each a catenary-like polyline at its own height and slant."""
    lines = []
    for y in np.sort(rng.uniform(y0, y1, count)):
        za, zb = rng.uniform(*z, 2)
        dy = rng.uniform(-1.5, 1.5)
        t = np.linspace(0.0, 1.0, 9)
        sag = 0.5 * 4 * t * (1 - t) * rng.uniform(0.5, 1.2)
        pts = np.column_stack([x0 + (x1 - x0) * t, y + dy * t, za + (zb - za) * t - sag])
        lines.append(polyline_tube(pts, 0.012, 5))
    return merge(lines)


def building_parts(name: str, m: BuildingMeshes, frame: Frame, material: str) -> list[MeshPart]:
    """Facade, trim, glass, doors and lit windows of one building, placed by `frame`."""
    out = [MeshPart(name, frame.apply(merge(m.facade)), material),
           MeshPart(f"{name} - Trim", frame.apply(merge(m.trim)), "trim"),
           MeshPart(f"{name} - Glass", frame.apply(merge(m.glass)), "glass")]
    if m.doors:
        out.append(MeshPart(f"{name} - Doors", frame.apply(merge(m.doors)), "door"))
    if m.lit:
        out.append(MeshPart(f"{name} - Lit Windows", frame.apply(merge(m.lit)), "window_light"))
    if m.shop_lit:
        out.append(MeshPart(f"{name} - Shop Interiors", frame.apply(merge(m.shop_lit)), "shop_light"))
    if m.shutters:
        out.append(MeshPart(f"{name} - Shutters", frame.apply(merge(m.shutters)), "shutter"))
    if m.balconies:
        out.append(MeshPart(f"{name} - Balconies", frame.apply(merge(m.balconies)), "dark_metal"))
    return out
