"""Shader-only materials (no texture files) wired from their description's constants,
and the atmosphere volume.

The numbers live in generation/materials/shader_only.py, which the exporters read as
well; here they become node graphs where a procedural pattern beats a tiled texture
(foliage and water must not repeat, bark furrows, lit windows vary window to window).
The drawn patterns (leaf cards, bark, lit windows, posters) take every scale, threshold
and ramp stop from generation/materials/shader_patterns.py, the table the exporters'
bakes read too: no pattern number is written here.
"""

from __future__ import annotations

import math

from typing import Any

import bpy

from ...generation.materials import shader_patterns as sp
from ...model.assets import MaterialDescription
from ...model.plan import Atmosphere
from .materials import BEVEL_RADIUS_M, BEVEL_SAMPLES
from .tagging import tag


def shader_material(desc: MaterialDescription, set_name: str) -> bpy.types.Material:
    builders = {"glass": _glass, "emission": _emission, "neon": _emission,
                "lit_window": _lit_window, "bark": _bark, "foliage": _foliage,
                "water": _water, "backdrop": _solid, "paint": _paint, "poster": _poster}
    mat = tag(bpy.data.materials.new(f"{set_name} | {desc.key}"), set_name)
    if mat.node_tree is None:
        mat.use_nodes = True
    mat.node_tree.nodes.clear()
    builders[desc.family](mat.node_tree, desc.params)
    if desc.params.get("practical"):
        mat[GLOW_KEY] = float(desc.params["emission_strength_on"])
    return mat


GLOW_KEY = "ai_sets_glow_on"          # a practical lamp head's lit emission strength
GLOW_NODE = "Practical Glow"


def set_glow(mat: bpy.types.Material, on: bool) -> None:
    """Light or darken a practical lamp head (the scout hour's switch)."""
    node = mat.node_tree.nodes.get(GLOW_NODE) if mat.node_tree else None
    if node is not None and GLOW_KEY in mat:
        node.inputs["Emission Strength"].default_value = mat[GLOW_KEY] if on else 0.0


def _rgba(rgb) -> tuple[float, float, float, float]:
    return (*(float(c) for c in rgb), 1.0)


def _output(tree, shader_socket, displacement=None) -> None:
    out = tree.nodes.new("ShaderNodeOutputMaterial")
    tree.links.new(shader_socket, out.inputs["Surface"])
    if displacement is not None:
        tree.links.new(displacement, out.inputs["Displacement"])


def _principled(tree, params: dict[str, Any], **inputs):
    bsdf = tree.nodes.new("ShaderNodeBsdfPrincipled")
    bsdf.inputs["Base Color"].default_value = _rgba(params["base_color"])
    bsdf.inputs["Roughness"].default_value = params["roughness"]
    bsdf.inputs["IOR"].default_value = params.get("ior", 1.5)
    for name, value in inputs.items():
        bsdf.inputs[name.replace("_", " ")].default_value = value
    return bsdf


def _noise(tree, scale: float, detail: float = 4.0, coords: str = "Object"):
    tex = tree.nodes.new("ShaderNodeTexNoise")
    tex.inputs["Scale"].default_value = scale
    tex.inputs["Detail"].default_value = detail
    coord = tree.nodes.new("ShaderNodeTexCoord")
    tree.links.new(coord.outputs[coords], tex.inputs["Vector"])
    return tex


def _bump(tree, height_socket, strength: float, distance: float = 0.02):
    bump = tree.nodes.new("ShaderNodeBump")
    bump.inputs["Strength"].default_value = strength
    bump.inputs["Distance"].default_value = distance
    tree.links.new(height_socket, bump.inputs["Height"])
    return bump


def _two_tone(tree, factor_socket, a, b, stops=(0.3, 0.7)):
    """A two-colour ramp driven by a noise (tone variation), linear between `stops`."""
    ramp = tree.nodes.new("ShaderNodeValToRGB")
    ramp.color_ramp.elements[0].color = _rgba(a)
    ramp.color_ramp.elements[1].color = _rgba(b)
    ramp.color_ramp.elements[0].position = stops[0]
    ramp.color_ramp.elements[1].position = stops[1]
    tree.links.new(factor_socket, ramp.inputs["Fac"])
    return ramp


def _glow(tree, colour_socket_or_rgb, strength: float) -> None:
    emit = tree.nodes.new("ShaderNodeEmission")
    emit.inputs["Strength"].default_value = strength
    if isinstance(colour_socket_or_rgb, bpy.types.NodeSocket):
        tree.links.new(colour_socket_or_rgb, emit.inputs["Color"])
    else:
        emit.inputs["Color"].default_value = _rgba(colour_socket_or_rgb)
    _output(tree, emit.outputs["Emission"])


# --------------------------------------------------------------------------- emitters

def _glass(tree, p: dict[str, Any]) -> None:
    """Clear glass that lets shadow rays through: Cycles has no caustics by default, so
    a true refractive pane would block the sun and leave the room dark."""
    nodes, links = tree.nodes, tree.links
    glass = _principled(tree, p, Transmission_Weight=p["transmission"])
    clear = nodes.new("ShaderNodeBsdfTransparent")
    path = nodes.new("ShaderNodeLightPath")
    mix = nodes.new("ShaderNodeMixShader")
    links.new(path.outputs["Is Shadow Ray"], mix.inputs["Fac"])
    links.new(glass.outputs["BSDF"], mix.inputs[1])
    links.new(clear.outputs["BSDF"], mix.inputs[2])
    _output(tree, mix.outputs["Shader"])


def _emission(tree, p: dict[str, Any]) -> None:
    """A diffuser panel or a neon tube: a flat glow of the described colour. A
    practical lamp head is an opal cover that glows (Principled emission), so it
    still reads as a lamp when the hour switches it off."""
    if not p.get("practical"):
        _glow(tree, p["emission"], p["emission_strength"])
        return
    bsdf = _principled(tree, p)
    bsdf.name = GLOW_NODE
    bsdf.inputs["Emission Color"].default_value = _rgba(p["emission"])
    bsdf.inputs["Emission Strength"].default_value = p["emission_strength"]
    _output(tree, bsdf.outputs["BSDF"])


def _lit_window(tree, p: dict[str, Any]) -> None:
    """A room seen through a window at night: warm light, uneven from window to window
    (curtains, lamps, rooms at different depths)."""
    t = sp.LIT_WINDOW
    noise = _noise(tree, t.scale, t.detail)
    ramp = _two_tone(tree, noise.outputs["Fac"], p["emission_dark"], p["emission_light"],
                     t.ramp)
    _glow(tree, ramp.outputs["Color"], p["emission_strength"])


def _poster(tree, p: dict[str, Any]) -> None:
    """A backlit advertising print: bold colour fields, different on every frame
    (object-space Voronoi shifted by the object's or instance's random number, since
    instanced frames share one object space), glowing like a light box."""
    nodes, links = tree.nodes, tree.links
    coord = nodes.new("ShaderNodeTexCoord")
    info = nodes.new("ShaderNodeObjectInfo")
    shift = nodes.new("ShaderNodeVectorMath")
    shift.operation = "MULTIPLY_ADD"          # random x far offset + object position
    links.new(coord.outputs["Object"], shift.inputs[2])
    offset = nodes.new("ShaderNodeCombineXYZ")
    for axis, k in zip("XYZ", sp.POSTER.frame_shift):
        mul = nodes.new("ShaderNodeMath")
        mul.operation = "MULTIPLY"
        mul.inputs[1].default_value = k
        links.new(info.outputs["Random"], mul.inputs[0])
        links.new(mul.outputs["Value"], offset.inputs[axis])
    links.new(offset.outputs["Vector"], shift.inputs[0])
    shift.inputs[1].default_value = (1.0, 1.0, 1.0)
    cells = nodes.new("ShaderNodeTexVoronoi")
    cells.inputs["Scale"].default_value = sp.POSTER.scale
    links.new(shift.outputs["Vector"], cells.inputs["Vector"])
    ramp = nodes.new("ShaderNodeValToRGB")
    ramp.color_ramp.interpolation = "CONSTANT"
    stops = p["poster_stops"]
    for element, (pos, col) in zip(ramp.color_ramp.elements, stops[:2]):
        element.position, element.color = pos, _rgba(col)
    for pos, col in stops[2:]:
        ramp.color_ramp.elements.new(pos).color = _rgba(col)
    links.new(cells.outputs["Distance"], ramp.inputs["Fac"])
    _glow(tree, ramp.outputs["Color"], p["emission_strength"])


# --------------------------------------------------------------------------- nature

def _bark(tree, p: dict[str, Any]) -> None:
    """Furrowed bark: vertical wave furrows broken by noise, dark grey-brown."""
    t = sp.BARK
    wave = tree.nodes.new("ShaderNodeTexWave")
    wave.wave_type = "BANDS"
    wave.bands_direction = p.get("bands", "X")
    wave.inputs["Scale"].default_value = t.scale
    wave.inputs["Distortion"].default_value = t.distortion
    wave.inputs["Detail"].default_value = t.detail
    coord = tree.nodes.new("ShaderNodeTexCoord")
    vector = coord.outputs["Object"]
    if p.get("grain_axis") == "X":          # a log lying along X: turn X up to Z
        turn = tree.nodes.new("ShaderNodeMapping")
        turn.inputs["Rotation"].default_value = (0.0, math.pi / 2, 0.0)
        tree.links.new(vector, turn.inputs["Vector"])
        vector = turn.outputs["Vector"]
    tree.links.new(vector, wave.inputs["Vector"])
    ramp = _two_tone(tree, wave.outputs["Fac"], p["tone_dark"], p["tone_light"],
                     p.get("tone_split", t.ramp))     # sets made before the split
    bsdf = _principled(tree, p)
    tree.links.new(ramp.outputs["Color"], bsdf.inputs["Base Color"])
    bump = _bump(tree, wave.outputs["Fac"], t.bump_strength, t.bump_distance_m)
    tree.links.new(bump.outputs["Normal"], bsdf.inputs["Normal"])
    _output(tree, bsdf.outputs["BSDF"])


def _foliage(tree, p: dict[str, Any]) -> None:
    """Leaf mass: clumpy Voronoi bump at leaf scale, two greens, light through it."""
    nodes, links = tree.nodes, tree.links
    noise = _noise(tree, 0.6, 3.0)
    ramp = _two_tone(tree, noise.outputs["Fac"], p["tone_dark"], p["tone_light"])
    leaves = nodes.new("ShaderNodeTexVoronoi")
    leaves.inputs["Scale"].default_value = 9.0
    coord = nodes.new("ShaderNodeTexCoord")
    links.new(coord.outputs["Object"], leaves.inputs["Vector"])
    bsdf = _principled(tree, p)
    links.new(ramp.outputs["Color"], bsdf.inputs["Base Color"])
    bump = _bump(tree, leaves.outputs["Distance"], 0.9, 0.05)
    links.new(bump.outputs["Normal"], bsdf.inputs["Normal"])
    translucent = nodes.new("ShaderNodeBsdfTranslucent")
    translucent.inputs["Color"].default_value = _rgba(p["tone_light"])
    mix = nodes.new("ShaderNodeMixShader")
    mix.inputs["Fac"].default_value = p["translucency"]
    links.new(bsdf.outputs["BSDF"], mix.inputs[1])
    links.new(translucent.outputs["BSDF"], mix.inputs[2])
    leaf = mix.outputs["Shader"]
    if p.get("pattern"):
        leaf = _cut_out(tree, leaf, _leaf_alpha(tree, p))
    _output(tree, leaf)


def _cut_out(tree, shader, alpha):
    """Alpha-masked cards: transparent where the pattern has no leaf."""
    clear = tree.nodes.new("ShaderNodeBsdfTransparent")
    mix = tree.nodes.new("ShaderNodeMixShader")
    tree.links.new(alpha, mix.inputs["Fac"])
    tree.links.new(clear.outputs["BSDF"], mix.inputs[1])
    tree.links.new(shader, mix.inputs[2])
    return mix.outputs["Shader"]


def _math(tree, op: str, *values):
    """A Math node on sockets or constants; returns its output socket."""
    node = tree.nodes.new("ShaderNodeMath")
    node.operation = op
    for socket, value in zip(node.inputs, values):
        if isinstance(value, bpy.types.NodeSocket):
            tree.links.new(value, socket)
        elif value is not None:
            socket.default_value = value
    return node.outputs["Value"]


def _leaf_alpha(tree, p: dict[str, Any]):
    """1 on a leaf, 0 between leaves, from the card's centred metre UVs: leaves (or
    needles) are Voronoi cells stretched to a leaf's shape, different on every card
    (the island's random number is the cells' third coordinate); the card's outline
    is a noisy disc, so no square edge shows. Palm fronds: slanted leaflets."""
    nodes, links = tree.nodes, tree.links
    uv = nodes.new("ShaderNodeTexCoord").outputs["UV"]
    parts = nodes.new("ShaderNodeSeparateXYZ")
    links.new(uv, parts.inputs["Vector"])
    u, v = parts.outputs["X"], parts.outputs["Y"]
    w, length = p["leaf_m"]
    if p["pattern"] == "frond":
        f = sp.FRONDS
        slant = _math(tree, "MULTIPLY_ADD", _math(tree, "ABSOLUTE", u), f.slant / length,
                      _math(tree, "DIVIDE", v, w))
        leaflet = _math(tree, "LESS_THAN", _math(tree, "FRACT", slant), f.leaflet)
        rachis = _math(tree, "LESS_THAN", _math(tree, "ABSOLUTE", u), f.rachis_m)
        return _math(tree, "MAXIMUM", leaflet, rachis)
    t = sp.LEAF_CARDS
    island = nodes.new("ShaderNodeNewGeometry").outputs["Random Per Island"]
    cells = nodes.new("ShaderNodeTexVoronoi")
    cells.inputs["Scale"].default_value = t.cells_per_leaf      # one cell a leaf
    combine = nodes.new("ShaderNodeCombineXYZ")
    links.new(_math(tree, "DIVIDE", u, w), combine.inputs["X"])
    links.new(_math(tree, "DIVIDE", v, length), combine.inputs["Y"])
    links.new(_math(tree, "MULTIPLY", island, t.card_slices), combine.inputs["Z"])
    links.new(combine.outputs["Vector"], cells.inputs["Vector"])
    leaf = _math(tree, "LESS_THAN", cells.outputs["Distance"], t.leaf_f1)
    radius = _math(tree, "DIVIDE", _length(tree, uv),
                   p["card_m"] / 2)
    ragged = _noise(tree, t.ragged_scale, t.ragged_detail)
    edge = _math(tree, "LESS_THAN", _math(tree, "MULTIPLY_ADD", ragged.outputs["Fac"],
                                            t.ragged, radius), t.outline)
    return _math(tree, "MULTIPLY", leaf, edge)


def _length(tree, vector):
    node = tree.nodes.new("ShaderNodeVectorMath")
    node.operation = "LENGTH"
    tree.links.new(vector, node.inputs[0])
    return node.outputs["Value"]


def _water(tree, p: dict[str, Any]) -> None:
    """Open sea seen from the shore: a dark, glossy surface whose waves are a bump of
    two noise scales (long swell, short chop) so the sky's reflection breaks up."""
    nodes, links = tree.nodes, tree.links
    swell = _noise(tree, 0.08, 2.0)
    chop = _noise(tree, 1.5, 4.0)
    add = nodes.new("ShaderNodeMath")
    add.operation = "MULTIPLY_ADD"
    add.inputs[1].default_value = 0.25
    links.new(chop.outputs["Fac"], add.inputs[0])
    links.new(swell.outputs["Fac"], add.inputs[2])
    bsdf = _principled(tree, p)
    bump = _bump(tree, add.outputs["Value"], 0.35, 0.2)
    links.new(bump.outputs["Normal"], bsdf.inputs["Normal"])
    _output(tree, bsdf.outputs["BSDF"])


# --------------------------------------------------------------------------- solids

def _solid(tree, p: dict[str, Any]) -> None:
    """Seamless paper / painted cyc: matte, even."""
    bsdf = _principled(tree, p)
    _bevelled(tree, bsdf)
    _output(tree, bsdf.outputs["BSDF"])


def _bevelled(tree, bsdf) -> None:
    """Rounded edges in the shading (Cycles Bevel node, 5 mm, 4 rays): painted boxes,
    rails and props catch a highlight on every edge at no geometry cost."""
    bevel = tree.nodes.new("ShaderNodeBevel")
    bevel.samples = BEVEL_SAMPLES
    bevel.inputs["Radius"].default_value = BEVEL_RADIUS_M
    tree.links.new(bevel.outputs["Normal"], bsdf.inputs["Normal"])


def _paint(tree, p: dict[str, Any]) -> None:
    """A solid coated colour with a faint large-scale roughness variation so it does
    not look like CG."""
    bsdf = _principled(tree, p)
    noise = _noise(tree, 3.0, 3.0)
    span = tree.nodes.new("ShaderNodeMapRange")
    span.inputs["To Min"].default_value = p["roughness"] * 0.8
    span.inputs["To Max"].default_value = min(1.0, p["roughness"] * 1.25)
    tree.links.new(noise.outputs["Fac"], span.inputs["Value"])
    tree.links.new(span.outputs["Result"], bsdf.inputs["Roughness"])
    _bevelled(tree, bsdf)
    _output(tree, bsdf.outputs["BSDF"])


def volume_material(atmosphere: Atmosphere, set_name: str) -> bpy.types.Material:
    mat = tag(bpy.data.materials.new(f"{set_name} | Atmosphere"), set_name)
    if mat.node_tree is None:
        mat.use_nodes = True
    tree = mat.node_tree
    tree.nodes.clear()
    volume = tree.nodes.new("ShaderNodeVolumePrincipled")
    volume.inputs["Color"].default_value = _rgba(atmosphere.colour)
    volume.inputs["Density"].default_value = atmosphere.density
    volume.inputs["Anisotropy"].default_value = atmosphere.anisotropy
    out = tree.nodes.new("ShaderNodeOutputMaterial")
    tree.links.new(volume.outputs["Volume"], out.inputs["Volume"])
    return mat
