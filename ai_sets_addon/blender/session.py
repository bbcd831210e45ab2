"""The Blender session a headless command runs in: is Blender there, and a clean scene.

Commands (cli/, farm/) call these instead of importing bpy themselves, so that only the
adapter tree, operators, panels and registration ever touch Blender's modules.
"""

from __future__ import annotations

import importlib.util

from ..core.errors import InputError

INSTALL_HINT = "install the bpy module (pip install 'ai-sets[blender]') or run inside blender -b"


def require_bpy(what: str = "this command", hint: str = INSTALL_HINT) -> None:
    """InputError (exit 2) naming what needs Blender when its module is not installed."""
    if importlib.util.find_spec("bpy") is None:
        raise InputError(f"{what} needs Blender: {hint}")


def current_scene():
    import bpy

    return bpy.context.scene


def ensure_scene():
    """A scene to work in (the bpy module may start with none after a factory reset)."""
    import bpy

    if bpy.context.scene is None or not bpy.data.scenes:
        bpy.ops.wm.read_factory_settings(use_empty=True)
    return bpy.context.scene


def fresh_scene() -> None:
    """Empty the startup scene so a headless build holds only the set. Data is removed
    rather than factory settings read, which would disable an installed extension
    when this runs inside `blender -b`."""
    import bpy

    if not bpy.app.background or bpy.data.filepath:
        return
    kinds = ("objects", "collections", "meshes", "materials", "lights", "cameras", "worlds",
             "images", "node_groups")
    bpy.data.batch_remove([block for kind in kinds for block in getattr(bpy.data, kind)])
