"""Free text (English, French or both) -> SetSpec.

A table-driven, deterministic parser: no model, no bpy, no network, so the same
prompt always gives the same spec (the manifest can rebuild a set from it) and it
runs in well under a millisecond per sentence.

How it reads a prompt:
1. Fold: NFC, casefold, words split on anything that is not a letter or digit,
   accents stripped per word (NFKD) - "ENTREPÔT" and "entrepot" are the same word.
2. Match: greedy longest phrase against one lexicon built from the EN/FR word
   tables in `vocabulary` (so "heure dorée" beats "dorée", "carrelage métro" beats
   "métro"); plurals (-s, -x) and French feminine adjectives (-e) fall back to
   the base form. Punctuation ends phrases.
3. Resolve: one value per slot (the first wins; contradictions become notices);
   surface phrases ("sol en béton mouillé", "wet red brick walls") bind roles,
   materials, modifiers and colours; words left over are kept in `unknown_words`.
4. Qualify: a second pass reads props (with counts and negations), "lots of" /
   "empty", camera heights and the archetypes' features into typed fields, so no
   later stage reads the text.
Only an empty, wordless, non-text or over-long prompt (or a bad seed) raises InputError;
everything else the user should know about becomes a notice.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from . import vocabulary as voc
from .errors import InputError
from .spec import SetSpec, SurfaceSpec
from .styles import ERAS, STYLES, era_words, style_words

MAX_PROMPT_CHARS = 2000
MAX_SEED = 2**31 - 1
EXAMPLE_PROMPTS = ('"an abandoned concrete warehouse at dusk, light fog"',
                   '"une ruelle pavée sous la pluie, la nuit"')

# Families that cover the walkable surface when the prompt names no role.
FLOOR_FAMILIES = frozenset({
    "wood_planks", "parquet", "carpet", "asphalt", "cobblestone", "paving_slabs", "sand",
    "soil", "grass", "gravel", "snow", "polished_concrete",
})
WET_MODIFIERS = frozenset({"wet", "puddles"})

# Item categories.
SURFACE_CATS = frozenset({"role", "material", "modifier", "colour", "dust_noun"})
LINK_CATS = frozenset({"stop", "density", "filler", "shade"})   # keep a surface phrase open
ADJECTIVE_CATS = frozenset({"modifier", "colour", "density", "mood", "scale", "cloud",
                            "atmosphere", "precipitation", "material"})

_TOKEN_RE = re.compile(r"\d{1,2}:\d{2}|[^\W_]+|[,;.!?()\[\]{}|/\n\u2014\u2013]")
_SOFT_PUNCT = frozenset(",\u2014\u2013")
_HOUR_RE = re.compile(r"(\d{1,2})(?:(h)(\d{2})?|(am|pm)|:(\d{2}))?")
_HOUR_UNITS = {"h": "fr", "heure": "fr", "heures": "fr", "am": "en", "pm": "en"}


@dataclass(frozen=True)
class Sense:
    """One meaning of a phrase: a category ("material"...), a vocabulary key, a language."""

    cat: str
    key: str
    lang: str = "both"   # "en", "fr" or "both" (does not vote for a language)


@dataclass(frozen=True)
class Token:
    text: str            # folded: lowercase, no accents
    accented: bool = False
    punct: str = ""      # "," soft break, "." hard break, "" for a word


@dataclass
class Item:
    """A matched phrase (or an unknown word) spanning tokens [start, end)."""

    cat: str
    key: str
    lang: str
    start: int
    end: int
    text: str
    negated: bool = False


@dataclass
class Lexicon:
    phrases: dict[tuple[str, ...], tuple[Sense, ...]] = field(default_factory=dict)
    max_len: int = 1
    conflicts: list[str] = field(default_factory=list)   # table bugs, checked by a test


# ----------------------------------------------------------------------------- folding

def fold(text: str) -> str:
    """Lowercase, accent-free form of a word or phrase (what the tables are keyed on)."""
    text = unicodedata.normalize("NFC", text).casefold()
    text = text.replace("\u0153", "oe").replace("\u00e6", "ae")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokenize(text: str) -> list[Token]:
    """Words and clause punctuation; each word folded, remembering if it had accents
    (an unknown accented word is a hint that the prompt is French)."""
    lowered = unicodedata.normalize("NFC", text).casefold()
    tokens = []
    for match in _TOKEN_RE.finditer(lowered):
        raw = match.group()
        if raw in _SOFT_PUNCT:
            tokens.append(Token(",", punct=","))
        elif not (raw[0].isalnum()):
            tokens.append(Token(".", punct="."))
        else:
            folded = fold(raw)
            tokens.append(Token(folded, accented=folded != raw))
    return tokens


def _phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple(t.text for t in tokenize(phrase) if not t.punct)


def _singular(word: str) -> str:
    if len(word) > 3 and word[-1] in "sx" and not word.endswith("ss"):
        return word[:-1]
    return word


def _masculine(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("e") else word


# ----------------------------------------------------------------------------- lexicon

def _table_senses() -> list[tuple[str, str, str, tuple[Sense, ...]]]:
    """(phrase, category, language, senses) for every table, highest priority first."""
    rows: list[tuple[str, str, str, tuple[Sense, ...]]] = []
    for lang, table in voc.COMPOUND_WORDS.items():
        for phrase, pairs in table.items():
            rows.append((phrase, "compound", lang, tuple(Sense(c, k, lang) for c, k in pairs)))
    keyed = [("archetype", voc.ARCHETYPE_WORDS), ("room", voc.room_words()),
             ("near", voc.NEAR_PLACE_WORDS),
             ("hint", voc.PLACE_HINT_WORDS), ("role", voc.ROLE_WORDS),
             ("material", voc.MATERIAL_WORDS), ("modifier", voc.MODIFIER_WORDS),
             ("colour", voc.COLOUR_WORDS), ("time", voc.TIME_WORDS),
             ("cloud", voc.CLOUD_WORDS), ("precipitation", voc.PRECIPITATION_WORDS),
             ("atmosphere", voc.ATMOSPHERE_WORDS), ("density", voc.DENSITY_WORDS),
             ("mood", voc.MOOD_WORDS), ("scale", voc.SCALE_WORDS)]
    for cat, table in keyed:
        for key, by_lang in table.items():
            for lang, phrases in by_lang.items():
                rows.extend((p, cat, lang, (Sense(cat, key, lang),)) for p in phrases)
    plain = [("dust_noun", "dust", voc.DUST_NOUNS), ("neg", "", voc.NEGATION_WORDS),
             ("conjunction", "", voc.CONJUNCTION_WORDS), ("stop", "", voc.STOP_WORDS),
             ("filler", "", voc.FILLER_WORDS)]
    for cat, key, by_lang in plain:
        for lang, phrases in by_lang.items():
            rows.extend((p, cat, lang, (Sense(cat, key, lang),)) for p in phrases)
    rows.extend((p, "stop", "both", (Sense("stop", "", "both"),))
                for p in voc.SHARED_STOP_WORDS)
    return rows


def _strip_lang(senses: tuple[Sense, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((s.cat, s.key) for s in senses)


@cache
def lexicon() -> Lexicon:
    """Every phrase of every table, folded; a phrase listed in both languages with the
    same meaning is language-neutral, one listed with two meanings is a conflict."""
    lex = Lexicon()
    for phrase, _cat, lang, senses in _table_senses():
        key = _phrase_key(phrase)
        old = lex.phrases.get(key)
        if old is None:
            lex.phrases[key] = senses
            lex.max_len = max(lex.max_len, len(key))
        elif _strip_lang(old) != _strip_lang(senses):
            lex.conflicts.append(f"{' '.join(key)!r}: {_strip_lang(old)} vs {_strip_lang(senses)}")
        elif any(s.lang != lang for s in old):
            lex.phrases[key] = tuple(Sense(s.cat, s.key, "both") for s in old)
    return lex


def vocabulary_sizes() -> dict[str, int]:
    """How many phrases each category understands (for docs and the test report)."""
    sizes: dict[str, int] = {}
    for senses in lexicon().phrases.values():
        for sense in senses:
            sizes[sense.cat] = sizes.get(sense.cat, 0) + 1
    return sizes


# ----------------------------------------------------------------------------- matching

def _lookup(words: tuple[str, ...]) -> tuple[Sense, ...] | None:
    phrases = lexicon().phrases
    found = phrases.get(words) or phrases.get(tuple(_singular(w) for w in words))
    if found or len(words) != 1:
        return found
    base = _masculine(_singular(words[0]))
    found = phrases.get((base,))
    if found and all(s.cat in ADJECTIVE_CATS for s in found):
        return found
    return None


def _hour(tokens: list[Token], i: int) -> tuple[int, str, str] | None:
    """(tokens used, time-of-day key, language) for "18h", "6pm", "18:30", "6 am"."""
    match = _HOUR_RE.fullmatch(tokens[i].text)
    if not match:
        return None
    hour = int(match.group(1))
    unit = match.group(2) or match.group(4)
    minutes = match.group(3) or match.group(5)
    used, lang = 1, _HOUR_UNITS.get(unit or "", "both")
    if unit is None and minutes is None:
        nxt = tokens[i + 1].text if i + 1 < len(tokens) and not tokens[i + 1].punct else ""
        if nxt not in _HOUR_UNITS:
            return None
        unit, used, lang = nxt, 2, _HOUR_UNITS[nxt]
    if unit in ("am", "pm"):
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if unit == "pm" else 0)
    if hour > 24 or (minutes and int(minutes) > 59):
        return None
    return used, time_for_hour(hour % 24), lang


def time_for_hour(hour: int) -> str:
    """Clock hour -> time-of-day key (a mid-latitude, mid-season approximation;
    the sky stage can place the sun exactly from a date and place)."""
    table = ((5, "night"), (6, "dawn"), (7, "sunrise"), (11, "morning"), (14, "noon"),
             (17, "afternoon"), (18, "golden_hour"), (20, "sunset"), (21, "dusk"),
             (22, "blue_hour"), (24, "night"))
    return next(key for limit, key in table if hour < limit)


def _match_at(tokens: list[Token], i: int, run_end: int) -> tuple[int, tuple[Sense, ...]]:
    """Longest known phrase starting at i (0 tokens when none)."""
    for length in range(min(lexicon().max_len, run_end - i), 0, -1):
        senses = _lookup(tuple(t.text for t in tokens[i:i + length]))
        if senses:
            return length, senses
    hour = _hour(tokens, i)
    if hour and i + hour[0] <= run_end:
        return hour[0], (Sense("time", hour[1], hour[2]),)
    return 0, ()


def _run_ends(tokens: list[Token]) -> list[int]:
    """For each token, where its clause run ends (the next punctuation): phrases never
    cross punctuation."""
    ends, end = [0] * len(tokens), len(tokens)
    for i in range(len(tokens) - 1, -1, -1):
        if tokens[i].punct:
            end = i
        ends[i] = end
    return ends


def match(tokens: list[Token]) -> list[Item]:
    """Items in prompt order: known phrases, punctuation and unknown words."""
    items: list[Item] = []
    ends = _run_ends(tokens)
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        length, senses = (0, ()) if tok.punct else _match_at(tokens, i, ends[i])
        if tok.punct:
            items.append(Item("punct", tok.punct, "both", i, i + 1, tok.text))
        elif not length:
            items.append(Item("unknown", tok.text, "fr" if tok.accented else "both",
                              i, i + 1, tok.text))
        else:
            span = tokens[i:i + length]
            text = " ".join(t.text for t in span)
            accented = any(t.accented for t in span)   # "café" is French, "cafe" either
            items.extend(Item(s.cat, s.key, "fr" if accented and s.lang == "both" else s.lang,
                              i, i + length, text) for s in senses)
        i += max(length, 1)
    return items


# ----------------------------------------------------------------------------- context

def _apply_negations(items: list[Item]) -> None:
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


def _resolve_noir(items: list[Item]) -> None:
    """"noir" is French for black, but in an English prompt it is the film genre."""
    votes = _votes(items, skip_text="noir")
    if votes["en"] and not votes["fr"]:
        for item in items:
            if item.cat == "colour" and item.text == "noir":
                item.cat, item.key, item.lang = "mood", "noir", "en"


def _resolve_shades(items: list[Item]) -> None:
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


def _resolve_deserted(items: list[Item]) -> None:
    """"quai désert", "rue déserte": after a place, "désert" means empty, not a desert."""
    for n, item in enumerate(items[1:], start=1):
        before = items[n - 1]
        if item.cat == "archetype" and item.key == "desert" and item.text == "desert" \
                and before.cat in ("archetype", "near") and before.end == item.start:
            item.cat = "filler"


def languages(items: list[Item]) -> list[str]:
    votes = _votes(items)
    return [lang for lang in ("en", "fr") if votes[lang]]


# ----------------------------------------------------------------------------- archetype

def _archetype(items: list[Item], notices: list[str]) -> tuple[str, bool]:
    """The first named place; a room type ("kitchen") names its archetype; a place we
    do not build maps to the nearest archetype."""
    live = [it for it in items if not it.negated]
    strong = [it for it in live if it.cat == "archetype"]
    rooms = [it for it in live if it.cat == "room"]
    near = [it for it in live if it.cat == "near"]
    hints = [it for it in live if it.cat == "hint"]
    chosen = (strong or rooms or near or hints or [None])[0]
    if chosen is None:
        return voc.DEFAULT_ARCHETYPE, False
    key = voc.room_archetype(chosen.key) if chosen.cat == "room" else chosen.key
    if chosen.cat == "near":
        notices.append(f"'{chosen.text}' is not a set type yet: built the nearest one, "
                       f"{_label(key)}")
    # "couloir d'hôpital": a room or near place next to a set type only qualifies it.
    rivals = strong or rooms or near
    named = list(dict.fromkeys(voc.room_archetype(it.key) if it.cat == "room" else it.key
                               for it in rivals))
    if len(named) > 1:
        words = ", ".join(dict.fromkeys(it.text for it in rivals))
        notices.append(f"the prompt names several places ({words}): built "
                       f"{_label(key)} from '{chosen.text}'; remove the others "
                       f"to choose another")
    return key, True


def _room_type(items: list[Item], archetype: str, notices: list[str]) -> str | None:
    """The first room type the built archetype has (a "hospital corridor" is a corridor)."""
    rooms = [it.key for it in items if it.cat == "room" and not it.negated
             and voc.room_archetype(it.key) == archetype]
    return _first_of(list(dict.fromkeys(rooms)), "room types", notices)


def _first_of(keys: list[str], label: str, notices: list[str]) -> str | None:
    if len(keys) > 1:
        notices.append(f"several {label} ({', '.join(_label(k) for k in keys)}): "
                       f"used {_label(keys[0])}")
    return keys[0] if keys else None


def _label(key: str) -> str:
    return key.replace("_", " ")


# ----------------------------------------------------------------------------- surfaces

@dataclass
class Segment:
    """One surface phrase: at most one material, the roles it covers, its adjectives."""

    roles: list[str] = field(default_factory=list)
    family: str | None = None
    modifiers: list[str] = field(default_factory=list)
    colour: str | None = None
    dust: Item | None = None       # a bare "dust" noun, modifier or atmosphere
    items: list[Item] = field(default_factory=list)

    def add(self, item: Item) -> None:
        self.items.append(item)
        if item.cat == "role":
            self.roles.append(item.key)
        elif item.cat == "material":
            self.family = item.key
        elif item.cat == "modifier" and item.key not in self.modifiers:
            self.modifiers.append(item.key)
        elif item.cat == "colour" and self.colour is None:
            self.colour = item.key
        elif item.cat == "dust_noun":
            self.dust = item

    def is_bare_role(self) -> bool:
        return bool(self.roles) and not (self.family or self.modifiers or self.colour
                                         or self.dust)

    def first_head(self) -> str | None:
        return next((it.cat for it in self.items if it.cat in ("role", "material")), None)


@dataclass
class Group:
    """Surface words with only grammar words between them; `joined` when a
    conjunction or comma (not another kind of word) separates it from the previous."""

    items: list[Item] = field(default_factory=list)
    joined: bool = False


def _joins_adjectives(items: list[Item], n: int) -> bool:
    """"suie et rouille", "red and white": a conjunction between two adjectives keeps
    the surface phrase open."""
    nxt = next((it for it in items[n + 1:] if it.cat not in LINK_CATS), None)
    return nxt is not None and nxt.cat in ("modifier", "colour", "dust_noun") \
        and not nxt.negated


def _groups(items: list[Item]) -> list[Group]:
    groups: list[Group] = []
    current, joined = Group(), False
    for n, item in enumerate(items):
        if item.negated:
            continue
        if item.cat in SURFACE_CATS:
            if not current.items:
                current.joined = joined
            current.items.append(item)
            continue
        if item.cat in LINK_CATS or (item.cat == "conjunction" and current.items
                                     and _joins_adjectives(items, n)):
            continue
        if current.items:
            groups.append(current)
            current = Group()
        joined = item.cat == "conjunction" or (item.cat == "punct" and item.key == ",")
    if current.items:
        groups.append(current)
    return groups


def _carries_forward(item: Item, langs: list[str]) -> bool:
    """English adjectives precede their noun, French ones follow it."""
    return item.lang == "en" or (item.lang == "both" and "fr" not in langs)


def _segments(group: Group, langs: list[str]) -> list[Segment]:
    """Split "concrete floor with wet brick walls" into one segment per surface."""
    runs: list[list[Item]] = [[]]
    for item in group.items:
        run = runs[-1]
        if item.cat in ("role", "material") and any(x.cat == item.cat for x in run):
            last_head = max(n for n, x in enumerate(run) if x.cat in ("role", "material"))
            tail = run[last_head + 1:]
            cut = len(tail)
            while cut and _carries_forward(tail[cut - 1], langs):
                cut -= 1
            runs[-1] = run[:last_head + 1] + tail[:cut]
            runs.append(tail[cut:])
        runs[-1].append(item)
    segments = []
    for run in runs:
        segment = Segment()
        for item in run:
            segment.add(item)
        segments.append(segment)
    return segments


def _share_roles(groups: list[list[Segment]], joined: list[bool]) -> None:
    """"murs, sol et plafond en béton": bare roles joined by "and"/"," take the
    material of the role phrase that follows them."""
    for n in range(len(groups) - 2, -1, -1):
        if not joined[n + 1] or not groups[n] or not groups[n + 1]:
            continue
        last, nxt = groups[n][-1], groups[n + 1][0]
        if last.is_bare_role() and nxt.first_head() == "role" and nxt.family:
            nxt.roles[:0] = last.roles
            groups[n][-1] = nxt     # the same object: chains "a, b and c in X"


@dataclass
class SurfaceResult:
    surfaces: dict[str, SurfaceSpec] = field(default_factory=dict)
    modifiers: list[str] = field(default_factory=list)
    dust_in_air: list[Item] = field(default_factory=list)


def walkable_role(archetype: str) -> str:
    return "ground" if archetype in voc.EXTERIOR_ARCHETYPES else "floor"


def _role_for(role: str | None, family: str | None, archetype: str) -> str:
    if role in ("floor", "ground") or (role is None and family in FLOOR_FAMILIES):
        return walkable_role(archetype)
    return role or "walls"


def _merge(result: SurfaceResult, role: str, seg: Segment, notices: list[str]) -> None:
    surface = result.surfaces.setdefault(role, SurfaceSpec(role=role))
    if seg.family and surface.family and seg.family != surface.family:
        notices.append(f"{role}: kept {_label(surface.family)}, also asked for "
                       f"{_label(seg.family)}")
        return      # its adjectives describe the material that was not kept
    surface.family = surface.family or seg.family
    surface.colour = surface.colour or seg.colour
    mods = seg.modifiers + (["dust"] if seg.dust else [])
    surface.modifiers.extend(m for m in mods if m not in surface.modifiers)


def _surfaces(items: list[Item], archetype: str, langs: list[str],
              notices: list[str]) -> SurfaceResult:
    result = SurfaceResult()
    groups = _groups(items)
    segmented = [_segments(g, langs) for g in groups]
    _share_roles(segmented, [g.joined for g in groups])
    unique = {id(s): s for segs in segmented for s in segs}
    for seg in unique.values():
        if seg.roles or seg.family:
            for role in seg.roles or [None]:
                _merge(result, _role_for(role, seg.family, archetype), seg, notices)
            continue
        result.modifiers.extend(m for m in seg.modifiers if m not in result.modifiers)
        if seg.dust:
            result.dust_in_air.append(seg.dust)
    result.surfaces = {r: s for r, s in result.surfaces.items()
                       if s.family or s.modifiers or s.colour}
    return result


# ----------------------------------------------------------------------------- slots

def _first(items: list[Item], cat: str, label: str, notices: list[str]) -> str | None:
    """The first value of a one-value slot; a different later one is a notice."""
    keys = list(dict.fromkeys(it.key for it in items if it.cat == cat and not it.negated))
    if len(keys) > 1:
        notices.append(f"several {label} ({', '.join(_label(k) for k in keys)}): "
                       f"used {_label(keys[0])}")
    return keys[0] if keys else None


def _all(items: list[Item], cat: str) -> list[str]:
    return list(dict.fromkeys(it.key for it in items if it.cat == cat and not it.negated))


def _density_near(items: list[Item], mention: Item) -> float | None:
    """A density word in the same phrase or next to it, with only grammar words
    between: "light fog", "brouillard très épais", "sandstorm"."""
    index = next(n for n, it in enumerate(items) if it is mention)
    for step in (-1, 1):
        n = index + step
        while 0 <= n < len(items):
            other = items[n]
            gap = mention.start - other.end if step < 0 else other.start - mention.end
            same = other.start == mention.start
            if not same and gap > 2:
                break
            if other.cat == "density":
                return voc.ATMOSPHERE_DENSITIES[other.key]
            if not (same or other.cat in ("stop", "filler")):
                break
            n += step
    return None


def _atmosphere(items: list[Item], dust_in_air: list[Item]) -> dict[str, float]:
    mentions = [it for it in items if it.cat == "atmosphere" and not it.negated]
    mentions = sorted(mentions + dust_in_air, key=lambda it: it.start)
    result: dict[str, float] = {}
    for mention in mentions:
        if mention.key not in result:
            density = _density_near(items, mention)
            result[mention.key] = voc.ATMOSPHERE_DENSITIES["medium"] if density is None \
                else density
    return result


def _cloud_for_precipitation(cloud: str | None, precipitation: str) -> str | None:
    """Rain and snow fall from at least a broken sky, unless the prompt said otherwise."""
    if cloud is not None or precipitation == "none":
        return cloud
    return "broken"


def _unknown_words(items: list[Item], understood: set[int], notices: list[str]) -> list[str]:
    """Words no table knows and no qualifier used, once each, in prompt order."""
    words = list(dict.fromkeys(it.text for it in items
                               if it.cat == "unknown" and it.start not in understood))
    if words:
        notices.append(f"not understood: {', '.join(words)}; they were kept in the spec")
    return words


# ----------------------------------------------------------------------------- qualifiers
# A second pass over the tokens for words that qualify the set without taking part in
# the surface grammar: props and their counts, "lots of"/"empty", camera heights and
# the archetypes' own features ("tropical", "tunnel"). A word may be read by both
# passes ("crates" is the props surface and the crate prop).

QUALIFIER_TABLES = ("prop", "quantity", "camera", "feature", "style", "era", "number")
# Words that may stand between a count or a negation and its prop: "no wooden crates".
_BEFORE_PROP = frozenset({"stop", "filler", "colour", "material", "modifier", "shade",
                          "density", "scale"})


@dataclass(frozen=True)
class Hit:
    """A qualifier phrase found over tokens [start, end)."""

    cat: str
    key: str
    start: int
    end: int


@dataclass
class Qualifiers:
    props: dict[str, int] = field(default_factory=dict)
    excluded_props: list[str] = field(default_factory=list)
    quantity: float = 1.0
    camera: str = "eye"
    features: list[str] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)
    eras: list[str] = field(default_factory=list)
    understood: set[int] = field(default_factory=set)     # token indices read here


def _qualifier_tables() -> dict[str, voc.WordTable]:
    return {"prop": voc.PROP_WORDS, "quantity": voc.QUANTITY_WORDS,
            "camera": voc.CAMERA_WORDS, "feature": voc.feature_words(),
            "style": style_words(), "era": era_words(), "number": voc.NUMBER_WORDS}


@cache
def qualifier_index() -> dict[str, tuple[tuple[tuple[str, ...], str, str], ...]]:
    """First folded word -> ((phrase words, category, key), ...), longest first."""
    index: dict[str, set] = {}
    for cat, table in _qualifier_tables().items():
        for key, by_lang in table.items():
            for phrases in by_lang.values():
                for phrase in phrases:
                    words = _phrase_key(phrase)
                    index.setdefault(words[0], set()).add((words, cat, key))
    return {w: tuple(sorted(v, key=lambda e: (-len(e[0]), e))) for w, v in index.items()}


def _same(token: str, word: str) -> bool:
    return token == word or _singular(token) == word


def _hits_at(tokens: list[Token], i: int) -> dict[str, Hit]:
    """The longest qualifier phrase of each category starting at token i."""
    index = qualifier_index()
    text = tokens[i].text
    found: dict[str, Hit] = {}
    if text.isdigit():
        found["number"] = Hit("number", text, i, i + 1)
    candidates = sorted(set(index.get(text, ()) + index.get(_singular(text), ())),
                        key=lambda e: -len(e[0]))
    for words, cat, key in candidates:
        end = i + len(words)
        if cat in found or end > len(tokens):
            continue
        if all(not t.punct and _same(t.text, w) for t, w in zip(tokens[i:end], words)):
            found[cat] = Hit(cat, key, i, end)
    return found


def qualifier_hits(tokens: list[Token]) -> list[Hit]:
    """Qualifier phrases in prompt order; within a category phrases never overlap."""
    hits: list[Hit] = []
    free_from: dict[str, int] = {}
    for i, tok in enumerate(tokens):
        if tok.punct:
            continue
        for cat, hit in _hits_at(tokens, i).items():
            if i >= free_from.get(cat, 0):
                hits.append(hit)
                free_from[cat] = hit.end
    return hits


def _prop_context(hit: Hit, tokens: list[Token], cats: dict[int, set[str]],
                  numbers: dict[int, Hit]) -> tuple[int, bool, Hit | None]:
    """(count, negated, count hit) from the words just before a prop."""
    pos = hit.start
    for _ in range(4):
        if pos in numbers:
            count = min(int(numbers[pos].key), voc.MAX_PROP_COUNT)
            return count, False, numbers[pos]
        prev = pos - 1
        if prev < 0 or tokens[prev].punct:
            break
        if "neg" in cats.get(prev, ()):
            return 0, True, None
        if not cats.get(prev, set()) & _BEFORE_PROP:
            break
        pos = prev
    return 0, False, None


def _qualifiers(tokens: list[Token], items: list[Item]) -> Qualifiers:
    hits = qualifier_hits(tokens)
    cats: dict[int, set[str]] = {}
    for item in items:
        for t in range(item.start, item.end):
            cats.setdefault(t, set()).add(item.cat)
    numbers = {h.end: h for h in hits if h.cat == "number"}
    out = Qualifiers()
    used = [h for h in hits if h.cat in ("quantity", "camera", "feature", "style", "era")]
    for hit in (h for h in hits if h.cat == "prop"):
        count, negated, number = _prop_context(hit, tokens, cats, numbers)
        used += [hit] + ([number] if number else [])
        if negated:
            out.excluded_props.append(hit.key)
        else:
            out.props[hit.key] = max(out.props.get(hit.key, 0), count)
    out.excluded_props = [k for k in dict.fromkeys(out.excluded_props) if k not in out.props]
    quantities = {h.key for h in hits if h.cat == "quantity"}
    out.quantity = next((voc.QUANTITY_FACTORS[k] for k in ("more", "fewer") if k in quantities),
                        1.0)
    cameras = {h.key for h in hits if h.cat == "camera"}
    out.camera = next((m for m in voc.CAMERA_MODES[1:] if m in cameras), "eye")
    out.features = list(dict.fromkeys(h.key for h in hits if h.cat == "feature"))
    out.styles = list(dict.fromkeys(h.key for h in hits if h.cat == "style"))
    out.eras = list(dict.fromkeys(h.key for h in hits if h.cat == "era"))
    out.understood = {t for h in used for t in range(h.start, h.end)}
    return out


def _style(styles: list[str], era: str | None, archetype: str,
           notices: list[str]) -> str | None:
    """The first style named, else the style the era implies ("années 70"); a notice
    when the set built does not read styles (yet) or the style is indoor-only."""
    style = _first_of(styles, "styles", notices) or (ERAS[era].style if era else None)
    if style is None:
        return None
    why = _unstyled_reason(STYLES[style], archetype)
    if why:
        notices.append(f"the {STYLES[style].label} style is not applied to "
                       f"{_label(archetype)} sets: {why}")
    return style


def _unstyled_reason(style, archetype: str) -> str | None:
    """Why a style does not shape this place (None when it does): a landscape has no
    buildings or furnishings, an interior style has no street, and the reverse."""
    words = voc.place_registry()[archetype]
    outdoor = words.get("exterior", False)
    if not words.get("styled"):
        return (f"a {_label(archetype)} has no buildings or furnishings for a style to "
                "shape (its sky, ground and plants follow the other words)")
    if outdoor and not style.exterior:
        return "that style describes interiors"
    if not outdoor and not style.interior:
        return "that style describes exteriors"
    return None


# ----------------------------------------------------------------------------- API

def _check_input(text: object, seed: object) -> str:
    if not isinstance(text, str):
        raise InputError(f"the prompt must be text, not {type(text).__name__}; "
                         f"type a description of the place, e.g. {EXAMPLE_PROMPTS[0]}")
    stripped = text.strip()
    if not stripped:
        raise InputError("the prompt is empty: type a description of the place, e.g. "
                         f"{EXAMPLE_PROMPTS[0]} or {EXAMPLE_PROMPTS[1]}")
    if not any(ch.isalpha() for ch in stripped):
        raise InputError("the prompt has no words (only digits, punctuation or invisible "
                         "characters): type a description of the place, e.g. "
                         f"{EXAMPLE_PROMPTS[0]} or {EXAMPLE_PROMPTS[1]}")
    if len(stripped) > MAX_PROMPT_CHARS:
        raise InputError(f"the prompt is {len(stripped):,} characters long; the limit is "
                         f"{MAX_PROMPT_CHARS:,}: shorten it to the place, its surfaces, the "
                         "time of day and the weather")
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
        raise InputError(f"seed {seed!r} is out of range; use a whole number "
                         f"0..{MAX_SEED}")
    return stripped


def parse_prompt(text: str, seed: int = 0) -> SetSpec:
    """Read a prompt (English, French or mixed) into a SetSpec.

    Never fails on words it does not know: they land in `unknown_words` and a notice.
    Raises InputError only for an empty, wordless, non-text or over-long prompt or a
    bad seed.
    """
    prompt = _check_input(text, seed)
    tokens = tokenize(prompt)
    items = match(tokens)
    _apply_negations(items)
    _resolve_noir(items)
    _resolve_shades(items)
    _resolve_deserted(items)
    langs = languages(items)
    notices: list[str] = []
    archetype, explicit = _archetype(items, notices)
    surf = _surfaces(items, archetype, langs, notices)
    precipitation = _first(items, "precipitation", "kinds of precipitation", notices) or "none"
    cloud = _cloud_for_precipitation(_first(items, "cloud", "cloud covers", notices),
                                     precipitation)
    used_mods = surf.modifiers + [m for s in surf.surfaces.values() for m in s.modifiers]
    spec = SetSpec(
        prompt=prompt, seed=seed, archetype=archetype, archetype_explicit=explicit,
        surfaces=surf.surfaces, modifiers=surf.modifiers,
        time_of_day=_first(items, "time", "times of day", notices) or "afternoon",
        cloud_cover=cloud or "few", precipitation=precipitation,
        wet=precipitation == "rain" or bool(WET_MODIFIERS & set(used_mods)),
        atmosphere=_atmosphere(items, surf.dust_in_air), moods=_all(items, "mood"),
        colours=_all(items, "colour"),
        scale=_first(items, "scale", "scale words", notices) or "medium",
        languages=langs, notices=notices,
    )
    quals = _qualifiers(tokens, items)
    spec.props, spec.excluded_props = quals.props, quals.excluded_props
    spec.quantity, spec.camera, spec.features = quals.quantity, quals.camera, quals.features
    spec.room_type = _room_type(items, archetype, notices)
    spec.era = _first_of(quals.eras, "eras", notices)
    spec.style = _style(quals.styles, spec.era, archetype, notices)
    spec.unknown_words = _unknown_words(items, quals.understood, notices)
    return spec
