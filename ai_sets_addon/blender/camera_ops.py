"""The panel's camera package on the scene's camera, and the scout camera itself."""

from __future__ import annotations

import bpy

from ..scout import cameras
from .camera import package_of, set_package

SCOUT_CAMERA = "AI Sets Scout"


def enum_value(value: str) -> str:
    return "" if value == "NONE" else value


def panel_package(scene: bpy.types.Scene) -> dict:
    """The Scout panel's settings as set_package arguments."""
    s = scene.ai_sets_scout
    zoom = enum_value(s.zoom)
    lens = float(s.prime)
    if zoom:
        lo, hi = cameras.ZOOMS[zoom].range_mm
        lens = min(max(s.focal_mm, lo), hi)
    return {"body": s.body, "lens_mm": lens, "squeeze": float(s.squeeze),
            "frame_line": enum_value(s.frame_line), "focus_distance_m": s.focus_m,
            "t_stop": s.t_stop if s.focus_m > 0 else 0.0, "zoom": zoom,
            "recorded": s.recorded}


def apply_to_active(scene: bpy.types.Scene) -> None:
    """Panel changes -> the scene camera (lens, sensor, DOF, overlay, render format)."""
    if scene.camera is not None and scene.camera.type == "CAMERA":
        set_package(scene.camera, scene, **panel_package(scene))
        family = scene.ai_sets_scout.lens_family
        scene.camera["ai_sets_lens_family"] = "" if family == "AUTO" else family
        apply_exposure(scene)


def panel_request(scene: bpy.types.Scene):
    """The panel's exposure as a scout.exposure.Request (auto: nothing fixed)."""
    from ..scout.exposure import Request

    s = scene.ai_sets_scout
    white = None if s.auto_white_balance else s.white_balance
    if s.auto_exposure:
        return Request(fps=s.camera_fps, white_balance_k=white, tint=s.tint,
                       lens_effects=s.lens_effects)
    return Request(iso=s.iso, shutter_angle_deg=s.shutter_angle, fps=s.camera_fps,
                   t_stop=s.exposure_t_stop, nd=float(s.nd), white_balance_k=white,
                   tint=s.tint, lens_effects=s.lens_effects)


def apply_exposure(scene: bpy.types.Scene) -> dict:
    """The panel's exposure on the scene at once: no new metering (the last meter
    reading is kept; `aisets.apply_hour` or a render meters again)."""
    from .scene.render import expose_camera, render_block, set_scene_request

    set_scene_request(scene, panel_request(scene), scene.ai_sets_scout.zebras)
    last = render_block(scene)
    metered = last.get("metered_ev", scene.view_settings.exposure)
    world = scene.world.get("ai_sets_sun_elevation_deg", 45.0) if scene.world else 45.0
    elevation = last.get("sun_elevation_deg", world)
    block = expose_camera(scene, metered, elevation)
    if scene.ai_sets_scout.false_colour:
        show_false_colour(scene, True)
    return block


FALSE_COLOUR_VIEWS = ("AgX False Color", "False Color")


def show_false_colour(scene: bpy.types.Scene, on: bool) -> None:
    """Blender's own False Color view transform in the viewport and renders (on), or
    back to AgX with the look the exposure chose."""
    from .scene.render import render_block

    view = scene.view_settings
    if not on:
        view.view_transform = "AgX"
        look = render_block(scene).get("look", {}).get("look", "None")
        try:
            view.look = look
        except TypeError:
            view.look = "None"
        return
    for name in FALSE_COLOUR_VIEWS:
        try:
            view.view_transform = name
            return
        except TypeError:
            continue


def scout_camera(scene: bpy.types.Scene) -> bpy.types.Object:
    """The scout's own camera (a user object: regenerating the set keeps it), made
    active; created at the current camera's place the first time."""
    obj = bpy.data.objects.get(SCOUT_CAMERA)
    if obj is None or obj.type != "CAMERA":
        obj = bpy.data.objects.new(SCOUT_CAMERA, bpy.data.cameras.new(SCOUT_CAMERA))
        obj.data.clip_start, obj.data.clip_end = 0.05, 5000.0
        if scene.camera is not None:
            obj.matrix_world = scene.camera.matrix_world.copy()
    if scene.collection not in obj.users_collection and not any(
            c in scene.collection.children_recursive for c in obj.users_collection):
        scene.collection.objects.link(obj)
    scene.camera = obj
    return obj


def sync_panel(scene: bpy.types.Scene, package: dict) -> None:
    """Show a recalled package in the panel without re-applying it on every field."""
    s = scene.ai_sets_scout
    values = {"body": package["body"], "squeeze": f"{float(package['squeeze']):g}",
              "frame_line": package["frame_line"] or "NONE",
              "zoom": package.get("zoom") or "NONE", "focus_m": package["focus_distance_m"],
              "t_stop": package["t_stop"] or s.t_stop}
    prime = f"{float(package['lens_mm']):g}"
    if prime in {f"{mm:g}" for mm in cameras.PRIMES_MM}:
        values["prime"] = prime
    values["focal_mm"] = float(package["lens_mm"])
    for key, value in values.items():
        # IDProperty writes skip the update callbacks (the camera is already set).
        s[key] = _enum_index(s, key, value) if isinstance(value, str) else value


def _enum_index(settings, key: str, value: str) -> int:
    items = settings.bl_rna.properties[key].enum_items
    return next(i.value for i in items if i.identifier == value)


__all__ = ["apply_exposure", "apply_to_active", "package_of", "panel_package", "panel_request",
           "scout_camera", "show_false_colour", "sync_panel"]
