"""AI painting, the Blender side: the scene as rendered captured for the painter (evaluated
meshes, ticked cameras), the preview image, and a part's painted base colour mixed over its
procedural material where the painter saw it (the coverage mask), through the `atlas` UV map.

A material is shared by many parts but each part has its own atlas, so a painted part
gets its own copy of the material; its normal and roughness stay procedural, so the
set's lights still shape the painted surface.
"""

from __future__ import annotations

from pathlib import Path

import bpy
import numpy as np

from ..model.plan import CameraPlan

from .scene.materials import load_image
from .scene.objects import ATLAS_UV
from .scene.tagging import tag

PAINTED_SUFFIX = "painted"
PREVIEW_IMAGE = "AI Sets Paint Preview"


def painted_material(material: bpy.types.Material, part_name: str,
                     files: dict[str, Path], set_name: str) -> bpy.types.Material:
    """A tagged copy of `material` whose base colour is the painting where covered.
    Materials without a Principled BSDF (emitters, neon) are returned unchanged."""
    bsdf = next((n for n in material.node_tree.nodes if n.type == "BSDF_PRINCIPLED"), None)
    if bsdf is None:
        return material
    painted = tag(material.copy(), set_name)
    painted.name = f"{material.name} ({PAINTED_SUFFIX} {part_name})"
    _wire(painted.node_tree, files, set_name)
    return painted


def _wire(tree: bpy.types.NodeTree, files: dict[str, Path], set_name: str) -> None:
    nodes, links = tree.nodes, tree.links
    bsdf = next(n for n in nodes if n.type == "BSDF_PRINCIPLED")
    uv = nodes.new("ShaderNodeUVMap")
    uv.uv_map = ATLAS_UV
    uv.location = (bsdf.location.x - 900, bsdf.location.y + 700)
    paint = _image(tree, files["paint"], True, uv, set_name, (uv.location.x + 250, uv.location.y))
    cover = _image(tree, files["coverage"], False, uv, set_name,
                   (uv.location.x + 250, uv.location.y - 300))
    mix = nodes.new("ShaderNodeMix")
    mix.data_type, mix.blend_type, mix.clamp_factor = "RGBA", "MIX", True
    mix.location = (bsdf.location.x - 250, bsdf.location.y + 500)
    base = bsdf.inputs["Base Color"]
    mix_a = next(s for s in mix.inputs if s.identifier == "A_Color")
    if base.is_linked:
        links.new(base.links[0].from_socket, mix_a)
    else:
        mix_a.default_value = base.default_value
    links.new(cover.outputs["Color"], next(s for s in mix.inputs if s.identifier == "Factor_Float"))
    links.new(paint.outputs["Color"], next(s for s in mix.inputs if s.identifier == "B_Color"))
    links.new(next(s for s in mix.outputs if s.identifier == "Result_Color"), base)


def _image(tree, path: Path, colour: bool, uv, set_name: str, location) -> bpy.types.Node:
    node = tree.nodes.new("ShaderNodeTexImage")
    node.image = load_image(Path(path), colour, set_name)
    node.interpolation = "Linear"
    node.extension = "EXTEND"          # atlas charts are padded; never wrap into a neighbour
    node.location = location
    tree.links.new(uv.outputs["UV"], node.inputs["Vector"])
    return node


# ------------------------------------------------------------------- scene -> paint

def set_folder(context) -> Path:
    from .scene.builder import SET_FOLDER, current_set

    root = current_set(context.scene)
    folder = root.get(SET_FOLDER) if root is not None else None
    if not folder or not Path(folder).is_dir():
        raise ValueError("no AI set with a set folder in this scene: generate a set first")
    return Path(folder)


def capture(context, folder: Path):
    """The scene as rendered now -> (PaintScene, albedo reference): evaluated meshes
    grouped by mesh data (instances share the atlas), atlas sizes from the set, the
    ticked cameras."""
    from ..ai.paint.arrays import albedo_reference
    from ..ai.paint.scene import PaintScene
    from ..setfile import read_set

    doc = read_set(folder)
    sizes = {p.name: p.atlas_size for p in doc.plan.parts}
    parts = _capture_parts(context.evaluated_depsgraph_get(), sizes)
    cameras = [_camera_plan(o) for o in context.scene.objects
               if o.type == "CAMERA" and getattr(o, "ai_sets_paint", True)]
    if not cameras:
        raise ValueError("tick at least one camera in the Paint panel")
    scene = PaintScene(parts, cameras, _view_size(context.scene),
                       doc.texel_density_px_per_m or None, doc.spec.prompt)
    return scene, albedo_reference(doc, parts)


def _capture_parts(depsgraph, sizes: dict[str, tuple[int, int]]):
    from ..ai.paint.scene import PaintPart

    groups: dict[str, dict] = {}
    for inst in depsgraph.object_instances:
        obj = inst.object
        owner = inst.parent.original if inst.is_instance and inst.parent else obj.original
        if obj.type != "MESH" or owner.hide_render:
            continue
        key = obj.original.data.name if obj.original.data else obj.name
        group = groups.setdefault(key, {"obj": obj, "matrices": []})
        group["matrices"].append(np.array(inst.matrix_world, dtype=np.float64))
    parts = []
    for name, group in groups.items():
        arrays = _corner_arrays(group["obj"])
        if arrays is None:
            continue
        positions, atlas = arrays
        paintable = name in sizes and atlas is not None
        parts.append(PaintPart(
            name=name, positions=positions, faces=np.arange(len(positions), dtype=np.uint32
                                                           ).reshape(-1, 3),
            atlas_uv=atlas if atlas is not None else np.zeros((len(positions), 2), np.float32),
            atlas_size=tuple(sizes.get(name, (1, 1))), instances=group["matrices"],
            paintable=paintable))
    return parts


def _corner_arrays(obj):
    """(positions per triangle corner, atlas UV per corner or None) of an evaluated mesh."""
    mesh = obj.to_mesh()
    try:
        mesh.calc_loop_triangles()
        tris = len(mesh.loop_triangles)
        if not tris:
            return None
        loops = np.empty(tris * 3, np.int32)
        mesh.loop_triangles.foreach_get("loops", loops)
        verts = np.empty(len(mesh.loops), np.int32)
        mesh.loops.foreach_get("vertex_index", verts)
        co = np.empty(len(mesh.vertices) * 3, np.float32)
        mesh.vertices.foreach_get("co", co)
        positions = co.reshape(-1, 3)[verts[loops]]
        layer = mesh.uv_layers.get("atlas")
        atlas = None
        if layer is not None:
            uv = np.empty(len(mesh.loops) * 2, np.float32)
            layer.data.foreach_get("uv", uv)
            atlas = uv.reshape(-1, 2)[loops]
        return positions, atlas
    finally:
        obj.to_mesh_clear()


def _camera_plan(obj) -> CameraPlan:
    """A camera object as a CameraPlan (location, a target along its view, lens,
    sensor width; roll and lens shift are not carried)."""
    matrix = np.array(obj.matrix_world, dtype=np.float64)
    location = matrix[:3, 3]
    forward = -matrix[:3, 2] / max(np.linalg.norm(matrix[:3, 2]), 1e-12)
    return CameraPlan(obj.name, tuple(location), tuple(location + 10.0 * forward),
                      obj.data.lens, obj.data.sensor_width)


def _view_size(scene) -> tuple[int, int]:
    """The render's aspect, longest side the panel's View Size, both multiples of 8."""
    w, h = scene.render.resolution_x, scene.render.resolution_y
    scale = scene.ai_sets_paint.view_side / max(w, h)
    return (max(64, int(round(w * scale / 8)) * 8), max(64, int(round(h * scale / 8)) * 8))


# ------------------------------------------------------------------- paint -> scene

def apply_paint(context, paint_json: Path) -> int:
    """Mix each painted part's paint over its material (the scene builder's wiring)."""
    import json

    from .scene.builder import current_set
    from .scene.tagging import TAG

    root = current_set(context.scene)
    folder = paint_json.parent
    parts = json.loads(paint_json.read_text())["parts"]
    files = {name: {"paint": folder / e["paint_png"], "coverage": folder / e["coverage_png"]}
             for name, e in parts.items()}
    set_tag = root.get(TAG)
    done = set()
    for mesh in {o.data for o in root.all_objects if o.type == "MESH"}:
        if mesh.name not in files or mesh.name in done:
            continue
        for slot, material in enumerate(mesh.materials):
            base = material.get("ai_sets_unpainted") or material.name
            original = bpy.data.materials.get(base, material)
            painted = painted_material(original, mesh.name, files[mesh.name], set_tag)
            painted["ai_sets_unpainted"] = original.name
            mesh.materials[slot] = painted
        done.add(mesh.name)
    return len(done)


def show_preview(path: str) -> None:
    image = bpy.data.images.get(PREVIEW_IMAGE)
    if image is None:
        image = bpy.data.images.load(path)
        image.name = PREVIEW_IMAGE
    else:
        image.filepath = path
        image.reload()
    image.preview_ensure()


def clear_previews() -> None:
    """Forget the preview image (the files live beside the set, not in the .blend)."""
    image = bpy.data.images.get(PREVIEW_IMAGE)
    if image is not None:
        bpy.data.images.remove(image)
