"""Natural props: rocks, broadleaf and conifer trees, palms, bushes, cacti, logs.

Trunks are tapered lathes with a little wobble; canopies are clumps of lumpy blobs
(the foliage shader breaks them up with leaf-scale noise); all real sizes, so a 9 m
oak reads as a 9 m oak next to a 1.6 m camera.
"""

from __future__ import annotations

import numpy as np

from .model import Piece, PropModel, hull_of
from ..mesh import blob, lathe, merge, quad_strip, translated, tube


def rock(rng: np.random.Generator, size: float = 1.0) -> PropModel:
    """A weathered boulder or outcrop: a main mass with one or two lumps fused on,
    wider than tall, its top planed a little (bedding), a quarter of it buried."""
    squash = (rng.uniform(0.9, 1.3), rng.uniform(0.7, 1.0), rng.uniform(0.45, 0.65))
    lumps = [blob(rng, size / 2, squash, bumpiness=0.55, subdivisions=3)]
    for _ in range(int(rng.integers(1, 3))):
        off = rng.uniform(-0.35, 0.35, 3) * size * np.array([1.0, 1.0, 0.2])
        lumps.append(translated(blob(rng, size * rng.uniform(0.25, 0.38), squash, 0.6, 2), off))
    mesh = merge(lumps)
    top = mesh.vertices[:, 2].max()
    mesh.vertices[:, 2] = np.minimum(mesh.vertices[:, 2], top - 0.12 * (top - mesh.vertices[:, 2].min()))
    mesh.vertices[:, 2] -= 0.75 * mesh.vertices[:, 2].min()
    return PropModel("rock", "Rock", [Piece("", mesh, "rock", True)])


def _trunk(rng: np.random.Generator, height: float, r0: float, r1: float,
           sections: int = 12) -> object:
    zs = np.linspace(0.0, height, 7)
    radii = np.interp(zs, [0.0, 0.08 * height, height], [r0 * 1.5, r0, r1])
    mesh = lathe(list(zip(radii, zs)), sections, cap_bottom=False, cap_top=True)
    lean = rng.uniform(-0.04, 0.04, 2)
    mesh.vertices[:, :2] += np.outer(mesh.vertices[:, 2] ** 1.5, lean) / max(height, 1.0) ** 0.5
    return mesh


def broadleaf_tree(rng: np.random.Generator, height: float = 9.0,
                   crown: float | None = None) -> PropModel:
    """An oak/plane-like tree: a trunk forking into limbs under a crown of many
    lumpy clumps packed toward the crown's skin (an irregular, broken silhouette)."""
    trunk_h = height * rng.uniform(0.36, 0.44)
    r0 = height * 0.028
    parts = [_trunk(rng, trunk_h + 0.3, r0, r0 * 0.7)]
    crown_c = np.array([0.0, 0.0, trunk_h + height * 0.3])
    radii = np.array([1.0, 1.0, 0.75]) * height * (crown or rng.uniform(0.27, 0.32))
    for k in range(4):
        a = 2 * np.pi * k / 4 + rng.uniform(-0.4, 0.4)
        tip = crown_c + np.array([np.cos(a), np.sin(a), 0.2]) * radii * 0.6
        parts.append(tube((0, 0, trunk_h), tip, r0 * 0.5, 8, r1=r0 * 0.15))
    dirs = rng.normal(size=(16, 3))
    dirs /= np.linalg.norm(dirs, axis=1)[:, None]
    dirs[:, 2] = np.abs(dirs[:, 2]) * 0.8 - 0.15
    clumps = [translated(blob(rng, radii[0] * 0.55, (1.0, 1.0, 0.85), 0.7, 2), crown_c)]
    for d in dirs:
        r = radii[0] * rng.uniform(0.28, 0.42)
        c = crown_c + d * radii * rng.uniform(0.55, 0.85)
        clumps.append(translated(blob(rng, r, (1.0, 1.0, 0.8), 0.85, 3, detail=0.5), c))
    canopy = merge(clumps)
    pieces = [Piece("Trunk", merge(parts), "bark", True), Piece("Canopy", canopy, "foliage", True)]
    trunk_hull = np.array([-r0 * 1.6, -r0 * 1.6, 0.0, r0 * 1.6, r0 * 1.6, trunk_h])
    return PropModel("tree", "Tree", pieces, [trunk_hull, hull_of([canopy] + parts[1:])])


def conifer_tree(rng: np.random.Generator, height: float = 14.0) -> PropModel:
    """A spruce/fir: a straight trunk under many tiers of drooping, ragged boughs."""
    r0 = height * 0.018
    trunk = _trunk(rng, height * 0.92, r0, r0 * 0.25, 10)
    tiers, base = [], height * rng.uniform(0.1, 0.18)
    count = 12
    for k in range(count):
        t = k / (count - 1)
        z0 = base + (height - base) * t * 0.93 + rng.uniform(-0.2, 0.2)
        r = (1.0 - t) ** 1.1 * height * 0.21 + 0.3
        h = (height - base) / count * 2.6
        droop = r * 0.35
        cone = lathe([(0.05, z0 + 0.3), (r * 0.7, z0 - droop * 0.4), (r, z0 - droop),
                      (r * 0.82, z0 - droop + 0.2), (r * 0.45, z0 + h * 0.45), (0.04, z0 + h)], 48,
                     cap_bottom=False, cap_top=False)
        v = cone.vertices
        theta = np.arctan2(v[:, 1], v[:, 0])
        rad = np.hypot(v[:, 0], v[:, 1]) / max(r, 1e-6)
        ragged = 1.0 + sum(a * np.cos(f * theta + rng.uniform(0, 6.3))
                           for a, f in ((0.16, 5), (0.1, 9), (0.07, 17), (0.05, 29), (0.04, 41)))
        v[:, :2] *= (1.0 + (ragged[:, None] - 1.0) * rad[:, None])
        v[:, 2] -= rad ** 2 * 0.25 * r * (ragged - 0.8)
        tiers.append(cone)
    foliage = merge(tiers)
    pieces = [Piece("Trunk", trunk, "bark", True), Piece("Needles", foliage, "foliage_dark", True)]
    trunk_hull = np.array([-r0 * 1.6, -r0 * 1.6, 0.0, r0 * 1.6, r0 * 1.6, base - 0.6])
    return PropModel("conifer", "Conifer", pieces, [trunk_hull, hull_of([foliage])])


def palm_tree(rng: np.random.Generator, height: float = 8.0) -> PropModel:
    """A coconut palm: a curved ringed trunk and a crown of drooping fronds."""
    bend = rng.uniform(0.8, 2.0)
    a = rng.uniform(0, 2 * np.pi)
    t = np.linspace(0, 1, 9)
    spine = np.column_stack([np.cos(a) * bend * t ** 2, np.sin(a) * bend * t ** 2, t * height])
    radius = np.interp(t, [0, 0.1, 1], [0.26, 0.19, 0.14])
    trunk = merge([tube(p0, p1, r0, 10, r1=r1) for p0, p1, r0, r1 in
                   zip(spine[:-1], spine[1:], radius[:-1], radius[1:])])
    crown = spine[-1]
    fronds = []
    for k in range(11):
        ang = 2 * np.pi * k / 11 + rng.uniform(-0.15, 0.15)
        fronds.append(_frond(rng, crown, ang, rng.uniform(3.0, 4.2)))
    leaves = merge(fronds)
    trunk_hull = np.array([-0.3, -0.3, 0.0, 0.3, 0.3, 1.0])
    return PropModel("palm", "Palm Tree", [Piece("Trunk", trunk, "bark", True),
                                           Piece("Fronds", leaves, "foliage", True)],
                     [trunk_hull, hull_of([trunk, leaves])])


def _frond(rng: np.random.Generator, base: np.ndarray, angle: float, length: float):
    t = np.linspace(0.0, 1.0, 8)
    direction = np.array([np.cos(angle), np.sin(angle), 0.0])
    side = np.array([-np.sin(angle), np.cos(angle), 0.0])
    lift = rng.uniform(0.3, 0.9)
    centre = base + np.outer(t * length, direction) + np.outer(lift * t * length * 0.6
                                                               - (t * length) ** 2 * 0.22, [0, 0, 1])
    width = 0.45 * np.sin(np.pi * np.clip(t, 0.04, 0.96)) + 0.03
    droop = np.outer(width * 0.35, [0, 0, -1])
    return quad_strip(centre - np.outer(width, side) + droop, centre + np.outer(width, side) + droop)


def bush(rng: np.random.Generator, size: float = 1.4) -> PropModel:
    """A shrub: three to five overlapping clumps with a flat base on the ground."""
    clumps = []
    for k in range(rng.integers(3, 6)):
        r = size * rng.uniform(0.28, 0.42)
        off = rng.uniform(-0.3, 0.3, 2) * size
        c = (off[0], off[1], r * 0.6)
        clumps.append(translated(blob(rng, r, (1.0, 1.0, 0.85), 0.6, 3, flat_bottom=-0.55 * r,
                                      detail=0.5), c))
    return PropModel("bush", "Bush", [Piece("", merge(clumps), "foliage", True)])


def cactus(rng: np.random.Generator, height: float = 4.0) -> PropModel:
    """A saguaro: a ribbed column with two upturned arms."""
    r = height * 0.06
    body = lathe([(r, 0.0), (r, height - r), (r * 0.6, height - r * 0.3), (0.0, height)], 24,
                 cap_bottom=False, cap_top=False)
    parts = [body]
    for side, z in ((1, height * rng.uniform(0.35, 0.45)), (-1, height * rng.uniform(0.5, 0.6))):
        reach = r * 3.2
        parts.append(tube((0, 0, z), (side * reach, 0, z + r), r * 0.7, 12))
        up = height * rng.uniform(0.2, 0.3)
        parts.append(tube((side * reach, 0, z), (side * reach, 0, z + up), r * 0.7, 12))
    mesh = merge(parts)
    theta = np.arctan2(mesh.vertices[:, 1], mesh.vertices[:, 0])
    mesh.vertices[:, :2] *= (1.0 + 0.04 * np.cos(12 * theta))[:, None]
    return PropModel("cactus", "Cactus", [Piece("", mesh, "cactus", True)])


def log(rng: np.random.Generator, length: float = 4.0) -> PropModel:
    """A fallen trunk lying along X, bark outside and sawn ends."""
    r = rng.uniform(0.2, 0.32)
    body = tube((-length / 2, 0, r), (length / 2, 0, r * 0.9), r, 12, r1=r * 0.85, caps=False)
    ends = [tube((x, 0, z), (x + dx, 0, z), rr * 0.98, 12) for x, z, dx, rr in
            ((-length / 2 - 0.005, r, 0.01, r), (length / 2 - 0.005, r * 0.9, 0.01, r * 0.85))]
    return PropModel("log", "Fallen Log", [Piece("", body, "bark", True),
                                           Piece("Ends", merge(ends), "wood")])


def dead_shrub(rng: np.random.Generator) -> PropModel:
    """Dry desert scrub: a tangle of thin twigs from one root."""
    twigs = []
    for k in range(14):
        a, lean = rng.uniform(0, 2 * np.pi), rng.uniform(0.3, 1.1)
        length = rng.uniform(0.4, 0.9)
        tip = (np.cos(a) * lean * length, np.sin(a) * lean * length, length)
        twigs.append(tube((0, 0, 0), tip, 0.012, 5, r1=0.004))
    return PropModel("dead_shrub", "Dry Scrub", [Piece("", merge(twigs), "bark")])
