"""AI Sets: type a place, get a lit, textured virtual film set.

This file only orders registration; Blender-facing modules are imported inside
`register` so that `python -m ai_sets_addon` and worker processes without bpy can
import the package.
"""

from __future__ import annotations

_MODULES = ("preferences", "properties", "operators", "panels")


def _modules():
    import importlib

    return [importlib.import_module(f".{name}", __name__) for name in _MODULES]


def register() -> None:
    for module in _modules():
        module.register()


def unregister() -> None:
    for module in reversed(_modules()):
        module.unregister()
