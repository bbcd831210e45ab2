"""Ctrl-C and SIGTERM end a run within moments, Cycles renders and worker threads
included, with exit 130 / 143 and one honest line (ai_sets_addon/core/interrupts.py).

Each case runs a real process, waits until it is deep inside the stage, sends the
signal and times the exit. The bound is generous (a loaded CI machine); the measured
figure is printed (pytest -s shows it).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BOUND_S = 5.0           # the promise is 2 s; room for a loaded machine

RENDER_DRIVER = r"""
import sys
from ai_sets_addon.cli import install_interrupts
from ai_sets_addon.core import interrupts
install_interrupts()
import bpy
interrupts.reinstall()
interrupts.on_interrupt(lambda: "callback ran")
bpy.ops.wm.read_factory_settings(use_empty=False)     # the default cube, camera, light
scene = bpy.context.scene
scene.render.engine = "CYCLES"
scene.cycles.device = "CPU"
scene.cycles.samples = 100000                        # minutes of work: never finishes
scene.cycles.use_adaptive_sampling = False
scene.cycles.use_denoising = False
scene.cycles.time_limit = 0
scene.render.resolution_x, scene.render.resolution_y = 320, 180
scene.render.filepath = sys.argv[1]
print("RENDERING", flush=True)
bpy.ops.render.render(write_still=True)
print("FINISHED", flush=True)
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _interrupt(cmd: list[str], signum: int, ready: str | None, delay: float,
               cwd: Path) -> tuple[int, float, str]:
    """Start `cmd`, wait for `ready` in its output (or just `delay`), signal, time the
    exit. Returns (exit code, seconds from signal to exit, all output)."""
    proc = subprocess.Popen(cmd, cwd=cwd, env=_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    seen = threading.Event()

    def pump() -> None:
        for line in proc.stdout:
            lines.append(line)
            if ready and ready in line:
                seen.set()

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    try:
        if ready and not seen.wait(300):
            pytest.fail(f"never reached '{ready}': {''.join(lines)[-2000:]}")
        time.sleep(delay)
        assert proc.poll() is None, "the stage ended before the signal: make it longer"
        sent = time.perf_counter()
        proc.send_signal(signum)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            pytest.fail(f"{signal.Signals(signum).name} did not stop the process in 60 s")
        took = time.perf_counter() - sent
        reader.join(5)
        return proc.returncode, took, "".join(lines)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.parametrize("signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_cycles_render_stops_at_once(signum, code, tmp_path):
    out = tmp_path / "render.png"
    rc, took, err = _interrupt([sys.executable, "-c", RENDER_DRIVER, str(out)], signum,
                               "RENDERING", 1.0, tmp_path)
    print(f"\n{signal.Signals(signum).name} during a Cycles render: exit {rc} "
          f"after {took:.2f} s")
    assert rc == code, err[-2000:]
    assert took < BOUND_S
    assert f"interrupted ({signal.Signals(signum).name})" in err and "callback ran" in err
    assert "Traceback" not in err and not out.exists()


@pytest.mark.parametrize("signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_material_threads_do_not_delay_the_exit(signum, code, tmp_path):
    """Big maps compressed in a ThreadPoolExecutor: no waiting for queued work."""
    out = tmp_path / "maps"
    cmd = [sys.executable, "-m", "ai_sets_addon", "material",
           "old red brick walls, wet cobblestone ground, oak parquet floor", "--size", "4096",
           "--out", str(out)]
    rc, took, err = _interrupt(cmd, signum, None, 3.0, tmp_path)
    print(f"\n{signal.Signals(signum).name} while making maps: exit {rc} after {took:.2f} s")
    assert rc == code, err[-2000:]
    assert took < BOUND_S
    assert "Traceback" not in err
    leftovers = [p.name for p in out.rglob("*") if ".tmp" in p.name] if out.exists() else []
    assert leftovers == []                   # half-written files were removed


def test_a_sky_stops_with_143_on_sigterm(tmp_path):
    out = tmp_path / "sky.exr"
    cmd = [sys.executable, "-m", "ai_sets_addon", "sky", "sunset, scattered clouds", "--out",
           str(out), "--width", "16384"]
    rc, took, err = _interrupt(cmd, signal.SIGTERM, None, 3.0, tmp_path)
    print(f"\nSIGTERM while computing a sky: exit {rc} after {took:.2f} s")
    assert rc == 143 and took < BOUND_S, err[-2000:]
    assert not out.exists() or out.with_suffix(".json").exists()


BUILD = [sys.executable, "-m", "ai_sets_addon", "build", "a concrete room at noon",
         "--hdri-width", "512"]


@pytest.fixture(scope="module")
def built_set(tmp_path_factory) -> Path:
    """A finished set, the one an interrupted rebuild must leave as it was."""
    root = tmp_path_factory.mktemp("interrupt_builds")
    proc = subprocess.run([*BUILD, "--out", "set", "--texture-size", "256"], cwd=root,
                          env=_env(), capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return root / "set"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("signum, code, extra, ready, delay", [
    (signal.SIGINT, 130, ["--texture-size", "4096"], "%", 4.0),              # assets
    (signal.SIGTERM, 143, ["--texture-size", "256", "--render", "--samples", "100000",
                           "--resolution", "640x360"], "rendering preview", 1.0),  # Cycles
], ids=["assets-SIGINT", "preview-render-SIGTERM"])
def test_a_build_stops_at_once_and_the_previous_set_stays(signum, code, extra, ready, delay,
                                                          built_set):
    before = _snapshot(built_set)
    rc, took, out = _interrupt([*BUILD, "--out", built_set.name, *extra], signum, ready,
                               delay, built_set.parent)
    print(f"\n{signal.Signals(signum).name} during a build ({ready!r} + {delay} s): "
          f"exit {rc} after {took:.2f} s")
    assert rc == code, out[-3000:]
    assert took < BOUND_S
    assert f"interrupted ({signal.Signals(signum).name})" in out and "Traceback" not in out
    assert _snapshot(built_set) == before
