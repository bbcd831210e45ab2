"""`ai-sets build` headless: outputs, manifest, exit codes, nothing half-written."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ai_sets_addon.core.fileio import read_png, sha256_of

SMALL = ["--texture-size", "256", "--hdri-width", "512"]


def ai_sets(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ai_sets_addon", *args], capture_output=True,
                          text=True, timeout=600, cwd=cwd)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("build") / "set"
    proc = ai_sets("build", "a concrete room at noon", "--out", str(out), "--seed", "4",
                   "--render", "--resolution", "160x90", "--samples", "4", *SMALL)
    return out, proc


def test_build_writes_every_output_with_a_manifest(built):
    out, proc = built
    assert proc.returncode == 0, proc.stderr
    for name in ("set.json", "set.blend", "sky.exr", "sky.png", "sky.json", "manifest.json",
                 "preview.png"):
        assert (out / name).is_file(), name
    assert list((out / "textures").glob("*_base_color.png"))
    assert list((out / "meshes").glob("*.npz"))
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["prompt"] == "a concrete room at noon" and manifest["seed"] == 4
    assert json.loads((out / "set.json").read_text())["spec"]["time_of_day"] == "noon"
    assert {"parse", "layout", "assets", "scene", "render", "save"} <= set(manifest["timings_s"])
    assert manifest["versions"]["blender"].startswith(("4.5", "5."))
    on_disk = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert sorted(manifest["files"]) == [n for n in on_disk if n != "manifest.json"]
    for name, entry in manifest["files"].items():
        assert sha256_of(out / name) == entry["sha256"], name
    assert "exposure" in proc.stdout and "EV" in proc.stdout
    assert not [p for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.staging")]


def test_preview_is_a_sensibly_exposed_picture(built):
    out, _ = built
    pixels = read_png(out / "preview.png").astype(float)
    assert pixels.shape == (90, 160, 3)
    luma = pixels.mean(axis=2)
    assert 40 < luma.mean() < 200, "preview is black or washed out"
    assert (luma >= 254).mean() < 0.05, "too many clipped pixels"


def test_same_seed_gives_identical_assets(built, tmp_path):
    out, _ = built
    again = tmp_path / "again"
    proc = ai_sets("build", "a concrete room at noon", "--out", str(again), "--seed", "4", *SMALL)
    assert proc.returncode == 0, proc.stderr
    first = json.loads((out / "manifest.json").read_text())["files"]
    second = json.loads((again / "manifest.json").read_text())["files"]
    compared = [name for name in second if name.startswith(("textures/", "sky", "meshes/"))
                or name == "set.json"]
    assert len(compared) > 20
    for name in compared:
        assert first[name]["sha256"] == second[name]["sha256"], name


@pytest.mark.parametrize("args,needle", [
    (["build", "   ", "--out", "{out}"], "prompt"),
    (["build", "a room", "--out", "{out}", "--resolution", "wide"], "WIDTHxHEIGHT"),
    (["build", "a room", "--out", "{out}", "--texture-size", "3"], "texture size"),
    (["build", "a room", "--out", "{out}", "--hdri-width", "100000"], "HDRI width"),
])
def test_bad_input_exits_2_with_a_fix_and_writes_nothing(tmp_path, args, needle):
    out = tmp_path / "out"
    proc = ai_sets(*[a.replace("{out}", str(out)) for a in args])
    assert proc.returncode == 2, proc.stderr
    assert needle.lower() in proc.stderr.lower()
    assert not out.exists() or not any(out.rglob("*"))


def test_unwritable_output_is_bad_input(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    proc = ai_sets("build", "a room", "--out", str(blocker / "set"), *SMALL)
    assert proc.returncode == 2
    assert "folder" in proc.stderr


def test_the_saved_blend_names_the_published_folder(built, empty_scene):
    import bpy

    out, _ = built
    with bpy.data.libraries.load(str(out / "set.blend")) as (source, target):
        target.collections = list(source.collections)
    roots = [c for c in target.collections if c and c.get("ai_sets_folder")]
    assert roots and Path(roots[0]["ai_sets_folder"]) == out.absolute()
    images = [i for i in bpy.data.images if i.library]
    assert all(not i.filepath.startswith("//..") or ".staging" not in i.filepath
               for i in images)
    bpy.data.batch_remove([c for c in target.collections if c])


def test_build_with_paint_bakes_the_painting_into_the_scene(tmp_path, empty_scene):
    """--paint: the (test) painter paints the staged set, the scene mixes the painting
    over the procedural materials, and the manifest covers paint/ too."""
    import bpy

    from ai_sets_addon.setfile import verify

    out = tmp_path / "painted"
    proc = ai_sets("build", "a concrete room at noon", "--out", str(out), "--seed", "2",
                   *SMALL, "--paint", "--paint-option=--painter=test",
                   "--paint-option=--resolution=128x80")
    assert proc.returncode == 0, proc.stderr
    assert verify(out) == []
    manifest = json.loads((out / "manifest.json").read_text())
    assert "paint/paint.json" in manifest["files"] and "paint" in manifest["timings_s"]
    with bpy.data.libraries.load(str(out / "set.blend")) as (source, target):
        target.materials = [m for m in source.materials if "(painted" in m]
    assert len(target.materials) >= 3
    bpy.data.batch_remove([m for m in target.materials if m])


def test_paint_options_without_paint_are_refused(tmp_path):
    proc = ai_sets("build", "a room", "--out", str(tmp_path / "x"), "--model", "m", *SMALL)
    assert proc.returncode == 2 and "--paint" in proc.stderr
