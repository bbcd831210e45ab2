"""The sky map: determinism, seam and poles, true HDR, the disc vs the lamp, outputs, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from ai_sets_addon.core.errors import InputError
from ai_sets_addon.core.fileio import read_exr
from ai_sets_addon.model.plan import SkyRequest
from ai_sets_addon.generation.sky import ProceduralSky, SkyOptions, render_sky
from ai_sets_addon.generation.sky.equirect import (pixel_of, pixel_solid_angles,
                                                   row_elevations)

W = 512


@pytest.fixture(scope="module")
def noon_pair():
    req = SkyRequest(time_of_day="noon", cloud_cover="clear", seed=1)
    without = render_sky(req, W)
    with_disc = render_sky(req, W, SkyOptions(sun_in_map=True))
    return without, with_disc


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    req = SkyRequest(time_of_day="afternoon", cloud_cover="scattered", seed=42)
    a = ProceduralSky().make_sky(req, W, tmp_path / "a.exr")
    b = ProceduralSky().make_sky(req, W, tmp_path / "b.exr")
    assert a.exr_path.read_bytes() == b.exr_path.read_bytes()
    assert a.preview_path.read_bytes() == b.preview_path.read_bytes()
    other = ProceduralSky().make_sky(SkyRequest(time_of_day="afternoon", cloud_cover="scattered",
                                                seed=43), W, tmp_path / "c.exr")
    assert other.exr_path.read_bytes() != a.exr_path.read_bytes()


@pytest.mark.parametrize("cover", ["scattered", "broken", "overcast"])
def test_seamless_at_0_360_and_no_pole_pinch(cover: str) -> None:
    rgb = render_sky(SkyRequest(time_of_day="morning", cloud_cover=cover, seed=5), 1024).rgb
    lum = rgb.mean(axis=-1)
    seam = np.abs(lum[:, 0] - lum[:, -1])
    steps = np.abs(np.diff(lum, axis=1))
    # A seam step is an ordinary neighbour step: never beyond the largest nearby one.
    nearby = np.maximum.reduce([np.roll(steps.max(axis=1), k) for k in (-2, -1, 0, 1, 2)])
    assert np.all(seam <= nearby * 1.5 + 1e-7)
    # The first row circles the pole at 0.09 deg: with noise on 3D points it can change no
    # more around that tiny circle than over the 0.18 deg step to row 2 (lat/long noise
    # would streak: large changes along the row, small ones between rows).
    for ring, next_ring in ((lum[0], lum[2]), (lum[-1], lum[-3])):
        assert np.ptp(ring) <= 2.0 * np.abs(next_ring - ring).max() + 1e-4 * ring.mean()


@pytest.mark.parametrize("time_of_day, cover", [("morning", "broken"), ("night", "few"),
                                                ("noon", "overcast")])
def test_map_is_a_function_of_direction(time_of_day: str, cover: str) -> None:
    """Turning the whole sky by 180 deg is the same as rolling the columns by W/2: so every
    pixel depends on its direction only and the 0/360 seam is an ordinary column step."""
    base = SkyRequest(time_of_day=time_of_day, cloud_cover=cover, seed=9)
    turned = SkyRequest(time_of_day=time_of_day, cloud_cover=cover, seed=9,
                        north_offset_deg=180.0)
    a = render_sky(base, W).rgb
    b = np.roll(render_sky(turned, W).rgb, W // 2, axis=1)
    scale = float(np.median(a))
    assert np.abs(a - b).max() <= 2e-3 * max(float(a.max()), scale)


def test_true_hdr_on_a_clear_day(noon_pair) -> None:
    _, with_disc = noon_pair
    rgb = with_disc.rgb
    assert np.isfinite(rgb).all() and rgb.min() >= 0.0
    assert rgb.max() / np.median(rgb) >= 1e4


def test_disc_carries_the_lamp_irradiance_at_the_lamp_direction(noon_pair) -> None:
    without, with_disc = noon_pair
    disc = (with_disc.rgb - without.rgb) @ np.array([0.2126, 0.7152, 0.0722], np.float32)
    assert without.rgb.max() < 1000.0                       # the default map has no disc
    energy = float(np.sum(disc * pixel_solid_angles(W)[:, None]))
    assert energy == pytest.approx(with_disc.key.irradiance, rel=0.02)
    row, col = np.unravel_index(np.argmax(disc), disc.shape)
    exp_row, exp_col = pixel_of(with_disc.key.elevation_deg, with_disc.key.azimuth_deg, W)
    assert abs(row + 0.5 - exp_row) <= 1.0 and abs(col + 0.5 - exp_col) <= 1.0


def test_exr_round_trip_and_sidecar(tmp_path: Path) -> None:
    asset = ProceduralSky(SkyOptions(sun_in_map=True)).make_sky(
        SkyRequest(time_of_day="noon", cloud_cover="clear", seed=2), W, tmp_path / "sky.exr")
    pixels = read_exr(asset.exr_path)
    assert pixels.shape == (W // 2, W, 3) and np.isfinite(pixels).all()
    assert pixels.max() > 1e5                               # float32: the disc is not clipped
    side = json.loads(asset.sidecar_path.read_text())
    assert side["sun"]["irradiance_w_m2"] == pytest.approx(asset.sun_irradiance_w_m2)
    assert side["request"]["seed"] == 2 and side["pixel_type"] == "float"
    assert asset.preview_path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert asset.sun_in_map


def test_default_day_map_is_half_float(tmp_path: Path) -> None:
    asset = ProceduralSky().make_sky(SkyRequest(time_of_day="noon", seed=2), W,
                                     tmp_path / "sky.exr")
    assert asset.params["pixel_type"] == "half" and not asset.sun_in_map
    assert asset.sun_irradiance_w_m2 > 100.0


def test_overcast_follows_cie() -> None:
    sky = render_sky(SkyRequest(time_of_day="noon", cloud_cover="overcast", seed=3), W)
    lum = sky.rgb.mean(axis=(1, 2))
    el = row_elevations(W // 2)
    zenith, horizon = lum[el > 80].mean(), lum[(el > 1) & (el < 5)].mean()
    assert zenith / horizon == pytest.approx(3.0 / (1.0 + 2.0 * np.sin(np.radians(3.0))), rel=0.25)
    assert sky.key.irradiance < 1.0                          # the sun is hidden


def test_night_has_moon_key() -> None:
    sky = render_sky(SkyRequest(time_of_day="nuit", cloud_cover="clear", seed=3), W)
    assert sky.key.body == "moon" and 1e-4 < sky.key.irradiance < 1e-3
    assert sky.params["exposure_ev"] > 5.0


def test_moonless_night_has_stars() -> None:
    req = SkyRequest(latitude=48.85, longitude=2.35, datetime_iso="2024-01-11T23:00:00Z",
                     cloud_cover="clear", seed=3)
    sky = render_sky(req, 1024)
    assert sky.lights.moon_elevation_deg < 0
    upper = sky.rgb[: 256].mean(axis=-1)
    assert upper.max() > 50 * np.median(upper)
    assert np.sum(upper > 3 * np.median(upper)) > 500


def test_twilight_is_blue_overhead_and_warm_at_the_sunset() -> None:
    sky = render_sky(SkyRequest(time_of_day="dusk", cloud_cover="clear", seed=3), W)
    zen = sky.rgb[:8].mean(axis=(0, 1))
    assert zen[2] > zen[0]
    row, col = pixel_of(2.0, sky.lights.sun_azimuth_deg, W)
    glow = sky.rgb[int(row), int(col)]
    assert glow[0] > glow[2]


@pytest.mark.parametrize("width", [7, 100_000, 511, 513, 2.5, True])
def test_bad_width(width, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="width"):
        ProceduralSky().make_sky(SkyRequest(), width, tmp_path / "sky.exr")
    assert list(tmp_path.iterdir()) == []


def test_unwritable_output_leaves_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(InputError, match="folder"):
        ProceduralSky().make_sky(SkyRequest(), W, blocker / "sky.exr")
    assert [p.name for p in tmp_path.iterdir()] == ["file"]
