"""LDR 360° panorama -> true-HDR environment (pure numpy; never imports bpy or torch).

    pano = read_panorama("street.png")
    result = lift(pano)                       # sun found, sky fitted, disc restored
    write_lift(Path("sky.exr"), result, pano, EXPAND_EV)

The steps and their reasons are in `lift`; `read` (decoding, limits, linearising),
`sun` and `elevation` (finding it), `fit` (the clear-sky fit), `expand` (highlights),
`testset` (the camera simulation and scores of scripts/hdr_testset.py).
"""

from __future__ import annotations

from .expand import EXPAND_EV, EXPAND_FROM, expand_highlights, expansion_gain
from .lift import LiftOptions, LiftResult, lift
from .read import MAX_WIDTH, MIN_WIDTH, Panorama, read_panorama, srgb_to_linear
from .sun import SunEstimate, find_sun
from .write import sidecar, write_lift

__all__ = [
    "EXPAND_EV", "EXPAND_FROM", "LiftOptions", "LiftResult", "MAX_WIDTH", "MIN_WIDTH",
    "Panorama", "SunEstimate", "expand_highlights", "expansion_gain", "find_sun", "lift",
    "read_panorama", "sidecar", "srgb_to_linear", "write_lift",
]
