"""`ai-sets previs SET --shot NAME --move KIND --out DIR`: a previs camera move from a
shot's mark, rendered headless as a low-sample animatic (PNG sequence + MP4)."""

from __future__ import annotations

import argparse

from ..core import limits
from . import common

AIM_DISTANCE_M = 5.0          # what the move aims at when the shot has no focus distance


def add_parser(sub: argparse._SubParsersAction) -> None:
    from ..scout.moves import EASINGS, KINDS

    parser = sub.add_parser(
        "previs", help="render a camera move from a shot as an animatic (PNG + MP4)",
        formatter_class=common.HelpFormatter,
        description="Move the camera of a saved shot (or a scout camera) through the set "
                    "and render it low-sample with a burn-in (shot, lens, move, timecode): "
                    "DIR/SHOT/SHOT_####.png, DIR/SHOT/SHOT.mp4 (H.264, Blender's FFmpeg) "
                    "and DIR/SHOT/animatic.json. The path is kept clear of the set's "
                    "geometry (shortened, with a notice, if it would pass through it). "
                    "Rendered under the set's own sky; the set folder is never changed.")
    parser.add_argument("source", type=common.output_path, metavar="SET",
                        help="a set folder written by ai-sets build, or its set.blend")
    parser.add_argument("--out", required=True, type=common.output_path, metavar="DIR",
                        help="folder that receives one sub-folder per shot")
    parser.add_argument("--shot", metavar="NAME",
                        help="the shot (or scout camera) to start from (default: the first)")
    parser.add_argument("--move", required=True, choices=KINDS, help="the camera move")
    parser.add_argument("--distance", type=common.finite_float(-1000.0, 1000.0), default=1.0,
                        help="travel: metres (dolly, truck, pedestal, push_in) or degrees "
                             "(pan, tilt, orbit), -1000..1000 (default 1)")
    parser.add_argument("--speed", type=common.finite_float(-100.0, 100.0), default=None,
                        metavar="M_PER_S",
                        help="m/s or deg/s, -100..100; wins over --distance "
                             "(default: none)")
    parser.add_argument("--duration", type=common.finite_float(0.1, 120.0), default=3.0,
                        metavar="S", help="seconds, 0.1..120 (default 3)")
    parser.add_argument("--easing", choices=EASINGS, default="ease_in_out",
                        help="how the move starts and stops (default ease_in_out)")
    parser.add_argument("--fps", type=common.bounded_int(1, 120), default=24,
                        help="frames per second, 1..120 (default 24)")
    parser.add_argument("--shake", action="store_true",
                        help="add handheld shake on top of the move (default: off)")
    parser.add_argument("--intensity", type=common.finite_float(0.0, 10.0), default=1.0,
                        help="handheld shake scale, 0..10 (default 1)")
    parser.add_argument("--seed", type=common.seed, default=0,
                        help="same seed, same shake, 0..2147483647 (default 0)")
    parser.add_argument("--resolution", type=common.resolution, default=(480, 270),
                        metavar="WxH", help="the box each frame is fitted in, 16..16384 "
                                            "pixels per side (default 480x270)")
    parser.add_argument("--samples", type=common.samples, default=4,
                        help="Cycles samples per frame, denoised, "
                             f"{limits.SAMPLES.rules} (default 4)")
    parser.add_argument("--no-mp4", dest="mp4", action="store_false",
                        help="PNG frames only (default: frames and an MP4)")
    parser.add_argument("--wait", action="store_true",
                        help="if the set is being rebuilt, wait for that run to finish "
                             "instead of refusing (default: off)")
    common.add_camera_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..blender import session

    session.require_bpy("the previs command")
    from ..core import interrupts
    from ..blender.export_source import set_folder
    from ..core.errors import InputError
    from ..core.fileio import check_apart
    from ..setfile import reading
    from ..blender.storyboard import open_source

    interrupts.reinstall()
    if args.shot and "," in args.shot:
        raise InputError(f"--shot takes one shot name, got '{args.shot}'")
    folder = set_folder(args.source)
    check_apart([args.out], inputs=[args.source], set_folders=[folder])
    with reading(folder, args.wait):
        return _previs(args, open_source(args.source))


def _previs(args: argparse.Namespace, folder) -> int:
    from ..blender import session
    from ..scout import shots as shotdata
    from ..blender.animatic import render_animatic
    from ..blender.storyboard import shots_for
    from ..scout.moves import Move

    scene = session.current_scene()
    common.apply_camera_options(scene, args)
    shot = shotdata.select(shots_for(scene, folder), args.shot or "all")[0]
    move = Move(args.move, args.duration, args.distance, args.speed, args.easing, args.fps,
                args.seed, args.intensity, args.shake).check()
    aim = shot.focus_distance_m or AIM_DISTANCE_M
    target = tuple(p + d * aim for p, d in zip(shot.location, shot.forward()))
    package = {"body": shot.body, "lens_mm": shot.lens_mm, "squeeze": shot.squeeze,
               "frame_line": shot.frame_line, "focus_distance_m": shot.focus_distance_m,
               "t_stop": shot.t_stop, "zoom": shot.zoom}
    progress = common.Progress()
    progress(0.05, f"{shot.name}: {move.label()}, {move.frames} frames")
    result = render_animatic(scene, move, tuple(shot.location), target, args.out, shot.name,
                             package, args.resolution, args.samples, args.mp4)
    for notice in result.notices:
        print(f"notice: {notice}")
    where = result.mp4 or result.frames[0].parent
    progress(1.0, f"{len(result.frames)} frames: {where}")
    print(f"previs: {shot.name}, {result.move.label()}, {len(result.frames)} frames -> {where}")
    return common.EXIT_OK
