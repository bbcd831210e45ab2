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
            warp: np.ndarray, wobble: np.ndarray) -> np.ndarray:
    """0..1 latewood bands of flat-sawn boards.

    Rings run 3-8 mm apart across the board; `warp` (slow along the board, nearly
    constant across it) shifts them by a few rings per board length, so they stay
    long parallel lines that swell into cathedral arches where the shift is large.
    If the shift varied as fast across as along, the rings would become contour maps.
    """
    rings_per_m = F32(170.0) + F32(50.0) * per_unit(ctx, layer + "_rings", cells)
    arch = F32(2.0) + F32(5.0) * per_unit(ctx, layer + "_arch", cells, kind="uniform")
    phase = per_unit(ctx, layer + "_phase", cells, kind="uniform") * F32(10.0)
    t = (across * rings_per_m + phase + arch * warp + F32(0.08) * wobble) % F32(1.0)
    return nz.smoothstep(0.6, 0.85, t) * nz.smoothstep(1.0, 0.9, t) * F32(ctx.visible(0.003))


def _grain_fields(ctx: Ctx, count: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Ring shift (slow along u, ~constant across a 140 mm board) and a small wobble."""
    warp = ctx.noise("warp", 1.2, smallest_m=0.25, aniso=0.25, count=count, beta=3.0)
    wobble = ctx.noise("wobble", 0.1, smallest_m=0.01, aniso=3.0, count=count)
    return warp, wobble


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
    warp, wobble = _grain_fields(ctx)
    pores = ctx.hairlines("pores", 0.04)
    figure = _figure(ctx, cells, cells.across_m, "figure", warp, wobble)
    surf = _wood_surface(ctx, cells, figure, pores, 0.001)
    surf.params.update({"board_mm": 140, "length_m": [0.5, 2.2]})
    return surf


@family("parquet", tile_m=1.4, roughness=(0.3, 0.6), base_rgb=(0.62, 0.45, 0.30),
        porosity=0.5, floor_like=True)
def parquet(ctx: Ctx) -> Surface:
    """Oak herringbone parquet, blocks 70 x 350 mm, varnished."""
    cells = layouts.herringbone(ctx.n, ctx.tile_m, width_m=0.07, ratio=5, gap_m=0.0006)
    warp, wobble = _grain_fields(ctx, count=2)
    pores = np.stack([ctx.hairlines("pores", 0.04), ctx.hairlines("pores_v", 0.04)])
    along = cells.along
    across = cells.across_m
    w = np.where(along, warp[0], warp[1].T)
    p = np.where(along, pores[0], pores[1].T)
    figure = _figure(ctx, cells, across, "figure", w, np.where(along, wobble[0], wobble[1].T))
    surf = _wood_surface(ctx, cells, figure, p, 0.0006)
    surf.roughness -= F32(0.1)
    surf.params.update({"block_mm": [70, 350], "pattern": "herringbone"})
    return surf
