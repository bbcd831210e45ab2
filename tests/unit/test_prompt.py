"""Prompt parser: free text (EN/FR) -> SetSpec, table-driven.

Each case names only the fields it checks; `surfaces` is compared whole
(role -> (family, modifiers, colour)), so a surface bound to the wrong role fails.
"""

from __future__ import annotations

import json

import pytest

from ai_sets_addon.generation import vocabulary as voc
from ai_sets_addon.core.errors import InputError
from ai_sets_addon.generation.prompt import (
    MAX_PROMPT_CHARS, fold, lexicon, parse_prompt, time_for_hour, vocabulary_sizes,
)
from ai_sets_addon.model.spec import (
    ATMOSPHERES, CLOUD_COVERS, PRECIPITATIONS, SCALES, SURFACE_ROLES, TIMES_OF_DAY, SetSpec,
)

FR_CASES = [
    ("entrepôt abandonné au crépuscule, béton mouillé",
     dict(archetype="warehouse", time_of_day="dusk", modifiers=["abandoned"], wet=True,
          surfaces={"walls": ("concrete", ["wet"], None)}, languages=["fr"])),
    ("Une ruelle pavée sous la pluie, la nuit, brouillard épais",
     dict(archetype="alley", time_of_day="night", precipitation="rain", cloud_cover="broken",
          wet=True, surfaces={"ground": ("cobblestone", [], None)},
          atmosphere={"fog": 0.85})),
    ("sol en béton ciré, murs en briques rouges, plafond en plâtre blanc",
     dict(archetype="interior_room", archetype_explicit=False, colours=["red", "white"],
          surfaces={"floor": ("polished_concrete", [], None), "walls": ("brick", [], "red"),
                    "ceiling": ("plaster", [], "white")})),
    ("quai de métro désert, carrelage métro blanc, lumière froide",
     dict(archetype="platform", moods=["cold"], notices=[],
          surfaces={"walls": ("subway_tiles", [], "white")})),
    ("grand salon chaleureux avec moquette beige et murs peints en bleu",
     dict(archetype="interior_room", scale="large", moods=["cozy"],
          surfaces={"floor": ("carpet", [], "beige"), "walls": ("painted_wall", [], "blue")})),
    ("forêt sous la neige au petit matin, brume légère",
     dict(archetype="forest", time_of_day="dawn", precipitation="none",
          surfaces={"ground": ("snow", [], None)}, atmosphere={"haze": 0.5})),
    ("plage de sable blanc au coucher du soleil, quelques nuages",
     dict(archetype="beach", time_of_day="sunset", cloud_cover="few",
          surfaces={"ground": ("sand", [], "white")})),
    ("canyon rocheux à l'aube, ciel dégagé",
     dict(archetype="canyon", time_of_day="dawn", cloud_cover="clear",
          surfaces={"walls": ("rock", [], None)})),
    ("Studio photo, fond blanc",
     dict(archetype="cyclorama", colours=["white"], surfaces={}, unknown_words=[])),
    ("tunnel en béton banché, fumée épaisse, ambiance inquiétante",
     dict(archetype="corridor", moods=["eerie"], atmosphere={"smoke": 0.85},
          surfaces={"walls": ("board_formed_concrete", [], None)})),
    ("rue commerçante à midi, pavés mouillés, flaques",
     dict(archetype="street", time_of_day="noon", wet=True, modifiers=["puddles"],
          surfaces={"ground": ("cobblestone", ["wet"], None)})),
    ("vieil appartement délabré, parquet usé, papier peint",
     dict(archetype="interior_room", modifiers=["old", "derelict"],
          surfaces={"floor": ("parquet", ["worn"], None),
                    "walls": ("painted_wall", [], None)})),
    ("hangar immense, tôle ondulée rouillée, poussière en suspension, lumière du soir",
     dict(archetype="warehouse", scale="huge", time_of_day="dusk", atmosphere={"dust": 0.5},
          surfaces={"walls": ("corrugated_metal", ["rust"], None)})),
    ("bureau en open space, moquette grise, néons, heure bleue",
     dict(archetype="interior_room", room_type="office", time_of_day="blue_hour",
          moods=["cyberpunk"], unknown_words=[], surfaces={"floor": ("carpet", [], "grey")})),
    ("désert de dunes à midi sous un soleil écrasant, tempête de sable",
     dict(archetype="desert", time_of_day="noon", atmosphere={"dust": 0.85},
          unknown_words=["ecrasant"])),
    ("Ruelle sombre et humide, nuit, néons roses et verts",
     dict(archetype="alley", time_of_day="night", moods=["gloomy", "cyberpunk"],
          colours=["pink", "green"], wet=True, modifiers=["wet"])),
    ("clairière en forêt, herbe haute, lumière dorée de fin d'après-midi, orage au loin",
     dict(archetype="forest", time_of_day="golden_hour", cloud_cover="stormy",
          surfaces={"ground": ("grass", [], None)}, unknown_words=["haute"])),
    ("toit-terrasse à l'heure dorée, ciel clair",
     dict(archetype="rooftop", time_of_day="golden_hour", cloud_cover="clear")),
    ("un couloir d'hôpital étroit, carrelage blanc, éclairage froid, ambiance angoissante",
     dict(archetype="corridor", scale="small", moods=["cold", "eerie"], notices=[],
          surfaces={"walls": ("ceramic_tiles", [], "white")})),
    ("Pièce vide, murs blancs, sol en parquet ciré, lumière du matin, légère brume",
     dict(archetype="interior_room", time_of_day="morning", atmosphere={"fog": 0.25},
          surfaces={"walls": (None, [], "white"), "floor": ("parquet", ["polished"], None)})),
    ("gare la nuit sous une pluie battante, sol en asphalte luisant",
     dict(archetype="platform", time_of_day="night", precipitation="rain",
          cloud_cover="broken", wet=True, surfaces={"floor": ("asphalt", ["wet"], None)})),
    ("usine désaffectée, murs couverts de suie et de rouille, fumée légère",
     dict(archetype="warehouse", modifiers=["abandoned"], atmosphere={"smoke": 0.25},
          surfaces={"walls": (None, ["soot", "rust"], None)})),
    ("chambre d'hôtel romantique, tapis rouge, lumière chaude, soirée",
     dict(archetype="interior_room", moods=["romantic", "warm"], time_of_day="dusk",
          surfaces={"floor": ("carpet", [], "red")})),
    ("vallée de montagne au lever du soleil, quelques nuages, herbe et rochers",
     dict(archetype="canyon", time_of_day="sunrise", cloud_cover="few",
          surfaces={"ground": ("grass", [], None), "walls": ("rock", [], None)})),
    ("PLAGE À MIDI, CIEL BLEU, SABLE DORÉ",
     dict(archetype="beach", time_of_day="noon", cloud_cover="clear", colours=["gold"],
          surfaces={"ground": ("sand", [], "gold")})),
    ("cyclo fond vert pour incrustation",
     dict(archetype="cyclorama", colours=["green"], unknown_words=["incrustation"])),
    ("passage souterrain, béton sale, néons qui clignotent, 23h",
     dict(archetype="corridor", time_of_day="night", moods=["cyberpunk"],
          unknown_words=["clignotent"], surfaces={"walls": ("concrete", ["grime"], None)})),
    ("intérieur d'une église gothique à l'aube avec poussière dans l'air",
     dict(archetype="interior_room", archetype_explicit=True, room_type="church",
          style="medieval", time_of_day="dawn", atmosphere={"dust": 0.5}, unknown_words=[],
          notices=[])),
    ("Salle d'attente, murs vert pâle, carrelage au sol, ambiance glauque",
     dict(archetype="interior_room", moods=["gloomy"],
          surfaces={"walls": (None, [], "green"), "floor": ("ceramic_tiles", [], None)})),
    ("loft industriel, briques apparentes, poutres en acier, grandes fenêtres",
     dict(archetype="interior_room", scale="large", unknown_words=["industriel", "fenetres"],
          surfaces={"walls": ("brick", [], None), "props": ("brushed_metal", [], None)})),
]

EN_CASES = [
    ("an abandoned concrete warehouse at dusk, light fog",
     dict(archetype="warehouse", time_of_day="dusk", atmosphere={"fog": 0.25},
          modifiers=[], surfaces={"walls": ("concrete", ["abandoned"], None)},
          languages=["en"])),
    ("a concrete room at noon",
     dict(archetype="interior_room", archetype_explicit=True, time_of_day="noon",
          surfaces={"walls": ("concrete", [], None)}, unknown_words=[], notices=[])),
    ("wet cobblestone street at night, rain, neon signs in pink and cyan",
     dict(archetype="street", time_of_day="night", precipitation="rain", wet=True,
          cloud_cover="broken", moods=["cyberpunk"], colours=["pink", "cyan"],
          surfaces={"ground": ("cobblestone", ["wet"], None)})),
    ("brick walls and a polished concrete floor, golden hour",
     dict(time_of_day="golden_hour", archetype_explicit=False,
          surfaces={"walls": ("brick", [], None), "floor": ("polished_concrete", [], None)})),
    ("huge derelict factory hall with rusty corrugated metal walls, thick dust in the air",
     dict(archetype="warehouse", scale="huge", modifiers=["derelict"],
          atmosphere={"dust": 0.85}, surfaces={"walls": ("corrugated_metal", ["rust"], None)})),
    ("a beach inside a tunnel",
     dict(archetype="beach", archetype_explicit=True,
          notices=["the prompt names several places (beach, tunnel): built beach from "
                   "'beach'; remove the others to choose another"])),
    ("desert dunes at sunset under a clear sky",
     dict(archetype="desert", time_of_day="sunset", cloud_cover="clear", notices=[])),
    ("film noir office at night, venetian blinds, cigarette smoke",
     dict(archetype="interior_room", time_of_day="night", moods=["noir"],
          atmosphere={"smoke": 0.5}, colours=[],   # venetian blinds: a prop any room takes
          props={"blind": 0}, unknown_words=["cigarette"])),
    ("cozy living room with oak parquet floor and cream plaster walls, morning",
     dict(archetype="interior_room", moods=["cozy"], time_of_day="morning",
          unknown_words=[],   # "oak" is a tree word: spec.props["broadleaf"]
          surfaces={"floor": ("parquet", [], None), "walls": ("plaster", [], "cream")})),
    ("dawn in a misty pine forest clearing",
     dict(archetype="forest", time_of_day="dawn", atmosphere={"fog": 0.5},
          unknown_words=[])),   # "pine" picks the forest's conifers: spec.props
    ("Rooftop, blue hour, scattered clouds, small",
     dict(archetype="rooftop", time_of_day="blue_hour", cloud_cover="scattered",
          scale="small")),
    ("overcast afternoon in a wide avenue with asphalt and paving slabs",
     dict(archetype="street", cloud_cover="overcast", time_of_day="afternoon",
          scale="large", surfaces={"ground": ("asphalt", [], None)},
          notices=["ground: kept asphalt, also asked for paving slabs"])),
    ("subway platform with white subway tiles, stormy night",
     dict(archetype="platform", time_of_day="night", cloud_cover="stormy",
          surfaces={"walls": ("subway_tiles", [], "white")})),
    ("snowy mountain valley at noon, snow falling, cold",
     dict(archetype="canyon", time_of_day="noon", precipitation="snow",
          cloud_cover="broken", moods=["cold"], wet=False,
          surfaces={"ground": ("snow", [], None)})),
    ("a tiny cramped bedroom",
     dict(archetype="interior_room", scale="tiny", notices=[])),
    ("Warehouse abandonné at night, béton wet",
     dict(archetype="warehouse", time_of_day="night", modifiers=["abandoned"],
          surfaces={"walls": ("concrete", ["wet"], None)}, languages=["en", "fr"])),
    ("xyzzy plugh",
     dict(archetype="interior_room", archetype_explicit=False, languages=[],
          unknown_words=["xyzzy", "plugh"],
          notices=["not understood: xyzzy, plugh; they were kept in the spec",
                   "could not place: xyzzy, plugh; built the nearest honest base, an empty "
                   "hall; name a place (street, forest, kitchen, gas station...) to choose "
                   "another"])),
    ("no rain, no fog, clear sky at 6pm",
     dict(time_of_day="sunset", cloud_cover="clear", precipitation="none", wet=False,
          atmosphere={}, unknown_words=[])),
    ("grey sky over a gray concrete alley",
     dict(archetype="alley", cloud_cover="overcast", colours=["grey"],
          surfaces={"walls": ("concrete", [], "grey")})),
    ("sunrise on the coast, light haze, warm tones",
     dict(archetype="beach", time_of_day="sunrise", atmosphere={"haze": 0.25},
          moods=["warm"])),
]

CASES = FR_CASES + EN_CASES


def _surfaces(spec: SetSpec) -> dict[str, tuple]:
    return {role: (s.family, s.modifiers, s.colour) for role, s in spec.surfaces.items()}


def test_table_has_enough_prompts_half_french():
    assert len(CASES) >= 40
    assert len(FR_CASES) >= len(CASES) / 2


@pytest.mark.parametrize("prompt,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_prompt_table(prompt, expected):
    spec = parse_prompt(prompt)
    for name, want in expected.items():
        got = _surfaces(spec) if name == "surfaces" else getattr(spec, name)
        assert got == want, f"{name}: {got!r} != {want!r} for {prompt!r}"


@pytest.mark.parametrize("prompt,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_values_are_vocabulary_keys(prompt, expected):
    spec = parse_prompt(prompt, seed=7)
    assert spec.seed == 7 and spec.prompt == prompt
    assert spec.archetype in voc.ARCHETYPES
    assert spec.time_of_day in TIMES_OF_DAY and spec.cloud_cover in CLOUD_COVERS
    assert spec.precipitation in PRECIPITATIONS and spec.scale in SCALES
    assert set(spec.atmosphere) <= set(ATMOSPHERES)
    assert all(0.0 < d <= 1.0 for d in spec.atmosphere.values())
    assert set(spec.moods) <= set(voc.MOODS) and set(spec.colours) <= set(voc.COLOURS)
    assert set(spec.modifiers) <= set(voc.MODIFIERS)
    assert set(spec.languages) <= {"en", "fr"}
    for role, surface in spec.surfaces.items():
        assert role == surface.role and role in SURFACE_ROLES
        assert surface.family is None or surface.family in voc.MATERIAL_FAMILIES
        assert set(surface.modifiers) <= set(voc.MODIFIERS)
        assert surface.colour is None or surface.colour in voc.COLOURS


@pytest.mark.parametrize("prompt,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_json_round_trip(prompt, expected):
    spec = parse_prompt(prompt, seed=12345)
    text = json.dumps(spec.to_dict(), ensure_ascii=False)
    back = SetSpec.from_dict(json.loads(text))
    assert back == spec
    assert json.dumps(back.to_dict(), ensure_ascii=False) == text


def test_deterministic():
    for prompt, _ in CASES:
        assert parse_prompt(prompt, seed=3).to_dict() == parse_prompt(prompt, seed=3).to_dict()


# --------------------------------------------------------------------------- bad input

@pytest.mark.parametrize("text", ["", "   ", "\n\t  \n"])
def test_empty_prompt_is_a_helpful_error(text):
    with pytest.raises(InputError, match="empty: type a description of the place, e.g."):
        parse_prompt(text)


def test_prompt_length_limit():
    ok = ("béton mouillé, " * 200)[:MAX_PROMPT_CHARS]
    assert len(ok) == 2000
    assert parse_prompt(ok).surfaces["walls"].family == "concrete"
    with pytest.raises(InputError, match=r"2,001 characters long; the limit is 2,000: shorten"):
        parse_prompt("a" * 2001)


@pytest.mark.parametrize("text", ["...", "!?;", "\u200b", "\u200b\u200b ", "12:00", "42",
                                  "-- 3 --"])
def test_prompt_without_letters_is_a_helpful_error(text):
    with pytest.raises(InputError, match="no words .*: type a description of the place"):
        parse_prompt(text)


@pytest.mark.parametrize("bad", [None, 42, b"room"])
def test_non_text_prompt(bad):
    with pytest.raises(InputError, match="must be text"):
        parse_prompt(bad)


@pytest.mark.parametrize("seed", [-1, 2**31, 1.5, True, "3"])
def test_bad_seed(seed):
    with pytest.raises(InputError, match="seed"):
        parse_prompt("a room", seed=seed)


# --------------------------------------------------------------------------- normalising

def test_accents_case_and_punctuation_do_not_matter():
    a = parse_prompt("ENTREPÔT ABANDONNÉ, CRÉPUSCULE!!!").to_dict()
    b = parse_prompt("entrepot... abandonne ; crepuscule").to_dict()
    for d in (a, b):
        d.pop("prompt")
    assert a == b
    assert a["archetype"] == "warehouse" and a["time_of_day"] == "dusk"
    assert fold("Œuvre ÉTÉ Ça") == "oeuvre ete ca"


def test_decomposed_unicode_is_the_same_word():
    decomposed = "entrepo\u0302t au cre\u0301puscule"
    spec = parse_prompt(decomposed)
    assert (spec.archetype, spec.time_of_day, spec.unknown_words) == ("warehouse", "dusk", [])


@pytest.mark.parametrize("prompt,time", [
    ("l'aube", "dawn"), ("à l’heure dorée", "golden_hour"), ("l'après-midi", "afternoon"),
    ("apres midi", "afternoon"), ("coucher de soleil", "sunset"),
    ("lever du soleil", "sunrise"), ("heure bleue", "blue_hour"), ("minuit", "night"),
    ("scène nocturne", "night"), ("18h30", "sunset"), ("at 7 am", "morning"),
    ("at 12:00", "noon"), ("à 3 heures", "night"), ("15h", "afternoon"),
])
def test_time_phrases_and_elisions(prompt, time):
    spec = parse_prompt(prompt)
    assert spec.time_of_day == time and spec.unknown_words == []


def test_plurals_and_feminines():
    spec = parse_prompt("murs en briques grises, pavés, dalles vertes")
    assert _surfaces(spec) == {"walls": ("brick", [], "grey"),
                               "floor": ("cobblestone", [], None)}
    assert spec.colours == ["grey", "green"]
    assert any("kept cobblestone, also asked for paving slabs" in n for n in spec.notices)


def test_qu_elision_and_weather():
    spec = parse_prompt("une rue alors qu'il pleut")
    assert (spec.archetype, spec.precipitation, spec.wet) == ("street", "rain", True)
    assert spec.cloud_cover == "broken"
    assert spec.unknown_words == ["alors"]


def test_rain_keeps_an_explicit_cloud_cover():
    assert parse_prompt("rain under a clear sky").cloud_cover == "clear"
    assert parse_prompt("pluie d'orage").cloud_cover == "stormy"


def test_stop_words_are_never_reported():
    spec = parse_prompt("the a of with and le la les un une des du de au aux avec et en "
                        "dans sous sur l' d' qu'")
    assert spec.unknown_words == [] and spec.notices == []


def test_unknown_words_unique_in_order_and_normalised():
    spec = parse_prompt("Zébulon zebulon Foo, a ROOM, foo bar-tabac")
    assert spec.unknown_words == ["zebulon", "foo", "tabac"]
    assert spec.notices[-1] == "not understood: zebulon, foo, tabac; they were kept in the spec"


def test_languages_detected():
    assert parse_prompt("a street at night").languages == ["en"]
    assert parse_prompt("une rue la nuit").languages == ["fr"]
    assert parse_prompt("une street at night").languages == ["en", "fr"]


def test_noir_is_a_mood_in_english_and_black_in_french():
    en = parse_prompt("a noir alley at night")
    fr = parse_prompt("une ruelle aux murs noirs, la nuit")
    assert (en.moods, en.colours) == (["noir"], [])
    assert (fr.moods, fr.colours) == ([], ["black"])
    assert fr.surfaces["walls"].colour == "black"


def test_dark_is_a_shade_before_a_material_else_a_mood():
    spec = parse_prompt("a dark room with dark wood floor")
    assert spec.moods == ["gloomy"]
    assert _surfaces(spec) == {"floor": ("wood_planks", [], None)}


def test_dust_noun_modifier_or_air():
    assert parse_prompt("dust on a concrete floor").surfaces["floor"].modifiers == ["dust"]
    spec = parse_prompt("entrepôt, poussière")
    assert spec.atmosphere == {"dust": 0.5} and spec.modifiers == []


def test_negation_drops_the_next_word():
    spec = parse_prompt("une rue sans pluie, pas de brouillard, sans rouille")
    assert (spec.precipitation, spec.atmosphere, spec.modifiers) == ("none", {}, [])
    assert parse_prompt("sans nuages").cloud_cover == "clear"


@pytest.mark.parametrize("prompt", ["desert salt flat at 9 am, not a cloud",
                                    "a beach without a cloud in the sky",
                                    "désert sans un nuage", "plage, pas un nuage à l'horizon"])
def test_a_negated_cloud_noun_means_a_cloudless_sky(prompt):
    assert parse_prompt(prompt).cloud_cover == "clear"


def test_a_negated_cloud_noun_does_not_override_a_cover_said():
    assert parse_prompt("no cumulus, overcast").cloud_cover == "overcast"
    assert parse_prompt("no rain").cloud_cover == "few"


def test_roles_shared_by_a_list():
    spec = parse_prompt("murs, sol et plafond en béton")
    assert {r: s.family for r, s in spec.surfaces.items()} == \
        {"walls": "concrete", "floor": "concrete", "ceiling": "concrete"}


def test_floor_becomes_ground_outdoors_and_back():
    assert set(parse_prompt("a street with a concrete floor").surfaces) == {"ground"}
    assert set(parse_prompt("une pièce, terrain en terre battue").surfaces) == {"floor"}


def test_near_places_and_hints():
    spec = parse_prompt("a house")
    assert (spec.archetype, spec.archetype_explicit) == ("interior_room", True)
    assert spec.notices == ["'house' is not a set type yet: built the nearest one, "
                            "interior room"]
    assert parse_prompt("a museum").recipe == "museum_gallery"     # a place of its own now
    kitchen = parse_prompt("a kitchen")
    assert (kitchen.archetype, kitchen.room_type, kitchen.notices) == \
        ("interior_room", "kitchen", [])
    assert parse_prompt("outdoors at noon").archetype == "street"
    assert parse_prompt("hospital corridor").notices == []


def test_contradictions_keep_the_first_and_say_so():
    spec = parse_prompt("at night, at noon, huge, small, rain then snow")
    assert (spec.time_of_day, spec.scale, spec.precipitation) == ("night", "huge", "rain")
    assert "several times of day (night, noon): used night" in spec.notices
    assert "several scale words (huge, small): used huge" in spec.notices


# --------------------------------------------------------------------------- tables

def test_tables_have_no_conflicting_phrases():
    assert lexicon().conflicts == []


def test_tables_cover_exactly_the_vocabulary_keys():
    assert set(voc.ARCHETYPE_WORDS) == set(voc.ARCHETYPES)
    assert set(voc.NEAR_PLACE_WORDS) <= set(voc.ARCHETYPES)
    assert set(voc.MATERIAL_WORDS) == set(voc.MATERIAL_FAMILIES)
    assert set(voc.MODIFIER_WORDS) == set(voc.MODIFIERS)
    assert set(voc.COLOUR_WORDS) == set(voc.COLOURS)
    assert set(voc.TIME_WORDS) == set(TIMES_OF_DAY)
    assert set(voc.CLOUD_WORDS) == set(CLOUD_COVERS)
    assert set(voc.PRECIPITATION_WORDS) == set(PRECIPITATIONS) - {"none"}
    assert set(voc.ATMOSPHERE_WORDS) == set(ATMOSPHERES)
    assert set(voc.SCALE_WORDS) == set(SCALES)
    assert set(voc.MOOD_WORDS) == set(voc.MOODS)
    assert set(voc.ROLE_WORDS) == set(SURFACE_ROLES)
    assert set(voc.DENSITY_WORDS) <= set(voc.ATMOSPHERE_DENSITIES)


def test_shared_keys_unchanged():
    assert voc.ARCHETYPES[0] == "interior_room" and len(voc.ARCHETYPES) == 12
    assert voc.COLOURS["red"] == (0.70, 0.12, 0.10)
    assert voc.COLOURS["ochre"] == (0.75, 0.55, 0.20)
    assert all(len(rgb) == 3 and all(0 <= c <= 1 for c in rgb) for rgb in voc.COLOURS.values())


def _phrases(table):
    return [(key, phrase) for key, by_lang in table.items()
            for phrases in by_lang.values() for phrase in phrases]


@pytest.mark.parametrize("field,table", [
    ("time_of_day", voc.TIME_WORDS), ("cloud_cover", voc.CLOUD_WORDS),
    ("precipitation", voc.PRECIPITATION_WORDS), ("scale", voc.SCALE_WORDS),
    ("archetype", voc.ARCHETYPE_WORDS), ("archetype", voc.NEAR_PLACE_WORDS),
])
def test_every_slot_phrase_reads_back(field, table):
    # A near-place word that is now a place of its own (a bus stop, a garage, a lake
    # shore: places.RECIPES composes it) builds that place, not the nearest archetype.
    wrong = [(k, p, getattr(parse_prompt(p), field)) for k, p in _phrases(table)
             if getattr(parse_prompt(p), field) != k and not _own_place(p)]
    assert wrong == []


def _own_place(prompt: str) -> bool:
    from ai_sets_addon.generation.places import RECIPES
    spec = parse_prompt(prompt)
    return spec.recipe is not None and RECIPES[spec.recipe].base != "archetype"


@pytest.mark.parametrize("field,table", [
    ("moods", voc.MOOD_WORDS), ("colours", voc.COLOUR_WORDS),
    ("atmosphere", voc.ATMOSPHERE_WORDS),
])
def test_every_list_phrase_reads_back(field, table):
    wrong = [(k, p) for k, p in _phrases(table) if k not in getattr(parse_prompt(p), field)]
    assert wrong == []


def test_every_material_and_modifier_phrase_reads_back():
    def families(p):
        return [s.family for s in parse_prompt(p).surfaces.values()]

    def modifiers(p):
        spec = parse_prompt(p)
        return spec.modifiers + [m for s in spec.surfaces.values() for m in s.modifiers]

    assert [(k, p) for k, p in _phrases(voc.MATERIAL_WORDS) if k not in families(p)] == []
    assert [(k, p) for k, p in _phrases(voc.MODIFIER_WORDS) if k not in modifiers(p)] == []


def test_hours_cover_the_day():
    assert [time_for_hour(h) for h in (0, 5, 6, 9, 12, 15, 17, 19, 20, 21, 23)] == [
        "night", "dawn", "sunrise", "morning", "noon", "afternoon", "golden_hour",
        "sunset", "dusk", "blue_hour", "night"]


def test_vocabulary_is_large():
    sizes = vocabulary_sizes()
    assert sizes["material"] >= 150 and sizes["archetype"] >= 100
    assert sizes["time"] >= 50 and sizes["colour"] >= 60
