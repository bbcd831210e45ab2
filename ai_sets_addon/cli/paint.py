"""`ai-sets paint SET --model PATH`: paint a set from its cameras with a local depth
ControlNet / T2I-Adapter model, baked into the parts' atlases (`SET/paint/`).

Headless, the model runs in this process (the Blender operator uses the worker).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core import limits
from . import _ai_options, common

SCENE_FILE = "paint_scene.npz"    # a paint scene saved in SET (e.g. by --demo)
DEFAULT_VIEW = {"sd15-controlnet": (768, 512), "sdxl-controlnet": (1152, 768),
                "sdxl-t2i-adapter": (1152, 768)}


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "paint", help="paint a set from its cameras with a local diffusion model",
        formatter_class=common.HelpFormatter,
        description="Depth-guided painting: each camera's depth conditions the model, "
                    "views agree where they overlap, and the result is baked into every "
                    "part's atlas as base colour + coverage mask in SET/paint/. Loads only "
                    "local weights (safetensors) unless told otherwise.")
    parser.add_argument("set", type=common.output_path, metavar="SET", help="the set folder")
    _ai_options.add_model_arguments(parser, generation=False)
    parser.add_argument("--prompt", help="what to paint (default: the set's own prompt)")
    parser.add_argument("--negative", default="", help="what to avoid (default: nothing)")
    parser.add_argument("--cameras", help="comma-separated camera names, in painting order "
                                          "(default: all)")
    parser.add_argument("--steps", type=limits.AI_STEPS.argtype(), default=30,
                        help="denoising steps per view, 1..200 (default: %(default)s)")
    parser.add_argument("--guidance", type=limits.AI_GUIDANCE.argtype(), default=7.5,
                        help="classifier-free guidance: how closely the prompt is "
                             "followed, 0..50 (default: %(default)s)")
    parser.add_argument("--control-scale", type=common.finite_float(0.0, 4.0), default=1.0,
                        help="how strongly the depth ControlNet/adapter holds the "
                             "painting to the set's shapes, 0..4 (default: %(default)s)")
    parser.add_argument("--seed", type=common.seed, default=0,
                        help="same seed, same painting, 0..2147483647 (default: %(default)s)")
    parser.add_argument("--density", type=limits.TEXEL_DENSITY.argtype(), metavar="PX_PER_M",
                        help=f"texel density of the painted atlases, {limits.TEXEL_DENSITY.rules} "
                             "(default: the set's)")
    parser.add_argument("--resolution", type=common.resolution, default=None,
                        metavar="WxH",
                        help="size of each painted view, multiples of 8, 16..16384 per side "
                             "(default: 768x512 "
                             "for SD 1.5, 1152x768 for SDXL: the sizes they were trained near)")
    parser.add_argument("--scene", type=common.output_path, metavar="NPZ",
                        help=f"paint scene file (default: SET/{SCENE_FILE} if present, "
                             "else SET/set.json)")
    parser.add_argument("--demo", action="store_true",
                        help=f"write a small demo set (boxes, 4 cameras) to SET/{SCENE_FILE} "
                             "and paint it (default: off)")
    parser.add_argument("--painter", choices=("diffusers", "test"), default="diffusers",
                        help=argparse.SUPPRESS)
    parser.add_argument("--wait", action="store_true",
                        help="if the set is being rebuilt, wait for that run to finish "
                             "instead of refusing (default: off)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..core.errors import InputError
    from ..ai.paint import PaintOptions
    from ..ai.paint.job import run_paint

    if args.resolution and (args.resolution[0] % 8 or args.resolution[1] % 8):
        raise InputError(f"--resolution {args.resolution[0]}x{args.resolution[1]}: both "
                         "sides must be multiples of 8")
    from ..setfile import reading
    from ..setfile.folder import identity

    with reading(Path(args.set), args.wait):     # a set being rebuilt: wait or refuse
        scene, albedo = load_scene(args)
        read = identity(Path(args.set))
    if args.density:
        scene = scene.with_density(args.density)
    prompt = args.prompt or scene.prompt
    if not prompt or not prompt.strip():
        raise InputError("nothing to paint: give --prompt (the set has no prompt of its own)")
    cameras = [c.strip() for c in args.cameras.split(",") if c.strip()] if args.cameras else None
    for name in cameras or []:
        scene.camera(name)                     # unknown names fail before loading a model
    options = PaintOptions(prompt=prompt, negative_prompt=args.negative, seed=args.seed,
                           steps=args.steps, guidance=args.guidance,
                           control_scale=args.control_scale, cameras=cameras,
                           albedo_reference=albedo)
    progress = common.Progress()
    painter, meta = make_painter(args, progress)
    scene.resolution = args.resolution or DEFAULT_VIEW.get(meta.get("family", ""), (768, 512))
    path = run_paint(args.set, scene, painter, options, meta, progress, expect=read)
    _summary(path)
    return common.EXIT_OK


def load_scene(args: argparse.Namespace):
    """(scene, albedo reference per part) from --scene, SET/paint_scene.npz or set.json."""
    from ..ai.paint.arrays import paint_input, save_scene

    folder = Path(args.set)
    if args.demo:
        from ..ai.paint.testset import demo_scene

        save_scene(demo_scene(density_px_per_m=args.density or 64.0, cameras=4),
                   folder / SCENE_FILE)
    scene_file = args.scene or (folder / SCENE_FILE if (folder / SCENE_FILE).is_file()
                                else None)
    return paint_input(folder, scene_file, args.resolution or (768, 512))


def make_painter(args: argparse.Namespace, progress):
    from ..core.errors import InputError

    if args.painter == "test":
        from ..ai.paint import TestPainter

        return TestPainter(), {"painter": "test"}
    if not args.model:
        raise InputError("--model is required: a diffusers folder, a .safetensors "
                         "checkpoint or a cached Hugging Face id (see `ai-sets models`)")
    from ..ai import ModelRequest, load_pipeline
    from ..ai.painter import DiffusersPainter

    request = ModelRequest(model=args.model, controlnet=args.controlnet, config=args.config,
                           allow_pickle=args.allow_pickle, allow_downloads=args.allow_downloads,
                           device=args.device, precision=args.precision, offload=args.offload)
    progress(0.0, f"loading {args.model}")
    model = load_pipeline(request)
    progress(0.02, f"loaded {model.family} on {model.device} ({model.dtype})")
    return DiffusersPainter(model), model.describe()


def _summary(path: Path) -> None:
    from ..ai.paint.output import read_paint

    data = read_paint(path.parent.parent)
    print(f"{path}: {len(data['cameras'])} view(s) painted")
    for name in data["unpainted_parts"]:
        print(f"  {name}: not painted (its material is light or see-through)")
    for name, part in data["parts"].items():
        print(f"  {name}: {part['paint_png']} coverage {part['coverage']:.0%} "
              f"({part['unseen_texels']} texels unseen, procedural there)")
