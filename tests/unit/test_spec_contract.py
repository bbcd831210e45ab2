"""The spec is the contract: every word a later stage reacts to is a typed SetSpec field.

The parser reads the one word list (vocabulary tables + each archetype module's
`WORDS`); archetypes and props read only the spec, never the prompt text.
"""

from __future__ import annotations

import ast
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from ai_sets_addon.generation import vocabulary as voc
from ai_sets_addon.generation.prompt import parse_prompt
from ai_sets_addon.model.spec import SetSpec
from ai_sets_addon.generation.styles import era_words, style_words

GENERATION = Path(__file__).resolve().parents[2] / "ai_sets_addon" / "generation"

# (prompt, expected qualifier fields)
QUALIFIER_CASES = [
    ("a tropical beach", dict(features=["tropical"], unknown_words=[])),
    ("une plage tropicale avec des palmiers", dict(features=["tropical"], props={"palm": 0})),
    ("un toit avec deux châteaux d'eau", dict(props={"water_tank": 2}, unknown_words=[])),
    ("a warehouse with 3 barrels and no crates",
     dict(props={"barrel": 3}, excluded_props=["crate"], unknown_words=[])),
    ("un entrepôt sans caisses, avec douze tonneaux",
     dict(props={"barrel": 12}, excluded_props=["crate"])),
    ("a warehouse with three wooden crates", dict(props={"crate": 3})),
    ("un entrepôt vide", dict(quantity=0.35, props={})),
    ("a cluttered warehouse full of crates", dict(quantity=1.8, props={"crate": 0})),
    ("une ruelle en contre-plongée", dict(camera="low", unknown_words=[])),
    ("an aerial view of a canyon", dict(camera="aerial")),
    ("une clairière en plongée", dict(camera="high")),
    ("a street at night", dict(camera="eye", props={}, features=[], quantity=1.0)),
    ("a dense forest of pines", dict(features=["dense"], props={"conifer": 0})),
    ("une forêt dense de chênes", dict(features=["dense"], props={"broadleaf": 0})),
    ("un tunnel voûté en briques", dict(features=["tunnel"], unknown_words=[])),
    ("un quai de gare au matin", dict(archetype="platform", features=["open_air"])),
    ("a subway platform", dict(archetype="platform", features=[])),
    ("palm trees on a beach", dict(props={"palm": 0})),    # a palm, not also a broadleaf
    ("two-storey house", dict(props={})),                  # a count needs a prop
]


@pytest.mark.parametrize("prompt,expected", QUALIFIER_CASES, ids=[c[0] for c in QUALIFIER_CASES])
def test_qualifier_words_become_typed_fields(prompt, expected):
    spec = parse_prompt(prompt)
    for name, want in expected.items():
        assert getattr(spec, name) == want, f"{name}: {getattr(spec, name)!r} for {prompt!r}"


@pytest.mark.parametrize("prompt,expected", QUALIFIER_CASES, ids=[c[0] for c in QUALIFIER_CASES])
def test_spec_round_trips_through_json_exactly(prompt, expected):
    spec = parse_prompt(prompt, seed=99)
    text = json.dumps(spec.to_dict(), ensure_ascii=False, sort_keys=True)
    back = SetSpec.from_dict(json.loads(text))
    assert back == spec
    assert json.dumps(back.to_dict(), ensure_ascii=False, sort_keys=True) == text


def test_an_old_spec_without_the_new_fields_still_loads():
    data = parse_prompt("a street").to_dict()
    for name in ("props", "excluded_props", "quantity", "camera", "features", "room_type",
                 "style", "era"):
        data.pop(name)
    assert SetSpec.from_dict(data) == parse_prompt("a street")


# --------------------------------------------------------------------------- one word list

def _phrases(table: voc.WordTable):
    return [(key, phrase) for key, by_lang in table.items()
            for phrases in by_lang.values() for phrase in phrases]


def _reacted_to() -> list[tuple[str, str]]:
    """Every phrase some stage reacts to: places, near places, features, props,
    quantity and camera words."""
    rows = []
    for name, words in voc.place_registry().items():
        rows += [(f"place:{name}", p) for _, p in _phrases({name: words["place"]})]
        rows += [(f"near:{name}", p) for _, p in _phrases({name: words.get("near", {})})]
        rows += [(f"feature:{k}", p) for k, p in _phrases(words.get("features", {}))]
        rows += [(f"room:{k}", p) for k, p in _phrases(words.get("room_types", {}))]
    for cat, table in (("prop", voc.PROP_WORDS), ("quantity", voc.QUANTITY_WORDS),
                       ("camera", voc.CAMERA_WORDS), ("style", style_words()),
                       ("era", era_words())):
        rows += [(f"{cat}:{k}", p) for k, p in _phrases(table)]
    return rows


def test_no_word_a_stage_reacts_to_is_reported_as_not_understood():
    bad = [(what, p, parse_prompt(p).unknown_words) for what, p in _reacted_to()
           if parse_prompt(p).unknown_words]
    assert bad == []


@pytest.mark.parametrize("field,cat,table", [
    ("props", "prop", voc.PROP_WORDS), ("camera", "camera", voc.CAMERA_WORDS),
    ("features", "feature", voc.feature_words()),
])
def test_every_qualifier_phrase_reads_back(field, cat, table):
    def got(phrase, lang):
        # French words are read as French ("lit" alone is English and means lit)
        value = getattr(parse_prompt(f"avec {phrase}" if lang == "fr" else phrase), field)
        return value if isinstance(value, (dict, list)) else [value]

    assert [(k, p) for k, by_lang in table.items() for lang, ps in by_lang.items() for p in ps
            if k not in got(p, lang)] == []


def test_every_quantity_phrase_reads_back():
    wrong = [(k, p) for k, p in _phrases(voc.QUANTITY_WORDS)
             if parse_prompt(f"a room, {p}").quantity != voc.QUANTITY_FACTORS[k]]
    assert wrong == []


def test_archetype_words_are_read_from_each_module_without_importing_it():
    """The parser reads `WORDS` from the source; it must be the module's own value."""
    assert voc.ARCHETYPES[0] == voc.DEFAULT_ARCHETYPE
    for name, words in voc.place_registry().items():
        module = importlib.import_module(f"ai_sets_addon.generation.archetypes.{name}")
        assert module.WORDS == words, name
        assert set(words) <= {"place", "near", "exterior", "styled", "features",
                              "room_types"}, name
        assert words["place"]["en"] and words["place"]["fr"], name


def test_parsing_imports_no_layout_code():
    code = ("import sys; import ai_sets_addon.generation.prompt as p; "
            "s = p.parse_prompt('une plage tropicale avec trois palmiers, vue aérienne'); "
            "assert s.features == ['tropical'] and s.props == {'palm': 3}, s; "
            "print(sorted(m for m in ('trimesh', 'numpy', 'scipy', 'bpy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=GENERATION.parents[1], check=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


# --------------------------------------------------------------------------- no raw text

PACKAGE = GENERATION.parent
# Where the prompt's text may still be read after the parser, and why: the AI backends
# paint from the words themselves (a diffusion model's text condition), and the export
# sidecar records them. No other module of any package reacts to the text.
PROMPT_TEXT_READERS = {
    "generation/prepare.py": "hands the words to the AI backends as their text condition",
    "ai/paint/arrays.py": "the painter's text condition",
    "blender/paint.py": "the painter's text condition (captured scene)",
    "export/sidecar.py": "records the prompt in the export's manifest",
}


def _spec_text_reads(path: Path) -> list[int]:
    """Lines reading `<something>.spec.prompt`/`spec.prompt` or a spec's unknown words."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n.lineno for n in ast.walk(tree)
            if isinstance(n, ast.Attribute) and n.attr in ("prompt", "unknown_words")
            and ((isinstance(n.value, ast.Name) and n.value.id == "spec")
                 or (isinstance(n.value, ast.Attribute) and n.value.attr == "spec"))]


def test_no_package_reads_the_prompt_text_after_the_parser():
    """Every package, not only the layout: a word a stage reacts to is a SetSpec field."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel.startswith("generation/prompt/") or rel in PROMPT_TEXT_READERS:
            continue
        if lines := _spec_text_reads(path):
            found[rel] = lines
    assert found == {}, f"the prompt's text read after the parser: {found}"
    for rel in PROMPT_TEXT_READERS:                  # the allowance list stays true
        assert _spec_text_reads(PACKAGE / rel), f"{rel} no longer reads the text: drop it"


def _layout_modules() -> list[Path]:
    return sorted((GENERATION / "archetypes").glob("*.py")) + \
        sorted((GENERATION / "props").glob("*.py"))


@pytest.mark.parametrize("path", _layout_modules(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_layout_code_never_reads_the_prompt_text(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    reads = [n.lineno for n in ast.walk(tree)
             if isinstance(n, ast.Attribute) and n.attr in ("prompt", "unknown_words")]
    imports = [n.lineno for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)
               and (n.module or "").split(".")[-1] in ("prompt", "words")]
    assert reads == [] and imports == [], f"{path.name}: lines {reads + imports}"


@pytest.mark.parametrize("prompt,kind,label,expected", [
    ("a warehouse with 3 barrels", "barrel", "Barrel", 3),
    ("un entrepôt avec douze tonneaux", "barrel", "Barrel", 12),
    ("a warehouse without crates", "crate", "Crate", 0),
    ("un couloir avec deux caisses", "crate", "Crate", 2),
])
def test_counts_and_negations_reach_the_layout(prompt, kind, label, expected):
    from ai_sets_addon.generation import archetypes

    plan = archetypes.plan_set(parse_prompt(prompt, 2))
    seen, total = set(), 0
    for part in plan.parts:
        base = part.name.split(" - ")[0]
        if base.startswith(label) and base not in seen:
            seen.add(base)
            total += len(part.instances) if part.instances else 1
    assert total == expected, (prompt, total)
