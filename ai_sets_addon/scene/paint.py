"""AI painting in the scene: a part's painted base colour mixed over its procedural
material where the painter saw it (the coverage mask), through the `atlas` UV map.

A material is shared by many parts but each part has its own atlas, so a painted part
gets its own copy of the material; its normal and roughness stay procedural, so the
set's lights still shape the painted surface.
"""

from __future__ import annotations

from pathlib import Path

import bpy

from .materials import load_image
from .objects import ATLAS_UV
from .tagging import tag

PAINTED_SUFFIX = "painted"


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
