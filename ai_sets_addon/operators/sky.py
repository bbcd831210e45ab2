"""Update Sky: regenerate only the environment (sky EXR, world, sun, exposure)."""

from __future__ import annotations

from pathlib import Path

import bpy

from .. import pipeline, preferences
from ..generation.errors import InputError
from ..generation.plan import SkyRequest


def sky_request(settings) -> SkyRequest:
    """Panel controls -> SkyRequest: a real place/date/time, or an hour mapped to a
    time-of-day word when no place is given."""
    from ..generation.prompt import time_for_hour

    sky = settings.sky
    request = SkyRequest(cloud_cover=sky.cloud_cover, haze=sky.haze, seed=sky.seed,
                         north_offset_deg=sky.north_offset,
                         time_of_day=time_for_hour(int(sky.hour) % 24))
    if sky.use_place:
        request.latitude, request.longitude = sky.latitude, sky.longitude
        request.datetime_iso = _iso(sky.date, sky.hour, sky.utc_offset)
    return request


def _iso(date: str, hour: float, utc_offset: float) -> str:
    minutes = int(round(hour * 60)) % (24 * 60)
    sign = "+" if utc_offset >= 0 else "-"
    off = int(round(abs(utc_offset) * 60))
    return f"{date.strip()}T{minutes // 60:02d}:{minutes % 60:02d}:00{sign}{off // 60:02d}:{off % 60:02d}"


class AISETS_OT_update_sky(bpy.types.Operator):
    """Regenerate only the sky, sun and exposure of the current set from the Sky settings"""

    bl_idname = "aisets.update_sky"
    bl_label = "Update Sky"
    bl_options = {"REGISTER", "UNDO"}

    @classmethod
    def poll(cls, context):
        from ..scene.builder import current_set

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
