"""The worker process: JSON lines, per-step progress, previews, cancel, a kill -9 mid-job
(a clean error for the caller, the set's paint folder untouched), the model kept loaded
between jobs, and the idle timeout."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest

from ai_sets_addon.ai.paint.arrays import save_scene
from ai_sets_addon.ai.paint.testset import demo_scene
from ai_sets_addon.ai.worker import WorkerProcess

ENV = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


@pytest.fixture()
def set_dir(tmp_path) -> Path:
    folder = tmp_path / "set"
    folder.mkdir()
    save_scene(demo_scene(density_px_per_m=10.0, resolution=(48, 32), cameras=2),
               folder / "paint_scene.npz")
    return folder


@pytest.fixture()
def worker():
    proc = WorkerProcess(env=ENV, idle_timeout=60)
    yield proc
    proc.close()
    if proc.proc.poll() is None:
        proc.proc.kill()


def _paint(worker, set_dir, **test_painter):
    return worker.send("paint", set=str(set_dir), scene=str(set_dir / "paint_scene.npz"),
                       painter="test", test_painter=test_painter,
                       options={"prompt": "a room", "seed": 2})


def _wait_step(worker, rid):
    """Events until the job is inside the denoising loop."""
    seen = []
    while True:
        event = worker.wait_for(rid, ("progress", "error", "done"), timeout=60)
        seen.append(event)
        if event["event"] != "progress" or "step" in event["message"]:
            return seen


def test_paint_job_streams_progress_and_writes_the_set(worker, set_dir) -> None:
    rid = _paint(worker, set_dir, steps=3)
    done = worker.wait_for(rid, timeout=60)
    assert done["event"] == "done", done
    path = Path(done["paint_json"])
    assert path == set_dir / "paint" / "paint.json" and path.is_file()
    assert json.loads(path.read_text())["cameras"] == ["cam_south", "cam_east"]


def test_progress_and_view_events(set_dir) -> None:
    proc = WorkerProcess(env=ENV)
    try:
        rid = _paint(proc, set_dir, steps=3)
        events = []
        while not events or events[-1].get("event") not in ("done", "error"):
            events.append(proc.events.get(timeout=60))
        mine = [e for e in events if e.get("id") == rid]
        fractions = [e["fraction"] for e in mine if e["event"] == "progress"]
        assert fractions == sorted(fractions) and fractions[-1] == 1.0
        assert any("step 3/3" in e.get("message", "") for e in mine)
        views = [e for e in mine if e["event"] == "view"]
        assert [v["camera"] for v in views] == ["cam_south", "cam_east"]
        assert all(Path(v["image"]).is_file() for v in views)
    finally:
        proc.close()


def test_cancel_leaves_the_set_as_it_was(worker, set_dir) -> None:
    first = worker.wait_for(_paint(worker, set_dir, steps=2), timeout=60)
    before = (set_dir / "paint" / "paint.json").read_bytes()
    rid = _paint(worker, set_dir, steps=50, step_delay_s=0.05)
    _wait_step(worker, rid)
    worker.send("cancel")
    event = worker.wait_for(rid, timeout=30)
    assert first["event"] == "done"
    assert event["event"] == "error" and event["kind"] == "cancelled"
    assert (set_dir / "paint" / "paint.json").read_bytes() == before
    assert worker.wait_for(worker.send("ping"), ("pong",))["busy"] is False


def test_kill_9_mid_job_is_a_clean_error(worker, set_dir) -> None:
    worker.wait_for(_paint(worker, set_dir, steps=2), timeout=60)
    before = (set_dir / "paint" / "paint.json").read_bytes()
    rid = _paint(worker, set_dir, steps=200, step_delay_s=0.05)
    _wait_step(worker, rid)
    os.kill(worker.proc.pid, signal.SIGKILL)
    event = worker.wait_for(rid, timeout=30)
    assert event["event"] == "error" and event["kind"] == "crashed"
    assert "killed by signal 9" in event["message"] and "nothing in the set" in event["message"]
    assert (set_dir / "paint" / "paint.json").read_bytes() == before
    assert not list(set_dir.parent.glob(".set.staging-*"))
    assert sorted(p.name for p in set_dir.iterdir()) == ["paint", "paint_scene.npz"]


def test_bad_requests_are_errors_not_crashes(worker, tmp_path) -> None:
    event = worker.wait_for(worker.send("paint", set=str(tmp_path), scene=str(tmp_path / "no.npz"),
                                        painter="test", options={"prompt": "x"}))
    assert event["kind"] == "input" and "no.npz" in event["message"]
    event = worker.wait_for(worker.send("load", model={"model": str(tmp_path / "none")}))
    assert event["kind"] == "input" and "no model at" in event["message"]
    event = worker.wait_for(worker.send("frobnicate"), ("error",))
    assert event["kind"] == "input"
    assert worker.proc.poll() is None


def test_model_stays_loaded_between_jobs(set_dir, tmp_path) -> None:
    pytest.importorskip("diffusers")
    import tiny_models

    folder = tiny_models.save_sd15(tmp_path / "sd15")
    proc = WorkerProcess(env=ENV)
    try:
        spec = {"model": str(folder)}
        first = proc.wait_for(proc.send("load", model=spec), timeout=120)
        assert first["event"] == "loaded" and first["cached"] is False, first
        assert first["family"] == "sd15-controlnet"
        rid = proc.send("paint", set=str(set_dir), scene=str(set_dir / "paint_scene.npz"),
                        model=spec, resolution=[64, 64],
                        options={"prompt": "a room", "steps": 2, "seed": 1})
        done = proc.wait_for(rid, timeout=120)
        assert done["event"] == "done" and done["model_cached"] is True, done
    finally:
        proc.close()


def test_idle_timeout() -> None:
    proc = WorkerProcess(env=ENV, idle_timeout=0.5)
    bye = proc.wait_for(None, ("bye",), timeout=30)
    assert bye["reason"] == "idle"
    assert proc.proc.wait(10) == 0


def test_a_worker_that_cannot_start_is_a_crash_error(tmp_path) -> None:
    fake = tmp_path / "python"
    fake.write_text("#!/bin/sh\necho 'no torch here' >&2\nexit 3\n")
    fake.chmod(0o755)
    proc = WorkerProcess(python=str(fake))
    proc.proc.wait(10)
    event = proc.wait_for(proc.send("paint", set=str(tmp_path)), timeout=10)
    assert event["kind"] == "crashed" and "exit code 3" in event["message"]
