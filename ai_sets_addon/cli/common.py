"""What every command shares: exit codes, error reporting, progress display."""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from ..generation.errors import Cancelled, InputError

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT = 0, 1, 2


def run_guarded(func: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run a command; map bad input to exit 2 and bugs to exit 1, with a clear message."""
    try:
        return func(args) or EXIT_OK
    except InputError as exc:
        print(f"ai-sets: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (Cancelled, KeyboardInterrupt):
        print("ai-sets: cancelled; no partial output was left behind", file=sys.stderr)
        return EXIT_INTERNAL
    except Exception:  # noqa: BLE001 - last line of defence, report and exit 1
        traceback.print_exc()
        print("ai-sets: internal error (a bug): please report it with the trace above",
              file=sys.stderr)
        return EXIT_INTERNAL


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{value} must be greater than zero")
    return value


def resolution(text: str) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a resolution; write it as WIDTHxHEIGHT, e.g. 1920x1080") from None
    if not (16 <= width <= 16384 and 16 <= height <= 16384):
        raise argparse.ArgumentTypeError(f"{text}: each side must be 16..16384 pixels")
    return width, height


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
    return Path(text).expanduser()
