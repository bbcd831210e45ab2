"""Write a lifted panorama as the procedural sky does: EXR + PNG preview + JSON sidecar."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from ...core.fileio import sha256_of
from ..sky.atmosphere import atmosphere_for_haze
from ..sky.bodies import SUN_RADIUS_DEG
from ..sky.output import write_outputs
from ..sky.spectrum import luminance
from .expand import EXPAND_FROM
from .lift import LiftResult
from .read import Panorama

ORIENTATION = ("row 0 = zenith; column u looks at azimuth 360u - 90 (clockwise from +Y/north):"
               " centre = +X/east, Blender's native equirect (the input's own orientation)")
UNITS = "linear Rec.709, W/m^2/sr (Y = luminance / 683); sun irradiance W/m^2"


def sidecar(result: LiftResult, pano: Panorama, expand_ev: float) -> dict[str, Any]:
    """Everything a renderer or a reader needs to trust (or not) the lifted map."""
    sun, fit = result.sun, result.fit
    colour = _colour(result.irradiance_rgb)
    data: dict[str, Any] = {
        "backend": "hdr-lift",
        "source": {"file": pano.path.name, "sha256": sha256_of(pano.path),
                   "kind": pano.source, "width": pano.width,
                   "height": int(pano.linear.shape[0]),
                   "response": result.response or pano.response},
        "sun": {"body": "sun", "found": bool(sun.found), "in_map": bool(sun.found),
                "azimuth_deg": float(sun.azimuth_deg) if sun.found else None,
                "elevation_deg": float(sun.elevation_deg) if sun.found else None,
                "irradiance_w_m2": result.irradiance, "colour": colour,
                "angle_deg": 2 * SUN_RADIUS_DEG, "method": sun.method, "reason": sun.reason,
                "clipped_solid_angle_sr": sun.clipped_solid_angle_sr,
                "lobe_contrast": sun.lobe_contrast},
        "confidence": result.confidence,
        "expansion": {"ev": expand_ev, "knee": EXPAND_FROM,
                      "curve": "gain = 1 + (2^ev - 1) * ((x - knee) / (1 - knee))^2 above the "
                               "knee, x = largest relative channel"},
        "notes": result.notes,
        "warnings": result.warnings,
        "params": {"orientation": ORIENTATION, "units": UNITS,
                   "width": pano.width, "height": int(pano.linear.shape[0])},
    }
    if fit is not None:
        data["fit"] = {
            "model": "generation/sky/atmosphere clear sky (spectral Rayleigh+Mie+ozone, "
                     "multiple scattering), fitted to unclipped sky cells above 3 deg",
            "haze": fit.haze,
            "aerosol_optical_depth_550": atmosphere_for_haze(fit.haze).aerosol_depth_550,
            "scale_w_m2_sr_per_unit": fit.scale, "residual": fit.residual,
            "sky_share": fit.sky_share, "haze_costs": fit.costs,
            "refinement": result.refine}
    else:
        data["fit"] = None
        data["scale"] = result.refine
    return data


def _colour(rgb: np.ndarray) -> list[float]:
    y = float(luminance(rgb))
    return [float(c) for c in (rgb / y if y > 1e-12 else np.ones(3))]


def write_lift(out_path: Path, result: LiftResult, pano: Panorama, expand_ev: float
               ) -> tuple[Path, Path, Path, str]:
    """EXR (float32 when the disc is in), PNG, JSON; none of them if any write fails."""
    return write_outputs(Path(out_path), result.rgb, sidecar(result, pano, expand_ev))
