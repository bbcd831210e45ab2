"""What every command shares: the exit-code contract (core/exits.py), argument types
(core/limits.py), help formatting, the progress display.

Exit codes: 0 done; 2 bad input or an environment problem the user can fix (disk full,
permissions, read-only media, out of memory, sizes beyond Blender's limits), with a
message saying what to do; 130 interrupted (SIGINT, Ctrl-C); 143 terminated (SIGTERM);
1 only for a bug.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from ..core import limits
from ..core.errors import Cancelled, InputError  # noqa: F401 (commands import them from here)
from ..core.exits import (ENVIRONMENT_ERRORS, EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK,  # noqa: F401
                          EXIT_SIGINT, EXIT_SIGTERM, blender_environment_advice,
                          environment_advice, run_guarded)

CYCLES_MAX_SAMPLES = limits.SAMPLES.hi


finite_float, bounded_int, resolution = limits.finite_float, limits.bounded_int, limits.resolution
samples = limits.SAMPLES.argtype()
seed = limits.SEED.argtype()
positive_int = limits.COUNT.argtype()


class HelpFormatter(argparse.ArgumentDefaultsHelpFormatter):
    """Shows "(default: X)" for every option that has a default and does not say it
    (a WxH tuple as 960x540, an empty string or list as "none"). A default of 0 is
    stated too: only None, False and SUPPRESS mean "no default"."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        default = action.default
        if ("default" in text or default is None or default is False
                or default is argparse.SUPPRESS):
            return text
        if not action.option_strings and action.nargs not in (argparse.OPTIONAL,
                                                               argparse.ZERO_OR_MORE):
            return text
        return f"{text} (default: {describe_default(default)})"


def describe_default(value) -> str:
    """A default as the user would type it."""
    if isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return f"{value[0]}x{value[1]}"
    if value == "" or value == [] or value == ():
        return "none"
    return str(value).replace("%", "%%")


class Progress:
    """A bar on a terminal, plain timestamped log lines otherwise (CI, pipes)."""

    def __init__(self, stream=None) -> None:
        self.stream = stream or sys.stderr
        self.is_tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.start = time.perf_counter()

    def __call__(self, fraction: float, message: str) -> None:
        elapsed = time.perf_counter() - self.start
        if self.is_tty:
            filled = int(round(fraction * 30))
            bar = "#" * filled + "-" * (30 - filled)
            self.stream.write(f"\r[{bar}] {fraction * 100:5.1f}% {message[:60]:<60}")
            if fraction >= 1.0:
                self.stream.write("\n")
        else:
            self.stream.write(f"[{elapsed:7.2f}s] {fraction * 100:5.1f}% {message}\n")
        self.stream.flush()


def output_path(text: str) -> Path:
    """A path the OS can take: not empty, no NUL byte (which would fail deep inside)."""
    if not text.strip() or "\0" in text:
        raise argparse.ArgumentTypeError(f"{text!r} is not a usable path")
    return Path(text).expanduser()
