"""Places benchmark: layout time of every place recipe, and the whole build of some.

    python benchmarks/bench_places.py                      # layout of every place, 3 runs
    python benchmarks/bench_places.py --whole gas_station swamp laundromat   # + whole builds
    python benchmarks/bench_places.py --markdown --whole all   # docs/places_bench.md

Layout = parse + plan (SetPlan with every mesh, prop, light and camera), median of
--runs. The peer measured in the same run is today's archetype of the same kind
(the interior room for rooms, the street for open-air places): the ratio says what a
composed place costs over the archetype it replaces. Whole = the CLI's build (1K
textures, 2K sky, no render) in this process, against the 10 s budget; layout
against 1 s. No assertions: figures only.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LAYOUT_BUDGET_S, WHOLE_BUDGET_S = 1.0, 10.0


def layout_time(prompt: str, runs: int) -> tuple[float, object]:
    from ai_sets_addon.generation.archetypes import plan_set
    from ai_sets_addon.generation.prompt import parse_prompt
    times, plan = [], None
    for k in range(runs):
        start = time.perf_counter()
        plan = plan_set(parse_prompt(prompt, k + 1))
        times.append(time.perf_counter() - start)
    return statistics.median(times), plan


def whole_time(prompt: str) -> float:
    from ai_sets_addon.generation.prepare import BuildOptions, prepare_set
    with tempfile.TemporaryDirectory(prefix="aisets_places_") as tmp:
        start = time.perf_counter()
        prepare_set(prompt, 1, Path(tmp) / "set", BuildOptions(texture_size=1024, hdri_width=2048))
        return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    from ai_sets_addon.generation.places import RECIPES
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", nargs="*", default=None, help="recipe ids")
    parser.add_argument("--whole", nargs="*", default=(),
                        help="recipe ids to build whole, or 'all'")
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args(argv)
    ids = args.only or list(RECIPES)
    if "all" in args.whole:
        args.whole = ids
    peers = {False: layout_time("a room", args.runs)[0], True: layout_time("a street", args.runs)[0]}
    rows = []
    for rid in ids:
        recipe = RECIPES[rid]
        t, plan = layout_time(f"a {recipe.en[0]}", args.runs)
        props = sum(len(p.instances) for p in plan.parts if p.group == "props")
        whole = whole_time(f"a {recipe.en[0]}") if rid in args.whole else None
        rows.append((rid, recipe.group, "outdoor" if recipe.outdoor else "indoor", t,
                     t / peers[recipe.outdoor], props, whole))
    head = ("place", "group", "kind", "layout s", "x peer", "props", "whole s")
    if args.markdown:
        print("| " + " | ".join(head) + " |\n|" + "---|" * len(head))
    else:
        print(f"{head[0]:20s} {head[1]:10s} {head[2]:8s} {head[3]:>9s} {head[4]:>7s} {head[5]:>6s} {head[6]:>8s}")
    for rid, group, kind, t, ratio, props, whole in rows:
        w = f"{whole:.2f}" if whole is not None else "-"
        if args.markdown:
            print(f"| {rid} | {group} | {kind} | {t:.3f} | {ratio:.1f} | {props} | {w} |")
        else:
            print(f"{rid:20s} {group:10s} {kind:8s} {t:9.3f} {ratio:7.1f} {props:6d} {w:>8s}")
    layouts = [r[3] for r in rows]
    wholes = [r[6] for r in rows if r[6] is not None]
    print(f"\nlayout: median {statistics.median(layouts):.3f} s, worst {max(layouts):.3f} s "
          f"({max(rows, key=lambda r: r[3])[0]}), {sum(t > LAYOUT_BUDGET_S for t in layouts)} over "
          f"{LAYOUT_BUDGET_S:.0f} s; peers: room {peers[False]:.3f} s, street {peers[True]:.3f} s")
    if wholes:
        peer = whole_time("a street")
        print(f"whole build: median {statistics.median(wholes):.2f} s, worst {max(wholes):.2f} s, "
              f"{sum(w > WHOLE_BUDGET_S for w in wholes)} over {WHOLE_BUDGET_S:.0f} s; peer: the "
              f"street archetype {peer:.2f} s in the same run")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
