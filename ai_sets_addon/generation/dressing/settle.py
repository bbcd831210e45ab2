"""Settling a laid-out room: the furniture a room type or a place recipe set down (and
what the dressing added round it) is moved, a little, until it keeps the dressing's
written constraints (`space`) as the plausibility report measures them:

- inside the room: a piece that goes into a wall (a bed longer than its slot) is
  pushed back in, flush;
- no clashes: of two pieces more than 1 cm into one another (a strip light into a
  pillar), one slides the least distance that parts them;
- no dead floor: floor a person's disc cannot reach (a 25 cm slot between a wardrobe
  and the wall, a chair turned across a corner, a gap between two crates) is closed
  by a greedy search over small moves of the pieces that bound it: flush to the
  nearest wall, slid, squared to the walls (a wall thing only flush or along its
  wall); the first move that frees floor round the piece is kept, until the dead
  floor is under the dressing's own bound (`space.LOST_SHARE`) or no move frees any.
  Outlines are the report's (mesh hulls in the body band), on its 5 cm raster, with a
  disc a cell wider, so what passes here passes there; the measured moves are bounded
  (about a second for the largest rooms).

Every move keeps the piece clear of the others, of the door squares, windows and
camera stands; what stands on a piece (a television on its sideboard, the things on a
desk) moves with it. Pure: no bpy.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from .. import props
from ..plausibility import _hull, _in_polygon
from ..props.model import PropModel
from ..props.scatter import Box, overlap
from .raster import dilate, erode, label
from .space import BAND, BODY_R, LOST_SHARE, FloorGrid, Space

STEPS = (0.45, 0.3, 0.15, 0.05)            # slides tried (m), both ways on both axes
ROUNDS = 8                                   # moves kept at most
EVALS = 150                                   # layouts measured at most (bounds the time)
CONTACT = 0.01                                # the report's collision depth (m)
SAFE = 0.05                                   # added to the person's radius (m)
ENOUGH = LOST_SHARE                           # dead floor left alone (the dressing's own bound)
REPORT_CELL = 0.05                            # the plausibility report's floor cell (m):
LARGE_M2 = 100.0                              # a larger floor is measured at twice that,
                                              # with a disc wider by the difference
WHOLE_COST = 6                                # budget a whole-floor measure costs
CELLS = 25000                                 # raster size the full EVALS are spent on


def settle(room, placed: list[props.Placement], keep_clear: Sequence[Box] = ()
           ) -> list[props.Placement]:
    """`placed` with its floor pieces moved into the room and off dead floor (same
    order, moved pieces replaced by new placements)."""
    space = Space.of(room)
    fixed = list(space.occ.boxes) + list(keep_clear)       # walls, door squares, stands
    z = room.floor_z
    out = list(placed)
    band = [i for i, p in enumerate(out) if _in_band(p, z)]
    on = {j: [i for i in range(len(out)) if i != j and _rides_on(out[j], out[i], z)]
          for j in band}
    floor = [j for j in band if not on[j]]        # what stands on the floor or hangs low
    riders = {i: [j for j in range(len(out)) if j != i and _rides_on(out[j], out[i], z)]
              for i in floor}
    for i in floor:                                        # into the room first
        shift = _inward(out[i], room)
        if shift is not None:
            _apply(out, i, riders[i], shift, 0.0)
    _unclash(out, room, fixed, z)
    area = (room.x1 - room.x0) * (room.y1 - room.y0)
    grid = FloorGrid(room, REPORT_CELL if area <= LARGE_M2 else 2 * REPORT_CELL)
    feet = {i: _mask(grid, _outline(out[i])) for i in floor}
    budget = int(EVALS * min(1.0, CELLS / grid.taken.size))     # about a second at most
    for _ in range(ROUNDS):
        counts = _counts(feet, grid)                  # pieces over each cell: the rest of
        taken = counts > 0                            # the floor without one, in one step
        lost = _lost(grid, taken)
        if lost <= ENOUGH * (~taken).sum() or budget <= 0:
            break
        near = dilate(_dead(grid, taken), grid._disc(0.3))
        found = None
        for i in sorted(floor, key=lambda i: -int((feet[i] & near).sum())):
            if not (feet[i] & near).any() or found or budget <= 0:
                continue
            px, py = _pivot(out[i])
            reach = max(b.radius + math.hypot(b.x - px, b.y - py) for b in out[i].boxes) + 0.8
            others = [b for j in range(len(out)) if j != i and j not in riders[i]
                      for b in out[j].boxes if math.hypot(b.x - px, b.y - py) < reach + b.radius]
            others += [f for f in fixed if not any(overlap(b, f, 0.0) for b in out[i].boxes)]
            rest = (counts - feet[i]) > 0
            win = _window(grid, out[i].boxes, reach + BODY_R + SAFE)
            here = None                                # measured once a move is possible
            for move in _moves(out[i], room, z):       # the first move that frees floor
                boxes = _moved(out[i].boxes, *move, _pivot(out[i]))
                if not _inside(boxes, room) or any(overlap(b, o, 0.0) for b in boxes
                                                   for o in others if _solid(o, z)):
                    continue
                budget -= 1
                if here is None:
                    here = _local_lost(grid, taken, win)
                poly = _turned(_outline(out[i]), *move, np.array(_pivot(out[i])))
                moved = rest | _mask(grid, poly)
                if _local_lost(grid, moved, win) < here:
                    budget -= WHOLE_COST       # the whole floor measured: a dozen local ones
                    if _lost(grid, moved) < lost:
                        found = (i, move)      # frees floor round it, and cuts no way off
                        break
                if budget <= 0:
                    break
        if found is None:
            break
        i, move = found
        _apply(out, i, riders[i], move[:2], move[2])
        feet[i] = _mask(grid, _outline(out[i]))
    return out


_HULLS: dict[int, tuple[PropModel, np.ndarray]] = {}


def _outline(p: props.Placement) -> np.ndarray:
    """The piece's plan outline as the report traces it: the convex hull of its mesh
    where it meets the body band (a plant's leaves, not its box), in world x, y."""
    m = p.model
    hit = _HULLS.get(id(m))
    if hit is None or hit[0] is not m:
        pts = []
        for piece in m.pieces:
            v, f = piece.mesh.vertices, piece.mesh.faces
            z = v[f][:, :, 2]
            band = (z.max(axis=1) >= BAND[0]) & (z.min(axis=1) <= BAND[1])
            pts.append(v[np.unique(f[band])][:, :2])
        flat = np.vstack(pts) if pts else np.zeros((0, 2))
        hit = _HULLS[id(m)] = (m, _hull(flat) if len(flat) >= 3 else flat)
    local = hit[1]
    t = p.transform
    return local @ t[:2, :2].T + t[:2, 3]


def _mask(grid: FloorGrid, poly: np.ndarray) -> np.ndarray:
    """The cells whose centres lie in a convex polygon (the report's raster test)."""
    out = np.zeros_like(grid.taken)
    if len(poly) < 3:
        return out
    i0, j0 = grid.cell(*(poly.min(axis=0) - grid.cell_m))
    i1, j1 = grid.cell(*(poly.max(axis=0) + grid.cell_m))
    xs = grid.x0 + (np.arange(i0, i1 + 1) + 0.5) * grid.cell_m
    ys = grid.y0 + (np.arange(j0, j1 + 1) + 0.5) * grid.cell_m
    points = np.stack(np.meshgrid(xs, ys, indexing="ij"), axis=-1)
    out[i0:i1 + 1, j0:j1 + 1] = _in_polygon(points, poly)
    return out


def _turned(poly: np.ndarray, dx: float, dy: float, turn: float, pivot) -> np.ndarray:
    c, s = math.cos(turn), math.sin(turn)
    rel = poly - pivot
    return rel @ np.array([[c, s], [-s, c]]) + pivot + (dx, dy)


def _unclash(out: list[props.Placement], room, fixed: list[Box], floor_z: float) -> None:
    """Pieces that go more than CONTACT_M into one another (a strip light into a
    pillar, two booths at too short a pitch): the smaller of each pair slides the
    least distance that clears it, inside the room; what stands on it goes along."""
    flat = [i for i, p in enumerate(out) if max(b.z1 for b in p.boxes) - floor_z <= BAND[0]]
    rides = {j: [i for i in range(len(out)) if i != j and _rides_on(out[j], out[i], floor_z)]
             for j in range(len(out))}
    for a in range(len(out)):
        for b in range(a + 1, len(out)):
            if a in flat or b in flat or b in rides[a] or a in rides[b] or \
                    not _clash(out[a].boxes, out[b].boxes):
                continue
            for i in sorted((a, b), key=lambda k: sum(x.hx * x.hy for x in out[k].boxes)):
                if _slide_clear(out, i, rides, flat, fixed, room):
                    break


def _slide_clear(out, i: int, rides, flat, fixed, room) -> bool:
    """Slide piece i the least distance (along x or y) that clears every other piece."""
    others = [x for j in range(len(out)) if j != i and j not in flat
              and i not in rides[j] and j not in rides[i] for x in out[j].boxes]
    clear = [f for f in fixed if not any(overlap(x, f, 0.0) for x in out[i].boxes)]
    for s in (0.05, 0.1, 0.2, 0.3, 0.45, 0.6, 0.8, 1.0, 1.2):
        move = next(((dx, dy) for dx, dy in ((s, 0.0), (-s, 0.0), (0.0, s), (0.0, -s))
                     if _free(_moved(out[i].boxes, dx, dy, 0.0, _pivot(out[i])),
                              others, clear, room)), None)
        if move:
            _apply(out, i, [j for j in range(len(out)) if i in rides[j]], move, 0.0)
            return True
    return False


def _clash(boxes_a: list[Box], boxes_b: list[Box]) -> bool:
    return any(overlap(a, b, -CONTACT) for a in boxes_a for b in boxes_b)


def _free(boxes: list[Box], others: list[Box], fixed: list[Box], room) -> bool:
    return _inside(boxes, room) and not _clash(boxes, others) and \
        not any(overlap(b, f, 0.0) for b in boxes for f in fixed)


def _in_band(p: props.Placement, floor_z: float) -> bool:
    """A piece a walking person bumps into: not a rug, not overhead."""
    z0 = min(b.z0 for b in p.boxes)
    z1 = max(b.z1 for b in p.boxes)
    return z1 - floor_z > BAND[0] and z0 - floor_z < BAND[1]


def _rides_on(p: props.Placement, support: props.Placement, floor_z: float) -> bool:
    """`p` stands on `support` (its bottom at the support's top, its centre over it)."""
    z0 = min(b.z0 for b in p.boxes)
    if z0 - floor_z < 0.05:
        return False
    x, y = float(p.transform[0, 3]), float(p.transform[1, 3])
    probe = Box(x, y, 0.01, 0.01, 0.0, z0 - 0.05, z0 + 0.01)
    if any(z0 - 0.05 <= b.z1 <= z0 + 0.01 and overlap(probe, b, 0.0) for b in support.boxes):
        return True                                      # on its top
    sx0, sy0, sx1, sy1 = _extent(support.boxes)          # on a shelf or desk within it
    px0, py0, px1, py1 = _extent(p.boxes)
    return (min(b.z0 for b in support.boxes) + 0.05 <= z0 <= max(b.z1 for b in support.boxes)
            and sx0 - 0.01 <= px0 and px1 <= sx1 + 0.01 and sy0 - 0.01 <= py0 and py1 <= sy1 + 0.01)


def _solid(b: Box, floor_z: float) -> bool:
    return b.z1 - floor_z > BAND[0]                       # a rug is walked over


def _pivot(p: props.Placement) -> tuple[float, float]:
    return float(p.transform[0, 3]), float(p.transform[1, 3])


def _extent(boxes: list[Box]) -> tuple[float, float, float, float]:
    xs0, ys0, xs1, ys1 = [], [], [], []
    for b in boxes:
        rx = abs(b.hx * math.cos(b.yaw)) + abs(b.hy * math.sin(b.yaw))
        ry = abs(b.hx * math.sin(b.yaw)) + abs(b.hy * math.cos(b.yaw))
        xs0.append(b.x - rx)
        xs1.append(b.x + rx)
        ys0.append(b.y - ry)
        ys1.append(b.y + ry)
    return min(xs0), min(ys0), max(xs1), max(ys1)


def _inside(boxes: list[Box], room) -> bool:
    x0, y0, x1, y1 = _extent(boxes)
    e = 1e-4
    return x0 >= room.x0 - e and y0 >= room.y0 - e and x1 <= room.x1 + e and y1 <= room.y1 + e


def _inward(p: props.Placement, room) -> tuple[float, float] | None:
    """The shift that brings a piece back inside the walls (None: it is inside)."""
    x0, y0, x1, y1 = _extent(p.boxes)
    dx = max(room.x0 - x0, 0.0) - max(x1 - room.x1, 0.0)
    dy = max(room.y0 - y0, 0.0) - max(y1 - room.y1, 0.0)
    if abs(dx) < 1e-4 and abs(dy) < 1e-4:
        return None
    return (dx + math.copysign(0.003, dx) if dx else 0.0,
            dy + math.copysign(0.003, dy) if dy else 0.0)


def _moves(p: props.Placement, room, floor_z: float) -> list[tuple[float, float, float]]:
    """(dx, dy, turn) candidates: flush to each wall near it, slides, squared to the
    walls (then flush). A thing hung on a wall stays on it: flush to it or slid along."""
    x0, y0, x1, y1 = _extent(p.boxes)
    gaps = ((x0 - room.x0, (-1, 0)), (room.x1 - x1, (1, 0)),
            (y0 - room.y0, (0, -1)), (room.y1 - y1, (0, 1)))
    if min(b.z0 for b in p.boxes) - floor_z > 0.1:
        gap, d = min(gaps)
        out = [(d[0] * (gap - 0.003), d[1] * (gap - 0.003), 0.0)] if 0.004 < gap < 0.2 else []
        for s in STEPS:
            out += [(d[1] * s, d[0] * s, 0.0), (-d[1] * s, -d[0] * s, 0.0)]
        return out
    out = []
    for gap, d in gaps:
        if 0.004 < gap < 0.8:
            step = gap - 0.003
            out.append((d[0] * step, d[1] * step, 0.0))
    for s in STEPS:
        out += [(s, 0.0, 0.0), (-s, 0.0, 0.0), (0.0, s, 0.0), (0.0, -s, 0.0)]
    yaw = math.atan2(p.transform[1, 0], p.transform[0, 0])
    square = round(yaw / (math.pi / 2)) * (math.pi / 2) - yaw
    if abs(square) > 0.05:
        out.append((0.0, 0.0, square))
        turned = _moved(p.boxes, 0.0, 0.0, square, _pivot(p))
        tx0, ty0, tx1, ty1 = _extent(turned)
        ix = max(room.x0 - tx0, 0.0) - max(tx1 - room.x1, 0.0)     # back inside, turned
        iy = max(room.y0 - ty0, 0.0) - max(ty1 - room.y1, 0.0)
        out.append((ix, iy, square))
        for gap, d in ((tx0 + ix - room.x0, (-1, 0)), (room.x1 - tx1 - ix, (1, 0)),
                       (ty0 + iy - room.y0, (0, -1)), (room.y1 - ty1 - iy, (0, 1))):
            if 0.004 < gap < 1.2:
                step = gap - 0.003
                out.append((ix + d[0] * step, iy + d[1] * step, square))
        for s in STEPS + (0.6, 0.9, 1.2):                   # squared, then slid clear
            out += [(ix + s, iy, square), (ix - s, iy, square), (ix, iy + s, square),
                    (ix, iy - s, square)]
    return out


def _moved(boxes: list[Box], dx: float, dy: float, turn: float,
           pivot: tuple[float, float]) -> list[Box]:
    c, s = math.cos(turn), math.sin(turn)
    out = []
    for b in boxes:
        rx, ry = b.x - pivot[0], b.y - pivot[1]
        out.append(replace(b, x=pivot[0] + c * rx - s * ry + dx,
                           y=pivot[1] + s * rx + c * ry + dy, yaw=b.yaw + turn))
    return out


def _apply(out: list[props.Placement], i: int, riders: list[int], shift, turn: float) -> None:
    """Move piece i (and what rides on it) by `shift`, turned by `turn` about its origin."""
    pivot = _pivot(out[i])
    c, s = math.cos(turn), math.sin(turn)
    rot = np.eye(4)
    rot[:2, :2] = [[c, -s], [s, c]]
    about = np.eye(4)
    about[:2, 3] = pivot
    back = np.eye(4)
    back[:2, 3] = [-pivot[0], -pivot[1]]
    move = np.eye(4)
    move[:2, 3] = shift
    m = move @ about @ rot @ back
    for j in [i] + riders:
        p = out[j]
        out[j] = props.Placement(p.model, m @ p.transform, _moved(p.boxes, shift[0], shift[1],
                                                                   turn, pivot))


def _counts(feet: dict[int, np.ndarray], grid) -> np.ndarray:
    counts = np.zeros(grid.taken.shape, np.int16)
    for f in feet.values():
        counts += f
    return counts


def _person(grid) -> np.ndarray:
    """The person's disc on the raster, a cell wider than the report's: a gap kept here
    is a gap there whatever its raster's offset."""
    r = (BODY_R + SAFE) / REPORT_CELL if grid.cell_m <= REPORT_CELL else \
        (BODY_R + SAFE + grid.cell_m - REPORT_CELL) / grid.cell_m
    i = np.arange(-math.ceil(r), math.ceil(r) + 1)
    return (i[:, None] ** 2 + i[None] ** 2) <= r * r


def _window(grid, boxes: list[Box], reach: float) -> tuple[slice, slice]:
    """The raster cells within `reach` of a piece (its moves' neighbourhood)."""
    x0, y0, x1, y1 = _extent(boxes)
    i0, j0 = grid.cell(x0 - reach, y0 - reach)
    i1, j1 = grid.cell(x1 + reach, y1 + reach)
    return slice(i0, i1 + 1), slice(j0, j1 + 1)


def _local_lost(grid, taken: np.ndarray, win: tuple[slice, slice]) -> int:
    """Dead floor within a window, the floor beyond its open edges taken as reached (the
    room's walls stay walls): what a move there frees, at a fraction of the whole
    raster's cost."""
    disc = _person(grid)
    r = disc.shape[0] // 2
    free = ~taken[win]
    nx, ny = taken.shape
    pad = [(r if win[0].start > 0 else 0, r if win[0].stop < nx else 0),
           (r if win[1].start > 0 else 0, r if win[1].stop < ny else 0)]
    padded = np.pad(free, pad, constant_values=True)     # open beyond, walls at the walls
    labels, n = label(erode(padded, disc))
    if n == 0:
        return int(free.sum())
    edge = np.zeros_like(padded)
    edge[:pad[0][0]], edge[padded.shape[0] - pad[0][1]:] = True, True
    edge[:, :pad[1][0]], edge[:, padded.shape[1] - pad[1][1]:] = True, True
    keep = np.unique(labels[edge & (labels > 0)])
    if not len(keep):
        keep = [int(np.argmax(np.bincount(labels.ravel())[1:])) + 1]
    reached = dilate(np.isin(labels, keep), disc)
    inner = reached[pad[0][0]:padded.shape[0] - pad[0][1], pad[1][0]:padded.shape[1] - pad[1][1]]
    return int((free & ~inner).sum())


def _lost(grid, taken: np.ndarray) -> int:
    return int(_dead(grid, taken).sum())


def _dead(grid, taken: np.ndarray) -> np.ndarray:
    """The free cells a person's disc (a margin wider than the report's, so a gap kept
    here is a gap there whatever its raster's offset) does not cover from the largest
    region it reaches."""
    free = ~taken
    disc = _person(grid)
    labels, n = label(erode(free, disc))
    if n == 0:
        return free
    sizes = np.bincount(labels.ravel())[1:]
    largest = labels == (int(np.argmax(sizes)) + 1)
    return free & ~(dilate(largest, disc) & free)
