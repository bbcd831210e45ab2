"""Every limit and enumeration a user can meet, stated once.

The CLI's argument types and help texts, the job file's checks, the preferences' menus
and `BuildOptions.validate` all derive from these objects, so a value is accepted or
refused with the same words wherever it is typed. Units are stated here, once.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .errors import InputError


def _fmt(value: float) -> str:
    if math.isinf(value):
        return "-inf" if value < 0 else "inf"
    return str(int(value)) if float(value).is_integer() and abs(value) >= 1e6 else f"{value:g}"


def is_number(value: Any) -> bool:
    """A real number typed as one (a bool is not a number here)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class _Rule:
    """What Limit and Choice share: `problem` says what is wrong, `check` refuses it."""

    def problem(self, value: Any) -> str | None:
        raise NotImplementedError

    def check(self, value: Any) -> Any:
        """`value` when allowed, else InputError (exit 2) saying what to use."""
        problem = self.problem(value)
        if problem:
            raise InputError(problem)
        return value


@dataclass(frozen=True)
class Limit(_Rule):
    """A numeric range with its unit and its rules (whole, even, a power of two)."""

    what: str                        # "texture size": how messages name it
    lo: float
    hi: float
    unit: str = ""                   # "px", "px/m", "mm"...
    integer: bool = True
    even: bool = False
    power_of_two: bool = False
    presets: tuple[float, ...] = ()  # the values a menu offers (preferences, panels)

    @property
    def rules(self) -> str:
        """"256..4096 px, a power of two": the range as help texts and errors state it."""
        text = f"{_fmt(self.lo)}..{_fmt(self.hi)}" + (f" {self.unit}" if self.unit else "")
        if self.power_of_two:
            text += ", a power of two"
        elif self.even:
            text += ", even"
        return text

    def problem(self, value: Any) -> str | None:
        """None when `value` is allowed, else what is wrong with it and what to use."""
        if not is_number(value) or (self.integer and not float(value).is_integer()):
            kind = "a whole number" if self.integer else "a number"
            return f"{self.what} {value!r} is not {kind}; use {self.rules}"
        if not math.isfinite(value):
            return f"{self.what} {value!r} is not a finite number; use {self.rules}"
        shown = _fmt(value) + (f" {self.unit}" if self.unit else "")
        if not self.lo <= value <= self.hi:
            return f"{self.what} {shown} is out of range; use {self.rules}"
        if self.power_of_two and int(value) & (int(value) - 1):
            return f"{self.what} {shown} is not a power of two; use {self.rules}"
        if self.even and int(value) % 2:
            return f"{self.what} {shown} is odd; use {self.rules}"
        return None

    def argtype(self) -> Callable[[str], int | float]:
        """An argparse type: the text parsed as a number, then checked like any value."""
        def parse(text: str) -> int | float:
            try:
                value: int | float = int(text) if self.integer else float(text)
            except ValueError:
                kind = "a whole number" if self.integer else "a number"
                raise argparse.ArgumentTypeError(f"'{text}' is not {kind}") from None
            problem = self.problem(value)
            if problem:
                raise argparse.ArgumentTypeError(problem)
            return value

        parse.__name__ = "whole number" if self.integer else "finite number"
        parse.bounds = (self.lo, self.hi)     # the help test checks the range is stated
        return parse

    def help(self, text: str, default: Any = None) -> str:
        """A help text that states the range and the default."""
        shown = "" if default is None else f" (default {_fmt(default) if is_number(default) else default})"
        return f"{text}, {self.rules}{shown}"

    def enum_items(self, label: Callable[[int], str], describe: Callable[[int], str]
                   ) -> list[tuple[str, str, str]]:
        """Blender EnumProperty items for the presets."""
        return [(str(int(v)), label(int(v)), describe(int(v))) for v in self.presets]


@dataclass(frozen=True)
class Choice(_Rule):
    """One of a fixed set of words (times of day, backends...)."""

    what: str
    values: tuple[str, ...]

    def problem(self, value: Any) -> str | None:
        if not isinstance(value, str) or value not in self.values:
            return f"{self.what} {value!r} is not known; use one of {', '.join(self.values)}"
        return None



# -- sizes of what a build makes ------------------------------------------------------------
TEXTURE_SIZE = Limit("texture size", 64, 8192, "px", power_of_two=True,
                     presets=(512, 1024, 2048, 4096))
HDRI_WIDTH = Limit("HDRI width", 256, 16384, "px", even=True,
                   presets=(1024, 2048, 4096, 8192))
TEXEL_DENSITY = Limit("texel density", 4.0, 512.0, "px/m", integer=False)
# -- renders -----------------------------------------------------------------------------
SAMPLES = Limit("samples", 1, 16_777_216)          # Cycles' hard maximum
IMAGE_SIDE = Limit("image side", 16, 16384, "px")  # each side of a render
LENS_MM = Limit("lens", 1.0, 5000.0, "mm", integer=False)   # Blender's camera lens range
PREVIEW_WIDTH = Limit("preview width", 256, 4096, "px")
# -- the diffusers backend ---------------------------------------------------------------------
AI_STEPS = Limit("denoising steps", 1, 200)
AI_GUIDANCE = Limit("guidance", 0.0, 50.0, integer=False)
AI_MODEL_SIZE = Limit("model size", 64, 2048, "px")
# -- runs --------------------------------------------------------------------------------------
SEED = Limit("seed", 0, 2**31 - 1)
WORKERS = Limit("workers", 1, 4096)
COUNT = Limit("count", 1, 2**31 - 1)               # any positive whole number

# -- enumerations ------------------------------------------------------------------------------
TIMES_OF_DAY = Choice("time of day", (
    "dawn", "sunrise", "morning", "noon", "afternoon",
    "golden_hour", "sunset", "dusk", "blue_hour", "night"))
BACKENDS = Choice("backend", ("procedural", "diffusers"))


def resolution(text: str) -> tuple[int, int]:
    """An argparse type: WIDTHxHEIGHT, each side within IMAGE_SIDE."""
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a resolution; write it as WIDTHxHEIGHT, e.g. 1920x1080") from None
    for side in (width, height):
        problem = IMAGE_SIDE.problem(side)
        if problem:
            raise argparse.ArgumentTypeError(f"{text}: each side must be {IMAGE_SIDE.rules}")
    return width, height


def finite_float(lo: float = -math.inf, hi: float = math.inf,
                 what: str = "a number") -> Callable[[str], float]:
    """An argparse type for a one-off range (angles, distances): a finite float in lo..hi."""
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

    parse.__name__ = "finite number"
    parse.bounds = (lo, hi)
    return parse


def bounded_int(lo: int, hi: int, what: str = "a whole number") -> Callable[[str], int]:
    """An argparse type for a one-off whole-number range."""
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
