"""A distant skyline on the horizon of a sky map: what an interior's windows look out on.

Without it a window opens onto an empty plain. Two rows of far building blocks (or tree
masses) stand on the horizon, lit by the map's own light: their walls see half the sky dome
(albedo x half the diffuse irradiance / pi) plus the sun on the sides facing it, and fade into the horizon sky with distance (aerial perspective). At night the
blocks go dark and scatter warm lit windows. Seeded, deterministic, pure numpy.
"""

from __future__ import annotations

import numpy as np

from ...core import seeds
from .equirect import column_azimuths, row_elevations

KINDS = ("city", "trees")
LAYERS = ((0.45, 1.0, 4.5), (0.15, 0.6, 2.6))   # (haze share, height scale, max height deg)
WINDOW_RGB = np.array([1.0, 0.62, 0.3], np.float32)
ALBEDO = 0.18
WINDOW_RADIANCE = 0.005    # W/m^2/sr, pixel average of far lit windows


def add_skyline(image: np.ndarray, kind: str, seed: int, sun_azimuth_deg: float,
                sun_elevation_deg: float, diffuse_rgb: np.ndarray,
                sun_rgb: np.ndarray) -> None:
    """Draw the skyline into `image` (H, W, 3, W/m^2/sr) in place; `kind` "" = none.
    `diffuse_rgb`: the sky's irradiance on the ground; `sun_rgb`: the sun's (or
    moon's) irradiance at normal incidence."""
    if not kind:
        return
    height, width = image.shape[:2]
    rows, cols = row_elevations(height), column_azimuths(width)
    rng = seeds.rng(seed, "sky", "skyline")
    horizon = image[np.argmin(np.abs(rows - 0.5))].copy()          # sky just above it
    cos_el = np.cos(np.radians(max(sun_elevation_deg, 0.0)))
    walls = ALBEDO / np.pi * 0.5 * np.maximum(diffuse_rgb, 0.0)   # half the sky dome
    facing = np.clip(np.cos(np.radians(cols - sun_azimuth_deg)), 0.0, 1.0) * cos_el
    sunlit = np.outer(facing, sun_rgb) * (ALBEDO / np.pi) * (sun_elevation_deg > 0)
    for haze, scale, top in LAYERS:
        profile = _profile(rng, width, kind, top * scale)
        face = (walls + sunlit) * (0.6 if kind == "trees" else 1.0)
        face = face * (1.0 - haze) + horizon * haze
        covered = (rows[:, None] >= 0.0) & (rows[:, None] < profile[None, :])
        image[covered] = np.broadcast_to(face[None], image.shape)[covered]
        if kind == "city" and sun_elevation_deg < 0:
            _lit_windows(image, rng, covered, float(np.mean(walls)))


def _profile(rng: np.random.Generator, width: int, kind: str, top: float) -> np.ndarray:
    """Height in degrees above the horizon for each column: blocks or rounded crowns."""
    profile = np.zeros(width, np.float32)
    col = 0
    while col < width:
        span = int(rng.integers(max(width // 360, 2), max(width // 60, 4)))
        h = float(rng.uniform(0.3, 1.0) ** 1.5 * top)
        if kind == "trees":
            x = np.linspace(-1.0, 1.0, span)
            crown = h * np.sqrt(np.clip(1.0 - x * x, 0.0, 1.0))
            end = min(col + span, width)
            profile[col:end] = np.maximum(profile[col:end], crown[: end - col])
            col += max(span // 2, 1)
        else:
            profile[col:col + span] = h if rng.random() > 0.12 else 0.15 * h
            col += span
    return profile


def _lit_windows(image: np.ndarray, rng: np.random.Generator, covered: np.ndarray,
                 facade: float) -> None:
    """Sparse warm points on the dark blocks (a few per cent of their pixels): a lit
    window is ~30 cd/m^2, a pixel of a far facade holds a tenth of one (~0.005 W/m^2/sr,
    hundreds of times the night sky), never below 30x the facade itself."""
    lit = covered & (rng.random(covered.shape) < 0.035)
    glow = max(facade * 30.0, WINDOW_RADIANCE)
    image[lit] = WINDOW_RGB * glow
