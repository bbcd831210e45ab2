"""Painting a real set folder (schema 1, written by prepare_set): the adapter, glass
left unpainted, the round trip on the set's own atlases, the albedo reference, and a
manifest that still verifies after painting."""

from __future__ import annotations

import json

import numpy as np
import pytest

from ai_sets_addon import cli
from ai_sets_addon.ai.paint import PaintOptions, TestPainter, paint_set
from ai_sets_addon.ai.paint.arrays import paint_input
from ai_sets_addon.ai.paint.bake import reproject
from ai_sets_addon.ai.paint.view_camera import ViewCamera
from ai_sets_addon.ai.paint.views import WorldMesh, cast_view
from ai_sets_addon.generation.prepare import BuildOptions, prepare_set
from ai_sets_addon.setfile import verify
from ai_sets_addon.setfile.folder import write_manifest

RES = (96, 64)


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    folder = tmp_path_factory.mktemp("room") / "set"
    prepare_set("a concrete room at noon", 3, folder,
                BuildOptions(texture_size=256, hdri_width=512, texel_density=12.0))
    write_manifest(folder, {"prompt": "a concrete room at noon"})
    return folder


def test_set_folder_adapter(room) -> None:
    scene, albedo = paint_input(room, None, RES)
    assert scene.prompt == "a concrete room at noon" and scene.texel_density == 12.0
    assert len(scene.cameras) >= 2 and scene.resolution == RES
    glass = [p for p in scene.parts if "Glass" in p.name]
    assert glass and not any(p.paintable for p in glass)
    assert all(0.0 < v <= 1.0 for v in albedo.values()) and "Walls" in albedo


def test_round_trip_on_the_sets_own_atlases(room) -> None:
    scene, _ = paint_input(room, None, RES)
    scene.cameras = scene.cameras[:1]
    result = paint_set(scene, TestPainter(), PaintOptions("x"))
    view = cast_view(WorldMesh.build(scene), ViewCamera.from_plan(scene.cameras[0], *RES))
    colour, coverage = reproject(scene, view, list(zip(result.colour, result.coverage)))
    ok = [i for i, p in enumerate(scene.parts) if p.paintable and not p.instances]
    mask = view.hit & np.isin(view.part, ok) & (coverage[..., 0] > 0.5)
    assert mask.sum() > 0.3 * view.hit.sum()
    mse = np.mean((colour[mask] - TestPainter.pattern(0, *RES)[mask]) ** 2)
    assert 10 * np.log10(1.0 / mse) >= 30.0


def test_paint_cli_on_a_set_keeps_its_manifest_true(room) -> None:
    assert verify(room) == []
    assert cli.main(["paint", str(room), "--painter", "test", "--resolution", "96x64"]) == 0
    data = json.loads((room / "paint" / "paint.json").read_text())
    assert data["prompt"] == "a concrete room at noon"
    assert data["parts"]["Walls"]["coverage"] > 0
    assert "Window Glass" in data["unpainted_parts"] and "Window Glass" not in data["parts"]
    assert data["options"]["albedo_reference"]["Walls"] > 0
    assert verify(room) == []                       # paint/ listed in the manifest
    assert not list(room.parent.glob(".set.paint-*"))


def test_the_painted_scene_state_lands_in_the_set_folder(tmp_path):
    """What was painted (moved props, extra occluders, the cameras used) is part of the
    set's painting revision: paint/scene.npz, listed in paint.json and the manifest."""
    import json

    from ai_sets_addon.ai.paint.arrays import load_scene
    from ai_sets_addon.ai.paint.output import PAINT_DIR, SCENE_NPZ, write_paint
    from ai_sets_addon.ai.paint.loop import paint_set
    from ai_sets_addon.ai.paint import PaintOptions, TestPainter
    from ai_sets_addon.ai.paint.testset import demo_scene
    from ai_sets_addon.setfile.folder import write_manifest
    from ai_sets_addon.setfile import verify

    folder = tmp_path / "set"
    folder.mkdir()
    (folder / "set.json").write_text("{}")
    write_manifest(folder, {"prompt": "boxes"})
    scene = demo_scene(density_px_per_m=16.0, cameras=2)
    scene.resolution = (64, 48)
    result = paint_set(scene, TestPainter(), PaintOptions(prompt="boxes", seed=1))
    write_paint(folder, scene, result, {"prompt": "boxes"})
    saved = load_scene(folder / PAINT_DIR / SCENE_NPZ)
    assert [c.name for c in saved.cameras] == [c.name for c in scene.cameras]
    assert SCENE_NPZ in json.loads((folder / PAINT_DIR / "paint.json").read_text())["files"]
    assert verify(folder) == []
