"""Atlas texels of a part: which face covers each texel centre, where that texel sits
on the mesh, and island padding (gutter fill) so filtering never reaches unpainted texels.

Texel (row r, column c) has its centre at UV ((c + 0.5) / W, 1 - (r + 0.5) / H):
row 0 is the top of the PNG, V = 0 the bottom, as Blender samples images.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .scene import PaintPart

_CHUNK_TEXELS = 4_000_000   # candidate texels per vectorised batch (memory bound)


@dataclass
class TexelMap:
    """The texels covered by a part's atlas islands (flat indices into H*W)."""

    width: int
    height: int
    index: np.ndarray        # (T,) int64 flat texel index, row-major from the top
    face: np.ndarray         # (T,) int32 face covering the texel centre
    bary: np.ndarray         # (T, 3) barycentrics in that face
    position: np.ndarray     # (T, 3) float32 prototype-space point of the texel centre

    @property
    def island(self) -> np.ndarray:
        """(H, W) bool: texels inside an island."""
        mask = np.zeros(self.height * self.width, bool)
        mask[self.index] = True
        return mask.reshape(self.height, self.width)


def rasterise_atlas(part: PaintPart) -> TexelMap:
    """Every texel centre inside an atlas triangle (last face wins on shared edges)."""
    width, height = (int(v) for v in part.atlas_size)
    faces = np.asarray(part.faces, np.int64)
    uv = np.asarray(part.atlas_uv, np.float64)
    tri = np.stack([uv[faces][..., 0] * width - 0.5,
                    (1.0 - uv[faces][..., 1]) * height - 0.5], axis=-1)   # texel coords
    lo = np.clip(np.ceil(tri.min(axis=1) - 1e-9), 0, [width - 1, height - 1]).astype(np.int64)
    hi = np.clip(np.floor(tri.max(axis=1) + 1e-9), -1, [width - 1, height - 1]).astype(np.int64)
    span = np.maximum(hi - lo + 1, 0)
    counts = span[:, 0] * span[:, 1]
    hits: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    start = 0
    while start < len(faces):
        stop = _chunk_end(counts, start)
        hits.append(_raster_chunk(tri, lo, span, counts, start, stop, width))
        start = stop
    index = np.concatenate([h[0] for h in hits]) if hits else np.zeros(0, np.int64)
    face = np.concatenate([h[1] for h in hits]) if hits else np.zeros(0, np.int64)
    bary = np.concatenate([h[2] for h in hits]) if hits else np.zeros((0, 3))
    index, first = np.unique(index[::-1], return_index=True)   # last write wins
    face, bary = face[::-1][first], bary[::-1][first]
    pos = np.asarray(part.positions, np.float64)[faces[face]]
    return TexelMap(width, height, index, face.astype(np.int32), bary,
                    np.einsum("nk,nkj->nj", bary, pos).astype(np.float32))


def _chunk_end(counts: np.ndarray, start: int) -> int:
    total = np.cumsum(counts[start:])
    stop = start + int(np.searchsorted(total, _CHUNK_TEXELS, side="right"))
    return max(stop, start + 1)


def _raster_chunk(tri, lo, span, counts, start, stop, width):
    ids = np.repeat(np.arange(start, stop), counts[start:stop])
    if not len(ids):
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros((0, 3))
    first = np.repeat(np.cumsum(counts[start:stop]) - counts[start:stop], counts[start:stop])
    local = np.arange(len(ids)) - first
    sx = span[ids, 0]
    cx = lo[ids, 0] + local % sx
    cy = lo[ids, 1] + local // sx
    bary = _barycentric(tri[ids], np.stack([cx, cy], axis=1).astype(np.float64))
    inside = (bary >= -1e-7).all(axis=1)
    return (cy[inside] * width + cx[inside]), ids[inside], np.clip(bary[inside], 0.0, 1.0)


def _barycentric(tri: np.ndarray, p: np.ndarray) -> np.ndarray:
    a, b, c = tri[:, 0], tri[:, 1], tri[:, 2]
    v0, v1, v2 = b - a, c - a, p - a
    den = v0[:, 0] * v1[:, 1] - v1[:, 0] * v0[:, 1]
    safe = np.where(np.abs(den) > 1e-20, den, np.inf)   # degenerate: outside
    w1 = (v2[:, 0] * v1[:, 1] - v1[:, 0] * v2[:, 1]) / safe
    w2 = (v0[:, 0] * v2[:, 1] - v2[:, 0] * v0[:, 1]) / safe
    return np.stack([1.0 - w1 - w2, w1, w2], axis=1)


def pad_islands(colour: np.ndarray, coverage: np.ndarray, filled: np.ndarray,
                island: np.ndarray, iterations: int) -> tuple[np.ndarray, np.ndarray]:
    """Grow colour from `filled` texels into every other texel, and coverage from the
    islands into the gutter only, `iterations` texels deep: bilinear and mip filtering
    at an island's edge then read painted colour, never black. Unseen texels inside
    an island keep coverage 0 (the procedural material shows there)."""
    colour, coverage = colour.copy(), coverage.copy()
    have_c, have_k = filled.copy(), island.copy()
    for _ in range(iterations):
        _grow(colour, have_c)
        _grow(coverage[..., None], have_k)
    return colour, coverage


def _grow(values: np.ndarray, have: np.ndarray) -> None:
    """One step, in place: each empty texel next to a filled one takes the mean of its
    filled 4-neighbours. Only the frontier is gathered, so a 2K atlas stays cheap."""
    h, w = have.shape
    ys, xs = np.nonzero(dilate(have) & ~have)
    if not len(ys):
        return
    total = np.zeros((len(ys), values.shape[2]), np.float64)
    count = np.zeros(len(ys), np.float64)
    for dy, dx in ((1, 0), (-1, 0), (0, 1), (0, -1)):
        ny, nx = ys + dy, xs + dx
        ok = (ny >= 0) & (ny < h) & (nx >= 0) & (nx < w)
        ok[ok] = have[ny[ok], nx[ok]]
        total[ok] += values[ny[ok], nx[ok]]
        count[ok] += 1.0
    values[ys, xs] = (total / count[:, None]).astype(values.dtype)
    have[ys, xs] = True


def dilate(mask: np.ndarray) -> np.ndarray:
    """Grow a boolean mask by one pixel (4-neighbourhood)."""
    out = mask.copy()
    out[1:] |= mask[:-1]
    out[:-1] |= mask[1:]
    out[:, 1:] |= mask[:, :-1]
    out[:, :-1] |= mask[:, 1:]
    return out
