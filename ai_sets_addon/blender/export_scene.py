"""Set folder -> a plain Blender scene that Blender's glTF and USD exporters read well.

The set's own scene is built for Cycles (weathering masks, world-space noise, light
paths); an exporter cannot follow those graphs. This scene is the same set with plain
graphs the exporters recognise: image textures linked straight to a Principled BSDF
through one Mapping node (scale 1 / tile size: KHR_texture_transform, UsdTransform2d),
a "glTF Material Output" group for occlusion, constants for shader-only materials
and, where the family draws a pattern (leaf cards, bark, lit windows, posters), the
maps baked for the exporters at prepare time.
Repeated props are linked duplicates under one Empty per prototype, which the glTF
exporter turns into EXT_mesh_gpu_instancing.

Everything is made in a temporary scene with its own datablocks (images are loaded
fresh, never shared with the user's set) and removed when the `export_scene` block
ends, so exporting leaves the open file as it was.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import bpy
from mathutils import Matrix, Vector

from ..model.assets import MaterialDescription
from ..core.errors import InputError
from ..model.plan import LightPlan
from ..setfile import SetDocument
from .scene import objects, world
from .scene.tagging import TAG
from ..export import units

EXPORT_TAG = "ai_sets_export"
KINDS = ("objects", "meshes", "lights", "cameras", "materials", "node_groups", "images",
         "worlds", "collections")
UV_NAME = "st"          # the tiled UVs (metres): USD's conventional name, TEXCOORD_0
GLTF_OUTPUT_GROUP = "glTF Material Output"   # the name Blender's glTF exporter looks for
DUPLICATE_SUFFIX = re.compile(r"\.\d{3,}$")  # what Blender appends to a name in use


@contextmanager
def export_scene(doc: SetDocument, target: str) -> Iterator[bpy.types.Scene]:
    """A temporary scene holding the set for one exporter ("gltf" or "usd"); removed
    afterwards. glTF: area lamps become spots (glTF has none), repeated props are
    linked duplicates under an Empty (EXT_mesh_gpu_instancing). USD: repeated props
    are Geometry Nodes instances on points (UsdGeomPointInstancer)."""
    scene = bpy.data.scenes.new(f"{doc.plan.name} (export)")
    scene[EXPORT_TAG] = True
    held: list[tuple[bpy.types.ID, str]] = []
    try:
        _Builder(doc, scene, target).build()
        held = _take_plain_names()
        yield scene
    finally:
        remove_export_blocks()
        bpy.data.scenes.remove(scene)
        _give_names_back(held)


def _take_plain_names() -> list[tuple[bpy.types.ID, str]]:
    """Exported names are the set's own ('Wide', not 'Wide.001') even while the user's
    copy of the set, holding those names, is open: the user's blocks are renamed for
    the export and named back afterwards (returned: block, name to give back)."""
    held = []
    for kind in KINDS:
        blocks = getattr(bpy.data, kind)
        for block in [b for b in blocks if b.get(EXPORT_TAG)]:
            plain = DUPLICATE_SUFFIX.sub("", block.name)
            other = blocks.get(plain)
            if plain == block.name or other is None or other.get(EXPORT_TAG) or other.library:
                continue
            other.name = f"{plain} (exporting)"
            held.append((other, plain))
            block.name = plain
    return held


def _give_names_back(held: list[tuple[bpy.types.ID, str]]) -> None:
    for block, name in reversed(held):
        block.name = name


def remove_export_blocks() -> None:
    blocks = [b for kind in KINDS for b in getattr(bpy.data, kind) if b.get(EXPORT_TAG)]
    if blocks:
        bpy.data.batch_remove(blocks)


def _own(block: bpy.types.ID) -> bpy.types.ID:
    """Mark a datablock as the export's (and not the set's: the set's removal must
    never reach it, nor ours the set's)."""
    if TAG in block:
        del block[TAG]
    block[EXPORT_TAG] = True
    return block


class _Builder:
    def __init__(self, doc: SetDocument, scene: bpy.types.Scene, target: str) -> None:
        self.doc, self.scene, self.target = doc, scene, target
        self.images: dict[Path, bpy.types.Image] = {}
        self._gltf_group: bpy.types.NodeTree | None = None

    def build(self) -> None:
        scene = self.scene
        scene.render.resolution_x, scene.render.resolution_y = units.RENDER_SIZE
        scene.render.resolution_percentage = 100
        scene.unit_settings.system = "METRIC"
        scene.unit_settings.scale_length = 1.0
        materials = {key: self.material(desc) for key, desc in self.doc.materials.items()}
        for part in self.doc.plan.parts:
            mesh = _own(objects.mesh_from_part(part, EXPORT_TAG))
            mesh.uv_layers["UVMap"].name = UV_NAME
            mesh.materials.append(materials[part.material])
            self.place(part, mesh)
        for light in self.doc.plan.lights:
            if light.kind == "AREA" and light.portal:
                continue                 # a Cycles portal emits nothing
            self.link(self.light(light))
        cameras = [self.link(_own(objects.camera_object(c, EXPORT_TAG)))
                   for c in self.doc.plan.cameras]
        for cam in cameras:
            _own(cam.data)
        scene.camera = cameras[0] if cameras else None
        self.sky()

    def link(self, obj: bpy.types.Object) -> bpy.types.Object:
        self.scene.collection.objects.link(obj)
        return obj

    # ------------------------------------------------------------------ objects
    def place(self, part, mesh: bpy.types.Mesh) -> None:
        """One object; for copies, glTF: an Empty with one linked duplicate per copy
        (the exporter's GPU instancing takes an Empty's children sharing a mesh); USD:
        the scene layer's points instancer, which Blender writes as a PointInstancer."""
        if not part.instances:
            self.link(_own(bpy.data.objects.new(part.name, mesh)))
            return
        if self.target == "usd":
            for obj in objects.node_instancer(part, mesh, EXPORT_TAG):
                self.link(_own(obj))
                if obj.data is not mesh:
                    _own(obj.data)
                    _own(obj.modifiers[0].node_group)
            return
        holder = self.link(_own(bpy.data.objects.new(f"{part.name} instances", None)))
        for index, transform in enumerate(part.instances):
            obj = self.link(_own(bpy.data.objects.new(f"{part.name} {index + 1:03d}", mesh)))
            obj.parent = holder
            obj.matrix_world = Matrix([list(row) for row in transform])

    def light(self, plan: LightPlan) -> bpy.types.Object:
        obj = _own(objects.light_object(plan, EXPORT_TAG))
        _own(obj.data)
        if plan.kind == "AREA" and self.target == "gltf":
            obj.data.type = "SPOT"
            # Blender exports a spot's W as W / 4 pi candela; an area lamp's on-axis
            # intensity is W / pi (units.area_candela): 4x the watts as a spot.
            obj.data.energy = plan.power_w * 4.0 if plan.on else 0.0
            obj.data.spot_size = math.radians(179.0)   # glTF: outer cone < 90 deg
            obj.data.spot_blend = 1.0
        _unit_colour(obj.data)
        return obj

    def sky(self) -> None:
        """A World with the sky EXR (USD: DomeLight) and the key light of the sky (the
        sun, or the moon at night) as a Sun lamp at its direction and irradiance."""
        sky = self.doc.sky
        env_world = _own(bpy.data.worlds.new("AI Sets sky"))
        if env_world.node_tree is None:
            env_world.use_nodes = True
        nodes, links = env_world.node_tree.nodes, env_world.node_tree.links
        nodes.clear()
        env = nodes.new("ShaderNodeTexEnvironment")
        env.image = self.image(Path(sky.exr_path), colour=False)
        background = nodes.new("ShaderNodeBackground")
        out = nodes.new("ShaderNodeOutputWorld")
        links.new(env.outputs["Color"], background.inputs["Color"])
        links.new(background.outputs["Background"], out.inputs["Surface"])
        self.scene.world = env_world
        sun = _own(world.make_sun(sky, EXPORT_TAG))
        _own(sun.data)
        sun.name = sun.data.name = "Sun" if sky.params.get("key_body", "sun") == "sun" else "Moon"
        _unit_colour(sun.data)
        self.link(sun)

    # ---------------------------------------------------------------- materials
    def image(self, path: Path, colour: bool) -> bpy.types.Image:
        path = Path(path)
        if path not in self.images:
            try:
                image = _own(bpy.data.images.load(str(path), check_existing=False))
            except RuntimeError as exc:
                raise InputError(f"image '{path}' cannot be loaded ({exc}); rebuild the set "
                                 "or restore the file") from None
            if image.size[0] == 0 or image.size[1] == 0:       # size loads the pixels
                raise InputError(f"image '{path}' does not load (damaged or truncated); "
                                 "rebuild the set or restore the file")
            image.colorspace_settings.name = "sRGB" if colour else "Non-Color"
            if not colour:
                image.alpha_mode = "NONE"
            self.images[path] = image
        return self.images[path]

    def occlusion_image(self, path: Path) -> bpy.types.Image:
        """The AO map for glTF at half size, its own texture. Why: Blender's glTF
        exporter merges occlusion with same-sized roughness/metallic images into one
        ORM texture, a path that logs "More than one shader node tex image used for a
        texture" and "This case should not happen, please report a bug" for every
        material read through a texture transform (all of ours: tiles in metres). A
        separate occlusion texture takes the exporter's supported path; ambient
        occlusion is soft, so half the texels lose nothing visible and the file is
        smaller than the merged ORM image."""
        key = Path(f"{path}#occlusion")
        if key not in self.images:
            image = _own(self.image(path, colour=False).copy())
            width, height = image.size
            image.scale(max(1, width // 2), max(1, height // 2))
            self.images[key] = image
        return self.images[key]

    def material(self, desc: MaterialDescription) -> bpy.types.Material:
        mat = _own(bpy.data.materials.new(desc.key))
        if mat.node_tree is None:
            mat.use_nodes = True
        tree = mat.node_tree
        tree.nodes.clear()
        bsdf = tree.nodes.new("ShaderNodeBsdfPrincipled")
        out = tree.nodes.new("ShaderNodeOutputMaterial")
        tree.links.new(bsdf.outputs["BSDF"], out.inputs["Surface"])
        if desc.kind == "shader":
            _constants(bsdf, units.shader_factors(desc.params))
            if desc.maps:
                self.shader_maps(mat, bsdf, desc)
        else:
            self.textured(tree, bsdf, desc)
        return mat

    def _texture_reader(self, tree: bpy.types.NodeTree, desc: MaterialDescription):
        """texture(name) -> an image node for map `name`, read through the tiled UVs
        and one Mapping node at 1 / tile size (KHR_texture_transform, UsdTransform2d)."""
        nodes, links = tree.nodes, tree.links
        uv = nodes.new("ShaderNodeUVMap")
        uv.uv_map = UV_NAME
        mapping = nodes.new("ShaderNodeMapping")
        mapping.vector_type = "POINT"
        scale = units.TileScale.of(desc.tile_size_m)
        mapping.inputs["Scale"].default_value = (scale.u, scale.v, 1.0)
        links.new(uv.outputs["UV"], mapping.inputs["Vector"])

        def texture(name: str):
            node = nodes.new("ShaderNodeTexImage")
            node.image = self.image(desc.maps[name], colour=name in units.COLOUR_MAP_NAMES)
            node.interpolation = "Linear"
            links.new(mapping.outputs["Vector"], node.inputs["Vector"])
            return node

        return texture

    def shader_maps(self, mat: bpy.types.Material, bsdf: bpy.types.Node,
                    desc: MaterialDescription) -> None:
        """A shader-only family's baked maps (generation/materials/shader_maps.py) over
        its constants: base colour, for leaf cards with the cut-out alpha through a
        Round node (the glTF exporter's alpha-clip pattern: alphaMode MASK, cutoff 0.5)
        and both sides shown; a normal map; the emission colour at the material's
        emission strength."""
        tree, maps = mat.node_tree, desc.maps
        links = tree.links
        texture = self._texture_reader(tree, desc)
        if "base_color" in maps:
            base = texture("base_color")
            links.new(base.outputs["Color"], bsdf.inputs["Base Color"])
            if units.alpha_masked(desc.params):
                clip = tree.nodes.new("ShaderNodeMath")
                clip.operation = "ROUND"
                links.new(base.outputs["Alpha"], clip.inputs[0])
                links.new(clip.outputs["Value"], bsdf.inputs["Alpha"])
                mat.use_backface_culling = False          # glTF doubleSided
        if "normal" in maps:
            normal_map = tree.nodes.new("ShaderNodeNormalMap")
            links.new(texture("normal").outputs["Color"], normal_map.inputs["Color"])
            links.new(normal_map.outputs["Normal"], bsdf.inputs["Normal"])
        if "emission" in maps:
            links.new(texture("emission").outputs["Color"], bsdf.inputs["Emission Color"])
            bsdf.inputs["Emission Strength"].default_value = float(
                desc.params.get("emission_strength", 1.0))

    def textured(self, tree: bpy.types.NodeTree, bsdf: bpy.types.Node,
                 desc: MaterialDescription) -> None:
        nodes, links = tree.nodes, tree.links
        texture = self._texture_reader(tree, desc)
        maps = desc.maps
        links.new(texture("base_color").outputs["Color"], bsdf.inputs["Base Color"])
        if "roughness" in maps:
            links.new(texture("roughness").outputs["Color"], bsdf.inputs["Roughness"])
        if "metallic" in maps:
            links.new(texture("metallic").outputs["Color"], bsdf.inputs["Metallic"])
        else:
            bsdf.inputs["Metallic"].default_value = float(desc.metallic)
        if "normal" in maps:
            normal_map = nodes.new("ShaderNodeNormalMap")
            links.new(texture("normal").outputs["Color"], normal_map.inputs["Color"])
            links.new(normal_map.outputs["Normal"], bsdf.inputs["Normal"])
        if "ao" in maps:
            group = nodes.new("ShaderNodeGroup")
            self._gltf_group = self._gltf_group or gltf_output_group()
            group.node_tree = self._gltf_group
            ao = texture("ao")
            if self.target == "gltf":
                ao.image = self.occlusion_image(desc.maps["ao"])
            links.new(ao.outputs["Color"], group.inputs["Occlusion"])


def _unit_colour(light: bpy.types.Light) -> None:
    colour, factor = units.unit_colour(light.color)
    light.color = colour
    light.energy *= factor


def _constants(bsdf: bpy.types.Node, factors: dict) -> None:
    bsdf.inputs["Base Color"].default_value = (*factors["base_color"], 1.0)
    bsdf.inputs["Metallic"].default_value = factors["metallic"]
    bsdf.inputs["Roughness"].default_value = factors["roughness"]
    bsdf.inputs["IOR"].default_value = factors["ior"]
    bsdf.inputs["Transmission Weight"].default_value = factors["transmission"]
    bsdf.inputs["Alpha"].default_value = factors["opacity"]
    if factors["emission_strength"] > 0:
        bsdf.inputs["Emission Color"].default_value = (*factors["emission"], 1.0)
        bsdf.inputs["Emission Strength"].default_value = factors["emission_strength"]


def gltf_output_group() -> bpy.types.NodeTree:
    """The node group Blender's glTF exporter reads occlusion from (it matches the
    start of the name, so a ".001" suffix is fine)."""
    group = _own(bpy.data.node_groups.new(GLTF_OUTPUT_GROUP, "ShaderNodeTree"))
    group.interface.new_socket("Occlusion", in_out="INPUT", socket_type="NodeSocketFloat")
    return group


def sun_vector(obj: bpy.types.Object) -> Vector:
    """Toward the light: a lamp shines along its -Z."""
    return (obj.matrix_world.to_3x3() @ Vector((0.0, 0.0, 1.0))).normalized()
