"""The second pass: props with their counts and negations ("three palm trees",
"deux rochers", "no crates"), quantity words, camera heights, archetype features,
styles and eras, read into typed fields so no later stage reads the text."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from .. import vocabulary as voc
from ..styles import ERAS, STYLES, era_words, style_words
from .slots import first_of, key_label
from .tokens import Item, Token, phrase_key, singular, singular_forms

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


@cache
def prop_words() -> voc.WordTable:
    """Every prop noun: the qualifier table first (its kinds win the phrases they hold),
    then each dressing-catalogue kind under its own id for the names no entry of the
    table has ("a mixing desk", "trois barques", "un juke-box")."""
    table = dict(voc.PROP_WORDS)
    taken = {phrase_key(p) for by_lang in table.values() for ps in by_lang.values() for p in ps}
    for kind, en, fr in catalogue_names():
        names = {lang: tuple(n for n in names if phrase_key(n) not in taken)
                 for lang, names in (("en", en), ("fr", fr))}
        if kind not in table and (names["en"] or names["fr"]):
            table[kind] = names
    return table


@cache
def catalogue_names() -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    """(kind, English nouns, French nouns) of the dressing catalogue, from the table
    scripts/catalogue_names.py writes (parsing imports no mesh code)."""
    from pathlib import Path
    text = (Path(__file__).with_name("catalogue_names.tsv")).read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return tuple((kind, tuple(en.split("|")) if en else (), tuple(fr.split("|")) if fr else ())
                 for kind, en, fr in rows)


@cache
def french_only_props() -> frozenset[tuple[str, ...]]:
    """Prop phrases only French has: in an English prompt "lit" is lit, not a bed."""
    table = prop_words()
    en = {phrase_key(p) for by_lang in table.values() for p in by_lang.get("en", ())}
    return frozenset(phrase_key(p) for by_lang in table.values() for p in by_lang.get("fr", ())
                     if phrase_key(p) not in en)


def named_kind(key: str) -> bool:
    """A prop any place can be dressed with: "a bed" is one bed."""
    return key in voc.DRESSING_KINDS or key in prop_words() and key not in voc.PROP_WORDS


def _qualifier_tables() -> dict[str, voc.WordTable]:
    return {"prop": prop_words(), "quantity": voc.QUANTITY_WORDS,
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
                    words = phrase_key(phrase)
                    index.setdefault(words[0], set()).add((words, cat, key))
    return {w: tuple(sorted(v, key=lambda e: (-len(e[0]), e))) for w, v in index.items()}


def _same(token: str, word: str) -> bool:
    return token == word or word in singular_forms(token)


def _texts(tokens: list[Token], i: int, n: int) -> tuple[str, ...]:
    """The words at i..i+n as written: an exact phrase beats a plural's singular form
    ("bins" are the bins, "trash cans" the trash cans, before "bin", "trash can")."""
    return tuple(t.text for t in tokens[i:i + n])


def _hits_at(tokens: list[Token], i: int) -> dict[str, Hit]:
    """The longest qualifier phrase of each category starting at token i."""
    index = qualifier_index()
    text = tokens[i].text
    found: dict[str, Hit] = {}
    if text.isdigit():
        found["number"] = Hit("number", text, i, i + 1)
    candidates = sorted({e for form in singular_forms(text) for e in index.get(form, ())},
                        key=lambda e: (-len(e[0]), _texts(tokens, i, len(e[0])) != e[0], e))
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


def _one(tokens: list[Token], hit: Hit) -> bool:
    """A singular noun after "a"/"un", with up to two words between ("a mixing desk",
    "une vieille armoire"): one of it."""
    last = tokens[hit.end - 1].text
    before = tokens[max(0, hit.start - 3):hit.start]
    return singular(last) == last and any(
        t.text in voc.SINGULAR_ARTICLES and not any(u.punct for u in before[k:])
        for k, t in enumerate(before))


def read_qualifiers(tokens: list[Token], items: list[Item],
                    places: tuple[tuple[int, int], ...] = (),
                    langs: tuple[str, ...] = ("en", "fr")) -> Qualifiers:
    """`places`: token spans of the place phrases; a prop noun inside one is the place's
    ("bus station" names no bus, "car park" no car). `langs`: the prompt's languages;
    a French-only prop word in a prompt with no French is not read ("lit by candles")."""
    french = french_only_props() if langs and "fr" not in langs else frozenset()
    hits = [h for h in qualifier_hits(tokens)
            if h.cat != "prop" or not any(s <= h.start and h.end <= e for s, e in places)
            and tuple(t.text for t in tokens[h.start:h.end]) not in french]
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
            if not count and named_kind(hit.key) and _one(tokens, hit):
                count = 1                       # "a bed", "un lit"
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


def pick_style(styles: list[str], era: str | None, archetype: str,
           notices: list[str]) -> str | None:
    """The first style named, else the style the era implies ("années 70"); a notice
    when the set built does not read styles (yet) or the style is indoor-only."""
    style = first_of(styles, "styles", notices) or (ERAS[era].style if era else None)
    if style is None:
        return None
    why = unstyled_reason(STYLES[style], archetype)
    if why:
        notices.append(f"the {STYLES[style].label} style is not applied to "
                       f"{key_label(archetype)} sets: {why}")
    return style


def unstyled_reason(style, archetype: str) -> str | None:
    """Why a style does not shape this place (None when it does): a landscape has no
    buildings or furnishings, an interior style has no street, and the reverse."""
    words = voc.place_registry()[archetype]
    outdoor = words.get("exterior", False)
    if not words.get("styled"):
        return (f"a {key_label(archetype)} has no buildings or furnishings for a style to "
                "shape (its sky, ground and plants follow the other words)")
    if outdoor and not style.exterior:
        return "that style describes interiors"
    if not outdoor and not style.interior:
        return "that style describes exteriors"
    return None
