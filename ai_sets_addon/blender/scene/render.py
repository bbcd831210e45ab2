"""Cycles settings, a light meter for exposure, and still renders written atomically.

Exposure rule (a DP exposing for the set, not for the window): render the active
camera tiny and noisy, average it in blocks (to tame the noise), put the median block
on 18% grey, but never so bright that the brightest 2% of blocks pass 12x grey (AgX
still holds detail there); when the sun is low or down, bias darker so twilight and
night read as such, not as an overcast noon.
"""

from __future__ import annotations

import errno
import math
import os
import shutil
from pathlib import Path

import bpy
import numpy as np

from ...core.fileio import atomic_path, read_exr, scratch_path

MIDDLE_GREY = 0.18
HIGHLIGHT_LIMIT = 12.0  # scene-linear level where AgX still renders highlight detail
# (sun elevation upper bound in degrees, bias in EV): night, blue hour, twilight.
LOW_SUN_BIAS_EV = ((-8.0, -1.5), (-3.0, -0.8), (2.0, -0.4))
METER_SIZE = (96, 54)


# Light paths a set needs on the CPU: enough bounces for interiors lit through windows,
# few glossy/diffuse ones beyond what the eye reads, indirect fireflies clamped, glossy
# blurred after the first bounce, volumes stepped coarsely (fog is smooth).
BOUNCES = {"max_bounces": 8, "diffuse_bounces": 3, "glossy_bounces": 3,
           "transmission_bounces": 8, "transparent_max_bounces": 16, "volume_bounces": 1}
ADAPTIVE_THRESHOLD = 0.03   # stop sampling a pixel once its noise is below this


def configure(scene: bpy.types.Scene, samples: int = 64) -> None:
    """Cycles on the CPU, AgX, and settings that make a preview cleaner per second:
    adaptive sampling, the denoiser fed albedo and normal passes (it keeps texture
    detail instead of smearing it), clamped indirect light, filtered glossy paths and
    coarse volume steps."""
    scene.render.engine = "CYCLES"
    cycles = scene.cycles
    cycles.device = "CPU"
    cycles.samples = samples
    cycles.use_denoising = True
    cycles.denoiser = "OPENIMAGEDENOISE"
    cycles.denoising_input_passes = "RGB_ALBEDO_NORMAL"
    cycles.denoising_prefilter = "ACCURATE"
    cycles.use_adaptive_sampling = True
    cycles.adaptive_threshold = ADAPTIVE_THRESHOLD
    for name, value in BOUNCES.items():
        setattr(cycles, name, value)
    cycles.caustics_reflective = False
    cycles.caustics_refractive = False
    cycles.sample_clamp_indirect = 10.0
    cycles.blur_glossy = 1.0
    cycles.volume_step_rate = 2.0
    cycles.volume_max_steps = 256
    scene.view_settings.view_transform = "AgX"
    scene.view_settings.look = "None"


def meter_exposure(scene: bpy.types.Scene, sun_elevation_deg: float = 45.0,
                   bias_ev: float = 0.0, temp_dir: Path | None = None) -> float:
    """Set scene.view_settings.exposure from a metering render; returns the EV used.
    `bias_ev` is the set's own intent (a white cyc should read white, not 18% grey).
    `temp_dir` holds the meter's scratch EXR (give the run's staging folder; the
    system temp only when None); the file is removed afterwards, even on failure."""
    median, highlight = metered_levels(_meter_luminance(scene, temp_dir))
    ev = min(math.log2(MIDDLE_GREY / median), math.log2(HIGHLIGHT_LIMIT / highlight))
    ev += next((bias for limit, bias in LOW_SUN_BIAS_EV if sun_elevation_deg < limit), 0.0)
    ev += bias_ev
    scene.view_settings.exposure = round(float(np.clip(ev, -16.0, 16.0)), 3)
    return scene.view_settings.exposure


def metered_levels(luminance: np.ndarray, block: int = 6) -> tuple[float, float]:
    """(median, 98th percentile) of block-averaged luminance: blocks tame the noise of
    a 12-sample render (black and firefly pixels)."""
    h, w = (s - s % block for s in luminance.shape)
    cells = luminance[:h, :w].reshape(h // block, block, w // block, block).mean(axis=(1, 3))
    return max(float(np.median(cells)), 1e-6), max(float(np.percentile(cells, 98)), 1e-6)


def _meter_luminance(scene: bpy.types.Scene, temp_dir: Path | None = None) -> np.ndarray:
    saved = _snapshot(scene)
    with scratch_path(temp_dir, suffix=".exr", prefix=".aisets_meter_") as path:
        try:
            rgb = _render_meter(scene, str(path))
        finally:
            _restore(scene, saved)
    return rgb @ np.array([0.2126, 0.7152, 0.0722], dtype=np.float32)


def _render_meter(scene: bpy.types.Scene, path: str) -> np.ndarray:
    """A tiny, noisy, undenoised float render of the active camera (read back)."""
    render = scene.render
    render.resolution_x, render.resolution_y = METER_SIZE
    render.resolution_percentage = 100
    scene.cycles.samples = 12
    scene.cycles.use_denoising = False
    render.image_settings.file_format = "OPEN_EXR"
    render.image_settings.color_depth = "32"
    render.filepath = path
    render_to_file(scene, Path(path))
    return read_exr(path)


def render_to_file(scene: bpy.types.Scene, path: Path) -> None:
    """Render the active camera and write it to `path` (render.filepath). Blender says
    only "cannot save" when the write fails; a full disk or an unwritable folder is
    turned into the OSError it is, so the CLI can say what to do (exit 2)."""
    try:
        bpy.ops.render.render(write_still=True, scene=scene.name)
    except RuntimeError as exc:
        if "cannot save" not in str(exc).lower():
            raise
        raise _write_failure(Path(path), exc) from exc


LOW_DISK_BYTES = 64 << 20


def _write_failure(path: Path, exc: RuntimeError) -> Exception:
    folder = path.parent
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        free = None
    if free is not None and free < LOW_DISK_BYTES:
        return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
    if not os.access(folder, os.W_OK):
        return OSError(errno.EACCES, os.strerror(errno.EACCES), str(path))
    return exc


def _snapshot(scene: bpy.types.Scene) -> dict:
    render, fmt = scene.render, scene.render.image_settings
    return {
        "res": (render.resolution_x, render.resolution_y, render.resolution_percentage),
        "samples": scene.cycles.samples, "denoise": scene.cycles.use_denoising,
        "format": (fmt.file_format, fmt.color_depth), "filepath": render.filepath,
    }


def _restore(scene: bpy.types.Scene, saved: dict) -> None:
    render, fmt = scene.render, scene.render.image_settings
    render.resolution_x, render.resolution_y, render.resolution_percentage = saved["res"]
    scene.cycles.samples = saved["samples"]
    scene.cycles.use_denoising = saved["denoise"]
    fmt.file_format = saved["format"][0]
    if fmt.file_format == "OPEN_EXR":
        fmt.color_depth = saved["format"][1]
    render.filepath = saved["filepath"]


def render_still(scene: bpy.types.Scene, out_png: Path, resolution: tuple[int, int],
                 samples: int) -> Path:
    """Render the active camera to a PNG that appears only once complete."""
    saved = _snapshot(scene)
    try:
        render = scene.render
        render.resolution_x, render.resolution_y = resolution
        render.resolution_percentage = 100
        scene.cycles.samples = samples
        scene.cycles.use_denoising = True
        render.image_settings.file_format = "PNG"
        render.image_settings.color_mode = "RGB"
        render.image_settings.color_depth = "8"
        with atomic_path(out_png) as tmp:
            render.filepath = str(tmp)
            render_to_file(scene, tmp)
    finally:
        _restore(scene, saved)
    return Path(out_png)
