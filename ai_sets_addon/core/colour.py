"""The sRGB transfer function (IEC 61966-2-1), once for every layer: texture maps,
colour words, panoramas, paint and previews. Arrays keep their dtype."""

from __future__ import annotations

import numpy as np


def srgb_to_linear(c) -> np.ndarray:
    """Encoded sRGB 0..1 -> linear light."""
    c = np.asarray(c)
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def linear_to_srgb(c) -> np.ndarray:
    """Linear light -> encoded sRGB, clipped to 0..1 first."""
    c = np.clip(np.asarray(c), 0.0, 1.0)
    return np.where(c <= 0.0031308, c * 12.92, 1.055 * c ** (1 / 2.4) - 0.055)
