"""Tokens and phrases: fold the text (case, accents), split it into words and
punctuation, and match the longest phrases of the one lexicon built from the
vocabulary's EN/FR word tables (and the archetypes' WORDS)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
import re
import unicodedata

from .. import vocabulary as voc

_TOKEN_RE = re.compile(r"\d{1,2}:\d{2}|[^\W_]+|[,;.!?()\[\]{}|/\n\u2014\u2013]")
_SOFT_PUNCT = frozenset(",\u2014\u2013")
_HOUR_RE = re.compile(r"(\d{1,2})(?:(h)(\d{2})?|(am|pm)|:(\d{2}))?")
_HOUR_UNITS = {"h": "fr", "heure": "fr", "heures": "fr", "am": "en", "pm": "en"}

# Item categories.
SURFACE_CATS = frozenset({"role", "material", "modifier", "colour", "dust_noun"})
LINK_CATS = frozenset({"stop", "density", "filler", "shade"})   # keep a surface phrase open
ADJECTIVE_CATS = frozenset({"modifier", "colour", "density", "mood", "scale", "cloud",
                            "atmosphere", "precipitation", "material"})

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


def phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple(t.text for t in tokenize(phrase) if not t.punct)


def singular(word: str) -> str:
    if len(word) > 3 and word[-1] in "sx" and not word.endswith("ss"):
        return word[:-1]
    return word


_PLURALS = (("ies", "y"), ("ves", "f"), ("ves", "fe"), ("ches", "ch"), ("shes", "sh"),
            ("xes", "x"), ("sses", "ss"), ("eaux", "eau"), ("aux", "al"), ("eux", "eu"),
            ("s", ""), ("x", ""), ("es", ""))


def singular_forms(word: str) -> list[str]:
    """The word and the singulars it may be the plural of, English and French
    (benches, shelves, boxes, bateaux, chevaux): one rule for props and places."""
    out = [word]
    for end, rep in _PLURALS:
        if word.endswith(end) and len(word) > len(end) + 2 and word[: -len(end)] + rep not in out:
            out.append(word[: -len(end)] + rep)
    return out


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
        key = phrase_key(phrase)
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
    found = phrases.get(words) or phrases.get(tuple(singular(w) for w in words))
    if found or len(words) != 1:
        return found
    base = _masculine(singular(words[0]))
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
