"""Operators: thin wrappers that read properties, call the pipeline and report."""

import bpy

from . import export, generate, sky

CLASSES = generate.CLASSES + sky.CLASSES + export.CLASSES
register, unregister = bpy.utils.register_classes_factory(CLASSES)
