"""Panels: they draw properties and buttons, and never compute."""

import bpy

from . import main, paint, scout, sky

CLASSES = main.CLASSES + sky.CLASSES + scout.CLASSES + paint.CLASSES  # parents first
register, unregister = bpy.utils.register_classes_factory(CLASSES)
