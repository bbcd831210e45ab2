"""`ai-sets script SCRIPT --out DIR`: a screenplay's scenes become sets, shot lists,
overhead plots, a storyboard, a timeline and a batch job file."""

from __future__ import annotations

import argparse

from ..core import limits
from . import common


def add_parser(sub: argparse._SubParsersAction) -> None:
    from ..scout.cameras import BODIES

    parser = sub.add_parser(
        "script", help="turn a screenplay (.fountain, .fdx) into sets, shots and a storyboard",
        description="Read a screenplay (Fountain or Final Draft .fdx, EN or FR headings), "
                    "build one set per location, cover each scene (establishing, master, "
                    "over-the-shoulders and singles, inserts) with cameras and 1.75 m "
                    "stand-ins on the set's floor, and write DIR/storyboard.pdf (+ PNG "
                    "pages), DIR/plots/NN_overhead.png, DIR/shots.csv, DIR/timeline.otio "
                    "and DIR/jobs.toml (for ai-sets batch). A re-run rebuilds only what "
                    "changed. A CPU render per shot: keep sizes modest.",
        formatter_class=common.HelpFormatter)
    parser.add_argument("script", type=common.output_path, metavar="SCRIPT",
                        help="the screenplay: .fountain (plain text) or .fdx (Final Draft)")
    parser.add_argument("--out", type=common.output_path, metavar="DIR",
                        help="output folder (created, or replaced whole when the run is "
                             "done); needed unless --dry-run")
    parser.add_argument("--dry-run", action="store_true",
                        help="print the scenes, sets and shots; build and write nothing "
                             "(default: off)")
    parser.add_argument("--seed", type=common.seed, default=0,
                        help="the sets' seed, 0..2147483647 (default: %(default)s)")
    parser.add_argument("--body", choices=sorted(BODIES), default="alexa35",
                        help="the camera body every shot uses")
    parser.add_argument("--resolution", type=common.resolution, default=(960, 540),
                        metavar="WxH", help="the box each storyboard frame is fitted in, "
                                            "16..16384 pixels per side (default: 960x540)")
    parser.add_argument("--samples", type=common.samples, default=16,
                        help="Cycles samples per frame (denoised), "
                             f"1..{common.CYCLES_MAX_SAMPLES} (default: %(default)s)")
    parser.add_argument("--texture-size", type=limits.TEXTURE_SIZE.argtype(), default=1024,
                        metavar="PX", help=limits.TEXTURE_SIZE.help("the sets' material maps",
                                                                    1024))
    parser.add_argument("--hdri-width", type=limits.HDRI_WIDTH.argtype(), default=2048,
                        metavar="PX", help=limits.HDRI_WIDTH.help("the sets' sky width", 2048))
    parser.add_argument("--job-resolution", type=common.resolution, default=(1920, 1080),
                        metavar="WxH", help="the farm renders' size in jobs.toml "
                                            "(default: 1920x1080)")
    parser.add_argument("--job-samples", type=common.samples, default=128,
                        help="the farm renders' samples in jobs.toml, "
                             f"1..{common.CYCLES_MAX_SAMPLES} (default: %(default)s)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..core.errors import InputError
    from ..generation.prepare import BuildOptions
    from ..farm import jobfile
    from ..scout.script.project import ScriptOptions, ScriptProject, dry_run_table

    options = ScriptOptions(seed=args.seed, body=args.body, resolution=args.resolution,
                            samples=args.samples, texture_size=args.texture_size,
                            hdri_width=args.hdri_width, job_resolution=args.job_resolution,
                            job_samples=args.job_samples, check_jobs=jobfile.load)
    BuildOptions(texture_size=args.texture_size, hdri_width=args.hdri_width).validate()
    project = ScriptProject.read(args.script)          # bad scripts stop here: exit 2
    if args.dry_run:
        print(dry_run_table(project, options))
        return common.EXIT_OK
    if args.out is None:
        raise InputError("--out DIR is needed (or --dry-run to only print the shot table)")
    from ..blender import session

    session.require_bpy("the script command")
    from ..core import interrupts
    from ..blender.script import run_script

    interrupts.reinstall()
    result = run_script(project, args.out, options, common.Progress())
    print(f"script: {result.scenes} scene(s), {result.shots} shot(s) in {result.out_dir}; "
          f"sets built {len(result.built)}, kept {len(result.reused)}; scenes rendered "
          f"{len(result.rendered)}, kept {len(result.kept)}")
    return common.EXIT_OK
