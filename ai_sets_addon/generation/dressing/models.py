"""Catalogue models for the dressing, built once per (kind, variant) and shared.

A model's mesh depends only on its kind and variant (its own named stream), so the
same chair variant in two rooms is one mesh, and dressing a room costs the builds of
the kinds it has not seen yet. Which variant a piece gets is the room's draw.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ...core import seeds
from ..props.catalogue import KINDS, VARIANTS, build
from ..props.model import PropModel

# Variants that come out empty for the dressing's purpose (variant 1 of the shelf
# family has no books: a bookcase in a lived-in room is filled).
_SKIP = {"bookcase": (1,), "library_stack": (1,), "low_bookcase": (1,)}


@lru_cache(maxsize=1024)
def model(kind: str, variant: int) -> PropModel:
    return build(kind, seeds.rng(0, "dressing.model", kind, str(variant)), variant)


def variant_for(kind: str, rng: np.random.Generator) -> int:
    choices = [v for v in range(VARIANTS) if v not in _SKIP.get(kind, ())]
    return int(choices[int(rng.integers(len(choices)))])


def known(kind: str) -> bool:
    return kind in KINDS


def holds(kind: str) -> bool:
    return kind in KINDS and KINDS[kind].holds


def placement_of(kind: str) -> str:
    where = KINDS[kind].placement
    return "floor" if where == "ground" else where
