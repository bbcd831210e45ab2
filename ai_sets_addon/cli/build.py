"""`ai-sets build "PROMPT" --out DIR`: a whole set, saved, optionally rendered."""

from __future__ import annotations

import argparse
import sys

from . import common


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("build", help="build a set from a prompt into DIR",
                            description="Build a lit, textured set and write set.blend, "
                                        "sky.exr, textures/, manifest.json (and preview.png).")
    parser.add_argument("prompt", help='what to build, e.g. "a concrete room at noon"')
    parser.add_argument("--out", required=True, type=common.output_path, metavar="DIR")
    parser.add_argument("--seed", type=int, default=0, help="same seed, same set (default 0)")
    parser.add_argument("--render", action="store_true", help="also render preview.png")
    parser.add_argument("--samples", type=common.positive_int, default=32,
                        help="Cycles samples (denoised; default 32)")
    parser.add_argument("--resolution", type=common.resolution, default=(960, 540),
                        metavar="WxH", help="preview size (default 960x540)")
    parser.add_argument("--texture-size", type=common.positive_int, default=1024)
    parser.add_argument("--hdri-width", type=common.positive_int, default=2048)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..generation.pipeline import BuildOptions
    from ..pipeline import BuildRequest, build

    _require_bpy()
    request = BuildRequest(
        prompt=args.prompt, seed=args.seed, out_dir=args.out,
        options=BuildOptions(texture_size=args.texture_size, hdri_width=args.hdri_width),
        render=args.render, samples=args.samples, resolution=args.resolution)
    _fresh_scene()
    result = build(request, progress=common.Progress())
    for notice in result.prepared.spec.notices + result.prepared.plan.notices:
        print(f"notice: {notice}", file=sys.stderr)
    timings = ", ".join(f"{k} {v:.2f}s" for k, v in result.timings.items())
    print(f"built '{result.prepared.plan.name}' in {args.out} ({timings})")
    return common.EXIT_OK


def _require_bpy() -> None:
    from ..generation.errors import InputError

    try:
        import bpy  # noqa: F401
    except ImportError:
        raise InputError("the build command needs Blender: install the bpy module "
                         "(pip install 'ai-sets[blender]') or run inside blender -b") from None


def _fresh_scene() -> None:
    """Empty the startup scene so a headless build holds only the set. Data is removed
    rather than factory settings read, which would disable an installed extension
    when this runs inside `blender -b`."""
    import bpy

    if not bpy.app.background or bpy.data.filepath:
        return
    kinds = ("objects", "collections", "meshes", "materials", "lights", "cameras", "worlds",
             "images", "node_groups")
    bpy.data.batch_remove([block for kind in kinds for block in getattr(bpy.data, kind)])
