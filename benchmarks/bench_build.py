"""Build-time benchmark: every archetype end to end (no render), and prop-count scaling.

    python benchmarks/bench_build.py                       # 12 archetypes x 3 runs, 1K/2K
    python benchmarks/bench_build.py --runs 1 --only street forest
    python benchmarks/bench_build.py --scaling-only

Part 1 prints the median per-stage timings (parse, layout, sky, assets, scene with the
exposure meter) of building each archetype with 1K textures and a 2K HDRI, as the
CLI does, and the total against the 10 s budget.
Part 2 scatters 100 -> 10,000 props on a desert set and times the layout (exact
scatter) and the Blender scene build, against a peer measured in the same run: the
same props as one linked-duplicate object per copy instead of the Geometry Nodes
instancer.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PROMPTS = {
    "interior_room": "a cozy apartment living room with wooden floor, late afternoon",
    "warehouse": "un entrepôt industriel en briques, poussière en suspension",
    "corridor": "a long concrete service corridor with pipes",
    "platform": "un quai de métro carrelé, la nuit",
    "street": "a city street with brick facades at dusk, neon signs",
    "alley": "une ruelle pavée sous la pluie, la nuit",
    "rooftop": "a rooftop at blue hour with a water tank",
    "desert": "des dunes de sable dans le désert",
    "canyon": "a red rock canyon at golden hour",
    "forest": "une clairière en forêt le matin avec une brume légère",
    "beach": "a sandy beach with palm trees at sunset",
    "cyclorama": "un cyclorama blanc en studio",
}
STAGES = ("parse", "layout", "sky", "assets", "scene")
BUDGET_S = 10.0


def build_once(prompt: str, seed: int, work: Path) -> dict[str, float]:
    import bpy

    from ai_sets_addon.generation.prepare import BuildOptions, prepare_set
    from ai_sets_addon.setfile import read_set
    from ai_sets_addon.blender.scene.builder import apply_to_scene

    bpy.ops.wm.read_factory_settings(use_empty=True)
    options = BuildOptions(texture_size=1024, hdri_width=2048)
    start = time.perf_counter()
    _, timings = prepare_set(prompt, seed, work, options)
    t_scene = time.perf_counter()
    apply_to_scene(read_set(work), bpy.context.scene)
    timings["scene"] = time.perf_counter() - t_scene
    timings["total"] = time.perf_counter() - start
    return timings


def bench_archetypes(names: list[str], runs: int) -> None:
    print(f"{'archetype':14s} " + " ".join(f"{s:>7s}" for s in STAGES) + f" {'total':>7s}  budget")
    totals = []
    with tempfile.TemporaryDirectory(prefix="aisets_bench_") as tmp:
        for name in names:
            runs_t = [build_once(PROMPTS[name], 1 + k, Path(tmp) / f"{name}{k}") for k in range(runs)]
            med = {k: statistics.median(r.get(k, 0.0) for r in runs_t) for k in STAGES + ("total",)}
            totals.append(med["total"])
            flag = "ok" if med["total"] <= BUDGET_S else "OVER"
            print(f"{name:14s} " + " ".join(f"{med[s]:7.2f}" for s in STAGES)
                  + f" {med['total']:7.2f}  {flag}", flush=True)
    print(f"median of medians {statistics.median(totals):.2f} s, worst {max(totals):.2f} s "
          f"(budget {BUDGET_S:.0f} s; 'sky' runs inside 'assets', in parallel with materials)")


def bench_scaling(counts: list[int]) -> None:
    """Layout and scene time for N scattered props: GN instancer vs one object each."""
    import numpy as np

    from ai_sets_addon.generation import props
    from ai_sets_addon.generation.archetypes import common
    from ai_sets_addon.generation.materials import ProceduralMaterials
    from ai_sets_addon.generation.prepare import BuildOptions, prepare_set
    from ai_sets_addon.generation.props import industrial as ind
    from ai_sets_addon.setfile import read_set
    from ai_sets_addon.generation.props import nature as nat
    from ai_sets_addon.blender.scene import objects

    with tempfile.TemporaryDirectory(prefix="aisets_scale_") as tmp:
        prepare_set("a desert with rocks", 1, Path(tmp), BuildOptions(1024, 2048))
        base = read_set(Path(tmp))
        ground = [p for p in base.plan.parts if p.group != "props"]
        materials = dict(base.plan.materials)
        materials.update(common.prop_materials(base.spec, {"wood", "barrel"}, False))
        textures = dict(base.materials)
        for key in ("wood", "barrel"):          # the scattered props' materials
            textures[key] = ProceduralMaterials().make_material(materials[key], 1024,
                                                                Path(tmp) / "textures")
        rng = np.random.default_rng(0)
        models = [nat.rock(rng, 1.2), nat.rock(rng, 0.6), ind.crate(rng, 0.8), ind.barrel(rng)]
        print(f"\n{'props':>7s} {'layout':>8s} {'scene(GN)':>10s} {'scene(dup)':>11s} "
              f"{'objects GN/dup':>15s} {'speed-up':>9s}")
        for n in counts:
            start = time.perf_counter()
            occ = props.Occupancy(cell=2.0)
            side = max(40.0, np.sqrt(n) * 3.0)
            region = props.Region(-side, -side, side, side)
            placed = []
            for model in models:
                placed += props.scatter(rng, occ, model, n // len(models), region, gap=0.05)
            layout = time.perf_counter() - start
            plan = replace(base.plan, parts=ground + props.to_parts(placed), materials=materials)
            prepared = replace(base, plan=plan, materials=textures)
            gn_s, gn_objects = _scene_time(prepared)
            saved = objects.GN_INSTANCE_MIN
            objects.GN_INSTANCE_MIN = 10 ** 9
            try:
                dup_s, dup_objects = _scene_time(prepared)
            finally:
                objects.GN_INSTANCE_MIN = saved
            print(f"{len(placed):7d} {layout:8.2f} {gn_s:10.2f} {dup_s:11.2f} "
                  f"{gn_objects:7d}/{dup_objects:<7d} {dup_s / max(gn_s, 1e-6):8.1f}x", flush=True)


def _scene_time(prepared) -> tuple[float, int]:
    import bpy

    from ai_sets_addon.blender.scene.builder import apply_to_scene

    bpy.ops.wm.read_factory_settings(use_empty=True)
    start = time.perf_counter()
    result = apply_to_scene(prepared, bpy.context.scene, meter=False)
    bpy.context.evaluated_depsgraph_get().update()
    elapsed = time.perf_counter() - start
    return elapsed, len(result.collection.all_objects)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument("--scaling-only", action="store_true")
    parser.add_argument("--counts", nargs="*", type=int, default=[100, 1000, 10000])
    args = parser.parse_args(argv)
    if not args.scaling_only:
        bench_archetypes(args.only or list(PROMPTS), args.runs)
    bench_scaling(args.counts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
