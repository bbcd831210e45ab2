"""Every material family builds at 256², tiles exactly, and stays physically plausible."""

from __future__ import annotations

import numpy as np
import pytest

from ai_sets_addon.generation.materials import FAMILIES, generate_maps
from ai_sets_addon.model.plan import MaterialRequest
from ai_sets_addon.generation.vocabulary import MATERIAL_FAMILIES

SIZE = 256


@pytest.fixture(scope="module")
def all_maps():
    return {f: generate_maps(MaterialRequest(key=f, family=f, seed=7), SIZE)
            for f in MATERIAL_FAMILIES}


def test_every_vocabulary_family_is_implemented():
    assert set(MATERIAL_FAMILIES) <= set(FAMILIES)
    assert len(FAMILIES) >= 18


@pytest.mark.parametrize("family", MATERIAL_FAMILIES)
def test_family_builds_complete_float32_maps(all_maps, family):
    m = all_maps[family]
    assert m.family == family
    assert m.base_color.shape == (SIZE, SIZE, 3) and m.normal.shape == (SIZE, SIZE, 3)
    for name in ("base_color", "normal", "roughness", "height", "ao"):
        arr = getattr(m, name)
        assert arr.dtype == np.float32, name
        assert np.isfinite(arr).all(), name
    assert m.tile_size_m[0] == m.tile_size_m[1] == FAMILIES[family].tile_m
    assert m.displacement_m > 0


@pytest.mark.parametrize("family", MATERIAL_FAMILIES)
def test_values_are_physically_plausible(all_maps, family):
    m, fam = all_maps[family], FAMILIES[family]
    metal = m.metallic if m.metallic is not None else np.full(m.roughness.shape,
                                                              m.metallic_value)
    dielectric = m.base_color[metal < 0.5]
    if dielectric.size:
        assert dielectric.min() >= 30 / 255 - 1e-6 and dielectric.max() <= 240 / 255 + 1e-6
    assert 0.02 - 1e-6 <= m.roughness.min() and m.roughness.max() <= 1.0
    lo, hi = fam.roughness
    median = float(np.median(m.roughness))
    assert lo - 0.05 <= median <= hi + 0.05, (family, median, fam.roughness)
    assert 0.0 <= m.ao.min() and m.ao.max() <= 1.0 and m.ao.mean() > 0.6
    assert m.height.min() == pytest.approx(0.0) and m.height.max() == pytest.approx(1.0)
    lengths = np.linalg.norm(m.normal, axis=-1)
    assert np.allclose(lengths, 1.0, atol=1e-4)
    assert (m.normal[..., 2] > 0).all()
    assert fam.metal == (m.metallic_value > 0.2 or m.metallic is not None)


def _wrap_ok(img: np.ndarray, axis: int) -> tuple[float, float]:
    """Mean |difference| across the wrap vs the worst of the interior neighbour pairs."""
    a = np.moveaxis(img, axis, 0)
    a = a.reshape(a.shape[0], -1).astype(np.float64)
    inner = np.abs(np.diff(a, axis=0)).mean(axis=1)          # per neighbouring pair
    wrap = np.abs(a[0] - a[-1]).mean()
    return wrap, inner.mean() + 4.0 * inner.std()


@pytest.mark.parametrize("family", MATERIAL_FAMILIES)
def test_maps_tile_exactly(all_maps, family):
    m = all_maps[family]
    for name in ("base_color", "height", "roughness", "normal", "ao"):
        img = getattr(m, name)
        for axis in (0, 1):
            wrap, limit = _wrap_ok(img, axis)
            assert wrap <= limit, (family, name, axis, wrap, limit)


@pytest.mark.parametrize("family", MATERIAL_FAMILIES)
def test_tiled_3x3_shows_no_obvious_repeat(all_maps, family):
    """What the eye picks up on a wall of repeats is a blotch as big as the tile: the
    tile-sized (1 cycle per tile) share of the luminance variance stays small, larger
    variation being left to the shader's world-space noise. And no short inner period:
    the tile's quadrants differ."""
    lum = all_maps[family].base_color.mean(axis=2).astype(np.float64)
    power = np.abs(np.fft.fft2(lum - lum.mean())) ** 2
    f = np.fft.fftfreq(SIZE, 1.0 / SIZE)
    radius = np.hypot(f[:, None], f[None, :])
    assert power[(radius > 0) & (radius < 1.5)].sum() / power.sum() < 0.08
    h = SIZE // 2
    quads = [lum[:h, :h], lum[:h, h:], lum[h:, :h], lum[h:, h:]]
    assert min(np.abs(quads[0] - q).mean() for q in quads[1:]) > 1e-3
