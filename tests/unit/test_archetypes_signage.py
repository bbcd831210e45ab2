"""Street clutter a set designer expects: signs that differ from their neighbours, and
cables over the alley."""

from __future__ import annotations

import re

import numpy as np

from ai_sets_addon.generation import archetypes
from ai_sets_addon.generation.props.street import SIGN_WORDS, sign_words
from ai_sets_addon.generation.prompt import parse_prompt


def test_sign_words_never_repeat_side_by_side() -> None:
    for seed in range(20):
        words = sign_words(np.random.default_rng(seed), SIGN_WORDS, 25)
        assert all(a != b for a, b in zip(words, words[1:]))
        assert len(set(words[:len(set(SIGN_WORDS))])) == len(set(SIGN_WORDS))   # a full deck
    assert sign_words(np.random.default_rng(0), ("BAR", "BAR"), 3) == ["BAR"] * 3


def neon_words(plan) -> list[str]:
    found = [re.search(r"Neon Sign (\w+)", p.name) for p in plan.parts]
    return [m.group(1) for m in found if m]


def test_alley_signs_all_differ_and_cables_hang_overhead() -> None:
    plan = archetypes.plan_set(parse_prompt("une ruelle pavée sous la pluie, la nuit", 6))
    words = neon_words(plan)
    assert len(words) >= 3
    assert len(set(words)) >= 3                 # two across the street, one blade: all differ
    cables = [p for p in plan.parts if p.name == "Overhead Cables"]
    assert cables and cables[0].mesh.bounds[0][2] > 4.0          # above a truck's roof


def test_street_at_night_shows_several_sign_words() -> None:
    plan = archetypes.plan_set(parse_prompt("a city street at night with neon signs", 5))
    words = set(neon_words(plan))
    assert len(words) >= 3


def test_neighbouring_signs_differ_in_shape() -> None:
    """Backboards, open letters on a raceway, framed boards: a street shows them mixed."""
    from ai_sets_addon.generation.props.street import neon_sign

    rng = np.random.default_rng(0)
    shapes = {board: neon_sign(rng, "HOTEL", "pink", 0.45, board) for board in
              ("panel", "open", "framed")}
    held = {b: m.pieces[0].mesh.bounds for b, m in shapes.items()}
    assert held["open"][1][2] - held["open"][0][2] < 0.2 * (held["panel"][1][2] - held["panel"][0][2])
    tubes = {b: m.pieces[1].mesh.bounds for b, m in shapes.items()}
    assert tubes["framed"][1][0] - tubes["framed"][0][0] > tubes["panel"][1][0] - tubes["panel"][0][0]
    plan = archetypes.plan_set(parse_prompt("a city street at night with neon signs", 5))
    boards = {m.group(1) for m in (re.search(r"Neon Sign \w+ \(\w+, (\w+)\)", p.name)
                                   for p in plan.parts) if m}
    assert len(boards) >= 2, boards


def test_every_sign_word_can_be_bent_in_neon() -> None:
    from ai_sets_addon.generation.props.street import _STROKES
    assert all(c in _STROKES for w in SIGN_WORDS for c in w)


def test_bin_bags_are_tied_sacks_not_round_stones() -> None:
    from ai_sets_addon.generation.props.industrial import trash_bag
    for seed in range(4):
        mesh = trash_bag(np.random.default_rng(seed)).pieces[0].mesh
        lo, hi = mesh.bounds
        assert hi[2] > 1.5 * max(hi[0] - lo[0], hi[1] - lo[1]) / 2     # taller than round
        top = mesh.vertices[mesh.vertices[:, 2] > 0.85 * hi[2]]
        assert np.ptp(top[:, :2], axis=0).max() < 0.3                  # a gathered neck
