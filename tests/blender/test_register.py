"""register()/unregister() of the add-on leave Blender exactly as they found it.

Blender calls them on every enable/disable and on reload; a class left registered or
a property left on Scene breaks the next enable, so the cycle is run twice.
"""

from __future__ import annotations

import bpy

OPERATOR = "AISETS_OT_generate_set"  # bpy.ops.aisets.generate_set
SIDEBAR_TAB = "AI Sets"


def registered_type_names() -> set[str]:
    """Names of every class registered in Blender (operators, panels, property groups...)."""
    return set(dir(bpy.types))


def addon_panels(names: set[str]) -> list[type]:
    return [getattr(bpy.types, n) for n in sorted(names) if n.startswith("AISETS_PT_")]


def test_register_adds_operator_panels_and_scene_settings(addon_lifecycle) -> None:
    baseline = registered_type_names()
    addon_lifecycle.register()
    added = registered_type_names() - baseline
    assert OPERATOR in added
    assert bpy.ops.aisets.generate_set.idname() == OPERATOR  # reachable as bpy.ops.aisets.*
    panels = addon_panels(added)
    assert panels, f"no AISETS_PT_* panel registered; added: {sorted(added)}"
    assert any(getattr(p, "bl_category", None) == SIDEBAR_TAB
               and p.bl_space_type == "VIEW_3D" for p in panels), "no 'AI Sets' sidebar tab"
    settings = bpy.context.scene.ai_sets
    assert hasattr(settings, "prompt") and hasattr(settings, "seed")


def test_unregister_removes_everything(addon_lifecycle) -> None:
    baseline = registered_type_names()
    addon_lifecycle.register()
    addon_lifecycle.unregister()
    assert registered_type_names() == baseline
    assert not hasattr(bpy.types.Scene, "ai_sets")


def test_register_unregister_twice(addon_lifecycle) -> None:
    baseline = registered_type_names()
    for cycle in range(2):
        addon_lifecycle.register()
        assert OPERATOR in registered_type_names(), f"cycle {cycle}: operator missing"
        addon_lifecycle.unregister()
        leftovers = registered_type_names() - baseline
        assert not leftovers, f"cycle {cycle}: still registered after unregister: {leftovers}"
