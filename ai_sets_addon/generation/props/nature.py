"""Natural props: rocks, cacti, logs and dry scrub, at real sizes.

Trees, palms, shrubs and grass live in `trees` (grown branches with leaf cards).
"""

from __future__ import annotations

import numpy as np

from .model import Piece, PropModel
from ..mesh import blob, lathe, merge, translated, tube


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
