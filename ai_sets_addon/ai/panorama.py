"""AI 360° panoramas: a 2:1 image that wraps at 0/360°, with calm poles, lifted to HDR.

Model: plain text-to-image (a ControlNet / adapter only when the user names one, then
at conditioning scale 0: a panorama has no depth to follow; `seamless.generate_seamless`).
Wrap: every conv of the UNet and VAE (and control model, if any) pads circularly in x
and by replication in y while the image is made (`seamless.circular_padding(axes="x")`),
so the left and right edges are neighbours; resizing wraps the same way
(`seamless.resample_wrapped`, rows clamped). Poles: an equirect row near the zenith is one
point stretched over 360°; a model paints detail there that becomes a pinched swirl.
The top and bottom CAP_DEG are blended toward each row's mean colour with a smooth
weight (1 at the pole, 0 at the cap's edge), so the poles are flat.

    model = load_pipeline(ModelRequest("path/to/sd15"), needs_control=False)
    ldr = generate_panorama(model, "a misty Scottish glen", width=1024, seed=3)
    result = lift_panorama(ldr)                               # generation.hdr

torch is imported inside `seamless` functions (this module imports without it).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .seamless import generate_seamless, resample_wrapped

CAP_DEG = 12.0


@dataclass
class PanoramaRequest:
    prompt: str
    width: int = 1024                # height = width / 2; multiples of 16
    seed: int = 0
    steps: int = 25
    guidance: float = 7.0
    negative_prompt: str = "seam, border, frame, text, watermark, distorted horizon"


def generate_panorama(model: Any, request: PanoramaRequest) -> np.ndarray:
    """(H, W, 3) uint8 sRGB equirect panorama from a loaded pipeline."""
    from ..core.errors import InputError

    width, height = int(request.width), int(request.width) // 2
    if width % 16 or width < 64:
        raise InputError(f"panorama width {width}: use a multiple of 16, at least 64")
    image = generate_seamless(model, f"360 degree equirectangular panorama, {request.prompt}",
                              request.negative_prompt, width, height, request.steps,
                              request.guidance, request.seed, axes="x")
    return (np.clip(calm_poles(image), 0.0, 1.0) * 255.0 + 0.5).astype(np.uint8)


def upscale_ldr(ldr: np.ndarray, width: int) -> np.ndarray:
    """uint8 equirect -> `width` x `width/2`, bilinear, wrapping in azimuth."""
    if ldr.shape[1] == width:
        return ldr
    wide = resample_wrapped(ldr, width // 2, width, wrap_rows=False)
    return np.clip(wide + 0.5, 0, 255).astype(np.uint8)


def calm_poles(image: np.ndarray, cap_deg: float = CAP_DEG) -> np.ndarray:
    """Blend the top and bottom `cap_deg` of an equirect image toward each row's mean."""
    out = np.array(image, np.float32, copy=True)
    height = out.shape[0]
    rows = max(1, int(round(height * cap_deg / 180.0)))
    t = np.arange(rows) / rows                               # 0 at the pole .. 1 at the edge
    weight = (1.0 - t * t * (3.0 - 2.0 * t))[:, None, None]  # smoothstep, 1 at the pole
    for band in (slice(0, rows), slice(height - rows, height)):
        block = out[band]
        w = weight if band.start == 0 else weight[::-1]
        out[band] = block * (1.0 - w) + block.mean(axis=1, keepdims=True) * w
    return out


def lift_panorama(ldr: np.ndarray, source: Path | None = None):
    """An 8-bit panorama in memory -> generation.hdr LiftResult (sun, fit, HDR map)."""
    from ..generation.hdr import lift
    from ..generation.hdr.read import _LUT8, CLIP_8BIT, Panorama, srgb_clip_floor

    top = ldr.max(axis=2)
    pano = Panorama(_LUT8[ldr], top >= CLIP_8BIT, "ai", "inverse sRGB (IEC 61966-2-1)",
                    source or Path("ai_panorama.png"), _LUT8[top],
                    clip_floor=srgb_clip_floor())
    return lift(pano), pano


def make_ai_sky(model: Any, request: PanoramaRequest, out_path: Path,
                expand_ev: float = 2.0) -> tuple[Any, Path]:
    """Generate, lift, write SKY.exr + SKY.png + SKY.json and the LDR as SKY_ldr.png
    (what `ai-sets sky --backend diffusers` needs); nothing is left if a write fails."""
    from ..core.fileio import write_png
    from ..generation.hdr import write_lift

    out_path = Path(out_path)
    ldr = upscale_ldr(generate_panorama(model, request), max(int(request.width), 256))
    ldr_path = out_path.with_name(out_path.stem + "_ldr.png")
    write_png(ldr_path, ldr)
    try:
        result, pano = lift_panorama(ldr, ldr_path)
        write_lift(out_path, result, pano, expand_ev)
    except BaseException:
        ldr_path.unlink(missing_ok=True)
        raise
    return result, ldr_path
