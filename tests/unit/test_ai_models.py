"""The diffusers backend with tiny random-weight models built here (no download, no
GPU): loading each family from folders and single files, pickles refused, clear errors
for incomplete folders, `list_models`, painting a set, determinism and cancel."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import tiny_models
from ai_sets_addon.ai import ModelRequest, inspect_model, list_models, load_pipeline
from ai_sets_addon.ai.painter import DiffusersPainter
from ai_sets_addon.core.errors import Cancelled, InputError
from ai_sets_addon.ai.paint import PaintOptions, paint_set
from ai_sets_addon.ai.paint.testset import demo_scene

torch = pytest.importorskip("torch")
pytest.importorskip("diffusers")


@pytest.fixture(scope="module")
def models(tmp_path_factory) -> Path:
    torch.set_num_threads(1)        # tiny models: threads only add contention
    root = tmp_path_factory.mktemp("models")
    tiny_models.save_sd15(root / "sd15")                       # + sd15_controlnet/
    tiny_models.save_sd15(root / "sd15_base", with_controlnet=False)
    tiny_models.save_sdxl(root / "sdxl")
    tiny_models.save_sdxl(root / "sdxl_adapter", adapter=True)
    tiny_models.save_sd15_single_file(root / "sd15", root / "sd15.safetensors")
    return root


def _scene():
    return demo_scene(density_px_per_m=12.0, resolution=(64, 64), cameras=2)


def _paint(model, seed: int = 1, steps: int = 3, **kw):
    return paint_set(_scene(), DiffusersPainter(model), PaintOptions(
        "a concrete room", seed=seed, steps=steps, **kw))


@pytest.mark.parametrize("name, family", [("sd15", "sd15-controlnet"),
                                          ("sdxl", "sdxl-controlnet"),
                                          ("sdxl_adapter", "sdxl-t2i-adapter")])
def test_each_family_loads_from_its_folder_and_paints(models, name, family) -> None:
    model = load_pipeline(ModelRequest(str(models / name)))
    assert model.family == family and model.device == "cpu" and model.dtype == "float32"
    result = _paint(model, steps=2)
    assert result.views[1].regions["keep"] > 0.0
    for colour, coverage in zip(result.colour, result.coverage):
        assert np.isfinite(colour).all() and 0.0 <= colour.min() and colour.max() <= 1.0
    assert max(c.max() for c in result.coverage) == 1.0


def test_base_and_controlnet_given_separately(models) -> None:
    model = load_pipeline(ModelRequest(str(models / "sd15_base"),
                                       controlnet=str(models / "sd15_controlnet")))
    assert model.family == "sd15-controlnet"
    with pytest.raises(InputError, match="--controlnet"):
        load_pipeline(ModelRequest(str(models / "sd15_base")))


@pytest.mark.parametrize("name, pipeline, family", [
    ("sd15_base", "StableDiffusionPipeline", "sd15"),
    ("sd15", "StableDiffusionPipeline", "sd15"),        # a saved ControlNet pipeline
    ("sdxl", "StableDiffusionXLPipeline", "sdxl")])
def test_materials_and_skies_load_text_to_image_and_no_control_network(
        models, name, pipeline, family) -> None:
    """Without --controlnet, AI materials and skies get the plain pipeline: no ControlNet
    or adapter is loaded (a saved ControlNet pipeline's own stays on disk), the tile
    still wraps, and painting with this model is refused with what to pass."""
    from diffusers import ControlNetModel, T2IAdapter

    from ai_sets_addon.ai.material import AiMaterialRequest, generate_tile
    from ai_sets_addon.ai.seamless import seam_step_ratio

    model = load_pipeline(ModelRequest(str(models / name)), needs_control=False)
    assert type(model.pipe).__name__ == pipeline
    assert (model.family, model.control_kind) == (family, None)
    assert not any(isinstance(part, (ControlNetModel, T2IAdapter))
                   for part in model.pipe.components.values())
    tile = generate_tile(model, AiMaterialRequest("rusty metal", "m", size=64, steps=1))
    assert tile.shape == (64, 64, 3) and tile.std() > 0
    assert max(seam_step_ratio(tile, 0), seam_step_ratio(tile, 1)) <= 2.0
    with pytest.raises(InputError, match="--controlnet PATH"):
        DiffusersPainter(model)


def test_single_file_checkpoint_matches_the_folder(models) -> None:
    """An original-layout .safetensors loads (configs from --config) to the same weights."""
    info = inspect_model(models / "sd15.safetensors")
    assert (info.kind, info.family, info.format) == ("pipeline", "sd15", "safetensors")
    single = load_pipeline(ModelRequest(str(models / "sd15.safetensors"),
                                        controlnet=str(models / "sd15_controlnet"),
                                        config=str(models / "sd15")))
    folder = load_pipeline(ModelRequest(str(models / "sd15")))
    for part in ("unet", "vae", "text_encoder"):
        a, b = getattr(single.pipe, part).state_dict(), getattr(folder.pipe, part).state_dict()
        assert a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a), part


def test_single_file_controlnet(models, tmp_path) -> None:
    from safetensors.torch import save_file
    import diffusers

    cn = diffusers.ControlNetModel.from_pretrained(models / "sd15_controlnet")
    path = tmp_path / "depth_cn.safetensors"
    save_file(cn.state_dict(), str(path))
    assert inspect_model(path).kind == "controlnet"


def test_pickles_are_refused_unless_allowed(models, tmp_path) -> None:
    ckpt = tmp_path / "model.ckpt"
    torch.save({"state_dict": {"model.diffusion_model.x": torch.zeros(1),
                               "cond_stage_model.y": torch.zeros(1)}}, ckpt)
    with pytest.raises(InputError, match="pickle.*--allow-pickle"):
        load_pipeline(ModelRequest(str(ckpt)))
    assert inspect_model(ckpt, allow_pickle=True).family == "sd15"
    folder = tmp_path / "bin_pipeline"
    shutil.copytree(models / "sd15", folder)
    unet = folder / "unet"
    from safetensors.torch import load_file
    torch.save(load_file(unet / "diffusion_pytorch_model.safetensors"),
               unet / "diffusion_pytorch_model.bin")
    (unet / "diffusion_pytorch_model.safetensors").unlink()
    with pytest.raises(InputError, match="pickled"):
        load_pipeline(ModelRequest(str(folder)))
    model = load_pipeline(ModelRequest(str(folder), allow_pickle=True))
    assert model.family == "sd15-controlnet"


def test_incomplete_folder_lists_what_is_expected(models, tmp_path) -> None:
    folder = tmp_path / "broken"
    shutil.copytree(models / "sd15", folder)
    shutil.rmtree(folder / "vae")
    (folder / "unet" / "diffusion_pytorch_model.safetensors").unlink()
    with pytest.raises(InputError) as info:
        load_pipeline(ModelRequest(str(folder)))
    message = str(info.value)
    assert f"missing folder {folder / 'vae'}/" in message
    assert "diffusion_pytorch_model.safetensors" in message and str(folder / "unet") in message
    with pytest.raises(InputError, match="model_index.json"):
        load_pipeline(ModelRequest(str(tmp_path)))
    with pytest.raises(InputError, match="not in the Hugging Face cache"):
        load_pipeline(ModelRequest("nobody/not-a-cached-model"))


def test_family_mismatch_is_refused(models) -> None:
    with pytest.raises(InputError, match="sd15"):
        load_pipeline(ModelRequest(str(models / "sdxl"),
                                   controlnet=str(models / "sd15_controlnet")))


def test_list_models(models) -> None:
    found = {Path(m.path).name: m for m in list_models(models)}
    assert found["sd15"].kind == "pipeline" and found["sd15"].control == "controlnet"
    assert found["sd15_controlnet"].kind == "controlnet"
    assert found["sdxl_adapter"].control == "t2i-adapter"
    assert found["sd15.safetensors"].format == "safetensors"
    assert all(m.usable and m.size_bytes > 0 for m in found.values())


def test_same_seed_same_textures(models) -> None:
    model = load_pipeline(ModelRequest(str(models / "sd15")))
    a, b, c = _paint(model, seed=4), _paint(model, seed=4), _paint(model, seed=5)
    assert all(np.array_equal(x, y) for x, y in zip(a.colour, b.colour))
    assert not all(np.array_equal(x, y) for x, y in zip(a.colour, c.colour))


def test_keep_regions_survive_the_model(models) -> None:
    """What the first view painted and the second only re-sees comes back unchanged."""
    model = load_pipeline(ModelRequest(str(models / "sd15")))
    first = _paint(model, cameras=["cam_south"])
    both = _paint(model, refine_ratio=1e9)
    solid = [c >= 1.0 for c in first.coverage]
    diffs = [np.abs(b[s] - f[s]).max(-1) for f, b, s in zip(first.colour, both.colour, solid)
             if s.sum() > 20]
    assert diffs and np.mean(np.concatenate(diffs) < 0.02) > 0.9


def test_cancel_between_steps(models) -> None:
    model = load_pipeline(ModelRequest(str(models / "sd15")))
    seen = []

    def progress(fraction, message):
        seen.append(message)

    calls = iter(range(100))
    with pytest.raises(Cancelled):
        paint_set(_scene(), DiffusersPainter(model), PaintOptions("x", steps=5), progress,
                  cancelled=lambda: next(calls) >= 2)
    assert any("step 1/5" in m for m in seen) and not any("step 5/5" in m for m in seen)


def test_no_torch_at_import() -> None:
    code = ("import sys, ai_sets_addon.ai, ai_sets_addon.ai.painter, "
            "ai_sets_addon.ai.paint, ai_sets_addon.ai.worker; "
            "assert 'torch' not in sys.modules and 'diffusers' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_python_without_diffusers_gets_an_install_hint(models, monkeypatch) -> None:
    """A good model in a Python lacking diffusers (e.g. Blender's own) is exit 2 with how
    to install it, not a traceback."""
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "diffusers" else real(name, *a))
    with pytest.raises(InputError, match=r"needs diffusers.*pip install"):
        load_pipeline(ModelRequest(str(models / "sd15")))
