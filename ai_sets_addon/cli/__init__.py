"""`ai-sets` command line: one sub-module per command, each `add_parser` + `run`.

Exit codes: 0 done, 2 bad input or an environment fault (the message says how to fix
it), 130 interrupted (SIGINT, Ctrl-C), 143 terminated (SIGTERM), 1 internal error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import common

COMMANDS = ("build", "sky", "material", "paint", "models", "verify", "check", "export", "batch",
            "storyboard", "previs", "hdr", "meter", "script")


def make_parser() -> argparse.ArgumentParser:
    import importlib

    parser = argparse.ArgumentParser(
        prog="ai-sets", description="Build photoreal virtual film sets from a text prompt.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f".{name}", __name__)
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.endswith(f"cli.{name}"):
                continue  # command not built yet in this checkout
            raise
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None, *, interrupts: bool | None = None) -> int:
    """Run one command. `interrupts` (default: when reading the real command line, i.e.
    argv is None) makes Ctrl-C / SIGTERM end the process at once with 130 / 143, even
    inside a render; in-process callers (tests, scripts) keep their own handling."""
    if interrupts if interrupts is not None else argv is None:
        install_interrupts()
    parser = make_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed what was wrong
        return common.EXIT_BAD_INPUT if exc.code else 0
    return common.run_guarded(args.func, args)




def install_interrupts() -> bool:
    """Signal watcher on, with the cleanup that removes half-written temporary files."""
    from ..core.interrupts import install_with_cleanup

    return install_with_cleanup()


if __name__ == "__main__":
    sys.exit(main())
