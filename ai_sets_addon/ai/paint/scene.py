"""What painting needs from a set, as plain arrays (the set folder's schema 1 fields).

Painting reads the set folder, never a live SetPlan: `PaintPart` mirrors one mesh part
of `set.json` (positions in metres, Z up, the non-overlapping `atlas_uv` and its pixel
size, instance matrices), so the adapter from the set document is one small function.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from ...core.errors import InputError
from ...model.plan import CameraPlan


@dataclass
class PaintPart:
    """One mesh part; with `instances`, a prototype placed at each 4x4 world matrix,
    all placements sharing the prototype's atlas."""

    name: str
    positions: np.ndarray              # (V, 3) float32, metres
    faces: np.ndarray                  # (F, 3) uint32
    atlas_uv: np.ndarray               # (V, 2) float32 in [0, 1], same index buffer
    atlas_size: tuple[int, int]        # (width, height) pixels
    material: str = ""
    instances: list[np.ndarray] = field(default_factory=list)
    paintable: bool = True             # False: occludes and conditions, never baked

    def placements(self) -> list[np.ndarray]:
        """World matrices of every copy (identity when the part sits as is)."""
        return [np.asarray(m, np.float64) for m in self.instances] or [np.eye(4)]

    @property
    def file_stem(self) -> str:
        return safe_stem(self.name)


@dataclass
class PaintScene:
    parts: list[PaintPart]
    cameras: list[CameraPlan]
    resolution: tuple[int, int] = (512, 512)   # (width, height) of each painted view
    texel_density: float | None = None         # px per metre the atlases were sized for
    prompt: str = ""                            # the set's prompt (the default to paint)

    def camera(self, name: str) -> CameraPlan:
        for cam in self.cameras:
            if cam.name == name:
                return cam
        known = ", ".join(c.name for c in self.cameras) or "none"
        raise InputError(f"no camera named '{name}' in the set (cameras: {known})")

    def with_density(self, px_per_m: float) -> PaintScene:
        """The same set with every atlas resized for another texel density."""
        if not self.texel_density:
            raise InputError("this set does not say its texel density, so --density "
                             "cannot rescale its atlases")
        scale = px_per_m / self.texel_density
        parts = [PaintPart(p.name, p.positions, p.faces, p.atlas_uv,
                           (max(1, round(p.atlas_size[0] * scale)),
                            max(1, round(p.atlas_size[1] * scale))), p.material, p.instances,
                           p.paintable)
                 for p in self.parts]
        return PaintScene(parts, self.cameras, self.resolution, px_per_m, self.prompt)

    def check(self) -> None:
        """Fail early, with the part's name, on arrays the bake cannot use."""
        if not self.parts:
            raise InputError("the set has no mesh parts to paint")
        stems = [p.file_stem for p in self.parts]
        if len(set(stems)) != len(stems):
            raise InputError("two parts map to the same file name: " + ", ".join(stems))
        for part in self.parts:
            _check_part(part)


def _check_part(part: PaintPart) -> None:
    v = len(part.positions)
    if part.positions.shape != (v, 3) or part.atlas_uv.shape != (v, 2):
        raise InputError(f"part '{part.name}': positions and atlas_uv must be (V,3) and (V,2)")
    if part.faces.ndim != 2 or part.faces.shape[1] != 3 or (len(part.faces) and
                                                           part.faces.max() >= v):
        raise InputError(f"part '{part.name}': faces must be (F,3) indices below {v}")
    w, h = part.atlas_size
    if not (1 <= w <= 16384 and 1 <= h <= 16384):
        raise InputError(f"part '{part.name}': atlas size {w}x{h} is out of range")


def safe_stem(name: str) -> str:
    """A part name as a portable file name (the JSON keeps the real name)."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._")
    return stem or "part"
