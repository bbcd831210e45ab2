"""Cast concrete walls carry their formwork: 1.2 x 2.4 m panel joints and 25 mm tie
holes where a set designer expects them, and a concrete wall in a set gets them."""

from __future__ import annotations

import numpy as np
import pytest

from ai_sets_addon.generation.archetypes import common
from ai_sets_addon.generation.materials import generate_maps
from ai_sets_addon.generation.materials.concrete import PANEL_H, PANEL_W, TIE_X, TIE_Y
from ai_sets_addon.model.plan import MaterialRequest
from ai_sets_addon.generation.prompt import parse_prompt

SIZE = 1024


@pytest.fixture(scope="module")
def maps():
    return generate_maps(MaterialRequest("walls", "cast_concrete", seed=3), SIZE)


def px(metres: float, tile_m: float) -> int:
    return int(round(metres / tile_m * SIZE))


def test_tie_holes_are_dark_recessed_dots_on_the_panel_grid(maps) -> None:
    tile = maps.tile_size_m[0]
    lum = maps.base_color.mean(-1)
    paste = float(np.median(lum))
    for tx in TIE_X:
        for ty in TIE_Y:
            i, j = px(ty, tile), px(tx, tile)
            assert lum[i, j] < 0.6 * paste                        # a dark hole
            assert maps.height[i, j] < np.median(maps.height)     # recessed
            ring = lum[i, j + px(0.06, tile)]                      # 6 cm away: wall again
            assert ring > 0.75 * paste
    holes = lum < 0.6 * paste
    share = holes.mean()
    # 6 holes of 25 mm per 1.2 x 2.4 m panel (bug holes add a little)
    expect = 6 * np.pi * 0.0125 ** 2 / (PANEL_W * PANEL_H)
    assert expect * 0.25 < share < expect * 4


def test_panel_joints_run_along_the_grid(maps) -> None:
    tile = maps.tile_size_m[0]
    lum = maps.base_color.mean(-1)
    joint_col = px(PANEL_W, tile)
    beside = lum[:, joint_col + px(0.1, tile)]
    assert np.median(lum[:, joint_col]) < np.median(beside) - 0.02


def test_a_concrete_wall_in_a_set_is_cast_against_forms() -> None:
    spec = parse_prompt("a concrete warehouse with concrete walls", seed=1)
    walls = common.material(spec, "walls", "walls", "brick")
    floor = common.material(spec, "floor", "floor", "concrete")
    assert walls.family == "cast_concrete"
    assert floor.family == "concrete"       # slabs are floated, not formed
