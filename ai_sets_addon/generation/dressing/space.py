"""The room as the dressing sees it: its walls as frames (a point, the direction along
the wall seen from inside, the inward normal), the zones kept clear in front of doors
and windows, the occupancy every stage places into, and the floor raster that holds
the circulation constraints.

Circulation (written down, checked for every piece before it is kept):
- every door opens onto a clear square as deep as the door is wide (at least 0.9 m);
- a 0.6 m-wide path (a 0.3 m-radius disc) joins every door to the front of every piece
  that is used from the front (a sofa's seat, a wardrobe's doors, a bed's sides);
- no piece leaves floor a person cannot reach: the floor a 0.2 m-radius disc does not
  reach grows by no more than `POCKET_M2` per piece (no 30 cm slots between a wardrobe
  and the wall) and stays under `LOST_SHARE` of the free floor, so the plausibility
  report's navigable share stays at or above 0.95.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .. import props
from ..props.scatter import Box, overlap
from .raster import dilate, erode, label

CELL = 0.1                   # floor raster (m); half that in a room under 16 m2
BAND = (0.03, 1.9)           # what a walking person bumps into: above rugs, below lamps
PATH_R = 0.3                 # the circulation path's half width (a 0.6 m path)
BODY_R = 0.2                 # a person seen from above (the plausibility report's disc)
POCKET_M2 = 0.07             # unreachable floor a piece may add (its own corners cost ~0.06)
LOST_SHARE = 0.025           # and the room's unreachable floor stays under this share
WINDOW_DEPTH = 0.55          # kept clear in front of a window, above its sill


@dataclass(frozen=True)
class Wall:
    name: str
    origin: tuple[float, float]     # the wall's left end seen from inside
    along: tuple[float, float]      # unit, left to right seen from inside
    inward: tuple[float, float]     # unit, into the room
    length: float

    @property
    def yaw(self) -> float:
        """The yaw that turns a prop's front (-Y) to face into the room."""
        return math.atan2(self.inward[0], -self.inward[1])

    def point(self, a: float, depth: float = 0.0) -> tuple[float, float]:
        return (self.origin[0] + self.along[0] * a + self.inward[0] * depth,
                self.origin[1] + self.along[1] * a + self.inward[1] * depth)


def walls_of(room) -> dict[str, Wall]:
    x0, y0, x1, y1 = room.x0, room.y0, room.x1, room.y1
    w, d = x1 - x0, y1 - y0
    return {"n": Wall("n", (x0, y1), (1.0, 0.0), (0.0, -1.0), w),
            "s": Wall("s", (x1, y0), (-1.0, 0.0), (0.0, 1.0), w),
            "e": Wall("e", (x1, y1), (0.0, -1.0), (-1.0, 0.0), d),
            "w": Wall("w", (x0, y0), (0.0, 1.0), (1.0, 0.0), d)}


def rect_box(wall: Wall, a0: float, a1: float, d0: float, d1: float, z0: float, z1: float) -> Box:
    """An axis-aligned box on a wall: from a0 to a1 along it, d0 to d1 into the room."""
    p, q = wall.point(a0, d0), wall.point(a1, d1)
    lo, hi = np.minimum(p, q), np.maximum(p, q)
    return Box(float(lo[0] + hi[0]) / 2, float(lo[1] + hi[1]) / 2, float(hi[0] - lo[0]) / 2,
               float(hi[1] - lo[1]) / 2, 0.0, z0, z1)


@dataclass
class Space:
    """Everything placed so far and the clear zones, for one room."""

    room: object
    walls: dict[str, Wall]
    occ: props.Occupancy
    grid: "FloorGrid"
    doors: list[tuple[Wall, float, float]] = field(default_factory=list)   # wall, centre, width
    windows: list[tuple[Wall, float, float, float]] = field(default_factory=list)  # + sill
    access: list[list[tuple[float, float]]] = field(default_factory=list)   # groups
    rugs: list[props.Placement] = field(default_factory=list)

    @classmethod
    def of(cls, room) -> "Space":
        walls = walls_of(room)
        occ = props.Occupancy(cell=1.0)
        t = 1.0
        occ.block(room.x0 - t, room.y0 - t, room.x1 + t, room.y0)
        occ.block(room.x0 - t, room.y1, room.x1 + t, room.y1 + t)
        occ.block(room.x0 - t, room.y0, room.x0, room.y1)
        occ.block(room.x1, room.y0, room.x1 + t, room.y1)
        space = cls(room, walls, occ, FloorGrid(room))
        z = room.floor_z
        for o in room.openings:
            wall = walls[o.wall]
            if o.kind == "door":
                depth = max(o.width_m, 0.9)
                occ.add(rect_box(wall, o.centre_m - o.width_m / 2 - 0.05,
                                 o.centre_m + o.width_m / 2 + 0.05, 0.0, depth, z - 1.0,
                                 z + o.height_m + 0.1))
                space.doors.append((wall, o.centre_m, o.width_m))
            else:
                occ.add(rect_box(wall, o.centre_m - o.width_m / 2 - 0.1,
                                 o.centre_m + o.width_m / 2 + 0.1, 0.0, WINDOW_DEPTH,
                                 z + o.sill_m - 0.02, z + 100.0))
                space.windows.append((wall, o.centre_m, o.width_m, o.sill_m))
        space.grid.set_doors([wall.point(c, 0.45) for wall, c, _ in space.doors])
        return space

    def door_zone(self, x: float, y: float) -> bool:
        return any(abs(np.dot(np.subtract((x, y), wall.point(c)), wall.along)) < w / 2 + 0.1
                   and 0 <= np.dot(np.subtract((x, y), wall.point(c)), wall.inward) < 1.0
                   for wall, c, w in self.doors)

    def rug_top(self, boxes: list[Box]) -> float:
        """The floor under a piece: the top of a rug it stands on, else the floor."""
        top = self.room.floor_z
        for rug in self.rugs:
            for rb in rug.boxes:
                if any(overlap(Box(b.x, b.y, b.hx, b.hy, b.yaw, -1, 1),
                                             Box(rb.x, rb.y, rb.hx, rb.hy, rb.yaw, -1, 1))
                       for b in boxes):
                    top = max(top, rb.z1)
        return top


class FloorGrid:
    """The floor as CELL-sized cells, with what stands in the body band marked."""

    def __init__(self, room, cell_m: float | None = None) -> None:
        self.x0, self.y0 = room.x0, room.y0
        area = (room.x1 - room.x0) * (room.y1 - room.y0)
        self.cell_m = cell_m or (CELL / 2 if area < 16.0 else CELL)   # a small room's slots matter
        self.nx = max(1, int(round((room.x1 - room.x0) / self.cell_m)))
        self.ny = max(1, int(round((room.y1 - room.y0) / self.cell_m)))
        self.z = room.floor_z
        self.taken = np.zeros((self.nx, self.ny), bool)
        self.doors: list[tuple[int, int]] = []
        self.lost = 0

    def _disc(self, radius: float) -> np.ndarray:
        r = int(round(radius / self.cell_m))
        i = np.arange(-r, r + 1)
        return (i[:, None] ** 2 + i[None] ** 2) <= r * r

    def cell(self, x: float, y: float) -> tuple[int, int]:
        return (int(np.clip((x - self.x0) / self.cell_m, 0, self.nx - 1)),
                int(np.clip((y - self.y0) / self.cell_m, 0, self.ny - 1)))

    def set_doors(self, points) -> None:
        self.doors = [self.cell(*p) for p in points]
        self.lost = self.unreachable(self.taken)

    def footprint(self, boxes: list[Box]) -> np.ndarray:
        mask = np.zeros_like(self.taken)
        for b in boxes:
            if b.z1 - self.z <= BAND[0] or b.z0 - self.z >= BAND[1]:
                continue
            r = b.radius
            i0, j0 = self.cell(b.x - r, b.y - r)
            i1, j1 = self.cell(b.x + r, b.y + r)
            xs = self.x0 + (np.arange(i0, i1 + 1) + 0.5) * self.cell_m
            ys = self.y0 + (np.arange(j0, j1 + 1) + 0.5) * self.cell_m
            px, py = np.meshgrid(xs - b.x, ys - b.y, indexing="ij")
            c, s = math.cos(b.yaw), math.sin(b.yaw)
            u, v = c * px + s * py, -s * px + c * py
            pad = 0.01
            mask[i0:i1 + 1, j0:j1 + 1] |= (np.abs(u) <= b.hx + pad) & (np.abs(v) <= b.hy + pad)
        return mask

    def unreachable(self, taken: np.ndarray) -> int:
        """Free cells a 0.2 m disc cannot cover from the largest region it reaches."""
        free = ~taken
        centres = erode(free, self._disc(BODY_R))
        labels, n = label(centres)
        if n == 0:
            return int(free.sum())
        sizes = np.bincount(labels.ravel())[1:]
        largest = labels == (int(np.argmax(sizes)) + 1)
        covered = dilate(largest, self._disc(BODY_R)) & free
        return int(free.sum() - covered.sum())

    def paths(self, taken: np.ndarray) -> np.ndarray | None:
        """Cells a 0.6 m-wide body reaches from the doors (None: the room has no door)."""
        if not self.doors:
            return None
        centres = erode(~taken, self._disc(PATH_R))
        labels, _ = label(centres)
        keep = set()
        for i, j in self.doors:
            k = int(round(0.5 / self.cell_m))
            near = labels[max(0, i - k):i + k + 1, max(0, j - k):j + k + 1]
            keep |= set(int(v) for v in np.unique(near) if v)
        return np.isin(labels, list(keep)) if keep else np.zeros_like(taken)

    def accepts(self, boxes: list[Box], access: list[list[tuple[float, float]]],
                pocket_m2: float = POCKET_M2) -> np.ndarray | None:
        """The raster with `boxes` added when the circulation still holds (one point of
        every access group on a path from a door), else None."""
        taken = self.taken | self.footprint(boxes)
        lost = self.unreachable(taken)
        if lost - self.lost > round(pocket_m2 / self.cell_m ** 2) or \
                (lost > self.lost and lost > LOST_SHARE * (~taken).sum()):
            return None
        reach = self.paths(taken)
        if reach is not None and access:
            grown = dilate(reach, self._disc(PATH_R))
            for group in access:
                if not any(grown[self.cell(x, y)] for x, y in group):
                    return None
        return taken

    def commit(self, taken: np.ndarray) -> None:
        self.taken = taken
        self.lost = self.unreachable(taken)
