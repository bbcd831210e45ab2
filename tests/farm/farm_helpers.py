"""Helpers for the batch tests (a module of its own: `conftest` is ambiguous when the
whole suite runs)."""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DASK = Path(sys.executable).with_name("dask")

# One tiny set: the header every farm test's job file starts with.
TINY_SET = """\
[defaults]
texture_size = 256
hdri_width = 512
resolution = "64x36"
samples = 2

[[set]]
name = "room"
prompt = "a concrete room"
time_of_day = "dusk"
"""
TINY_JOBS = TINY_SET + """
  [[set.shot]]
  camera = ["CAM_Wide_24mm", "CAM_Medium_35mm"]
"""


def needs_cluster_tools() -> None:
    pytest.importorskip("distributed")
    if importlib.util.find_spec("bpy") is None:   # renders run in child processes
        pytest.skip("the bpy module is not installed")
    if not DASK.exists():
        pytest.skip("the dask command line is not installed beside this Python")


def _end_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(what)
        time.sleep(0.2)
