"""Clouds take the colour of the light that reaches them: a low sun's light, reddened by
the long path through the air, makes golden-hour clouds warmer than noon's."""

from __future__ import annotations

import numpy as np
import pytest

from ai_sets_addon.model.plan import SkyRequest
from ai_sets_addon.generation.sky import render_sky
from ai_sets_addon.generation.sky.atmosphere import atmosphere_for_haze
from ai_sets_addon.generation.sky.clouds import view_transmittance

W = 512


def cloud_red_over_blue(time_of_day: str) -> float:
    """R/B of the light the clouds add over the clear sky at the same sun (upper half)."""
    cloudy = render_sky(SkyRequest(time_of_day=time_of_day, cloud_cover="scattered", seed=3), W)
    clear = render_sky(SkyRequest(time_of_day=time_of_day, cloud_cover="clear", seed=3), W)
    top = slice(0, W // 4 - 8)          # above the horizon, where clouds are seen
    a, b = cloudy.rgb[top], clear.rgb[top]
    cloud = np.abs(a - b).sum(-1) > 0.05 * a.sum(-1)
    assert cloud.mean() > 0.05, "the scattered sky shows clouds"
    px = a[cloud]
    return float(px[:, 0].sum() / px[:, 2].sum())


@pytest.fixture(scope="module")
def ratios() -> dict[str, float]:
    return {t: cloud_red_over_blue(t) for t in ("noon", "golden_hour")}


def test_golden_hour_clouds_are_warmer_than_noon(ratios: dict[str, float]) -> None:
    assert ratios["golden_hour"] > 1.4 * ratios["noon"]


def test_noon_clouds_stay_near_white(ratios: dict[str, float]) -> None:
    assert 0.8 < ratios["noon"] < 1.3


def test_far_clouds_are_seen_through_reddening_air() -> None:
    """Light from a cloud near the horizon crosses tens of km of air: blue is lost first."""
    t = view_transmittance(atmosphere_for_haze(0.0), np.array([3.0, 60.0]), 1500.0)[:, 0]
    low, high = t
    assert np.all(high > 0.9)                       # overhead: almost nothing in the way
    assert low[0] > low[2] and low[2] < 0.6         # near the horizon: red over blue
