"""Metals: brushed stainless, galvanised corrugated sheet, rusted steel plate.

Metal base colours are the measured reflectance (F0) in sRGB, so they may exceed
the 240 ceiling that applies to non-metals.
"""

from __future__ import annotations

import numpy as np

from . import noise as nz
from .core import Ctx, Surface, family, mix, rgb, two_tone

F32 = np.float32

RUST_DARK, RUST_MID, RUST_LIGHT = (0.27, 0.14, 0.08), (0.45, 0.22, 0.10), (0.60, 0.34, 0.16)


@family("brushed_metal", tile_m=1.0, roughness=(0.2, 0.45), base_rgb=(0.77, 0.77, 0.76),
        porosity=0.0, metal=True)
def brushed_metal(ctx: Ctx) -> Surface:
    """Brushed stainless steel: fine streaks along u, faint large-scale unevenness."""
    lines = ctx.hairlines("hairlines", 0.05) + F32(0.5) * ctx.hairlines("long", 0.3)
    bands = ctx.noise("bands", 0.5, smallest_m=0.01, aniso=20.0)
    macro = ctx.noise("macro", 0.8)
    streaks = lines * F32(0.7) + bands * F32(0.5)
    tone = F32(1.0) + F32(0.02) * streaks + F32(0.012) * macro
    albedo = rgb((0.77, 0.77, 0.76)) * tone[..., None]
    height = F32(0.000003) * lines
    rough = F32(0.3) + F32(0.04) * streaks + F32(0.03) * macro
    return Surface(albedo, height, rough, metallic=1.0, params={"alloy": "stainless 304"})


@family("corrugated_metal", tile_m=1.52, roughness=(0.25, 0.55), base_rgb=(0.70, 0.71, 0.72),
        porosity=0.0, metal=True)
def corrugated_metal(ctx: Ctx) -> Surface:
    """Galvanised sheet, 76 mm pitch x 18 mm deep corrugations running along v, spangle."""
    pitches = int(round(ctx.tile_m / 0.076))
    x, _ = ctx.coords()
    wave = np.cos(x * F32(2.0 * np.pi * pitches)) + np.zeros((ctx.n, 1), F32)
    f1, _, ids = nz.worley(ctx.rng("spangle"), ctx.n, max(8, int(ctx.tile_m / 0.015)))
    spangle = ctx.rng("spangle_tone").standard_normal(ids.max() + 1).astype(F32)[ids]
    macro = ctx.noise("macro", 1.0)
    trough = nz.smoothstep(0.2, -1.0, wave)
    tone = F32(1.0) + F32(0.03) * spangle + F32(0.04) * macro - F32(0.05) * trough
    albedo = rgb((0.70, 0.71, 0.72)) * tone[..., None]
    height = F32(0.009) * wave
    rough = F32(0.38) + F32(0.05) * spangle + F32(0.05) * macro
    return Surface(albedo, height, rough, metallic=1.0, joints=trough,
                   params={"pitch_mm": 76, "depth_mm": 18})


def rust_layers(ctx: Ctx, cover: float, layer: str = "rust") -> tuple[np.ndarray, ...]:
    """Rust mask (0..1, ~cover of the area), rust colour and flaking relief."""
    field = ctx.noise(layer, 0.8, smallest_m=0.004, beta=1.8, count=2)
    threshold = float(np.quantile(field[0][:: max(1, ctx.n // 128), :: max(1, ctx.n // 128)],
                                  1.0 - cover)) if cover < 1 else -9.0
    mask = nz.smoothstep(threshold - 0.15, threshold + 0.25, field[0])
    colour = two_tone(nz.smoothstep(-1.2, 1.2, field[1]), RUST_DARK, RUST_MID)
    colour = mix(colour, rgb(RUST_LIGHT), nz.smoothstep(1.0, 2.0, field[1]))
    relief = F32(0.0004) * np.abs(field[1]) * mask
    return mask, colour, relief


@family("rusted_metal", tile_m=2.0, roughness=(0.4, 0.95), base_rgb=(0.45, 0.22, 0.10),
        porosity=0.4, metal=True)
def rusted_metal(ctx: Ctx) -> Surface:
    """Mild steel plate rusting through mill scale: pitted rust over dark bare steel."""
    mask, colour, relief = rust_layers(ctx, cover=0.6)
    grain = ctx.grain("grain")
    steel = rgb((0.42, 0.42, 0.43)) * (F32(1.0) + F32(0.04) * grain)[..., None]
    albedo = mix(steel, colour * (F32(1.0) + F32(0.08) * grain)[..., None], mask)
    pits = nz.smoothstep(1.8, 2.4, ctx.noise("pits", 0.006, smallest_m=0.0015)) * mask
    height = relief - F32(0.0005) * pits + ctx.micro(grain, 0.03)
    rough = F32(0.45) + F32(0.45) * mask + F32(0.03) * grain
    metallic = F32(1.0) - mask
    return Surface(albedo, height, rough, metallic=metallic, joints=pits,
                   params={"rust_cover": 0.6})
