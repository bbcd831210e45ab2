"""A small working grid (about 512 wide) of a panorama: the sun search and the sky fit
run on block means, so their cost does not grow with the file's width; and
`parallel_map`, how their independent pieces share the machine's cores."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Sequence, TypeVar

import numpy as np

from ..sky.equirect import column_azimuths, direction, pixel_solid_angles, row_elevations

WORK_WIDTH = 512


@dataclass
class WorkGrid:
    """Block means of a panorama (same equirect convention, `factor` pixels per cell)."""

    linear: np.ndarray        # (h, w, 3) mean relative linear RGB of each cell
    clipped: np.ndarray       # (h, w) share of the cell's pixels that clipped
    factor: int
    dark: float = 2e-3        # relative linear under which 8-bit quantisation dominates
    _dirs: np.ndarray | None = field(default=None, repr=False)

    def directions(self, rows: int) -> np.ndarray:
        """(rows, w, 3) unit vectors of the first `rows` rows (computed once)."""
        if self._dirs is None:
            self._dirs = direction(self.elevations[:, None], self.azimuths[None, :])
        return self._dirs[:rows]

    @property
    def elevations(self) -> np.ndarray:
        return row_elevations(self.linear.shape[0])

    @property
    def azimuths(self) -> np.ndarray:
        return column_azimuths(self.linear.shape[1])

    @property
    def solid_angles(self) -> np.ndarray:
        return pixel_solid_angles(self.linear.shape[1])


def row_starts(rows: np.ndarray) -> np.ndarray:
    """First index of each run of equal image rows (cells sorted by row)."""
    return np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])


def centre_rows(x: np.ndarray, w: np.ndarray, starts: np.ndarray, axis: int = 0
                ) -> np.ndarray:
    """x minus its w-weighted mean over each image row, the cells sorted by row along
    `axis` (`starts` from row_starts): what is left once each row's level, the sky's
    elevation profile, is taken out."""
    xs = np.moveaxis(x, axis, 0)
    wx = w.reshape((-1,) + (1,) * (xs.ndim - 1))
    means = np.add.reduceat(xs * wx, starts, axis=0) / np.add.reduceat(wx, starts, axis=0)
    return np.moveaxis(xs - np.repeat(means, np.diff(np.r_[starts, len(xs)]), axis=0),
                       0, axis)


def block_factor(height: int) -> int:
    """The largest divisor of the height that keeps the grid at least WORK_WIDTH wide."""
    limit = max(1, (2 * height) // WORK_WIDTH)
    return max(f for f in range(1, limit + 1) if height % f == 0)


def work_grid(linear: np.ndarray, clipped: np.ndarray) -> WorkGrid:
    f = block_factor(clipped.shape[0])
    if f == 1:
        return WorkGrid(linear.astype(np.float32), clipped.astype(np.float32), 1)
    return WorkGrid(_block_means(linear.astype(np.float32, copy=False), f),
                    clipped_share(clipped, f), f)


def _block_means(x: np.ndarray, f: int) -> np.ndarray:
    """Means over f x f blocks, a band of block rows at a time on the threads (each
    block's sum is _block_sums', in the same order: the same bytes)."""
    out = np.empty((x.shape[0] // f, x.shape[1] // f) + x.shape[2:], x.dtype)
    rows = max(1, BAND_ROWS // f)

    def band(i: int) -> None:
        out[i:i + rows] = _block_sums(x[i * f:(i + rows) * f], f) / np.float32(f * f)

    in_blocks(band, range(0, out.shape[0], rows))
    return out


def _block_sums(x: np.ndarray, f: int) -> np.ndarray:
    """Sums over f x f blocks of (H, W, ...): rows then columns, one slice at a time
    (whole-slice adds, twice as fast as a strided axis reduction; same order, so the
    same bytes)."""
    h, w = x.shape[0] // f, x.shape[1] // f
    by_rows = x.reshape((h, f) + x.shape[1:])
    rows = by_rows[:, 0].copy()
    for i in range(1, f):
        rows += by_rows[:, i]
    by_cols = rows.reshape((h, w, f) + x.shape[2:])
    out = by_cols[:, :, 0].copy()
    for i in range(1, f):
        out += by_cols[:, :, i]
    return out


def clipped_share(clipped: np.ndarray, factor: int) -> np.ndarray:
    """(h, w) share of each factor x factor block's pixels that are set."""
    counts = _block_sums(clipped.view(np.uint8), factor) if factor < 16 else \
        _block_sums(clipped.astype(np.uint16), factor)
    return counts.astype(np.float32) / np.float32(factor * factor)


T = TypeVar("T")
R = TypeVar("R")


def parallel_map(fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """[fn(x) for x in items], a thread per item: each item (a haze's atmosphere tables
    and marches, a clear-sky type's shape costs) is independent numpy work, which
    releases the GIL, so a cold lift uses every core; the results, and so the output
    bytes, do not depend on the number of threads (OMP_NUM_THREADS caps it, as it does
    for numpy's own threads: the thread-count test runs with 1 and 2)."""
    workers = min(len(items), _threads())
    if workers <= 1:
        return [fn(x) for x in items]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(fn, items))


def in_blocks(fn: Callable[[int], object], starts: Sequence[int]) -> None:
    """fn(start) for each block's start, the blocks dealt out to the threads in turn
    (one pool for them all; each block writes its own part of an output)."""
    starts = list(starts)
    parts = [starts[k::_threads()] for k in range(min(_threads(), len(starts)))]
    parallel_map(lambda part: [fn(i) for i in part], parts)


def look_up(table: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """table[codes] for an image of 8-bit codes, BAND_ROWS rows at a time on the
    threads: numpy turns the codes it indexes with into an int64 array, and a band's is
    cache-sized where the whole image's is 200 MB at 4096 wide (3x faster on two cores;
    the same values)."""
    out = np.empty(codes.shape + table.shape[1:], table.dtype)

    def band(i: int) -> None:
        out[i:i + BAND_ROWS] = table[codes[i:i + BAND_ROWS]]

    in_blocks(band, range(0, codes.shape[0], BAND_ROWS))
    return out


BAND_ROWS = 64           # full-resolution rows a thread takes at a time (cache-sized)


def _threads() -> int:
    try:
        return max(1, int(os.environ.get("OMP_NUM_THREADS", "")))
    except ValueError:
        return os.cpu_count() or 1


def lerp_rows_then_columns(table: np.ndarray, i0: np.ndarray, i1: np.ndarray,
                           wi: np.ndarray, j0: np.ndarray, j1: np.ndarray, wj: np.ndarray
                           ) -> np.ndarray:
    """Bilinear values of `table` (R, C[, k]) on a grid of rows (taps i0, i1, weight wi)
    by columns (j0, j1, wj): each table row the grid needs is interpolated along the
    columns once, then each output row between its two table rows. The products of a
    bilinear read per point, in the same order: the same bytes, without a gather per
    point (a high sun's clipped zone is millions of them)."""
    extra = (1,) * (table.ndim - 2)
    needed = np.unique(np.concatenate([i0, i1]))
    rows = table[needed]
    wj = wj.reshape(-1, *extra)
    across = rows[:, j0] * (1 - wj) + rows[:, j1] * wj
    top, bottom = across[np.searchsorted(needed, i0)], across[np.searchsorted(needed, i1)]
    wi = wi.reshape(-1, 1, *extra)
    return top * (1 - wi) + bottom * wi


def cell_luminance(rgb: np.ndarray) -> np.ndarray:
    """Rec.709 Y (spectrum.LUMINANCE) in the pixels' own precision: float32 on the work
    grid, where spectrum.luminance's float64 product would double the memory traffic."""
    return rgb[..., 0] * 0.2126 + rgb[..., 1] * 0.7152 + rgb[..., 2] * 0.0722


def from_the_rim(targets: np.ndarray, rim: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Values (n, k) at `targets` (n, 3 unit vectors) carried in from `rim` (m, 3) with
    `values` (m, k) by inverse-distance weights 1 / (1 - cos d)^2 (~ 1/d^4: the near
    rim counts most; continuous where a target meets the rim). numpy's own einsum loops
    in a fixed order (no BLAS), each target's alone: the same bytes at any thread
    count, the targets shared out between the threads in blocks of RIM_BLOCK; the
    weights are made in place (a block's pairs are hundreds of thousands)."""
    out = np.empty((len(targets), values.shape[1]), np.float32)
    rim_t = np.ascontiguousarray(rim.T, np.float64)
    values_t = np.ascontiguousarray(values.T, np.float64)

    def block(i: int) -> None:
        w = np.einsum("tk,kr->tr", targets[i:i + RIM_BLOCK], rim_t)     # cos d
        np.subtract(1.0, w, out=w)
        np.maximum(w, 1e-6, out=w)
        np.square(w, out=w)
        np.reciprocal(w, out=w)
        out[i:i + RIM_BLOCK] = (np.einsum("tr,kr->tk", w, values_t)
                                / w.sum(axis=1)[:, None])

    in_blocks(block, range(0, len(targets), RIM_BLOCK))
    return out


RIM_BLOCK = 256
