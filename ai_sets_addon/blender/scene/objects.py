"""Plan items -> Blender objects: meshes (with metre UVs), lights and cameras.

Repeated props: a few copies become linked duplicates (one object each, sharing the
mesh, so a set designer can pick and move them); from `GN_INSTANCE_MIN` copies on, one
Geometry Nodes object instances a hidden source object on points carrying each copy's
4x4 transform, so ten thousand rocks cost one object, one mesh and one tiny node tree.
"""

from __future__ import annotations

import bpy
import numpy as np
from mathutils import Matrix, Vector

from ...model.plan import CameraPlan, LightPlan, MeshPart
from .tagging import tag

GN_INSTANCE_MIN = 40
XFORM_ATTRIBUTE = "ai_sets_xform"
ATLAS_UV = "atlas"   # the second UV map: painting and baking (setfile/atlas.py)


def mesh_from_part(part: MeshPart, set_name: str) -> bpy.types.Mesh:
    """Triangles and per-corner UVs straight from the arrays (foreach_set is orders of
    magnitude faster than per-element Python for big meshes): `UVMap` tiled in metres,
    `atlas` in [0, 1]. Smooth parts are welded first: UVs live on face corners, so
    seams survive the weld."""
    mesh = tag(bpy.data.meshes.new(part.name), set_name)
    verts = np.asarray(part.mesh.vertices, dtype=np.float32)
    faces = np.asarray(part.mesh.faces, dtype=np.int64)
    uv_sets = {"UVMap": part.mesh.visual.uv}
    if part.atlas_uv is not None and len(part.atlas_uv) == len(verts):
        uv_sets[ATLAS_UV] = part.atlas_uv
    corners = {name: np.asarray(uv, dtype=np.float32)[faces.ravel()].reshape(-1, 3, 2)
               for name, uv in uv_sets.items()}
    if part.smooth and not part.vertex_masks:   # masks are per vertex
        verts, faces, keep = _weld(verts, faces)
        corners = {name: uv[keep] for name, uv in corners.items()}
    faces = faces.astype(np.int32)
    mesh.vertices.add(len(verts))
    mesh.vertices.foreach_set("co", verts.ravel())
    mesh.loops.add(faces.size)
    mesh.loops.foreach_set("vertex_index", faces.ravel())
    mesh.polygons.add(len(faces))
    mesh.polygons.foreach_set("loop_start", np.arange(0, faces.size, 3, dtype=np.int32))
    for name, uv in corners.items():
        mesh.uv_layers.new(name=name).data.foreach_set("uv", uv.ravel())
    mesh.uv_layers.active = mesh.uv_layers["UVMap"]
    mesh.update(calc_edges=True)
    mesh.validate(clean_customdata=False)
    if part.smooth:
        mesh.polygons.foreach_set("use_smooth", np.ones(len(mesh.polygons), dtype=bool))
    return mesh


def _weld(verts: np.ndarray, faces: np.ndarray):
    """Merge vertices closer than 0.05 mm; drop faces that collapse (returns the mask
    of faces kept, for their per-corner data)."""
    key = np.round(verts.astype(np.float64) / 5e-5).astype(np.int64)
    _, first, inverse = np.unique(key, axis=0, return_index=True, return_inverse=True)
    inverse = inverse.ravel()
    welded = inverse[faces]
    keep = (welded[:, 0] != welded[:, 1]) & (welded[:, 1] != welded[:, 2]) & \
        (welded[:, 0] != welded[:, 2])
    return verts[first], welded[keep], keep


def objects_for_part(part: MeshPart, mesh: bpy.types.Mesh,
                     set_name: str) -> list[bpy.types.Object]:
    """One object, linked duplicates, or a Geometry Nodes instancer (many copies)."""
    if not part.instances:
        return [tag(bpy.data.objects.new(part.name, mesh), set_name)]
    if len(part.instances) >= GN_INSTANCE_MIN:
        return node_instancer(part, mesh, set_name)
    objects = []
    for index, transform in enumerate(part.instances):
        obj = tag(bpy.data.objects.new(f"{part.name} {index + 1:03d}", mesh), set_name)
        obj.matrix_world = Matrix(np.asarray(transform).tolist())
        objects.append(obj)
    return objects


def node_instancer(part: MeshPart, mesh: bpy.types.Mesh,
                    set_name: str) -> list[bpy.types.Object]:
    """A hidden source object and a point cloud that instances it with per-point
    transforms (a FLOAT4X4 attribute read by Set Instance Transform)."""
    source = tag(bpy.data.objects.new(f"{part.name} (source)", mesh), set_name)
    source.hide_render = True
    source.hide_viewport = True
    stack = np.asarray(part.instances, dtype=np.float32)
    points = tag(bpy.data.meshes.new(f"{part.name} points"), set_name)
    points.vertices.add(len(stack))
    points.vertices.foreach_set("co", np.ascontiguousarray(stack[:, :3, 3]).ravel())
    attr = points.attributes.new(XFORM_ATTRIBUTE, "FLOAT4X4", "POINT")
    attr.data.foreach_set("value", np.ascontiguousarray(stack.transpose(0, 2, 1)).ravel())
    points.update()
    scatter = tag(bpy.data.objects.new(f"{part.name} x{len(stack)}", points), set_name)
    modifier = scatter.modifiers.new("Instances", "NODES")
    modifier.node_group = _instance_tree(source, part.name, set_name)
    return [source, scatter]


def _instance_tree(source: bpy.types.Object, name: str, set_name: str) -> bpy.types.NodeTree:
    tree = tag(bpy.data.node_groups.new(f"{name} instances", "GeometryNodeTree"), set_name)
    tree.interface.new_socket("Geometry", in_out="INPUT", socket_type="NodeSocketGeometry")
    tree.interface.new_socket("Geometry", in_out="OUTPUT", socket_type="NodeSocketGeometry")
    nodes, links = tree.nodes, tree.links
    group_in, group_out = nodes.new("NodeGroupInput"), nodes.new("NodeGroupOutput")
    to_points = nodes.new("GeometryNodeMeshToPoints")
    info = nodes.new("GeometryNodeObjectInfo")
    info.inputs["Object"].default_value = source
    info.inputs["As Instance"].default_value = True
    on_points = nodes.new("GeometryNodeInstanceOnPoints")
    matrix = nodes.new("GeometryNodeInputNamedAttribute")
    matrix.data_type = "FLOAT4X4"
    matrix.inputs["Name"].default_value = XFORM_ATTRIBUTE
    set_transform = nodes.new("GeometryNodeSetInstanceTransform")
    links.new(group_in.outputs[0], to_points.inputs["Mesh"])
    links.new(to_points.outputs["Points"], on_points.inputs["Points"])
    links.new(info.outputs["Geometry"], on_points.inputs["Instance"])
    links.new(on_points.outputs["Instances"], set_transform.inputs["Instances"])
    links.new(matrix.outputs["Attribute"], set_transform.inputs["Transform"])
    links.new(set_transform.outputs["Instances"], group_out.inputs[0])
    return tree


POWER_KEY = "ai_sets_power_w"     # a light's design power, kept while it is switched off


def light_object(plan: LightPlan, set_name: str) -> bpy.types.Object:
    data = tag(bpy.data.lights.new(plan.name, plan.kind), set_name)
    data.energy = plan.power_w if getattr(plan, "on", True) else 0.0
    data.color = plan.colour
    if plan.kind == "AREA":
        data.shape = "RECTANGLE"
        data.size = plan.size_m
        data.size_y = plan.size_y_m or plan.size_m
        if getattr(plan, "portal", False) and hasattr(data, "cycles"):
            data.cycles.is_portal = True
    elif plan.kind == "SPOT":
        data.spot_size = np.radians(plan.spot_angle_deg)
        data.spot_blend = getattr(plan, "spot_blend", 0.3)
        data.shadow_soft_size = plan.size_m
    else:
        data.shadow_soft_size = plan.size_m
    obj = tag(bpy.data.objects.new(plan.name, data), set_name)
    obj[POWER_KEY] = float(plan.power_w)
    obj.location = plan.location
    obj.rotation_euler = Vector(plan.direction).to_track_quat("-Z", "Y").to_euler()
    return obj


def camera_object(plan: CameraPlan, set_name: str) -> bpy.types.Object:
    data = tag(bpy.data.cameras.new(plan.name), set_name)
    data.lens = plan.lens_mm
    data.sensor_fit = "HORIZONTAL"
    data.sensor_width = plan.sensor_width_mm
    data.clip_start = 0.05
    data.clip_end = 5000.0
    obj = tag(bpy.data.objects.new(plan.name, data), set_name)
    obj.location = plan.location
    aim = Vector(plan.target) - Vector(plan.location)
    obj.rotation_euler = aim.to_track_quat("-Z", "Y").to_euler()
    obj["ai_sets_shot"] = plan.shot
    return obj
