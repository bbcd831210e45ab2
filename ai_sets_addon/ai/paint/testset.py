"""A small set built from trimesh boxes with xatlas atlases, for tests, the benchmark
and trying `ai-sets paint` before a set folder exists. xatlas is imported lazily."""

from __future__ import annotations

import numpy as np
import trimesh

from ...model.plan import CameraPlan
from ...setfile.atlas import Packed, packed_copy, with_xatlas
from .scene import PaintPart, PaintScene


def atlas_part(name: str, mesh: trimesh.Trimesh, density_px_per_m: float,
               material: str = "", instances: list[np.ndarray] | None = None) -> PaintPart:
    """Unwrap a mesh into a non-overlapping atlas sized for `density_px_per_m`."""
    import xatlas

    def generate(atlas) -> Packed:
        atlas.add_mesh(np.asarray(mesh.vertices, np.float32),
                       np.asarray(mesh.faces, np.uint32))
        pack = xatlas.PackOptions()
        pack.texels_per_unit = float(density_px_per_m)
        pack.padding = 4
        pack.bilinear = True
        atlas.generate(pack_options=pack)
        return packed_copy(atlas)

    packed = with_xatlas(generate)
    positions = np.asarray(mesh.vertices, np.float32)[packed.vmapping]
    return PaintPart(name=name, positions=positions, faces=packed.indices.astype(np.uint32),
                     atlas_uv=packed.uv, atlas_size=(packed.width, packed.height),
                     material=material, instances=list(instances or []))


def demo_scene(density_px_per_m: float = 64.0, resolution: tuple[int, int] = (128, 96),
               cameras: int = 2) -> PaintScene:
    """A floor, a back wall, a crate placed twice (instances) and a pillar, seen by up
    to four cameras from the south, east, west and north-east."""
    floor = trimesh.creation.box(extents=(8.0, 8.0, 0.2))
    floor.apply_translation((0.0, 0.0, -0.1))
    wall = trimesh.creation.box(extents=(8.0, 0.3, 3.0))
    wall.apply_translation((0.0, 3.0, 1.5))
    crate = trimesh.creation.box(extents=(1.0, 1.0, 1.0))
    crate.apply_translation((0.0, 0.0, 0.5))
    pillar = trimesh.creation.box(extents=(0.5, 0.5, 2.5))
    pillar.apply_translation((1.8, 1.0, 1.25))
    placements = [_translation(-1.2, -0.5, 0.0), _rotation_z(0.6) @ _translation(0.9, -1.6, 0.0)]
    parts = [atlas_part("floor", floor, density_px_per_m, "concrete"),
             atlas_part("back wall", wall, density_px_per_m, "brick"),
             atlas_part("crate", crate, density_px_per_m, "wood", placements),
             atlas_part("pillar", pillar, density_px_per_m, "concrete")]
    shots = [CameraPlan("cam_south", (0.5, -6.5, 1.7), (0.0, 0.5, 0.8), 24.0),
             CameraPlan("cam_east", (5.5, -3.0, 2.2), (0.0, 0.5, 0.6), 28.0),
             CameraPlan("cam_west", (-5.5, -3.5, 2.0), (0.0, 0.5, 0.6), 28.0),
             CameraPlan("cam_high", (4.0, -5.0, 4.5), (0.0, 0.8, 0.5), 24.0)]
    return PaintScene(parts, shots[:cameras], resolution, density_px_per_m,
                      "a concrete warehouse with wooden crates")


def _translation(x: float, y: float, z: float) -> np.ndarray:
    m = np.eye(4)
    m[:3, 3] = (x, y, z)
    return m


def _rotation_z(angle: float) -> np.ndarray:
    m = np.eye(4)
    c, s = np.cos(angle), np.sin(angle)
    m[:2, :2] = [[c, -s], [s, c]]
    return m
