"""The sRGB transfer function (IEC 61966-2-1), once for every layer: texture maps,
colour words, panoramas, paint and previews (arrays keep their dtype); and white
balance as Blender's colour management does it, for the camera (scout/exposure.py) and
for undoing a photo's (generation/hdr)."""

from __future__ import annotations

import math

import numpy as np


def srgb_to_linear(c) -> np.ndarray:
    """Encoded sRGB 0..1 -> linear light."""
    c = np.asarray(c)
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def linear_to_srgb(c) -> np.ndarray:
    """Linear light -> encoded sRGB, clipped to 0..1 first."""
    c = np.clip(np.asarray(c), 0.0, 1.0)
    return np.where(c <= 0.0031308, c * 12.92, 1.055 * c ** (1 / 2.4) - 0.055)


# ------------------------------------------------------------------- white balance

def planckian_uv(kelvin: float) -> tuple[float, float]:
    """CIE 1960 (u, v) of a black body, Krystek's rational approximation (1000-15000 K)."""
    t = float(kelvin)
    u = (0.860117757 + 1.54118254e-4 * t + 1.28641212e-7 * t * t) / \
        (1.0 + 8.42420235e-4 * t + 7.08145163e-7 * t * t)
    v = (0.317398726 + 4.22806245e-5 * t + 4.20481691e-8 * t * t) / \
        (1.0 - 2.89741816e-5 * t + 1.61456053e-7 * t * t)
    return u, v


TINT_PER_DUV = 3000.0      # Blender's tint: +10 lifts a 6500 K white onto D65 (Duv +0.0032)


def white_uv(kelvin: float, tint: float = 0.0) -> tuple[float, float]:
    """(u, v) of the white (kelvin, tint): off the locus along its normal, green up."""
    u, v = planckian_uv(kelvin)
    u2, v2 = planckian_uv(kelvin + 1.0)
    du, dv = u2 - u, v2 - v
    norm = math.hypot(du, dv)
    nu, nv = -dv / norm, du / norm            # 90° from the locus direction
    if nv < 0:
        nu, nv = -nu, -nv                     # +v is greener
    duv = tint / TINT_PER_DUV
    return u + nu * duv, v + nv * duv


def uv_to_xyz(u: float, v: float) -> np.ndarray:
    """XYZ with Y = 1 of a CIE 1960 chromaticity."""
    x, y = 3 * u / (2 * u - 8 * v + 4), 2 * v / (2 * u - 8 * v + 4)
    return np.array([x / y, 1.0, (1 - x - y) / y])


XYZ_TO_REC709 = np.array([[3.2404542, -1.5371385, -0.4985314],
                          [-0.9692660, 1.8760108, 0.0415560],
                          [0.0556434, -0.2040259, 1.0572252]])
REC709_TO_XYZ = np.linalg.inv(XYZ_TO_REC709)
BRADFORD = np.array([[0.8951, 0.2664, -0.1614], [-0.7502, 1.7135, 0.0367],
                     [0.0389, -0.0685, 1.0296]])
D65_XYZ = REC709_TO_XYZ @ np.ones(3)


def white_balance_matrix(kelvin: float, tint: float = 0.0) -> np.ndarray:
    """3x3 on linear Rec.709: the white (kelvin, tint) -> D65 neutral, Bradford CAT."""
    src = BRADFORD @ uv_to_xyz(*white_uv(kelvin, tint))
    dst = BRADFORD @ D65_XYZ
    cat = np.linalg.inv(BRADFORD) @ np.diag(dst / src) @ BRADFORD
    return XYZ_TO_REC709 @ cat @ REC709_TO_XYZ
