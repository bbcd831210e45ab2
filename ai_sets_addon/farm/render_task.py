"""One shot of a set folder, rendered in its own process:

    python -m ai_sets_addon.farm.render_task --set DIR/<set>/set --camera CAM
           --out DIR/<set>/<shot>.png --resolution 64x36 --samples 2 --threads 1 --key K

Why a process per shot: a fresh Blender state every time, and a Cycles crash (or a
kill) takes down this shot only, never the Dask worker or the other shots. The PNG
appears only once complete (atomic rename); then `<shot>.json` records its sha256 and
the task key, so a batch whose client died after the render still finds it.
Exit codes as the CLI: 0, 2 (bad input, environment), 1 (a bug).
"""

from __future__ import annotations

import argparse
import ctypes
import os
import signal
import sys
import time
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from ..cli import common

    parser.add_argument("--set", required=True, type=Path, dest="set_folder")
    parser.add_argument("--camera", required=True)
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--resolution", type=common.resolution, default=(960, 540))
    parser.add_argument("--samples", type=common.samples, default=32)
    parser.add_argument("--threads", type=common.positive_int, default=1,
                        help="Cycles threads (one per core the worker owns)")
    parser.add_argument("--lens", type=common.finite_float(1.0, 5000.0), default=None)
    parser.add_argument("--key", default="", help="the batch task key, recorded beside")
    parser.add_argument("--parent", type=int, default=0,
                        help="exit if this process (the Dask worker) is gone")


def die_with_parent(parent: int) -> None:
    """Linux: the kernel kills this render when the worker that started it dies
    (kill -9 included), so a rescheduled shot never races an orphan."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL("libc.so.6", use_errno=True)
            libc.prctl(1, signal.SIGKILL)          # PR_SET_PDEATHSIG
        except OSError:
            pass
    if parent and os.getppid() != parent:
        os._exit(1)                                # died before prctl took effect


def render_shot(args: argparse.Namespace) -> dict:
    """Read the set folder, build it into an empty scene, aim, meter, render."""
    from ..generation.faults import checkpoint
    from ..generation.fileio import sha256_of, write_json
    from ..generation.setfile import read_set

    start = time.perf_counter()
    doc = read_set(args.set_folder)           # a broken set fails before Blender starts
    checkpoint("scene")
    import bpy

    from ..pipeline import versions
    from ..scene import render
    from ..scene.builder import apply_to_scene

    bpy.ops.wm.read_factory_settings(use_empty=True)
    scene = bpy.context.scene
    apply_to_scene(doc, scene, meter=False, temp_dir=args.out.parent)
    scene.camera = _camera(bpy, args.camera)
    if args.lens:
        scene.camera.data.lens = args.lens
    scene.render.threads_mode = "FIXED"
    scene.render.threads = args.threads
    built = time.perf_counter()
    exposure = render.meter_exposure(scene, doc.sky.sun_elevation_deg,
                                     doc.plan.exposure_bias_ev, args.out.parent)
    checkpoint("render")
    render.render_still(scene, args.out, args.resolution, args.samples)
    done = time.perf_counter()
    record = {"key": args.key, "camera": args.camera, "lens_mm": scene.camera.data.lens,
              "resolution": list(args.resolution), "samples": args.samples,
              "threads": args.threads, "exposure_ev": exposure,
              "file": args.out.name, "sha256": sha256_of(args.out),
              "bytes": args.out.stat().st_size,
              "timings_s": {"scene": round(built - start, 3),
                            "render": round(done - built, 3)},
              "versions": versions()}
    write_json(args.out.with_suffix(".json"), record)
    return record


def _camera(bpy, name: str):
    obj = bpy.data.objects.get(name)
    if obj is None or obj.type != "CAMERA":
        from ..generation.errors import InputError

        found = sorted(o.name for o in bpy.data.objects if o.type == "CAMERA")
        raise InputError(f"the set has no camera '{name}'; its cameras: {', '.join(found)}")
    return obj


def main(argv: list[str] | None = None) -> int:
    from ..cli import common

    parser = argparse.ArgumentParser(prog="python -m ai_sets_addon.farm.render_task")
    add_arguments(parser)
    args = parser.parse_args(argv)
    die_with_parent(args.parent)

    def run(parsed: argparse.Namespace) -> int:
        record = render_shot(parsed)
        print(f"rendered {parsed.out} ({record['timings_s']})")
        return 0

    return common.run_guarded(run, args)


if __name__ == "__main__":
    sys.exit(main())
