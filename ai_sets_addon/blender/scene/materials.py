"""MaterialDescription -> Blender material: a Principled BSDF graph at real-world scale.

Texture coordinates: mesh UVs are in metres (see model/plan.py), so a Mapping
node scales them by 1 / tile_size_m and one texture tile covers exactly the metres
the generator painted it for, on every object.

Where each weathering mask is computed, and why:

=====================  =========  ==========================================================
mask                   where      why
=====================  =========  ==========================================================
grime/moss in joints   numpy      follows the material's own relief (mortar, grout, gaps),
and cavities, stains,             identical on every object using it; baked in base colour,
streaks, edge wear,               roughness and height (generation/materials/modifiers.py)
cracks, rust, wet
darkening
micro occlusion (AO)   numpy      relief from the height map that a normal map cannot shadow
                                  in the render: multiplied into base colour (strength 0.7)
dirt rising from the   shader     depends on where a face is in the set (world Z above the
floor                             floor plane Z = 0, up to 0.35 m), not known to a texture
cavity darkening from  shader     corners where walls meet floor or props: Cycles'
the set's geometry     (Cycles)   Ambient Occlusion node (Pointiness needs dense meshes,
                                  set meshes are low-poly). EEVEE gets no cavity term.
puddles                shader     only the shader knows which faces point up: water where the
                                  face normal is near +Z and the height map is below the
                                  generator's water level (params.shader.puddle_level);
                                  water is flat (geometry normal), mirror-smooth, darker
dust on ledges         shader     horizontal, up-facing faces at any height collect dust
streaks below openings shader     run-off under sills needs to know where openings are: the
                                  shader reads the mesh attribute "aisets_streaks" (0..1,
                                  written by whoever knows the openings; absent reads 0) and
                                  draws vertical world-space streaks there
large-scale variation  shader     a world-space noise (features ~3 m, +-7 % value, +-0.05
                                  roughness) that does not repeat with the texture tile, so
                                  a wall many tiles wide shows no tiled pattern
tile shuffling         shader     every map sampled twice, the second shifted, switched by a
                                  slow UV noise: neighbouring tiles show different parts of
                                  the texture (families and offsets: materials/shuffle.py)
=====================  =========  ==========================================================

Images are loaded with check_existing=True, so objects and materials sharing a map
file share one image datablock. Every datablock made here is tagged with the set.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bpy

from ...model.assets import COLOR_MAPS, MaterialDescription
from ...generation.materials import shuffle
from .render import render_to_file
from .tagging import tag

FLOOR_Z = 0.0          # sets stand on Z = 0 (model/plan.py conventions)
FLOOR_GRIME_M = 0.35   # dirt climbs this far up walls at full grime
STREAK_ATTRIBUTE = "aisets_streaks"   # optional mesh attribute 0..1: run-off below openings
AO_STRENGTH = 0.7
DUST_RGB = (0.60, 0.57, 0.52, 1.0)
GRIME_RGB = (0.22, 0.19, 0.15, 1.0)

# Shading bevel: a 5 mm round on every edge (4 ray samples). Open landscapes have no
# edges worth it and cover most pixels, so they skip the extra rays.
BEVEL_RADIUS_M = 0.005
BEVEL_SAMPLES = 4
UNBEVELLED = frozenset({"grass", "sand", "snow", "soil", "gravel", "rock"})


def build_material(tex: MaterialDescription, set_name: str, *, displacement: str = "bump"
                   ) -> bpy.types.Material:
    """A tagged material for `tex`: maps, real-world mapping, geometry-guided weathering.

    displacement: "bump" (normal map only, cheap, default), "true" (the height map moves
    the surface by its real amplitude; needs subdivided meshes and Cycles) or "none".
    """
    mat = tag(bpy.data.materials.new(f"{set_name} | {tex.key}"), set_name)
    if mat.node_tree is None:          # Blender 4.5: node trees are opt-in
        mat.use_nodes = True
    graph = _Graph(mat.node_tree, set_name)
    graph.clear()
    _wire(graph, tex, mat, displacement)
    return mat


def load_image(path: Path, colour: bool, set_name: str) -> bpy.types.Image:
    """One shared image per file; colour maps sRGB, data maps Non-Color."""
    image = bpy.data.images.load(str(path), check_existing=True)
    image.colorspace_settings.name = "sRGB" if colour else "Non-Color"
    if not colour:
        image.alpha_mode = "NONE"
    return tag(image, set_name)


# --- graph ----------------------------------------------------------------------------

class _Graph:
    """Small helper: create nodes in columns and link sockets by identifier or name."""

    def __init__(self, tree: bpy.types.NodeTree, set_name: str) -> None:
        self.tree, self.set_name = tree, set_name

    def clear(self) -> None:
        self.tree.nodes.clear()

    def node(self, kind: str, x: float, y: float, **props: Any) -> bpy.types.Node:
        node = self.tree.nodes.new(kind)
        node.location = (x, y)
        for key, value in props.items():
            setattr(node, key, value)
        return node

    def link(self, out: bpy.types.NodeSocket, inp: bpy.types.NodeSocket) -> None:
        self.tree.links.new(out, inp)

    def image(self, path: Path, colour: bool, vector: bpy.types.NodeSocket, y: float
              ) -> bpy.types.Node:
        node = self.node("ShaderNodeTexImage", -700, y, interpolation="Linear")
        node.image = load_image(path, colour, self.set_name)
        node.label = path.stem
        self.link(vector, node.inputs["Vector"])
        return node

    def mix(self, kind: str, factor: Any, a: Any, b: Any, x: float, y: float,
            blend: str = "MIX") -> bpy.types.NodeSocket:
        """Mix node of data type RGBA / FLOAT / VECTOR; sockets or constants."""
        node = self.node("ShaderNodeMix", x, y, data_type=kind, blend_type=blend,
                         clamp_factor=True)
        suffix = {"RGBA": "Color", "FLOAT": "Float", "VECTOR": "Vector"}[kind]
        self._set(sock(node.inputs, "Factor_Float"), factor)
        self._set(sock(node.inputs, f"A_{suffix}"), a)
        self._set(sock(node.inputs, f"B_{suffix}"), b)
        return sock(node.outputs, f"Result_{suffix}")

    def math(self, op: str, a: Any, b: Any, x: float, y: float, clamp: bool = True
             ) -> bpy.types.NodeSocket:
        node = self.node("ShaderNodeMath", x, y, operation=op, use_clamp=clamp)
        self._set(node.inputs[0], a)
        self._set(node.inputs[1], b)
        return node.outputs[0]

    def ramp(self, value: Any, lo: float, hi: float, x: float, y: float,
             invert: bool = False) -> bpy.types.NodeSocket:
        """Smoothstep of `value` from lo..hi onto 0..1 (or 1..0)."""
        node = self.node("ShaderNodeMapRange", x, y, interpolation_type="SMOOTHSTEP",
                         clamp=True)
        self._set(node.inputs["Value"], value)
        node.inputs["From Min"].default_value = lo
        node.inputs["From Max"].default_value = hi
        node.inputs["To Min"].default_value = 1.0 if invert else 0.0
        node.inputs["To Max"].default_value = 0.0 if invert else 1.0
        return node.outputs["Result"]

    def _set(self, socket: bpy.types.NodeSocket, value: Any) -> None:
        if isinstance(value, bpy.types.NodeSocket):
            self.link(value, socket)
        else:
            socket.default_value = value


def sock(sockets: Any, identifier: str) -> bpy.types.NodeSocket:
    """Socket by identifier (Mix node sockets share names across data types)."""
    for socket in sockets:
        if socket.identifier == identifier:
            return socket
    raise KeyError(identifier)


def _wire(g: _Graph, tex: MaterialDescription, mat: bpy.types.Material, displacement: str) -> None:
    shader = dict(tex.params.get("shader", {}))
    out = g.node("ShaderNodeOutputMaterial", 900, 0, target="ALL")
    bsdf = g.node("ShaderNodeBsdfPrincipled", 600, 0)
    g.link(bsdf.outputs["BSDF"], out.inputs["Surface"])
    coords = g.node("ShaderNodeTexCoord", -1300, 0)
    mapping = g.node("ShaderNodeMapping", -1100, 0, vector_type="POINT")
    tile_w, tile_h = tex.tile_size_m
    mapping.inputs["Scale"].default_value = (1.0 / tile_w, 1.0 / tile_h, 1.0)
    g.link(coords.outputs["UV"], mapping.inputs["Vector"])
    vec = mapping.outputs["Vector"]
    imgs = _images(g, tex, vec)
    geo = g.node("ShaderNodeNewGeometry", -700, -1500)
    up = _up_facing(g, geo)

    colour: Any = imgs["base_color"].outputs["Color"] if "base_color" in imgs else (0.5,) * 4
    if "ao" in imgs:
        colour = g.mix("RGBA", AO_STRENGTH, colour, imgs["ao"].outputs["Color"], -300, 500,
                       blend="MULTIPLY")
    rough: Any = imgs["roughness"].outputs["Color"] if "roughness" in imgs else 0.5
    colour, rough = _macro_variation(g, colour, rough, geo)
    colour = _floor_grime(g, colour, geo, up, float(shader.get("grime", 0.0)))
    colour = _opening_streaks(g, colour, geo, float(shader.get("age", 0.0)))
    colour, rough = _dust(g, colour, rough, up, float(shader.get("dust", 0.0)))

    normal_map = None
    if "normal" in imgs:
        normal_map = g.node("ShaderNodeNormalMap", 300, -600, space="TANGENT")
        g.link(imgs["normal"].outputs["Color"], normal_map.inputs["Color"])
    normal: Any = normal_map.outputs["Normal"] if normal_map else None
    if float(shader.get("wet", 0.0)) > 0 and "height" in imgs:
        colour, rough, normal = _puddles(g, colour, rough, normal, geo, up,
                                         imgs["height"].outputs["Color"],
                                         float(shader.get("puddle_level", 0.0)))
    g.link(colour, bsdf.inputs["Base Color"])
    g._set(bsdf.inputs["Roughness"], rough)
    if tex.family not in UNBEVELLED:
        normal = _bevel(g, normal)
    if normal is not None:
        g.link(normal, bsdf.inputs["Normal"])
    if "metallic" in imgs:
        g.link(imgs["metallic"].outputs["Color"], bsdf.inputs["Metallic"])
    else:
        bsdf.inputs["Metallic"].default_value = float(tex.metallic)
    _water_film(g, bsdf, up, float(shader.get("wet", 0.0)))
    sheen = float(tex.params.get("sheen", 0.0))
    if sheen:
        bsdf.inputs["Sheen Weight"].default_value = sheen
        bsdf.inputs["Sheen Roughness"].default_value = 0.5
    _displacement(g, mat, tex, imgs.get("height"), out, displacement)


@dataclass
class _Shuffled:
    """Stands where an image node would: `outputs["Color"]` is the map sampled twice
    (the second shifted) and switched by a slow noise, so tiles do not repeat."""

    outputs: dict[str, bpy.types.NodeSocket]


def _images(g: _Graph, tex: MaterialDescription, vec: bpy.types.NodeSocket) -> dict[str, Any]:
    """One image node per map; for shuffled families, two samples per map and a mask
    (generation/materials/shuffle.py: which families, the offset, the mask size)."""
    maps = sorted(tex.maps.items())
    offset = shuffle.offset_for(tex.family)
    if offset is None:
        return {name: g.image(Path(path), name in COLOR_MAPS, vec, 400 - 260 * i)
                for i, (name, path) in enumerate(maps)}
    angle = shuffle.angle_for(tex.family)
    turn = g.node("ShaderNodeVectorRotate", -1000, -200, rotation_type="Z_AXIS")
    g.link(vec, turn.inputs["Vector"])
    turn.inputs["Angle"].default_value = angle
    shift = g.node("ShaderNodeVectorMath", -900, -200, operation="ADD")
    g.link(turn.outputs["Vector"], shift.inputs[0])
    shift.inputs[1].default_value = (offset[0], offset[1], 0.0)
    noise = g.node("ShaderNodeTexNoise", -900, -450, noise_dimensions="2D")
    noise.label = "tile shuffle mask"
    g.link(vec, noise.inputs["Vector"])
    noise.inputs["Scale"].default_value = shuffle.MASK_CYCLES
    noise.inputs["Detail"].default_value = 1.0
    mask = g.ramp(noise.outputs["Fac"], *shuffle.MASK_EDGE, -700, -450)
    out: dict[str, Any] = {}
    for i, (name, path) in enumerate(maps):
        a = g.image(Path(path), name in COLOR_MAPS, vec, 400 - 260 * i)
        b = g.image(Path(path), name in COLOR_MAPS, shift.outputs["Vector"], 270 - 260 * i)
        b.location.x -= 200
        second = b.outputs["Color"]
        if name == "normal" and angle:
            second = _turned_normal(g, second, -angle, 270 - 260 * i)
        mixed = g.mix("RGBA", mask, a.outputs["Color"], second, -500, 400 - 260 * i)
        out[name] = _Shuffled({"Color": mixed})
    return out


def _turned_normal(g: _Graph, colour: bpy.types.NodeSocket, angle: float, y: float
                   ) -> bpy.types.NodeSocket:
    """A tangent-space normal sampled at turned UVs, turned back into the surface's
    tangent frame: colour -> [-1, 1] vector, rotate about Z, -> colour."""
    unpack = g.node("ShaderNodeVectorMath", -650, y - 60, operation="MULTIPLY_ADD")
    g.link(colour, unpack.inputs[0])
    unpack.inputs[1].default_value = (2.0, 2.0, 2.0)
    unpack.inputs[2].default_value = (-1.0, -1.0, -1.0)
    turn = g.node("ShaderNodeVectorRotate", -600, y - 60, rotation_type="Z_AXIS")
    g.link(unpack.outputs["Vector"], turn.inputs["Vector"])
    turn.inputs["Angle"].default_value = angle
    pack = g.node("ShaderNodeVectorMath", -550, y - 60, operation="MULTIPLY_ADD")
    g.link(turn.outputs["Vector"], pack.inputs[0])
    pack.inputs[1].default_value = (0.5, 0.5, 0.5)
    pack.inputs[2].default_value = (0.5, 0.5, 0.5)
    return pack.outputs["Vector"]


def _bevel(g: _Graph, normal: Any) -> Any:
    """Rounded edges in the shading only (Cycles Bevel node, ~5 mm): every box edge of
    walls, furniture and props catches a highlight, with no extra geometry."""
    bevel = g.node("ShaderNodeBevel", 450, -750, samples=BEVEL_SAMPLES)
    bevel.inputs["Radius"].default_value = BEVEL_RADIUS_M
    if normal is not None:
        g.link(normal, bevel.inputs["Normal"])
    return bevel.outputs["Normal"]


def _water_film(g: _Graph, bsdf: bpy.types.Node, up: Any, wet: float) -> None:
    """Wet is water on top of the material, not a glossier material: a clear coat of
    water's IOR, mirror-smooth and flat (the coat ignores the material's normal map), a
    full film on floors and ledges, a thinner one where it runs down walls."""
    if wet <= 0:
        return
    film = g.math("MULTIPLY_ADD", up, 0.45 * wet, 450, -1300)
    film.node.inputs[2].default_value = 0.5 * wet
    g.link(film, bsdf.inputs["Coat Weight"])
    bsdf.inputs["Coat Roughness"].default_value = 0.04
    bsdf.inputs["Coat IOR"].default_value = 1.33


def _up_facing(g: _Graph, geo: bpy.types.Node) -> bpy.types.NodeSocket:
    """1 on floors and ledges (world normal within ~25 deg of +Z), 0 on walls."""
    split = g.node("ShaderNodeSeparateXYZ", -500, -1500)
    g.link(geo.outputs["Normal"], split.inputs["Vector"])
    return g.ramp(split.outputs["Z"], 0.8, 0.95, -300, -1500)


def _macro_variation(g: _Graph, colour: Any, rough: Any, geo: bpy.types.Node
                     ) -> tuple[Any, Any]:
    """Break tile repetition: slow world-space noise nudges value and roughness."""
    noise = g.node("ShaderNodeTexNoise", -500, -300, noise_dimensions="3D")
    g.link(geo.outputs["Position"], noise.inputs["Vector"])
    noise.inputs["Scale"].default_value = 0.33          # features ~3 m
    noise.inputs["Detail"].default_value = 3.0
    value = g.node("ShaderNodeMapRange", -300, -300, clamp=True)
    g.link(noise.outputs["Fac"], value.inputs["Value"])
    value.inputs["From Min"].default_value, value.inputs["From Max"].default_value = 0.3, 0.7
    value.inputs["To Min"].default_value, value.inputs["To Max"].default_value = 0.93, 1.07
    shade = g.node("ShaderNodeCombineXYZ", -100, -300)
    for axis in "XYZ":
        g.link(value.outputs["Result"], shade.inputs[axis])
    colour = g.mix("RGBA", 1.0, colour, shade.outputs["Vector"], 0, 450, blend="MULTIPLY")
    offset = g.math("SUBTRACT", value.outputs["Result"], 1.0, -100, -450, clamp=False)
    node = g.node("ShaderNodeMath", 100, -450, operation="MULTIPLY_ADD", use_clamp=True)
    g.link(offset, node.inputs[0])
    node.inputs[1].default_value = -0.7                  # darker patches a bit rougher
    g._set(node.inputs[2], rough)
    return colour, node.outputs[0]


def _floor_grime(g: _Graph, colour: Any, geo: bpy.types.Node, up: Any, amount: float) -> Any:
    """Dirt rising up walls from the floor, plus Cycles AO cavity dirt in corners."""
    if amount < 0.05:
        return colour
    split = g.node("ShaderNodeSeparateXYZ", -500, -1200)
    g.link(geo.outputs["Position"], split.inputs["Vector"])
    rise = g.ramp(split.outputs["Z"], FLOOR_Z, FLOOR_Z + FLOOR_GRIME_M * (0.4 + amount),
                  -300, -1200, invert=True)
    walls = g.math("SUBTRACT", 1.0, up, -100, -1300)
    near_floor = g.math("MULTIPLY", rise, walls, 100, -1200)
    factor: Any = near_floor
    if amount >= 0.15:
        occl = g.node("ShaderNodeAmbientOcclusion", -300, -900, samples=8, only_local=False)
        occl.inputs["Distance"].default_value = 0.4
        cavity = g.ramp(occl.outputs["AO"], 0.4, 1.0, -100, -900, invert=True)
        factor = g.math("MAXIMUM", near_floor, cavity, 100, -1000)
    scaled = g.math("MULTIPLY", factor, min(0.85, 0.5 + 0.4 * amount), 200, -1100)
    return g.mix("RGBA", scaled, colour, GRIME_RGB, 300, 300, blend="MIX")


def _opening_streaks(g: _Graph, colour: Any, geo: bpy.types.Node, age: float) -> Any:
    """Dirty run-off streaks where the mesh marks them (below sills, copings)."""
    if age < 0.3:
        return colour
    attr = g.node("ShaderNodeAttribute", -500, -1900, attribute_type="GEOMETRY",
                  attribute_name=STREAK_ATTRIBUTE)
    stretch = g.node("ShaderNodeMapping", -500, -2100, vector_type="POINT")
    g.link(geo.outputs["Position"], stretch.inputs["Vector"])
    stretch.inputs["Scale"].default_value = (25.0, 25.0, 0.8)   # thin, tall streaks
    lines = g.node("ShaderNodeTexNoise", -300, -2100, noise_dimensions="3D")
    g.link(stretch.outputs["Vector"], lines.inputs["Vector"])
    lines.inputs["Detail"].default_value = 2.0
    streak = g.ramp(lines.outputs["Fac"], 0.45, 0.7, -100, -2100)
    mask = g.math("MULTIPLY", streak, attr.outputs["Fac"], 100, -2000)
    factor = g.math("MULTIPLY", mask, 0.6 * min(1.0, age + 0.2), 200, -2000)
    return g.mix("RGBA", factor, colour, GRIME_RGB, 320, 350)


def _dust(g: _Graph, colour: Any, rough: Any, up: Any, amount: float) -> tuple[Any, Any]:
    """Dust settles on up-facing faces: lighter, greyer, matte."""
    if amount <= 0:
        return colour, rough
    factor = g.math("MULTIPLY", up, 0.55 * amount, 100, -1500)
    colour = g.mix("RGBA", factor, colour, DUST_RGB, 350, 150)
    rough = g.mix("FLOAT", factor, rough, 0.9, 350, -100)
    return colour, rough


def _puddles(g: _Graph, colour: Any, rough: Any, normal: Any, geo: bpy.types.Node,
             up: Any, height: Any, level: float) -> tuple[Any, Any, Any]:
    """Standing water on up-facing faces below the water level: dark, smooth, flat."""
    if level <= 0:
        return colour, rough, normal
    below = g.ramp(height, level - 0.02, level + 0.01, -100, -1700, invert=True)
    flat = g.math("MULTIPLY", below, up, 100, -1700)
    water = g.math("MULTIPLY", flat, 0.95, 150, -1750)
    darker = g.mix("RGBA", 1.0, colour, (0.55, 0.55, 0.55, 1.0), 350, 400, blend="MULTIPLY")
    colour = g.mix("RGBA", water, colour, darker, 450, 400)
    rough = g.mix("FLOAT", water, rough, 0.03, 450, -150)
    if normal is not None:
        normal = g.mix("VECTOR", water, normal, geo.outputs["Normal"], 450, -600)
    return colour, rough, normal


def _displacement(g: _Graph, mat: bpy.types.Material, tex: MaterialDescription,
                  height: bpy.types.Node | None, out: bpy.types.Node, mode: str) -> None:
    """Optional true displacement by the height map's real amplitude (Cycles)."""
    if mode == "true" and height is not None and tex.displacement_m > 0:
        disp = g.node("ShaderNodeDisplacement", 600, -700, space="OBJECT")
        g.link(height.outputs["Color"], disp.inputs["Height"])
        disp.inputs["Midlevel"].default_value = float(tex.params.get("height_median", 0.5))
        disp.inputs["Scale"].default_value = float(tex.displacement_m)
        g.link(disp.outputs["Displacement"], out.inputs["Displacement"])
        method = "DISPLACEMENT"
    else:
        method = "BUMP"
    if hasattr(mat, "displacement_method"):
        mat.displacement_method = method
    elif hasattr(mat, "cycles"):
        mat.cycles.displacement_method = method


# --- preview: a lit corner (floor + wall) at true scale --------------------------------

def render_preview(tex: MaterialDescription, out_path: Path, *, resolution: tuple[int, int] = (320, 240),
                   samples: int = 16, label: str | None = None,
                   set_name: str = "ai_sets_preview") -> Path:
    """Render `tex` on a 3 m floor and a 2 m high wall meeting in a corner, with a
    0.5 m grey cube for scale, under a low sun and a sky fill (Cycles CPU, denoised).

    Builds in its own scene and removes everything it made afterwards.
    """
    scene = bpy.data.scenes.new(f"{set_name}_scene")
    made: list[bpy.types.ID] = [scene]
    try:
        mat = build_material(tex, set_name)
        made.append(mat)
        made += _preview_stage(scene, mat, label)
        _preview_settings(scene, resolution, samples)
        scene.render.filepath = str(Path(out_path).resolve())
        render_to_file(scene, Path(out_path))
    finally:
        _remove(made, set_name)
    return Path(out_path)


def _quad(name: str, corners: list[tuple[float, float, float]],
          uvs: list[tuple[float, float]]) -> bpy.types.Mesh:
    mesh = bpy.data.meshes.new(name)
    mesh.from_pydata(corners, [], [(0, 1, 2, 3)])
    layer = mesh.uv_layers.new(name="UVMap")
    for loop, uv in zip(layer.data, uvs):
        loop.uv = uv
    mesh.update()
    return mesh


def _preview_stage(scene: bpy.types.Scene, mat: bpy.types.Material,
                   label: str | None) -> list[bpy.types.ID]:
    """Floor 3 x 2.5 m, wall 3 x 2 m (UVs in metres), reference cube, sun, sky, camera."""
    made: list[bpy.types.ID] = []
    floor = _quad("floor", [(-1.5, 0, 0), (1.5, 0, 0), (1.5, 2.5, 0), (-1.5, 2.5, 0)],
                  [(0, 0), (3, 0), (3, 2.5), (0, 2.5)])
    wall = _quad("wall", [(-1.5, 2.5, 0), (1.5, 2.5, 0), (1.5, 2.5, 2), (-1.5, 2.5, 2)],
                 [(0, 0), (3, 0), (3, 2), (0, 2)])
    cube = _quad("cube_top", [(0.6, 1.6, 0.5), (1.1, 1.6, 0.5), (1.1, 2.1, 0.5),
                              (0.6, 2.1, 0.5)], [(0, 0), (0.5, 0), (0.5, 0.5), (0, 0.5)])
    grey = bpy.data.materials.new("preview_grey")
    if grey.node_tree is None:
        grey.use_nodes = True
    grey.node_tree.nodes["Principled BSDF"].inputs["Base Color"].default_value = \
        (0.18, 0.18, 0.18, 1.0)     # 18 % grey card: a known value to judge exposure
    made += [floor, wall, cube, grey]
    for mesh in (floor, wall):
        mesh.materials.append(mat)
        made.append(_link(scene, bpy.data.objects.new(mesh.name, mesh)))
    box = bpy.data.meshes.new("cube")
    box.from_pydata(*_box((0.85, 1.85, 0.25), 0.5))
    box.materials.append(grey)
    made += [box, _link(scene, bpy.data.objects.new("cube", box))]
    bpy.data.meshes.remove(cube)
    made.remove(cube)
    sun = bpy.data.lights.new("sun", "SUN")
    sun.energy, sun.angle = 3.0, 0.02
    sun_obj = _link(scene, bpy.data.objects.new("sun", sun))
    sun_obj.rotation_euler = (0.95, 0.0, 0.75)
    cam = bpy.data.cameras.new("camera")
    cam.lens, cam.sensor_width = 28.0, 36.0
    cam_obj = _link(scene, bpy.data.objects.new("camera", cam))
    cam_obj.location = (0.0, -2.4, 1.55)
    cam_obj.rotation_euler = (1.22, 0.0, 0.0)
    scene.camera = cam_obj
    world = bpy.data.worlds.new("preview_sky")
    if world.node_tree is None:
        world.use_nodes = True
    bg = world.node_tree.nodes.get("Background")
    bg.inputs["Color"].default_value = (0.55, 0.68, 0.95, 1.0)
    bg.inputs["Strength"].default_value = 0.6
    scene.world = world
    made += [sun, sun_obj, cam, cam_obj, world]
    if label:
        made += _label(scene, label)
    return made


def _box(centre: tuple[float, float, float], size: float) -> tuple[list, list, list]:
    h = size / 2
    cx, cy, cz = centre
    verts = [(cx + sx * h, cy + sy * h, cz + sz * h)
             for sx in (-1, 1) for sy in (-1, 1) for sz in (-1, 1)]
    faces = [(0, 1, 3, 2), (4, 6, 7, 5), (0, 4, 5, 1), (2, 3, 7, 6), (0, 2, 6, 4), (1, 5, 7, 3)]
    return verts, [], faces


def _label(scene: bpy.types.Scene, text: str) -> list[bpy.types.ID]:
    """White caption on the floor near the camera, readable in the gallery."""
    curve = bpy.data.curves.new("label", "FONT")
    curve.body, curve.size, curve.align_x = text, 0.16, "CENTER"
    mat = bpy.data.materials.new("label_white")
    if mat.node_tree is None:
        mat.use_nodes = True
    emit = mat.node_tree.nodes.new("ShaderNodeEmission")
    emit.inputs["Strength"].default_value = 4.0
    mat.node_tree.links.new(emit.outputs[0], mat.node_tree.nodes["Material Output"].inputs[0])
    curve.materials.append(mat)
    obj = _link(scene, bpy.data.objects.new("label", curve))
    obj.visible_shadow = False
    obj.location = (0.0, -0.55, 0.62)
    obj.rotation_euler = (1.22, 0.0, 0.0)
    return [curve, mat, obj]


def _link(scene: bpy.types.Scene, obj: bpy.types.Object) -> bpy.types.Object:
    scene.collection.objects.link(obj)
    return obj


def _preview_settings(scene: bpy.types.Scene, resolution: tuple[int, int], samples: int) -> None:
    scene.render.engine = "CYCLES"
    scene.cycles.device = "CPU"
    scene.cycles.samples = samples
    scene.cycles.use_denoising = True
    scene.cycles.max_bounces = 4
    scene.render.resolution_x, scene.render.resolution_y = resolution
    scene.render.resolution_percentage = 100
    scene.render.image_settings.file_format = "PNG"
    scene.render.image_settings.color_mode = "RGB"
    scene.render.threads_mode = "FIXED"
    scene.render.threads = 2


def _remove(made: list[bpy.types.ID], set_name: str) -> None:
    """Delete what the preview made (objects first), and the tagged images."""
    order = (bpy.types.Object, bpy.types.Scene, bpy.types.Mesh, bpy.types.Curve,
             bpy.types.Light, bpy.types.Camera, bpy.types.World, bpy.types.Material)
    for kind in order:
        for block in [b for b in made if isinstance(b, kind)]:
            collection = getattr(bpy.data, _DATA[kind])
            if block.name in collection and collection[block.name] == block:
                collection.remove(block)
    for image in [i for i in bpy.data.images if i.get("ai_sets") == set_name and not i.users]:
        bpy.data.images.remove(image)


_DATA = {bpy.types.Object: "objects", bpy.types.Scene: "scenes", bpy.types.Mesh: "meshes",
         bpy.types.Curve: "curves", bpy.types.Light: "lights", bpy.types.Camera: "cameras",
         bpy.types.World: "worlds", bpy.types.Material: "materials"}
