"""Binary raster operations for the floor grid: erosion and dilation by a disc, and
4-connected component labels. scipy.ndimage does them when it is installed (the test
and check extras); the add-on's own install (and Blender's Python) has only numpy, so
the same operations are written here with numpy shifts and a union-find over row
runs; a test holds the two to the same answers."""

from __future__ import annotations

import numpy as np

try:                                    # optional accelerator, same results
    from scipy import ndimage as _ndimage
except ImportError:                     # pragma: no cover - depends on the install
    _ndimage = None


def _shift(mask: np.ndarray, dx: int, dy: int, fill: bool) -> np.ndarray:
    out = np.full_like(mask, fill)
    nx, ny = mask.shape
    out[max(dx, 0):nx + min(dx, 0), max(dy, 0):ny + min(dy, 0)] = \
        mask[max(-dx, 0):nx + min(-dx, 0), max(-dy, 0):ny + min(-dy, 0)]
    return out


def dilate(mask: np.ndarray, disc: np.ndarray, use_scipy: bool = True) -> np.ndarray:
    if _ndimage is not None and use_scipy:
        return _ndimage.binary_dilation(mask, disc)
    r = disc.shape[0] // 2
    out = np.zeros_like(mask)
    for i, j in np.argwhere(disc):
        out |= _shift(mask, int(i) - r, int(j) - r, False)
    return out


def erode(mask: np.ndarray, disc: np.ndarray, use_scipy: bool = True) -> np.ndarray:
    """Erosion with everything outside the raster counted as taken (the walls)."""
    if _ndimage is not None and use_scipy:
        return _ndimage.binary_erosion(mask, disc, border_value=0)
    r = disc.shape[0] // 2
    out = mask.copy()
    for i, j in np.argwhere(disc):
        out &= _shift(mask, int(i) - r, int(j) - r, False)
    return out


def label(mask: np.ndarray, use_scipy: bool = True) -> tuple[np.ndarray, int]:
    """4-connected components, numbered 1..n in raster order (as scipy numbers them)."""
    if _ndimage is not None and use_scipy:
        return _ndimage.label(mask)
    parent: list[int] = []

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    runs: list[tuple[int, int, int]] = []          # (row, start, end) with end exclusive
    prev: list[int] = []
    for i, row in enumerate(mask):
        edges = np.flatnonzero(np.diff(np.concatenate([[0], row.astype(np.int8), [0]])))
        current = []
        for s, e in zip(edges[::2], edges[1::2]):
            k = len(runs)
            runs.append((i, int(s), int(e)))
            parent.append(k)
            for p in prev:
                _, ps, pe = runs[p]
                if ps < e and s < pe:
                    a, b = find(p), find(k)
                    if a != b:
                        parent[max(a, b)] = min(a, b)
            current.append(k)
        prev = current
    out = np.zeros(mask.shape, np.int32)
    names: dict[int, int] = {}
    for k, (i, s, e) in enumerate(runs):
        root = find(k)
        if root not in names:
            names[root] = len(names) + 1
        out[i, s:e] = names[root]
    return out, len(names)
