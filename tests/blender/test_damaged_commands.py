"""The Blender-facing commands (export, storyboard, previs) against damaged inputs,
busy sets, outputs in the way, full disks and signals: exit 2 with the file named,
nothing outside --out changed, the previous output byte for byte, no temporary file
left. One tiny set (no .blend, 256 px maps) is built once for the module; every run
is a glb/usd export (about a second) or a refusal before any render.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ai_sets_addon.cli import main
from ai_sets_addon.generation.prepare import BuildOptions, prepare_set
from ai_sets_addon.setfile import SetWriter
from ai_sets_addon.setfile.folder import write_manifest

SMALL = BuildOptions(texture_size=256, hdri_width=512)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def room(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cmds") / "room"
    prepare_set("an empty white room", 1, folder, SMALL)
    write_manifest(folder, {"kind": "test"})
    return folder


@pytest.fixture
def work(room, tmp_path) -> tuple[Path, Path]:
    """A copy of the set and an export folder holding a finished glb export."""
    copy = tmp_path / "room"
    shutil.copytree(room, copy)
    out = tmp_path / "out"
    assert main(["export", str(copy), "--format", "glb", "--out", str(out / "room.glb")]) == 0
    return copy, out


def tree(folder: Path) -> dict[str, str]:
    found = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        found[rel] = ("dir" if path.is_dir() else
                      hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "?")
    return found


def test_a_clean_glb_export_prints_no_exporter_warnings(room, tmp_path, capfd):
    assert main(["export", str(room), "--format", "glb", "--out", str(tmp_path / "a")]) == 0
    printed = capfd.readouterr()
    text = printed.out + printed.err
    assert "should not happen" not in text and "WARNING" not in text, text
    from ai_sets_addon.export import glb

    document, _ = glb.read(tmp_path / "a.glb")
    with_ao = [m for m in document["materials"] if "occlusionTexture" in m]
    assert with_ao and all("KHR_texture_transform" in m["occlusionTexture"].get(
        "extensions", {}) for m in with_ao if m["name"] != "ground")


def _damage_png(copy: Path) -> str:
    png = sorted((copy / "textures").glob("*base_color*.png"))[0]
    png.write_bytes(png.read_bytes()[:200])
    return png.name


def _sidecar_is_a_folder(copy: Path, out: Path) -> None:
    (out / "room.glb.aisets.json").unlink()
    (out / "room.glb.aisets.json").mkdir()


CASES = [
    ("out inside the set", lambda c, o: None, lambda c, o: c / "exports" / "x.glb",
     "inside the input set folder"),
    ("a damaged base colour map", lambda c, o: _damage_png(c), lambda c, o: o / "room.glb",
     "base_color"),
    ("the sidecar's name taken by a folder", _sidecar_is_a_folder,
     lambda c, o: o / "room.glb", "is not the sidecar"),
    ("a user's file under the glb's name", lambda c, o: (o / "mine.glb").write_bytes(b"x"),
     lambda c, o: o / "mine.glb", "was not written by ai-sets export"),
]


@pytest.mark.parametrize("case,damage,target,message", CASES, ids=[c[0] for c in CASES])
def test_export_refuses_and_leaves_everything_as_it_was(work, case, damage, target, message,
                                                        capsys):
    copy, out = work
    damage(copy, out)
    before_set, before_out = tree(copy), tree(out)
    assert main(["export", str(copy), "--format", "glb", "--out",
                 str(target(copy, out))]) == 2
    assert message in capsys.readouterr().err
    assert tree(copy) == before_set and tree(out) == before_out


def test_usd_export_never_touches_a_users_textures_folder(work, capsys):
    copy, out = work
    (out / "room_textures").mkdir()
    (out / "room_textures" / "a.psd").write_bytes(b"the user's layers")
    before = tree(out)
    assert main(["export", str(copy), "--format", "usd", "--out", str(out / "room.usd")]) == 2
    assert "room_textures" in capsys.readouterr().err
    assert tree(out) == before


def test_a_set_being_rebuilt_is_refused_naming_the_writer(work, capsys):
    copy, out = work
    before = tree(out)
    with SetWriter(copy):
        assert main(["export", str(copy), "--format", "glb", "--out",
                     str(out / "room.glb")]) == 2
        assert f"pid {os.getpid()}" in capsys.readouterr().err
        for command in (["storyboard", str(copy), "--out", str(out / "sb")],
                        ["previs", str(copy), "--out", str(out / "pv"), "--move", "dolly"]):
            assert main(command) == 2
            assert "being written" in capsys.readouterr().err
    assert tree(out) == before


def test_storyboard_and_previs_refuse_an_out_inside_the_set(work, capsys):
    copy, _ = work
    before = tree(copy)
    for command in (["storyboard", str(copy), "--out", str(copy / "board")],
                    ["previs", str(copy), "--out", str(copy), "--move", "pan"]):
        assert main(command) == 2
        assert "the input" in capsys.readouterr().err      # inside it, or it itself
    assert tree(copy) == before


def _export_child(copy: Path, out: Path, env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "ai_sets_addon", "export", str(copy), "--format", "usd",
         "--out", str(out / "room.usd")], cwd=ROOT, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env})


@pytest.mark.skipif(__import__("bpy").app.version < (5, 0, 0),
                    reason="Blender 4.5's USD writer crashes (SIGSEGV) when a file-size limit "
                           "cuts its write; Blender 5 reports it")
def test_a_full_disk_on_usd_is_exit_2_with_what_to_do(work):
    copy, out = work
    before = tree(out)
    child = subprocess.run(
        [sys.executable, "-c", "import resource, signal, sys; "
         "signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
         "resource.setrlimit(resource.RLIMIT_FSIZE, (40_000, 40_000)); "
         "from ai_sets_addon.cli import main; "
         f"sys.exit(main(['export', {str(copy)!r}, '--format', 'usd', '--out', "
         f"{str(out / 'room.usd')!r}]))"],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert child.returncode == 2, child.stderr[-2000:]
    assert "size limit" in child.stderr and str(out) in child.stderr
    assert tree(out) == before                       # no staging folder, old glb intact


def test_sigterm_mid_publish_leaves_the_previous_export_and_nothing_else(work, monkeypatch,
                                                                          capsys):
    copy, out = work
    assert main(["export", str(copy), "--format", "usd", "--out", str(out / "room.usd")]) == 0
    before = tree(out)
    temp = out.parent / "tmp"                 # Blender's session folder goes in $TMPDIR
    temp.mkdir()
    child = _export_child(copy, out, {"AISETS_FAULT_AT": "publish", "AISETS_FAULT_HANG_S": "60",
                                      "TMPDIR": str(temp)})
    deadline = time.monotonic() + 60
    line = ""
    while "AISETS_FAULT_POINT publish" not in line and time.monotonic() < deadline:
        line = child.stderr.readline()
    child.send_signal(signal.SIGTERM)
    assert child.wait(30) == 143
    assert tree(out) == before                # the previous export, no stage, no lock
    assert list(temp.iterdir()) == []         # nor Blender's temporary folder
    monkeypatch.setenv("AISETS_FAULT_AT", "publish")       # a full disk mid-publish
    monkeypatch.setenv("AISETS_FAULT_ACTION", "enospc")
    assert main(["export", str(copy), "--format", "usd", "--out", str(out / "room.usd")]) == 2
    assert "disk is full" in capsys.readouterr().err
    assert tree(out) == before                # rolled back byte for byte
