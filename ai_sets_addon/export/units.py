"""Pure conversions from the set's units to glTF and USD (no bpy, no pxr).

The set speaks Blender: lamps in Blender watts, the sun as irradiance in W/m^2, lenses
in mm on a sensor width in mm, azimuth clockwise from north (+Y), Z up, metres, UVs
in metres with a tile size per material. glTF wants candela and lux, a vertical field
of view in radians, Y up; USD wants its camera units in tenths of a stage unit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# Blender's own glTF exporter (io_scene_gltf2/blender/com/conversion.py): the luminous
# efficacy it assumes for a watt, 683 lm/W (the SI candela definition at 555 nm).
PBR_WATTS_TO_LUMENS = 683.0
RENDER_ASPECT = 16.0 / 9.0      # the set's scout cameras frame 16:9 (1920x1080 renders)
RENDER_SIZE = (1920, 1080)


def point_candela(power_w: float) -> float:
    """Blender POINT/SPOT watts -> KHR_lights_punctual candela, as Blender exports them
    (io_scene_gltf2/blender/exp/lights.py, lighting mode SPEC): W / 4 pi * 683."""
    return power_w / (4.0 * math.pi) * PBR_WATTS_TO_LUMENS


def area_candela(power_w: float) -> float:
    """A Blender AREA lamp has no glTF counterpart; it becomes a spot with the area
    lamp's on-axis intensity (a Lambertian emitter of flux P sends P / pi per steradian
    along its normal), so what sits in front of the panel receives the same light."""
    return power_w / math.pi * PBR_WATTS_TO_LUMENS


def sun_lux(irradiance_w_m2: float) -> float:
    """Blender Sun strength (W/m^2) -> directional light lux, as Blender exports it."""
    return irradiance_w_m2 * PBR_WATTS_TO_LUMENS


def unit_colour(rgb) -> tuple[tuple[float, float, float], float]:
    """(colour with its largest channel at most 1, the factor taken out): glTF light
    colours must lie in [0, 1], so a brighter-than-white tint moves into intensity."""
    rgb = tuple(max(0.0, float(c)) for c in rgb)[:3]
    peak = max(rgb)
    if peak <= 1.0:
        return rgb, 1.0
    return tuple(c / peak for c in rgb), peak


def spot_cones(spot_angle_deg: float, blend: float) -> tuple[float, float]:
    """(inner, outer) cone half-angles in radians, as Blender's exporter writes them."""
    outer = math.radians(spot_angle_deg) * 0.5
    return outer - outer * blend, outer


def yfov(lens_mm: float, sensor_width_mm: float, aspect: float = RENDER_ASPECT) -> float:
    """Vertical field of view (radians) of a horizontal-fit sensor at a render aspect."""
    sensor_height = sensor_width_mm / aspect
    return 2.0 * math.atan(sensor_height / (2.0 * lens_mm))


def sun_direction(azimuth_deg: float, elevation_deg: float) -> tuple[float, float, float]:
    """Unit vector from the set toward the sun (Z up, +Y north, azimuth clockwise)."""
    az, el = math.radians(azimuth_deg), math.radians(elevation_deg)
    return (math.cos(el) * math.sin(az), math.cos(el) * math.cos(az), math.sin(el))


def angle_between_deg(a, b) -> float:
    dot = sum(x * y for x, y in zip(a, b))
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return math.degrees(math.acos(max(-1.0, min(1.0, dot / norm))))


def usd_camera_units(lens_mm: float, sensor_width_mm: float, meters_per_unit: float = 1.0,
                     aspect: float = RENDER_ASPECT) -> dict[str, float]:
    """UsdGeomCamera lens values: USD measures focalLength and apertures in tenths of a
    stage unit (mm only when metersPerUnit is 0.01); at metres, 35 mm is 0.35."""
    per_mm = 1.0 / (100.0 * meters_per_unit)
    return {"focalLength": lens_mm * per_mm,
            "horizontalAperture": sensor_width_mm * per_mm,
            "verticalAperture": sensor_width_mm / aspect * per_mm}


def rotation_quaternion(matrix) -> tuple[float, float, float, float]:
    """(w, x, y, z) of the rotation in a 4x4 rotation-scale-translation matrix (column
    vectors), scale divided out (Shepperd's method: stable for every angle)."""
    m = [[float(matrix[r][c]) for c in range(3)] for r in range(3)]
    norms = [math.sqrt(sum(m[r][c] ** 2 for r in range(3))) or 1.0 for c in range(3)]
    r = [[m[i][j] / norms[j] for j in range(3)] for i in range(3)]
    trace = r[0][0] + r[1][1] + r[2][2]
    if trace > 0:
        s = 2.0 * math.sqrt(trace + 1.0)
        q = (0.25 * s, (r[2][1] - r[1][2]) / s, (r[0][2] - r[2][0]) / s, (r[1][0] - r[0][1]) / s)
    else:
        i = max(range(3), key=lambda k: r[k][k])
        j, k = (i + 1) % 3, (i + 2) % 3
        s = 2.0 * math.sqrt(1.0 + r[i][i] - r[j][j] - r[k][k])
        v = [0.0, 0.0, 0.0]
        v[i] = 0.25 * s
        v[j] = (r[j][i] + r[i][j]) / s
        v[k] = (r[k][i] + r[i][k]) / s
        q = ((r[k][j] - r[j][k]) / s, *v)
    norm = math.sqrt(sum(c * c for c in q))
    return tuple(c / norm for c in q)


@dataclass(frozen=True)
class TileScale:
    """KHR_texture_transform / UsdTransform2d scale for UVs in metres: one texture
    tile per `tile_size_m`, so the texture keeps its real size on every surface."""

    u: float
    v: float

    @classmethod
    def of(cls, tile_size_m) -> TileScale:
        tx, ty = (float(t) for t in tile_size_m)
        if tx <= 0 or ty <= 0:
            raise ValueError(f"tile size must be positive, got {tile_size_m}")
        return cls(1.0 / tx, 1.0 / ty)


def shader_factors(params: dict) -> dict[str, object]:
    """A shader-only material's constants as PBR factors shared by glTF and USD:
    base colour (linear), metallic, roughness, emissive colour x strength, transmission,
    ior, opacity."""
    base = tuple(float(c) for c in params.get("base_color", (0.8, 0.8, 0.8)))[:3]
    emission = tuple(float(c) for c in params.get("emission", (0.0, 0.0, 0.0)))[:3]
    return {"base_color": base, "metallic": float(params.get("metallic", 0.0)),
            "roughness": float(params.get("roughness", 0.5)),
            "emission": emission,
            "emission_strength": float(params.get("emission_strength", 0.0)),
            "transmission": float(params.get("transmission", 0.0)),
            "ior": float(params.get("ior", 1.5)),
            "opacity": float(params.get("alpha", 1.0))}


# Colour maps are stored sRGB; every other map is linear data. "emission" is the baked
# emission colour of a shader-only family (generation/materials/shader_maps.py).
COLOUR_MAP_NAMES = ("base_color", "emission")
ALPHA_CUTOFF = 0.5


def alpha_masked(params: dict) -> bool:
    """A material whose base colour map's alpha cuts it out (leaf cards): glTF alphaMode
    MASK at ALPHA_CUTOFF, double-sided; USD opacity from the map, opacityThreshold."""
    return params.get("alpha_mode") == "MASK"
