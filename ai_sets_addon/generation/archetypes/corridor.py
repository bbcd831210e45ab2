"""Corridor, tunnel, underground passage: a long space read in one-point perspective.

Two shapes from the words: a rectangular corridor (doors recessed in both walls,
strip lights on the ceiling, pipes along the top of one wall, an exit door at the
end; a sci-fi one is an octagonal tube of wall panels between ribs, with a grated
floor walkway and LED light lines) or a vaulted tunnel (brick or concrete barrel vault, caged wall lamps, a wet
floor, its far mouth open to the outside so the time of day shows at the end). Both
are lit by their practicals at any hour: no sun reaches in here.
"""

from __future__ import annotations

import numpy as np
import trimesh

from .. import props
from ..mesh import boxes, merge, tube
from ...model.plan import MaterialRequest, MeshPart, SetPlan
from ..props import furniture as fu
from ..props import industrial as ind
from ..props import street as st
from ..props.scatter import transform
from ...model.spec import SetSpec
from . import common, shell
from .framing import Scout, Shot

# The words that name this place (EN/FR); the prompt parser reads this literal
# from the source (never importing this module), so it stays plain data.
WORDS = {
    "place": {
        "en": ("corridor", "tunnel", "hallway", "passage", "underground passage",
               "underpass", "subway tunnel", "metro tunnel"),
        "fr": ("couloir", "tunnel", "corridor", "passage", "passage souterrain",
               "tunnel de métro", "galerie souterraine"),
    },
    "near": {
        "en": ("cave", "cavern", "sewer", "sewers", "mine", "bunker"),
        "fr": ("cave", "grotte", "caverne", "égout", "égouts", "mine", "bunker"),
    },
    "exterior": False,
    "styled": True,        # reads SetSpec.style (styles.STYLES)
    "features": {
        "tunnel": {
            "en": ("tunnel", "underground passage", "underpass", "sewer", "cave", "cavern",
                   "catacombs", "mine", "bunker", "metro tunnel", "subway tunnel",
                   "vaulted", "gallery"),
            "fr": ("tunnel", "passage souterrain", "égout", "grotte", "caverne",
                   "galerie souterraine", "galerie", "catacombes", "mine", "bunker",
                   "tunnel de métro", "voûte", "voûté", "voûtée"),
        },
    },
}


T = 0.3


def plan(spec: SetSpec) -> SetPlan:
    rng = common.rng_for(spec, "corridor.layout")
    f = common.SCALE_FACTORS.get(spec.scale, 1.0)
    tunnel = "tunnel" in spec.features
    length = round(34.0 * f ** 0.5 * rng.uniform(0.9, 1.1), 1)
    if tunnel:
        width, wall_h = round(4.2 * f ** 0.5, 2), round(1.9 * f ** 0.4, 2)
        parts, placed, height = _tunnel(spec, rng, width, wall_h, length)
    else:
        width, height = round(2.6 * f ** 0.6, 2), round(2.8 * f ** 0.3, 2)
        parts, placed = _corridor(spec, rng, width, height, length)
    parts += props.to_parts(placed)
    lamp_colour = common.WARM_TUNGSTEN if tunnel else common.COOL_FLUORESCENT
    lights = props.to_lights([p for p in placed if p.model.sockets], lamp_colour)
    scout = Scout(parts, ceiling=height, mode=spec.camera)
    cameras = scout.cameras(_shots(width, length, height, tunnel))
    label = "Tunnel" if tunnel else "Corridor"
    return SetPlan(
        name=common.set_name(spec, label), archetype="corridor", parts=parts,
        materials=common.all_materials(spec, parts, _materials(spec, tunnel), True),
        lights=lights, cameras=cameras,
        sky=common.sky_request(spec, sun_azimuth_deg=20.0),
        atmosphere=common.atmosphere_in(spec, True, (-width / 2, -length / 2, 0),
                                        (width / 2, length / 2, height)),
        interior=True)


# --------------------------------------------------------------------------- corridor

def _corridor(spec: SetSpec, rng, W: float, H: float, L: float):
    doors_w, doors_e = [], []
    y = -L / 2 + rng.uniform(4.0, 6.0)
    side = 0
    while y < L / 2 - 4.0:
        (doors_w if side % 2 == 0 else doors_e).append((y - 0.5, 0.0, y + 0.5, 2.1))
        y += rng.uniform(4.5, 7.0)
        side += 1
    end_door = (-0.9, 0.0, 0.9, 2.2)
    walls = shell.walls(W, L, H, T, {"west": doors_w, "east": doors_e, "north": [end_door]})
    leaves, frames = _door_leaves(W, L, doors_w, doors_e, end_door)
    sci_fi = spec.style == "scifi"
    floor = [MeshPart("Floor", shell.floor(W, L, T), "floor")] if not sci_fi else \
        _grated_floor(W, L)
    parts = [MeshPart("Walls", walls, "walls")] + floor + [
             MeshPart("Ceiling", shell.roof(W, L, H, T, 0.25), "ceiling"),
             MeshPart("Doors", leaves, "door"), MeshPart("Door Frames", frames, "dark_metal"),
             MeshPart("Skirting", _skirting(W, L, doors_w, doors_e), "dark_metal"),
             MeshPart("Exit Sign", boxes([(-0.25, L / 2 - 0.06, 2.32)], [(0.25, L / 2, 2.5)]),
                      "exit_sign")]
    if ("pipe" in spec.props or rng.random() < 0.8) and not sci_fi:
        parts.append(MeshPart("Pipes", _pipes(W, L, H), "metal", smooth=True))
    if sci_fi:
        parts += _scifi_shell(W, H, L, doors_w + doors_e)
        strip = fu.led_strip(rng, RIB_PITCH - RIB_W - 0.3)
        placed = [props.Placement(strip, transform(0.0, y + RIB_PITCH / 2, H, np.pi / 2), [])
                  for y in _rib_ys(L)[:-1]]
    else:
        placed = [props.Placement(ind.fluorescent_fixture(rng, 1.5), transform(0.0, y, H), [])
                  for y in np.arange(-L / 2 + 2.0, L / 2 - 1.0, 3.5)]
    occ = props.Occupancy(cell=1.0)
    _reserve(occ, W, L)
    region = props.Region(-W / 2 + 0.1, -L / 2 + 3.0, W / 2 - 0.1, L / 2 - 2.0,
                          inside=lambda x, y: np.abs(x) > W / 2 - 0.9)
    q = spec.quantity
    placed += props.scatter(rng, occ, ind.barrel(rng), common.count(spec, "barrel", 2, 6),
                            region, gap=0.1)
    placed += props.scatter(rng, occ, ind.crate(rng, 0.6), common.count(spec, "crate", 3, 8),
                            region, gap=0.1, yaw=(-0.3, 0.3))
    cones = 0 if sci_fi else int(1 * q + 0.5)          # no roadworks on a starship
    placed += props.scatter(rng, occ, ind.traffic_cone(rng), cones, region, gap=0.1)
    return parts, placed


def _door_leaves(W, L, west, east, end):
    """Door leaves set 0.1 m into the opening, with steel frames on the corridor side."""
    lo, hi, flo, fhi = [], [], [], []
    for y0, _, y1, top in west:
        lo.append((-W / 2 - 0.16, y0, 0.0))
        hi.append((-W / 2 - 0.1, y1, top))
        flo += [(-W / 2 - 0.02, y0 - 0.06, 0.0), (-W / 2 - 0.02, y1, 0.0), (-W / 2 - 0.02, y0 - 0.06, top)]
        fhi += [(-W / 2 + 0.02, y0, top), (-W / 2 + 0.02, y1 + 0.06, top), (-W / 2 + 0.02, y1 + 0.06, top + 0.06)]
    for y0, _, y1, top in east:
        lo.append((W / 2 + 0.1, y0, 0.0))
        hi.append((W / 2 + 0.16, y1, top))
        flo += [(W / 2 - 0.02, y0 - 0.06, 0.0), (W / 2 - 0.02, y1, 0.0), (W / 2 - 0.02, y0 - 0.06, top)]
        fhi += [(W / 2 + 0.02, y0, top), (W / 2 + 0.02, y1 + 0.06, top), (W / 2 + 0.02, y1 + 0.06, top + 0.06)]
    x0, _, x1, top = end
    lo += [(x0, L / 2 + 0.1, 0.0), (0.005, L / 2 + 0.1, 0.0)]
    hi += [(-0.005, L / 2 + 0.16, top), (x1, L / 2 + 0.16, top)]
    return boxes(lo, hi), boxes(flo, fhi)


def _skirting(W, L, west, east) -> trimesh.Trimesh:
    lo, hi = [], []
    for x0, x1, gaps in ((-W / 2, -W / 2 + 0.015, west), (W / 2 - 0.015, W / 2, east)):
        y = -L / 2
        for g0, _, g1, _ in sorted(gaps) + [(L / 2, 0, L / 2, 0)]:
            if g0 - 0.06 > y:
                lo.append((x0, y, 0.0))
                hi.append((x1, g0 - 0.06, 0.12))
            y = g1 + 0.06
    return boxes(lo, hi)


def _pipes(W: float, L: float, H: float) -> trimesh.Trimesh:
    """Three service pipes and their brackets along the top of the east wall."""
    runs = [tube((W / 2 - r - 0.08 - 0.3 * k, -L / 2, H - 0.25 - 0.07 * k),
                 (W / 2 - r - 0.08 - 0.3 * k, L / 2, H - 0.25 - 0.07 * k), r, 12, caps=False)
            for k, r in enumerate((0.08, 0.05, 0.035))]
    brackets = boxes([(W / 2 - 1.0, y, H - 0.47) for y in np.arange(-L / 2 + 1, L / 2, 2.5)],
                     [(W / 2, y + 0.05, H - 0.43) for y in np.arange(-L / 2 + 1, L / 2, 2.5)])
    return merge(runs + [brackets])


# --------------------------------------------------------------------------- sci-fi

RIB_PITCH, RIB_W, RIB_D = 2.4, 0.3, 0.14      # rib spacing, width along Y, depth
CHAMFER = 0.45                                 # the upper corners cut at 45 degrees
GRATE_HALF = 0.6                               # half the grated walkway's width


def _rib_ys(L: float) -> np.ndarray:
    return np.arange(-L / 2 + 1.0, L / 2 - 0.5, RIB_PITCH)


def _clear_of(doors, y0: float, y1: float) -> bool:
    return all(y1 < d0 - 0.1 or y0 > d1 + 0.1 for d0, _, d1, _ in doors)


def _octagon(half: float, top: float, cut: float) -> np.ndarray:
    """The corridor's cross-section (x, z) from the west foot over the top to the east."""
    return np.array([(-half, 0.0), (-half, top - cut), (-half + cut, top), (half - cut, top),
                     (half, top - cut), (half, 0.0)])


def _scifi_shell(W: float, H: float, L: float, doors) -> list[MeshPart]:
    """Ribs (octagonal frames standing RIB_D off the walls, skipped at the doors),
    45-degree panels cutting the upper corners, wall panels between the ribs (a seam at
    1.1 m), and cyan accent lines along the foot of the walls."""
    inner = _octagon(W / 2 - RIB_D, H - 0.06, CHAMFER + 0.1)
    outer = _octagon(W / 2 + 0.01, H + 0.01, CHAMFER)
    ribs = []
    for y in _rib_ys(L):
        y0, y1 = y - RIB_W / 2, y + RIB_W / 2
        if _clear_of(doors, y0, y1):
            ribs += [shell.extrude(inner, y0, y1, True), shell.ring(inner, outer, y0, -1.0),
                     shell.ring(inner, outer, y1, 1.0)]
    cut = CHAMFER - 0.01
    corners = [shell.extrude(np.array([(s * (W / 2 - 0.005), H - cut), (s * (W / 2 - cut), H - 0.005)]),
                             -L / 2, L / 2, True) for s in (-1, 1)]
    panels, accents = [], []
    for y in _rib_ys(L)[:-1]:
        y0, y1 = y + RIB_W / 2 + 0.03, y + RIB_PITCH - RIB_W / 2 - 0.03
        if not _clear_of(doors, y0, y1):
            continue
        for s in (-1, 1):
            x0, x1 = sorted((s * W / 2, s * (W / 2 - 0.03)))
            panels += [boxes([(x0, y0, 0.15)], [(x1, y1, 1.08)]),
                       boxes([(x0, y0, 1.12)], [(x1, y1, H - CHAMFER - 0.02)])]
            a0, a1 = sorted((s * (W / 2 - 0.03), s * (W / 2 - 0.05)))
            accents.append(boxes([(a0, y0, 0.06)], [(a1, y1, 0.1)]))
    return [MeshPart("Wall Ribs", merge(ribs), "dark_metal"),
            MeshPart("Corner Panels", merge(corners), "panel"),
            MeshPart("Wall Panels", merge(panels), "panel"),
            MeshPart("Accent Lines", merge(accents), "neon_cyan")]


def _grated_floor(W: float, L: float) -> list[MeshPart]:
    """Deck plates either side of a 1.2 m walkway of steel grating over a dark service
    trench: bars every 6 cm across the walkway on three stringers, one 1 m panel
    instanced down the corridor."""
    g = GRATE_HALF
    deck = boxes([(-W / 2 - T, -L / 2 - T, -0.3), (g, -L / 2 - T, -0.3),
                  (-g, -L / 2 - T, -0.36)],
                 [(-g, L / 2 + T, 0.0), (W / 2 + T, L / 2 + T, 0.0), (g, L / 2 + T, -0.3)])
    bars = boxes([(-g + 0.01, y - 0.0125, -0.035) for y in np.arange(-0.47, 0.5, 0.06)],
                 [(g - 0.01, y + 0.0125, -0.005) for y in np.arange(-0.47, 0.5, 0.06)])
    stringers = boxes([(x - 0.015, -0.5, -0.09) for x in (-g + 0.03, 0.0, g - 0.03)],
                      [(x + 0.015, 0.495, -0.036) for x in (-g + 0.03, 0.0, g - 0.03)])
    panels = [transform(0.0, y, 0.0) for y in np.arange(-L / 2 + 0.5, L / 2, 1.0)]
    return [MeshPart("Floor", deck, "floor"),
            MeshPart("Floor Grating", merge([bars, stringers]), "metal", instances=panels)]


def _reserve(occ: props.Occupancy, W: float, L: float) -> None:
    occ.block(-W / 2 + 0.9, -L / 2, W / 2 - 0.9, L / 2)         # the walking line
    occ.block(-W / 2 - T, -L / 2, -W / 2, L / 2)
    occ.block(W / 2, -L / 2, W / 2 + T, L / 2)


# --------------------------------------------------------------------------- tunnel

def _tunnel(spec: SetSpec, rng, W: float, wall_h: float, L: float):
    inner = shell.vault_profile(W, wall_h)
    outer = shell.vault_profile(W + 2 * T, wall_h)
    H = wall_h + W / 2
    vault = merge([shell.extrude(inner, -L / 2, L / 2, True), shell.extrude(outer, -L / 2, L / 2, False),
                   shell.ring(inner, outer, L / 2, +1.0)])
    end_wall = boxes([(-W / 2 - T, -L / 2 - T, 0.0)], [(W / 2 + T, -L / 2, H + T)])
    portal = _portal(W, H, L)
    parts = [MeshPart("Vault", vault, "walls"), MeshPart("End Wall", end_wall, "walls"),
             MeshPart("Portal", portal, "portal"),
             MeshPart("Floor", _tunnel_floor(W, L), "floor"),
             MeshPart("Outside Ground", boxes([(-80.0, L / 2, -0.3)], [(80.0, L / 2 + 200.0, -0.02)]),
                      "ground"),
             MeshPart("Cable Run", _cables(W, wall_h, L), "dark_metal", smooth=True)]
    lamp = st.wall_lamp(rng)
    placed = []
    for k, y in enumerate(np.arange(-L / 2 + 3.0, L / 2 - 2.0, 5.0)):
        side = 1 if k % 2 else -1
        yaw = np.pi / 2 if side < 0 else -np.pi / 2
        placed.append(props.Placement(lamp, transform(side * (W / 2 - 0.02), y, wall_h - 0.1, yaw), []))
    occ = props.Occupancy(cell=1.0)
    occ.block(-W / 2 + 1.0, -L / 2, W / 2 - 1.0, L / 2)
    occ.block(-W / 2 - T, -L / 2, -W / 2 + 0.05, L / 2)
    occ.block(W / 2 - 0.05, -L / 2, W / 2 + T, L / 2)
    region = props.Region(-W / 2 + 0.2, -L / 2 + 3.0, W / 2 - 0.2, L / 2 - 3.0)
    q = spec.quantity
    placed += props.scatter(rng, occ, ind.barrel(rng), common.count(spec, "barrel", 2, 6),
                            region, gap=0.1)
    placed += props.scatter(rng, occ, ind.crate(rng, 0.7), common.count(spec, "crate", 2, 7),
                            region, gap=0.1)
    placed += props.scatter(rng, occ, ind.trash_bag(rng), int(3 * q), region, gap=0.05)
    return parts, placed, H


def _portal(W: float, H: float, L: float) -> trimesh.Trimesh:
    """A retaining wall around the open mouth, so the outside reads as a hillside."""
    pad = 12.0
    y = L / 2
    return boxes([(-W / 2 - pad, y, 0.0), (W / 2 + T, y, 0.0), (-W / 2 - T, y, H + T)],
                 [(-W / 2 - T, y + 0.6, H + 4.0), (W / 2 + pad, y + 0.6, H + 4.0),
                  (W / 2 + T, y + 0.6, H + 4.0)])


def _tunnel_floor(W: float, L: float) -> trimesh.Trimesh:
    """Floor slab with a shallow drain channel down the middle (puddles collect)."""
    return boxes([(-W / 2 - T, -L / 2 - T, -0.3), (0.15, -L / 2 - T, -0.3),
                  (-0.15, -L / 2 - T, -0.3)],
                 [(-0.15, L / 2 + 0.6, 0.0), (W / 2 + T, L / 2 + 0.6, 0.0),
                  (0.15, L / 2 + 0.6, -0.06)])


def _cables(W: float, wall_h: float, L: float) -> trimesh.Trimesh:
    return merge([tube((-W / 2 + 0.06, -L / 2, wall_h + 0.3 + 0.07 * k),
                       (-W / 2 + 0.06 + 0.03 * k, L / 2, wall_h + 0.3 + 0.07 * k), 0.025, 8, caps=False)
                  for k in range(3)])


# --------------------------------------------------------------------------- shared

def _shots(W: float, L: float, H: float, tunnel: bool) -> list[Shot]:
    far = (0.0, L / 2, 1.4 if tunnel else 1.3)
    return [
        Shot("wide", 24.0, (-W * 0.15, -L / 2 + 1.8), far, third=0.25),
        Shot("medium", 35.0, (W * 0.2, -L / 6), (-W / 2, 0.0, 1.2), third=-0.6),
        Shot("reverse", 35.0, (W * 0.12, L / 2 - 2.5), (0.0, -L / 2, 1.5), third=0.3),
    ]


def _materials(spec: SetSpec, tunnel: bool) -> dict[str, MaterialRequest]:
    walls = common.styled(spec, "walls", "walls", "brick" if tunnel else "painted_wall",
                          None if tunnel else "cream")
    if walls.colour is None and walls.family == "painted_wall":
        walls.colour = "cream"
    sci_fi = spec.style == "scifi"
    mats = {
        "walls": walls,
        "floor": common.styled(spec, "floor", "floor", "concrete", fallback_roles=("ground",)),
        "ceiling": common.styled(spec, "ceiling", "ceiling", "concrete"),
        "door": common.plain("door", "paint", spec.seed, "grey"),
        "exit_sign": common.plain("exit_sign", "neon", spec.seed, "cyan" if sci_fi else "green"),
    }
    if sci_fi:
        mats["panel"] = common.plain("panel", "paint", spec.seed, "white", ("matte",))
    if tunnel:
        mats["portal"] = common.plain("portal", "concrete", spec.seed, modifiers=("old",))
        mats["ground"] = common.plain("ground", "gravel", spec.seed)
        if "wet" not in mats["floor"].modifiers:
            mats["floor"].modifiers.append("puddles")
    return mats
