"""Seamless generation: every Conv2d pads by wrapping around instead of with zeros.

A convolution that pads with zeros sees an edge, so a diffusion model paints one; when
every conv of the UNet, the VAE decoder (and a ControlNet, when one was asked for) pads
circularly, the image is a function on a torus (materials: tiles in x and y) and a
shift of the latents shifts the image (translation-equivariant across the seam).
Panoramas wrap in azimuth only: circular in x, replicate in y (the poles are not
neighbours of each other).

    image = generate_seamless(model, "rusty metal", "", 512, 512, 25, 7.0, seed, "xy")

`resample_wrapped` is the one resize of such images (tiles and panoramas): neighbours
are taken across the wrapping edges, so a resized tile still tiles.

Torch is imported lazily (generation/ never needs it at import). What this does not
cover: explicit `F.pad(..., (0, 1, 0, 1))` zero pads inside a model (diffusers'
Downsample2D with padding=0, used by some VAE encoders) stay as they are; the decoder,
which makes the pixels, has none.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np

AXES = ("xy", "x")
CONTROL_PARTS = {"controlnet": ("controlnet", "controlnet_conditioning_scale"),
                 "t2i-adapter": ("adapter", "adapter_conditioning_scale")}


def generate_seamless(model: Any, prompt: str, negative_prompt: str, width: int,
                      height: int, steps: int, guidance: float, seed: int,
                      axes: str) -> np.ndarray:
    """(height, width, 3) float32 sRGB 0..1 from a loaded model, wrapping on `axes`.

    A text-to-image model (`control_kind` None) runs as it is. A control model, loaded
    only when the user named one, gets a flat mid-grey control at conditioning scale 0:
    a tile or a panorama has no depth to follow."""
    import torch

    kwargs: dict[str, Any] = dict(
        prompt=prompt, negative_prompt=negative_prompt or None, height=height, width=width,
        num_inference_steps=steps, guidance_scale=guidance, output_type="np",
        generator=torch.Generator("cpu").manual_seed(int(seed)))
    pipe = model.pipe
    parts = [pipe.unet, pipe.vae]
    if model.control_kind is not None:
        from PIL import Image

        attribute, scale = CONTROL_PARTS[model.control_kind]
        kwargs.update({"image": Image.new("RGB", (width, height), (128, 128, 128)),
                       scale: 0.0})
        parts.append(getattr(pipe, attribute))
    with torch.inference_mode(), circular_padding(*parts, axes=axes):
        image = np.asarray(pipe(**kwargs).images[0], np.float32)
    return np.clip(image, 0.0, 1.0)


def resample_wrapped(image: np.ndarray, height: int, width: int,
                     wrap_rows: bool = True) -> np.ndarray:
    """(h, w[, C]) -> (height, width[, C]) bilinear, float32. Columns always wrap; rows
    wrap too for a tile (`wrap_rows`) and clamp for a panorama (its poles are not
    neighbours). A clamped resize of a tile would put a seam back."""
    out = np.asarray(image, np.float32)
    for axis, size, wrap in ((0, int(height), wrap_rows), (1, int(width), True)):
        n = out.shape[axis]
        if n == size:
            continue
        u = (np.arange(size) + 0.5) * (n / size) - 0.5
        lo = np.floor(u).astype(int)
        w = (u - lo).astype(np.float32).reshape([size if a == axis else 1
                                                for a in range(out.ndim)])
        if wrap:
            a, b = lo % n, (lo + 1) % n
        else:
            a, b = np.clip(lo, 0, n - 1), np.clip(lo + 1, 0, n - 1)
        out = np.take(out, a, axis=axis) * (1 - w) + np.take(out, b, axis=axis) * w
    return out


@contextmanager
def circular_padding(*modules: Any, axes: str = "xy") -> Iterator[int]:
    """Within the block, Conv2d layers of `modules` wrap around (axes 'xy' or 'x');
    restored afterwards, on errors too. Yields how many layers were changed."""
    if axes not in AXES:
        raise ValueError(f"axes must be one of {AXES}, got {axes!r}")
    changed: list[tuple[Any, str, Any]] = []
    try:
        for conv in _convs(modules):
            changed.append((conv, conv.padding_mode, conv.__dict__.get("_conv_forward")))
            if axes == "xy":
                conv.padding_mode = "circular"
            else:
                conv._conv_forward = _wrap_x(conv)
        yield len(changed)
    finally:
        for conv, mode, forward in changed:
            conv.padding_mode = mode
            if forward is None:
                conv.__dict__.pop("_conv_forward", None)
            else:
                conv._conv_forward = forward


def _convs(modules: tuple[Any, ...]) -> Iterator[Any]:
    import torch

    seen: set[int] = set()
    for module in modules:
        if module is None:
            continue
        for layer in module.modules():
            if isinstance(layer, torch.nn.Conv2d) and id(layer) not in seen \
                    and any(p > 0 for p in _pads(layer)):
                seen.add(id(layer))
                yield layer


def _pads(conv: Any) -> tuple[int, int, int, int]:
    """(left, right, top, bottom) as the layer would pad."""
    pads = getattr(conv, "_reversed_padding_repeated_twice", None)
    if pads is not None and len(pads) == 4:
        return tuple(int(p) for p in pads)
    ph, pw = conv.padding if isinstance(conv.padding, tuple) else (conv.padding,) * 2
    return int(pw), int(pw), int(ph), int(ph)


def _wrap_x(conv: Any):
    """A _conv_forward that pads circularly in x, by replication in y, then convolves."""
    import torch.nn.functional as F

    left, right, top, bottom = _pads(conv)

    def forward(x, weight, bias):
        x = F.pad(x, (left, right, 0, 0), mode="circular")
        if top or bottom:
            x = F.pad(x, (0, 0, top, bottom), mode="replicate")
        return F.conv2d(x, weight, bias, conv.stride, 0, conv.dilation, conv.groups)

    return forward


def seam_step_ratio(image: Any, axis: int = 1) -> float:
    """Mean |step| across the wrap seam / mean |step| between neighbouring columns (or
    rows with axis=0) of an (H, W[, C]) array: about 1 or below for a seamless image."""
    a = np.asarray(image, np.float64)
    inner = np.abs(np.diff(a, axis=axis)).mean()
    first = np.take(a, 0, axis=axis)
    last = np.take(a, -1, axis=axis)
    return float(np.abs(first - last).mean() / max(inner, 1e-12))
