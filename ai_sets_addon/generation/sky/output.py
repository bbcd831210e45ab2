"""Write a rendered sky: EXR (OpenEXR, ZIP), a tone-mapped PNG preview and a JSON sidecar."""

from __future__ import annotations

import json
import os
import secrets
import shutil
from pathlib import Path
from typing import Any

import numpy as np

from ...core.colour import linear_to_srgb
from ...core.errors import InputError
from ...core.fileio import (ensure_writable_dir, publish_together, unfinished, write_exr,
                      write_json, write_png)
from .spectrum import fixed_matmul

HALF_MAX = 65000.0
HALF_MIN_NORMAL = 6.2e-5
PREVIEW_MAX_WIDTH = 1024


def needs_float32(rgb: np.ndarray) -> bool:
    """Half floats clip above 65504 and lose precision below 6e-5: use float32 then.

    Daytime maps with the disc taken out fit in half; a map with the sun disc in it
    (radiance ~1e6) or a night map (background ~1e-7) is written as float32.
    """
    peak = float(rgb.max())
    lum = rgb[..., 1][:: max(rgb.shape[0] // 256, 1), :: max(rgb.shape[1] // 512, 1)]
    low = float(np.percentile(lum, 1.0))
    return peak >= HALF_MAX or low < HALF_MIN_NORMAL


def write_sky_exr(path: Path, rgb: np.ndarray) -> str:
    half = not needs_float32(rgb)
    write_exr(path, rgb, half=half, compression="ZIP")
    return "half" if half else "float"


def preview_exposure(rgb: np.ndarray) -> float:
    """Meter the sky itself (not the set): the upper hemisphere's median lands at 0.3."""
    upper = fixed_matmul(rgb[: rgb.shape[0] // 2: 4, ::4],
                         np.array([0.2126, 0.7152, 0.0722], np.float32))
    return float(np.log2(0.3 / max(float(np.median(upper)), 1e-12)))


def preview_pixels(rgb: np.ndarray, exposure_ev: float) -> np.ndarray:
    """Downsampled, exposed, ACES-fitted (Narkowicz) and sRGB-encoded uint8 preview."""
    step = max(rgb.shape[1] // PREVIEW_MAX_WIDTH, 1)
    half = step // 2
    # 2x2 taps per output pixel: cheap, and enough to keep stars from vanishing.
    small = (rgb[::step, ::step] + rgb[half::step, half::step]
             + rgb[::step, half::step] + rgb[half::step, ::step]) * np.float32(0.25)
    x = small * np.float32(2.0 ** exposure_ev)
    mapped = np.clip((x * (2.51 * x + 0.03)) / (x * (2.43 * x + 0.59) + 0.14), 0.0, 1.0)
    srgb = linear_to_srgb(mapped)
    return (np.clip(srgb, 0.0, 1.0) * 255.0 + 0.5).astype(np.uint8)


def outputs_of(out_path: Path) -> list[Path]:
    """SKY.exr, SKY.png (preview), SKY.json (sidecar): one output, published together."""
    out_path = Path(out_path)
    return [out_path, out_path.with_suffix(".png"), out_path.with_suffix(".json")]


def check_outputs(out_path: Path) -> None:
    """Replace only a sky AI Sets wrote: each of the three files is absent, or the
    existing sidecar names it (a previous run's); never a user's image, never a folder."""
    exr, png, js = outputs_of(out_path)
    previous = _previous_sidecar(js)
    for path in (exr, png, js):
        if not os.path.lexists(path):
            continue
        if path.is_dir() or path.is_symlink():
            raise InputError(f"'{path}' is a folder or link in the way of the sky's files; "
                             "move it or choose another --out (nothing was changed)")
        ours = previous is not None and (path == js or previous.get(
            "exr" if path == exr else "preview") == path.name)
        if not ours:
            raise InputError(f"'{path}' exists and was not written by AI Sets (no sky "
                             f"sidecar '{js.name}' names it); move it or choose another "
                             "--out (nothing was changed)")


def _previous_sidecar(js: Path) -> dict | None:
    try:
        data = json.loads(js.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and "exr" in data and "preview" in data else None


def write_outputs(out_path: Path, rgb: np.ndarray, sidecar: dict[str, Any],
                  darkening_ev: float = 0.0) -> tuple[Path, Path, Path, str]:
    """EXR, PNG and JSON written in a staging folder beside them, then published
    together: a failure leaves the previous three (or none) exactly as they were."""
    exr, png, js = outputs_of(out_path)
    ensure_writable_dir(exr.parent)
    check_outputs(exr)
    stage = exr.parent / f".{exr.name}.stage-{os.getpid()}-{secrets.token_hex(3)}"
    stage.mkdir()
    try:
        with unfinished(stage):
            pixel_type = write_sky_exr(stage / exr.name, rgb)
            write_png(stage / png.name, preview_pixels(rgb, preview_exposure(rgb)
                                                       - darkening_ev))
            write_json(stage / js.name, {**sidecar, "pixel_type": pixel_type,
                                         "exr": exr.name, "preview": png.name})
            publish_together([(stage / p.name, p) for p in (exr, png, js)], stage)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return exr, png, js, pixel_type
