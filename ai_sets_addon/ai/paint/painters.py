"""View painters: what turns a view's depth (and what earlier views painted) into an
image. The diffusers painter lives in `generation.ai`; `TestPainter` returns a known
image per camera so the bake can be checked exactly, with no model."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import numpy as np

StepCallback = Callable[[int, int], bool]   # (step, total) -> False to cancel


@dataclass
class ViewRequest:
    """One view to paint. Images are (H, W[, 3]) float32 in [0, 1], sRGB.

    keep: 1 where earlier views already painted the surface well enough (must come back
    unchanged); refine: 1 where they painted it but this view sees it better (may be
    repainted, starting from `known`); elsewhere the model generates freely."""

    camera: str
    index: int
    prompt: str
    negative_prompt: str
    control: np.ndarray       # ControlNet depth: inverse depth, near bright, sky black
    known: np.ndarray         # earlier views re-projected (0 where none)
    keep: np.ndarray
    refine: np.ndarray
    seed: int
    steps: int = 30
    guidance: float = 7.5
    control_scale: float = 1.0
    strength_refine: float = 0.5   # fraction of the steps refine regions are free


class ViewPainter(Protocol):
    name: str

    def paint(self, request: ViewRequest, on_step: StepCallback | None = None) -> np.ndarray:
        """-> (H, W, 3) float32 sRGB in [0, 1], same size as request.control."""


def composite_keep(request: ViewRequest, image: np.ndarray) -> np.ndarray:
    """Put the kept regions back exactly (the model's decode of them drifts slightly)."""
    keep = request.keep[..., None]
    return (keep * request.known + (1.0 - keep) * image).astype(np.float32)


@dataclass
class TestPainter:
    """Deterministic: a smooth colour field per camera (or one flat colour), honouring
    `keep` like a real painter must. Steps are simulated so progress and cancel work."""

    __test__ = False              # not a pytest class, despite the name
    name: str = "test"
    flat: tuple[float, float, float] | None = None
    steps: int = 4
    step_delay_s: float = 0.0     # a slow painter, to test cancel and crashes

    def paint(self, request: ViewRequest, on_step: StepCallback | None = None) -> np.ndarray:
        for step in range(self.steps):
            if self.step_delay_s:
                time.sleep(self.step_delay_s)
            if on_step is not None and on_step(step + 1, self.steps) is False:
                from ...core.errors import Cancelled
                raise Cancelled(f"painting '{request.camera}' cancelled")
        h, w = request.control.shape
        image = self.pattern(request.index, w, h) if self.flat is None else \
            np.broadcast_to(np.asarray(self.flat, np.float32), (h, w, 3))
        return composite_keep(request, image)

    @staticmethod
    def pattern(index: int, width: int, height: int) -> np.ndarray:
        """Low-frequency colours (a few cycles per frame), different for each camera."""
        ys, xs = np.mgrid[0:height, 0:width].astype(np.float64)
        u, v = xs / width, ys / height
        phase = 1.7 * index
        r = 0.5 + 0.35 * np.sin(2 * np.pi * (1.5 * u + 0.5 * v) + phase)
        g = 0.5 + 0.35 * np.sin(2 * np.pi * (0.7 * u - 1.3 * v) + 2 * phase)
        b = 0.5 + 0.35 * np.cos(2 * np.pi * (2.0 * v) + 3 * phase)
        return np.stack([r, g, b], axis=-1).astype(np.float32)
