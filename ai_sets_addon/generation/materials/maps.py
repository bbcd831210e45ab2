"""Finishing pass shared by every family: clamp to plausible values, derive AO and the
normal map from the height, and quantise for files.

Normal map convention: OpenGL (+Y up, "green up"), tangent space with +X along u
(image right) and +Y along v (image up, i.e. towards row 0 of the array). This is what
Blender's Normal Map node expects. The normal comes from the height in metres over
the true pixel size, so relief reads at its real strength in the render.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import noise as nz
from .core import Ctx, Surface

F32 = np.float32

SRGB_MIN, SRGB_MAX = 30.0 / 255.0, 240.0 / 255.0   # non-metal albedo range (sRGB)
METAL_MAX = 250.0 / 255.0


@dataclass
class MaterialMaps:
    """A full map set as float32 arrays (what the files hold, before quantising)."""

    family: str
    tile_size_m: tuple[float, float]
    base_color: np.ndarray           # (n, n, 3) sRGB 0..1
    normal: np.ndarray               # (n, n, 3) unit vectors, OpenGL convention
    roughness: np.ndarray            # (n, n) 0..1 linear
    height: np.ndarray               # (n, n) 0..1, 0 = height_min_m, 1 = height_max_m
    ao: np.ndarray                   # (n, n) 0..1 linear
    metallic: np.ndarray | None      # (n, n) or None when constant
    metallic_value: float            # the constant when metallic is None
    height_min_m: float
    height_max_m: float
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def displacement_m(self) -> float:
        return self.height_max_m - self.height_min_m


def normal_from_height(height_m: np.ndarray, px_m: float) -> np.ndarray:
    """Central differences with wrap-around (seamless), OpenGL +Y = towards row 0."""
    inv = F32(1.0 / (2.0 * px_m))
    dhdu = (np.roll(height_m, -1, axis=1) - np.roll(height_m, 1, axis=1)) * inv
    dhdv = (np.roll(height_m, 1, axis=0) - np.roll(height_m, -1, axis=0)) * inv
    norm = F32(1.0) / np.sqrt(dhdu * dhdu + dhdv * dhdv + F32(1.0))
    return np.stack([-dhdu * norm, -dhdv * norm, norm], axis=-1)


def ambient_occlusion(height_m: np.ndarray, ctx: Ctx) -> np.ndarray:
    """Cheap horizon estimate: how far each texel lies below its neighbourhood mean at
    ~5 mm and ~40 mm, divided by that radius (a slope-like openness), two scales."""
    occlusion = np.zeros_like(height_m)
    for radius_m, weight in ((0.005, 1.2), (0.04, 1.0)):
        radius_px = radius_m / ctx.px_m
        if radius_px < 1.0:
            continue
        below = nz.blur(height_m, radius_px) - height_m
        np.maximum(below, 0.0, out=below)
        occlusion += below * F32(weight / radius_m)
    return np.exp(-occlusion * F32(2.0)).astype(F32)


def finish(surface: Surface, ctx: Ctx, params: dict[str, Any],
           emit: Callable[[str, np.ndarray], None] | None = None) -> MaterialMaps:
    """Surface -> clamped, complete MaterialMaps.

    `emit(name, array)` is called as soon as each map is final, so a caller can start
    compressing it to a file while the next maps are derived (zlib frees the GIL).
    """
    emit = emit or (lambda name, array: None)
    metallic, metal_value = _metallic(surface.metallic)
    albedo = _clamp_albedo(surface.albedo, metallic, metal_value)
    emit("base_color", albedo)
    rough = np.clip(surface.roughness, 0.02, 1.0).astype(F32)
    emit("roughness", rough)
    if metallic is not None:
        emit("metallic", metallic)
    height = surface.height.astype(F32, copy=False)
    if np.ndim(height) == 0:
        height = np.full((ctx.n, ctx.n), height, F32)
    hmin, hmax = float(height.min()), float(height.max())
    span = max(hmax - hmin, 1e-6)
    height01 = ((height - F32(hmin)) * F32(1.0 / span)).astype(F32)
    emit("height", height01)
    normal = normal_from_height(height, ctx.px_m)
    emit("normal", normal)
    ao = ambient_occlusion(height, ctx)
    emit("ao", ao)
    return MaterialMaps(family=ctx.family, tile_size_m=(ctx.tile_m, ctx.tile_m),
                        base_color=albedo, normal=normal, roughness=rough, height=height01,
                        ao=ao, metallic=metallic, metallic_value=metal_value,
                        height_min_m=hmin, height_max_m=hmin + span, params=params)


def _metallic(value: np.ndarray | float) -> tuple[np.ndarray | None, float]:
    """A metallic map only where metallic varies; otherwise a constant."""
    if isinstance(value, np.ndarray) and value.ndim == 2:
        lo, hi = float(value.min()), float(value.max())
        if hi - lo > 1e-3:
            return np.clip(value, 0.0, 1.0).astype(F32), float(value.mean())
        return None, round(lo, 3)
    return None, float(np.clip(value, 0.0, 1.0))


def _clamp_albedo(albedo: np.ndarray, metallic: np.ndarray | None, metal: float) -> np.ndarray:
    """Non-metals within sRGB 30..240 (real paints, stones and soils); metals to 250."""
    if metallic is None:
        top = METAL_MAX if metal > 0.5 else SRGB_MAX
        return np.clip(albedo, SRGB_MIN, top).astype(F32)
    top = np.where(metallic > 0.5, F32(METAL_MAX), F32(SRGB_MAX))[..., None]
    return np.clip(albedo, SRGB_MIN, top).astype(F32)


# --- quantising -------------------------------------------------------------------------

def to_u8(values: np.ndarray) -> np.ndarray:
    return np.clip(values * F32(255.0) + F32(0.5), 0, 255).astype(np.uint8)


def to_u16(values: np.ndarray) -> np.ndarray:
    return np.clip(values * F32(65535.0) + F32(0.5), 0, 65535).astype(np.uint16)


def normal_u8(normal: np.ndarray) -> np.ndarray:
    return to_u8(normal * F32(0.5) + F32(0.5))


def quantise(name: str, values: np.ndarray) -> np.ndarray:
    """The stored form of a map: 16-bit height, 8-bit everything else."""
    if name == "height":
        return to_u16(values)
    if name == "normal":
        return normal_u8(values)
    return to_u8(values)
