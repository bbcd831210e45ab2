"""A command imports only what it uses: making a sky or a material needs neither the mesh
library (trimesh), scipy nor Blender, so they stay fast to start and run anywhere."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOT_NEEDED = ("trimesh", "scipy", "bpy", "torch", "diffusers")


def imported_top_level(args: list[str]) -> set[str]:
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "ai_sets_addon", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return {line.split("|")[-1].strip().split(".")[0] for line in proc.stderr.splitlines()
            if line.startswith("import time:") and "|" in line}


@pytest.mark.parametrize("command", [
    ["sky", "golden hour, scattered clouds", "--width", "256"],
    ["material", "old red brick, wet", "--size", "64"],
], ids=["sky", "material"])
def test_command_imports_no_mesh_library_scipy_or_blender(command, tmp_path) -> None:
    out = tmp_path / ("sky.exr" if command[0] == "sky" else "maps")
    names = imported_top_level([*command, "--out", str(out)])
    assert "numpy" in names                    # the probe sees the imports it should
    assert not names & set(NOT_NEEDED), sorted(names & set(NOT_NEEDED))
