"""Script benchmark: a 10-scene screenplay (5 locations, EN and FR headings) to sets
and thumbnail storyboards, time and peak memory on this machine.

    .venv/bin/python benchmarks/bench_script.py [--runs 1] [--resolution 96x54]

Each figure is a fresh process (Blender's start included), as a user runs it:
- `ai-sets script` into an empty DIR (5 sets built, every shot rendered, plots, PDF,
  CSV, timeline, job file);
- the same command again on the finished DIR (incremental: nothing rebuilt);
- the peer in the same run: the same 5 sets built by `ai-sets build` alone, one process
  each (what the sets cost without coverage, figures, renders and sheets);
- the pure half on its own (`--dry-run`: reading, grouping, coverage).
Prints medians of wall and CPU time (the machine may be shared: CPU time is the steadier
figure), each process's own peak RSS, and the ratios script/peer and re-run/script.
No assertions.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LOCATIONS = (("INT. KITCHEN", "ANNA", "BEN", "a LETTER on the table"),
             ("EXT. STREET", "BEN", "CLARA", "a bench by the lamp post"),
             ("INT. OFFICE", "CLARA", "DAVID", "her PHONE rings"),
             ("EXT. GARE", "ANNA", "DAVID", "une valise sur le banc"),
             ("INT. ENTREPÔT", "BEN", "ANNA", "des caisses et des palettes"))
TIMES = ("NIGHT", "DAY", "MORNING", "AUBE", "NUIT", "DUSK", "LATER", "JOUR", "SOIR", "DAWN")
SMALL = ["--texture-size", "256", "--hdri-width", "512"]


def ten_scenes() -> str:
    lines = ["Title: Bench", ""]
    for i, time_word in enumerate(TIMES):
        place, a, b, prop = LOCATIONS[i % len(LOCATIONS)]
        lines += [f"{place} - {time_word}", "", f"{a} waits. {b} arrives, {prop}.", "",
                  a, "You're late.", "", b, "I know.", ""]
    return "\n".join(lines)


LAUNCH = ("import atexit, resource, runpy, sys\n"
          "atexit.register(lambda: sys.stderr.write('\\nPEAK_RSS_KB %d\\n' % "
          "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))\n"
          "sys.argv = ['ai-sets', *sys.argv[1:]]\n"
          "runpy.run_module('ai_sets_addon', run_name='__main__')\n")


def run(args: list[str]) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS in MB) of one `ai-sets` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", LAUNCH, *args], cwd=ROOT,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode:
        sys.exit(f"{' '.join(args[:2])} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peaks = [int(line.split()[1]) for line in proc.stderr.splitlines()
             if line.startswith("PEAK_RSS_KB")]
    return seconds, cpu, (peaks[-1] / 1024.0 if peaks else float("nan"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--resolution", default="96x54")
    parser.add_argument("--samples", default="2")
    args = parser.parse_args()
    thumbs = ["--resolution", args.resolution, "--samples", args.samples, *SMALL]
    keys = ("dry", "script", "rerun", "peer")
    wall: dict[str, list[float]] = {k: [] for k in keys}
    cpu: dict[str, list[float]] = {k: [] for k in keys}
    peaks: dict[str, float] = {k: 0.0 for k in keys}
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "bench.fountain"
        script.write_text(ten_scenes(), encoding="utf-8")
        from ai_sets_addon.scout.script.project import ScriptProject

        prompts = [loc.prompt for loc in ScriptProject.read(script).locations]
        for n in range(args.runs):
            out = Path(tmp) / f"out{n}"
            for key, argv in (("dry", ["script", str(script), "--dry-run"]),
                              ("script", ["script", str(script), "--out", str(out), *thumbs]),
                              ("rerun", ["script", str(script), "--out", str(out), *thumbs])):
                seconds, used, peak = run(argv)
                wall[key].append(seconds)
                cpu[key].append(used)
                peaks[key] = max(peaks[key], peak)
            total_wall = total_cpu = 0.0
            for i, prompt in enumerate(prompts):
                seconds, used, peak = run(["build", prompt, "--out",
                                           str(Path(tmp) / f"peer{n}_{i}"), *SMALL])
                total_wall, total_cpu = total_wall + seconds, total_cpu + used
                peaks["peer"] = max(peaks["peer"], peak)
            wall["peer"].append(total_wall)
            cpu["peer"].append(total_cpu)
        frames = len(list((Path(tmp) / "out0" / "frames").glob("*.png")))
    w = {k: statistics.median(v) for k, v in wall.items()}
    c = {k: statistics.median(v) for k, v in cpu.items()}
    print(f"10 scenes, {len(prompts)} locations, {frames} shots, thumbnails {args.resolution} "
          f"at {args.samples} samples, textures 256 px, runs={args.runs}")
    names = {"dry": "dry run (read, group, cover)", "script": "script (sets, renders, sheets)",
             "rerun": "re-run, nothing changed", "peer": f"peer: {len(prompts)} x ai-sets build"}
    for key in keys:
        print(f"{names[key]:<34} wall {w[key]:8.2f} s   CPU {c[key]:8.2f} s   "
              f"peak RSS {peaks[key]:6.0f} MB")
    print(f"ratio script / peer: wall {w['script'] / w['peer']:.2f}x, CPU "
          f"{c['script'] / c['peer']:.2f}x;  re-run / script: wall "
          f"{w['rerun'] / w['script']:.2f}x, CPU {c['rerun'] / c['script']:.2f}x")


if __name__ == "__main__":
    main()
