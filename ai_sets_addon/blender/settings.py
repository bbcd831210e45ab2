"""The studio-wide defaults a scene's settings defer to, read from Blender's data.

The add-on preferences live in the registration layer (`preferences.py`); the adapter
code reads their values here, through Blender's own data, so nothing below the
registration layer imports it.
"""

from __future__ import annotations

import bpy

from ..core import limits

ADDON = __package__.rsplit(".", 1)[0]          # the add-on's package name in Blender
DEFAULTS = {"texture_size": "1024", "hdri_width": "2048", "keep_sets": 10}
# The menus' choices come from core/limits.py, like the CLI's and the job file's ranges.
TEXTURE_SIZES = limits.TEXTURE_SIZE.enum_items(lambda s: f"{s} px", lambda s: f"{s}x{s} texture maps")
HDRI_WIDTHS = limits.HDRI_WIDTH.enum_items(lambda w: f"{w // 1024}K" if w >= 1024 else str(w),
                                           lambda w: f"{w}x{w // 2} sky")
# A scene setting that defers to the add-on preferences (the studio-wide default).
FROM_PREFS = ("PREFS", "Default", "Use the size set in the add-on preferences")


def addon_preferences():
    """The add-on's preferences, or None when it runs as a plain module (headless)."""
    addon = bpy.context.preferences.addons.get(ADDON)
    return addon.preferences if addon else None


def size_setting(scene_value: str, name: str) -> int:
    """A scene's texture size or HDRI width, falling back to the preferences' default."""
    if scene_value != FROM_PREFS[0]:
        return int(scene_value)
    prefs = addon_preferences()
    return int(getattr(prefs, name) if prefs else DEFAULTS[name])
