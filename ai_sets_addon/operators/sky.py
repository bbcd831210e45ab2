"""Update Sky: regenerate only the environment (sky EXR, world, sun, exposure)."""

from __future__ import annotations

from pathlib import Path

import bpy

from ..blender import pipeline
from ..blender.daylight import sky_request
from .. import preferences
from ..core.errors import InputError
from ..model.plan import SkyRequest


class AISETS_OT_update_sky(bpy.types.Operator):
    """Regenerate only the sky, sun and exposure of the current set from the Sky settings"""

    bl_idname = "aisets.update_sky"
    bl_label = "Update Sky"
    bl_options = {"REGISTER", "UNDO"}

    @classmethod
    def poll(cls, context):
        from ..blender.scene.builder import current_set

        return current_set(context.scene) is not None

    def execute(self, context):
        settings = context.scene.ai_sets
        folder = Path(settings.last_folder) if settings.last_folder else None
        if folder is None:
            self.report({"ERROR"}, "generate a set first: the sky belongs to a set")
            return {"CANCELLED"}
        try:
            sky = pipeline.update_sky(context.scene, sky_request(settings),
                                      preferences.size_setting(settings.hdri_width,
                                                               "hdri_width"), folder,
                                      settings.sky.keep_sun_disc, settings.sky.city_glow)
        except (InputError, LookupError) as exc:
            self.report({"ERROR"}, str(exc))
            return {"CANCELLED"}
        self.report({"INFO"}, f"Sun at {sky.sun_elevation_deg:.1f}° elevation, "
                              f"{sky.sun_azimuth_deg:.1f}° azimuth")
        return {"FINISHED"}


CLASSES = (AISETS_OT_update_sky,)
