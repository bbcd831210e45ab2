"""The equirectangular convention shared by the generator, the writer and the scene.

Image row 0 is the zenith, the last row the nadir; pixel centres sit at
elevation = 90 - 180 * (row + 0.5) / H. Column c looks at the azimuth (clockwise from
north = scene +Y toward east = +X)  az = 360 * (c + 0.5) / W - 90, so the image centre
looks east (+X) and the left/right edges west (-X), north is at u = 0.25, south at 0.75.

That is exactly Blender's own equirectangular mapping (u = 0.5 - atan2(y, x) / 2pi), so
an Environment Texture uses the EXR with no Mapping node and the sun in the image lands
where the lamp points (checked by tests/blender/test_world.py with a Cycles render).
"""

from __future__ import annotations

import numpy as np

from ...core.limits import HDRI_WIDTH

MIN_WIDTH, MAX_WIDTH = int(HDRI_WIDTH.lo), int(HDRI_WIDTH.hi)


def check_width(width: int) -> int:
    """The sky's width (height = width / 2) within limits.HDRI_WIDTH; InputError otherwise."""
    if isinstance(width, np.integer):
        width = int(width)
    return int(HDRI_WIDTH.check(width))


def row_elevations(height: int) -> np.ndarray:
    """Elevation (degrees) of each row's centre, zenith first."""
    return 90.0 - 180.0 * (np.arange(height) + 0.5) / height


def column_azimuths(width: int) -> np.ndarray:
    """Scene azimuth (degrees, clockwise from +Y) of each column's centre, in [-90, 270)."""
    return 360.0 * (np.arange(width) + 0.5) / width - 90.0


def direction(elevation_deg: np.ndarray, azimuth_deg: np.ndarray) -> np.ndarray:
    """Unit vectors (..., 3) in scene axes (X east, Y north, Z up)."""
    el, az = np.broadcast_arrays(np.radians(elevation_deg), np.radians(azimuth_deg))
    return np.stack([np.cos(el) * np.sin(az), np.cos(el) * np.cos(az), np.sin(el)], axis=-1)


def pixel_of(elevation_deg: float, azimuth_deg: float, width: int) -> tuple[float, float]:
    """Continuous (row, column) where a direction lands (centre of pixel = +0.5)."""
    height = width // 2
    col = ((azimuth_deg + 90.0) / 360.0 % 1.0) * width
    row = (90.0 - elevation_deg) / 180.0 * height
    return row, col


def angles_of(direction_xyz: np.ndarray) -> tuple[float, float]:
    """(elevation, azimuth) in degrees of a scene-axes vector."""
    x, y, z = (float(v) for v in direction_xyz)
    el = np.degrees(np.arctan2(z, np.hypot(x, y)))
    return float(el), float(np.degrees(np.arctan2(x, y)) % 360.0)


def pixel_solid_angles(width: int) -> np.ndarray:
    """(H,) solid angle of one pixel in each row (sr)."""
    height = width // 2
    top = np.radians(90.0 - 180.0 * np.arange(height) / height)
    bottom = np.radians(90.0 - 180.0 * (np.arange(height) + 1) / height)
    return (np.sin(top) - np.sin(bottom)) * (2.0 * np.pi / width)
