"""The camera's response (tone curve), estimated from the sky itself and undone.

An 8-bit sky is read as sRGB (read.py). A camera or renderer with a filmic / AgX-like
view transform encodes the scene logarithmically and rolls the highlights off on a
soft shoulder: read as sRGB, the bright sky around the sun comes out compressed, the
aureole too flat, the sun too low and its light short. Which curve made the file is not
written in it, so it is estimated: each curve of a small family re-linearises the
unclipped sky near the sun, and the curve that lets the physical clear sky explain the
sky's shape best (elevation.py's wedge cost, the models shared by all curves) wins.

The family (`FAMILY`): sRGB, a 2.2 gamma, log-sigmoid "filmic" curves built like
AgX's: a log2 encoding of RANGE_STOPS stops with mid grey (0.18) TOE_SHARE of the way
up, then the sigmoid 1 / (1 + c ((1 - t) / t) ** p) putting mid grey at sRGB's code for
0.18, at contrasts p in FILMIC_CONTRASTS; and two curves a Blender user's renders come
through: Blender's AgX view (its default; a 3D LUT, measured on the grey axis by
scripts/build_view_curves.py into agx_grey.json) and Khronos PBR Neutral (Blender's view
of that name, glTF viewers), whose highlights roll off on a hyperbola with some
desaturation: the colour it mixes in is undone pixel by pixel (`neutral_pixels`), not
channel by channel. Decoded values are relative to the file's white (code 1 -> 1.0;
for AgX and PBR Neutral, which approach code 1 only far above any sky, the grey at the
clip threshold), like sRGB's, so the clip level and the highlight expansion keep their
meaning; the exposure scale is fitted afterwards as before.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ...core.colour import linear_to_srgb, srgb_to_linear
from .grid import look_up
from .read import CLIP_8BIT, TOP_BIN

MID_GREY = 0.18
RANGE_STOPS = 16.5                 # AgX's log range (-10 .. +6.5 stops around mid grey)
TOE_SHARE = 10.0 / 16.5            # where mid grey sits in that range
FILMIC_CONTRASTS = (1.5, 2.0, 2.5)
FILMIC = "filmic"
FLOOR = 1e-6
AGX = "agx"
AGX_TABLE_PATH = Path(__file__).with_name("agx_grey.json")
NEUTRAL = "pbr-neutral"
NEUTRAL_START = 0.8 - 0.04         # display-linear level where the shoulder starts
NEUTRAL_DESATURATION = 0.15
NEUTRAL_TOE = 0.08                 # under this, the darkest channel's offset is quadratic
NEUTRAL_OFFSET = 0.04              # the offset taken from every channel above it


@dataclass(frozen=True)
class Curve:
    """One member of the family: `kind` "srgb", "gamma" (param = exponent) or "filmic"
    (param = sigmoid contrast)."""

    kind: str
    param: float = 0.0

    @property
    def name(self) -> str:
        return self.kind if self.kind in ("srgb", AGX, NEUTRAL) else f"{self.kind} {self.param:g}"


SRGB = Curve("srgb")
PBR_NEUTRAL = Curve(NEUTRAL)
BLENDER_AGX = Curve(AGX)
FAMILY = (SRGB, Curve("gamma", 2.2), *(Curve(FILMIC, p) for p in FILMIC_CONTRASTS),
          BLENDER_AGX, PBR_NEUTRAL)


def curve_named(name: str) -> Curve:
    """The FAMILY member called `name` ("srgb", "gamma 2.2", "filmic 2", ...)."""
    for curve in FAMILY:
        if curve.name == name:
            return curve
    raise ValueError(f"unknown tone curve {name!r}: use one of "
                     f"{', '.join(c.name for c in FAMILY)}")


def log_encoded(name: str) -> bool:
    """Whether the FAMILY member called `name` ("" = sRGB, as read) encodes the scene
    logarithmically (filmic, AgX): the wedge's shape tells such curves from sRGB-like
    ones (PBR Neutral is sRGB up to its shoulder), but between each other it ties, and
    their level is judged too (elevation.response_pick)."""
    return bool(name) and curve_named(name).kind in (FILMIC, AGX)


def encode(x: np.ndarray, curve: Curve) -> np.ndarray:
    """Relative linear (1.0 = white) -> code 0..1 (the inverse of `decode`; for PBR
    Neutral, on the grey axis)."""
    x = np.clip(np.asarray(x, np.float64), 0.0, 1.0)
    if curve.kind == "srgb":
        return linear_to_srgb(x)
    if curve.kind == "gamma":
        return x ** (1.0 / curve.param)
    if curve.kind == AGX:
        table = agx_table()
        return np.interp(np.log2(np.maximum(x, 1e-30)) + table[CLIP_8BIT], table,
                         np.arange(256) / 255.0)
    if curve.kind == NEUTRAL:
        return linear_to_srgb(pbr_neutral(np.repeat(x[..., None] * neutral_white(), 3,
                                                    axis=-1))[..., 0])
    t = np.clip(1.0 + np.log2(np.maximum(x, 1e-30)) / RANGE_STOPS, FLOOR, 1.0)
    return 1.0 / (1.0 + _filmic_c(curve.param) * ((1.0 - t) / t) ** curve.param)


def decode(code: np.ndarray, curve: Curve) -> np.ndarray:
    """Code 0..1 -> relative linear light (1.0 = the file's white), float32 (for PBR
    Neutral, on the grey axis: `relinearise` undoes its colour too)."""
    y = np.clip(np.asarray(code, np.float64), 0.0, 1.0)
    if curve.kind == "srgb":
        return srgb_to_linear(y).astype(np.float32)
    if curve.kind == "gamma":
        return (y ** curve.param).astype(np.float32)
    if curve.kind == AGX:
        table = agx_table()
        level = np.interp(y * 255.0, np.arange(256), table) - table[CLIP_8BIT]
        return np.exp2(np.minimum(level, 0.0)).astype(np.float32)
    if curve.kind == NEUTRAL:
        grey = np.repeat(srgb_to_linear(y)[..., None], 3, axis=-1)
        return neutral_pixels(grey)[..., 0]
    y = np.clip(y, FLOOR, 1.0)
    odds = ((1.0 / y - 1.0) / _filmic_c(curve.param)) ** (1.0 / curve.param)
    t = 1.0 / (1.0 + odds)
    return np.exp2((t - 1.0) * RANGE_STOPS).astype(np.float32)


def _filmic_c(p: float) -> float:
    """The sigmoid's constant that puts mid grey at sRGB's code for 0.18."""
    y0 = float(linear_to_srgb(MID_GREY))
    return (1.0 / y0 - 1.0) / ((1.0 - TOE_SHARE) / TOE_SHARE) ** p


@lru_cache(maxsize=1)
def agx_table() -> np.ndarray:
    """(256,) log2(level / mid grey) of each 8-bit code through Blender's AgX view."""
    return np.array(json.loads(AGX_TABLE_PATH.read_text())["log2_over_mid_grey"])


def pbr_neutral(x: np.ndarray) -> np.ndarray:
    """Khronos PBR Neutral: scene-linear RGB (..., 3) -> display-linear RGB 0..1 (the
    published tone mapper, as Blender's view of that name applies it)."""
    x = np.asarray(x, np.float64)
    low = x.min(axis=-1, keepdims=True)
    offset = np.where(low < NEUTRAL_TOE, low - 6.25 * low * low, NEUTRAL_OFFSET)
    colour = x - offset
    peak = colour.max(axis=-1, keepdims=True)
    d = 1.0 - NEUTRAL_START
    top = 1.0 - d * d / (np.maximum(peak, NEUTRAL_START) + d - NEUTRAL_START)
    g = 1.0 - 1.0 / (NEUTRAL_DESATURATION * (np.maximum(peak, NEUTRAL_START) - top) + 1.0)
    rolled = (1.0 - g) * colour * (top / np.maximum(peak, 1e-12)) + g * top
    return np.where(peak < NEUTRAL_START, colour, rolled)


def neutral_pixels(display: np.ndarray) -> np.ndarray:
    """`pbr_neutral` undone: display-linear RGB (..., 3) -> relative linear, float32
    (1.0 = the clip threshold's grey, `neutral_white`; clipped pixels capped there).
    Its desaturation is undone from the largest channel, which it leaves alone."""
    y = np.clip(np.asarray(display, np.float32), 0.0, np.float32(1.0 - 1e-6))
    top = y.max(axis=-1, keepdims=True)
    d = np.float32(1.0 - NEUTRAL_START)
    peak = np.where(top < NEUTRAL_START, top, d * d / (1.0 - top) - d + NEUTRAL_START)
    g = 1.0 - 1.0 / (np.float32(NEUTRAL_DESATURATION) * (peak - top) + 1.0)
    colour = (y - g * top) / (1.0 - g) * (peak / np.maximum(top, np.float32(1e-12)))
    low = np.maximum(colour.min(axis=-1, keepdims=True), 0.0)
    toe = np.float32(6.25 * NEUTRAL_TOE * NEUTRAL_TOE)
    offset = np.where(low < toe, np.sqrt(low / np.float32(6.25)) - low, NEUTRAL_OFFSET)
    white = np.float32(neutral_white())
    return np.minimum((colour + offset) / white, np.float32(1.0)).astype(np.float32)


def neutral_white() -> float:
    """The scene level of the grey whose code is the clip threshold (read.CLIP_8BIT):
    PBR Neutral reaches code 1 only at infinity, so white is where the file stops
    recording."""
    d = 1.0 - NEUTRAL_START
    return float(d * d / (1.0 - srgb_to_linear(np.float64(CLIP_8BIT / 255.0))) - d
                 + NEUTRAL_START + NEUTRAL_OFFSET)


def clip_floor(curve: Curve) -> float:
    """The relative level a pixel at the top 8-bit code is known to reach: where its bin
    begins (the code is open-ended). A log curve's shoulder packs a wide range into that
    bin (filmic 2: code 254 is 0.66, 255 is 1.0, its bin begins at 0.74); sRGB's bin is
    0.4 % wide; AgX and PBR Neutral are capped at the clip threshold's grey."""
    return float(decode(np.float64(TOP_BIN), curve))


def lut8(curve: Curve) -> np.ndarray:
    """(256,) float32: 8-bit code -> relative linear light."""
    return decode(np.arange(256, dtype=np.float64) / 255.0, curve)


def dark_level(srgb_dark: float, curve: Curve) -> float:
    """The relative level, decoded with `curve`, of the code sRGB decodes to `srgb_dark`."""
    return float(decode(linear_to_srgb(np.float64(srgb_dark)), curve))


def relinearise(srgb_linear: np.ndarray, curve: Curve, codes: np.ndarray | None = None
                ) -> np.ndarray:
    """Values decoded as sRGB -> decoded with `curve` (through the 8-bit codes when they
    are kept: one table look-up; PBR Neutral pixel by pixel)."""
    if curve.kind == NEUTRAL:
        eight_bit = codes is not None and codes.dtype == np.uint8
        return neutral_pixels(look_up(lut8(SRGB), codes) if eight_bit else srgb_linear)
    if codes is not None and codes.dtype == np.uint8:
        return look_up(lut8(curve), codes)
    return decode(linear_to_srgb(srgb_linear), curve)
