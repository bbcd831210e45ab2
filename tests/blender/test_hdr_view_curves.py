"""The HDR lift's tone curves for Blender's own views are Blender's: the shipped AgX table
(scripts/build_view_curves.py) is what this Blender's AgX view does to grey, the PBR
Neutral formula is what its Khronos PBR Neutral view does to colour, and a sky saved by
Blender through either view is lifted within the test set's goals."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from ai_sets_addon.core.colour import linear_to_srgb
from ai_sets_addon.core.fileio import write_exr
from ai_sets_addon.generation.hdr import LiftOptions, lift, read_panorama, response
from ai_sets_addon.generation.hdr.read import _decode_with_pillow
from ai_sets_addon.generation.hdr.testset import (MID_GREY, elevation_datetime, score,
                                                  sky_median)
from ai_sets_addon.generation.sky import SkyOptions, render_sky
from ai_sets_addon.model.plan import SkyRequest

import bpy

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from build_view_curves import code_table, grey_ramp_codes  # noqa: E402
from hdr_views import save_through_view  # noqa: E402

WIDTH = 512


def saved_through(view: str, rgb: np.ndarray, ev: float, path: Path) -> np.ndarray:
    """`rgb` (scene-linear) exposed as the test camera meters, saved by Blender through
    `view` to `path` (PNG), read back as 8-bit codes."""
    exr = write_exr(path.with_suffix(".exr"), rgb.astype(np.float32), half=False)
    image = bpy.data.images.load(str(exr))
    save_through_view(image, path, view, "None", ev, sky_median(rgb))
    bpy.data.images.remove(image)
    return _decode_with_pillow(path)


@pytest.fixture(scope="module")
def clear_10():
    request = SkyRequest(latitude=20.0, longitude=0.0, cloud_cover="clear", haze=0.3,
                         datetime_iso=elevation_datetime(10.0), sun_azimuth_deg=120.0)
    sky = render_sky(request, WIDTH, SkyOptions(sun_in_map=True))
    return sky.rgb, (sky.lights.sun_elevation_deg, sky.lights.sun_azimuth_deg)


def test_the_shipped_agx_table_is_this_blender_s_agx_view(empty_scene):
    shipped = response.agx_table()
    measured = np.array(code_table(*grey_ramp_codes("AgX")))
    codes = slice(20, 251)                     # the toe's first codes span stops each
    assert np.abs(measured[codes] - shipped[codes]).max() < 0.05      # stops


def test_pbr_neutral_is_this_blender_s_khronos_pbr_neutral_view(empty_scene, clear_10,
                                                                 tmp_path):
    rgb, _ = clear_10
    gain = MID_GREY * 2.0 / sky_median(rgb)              # +1 EV: the aureole on the shoulder
    blender = saved_through("Khronos PBR Neutral", rgb, 1.0, tmp_path / "view.png")
    ours = np.round(linear_to_srgb(np.clip(response.pbr_neutral(rgb * gain), 0.0, 1.0))
                    * 255.0)
    diff = np.abs(blender.astype(np.float64) - ours)
    assert diff.max() <= 4 and diff.mean() < 0.5, (diff.max(), diff.mean())


@pytest.mark.parametrize("view,curve", [("AgX", "agx"), ("Khronos PBR Neutral",
                                                          "pbr-neutral")])
def test_a_sky_saved_through_blender_s_view_is_read_with_it(empty_scene, clear_10, tmp_path,
                                                           view, curve):
    """A 10° sun saved through AgX at +1 EV, read as sRGB, comes back 7.6° off with 69 %
    of its light, and through PBR Neutral 3.9° off; read with the curve the lift
    estimates, within the goals."""
    rgb, truth = clear_10
    u8 = saved_through(view, rgb, 1.0, tmp_path / "view.png")
    result = lift(read_panorama(tmp_path / "view.png"))
    assert result.response == f"tone curve {curve}", result.refine.get("curve_cost")
    assert score(result, rgb, u8, truth).passes(True), score(result, rgb, u8, truth)
    as_srgb = lift(read_panorama(tmp_path / "view.png"), LiftOptions(response="srgb"))
    assert not score(as_srgb, rgb, u8, truth).passes(True)
