"""City street: a road between sidewalks and two rows of modular facades.

The street runs north (+Y); its cross-section comes from the style (styles.StreetSection:
a 7.5 m road between granite kerbs and 3.2 m sidewalks by default, a 3 m lane between
houses in a Provençal or medieval village, a 12 m boulevard in Haussmann Paris), and buildings of 3-7 storeys (window grids, shopfronts, doors, cornices) stand on both
sides; a building across a T-junction closes the far end, so the wide shot down the
street has a vanishing point and a subject. Street lamps, trees, benches and bins
stand in the furniture zone by the kerb; at dusk and night the lamps, shop windows,
some flats and neon blade signs (colours from the words) light the street.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import props
from ...model.plan import MaterialRequest, MeshPart, SetPlan
from ..props import industrial as ind
from ..props import trees
from ..props import street as st
from ..mesh import boxes
from ...model.spec import SetSpec
from ..styles import LAMPS, StreetSection, style_of
from . import buildings as bld
from . import common
from .framing import Scout, Shot

# The words that name this place (EN/FR); the prompt parser reads this literal
# from the source (never importing this module), so it stays plain data.
WORDS = {
    "place": {
        "en": ("street", "avenue", "boulevard", "road", "city street", "main street"),
        "fr": ("rue", "avenue", "boulevard", "route", "grande rue", "rue commerçante"),
    },
    "near": {
        "en": ("city", "town", "downtown", "square", "plaza", "crossroads", "intersection",
               "sidewalk", "highway", "bridge", "market", "village", "parking lot"),
        "fr": ("ville", "centre-ville", "place publique", "place du marché", "carrefour",
               "trottoir", "autoroute", "pont", "marché", "village"),
    },
    "exterior": True,
    "styled": True,        # reads SetSpec.style (styles.STYLES)
}


CURB_H = 0.15


@dataclass(frozen=True)
class Section:
    """The street's cross-section as laid out (m, |x| from the centre line)."""

    road_half: float
    sidewalk: float
    markings: bool

    @property
    def front(self) -> float:
        """The facade line."""
        return self.road_half + self.sidewalk

    @property
    def junction(self) -> float:
        """The cross street at the far end: as wide as this one, 6-11 m."""
        return float(np.clip(2 * self.front, 6.0, 11.0))

    def ground_z(self, x, y):
        """Sidewalk or road level (scalars or arrays)."""
        return np.where(np.abs(x) > self.road_half, CURB_H, 0.0)


def section_for(spec: SetSpec) -> Section:
    """The style's cross-section (its data in styles.py), else a town street."""
    style = style_of(spec.style)
    data = style.street if style and style.exterior else StreetSection()
    return Section(data.road / 2, data.sidewalk, data.markings)


def plan(spec: SetSpec) -> SetPlan:
    rng = common.rng_for(spec, "street.layout")
    f = common.SCALE_FACTORS.get(spec.scale, 1.0)
    L = round(84.0 * f ** 0.5, 1)
    sec = section_for(spec)
    lit = common.practicals_on(spec)
    lit_fraction = 0.35 if lit else 0.0
    style = style_of(spec.style)
    storeys = (3, 5) if f < 1 else ((4, 7) if f <= 1.5 else (6, 10))
    storeys = style.facade.storeys if style and style.exterior else storeys
    parts, anchors = _buildings(spec, rng, L, sec, storeys, lit_fraction)
    parts += _ground(L, sec)
    occ = _occupancy(L, sec)
    prop_rng = common.rng_for(spec, "street.props")
    placed = _trees(spec, prop_rng, occ, L, sec)
    placed += _signs(spec, rng, occ, anchors, lit)
    placed += _furniture(spec, prop_rng, occ, L, sec, lit)
    parts += props.to_parts(placed)
    lights = _lights(spec, placed, lit)
    scout = Scout(parts, ground=sec.ground_z, mode=spec.camera)
    cameras = scout.cameras(_shots(L, sec))
    return SetPlan(
        name=common.set_name(spec, "Street"), archetype="street", parts=parts,
        materials=common.all_materials(spec, parts, _materials(spec, lit), lit),
        lights=lights, cameras=cameras,
        sky=common.sky_request(spec, sun_azimuth_deg=common.sun_azimuth(spec, 250.0, 105.0)),
        atmosphere=common.atmosphere_in(spec, False, (-sec.front, -L / 2, 0.0),
                                        (sec.front, L / 2 + sec.junction + 2.0, 14.0)))


# --------------------------------------------------------------------------- buildings

def _buildings(spec: SetSpec, rng, L: float, sec: Section, storeys, lit_fraction: float):
    """Two rows of buildings facing the road and one across the far junction."""
    parts, anchors, index = [], [], 0
    front = sec.front
    rows = [(bld.Frame((-front, -L / 2, CURB_H), np.pi / 2), L),          # west, faces +X
            (bld.Frame((front, L / 2, CURB_H), -np.pi / 2), L)]           # east, faces -X
    far_w = 2 * front + 30.0
    rows.append((bld.Frame((-far_w / 2, L / 2 + sec.junction, CURB_H), 0.0), far_w))
    for frame, length in rows:
        u = 0.0
        while u < length - 3.0:
            width = min(float(rng.uniform(8.0, 15.0)), length - u)
            material = "facade_a" if index % 2 == 0 else "facade_b"
            design = bld.design(rng, width, storeys, material, lit_fraction, shop=True,
                                facade=_facade(spec))
            meshes = bld.build(design, rng)
            index += 1
            local = bld.Frame(tuple(frame.point((u, 0.0, 0.0))), frame.yaw)
            parts += bld.building_parts(f"Building {index:02d}", meshes, local, material)
            anchors += [(local, uc, w, design.ground_h) for uc, w in meshes.shopfronts]
            u += width
    return parts, anchors


def _facade(spec: SetSpec):
    style = style_of(spec.style)
    return style.facade if style and style.exterior else None


def _ground(L: float, sec: Section) -> list[MeshPart]:
    """Road, kerbs and sidewalks (to the junction), lane markings and a zebra crossing
    where the street has them (a village lane has none)."""
    half, front = sec.road_half, sec.front
    y0, y1 = -L / 2 - 10.0, L / 2 + sec.junction
    far = 2 * front + 40.0
    road = boxes([(-half, y0, -0.3), (-far / 2, L / 2, -0.3)],
                 [(half, L / 2, 0.0), (far / 2, y1 - 3.0, 0.0)])
    walk = boxes([(-front - 0.5, y0, -0.3), (half + 0.15, y0, -0.3),
                  (-far / 2, y1 - 3.0, -0.3)],
                 [(-half - 0.15, L / 2, CURB_H), (front + 0.5, L / 2, CURB_H),
                  (far / 2, y1 + 1.0, CURB_H)])
    kerbs = boxes([(-half - 0.15, y0, -0.3), (half, y0, -0.3)],
                  [(-half, L / 2, CURB_H), (half + 0.15, L / 2, CURB_H)])
    parts = [MeshPart("Road", road, "ground"), MeshPart("Sidewalks", walk, "sidewalk"),
             MeshPart("Kerbs", kerbs, "kerb")]
    if not sec.markings:
        return parts
    dashes = [((-0.06, y, 0.0), (0.06, y + 3.0, 0.004)) for y in np.arange(y0, L / 2 - 6.0, 9.0)]
    zebra = [((x, L / 2 - 5.0, 0.0), (x + 0.5, L / 2 - 1.0, 0.004))
             for x in np.arange(-half + 0.4, half - 0.4, 1.0)]
    marks = boxes([a for a, _ in dashes + zebra], [b for _, b in dashes + zebra])
    return parts + [MeshPart("Road Markings", marks, "marking")]


# --------------------------------------------------------------------------- dressing

def _camera_spots(L: float, sec: Section) -> list[tuple[float, float]]:
    """Where the shots stand: in the road and on the west sidewalk, at least 0.7 m
    from the facades however narrow the street. The wide stands near the centre line
    (one-point perspective), not by the kerb where the first street tree would fill
    the side of the frame."""
    reach = sec.front - 0.7
    half = sec.road_half
    return [(0.3 * half, -L / 2 + 5.0),
            (-min(1.2, 0.5 * half), 0.0),
            (-min(half + 1.6, reach), L / 2 - 9.0)]


def _occupancy(L: float, sec: Section) -> props.Occupancy:
    half, front = sec.road_half, sec.front
    occ = props.Occupancy(cell=2.0)
    occ.block(-half, -L, half, L, -1.0, 2.0)          # traffic clearance; canopies may overhang
    occ.block(-front - 20, -L, -front, L)
    occ.block(front, -L, front + 20, L)
    for x, y in _camera_spots(L, sec):
        occ.block(x - 1.0, y - 1.5, x + 1.0, y + 1.5)
    return occ


def _trees(spec: SetSpec, rng, occ: props.Occupancy, L: float,
           sec: Section) -> list[props.Placement]:
    """Street trees planted at a regular pitch in pits along the east kerb (placed
    first, so signs and lamps fit around them); the words decide how many."""
    words, q = spec.props, spec.quantity
    tree = trees.tree(rng, "street_tree", 8.0, "winter" not in spec.features)
    tree.hulls[1][[0, 1]] = np.maximum(tree.hulls[1][[0, 1]], -1.6)     # pruned clear of
    tree.hulls[1][[3, 4]] = np.minimum(tree.hulls[1][[3, 4]], 1.6)      # the facades
    wanted = int((6 if "tree" in words or "broadleaf" in words else 2) * q)
    pitch = 10.0 if wanted > 2 else 24.0
    placed = []
    for y in np.arange(-L / 2 + 12.0, L / 2 - 6.0, pitch):
        if len(placed) >= wanted:
            break
        p = props.place(occ, tree, sec.road_half + 1.15, y, CURB_H, rng.uniform(0, 6.28),
                        rng.uniform(0.9, 1.05), gap=0.1)
        placed += [p] if p else []
    return placed


def _furniture(spec: SetSpec, rng, occ: props.Occupancy, L: float, sec: Section,
               lit: bool) -> list[props.Placement]:
    words, q = spec.props, spec.quantity
    old_town = spec.surface("ground").family == "cobblestone" or "old" in spec.modifiers \
        or _era_lamp(spec) is not None
    lamp = st.heritage_lamp(rng) if old_town else st.lamp_post(rng)
    half, front = sec.road_half, sec.front
    placed = []
    spacing = 16.0 if "lamp_post" not in words else 11.0
    lamp_x = half + 0.45 if sec.sidewalk >= 1.2 else front - 0.3   # narrow: by the wall
    for side in (-1, 1):
        for k, y in enumerate(np.arange(-L / 2 + 4.0 + (side > 0) * spacing / 2, L / 2, spacing)):
            yaw = 0.0 if side < 0 else np.pi
            p = props.place(occ, lamp, side * lamp_x, y, CURB_H, yaw, gap=0.05)
            if p:
                placed.append(p)
    walk = props.Region(-front + 0.4, -L / 2 + 2, -half - 0.4, L / 2 - 2)
    walk_e = props.Region(half + 0.4, -L / 2 + 2, front - 0.4, L / 2 - 2)
    bench, bin_ = st.bench(rng), st.street_bin(rng)
    for region in (walk, walk_e) if sec.sidewalk >= 1.2 else ():     # a lane has no room
        side = -1 if region is walk else 1
        placed += props.scatter(rng, occ, bench, common.count(spec, "bench", 2, 5),
                                props.Region(region.x0, region.y0, region.x1, region.y1,
                                             inside=lambda x, y, s=side: np.abs(x) > front - 0.9),
                                yaw=-side * np.pi / 2 + np.pi, height=sec.ground_z, gap=0.4)
        placed += props.scatter(rng, occ, bin_, int(2 * q), region, gap=0.4,
                                height=sec.ground_z)
        if "dumpster" in words:
            placed += props.scatter(rng, occ, ind.dumpster(rng), 2, region, yaw=(-0.2, 0.2),
                                    height=sec.ground_z, gap=0.3)
    bollard = st.bollard(rng)
    bollards = [props.place(occ, bollard, s * (half + 0.35), L / 2 - 0.8 - 1.6 * k,
                            CURB_H) for s in (-1, 1) for k in range(3)]
    return placed + [b for b in bollards if b]


def _signs(spec: SetSpec, rng, occ: props.Occupancy, anchors, lit: bool) -> list[props.Placement]:
    """Neon blade signs over some shopfronts (night, neon words, cyberpunk), and
    awnings over others by day."""
    neon_wanted = lit or "neon" in spec.props or "cyberpunk" in spec.moods
    colours = common.neon_colours(spec)
    placed, models = [], {}
    words = st.sign_words(rng, _sign_words(spec), (len(anchors) + 1) // 2)
    for k, (frame, uc, width, ground_h) in enumerate(anchors):
        if neon_wanted and k % 2 == 0:
            word = words[k // 2]
            colour = colours[(k // 2) % len(colours)]
            flat = abs(np.sin(frame.yaw)) < 0.5                 # the far building: flat on it
            vertical = _sign_shape(spec) == "vertical" and not flat
            board = st.SIGN_BOARDS[(k // 2) % len(st.SIGN_BOARDS)]    # neighbours differ
            key = ("vertical" if vertical else word, colour, board)
            if key not in models:
                models[key] = st.vertical_sign(rng, colour) if vertical else \
                    st.neon_sign(rng, word, colour, 0.42, board)
            model = models[key]
            half = max(abs(model.hulls[0][0]), abs(model.hulls[0][3]))
            out = 0.12 if flat else half + 0.3
            z = ground_h + 0.2 if vertical else ground_h - (0.2 if flat else 1.2)
            pos = frame.point((uc, -out, z))
            placed.append(props.place(occ, model, *pos, yaw=0.0, gap=0.05))
        elif k % 3 == 1:
            key = ("awning", round(width, 1))
            if key not in models:
                models[key] = st.awning(width + 0.3, 1.3, 0.5)
            pos = frame.point((uc, 0.0, ground_h - 0.45))
            placed.append(props.place(occ, models[key], *pos, yaw=frame.yaw, gap=0.05))
    return [p for p in placed if p is not None]


def _lights(spec: SetSpec, placed, lit: bool):
    """Neon always glows; the street lamps are switched by the hour."""
    lamps = [p for p in placed if p.model.kind in ("lamp_post", "heritage_lamp")]
    neon = [p for p in placed if p.model.kind.startswith("neon")]
    colour = _era_lamp(spec) or common.street_lamp_colour(spec)
    return (common.switched(props.to_lights(lamps, colour, "Street Lamp"), lit)
            + props.to_lights(neon, (1, 1, 1), colours=_neon_rgb(spec)))


def _era_lamp(spec: SetSpec) -> tuple[float, float, float] | None:
    """The colour of the style's lantern era (a gas mantle, a tungsten globe: styles.LAMPS)
    when its street lights are lanterns on posts, else None (modern heads)."""
    style = style_of(spec.style)
    if style is None or not style.exterior:
        return None
    kind, colour = LAMPS[style.lamp]
    return colour if kind == "lantern" else None


def _neon_rgb(spec: SetSpec) -> dict[str, tuple[float, float, float]]:
    return {c: common.linear_rgb(c) for c in common.neon_colours(spec)}


def _shots(L: float, sec: Section) -> list[Shot]:
    (ax, ay), (bx, by), (cx, cy) = _camera_spots(L, sec)
    return [
        Shot("wide", 24.0, (ax, ay), (0.0, L / 2 + sec.junction, 5.0), third=-0.45),
        Shot("medium", 35.0, (bx, by), (sec.front, 9.0, 3.0), third=0.5),
        Shot("reverse", 35.0, (cx, cy), (0.0, -L / 2, 4.0), third=0.4),
    ]


def _sign_shape(spec: SetSpec) -> str:
    style = style_of(spec.style)
    return style.sign_shape if style else "word"


def _sign_words(spec: SetSpec) -> tuple[str, ...]:
    style = style_of(spec.style)
    return style.signs if style and style.signs else st.SIGN_WORDS


def _materials(spec: SetSpec, lit: bool) -> dict[str, MaterialRequest]:
    walls, style = spec.surface("walls"), style_of(spec.style)
    facade_a = common.styled(spec, "facade_a", "walls", "brick")
    if walls.family:
        facade_b = common.material(spec, "facade_b", "walls", walls.family)
        facade_b.modifiers = list(dict.fromkeys(facade_b.modifiers + ["worn"]))
    elif style is not None:
        facade_b = common.styled(spec, "facade_b", "walls", "plaster", "cream")
    else:
        facade_b = common.plain("facade_b", "plaster", spec.seed, "cream", tuple(spec.modifiers))
    glow = () if lit else ("dim",)
    trim_colour = (style.surfaces.get("trim") or ("paint", "cream"))[1] if style else "cream"
    door_colour = (style.surfaces.get("door") or ("paint", "green"))[1] if style else "green"
    shutter = style.facade.shutters if style and style.facade.shutters else "green"
    return {
        "facade_a": facade_a, "facade_b": facade_b,
        "trim": common.plain("trim", "paint", spec.seed, trim_colour, ("matte",)),
        "door": common.plain("door", "paint", spec.seed, door_colour),
        "shutter": common.plain("shutter", "paint", spec.seed, shutter, ("worn",)),
        "glass": common.plain("glass", "glass", spec.seed),
        "window_light": common.plain("window_light", "lit_window", spec.seed),
        "shop_light": common.plain("shop_light", "lit_window", spec.seed, modifiers=glow),
        "ground": common.styled(spec, "ground", "ground", "asphalt", fallback_roles=("floor",)),
        "sidewalk": common.plain("sidewalk", "paving_slabs", spec.seed,
                                 modifiers=("wet",) if spec.wet else ()),
        "kerb": common.plain("kerb", "paint", spec.seed, "grey", ("matte",)),
        "marking": common.plain("marking", "paint", spec.seed, "white", ("matte",)),
        "canvas": common.plain("canvas", "fabric", spec.seed, "burgundy"),
    }
