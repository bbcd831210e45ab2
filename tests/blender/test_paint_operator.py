"""aisets.paint_from_cameras in background mode with the deterministic test painter
(the worker runs as a subprocess, no model): the scene as it is now is painted, the
paint lands on the set's materials through the `atlas` UV map, the set still verifies,
and a failing worker leaves the scene unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import bpy
import pytest

from ai_sets_addon.operators import paint as paint_op


@pytest.fixture()
def paint_ops(addon):
    """The add-on registers the paint operator, panel and properties itself."""
    assert hasattr(bpy.types.Scene, "ai_sets_paint")
    yield


def _small_set(scene):
    scene.ai_sets.texture_size = "512"
    scene.ai_sets.hdri_width = "1024"
    assert bpy.ops.aisets.generate_set(prompt="a concrete room at noon", seed=3) == {"FINISHED"}
    return Path(scene.ai_sets.last_folder)


def test_paint_from_cameras_with_the_test_painter(paint_ops, empty_scene):
    from ai_sets_addon.setfile import verify

    folder = _small_set(empty_scene)
    empty_scene.render.resolution_x, empty_scene.render.resolution_y = 160, 96
    cams = [o for o in empty_scene.objects if o.type == "CAMERA"]
    for cam in cams[1:]:
        cam.ai_sets_paint = False
    assert bpy.ops.aisets.paint_from_cameras(painter="test") == {"FINISHED"}
    data = json.loads((folder / "paint" / "paint.json").read_text())
    assert data["cameras"] == [cams[0].name] and data["painter"] == "test"
    walls = bpy.data.meshes["Walls"]
    nodes = walls.materials[0].node_tree.nodes
    assert any(n.type == "UVMAP" and n.uv_map == "atlas" for n in nodes)
    assert verify(folder) == []


def test_worker_failure_leaves_the_scene_unchanged(paint_ops, empty_scene, tmp_path,
                                                   monkeypatch):
    _small_set(empty_scene)
    before = {m.name: [s.name for s in m.materials] for m in bpy.data.meshes}
    monkeypatch.setenv("AISETS_AI_PYTHON", str(tmp_path / "no-python"))
    empty_scene.ai_sets_paint.model = str(tmp_path / "no-model")
    with pytest.raises(RuntimeError, match="AI Python"):
        bpy.ops.aisets.paint_from_cameras()
    fake = tmp_path / "python"
    fake.write_text("#!/bin/sh\nexit 3\n")
    fake.chmod(0o755)
    monkeypatch.setenv("AISETS_AI_PYTHON", str(fake))
    with pytest.raises(RuntimeError, match="crashed"):
        bpy.ops.aisets.paint_from_cameras()
    assert {m.name: [s.name for s in m.materials] for m in bpy.data.meshes} == before


def test_paint_from_cameras_with_a_tiny_model_in_the_worker(paint_ops, empty_scene, tmp_path,
                                                           monkeypatch):
    """The real path: the worker process loads a (tiny, random-weight) SD 1.5 + depth
    ControlNet from a local folder and paints; the scene gets the painted materials."""
    pytest.importorskip("diffusers")
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
    import tiny_models

    model = tiny_models.save_sd15(tmp_path / "sd15")
    folder = _small_set(empty_scene)
    monkeypatch.setenv("AISETS_AI_PYTHON", sys.executable)
    settings = empty_scene.ai_sets_paint
    settings.model, settings.steps, settings.view_side = str(model), 2, 128
    for cam in [o for o in empty_scene.objects if o.type == "CAMERA"][1:]:
        cam.ai_sets_paint = False
    empty_scene.render.resolution_x, empty_scene.render.resolution_y = 128, 80
    assert bpy.ops.aisets.paint_from_cameras() == {"FINISHED"}
    data = json.loads((folder / "paint" / "paint.json").read_text())
    assert data["painter"] != "test" and data["steps"] == 2
    assert any(p["coverage"] > 0 for p in data["parts"].values())
    assert any("(painted" in m.name for m in bpy.data.materials)
