"""Unit masonry: brick, ceramic and subway tiles, paving slabs, cobblestone setts.

Sizes are the trade's: a brick is 215 x 65 mm with 10 mm joints, a metro tile
150 x 75 mm, floor tiles 300 mm, paving slabs 600 mm, granite setts ~100 mm wide.
"""

from __future__ import annotations

import numpy as np

from . import layouts
from .core import Ctx, Surface, family, mix, palette_pick, rgb
from .units import bevel, joint_mask, per_unit

F32 = np.float32

BRICK_REDS = [(0.56, 0.26, 0.18), (0.50, 0.22, 0.15), (0.61, 0.31, 0.21),
              (0.46, 0.22, 0.16), (0.40, 0.20, 0.15), (0.58, 0.37, 0.28)]


@family("brick", tile_m=1.8, roughness=(0.75, 0.95), base_rgb=(0.54, 0.26, 0.18),
        porosity=0.8)
def brick(ctx: Ctx) -> Surface:
    """Clay bricks 215 x 65 mm, 10 mm struck mortar joints, stretcher bond (8 x 24 a tile)."""
    cells = layouts.running_bond(ctx.n, ctx.tile_m, cols=8, rows=24, gap_m=0.010)
    colours = palette_pick(ctx.rng("colours"), cells.count, BRICK_REDS,
                           [3, 3, 2, 1.5, 0.4, 0.5], spread=0.05)
    macro, face = ctx.noise("macro", 1.2, count=1), ctx.noise("face", 0.06, smallest_m=0.003)
    grain = ctx.grain("grain")
    tone = F32(1.0) + F32(0.06) * macro + F32(0.06) * face + F32(0.05) * grain
    albedo = colours[cells.ids] * tone[..., None]
    chips = ctx.noise("chips", 0.04, smallest_m=0.004)
    profile = bevel(cells, 0.004, chips, 0.004)
    joints = joint_mask(ctx, cells)
    mortar = rgb((0.62, 0.60, 0.56)) * (F32(1.0) + F32(0.08) * grain + F32(0.05) * macro)[..., None]
    albedo = mix(albedo, mortar, joints)
    height = (F32(0.006) * profile + F32(0.0004) * face + ctx.micro(grain, 0.06)
              + F32(0.0005) * per_unit(ctx, "offset", cells) * profile)
    rough = F32(0.84) + F32(0.04) * face + F32(0.06) * joints
    return Surface(albedo, height, rough, joints=joints,
                   params={"brick_mm": [215, 65], "joint_mm": 10, "bond": "stretcher"})


def _glazed_tiles(ctx: Ctx, cells: layouts.Cells, cushion_m: float, cushion_h: float,
                  base: tuple[float, float, float], gloss: float) -> Surface:
    """Glazed ceramic: per-tile tone and warp, cushioned edges, sanded cement grout."""
    macro = ctx.noise("macro", 1.5)
    wave = ctx.noise("wave", 0.3, smallest_m=0.02)
    grain = ctx.grain("grain")
    tone = (F32(1.0) + F32(0.02) * per_unit(ctx, "tone", cells) + F32(0.012) * macro
            + F32(0.006) * grain)
    albedo = rgb(base) * tone[..., None]
    joints = joint_mask(ctx, cells)
    grout = rgb((0.56, 0.55, 0.52)) * (F32(1.0) + F32(0.1) * grain)[..., None]
    albedo = mix(albedo, grout, joints)
    profile = bevel(cells, cushion_m)
    height = (F32(cushion_h) * profile + F32(0.0003) * per_unit(ctx, "warp", cells) * profile
              + F32(0.00004) * wave + ctx.micro(grain, 0.03) * joints)
    rough = F32(gloss) + F32(0.02) * macro + (F32(0.92) - F32(gloss)) * joints
    return Surface(albedo, height, rough, joints=joints)


@family("ceramic_tiles", tile_m=2.4, roughness=(0.06, 0.25), base_rgb=(0.86, 0.85, 0.82),
        porosity=0.1, paintable=True, floor_like=True)
def ceramic_tiles(ctx: Ctx) -> Surface:
    """Glazed 300 x 300 mm floor/wall tiles with 3 mm grout (8 x 8 a tile)."""
    cells = layouts.grid(ctx.n, ctx.tile_m, 8, 8, gap_m=0.003)
    surf = _glazed_tiles(ctx, cells, 0.003, 0.0025, (0.86, 0.85, 0.82), 0.12)
    surf.params.update({"tile_mm": [300, 300], "grout_mm": 3})
    return surf


@family("subway_tiles", tile_m=1.2, roughness=(0.04, 0.2), base_rgb=(0.90, 0.90, 0.88),
        porosity=0.05, paintable=True)
def subway_tiles(ctx: Ctx) -> Surface:
    """Bevelled metro tiles 150 x 75 mm, 2 mm grout, running bond (8 x 16 a tile)."""
    cells = layouts.running_bond(ctx.n, ctx.tile_m, cols=8, rows=16, gap_m=0.002)
    surf = _glazed_tiles(ctx, cells, 0.007, 0.004, (0.90, 0.90, 0.88), 0.07)
    surf.params.update({"tile_mm": [150, 75], "grout_mm": 2, "bond": "running"})
    return surf


@family("paving_slabs", tile_m=2.4, roughness=(0.7, 0.92), base_rgb=(0.60, 0.59, 0.56),
        porosity=0.7, floor_like=True)
def paving_slabs(ctx: Ctx) -> Surface:
    """Pressed concrete slabs 600 x 600 mm, 6 mm sand joints, each slab set a little off."""
    cells = layouts.grid(ctx.n, ctx.tile_m, 4, 4, gap_m=0.006)
    macro, meso = ctx.noise("macro", 1.0), ctx.noise("meso", 0.08, smallest_m=0.004)
    grain = ctx.grain("grain")
    tone = (F32(1.0) + F32(0.04) * per_unit(ctx, "tone", cells) + F32(0.025) * macro
            + F32(0.035) * meso + F32(0.05) * grain)
    albedo = rgb((0.60, 0.59, 0.56)) * tone[..., None]
    joints = joint_mask(ctx, cells)
    sand = rgb((0.45, 0.41, 0.35)) * (F32(1.0) + F32(0.15) * grain)[..., None]
    albedo = mix(albedo, sand, joints)
    chips = ctx.noise("chips", 0.05, smallest_m=0.005)
    profile = bevel(cells, 0.004, chips, 0.006)
    height = (F32(0.004) * profile + F32(0.0012) * per_unit(ctx, "offset", cells) * profile
              + F32(0.0003) * meso + ctx.micro(grain, 0.06) + F32(0.002) * macro)
    rough = F32(0.82) + F32(0.04) * meso + F32(0.06) * joints
    return Surface(albedo, height, rough, joints=joints,
                   params={"slab_mm": [600, 600], "joint_mm": 6})


GRANITE = [(0.50, 0.49, 0.47), (0.44, 0.44, 0.44), (0.55, 0.53, 0.50),
           (0.40, 0.39, 0.38), (0.52, 0.48, 0.44)]


@family("cobblestone", tile_m=1.6, roughness=(0.55, 0.85), base_rgb=(0.48, 0.47, 0.45),
        porosity=0.5, floor_like=True)
def cobblestone(ctx: Ctx) -> Surface:
    """Granite setts ~100 x 90-170 mm in courses, domed and worn, 12 mm soil joints."""
    cells = layouts.random_bond(ctx.n, ctx.tile_m, rows=16, rng=ctx.rng("layout"),
                                min_len=0.09, max_len=0.17, gap_m=0.0)
    warp = ctx.noise("shape", 0.05, smallest_m=0.01)
    cells.edge_m = cells.edge_m - F32(0.006) - F32(0.004) * warp   # irregular outlines
    colours = palette_pick(ctx.rng("colours"), cells.count, GRANITE, spread=0.06, hue=0.2)
    speck = ctx.noise("speck", 0.004, smallest_m=0.0015)
    grain = ctx.grain("grain")
    macro = ctx.noise("macro", 1.0)
    tone = F32(1.0) + F32(0.12) * np.clip(speck, -1.5, 1.5) + F32(0.05) * grain + F32(0.05) * macro
    albedo = colours[cells.ids] * tone[..., None]
    joints = joint_mask(ctx, cells, soft_m=0.002)
    soil = rgb((0.30, 0.27, 0.23)) * (F32(1.0) + F32(0.2) * grain)[..., None]
    albedo = mix(albedo, soil, joints)
    dome = bevel(cells, 0.035)
    height = (F32(0.012) * dome + F32(0.0006) * speck * dome + ctx.micro(grain, 0.08)
              + F32(0.002) * per_unit(ctx, "offset", cells) * dome)
    polish = np.clip(dome - F32(0.6), 0.0, 1.0)                 # tops polished by traffic
    rough = F32(0.78) - F32(0.25) * polish + F32(0.12) * joints
    return Surface(albedo, height, rough, joints=joints,
                   params={"sett_mm": [130, 100], "joint_mm": 12})
