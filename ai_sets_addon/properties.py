"""Saved settings on the Scene; live job state on the WindowManager (not saved)."""

from __future__ import annotations

import bpy

from .core import limits
from .blender.settings import FROM_PREFS, HDRI_WIDTHS, TEXTURE_SIZES
from .blender import scout_properties


BACKENDS = [("procedural", "Procedural", "Built from the words, no model, no GPU"),
            ("diffusers", "Diffusers", "A local diffusion model (the Paint panel's model); "
                                       "runs headless with `ai-sets build`")]


class AISETS_SceneSettings(bpy.types.PropertyGroup):
    prompt: bpy.props.StringProperty(
        name="Prompt", default="a concrete room at noon",
        description="Describe the place, in English or French: place, materials, time "
                    "of day, weather, atmosphere")
    seed: bpy.props.IntProperty(name="Seed", default=0, min=int(limits.SEED.lo), max=int(limits.SEED.hi),
                                description="Same prompt and seed give the same set")
    texture_size: bpy.props.EnumProperty(name="Textures", items=[FROM_PREFS] + TEXTURE_SIZES,
                                         default=FROM_PREFS[0])
    hdri_width: bpy.props.EnumProperty(name="Sky", items=[FROM_PREFS] + HDRI_WIDTHS,
                                       default=FROM_PREFS[0])
    material_backend: bpy.props.EnumProperty(
        name="Materials", items=BACKENDS, default="procedural",
        description="How the material maps are made (Diffusers: the Paint panel's model)")
    sky_backend: bpy.props.EnumProperty(
        name="Sky Source", items=BACKENDS, default="procedural",
        description="How the sky is made (Diffusers: an AI panorama lifted to HDR)")
    last_set: bpy.props.StringProperty(name="Last Set", default="")
    last_folder: bpy.props.StringProperty(name="Files", default="", subtype="DIR_PATH")
    last_notices: bpy.props.StringProperty(name="Notices", default="")
    sky: bpy.props.PointerProperty(type=AISETS_SkySettings)


CLOUD_COVERS = [(k, k.title(), f"{k} sky") for k in
                ("clear", "few", "scattered", "broken", "overcast", "stormy")]


class AISETS_SkySettings(bpy.types.PropertyGroup):
    """The scout's sky controls: a real place and time, or just an hour."""

    hour: bpy.props.FloatProperty(name="Time", default=15.0, min=0.0, max=24.0,
                                  subtype="TIME_ABSOLUTE", unit="TIME_ABSOLUTE",
                                  description="Local solar clock time (hours)")
    use_place: bpy.props.BoolProperty(
        name="Real Place and Date", default=True,
        description="Put the sun where it really is at this place, date and time")
    date: bpy.props.StringProperty(name="Date", default="2026-06-21",
                                   description="YYYY-MM-DD")
    utc_offset: bpy.props.FloatProperty(name="UTC Offset", default=2.0, min=-12.0, max=14.0,
                                        description="Time zone of the clock time, in hours")
    latitude: bpy.props.FloatProperty(name="Latitude", default=48.8566, min=-90.0, max=90.0)
    longitude: bpy.props.FloatProperty(name="Longitude", default=2.3522, min=-180.0,
                                       max=180.0)
    north_offset: bpy.props.FloatProperty(name="North", default=0.0, min=-180.0, max=180.0,
                                          description="Rotate the set against north (degrees)")
    cloud_cover: bpy.props.EnumProperty(name="Clouds", items=CLOUD_COVERS, default="few")
    haze: bpy.props.FloatProperty(name="Haze", default=0.1, min=0.0, max=1.0,
                                  subtype="FACTOR")
    seed: bpy.props.IntProperty(name="Sky Seed", default=0, min=0, max=2**31 - 1)
    keep_sun_disc: bpy.props.BoolProperty(
        name="Sun Disc in HDRI", default=False,
        description="Keep the sun in the sky image (for other renderers); the Sun lamp is "
                    "then set to zero so the sun is not counted twice")
    city_glow: bpy.props.FloatProperty(name="City Glow", default=0.0, min=0.0, max=1.0,
                                       subtype="FACTOR",
                                       description="Light pollution on the night horizon")


class AISETS_JobState(bpy.types.PropertyGroup):
    running: bpy.props.BoolProperty(default=False)
    progress: bpy.props.FloatProperty(default=0.0, min=0.0, max=1.0, subtype="FACTOR")
    message: bpy.props.StringProperty(default="")


CLASSES = (AISETS_SkySettings, AISETS_SceneSettings, AISETS_JobState)


def register() -> None:
    for cls in CLASSES:
        bpy.utils.register_class(cls)
    bpy.types.Scene.ai_sets = bpy.props.PointerProperty(type=AISETS_SceneSettings)
    bpy.types.WindowManager.ai_sets_job = bpy.props.PointerProperty(type=AISETS_JobState)
    scout_properties.register()


def unregister() -> None:
    scout_properties.unregister()
    del bpy.types.WindowManager.ai_sets_job
    del bpy.types.Scene.ai_sets
    for cls in reversed(CLASSES):
        bpy.utils.unregister_class(cls)
