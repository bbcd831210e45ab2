"""Where the sun and the moon are: NREL SPA, a low-precision moon, and time-of-day words.

Sun: the full Solar Position Algorithm of Reda & Andreas (NREL/TP-560-34302, 2004,
revised 2008), including nutation, aberration, topocentric parallax and refraction.
Its stated uncertainty is +/-0.0003 deg for years -2000..6000; against its published
test case this code agrees to 1e-5 deg (tests/unit/test_sky_solar.py). Delta T comes
from the Espenak & Meeus polynomials (a 30 s error in Delta T moves the sun < 0.0003 deg).

Moon: the Astronomical Almanac's low-precision series (about 0.3 deg), with topocentric
parallax; good enough to place a moon in a sky map, and its phase.

Angles are degrees; azimuth is geographic, clockwise from north (0 N, 90 E, 180 S).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timezone

import numpy as np

from ...core.errors import InputError
from .spa_tables import B_TERMS, L_TERMS, NUTATION, R_TERMS
from .spectrum import fixed_matmul

# Years (UTC) we compute for: SPA is stated for -2000..6000, Python's datetime starts at 1.
SUPPORTED_YEARS = (1, 6000)


@dataclass(frozen=True)
class SolarPosition:
    """Topocentric sun as SPA gives it (refraction included in elevation/zenith)."""

    zenith_deg: float
    azimuth_deg: float
    elevation_deg: float
    elevation_unrefracted_deg: float
    distance_au: float


def _julian_day(when: datetime) -> float:
    return when.timestamp() / 86400.0 + 2440587.5


def delta_t_seconds(year: float) -> float:
    """TT - UT from Espenak & Meeus (NASA eclipse site) for 1950..2150; parabola outside."""
    if 1950 <= year < 1961:
        t = year - 1950
        return 29.07 + 0.407 * t - t * t / 233 + t ** 3 / 2547
    if 1961 <= year < 1986:
        t = year - 1975
        return 45.45 + 1.067 * t - t * t / 260 - t ** 3 / 718
    if 1986 <= year < 2005:
        t = year - 2000
        return 63.86 + 0.3345 * t - 0.060374 * t ** 2 + 0.0017275 * t ** 3 \
            + 0.000651814 * t ** 4 + 0.00002373599 * t ** 5
    if 2005 <= year < 2050:
        t = year - 2000
        return 62.92 + 0.32217 * t + 0.005589 * t * t
    if 2050 <= year < 2150:
        return -20 + 32 * ((year - 1820) / 100) ** 2 - 0.5628 * (2150 - year)
    u = (year - 1820) / 100
    return -20 + 32 * u * u


def _series(tables: tuple, jme: float) -> float:
    total = 0.0
    for power, terms in enumerate(tables):
        arr = np.asarray(terms, dtype=np.float64)
        total += float(np.sum(arr[:, 0] * np.cos(arr[:, 1] + arr[:, 2] * jme))) * jme ** power
    return total / 1e8


_NUT_Y = np.array([row[0] for row in NUTATION], dtype=np.float64)
_NUT_ABCD = np.array([row[1] for row in NUTATION], dtype=np.float64)


def _nutation(jce: float) -> tuple[float, float]:
    """Nutation in longitude and obliquity (degrees)."""
    x = np.array([
        297.85036 + 445267.111480 * jce - 0.0019142 * jce ** 2 + jce ** 3 / 189474,
        357.52772 + 35999.050340 * jce - 0.0001603 * jce ** 2 - jce ** 3 / 300000,
        134.96298 + 477198.867398 * jce + 0.0086972 * jce ** 2 + jce ** 3 / 56250,
        93.27191 + 483202.017538 * jce - 0.0036825 * jce ** 2 + jce ** 3 / 327270,
        125.04452 - 1934.136261 * jce + 0.0020708 * jce ** 2 + jce ** 3 / 450000,
    ])
    arg = np.radians(fixed_matmul(_NUT_Y, x))
    a, b, c, d = _NUT_ABCD.T
    dpsi = float(np.sum((a + b * jce) * np.sin(arg))) / 36e6
    deps = float(np.sum((c + d * jce) * np.cos(arg))) / 36e6
    return dpsi, deps


def _obliquity(jme: float, deps: float) -> float:
    u = jme / 10
    coeffs = (84381.448, -4680.93, -1.55, 1999.25, -51.38, -249.67, -39.05, 7.12,
              27.87, 5.79, 2.45)
    eps0 = sum(c * u ** i for i, c in enumerate(coeffs))
    return eps0 / 3600 + deps


def _refraction(e0: float, pressure_hpa: float, temperature_c: float) -> float:
    if e0 < -(0.26667 + 0.5667):
        return 0.0
    return (pressure_hpa / 1010.0) * (283.0 / (273.0 + temperature_c)) * 1.02 / (
        60.0 * math.tan(math.radians(e0 + 10.3 / (e0 + 5.11))))


def solar_position(when: datetime, latitude: float, longitude: float, *,
                   elevation_m: float = 0.0, pressure_hpa: float = 1013.25,
                   temperature_c: float = 12.0, delta_t: float | None = None) -> SolarPosition:
    """NREL SPA for one instant (a timezone-aware datetime) and place."""
    jd = _julian_day(when)
    dt = delta_t if delta_t is not None else delta_t_seconds(
        when.year + (when.timetuple().tm_yday - 0.5) / 365.25)
    jc = (jd - 2451545.0) / 36525.0
    jce = (jd + dt / 86400.0 - 2451545.0) / 36525.0
    jme = jce / 10.0
    lon_helio = math.degrees(_series(L_TERMS, jme)) % 360.0
    lat_helio = math.degrees(_series(B_TERMS, jme))
    radius = _series(R_TERMS, jme)
    theta, beta = (lon_helio + 180.0) % 360.0, -lat_helio
    dpsi, deps = _nutation(jce)
    eps = _obliquity(jme, deps)
    lam = theta + dpsi - 20.4898 / (3600.0 * radius)
    nu0 = (280.46061837 + 360.98564736629 * (jd - 2451545.0) + 0.000387933 * jc ** 2
           - jc ** 3 / 38710000.0) % 360.0
    nu = nu0 + dpsi * math.cos(math.radians(eps))
    alpha, delta = _ecliptic_to_equatorial(lam, beta, eps)
    hour = (nu + longitude - alpha) % 360.0
    return _topocentric(hour, delta, 8.794 / (3600.0 * radius), latitude, elevation_m,
                        pressure_hpa, temperature_c, radius)


def _ecliptic_to_equatorial(lam: float, beta: float, eps: float) -> tuple[float, float]:
    lr, br, er = math.radians(lam), math.radians(beta), math.radians(eps)
    alpha = math.degrees(math.atan2(math.sin(lr) * math.cos(er) - math.tan(br) * math.sin(er),
                                    math.cos(lr))) % 360.0
    delta = math.degrees(math.asin(math.sin(br) * math.cos(er)
                                   + math.cos(br) * math.sin(er) * math.sin(lr)))
    return alpha, delta


def _topocentric(hour: float, delta: float, parallax: float, latitude: float,
                 elevation_m: float, pressure_hpa: float, temperature_c: float,
                 distance: float) -> SolarPosition:
    """Parallax, then horizon coordinates and refraction (SPA steps 3.10-3.15)."""
    phi, xi = math.radians(latitude), math.radians(parallax)
    h, d = math.radians(hour), math.radians(delta)
    u = math.atan(0.99664719 * math.tan(phi))
    x = math.cos(u) + elevation_m / 6378140.0 * math.cos(phi)
    y = 0.99664719 * math.sin(u) + elevation_m / 6378140.0 * math.sin(phi)
    denom = math.cos(d) - x * math.sin(xi) * math.cos(h)
    d_alpha = math.atan2(-x * math.sin(xi) * math.sin(h), denom)
    d_prime = math.atan2((math.sin(d) - y * math.sin(xi)) * math.cos(d_alpha), denom)
    h_prime = h - d_alpha
    e0 = math.degrees(math.asin(math.sin(phi) * math.sin(d_prime)
                                + math.cos(phi) * math.cos(d_prime) * math.cos(h_prime)))
    elev = e0 + _refraction(e0, pressure_hpa, temperature_c)
    gamma = math.degrees(math.atan2(math.sin(h_prime), math.cos(h_prime) * math.sin(phi)
                                    - math.tan(d_prime) * math.cos(phi)))
    return SolarPosition(zenith_deg=90.0 - elev, azimuth_deg=(gamma + 180.0) % 360.0,
                         elevation_deg=elev, elevation_unrefracted_deg=e0,
                         distance_au=distance)


# --- Moon -------------------------------------------------------------------------------

@dataclass(frozen=True)
class MoonPosition:
    elevation_deg: float
    azimuth_deg: float
    illumination: float          # lit fraction of the disc, 0 new .. 1 full
    phase_angle_deg: float       # sun-moon-earth angle, 0 at full moon


def moon_position(when: datetime, latitude: float, longitude: float) -> MoonPosition:
    """Astronomical Almanac low-precision Moon (~0.3 deg), topocentric, refraction-free."""
    jd = _julian_day(when)
    t = (jd - 2451545.0) / 36525.0

    def s(a: float, b: float) -> float:
        return math.sin(math.radians(a + b * t))

    def c(a: float, b: float) -> float:
        return math.cos(math.radians(a + b * t))

    lam = (218.32 + 481267.881 * t + 6.29 * s(135.0, 477198.87) - 1.27 * s(259.3, -413335.36)
           + 0.66 * s(235.7, 890534.22) + 0.21 * s(269.9, 954397.74)
           - 0.19 * s(357.5, 35999.05) - 0.11 * s(186.5, 966404.03)) % 360.0
    beta = (5.13 * s(93.3, 483202.03) + 0.28 * s(228.2, 960400.87)
            - 0.28 * s(318.3, 6003.18) - 0.17 * s(217.6, -407332.20))
    parallax = (0.9508 + 0.0518 * c(135.0, 477198.87) + 0.0095 * c(259.3, -413335.38)
                + 0.0078 * c(235.7, 890534.23) + 0.0028 * c(269.9, 954397.70))
    eps = 23.439291 - 0.0130042 * t
    alpha, delta = _ecliptic_to_equatorial(lam, beta, eps)
    gmst = (280.46061837 + 360.98564736629 * (jd - 2451545.0)) % 360.0
    hour = (gmst + longitude - alpha) % 360.0
    pos = _topocentric(hour, delta, parallax, latitude, 0.0, 0.0, 10.0, 1.0)
    sun_lon = _sun_apparent_longitude_low(t)
    elong = math.degrees(math.acos(math.cos(math.radians(beta))
                                   * math.cos(math.radians(lam - sun_lon))))
    phase = 180.0 - elong   # sun at ~400x the moon's distance: phase angle ~ 180 - elongation
    return MoonPosition(elevation_deg=pos.elevation_unrefracted_deg,
                        azimuth_deg=pos.azimuth_deg,
                        illumination=(1.0 + math.cos(math.radians(phase))) / 2.0,
                        phase_angle_deg=phase)


def _sun_apparent_longitude_low(t: float) -> float:
    """Low-precision solar longitude (0.01 deg): only for the moon's phase."""
    mean_anom = math.radians(357.52911 + 35999.05029 * t)
    centre = (1.914602 - 0.004817 * t) * math.sin(mean_anom) + 0.019993 * math.sin(2 * mean_anom)
    return (280.46646 + 36000.76983 * t + centre) % 360.0


# --- Datetimes ---------------------------------------------------------------------------

def parse_datetime(text: str) -> datetime:
    """ISO 8601 with a timezone ('2024-06-21T18:30:00+02:00' or '...Z') -> aware datetime."""
    try:
        when = datetime.fromisoformat(text.strip().replace("z", "Z").replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        raise InputError(f"cannot read the date-time '{text}'. Write it as ISO 8601 with a "
                         "timezone, e.g. 2024-06-21T18:30:00+02:00 or 2024-06-21T16:30Z.") from None
    if when.tzinfo is None:
        raise InputError(f"the date-time '{text}' has no timezone, so the sun's position is "
                         "ambiguous. Add an offset, e.g. 2024-06-21T18:30:00+02:00 (or Z for UTC).")
    lo, hi = SUPPORTED_YEARS
    try:
        utc = when.astimezone(timezone.utc)
    except OverflowError:          # e.g. 0001-01-01T00:00+01:00 is in year 0 in UTC
        utc = None
    if utc is None or not lo <= utc.year <= hi:
        raise InputError(f"the date-time '{text}' is outside the years the sun's position "
                         f"is computed for ({lo}..{hi} in UTC, the range of the Solar "
                         "Position Algorithm). Give a date in that range.")
    return utc


def check_place(latitude: float, longitude: float) -> None:
    if not -90.0 <= latitude <= 90.0:
        raise InputError(f"latitude {latitude} is outside -90..90 degrees "
                         "(north positive, e.g. 48.85 for Paris).")
    if not -180.0 <= longitude <= 180.0:
        raise InputError(f"longitude {longitude} is outside -180..180 degrees "
                         "(east positive, e.g. 2.35 for Paris).")


# --- Words -------------------------------------------------------------------------------

# Time-of-day key -> (sun elevation, sun azimuth): a mid-latitude northern day. Golden
# hour is its middle (the sun 4° up; it spans about 6° to the horizon), where the light
# and the cloud tops turn gold, not its start.
TIME_OF_DAY_SUN: dict[str, tuple[float, float]] = {
    "dawn": (-4.0, 85.0), "sunrise": (1.5, 90.0), "morning": (25.0, 115.0),
    "noon": (62.0, 180.0), "afternoon": (38.0, 235.0), "golden_hour": (4.0, 262.0),
    "sunset": (1.0, 278.0), "dusk": (-4.0, 288.0), "blue_hour": (-7.0, 293.0),
    "night": (-35.0, 340.0),
}
NIGHT_MOON = MoonPosition(elevation_deg=38.0, azimuth_deg=150.0, illumination=1.0,
                          phase_angle_deg=0.0)

_WORDS = {
    "dawn": "dawn", "daybreak": "dawn", "first light": "dawn", "aube": "dawn", "aurore": "dawn",
    "petit matin": "dawn", "sunrise": "sunrise", "lever du soleil": "sunrise",
    "lever de soleil": "sunrise", "morning": "morning", "matin": "morning", "matinee": "morning",
    "noon": "noon", "midday": "noon", "midi": "noon", "afternoon": "afternoon",
    "apres-midi": "afternoon", "apres midi": "afternoon", "golden hour": "golden_hour",
    "golden_hour": "golden_hour", "heure doree": "golden_hour", "sunset": "sunset",
    "coucher du soleil": "sunset", "coucher de soleil": "sunset", "dusk": "dusk",
    "twilight": "dusk", "crepuscule": "dusk", "blue hour": "blue_hour",
    "blue_hour": "blue_hour", "heure bleue": "blue_hour", "night": "night", "nuit": "night",
    "midnight": "night", "minuit": "night",
}


def _fold(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", plain.strip().lower())


def time_of_day_key(word: str) -> str:
    """'Heure dorée', 'golden hour', 'golden_hour' -> 'golden_hour' (InputError if unknown)."""
    key = _WORDS.get(_fold(word))
    if key is None:
        known = ", ".join(sorted(TIME_OF_DAY_SUN))
        raise InputError(f"unknown time of day '{word}'. Use one of: {known} "
                         "(or French: aube, midi, heure dorée, crépuscule, nuit...), "
                         "or a clock time like 14:30.")
    return key


def parse_clock(text: str) -> float | None:
    """'14:30' or '14h30' -> 14.5 hours; None when it is not a clock time."""
    match = re.fullmatch(r"\s*(\d{1,2})\s*[:h]\s*(\d{2})?\s*", text.lower())
    if not match:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2) or 0)
    if hours > 24 or minutes > 59:
        raise InputError(f"'{text}' is not a clock time; use HH:MM from 00:00 to 24:00.")
    return hours + minutes / 60.0
