"""Prop placement without intersections: exact oriented-box tests on a spatial hash.

Every prop stands upright (rotation about Z only), so two hull boxes intersect exactly
when their Z ranges overlap and their footprints (rotated rectangles) overlap, which
the separating-axis test decides with four projections. A bounding-circle check
rejects far neighbours first; the inner loop is plain floats because numpy's per-call
overhead would dominate for a handful of neighbours (10,000 props place in ~1 s).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .model import PropModel

HeightFn = Callable[[np.ndarray, np.ndarray], np.ndarray]   # vectorised ground height


@dataclass
class Box:
    """A world-space upright box: centre, half sizes, yaw, and a Z range."""

    x: float
    y: float
    hx: float
    hy: float
    yaw: float
    z0: float
    z1: float

    @property
    def radius(self) -> float:
        return math.hypot(self.hx, self.hy)


def overlap(a: Box, b: Box, gap: float = 0.0) -> bool:
    """True when the boxes come closer than `gap` (separating-axis theorem)."""
    if a.z1 + gap <= b.z0 or b.z1 + gap <= a.z0:
        return False
    dx, dy = b.x - a.x, b.y - a.y
    if dx * dx + dy * dy >= (a.radius + b.radius + gap) ** 2:
        return False
    ca, sa, cb, sb = math.cos(a.yaw), math.sin(a.yaw), math.cos(b.yaw), math.sin(b.yaw)
    for ux, uy in ((ca, sa), (-sa, ca), (cb, sb), (-sb, cb)):
        ra = a.hx * abs(ca * ux + sa * uy) + a.hy * abs(-sa * ux + ca * uy)
        rb = b.hx * abs(cb * ux + sb * uy) + b.hy * abs(-sb * ux + cb * uy)
        if abs(dx * ux + dy * uy) >= ra + rb + gap:
            return False
    return True


@dataclass
class Occupancy:
    """Boxes already on the set (walls, pillars, keep-out zones, placed props)."""

    cell: float = 2.0
    boxes: list[Box] = field(default_factory=list)
    grid: dict[tuple[int, int], list[int]] = field(default_factory=dict)

    def _cells(self, box: Box):
        r = box.radius
        i0, i1 = math.floor((box.x - r) / self.cell), math.floor((box.x + r) / self.cell)
        j0, j1 = math.floor((box.y - r) / self.cell), math.floor((box.y + r) / self.cell)
        return ((i, j) for i in range(i0, i1 + 1) for j in range(j0, j1 + 1))

    def add(self, box: Box) -> None:
        index = len(self.boxes)
        self.boxes.append(box)
        for key in self._cells(box):
            self.grid.setdefault(key, []).append(index)

    def block(self, x0: float, y0: float, x1: float, y1: float,
              z0: float = -100.0, z1: float = 100.0) -> None:
        """Keep props out of an axis-aligned area (a wall, a path, a camera spot)."""
        self.add(Box((x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2, (y1 - y0) / 2, 0.0, z0, z1))

    def fits(self, boxes: list[Box], gap: float) -> bool:
        seen: set[int] = set()
        for box in boxes:
            grown = Box(box.x, box.y, box.hx + gap, box.hy + gap, box.yaw, box.z0, box.z1)
            for key in self._cells(grown):
                for index in self.grid.get(key, ()):
                    if index in seen:
                        continue
                    seen.add(index)
                    if any(overlap(b, self.boxes[index], gap) for b in boxes):
                        return False
        return True


def world_boxes(model: PropModel, x: float, y: float, z: float, yaw: float,
                scale: float = 1.0) -> list[Box]:
    """The model's hulls placed at (x, y, z) turned by yaw and scaled uniformly."""
    c, s = math.cos(yaw), math.sin(yaw)
    out = []
    for h in model.hulls:
        cx, cy = (h[0] + h[3]) / 2 * scale, (h[1] + h[4]) / 2 * scale
        out.append(Box(x + c * cx - s * cy, y + s * cx + c * cy, (h[3] - h[0]) / 2 * scale,
                       (h[4] - h[1]) / 2 * scale, yaw, z + h[2] * scale, z + h[5] * scale))
    return out


def transform(x: float, y: float, z: float, yaw: float = 0.0, scale: float = 1.0) -> np.ndarray:
    c, s = math.cos(yaw) * scale, math.sin(yaw) * scale
    return np.array([[c, -s, 0, x], [s, c, 0, y], [0, 0, scale, z], [0, 0, 0, 1]], dtype=float)


@dataclass
class Region:
    """Where props may stand: a rectangle, minus nothing (the occupancy does that),
    optionally a ring (clearings) or a custom test."""

    x0: float
    y0: float
    x1: float
    y1: float
    inside: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        pts = np.column_stack([rng.uniform(self.x0, self.x1, n), rng.uniform(self.y0, self.y1, n)])
        if self.inside is not None:
            pts = pts[self.inside(pts[:, 0], pts[:, 1])]
        return pts


def ring(cx: float, cy: float, r0: float, r1: float) -> Region:
    def inside(x, y):
        d = np.hypot(x - cx, y - cy)
        return (d >= r0) & (d <= r1)
    return Region(cx - r1, cy - r1, cx + r1, cy + r1, inside)


@dataclass
class Placement:
    model: PropModel
    transform: np.ndarray
    boxes: list[Box]


def scatter(rng: np.random.Generator, occ: Occupancy, model: PropModel, count: int,
            region: Region, *, gap: float = 0.08, yaw: float | tuple[float, float] | None = None,
            scale: tuple[float, float] = (1.0, 1.0), height: HeightFn | None = None,
            sink: float = 0.0, tries: int = 12, lift: float = 0.0) -> list[Placement]:
    """Place up to `count` copies of a model in `region`, none touching anything in
    `occ` (within `gap`); yaw None = any angle, a float = fixed, a pair = range."""
    placed: list[Placement] = []
    budget = max(count * tries, 16)
    batch = max(64, count * 2)
    while len(placed) < count and budget > 0:
        points = region.sample(rng, batch)
        angles = _angles(rng, yaw, len(points))
        scales = rng.uniform(scale[0], scale[1], len(points))
        ground = np.asarray(height(points[:, 0], points[:, 1]), float) if height and len(points) \
            else np.zeros(len(points))
        for (x, y), a, s, g in zip(points, angles, scales, ground):
            budget -= 1
            z = g - sink * s + lift
            boxes = world_boxes(model, x, y, z, a, s)
            if occ.fits(boxes, gap):
                for box in boxes:
                    occ.add(box)
                placed.append(Placement(model, transform(x, y, z, a, s), boxes))
                if len(placed) >= count:
                    break
            if budget <= 0:
                break
    return placed


def _angles(rng: np.random.Generator, yaw, n: int) -> np.ndarray:
    if yaw is None:
        return rng.uniform(0.0, 2 * np.pi, n)
    if isinstance(yaw, tuple):
        return rng.uniform(yaw[0], yaw[1], n)
    return np.full(n, float(yaw))


def place(occ: Occupancy, model: PropModel, x: float, y: float, z: float = 0.0,
          yaw: float = 0.0, scale: float = 1.0, gap: float = 0.05,
          force: bool = False) -> Placement | None:
    """Put one prop exactly here if it fits (or always, with force: hero props laid
    out by hand that the archetype guarantees clear)."""
    boxes = world_boxes(model, x, y, z, yaw, scale)
    if not force and not occ.fits(boxes, gap):
        return None
    for box in boxes:
        occ.add(box)
    return Placement(model, transform(x, y, z, yaw, scale), boxes)
