"""Depth-guided painting from the set's cameras, baked into the parts' atlas textures.

Pure numpy + trimesh (no Blender, no torch): cameras' depth / normals / ids by ray
casting (`views`), atlas texels (`atlas`), projection and re-projection (`bake`), the
multi-view loop with keep / refine / generate regions (`loop`), a deterministic
`TestPainter` (`painters`), and the paint folder (`output`). The diffusers painter is
in `generation.ai` and plugs in through the `ViewPainter` protocol.
"""

from .loop import PaintOptions, PaintResult, paint_set
from .painters import TestPainter, ViewPainter, ViewRequest
from .scene import PaintPart, PaintScene

__all__ = ["PaintOptions", "PaintPart", "PaintResult", "PaintScene", "TestPainter",
           "ViewPainter", "ViewRequest", "paint_set"]
