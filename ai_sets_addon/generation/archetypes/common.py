"""What every archetype reads from a SetSpec the same way: materials, sky, volume."""

from __future__ import annotations

import zlib

import numpy as np

from ..plan import Atmosphere, MaterialRequest, SkyRequest
from ..spec import SetSpec

SCALE_FACTORS = {"tiny": 0.6, "small": 0.8, "medium": 1.0, "large": 1.5, "huge": 2.4}

# Times at which practical lights are switched on (and carry the picture).
PRACTICAL_TIMES = ("dusk", "blue_hour", "night", "dawn")

# Colour temperature (K) -> linear RGB of a blackbody, precomputed at the few we use.
WARM_TUNGSTEN = (1.0, 0.62, 0.34)     # ~2800 K
NEUTRAL_LED = (1.0, 0.86, 0.72)       # ~4000 K


def rng_for(spec: SetSpec, stream: str) -> np.random.Generator:
    """An independent generator per named stream, so adding a prop never reshuffles
    the walls (seeded from the spec's seed and the stream name only)."""
    return np.random.default_rng([spec.seed & 0xFFFFFFFF, zlib.crc32(stream.encode())])


def material(spec: SetSpec, key: str, role: str, default_family: str,
             fallback_roles: tuple[str, ...] = ()) -> MaterialRequest:
    """The material for a surface: what the prompt said for the role (or a related
    role), else the archetype's default; global modifiers apply to every surface."""
    surface = spec.surface(role)
    for alt in fallback_roles:
        if surface.family:
            break
        surface = spec.surface(alt) if spec.surface(alt).family else surface
    modifiers = list(dict.fromkeys(list(surface.modifiers) + list(_global_modifiers(spec))))
    if spec.wet and "wet" not in modifiers:
        modifiers.append("wet")
    return MaterialRequest(key=key, family=surface.family or default_family,
                           modifiers=modifiers, colour=surface.colour,
                           seed=(spec.seed * 1009 + zlib.crc32(key.encode())) & 0x7FFFFFFF)


def _global_modifiers(spec: SetSpec) -> list[str]:
    return list(getattr(spec, "modifiers", []) or [])


def sky_request(spec: SetSpec, **overrides) -> SkyRequest:
    haze = max(spec.atmosphere.get("haze", 0.0), 0.6 * spec.atmosphere.get("fog", 0.0))
    request = SkyRequest(time_of_day=spec.time_of_day, cloud_cover=spec.cloud_cover,
                         precipitation=spec.precipitation, haze=float(haze), seed=spec.seed)
    for name, value in overrides.items():
        setattr(request, name, value)
    return request


def atmosphere(spec: SetSpec, interior: bool) -> Atmosphere:
    """Volume density per metre from fog/dust/smoke words; interiors need thicker
    volume for visible shafts because the light path through them is short."""
    amount = {k: spec.atmosphere.get(k, 0.0) for k in ("fog", "dust", "smoke", "haze")}
    strongest = max(amount, key=amount.get)
    level = amount[strongest]
    if level <= 0.0:
        return Atmosphere()
    per_metre = (0.06 if interior else 0.012) * level
    if strongest == "haze":
        per_metre *= 0.4
    tint = {"fog": (0.9, 0.93, 1.0), "dust": (1.0, 0.9, 0.75), "smoke": (0.8, 0.8, 0.82),
            "haze": (0.95, 0.95, 1.0)}[strongest]
    return Atmosphere(density=per_metre, colour=tint,
                      anisotropy=0.6 if strongest in ("dust", "haze") else 0.35)


def practicals_on(spec: SetSpec) -> bool:
    return spec.time_of_day in PRACTICAL_TIMES or spec.cloud_cover in ("stormy",)
