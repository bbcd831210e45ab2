"""The closed sets of keys every stage agrees on (English ids), and their EN/FR words.

Keys are stable ids used in SetSpec, SetPlan and file names; the word tables map
what people type (English or French, any accents/case) onto them.
"""

from __future__ import annotations

ARCHETYPES = (
    "interior_room", "warehouse", "corridor", "platform", "street", "alley",
    "rooftop", "desert", "canyon", "forest", "beach", "cyclorama",
)
# Archetypes whose main walkable surface is "ground" (outdoors) rather than "floor".
EXTERIOR_ARCHETYPES = ("street", "alley", "rooftop", "desert", "canyon", "forest", "beach")

MATERIAL_FAMILIES = (
    "concrete", "polished_concrete", "board_formed_concrete", "brick", "plaster",
    "painted_wall", "wood_planks", "parquet", "ceramic_tiles", "subway_tiles", "marble",
    "asphalt", "cobblestone", "paving_slabs", "brushed_metal", "corrugated_metal",
    "rusted_metal", "sand", "soil", "grass", "rock", "gravel", "snow", "fabric", "carpet",
)

MODIFIERS = (
    "new", "clean", "worn", "old", "abandoned", "derelict", "wet", "puddles", "moss",
    "rust", "dust", "soot", "grime", "polished", "matte",
)

# Colour words -> sRGB (0..1) tints, used by materials, neon lights and palettes.
COLOURS: dict[str, tuple[float, float, float]] = {
    "white": (0.92, 0.92, 0.90), "black": (0.06, 0.06, 0.06), "grey": (0.50, 0.50, 0.50),
    "red": (0.70, 0.12, 0.10), "orange": (0.90, 0.45, 0.10), "yellow": (0.92, 0.80, 0.20),
    "green": (0.20, 0.55, 0.22), "blue": (0.15, 0.30, 0.70), "purple": (0.45, 0.20, 0.60),
    "pink": (0.92, 0.50, 0.65), "brown": (0.40, 0.26, 0.15), "beige": (0.82, 0.74, 0.60),
    "cream": (0.93, 0.88, 0.76), "teal": (0.10, 0.50, 0.50), "cyan": (0.20, 0.75, 0.85),
    "magenta": (0.85, 0.15, 0.65), "gold": (0.83, 0.66, 0.25), "ochre": (0.75, 0.55, 0.20),
}
