"""`ai-sets material "PROMPT" --size N --out DIR [--seed N] [--preview]`.

Makes the tileable PBR maps for every material the prompt names ("old red brick
walls, wet cobblestone ground" gives two), named after the material
(mossy_red_brick_base_color.png ...), with a JSON sidecar each; --preview also renders
each on a lit floor-and-wall corner, 1024 px wide by default so it can be judged.

`--backend diffusers --model PATH` paints one seamless colour tile from the whole prompt
with a local diffusion model (words the procedural families cannot describe: "hand-
painted azulejo tiles") and derives the same map set and sidecar; the tile covers the
named family's trade size (1 m when no family is named).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core import limits
from . import _ai_options as ai_options
from . import common


PREVIEW_WIDTH = 1024          # wide enough to judge grain, joints and scale


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("material", help="make tileable PBR texture maps from words",
                            formatter_class=common.HelpFormatter,
                            description="Write base colour, normal, roughness, height, AO "
                                        "(and metallic) maps at real-world scale, named "
                                        "after the material (e.g. mossy_red_brick_normal.png).")
    parser.add_argument("prompt", help='material words, e.g. "old red brick, wet"')
    parser.add_argument("--size", type=limits.TEXTURE_SIZE.argtype(), default=1024,
                        help=limits.TEXTURE_SIZE.help("pixels per side", 1024))
    parser.add_argument("--out", required=True, type=common.output_path, metavar="DIR",
                        help="folder for the maps and their JSON sidecars")
    parser.add_argument("--seed", type=common.seed, default=0,
                        help="same seed, same maps, 0..2147483647 (default 0)")
    parser.add_argument("--preview", action="store_true",
                        help="also render NAME_preview.png on a lit floor-and-wall corner "
                             "(needs bpy, Cycles CPU; default: off)")
    parser.add_argument("--preview-width", type=limits.PREVIEW_WIDTH.argtype(),
                        default=PREVIEW_WIDTH, metavar="PX",
                        help=limits.PREVIEW_WIDTH.help("preview width, height 3/4 of it",
                                                       PREVIEW_WIDTH))
    parser.add_argument("--samples", type=common.samples, default=32,
                        help=limits.SAMPLES.help("preview samples", 32))
    parser.add_argument("--backend", choices=ai_options.BACKENDS, default="procedural",
                        help="procedural (numpy, one material per surface named) or "
                             "diffusers (one seamless AI material from the whole prompt, "
                             "needs --model)")
    ai = parser.add_argument_group("diffusers backend", "the model: a plain SD 1.5 / SDXL "
                                   "text-to-image (no depth model needed; options as in "
                                   "`ai-sets paint`)")
    ai_options.add_model_arguments(ai)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..generation.materials import ProceduralMaterials, check_size

    check_size(args.size)
    progress = common.Progress()
    if args.preview:
        from ..blender import session

        session.require_bpy("--preview", "pip install bpy==5.0.1, or leave --preview out")
    if args.backend == "diffusers":
        requests, backend = _diffusers(args, progress)
    else:
        requests, backend = requests_from_prompt(args.prompt, args.seed), ProceduralMaterials()
    for i, request in enumerate(requests):
        progress(i / len(requests), f"{request.key}: {request.family}")
        tex = backend.make_material(request, args.size, Path(args.out))
        for notice in tex.params.get("notices", []):
            print(f"notice: {notice}", file=sys.stderr)
        if args.preview:
            width = args.preview_width
            _preview(tex, Path(args.out), args.samples, (width, width * 3 // 4))
    progress(1.0, f"{len(requests)} material(s) written to {args.out}: "
                  + ", ".join(r.key for r in requests))
    return common.EXIT_OK


def _diffusers(args: argparse.Namespace, progress) -> tuple[list, object]:
    """One request for the whole prompt (what the model reads), at the tile size of the
    first family the words name; the model is loaded (or refused) before any file."""
    from ..ai.backends import DiffusersMaterials
    from ..core.errors import InputError
    from ..model.plan import MaterialRequest

    if not args.prompt or not args.prompt.strip():
        raise InputError('the prompt is empty: describe the material, e.g. "hand-painted '
                         'azulejo tiles"')
    try:
        named = requests_from_prompt(args.prompt, args.seed)
    except InputError:
        named = []                                   # no family: a 1 m tile
    if len(named) > 1:
        print(f"notice: several materials named; one AI material is made from the whole "
              f"prompt, tiled at the size of '{named[0].family}'", file=sys.stderr)
    key = material_name(args.prompt, [], "material", set())
    request = MaterialRequest(key=key, family=named[0].family if named else "",
                              modifiers=list(named[0].modifiers) if named else [],
                              colour=named[0].colour if named else None, seed=args.seed)
    model = ai_options.shared_model(args, progress)
    return [request], DiffusersMaterials(model, prompts={key: args.prompt.strip()})


def requests_from_prompt(text: str, seed: int) -> list:
    """One MaterialRequest per surface role that names a material family."""
    from ..core.errors import InputError
    from ..model.plan import MaterialRequest
    from ..generation.prompt import parse_prompt

    spec = parse_prompt(text, seed)
    global_mods = list(getattr(spec, "modifiers", []))
    surfaces = [s for s in spec.surfaces.values() if s.family]
    if not surfaces:
        raise InputError(f"no material named in '{text}'; name one, e.g. 'old red brick', "
                         "'wet cobblestone' or 'béton ciré'")
    lone_colour = spec.colours[0] if len(surfaces) == 1 and spec.colours else None
    requests, used = [], set()
    for surface in surfaces:
        mods = list(dict.fromkeys(list(surface.modifiers) + global_mods))
        colour = surface.colour or lone_colour
        name = material_name(text if len(surfaces) == 1 else "",
                             [*mods, colour or "", surface.family], surface.role, used)
        requests.append(MaterialRequest(key=name, family=surface.family, modifiers=mods,
                                        colour=colour, seed=spec.seed))
    return requests


STOP_WORDS = {"a", "an", "the", "some", "of", "with", "and", "un", "une", "le", "la", "les",
              "des", "du", "de", "d", "l", "avec", "et", "en"}


def material_name(prompt: str, words: list[str], role: str, used: set[str]) -> str:
    """File stem named after the material: the prompt's own words for one material
    ("mossy red brick" -> mossy_red_brick), else its modifiers, colour and family;
    the surface role is appended only to tell two equal names apart."""
    name = _slug(prompt) or _slug(" ".join(words)) or role
    if name in used:
        name = f"{name}_{role}"
    while name in used:
        name += "_2"
    used.add(name)
    return name


def _slug(text: str, limit: int = 48) -> str:
    import re
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = [w for w in re.findall(r"[a-z0-9]+", ascii_text.lower().replace("_", " "))
             if w not in STOP_WORDS]
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > limit:
            break
        slug = f"{slug}_{word}" if slug else word
    return slug



def _preview(tex, out_dir: Path, samples: int, resolution: tuple[int, int]) -> Path:
    from ..blender import session
    from ..core import interrupts

    interrupts.reinstall()                   # in case importing Blender replaced handlers
    from ..core.fileio import atomic_path
    from ..blender.scene.materials import render_preview

    session.ensure_scene()
    final = out_dir / f"{tex.key}_preview.png"
    with atomic_path(final) as tmp:          # a killed render leaves no final-named file
        render_preview(tex, tmp, samples=samples, resolution=resolution,
                       label=f"{tex.family}")
    return final
