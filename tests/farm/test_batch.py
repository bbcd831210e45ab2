"""`ai-sets batch` on a real Dask cluster on 127.0.0.1: a tiny batch completes and a
re-run skips it; a second batch into the same folder is refused; a worker killed with
SIGKILL mid-render is replaced and the batch finishes with every task recorded once;
a batch killed whole resumes with only the missing tasks."""

from __future__ import annotations

import json
import os
import signal
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from ai_sets_addon.core.fileio import sha256_of
from ai_sets_addon.setfile import verify

from farm_helpers import REPO, _wait_for, needs_cluster_tools

SHOTS = ("CAM_Wide_24mm", "CAM_Medium_35mm")
SET = "room-s0-dusk"
ALL_TASKS = {f"prepare {SET}"} | {f"render {SET}/{shot}" for shot in SHOTS}


def batch(jobs: Path, out: Path, *options: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "ai_sets_addon", "batch", str(jobs), "--out", str(out),
               *options]
    return subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})


def finish(proc: subprocess.Popen, timeout: float = 300) -> tuple[int, str]:
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, out + err


def manifest(out: Path) -> dict:
    return json.loads((out / "batch-manifest.json").read_text())


def assert_complete(out: Path) -> dict:
    data = manifest(out)
    assert set(data["tasks"]) == ALL_TASKS and not data["failed"]
    for entry in data["tasks"].values():
        for name, recorded in entry["outputs"].items():
            assert sha256_of(out / name) == recorded["sha256"], name
    assert verify(out / SET / "set") == []
    for shot in SHOTS:
        png = (out / SET / f"{shot}.png").read_bytes()
        assert struct.unpack(">II", png[16:24]) == (64, 36)
    hidden = [p.relative_to(out).as_posix() for p in out.rglob(".*")]
    assert hidden == [], hidden      # no work folder, temp file, lock or Dask space left
    return data


def renders_of(out: Path) -> list:
    import psutil

    found = []
    for proc in psutil.process_iter(["cmdline"]):
        cmd = proc.info["cmdline"] or []
        if "ai_sets_addon.blender.shot_render" in cmd and any(str(out) in c for c in cmd):
            found.append(proc)
    return found


@pytest.fixture(autouse=True)
def _tools() -> None:
    needs_cluster_tools()


def test_small_batch_completes_refuses_a_second_and_resumes(scheduler: str, jobs_file: Path,
                                                           tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = batch(jobs_file, out, "--scheduler", scheduler, "--workers", "2")
    _wait_for(lambda: (out / "batch-manifest.json").exists(), 60, "the batch did not start")
    code, text = finish(batch(jobs_file, out, "--scheduler", scheduler))
    assert code == 2 and "another batch is writing" in text, text
    code, text = finish(first)
    assert code == 0, text
    data = assert_complete(out)
    assert sorted(data["runs"][0]["ran"]) == sorted(ALL_TASKS)
    assert "done 3" in text and "render room-s0-dusk/CAM_Wide_24mm" in text   # progress, summary
    workers = {data["tasks"][f"render {SET}/{shot}"]["worker"] for shot in SHOTS}
    assert all(w.startswith("tcp://127.0.0.1:") for w in workers)

    code, text = finish(batch(jobs_file, out, "--scheduler", scheduler))
    assert code == 0, text
    again = manifest(out)
    assert again["runs"][-1]["ran"] == [] and sorted(again["runs"][-1]["skipped"]) == \
        sorted(ALL_TASKS)
    assert again["tasks"] == data["tasks"]


def test_worker_killed_mid_render_is_rescheduled(scheduler: str, jobs_file: Path,
                                                 tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = batch(jobs_file, out, "--scheduler", scheduler, "--workers", "2")
    _wait_for(lambda: renders_of(out), 180, "no render started")
    render = renders_of(out)[0]
    worker = render.parent()
    os.kill(worker.pid, signal.SIGKILL)              # the Dask worker running the shot
    _wait_for(lambda: not render.is_running(), 10, "the orphaned render kept running")
    code, text = finish(proc)
    assert code == 0, text
    data = assert_complete(out)
    ran = data["runs"][-1]["ran"]
    assert sorted(ran) == sorted(ALL_TASKS)          # each recorded once
    logs = [(out / e["log"]).read_text() for e in data["tasks"].values()]
    assert any(log.count("=== attempt") == 2 for log in logs)   # the killed one, again


def test_batch_killed_whole_resumes_with_only_the_missing(jobs_file: Path,
                                                         tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = batch(jobs_file, out, "--scheduler", "local", "--workers", "1")

    def one_render_recorded() -> bool:
        try:
            return any(k.startswith("render") for k in manifest(out)["tasks"])
        except (OSError, ValueError):
            return False

    _wait_for(one_render_recorded, 240, "no render finished")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    _wait_for(lambda: not renders_of(out), 15, "renders outlived the killed batch")
    before = manifest(out)
    done_before = set(before["tasks"])
    assert f"prepare {SET}" in done_before and len(done_before) == 2
    code, text = finish(batch(jobs_file, out, "--scheduler", "local", "--workers", "1"))
    assert code == 0, text
    data = assert_complete(out)
    last = data["runs"][-1]
    assert sorted(last["skipped"]) == sorted(done_before)
    assert sorted(last["ran"] + last["adopted"]) == sorted(ALL_TASKS - done_before)
    for task in done_before:
        assert data["tasks"][task] == before["tasks"][task]


def test_failing_render_is_retried_once_then_reported(jobs_file: Path, tmp_path: Path
                                                      ) -> None:
    """Every render raises (an injected bug): each is tried twice, reported with its
    log, the batch goes on and exits 2; the manifest lists them under failed."""
    out = tmp_path / "out"
    env = {**os.environ, "AISETS_FAULT_AT": "scene", "AISETS_FAULT_ACTION": "bug"}
    command = [sys.executable, "-m", "ai_sets_addon", "batch", str(jobs_file), "--out",
               str(out), "--scheduler", "local", "--workers", "1"]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, env=env,
                            timeout=300)
    text = result.stdout + result.stderr
    assert result.returncode == 2, text
    assert "injected bug at stage 'scene'" in text and "2 task(s) failed" in text
    data = manifest(out)
    assert set(data["failed"]) == ALL_TASKS - {f"prepare {SET}"}
    assert set(data["tasks"]) == {f"prepare {SET}"}
    for shot in SHOTS:
        log = (out / "logs" / f"render-{SET}--{shot}.log").read_text()
        assert log.count("=== attempt") == 2
