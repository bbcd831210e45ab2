"""Natural stone: polished marble slabs, rock faces, loose gravel."""

from __future__ import annotations

import numpy as np

from . import layouts, noise as nz
from .core import Ctx, Surface, family, mix, palette_pick, rgb, two_tone
from .units import bevel, joint_mask, per_unit

F32 = np.float32


@family("marble", tile_m=2.4, roughness=(0.04, 0.4), base_rgb=(0.88, 0.87, 0.85),
        porosity=0.15, floor_like=True)
def marble(ctx: Ctx) -> Surface:
    """Polished Carrara-type slabs 600 x 600 mm, grey veins, 1 mm joints."""
    cells = layouts.grid(ctx.n, ctx.tile_m, 4, 4, gap_m=0.001)
    # The warp's slope must stay below the base gradient (2.2 cycles a tile), or the
    # veins turn into closed contour loops instead of long flowing lines.
    warp = ctx.noise("turbulence", 2.4, smallest_m=0.5, beta=3.0, count=2)
    detail = ctx.noise("wiggle", 0.3, smallest_m=0.03, beta=2.5)
    x, y = ctx.coords()
    phase = per_unit(ctx, "phase", cells, kind="uniform")
    t = x * F32(2.0) + y * F32(1.0) + F32(0.22) * warp[0] + F32(0.012) * detail + phase
    wave = np.sin(t * F32(np.pi * 2.0))
    main = nz.ridged(wave * F32(14.0)) ** 2 + F32(0.25) * nz.ridged(wave * F32(3.0)) ** 2
    fade = nz.smoothstep(-1.2, 0.8, ctx.noise("vein_fade", 0.6, smallest_m=0.1))
    t2 = x * F32(-3.0) + y * F32(5.0) + F32(0.3) * warp[1] + F32(0.02) * detail
    fine = nz.ridged(np.sin(t2 * F32(np.pi * 2.0)) * F32(25.0)) ** 2
    cloud = ctx.noise("cloud", 0.6, smallest_m=0.08, beta=2.5)
    veins = np.clip(main * fade * F32(0.85) + fine * F32(0.3) + F32(0.05) * cloud + F32(0.03),
                    0.0, 1.0)
    albedo = two_tone(veins, (0.89, 0.88, 0.86), (0.44, 0.45, 0.47))
    albedo = albedo * (F32(1.0) + F32(0.015) * per_unit(ctx, "tone", cells))[..., None]
    joints = joint_mask(ctx, cells)
    albedo = mix(albedo, rgb((0.70, 0.69, 0.66)), joints)
    height = F32(0.0005) * bevel(cells, 0.001) + F32(0.00001) * veins
    rough = F32(0.07) + F32(0.03) * veins + F32(0.01) * cloud + F32(0.5) * joints
    return Surface(albedo, height, rough, joints=joints,
                   params={"slab_mm": [600, 600], "finish": "polished"})


@family("rock", tile_m=4.0, roughness=(0.65, 0.92), base_rgb=(0.50, 0.47, 0.43),
        porosity=0.4)
def rock(ctx: Ctx) -> Surface:
    """Weathered sandstone/limestone face: bedding strata, fractures, lichen flecks."""
    relief = ctx.noise("relief", 2.0, smallest_m=0.004, beta=2.3, count=2)
    x, y = ctx.coords()
    strata = np.sin((y * F32(11.0) + F32(0.25) * relief[1]) * F32(np.pi * 2.0))
    cracks = nz.ridged(ctx.noise("cracks", 0.6, smallest_m=0.02) * F32(4.0)) ** 8
    grain = ctx.grain("grain")
    height = (F32(0.03) * relief[0] + F32(0.006) * strata - F32(0.012) * cracks
              + F32(0.0004) * grain)
    band = nz.smoothstep(-0.6, 0.8, strata + F32(0.3) * relief[1])
    albedo = two_tone(band, (0.55, 0.51, 0.45), (0.44, 0.42, 0.40))
    tone = F32(1.0) + F32(0.08) * relief[0] + F32(0.05) * grain - F32(0.35) * cracks
    albedo = albedo * tone[..., None]
    lichen = nz.smoothstep(1.6, 2.2, ctx.noise("lichen", 0.08, smallest_m=0.01))
    albedo = mix(albedo, rgb((0.62, 0.62, 0.52)), lichen * F32(0.5))
    rough = F32(0.8) + F32(0.05) * relief[1] + F32(0.05) * cracks
    return Surface(albedo, height, rough, joints=cracks, params={"strata_m": 4.0 / 11})


STONES = [(0.55, 0.53, 0.50), (0.45, 0.44, 0.43), (0.62, 0.58, 0.52), (0.38, 0.36, 0.35),
          (0.58, 0.50, 0.42), (0.68, 0.66, 0.62)]


@family("gravel", tile_m=1.0, roughness=(0.55, 0.85), base_rgb=(0.52, 0.50, 0.47),
        porosity=0.4, floor_like=True)
def gravel(ctx: Ctx) -> Surface:
    """Rounded river gravel 10-30 mm on a dark bed."""
    cells_per_tile = int(round(ctx.tile_m / 0.02))
    f1, f2, ids = nz.worley(ctx.rng("stones"), ctx.n, cells_per_tile, jitter=0.95)
    edge_m = (f2 - f1) * F32(0.5 * ctx.tile_m / cells_per_tile)
    size = per_unit(ctx, "size", layouts.Cells(ids, edge_m, cells_per_tile ** 2))
    edge_m = edge_m - F32(0.0015) - F32(0.001) * np.abs(size)
    cells = layouts.Cells(ids, edge_m, cells_per_tile ** 2)
    colours = palette_pick(ctx.rng("colours"), cells.count, STONES, spread=0.08)
    grain = ctx.grain("grain")
    albedo = colours[ids] * (F32(1.0) + F32(0.05) * grain)[..., None]
    joints = joint_mask(ctx, cells, soft_m=0.0015)
    albedo = mix(albedo, rgb((0.20, 0.18, 0.16)), joints)
    dome = bevel(cells, 0.008)
    height = F32(0.008) * dome + F32(0.003) * size * dome + F32(0.0002) * grain
    rough = F32(0.7) - F32(0.1) * dome + F32(0.15) * joints
    return Surface(albedo, height, rough, joints=joints, params={"stone_mm": [10, 30]})
