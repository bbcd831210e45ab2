"""Open ground: sand, soil/mud, grass turf, snow."""

from __future__ import annotations

import numpy as np

from . import noise as nz
from .core import Ctx, Surface, family, mix, rgb, two_tone

F32 = np.float32


@family("sand", tile_m=3.0, roughness=(0.8, 0.97), base_rgb=(0.76, 0.67, 0.52),
        porosity=0.9, floor_like=True)
def sand(ctx: Ctx) -> Surface:
    """Dry quartz sand with wind ripples ~100 mm apart and scattered dark mineral grains."""
    warp = ctx.noise("warp", 3.0, smallest_m=0.4, count=2)
    _, y = ctx.coords()
    t = (y * F32(30.0) + F32(0.9) * warp[0]) % F32(1.0)
    ripple = np.where(t < 0.7, t / F32(0.7), (F32(1.0) - t) / F32(0.3))   # gentle stoss
    ripple = ripple * ripple * (F32(3.0) - F32(2.0) * ripple)
    amp = F32(0.5) + F32(0.5) * nz.smoothstep(-1.0, 1.0, warp[1])
    macro = ctx.noise("macro", 2.0)
    grain = ctx.grain("grain", soft=False)
    height = F32(0.004) * ripple * amp + F32(0.012) * macro + ctx.micro(grain, 0.1)
    dark = nz.smoothstep(2.0, 2.6, grain) * F32(ctx.visible(0.001))
    tone = F32(1.0) + F32(0.05) * macro + F32(0.04) * grain - F32(0.3) * dark
    tone = tone + F32(0.04) * (ripple - F32(0.5))                        # crests sorted lighter
    albedo = rgb((0.76, 0.67, 0.52)) * tone[..., None]
    rough = F32(0.9) + F32(0.03) * grain
    return Surface(albedo, height, rough, params={"ripple_mm": 100})


@family("soil", tile_m=2.0, roughness=(0.75, 0.97), base_rgb=(0.36, 0.27, 0.19),
        porosity=1.0, floor_like=True)
def soil(ctx: Ctx) -> Surface:
    """Bare earth: crumbly lumps 20-60 mm, small stones, fine crumbs, damp patches."""
    cells_per_tile = int(round(ctx.tile_m / 0.035))
    f1, _, ids = nz.worley(ctx.rng("clods"), ctx.n, cells_per_tile, jitter=1.0)
    size = (ctx.rng("clod_size").random(cells_per_tile ** 2) ** 2).astype(F32)[ids]
    lump = np.clip(F32(1.0) - f1 * (F32(2.2) - size), 0.0, 1.0)   # most clods small
    clumping = nz.smoothstep(-0.8, 1.2, ctx.noise("clumping", 0.15, smallest_m=0.03))
    lump = lump * lump * (F32(0.2) + F32(0.8) * size) * clumping   # hides the lattice
    macro = ctx.noise("macro", 1.5, count=2)
    crumbs = ctx.noise("crumbs", 0.012, smallest_m=0.002)
    grain = ctx.grain("grain")
    stones = nz.smoothstep(2.0, 2.4, ctx.noise("stones", 0.02, smallest_m=0.005))
    height = (F32(0.01) * lump + F32(0.008) * macro[0] + F32(0.0005) * crumbs
              + F32(0.003) * stones + ctx.micro(grain, 0.1))
    moist = nz.smoothstep(-1.5, 2.5, macro[1])
    albedo = two_tone(moist, (0.42, 0.33, 0.24), (0.33, 0.25, 0.18))
    dry_tops = nz.smoothstep(0.3, 0.8, lump)                  # crumb tops dry paler
    tone = (F32(1.0) + F32(0.12) * crumbs + F32(0.07) * grain + F32(0.12) * dry_tops
            - F32(0.2) * nz.smoothstep(0.1, 0.0, lump))
    albedo = albedo * tone[..., None]
    litter = nz.smoothstep(2.1, 2.5, ctx.noise("litter", 0.015, smallest_m=0.003))
    albedo = mix(albedo, rgb((0.45, 0.30, 0.16)), litter * F32(0.8))   # dead leaf bits
    albedo = mix(albedo, rgb((0.58, 0.55, 0.50)), stones * F32(0.85))
    rough = F32(0.9) - F32(0.08) * moist + F32(0.03) * grain
    gaps = nz.smoothstep(0.15, 0.0, lump)
    return Surface(albedo, height, rough, joints=gaps, params={"clod_mm": [20, 60]})


GREENS = [(0.30, 0.42, 0.14), (0.24, 0.36, 0.11), (0.36, 0.46, 0.17), (0.45, 0.46, 0.22)]


@family("grass", tile_m=1.0, roughness=(0.6, 0.9), base_rgb=(0.30, 0.42, 0.14),
        porosity=0.6, floor_like=True)
def grass(ctx: Ctx) -> Surface:
    """Mown turf seen from above: 3 mm blades in four directions, yellowed patches, thatch."""
    blades = np.zeros((ctx.n, ctx.n), F32)
    tips = np.zeros((ctx.n, ctx.n), F32)
    blade_vis = ctx.visible(0.003)
    for k, angle in enumerate((0.3, 1.1, 1.9, 2.7)):
        field = ctx.noise(f"blades{k}", 0.008, smallest_m=0.003, aniso=12.0, angle=angle,
                          beta=0.0)
        stroke = nz.smoothstep(0.3, 1.1, field) * F32(blade_vis) + F32(0.6 * (1 - blade_vis))
        np.maximum(blades, stroke, out=blades)
        tips += stroke * F32(0.25 * (k + 1) / 4)
    macro = ctx.noise("macro", 0.7, count=2)
    hue = nz.smoothstep(-1.5, 1.5, macro[0] + F32(0.6) * ctx.noise("hue", 0.05,
                                                                       smallest_m=0.005))
    green = two_tone(hue, (0.40, 0.52, 0.18), (0.30, 0.42, 0.13))
    dead = nz.smoothstep(1.0, 2.0, macro[1] + F32(0.5) * tips)
    green = mix(green, rgb((0.52, 0.48, 0.28)), dead * F32(0.7))
    under = rgb((0.24, 0.27, 0.12))                   # shaded lower blades and thatch
    albedo = mix(under, green * (F32(0.85) + F32(0.4) * tips)[..., None], blades)
    height = F32(0.01) * blades * (F32(0.5) + tips) + F32(0.01) * macro[0]
    rough = F32(0.8) - F32(0.1) * blades * tips
    return Surface(albedo, height, rough, joints=F32(1.0) - blades,
                   params={"blade_mm": [3, 60], "cut_height_mm": 30})


@family("snow", tile_m=3.0, roughness=(0.45, 0.85), base_rgb=(0.92, 0.93, 0.95),
        porosity=0.3, floor_like=True)
def snow(ctx: Ctx) -> Surface:
    """Settled snow: soft drifts, wind crust, sparkling ice crystals."""
    drifts = ctx.noise("drifts", 3.0, smallest_m=0.25, beta=3.0)
    crust = ctx.noise("crust", 0.1, smallest_m=0.004, beta=2.2)
    grain = ctx.grain("grain", soft=False)
    height = F32(0.02) * drifts + F32(0.0006) * crust + ctx.micro(grain, 0.03)
    tone = F32(1.0) + F32(0.015) * crust + F32(0.01) * grain
    albedo = rgb((0.92, 0.93, 0.95)) * tone[..., None]
    sparkle = nz.smoothstep(2.6, 3.0, grain) * F32(ctx.visible(0.001))
    rough = F32(0.65) + F32(0.05) * crust - F32(0.45) * sparkle
    return Surface(albedo, height, rough, params={"crystal_sparkle": True})
