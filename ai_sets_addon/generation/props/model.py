"""PropModel: a prop as pieces (one material each), collision hulls and light sockets.

A model is built once and placed many times; each piece becomes one instanced
MeshPart, so a thousand crates cost one mesh. Hulls are boxes in the prop's own frame
(origin at the centre of its base, Z up) that contain its pieces: the scatter keeps
them apart exactly, and any mesh inside them is then apart too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import trimesh

from ..mesh import merge


Vec3 = tuple[float, float, float]


@dataclass
class Piece:
    """Part of a prop with one material slot (generic keys: wood, metal, foliage...)."""

    suffix: str
    mesh: trimesh.Trimesh
    material: str
    smooth: bool = False


@dataclass
class LightSocket:
    """Where a prop carries a practical (lamp head, softbox face, neon tube)."""

    offset: Vec3
    kind: str = "POINT"
    direction: Vec3 = (0.0, 0.0, -1.0)
    power_w: float = 100.0
    size_m: float = 0.1
    size_y_m: float | None = None
    spot_angle_deg: float = 90.0
    colour: str | None = None        # colour word; None: the archetype's lamp colour


@dataclass
class PropModel:
    kind: str                        # stable id, e.g. "crate"
    label: str                       # what a set designer calls it: "Crate"
    pieces: list[Piece]
    hulls: list[np.ndarray] = field(default_factory=list)   # (x0, y0, z0, x1, y1, z1)
    sockets: list[LightSocket] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.hulls:
            self.hulls = [self.bounds()]

    def bounds(self) -> np.ndarray:
        verts = np.vstack([p.mesh.vertices for p in self.pieces])
        return np.concatenate([verts.min(axis=0), verts.max(axis=0)])

    @property
    def radius(self) -> float:
        """Horizontal bounding radius about the origin (for quick spacing checks)."""
        return float(max(np.hypot(max(abs(h[0]), abs(h[3])), max(abs(h[1]), abs(h[4])))
                         for h in self.hulls))


def single(kind: str, label: str, mesh: trimesh.Trimesh | list[trimesh.Trimesh],
           material: str, smooth: bool = False, **kwargs) -> PropModel:
    """A one-piece model (most props)."""
    if isinstance(mesh, list):
        mesh = merge(mesh)
    return PropModel(kind, label, [Piece("", mesh, material, smooth)], **kwargs)


def hull_of(meshes: list[trimesh.Trimesh], pad: float = 0.0) -> np.ndarray:
    verts = np.vstack([m.vertices for m in meshes])
    return np.concatenate([verts.min(axis=0) - pad, verts.max(axis=0) + pad])
