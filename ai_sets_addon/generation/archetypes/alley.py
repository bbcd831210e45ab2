"""Back alley: a narrow lane between the backs of tall buildings.

Blank back walls with a door each and small barred windows, steel fire escapes
zig-zagging up some facades, downpipes, dumpsters and rubbish bags against the walls,
caged lamps over the back doors; the near end is a dead-end wall, the far end opens
onto a lit street whose building (and neon, colours from the words) closes the view.
Wet words give puddles; the lamps and the street beyond carry the night.
"""

from __future__ import annotations

import numpy as np

from .. import props
from ...model.plan import MaterialRequest, MeshPart, SetPlan
from ..props import industrial as ind
from ..props import street as st
from ..props.scatter import transform
from ..mesh import boxes, merge, tubes
from ...model.spec import SetSpec
from ..styles import style_of
from . import buildings as bld
from . import common
from .framing import Scout, Shot

# The words that name this place (EN/FR); the prompt parser reads this literal
# from the source (never importing this module), so it stays plain data.
WORDS = {
    "place": {
        "en": ("alley", "alleyway", "back alley", "backstreet", "side street", "lane"),
        "fr": ("ruelle", "impasse", "venelle", "cul-de-sac", "passage étroit"),
    },
    "exterior": True,
    "styled": True,        # reads SetSpec.style (styles.STYLES)
}


CROSS = 9.0          # the street across the far end


def plan(spec: SetSpec) -> SetPlan:
    rng = common.rng_for(spec, "alley.layout")
    f = common.SCALE_FACTORS.get(spec.scale, 1.0)
    W = round(4.8 * f ** 0.5, 2)
    L = round(36.0 * f ** 0.5, 1)
    lit = common.practicals_on(spec)
    parts, doors = _buildings(spec, rng, W, L, lit)
    parts += _ground(W, L)
    placed = _dressing(spec, common.rng_for(spec, "alley.props"), W, L, doors)
    parts += props.to_parts(placed)
    if "cables" not in spec.excluded_props:            # every real alley has them
        cables = bld.overhead_cables(common.rng_for(spec, "alley.cables"), -W / 2, W / 2,
                                     -L / 2 + 3.0, L / 2 - 2.0, (4.5, 7.5), 12)
        parts.append(MeshPart("Overhead Cables", cables, "dark_metal", smooth=True))
    lights = _lights(spec, placed, lit)
    scout = Scout(parts, mode=spec.camera)
    cameras = scout.cameras(_shots(W, L))
    return SetPlan(
        name=common.set_name(spec, "Alley"), archetype="alley", parts=parts,
        materials=common.all_materials(spec, parts, _materials(spec, lit), lit),
        lights=lights, cameras=cameras,
        sky=common.sky_request(spec, sun_azimuth_deg=common.sun_azimuth(spec, 200.0, 140.0)),
        atmosphere=common.atmosphere_in(spec, False, (-W / 2, -L / 2, 0.0), (W / 2, L / 2 + CROSS, 16.0)))


def _buildings(spec: SetSpec, rng, W: float, L: float, lit: bool):
    parts, doors, index = [], [], 0
    frac = 0.25 if lit else 0.0
    rows = [(bld.Frame((-W / 2, -L / 2, 0.0), np.pi / 2), L, False),
            (bld.Frame((W / 2, L / 2, 0.0), -np.pi / 2), L, False),
            (bld.Frame((-W / 2 - 24.0, L / 2 + CROSS, 0.0), 0.0), W + 48.0, True)]
    for frame, length, front in rows:
        u = 0.0
        while u < length - 2.0:
            width = min(float(rng.uniform(9.0, 14.0)), length - u)
            material = "walls" if index % 2 == 0 else "walls_b"
            style = style_of(spec.style)
            facade = style.facade if style and style.exterior else None
            design = bld.design(rng, width, facade.storeys if facade else (4, 6), material,
                                frac, shop=front, facade=facade)
            m = bld.build(design, rng)
            index += 1
            local = bld.Frame(tuple(frame.point((u, 0.0, 0.0))), frame.yaw)
            name = f"Building {index:02d}"
            parts += bld.building_parts(name, m, local, material)
            if not front and index % 2 == 1 and design.floors > 2:
                parts.append(MeshPart(f"{name} - Fire Escape", local.apply(_fire_escape(design)), "dark_metal"))
            if not front:
                parts.append(MeshPart(f"{name} - Downpipe", local.apply(_downpipe(design)), "dark_metal",
                                      smooth=True))
            doors += [(local, du, front, design) for du in m.door_u]
            u += width
    dead_end = boxes([(-W / 2 - 1.0, -L / 2 - 0.4, 0.0)], [(W / 2 + 1.0, -L / 2, 6.0)])
    parts.append(MeshPart("Dead-End Wall", dead_end, "walls"))
    return parts, doors


def _fire_escape(d: bld.BuildingDesign):
    """Landings at every upper floor, railings, and a stair flight between landings."""
    u0, u1 = d.width * 0.2, d.width * 0.2 + 3.2
    lo, hi, rail_a, rail_b = [], [], [], []
    for f in range(1, d.floors):
        z = d.ground_h + (f - 1) * d.floor_h
        lo.append((u0, -1.25, z - 0.06))
        hi.append((u1, -0.05, z))
        for y in (-1.25,):
            rail_a.append((u0, y, z + 1.0))
            rail_b.append((u1, y, z + 1.0))
            rail_a.append((u0, y, z + 0.5))
            rail_b.append((u1, y, z + 0.5))
        for u in np.linspace(u0, u1, 5):
            rail_a.append((u, -1.25, z))
            rail_b.append((u, -1.25, z + 1.0))
        if f < d.floors - 1:
            going_right = f % 2 == 0
            s0, s1 = (u0 + 0.2, u1 - 0.2) if going_right else (u1 - 0.2, u0 + 0.2)
            rail_a.append((s0, -0.7, z + 0.05))
            rail_b.append((s1, -0.7, z + d.floor_h - 0.05))
    grating = boxes(lo, hi)
    rails = tubes(rail_a, rail_b, 0.018, None, 6)
    flights = []
    for f in range(1, d.floors - 1):
        z = d.ground_h + (f - 1) * d.floor_h
        steps = 12
        going_right = f % 2 == 0
        for k in range(steps):
            t = (k + 0.5) / steps
            u = (u0 + 0.3 + t * (u1 - u0 - 0.6)) if going_right else (u1 - 0.3 - t * (u1 - u0 - 0.6))
            flights.append(((u - 0.1, -1.0, z + t * d.floor_h - 0.03), (u + 0.1, -0.35, z + t * d.floor_h)))
    steps_mesh = boxes([a for a, _ in flights], [b for _, b in flights]) if flights else None
    return merge([grating, rails] + ([steps_mesh] if steps_mesh is not None else []))


def _downpipe(d: bld.BuildingDesign):
    u = d.width - 0.3
    return tubes([(u, -0.12, 0.0)], [(u, -0.12, d.height)], 0.05, None, 10)


def _ground(W: float, L: float) -> list[MeshPart]:
    lane = boxes([(-W / 2 - 0.5, -L / 2 - 0.5, -0.3)], [(W / 2 + 0.5, L / 2, 0.0)])
    street = boxes([(-W / 2 - 30.0, L / 2, -0.3)], [(W / 2 + 30.0, L / 2 + CROSS + 1.0, 0.0)])
    return [MeshPart("Alley Ground", lane, "ground"), MeshPart("Cross Street", street, "street")]


def _dressing(spec: SetSpec, rng, W: float, L: float, doors) -> list[props.Placement]:
    occ = props.Occupancy(cell=1.0)
    occ.block(-W / 2 - 5, -L, -W / 2, L)
    occ.block(W / 2, -L, W / 2 + 5, L)
    occ.block(-W / 2, -L / 2 - 1, W / 2, -L / 2)
    occ.block(-0.5, -L / 2, 0.7, L / 2 + 2)                      # a walking line
    for x, y in _camera_spots(W, L):
        occ.block(x - 0.9, y - 1.2, x + 0.9, y + 1.2)
    for frame, du, front, _ in doors:
        if not front:
            c = frame.point((du, -0.8, 0.0))
            occ.block(c[0] - 0.8, c[1] - 0.8, c[0] + 0.8, c[1] + 0.8)   # keep doors usable
    words, q = spec.props, spec.quantity
    placed: list[props.Placement] = []
    lamp = st.wall_lamp(rng)
    for frame, du, front, d in doors:
        if not front:
            placed.append(props.Placement(lamp, transform(*frame.point((du, -0.02, 2.75)), frame.yaw), []))
    sides = [props.Region(-W / 2 + 0.05, -L / 2 + 1, -0.5, L / 2 - 1),
             props.Region(0.7, -L / 2 + 1, W / 2 - 0.05, L / 2 - 1)]
    bags = [ind.trash_bag(rng), ind.trash_bag(rng)]
    dumpster, pallets, drum, crate = ind.dumpster(rng), ind.pallet_stack(rng, 3), ind.barrel(rng), \
        ind.crate(rng, 0.7)
    for k, region in enumerate(sides):
        yaw = np.pi / 2 if k == 0 else -np.pi / 2
        dumpsters = props.scatter(rng, occ, dumpster,
                                  common.count(spec, "dumpster", 1, 3, 0.6),
                                  region, yaw=(yaw - 0.08, yaw + 0.08), gap=0.1)
        placed += dumpsters
        wall_x = -W / 2 if k == 0 else W / 2
        for d in dumpsters:
            near = props.Region(wall_x - 1.0, d.transform[1, 3] - 2.2, wall_x + 1.0,
                                d.transform[1, 3] + 2.2)
            for bag in bags:
                placed += props.scatter(rng, occ, bag, int(3 * q), near, gap=0.01)
        by_wall = props.Region(region.x0, region.y0, region.x1, region.y1,
                               inside=lambda x, y, w=wall_x: np.abs(x - w) < 0.8)
        placed += props.scatter(rng, occ, bags[k], int(3 * q), by_wall, gap=0.01)
        placed += props.scatter(rng, occ, pallets, common.count(spec, "pallet", 1, 3),
                                region, yaw=(yaw - 0.2, yaw + 0.2), gap=0.1)
        placed += props.scatter(rng, occ, drum, common.count(spec, "barrel", 1, 4),
                                region, gap=0.05)
        if "crate" in words:
            placed += props.scatter(rng, occ, crate, int(3 * q), region, gap=0.05)
    if _wants(spec, "vending_machine"):
        machine = st.vending_machine(rng)
        for k, region in enumerate(sides):
            yaw = -np.pi / 2 if k == 0 else np.pi / 2            # backs to the wall
            wall = props.Region(region.x0, region.y0, region.x1, region.y1,
                                inside=lambda x, y, w=(-W / 2 if k == 0 else W / 2):
                                np.abs(x - w) < 0.6)
            placed += props.scatter(rng, occ, machine, 1, wall, yaw=yaw, gap=0.05)
    return placed + _street_signs(spec, rng, W, L)


def _wants(spec: SetSpec, kind: str) -> bool:
    """A prop the words name, or one the style brings (unless the words exclude it)."""
    style = style_of(spec.style)
    return kind not in spec.excluded_props and (
        kind in spec.props or (style is not None and kind in style.props))


def _street_signs(spec: SetSpec, rng, W: float, L: float) -> list[props.Placement]:
    """Neon on the building across the street, framed by the alley's end."""
    colours = common.neon_colours(spec)
    out = []
    style = style_of(spec.style)
    words = st.sign_words(rng, style.signs if style and style.signs else st.SIGN_WORDS, 3)
    for k, x in enumerate((-1.6, 2.4)):
        model = st.neon_sign(rng, words[k], colours[k % len(colours)], 0.75,
                             ("open", "framed")[k])
        half = max(abs(model.hulls[0][0]), abs(model.hulls[0][3]))
        x = float(np.clip(x, -W / 2 + half - 0.3, max(W / 2 - half + 0.3, -W / 2 + half - 0.3)))
        out.append(props.Placement(model, transform(x, L / 2 + CROSS - 0.1, 4.7 + 1.6 * k, 0.0), []))
    blade = st.neon_sign(rng, words[2], colours[-1], 0.45)
    half = max(abs(blade.hulls[0][0]), abs(blade.hulls[0][3]))
    out.append(props.Placement(blade, transform(W / 2 - half - 0.25, L / 2 - 6.0, 3.0, 0.0), []))
    if style is not None and style.sign_shape == "vertical":       # tategaki blade signs
        for k, y in enumerate(np.arange(-L / 2 + 6.0, L / 2 - 8.0, 5.5)):
            side = -1 if k % 2 == 0 else 1
            sign = st.vertical_sign(rng, colours[k % len(colours)], int(rng.integers(4, 7)))
            x = side * (W / 2 - 0.45)
            out.append(props.Placement(sign, transform(x, y, 2.9 + 0.4 * (k % 3), 0.0), []))
    return out


def _lights(spec: SetSpec, placed, lit: bool):
    neon = [p for p in placed if p.model.kind.startswith("neon")]
    colours = {c: common.linear_rgb(c) for c in common.neon_colours(spec)}
    lights = props.to_lights(neon, (1, 1, 1), colours=colours)
    machines = [p for p in placed if p.model.kind == "vending_machine"]
    lights += props.to_lights(machines, common.COOL_FLUORESCENT)
    lamps = [p for p in placed if p.model.kind == "wall_lamp"]
    lights += common.switched(props.to_lights(lamps, common.WARM_TUNGSTEN, "Door Lamp",
                                              power_scale=1.5), lit)
    return lights


def _camera_spots(W: float, L: float) -> list[tuple[float, float]]:
    return [(0.45, -L / 2 + 2.6), (-0.2, 2.0), (0.2, L / 2 - 2.0)]


def _shots(W: float, L: float) -> list[Shot]:
    (ax, ay), (bx, by), (cx, cy) = _camera_spots(W, L)
    return [
        Shot("wide", 24.0, (ax, ay), (0.0, L / 2 + CROSS, 3.2), third=-0.3),
        Shot("medium", 35.0, (bx, by), (W / 2, 8.0, 1.8), third=0.5),
        Shot("reverse", 35.0, (cx, cy), (0.0, -L / 2, 2.5), third=0.3),
    ]


def _materials(spec: SetSpec, lit: bool) -> dict[str, MaterialRequest]:
    walls = common.styled(spec, "walls", "walls", "brick", style_key="facade_a")
    walls_b = common.styled(spec, "walls_b", "walls", walls.family, style_key="facade_b")
    walls_b.modifiers = list(dict.fromkeys(walls_b.modifiers + ["grime"]))
    ground_default = "asphalt"
    ground = common.styled(spec, "ground", "ground", ground_default, fallback_roles=("floor",))
    if spec.wet and "puddles" not in ground.modifiers:
        ground.modifiers.append("puddles")
    return {
        "walls": walls, "walls_b": walls_b, "ground": ground,
        "street": common.plain("street", "asphalt", spec.seed, modifiers=("wet",) if spec.wet else ()),
        "trim": common.plain("trim", "paint", spec.seed, "grey", ("matte",)),
        "door": common.plain("door", "paint", spec.seed, "burgundy"),
        "glass": common.plain("glass", "glass", spec.seed),
        "window_light": common.plain("window_light", "lit_window", spec.seed),
        "shop_light": common.plain("shop_light", "lit_window", spec.seed, modifiers=() if lit else ("dim",)),
        "kerb": common.plain("kerb", "paint", spec.seed, "grey", ("matte",)),
        "shutter": common.plain("shutter", "paint", spec.seed, _shutter_colour(spec), ("worn",)),
    }


def _shutter_colour(spec: SetSpec) -> str:
    style = style_of(spec.style)
    return style.facade.shutters if style and style.facade.shutters else "green"
