"""Which place a prompt names, read from context.

- Compound nouns beat their parts: phrases are matched longest first over the words
  with articles dropped, so "gas station" / "station-service" is never the metro's
  "station", "bridge of a spaceship" is never a bridge over a river, "jazz stage"
  never the photo studio's "stage".
- Place nouns beat settings and adjectives: a specific place ("lighthouse", "gas
  station") wins over a setting named beside it ("cliff", "desert", "highway",
  "street"), which only tells where it stands.
- Of two place nouns in one noun phrase the head wins: the last in English ("castle
  hall"), the first before "de" in French ("rue d'un village").
- Among equals the first named wins; the others are said in a notice.
- No recipe word: the lexicon (when built) reads each unknown noun through its
  hypernyms ("laundromat: read as ..."); else the nearest honest base is built, an
  open lot outdoors or an empty hall, and the notice names the words not placed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..prompt.tokens import Token, phrase_key, singular
from .catalog import RECIPES
from .recipe import RANKS, Recipe

ARTICLES = frozenset({"a", "an", "the", "le", "la", "les", "l", "un", "une", "des", "du", "d"})


@dataclass(frozen=True)
class Hit:
    recipe: str
    start: int          # token indices [start, end)
    end: int
    text: str


@dataclass
class Choice:
    recipe: Recipe | None
    hits: list[Hit]
    notices: list[str]
    spans: tuple[tuple[int, int], ...] = ()   # every place phrase read, kept or qualifying
    inside: tuple[str, ...] = ()              # indoor places named within an outdoor one


# An indoor place named within an outdoor one stands there as its building: "a meadow
# with a cabin" has a cottage on it.
OUTSIDE_FORMS = {"cabin_interior": "cottage", "barn_interior": "barn", "living_room": "house",
                 "kitchen": "house", "bedroom": "house", "tavern_medieval": "house"}


def _content(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w for w in words if w not in ARTICLES)


@cache
def phrase_index() -> tuple[dict[tuple[str, ...], str], int]:
    """Folded content words of every recipe phrase -> recipe id. Recipes written as
    places win a phrase over the archetype mirrors (listed first)."""
    index: dict[tuple[str, ...], str] = {}
    for rid, recipe in RECIPES.items():
        for phrase in recipe.words:
            key = _content(phrase_key(phrase))
            if key:
                index[key] = rid
                index.setdefault(tuple(singular(w) for w in key), rid)
    return index, max(len(k) for k in index)


def place_hits(tokens: list[Token]) -> list[Hit]:
    """Longest recipe phrases in prompt order; phrases never cross punctuation."""
    index, longest = phrase_index()
    words = [(i, t.text) for i, t in enumerate(tokens) if not t.punct and t.text not in ARTICLES]
    breaks = {i for i, t in enumerate(tokens) if t.punct}
    hits, k = [], 0
    while k < len(words):
        found = None
        for n in range(min(longest, len(words) - k), 0, -1):
            span = words[k:k + n]
            if any(b in breaks for b in range(span[0][0], span[-1][0] + 1)):
                continue
            key = tuple(w for _, w in span)
            rid = index.get(key) or index.get(tuple(singular(w) for w in key))
            if rid:
                found = Hit(rid, span[0][0], span[-1][0] + 1, " ".join(key))
                k += n
                break
        if found:
            hits.append(found)
        else:
            k += 1
    return hits


def _inside_props(hits: list[Hit], tokens: list[Token]) -> list[Hit]:
    """Place words that are part of a longer prop noun are the prop's: "poste de
    secours" is a lifeguard hut, not a post office."""
    from ..prompt.qualifiers import qualifier_hits
    props = [(h.start, h.end) for h in qualifier_hits(tokens) if h.cat == "prop"]
    return [h for h in hits if not any(s <= h.start and h.end <= e and e - s > h.end - h.start
                                       for s, e in props)]


FRENCH_OF = frozenset({"de", "d", "du", "des"})
# A preposition opens a new noun phrase: "campsite in the woods" is two phrases.
PREPOSITIONS = frozenset({"in", "on", "at", "by", "near", "over", "under", "inside", "beside",
                          "behind", "across", "along", "dans", "sur", "sous", "pres", "au",
                          "aux", "en", "vers", "derriere", "devant", "bord", "cote"})
# Words that open a complement: what follows is in or on the place named before.
WITH = frozenset({"with", "avec", "full", "plein", "pleine", "pleins", "pleines", "where", "ou"})


def _heads(hits: list[Hit], tokens: list[Token]) -> list[Hit]:
    """Of two place nouns in one noun phrase, the head is the place: in English the last
    of two side by side ("castle hall", "spaceship corridor", "village street"), in
    French the first before "de" ("rue d'un village", "couloir d'hôpital"); the other
    only qualifies it (its style still reads)."""
    drop: set[int] = set()
    for a, b in zip(hits, hits[1:]):
        between = tokens[a.end:b.start]
        if any(t.punct for t in between) or tokens[b.start].text in PREPOSITIONS or \
                PREPOSITIONS & {t.text for t in between}:
            continue
        words = [t.text for t in between if t.text not in ARTICLES - FRENCH_OF]
        if not words:
            drop.add(id(a))
        elif FRENCH_OF & set(words[-2:]):
            drop.add(id(b))
    return [h for h in hits if id(h) not in drop]


def _complements(hits: list[Hit], tokens: list[Token]) -> tuple[list[Hit], list[Hit]]:
    """A place named after "with"/"avec"/"full of" is in or on the first one, which
    stays the set when the two differ indoors and out: "a frozen lake with ice fishing
    huts" is a lake, "a barn with a stable" a barn."""
    opened = [i for i, t in enumerate(tokens) if hits and t.text in WITH and i >= hits[0].end]
    if not opened:
        return hits, []
    outdoor = RECIPES[hits[0].recipe].outdoor
    kept = [h for h in hits if h.start < opened[0] or RECIPES[h.recipe].outdoor == outdoor]
    return kept, [h for h in hits if h not in kept]


def choose(tokens: list[Token]) -> Choice:
    """The place the prompt names (None when it names none) and notices."""
    found = _inside_props(place_hits(tokens), tokens)
    spans = tuple((h.start, h.end) for h in found)
    hits, within = _complements(_heads(found, tokens), tokens)
    inside = tuple(OUTSIDE_FORMS[h.recipe] for h in within if h.recipe in OUTSIDE_FORMS)
    if not hits:
        return Choice(None, [], [], spans)
    best = max(hits, key=lambda h: (RANKS[RECIPES[h.recipe].rank], -h.start))
    recipe = RECIPES[best.recipe]
    notices = []
    others = [h for h in hits if h.recipe != best.recipe]
    same_rank = [h for h in others if RECIPES[h.recipe].rank == recipe.rank]
    if same_rank:
        words = ", ".join(dict.fromkeys(h.text for h in same_rank))
        notices.append(f"the prompt names several places ({best.text}, {words}): built "
                       f"{recipe.label} from '{best.text}'")
    return Choice(recipe, hits, notices, spans, inside)


def honest_base(outdoor: bool) -> Recipe:
    """What to build when no place was understood: an open lot or an empty hall."""
    return RECIPES["open_lot" if outdoor else "empty_hall"]


# WordNet synsets a place stands for beyond its own words: a noun whose hypernym chain
# reaches one is built as that place ("hovel" -> shelter -> a log cabin; "bayou" ->
# lake; a word that is only "a room" or "a building" gets the empty hall).
ANCHORS = {
    "barroom.n.01": "bar", "shop.n.01": "shop", "wetland.n.01": "swamp", "marsh.n.01": "swamp",
    "lake.n.01": "lake_shore", "body_of_water.n.01": "lake_shore", "field.n.01": "meadow",
    "grassland.n.01": "meadow", "road.n.01": "highway", "shelter.n.01": "cabin_interior",
    "dwelling.n.01": "living_room", "place_of_worship.n.01": "church", "restaurant.n.01": "restaurant",
    "room.n.01": "empty_hall", "building.n.01": "empty_hall", "factory.n.01": "warehouse",
    "laundry.n.01": "laundromat", "garden.n.01": "park", "forest.n.01": "forest", "desert.n.01": "desert",
    "mountain.n.01": "canyon", "beach.n.01": "beach", "shore.n.01": "beach", "street.n.01": "street",
    "vessel.n.02": "ship_cabin", "aircraft.n.01": "airplane_cabin", "spacecraft.n.01": "spaceship_bridge",
    "farm.n.01": "farm", "prison.n.01": "prison", "hospital.n.01": "hospital_room",
    "school.n.02": "classroom", "theater.n.01": "theatre_stage", "stable.n.01": "farm",
    "fortification.n.01": "castle_courtyard", "ruin.n.02": "ruins", "cemetery.n.01": "cemetery",
    "park.n.02": "park", "sports_arena.n.01": "gymnasium", "tract.n.01": "open_lot",
    "living_room.n.01": "living_room", "parlor.n.01": "living_room", "tomb.n.01": "tomb",
    "geological_formation.n.01": "canyon", "slope.n.01": "meadow", "ski_slope.n.01": "snowfield",
    "plant.n.01": "warehouse", "course.n.09": "meadow", "racetrack.n.01": "highway",
}


@cache
def _concepts() -> dict[str, str]:
    """Lexicon concept map: every single English word of every recipe, then the anchors."""
    out: dict[str, str] = {}
    for rid, recipe in RECIPES.items():
        for phrase in recipe.en:
            if " " not in phrase and "-" not in phrase:
                out.setdefault(phrase, rid)
    out.update(ANCHORS)
    return out


def read_unknown(words: list[str]) -> tuple[Recipe, str, str] | None:
    """(recipe, word, how it was read) for the first unknown noun the lexicon places
    through its hypernyms: "bayou: read as a lake (a body of water)"."""
    try:
        from ..lexicon import resolve
    except ImportError:          # the lexicon is generated data; without it, no reading
        return None
    for word in words:
        found = resolve(word, _concepts())
        if found is None or found.concept not in RECIPES:
            continue
        recipe = RECIPES[found.concept]
        what = recipe.reads_as or f"a {recipe.label}"
        how = what if found.depth == 0 else f"{what} (a kind of {found.word.replace('_', ' ')})"
        return recipe, word, how
    return None
