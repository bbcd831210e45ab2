"""Find the sun in an LDR panorama, or decide that there is none to find.

1. The largest connected clipped region of the upper hemisphere (wrapping at 0/360°):
   a camera clips the sun and its aureole long before anything else in a clear sky.
   Its direction is the solid-angle-weighted centroid of the region; the bias of that
   centroid (the region leans toward the bright horizon or is cut by the ground) is
   removed later with the fitted sky model (refine.py).
2. With nothing clipped: the brightest diffuse lobe (a blurred peak at least
   LOBE_CONTRAST times brighter than the sky 25-40° around it), e.g. a sun behind thin
   cloud or an AI sun painted below white.
3. Otherwise none: an overcast or night panorama keeps its own light and gets no sun.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np

from ..sky.equirect import angles_of, direction
from ..sky.spectrum import fixed_matmul
from .grid import WorkGrid

MAX_SUN_SOLID_ANGLE = 1.5    # sr (a cap ~40° in radius): larger clipped areas are sky, not sun
LOBE_CONTRAST = 2.0          # lobe peak / its 25-40° surround (CIE overcast: ~1.1)
NIGHT_MEDIAN = 0.004         # relative linear median of the upper hemisphere (sRGB ~ 0.05)


@dataclass
class SunEstimate:
    """Where the sun is (scene azimuth clockwise from +Y), how it was found, or why not."""

    found: bool
    elevation_deg: float = 0.0
    azimuth_deg: float = 0.0
    method: str = "none"           # "clipped", "lobe", "given", "place_time", "none"
    reason: str = ""
    clipped_solid_angle_sr: float = 0.0
    lobe_contrast: float = 0.0


def find_sun(grid: WorkGrid) -> SunEstimate:
    """Clipped region, else diffuse lobe, else none (overcast or night)."""
    upper = grid.elevations > 0.0
    lum = _lum(grid.linear[upper])
    if float(np.median(lum)) < NIGHT_MEDIAN and not grid.clipped[upper].any():
        return SunEstimate(False, method="none", reason="night: the sky is dark; no sun added")
    region = largest_clipped_region(grid)
    if region is not None:
        area = float(np.sum(region * grid.solid_angles[: region.shape[0], None]))
        if area <= MAX_SUN_SOLID_ANGLE:
            el, az = region_direction(grid, region)
            return SunEstimate(True, el, az, "clipped", "the largest clipped region of the "
                               "upper hemisphere", clipped_solid_angle_sr=area)
        reason = (f"the clipped area ({area:.2f} sr) is too large for a sun (over "
                  f"{MAX_SUN_SOLID_ANGLE} sr): an overexposed sky")
    else:
        reason = "nothing in the upper hemisphere clipped"
    if float(np.median(lum)) < NIGHT_MEDIAN:
        return SunEstimate(False, reason="night: the sky is dark; no sun added")
    return _lobe(grid, reason)


def _lum(rgb: np.ndarray) -> np.ndarray:
    return rgb[..., 0] * 0.2126 + rgb[..., 1] * 0.7152 + rgb[..., 2] * 0.0722


def largest_clipped_region(grid: WorkGrid) -> np.ndarray | None:
    """(h_upper, w) clipped shares of the largest 8-connected clipped region, or None."""
    h_up = int(np.sum(grid.elevations > 0.0))
    share = grid.clipped[:h_up]
    mask = share > 0.0
    if not mask.any():
        return None
    labels = _label(mask)
    weights = share * grid.solid_angles[:h_up, None]
    sums = np.bincount(labels.ravel(), weights=weights.ravel())
    sums[0] = 0.0
    best = int(np.argmax(sums))
    return np.where(labels == best, share, 0.0)


def _label(mask: np.ndarray) -> np.ndarray:
    """8-connected components (columns wrap around); 0 = background. Breadth-first."""
    h, w = mask.shape
    labels = np.zeros(mask.shape, np.int32)
    current = 0
    for r0, c0 in zip(*np.nonzero(mask)):
        if labels[r0, c0]:
            continue
        current += 1
        labels[r0, c0] = current
        queue = deque([(int(r0), int(c0))])
        while queue:
            r, c = queue.popleft()
            for dr in (-1, 0, 1):
                rr = r + dr
                if not 0 <= rr < h:
                    continue
                for dc in (-1, 0, 1):
                    cc = (c + dc) % w
                    if mask[rr, cc] and not labels[rr, cc]:
                        labels[rr, cc] = current
                        queue.append((rr, cc))
    return labels


def region_direction(grid: WorkGrid, region: np.ndarray) -> tuple[float, float]:
    """(elevation, azimuth) of the region's solid-angle-weighted centroid.

    Biased (the region leans toward the bright horizon, or is cut by the ground), but a
    smooth function of the region: refine.py removes the bias with the fitted model."""
    h = region.shape[0]
    dirs = grid.directions(h)
    weights = region * grid.solid_angles[:h, None]
    centroid = (dirs * weights[..., None]).sum(axis=(0, 1))
    return angles_of(centroid / np.linalg.norm(centroid))


def _lobe(grid: WorkGrid, why_not_clipped: str) -> SunEstimate:
    """The brightest blurred peak of the upper hemisphere, if it stands out."""
    h_up = int(np.sum(grid.elevations > 2.0))
    lum = _blur(_lum(grid.linear[:h_up]), max(grid.linear.shape[1] // 128, 1))
    r, c = np.unravel_index(int(np.argmax(lum)), lum.shape)
    el, az = float(grid.elevations[r]), float(grid.azimuths[c])
    dirs = grid.directions(h_up)
    cos = fixed_matmul(dirs, direction(np.array(el), np.array(az)))
    ring = (cos < np.cos(np.radians(25.0))) & (cos > np.cos(np.radians(40.0)))
    surround = float(np.median(lum[ring])) if ring.any() else float(np.median(lum))
    contrast = float(lum[r, c]) / max(surround, 1e-9)
    if contrast >= LOBE_CONTRAST:
        return SunEstimate(True, el, az, "lobe", f"{why_not_clipped}; the brightest diffuse "
                           f"lobe stands {contrast:.1f}x above its surround",
                           lobe_contrast=contrast)
    return SunEstimate(False, reason=f"{why_not_clipped}, and no lobe stands out (peak "
                       f"{contrast:.2f}x its surround < {LOBE_CONTRAST}): overcast or "
                       "diffuse light; no sun added", lobe_contrast=contrast)


def _blur(img: np.ndarray, radius: int) -> np.ndarray:
    """Separable box blur, wrapping in azimuth, clamped in elevation (twice: ~Gaussian)."""
    for _ in range(2):
        k = 2 * radius + 1
        padded = np.concatenate([img[:, -radius:], img, img[:, :radius]], axis=1)
        c = np.cumsum(np.pad(padded, ((0, 0), (1, 0))), axis=1)
        img = (c[:, k:] - c[:, :-k]) / k
        padded = np.pad(img, ((radius, radius), (0, 0)), mode="edge")
        c = np.cumsum(np.pad(padded, ((1, 0), (0, 0))), axis=0)
        img = (c[k:] - c[:-k]) / k
    return img
