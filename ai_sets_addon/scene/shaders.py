"""Materials that are shaders alone (no texture files): window glass, light-fixture
emission, coloured neon, lit windows, tree bark and foliage, open water, studio
backdrop paper, plain paint, and the atmosphere volume.

These are surfaces where a procedural node graph beats a tiled texture (foliage and
water must not repeat; emitters have no texture) or where there is nothing to paint
(solid colours), and they cost nothing at asset time.
"""

from __future__ import annotations

import bpy

from ..generation.plan import Atmosphere, MaterialRequest
from ..generation.vocabulary import COLOURS
from .tagging import tag


def shader_material(request: MaterialRequest, set_name: str) -> bpy.types.Material:
    builders = {"glass": _glass, "emission": _emission, "neon": _neon,
                "lit_window": _lit_window, "bark": _bark, "foliage": _foliage,
                "water": _water, "backdrop": _backdrop, "paint": _paint, "poster": _poster}
    return builders[request.family](request, set_name)


def srgb_to_linear(rgb) -> tuple[float, float, float]:
    return tuple(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb)


def _colour(request: MaterialRequest, default: str) -> tuple[float, float, float]:
    return srgb_to_linear(COLOURS.get(request.colour or default, COLOURS[default]))


def _new(name: str, set_name: str) -> tuple[bpy.types.Material, bpy.types.NodeTree]:
    mat = tag(bpy.data.materials.new(name), set_name)
    if mat.node_tree is None:
        mat.use_nodes = True
    tree = mat.node_tree
    tree.nodes.clear()
    return mat, tree


def _output(tree, shader_socket, displacement=None) -> None:
    out = tree.nodes.new("ShaderNodeOutputMaterial")
    tree.links.new(shader_socket, out.inputs["Surface"])
    if displacement is not None:
        tree.links.new(displacement, out.inputs["Displacement"])


def _principled(tree, colour, roughness: float, **inputs):
    bsdf = tree.nodes.new("ShaderNodeBsdfPrincipled")
    bsdf.inputs["Base Color"].default_value = (*colour, 1.0)
    bsdf.inputs["Roughness"].default_value = roughness
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


def _mix_colour(tree, factor_socket, a, b):
    """A two-colour ramp driven by a noise (tone variation)."""
    ramp = tree.nodes.new("ShaderNodeValToRGB")
    ramp.color_ramp.elements[0].color = (*a, 1.0)
    ramp.color_ramp.elements[1].color = (*b, 1.0)
    ramp.color_ramp.elements[0].position = 0.3
    ramp.color_ramp.elements[1].position = 0.7
    tree.links.new(factor_socket, ramp.inputs["Fac"])
    return ramp


# --------------------------------------------------------------------------- emitters

def _glass(request: MaterialRequest, set_name: str) -> bpy.types.Material:
    """Clear glass that lets shadow rays through: Cycles has no caustics by default, so
    a true refractive pane would block the sun and leave the room dark."""
    mat, tree = _new(f"{set_name} | {request.key}", set_name)
    nodes, links = tree.nodes, tree.links
    glass = _principled(tree, (0.9, 0.95, 0.95), 0.02, IOR=1.5, Transmission_Weight=1.0)
    clear = nodes.new("ShaderNodeBsdfTransparent")
    path = nodes.new("ShaderNodeLightPath")
    mix = nodes.new("ShaderNodeMixShader")
    links.new(path.outputs["Is Shadow Ray"], mix.inputs["Fac"])
    links.new(glass.outputs["BSDF"], mix.inputs[1])
    links.new(clear.outputs["BSDF"], mix.inputs[2])
    _output(tree, mix.outputs["Shader"])
    return mat


def _emission(request: MaterialRequest, set_name: str) -> bpy.types.Material:
    """A diffuser panel glowing like the practical inside it."""
    mat, tree = _new(f"{set_name} | {request.key}", set_name)
    emit = tree.nodes.new("ShaderNodeEmission")
    rgb = COLOURS.get(request.colour or "white", COLOURS["white"])
    emit.inputs["Color"].default_value = (*_warm(rgb), 1.0)
    emit.inputs["Strength"].default_value = 12.0 if "dim" in request.modifiers else 40.0
    _output(tree, emit.outputs["Emission"])
    return mat


def _warm(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    return (rgb[0], rgb[1] * 0.78, rgb[2] * 0.55)


def _neon(request: MaterialRequest, set_name: str) -> bpy.types.Material:
    """Bent glass tubes: a saturated core glow (the tube looks hot, near white at its
    centre, as neon does on film)."""
    mat, tree = _new(f"{set_name} | {request.key}", set_name)
    rgb = _saturated(_colour(request, "magenta"))
    emit = tree.nodes.new("ShaderNodeEmission")
    emit.inputs["Color"].default_value = (*rgb, 1.0)
    emit.inputs["Strength"].default_value = 30.0
    _output(tree, emit.outputs["Emission"])
    return mat


def _saturated(rgb) -> tuple[float, float, float]:
    peak = max(max(rgb), 1e-6)
    return tuple(min(1.0, c / peak) for c in rgb)


def _lit_window(request: MaterialRequest, set_name: str) -> bpy.types.Material:
    """A room seen through a window at night: warm light, uneven from window to window
    (curtains, lamps, rooms at different depths)."""
    mat, tree = _new(f"{set_name} | {request.key}", set_name)
    noise = _noise(tree, 0.35, 2.0)
    ramp = _mix_colour(tree, noise.outputs["Fac"], (0.25, 0.12, 0.04), (1.0, 0.62, 0.3))
    emit = tree.nodes.new("ShaderNodeEmission")
    emit.inputs["Strength"].default_value = 2.0 if "dim" in request.modifiers else 6.0
    tree.links.new(ramp.outputs["Color"], emit.inputs["Color"])
    _output(tree, emit.outputs["Emission"])
    return mat


def _poster(request: MaterialRequest, set_name: str) -> bpy.types.Material:
    """A backlit advertising print: bold colour fields and a soft gradient, different
    on every frame (object-space noise), glowing like a light box."""
    mat, tree = _new(f"{set_name} | {request.key}", set_name)
    nodes, links = tree.nodes, tree.links
    coord = nodes.new("ShaderNodeTexCoord")
    noise = nodes.new("ShaderNodeTexVoronoi")
    noise.inputs["Scale"].default_value = 0.6
    links.new(coord.outputs["Object"], noise.inputs["Vector"])
    ramp = nodes.new("ShaderNodeValToRGB")
    stops = [(0.0, (0.9, 0.25, 0.12)), (0.33, (0.95, 0.8, 0.55)), (0.66, (0.1, 0.35, 0.75)),
             (1.0, (0.95, 0.9, 0.85))]
    ramp.color_ramp.interpolation = "CONSTANT"
    ramp.color_ramp.elements[0].position, ramp.color_ramp.elements[0].color = stops[0][0], (*stops[0][1], 1)
    ramp.color_ramp.elements[1].position, ramp.color_ramp.elements[1].color = stops[1][0], (*stops[1][1], 1)
    for pos, col in stops[2:]:
        element = ramp.color_ramp.elements.new(pos)
        element.color = (*col, 1.0)
    links.new(noise.outputs["Distance"], ramp.inputs["Fac"])
    emit = nodes.new("ShaderNodeEmission")
    emit.inputs["Strength"].default_value = 3.0
    links.new(ramp.outputs["Color"], emit.inputs["Color"])
    _output(tree, emit.outputs["Emission"])
    return mat


# --------------------------------------------------------------------------- nature

def _bark(request: MaterialRequest, set_name: str) -> bpy.types.Material:
    """Furrowed bark: vertical wave furrows broken by noise, dark grey-brown."""
    mat, tree = _new(f"{set_name} | {request.key}", set_name)
    wave = tree.nodes.new("ShaderNodeTexWave")
    wave.wave_type = "BANDS"
    wave.bands_direction = "X"
    wave.inputs["Scale"].default_value = 6.0
    wave.inputs["Distortion"].default_value = 12.0
    wave.inputs["Detail"].default_value = 6.0
    coord = tree.nodes.new("ShaderNodeTexCoord")
    tree.links.new(coord.outputs["Object"], wave.inputs["Vector"])
    ramp = _mix_colour(tree, wave.outputs["Fac"], (0.035, 0.028, 0.022), (0.16, 0.13, 0.1))
    bsdf = _principled(tree, (0.1, 0.08, 0.06), 0.9)
    tree.links.new(ramp.outputs["Color"], bsdf.inputs["Base Color"])
    bump = _bump(tree, wave.outputs["Fac"], 0.8, 0.03)
    tree.links.new(bump.outputs["Normal"], bsdf.inputs["Normal"])
    _output(tree, bsdf.outputs["BSDF"])
    return mat


def _foliage(request: MaterialRequest, set_name: str) -> bpy.types.Material:
    """Leaf mass: clumpy Voronoi bump at leaf scale, two greens, light through it."""
    mat, tree = _new(f"{set_name} | {request.key}", set_name)
    nodes, links = tree.nodes, tree.links
    base = _colour(request, "green")
    if "dark" in request.modifiers:                      # conifer needles
        base = (base[0] * 0.35, base[1] * 0.55, base[2] * 0.5)
    dark = tuple(c * 0.35 for c in base)
    light = tuple(min(1.0, c * 1.25 + 0.01) for c in base)
    noise = _noise(tree, 0.6, 3.0)
    ramp = _mix_colour(tree, noise.outputs["Fac"], dark, light)
    leaves = nodes.new("ShaderNodeTexVoronoi")
    leaves.inputs["Scale"].default_value = 9.0
    coord = nodes.new("ShaderNodeTexCoord")
    links.new(coord.outputs["Object"], leaves.inputs["Vector"])
    bsdf = _principled(tree, base, 0.6)
    links.new(ramp.outputs["Color"], bsdf.inputs["Base Color"])
    bump = _bump(tree, leaves.outputs["Distance"], 0.9, 0.05)
    links.new(bump.outputs["Normal"], bsdf.inputs["Normal"])
    translucent = nodes.new("ShaderNodeBsdfTranslucent")
    translucent.inputs["Color"].default_value = (*light, 1.0)
    mix = nodes.new("ShaderNodeMixShader")
    mix.inputs["Fac"].default_value = 0.2
    links.new(bsdf.outputs["BSDF"], mix.inputs[1])
    links.new(translucent.outputs["BSDF"], mix.inputs[2])
    _output(tree, mix.outputs["Shader"])
    return mat


def _water(request: MaterialRequest, set_name: str) -> bpy.types.Material:
    """Open sea seen from the shore: a dark, glossy surface whose waves are a bump of
    two noise scales (long swell, short chop) so the sky's reflection breaks up."""
    mat, tree = _new(f"{set_name} | {request.key}", set_name)
    nodes, links = tree.nodes, tree.links
    swell = _noise(tree, 0.08, 2.0)
    chop = _noise(tree, 1.5, 4.0)
    add = nodes.new("ShaderNodeMath")
    add.operation = "MULTIPLY_ADD"
    add.inputs[1].default_value = 0.25
    links.new(chop.outputs["Fac"], add.inputs[0])
    links.new(swell.outputs["Fac"], add.inputs[2])
    bsdf = _principled(tree, (0.01, 0.045, 0.05), 0.04, IOR=1.33)
    bump = _bump(tree, add.outputs["Value"], 0.35, 0.2)
    links.new(bump.outputs["Normal"], bsdf.inputs["Normal"])
    _output(tree, bsdf.outputs["BSDF"])
    return mat


# --------------------------------------------------------------------------- solids

def _backdrop(request: MaterialRequest, set_name: str) -> bpy.types.Material:
    """Seamless paper / painted cyc: matte, even; chroma colours stay saturated."""
    mat, tree = _new(f"{set_name} | {request.key}", set_name)
    colour = _colour(request, "white")
    if request.colour == "green":
        colour = (0.02, 0.35, 0.05)
    elif request.colour == "blue":
        colour = (0.02, 0.06, 0.45)
    elif request.colour in (None, "white"):
        colour = (0.7, 0.7, 0.68)
    bsdf = _principled(tree, colour, 0.85)
    _output(tree, bsdf.outputs["BSDF"])
    return mat


def _paint(request: MaterialRequest, set_name: str) -> bpy.types.Material:
    """A solid coated colour (powder-coated steel, plastic, painted timber) with a
    faint large-scale roughness variation so it does not look like CG."""
    mat, tree = _new(f"{set_name} | {request.key}", set_name)
    roughness = 0.18 if "polished" in request.modifiers else (0.8 if "matte" in request.modifiers else 0.45)
    bsdf = _principled(tree, _colour(request, "grey"), roughness)
    noise = _noise(tree, 3.0, 3.0)
    span = tree.nodes.new("ShaderNodeMapRange")
    span.inputs["To Min"].default_value = roughness * 0.8
    span.inputs["To Max"].default_value = min(1.0, roughness * 1.25)
    tree.links.new(noise.outputs["Fac"], span.inputs["Value"])
    tree.links.new(span.outputs["Result"], bsdf.inputs["Roughness"])
    _output(tree, bsdf.outputs["BSDF"])
    return mat


def volume_material(atmosphere: Atmosphere, set_name: str) -> bpy.types.Material:
    mat, tree = _new(f"{set_name} | Atmosphere", set_name)
    volume = tree.nodes.new("ShaderNodeVolumePrincipled")
    volume.inputs["Color"].default_value = (*atmosphere.colour, 1.0)
    volume.inputs["Density"].default_value = atmosphere.density
    volume.inputs["Anisotropy"].default_value = atmosphere.anisotropy
    out = tree.nodes.new("ShaderNodeOutputMaterial")
    tree.links.new(volume.outputs["Volume"], out.inputs["Volume"])
    return mat
