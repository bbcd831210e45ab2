"""Layout benchmark for room types and styles: parse + plan (no textures, no render).

    python benchmarks/bench_rooms.py              # every room type and style, 5 runs
    python benchmarks/bench_rooms.py --runs 1

Prints the median parse and layout time of each room type and of a styled street,
alley and room, against the peer measured in the same run (the generic interior
room, no room type) and the archetypes' 10 s budget. No assertion: figures only.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ai_sets_addon.generation.archetypes import plan_set, rooms  # noqa: E402
from ai_sets_addon.generation.prompt import parse_prompt  # noqa: E402
from ai_sets_addon.generation.styles import STYLES  # noqa: E402

PEER = "a concrete room at noon"
BUDGET_S = 10.0
STYLED = {"street": "une rue {style}", "alley": "an alley, {style}", "room": "a {style} room"}


def _median_times(prompt: str, runs: int) -> tuple[float, float]:
    parse, layout = [], []
    for seed in range(runs):
        t0 = time.perf_counter()
        spec = parse_prompt(prompt, seed)
        t1 = time.perf_counter()
        plan_set(spec)
        t2 = time.perf_counter()
        parse.append(t1 - t0)
        layout.append(t2 - t1)
    return statistics.median(parse), statistics.median(layout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    _, peer = _median_times(PEER, args.runs)
    print(f"peer (generic room): layout {peer * 1e3:7.1f} ms")
    rows = [(f"room type {key}", f"a {key.replace('_', ' ')}") for key in rooms.ROOMS]
    for key, style in STYLES.items():
        word = style.words["en"][0]
        rows += [(f"{where} {key}", text.format(style=word)) for where, text in STYLED.items()
                 if (where == "room") == (not style.exterior) or where == "room"]
    worst = 0.0
    for name, prompt in rows:
        parse, layout = _median_times(prompt, args.runs)
        worst = max(worst, parse + layout)
        print(f"{name:28} parse {parse * 1e3:6.2f} ms  layout {layout * 1e3:7.1f} ms  "
              f"x{layout / peer:4.1f} peer  {100 * (parse + layout) / BUDGET_S:5.1f}% of budget")
    print(f"slowest: {worst:.2f} s of the {BUDGET_S:.0f} s budget")
    return 0


if __name__ == "__main__":
    sys.exit(main())
