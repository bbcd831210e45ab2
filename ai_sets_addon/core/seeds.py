"""The one seeding scheme: every random draw of a set comes from the spec's seed and a
named stream, so adding a prop never reshuffles the walls, and a texture's noise does
not change when another material is added.

A stream is named by a path of words ("forest.layout"; "brick", "mortar"): its entropy
is the seed followed by the CRC-32 of each word, mixed by numpy's SeedSequence. Names,
not counters, keep streams independent of the order in which layers ask for them.
"""

from __future__ import annotations

import zlib

import numpy as np

SEED_MASK = 0xFFFFFFFF
STREAM_SEED_MAX = 0x7FFFFFFF     # what a stream seed fits in (a JSON- and Blender-safe int)


def _sequence(seed: int, names: tuple[str, ...]) -> np.random.SeedSequence:
    if not names:
        raise ValueError("a random stream needs a name, e.g. rng(seed, 'street.layout')")
    return np.random.SeedSequence([int(seed) & SEED_MASK,
                                   *(zlib.crc32(name.encode("utf-8")) for name in names)])


def rng(seed: int, *names: str) -> np.random.Generator:
    """An independent generator for the stream `names` of a set's seed."""
    return np.random.default_rng(_sequence(seed, names))


def stream_seed(seed: int, *names: str) -> int:
    """A plain integer seed (0..2**31-1) for the stream `names`, for requests stored as
    data (a material's or a sky's seed) that build their own generator later."""
    return int(_sequence(seed, names).generate_state(1)[0]) & STREAM_SEED_MAX
