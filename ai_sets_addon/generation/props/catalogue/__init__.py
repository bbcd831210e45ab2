"""The dressing catalogue: 250+ prop kinds at real sizes with English and French names,
built by parametric families (one generator per family, many kinds as parameter sets:
the cabinet family gives wardrobes, nightstands, dressers and filing cabinets).

Contract (shared with the places and lexicon helpers, issue 19):
- `KINDS`: id -> PropKind (names, category, typical size, placement, support surface);
- `build(kind_id, rng, variant)`: a PropModel at real size, origin at the centre of its
  base, Z up, front towards -Y, pieces with material slot keys, light sockets for light
  sources; the same (kind, rng state, variant) gives the same mesh bytes;
- `kinds_named(word)`: kind ids an EN or FR noun names (case, accents, plurals folded).

Every family states a face budget per piece (FAMILIES[name].budget) that a test holds,
and at least three variants so that repeated pieces differ.
"""

from __future__ import annotations

from functools import cache
from itertools import product

import numpy as np

from ..model import PropModel
from .core import FAMILIES, VARIANTS, Family, PropKind, make
from .kinds import KINDS

__all__ = ["FAMILIES", "KINDS", "VARIANTS", "Family", "PropKind", "build", "kinds_named",
           "SLOTS"]

# Material slot keys the catalogue adds to generation/archetypes/common.PROP_SLOTS (the
# lead merges them there); (family, colour) as in PROP_SLOTS. Until merged, unknown keys
# fall back to grey paint, which is what most of these are anyway.
SLOTS: dict[str, tuple[str, str | None]] = {
    "plastic": ("paint", "white"), "rubber": ("paint", "black"), "paper": ("paint", "cream"),
    "flame": ("emission", "orange"), "wax": ("paint", "cream"), "fabric": ("fabric", "grey"),
    "rug": ("fabric", "burgundy"), "vehicle_paint": ("paint", "red"), "chrome": ("brushed_metal", None),
    "wicker": ("paint", "ochre"), "rope": ("paint", "beige"), "leather": ("paint", "brown"),
    "fruit": ("paint", "red"), "water": ("glass", None), "mirror": ("glass", None),
    "led": ("emission", "white"), "bedding": ("fabric", "cream"), "soil": ("paint", "brown"),
    "tape": ("paint", "ochre"), "pencils": ("paint", "yellow"),
    "bread": ("paint", "ochre"),
    "vehicle_paint_navy": ("paint", "navy"), "vehicle_paint_silver": ("paint", "silver"),
}


def build(kind_id: str, rng: np.random.Generator, variant: int | None = None) -> PropModel:
    """A model of `kind_id`; `variant` (0..VARIANTS-1) picks a parametric variant, drawn
    from `rng` when None. Raises KeyError naming close ids for an unknown kind."""
    kind = KINDS.get(kind_id)
    if kind is None:
        close = [k for k in KINDS if kind_id[:4] in k][:5]
        raise KeyError(f"unknown prop kind {kind_id!r}; close: {close or 'none'} "
                       f"(see props.catalogue.KINDS)")
    return make(kind, rng, variant)


def singular_forms(word: str) -> list[str]:
    from ...prompt.tokens import singular_forms as forms
    return forms(word)


def _words(phrase: str) -> tuple[str, ...]:
    from ...prompt.tokens import fold
    return tuple(w for w in "".join(c if c.isalnum() else " " for c in fold(phrase)).split())


@cache
def _index() -> dict[tuple[str, ...], tuple[str, ...]]:
    table: dict[tuple[str, ...], list[str]] = {}
    for kind in KINDS.values():
        for name in kind.en + kind.fr + tuple(w.replace("_", " ") for w in kind.wordnet):
            key = _words(name)
            ids = table.setdefault(key, [])
            if kind.id not in ids:
                ids.append(kind.id)
    return {k: tuple(v) for k, v in table.items()}


def kinds_named(word: str) -> list[str]:
    """Kind ids named by an English or French noun or noun phrase ("washing machines",
    "lave-linge", "Barques", "étagères", "tables basses"): folded like the prompt parser,
    each word tried in its possible singular forms."""
    words = _words(word)
    if not words or len(words) > 5:
        return []
    index = _index()
    found: list[str] = []
    for key in product(*(singular_forms(w) for w in words)):
        for kid in index.get(key, ()):
            if kid not in found:
                found.append(kid)
    return found
