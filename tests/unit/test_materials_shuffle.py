"""Tiled materials do not show a repeat at 3 x 3 tiles: the shifted second sample the
shader switches to makes neighbouring tiles differ, and grids stay in register."""

from __future__ import annotations

import numpy as np
import pytest

from ai_sets_addon.generation.materials import FAMILIES, generate_maps
from ai_sets_addon.generation.materials.shuffle import angle_for, offset_for, shuffled
from ai_sets_addon.model.plan import MaterialRequest

N = 128


def slow_mask(size: int, cycles: float) -> np.ndarray:
    """A smooth 0..1 switch over the surface, like the shader's noise after its ramp."""
    y, x = np.mgrid[0:size, 0:size] / size * cycles * 2 * np.pi
    field = np.sin(x * 0.9 + 1.3) * np.sin(y * 1.1 + 0.4) + 0.5 * np.sin(x * 0.5 - y * 0.7)
    return np.clip((field + 0.1) * 4.0, 0.0, 1.0)


def tile_correlation(img: np.ndarray, n: int) -> float:
    """Mean correlation of each tile of a 3 x 3 block with the centre tile."""
    centre = img[n:2 * n, n:2 * n].ravel()
    scores = []
    for i in range(3):
        for j in range(3):
            if (i, j) != (1, 1):
                other = img[i * n:(i + 1) * n, j * n:(j + 1) * n].ravel()
                scores.append(np.corrcoef(centre, other)[0, 1])
    return float(np.mean(scores))


@pytest.mark.parametrize("family", ["concrete", "plaster", "asphalt", "sand"])
def test_three_by_three_shows_no_identical_repeat(family: str) -> None:
    tile = generate_maps(MaterialRequest("m", family, seed=2), N).base_color.mean(-1)
    plain = np.tile(tile, (3, 3))
    assert tile_correlation(plain, N) > 0.99                 # today: the same tile 9 times
    mixed = shuffled(tile, 3, slow_mask(3 * N, 3 * 0.6), offset_for(family), angle_for(family))
    assert tile_correlation(mixed, N) < 0.6


def test_unit_layouts_are_left_alone_and_formwork_shifts_by_a_whole_panel() -> None:
    for family in ("brick", "subway_tiles", "wood_planks", "cobblestone", "parquet"):
        assert offset_for(family) is None
    du, dv = offset_for("cast_concrete")
    tile_m = FAMILIES["cast_concrete"].tile_m
    assert (du * tile_m) % 1.2 == pytest.approx(0.0) and (dv * tile_m) % 2.4 == pytest.approx(0.0)
    assert angle_for("cast_concrete") == 0.0 and angle_for("brushed_metal") == 0.0


def test_every_shuffled_family_exists() -> None:
    from ai_sets_addon.generation.materials.shuffle import OFFSETS
    assert set(OFFSETS) <= set(FAMILIES)
