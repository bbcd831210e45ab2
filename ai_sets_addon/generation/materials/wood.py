"""Wood floors: plank boards and herringbone parquet, with flat-sawn ring figure."""

from __future__ import annotations

import numpy as np

from . import layouts, noise as nz
from .core import Ctx, Surface, family, mix, palette_pick, rgb
from .units import bevel, joint_mask, per_unit

F32 = np.float32

OAK = [(0.62, 0.45, 0.30), (0.59, 0.42, 0.28), (0.65, 0.48, 0.32), (0.55, 0.39, 0.26),
       (0.68, 0.52, 0.36)]


def _figure(ctx: Ctx, cells: layouts.Cells, across: np.ndarray, layer: str,
            warp: np.ndarray) -> np.ndarray:
    """0..1 latewood bands: rings at 2-6 mm across the board, wandering with `warp`."""
    rings_per_m = F32(180.0) + F32(80.0) * per_unit(ctx, layer + "_rings", cells)
    phase = per_unit(ctx, layer + "_phase", cells, kind="uniform") * F32(10.0)
    t = (across * rings_per_m + phase + F32(2.5) * warp) % F32(1.0)
    return nz.smoothstep(0.55, 0.9, t) * F32(ctx.visible(0.003))


def _wood_surface(ctx: Ctx, cells: layouts.Cells, figure: np.ndarray, pores: np.ndarray,
                  gap_m: float) -> Surface:
    """Shared finish for boards: colour per board, figure, pores, eased edges, gaps."""
    colours = palette_pick(ctx.rng("colours"), cells.count, OAK, [4, 3, 3, 1, 1], spread=0.04,
                           hue=0.3)
    macro = ctx.noise("macro", 1.5)
    grain = ctx.grain("grain")
    albedo = colours[cells.ids]
    tone = (F32(1.0) - F32(0.22) * figure + F32(0.04) * pores + F32(0.04) * macro
            + F32(0.02) * grain)
    albedo = albedo * tone[..., None]
    late = mix(albedo, albedo * rgb((0.92, 0.88, 0.84)), figure)  # latewood redder
    joints = joint_mask(ctx, cells)
    albedo = mix(late, rgb((0.16, 0.11, 0.08)), joints)
    edge = bevel(cells, 0.0015)
    height = (F32(0.0015) * edge + F32(0.0003) * per_unit(ctx, "cup", cells) * edge
              + F32(0.00005) * pores - F32(0.00004) * figure)
    rough = F32(0.5) + F32(0.08) * figure + F32(0.03) * macro + F32(0.35) * joints
    return Surface(albedo, height, rough, joints=joints, params={"gap_mm": gap_m * 1000})


@family("wood_planks", tile_m=2.24, roughness=(0.35, 0.7), base_rgb=(0.62, 0.45, 0.30),
        porosity=0.6, floor_like=True)
def wood_planks(ctx: Ctx) -> Surface:
    """Oiled oak floorboards 140 mm wide, random lengths 0.5-2.2 m, 1 mm gaps."""
    cells = layouts.random_bond(ctx.n, ctx.tile_m, rows=16, rng=ctx.rng("layout"),
                                min_len=0.5, max_len=2.2, gap_m=0.001)
    warp = ctx.noise("warp", 0.5, smallest_m=0.02, aniso=6.0)
    pores = ctx.noise("pores", 0.3, smallest_m=0.0015, aniso=25.0, beta=1.0)
    figure = _figure(ctx, cells, cells.across_m, "figure", warp)
    surf = _wood_surface(ctx, cells, figure, pores, 0.001)
    surf.params.update({"board_mm": 140, "length_m": [0.5, 2.2]})
    return surf


@family("parquet", tile_m=1.4, roughness=(0.3, 0.6), base_rgb=(0.62, 0.45, 0.30),
        porosity=0.5, floor_like=True)
def parquet(ctx: Ctx) -> Surface:
    """Oak herringbone parquet, blocks 70 x 350 mm, varnished."""
    cells = layouts.herringbone(ctx.n, ctx.tile_m, width_m=0.07, ratio=5, gap_m=0.0006)
    warp = ctx.noise("warp", 0.3, smallest_m=0.02, aniso=6.0, count=2)
    pores = ctx.noise("pores", 0.2, smallest_m=0.0015, aniso=25.0, beta=1.0, count=2)
    along = cells.along
    across = cells.across_m
    w = np.where(along, warp[0], warp[1].T)
    p = np.where(along, pores[0], pores[1].T)
    figure = _figure(ctx, cells, across, "figure", w)
    surf = _wood_surface(ctx, cells, figure, p, 0.0006)
    surf.roughness -= F32(0.1)
    surf.params.update({"block_mm": [70, 350], "pattern": "herringbone"})
    return surf
