"""Words read in context: negations ("no crates", "sans palmiers"), and words
whose sense depends on their neighbours ("noir", shades, "deserted"); the
languages the prompt is written in."""

from __future__ import annotations

from .tokens import Item

# ----------------------------------------------------------------------------- context

def apply_negations(items: list[Item]) -> None:
    """"no fog", "sans pluie", "pas de rouille": drop the next meaningful word."""
    for n, item in enumerate(items):
        if item.cat != "neg":
            continue
        for nxt in items[n + 1:]:
            if nxt.cat == "punct" or nxt.start - item.end > 2:
                break
            if nxt.cat in ("stop", "density", "filler"):
                continue
            if nxt.cat != "unknown":
                nxt.negated = True
            break


def _votes(items: list[Item], skip_text: str = "") -> dict[str, int]:
    votes = {"en": 0, "fr": 0}
    for item in items:
        if item.lang in votes and item.text != skip_text and item.cat != "punct":
            votes[item.lang] += 1
    return votes


def resolve_noir(items: list[Item]) -> None:
    """"noir" is French for black, but in an English prompt it is the film genre."""
    votes = _votes(items, skip_text="noir")
    if votes["en"] and not votes["fr"]:
        for item in items:
            if item.cat == "colour" and item.text == "noir":
                item.cat, item.key, item.lang = "mood", "noir", "en"


def resolve_shades(items: list[Item]) -> None:
    """"dark wood", "bois sombre": a shade of a surface, not a gloomy mood."""
    words = [it for it in items if it.cat != "stop"]
    for n, item in enumerate(words):
        if item.cat != "mood" or item.text not in ("dark", "sombre", "sombres"):
            continue
        n_near = n + 1 if item.text == "dark" else n - 1
        near = words[n_near] if 0 <= n_near < len(words) else None
        if near is not None and near.cat in ("colour", "material") and \
                abs(near.start - item.start) <= 2:
            item.cat = "shade"


def resolve_deserted(items: list[Item]) -> None:
    """"quai désert", "rue déserte": after a place, "désert" means empty, not a desert."""
    for n, item in enumerate(items[1:], start=1):
        before = items[n - 1]
        if item.cat == "archetype" and item.key == "desert" and item.text == "desert" \
                and before.cat in ("archetype", "near") and before.end == item.start:
            item.cat = "filler"


def languages(items: list[Item]) -> list[str]:
    votes = _votes(items)
    return [lang for lang in ("en", "fr") if votes[lang]]
