"""Plan items -> Blender objects: meshes (with metre UVs), lights and cameras."""

from __future__ import annotations

import bpy
import numpy as np
from mathutils import Matrix, Vector

from ..generation.plan import CameraPlan, LightPlan, MeshPart
from .tagging import tag


def mesh_from_part(part: MeshPart, set_name: str) -> bpy.types.Mesh:
    """Triangles and per-corner UVs straight from the trimesh arrays (foreach_set is
    orders of magnitude faster than per-element Python for big meshes)."""
    mesh = tag(bpy.data.meshes.new(part.name), set_name)
    verts = np.asarray(part.mesh.vertices, dtype=np.float32)
    faces = np.asarray(part.mesh.faces, dtype=np.int32)
    mesh.vertices.add(len(verts))
    mesh.vertices.foreach_set("co", verts.ravel())
    mesh.loops.add(faces.size)
    mesh.loops.foreach_set("vertex_index", faces.ravel())
    mesh.polygons.add(len(faces))
    mesh.polygons.foreach_set("loop_start", np.arange(0, faces.size, 3, dtype=np.int32))
    uv = np.asarray(part.mesh.visual.uv, dtype=np.float32)[faces.ravel()]
    layer = mesh.uv_layers.new(name="UVMap")
    layer.data.foreach_set("uv", uv.ravel())
    mesh.update(calc_edges=True)
    mesh.validate(clean_customdata=False)
    return mesh


def objects_for_part(part: MeshPart, mesh: bpy.types.Mesh,
                     set_name: str) -> list[bpy.types.Object]:
    """One object, or one linked duplicate per instance (they share the mesh data)."""
    if not part.instances:
        return [tag(bpy.data.objects.new(part.name, mesh), set_name)]
    objects = []
    for index, transform in enumerate(part.instances):
        obj = tag(bpy.data.objects.new(f"{part.name} {index + 1:03d}", mesh), set_name)
        obj.matrix_world = Matrix(np.asarray(transform).tolist())
        objects.append(obj)
    return objects


def light_object(plan: LightPlan, set_name: str) -> bpy.types.Object:
    data = tag(bpy.data.lights.new(plan.name, plan.kind), set_name)
    data.energy = plan.power_w
    data.color = plan.colour
    if plan.kind == "AREA":
        data.shape = "RECTANGLE"
        data.size = plan.size_m
        data.size_y = plan.size_y_m or plan.size_m
    elif plan.kind == "SPOT":
        data.spot_size = np.radians(plan.spot_angle_deg)
        data.shadow_soft_size = plan.size_m
    else:
        data.shadow_soft_size = plan.size_m
    obj = tag(bpy.data.objects.new(plan.name, data), set_name)
    obj.location = plan.location
    obj.rotation_euler = Vector(plan.direction).to_track_quat("-Z", "Y").to_euler()
    return obj


def camera_object(plan: CameraPlan, set_name: str) -> bpy.types.Object:
    data = tag(bpy.data.cameras.new(plan.name), set_name)
    data.lens = plan.lens_mm
    data.sensor_fit = "HORIZONTAL"
    data.sensor_width = plan.sensor_width_mm
    data.clip_start = 0.05
    data.clip_end = 2000.0
    obj = tag(bpy.data.objects.new(plan.name, data), set_name)
    obj.location = plan.location
    aim = Vector(plan.target) - Vector(plan.location)
    obj.rotation_euler = aim.to_track_quat("-Z", "Y").to_euler()
    obj["ai_sets_shot"] = plan.shot
    return obj
