"""SkyRequest -> where the sun and the moon are, in scene axes."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from ...core.errors import InputError
from ...model.plan import SkyRequest
from .solar import (NIGHT_MOON, TIME_OF_DAY_SUN, MoonPosition, check_place, moon_position,
                    parse_clock, parse_datetime, solar_position, time_of_day_key)

# A clock time with no place: a mid-latitude spring day, local solar time.
DEFAULT_PLACE = (45.0, 0.0)
DEFAULT_DATE = (2024, 4, 20)


@dataclass(frozen=True)
class SkyLights:
    """The sun and the moon for one sky. Azimuths are scene azimuths (clockwise from +Y)."""

    sun_elevation_deg: float
    sun_azimuth_deg: float
    moon_elevation_deg: float
    moon_azimuth_deg: float
    moon_illumination: float
    moon_phase_angle_deg: float
    source: str                      # "words", "clock" or "place_time"
    time_of_day: str | None = None
    datetime_utc: str | None = None
    geographic_sun_azimuth_deg: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def resolve_lights(request: SkyRequest) -> SkyLights:
    """Sun from a time-of-day word (EN/FR) or a clock time, or from latitude/longitude/date.

    Explicit place + date-time wins; `sun_azimuth_deg` overrides the azimuth;
    `north_offset_deg` turns geographic azimuths into scene azimuths (+ clockwise).
    """
    has_place = request.latitude is not None or request.longitude is not None
    if has_place or request.datetime_iso:
        lights = _from_place_time(request)
    else:
        lights = _from_words(request)
    return _apply_overrides(lights, request)


def _from_place_time(request: SkyRequest) -> SkyLights:
    if request.latitude is None or request.longitude is None or not request.datetime_iso:
        raise InputError("a real sun position needs all three of latitude, longitude and "
                         "date-time (e.g. --lat 48.85 --lon 2.35 "
                         "--datetime 2024-06-21T18:30:00+02:00).")
    try:
        lat, lon = float(request.latitude), float(request.longitude)
    except (TypeError, ValueError):
        raise InputError(f"latitude {request.latitude!r} / longitude {request.longitude!r} "
                         "must be numbers of degrees, e.g. 48.85 and 2.35.") from None
    check_place(lat, lon)
    when = parse_datetime(request.datetime_iso)
    return _ephemeris(when, lat, lon, "place_time", request.time_of_day)


def _ephemeris(when: datetime, lat: float, lon: float, source: str,
               word: str | None) -> SkyLights:
    sun = solar_position(when, lat, lon)
    moon = moon_position(when, lat, lon)
    return SkyLights(sun.elevation_deg, sun.azimuth_deg, moon.elevation_deg, moon.azimuth_deg,
                     moon.illumination, moon.phase_angle_deg, source, word,
                     when.isoformat(), sun.azimuth_deg)


def _from_words(request: SkyRequest) -> SkyLights:
    word = request.time_of_day or "afternoon"
    hours = parse_clock(word)
    if hours is not None:
        lat, lon = DEFAULT_PLACE
        when = datetime(*DEFAULT_DATE, tzinfo=timezone.utc) + timedelta(hours=hours - lon / 15)
        return _ephemeris(when, lat, lon, "clock", word)
    key = time_of_day_key(word)
    el, az = TIME_OF_DAY_SUN[key]
    moon = NIGHT_MOON if key == "night" else MoonPosition(-30.0, (az + 180) % 360, 0.0, 180.0)
    return SkyLights(el, az, moon.elevation_deg, moon.azimuth_deg, moon.illumination,
                     moon.phase_angle_deg, "words", key, None, az)


def _finite_angle(value: float | None, name: str) -> float | None:
    """NaN or infinite angles would turn the whole map into NaN: refuse them."""
    if value is None:
        return None
    try:
        angle = float(value)
    except (TypeError, ValueError):
        angle = math.nan
    if not math.isfinite(angle) or abs(angle) > 1e6:
        raise InputError(f"{name} {value!r} is not a usable angle; give degrees, "
                         "e.g. 0 or 90.")
    return angle


def _apply_overrides(lights: SkyLights, request: SkyRequest) -> SkyLights:
    override = _finite_angle(request.sun_azimuth_deg, "sun azimuth")
    off = _finite_angle(request.north_offset_deg, "north offset") or 0.0
    sun_az = lights.sun_azimuth_deg
    moon_az = lights.moon_azimuth_deg
    if override is not None:
        shift = override - sun_az
        sun_az, moon_az = sun_az + shift, moon_az + shift
    data = lights.to_dict()
    data.update(sun_azimuth_deg=(sun_az + off) % 360.0, moon_azimuth_deg=(moon_az + off) % 360.0,
                geographic_sun_azimuth_deg=sun_az % 360.0)
    return SkyLights(**data)
