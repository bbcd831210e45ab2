"""What each camera sees, by ray casting (trimesh + embreex when installed): depth,
normals, part / instance / face ids and barycentrics per pixel, and the ControlNet
depth map. No Blender: the worker and tests run it as is."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import trimesh

from .texels import dilate
from .view_camera import ViewCamera
from .scene import PaintScene


@dataclass
class WorldMesh:
    """Every placement of every part in one triangle soup, with where each face came from."""

    mesh: trimesh.Trimesh
    part: np.ndarray        # (F_world,) int32 index into scene.parts
    instance: np.ndarray    # (F_world,) int32 placement index
    face: np.ndarray        # (F_world,) int32 face index in the part (prototype)

    @classmethod
    def build(cls, scene: PaintScene) -> WorldMesh:
        verts, faces, part_ids, inst_ids, face_ids = [], [], [], [], []
        offset = 0
        for p_index, part in enumerate(scene.parts):
            local = np.asarray(part.positions, np.float64)
            tri = np.asarray(part.faces, np.int64)
            for i_index, matrix in enumerate(part.placements()):
                verts.append(local @ matrix[:3, :3].T + matrix[:3, 3])
                faces.append(tri + offset)
                offset += len(local)
                n = len(tri)
                part_ids.append(np.full(n, p_index, np.int32))
                inst_ids.append(np.full(n, i_index, np.int32))
                face_ids.append(np.arange(n, dtype=np.int32))
        mesh = trimesh.Trimesh(np.concatenate(verts), np.concatenate(faces), process=False)
        return cls(mesh, np.concatenate(part_ids), np.concatenate(inst_ids),
                   np.concatenate(face_ids))


@dataclass
class ViewBuffers:
    """Per-pixel buffers of one camera, shape (H, W[, k]); misses (sky) have hit False."""

    camera: ViewCamera
    hit: np.ndarray          # bool
    depth: np.ndarray        # z-depth in metres along the view axis (inf on sky)
    distance: np.ndarray     # ray length in metres (inf on sky)
    normal: np.ndarray       # (H, W, 3) world geometric normal, facing the camera
    cosine: np.ndarray       # cos(angle between normal and the ray back to the camera)
    part: np.ndarray         # int32, -1 on sky
    instance: np.ndarray     # int32, -1 on sky
    face: np.ndarray         # int32 face in the part, -1 on sky
    bary: np.ndarray         # (H, W, 3) barycentrics in that face
    position: np.ndarray     # (H, W, 3) world hit point

    def atlas_uv(self, scene: PaintScene) -> np.ndarray:
        """(H, W, 2) atlas UV of each hit pixel (nan on sky)."""
        out = np.full(self.hit.shape + (2,), np.nan, np.float64)
        for index, part in enumerate(scene.parts):
            sel = self.hit & (self.part == index)
            if not sel.any():
                continue
            tri_uv = np.asarray(part.atlas_uv, np.float64)[np.asarray(part.faces)[self.face[sel]]]
            out[sel] = np.einsum("nk,nkj->nj", self.bary[sel], tri_uv)
        return out


def cast_view(world: WorldMesh, camera: ViewCamera) -> ViewBuffers:
    """First hit of every pixel's ray (two-sided, like a render of the set)."""
    origins, dirs = camera.rays()
    tri_index, ray_index, locations = world.mesh.ray.intersects_id(
        origins, dirs, multiple_hits=False, return_locations=True)
    shape = (camera.height, camera.width)
    n = shape[0] * shape[1]
    flat = _empty_buffers(n)
    if len(ray_index):
        _fill_hits(flat, world, camera, tri_index, ray_index, locations, dirs)
    return ViewBuffers(camera=camera, **{k: v.reshape(shape + v.shape[1:])
                                         for k, v in flat.items()})


def _empty_buffers(n: int) -> dict[str, np.ndarray]:
    return {
        "hit": np.zeros(n, bool), "depth": np.full(n, np.inf), "distance": np.full(n, np.inf),
        "normal": np.zeros((n, 3)), "cosine": np.zeros(n), "part": np.full(n, -1, np.int32),
        "instance": np.full(n, -1, np.int32), "face": np.full(n, -1, np.int32),
        "bary": np.zeros((n, 3)), "position": np.full((n, 3), np.nan),
    }


def _fill_hits(flat, world, camera, tri_index, ray_index, locations, dirs) -> None:
    triangles = world.mesh.triangles[tri_index]
    normals = world.mesh.face_normals[tri_index]
    facing = np.einsum("ij,ij->i", normals, dirs[ray_index])
    normals = np.where(facing[:, None] > 0, -normals, normals)   # towards the camera
    offset = locations - camera.location
    flat["hit"][ray_index] = True
    flat["distance"][ray_index] = np.linalg.norm(offset, axis=1)
    flat["depth"][ray_index] = offset @ camera.forward
    flat["normal"][ray_index] = normals
    flat["cosine"][ray_index] = np.abs(facing)
    flat["part"][ray_index] = world.part[tri_index]
    flat["instance"][ray_index] = world.instance[tri_index]
    flat["face"][ray_index] = world.face[tri_index]
    flat["bary"][ray_index] = np.clip(
        trimesh.triangles.points_to_barycentric(triangles, locations), 0.0, 1.0)
    flat["position"][ray_index] = locations


def control_depth(view: ViewBuffers) -> np.ndarray:
    """The ControlNet depth image (H, W) in [0, 1]: inverse depth normalised per view,
    near bright, sky black, like the MiDaS / Depth Anything maps the models learnt on.
    With sky in view the far end is inverse depth 0 (sky); without, the farthest
    surface maps to 0.1 so it stays apart from empty sky (and a view with no depth
    relief at all is a flat 0.5)."""
    if not view.hit.any():
        return np.zeros(view.hit.shape, np.float32)
    inv = np.where(view.hit, 1.0 / np.maximum(view.depth, 1e-6), 0.0)
    hi = float(np.percentile(inv[view.hit], 99.5))
    if view.hit.all():
        lo = float(inv.min())
        if hi - lo < 0.02 * hi:                # one surface square on: no relief to show
            return np.full(view.hit.shape, 0.5, np.float32)
        scaled = 0.1 + 0.9 * (inv - lo) / (hi - lo)
    else:
        scaled = inv / max(hi, 1e-12)
    return np.where(view.hit, np.clip(scaled, 0.0, 1.0), 0.0).astype(np.float32)


def depth_edges(view: ViewBuffers, relative_jump: float = 0.04) -> np.ndarray:
    """Pixels next to a depth discontinuity (an occluding edge or the sky line)."""
    depth = np.where(view.hit, view.depth, 1e9)
    edge = np.zeros(depth.shape, bool)
    for axis in (0, 1):
        a = np.take(depth, range(depth.shape[axis] - 1), axis=axis)
        b = np.take(depth, range(1, depth.shape[axis]), axis=axis)
        jump = np.abs(a - b) > relative_jump * np.minimum(a, b)
        pad_lo = [(0, 0), (0, 0)]
        pad_hi = [(0, 0), (0, 0)]
        pad_lo[axis], pad_hi[axis] = (0, 1), (1, 0)
        edge |= np.pad(jump, pad_lo) | np.pad(jump, pad_hi)
    return edge


def edge_fade(view: ViewBuffers, radius_px: int) -> np.ndarray:
    """0 at depth discontinuities rising to 1 `radius_px` pixels away (chamfer distance
    by repeated 3x3 dilation: radius_px is small, so this stays cheap)."""
    near = depth_edges(view)
    fade = np.ones(near.shape, np.float32)
    fade[near] = 0.0
    grown = near
    for step in range(1, max(radius_px, 1)):
        grown = dilate(grown)
        fresh = grown & (fade == 1.0)
        fade[fresh] = step / radius_px
    return fade
