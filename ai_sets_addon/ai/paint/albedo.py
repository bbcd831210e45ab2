"""Less light baked into the paint: the model paints a lit photograph, but the set's
own lamps and sky must light the result, so the painted colour is used as albedo.

Two measures: the prompt asks for flat, shadow-free colour (loop.ALBEDO_TERMS), and
each view's painting of a part is scaled, in linear light, so that its mean luminance
matches the procedural material's albedo for that part. That removes the exposure
and overall light level of the picture (and the seams that differing exposures
between views would leave), while keeping the painted detail and hue.
"""

from __future__ import annotations

import numpy as np

from ...core.colour import linear_to_srgb, srgb_to_linear

LUMA = np.array([0.2126, 0.7152, 0.0722])
MAX_GAIN = 4.0        # a dark picture of a white wall is lifted at most two stops


def match_albedo(image: np.ndarray, part_of_pixel: np.ndarray, free: np.ndarray,
                 reference: dict[int, float], strength: float = 1.0) -> np.ndarray:
    """Scale each part's pixels (where `free`: generated or refined, not kept) so their
    mean linear luminance becomes reference[part]; `strength` 0..1 blends the gain."""
    if strength <= 0 or not reference:
        return image
    linear = srgb_to_linear(image.astype(np.float64))
    luma = linear @ LUMA
    out = linear.copy()
    for part, target in reference.items():
        sel = free & (part_of_pixel == part)
        if sel.sum() < 16:
            continue
        mean = float(luma[sel].mean())
        if mean <= 1e-4:
            continue
        gain = float(np.clip(target / mean, 1.0 / MAX_GAIN, MAX_GAIN)) ** strength
        out[sel] = linear[sel] * gain
    return linear_to_srgb(out).astype(np.float32)


def mean_albedo_luminance(base_colour_srgb: np.ndarray) -> float:
    """Mean linear luminance of a procedural base-colour map (uint8 or 0..1 sRGB)."""
    rgb = np.asarray(base_colour_srgb, np.float64)[..., :3]
    if rgb.max() > 1.0:
        rgb = rgb / 255.0
    return float((srgb_to_linear(rgb) @ LUMA).mean())
