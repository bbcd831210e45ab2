"""The lift's test set: skies whose truth is known, exposed as cameras expose them, and
the scores the lift is held to (scripts/hdr_testset.py, the unit tests, the benchmark).

A camera (or an image model) exposes for the sky: the median luminance of the sky above
3° lands on mid grey (0.18) shifted by `ev` stops, then a tone curve encodes it to 8 bits
and everything past white clips. Three curves: a plain 2.2 gamma, sRGB, and an AgX-like
filmic curve (a log2 encoding of 16.5 stops around mid grey, -10..+6.5, then a sigmoid
putting mid grey at the same code as sRGB does), whose soft shoulder the lift does not
know about.

Scores (`score`): the angle between the lifted and the true sun; the horizontal
irradiance (sky + sun, cosine-weighted over the upper hemisphere) of the lift against
the original's, after dividing out the exposure (the median ratio lifted / original over
the sky pixels the camera saw unclipped: an LDR file does not carry the original's
absolute units, e.g. Blender's sky is in its own); the lifted map's peak / median.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import numpy as np

from ...core.colour import linear_to_srgb
from ..sky.compose import horizontal_irradiance
from ..sky.equirect import direction, row_elevations
from ..sky.solar import solar_position
from ..sky.spectrum import luminance
from . import response
from .read import CLIP_8BIT

CURVES = ("gamma", "srgb", "filmic")
EXPOSURES = (-2.0, -1.0, 0.0, 1.0, 2.0, 3.0)
MID_GREY = 0.18
METER_ABOVE_DEG = 3.0
FILMIC_STOPS = (-10.0, 6.5)        # log2 range around mid grey (AgX's default)
FILMIC_CONTRAST = 2.0
GOALS = {"sun_deg": 2.0, "irradiance": 0.25, "peak_median": 1e4}


def sky_median(rgb: np.ndarray) -> float:
    """Median luminance of the sky above METER_ABOVE_DEG (what an auto exposure meters)."""
    rows = row_elevations(rgb.shape[0]) > METER_ABOVE_DEG
    return float(np.median(luminance(rgb[rows])))


def filmic(x: np.ndarray) -> np.ndarray:
    """Scene-linear -> display code 0..1: log2 encoding then a sigmoid (AgX-like)."""
    lo, hi = FILMIC_STOPS
    t = np.clip((np.log2(np.maximum(x, 1e-10) / MID_GREY) - lo) / (hi - lo), 1e-6, 1.0)
    t0 = -lo / (hi - lo)
    y0 = float(linear_to_srgb(np.float32(MID_GREY)))
    c = (1.0 / y0 - 1.0) / ((1.0 - t0) / t0) ** FILMIC_CONTRAST
    return 1.0 / (1.0 + c * ((1.0 - t) / t) ** FILMIC_CONTRAST)


def encode(x: np.ndarray, curve: str) -> np.ndarray:
    """Exposed linear values -> display codes 0..1 (clipped at white). Besides CURVES,
    two of Blender's views: "pbr-neutral" (Khronos PBR Neutral, exact) and "agx" (AgX's
    grey-axis curve on each channel; Blender's own also mixes the channels a little)."""
    if curve == "filmic":
        return np.clip(filmic(x), 0.0, 1.0)
    if curve == "pbr-neutral":
        return linear_to_srgb(np.clip(response.pbr_neutral(x), 0.0, 1.0))
    if curve == "agx":      # the lift's member, whose 1.0 is the clip threshold's grey
        white = MID_GREY * 2.0 ** response.agx_table()[CLIP_8BIT]
        return response.encode(np.asarray(x, np.float64) / white, response.BLENDER_AGX)
    x = np.clip(x, 0.0, 1.0)
    if curve == "gamma":
        return x ** (1.0 / 2.2)
    if curve == "srgb":
        return linear_to_srgb(x)
    raise ValueError(f"unknown tone curve {curve!r}: use one of {', '.join(CURVES)}")


def expose(rgb: np.ndarray, ev: float, curve: str) -> np.ndarray:
    """An auto-exposed 8-bit camera image (H, W, 3) uint8 of a linear sky."""
    gain = MID_GREY * 2.0 ** ev / max(sky_median(rgb), 1e-30)
    code = encode(rgb.astype(np.float32) * np.float32(gain), curve)
    return np.clip(np.asarray(code, np.float32) * 255.0 + 0.5, 0, 255).astype(np.uint8)


def elevation_datetime(elevation_deg: float, latitude: float = 20.0) -> str:
    """An ISO date-time (equinox morning at `latitude`, longitude 0) when the sun stands
    at `elevation_deg`: how a test asks the procedural sky for an exact elevation."""
    start = datetime(2024, 3, 20, 6, 0, tzinfo=timezone.utc)
    lo, hi = 0.0, 6.0 * 60.0            # minutes after 06:00 UTC: sunrise .. noon
    for _ in range(40):
        mid = 0.5 * (lo + hi)
        el = solar_position(start + timedelta(minutes=mid), latitude, 0.0).elevation_deg
        lo, hi = (mid, hi) if el < elevation_deg else (lo, mid)
    return (start + timedelta(minutes=0.5 * (lo + hi))).isoformat()


@dataclass
class Score:
    """How a lift compares with the sky it came from."""

    sun_found: bool
    sun_error_deg: float | None    # None without a true or a found sun
    irradiance_ratio: float        # lifted / original horizontal irradiance, exposure out
    peak_median: float
    confidence: float

    def passes(self, daylight: bool) -> bool:
        if not daylight:
            return not self.sun_found
        return (self.sun_found and self.sun_error_deg is not None
                and self.sun_error_deg <= GOALS["sun_deg"]
                and abs(self.irradiance_ratio - 1.0) <= GOALS["irradiance"]
                and self.peak_median >= GOALS["peak_median"])


def angle_deg(el1: float, az1: float, el2: float, az2: float) -> float:
    a = direction(np.array(el1), np.array(az1))
    b = direction(np.array(el2), np.array(az2))
    return float(np.degrees(np.arccos(np.clip(np.sum(a * b), -1.0, 1.0))))


def exposure_ratio(lifted: np.ndarray, original: np.ndarray, u8: np.ndarray) -> float:
    """Median of lifted / original luminance over the unclipped sky above 3°."""
    rows = row_elevations(original.shape[0]) > METER_ABOVE_DEG
    seen = u8[rows].max(axis=2) < 250
    ya, yb = luminance(lifted[rows][seen]), luminance(original[rows][seen])
    ok = yb > 0
    return float(np.median(ya[ok] / yb[ok])) if ok.any() else float("nan")


def score(result, original: np.ndarray, u8: np.ndarray,
          truth: tuple[float, float] | None) -> Score:
    """Score one LiftResult against the original linear sky and its true sun (el, az)."""
    sun = result.sun
    err = None
    if sun.found and truth is not None:
        err = angle_deg(sun.elevation_deg, sun.azimuth_deg, truth[0], truth[1])
    k = exposure_ratio(result.rgb, original, u8)
    e_lift = float(luminance(horizontal_irradiance(result.rgb)))
    e_orig = float(luminance(horizontal_irradiance(original)))
    y = luminance(result.rgb)
    return Score(bool(sun.found), err, e_lift / (k * e_orig), float(y.max() / np.median(y)),
                 float(result.confidence))
