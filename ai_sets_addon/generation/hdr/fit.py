"""Fit our analytic clear sky (generation/sky/atmosphere: spectral Rayleigh + Mie +
ozone with multiple scattering) to the unclipped sky of a panorama.

Unknowns: the haze (aerosol depth, the one free parameter of `atmosphere_for_haze`),
the sun's elevation where the clipped region biases it, and the exposure `scale` that
turns the file's relative values into W/m²/sr. The fit is robust: a per-channel log
ratio (model / pixel) over cloud-free, unclipped cells above 3°, scale = its weighted
median, cost = its weighted mean absolute deviation with each cell capped at 1 (so
buildings, trees and clouds in the upper hemisphere cost a bounded amount each).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from ..sky.atmosphere import SkyTable, atmosphere_for_haze, sky_table, sky_table_under
from .grid import WorkGrid, lerp_rows_then_columns, parallel_map

HAZE_GRID = (0.0, 0.1, 0.3, 0.6, 1.0)  # coarse search, then a parabola through the best three
# 0.1 between 0 and 0.3: a least at an end sample is not refined, and clear skies
# live there (the project's haze-0.1 sky, fitted at 0: its sun 1.12x too bright in
# the irradiance; Blender's sky with six times the aerosol: 1.33x)
FIT_HAZES = HAZE_GRID[:-1]        # after a wedge scan (hazes 0-0.6): its haziest is the top
HAZE_STEP = 0.1                   # the local search around a previous haze
MIN_FIT_ELEVATION = 3.0           # degrees: the horizon line is often not sky
CAP = 1.0                         # a cell's cost is capped (robust to non-sky cells)
FIT_STRIDE = 2


@dataclass
class SkyFit:
    """The clear sky that explains the panorama best, and how well it does."""

    haze: float
    scale: float                  # W/m²/sr per relative unit of the file
    residual: float               # robust mean |log(model / pixel)|, 0 = perfect
    sky_share: float              # share of the upper hemisphere (solid angle) used
    sun_elevation_deg: float
    sun_azimuth_deg: float
    table: SkyTable = field(repr=False)
    costs: dict[str, float] = field(default_factory=dict)

    @property
    def sun_rgb(self) -> np.ndarray:
        """Direct-sun irradiance at the observer (W/m² per channel) the fit implies."""
        return np.asarray(self.table.sun_rgb, np.float64)


@lru_cache(maxsize=32)
def table_for(haze: float, elevation_deg: float) -> SkyTable:
    """Cached whole sky table: sky_rows_for's rows, which the fit's searches have
    usually marched already (a clear sky's haze is a searched one, 0), and the rows
    under the horizon marched on to them (the same bytes as one march of the whole)."""
    return sky_table_under(sky_rows_for(haze, elevation_deg), atmosphere_for_haze(haze),
                           elevation_deg)


@lru_cache(maxsize=32)
def sky_rows_for(haze: float, elevation_deg: float) -> SkyTable:
    """table_for's rows from the horizon up, the same bytes: all that score() reads (its
    samples are above MIN_FIT_ELEVATION), for half the march. The searches of haze and
    elevation score a dozen suns; only the one fitted needs its whole table."""
    return sky_table(atmosphere_for_haze(haze), elevation_deg, above_horizon=True)


def model_radiance(tab: SkyTable, elevations: np.ndarray, azimuths: np.ndarray,
                   sun_azimuth_deg: float) -> np.ndarray:
    """Table radiance (..., 3) at view elevations/azimuths (broadcast), bilinear."""
    el, az = np.broadcast_arrays(elevations, azimuths)
    rel = np.abs((az - sun_azimuth_deg + 180.0) % 360.0 - 180.0)
    i, wi = _cell(tab.elevations_deg, el)
    j, wj = _cell(tab.azimuths_deg, rel)
    t = tab.radiance
    top = t[i, j] * (1 - wj[..., None]) + t[i, j + 1] * wj[..., None]
    bottom = t[i + 1, j] * (1 - wj[..., None]) + t[i + 1, j + 1] * wj[..., None]
    return (top * (1 - wi[..., None]) + bottom * wi[..., None]).astype(np.float32)


def model_radiance_band(tab: SkyTable, elevations: np.ndarray, azimuths: np.ndarray,
                        sun_azimuth_deg: float) -> np.ndarray:
    """model_radiance on a grid, (rows, columns, 3), for rows at `elevations` and
    columns at `azimuths`: each table row the band needs is interpolated along the
    columns once (the same products in the same order as model_radiance, so the same
    bytes, for a fraction of the gathers)."""
    rel = np.abs((azimuths - sun_azimuth_deg + 180.0) % 360.0 - 180.0)
    i, wi = _cell(tab.elevations_deg, elevations)
    j, wj = _cell(tab.azimuths_deg, rel)
    return lerp_rows_then_columns(tab.radiance, i, i + 1, wi, j, j + 1, wj).astype(np.float32)


def _cell(grid: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    i = np.clip(np.searchsorted(grid, x) - 1, 0, len(grid) - 2)
    w = np.clip((x - grid[i]) / (grid[i + 1] - grid[i]), 0.0, 1.0)
    return i, w.astype(np.float32)


@dataclass
class SkySamples:
    """The cells the fit may use: relative RGB, their directions and weights."""

    rgb: np.ndarray               # (n, 3)
    elevations: np.ndarray        # (n,)
    azimuths: np.ndarray          # (n,)
    weights: np.ndarray           # (n,) solid angles
    share: float


def sky_samples(grid: WorkGrid) -> SkySamples:
    """Every FIT_STRIDE-th cell each way (a 0.7° grid has more than the smooth sky needs)."""
    els = grid.elevations
    rows = np.nonzero(els > MIN_FIT_ELEVATION)[0][::FIT_STRIDE]
    cols = np.arange(0, grid.linear.shape[1], FIT_STRIDE)
    rgb = grid.linear[np.ix_(rows, cols)]
    ok = (grid.clipped[np.ix_(rows, cols)] == 0.0) & (rgb.min(axis=2) > grid.dark)
    omega = np.broadcast_to(grid.solid_angles[rows, None], ok.shape)
    r_idx, c_idx = np.nonzero(ok)
    total = float(np.sum(grid.solid_angles[rows]) * len(cols))
    return SkySamples(rgb[ok], els[rows][r_idx], grid.azimuths[cols][c_idx], omega[ok],
                      float(omega[ok].sum()) / max(total, 1e-12))


def score(samples: SkySamples, tab: SkyTable, sun_az: float) -> tuple[float, float]:
    """(robust cost, scale) of one model against the samples."""
    model = model_radiance(tab, samples.elevations, samples.azimuths, sun_az)
    r = np.log(np.maximum(model, 1e-12)) - np.log(samples.rgb)          # (n, 3)
    w = np.repeat(samples.weights[:, None], 3, axis=1).ravel()
    r = r.ravel()
    log_k = weighted_median(r, w)
    cost = float(np.sum(np.minimum(np.abs(r - log_k), CAP) * w) / np.sum(w))
    return cost, float(np.exp(log_k))


def weighted_median(x: np.ndarray, w: np.ndarray) -> float:
    order = np.argsort(x)
    cw = np.cumsum(w[order])
    return float(x[order][np.searchsorted(cw, 0.5 * cw[-1])])


def fit_haze(samples: SkySamples, sun_el: float, sun_az: float,
             grid: tuple[float, ...] = HAZE_GRID) -> tuple[float, dict]:
    """Haze by a search on `grid` and a parabola through the best point and its neighbours."""
    costs = dict(zip(grid, parallel_map(
        lambda h: score(samples, sky_rows_for(h, round(sun_el, 2)), sun_az)[0], grid)))
    hs = list(grid)
    best = int(np.argmin([costs[h] for h in hs]))
    lo, hi = max(best - 1, 0), min(best + 1, len(hs) - 1)
    if hi - lo == 2:
        haze = parabola_min(hs[lo:hi + 1], [costs[h] for h in hs[lo:hi + 1]])
    else:
        haze = hs[best]
    haze = float(np.clip(round(haze, 2), min(grid), max(grid)))
    return haze, {f"{h:g}": c for h, c in costs.items()}


def whole_sky_residual(samples: SkySamples, sun_el: float, sun_az: float) -> float:
    """The robust misfit of the clear sky, its haze fitted (on FIT_HAZES and a
    parabola), at a sun: fit_sky's residual, from the upper rows alone."""
    haze, _ = fit_haze(samples, sun_el, sun_az, FIT_HAZES)
    return score(samples, sky_rows_for(haze, round(sun_el, 2)), sun_az)[0]


def neighbour_hazes(haze: float) -> list[float]:
    """The hazes HAZE_STEP either side of `haze` (within 0..1, two decimals: their
    multiple-scattering tables ship): where the haze walks of the fits step next."""
    return sorted({float(np.clip(round(haze + d, 2), 0.0, 1.0))
                   for d in (-HAZE_STEP, HAZE_STEP)} - {haze})


def local_grid(haze: float) -> tuple[float, ...]:
    lo = min(max(haze - HAZE_STEP, 0.0), 1.0 - 2 * HAZE_STEP)
    return tuple(round(lo + i * HAZE_STEP, 2) for i in range(3))


def parabola_min(x: list[float], y: list[float], lo: float | None = None,
                 hi: float | None = None) -> float:
    """The vertex of the parabola through three samples, clipped to [lo, hi] (default
    their span); the lowest sample when the parabola opens downward. Every search of
    the lift (haze, elevations, azimuth) refines its best sample this way."""
    a, b, _ = np.polyfit(x, y, 2)
    if not a > 0:                      # opens downward (or a sample was unmeasurable)
        return float(x[int(np.argmin(y))])
    return float(np.clip(-b / (2 * a), x[0] if lo is None else lo, x[-1] if hi is None else hi))


def interior_min(x: list[float], y: list[float]) -> float | None:
    """The least of sampled costs refined by parabola_min through it and its two
    neighbours; None when the least is an end sample (the search did not bracket it)."""
    k = int(np.argmin(y))
    if not 0 < k < len(x) - 1:
        return None
    return parabola_min(x[k - 1:k + 2], y[k - 1:k + 2])


def fit_sky(grid: WorkGrid, sun_el: float, sun_az: float, haze: float | None = None,
            haze_around: float | None = None,
            search: tuple[float, ...] | None = None) -> SkyFit:
    """Fit haze (unless given; near `haze_around` when that is given; on `search` when
    that is given) and scale."""
    samples = sky_samples(grid)
    if len(samples.weights) < 50:
        raise ValueError("too few clear sky cells to fit")
    costs: dict[str, float] = {}
    if haze is None:
        if search is None:
            search = HAZE_GRID if haze_around is None else local_grid(haze_around)
        haze, costs = fit_haze(samples, sun_el, sun_az, search)
    tab = table_for(haze, round(sun_el, 2))
    cost, scale = score(samples, tab, sun_az)
    return SkyFit(haze, scale, cost, samples.share, sun_el, sun_az, tab, costs)
