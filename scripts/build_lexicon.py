"""Generate the add-on's noun lexicon (ai_sets_addon/generation/lexicon/nouns.tsv.gz)
from WordNet 3.0 and FreeDict French<->English, so that the add-on reads any place,
component or prop noun without needing WordNet at run time.

    apt-get install -y wordnet-base wordnet-sense-index dict-freedict-fra-eng dict-freedict-eng-fra
    python scripts/build_lexicon.py [--wordnet /usr/share/wordnet] [--freedict /usr/share/dictd]
                                    [--out ai_sets_addon/generation/lexicon]

Sources, read with a small parser of our own (formats in wndb(5), senseidx(5) and dictd):
- data.noun: synsets (lemmas, '@' hypernym and '@i' instance-hypernym pointers);
- index.sense: each lemma's sense number in each synset (1 = most frequent), which orders
  a word's senses and names a synset the way NLTK does ("launderette.n.01"), and how
  often a word was tagged as a noun or not (to keep eng-fra's nouns only);
- index.noun: only checked to list each lemma's senses in that same order;
- noun.exc: irregular plurals (morphy's exception list), restricted to kept nouns;
- freedict-fra-eng / freedict-eng-fra (.index + dictzip .dict.dz): French noun ->
  English nouns, kept when an English noun has a kept sense.

Kept synsets: every hyponym (and instance) of the physical roots below, i.e. what can be
a place, a component of a set or a prop, plus their hypernyms up to 'entity' so that each
chain reaches the root. The output is byte-deterministic (sorted lines, gzip with mtime 0):
tests/unit/test_lexicon_table.py re-runs this script and compares with the committed file.
"""

from __future__ import annotations

import argparse
import gzip
import io
import sys
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from ai_sets_addon.generation.lexicon.table import HEADER, TABLE_NAME, key_of  # noqa: E402

PACKAGES = "wordnet-base wordnet-sense-index dict-freedict-fra-eng dict-freedict-eng-fra"
WORDNET_DIR = Path("/usr/share/wordnet")
FREEDICT_DIR = Path("/usr/share/dictd")
WORDNET_LICENCE = Path("/usr/share/doc/wordnet-base/copyright")
OUT_DIR = REPO / "ai_sets_addon" / "generation" / "lexicon"

# Kept: what a set can be made of, i.e. physical objects (places, built things, land,
# natural objects, plants and animals), bodies of water (WordNet puts them beside objects)
# and solid food (market stalls, tables), but not people (a set has no cast), body parts
# nor microscopic life. NLTK-style names, checked against the files when the table is built.
ROOTS = ("object.n.01", "body_of_water.n.01", "food.n.02",
         # physical things WordNet files under abstractions: stands and bleachers (space),
         # fires (events), traffic lights and flares (signals), schools (institutions),
         "seating.n.01", "fire.n.01", "visual_signal.n.01", "educational_institution.n.01",
         "post_office.n.01", "vegetation.n.01",   # the woods, undergrowth (a collection)
         "award.n.02", "reference_point.n.01", "fodder.n.02",   # trophies, buoys, hay
         # what the ground of a site is made of: mud, sand, gravel, stone, water, ice
         "earth.n.02", "rock.n.02", "water.n.01", "ice.n.01")
EXCLUDED = ("person.n.01", "microorganism.n.01", "body_part.n.01", "cell.n.02")


class SourceError(Exception):
    """A WordNet or FreeDict file is missing or is not the expected version."""


# ----------------------------------------------------------------------------- WordNet

@dataclass
class Synset:
    offset: int
    lemmas: list[str]                                  # as spelled in WordNet ("gas_station")
    hypernyms: list[int] = field(default_factory=list)  # '@' and '@i', in file order
    name: str = ""


def _open_text(path: Path) -> io.TextIOBase:
    if not path.is_file():
        raise SourceError(f"{path} is missing: install the Debian packages: "
                            f"apt-get install -y {PACKAGES}")
    return path.open(encoding="utf-8")


def read_data_noun(path: Path) -> dict[int, Synset]:
    """data.noun: 'offset lex_filenum n w_cnt (word lex_id)* p_cnt (ptr offset pos st)* | gloss'."""
    synsets: dict[int, Synset] = {}
    with _open_text(path) as f:
        for line in f:
            if line.startswith("  "):      # licence header
                continue
            fields = line.split(" | ", 1)[0].split()
            offset, w_cnt = int(fields[0]), int(fields[3], 16)
            lemmas = [fields[4 + 2 * i] for i in range(w_cnt)]
            at = 4 + 2 * w_cnt
            p_cnt = int(fields[at])
            hypernyms = []
            for i in range(p_cnt):
                symbol, target, pos = fields[at + 1 + 4 * i: at + 4 + 4 * i]
                if symbol in ("@", "@i") and pos == "n":
                    hypernyms.append(int(target))
            synsets[offset] = Synset(offset, lemmas, hypernyms)
    return synsets


def read_index_noun(path: Path) -> dict[str, list[int]]:
    """index.noun: 'lemma n synset_cnt p_cnt ptr* sense_cnt tagsense_cnt offset*'."""
    index: dict[str, list[int]] = {}
    with _open_text(path) as f:
        for line in f:
            if line.startswith("  "):
                continue
            fields = line.split()
            synset_cnt, p_cnt = int(fields[2]), int(fields[3])
            index[fields[0]] = [int(o) for o in fields[6 + p_cnt: 6 + p_cnt + synset_cnt]]
    return index


@dataclass
class SenseIndex:
    """index.sense: each noun lemma's sense number in each synset, and how often each
    word was seen in the tagged corpus as a noun and as another part of speech."""

    number: dict[tuple[str, int], int] = field(default_factory=dict)
    noun_tags: dict[str, int] = field(default_factory=dict)
    other_tags: dict[str, int] = field(default_factory=dict)
    other_pos: set[str] = field(default_factory=set)

    def mostly_noun(self, lemma: str) -> bool:
        """Seen more often as a noun than as a verb/adjective/adverb (or only a noun)."""
        noun, other = self.noun_tags.get(lemma, 0), self.other_tags.get(lemma, 0)
        return noun > other or (other == 0 and lemma not in self.other_pos)


def read_index_sense(path: Path) -> SenseIndex:
    """'lemma%ss_type:lex_filenum:lex_id:head_word:head_id offset sense_number tag_cnt'."""
    result = SenseIndex()
    with _open_text(path) as f:
        for line in f:
            key, offset, number, tag_cnt = line.split()
            lemma, _, rest = key.partition("%")
            if rest.startswith("1:"):
                result.number[(lemma, int(offset))] = int(number)
                result.noun_tags[lemma] = result.noun_tags.get(lemma, 0) + int(tag_cnt)
            else:
                result.other_tags[lemma] = result.other_tags.get(lemma, 0) + int(tag_cnt)
                result.other_pos.add(lemma)
    return result


def read_exceptions(path: Path) -> dict[str, list[str]]:
    """noun.exc: 'inflected base [base...]' (irregular plurals)."""
    exc: dict[str, list[str]] = {}
    with _open_text(path) as f:
        for line in f:
            inflected, *bases = line.split()
            exc[inflected] = bases
    return exc


def check_sense_order(index: dict[str, list[int]], senses: SenseIndex) -> None:
    """index.noun lists a lemma's synsets in sense-number order: the two files must agree
    (they do in WordNet 3.0; another version would give other names and orders)."""
    for lemma, offsets in index.items():
        for position, offset in enumerate(offsets, 1):
            if senses.number.get((lemma, offset)) != position:
                raise SourceError(f"index.noun and index.sense disagree on {lemma!r} "
                                    f"(not WordNet 3.0?): reinstall {PACKAGES}")


def name_synsets(synsets: dict[int, Synset], senses: SenseIndex) -> None:
    """NLTK's naming: head lemma (lower case) + its sense number for this synset."""
    for s in synsets.values():
        head = s.lemmas[0].lower()
        s.name = f"{head}.n.{senses.number[(head, s.offset)]:02d}"


def kept_offsets(synsets: dict[int, Synset]) -> set[int]:
    """The hyponym closure of ROOTS, plus every hypernym of what is kept (chains stay whole)."""
    by_name = {s.name: s.offset for s in synsets.values()}
    children: dict[int, list[int]] = {}
    for s in synsets.values():
        for h in s.hypernyms:
            children.setdefault(h, []).append(s.offset)
    kept: set[int] = set()
    excluded = {by_name[n] for n in EXCLUDED}
    todo = deque(by_name[r] for r in ROOTS)
    while todo:
        o = todo.popleft()
        if o not in kept and o not in excluded:
            kept.add(o)
            todo.extend(children.get(o, ()))
    todo = deque(kept)
    while todo:
        for h in synsets[todo.popleft()].hypernyms:
            if h not in kept:
                kept.add(h)
                todo.append(h)
    return kept


# ----------------------------------------------------------------------------- FreeDict

_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def _b64_number(text: str) -> int:
    value = 0
    for c in text:
        value = value * 64 + _B64.index(c)
    return value


def read_freedict(folder: Path, name: str) -> list[tuple[str, str]]:
    """(headword, entry text) of a dictd database, in index order (skips 00-database-*)."""
    index_path, dict_path = folder / f"{name}.index", folder / f"{name}.dict.dz"
    if not dict_path.is_file():
        raise SourceError(f"{dict_path} is missing: install the Debian packages: "
                            f"apt-get install -y {PACKAGES}")
    with gzip.open(dict_path) as f:       # dictzip is gzip with a random-access index
        body = f.read()
    entries = []
    with _open_text(index_path) as f:
        for line in f:
            head, offset, length = line.rstrip("\n").split("\t")
            if head.startswith("00database") or head.startswith("00-database"):
                continue
            start = _b64_number(offset)
            entries.append((head, body[start:start + _b64_number(length)].decode("utf-8")))
    return entries


def _translations(lines: list[str]) -> list[str]:
    """'1. lighthouse\\n2. headlight' or 'marsh, swamp' -> ['lighthouse', 'headlight']."""
    words = []
    for line in lines:
        line = line.strip()
        if not line or line.startswith(("Note:", "Synonym", "see:", "<")):
            continue
        if line[:1].isdigit() and ". " in line[:4]:
            line = line.split(". ", 1)[1]
        for part in line.replace(";", ",").split(","):
            part = part.split("(")[0].strip()
            if part.startswith("to "):       # a verb
                continue
            if part:
                words.append(part)
    return words


def french_to_english(fra_eng: list[tuple[str, str]], eng_fra: list[tuple[str, str]],
                      senses: SenseIndex) -> dict[str, list[str]]:
    """French noun (as spelled) -> English words: fra-eng's translations of its nouns (in its
    order), then the English headwords of eng-fra entries that list the French word. eng-fra
    gives no part of speech: a French word fra-eng lists as something else than a noun
    ("a", "monter") is left out, and the English headword must be mostly a noun."""
    table: dict[str, list[str]] = {}
    not_nouns: set[str] = set()
    for head, text in fra_eng:
        first, *rest = text.split("\n")
        if "<n" not in first:               # '<n, masc>', '<n, fem>', '<n, pl>'...
            not_nouns.add(head)
            continue
        merged = table.setdefault(head, [])
        merged.extend(w for w in _translations(rest) if w not in merged)
    for english, text in eng_fra:
        if not senses.mostly_noun(english.lower().replace(" ", "_")):
            continue
        for french in _translations(text.split("\n")[1:]):
            if french in not_nouns and french not in table:
                continue
            merged = table.setdefault(french, [])
            if english not in merged:
                merged.append(english)
    return table


# ----------------------------------------------------------------------------- the table

def read_wordnet_licence(path: Path) -> list[str]:
    """The WordNet 3.0 licence text from the Debian copyright file: its notice must appear
    on all copies of the database, so the table carries it in its comment lines."""
    with _open_text(path) as f:
        text = f.read()
    start = text.find("License: WordNet3.0\n")
    if start < 0:
        raise SourceError(f"{path} has no WordNet3.0 licence stanza: reinstall {PACKAGES}")
    body = text[start:].split("\n")[1:]
    lines = []
    for line in body:
        if not line.startswith(" "):
            break
        lines.append("" if line.strip() == "." else line.strip())
    return lines


def notice(wordnet_licence: list[str]) -> list[str]:
    return ["# Derived from WordNet 3.0 (licence below, also in LICENSES/WordNet-3.0.txt)",
            "# and from FreeDict fra-eng 0.4.1 / eng-fra 0.1.6 (GPL-2.0-or-later,",
            "# LICENSES/FreeDict.txt).",
            "#", *(f"# {line}".rstrip() for line in wordnet_licence)]


def build_table(wordnet: Path, freedict: Path, licence: Path) -> list[str]:
    """The table's lines (see table.py): synsets in data.noun order, then plurals, then French."""
    synsets = read_data_noun(wordnet / "data.noun")
    senses = read_index_sense(wordnet / "index.sense")
    exceptions = read_exceptions(wordnet / "noun.exc")
    check_sense_order(read_index_noun(wordnet / "index.noun"), senses)
    name_synsets(synsets, senses)
    kept = sorted(kept_offsets(synsets))
    number = {o: i for i, o in enumerate(kept)}
    lines = [HEADER, *notice(read_wordnet_licence(licence))]
    english: set[str] = set()
    for o in kept:
        s = synsets[o]
        lemmas = " ".join(f"{w}:{senses.number[(w.lower(), o)]}" for w in s.lemmas)
        lines.append(f"S\t{lemmas}\t{' '.join(str(number[h]) for h in s.hypernyms)}")
        english.update(key_of(w) for w in s.lemmas)
    for word, bases in sorted(exceptions.items()):
        kept_bases = sorted({key_of(b) for b in bases} & english)
        if kept_bases and key_of(word) not in english:
            lines.append(f"P\t{key_of(word)}\t{'|'.join(kept_bases)}")
    french: dict[str, list[str]] = {}
    fra_eng = read_freedict(freedict, "freedict-fra-eng")
    eng_fra = read_freedict(freedict, "freedict-eng-fra")
    for word, translations in french_to_english(fra_eng, eng_fra, senses).items():
        merged = french.setdefault(key_of(word), [])
        merged.extend(k for k in map(key_of, translations) if k in english and k not in merged)
    # FreeDict also lists suffixes ("-te" -> "ness"): not nouns.
    lines.extend(f"F\t{w}\t{'|'.join(t)}" for w, t in sorted(french.items())
                 if t and w[:1].isalpha())
    return lines


def encode(lines: list[str]) -> bytes:
    """gzip with no name and mtime 0: the same lines give the same bytes."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as f:
        f.write(("\n".join(lines) + "\n").encode("utf-8"))
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wordnet", type=Path, default=WORDNET_DIR)
    parser.add_argument("--freedict", type=Path, default=FREEDICT_DIR)
    parser.add_argument("--licence", type=Path, default=WORDNET_LICENCE,
                        help="wordnet-base's Debian copyright file (the WordNet licence)")
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)
    try:
        data = encode(build_table(args.wordnet, args.freedict, args.licence))
    except SourceError as exc:
        print(f"build_lexicon: {exc}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    final = args.out / TABLE_NAME
    temp = final.with_suffix(".tmp")
    temp.write_bytes(data)
    temp.replace(final)
    print(f"build_lexicon: wrote {final} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
