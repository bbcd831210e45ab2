"""Faults are part of the contract: a build killed, interrupted or failing at any stage
boundary leaves the previous set in --out whole (its manifest verifies byte for byte);
two builds into one folder give one set and one clear refusal.

Stages are stopped with the AISETS_FAULT_AT hook (core/faults.py): the build
prints `AISETS_FAULT_POINT <stage>` and waits there to be killed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import bpy
import pytest

from ai_sets_addon.setfile import verify

# The pipeline's fault handling is Blender-independent Python: run the suite once, with
# the newest Blender (scripts/test.sh runs tests/blender again with 4.5).
pytestmark = pytest.mark.skipif(bpy.app.version < (5, 0, 0),
                                reason="fault suite runs once, with Blender 5.x")

SMALL = ["--texture-size", "256", "--hdri-width", "512"]
PROMPT_OLD, PROMPT_NEW = "a concrete room at noon", "an alley at night in the rain"
RENDER = ["--render", "--resolution", "64x36", "--samples", "2"]
# Every stage boundary of a build, in order (AISETS_FAULT_AT hooks).
STAGES = ("parse", "layout", "assets", "write", "meter", "scene", "render", "blend",
          "manifest", "swap")
# SIGKILL and SIGTERM (what a farm or a shell sends) at every boundary; SIGINT (Ctrl-C)
# at those that differ in kind: threads running, Blender rendering, the swap to come.
CASES = ([(sig, stage) for sig in ("SIGKILL", "SIGTERM") for stage in STAGES]
         + [("SIGINT", stage) for stage in ("assets", "render", "swap")])
EXPECTED_CODE = {"SIGKILL": -9, "SIGTERM": 143, "SIGINT": 130}


def start_build(out: Path, prompt: str, env: dict[str, str] | None = None, *extra: str
                ) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "ai_sets_addon", "build", prompt, "--out",
                             str(out), "--seed", "3", *SMALL, *RENDER, *extra],
                            # stdout unread: a full pipe (Blender's render log) would
                            # block the build while the test waits on stderr
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                            # a hung build dumps its threads' stacks on SIGABRT
                            env={**os.environ, "PYTHONFAULTHANDLER": "1", **(env or {})})


def wait_for_marker(proc: subprocess.Popen, stage: str, timeout: float = 300) -> None:
    """Read the build's stderr until it says it reached `stage`, on a thread that stops
    there; a build that hangs silently fails the test at `timeout` (a bare readline
    waits for ever: a deadlocked build once held the suite until CI's own limit), with
    its threads' Python stacks in the message."""
    marker = f"AISETS_FAULT_POINT {stage}"
    seen, lines = threading.Event(), []

    def read() -> None:
        for line in iter(proc.stderr.readline, ""):
            if marker in line:
                seen.set()
                return
            lines.append(line)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout)
    if seen.is_set():
        return
    proc.send_signal(signal.SIGABRT)
    reader.join(20)
    proc.kill()
    stacks = "".join(lines[-80:])
    raise AssertionError(f"build never reached stage '{stage}' in {timeout:g} s:\n{stacks}")


@pytest.fixture(scope="module")
def old_set(tmp_path_factory):
    out = tmp_path_factory.mktemp("faults") / "set"
    proc = start_build(out, PROMPT_OLD)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    return out


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("signame,stage", CASES, ids=[f"{s}-{t}" for s, t in CASES])
def test_a_killed_rebuild_leaves_the_previous_set_whole(old_set, signame, stage):
    before = snapshot(old_set)
    proc = start_build(old_set, PROMPT_NEW, {"AISETS_FAULT_AT": stage})
    wait_for_marker(proc, stage)
    proc.send_signal(getattr(signal, signame))
    proc.communicate(timeout=60)
    assert proc.returncode == EXPECTED_CODE[signame], (signame, stage, proc.returncode)
    assert verify(old_set) == []
    assert snapshot(old_set) == before


def test_the_next_build_cleans_what_a_killed_one_left(old_set):
    proc = start_build(old_set, PROMPT_OLD, {"AISETS_FAULT_AT": "write"})
    wait_for_marker(proc, "write")
    proc.kill()
    proc.wait()
    assert list(old_set.parent.glob(f".{old_set.name}.staging-*"))
    rebuilt = start_build(old_set, PROMPT_OLD)
    _, err = rebuilt.communicate(timeout=600)
    assert rebuilt.returncode == 0, err
    assert not list(old_set.parent.glob(f".{old_set.name}.staging-*"))
    assert verify(old_set) == []


def test_disk_full_is_exit_2_and_the_previous_set_is_whole(old_set):
    before = snapshot(old_set)
    proc = start_build(old_set, PROMPT_NEW, {"AISETS_FAULT_AT": "write",
                                             "AISETS_FAULT_ACTION": "enospc"})
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 2, err
    assert "space" in err.lower()
    assert snapshot(old_set) == before
    assert not list(old_set.parent.glob(f".{old_set.name}.staging-*"))


@pytest.fixture
def small_disk(tmp_path):
    """A real filesystem with little room: a tmpfs where this machine lets us mount one
    (root, Linux); elsewhere the injected ENOSPC above stands in for it."""
    import shutil

    mount = tmp_path / "disk"
    mount.mkdir()
    if sys.platform != "linux" or os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root on Linux; the injected ENOSPC covers this")

    def mount_with(size_bytes: int) -> Path:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_bytes}", "tmpfs",
                               str(mount)], capture_output=True, text=True)
        if done.returncode:
            pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip()})")
        return mount

    yield mount_with
    subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_a_full_real_disk_is_exit_2_and_the_previous_set_is_whole(old_set, small_disk):
    """The previous set on a tmpfs with room for half of it again: the new set's
    staging fills the disk, the build says so (exit 2), the old set verifies."""
    import shutil

    size = sum(p.stat().st_size for p in old_set.rglob("*") if p.is_file())
    disk = small_disk(int(size * 1.5) + (1 << 20))
    here = disk / "set"
    shutil.copytree(old_set, here)
    before = snapshot(here)
    proc = start_build(here, PROMPT_NEW)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 2, err[-2000:]
    assert "space" in err.lower(), err[-2000:]
    assert snapshot(here) == before and verify(here) == []
    assert not list(disk.glob(".set.staging-*"))


def test_a_bug_is_exit_1_and_the_previous_set_is_whole(old_set):
    before = snapshot(old_set)
    proc = start_build(old_set, PROMPT_NEW, {"AISETS_FAULT_AT": "scene",
                                             "AISETS_FAULT_ACTION": "bug"})
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 1, err
    assert snapshot(old_set) == before


def test_two_builds_into_one_folder_give_one_set_and_one_refusal(old_set):
    first = start_build(old_set, PROMPT_NEW, {"AISETS_FAULT_AT": "assets",
                                              "AISETS_FAULT_HANG_S": "3"})
    wait_for_marker(first, "assets")
    second = start_build(old_set, PROMPT_OLD)
    _, err2 = second.communicate(timeout=600)
    assert second.returncode == 2
    assert "being written by another AI Sets run" in err2 and f"pid {first.pid}" in err2
    _, err1 = first.communicate(timeout=600)
    assert first.returncode == 0, err1
    assert verify(old_set) == []


def test_a_folder_that_is_not_a_set_is_never_replaced(tmp_path):
    mine = tmp_path / "my_documents"
    mine.mkdir()
    (mine / "thesis.txt").write_text("precious")
    proc = start_build(mine, PROMPT_OLD)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 2 and "not an AI Sets set folder" in err
    assert (mine / "thesis.txt").read_text() == "precious"
