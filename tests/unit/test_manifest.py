"""blender_manifest.toml keeps its promises: schema, version, permissions, pinned wheels.

The manifest is what Blender reads before running any of our code; a wrong field means
the extension does not install, or installs on a Blender or platform it cannot run on.
Blender's own validator (from the bpy wheel) has the last word where it is installed.
"""

from __future__ import annotations

import ast
import functools
import importlib.util
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename

REPO_ROOT = Path(__file__).resolve().parents[2]
MANIFEST_PATH = REPO_ROOT / "blender_manifest.toml"
PERMISSION_KEYS = {"files", "network", "clipboard", "camera", "microphone"}
# Wheel platform tag -> Blender platform name (as blender_ext.py maps them).
WHEEL_OS = {"manylinux": "linux", "musllinux": "linux", "win": "windows", "macosx": "macos"}
WHEEL_ARCH = {"x86_64": "x64", "amd64": "x64", "arm64": "arm64", "aarch64": "arm64"}
# Python of Blender 4.5 LTS and 5.0 (required), and of Blender 5.1+ (optional).
BLENDER_PYTHONS = {"cp311": True, "cp313": False}
# Blender 4.5 LTS is the last Blender built for Intel Macs: no Python 3.13 Blender runs there.
NOT_BUILT = {("cp313", "macos-x64")}


def load_toml(path: Path) -> dict:
    with path.open("rb") as fh:
        return tomllib.load(fh)


@pytest.fixture(scope="module")
def manifest() -> dict:
    return load_toml(MANIFEST_PATH)


@pytest.fixture(scope="module")
def project() -> dict:
    return load_toml(REPO_ROOT / "pyproject.toml")["project"]


@functools.cache
def build_script() -> ModuleType:
    """scripts/build_extension.py as a module (it is not part of the package)."""
    spec = importlib.util.spec_from_file_location("build_extension",
                                                  REPO_ROOT / "scripts" / "build_extension.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def terse_ok(text: str) -> bool:
    """Blender's rule for tagline and permission reasons: short, no trailing punctuation."""
    return 0 < len(text) < 64 and text[-1] not in ".!?,;:" and text == text.strip()


def blender_platform(wheel_platform: str) -> str:
    os_part, _, arch = wheel_platform.partition("_")
    os_name = next(v for k, v in WHEEL_OS.items() if os_part.startswith(k))
    return f"{os_name}-{next(v for k, v in WHEEL_ARCH.items() if arch.endswith(k))}"


def test_identity(manifest: dict, project: dict) -> None:
    assert manifest["schema_version"] == "1.0.0"
    assert manifest["id"] == "ai_sets"
    assert manifest["name"] == "AI Sets"
    assert manifest["type"] == "add-on"
    assert manifest["version"] == project["version"], "manifest and pyproject versions differ"
    assert manifest["maintainer"].strip()


def test_blender_versions(manifest: dict) -> None:
    assert manifest["blender_version_min"] == "4.5.0"
    if "blender_version_max" in manifest:  # exclusive bound: must not cut off 5.0
        assert version_tuple(manifest["blender_version_max"]) > (5, 0, 1)


def test_license_matches_pyproject(manifest: dict, project: dict) -> None:
    assert manifest["license"] == [f"SPDX:{project['license']}"]


def test_tagline_is_terse(manifest: dict) -> None:
    assert terse_ok(manifest["tagline"]), manifest["tagline"]


def test_permissions_are_valid_and_honest(manifest: dict) -> None:
    permissions = manifest.get("permissions", {})
    assert isinstance(permissions, dict) and set(permissions) <= PERMISSION_KEYS
    assert all(terse_ok(reason) for reason in permissions.values()), permissions
    assert "files" in permissions, "the add-on writes textures, skies and renders"
    code = "\n".join(p.read_text(encoding="utf-8") for p in (REPO_ROOT / "ai_sets_addon").rglob("*.py"))
    checks_online_access = "online_access" in code
    assert ("network" in permissions) == checks_online_access, (
        "declare `network` exactly when the code goes online (and checks bpy.app.online_access)")


def test_tags_are_blenders(manifest: dict) -> None:
    scripts = build_script().bpy_scripts_dir()
    if scripts is None:
        pytest.skip("bpy not installed: Blender's tag list is not available")
    tags_py = scripts / "modules" / "_bpy_internal" / "extensions" / "tags.py"
    tree = ast.parse(tags_py.read_text(encoding="utf-8"))
    valid = next(ast.literal_eval(n.value) for n in tree.body
                 if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "addons")
    assert manifest["tags"] and set(manifest["tags"]) <= valid


def test_wheels_are_well_formed_paths(manifest: dict) -> None:
    for rel in manifest["wheels"]:
        assert re.fullmatch(r"\./wheels/[^/\\\"]+\.whl", rel), rel
        parse_wheel_filename(Path(rel).name)  # raises on a malformed name


def test_wheels_cover_default_path_dependencies(manifest: dict, project: dict) -> None:
    """Every runtime dependency Blender does not ship is bundled, at a version pyproject accepts."""
    pinned = {}
    for rel in manifest["wheels"]:
        name, version, _, _ = parse_wheel_filename(Path(rel).name)
        pinned.setdefault(canonicalize_name(name), set()).add(version)
    for dep in map(Requirement, project["dependencies"]):
        name = canonicalize_name(dep.name)
        if name == "numpy":  # Blender bundles numpy
            continue
        assert name in pinned, f"{dep.name} is a dependency but no wheel is bundled"
        assert len(pinned[name]) == 1, f"{dep.name}: several versions pinned {pinned[name]}"
        assert all(dep.specifier.contains(v) for v in pinned[name]), (dep, pinned[name])


def test_scout_panel_dependencies_are_bundled(manifest: dict, project: dict) -> None:
    """City search and storyboard sheets work in an installed Blender: the scout extra
    (less timezonefinder, whose job a city's own zone does) and Pillow are bundled,
    with their own dependencies, at versions pyproject accepts."""
    pinned = {canonicalize_name(parse_wheel_filename(Path(rel).name)[0]):
              parse_wheel_filename(Path(rel).name)[1] for rel in manifest["wheels"]}
    extras = project["optional-dependencies"]
    wanted = [Requirement(r) for r in extras["scout"] + extras["hdr"]]
    for dep in wanted:
        name = canonicalize_name(dep.name)
        if name == "timezonefinder":
            continue
        assert name in pinned, f"{dep.name} (scouting) is not bundled"
        assert dep.specifier.contains(pinned[name]), (dep, pinned[name])
    for needed in ("typing-extensions", "defusedxml", "fonttools"):   # their dependencies
        assert needed in pinned, f"{needed} is needed by a bundled wheel"


def test_binary_wheels_match_platforms_and_python(manifest: dict) -> None:
    """Each binary package: one wheel per declared platform for each Blender Python it targets."""
    platforms = set(manifest["platforms"])
    covered: dict[tuple[str, str], set[str]] = {}
    for rel in manifest["wheels"]:
        name, _, _, tags = parse_wheel_filename(Path(rel).name)
        tag = next(iter(tags))
        if tag.platform == "any":
            continue
        assert tag.interpreter in BLENDER_PYTHONS and tag.abi == tag.interpreter, rel
        covered.setdefault((str(name), tag.interpreter), set()).add(blender_platform(tag.platform))
    for (dist, python), found in covered.items():
        needed = {p for p in platforms if (python, p) not in NOT_BUILT}
        assert needed <= found <= platforms, \
            f"{dist} {python}: wheels for {sorted(found)}, platforms {sorted(platforms)}"
    for dist in {d for d, _ in covered}:
        for python in (p for p, required in BLENDER_PYTHONS.items() if required):
            assert (dist, python) in covered, f"{dist}: no {python} wheels (Blender 4.5/5.0)"


def test_build_script_reads_the_same_pins(manifest: dict) -> None:
    module = build_script()
    assert [p.relpath for p in module.pinned_wheels(manifest)] == manifest["wheels"]
    for pin in module.pinned_wheels(manifest):
        args = pin.pip_download_args()
        assert f"{pin.dist}=={pin.version}" in args
        if pin.platform_tag != "any":      # a compressed tag set: one --platform each
            given = [args[i + 1] for i, a in enumerate(args) if a == "--platform"]
            assert given == pin.platform_tag.split(".")


def test_blender_validator_accepts_manifest(tmp_path: Path) -> None:
    """Blender's own `extension validate` on the manifest beside a stub __init__.py."""
    module = build_script()
    if module.bpy_scripts_dir() is None:
        pytest.skip("bpy not installed: Blender's validator is not available")
    (tmp_path / "blender_manifest.toml").write_bytes(MANIFEST_PATH.read_bytes())
    (tmp_path / "__init__.py").write_text("")
    cmd = module.tool_call(module.extension_tool(), "validate", str(tmp_path))
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
