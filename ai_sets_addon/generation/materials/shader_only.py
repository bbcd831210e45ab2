"""Shader-only families as data: glass, emitters, foliage, water, solid paint...

Blender needs no texture maps for these (a procedural node graph beats a tiled texture
for foliage and water; emitters and solid colours have nothing to paint), but every
consumer still needs their numbers: the Blender node builder wires them, and the
glTF/USD exporters write them as constant factors. One description serves both. The
families that draw a pattern (leaf cards, bark, lit windows, posters) also get maps
for the exporters, computed from these numbers by shader_maps.py at prepare time.
All colours here are linear RGB.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ...core.colour import srgb_to_linear as decode_srgb
from ...model.assets import MaterialDescription
from ...model.plan import SHADER_FAMILIES, MaterialRequest
from ..vocabulary import COLOURS
from . import shader_patterns as sp

BLACK = (0.0, 0.0, 0.0)


def srgb_to_linear(rgb) -> tuple[float, float, float]:
    return tuple(float(c) for c in decode_srgb(np.asarray(rgb, float)))


def _colour(request: MaterialRequest, default: str) -> tuple[float, float, float]:
    return srgb_to_linear(COLOURS.get(request.colour or default, COLOURS[default]))


def _saturated(rgb) -> tuple[float, float, float]:
    peak = max(max(rgb), 1e-6)
    return tuple(min(1.0, c / peak) for c in rgb)


def _glass(request: MaterialRequest) -> dict[str, Any]:
    return {"base_color": (0.9, 0.95, 0.95), "roughness": 0.02, "ior": 1.5,
            "transmission": 1.0}


def _emission(request: MaterialRequest) -> dict[str, Any]:
    """A diffuser glowing like tungsten behind it. A `practical` lamp (a lamp head the
    hour switches) keeps its lit strength in `emission_strength_on` and is built
    dark when `off`: an opal cover by day, a glow when the scout hour turns it on."""
    r, g, b = COLOURS.get(request.colour or "white", COLOURS["white"])
    warm = (r, g * 0.78, b * 0.55)
    lit = 12.0 if "dim" in request.modifiers else 40.0
    params = {"base_color": warm, "roughness": 0.5, "emission": warm,
              "emission_strength": lit}
    if "practical" in request.modifiers:
        params.update(base_color=(r * 0.8, g * 0.8, b * 0.8), practical=True,
                      emission_strength_on=lit,
                      emission_strength=0.0 if "off" in request.modifiers else lit)
    return params


def _neon(request: MaterialRequest) -> dict[str, Any]:
    rgb = _saturated(_colour(request, "magenta"))
    return {"base_color": rgb, "roughness": 0.3, "emission": rgb, "emission_strength": 30.0}


def _lit_window(request: MaterialRequest) -> dict[str, Any]:
    dark, light = (0.25, 0.12, 0.04), (1.0, 0.62, 0.3)
    mean = tuple((a + b) / 2 for a, b in zip(dark, light))
    return {"base_color": mean, "roughness": 0.1, "emission": mean, "emission_dark": dark,
            "emission_light": light,
            "emission_strength": 2.0 if "dim" in request.modifiers else 6.0}


def _poster(request: MaterialRequest) -> dict[str, Any]:
    stops = [(0.0, (0.9, 0.25, 0.12)), (0.33, (0.95, 0.8, 0.55)), (0.66, (0.1, 0.35, 0.75)),
             (1.0, (0.95, 0.9, 0.85))]
    mean = tuple(sum(c[i] for _, c in stops) / len(stops) for i in range(3))
    return {"base_color": mean, "roughness": 0.3, "emission": mean, "emission_strength": 3.0,
            "poster_stops": stops}


def _bark(request: MaterialRequest) -> dict[str, Any]:
    if "birch" in request.modifiers:          # white papery bark, dark horizontal lenticels
        return {"base_color": (0.55, 0.53, 0.5), "roughness": 0.7, "bands": "Z",
                "tone_dark": (0.03, 0.028, 0.025), "tone_light": (0.62, 0.6, 0.56),
                "tone_split": (0.12, 0.22)}
    # Furrows run along a standing trunk (object Z); a `lying` log's run along its X.
    return {"base_color": (0.1, 0.08, 0.06), "roughness": 0.9, "bands": "X",
            "tone_dark": (0.035, 0.028, 0.022), "tone_light": (0.16, 0.13, 0.1),
            "tone_split": sp.BARK.ramp,
            "grain_axis": "X" if "lying" in request.modifiers else "Z"}


# Leaf cards: which alpha pattern cuts the leaves out of a card, and at what size (m).
# card_m matches props/trees.py's cards; leaf_m is one leaf (width, length).
CARD_PATTERNS = {
    "cards": {"pattern": "leaf", "card_m": 0.7, "leaf_m": (0.05, 0.08)},
    "needles": {"pattern": "needle", "card_m": 0.55, "leaf_m": (0.02, 0.1)},
    "fronds": {"pattern": "frond", "card_m": 0.0, "leaf_m": (0.09, 0.6)},
}
AUTUMN = ((0.16, 0.035, 0.008), (0.62, 0.3, 0.03))      # russet to gold, linear


def _foliage(request: MaterialRequest) -> dict[str, Any]:
    base = _colour(request, "green")
    if "dark" in request.modifiers:                      # conifer needles
        base = (base[0] * 0.35, base[1] * 0.55, base[2] * 0.5)
    params = {"base_color": base, "roughness": 0.6, "translucency": 0.2,
              "tone_dark": tuple(c * 0.35 for c in base),
              "tone_light": tuple(min(1.0, c * 1.25 + 0.01) for c in base)}
    if "autumn" in request.modifiers:
        params.update(base_color=tuple((a + b) / 2 for a, b in zip(*AUTUMN)),
                      tone_dark=AUTUMN[0], tone_light=AUTUMN[1])
    for word, pattern in CARD_PATTERNS.items():
        if word in request.modifiers:
            params.update(pattern, translucency=0.35, alpha_mode="MASK", alpha_cutoff=0.5)
    return params


def _water(request: MaterialRequest) -> dict[str, Any]:
    return {"base_color": (0.01, 0.045, 0.05), "roughness": 0.04, "ior": 1.33}


def _backdrop(request: MaterialRequest) -> dict[str, Any]:
    """Seamless paper / painted cyc: matte, even; chroma colours stay saturated."""
    chroma = {"green": (0.02, 0.35, 0.05), "blue": (0.02, 0.06, 0.45)}
    if request.colour in (None, "white"):
        colour = (0.7, 0.7, 0.68)
    else:
        colour = chroma.get(request.colour) or _colour(request, "white")
    return {"base_color": colour, "roughness": 0.85}


def _paint(request: MaterialRequest) -> dict[str, Any]:
    """A solid coated colour (powder-coated steel, plastic, painted timber)."""
    roughness = 0.18 if "polished" in request.modifiers else (
        0.8 if "matte" in request.modifiers else 0.45)
    return {"base_color": _colour(request, "grey"), "roughness": roughness}


_BUILDERS = {"glass": _glass, "emission": _emission, "neon": _neon,
             "lit_window": _lit_window, "bark": _bark, "foliage": _foliage, "water": _water,
             "backdrop": _backdrop, "paint": _paint, "poster": _poster}


def describe_shader_material(request: MaterialRequest) -> MaterialDescription:
    """The constants of a shader-only family, for the node builder and the exporters."""
    assert request.family in SHADER_FAMILIES, request.family
    params = {"roughness": 0.5, "metallic": 0.0, "emission": BLACK, "emission_strength": 0.0,
              "transmission": 0.0, "ior": 1.5, "alpha": 1.0}
    params.update(_BUILDERS[request.family](request))
    params.update({"modifiers": list(request.modifiers), "colour": request.colour})
    return MaterialDescription(key=request.key, family=request.family, tile_size_m=(1.0, 1.0),
                               maps={}, metallic=float(params["metallic"]), params=params,
                               kind="shader")
