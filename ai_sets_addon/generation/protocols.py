"""Backend protocols: small on purpose, so a new backend is one class.

The procedural backend (numpy, no GPU, no weights) is the default. The AI view painter's
protocol lives with the painting code (ai/paint/painters.ViewPainter).
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from ..model.assets import SkyAsset, MaterialDescription
from ..model.plan import MaterialRequest, SkyRequest


class SkyBackend(Protocol):
    name: str

    def make_sky(self, request: SkyRequest, width: int, out_path: Path) -> SkyAsset:
        """Write an equirectangular EXR of `width` x `width/2` to out_path."""


class MaterialBackend(Protocol):
    name: str

    def make_material(self, request: MaterialRequest, size: int,
                      out_dir: Path) -> MaterialDescription:
        """Write tileable maps of `size` x `size` pixels into out_dir."""
