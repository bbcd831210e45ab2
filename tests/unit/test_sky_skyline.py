"""Windows look out on something: the skyline stands on the horizon of interior skies,
darker than the bright horizon by day, with lit windows at night; none by default."""

from __future__ import annotations

import numpy as np

from ai_sets_addon.model.plan import SkyRequest
from ai_sets_addon.generation.sky import render_sky
from ai_sets_addon.generation.sky.equirect import row_elevations
from ai_sets_addon.generation.sky.spectrum import luminance

WIDTH = 1024


def _band(rgb: np.ndarray, lo: float, hi: float) -> np.ndarray:
    rows = row_elevations(rgb.shape[0])
    return luminance(rgb[(rows > lo) & (rows < hi)])


def test_no_skyline_unless_asked():
    plain = render_sky(SkyRequest(time_of_day="afternoon", seed=3), WIDTH).rgb
    again = render_sky(SkyRequest(time_of_day="afternoon", seed=3, skyline=""), WIDTH).rgb
    assert np.array_equal(plain, again)


def test_day_skyline_is_darker_than_the_horizon_sky_it_stands_on():
    plain = render_sky(SkyRequest(time_of_day="afternoon", seed=3), WIDTH).rgb
    city = render_sky(SkyRequest(time_of_day="afternoon", seed=3, skyline="city"), WIDTH).rgb
    low_plain, low_city = _band(plain, 0.2, 1.5), _band(city, 0.2, 1.5)
    assert np.median(low_city) < 0.8 * np.median(low_plain)
    assert np.array_equal(plain[: WIDTH // 8], city[: WIDTH // 8])     # the sky above: as is
    assert np.isfinite(city).all()


def test_night_city_has_lit_windows_brighter_than_its_walls():
    night = render_sky(SkyRequest(time_of_day="night", seed=3, skyline="city"), WIDTH).rgb
    band = _band(night, 0.1, 2.0)
    typical = np.median(band)
    assert typical > 0 and np.mean(band > 10 * typical) > 0.002
