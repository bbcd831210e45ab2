"""Dressing a room as a set decorator does, in stages (issue 20):

1. furniture, laid out under written constraints (`layout`, `space`): against walls and
   facing the room's focus, door squares clear, 0.6 m paths, chairs at their tables,
   bedsides reachable, windows not blocked;
2. wall objects (`stages.wall_stage`): switches by the doors, sockets, radiators under
   windows and curtains beside them, frames, mirrors, shelves, clocks, boards;
3. the ceiling (`stages.ceiling_stage`): fixtures over the tables or the focus, a vent;
4. small objects on their supports (`stages.smalls_stage`): what people keep on each
   kind of surface, places laid at the tables, floor clutter against the walls; then
   topped up to the room type's density (`programs.DENSITY`, sources beside the numbers).

Open-air places where dressing applies (a café terrace, a market, a quay) are dressed
as an area: a Room with no openings, `ceiling=False` (programs.CAFE_TERRACE...).

Props named in the prompt are placed with their counts (`requested`), excluded ones
never appear. Everything is drawn from one named stream of `rng_seed`, so the same room
and seed give the same dressing. Pure: no bpy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .. import props
from ...core import seeds
from ...model.plan import LightPlan
from ..props.catalogue import KINDS
from ..props.scatter import Box
from .layout import SEATS, Furnisher
from .programs import DENSITY, PROGRAMS, Item, Notes, blinds_for, density_for, program_for
from .space import Space
from .models import model, placement_of, variant_for
from .stages import (HANG, ceiling_stage, floor_clutter, hang, smalls_stage, surface_of,
                     wall_stage)

__all__ = ["Opening", "Room", "Dressing", "dress", "DENSITY", "PROGRAMS", "density_for",
           "program_for"]

WARM = (1.0, 0.78, 0.55)


@dataclass
class Opening:
    kind: str                 # "door" | "window"
    wall: str                 # "n" | "s" | "e" | "w"
    centre_m: float           # along the wall from its left end seen from inside
    width_m: float
    sill_m: float = 0.0
    height_m: float = 2.1
    swing: str = "in"         # doors


@dataclass
class Room:
    x0: float
    y0: float
    x1: float
    y1: float
    floor_z: float
    height_m: float
    openings: list[Opening] = field(default_factory=list)
    room_type: str = "living_room"
    era: str | None = None
    style: str | None = None

    @property
    def area_m2(self) -> float:
        return (self.x1 - self.x0) * (self.y1 - self.y0)


@dataclass
class Dressing:
    placements: list[props.Placement]
    lights: list[LightPlan]
    notes: list[str]
    stages: dict[str, int] = field(default_factory=dict)   # pieces placed per stage


def dress(room: Room, rng_seed: int, requested: dict[str, int] | None = None,
          excluded: Sequence[str] = (), density: float = 1.0,
          furniture: list[props.Placement] | None = None,
          keep_clear: Sequence[Box] = (), ceiling: bool = True) -> Dressing:
    """Dress `room`. `requested`: catalogue kind -> count named in the prompt (0: one);
    `excluded`: kinds never placed; `density` scales the optional dressing. With
    `furniture` (a room type's own layout, already placed), that furniture is kept and
    only the program's optional pieces, the walls, the ceiling and the small things are
    added; the returned placements are the added ones. `keep_clear`: boxes nothing is
    placed in (camera stands and sight lines). `ceiling` False: the room's ceiling is
    not flat at `height_m` (a vault, an attic's slopes), nothing is hung from it."""
    rng = seeds.rng(rng_seed, "dressing", room.room_type)
    program = program_for(room.room_type)
    notes = Notes()
    excluded_set = set(excluded)
    wanted = {k: max(1, int(n)) for k, n in (requested or {}).items() if k not in excluded_set}
    for k in [k for k in wanted if k not in KINDS]:
        notes.add(f"{k.replace('_', ' ')}: not a catalogue kind, not placed")
        wanted.pop(k)
    adopted = list(furniture or [])
    stages: dict[str, int] = {}

    # 1. furniture
    items = [i for i in program.furniture if furniture is None or i.optional]
    if furniture is not None and room.room_type not in PROGRAMS:
        items = []                   # a place's own layout: its furniture is what it is
    items = [i for i in items if i.kind not in excluded_set and i.kind in KINDS]
    lines = [(i, wanted.pop(i.kind, i.count) if i.kind in wanted else _scaled(i, density))
             for i in items]
    for kind, n in list(wanted.items()):
        if placement_of(kind) == "floor":
            lines.append((Item(kind, n, where="wall", optional=False), n))
            wanted.pop(kind)
    lines.sort(key=lambda line: line[0].optional)     # what the room is, first
    best = None
    for attempt in range(ATTEMPTS):  # restarts: the first layout with every required piece
        tried = _furnish(room, lines, adopted, keep_clear, requested or {},
                         program.radiators and "radiator" not in excluded_set,
                         seeds.rng(rng_seed, "dressing", room.room_type, "furniture",
                                   str(attempt)))
        if best is None or tried[2] < best[2]:
            best = tried
        if tried[2] == 0:
            break
    space, furn, _, furniture_notes, radiators = best
    for line in furniture_notes:
        notes.add(line)
    stages["furniture"] = len(furn.placed)

    # 2. walls
    wall_items = list(program.wall) + [(k, n) for k, n in wanted.items() if placement_of(k) == "wall"]
    wall_items = [(k, n) for k, n in wall_items if k not in excluded_set]
    blinds = blinds_for(room.room_type, room.era) and "blind" not in excluded_set
    walled = radiators + wall_stage(space, furn, wall_items, rng, notes, False,
                        program.curtains and "curtain" not in excluded_set, density,
                        blinds=blinds)
    stages["wall"] = len(walled)

    # 3. ceiling
    fixtures = [k for k in program.ceiling if k not in excluded_set]
    fixtures += [k for k in wanted if placement_of(k) == "ceiling" and k not in fixtures]
    if _has_fixture(adopted):
        fixtures = [k for k in fixtures if k in wanted]
    hung = ceiling_stage(space, furn, fixtures, rng, notes) if ceiling else []
    stages["ceiling"] = len(hung)

    # 4. small things on their supports, what the words ask for first
    holders = [p for p in adopted + furn.placed + walled if surface_of(p, room.floor_z)]
    chairs = [p for p in adopted + furn.placed if p.model.kind in SEATS]
    small = _requested_smalls(space, holders, wanted, rng, notes)
    more, tops = smalls_stage(space, holders, chairs, program.extra_smalls, excluded_set, rng,
                              density, dict(program.pools), standing=adopted + furn.placed)
    small += more
    before = len(furn.placed)
    floor_clutter(space, furn, program.floor_clutter, rng, density, excluded_set)
    clutter = furn.placed[before:]
    stages["small"] = len(small) + len(clutter)

    placements = furn.placed[:before] + walled + hung + small + clutter
    target = density_for(room.room_type).per_10m2 * room.area_m2 / 10.0 * density
    if furniture is None and len(placements) < target:
        extra = _top_up(space, tops, holders, program.extra_smalls, excluded_set, rng,
                        int(round(target)) - len(placements), dict(program.pools))
        placements += extra
        stages["small"] += len(extra)
    lights = props.to_lights(placements, WARM)
    return Dressing(placements, lights, notes.lines, stages)


ATTEMPTS = 8


def _furnish(room: Room, lines, adopted, keep_clear, requested, radiators: bool, rng):
    """One pass of the furniture search: (space, furnisher, required kinds with none
    placed, notes, the radiators). The radiators go under the windows first: the
    furniture then leaves them their wall."""
    space = Space.of(room)
    for box in keep_clear:
        space.occ.add(box)
    notes = Notes()
    furn = Furnisher(space, rng, notes)
    if adopted:
        furn.adopt(adopted)
    rads: list[props.Placement] = []
    for wall, c, w, sill in space.windows if radiators else ():
        if sill > 0.75:
            hang(space, rads, model("radiator", variant_for("radiator", rng)), wall, c,
                 HANG["radiator"])
    missing = 0
    for item, n in lines:
        got = furn.item(item, n)
        if got < n and item.kind in requested and item.where == "wall":
            got += furn.item(Item(item.kind, where="centre", access=False), n - got)
        if got < n:
            notes.add(f"no room for {n - got} of the {n} {item.kind.replace('_', ' ')}")
            missing += 0 if item.optional or got else 1     # a piece the room lacks
    return space, furn, missing, notes.lines, rads


def _scaled(item: Item, density: float) -> int:
    if not item.optional or item.count <= 1:
        return item.count if density > 0.3 or not item.optional else 0
    return max(1, int(round(item.count * density)))


def _has_fixture(placed: list[props.Placement]) -> bool:
    return any(p.model.kind in ("pendant", "pendant_lamp", "fluorescent_tube", "highbay_lamp",
                                "ceiling_light", "chandelier", "pendant_light",
                                "fluorescent_light") for p in placed)


def _requested_smalls(space: Space, holders, wanted: dict[str, int], rng, notes: Notes):
    from .stages import Tops
    tops = Tops(space, rng, 1.0)
    out = []
    surfaces = [(h, *surface_of(h, space.room.floor_z)) for h in holders]
    for kind, n in wanted.items():
        if placement_of(kind) != "surface":
            continue
        got = 0
        for k in range(n * max(1, len(surfaces))):
            if got >= n or not surfaces:
                break
            h, box, top, _ = surfaces[k % len(surfaces)]
            p = tops.put(h, box, top, kind)
            if p:
                out.append(p)
                got += 1
        if got < n:
            notes.add(f"no surface with room for {n - got} of the {n} {kind.replace('_', ' ')}")
    return out


def _top_up(space: Space, tops, holders, extra, excluded, rng, missing: int, pools=None):
    """More of what each surface holds, round the surfaces, until the room reaches its
    density or no surface has room."""
    from .programs import SURFACE_SMALLS
    out = []
    surfaces = [(h, *surface_of(h, space.room.floor_z)) for h in holders]
    progress = True
    while missing > 0 and progress:
        progress = False
        for h, box, top, pool_key in surfaces:
            pool = [k for k in (pools or {}).get(pool_key, SURFACE_SMALLS.get(pool_key, ()))
                    + tuple(extra)
                    if k in KINDS and k not in excluded and k != "television"]
            if not pool or missing <= 0:
                continue
            kind = pool[int(rng.integers(len(pool)))]
            p = tops.put(h, box, top, kind)
            if p:
                out.append(p)
                missing -= 1
                progress = True
    return out
