"""`ai-sets sky`: words (EN/FR) and place/time to files; bad input -> exit 2, no files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


from ai_sets_addon.cli import main  # noqa: E402


def _sidecar(path: Path) -> dict:
    return json.loads(path.with_suffix(".json").read_text())


@pytest.mark.parametrize("prompt, key", [
    ("golden hour, few clouds", "golden_hour"),
    ("un ciel à l'heure dorée avec quelques nuages", "golden_hour"),
    ("a street at night", "night"),
    ("une rue au crépuscule", "dusk"),
])
def test_words_to_files(prompt: str, key: str, tmp_path: Path) -> None:
    out = tmp_path / "sky.exr"
    assert main(["sky", prompt, "--out", str(out), "--width", "512", "--seed", "3"]) == 0
    assert out.exists() and out.with_suffix(".png").exists()
    side = _sidecar(out)
    assert side["params"]["lights"]["time_of_day"] == key
    assert side["request"]["seed"] == 3


def test_place_and_time(tmp_path: Path) -> None:
    out = tmp_path / "paris.exr"
    code = main(["sky", "clear sky", "--out", str(out), "--width", "512", "--lat", "48.85",
                 "--lon", "2.35", "--datetime", "2024-06-21T14:00:00+02:00"])
    assert code == 0
    lights = _sidecar(out)["params"]["lights"]
    assert lights["source"] == "place_time" and 60 < lights["sun_elevation_deg"] < 66


@pytest.mark.parametrize("extra", [
    ["--width", "7"], ["--width", "100000"], ["--lat", "200", "--lon", "0", "--datetime",
                                              "2024-01-01T12:00Z"],
    ["--lat", "45", "--lon", "0", "--datetime", "not a date"],
])
def test_bad_input_exits_2_and_leaves_nothing(extra: list[str], tmp_path: Path, capsys) -> None:
    out = tmp_path / "sky.exr"
    assert main(["sky", "noon", "--out", str(out), *extra]) == 2
    assert "error" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_unwritable_output(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["sky", "noon", "--out", str(blocker / "sky.exr"), "--width", "512"]) == 2
    assert [p.name for p in tmp_path.iterdir()] == ["file"]


def test_a_sun_behind_a_cloud_is_said_to_be_hidden(tmp_path: Path, capsys) -> None:
    """'broken clouds' at sunset put a thick cloud in front of the 1° sun: its direct
    light is 1e-13 W/m². The summary printed that number as if it were a dim sun; it
    now says the sun is behind a cloud (and a clear sunset's does not)."""
    out = tmp_path / "fjord.exr"
    assert main(["sky", "sunset over a fjord with broken clouds", "--out", str(out),
                 "--width", "256"]) == 0
    line = capsys.readouterr().out
    assert _sidecar(out)["params"]["key_transmittance"] < 0.01
    assert "behind a cloud" in line and "no direct light" in line, line
    clear = tmp_path / "clear.exr"
    assert main(["sky", "sunset over a fjord, clear sky", "--out", str(clear),
                 "--width", "256"]) == 0
    assert "behind a cloud" not in capsys.readouterr().out
