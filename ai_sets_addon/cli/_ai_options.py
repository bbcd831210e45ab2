"""The diffusers-backend options `material`, `sky` and `build` share (not a command):
the same names and meanings as `ai-sets paint`, so one model path works everywhere."""

from __future__ import annotations

import argparse

from ..core import limits
from . import common

BACKENDS = limits.BACKENDS.values


def add_model_arguments(group, prefix: str = "", model: bool = True,
                        generation: bool = True) -> None:
    """--model ... --offload (`ai-sets paint` takes these too), and unless `generation`
    is False --steps/--guidance/--model-size (with `prefix`, e.g. --ai-steps)."""
    if model:
        group.add_argument("--model", help="base model for the diffusers backend: diffusers "
                                           "folder, .safetensors checkpoint or cached "
                                           "Hugging Face id (see `ai-sets models`; default: none)")
        group.add_argument("--controlnet", help="depth ControlNet or T2I-Adapter (folder, "
                                                ".safetensors or cached id): painting needs "
                                                "one unless --model is a saved ControlNet "
                                                "pipeline; AI materials and skies run "
                                                "text-to-image and load it only when given "
                                                "(default: none)")
    group.add_argument("--config", help="for a single-file --model: the diffusers folder or "
                                        "cached id its configs come from (default: none)")
    group.add_argument("--allow-pickle", action="store_true",
                       help="allow pickled .ckpt/.bin/.pt weights (they can run code; "
                            "default: off)")
    group.add_argument("--allow-downloads", action="store_true",
                       help="let diffusers download missing models from Hugging Face "
                            "(default: off)")
    group.add_argument("--device", choices=("auto", "cuda", "mps", "cpu"), default="auto",
                       help="where the model runs: auto is CUDA, else MPS, else the CPU "
                            "(default: %(default)s)")
    group.add_argument("--precision", choices=("auto", "fp16", "fp32"), default="auto",
                       help="weights and activations: auto is fp16 on a GPU, fp32 on the "
                            "CPU (default: %(default)s)")
    group.add_argument("--offload", choices=("auto", "none", "model", "sequential"),
                       default="auto", help="CPU offload for small GPUs: none, whole "
                                            "models, or layer by layer (sequential, "
                                            "slowest, least memory) (default: %(default)s)")
    if not generation:
        return
    group.add_argument(f"--{prefix}steps", type=limits.AI_STEPS.argtype(), default=25,
                       help=limits.AI_STEPS.help("denoising steps of the diffusers backend", 25))
    group.add_argument(f"--{prefix}guidance", type=limits.AI_GUIDANCE.argtype(), default=7.0,
                       help=limits.AI_GUIDANCE.help("classifier-free guidance of the diffusers "
                                                    "backend", 7.0))
    group.add_argument(f"--{prefix}model-size", type=model_size, metavar="PX",
                       help="side the model paints at, a multiple of 16 from 64 to 2048: "
                            "material tiles PXxPX, panoramas (2PX)xPX, then resampled "
                            "(wrapping) to the size asked for (default: the model's own, "
                            "512 for SD 1.5, 1024 for SDXL)")


def model_size(text: str) -> int:
    value = limits.AI_MODEL_SIZE.argtype()(text)
    if value % 16:
        raise argparse.ArgumentTypeError(f"{value} is not a multiple of 16")
    return value


def ai_settings(args: argparse.Namespace, prefix: str = ""):
    """The parsed options -> generation.ai_assets.backends.AiSettings."""
    from ..model.ai_settings import AiSettings

    key = prefix.replace("-", "_")
    return AiSettings(model=args.model or "", controlnet=args.controlnet, config=args.config,
                      allow_pickle=args.allow_pickle, allow_downloads=args.allow_downloads,
                      device=args.device, precision=args.precision, offload=args.offload,
                      steps=getattr(args, f"{key}steps"),
                      guidance=getattr(args, f"{key}guidance"),
                      model_size=getattr(args, f"{key}model_size"))


def shared_model(args: argparse.Namespace, progress, prefix: str = ""):
    """The model, loaded now (a bad path or a pickle fails before anything is written)."""
    from ..ai.backends import SharedModel

    model = SharedModel(ai_settings(args, prefix))
    progress(0.0, f"loading {model.settings.model or '(no --model)'}")
    with model.using() as loaded:
        progress(0.05, f"loaded {loaded.family} on {loaded.device} ({loaded.dtype})")
    return model
