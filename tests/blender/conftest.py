"""Fixtures for tests that drive Blender through the `bpy` module.

bpy is one Blender per process, shared by every test: each test starts from a
factory-settings empty scene, and the add-on is registered only for the tests that
ask for it and always unregistered after them, so no test sees another's leftovers.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from types import ModuleType

import pytest

try:
    import bpy
except ImportError:  # no bpy here: tests/conftest.py leaves this folder's tests out
    bpy = None


def reset_to_empty_scene() -> bpy.types.Scene:
    """Factory settings, empty scene: no default cube, camera or light to confuse checks."""
    bpy.ops.wm.read_factory_settings(use_empty=True)
    return bpy.context.scene


def register_addon() -> ModuleType:
    """Import and register ai_sets_addon as Blender would on enable."""
    import ai_sets_addon

    ai_sets_addon.register()
    return ai_sets_addon


def unregister_addon() -> None:
    import ai_sets_addon

    ai_sets_addon.unregister()


@contextlib.contextmanager
def addon_registered() -> Iterator[ModuleType]:
    """register() on entry, unregister() on exit even when the body fails."""
    module = register_addon()
    try:
        yield module
    finally:
        unregister_addon()


class AddonLifecycle:
    """register()/unregister() calls a test makes, undone at teardown if the test stops midway."""

    def __init__(self) -> None:
        self.registered = False

    def register(self) -> ModuleType:
        module = register_addon()
        self.registered = True
        return module

    def unregister(self) -> None:
        self.registered = False
        unregister_addon()


def _set_document(prompt: str, seed: int, folder, options=None):
    from ai_sets_addon.generation.prepare import prepare_set
    from ai_sets_addon.setfile import read_set

    prepare_set(prompt, seed, folder, options)
    return read_set(folder)


@pytest.fixture(scope="session")
def set_document():
    """prepare a set folder and read it back, as the scene layer always receives it:
    set_document(prompt, seed, folder, options) -> SetDocument."""
    return _set_document


@pytest.fixture
def empty_scene() -> bpy.types.Scene:
    """A fresh factory-settings scene with no objects."""
    return reset_to_empty_scene()


@pytest.fixture
def addon(empty_scene: bpy.types.Scene) -> Iterator[ModuleType]:
    """ai_sets_addon registered on a fresh empty scene, unregistered afterwards."""
    with addon_registered() as module:
        yield module


@pytest.fixture
def addon_lifecycle(empty_scene: bpy.types.Scene) -> Iterator[AddonLifecycle]:
    """For tests of registration itself: they call register()/unregister() themselves."""
    lifecycle = AddonLifecycle()
    yield lifecycle
    if lifecycle.registered:
        lifecycle.unregister()
