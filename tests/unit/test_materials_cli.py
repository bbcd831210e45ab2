"""`ai-sets material`: words in, map files out; bad input exits 2 with a clear message."""

from __future__ import annotations

import json

import pytest

from ai_sets_addon.cli import main


def test_bad_size_exits_2_and_names_the_range(tmp_path, capsys):
    assert main(["material", "old brick", "--size", "100000", "--out", str(tmp_path)]) == 2
    assert "64..8192" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_material_command_writes_maps_per_surface(tmp_path):
    rc = main(["material", "old red brick walls, wet cobblestone ground", "--size", "64",
               "--out", str(tmp_path), "--seed", "4"])
    assert rc == 0
    names = {p.name for p in tmp_path.iterdir()}
    for key in ("old_red_brick", "wet_cobblestone"):
        assert {f"{key}_base_color.png", f"{key}_normal.png", f"{key}_roughness.png",
                f"{key}_height.png", f"{key}_ao.png", f"{key}.json"} <= names
    walls = json.loads((tmp_path / "old_red_brick.json").read_text())
    assert walls["family"] == "brick" and walls["seed"] == 4
    assert "old" in walls["modifiers"] and walls["colour"] == "red"
    floor = json.loads((tmp_path / "wet_cobblestone.json").read_text())
    assert floor["family"] == "cobblestone" and "wet" in floor["modifiers"]


def test_french_words_work(tmp_path):
    from ai_sets_addon.cli.material import requests_from_prompt

    reqs = requests_from_prompt("un mur en béton sale et mouillé", 1)
    assert reqs[0].family == "concrete" and "wet" in reqs[0].modifiers


def test_prompt_without_material_exits_2(tmp_path, capsys):
    assert main(["material", "at noon", "--size", "64", "--out", str(tmp_path)]) == 2
    assert "no material" in capsys.readouterr().err


def test_files_are_named_after_the_material(tmp_path):
    assert main(["material", "mossy red brick", "--size", "64", "--out", str(tmp_path)]) == 0
    names = {p.name for p in tmp_path.iterdir()}
    assert {"mossy_red_brick_base_color.png", "mossy_red_brick.json"} <= names
    assert not any(name.startswith("walls") for name in names)


def test_preview_is_wide_enough_to_judge_by_default():
    from ai_sets_addon.cli import make_parser

    args = make_parser().parse_args(["material", "brick", "--out", "x", "--preview"])
    assert args.preview_width >= 1024
