"""The shipped noun table is what scripts/build_lexicon.py makes from WordNet 3.0 and
FreeDict: re-running the generator gives the committed bytes (no hand edit, no stale table).

Needs the Debian packages wordnet-base, wordnet-sense-index, dict-freedict-fra-eng and
dict-freedict-eng-fra (scripts/test.sh installs them when run as root); without them the
test fails and says what to install."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ai_sets_addon.generation.lexicon import TABLE_PATH

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "build_lexicon.py"
PACKAGES = "wordnet-base wordnet-sense-index dict-freedict-fra-eng dict-freedict-eng-fra"
SOURCES = ("/usr/share/wordnet/data.noun", "/usr/share/wordnet/index.noun",
           "/usr/share/wordnet/index.sense", "/usr/share/wordnet/noun.exc",
           "/usr/share/doc/wordnet-base/copyright",
           "/usr/share/dictd/freedict-fra-eng.index", "/usr/share/dictd/freedict-fra-eng.dict.dz",
           "/usr/share/dictd/freedict-eng-fra.index", "/usr/share/dictd/freedict-eng-fra.dict.dz")


def run_generator(*args: str) -> subprocess.CompletedProcess:
    env = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, str(SCRIPT), *args], cwd=REPO, capture_output=True,
                          text=True, timeout=120, env=env)


def test_regenerating_the_table_gives_the_committed_bytes(tmp_path):
    missing = [p for p in SOURCES if not Path(p).is_file()]
    if missing:
        pytest.fail(f"WordNet/FreeDict sources missing ({', '.join(missing)}): install them with "
                    f"`apt-get update && apt-get install -y {PACKAGES}` (scripts/test.sh does "
                    "this when run as root)")
    result = run_generator("--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    fresh = (tmp_path / TABLE_PATH.name).read_bytes()
    assert fresh == TABLE_PATH.read_bytes(), (
        "ai_sets_addon/generation/lexicon/nouns.tsv.gz is stale or edited by hand: "
        "regenerate it with `python scripts/build_lexicon.py` and commit it")


def test_generator_says_which_packages_to_install_when_sources_are_missing(tmp_path):
    result = run_generator("--wordnet", str(tmp_path / "nowhere"), "--out", str(tmp_path))
    assert result.returncode == 2
    assert "data.noun is missing" in result.stderr and PACKAGES in result.stderr
    assert not (tmp_path / TABLE_PATH.name).exists()
