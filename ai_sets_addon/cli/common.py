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


# --------------------------------------------------------------------- camera exposure

def _shutter(text: str) -> tuple[float, float]:
    from ..scout.exposure import parse_shutter

    try:
        return parse_shutter(text)
    except InputError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def kelvin(text: str) -> float:
    """A colour temperature, 1800..15000, with or without its K."""
    return finite_float(1800.0, 15000.0, "a colour temperature in kelvin")(
        text.strip().rstrip("Kk"))


def white_balance(text: str) -> float | None:
    """A colour temperature, or 'auto' (None: from the key light)."""
    return None if text.strip().lower() == "auto" else kelvin(text)


kelvin.__name__ = "kelvin"
white_balance.__name__ = "kelvin or auto"
white_balance.bounds = kelvin.bounds = (1800.0, 15000.0)


def add_camera_options(parser: argparse.ArgumentParser) -> None:
    """The camera's exposure, white balance and lens, shared by every command that
    renders (build, storyboard, previs, batch). Unset values are picked as an operator
    would (scout/exposure.py auto_settings); a saved shot's own values win over these."""
    from ..scout.exposure import ISO_RANGE

    group = parser.add_argument_group(
        "camera exposure", "ISO, shutter, T-stop and ND as on the shoot: what is not given "
                           "is chosen as an operator would (native ISO, 180°, the T-stop for "
                           "the depth of field, ND to land the exposure); all four given = "
                           "manual (a dark scene then renders dark)")
    group.add_argument("--iso", type=finite_float(*ISO_RANGE, "an ISO"), default=None,
                       help=f"sensor ISO / EI, {ISO_RANGE[0]:g}..{ISO_RANGE[1]:g} "
                            "(default: auto, the body's native ISO)")
    group.add_argument("--shutter", type=_shutter, default=None, metavar="ANGLE|TIME",
                       help="shutter angle in degrees (180, 172.8deg) or a time (1/50, "
                            "0.02s) (default: auto, 180°)")
    if "--fps" not in parser._option_string_actions:     # previs has its own --fps
        group.add_argument("--fps", dest="camera_fps",
                           type=finite_float(1.0, 240.0, "a frame rate"), default=24.0,
                           help="frame rate the shutter angle runs at, 1..240 (default: 24)")
    group.add_argument("--t-stop", type=finite_float(0.5, 64.0, "a T-stop"), default=None,
                       help="T-stop, 0.5..64 (default: auto, for the depth of field then "
                            "the exposure)")
    group.add_argument("--nd", type=finite_float(0.0, 4.0, "an optical density"), default=None,
                       help="neutral density, 0..4 (0.3 per stop) (default: auto)")
    group.add_argument("--white-balance", type=white_balance, default=None, metavar="K|auto",
                       help="white balance in kelvin, 1800..15000, e.g. 3200 or 5600 "
                            "(default: auto, from the key light)")
    group.add_argument("--tint", type=finite_float(-150.0, 150.0, "a tint"), default=0.0,
                       help="white balance tint, -150..150, + is green (default: 0)")
    group.add_argument("--no-lens-effects", dest="lens_effects", action="store_false",
                       help="no falloff, bloom, chromatic aberration, streaks or grain "
                            "(default: the lens family's, restrained)")
    group.add_argument("--zebras", type=finite_float(0.0, 109.0, "an IRE level"), default=0.0,
                       metavar="IRE", help="also write NAME_zebras.png striping what is at "
                                           "or over this level, 0..109 (default: 0, none)")


def camera_request(args: argparse.Namespace):
    """The exposure request the camera options describe (scout.exposure.Request)."""
    from ..scout.exposure import Request

    angle, seconds = getattr(args, "shutter", None) or (None, None)
    return Request(iso=getattr(args, "iso", None), shutter_angle_deg=angle or None,
                   shutter_s=seconds or None,
                   fps=float(getattr(args, "camera_fps", None) or getattr(args, "fps", 24.0)),
                   t_stop=getattr(args, "t_stop", None), nd=getattr(args, "nd", None),
                   white_balance_k=getattr(args, "white_balance", None),
                   tint=getattr(args, "tint", 0.0),
                   lens_effects=getattr(args, "lens_effects", True))


def apply_camera_options(scene, args: argparse.Namespace) -> None:
    """Put the command line's camera request on `scene` (every render then uses it)."""
    from ..blender.scene.render import set_scene_request

    set_scene_request(scene, camera_request(args), getattr(args, "zebras", 0.0))
