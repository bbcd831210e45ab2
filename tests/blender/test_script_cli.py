"""`ai-sets script` headless on a one-scene script: every output, a re-run that renders
nothing, and a bad script that writes nothing (64x36 frames, 1 sample)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

SCRIPT = """Title: Smoke

INT. OFFICE - NIGHT

One desk lamp on. NINA stares at her PHONE.

NINA
Not now.
"""
TINY = ["--resolution", "64x36", "--samples", "1", "--texture-size", "256",
        "--hdri-width", "512"]


def ai_sets(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ai_sets_addon", "script", *args],
                          capture_output=True, text=True, timeout=600)


def test_script_to_storyboard_then_an_incremental_rerun(tmp_path):
    script = tmp_path / "smoke.fountain"
    script.write_text(SCRIPT, encoding="utf-8")
    out = tmp_path / "board"
    first = ai_sets(str(script), "--out", str(out), *TINY)
    assert first.returncode == 0, first.stderr
    for name in ("storyboard.pdf", "storyboard_001.png", "plots/01_overhead.png",
                 "shots.csv", "timeline.otio", "jobs.toml", "script.json",
                 "sets/01_office/set.json", "shots/01_office.json", "manifest.json"):
        assert (out / name).is_file(), name
    rows = list(csv.DictReader(open(out / "shots.csv", encoding="utf-8")))
    assert [r["size"] for r in rows] == ["WS", "MWS", "MCU", "INSERT"]
    frames = sorted((out / "frames").glob("*.png"))
    assert len(frames) == len(rows)
    from PIL import Image

    with Image.open(frames[1]) as image:
        assert image.height == 36 and image.width <= 64     # the body's aspect, fitted
        assert max(image.convert("L").getextrema()) > 20        # not a black frame
    record = json.loads((out / "script.json").read_text())
    mark = record["scenes"]["1"]["marks"][0]
    assert mark["character"] == "NINA" and abs(mark["z"]) < 0.05
    assert record["code"].startswith("ai_sets 0.")            # upgrades are fingerprinted
    _farm_render_stands_nina_on_her_mark(out, tmp_path / "farm", mark)
    before = {p.name: p.stat().st_ino for p in frames}

    again = ai_sets(str(script), "--out", str(out), *TINY)
    assert again.returncode == 0, again.stderr
    assert "built 0, kept 1" in again.stdout and "rendered 0, kept 1" in again.stdout
    assert {p.name: p.stat().st_ino for p in (out / "frames").glob("*.png")} == before

    bad = tmp_path / "bad.fountain"
    bad.write_text("INT. OFFICE - NIGHT\n\nok\n\nEXT. - DAY\n", encoding="utf-8")
    refused = ai_sets(str(bad), "--out", str(tmp_path / "none"), *TINY)
    assert refused.returncode == 2 and "bad.fountain:5" in refused.stderr
    assert not (tmp_path / "none").exists()


def _farm_render_stands_nina_on_her_mark(out, farm, mark):
    """The job file's render of shot 1B (the farm's own task and render process, tiny,
    on the script's set) has NINA's 1.75 m stand-in on the mark the storyboard used."""
    import os
    from dataclasses import replace
    from pathlib import Path

    from ai_sets_addon.farm import jobfile, tasks, work

    renders = tasks.expand(jobfile.load(out / "jobs.toml")).of_kind("render")
    task = next(t for t in renders if t.saved["name"].startswith("1B"))
    task = replace(task, resolution=(64, 36), samples=1)
    (farm / task.set_id).mkdir(parents=True)
    os.symlink(out / "sets" / "01_office", farm / task.set_id / tasks.SET_DIR)
    with open(farm / "render.log", "w", encoding="utf-8") as log:
        work.run_render(task, work.Context(Path(farm), {}), log)
    record = json.loads((farm / task.outputs()[0]).with_suffix(".json").read_text())
    (figure,) = record["stand_ins"]
    assert figure["name"].endswith("NINA") and abs(figure["height_m"] - 1.75) < 0.01
    assert figure["location"] == [round(mark[k], 4) for k in ("x", "y", "z")]
