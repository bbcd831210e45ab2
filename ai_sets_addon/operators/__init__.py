"""Operators: thin wrappers that read properties, call the pipeline and report."""

import bpy

from . import generate, sky

CLASSES = generate.CLASSES + sky.CLASSES


def register() -> None:
    for cls in CLASSES:
        bpy.utils.register_class(cls)


def unregister() -> None:
    for cls in reversed(CLASSES):
        bpy.utils.unregister_class(cls)
