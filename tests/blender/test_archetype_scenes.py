"""Archetype sets in Blender: instanced props, smooth parts, practicals, shader-only
materials, a clean regenerate, and a tiny render that is neither black nor blown."""

from __future__ import annotations

import bpy
import numpy as np
import pytest

from ai_sets_addon.generation.prepare import BuildOptions

from ai_sets_addon.generation.materials.shader_only import describe_shader_material
from ai_sets_addon.model.plan import SHADER_FAMILIES, MaterialRequest
from ai_sets_addon.blender.scene import objects, shaders
from ai_sets_addon.blender.scene.builder import apply_to_scene
from ai_sets_addon.blender.scene.render import render_still

SMALL = BuildOptions(texture_size=256, hdri_width=512)


@pytest.fixture(scope="module")
def prepared(tmp_path_factory, set_document):
    root = tmp_path_factory.mktemp("archetype_assets")
    return {
        "forest": set_document("une forêt de sapins au matin", 3, root / "forest", SMALL),
        "street": set_document("a city street at night with neon signs", 4, root / "street", SMALL),
        "alley": set_document("une ruelle la nuit", 5, root / "alley", SMALL),
    }


def _instances(scene) -> int:
    depsgraph = bpy.context.evaluated_depsgraph_get()
    depsgraph.update()
    return sum(1 for inst in depsgraph.object_instances if inst.is_instance)


def test_many_props_become_one_geometry_nodes_instancer(empty_scene, prepared):
    plan = prepared["forest"].plan
    result = apply_to_scene(prepared["forest"], empty_scene, meter=False)
    many = [p for p in plan.parts if len(p.instances) >= objects.GN_INSTANCE_MIN]
    assert many
    for part in many:
        scatter = bpy.data.objects[f"{part.name} x{len(part.instances)}"]
        assert scatter.modifiers[0].type == "NODES"
        source = bpy.data.objects[f"{part.name} (source)"]
        assert source.hide_render and source.data.polygons[0].use_smooth == part.smooth
    expected = sum(len(p.instances) for p in many)
    assert _instances(empty_scene) >= expected
    meshes = [o for o in result.collection.all_objects if o.type == "MESH"]
    copies = sum(max(len(p.instances), 1) for p in plan.parts)
    assert len(meshes) < copies / 3               # hundreds of trees, far fewer objects


def test_instancer_places_each_copy_where_the_plan_says(empty_scene, prepared):
    plan = prepared["forest"].plan
    apply_to_scene(prepared["forest"], empty_scene, meter=False)
    part = max(plan.parts, key=lambda p: len(p.instances))
    depsgraph = bpy.context.evaluated_depsgraph_get()
    source = bpy.data.objects[f"{part.name} (source)"]
    found = [np.array(inst.matrix_world) for inst in depsgraph.object_instances
             if inst.is_instance and inst.object.original == source]
    expected = np.array(part.instances)
    assert len(found) == len(expected)
    got = np.array(sorted(m[:3, 3].round(3).tolist() for m in found))
    want = np.array(sorted(m[:3, 3].round(3).tolist() for m in expected))
    assert np.allclose(got, want, atol=1e-3)


def test_night_street_has_practicals_neon_and_named_shots(empty_scene, prepared):
    result = apply_to_scene(prepared["street"], empty_scene, meter=False)
    lights = [o for o in result.collection.all_objects if o.type == "LIGHT" and o.data.type != "SUN"]
    assert any(o.name.startswith("Street Lamp") and o.data.type == "SPOT" for o in lights)
    assert any(o.name.startswith("Neon Sign") and o.data.type == "AREA" for o in lights)
    cams = [o for o in result.collection.all_objects if o.type == "CAMERA"]
    assert len(cams) >= 3 and all(o.name.startswith("CAM_") for o in cams)
    assert {o["ai_sets_shot"] for o in cams} >= {"wide", "medium", "reverse"}
    neon = [m for m in bpy.data.materials if "| neon_" in m.name]
    assert neon and all(any(n.type == "EMISSION" for n in m.node_tree.nodes) for m in neon)


def test_every_shader_family_builds(empty_scene):
    for family in SHADER_FAMILIES:
        desc = describe_shader_material(MaterialRequest(family, family, colour="red"))
        mat = shaders.shader_material(desc, "test set")
        assert mat.node_tree.nodes.get("Material Output") is not None, family
        bpy.data.materials.remove(mat)


def test_regenerating_archetypes_leaves_no_orphans(empty_scene, prepared):
    kinds = ("objects", "meshes", "materials", "node_groups", "lights", "cameras", "collections")
    apply_to_scene(prepared["forest"], empty_scene, meter=False)
    apply_to_scene(prepared["street"], empty_scene, meter=False)
    baseline = {k: len(getattr(bpy.data, k)) for k in kinds}
    for k in range(4):
        apply_to_scene(prepared["forest" if k % 2 == 0 else "street"], empty_scene, meter=False)
    assert {k: len(getattr(bpy.data, k)) for k in kinds} == baseline


def test_a_night_alley_renders_exposed(empty_scene, prepared, tmp_path):
    apply_to_scene(prepared["alley"], empty_scene)
    out = render_still(empty_scene, tmp_path / "alley.png", (160, 90), 4)
    image = bpy.data.images.load(str(out))
    pixels = np.array(image.pixels[:]).reshape(90, 160, 4)[..., :3]
    bpy.data.images.remove(image)
    assert 0.04 < pixels.mean() < 0.8
    assert np.mean(np.all(pixels > 0.995, axis=-1)) < 0.05
