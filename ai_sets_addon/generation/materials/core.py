"""The shared machinery of material families: context, surface layers, registry.

A family recipe is a function `Ctx -> Surface`: it paints albedo (sRGB 0..1),
height (metres), roughness and metallic at true scale on one texture tile of
`tile_m` metres. Modifiers and the finishing pass (AO, normal, clamping) are common
to all families and live in modifiers.py and maps.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ...core import seeds
from . import noise as nz

F32 = np.float32
RGB = tuple[float, float, float]


@dataclass
class Ctx:
    """Where a recipe paints: n x n pixels covering tile_m x tile_m metres."""

    n: int
    tile_m: float
    seed: int
    family: str

    @property
    def px_m(self) -> float:
        """Size of one pixel on the surface, in metres."""
        return self.tile_m / self.n

    def rng(self, layer: str) -> np.random.Generator:
        """An independent stream per named layer: adding a layer never shifts others."""
        return seeds.rng(self.seed, self.family, layer)      # the one seeding scheme

    def cycles(self, feature_m: float) -> float:
        """How many features of `feature_m` metres fit in one tile (cycles per tile)."""
        return self.tile_m / feature_m

    def noise(self, layer: str, feature_m: float, *, smallest_m: float | None = None,
              beta: float = 2.0, aniso: float = 1.0, angle: float = 0.0,
              count: int = 1) -> np.ndarray:
        """Fractal noise whose largest features are ~feature_m (unit std, periodic).

        Never fewer than 2 cycles per tile: a blotch as large as the tile is what makes
        repeats obvious on a wall; variation that large is the shader's world-space
        noise, which does not repeat (blender/scene/materials.py).
        """
        low = max(2.0, self.cycles(feature_m))
        high = self.cycles(smallest_m) if smallest_m else low * 8.0
        high = min(max(high, low + 1.0), self.n / 2.0)
        return nz.spectral(self.rng(layer), self.n, beta=beta, low=low, high=high,
                           aniso=aniso, angle=angle, count=count)

    def hairlines(self, layer: str, length_m: float) -> np.ndarray:
        """Pixel-thin lines along u about length_m long (unit std)."""
        return nz.hairlines(self.rng(layer), self.n, int(round(self.tile_m / length_m)))

    def micro(self, grain: np.ndarray, slope: float) -> np.ndarray:
        """Per-pixel relief from a grain field with a given typical slope. Pixel-scale
        heights must scale with the pixel, or a 256² map and a 4096² map of the same
        material would have normals 16x apart in strength."""
        return grain * F32(slope * self.px_m)

    def grain(self, layer: str, soft: bool = True) -> np.ndarray:
        return nz.grain(self.rng(layer), self.n, soft)

    def visible(self, feature_m: float) -> float:
        """0..1: fades detail that is under ~3 pixels (keeps low sizes alias-free)."""
        pixels = feature_m / self.px_m
        return float(np.clip((pixels - 1.5) / 3.0, 0.0, 1.0))

    def coords(self) -> tuple[np.ndarray, np.ndarray]:
        """(x, y) pixel centres in tile units 0..1, shaped (1, n) and (n, 1)."""
        return nz.pixel_coords(self.n)


@dataclass
class Surface:
    """A family's layers before modifiers and finishing."""

    albedo: np.ndarray                     # (n, n, 3) sRGB 0..1
    height: np.ndarray                     # (n, n) metres, any offset
    roughness: np.ndarray                  # (n, n) 0..1
    metallic: np.ndarray | float = 0.0     # constant or (n, n)
    joints: np.ndarray | None = None       # (n, n) 0..1: mortar/grout/gaps (dirt, moss)
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Family:
    """A registered material family and the physical facts it is built on."""

    key: str
    build: Callable[[Ctx], Surface]
    tile_m: float                          # metres covered by one texture tile
    roughness: tuple[float, float]         # documented plausible range (before words)
    base_rgb: RGB                          # dominant sRGB colour (colour words recolour it)
    porosity: float = 0.5                  # how much water darkens it (0 glass .. 1 soil)
    paintable: bool = False                # colour words replace the colour entirely
    metal: bool = False
    floor_like: bool = False               # usually walked on (puddles, wear)
    description: str = ""


FAMILIES: dict[str, Family] = {}


Recipe = Callable[[Ctx], Surface]


def family(key: str, **facts: Any) -> Callable[[Recipe], Recipe]:
    """Decorator registering a recipe under `key` with its physical facts."""
    def register(build: Recipe) -> Recipe:
        FAMILIES[key] = Family(key=key, build=build, description=(build.__doc__ or "").strip(),
                               **facts)
        return build
    return register


# --- colour helpers ---------------------------------------------------------------------

def rgb(c: RGB | np.ndarray) -> np.ndarray:
    return np.asarray(c, F32).reshape(1, 1, 3)


def mix(a: np.ndarray, b: np.ndarray, t: np.ndarray | float) -> np.ndarray:
    """Linear blend a -> b; `t` (n, n) broadcasts over colour channels. Works in place
    on one fresh array (these are the hottest lines: 12 M floats at 2048²)."""
    if isinstance(t, np.ndarray) and t.ndim == 2 and (np.ndim(a) == 3 or np.ndim(b) == 3):
        t = t[..., None]
    out = np.subtract(b, a, dtype=F32)
    out = np.multiply(out, t, dtype=F32) if np.ndim(out) < np.ndim(t) or \
        np.shape(out) != np.broadcast_shapes(np.shape(out), np.shape(t)) else \
        np.multiply(out, t, out=out, dtype=F32)
    out += a
    return out


def two_tone(t: np.ndarray, a: RGB, b: RGB) -> np.ndarray:
    """(n, n) 0..1 -> (n, n, 3) between two sRGB colours."""
    return mix(rgb(a), rgb(b), np.clip(t, 0.0, 1.0))


def luminance(albedo: np.ndarray) -> np.ndarray:
    """Plain channel mean (n, n): summing slices beats a strided reduce over axis 2."""
    out = albedo[..., 0] + albedo[..., 1]
    out += albedo[..., 2]
    out *= F32(1.0 / 3.0)
    return out


def palette_pick(rng: np.random.Generator, count: int, colours: list[RGB],
                 weights: list[float] | None = None, spread: float = 0.04,
                 hue: float = 0.5) -> np.ndarray:
    """`count` sRGB colours drawn from a palette, each nudged a little: per-unit colour.

    `spread` is the brightness jitter, `hue * spread` the per-channel (hue) jitter:
    natural units vary mostly in value, little in hue.
    """
    idx = rng.choice(len(colours), size=count, p=None if weights is None
                     else np.asarray(weights) / np.sum(weights))
    base = np.asarray(colours, F32)[idx]
    jitter = 1.0 + spread * rng.standard_normal((count, 1)).astype(F32)
    tint = 1.0 + hue * spread * rng.standard_normal((count, 3)).astype(F32)
    return (base * jitter * tint).astype(F32)
