"""Prop kind id -> a PropModel at real size.

The dressing catalogue (props.catalogue, its KINDS and build) is asked first; until a
kind is in it, the place's own structures (parts.structures) and today's prop modules
build it; a kind neither knows is a plain block at the size the table below gives,
labelled with its name, so a named prop is never silently dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import numpy as np

from ..mesh import box
from ..parts.structures import STRUCTURES
from ..props import industrial as ind
from ..props import nature as nat
from ..props import street as st
from ..props import trees
from ..props import furniture as fu
from ..props.model import Piece, PropModel

Builder = Callable[[np.random.Generator], PropModel]

LOCAL: dict[str, Builder] = {
    "crate": lambda r: ind.crate(r, 0.7), "crate_stack": ind.crate_stack, "barrel": ind.barrel,
    "pallet": ind.pallet, "pallet_stack": ind.pallet_stack,
    "shelf": lambda r: ind.shelf(r, 2.4, 0.6, levels=4, height=2.1),
    "rack": lambda r: ind.shelf(r, 2.7, 1.1), "pillar": lambda r: ind.pillar(4.0),
    "dumpster": ind.dumpster, "trash_bag": ind.trash_bag, "ac_unit": ind.ac_unit,
    "water_tank": ind.water_tank, "cable_drum": ind.cable_drum, "traffic_cone": ind.traffic_cone,
    "highbay_lamp": ind.highbay_lamp, "fluorescent_tube": ind.fluorescent_fixture,
    "lamp_post": st.lamp_post, "heritage_lamp": st.heritage_lamp, "wall_lamp": st.wall_lamp,
    "bench": st.bench, "bollard": st.bollard, "street_bin": st.street_bin, "parasol": st.parasol,
    "lifeguard_tower": st.lifeguard_tower, "softbox": st.softbox, "armchair": st.armchair,
    "vending_machine": st.vending_machine, "plant": st.planter, "bookcase": st.bookcase,
    "floor_lamp": st.floor_lamp, "apple_boxes": st.apple_boxes,
    "rock": nat.rock, "boulder": lambda r: nat.rock(r, 2.2), "cactus": nat.cactus, "log": nat.log,
    "fallen_branch": nat.fallen_branch, "dead_shrub": nat.dead_shrub,
    "sofa": fu.sofa, "rug": fu.rug, "coffee_table": fu.coffee_table, "table": fu.table,
    "round_table": fu.round_table, "chair": fu.chair, "stool": fu.stool, "booth": fu.booth,
    "sideboard": fu.sideboard, "bed": fu.bed, "hospital_bed": fu.hospital_bed,
    "nightstand": fu.nightstand, "wardrobe": fu.wardrobe, "kitchen_run": fu.kitchen_run,
    "bar_counter": fu.bar_counter, "desk": fu.desk, "office_chair": fu.office_chair,
    "school_desk": fu.school_desk, "blackboard": fu.blackboard, "bathtub": fu.bathtub,
    "washbasin": fu.washbasin, "toilet": fu.toilet, "pew": fu.pew, "altar": fu.altar,
    "counter": fu.counter, "wine_rack": fu.wine_rack,
    "tv": fu.tv, "fireplace": fu.fireplace,
    "pendant_lamp": lambda r: fu.pendant_lamp(r, 0.3),      # a short drop: walked under
    "tree": lambda r: trees.tree(r, "oak", float(r.uniform(8, 12))),
    "broadleaf": lambda r: trees.tree(r, "oak", float(r.uniform(8, 12))),
    "conifer": lambda r: trees.tree(r, "pine", float(r.uniform(10, 16))),
    "birch": lambda r: trees.tree(r, "birch", float(r.uniform(8, 12))),
    "palm": trees.palm, "bush": trees.shrub,
}
LOCAL.update(STRUCTURES)
LOCAL["boat"] = STRUCTURES["rowboat"]
FLOATING = frozenset({"boat", "rowboat", "fishing_boat"})     # placed on the water

# Kinds no builder knows yet: (width, depth, height) m and a material slot. The
# catalogue replaces each as soon as it has the kind.
BLOCKS: dict[str, tuple[tuple[float, float, float], str]] = {
    "washing_machine": ((0.6, 0.6, 0.85), "machine"), "dryer": ((0.6, 0.65, 0.85), "machine"),
    "server_rack": ((0.6, 1.07, 2.0), "screen"), "car": ((4.5, 1.8, 1.45), "car_paint"),
    "monitor": ((0.55, 0.2, 0.45), "screen"), "locker": ((0.9, 0.5, 1.9), "metal"),
    "cash_register": ((0.4, 0.4, 0.3), "dark_metal"), "fridge": ((0.7, 0.7, 1.8), "machine"),
    "bunk_bed": ((1.0, 2.0, 1.6), "metal"), "workbench": ((2.0, 0.8, 0.9), "wood"),
    "candle": ((0.08, 0.08, 0.25), "ceramic"), "mirror": ((1.2, 0.05, 1.0), "glass"),
    "drum_kit": ((1.6, 1.2, 1.1), "dark_metal"), "pool_table": ((2.5, 1.4, 0.8), "cloth"),
    "slot_machine": ((0.7, 0.7, 1.8), "screen"), "aquarium": ((1.5, 0.5, 1.4), "glass"),
    "throne": ((1.0, 0.9, 1.8), "brass"), "hair_dryer_hood": ((0.6, 0.6, 1.5), "machine"),
    "easel": ((0.7, 0.6, 1.7), "wood"),
    "projector_screen": ((4.0, 0.1, 2.5), "white_paint"), "tractor": ((2.2, 4.0, 2.8), "red_paint"),
    "ticket_machine": ((0.6, 0.5, 1.7), "machine"), "lectern": ((0.6, 0.5, 1.2), "wood"),
    "coffin": ((0.7, 2.0, 0.6), "wood"), "tram": ((2.4, 14.0, 3.2), "car_paint"),
    "handrail": ((1.5, 0.07, 0.05), "brass"), "button_panel": ((0.25, 0.03, 0.5), "screen_glow"),
}


@cache
def _catalogue():
    """The catalogue package when it exists (another module of the open world)."""
    try:
        from ..props import catalogue
    except ImportError:
        return None
    return catalogue if hasattr(catalogue, "KINDS") and hasattr(catalogue, "build") else None


# Kinds a recipe names that the catalogue has under another id.
ALIASES = {"exam_table": "examination_table", "hospital_monitor": "vital_signs_monitor",
           "piano": "upright_piano"}


def known(kind: str) -> bool:
    kind = ALIASES.get(kind, kind)
    cat = _catalogue()
    return kind in LOCAL or kind in BLOCKS or (cat is not None and kind in cat.KINDS)


def model_for(kind: str, rng: np.random.Generator) -> PropModel:
    """The model of a kind: the place's own component first (a fuel pump is part of a
    forecourt), then the catalogue, then today's props, then a labelled block."""
    kind = ALIASES.get(kind, kind)
    if kind in STRUCTURES:
        return STRUCTURES[kind](rng)
    cat = _catalogue()
    if cat is not None and kind in cat.KINDS:
        return cat.build(kind, rng)
    if kind in LOCAL:
        return LOCAL[kind](rng)
    size, slot = BLOCKS.get(kind, ((0.6, 0.6, 0.6), "paint_grey"))
    w, d, h = size
    return PropModel(kind, kind.replace("_", " ").title(), [Piece("", box((0, 0, h / 2), size), slot)])


# Kinds that hold small things on top (besides the catalogue's `holds` kinds).
HOLDERS = frozenset({"table", "desk", "counter", "bar_counter", "sideboard", "nightstand",
                     "workbench", "coffee_table", "round_table", "kitchen_run", "school_desk"})


def placement(kind: str) -> str:
    """Where a kind goes: "floor", "wall", "ceiling" or "surface" (on a table...)."""
    cat = _catalogue()
    if cat is not None and kind in cat.KINDS:
        where = cat.KINDS[kind].placement
        return "floor" if where == "ground" else where
    return {"candle": "surface", "monitor": "surface", "mirror": "wall", "handrail": "wall",
            "button_panel": "wall"}.get(kind, "floor")


def holds(kind: str) -> bool:
    cat = _catalogue()
    return kind in HOLDERS or (cat is not None and kind in cat.KINDS and cat.KINDS[kind].holds)


def kinds_named(word: str) -> list[str]:
    """Prop kinds a noun names, through the catalogue when it exists."""
    cat = _catalogue()
    return list(cat.kinds_named(word)) if cat is not None else []


# Open-air places whose ground is dressed as an area by the staged dressing (issue 20):
# recipe -> (dressing program, area width x, depth y in m). A café's terrace on the
# pavement, a market's trestle tables of produce, a quay's edge.
OPEN_AREAS: dict[str, tuple[str, float, float]] = {
    "cafe_terrace": ("cafe_terrace", 9.0, 6.0), "covered_market": ("market", 12.0, 7.0),
    "harbour": ("quay", 14.0, 5.0)}


def dress_area(recipe_id: str, spec, work: tuple[float, float, float, float], occ,
               near: tuple[float, float]) -> list:
    """The open-air place's dressed area: the first free rectangle of its size on the
    site's work area, nearest `near` (before the camera, or the quay's edge), dressed
    with its program on the ground (z = 0) under the sky; what it places is added to
    `occ`. Nothing for a place without an area, or with no free rectangle."""
    from ..dressing import Room, dress
    from ..props.scatter import Box
    if recipe_id not in OPEN_AREAS:
        return []
    program, w, d = OPEN_AREAS[recipe_id]
    x0, y0, x1, y1 = work
    spots = [(float(x), float(y)) for x in np.arange(x0 + w / 2, x1 - w / 2 + 1e-6, 1.0)
             for y in np.arange(y0 + d / 2, y1 - d / 2 + 1e-6, 1.0)]
    spots.sort(key=lambda s: (s[0] - near[0]) ** 2 + (s[1] - near[1]) ** 2)
    for cx, cy in spots:
        if occ.fits([Box(cx, cy, w / 2, d / 2, 0.0, 0.0, 4.0)], 0.3):
            break
    else:
        return []
    room = Room(cx - w / 2, cy - d / 2, cx + w / 2, cy + d / 2, 0.0, 3.0, [], program,
                era=getattr(spec, "era", None))
    density = max(0.5, min(1.5, float(getattr(spec, "quantity", 1.0) or 1.0)))
    placed = dress(room, spec.seed, excluded=tuple(spec.excluded_props), density=density,
                   ceiling=False).placements
    for p in placed:
        for box in p.boxes:
            occ.add(box)
    return placed
