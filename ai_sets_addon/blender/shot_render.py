"""One shot of a set folder, rendered in its own process:

    python -m ai_sets_addon.blender.shot_render --set DIR/<set>/set --camera CAM
           --out DIR/<set>/<shot>.png --resolution 64x36 --samples 2 --threads 1 --key K
    ... --saved-shot '{"name": "Hero low angle", ...}' --sky saved|set   (a saved shot)
    ... --stand-ins '[{"character": "ANNA", "x": 0.4, "y": -1.2, "z": 0, "facing_deg": 90}]'
                                         (a script scene's 1.75 m figures on their marks)

A saved shot (scouting's shot list, scout/shots.py) is recalled as the storyboard
recalls it: a camera with its package and transform exactly as saved
(`scout.blender.camera.place_shot`), its own sky for its hour unless `--sky set` (made
at the set's HDRI width in a scratch folder; the set folder is never changed),
practicals switched for that sun, metered, and its frame lines burned in. Its record
keeps the camera as rendered (matrix, lens, sensor, depth of field).

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
    from ..core import exits, limits

    parser.add_argument("--set", required=True, type=Path, dest="set_folder")
    aim = parser.add_mutually_exclusive_group(required=True)
    aim.add_argument("--camera", help="a scout camera of the set")
    aim.add_argument("--saved-shot", type=_shot_json, metavar="JSON",
                     help="a saved shot (the fields of a shots.json entry)")
    parser.add_argument("--sky", choices=("saved", "set"), default="saved",
                        help="a saved shot's sky: its own time of day, or the set's")
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--resolution", type=limits.resolution, default=(960, 540))
    parser.add_argument("--samples", type=limits.SAMPLES.argtype(), default=32)
    parser.add_argument("--threads", type=limits.COUNT.argtype(), default=1,
                        help="Cycles threads (one per core the worker owns)")
    parser.add_argument("--lens", type=limits.LENS_MM.argtype(), default=None)
    parser.add_argument("--exposure", type=_exposure_json, default=None, metavar="JSON",
                        help="the job's camera exposure (scout.exposure.Request fields)")
    parser.add_argument("--stand-ins", type=_stand_ins_json, default=(), metavar="JSON",
                        help="stand-in figures on marks: a list of {character, x, y, z, "
                             "facing_deg} (a script scene's, from the job file)")
    parser.add_argument("--key", default="", help="the batch task key, recorded beside")
    parser.add_argument("--parent", type=int, default=0,
                        help="exit if this process (the Dask worker) is gone")
    parser.add_argument("--work", type=Path, default=None,
                        help="the shot's scratch folder (sky, meter, the PNG and its record "
                             "before they are published; default: a hidden folder beside "
                             "--out), removed afterwards")


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


def _exposure_json(text: str):
    import json

    from ..scout.exposure import request_from_dict

    try:
        return request_from_dict(json.loads(text))
    except (ValueError, TypeError) as exc:
        raise argparse.ArgumentTypeError(f"not an exposure request's JSON ({exc})") from None


def _stand_ins_json(text: str):
    import json

    from ..scout.script.floor import Mark

    try:
        return tuple(Mark(**m) for m in json.loads(text))
    except (ValueError, TypeError) as exc:
        raise argparse.ArgumentTypeError(f"not a list of stand-in marks ({exc})") from None


def _shot_json(text: str):
    import json

    from ..scout.shots import shot_from_dict

    try:
        return shot_from_dict(json.loads(text))
    except (ValueError, TypeError, AttributeError) as exc:
        raise argparse.ArgumentTypeError(f"not a saved shot's JSON ({exc})") from None


WORK_PREFIX = ".work-"                   # DIR/<set>/.work-<shot>: one render's scratch


def work_folder(out: Path) -> Path:
    """A render's scratch folder beside its PNG: a resumed batch removes any a killed
    render left (farm/runner.py)."""
    return out.parent / f"{WORK_PREFIX}{out.stem}"


def render_shot(args: argparse.Namespace) -> dict:
    """Read the set folder, build it into an empty scene, aim, meter, render; the PNG
    and its record are published together from the work folder."""
    import shutil

    from ..core.fileio import ensure_writable_dir, mark_finished, mark_unfinished

    work = ensure_writable_dir(args.work or work_folder(args.out))
    mark_unfinished(work)
    try:
        return _render(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        mark_finished(work)


def _render(args: argparse.Namespace, work: Path) -> dict:
    from ..core.faults import checkpoint
    from ..core.fileio import publish_together, sha256_of, write_json
    from ..setfile import read_set

    start = time.perf_counter()
    doc = read_set(args.set_folder)           # a broken set fails before Blender starts
    checkpoint("scene")
    import bpy

    from ..core import interrupts
    from .pipeline import versions
    from .scene import render
    from .scene.builder import apply_to_scene

    interrupts.reinstall()                    # `import bpy` replaced the handlers
    bpy.ops.wm.read_factory_settings(use_empty=True)
    scene = bpy.context.scene
    apply_to_scene(doc, scene, meter=False, temp_dir=work)
    if args.exposure is not None:
        render.set_scene_request(scene, args.exposure)
    if args.saved_shot is None:
        scene.camera = _camera(bpy, args.camera)
        if args.lens:
            scene.camera.data.lens = args.lens
        sun, extra = doc.sky.sun_elevation_deg, {"camera": args.camera}
    else:
        sun, extra = _recall(bpy, scene, doc, args, work)
    if args.stand_ins:
        from .script import add_figures

        figures = add_figures(scene, list(args.stand_ins))
        extra["stand_ins"] = [{"name": f.name, "location": [round(v, 4) for v in f.location],
                               "height_m": round(f.dimensions.z, 4)} for f in figures]
    scene.render.threads_mode = "FIXED"
    scene.render.threads = args.threads
    built = time.perf_counter()
    shot_request = None if args.saved_shot is None else args.saved_shot.exposure_request()
    exposure = render.meter_exposure(scene, sun, doc.plan.exposure_bias_ev, work, shot_request)
    checkpoint("render")
    png = work / args.out.name
    render.render_still(scene, png, args.resolution, args.samples)
    if args.saved_shot is not None and args.saved_shot.frame_line:
        from .camera import burn_frame_lines

        burn_frame_lines(png, args.saved_shot.frame_line)
    done = time.perf_counter()
    record = {"key": args.key, **extra, "lens_mm": scene.camera.data.lens,
              "resolution": list(args.resolution), "samples": args.samples,
              "threads": args.threads, "exposure_ev": exposure,
              "render": render.render_block(scene),
              "false_colour": args.out.stem + "_falsecolour.png",
              "file": args.out.name, "sha256": sha256_of(png),
              "bytes": png.stat().st_size,
              "timings_s": {"scene": round(built - start, 3),
                            "render": round(done - built, 3)},
              "versions": versions()}
    side = write_json(work / args.out.with_suffix(".json").name, record)
    publish_together([(png, args.out), (side, args.out.with_suffix(".json"))], work)
    return record


def _recall(bpy, scene, doc, args: argparse.Namespace, scratch: Path) -> tuple[float, dict]:
    """A saved shot as scouting recalls it: camera package and transform, the sky of
    its hour (unless --sky set), practicals for that sun. Returns (sun elevation for
    the meter, what the record keeps)."""
    from dataclasses import asdict

    from .scene.builder import replace_sky
    from ..scout import daylight
    from .camera import place_shot
    from .daylight import switch_practicals

    shot = args.saved_shot
    cam = bpy.data.objects.new(SAVED_CAMERA, bpy.data.cameras.new(SAVED_CAMERA))
    cam.data.clip_start, cam.data.clip_end = 0.05, 5000.0      # as the storyboard's
    scene.collection.objects.link(cam)
    scene.camera = cam
    place_shot(cam, shot, None, args.lens)
    sky, source = doc.sky, "set"
    if args.sky == "saved" and shot.sky:
        source = "saved"
        request = shot.sky_request()
        if asdict(request) != asdict(doc.plan.sky):
            width = int(doc.options.get("hdri_width") or 2048)
            sky = daylight.shot_sky(request, width, scratch / "sky.exr")
            replace_sky(scene, sky, meter=False)
    sun = daylight.sun_elevation(sky)
    practicals = switch_practicals(scene, sun)
    bpy.context.view_layer.update()
    data = cam.data
    return sun, {
        "camera": cam.name, "shot": shot.name, "sky": source,
        "sun_elevation_deg": round(sun, 4), "practicals_on": practicals,
        "camera_data": {
            "matrix_world": [list(row) for row in cam.matrix_world],
            "lens_mm": data.lens, "sensor_fit": data.sensor_fit,
            "sensor_width_mm": data.sensor_width, "sensor_height_mm": data.sensor_height,
            "squeeze": shot.squeeze, "frame_line": shot.frame_line,
            "dof": data.dof.use_dof, "focus_distance_m": data.dof.focus_distance,
            "f_stop": data.dof.aperture_fstop, "aperture_ratio": data.dof.aperture_ratio}}


SAVED_CAMERA = "AI Sets Batch Shot"


def _camera(bpy, name: str):
    obj = bpy.data.objects.get(name)
    if obj is None or obj.type != "CAMERA":
        from ..core.errors import InputError

        found = sorted(o.name for o in bpy.data.objects if o.type == "CAMERA")
        raise InputError(f"the set has no camera '{name}'; its cameras: {', '.join(found)}")
    return obj


def main(argv: list[str] | None = None) -> int:
    from ..core import exits

    parser = argparse.ArgumentParser(prog="python -m ai_sets_addon.blender.shot_render")
    add_arguments(parser)
    args = parser.parse_args(argv)
    die_with_parent(args.parent)
    if argv is None:
        from ..core.interrupts import install_with_cleanup

        install_with_cleanup()                       # SIGTERM: the work folder goes too

    def run(parsed: argparse.Namespace) -> int:
        record = render_shot(parsed)
        print(f"rendered {parsed.out} ({record['timings_s']})")
        return 0

    return exits.run_guarded(run, args)


if __name__ == "__main__":
    sys.exit(main())
