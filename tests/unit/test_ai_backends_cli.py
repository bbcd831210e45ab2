"""The diffusers backends from the command line and in a set, with the tiny random-weight
plain SD 1.5 (text-to-image, no ControlNet) of tests/unit/tiny_models.py (offline):
`ai-sets material` and `ai-sets sky` with --backend diffusers write the procedural file
sets and they tile / wrap; --controlnet switches to the control pipeline; a set prepared
with the diffusers material and sky backends records them; a missing model or a pickle
is exit 2 with nothing written, and so is painting with no depth model."""

from __future__ import annotations

import json

import numpy as np
import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("diffusers")

import tiny_models  # noqa: E402
from ai_sets_addon import cli  # noqa: E402
from ai_sets_addon.ai.seamless import seam_step_ratio  # noqa: E402
from ai_sets_addon.core.fileio import read_exr, read_png  # noqa: E402

FAST = ["--steps", "2", "--model-size", "64"]
MAPS = ("ao", "base_color", "height", "normal", "roughness")


def seam_is_ordinary(image: np.ndarray, axis: int) -> bool:
    """The step across the wrap is at most twice the mean step between neighbouring
    rows (axis 0) or columns: one seam against 63 inner ones is a noisy figure on a
    random-weight model's near-noise output (0.8..1.9 seen over seeds), where a seam
    left by zero padding on a real texture is several times the mean."""
    return seam_step_ratio(image, axis) <= 2.0


@pytest.fixture(scope="module")
def sd15(tmp_path_factory):
    """A plain SD 1.5 folder (StableDiffusionPipeline); its depth ControlNet is saved
    beside it as sd15_controlnet/."""
    torch.set_num_threads(1)
    return tiny_models.save_sd15(tmp_path_factory.mktemp("models") / "sd15",
                                 with_controlnet=False)


def test_material_diffusers_writes_a_tiling_map_set_at_the_family_size(sd15, tmp_path):
    from ai_sets_addon.generation.materials import FAMILIES

    out = tmp_path / "m"
    assert cli.main(["material", "old red brick", "--backend", "diffusers", "--model",
                     str(sd15), "--size", "64", "--out", str(out), *FAST]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == ["old_red_brick.json"] + [f"old_red_brick_{m}.png" for m in MAPS]
    colour = read_png(out / "old_red_brick_base_color.png").astype(float)
    assert seam_step_ratio(colour, axis=1) <= 1.5 and seam_step_ratio(colour, axis=0) <= 1.5
    for name in MAPS:
        pixels = read_png(out / f"old_red_brick_{name}.png").astype(float)
        assert pixels.shape[:2] == (64, 64)
        for axis in (0, 1):
            assert seam_is_ordinary(pixels, axis), (name, axis)
    # Exact: the maps of the colour shifted across its edges are the maps shifted (every
    # filter wraps), so a tiling colour gives tiling maps.
    from ai_sets_addon.ai.pbr import pbr_from_colour

    maps, shifted = pbr_from_colour(colour), pbr_from_colour(np.roll(colour, (17, 29), (0, 1)))
    for name in ("height", "normal", "roughness", "ao"):
        back = np.roll(getattr(shifted, name), (-17, -29), (0, 1))
        assert np.allclose(back, getattr(maps, name), atol=1e-4), name
    side = json.loads((out / "old_red_brick.json").read_text())
    assert side["backend"] == "diffusers" and "Sobel" in side["pbr_method"]
    assert side["tile_size_m"] == [FAMILIES["brick"].tile_m] * 2
    assert side["generated_size"] == 64 and side["size"] == 64
    assert side["model"]["family"] == "sd15"                # text-to-image, no ControlNet


def test_controlnet_is_loaded_only_when_named_and_changes_nothing_in_a_tile(sd15, tmp_path):
    """--controlnet takes the control path (the sidecar says so); a flat control at
    scale 0 adds nothing, so the plain path paints the same tile without the network."""
    plain, control = tmp_path / "plain", tmp_path / "control"
    base = ["material", "rusty metal", "--backend", "diffusers", "--model", str(sd15),
            "--size", "64", *FAST]
    assert cli.main([*base, "--out", str(plain)]) == 0
    assert cli.main([*base, "--out", str(control), "--controlnet",
                     str(sd15.parent / "sd15_controlnet")]) == 0
    families = [json.loads((d / "rusty_metal.json").read_text())["model"]["family"]
                for d in (plain, control)]
    assert families == ["sd15", "sd15-controlnet"]
    a, b = (read_png(d / "rusty_metal_base_color.png").astype(int) for d in (plain, control))
    assert np.abs(a - b).max() <= 1 and a.std() > 0


def test_paint_without_a_depth_model_exits_2_and_says_what_to_pass(sd15, tmp_path, capsys):
    target = tmp_path / "set"
    assert cli.main(["paint", str(target), "--demo", "--model", str(sd15), "--steps", "1",
                     "--resolution", "64x64"]) == 2
    err = capsys.readouterr().err
    assert "no depth control model" in err and "painting" in err and "--controlnet PATH" in err
    assert not (target / "paint").exists()


def test_material_without_a_family_word_tiles_one_metre(sd15, tmp_path):
    out = tmp_path / "m"
    assert cli.main(["material", "mother of pearl inlay", "--backend", "diffusers",
                     "--model", str(sd15), "--size", "128", "--out", str(out), *FAST]) == 0
    side = json.loads((out / "mother_pearl_inlay.json").read_text())
    assert side["tile_size_m"] == [1.0, 1.0] and side["tile_family"] is None
    assert side["generated_size"] == 64                  # painted at 64, resampled to 128
    assert read_png(out / "mother_pearl_inlay_normal.png").shape == (128, 128, 3)


def test_resampling_keeps_a_tile_tiling():
    """A periodic pattern resampled 64 -> 128 (and 2:1 panoramas 128 -> 256 wide) lands
    on the same periodic pattern: neighbours are taken across the edges, not clamped."""
    from ai_sets_addon.ai.seamless import resample_wrapped

    def wave(n: int, m: int) -> np.ndarray:
        y, x = (np.mgrid[0:n, 0:m] + 0.5) / [[[n]], [[m]]]
        return (np.sin(2 * np.pi * x) * np.cos(4 * np.pi * y))[..., None]

    assert np.abs(resample_wrapped(wave(64, 64), 128, 128) - wave(128, 128)).max() < 0.01
    wide = resample_wrapped(wave(64, 128), 128, 256, wrap_rows=False)
    assert np.abs(wide - wave(128, 256))[4:-4].max() < 0.01   # rows clamp at the poles
    truth = seam_step_ratio(wave(128, 256), axis=1)       # the wave is steepest at 0°
    assert seam_step_ratio(wide, axis=1) == pytest.approx(truth, rel=0.02)


def test_sky_diffusers_writes_exr_png_json_and_wraps(sd15, tmp_path):
    out = tmp_path / "sky" / "glen.exr"
    assert cli.main(["sky", "a misty glen at noon", "--backend", "diffusers", "--model",
                     str(sd15), "--width", "256", "--out", str(out), *FAST]) == 0
    names = sorted(p.name for p in out.parent.iterdir())
    assert names == ["glen.exr", "glen.json", "glen.png", "glen_ldr.png"]
    rgb = read_exr(out)
    assert rgb.shape[:2] == (128, 256) and np.isfinite(rgb).all() and rgb.max() > 0
    assert seam_is_ordinary(np.log1p(rgb), axis=1)                 # 0° meets 360°
    assert seam_is_ordinary(read_png(out.parent / "glen_ldr.png").astype(float), axis=1)
    side = json.loads((out.parent / "glen.json").read_text())
    assert side["backend"] == "diffusers" and side["generation"]["generated_width"] == 128
    assert "exposure_ev" in side and side["sun"]["found"] in (True, False)


def test_prepared_set_takes_materials_and_sky_from_the_ai_backends(sd15, tmp_path):
    from ai_sets_addon.model.ai_settings import AiSettings
    from ai_sets_addon.generation.prepare import BuildOptions, prepare_set
    from ai_sets_addon.setfile import read_set

    options = BuildOptions(texture_size=256, hdri_width=512, material_backend="diffusers",
                           sky_backend="diffusers",
                           ai=AiSettings(model=str(sd15), steps=2, model_size=64))
    from ai_sets_addon.ai.backends import backends_for

    prepare_set("a concrete room at noon", 1, tmp_path / "set", options, backends=backends_for)
    doc = read_set(tmp_path / "set")
    textured = [m for m in doc.materials.values() if m.kind == "textured"]
    assert textured and all(m.params["backend"] == "diffusers" for m in textured)
    assert all(m.family == "ai" and set(m.maps) >= set(MAPS) for m in textured)
    assert {m.params["model"]["model"] for m in textured} == {str(sd15)}
    assert doc.sky.params["backend"] == "diffusers" and not doc.sky.sun_in_map
    sky = json.loads((tmp_path / "set" / "sky.json").read_text())
    # The Sun lamp takes the lifted sun (or, when the panorama shows none, points where
    # the words put it, at zero strength): the same figures as the sidecar's.
    if sky["sun"]["found"]:
        assert doc.sky.sun_azimuth_deg == pytest.approx(sky["sun"]["azimuth_deg"])
        assert doc.sky.sun_irradiance_w_m2 == pytest.approx(sky["sun"]["irradiance_w_m2"])
    else:
        assert doc.sky.sun_irradiance_w_m2 == 0.0 and doc.sky.sun_elevation_deg > 30


def test_sky_light_takes_the_disc_out_of_the_map_for_the_lamp():
    """A lifted map with a found sun: in a set the disc leaves the map (the lamp carries
    the same irradiance), the rest of the sky is untouched."""
    from types import SimpleNamespace

    from ai_sets_addon.ai.backends import sky_light
    from ai_sets_addon.generation.sky.bodies import draw_disc

    sky = np.full((128, 256, 3), 2.0, np.float32)
    irradiance = np.array([900.0, 850.0, 800.0])
    with_disc = sky.copy()
    draw_disc(with_disc, 40.0, 120.0, 0.2665, irradiance)
    sun = SimpleNamespace(found=True, elevation_deg=40.0, azimuth_deg=120.0)
    result = SimpleNamespace(sun=sun, rgb=with_disc, irradiance_rgb=irradiance,
                             irradiance=float(irradiance @ [0.2126, 0.7152, 0.0722]))
    clean, key = sky_light(result, sun_in_map=False, fallback_sun=(10.0, 0.0))
    assert np.allclose(clean, sky, atol=1e-2) and with_disc.max() > 100 * clean.max()
    assert key["elevation_deg"] == 40.0 and key["azimuth_deg"] == 120.0
    assert key["irradiance_w_m2"] == pytest.approx(result.irradiance)
    kept, _ = sky_light(result, sun_in_map=True, fallback_sun=(10.0, 0.0))
    assert kept.max() == pytest.approx(with_disc.max())


@pytest.mark.parametrize("command", ["material", "sky"])
def test_missing_model_or_pickle_exits_2_and_writes_nothing(sd15, tmp_path, capsys, command):
    out = tmp_path / "out"
    target = str(out / "sky.exr") if command == "sky" else str(out)
    base = [command, "old red brick at noon", "--backend", "diffusers", "--out", target,
            "--width" if command == "sky" else "--size", "256", *FAST]
    assert cli.main(base) == 2
    assert "needs a model" in capsys.readouterr().err
    assert cli.main(base + ["--model", str(tmp_path / "nowhere")]) == 2
    assert "no model at" in capsys.readouterr().err
    ckpt = tmp_path / "model.ckpt"
    torch.save({"state_dict": {"model.diffusion_model.x": torch.zeros(1),
                               "cond_stage_model.y": torch.zeros(1)}}, ckpt)
    assert cli.main(base + ["--model", str(ckpt)]) == 2
    assert "--allow-pickle" in capsys.readouterr().err
    assert not out.exists()


def test_build_refuses_a_diffusers_backend_without_a_model(tmp_path):
    from ai_sets_addon.core.errors import InputError
    from ai_sets_addon.generation.prepare import BuildOptions, prepare_set

    options = BuildOptions(texture_size=256, hdri_width=512, material_backend="diffusers")
    with pytest.raises(InputError, match="needs a model"):
        prepare_set("a concrete room", 1, tmp_path / "set", options)
    with pytest.raises(InputError, match="AI package's factory"):   # a model, but no factory
        options.ai = {"model": str(tmp_path / "m")}
        prepare_set("a concrete room", 1, tmp_path / "set", options)
    with pytest.raises(InputError, match="unknown sky backend"):
        BuildOptions(sky_backend="magic").validate()
    assert not (tmp_path / "set").exists()
