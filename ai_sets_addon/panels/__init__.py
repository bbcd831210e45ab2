"""Panels: they draw properties and buttons, and never compute."""

import bpy

from . import main, sky

CLASSES = main.CLASSES + sky.CLASSES


def register() -> None:
    for cls in CLASSES:
        bpy.utils.register_class(cls)


def unregister() -> None:
    for cls in reversed(CLASSES):
        bpy.utils.unregister_class(cls)
