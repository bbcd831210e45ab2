"""Sun direction and haze together, taking the clipped region's bias out with the model.

The clipped region is not a disc around the sun: the sky brightens toward the horizon
(the region leans down) and the ground cuts it near sunset (it leans up), so its
centroid misses the sun by degrees. The fitted clear sky predicts that same region for
a sun at the current estimate (the model's brightest cells with the observed solid
angle); the centroid of the prediction gives the bias, which is subtracted
(a fixed-point iteration: s <- s + observed - predicted(s)). The haze is refitted at the
corrected elevation, because the two are coupled: the low sun's aureole and the
horizon's glow both grow with the aerosols.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .fit import SkyFit, fit_sky, model_radiance, table_for
from .grid import WorkGrid
from .sun import largest_clipped_region, region_direction

CONVERGED_DEG = 0.1


@dataclass
class JointFit:
    fit: SkyFit
    elevation_deg: float
    azimuth_deg: float
    steps_deg: list[float] = field(default_factory=list)
    hazes: list[float] = field(default_factory=list)


def joint_fit(grid: WorkGrid, observed: tuple[float, float], area_sr: float) -> JointFit:
    """Haze at the observed sun, the bias-corrected elevation at that haze, the haze again
    at the corrected elevation, and the elevation again if the haze moved."""
    el, az = observed        # the sky is symmetric about the sun's vertical: az is unbiased
    fit = fit_sky(grid, el, az)
    hazes = [fit.haze]
    el, steps = solve_elevation(grid, observed, area_sr, fit.haze, el, evaluations=3)
    fit = fit_sky(grid, el, az, haze_around=fit.haze)
    hazes.append(fit.haze)
    if abs(hazes[-1] - hazes[-2]) >= 0.02:
        el, more = solve_elevation(grid, observed, area_sr, fit.haze, el, evaluations=2)
        steps += more
        fit = fit_sky(grid, el, az, haze=fit.haze)
    return JointFit(fit, el, az, steps, hazes)


def solve_elevation(grid: WorkGrid, observed: tuple[float, float], area_sr: float,
                    haze: float, start: float, evaluations: int) -> tuple[float, list[float]]:
    """Secant search for the elevation whose predicted centroid matches the observed one.

    (A plain fixed-point step converges slowly near the horizon, where the ground cuts
    the region and the centroid moves only a fraction of a degree per degree of sun.)"""
    obs_el, az = observed
    el, prev = start, None
    steps: list[float] = []
    for _ in range(evaluations):
        pred = predicted_estimate(grid, el, az, area_sr, haze)
        if pred is None:
            break
        miss = obs_el - pred[0]
        slope = 1.0
        if prev is not None and abs(el - prev[0]) > 1e-3:
            slope = float(np.clip((pred[0] - prev[1]) / (el - prev[0]), 0.2, 3.0))
        prev = (el, pred[0])
        new = float(np.clip(el + miss / slope, -2.0, 89.5))
        steps.append(abs(new - el))
        el = new
        if abs(miss) < CONVERGED_DEG:
            break
    return el, steps


def predicted_estimate(grid: WorkGrid, sun_el: float, sun_az: float, area_sr: float,
                       haze: float) -> tuple[float, float] | None:
    """What the region estimator would say for the model sky with the sun at (el, az)."""
    h_up = int(np.sum(grid.elevations > 0.0))
    tab = table_for(haze, round(sun_el, 2))
    model = model_radiance(tab, grid.elevations[:h_up, None], grid.azimuths[None, :], sun_az)
    peak = model.max(axis=2)
    omega = grid.solid_angles[:h_up, None]
    lo, hi = 0.0, float(peak.max())
    for _ in range(40):            # bisection: the level whose superlevel set has area_sr
        mid = 0.5 * (lo + hi)
        if float(np.sum((peak >= mid) * omega)) > area_sr:
            lo = mid
        else:
            hi = mid
    fake = WorkGrid(grid.linear, np.zeros_like(grid.clipped), grid.factor, grid._dirs)
    fake.clipped[:h_up] = (peak >= lo).astype(np.float32)
    region = largest_clipped_region(fake)
    if region is None:
        return None
    return region_direction(fake, region)
