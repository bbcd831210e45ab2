"""Periodic noise, layouts at true size, and the normal-map convention."""

from __future__ import annotations

import numpy as np

from ai_sets_addon.generation.materials import layouts, noise
from ai_sets_addon.generation.materials.maps import normal_from_height


def _seam_ratio(img: np.ndarray) -> float:
    inner = np.abs(np.diff(img, axis=1)).mean()
    return float(np.abs(img[:, 0] - img[:, -1]).mean() / inner)


def test_spectral_noise_is_periodic_unit_and_deterministic():
    a = noise.spectral(np.random.default_rng(1), 256, low=2, high=40)
    b = noise.spectral(np.random.default_rng(1), 256, low=2, high=40)
    assert np.array_equal(a, b) and a.dtype == np.float32
    assert abs(a.std() - 1.0) < 0.1 and abs(a.mean()) < 0.1
    assert _seam_ratio(a) < 1.5 and _seam_ratio(a.T) < 1.5


def test_resample_is_exactly_periodic():
    small = np.random.default_rng(0).standard_normal((16, 16)).astype(np.float32)
    big = noise.resample(small, 128)
    shifted = noise.resample(np.roll(small, 4, axis=1), 128)
    assert np.allclose(np.roll(big, 32, axis=1), shifted, atol=1e-5)


def test_worley_is_periodic():
    f1, f2, ids = noise.worley(np.random.default_rng(0), 128, 8)
    assert (f2 >= f1).all() and ids.max() < 64
    assert _seam_ratio(f1) < 1.5


def test_bricks_are_215_by_65_mm_with_10_mm_joints():
    n, tile = 1800, 1.8          # 1 mm pixels
    cells = layouts.running_bond(n, tile, cols=8, rows=24, gap_m=0.010)
    row = cells.edge_m[n // 48]                       # a pixel row inside a course
    brick = row > 0
    runs = np.diff(np.flatnonzero(np.diff(brick.astype(np.int8)) != 0))
    assert set(np.round(runs[::2] if brick[0] else runs[1::2])) <= {215, 216, 214}


def test_herringbone_blocks_cover_the_tile():
    cells = layouts.herringbone(280, 1.4, 0.07, 5)
    assert cells.along.mean() == 0.5
    assert cells.edge_m.max() <= 0.035 + 1e-6


def test_normal_map_is_opengl_green_up():
    """A bump in the middle: texels above it (towards row 0, +v) lean up (+Y)."""
    y, x = np.mgrid[0:64, 0:64]
    bump = np.exp(-((x - 32) ** 2 + (y - 32) ** 2) / 50.0).astype(np.float32) * 0.01
    n = normal_from_height(bump, 0.001)
    assert n[26, 32, 1] > 0.1          # row above the peak: normal points to +v (up)
    assert n[38, 32, 1] < -0.1
    assert n[32, 38, 0] > 0.1          # right of the peak: normal points to +u
