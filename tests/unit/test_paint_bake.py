"""Painting without a model: cameras, depth maps, per-texel depth test, bake and
re-projection round trip, seams, coverage, padding, and the paint folder."""

from __future__ import annotations

import json

import numpy as np
import pytest

from ai_sets_addon.core.fileio import read_png
from ai_sets_addon.ai.paint import PaintOptions, TestPainter, paint_set
from ai_sets_addon.ai.paint.texels import dilate
from ai_sets_addon.ai.paint.bake import reproject
from ai_sets_addon.ai.paint.view_camera import ViewCamera
from ai_sets_addon.ai.paint.output import write_paint
from ai_sets_addon.ai.paint.testset import demo_scene
from ai_sets_addon.ai.paint.views import WorldMesh, cast_view, control_depth
from ai_sets_addon.model.plan import CameraPlan

RES = (96, 72)


@pytest.fixture(scope="module")
def one_view():
    scene = demo_scene(density_px_per_m=40.0, resolution=RES, cameras=1)
    return scene, paint_set(scene, TestPainter(), PaintOptions("a room", seed=3))


def _view(scene, k: int):
    cam = ViewCamera.from_plan(scene.cameras[k], *scene.resolution)
    return cast_view(WorldMesh.build(scene), cam)


def _psnr(a: np.ndarray, b: np.ndarray) -> float:
    return float(10 * np.log10(1.0 / max(np.mean((a - b) ** 2), 1e-12)))


def test_camera_frames_like_blender() -> None:
    plan = CameraPlan("c", (1.0, -5.0, 2.0), (1.0, 0.0, 2.0), lens_mm=35.0,
                      sensor_width_mm=36.0)
    cam = ViewCamera.from_plan(plan, 200, 100)
    pix, z = cam.project(np.array([[1.0, 0.0, 2.0], [1.0, 0.0, 3.0], [2.0, 0.0, 2.0]]))
    assert np.allclose(pix[0], (100, 50)) and np.isclose(z[0], 5.0)
    assert pix[1, 1] < 50 and pix[2, 0] > 100          # +Z is up, +X right (facing north)
    half_fov = np.arctan(36.0 / (2 * 35.0))            # sensor fit horizontal
    edge, _ = cam.project(np.array([[1.0 + 5.0 * np.tan(half_fov), 0.0, 2.0]]))
    assert np.isclose(edge[0, 0], 200.0)
    _, dirs = cam.rays()
    assert np.allclose(dirs.reshape(100, 200, 3)[49:51, 99:101].mean((0, 1)), (0, 1, 0),
                       atol=1e-2)


def test_control_depth_near_bright_sky_black() -> None:
    scene = demo_scene(density_px_per_m=8.0, resolution=RES, cameras=1)
    view = _view(scene, 0)
    depth = control_depth(view)
    assert depth.shape == (RES[1], RES[0]) and depth.dtype == np.float32
    assert (~view.hit).any() and np.all(depth[~view.hit] == 0.0)
    hit = view.hit
    near, far = view.depth[hit] < np.percentile(view.depth[hit], 10), \
        view.depth[hit] > np.percentile(view.depth[hit], 90)
    assert depth[hit][near].mean() > depth[hit][far].mean() > 0.0
    assert depth.max() <= 1.0 and np.isclose(np.percentile(depth[hit], 99.5), 1.0, atol=0.02)


def test_round_trip_psnr(one_view) -> None:
    """Known image -> bake -> re-project from the same camera: >= 30 dB where the pixel
    sees painted geometry (instanced parts excluded: their placements share texels)."""
    scene, result = one_view
    view = _view(scene, 0)
    colour, coverage = reproject(scene, view, list(zip(result.colour, result.coverage)))
    single = np.isin(view.part, [i for i, p in enumerate(scene.parts) if not p.instances])
    mask = view.hit & single & (coverage[..., 0] > 0.5)
    assert mask.sum() > 0.5 * view.hit.sum()
    expected = TestPainter.pattern(0, *RES)
    assert _psnr(colour[mask], expected[mask]) >= 30.0


def test_instances_take_one_placement_per_texel(one_view) -> None:
    """Both crates are seen and share one atlas: each crate texel holds the colour of
    one placement's pixel, not a blend of the two."""
    from ai_sets_addon.ai.paint.texels import rasterise_atlas
    from ai_sets_addon.ai.paint.bake import bilinear

    scene, result = one_view
    crate = [p.name for p in scene.parts].index("crate")
    part = scene.parts[crate]
    cam = ViewCamera.from_plan(scene.cameras[0], *scene.resolution)
    texels = rasterise_atlas(part)
    painted = result.coverage[crate].reshape(-1)[texels.index] > 0.5
    baked = result.colour[crate].reshape(-1, 3)[texels.index][painted]
    image = TestPainter.pattern(0, *RES)
    candidates = []
    for matrix in part.placements():
        world = texels.position[painted] @ matrix[:3, :3].T + matrix[:3, 3]
        pix, _ = cam.project(world)
        candidates.append(bilinear(image, pix[:, 0], pix[:, 1]))
    error = np.min([np.abs(baked - c).max(axis=1) for c in candidates], axis=0)
    assert len(error) > 100 and np.mean(error < 0.03) > 0.97


def test_depth_test_keeps_paint_off_hidden_surfaces(one_view) -> None:
    """Every painted texel is the first surface on its ray from the camera, up to the
    sub-pixel ambiguity at a corner (two pixel footprints)."""
    scene, result = one_view
    world = WorldMesh.build(scene)
    cam = ViewCamera.from_plan(scene.cameras[0], *scene.resolution)
    from ai_sets_addon.ai.paint.texels import rasterise_atlas
    for index, part in enumerate(scene.parts):
        if part.instances:
            continue
        texels = rasterise_atlas(part)
        painted = result.coverage[index].reshape(-1)[texels.index] > 0.25
        points = texels.position[painted]
        if not len(points):
            continue
        dirs = points - cam.location
        dist = np.linalg.norm(dirs, axis=1)
        tri, ray, loc = world.mesh.ray.intersects_id(
            np.broadcast_to(cam.location, dirs.shape), dirs / dist[:, None],
            multiple_hits=False, return_locations=True)
        first = np.full(len(points), np.inf)
        first[ray] = np.linalg.norm(loc - cam.location, axis=1)
        footprint = dist / cam.focal_px
        assert np.mean(first >= dist - 2.0 * footprint) > 0.995, part.name


def test_two_cameras_one_colour_no_seam() -> None:
    scene = demo_scene(density_px_per_m=32.0, resolution=RES, cameras=3)
    colour = (0.8, 0.3, 0.1)
    result = paint_set(scene, TestPainter(flat=colour), PaintOptions("x", cameras=[
        "cam_south", "cam_east"]))
    for index in range(len(scene.parts)):
        painted = result.coverage[index] > 0
        assert np.allclose(result.colour[index][painted], colour, atol=1e-5)
    view = _view(scene, 2)                     # a third camera sees the overlap
    seen, cov = reproject(scene, view, list(zip(result.colour, result.coverage)))
    mask = view.hit & (cov[..., 0] > 0)
    assert mask.sum() > 100
    assert np.abs(seen[mask] - colour).max() < 1e-4


def test_keep_regions_are_left_alone() -> None:
    scene = demo_scene(density_px_per_m=32.0, resolution=RES, cameras=2)
    first = paint_set(scene, TestPainter(), PaintOptions("x", cameras=["cam_south"]))
    both = paint_set(scene, TestPainter(), PaintOptions("x", refine_ratio=1e9))
    assert both.views[1].regions["keep"] > 0.1
    checked = 0
    for index in range(len(scene.parts)):
        solid = first.coverage[index] >= 1.0
        if solid.sum() > 50:
            diff = np.abs(both.colour[index][solid] - first.colour[index][solid]).max(-1)
            assert np.mean(diff < 0.02) > 0.95     # soft keep edges may blend
            checked += 1
    assert checked >= 2


def test_coverage_and_padding(one_view) -> None:
    scene, result = one_view
    for index, part in enumerate(scene.parts):
        stats = result.part_stats(index)
        assert 0.0 <= stats["coverage"] <= stats["seen_fraction"] <= 1.0
        assert stats["unseen_texels"] > 0                      # box bottoms are never seen
        island = result.island[index]
        gutter = ~island & dilate(island)
        assert (result.coverage[index][gutter] >= 0).all()
        painted_edge = gutter & dilate(result.coverage[index] > 0.99)
        assert (result.colour[index][painted_edge].sum(-1) > 0).all()   # padded, not black


def test_paint_folder(tmp_path, one_view) -> None:
    scene, result = one_view
    path = write_paint(tmp_path, scene, result, {"prompt": "a room", "model": "test",
                                                 "seed": 3, "steps": 4})
    data = json.loads(path.read_text())
    assert path == tmp_path / "paint" / "paint.json"
    assert data["cameras"] == ["cam_south"] and data["seed"] == 3
    wall = data["parts"]["back wall"]
    assert wall["paint_png"] == "back_wall_paint.png"
    assert wall["coverage_png"] == "back_wall_coverage.png"
    assert 0 < wall["coverage"] <= 1
    img = read_png(tmp_path / "paint" / wall["paint_png"])
    w, h = scene.parts[1].atlas_size
    assert img.shape == (h, w, 3)
    mask = read_png(tmp_path / "paint" / wall["coverage_png"])
    assert mask.shape == (h, w) and mask.max() == 255 and mask.min() == 0
    assert set(data["files"]) >= {"back_wall_paint.png", "views/cam_south_control.png"}
    write_paint(tmp_path, scene, result, {"prompt": "again"})   # replaced whole
    assert json.loads(path.read_text())["prompt"] == "again"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["paint"]


def test_same_seed_same_textures() -> None:
    scene = demo_scene(density_px_per_m=16.0, resolution=(64, 48), cameras=2)
    a = paint_set(scene, TestPainter(), PaintOptions("x", seed=5))
    b = paint_set(scene, TestPainter(), PaintOptions("x", seed=5))
    for ca, cb in zip(a.colour, b.colour):
        assert np.array_equal(ca, cb)


def test_albedo_matching_removes_exposure_between_views() -> None:
    """Two cameras paint the same grey at different exposures; matched to one albedo
    luminance per part, both land on the same value and the seam disappears."""
    from ai_sets_addon.ai.paint.albedo import LUMA, srgb_to_linear

    scene = demo_scene(density_px_per_m=16.0, resolution=RES, cameras=2)
    reference = {p.name: 0.18 for p in scene.parts}

    class Exposures(TestPainter):
        def paint(self, request, on_step=None):
            grey = (0.3, 0.7)[request.index]
            image = np.full(request.control.shape + (3,), grey, np.float32)
            return request.keep[..., None] * request.known + (1 - request.keep[..., None]) * image

    result = paint_set(scene, Exposures(), PaintOptions("x", albedo_reference=reference,
                                                        refine_ratio=1.0))
    for colour, coverage in zip(result.colour, result.coverage):
        painted = coverage > 0.2
        luma = srgb_to_linear(colour[painted].astype(np.float64)) @ LUMA
        assert np.mean(np.abs(luma - 0.18) < 0.01) > 0.98     # greys 0.073 vs 0.448 unmatched
        assert np.abs(luma - 0.18).max() < 0.05                # soft keep edges blend a little


def test_control_depth_without_sky_keeps_the_far_wall_grey() -> None:
    """A view filled by geometry: far surfaces map to 0.1, not to sky black."""
    scene = demo_scene(density_px_per_m=4.0, resolution=(32, 24), cameras=1)
    scene.cameras[0].location, scene.cameras[0].target = (0.0, 0.5, 1.5), (0.0, 3.0, 0.5)
    view = _view(scene, 0)
    assert view.hit.all()
    depth = control_depth(view)
    assert np.isclose(depth.min(), 0.1) and np.isclose(depth.max(), 1.0, atol=0.05)
    scene.cameras[0].target = (0.0, 3.0, 1.5)            # one wall square on: no relief
    flat = control_depth(_view(scene, 0))
    assert np.allclose(flat, 0.5)
