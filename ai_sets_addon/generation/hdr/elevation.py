"""The sun's elevation from the shape of the unclipped sky around its vertical.

The azimuth of a clipped sun is easy (the sky is symmetric about the sun's vertical);
its elevation is not: the clipped region leans toward the bright horizon, merges with a
clipped horizon band, or is cut by the ground. So the elevation is the one whose fitted
clear sky (fit.py's physical model) best reproduces the *shape* of the unclipped sky in
a wedge of ±WEDGE_DEG of azimuth around the sun's:

- each image row's mean log luminance and log colour ratios (R/G, B/G, weighted 1/4
  each: skies' colours differ between models more than their shapes) are taken out of
  model and image alike, so the elevation profile (horizon glow, ground haze: where
  models and real skies differ most) does not count; what counts is how the light
  falls off in azimuth along each row, which the aureole ties to the row's angular
  distance from the sun, and how the colour changes toward the sun (a low sun reddens
  its side of the sky);
- a free slope on the model's log (an unknown tone curve: gamma 2.2 read as sRGB, a
  filmic curve's contrast) and capped residuals (clouds, buildings);
- a 3° scan over the elevations the clipped region spans at the sun's azimuth, at
  hazes 0, 0.3 and 0.6 (the final fit reuses their multiple-scattering tables), then a
  parabola through the best three; a sun read at LOW_SUN_DEG or higher is read again
  with cleaner air than the crisp day's as well (the sky module's CLEANEST_HAZE, aerosol
  depth 0.01: our model makes Blender's sky's fainter aureole with air that clean;
  matched with the crisp day's, it read the wrong tone curve and a sun too low).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from ..sky.atmosphere import (CLEANEST_HAZE, OBSERVER_ALTITUDE, PathInAir, RayPath,
                               atmosphere_for_haze, march_in_air, mie_phase,
                               multiple_scattering_table, path_in_air, ray_path,
                               rayleigh_phase)
from ..sky.equirect import direction
from ..sky.spectrum import fixed_matmul, to_rgb
from .fit import (SkySamples, fit_haze, interior_min, neighbour_hazes, parabola_min, score,
                  sky_rows_for, sky_samples, weighted_median)
from .grid import WorkGrid, cell_luminance, centre_rows, parallel_map, row_starts
from .response import BLENDER_AGX, FILMIC, curve_named, dark_level, log_encoded

WEDGE_DEG = 45.0         # cells within this azimuth of the sun's count
MIN_SKY_ELEVATION = 2.0
MAX_CELLS = 600         # a few hundred cells pin the shape; each costs a march
MARCH_STEPS = 16
SCAN_STEP_DEG = 3.0
MAX_SCAN = 24            # at most this many coarse elevations
RES_CAP = 0.5
CHANNEL_WEIGHTS = np.array([1.0, 0.25, 0.25]) / 1.5   # luminance, log R/G, log B/G
SCAN_HAZES = (0.0, 0.3, 0.6)
LOW_SUN_DEG = 12.0       # a shape-scan estimate under this is refined by the absolute fit
LOW_SUN_SPAN = (-2.0, 6.0)   # degrees around the shape estimate it searches
LOW_SUN_STEPS = 9
LOW_SUN_REACH = 30.0     # ... and, while its cost still falls at the top, up to this over
LOW_SUN_CLIMB = 2.0      # ... in steps of this
LEVEL_MARGIN = 1.5       # the whole sky's level overrides the shape's curve by this much
LOW_LEVEL_MARGIN = 2.0   # ... for a sun under LOW_SUN_DEG (skies differ more near the horizon)
LEVEL_HAZE_STEP = 0.05   # the haze a curve's level is judged at, rounded to this
MAX_WEDGE_MISFIT = 0.5   # a wedge explained worse holds no sun (1: no fit), and no curve
SHAPE_SAME = 1.005       # AgX must fit the shape this much better than a filmic contrast
SHAPE_TIE = 1.02         # shape misfits this close cannot tell a power law from a filmic curve


@dataclass
class WedgeSamples:
    """Unclipped cells in the wedge, sorted by image row, with their row groups."""

    elevations: np.ndarray
    azimuths: np.ndarray
    log_rgb: np.ndarray      # (n, 3) row-centred log RGB
    weights: np.ndarray      # normalised solid angles
    starts: np.ndarray       # first index of each row group
    index: np.ndarray        # flat indices of the cells in the upper rows of the grid


def wedge_samples(grid: WorkGrid, azimuth_deg: float) -> WedgeSamples | None:
    h = int(np.sum(grid.elevations > 0.0))
    lum = cell_luminance(grid.linear[:h])
    off = np.abs((grid.azimuths - azimuth_deg + 180.0) % 360.0 - 180.0)
    ok = ((grid.clipped[:h] == 0.0) & (lum > 1e-3) & (off[None, :] < WEDGE_DEG)
          & (grid.elevations[:h, None] > MIN_SKY_ELEVATION))
    idx = np.flatnonzero(ok)
    if len(idx) < 50:
        return None
    idx = idx[:: max(1, len(idx) // MAX_CELLS)]
    w_cols = grid.linear.shape[1]
    rows, cols = idx // w_cols, idx % w_cols
    starts = row_starts(rows)
    weights = grid.solid_angles[rows].astype(np.float64)
    weights = weights / weights.sum()
    samples = WedgeSamples(grid.elevations[rows], grid.azimuths[cols], np.empty(0),
                           weights, starts, idx)
    return with_pixels(samples, grid.linear[:h].reshape(-1, 3)[idx])


def with_pixels(samples: WedgeSamples, rgb: np.ndarray) -> WedgeSamples:
    """The same cells with other pixel values (the sky decoded with another curve)."""
    rgb = np.maximum(rgb, 1e-4).astype(np.float64)
    y = centre_rows(lum_chroma(rgb), samples.weights, samples.starts)
    return replace(samples, log_rgb=y)


def lum_chroma(rgb: np.ndarray) -> np.ndarray:
    """(n, 3) log luminance, log R/G, log B/G."""
    logs = np.log(rgb)
    return np.stack([np.log(cell_luminance(rgb)), logs[:, 0] - logs[:, 1],
                     logs[:, 2] - logs[:, 1]], axis=1)


def wedge_rgb(samples: WedgeSamples, haze: float, elevation_deg: float,
              azimuth_deg: float, rays: WedgeRays | None = None) -> np.ndarray:
    """The clear-sky model's RGB at the samples, marched directly (fit.py's
    atmosphere, MARCH_STEPS steps): a scan needs a few hundred directions per sun, not
    a whole table. `rays`: the samples' paths, already computed for this azimuth."""
    atm = atmosphere_for_haze(haze)
    rays = wedge_rays(samples, azimuth_deg) if rays is None else rays
    sun = direction(np.array(elevation_deg), np.array(0.0))
    res = march_in_air(rays.in_air(haze), sun, multiple_scattering_table(atm))
    cos_t = fixed_matmul(rays.views, sun)
    spectral = (res.rayleigh * rayleigh_phase(cos_t)[..., None]
                + res.mie * mie_phase(cos_t, atm.mie_g)[..., None] + res.multiple)
    return to_rgb(spectral)


@dataclass
class WedgeRays:
    """The samples' view rays (azimuths from the sun's), their march path and that path
    in the air of each haze: what every sun of a scan or a search shares."""

    views: np.ndarray
    path: RayPath
    airs: dict[float, PathInAir]

    def in_air(self, haze: float) -> PathInAir:
        if haze not in self.airs:        # threads may both compute it: the same values
            self.airs[haze] = path_in_air(atmosphere_for_haze(haze), self.path)
        return self.airs[haze]


def wedge_rays(samples: WedgeSamples, azimuth_deg: float, hazes: tuple[float, ...] = ()
               ) -> WedgeRays:
    """The rays of `samples` for a sun at `azimuth_deg`, their path in the air of
    `hazes` computed now (others when first asked for)."""
    views = direction(samples.elevations, samples.azimuths - azimuth_deg)
    rays = WedgeRays(views, ray_path(OBSERVER_ALTITUDE, views, MARCH_STEPS), {})
    for h in hazes:
        rays.in_air(h)
    return rays


def model_shape(samples: WedgeSamples, haze: float, elevation_deg: float,
                azimuth_deg: float, rays: WedgeRays | None = None) -> np.ndarray:
    """The model's row-centred log luminance and chroma at the samples."""
    rgb = wedge_rgb(samples, haze, elevation_deg, azimuth_deg, rays)
    return centre_rows(lum_chroma(np.maximum(rgb, 1e-30)), samples.weights, samples.starts)


def shape_cost(samples: WedgeSamples, x: np.ndarray, free_slope: bool = True) -> float:
    """Robust misfit of the row-centred log sky against the model's `x`: with a free
    slope (0.5..1.5: what is left of an unknown tone curve) or none (a linear sky)."""
    y, w = samples.log_rgb, samples.weights[:, None] * CHANNEL_WEIGHTS
    slope = 1.0
    if free_slope:
        slope = float(np.clip(np.sum(w * x * y) / max(np.sum(w * x * x), 1e-12), 0.5, 1.5))
    return float(np.sum(w * np.minimum(np.abs(y - slope * x), RES_CAP)))


def pick_curve(samples: WedgeSamples, models: list[list[np.ndarray]],
               decodings: dict[str, np.ndarray] | None
               ) -> tuple[str, dict[str, float], dict[str, WedgeSamples]]:
    """The decoding ("" = as read, or a name of `decodings`) whose wedge the models
    explain best: each decoding's least free-slope misfit over the models, relative to
    how much its own row-centred sky varies (a curve that flattens the sky must not win
    by having less left to explain); as read where none is explained (MAX_WEDGE_MISFIT:
    a clouded sky 70 % white, whose wedge no curve explains (0.67-0.71), was read with
    PBR Neutral, whose highlight expansion fit a sun 19° off in level). Returns (name,
    relative misfits, the samples of every decoding)."""
    variants = {"": samples}
    for name, pixels in (decodings or {}).items():
        variants[name] = with_pixels(samples, pixels[samples.index])
    relative = {name: min(shape_cost(v, x) for row in models for x in row) / _spread(v)
                for name, v in variants.items()}
    curve = min(relative, key=lambda n: (relative[n], n)) if len(variants) > 1 else ""
    if relative[curve] > MAX_WEDGE_MISFIT:
        curve = ""          # no clear sky explains the wedge: nothing to read a curve by
    return curve, relative, variants


def _contenders(shape: dict[str, float]) -> dict[str, float]:
    """The curves the level judges (of a curve -> shape misfit table): the filmic
    members, and the others whose misfit ties with the best (SHAPE_TIE): a sRGB sky
    under a high sun, 40 % clipped, fits filmic 1.5 and sRGB within 1 %, and then only
    its level can tell them."""
    best = min(shape.values())
    return {n: c for n, c in shape.items() if log_encoded(n) or c <= SHAPE_TIE * best}


def response_pick(grid: WorkGrid, decodings: dict[str, np.ndarray], shape: dict[str, float],
                  suns: dict[str, tuple[tuple[float, ...], float]], azimuth_deg: float,
                  margin: float = LEVEL_MARGIN) -> tuple[str, dict[str, float]]:
    """The filmic contrast (response.py) whose decoding a clear sky explains best in
    shape *and* in level. The wedge's shape misfit tells a filmic curve from a power
    law well, but its free slope absorbs most of the difference between contrasts (1.5
    and 2.5 score alike); the whole unclipped sky's absolute fit (fit.py's residual)
    has no free slope, but a model unlike the sky biases it. Each is taken relative to
    its best curve of `shape` and the two are added; but only where the level is
    decisive (the shape's choice fits it `margin` times worse than the best): on
    Blender's sky, whose level our model matches less well, it leaned 1.2-1.3x to the
    wrong contrast where the shape could not tell them apart, and up to 1.7x for a sun
    near the horizon (LOW_LEVEL_MARGIN). `suns`: per curve, the
    hazes (the best is taken) and the sun elevation it is judged at. Returns (name, the
    level residuals)."""
    level: dict[str, float] = {}
    for name, (hazes, elevation_deg) in suns.items():
        samples = sky_samples(decoded_grid(grid, name, decodings))
        if len(samples.weights) < 50:
            return min(shape, key=lambda n: (shape[n], n)), {}
        level[name] = _level(samples, hazes, elevation_deg, azimuth_deg)
    by_shape = _shape_pick(shape)
    best_shape, best_level = max(min(shape.values()), 1e-9), max(min(level.values()), 1e-9)
    if level[by_shape] < margin * best_level:
        return by_shape, level          # the level does not decide: the shape's choice
    both = {n: shape[n] / best_shape + level[n] / best_level for n in shape}
    return min(both, key=lambda n: (both[n], n)), level


def _level(samples: SkySamples, hazes: tuple[float, ...], elevation_deg: float,
           azimuth_deg: float) -> float:
    """The whole sky's fit residual at the best of `hazes`, or, given three or more, at
    the haze their parabola puts between them (fit.fit_haze): for a sun near the horizon
    the coarse hazes are too far apart to judge a curve by (the project's 2° sun read
    as filmic 2.5 at haze 0.3 fitted worse than filmic 2 at 0.19, and its disc came out
    4.7x too dim)."""
    if len(hazes) < 3:
        return min(score(samples, sky_rows_for(h, round(elevation_deg, 2)), azimuth_deg)[0]
                   for h in hazes)
    haze, _ = fit_haze(samples, elevation_deg, azimuth_deg, hazes)
    haze = round(haze / LEVEL_HAZE_STEP) * LEVEL_HAZE_STEP    # curves share its table
    return score(samples, sky_rows_for(round(haze, 2), round(elevation_deg, 2)),
                 azimuth_deg)[0]


def _shape_pick(shape: dict[str, float]) -> str:
    """The curve the wedge's shape prefers; Blender's AgX only where it beats every
    filmic contrast by more than SHAPE_SAME. Its grey axis lies between contrasts 2 and
    2.5 (0.24 stops RMS from 2), and where the shape cannot read the sky finely (clouds,
    a low sun) it ties with them: the project's clouded 2° and 5° suns through the
    filmic camera fitted AgX 0.08-0.23 % better than contrast 2, and read as AgX their
    light came out x1.53-1.55. Within that tie the filmic contest stands as before."""
    pick = min(shape, key=lambda n: (shape[n], n))
    if pick == BLENDER_AGX.name:
        close = [n for n in shape if n.startswith(FILMIC)
                 and shape[n] <= SHAPE_SAME * shape[pick]]
        pick = min(close, key=lambda n: (shape[n], n)) if close else pick
    return pick


def decoded_grid(grid: WorkGrid, name: str, decodings: dict[str, np.ndarray]) -> WorkGrid:
    """The work grid with its upper rows decoded with the curve `name` ("" = as read)."""
    if not name:
        return grid
    linear = grid.linear.copy()
    h_up = len(decodings[name]) // linear.shape[1]
    linear[:h_up] = decodings[name].reshape(h_up, linear.shape[1], 3)
    return replace(grid, linear=linear, dark=dark_level(grid.dark, curve_named(name)))


def curve_at(grid: WorkGrid, azimuth_deg: float, elevation_deg: float,
             decodings: dict[str, np.ndarray]) -> tuple[str, dict]:
    """pick_curve for a sun whose place is known (its disc seen whole): the models at
    its elevation and the scan's hazes."""
    at = _wedge_at(grid, azimuth_deg, elevation_deg)
    if at is None:
        return "", {"curve": "", "curve_cost": {}}
    curve, relative, _ = pick_curve(*at, decodings)
    level: dict[str, float] = {}
    if log_encoded(curve):
        curve, level = response_pick(grid, decodings, _contenders(relative),
                                     {n: (SCAN_HAZES, elevation_deg) for n in relative},
                                     azimuth_deg)
    return curve, {"curve": curve, "curve_cost": {n: round(c, 4) for n, c in relative.items()},
                   "curve_level": {n: round(c, 4) for n, c in level.items()}}


def explained_at(grid: WorkGrid, azimuth_deg: float, elevation_deg: float,
                 decodings: dict[str, np.ndarray] | None) -> float:
    """How badly a clear sky with its sun at (elevation, azimuth) explains the wedge
    around it: pick_curve's least relative misfit over the scan's hazes and the curves
    (inf without enough unclipped sky there)."""
    return min(curve_misfits(grid, azimuth_deg, elevation_deg, decodings).values(),
               default=float("inf"))


def curve_misfits(grid: WorkGrid, azimuth_deg: float, elevation_deg: float,
                  decodings: dict[str, np.ndarray] | None) -> dict[str, float]:
    """pick_curve's relative misfit of each decoding ("" = as read) of the wedge round a
    sun at (elevation, azimuth), at the scan's hazes; {} without enough sky there."""
    at = _wedge_at(grid, azimuth_deg, elevation_deg)
    return {} if at is None else pick_curve(*at, decodings)[1]


def _wedge_at(grid: WorkGrid, azimuth_deg: float, elevation_deg: float
              ) -> tuple[WedgeSamples, list[list[np.ndarray]]] | None:
    """The wedge's cells round the sun's azimuth and the models, one per scan haze, of a
    sun at (elevation, azimuth) (pick_curve's arguments); None with too little sky."""
    samples = wedge_samples(grid, azimuth_deg)
    if samples is None:
        return None
    rays = wedge_rays(samples, azimuth_deg)
    return samples, parallel_map(
        lambda h: [model_shape(samples, h, elevation_deg, azimuth_deg, rays)], SCAN_HAZES)


def _spread(samples: WedgeSamples) -> float:
    """How much the row-centred log sky varies (what a misfit is relative to)."""
    w = samples.weights[:, None] * CHANNEL_WEIGHTS
    return max(float(np.sum(w * np.minimum(np.abs(samples.log_rgb), RES_CAP))), 1e-9)


def clipped_span(grid: WorkGrid, azimuth_deg: float) -> tuple[float, float] | None:
    """(lowest, highest) elevation of clipped upper-hemisphere cells within a cell of the
    sun's azimuth: where the sun can be."""
    h = int(np.sum(grid.elevations > 0.0))
    w = grid.linear.shape[1]
    c = int(((azimuth_deg + 90.0) / 360.0 % 1.0) * w)
    cols = [(c + d) % w for d in (-1, 0, 1)]
    rows = np.nonzero(grid.clipped[:h][:, cols].max(axis=1) > 0.0)[0]
    if rows.size == 0:
        return None
    return float(grid.elevations[rows[-1]]), float(grid.elevations[rows[0]])


def scan_elevation(grid: WorkGrid, azimuth_deg: float, guess: float,
                   decodings: dict[str, np.ndarray] | None = None
                   ) -> tuple[float, float | None, dict]:
    """(elevation, haze) with the least shape cost over SCAN_HAZES x a 2-3° elevation
    scan, the elevation refined by a parabola; (guess, None) when the wedge has too
    little sky. `decodings` (name -> the grid's upper rows decoded with another tone
    curve, (h_up * w, 3)) are scored against the same models; the best one's name is
    info["curve"] (response.py). A sun it reads at LOW_SUN_DEG or higher is read again
    with cleaner air too (CLEANEST_HAZE), and that read wins where the clean air is its
    best haze and the wedge's relative misfit, with the curve each read chose, is lower:
    Blender's sky, whose fainter aureole our model makes with air that clean, had its
    20° sun read with the wrong contrast and 2.6° low on the crisp day's (clean air fits
    it 22-48 % better); a hazy 70° sky the clean air fits 3 % worse, once read with it
    anyway, went 25° off. A lower sun's reading it leaves alone (its horizon glow, not
    the aureole, decides there, and cleaner air read Blender's 2° suns 2.3° high)."""
    samples = wedge_samples(grid, azimuth_deg)
    span = clipped_span(grid, azimuth_deg)
    if samples is None or span is None:
        return guess, None, {"scan": "skipped: too little unclipped sky beside the sun"}
    lo, hi = max(span[0] - 1.0, 0.0), min(span[1] + 1.0, 89.0)
    step = max(SCAN_STEP_DEG, (hi - lo) / MAX_SCAN)
    els = [float(e) for e in np.arange(lo, hi + 1e-6, step)] if hi > lo else [lo]
    rays = wedge_rays(samples, azimuth_deg)
    models = _models(samples, SCAN_HAZES, els, azimuth_deg, rays)
    hazes = SCAN_HAZES
    best, i, info = _read_scan(grid, samples, els, models, hazes, decodings, azimuth_deg)
    if best >= LOW_SUN_DEG:
        clean = (CLEANEST_HAZE, *SCAN_HAZES)
        models = _models(samples, clean[:1], els, azimuth_deg, rays) + models
        again = _read_scan(grid, samples, els, models, clean, decodings, azimuth_deg)
        misfits = (_misfit(info), _misfit(again[2]))
        if again[1] == 0 and misfits[1] < misfits[0]:
            (best, i, info), hazes = again, clean
        info["clean_air_misfit"] = [round(m, 4) for m in misfits]
    info.update(scan_deg=[round(e, 2) for e in els], scan_hazes=list(hazes))
    return best, hazes[i], info


def _misfit(info: dict) -> float:
    """A read's relative shape misfit (pick_curve's) with the curve it chose."""
    return info["curve_cost"][info["curve"]]


def _models(samples: WedgeSamples, hazes: tuple[float, ...], els: list[float],
            azimuth_deg: float, rays: WedgeRays) -> list[list[np.ndarray]]:
    """The model's wedge shapes, one row per haze, one per elevation."""
    parallel_map(lambda h: (multiple_scattering_table(atmosphere_for_haze(h)),
                            rays.in_air(h)), hazes)
    flat = parallel_map(lambda he: model_shape(samples, he[0], he[1], azimuth_deg, rays),
                        [(h, e) for h in hazes for e in els])
    return [flat[i * len(els):(i + 1) * len(els)] for i in range(len(hazes))]


def _read_scan(grid: WorkGrid, samples: WedgeSamples, els: list[float],
               models: list[list[np.ndarray]], hazes: tuple[float, ...],
               decodings: dict[str, np.ndarray] | None, azimuth_deg: float
               ) -> tuple[float, int, dict]:
    """(elevation, haze index, info): the curve and the sun the scan's `models` (one row
    per haze of `hazes`) explain best."""
    curve, linear, variants = pick_curve(samples, models, decodings)
    costs = {curve: _scan_costs(variants[curve], models)}
    i, k = _least(costs[curve])
    level: dict[str, float] = {}
    if log_encoded(curve):
        # a wrong contrast and a wrong elevation can explain the wedge's shape together
        # (a filmic sky read with too much contrast fits a sun 2° low): each contender
        # is judged in level too
        contenders = _contenders(linear)
        for n in contenders:
            costs.setdefault(n, _scan_costs(variants[n], models))
        best_of = {n: _least(costs[n]) for n in contenders}
        if els[k] >= LOW_SUN_DEG:     # each at its own best (haze, elevation) of the scan
            suns = {n: ((hazes[a],), els[b]) for n, (a, b) in best_of.items()}
            margin = LEVEL_MARGIN
        else:   # a low sun's level changes fast with its elevation: all at the shape's,
            at = _vertex(els, costs[curve][i], k)     # each at the haze it fits best
            suns = {n: (hazes, at) for n in contenders}
            margin = LOW_LEVEL_MARGIN
        curve, level = response_pick(grid, decodings, contenders, suns, azimuth_deg, margin)
        i, k = best_of[curve]
    info = {"scan_cost": [[round(float(c), 4) for c in row] for row in costs[curve]],
            "curve": curve, "curve_cost": {n: round(c, 4) for n, c in linear.items()},
            "curve_level": {n: round(c, 4) for n, c in level.items()},
            "at_floor": bool(k == 0)}
    return _vertex(els, costs[curve][i], k), i, info


def _vertex(els: list[float], row: np.ndarray, k: int) -> float:
    """The elevation of the least cost `row[k]`, refined by the parabola through it and
    its neighbours (the sample itself at either end of the scan)."""
    if 0 < k < len(els) - 1:
        return parabola_min(els[k - 1:k + 2], list(row[k - 1:k + 2]))
    return els[k]


def _scan_costs(samples: WedgeSamples, models: list[list[np.ndarray]]) -> np.ndarray:
    """(hazes, elevations) shape costs of these samples against the scan's models."""
    return np.array([[shape_cost(samples, x) for x in row] for row in models])


def _least(costs: np.ndarray) -> tuple[int, int]:
    """(haze index, elevation index) of the least cost."""
    i, k = np.unravel_index(int(np.argmin(costs)), costs.shape)
    return int(i), int(k)


def sky_cells(grid: WorkGrid) -> WedgeSamples | None:
    """Unclipped cells above MIN_SKY_ELEVATION at every azimuth (log_rgb: not centred)."""
    h = int(np.sum(grid.elevations > 0.0))
    rgb = grid.linear[:h]
    ok = ((grid.clipped[:h] == 0.0) & (rgb.min(axis=2) > grid.dark)
          & (grid.elevations[:h, None] > MIN_SKY_ELEVATION))
    idx = np.flatnonzero(ok)
    if len(idx) < 50:
        return None
    idx = idx[:: max(1, len(idx) // MAX_CELLS)]
    rows, cols = idx // rgb.shape[1], idx % rgb.shape[1]
    weights = grid.solid_angles[rows].astype(np.float64)
    return WedgeSamples(grid.elevations[rows], grid.azimuths[cols],
                        np.log(rgb.reshape(-1, 3)[idx].astype(np.float64)),
                        weights / weights.sum(), np.zeros(1, np.int64), idx)


def absolute_cost(cells: WedgeSamples, haze: float, elevation_deg: float,
                  azimuth_deg: float, rays: WedgeRays | None = None) -> float:
    """Robust misfit of the sky's log RGB against the model's, one free scale (the
    weighted median log ratio): the elevation profile counts, unlike shape_cost."""
    model = np.log(np.maximum(wedge_rgb(cells, haze, elevation_deg, azimuth_deg, rays),
                              1e-30))
    r = (model - cells.log_rgb).ravel()
    w = np.repeat(cells.weights, 3)
    k = weighted_median(r, w)
    return float(np.sum(w * np.minimum(np.abs(r - k), RES_CAP)) / w.sum())


def low_sun_elevation(grid: WorkGrid, azimuth_deg: float, shape_deg: float, haze: float
                      ) -> tuple[float, dict]:
    """A low sun's elevation from the whole unclipped sky's absolute fit, on LOW_SUN_SPAN
    around the shape scan's estimate: near the horizon the sun's glow lies along the
    image rows, which shape_cost centres away, so the shape scan's minimum is flat
    (and pulled low where a sky's horizon glow differs from the model's); the absolute
    fit keeps the brightness profile from the horizon up. Haze and elevation trade off
    in it (a haze 0.1 too high puts a 5° sun 2° high), so it is fitted too: the
    hazes fit.HAZE_STEP either side of the scan's coarse one are probed at the best
    elevation, walking on while a neighbour fits better there, and the haze reached is
    searched in full (then its neighbours are probed again). The elevation search
    follows a cost still falling at either end of its range (up to LOW_SUN_REACH over
    the shape's, down to 0°)."""
    cells = sky_cells(grid)
    if cells is None:
        return shape_deg, {}
    rays = wedge_rays(cells, azimuth_deg)
    best, els, costs = _low_sun_run(cells, haze, azimuth_deg, shape_deg, rays)
    least = min(costs)
    while True:
        # the haze walks at this elevation while a neighbour fits better (one march
        # each); the haze it reaches gets its own elevation search (the golden-hour
        # sky at 4096 wide: the scan's coarse 0.3, then 0.2, 0.1 and 0, each better:
        # one step put its 4° sun at 5.2°, the walk at 4.3°)
        walked = _walk_haze(cells, haze, best, azimuth_deg, least, rays)
        if walked == haze:
            break
        run = _low_sun_run(cells, walked, azimuth_deg, shape_deg, rays)
        if min(run[2]) >= least:
            break
        (best, els, costs), haze, least = run, walked, min(run[2])
    return best, {"low_sun_deg": [round(e, 2) for e in els],
                  "low_sun_cost": [round(c, 4) for c in costs], "low_sun_haze": haze}


def _walk_haze(cells: WedgeSamples, haze: float, elevation_deg: float, azimuth_deg: float,
               least: float, rays: WedgeRays) -> float:
    """From `haze`, fit.HAZE_STEP at a time to the neighbour that fits the sky
    better at `elevation_deg` than `least`, while one does (the cost falls at each step:
    it ends)."""
    while True:
        others = neighbour_hazes(haze)
        probes = parallel_map(
            lambda h: absolute_cost(cells, h, elevation_deg, azimuth_deg, rays), others)
        k = int(np.argmin(probes))
        if probes[k] >= least:
            return haze
        haze, least = others[k], probes[k]


def _low_sun_run(cells: WedgeSamples, haze: float, azimuth_deg: float, shape_deg: float,
                 rays: WedgeRays) -> tuple[float, list[float], list[float]]:
    """(best elevation, elevations, costs) of the absolute fit at one haze."""
    lo, hi = max(shape_deg + LOW_SUN_SPAN[0], 0.0), shape_deg + LOW_SUN_SPAN[1]
    els = [float(e) for e in np.linspace(lo, hi, LOW_SUN_STEPS)]
    costs = parallel_map(lambda e: absolute_cost(cells, haze, e, azimuth_deg, rays), els)
    while int(np.argmin(costs)) == len(els) - 1 and els[-1] < shape_deg + LOW_SUN_REACH:
        # still falling at the top: the shape scan put a higher sun far too low (a
        # clipped horizon band merged with the aureole); follow the fit up
        els.append(els[-1] + LOW_SUN_CLIMB)
        costs.append(absolute_cost(cells, haze, els[-1], azimuth_deg, rays))
    while int(np.argmin(costs)) == 0 and els[0] > 0.0:
        # still falling at the bottom: the shape scan put the sun too high (the
        # golden-hour sky at 4096 wide: shape 8.6° for a true 4°, and the fit's least at
        # the range's floor, 6.6°); follow the fit down to the horizon
        els.insert(0, max(els[0] - LOW_SUN_CLIMB, 0.0))
        costs.insert(0, absolute_cost(cells, haze, els[0], azimuth_deg, rays))
    best = interior_min(els, costs)
    return (els[int(np.argmin(costs))] if best is None else best), els, costs
