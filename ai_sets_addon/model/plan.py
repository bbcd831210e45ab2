"""SetPlan: the set as plain data (meshes, materials, lights, cameras, sky) before Blender.

Conventions, shared by every archetype and the scene builder:
- Z up, metres, +Y is north, +X is east (Blender's axes).
- Mesh UVs are in metres (1 UV unit = 1 m on the surface); a material's texture
  says how many metres one tile covers, so every surface maps at true scale.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

Vec3 = tuple[float, float, float]

SUPER35_SENSOR_MM = 24.89  # Super 35 width, the film-camera default

# Families the scene builder makes as shaders alone (no texture maps to generate):
# glass panes, glowing diffusers, coloured neon tubes, lit windows seen from outside,
# tree bark and foliage, open water, seamless studio backdrop paper, and plain paint
# (a solid coated colour: lamp posts, bins, racking, bags), and backlit posters.
SHADER_FAMILIES = ("glass", "emission", "neon", "lit_window", "bark", "foliage", "water",
                   "backdrop", "paint", "poster")


if TYPE_CHECKING:                  # MeshPart holds a trimesh; a sky needs no mesh library
    import trimesh


@dataclass
class MaterialRequest:
    """One material the set needs; `key` is what mesh parts refer to."""

    key: str
    family: str
    modifiers: list[str] = field(default_factory=list)
    colour: str | None = None
    seed: int = 0


@dataclass
class MeshPart:
    """A mesh with one material; with `instances`, a prototype placed many times."""

    name: str
    mesh: trimesh.Trimesh          # UVs in mesh.visual.uv, in metres
    material: str                  # MaterialRequest.key
    group: str = "geometry"        # child collection: geometry / props
    instances: list[np.ndarray] = field(default_factory=list)  # 4x4 world transforms
    smooth: bool = False           # shade smooth (terrain, rocks, foliage, turned props)
    # Per-vertex 0..1 masks the shaders read as mesh attributes, e.g. "aisets_streaks"
    # (run-off below window sills), so weathering follows the set's real openings.
    vertex_masks: dict[str, np.ndarray] = field(default_factory=dict)
    # The second UV set: non-overlapping charts in [0, 1] (same index buffer as the
    # mesh), `atlas_size` pixels at `atlas_density` px/m; filled by setfile.atlas.
    atlas_uv: np.ndarray | None = None
    atlas_size: tuple[int, int] = (0, 0)
    atlas_density: float = 0.0

    def summary(self) -> dict[str, Any]:
        return {
            "name": self.name, "material": self.material, "group": self.group,
            "vertices": int(len(self.mesh.vertices)), "faces": int(len(self.mesh.faces)),
            "instances": len(self.instances),
        }


@dataclass
class LightPlan:
    """A practical light (the sun comes from the sky, not from here)."""

    name: str
    kind: str                      # POINT, SPOT, AREA
    location: Vec3
    direction: Vec3 = (0.0, 0.0, -1.0)   # where it points (SPOT, AREA)
    power_w: float = 100.0         # Blender watts
    colour: Vec3 = (1.0, 0.9, 0.8)  # linear RGB
    size_m: float = 0.1
    size_y_m: float | None = None  # AREA rectangle's second side
    spot_angle_deg: float = 60.0
    portal: bool = False           # AREA only: a Cycles light portal in a window opening
    spot_blend: float = 0.3        # SPOT only: softness of the cone's edge
    on: bool = True                # off: a practical built dark at the set's hour (its
                                   # power kept) for the hour slider to switch on


@dataclass
class CameraPlan:
    """A scout camera aimed at `target`, with a real lens on a real sensor."""

    name: str
    location: Vec3
    target: Vec3
    lens_mm: float = 35.0
    sensor_width_mm: float = SUPER35_SENSOR_MM
    shot: str = "wide"
    # Scouting (ai_sets_addon/scout/cameras.py); defaults = a spherical Super 35 camera.
    # sensor_width_mm stays the desqueezed horizontal width, so readers that ignore
    # these fields still frame the camera right.
    body: str = ""                  # scout.cameras.BODIES key; "" = unspecified
    sensor_height_mm: float = 0.0   # 0 = from the render's aspect
    squeeze: float = 1.0            # anamorphic squeeze (1 = spherical)
    frame_line: str = ""            # "2.39", "1.85", "16:9", "4:3"; "" = none
    focus_distance_m: float = 0.0   # 0 = no depth of field
    t_stop: float = 0.0             # 0 = no depth of field


@dataclass
class SkyRequest:
    """What the environment must show; the sky backend resolves the sun from it."""

    time_of_day: str = "afternoon"
    cloud_cover: str = "few"
    precipitation: str = "none"
    haze: float = 0.0              # 0 clear .. 1 very hazy (turbidity from weather words)
    latitude: float | None = None   # with longitude + datetime_iso: the real sun position
    longitude: float | None = None
    datetime_iso: str | None = None
    sun_azimuth_deg: float | None = None   # explicit override, clockwise from north
    north_offset_deg: float = 0.0
    seed: int = 0
    skyline: str = ""              # "city" / "trees": far context on the horizon (windows)


@dataclass
class Atmosphere:
    """Volume in the set: density per metre and a tint."""

    density: float = 0.0
    colour: Vec3 = (1.0, 1.0, 1.0)
    anisotropy: float = 0.3
    bounds: tuple[Vec3, Vec3] | None = None   # a box (min, max) to fill; None: world volume


@dataclass
class SetPlan:
    name: str
    archetype: str
    parts: list[MeshPart]
    materials: dict[str, MaterialRequest]
    lights: list[LightPlan]
    cameras: list[CameraPlan]
    sky: SkyRequest
    atmosphere: Atmosphere = field(default_factory=Atmosphere)
    interior: bool = False          # metering and exposure hints
    notices: list[str] = field(default_factory=list)
    exposure_bias_ev: float = 0.0   # added to the metered exposure (a white cyc reads white)

    def summary(self) -> dict[str, Any]:
        """JSON-friendly description for the manifest."""
        from dataclasses import asdict
        return {
            "name": self.name, "archetype": self.archetype, "interior": self.interior,
            "parts": [p.summary() for p in self.parts],
            "materials": {k: asdict(m) for k, m in self.materials.items()},
            "lights": [asdict(light) for light in self.lights],
            "cameras": [asdict(c) for c in self.cameras],
            "sky": asdict(self.sky), "atmosphere": asdict(self.atmosphere),
            "exposure_bias_ev": self.exposure_bias_ev, "notices": list(self.notices),
        }
