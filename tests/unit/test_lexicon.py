"""The noun lexicon as the prompt reader uses it: any English or French place/prop noun
-> its WordNet senses and hypernym chains, and resolve() to a concept with context."""

from __future__ import annotations

import pytest

from ai_sets_addon.generation import lexicon
from ai_sets_addon.generation.lexicon import Resolution, resolve, senses
from ai_sets_addon.generation.lexicon.french import HAND_FRENCH


def first(noun: str, lang: str | None = None) -> lexicon.Sense:
    found = senses(noun, lang)
    assert found, f"{noun!r} has no sense"
    return found[0]


def starts(chain: tuple[str, ...], *heads: str) -> bool:
    return chain[:len(heads)] == heads


@pytest.mark.parametrize("noun, lemma, chain", [
    ("laundromat", "laundromat", ("laundry", "workplace")),
    ("swamp", "swamp", ("wetland", "land")),
    ("cornfield", "cornfield", ("grainfield", "field")),
    ("speakeasy", "speakeasy", ("barroom", "room")),
    ("lighthouse", "lighthouse", ("tower", "structure")),
])
def test_english_chains_seen_in_wordnet(noun, lemma, chain):
    sense = first(noun)
    assert lemma in [w.lower() for w in sense.lemmas] and sense.via is None
    assert starts(sense.chain, *chain), sense.chain
    assert sense.chain[-1] == "entity" and len(sense.chain) == len(sense.chain_synsets)


def test_lighthouse_is_a_beacon_and_its_chain_ends_at_the_root():
    sense = first("lighthouse")
    assert sense.synset == "beacon.n.03" and sense.lemmas[0] == "beacon"
    assert "physical_entity" in sense.chain and sense.chain_synsets[0] == "tower.n.01"


def test_senses_are_most_frequent_first_and_only_physical():
    bridge = [s.synset for s in senses("bridge")]
    assert bridge[0] == "bridge.n.01"               # the structure over a river
    assert "bridge.n.09" in bridge                   # the bridge deck of a ship
    assert "bridge.n.04" not in bridge               # the card game is no set
    assert senses("jazz") == [] and senses("happiness") == []


@pytest.mark.parametrize("typed, base", [
    ("Laundromats", "laundromat"), ("SWAMPS", "swamp"), ("geese", "goose"),
    ("washing machines", "washing_machine"), ("benches", "bench"), ("ponds", "pond"),
    ("gas-station", "gas_station"), ("stained glass windows", "stained-glass_window"),
])
def test_case_accents_and_english_plurals_are_folded(typed, base):
    assert base in [w.lower() for w in first(typed, "en").lemmas]


def test_a_plural_that_is_a_lemma_keeps_both_readings():
    rooms = [s.synset for s in senses("rooms", "en")]
    assert rooms[0] == "suite.n.02" and "room.n.01" in rooms    # as WordNet's morphy does


def test_unknown_and_empty_words_have_no_sense():
    assert senses("") == [] and senses("   ") == [] and senses("zzxqv") == []
    with pytest.raises(ValueError, match="lang"):
        senses("swamp", "de")


def test_marais_reads_as_marsh_or_swamp_through_english():
    found = senses("Marais", "fr")
    assert {s.via for s in found} == {"marsh", "swamp"}
    assert all(starts(s.chain, "wetland", "land") for s in found[:2])
    assert found[0].synset == "marsh.n.01"            # FreeDict's order: marsh, swamp


def test_phare_is_a_lighthouse_before_a_headlight():
    found = senses("phares", "fr")
    assert found[0].synset == "beacon.n.03" and found[0].via == "lighthouse"
    assert any(s.via == "headlight" for s in found)


@pytest.mark.parametrize("french, synset, via", [
    ("laverie", "launderette.n.01", "laundromat"),
    ("Laveries", "launderette.n.01", "laundromat"),
    ("station-service", "gasoline_station.n.01", "gas station"),
    ("stations-service", "gasoline_station.n.01", "gas station"),
    ("machines à laver", "washer.n.03", "washing machine"),
    ("châteaux forts", "castle.n.02", "castle"),
    ("feux de camp", "campfire.n.01", "campfire"),
    ("gare", "railway_station.n.01", "railway station"),
])
def test_hand_french_complement_reads_words_freedict_lacks(french, synset, via):
    found = senses(french, "fr")
    assert synset in [s.synset for s in found]
    assert found[0].via == via


def test_every_hand_french_word_maps_to_nouns_in_the_table():
    missing = [(fr, en) for fr, targets in HAND_FRENCH.items() for en in targets
               if not senses(en, "en")]
    assert not missing, f"HAND_FRENCH names English nouns the table lacks: {missing}"
    assert len(HAND_FRENCH) >= 300


def test_without_a_language_english_comes_first_and_senses_are_not_repeated():
    car = senses("car")                   # English car, French 'car' (a coach)
    assert car[0].synset == "car.n.01" and car[0].via is None
    assert any(s.via == "bus" for s in car)
    assert [s.synset for s in car if s.via is None] == [s.synset for s in senses("car", "en")]
    table = [s.synset for s in senses("table")]
    assert len(table) == len(set(table))


CONCEPTS = {
    "bridge": "bridge", "bridge deck": "ship_bridge", "cockpit": "ship_bridge",
    "laundromat": "laundromat", "laverie": "laundromat", "swamp": "swamp", "marsh": "swamp",
    "barroom": "bar", "room": "room", "field": "field", "tower": "tower",
    "lighthouse": "lighthouse", "gas station": "gas_station", "subway station": "metro_station",
    "washing machine": "washing_machine", "washer": "washing_machine", "vessel.n.02": "ship",
    "monitor": "screen", "computer monitor": "screen",
}


def test_resolve_walks_the_chain_nearest_first():
    r = resolve("speakeasy", CONCEPTS)
    assert r == Resolution("bar", first("speakeasy"), "barroom", 1)   # not "room" (depth 2)
    assert resolve("cornfield", CONCEPTS).concept == "field"
    lighthouse = resolve("lighthouse", CONCEPTS)
    assert (lighthouse.concept, lighthouse.depth) == ("lighthouse", 0)   # not its tower
    assert resolve("kitchen", CONCEPTS).concept == "room"


def test_resolve_french_words_through_their_translation():
    r = resolve("laveries", CONCEPTS)
    assert (r.concept, r.word.lower(), r.depth, r.sense.via) == ("laundromat", "laundromat", 0,
                                                                  "laundromat")
    assert resolve("marais", CONCEPTS).concept == "swamp"
    assert resolve("station-service", CONCEPTS).concept == "gas_station"   # not the metro
    assert resolve("jazz", CONCEPTS) is None and resolve("laverie", {}) is None


def test_a_concept_word_stands_for_the_sense_its_other_words_agree_on():
    assert resolve("washers", CONCEPTS).sense.synset == "washer.n.03"     # the machine
    assert resolve("lock washer", CONCEPTS) is None                        # a ring, no machine
    assert resolve("trawlers", CONCEPTS).concept == "ship"
    monitors = resolve("monitors", CONCEPTS)       # sense 1 is a warship (a vessel): the
    assert (monitors.concept, monitors.depth) == ("screen", 0)   # screen is named directly


def test_bridge_is_a_structure_unless_context_prefers_a_cabin():
    assert resolve("bridge", CONCEPTS).concept == "bridge"
    cabin = resolve("bridge", CONCEPTS, prefer=lambda c: 1.0 if c == "ship_bridge" else 0.0)
    assert cabin.concept == "ship_bridge" and cabin.sense.synset == "bridge.n.09"
    assert cabin.word == "bridge_deck" and cabin.depth == 0
    structure = resolve("bridge", CONCEPTS, prefer=lambda c: -1.0 if c == "ship_bridge" else 0.0)
    assert structure.concept == "bridge" and structure.sense.synset == "bridge.n.01"


def test_resolve_accepts_synset_names_as_concept_keys():
    by_synset = {"bridge.n.01": "bridge", "bridge.n.09": "ship_bridge"}
    assert resolve("bridge", by_synset).concept == "bridge"
    prefer_cabin = resolve("bridge", by_synset, prefer=lambda c: float(c == "ship_bridge"))
    assert (prefer_cabin.concept, prefer_cabin.word) == ("ship_bridge", "bridge")
    assert prefer_cabin.sense.synset == "bridge.n.09"


def test_a_french_word_read_through_english_is_no_second_witness():
    # "champ" is read through "field": together they do not make "field" stand for all
    # its senses (an airfield is a field's sense 9, not a crop field).
    crops = {"field": "crop_field", "champ": "crop_field"}
    assert resolve("airfield", crops) is None
    assert resolve("cornfield", crops).concept == "crop_field"


def test_a_compound_the_table_lacks_is_read_as_its_head_noun():
    assert senses("server room") == []                     # WordNet has no server room
    room = resolve("server rooms", CONCEPTS)
    assert (room.concept, room.head) == ("room", "rooms")
    salle = resolve("salle des serveurs", {"salle": "hall", "room": "room"})
    assert (salle.concept, salle.head, salle.sense.via) == ("hall", "salle", salle.sense.via)
    assert salle.sense.via is not None                     # read through FreeDict's English
    assert resolve("speakeasy", CONCEPTS).head is None     # a known noun is read whole
    garden = resolve("zen garden", CONCEPTS)               # garden -> yard -> field
    assert (garden.concept, garden.head, garden.word) == ("field", "garden", "field")
    assert garden.depth == 2
    assert resolve("zen koan", CONCEPTS) is None           # nor its head: nothing


def test_ground_materials_are_read():
    for word, synset in (("mud", "mud.n.01"), ("gravel", "gravel.n.01"), ("sand", "sand.n.01")):
        assert first(word, "en").synset == synset
    assert first("boue", "fr").synset == "mud.n.01"


def test_keys_fold_as_the_prompt_parser_folds():
    from ai_sets_addon.generation.prompt.tokens import fold
    for word in ("Gas_Station", "CAFÉ", "Œuvre", "stained\u2010glass", "Straße", "laundromat"):
        assert lexicon.key_of(word) == " ".join(
            fold(word).replace("_", " ").replace("\u2010", "-").split())


def test_morphy_leaves_ss_words_and_short_stems_alone():
    assert "georgia.n.01" not in [s.synset for s in senses("gas", "en")]     # not "ga"
    assert [s.synset for s in senses("compass", "en")][0] == "compass.n.01"
    assert first("woods", "en").synset == "forest.n.01"


def test_gymnasium_is_the_gym_a_concept_names_not_its_first_sense_school():
    assert first("gymnasium", "en").synset == "secondary_school.n.01"   # WordNet's first
    gym = resolve("gymnasium", {"school": "school", "gym": "gym"})
    assert (gym.concept, gym.sense.synset, gym.depth) == ("gym", "gymnasium.n.02", 0)
    assert resolve("gymnasium", {"school": "school"}).concept == "school"
