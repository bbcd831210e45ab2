"""The scene layer: a set built all-or-nothing, replaced without leaks."""

from __future__ import annotations

import math

import bpy
import numpy as np
import pytest

from ai_sets_addon.generation.prepare import BuildOptions
from ai_sets_addon.blender.scene import builder, objects
from ai_sets_addon.blender.scene.builder import apply_to_scene

SMALL = BuildOptions(texture_size=256, hdri_width=512)
COUNTED = ("objects", "collections", "meshes", "materials", "images", "lights", "cameras",
           "worlds", "node_groups")


def counts() -> dict[str, int]:
    return {kind: len(getattr(bpy.data, kind)) for kind in COUNTED}


@pytest.fixture(scope="module")
def prepared(tmp_path_factory, set_document):
    """Two different sets (seed 1 at noon, seed 2 at night with fog), prepared once."""
    root = tmp_path_factory.mktemp("assets")
    return [set_document("a concrete room at noon", 1, root / "a", SMALL),
            set_document("une chambre la nuit avec du brouillard", 2, root / "b", SMALL)]


def test_set_lands_in_one_tidy_collection(empty_scene, prepared):
    result = apply_to_scene(prepared[0], empty_scene, meter=False)
    root = result.collection
    assert root.name == prepared[0].plan.name
    assert root.name in empty_scene.collection.children
    assert {c.name.split(" | ")[-1] for c in root.children} == set(builder.GROUPS)
    from ai_sets_addon.blender.scene.tagging import owned_by
    assert not [b.name for b in owned_by() if "(building)" in b.name]
    meshes = [o for o in root.all_objects if o.type == "MESH"]
    assert len(meshes) >= 10
    for obj in meshes:
        mat = obj.data.materials[0]
        assert mat is not None, obj.name
        if mat.node_tree.nodes.get("Principled BSDF") or any(
                n.type == "TEX_IMAGE" for n in mat.node_tree.nodes):
            images = [n.image for n in mat.node_tree.nodes if n.type == "TEX_IMAGE"]
            assert all(img is not None and img.has_data or img.filepath for img in images)


def test_world_sun_and_camera_are_wired(empty_scene, prepared):
    result = apply_to_scene(prepared[0], empty_scene, meter=False)
    world = empty_scene.world
    assert world is not None and any(n.type == "TEX_ENVIRONMENT" for n in world.node_tree.nodes)
    sun = result.sun
    assert sun.type == "LIGHT" and sun.data.type == "SUN"
    assert sun.data.energy > 0
    assert math.degrees(sun.data.angle) == pytest.approx(0.53, abs=0.01)
    cam = empty_scene.camera
    assert cam is not None and cam.data.lens in (24.0, 35.0, 50.0, 85.0)
    assert cam.data.sensor_width == pytest.approx(24.89)


def test_regenerating_twenty_times_leaves_no_orphans(empty_scene, prepared):
    apply_to_scene(prepared[0], empty_scene, meter=False)
    apply_to_scene(prepared[1], empty_scene, meter=False)
    baseline = counts()
    for index in range(20):
        apply_to_scene(prepared[index % 2], empty_scene, meter=False)
    assert counts() == baseline
    assert sum(1 for c in empty_scene.collection.children if c.get("ai_sets")) == 1


def test_a_failure_midway_leaves_the_scene_as_it_was(empty_scene, prepared, monkeypatch):
    first = apply_to_scene(prepared[0], empty_scene, meter=False)
    before, world, camera = counts(), empty_scene.world, empty_scene.camera

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(objects, "camera_object", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        apply_to_scene(prepared[1], empty_scene, meter=False)
    assert counts() == before
    assert empty_scene.world == world and empty_scene.camera == camera
    assert first.collection.name in empty_scene.collection.children


def test_user_objects_survive_regeneration(empty_scene, prepared):
    mesh = bpy.data.meshes.new("MyProp")
    mine = bpy.data.objects.new("MyProp", mesh)
    empty_scene.collection.objects.link(mine)
    apply_to_scene(prepared[0], empty_scene, meter=False)
    apply_to_scene(prepared[1], empty_scene, meter=False)
    assert bpy.data.objects.get("MyProp") is mine


def _exposed_luma(scene, tmp_path, name: str) -> float:
    """Mean display brightness (0..1) of a tiny render with the metered exposure."""
    from ai_sets_addon.core.fileio import read_png
    from ai_sets_addon.blender.scene.render import render_still

    png = render_still(scene, tmp_path / f"{name}.png", (64, 36), 8)
    return float(read_png(png).astype(float).mean() / 255.0)


def test_meter_gives_a_finite_exposure_and_night_reads_darker(empty_scene, prepared,
                                                              tmp_path):
    day = apply_to_scene(prepared[0], empty_scene).exposure
    assert math.isfinite(day) and -16 < day < 16
    assert empty_scene.view_settings.exposure == pytest.approx(day)
    day_luma = _exposed_luma(empty_scene, tmp_path, "day")
    night = apply_to_scene(prepared[1], empty_scene).exposure
    assert math.isfinite(night) and empty_scene.view_settings.exposure == pytest.approx(night)
    night_luma = _exposed_luma(empty_scene, tmp_path, "night")
    assert night_luma < 0.8 * day_luma, (day_luma, night_luma)


def _fingerprint(collection) -> list:
    """What a set is made of: objects, transforms, mesh data, materials, lights."""
    import hashlib

    import numpy as np

    rows = []
    for obj in sorted(collection.all_objects, key=lambda o: o.name):
        row = [obj.name, obj.type, [round(v, 5) for col in obj.matrix_basis for v in col]]
        if obj.type == "MESH":
            co = np.empty(len(obj.data.vertices) * 3, np.float32)
            obj.data.vertices.foreach_get("co", co)
            row += [hashlib.sha256(co.tobytes()).hexdigest(), [m.name for m in obj.data.materials]]
        elif obj.type == "LIGHT":
            row += [obj.data.type, round(obj.data.energy, 4)]
        rows.append(row)
    return rows


def test_same_prepared_set_builds_the_same_scene(empty_scene, prepared):
    first = _fingerprint(apply_to_scene(prepared[0], empty_scene, meter=False).collection)
    second = _fingerprint(apply_to_scene(prepared[0], empty_scene, meter=False).collection)
    assert first == second and len(first) > 10


def test_every_mesh_has_tiled_and_atlas_uv_maps(empty_scene, prepared):
    from ai_sets_addon.blender.scene.objects import ATLAS_UV

    result = apply_to_scene(prepared[0], empty_scene, meter=False)
    meshes = {o.data for o in result.collection.all_objects if o.type == "MESH"
              and o.name != "Atmosphere"}
    for mesh in meshes:
        assert [uv.name for uv in mesh.uv_layers] == ["UVMap", ATLAS_UV], mesh.name
        atlas = np.empty(len(mesh.loops) * 2, np.float32)
        mesh.uv_layers[ATLAS_UV].data.foreach_get("uv", atlas)
        assert atlas.min() >= 0.0 and atlas.max() <= 1.0, mesh.name


def test_weathering_masks_reach_the_mesh_the_shader_reads(empty_scene, prepared):
    from ai_sets_addon.blender.scene.materials import STREAK_ATTRIBUTE

    apply_to_scene(prepared[0], empty_scene, meter=False)
    walls = bpy.data.objects["Walls"].data
    attribute = walls.attributes.get(STREAK_ATTRIBUTE)
    assert attribute is not None and attribute.domain == "POINT"
    values = [d.value for d in attribute.data]
    assert max(values) == pytest.approx(1.0) and min(values) == 0.0
