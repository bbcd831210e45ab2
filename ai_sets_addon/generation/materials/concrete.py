"""Cementitious surfaces: cast, polished and board-formed concrete, plaster, paint, asphalt."""

from __future__ import annotations

import numpy as np

from . import layouts, noise as nz
from .core import Ctx, Surface, family, mix, rgb
from .units import joint_mask, per_unit

F32 = np.float32


def _pits(ctx: Ctx, layer: str, size_m: float, threshold: float = 2.3) -> np.ndarray:
    """0..1 mask of small pores / bug holes about size_m across (rarer as threshold rises)."""
    field = ctx.noise(layer, size_m * 2.0, smallest_m=size_m * 0.7)
    return nz.smoothstep(threshold, threshold + 0.5, field) * F32(ctx.visible(size_m))


def _cement(ctx: Ctx, base: tuple[float, float, float], mottle: float) -> tuple[np.ndarray, ...]:
    """Cement paste: macro cloudiness, meso mottling, micro sand grain."""
    macro, meso = ctx.noise("macro", 1.5, count=2), ctx.noise("meso", 0.15, smallest_m=0.008)
    grain = ctx.grain("grain")
    tone = F32(1.0) + F32(mottle) * macro[0] + F32(0.04) * meso + F32(0.04) * grain
    warm = nz.smoothstep(-1.0, 1.5, macro[1])
    albedo = mix(rgb(base) * rgb((1.01, 1.0, 0.98)), rgb(base) * rgb((0.97, 0.99, 1.02)), warm)
    return albedo * tone[..., None], macro[0], meso, grain


@family("concrete", tile_m=2.0, roughness=(0.75, 0.95), base_rgb=(0.56, 0.55, 0.53),
        porosity=0.7, floor_like=True)
def concrete(ctx: Ctx) -> Surface:
    """Cast in-situ concrete: cloudy paste, bug holes 2-8 mm, fine sand grain."""
    albedo, macro, meso, grain = _cement(ctx, (0.56, 0.55, 0.53), 0.045)
    pits = _pits(ctx, "pits", 0.005)
    albedo = albedo * (F32(1.0) - F32(0.45) * pits)[..., None]
    height = (F32(0.0015) * macro + F32(0.0003) * meso + ctx.micro(grain, 0.04)
              - F32(0.002) * pits)
    rough = F32(0.85) + F32(0.04) * macro + F32(0.02) * grain
    return Surface(albedo, height, rough, joints=pits, params={"bug_holes_mm": [2, 8]})


# Plywood formwork: 1.2 x 2.4 m panels stood on end, through-ties on a 0.6 x 0.8 m grid
# (two columns, three rows per panel, 0.3 m in from the panel's sides).
PANEL_W, PANEL_H = 1.2, 2.4
TIE_X = (0.3, 0.9)
TIE_Y = (0.4, 1.2, 2.0)
TIE_DIAMETER = 0.025


@family("cast_concrete", tile_m=2.4, roughness=(0.7, 0.95), base_rgb=(0.56, 0.55, 0.53),
        porosity=0.7)
def cast_concrete(ctx: Ctx) -> Surface:
    """Wall cast against plywood forms: the cast concrete paste, a faint panel-to-panel
    tone change (each sheet soaked up water differently), fins at the panel joints and
    25 mm tie holes, recessed, with a darker mortar-filled ring."""
    albedo, height, rough = _cast_paste(ctx)
    ids, edge_m = _panels(ctx)
    panel = ctx.rng("panels").standard_normal((2, int(ids.max()) + 1)).astype(F32)[:, ids]
    seam = nz.smoothstep(F32(0.003), F32(0.0), edge_m)      # fin + grout loss at joints
    ply = ctx.noise("plywood", 0.5, smallest_m=0.004, aniso=8.0, angle=np.pi / 2)
    ties, rings = _form_ties(ctx)
    tone = (F32(1.0) + F32(0.05) * panel[0] + F32(0.012) * ply - F32(0.12) * seam
            - F32(0.55) * ties - F32(0.06) * rings)
    albedo = albedo * tone[..., None]
    height = (height + F32(0.0003) * ply + F32(0.0008) * seam
              - F32(0.015) * ties - F32(0.0006) * rings)
    rough = rough + F32(0.03) * panel[1] - F32(0.05) * seam + F32(0.08) * ties
    joints = np.maximum(seam, ties)
    return Surface(albedo, height, np.clip(rough, 0.0, 1.0), joints=joints,
                   params={"panel_m": [PANEL_W, PANEL_H], "tie_mm": TIE_DIAMETER * 1000,
                           "ties_per_panel": len(TIE_X) * len(TIE_Y)})


def _panels(ctx: Ctx) -> tuple[np.ndarray, np.ndarray]:
    """(panel id, metres to the panel's border) on the same grid as the ties."""
    x, y = ctx.coords()
    mx, my = x * F32(ctx.tile_m), y * F32(ctx.tile_m)
    col, row = (mx // F32(PANEL_W)).astype(np.int32), (my // F32(PANEL_H)).astype(np.int32)
    cols = max(1, int(round(ctx.tile_m / PANEL_W)))
    px, py = mx - col * F32(PANEL_W), my - row * F32(PANEL_H)
    edge = np.minimum(np.minimum(px, F32(PANEL_W) - px), np.minimum(py, F32(PANEL_H) - py))
    return (row * cols + col).astype(np.int32), edge.astype(F32)


def _cast_paste(ctx: Ctx) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The paste of plain cast concrete (same as the `concrete` family)."""
    surface = concrete(ctx)
    return surface.albedo, surface.height, surface.roughness


def _form_ties(ctx: Ctx) -> tuple[np.ndarray, np.ndarray]:
    """(holes, rings) 0..1: the tie cones and the patched ring around each, on the
    panel grid (whole panels per tile, so the ties repeat with the panels)."""
    x, y = ctx.coords()
    px = (x * F32(ctx.tile_m)) % F32(PANEL_W)
    py = (y * F32(ctx.tile_m)) % F32(PANEL_H)
    dx = np.min(np.stack([np.abs(px - F32(t)) for t in TIE_X]), axis=0)
    dy = np.min(np.stack([np.abs(py - F32(t)) for t in TIE_Y]), axis=0)
    d = np.sqrt(dx * dx + dy * dy)
    r = F32(TIE_DIAMETER / 2.0)
    holes = nz.smoothstep(r, r * F32(0.6), d) * F32(ctx.visible(TIE_DIAMETER))
    rings = nz.smoothstep(r * F32(2.2), r * F32(1.4), d) * (F32(1.0) - holes)
    return holes, rings


@family("polished_concrete", tile_m=3.0, roughness=(0.1, 0.35), base_rgb=(0.58, 0.57, 0.55),
        porosity=0.2, floor_like=True)
def polished_concrete(ctx: Ctx) -> Surface:
    """Ground and burnished slab: exposed aggregate specks, cloudy sheen, 3 m sawn joints."""
    albedo, macro, meso, grain = _cement(ctx, (0.58, 0.57, 0.55), 0.08)
    stones = ctx.noise("aggregate", 0.012, smallest_m=0.003)
    dark = nz.smoothstep(1.1, 1.5, stones) * F32(ctx.visible(0.004))
    light = nz.smoothstep(1.2, 1.6, -stones) * F32(ctx.visible(0.004))
    albedo = albedo * (F32(1.0) - F32(0.35) * dark + F32(0.18) * light)[..., None]
    cells = layouts.grid(ctx.n, ctx.tile_m, 1, 1, gap_m=0.004)
    joints = joint_mask(ctx, cells)
    albedo = albedo * (F32(1.0) - F32(0.6) * joints)[..., None]
    height = F32(0.0006) * macro + ctx.micro(grain, 0.01) - F32(0.01) * joints
    swirl = ctx.noise("burnish", 0.6, smallest_m=0.05)
    rough = F32(0.2) + F32(0.06) * swirl + F32(0.03) * macro + F32(0.6) * joints
    return Surface(albedo, height, rough, joints=joints,
                   params={"control_joint_spacing_m": 3.0})


@family("board_formed_concrete", tile_m=2.4, roughness=(0.75, 0.95),
        base_rgb=(0.57, 0.56, 0.53), porosity=0.7)
def board_formed_concrete(ctx: Ctx) -> Surface:
    """Concrete cast against 150 mm sawn boards: grain imprint, board steps, tie holes."""
    cells = layouts.random_bond(ctx.n, ctx.tile_m, rows=16, rng=ctx.rng("boards"),
                                min_len=0.9, max_len=2.4, gap_m=0.0)
    albedo, macro, meso, grain = _cement(ctx, (0.57, 0.56, 0.53), 0.06)
    wood = ctx.noise("imprint", 0.4, smallest_m=0.002, aniso=12.0, beta=1.6)
    step = per_unit(ctx, "step", cells)
    seam = nz.smoothstep(0.003, 0.0, cells.edge_m)                  # board joints: fins
    albedo = albedo * (F32(1.0) + F32(0.05) * step + F32(0.04) * wood
                       - F32(0.08) * seam)[..., None]
    ties = _tie_holes(ctx, spacing_m=0.6, radius_m=0.014)
    albedo = albedo * (F32(1.0) - F32(0.5) * ties)[..., None]
    height = (F32(0.0012) * step + F32(0.0004) * wood + F32(0.0008) * seam
              + F32(0.001) * macro + ctx.micro(grain, 0.04) - F32(0.02) * ties)
    rough = F32(0.86) + F32(0.03) * wood + F32(0.02) * macro
    return Surface(albedo, height, rough, joints=np.maximum(seam, ties),
                   params={"board_mm": 150, "tie_spacing_m": 0.6})


def _tie_holes(ctx: Ctx, spacing_m: float, radius_m: float) -> np.ndarray:
    """Cone holes left by formwork ties on a regular grid (whole count per tile)."""
    count = max(1, int(round(ctx.tile_m / spacing_m)))
    x, y = ctx.coords()
    fx = (x * count) % 1.0 - 0.5
    fy = (y * count + 0.5) % 1.0 - 0.5                       # centred between boards
    d = np.sqrt(fx * fx + fy * fy) * F32(ctx.tile_m / count)
    return nz.smoothstep(radius_m, radius_m * 0.6, d)


@family("plaster", tile_m=2.0, roughness=(0.8, 0.95), base_rgb=(0.80, 0.77, 0.70),
        porosity=0.8, paintable=True)
def plaster(ctx: Ctx) -> Surface:
    """Trowelled lime plaster / stucco: soft trowel swirls, sand texture, patchy tone."""
    macro = ctx.noise("macro", 1.2, count=2)
    trowel = ctx.noise("trowel", 0.25, smallest_m=0.01, beta=2.4)
    grain = ctx.grain("grain")
    ridges = nz.ridged(trowel * F32(1.5)) ** 4
    tone = (F32(1.0) + F32(0.025) * macro[0] + F32(0.025) * trowel + F32(0.025) * grain
            - F32(0.03) * ridges)
    albedo = rgb((0.80, 0.77, 0.70)) * tone[..., None]
    height = (F32(0.0008) * trowel + F32(0.0004) * ridges + ctx.micro(grain, 0.05)
              + F32(0.001) * macro[1])
    rough = F32(0.88) + F32(0.03) * macro[1] - F32(0.04) * ridges
    return Surface(albedo, height, rough, params={"finish": "trowelled"})


@family("painted_wall", tile_m=2.0, roughness=(0.35, 0.7), base_rgb=(0.85, 0.84, 0.80),
        porosity=0.1, paintable=True)
def painted_wall(ctx: Ctx) -> Surface:
    """Emulsion on skimmed wall: roller orange peel, faint patching, eggshell sheen."""
    macro = ctx.noise("macro", 1.5)
    peel = ctx.noise("peel", 0.01, smallest_m=0.0015)
    patch = nz.smoothstep(1.5, 2.5, ctx.noise("patches", 0.5, smallest_m=0.1))
    tone = F32(1.0) + F32(0.006) * macro + F32(0.006) * peel - F32(0.006) * patch
    albedo = rgb((0.85, 0.84, 0.80)) * tone[..., None]
    height = F32(0.00004) * peel * F32(ctx.visible(0.003)) + F32(0.0003) * macro
    rough = F32(0.5) + F32(0.03) * macro + F32(0.02) * peel + F32(0.08) * patch
    return Surface(albedo, height, rough, params={"finish": "eggshell"})


@family("asphalt", tile_m=2.0, roughness=(0.8, 0.97), base_rgb=(0.30, 0.30, 0.29),
        porosity=0.6, floor_like=True)
def asphalt(ctx: Ctx) -> Surface:
    """Road asphalt: dark bitumen binder, 4-10 mm light aggregate worn proud, oil stains."""
    cells = int(round(ctx.tile_m / 0.01))
    caps, ids, _ = nz.pebbles(ctx.rng("aggregate"), ctx.n, cells, radius=(0.25, 0.5),
                              height=(0.3, 1.0))
    shade = (0.85 + 0.3 * ctx.rng("stone_tone").random(cells * cells)).astype(F32)[ids]
    stone = nz.smoothstep(0.0, 0.15, caps) * F32(ctx.visible(0.005))
    macro = ctx.noise("macro", 2.0, count=2)
    grain = ctx.grain("grain")
    binder = F32(1.0) + F32(0.04) * macro[0] + F32(0.08) * grain
    tone = binder + stone * (F32(0.75) * shade - F32(0.1))
    stain = nz.smoothstep(1.6, 2.6, macro[1])
    albedo = rgb((0.24, 0.24, 0.235)) * (tone * (F32(1.0) - F32(0.25) * stain))[..., None]
    height = (F32(0.002) * caps + ctx.micro(grain, 0.12) + F32(0.004) * macro[0])
    rough = F32(0.92) - F32(0.12) * stone + F32(0.02) * grain - F32(0.15) * stain
    pores = nz.smoothstep(0.02, 0.0, caps) * nz.smoothstep(-0.5, -1.5, grain)
    return Surface(albedo, height, rough, joints=pores, params={"aggregate_mm": [4, 10]})
