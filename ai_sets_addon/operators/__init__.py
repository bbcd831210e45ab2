"""Operators: thin wrappers that read properties, call the pipeline and report."""

import bpy

from . import export, generate, paint, scout, script, sky

CLASSES = (generate.CLASSES + sky.CLASSES + export.CLASSES + scout.CLASSES + paint.CLASSES
           + script.CLASSES)
_register, _unregister = bpy.utils.register_classes_factory(CLASSES)


def register() -> None:
    _register()
    paint.register_properties()


def unregister() -> None:
    paint.clear_previews()
    paint.unregister_properties()
    _unregister()
