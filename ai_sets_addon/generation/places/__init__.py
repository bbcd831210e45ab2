"""Places as data: a recipe per place (its EN/FR words, site, enclosure, structures,
dressing, lights, cameras, defaults), `choose` reads which one a prompt names, and
`build.plan_place` composes it. Importing this package builds no geometry."""

from __future__ import annotations

from .catalog import RECIPES
from .recipe import Dress, Recipe

__all__ = ["RECIPES", "Dress", "Recipe", "recipe"]


def recipe(rid: str | None) -> Recipe | None:
    return RECIPES.get(rid) if rid else None
