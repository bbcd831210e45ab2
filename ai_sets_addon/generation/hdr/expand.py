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

import numpy as np

from ..sky.equirect import pixel_solid_angles

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


def grid_value_at(grid_map: np.ndarray, r: np.ndarray, c: np.ndarray, factor: int
                  ) -> np.ndarray:
    """Bilinear value of a work-grid map, (h, w) or (h, w, k), at full-resolution pixels
    (columns wrap)."""
    h, w = grid_map.shape[:2]
    fr = np.clip((r + 0.5) / factor - 0.5, 0.0, h - 1.0)
    fc = (c + 0.5) / factor - 0.5
    r0 = np.minimum(fr.astype(np.int64), h - 2 if h > 1 else 0)
    c0 = np.floor(fc).astype(np.int64)
    wr, wc = (fr - r0).astype(np.float32), (fc - c0).astype(np.float32)
    if grid_map.ndim == 3:
        wr, wc = wr[:, None], wc[:, None]
    r1 = np.minimum(r0 + 1, h - 1)
    a, b = grid_map[r0, c0 % w], grid_map[r0, (c0 + 1) % w]
    d, e = grid_map[r1, c0 % w], grid_map[r1, (c0 + 1) % w]
    return (a * (1 - wc) + b * wc) * (1 - wr) + (d * (1 - wc) + e * wc) * wr


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
