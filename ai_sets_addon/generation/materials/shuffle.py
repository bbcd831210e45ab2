"""Per-region shuffling of a tiled texture, so a wall many tiles wide shows no repeat.

The shader (blender/scene/materials.py) samples every map twice, the second time turned by
`angle` and shifted by `offset` tiles, and switches between the two with a slow noise
over the surface (about `MASK_CYCLES` features per tile, a narrow soft edge). Two
neighbouring tiles then show different parts of the texture in different places, and
no 3 x 3 block repeats; the turn also breaks the faint lattice of features that
repeat twice a tile. The turned sample's normal is turned back (tangent space).

The offset must keep what is laid out on a grid in register: free textures (paste,
plaster, sand) take any offset; formwork shifts by a whole panel; unit layouts with
random bonds (bricks, planks, tiles, setts) keep their own per-unit variation and are
not shuffled (a shifted sample would draw doubled joints at the switch).
"""

from __future__ import annotations

import numpy as np

FREE_OFFSET = (0.27, 0.77)          # tiles: half a period off for features repeating twice a tile
FREE_ANGLE = 0.6                    # radians (~34 deg): no lattice shared with the first
MASK_CYCLES = 0.6                   # mask features per tile (~1.7 tiles: not tile-periodic)
MASK_EDGE = (0.48, 0.52)            # noise band over which the two samples cross-fade

ISOTROPIC = ("concrete", "plaster", "painted_wall", "asphalt", "sand", "soil", "grass",
             "gravel", "snow", "rock", "marble", "rusted_metal", "carpet")
OFFSETS: dict[str, tuple[float, float]] = {
    **{f: FREE_OFFSET for f in ISOTROPIC},
    "brushed_metal": FREE_OFFSET,   # brushed along u: shifted, never turned
    "cast_concrete": (0.5, 0.0),    # 1.2 m across a 2.4 m tile: one panel over
}


def offset_for(family: str) -> tuple[float, float] | None:
    """The second sample's shift in tiles, or None where the family is not shuffled."""
    return OFFSETS.get(family)


def angle_for(family: str) -> float:
    """The second sample's turn (radians): only for textures with no direction or grid."""
    return FREE_ANGLE if family in ISOTROPIC else 0.0


def shuffled(tile: np.ndarray, repeats: int, mask: np.ndarray,
             offset: tuple[float, float], angle: float = 0.0) -> np.ndarray:
    """What the shader shows over `repeats` x `repeats` tiles (numpy reference, for tests
    and previews): `mask` (0..1, the same size as the result) picks the second sample,
    taken at R(angle) uv + offset (nearest texel, wrapping like a repeating image)."""
    n = tile.shape[0]
    plain = np.tile(tile, (repeats, repeats) + (1,) * (tile.ndim - 2))
    v, u = (np.mgrid[0:n * repeats, 0:n * repeats] + 0.5) / n
    c, s = np.cos(angle), np.sin(angle)
    u2, v2 = c * u - s * v + offset[0], s * u + c * v + offset[1]
    shifted = tile[(np.floor(v2 * n).astype(int) % n), (np.floor(u2 * n).astype(int) % n)]
    m = mask.reshape(mask.shape + (1,) * (tile.ndim - 2))
    return plain * (1.0 - m) + shifted * m
