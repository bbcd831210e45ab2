"""Inverse tone mapping of the highlights that are not the sun.

An 8-bit file squeezes everything brighter than its white into 1.0 (sunlit clouds,
glints, windows, lamps). Below the clip, an sRGB file is already linear after the
inverse transfer, so only what clipped, and its immediate surroundings, is expanded:
an "expand map" as in Banterle et al. 2006 (inverse tone mapping): the density of
clipped pixels (the work grid's clipped share, box-blurred over ~1°, bilinearly
interpolated), times a ramp of the pixel's own value. With x the pixel's largest
relative channel, t = `from_` (default 0.6, sRGB code ~203) and m the expand map,

    gain = 1 + m * (2**ev - 1) * ((x - t) / (1 - t))**2      for x > t, else 1,

so the inside of a clipped cloud reaches 2**ev (default +2 EV, 4x) the clip level, its
edge blends smoothly into the unclipped pixels, and bright but unclipped sky far from
any clipping is untouched (the power-2 ramp, not an inverted Reinhard curve, never
diverges at 1). Hue is kept (one gain for all channels). The sun's clipped zone, and
clipped sky that the fitted model explains, are rebuilt from the model instead
(lift.py).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..sky.equirect import pixel_solid_angles
from .grid import lerp_rows_then_columns

EXPAND_EV = 2.0
EXPAND_FROM = 0.6


def expansion_gain(x: np.ndarray, ev: float = EXPAND_EV, from_: float = EXPAND_FROM
                   ) -> np.ndarray:
    ramp = np.clip((x - from_) / (1.0 - from_), 0.0, 1.0)
    return (1.0 + (2.0 ** ev - 1.0) * ramp * ramp).astype(np.float32)


def expand_map(share: np.ndarray) -> np.ndarray:
    """Density of clipped pixels on the work grid: a 3x3 box blur, wrapping in x."""
    m = (share + np.roll(share, 1, 1) + np.roll(share, -1, 1)) / 3.0
    up = np.vstack([m[:1], m[:-1]])
    down = np.vstack([m[1:], m[-1:]])
    return ((m + up + down) / 3.0).astype(np.float32)


BAND_FILL = 0.25     # pixels filling this share of their rows' band: interpolate the band
BAND_VALUES = 1 << 22   # ... this many values of it at a time (16 MB of float32)


def grid_value_at(grid_map: np.ndarray, r: np.ndarray, c: np.ndarray, factor: int
                  ) -> np.ndarray:
    """Bilinear value of a work-grid map, (h, w) or (h, w, k), at full-resolution pixels
    (columns wrap). Pixels that fill their rows' band (a high sun's clipped zone, 2.4 M
    pixels at 4096 wide) are read from the band interpolated whole, row by row (the
    same products in the same order, so the same bytes; 4x faster than a gather of
    four neighbours per pixel)."""
    width = grid_map.shape[1] * factor
    if fills_its_band(r, width):
        return read_in_bands(r, c, width, grid_map.shape[2:], grid_map.dtype,
                             lambda rows: _band(grid_map, rows, np.arange(width), factor))
    r0, r1, wr = _taps(r, grid_map.shape[0], factor)
    c0, c1, wc = _taps(c, grid_map.shape[1], factor, wrap=True)
    if grid_map.ndim == 3:
        wr, wc = wr[:, None], wc[:, None]
    a, b = grid_map[r0, c0], grid_map[r0, c1]
    d, e = grid_map[r1, c0], grid_map[r1, c1]
    return (a * (1 - wc) + b * wc) * (1 - wr) + (d * (1 - wc) + e * wc) * wr


def fills_its_band(r: np.ndarray, width: int) -> bool:
    """Whether pixels at rows `r` fill BAND_FILL of the rows they span."""
    return bool(r.size) and r.size >= BAND_FILL * (int(r.max()) - int(r.min()) + 1) * width


def read_in_bands(r: np.ndarray, c: np.ndarray, width: int, channels: tuple[int, ...],
                  dtype, band_of: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """Values at pixels (r, c), read from `band_of(rows)` -> (rows, width, *channels),
    a few rows at a time (bounded memory: BAND_VALUES values a band)."""
    out = np.empty((r.size, *channels), dtype)
    step = max(1, BAND_VALUES // (width * int(np.prod(channels))))
    top = int(r.max()) + 1
    for lo in range(int(r.min()), top, step):
        here = (r >= lo) & (r < lo + step)
        out[here] = band_of(np.arange(lo, min(lo + step, top)))[r[here] - lo, c[here]]
    return out


def grid_values_in_rows(grid_map: np.ndarray, rows: np.ndarray, width: int, factor: int
                        ) -> np.ndarray:
    """(rows, width[, k]) grid_value_at every pixel of the full-resolution `rows`, in
    the map's precision: the same bytes as read pixel by pixel."""
    return _band(grid_map, rows, np.arange(width), factor).astype(grid_map.dtype, copy=False)


def _band(grid_map: np.ndarray, rows: np.ndarray, cols: np.ndarray, factor: int
          ) -> np.ndarray:
    """(rows, cols[, k]) bilinear values of a work-grid map at full-resolution pixels."""
    return lerp_rows_then_columns(grid_map, *_taps(rows, grid_map.shape[0], factor),
                                  *_taps(cols, grid_map.shape[1], factor, wrap=True))


def _taps(x: np.ndarray, n: int, factor: int, wrap: bool = False
          ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(lower cell, upper cell, float32 weight of the upper) of full-resolution pixel
    indices `x` on a grid axis of `n` cells."""
    f = (x + 0.5) / factor - 0.5
    if wrap:
        lo = np.floor(f).astype(np.int64)
        return lo % n, (lo + 1) % n, (f - lo).astype(np.float32)
    f = np.clip(f, 0.0, n - 1.0)
    lo = np.minimum(f.astype(np.int64), n - 2 if n > 1 else 0)
    return lo, np.minimum(lo + 1, n - 1), (f - lo).astype(np.float32)


GROUND_CLIPPED = 0.5     # a lower hemisphere clipped over this share is a bright ground


def without_clipped_ground(share: np.ndarray) -> np.ndarray:
    """`share` with the lower hemisphere's cells set to 0 where over GROUND_CLIPPED of it
    (by solid angle) clipped: that is a bright ground (sand, snow, concrete in sun, a
    sky-lit plane over-exposed), a diffuse surface at about the clip level, not a
    highlight. Expanded like one, the project's ground at +2 EV came out 5.3x the sky's
    median for 1.3x in the original; kept at the clip (its lower bound), 1.3x."""
    if not ground_clipped(share):
        return share
    out = share.copy()
    out[share.shape[0] // 2:] = 0.0
    return out


def ground_clipped(share: np.ndarray) -> bool:
    """Over GROUND_CLIPPED of the lower hemisphere (by solid angle) is clipped."""
    h = share.shape[0]
    omega = pixel_solid_angles(share.shape[1])[h // 2:, None]
    ground = float(np.sum(share[h // 2:] * omega)) / (float(np.sum(omega)) * share.shape[1])
    return ground > GROUND_CLIPPED


def expand_highlights(rgb: np.ndarray, peak: np.ndarray, share: np.ndarray, factor: int,
                      ev: float = EXPAND_EV, from_: float = EXPAND_FROM,
                      keep_out: np.ndarray | None = None,
                      rebuilt: np.ndarray | None = None) -> None:
    """Scale highlight pixels of `rgb` in place (see the module's formula).

    peak: (H, W) largest relative channel; share: (h, w) clipped share of each work-grid
    cell (factor pixels a side); keep_out: (h, w) bool cells left alone (the sun's zone);
    rebuilt: (H, W) bool pixels already rebuilt from the sky model (lift.py), left alone."""
    if ev <= 0.0:
        return
    density = expand_map(without_clipped_ground(share))
    near = density > 0.0                   # where the bilinear map can be non-zero
    near = near | np.roll(near, 1, 1) | np.roll(near, -1, 1)
    near[1:] |= near[:-1].copy()
    near[:-1] |= near[1:].copy()
    cells = np.nonzero(near.any(axis=1))[0]
    if cells.size == 0:
        return
    r0, r1 = int(cells[0]) * factor, (int(cells[-1]) + 1) * factor
    band = np.repeat(np.repeat(near[cells[0]:cells[-1] + 1], factor, 0), factor, 1)
    rr, c = np.nonzero((peak[r0:r1] > from_) & band)
    rr += r0
    if rr.size == 0:
        return
    if keep_out is not None:
        outside = ~keep_out[rr // factor, c // factor]
        rr, c = rr[outside], c[outside]
    if rebuilt is not None:
        outside = ~rebuilt[rr, c]
        rr, c = rr[outside], c[outside]
    m = grid_value_at(density, rr, c, factor)
    gain = 1.0 + m * (expansion_gain(peak[rr, c], ev, from_) - 1.0)
    rgb[rr, c] *= gain[:, None]
