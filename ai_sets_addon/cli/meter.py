"""`ai-sets meter SET --camera NAME [--at X,Y,Z]`: a light meter on the set, as the
gaffer's: an incident reading (lux, EV100) at a point, a spot reading of what the
camera sees there, and the T-stop to set at the camera's ISO, shutter and ND."""

from __future__ import annotations

import argparse
import json
import math

from . import common


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "meter", help="incident and spot readings on a set, and the T-stop to set",
        formatter_class=common.HelpFormatter,
        description="Read the light at a point of a set (default: what the centre of the "
                    "camera's frame sees) as an incident meter (a flat white card facing "
                    "the camera, rendered alone) and a spot meter (the camera's own view "
                    "there), in lux, cd/m² and EV100, and say which T-stop lands it on "
                    "middle grey at the camera's ISO, shutter and ND (--iso, --shutter, "
                    "--nd; unset: the body's native ISO, 180°, no ND). Under the set's sky; "
                    "the set folder is never changed.")
    parser.add_argument("source", type=common.output_path, metavar="SET",
                        help="a set folder written by ai-sets build, or its set.blend")
    parser.add_argument("--camera", required=True, metavar="NAME",
                        help="a scout camera of the set, or a saved shot's name")
    parser.add_argument("--at", type=_point, default=None, metavar="X,Y,Z",
                        help="the point to read, in metres (default: what the frame's "
                             "centre sees)")
    parser.add_argument("--json", action="store_true",
                        help="print the reading as JSON (default: lines of text)")
    common.add_camera_options(parser)
    parser.set_defaults(func=run)


def _point(text: str) -> tuple[float, float, float]:
    try:
        values = tuple(float(v) for v in text.split(","))
    except ValueError:
        values = ()
    if len(values) != 3 or not all(math.isfinite(v) and abs(v) <= 1e6 for v in values):
        raise argparse.ArgumentTypeError(f"'{text}' is not a point: give X,Y,Z in metres, "
                                         "e.g. 1.5,-2,1.7")
    return values


def run(args: argparse.Namespace) -> int:
    from ..blender import session
    from ..blender.camera import meter_camera

    session.require_bpy("the meter command")
    from ..core import interrupts
    from ..blender.scene.render import meter_point
    from ..scout import exposure as ex
    from ..blender.storyboard import open_source

    interrupts.reinstall()
    folder = open_source(args.source)
    scene = session.current_scene()
    camera, body = meter_camera(scene, folder, args.camera)
    request = common.camera_request(args)
    settings = ex.Settings(
        iso=request.iso or _native_iso(body), shutter_angle_deg=request.shutter_angle_deg or 180.0,
        fps=request.fps, shutter_s=request.shutter_s or 0.0, t_stop=request.t_stop or 2.8,
        nd=request.nd or 0.0)
    point, irradiance, radiance = meter_point(scene, camera, args.at, folder.parent)
    reading = ex.reading(irradiance, settings, radiance)
    if args.json:
        print(json.dumps({"camera": args.camera, "point": [round(v, 4) for v in point],
                          **reading.to_dict()}, indent=2))
    else:
        print(f"meter at ({', '.join(f'{v:.2f}' for v in point)}) for camera '{args.camera}':")
        for line in reading.lines():
            print(f"  {line}")
    return common.EXIT_OK


def _native_iso(body: str) -> float:
    from ..scout.cameras import body as body_of

    return body_of(body).native_isos[0]
