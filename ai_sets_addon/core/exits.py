"""The exit-code contract of every command and process the add-on starts.

0 done; 2 bad input or an environment problem the user can fix (disk full, permissions,
read-only media, out of memory, sizes beyond Blender's limits), with a message saying
what to do; 130 interrupted (SIGINT, Ctrl-C); 143 terminated (SIGTERM); 1 only for a bug.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
import traceback
from collections.abc import Callable

from .errors import Cancelled, InputError

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT = 0, 1, 2
EXIT_SIGINT, EXIT_SIGTERM = 130, 143

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
