"""No NaN, infinity or black texel in any map of any family with any word: one bad
texel renders as a black speck (or poisons a denoiser) on every tile of a wall."""

from __future__ import annotations

import numpy as np
import pytest

from ai_sets_addon.generation import vocabulary as voc
from ai_sets_addon.generation.materials import FAMILIES, generate_maps
from ai_sets_addon.model.plan import MaterialRequest

SIZE = 64
MAPS = ("base_color", "normal", "roughness", "height", "ao")


def _check(request: MaterialRequest) -> None:
    maps = generate_maps(request, SIZE)
    for name in MAPS:
        values = np.asarray(getattr(maps, name), np.float64)
        label = f"{request.family} {request.modifiers} {request.colour}: {name}"
        assert np.isfinite(values).all(), f"{label} has NaN/inf"
        if name == "base_color":
            assert values.max(axis=-1).min() > 0.02, f"{label} has black texels"
            assert values.min() >= 0.0 and values.max() <= 1.0, label


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_every_word_on_every_family_gives_finite_maps(family):
    for word in voc.MODIFIERS:
        _check(MaterialRequest("k", family, modifiers=[word], seed=3))
    _check(MaterialRequest("k", family, modifiers=list(voc.MODIFIERS), seed=5))


def test_every_colour_gives_finite_maps():
    families = sorted(FAMILIES)
    for index, colour in enumerate(sorted(voc.COLOURS)):
        family = families[index % len(families)]
        _check(MaterialRequest("k", family, modifiers=["wet", "old"], colour=colour, seed=7))
