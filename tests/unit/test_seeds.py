"""One seeding scheme: named streams from the spec's seed, used by every layer."""

from __future__ import annotations

import ast
import zlib
from pathlib import Path

import numpy as np
import pytest

from ai_sets_addon.core import seeds

GENERATION = Path(__file__).resolve().parents[2] / "ai_sets_addon" / "generation"


def test_same_seed_and_name_same_draws_other_names_independent():
    a, b = seeds.rng(7, "street.layout").random(5), seeds.rng(7, "street.layout").random(5)
    assert np.array_equal(a, b)
    assert not np.allclose(a, seeds.rng(7, "street.props").random(5))
    assert not np.allclose(a, seeds.rng(8, "street.layout").random(5))
    assert not np.allclose(seeds.rng(7, "a", "b").random(3), seeds.rng(7, "b", "a").random(3))


def test_layout_streams_keep_their_draws():
    """The archetypes' streams are what they were before the scheme was shared: a
    seed's layout did not move."""
    old = np.random.default_rng([12345, zlib.crc32(b"forest.layout")])
    assert np.array_equal(seeds.rng(12345, "forest.layout").random(4), old.random(4))


@pytest.mark.parametrize("seed", [0, 1, 2**31 - 1])
def test_stream_seeds_are_stable_plain_ints(seed):
    value = seeds.stream_seed(seed, "material", "walls")
    assert isinstance(value, int) and 0 <= value <= seeds.STREAM_SEED_MAX
    assert value == seeds.stream_seed(seed, "material", "walls")
    assert value != seeds.stream_seed(seed, "material", "floor")


def test_a_stream_needs_a_name():
    with pytest.raises(ValueError, match="needs a name"):
        seeds.rng(3)


def _layout_modules() -> list[Path]:
    """Every generation module that draws random numbers: layout, materials, sky."""
    return [p for p in sorted(GENERATION.rglob("*.py"))
            if p.name not in ("seeds.py", "fileio.py")      # fileio: PNG chunk CRCs
            and p.parent.name not in ("ai",)]


@pytest.mark.parametrize("path", _layout_modules(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_layout_code_seeds_only_through_the_scheme(path):
    """No second seeding scheme: no default_rng/SeedSequence/crc32 outside seeds.py."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    own = [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Attribute)
           and n.attr in ("default_rng", "SeedSequence", "crc32", "RandomState")]
    assert own == [], f"{path.name}: lines {own}"
