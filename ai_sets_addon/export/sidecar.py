"""The export's own small manifest (`NAME.aisets.json` beside the .glb / .usd): what a
virtual-production tool needs that the file format cannot say (glTF has no
environment map), plus every file written with its sha256."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..core.fileio import sha256_of
from ..setfile import SetDocument
from . import units

FORMAT = "ai-sets/export"
SKY_ORIENTATION = ("equirectangular, row 0 = zenith; column u looks at azimuth 360u - 90 "
                   "degrees clockwise from north (+Y in Z-up set space), so the image "
                   "centre looks east (+X); Blender's native layout")


def sidecar_name(out: Path) -> Path:
    return out.with_name(f"{out.name}.aisets.json")


def sky_name(out: Path) -> Path:
    return out.with_name(f"{out.stem}_sky.exr")


def z_up_to_y_up(v) -> list[float]:
    """Set space (Z up, +Y north) to glTF (Y up, +Z toward the viewer = south)."""
    x, y, z = (float(c) for c in v)
    return [x, z, -y]


def key_light(doc: SetDocument) -> dict[str, Any]:
    sky = doc.sky
    direction = units.sun_direction(sky.sun_azimuth_deg, sky.sun_elevation_deg)
    return {
        "body": sky.params.get("key_body", "sun"),
        "azimuth_deg": sky.sun_azimuth_deg, "elevation_deg": sky.sun_elevation_deg,
        "toward_light_z_up": list(direction), "toward_light_gltf_y_up": z_up_to_y_up(direction),
        "irradiance_w_m2": sky.sun_irradiance_w_m2,
        "illuminance_lux": units.sun_lux(sky.sun_irradiance_w_m2),
        "angle_deg": sky.sun_angle_deg, "colour_linear": list(sky.sun_colour),
        "in_environment_map": sky.sun_in_map,
    }


def describe(doc: SetDocument, export_format: str, files: list[Path], root: Path,
             seconds: float, environment: Path | None) -> dict[str, Any]:
    """The sidecar's JSON: set, units, environment, key light, cameras, files."""
    return {
        "format": FORMAT, "schema_version": 1, "export_format": export_format,
        "set": {"name": doc.plan.name, "archetype": doc.plan.archetype,
                "prompt": doc.spec.prompt, "seed": doc.spec.seed,
                "folder": str(doc.folder)},
        "units": {"length": "metre", "up": "+Y" if export_format == "glb" else "+Z",
                  "lights": "glTF: candela / lux (Blender W x 683 lm/W, as Blender's "
                            "exporter); USD: Blender's USD light conversion, the sun "
                            "in W/m^2 like the dome's radiance",
                  "texture_tiles": "UVs in metres, texture transform scale = 1 / tile size"},
        "environment": None if environment is None else {
            "file": environment.name, "projection": "equirectangular",
            "orientation": SKY_ORIENTATION,
            "units": "linear Rec.709 radiance, W/m^2/sr (x683 = cd/m^2)",
            "exposure_ev": doc.sky.params.get("exposure_ev"),
        },
        "key_light": key_light(doc),
        "cameras": [{"name": c.name, "lens_mm": c.lens_mm, "sensor_width_mm": c.sensor_width_mm,
                     "yfov_rad": units.yfov(c.lens_mm, c.sensor_width_mm),
                     "aspect": units.RENDER_ASPECT} for c in doc.plan.cameras],
        "seconds": round(seconds, 3),
        "files": {path.relative_to(root).as_posix(): {"sha256": sha256_of(path),
                                                      "bytes": path.stat().st_size}
                  for path in sorted(files)},
    }
