"""aisets.generate_set in background mode: synchronous, reports, one set at a time."""

from __future__ import annotations

import bpy
import pytest


def _prepare_small(scene):
    scene.ai_sets.texture_size = "512"
    scene.ai_sets.hdri_width = "1024"


def test_generate_builds_a_set_from_the_panel_settings(addon, empty_scene):
    _prepare_small(empty_scene)
    empty_scene.ai_sets.prompt = "a concrete room at noon"
    empty_scene.ai_sets.seed = 3
    assert bpy.ops.aisets.generate_set() == {"FINISHED"}
    name = empty_scene.ai_sets.last_set
    assert name and name in empty_scene.collection.children
    assert empty_scene.camera is not None and empty_scene.world is not None


def test_operator_arguments_override_the_panel(addon, empty_scene):
    _prepare_small(empty_scene)
    assert bpy.ops.aisets.generate_set(prompt="un entrepôt la nuit", seed=7) == {"FINISHED"}
    assert "7" in empty_scene.ai_sets.last_set


def test_empty_prompt_is_refused_and_changes_nothing(addon, empty_scene):
    _prepare_small(empty_scene)
    before = len(bpy.data.objects)
    with pytest.raises(RuntimeError, match="(?i)prompt|describe"):
        bpy.ops.aisets.generate_set(prompt="   ")
    assert len(bpy.data.objects) == before


def test_remove_set_clears_everything_it_made(addon, empty_scene):
    _prepare_small(empty_scene)
    bpy.ops.aisets.generate_set(prompt="a small room", seed=1)
    assert bpy.ops.aisets.remove_set() == {"FINISHED"}
    assert not [o for o in bpy.data.objects if o.get("ai_sets")]
    assert not [m for m in bpy.data.materials if m.get("ai_sets")]
    assert not [i for i in bpy.data.images if i.get("ai_sets")]
