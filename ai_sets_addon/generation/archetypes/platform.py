"""Subway or train platform.

Underground (metro, subway, underground words, the default): a tiled elliptical
vault over one track and a side platform 1.1 m above the rails, tunnel mouths at
both ends, strip lights down the platform, benches, light-box posters across the
track. Open-air (train, gare, railway words): the same platform and track under a
canopy on columns, with the sky and the far side open.

A style (styles.STYLES) sets the wall and floor finish (a Paris Métro's white bevelled
tiles, a 1970s station's orange tiles, Art Deco marble), the era's lights (gas or
tungsten lanterns on posts for Victorian, Haussmann or Art Deco, tubes for a 1970s or
Tokyo station, cool LED strips for sci-fi) and its props (Tokyo's vending machines).

The platform top is z = 0 (cameras stand on it); the track bed is at -1.1 m.
"""

from __future__ import annotations

import numpy as np

from .. import props
from ..mesh import boxes, lathe, merge
from ...model.plan import MaterialRequest, MeshPart, SetPlan
from ..props import industrial as ind
from ..props import street as st
from ..props.scatter import transform
from ...model.spec import SetSpec
from ..styles import LAMPS, style_of
from . import common, shell
from .framing import Scout, Shot

# The words that name this place (EN/FR); the prompt parser reads this literal
# from the source (never importing this module), so it stays plain data.
WORDS = {
    "place": {
        "en": ("platform", "subway", "metro", "subway station", "metro station",
               "train station", "railway station", "underground station", "train platform"),
        "fr": ("quai", "métro", "gare", "station de métro", "quai de métro", "quai de gare",
               "gare ferroviaire"),
    },
    "near": {
        "en": ("station", "train", "railway", "tram stop", "bus stop"),
        "fr": ("station", "train", "arrêt de bus", "arrêt de tram", "voie ferrée"),
    },
    "exterior": False,
    "styled": True,        # reads SetSpec.style (styles.STYLES)
    "features": {
        "open_air": {
            "en": ("train", "train station", "railway", "railway station", "tram stop"),
            "fr": ("gare", "gare ferroviaire", "quai de gare", "voie ferrée",
                   "arrêt de tram", "train"),
        },
    },
}


TRACK_Z = -1.1
PLATFORM_W = 5.5
GAUGE = 1.435


def plan(spec: SetSpec) -> SetPlan:
    rng = common.rng_for(spec, "platform.layout")
    f = common.SCALE_FACTORS.get(spec.scale, 1.0)
    open_air = "open_air" in spec.features
    L = round(64.0 * f ** 0.5, 1)
    W = PLATFORM_W + 6.0                                 # platform + track bed + wall gap
    x_edge = -W / 2 + PLATFORM_W
    parts = _platform(W, L, x_edge) + _track(rng, W, L, x_edge)
    parts += _canopy(W, L, x_edge) if open_air else _vault(W, L)
    placed = _dressing(spec, rng, W, L, x_edge, open_air)
    parts += props.to_parts(placed)
    lit = common.practicals_on(spec) or not open_air
    kind, colour = _lamp(spec)
    lamps = [p for p in placed if p.model.kind in ("fluorescent", "heritage_lamp")]
    lights = common.switched(
        props.to_lights(lamps, colour, "Lantern" if kind == "lantern" else "Strip Light")
        + props.to_lights([p for p in placed if p.model.kind == "poster"],
                          common.NEUTRAL_LED, "Poster Light"), lit)
    height = None if open_air else 5.0
    scout = Scout(parts, ceiling=height, mode=spec.camera)
    cameras = scout.cameras(_shots(W, L, x_edge))
    lo, hi = (-W / 2, -L / 2, TRACK_Z), (W / 2, L / 2, 5.0)
    return SetPlan(
        name=common.set_name(spec, "Station Platform" if open_air else "Metro Platform"),
        archetype="platform", parts=parts,
        materials=common.all_materials(spec, parts, _materials(spec, open_air), lit),
        lights=lights, cameras=cameras,
        sky=common.sky_request(spec, sun_azimuth_deg=common.sun_azimuth(spec, 240.0, 120.0)),
        atmosphere=common.atmosphere_in(spec, not open_air, lo, hi), interior=not open_air)


def _platform(W: float, L: float, x_edge: float) -> list[MeshPart]:
    """The platform slab, its edge coping and the yellow safety line."""
    slab = boxes([(-W / 2 - 0.3, -L / 2, TRACK_Z)], [(x_edge - 0.35, L / 2, -0.02)])
    coping = boxes([(x_edge - 0.35, -L / 2, TRACK_Z)], [(x_edge, L / 2, 0.0)])
    top = boxes([(-W / 2 - 0.3, -L / 2, -0.02)], [(x_edge - 0.35, L / 2, 0.0)])
    line = boxes([(x_edge - 0.62, -L / 2, 0.0)], [(x_edge - 0.47, L / 2, 0.004)])
    return [MeshPart("Platform", merge([slab, top]), "floor"),
            MeshPart("Platform Edge", coping, "coping"),
            MeshPart("Safety Line", line, "safety_line")]


def _track(rng, W: float, L: float, x_edge: float) -> list[MeshPart]:
    """Ballast bed, sleepers every 0.6 m (instanced) and two rails."""
    centre = x_edge + 1.7
    bed = boxes([(x_edge, -L / 2 - 30.0, TRACK_Z - 0.3)], [(W / 2 + 0.3, L / 2 + 30.0, TRACK_Z)])
    sleeper = boxes([(-1.3, -0.125, 0.0)], [(1.3, 0.125, 0.16)])
    ys = np.arange(-L / 2 - 29.0, L / 2 + 29.0, 0.6)
    sleepers = [transform(centre, y, TRACK_Z, 0.0) for y in ys]
    rail_lo = [(centre + s * GAUGE / 2 - 0.035, -L / 2 - 30.0, TRACK_Z + 0.16) for s in (-1, 1)]
    rail_hi = [(centre + s * GAUGE / 2 + 0.035, L / 2 + 30.0, TRACK_Z + 0.32) for s in (-1, 1)]
    return [MeshPart("Track Bed", bed, "ballast"),
            MeshPart("Sleeper", sleeper, "sleeper", group="props", instances=sleepers),
            MeshPart("Rails", boxes(rail_lo, rail_hi), "metal")]


def _vault(W: float, L: float) -> list[MeshPart]:
    """A tiled elliptical vault over platform and track, closed ends with tunnel mouths,
    short dark tunnels behind them."""
    inner = shell.vault_profile(W + 0.6, 2.6, 20, rise=2.6, base=TRACK_Z)
    outer = shell.vault_profile(W + 1.2, 2.6, 20, rise=2.9, base=TRACK_Z)
    vault = merge([shell.extrude(inner, -L / 2, L / 2, True), shell.extrude(outer, -L / 2, L / 2, False)])
    ends = []
    x0, x1 = -W / 2 - 0.6, W / 2 + 0.6
    mouth = (-W / 2 + PLATFORM_W, W / 2 + 0.3)
    for y0, y1 in ((-L / 2 - 0.4, -L / 2), (L / 2, L / 2 + 0.4)):
        ends.append(boxes([(x0, y0, TRACK_Z), (mouth[1], y0, TRACK_Z), (mouth[0], y0, 3.2)],
                          [(mouth[0], y1, 7.0), (x1, y1, 7.0), (mouth[1], y1, 7.0)]))
    tunnels = []
    m0, m1 = mouth
    for a, b in ((-L / 2 - 30.0, -L / 2 - 0.4), (L / 2 + 0.4, L / 2 + 30.0)):
        far = a if a < 0 else b - 0.3
        tunnels.append(boxes([(m0 - 0.3, a, TRACK_Z), (m1, a, TRACK_Z), (m0 - 0.3, a, 3.2),
                              (m0, far, TRACK_Z)],
                             [(m0, b, 3.5), (m1 + 0.3, b, 3.5), (m1 + 0.3, b, 3.5),
                              (m1, far + 0.3, 3.2)]))
    return [MeshPart("Vault", vault, "walls"), MeshPart("End Walls", merge(ends), "walls"),
            MeshPart("Tunnels", merge(tunnels), "tunnel")]


def _canopy(W: float, L: float, x_edge: float) -> list[MeshPart]:
    """An open-air platform: a canopy on columns over the platform, a low wall behind."""
    cols = [transform(-W / 2 + 1.6, y, 0.0) for y in np.arange(-L / 2 + 4, L / 2 - 2, 8.0)]
    column = lathe([(0.14, 0.0), (0.12, 0.2), (0.1, 3.6), (0.16, 3.8)], 12)
    roof = boxes([(-W / 2 - 0.6, -L / 2 + 2, 3.8)], [(x_edge - 0.2, L / 2 - 2, 3.95)])
    fascia = boxes([(x_edge - 0.3, -L / 2 + 2, 3.55)], [(x_edge - 0.2, L / 2 - 2, 3.95)])
    back_wall = boxes([(-W / 2 - 0.6, -L / 2, 0.0)], [(-W / 2 - 0.3, L / 2, 1.2)])
    ground = boxes([(-200.0, -200.0, TRACK_Z - 0.6)], [(200.0, 200.0, TRACK_Z - 0.3)])
    return [MeshPart("Canopy Column", column, "dark_metal", instances=cols, smooth=True),
            MeshPart("Canopy", merge([roof, fascia]), "roof"),
            MeshPart("Back Wall", back_wall, "walls"), MeshPart("Surroundings", ground, "ground")]


def _dressing(spec: SetSpec, rng, W: float, L: float, x_edge: float,
              open_air: bool) -> list[props.Placement]:
    occ = props.Occupancy(cell=2.0)
    occ.block(x_edge - 1.2, -L / 2, W / 2 + 1, L / 2)          # edge zone and track
    occ.block(-W / 2 - 1, -L / 2 - 1, W / 2 + 1, -L / 2 + 0.5)
    occ.block(-W / 2 - 1, L / 2 - 0.5, W / 2 + 1, L / 2 + 1)
    for x, y in _camera_spots(W, L, x_edge):
        occ.block(x - 1.0, y - 1.0, x + 1.0, y + 1.0)
    q = spec.quantity
    placed = _lamps(spec, rng, occ, W, L, open_air)       # first: benches fit around them
    bench = st.bench(rng, 1.8)
    for y in np.arange(-L / 2 + 7.0, L / 2 - 5.0, 9.0):
        p = props.place(occ, bench, -W / 2 + 1.0, y, 0.0, yaw=np.pi / 2, gap=0.05)
        if p:
            placed.append(p)
    region = props.Region(-W / 2 + 0.4, -L / 2 + 2, x_edge - 1.3, L / 2 - 2)
    placed += props.scatter(rng, occ, st.street_bin(rng), int(3 * q), region, gap=0.3)
    if "pillar" in spec.props:
        placed += [p for y in np.arange(-L / 2 + 6, L / 2 - 3, 6.0)
                   if (p := props.place(occ, ind.pillar(4.5, 0.6), -W / 2 + 3.2, y))]
    placed += _style_props(spec, rng, occ, W, L)
    if not open_air:
        poster = st.poster_frame(rng, 3.0, 2.0)
        for y in np.arange(-L / 2 + 6.0, L / 2 - 4.0, 7.0):
            placed.append(props.Placement(poster, transform(W / 2 + 0.2, y, 0.6, -np.pi / 2), []))
    return placed


def _lamp(spec: SetSpec) -> tuple[str, tuple[float, float, float]]:
    """(prop kind, light colour) of the era's lamps: the style's, else cool tubes."""
    style = style_of(spec.style)
    return LAMPS[style.lamp] if style else ("tube", common.COOL_FLUORESCENT)


def _lamps(spec: SetSpec, rng, occ: props.Occupancy, W: float, L: float,
           open_air: bool) -> list[props.Placement]:
    """Lantern posts down the platform's back for gas and tungsten eras; otherwise a
    line of strip lights under the vault or the canopy."""
    if _lamp(spec)[0] == "lantern":
        post = st.heritage_lamp(rng, 3.2)
        return [p for y in np.arange(-L / 2 + 3.0, L / 2 - 2.0, 8.0)
                if (p := props.place(occ, post, -W / 2 + 0.45, y, 0.0, gap=0.02))]
    lamp = ind.fluorescent_fixture(rng, 1.5)
    z_lamp = 3.2 if not open_air else 3.78
    return [props.Placement(lamp, transform(-W / 2 + 3.0, y, z_lamp, np.pi / 2), [])
            for y in np.arange(-L / 2 + 2.0, L / 2 - 1.0, 4.0)]


def _style_props(spec: SetSpec, rng, occ: props.Occupancy, W: float,
                 L: float) -> list[props.Placement]:
    """The style's own props against the back wall (vending machines, potted plants)."""
    style = style_of(spec.style)
    makers = {"vending_machine": st.vending_machine, "plant": st.planter}
    placed = []
    for k, kind in enumerate(k for k in (style.props if style else ()) if k in makers):
        model = makers[kind](rng)
        for y in np.arange(-L / 2 + 10.0 + 2.5 * k, L / 2 - 6.0, 18.0):
            p = props.place(occ, model, -W / 2 + 0.5, y, 0.0, yaw=-np.pi / 2, gap=0.05)
            placed += [p] if p else []
    return placed


def _camera_spots(W: float, L: float, x_edge: float) -> list[tuple[float, float]]:
    return [(x_edge - 2.0, -L / 2 + 3.0), (-W / 2 + 2.2, 0.0), (x_edge - 2.2, L / 2 - 4.0)]


def _shots(W: float, L: float, x_edge: float) -> list[Shot]:
    (ax, ay), (bx, by), (cx, cy) = _camera_spots(W, L, x_edge)
    return [
        Shot("wide", 24.0, (ax, ay), (x_edge + 0.5, L / 2, 0.2), third=-0.35),
        Shot("medium", 35.0, (bx, by), (W / 2, 8.0, 0.8), third=0.4),
        Shot("reverse", 35.0, (cx, cy), (x_edge - 1.0, -L / 2, 0.5), third=0.4),
    ]


def _materials(spec: SetSpec, open_air: bool) -> dict[str, MaterialRequest]:
    walls_default = "brick" if open_air else "subway_tiles"
    walls = common.styled(spec, "walls", "walls", walls_default, style_key="platform_walls")
    floor, floor_colour = _styled_floor(spec, "paving_slabs" if open_air else "ceramic_tiles")
    return {
        "walls": walls,
        "floor": common.material(spec, "floor", "floor", floor, fallback_roles=("ground",),
                                 default_colour=floor_colour),
        "coping": common.plain("coping", "concrete", spec.seed),
        "safety_line": common.plain("safety_line", "paint", spec.seed, "yellow", ("matte",)),
        "ballast": common.plain("ballast", "gravel", spec.seed, modifiers=("soot",)),
        "sleeper": common.plain("sleeper", "paint", spec.seed, "brown", ("matte",)),
        "tunnel": common.plain("tunnel", "paint", spec.seed, "black", ("matte",)),
        "roof": common.plain("roof", "paint", spec.seed, "grey"),
        "ground": common.plain("ground", "gravel", spec.seed),
    }


def _styled_floor(spec: SetSpec, default: str) -> tuple[str, str | None]:
    """A platform floor is the style's platform floor if it names one (a living room's
    parquet is not a platform's), else the archetype's."""
    style = style_of(spec.style)
    return (style.surfaces.get("platform_floor") if style else None) or (default, None)
