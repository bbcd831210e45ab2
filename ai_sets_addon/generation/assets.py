"""Assets: the files a backend made for a plan, described as plain data."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Vec3 = tuple[float, float, float]

MAP_NAMES = ("base_color", "normal", "roughness", "height", "ao", "metallic")
COLOR_MAPS = ("base_color",)  # stored sRGB; every other map is linear data


@dataclass
class TextureSet:
    """Tileable maps for one material; one tile covers `tile_size_m` metres."""

    key: str
    family: str
    tile_size_m: tuple[float, float]
    maps: dict[str, Path]            # MAP_NAMES -> file
    metallic: float = 0.0            # constant when there is no metallic map
    displacement_m: float = 0.0      # height map amplitude, for optional displacement
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class SkyAsset:
    """An equirectangular HDR environment and the sun it contains.

    Orientation (Blender's own equirect layout, no Mapping node needed): row 0 is the
    zenith; column u (0..1) looks at azimuth 360*u - 90 degrees, clockwise from north
    (+Y), so the image centre looks east (+X). Tested in tests/blender/test_world.py.
    """

    exr_path: Path
    sun_azimuth_deg: float           # clockwise from north (+Y) toward east (+X)
    sun_elevation_deg: float
    sun_irradiance_w_m2: float       # on a plane facing the sun: Blender Sun strength
    sun_colour: Vec3 = (1.0, 1.0, 1.0)
    sun_angle_deg: float = 0.53
    sun_in_map: bool = False         # False: the disc was left out, the lamp supplies it
    preview_path: Path | None = None
    sidecar_path: Path | None = None
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class AssetBundle:
    sky: SkyAsset
    materials: dict[str, TextureSet]

    def files(self) -> list[Path]:
        out = [self.sky.exr_path]
        out += [p for p in (self.sky.preview_path, self.sky.sidecar_path) if p]
        for tex in self.materials.values():
            out += list(tex.maps.values())
        return out
