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
    # Height spectra of real rock fall steeper than f^-2 (beta ~3): big forms carry the
    # relief, small ones only texture it; flatter spectra give a crumpled, black mess.
    relief = ctx.noise("relief", 2.0, smallest_m=0.08, beta=3.0, count=2)
    facets = ctx.noise("facets", 0.3, smallest_m=0.008, beta=2.6)
    x, y = ctx.coords()
    strata = np.sin((y * F32(11.0) + F32(0.25) * relief[1]) * F32(np.pi * 2.0))
    cracks = _fractures(ctx, block_m=0.5, width_m=0.004)
    grain = ctx.grain("grain")
    height = (F32(0.03) * relief[0] + F32(0.003) * facets + F32(0.003) * strata
              - F32(0.006) * cracks + ctx.micro(grain, 0.08))
    band = nz.smoothstep(-0.6, 0.8, strata + F32(0.3) * relief[1])
    albedo = two_tone(band, (0.55, 0.51, 0.45), (0.44, 0.42, 0.40))
    tone = (F32(1.0) + F32(0.06) * relief[0] + F32(0.05) * facets + F32(0.05) * grain
            - F32(0.35) * cracks)
    albedo = albedo * tone[..., None]
    lichen = nz.smoothstep(1.6, 2.2, ctx.noise("lichen", 0.08, smallest_m=0.01))
    albedo = mix(albedo, rgb((0.62, 0.62, 0.52)), lichen * F32(0.5))
    rough = F32(0.8) + F32(0.05) * relief[1] + F32(0.05) * cracks
    return Surface(albedo, height, rough, joints=cracks, params={"strata_m": 4.0 / 11})


def _fractures(ctx: Ctx, block_m: float, width_m: float) -> np.ndarray:
    """0..1 joints of a fracture network: polygonal cell borders, broken up by noise."""
    cells = max(2, int(round(ctx.tile_m / block_m)))
    f1, f2, _ = nz.worley(ctx.rng("fractures"), ctx.n, cells, jitter=0.9)
    wander = ctx.noise("fracture_wander", block_m / 4, smallest_m=0.01)
    dist = (f2 - f1) * F32(0.5 * ctx.tile_m / cells) + F32(width_m * 0.5) * wander
    keep = nz.smoothstep(-1.0, 0.5, ctx.noise("fracture_gaps", block_m, smallest_m=0.1))
    return nz.smoothstep(width_m, 0.0, dist) * keep


STONES = [(0.55, 0.53, 0.50), (0.47, 0.46, 0.44), (0.62, 0.58, 0.52), (0.40, 0.38, 0.36),
          (0.58, 0.51, 0.44), (0.68, 0.66, 0.62)]


@family("gravel", tile_m=1.0, roughness=(0.55, 0.85), base_rgb=(0.52, 0.50, 0.47),
        porosity=0.4, floor_like=True)
def gravel(ctx: Ctx) -> Surface:
    """Rounded river gravel 10-30 mm, packed and overlapping, dark grit between."""
    cells_per_tile = int(round(ctx.tile_m / 0.016))
    cell_m = ctx.tile_m / cells_per_tile
    caps, ids, rim = nz.pebbles(ctx.rng("stones"), ctx.n, cells_per_tile,
                                radius=(0.55, 0.95), height=(0.5, 1.0))
    colours = palette_pick(ctx.rng("colours"), cells_per_tile ** 2, STONES, spread=0.08,
                           hue=0.15)
    speck = ctx.noise("speck", 0.004, smallest_m=0.0012)
    grain = ctx.grain("grain")
    tone = F32(1.0) + F32(0.04) * grain + F32(0.05) * speck
    albedo = colours[ids] * tone[..., None]
    bed = nz.smoothstep(0.12, 0.0, caps)
    albedo = mix(albedo, rgb((0.26, 0.24, 0.21)), bed)
    height = F32(0.6 * cell_m) * caps + F32(0.00004) * speck + ctx.micro(grain, 0.03)
    rough = F32(0.72) - F32(0.12) * caps + F32(0.12) * bed
    return Surface(albedo, height, rough, joints=np.maximum(rim, bed),
                   params={"stone_mm": [10, 30]})
