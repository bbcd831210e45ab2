"""aisets.generate_set in background mode: synchronous, reports, one set at a time."""

from __future__ import annotations

import json
import math
from pathlib import Path

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
    assert bpy.ops.aisets.generate_set(prompt="a small room", seed=1) == {"FINISHED"}
    assert bpy.ops.aisets.remove_set() == {"FINISHED"}
    assert not [o for o in bpy.data.objects if o.get("ai_sets")]
    assert not [m for m in bpy.data.materials if m.get("ai_sets")]
    assert not [i for i in bpy.data.images if i.get("ai_sets")]


def test_update_sky_moves_the_sun_and_keeps_the_set(addon, empty_scene):
    _prepare_small(empty_scene)
    assert bpy.ops.aisets.generate_set(prompt="a room at noon", seed=2) == {"FINISHED"}
    collection = empty_scene.ai_sets.last_set
    objects_before = {o.name for o in bpy.data.objects if o.type != "LIGHT"}
    sky = empty_scene.ai_sets.sky
    sky.use_place, sky.latitude, sky.longitude = True, 48.8566, 2.3522
    sky.date, sky.utc_offset, sky.hour = "2026-06-21", 2.0, 21.5   # Paris, just after sunset
    assert bpy.ops.aisets.update_sky() == {"FINISHED"}
    suns = [o for o in bpy.data.objects if o.type == "LIGHT" and o.data.type == "SUN"]
    assert len(suns) == 1
    to_sun = suns[0].matrix_world.to_3x3().col[2]   # the lamp's +Z points at the sun
    elevation = math.degrees(math.asin(to_sun.z))
    azimuth = math.degrees(math.atan2(to_sun.x, to_sun.y)) % 360
    assert 1.0 < elevation < 6.0          # Paris sets at ~21:58 CEST on the solstice
    assert 295.0 < azimuth < 310.0        # ...in the north-west
    assert {o.name for o in bpy.data.objects if o.type != "LIGHT"} == objects_before
    assert len([w for w in bpy.data.worlds if w.get("ai_sets")]) == 1
    assert empty_scene.ai_sets.last_set == collection


def test_update_sky_rejects_a_bad_date(addon, empty_scene):
    _prepare_small(empty_scene)
    assert bpy.ops.aisets.generate_set(prompt="a room", seed=2) == {"FINISHED"}
    empty_scene.ai_sets.sky.use_place = True
    empty_scene.ai_sets.sky.date = "21/06/2026"
    with pytest.raises(RuntimeError, match="(?i)date|ISO"):
        bpy.ops.aisets.update_sky()


def test_sun_disc_kept_in_the_hdri_turns_the_lamp_off(addon, empty_scene):
    """The sun is never counted twice: disc in the map means a lamp of strength 0."""
    _prepare_small(empty_scene)
    assert bpy.ops.aisets.generate_set(prompt="a room at noon", seed=2) == {"FINISHED"}
    sun = next(o for o in bpy.data.objects if o.type == "LIGHT" and o.data.type == "SUN")
    assert sun.data.energy > 50
    empty_scene.ai_sets.sky.keep_sun_disc = True
    empty_scene.ai_sets.sky.use_place = False
    empty_scene.ai_sets.sky.hour = 12.5
    assert bpy.ops.aisets.update_sky() == {"FINISHED"}
    sun = next(o for o in bpy.data.objects if o.type == "LIGHT" and o.data.type == "SUN")
    assert sun.data.energy == 0.0


def test_generate_publishes_a_whole_set_folder_and_update_sky_revises_it(addon, empty_scene,
                                                                        tmp_path, monkeypatch):
    from ai_sets_addon import preferences
    from ai_sets_addon.setfile import read_set, verify

    # the add-on is loaded as a plain module here (no preferences in Blender's data): the
    # output folder the preferences would give is set where Generate reads it
    monkeypatch.setattr(preferences, "output_root", lambda: tmp_path)
    _prepare_small(empty_scene)
    assert bpy.ops.aisets.generate_set(prompt="a room at noon", seed=5) == {"FINISHED"}
    folder = Path(empty_scene.ai_sets.last_folder)
    assert folder.is_relative_to(tmp_path)            # under the preferences' output folder
    assert verify(folder) == [] and (folder / "set.json").is_file()
    images = [i for i in bpy.data.images if i.get("ai_sets")]
    assert images and all(Path(i.filepath).is_relative_to(folder) for i in images)
    noon = read_set(folder).sky.sun_elevation_deg
    empty_scene.ai_sets.sky.use_place = False
    empty_scene.ai_sets.sky.hour = 19.0
    assert bpy.ops.aisets.update_sky() == {"FINISHED"}
    assert verify(folder) == []
    assert read_set(folder).sky.sun_elevation_deg < noon
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["prompt"] == "a room at noon" and len(manifest["revisions"]) == 1
    world_exr = Path(empty_scene.world["ai_sets_sky_exr"])
    assert world_exr.is_file() and world_exr.is_relative_to(folder)


def test_old_set_folders_are_pruned_but_never_the_one_in_use(tmp_path):
    import os
    import time

    from ai_sets_addon.setfile.folder import write_manifest
    from ai_sets_addon.setfile.retention import prune, set_folders

    for index in range(5):
        folder = tmp_path / f"set_{index}"
        folder.mkdir()
        (folder / "set.json").write_text("{}")
        write_manifest(folder, {"prompt": f"p{index}"})
        os.utime(folder / "manifest.json", (time.time() + index, time.time() + index))
    (tmp_path / "not_a_set").mkdir()
    removed = prune(tmp_path, keep=2, protect={tmp_path / "set_0"})
    assert {p.name for p in removed} == {"set_1", "set_2"}
    assert {p.name for p in set_folders(tmp_path)} == {"set_4", "set_3", "set_0"}
    assert (tmp_path / "not_a_set").is_dir()
