"""Saved settings on the Scene; live job state on the WindowManager (not saved)."""

from __future__ import annotations

import bpy

from .preferences import HDRI_WIDTHS, TEXTURE_SIZES


class AISETS_SceneSettings(bpy.types.PropertyGroup):
    prompt: bpy.props.StringProperty(
        name="Prompt", default="a concrete room at noon",
        description="Describe the place, in English or French: place, materials, time "
                    "of day, weather, atmosphere")
    seed: bpy.props.IntProperty(name="Seed", default=0, min=0, max=2**31 - 1,
                                description="Same prompt and seed give the same set")
    texture_size: bpy.props.EnumProperty(name="Textures", items=TEXTURE_SIZES, default="1024")
    hdri_width: bpy.props.EnumProperty(name="Sky", items=HDRI_WIDTHS, default="2048")
    last_set: bpy.props.StringProperty(name="Last Set", default="")
    last_folder: bpy.props.StringProperty(name="Files", default="", subtype="DIR_PATH")
    last_notices: bpy.props.StringProperty(name="Notices", default="")


class AISETS_JobState(bpy.types.PropertyGroup):
    running: bpy.props.BoolProperty(default=False)
    progress: bpy.props.FloatProperty(default=0.0, min=0.0, max=1.0, subtype="FACTOR")
    message: bpy.props.StringProperty(default="")


CLASSES = (AISETS_SceneSettings, AISETS_JobState)


def register() -> None:
    for cls in CLASSES:
        bpy.utils.register_class(cls)
    bpy.types.Scene.ai_sets = bpy.props.PointerProperty(type=AISETS_SceneSettings)
    bpy.types.WindowManager.ai_sets_job = bpy.props.PointerProperty(type=AISETS_JobState)


def unregister() -> None:
    del bpy.types.WindowManager.ai_sets_job
    del bpy.types.Scene.ai_sets
    for cls in reversed(CLASSES):
        bpy.utils.unregister_class(cls)
