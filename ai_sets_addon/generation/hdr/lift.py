"""LDR panorama -> true-HDR environment: the steps, in order.

1. linearise (read.py: inverse sRGB; EXR as is, its flat top = clipped);
2. find the sun (sun.py), or take it from --sun / --datetime --lat --lon;
3. fit the clear-sky model to the unclipped sky (fit.py) -> haze and the exposure scale
   (relative -> W/m²/sr), then remove the clipped region's bias from the sun direction
   (refine.py) and refit at the corrected direction;
4. rebuild the clipped aureole from the fitted model (the max of model and pixel) and
   put the 0.53° sun disc back with the direct irradiance the fit implies;
5. expand the other highlights (expand.py) and write EXR + PNG + JSON.

Overcast and night panoramas get no sun: they keep their own light, scaled to a
typical absolute level (NO_SUN_MEDIAN), and the sidecar says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..sky.bodies import SUN_RADIUS_DEG, draw_disc
from ..sky.equirect import column_azimuths, direction, row_elevations
from ..sky.spectrum import fixed_matmul, luminance
from .expand import EXPAND_EV, EXPAND_FROM, expand_highlights
from .fit import SkyFit, fit_sky, model_radiance
from .grid import WorkGrid, work_grid
from .read import Panorama
from .refine import joint_fit
from .sun import SunEstimate, find_sun, largest_clipped_region

# Without a sun there is no absolute reference: the upper hemisphere's median luminance
# is set to a typical overcast day (4 W/m²/sr ~ 2,700 cd/m²) or a moonlit, city-lit night.
NO_SUN_MEDIAN = {"overcast": 4.0, "night": 1e-3}
LOBE_CLEAR_CONTRAST = 10.0   # a lobe this contrasted counts as an unveiled sun
ZONE_GROW = 3                # work-grid cells (~2°) around the sun's clipped region
MIN_REFINE_SR = 0.003        # a smaller clipped region is the disc itself: no bias to remove
MAX_RESIDUAL = 0.25          # a worse clear-sky fit around a bright spot: not the sun


@dataclass
class LiftOptions:
    sun: tuple[float, float] | None = None      # (azimuth, elevation) given by the user
    sun_source: str = "auto"                    # "auto", "given", "place_time"
    expand_ev: float = EXPAND_EV
    expand_from: float = EXPAND_FROM


@dataclass
class LiftResult:
    rgb: np.ndarray                              # (H, W, 3) float32 W/m²/sr
    sun: SunEstimate
    fit: SkyFit | None
    irradiance_rgb: np.ndarray                   # direct sun put in the map (W/m²)
    confidence: float
    notes: list[str] = field(default_factory=list)
    refine: dict[str, Any] = field(default_factory=dict)

    @property
    def irradiance(self) -> float:
        return float(luminance(self.irradiance_rgb))


def lift(pano: Panorama, options: LiftOptions | None = None) -> LiftResult:
    options = options or LiftOptions()
    grid = work_grid(pano.linear, pano.clipped)
    sun = _sun(grid, options)
    if not sun.found:
        return _no_sun(pano, grid, sun, options)
    try:
        if sun.method == "clipped" and sun.clipped_solid_angle_sr >= MIN_REFINE_SR:
            fit, refined = _refine(grid, sun)
        else:
            fit, refined = fit_sky(grid, sun.elevation_deg, sun.azimuth_deg), {}
    except ValueError:
        sun.reason += "; too little clear sky to fit the model, so no sun is added"
        sun.found = False
        return _no_sun(pano, grid, sun, options)
    if fit.residual > MAX_RESIDUAL and sun.method in ("clipped", "lobe"):
        sun.found = False
        sun.reason += (f"; but the sky around it is no clear daylight sky (fit residual "
                       f"{fit.residual:.2f} > {MAX_RESIDUAL}): a clipped wall or cloud, a "
                       "sun hidden from the camera, a moon or lamp at night, or heavy "
                       "cloud; no sun is added")
        if float(np.median(grid.linear[grid.elevations > 0][..., 2])) < 0.05:
            sun.reason = "night: " + sun.reason
        return _no_sun(pano, grid, sun, options)
    rgb = pano.linear * np.float32(fit.scale)
    zone = sun_zone(grid, sun)
    expand_highlights(rgb, pano.peak, grid.clipped, grid.factor, options.expand_ev,
                      options.expand_from, zone)
    _rebuild_aureole(rgb, pano.clipped, fit, sun, zone, grid.factor)
    transmit = _transmittance(sun)
    irradiance = fit.sun_rgb * transmit
    if sun.elevation_deg > -SUN_RADIUS_DEG:
        draw_disc(rgb, sun.elevation_deg, sun.azimuth_deg, SUN_RADIUS_DEG, irradiance)
    notes = [f"sun: {sun.method} ({sun.reason})"]
    if transmit < 1.0:
        notes.append(f"sun seen through cloud: disc at {transmit:.2f} of the clear-sky "
                     "irradiance (lobe contrast / 10)")
    return LiftResult(rgb, sun, fit, irradiance, _confidence(sun, fit, refined), notes,
                      refined)


def _sun(grid: WorkGrid, options: LiftOptions) -> SunEstimate:
    if options.sun is None:
        return find_sun(grid)
    az, el = options.sun
    if el < -SUN_RADIUS_DEG:
        return SunEstimate(False, el, az % 360.0, options.sun_source,
                           f"the sun is below the horizon ({el:.1f}°) at that place and "
                           "time; no sun added")
    return SunEstimate(True, float(el), float(az) % 360.0, options.sun_source,
                       "given on the command line" if options.sun_source == "given"
                       else "the sun's position at that place and time")


def _refine(grid: WorkGrid, sun: SunEstimate) -> tuple[SkyFit, dict]:
    observed = (sun.elevation_deg, sun.azimuth_deg)
    joint = joint_fit(grid, observed, sun.clipped_solid_angle_sr)
    sun.elevation_deg, sun.azimuth_deg = joint.elevation_deg, joint.azimuth_deg
    info = {"region_centroid_deg": {"elevation": observed[0], "azimuth": observed[1]},
            "steps_deg": joint.steps_deg, "hazes": joint.hazes}
    return joint.fit, info


def sun_zone(grid: WorkGrid, sun: SunEstimate) -> np.ndarray | None:
    """(h, w) bool on the work grid: the clipped region around the sun, grown by
    ZONE_GROW cells (columns wrap); None when no clipped region surrounds this sun."""
    if sun.method == "lobe":
        return None
    region = largest_clipped_region(grid)
    if region is None:
        return None
    dirs = grid.directions(region.shape[0])[region > 0]
    cos = fixed_matmul(dirs, direction(np.array(sun.elevation_deg),
                                       np.array(sun.azimuth_deg)))
    if cos.size == 0 or float(cos.max()) < np.cos(np.radians(5.0)):
        return None                     # the clipped region is not around this sun
    zone = np.zeros(grid.clipped.shape, bool)
    zone[: region.shape[0]] = region > 0
    for _ in range(ZONE_GROW):
        zone = zone | np.roll(zone, 1, 1) | np.roll(zone, -1, 1)
        zone[1:] |= zone[:-1].copy()
        zone[:-1] |= zone[1:].copy()
    return zone


def _rebuild_aureole(rgb: np.ndarray, clipped: np.ndarray, fit: SkyFit, sun: SunEstimate,
                     zone: np.ndarray | None, factor: int) -> None:
    """Clipped pixels in the sun's zone take max(pixel, fitted model radiance): the
    aureole and the horizon glow the camera clipped, from the fit, not guessed."""
    if zone is None:
        return
    rows = np.nonzero(zone.any(axis=1))[0]
    r0, r1 = int(rows[0]) * factor, (int(rows[-1]) + 1) * factor
    r, c = np.nonzero(clipped[r0:r1])
    r += r0
    inside = zone[r // factor, c // factor]
    r, c = r[inside], c[inside]
    height, width = clipped.shape
    model = model_radiance(fit.table, row_elevations(height)[r], column_azimuths(width)[c],
                           sun.azimuth_deg)
    rgb[r, c] = np.maximum(rgb[r, c], model)


def _transmittance(sun: SunEstimate) -> float:
    if sun.method != "lobe":
        return 1.0
    return float(min(1.0, sun.lobe_contrast / LOBE_CLEAR_CONTRAST))


def _confidence(sun: SunEstimate, fit: SkyFit, refined: dict) -> float:
    """0..1 heuristic: fit residual, how much clear sky was seen, how the sun was found."""
    conf = np.exp(-fit.residual / 0.15) * min(1.0, fit.sky_share / 0.2)
    if sun.method == "lobe":
        conf *= 0.5
    steps = refined.get("steps_deg") or [0.0]
    if steps[-1] > 0.5:
        conf *= 0.7
    return float(np.clip(conf, 0.0, 1.0))


def _no_sun(pano: Panorama, grid: WorkGrid, sun: SunEstimate, options: LiftOptions
            ) -> LiftResult:
    upper = grid.linear[grid.elevations > 0.0]
    lum = luminance(upper)
    kind = "night" if sun.reason.startswith("night") else "overcast"
    scale = NO_SUN_MEDIAN[kind] / max(float(np.median(lum)), 1e-6)
    rgb = pano.linear * np.float32(scale)
    expand_highlights(rgb, pano.peak, grid.clipped, grid.factor, options.expand_ev,
                      options.expand_from)
    notes = [f"no sun: {sun.reason}",
             f"no absolute reference without a sun: scaled so the sky's median is "
             f"{NO_SUN_MEDIAN[kind]:g} W/m²/sr (a typical {kind} sky)"]
    return LiftResult(rgb, sun, None, np.zeros(3), 0.0, notes, {"scale": scale, "kind": kind})
