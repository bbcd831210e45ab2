"""`ai-sets storyboard SET --out DIR`: every shot of a set rendered and laid out on
contact sheets (PNG pages and one PDF), headless."""

from __future__ import annotations

import argparse

from . import common


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "storyboard", help="render a set's shots onto contact sheets (PNG + PDF)",
        description="Render every saved shot of a set (shots.json; the set's scout cameras "
                    "when none was saved) with its body, lens, frame lines and time of day, "
                    "and lay them out on A4 contact sheets: DIR/storyboard_NN.png, "
                    "DIR/storyboard.pdf, DIR/frames/ and DIR/storyboard.json. The set "
                    "folder is never changed. A CPU render per shot: keep sizes modest.",
        formatter_class=common.HelpFormatter)
    parser.add_argument("source", type=common.output_path, metavar="SET",
                        help="a set folder written by ai-sets build, or its set.blend")
    parser.add_argument("--out", required=True, type=common.output_path, metavar="DIR",
                        help="folder for the sheets, the PDF and the frames")
    parser.add_argument("--shots", default="all", metavar="all|NAMES",
                        help="'all', or shot names separated by commas, in storyboard order "
                             "(default: all)")
    parser.add_argument("--resolution", type=common.resolution, default=(960, 540),
                        metavar="WxH", help="the box each frame is fitted in (its aspect "
                                            "kept), 16..16384 pixels per side "
                                            "(default: 960x540)")
    parser.add_argument("--samples", type=common.samples, default=16,
                        help="Cycles samples per frame (denoised), "
                             f"1..{common.CYCLES_MAX_SAMPLES} (default: %(default)s)")
    parser.add_argument("--wait", action="store_true",
                        help="if the set is being rebuilt, wait for that run to finish "
                             "instead of refusing (default: off)")
    common.add_camera_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..blender import session

    session.require_bpy("the storyboard command")
    from ..core import interrupts
    from ..blender.storyboard import storyboard_from_source

    interrupts.reinstall()
    board = storyboard_from_source(args.source, args.out, args.shots, args.resolution,
                                   args.samples, common.Progress(), wait=args.wait,
                                   prepare=lambda scene: common.apply_camera_options(scene, args))
    print(f"storyboard: {len(board.frames)} shots on {len(board.pages)} page(s): "
          f"{board.pdf} and {', '.join(p.name for p in board.pages)}")
    return common.EXIT_OK
