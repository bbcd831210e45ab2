"""Procedural PBR materials: tileable texture maps at real-world scale, from words.

Public API:
- `ProceduralMaterials().make_material(request, size, out_dir) -> MaterialDescription`
- `generate_maps(request, size) -> MaterialMaps` (arrays only, nothing written)
- `FAMILIES` (key -> Family facts: tile size, roughness range, base colour...)
- `check_size`, `resolve_family`

Never imports bpy. The recipes live one module per kind of material; importing them
registers each family.
"""

from __future__ import annotations

from . import concrete, ground, masonry, metal, stone, textile, wood  # noqa: F401  (register)
from .backend import (ALIASES, MAX_SIZE, MIN_SIZE, ProceduralMaterials, check_size,
                      generate_maps, resolve_family, write_maps)
from .core import FAMILIES, Family
from .maps import MaterialMaps

__all__ = ["ALIASES", "FAMILIES", "Family", "MAX_SIZE", "MIN_SIZE", "MaterialMaps",
           "ProceduralMaterials", "check_size", "generate_maps", "resolve_family",
           "write_maps"]
