"""The sky in Blender: the EXR's sun and the lamp agree (checked with a Cycles panorama),
lamp strength/angle/colour come from the sky, everything is tagged, nothing duplicated."""

from __future__ import annotations

import math
from pathlib import Path

import bpy
import numpy as np
import pytest
from mathutils import Vector

from ai_sets_addon.model.assets import SkyAsset
from ai_sets_addon.core.fileio import write_exr
from ai_sets_addon.model.plan import SkyRequest
from ai_sets_addon.generation.sky import ProceduralSky
from ai_sets_addon.generation.sky.equirect import direction, pixel_of
from ai_sets_addon.blender.scene import tagging
from ai_sets_addon.blender.scene.world import add_equirect_camera, build_world

SPOT_EL, SPOT_AZ = 30.0, 60.0


def _lamp_axis(obj: bpy.types.Object) -> np.ndarray:
    """Unit vector from the scene toward the light (the lamp shines along its -Z)."""
    return np.array(obj.rotation_euler.to_matrix() @ Vector((0.0, 0.0, 1.0)))


def _angle_deg(a: np.ndarray, b: np.ndarray) -> float:
    return math.degrees(math.acos(float(np.clip(np.dot(a, b) / np.linalg.norm(a)
                                                / np.linalg.norm(b), -1.0, 1.0))))


def _panorama_scene(scene: bpy.types.Scene) -> None:
    scene.render.engine = "CYCLES"
    scene.cycles.device = "CPU"
    scene.cycles.samples = 1
    scene.render.resolution_x, scene.render.resolution_y = 128, 64
    scene.view_settings.view_transform = "Standard"
    add_equirect_camera(scene)


def _brightest(scene: bpy.types.Scene, path: Path) -> tuple[int, int]:
    import OpenEXR

    scene.render.filepath = str(path)
    scene.render.image_settings.file_format = "OPEN_EXR"
    bpy.ops.render.render(write_still=True)
    with OpenEXR.File(str(path)) as exr:
        channels = exr.channels()
        name = "RGBA" if "RGBA" in channels else "RGB"
        lum = np.asarray(channels[name].pixels)[..., :3].sum(axis=-1)
    return np.unravel_index(int(np.argmax(lum)), lum.shape)


def test_environment_orientation_matches_scene_directions(empty_scene, tmp_path: Path) -> None:
    """A bright spot written at (el, az) by our convention and an emissive marker placed at
    that direction in the scene land on the same panorama pixel."""
    width = 512
    pixels = np.full((width // 2, width, 3), 0.01, np.float32)
    row, col = pixel_of(SPOT_EL, SPOT_AZ, width)
    pixels[int(row) - 2:int(row) + 3, int(col) - 2:int(col) + 3] = 1000.0
    write_exr(tmp_path / "spot.exr", pixels, half=False)
    _panorama_scene(empty_scene)
    world, sun = build_world(SkyAsset(tmp_path / "spot.exr", SPOT_AZ, SPOT_EL, 0.0), "probe")
    empty_scene.world = world
    from_world = _brightest(empty_scene, tmp_path / "world.exr")
    world.node_tree.nodes["Background"].inputs["Strength"].default_value = 0.0
    mesh = bpy.data.meshes.new("marker")
    import bmesh
    bm = bmesh.new()
    bmesh.ops.create_uvsphere(bm, u_segments=12, v_segments=6, radius=0.3)
    bm.to_mesh(mesh)
    bm.free()
    marker = bpy.data.objects.new("marker", mesh)
    marker.location = tuple(10.0 * direction(np.array(SPOT_EL), np.array(SPOT_AZ)))
    empty_scene.collection.objects.link(marker)
    mat = bpy.data.materials.new("glow")
    if mat.node_tree is None:                          # Blender 4.x
        mat.use_nodes = True
    emit = mat.node_tree.nodes.new("ShaderNodeEmission")
    emit.inputs["Strength"].default_value = 100.0
    mat.node_tree.links.new(emit.outputs[0],
                            mat.node_tree.nodes["Material Output"].inputs["Surface"])
    mesh.materials.append(mat)
    from_marker = _brightest(empty_scene, tmp_path / "marker.exr")
    assert abs(from_world[0] - from_marker[0]) <= 1
    assert abs(from_world[1] - from_marker[1]) <= 1
    expected = direction(np.array(SPOT_EL), np.array(SPOT_AZ))
    assert _angle_deg(_lamp_axis(sun), expected) < 0.01


@pytest.fixture(scope="module")
def golden(tmp_path_factory) -> SkyAsset:
    out = tmp_path_factory.mktemp("sky") / "sky.exr"
    request = SkyRequest(time_of_day="golden_hour", cloud_cover="few", seed=4,
                         north_offset_deg=25.0)
    return ProceduralSky().make_sky(request, 512, out)


def test_lamp_matches_the_sky(empty_scene, golden: SkyAsset) -> None:
    world, sun = build_world(golden, "set A")
    light = sun.data
    assert light.type == "SUN"
    assert light.energy == pytest.approx(golden.sun_irradiance_w_m2, rel=1e-5)
    assert math.degrees(light.angle) == pytest.approx(0.533, abs=0.01)
    colour = np.array(light.color)
    assert colour @ np.array([0.2126, 0.7152, 0.0722]) == pytest.approx(1.0, rel=1e-3)
    assert colour[0] > colour[2]                      # golden hour is warm
    expected = direction(np.array(golden.sun_elevation_deg), np.array(golden.sun_azimuth_deg))
    assert _angle_deg(_lamp_axis(sun), expected) < 0.5
    assert sun.users_collection == ()                 # the caller links it
    env = world.node_tree.nodes["Environment Texture"]
    assert Path(env.image.filepath) == golden.exr_path


def test_everything_is_tagged_and_images_are_shared(empty_scene, golden: SkyAsset) -> None:
    images_before = len(bpy.data.images)
    world, sun = build_world(golden, "set B")
    build_world(golden, "set B")
    assert len(bpy.data.images) == images_before + 1
    image = world.node_tree.nodes["Environment Texture"].image
    for block in (world, sun, sun.data, image):
        assert block[tagging.TAG] == "set B"


def test_disc_kept_in_map_means_no_lamp_light(empty_scene, tmp_path: Path) -> None:
    from ai_sets_addon.generation.sky import SkyOptions

    sky = ProceduralSky(SkyOptions(sun_in_map=True)).make_sky(
        SkyRequest(time_of_day="noon", cloud_cover="clear"), 512, tmp_path / "sky.exr")
    _, sun = build_world(sky, "set C")
    assert sun.data.energy == 0.0
