"""Room types of the interior set: proportions, default surfaces and furniture laid out
as people arrange it (a sofa facing its coffee table, a bed's head against a wall,
desks in clusters), with the circulation kept clear, and the shots that sell each
room: the first camera frames what defines it (the counter of a bar, the altar of a
nave, the bed of a bedroom), never the back of a prop.

The room's inside is x in [-W/2, W/2], y in [-D/2, D/2]; the window is in the south
wall (-Y), the door in the west wall near its north end. Props face -Y in their own
frame; `yaw` turns that front: 0 faces south, pi faces north, -pi/2 faces west,
pi/2 faces east.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .. import props
from ..props import furniture as fu
from ..props import industrial as ind
from ..props import street as st
from .framing import Shot

SOUTH, NORTH, WEST, EAST = 0.0, np.pi, -np.pi / 2, np.pi / 2
Surface = tuple[str, "str | None"]


@dataclass
class Layout:
    """Furniture placed in a room and the shots that frame it (the first one on what
    defines the room)."""

    placed: list[props.Placement] = field(default_factory=list)
    shots: list[Shot] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)   # what the layout could not do

    def put(self, occ: props.Occupancy, model: props.PropModel, x: float, y: float,
            yaw: float = 0.0, z: float = 0.0) -> None:
        """A hand-placed prop (the layout keeps it clear; forced into the occupancy)."""
        self.placed.append(props.place(occ, model, x, y, z, yaw, force=True))


Furnish = Callable[[np.random.Generator, float, float, float, props.Occupancy], Layout]


@dataclass(frozen=True)
class RoomType:
    size: tuple[float, float, float]            # width (x), depth (y), height (m)
    surfaces: dict[str, Surface]                # defaults: walls, floor, ceiling, prop slots
    furnish: Furnish
    defining: tuple[str, ...]                   # prop labels the first shot must show
    vaulted: bool = False                       # a barrel vault instead of a flat ceiling
    vault_surface: str = "walls"                # its material: the walls' (a brick cellar)
                                                # or the ceiling's (a nave's plaster)
    vault_ribs: float = 0.0                     # transverse stone ribs every n m (0: none)
    window_scale: float = 1.0                   # the south window's size (a cellar's is small)
    side_windows: bool = False                  # tall windows along both side walls (a nave)
    roof_pitch: float = 0.0                     # > 0: an attic, the roof's rise per metre
                                                # of run from the side walls to a ridge


def _corner_shots(W: float, D: float, subject, defining_h: float = 0.9, lens: float = 24.0,
                  tilt: float = -6.0) -> list[Shot]:
    """A wide from the south-west (the door side) on the subject, tilted down onto the
    furniture, a medium across the room and a reverse toward the window."""
    sx, sy = subject[:2]
    return [Shot("wide", lens, (-W / 2 + 0.5, -D / 2 + 0.5), (sx, sy, defining_h), third=0.3,
                 pitch_bias_deg=tilt),
            Shot("medium", 35.0, (W / 2 - 0.6, -D / 2 + 0.8), (sx, sy, defining_h), third=-0.3),
            Shot("reverse", 35.0, (sx * 0.3, D / 2 - 0.8), (0.0, -D / 2, 1.3))]


# --------------------------------------------------------------------------- layouts

def _living_room(rng, W, D, H, occ) -> Layout:
    out = Layout()
    sy = D / 2 - 0.55
    out.put(occ, fu.sofa(rng), 0.0, sy, SOUTH)
    out.put(occ, fu.rug(rng, min(2.6, W - 1.6), 1.8), 0.0, sy - 1.2)
    out.put(occ, fu.coffee_table(rng), 0.0, sy - 1.35, SOUTH, z=0.01)
    out.put(occ, st.armchair(rng), W / 2 - 0.9, sy - 1.4, WEST)
    out.put(occ, st.floor_lamp(rng), -1.55, sy, SOUTH)
    sideboard, tv = fu.sideboard(rng, 1.6), fu.tv(rng)
    out.put(occ, sideboard, -W / 2 + 0.3, -0.4, EAST)
    out.put(occ, tv, -W / 2 + 0.3, -0.4, EAST, z=_on_top(tv, sideboard))
    out.put(occ, st.planter(rng), W / 2 - 0.4, D / 2 - 0.4)
    out.shots = [Shot("wide", 24.0, (-W / 2 + 0.4, -D / 2 + 0.4), (0.2, sy - 0.8, 0.4), third=0.2,
                      pitch_bias_deg=-10.0),
                 Shot("medium", 35.0, (W / 2 - 0.5, -0.2 * D), (0.0, sy, 0.7), third=-0.3),
                 Shot("reverse", 35.0, (0.4, sy - 0.9), (-W / 2, -0.4, 1.0))]
    return out


def _bedroom(rng, W, D, H, occ) -> Layout:
    out = Layout()
    by = D / 2 - 1.05
    out.put(occ, fu.bed(rng), 0.0, by, SOUTH)          # headboard against the north wall
    stand = fu.nightstand(rng)
    for x in (-1.1, 1.1):
        out.put(occ, stand, x, D / 2 - 0.25, SOUTH)
    out.put(occ, fu.wardrobe(rng), W / 2 - 0.32, -0.4, WEST)
    out.put(occ, st.armchair(rng), -W / 2 + 0.6, -D / 2 + 0.9, NORTH + 0.6)
    out.put(occ, fu.rug(rng, 2.2, 1.4), 0.0, by - 1.2)
    out.shots = _corner_shots(W, D, (0.0, by, 0.5), 0.6, tilt=-10.0)
    return out


def _kitchen(rng, W, D, H, occ) -> Layout:
    out = Layout()
    run = min(W - 0.6, 4.2)
    out.put(occ, fu.kitchen_run(rng, run), 0.0, D / 2 - 0.31, SOUTH)
    out.put(occ, fu.table(rng, 1.2, 0.8), 0.2, -0.35)
    chair = fu.chair(rng)
    for x, y, yaw in ((-0.25, -0.95, SOUTH + np.pi), (0.65, -0.95, NORTH), (-0.25, 0.25, SOUTH),
                      (0.65, 0.25, SOUTH)):
        out.put(occ, chair, x, y, yaw)
    out.put(occ, fu.pendant_lamp(rng, 0.85), 0.2, -0.35, z=H)
    out.shots = _corner_shots(W, D, (0.3, D / 2 - 0.6, 0.9), 0.9, tilt=-9.0)
    return out


def _bathroom(rng, W, D, H, occ) -> Layout:
    out = Layout()
    out.put(occ, fu.bathtub(rng), W / 2 - 0.9, D / 2 - 0.4, SOUTH)
    out.put(occ, fu.washbasin(rng), W / 2 - 0.25, -0.2, WEST)
    out.put(occ, fu.toilet(rng), -W / 2 + 0.6, D / 2 - 0.35, SOUTH)
    out.shots = _corner_shots(W, D, (W / 4, D / 2 - 0.6, 0.8), 0.8)
    return out


def _office(rng, W, D, H, occ) -> Layout:
    """A bench of facing desks down the middle (screens meet, chairs outside, a 0.9 m
    aisle round it), as many desk pairs as the floor takes between the door corner the
    wide stands in and the plants in the far corners."""
    out = Layout()
    desk, chair = fu.desk(rng), fu.office_chair(rng)
    db, cb = desk.bounds(), chair.bounds()
    dw, dd = db[3] - db[0], db[4] - db[1]
    plant = st.planter(rng)
    x0, x1 = -W / 2 + 1.6, W / 2 - 2 * _reach(plant) - 0.6
    pairs = max(1, int((x1 - x0) // dw))
    xs = (x0 + x1) / 2 + (np.arange(pairs) - (pairs - 1) / 2) * dw
    reach = dd + 0.12 - cb[1]                    # desk front to the chair's centre
    for x in xs:
        for side in (-1, 1):
            out.put(occ, desk, x, side * dd / 2, SOUTH if side < 0 else NORTH)
            out.put(occ, chair, x, side * reach, NORTH if side < 0 else SOUTH)
    if pairs * 2 < 4:
        out.notices.append(f"office: room for {pairs * 2} desks")
    for sy in (1, -1):
        out.put(occ, plant, W / 2 - _reach(plant), sy * (D / 2 - _reach(plant)))
    out.shots = _corner_shots(W, D, (float(xs.mean()), 0.0, 0.8), 0.8, tilt=-7.0)
    return out


def _classroom(rng, W, D, H, occ) -> Layout:
    out = Layout()
    out.put(occ, fu.blackboard(rng, min(3.6, W - 2.0)), 0.0, D / 2 - 0.03, SOUTH)
    out.put(occ, fu.table(rng, 1.4, 0.7, 0.75, "Teacher Desk"), 1.4, D / 2 - 1.5)
    desk = fu.school_desk(rng)
    for row, y in enumerate(np.arange(D / 2 - 3.2, -D / 2 + 1.2, -1.35)):
        for x in np.linspace(-W / 2 + 1.3, W / 2 - 1.3, 4):
            out.put(occ, desk, x, y, NORTH)
    out.shots = [Shot("wide", 24.0, (W / 2 - 0.6, -D / 2 + 0.6), (0.0, D / 2, 1.4), third=-0.2),
                 Shot("medium", 35.0, (-W / 2 + 0.6, D / 2 - 1.0), (0.0, -D / 4, 0.8)),
                 Shot("reverse", 35.0, (0.0, D / 2 - 1.2), (0.0, -D / 2, 1.2))]
    return out


def _hospital_room(rng, W, D, H, occ) -> Layout:
    out = Layout()
    out.put(occ, fu.hospital_bed(rng), 0.0, D / 2 - 1.12, SOUTH)
    out.put(occ, fu.nightstand(rng), 0.85, D / 2 - 0.3, SOUTH)
    out.put(occ, fu.chair(rng), -1.0, 0.0, EAST)
    out.shots = _corner_shots(W, D, (0.0, D / 2 - 1.2, 0.7), 0.7)
    return out


def _bar(rng, W, D, H, occ, tables: int = 3, counter_len: float | None = None) -> Layout:
    out = Layout()
    length = counter_len or min(W - 2.0, 5.0)
    cy = D / 2 - 1.55
    out.put(occ, fu.bar_counter(rng, length), 0.0, cy, SOUTH)
    stool = fu.stool(rng)
    for x in np.arange(-length / 2 + 0.4, length / 2 - 0.2, 0.7):
        out.put(occ, stool, x, cy - 0.7)
    pendant = fu.pendant_lamp(rng, 0.8)
    for x in np.linspace(-length / 2 + 0.6, length / 2 - 0.6, 3):
        out.put(occ, pendant, x, cy, z=H)
    tab, chair = fu.round_table(rng), fu.chair(rng)
    for x in np.linspace(-W / 2 + 1.3, W / 2 - 1.3, tables):
        y = -D / 2 + 1.5
        out.put(occ, tab, x, y)
        out.put(occ, chair, x - 0.55, y, EAST)
        out.put(occ, chair, x + 0.55, y, WEST)
    out.shots = [Shot("wide", 24.0, (-W / 2 + 0.6, -D / 2 + 0.5), (0.0, cy, 1.2), third=0.3),
                 Shot("medium", 35.0, (W / 2 - 0.7, cy - 1.6), (-0.5, cy + 0.5, 1.3), third=-0.3),
                 Shot("reverse", 35.0, (0.0, cy - 1.0), (0.0, -D / 2, 1.2))]
    return out


def _cafe(rng, W, D, H, occ) -> Layout:
    return _bar(rng, W, D, H, occ, tables=4, counter_len=min(W - 3.0, 3.0))


def _restaurant(rng, W, D, H, occ) -> Layout:
    out = Layout()
    tab, chair = fu.table(rng, 1.2, 0.8), fu.chair(rng)
    for x in np.linspace(-W / 2 + 1.6, W / 2 - 1.6, 3):
        for y in np.linspace(-D / 2 + 1.6, D / 2 - 1.6, 2):
            out.put(occ, tab, x, y)
            for dx, yaw in ((-0.3, SOUTH), (0.3, SOUTH)):
                out.put(occ, chair, x + dx, y + 0.62, SOUTH)
                out.put(occ, chair, x + dx, y - 0.62, NORTH)
    out.put(occ, fu.pendant_lamp(rng, 0.9), 0.0, 0.0, z=H)
    out.shots = _corner_shots(W, D, (0.0, 0.0, 0.8), 0.8)
    return out


def _diner(rng, W, D, H, occ) -> Layout:
    """A counter with stools along the back, booths along the windows (south)."""
    out = Layout()
    length = min(W - 2.0, 6.0)
    cy = D / 2 - 0.9
    out.put(occ, fu.counter(rng, length, "Diner Counter"), 0.0, cy, SOUTH)
    stool = fu.stool(rng)
    for x in np.arange(-length / 2 + 0.4, length / 2 - 0.2, 0.75):
        out.put(occ, stool, x, cy - 0.75)
    booth = fu.booth(rng)                    # turned east: its length runs along the wall
    bb = booth.bounds()
    long, half = bb[4] - bb[1] + 0.02, (bb[3] - bb[0]) / 2
    n = int(W // long)
    for x in -W / 2 + (W - n * long) / 2 + long * (np.arange(n) + 0.5):
        out.put(occ, booth, x, -D / 2 + half + 0.005, EAST)    # backs to the south wall
    for x in np.linspace(-length / 2 + 0.8, length / 2 - 0.8, 4):
        out.put(occ, fu.pendant_lamp(rng, 0.7), x, cy - 0.2, z=H)
    out.shots = [Shot("wide", 24.0, (W / 2 - 0.5, -D / 2 + 2.3), (-0.5, cy, 0.9), third=-0.3,
                      pitch_bias_deg=-4.0),
                 Shot("medium", 35.0, (-W / 2 + 0.6, 0.0), (W / 4, -D / 2 + 1.1, 0.8)),
                 Shot("reverse", 35.0, (0.0, cy - 1.4), (0.0, -D / 2, 1.2))]
    return out


def _shop(rng, W, D, H, occ) -> Layout:
    out = Layout()
    out.put(occ, fu.counter(rng, 2.0), -W / 2 + 1.8, -D / 2 + 1.2, NORTH)
    shelf = ind.shelf(rng, 2.7, 0.6, levels=4, height=2.1)
    xs = np.linspace(-W / 2 + 2.2, W / 2 - 1.2, 3)
    for x in xs:
        out.put(occ, shelf, x, 0.9, EAST)
    aisle = float(xs[0] + xs[1]) / 2                    # down the first aisle
    out.shots = [Shot("wide", 24.0, (aisle, -D / 2 + 0.6), (aisle, D / 2, 1.0), third=0.0,
                      pitch_bias_deg=-4.0),
                 Shot("medium", 35.0, (-W / 2 + 0.6, D / 2 - 0.6), (-W / 2 + 1.8, -D / 2 + 1.2, 1.0)),
                 Shot("reverse", 35.0, (0.0, D / 2 - 0.6), (0.0, -D / 2, 1.2))]
    return out


def _hotel_lobby(rng, W, D, H, occ) -> Layout:
    out = Layout()
    out.put(occ, fu.counter(rng, 3.6, "Reception Desk"), 0.0, D / 2 - 1.6, SOUTH)
    sofa, table = fu.sofa(rng, 3), fu.coffee_table(rng, 1.2, 0.7)
    for x in (-W / 4, W / 4):
        out.put(occ, table, x, -D / 4)
        out.put(occ, sofa, x, -D / 4 - 1.2, NORTH)
    for sx, sy in ((-1, 1), (1, 1), (0, -1)):
        plant = st.planter(rng)
        out.put(occ, plant, sx * (W / 2 - _reach(plant)), sy * (D / 2 - _reach(plant)))
    out.put(occ, fu.pendant_lamp(rng, 1.2), 0.0, D / 2 - 1.6, z=H)
    out.shots = _corner_shots(W, D, (0.0, D / 2 - 1.6, 1.0), 1.0, lens=35.0, tilt=-6.0)
    return out


def _library(rng, W, D, H, occ) -> Layout:
    out = Layout()
    case = st.bookcase(rng, 1.6, min(2.6, H - 0.4))
    for x in np.arange(-W / 2 + 1.0, W / 2 - 0.8, 1.65):
        out.put(occ, case, x, D / 2 - 0.2, SOUTH)
    for y in np.arange(-D / 2 + 1.4, D / 2 - 1.2, 1.65):
        out.put(occ, case, W / 2 - 0.2, y, WEST)
    tab, chair = fu.table(rng, 2.0, 0.9), fu.chair(rng)
    off = tab.bounds()[4] + chair.bounds()[4] + 0.05          # chairs pulled out, clear
    y = -0.3
    for tx in (-W / 4, W / 8):                                  # two reading tables in a line
        out.put(occ, tab, tx, y)
        for x in (tx - 0.5, tx + 0.5):
            out.put(occ, chair, x, y + off, SOUTH)
            out.put(occ, chair, x, y - off, NORTH)
    lamp = st.floor_lamp(rng)
    out.put(occ, lamp, -W / 2 + _reach(lamp, 0.2), 0.0)      # by the west wall
    out.shots = [Shot("wide", 24.0, (-W / 2 + 0.6, -D / 2 + 0.6), (W / 4, D / 2, 1.3), third=0.2),
                 Shot("medium", 35.0, (W / 2 - 1.2, -D / 2 + 0.8), (-W / 4, y, 0.8)),
                 Shot("reverse", 35.0, (0.0, D / 2 - 1.2), (0.0, -D / 2, 1.2))]
    return out


def _cellar(rng, W, D, H, occ) -> Layout:
    out = Layout()
    rack = fu.wine_rack(rng, 1.8, 1.6)
    for y in np.arange(-D / 2 + 1.5, D / 2 - 0.8, 2.0):
        for x, yaw in ((-W / 2 + 0.25, EAST), (W / 2 - 0.25, WEST)):
            out.put(occ, rack, x, y, yaw)
    barrel = ind.barrel(rng)
    for x in (-0.5, 0.5):
        out.put(occ, barrel, x, D / 2 - 0.6)
    out.put(occ, fu.table(rng, 0.8, 0.8, 0.9, "Tasting Table"), 0.0, 0.0)
    out.put(occ, fu.pendant_lamp(rng, 0.5), 0.0, 0.0, z=H)
    out.shots = [Shot("wide", 24.0, (0.0, -D / 2 + 0.6), (0.0, D / 2, 1.0), third=0.0),
                 Shot("medium", 35.0, (-W / 2 + 0.9, -0.5), (W / 2, 1.5, 1.0)),
                 Shot("reverse", 35.0, (0.0, D / 2 - 1.2), (0.0, -D / 2, 1.2))]
    return out


def _church(rng, W, D, H, occ) -> Layout:
    out = Layout()
    out.put(occ, fu.altar(rng), 0.0, D / 2 - 2.2, SOUTH)
    pew = fu.pew(rng, min(3.8, W / 2 - 1.6))
    pb = pew.bounds()
    pitch = pb[4] - pb[1] + 0.5              # a 0.5 m row to walk along to a seat
    for y in np.arange(D / 2 - 6.0, -D / 2 + 3.0, -pitch):
        for x in (-(W / 4 + 0.4), W / 4 + 0.4):
            out.put(occ, pew, x, y, SOUTH + np.pi)      # seats face the altar (north)
    # An 18 mm tilted up from the entrance: the altar low in frame, the vault and its
    # ribs above (a nave is sold by its height).
    out.shots = [Shot("wide", 18.0, (0.0, -D / 2 + 1.0), (0.0, D / 2 - 2.0, 1.8), third=0.0,
                      pitch_bias_deg=14.0),
                 Shot("medium", 35.0, (-W / 2 + 0.8, 0.0), (0.0, D / 2 - 2.0, 1.5), third=0.3),
                 Shot("reverse", 35.0, (1.0, D / 2 - 4.2), (0.0, -D / 2, 3.0))]
    return out


def _interrogation_room(rng, W, D, H, occ) -> Layout:
    out = Layout()
    out.put(occ, fu.table(rng, 1.2, 0.8, 0.75, "Table", "metal"), 0.0, 0.2)
    chair = fu.chair(rng)
    out.put(occ, chair, 0.0, 0.85, SOUTH)
    out.put(occ, chair, 0.0, -0.45, NORTH)
    out.put(occ, fu.pendant_lamp(rng, 1.0), 0.0, 0.2, z=H)
    out.shots = _corner_shots(W, D, (0.0, 0.2, 0.9), 0.9)
    return out


ROOMS: dict[str, RoomType] = {
    "living_room": RoomType((5.6, 4.8, 2.7), {"floor": ("parquet", None),
                                              "rug": ("carpet", "beige")}, _living_room, ("Sofa", "Coffee Table")),
    "bedroom": RoomType((4.4, 4.2, 2.6), {"floor": ("wood_planks", None),
                                          "linen": ("fabric", "white")}, _bedroom, ("Bed",)),
    "kitchen": RoomType((4.4, 3.6, 2.6), {"floor": ("ceramic_tiles", None),
                                          "walls": ("painted_wall", "white"),
                                          "cabinet": ("paint", "white"),
                                          "worktop": ("wood_planks", None)}, _kitchen, ("Kitchen Units",)),
    "bathroom": RoomType((3.0, 2.6, 2.5), {"floor": ("ceramic_tiles", "grey"),
                                           "walls": ("subway_tiles", "white")}, _bathroom, ("Bathtub", "Washbasin")),
    "office": RoomType((9.0, 6.5, 3.0), {"floor": ("carpet", "grey"),
                                         "walls": ("painted_wall", "white"),
                                         "cabinet": ("paint", "white")}, _office, ("Desk", "Office Chair")),
    "classroom": RoomType((8.0, 7.5, 3.1), {"floor": ("wood_planks", None),
                                            "walls": ("painted_wall", "cream")}, _classroom, ("Blackboard", "School Desk")),
    "hospital_room": RoomType((4.6, 4.4, 2.8), {"floor": ("polished_concrete", None),
                                                "walls": ("painted_wall", "green")},
                              _hospital_room, ("Hospital Bed",)),
    "bar": RoomType((9.0, 6.5, 3.2), {"walls": ("brick", None), "floor": ("wood_planks", None),
                                      "worktop": ("wood_planks", "brown"),
                                      "upholstery": ("fabric", "burgundy")}, _bar, ("Bar Counter",)),
    "cafe": RoomType((8.0, 6.0, 3.2), {"walls": ("plaster", "cream"),
                                       "floor": ("ceramic_tiles", "white"),
                                       "worktop": ("marble", "white")}, _cafe, ("Bar Counter",)),
    "restaurant": RoomType((9.0, 7.0, 3.2), {"walls": ("painted_wall", "burgundy"),
                                             "floor": ("parquet", None)}, _restaurant, ("Table", "Chair")),
    "diner": RoomType((10.0, 6.0, 3.0), {"walls": ("ceramic_tiles", "white"),
                                         "floor": ("ceramic_tiles", "black"),
                                         "upholstery": ("fabric", "red"),
                                         "worktop": ("brushed_metal", None),
                                         "cabinet": ("brushed_metal", None)}, _diner,
                      ("Diner Counter", "Bar Stool", "Booth")),
    "shop": RoomType((8.0, 6.5, 3.0), {"walls": ("painted_wall", "white"),
                                       "floor": ("ceramic_tiles", "white"),
                                       "cabinet": ("paint", "white"),
                                       "rack": ("paint", "white"),
                                       "rack_beam": ("paint", "grey")}, _shop, ("Racking", "Counter")),
    "hotel_lobby": RoomType((12.0, 9.0, 4.2), {"walls": ("plaster", "cream"),
                                               "floor": ("marble", None),
                                               "cabinet": ("wood_planks", "brown")},
                            _hotel_lobby, ("Reception Desk",)),
    "library": RoomType((8.0, 7.0, 3.4), {"walls": ("wood_planks", "brown"),
                                          "floor": ("parquet", None)}, _library, ("Bookcase",)),
    "cellar": RoomType((4.6, 9.0, 2.0), {"walls": ("brick", None),
                                         "floor": ("paving_slabs", "grey"),
                                         "barrel": ("wood_planks", "brown")}, _cellar,
                       ("Wine Rack", "Barrel"),
                       vaulted=True),
    "church": RoomType((12.0, 28.0, 11.0), {"walls": ("rock", "beige"),
                                            "floor": ("paving_slabs", "beige"),
                                            "ceiling": ("plaster", "cream"),
                                            "stone": ("marble", "white")}, _church, ("Altar", "Pew"),
                       vaulted=True, vault_surface="ceiling", vault_ribs=4.0,
                       window_scale=1.6, side_windows=True),
    "interrogation_room": RoomType((4.2, 3.8, 2.7), {"walls": ("painted_wall", "grey"),
                                                     "floor": ("concrete", None)},
                                   _interrogation_room, ("Table",)),
}


def _reach(model, least: float = 0.4) -> float:
    """How far from a wall a model stands so that no part of it (a plant's leaves) goes
    into the wall: its widest horizontal extent from its origin, 3 cm clear."""
    x0, y0, _, x1, y1, _ = model.bounds()
    return max(least, float(max(abs(x0), abs(x1), abs(y0), abs(y1))) + 0.03)


def _on_top(model, support) -> float:
    """The height that stands `model` on `support`'s top (a television on a sideboard)."""
    return float(support.bounds()[5] - model.bounds()[2])
