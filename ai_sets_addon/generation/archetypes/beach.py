"""Beach / coast: a sand shore running east-west, the sea to the south.

The beach slopes gently into the water (the sea is a plane at z = 0 with a wave
shader), with a band of wet, darker sand at the waterline, low dunes behind, and a
rocky point running into the sea at one end. Driftwood, a lifeguard tower, palms,
parasols and rocks come from the words; cameras look along the waterline, the
classic leading line of a beach.
"""

from __future__ import annotations

import numpy as np

from .. import props
from ...model.plan import MaterialRequest, MeshPart, SetPlan
from ..props import nature as nat
from ..props import street as st
from ..props import trees
from ..mesh import boxes
from ...model.spec import SetSpec
from ..terrain import Noise, Terrain, graded_axis, smoothstep, split_faces, terrain_mesh
from . import common
from .framing import Scout, Shot

# The words that name this place (EN/FR); the prompt parser reads this literal
# from the source (never importing this module), so it stays plain data.
WORDS = {
    "place": {
        "en": ("beach", "coast", "shore", "seashore", "seaside", "coastline"),
        "fr": ("plage", "côte", "rivage", "bord de mer", "littoral", "grève"),
    },
    "near": {
        "en": ("sea", "ocean", "harbour", "harbor", "port", "island", "bay", "lake", "cove"),
        "fr": ("mer", "océan", "port", "île", "baie", "lac", "crique"),
    },
    "exterior": True,
    "features": {
        "tropical": {
            "en": ("tropical", "caribbean", "paradise", "island", "lagoon"),
            "fr": ("tropical", "tropicale", "tropique", "tropiques", "caraïbes", "paradis",
                   "paradisiaque", "île", "lagon"),
        },
    },
}


def shore(rng: np.random.Generator) -> tuple[Terrain, callable]:
    """Height z(x, y) and the waterline y(x) (where z crosses 0)."""
    noise = Noise(rng)

    def line(x):
        return noise.fbm(np.asarray(x, float), 0.0, 120.0, 3) * 9.0

    def z(x, y):
        x, y = np.asarray(x, float), np.asarray(y, float)
        d = y - line(x)                                     # metres inland of the waterline
        beach = np.where(d > 0, d * 0.045, d * 0.03)        # gentle foreshore, shelving seabed
        dunes = smoothstep(38.0, 60.0, d) * (3.0 + 2.5 * noise.fbm(x, y, 35.0, 3))
        ripples = noise.fbm(x, y, 9.0, 3) * 0.12 * smoothstep(-5.0, 5.0, d)
        point = 5.0 * np.exp(-((x + 70.0) ** 2) / 500.0) * smoothstep(-60.0, 10.0, d) \
            * (1.0 + 0.6 * noise.fbm(x, y, 8.0, 4, ridged=True))
        return np.minimum(beach, 2.2) + dunes + ripples + np.maximum(point, 0.0) + \
            np.maximum(d - 60.0, 0.0) * 0.05

    return Terrain(z), line


def plan(spec: SetSpec) -> SetPlan:
    rng = common.rng_for(spec, "beach.layout")
    terrain, line = shore(rng)
    xs = graded_axis(1600.0, 1.0, 40.0, 1.1)
    ys = graded_axis(700.0, 1.0, 30.0, 1.1) + 20.0
    mesh = terrain_mesh(terrain, xs, ys)
    z_face = mesh.vertices[mesh.faces][:, :, 2].mean(axis=1)
    wet, dry = split_faces(mesh, z_face < 0.35)
    parts = [MeshPart("Beach", dry, "ground", smooth=True),
             MeshPart("Wet Sand", wet, "wet_sand", smooth=True),
             MeshPart("Sea", boxes([(-3000.0, -3000.0, -0.05)], [(3000.0, 60.0, 0.0)]), "water")]
    placed = _dressing(spec, common.rng_for(spec, "beach.props"), terrain, line)
    parts += props.to_parts(placed)
    scout = Scout(parts, ground=lambda x, y: max(terrain.height(x, y), 0.0), mode=spec.camera)
    cameras = scout.cameras(_shots(terrain, line))
    return common.landscape_plan(spec, "beach", "Beach", parts, _materials(spec), cameras,
                                 (235.0, 125.0), ((-200.0, -150.0, -2.0), (200.0, 120.0, 40.0)))


def _dressing(spec: SetSpec, rng, terrain: Terrain, line) -> list[props.Placement]:
    occ = props.Occupancy(cell=4.0)
    for x, y in _spots(line):
        occ.block(x - 1.5, y - 1.5, x + 1.5, y + 1.5)
    words, q = spec.props, spec.quantity
    tropical = "palm" in words or "tropical" in spec.features
    placed = []
    tower_xy = (-22.0, float(line(-22.0)) + 16.0)
    if "lifeguard_tower" in words or not tropical:
        tower = props.place(occ, st.lifeguard_tower(rng), tower_xy[0], tower_xy[1],
                            terrain.height(*tower_xy) - 0.1, np.pi, gap=0.3)
        placed += [tower] if tower else []
    sand = props.Region(-120.0, -10.0, 120.0, 60.0,
                        inside=lambda x, y: (y - line(x) > 4.0) & (y - line(x) < 42.0))
    point = props.Region(-100.0, -40.0, -45.0, 30.0)
    for size, n in common.count_by_size(spec, "rock", ((4.0, 8), (1.5, 12)), named=1.0):
        placed += props.scatter(rng, occ, nat.rock(rng, size), n, point, height=terrain.z,
                                sink=0.5 if size > 2 else 0.2,
                                scale=(0.7 if size > 2 else 0.6, 1.3), gap=0.2)
    placed += props.scatter(rng, occ, nat.log(rng, 3.5), common.count(spec, "log", 3, 8),
                            sand, height=terrain.z, gap=0.5)
    if tropical:
        palms = props.Region(-120.0, 10.0, 120.0, 70.0,
                             inside=lambda x, y: (y - line(x) > 24.0) & (y - line(x) < 50.0))
        counts = common.count_split(common.count(spec, "palm", 16, 16), (1.0, 1.0))
        for height, n in zip((8.0, 10.5), counts):
            placed += props.scatter(rng, occ, trees.palm(rng, height), n, palms,
                                    height=terrain.z, sink=0.2, scale=(0.8, 1.15), gap=0.5)
    else:
        grass = props.Region(-150.0, 30.0, 150.0, 80.0,
                             inside=lambda x, y: y - line(x) > 40.0)
        placed += props.scatter(rng, occ, trees.shrub(rng, 1.0), int(40 * q), grass,
                                height=terrain.z, sink=0.1, scale=(0.6, 1.3), gap=0.2)
    dunes = props.Region(-150.0, 10.0, 150.0, 80.0,
                         inside=lambda x, y: y - line(x) > 30.0)
    placed += props.scatter(rng, occ, trees.grass_tuft(rng, 0.7, 30), int(300 * q), dunes,
                            height=terrain.z, sink=0.05, scale=(0.7, 1.4), gap=0.0)   # marram
    if "parasol" in words:
        placed += props.scatter(rng, occ, st.parasol(rng), int(10 * q), sand,
                                height=terrain.z, sink=0.2, gap=1.0)
    return placed


def _spots(line) -> list[tuple[float, float]]:
    return [(18.0, float(line(18.0)) + 7.0), (-6.0, float(line(-6.0)) + 22.0),
            (-48.0, float(line(-48.0)) + 9.0)]


def _shots(terrain: Terrain, line) -> list[Shot]:
    (ax, ay), (bx, by), (cx, cy) = _spots(line)
    tower = (-22.0, float(line(-22.0)) + 16.0)
    return [
        Shot("wide", 24.0, (ax, ay), (tower[0] - 40.0, float(line(tower[0] - 40.0)) + 4.0, 3.0), third=0.5),
        Shot("medium", 35.0, (bx, by), (tower[0], tower[1], 3.0), third=-0.4),
        Shot("reverse", 35.0, (cx, cy), (60.0, float(line(60.0)) + 3.0, 1.5), third=0.4),
    ]


def _materials(spec: SetSpec) -> dict[str, MaterialRequest]:
    sand = common.material(spec, "ground", "ground", "sand", fallback_roles=("floor",))
    wet = common.material(spec, "wet_sand", "ground", sand.family)
    wet.modifiers = list(dict.fromkeys(wet.modifiers + ["wet"]))
    return {
        "ground": sand, "wet_sand": wet,
        "water": common.plain("water", "water", spec.seed),
        "canvas": common.plain("canvas", "fabric", spec.seed, "white"),
        "cabin": common.plain("cabin", "paint", spec.seed, "white"),
        "roof_paint": common.plain("roof_paint", "paint", spec.seed, "red"),
    }
