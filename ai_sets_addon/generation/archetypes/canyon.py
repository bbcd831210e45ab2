"""Canyon / mountain valley: a winding valley floor between stepped rock walls.

The walls rise in strata (hard ledges over soft slopes, the benches of a desert
canyon), are cut by ridged noise and then carved by water droplets and scree slides
near the set, so gullies run down them and fans spread at their feet. The floor is
gravel or sand; the walls are rock; boulders fallen from the walls and dry scrub
dress the floor. Cameras stand on the floor and look along the bends.
"""

from __future__ import annotations

import numpy as np

from .. import props
from ...model.plan import MaterialRequest, MeshPart, SetPlan
from ..props import nature as nat
from ..props import trees
from ..mesh import box_uv_split
from ...model.spec import SetSpec
from ..terrain import (Noise, Terrain, eroded, face_slope_deg, graded_axis, majority_filtered,
                       smoothstep, split_faces, terrain_mesh)
from . import common
from .framing import Scout, Shot

# The words that name this place (EN/FR); the prompt parser reads this literal
# from the source (never importing this module), so it stays plain data.
WORDS = {
    "place": {
        "en": ("canyon", "valley", "mountain", "mountains", "gorge", "ravine",
               "mountain valley", "mesa", "badlands"),
        "fr": ("canyon", "vallée", "montagne", "montagnes", "gorge", "gorges", "ravin",
               "vallée de montagne"),
    },
    "near": {
        "en": ("cliff", "cliffs", "hills", "hill", "quarry", "volcano"),
        "fr": ("falaise", "falaises", "colline", "collines", "carrière", "volcan"),
    },
    "exterior": True,
}



def valley(rng: np.random.Generator, floor_half: float, wall_h: float) -> tuple[Terrain, callable]:
    """The valley's height function and its centreline x(y) (a lazy meander)."""
    noise = Noise(rng)
    amp, wave = rng.uniform(14.0, 24.0), rng.uniform(160.0, 240.0)
    phase = rng.uniform(0, 2 * np.pi)

    def centre(y):
        return amp * np.sin(np.asarray(y) / wave * 2 * np.pi + phase) - amp * np.sin(phase)

    def z(x, y):
        x, y = np.asarray(x, float), np.asarray(y, float)
        d = np.abs(x - centre(y)) + noise.fbm(x, y, 40.0, 3) * 6.0
        rise = smoothstep(floor_half, floor_half + wall_h * 0.9, d) ** 0.8
        h = rise * wall_h * (1.0 + 0.25 * noise.fbm(x + 900, y, 300.0, 3))
        step = wall_h / 7.0
        level = np.floor(h / step)
        frac = h / step - level
        benches = (level + smoothstep(0.6, 0.92, frac)) * step
        cut = noise.fbm(x, y, 45.0, 5, ridged=True) * 9.0 * rise
        floor = noise.fbm(x - 100, y + 77, 25.0, 4) * 0.6
        return benches + cut + floor

    return Terrain(z), centre


# (afternoon, morning) sun azimuths: from behind the wide shot's shoulder, down the
# valley (which runs north), so a low sun rakes the walls and reaches the floor instead
# of leaving the whole set in the walls' shade.
SUN_ALONG_VALLEY = (200.0, 160.0)


def plan(spec: SetSpec) -> SetPlan:
    rng = common.rng_for(spec, "canyon.layout")
    f = common.SCALE_FACTORS.get(spec.scale, 1.0)
    base, centre = valley(rng, 17.0 * f ** 0.5, 85.0 * f ** 0.6)
    terrain = eroded(base.far, rng, (0.0, 40.0), 160.0, 1.0, droplets=15000, talus_deg=42.0)
    xs = graded_axis(1400.0, 1.0, 40.0, 1.09)
    ys = graded_axis(1400.0, 1.0, 40.0, 1.09) + 40.0
    mesh = terrain_mesh(terrain, xs, ys)
    # Rock: steep faces, and the flat benches up the walls too (sand there read as
    # bright slivers cut into the cliffs); sand only on the valley floor and its fans.
    high = mesh.vertices[mesh.faces][:, :, 2].mean(axis=1) > 4.0
    walls, floor = split_faces(mesh, majority_filtered(mesh, (face_slope_deg(mesh) > 24.0) | high))
    walls = box_uv_split(walls)          # steep faces: project UVs on their own plane
    parts = [MeshPart("Canyon Walls", walls, "rock", smooth=True),
             MeshPart("Valley Floor", floor, "ground", smooth=True)]
    placed = _dressing(spec, common.rng_for(spec, "canyon.props"), terrain, centre)
    parts += props.to_parts(placed)
    scout = Scout(parts, ground=terrain.height, mode=spec.camera)
    cameras = scout.cameras(_shots(terrain, centre))
    return common.landscape_plan(spec, "canyon", "Canyon", parts, _materials(spec), cameras,
                                 SUN_ALONG_VALLEY, ((-120.0, -60.0, -5.0), (120.0, 300.0, 90.0)))


def _dressing(spec: SetSpec, rng, terrain: Terrain, centre) -> list[props.Placement]:
    occ = props.Occupancy(cell=4.0)
    for x, y in _spots(centre):
        occ.block(x - 2.0, y - 2.0, x + 2.0, y + 2.0)
    words, q = spec.props, spec.quantity
    on_floor = props.Region(-60.0, -20.0, 60.0, 200.0,
                            inside=lambda x, y: np.abs(x - centre(y)) < 26.0)
    placed = []
    rocks = common.count_by_size(spec, "rock", ((7.0, 4), (3.0, 10), (1.2, 24), (0.5, 40)))
    for size, n in rocks:
        placed += props.scatter(rng, occ, nat.rock(rng, size), n, on_floor,
                                height=terrain.z, sink=0.12 * size, scale=(0.75, 1.3), gap=0.3)
    placed += props.scatter(rng, occ, nat.dead_shrub(rng), int(30 * q), on_floor, height=terrain.z,
                            scale=(0.6, 1.4), gap=0.3)
    if "bush" in words or "tree" in words:
        shrubs = max(common.count(spec, k, 0, 14) for k in ("bush", "tree"))
        placed += props.scatter(rng, occ, trees.shrub(rng, 1.6), shrubs, on_floor,
                                height=terrain.z, sink=0.1, gap=0.5)
    if "cactus" in words:
        placed += props.scatter(rng, occ, nat.cactus(rng), common.count(spec, "cactus", 0, 8),
                                on_floor, height=terrain.z, gap=1.0)
    return placed


def _spots(centre) -> list[tuple[float, float]]:
    return [(float(centre(0.0)) + 4.0, 0.0), (float(centre(40.0)) - 6.0, 40.0),
            (float(centre(90.0)), 90.0)]


def _shots(terrain: Terrain, centre) -> list[Shot]:
    (ax, ay), (bx, by), (cx, cy) = _spots(centre)
    far_y = 170.0
    far = (float(centre(far_y)), far_y)
    wall = (float(centre(60.0)) + 45.0, 60.0)
    back = (float(centre(-60.0)), -60.0)
    return [
        Shot("wide", 24.0, (ax, ay), (far[0], far[1], terrain.height(*far) + 14.0), third=-0.4),
        Shot("medium", 35.0, (bx, by), (wall[0], wall[1], terrain.height(*wall) * 0.5), third=0.5),
        Shot("reverse", 35.0, (cx, cy), (back[0], back[1], terrain.height(*back) + 10.0), third=0.4),
    ]


def _materials(spec: SetSpec) -> dict[str, MaterialRequest]:
    walls = common.material(spec, "rock", "walls", "rock")     # walls and boulders alike
    if not walls.colour and not spec.surface("walls").family:
        walls.colour = "ochre" if "red" not in spec.colours else "red"
    ground = common.material(spec, "ground", "ground", "sand", fallback_roles=("floor",))
    if not ground.colour and ground.family == "sand" and walls.colour in ("ochre", "red", "orange"):
        ground.colour = "ochre"                    # sand weathered from the walls around it
    return {"rock": walls, "ground": ground}
