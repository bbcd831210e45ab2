"""ai_sets_addon.generation never needs Blender.

It must run in tests, in a torch worker process and on Dask workers that have no
bpy. Two checks: a static one (no import of a Blender-only module, no reach into the
bpy-facing layers) that names the offending line, and a dynamic one that imports
every generation module in a fresh interpreter where Blender's modules are blocked,
which also catches bpy pulled in through ai_sets_addon/__init__.py.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "ai_sets_addon"
GENERATION = REPO_ROOT / PACKAGE / "generation"
# Modules that only exist inside Blender (or the bpy wheel).
BLENDER_ONLY = frozenset({
    "bpy", "bpy_extras", "bpy_types", "mathutils", "bmesh", "gpu", "gpu_extras", "bgl", "blf",
    "bl_math", "bl_ui", "bl_operators", "idprop", "imbuf", "aud", "freestyle", "addon_utils",
})
GENERATION_PKG = f"{PACKAGE}.generation"


def module_name(path: Path) -> str:
    rel = path.relative_to(REPO_ROOT).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def resolve(node: ast.ImportFrom, current: str, is_package: bool) -> str:
    """Absolute module name of a (possibly relative) `from X import ...`."""
    if node.level == 0:
        return node.module or ""
    base = current.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imported_names(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module) for every import, including importlib/__import__ with a literal."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    current, is_package = module_name(path), path.name == "__init__.py"
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append((node.lineno, resolve(node, current, is_package)))
        elif isinstance(node, ast.Call) and _is_dynamic_import(node):
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.append((node.lineno, arg.value))
    return found


def _is_dynamic_import(node: ast.Call) -> bool:
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name in {"import_module", "__import__"} and bool(node.args)


def violation(module: str) -> str | None:
    top = module.split(".")[0]
    if top in BLENDER_ONLY:
        return f"imports Blender-only module {module!r}"
    in_package = module == PACKAGE or module.startswith(PACKAGE + ".")
    if in_package and not (module == GENERATION_PKG or module.startswith(GENERATION_PKG + ".")):
        return f"reaches out of generation/ into {module!r} (data flows one way)"
    return None


def generation_files() -> list[Path]:
    return sorted(GENERATION.rglob("*.py"))


def test_generation_package_exists() -> None:
    assert (GENERATION / "__init__.py").is_file()
    assert len(generation_files()) > 1


def test_no_module_imports_blender_statically() -> None:
    problems = [
        f"{path.relative_to(REPO_ROOT)}:{line}: {message}"
        for path in generation_files()
        for line, module in imported_names(path)
        if (message := violation(module))
    ]
    assert not problems, "generation/ must not need Blender:\n" + "\n".join(problems)


BLOCKED_IMPORT_PROBE = textwrap.dedent("""
    import importlib, pkgutil, sys
    for name in {blocked!r}:
        sys.modules[name] = None  # any `import bpy` now raises ImportError
    import {generation} as pkg
    names = [pkg.__name__] + [m.name for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + ".")]
    for name in names:
        importlib.import_module(name)
    leaked = sorted(n for n, m in sys.modules.items() if m is not None and n.split(".")[0] in {blocked!r})
    assert not leaked, leaked
    print(len(names), "modules imported without Blender")
""")


def test_whole_generation_package_imports_with_bpy_blocked() -> None:
    code = BLOCKED_IMPORT_PROBE.format(blocked=sorted(BLENDER_ONLY), generation=GENERATION_PKG)
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, (
        "importing ai_sets_addon.generation (and ai_sets_addon/__init__.py, which Python runs "
        "first) must work without Blender; lazy-import bpy in register() instead:\n" + proc.stderr)
    assert "modules imported without Blender" in proc.stdout
