"""LDR panorama -> true-HDR environment: the steps, in order.

1. linearise (read.py: inverse sRGB; EXR as is, its flat top = clipped);
2. find the sun (sun.py), or take it from --sun / --datetime --lat --lon; a clipped
   sun's azimuth refined by the sky's mirror symmetry about its vertical (model_free.py);
3. a clipped sun's elevation from the shape of the unclipped sky around its vertical
   (elevation.py; a low sun's from the absolute fit of the whole sky; a high sun whose
   aureole merged with a clipped horizon band from the model-free horizon-profile x
   circumsolar-falloff collapse, model_free.py; never above the
   top of the clipped area at its azimuth: the sun is clipped), and for an LDR
   file its tone curve (response.py: the file is decoded again with it), then the
   clear-sky model fitted to the unclipped sky (fit.py) -> haze and the exposure scale
   (relative -> W/m²/sr);
4. rebuild the clipped aureole from the fitted model (the max of model and pixel), the
   clipped sky away from the sun from the model times each row's gain, and put the
   0.53° sun disc back with the direct irradiance the fit implies;
5. expand the other highlights (expand.py) and write EXR + PNG + JSON;
6. check the reading against the file: a clipped sun's restored disc must reach the
   clip; where it does not, the file is read again with the next tone curve its sky
   ranks, or, for a curve the user gave, a warning says so (lift()).

Overcast and night panoramas get no sun: they keep their own light, scaled to a
typical absolute level (NO_SUN_MEDIAN), and the sidecar says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from ...core.colour import white_balance_matrix
from ..sky.atmosphere import atmosphere_for_haze, multiple_scattering_table
from ..sky.bodies import SUN_RADIUS_DEG, draw_disc
from ..sky.equirect import column_azimuths, direction, row_elevations
from ..sky.spectrum import fixed_matmul, luminance
from .expand import (EXPAND_EV, EXPAND_FROM, expand_highlights, fills_its_band,
                     grid_value_at, grid_values_in_rows, ground_clipped, read_in_bands)
from .fit import (FIT_HAZES, SkyFit, SkyTable, fit_sky, model_radiance, model_radiance_band,
                  parabola_min, score, sky_rows_for, sky_samples)
from .grid import (BAND_ROWS, WorkGrid, clipped_share, from_the_rim, in_blocks, look_up,
                   parallel_map, work_grid)
from .read import Panorama, channel_max
from .response import (FAMILY, PBR_NEUTRAL, SRGB, Curve, clip_floor, curve_named, dark_level,
                       lut8, relinearise)
from .elevation import (LOW_SUN_DEG, MAX_WEDGE_MISFIT, clipped_span, curve_at, curve_misfits,
                        explained_at, low_sun_elevation, scan_elevation)
from .model_free import mirror_azimuth, separable_elevation, sharp_collapse
from .saturated import censored_elevation, saturated_sun
from .sun import (COMPACT_SR, STAR_SHARE, SunEstimate, aureole_contrast, find_sun, star_share)

# Without a sun there is no absolute reference: the upper hemisphere's median luminance
# is set to a typical overcast day (4 W/m²/sr ~ 2,700 cd/m²) or a moonlit, city-lit night.
NO_SUN_MEDIAN = {"overcast": 4.0, "night": 1e-3}
LOBE_CLEAR_CONTRAST = 10.0   # a lobe this contrasted counts as an unveiled sun
ZONE_GROW = 3                # work-grid cells (~2°) around the sun's clipped region
GLOW_BELOW_DEG = 10.0        # ... and its clipped glow under the horizon down to this
MIN_SCAN_SR = 0.003          # a smaller clipped region is the disc itself: its centre is it
FLOOR_SEARCH_ABOVE = 5.0     # degrees over the first estimate the whole-sky search reaches
MAX_RIM_GAIN = 20.0          # the rebuilt aureole is within this factor of the model
BAND_SKY_SHARE = 0.5         # a clipped pixel whose row-matched model is this near is sky
ROW_SKY_SHARE = 1 / 16       # a row with less of its cells clear takes its gain from another
MAX_RESIDUAL = 0.25          # a worse clear-sky fit around a bright spot: not the sun ...
DISC_SEEN_SR = 1e-3          # ... unless the spot is this small (the disc itself, seen) ...
AUREOLE_RATIO = 1.15         # ... and the sky brightens toward it this much (an aureole)
DAYLIGHT_BLUE = 0.05         # the upper sky's median blue (relative linear) under: night
HIGH_SUN_DEG = 55.0          # a clipped region centred higher: its centroid is near the sun
VALLEY = 0.25                # shape costs this close to the least cannot tell elevations apart
GIVEN_CURVE_DOUBT = 1.5      # another curve explaining the sky this much better than the given
BALANCE_UNDONE = ", camera white balance"   # in the response of a panorama that undid it


@dataclass
class LiftOptions:
    sun: tuple[float, float] | None = None      # (azimuth, elevation) given by the user
    sun_source: str = "auto"                    # "auto", "given", "place_time"
    expand_ev: float = EXPAND_EV
    expand_from: float = EXPAND_FROM
    response: str = "auto"       # the file's tone curve: "auto" (estimated) or a FAMILY name
    white_balance: tuple[float, float] | None = None   # the camera's (kelvin, tint): undone


@dataclass
class LiftResult:
    rgb: np.ndarray                              # (H, W, 3) float32 W/m²/sr
    sun: SunEstimate
    fit: SkyFit | None
    irradiance_rgb: np.ndarray                   # direct sun put in the map (W/m²)
    confidence: float
    notes: list[str] = field(default_factory=list)
    refine: dict[str, Any] = field(default_factory=dict)
    response: str = ""                           # how the file was linearised
    warnings: list[str] = field(default_factory=list)   # what the user should check

    @property
    def irradiance(self) -> float:
        return float(luminance(self.irradiance_rgb))


def lift(pano: Panorama, options: LiftOptions | None = None) -> LiftResult:
    """The panorama lifted (_lift), then checked against what the file says: a restored
    sun dimmer than the clip the camera recorded it at is read again with the other
    tone curves (_read_consistently), or, where the user gave the curve or no curve
    reads it consistently, warned about; so is a given curve that explains the sky
    around the sun much worse than another (_given_curve_doubt)."""
    options = options or LiftOptions()
    result = _lift(pano, options)
    given = _curve_given(pano, options)
    if result.refine.get("disc_over_clip", np.inf) < 1.0 and not given:
        result = _read_consistently(pano, options, result)
    over = result.refine.get("disc_over_clip", np.inf)
    if over < 1.0:
        result.warnings.append(_dimmer_than_clip(result.sun, over,
                                                 options.response if given else None))
    if given and result.sun.found:
        result.warnings += _given_curve_doubt(pano, result.sun, options)
    return result


def _lift(pano: Panorama, options: LiftOptions) -> LiftResult:
    """The lift's steps (the module's docstring), on one reading of the file."""
    as_read = pano.linear                 # the caller's pixels: never written to
    given = _curve_given(pano, options)
    if given:
        pano = redecode(pano, curve_named(options.response))
    if options.white_balance is not None:
        pano = unbalanced(pano, *options.white_balance)
    grid = work_grid(pano.linear, pano.clipped)
    sun = _sun(grid, options)
    mirror: dict = {}
    if sun.method == "saturated" and options.sun is None:
        sun, mirror = saturated_sun(grid, sun)
    if sun.found and options.sun is None:
        stars = star_share(pano.linear, pano.clipped)
        if stars > STAR_SHARE:
            sun.found = False
            sun.reason = (f"night: stars in the sky ({stars * 1e4:.2f} point lights per 10⁴ "
                          f"pixels, daylight has none); the bright spot ({sun.reason}) is "
                          "the moon or a lamp; no sun added")
    if not sun.found:
        return _no_sun(pano, grid, sun, options)
    read, read_grid = pano, grid          # as read (sRGB): the no-sun paths use these
    first = replace(sun)
    try:
        sun, fit, refined, pano, grid = _fitted(pano, grid, sun, given)
    except ValueError:
        sun.reason += "; too little clear sky to fit the model, so no sun is added"
        sun.found = False
        return _no_sun(read, read_grid, sun, options)
    refined.update(mirror)
    poor = fit.residual > MAX_RESIDUAL and sun.method in ("clipped", "saturated", "lobe")
    disc = _disc_seen(read_grid, sun) if poor else None
    if poor and disc is None and not given and sun.method == "clipped" and _ldr(read) \
            and refined.get("curve") != PBR_NEUTRAL.name:
        shoulder = _with_shoulder(read, read_grid, first)
        if shoulder is not None:
            refined = {**mirror, "first_read": f"{pano.response}, fit residual "
                                               f"{fit.residual:.2f} rejected"}
            sun, fit, more, pano, grid = shoulder
            refined.update(more)
            poor = False
    if poor and disc is None:
        sun.found = False
        sun.reason += (f"; but the sky around it is no clear daylight sky (fit residual "
                       f"{fit.residual:.2f} > {MAX_RESIDUAL}): a clipped wall or cloud, a "
                       "sun hidden from the camera, a moon or lamp at night, or heavy "
                       "cloud; no sun is added")
        if _upper_blue(read_grid) < DAYLIGHT_BLUE:
            sun.reason = "night: " + sun.reason
        return _no_sun(read, read_grid, sun, options)
    over = _disc_over_clip(pano, fit, sun)
    if over < np.inf:
        refined["disc_over_clip"] = round(over, 4)
    rgb = _scaled(pano.linear, fit.scale, own=pano.linear is not as_read)
    zone = sun_zone(grid, sun)
    # the sun's zone and the pixels outside it are rebuilt side by side: no pixel is
    # read by one and written by the other (both in place in `rgb`)
    refined["aureole_gain"], _ = parallel_map(lambda job: job(), [
        lambda: _rebuild_aureole(rgb, pano, fit, sun, zone, grid),
        lambda: _outside_the_zone(rgb, pano, grid, fit, sun, zone, options)])
    transmit = _transmittance(sun)
    irradiance = fit.sun_rgb * transmit
    if sun.elevation_deg > -SUN_RADIUS_DEG:
        draw_disc(rgb, sun.elevation_deg, sun.azimuth_deg, SUN_RADIUS_DEG, irradiance)
    notes = [f"sun: {sun.method} ({sun.reason})"]
    if disc is not None:
        notes.append(f"the sky is far from the clear-sky model (fit residual "
                     f"{fit.residual:.2f} > {MAX_RESIDUAL}), but its sun's disc is seen "
                     f"clipped, with an aureole ({disc:.2f}x): the sun is kept there; its "
                     "strength, from that poor fit, is uncertain (low confidence)")
    if pano.response.startswith("tone curve"):
        notes.append(f"read with the {pano.response}")
    if transmit < 1.0:
        notes.append(f"sun seen through cloud: disc at {transmit:.2f} of the clear-sky "
                     "irradiance (lobe contrast / 10)")
    confidence = _confidence(sun, fit, refined) * min(1.0, over)
    return LiftResult(rgb, sun, fit, irradiance, confidence, notes, refined, pano.response)


def _fitted(pano: Panorama, grid: WorkGrid, sun: SunEstimate, given: bool
            ) -> tuple[SunEstimate, SkyFit, dict, Panorama, WorkGrid]:
    """The sun (among the clipped regions), its elevation and, for an LDR file whose
    curve was not given, the tone curve (the panorama and grid decoded again with it),
    and the clear sky fitted: (sun, fit, refinement info, panorama, grid). ValueError
    when too little clear sky is left to fit."""
    # an LDR file's tone curve is estimated: the sky decoded with each other curve
    decodings = _decodings(grid, pano.balance) if not given and _ldr(pano) else None
    sun = _best_region(grid, sun, decodings)
    if sun.method == "clipped" and sun.clipped_solid_angle_sr >= MIN_SCAN_SR:
        fit, refined, pano, grid = _scan(pano, grid, sun, decodings)
        return sun, fit, refined, pano, grid
    refined = {}
    if decodings is not None and sun.method == "clipped":
        name, refined = curve_at(grid, sun.azimuth_deg, sun.elevation_deg, decodings)
        pano, grid = _redecoded(pano, grid, name)
    return sun, fit_sky(grid, sun.elevation_deg, sun.azimuth_deg), refined, pano, grid


def _with_shoulder(pano: Panorama, grid: WorkGrid, sun: SunEstimate
                  ) -> tuple[SunEstimate, SkyFit, dict, Panorama, WorkGrid] | None:
    """A file whose clear-sky fit was rejected under the curve its wedge chose, read
    again with PBR Neutral (_fitted's result), or None where that fits no better than
    MAX_RESIDUAL. PBR Neutral is sRGB up to its shoulder, so the wedge's shape, which
    sees mostly the sky under it, seldom picks it; but read without the shoulder undone
    the bright surround of the sun is flattened, and a clear sky fits it poorly:
    Blender's 35° sun through that view at +1 EV was read as sRGB and refused (fit
    residual 0.39; read with PBR Neutral, 0.17), the project's 30° sun at +2 EV as
    filmic 2 (0.29; 0.03)."""
    pano, grid = _redecoded(pano, grid, PBR_NEUTRAL.name)
    try:
        found = _fitted(pano, grid, sun, given=True)
    except ValueError:
        return None
    return found if found[1].residual <= MAX_RESIDUAL else None


def _disc_over_clip(pano: Panorama, fit: SkyFit, sun: SunEstimate) -> float:
    """The restored disc's mean luminance over the level at which the file's top code
    clips white, for a sun found in an 8- or 16-bit file's clipped area (inf
    otherwise). The camera clipped that disc, so a reading that makes it dimmer than
    the clip contradicts the file: Blender's 28° sun seen from 1,500 m through a filmic
    camera at +2 EV, read as sRGB, put the sun on the horizon, a pure red disc at 0.015x
    the clip (peak / median 5), and read as PBR Neutral at 0.24x; its own AgX view file
    at +1 EV, forced to sRGB, at 0.1x. A true low sun is reddened, but 10^3-10^5x."""
    if sun.method not in ("clipped", "saturated") or not _ldr(pano):
        return float("inf")
    disc = float(luminance(fit.table.sun_disc_radiance)) * _transmittance(sun)
    return disc / max(float(_floor(pano, fit)), 1e-30)


def _read_consistently(pano: Panorama, options: LiftOptions, first: LiftResult
                       ) -> LiftResult:
    """`first`, whose restored sun is dimmer than the clip (_disc_over_clip), lifted
    again as if the user had given each other tone curve, in the order the wedge's
    shape ranked them (first.refine["curve_cost"]; FAMILY's order without one): the
    first whose sun is found and reaches the clip. `first` when none does. Blender's
    28° sun seen from 1,500 m through a filmic camera at +2 EV: the shape explains no
    curve well (all over MAX_WEDGE_MISFIT), read as sRGB and as PBR Neutral its sun
    sat on the horizon under the clip; read with AgX, 0.04° off."""
    ranked = first.refine.get("curve_cost") or {}
    names = (sorted(ranked, key=lambda n: (ranked[n], n)) if len(ranked) > 1
             else [c.name for c in FAMILY])
    for name in (n or SRGB.name for n in names):
        if _read_with(first.response, name):
            continue
        again = _lift(pano, replace(options, response=name))
        if again.sun.found and again.refine.get("disc_over_clip", np.inf) >= 1.0:
            over = first.refine["disc_over_clip"]
            again.notes.insert(0, f"read first with the {first.response}: its sun at "
                               f"{first.sun.elevation_deg:.1f}° came out {over:.2g}x as "
                               "bright as the clip the camera recorded there, which cannot "
                               "be (the camera clipped it); read again with the next tone "
                               f"curve the sky's shape ranks that makes a sun that clips: "
                               f"{name}")
            again.refine["first_read"] = (f"{first.response}, its sun's disc {over:.2g}x "
                                          "the clip level")
            again.refine["curve"] = name
            return again
    return first


def _read_with(response: str, name: str) -> bool:
    """Whether a panorama's `response` is the FAMILY curve called `name`'s decoding."""
    if name == SRGB.name:
        return not response.startswith("tone curve")
    return response == f"tone curve {name}" or response.startswith(f"tone curve {name},")


def _dimmer_than_clip(sun: SunEstimate, over: float, given: str | None) -> str:
    """The warning for a reading whose disc is dimmer than the clip (_disc_over_clip)."""
    said = (f"the sun restored at {sun.elevation_deg:.1f}° elevation is {over:.2g}x as "
            "bright as the clip the camera recorded there, yet the camera clipped it")
    if given is not None:
        return (f"{said}: the tone curve given (--response {given}) is likely not the "
                "file's; --response auto estimates it")
    return (f"{said}, and no other tone curve reads the sky consistently: the sun's place "
            "and strength are unreliable; give it with --sun AZ,EL if it is known")


def _given_curve_doubt(as_read: Panorama, sun: SunEstimate, options: LiftOptions
                       ) -> list[str]:
    """A warning when the tone curve the user gave explains the sky around the sun
    GIVEN_CURVE_DOUBT times worse than another curve does (the wedge's relative misfit,
    elevation.curve_misfits, at the sun found): the project's 20° sun through a filmic
    camera, forced to sRGB, was put 7° high, and filmic 1.5 explains its sky 1.6x better
    there; read with its own curve, the given one explains it best. [] otherwise."""
    grid = work_grid(as_read.linear, as_read.clipped)
    undo = None
    if options.white_balance is not None:
        undo = _balance_undone(*options.white_balance)
        grid = replace(grid, linear=_undone(grid.linear, undo))   # block means: linear
    misfits = curve_misfits(grid, sun.azimuth_deg, sun.elevation_deg,
                            _decodings(grid, undo))
    curve = curve_named(options.response)
    mine = misfits.get("" if curve == SRGB else curve.name)
    if mine is None:
        return []
    best = min(misfits, key=lambda n: (misfits[n], n))
    if mine <= GIVEN_CURVE_DOUBT * misfits[best]:
        return []
    return [f"the sky around the sun is explained {mine / misfits[best]:.1f}x better read "
            f"with the {best or SRGB.name} tone curve than with the {curve.name} curve "
            "given with --response: check it (left out, the curve is estimated)"]


def _outside_the_zone(rgb: np.ndarray, pano: Panorama, grid: WorkGrid, fit: SkyFit,
                      sun: SunEstimate, zone: np.ndarray | None, options: LiftOptions
                      ) -> None:
    """Clipped pixels outside the sun's zone, in place: the sky's clipped band from the
    model (_rebuild_band), then the other highlights expanded (expand.py)."""
    gains = band_gains(grid, fit, sun)
    rebuilt = _rebuild_band(rgb, pano.clipped, fit, sun, zone, grid.factor, gains,
                            _floor(pano, fit))
    left = grid.clipped if rebuilt is None else clipped_share(pano.clipped & ~rebuilt,
                                                               grid.factor)
    expand_highlights(rgb, pano.peak, left, grid.factor, options.expand_ev,
                      options.expand_from, zone, rebuilt)


def _scaled(linear: np.ndarray, scale: float, own: bool) -> np.ndarray:
    """linear x scale, BAND_ROWS rows at a time on the threads; in place when the lift
    decoded `linear` itself (a 4096-wide panorama is 100 MB: one allocation and one
    pass fewer)."""
    out = linear if own else np.empty_like(linear)
    rows = BAND_ROWS
    in_blocks(lambda i: np.multiply(linear[i:i + rows], np.float32(scale),
                                    out=out[i:i + rows]), range(0, linear.shape[0], rows))
    return out


def _curve_given(pano: Panorama, options: LiftOptions) -> bool:
    """Whether the user named the file's tone curve (an EXR has none: it is linear)."""
    return options.response != "auto" and _ldr(pano)


def _ldr(pano: Panorama) -> bool:
    """An 8- or 16-bit file: its tone curve is unknown (an EXR is linear)."""
    return pano.source != "exr"


def redecode(pano: Panorama, curve: Curve) -> Panorama:
    """The panorama decoded with `curve` instead of sRGB (same clipped pixels, the same
    white balance undone)."""
    if curve == SRGB:
        return pano
    if pano.balance is not None:
        shot = None if pano.codes is not None else _as_shot(pano.linear, pano.balance)
        linear = _undone(relinearise(shot, curve, pano.codes), pano.balance)
        undone = pano.response[pano.response.index(BALANCE_UNDONE):]
        return Panorama(linear, pano.clipped, pano.source, f"tone curve {curve.name}{undone}",
                        pano.path, codes=pano.codes, balance=pano.balance,
                        clip_floor=_clip_floor(pano, curve))
    linear = relinearise(pano.linear, curve, pano.codes)
    peak = None
    if pano.eight_bit:
        # every curve is increasing: the decoded largest channel is the largest code's
        # (a quarter of the memory traffic of channel_max on the decoded floats)
        peak = look_up(lut8(curve), channel_max(pano.codes))
    return Panorama(linear, pano.clipped, pano.source, f"tone curve {curve.name}",
                    pano.path, peak=peak, codes=pano.codes, clip_floor=_clip_floor(pano, curve))


def _clip_floor(pano: Panorama, curve: Curve) -> float:
    """What the top code of `pano`'s file is known to reach, decoded with `curve`."""
    return clip_floor(curve) if pano.eight_bit else 1.0


def unbalanced(pano: Panorama, kelvin: float, tint: float = 0.0) -> Panorama:
    """The panorama with the camera's white balance (kelvin, tint) undone: the colours of
    the light itself, as the fits' sky model makes them. A camera balanced for 5600 K
    (daylight, what a set's camera uses) turns a sky bluer by a near-constant gain, and
    the low-sun fit reads a bluer sky as a higher sun (the held-back street's 4° sun:
    6.6°; undone, 3.7°). Blender's white balance, Bradford-adapted (core/colour.py)."""
    undo = _balance_undone(kelvin, tint)
    return Panorama(np.ascontiguousarray(_undone(pano.linear, undo)), pano.clipped,
                    pano.source, f"{pano.response}{BALANCE_UNDONE} {kelvin:g} K "
                    f"(tint {tint:g}) undone", pano.path, codes=pano.codes, balance=undo,
                    clip_floor=pano.clip_floor)


def _balance_undone(kelvin: float, tint: float) -> np.ndarray:
    """The matrix that undoes a camera white balance (kelvin, tint)."""
    return np.linalg.inv(white_balance_matrix(kelvin, tint)).astype(np.float32)


def _undone(linear: np.ndarray, undo: np.ndarray | None) -> np.ndarray:
    """Decoded pixels with the camera's white balance undone (as they are: None)."""
    return linear if undo is None else fixed_matmul(linear, undo.T)


def _as_shot(linear: np.ndarray, undo: np.ndarray | None) -> np.ndarray:
    """Pixels whose white balance was undone, back in the camera's colours: a tone
    curve is undone on those, the white balance after it."""
    return linear if undo is None else fixed_matmul(linear, np.linalg.inv(undo).T)


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


def _best_region(grid: WorkGrid, sun: SunEstimate,
                 decodings: dict[str, np.ndarray] | None) -> SunEstimate:
    """Several compact clipped regions (the disc, a clipped line of horizon glow under
    it, a patch of near-white sky a JPEG pushed over the clip): the one whose clear sky,
    modelled physically (elevation.py's wedge shape, every curve of the family), explains
    the sky around it best. sun.py's CIE score picked `sun`; it models a low sun's
    horizon glow and a flat, near-white sky poorly."""
    if not sun.alternatives:
        return sun
    options = [sun, *sun.alternatives]
    costs = [explained_at(grid, s.azimuth_deg, s.elevation_deg, decodings) for s in options]
    best = options[int(np.argmin(costs))]
    if min(costs) > MAX_WEDGE_MISFIT:
        return sun                  # no region's sky is explained: keep the CIE score's
    best.reason += f" (wedge misfit {min(costs):.3f}, the next region's " \
                   f"{sorted(costs)[1]:.3f})"
    return best


def _scan(pano: Panorama, grid: WorkGrid, sun: SunEstimate,
          decodings: dict[str, np.ndarray] | None) -> tuple[SkyFit, dict, Panorama, WorkGrid]:
    """Elevation (and, for an LDR file, its tone curve: response.py) by the wedge's
    shape (elevation.py), then haze and scale fitted to the whole unclipped sky
    (fit.py) on the scan's hazes (their tables are cached)."""
    # the azimuth from the sky's own mirror symmetry about the sun's vertical (any curve)
    first = sun.azimuth_deg
    sun.azimuth_deg, mirror = mirror_azimuth(grid, first)
    observed = (sun.elevation_deg, sun.azimuth_deg)
    # the final fit's multiple-scattering tables, the scan's among them, read from the
    # shipped file; marched (another ground albedo, no file) four on two cores take the
    # time of three, and no two threads march the same one
    parallel_map(lambda h: multiple_scattering_table(atmosphere_for_haze(h)), FIT_HAZES)
    el, haze, info = scan_elevation(grid, sun.azimuth_deg, sun.elevation_deg, decodings)
    pano, grid = _redecoded(pano, grid, info.get("curve", ""))
    if info.get("at_floor") and haze is not None:
        el = _whole_sky_elevation(grid, sun, el, haze, info)
    elif haze is not None and el < LOW_SUN_DEG:
        info["shape_deg"] = round(el, 2)
        el, low = low_sun_elevation(grid, sun.azimuth_deg, el, haze)
        info.update(low)
    elif haze is not None and observed[0] >= HIGH_SUN_DEG:
        el = _within_valley(el, observed[0], info)
    elif haze is None:
        el = _censored(grid, sun.azimuth_deg, el, info)
    # a sky the model does not make (another atmosphere): its own symmetry overrides
    overridden, whole = sharp_collapse(grid, sun.azimuth_deg, LOW_SUN_DEG, el)
    info.update(whole)
    if overridden is not None:
        info["fit_deg"] = round(el, 2)
        el = overridden
    elif sun.clipped_solid_angle_sr > COMPACT_SR and el >= LOW_SUN_DEG:
        # a high sun whose aureole merged with a clipped horizon band: the sky left is
        # far from it, where models differ most; the model-free collapse moves it
        moved, collapse = separable_elevation(grid, sun.azimuth_deg, el)
        info.update(collapse, fit_deg=round(el, 2))
        el = el if moved is None else moved
    sun.elevation_deg = _under_clipped_top(grid, sun.azimuth_deg, el, info)
    el = sun.elevation_deg
    fit = fit_sky(grid, el, sun.azimuth_deg, search=FIT_HAZES)
    info.update(mirror, mirror_from_deg=round(first, 2))
    info.update(first_estimate_deg={"elevation": observed[0], "azimuth": observed[1]},
                haze=fit.haze)
    return fit, info, pano, grid


def _censored(grid: WorkGrid, azimuth_deg: float, el: float, info: dict) -> float:
    """No unclipped sky is left beside the sun (a high sun's aureole merged with the
    horizon band, half the sky white): the clipped cells still say the sky there is at
    least white, and the sky kept is the darkest; saturated.py's censored fit reads the
    elevation from both. `el` (the CIE shape score's cell) when too little sky is left."""
    found = censored_elevation(grid, azimuth_deg)
    if found is None:
        return el
    info.update(censored_deg=round(found[0], 2), censored_cost=round(found[2], 4))
    return found[0]


def _under_clipped_top(grid: WorkGrid, azimuth_deg: float, el: float, info: dict
                       ) -> float:
    """A sun clipped in the image lies inside the clipped area: its centre is at most the
    top of the clipped cells at its azimuth less the disc's radius. The fits' estimates
    can overshoot it (a low sun seen through a filmic curve: a clipped disc at 5° over a
    clipped horizon band, and the fitted sun at 9°); the image's own clipping bounds them."""
    span = clipped_span(grid, azimuth_deg)
    if span is None:
        return el
    cell = 180.0 / grid.linear.shape[0]
    top = span[1] + 0.5 * cell - SUN_RADIUS_DEG
    if el > top:
        info["clipped_top_deg"] = round(top, 2)
        return top
    return el


def _within_valley(best: float, centroid: float, info: dict) -> float:
    """A high sun's clipped region is a near-circle around it (its centroid only ~1°
    low), while the wedge's shape cost is nearly flat over several degrees there (a
    different renderer's sky put its minimum 4° high): the centroid, clamped to the
    run of scanned elevations whose cost is within VALLEY of the least, is the sun."""
    els = info["scan_deg"]
    row = min(info["scan_cost"], key=min)
    k = int(np.argmin(row))
    limit = row[k] * (1.0 + VALLEY)
    lo = hi = k
    while lo > 0 and row[lo - 1] <= limit:
        lo -= 1
    while hi < len(row) - 1 and row[hi + 1] <= limit:
        hi += 1
    chosen = float(np.clip(centroid, els[lo], els[hi])) if hi > lo else best
    info["valley_deg"] = [els[lo], els[hi]]
    return chosen


def _decodings(grid: WorkGrid, undo: np.ndarray | None) -> dict[str, np.ndarray]:
    """The grid's upper rows, (h_up * w, 3), decoded with each other curve of FAMILY
    (the camera's white balance undone again when `undo` is given)."""
    upper = _as_shot(grid.linear[: int(np.sum(grid.elevations > 0.0))].reshape(-1, 3), undo)
    return {c.name: _undone(relinearise(upper, c), undo) for c in FAMILY if c != SRGB}


def _redecoded(pano: Panorama, grid: WorkGrid, name: str) -> tuple[Panorama, WorkGrid]:
    """The panorama and its grid decoded with the curve called `name` ("" = as read)."""
    if not name:
        return pano, grid
    curve = curve_named(name)
    pano = redecode(pano, curve)
    return pano, replace(work_grid(pano.linear, pano.clipped),
                         dark=dark_level(grid.dark, curve))


def _whole_sky_elevation(grid: WorkGrid, sun: SunEstimate, floor: float, haze: float,
                         info: dict) -> float:
    """The shape scan's best is its lowest elevation: the horizon's glow, where skies and
    models differ most, pulled it down. Then the elevation is the one whose clear sky
    fits the whole unclipped sky best (absolute log ratio per channel, fit.py), between
    that floor and a little over the first estimate."""
    samples = sky_samples(grid)
    if len(samples.weights) < 50:
        return floor
    top = max(sun.elevation_deg + FLOOR_SEARCH_ABOVE, floor + 2.0 * FLOOR_SEARCH_ABOVE)
    els = [float(e) for e in np.linspace(floor, top, 6)]
    costs = parallel_map(lambda e: score(samples, sky_rows_for(haze, round(e, 2)),
                                         sun.azimuth_deg)[0], els)
    k = int(np.argmin(costs))
    best = els[k]
    if k < len(els) - 1 and len(els) >= 3:
        # at the horizon (k = 0) the parabola through the three lowest still says
        # where between the first two samples the cost bottoms out
        j = min(max(k, 1), len(els) - 2)
        best = parabola_min(els[j - 1:j + 2], costs[j - 1:j + 2], els[max(k - 1, 0)],
                            els[k + 1])
    info["whole_sky_deg"] = [round(e, 2) for e in els]
    info["whole_sky_cost"] = [round(c, 4) for c in costs]
    return best


def sun_zone(grid: WorkGrid, sun: SunEstimate) -> np.ndarray | None:
    """(h, w) bool on the work grid: the clipped region around the sun, grown by
    ZONE_GROW cells (columns wrap); None when no clipped region surrounds this sun."""
    region = sun.region
    if sun.method == "lobe" or region is None:
        return None
    dirs = grid.directions(region.shape[0])[region > 0]
    cos = fixed_matmul(dirs, direction(np.array(sun.elevation_deg),
                                       np.array(sun.azimuth_deg)))
    if cos.size == 0 or float(cos.max()) < np.cos(np.radians(5.0)):
        return None                     # the clipped region is not around this sun
    zone = np.zeros(grid.clipped.shape, bool)
    zone[: region.shape[0]] = region > 0
    for _ in range(ZONE_GROW):
        zone = _grown(zone)
    return _with_glow_below(grid, zone)


def _grown(cells: np.ndarray) -> np.ndarray:
    """`cells` and their 8 neighbours (columns wrap)."""
    return _neighbour_sum(cells.astype(np.uint8)) > 0


def _neighbour_sum(x: np.ndarray) -> np.ndarray:
    """x summed over each cell's 3x3 neighbourhood on the work grid (columns wrap; rows
    past the top or bottom count 0)."""
    across = x + np.roll(x, 1, 1) + np.roll(x, -1, 1)
    out = across.copy()
    out[1:] += across[:-1]
    out[:-1] += across[1:]
    return out


def _with_glow_below(grid: WorkGrid, zone: np.ndarray) -> np.ndarray:
    """The zone and the clipped cells under the horizon joined to it, down to
    GLOW_BELOW_DEG: a low sun's glow the camera clipped below the horizon line belongs to
    the sun. Left out of the zone, its fringe was expanded as a highlight (+2 EV): a
    thin line 2-3x too bright under the sun, ~2.5° down. Not where most of the ground is
    clipped: that is a bright ground, kept at the clip (expand.without_clipped_ground)."""
    band = (grid.clipped > 0.0) & ((grid.elevations < 0.0)
                                   & (grid.elevations > -GLOW_BELOW_DEG))[:, None]
    if not band.any() or ground_clipped(grid.clipped):
        return zone
    glow = zone & band
    while True:
        added = _grown(zone | glow) & band & ~glow & ~zone
        if not added.any():
            break
        glow |= added
    for _ in range(ZONE_GROW):          # its near-white fringe too, as round the sky's
        glow = _grown(glow)
    return zone | glow


def _rebuild_aureole(rgb: np.ndarray, pano: Panorama, fit: SkyFit, sun: SunEstimate,
                     zone: np.ndarray | None, grid: WorkGrid) -> float:
    """Clipped pixels in the sun's zone take the fitted model's radiance times a gain
    per channel that meets the seen sky at the clip edge all round (gain_field: the
    gain the unclipped cells of the zone show, carried inside by inverse-distance
    weights; under the horizon, the ground's: a low sun's clipped glow there), and never
    under the clipped pixel's own level: the aureole and the horizon glow the camera
    clipped, rebuilt from the fit and continuous with what it saw. Where a real sky's
    aureole is brighter, wider or redder on one side than the model's (another
    atmosphere, another renderer, the horizon's glow), the gain follows it; no step at
    the edge, no pale plateau at the clip level. Returns the median gain's luminance."""
    if zone is None:
        return 1.0
    field = gain_field(grid, fit, sun, zone)
    if field is None:
        return 1.0
    factor, clipped, floor = grid.factor, pano.clipped, _floor(pano, fit)
    rows = np.nonzero(zone.any(axis=1))[0]
    r0, r1 = int(rows[0]) * factor, (int(rows[-1]) + 1) * factor
    els, azs = row_elevations(clipped.shape[0]), column_azimuths(clipped.shape[1])
    width = clipped.shape[1]

    def rebuild(lo: int) -> np.ndarray:
        rows = np.arange(lo, min(lo + AUREOLE_ROWS, r1))
        inside = clipped[rows] & np.repeat(zone[rows // factor], factor, axis=1)
        if inside.mean() >= DENSE_AUREOLE:
            # the block's every pixel, kept where inside: no gather, no scatter
            k = np.exp(grid_values_in_rows(field, rows, width, factor))
            model = model_radiance_band(fit.table, els[rows], azs, sun.azimuth_deg)
            block = rgb[rows[0]:rows[-1] + 1]
            np.copyto(block, over_clip(model * k, block, floor), where=inside[..., None])
            return luminance(k[inside])
        r, c = np.nonzero(inside)
        r += lo
        k = np.exp(grid_value_at(field, r, c, factor)).astype(np.float32)
        model = model_at_pixels(fit.table, r, c, els, azs, sun.azimuth_deg)
        rgb[r, c] = over_clip(model * k, rgb[r, c], floor)
        return luminance(k)

    gains = np.concatenate(parallel_map(rebuild, range(r0, r1, AUREOLE_ROWS)))
    return float(np.median(gains)) if gains.size else 1.0


AUREOLE_ROWS = 128       # rows of the sun's zone rebuilt at a time, on the threads
DENSE_AUREOLE = 0.5      # a block this full of the zone's clipped pixels is rebuilt whole


def model_at_pixels(tab: SkyTable, r: np.ndarray, c: np.ndarray, els: np.ndarray,
                    azs: np.ndarray, sun_azimuth_deg: float) -> np.ndarray:
    """model_radiance at full-resolution pixels (rows r at `els`, columns c at `azs`),
    read from whole bands of rows where the pixels fill them (a high sun's clipped zone:
    the same bytes, without a table gather per pixel)."""
    if fills_its_band(r, azs.size):
        return read_in_bands(r, c, azs.size, (3,), np.float32, lambda rows: model_radiance_band(
            tab, els[rows], azs, sun_azimuth_deg))
    return model_radiance(tab, els[r], azs[c], sun_azimuth_deg)


RIM_CELLS = 1500          # unclipped zone cells the gain is carried in from (a stride sample)


def gain_field(grid: WorkGrid, fit: SkyFit, sun: SunEstimate, zone: np.ndarray
               ) -> np.ndarray | None:
    """(h, w, 3) log gain per channel over the zone: at its unclipped cells, log(seen /
    model); at its clipped cells, the inverse-squared-distance mean of those (Shepard:
    continuous at the clip edge, the near edge weighing most, in brightness and in
    colour); 0 elsewhere. The sky's clipped cells take it from the sky's rim, the glow
    clipped under the horizon from the ground's (the sky's when none is seen): our
    model's ground is not the photo's. None: too little sky rim."""
    els, azs = grid.elevations, grid.azimuths
    rr, cc = np.nonzero(zone)
    model_rgb = model_radiance(fit.table, els[rr], azs[cc], sun.azimuth_deg)
    seen_rgb = grid.linear[rr, cc] * np.float32(fit.scale)
    open_ = ((grid.clipped[rr, cc] == 0.0) & (model_rgb.min(axis=1) > 0)
             & (seen_rgb.min(axis=1) > grid.dark * fit.scale))
    shut = grid.clipped[rr, cc] > 0.0
    up = els[rr] > 0.0
    if np.sum(open_ & up) < 10:
        return None
    field = np.zeros((*zone.shape, 3), np.float32)
    logs = np.clip(np.log(seen_rgb[open_] / model_rgb[open_]), -np.log(MAX_RIM_GAIN),
                   np.log(MAX_RIM_GAIN))
    field[rr[open_], cc[open_]] = logs
    dirs = grid.directions(zone.shape[0])[rr, cc]
    for side in (up, ~up):
        rim = side[open_] if np.sum(open_ & side) >= 10 else up[open_]
        here = shut & side
        if here.any():
            stride = -(-int(rim.sum()) // RIM_CELLS)       # at most RIM_CELLS
            field[rr[here], cc[here]] = from_the_rim(
                dirs[here], dirs[open_][rim][::stride], logs[rim][::stride])
    return _edge_extended(field, zone)


def _edge_extended(field: np.ndarray, zone: np.ndarray) -> np.ndarray:
    """`field` with each cell of the ring round the zone set to the mean of its zone
    neighbours: a pixel in the zone's edge cell is read bilinearly with the cell beyond,
    and a 0 there (gain 1) pulled the zone's edge toward the model's own brightness, a
    line one pixel row wide where the zone met the band (under Blender's 10° sun via
    AgX at +1 EV, 1.2x the rows above and under it)."""
    total = _neighbour_sum(field * zone[..., None])
    count = _neighbour_sum(zone.astype(np.float32))
    ring = ~zone & (count > 0)
    field[ring] = total[ring] / count[ring][:, None]
    return field


def over_clip(model: np.ndarray, clipped: np.ndarray, floor: np.float32) -> np.ndarray:
    """The model's colour at its brightness or, where that is dimmer, raised until its
    largest channel reaches the clipped pixel's, or `floor` if that is lower (which is
    only a lower bound): a clipped pixel is white, and keeping its grey where the model
    is dim left a pale plateau with a hard edge in the blue sky. `floor`: what the top
    code is known to reach (Panorama.clip_floor, scaled): a filmic file's top code
    decodes to 1.0, a third over where its bin begins, and the sky rebuilt under a low
    sun rose 1.36x over the light where the camera's clip began (a bright outline)."""
    top = np.maximum(channel_max(model), np.float32(1e-30))
    level = np.minimum(channel_max(clipped), floor)
    return model * np.maximum(1.0, level / top)[..., None]


def _floor(pano: Panorama, fit: SkyFit) -> np.float32:
    """over_clip's floor in the lifted sky's units."""
    return np.float32(pano.clip_floor * fit.scale)


def row_gains(grid: WorkGrid, fit: SkyFit, sun: SunEstimate) -> np.ndarray:
    """(h,) per work-grid row above the horizon: the median of the scaled unclipped sky
    over the fitted model's radiance along that row (rows with less than ROW_SKY_SHARE
    of it clear take the nearest row's that has it). A real horizon glow differs from
    the model's (another atmosphere, another renderer, ground haze). The share: a sky
    70 % white at +2 EV keeps a few cells per row at the clipped area's edge, cloud rims
    among them, and their medians jumped by up to 9 % from one row to the next: thin
    light and dark lines ran right across the rebuilt sky."""
    return _row_gains(*_seen_over_model(grid, fit, sun))


def _seen_over_model(grid: WorkGrid, fit: SkyFit, sun: SunEstimate
                     ) -> tuple[np.ndarray, np.ndarray]:
    """(h, w) scaled unclipped sky luminance over the fitted model's, above the horizon
    (1 where unknown), and where it is known (clear, both positive)."""
    h = int(np.sum(grid.elevations > 0.0))
    els, azs = grid.elevations[:h], grid.azimuths
    model = luminance(model_radiance(fit.table, els[:, None], azs[None, :], sun.azimuth_deg))
    seen = luminance(grid.linear[:h]) * fit.scale
    ok = (grid.clipped[:h] == 0.0) & (model > 0) & (seen > 0)
    return np.where(ok, seen / np.where(ok, model, 1.0), 1.0), ok


def _row_gains(ratio: np.ndarray, ok: np.ndarray) -> np.ndarray:
    h = ratio.shape[0]
    gains = np.full(h, np.nan)
    for r in np.nonzero(ok.sum(axis=1) >= ROW_SKY_SHARE * ok.shape[1])[0]:
        gains[r] = float(np.median(ratio[r][ok[r]]))
    known = np.nonzero(np.isfinite(gains))[0]
    if known.size == 0:
        return np.ones(h)
    near = known[np.abs(np.arange(h)[:, None] - known[None, :]).argmin(axis=1)]
    return np.clip(gains[near], 1.0 / MAX_RIM_GAIN, MAX_RIM_GAIN)


def band_gains(grid: WorkGrid, fit: SkyFit, sun: SunEstimate) -> np.ndarray:
    """(h, w) float32 log gain of the clipped band over the fitted model, per work-grid
    cell above the horizon: its row's gain (row_gains) times, in its column, what the
    nearest clear cell above it shows over that cell's row gain (averaged over the clear
    cells of BAND_EDGE_COLUMNS columns around it), faded out over BAND_EDGE_REACH_DEG
    under that cell. The band so meets the sky seen above it in every column. A row's
    gain alone assumed the model's shape along the row: under Blender's 10° sun through
    AgX at +1 EV our model's glow beside the sun is 1.7x the sky's, and the band there
    was rebuilt 1.9x too bright, a bright tent with a hard edge where the camera's clip
    began. Not faded, a cloud's lower rim carried its own gain down a sky 86 % white to
    the horizon: a faint vertical streak, 1.9 % over its neighbours."""
    ratio, ok = _seen_over_model(grid, fit, sun)
    rows = _row_gains(ratio, ok)
    log_rows = np.log(rows)
    off = np.where(ok, np.log(ratio) - log_rows[:, None], 0.0)
    total, count = np.zeros_like(off), np.zeros_like(off)
    for d in range(-(BAND_EDGE_COLUMNS // 2), BAND_EDGE_COLUMNS // 2 + 1):
        total += np.roll(off, d, axis=1)
        count += np.roll(ok, d, axis=1)
    edge = np.where(count > 0, total / np.maximum(count, 1), 0.0)
    h, w = ok.shape
    above = np.maximum.accumulate(np.where(ok, np.arange(h)[:, None], -1), axis=0)
    column = np.where(above >= 0, edge[np.maximum(above, 0), np.arange(w)[None, :]], 0.0)
    els = grid.elevations[:h]
    below = els[np.maximum(above, 0)] - els[:, None]          # degrees under that cell
    column *= np.clip(1.0 - below / BAND_EDGE_REACH_DEG, 0.0, 1.0)
    cap = np.log(MAX_RIM_GAIN)
    return np.clip(log_rows[:, None] + column, -cap, cap).astype(np.float32)


BAND_EDGE_COLUMNS = 5    # work-grid columns (~3.5°) the band's edge gain is averaged over
BAND_EDGE_REACH_DEG = 15.0   # ... and how far under its clear cell it fades out


def _rebuild_band(rgb: np.ndarray, clipped: np.ndarray, fit: SkyFit, sun: SunEstimate,
                  zone: np.ndarray | None, factor: int, gains: np.ndarray,
                  floor: np.float32) -> np.ndarray | None:
    """Clipped sky pixels outside the sun's zone (a bright horizon band, the sky around
    a low sun's glow) take the fitted model times the band's gain (band_gains, log)
    where that is above the clip level (max of the two where it comes near the clip,
    BAND_SKY_SHARE): the band continues the sky seen above it instead of a flat +2 EV
    expansion. Where the model stays far below the clip (a sunlit cloud: brighter than
    any clear sky) the pixel is left to the highlight expansion. AUREOLE_ROWS rows at a
    time on the threads, a block at least DENSE_AUREOLE clipped whole (a sky 70 % white
    at 4096 wide has 3 million such pixels; the same bytes as pixel by pixel). Returns
    the (H, W) rebuilt pixels (None: none)."""
    height, width = clipped.shape
    h = gains.shape[0] * factor
    els, azs = row_elevations(height), column_azimuths(width)
    rebuilt = np.zeros(clipped.shape, bool)

    def rebuild(lo: int) -> None:
        rows = np.arange(lo, min(lo + AUREOLE_ROWS, h))
        todo = clipped[rows]
        if zone is not None:
            todo = todo & ~np.repeat(zone[rows // factor], factor, axis=1)
        block = rgb[rows[0]:rows[-1] + 1]
        if todo.mean() >= DENSE_AUREOLE:
            model = model_radiance_band(fit.table, els[rows], azs, sun.azimuth_deg)
            model *= np.exp(grid_values_in_rows(gains, rows, width, factor))[..., None]
            here = todo & (luminance(model) > BAND_SKY_SHARE * luminance(block))
            np.copyto(block, over_clip(model, block, floor), where=here[..., None])
            rebuilt[rows[0]:rows[-1] + 1] = here
            return
        r, c = np.nonzero(todo)
        if r.size == 0:
            return
        model = model_at_pixels(fit.table, r + lo, c, els, azs, sun.azimuth_deg)
        model *= np.exp(grid_value_at(gains, r + lo, c, factor))[:, None]
        seen = block[r, c]
        sky = luminance(model) > BAND_SKY_SHARE * luminance(seen)
        block[r[sky], c[sky]] = over_clip(model[sky], seen[sky], floor)
        rebuilt[r[sky] + lo, c[sky]] = True

    parallel_map(rebuild, range(0, h, AUREOLE_ROWS))
    return rebuilt if rebuilt.any() else None


def _upper_blue(grid: WorkGrid) -> float:
    return float(np.median(grid.linear[grid.elevations > 0][..., 2]))


def _disc_seen(grid: WorkGrid, sun: SunEstimate) -> float | None:
    """The aureole contrast (sun.aureole_contrast) of a sun whose clipped region is
    the disc itself (DISC_SEEN_SR) in a daylit sky, where it shows one (AUREOLE_RATIO);
    else None. Such a sun is where it is seen even when the sky is none the clear-sky
    model makes (Blender's sky seen from 1,500 m: fit residual 0.52, sun 0.07° off)."""
    if (sun.method != "clipped" or sun.clipped_solid_angle_sr > DISC_SEEN_SR
            or _upper_blue(grid) < DAYLIGHT_BLUE):
        return None
    contrast = aureole_contrast(grid, sun.elevation_deg, sun.azimuth_deg)
    return contrast if contrast >= AUREOLE_RATIO else None


def _transmittance(sun: SunEstimate) -> float:
    if sun.method != "lobe":
        return 1.0
    return float(min(1.0, sun.lobe_contrast / LOBE_CLEAR_CONTRAST))


def _confidence(sun: SunEstimate, fit: SkyFit, refined: dict) -> float:
    """0..1 heuristic: fit residual, how much clear sky was seen, how the sun was found."""
    conf = np.exp(-fit.residual / 0.15) * min(1.0, fit.sky_share / 0.2)
    if sun.method in ("clipped", "saturated"):
        conf *= 0.5 + 0.5 * sun.confidence
    if sun.method == "lobe":
        conf *= 0.5
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
