"""Exposure benchmark: what the camera's lens effects and the false-colour companion cost
on a still, against the same still with neither (the peer, in the same run).

    .venv/bin/python benchmarks/bench_exposure.py [--runs 5] [--resolution 320x180]
        [--samples 8]

The interior room set is built once (small textures); then each run renders the first
camera three ways: plain (--no-lens-effects, no companion), with the lens effects
(compositor), and with the lens effects and the false-colour companion. Prints medians
and the ratios against plain. No assertions: figures only.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--resolution", default="320x180")
    parser.add_argument("--samples", type=int, default=8)
    args = parser.parse_args()
    size = tuple(int(v) for v in args.resolution.lower().split("x"))

    import bpy

    from ai_sets_addon.generation.prepare import BuildOptions
    from ai_sets_addon.blender.pipeline import BuildRequest, build
    from ai_sets_addon.blender.scene import render
    from ai_sets_addon.scout import exposure as ex

    with tempfile.TemporaryDirectory(prefix="aisets_bench_exposure_") as tmp:
        work = Path(tmp)
        bpy.ops.wm.read_factory_settings(use_empty=True)
        build(BuildRequest("a concrete room at noon", seed=0, out_dir=work / "set",
                           options=BuildOptions(texture_size=256, hdri_width=1024),
                           save_blend=False))
        scene = bpy.context.scene
        times: dict[str, list[float]] = {"plain": [], "lens": [], "lens+false colour": []}
        companion_s: list[float] = []
        for run in range(args.runs):
            for name, effects, companion in (("plain", False, False), ("lens", True, False),
                                             ("lens+false colour", True, True)):
                render.set_scene_request(scene, ex.Request(lens_effects=effects))
                render.expose_camera(scene, scene.view_settings.exposure, 60.0)
                start = time.perf_counter()
                png = render.render_still(scene, work / f"{name}_{run}.png", size, args.samples,
                                          companions=False)
                if companion:
                    mid = time.perf_counter()
                    render.write_companions(scene, png)
                    companion_s.append(time.perf_counter() - mid)
                times[name].append(time.perf_counter() - start)
        plain = statistics.median(times["plain"])
        print(f"{args.resolution}, {args.samples} samples, {args.runs} runs (medians):")
        for name, values in times.items():
            median = statistics.median(values)
            print(f"  {name:<18} {median:6.3f} s   ratio to plain {median / plain:5.2f}")
        print(f"  the companion alone (EXR of the Render Result + zones + legend): "
              f"{statistics.median(companion_s):.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
