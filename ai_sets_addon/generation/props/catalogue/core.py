"""The catalogue's data types and the one build path: kind + rng + variant -> PropModel.

A family generator gets a `Ctx` (the kind, its jittered size, its parameters, the
variant and the rng) and adds meshes to it by material slot; `make` merges them into
one Piece per slot, so a prop is a handful of instanced meshes however many parts it has.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import trimesh

from ...mesh import merge, new_mesh
from ..model import LightSocket, Piece, PropModel

VARIANTS = 3                       # parametric variants per family (at least three)
# Per-variant size factors (w, d, h): repeated pieces differ, yet stay near the kind's size.
_VARIANT_SCALE = ((1.0, 1.0, 1.0), (0.95, 1.03, 0.97), (1.04, 0.96, 1.03))
_JITTER = 0.015


@dataclass(frozen=True)
class PropKind:
    id: str                      # stable snake_case id: "washing_machine"
    en: tuple[str, ...]          # English nouns, singular, lower case
    fr: tuple[str, ...]          # French nouns, singular, lower case, with accents
    category: str                # vehicle|appliance|furniture|street|industrial|sport|light|...
    size_m: tuple[float, float, float]   # typical width (x), depth (y), height (z) in metres
    placement: str               # "floor" | "wall" | "ceiling" | "surface" | "ground"
    indoor: bool = True
    outdoor: bool = False
    holds: bool = False          # a surface small objects can rest on
    surface_height_m: float | None = None   # top of that surface
    wordnet: tuple[str, ...] = ()  # WordNet 3.0 anchor lemmas
    family: str = ""             # the generator that builds it
    params: tuple[tuple[str, object], ...] = ()   # the family's parameters for this kind

    @property
    def label(self) -> str:
        return self.en[0].title()


@dataclass
class Ctx:
    """What a family generator builds from, and what it builds into."""

    kind: PropKind
    w: float
    d: float
    h: float
    variant: int
    rng: np.random.Generator
    params: dict = field(default_factory=dict)
    parts: dict[tuple[str, bool], list[trimesh.Trimesh]] = field(default_factory=dict)
    sockets: list[LightSocket] = field(default_factory=list)
    hulls: list = field(default_factory=list)   # collision boxes when the bounds are too
                                                # coarse (a parasol: its pole, its canopy)

    def p(self, key: str, default=None):
        return self.params.get(key, default)

    def add(self, material: str, meshes, smooth: bool = False) -> None:
        if isinstance(meshes, trimesh.Trimesh):
            meshes = [meshes]
        self.parts.setdefault((material, smooth), []).extend(meshes)

    def light(self, offset, power_w: float, colour: str, kind: str = "POINT",
              size_m: float = 0.05, direction=(0.0, 0.0, -1.0), **kw) -> None:
        self.sockets.append(LightSocket(tuple(float(v) for v in offset), kind,
                                        tuple(float(v) for v in direction), float(power_w),
                                        float(size_m), colour=colour, **kw))

    @property
    def hx(self) -> float:
        return self.w / 2

    @property
    def hy(self) -> float:
        return self.d / 2

    def u(self, lo: float, hi: float) -> float:
        return float(self.rng.uniform(lo, hi))


@dataclass(frozen=True)
class Family:
    name: str
    make: Callable[[Ctx], None]
    budget: int                  # most faces one piece of this family may have
    doc: str = ""
    fit: bool = False            # organic or splayed shapes: scaled to the kind's size


FAMILIES: dict[str, Family] = {}


def family(name: str, budget: int, fit: bool = False) -> Callable:
    """Register a generator as the family `name` with its face budget per piece;
    `fit` scales what it builds to the kind's (jittered) size, for shapes whose extent
    comes from random leaves or splayed legs rather than from the size itself."""
    def register(fn: Callable[[Ctx], None]) -> Callable[[Ctx], None]:
        FAMILIES[name] = Family(name, fn, budget, (fn.__doc__ or "").strip().split("\n")[0],
                                fit)
        return fn
    return register


def _fit(ctx: Ctx) -> None:
    """Scale every part (and socket) about the origin so the bounds match w, d, h."""
    verts = np.vstack([m.vertices for ms in ctx.parts.values() for m in ms])
    lo, hi = verts.min(axis=0), verts.max(axis=0)
    ext = np.maximum(hi - lo, 1e-6)
    s = np.array([ctx.w, ctx.d, ctx.h]) / ext
    for key, meshes in ctx.parts.items():
        ctx.parts[key] = [new_mesh(m.vertices * s, m.faces, m.visual.uv * np.sqrt(s[0] * s[2]))
                          for m in meshes]
    for sock in ctx.sockets:
        sock.offset = tuple(float(v) for v in np.asarray(sock.offset) * s)


def _without_slivers(mesh):
    """The mesh less its zero-area faces (a leaf folded flat, a poster's collapsed edge),
    which atlases and shading cannot use; unreferenced vertices go with them."""
    keep = mesh.area_faces > 1e-9
    if keep.all():
        return mesh
    faces = mesh.faces[keep]
    used = np.unique(faces)
    remap = np.full(len(mesh.vertices), -1)
    remap[used] = np.arange(len(used))
    return new_mesh(mesh.vertices[used], remap[faces], mesh.visual.uv[used])


def make(kind: PropKind, rng: np.random.Generator, variant: int | None = None) -> PropModel:
    if variant is None:
        variant = int(rng.integers(VARIANTS))
    variant = int(variant) % VARIANTS
    scale = np.asarray(_VARIANT_SCALE[variant]) * (1.0 + rng.uniform(-_JITTER, _JITTER, 3))
    w, d, h = (float(v) for v in np.asarray(kind.size_m) * scale)
    ctx = Ctx(kind, w, d, h, variant, rng, dict(kind.params))
    fam = FAMILIES[kind.family]
    fam.make(ctx)
    if fam.fit:
        _fit(ctx)
    pieces = []
    for (material, smooth), meshes in sorted(ctx.parts.items()):
        suffix = material.replace("_", " ").title()
        pieces.append(Piece(suffix, _without_slivers(merge(meshes)), material, smooth))
    if len(pieces) == 1:
        pieces[0].suffix = ""
    return PropModel(kind.id, kind.label, pieces, sockets=ctx.sockets,
                     hulls=[np.asarray(h, float) for h in ctx.hulls])
