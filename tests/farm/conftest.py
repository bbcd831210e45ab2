"""Fixtures for the batch tests: a real Dask scheduler and two workers on 127.0.0.1
(the `dask` command line, each worker in a nanny that restarts it when killed), and
tiny job files (texture 256, HDRI 512, renders 64x36 at 2 samples)."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from farm_helpers import DASK, REPO, TINY_JOBS, _end_group, _wait_for, needs_cluster_tools


@pytest.fixture
def jobs_file(tmp_path: Path) -> Path:
    path = tmp_path / "jobs.toml"
    path.write_text(TINY_JOBS, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`dask scheduler` + two `dask worker --nthreads 1` on 127.0.0.1; yields its address."""
    needs_cluster_tools()
    folder = tmp_path_factory.mktemp("cluster")
    info = folder / "scheduler.json"
    logs = (folder / "scheduler.log").open("w")
    procs = [subprocess.Popen([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", "0",
                               "--no-dashboard", "--scheduler-file", str(info)],
                              stdout=logs, stderr=subprocess.STDOUT, start_new_session=True)]
    _wait_for(info.exists, 60, "the scheduler did not start")
    address = json.loads(info.read_text())["address"]
    for _ in range(2):
        procs.append(subprocess.Popen(
            [str(DASK), "worker", address, "--nthreads", "1", "--host", "127.0.0.1",
             "--no-dashboard", "--death-timeout", "60"],
            stdout=logs, stderr=subprocess.STDOUT, start_new_session=True, cwd=REPO))
    try:
        yield address
    finally:
        for proc in reversed(procs):
            _end_group(proc)


