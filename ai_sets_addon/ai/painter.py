"""The diffusers view painter: depth-conditioned generation that keeps what earlier
views painted (TEXTure / Text2Tex style latent blending).

After every denoising step the latents of `keep` regions are replaced by the earlier
views' colours encoded by the VAE and noised to the next timestep, so the model paints
around them and continues them across the seam; `refine` regions are held the same
way for the first part of the schedule only, then repainted. Cancel is checked
between steps; progress is reported per step.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..core.errors import Cancelled
from .paint.painters import StepCallback, ViewRequest, composite_keep
from .loader import LoadedModel


class _Stop(Exception):
    """Raised inside a step callback to leave the denoising loop at once."""


@dataclass
class DiffusersPainter:
    model: LoadedModel
    name: str = "diffusers"

    def __post_init__(self) -> None:
        if self.model.control_kind is None:
            from ..core.errors import InputError

            raise InputError(f"painting follows the set's depth, and "
                             f"'{self.model.request.model}' was loaded without a depth "
                             "model: pass --controlnet PATH (a depth ControlNet or "
                             "T2I-Adapter)")

    def paint(self, request: ViewRequest, on_step: StepCallback | None = None) -> np.ndarray:
        import torch

        pipe = self.model.pipe
        h, w = request.control.shape
        _check_size(w, h)
        generator = torch.Generator("cpu").manual_seed(int(request.seed))
        blend = _Blend(pipe, request, on_step) if request.keep.any() or request.refine.any() \
            else _Blend(pipe, None, on_step, steps=request.steps)
        kwargs = dict(prompt=request.prompt, negative_prompt=request.negative_prompt or None,
                      image=_control_image(request.control), height=h, width=w,
                      num_inference_steps=request.steps, guidance_scale=request.guidance,
                      generator=generator, output_type="np")
        if self.model.control_kind == "controlnet":
            kwargs.update(controlnet_conditioning_scale=request.control_scale,
                          callback_on_step_end=blend.on_step_end,
                          callback_on_step_end_tensor_inputs=["latents"])
        else:
            kwargs.update(adapter_conditioning_scale=request.control_scale,
                          callback=blend.legacy, callback_steps=1)
        try:
            with torch.inference_mode():
                image = pipe(**kwargs).images[0]
        except _Stop:
            raise Cancelled(f"painting '{request.camera}' cancelled") from None
        return composite_keep(request, np.asarray(image, np.float32))


def _check_size(width: int, height: int) -> None:
    from ..core.errors import InputError

    if width % 8 or height % 8:
        raise InputError(f"view size {width}x{height}: both sides must be multiples of 8")


def _control_image(control: np.ndarray):
    from PIL import Image

    grey = np.round(np.clip(control, 0.0, 1.0) * 255).astype(np.uint8)
    return Image.fromarray(np.repeat(grey[..., None], 3, axis=2), "RGB")


class _Blend:
    """Per-step latent blending and progress / cancel."""

    def __init__(self, pipe, request: ViewRequest | None, on_step: StepCallback | None,
                 steps: int | None = None) -> None:
        self.pipe, self.on_step = pipe, on_step
        self.total = steps if request is None else request.steps
        self.known = None
        if request is not None:
            self._prepare(request)

    def _prepare(self, request: ViewRequest) -> None:
        import torch

        pipe = self.pipe
        device = pipe._execution_device
        self.known = _encode(pipe, request.known, device)
        factor = pipe.vae_scale_factor
        self.keep = _pool(request.keep, factor, device, self.known.dtype)
        self.refine = _pool(request.refine, factor, device, self.known.dtype)
        self.hold_refine_until = int(round(request.steps * (1.0 - request.strength_refine)))
        generator = torch.Generator("cpu").manual_seed(int(request.seed) + 7919)
        self.noise = torch.randn(self.known.shape, generator=generator,
                                 dtype=torch.float32).to(device, self.known.dtype)

    def on_step_end(self, pipe, step: int, timestep, kwargs: dict) -> dict:
        latents = kwargs["latents"]
        return {"latents": self._blend(latents, step)}

    def legacy(self, step: int, timestep, latents) -> None:
        latents.copy_(self._blend(latents, step))

    def _blend(self, latents, step: int):
        done = step + 1
        if self.on_step is not None and self.on_step(done, self.total) is False:
            raise _Stop()
        if self.known is None:
            return latents
        timesteps = self.pipe.scheduler.timesteps
        if done < len(timesteps):
            target = self.pipe.scheduler.add_noise(self.known, self.noise,
                                                   timesteps[done:done + 1])
        else:
            target = self.known
        fixed = self.keep + self.refine * float(done < self.hold_refine_until)
        fixed = fixed.clamp(0.0, 1.0)
        return (fixed * target.to(latents.dtype) + (1.0 - fixed) * latents).to(latents.dtype)


def _encode(pipe, image: np.ndarray, device):
    """sRGB (H, W, 3) in [0, 1] -> scaled VAE latents (mean, no sampling noise); the
    VAE runs in float32 when its config asks for it (SDXL's overflows in fp16)."""
    import torch

    vae = pipe.vae
    dtype = vae.dtype
    upcast = dtype == torch.float16 and getattr(vae.config, "force_upcast", False)
    if upcast:
        vae.to(torch.float32)
    x = torch.from_numpy(np.ascontiguousarray(image.transpose(2, 0, 1))[None] * 2.0 - 1.0)
    x = x.to(device, vae.dtype)
    with torch.inference_mode():
        latents = vae.encode(x).latent_dist.mean
    if upcast:
        vae.to(dtype)
    shift = getattr(vae.config, "shift_factor", None) or 0.0
    unet_dtype = pipe.unet.dtype
    return ((latents - shift) * vae.config.scaling_factor).to(unet_dtype)


def _pool(mask: np.ndarray, factor: int, device, dtype):
    """(H, W) -> (1, 1, H/f, W/f) mean over each latent cell."""
    import torch

    h, w = mask.shape
    cells = mask.reshape(h // factor, factor, w // factor, factor).mean(axis=(1, 3))
    return torch.from_numpy(cells.astype(np.float32))[None, None].to(device, dtype)
