"""The architecture as the tree draws it, enforced: data flows one way between layers.

Layers, lowest first (a module may import its own layer and any layer below, never one
above; in-function imports count, and so do importlib calls with a literal name):

    core < model < setfile < generation < ai < scout < export (pure) < blender < farm
         < preferences, properties < cli, operators, panels < registration

Two boundaries besides: Blender's modules (bpy, mathutils...) only in the Blender adapter
tree (blender/), operators, panels and registration (__init__, preferences, properties);
torch, diffusers and transformers only in the AI package (ai/). A dynamic check imports
every pure package in a fresh interpreter where Blender's modules are blocked.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "ai_sets_addon"
PACKAGE_DIR = REPO_ROOT / PACKAGE

LAYERS: dict[str, int] = {
    "core": 0, "model": 1, "setfile": 2, "generation": 3, "ai": 4, "scout": 5, "export": 6,
    "blender": 7, "farm": 8, "preferences": 9, "properties": 10,
    "cli": 11, "operators": 11, "panels": 11, "__init__": 12, "__main__": 12,
}
BLENDER_ONLY = frozenset({
    "bpy", "bpy_extras", "bpy_types", "mathutils", "bmesh", "gpu", "gpu_extras", "bgl", "blf",
    "bl_math", "bl_ui", "bl_operators", "idprop", "imbuf", "aud", "freestyle", "addon_utils",
})
BLENDER_ALLOWED = {"blender", "operators", "panels", "__init__", "preferences", "properties"}
AI_ONLY = frozenset({"torch", "diffusers", "transformers", "accelerate", "safetensors"})
PURE_PACKAGES = ("core", "model", "setfile", "generation", "ai", "scout", "export", "farm", "cli")


def module_name(path: Path) -> str:
    rel = path.relative_to(REPO_ROOT).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def layer_key(module: str) -> str:
    """'ai_sets_addon.generation.sky.compose' -> 'generation'; the package itself -> '__init__'."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def resolve(node: ast.ImportFrom, current: str, is_package: bool) -> str:
    if node.level == 0:
        return node.module or ""
    base = current.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module) for every import in the file, in functions too. For
    `from PKG import name` the name counts as a module when it is one."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    current, is_package = module_name(path), path.name == "__init__.py"
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = resolve(node, current, is_package)
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                is_module = (REPO_ROOT / Path(*sub.split("."))).with_suffix(".py").exists() or \
                    (REPO_ROOT / Path(*sub.split(".")) / "__init__.py").exists()
                found.append((node.lineno, sub if is_module else base))
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in {"import_module", "__import__"} and node.args and \
                    isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str) \
                    and not node.args[0].value.startswith("."):
                found.append((node.lineno, node.args[0].value))
    return found


def package_files() -> list[Path]:
    return sorted(PACKAGE_DIR.rglob("*.py"))


def problems_of(path: Path) -> list[str]:
    own = layer_key(module_name(path))
    where = path.relative_to(REPO_ROOT)
    found = []
    for line, module in imports_of(path):
        top = module.split(".")[0]
        if top in BLENDER_ONLY and own not in BLENDER_ALLOWED:
            found.append(f"{where}:{line}: imports {module!r}: Blender's modules belong in "
                         "blender/, operators/, panels/ or registration")
        if top in AI_ONLY and own != "ai":
            found.append(f"{where}:{line}: imports {module!r}: torch and diffusers belong in ai/")
        if top == PACKAGE and module != PACKAGE:
            other = layer_key(module)
            if other not in LAYERS:
                found.append(f"{where}:{line}: imports {module!r}, which is in no layer")
            elif LAYERS[other] > LAYERS[own] or (LAYERS[other] == LAYERS[own] and other != own):
                found.append(f"{where}:{line}: {own} (layer {LAYERS[own]}) imports {module!r} "
                             f"({other}, layer {LAYERS[other]}): data flows one way")
    return found


def test_every_module_is_in_a_layer() -> None:
    missing = sorted({layer_key(module_name(p)) for p in package_files()} - set(LAYERS))
    assert not missing, f"top-level modules or packages in no layer: {missing}"


def test_no_import_climbs_a_layer() -> None:
    problems = [p for path in package_files() for p in problems_of(path)]
    assert not problems, "imports against the layers:\n" + "\n".join(problems)


def test_the_check_catches_a_climbing_import(tmp_path: Path) -> None:
    """The walker sees in-function imports and `from . import module` forms."""
    fake = PACKAGE_DIR / "generation" / "_layer_probe_tmp.py"
    fake.write_text("def f():\n    from ..blender import pipeline\n    import torch\n"
                    "    from .. import cli\n")
    try:
        found = problems_of(fake)
    finally:
        fake.unlink()
    assert any("ai_sets_addon.blender.pipeline" in p for p in found), found
    assert any("'torch'" in p for p in found), found
    assert any("ai_sets_addon.cli" in p for p in found), found


BLOCKED_IMPORT_PROBE = textwrap.dedent("""
    import importlib, pkgutil, sys
    for name in {blocked!r}:
        sys.modules[name] = None  # any `import bpy` now raises ImportError
    count = 0
    for package in {packages!r}:
        pkg = importlib.import_module("{root}." + package)
        for m in [pkg.__name__] + [m.name for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + ".")]:
            importlib.import_module(m)
            count += 1
    leaked = sorted(n for n, m in sys.modules.items() if m is not None and n.split(".")[0] in {blocked!r})
    assert not leaked, leaked
    print(count, "modules imported without Blender")
""")


@pytest.mark.parametrize("packages", [PURE_PACKAGES])
def test_pure_packages_import_with_blender_blocked(packages: tuple[str, ...]) -> None:
    code = BLOCKED_IMPORT_PROBE.format(blocked=sorted(BLENDER_ONLY), packages=packages,
                                       root=PACKAGE)
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, (
        "the pure packages (and ai_sets_addon/__init__.py, which Python runs first) must "
        "import without Blender; lazy-import bpy in the adapter tree:\n" + proc.stderr)
    assert "modules imported without Blender" in proc.stdout
