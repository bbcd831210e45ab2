"""The one definition of the four drawn shader patterns: leaf cards, bark, lit windows,
posters.

Each pattern is drawn twice: as a Cycles node graph for renders (blender/scene/shaders.py)
and as a numpy bake for the glTF/USD exporters (shader_maps.py), which cannot run node
graphs. Both builders read every scale, frequency, threshold and ramp stop from the
tables below (the colours and leaf sizes come from each material's description,
shader_only.py), so a render and an export draw the same leaves, furrows, rooms and
prints. Neither builder
may write a pattern number of its own: tests/blender/test_shader_patterns.py changes
each value here in turn and checks that exactly the outputs said to read it change.

Why a shared table and not Cycles sampling the bakes: the graphs draw what one baked
tile cannot (every leaf card and every poster frame different, bark and windows that
never repeat in object space, sharp at any distance), so the render keeps its graphs
and the export gets a tile of the same pattern.

Fields marked `BAKE` only tell the bake how to imitate a Cycles texture it cannot call
(Perlin noise, per-leaf tones); fields marked `CYCLES` only set a Cycles node input the
bake has no counterpart for. Every other field is read by both. Never imports bpy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields

BOTH, CYCLES, BAKE = "both", "cycles", "bake"


def _used(by: str = BOTH) -> dict:
    return {"used_by": by}


@dataclass(frozen=True)
class LeafCards:
    """Leaves (or needles) are Voronoi cells stretched to one leaf (the material's
    `leaf_m`, width x length): a leaf where F1 < `leaf_f1`, in leaf units. The card's
    outline is a noisy disc: radius / (card_m / 2) + `ragged` x noise < `outline`;
    Cycles takes that noise from object space (`ragged_scale` a metre, so every card
    gets its own patch), the bake from one card tile (`ragged_band` cycles a card)."""
    leaf_f1: float = field(default=0.5, metadata=_used())
    cells_per_leaf: float = field(default=1.0, metadata=_used())   # Voronoi scale
    card_slices: float = field(default=97.0, metadata=_used())     # a card's slice: 0..97
    outline: float = field(default=1.15, metadata=_used())
    ragged: float = field(default=0.5, metadata=_used())
    ragged_scale: float = field(default=4.0, metadata=_used(CYCLES))   # per metre
    ragged_detail: float = field(default=2.0, metadata=_used(CYCLES))
    ragged_band: tuple[float, float] = field(default=(1.0, 4.0), metadata=_used(BAKE))
    ragged_amplitude: float = field(default=0.1, metadata=_used(BAKE))   # Perlin's spread
    tone_range: tuple[float, float] = field(default=(0.25, 0.75), metadata=_used(BAKE))
    edge_shade: float = field(default=0.2, metadata=_used(BAKE))   # darker at a leaf's rim


@dataclass(frozen=True)
class Fronds:
    """Palm leaflets slanted off the midrib: a leaflet where
    fract(|u| x `slant` / length + v / width) < `leaflet`; the rachis where |u| <
    `rachis_m`. The bake's tile is `tile_m` (u: a whole frond, v: a few leaflets)."""
    slant: float = field(default=1.2, metadata=_used())
    leaflet: float = field(default=0.5, metadata=_used())
    rachis_m: float = field(default=0.02, metadata=_used())
    tile_m: tuple[float, float] = field(default=(1.5, 0.36), metadata=_used(BAKE))
    tone_amplitude: float = field(default=0.12, metadata=_used(BAKE))
    tone_detail: float = field(default=6.0, metadata=_used(BAKE))  # spectral cycles a tile
    midrib_shade: float = field(default=0.15, metadata=_used(BAKE))


WAVE_BANDS_PER_UNIT = 20.0      # Cycles' wave texture: bands phase = coordinate x 20


@dataclass(frozen=True)
class Bark:
    """Furrows: Cycles' wave bands (Sine profile) at `scale`, broken by `distortion`
    noise of `detail` octaves; a bump of `bump_distance_m` x `bump_strength`. The
    colour ramp's stops are the material's `tone_split`: `ramp` unless the bark
    says otherwise (birch's thin dark lenticels). The bake wiggles its furrows by
    `distortion` x `wiggle_per_distortion` radians (Cycles: distortion x (2 x noise - 1),
    the noise's spread about 1/12)."""
    scale: float = field(default=6.0, metadata=_used())
    ramp: tuple[float, float] = field(default=(0.3, 0.7), metadata=_used())
    distortion: float = field(default=12.0, metadata=_used())
    detail: float = field(default=6.0, metadata=_used(CYCLES))
    bump_distance_m: float = field(default=0.03, metadata=_used())
    bump_strength: float = field(default=0.8, metadata=_used())
    tile_m: float = field(default=1.0, metadata=_used(BAKE))
    wiggle_per_distortion: float = field(default=1 / 6, metadata=_used(BAKE))  # radians
    wiggle_band: tuple[float, float] = field(default=(1.0, 32.0), metadata=_used(BAKE))
    wiggle_beta: float = field(default=3.5, metadata=_used(BAKE))
    wiggle_stretch: float = field(default=3.0, metadata=_used(BAKE))   # along the furrows

    @property
    def relief_m(self) -> float:
        """The bump's height range in metres (the bake's normal map)."""
        return self.bump_distance_m * self.bump_strength

    @property
    def furrows_per_tile(self) -> int:
        """Cycles' bands: phase = 20 x scale x coordinate, so scale x 20 / 2 pi furrows a
        metre, rounded so the bake's tile wraps."""
        return round(self.scale * WAVE_BANDS_PER_UNIT / (2 * math.pi) * self.tile_m)


@dataclass(frozen=True)
class LitWindow:
    """Rooms behind the glass: slow noise at `scale` (features ~1/scale m) through a
    two-tone ramp between `ramp` stops, from `emission_dark` to `emission_light`."""
    scale: float = field(default=0.35, metadata=_used())
    detail: float = field(default=2.0, metadata=_used())
    ramp: tuple[float, float] = field(default=(0.3, 0.7), metadata=_used())
    tile_m: float = field(default=4.0, metadata=_used(BAKE))
    spread: float = field(default=0.12, metadata=_used(BAKE))      # Perlin's spread

    @property
    def finest_per_tile(self) -> int:
        """The bake's finest noise, in cycles a tile: Cycles' noise has octaves from
        `scale` to `scale` x 2^detail a metre."""
        return math.ceil(self.scale * 2 ** self.detail * self.tile_m)


@dataclass(frozen=True)
class Poster:
    """Bold colour fields: Voronoi distance at `scale` (cells 1/scale m) through the
    material's constant ramp (`poster_stops`). Each frame is shifted by its object's
    random number x `frame_shift` (Cycles); the bake's slice is at 0..frame_shift z."""
    scale: float = field(default=0.6, metadata=_used())
    frame_shift: tuple[float, float, float] = field(default=(37.1, 11.3, 23.7),
                                                    metadata=_used())
    cells_per_tile: int = field(default=2, metadata=_used(BAKE))

    @property
    def cell_m(self) -> float:
        return 1.0 / self.scale


LEAF_CARDS = LeafCards()
FRONDS = Fronds()
BARK = Bark()
LIT_WINDOW = LitWindow()
POSTER = Poster()

# The names the builders look the tables up by, so a test can swap one in.
TABLES = {"LEAF_CARDS": LeafCards, "FRONDS": Fronds, "BARK": Bark,
          "LIT_WINDOW": LitWindow, "POSTER": Poster}


def used_by(table: type, name: str) -> str:
    """Which builder reads a field: "both", "cycles" or "bake"."""
    return next(f.metadata["used_by"] for f in fields(table) if f.name == name)
