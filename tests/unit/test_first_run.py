"""What a first-time user meets: the licence file, a build script that works from a
fresh clone with any python3, output folders kept out of git."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_license_file_matches_the_manifest():
    manifest = tomllib.loads((ROOT / "blender_manifest.toml").read_text())
    assert "SPDX:GPL-3.0-or-later" in manifest["license"]
    text = (ROOT / "LICENSE").read_text()
    assert "GNU GENERAL PUBLIC LICENSE" in text and "Version 3, 29 June 2007" in text


def test_build_script_without_blender_says_the_one_command(tmp_path):
    """A clone with no .venv, run by a Python without bpy: exit 2 and the install line."""
    clone = tmp_path / "clone"
    (clone / "scripts").mkdir(parents=True)
    shutil.copy2(ROOT / "scripts" / "build_extension.py", clone / "scripts")
    env = {k: v for k, v in os.environ.items() if k not in ("AISETS_BLENDER_EXT",)}
    env["PATH"] = "/usr/bin:/bin"                      # no `blender` binary
    env["PYTHONNOUSERSITE"] = "1"
    proc = subprocess.run([sys.executable, "-S", str(clone / "scripts" / "build_extension.py")],
                          env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert 'pip install -e ".[blender]"' in proc.stderr


def test_build_script_reruns_itself_with_the_project_venv(tmp_path):
    """A Python without bpy finds the clone's .venv and re-runs itself there."""
    clone = tmp_path / "clone"
    (clone / "scripts").mkdir(parents=True)
    shutil.copy2(ROOT / "scripts" / "build_extension.py", clone / "scripts")
    fake = clone / ".venv" / "bin" / "python"
    fake.parent.mkdir(parents=True)
    fake.write_text("#!/bin/sh\necho \"re-run: $@ flag=$AISETS_BUILD_REEXEC\"\n")
    fake.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k not in ("AISETS_BLENDER_EXT",)}
    env["PATH"] = "/usr/bin:/bin"
    proc = subprocess.run([sys.executable, "-S", str(clone / "scripts" / "build_extension.py"),
                           "--offline"], env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "build_extension.py --offline flag=1" in proc.stdout


def test_output_folders_are_ignored_by_git():
    """Read .gitignore itself (git need not be installed): the outputs a user makes in a
    clone are ignored, and git agrees where it is there."""
    from fnmatch import fnmatch

    patterns = [line.strip() for line in (ROOT / ".gitignore").read_text().splitlines()
                if line.strip() and not line.startswith("#")]

    def ignored(path: str) -> bool:
        parts = path.split("/")
        return any(fnmatch(part, pattern.strip("/")) or fnmatch(path, pattern.lstrip("/"))
                   for pattern in patterns for part in parts[:-1] + [path])

    paths = ("out/set.blend", "dist/ai_sets-0.1.0.zip", "renders/shot.png")
    assert all(ignored(p) for p in paths), [p for p in paths if not ignored(p)]
    assert not ignored("ai_sets_addon/__init__.py") and not ignored("README.md")
    if shutil.which("git") and (ROOT / ".git").exists():
        for path in paths:
            proc = subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT)
            assert proc.returncode == 0, f"{path} is not ignored by git"
