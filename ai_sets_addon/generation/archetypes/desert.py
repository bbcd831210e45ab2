"""Desert: a sea of dunes to the horizon.

Dunes are asymmetric waves across the wind (a long windward slope, a steep slip face)
whose crests wander with noise, on a rolling base; gravity relaxes them to the angle
of repose. Wind ripples come from the sand texture. A sandstone outcrop or two, dry
scrub (and cacti only when asked for) give scale. The camera stands in a trough and
looks along the dune lines toward a crest.
"""

from __future__ import annotations

import numpy as np

from .. import props
from ...model.plan import MaterialRequest, MeshPart, SetPlan
from ..props import nature as nat
from ..props import trees
from ...model.spec import SetSpec
from ..terrain import Noise, Terrain, graded_axis, terrain_mesh, thermal_erosion
from . import common
from .framing import Scout, Shot

# The words that name this place (EN/FR); the prompt parser reads this literal
# from the source (never importing this module), so it stays plain data.
WORDS = {
    "place": {
        "en": ("desert", "dunes", "dune", "sand dunes"),
        "fr": ("désert", "dunes", "dune", "dunes de sable", "erg"),
    },
    "near": {
        "en": ("wasteland", "sahara", "savanna"),
        "fr": ("sahara", "savane", "terrain vague"),
    },
    "exterior": True,
}


WIND = np.radians(20.0)       # direction the wind blows toward (from the west-south-west)


def dunes(rng: np.random.Generator, height: float, wavelength: float) -> Terrain:
    noise = Noise(rng)
    c, s = np.cos(WIND), np.sin(WIND)

    def z(x, y):
        x, y = np.asarray(x, float), np.asarray(y, float)
        along = x * c + y * s
        warp = noise.fbm(x, y, 90.0, 3) * wavelength * 0.35
        phase = (along + warp) / wavelength
        t = phase - np.floor(phase)
        profile = np.where(t < 0.78, (t / 0.78) ** 1.6, ((1 - t) / 0.22) ** 0.7)   # gentle up, slip face
        crest = 0.6 + 0.4 * noise.fbm(x + 400, y, 160.0, 3)
        base = noise.fbm(x - 300, y + 200, 260.0, 4) * height * 0.8
        small = noise.fbm(x, y - 500, 22.0, 3) * height * 0.05
        return profile * crest * height + base + small

    return Terrain(z)


def plan(spec: SetSpec) -> SetPlan:
    rng = common.rng_for(spec, "desert.layout")
    f = common.SCALE_FACTORS.get(spec.scale, 1.0)
    terrain = _relaxed(dunes(rng, 18.0 * f ** 0.5, 110.0 * f ** 0.5), rng)
    xs = graded_axis(1500.0, 1.25, 45.0, 1.1)
    ground = MeshPart("Dunes", terrain_mesh(terrain, xs, xs), "ground", smooth=True)
    placed = _dressing(spec, common.rng_for(spec, "desert.props"), terrain)
    parts = [ground] + props.to_parts(placed)
    spots = _camera_spots(terrain)
    scout = Scout(parts, ground=terrain.height, mode=spec.camera)
    cameras = scout.cameras(_shots(terrain, spots))
    return common.landscape_plan(spec, "desert", "Desert", parts, _materials(spec), cameras,
                                 (255.0, 100.0), ((-150.0, -150.0, -20.0), (150.0, 250.0, 40.0)))


def _relaxed(terrain: Terrain, rng) -> Terrain:
    """Let the slip faces settle at the angle of repose (~33 degrees) near the set."""
    cell, size = 1.0, 180.0
    n = int(size / cell) + 1
    grid = np.arange(n) * cell - size / 2
    gx, gy = np.meshgrid(grid, grid + 40.0)
    h = thermal_erosion(terrain.far(gx, gy), cell, 33.0, iterations=10, rate=0.5)
    return Terrain(terrain.far, h, (-size / 2, -size / 2 + 40.0), cell)


def _dressing(spec: SetSpec, rng, terrain: Terrain) -> list[props.Placement]:
    occ = props.Occupancy(cell=4.0)
    occ.block(-6.0, -12.0, 6.0, 80.0)                    # the view stays open
    words, q = spec.props, spec.quantity
    far = props.Region(-70.0, -10.0, 70.0, 140.0)
    placed = []
    for size, n in common.count_by_size(spec, "rock", ((6.0, 2), (2.5, 4), (0.8, 10))):
        model = nat.rock(rng, size)
        placed += props.scatter(rng, occ, model, n, far, height=terrain.z, sink=0.1 * size,
                                scale=(0.8, 1.25), gap=0.5)
    placed += props.scatter(rng, occ, nat.dead_shrub(rng), common.count(spec, "bush", 18, 18),
                            far, height=terrain.z, scale=(0.7, 1.3), gap=0.5)
    if "cactus" in words:
        placed += props.scatter(rng, occ, nat.cactus(rng, 4.0), common.count(spec, "cactus", 0, 8),
                                far, height=terrain.z, scale=(0.7, 1.2), gap=1.0)
    if "palm" in words:
        placed += props.scatter(rng, occ, trees.palm(rng, 8.0), common.count(spec, "palm", 0, 5),
                                far, height=terrain.z, gap=1.5)
    return placed


def _camera_spots(terrain: Terrain) -> list[tuple[float, float]]:
    """High ground near the origin: a camera on a crest sees over the dune field
    (in a trough it would see one slope of sand)."""
    best = []
    for cx, cy in ((0.0, 0.0), (18.0, 24.0), (-14.0, 36.0)):
        xs = cx + np.linspace(-14, 14, 15)
        ys = cy + np.linspace(-14, 14, 15)
        gx, gy = np.meshgrid(xs, ys)
        z = terrain.z(gx, gy)
        k = np.unravel_index(np.argmax(z), z.shape)
        best.append((float(gx[k]), float(gy[k])))
    return best


def _shots(terrain: Terrain, spots) -> list[Shot]:
    (ax, ay), (bx, by), (cx, cy) = spots
    # look toward the south-west: the windward slopes face the camera and the low
    # afternoon sun rakes across them from the right, shadows running toward the lens
    crest = (ax - 60.0, ay - 95.0)
    return [
        Shot("wide", 24.0, (ax, ay), (crest[0], crest[1], terrain.height(*crest) + 4.0), third=0.5),
        Shot("medium", 50.0, (bx, by), (bx + 40.0, by + 30.0, terrain.height(bx + 40, by + 30) + 1.0), third=-0.5),
        Shot("reverse", 35.0, (cx, cy), (cx - 30.0, cy - 60.0, terrain.height(cx - 30, cy - 60) + 3.0), third=0.3),
    ]


def _materials(spec: SetSpec) -> dict[str, MaterialRequest]:
    return {
        "ground": common.material(spec, "ground", "ground", "sand", fallback_roles=("floor",)),
    }
