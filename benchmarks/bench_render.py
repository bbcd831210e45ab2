"""Preview cost at equal noise: today's render settings against the new ones (window
light portals, adaptive threshold, bounce limits), measured in one run.

    python benchmarks/bench_render.py                   # interior room, 480x270
    python benchmarks/bench_render.py --resolution 960x540 --prompt "a kitchen at noon"

Method: a reference render (old settings, 8x the samples, denoised) stands for the
converged picture. The old preview renders at its default samples; the new settings
render at increasing sample counts until their RMSE against the reference is no worse
than the old preview's. Printed: medians of the timed runs and the ratio new/old.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OLD = {"max_bounces": 8, "diffuse_bounces": 4, "glossy_bounces": 4,
       "transmission_bounces": 12, "transparent_max_bounces": 8, "volume_bounces": 1,
       "adaptive_threshold": 0.01, "volume_step_rate": 1.0, "volume_max_steps": 1024}


def render(scene, out: Path, size, samples: int) -> tuple[float, np.ndarray]:
    from ai_sets_addon.generation.fileio import read_png
    from ai_sets_addon.scene.render import render_still

    start = time.perf_counter()
    render_still(scene, out, size, samples)
    return time.perf_counter() - start, read_png(out).astype(np.float32) / 255.0


def use_old(scene, portals_on: bool) -> None:
    for name, value in OLD.items():
        setattr(scene.cycles, name, value)
    for obj in scene.objects:
        if obj.type == "LIGHT" and obj.data.type == "AREA" and obj.data.cycles.is_portal:
            obj.hide_render = not portals_on


def use_new(scene) -> None:
    from ai_sets_addon.scene.render import configure

    samples = scene.cycles.samples
    configure(scene, samples)
    for obj in scene.objects:
        if obj.type == "LIGHT" and obj.data.type == "AREA":
            obj.hide_render = False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prompt", default="a cozy apartment living room, late afternoon")
    parser.add_argument("--resolution", default="480x270")
    parser.add_argument("--samples", type=int, default=32, help="the old preview's samples")
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args(argv)
    import bpy

    from ai_sets_addon.generation.prepare import BuildOptions, prepare_set
    from ai_sets_addon.generation.setfile import read_set
    from ai_sets_addon.scene.builder import apply_to_scene

    size = tuple(int(v) for v in args.resolution.split("x"))
    with tempfile.TemporaryDirectory(prefix="aisets_bench_render_") as tmp:
        tmp = Path(tmp)
        bpy.ops.wm.read_factory_settings(use_empty=True)
        prepare_set(args.prompt, 1, tmp / "set", BuildOptions(1024, 2048))
        scene = bpy.context.scene
        apply_to_scene(read_set(tmp / "set"), scene, temp_dir=tmp)
        portals = sum(1 for o in scene.objects if o.type == "LIGHT" and o.data.type == "AREA"
                      and o.data.cycles.is_portal)
        use_old(scene, portals_on=False)
        _, reference = render(scene, tmp / "ref.png", size, args.samples * 8)
        old_times, old_err = [], 0.0
        for k in range(args.runs):
            seconds, image = render(scene, tmp / f"old{k}.png", size, args.samples)
            old_times.append(seconds)
            old_err = float(np.sqrt(np.mean((image - reference) ** 2)))
        use_new(scene)
        chosen, new_times, new_err = None, [], 0.0
        for samples in (4, 8, 12, 16, 24, 32, 48, 64):
            seconds, image = render(scene, tmp / f"new{samples}.png", size, samples)
            new_err = float(np.sqrt(np.mean((image - reference) ** 2)))
            if new_err <= old_err:
                chosen = samples
                new_times = [seconds] + [render(scene, tmp / f"n{samples}_{k}.png", size,
                                                samples)[0] for k in range(args.runs - 1)]
                break
    old_s = statistics.median(old_times)
    print(f"set: {args.prompt!r}, {args.resolution}, {portals} window portal(s)")
    print(f"old settings: {args.samples} samples, median {old_s:.2f} s, RMSE {old_err:.4f}")
    if chosen is None:
        print(f"new settings never reached the old noise up to 64 samples (RMSE {new_err:.4f})")
        return 1
    new_s = statistics.median(new_times)
    print(f"new settings: {chosen} samples, median {new_s:.2f} s, RMSE {new_err:.4f}")
    print(f"ratio new/old at equal noise: {new_s / old_s:.2f}x (target <= 0.5x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
