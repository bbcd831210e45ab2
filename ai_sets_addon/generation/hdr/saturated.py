"""The sun of a sky the camera clipped almost everywhere (over SATURATED_SHARE of it).

Two or three stops over a clear sky's median, a camera clips the sun, the whole bright
side of the sky and the horizon: what it kept is the darkest sky, around 90° from the
sun. The clipped pixels are not missing data: each says that the sky there is at least
the clip level (a censored observation). So the sun is the one for which a clear sky,
scaled to the unclipped cells, both matches them and reaches the clip level wherever
the camera clipped (`censored_costs`):

1. the azimuth: CIE clear skies (sun.py's three types) with their sun on a 2° x 3°
   grid, then a 0.5° grid around the best; their elevations are poor (the CIE sky is
   not ours), their azimuths good to a few degrees (the kept sky is symmetric about the
   sun's vertical); model_free.mirror_azimuth then refines it from that symmetry;
2. no sun when the CIE overcast sky explains the kept sky nearly as well (an overcast
   sky over-exposed keeps its dark horizon ring, as a clear sky under a zenith sun does);
3. the elevation: our physical clear sky (elevation.wedge_rgb, marched at the cells) at
   the scan's hazes, 4° steps from 1° to 89°, then 1° steps around the best at that haze
   and 0.1 either side; from the least, the haze walks 0.1 at a time while a
   neighbouring haze's own best elevation fits better;
4. haze and elevation trade off along a valley of the censored misfit (0.1 of haze for
   ~1°): each haze's best elevation, walked from the least either way while its misfit
   stays within VALLEY_RATIO of the least, is a candidate, and the one whose clear sky
   (its own haze fitted, fit.py) fits the whole unclipped sky best is the sun; a
   parabola refines its elevation. The censored misfit alone put the project's clouded
   5° sun at 7.6° (haze 0, where the clouds pulled it) and its clouded 50° sun at 52.7°;
   the whole sky's fit picks 5.2° and 49.7° from their valleys.

With the true sun given, the lift of such skies is within 25 % in irradiance (12 of the
test set's 44 saturated cases keep some sky; the other 32 are white all over: no sun).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..sky.equirect import angles_of, direction
from .elevation import SCAN_HAZES, WedgeSamples, wedge_rays, wedge_rgb
from .fit import HAZE_STEP, neighbour_hazes, parabola_min, sky_samples, whole_sky_residual
from .grid import WorkGrid, cell_luminance, parallel_map
from .model_free import mirror_azimuth
from .sun import CIE_CLEAR, SunEstimate, cie_log, costs_by_type

MIN_SEEN_SHARE = 0.02     # the unclipped share of the sky above 3° that must be left
MIN_ELEVATION = 3.0       # cells lower are often ground, trees or buildings
CELLS_PER_KIND = 400      # unclipped and clipped cells compared (a stride sample of each)
CLIP_LEVEL = 0.9          # relative linear level a clipped cell is at least
FULLY_CLIPPED = 0.99      # a cell counts as clipped with this share of its pixels clipped
RES_CAP = 0.5             # a seen cell's |log residual| counts at most this much
SHORT_CAP = 1.0           # ... a clipped cell's shortfall under the clip level this much
OVERCAST_MARGIN = 0.5     # a clear sky must explain the kept sky this much better
MAX_COST = 0.3            # a worse censored misfit: no clear sky's sun explains the sky
COARSE_STEP = 4.0
FINE_HALF_SPAN = 4.0
VALLEY_RATIO = 2.0        # hazes whose censored misfit is within this of the least tie
SUN_BLOCK = 512           # suns of the azimuth search costed at a time (costs_by_type)


def saturated_sun(grid: WorkGrid, none: SunEstimate) -> tuple[SunEstimate, dict]:
    """(sun, mirror search info): the sun a censored clear-sky fit finds in a sky
    clipped almost everywhere, or `none` (find_sun's answer: no sun) with the reason
    extended."""
    cells = _cells(grid)
    if cells is None:
        none.reason += (": too little sky is left to show where the sun is; no sun added; "
                        "give it with --sun AZ,EL")
        return none, {}
    az, clear = _azimuth(cells)
    overcast = float(censored_costs(_overcast_log(cells.directions)[None], cells)[0])
    if clear > OVERCAST_MARGIN * overcast or clear > MAX_COST:
        none.reason += (f": the sky left unclipped is no clear sky's (censored misfit "
                        f"{clear:.3f}, an overcast sky's {overcast:.3f}); no sun added; "
                        "give it with --sun AZ,EL")
        return none, {}
    # the kept sky is symmetric about the sun's vertical: the azimuth from that, before
    # the elevation is fitted at it (the CIE sky's 2.5° off moved a 50° sun 3° up)
    az, mirror = mirror_azimuth(grid, az)
    el, haze, cost = _elevation(cells, az, grid)
    h = int(np.sum(grid.elevations > 0.0))
    clipped_sr = float(np.sum(grid.clipped[:h] * grid.solid_angles[:h, None]))
    return SunEstimate(True, el, az, "saturated",
                       f"{none.reason}; the sun is where a clear sky both "
                       "matches the darkest sky the camera kept and reaches white wherever "
                       f"it clipped (censored misfit {cost:.3f}, haze {haze:.2f})",
                       clipped_solid_angle_sr=clipped_sr,
                       confidence=float(np.exp(-cost / 0.1))), mirror


def censored_elevation(grid: WorkGrid, azimuth_deg: float) -> tuple[float, float, float] | None:
    """(elevation, haze, cost) of the censored fit at a known azimuth, for a sky clipped
    under SATURATED_SHARE whose clipped area leaves no sky beside the sun (a high sun's
    aureole merged with the bright horizon: the wedge scan has nothing to fit); None
    when too little sky is left."""
    cells = _cells(grid)
    return None if cells is None else _elevation(cells, azimuth_deg)


@dataclass
class Cells:
    """The cells compared: unclipped ones first, then clipped ones."""

    directions: np.ndarray      # (n, 3)
    elevations: np.ndarray      # (n,) degrees
    azimuths: np.ndarray        # (n,) degrees
    log_lum: np.ndarray         # (n,) float32
    seen: np.ndarray            # (n,) bool: unclipped
    weights: np.ndarray         # (n,) float32 solid angles, normalised within each kind


def _cells(grid: WorkGrid) -> Cells | None:
    """Up to CELLS_PER_KIND unclipped and clipped cells above MIN_ELEVATION; None when
    too little sky is left unclipped."""
    h = int(np.sum(grid.elevations > 0.0))
    lum = cell_luminance(grid.linear[:h])
    above = np.broadcast_to(grid.elevations[:h, None] > MIN_ELEVATION, lum.shape)
    clipped = (grid.clipped[:h] >= FULLY_CLIPPED) & above
    seen = (grid.clipped[:h] == 0.0) & above & (lum > grid.dark)
    omega = np.broadcast_to(grid.solid_angles[:h, None], lum.shape)
    if np.sum(omega[seen]) < MIN_SEEN_SHARE * np.sum(omega[above]):
        return None
    picks = []
    for mask in (seen, clipped):
        idx = np.flatnonzero(mask)
        picks.append(idx[:: max(1, len(idx) // CELLS_PER_KIND)])
    idx = np.concatenate(picks)
    is_seen = np.r_[np.ones(len(picks[0]), bool), np.zeros(len(picks[1]), bool)]
    w = omega.ravel()[idx].astype(np.float32)
    for kind in (is_seen, ~is_seen):
        w[kind] /= max(float(w[kind].sum()), 1e-12)
    rows, cols = idx // lum.shape[1], idx % lum.shape[1]
    return Cells(grid.directions(h).reshape(-1, 3)[idx], grid.elevations[rows],
                 grid.azimuths[cols], np.log(np.maximum(lum.ravel()[idx], 1e-6)).astype(
                     np.float32), is_seen, w)


def censored_costs(x: np.ndarray, cells: Cells, peak: np.ndarray | None = None
                   ) -> np.ndarray:
    """(C,) misfit of C model log-luminance rows `x` (C, n): each scaled by its mean log
    ratio to the unclipped cells; their capped |residual| plus how far the clipped cells'
    brightest channel (`peak`, log, (C, n); the luminance when not given) falls short of
    the clip level (capped). A camera clips a blue sky's blue channel first: its
    luminance there can be well under white."""
    y, seen = cells.log_lum[cells.seen], cells.seen
    ws, wc = cells.weights[seen], cells.weights[~seen]
    off = np.sum((y[None] - x[:, seen]) * ws, axis=1)
    res = np.sum(np.minimum(np.abs(y[None] - x[:, seen] - off[:, None]), RES_CAP) * ws,
                 axis=1)
    peak = x if peak is None else peak
    short = np.clip(np.float32(np.log(CLIP_LEVEL)) - peak[:, ~seen] - off[:, None], 0.0,
                    SHORT_CAP)
    return res + np.sum(short * wc, axis=1)


def _overcast_log(obs: np.ndarray) -> np.ndarray:
    """CIE standard overcast sky: L ~ (1 + 2 sin(elevation)) / 3."""
    return np.log((1.0 + 2.0 * np.maximum(obs[:, 2], 0.0)) / 3.0).astype(np.float32)


def _azimuth(cells: Cells) -> tuple[float, float]:
    """(azimuth, its least censored cost) over the CIE clear types and a sun grid."""
    ee, aa = np.meshgrid(np.arange(1.0, 89.0, 2.0), np.arange(0.0, 360.0, 3.0),
                         indexing="ij")
    suns = direction(ee.ravel(), aa.ravel())
    costs = costs_by_type(lambda block, cie: censored_costs(
        cie_log(block, cells.directions, cie), cells), suns, SUN_BLOCK)
    t = int(np.argmin([c.min() for c in costs]))
    el0, az0 = angles_of(suns[int(np.argmin(costs[t]))])
    steps = np.arange(-3.0, 3.01, 0.5)
    e2, a2 = np.meshgrid(el0 + steps, steps / max(np.cos(np.radians(el0)), 0.2),
                         indexing="ij")
    local = direction(np.clip(e2.ravel(), 0.0, 89.0), az0 + a2.ravel())
    fine = censored_costs(cie_log(local, cells.directions, CIE_CLEAR[t]), cells)
    k = int(np.argmin(fine))
    return float(angles_of(local[k])[1]) % 360.0, float(fine[k])


def _elevation(cells: Cells, azimuth_deg: float, grid: WorkGrid | None = None
               ) -> tuple[float, float, float]:
    """(elevation, haze, cost) of our physical clear sky at `azimuth_deg`; given the
    `grid`, the valley's sun that fits its whole unclipped sky best (`_whole_sky_pick`)."""
    at = WedgeSamples(cells.elevations, cells.azimuths, np.empty(0), cells.weights,
                      np.zeros(1, np.int64), np.arange(len(cells.seen)))
    known: dict[tuple[float, float], float] = {}
    rays = wedge_rays(at, azimuth_deg)

    def cost(haze_el: tuple[float, float]) -> float:
        rgb = np.maximum(wedge_rgb(at, haze_el[0], haze_el[1], azimuth_deg, rays), 1e-30)
        x = np.log(cell_luminance(rgb)).astype(np.float32)
        peak = np.log(np.maximum(np.maximum(rgb[:, 0], rgb[:, 1]), rgb[:, 2]))
        return float(censored_costs(x[None], cells, peak[None].astype(np.float32))[0])

    def costs(pairs: list[tuple[float, float]]) -> list[float]:
        new = [p for p in pairs if p not in known]
        known.update(zip(new, parallel_map(cost, new)))
        return [known[p] for p in pairs]

    els = [float(e) for e in np.arange(1.0, 89.0, COARSE_STEP)]
    pairs = [(h, e) for h in SCAN_HAZES for e in els]
    coarse = costs(pairs)
    haze, el0 = pairs[int(np.argmin(coarse))]
    hazes = sorted([haze, *neighbour_hazes(haze)])
    fine_els = [float(e) for e in np.arange(max(el0 - FINE_HALF_SPAN, 0.5),
                                            min(el0 + FINE_HALF_SPAN, 89.0) + 1e-6, 1.0)]
    pairs = [(h, e) for h in hazes for e in fine_els]
    fine = costs(pairs)
    haze, el = _descend(costs, *pairs[int(np.argmin(fine))])
    if grid is not None:
        haze, el = _whole_sky_pick(grid, _valley(costs, haze, el), azimuth_deg)
    row = costs([(haze, e) for e in (el - 1.0, el, el + 1.0)])
    if el - 1.0 >= 0.5 and el + 1.0 <= 89.0:
        el = parabola_min([el - 1.0, el, el + 1.0], row)
    return float(el), float(haze), float(row[1])


def _valley(costs, haze: float, el: float) -> list[tuple[float, float]]:
    """(haze, elevation) from the least censored misfit, HAZE_STEP at a time either way
    (0..1, each haze's best elevation walked from the last), while the misfit stays
    within VALLEY_RATIO of the least."""
    least = costs([(haze, el)])[0]
    points = [(haze, el)]
    for sign in (-1.0, 1.0):
        h, e = haze, el
        while 0.0 <= round(h + sign * HAZE_STEP, 2) <= 1.0:
            h = round(h + sign * HAZE_STEP, 2)
            e, cost = _downhill(costs, h, e)
            if cost > VALLEY_RATIO * least:
                break
            points.append((h, e))
    return points


def _whole_sky_pick(grid: WorkGrid, points: list[tuple[float, float]], azimuth_deg: float
                    ) -> tuple[float, float]:
    """Of the valley's (haze, elevation) points, the one whose clear sky, its haze fitted
    to the whole unclipped sky (fit.py), explains that sky best; the first point when
    too little sky is left to fit."""
    samples = sky_samples(grid)
    if len(points) < 2 or len(samples.weights) < 50:
        return points[0]
    misfits = [whole_sky_residual(samples, e, azimuth_deg) for _, e in points]
    return points[int(np.argmin(misfits))]


def _descend(costs, haze: float, el: float) -> tuple[float, float]:
    """From (haze, el), the haze one step at a time (fit.neighbour_hazes) towards the
    neighbour whose best elevation fits better, while one does. Haze and elevation
    trade off along a steep valley (0.1 of haze for 3°): a fixed search round the
    coarse best stopped at its edge (the project's 50° sun at +2 EV, haze 0.2, read as
    53° at haze 0.1)."""
    least = costs([(haze, el)])[0]
    while True:
        others = neighbour_hazes(haze)
        walked = [_downhill(costs, h, el) for h in others]
        k = int(np.argmin([c for _, c in walked]))
        if walked[k][1] >= least:
            return haze, el
        haze, (el, least) = others[k], walked[k]


def _downhill(costs, haze: float, el: float) -> tuple[float, float]:
    """(elevation, cost): the least of the cost at `haze`, 1° at a time from `el`."""
    here = costs([(haze, el)])[0]
    while True:
        steps = [float(e) for e in (el - 1.0, el + 1.0) if 0.5 <= e <= 89.0]
        values = costs([(haze, e) for e in steps])
        k = int(np.argmin(values))
        if values[k] >= here:
            return el, here
        el, here = steps[k], values[k]

