"""Long renders as steps: a generator yields (fraction, message) before each unit of
work (a frame) and returns its result, so the same code runs headless to the end
(`run_steps`) or one step per timer tick in a modal operator (progress, Esc)."""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import Any, TypeVar

T = TypeVar("T")
Steps = Generator[tuple[float, str], None, T]


def run_steps(steps: Steps[T], progress: Callable[[float, str], Any] | None = None) -> T:
    """Drive `steps` to the end, reporting each step; its result."""
    while True:
        try:
            fraction, message = next(steps)
        except StopIteration as done:
            if progress:
                progress(1.0, "done")
            return done.value
        if progress:
            progress(fraction, message)
