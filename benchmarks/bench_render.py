"""Preview cost at equal noise: our render settings against Cycles' defaults, measured
in one run on the same set.

    python benchmarks/bench_render.py                   # interior room, 480x270
    python benchmarks/bench_render.py --resolution 240x135 --samples 16 --runs 2

Method: each configuration gets its own reference (its settings, 8x the samples,
denoised), since ours clamp and filter on purpose and converge to a slightly different
picture; noise is the RMSE of a render against its own reference. Cycles' defaults
(every setting at its RNA default, no window portals) render at `--samples`; ours
render at increasing sample counts until their noise is no worse. Printed: medians of
the timed runs at those sample counts and the ratio ours/defaults.
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

# The Cycles settings configure() touches; "defaults" resets each to its RNA default.
SETTINGS = ("max_bounces", "diffuse_bounces", "glossy_bounces", "transmission_bounces",
            "transparent_max_bounces", "volume_bounces", "adaptive_threshold",
            "use_adaptive_sampling", "sample_clamp_indirect", "sample_clamp_direct",
            "blur_glossy", "caustics_reflective", "caustics_refractive", "volume_step_rate",
            "volume_max_steps", "denoising_input_passes", "denoising_prefilter")
LADDER = (4, 6, 8, 12, 16, 24, 32, 48, 64)


def render(scene, out: Path, size, samples: int) -> tuple[float, np.ndarray]:
    from ai_sets_addon.core.fileio import read_png
    from ai_sets_addon.blender.scene.render import render_still

    start = time.perf_counter()
    render_still(scene, out, size, samples)
    return time.perf_counter() - start, read_png(out).astype(np.float32) / 255.0


def use_defaults(scene) -> None:
    """Cycles as a fresh scene has it, and no light portals."""
    props = scene.cycles.bl_rna.properties
    for name in SETTINGS:
        setattr(scene.cycles, name, props[name].default)
    for obj in scene.objects:
        if obj.type == "LIGHT" and obj.data.type == "AREA" and obj.data.cycles.is_portal:
            obj.hide_render = True


def use_new(scene) -> None:
    from ai_sets_addon.blender.scene.render import configure

    samples = scene.cycles.samples
    configure(scene, samples)
    for obj in scene.objects:
        if obj.type == "LIGHT" and obj.data.type == "AREA":
            obj.hide_render = False


def noise(scene, tmp: Path, size, samples: int, reference: np.ndarray, tag: str
          ) -> tuple[float, float]:
    seconds, image = render(scene, tmp / f"{tag}{samples}.png", size, samples)
    return seconds, float(np.sqrt(np.mean((image - reference) ** 2)))


def timed(scene, tmp: Path, size, samples: int, runs: int, first: float, tag: str) -> float:
    times = [first] + [render(scene, tmp / f"{tag}{samples}_{k}.png", size, samples)[0]
                       for k in range(runs - 1)]
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prompt", default="a cozy apartment living room, late afternoon")
    parser.add_argument("--resolution", default="480x270")
    parser.add_argument("--samples", type=int, default=32, help="Cycles defaults' samples")
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args(argv)
    import bpy

    from ai_sets_addon.generation.prepare import BuildOptions, prepare_set
    from ai_sets_addon.setfile import read_set
    from ai_sets_addon.blender.scene.builder import apply_to_scene

    size = tuple(int(v) for v in args.resolution.split("x"))
    with tempfile.TemporaryDirectory(prefix="aisets_bench_render_") as tmp:
        tmp = Path(tmp)
        bpy.ops.wm.read_factory_settings(use_empty=True)
        prepare_set(args.prompt, 1, tmp / "set", BuildOptions(1024, 2048))
        scene = bpy.context.scene
        apply_to_scene(read_set(tmp / "set"), scene, temp_dir=tmp)
        portals = sum(1 for o in scene.objects if o.type == "LIGHT" and o.data.type == "AREA"
                      and o.data.cycles.is_portal)
        use_defaults(scene)
        _, ref = render(scene, tmp / "ref_defaults.png", size, args.samples * 8)
        first, old_err = noise(scene, tmp, size, args.samples, ref, "old")
        old_s = timed(scene, tmp, size, args.samples, args.runs, first, "old")
        use_new(scene)
        _, ref = render(scene, tmp / "ref_ours.png", size, args.samples * 8)
        chosen = None
        for samples in LADDER:
            first, new_err = noise(scene, tmp, size, samples, ref, "new")
            if new_err <= old_err:
                chosen = samples
                new_s = timed(scene, tmp, size, samples, args.runs, first, "new")
                break
    print(f"set: {args.prompt!r}, {args.resolution}, {portals} window portal(s), "
          f"{args.runs} timed run(s) each")
    print(f"Cycles defaults: {args.samples} samples, median {old_s:.2f} s, RMSE {old_err:.4f}")
    if chosen is None:
        print(f"ours never reached that noise up to {LADDER[-1]} samples (RMSE {new_err:.4f})")
        return 1
    print(f"ours: {chosen} samples, median {new_s:.2f} s, RMSE {new_err:.4f}")
    print(f"ratio ours/defaults at equal noise: {new_s / old_s:.2f}x (target <= 0.5x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
