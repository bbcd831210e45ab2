"""`ai-sets models [DIR]`: the depth-painting models found in a folder (diffusers
folders, single-file checkpoints, Hugging Face cache snapshots), with family, kind,
format and size, and why any of them cannot be used. Reads no weights."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from . import common


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("models", help="list the local models usable for painting",
                            formatter_class=common.HelpFormatter,
                            description="List SD 1.5 / SDXL base models, depth ControlNets "
                                        "and T2I-Adapters in a folder; nothing is loaded.")
    parser.add_argument("folder", nargs="?", type=common.output_path, metavar="DIR",
                        help="where to look (default: $AI_SETS_MODELS, else the Hugging "
                             "Face cache)")
    parser.add_argument("--json", action="store_true", help="one JSON document on stdout "
                                                                 "(default: off: a table)")
    parser.add_argument("--allow-pickle", action="store_true",
                        help="count pickled .ckpt/.bin weights as usable (default: off)")
    parser.set_defaults(func=run)


def default_folder() -> Path:
    if os.environ.get("AI_SETS_MODELS"):
        return Path(os.environ["AI_SETS_MODELS"]).expanduser()
    hf_home = Path(os.environ.get("HF_HOME", Path.home() / ".cache" / "huggingface"))
    return Path(os.environ.get("HF_HUB_CACHE", hf_home / "hub"))


def run(args: argparse.Namespace) -> int:
    from ..ai.models import list_models

    folder = args.folder or default_folder()
    found = list_models(folder, allow_pickle=args.allow_pickle)
    if args.json:
        print(json.dumps({"folder": str(folder), "models": [m.as_dict() for m in found]},
                         indent=2))
        return common.EXIT_OK
    if not found:
        print(f"no models in {folder}")
        return common.EXIT_OK
    print(f"{'model':40} {'kind':24} {'family':7} {'format':12} {'size':>9}  status")
    for m in found:
        status = "ok" if m.usable else "; ".join(m.problems) or "unrecognised"
        extra = f" (+{m.control})" if m.control else ""
        print(f"{Path(m.path).name[:40]:40} {(m.kind + extra)[:24]:24} {m.family:7} "
              f"{m.format:12} {_size(m.size_bytes):>9}  {status}")
    return common.EXIT_OK


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"
