"""Assets: the files a backend made for a plan, described as plain data.

A `MaterialDescription` is what every consumer of a material reads: the Blender node
builder, the glTF/USD exporters and the AI painter. Textured families carry map files;
shader-only families (glass, neon, foliage...) carry constants in `params` instead, so
an exporter never has to reverse-engineer a node graph.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Vec3 = tuple[float, float, float]

MAP_NAMES = ("base_color", "normal", "roughness", "height", "ao", "metallic")
COLOR_MAPS = ("base_color",)  # stored sRGB; every other map is linear data
# Per-vertex weathering masks a material may read (mesh attributes, see plan.MeshPart).
VERTEX_MASKS = ("aisets_streaks",)


@dataclass
class MaterialDescription:
    """One material of a set; one texture tile covers `tile_size_m` metres.

    kind "textured": `maps` holds MAP_NAMES -> file. kind "shader": Cycles draws it from
    `params` (`base_color` linear RGB, `roughness`, `metallic`, and where they apply
    `emission`, `emission_strength`, `transmission`, `ior`, `alpha`); a patterned family
    (leaf cards, bark, lit windows, posters) also has `maps` baked for the exporters
    (`params["maps_for"] == "export"`), which the Blender scene does not use.
    """

    key: str
    family: str
    tile_size_m: tuple[float, float]
    maps: dict[str, Path]
    metallic: float = 0.0            # constant when there is no metallic map
    displacement_m: float = 0.0      # height map amplitude, for optional displacement
    params: dict[str, Any] = field(default_factory=dict)
    kind: str = "textured"
    masks: list[str] = field(default_factory=list)   # VERTEX_MASKS the shader reads


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

    @property
    def solar_elevation_deg(self) -> float:
        """The sun's own elevation: at night the key light (`sun_*`) is the moon, but
        exposure and practicals follow the sun."""
        return float(self.params.get("lights", {}).get("sun_elevation_deg",
                                                       self.sun_elevation_deg))
