"""When the set's practicals come on, and which hour maps to which sky.

A lamp is switched on by the crew when daylight no longer carries the shot. Outdoors
that is around sunset (street lights switch on at civil twilight; shop signs a little
before); indoors, where window light falls off sooner, well before the sun touches the
horizon. The thresholds are sun elevations in degrees, chosen per archetype.
"""

from __future__ import annotations

# archetype -> practicals are on while the sun is below this elevation (degrees).
PRACTICALS_ON_BELOW_DEG: dict[str, float] = {
    "street": 3.0, "alley": 6.0, "rooftop": 2.0, "platform": 4.0, "beach": -2.0,
    "desert": -2.0, "canyon": -2.0, "forest": 0.0,
    "interior_room": 12.0, "corridor": 25.0, "warehouse": 10.0, "cyclorama": 90.0,
}
DEFAULT_EXTERIOR_DEG = 3.0
DEFAULT_INTERIOR_DEG = 12.0
# Lights that are studio or sky equipment, never switched by the hour.
ALWAYS_ON_WORDS = ("portal", "window", "sky", "cyc", "fill")


def practicals_threshold(archetype: str, interior: bool) -> float:
    """Sun elevation (degrees) below which this set's practicals are on."""
    default = DEFAULT_INTERIOR_DEG if interior else DEFAULT_EXTERIOR_DEG
    return PRACTICALS_ON_BELOW_DEG.get(archetype, default)


def practicals_on(sun_elevation_deg: float, archetype: str, interior: bool) -> bool:
    return sun_elevation_deg < practicals_threshold(archetype, interior)


def is_switchable(light_name: str, portal: bool = False) -> bool:
    """A practical the hour switches: not a window portal nor sky/studio fill."""
    name = light_name.lower()
    return not portal and not any(word in name for word in ALWAYS_ON_WORDS)


def sun_elevation(sky) -> float:
    """The sun's own elevation for a SkyAsset. At night the sky's key light is the moon
    (`sun_elevation_deg` then describes the moon); the sun is in params["lights"]."""
    lights = (getattr(sky, "params", None) or {}).get("lights") or {}
    value = lights.get("sun_elevation_deg")
    return float(value) if value is not None else float(sky.sun_elevation_deg)


def key_light_label(sky) -> str:
    """'sun +12°', or 'sun -20°, moon +17°' when the moon is the key."""
    sun = f"sun {sun_elevation(sky):+.0f}°"
    body = (getattr(sky, "params", None) or {}).get("key_body", "sun")
    return sun if body == "sun" else f"{sun}, {body} {sky.sun_elevation_deg:+.0f}°"


def hour_label(hour: float) -> str:
    """18.5 -> '18:30'."""
    minutes = int(round(hour * 60)) % (24 * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def shot_sky(request, width: int, path):
    """A shot's own sky (its hour, weather, place) as the set builder makes skies: the
    sun left out of the map for the Sun lamp. Shared by the storyboard and the batch."""
    from pathlib import Path

    from ..generation.sky import ProceduralSky, SkyOptions

    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return ProceduralSky(SkyOptions(sun_in_map=False)).make_sky(request, width, Path(path))
