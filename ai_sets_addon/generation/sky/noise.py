"""Seeded value noise and fBm (numpy, float32, deterministic for a seed).

Noise is sampled at 3D points (where view rays meet the cloud layer), never on image
coordinates, so a sky has no seam at 0/360 degrees and no pinching at the poles.
"""

from __future__ import annotations

import numpy as np

_SIZE = 256
_MASK = _SIZE - 1


class ValueNoise:
    """2D value noise over a seeded 256x256 lattice with quintic interpolation."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.table = rng.random((_SIZE, _SIZE), dtype=np.float32) * 2.0 - 1.0
        self.offsets = rng.random((16, 2)) * _SIZE
        self.angles = rng.random(16) * 2.0 * np.pi

    def __call__(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        xf, yf = np.floor(x), np.floor(y)
        fx, fy = (x - xf).astype(np.float32), (y - yf).astype(np.float32)
        i0 = xf.astype(np.int64) & _MASK
        j0 = yf.astype(np.int64) & _MASK
        i1, j1 = (i0 + 1) & _MASK, (j0 + 1) & _MASK
        sx = fx * fx * fx * (fx * (fx * 6 - 15) + 10)
        sy = fy * fy * fy * (fy * (fy * 6 - 15) + 10)
        t = self.table
        top = t[j0, i0] + (t[j0, i1] - t[j0, i0]) * sx
        bottom = t[j1, i0] + (t[j1, i1] - t[j1, i0]) * sx
        return top + (bottom - top) * sy

    def fbm(self, x: np.ndarray, y: np.ndarray, octaves: int, *, gain: float = 0.5,
            lacunarity: float = 2.03, footprint: np.ndarray | None = None) -> np.ndarray:
        """Fractal sum in [-1, 1]-ish; octaves finer than `footprint` (lattice units) fade out."""
        total = np.zeros(np.shape(x), np.float32)
        amp, freq, norm = 1.0, 1.0, 0.0
        for o in range(octaves):
            c, s = np.cos(self.angles[o]), np.sin(self.angles[o])
            u = (x * c - y * s) * freq + self.offsets[o, 0]
            v = (x * s + y * c) * freq + self.offsets[o, 1]
            weight = amp
            if footprint is not None:
                weight = amp * np.clip(1.5 - footprint * freq, 0.0, 1.0).astype(np.float32)
            total += self(u, v) * weight
            norm += amp
            amp *= gain
            freq *= lacunarity
        return total / np.float32(norm)
