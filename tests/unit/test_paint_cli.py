"""`ai-sets paint` and `ai-sets models`, in-process, offline."""

from __future__ import annotations

import json

import pytest

from ai_sets_addon import cli


def test_paint_demo_set_with_the_test_painter(tmp_path, capsys) -> None:
    code = cli.main(["paint", str(tmp_path), "--demo", "--painter", "test",
                     "--resolution", "64x48", "--density", "12", "--cameras",
                     "cam_east,cam_south", "--seed", "9"])
    assert code == 0
    data = json.loads((tmp_path / "paint" / "paint.json").read_text())
    assert data["cameras"] == ["cam_east", "cam_south"] and data["seed"] == 9
    assert data["prompt"] == "a concrete warehouse with wooden crates"   # the set's own
    assert data["resolution"] == [64, 48]
    assert set(data["parts"]) == {"floor", "back wall", "crate", "pillar"}
    assert "coverage" in capsys.readouterr().out


def test_bad_input_exits_2(tmp_path, capsys) -> None:
    base = ["paint", str(tmp_path), "--demo", "--resolution", "64x48", "--density", "8"]
    assert cli.main(base + ["--painter", "test", "--cameras", "nope"]) == 2
    assert "no camera named 'nope'" in capsys.readouterr().err
    assert cli.main(base + ["--painter", "test", "--resolution", "60x48"]) == 2
    assert cli.main(base) == 2
    assert "--model is required" in capsys.readouterr().err
    ckpt = tmp_path / "m.ckpt"
    ckpt.write_bytes(b"not really a pickle")
    assert cli.main(base + ["--model", str(ckpt)]) == 2
    assert "--allow-pickle" in capsys.readouterr().err
    assert cli.main(["paint", str(tmp_path / "empty"), "--painter", "test"]) == 2


def test_paint_with_a_tiny_model(tmp_path, capsys) -> None:
    pytest.importorskip("diffusers")
    import torch
    import tiny_models

    torch.set_num_threads(1)
    model = tiny_models.save_sd15(tmp_path / "sd15")
    code = cli.main(["paint", str(tmp_path / "set"), "--demo", "--model", str(model),
                     "--resolution", "64x64", "--steps", "2", "--density", "10",
                     "--cameras", "cam_south,cam_east", "--prompt", "old brick"])
    assert code == 0, capsys.readouterr().err
    data = json.loads((tmp_path / "set" / "paint" / "paint.json").read_text())
    assert data["model"]["family"] == "sd15-controlnet" and data["painter"] == "diffusers"
    assert data["prompt"] == "old brick" and data["steps"] == 2
    capsys.readouterr()
    assert cli.main(["models", str(tmp_path), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    names = {m["path"].rsplit("/", 1)[-1]: m for m in listed["models"]}
    assert names["sd15"]["usable"] and names["sd15_controlnet"]["kind"] == "controlnet"
