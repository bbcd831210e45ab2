"""Spectral data and spectrum -> linear Rec.709 in Blender "watts".

Radiometric convention (the one Blender's Nishita/multiple-scattering sky uses): a
spectral radiance L(lambda) in W/m^2/sr/nm becomes XYZ = integral L * cmf dlambda, so Y is
luminance / 683 lm/W. Linear Rec.709 RGB from XYZ (D65). A Sun lamp whose strength is
the Y of the sun's irradiance then lights a set exactly as the sky's own sun would.
"""

from __future__ import annotations

import numpy as np

from ...core.colour import XYZ_TO_REC709

# Wavelength bins (nm): centres, 20 nm wide, 380..780.
WAVELENGTHS = np.arange(390.0, 780.0, 20.0)
BIN_WIDTH = 20.0

# Extraterrestrial solar spectral irradiance, W/m^2/nm at 1 AU (ASTM E-490, 10 nm means).
_SOLAR_NM = np.arange(380.0, 790.0, 10.0)
_SOLAR = np.array([
    1.12, 1.10, 1.63, 1.73, 1.71, 1.60, 1.80, 2.07, 2.05, 2.03, 2.07, 1.95, 1.94, 1.93,
    1.84, 1.88, 1.86, 1.87, 1.80, 1.83, 1.83, 1.77, 1.75, 1.71, 1.68, 1.64, 1.62, 1.55,
    1.52, 1.51, 1.48, 1.43, 1.41, 1.38, 1.35, 1.32, 1.28, 1.26, 1.23, 1.21, 1.18])

# Ozone absorption cross-section, m^2 per molecule, 360..830 nm every 10 nm (Chappuis band).
_OZONE_NM = np.arange(360.0, 840.0, 10.0)
_OZONE = np.array([
    1.18e-27, 2.182e-28, 2.818e-28, 6.636e-28, 1.527e-27, 2.763e-27, 5.52e-27, 8.451e-27,
    1.582e-26, 2.316e-26, 3.669e-26, 4.924e-26, 7.752e-26, 9.016e-26, 1.48e-25, 1.602e-25,
    2.139e-25, 2.755e-25, 3.091e-25, 3.5e-25, 4.266e-25, 4.672e-25, 4.398e-25, 4.701e-25,
    5.019e-25, 4.305e-25, 3.74e-25, 3.215e-25, 2.662e-25, 2.238e-25, 1.852e-25, 1.473e-25,
    1.209e-25, 9.423e-26, 7.455e-26, 6.566e-26, 5.105e-26, 4.15e-26, 4.228e-26, 3.237e-26,
    2.451e-26, 2.801e-26, 2.534e-26, 1.624e-26, 1.465e-26, 2.078e-26, 1.383e-26, 7.105e-27])

LUMINANCE = np.array([0.2126, 0.7152, 0.0722])   # Rec.709 Y weights


def _lobe(lam: np.ndarray, mu: float, s1: float, s2: float) -> np.ndarray:
    sigma = np.where(lam < mu, s1, s2)
    return np.exp(-0.5 * ((lam - mu) / sigma) ** 2)


def cie_xyz(lam: np.ndarray) -> np.ndarray:
    """CIE 1931 2-degree CMFs, multi-lobe fit of Wyman, Sloan & Shirley (JCGT 2013)."""
    x = (1.056 * _lobe(lam, 599.8, 37.9, 31.0) + 0.362 * _lobe(lam, 442.0, 16.0, 26.7)
         - 0.065 * _lobe(lam, 501.1, 20.4, 26.2))
    y = 0.821 * _lobe(lam, 568.8, 46.9, 40.5) + 0.286 * _lobe(lam, 530.9, 16.3, 31.1)
    z = 1.217 * _lobe(lam, 437.0, 11.8, 36.0) + 0.681 * _lobe(lam, 459.0, 26.0, 13.8)
    return np.stack([x, y, z], axis=-1)


def fixed_matmul(a: np.ndarray, m: np.ndarray) -> np.ndarray:
    """`a @ m` for a (..., k) by m (k,) or (k, c), summed over k in a fixed order with
    elementwise numpy. Why not `@`: BLAS's summation order changes with its thread
    count and CPU kernel, and an ulp of difference would make sky files differ
    between machines; these products are small, so exactness costs little."""
    a, m = np.asarray(a), np.asarray(m)
    dtype = np.result_type(a, m)
    if m.ndim == 1:
        out = (a[..., 0] * m[0]).astype(dtype, copy=False)
        for i in range(1, m.shape[0]):
            out = out + a[..., i] * m[i]
        return out
    out = (a[..., 0, None] * m[0]).astype(dtype, copy=False)
    for i in range(1, m.shape[0]):
        out = out + a[..., i, None] * m[i]
    return out


def _bin_weights() -> np.ndarray:
    """(n_bins, 3): each bin's spectrum -> RGB, CMFs integrated finely across the bin."""
    fine = np.arange(380.0, 780.0, 1.0) + 0.5
    cmf = cie_xyz(fine)
    idx = np.clip(((fine - WAVELENGTHS[0] + BIN_WIDTH / 2) // BIN_WIDTH).astype(int),
                  0, len(WAVELENGTHS) - 1)
    xyz = np.zeros((len(WAVELENGTHS), 3))
    np.add.at(xyz, idx, cmf)
    return fixed_matmul(xyz, XYZ_TO_REC709.T)


SPECTRUM_TO_RGB = _bin_weights()
SOLAR_IRRADIANCE = np.interp(WAVELENGTHS, _SOLAR_NM, _SOLAR)
OZONE_CROSS_SECTION = np.interp(WAVELENGTHS, _OZONE_NM, _OZONE)


def to_rgb(spectral: np.ndarray) -> np.ndarray:
    """(..., n_bins) W/m^2/(sr)/nm -> (..., 3) linear Rec.709 'watts' (float64)."""
    return fixed_matmul(spectral, SPECTRUM_TO_RGB)


def luminance(rgb: np.ndarray) -> np.ndarray:
    return fixed_matmul(rgb, LUMINANCE)


def blackbody(lam_nm: np.ndarray, kelvin: float) -> np.ndarray:
    """Planck's law, relative (peak-normalised) spectral radiance."""
    lam = lam_nm * 1e-9
    c2 = 1.4387769e-2
    val = 1.0 / (lam ** 5 * (np.exp(c2 / (lam * kelvin)) - 1.0))
    return val / val.max()
