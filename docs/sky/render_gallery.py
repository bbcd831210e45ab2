"""Render the sky gallery: one small test set under five skies (Cycles CPU, denoised).

    python docs/sky/render_gallery.py [--width 480] [--samples 16] [--hdri 2048]

A grey ground and a few boxes, camera at eye height looking north-north-east; the world
and the sun/moon lamp come from scene.world.build_world, the exposure from the sky's
own rule (SkyAsset.params["exposure_ev"], AgX view). Writes docs/sky/<name>.png and the
sky previews docs/sky/<name>_sky.png.
"""

from __future__ import annotations

import argparse
import math
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

import bpy  # noqa: E402

from ai_sets_addon.model.plan import SkyRequest  # noqa: E402
from ai_sets_addon.generation.sky import ProceduralSky  # noqa: E402
from ai_sets_addon.blender.scene.world import build_world  # noqa: E402

CONDITIONS = {
    "dawn": SkyRequest(time_of_day="dawn", cloud_cover="few", seed=11),
    "noon": SkyRequest(time_of_day="noon", cloud_cover="few", seed=11),
    "golden_hour": SkyRequest(time_of_day="golden_hour", cloud_cover="scattered", seed=11),
    "overcast": SkyRequest(time_of_day="afternoon", cloud_cover="overcast", seed=11),
    "night": SkyRequest(time_of_day="night", cloud_cover="few", seed=11),
}
BOXES = (  # (centre x, y, size x, y, z, grey albedo)
    (-2.5, 9.0, 2.0, 2.0, 2.0, 0.7), (1.5, 12.0, 3.0, 1.5, 4.0, 0.35),
    (4.0, 8.0, 1.0, 1.0, 1.0, 0.18), (-0.5, 6.0, 0.6, 0.6, 1.8, 0.5),
)


def grey_material(name: str, albedo: float) -> bpy.types.Material:
    mat = bpy.data.materials.new(name)
    if mat.node_tree is None:
        mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = (albedo, albedo, albedo, 1.0)
    bsdf.inputs["Roughness"].default_value = 0.8
    return mat


def add_box(scene, name, centre, size, mat) -> None:
    bpy.ops.mesh.primitive_cube_add(size=1.0, location=(centre[0], centre[1], size[2] / 2))
    obj = bpy.context.object
    obj.name = name
    obj.scale = size
    obj.data.materials.append(mat)


def build_set(scene) -> None:
    bpy.ops.mesh.primitive_plane_add(size=400.0)
    bpy.context.object.data.materials.append(grey_material("ground", 0.25))
    for i, (x, y, sx, sy, sz, albedo) in enumerate(BOXES):
        add_box(scene, f"box{i}", (x, y), (sx, sy, sz), grey_material(f"grey{i}", albedo))
    cam_data = bpy.data.cameras.new("camera")
    cam_data.lens = 24.0
    cam = bpy.data.objects.new("camera", cam_data)
    cam.location = (0.0, -2.0, 1.7)
    cam.rotation_euler = (math.radians(84.0), 0.0, math.radians(-20.0))
    scene.collection.objects.link(cam)
    scene.camera = cam


def setup_render(scene, width: int, samples: int) -> None:
    scene.render.engine = "CYCLES"
    scene.cycles.device = "CPU"
    scene.cycles.samples = samples
    scene.cycles.use_denoising = True
    scene.render.resolution_x, scene.render.resolution_y = width, width * 9 // 16
    scene.render.image_settings.file_format = "PNG"
    scene.view_settings.view_transform = "AgX"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--width", type=int, default=480)
    parser.add_argument("--samples", type=int, default=16)
    parser.add_argument("--hdri", type=int, default=2048)
    parser.add_argument("--only", nargs="*")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    for name, request in CONDITIONS.items():
        if args.only and name not in args.only:
            continue
        bpy.ops.wm.read_factory_settings(use_empty=True)
        scene = bpy.context.scene
        setup_render(scene, args.width, args.samples)
        build_set(scene)
        sky = ProceduralSky().make_sky(request, args.hdri, tmp / f"{name}.exr")
        world, sun = build_world(sky, "gallery")
        scene.world = world
        scene.collection.objects.link(sun)
        scene.view_settings.exposure = sky.params["exposure_ev"]
        scene.render.filepath = str(HERE / f"{name}.png")
        start = time.perf_counter()
        bpy.ops.render.render(write_still=True)
        shutil.copyfile(sky.preview_path, HERE / f"{name}_sky.png")
        print(f"{name}: sun el {sky.sun_elevation_deg:.1f} az {sky.sun_azimuth_deg:.1f} "
              f"irradiance {sky.sun_irradiance_w_m2:.4g} exposure {sky.params['exposure_ev']:+.2f}"
              f" EV, render {time.perf_counter() - start:.1f} s")
    shutil.rmtree(tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
