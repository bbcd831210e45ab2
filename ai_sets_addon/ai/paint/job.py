"""One paint run, shared by the CLI, the worker and (later) the operator: paint the
chosen cameras, write `<set>/paint/` whole, and record how it was made."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .loop import PaintOptions, Progress, ViewDone, paint_set
from .output import write_paint
from .painters import ViewPainter
from .scene import PaintScene


def run_paint(set_dir: Path | str, scene: PaintScene, painter: ViewPainter,
              options: PaintOptions, model: dict[str, Any] | None = None,
              progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
              on_view: ViewDone | None = None, expect: str | None = None) -> Path:
    """-> `<set>/paint/paint.json`. Nothing in the set changes unless it completes;
    `expect` (setfile.identity of the set read) refuses a set rebuilt meanwhile."""
    result = paint_set(scene, painter, options, progress, cancelled, on_view)
    if progress:
        progress(0.98, "writing the paint folder")
    meta = {"painter": painter.name, "model": model or {},
            "options": {k: v for k, v in asdict(options).items() if k != "cameras"},
            "prompt": options.prompt, "seed": options.seed, "steps": options.steps}
    path = write_paint(set_dir, scene, result, meta, expect)
    if progress:
        progress(1.0, f"wrote {path}")
    return path
