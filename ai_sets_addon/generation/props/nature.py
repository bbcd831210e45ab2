"""Natural props: rocks, cacti, logs and dry scrub, at real sizes.

Trees, palms, shrubs and grass live in `trees` (grown branches with leaf cards).
"""

from __future__ import annotations

import numpy as np

from .model import Piece, PropModel
from ..mesh import blob, lathe, merge, new_mesh, sweep, translated, tube


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
    """A fallen trunk lying along X: bent a little, tapering with bumps and bark ridges,
    a flared root end snapped off in splinters, a sawn top end, and a few branch stubs
    (a straight cylinder with flat caps read as a prop, not a tree)."""
    r = rng.uniform(0.2, 0.32)
    t = np.linspace(0.0, 1.0, 28)
    bend = rng.normal(0.0, 0.06, 2) * length
    path = np.column_stack([(t - 0.5) * length, bend[0] * 4 * t * (1 - t),
                            np.zeros_like(t)])
    radii = r * (1.0 - 0.2 * t + 0.35 * np.exp(-t / 0.05)            # taper, root flare
                 + 0.04 * np.sin(t * rng.uniform(9, 14) + rng.uniform(0, 6)))
    path[:, 2] = radii.max() * 0.85 + bend[1] * 0.2 * t                # resting, sunk a little
    sides = 16
    body = _ridged(rng, sweep(path, radii, sides), path, sides)
    ends = [_splintered_end(rng, path[0], path[0] - path[1], radii[0]),
            _sawn_end(path[-1], path[-1] - path[-2], radii[-1])]
    stubs = []
    for _ in range(int(rng.integers(2, 4))):
        k = int(rng.integers(6, 24))
        a = rng.uniform(0.0, 2 * np.pi)
        out = np.array([rng.uniform(0.1, 0.4), np.cos(a), np.sin(a) * 0.6 + 0.4])
        out /= np.linalg.norm(out)
        base = path[k]
        stubs.append(sweep([base, base + out * (radii[k] + rng.uniform(0.15, 0.5))],
                           [radii[k] * 0.35, radii[k] * 0.2], 8))
    return PropModel("log", "Fallen Log", [Piece("", merge([body] + stubs), "fallen_bark", True),
                                           Piece("Ends", merge(ends), "wood", True)])


def _ridged(rng, mesh, path: np.ndarray, sides: int):
    """Bark ridges and knobs: each ring pushed out and in around the axis."""
    v = np.asarray(mesh.vertices).reshape(len(path), sides + 1, 3)
    offset = v - path[:, None, :]
    ang = np.linspace(0.0, 2 * np.pi, sides + 1)[None, :]
    rows = np.arange(len(path))[:, None]
    ridges = 0.035 * np.cos(ang * 7 + rows * 0.35) + 0.025 * np.cos(ang * 3 + rng.uniform(0, 6))
    knobs = rng.normal(0.0, 0.02, (len(path), sides + 1))
    knobs[:, -1] = knobs[:, 0]                                        # the seam stays closed
    v = path[:, None, :] + offset * (1.0 + ridges + knobs)[..., None]
    mesh.vertices = v.reshape(-1, 3)
    return mesh


def _end_ring(centre: np.ndarray, axis: np.ndarray, radius: float, sides: int):
    axis = axis / np.linalg.norm(axis)
    u = np.cross(axis, [0.0, 0.0, 1.0])
    u = u / max(np.linalg.norm(u), 1e-9) if np.linalg.norm(u) > 1e-6 else np.array([0.0, 1.0, 0.0])
    w = np.cross(axis, u)
    ang = np.linspace(0.0, 2 * np.pi, sides, endpoint=False)
    ring = centre + radius * (np.cos(ang)[:, None] * u + np.sin(ang)[:, None] * w)
    return ring, axis, u, w


def _fan(points: np.ndarray, tip: np.ndarray, u: np.ndarray, w: np.ndarray):
    verts = np.vstack([points, tip])
    n = len(points)
    faces = np.array([[i, (i + 1) % n, n] for i in range(n)])
    uv = np.column_stack([(verts - tip) @ u, (verts - tip) @ w])
    return new_mesh(verts, faces, uv)


def _sawn_end(centre, axis, radius: float):
    """A flat saw cut (end grain in the wood material), just inside the bark."""
    ring, axis, u, w = _end_ring(np.asarray(centre, float), np.asarray(axis, float),
                                 radius * 0.97, 16)
    return _fan(ring + axis * 0.004, np.asarray(centre, float) + axis * 0.004, u, w)


def _splintered_end(rng, centre, axis, radius: float):
    """A snapped end: splinters of uneven length standing out of a torn face."""
    ring, axis, u, w = _end_ring(np.asarray(centre, float), np.asarray(axis, float),
                                 radius * 0.95, 16)
    spikes = ring + axis * rng.uniform(0.0, 0.45, (16, 1)) * radius
    tip = np.asarray(centre, float) + axis * 0.2 * radius
    return _fan(spikes, tip, u, w)


def fallen_branch(rng: np.random.Generator) -> PropModel:
    """Forest floor litter: a dead branch on the ground, a bent limb with a twig or two."""
    length = rng.uniform(0.6, 1.6)
    t = np.linspace(0.0, 1.0, 7)
    path = np.column_stack([(t - 0.5) * length, rng.normal(0, 0.05) * np.sin(np.pi * t) * 3,
                            np.full_like(t, 0.02)])
    r = rng.uniform(0.012, 0.03)
    limbs = [sweep(path, r * (1.0 - 0.6 * t) + 0.002, 6)]
    for _ in range(int(rng.integers(1, 3))):
        k = int(rng.integers(1, 5))
        a = rng.choice([-1.0, 1.0]) * rng.uniform(0.4, 1.0)
        tip = path[k] + np.array([np.cos(a), np.sin(a), 0.02]) * rng.uniform(0.15, 0.4)
        limbs.append(sweep([path[k], (path[k] + tip) / 2, tip], [r * 0.5, r * 0.35, 0.003], 5))
    return PropModel("fallen_branch", "Fallen Branch", [Piece("", merge(limbs), "fallen_bark")])


def dead_shrub(rng: np.random.Generator) -> PropModel:
    """Dry desert scrub: a tangle of thin twigs from one root."""
    twigs = []
    for k in range(14):
        a, lean = rng.uniform(0, 2 * np.pi), rng.uniform(0.3, 1.1)
        length = rng.uniform(0.4, 0.9)
        tip = (np.cos(a) * lean * length, np.sin(a) * lean * length, length)
        twigs.append(tube((0, 0, 0), tip, 0.012, 5, r1=0.004))
    return PropModel("dead_shrub", "Dry Scrub", [Piece("", merge(twigs), "bark")])
