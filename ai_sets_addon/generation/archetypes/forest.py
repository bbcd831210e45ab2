"""Forest clearing: an open glade ringed by a wall of trees.

Rolling ground (eroded a little around the set) flattens into a clearing; hundreds of
trees (conifers, broadleaves or both, from the words) stand in a ring around it, the
nearest ones an arm's length apart, thinning out further; bushes fringe the edge,
a fallen log and mossy rocks sit in the glade. Trees are instanced, so a dense forest
stays cheap. Fog or haze words fill the glade with a volume for light shafts.
"""

from __future__ import annotations

import numpy as np

from .. import props
from ...model.plan import MaterialRequest, MeshPart, SetPlan
from ..props import nature as nat
from ..props import trees
from ...model.spec import SetSpec
from ..terrain import Noise, Terrain, eroded, graded_axis, smoothstep, terrain_mesh
from . import common
from .framing import Scout, Shot

# The words that name this place (EN/FR); the prompt parser reads this literal
# from the source (never importing this module), so it stays plain data.
WORDS = {
    "place": {
        "en": ("forest", "clearing", "woods", "woodland", "forest clearing", "in the woods"),
        "fr": ("forêt", "clairière", "sous-bois", "dans les bois", "futaie"),
    },
    "near": {
        "en": ("jungle", "park", "garden", "meadow", "grove", "orchard"),
        "fr": ("jungle", "parc", "jardin", "prairie", "bosquet", "verger"),
    },
    "exterior": True,
    "features": {
        "autumn": {"en": ("autumn", "autumnal", "in the fall", "fall foliage"),
                   "fr": ("automne", "automnal", "automnale", "en automne")},
        "winter": {"en": ("winter", "wintry", "bare trees"),
                   "fr": ("hiver", "hivernal", "hivernale", "en hiver", "arbres nus")},
        "dense": {
            "en": ("dense forest", "thick forest", "deep forest", "dense woods", "jungle",
                   "lush"),
            "fr": ("forêt dense", "forêt épaisse", "forêt profonde", "jungle", "luxuriant",
                   "luxuriante", "touffu", "touffue"),
        },
    },
}


def ground(rng: np.random.Generator, clearing: float) -> Terrain:
    noise = Noise(rng)

    def z(x, y):
        x, y = np.asarray(x, float), np.asarray(y, float)
        r = np.hypot(x, y)
        hills = noise.fbm(x, y, 140.0, 4) * 9.0 + noise.fbm(x + 50, y - 20, 18.0, 3) * 0.6
        flat = 1.0 - smoothstep(clearing * 0.6, clearing * 1.6, r)
        return hills * (1.0 - 0.85 * flat) + flat * 0.0

    return Terrain(z)


def plan(spec: SetSpec) -> SetPlan:
    rng = common.rng_for(spec, "forest.layout")
    f = common.SCALE_FACTORS.get(spec.scale, 1.0)
    clearing = 13.0 * f ** 0.5
    terrain = eroded(ground(rng, clearing).far, rng, (0.0, 0.0), 140.0, 1.0, droplets=6000)
    xs = graded_axis(1200.0, 1.0, 35.0, 1.1)
    parts = [MeshPart("Forest Floor", terrain_mesh(terrain, xs, xs), "ground", smooth=True)]
    placed = _trees(spec, common.rng_for(spec, "forest.trees"), terrain, clearing)
    parts += props.to_parts(placed)
    scout = Scout(parts, ground=terrain.height, mode=spec.camera)
    cameras = scout.cameras(_shots(terrain, clearing))
    return common.landscape_plan(spec, "forest", "Forest Clearing", parts, _materials(spec),
                                 cameras, (230.0, 110.0), ((-60.0, -60.0, -5.0), (60.0, 60.0, 30.0)),
                                 overrides=_foliage(spec))


def _kinds(spec: SetSpec) -> tuple[float, float]:
    """Share of (conifers, broadleaves) from the words."""
    words = spec.props
    if "conifer" in words and "broadleaf" in words:
        return 0.5, 0.5
    if "conifer" in words:
        return 1.0, 0.0
    if "broadleaf" in words:
        return 0.0, 1.0
    return 0.35, 0.65


def _trees(spec: SetSpec, rng, terrain: Terrain, clearing: float) -> list[props.Placement]:
    occ = props.Occupancy(cell=4.0)
    for x, y in _spots(clearing):
        occ.block(x - 1.5, y - 1.5, x + 1.5, y + 1.5)
    dense = 1.6 if "dense" in spec.features else 1.0
    q = spec.quantity * dense
    size, gap = ((0.6, 0.85), 0.1) if dense > 1 else ((0.8, 1.2), 0.3)     # packed stands grow slimmer
    conifer_share, broad_share = _kinds(spec)
    placed: list[props.Placement] = []
    logs = common.count(spec, "log", 1, 3, 0.65)         # the hero log, unless excluded
    log = nat.log(rng, 5.0)
    spot = props.place(occ, log, clearing * 0.25, clearing * 0.35, terrain.height(clearing * 0.25, clearing * 0.35) - 0.05,
                       0.6, gap=0.3) if logs else None
    placed += [spot] if spot else []
    glade = props.ring(0.0, 0.0, 2.0, clearing * 0.9)
    placed += props.scatter(rng, occ, log, logs - len(placed), glade, height=terrain.z,
                            sink=0.05, gap=0.3) if logs > len(placed) else []
    placed += props.scatter(rng, occ, nat.rock(rng, 1.2), _count(spec, "rock", 4, 8, dense), glade,
                            height=terrain.z, sink=0.15, scale=(0.6, 1.4), gap=0.4)
    edge = props.ring(0.0, 0.0, clearing * 0.8, clearing * 1.3)
    for n in common.count_split(_count(spec, "bush", 28, 40, dense), (1.0, 1.0)):
        placed += props.scatter(rng, occ, trees.shrub(rng, 1.6), n, edge,
                                height=terrain.z, sink=0.05, scale=(0.7, 1.3), gap=0.2)
    bare = "winter" in spec.features
    variants_c = [trees.tree(rng, "pine", h) for h in (16.0, 21.0)]
    variants_b = [trees.tree(rng, "oak", 10.0, not bare), trees.tree(rng, "oak", 13.0, not bare),
                  trees.tree(rng, "birch", 14.0, not bare)]
    rings = [(clearing * 1.05, clearing * 1.8, 0.55), (clearing * 1.8, clearing * 3.5, 0.3),
             (clearing * 3.5, 90.0, 0.12)]
    exact = _exact_trees(spec, conifer_share)
    for r0, r1, density in rings:
        area = np.pi * (r1 ** 2 - r0 ** 2)
        total = int(area * density / 16.0 * q)
        region = props.ring(0.0, 0.0, r0, r1)
        wanted = [int(total * conifer_share / 2)] * 2 + [int(total * broad_share / 3)] * 3
        if exact is not None:        # the words' numbers, all in the first ring
            wanted = exact if r0 == rings[0][0] else [0] * 5
        for model, n in zip(variants_c + variants_b, wanted):
            placed += props.scatter(rng, occ, model, n, region,
                                    height=terrain.z, sink=0.2, scale=size, gap=gap)
    glade = props.ring(0.0, 0.0, 1.0, clearing * 1.4)
    for k in range(2):       # ground cover last, in the gaps (hundreds: one instancer)
        placed += props.scatter(rng, occ, trees.grass_tuft(rng, 0.35 + 0.2 * k),
                                int(260 * q), glade, height=terrain.z, sink=0.03,
                                scale=(0.6, 1.4), gap=0.0)
    placed += _litter(spec, terrain, clearing, occ)
    return placed


def _litter(spec: SetSpec, terrain: Terrain, clearing: float, occ) -> list[props.Placement]:
    """Dead branches on the forest floor, in the gaps left (their own random stream, so
    the trees stand where they stood)."""
    rng = common.rng_for(spec, "forest.litter")
    branches = [nat.fallen_branch(rng) for _ in range(3)]
    region = props.ring(0.0, 0.0, 1.5, clearing * 1.6)
    placed = []
    for model in branches:
        placed += props.scatter(rng, occ, model, int(16 * spec.quantity), region,
                                height=terrain.z, sink=0.0, scale=(0.8, 1.2), gap=0.0)
    return placed


def _count(spec: SetSpec, kind: str, usual: float, named: float, dense: float) -> int:
    """common.count, scaled by the forest's density factor (dense woods)."""
    return common.count(spec, kind, usual * dense, named * dense)


def _exact_trees(spec: SetSpec, conifer_share: float) -> list[int] | None:
    """Trees per variant (two pines, two oaks, a birch) when the words number them
    ("trois sapins", "two oaks and a pine", "five trees"), else None."""
    numbers = {k: 0 if k in spec.excluded_props else spec.props.get(k, 0)
               for k in ("conifer", "broadleaf", "tree")}
    if not any(numbers.values()):
        return None
    split = common.count_split(numbers["tree"], (conifer_share, 1.0 - conifer_share))
    pines = common.count_split(numbers["conifer"] + split[0], (1.0, 1.0))
    broad = common.count_split(numbers["broadleaf"] + split[1], (1.0, 1.0, 1.0))
    return pines + broad


def _spots(clearing: float) -> list[tuple[float, float]]:
    return [(-clearing * 0.45, -clearing * 0.6), (clearing * 0.5, -clearing * 0.1),
            (clearing * 0.1, clearing * 0.6)]


def _shots(terrain: Terrain, clearing: float) -> list[Shot]:
    (ax, ay), (bx, by), (cx, cy) = _spots(clearing)
    log = (clearing * 0.25, clearing * 0.35)
    return [
        Shot("wide", 24.0, (ax, ay), (clearing * 0.9, clearing * 1.6, terrain.height(*log) + 5.0), third=-0.3),
        Shot("medium", 50.0, (bx, by), (log[0], log[1], terrain.height(*log) + 0.4), third=0.4),
        Shot("reverse", 35.0, (cx, cy), (-clearing * 1.2, -clearing * 1.5, terrain.height(0, 0) + 4.0), third=0.3),
    ]


def _materials(spec: SetSpec) -> dict[str, MaterialRequest]:
    ground_mat = common.material(spec, "ground", "ground", "grass", fallback_roles=("floor",))
    return {"ground": ground_mat}


def _foliage(spec: SetSpec) -> dict[str, MaterialRequest]:
    """Autumn words turn the leaves russet and gold; mossy rocks in a forest."""
    autumn = {"orange", "red", "gold", "ochre", "yellow"} & set(spec.colours)
    leaf = sorted(autumn)[0] if autumn else "green"
    season = ("cards", "autumn") if autumn or "autumn" in spec.features else ("cards",)
    return {
        "leaves": common.plain("leaves", "foliage", spec.seed, leaf, season),
        "foliage": common.plain("foliage", "foliage", spec.seed, leaf),
        "foliage_dark": common.plain("foliage_dark", "foliage", spec.seed, "green", ("dark",)),
        "rock": common.plain("rock", "rock", spec.seed, modifiers=("moss",)),
    }
