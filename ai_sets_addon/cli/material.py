"""`ai-sets material "PROMPT" --size N --out DIR [--seed N] [--preview]`.

Makes the tileable PBR maps for every material the prompt names (one per surface
role: "old red brick walls, wet cobblestone ground" gives walls and floor), with a
JSON sidecar each; --preview also renders each on a lit floor-and-wall corner.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import common


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("material", help="make tileable PBR texture maps from words",
                            description="Write base colour, normal, roughness, height, AO "
                                        "(and metallic) maps at real-world scale.")
    parser.add_argument("prompt", help='material words, e.g. "old red brick, wet"')
    parser.add_argument("--size", type=int, default=1024,
                        help="pixels per side, a power of two 64..8192 (default 1024)")
    parser.add_argument("--out", required=True, type=common.output_path, metavar="DIR")
    parser.add_argument("--seed", type=int, default=0, help="same seed, same maps (default 0)")
    parser.add_argument("--preview", action="store_true",
                        help="also render KEY_preview.png (needs bpy, Cycles CPU)")
    parser.add_argument("--samples", type=common.positive_int, default=32,
                        help="preview samples (default 32)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..generation.materials import ProceduralMaterials, check_size

    check_size(args.size)
    requests = requests_from_prompt(args.prompt, args.seed)
    backend = ProceduralMaterials()
    progress = common.Progress()
    for i, request in enumerate(requests):
        progress(i / len(requests), f"{request.key}: {request.family}")
        tex = backend.make_material(request, args.size, Path(args.out))
        for notice in tex.params.get("notices", []):
            print(f"notice: {notice}", file=sys.stderr)
        if args.preview:
            _preview(tex, Path(args.out), args.samples)
    progress(1.0, f"{len(requests)} material(s) written to {args.out}")
    return common.EXIT_OK


def requests_from_prompt(text: str, seed: int) -> list:
    """One MaterialRequest per surface role that names a material family."""
    from ..generation.errors import InputError
    from ..generation.plan import MaterialRequest
    from ..generation.prompt import parse_prompt

    spec = parse_prompt(text, seed)
    global_mods = list(getattr(spec, "modifiers", []))
    surfaces = [s for s in spec.surfaces.values() if s.family]
    if not surfaces:
        raise InputError(f"no material named in '{text}'; name one, e.g. 'old red brick', "
                         "'wet cobblestone' or 'béton ciré'")
    lone_colour = spec.colours[0] if len(surfaces) == 1 and spec.colours else None
    requests = []
    for surface in surfaces:
        mods = list(dict.fromkeys(list(surface.modifiers) + global_mods))
        requests.append(MaterialRequest(key=surface.role, family=surface.family,
                                        modifiers=mods,
                                        colour=surface.colour or lone_colour, seed=spec.seed))
    return requests


def _preview(tex, out_dir: Path, samples: int) -> Path:
    from ..generation.errors import InputError

    try:
        import bpy
    except ImportError:
        raise InputError("--preview needs Blender's Python module: pip install bpy==5.0.1, "
                         "or leave --preview out") from None
    from ..scene.materials import render_preview

    if bpy.context.scene is None or not bpy.data.scenes:
        bpy.ops.wm.read_factory_settings(use_empty=True)
    return render_preview(tex, out_dir / f"{tex.key}_preview.png", samples=samples,
                          label=f"{tex.family}")
