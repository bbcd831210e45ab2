"""`ai-sets export SET --format glb|usd|usdz --out PATH`: the set for virtual-production
tools (glTF binary with the sky EXR beside it, USD with its textures folder, or one
.usdz), plus PATH.aisets.json listing what was written."""

from __future__ import annotations

import argparse

from . import common

FORMATS = ("glb", "usd", "usdz")


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "export", help="export a set to glTF binary, USD or USDZ",
        description="Export a set folder (or a .blend holding an AI set) at true scale: "
                    "PBR materials, lights, cameras with their lenses, instanced props and "
                    "the sky. glb: PATH.glb + PATH_sky.exr; usd: PATH.usd + "
                    "PATH_textures/; usdz: one PATH.usdz. Each also writes "
                    "PATH.<ext>.aisets.json (sky, key light, cameras, files and sha256).",
        formatter_class=common.HelpFormatter)
    parser.add_argument("source", type=common.output_path, metavar="SET",
                        help="a set folder written by ai-sets build, or its set.blend")
    parser.add_argument("--format", required=True, choices=FORMATS, dest="export_format",
                        help="glb (glTF binary), usd (binary crate + textures folder) or "
                             "usdz (one package)")
    parser.add_argument("--out", required=True, type=common.output_path, metavar="PATH",
                        help="the file to write (the extension is added when missing)")
    parser.add_argument("--wait", action="store_true",
                        help="if the set is being rebuilt, wait for that run to finish "
                             "instead of refusing (default: off)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..blender.export import export_set, remove_unfinished
    from ..core import interrupts
    from ..blender import session

    session.require_bpy("the export command")

    def cleanup() -> str:
        count = remove_unfinished()
        return f"nothing was exported ({count} unfinished staging folder(s) removed)"

    remove = interrupts.on_interrupt(cleanup)
    try:
        result = export_set(args.source, args.export_format, args.out, common.Progress(),
                            wait=args.wait)
    finally:
        remove()
    size = result.path.stat().st_size / 1e6
    print(f"exported {result.path} ({size:.1f} MB) in {result.seconds:.1f} s; "
          f"{len(result.files)} files, listed in {result.sidecar}")
    return common.EXIT_OK
