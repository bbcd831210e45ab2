"""Helpers shared by unit-based families (bricks, tiles, planks, setts, stones)."""

from __future__ import annotations

import numpy as np

from .core import Ctx
from .layouts import Cells

F32 = np.float32


def joint_mask(ctx: Ctx, cells: Cells, soft_m: float = 0.0) -> np.ndarray:
    """1 inside joints (edge distance < 0), 0 on units, antialiased over a pixel."""
    width = max(ctx.px_m, soft_m)
    return np.clip(F32(0.5) - cells.edge_m / F32(width), 0.0, 1.0)


def bevel(cells: Cells, width_m: float, edge_noise: np.ndarray | None = None,
          noise_m: float = 0.0) -> np.ndarray:
    """0 at a unit's border rising smoothly to 1 at `width_m` inside: rounded arrises.

    `edge_noise` (unit std) eats into the border by about noise_m: chipped edges.
    """
    e = cells.edge_m
    if edge_noise is not None and noise_m > 0:
        e = e - F32(noise_m) * np.maximum(edge_noise, 0.0)
    t = np.clip(e / F32(width_m), 0.0, 1.0)
    return np.sqrt(t * (F32(2.0) - t))            # quarter-round profile


def per_unit(ctx: Ctx, layer: str, cells: Cells, count: int = 1,
             kind: str = "normal") -> np.ndarray:
    """Random values per unit, gathered to pixels: (n, n) or (count, n, n)."""
    rng = ctx.rng(layer)
    shape = (count, cells.count)
    table = (rng.standard_normal(shape) if kind == "normal" else rng.random(shape)).astype(F32)
    out = table[:, cells.ids]
    return out[0] if count == 1 else out
