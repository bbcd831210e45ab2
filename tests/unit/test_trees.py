"""Vegetation: species trees have branches and leaf cards, cards carry an alpha pattern."""

from __future__ import annotations

import numpy as np
import pytest

from ai_sets_addon.generation.archetypes import common
from ai_sets_addon.generation.materials.shader_only import describe_shader_material
from ai_sets_addon.generation.mesh import cards, sweep
from ai_sets_addon.model.plan import MaterialRequest
from ai_sets_addon.generation.props import trees


@pytest.mark.parametrize("species,height", [("oak", 10.0), ("birch", 13.0), ("pine", 15.0),
                                            ("street_tree", 8.0)])
def test_species_branch_and_carry_leaf_cards(species, height):
    rng = np.random.default_rng(1)
    sk = trees.grow(rng, trees.SPECIES[species], height)
    depths = {d for _, _, d in sk.branches}
    assert depths == set(range(len(trees.SPECIES[species].levels) + 1))   # every order grew
    assert len(sk.branches) > 30
    model = trees.tree(np.random.default_rng(1), species, height)
    bark, leaves = model.pieces
    assert bark.smooth and bark.material in ("bark", "birch_bark")
    assert leaves.material in ("leaves", "needles") and len(leaves.mesh.faces) >= 400
    assert len(leaves.mesh.faces) == 2 * len(leaves.mesh.vertices) // 4     # flat quads
    top = model.bounds()[5]
    assert 0.7 * height < top < 1.25 * height


def test_winter_broadleaves_are_bare():
    model = trees.tree(np.random.default_rng(2), "oak", 10.0, leaves=False)
    assert [p.material for p in model.pieces] == ["bark"]


def test_palm_shrub_and_grass():
    rng = np.random.default_rng(3)
    palm = trees.palm(rng, 9.0)
    assert {p.material for p in palm.pieces} == {"bark", "fronds"}
    assert all(p.smooth for p in palm.pieces)
    shrub = trees.shrub(rng, 1.4)
    assert {p.material for p in shrub.pieces} == {"bark", "leaves"}
    grass = trees.grass_tuft(rng)
    assert grass.pieces[0].smooth and grass.bounds()[5] < 0.6


def test_trees_are_reproducible_from_their_stream():
    a = trees.tree(np.random.default_rng(7), "pine", 14.0)
    b = trees.tree(np.random.default_rng(7), "pine", 14.0)
    assert np.array_equal(a.pieces[1].mesh.vertices, b.pieces[1].mesh.vertices)


def test_sweep_is_one_smooth_closed_ring_tube():
    pts = np.array([[0, 0, 0], [0, 0, 1], [0.4, 0, 2]], float)
    tube = sweep(pts, [0.2, 0.15, 0.05], 8)
    assert len(tube.faces) == 2 * 8 * 2
    centre = np.array([0.0, 0.0, 0.5])
    fn = tube.face_normals[:16]
    assert (np.einsum("ij,ij->i", fn, tube.triangles_center[:16] - centre) > 0).all()
    batch = sweep(np.stack([pts, pts + 1]), np.ones((2, 3)) * 0.1, 6)
    assert len(batch.faces) == 2 * len(sweep(pts, np.ones(3) * 0.1, 6).faces)


def test_cards_face_their_normals_with_centred_metre_uvs():
    quad = cards([[1.0, 2.0, 3.0]], [[0.0, 0.0, 1.0]], [[0.0, 1.0, 0.0]], 0.6, 0.4)
    assert np.allclose(quad.face_normals, [0, 0, 1])
    assert np.allclose(np.abs(quad.visual.uv), [0.3, 0.2])
    assert np.allclose(quad.vertices.mean(axis=0), [1, 2, 3])


@pytest.mark.parametrize("key,pattern", [("leaves", "leaf"), ("needles", "needle"),
                                         ("fronds", "frond")])
def test_leaf_materials_have_an_alpha_pattern(key, pattern):
    family, colour = common.PROP_SLOTS[key]
    request = MaterialRequest(key, family, list(common.SLOT_MODIFIERS[key]), colour, seed=1)
    params = describe_shader_material(request).params
    assert params["pattern"] == pattern and params["alpha_mode"] == "MASK"
    assert params["translucency"] > 0


def test_card_size_matches_the_shader_pattern():
    """The shader fades a disc of card_m: a tree's cards must be that size."""
    from ai_sets_addon.generation.materials.shader_only import CARD_PATTERNS
    for sp in trees.SPECIES.values():
        pattern = "needles" if sp.leaf_key == "needles" else "cards"
        assert sp.card_m == CARD_PATTERNS[pattern]["card_m"], sp.kind


def test_autumn_turns_leaf_cards_russet():
    request = MaterialRequest("leaves", "foliage", ["cards", "autumn"], "green", seed=1)
    r, g, b = describe_shader_material(request).params["base_color"]
    assert r > g > b
