"""The furniture stage: a small deterministic search under written constraints.

Each piece of the room's program, in order, gets candidate poses from its relation
(back to a wall facing into the room; facing the focus; in front of, beside or round
another piece; free-standing; into a corner), ranked by a score (snug against a corner
or a neighbour, centred on its wall, turned toward the focus, with a small seeded
jitter so seeds differ). The first candidate that meets every hard constraint is kept:
- inside the room, touching nothing (exact oriented boxes, props.scatter);
- door squares clear, nothing taller than a sill within 0.55 m of a window;
- the circulation of `space` (0.6 m paths from the doors to every piece's front, no
  unreachable slots);
- chairs face their table or desk, nightstands flank the bed at its head, the sofa and
  armchairs face the focus from across the room.
A piece no candidate admits is left out with a note (optional pieces) or a notice.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .. import props
from ..props.model import PropModel
from ..props.scatter import Box, transform, world_boxes
from .models import model, variant_for
from .programs import Item, Notes
from .space import POCKET_M2, Space, Wall

SEATS = frozenset({"dining_chair", "kitchen_chair", "office_chair", "school_chair", "bar_stool",
                   "stool", "folding_chair", "armchair_wood", "piano_stool", "chair"})
MAX_TRIES = 60
SPREAD = 0.3              # poses tried are at least this far apart (m)


@dataclass
class Pose:
    x: float
    y: float
    yaw: float
    score: float
    wall: Wall | None = None


def front_of(p: props.Placement) -> np.ndarray:
    """The unit direction a placed piece faces (its model's -Y)."""
    r = p.transform[:2, :2] / max(np.linalg.norm(p.transform[:2, 0]), 1e-9)
    return r @ np.array([0.0, -1.0])


def right_of(p: props.Placement) -> np.ndarray:
    r = p.transform[:2, :2] / max(np.linalg.norm(p.transform[:2, 0]), 1e-9)
    return r @ np.array([1.0, 0.0])


def yaw_of(p: props.Placement) -> float:
    return math.atan2(p.transform[1, 0], p.transform[0, 0])


def centre_of(p: props.Placement) -> np.ndarray:
    return np.asarray(p.transform[:2, 3], float)


class Furnisher:
    """Places furniture items into a Space, keeping what it placed by kind."""

    def __init__(self, space: Space, rng: np.random.Generator, notes: Notes) -> None:
        self.space, self.rng, self.notes = space, rng, notes
        self.placed: list[props.Placement] = []
        self.by_kind: dict[str, list[props.Placement]] = {}
        self.focus: np.ndarray | None = None

    # ------------------------------------------------------------------ public

    def adopt(self, placements: list[props.Placement]) -> None:
        """Furniture laid out elsewhere (a room type's own layout): kept as it is."""
        for p in placements:
            for b in p.boxes:
                self.space.occ.add(b)
            self.space.grid.taken |= self.space.grid.footprint(p.boxes)
            self.by_kind.setdefault(p.model.kind, []).append(p)
        self.space.grid.lost = self.space.grid.unreachable(self.space.grid.taken)

    def item(self, item: Item, count: int) -> int:
        """Place `count` of an item; how many went in."""
        done = 0
        same = model(item.kind, variant_for(item.kind, self.rng))   # one model per line
        for k in range(count):
            m = same if item.kind in SEATS or item.where in ("around", "front") else \
                model(item.kind, variant_for(item.kind, self.rng))
            if item.where == "rug":
                ok = self._rug(item, m)
            else:
                ok = self._one(item, m, k)
            if not ok:
                break
            done += 1
        return done

    # ------------------------------------------------------------------ search

    def _one(self, item: Item, m: PropModel, k: int) -> bool:
        poses = self._candidates(item, m, k)
        if not poses:
            return False
        jitter = self.rng.uniform(0.0, 0.15, len(poses))
        order = np.argsort([-(p.score + j) for p, j in zip(poses, jitter)], kind="stable")
        seen: set[tuple[int, int, float]] = set()
        tried = 0
        for idx in order:                  # the best pose of each 0.3 m cell: the tries
            pose = poses[idx]              # reach past the first corner's neighbours
            cell = (round(pose.x / SPREAD), round(pose.y / SPREAD), round(pose.yaw, 1))
            if cell in seen:
                continue
            seen.add(cell)
            if self._try(item, m, pose):
                return True
            tried += 1
            if tried >= MAX_TRIES:
                break
        return False

    def _try(self, item: Item, m: PropModel, pose: Pose) -> bool:
        space = self.space
        boxes = world_boxes(m, pose.x, pose.y, 0.0, pose.yaw)
        z = space.rug_top(boxes) if item.kind not in ("rug", "round_rug", "runner_rug") else \
            space.room.floor_z
        boxes = world_boxes(m, pose.x, pose.y, z, pose.yaw)
        if not space.occ.fits(boxes, 0.0):
            return False
        access = self._access_points(item, m, pose)
        taken = space.grid.accepts(boxes, space.access + access,
                                   0.15 if item.kind in SEATS else POCKET_M2)
        if taken is None:
            return False
        for b in boxes:
            space.occ.add(b)
        space.grid.commit(taken)
        space.access += access
        p = props.Placement(m, transform(pose.x, pose.y, z, pose.yaw), boxes)
        self.placed.append(p)
        self.by_kind.setdefault(item.kind, []).append(p)
        if item.where == "focus" and self.focus is None:
            self.focus = np.array([pose.x, pose.y])
        return True

    def _access_points(self, item: Item, m: PropModel, pose: Pose) -> list[list[tuple[float, float]]]:
        """Where a person stands to use the piece, as groups of which one point each must
        be on a path: before its front (a sofa: before any seat), behind a chair (to pull
        it out), both sides of a double bed (bedsides reachable)."""
        if not item.access:
            return []
        b = m.bounds()
        c, s = math.cos(pose.yaw), math.sin(pose.yaw)

        def world(u, v):
            return (pose.x + c * u - s * v, pose.y + s * u + c * v)
        if "bed" in item.kind:
            sides = [[world(side * (max(abs(b[0]), b[3]) + 0.3), (b[1] + b[4]) / 2)]
                     for side in (-1, 1)]
            return sides if "double" in item.kind or "king" in item.kind else [sides[0] + sides[1]]
        if item.kind in SEATS:
            return [[world(0.0, b[4] + 0.3)]]
        w = (b[3] - b[0]) / 2
        return [[world(u, b[1] - 0.3) for u in sorted({0.0, -max(w - 0.35, 0.0), max(w - 0.35, 0.0)})]]

    def _candidates(self, item: Item, m: PropModel, k: int) -> list[Pose]:
        where = item.where
        if where in ("front", "beside", "around"):
            anchors = self.by_kind.get(item.of or "", [])
            if not anchors:
                return []
            return getattr(self, "_" + where)(item, m, anchors, k)
        if where == "centre":
            return self._centre(item, m, k)
        if where == "corner":
            return self._corners(m)
        if (where == "focus" or item.run) and k > 0 and item.kind in self.by_kind:   # a run
            return self._beside(item, m, self.by_kind[item.kind], k)
        return self._walls(item, m)

    def _walls(self, item: Item, m: PropModel) -> list[Pose]:
        b = m.bounds()
        out = []
        target = self._target(item)
        for wall in self.space.walls.values():
            lo, hi = -b[0], wall.length - b[3]
            if hi < lo:
                continue
            steps = np.unique(np.concatenate([np.arange(lo, hi, 0.1), [hi]]))
            for a in steps:
                x, y = wall.point(a, b[4] + 0.005)
                score = 0.0
                if item.where == "focus":
                    score = 0.4 * wall.length - abs(a - wall.length / 2) \
                        - 10.0 * sum(w is wall for w, *_ in self.space.windows) \
                        - 1.0 * sum(w is wall for w, *_ in self.space.doors)
                elif target is not None:
                    to = target - np.array([x, y])
                    dist = float(np.linalg.norm(to))
                    facing = float(np.dot(wall.inward, to / max(dist, 1e-6)))
                    score = 3.0 * facing - 0.4 * abs(dist - 3.0)
                else:                  # snug into a corner or against a neighbour
                    score = -min(a + b[0], wall.length - (a + b[3]), 2.0) * 0.5
                out.append(Pose(x, y, wall.yaw, score, wall))
        return out

    def _target(self, item: Item) -> np.ndarray | None:
        if item.where != "faces":
            return None
        anchors = self.by_kind.get(item.of or "", [])
        return centre_of(anchors[0]) if anchors else self.focus

    def _front(self, item: Item, m: PropModel, anchors, k: int) -> list[Pose]:
        """In front of an anchor (a coffee table before the sofa; a chair before a desk,
        turned to face it)."""
        b = m.bounds()
        out = []
        seat = item.kind in SEATS
        for n, a in enumerate(anchors[k:] + anchors[:k]):
            ab = a.model.bounds()
            f = front_of(a)
            depth = -ab[1] + item.gap + (-b[1] if seat else b[4])
            pos = centre_of(a) + f * depth
            yaw = yaw_of(a) + (math.pi if seat else 0.0)
            edge = max(0.0, (ab[3] - ab[0]) / 2 - (b[3] - b[0]) / 2)   # flush with a side
            for off in (0.0, 0.15, -0.15, edge, -edge):
                p = pos + right_of(a) * off
                out.append(Pose(float(p[0]), float(p[1]), yaw, -n - abs(off)))
        return out

    def _beside(self, item: Item, m: PropModel, anchors, k: int) -> list[Pose]:
        """Either side of an anchor, backs on one line (nightstands at a bed's head)."""
        b = m.bounds()
        out = []
        for n, a in enumerate(anchors):
            ab = a.model.bounds()
            back = centre_of(a) - front_of(a) * (ab[4] - b[4])
            for side in ((-1, 1) if k % 2 == 0 else (1, -1)):
                reach = (ab[3] if side > 0 else -ab[0]) + (b[3] if side < 0 else -b[0]) + 0.01
                p = back + right_of(a) * side * reach
                out.append(Pose(float(p[0]), float(p[1]), yaw_of(a), -n - 0.1 * (side > 0)))
        return out

    def _around(self, item: Item, m: PropModel, anchors, k: int) -> list[Pose]:
        """Chairs at a table: along its long sides, facing it, one per 0.6 m."""
        b = m.bounds()
        out = []
        for n, t in enumerate(anchors):
            tb = t.model.bounds()
            hx, hy = (tb[3] - tb[0]) / 2, (tb[4] - tb[1]) / 2
            long_x = hx >= hy
            half_long, half_short = (hx, hy) if long_x else (hy, hx)
            pitch = (b[3] - b[0]) + 0.5           # chairs leave a walkable gap between them
            per_side = max(1, int((2 * half_long + 0.5) // pitch))
            us = (np.arange(per_side) - (per_side - 1) / 2) * (2 * half_long / per_side)
            c = centre_of(t)
            yaw_t = yaw_of(t)
            for side in (-1, 1):
                for u in us:
                    v = side * (half_short + 0.04 + (-b[1]))
                    lx, ly = (u, v) if long_x else (v, u)
                    cy, sy = math.cos(yaw_t), math.sin(yaw_t)
                    x, y = c[0] + cy * lx - sy * ly, c[1] + sy * lx + cy * ly
                    fx, fy = (0.0, -side) if long_x else (-side, 0.0)   # square to the edge
                    wx, wy = cy * fx - sy * fy, sy * fx + cy * fy
                    face = math.atan2(wx, -wy)
                    out.append(Pose(x, y, face, -n * 10 - abs(u)))
            for side in (-1, 1):                 # the ends, for a long count
                v = side * (half_long + 0.04 + (-b[1]))
                lx, ly = (v, 0.0) if long_x else (0.0, v)
                x = c[0] + math.cos(yaw_t) * lx - math.sin(yaw_t) * ly
                y = c[1] + math.sin(yaw_t) * lx + math.cos(yaw_t) * ly
                out.append(Pose(x, y, math.atan2(c[0] - x, -(c[1] - y)), -n * 10 - 5.0))
        return out

    def _centre(self, item: Item, m: PropModel, k: int) -> list[Pose]:
        """Free-standing: on a grid over the room, nearest its middle (or in rows facing
        the focus: pews, school desks), turned with the room's long axis."""
        room = self.space.room
        b = m.bounds()
        cx, cy = (room.x0 + room.x1) / 2, (room.y0 + room.y1) / 2
        yaw = 0.0
        if self.focus is not None:          # fronts away from the focus: seats face it
            to = np.array([cx, cy]) - self.focus
            yaw = math.atan2(to[0], -to[1])
            yaw = round(yaw / (math.pi / 2)) * (math.pi / 2)
        elif (room.x1 - room.x0) < (room.y1 - room.y0) and (b[3] - b[0]) > (b[4] - b[1]):
            yaw = math.pi / 2
        out = []
        step = max(0.1, round(math.sqrt(room.area_m2) / 50, 1))
        for x in np.arange(room.x0 + 0.4, room.x1 - 0.4 + 1e-6, step):
            for y in np.arange(room.y0 + 0.4, room.y1 - 0.4 + 1e-6, step):
                d = math.hypot(x - cx, y - cy)
                score = -d
                if self.focus is not None:
                    score = -0.2 * d - 1.0 * abs(math.hypot(x - self.focus[0], y - self.focus[1]) - 2.5)
                out.append(Pose(float(x), float(y), yaw, score))
        first = self.by_kind.get(item.kind, [])
        if k > 0 and first:                  # rows and columns from the first copy
            out = []
            f = first[0]
            px, py = item.pitch or ((b[3] - b[0]) + 0.9, (b[4] - b[1]) + 0.9)
            c0, yaw0 = centre_of(f), yaw_of(f)
            cy, sy = math.cos(yaw0), math.sin(yaw0)
            taken = {(round(p.transform[0, 3], 2), round(p.transform[1, 3], 2)) for p in first}
            for i in range(-8, 9):
                for j in range(-8, 9):
                    u, v = i * px, j * py
                    x, y = c0[0] + cy * u - sy * v, c0[1] + sy * u + cy * v
                    if (round(x, 2), round(y, 2)) in taken:
                        continue
                    out.append(Pose(float(x), float(y), yaw0, -(abs(i) + 1.01 * abs(j))))
            return out
        return out

    def _corners(self, m: PropModel) -> list[Pose]:
        """Into the corners, flush with both walls; then beside seats and beds."""
        b = m.bounds()
        out = []
        for wall in self.space.walls.values():
            for a, score in ((-b[0], 2.0), (wall.length - b[3], 2.0)):
                x, y = wall.point(a, b[4] + 0.005)
                out.append(Pose(x, y, wall.yaw, score, wall))
            for a in np.arange(-b[0] + 0.1, wall.length - b[3], 0.1):
                x, y = wall.point(a, b[4] + 0.005)
                out.append(Pose(x, y, wall.yaw, -0.2, wall))
        return out

    def _rug(self, item: Item, m: PropModel) -> bool:
        """A rug before its group (between the sofa and the television, at the bed's
        foot), under nothing placed yet: what stands on it later is raised onto it."""
        anchors = self.by_kind.get(item.of or "", [])
        if not anchors:
            return False
        a = anchors[0]
        ab, b = a.model.bounds(), m.bounds()
        f = front_of(a)
        z = self.space.room.floor_z
        for yaw_turn in (0.0, math.pi / 2):
            depth = (b[3] - b[0]) if yaw_turn else (b[4] - b[1])
            for off, side in ((0.05, 0.0), (0.05, 0.3), (0.05, -0.3), (0.05, 0.6),
                              (0.05, -0.6), (0.2, 0.0), (0.2, 0.4), (0.2, -0.4)):
                centre = centre_of(a) + f * (-ab[1] + off + depth / 2) + right_of(a) * side
                yaw = yaw_of(a) + yaw_turn
                boxes = world_boxes(m, float(centre[0]), float(centre[1]), z, yaw)
                if not self.space.occ.fits(boxes, 0.0) or not self._inside(boxes):
                    continue
                p = props.Placement(m, transform(float(centre[0]), float(centre[1]), z, yaw),
                                    boxes)
                for bx in boxes:
                    self.space.occ.add(bx)
                self.space.rugs.append(p)
                self.placed.append(p)
                self.by_kind.setdefault(item.kind, []).append(p)
                return True
        return False

    def _inside(self, boxes: list[Box]) -> bool:
        room = self.space.room
        for b in boxes:
            r = abs(b.hx * math.cos(b.yaw)) + abs(b.hy * math.sin(b.yaw))
            q = abs(b.hx * math.sin(b.yaw)) + abs(b.hy * math.cos(b.yaw))
            if b.x - r < room.x0 or b.x + r > room.x1 or b.y - q < room.y0 or b.y + q > room.y1:
                return False
        return True
