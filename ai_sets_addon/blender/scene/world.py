"""The set's sky in Blender: a World using the sky EXR and a Sun lamp that agrees with it.

Orientation: the EXR follows Blender's own equirectangular convention (row 0 = zenith;
the image centre looks along +X/east, u = 0.25 along +Y/north; see
generation/sky/equirect.py), so the Environment Texture needs no Mapping node and the
sun in the image sits exactly where the lamp points. tests/blender/test_world.py checks
this with a Cycles panorama.

Units: the EXR is in Blender "watts" (W/m^2/sr) and the lamp's strength is the sun's
irradiance in W/m^2, so Background strength 1.0 and the lamp together give the physical
balance between sky and sun. The scene's exposure (SkyAsset.params["exposure_ev"])
brings that to a well exposed render.
"""

from __future__ import annotations

import math

import bpy

from ...model.assets import SkyAsset
from . import tagging


def build_world(sky: SkyAsset, set_name: str,
                strength: float = 1.0) -> tuple[bpy.types.World, bpy.types.Object]:
    """A tagged World with the sky EXR and a tagged Sun lamp object (not linked anywhere)."""
    world = bpy.data.worlds.new(f"{set_name} sky")
    tagging.tag(world, set_name)
    image = load_sky_image(sky, set_name)
    _wire_world(world, image, strength)
    for key, value in _world_properties(sky).items():
        world[key] = value
    return world, make_sun(sky, set_name)


def load_sky_image(sky: SkyAsset, set_name: str) -> bpy.types.Image:
    """Load (or reuse, reloaded from disk) the EXR as scene-linear data."""
    path = str(sky.exr_path)
    image = bpy.data.images.load(path, check_existing=True)
    image.reload()
    _set_linear(image)
    tagging.tag(image, set_name)
    return image


def _set_linear(image: bpy.types.Image) -> None:
    for name in ("Linear Rec.709", "Linear", "scene_linear"):
        try:
            image.colorspace_settings.name = name
            return
        except TypeError:
            continue


def _wire_world(world: bpy.types.World, image: bpy.types.Image, strength: float) -> None:
    if world.node_tree is None:          # Blender 4.x; 5.x worlds always have nodes
        world.use_nodes = True
    nodes, links = world.node_tree.nodes, world.node_tree.links
    nodes.clear()
    env = nodes.new("ShaderNodeTexEnvironment")
    env.image = image
    env.projection = "EQUIRECTANGULAR"
    env.interpolation = "Linear"
    env.location = (-400, 0)
    background = nodes.new("ShaderNodeBackground")
    background.inputs["Strength"].default_value = float(strength)
    output = nodes.new("ShaderNodeOutputWorld")
    output.location = (250, 0)
    links.new(env.outputs["Color"], background.inputs["Color"])
    links.new(background.outputs["Background"], output.inputs["Surface"])


def sun_rotation(elevation_deg: float, azimuth_deg: float) -> tuple[float, float, float]:
    """XYZ Euler that points a lamp's -Z away from the sun (its +Z toward the sun).

    Rz(180 - az) . Rx(90 - el) takes +Z to (cos el sin az, cos el cos az, sin el).
    """
    return (math.radians(90.0 - elevation_deg), 0.0, math.radians(180.0 - azimuth_deg))


def make_sun(sky: SkyAsset, set_name: str) -> bpy.types.Object:
    """Sun lamp: strength = irradiance (0 when the disc stays in the map), true angle."""
    body = sky.params.get("key_body", "sun")
    light = bpy.data.lights.new(f"{set_name} {body}", "SUN")
    light.energy = 0.0 if sky.sun_in_map else float(sky.sun_irradiance_w_m2)
    light.angle = math.radians(sky.sun_angle_deg)
    light.color = tuple(float(c) for c in sky.sun_colour)
    tagging.tag(light, set_name)
    obj = bpy.data.objects.new(f"{set_name} {body}", light)
    obj.rotation_mode = "XYZ"
    obj.rotation_euler = sun_rotation(sky.sun_elevation_deg, sky.sun_azimuth_deg)
    obj.location = (0.0, 0.0, 10.0)
    tagging.tag(obj, set_name)
    return obj


def _world_properties(sky: SkyAsset) -> dict[str, float | str]:
    return {
        "ai_sets_sky_exr": str(sky.exr_path),
        "ai_sets_sun_azimuth_deg": float(sky.sun_azimuth_deg),
        "ai_sets_sun_elevation_deg": float(sky.sun_elevation_deg),
        "ai_sets_sun_irradiance": float(sky.sun_irradiance_w_m2),
        "ai_sets_exposure_ev": float(sky.params.get("exposure_ev", 0.0)),
    }


def add_equirect_camera(scene: bpy.types.Scene, name: str = "pano") -> bpy.types.Object:
    """A Cycles equirectangular camera whose render has the same layout as our sky maps
    (zenith on row 0, east in the centre): how the orientation convention is checked."""
    data = bpy.data.cameras.new(name)
    data.type = "PANO"
    data.panorama_type = "EQUIRECTANGULAR"
    cam = bpy.data.objects.new(name, data)
    cam.rotation_euler = (math.radians(90.0), 0.0, math.radians(-90.0))
    scene.collection.objects.link(cam)
    scene.camera = cam
    return cam
