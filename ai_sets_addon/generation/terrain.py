"""Terrain heightfields: noise, dune and valley shapes, droplet and thermal erosion,
and a mesh that is dense where the camera stands and sparse toward the horizon.

A terrain is a height function z(x, y) in metres. The core (where the set is) is a
regular grid that erosion works on; outside it the same noise continues without
erosion, blended at the edge, so the land runs to the horizon without a seam. The
mesh is a tensor grid whose spacing grows geometrically away from the centre:
~1 m cells under the camera, tens of metres at a kilometre, about 40k triangles.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import trimesh

from .mesh import new_mesh, subset

HeightFn = Callable[[np.ndarray, np.ndarray], np.ndarray]


# --------------------------------------------------------------------------- noise

class Noise:
    """Seeded 2D value noise in [-1, 1] at any coordinates (quintic-smoothed lattice)."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.perm = rng.permutation(512).astype(np.int64)
        self.values = rng.uniform(-1.0, 1.0, 512)

    def _lattice(self, ix: np.ndarray, iy: np.ndarray) -> np.ndarray:
        return self.values[self.perm[(self.perm[ix & 511] + iy) & 511]]

    def __call__(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        x, y = np.asarray(x, float), np.asarray(y, float)
        x0, y0 = np.floor(x), np.floor(y)
        fx, fy = x - x0, y - y0
        ix, iy = x0.astype(np.int64), y0.astype(np.int64)
        sx = fx * fx * fx * (fx * (fx * 6 - 15) + 10)
        sy = fy * fy * fy * (fy * (fy * 6 - 15) + 10)
        a, b = self._lattice(ix, iy), self._lattice(ix + 1, iy)
        c, d = self._lattice(ix, iy + 1), self._lattice(ix + 1, iy + 1)
        return (a + (b - a) * sx) * (1 - sy) + (c + (d - c) * sx) * sy

    def fbm(self, x, y, wavelength: float, octaves: int = 5, gain: float = 0.5,
            ridged: bool = False) -> np.ndarray:
        """Fractal sum; `ridged` folds each octave (sharp crests: rock, ridgelines)."""
        total = np.zeros(np.broadcast(x, y).shape)
        amp, freq, norm = 1.0, 1.0 / wavelength, 0.0
        for octave in range(octaves):
            n = self(np.asarray(x) * freq + 17.3 * octave, np.asarray(y) * freq - 9.1 * octave)
            total += amp * ((1.0 - np.abs(n)) * 2 - 1 if ridged else n)
            norm += amp
            amp *= gain
            freq *= 2.03
        return total / norm


def smoothstep(e0: float, e1: float, x: np.ndarray) -> np.ndarray:
    t = np.clip((x - e0) / (e1 - e0), 0.0, 1.0)
    return t * t * (3 - 2 * t)


# --------------------------------------------------------------------------- erosion

def droplet_erosion(h: np.ndarray, cell: float, rng: np.random.Generator,
                    droplets: int = 12000, steps: int = 36, strength: float = 1.0) -> np.ndarray:
    """Hydraulic erosion by many water droplets at once (vectorised): each runs
    downhill, picks up sediment where it speeds up and drops it where it slows,
    which cuts gullies into slopes and fans silt out at their feet."""
    h = h / cell                                  # work in cell units: slope = dh
    batch = 1500                                  # droplets running at the same time
    for start in range(0, droplets, batch):
        _droplet_batch(h, rng, min(batch, droplets - start), steps, strength)
    return h * cell


def _droplet_batch(h: np.ndarray, rng: np.random.Generator, droplets: int, steps: int,
                   strength: float) -> None:
    """One batch of droplets; each erodes at most a fifth of the drop it sees, so
    droplets sharing a cell cannot dig a runaway pit between them."""
    ny, nx = h.shape
    pos = np.column_stack([rng.uniform(1, nx - 2, droplets), rng.uniform(1, ny - 2, droplets)])
    vel = np.zeros_like(pos)
    speed, water, sed = np.ones(droplets), np.ones(droplets), np.zeros(droplets)
    alive = np.ones(droplets, bool)
    for _ in range(steps):
        ix = np.clip(pos[:, 0].astype(int), 0, nx - 2)
        iy = np.clip(pos[:, 1].astype(int), 0, ny - 2)
        fx, fy = pos[:, 0] - ix, pos[:, 1] - iy
        h00, h10, h01, h11 = h[iy, ix], h[iy, ix + 1], h[iy + 1, ix], h[iy + 1, ix + 1]
        gx = (h10 - h00) * (1 - fy) + (h11 - h01) * fy
        gy = (h01 - h00) * (1 - fx) + (h11 - h10) * fx
        here = h00 * (1 - fx) * (1 - fy) + h10 * fx * (1 - fy) + h01 * (1 - fx) * fy + h11 * fx * fy
        vel = vel * 0.3 - np.column_stack([gx, gy]) * 0.7
        norm = np.linalg.norm(vel, axis=1)
        moving = alive & (norm > 1e-9)
        vel[moving] /= norm[moving, None]
        new = pos + vel
        inside = (new[:, 0] >= 0) & (new[:, 0] < nx - 1) & (new[:, 1] >= 0) & (new[:, 1] < ny - 1)
        alive &= moving & inside
        there = _bilinear(h, np.clip(new, 0, [nx - 1.001, ny - 1.001]))
        dh = there - here
        capacity = np.maximum(-dh, 0.01) * speed * water * 4.0
        depositing = (sed > capacity) | (dh > 0)
        amount = np.where(depositing,
                          np.where(dh > 0, np.minimum(dh, sed), (sed - capacity) * 0.3),
                          -np.minimum((capacity - sed) * 0.3, -dh * 0.2) * strength)
        amount = np.where(alive, amount, 0.0)
        sed = np.maximum(sed - amount, 0.0)
        _splat(h, ix, iy, fx, fy, amount)
        speed = np.minimum(np.sqrt(np.maximum(speed ** 2 - dh * 4.0, 0.0)), 4.0)
        water *= 0.97
        pos = np.where(alive[:, None], new, pos)
        if not alive.any():
            break


def _bilinear(h: np.ndarray, pos: np.ndarray) -> np.ndarray:
    ix, iy = pos[:, 0].astype(int), pos[:, 1].astype(int)
    fx, fy = pos[:, 0] - ix, pos[:, 1] - iy
    return (h[iy, ix] * (1 - fx) * (1 - fy) + h[iy, ix + 1] * fx * (1 - fy)
            + h[iy + 1, ix] * (1 - fx) * fy + h[iy + 1, ix + 1] * fx * fy)


def _splat(h: np.ndarray, ix, iy, fx, fy, amount) -> None:
    """Add `amount` to the four cells around each droplet (bincount: fast scatter-add)."""
    ny, nx = h.shape
    flat = h.reshape(-1)
    for dx, dy, w in ((0, 0, (1 - fx) * (1 - fy)), (1, 0, fx * (1 - fy)),
                      (0, 1, (1 - fx) * fy), (1, 1, fx * fy)):
        flat += np.bincount((iy + dy) * nx + ix + dx, weights=amount * w, minlength=flat.size)


def thermal_erosion(h: np.ndarray, cell: float, talus_deg: float = 33.0,
                    iterations: int = 8, rate: float = 0.4) -> np.ndarray:
    """Material slides off slopes steeper than the angle of repose (scree, slip
    faces); wraps no edges, conserves volume."""
    h = h.copy()
    limit = np.tan(np.radians(talus_deg)) * cell
    for _ in range(iterations):
        for axis in (0, 1):
            diff = np.diff(h, axis=axis)
            excess = np.sign(diff) * np.maximum(np.abs(diff) - limit, 0.0) * rate / 2
            if axis == 0:
                h[:-1] += excess
                h[1:] -= excess
            else:
                h[:, :-1] += excess
                h[:, 1:] -= excess
    return h


# --------------------------------------------------------------------------- terrain

@dataclass
class Terrain:
    """A height function with an eroded core grid; `z(x, y)` works on arrays."""

    far: HeightFn                  # the land everywhere (no erosion)
    core: np.ndarray | None = None  # eroded heights on a regular grid
    core_origin: tuple[float, float] = (0.0, 0.0)
    core_cell: float = 1.0

    def z(self, x, y) -> np.ndarray:
        x, y = np.asarray(x, float), np.asarray(y, float)
        far = self.far(x, y)
        if self.core is None:
            return far
        ny, nx = self.core.shape
        gx = (x - self.core_origin[0]) / self.core_cell
        gy = (y - self.core_origin[1]) / self.core_cell
        edge = np.minimum(np.minimum(gx, nx - 1 - gx), np.minimum(gy, ny - 1 - gy))
        blend = smoothstep(0.0, 8.0, edge)
        pos = np.column_stack([np.clip(gx, 0, nx - 1.001).ravel(), np.clip(gy, 0, ny - 1.001).ravel()])
        core = _bilinear(self.core, pos).reshape(np.shape(x))
        return far + (core - far) * blend

    def height(self, x: float, y: float) -> float:
        return float(self.z(np.array([x]), np.array([y]))[0])

    def slope_deg(self, x: float, y: float, d: float = 0.5) -> float:
        gx = (self.height(x + d, y) - self.height(x - d, y)) / (2 * d)
        gy = (self.height(x, y + d) - self.height(x, y - d)) / (2 * d)
        return float(np.degrees(np.arctan(np.hypot(gx, gy))))


def eroded(far: HeightFn, rng: np.random.Generator, centre: tuple[float, float],
           size: float, cell: float = 1.0, droplets: int = 12000,
           talus_deg: float = 38.0) -> Terrain:
    """A Terrain whose core square around `centre` is eroded by water then gravity."""
    n = int(size / cell) + 1
    x0, y0 = centre[0] - size / 2, centre[1] - size / 2
    xs, ys = x0 + np.arange(n) * cell, y0 + np.arange(n) * cell
    gx, gy = np.meshgrid(xs, ys)
    base = far(gx, gy)
    h = droplet_erosion(base, cell, rng, droplets=droplets)
    h = thermal_erosion(h, cell, talus_deg, iterations=6)
    return Terrain(far, h, (x0, y0), cell)


def graded_axis(half: float, fine: float, centre_half: float, growth: float = 1.12) -> np.ndarray:
    """Coordinates from -half to +half: `fine` spacing within ±centre_half, then each
    step `growth` times the previous (far land needs fewer vertices)."""
    inner = np.arange(0.0, centre_half + 1e-9, fine)
    steps, x, step = [], inner[-1], fine
    while x < half:
        step *= growth
        x = min(x + step, half)
        steps.append(x)
    pos = np.concatenate([inner, steps])
    return np.concatenate([-pos[:0:-1], pos])


def terrain_mesh(terrain: Terrain, xs: np.ndarray, ys: np.ndarray,
                 offset: tuple[float, float] = (0.0, 0.0)) -> trimesh.Trimesh:
    """A shared-vertex grid (smooth shading) with UVs = world XY in metres; each cell
    is split along the diagonal that follows the surface best (fewer zig-zags)."""
    gx, gy = np.meshgrid(xs + offset[0], ys + offset[1])
    gz = terrain.z(gx, gy)
    verts = np.column_stack([gx.ravel(), gy.ravel(), gz.ravel()])
    ny, nx = gz.shape
    idx = np.arange(nx * ny).reshape(ny, nx)
    a, b = idx[:-1, :-1].ravel(), idx[:-1, 1:].ravel()
    c, d = idx[1:, 1:].ravel(), idx[1:, :-1].ravel()
    flip = np.abs(gz[:-1, :-1] - gz[1:, 1:]).ravel() > np.abs(gz[:-1, 1:] - gz[1:, :-1]).ravel()
    tri1 = np.where(flip[:, None], np.column_stack([a, b, d]), np.column_stack([a, b, c]))
    tri2 = np.where(flip[:, None], np.column_stack([b, c, d]), np.column_stack([a, c, d]))
    return new_mesh(verts, np.vstack([tri1, tri2]), verts[:, :2])


def split_faces(mesh: trimesh.Trimesh, mask: np.ndarray) -> tuple[trimesh.Trimesh, trimesh.Trimesh]:
    """Two meshes from one by a per-face mask (e.g. flat floor vs steep rock), each
    keeping only the vertices it uses; the shared border stays watertight to the eye."""
    return subset(mesh, mask), subset(mesh, ~mask)


def majority_filtered(mesh: trimesh.Trimesh, mask: np.ndarray, passes: int = 3) -> np.ndarray:
    """A per-face mask with its specks removed: a face joins the side of at least two of
    its three edge neighbours (a lone rock triangle in the sand read as a shard)."""
    pairs = mesh.face_adjacency
    out = np.asarray(mask, bool).copy()
    degree = np.bincount(pairs.ravel(), minlength=len(out))
    for _ in range(passes):
        votes = np.zeros(len(out))
        np.add.at(votes, pairs[:, 0], out[pairs[:, 1]])
        np.add.at(votes, pairs[:, 1], out[pairs[:, 0]])
        full = degree >= 3
        out = np.where(full & (votes >= 2), True, np.where(full & (votes <= degree - 2), False, out))
    return out


def face_slope_deg(mesh: trimesh.Trimesh) -> np.ndarray:
    tris = mesh.vertices[mesh.faces]
    n = np.cross(tris[:, 1] - tris[:, 0], tris[:, 2] - tris[:, 0])
    n /= np.maximum(np.linalg.norm(n, axis=1), 1e-12)[:, None]
    return np.degrees(np.arccos(np.clip(n[:, 2], -1.0, 1.0)))
