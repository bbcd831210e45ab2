"""Fixtures for the install-the-zip end-to-end tests.

The zip is built once per session with scripts/build_extension.py (Blender's own
builder from this environment's bpy). Each Blender version under test gets a venv
that holds nothing but bpy, cached in .venv-e2e/ (gitignored) because installing
bpy takes a while; the probe runs there with HOME in a temporary folder so the test
never touches a real user's Blender and only the bundled wheels can supply trimesh
and OpenEXR.

Which Blender versions run: by default the one matching this environment's bpy
(scripts/test.sh runs the suite once with bpy 5.0.1 and once with bpy 4.5), so each
version is built and validated by its own builder too. AISETS_E2E_BPY=all (or a
comma list of the labels below) runs the others from here as well.
"""

from __future__ import annotations

import contextlib
import fcntl
import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
PROBE = Path(__file__).resolve().parent / "blender_probe.py"
VENV_ROOT = REPO_ROOT / ".venv-e2e"
# label -> pip requirement for the bare venv
BPY_VERSIONS = {"5.0": "bpy==5.0.1", "4.5": "bpy==4.5.*"}
PROMPT = "a concrete room at noon"
SEED = 1
PROBE_TIMEOUT_S = 900


def host_bpy_label() -> str | None:
    """Label of the bpy installed in this environment (major.minor), if any."""
    try:
        version = importlib.metadata.version("bpy")
    except importlib.metadata.PackageNotFoundError:
        return None
    return ".".join(version.split(".")[:2])


def selected_labels() -> set[str]:
    wanted = os.environ.get("AISETS_E2E_BPY", "").strip()
    if wanted == "all":
        return set(BPY_VERSIONS)
    if wanted:
        return {label.strip() for label in wanted.split(",")}
    return {host_bpy_label()} & set(BPY_VERSIONS)


def log(message: str) -> None:
    print(f"[e2e] {message}", file=sys.stderr, flush=True)


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Two pytest runs sharing .venv-e2e/ build each venv once."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def bare_venv_python(venv: Path) -> Path:
    return venv / "bin" / "python"


def create_bare_venv(label: str, requirement: str) -> Path:
    """venv with only `requirement` (and what it depends on); reused while its stamp matches."""
    venv, stamp = VENV_ROOT / f"bpy-{label}", VENV_ROOT / f"bpy-{label}" / "aisets-e2e.stamp"
    if stamp.is_file() and stamp.read_text() == requirement:
        return bare_venv_python(venv)
    with file_lock(VENV_ROOT / f"bpy-{label}.lock"):
        if stamp.is_file() and stamp.read_text() == requirement:
            return bare_venv_python(venv)
        tmp = VENV_ROOT / f"bpy-{label}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        started = time.perf_counter()
        log(f"creating bare venv {venv.name} with {requirement} (cached for later runs)")
        subprocess.run([sys.executable, "-m", "venv", str(tmp)], check=True)
        subprocess.run([str(bare_venv_python(tmp)), "-m", "pip", "install", "--quiet",
                        "--disable-pip-version-check", requirement], check=True)
        (tmp / "aisets-e2e.stamp").write_text(requirement)
        shutil.rmtree(venv, ignore_errors=True)
        os.replace(tmp, venv)  # a half-made venv is never taken for a cached one
        log(f"{venv.name} ready in {time.perf_counter() - started:.1f} s")
    return bare_venv_python(venv)


def clean_env(home: Path) -> dict[str, str]:
    """Environment of a user with a fresh Blender: no Blender/Python overrides, HOME in tmp."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("BLENDER_", "PYTHON", "VIRTUAL_ENV", "XDG_"))}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_CACHE_HOME=str(home / ".cache"), XDG_DATA_HOME=str(home / ".local" / "share"),
               PYTHONNOUSERSITE="1")
    return env


def run_probe(python: Path, zip_path: Path, workdir: Path) -> dict[str, Any]:
    home, out = workdir / "home", workdir / "facts.json"
    home.mkdir(parents=True, exist_ok=True)
    request = {"zip": str(zip_path), "prompt": PROMPT, "seed": SEED, "out": str(out)}
    # -I: no PYTHON* variables, no user site, not even the script's folder on sys.path.
    proc = subprocess.run([str(python), "-I", str(PROBE), json.dumps(request)], cwd=workdir,
                          env=clean_env(home), capture_output=True, text=True,
                          timeout=PROBE_TIMEOUT_S)
    if not out.is_file():
        raise AssertionError(f"probe crashed (exit {proc.returncode}):\n{proc.stdout[-4000:]}\n"
                             f"{proc.stderr[-4000:]}")
    facts = json.loads(out.read_text())
    facts["log"] = (proc.stdout + proc.stderr)[-4000:]
    return facts


@pytest.fixture(scope="session")
def extension_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """dist zip built by the project's own build command, into a temporary folder."""
    out_dir = tmp_path_factory.mktemp("dist")
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, str(REPO_ROOT / "scripts" / "build_extension.py"),
                           "--output-dir", str(out_dir)], cwd=REPO_ROOT, capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 0, f"build failed:\n{proc.stderr}"
    zips = [Path(line) for line in proc.stdout.splitlines() if line.endswith(".zip")]
    assert len(zips) == 1 and zips[0].is_file(), proc.stdout
    log(f"built {zips[0].name} in {time.perf_counter() - started:.1f} s")
    return zips[0]


@pytest.fixture(scope="module", params=sorted(BPY_VERSIONS), ids=lambda label: f"bpy{label}")
def probe(request: pytest.FixtureRequest, extension_zip: Path,
          tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Facts from installing the zip and generating twice in a bare-bpy Blender."""
    label = request.param
    if label not in selected_labels():
        pytest.skip(f"bpy {label} e2e runs in its own environment (scripts/test.sh); "
                    "AISETS_E2E_BPY=all runs it here")
    python = create_bare_venv(label, BPY_VERSIONS[label])
    started = time.perf_counter()
    facts = run_probe(python, extension_zip, tmp_path_factory.mktemp(f"bpy{label}"))
    log(f"bpy {label}: install + 2 generations in {time.perf_counter() - started:.1f} s")
    return facts
