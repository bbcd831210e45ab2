"""`ai-sets verify DIR`: check a set folder against its manifest (farms, archives)."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import common


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "verify", help="check a set folder against its manifest.json",
        description="Exit 0 when every file the manifest lists is present with its "
                    "sha256 and nothing else is in the folder; exit 2 otherwise, listing "
                    "what differs.", formatter_class=common.HelpFormatter)
    parser.add_argument("folder", type=common.output_path, metavar="DIR",
                        help="a set folder written by ai-sets build")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..core.errors import InputError
    from ..setfile import verify

    folder = Path(args.folder)
    if not folder.is_dir():
        raise InputError(f"'{folder}' is not a folder; give a set folder")
    problems = verify(folder)
    if problems:
        raise InputError(f"'{folder}' does not match its manifest:\n  " + "\n  ".join(problems))
    count = len(list(p for p in folder.rglob("*") if p.is_file()))
    print(f"{folder}: whole; {count} files match manifest.json")
    return common.EXIT_OK
