"""Procedural, physically based HDR skies (pure numpy; never imports bpy).

    ProceduralSky().make_sky(SkyRequest(time_of_day="golden_hour", cloud_cover="scattered"),
                             4096, Path("sky.exr"))

writes sky.exr (linear Rec.709, W/m^2/sr: Blender "watts"), sky.png (preview) and
sky.json (sun, irradiance, model parameters, seed). Orientation: see `equirect`.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from ...model.assets import SkyAsset
from ...model.plan import SkyRequest
from .compose import KeyLight, SkyImage, SkyOptions, exposure_ev, render_sky
from .equirect import check_width
from .output import write_outputs
from .resolve import SkyLights, resolve_lights
from .solar import (MoonPosition, SolarPosition, moon_position, parse_datetime,
                    solar_position, time_of_day_key)

__all__ = [
    "ProceduralSky", "SkyOptions", "SkyImage", "KeyLight", "SkyLights", "SolarPosition",
    "MoonPosition", "render_sky", "resolve_lights", "resolve_sun", "solar_position",
    "moon_position", "parse_datetime", "time_of_day_key", "exposure_ev", "check_width",
]


def resolve_sun(request: SkyRequest) -> tuple[float, float]:
    """(elevation, scene azimuth) in degrees of the sun a request asks for."""
    lights = resolve_lights(request)
    return lights.sun_elevation_deg, lights.sun_azimuth_deg


class ProceduralSky:
    """The default SkyBackend: no GPU, no weights, deterministic for a seed."""

    name = "procedural"

    def __init__(self, options: SkyOptions | None = None) -> None:
        self.options = options or SkyOptions()

    def make_sky(self, request: SkyRequest, width: int, out_path: Path) -> SkyAsset:
        """Render and write out_path (EXR) + .png + .json beside it; returns the asset."""
        sky = render_sky(request, width, self.options)
        return self.write(sky, request, Path(out_path))

    def write(self, sky: SkyImage, request: SkyRequest, out_path: Path) -> SkyAsset:
        key = sky.key
        sidecar = {
            "backend": self.name, "request": asdict(request),
            "sun": {"body": key.body, "azimuth_deg": key.azimuth_deg,
                    "elevation_deg": key.elevation_deg, "irradiance_w_m2": key.irradiance,
                    "colour": key.colour, "angle_deg": key.angle_deg},
            "params": sky.params,
        }
        exr, png, js, pixel_type = write_outputs(out_path, sky.rgb, sidecar,
                                                 sky.params["night_darkening_ev"])
        params = dict(sky.params, pixel_type=pixel_type)
        return SkyAsset(exr_path=exr, sun_azimuth_deg=key.azimuth_deg,
                        sun_elevation_deg=key.elevation_deg,
                        sun_irradiance_w_m2=key.irradiance, sun_colour=key.colour,
                        sun_angle_deg=key.angle_deg, sun_in_map=self.options.sun_in_map,
                        preview_path=png, sidecar_path=js, params=params)
