"""A time-of-day word at a real place: the local clock time the sun is where the word
says ("golden hour over Paris" = the evening time the sun stands 6 deg up in Paris).

Used when the prompt names a city but no date: the date is the summer solstice of a
fixed reference year (long days, every word has its moment at most latitudes), so the
same prompt always gives the same sky.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from .solar import solar_position

REFERENCE_DATE = date(2026, 6, 21)
# word -> (solar elevation to reach in degrees, "am" rising / "pm" setting), or a clock
# time in hours for words that name the day rather than the sun's height.
SUN_AT = {"dawn": (-6.0, "am"), "sunrise": (0.5, "am"), "golden_hour": (4.0, "pm"),
          "sunset": (0.5, "pm"), "dusk": (-4.0, "pm"), "blue_hour": (-6.0, "pm")}
CLOCK = {"morning": 9.0, "noon": None, "afternoon": 15.5, "night": 23.5}


def local_datetime(word: str, latitude: float, longitude: float, zone: str,
                   day: date = REFERENCE_DATE) -> str:
    """ISO 8601 local time (with its UTC offset) for a time-of-day word at a place."""
    tz = ZoneInfo(zone)
    start = datetime(day.year, day.month, day.day, tzinfo=tz)
    minutes = [start + timedelta(minutes=m) for m in range(0, 24 * 60, 10)]
    elevations = [solar_position(t.astimezone(timezone.utc), latitude, longitude).elevation_deg
                  for t in minutes]
    noon = minutes[max(range(len(minutes)), key=elevations.__getitem__)]
    if word in SUN_AT:
        target, half = SUN_AT[word]
        span = range(len(minutes) - 1)
        crossing = [i for i in span
                    if (elevations[i] - target) * (elevations[i + 1] - target) <= 0
                    and ((minutes[i] < noon) == (half == "am"))]
        when = minutes[crossing[0] if half == "am" else crossing[-1]] if crossing else noon
    elif CLOCK.get(word) is not None:
        when = start + timedelta(hours=CLOCK[word])
    else:
        when = noon
    return when.replace(second=0, microsecond=0).isoformat()
