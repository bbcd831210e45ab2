"""Model detection without torch: single-file checkpoints by their tensor names, the
Hugging Face cache layout, and what `ai-sets models` says about refused files."""

from __future__ import annotations

import json

import numpy as np
import pytest

from ai_sets_addon.ai.models import inspect_model, list_models

safetensors_numpy = pytest.importorskip("safetensors.numpy")


def _file(path, *names):
    safetensors_numpy.save_file({n: np.zeros(1, np.float32) for n in names}, str(path))
    return path


@pytest.mark.parametrize("names, kind, family", [
    (("model.diffusion_model.input_blocks.0.0.weight",
      "cond_stage_model.transformer.text_model.embeddings.position_embedding.weight"),
     "pipeline", "sd15"),
    (("model.diffusion_model.input_blocks.0.0.weight",
      "conditioner.embedders.1.model.ln_final.weight"), "pipeline", "sdxl"),
    (("control_model.input_hint_block.0.weight",), "controlnet", "sd15"),
    (("controlnet_cond_embedding.conv_in.weight", "add_embedding.linear_1.weight"),
     "controlnet", "sdxl"),
    (("something.else",), "unknown", "unknown"),
])
def test_single_files_are_recognised_by_their_tensors(tmp_path, names, kind, family):
    info = inspect_model(_file(tmp_path / "m.safetensors", *names))
    assert (info.kind, info.family, info.format) == (kind, family, "safetensors")
    assert info.usable == (kind != "unknown")


def test_hf_cache_snapshots_and_refused_pickles_are_listed(tmp_path):
    snap = tmp_path / "models--org--depth" / "snapshots" / "abc123"
    snap.mkdir(parents=True)
    (snap / "config.json").write_text(json.dumps({"_class_name": "ControlNetModel"}))
    _file(snap / "diffusion_pytorch_model.safetensors", "x")
    (tmp_path / "old.ckpt").write_bytes(b"pickle")
    (tmp_path / "notes.txt").write_text("not a model")
    found = {m.path: m for m in list_models(tmp_path)}
    assert found[str(snap)].kind == "controlnet" and found[str(snap)].usable
    refused = found[str(tmp_path / "old.ckpt")]
    assert not refused.usable and "--allow-pickle" in refused.problems[0]
    assert len(found) == 2
