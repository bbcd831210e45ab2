"""A camera package (body, lens, squeeze, frame lines, focus, T-stop) on a Blender
camera, its viewport overlay and the render format that desqueezes it.

Blender frames with sensor_fit HORIZONTAL: sensor_width is the desqueezed width
(area width x squeeze), so the horizontal field of view is the anamorphic one. The
render is square-pixel and desqueezed (`recorded=False`), or as recorded: the
photosites of the capture area with `pixel_aspect_x = squeeze`, which Blender shows
desqueezed. Frame lines show in the viewport as a wire rectangle parented to the
camera (never rendered) inside the passepartout; in renders they are burned in
(`burn_frame_lines`).
"""

from __future__ import annotations

import math
from pathlib import Path

import bpy
import numpy as np

from ..scout.cameras import Capture, capture, frame_line_box

PROPS = ("body", "lens_mm", "squeeze", "zoom", "frame_line", "focus_distance_m", "t_stop")
OVERLAY_SUFFIX = " frame lines"
OVERLAY_DISTANCE_M = 0.5


def set_package(obj: bpy.types.Object, scene: bpy.types.Scene | None, body: str,
                lens_mm: float, squeeze: float = 1.0, frame_line: str = "",
                focus_distance_m: float = 0.0, t_stop: float = 0.0, zoom: str = "",
                recorded: bool = False) -> Capture:
    """Put the package on camera `obj` (and the render format on `scene` when given)."""
    cap = capture(body, lens_mm, squeeze)
    cam = obj.data
    cam.lens = cap.lens_mm
    cam.sensor_fit = "HORIZONTAL"
    cam.sensor_width = cap.sensor_width_mm
    cam.sensor_height = cap.area_mm[1]
    cam.show_passepartout = True
    cam.passepartout_alpha = 0.75
    cam.dof.use_dof = focus_distance_m > 0 and t_stop > 0
    if cam.dof.use_dof:
        cam.dof.focus_distance = focus_distance_m
        cam.dof.aperture_fstop = t_stop
        cam.dof.aperture_ratio = squeeze      # anamorphic: tall oval bokeh
    values = (body, cap.lens_mm, squeeze, zoom, frame_line, focus_distance_m, t_stop)
    for key, value in zip(PROPS, values):
        obj[f"ai_sets_{key}"] = value
    frame_line_overlay(obj, cap, frame_line)
    if scene is not None:
        set_render_format(scene, cap, recorded)
    return cap


def place_shot(obj: bpy.types.Object, shot, scene: bpy.types.Scene | None = None,
               lens_mm: float | None = None) -> Capture:
    """A saved shot (scout/shots.py `Shot`) on camera `obj`: its package (body, lens or
    `lens_mm` instead, squeeze, frame lines, focus, T-stop) and its transform exactly
    as saved (location, XYZ Euler with any roll). Shared by the storyboard and the
    batch renderer."""
    cap = set_package(obj, scene, shot.body, shot.lens_mm if lens_mm is None else lens_mm,
                      shot.squeeze, shot.frame_line, shot.focus_distance_m, shot.t_stop,
                      shot.zoom)
    obj["ai_sets_lens_family"] = getattr(shot, "lens_family", "")
    obj.rotation_mode = "XYZ"
    obj.location = shot.location
    obj.rotation_euler = tuple(math.radians(a) for a in shot.rotation_deg)
    return cap


def package_of(obj: bpy.types.Object) -> dict:
    """What `set_package` stored on the camera (a plain Super 35 lens when nothing)."""
    default = {"body": "super35", "lens_mm": float(obj.data.lens), "squeeze": 1.0,
               "zoom": "", "frame_line": "", "focus_distance_m": 0.0, "t_stop": 0.0}
    return {k: obj.get(f"ai_sets_{k}", v) for k, v in default.items()}


def set_render_format(scene: bpy.types.Scene, cap: Capture, recorded: bool = False,
                      width: int | None = None) -> tuple[int, int]:
    render = scene.render
    if recorded:
        (w, h), aspect_x = cap.recorded_resolution()
        render.resolution_x, render.resolution_y = w, h
        render.pixel_aspect_x, render.pixel_aspect_y = aspect_x, 1.0
    else:
        w, h = cap.desqueezed_resolution(width or render.resolution_x)
        render.resolution_x, render.resolution_y = w, h
        render.pixel_aspect_x = render.pixel_aspect_y = 1.0
    return render.resolution_x, render.resolution_y


def frame_line_overlay(obj: bpy.types.Object, cap: Capture, line: str) -> bpy.types.Object | None:
    """A wire rectangle OVERLAY_DISTANCE_M in front of the lens, exactly on the frame
    lines; a child of the camera, hidden from renders and selection. Replaced on each
    call; removed when `line` is empty."""
    name = obj.name + OVERLAY_SUFFIX
    old = bpy.data.objects.get(name)
    if old is not None:
        mesh = old.data
        bpy.data.objects.remove(old)
        if mesh.users == 0:
            bpy.data.meshes.remove(mesh)
    if not line:
        return None
    left, top, right, bottom = frame_line_box(cap.aspect, line)
    d = OVERLAY_DISTANCE_M
    half_w = d * cap.sensor_width_mm / 2 / cap.lens_mm
    half_h = half_w / cap.aspect
    xs = [(-1 + 2 * left) * half_w, (-1 + 2 * right) * half_w]
    ys = [(1 - 2 * top) * half_h, (1 - 2 * bottom) * half_h]
    verts = [(xs[0], ys[0], -d), (xs[1], ys[0], -d), (xs[1], ys[1], -d), (xs[0], ys[1], -d)]
    mesh = bpy.data.meshes.new(name)
    mesh.from_pydata(verts, [(0, 1), (1, 2), (2, 3), (3, 0)], [])
    overlay = bpy.data.objects.new(name, mesh)
    overlay.parent = obj
    overlay.hide_render = True
    overlay.hide_select = True
    overlay.display_type = "WIRE"
    overlay.show_in_front = True
    overlay["ai_sets_frame_lines"] = line
    for collection in obj.users_collection:
        collection.objects.link(overlay)
    return overlay


def burn_frame_lines(png: Path, line: str, shade: float = 0.45) -> None:
    """Frame lines burned into a rendered PNG: the picture outside them darkened to
    `shade`, a thin light line on the frame."""
    if not line:
        return
    from PIL import Image

    from ..core.fileio import atomic_path

    with Image.open(png) as image:
        pixels = np.asarray(image.convert("RGB"), np.float32)
    h, w = pixels.shape[:2]
    left, top, right, bottom = frame_line_box(w / h, line)
    x0, x1 = int(round(left * w)), int(round(right * w)) - 1
    y0, y1 = int(round(top * h)), int(round(bottom * h)) - 1
    inside = np.zeros((h, w), bool)
    inside[y0:y1 + 1, x0:x1 + 1] = True
    pixels[~inside] *= shade
    thick = max(1, int(math.ceil(w / 640)))
    for ys, xs in (((slice(y0, y0 + thick)), slice(x0, x1 + 1)),
                   ((slice(y1 - thick + 1, y1 + 1)), slice(x0, x1 + 1)),
                   (slice(y0, y1 + 1), slice(x0, x0 + thick)),
                   (slice(y0, y1 + 1), slice(x1 - thick + 1, x1 + 1))):
        pixels[ys, xs] = (230.0, 230.0, 230.0)
    with atomic_path(png) as tmp:
        Image.fromarray(pixels.clip(0, 255).astype(np.uint8)).save(tmp, format="PNG")


def aim(obj: bpy.types.Object, location, target, roll_deg: float = 0.0) -> None:
    """Place the camera at `location` looking at `target` (world +Z up), then roll."""
    from mathutils import Euler, Vector

    obj.location = location
    quat = (Vector(target) - Vector(location)).to_track_quat("-Z", "Y")
    if roll_deg:
        quat = quat @ Euler((0.0, 0.0, math.radians(roll_deg))).to_quaternion()
    obj.rotation_mode = "XYZ"
    obj.rotation_euler = quat.to_euler("XYZ")


def apply_plan_camera(obj: bpy.types.Object, plan) -> None:
    """Build-time hook for the scene builder: a CameraPlan's scouting fields (body,
    squeeze, frame lines, focus, T-stop) on the camera `objects.camera_object` made."""
    if not getattr(plan, "body", ""):
        return
    set_package(obj, None, plan.body, plan.lens_mm, plan.squeeze or 1.0, plan.frame_line,
                plan.focus_distance_m, plan.t_stop)


def meter_camera(scene, folder, name: str):
    """A scout camera of the set, else a saved shot placed on a meter camera."""
    from ..core.errors import InputError
    from ..scout import shots as shotdata

    obj = bpy.data.objects.get(name)
    if obj is not None and obj.type == "CAMERA":
        return obj, obj.get("ai_sets_body", "super35") or "super35"
    saved = {s.name.casefold(): s for s in shotdata.read_shots(folder)}
    if name.casefold() in saved:
        shot = saved[name.casefold()]
        cam = bpy.data.objects.new("AI Sets meter camera", bpy.data.cameras.new("AI Sets meter"))
        scene.collection.objects.link(cam)
        place_shot(cam, shot)
        return cam, shot.body
    cameras = sorted(o.name for o in bpy.data.objects if o.type == "CAMERA")
    shots = sorted(s.name for s in saved.values())
    raise InputError(f"the set has no camera or saved shot '{name}'; cameras: "
                     f"{', '.join(cameras) or 'none'}; saved shots: {', '.join(shots) or 'none'}")
