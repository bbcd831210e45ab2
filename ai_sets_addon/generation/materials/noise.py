"""Exactly periodic noise on the unit torus, fast enough for 2048² map sets in numpy.

Why this shape: a full-resolution FFT costs ~0.15 s per field at 2048² on these
machines, which would eat the 2 s budget after a few layers. Instead, band-limited
noise is synthesised by FFT on a small grid (r x r, r <= 512, set by the highest
frequency the layer needs, in cycles per tile) and brought to N x N with a periodic
cubic B-spline matrix, ``U @ small @ U.T``, applied as fixed-order sums of its four
taps per row (not BLAS, whose results change with the thread count): linear in
output pixels and exactly periodic because the matrix wraps around. Micro grain that
needs every pixel comes from white noise (periodic by construction) lightly blurred
with wrapped neighbours.

Coordinates: arrays are indexed [row, column]; column = u (to the right), row 0 is
the top of the image. Every function here wraps at the borders, so the left/right and
top/bottom edges continue each other exactly.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

F32 = np.float32


# --- resampling ------------------------------------------------------------------------

def _bspline3(t: np.ndarray) -> np.ndarray:
    """Cubic B-spline kernel: positive weights (no ringing), smooth, sums to 1."""
    t = np.abs(t)
    out = np.where(t < 1.0, 2.0 / 3.0 - t * t + 0.5 * t ** 3, 0.0)
    return np.where((t >= 1.0) & (t < 2.0), (2.0 - t) ** 3 / 6.0, out)


@lru_cache(maxsize=64)
def upsample_matrix(n_out: int, n_in: int) -> np.ndarray:
    """(n_out, n_in) periodic cubic B-spline resampling matrix (float32)."""
    scale = n_in / n_out
    pos = (np.arange(n_out) + 0.5) * scale - 0.5           # position in input samples
    diff = pos[:, None] - np.arange(n_in)[None, :]
    diff = (diff + n_in / 2.0) % n_in - n_in / 2.0          # wrap: the torus
    weights = _bspline3(diff) if scale <= 1.0 else _bspline3(diff / scale) / scale
    weights /= weights.sum(axis=1, keepdims=True)
    out = weights.astype(F32)
    out.setflags(write=False)
    return out


@lru_cache(maxsize=64)
def _taps(n_out: int, n_in: int) -> tuple[np.ndarray, np.ndarray]:
    """The non-zero entries of `upsample_matrix` row by row: (taps, n_out) input
    indices and float32 weights (zero-weight padding where a row has fewer)."""
    mat = upsample_matrix(n_out, n_in)
    count = int((mat != 0).sum(axis=1).max())
    cols = np.argsort(mat == 0, axis=1, kind="stable")[:, :count]   # non-zeros first
    weights = np.take_along_axis(mat, cols, axis=1)
    index, weight = np.ascontiguousarray(cols.T), np.ascontiguousarray(weights.T)
    index.setflags(write=False)
    weight.setflags(write=False)
    return index, weight


def apply_matrix(grid: np.ndarray, n_out: int, axis: int) -> np.ndarray:
    """`upsample_matrix(n_out, n_in)` applied along `axis`, as a fixed-order sum of
    weighted taps. Why not a BLAS product: its summation order depends on the thread
    count and the CPU's kernel (OpenBLAS picks different kernels for one thread and
    for several), and one ulp there flips a quantised texel; elementwise numpy gives
    the same bits everywhere. Whole ratios (the powers of two used here) take a fast
    path: every output phase reads the same 4 taps of a wrapped copy."""
    grid = np.asarray(grid, dtype=F32)
    axis = axis % grid.ndim
    n_in = grid.shape[axis]
    if n_out % n_in == 0 and n_out > n_in:
        return _apply_phases(grid, n_out // n_in, axis)
    index, weight = _taps(n_out, n_in)
    shape = [1] * grid.ndim
    shape[axis] = n_out
    out = np.take(grid, index[0], axis=axis)
    out *= weight[0].reshape(shape)
    for idx, w in zip(index[1:], weight[1:]):
        term = np.take(grid, idx, axis=axis)
        term *= w.reshape(shape)
        out += term
    return out


@lru_cache(maxsize=64)
def _phase_taps(factor: int, n_in: int) -> tuple[tuple[tuple[int, float], ...], ...]:
    """Per output phase p (output i = q * factor + p): (input offset from q, weight)
    pairs, read off `upsample_matrix` so both paths share one definition."""
    mat = upsample_matrix(n_in * factor, n_in)
    q = n_in // 2                                  # a row block away from the wrap
    phases = []
    for p in range(factor):
        row = mat[q * factor + p]
        cols = np.nonzero(row)[0]
        phases.append(tuple((int(c) - q, row[c]) for c in cols))
    return tuple(phases)


def _apply_phases(grid: np.ndarray, factor: int, axis: int) -> np.ndarray:
    n_in = grid.shape[axis]
    phases = _phase_taps(factor, n_in)
    reach = max(abs(o) for taps in phases for o, _ in taps)
    padded = np.concatenate([_span(grid, axis, n_in - reach, n_in), grid,
                             _span(grid, axis, 0, reach)], axis=axis)
    shape = list(grid.shape)
    shape[axis] = n_in * factor
    out = np.empty(shape, F32)
    for p, taps in enumerate(phases):
        acc = None
        for offset, w in taps:
            term = _span(padded, axis, reach + offset, reach + offset + n_in) * w
            acc = term if acc is None else np.add(acc, term, out=acc)
        out[_slicer(grid.ndim, axis, slice(p, None, factor))] = acc
    return out


def _slicer(ndim: int, axis: int, sl: slice) -> tuple:
    return (slice(None),) * axis + (sl,) + (slice(None),) * (ndim - axis - 1)


def _span(a: np.ndarray, axis: int, start: int, stop: int) -> np.ndarray:
    return a[_slicer(a.ndim, axis, slice(start, stop))]


def resample(grid: np.ndarray, n: int) -> np.ndarray:
    """Periodic resample of a square (r, r) or (k, r, r) grid to (n, n) / (k, n, n)."""
    r = grid.shape[-1]
    if r == n:
        return grid.astype(F32, copy=True)
    # Columns first, on the small grid (strided writes are slow), then whole rows.
    return apply_matrix(apply_matrix(grid, n, axis=-1), n, axis=-2)


def downsample(img: np.ndarray, factor: int) -> np.ndarray:
    """Box-average by an integer factor (keeps periodicity)."""
    if factor <= 1:
        return img
    n = img.shape[0] // factor
    return img.reshape(n, factor, n, factor, *img.shape[2:]).mean(axis=(1, 3), dtype=F32)


def blur(img: np.ndarray, radius: float) -> np.ndarray:
    """Periodic blur of about `radius` pixels.

    Small radii: repeated [1 2 1] passes at full resolution (each adds 0.5 px² of
    variance). Larger: box-downsample by a power of two then B-spline upsample, with
    the small grid kept to <= 512 so the matrix products stay cheap (so above 2048²
    a blur is never narrower than n/512 pixels: fine for AO and dirt, its only users).
    """
    n = img.shape[0]
    if radius <= 1.6 or n <= 64:
        out = img.astype(F32, copy=True)
        for _ in range(max(1, int(round(radius * radius / 0.5)))):
            out = blur3(out)
        return out
    factor = 1
    while factor * 2 <= radius or n // factor > 512:
        factor *= 2
    factor = min(factor, n // 4)
    while n % factor:
        factor //= 2
    return resample(downsample(img, factor), n)


def blur3(img: np.ndarray) -> np.ndarray:
    """Small periodic [1 2 1]^2 / 16 blur (one pixel radius)."""
    tmp = img * F32(0.5)
    tmp += np.roll(img, 1, axis=0) * F32(0.25)
    tmp += np.roll(img, -1, axis=0) * F32(0.25)
    out = tmp * F32(0.5)
    out += np.roll(tmp, 1, axis=1) * F32(0.25)
    out += np.roll(tmp, -1, axis=1) * F32(0.25)
    return out


# --- spectral (fBm) noise -------------------------------------------------------------

def _grid_for(max_cycles: float, n: int) -> int:
    """Smallest power-of-two grid holding `max_cycles` with room, capped at n and 512."""
    r = 16
    while r < 3 * max_cycles and r < 512:
        r *= 2
    return min(r, n)


def spectral(rng: np.random.Generator, n: int, *, beta: float = 2.0,
             low: float = 1.0, high: float = 32.0, aniso: float = 1.0,
             angle: float = 0.0, count: int = 1) -> np.ndarray:
    """Gaussian noise with power ~ f^-beta between `low` and `high` cycles per tile.

    Unit standard deviation, zero mean, exactly periodic. `aniso` > 1 stretches
    features along u (columns), turned by `angle` radians: brushed metal, wood grain,
    grass blades use it. The grid of integer frequencies is never rotated, only the
    amplitude envelope, so the result stays exactly periodic.
    Returns (n, n), or (count, n, n) when count > 1.
    """
    r = _grid_for(high, n)
    fy = np.fft.fftfreq(r, 1.0 / r)[:, None]
    fx = np.fft.rfftfreq(r, 1.0 / r)[None, :]
    ca, sa = np.cos(angle), np.sin(angle)
    # Long features along the (turned) u axis = few frequencies along it: scale them up.
    freq = np.sqrt(((fx * ca + fy * sa) * aniso) ** 2 + (fy * ca - fx * sa) ** 2)
    amp = np.where((freq >= low * 0.999) & (freq <= high), 1.0, 0.0)
    amp = amp * np.maximum(freq, 1e-6) ** (-beta / 2.0)
    shape = (count, r, r // 2 + 1)
    spec = (rng.standard_normal(shape) + 1j * rng.standard_normal(shape)) * amp
    small = np.fft.irfft2(spec, s=(r, r)).astype(F32)
    small -= small.mean(axis=(1, 2), keepdims=True)
    small /= small.std(axis=(1, 2), keepdims=True) + F32(1e-12)
    out = resample(small, n)
    step = max(1, n // 256)                                  # B-spline smoothing lowers
    out /= out[:, ::step, ::step].std(axis=(1, 2), keepdims=True) + F32(1e-12)  # the std
    return out[0] if count == 1 else out


def grain(rng: np.random.Generator, n: int, soft: bool = True) -> np.ndarray:
    """Per-pixel micro grain, unit std (white noise, optionally one-pixel blurred)."""
    white = rng.standard_normal((n, n), dtype=F32)
    if not soft:
        return white
    out = blur3(white)
    out *= F32(1.0 / 0.375)   # std of the [1 2 1]^2/16 filter of unit white noise
    return out


def hairlines(rng: np.random.Generator, n: int, knots: int) -> np.ndarray:
    """One-pixel-wide lines along u (unit std): every row is its own smooth random
    curve through `knots` points, so lines are n/knots pixels long and as thin as a
    pixel across. Brushed metal, wood pores. One (n, knots) x (knots, n) product."""
    knots = int(min(max(knots, 4), n))
    rows = rng.standard_normal((n, knots), dtype=F32)
    out = apply_matrix(rows, n, axis=1)
    out /= out[:: max(1, n // 256)].std() + F32(1e-12)
    return out


def ridged(field: np.ndarray) -> np.ndarray:
    """Sharp creases where a smooth field crosses zero (veins, cracks)."""
    return F32(1.0) - np.minimum(np.abs(field), F32(1.0))


# --- cellular (Worley) noise ------------------------------------------------------------

def worley(rng: np.random.Generator, n: int, cells: int, jitter: float = 0.9,
           stretch: float = 1.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Periodic cellular noise on a cells x cells jittered grid.

    Returns (f1, f2, cell_id) with distances in cell units; (f2 - f1) / 2 is close to
    the distance to the nearest border, which gives joints between stones. `stretch`
    > 1 makes cells wider along u. Work goes one row of cells at a time: the candidate
    points are then the same for every pixel row in it, so x terms are 1-D and the
    temporaries stay in cache. Squared distances until the end (no sqrt per candidate).
    """
    pts = (0.5 + (rng.random((cells, cells, 2)) - 0.5) * jitter).astype(F32)
    coord = (np.arange(n, dtype=F32) + F32(0.5)) * F32(cells / n)
    cell = np.floor(coord).astype(np.int32)
    frac = coord - cell
    f1 = np.empty((n, n), F32)
    f2 = np.empty((n, n), F32)
    ids = np.empty((n, n), np.int32)
    inv = F32(1.0 / stretch)
    for cy in range(cells):
        rows = np.nonzero(cell == cy)[0]
        if rows.size == 0:
            continue
        fy = frac[rows][:, None]
        b1 = np.full((rows.size, n), np.inf, F32)
        b2 = b1.copy()
        bid = np.zeros(b1.shape, np.int32)
        for oy in (-1, 0, 1):
            ny = (cy + oy) % cells
            for ox in (-1, 0, 1):
                nx = (cell + ox) % cells
                p = pts[ny, nx]                                # (n, 2), 1-D in x
                dx2 = ((F32(ox) + p[:, 0] - frac) * inv) ** 2  # (n,)
                d = (F32(oy) + p[:, 1])[None, :] - fy          # (rows, n)
                d *= d
                d += dx2
                closer = d < b1
                np.minimum(b2, np.maximum(b1, d), out=b2)
                np.minimum(b1, d, out=b1)
                np.copyto(bid, (ny * cells + nx)[None, :].repeat(rows.size, 0), where=closer)
        f1[rows], f2[rows], ids[rows] = np.sqrt(b1), np.sqrt(b2), bid
    return f1, f2, ids


def pebbles(rng: np.random.Generator, n: int, cells: int, radius: tuple[float, float],
            height: tuple[float, float]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Packed rounded stones: a jittered point per cell carries a spherical cap of
    random radius (cell units) and height; the highest cap at a pixel is the stone seen
    there. Returns (top height, stone id, rim 0..1 where a stone meets another or the
    bed). Unlike Worley cells, stones overlap and stay round. Periodic like worley()."""
    pts = (0.5 + (rng.random((cells, cells, 2)) - 0.5) * 0.9).astype(F32)
    rad = rng.uniform(*radius, (cells, cells)).astype(F32)
    top = rng.uniform(*height, (cells, cells)).astype(F32)
    coord = (np.arange(n, dtype=F32) + F32(0.5)) * F32(cells / n)
    cell = np.floor(coord).astype(np.int32)
    frac = coord - cell
    best = np.zeros((n, n), F32)
    second = np.zeros((n, n), F32)
    ids = np.zeros((n, n), np.int32)
    for cy in range(cells):
        rows = np.nonzero(cell == cy)[0]
        fy = frac[rows][:, None]
        b1 = np.zeros((rows.size, n), F32)
        b2 = np.zeros((rows.size, n), F32)
        bid = np.zeros(b1.shape, np.int32)
        for oy in (-1, 0, 1):
            ny = (cy + oy) % cells
            for ox in (-1, 0, 1):
                nx = (cell + ox) % cells
                p, inv_r2 = pts[ny, nx], F32(1.0) / rad[ny, nx] ** 2
                dx2 = (F32(ox) + p[:, 0] - frac) ** 2
                d = (F32(oy) + p[:, 1])[None, :] - fy
                d *= d
                d += dx2[None, :]
                d *= -inv_r2[None, :]
                d += F32(1.0)                           # 1 - (d/r)^2
                np.maximum(d, F32(0.0), out=d)
                cap = d
                cap *= (top[ny, nx] ** 2)[None, :]       # squared cap: no sqrt per stone
                higher = cap > b1
                np.maximum(b2, np.minimum(b1, cap), out=b2)
                np.maximum(b1, cap, out=b1)
                np.copyto(bid, (ny * cells + nx)[None, :].repeat(rows.size, 0), where=higher)
        best[rows], second[rows], ids[rows] = np.sqrt(b1), np.sqrt(b2), bid
    rim = smoothstep(0.25, 0.0, best - second) * smoothstep(0.0, 0.3, second) \
        + smoothstep(0.2, 0.0, best)
    return best, ids, np.clip(rim, 0.0, 1.0)


# --- helpers --------------------------------------------------------------------------

def smoothstep(e0: float, e1: float, x: np.ndarray) -> np.ndarray:
    t = np.subtract(x, F32(e0), dtype=F32)
    t *= F32(1.0 / (e1 - e0))
    np.clip(t, 0.0, 1.0, out=t)
    out = t * F32(-2.0)
    out += F32(3.0)
    out *= t
    out *= t
    return out


def pixel_coords(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Pixel-centre coordinates (x along columns, y along rows) in 0..1 (1-D each)."""
    c = (np.arange(n, dtype=F32) + F32(0.5)) / F32(n)
    return c[None, :], c[:, None]
