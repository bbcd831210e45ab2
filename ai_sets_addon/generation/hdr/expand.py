"""Inverse tone mapping of the highlights that are not the sun.

An 8-bit file squeezes everything brighter than its white into 1.0 (clouds lit by the
sun, glints, windows, lamps). We expand smoothly above a knee: with x the pixel's
largest relative channel and t = `from_` (default 0.6, sRGB code ~203),

    gain(x) = 1 + (2**ev - 1) * ((x - t) / (1 - t))**2      for x > t, else 1,

so the curve x * gain(x) leaves everything below the knee untouched, is C1 at the
knee and reaches 2**ev (default +2 EV, 4x) at the clip point: an "expand map" in the
spirit of Banterle et al. 2006 (inverse tone mapping), with a power-2 ramp instead of
their inverted Reinhard curve so it never diverges at 1. Hue is kept (all channels get
the same gain). The clipped region around the sun is left to the fitted sky model.
"""

from __future__ import annotations

import numpy as np

from ..sky.equirect import column_azimuths, direction, row_elevations
from ..sky.spectrum import fixed_matmul

EXPAND_EV = 2.0
EXPAND_FROM = 0.6


def expansion_gain(x: np.ndarray, ev: float = EXPAND_EV, from_: float = EXPAND_FROM
                   ) -> np.ndarray:
    ramp = np.clip((x - from_) / (1.0 - from_), 0.0, 1.0)
    return (1.0 + (2.0 ** ev - 1.0) * ramp * ramp).astype(np.float32)


def expand_highlights(rgb: np.ndarray, peak: np.ndarray, ev: float = EXPAND_EV,
                      from_: float = EXPAND_FROM, keep_out=None) -> None:
    """Scale highlight pixels of `rgb` in place by the gain of their relative peak
    (the largest relative channel of each pixel, (H, W)).

    keep_out = (sun, radius_deg): pixels within that angle of the sun are skipped (the
    aureole is rebuilt from the model there, not guessed)."""
    if ev <= 0.0:
        return
    rr, c = np.nonzero(peak > from_)
    if rr.size == 0:
        return
    gain = expansion_gain(peak[rr, c], ev, from_)
    if keep_out is not None and keep_out[1] > 0.0:
        sun, radius = keep_out
        height, width = peak.shape
        d = direction(row_elevations(height)[rr], column_azimuths(width)[c])
        s = direction(np.array(sun.elevation_deg), np.array(sun.azimuth_deg))
        outside = fixed_matmul(d, s) < np.cos(np.radians(radius))
        rr, c, gain = rr[outside], c[outside], gain[outside]
    rgb[rr, c] *= gain[:, None]
