"""Set folder -> Blender scene: one collection per set, built all-or-nothing.

The builder reads only a `SetDocument` (read back from the set folder by `read_set`),
never a live object from the pure half, so what Blender shows is what the folder says.

The new set is built beside the old one under a temporary tag; only when every
datablock exists is the old set removed and the new one renamed into place. A
failure removes what was half-built, so the scene is left exactly as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import bpy

from ...model.assets import SkyAsset
from ...core.faults import checkpoint
from ...setfile import SetDocument
from . import objects, render, shaders
from ..paint import painted_material
from .tagging import TAG, owned_by, tag

GROUPS = ("Geometry", "Props", "Lights", "Cameras")
# Names taken by the old set while the new one was built get ".001": take them back.
_DUPLICATE_SUFFIX = re.compile(r"\.\d{3}$")
# The plan's exposure bias, kept on the set so a sky-only update meters the same way.
EXPOSURE_BIAS = "ai_sets_exposure_bias_ev"
SET_FOLDER = "ai_sets_folder"     # the set folder the collection was built from


@dataclass
class SceneResult:
    collection: bpy.types.Collection
    camera: bpy.types.Object | None
    sun: bpy.types.Object | None
    exposure: float


def apply_to_scene(doc: SetDocument, scene: bpy.types.Scene, *,
                   meter: bool = True, temp_dir: Path | None = None) -> SceneResult:
    """Build the set into `scene`, replacing any previous AI set, as one transaction.
    `temp_dir` holds the light meter's scratch render (the run's staging folder)."""
    name = doc.plan.name
    building = f"{name} (building)"
    previous_world = scene.world
    previous_camera = scene.camera
    try:
        result = _build(doc, scene, building)
    except BaseException:
        remove_set(building)
        scene.world, scene.camera = previous_world, previous_camera
        raise
    remove_sets(except_tag=building)
    for block in owned_by(building):
        block[TAG] = name
        block.name = _DUPLICATE_SUFFIX.sub("", block.name.replace(building, name))
    result.collection[EXPOSURE_BIAS] = doc.plan.exposure_bias_ev
    result.collection[SET_FOLDER] = str(doc.folder)
    if meter:
        result.exposure = render.meter_exposure(scene, doc.sky.solar_elevation_deg,
                                                doc.plan.exposure_bias_ev, temp_dir)
        checkpoint("meter")
    return result


def _build(doc: SetDocument, scene: bpy.types.Scene, set_tag: str) -> SceneResult:
    plan = doc.plan
    root = tag(bpy.data.collections.new(set_tag), set_tag)
    groups = {}
    for group in GROUPS:
        child = tag(bpy.data.collections.new(f"{plan.name} | {group}"), set_tag)
        root.children.link(child)
        groups[group.lower()] = child
    materials = _materials(doc, set_tag)
    for part in plan.parts:
        mesh = objects.mesh_from_part(part, set_tag)
        _write_masks(mesh, part)
        material = materials[part.material]
        if part.name in doc.paint:
            material = painted_material(material, part.name, doc.paint[part.name], set_tag)
        mesh.materials.append(material)
        for obj in objects.objects_for_part(part, mesh, set_tag):
            groups.get(part.group, groups["geometry"]).objects.link(obj)
    for light in plan.lights:
        groups["lights"].objects.link(objects.light_object(light, set_tag))
    cameras = [_camera(c, set_tag) for c in plan.cameras]
    for cam in cameras:
        groups["cameras"].objects.link(cam)
    world, sun = _world(doc.sky, set_tag)
    groups["lights"].objects.link(sun)
    _atmosphere(plan, groups["geometry"], set_tag)
    scene.collection.children.link(root)
    scene.world = world
    if cameras:
        scene.camera = cameras[0]
    render.configure(scene)
    return SceneResult(root, cameras[0] if cameras else None, sun, 0.0)


def _camera(plan, set_tag: str) -> bpy.types.Object:
    """A scout camera with its body, lens, squeeze, frame lines and focus (scout)."""
    from ..camera import apply_plan_camera

    obj = objects.camera_object(plan, set_tag)
    apply_plan_camera(obj, plan)
    return obj


def _write_masks(mesh: bpy.types.Mesh, part) -> None:
    """Per-vertex weathering masks -> float point attributes the shaders read."""
    for name, values in part.vertex_masks.items():
        attribute = mesh.attributes.new(name, "FLOAT", "POINT")
        attribute.data.foreach_set("value", values.astype("float32"))


def _materials(doc: SetDocument, set_tag: str) -> dict[str, bpy.types.Material]:
    from .materials import build_material

    return {key: (shaders.shader_material(desc, set_tag) if desc.kind == "shader"
                  else build_material(desc, set_tag))
            for key, desc in doc.materials.items()}


def _world(sky: SkyAsset, set_tag: str):
    from .world import build_world

    return build_world(sky, set_tag)


def _atmosphere(plan: SetPlan, collection: bpy.types.Collection, set_tag: str) -> None:
    """A volume box over the set (fog, dust, smoke) so light shafts read on camera."""
    atmo = plan.atmosphere
    if atmo.density <= 0 or atmo.bounds is None:
        return
    (x0, y0, z0), (x1, y1, z1) = atmo.bounds
    mesh = tag(bpy.data.meshes.new("Atmosphere"), set_tag)
    corners = [(x, y, z) for z in (z0, z1) for y in (y0, y1) for x in (x0, x1)]
    quads = [(0, 2, 3, 1), (4, 5, 7, 6), (0, 1, 5, 4), (2, 6, 7, 3), (0, 4, 6, 2), (1, 3, 7, 5)]
    mesh.from_pydata(corners, [], quads)
    mesh.materials.append(shaders.volume_material(atmo, set_tag))
    obj = tag(bpy.data.objects.new("Atmosphere", mesh), set_tag)
    obj.display_type = "BOUNDS"
    collection.objects.link(obj)


def replace_sky(scene: bpy.types.Scene, sky: SkyAsset, meter: bool = True) -> bpy.types.Object:
    """Swap the current set's world and sun for a new sky, leaving the rest alone."""
    from .world import build_world

    root = current_set(scene)
    if root is None:
        raise LookupError("there is no AI set in this scene: generate one first")
    name = root[TAG]
    lights = next((c for c in root.children if c.name.endswith("| Lights")), root)
    old_world = scene.world if scene.world and scene.world.get(TAG) == name else None
    old_suns = [o for o in lights.objects if o.type == "LIGHT" and o.data.type == "SUN"]
    old_images = [n.image for n in old_world.node_tree.nodes
                  if n.type == "TEX_ENVIRONMENT" and n.image] if old_world else []
    stale = old_suns + [o.data for o in old_suns] + ([old_world] if old_world else [])
    bpy.data.batch_remove(stale + old_images)
    world, sun = build_world(sky, name)
    lights.objects.link(sun)
    scene.world = world
    if meter:
        render.meter_exposure(scene, sky.solar_elevation_deg, root.get(EXPOSURE_BIAS, 0.0),
                              Path(sky.exr_path).parent)
    return sun


def relocate(scene: bpy.types.Scene, old_root: Path, new_root: Path) -> None:
    """Point the set's images and folder at `new_root` after its folder moved there
    (the staging folder swapped into place)."""
    old, new = str(old_root), str(new_root)
    root = current_set(scene)
    if root is None:
        return
    name = root[TAG]
    for image in (i for i in bpy.data.images if i.get(TAG) == name):
        if image.filepath.startswith(old):
            image.filepath = new + image.filepath[len(old):]
    if scene.world and str(scene.world.get("ai_sets_sky_exr", "")).startswith(old):
        scene.world["ai_sets_sky_exr"] = new + scene.world["ai_sets_sky_exr"][len(old):]
    root[SET_FOLDER] = new


def current_set(scene: bpy.types.Scene) -> bpy.types.Collection | None:
    return next((c for c in scene.collection.children if c.get(TAG)), None)


def remove_set(set_tag: str) -> None:
    """Remove every datablock carrying this tag (objects first, then their data)."""
    blocks = owned_by(set_tag)
    if blocks:
        bpy.data.batch_remove(blocks)


def remove_sets(except_tag: str | None = None) -> int:
    """Remove every AI set but `except_tag`; returns how many datablocks went."""
    blocks = [b for b in owned_by() if b.get(TAG) != except_tag]
    if blocks:
        bpy.data.batch_remove(blocks)
    return len(blocks)
