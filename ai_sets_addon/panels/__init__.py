"""Panels: they draw properties and buttons, and never compute."""

import bpy

from . import main, scout, sky

CLASSES = main.CLASSES + sky.CLASSES + scout.CLASSES  # parents before children
register, unregister = bpy.utils.register_classes_factory(CLASSES)
