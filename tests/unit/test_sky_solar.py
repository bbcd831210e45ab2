"""Sun and moon positions: SPA's published test case, an independent low-precision
reference across 1950-2100, time-of-day words (EN/FR) and bad place/time input."""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone

import numpy as np
import pytest

from ai_sets_addon.core.errors import InputError
from ai_sets_addon.model.plan import SkyRequest
from ai_sets_addon.generation.sky.resolve import resolve_lights
from ai_sets_addon.generation.sky.solar import (moon_position, parse_datetime,
                                                solar_position, time_of_day_key)


def test_spa_published_case() -> None:
    """Reda & Andreas (2004), Table A5.1: Golden, Colorado, 17 Oct 2003 12:30:30 -07:00."""
    when = datetime(2003, 10, 17, 12, 30, 30, tzinfo=timezone(timedelta(hours=-7)))
    pos = solar_position(when, 39.742476, -105.1786, elevation_m=1830.14,
                         pressure_hpa=820.0, temperature_c=11.0, delta_t=67.0)
    assert pos.zenith_deg == pytest.approx(50.11162, abs=1e-4)
    assert pos.azimuth_deg == pytest.approx(194.34024, abs=1e-4)


def _reference_sun(when: datetime, lat: float, lon: float) -> tuple[float, float]:
    """Independent check: Meeus, Astronomical Algorithms ch. 25 'low accuracy' sun
    (apparent longitude to 0.01 deg) + ch. 12 sidereal time; geometric elevation."""
    jd = when.timestamp() / 86400.0 + 2440587.5
    t = (jd - 2451545.0) / 36525.0
    l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t
    m = math.radians(357.52911 + 35999.05029 * t - 0.0001537 * t * t)
    c = ((1.914602 - 0.004817 * t - 0.000014 * t * t) * math.sin(m)
         + (0.019993 - 0.000101 * t) * math.sin(2 * m) + 0.000289 * math.sin(3 * m))
    omega = math.radians(125.04 - 1934.136 * t)
    lam = math.radians(l0 + c - 0.00569 - 0.00478 * math.sin(omega))
    eps0 = 23.0 + (26.0 + (21.448 - t * (46.815 + t * (0.00059 - t * 0.001813))) / 60) / 60
    eps = math.radians(eps0 + 0.00256 * math.cos(omega))
    ra = math.atan2(math.cos(eps) * math.sin(lam), math.cos(lam))
    dec = math.asin(math.sin(eps) * math.sin(lam))
    gmst = 280.46061837 + 360.98564736629 * (jd - 2451545.0) + 0.000387933 * t * t
    ha = math.radians(gmst + lon) - ra
    phi = math.radians(lat)
    el = math.asin(math.sin(phi) * math.sin(dec) + math.cos(phi) * math.cos(dec) * math.cos(ha))
    az = math.atan2(-math.sin(ha), math.tan(dec) * math.cos(phi) - math.sin(phi) * math.cos(ha))
    return math.degrees(el), math.degrees(az) % 360.0


def test_spa_agrees_with_independent_reference_1950_2100() -> None:
    rng = np.random.default_rng(1)
    start = datetime(1950, 1, 1, tzinfo=timezone.utc).timestamp()
    end = datetime(2100, 12, 31, tzinfo=timezone.utc).timestamp()
    worst_el = worst_az = 0.0
    for _ in range(300):
        when = datetime.fromtimestamp(rng.uniform(start, end), tz=timezone.utc)
        lat, lon = rng.uniform(-89.0, 89.0), rng.uniform(-180.0, 180.0)
        pos = solar_position(when, lat, lon, elevation_m=0.0)
        ref_el, ref_az = _reference_sun(when, lat, lon)
        worst_el = max(worst_el, abs(pos.elevation_unrefracted_deg - ref_el))
        d_az = abs((pos.azimuth_deg - ref_az + 180.0) % 360.0 - 180.0)
        worst_az = max(worst_az, d_az * math.cos(math.radians(ref_el)))
    # Meeus' low-accuracy series is good to ~0.01 deg plus parallax (0.0024 deg).
    assert worst_el < 0.03
    assert worst_az < 0.03


def test_refraction_lifts_the_low_sun() -> None:
    when = datetime(2024, 6, 21, 19, 45, tzinfo=timezone.utc)
    pos = solar_position(when, 48.85, 2.35)
    assert 0.0 < pos.elevation_deg - pos.elevation_unrefracted_deg < 0.6


@pytest.mark.parametrize("when, full", [
    (datetime(2024, 1, 25, 17, 54, tzinfo=timezone.utc), True),    # full moon
    (datetime(2024, 1, 11, 11, 57, tzinfo=timezone.utc), False),   # new moon
])
def test_moon_phase(when: datetime, full: bool) -> None:
    moon = moon_position(when, 48.85, 2.35)
    assert (moon.illumination > 0.98) if full else (moon.illumination < 0.02)


@pytest.mark.parametrize("word, key", [
    ("dawn", "dawn"), ("Aube", "dawn"), ("lever du soleil", "sunrise"), ("matin", "morning"),
    ("Midi", "noon"), ("après-midi", "afternoon"), ("golden hour", "golden_hour"),
    ("heure dorée", "golden_hour"), ("HEURE DOREE", "golden_hour"),
    ("coucher du soleil", "sunset"), ("crépuscule", "dusk"), ("blue hour", "blue_hour"),
    ("heure bleue", "blue_hour"), ("nuit", "night"), ("night", "night"),
])
def test_time_of_day_words(word: str, key: str) -> None:
    assert time_of_day_key(word) == key


def test_time_of_day_suns_are_plausible() -> None:
    def sun(word: str) -> tuple[float, float]:
        lights = resolve_lights(SkyRequest(time_of_day=word))
        return lights.sun_elevation_deg, lights.sun_azimuth_deg

    assert sun("noon")[0] > 45 and abs(sun("noon")[1] - 180) < 1
    assert 3 <= sun("heure dorée")[0] <= 10
    assert sun("dusk")[0] < 0 and sun("blue_hour")[0] < sun("dusk")[0]
    assert sun("aube")[1] < 180 < sun("sunset")[1]          # mornings east, evenings west
    night = resolve_lights(SkyRequest(time_of_day="night"))
    assert night.sun_elevation_deg < -18 and night.moon_elevation_deg > 20
    assert night.moon_illumination > 0.9


def test_clock_time_uses_spa() -> None:
    lights = resolve_lights(SkyRequest(time_of_day="12:00"))
    assert lights.source == "clock" and lights.sun_elevation_deg > 50
    assert abs(lights.sun_azimuth_deg - 180.0) < 5.0


def test_place_and_time_with_offsets() -> None:
    req = SkyRequest(latitude=48.85, longitude=2.35, datetime_iso="2024-06-21T14:00:00+02:00",
                     north_offset_deg=30.0)
    lights = resolve_lights(req)
    ref_el, ref_az = _reference_sun(parse_datetime(req.datetime_iso), 48.85, 2.35)
    assert lights.sun_elevation_deg == pytest.approx(ref_el, abs=0.05)
    assert lights.geographic_sun_azimuth_deg == pytest.approx(ref_az, abs=0.05)
    assert lights.sun_azimuth_deg == pytest.approx((ref_az + 30.0) % 360, abs=0.05)
    over = resolve_lights(SkyRequest(time_of_day="noon", sun_azimuth_deg=90.0))
    assert over.sun_azimuth_deg == pytest.approx(90.0)


@pytest.mark.parametrize("kwargs, words", [
    (dict(latitude=200.0, longitude=0.0, datetime_iso="2024-01-01T12:00Z"), "latitude"),
    (dict(latitude=10.0, longitude=500.0, datetime_iso="2024-01-01T12:00Z"), "longitude"),
    (dict(latitude=10.0, longitude=0.0, datetime_iso="yesterday at tea"), "ISO 8601"),
    (dict(latitude=10.0, longitude=0.0, datetime_iso="2024-13-01T12:00Z"), "ISO 8601"),
    (dict(latitude=10.0, longitude=0.0, datetime_iso="2024-01-01T12:00"), "timezone"),
    (dict(latitude=10.0), "all three"),
    (dict(time_of_day="teatime"), "time of day"),
])
def test_bad_place_time_is_a_clear_error(kwargs: dict, words: str) -> None:
    with pytest.raises(InputError, match=words):
        resolve_lights(SkyRequest(**kwargs))
