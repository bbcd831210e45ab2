"""Trees and shrubs at species level: a grown branch skeleton carrying leaf cards.

A species is data (how many children per branch, at what angle, how much shorter,
how they bend to light or gravity); one grower turns it into smooth swept branches
(mesh.sweep) and flat cards at the twig ends (mesh.cards) whose leaves are cut out by
an alpha pattern in the shader (materials "leaves", "needles", "fronds"). The
silhouette is then branches and gaps, not a lumpy blob, and light passes through.
Winter (`leaves=False`) leaves broadleaves bare.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import trimesh

from .model import Piece, PropModel, hull_of
from ..mesh import cards, merge, quad_strip, sweep

GOLDEN = np.pi * (3.0 - np.sqrt(5.0))      # phyllotaxis: successive children never align
UP = np.array([0.0, 0.0, 1.0])


@dataclass(frozen=True)
class Level:
    """How one order of branches grows out of its parent."""

    children: int          # per parent branch
    angle: float           # degrees away from the parent's axis
    ratio: float           # length relative to the parent
    start: float           # first child this far along the parent (0..1)
    tropism: float         # bend per metre: + toward light, - drooping under weight
    shrink: float = 0.0    # children near the parent's tip are this much shorter (cone)


@dataclass(frozen=True)
class Species:
    label: str
    kind: str
    trunk: float                       # trunk length as a share of the tree's height
    radius: float                      # trunk radius at the base, share of the height
    levels: tuple[Level, ...]
    card_m: float                      # leaf card size (the shader's leaf pattern matches)
    cards_per_tip: int
    leaf_key: str = "leaves"
    bark_key: str = "bark"
    leaf_up: float = 0.6               # leaves turn their faces to the sky this much
    wobble: float = 0.12               # random bend per segment
    spread: tuple[float, float] = (1.0, 1.0)   # card cloud stretch (along, across)
    needles_on: int = 99               # cards also along branches of this order and deeper


@dataclass
class Skeleton:
    """Branches as polylines with radii, and the twig ends that carry cards."""

    branches: list[tuple[np.ndarray, np.ndarray, int]] = field(default_factory=list)
    tips: list[tuple[np.ndarray, np.ndarray]] = field(default_factory=list)   # points, dirs


OAK = Species("Oak", "oak", 0.38, 0.035, (
    Level(5, 35, 1.3, 0.82, 0.05), Level(5, 42, 0.55, 0.2, 0.02, 0.3),
    Level(5, 45, 0.5, 0.25, -0.05)), card_m=0.7, cards_per_tip=14, wobble=0.2)
BIRCH = Species("Birch", "birch", 0.92, 0.018, (
    Level(18, 38, 0.32, 0.3, 0.08, 0.7), Level(6, 40, 0.6, 0.2, -0.35)),
    card_m=0.7, cards_per_tip=9, bark_key="birch_bark", wobble=0.1)
PINE = Species("Pine", "pine", 0.97, 0.02, (
    Level(44, 88, 0.24, 0.12, -0.03, 0.9), Level(4, 55, 0.45, 0.25, 0.0)),
    card_m=0.55, cards_per_tip=8, leaf_key="needles", leaf_up=0.5, wobble=0.05,
    needles_on=1)
STREET = Species("Street Tree", "street_tree", 0.42, 0.03, (     # a pruned, narrow lime
    Level(5, 15, 0.85, 0.8, 0.12), Level(5, 30, 0.4, 0.25, 0.04, 0.3),
    Level(4, 45, 0.5, 0.25, -0.05)), card_m=0.7, cards_per_tip=12, wobble=0.15)
SHRUB = Species("Bush", "bush", 0.15, 0.03, (
    Level(7, 50, 1.0, 0.3, 0.2), Level(4, 45, 0.55, 0.3, 0.0)),
    card_m=0.7, cards_per_tip=5, wobble=0.2)

POTTED = Species("Potted Plant", "potted", 0.3, 0.03, (      # an upright ficus in a pot
    Level(5, 25, 1.6, 0.5, 0.3), Level(3, 40, 0.5, 0.3, 0.0)),
    card_m=0.7, cards_per_tip=3, wobble=0.15, spread=(1.0, 0.35))

SPECIES = {s.kind: s for s in (OAK, BIRCH, PINE, STREET, SHRUB)}


def grow(rng: np.random.Generator, sp: Species, height: float) -> Skeleton:
    """The branch skeleton of one tree of `height` metres."""
    sk = Skeleton()
    _branch(rng, sk, sp, np.zeros(3), UP, height * sp.trunk, height * sp.radius, 0)
    return sk


def _branch(rng, sk: Skeleton, sp: Species, base, direction, length: float,
            radius: float, depth: int) -> None:
    segments = 7 if depth == 0 else 4
    pts, dirs = _polyline(rng, sp, base, direction, length, segments, depth)
    t = np.linspace(0.0, 1.0, segments + 1)
    tip_r = radius * (0.55 if depth == 0 and len(sp.levels) and sp.levels[0].start > 0.6 else 0.2)
    radii = radius + (tip_r - radius) * t
    if depth == 0:
        radii = radii * (1.0 + 0.5 * np.exp(-t * length / max(radius * 4, 0.05)))  # root flare
    sk.branches.append((pts, np.maximum(radii, 0.004), depth))
    if depth >= sp.needles_on or depth == len(sp.levels):
        sk.tips.append((pts[1:], dirs[1:]))
    if depth == len(sp.levels):
        return
    lvl = sp.levels[depth]
    az0 = rng.uniform(0, 2 * np.pi)
    for k in range(lvl.children):
        f = lvl.start + (1.0 - lvl.start) * (k + rng.uniform(0.2, 0.8)) / lvl.children
        i = min(int(f * segments), segments - 1)
        w = f * segments - i
        p = pts[i] * (1 - w) + pts[i + 1] * w
        axis = dirs[i + 1]
        child = _tilt(axis, np.radians(lvl.angle + rng.uniform(-8, 8)), az0 + k * GOLDEN)
        child_len = length * lvl.ratio * (1.0 - lvl.shrink * f) * rng.uniform(0.8, 1.15)
        r_here = radius + (tip_r - radius) * f
        child_r = min(r_here * 0.75, radius * lvl.ratio ** 1.3 * 1.4)
        _branch(rng, sk, sp, p, child, max(child_len, 0.2), child_r, depth + 1)


def _polyline(rng, sp: Species, base, direction, length: float, segments: int, depth: int):
    trop = 0.0 if depth == 0 else sp.levels[depth - 1].tropism
    step = length / segments
    pts, dirs = [np.asarray(base, float)], [np.asarray(direction, float)]
    d = dirs[0]
    wobble = sp.wobble * (0.3 if depth == 0 else 1.0)        # trunks grow straighter
    bends = rng.normal(0.0, wobble, (segments, 3)) + UP * trop * step
    for bend in bends:
        d = d + bend
        d = d / np.sqrt(d @ d)
        pts.append(pts[-1] + d * step)
        dirs.append(d)
    return np.array(pts), np.array(dirs)


def _tilt(axis: np.ndarray, angle: float, azimuth: float) -> np.ndarray:
    """`axis` turned by `angle` toward the side given by `azimuth` (around the axis)."""
    helper = np.array([1.0, 0.0, 0.0]) if abs(axis[0]) < 0.9 else np.array([0.0, 1.0, 0.0])
    x = np.cross(axis, helper)
    x /= np.linalg.norm(x)
    y = np.cross(axis, x)
    side = np.cos(azimuth) * x + np.sin(azimuth) * y
    return np.cos(angle) * axis + np.sin(angle) * side


def bark_mesh(sk: Skeleton) -> trimesh.Trimesh:
    """Every branch swept as a smooth tube: more sides on the trunk than on twigs."""
    sides = (14, 10, 6, 5)
    groups: dict[tuple[int, int], list] = {}
    for pts, radii, depth in sk.branches:
        groups.setdefault((min(depth, 3), len(pts)), []).append((pts, radii))
    return merge([sweep(np.array([p for p, _ in g]), np.array([r for _, r in g]), sides[d])
                  for (d, _), g in sorted(groups.items())])


def leaf_cards(rng: np.random.Generator, sk: Skeleton, sp: Species) -> trimesh.Trimesh:
    """Cards clustered around the twig ends, faces turned toward the sky."""
    centres, normals, ups = [], [], []
    for pts, dirs in sk.tips:
        n = sp.cards_per_tip * len(pts) // 4 + 1 if sp.needles_on < 99 else sp.cards_per_tip
        pick = rng.integers(len(pts) // 3, len(pts), n) if len(pts) > 1 else np.zeros(n, int)
        jitter = rng.normal(0.0, sp.card_m * 0.3, (n, 3)) * [sp.spread[1], sp.spread[1], 0.6]
        centres.append(pts[pick] + jitter)
        normals.append(rng.normal(0.0, 1.0, (n, 3)) + UP * sp.leaf_up)
        ups.append(dirs[pick] + rng.normal(0.0, 0.35, (n, 3)))
    if not centres:
        return merge([])
    return cards(np.vstack(centres), np.vstack(normals), np.vstack(ups), sp.card_m,
                 sp.card_m * sp.spread[0])


def tree(rng: np.random.Generator, species: str = "oak", height: float = 10.0,
         leaves: bool = True) -> PropModel:
    """A tree of a species: swept bark and (unless bare) leaf cards; the collision
    hull is the trunk's base, so crowns may interlock as they do in a wood."""
    sp = SPECIES[species]
    sk = grow(rng, sp, height)
    bark = bark_mesh(sk)
    pieces = [Piece("Trunk", bark, sp.bark_key, True)]
    if leaves:
        pieces.append(Piece("Leaves", leaf_cards(rng, sk, sp), sp.leaf_key, True))   # flat: smooth is flat
    r = height * sp.radius * 1.6
    low = min(pts[:, 2].min() for pts, _, depth in sk.branches if depth > 0) - sp.card_m
    low = float(np.clip(low, 0.0, height * 0.3))          # the crown's underside
    trunk_hull = np.array([-r, -r, min(0.0, bark.vertices[:, 2].min()), r, r, low])
    crown = hull_of([p.mesh for p in pieces])
    crown[2] = low
    return PropModel(sp.kind, sp.label, pieces, [trunk_hull, crown])


def shrub(rng: np.random.Generator, size: float = 1.4) -> PropModel:
    """A bush as a shrub: a few stems from one root under a cloud of leaf cards."""
    sk = grow(rng, SHRUB, size)
    pieces = [Piece("Stems", bark_mesh(sk), "bark", True),
              Piece("Leaves", leaf_cards(rng, sk, SHRUB), "leaves", True)]
    return PropModel("bush", "Bush", pieces)


def palm(rng: np.random.Generator, height: float = 8.0) -> PropModel:
    """A coconut palm: a curved, ringed trunk and a crown of arching pinnate fronds
    (leaflets cut out by the "fronds" shader), the oldest hanging dead below."""
    bend, a = rng.uniform(0.8, 2.0), rng.uniform(0, 2 * np.pi)
    t = np.linspace(0.0, 1.0, 16)
    spine = np.column_stack([np.cos(a) * bend * t ** 2, np.sin(a) * bend * t ** 2, t * height])
    radius = np.interp(t, [0, 0.06, 1], [0.3, 0.2, 0.15]) * (1 + 0.04 * np.cos(t * 90))
    trunk = sweep(spine, radius, 12)
    crown = spine[-1]
    fronds = [_frond(rng, crown, 2 * np.pi * k / 14 + rng.uniform(-0.2, 0.2),
                     rng.uniform(3.4, 4.6), rng.uniform(0.2, 0.9)) for k in range(14)]
    fronds += [_frond(rng, crown - [0, 0, 0.3], rng.uniform(0, 2 * np.pi), 3.0, -1.6)
               for _ in range(3)]
    leaves = merge(fronds)
    return PropModel("palm", "Palm Tree", [Piece("Trunk", trunk, "bark", True),
                                           Piece("Fronds", leaves, "fronds", True)],
                     [np.array([-0.3, -0.3, 0.0, 0.3, 0.3, 1.0]), hull_of([trunk, leaves])])


def _frond(rng, base: np.ndarray, angle: float, length: float, lift: float) -> trimesh.Trimesh:
    """A frond as a ribbon: rises, arches over and droops; its leaflets are alpha."""
    t = np.linspace(0.0, 1.0, 14)
    direction = np.array([np.cos(angle), np.sin(angle), 0.0])
    side = np.array([-np.sin(angle), np.cos(angle), 0.0])
    rise = lift * t * length * 0.6 - (t * length) ** 2 * 0.2
    centre = base + np.outer(t * length, direction) + np.outer(rise, UP)
    width = 0.65 * np.sin(np.pi * np.clip(t, 0.03, 0.97) ** 0.8) + 0.04
    fold = np.outer(width * 0.3, -UP)          # leaflets hang from the rachis in a V
    return quad_strip(centre - np.outer(width, side) + fold, centre + np.outer(width, side) + fold)


def grass_tuft(rng: np.random.Generator, size: float = 0.45, blades: int = 22) -> PropModel:
    """Ground cover: a tuft of curved, tapering blades (real geometry, so it holds up
    at the camera's feet); scattered by the hundred it becomes one instancer."""
    az = rng.uniform(0, 2 * np.pi, blades)
    lean = rng.uniform(0.15, 0.7, blades)
    h = size * rng.uniform(0.5, 1.0, blades)
    t = np.linspace(0.0, 1.0, 4)
    strips = []
    for a, l, hh in zip(az, lean, h):
        out = np.array([np.cos(a), np.sin(a), 0.0])
        side = np.array([-np.sin(a), np.cos(a), 0.0]) * 0.006 * (1.0 - 0.85 * t)[:, None]
        spine = np.outer(t * hh * l, out) + np.outer(hh * (t - 0.35 * l * t ** 2), UP)
        spine += rng.uniform(-0.04, 0.04, 3) * [1, 1, 0]
        strips.append(quad_strip(spine - side, spine + side))
    mesh = merge(strips)
    return PropModel("grass", "Grass Tuft", [Piece("", mesh, "grass_blades", True)])
