"""glTF binary through Blender's own exporter, then a few notes added with pygltflib.

Blender's exporter already writes what a virtual-production viewer needs from the
export scene (blender_scene.py): PBR materials with KHR_texture_transform (the Mapping
node's 1 / tile size), occlusion from the "glTF Material Output" group, emissive
strength and transmission, KHR_lights_punctual in candela / lux (W x 683 / 4 pi for
points and spots, W/m^2 x 683 for the sun), cameras with their yfov at the scene's
16:9 aspect, and EXT_mesh_gpu_instancing for the props under one Empty. glTF has no
environment map: the sky EXR is copied beside the .glb and named in the sidecar and in
the scene's `extras` (export/glb.py rewrites the JSON chunk: no dependency).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import bpy

from ..setfile import SetDocument
from ..export import glb
from .export_scene import export_scene

GLTF_OPTIONS: dict[str, Any] = dict(
    export_format="GLB", use_active_scene=True, export_cameras=True, export_lights=True,
    export_gpu_instances=True, export_yup=True, export_apply=False,
    export_animations=False, export_extras=False, export_image_format="AUTO",
    export_texcoords=True, export_normals=True, export_materials="EXPORT",
    export_import_convert_lighting_mode="SPEC",
)
QUIET_DEBUG_VALUE = 1   # the exporter logs per-primitive INFO lines at debug value 0


def write_glb(doc: SetDocument, path: Path, extras: dict[str, Any]) -> Path:
    """Export the set to `path` (.glb) and record `extras` on its scene."""
    debug_value = bpy.app.debug_value
    try:
        bpy.app.debug_value = QUIET_DEBUG_VALUE
        with export_scene(doc, "gltf") as scene:
            with bpy.context.temp_override(scene=scene, view_layer=scene.view_layers[0]):
                bpy.ops.export_scene.gltf(filepath=str(path), **GLTF_OPTIONS)
    finally:
        bpy.app.debug_value = debug_value
    annotate(path, extras)
    return path


def annotate(path: Path, extras: dict[str, Any]) -> None:
    """Put `extras` on the glTF scene (where viewers and scripts look for set data)."""
    glb.add_scene_extras(path, "ai_sets", extras)
