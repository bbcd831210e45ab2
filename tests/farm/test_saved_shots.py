"""Saved shots (scouting's shot list) in a batch job: `shots_file` + `saved = ...`,
checked with line numbers before any work, expanded into renders named by the shot's
slug, and rendered with the camera exactly as saved under the sky of its hour."""

from __future__ import annotations

import json
import math
import struct
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from ai_sets_addon.cli import main
from ai_sets_addon.farm import jobfile, tasks
from ai_sets_addon.scout import cameras
from ai_sets_addon.scout.shots import Shot, shots_json

from farm_helpers import REPO, TINY_SET, needs_cluster_tools

HERO = Shot(name="Hero low angle", body="alexa35", lens_mm=40.0, squeeze=2.0,
            frame_line="2.39", focus_distance_m=3.0, t_stop=2.8,
            location=(2.0, 1.5, 0.6), rotation_deg=(95.0, 4.0, 135.0), hour=12.5,
            sky={"time_of_day": "noon", "cloud_cover": "few", "sun_azimuth_deg": 210.0},
            note="looking up at the far wall")
WIDE = Shot(name="02 Wide window", body="super35", lens_mm=24.0,
            location=(2.7, 2.0, 1.6), rotation_deg=(88.0, 0.0, 145.0), hour=20.5)

JOBS = TINY_SET + """shots_file = "scout/shots.json"
{shots}"""


def write_shots(folder: Path, shots: list[Shot]) -> Path:
    path = folder / "scout" / "shots.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(shots_json(shots)), encoding="utf-8")
    return path


def jobs(tmp_path: Path, shots: str, saved: list[Shot] = (HERO, WIDE)) -> Path:
    write_shots(tmp_path, list(saved))
    path = tmp_path / "jobs.toml"
    path.write_text(JOBS.format(shots=shots), encoding="utf-8")
    return path


def problems_of(path: Path) -> list[tuple[int, str]]:
    with pytest.raises(jobfile.JobFileError) as caught:
        tasks.expand(jobfile.load(path))
    return [(p.line, p.message) for p in caught.value.problems]


def test_saved_shot_mistakes_are_reported_at_once_with_their_lines(tmp_path: Path) -> None:
    path = jobs(tmp_path, """
  [[set.shot]]
  saved = ["Hero low angle", "Nobody"]

  [[set.shot]]
  saved = "all"
  camera = "CAM_Wide_24mm"
  sky = "dusk"

  [[set.shot]]
  camera = "CAM_Wide_24mm"
  sky = "set"

  [[set.shot]]
  saved = 7

[[set]]
name = "other"
prompt = "a concrete room"
shots_file = "missing/shots.json"
  [[set.shot]]
  saved = "Hero low angle"

[[set]]
name = "none"
prompt = "a concrete room"
  [[set.shot]]
  saved = "all"
""")
    found = problems_of(path)
    assert [line for line, _ in found] == [14, 18, 19, 23, 26, 31, 39], found
    text = dict(found)
    assert "no shot called 'Nobody'" in text[14] and "Hero low angle" in text[14]
    assert "'camera' (scout cameras) or 'saved'" in text[18]
    assert "'sky' must be \"saved\"" in text[19] and "'dusk'" in text[19]
    assert "'sky' applies to saved shots only" in text[23]
    assert "not 7" in text[26]
    assert "missing/shots.json' does not exist" in text[31]
    assert "needs a shots_file" in text[39]
    assert main(["batch", str(path), "--out", str(tmp_path / "out")]) == 2
    assert not (tmp_path / "out").exists()


def test_a_damaged_shot_list_or_shot_is_reported_at_its_line(tmp_path: Path) -> None:
    bad = Shot(name="Bad body", body="arri_nope")
    path = jobs(tmp_path, '  [[set.shot]]\n  saved = "all"\n', [HERO, bad])
    found = problems_of(path)
    assert found[0][0] == 13 and "'Bad body' cannot be rendered" in found[0][1], found
    (tmp_path / "scout" / "shots.json").write_text('{"format": "other"}', encoding="utf-8")
    found = problems_of(path)
    assert found[0][0] == 11 and "cannot be read" in found[0][1], found


def test_dry_run_lists_saved_shots_by_slug(tmp_path: Path, capsys) -> None:
    path = jobs(tmp_path, """
  [[set.shot]]
  camera = "CAM_Wide_24mm"

  [[set.shot]]
  saved = "all"

  [[set.shot]]
  name = "hero-85"
  saved = "hero LOW angle"
  lens_mm = 85
  sky = "set"
""")
    renders = tasks.expand(jobfile.load(path)).of_kind("render")
    assert [t.shot_id for t in renders] == ["CAM_Wide_24mm", "hero-low-angle",
                                           "02-wide-window", "hero-85"]
    hero, wide, hero85 = renders[1:]
    assert hero.saved["name"] == "Hero low angle" and "note" not in hero.saved
    assert hero.resolution == cameras.fit_inside(2.39, (64, 36)) == (64, 26)
    assert wide.resolution == (64, 36)
    assert hero.sky_width == 512 and wide.sky_width == 0     # WIDE keeps the set's sky
    assert hero85.lens_mm == 85 and hero85.sky == "set" and hero85.sky_width == 0
    assert len({t.key for t in renders}) == 4

    assert main(["batch", str(path), "--out", str(tmp_path / "out"), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "render room-s0-dusk/hero-low-angle" in out and "room-s0-dusk/02-wide-window.png" in out
    assert "saved 'Hero low angle' ARRI ALEXA 35, 40 mm 2x anamorphic, 12:30 noon, 64x26" in out
    assert "85 mm 2x anamorphic, set sky" in out
    assert "5 tasks (1 prepare, 4 render)" in out and not (tmp_path / "out").exists()


def test_the_render_key_follows_the_shot_not_its_note(tmp_path: Path) -> None:
    def key(shot: Shot) -> str:
        path = jobs(tmp_path, '  [[set.shot]]\n  saved = "all"\n', [shot])
        return tasks.expand(jobfile.load(path)).of_kind("render")[0].key

    from dataclasses import replace

    first = key(HERO)
    assert key(replace(HERO, note="another note", thumbnail="shots/x.png")) == first
    assert key(replace(HERO, lens_mm=50.0)) != first
    assert key(replace(HERO, rotation_deg=(95.0, 4.0, 136.0))) != first


def test_example_with_saved_shots_expands() -> None:
    example = REPO / "examples" / "batch_saved_shots.toml"
    expansion = tasks.expand(jobfile.load(example))
    renders = expansion.of_kind("render")
    assert len(expansion.of_kind("prepare")) == 1 and len(renders) == 8
    assert renders[0].shot_id == "01-establishing"


def euler_matrix(location, rotation_deg) -> np.ndarray:
    """Blender's XYZ Euler (R = Rz Ry Rx) and a translation, from the saved values."""
    rx, ry, rz = (math.radians(a) for a in rotation_deg)
    x = np.array([[1, 0, 0], [0, math.cos(rx), -math.sin(rx)], [0, math.sin(rx), math.cos(rx)]])
    y = np.array([[math.cos(ry), 0, math.sin(ry)], [0, 1, 0], [-math.sin(ry), 0, math.cos(ry)]])
    z = np.array([[math.cos(rz), -math.sin(rz), 0], [math.sin(rz), math.cos(rz), 0], [0, 0, 1]])
    matrix = np.eye(4)
    matrix[:3, :3] = z @ y @ x
    matrix[:3, 3] = location
    return matrix


def test_saved_shot_renders_with_its_camera_and_its_hour(tmp_path: Path) -> None:
    """A local cluster, one worker: the set is prepared, the saved shot rendered at its
    fitted size with the camera as saved (matrix, lens, sensor, squeeze, focus, T-stop)
    under its own noon sky (the set is at dusk), frame lines burned in."""
    needs_cluster_tools()
    path = jobs(tmp_path, '  [[set.shot]]\n  saved = "Hero low angle"\n', [HERO])
    out = tmp_path / "out"
    command = [sys.executable, "-m", "ai_sets_addon", "batch", str(path), "--out", str(out),
               "--scheduler", "local", "--workers", "1"]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr

    png = out / "room-s0-dusk" / "hero-low-angle.png"
    assert struct.unpack(">II", png.read_bytes()[16:24]) == (64, 26)
    record = json.loads(png.with_suffix(".json").read_text())
    assert record["shot"] == "Hero low angle" and record["sky"] == "saved"
    camera = record["camera_data"]
    np.testing.assert_allclose(np.array(camera["matrix_world"]),
                               euler_matrix(HERO.location, HERO.rotation_deg), atol=1e-5)
    cap = cameras.capture(HERO.body, HERO.lens_mm, HERO.squeeze)
    assert camera["lens_mm"] == pytest.approx(40.0)
    assert camera["sensor_fit"] == "HORIZONTAL"
    assert camera["sensor_width_mm"] == pytest.approx(cap.sensor_width_mm, abs=1e-4)
    assert camera["sensor_height_mm"] == pytest.approx(cap.area_mm[1], abs=1e-4)
    assert (camera["dof"], camera["focus_distance_m"], camera["f_stop"],
            camera["aperture_ratio"]) == (True, pytest.approx(3.0), pytest.approx(2.8),
                                          pytest.approx(2.0))
    assert camera["frame_line"] == "2.39" and camera["squeeze"] == 2.0
    set_sun = json.loads((out / "room-s0-dusk" / "set" / "sky.json").read_text())
    assert record["sun_elevation_deg"] > 30 > set_sun["sun"]["elevation_deg"]   # noon, not dusk
    manifest = json.loads((out / "batch-manifest.json").read_text())
    assert set(manifest["tasks"]) == {"prepare room-s0-dusk",
                                      "render room-s0-dusk/hero-low-angle"}
