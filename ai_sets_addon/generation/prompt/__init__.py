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

One module per step: `tokens` (fold, tokenise, lexicon, match), `context` (negations,
words read by their neighbours, languages), `slots` (place, time, sky, atmosphere),
`surfaces` (surface phrases), `qualifiers` (props and counts, camera, features,
style, era); this module checks the input and assembles the SetSpec.
"""

from __future__ import annotations

from ...core.errors import InputError
from ...model.spec import SetSpec, SurfaceSpec
from .city import locate
from .context import apply_negations, languages, resolve_deserted, resolve_noir, resolve_shades
from .qualifiers import pick_style, read_qualifiers
from .slots import (archetype_of, atmosphere_of, cloud_for_precipitation, cloudless,
                    every, first, first_of, room_type_of, unknown_words_of)
from .surfaces import WET_MODIFIERS, read_surfaces
from .tokens import fold, lexicon, match, time_for_hour, tokenize, vocabulary_sizes

__all__ = ["EXAMPLE_PROMPTS", "MAX_PROMPT_CHARS", "MAX_SEED", "fold", "lexicon",
           "parse_prompt", "time_for_hour", "vocabulary_sizes"]

MAX_PROMPT_CHARS = 2000
MAX_SEED = 2**31 - 1
EXAMPLE_PROMPTS = ('"an abandoned concrete warehouse at dusk, light fog"',
                   '"une ruelle pavée sous la pluie, la nuit"')


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
    apply_negations(items)
    resolve_noir(items)
    resolve_shades(items)
    resolve_deserted(items)
    langs = languages(items)
    notices: list[str] = []
    place_notices: list[str] = []
    archetype, explicit = archetype_of(items, place_notices)
    from ..places.choose import choose      # here: places.choose reads prompt.tokens
    choice = choose(tokens)
    recipe, archetype, explicit = _place(choice, archetype, explicit, place_notices, notices)
    surf = read_surfaces(items, archetype, langs, notices)
    precipitation = first(items, "precipitation", "kinds of precipitation", notices) or "none"
    cloud = cloud_for_precipitation(first(items, "cloud", "cloud covers", notices)
                                     or cloudless(items), precipitation)
    used_mods = surf.modifiers + [m for s in surf.surfaces.values() for m in s.modifiers]
    spec = SetSpec(
        prompt=prompt, seed=seed, archetype=archetype, archetype_explicit=explicit,
        surfaces=surf.surfaces, modifiers=surf.modifiers,
        time_of_day=first(items, "time", "times of day", notices) or "afternoon",
        cloud_cover=cloud or "few", precipitation=precipitation,
        wet=precipitation == "rain" or bool(WET_MODIFIERS & set(used_mods)),
        atmosphere=atmosphere_of(items, surf.dust_in_air), moods=every(items, "mood"),
        colours=every(items, "colour"),
        scale=first(items, "scale", "scale words", notices) or "medium",
        languages=langs, notices=notices,
    )
    quals = read_qualifiers(tokens, items, choice.spans, tuple(langs))
    spec.props, spec.excluded_props = quals.props, quals.excluded_props
    spec.quantity, spec.camera, spec.features = quals.quantity, quals.camera, quals.features
    spec.room_type = room_type_of(items, archetype, notices) if recipe is None or \
        recipe.base == "archetype" else None
    spec.recipe = recipe.id if recipe is not None else None
    spec.setting = _setting(choice, recipe)
    if recipe is not None:
        _place_defaults(spec, recipe, choice, {it.cat for it in items})
    quals.understood |= {t for s, e in choice.spans for t in range(s, e)}
    spec.era = first_of(quals.eras, "eras", notices)
    spec.style = pick_style(quals.styles, spec.era, archetype, notices) or \
        _fitting_style(recipe, archetype)
    spec.unknown_words = unknown_words_of(items, quals.understood, notices)
    locate(spec)                       # a real city: the sun stands where it does there
    if spec.recipe is None and not explicit and spec.unknown_words:
        _unplaced(spec)
    return spec


def _place(choice, archetype: str, explicit: bool, place_notices: list[str],
           notices: list[str]):
    """(recipe, archetype, explicit): the place recipe the words name wins over the
    archetype reading unless it is that archetype's own recipe (then the archetype's
    notices stand)."""
    recipe = choice.recipe
    if recipe is None:
        notices.extend(place_notices)
        return None, archetype, explicit
    from ..places import RECIPES
    mirrors = [RECIPES[h.recipe] for h in choice.hits]
    if all(r.base == "archetype" for r in mirrors):      # today's places: today's reading
        notices.extend(place_notices)
        same = [r for r in mirrors if r.archetype == archetype]
        return (same[0] if same else RECIPES.get(archetype)), archetype, explicit
    notices.extend(choice.notices)
    hit = next(h for h in choice.hits if h.recipe == recipe.id)
    if recipe.reads_as:
        notices.append(f"{hit.text}: read as {recipe.reads_as}")
    return recipe, recipe.archetype, True


def _setting(choice, recipe) -> str | None:
    """The first setting named beside a composed place (its surroundings)."""
    if recipe is None or recipe.base == "archetype":
        return None
    from ..places import RECIPES
    return next((h.recipe for h in choice.hits if h.recipe != recipe.id
                 and RECIPES[h.recipe].rank == "setting"), None)


def _place_defaults(spec: SetSpec, recipe, choice, said: set[str]) -> None:
    """What the place brings when the words do not say: its props' forms, the buildings
    of indoor places named within it, its hour and its weather."""
    _forms(spec, recipe.outdoor)
    for kind in choice.inside:                  # "a meadow with a cabin": its cottage
        spec.props.setdefault(kind, 1)
    if recipe.time and "time" not in said:
        spec.time_of_day = recipe.time          # a speakeasy is a night place
    if recipe.weather and not said & {"cloud", "precipitation"}:
        spec.cloud_cover = recipe.weather       # a swamp under a grey sky


def _fitting_style(recipe, archetype: str) -> str | None:
    """The first style that fits the place (a speakeasy is art deco) when the words name
    none, if the set built reads styles."""
    from .qualifiers import unstyled_reason
    from ..styles import STYLES
    if recipe is None:
        return None
    return next((s for s in recipe.styles if unstyled_reason(STYLES[s], archetype) is None), None)


def _forms(spec: SetSpec, outdoor: bool) -> None:
    """Props take the form that fits the place: "by the fire" in a room is a fireplace,
    "cheminées" on a roof are its chimneys."""
    from ..vocabulary import INDOOR_FORMS, OUTDOOR_FORMS
    forms = OUTDOOR_FORMS if outdoor else INDOOR_FORMS
    spec.props = {forms.get(k, k): n for k, n in spec.props.items() if forms.get(k, k) is not None}
    spec.excluded_props = [forms.get(k, k) for k in spec.excluded_props if forms.get(k, k) is not None]


def _unplaced(spec: SetSpec) -> None:
    """No place word: the lexicon reads the unknown nouns if it can; else the nearest
    honest base (an open lot outdoors, an empty hall indoors), said in a notice."""
    from ..places.choose import honest_base, read_unknown
    read = read_unknown(spec.unknown_words)
    if read is not None:
        recipe, word, how = read
        spec.recipe, spec.archetype, spec.archetype_explicit = recipe.id, recipe.archetype, True
        spec.room_type = recipe.room_type or spec.room_type
        spec.unknown_words = [w for w in spec.unknown_words if w != word]
        spec.notices = [n for n in spec.notices if not n.startswith("not understood: ")]
        if spec.unknown_words:
            spec.notices.append(f"not understood: {', '.join(spec.unknown_words)}; they were "
                                "kept in the spec")
        spec.notices.append(f"{word}: read as {how}")
        return
    outdoor = spec.precipitation != "none" or spec.cloud_cover in ("stormy",)
    base = honest_base(outdoor)
    spec.recipe = base.id
    spec.archetype = base.archetype
    spec.notices.append(f"could not place: {', '.join(spec.unknown_words)}; built the nearest "
                        f"honest base, {base.reads_as}; name a place (street, forest, kitchen, "
                        "gas station...) to choose another")
