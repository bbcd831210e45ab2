"""PBR maps from a single tileable colour image (what an AI material gives us).

Method (the heuristic of CrazyBump / Materialize-style tools, named so nobody mistakes
it for measurement): height is the luminance of the de-lit colour, band-passed over
several scales (a difference of wrapped box blurs: large scales carry the shape, small
ones the grain; the lowest band, the lighting gradient, is dropped); the normal is the
Sobel gradient of that height (wrapping, so it tiles), OpenGL +Y up; roughness rises
where the colour is dark and busy and falls where it is bright and smooth (glossy
surfaces read as smooth highlights); AO is the cavity term of the height (how far a
texel sits below its wrapped neighbourhood). Every filter wraps around, so maps made
from a tiling colour tile too.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SCALES = (2, 4, 8, 16)            # box radii (texels) of the height bands
WEIGHTS = (0.15, 0.25, 0.3, 0.3)


@dataclass
class PbrMaps:
    height: np.ndarray            # (H, W) float32 0..1
    normal: np.ndarray            # (H, W, 3) float32 0..1 encoded, OpenGL (+Y up)
    roughness: np.ndarray         # (H, W) float32 0..1
    ao: np.ndarray                # (H, W) float32 0..1
    method: str = ("band-passed luminance height (wrapped box blurs), Sobel normal, "
                   "roughness from inverted brightness and local contrast, cavity AO")


def pbr_from_colour(srgb: np.ndarray, normal_strength: float = 4.0) -> PbrMaps:
    """(H, W, 3) uint8 or 0..1 sRGB tileable colour -> height, normal, roughness, AO."""
    rgb = np.asarray(srgb, np.float32)
    if rgb.max() > 1.0:
        rgb = rgb / 255.0
    lum = rgb[..., 0] * 0.2126 + rgb[..., 1] * 0.7152 + rgb[..., 2] * 0.0722
    height = _height(lum)
    return PbrMaps(height, _normal(height, normal_strength), _roughness(lum), _ao(height))


def blur_wrap(img: np.ndarray, radius: int) -> np.ndarray:
    """Box blur, wrapping in both directions (so a tile's blur tiles)."""
    out = img
    for axis in (0, 1):
        acc = np.zeros_like(out)
        for s in range(-radius, radius + 1):
            acc += np.roll(out, s, axis=axis)
        out = acc / (2 * radius + 1)
    return out


def _height(lum: np.ndarray) -> np.ndarray:
    base = blur_wrap(lum, 32 if min(lum.shape) > 128 else 8)    # lighting gradient
    levels = [lum] + [blur_wrap(lum, r) for r in SCALES]
    bands = [(levels[i] - levels[i + 1]) * w for i, w in enumerate(WEIGHTS)]
    h = sum(bands) + (levels[-1] - base)
    return _normalise(h)


def _normal(height: np.ndarray, strength: float) -> np.ndarray:
    hx = (np.roll(height, -1, 1) - np.roll(height, 1, 1)) * 2 \
        + np.roll(np.roll(height, -1, 1), 1, 0) - np.roll(np.roll(height, 1, 1), 1, 0) \
        + np.roll(np.roll(height, -1, 1), -1, 0) - np.roll(np.roll(height, 1, 1), -1, 0)
    hy = (np.roll(height, 1, 0) - np.roll(height, -1, 0)) * 2 \
        + np.roll(np.roll(height, 1, 0), 1, 1) - np.roll(np.roll(height, -1, 0), 1, 1) \
        + np.roll(np.roll(height, 1, 0), -1, 1) - np.roll(np.roll(height, -1, 0), -1, 1)
    n = np.stack([-hx * strength / 8, -hy * strength / 8, np.ones_like(height)], axis=-1)
    n /= np.linalg.norm(n, axis=-1, keepdims=True)
    return (n * 0.5 + 0.5).astype(np.float32)


def _roughness(lum: np.ndarray) -> np.ndarray:
    contrast = np.sqrt(np.maximum(blur_wrap(lum * lum, 3) - blur_wrap(lum, 3) ** 2, 0.0))
    r = 0.55 + 0.35 * (1.0 - lum) + 1.5 * contrast
    return np.clip(r, 0.2, 1.0).astype(np.float32)


def _ao(height: np.ndarray) -> np.ndarray:
    cavity = blur_wrap(height, 6) - height
    return np.clip(1.0 - 2.0 * np.maximum(cavity, 0.0), 0.3, 1.0).astype(np.float32)


def _normalise(x: np.ndarray) -> np.ndarray:
    lo, hi = np.percentile(x, (0.5, 99.5))
    return np.clip((x - lo) / max(hi - lo, 1e-6), 0.0, 1.0).astype(np.float32)
