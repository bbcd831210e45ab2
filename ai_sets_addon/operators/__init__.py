"""Operators: thin wrappers that read properties, call the pipeline and report."""

import bpy

from . import export, generate, scout, sky

CLASSES = generate.CLASSES + sky.CLASSES + export.CLASSES + scout.CLASSES
register, unregister = bpy.utils.register_classes_factory(CLASSES)
