"""The sun's place from the sky's own symmetries, with no sky model.

The clear-sky fits (elevation.py, fit.py) compare the image with one physical sky;
where the sky left unclipped is far from the sun, the differences between that model
and the real sky (another atmosphere, another renderer) move their answer by degrees.
Two properties every clear sky shares do not depend on a model:

- **Mirror symmetry** (`mirror_azimuth`): a clear sky is symmetric about the sun's
  vertical plane, so the sun's azimuth is the one about which the unclipped sky reads
  the same to the left and to the right (each mirrored pair's |log difference| capped,
  for clouds and buildings). It refines the first estimate within MIRROR_REACH_DEG.
- **Separability** (`separable_elevation`): around the sun, a clear sky's luminance is
  close to a product g(elevation) x f(gamma), the horizon's brightening times a falloff
  with the angle gamma to the sun (the aureole, the Rayleigh dip 90° away). Both are
  unknown: log f is piecewise linear over KNOTS_DEG, log g one free offset per image
  row. Only the sun's true position makes every row's cells fall on one curve f; its
  elevation is the one whose least-squares collapse leaves the least residual. When a
  camera clips a high sun's aureole together with a bright horizon band (half the sky
  white at +1 EV), the fits put Blender's 20-35° suns 3-3.5° low; this does not. The
  product breaks down near the horizon (a low sun's aureole is brightened by the air
  mass along each row), so it serves only a sun at LOW_SUN_DEG or higher, and only to
  move the fit's estimate within REACH_DEG, on an interior minimum.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..sky.equirect import direction
from ..sky.spectrum import fixed_matmul, luminance
from .fit import interior_min, parabola_min
from .grid import WorkGrid, centre_rows, parallel_map, row_starts

KNOTS_DEG = np.array([0.0, 2, 4, 7, 10, 14, 19, 25, 32, 40, 50, 62, 75, 90, 110, 140, 180])
MAX_GAMMA_DEG = 70.0      # cells this far from the sun at most (the falloff's part)
MIN_ELEVATION_DEG = 2.0   # the horizon line is often not sky
REACH_DEG = 6.0           # the search spans the fit's estimate +- this
STEP_DEG = 1.0
MIN_CELLS = 200
WHOLE_STEP_DEG = 2.0      # the whole-range search's step, from its lowest elevation to 88°
WHOLE_STRIDE = 2          # ... on every other column's cells (half the work, same valleys)
SHARP = 2.0               # its least cost is this many times under the costs 6-10° away ...
DISAGREE_DEG = 2.5        # ... and farther than this from the fit's: it overrides the fit


@dataclass
class CollapseCells:
    """The unclipped sky above MIN_ELEVATION_DEG, sorted by image row: each collapse
    of a search takes the ones within MAX_GAMMA_DEG of its sun from these."""

    rows: np.ndarray
    directions: np.ndarray    # (n, 3)
    log_lum: np.ndarray       # (n,) float64
    weights: np.ndarray       # (n,) solid angles, float64


def collapse_cells(grid: WorkGrid, stride: int = 1) -> CollapseCells:
    """The cells of every `stride`-th column (a search over all elevations needs fewer)."""
    h = int(np.sum(grid.elevations > 0.0))
    lum = luminance(grid.linear[:h])
    usable = ((grid.clipped[:h] == 0.0) & (lum > grid.dark)
              & (grid.elevations[:h, None] > MIN_ELEVATION_DEG))
    usable[:, np.arange(usable.shape[1]) % stride != 0] = False
    rows, cols = np.nonzero(usable)
    return CollapseCells(rows, grid.directions(h)[rows, cols], np.log(lum[rows, cols]).astype(
        np.float64), grid.solid_angles[rows].astype(np.float64))


def separable_elevation(grid: WorkGrid, azimuth_deg: float, around_deg: float
                        ) -> tuple[float | None, dict]:
    """(elevation, info): the sun's elevation within REACH_DEG of `around_deg` whose
    horizon-profile x falloff product explains the unclipped sky best; None when the
    least cost lies on the search's edge or the sky has too few cells."""
    els = [float(e) for e in np.arange(max(around_deg - REACH_DEG, MIN_ELEVATION_DEG),
                                       min(around_deg + REACH_DEG, 89.0) + 1e-6, STEP_DEG)]
    cells = collapse_cells(grid)
    costs = [collapse_cost(cells, e, azimuth_deg) for e in els]
    info = {"separable_deg": [round(e, 2) for e in els],
            "separable_cost": [round(c, 5) for c in costs]}
    if not np.isfinite(min(costs)):
        return None, info
    return interior_min(els, costs), info


def sharp_collapse(grid: WorkGrid, azimuth_deg: float, lowest_deg: float, fit_deg: float
                   ) -> tuple[float | None, dict]:
    """(elevation, info): the separable collapse over every elevation from `lowest_deg`
    up, where it overrides the model fit's `fit_deg`: its least cost is interior,
    SHARP times under the costs 6-10° either side (one clear valley, not a clouded sky's
    shallow trough: those reach 1.6) and over DISAGREE_DEG from the fit. The fit's
    model is then the wrong sky: on Blender's sky it put a clear 45° sun 3.0° high and a
    62° sun 2.7° high (its shape cost flat there); the collapse has them within 0.7°.
    None otherwise (on the whole test grid's clear-sky cases, the two never disagree by
    that much with such a valley)."""
    els = [float(e) for e in np.arange(lowest_deg, 88.0 + 1e-6, WHOLE_STEP_DEG)]
    cells = collapse_cells(grid, WHOLE_STRIDE)
    costs = parallel_map(lambda e: collapse_cost(cells, e, azimuth_deg), els)
    k = int(np.argmin(costs))
    far = [c for j, c in enumerate(costs) if 3 <= abs(j - k) <= 5]
    sharp = min(far) / max(costs[k], 1e-12) if far and np.isfinite(costs[k]) else 0.0
    best = interior_min(els, costs) if sharp >= SHARP else None
    info = {"whole_collapse_deg": [round(e, 2) for e in els[::3]],
            "whole_collapse_cost": [round(c, 5) for c in costs[::3]],
            "whole_collapse_sharp": round(sharp, 2)}
    if best is None or abs(best - fit_deg) <= DISAGREE_DEG:
        return None, info
    return best, info


def collapse_cost(cells: CollapseCells, elevation_deg: float, azimuth_deg: float) -> float:
    """Mean |residual| (log luminance, solid-angle weighted) of the best product
    g(row) x f(gamma) for a sun at (elevation, azimuth), over the cells within
    MAX_GAMMA_DEG of it; inf with too few."""
    sun = direction(np.array(elevation_deg), np.array(azimuth_deg))
    cos = fixed_matmul(cells.directions, sun)
    near = np.flatnonzero(cos > np.cos(np.radians(MAX_GAMMA_DEG)))
    if near.size < MIN_CELLS:
        return float("inf")
    gamma = np.degrees(np.arccos(np.clip(cos[near], -1.0, 1.0)))
    w = cells.weights[near] / cells.weights[near].sum()
    starts = row_starts(cells.rows[near])
    y = centre_rows(cells.log_lum[near], w, starts)
    knot, t = _hat(gamma)
    return float(np.sum(w * np.abs(y - _collapse(knot, t, w, y, starts))))


def _hat(gamma: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each gamma's knot interval in KNOTS_DEG and where it lies in it (0..1): the
    piecewise-linear f(gamma) is (1 - t) f[knot] + t f[knot + 1]."""
    k = np.clip(np.searchsorted(KNOTS_DEG, gamma) - 1, 0, len(KNOTS_DEG) - 2)
    return k, (gamma - KNOTS_DEG[k]) / (KNOTS_DEG[k + 1] - KNOTS_DEG[k])


def _collapse(knot: np.ndarray, t: np.ndarray, w: np.ndarray, y: np.ndarray,
              starts: np.ndarray) -> np.ndarray:
    """The least-squares row-centred log f(gamma) at each cell, for the row-centred sky
    `y`. Solved through its 17x17 normal equations, built from each cell's two hat
    weights (bincounts: a fixed summation order at any thread count): the row offsets
    are eliminated by subtracting each row's weighted mean hat (Schur complement)."""
    n = len(KNOTS_DEG)
    pairs = ((knot, 1.0 - t), (knot + 1, t))
    gram = np.zeros(n * n)
    for ka, va in pairs:
        for kb, vb in pairs:
            gram += np.bincount(ka * n + kb, w * va * vb, minlength=n * n)
    row = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, len(w)]))
    mean_hat = sum(np.bincount(row * n + k, w * v, minlength=len(starts) * n)
                   for k, v in pairs).reshape(-1, n)
    row_w = np.add.reduceat(w, starts)
    gram = gram.reshape(n, n) - np.einsum("ri,rj->ij", mean_hat / row_w[:, None], mean_hat)
    rhs = sum(np.bincount(k, w * v * y, minlength=n) for k, v in pairs)
    f = np.linalg.lstsq(gram, rhs, rcond=None)[0]     # rank n - 1: f's level is free
    fitted = (1.0 - t) * f[knot] + t * f[knot + 1]
    return fitted - (fixed_matmul(mean_hat, f) / row_w)[row]


MIRROR_REACH_DEG = 15.0   # searched in 1° steps, then in quarter degrees round the best
MIRROR_CAP = 0.5          # a mirrored pair's |log difference| counts at most this much


def mirror_azimuth(grid: WorkGrid, azimuth_deg: float) -> tuple[float, dict]:
    """(azimuth, info): within MIRROR_REACH_DEG of `azimuth_deg`, the vertical plane
    about which the unclipped sky above MIN_ELEVATION_DEG is most mirror-symmetric;
    `azimuth_deg` itself when the least cost lies on the search's edge."""
    coarse = [azimuth_deg + d for d in np.arange(-MIRROR_REACH_DEG, MIRROR_REACH_DEG + 1e-6)]
    h = int(np.sum(grid.elevations > MIN_ELEVATION_DEG))
    lum = luminance(grid.linear[:h])
    log = np.log(np.maximum(lum, grid.dark))
    seen = (grid.clipped[:h] == 0.0) & (lum > grid.dark)
    costs = [mirror_cost(grid, log, seen, a) for a in coarse]
    info = {"mirror_deg": [round(a % 360.0, 2) for a in coarse[::3]],
            "mirror_cost": [round(c, 5) for c in costs[::3]]}
    k = int(np.argmin(costs))
    if not 0 < k < len(coarse) - 1 or not np.isfinite(costs[k]):
        return azimuth_deg, info
    fine = [coarse[k] + d for d in np.arange(-1.0, 1.0 + 1e-6, 0.25)]
    fine_costs = [mirror_cost(grid, log, seen, a) for a in fine]
    j = int(np.clip(np.argmin(fine_costs), 1, len(fine) - 2))
    return parabola_min(fine[j - 1:j + 2], fine_costs[j - 1:j + 2]) % 360.0, info


def mirror_cost(grid: WorkGrid, log: np.ndarray, seen: np.ndarray, azimuth_deg: float
                ) -> float:
    """Mean capped |log L(az + d) - log L(az - d)| over the unclipped sky's mirrored
    pairs of columns (linearly interpolated), weighted by solid angle. log, seen: the
    log luminance of the rows above MIN_ELEVATION_DEG and where it was seen unclipped
    (computed once a search)."""
    h, width = log.shape
    centre = (azimuth_deg + 90.0) / 360.0 * width - 0.5          # column_azimuths inverse
    offsets = np.arange(1, width // 2)
    right, r_ok = _columns_at(log, seen, centre + offsets)
    left, l_ok = _columns_at(log, seen, centre - offsets)
    both = r_ok & l_ok
    weight = np.broadcast_to(grid.solid_angles[:h, None], both.shape)[both]
    if weight.sum() <= 0.0:
        return float("inf")
    diff = np.minimum(np.abs(right - left)[both], MIRROR_CAP)
    return float(np.sum(diff * weight) / np.sum(weight))


def _columns_at(values: np.ndarray, ok: np.ndarray, columns: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray]:
    """(rows, n) values at fractional columns (wrapping), and where both neighbours
    are usable."""
    width = values.shape[1]
    lo = np.floor(columns).astype(np.int64)
    t = (columns - lo).astype(np.float32)
    i, j = lo % width, (lo + 1) % width
    return values[:, i] * (1.0 - t) + values[:, j] * t, ok[:, i] & ok[:, j]
