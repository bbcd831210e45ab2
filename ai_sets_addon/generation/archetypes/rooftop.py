"""Rooftop: a flat tar roof ringed by a parapet, high over a city skyline.

The roof deck is z = 0 (eye height 1.6 m above it), the street 36 m below. A stair
bulkhead with a door and its lamp, a timber water tank on a steel stand, condensers,
vents and chimneys dress the roof; tower blocks stand all around (their windows glow
after dusk). At night festoon lights strung across the roof carry the scene.
"""

from __future__ import annotations

import numpy as np

from .. import props
from ...model.plan import MaterialRequest, MeshPart, SetPlan
from ..props import industrial as ind
from ..props import street as st
from ..props.scatter import transform
from ..mesh import blob, boxes, lathe, merge, slab, tubes
from ...model.spec import SetSpec
from ..styles import style_of
from . import buildings as bld
from . import common
from .framing import Scout, Shot

# The words that name this place (EN/FR); the prompt parser reads this literal
# from the source (never importing this module), so it stays plain data.
WORDS = {
    "place": {
        "en": ("rooftop", "roof top", "roof terrace", "on the roof", "on a roof",
               "rooftops"),
        "fr": ("toit", "toits", "toit-terrasse", "sur le toit", "sur un toit",
               "sur les toits"),
    },
    "near": {
        "en": ("balcony", "terrace", "helipad", "skyline", "city skyline"),
        "fr": ("balcon", "terrasse", "héliport", "skyline", "ligne des toits"),
    },
    "exterior": True,
    "styled": True,        # reads SetSpec.style (styles.STYLES)
}


PARAPET_H = 1.1
PARAPET_T = 0.3
DROP = 36.0          # the street, below the roof


def plan(spec: SetSpec) -> SetPlan:

    f = common.SCALE_FACTORS.get(spec.scale, 1.0)
    RW, RD = round(24.0 * f ** 0.6, 1), round(18.0 * f ** 0.6, 1)
    lit = common.practicals_on(spec)
    parts = _roof(RW, RD) + _bulkhead(RW, RD)
    city = bld.skyline(common.rng_for(spec, "rooftop.city"),
                       common.rng_for(spec, "rooftop.windows"),
                       (-RW / 2 - 8, -RD / 2 - 8, RW / 2 + 8, RD / 2 + 8),
                       360.0, 95, -DROP, (-8.0, 75.0), 0.4 if lit else 0.0)
    parts += [MeshPart("City Blocks", city.blocks, "city"),
              MeshPart("City Windows", city.windows_dark, "city_glass")]
    if len(city.windows_lit.faces):
        parts.append(MeshPart("City Windows (lit)", city.windows_lit, "window_light"))
    parts.append(MeshPart("Street Level", boxes([(-900.0, -900.0, -DROP - 1.0)], [(900.0, 900.0, -DROP)]),
                          "street"))
    placed = _dressing(spec, common.rng_for(spec, "rooftop.props"), RW, RD, lit)
    parts += props.to_parts(placed)
    lights = _lights(placed, lit)
    scout = Scout(parts, mode=spec.camera)
    cameras = scout.cameras(_shots(RW, RD))
    return SetPlan(
        name=common.set_name(spec, "Rooftop"), archetype="rooftop", parts=parts,
        materials=common.all_materials(spec, parts, _materials(spec, lit), lit),
        lights=lights, cameras=cameras,
        sky=common.sky_request(spec, sun_azimuth_deg=common.sun_azimuth(spec, 300.0, 80.0)),
        atmosphere=common.atmosphere_in(spec, False, (-150.0, -150.0, -DROP), (150.0, 150.0, 40.0)))


def _roof(RW: float, RD: float) -> list[MeshPart]:
    """Deck, parapet walls with a coping, and the building's own walls below."""
    x0, x1, y0, y1 = -RW / 2, RW / 2, -RD / 2, RD / 2
    t = PARAPET_T
    deck = boxes([(x0 - t, y0 - t, -0.4)], [(x1 + t, y1 + t, 0.0)])
    parapet = boxes([(x0 - t, y0 - t, 0.0), (x0 - t, y1, 0.0), (x0 - t, y0, 0.0), (x1, y0, 0.0)],
                    [(x1 + t, y0, PARAPET_H), (x1 + t, y1 + t, PARAPET_H), (x0, y1, PARAPET_H),
                     (x1 + t, y1, PARAPET_H)])
    c = 0.05
    coping = boxes([(x0 - t - c, y0 - t - c, PARAPET_H), (x0 - t - c, y1 - c, PARAPET_H),
                    (x0 - t - c, y0 - t - c, PARAPET_H), (x1 - c, y0 - t - c, PARAPET_H)],
                   [(x1 + t + c, y0 + c, PARAPET_H + 0.06), (x1 + t + c, y1 + t + c, PARAPET_H + 0.06),
                    (x0 + c, y1 + t + c, PARAPET_H + 0.06), (x1 + t + c, y1 + t + c, PARAPET_H + 0.06)])
    below = boxes([(x0 - t, y0 - t, -DROP)], [(x1 + t, y1 + t, -0.4)])
    return [MeshPart("Roof Deck", deck, "ground"), MeshPart("Parapet", parapet, "walls"),
            MeshPart("Coping", coping, "coping"), MeshPart("Building Below", below, "walls")]


def _bulkhead(RW: float, RD: float) -> list[MeshPart]:
    """The stair bulkhead: a brick box with a door opening facing into the roof."""
    x0, y0 = -RW / 2 + 1.5, RD / 2 - 4.3
    w, d, h, t = 3.2, 3.6, 2.9, 0.25
    x, y, z = np.eye(3)
    front = slab((x0, y0, 0.0), x, z, y, (w, h, t), [(1.05, 0.0, 2.05, 2.2)])
    rest = boxes([(x0, y0 + t, 0.0), (x0 + w - t, y0 + t, 0.0), (x0, y0 + d - t, 0.0)],
                 [(x0 + t, y0 + d - t, h), (x0 + w, y0 + d - t, h), (x0 + w, y0 + d, h)])
    top = boxes([(x0 - 0.1, y0 - 0.1, h)], [(x0 + w + 0.1, y0 + d + 0.1, h + 0.2)])
    door = boxes([(x0 + 1.05, y0 + 0.12, 0.0)], [(x0 + 2.05, y0 + 0.17, 2.2)])
    return [MeshPart("Stair Bulkhead", merge([front, rest]), "walls"),
            MeshPart("Bulkhead Roof", top, "coping"), MeshPart("Bulkhead Door", door, "door")]


def _bulkhead_box(RW: float, RD: float) -> tuple[float, float, float, float]:
    x0, y0 = -RW / 2 + 1.5, RD / 2 - 4.3
    return x0 - 0.15, y0 - 0.15, x0 + 3.35, y0 + 3.75


def _dressing(spec: SetSpec, rng, RW: float, RD: float, lit: bool) -> list[props.Placement]:
    occ = props.Occupancy(cell=2.0)
    x0, x1, y0, y1 = -RW / 2, RW / 2, -RD / 2, RD / 2
    for bx0, by0, bx1, by1 in ((x0 - 1, y0 - 1, x0, y1 + 1), (x1, y0 - 1, x1 + 1, y1 + 1),
                               (x0, y0 - 1, x1, y0), (x0, y1, x1, y1 + 1), _bulkhead_box(RW, RD)):
        occ.block(bx0, by0, bx1, by1)
    bx0, by0, bx1, by1 = _bulkhead_box(RW, RD)
    occ.block(bx0 + 0.8, by0 - 2.0, bx0 + 2.8, by0)                         # door apron
    for x, y in _camera_spots(RW, RD):
        occ.block(x - 1.2, y - 1.2, x + 1.2, y + 1.2)
    words, q = spec.props, spec.quantity
    placed = _festoon(rng, RW, RD) if lit else []
    for y in _festoon_rows(RD):
        occ.block(x0, y - 0.15, x1, y + 0.15, 1.7, 3.2)            # strings overhead
        occ.block(x0, y - 0.3, x0 + 0.5, y + 0.3)
        occ.block(x1 - 0.5, y - 0.3, x1, y + 0.3)
    tank = props.place(occ, ind.water_tank(rng), x1 - 3.2, y1 - 3.2, 0.0, rng.uniform(0, 0.4))
    placed += [tank] if tank else []
    if "water_tank" in words:
        second_tank = ind.water_tank(rng)
        for sx, sy in ((x1 - 3.4, -0.5), (0.0, y1 - 3.2), (x1 - 3.4, y0 + 3.6)):
            second = props.place(occ, second_tank, sx, sy, 0.0, 0.3)
            if second:
                placed.append(second)
                break
    deck = props.Region(x0 + 0.4, y0 + 0.4, x1 - 0.4, y1 - 0.4)
    placed += props.scatter(rng, occ, ind.ac_unit(rng), int(3 * q + 0.5), deck, yaw=(-0.05, 0.05), gap=0.6)
    placed += props.scatter(rng, occ, ind.vent(rng), int(4 * q + 0.5), deck, gap=0.4)
    placed += props.scatter(rng, occ, ind.chimney(rng), int(2 * q + 0.5), deck, yaw=0.0, gap=0.5)
    edge = props.Region(x0 + 0.3, y0 + 0.3, x1 - 0.3, y1 - 0.3,
                        inside=lambda x, y: (np.minimum(x - x0, x1 - x) < 1.2) | (np.minimum(y - y0, y1 - y) < 1.2))
    placed += props.scatter(rng, occ, st.planter(rng), int(4 * q), edge, gap=0.2)
    placed += props.scatter(rng, occ, st.bench(rng), common.count(spec, "bench", 1, 3, 0.5), edge, gap=0.3)
    if "crate" in words or "pallet" in words:
        placed += props.scatter(rng, occ, ind.pallet_stack(rng, 4), 2, deck, gap=0.3)
    lamp = st.wall_lamp(rng)
    placed.append(props.Placement(lamp, transform((bx0 + bx1) / 2, by0 + 0.15, 2.5, 0.0), []))
    return placed


def _festoon_rows(RD: float) -> tuple[float, float]:
    return (-RD * 0.18, RD * 0.12)


def _festoon(rng, RW: float, RD: float) -> list[props.Placement]:
    """Two strings of bulbs hung between poles across the roof (sagging catenaries)."""
    bulb = props.PropModel("bulb", "Festoon Bulb", [props.Piece("", blob(rng, 0.05, (1, 1, 1.3), 0.0, 1), "lamp", True)],
                           sockets=[props.LightSocket((0, 0, 0), "POINT", power_w=6.0, size_m=0.04)])
    wire_a, wire_b, out = [], [], []
    x0, x1 = -RW / 2 + 0.5, RW / 2 - 0.5
    for y in _festoon_rows(RD):
        xs = np.linspace(x0, x1, 23)
        sag = 2.95 - 0.9 * (1 - ((xs - (x0 + x1) / 2) / ((x1 - x0) / 2)) ** 2)
        pts = np.column_stack([xs, np.full_like(xs, y), sag])
        wire_a += list(pts[:-1])
        wire_b += list(pts[1:])
        out += [props.Placement(bulb, transform(px, py, pz - 0.08), []) for px, py, pz in pts[1:-1:2]]
    wire = props.PropModel("festoon_wire", "Festoon Wire",
                           [props.Piece("", tubes(wire_a, wire_b, 0.004, None, 4), "dark_metal")])
    pole = props.PropModel("festoon_pole", "Festoon Pole",
                           [props.Piece("", lathe([(0.04, 0.0), (0.03, 3.05)], 8), "dark_metal", True)])
    out.append(props.Placement(wire, transform(0.0, 0.0, 0.0), []))
    for y in _festoon_rows(RD):
        out += [props.Placement(pole, transform(x, y, 0.0), []) for x in (x0 - 0.1, x1 + 0.1)]
    return out


def _lights(placed, lit: bool):
    """Festoons are strung only for an evening; the door lamps are switched by the hour."""
    bulbs = [p for p in placed if p.model.kind == "bulb"]
    lamps = [p for p in placed if p.model.kind == "wall_lamp"]
    return (props.to_lights(bulbs[::2], common.WARM_TUNGSTEN, "Festoon", power_scale=8.0)
            + common.switched(props.to_lights(lamps, common.WARM_TUNGSTEN, "Door Lamp",
                                              power_scale=1.5), lit))


def _camera_spots(RW: float, RD: float) -> list[tuple[float, float]]:
    return [(-RW / 2 + 2.0, -RD / 2 + 1.8), (RW / 2 - 2.2, -RD / 2 + 2.0), (RW / 2 - 7.5, RD / 2 - 2.0)]


def _shots(RW: float, RD: float) -> list[Shot]:
    (ax, ay), (bx, by), (cx, cy) = _camera_spots(RW, RD)
    return [
        Shot("wide", 24.0, (ax, ay), (RW / 2 - 3.2, RD / 2 - 3.2, 3.5), third=-0.6),
        Shot("medium", 35.0, (bx, by), (-RW / 2 + 3.1, RD / 2 - 4.3, 1.6), third=0.4),
        Shot("reverse", 35.0, (cx, cy), (-RW / 2 - 60.0, -RD / 2 - 80.0, 8.0), third=0.3),
    ]


def _materials(spec: SetSpec, lit: bool) -> dict[str, MaterialRequest]:
    return {
        "ground": common.material(spec, "ground", "ground", "asphalt", fallback_roles=("floor",)),
        "walls": common.styled(spec, "walls", "walls", "brick", style_key="facade_a"),
        "coping": common.plain("coping", "concrete", spec.seed),
        "door": common.plain("door", "paint", spec.seed, "grey"),
        "city": common.plain("city", "paint", spec.seed, _city_colour(spec), ("matte",)),
        "city_glass": common.plain("city_glass", "paint", spec.seed, "navy", ("polished",)),
        "window_light": common.plain("window_light", "lit_window", spec.seed),
        "street": common.plain("street", "paint", spec.seed, "black", ("matte",)),
    }


def _city_colour(spec: SetSpec) -> str:
    """The skyline takes the style's facade colour (cream Paris, red-brown Brooklyn);
    otherwise slate, the glass and stone of towers (a mid grey came out brighter than
    the blue-hour sky behind it, as if lit by day)."""
    style = style_of(spec.style)
    facade = style.surfaces.get("facade_a") if style else None
    return facade[1] if facade and facade[1] else "slate"
