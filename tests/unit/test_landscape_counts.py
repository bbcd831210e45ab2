"""Exact prop counts in the landscapes (issue 14): "three palm trees", "deux rochers"
build that many, in the desert, the canyon, the forest and on the beach, as the
street, the alley and the interiors already did; "without rocks" builds none."""

from __future__ import annotations

from functools import lru_cache

import pytest

from ai_sets_addon.generation import archetypes
from ai_sets_addon.generation.prompt import parse_prompt


@lru_cache(maxsize=16)
def counts(prompt: str) -> dict[str, int]:
    """Prop label (variants merged: "Rock A", "Rock B" -> "Rock") -> how many stand."""
    plan = archetypes.plan_set(parse_prompt(prompt, 5))
    pieces: dict[str, int] = {}          # "Palm Tree A" -> instances (its pieces agree)
    for part in plan.parts:
        if part.group == "props":
            name = part.name.split(" - ")[0]
            pieces[name] = max(pieces.get(name, 0), len(part.instances or [None]))
    out: dict[str, int] = {}
    for name, n in pieces.items():
        label = name.rsplit(" ", 1)[0] if name[-2:-1] == " " else name
        out[label] = out.get(label, 0) + n
    return out


CASES = [
    ("a desert with three palm trees", "Palm Tree", 3),
    ("deux rochers dans le désert", "Rock", 2),
    ("a desert with four cacti", "Cactus", 4),
    ("un canyon avec deux rochers", "Rock", 2),
    ("a canyon with two rocks and five cacti", "Cactus", 5),
    ("a forest with three pine trees", "Pine", 3),
    ("une forêt avec deux chênes et cinq rochers", "Oak", 2),
    ("une forêt avec deux chênes et cinq rochers", "Rock", 5),
    ("a beach with three palm trees", "Palm Tree", 3),
    ("une plage avec trois rochers", "Rock", 3),
]


@pytest.mark.parametrize("prompt,label,wanted", CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_a_number_in_the_words_is_how_many_stand(prompt, label, wanted):
    assert parse_prompt(prompt).unknown_words == []
    assert counts(prompt).get(label, 0) == wanted, counts(prompt)


def test_numbered_trees_replace_the_forest_and_without_means_none():
    assert "Oak" not in counts("a forest with three pine trees")
    assert "Pine" not in counts("une forêt avec deux chênes et cinq rochers")
    assert "Rock" not in counts("a forest without rocks")
    assert "Rock" not in counts("un désert sans rochers")
    assert counts("a forest")["Rock"] == 4 and counts("a forest").get("Pine", 0) > 20
