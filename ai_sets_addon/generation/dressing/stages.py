"""The stages after the furniture: wall objects, the ceiling, small objects on their
supports, and a little floor clutter against the walls.

- Wall objects hang flat on the wall's inner face at the height each is hung at (a
  switch at 1.05 m beside the door, sockets at 0.25 m, frames at eye height or above
  the piece they belong to), never over a door or a window, never behind something
  that stands in front of the wall; radiators under the windows (below the sill),
  curtains gathered beside them.
- The ceiling: the room's fixture over its focus or its tables, more fixtures for a
  large floor, a vent flat on the ceiling.
- Small objects rest on a surface that can hold them (the catalogue's `holds` kinds at
  their `surface_height_m`, wall shelves included): each surface gets what people keep
  there, set down in order (a desk: the screen at the back, the keyboard before it, the
  mouse beside), places laid before each chair at a table, and none left bare.
"""

from __future__ import annotations

import math

import numpy as np

from .. import props
from ..props.catalogue import KINDS
from ..props.model import PropModel
from ..props.scatter import Box, overlap, transform, world_boxes
from .layout import Furnisher, centre_of, front_of, yaw_of
from .models import model, variant_for
from .programs import SURFACE_SMALLS, Notes
from .space import Space, Wall, rect_box

# Where a wall object hangs: the height of its bottom edge (m above the floor); 0 for
# what stands on the floor with its back to the wall (a chimneypiece, a ladder).
HANG = {"light_switch": 1.05, "power_socket": 0.25, "picture_frame": 1.35, "poster": 1.25,
        "mirror": 0.95, "round_mirror": 1.3, "wall_clock": 1.95, "wall_shelf": 1.45,
        "wall_cabinet": 1.45, "medicine_cabinet": 1.25, "whiteboard": 0.9, "blackboard": 0.9,
        "corkboard": 1.1, "wall_sconce": 1.7, "tapestry": 1.6, "air_vent": 2.15,
        "exit_sign": 2.15, "radiator": 0.12, "wall_tv": 1.0, "air_conditioner": 2.2,
        "boiler": 1.3, "electrical_cabinet": 1.2, "handrail": 0.925, "button_panel": 0.95,
        "fireplace": 0.0, "ladder": 0.0, "curtain": 0.02, "urinal": 0.3}
# Frames, mirrors, shelves hung over a piece of furniture (centred on it), first.
OVER = {"picture_frame": ("sofa", "double_bed", "single_bed", "bed", "sideboard", "dresser",
                          "console_table", "bench"),
        "mirror": ("vanity_unit", "washbasin", "dresser", "console_table"),
        "medicine_cabinet": ("vanity_unit", "washbasin"),
        "wall_cabinet": ("kitchen_cabinet",), "blackboard": ("desk",),
        "wall_shelf": ("desk", "kitchen_table"), "tapestry": ("console_table",)}
# Where a small thing sits on its surface: (u, v) in [-1, 1] of its half sizes, +v the
# back of the surface (toward the wall).
SPOT = {"monitor": (0.0, 0.55), "computer_keyboard": (0.0, -0.35),
        "computer_mouse": (0.45, -0.35), "desk_lamp": (-0.8, 0.6), "television": (0.0, 0.15),
        "bedside_lamp": (0.0, 0.35), "table_lamp": (-0.7, 0.4), "cash_register": (0.4, 0.2),
        "kettle": (-0.5, 0.5), "coffee_machine": (0.3, 0.55), "toaster": (0.0, 0.5),
        "fruit_bowl": (0.0, 0.0), "flower_vase": (0.6, 0.4), "soap_dispenser": (0.6, 0.4),
        "laptop": (0.0, -0.2)}
# Hung on a free stretch of wall when not over the piece they belong to (no shelf over a
# bedside lamp, no mirror behind a bookcase's top).
FREE_WALL = frozenset({"wall_shelf", "mirror", "round_mirror", "picture_frame", "poster",
                       "corkboard", "whiteboard", "tapestry"})
TABLES = frozenset({"dining_table", "kitchen_table", "bistro_table", "folding_table", "table",
                    "conference_table", "picnic_table"})
SETTING = ("plate", "drinking_glass")        # laid before each chair at a table
FU_HOLDERS = {"table": "table", "coffee_table": "coffee_table_fu", "counter": "counter",
              "bar_counter": "bar_counter", "reception_desk": "reception_desk_fu",
              "kitchen": "kitchen", "nightstand": "nightstand", "sideboard": "sideboard",
              "desk": "desk", "school_desk": "school_desk", "bistro_table": "bistro_table",
              "teacher_desk": "desk", "tasting_table": "bistro_table", "diner_counter": "counter"}


def hang(space: Space, placed: list[props.Placement], m: PropModel, wall: Wall, a: float,
         bottom: float, scale_x: float = 1.0, force_clear: bool = True) -> props.Placement | None:
    """A wall object on `wall` centred `a` along it, its bottom at `bottom`."""
    b = m.bounds()
    x, y = wall.point(a, b[4] + 0.004)
    z = space.room.floor_z + bottom - b[2]
    boxes = _boxes(m, x, y, z, wall.yaw, scale_x)
    if not space.occ.fits(boxes, 0.0):
        return None
    taken = space.grid.accepts(boxes, space.access)     # low things keep the paths
    if taken is None:
        return None
    space.grid.commit(taken)
    for box in boxes:
        space.occ.add(box)
    t = transform(x, y, z, wall.yaw)
    if scale_x != 1.0:
        t = t @ np.diag([scale_x, 1.0, 1.0, 1.0])
    p = props.Placement(m, t, boxes)
    placed.append(p)
    return p


def _boxes(m: PropModel, x, y, z, yaw, scale_x: float = 1.0) -> list[Box]:
    boxes = world_boxes(m, x, y, z, yaw)
    if scale_x != 1.0:
        for box, h in zip(boxes, m.hulls):
            cx = (h[0] + h[3]) / 2 * (scale_x - 1.0)
            box.hx *= scale_x
            box.x += math.cos(yaw) * cx
            box.y += math.sin(yaw) * cx
    return boxes


def wall_stage(space: Space, furn: Furnisher, wall_items, rng, notes: Notes,
               radiators: bool, curtains: bool, density: float,
               blinds: bool = False) -> list[props.Placement]:
    """Switches by the doors, radiators under the windows, blinds in the windows (an
    office's, a kitchen's) or curtains beside them, then the program's wall objects."""
    placed: list[props.Placement] = []
    for wall, c, w in space.doors:                        # a switch beside every door
        m = model("light_switch", 0)
        for side in (1, -1):
            if hang(space, placed, m, wall, c + side * (w / 2 + 0.15), HANG["light_switch"]):
                break
    for wall, c, w, sill in space.windows:
        if radiators and sill > 0.75:
            m = model("radiator", variant_for("radiator", rng))
            hang(space, placed, m, wall, c, HANG["radiator"])
        if blinds:
            _blind(space, placed, wall, c, w, sill, rng)
        elif curtains:
            _curtains(space, placed, wall, c, w, sill, rng)
    for kind, n in wall_items:
        if kind not in KINDS or kind == "light_switch":
            continue
        n = n if kind == "power_socket" else max(1 if n else 0, int(round(n * density)))
        got = 0
        for _ in range(n):
            m = model(kind, variant_for(kind, rng))
            if _hang_somewhere(space, furn, placed, m, kind, rng):
                got += 1
        if got < n:
            notes.add(f"walls: room for {got} of {n} {kind.replace('_', ' ')}")
    return placed


def _curtains(space: Space, placed, wall: Wall, c: float, w: float, sill: float, rng) -> None:
    """A pair of curtains gathered either side of a window (narrowed to the wall there
    is, at least 0.35 m of cloth a side)."""
    m = model("curtain", variant_for("curtain", rng))
    b = m.bounds()
    full = b[3] - b[0]
    for side in (-1, 1):
        edge = c + side * (w / 2 + 0.12)       # clear of the window's zone (0.1 m beyond it)
        room = edge if side < 0 else wall.length - edge
        width = min(full * 0.6, room - 0.02)
        if width < 0.35:
            continue
        a = edge + side * width / 2
        height = space.room.height_m - 0.05 - (b[5] - b[2])
        hang(space, placed, m, wall, a, max(0.0, height), scale_x=width / full)


def _blind(space: Space, placed, wall: Wall, c: float, w: float, sill: float, rng) -> None:
    """A venetian blind in the window's reveal, just behind the wall's face (it blocks
    no walk and no window clearance), as wide as the opening less 2 cm a side, lowered
    over a third to two thirds of the glass from under the head."""
    head = next((o.sill_m + o.height_m for o in space.room.openings
                 if o.kind == "window" and space.walls[o.wall] is wall
                 and abs(o.centre_m - c) < 1e-6), sill + 1.2)
    m = model("blind", variant_for("blind", rng))
    b = m.bounds()
    sx = (w - 0.04) / (b[3] - b[0])
    drop = (head - sill) * float(rng.uniform(0.35, 0.7))
    sz = drop / (b[5] - b[2])
    x, y = wall.point(c, b[1] - 0.005)                  # its front 5 mm behind the face
    z = space.room.floor_z + head - 0.02 - b[5] * sz
    t = transform(x, y, z, wall.yaw) @ np.diag([sx, 1.0, sz, 1.0])
    box = Box(x, y, (b[3] - b[0]) / 2 * sx, (b[4] - b[1]) / 2, wall.yaw, z + b[2] * sz,
              z + b[5] * sz)
    placed.append(props.Placement(m, t, [box]))


def _hang_somewhere(space: Space, furn: Furnisher, placed, m: PropModel, kind: str, rng) -> bool:
    b = m.bounds()
    bottom = HANG.get(kind, 1.4)
    for anchor_kind in OVER.get(kind, ()):
        for a in furn.by_kind.get(anchor_kind, []):
            wall, along = _backed_wall(space, a)
            if wall is None:
                continue
            top = _stack_top(space, a) - space.room.floor_z
            lift = max(bottom, top + (0.25 if kind in ("picture_frame", "tapestry") else 0.35))
            if kind == "wall_cabinet":
                lift = bottom
            if lift + (b[5] - b[2]) > space.room.height_m - 0.1:
                continue
            if hang(space, placed, m, wall, along, lift):
                return True
    spots = []
    others = [centre_of(p) for p in placed]
    for wall in space.walls.values():
        for a in np.arange(-b[0] + 0.15, wall.length - b[3] - 0.15, 0.1):
            x, y = wall.point(a)
            spread = min([math.hypot(x - o[0], y - o[1]) for o in others] + [3.0])
            spots.append((-(spread + rng.uniform(0, 0.3)), wall.name, float(a)))
    spots.sort()
    if bottom + (b[5] - b[2]) > space.room.height_m - 0.05:
        bottom = max(0.3, space.room.height_m - 0.1 - (b[5] - b[2]))
    for _, name, a in spots[:200]:
        wall = space.walls[name]
        if kind in FREE_WALL and not space.occ.fits(
                [rect_box(wall, a + b[0], a + b[3], 0.01, 0.6, space.room.floor_z + 0.3,
                          space.room.floor_z + bottom - 0.01)], 0.0):
            continue                # over a piece it does not belong to: a free wall only
        if hang(space, placed, m, wall, a, bottom):
            return True
    return False


def _stack_top(space: Space, p: props.Placement) -> float:
    """The top of a piece and of whatever stands on or against it below head height
    (the television on the sideboard): a frame hangs over all of it."""
    top = max(b.z1 for b in p.boxes)
    for b in p.boxes:
        probe = Box(b.x, b.y, b.hx, b.hy, b.yaw, b.z0, 2.0)
        for other in space.occ.boxes:
            if other.z1 < 2.0 and other.hx < 5 and other.hy < 5 and overlap(probe, other, 0.0):
                top = max(top, other.z1)
    return top


def _backed_wall(space: Space, p: props.Placement) -> tuple[Wall | None, float]:
    """The wall a piece stands against, and its centre's position along that wall."""
    c, f = centre_of(p), front_of(p)
    for wall in space.walls.values():
        if np.dot(f, wall.inward) > 0.9:
            rel = c - np.asarray(wall.origin)
            depth = float(np.dot(rel, wall.inward))
            bb = p.model.bounds()
            if depth < bb[4] + 0.15:
                return wall, float(np.dot(rel, wall.along))
    return None, 0.0


def ceiling_stage(space: Space, furn: Furnisher, kinds, rng, notes: Notes) -> list[props.Placement]:
    """The main fixture over the tables or the focus group (else the middle), more
    fixtures on a grid for a large floor, and a vent flat on the ceiling."""
    room = space.room
    placed: list[props.Placement] = []
    area = (room.x1 - room.x0) * (room.y1 - room.y0)
    top = room.floor_z + room.height_m
    for kind in kinds:
        if kind not in KINDS:
            continue
        m = model(kind, variant_for(kind, rng))
        b = m.bounds()
        spots = [centre_of(t) for k in TABLES for t in furn.by_kind.get(k, [])]
        low_ok = bool(spots)
        if not spots:
            cx, cy = (room.x0 + room.x1) / 2, (room.y0 + room.y1) / 2
            per = 14.0 if kind in ("fluorescent_light", "ceiling_light") else 40.0
            n = max(1, int(round(area / per)))
            cols = max(1, int(round(math.sqrt(n * (room.x1 - room.x0) / (room.y1 - room.y0)))))
            rows = max(1, math.ceil(n / cols))
            spots = [np.array([room.x0 + (room.x1 - room.x0) * (i + 0.5) / cols,
                               room.y0 + (room.y1 - room.y0) * (j + 0.5) / rows])
                     for j in range(rows) for i in range(cols)][:n]
            if n == 1:
                spots = [np.array([cx, cy])]
        drop = b[5] - b[2]
        if room.height_m - drop < (1.9 if low_ok else 2.05):
            m = model("ceiling_light", variant_for("ceiling_light", rng))   # too low to walk under
            b = m.bounds()
        for s in spots[:12]:
            z = top - b[5] - 0.002
            boxes = world_boxes(m, float(s[0]), float(s[1]), z, 0.0)
            if space.occ.fits(boxes, 0.02):
                for box in boxes:
                    space.occ.add(box)
                placed.append(props.Placement(m, transform(float(s[0]), float(s[1]), z, 0.0), boxes))
    for kind, spots in (("smoke_detector", ((0.5, 0.3), (0.3, 0.5), (0.7, 0.6))),
                        ("ceiling_vent", ((0.25, 0.75), (0.75, 0.25), (0.25, 0.25), (0.75, 0.75)))):
        if kind in KINDS:
            if _flush(space, placed, model(kind, variant_for(kind, rng)), spots) is None:
                notes.add(f"ceiling: no room for a {kind.replace('_', ' ')}")
        elif kind == "ceiling_vent" and _ceiling_vent(space, placed, rng) is None:
            notes.add("ceiling: no room for a vent")
    return placed


def _flush(space: Space, placed, m: PropModel, spots) -> props.Placement | None:
    """A flat ceiling thing (a detector, a vent) flush with the ceiling at the first
    free spot (fractions of the room), clear of the fixtures."""
    room = space.room
    b = m.bounds()
    z = room.floor_z + room.height_m - b[5] - 0.001
    for fx, fy in spots:
        x = room.x0 + (room.x1 - room.x0) * fx
        y = room.y0 + (room.y1 - room.y0) * fy
        boxes = world_boxes(m, x, y, z, 0.0)
        if space.occ.fits(boxes, 0.1):
            for box in boxes:
                space.occ.add(box)
            p = props.Placement(m, transform(x, y, z, 0.0), boxes)
            placed.append(p)
            return p
    return None


def _ceiling_vent(space: Space, placed, rng) -> props.Placement | None:
    """The wall vent grille turned to lie flat on the ceiling, face down (when the
    catalogue has no ceiling vent kind)."""
    m = model("air_vent", 0)
    b = m.bounds()
    room = space.room
    top = room.floor_z + room.height_m
    rot = np.eye(4)
    rot[1:3, 1:3] = [[0.0, -1.0], [1.0, 0.0]]           # front (-Y) to face down (-Z)
    for fx, fy in ((0.25, 0.75), (0.75, 0.25), (0.25, 0.25), (0.75, 0.75)):
        x = room.x0 + (room.x1 - room.x0) * fx
        y = room.y0 + (room.y1 - room.y0) * fy
        z = top - b[4] - 0.001
        t = transform(x, y, z) @ rot
        corners = np.array([[u, v, w, 1.0] for u in (b[0], b[3]) for v in (b[1], b[4])
                            for w in (b[2], b[5])]) @ t.T
        lo, hi = corners[:, :3].min(axis=0), corners[:, :3].max(axis=0)
        box = Box(float(lo[0] + hi[0]) / 2, float(lo[1] + hi[1]) / 2, float(hi[0] - lo[0]) / 2,
                  float(hi[1] - lo[1]) / 2, 0.0, float(lo[2]), float(hi[2]))
        if space.occ.fits([box], 0.05):
            space.occ.add(box)
            p = props.Placement(m, t, [box])
            placed.append(p)
            return p
    return None


# ------------------------------------------------------------------------ small objects

_TOPS: dict[int, tuple[PropModel, tuple | None]] = {}


def top_face(m: PropModel) -> tuple | None:
    """The surface a model offers, from its mesh: the highest level with most of the
    upward-facing area between 0.15 and 1.25 m, that face's rectangle (model frame) and the boxes of
    what the model itself stands on it (a desk's built-in screen, a nightstand's lamp)."""
    hit = _TOPS.get(id(m))
    if hit is not None and hit[0] is m:
        return hit[1]
    areas: dict[float, list] = {}
    for piece in m.pieces:
        mesh = piece.mesh
        up = mesh.face_normals[:, 2] > 0.95
        if not up.any():
            continue
        tris = mesh.triangles[up]
        zs = np.round(tris[:, :, 2].mean(axis=1), 2)
        for z in np.unique(zs):
            if 0.15 <= z <= 1.25:
                sel = tris[zs == z]
                areas.setdefault(float(z), []).append(sel)
    result = None
    if areas:
        size = {k: sum(float(np.abs(np.cross(t[:, 1] - t[:, 0], t[:, 2] - t[:, 0])[:, 2]).sum()) / 2
                       for t in v) for k, v in areas.items()}
        big = max(size.values())
        z = max(k for k, a in size.items() if a >= 0.6 * big)     # the top, not a shelf under it
        pts = np.vstack([t.reshape(-1, 3) for t in areas[z]])
        rect = (float(pts[:, 0].min()), float(pts[:, 1].min()), float(pts[:, 0].max()), float(pts[:, 1].max()))
        above = []
        for piece in m.pieces:
            v = piece.mesh.vertices
            on = v[(v[:, 2] > z + 0.01) & (v[:, 0] > rect[0]) & (v[:, 0] < rect[2])
                   & (v[:, 1] > rect[1]) & (v[:, 1] < rect[3])]
            if len(on):
                above.append((float(on[:, 0].min()), float(on[:, 1].min()), float(on[:, 0].max()),
                               float(on[:, 1].max()), float(on[:, 2].max())))
        result = (z, rect, above)
    _TOPS[id(m)] = (m, result)
    return result


def surface_of(p: props.Placement, floor_z: float) -> tuple[Box, float, str] | None:
    """A placed piece's top a small thing can rest on: the top's rectangle as a world
    box, its height, and the pool of things kept there; None when it holds nothing
    (the catalogue's `holds` kinds and the room types' tables, desks and counters)."""
    kind = p.model.kind
    if kind in KINDS and KINDS[kind].holds:
        pool = kind if kind in SURFACE_SMALLS else "side_table"
    else:
        pool = FU_HOLDERS.get(kind)
    if pool is None:
        return None
    face = top_face(p.model)
    if face is None:
        return None
    z, (x0, y0, x1, y1), above = face
    covered = sum((bx1 - bx0) * (by1 - by0) for bx0, by0, bx1, by1, _ in above)
    if covered > 0.5 * (x1 - x0) * (y1 - y0):
        return None                # a shelf inside the piece (a rack's), not its top
    t = p.transform
    scale = float(np.linalg.norm(t[:3, 0]))
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    wx, wy, wz = (t @ np.array([cx, cy, z, 1.0]))[:3]
    yaw = math.atan2(t[1, 0], t[0, 0])
    box = Box(float(wx), float(wy), (x1 - x0) / 2 * scale, (y1 - y0) / 2 * scale, yaw,
              float(wz), float(wz))
    if wz - floor_z > 1.3:
        return None
    return box, float(wz), pool


class Tops:
    """Small objects on the surfaces of a room: each surface keeps its own spacing,
    and everything also stays clear of what hangs over it (the global occupancy)."""

    def __init__(self, space: Space, rng, density: float) -> None:
        self.space, self.rng, self.density = space, rng, density
        self.local: dict[int, props.Occupancy] = {}
        self.count: dict[int, int] = {}

    def put(self, holder: props.Placement, box: Box, top: float, kind: str,
            spot: tuple[float, float] | None = None) -> props.Placement | None:
        m = model(kind, variant_for(kind, self.rng))
        b = m.bounds()
        local = self.local.get(id(holder))
        if local is None:                  # what the piece itself has on its top
            local = self.local[id(holder)] = props.Occupancy(cell=0.5)
            face = top_face(holder.model)
            for bx0, by0, bx1, by1, bz in (face[2] if face else []):
                for wb in world_boxes(_block(bx0, by0, bx1, by1, face[0], bz), *_pose(holder)):
                    local.add(wb)
        c, s = math.cos(box.yaw), math.sin(box.yaw)
        casual = kind in ("book", "mug", "cup", "smartphone", "remote_control", "newspaper",
                          "paper_stack", "book_stack", "tablet", "ashtray", "jar")
        spots = [spot] if spot else []
        grid = [(u, v) for u in np.linspace(-0.85, 0.85, 7) for v in np.linspace(-0.8, 0.8, 5)]
        order = self.rng.permutation(len(grid))
        spots += [grid[i] for i in order]
        for k, (u, v) in enumerate(spots):
            # +v is the back of the surface: the holder's model +Y, i.e. away from its front
            lx = u * max(box.hx - max(abs(b[0]), b[3]) - 0.02, 0.0)
            ly = v * max(box.hy - max(abs(b[1]), b[4]) - 0.02, 0.0)
            x = box.x + c * lx - s * ly
            y = box.y + s * lx + c * ly
            yaw = box.yaw + (float(self.rng.uniform(-0.4, 0.4)) if casual else 0.0)
            z = top + 0.0005 - min(b[2], 0.0)          # its lowest point on the top
            boxes = world_boxes(m, x, y, z, yaw)
            if not _within(boxes, box, 0.01):
                continue
            if not local.fits(boxes, 0.015) or not _fits_except(self.space.occ, boxes, holder):
                continue
            for bx in boxes:
                local.add(bx)
                self.space.occ.add(bx)
            self.count[id(holder)] = self.count.get(id(holder), 0) + 1
            p = props.Placement(m, transform(x, y, z, yaw), boxes)
            if kind in SCREENS:
                self.space.occ.add(screen_zone(p))
            return p
        return None


def _fits_except(occ: props.Occupancy, boxes: list[Box], holder: props.Placement) -> bool:
    """The occupancy test, the holder's own hull aside (the thing rests on it)."""
    own = {id(b) for b in holder.boxes}
    for box in boxes:
        for key in occ._cells(box):
            for index in occ.grid.get(key, ()):
                other = occ.boxes[index]
                if id(other) not in own and overlap(box, other, 0.0):
                    return False
    return True


def _block(x0, y0, x1, y1, z0, z1) -> PropModel:
    """A stand-in model with one hull: a built-in thing on a piece's top."""
    from ..mesh import box as box_mesh
    m = PropModel("built_in", "", [props.Piece("", box_mesh(((x0 + x1) / 2, (y0 + y1) / 2,
                                                              (z0 + z1) / 2),
                                                             (x1 - x0, y1 - y0, z1 - z0)), "")])
    return m


def _pose(p: props.Placement) -> tuple[float, float, float, float]:
    t = p.transform
    return float(t[0, 3]), float(t[1, 3]), float(t[2, 3]), math.atan2(t[1, 0], t[0, 0])


def _within(boxes: list[Box], top: Box, margin: float) -> bool:
    """Every corner of the boxes over the top's rectangle (nothing hangs off the edge)."""
    c, s = math.cos(top.yaw), math.sin(top.yaw)
    for b in boxes:
        cb, sb = math.cos(b.yaw), math.sin(b.yaw)
        for du, dv in ((-1, -1), (-1, 1), (1, -1), (1, 1)):
            px = b.x + cb * du * b.hx - sb * dv * b.hy - top.x
            py = b.y + sb * du * b.hx + cb * dv * b.hy - top.y
            u, v = c * px + s * py, -s * px + c * py
            if abs(u) > top.hx - margin or abs(v) > top.hy - margin:
                return False
    return True


def smalls_stage(space: Space, holders: list[props.Placement], chairs: list[props.Placement],
                 extra: tuple[str, ...], excluded: set[str], rng, density: float,
                 pools: dict[str, tuple[str, ...]] | None = None,
                 standing: list[props.Placement] = ()) -> tuple[list[props.Placement], Tops]:
    tops = Tops(space, rng, density)
    placed: list[props.Placement] = []
    for p in furn_screens(standing):
        space.occ.add(screen_zone(p))
    for h in holders:
        surf = surface_of(h, space.room.floor_z)
        if surf is None:
            continue
        box, top, pool_key = surf
        pool = [k for k in (pools or {}).get(pool_key, SURFACE_SMALLS.get(pool_key, ())) + extra
                if k in KINDS and k not in excluded]
        if not pool:
            continue
        area = 4 * box.hx * box.hy
        want = max(1, int(round(density * (1 + area * 6))))
        if h.model.kind in ("kitchen_cabinet", "school_desk", "bistro_table"):
            want = max(1, int(round(density * 2)))
        if (h.model.kind in TABLES or pool_key in ("table", "kitchen_table", "dining_table")) \
                and "plate" in pool:          # a reading or interview table lays no dinner
            placed += _settings(tops, h, box, top, chairs, excluded)
        offset = int(rng.integers(len(pool))) if h.model.kind in ("kitchen_cabinet",
                                                                   "school_desk") else 0
        tried = 0
        while tops.count.get(id(h), 0) < want and tried < len(pool):
            kind = pool[(offset + tried) % len(pool)]
            tried += 1
            if kind in SETTING and h.model.kind in TABLES and chairs:
                continue
            p = tops.put(h, box, top, kind, SPOT.get(kind))
            if p:
                placed.append(p)
    return placed, tops


SCREENS = frozenset({"television", "tv", "crt_tv", "monitor"})


def screen_zone(p: props.Placement) -> Box:
    """Kept clear round a screen, above a remote's height: nothing stands in front of a
    television (a photo frame before the picture reads as a mistake) or hides behind it."""
    b = p.model.bounds()
    t = p.transform
    yaw = math.atan2(t[1, 0], t[0, 0])
    front = np.array([math.sin(yaw), -math.cos(yaw)])
    back, ahead = b[4] + 0.3, -b[1] + 0.6     # behind it (hidden) to 0.6 m before it
    depth = back + ahead
    mid = (ahead - back) / 2
    cx, cy = t[0, 3] + front[0] * mid, t[1, 3] + front[1] * mid
    base = float(t[2, 3] + b[2])
    return Box(float(cx), float(cy), (b[3] - b[0]) / 2, depth / 2, yaw, base + 0.06,
               float(t[2, 3] + b[5]))


def furn_screens(*groups) -> list[props.Placement]:
    return [p for g in groups for p in g if p.model.kind in SCREENS]


def _settings(tops: Tops, table: props.Placement, box: Box, top: float,
              chairs: list[props.Placement], excluded: set[str]) -> list[props.Placement]:
    """A plate and a glass laid before each chair at the table."""
    out = []
    c = centre_of(table)
    for ch in chairs:
        cc = centre_of(ch)
        if math.hypot(*(cc - c)) > max(box.hx, box.hy) + 0.8:
            continue
        to = cc - c
        # the chair's side of the table in the table's frame
        cs, sn = math.cos(box.yaw), math.sin(box.yaw)
        u, v = cs * to[0] + sn * to[1], -sn * to[0] + cs * to[1]
        if abs(v) / max(box.hy, 1e-6) >= abs(u) / max(box.hx, 1e-6):
            spot_u, spot_v = float(np.clip(u / max(box.hx, 1e-6), -0.8, 0.8)), -0.55 * np.sign(-v)
        else:
            spot_u, spot_v = -0.6 * np.sign(-u), float(np.clip(v / max(box.hy, 1e-6), -0.6, 0.6))
        for kind, (du, dv) in zip(SETTING, ((0.0, 0.0), (0.25, 0.2))):
            if kind in excluded or kind not in KINDS:
                continue
            su = float(np.clip(spot_u + du * np.sign(spot_u or 1) * 0.5, -0.9, 0.9))
            sv = float(np.clip(spot_v * (1 - dv), -0.9, 0.9))
            p = tops.put(table, box, top, kind, (su, sv))
            if p:
                out.append(p)
    return out


def floor_clutter(space: Space, furn: Furnisher, items, rng, density: float,
                  excluded: set[str]) -> list[props.Placement]:
    """Small things on the floor against a wall (shoes by the door, a bin by the desk)."""
    from .programs import Item
    out = []
    for kind, n in items:
        if kind not in KINDS or kind in excluded:
            continue
        got = furn.item(Item(kind, where="corner", access=False), max(1, int(round(n * density))))
        out += furn.by_kind.get(kind, [])[-got:] if got else []
    return out


def floor_of(p: props.Placement) -> float:
    return min(b.z0 for b in p.boxes)


__all__ = ["wall_stage", "ceiling_stage", "smalls_stage", "floor_clutter", "surface_of",
           "hang", "yaw_of"]
