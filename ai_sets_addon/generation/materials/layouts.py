"""Meso structure: how units (bricks, planks, tiles, setts, slabs) are laid on a tile.

Every layout is built in metres with whole units per tile, so it repeats exactly at
the tile border, and returns `Cells`: which unit each pixel belongs to and how far it
is from that unit's border (for joints and bevels). Row layouts work one course at a
time: inside a course every quantity along u is 1-D, which keeps them cheap.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

F32 = np.float32


@dataclass
class Cells:
    ids: np.ndarray        # (n, n) int32 unit index, 0..count-1
    edge_m: np.ndarray     # (n, n) float32 distance to the unit's border, metres
    count: int
    along: np.ndarray | None = None   # (n, n) bool: unit's long axis runs along u
    across_m: np.ndarray | None = None  # (n, n) metres across the unit from its edge


def _pixel_centres(n: int) -> np.ndarray:
    return (np.arange(n, dtype=F32) + F32(0.5)) / F32(n)


def courses(n: int, tile_m: float, rows: int, cuts: list[np.ndarray],
            gap_m: float = 0.0, shift: float = 0.5) -> Cells:
    """Rows of units; `cuts[r]` are the sorted unit borders of course r in 0..1 of u.

    Units in a course run from one cut to the next, wrapping past u = 1; `gap_m` is
    half-subtracted from every edge distance so joints are `gap_m` wide in total.
    Courses start `shift` of a course below the tile's top edge, so the tile border runs
    through units, not along a joint (seams would hide in joints; none should exist).
    """
    pos = _pixel_centres(n)
    course = (pos * rows + F32(shift)) % F32(rows)
    row_of = np.minimum(course.astype(np.int32), rows - 1)
    ids = np.empty((n, n), np.int32)
    edge = np.empty((n, n), F32)
    across = np.empty((n, n), F32)
    start_id = 0
    for r in range(rows):
        pix = np.nonzero(row_of == r)[0]
        b = np.sort(np.asarray(cuts[r], F32) % 1.0)
        k = np.searchsorted(b, pos, side="right") - 1       # -1: wrapped unit
        left = np.where(k >= 0, b[k], b[-1] - 1.0)
        right = np.where(k + 1 < b.size, b[np.minimum(k + 1, b.size - 1)], b[0] + 1.0)
        ex = np.minimum(pos - left, right - pos) * tile_m       # (n,) metres
        fy = course[pix] - r
        ey = np.minimum(fy, 1.0 - fy) * (tile_m / rows)          # (rows_px,) metres
        edge[pix] = np.minimum(ex[None, :], ey[:, None])
        across[pix] = (fy * (tile_m / rows))[:, None]
        ids[pix] = (start_id + (k % b.size))[None, :]
        start_id += b.size
    edge -= F32(gap_m / 2.0)
    return Cells(ids=ids, edge_m=edge, count=start_id, across_m=across)


def running_bond(n: int, tile_m: float, cols: int, rows: int, shift: float = 0.5,
                 gap_m: float = 0.0) -> Cells:
    """Bricks / subway tiles: `cols` units per course, every other course shifted."""
    base = (np.arange(cols, dtype=F32) + F32(0.5)) / cols      # tile border mid-unit
    cuts = [base + (shift * (r % 2)) / cols for r in range(rows)]
    return courses(n, tile_m, rows, cuts, gap_m)


def random_bond(n: int, tile_m: float, rows: int, rng: np.random.Generator,
                min_len: float, max_len: float, gap_m: float = 0.0) -> Cells:
    """Planks / boards / setts: random lengths (metres) per course, random start."""
    cuts = []
    for _ in range(rows):
        lengths = []
        while sum(lengths) < tile_m - max_len:
            lengths.append(rng.uniform(min_len, max_len))
        rest = tile_m - sum(lengths)
        if rest < min_len and lengths:          # fold a short remainder into the last
            lengths[-1] += rest
        else:
            lengths.append(rest)
        b = (np.cumsum([0.0] + lengths[:-1]) / tile_m + rng.random()) % 1.0
        cuts.append(b.astype(F32))
    return courses(n, tile_m, rows, cuts, gap_m)


def grid(n: int, tile_m: float, cols: int, rows: int, gap_m: float = 0.0) -> Cells:
    """Square or rectangular tiles / slabs in a stack bond."""
    return running_bond(n, tile_m, cols, rows, shift=0.0, gap_m=gap_m)


def herringbone(n: int, tile_m: float, width_m: float, ratio: int,
                 gap_m: float = 0.0) -> Cells:
    """Herringbone parquet: blocks width_m x ratio*width_m, alternately along u and v.

    On a grid of width_m cells (i column, j row), a cell belongs to a block along u when
    (i - j) mod 2*ratio < ratio, else to a block along v; runs shift one cell per row,
    which draws the zig-zag. Period 2*ratio cells, so the tile holds a multiple of it.
    Block membership is worked out once per cell (a c x c table) and gathered to pixels.
    """
    c = int(round(tile_m / width_m))
    period = 2 * ratio
    if c % period:
        raise ValueError("tile must hold whole herringbone periods")
    ci = np.arange(c + 1)[None, :]
    cj = np.arange(c + 1)[:, None]
    d = (ci - cj) % period
    along_cell = d < ratio
    e = d - ratio
    offset = np.where(along_cell, d, ratio - 1 - e).astype(F32)   # cells before this one
    start_u = (ci - d) % c
    start_v = (cj - (ratio - 1 - e)) % c
    id_cell = np.where(along_cell, (cj % c) * c + start_u, c * c + start_v * c + (ci % c))
    pos = _pixel_centres(n) * c + F32(0.5)                       # border mid-block
    cell = np.floor(pos).astype(np.intp)
    frac = (pos - cell).astype(F32)
    flat = cell[:, None] * (c + 1) + cell[None, :]                # one index, three takes
    along = along_cell.ravel().take(flat)
    ids = id_cell.astype(np.int32).ravel().take(flat)
    fx, fy = frac[None, :], frac[:, None]
    a = offset.ravel().take(flat) + np.where(along, fx, fy)
    across = np.where(along, fy, fx)
    edge = np.minimum(np.minimum(a, F32(ratio) - a), np.minimum(across, F32(1.0) - across))
    edge *= F32(width_m)
    edge -= F32(gap_m / 2.0)
    return Cells(ids=ids, edge_m=edge, count=2 * c * c, along=along,
                 across_m=(across * F32(width_m)).astype(F32))
