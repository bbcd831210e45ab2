"""Words change the build as a set designer expects (table-driven, EN and FR)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pytest

from ai_sets_addon.generation import archetypes
from ai_sets_addon.generation.prompt import parse_prompt


@lru_cache(maxsize=128)
def plan(prompt: str, seed: int = 2):
    return archetypes.plan_set(parse_prompt(prompt, seed))


def trees_in(p) -> int:
    return sum(count(p, label) for label in ("Pine", "Oak", "Birch"))


def count(p, label: str) -> int:
    """How many props of a kind (instances of the first piece of each variant)."""
    seen, total = set(), 0
    for part in p.parts:
        base = part.name.split(" - ")[0]
        if part.name.startswith(label) and base not in seen:
            seen.add(base)
            total += max(len(part.instances), 1)
    return total


def names(p) -> set[str]:
    return {part.name for part in p.parts}


def floor_area(p, name: str) -> float:
    part = next(x for x in p.parts if x.name == name)
    return float(np.prod(np.ptp(part.mesh.vertices[:, :2], axis=0)))


def lens_heights(p):
    return [c.location[2] for c in p.cameras]


def neon(p) -> set[str]:
    return {k for k in p.materials if k.startswith("neon_")}


# (language, prompt, check(plan)) — at least half of them French.
CASES = [
    ("en", "a warehouse full of crates", lambda p: count(p, "Crate") > count(plan("a warehouse"), "Crate")),
    ("fr", "un entrepôt plein de caisses", lambda p: count(p, "Crate") > count(plan("un entrepôt"), "Crate")),
    ("en", "a warehouse with oil drums", lambda p: count(p, "Barrel") > count(plan("a warehouse"), "Barrel")),
    ("fr", "un entrepôt avec des tonneaux", lambda p: count(p, "Barrel") > count(plan("un entrepôt"), "Barrel")),
    ("en", "an empty warehouse", lambda p: count(p, "Crate") < count(plan("a warehouse"), "Crate")),
    ("fr", "un entrepôt vide", lambda p: count(p, "Pallet") < count(plan("un entrepôt"), "Pallet")),
    ("en", "a warehouse at night", lambda p: any(l.name.startswith("High-Bay") for l in p.lights)),
    ("fr", "un entrepôt à midi", lambda p: p.lights and not any(l.on for l in p.lights)),
    ("en", "a huge warehouse", lambda p: floor_area(p, "Floor Slab") > 1.5 * floor_area(plan("a small warehouse"), "Floor Slab")),
    ("fr", "un entrepôt en béton", lambda p: p.materials["walls"].family == "cast_concrete"),
    ("en", "a street at night", lambda p: any(l.name.startswith("Street Lamp") for l in p.lights)),
    ("fr", "une rue à midi", lambda p: (lamps := [l for l in p.lights if l.name.startswith("Street Lamp")])
     and not any(l.on for l in lamps) and all(l.power_w > 0 for l in lamps)),   # dark, switchable
    ("en", "a street at night with pink neon signs", lambda p: "neon_pink" in neon(p)),
    ("fr", "une rue la nuit avec des néons verts et bleus", lambda p: {"neon_green", "neon_blue"} <= neon(p)),
    ("en", "a street with plaster facades", lambda p: p.materials["facade_a"].family == "plaster"),
    ("fr", "une rue pavée", lambda p: p.materials["ground"].family == "cobblestone"),
    ("en", "a street at night", lambda p: any("Lit Windows" in n for n in names(p))),
    ("en", "a back alley with dumpsters", lambda p: count(p, "Dumpster") > count(plan("a back alley"), "Dumpster")),
    ("fr", "une ruelle pavée sous la pluie", lambda p: p.materials["ground"].family == "cobblestone"
     and "puddles" in p.materials["ground"].modifiers),
    ("en", "an alley at night", lambda p: any(l.name.startswith("Door Lamp") for l in p.lights)),
    ("fr", "une ruelle la nuit avec des néons rouges", lambda p: "neon_red" in neon(p)),
    ("en", "a long concrete corridor", lambda p: "Corridor" in p.name and p.materials["walls"].family == "cast_concrete"),
    ("fr", "un tunnel en briques", lambda p: "Tunnel" in p.name and p.materials["walls"].family == "brick"),
    ("en", "an underground passage with pipes", lambda p: "Tunnel" in p.name),
    ("en", "a subway platform", lambda p: "Metro" in p.name and p.interior),
    ("fr", "un quai de gare", lambda p: "Station" in p.name and not p.interior),
    ("en", "a subway platform with pillars", lambda p: count(p, "Pillar") > 0),
    ("en", "a rooftop at night", lambda p: any(l.name.startswith("Festoon") for l in p.lights)),
    ("fr", "un toit avec deux châteaux d'eau", lambda p: count(p, "Water Tank") >= 2),
    ("en", "a rooftop at noon", lambda p: not any(l.on for l in p.lights)           # dark,
     and not any(l.name.startswith("Festoon") for l in p.lights)),                    # no festoon
    ("en", "a desert with cacti", lambda p: count(p, "Cactus") > 0),
    ("fr", "un désert de sable", lambda p: count(p, "Cactus") == 0 and p.materials["ground"].family == "sand"),
    ("en", "a desert with lots of rocks", lambda p: count(p, "Rock") > count(plan("a desert"), "Rock")),
    ("en", "a red rock canyon", lambda p: p.materials["rock"].colour == "red"),
    ("fr", "un canyon avec des cactus", lambda p: count(p, "Cactus") > 0),
    ("en", "a pine forest", lambda p: count(p, "Pine") > 0 and count(p, "Oak") + count(p, "Birch") == 0),
    ("fr", "une forêt de chênes", lambda p: count(p, "Oak") > 0),
    ("en", "a dense forest", lambda p: trees_in(p) > trees_in(plan("a forest"))),
    ("fr", "une forêt dans le brouillard", lambda p: p.atmosphere.density > 0 and p.atmosphere.bounds),
    ("en", "an autumn forest with orange leaves", lambda p: p.materials["leaves"].colour == "orange"),
    ("en", "a tropical beach", lambda p: count(p, "Palm Tree") > 0),
    ("fr", "une plage avec des parasols", lambda p: count(p, "Parasol") > 0),
    ("en", "a beach with a lifeguard tower", lambda p: count(p, "Lifeguard Tower") == 1),
    ("fr", "une plage de galets", lambda p: p.materials["ground"].family == "gravel"),
    ("en", "a green screen studio", lambda p: p.materials["backdrop"].colour == "green"),
    ("fr", "un cyclorama blanc", lambda p: p.materials["backdrop"].colour == "white" and p.exposure_bias_ev > 0),
    ("en", "a low angle shot of an alley", lambda p: max(lens_heights(p)) < 1.0),
    ("fr", "une ruelle en contre-plongée", lambda p: max(lens_heights(p)) < 1.0),
    ("en", "an aerial view of a canyon", lambda p: min(c.location[2] for c in p.cameras) > 20.0),
    ("fr", "vue aérienne d'une plage", lambda p: min(c.location[2] for c in p.cameras) > 20.0),
    ("en", "a high angle view of a warehouse", lambda p: min(lens_heights(p)) > 3.0),
    ("fr", "une clairière en plongée", lambda p: all(c.target[2] < c.location[2] for c in p.cameras)),
    ("en", "a foggy street at dawn", lambda p: p.atmosphere.density > 0),
    ("fr", "un entrepôt avec de la poussière en suspension", lambda p: p.atmosphere.density > 0
     and p.atmosphere.colour[2] < p.atmosphere.colour[0]),
    ("en", "a small cramped room", lambda p: floor_area(p, "Floor") < floor_area(plan("a room"), "Floor")),
    ("fr", "une ruelle avec des bennes à ordures", lambda p: count(p, "Dumpster") > count(plan("une ruelle"), "Dumpster")),
    ("fr", "un couloir étroit", lambda p: floor_area(p, "Floor") < floor_area(plan("un couloir"), "Floor")),
    ("fr", "un quai de métro avec des bancs", lambda p: count(p, "Bench") > 0 and "Metro" in p.name),
    ("fr", "une rue avec des arbres et des bancs", lambda p: count(p, "Street Tree") > 0 and count(p, "Bench") > 0),
    ("fr", "des dunes avec des palmiers", lambda p: count(p, "Palm Tree") > 0),
    ("fr", "une forêt de pins", lambda p: count(p, "Pine") > 0 and count(p, "Oak") == 0),
    ("fr", "un entrepôt abandonné avec des tonneaux rouillés", lambda p: p.materials["barrel"].family == "rusted_metal"),
    ("fr", "un fond bleu", lambda p: p.materials["backdrop"].colour == "blue"),
    ("fr", "une grande chambre", lambda p: floor_area(p, "Floor") > floor_area(plan("une chambre"), "Floor")),
]


def test_the_table_is_big_enough_and_bilingual():
    assert len(CASES) >= 40
    assert sum(lang == "fr" for lang, _, _ in CASES) >= len(CASES) / 2


@pytest.mark.parametrize("lang,prompt,check", CASES, ids=[c[1] for c in CASES])
def test_words_change_the_build(lang, prompt, check):
    assert check(plan(prompt)), prompt
