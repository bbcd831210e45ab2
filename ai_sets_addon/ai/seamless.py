"""Seamless generation: every Conv2d pads by wrapping around instead of with zeros.

A convolution that pads with zeros sees an edge, so a diffusion model paints one; when
every conv of the UNet, the ControlNet and the VAE decoder pads circularly, the image is
a function on a torus (materials: tiles in x and y) and a shift of the latents shifts
the image (translation-equivariant across the seam). Panoramas wrap in azimuth only:
circular in x, replicate in y (the poles are not neighbours of each other).

    with circular_padding(pipe.unet, pipe.vae, pipe.controlnet, axes="xy"):
        image = pipe(...).images[0]

Torch is imported lazily (generation/ never needs it at import). What this does not
cover: explicit `F.pad(..., (0, 1, 0, 1))` zero pads inside a model (diffusers'
Downsample2D with padding=0, used by some VAE encoders) stay as they are; the decoder,
which makes the pixels, has none.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

AXES = ("xy", "x")


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
    import numpy as np

    a = np.asarray(image, np.float64)
    inner = np.abs(np.diff(a, axis=axis)).mean()
    first = np.take(a, 0, axis=axis)
    last = np.take(a, -1, axis=axis)
    return float(np.abs(first - last).mean() / max(inner, 1e-12))
