"""Shuffled families get the anti-repeat graph (two samples per map, a noise switch);
unit layouts keep one sample per map."""

from __future__ import annotations

import pytest

from ai_sets_addon.generation.materials import ProceduralMaterials
from ai_sets_addon.model.plan import MaterialRequest
from ai_sets_addon.blender.scene.materials import build_material


@pytest.fixture(scope="module")
def textures(tmp_path_factory):
    out = tmp_path_factory.mktemp("tex")
    backend = ProceduralMaterials()
    return {f: backend.make_material(MaterialRequest(f, f, seed=1), 64, out)
            for f in ("concrete", "brick")}


def images(mat) -> list:
    return [n for n in mat.node_tree.nodes if n.bl_idname == "ShaderNodeTexImage"]


def test_concrete_samples_every_map_twice_with_a_noise_switch(empty_scene, textures):
    tex = textures["concrete"]
    mat = build_material(tex, "SetS")
    assert len(images(mat)) == 2 * len(tex.maps)
    masks = [n for n in mat.node_tree.nodes if n.label == "tile shuffle mask"]
    assert len(masks) == 1 and masks[0].outputs["Fac"].is_linked
    turns = [n for n in mat.node_tree.nodes if n.bl_idname == "ShaderNodeVectorRotate"]
    assert len(turns) == 2          # the second sample's UVs, and its normal turned back
    bsdf = next(n for n in mat.node_tree.nodes if n.bl_idname == "ShaderNodeBsdfPrincipled")
    assert bsdf.inputs["Base Color"].is_linked and bsdf.inputs["Normal"].is_linked


def test_brick_keeps_one_sample_per_map(empty_scene, textures):
    tex = textures["brick"]
    mat = build_material(tex, "SetS")
    assert len(images(mat)) == len(tex.maps)
