"""The interior room's call into the dressing: its laid-out furniture kept, the room's
window and door as openings, the camera stands and their sight lines kept clear, and
what the dressing adds (optional pieces, wall and ceiling objects, small things)."""

from __future__ import annotations

import math

from .. import props
from ..props.scatter import Box
from . import Opening, Room, dress
from .settle import settle


def dress_layout(spec, size, room_type: str, kind, shots,
                 placed: list[props.Placement]) -> list[props.Placement]:
    """Placements to add to an interior room of `size` (interior_room.RoomSize) of the
    room type `kind` (rooms.RoomType) whose furniture is `placed`; `shots`
    (framing.Shot) keep their stands and sight lines. The furniture is settled
    (`settle`: into the room, off dead floor), in place, before the dressing and again
    with what the dressing set down."""
    from ..archetypes import interior_room as ir
    hw, hd = size.half
    openings = []
    if kind.window_scale > 0:
        w = ir._window(size, kind.window_scale)
        centre_x = (w.u0 + w.u1) / 2 - hw - ir.WALL_T
        openings.append(Opening("window", "s", hw - centre_x, w.u1 - w.u0, w.v0, w.v1 - w.v0))
    d = ir._door(size)
    openings.append(Opening("door", "w", (d.u0 + d.u1) / 2, d.u1 - d.u0, 0.0, d.v1))
    if kind.side_windows:
        for y0, z0, y1, z1 in ir._side_windows(size):
            c = (y0 + y1) / 2
            openings += [Opening("window", "w", c + hd, y1 - y0, z0, z1 - z0),
                         Opening("window", "e", hd - c, y1 - y0, z0, z1 - z0)]
    height = size.height
    if kind.roof_pitch > 0:                       # an attic: walls up to the knee
        height = size.height - min(hw * kind.roof_pitch, size.height - 1.0)
    room = Room(-hw, -hd, hw, hd, 0.0, height, openings, room_type,
                era=getattr(spec, "era", None), style=getattr(spec, "style", None))
    clear = [_stand_box(s) for s in shots] + [b for s in shots[:1] for b in _sight(s)]
    placed[:] = settle(room, placed, clear)
    density = max(0.5, min(1.5, float(getattr(spec, "quantity", 1.0) or 1.0)))
    out = dress(room, spec.seed, excluded=tuple(spec.excluded_props), density=density,
                furniture=placed, keep_clear=clear,
                ceiling=not (kind.vaulted or kind.roof_pitch > 0))
    settled = settle(room, placed + out.placements, clear)   # what the dressing set down too
    placed[:] = settled[:len(placed)]
    return settled[len(placed):]


def _stand_box(shot) -> Box:
    x, y = shot.stand
    return Box(x, y, 0.45, 0.45, 0.0, -1.0, 100.0)


def _sight(shot) -> list[Box]:
    """The first shot's line of sight from its stand to its subject, above the tables."""
    (x0, y0), (x1, y1) = shot.stand, shot.subject[:2]
    length = math.hypot(x1 - x0, y1 - y0)
    if length < 0.5:
        return []
    yaw = math.atan2(y1 - y0, x1 - x0)
    return [Box((x0 + x1) / 2, (y0 + y1) / 2, length / 2, 0.35, yaw, 0.95, 2.3)]
