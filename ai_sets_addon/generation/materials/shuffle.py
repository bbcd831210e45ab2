"""Per-region shuffling of a tiled texture, so a wall many tiles wide shows no repeat.

The shader (scene/materials.py) samples every map twice, the second time shifted by
`offset` tiles, and switches between the two with a slow noise over the surface (about
`MASK_CYCLES` features per tile, a soft edge). Two neighbouring tiles then show
different parts of the texture in different places, and no 3 x 3 block repeats.

The offset must keep what is laid out on a grid in register: free textures (paste,
plaster, sand) take any offset; formwork shifts by a whole panel; unit layouts with
random bonds (bricks, planks, tiles, setts) keep their own per-unit variation and are
not shuffled (a shifted sample would draw doubled joints at the switch).
"""

from __future__ import annotations

import numpy as np

FREE_OFFSET = (0.27, 0.77)          # tiles: half a period off for features repeating twice a tile
MASK_CYCLES = 0.6                   # mask features per tile (~1.7 tiles: not tile-periodic)
MASK_EDGE = (0.46, 0.54)            # noise band over which the two samples cross-fade

OFFSETS: dict[str, tuple[float, float]] = {
    **{f: FREE_OFFSET for f in ("concrete", "plaster", "painted_wall", "asphalt", "sand",
                                "soil", "grass", "gravel", "snow", "rock", "marble",
                                "rusted_metal", "brushed_metal", "carpet")},
    "cast_concrete": (0.5, 0.0),    # 1.2 m across a 2.4 m tile: one panel over
}


def offset_for(family: str) -> tuple[float, float] | None:
    """The second sample's shift in tiles, or None where the family is not shuffled."""
    return OFFSETS.get(family)


def shuffled(tile: np.ndarray, repeats: int, mask: np.ndarray,
             offset: tuple[float, float]) -> np.ndarray:
    """What the shader shows over `repeats` x `repeats` tiles (numpy reference, for tests
    and previews): `mask` (0..1, the same size as the result) picks the shifted sample."""
    n = tile.shape[0]
    plain = np.tile(tile, (repeats, repeats) + (1,) * (tile.ndim - 2))
    du, dv = int(round(offset[0] * n)), int(round(offset[1] * n))
    shifted = np.roll(plain, (-dv, -du), axis=(0, 1))
    m = mask.reshape(mask.shape + (1,) * (tile.ndim - 2))
    return plain * (1.0 - m) + shifted * m
