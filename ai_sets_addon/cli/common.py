"""What every command shares: exit codes, error reporting, progress display.

Exit codes: 0 done; 2 bad input or an environment problem the user can fix (disk full,
permissions, read-only media, out of memory, sizes beyond Blender's limits), with a
message saying what to do; 130 interrupted (SIGINT, Ctrl-C); 143 terminated (SIGTERM);
1 only for a bug.
"""

from __future__ import annotations

import argparse
import errno
import math
import os
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from ..generation.errors import Cancelled, InputError

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT = 0, 1, 2
EXIT_SIGINT, EXIT_SIGTERM = 130, 143
CYCLES_MAX_SAMPLES = 16_777_216   # Cycles' hard maximum for scene.cycles.samples

# errno -> what to do about it (the environment, not the program, is at fault).
ENVIRONMENT_ERRORS: dict[int, str] = {
    errno.ENOSPC: "the disk is full: free some space or choose another --out folder",
    errno.EDQUOT: "the disk quota is exceeded: free some space or choose another --out "
                  "folder",
    errno.EROFS: "the output is on read-only media: choose a writable --out folder",
    errno.EACCES: "permission denied: choose a folder you can write to (or fix its "
                  "permissions)",
    errno.EPERM: "operation not permitted: choose a folder you can write to (or fix its "
                 "permissions)",
    errno.EFBIG: "a file would exceed the file-system's size limit: use smaller sizes "
                 "(--width, --size, --texture-size) or another disk",
    errno.ENAMETOOLONG: "a file name is too long for this file system: use a shorter "
                        "--out path",
    errno.EMFILE: "too many open files: raise the limit (ulimit -n) or run fewer jobs",
    errno.ENFILE: "too many open files on this system: run fewer jobs at once",
    errno.ENOMEM: "out of memory: use smaller sizes or close other programs",
}


def run_guarded(func: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run a command; bad input and environment faults exit 2 with what to do, bugs 1."""
    try:
        return func(args) or EXIT_OK
    except InputError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        # The interrupt watcher normally ends the process first; this is the fallback
        # when it is not installed (a library caller, a test).
        print("ai-sets: interrupted (SIGINT); the command stopped before finishing",
              file=sys.stderr)
        return EXIT_SIGINT
    except Cancelled:
        print("ai-sets: cancelled; the command stopped before finishing", file=sys.stderr)
        return EXIT_SIGINT
    except MemoryError:
        return _fail("out of memory: use smaller sizes (--width, --size, --texture-size, "
                     "--resolution) or close other programs")
    except OSError as exc:
        advice = environment_advice(exc)
        if advice is None:
            return _internal()
        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        return _fail(f"{advice}{where}")
    except OverflowError as exc:
        return _fail(f"a number is too large ({exc}): use smaller values")
    except RuntimeError as exc:
        advice = blender_environment_advice(exc)
        return _fail(f"{advice} (Blender: {str(exc).strip()[:200]})") if advice else _internal()
    except Exception:  # noqa: BLE001 - last line of defence, report and exit 1
        return _internal()


def blender_environment_advice(exc: RuntimeError) -> str | None:
    """Blender reports failed writes (render, .blend) as RuntimeError with the OS's
    message inside, e.g. "Cannot open file ... for writing: No space left on device"."""
    text = str(exc).lower()
    for number, advice in ENVIRONMENT_ERRORS.items():
        if os.strerror(number).lower() in text:
            return advice
    return None


def environment_advice(exc: BaseException) -> str | None:
    """What to do about an OSError caused by the machine, or None if it looks like a bug."""
    number = getattr(exc, "errno", None)
    if number in ENVIRONMENT_ERRORS:
        return ENVIRONMENT_ERRORS[number]
    if isinstance(exc, (PermissionError, IsADirectoryError, NotADirectoryError,
                        FileExistsError)):
        return f"cannot write there ({exc.strerror or exc}): choose another --out path"
    return None


def _fail(message: str) -> int:
    print(f"ai-sets: error: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _internal() -> int:
    traceback.print_exc()
    print("ai-sets: internal error (a bug): please report it with the trace above",
          file=sys.stderr)
    return EXIT_INTERNAL


def finite_float(lo: float = -math.inf, hi: float = math.inf,
                 what: str = "a number") -> Callable[[str], float]:
    """An argparse type: a finite float in lo..hi (NaN and infinities are refused)."""
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not {what}") from None
        if not math.isfinite(value):
            raise argparse.ArgumentTypeError(f"'{text}' is not a finite number; give "
                                             f"{what} from {_fmt(lo)} to {_fmt(hi)}")
        if not lo <= value <= hi:
            raise argparse.ArgumentTypeError(f"{text} is outside {_fmt(lo)}..{_fmt(hi)}")
        return value

    parse.__name__ = "finite number"          # argparse names the type in its messages
    parse.bounds = (lo, hi)                   # for the help test: the range must be stated
    return parse


def _fmt(value: float) -> str:
    if math.isinf(value):
        return "-inf" if value < 0 else "inf"
    return f"{value:g}"


def bounded_int(lo: int, hi: int, what: str = "a whole number") -> Callable[[str], int]:
    """An argparse type: a whole number in lo..hi."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not {what}") from None
        if not lo <= value <= hi:
            raise argparse.ArgumentTypeError(f"{value} is outside {lo}..{hi}")
        return value

    parse.__name__ = "whole number"
    parse.bounds = (lo, hi)
    return parse


samples = bounded_int(1, CYCLES_MAX_SAMPLES, "a whole number of samples")
seed = bounded_int(0, 2**31 - 1, "a whole-number seed")


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


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{value} must be greater than zero")
    if value > 2**31 - 1:
        raise argparse.ArgumentTypeError(f"{value} is too large (at most {2**31 - 1})")
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
    """A path the OS can take: not empty, no NUL byte (which would fail deep inside)."""
    if not text.strip() or "\0" in text:
        raise argparse.ArgumentTypeError(f"{text!r} is not a usable path")
    return Path(text).expanduser()
