"""Batch benchmark: eight small shots of one set on a local Dask cluster with 1 and 2
workers, against the same eight shots rendered in one Blender process.

    python benchmarks/bench_batch.py                    # 8 shots, 160x90, 8 samples
    python benchmarks/bench_batch.py --resolution 320x180 --samples 16

The set is prepared once (not timed), then each run starts from a copy of it so only
the render tasks run. Figures: throughput (shots per minute, from the first task's
start to the last one's end, the cluster start excluded and printed apart), the
scaling ratio 2 workers / 1 worker, and the per-task overhead: a batch task's mean
time with one worker minus a shot's mean time in the single process (which builds the
scene once and re-aims the camera) — Python and Blender start, reading the set
folder, building the scene, Dask.

Two scaling ratios. Per slot (what adding a worker adds on a farm): 1 worker and 2
workers with one Cycles thread each. Machine-filled (what `ai-sets batch` does on this
host): one worker gets every core for Cycles, two workers one core each; on 2 cores this
can only overlap each task's single-threaded start and scene build with the other's
render, so it stays well under 2x whatever the scheduler does.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PROMPT = "a concrete room"
CAMERAS = ("CAM_Wide_24mm", "CAM_Medium_35mm", "CAM_Reverse_35mm")
LENSES = (None, 50.0, 85.0)


def job_text(resolution: str, samples: int) -> str:
    shots = [f'  [[set.shot]]\n  camera = "all"\n']
    for lens in LENSES[1:]:
        shots.append(f'  [[set.shot]]\n  name = "l{lens:g}"\n  camera = "all"\n'
                     f"  lens_mm = {lens:g}\n")
    return (f'[defaults]\ntexture_size = 256\nhdri_width = 512\nresolution = "{resolution}"\n'
            f"samples = {samples}\n\n[[set]]\nname = \"bench\"\nprompt = \"{PROMPT}\"\n"
            f'time_of_day = "noon"\n' + "".join(shots))


def eight_shots(expansion) -> list:
    renders = expansion.of_kind("render")[:8]
    keep = {t.task_id for t in renders} | {t.task_id for t in expansion.of_kind("prepare")}
    expansion.tasks = [t for t in expansion.tasks if t.task_id in keep]
    return renders


def run_cluster(expansion, prepared: Path, workers: int, scratch: Path,
                threads: int | None = None) -> dict:
    """One batch from a copy of the prepared set (`threads` Cycles threads per render,
    or the batch's own choice); returns its figures."""
    from ai_sets_addon.farm.manifest import BatchManifest
    from ai_sets_addon.farm.runner import BatchOptions, run_batch

    out = scratch / f"w{workers}-{time.monotonic_ns()}"
    shutil.copytree(prepared, out / "bench-s0-noon")
    load = os.getloadavg()[0]
    start = time.perf_counter()
    outcomes = run_batch(expansion, BatchOptions(out, "local", workers,
                                                 stream=open(os.devnull, "w"),
                                                 cycles_threads=threads))
    wall = time.perf_counter() - start
    failed = [o for o in outcomes if o.status in ("failed", "blocked")]
    if failed:
        raise SystemExit(f"{len(failed)} task(s) failed: {failed[0].message}")
    records = [e for e in BatchManifest.load(out).tasks.values() if e["kind"] == "render"]
    first = min(r["started"] for r in records)
    last = max(r["started"] + r["seconds"] for r in records)
    return {"workers": workers, "shots": len(records), "render_phase_s": last - first,
            "batch_wall_s": wall, "mean_task_s": sum(r["seconds"] for r in records) / len(records),
            "threads": sorted({r.get("threads") for r in records}),
            "load": (load, os.getloadavg()[0])}


def single_process(prepared: Path, renders: list, scratch: Path) -> dict:
    """The same shots in one Blender process: scene built once, camera re-aimed."""
    spec = [{"camera": t.camera, "lens": t.lens_mm, "resolution": list(t.resolution),
             "samples": t.samples} for t in renders]
    command = [sys.executable, __file__, "--single", str(prepared / "set"), json.dumps(spec),
               str(scratch / "single")]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if result.returncode:
        raise SystemExit(result.stdout + result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def _single(folder: str, spec_text: str, out: str) -> None:
    import bpy

    from ai_sets_addon.setfile import read_set
    from ai_sets_addon.blender.scene import render
    from ai_sets_addon.blender.scene.builder import apply_to_scene

    start = time.perf_counter()
    bpy.ops.wm.read_factory_settings(use_empty=True)
    doc = read_set(Path(folder))
    scene = bpy.context.scene
    apply_to_scene(doc, scene, meter=False, temp_dir=Path(out))
    scene.render.threads_mode = "FIXED"
    scene.render.threads = os.cpu_count() or 1
    built = time.perf_counter()
    for i, shot in enumerate(json.loads(spec_text)):
        scene.camera = bpy.data.objects[shot["camera"]]
        scene.camera.data.lens = shot["lens"] or doc.plan.cameras[
            [c.name for c in doc.plan.cameras].index(shot["camera"])].lens_mm
        render.meter_exposure(scene, doc.sky.sun_elevation_deg, doc.plan.exposure_bias_ev,
                              Path(out))
        render.render_still(scene, Path(out) / f"{i}.png", tuple(shot["resolution"]),
                            shot["samples"])
    done = time.perf_counter()
    count = len(json.loads(spec_text))
    print(json.dumps({"shots": count, "startup_and_scene_s": built - start,
                      "render_s": done - built, "per_shot_s": (done - built) / count,
                      "process_s": done - start}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--resolution", default="160x90")
    parser.add_argument("--samples", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=1,
                        help="alternate 1- and 2-worker runs N times, keep each one's best "
                             "(a shared machine's load comes and goes)")
    parser.add_argument("--single", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.single:
        _single(*args.single)
        return
    from ai_sets_addon.farm import jobfile, tasks
    from ai_sets_addon.farm.runner import BatchOptions, run_batch

    with tempfile.TemporaryDirectory(prefix="bench_batch_") as tmp:
        scratch = Path(tmp)
        expansion = tasks.expand(jobfile.parse(job_text(args.resolution, args.samples)))
        renders = eight_shots(expansion)
        prepare_only = tasks.Expansion(expansion.of_kind("prepare"))
        run_batch(prepare_only, BatchOptions(scratch / "prep", "local", 1,
                                             stream=open(os.devnull, "w")))
        prepared = scratch / "prep" / "bench-s0-noon"
        (scratch / "single").mkdir()
        print(f"{len(renders)} shots of '{PROMPT}' at {args.resolution}, {args.samples} "
              f"samples; {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} "
              "(a shared machine: other engineers' jobs run beside this)")
        one = single_process(prepared, renders, scratch)
        setups = {"1": (1, None), "2": (2, None), "1x1": (1, 1)}   # workers, threads
        tries: dict[str, list[dict]] = {k: [] for k in setups}
        for _ in range(args.repeat):
            for key, (n, threads) in setups.items():
                tries[key].append(run_cluster(expansion, prepared, n, scratch, threads))
        runs = {k: min(t, key=lambda r: r["render_phase_s"]) for k, t in tries.items()}
        report(one, runs)


def report(one: dict, runs: dict) -> None:
    for run in runs.values():
        rate = run["shots"] / run["render_phase_s"] * 60
        print(f"  {run['workers']} worker(s), Cycles threads {run['threads']}: {run['shots']} shots in "
              f"{run['render_phase_s']:.1f} s ({rate:.2f} shots/min; whole batch with the "
              f"cluster start {run['batch_wall_s']:.1f} s), mean task {run['mean_task_s']:.1f} s; "
              f"load average {run['load'][0]:.1f} -> {run['load'][1]:.1f}")
    print(f"  one process: {one['shots']} shots in {one['render_s']:.1f} s after "
          f"{one['startup_and_scene_s']:.1f} s of start and scene "
          f"({one['shots'] / one['process_s'] * 60:.2f} shots/min over the process)")
    per_slot = runs["1x1"]["render_phase_s"] / runs["2"]["render_phase_s"]
    filled = runs["1"]["render_phase_s"] / runs["2"]["render_phase_s"]
    overhead = runs["1"]["mean_task_s"] - one["per_shot_s"]
    print(f"scaling per slot, 2 workers / 1 worker at 1 Cycles thread each: {per_slot:.2f}x "
          "(target >= 1.7x on 2 cores)")
    print(f"scaling machine-filled, 2 workers x 1 thread / 1 worker x all cores: {filled:.2f}x")
    print(f"per-task overhead (batch task with 1 worker - a shot in one process): "
          f"{overhead:.1f} s ({runs['1']['mean_task_s']:.1f} s vs {one['per_shot_s']:.1f} s)")


if __name__ == "__main__":
    main()
