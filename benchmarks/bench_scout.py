"""Scouting benchmark: how long one step of the hour slider takes while dragging.

    .venv/bin/python benchmarks/bench_scout.py [--runs 7] [--width 2048]

A street set is built once (small textures). Then, for a sweep of hours across a day
in Paris (sun moving, clouds fixed), we time:
- the drag step: `scout.blender.daylight.preview_sky` (a 512 px sky computed, the world
  and Sun lamp swapped, practicals switched, no metering, the set folder untouched);
- the release step, the peer in the same run: `pipeline.update_sky` at --width (the
  full sky published as a new set-folder revision, world rebuilt, exposure metered).
Prints medians and the ratio drag/release. No assertions: figures only.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

HOURS = (7.0, 9.5, 12.0, 14.5, 17.0, 19.5, 21.0)
PARIS = dict(latitude=48.8566, longitude=2.3522)


def build_set(out: Path):
    import bpy

    from ai_sets_addon.blender.session import fresh_scene as _fresh_scene
    from ai_sets_addon.generation.prepare import BuildOptions
    from ai_sets_addon.blender.pipeline import BuildRequest, build

    bpy.ops.wm.read_factory_settings(use_empty=True)
    _fresh_scene()
    build(BuildRequest("a narrow street with shops, scattered clouds", seed=3, out_dir=out,
                       options=BuildOptions(texture_size=256, hdri_width=1024),
                       save_blend=False))
    return bpy.context.scene


def request_at(hour: float):
    from ai_sets_addon.model.plan import SkyRequest

    minutes = int(round(hour * 60))
    return SkyRequest(time_of_day="afternoon", cloud_cover="scattered", seed=3,
                      datetime_iso=f"2026-06-21T{minutes // 60:02d}:{minutes % 60:02d}:00+02:00",
                      **PARIS)


def time_steps(step, runs: int) -> list[float]:
    times = []
    for i in range(runs):
        start = time.perf_counter()
        step(request_at(HOURS[i % len(HOURS)]))
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--width", type=int, default=2048, help="the released sky's width")
    args = parser.parse_args()

    from ai_sets_addon.blender import pipeline
    from ai_sets_addon.blender.daylight import PREVIEW_WIDTH, preview_sky

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "street"
        scene = build_set(folder)
        preview_sky(scene, request_at(12.0))                # warm the look-up tables
        drag = time_steps(lambda r: preview_sky(scene, r), args.runs)
        release = time_steps(lambda r: pipeline.update_sky(scene, r, args.width, folder),
                             max(3, args.runs // 2))
    d, r = statistics.median(drag), statistics.median(release)
    print(f"drag step    ({PREVIEW_WIDTH} px sky, world swap): median {d * 1000:7.1f} ms  "
          f"(min {min(drag) * 1000:.1f}, max {max(drag) * 1000:.1f}, n={len(drag)})")
    print(f"release step ({args.width} px, revision, meter): median {r * 1000:7.1f} ms  "
          f"(n={len(release)})")
    print(f"ratio drag/release: {d / r:.3f}  ({1.0 / d:.1f} slider updates per second)")


if __name__ == "__main__":
    main()
