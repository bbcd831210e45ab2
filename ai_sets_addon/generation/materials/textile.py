"""Textiles: plain-weave fabric and cut-pile carpet (both take colour words fully)."""

from __future__ import annotations

import numpy as np

from . import noise as nz
from .core import Ctx, Surface, family, rgb

F32 = np.float32


def _thread_var(ctx: Ctx, layer: str, threads: int) -> np.ndarray:
    """Per-thread slub: a value per thread, repeated across the thread's pixels (1-D)."""
    values = ctx.rng(layer).standard_normal(threads).astype(F32)
    idx = ((np.arange(ctx.n) + 0.5) * threads / ctx.n).astype(np.int64)
    return values[idx]


@family("fabric", tile_m=0.16, roughness=(0.75, 0.97), base_rgb=(0.68, 0.63, 0.55),
        porosity=0.9, paintable=True)
def fabric(ctx: Ctx) -> Surface:
    """Linen-like plain weave, 1.25 mm thread pitch (128 threads a tile), slubby yarn."""
    threads = int(round(ctx.tile_m / 0.00125))
    x, y = ctx.coords()
    tx, ty = x * F32(threads), y * F32(threads)
    fx, fy = tx % F32(1.0), ty % F32(1.0)
    over = ((np.floor(tx).astype(np.int32) + np.floor(ty).astype(np.int32)) % 2) == 0
    warp_prof = np.sin(fx * F32(np.pi)) * (F32(0.6) + F32(0.4) * np.sin(fy * F32(np.pi)))
    weft_prof = np.sin(fy * F32(np.pi)) * (F32(0.6) + F32(0.4) * np.sin(fx * F32(np.pi)))
    weave = np.where(over, warp_prof, weft_prof) * F32(ctx.visible(0.00125))
    slub_w = _thread_var(ctx, "warp", threads)[None, :]
    slub_f = _thread_var(ctx, "weft", threads)[:, None]
    slub = np.where(over, slub_w + F32(0) * slub_f, slub_f + F32(0) * slub_w)
    fuzz = ctx.grain("fuzz")
    macro = ctx.noise("macro", 0.1)
    tone = (F32(1.0) + F32(0.1) * (weave - F32(0.5)) + F32(0.05) * slub
            + F32(0.03) * fuzz + F32(0.02) * macro)
    albedo = rgb((0.68, 0.63, 0.55)) * tone[..., None]
    height = F32(0.0003) * weave + ctx.micro(fuzz, 0.1) + F32(0.00004) * slub
    rough = F32(0.88) + F32(0.04) * fuzz
    gaps = np.clip(F32(1.0) - weave * F32(2.5), 0.0, 1.0)
    return Surface(albedo, height, rough, joints=gaps,
                   params={"thread_pitch_mm": 1.25, "weave": "plain", "sheen": 0.5})


@family("carpet", tile_m=0.5, roughness=(0.85, 1.0), base_rgb=(0.46, 0.43, 0.40),
        porosity=0.9, paintable=True, floor_like=True)
def carpet(ctx: Ctx) -> Surface:
    """Cut-pile carpet, 1/8 inch gauge tufts, shading patches where the pile lies over."""
    tufts = ctx.noise("tufts", 0.005, smallest_m=0.0015, beta=0.5)
    fibres = ctx.grain("fibres")
    shading = ctx.noise("shading", 0.25, smallest_m=0.03)
    tips = nz.smoothstep(-0.8, 1.2, tufts) * F32(ctx.visible(0.003))
    tone = (F32(0.82) + F32(0.18) * tips + F32(0.06) * shading + F32(0.04) * fibres)
    albedo = rgb((0.46, 0.43, 0.40)) * tone[..., None]
    height = F32(0.0015) * tips + ctx.micro(fibres, 0.15)
    rough = F32(0.95) - F32(0.03) * shading
    return Surface(albedo, height, rough, joints=F32(1.0) - tips,
                   params={"gauge_mm": 3.2, "pile": "cut", "sheen": 1.0})
