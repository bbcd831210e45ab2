"""What sits on the sky: the sun and moon discs, stars, airglow and city glow.

Discs are integrated over each pixel (sub-sampled, limb-darkened, then renormalised),
so a map of any width carries exactly the body's irradiance: sum(pixel * solid angle)
equals the lamp strength that replaces it.
"""

from __future__ import annotations

import numpy as np

from .equirect import column_azimuths, direction, pixel_solid_angles, row_elevations
from .spectrum import WAVELENGTHS, blackbody, fixed_matmul, luminance, to_rgb

SUN_RADIUS_DEG = 0.2665
MOON_RADIUS_DEG = 0.259
# Full moon outside the atmosphere vs the sun (0.32 lux / 133 klux), phase law from Allen.
MOON_TO_SUN = 2.4e-6
NIGHT_SKY_RADIANCE = 3.0e-7    # natural airglow + starlight background, W/m^2/sr


def moon_scale(phase_angle_deg: float) -> float:
    """Moon irradiance / solar irradiance for a phase angle (0 = full)."""
    a = abs(phase_angle_deg)
    return MOON_TO_SUN * 10.0 ** (-0.4 * (0.026 * a + 4e-9 * a ** 4))


def _window(image_h: int, el: float, az: float, radius_deg: float):
    """Rows/cols (with wrap) of the pixels that a disc can touch."""
    width = image_h * 2
    px = 180.0 / image_h
    margin = radius_deg + 1.5 * px
    r0 = max(int(np.floor((90.0 - el - margin) / px)), 0)
    r1 = min(int(np.ceil((90.0 - el + margin) / px)) + 1, image_h)
    span = margin / max(np.cos(np.radians(min(abs(el) + margin, 89.9))), 1e-3)
    span = min(span, 180.0)
    c_mid = (az + 90.0) / 360.0 * width
    c0 = int(np.floor(c_mid - span / 360.0 * width)) - 1
    c1 = int(np.ceil(c_mid + span / 360.0 * width)) + 1
    return np.arange(r0, r1), np.arange(c0, c1) % width


def draw_disc(image: np.ndarray, el: float, az: float, radius_deg: float,
              irradiance_rgb: np.ndarray, *, limb: float = 0.6,
              lit_toward: np.ndarray | None = None, texture: float = 0.0,
              sub: int = 8) -> None:
    """Add a disc carrying `irradiance_rgb` (W/m^2 at normal incidence) to the map."""
    if float(np.max(irradiance_rgb)) <= 0.0:
        return
    height, width = image.shape[:2]
    rows, cols = _window(height, el, az, radius_deg)
    if rows.size == 0:
        return
    offs = (np.arange(sub) + 0.5) / sub
    sub_el = 90.0 - 180.0 * (rows[:, None] + offs[None, :]) / height          # (R, s)
    sub_az = 360.0 * (cols[:, None] + offs[None, :]) / width - 90.0          # (C, s)
    d = direction(sub_el[:, None, :, None], sub_az[None, :, None, :])       # (R,C,s,s,3)
    centre = direction(np.array(el), np.array(az))
    cos_r = np.cos(np.radians(radius_deg))
    dot = fixed_matmul(d, centre)
    inside = dot >= cos_r
    rho = np.sqrt(np.clip((1.0 - dot) / (1.0 - cos_r), 0.0, 1.0))
    weight = np.where(inside, 1.0 - limb * (1.0 - np.sqrt(1.0 - rho ** 2)), 0.0)
    if lit_toward is not None:
        weight = weight * _phase_shading(d, centre, radius_deg, lit_toward, texture)
    cover = weight.mean(axis=(2, 3))                                         # (R, C)
    omega = pixel_solid_angles(width)[rows]
    total = float(np.sum(cover * omega[:, None]))
    if total <= 0.0:
        return
    disc_solid = 2.0 * np.pi * (1.0 - cos_r)
    full = disc_solid * (1.0 - limb / 3.0)      # integral of the unshaded, limb-darkened disc
    norm = 1.0 / (total if lit_toward is None else full)
    add = cover[..., None] * norm * np.asarray(irradiance_rgb, np.float64)
    image[np.ix_(rows, cols)] += add.astype(image.dtype)


def _phase_shading(d: np.ndarray, centre: np.ndarray, radius_deg: float, sun: np.ndarray,
                   texture: float) -> np.ndarray:
    """Lit part of a sphere seen at `centre`, lit from direction `sun` (terminator + maria)."""
    sin_r = np.sin(np.radians(radius_deg))
    off = (d - fixed_matmul(d, centre)[..., None] * centre) / sin_r
    rr = np.clip(np.sum(off * off, axis=-1), 0.0, 1.0)
    normal = off - centre * np.sqrt(1.0 - rr)[..., None]
    lit = np.clip(fixed_matmul(normal, sun) * 8.0 + 0.5, 0.0, 1.0)
    if texture > 0.0:
        maria = 0.5 + 0.5 * np.sin(off[..., 0] * 7.0 + 1.3) * np.sin(off[..., 1] * 5.0 - 0.4)
        lit = lit * (1.0 - texture * np.clip(maria - 0.45, 0.0, 1.0))
    return lit


def star_field(rng: np.random.Generator, north_offset_deg: float = 0.0,
               count: int = 9000) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Stars to magnitude 6.5 (about 9,000 over the sky): (el, scene az, RGB irradiance)."""
    z = rng.uniform(-1.0, 1.0, count)
    lon = rng.uniform(0.0, 360.0, count) + north_offset_deg
    # N(<m) grows ~ 10^(0.47 m): invert the cumulative count between m = -1.5 and 6.5.
    lo, hi = 10 ** (0.47 * -1.5), 10 ** (0.47 * 6.5)
    mag = np.log10(lo + rng.random(count) * (hi - lo)) / 0.47
    kelvin = rng.choice([3200.0, 4500.0, 5800.0, 7500.0, 11000.0], count,
                        p=[0.25, 0.3, 0.2, 0.15, 0.1])
    irradiance = 2.54e-6 / 683.0 * 10 ** (-0.4 * mag)               # W/m^2 (Y)
    return np.degrees(np.arcsin(z)), lon, _star_colours(kelvin) * irradiance[:, None]


def _star_colours(kelvin: np.ndarray) -> np.ndarray:
    table = {}
    for k in np.unique(kelvin):
        rgb = to_rgb(blackbody(WAVELENGTHS, k))
        table[k] = rgb / luminance(rgb)
    return np.array([table[k] for k in kelvin])


def splat(image: np.ndarray, el: np.ndarray, az: np.ndarray, energy: np.ndarray) -> None:
    """Deposit point irradiances (N, 3) at directions, bilinear, as radiance (energy-exact)."""
    height, width = image.shape[:2]
    omega = pixel_solid_angles(width)
    fr = (90.0 - el) / 180.0 * height - 0.5
    fc = ((az + 90.0) / 360.0 % 1.0) * width - 0.5
    r0 = np.floor(fr).astype(np.int64)
    c0 = np.floor(fc).astype(np.int64)
    wr, wc = fr - r0, fc - c0
    for dr, dc, w in ((0, 0, (1 - wr) * (1 - wc)), (0, 1, (1 - wr) * wc),
                      (1, 0, wr * (1 - wc)), (1, 1, wr * wc)):
        rows = np.clip(r0 + dr, 0, height - 1)
        cols = (c0 + dc) % width
        val = energy * (w / omega[rows])[:, None]
        np.add.at(image, (rows, cols), val.astype(image.dtype))


def night_glow(height: int, width: int, city_glow: float, city_azimuth_deg: float,
               cloud_boost: float = 1.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Airglow (brighter toward the horizon, van Rhijn) + sodium/LED city glow.

    Returns (rows (H, 3), columns factor (W,)) so the caller can add rows x columns
    without building extra full-size arrays: glow = airglow_rows + city_rows * city_cols.
    """
    el = row_elevations(height)
    sin_el = np.sin(np.radians(np.clip(el, 0.0, 90.0)))
    van_rhijn = 1.0 / np.sqrt(1.0 - (6371.0 / 6471.0) ** 2 * (1.0 - sin_el ** 2))
    air = NIGHT_SKY_RADIANCE * van_rhijn[:, None] * np.array([0.85, 1.0, 1.05])
    city_rgb = to_rgb(blackbody(WAVELENGTHS, 2700.0))
    city_rgb = city_rgb / luminance(city_rgb)
    city_rows = (city_glow * 1.2e-4 * cloud_boost * np.exp(-np.clip(el, 0.0, 90.0) / 12.0)
                 + city_glow * 4e-6 * cloud_boost)[:, None] * city_rgb
    city_rows[el < 0] *= 0.3
    az = column_azimuths(width)
    cols = 0.5 + 0.5 * np.cos(np.radians(az - city_azimuth_deg)) ** 2
    return (air * (el >= -2)[:, None]).astype(np.float32), city_rows.astype(np.float32), \
        cols.astype(np.float32)
