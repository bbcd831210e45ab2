"""Backend protocols: small on purpose, so a new backend is one class.

The procedural backend (numpy, no GPU, no weights) is the default; the diffusers
backend lives in its own module and is imported only when asked for.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import numpy as np

from ..assets import SkyAsset, MaterialDescription
from ..plan import MaterialRequest, SkyRequest


class SkyBackend(Protocol):
    name: str

    def make_sky(self, request: SkyRequest, width: int, out_path: Path) -> SkyAsset:
        """Write an equirectangular EXR of `width` x `width/2` to out_path."""


class MaterialBackend(Protocol):
    name: str

    def make_material(self, request: MaterialRequest, size: int, out_dir: Path) -> MaterialDescription:
        """Write tileable maps of `size` x `size` pixels into out_dir."""


class ViewPainter(Protocol):
    """Paints a view of the set from its depth (the AI backend's depth ControlNet)."""

    name: str

    def paint_view(self, prompt: str, depth: np.ndarray, seed: int, out_path: Path) -> Path:
        """Depth (H, W) in metres -> an sRGB PNG at out_path."""
