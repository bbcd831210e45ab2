"""Write the dressing catalogue's names (kind id, English and French nouns) as the
table the prompt parser reads: generation/prompt/catalogue_names.tsv.

    python scripts/catalogue_names.py            # rewrite the table
    python scripts/catalogue_names.py --check    # exit 1 if it is out of date

Parsing a prompt must not import numpy or the mesh code (the catalogue's families
build meshes), so the parser reads the catalogue's names from this generated table;
a test holds it to the catalogue.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TABLE = ROOT / "ai_sets_addon" / "generation" / "prompt" / "catalogue_names.tsv"


def render() -> str:
    from ai_sets_addon.generation.props.catalogue import KINDS
    lines = ["# kind\tEnglish nouns\tFrench nouns  (written by scripts/catalogue_names.py)"]
    lines += [f"{k.id}\t{'|'.join(k.en)}\t{'|'.join(k.fr)}" for k in sorted(KINDS.values(), key=lambda k: k.id)]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    text = render()
    if "--check" in argv:
        current = TABLE.read_text(encoding="utf-8") if TABLE.exists() else ""
        if current != text:
            print(f"{TABLE.relative_to(ROOT)} is out of date: run python scripts/catalogue_names.py")
            return 1
        return 0
    from ai_sets_addon.core.fileio import write_bytes
    write_bytes(TABLE, text.encode("utf-8"))           # written whole or not at all
    return 0


if __name__ == "__main__":
    sys.exit(main())
