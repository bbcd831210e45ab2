"""Write the README's list of places from the place recipes (generation/places).

    python scripts/readme_places.py            # rewrite the section in README.md
    python scripts/readme_places.py --check    # exit 1 when README.md is out of date

The section lies between the markers `<!-- places:begin -->` and `<!-- places:end -->`;
nothing else in the README is touched. The file is written to a temporary name, then
renamed, so an interrupted run never leaves half a README.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BEGIN, END = "<!-- places:begin -->", "<!-- places:end -->"
TITLES = {"home": "Homes", "public": "Public buildings and streets", "transport": "Transport",
          "work": "Workplaces", "leisure": "Leisure", "nature": "Nature",
          "history": "History", "fiction": "Fiction"}


def section() -> str:
    from ai_sets_addon.generation.places import RECIPES
    lines = [BEGIN, "",
             f"{len(RECIPES)} places, each a recipe over the same components (sites, enclosures, "
             "structures, dressing; `ai_sets_addon/generation/places/`). Each is listed by its "
             "first English and French words; ✱ marks today's archetypes and room types. "
             "Written by `scripts/readme_places.py`.", ""]
    for group, title in TITLES.items():
        recipes = sorted((r for r in RECIPES.values() if r.group == group), key=lambda r: r.en[0])
        items = [f"{r.en[0]} ({r.fr[0]}){' ✱' if r.base == 'archetype' else ''}" for r in recipes]
        lines.append(f"- **{title}** ({len(recipes)}): " + ", ".join(items) + ".")
    lines += ["", END]
    return "\n".join(lines)


def updated(text: str) -> str:
    if BEGIN not in text or END not in text:
        raise SystemExit(f"README.md has no {BEGIN} ... {END} section; add the two markers "
                         "where the list of places belongs")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return head + section() + tail


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    new = updated(text)
    if args.check:
        if new != text:
            print("README.md's list of places is out of date: run python scripts/readme_places.py")
            return 1
        return 0
    tmp = readme.with_suffix(".md.tmp")
    tmp.write_text(new, encoding="utf-8")
    os.replace(tmp, readme)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
