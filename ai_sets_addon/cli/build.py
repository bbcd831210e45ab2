"""`ai-sets build "PROMPT" --out DIR`: the set folder, the scene built from it, saved
as set.blend, optionally rendered; the previous set in DIR stays whole until the end."""

from __future__ import annotations

import argparse
import sys

from ..core import limits
from . import _ai_options as ai_options
from . import common


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "build", help="build a set from a prompt into DIR",
        description="Build a lit, textured set: write the set folder (set.json, meshes/, "
                    "textures/, sky.exr, manifest.json), set.blend and, with --render, "
                    "preview.png. A CPU preview render takes minutes at the default size.",
        formatter_class=common.HelpFormatter)
    parser.add_argument("prompt", help='what to build, e.g. "a concrete room at noon"')
    parser.add_argument("--out", required=True, type=common.output_path, metavar="DIR",
                        help="the set folder (created, or replaced when the build is done)")
    parser.add_argument("--seed", type=common.seed, default=0,
                        help=limits.SEED.help("same seed, same set", 0))
    parser.add_argument("--render", action="store_true",
                        help="also render preview.png (default: off)")
    parser.add_argument("--samples", type=common.samples, default=32,
                        help=limits.SAMPLES.help("Cycles samples of the preview (denoised)", 32))
    parser.add_argument("--resolution", type=common.resolution, default=(960, 540),
                        metavar="WxH", help=f"preview size, {limits.IMAGE_SIDE.rules} per side "
                                            "(default: 960x540)")
    parser.add_argument("--texture-size", type=limits.TEXTURE_SIZE.argtype(), default=1024,
                        metavar="PX", help=limits.TEXTURE_SIZE.help("material maps, pixels per side", 1024))
    parser.add_argument("--hdri-width", type=limits.HDRI_WIDTH.argtype(), default=2048,
                        metavar="PX", help=limits.HDRI_WIDTH.help("sky width (height is half)", 2048))
    parser.add_argument("--texel-density", default=32.0, metavar="PX_PER_M",
                        type=limits.TEXEL_DENSITY.argtype(),
                        help=limits.TEXEL_DENSITY.help("atlas pixels per metre for painting and baking", 32.0))
    parser.add_argument("--wait", action="store_true",
                        help="wait for another build writing DIR instead of refusing "
                             "(default: off)")
    common.add_camera_options(parser)
    ai = parser.add_argument_group(
        "AI painting", "paint the set from its cameras before the scene is built "
                       "(options as in `ai-sets paint`)")
    ai.add_argument("--paint", action="store_true",
                    help="paint with a local model (default: off)")
    ai.add_argument("--model", help="base model: diffusers folder, .safetensors or cached id "
                                    "(for --paint and the diffusers backends; default: none)")
    ai.add_argument("--controlnet", help="depth ControlNet or T2I-Adapter (for --paint; "
                                         "default: none)")
    ai.add_argument("--paint-option", action="append", default=[], metavar="OPT",
                    help="any other `ai-sets paint` option, e.g. --paint-option=--steps=20; "
                         "repeat it for several (default: none)")
    backends = parser.add_argument_group(
        "AI materials and sky", "make the set's materials and/or sky with --model (loaded "
                                "once per build) instead of the procedural backends")
    backends.add_argument("--material-backend", choices=ai_options.BACKENDS,
                          default="procedural", help="how the material maps are made")
    backends.add_argument("--sky-backend", choices=ai_options.BACKENDS, default="procedural",
                          help="how the sky is made (diffusers: an AI panorama lifted to "
                               "HDR; the Sun lamp takes the lifted sun)")
    ai_options.add_model_arguments(backends, prefix="ai-", model=False)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..generation.prepare import BuildOptions
    from ..blender.pipeline import BuildRequest, build
    from ..blender import session
    from ..core import interrupts

    session.require_bpy("the build command")
    interrupts.reinstall()                   # importing Blender may replace handlers
    request = BuildRequest(
        prompt=args.prompt, seed=args.seed, out_dir=args.out,
        options=BuildOptions(texture_size=args.texture_size, hdri_width=args.hdri_width,
                             texel_density=args.texel_density,
                             material_backend=args.material_backend,
                             sky_backend=args.sky_backend, ai=_ai(args)),
        render=args.render, samples=args.samples, resolution=args.resolution,
        wait=args.wait)
    session.fresh_scene()
    common.apply_camera_options(session.current_scene(), args)
    result = build(request, progress=common.Progress(), before_scene=_painting(args))
    for notice in result.notices:
        print(f"notice: {notice}", file=sys.stderr)
    total = sum(result.timings.values())
    plan = result.doc.plan
    print(f"built '{plan.name}' ({plan.archetype}, {len(plan.parts)} parts, "
          f"{len(plan.cameras)} cameras) in {total:.1f} s; exposure "
          f"{result.exposure:+.2f} EV ({_camera_line()}); sun {result.doc.sky.sun_elevation_deg:.1f}° up; "
          f"folder {result.folder}")
    return common.EXIT_OK


def _camera_line() -> str:
    from ..blender import session
    from ..blender.scene.render import render_block

    block = render_block(session.current_scene())
    if not block:
        return "metered"
    balance = block["white_balance"]
    return f"{block['label']}, {balance['kelvin']:.0f} K"


def _ai(args: argparse.Namespace):
    """The model settings when a diffusers backend is chosen (checked by BuildOptions)."""
    if "diffusers" not in (args.material_backend, args.sky_backend):
        return None
    return ai_options.ai_settings(args, prefix="ai-")


def _painting(args: argparse.Namespace):
    """--paint: `ai-sets paint` on the staged set folder, its options checked by the paint
    command's own parser before any work starts."""
    from ..core.errors import InputError

    if not args.paint:
        if args.paint_option:
            raise InputError("--paint-option needs --paint")
        if (args.model or args.controlnet) and _ai(args) is None:
            raise InputError("--model and --controlnet need --paint, --material-backend "
                             "diffusers or --sky-backend diffusers")
        return None
    from . import make_parser

    extra = [a for a in (["--model", args.model] if args.model else [])
             + (["--controlnet", args.controlnet] if args.controlnet else [])]
    try:
        template = make_parser().parse_args(["paint", "SET", *extra, *args.paint_option])
    except SystemExit:
        raise InputError("a --paint-option was not understood (see `ai-sets paint --help`)") \
            from None
    if template.painter != "test" and not template.model:
        raise InputError("--paint needs --model (see `ai-sets models`)")

    def paint(folder) -> None:
        template.set = folder
        template.func(template)

    return paint
