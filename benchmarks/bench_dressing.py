"""Dressing benchmark: per room type, the time to dress a room, objects per 10 m² and the
plausibility figures of the dressed room.

    python benchmarks/bench_dressing.py              # every room type, 3 seeds
    python benchmarks/bench_dressing.py --wired      # + the interior room's whole plan
    python benchmarks/bench_dressing.py --no-scipy   # the raster without scipy (Blender)

"cold" is the first dressing in the process (it builds the catalogue models the room
uses), "warm" the median of the seeds after it (models shared); the peer measured in
the same run is the room type's own layout (rooms.ROOMS furnish) in the same room, so
the ratio says what the dressing costs over laying out the furniture alone. The
plausibility report runs on the sample room (its walls with the openings cut, its
inner floor, the dressing): collisions > 1 cm, objects through walls, navigable
share (goal >= 0.95), blocked windows, unsupported objects. With --wired, the
plausibility of `interior_room.plan` for "a <room type>" as built (its furniture and
the dressing), as the report reads it today. No assertions: figures only.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BUDGET_S = 1.0


def furnish_time(room_type: str, seed: int) -> float:
    import numpy as np

    from ai_sets_addon.generation import props
    from ai_sets_addon.generation.archetypes import rooms
    kind = rooms.ROOMS.get(room_type)
    if kind is None:
        return float("nan")
    w, d, h = kind.size
    start = time.perf_counter()
    kind.furnish(np.random.default_rng(seed), w, d, h, props.Occupancy(cell=1.0))
    return time.perf_counter() - start


def bench(room_type: str, seeds: list[int]) -> dict:
    from ai_sets_addon.generation.dressing import density_for, dress
    from ai_sets_addon.generation.dressing.sample import plan_of, sample_room
    from ai_sets_addon.generation.plausibility import check_plan
    room = sample_room(room_type)
    start = time.perf_counter()
    dress(room, seeds[0])
    cold = time.perf_counter() - start
    times, reports, counts = [], [], []
    for seed in seeds:
        start = time.perf_counter()
        out = dress(room, seed)
        times.append(time.perf_counter() - start)
        counts.append(len(out.placements))
        reports.append(check_plan(plan_of(room, out)))
    peer = statistics.median(furnish_time(room_type, s) for s in seeds)
    warm = statistics.median(times)
    area = room.area_m2
    return {"type": room_type, "area": area, "cold": cold, "warm": warm, "peer": peer,
            "objects": statistics.median(counts),
            "per10": statistics.median(10 * c / area for c in counts),
            "target": density_for(room_type).per_10m2,
            "collisions": max(len(r.collisions) for r in reports),
            "walls": max(len(r.through_walls) for r in reports),
            "nav": min(r.navigable_share for r in reports),
            "windows": max(len(r.blocked_windows) for r in reports),
            "unsupported": max(len(r.unsupported) for r in reports)}


def wired(room_type: str, seed: int) -> str:
    from ai_sets_addon.generation.archetypes import plan_set
    from ai_sets_addon.generation.plausibility import check_plan
    from ai_sets_addon.generation.prompt import parse_prompt
    start = time.perf_counter()
    plan = plan_set(parse_prompt("a " + room_type.replace("_", " "), seed))
    dt = time.perf_counter() - start
    r = check_plan(plan)
    return (f"  wired {room_type:18s} plan {dt:5.2f} s  objects {r.objects:3d}  "
            f"per 10 m2 {r.per_10m2:5.1f}  collisions {len(r.collisions)}  "
            f"through walls {r.through_walls}  navigable {r.navigable_share}")


def main() -> None:
    from ai_sets_addon.generation.dressing import PROGRAMS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--wired", action="store_true")
    parser.add_argument("--no-scipy", action="store_true",
                        help="the floor raster's numpy path (the add-on's own install)")
    parser.add_argument("types", nargs="*")
    args = parser.parse_args()
    if args.no_scipy:
        from ai_sets_addon.generation.dressing import raster
        raster._ndimage = None
    from ai_sets_addon.generation.dressing.programs import OUTDOOR
    types = args.types or [t for t in PROGRAMS if t != "dining_room" and t not in OUTDOOR]
    seeds = list(range(1, args.seeds + 1))
    print(f"{'room type':18s} {'m2':>5s} {'cold s':>6s} {'warm s':>6s} {'layout s':>8s} "
          f"{'ratio':>5s} {'objs':>4s} {'/10m2':>5s} {'goal':>4s} {'coll':>4s} {'wall':>4s} "
          f"{'nav':>6s} {'win':>3s} {'unsup':>5s}")
    for t in types:
        r = bench(t, seeds)
        flag = "" if r["warm"] <= BUDGET_S and r["cold"] <= BUDGET_S else "  over 1 s"
        print(f"{r['type']:18s} {r['area']:5.1f} {r['cold']:6.2f} {r['warm']:6.2f} "
              f"{r['peer']:8.4f} {r['warm'] / max(r['peer'], 1e-6):5.0f} {r['objects']:4.0f} "
              f"{r['per10']:5.1f} {r['target']:4.1f} {r['collisions']:4d} {r['walls']:4d} "
              f"{r['nav']:6.3f} {r['windows']:3d} {r['unsupported']:5d}{flag}")
    if args.wired:
        for t in types:
            print(wired(t, 1))


if __name__ == "__main__":
    main()
