"""Ownership tags: every datablock a set creates carries the set's name.

Removing a set then means removing exactly what carries its tag, so regenerating
never leaves orphans behind and never touches the user's own data.
"""

from __future__ import annotations

import bpy

TAG = "ai_sets"

# Collections of bpy.data that a set may create datablocks in, removal order matters:
# users first (objects), then what they use.
OWNED_KINDS = ("objects", "collections", "meshes", "lights", "cameras", "materials",
               "node_groups", "images", "worlds", "volumes")


def tag(datablock: bpy.types.ID, set_name: str) -> bpy.types.ID:
    datablock[TAG] = set_name
    return datablock


def owned_by(set_name: str | None = None) -> list[bpy.types.ID]:
    """Datablocks tagged by a set (any set when set_name is None), users first."""
    found = []
    for kind in OWNED_KINDS:
        for block in getattr(bpy.data, kind):
            owner = block.get(TAG)
            if owner is not None and (set_name is None or owner == set_name):
                found.append(block)
    return found
