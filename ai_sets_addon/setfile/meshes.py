"""Mesh parts as compact binary files any process can read: `.npz` (a zip of `.npy`
arrays, `numpy.load` reads it), written with fixed zip timestamps so the same part
gives the same bytes on every run.

Arrays: positions float32 (V, 3) metres; faces uint32 (F, 3); normals float32 (V, 3);
uv float32 (V, 2) tiled, in metres; atlas_uv float32 (V, 2) in [0, 1];
mask_<name> float32 (V,) per-vertex weathering masks.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import numpy as np
import trimesh

from ..core import readers
from ..core.fileio import write_bytes
from ..model.plan import MeshPart

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
REQUIRED = readers.MESH_REQUIRED


def vertex_normals(vertices: np.ndarray, faces: np.ndarray) -> np.ndarray:
    """Area-weighted vertex normals in plain numpy, in a fixed summation order: the
    same bytes on every machine, with or without scipy (trimesh's own path switches
    algorithms, and logs a traceback, when scipy is missing)."""
    vertices = np.asarray(vertices, np.float64)
    faces = np.asarray(faces, np.int64)
    tri = vertices[faces]
    face_normals = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])   # 2 x area
    summed = np.zeros_like(vertices)
    for corner in range(3):
        np.add.at(summed, faces[:, corner], face_normals)
    length = np.linalg.norm(summed, axis=1, keepdims=True)
    fallback = np.array([0.0, 0.0, 1.0])
    return np.where(length > 1e-20, summed / np.maximum(length, 1e-20), fallback)


def mesh_arrays(part: MeshPart) -> dict[str, np.ndarray]:
    mesh = part.mesh
    arrays = {
        "positions": np.asarray(mesh.vertices, np.float32),
        "faces": np.asarray(mesh.faces, np.uint32),
        "normals": vertex_normals(np.asarray(mesh.vertices, np.float32),  # as stored
                                  mesh.faces).astype(np.float32),
        "uv": np.asarray(mesh.visual.uv, np.float32),
        "atlas_uv": np.asarray(part.atlas_uv if part.atlas_uv is not None
                               else np.zeros((len(mesh.vertices), 2)), np.float32),
    }
    for name, values in sorted(part.vertex_masks.items()):
        arrays[f"mask_{name}"] = np.asarray(values, np.float32)
    return arrays


def encode(arrays: dict[str, np.ndarray]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name in sorted(arrays):
            info = zipfile.ZipInfo(f"{name}.npy", date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            body = io.BytesIO()
            np.lib.format.write_array(body, np.ascontiguousarray(arrays[name]),
                                      allow_pickle=False)
            archive.writestr(info, body.getvalue())
    return buffer.getvalue()


def write_mesh(path: Path, part: MeshPart) -> Path:
    return write_bytes(path, encode(mesh_arrays(part)))


def read_mesh(path: Path, masks: list[str] = ()) -> dict[str, np.ndarray]:
    """The arrays of a mesh file, checked by the one reader (core/readers.py)."""
    return readers.read_mesh(path, masks)


def part_mesh(arrays: dict[str, np.ndarray]) -> trimesh.Trimesh:
    return trimesh.Trimesh(vertices=arrays["positions"].astype(np.float64),
                           faces=arrays["faces"].astype(np.int64),
                           vertex_normals=arrays["normals"],
                           visual=trimesh.visual.TextureVisuals(uv=arrays["uv"]),
                           process=False)
