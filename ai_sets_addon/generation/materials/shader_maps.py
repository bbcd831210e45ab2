"""Texture maps of the shader-only families that draw a pattern, for the exporters.

Cycles draws leaf cards, bark furrows, lit windows and posters with node graphs
(blender/scene/shaders.py); a glTF or USD viewer cannot run those graphs, so the same patterns
are computed here once, in numpy, at prepare time, and written into the set's
`textures/` like every other map. Both read every pattern number from one table,
shader_patterns.py; this module writes none of its own:

  foliage cards ("cards", "needles", "fronds"): K_base_color.png, RGBA: the leaf
      colour and the leaf cut-out in alpha (leaves at their real size on the card)
  bark:        K_base_color.png (furrows along the trunk), K_normal.png (OpenGL)
  lit_window:  K_emission.png (warm rooms, uneven window to window)
  poster:      K_base_color.png and K_emission.png (the print's colour fields)

Constant families (glass, emission, neon, water, paint, backdrop, leaf mass without
cards) keep their constants. The maps are for exporters only: the description stays
kind "shader" (the Blender scene keeps its graphs) and `params["maps_for"]` says so.
Colour maps are sRGB, 8-bit; a map repeats every `tile_size_m` metres of the tiled UVs
(texel (0, 0) at UV (0, 0), as for every map). Leaf cards have UVs in metres centred
on each card, so a card map's tile is the card, with the card's centre at texel
(0, 0): the map wraps once across a card (`params["map_origin"] == "card_centre"`).

Deterministic: one named random stream per material (seeds.rng), numpy only, the
same bytes whatever the thread count. Never imports bpy.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from ...core.colour import linear_to_srgb as encode_srgb
from ...model.assets import MaterialDescription
from ...core.fileio import write_png_fast
from ...model.plan import MaterialRequest
from ...core.seeds import rng as stream
from . import maps as mp
from . import noise as nz
from . import shader_patterns as sp
from .shader_only import describe_shader_material

F32 = np.float32
MIN_SIZE, MAX_SIZE = 256, 512          # small: a viewer's stand-in for a Cycles graph
COLOUR_MAPS = ("base_color", "emission")   # sRGB; the normal map is linear data
MAPS_FOR = "export"


def map_size(texture_size: int) -> int:
    """The set's texture size, kept within 256..512 px."""
    size = int(texture_size)
    return MIN_SIZE if size <= MIN_SIZE else MAX_SIZE


def has_maps(family: str, params: dict[str, Any]) -> bool:
    """Whether a shader-only material draws a pattern an exporter needs as an image."""
    return family in ("bark", "lit_window", "poster") or (
        family == "foliage" and bool(params.get("pattern")))


def make_shader_material(request: MaterialRequest, texture_size: int,
                         out_dir: Path) -> MaterialDescription:
    """describe_shader_material, plus the exporters' maps written into `out_dir`."""
    desc = describe_shader_material(request)
    if not has_maps(desc.family, desc.params):
        return desc
    arrays, tile = shader_map_arrays(desc.family, desc.params, map_size(texture_size),
                                     request.seed, request.key)
    desc.maps = {name: write_png_fast(Path(out_dir) / f"{request.key}_{name}.png",
                                      quantise(name, values))
                 for name, values in arrays.items()}
    desc.tile_size_m = tile
    desc.params["maps_for"] = MAPS_FOR
    if desc.params.get("pattern") in ("leaf", "needle", "frond"):
        desc.params["map_origin"] = "card_centre"
    return desc


def quantise(name: str, values: np.ndarray) -> np.ndarray:
    if name == "normal":
        return mp.normal_u8(values)
    return mp.to_u8(values)


def shader_map_arrays(family: str, params: dict[str, Any], size: int, seed: int,
                      key: str = "") -> tuple[dict[str, np.ndarray], tuple[float, float]]:
    """(map name -> float32 array (rows, cols[, channels]), tile size in metres) of a
    pattern family; colours are sRGB 0..1 (alpha linear), normals unit vectors."""
    rng = stream(seed, "shader_maps", family, key)
    if family == "foliage" and params.get("pattern") == "frond":
        return _frond(params, size, rng)
    if family == "foliage" and params.get("pattern"):
        return _cards(params, size, rng)
    if family == "bark":
        return _bark(params, size, rng)
    if family == "lit_window":
        return _lit_window(params, size, rng)
    if family == "poster":
        return _poster(params, size, rng)
    return {}, (1.0, 1.0)


# --------------------------------------------------------------------------- helpers

def linear_to_srgb(rgb: np.ndarray) -> np.ndarray:
    return encode_srgb(rgb).astype(F32)


def _lerp(a, b, t: np.ndarray) -> np.ndarray:
    a, b = np.asarray(a, F32)[:3], np.asarray(b, F32)[:3]
    return (a + (b - a) * t[..., None]).astype(F32)


def _ramp(fac: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """A two-stop colour ramp's blend factor (linear between its stops)."""
    return np.clip((fac - F32(lo)) / F32(max(hi - lo, 1e-6)), 0.0, 1.0).astype(F32)


def _texel_uv(rows: int, cols: int, tile: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
    """Metre UVs of texel centres: u along columns, v up (row 0 is the top, v = tile)."""
    u = (np.arange(cols, dtype=np.float64) + 0.5) / cols * tile[0]
    v = (1.0 - (np.arange(rows, dtype=np.float64) + 0.5) / rows) * tile[1]
    return u[None, :], v[:, None]


def _centred(coord: np.ndarray, span: float) -> np.ndarray:
    """A tile coordinate in [0, span) as the card's own, in [-span/2, span/2)."""
    return np.mod(coord + span / 2, span) - span / 2


def voronoi_f1(x: np.ndarray, y: np.ndarray, z: float, rng: np.random.Generator,
               period: tuple[int, int] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(F1 distance, cell id) of a 3-D Voronoi (one random point per unit cube, as
    Cycles' Voronoi texture) sliced at height `z`; `period` makes it repeat every
    (px, py) cells in x and y."""
    x, y = np.broadcast_arrays(np.asarray(x, np.float64), np.asarray(y, np.float64))
    cx, cy, cz = np.floor(x).astype(np.int64), np.floor(y).astype(np.int64), int(np.floor(z))
    if period:
        nx, ny = period
        x0, y0 = 0, 0
    else:
        x0, y0 = int(cx.min()) - 1, int(cy.min()) - 1
        nx, ny = int(cx.max()) + 2 - x0, int(cy.max()) + 2 - y0
    points = rng.random((3, ny, nx, 3))         # z layer, row, column, xyz
    best = np.full(x.shape, np.inf)
    ids = np.zeros(x.shape, np.int64)
    for oz in (-1, 0, 1):
        for oy in (-1, 0, 1):
            for ox in (-1, 0, 1):
                gx, gy = cx + ox, cy + oy
                ix, iy = (gx % nx, gy % ny) if period else (gx - x0, gy - y0)
                p = points[oz + 1, iy, ix]
                d = ((gx + p[..., 0] - x) ** 2 + (gy + p[..., 1] - y) ** 2
                     + (cz + oz + p[..., 2] - z) ** 2)
                closer = d < best
                best = np.where(closer, d, best)
                ids = np.where(closer, (oz + 1) * nx * ny + iy * nx + ix, ids)
    return np.sqrt(best).astype(F32), ids


def _soft_step(signed: np.ndarray, width: float) -> np.ndarray:
    """0..1 across an edge about one texel wide (`signed` > 0 inside)."""
    return np.clip(0.5 + signed / F32(width), 0.0, 1.0).astype(F32)


def _rgba(colour_linear: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """sRGB + alpha; where the alpha is 0 the colour is the leaves' mean, so a viewer's
    filtering never bleeds black into a leaf's edge."""
    covered = alpha > 0
    mean = colour_linear[covered].mean(axis=0) if covered.any() else colour_linear.mean((0, 1))
    colour = np.where(covered[..., None], colour_linear, mean.astype(F32))
    return np.concatenate([linear_to_srgb(colour), alpha[..., None]], axis=-1).astype(F32)


# --------------------------------------------------------------------------- foliage

def _cards(p: dict[str, Any], n: int, rng) -> tuple[dict[str, np.ndarray], tuple]:
    """A leaf (or needle) card as Cycles cuts it (blender/scene/shaders.py _leaf_alpha): leaves
    are Voronoi cells stretched to a leaf's size (F1 < leaf_f1 in units of leaf_m), on a
    noisy disc of the card's size. The card's centre is texel (0, 0)."""
    t = sp.LEAF_CARDS
    card = float(p["card_m"])
    width, length = (float(c) / t.cells_per_leaf for c in p["leaf_m"])    # one cell
    tile = (card, card)
    u, v = _texel_uv(n, n, tile)
    u, v = _centred(u, card), _centred(v, card)
    z = float(rng.uniform(0.0, t.card_slices)) * t.cells_per_leaf
    f1, ids = voronoi_f1(u / width, v / length, z, rng)
    texel_cells = card / n / min(width, length)       # one texel, in cell units
    leaf = _soft_step(F32(t.leaf_f1) - f1, texel_cells)
    radius = np.hypot(u, v) / (card / 2)
    ragged = 0.5 + t.ragged_amplitude * nz.spectral(rng, n, high=t.ragged_band[1],
                                                     low=t.ragged_band[0])
    edge = _soft_step((t.outline - t.ragged * ragged - radius).astype(F32), 2.0 / n)
    alpha = (leaf * edge).astype(F32)
    alpha[alpha < 1.0 / 255] = 0.0
    # Each leaf its own tone between the graph's two, darker toward its edge.
    tone = rng.uniform(*t.tone_range, int(ids.max()) + 1)[ids].astype(F32)
    rim = np.clip(1.0 - f1 / F32(t.leaf_f1), 0.0, 1.0)
    tone = tone * ((1.0 - t.edge_shade) + t.edge_shade * rim).astype(F32)
    colour = _lerp(p["tone_dark"], p["tone_light"], tone)
    return {"base_color": _rgba(colour, alpha)}, tile


def _frond(p: dict[str, Any], n: int, rng) -> tuple[dict[str, np.ndarray], tuple]:
    """Palm leaflets as the graph slants them: fract(|u| slant / length + v / width) <
    leaflet, and the rachis (|u| < rachis_m); u = 0 (the frond's midrib) is texel
    column 0."""
    t = sp.FRONDS
    width, length = (float(c) for c in p["leaf_m"])
    tile = t.tile_m
    u, v = _texel_uv(n, n, tile)
    u = _centred(u, tile[0])
    slant = np.abs(u) * (t.slant / length) + v / width
    phase = np.mod(slant, 1.0)
    on = phase < t.leaflet
    signed = np.where(on, np.minimum(phase, t.leaflet - phase),          # > 0: leaflet
                      -np.minimum(phase - t.leaflet, 1.0 - phase))
    footprint = np.hypot(t.slant / length * tile[0] / n, tile[1] / n / width)
    leaflet = _soft_step(signed.astype(F32), footprint)
    rachis = _soft_step((t.rachis_m - np.abs(u)).astype(F32), tile[0] / n)
    alpha = np.maximum(leaflet, np.broadcast_to(rachis, leaflet.shape)).astype(F32)
    alpha[alpha < 1.0 / 255] = 0.0
    tone = (0.5 + t.tone_amplitude * nz.spectral(rng, n, high=t.tone_detail)).astype(F32)
    middle = t.leaflet / 2                     # a leaflet's midrib: lighter toward it
    tone -= F32(t.midrib_shade) * (np.abs(phase - middle) / middle).astype(F32) * on
    colour = _lerp(p["tone_dark"], p["tone_light"], np.clip(tone, 0.0, 1.0))
    return {"base_color": _rgba(colour, alpha)}, tile


# --------------------------------------------------------------------------- bark

def _bark(p: dict[str, Any], n: int, rng) -> tuple[dict[str, np.ndarray], tuple]:
    """The graph's wave bands (Sine profile) in the tiled UVs, where u runs around a
    trunk or branch and v along it: furrows run along v; birch's lenticel bands (bands
    "Z", across a standing trunk) run along u."""
    t = sp.BARK
    tile = (t.tile_m, t.tile_m)
    u, v = _texel_uv(n, n, tile)
    across = v if p.get("bands") == "Z" else u
    cycles = t.furrows_per_tile                              # 19 furrows a metre
    low, high = t.wiggle_band
    stretch = t.wiggle_stretch if p.get("bands") == "Z" else 1 / t.wiggle_stretch
    distortion = (t.distortion * t.wiggle_per_distortion) * nz.spectral(
        rng, n, low=low, high=high, beta=t.wiggle_beta, aniso=stretch)
    phase = 2 * np.pi * cycles * across / t.tile_m + distortion
    fac = (0.5 + 0.5 * np.sin(phase - np.pi / 2)).astype(F32)
    lo, hi = p["tone_split"]
    colour = _lerp(p["tone_dark"], p["tone_light"], _ramp(fac, lo, hi))
    normal = mp.normal_from_height(fac * F32(t.relief_m), t.tile_m / n)
    return {"base_color": linear_to_srgb(colour), "normal": normal}, tile


# --------------------------------------------------------------------------- emitters

def _lit_window(p: dict[str, Any], n: int, rng) -> tuple[dict[str, np.ndarray], tuple]:
    """Rooms behind the glass: the graph's slow noise through its warm two-tone ramp,
    as the emission colour."""
    t = sp.LIT_WINDOW
    tile = (t.tile_m, t.tile_m)
    fac = (0.5 + t.spread * nz.spectral(rng, n, high=t.finest_per_tile)).astype(F32)
    colour = _lerp(p["emission_dark"], p["emission_light"], _ramp(fac, *t.ramp))
    return {"emission": linear_to_srgb(colour)}, tile


def _poster(p: dict[str, Any], n: int, rng) -> tuple[dict[str, np.ndarray], tuple]:
    """Bold colour fields: Voronoi distance through the graph's constant ramp; base
    colour and emission are the same print."""
    t = sp.POSTER
    cell_m, cells = t.cell_m, t.cells_per_tile
    tile = (cells * cell_m, cells * cell_m)
    u, v = _texel_uv(n, n, tile)
    f1, _ = voronoi_f1(u / cell_m, v / cell_m, float(rng.uniform(0.0, t.frame_shift[2])),
                       rng, period=(cells, cells))
    stops = sorted((float(pos), np.asarray(col, F32)) for pos, col in p["poster_stops"])
    colour = np.empty(f1.shape + (3,), F32)
    colour[:] = stops[0][1]
    for pos, col in stops[1:]:                     # constant interpolation
        colour[f1 >= pos] = col
    srgb = linear_to_srgb(colour)
    return {"base_color": srgb, "emission": srgb.copy()}, tile
