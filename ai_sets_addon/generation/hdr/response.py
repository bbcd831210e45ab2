"""The camera's response (tone curve), estimated from the sky itself and undone.

An 8-bit sky is read as sRGB (read.py). A camera or renderer with a filmic / AgX-like
view transform encodes the scene logarithmically and rolls the highlights off on a
soft shoulder: read as sRGB, the bright sky around the sun comes out compressed, the
aureole too flat, the sun too low and its light short. Which curve made the file is not
written in it, so it is estimated: each curve of a small family re-linearises the
unclipped sky near the sun, and the curve that lets the physical clear sky explain the
sky's shape best (elevation.py's wedge cost, the models shared by all curves) wins.

The family (`FAMILY`): sRGB, a 2.2 gamma, and log-sigmoid "filmic" curves built like
AgX's: a log2 encoding of RANGE_STOPS stops with mid grey (0.18) TOE_SHARE of the way
up, then the sigmoid 1 / (1 + c ((1 - t) / t) ** p) putting mid grey at sRGB's code for
0.18, at contrasts p in FILMIC_CONTRASTS. Decoded values are relative to the file's
white (code 1 -> 1.0), like sRGB's, so the clip level and the highlight expansion keep
their meaning; the exposure scale is fitted afterwards as before.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...core.colour import linear_to_srgb, srgb_to_linear
from .grid import look_up

MID_GREY = 0.18
RANGE_STOPS = 16.5                 # AgX's log range (-10 .. +6.5 stops around mid grey)
TOE_SHARE = 10.0 / 16.5            # where mid grey sits in that range
FILMIC_CONTRASTS = (1.5, 2.0, 2.5)
FILMIC = "filmic"
FLOOR = 1e-6


@dataclass(frozen=True)
class Curve:
    """One member of the family: `kind` "srgb", "gamma" (param = exponent) or "filmic"
    (param = sigmoid contrast)."""

    kind: str
    param: float = 0.0

    @property
    def name(self) -> str:
        return self.kind if self.kind == "srgb" else f"{self.kind} {self.param:g}"


SRGB = Curve("srgb")
FAMILY = (SRGB, Curve("gamma", 2.2)) + tuple(Curve(FILMIC, p) for p in FILMIC_CONTRASTS)


def curve_named(name: str) -> Curve:
    """The FAMILY member called `name` ("srgb", "gamma 2.2", "filmic 2", ...)."""
    for curve in FAMILY:
        if curve.name == name:
            return curve
    raise ValueError(f"unknown tone curve {name!r}: use one of "
                     f"{', '.join(c.name for c in FAMILY)}")


def encode(x: np.ndarray, curve: Curve) -> np.ndarray:
    """Relative linear (1.0 = white) -> code 0..1 (the inverse of `decode`)."""
    x = np.clip(np.asarray(x, np.float64), 0.0, 1.0)
    if curve.kind == "srgb":
        return linear_to_srgb(x)
    if curve.kind == "gamma":
        return x ** (1.0 / curve.param)
    t = np.clip(1.0 + np.log2(np.maximum(x, 1e-30)) / RANGE_STOPS, FLOOR, 1.0)
    return 1.0 / (1.0 + _filmic_c(curve.param) * ((1.0 - t) / t) ** curve.param)


def decode(code: np.ndarray, curve: Curve) -> np.ndarray:
    """Code 0..1 -> relative linear light (1.0 = the file's white), float32."""
    y = np.clip(np.asarray(code, np.float64), 0.0, 1.0)
    if curve.kind == "srgb":
        return srgb_to_linear(y).astype(np.float32)
    if curve.kind == "gamma":
        return (y ** curve.param).astype(np.float32)
    y = np.clip(y, FLOOR, 1.0)
    odds = ((1.0 / y - 1.0) / _filmic_c(curve.param)) ** (1.0 / curve.param)
    t = 1.0 / (1.0 + odds)
    return np.exp2((t - 1.0) * RANGE_STOPS).astype(np.float32)


def _filmic_c(p: float) -> float:
    """The sigmoid's constant that puts mid grey at sRGB's code for 0.18."""
    y0 = float(linear_to_srgb(MID_GREY))
    return (1.0 / y0 - 1.0) / ((1.0 - TOE_SHARE) / TOE_SHARE) ** p


def lut8(curve: Curve) -> np.ndarray:
    """(256,) float32: 8-bit code -> relative linear light."""
    return decode(np.arange(256, dtype=np.float64) / 255.0, curve)


def dark_level(srgb_dark: float, curve: Curve) -> float:
    """The relative level, decoded with `curve`, of the code sRGB decodes to `srgb_dark`."""
    return float(decode(linear_to_srgb(np.float64(srgb_dark)), curve))


def relinearise(srgb_linear: np.ndarray, curve: Curve, codes: np.ndarray | None = None
                ) -> np.ndarray:
    """Values decoded as sRGB -> decoded with `curve` (through the 8-bit codes when they
    are kept: one table look-up)."""
    if codes is not None and codes.dtype == np.uint8:
        return look_up(lut8(curve), codes)
    return decode(linear_to_srgb(srgb_linear), curve)
