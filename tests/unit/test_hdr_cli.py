"""`ai-sets hdr`: files in (PNG 8/16 bit, JPEG, EXR), EXR + PNG + JSON out; bad files
exit 2 and leave nothing behind."""

from __future__ import annotations

import json
import struct
import zlib

import numpy as np
import OpenEXR
import pytest

from ai_sets_addon.cli import main
from ai_sets_addon.core.fileio import read_exr, write_exr, write_png
from ai_sets_addon.generation.hdr.testset import GOALS, exposure_ratio
from ai_sets_addon.generation.sky.compose import horizontal_irradiance
from ai_sets_addon.generation.sky.spectrum import luminance
from test_hdr_lift import angle_between, ldr_sky
from test_hdr_sun import camera, clear_sky


@pytest.fixture(scope="module")
def afternoon():
    return ldr_sky("afternoon", haze=0.2)


def _sidecar(out):
    return json.loads(out.with_suffix(".json").read_text())


def test_png_in_hdr_out(tmp_path, afternoon):
    u8, truth = afternoon
    src = tmp_path / "pano.png"
    write_png(src, u8)
    out = tmp_path / "out" / "sky.exr"
    assert main(["hdr", str(src), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.parent.iterdir()) == ["sky.exr", "sky.json", "sky.png"]
    meta = _sidecar(out)
    sun = meta["sun"]
    assert sun["found"] and sun["method"] == "clipped" and meta["pixel_type"] == "float"
    assert angle_between(sun["elevation_deg"], sun["azimuth_deg"], truth.elevation_deg,
                         truth.azimuth_deg) < 2.0
    assert sun["irradiance_w_m2"] == pytest.approx(truth.irradiance, rel=0.25)
    assert meta["fit"]["haze"] == pytest.approx(0.2, abs=0.1)
    assert 0.0 < meta["confidence"] <= 1.0
    rgb = read_exr(out)
    assert rgb.shape == (u8.shape[0], u8.shape[1], 3)
    with OpenEXR.File(str(out)) as exr:
        assert exr.channels()["RGB"].pixels.dtype == np.float32


def test_jpeg_and_16bit_png_are_read(tmp_path, afternoon):
    from PIL import Image

    u8, truth = afternoon
    jpg = tmp_path / "pano.jpg"
    Image.fromarray(u8).save(jpg, quality=92)
    png16 = tmp_path / "pano16.png"
    write_png(png16, u8.astype(np.uint16) * 257)
    for src in (jpg, png16):
        out = tmp_path / f"{src.stem}_sky.exr"     # SKY.png beside it: not the input
        assert main(["hdr", str(src), "--out", str(out)]) == 0
        sun = _sidecar(out)["sun"]
        assert angle_between(sun["elevation_deg"], sun["azimuth_deg"], truth.elevation_deg,
                             truth.azimuth_deg) < 2.0
    assert _sidecar(tmp_path / "pano16_sky.exr")["source"]["kind"] == "png16"


def test_response_option_decodes_with_the_named_curve(tmp_path, afternoon, capsys):
    """A filmic (+2 EV, AgX-like) file: --response filmic reads it as such (the sun within
    2°, the light within 25 %); --response srgb forces the flat sRGB reading (the light
    far short); an EXR is linear, so a curve for it is refused (exit 2, nothing written)."""
    rgb, truth = clear_sky(30.0)
    _, u8 = camera(rgb, 2.0, "filmic")
    src = tmp_path / "filmic.png"
    write_png(src, u8)
    light = {}
    for name in ("filmic", "srgb"):
        out = tmp_path / f"{name}_sky.exr"
        assert main(["hdr", str(src), "--out", str(out), "--response", name]) == 0
        meta = _sidecar(out)
        light[name] = score_file(out, rgb, u8)
        if name == "filmic":
            sun = meta["sun"]
            assert angle_between(sun["elevation_deg"], sun["azimuth_deg"], *truth) < 2.0
        assert meta["source"]["response"] == ("tone curve filmic 2" if name == "filmic"
                                              else "inverse sRGB (IEC 61966-2-1)"), meta["source"]
    assert abs(light["filmic"] - 1.0) <= GOALS["irradiance"], light
    assert light["srgb"] < 1.0 - GOALS["irradiance"], light
    exr = tmp_path / "linear.exr"
    write_exr(exr, rgb.astype(np.float32), half=False)
    out = tmp_path / "exr_out" / "sky.exr"
    assert main(["hdr", str(exr), "--out", str(out), "--response", "gamma"]) == 2
    assert "--response gamma" in capsys.readouterr().err and not out.parent.exists()


@pytest.mark.parametrize("view,curve", [("AgX", "agx"),
                                        ("Khronos PBR Neutral", "pbr-neutral")])
def test_response_names_blender_s_views_as_blender_spells_them(tmp_path, view, curve):
    """`--response AgX` or `--response "Khronos PBR Neutral"` (Blender's view names, as
    its Color Management panel spells them) decodes with that view's curve; the second
    was refused as an invalid choice."""
    rgb, truth = clear_sky(30.0)
    _, u8 = camera(rgb, 1.0, curve)
    src = tmp_path / "view.png"
    write_png(src, u8)
    out = tmp_path / "sky.exr"
    assert main(["hdr", str(src), "--out", str(out), "--response", view]) == 0
    meta = _sidecar(out)
    assert meta["source"]["response"] == f"tone curve {curve}", meta["source"]
    sun = meta["sun"]
    assert angle_between(sun["elevation_deg"], sun["azimuth_deg"], *truth) < 2.0
    assert abs(score_file(out, rgb, u8) - 1.0) <= GOALS["irradiance"]


def test_a_tone_curve_given_that_the_sky_contradicts_is_warned_about(tmp_path, capsys):
    """A sky through an AgX camera at +1 EV: given as AgX, it is lifted without a word;
    given as sRGB (a user who took Blender's default view for a plain one), the sky
    around the sun is explained 15x better read with AgX: the lift keeps the user's
    curve, but says so on stderr and in the sidecar, and trusts its result less."""
    rgb, _ = clear_sky(30.0)
    _, u8 = camera(rgb, 1.0, "agx")
    src = tmp_path / "agx.png"
    write_png(src, u8)
    meta, err = {}, {}
    for name in ("AgX", "srgb"):
        out = tmp_path / f"{name}_sky.exr"
        assert main(["hdr", str(src), "--out", str(out), "--response", name]) == 0
        meta[name], err[name] = _sidecar(out), capsys.readouterr().err
    assert meta["AgX"]["warnings"] == [] and "warning:" not in err["AgX"]
    [warning] = meta["srgb"]["warnings"]
    assert "read with the agx tone curve" in warning and "--response" in warning, warning
    assert f"warning: {warning}" in err["srgb"]
    assert meta["srgb"]["confidence"] < 0.5 * meta["AgX"]["confidence"]


def test_fake_hdri_exr_is_lifted(tmp_path, afternoon):
    """An LDR image saved as EXR (what AI panorama tools write): its flat top is the clip."""
    from ai_sets_addon.generation.hdr.read import _LUT8

    u8, _ = afternoon
    src = tmp_path / "fake.exr"
    write_exr(src, _LUT8[u8], half=True)
    out = tmp_path / "lifted.exr"
    assert main(["hdr", str(src), "--out", str(out)]) == 0
    meta = _sidecar(out)
    assert meta["sun"]["found"] and meta["source"]["kind"] == "exr"


def test_overcast_cli_says_no_sun(tmp_path, capsys):
    u8, _ = ldr_sky("afternoon", cover="overcast")
    src = tmp_path / "grey.png"
    write_png(src, u8)
    out = tmp_path / "grey_sky.exr"
    assert main(["hdr", str(src), "--out", str(out)]) == 0
    meta = _sidecar(out)
    assert meta["sun"]["found"] is False and meta["sun"]["irradiance_w_m2"] == 0.0
    assert "no sun" in capsys.readouterr().out


def score_file(exr, original, u8) -> float:
    """The lifted EXR's horizontal irradiance over the original's (exposure divided out),
    as the test set scores it."""
    lifted = read_exr(exr)
    k = exposure_ratio(lifted, original, u8)
    return float(luminance(horizontal_irradiance(lifted))
                 / (k * luminance(horizontal_irradiance(original))))


def _png_header_only(path, width, height, depth=8):
    ihdr = struct.pack(">IIBBBBB", width, height, depth, 2, 0, 0, 0)
    chunk = struct.pack(">I", len(ihdr)) + b"IHDR" + ihdr + struct.pack(
        ">I", zlib.crc32(b"IHDR" + ihdr) & 0xFFFFFFFF)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk + b"\0\0\0\0IEND\xaeB`\x82")


def _bad_files(tmp_path):
    text = tmp_path / "notes.png"
    text.write_text("not an image at all\n")
    square = tmp_path / "square.png"
    write_png(square, np.zeros((300, 300, 3), np.uint8))
    huge = tmp_path / "huge.png"
    _png_header_only(huge, 32768, 16384)
    tiny = tmp_path / "tiny.png"
    write_png(tiny, np.zeros((64, 128, 3), np.uint8))
    broken = tmp_path / "broken.png"
    _png_header_only(broken, 512, 256)
    damaged_jpeg = tmp_path / "damaged.jpg"
    damaged_jpeg.write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 100)
    exr_square = tmp_path / "square.exr"
    write_exr(exr_square, np.ones((64, 64, 3), np.float32))
    folder = tmp_path / "a_folder"
    folder.mkdir()
    return [text, square, huge, tiny, broken, damaged_jpeg, exr_square, folder,
            tmp_path / "missing.png"]


def test_bad_files_exit_2_and_write_nothing(tmp_path, capsys):
    out_dir = tmp_path / "out"
    for src in _bad_files(tmp_path):
        code = main(["hdr", str(src), "--out", str(out_dir / "sky.exr")])
        err = capsys.readouterr().err
        assert code == 2, (src.name, err)
        assert "ai-sets: error:" in err and "Traceback" not in err, (src.name, err)
        assert not out_dir.exists() or not any(out_dir.iterdir()), src.name


@pytest.mark.parametrize("argv", [["--sun", "north"], ["--sun", "10,95"],
                                  ["--sun", "10,5", "--datetime", "2024-06-21T18:00:00+02:00",
                                   "--lat", "48.8", "--lon", "2.3"],
                                  ["--datetime", "2024-06-21T18:00:00+02:00"],
                                  ["--expand-ev", "-1"], ["--white-balance", "900"],
                                  ["--white-balance", "daylight"], ["--tint", "10"]])
def test_bad_options_exit_2(tmp_path, argv):
    src = tmp_path / "p.png"
    write_png(src, np.zeros((256, 512, 3), np.uint8))
    out = tmp_path / "o" / "sky.exr"
    assert main(["hdr", str(src), "--out", str(out), *argv]) == 2
    assert not out.exists()


def test_place_and_time_put_the_sun_there(tmp_path, afternoon):
    from ai_sets_addon.model.plan import SkyRequest
    from ai_sets_addon.generation.sky import resolve_sun

    u8, _ = afternoon
    src = tmp_path / "p.png"
    write_png(src, u8)
    out = tmp_path / "sky.exr"
    when = ["--datetime", "2024-06-21T17:00:00+02:00", "--lat", "48.85", "--lon", "2.35"]
    assert main(["hdr", str(src), "--out", str(out), *when]) == 0
    sun = _sidecar(out)["sun"]
    el, az = resolve_sun(SkyRequest(latitude=48.85, longitude=2.35,
                                    datetime_iso="2024-06-21T17:00:00+02:00"))
    assert sun["method"] == "place_time"
    assert sun["elevation_deg"] == pytest.approx(el) and sun["azimuth_deg"] == pytest.approx(az)


def test_a_camera_s_white_balance_given_is_undone(tmp_path):
    """A 4° sun shot by a camera balanced for daylight (5600 K): its sky is bluer, and
    read as it is the fit puts the sun at 6.6° with 1.5x its light. With
    --white-balance 5600 the lift undoes it first: the sun within 0.5°, its light
    within 10 %, the sky in the light's own colours; the sidecar says what was undone."""
    from ai_sets_addon.core.colour import white_balance_matrix
    from ai_sets_addon.generation.sky.spectrum import fixed_matmul

    rgb, (el, az) = clear_sky(4.0, azimuth=250.0, haze=0.2)
    shot = fixed_matmul(rgb, white_balance_matrix(5600.0).astype(np.float32).T)
    _, u8 = camera(shot, 0.0)
    src = tmp_path / "p.png"
    write_png(src, u8)
    out = tmp_path / "sky.exr"
    assert main(["hdr", str(src), "--out", str(out), "--white-balance", "5600K"]) == 0
    meta, lifted = _sidecar(out), read_exr(out)
    assert "camera white balance 5600 K (tint 0) undone" in meta["source"]["response"]
    sun = meta["sun"]
    assert angle_between(sun["elevation_deg"], sun["azimuth_deg"], el, az) < 0.5, sun
    k = exposure_ratio(lifted, rgb, u8)
    ratio = luminance(horizontal_irradiance(lifted)) / (k * luminance(
        horizontal_irradiance(rgb)))
    assert abs(ratio - 1.0) < 0.1, ratio
    seen = (u8.max(axis=2) < 250)[: u8.shape[0] // 2]
    tint = np.median(lifted[: u8.shape[0] // 2][seen] / rgb[: u8.shape[0] // 2][seen], axis=0)
    assert np.ptp(tint / tint.mean()) < 0.03, tint          # the light's own colours
