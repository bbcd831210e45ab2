"""MaterialDescription -> Principled material: real-world mapping, shared tagged images, masks."""

from __future__ import annotations

import bpy
import pytest

from ai_sets_addon.generation.materials import ProceduralMaterials
from ai_sets_addon.model.plan import MaterialRequest
from ai_sets_addon.blender.scene.materials import build_material, render_preview
from ai_sets_addon.blender.scene.tagging import TAG


@pytest.fixture(scope="module")
def textures(tmp_path_factory):
    out = tmp_path_factory.mktemp("tex")
    backend = ProceduralMaterials()
    return {
        "wall": backend.make_material(MaterialRequest("wall", "brick", ["old"], seed=1), 64, out),
        "floor": backend.make_material(
            MaterialRequest("floor", "cobblestone", ["wet", "dust"], seed=1), 64, out),
        "metal": backend.make_material(MaterialRequest("metal", "rusted_metal", seed=1), 64, out),
    }


def nodes(mat, kind):
    return [n for n in mat.node_tree.nodes if n.bl_idname == kind]


def test_graph_maps_uv_metres_at_true_scale(empty_scene, textures):
    mat = build_material(textures["wall"], "SetA")
    assert mat[TAG] == "SetA"
    mapping = nodes(mat, "ShaderNodeMapping")[0]
    scale = mapping.inputs["Scale"].default_value
    assert scale[0] == pytest.approx(1 / 1.8) and scale[1] == pytest.approx(1 / 1.8)
    bsdf = nodes(mat, "ShaderNodeBsdfPrincipled")[0]
    for socket in ("Base Color", "Roughness", "Normal"):
        assert bsdf.inputs[socket].is_linked, socket
    normal_map = nodes(mat, "ShaderNodeNormalMap")[0]
    assert normal_map.space == "TANGENT" and normal_map.inputs["Color"].is_linked
    spaces = {n.image.filepath.rsplit("_", 1)[-1]: n.image.colorspace_settings.name
              for n in nodes(mat, "ShaderNodeTexImage")}
    assert spaces.pop("color.png") == "sRGB"
    assert set(spaces.values()) == {"Non-Color"}


def test_images_are_shared_and_tagged(empty_scene, textures):
    a = build_material(textures["wall"], "SetA")
    b = build_material(textures["wall"], "SetA")
    imgs_a = {n.image for n in nodes(a, "ShaderNodeTexImage")}
    imgs_b = {n.image for n in nodes(b, "ShaderNodeTexImage")}
    assert imgs_a == imgs_b and len(imgs_a) == len(textures["wall"].maps)
    assert all(img[TAG] == "SetA" for img in imgs_a)


def test_metallic_map_and_geometry_masks(empty_scene, textures):
    metal = build_material(textures["metal"], "SetA")
    bsdf = nodes(metal, "ShaderNodeBsdfPrincipled")[0]
    assert bsdf.inputs["Metallic"].is_linked
    wet = build_material(textures["floor"], "SetA")
    assert nodes(wet, "ShaderNodeNewGeometry"), "puddles/dust need the geometry normal"
    assert len(nodes(wet, "ShaderNodeMix")) >= 5


def test_streaks_below_openings_read_a_mesh_attribute(empty_scene, textures):
    mat = build_material(textures["wall"], "SetA")          # "old": streaks are on
    attrs = nodes(mat, "ShaderNodeAttribute")
    assert [a.attribute_name for a in attrs] == ["aisets_streaks"]


def test_optional_true_displacement(empty_scene, textures):
    mat = build_material(textures["floor"], "SetA", displacement="true")
    assert mat.displacement_method == "DISPLACEMENT"
    disp = nodes(mat, "ShaderNodeDisplacement")[0]
    assert disp.inputs["Scale"].default_value == pytest.approx(textures["floor"].displacement_m)
    assert build_material(textures["floor"], "SetA").displacement_method == "BUMP"


def test_tiny_preview_render_cleans_up(empty_scene, textures, tmp_path):
    before = {k: len(getattr(bpy.data, k)) for k in ("objects", "meshes", "materials", "scenes")}
    out = render_preview(textures["floor"], tmp_path / "p.png", resolution=(48, 36), samples=2)
    assert out.stat().st_size > 0
    after = {k: len(getattr(bpy.data, k)) for k in before}
    assert after == before


def test_wet_is_a_water_film_on_top_not_a_glossier_material(empty_scene, textures):
    wet = build_material(textures["floor"], "test set")
    dry = build_material(textures["wall"], "test set")
    bsdf = nodes(wet, "ShaderNodeBsdfPrincipled")[0]
    assert bsdf.inputs["Coat Weight"].is_linked
    assert bsdf.inputs["Coat IOR"].default_value == pytest.approx(1.33)
    assert bsdf.inputs["Coat Roughness"].default_value < 0.1
    assert not bsdf.inputs["Coat Normal"].is_linked          # the film is flat
    dry_bsdf = nodes(dry, "ShaderNodeBsdfPrincipled")[0]
    assert not dry_bsdf.inputs["Coat Weight"].is_linked
    assert dry_bsdf.inputs["Coat Weight"].default_value == 0.0


def test_edges_are_bevelled_in_the_shading(empty_scene, textures):
    """Every hard-surface edge catches light: a Bevel node feeds the BSDF normal, and
    it takes the normal map's output so the texture's relief survives."""
    from ai_sets_addon.generation.materials.shader_only import describe_shader_material
    from ai_sets_addon.blender.scene.shaders import shader_material

    wall = build_material(textures["wall"], "SetA")
    bevel = nodes(wall, "ShaderNodeBevel")[0]
    assert bevel.inputs["Radius"].default_value == pytest.approx(0.005)
    assert bevel.inputs["Normal"].is_linked
    bsdf = nodes(wall, "ShaderNodeBsdfPrincipled")[0]
    assert bsdf.inputs["Normal"].links[0].from_node == bevel
    paint = shader_material(describe_shader_material(
        MaterialRequest("rack", "paint", [], "blue", seed=1)), "SetA")
    assert nodes(paint, "ShaderNodeBevel")


@pytest.mark.parametrize("modifiers", [["cards"], ["needles", "dark"], ["fronds"]])
def test_leaf_cards_are_alpha_cut_and_translucent(empty_scene, modifiers):
    """Leaf cards: a Transparent BSDF mixed in by the leaf pattern, light through leaves."""
    from ai_sets_addon.generation.materials.shader_only import describe_shader_material
    from ai_sets_addon.blender.scene.shaders import shader_material

    mat = shader_material(describe_shader_material(
        MaterialRequest("leaves", "foliage", modifiers, "green", seed=1)), "SetA")
    clear = nodes(mat, "ShaderNodeBsdfTransparent")[0]
    cut = clear.outputs["BSDF"].links[0].to_node
    assert cut.bl_idname == "ShaderNodeMixShader" and cut.inputs["Fac"].is_linked
    assert nodes(mat, "ShaderNodeBsdfTranslucent")
    out = nodes(mat, "ShaderNodeOutputMaterial")[0]
    assert out.inputs["Surface"].links[0].from_node == cut
