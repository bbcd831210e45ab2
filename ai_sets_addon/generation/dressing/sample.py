"""A room of each type as the interior room builds it (its type's size, a window in the
south wall, a door at the north end of the west wall), and a SetPlan of a dressed room,
so that tests and the benchmark can run the plausibility report on the dressing alone."""

from __future__ import annotations

import numpy as np

from .. import props
from ..archetypes import rooms
from ..mesh import box_mesh, merge, slab
from ...model.plan import LightPlan, MeshPart, SetPlan, SkyRequest
from . import Dressing, Opening, Room

WALL_T = 0.2


def sample_room(room_type: str, size: tuple[float, float, float] | None = None) -> Room:
    """The room type's proportions (rooms.ROOMS), centred on the origin."""
    w, d, h = size or (rooms.ROOMS[room_type].size if room_type in rooms.ROOMS else (5.0, 4.0, 2.7))
    window_w = min(0.55 * w, 3.4)
    window_x = -0.08 * w                      # as the interior room: a little west of centre
    head = min(h - 0.3, 2.5)
    openings = [Opening("window", "s", w / 2 - window_x, window_w, 0.85, head - 0.85),
                Opening("door", "w", d - 1.0, 0.9, 0.0, 2.1)]
    return Room(-w / 2, -d / 2, w / 2, d / 2, 0.0, h, openings, room_type)


def _wall_holes(room: Room, wall: str) -> list[tuple[float, float, float, float]]:
    """Openings of one wall as slab holes (u from the slab's start, v up)."""
    out = []
    for o in room.openings:
        if o.wall != wall:
            continue
        if wall == "s":
            u = (room.x1 - o.centre_m) - (room.x0 - WALL_T)
        elif wall == "n":
            u = (room.x0 + o.centre_m) - (room.x0 - WALL_T)
        elif wall == "w":
            u = o.centre_m
        else:
            u = (room.y1 - o.centre_m) - room.y0
        out.append((u - o.width_m / 2, o.sill_m, u + o.width_m / 2, o.sill_m + o.height_m))
    return out


def plan_of(room: Room, dressing: Dressing, name: str = "dressed room") -> SetPlan:
    """Walls (with the openings cut), the floor (the room's inside) and the dressing."""
    x, y, z = np.eye(3)
    w, d, h = room.x1 - room.x0, room.y1 - room.y0, room.height_m
    walls = merge([
        slab((room.x0 - WALL_T, room.y0 - WALL_T, room.floor_z), x, z, y, (w + 2 * WALL_T, h, WALL_T),
             _wall_holes(room, "s")),
        slab((room.x0 - WALL_T, room.y1, room.floor_z), x, z, y, (w + 2 * WALL_T, h, WALL_T),
             _wall_holes(room, "n")),
        slab((room.x0 - WALL_T, room.y0, room.floor_z), y, z, x, (d, h, WALL_T), _wall_holes(room, "w")),
        slab((room.x1, room.y0, room.floor_z), y, z, x, (d, h, WALL_T), _wall_holes(room, "e"))])
    floor = box_mesh((room.x0, room.y0, room.floor_z - 0.2), (room.x1, room.y1, room.floor_z))
    parts = [MeshPart("Walls", walls, "walls"), MeshPart("Floor", floor, "floor")]
    parts += props.to_parts(dressing.placements)
    return SetPlan(name, "interior_room", parts, {}, _portals(room) + dressing.lights, [],
                   SkyRequest(), interior=True)


def _portals(room: Room) -> list[LightPlan]:
    from .space import walls_of
    out = []
    walls = walls_of(room)
    for k, o in enumerate(room.openings):
        if o.kind != "window":
            continue
        wall = walls[o.wall]
        px, py = wall.point(o.centre_m)
        out.append(LightPlan(f"Window {k}", "AREA", (px, py, room.floor_z + o.sill_m + o.height_m / 2),
                             (wall.inward[0], wall.inward[1], 0.0), size_m=o.width_m,
                             size_y_m=o.height_m, portal=True))
    return out
