"""Add-on preferences: defaults for new sets and where their files go."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import bpy

from .blender.settings import DEFAULTS, FROM_PREFS, HDRI_WIDTHS, TEXTURE_SIZES, size_setting  # noqa: F401
from .blender.settings import addon_preferences as get



class AISETS_Preferences(bpy.types.AddonPreferences):
    bl_idname = __package__

    texture_size: bpy.props.EnumProperty(name="Texture Size", items=TEXTURE_SIZES,
                                         default=DEFAULTS["texture_size"])
    hdri_width: bpy.props.EnumProperty(name="HDRI Width", items=HDRI_WIDTHS,
                                       default=DEFAULTS["hdri_width"])
    output_folder: bpy.props.StringProperty(
        name="Output Folder", subtype="DIR_PATH", default="",
        description="Where set textures and skies are written; empty: the extension's "
                    "own user folder")

    keep_sets: bpy.props.IntProperty(
        name="Keep Set Folders", default=DEFAULTS["keep_sets"], min=1, max=1000,
        description="Generate keeps this many of the newest set folders and deletes older "
                    "ones (never the one a scene uses)")

    ai_python: bpy.props.StringProperty(
        name="AI Python", subtype="FILE_PATH", default="",
        description="Python of a virtual environment made with `pip install "
                    "\"ai-sets[ai]\"` (torch, diffusers): the AI worker runs there "
                    "(painting; Generate with Diffusers materials or sky)")

    def draw(self, context):
        layout = self.layout
        layout.prop(self, "ai_python")
        layout.prop(self, "texture_size")
        layout.prop(self, "hdri_width")
        layout.prop(self, "output_folder")
        layout.prop(self, "keep_sets")
        row = layout.row()
        row.label(text=f"Files go to: {output_root()}")
        row.operator("aisets.clean_sets", icon="TRASH")


def ai_python() -> str:
    """The AI worker's interpreter: the preferences, else AISETS_AI_PYTHON (headless
    runs and tests where the add-on is loaded as a plain module)."""
    prefs = get()
    path = prefs.ai_python if prefs and prefs.ai_python else os.environ.get(
        "AISETS_AI_PYTHON", "")
    return bpy.path.abspath(path) if path else ""


def keep_sets() -> int:
    prefs = get()
    return int(prefs.keep_sets if prefs else DEFAULTS["keep_sets"])


def output_root() -> Path:
    """The user's folder if set, else the extension's user data folder (never the
    add-on's own folder, which is replaced on update)."""
    prefs = get()
    if prefs and prefs.output_folder:
        return Path(bpy.path.abspath(prefs.output_folder))
    try:
        return Path(bpy.utils.extension_path_user(__package__, path="sets", create=True))
    except (ValueError, AttributeError):  # loaded as a plain module, not an extension
        return Path(tempfile.gettempdir()) / "ai_sets" / "sets"


def register() -> None:
    bpy.utils.register_class(AISETS_Preferences)


def unregister() -> None:
    bpy.utils.unregister_class(AISETS_Preferences)
