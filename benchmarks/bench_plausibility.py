"""The plausibility report over every place, as a set decorator would check each set.

    python benchmarks/bench_plausibility.py [--markdown]

For each place (every recipe, by its first English words), lays the set out
(parse + plan, no textures) and runs generation/plausibility.check_plan: objects per
10 m², collisions deeper than 1 cm, props through walls, navigable floor (0.2 m disc),
blocked windows, objects resting on nothing, faces per object, and the check's own time
against the layout's (the peer, measured in the same run). --markdown prints the table
the README shows. Figures only, no assertions.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ai_sets_addon.generation.archetypes import plan_set  # noqa: E402
from ai_sets_addon.generation.plausibility import check_plan  # noqa: E402
from ai_sets_addon.generation.prompt import parse_prompt  # noqa: E402


def place_prompts() -> list[tuple[str, str]]:
    """(place, prompt): every place recipe, named by its first English words."""
    from ai_sets_addon.generation.places import RECIPES

    return [(rid, f"a {recipe.en[0]}") for rid, recipe in RECIPES.items()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    rows = []
    for place, prompt in place_prompts():
        t0 = time.perf_counter()
        plan = plan_set(parse_prompt(prompt, 1))
        t1 = time.perf_counter()
        report = check_plan(plan)
        t2 = time.perf_counter()
        rows.append((place, report, t1 - t0, t2 - t1))
    head = ("place", "objects", "per 10 m2", "collisions", "through walls", "navigable",
            "windows blocked", "unsupported", "faces med/max", "pass", "layout s", "check s")
    fmt = "| " + " | ".join(["{}"] * len(head)) + " |"
    if args.markdown:
        print(fmt.format(*head))
        print("|" + "---|" * len(head))
    else:
        print("  ".join(head))
    for place, r, layout_s, check_s in rows:
        nav = "-" if r.navigable_share is None else f"{r.navigable_share:.3f}"
        cells = (place, r.objects, r.per_10m2, len(r.collisions), len(r.through_walls), nav,
                 len(r.blocked_windows), len(r.unsupported), f"{r.faces_median}/{r.faces_max}",
                 "yes" if r.passed else "NO", f"{layout_s:.2f}", f"{check_s:.2f}")
        print(fmt.format(*cells) if args.markdown else "  ".join(map(str, cells)))
    passed = sum(r.passed for _, r, _, _ in rows)
    total_layout = sum(r[2] for r in rows)
    total_check = sum(r[3] for r in rows)
    print(f"\n{passed} of {len(rows)} places pass (0 collisions, nothing through walls, "
          f"navigable >= 0.95); check time {total_check:.1f} s = "
          f"{total_check / max(total_layout, 1e-9):.2f}x the layout time ({total_layout:.1f} s)")


if __name__ == "__main__":
    main()
