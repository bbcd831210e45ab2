"""The light meter: expose for the set, protect the highlights, keep night dark."""

from __future__ import annotations

import math

import bpy
import numpy as np
import pytest

from ai_sets_addon.blender.scene import render


def test_median_ignores_a_bright_window_and_noise():
    rng = np.random.default_rng(0)
    frame = np.full((54, 96), 0.05, np.float32) * rng.uniform(0, 2, (54, 96))  # noisy room
    frame[10:30, 20:50] = 8.0                                                   # the window
    median, highlight = render.metered_levels(frame)
    assert median == pytest.approx(0.05, rel=0.15)
    assert highlight == pytest.approx(8.0, rel=0.05)


def _meter(monkeypatch, empty_scene, frame, sun_elevation):
    monkeypatch.setattr(render, "_meter_luminance", lambda scene, temp_dir=None: frame)
    return render.meter_exposure(empty_scene, sun_elevation)


def test_exposure_places_the_median_on_middle_grey(monkeypatch, empty_scene):
    frame = np.full((54, 96), 0.045, np.float32)
    assert _meter(monkeypatch, empty_scene, frame, 45.0) == pytest.approx(2.0, abs=0.01)
    assert empty_scene.view_settings.exposure == pytest.approx(2.0, abs=0.01)


def test_highlights_cap_the_exposure(monkeypatch, empty_scene):
    frame = np.full((54, 96), 0.045, np.float32)
    frame[:, :30] = 20.0                      # a third of the frame is sunlit exterior
    ev = _meter(monkeypatch, empty_scene, frame, 45.0)
    assert ev == pytest.approx(math.log2(render.HIGHLIGHT_LIMIT / 20.0), abs=0.01)


def test_night_is_exposed_darker_than_the_same_frame_by_day(monkeypatch, empty_scene):
    frame = np.full((54, 96), 0.01, np.float32)
    day = _meter(monkeypatch, empty_scene, frame, 30.0)
    night = _meter(monkeypatch, empty_scene, frame, -20.0)
    assert day - night == pytest.approx(1.5)


def test_a_render_that_cannot_be_saved_on_a_full_disk_is_an_oserror(monkeypatch, empty_scene,
                                                                      tmp_path):
    """Blender only says "cannot save"; the disk's free space says why (exit 2, not 1)."""
    import errno
    import shutil
    from collections import namedtuple

    def cannot_save(**kwargs):
        raise RuntimeError("Error: Render error (Success) cannot save: 'x.png'\n")

    from types import SimpleNamespace

    usage = namedtuple("usage", "total used free")
    fake_ops = SimpleNamespace(render=SimpleNamespace(render=cannot_save))
    monkeypatch.setattr(render, "bpy", SimpleNamespace(ops=fake_ops))
    monkeypatch.setattr(shutil, "disk_usage", lambda path: usage(10**9, 10**9, 0))
    with pytest.raises(OSError) as info:
        render.render_to_file(empty_scene, tmp_path / "x.png")
    assert info.value.errno == errno.ENOSPC


def _grey_world_scene(scene, radiance: float):
    """A camera looking at nothing but a uniform sky of `radiance` (Blender units)."""
    from ai_sets_addon.blender.camera import set_package

    render.configure(scene, samples=2)
    scene.cycles.use_adaptive_sampling = False
    scene.cycles.use_denoising = False
    world = bpy.data.worlds.new("grey")
    scene.world = world
    if world.node_tree is None:
        world.use_nodes = True
    world.node_tree.nodes["Background"].inputs[0].default_value = (radiance,) * 3 + (1.0,)
    cam = bpy.data.objects.new("cam", bpy.data.cameras.new("cam"))
    scene.collection.objects.link(cam)
    scene.camera = cam
    set_package(cam, None, "alexa35", 35.0)
    scene.render.resolution_x, scene.render.resolution_y = 64, 36


@pytest.mark.skipif(bpy.app.version < (5, 0, 0),
                    reason="the lens effects are built for Blender 5's compositor")
def test_render_brightness_follows_iso_the_lens_darkens_corners_and_the_meter_reads(
        empty_scene, tmp_path):
    """At ISO 800, 180°, T2.8 a sky of the radiance that camera puts on middle grey
    renders 0.18 in the middle (exposed scene-linear, after the lens), one stop of ISO
    doubles it, and the corners lose the lens family's stated falloff wide open
    (T1.3 for modern primes) as the pure falloff map says. The light meter reads that
    uniform sky as it is: pi L on its incident card and L on the spot, whose EV100 is the
    one these settings put on grey (an incident meter would open up 2.5 stops more, to
    put an 18 % card there instead)."""
    from ai_sets_addon.scout import cameras
    from ai_sets_addon.scout import exposure as ex

    base = ex.Settings(iso=800, t_stop=2.8, nd=0.0)
    _grey_world_scene(empty_scene, ex.MIDDLE_GREY / ex.exposure_factor(base))
    levels = {}
    for iso, t_stop in ((800, 2.8), (1600, 2.8)):
        request = ex.Request(iso=iso, shutter_angle_deg=180, t_stop=t_stop, nd=0.0)
        render.set_scene_request(empty_scene, request)
        block = render.expose_camera(empty_scene, 0.0, 45.0)
        assert block["settings"]["iso"] == iso and "grain" in block["lens_effects"]["applied"]
        render.render_still(empty_scene, tmp_path / f"iso{iso}.png", (64, 36), 2)
        linear = render.exposed_linear(empty_scene, tmp_path)
        levels[iso] = float(linear[14:22, 28:36].mean())
    assert levels[800] == pytest.approx(ex.MIDDLE_GREY, rel=0.05)
    assert levels[1600] / levels[800] == pytest.approx(2.0, rel=0.03)
    assert (tmp_path / "iso800_falsecolour.png").is_file()

    wide = cameras.lens_family("modern_prime").widest_t
    render.set_scene_request(empty_scene, ex.Request(iso=800, shutter_angle_deg=180,
                                                     t_stop=wide, nd=0.0))
    block = render.expose_camera(empty_scene, 0.0, 45.0)
    assert block["lens_effects"]["falloff_corner_ev"] == pytest.approx(
        cameras.lens_family("modern_prime").falloff_ev)
    render.render_still(empty_scene, tmp_path / "wide.png", (64, 36), 2)
    y = render.exposed_linear(empty_scene, tmp_path) @ np.array([0.2126, 0.7152, 0.0722])
    expected = ex.falloff_map(36, 64, block["lens_effects"]["falloff_corner_ev"])
    measured = math.log2(y[15:21, 29:35].mean() / y[:3, :3].mean())
    assert measured == pytest.approx(math.log2(expected[15:21, 29:35].mean()
                                               / expected[:3, :3].mean()), abs=0.12)

    radiance = ex.MIDDLE_GREY / ex.exposure_factor(base)
    _, irradiance, spot = render.meter_point(empty_scene, empty_scene.camera, (0.0, 0.0, -3.0),
                                             tmp_path)
    assert irradiance == pytest.approx(math.pi * radiance, rel=0.03)
    assert spot == pytest.approx(radiance, rel=0.03)
    reading = ex.reading(irradiance, base, spot)
    assert reading.spot_ev100 == pytest.approx(base.ev100, abs=0.05)
    assert reading.exact_t_stop == pytest.approx(base.aperture * math.sqrt(0.18), rel=0.03)


def test_auto_white_balance_makes_a_grey_card_under_the_tungsten_key_neutral(empty_scene):
    """No render: a tungsten practical is the key at night (a red neon beside it is
    not), and Blender's own white point for the chosen kelvin and tint divides the grey
    card it lights back to neutral (delta xy < 0.01)."""
    from ai_sets_addon.generation.archetypes.common import WARM_TUNGSTEN
    from ai_sets_addon.scout import exposure as ex

    for name, colour, energy in (("lamp", WARM_TUNGSTEN, 100.0), ("neon", (1.0, 0.02, 0.05), 400.0)):
        light = bpy.data.lights.new(name, "POINT")
        light.color, light.energy = colour, energy
        empty_scene.collection.objects.link(bpy.data.objects.new(name, light))
    block = render.expose_camera(empty_scene, 0.0, sun_elevation_deg=-20.0)
    assert block["white_balance"]["source"] == "practical 'lamp'"
    assert block["look"]["look"] == "AgX - Low Contrast"
    view = empty_scene.view_settings
    assert view.use_white_balance
    card = 0.18 * np.array(WARM_TUNGSTEN)
    # a colour of the white point's chromaticity is what the view transform makes neutral
    balanced = card / np.array(view.white_balance_whitepoint[:])
    assert np.linalg.norm(ex.chromaticity(balanced) - ex.chromaticity(np.ones(3))) < 0.01


def test_auto_white_balance_keeps_a_sunset_warm(empty_scene):
    """A low red sun is balanced as daylight (5600 K), not for its own colour, which
    would turn the whole frame blue."""
    light = bpy.data.lights.new("sun", "SUN")
    light.color, light.energy = (1.0, 0.35, 0.08), 3.0
    empty_scene.collection.objects.link(bpy.data.objects.new("sun", light))
    block = render.expose_camera(empty_scene, 0.0, sun_elevation_deg=1.0)
    assert block["white_balance"]["source"] == "daylight"
    assert block["white_balance"]["kelvin"] == pytest.approx(5600.0, abs=60.0)
