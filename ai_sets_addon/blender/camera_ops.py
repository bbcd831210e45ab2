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


__all__ = ["apply_to_active", "package_of", "panel_package", "scout_camera", "sync_panel"]
