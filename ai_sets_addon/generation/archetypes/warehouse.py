"""Industrial warehouse / factory hall: a long nave of steel bays.

Brick (or concrete, corrugated metal) walls 0.3 m thick with tall steel-framed windows
in every bay, a roller-door opening at the south end, a roof on steel beams with
strip skylights, two rows of columns down the nave (the leading lines), racking along
the east wall, crates, pallets and drums on the floor, high-bay pendants that carry
the night. The sun comes in low through the west windows in the afternoon (east in
the morning); dust or haze turns it into shafts.
"""

from __future__ import annotations

import numpy as np

from .. import props
from ..mesh import boxes, merge
from ...model.plan import MaterialRequest, MeshPart, SetPlan
from ..props import industrial as ind
from ..props.scatter import transform
from ...model.spec import SetSpec
from . import common, shell
from .framing import Scout, Shot

# The words that name this place (EN/FR); the prompt parser reads this literal
# from the source (never importing this module), so it stays plain data.
WORDS = {
    "place": {
        "en": ("warehouse", "factory", "factory hall", "hangar", "depot", "industrial hall",
               "storehouse", "mill"),
        "fr": ("entrepôt", "usine", "hangar", "dépôt", "hall industriel", "halle",
               "halle industrielle", "friche industrielle"),
    },
    "near": {
        "en": ("garage", "parking garage", "workshop", "foundry", "power plant", "barn"),
        "fr": ("garage", "parking", "atelier", "fonderie", "centrale", "grange"),
    },
    "exterior": False,
    "styled": True,        # reads SetSpec.style (styles.STYLES)
}


T = 0.3           # wall thickness
BAY = 6.0         # structural bay along the nave


def plan(spec: SetSpec) -> SetPlan:
    rng = common.rng_for(spec, "warehouse.layout")
    f = common.SCALE_FACTORS.get(spec.scale, 1.0)
    W = round(22.0 * f ** 0.7 * rng.uniform(0.95, 1.05), 1)
    bays = max(4, int(round(6 * f)))
    L, H = bays * BAY, round(7.5 * f ** 0.4, 1)
    lit = common.practicals_on(spec)
    parts = _structure(W, L, H, bays)
    occ = props.Occupancy(cell=2.0)
    _reserve(occ, W, L)
    placed = _dressing(spec, occ, W, L, H, bays)
    parts += props.to_parts(placed)
    lamps = [p for p in placed if p.model.kind == "highbay"]
    lights = common.switched(props.to_lights(lamps, common.NEUTRAL_LED, "High-Bay"), lit)
    scout = Scout(parts, ceiling=H, mode=spec.camera)
    cameras = scout.cameras(_shots(W, L, H))
    return SetPlan(
        name=common.set_name(spec, "Warehouse"), archetype="warehouse", parts=parts,
        materials=common.all_materials(spec, parts, _materials(spec), lit), lights=lights,
        cameras=cameras, sky=common.sky_request(spec, sun_azimuth_deg=common.sun_azimuth(spec, 245.0, 110.0)),
        atmosphere=common.atmosphere_in(spec, True, (-W / 2, -L / 2, 0), (W / 2, L / 2, H)),
        interior=True)


def _structure(W: float, L: float, H: float, bays: int) -> list[MeshPart]:
    win = []
    for k in range(bays):
        yc = -L / 2 + (k + 0.5) * BAY
        for wall in ("west", "east"):
            win.append((wall, (yc - 1.6, 2.2, yc + 1.6, min(H - 1.0, 6.4))))
    door = ("south", (-2.75, 0.0, 2.75, min(5.0, H - 1.5)))
    small_door = ("north", (W / 2 - 3.0, 0.0, W / 2 - 1.9, 2.2))
    openings: dict[str, list] = {}
    for wall, rect in win + [door, small_door]:
        openings.setdefault(wall, []).append(rect)
    skylights = [(-W / 2 + 2.0, -L / 2 + k * BAY + 1.0, -W / 2 + 4.2, -L / 2 + (k + 1) * BAY - 1.0)
                 for k in range(bays)]
    skylights += [(W / 2 - 4.2, y0, W / 2 - 2.0, y1) for _, y0, _, y1 in skylights]
    frames, glass = shell.window_set(win, W, L, T, mullions=0.8, transoms=1.05)
    _, sky_glass = _skylight_glass(skylights, H)
    lintel = boxes([(-3.0, -L / 2 - T - 0.05, min(5.0, H - 1.5))],
                                [(3.0, -L / 2 + 0.05, min(5.0, H - 1.5) + 0.3)])
    return [
        MeshPart("Walls", shell.walls(W, L, H, T, openings), "walls"),
        MeshPart("Floor Slab", shell.floor(W, L, T), "floor"),
        MeshPart("Roof", shell.roof(W, L, H, T, 0.3, skylights), "roof"),
        MeshPart("Window Frames", merge([frames, lintel]), "dark_metal"),
        MeshPart("Window Glass", merge([glass, sky_glass]), "glass"),
        MeshPart("Apron", _apron(W, L), "ground"),
        *_steel(W, L, H, bays),
    ]


def _skylight_glass(skylights, H: float):
    lo = [(x0, y0, H + 0.12) for x0, y0, x1, y1 in skylights]
    hi = [(x1, y1, H + 0.13) for x0, y0, x1, y1 in skylights]
    return None, boxes(lo, hi)


def _apron(W: float, L: float):
    """The yard outside (seen through the door and windows)."""
    return boxes([(-60.0, -60.0 - L / 2, -0.35)], [(60.0, 60.0 + L / 2, -0.05)])


def _steel(W: float, L: float, H: float, bays: int) -> list[MeshPart]:
    """Two rows of columns and a roof beam over each bay line (instanced)."""
    col = ind.pillar(H, 0.36, round_=True)
    beam = ind.ibeam(W, depth=0.6, flange=0.25)
    cols, beams = [], []
    for k in range(1, bays):
        y = -L / 2 + k * BAY
        cols += [transform(x, y, 0.0) for x in (-W / 6, W / 6)]
        beams.append(transform(0.0, y, H))
    return [MeshPart("Column", col.pieces[0].mesh, "dark_metal", instances=cols, smooth=True),
            MeshPart("Roof Beam", beam.pieces[0].mesh, "dark_metal", instances=beams)]


def _reserve(occ: props.Occupancy, W: float, L: float) -> None:
    """Walls, columns, the forklift aisle (the shot's leading line), camera spots."""
    occ.block(-W / 2 - T, -L / 2 - T, W / 2 + T, -L / 2)
    occ.block(-W / 2 - T, L / 2, W / 2 + T, L / 2 + T)
    occ.block(-W / 2 - T, -L / 2, -W / 2, L / 2)
    occ.block(W / 2, -L / 2, W / 2 + T, L / 2)
    for k in range(1, int(L / BAY)):
        y = -L / 2 + k * BAY
        for x in (-W / 6, W / 6):
            occ.block(x - 0.45, y - 0.45, x + 0.45, y + 0.45)
    occ.block(-2.2, -L / 2, 2.2, L / 2)                    # central aisle
    occ.block(-3.2, -L / 2, 3.2, -L / 2 + 3.0)             # door apron
    for x, y in _camera_spots(W, L):
        occ.block(x - 1.2, y - 1.2, x + 1.2, y + 1.2)


def _camera_spots(W: float, L: float) -> list[tuple[float, float]]:
    return [(W / 2 - 2.5, L / 2 - 2.5), (-W / 2 + 2.6, -0.5 * BAY), (-1.0, -L / 2 + 4.0)]


def _dressing(spec: SetSpec, occ: props.Occupancy, W: float, L: float, H: float,
              bays: int) -> list[props.Placement]:
    rng = common.rng_for(spec, "warehouse.props")
    q = spec.quantity
    placed = _racking(rng, occ, W, L, bays, q)
    floor = props.Region(-W / 2 + 0.6, -L / 2 + 0.6, W / 2 - 0.6, L / 2 - 0.6)
    stacks = [ind.crate_stack(rng, 2), ind.crate_stack(rng, 3), ind.crate(rng, 1.0)]
    n_crates = common.count(spec, "crate", 10, 26)
    for k, model in enumerate(stacks):
        placed += props.scatter(rng, occ, model, n_crates // 3 + (k < n_crates % 3), floor, gap=0.15,
                                yaw=(-0.2, 0.2))
    placed += props.scatter(rng, occ, ind.pallet_stack(rng, 5), int(5 * q), floor, gap=0.2,
                            yaw=(-0.1, 0.1))
    placed += props.scatter(rng, occ, ind.pallet(rng), common.count(spec, "pallet", 6, 16),
                            floor, gap=0.2, yaw=None)
    n_barrels = common.count(spec, "barrel", 8, 24)
    placed += _barrel_clusters(rng, occ, floor, n_barrels)
    placed += props.scatter(rng, occ, ind.cable_drum(rng), int(2 * q), floor, gap=0.2)
    placed += _highbays(rng, W, L, H, bays)
    return placed


def _racking(rng, occ, W: float, L: float, bays: int, q: float) -> list[props.Placement]:
    """A run of pallet racking along the east wall, bay by bay (leaving the door)."""
    rack = ind.shelf(rng, length=2.7, depth=1.1, levels=3, height=min(4.2, 3.0 + 0.2 * bays))
    x = W / 2 - 0.75
    out = []
    runs = max(2, int(bays * 1.6 * min(q, 1.2)))
    for k in range(runs):
        y = L / 2 - 2.0 - k * 2.85
        if y < -L / 2 + 3.5:
            break
        p = props.place(occ, rack, x, y, 0.0, yaw=np.pi / 2, gap=0.02)
        if p:
            out.append(p)
    return out


def _barrel_clusters(rng, occ, region, count: int) -> list[props.Placement]:
    """Drums stand in tight groups of three to six, as they are delivered."""
    drum = ind.barrel(rng)
    out: list[props.Placement] = []
    for _ in range(count * 4):
        if len(out) >= count:
            break
        (cx, cy), = region.sample(rng, 1)
        first = props.place(occ, drum, cx, cy, 0.0, rng.uniform(0, 6.28), gap=0.02)
        if first is None:
            continue
        out.append(first)
        for k in range(min(count - len(out), int(rng.integers(2, 6)))):
            a = k * 1.25 + rng.uniform(-0.15, 0.15)
            p = props.place(occ, drum, cx + np.cos(a) * 0.62, cy + np.sin(a) * 0.62, 0.0,
                            rng.uniform(0, 6.28), gap=0.02)
            if p:
                out.append(p)
    return out


def _highbays(rng, W: float, L: float, H: float, bays: int) -> list[props.Placement]:
    lamp = ind.highbay_lamp(rng, drop=min(2.0, H * 0.25))
    out = []
    for k in range(bays):
        y = -L / 2 + (k + 0.5) * BAY
        for x in (-W / 3, 0.0, W / 3):
            out.append(props.Placement(lamp, transform(x, y, H), []))
    return out


def _shots(W: float, L: float, H: float) -> list[Shot]:
    (ax, ay), (bx, by), (cx, cy) = _camera_spots(W, L)
    return [
        Shot("wide", 24.0, (ax, ay), (0.0, -L / 2, 2.0), third=-0.6),
        Shot("medium", 35.0, (bx, by), (W / 2 - 1.0, 0.0, 1.6), third=0.5),
        Shot("reverse", 35.0, (cx, cy), (0.0, L / 2, 2.5), third=0.5),
        Shot("close", 85.0, (bx, by - 0.8), (W / 6, -L / 2 + 2 * BAY, 1.0), third=0.0),
    ]


def _materials(spec: SetSpec) -> dict[str, MaterialRequest]:
    walls = common.styled(spec, "walls", "walls", "brick")
    return {
        "walls": walls,
        "floor": common.styled(spec, "floor", "floor", "concrete", fallback_roles=("ground",)),
        "roof": common.material(spec, "roof", "ceiling", "corrugated_metal"),
        "ground": common.plain("ground", "asphalt", spec.seed),
        "glass": common.plain("glass", "glass", spec.seed),
    }
