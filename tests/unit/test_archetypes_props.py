"""Prop meshes, the exact scatter, and terrain heightfields."""

from __future__ import annotations

import math

import numpy as np
import pytest
import trimesh

from ai_sets_addon.generation.props import furniture as fu
from ai_sets_addon.generation.props import industrial as ind
from ai_sets_addon.generation.props import nature as nat
from ai_sets_addon.generation.props import street as st
from ai_sets_addon.generation.props import trees
from ai_sets_addon.generation.props.scatter import (Box, Occupancy, Region, overlap, place, scatter,
                                                    world_boxes)
from ai_sets_addon.generation.mesh import boxes, lathe, slab
from ai_sets_addon.generation.terrain import (Noise, Terrain, droplet_erosion, graded_axis,
                                              terrain_mesh, thermal_erosion)

MAKERS = {
    "crate": ind.crate, "crate_stack": ind.crate_stack, "barrel": ind.barrel, "pallet": ind.pallet,
    "shelf": ind.shelf, "pillar": lambda r: ind.pillar(5.0), "beam": lambda r: ind.ibeam(8.0),
    "dumpster": ind.dumpster, "bag": ind.trash_bag, "ac": ind.ac_unit, "vent": ind.vent,
    "tank": ind.water_tank, "chimney": ind.chimney, "highbay": ind.highbay_lamp,
    "lamp_post": st.lamp_post, "lantern": st.heritage_lamp, "bench": st.bench, "bin": st.street_bin,
    "neon": lambda r: st.neon_sign(r, "HOTEL", "cyan"), "tower": st.lifeguard_tower,
    "softbox": st.softbox, "chair": st.armchair, "planter": st.planter,
    "rock": nat.rock, "oak": lambda r: trees.tree(r, "oak", 10.0),
    "birch": lambda r: trees.tree(r, "birch", 13.0), "pine": lambda r: trees.tree(r, "pine", 15.0),
    "street_tree": lambda r: trees.tree(r, "street_tree", 8.0), "palm": trees.palm,
    "bush": trees.shrub, "grass": trees.grass_tuft, "cactus": nat.cactus, "log": nat.log, "scrub": nat.dead_shrub,
    "vending": st.vending_machine, "vertical_sign": lambda r: st.vertical_sign(r, "pink"),
    "sofa": fu.sofa, "rug": fu.rug, "coffee_table": fu.coffee_table, "table": fu.table,
    "bistro": fu.round_table, "dining_chair": fu.chair, "stool": fu.stool,
    "sideboard": fu.sideboard, "bed": fu.bed, "hospital_bed": fu.hospital_bed,
    "nightstand": fu.nightstand, "wardrobe": fu.wardrobe, "kitchen": fu.kitchen_run,
    "bar_counter": fu.bar_counter, "desk": fu.desk, "office_chair": fu.office_chair,
    "school_desk": fu.school_desk, "blackboard": fu.blackboard, "bathtub": fu.bathtub,
    "washbasin": fu.washbasin, "toilet": fu.toilet, "pew": fu.pew, "altar": fu.altar,
    "counter": fu.counter, "wine_rack": fu.wine_rack, "pendant": fu.pendant_lamp, "tv": fu.tv,
    "fireplace": fu.fireplace, "led_strip": fu.led_strip,
}
# Pieces that are closed solids (their volume must come out positive: normals outward).
CLOSED = {"crate", "crate_stack", "barrel", "pillar", "beam", "bag", "chimney", "bin", "rock",
          "chair"}


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_prop_meshes_are_clean_and_real_sized(kind):
    model = MAKERS[kind](np.random.default_rng(3))
    for piece in model.pieces:
        mesh = piece.mesh
        assert len(mesh.faces) and np.isfinite(mesh.vertices).all()
        assert mesh.area_faces.min() > 1e-8, f"{kind}/{piece.suffix}: degenerate faces"
        assert len(mesh.visual.uv) == len(mesh.vertices)
    lo, hi = model.bounds()[:3], model.bounds()[3:]
    assert 0.05 < (hi - lo).max() < 25.0, f"{kind} is {(hi - lo).max():.1f} m"
    if kind in CLOSED:
        whole = model.pieces[0].mesh.copy()
        whole.merge_vertices(merge_tex=True, merge_norm=True)
        assert whole.volume > 0, f"{kind}: normals point inward"
    for hull in model.hulls:
        assert (hull[3:] >= hull[:3]).all()


def test_every_piece_lies_inside_its_hulls_footprint():
    """The scatter keeps hulls apart, so the meshes must not stick out of them."""
    for kind, maker in MAKERS.items():
        model = maker(np.random.default_rng(5))
        lo = np.min([h[:3] for h in model.hulls], axis=0) - 1e-6
        hi = np.max([h[3:] for h in model.hulls], axis=0) + 1e-6
        for piece in model.pieces:
            v = piece.mesh.vertices
            assert (v >= lo).all() and (v <= hi).all(), kind


def test_uvs_are_metres_on_boxes_and_lathes():
    mesh = boxes([(0, 0, 0)], [(2.15, 0.3, 1.1)])
    tri = mesh.faces
    e3 = np.linalg.norm(mesh.vertices[tri[:, 0]] - mesh.vertices[tri[:, 1]], axis=1)
    euv = np.linalg.norm(mesh.visual.uv[tri[:, 0]] - mesh.visual.uv[tri[:, 1]], axis=1)
    assert np.allclose(e3, euv)
    drum = lathe([(0.3, 0.0), (0.3, 0.9)], 32, cap_bottom=False, cap_top=False)
    assert np.ptp(drum.visual.uv[:, 0]) == pytest.approx(2 * math.pi * 0.3)
    assert np.ptp(drum.visual.uv[:, 1]) == pytest.approx(0.9)


def test_slab_openings_remove_exactly_the_holes():
    x, y, z = np.eye(3)
    wall = slab((0, 0, 0), x, z, y, (6.0, 3.0, 0.3), [(1.0, 1.0, 2.2, 2.4), (3.0, 0.0, 4.0, 2.1)])
    wall = wall.copy()
    wall.merge_vertices()
    assert wall.volume == pytest.approx(0.3 * (18.0 - 1.2 * 1.4 - 1.0 * 2.1))


# --------------------------------------------------------------------------- scatter

def _brute_overlap(a: Box, b: Box, samples: int = 4000) -> bool:
    """Monte-Carlo: does any point of a's footprint fall inside b's (for the test)."""
    rng = np.random.default_rng(0)
    u = rng.uniform(-1, 1, (samples, 2)) * [a.hx, a.hy]
    ca, sa = math.cos(a.yaw), math.sin(a.yaw)
    pts = np.column_stack([a.x + ca * u[:, 0] - sa * u[:, 1], a.y + sa * u[:, 0] + ca * u[:, 1]])
    cb, sb = math.cos(b.yaw), math.sin(b.yaw)
    d = pts - [b.x, b.y]
    lx, ly = cb * d[:, 0] + sb * d[:, 1], -sb * d[:, 0] + cb * d[:, 1]
    return bool(np.any((np.abs(lx) <= b.hx) & (np.abs(ly) <= b.hy)))


def test_separating_axis_test_agrees_with_sampling():
    rng = np.random.default_rng(1)
    disagreements = 0
    for _ in range(300):
        a = Box(0, 0, *rng.uniform(0.2, 1.5, 2), rng.uniform(0, 3.2), 0, 1)
        b = Box(*rng.uniform(-2, 2, 2), *rng.uniform(0.2, 1.5, 2), rng.uniform(0, 3.2), 0, 1)
        exact = overlap(a, b)
        sampled = _brute_overlap(a, b) or _brute_overlap(b, a)
        if sampled and not exact:
            raise AssertionError(f"missed an overlap: {a} {b}")
        disagreements += exact != sampled
    assert disagreements < 10          # only grazing contacts the sampling cannot see


def test_boxes_apart_in_height_do_not_collide():
    assert not overlap(Box(0, 0, 1, 1, 0, 0, 1), Box(0, 0, 1, 1, 0, 1.5, 2.5))
    assert overlap(Box(0, 0, 1, 1, 0, 0, 1), Box(0, 0, 1, 1, 0.7, 0.9, 2.5))


def test_scatter_of_thousands_keeps_every_pair_apart():
    rng = np.random.default_rng(2)
    occ = Occupancy(cell=2.0)
    occ.block(-5, -5, 5, 5)
    models = [ind.crate(rng, 0.8), ind.barrel(rng), nat.rock(rng, 1.5)]
    placed = []
    for model in models:
        placed += scatter(rng, occ, model, 700, Region(-60, -60, 60, 60), gap=0.05)
    assert len(placed) == 2100
    all_boxes = [b for p in placed for b in p.boxes]
    centres = np.array([(b.x, b.y) for b in all_boxes])
    for i, b in enumerate(all_boxes):
        near = np.nonzero(np.hypot(*(centres - centres[i]).T) < 4.0)[0]
        for j in near:
            if j > i and not _same_prop(placed, i, j):
                assert not overlap(b, all_boxes[j]), (b, all_boxes[j])
    assert all(abs(p.transform[0, 3]) > 5 or abs(p.transform[1, 3]) > 5 for p in placed)


def _same_prop(placed, i, j) -> bool:
    owner, k = [], 0
    for n, p in enumerate(placed):
        owner += [n] * len(p.boxes)
    return owner[i] == owner[j]


def test_place_refuses_an_occupied_spot():
    rng = np.random.default_rng(0)
    occ = Occupancy()
    crate = ind.crate(rng)
    assert place(occ, crate, 0, 0) is not None
    assert place(occ, crate, 0.2, 0.1) is None
    assert place(occ, crate, 3.0, 0.0) is not None


def test_hulls_follow_the_transform():
    model = st.lamp_post(np.random.default_rng(0))
    boxes_ = world_boxes(model, 10.0, 5.0, 0.15, math.pi / 2, 1.0)
    head = boxes_[1]
    assert head.y > 5.5 and abs(head.x - 10.0) < 0.3      # the arm turned from +X to +Y


def test_the_intersection_check_catches_overlapping_props():
    pytest.importorskip("fcl")
    from ai_sets_addon.model.plan import MeshPart, SetPlan, SkyRequest
    from ai_sets_addon.generation.props.scatter import transform
    from test_archetypes import intersecting_props
    crate = ind.crate(np.random.default_rng(0))
    part = MeshPart("Crate", crate.pieces[0].mesh, "wood", "props",
                    [transform(0, 0, 0), transform(0.3, 0.1, 0)])
    plan = SetPlan("t", "warehouse", [part], {}, [], [], SkyRequest())
    assert intersecting_props(plan)
    part.instances[1] = transform(3.0, 0, 0)
    assert not intersecting_props(plan)


# --------------------------------------------------------------------------- terrain

def test_noise_is_smooth_seeded_and_bounded():
    a, b = Noise(np.random.default_rng(1)), Noise(np.random.default_rng(1))
    x = np.linspace(0, 50, 2001)
    va, vb = a(x, 3.3), b(x, 3.3)
    assert np.array_equal(va, vb) and np.abs(va).max() <= 1.0
    assert np.abs(np.diff(va)).max() < 0.1                # continuous: slope under 4 per unit


def test_erosion_carves_gullies_and_thermal_relaxes_slopes():
    rng = np.random.default_rng(4)
    noise = Noise(rng)
    g = np.arange(120.0)
    gx, gy = np.meshgrid(g, g)
    h = noise.fbm(gx, gy, 40.0, 5) * 20.0 + gy * 0.3
    eroded = droplet_erosion(h, 1.0, rng, droplets=6000)
    assert np.isfinite(eroded).all() and np.abs(eroded - h).max() < 10.0
    assert (eroded < h - 0.05).sum() > 200                # material was removed...
    assert (eroded > h + 0.05).sum() > 200                # ...and laid down elsewhere
    steep = h * 3.0
    relaxed = thermal_erosion(steep, 1.0, 33.0, iterations=20)
    assert np.abs(np.diff(relaxed, axis=0)).max() < np.abs(np.diff(steep, axis=0)).max()
    assert relaxed.sum() == pytest.approx(steep.sum(), rel=1e-9)


def test_terrain_mesh_faces_up_with_metre_uvs_and_fine_cells_near_the_set():
    noise = Noise(np.random.default_rng(0))
    terrain = Terrain(lambda x, y: noise.fbm(x, y, 30.0, 3) * 4.0)
    xs = graded_axis(500.0, 1.0, 20.0, 1.15)
    mesh = terrain_mesh(terrain, xs, xs)
    assert (mesh.face_normals[:, 2] > 0).all()
    assert np.allclose(mesh.visual.uv, mesh.vertices[:, :2])
    assert np.diff(xs)[len(xs) // 2] == pytest.approx(1.0) and np.diff(xs).max() > 20
    assert terrain.height(3.0, 4.0) == pytest.approx(float(terrain.z(np.array([3.0]), np.array([4.0]))[0]))


def _piece_top(model, suffix: str = "") -> float:
    piece = next(p for p in model.pieces if p.suffix == suffix)
    return float(piece.mesh.vertices[:, 2].max())


@pytest.mark.parametrize("maker,suffix,height", [
    (fu.sofa, "", 0.85), (fu.kitchen_run, "Worktop", 0.9), (fu.bar_counter, "Top", 1.105),
    (fu.desk, "", 0.745), (fu.pew, "", 0.97), (fu.table, "", 0.75),
    (fu.bed, "Frame", 1.1), (fu.stool, "Seat", 0.76), (fu.counter, "Top", 1.055),
    (fu.fireplace, "", 1.12),
])
def test_furniture_stands_at_real_heights(maker, suffix, height):
    """A sofa's back at 0.85 m, a worktop at 0.9 m, a bar at 1.1 m: what a set
    designer measures first."""
    assert _piece_top(maker(np.random.default_rng(1)), suffix) == pytest.approx(height, abs=0.02)
