"""Materials that are shaders alone: window glass, light-fixture emission, volumes."""

from __future__ import annotations

import bpy

from ..generation.plan import Atmosphere, MaterialRequest
from ..generation.vocabulary import COLOURS
from .tagging import tag


def shader_material(request: MaterialRequest, set_name: str) -> bpy.types.Material:
    builders = {"glass": _glass, "emission": _emission}
    return builders[request.family](request, set_name)


def _new(name: str, set_name: str) -> tuple[bpy.types.Material, bpy.types.NodeTree]:
    mat = tag(bpy.data.materials.new(name), set_name)
    if mat.node_tree is None:  # Blender 4.5: node trees are opt-in
        mat.use_nodes = True
    tree = mat.node_tree
    tree.nodes.clear()
    return mat, tree


def _glass(request: MaterialRequest, set_name: str) -> bpy.types.Material:
    """Clear glass that lets shadow rays through: Cycles has no caustics by default, so
    a true refractive pane would block the sun and leave the room dark."""
    mat, tree = _new(f"{set_name} | {request.key}", set_name)
    nodes, links = tree.nodes, tree.links
    glass = nodes.new("ShaderNodeBsdfPrincipled")
    glass.inputs["Base Color"].default_value = (0.9, 0.95, 0.95, 1.0)
    glass.inputs["Roughness"].default_value = 0.02
    glass.inputs["IOR"].default_value = 1.5
    glass.inputs["Transmission Weight"].default_value = 1.0
    clear = nodes.new("ShaderNodeBsdfTransparent")
    path = nodes.new("ShaderNodeLightPath")
    mix = nodes.new("ShaderNodeMixShader")
    out = nodes.new("ShaderNodeOutputMaterial")
    links.new(path.outputs["Is Shadow Ray"], mix.inputs["Fac"])
    links.new(glass.outputs["BSDF"], mix.inputs[1])
    links.new(clear.outputs["BSDF"], mix.inputs[2])
    links.new(mix.outputs["Shader"], out.inputs["Surface"])
    return mat


def _emission(request: MaterialRequest, set_name: str) -> bpy.types.Material:
    """A diffuser panel glowing like the practical inside it."""
    mat, tree = _new(f"{set_name} | {request.key}", set_name)
    emit = tree.nodes.new("ShaderNodeEmission")
    rgb = COLOURS.get(request.colour or "white", COLOURS["white"])
    emit.inputs["Color"].default_value = (*_warm(rgb), 1.0)
    emit.inputs["Strength"].default_value = 40.0
    out = tree.nodes.new("ShaderNodeOutputMaterial")
    tree.links.new(emit.outputs["Emission"], out.inputs["Surface"])
    return mat


def _warm(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    return (rgb[0], rgb[1] * 0.78, rgb[2] * 0.55)


def volume_material(atmosphere: Atmosphere, set_name: str) -> bpy.types.Material:
    mat, tree = _new(f"{set_name} | Atmosphere", set_name)
    volume = tree.nodes.new("ShaderNodeVolumePrincipled")
    volume.inputs["Color"].default_value = (*atmosphere.colour, 1.0)
    volume.inputs["Density"].default_value = atmosphere.density
    volume.inputs["Anisotropy"].default_value = atmosphere.anisotropy
    out = tree.nodes.new("ShaderNodeOutputMaterial")
    tree.links.new(volume.outputs["Volume"], out.inputs["Volume"])
    return mat
