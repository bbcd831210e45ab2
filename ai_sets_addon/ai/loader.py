"""Load a diffusers pipeline from local weights.

Families: plain SD 1.5 / SDXL text-to-image (AI materials and skies: nothing to follow,
so no control network is loaded unless one is asked for), SD 1.5 + depth ControlNet,
SDXL + depth ControlNet, SDXL + depth T2I-Adapter (the light option; painting needs one
of these three). The base model is a diffusers folder, a single-file checkpoint or a
Hugging Face cache id (offline unless downloads are allowed); the control model is
given separately or comes inside a saved ControlNet / adapter pipeline folder.
torch and diffusers are imported here, inside functions only.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..core.errors import InputError
from .models import ModelInfo, inspect_model, looks_like_hf_id, pickle_refusal

PIPELINES = {
    ("sd15", None): "StableDiffusionPipeline",
    ("sdxl", None): "StableDiffusionXLPipeline",
    ("sd15", "controlnet"): "StableDiffusionControlNetPipeline",
    ("sdxl", "controlnet"): "StableDiffusionXLControlNetPipeline",
    ("sdxl", "t2i-adapter"): "StableDiffusionXLAdapterPipeline",
}
FAMILY_NAMES = {("sd15", None): "sd15", ("sdxl", None): "sdxl",
                ("sd15", "controlnet"): "sd15-controlnet",
                ("sdxl", "controlnet"): "sdxl-controlnet",
                ("sdxl", "t2i-adapter"): "sdxl-t2i-adapter"}
# fp16 weights + activations at 1024² (SDXL) / 768² (SD 1.5): below this, offload.
GPU_BYTES_NEEDED = {"sd15": 5.5e9, "sdxl": 11e9}


@dataclass(frozen=True)
class ModelRequest:
    model: str                       # base: folder, .safetensors, or HF id
    controlnet: str | None = None    # depth ControlNet or T2I-Adapter: folder, file or id
    config: str | None = None        # single-file base: diffusers folder/id with its configs
    allow_pickle: bool = False
    allow_downloads: bool = False
    device: str = "auto"             # auto | cuda | mps | cpu
    precision: str = "auto"          # auto (fp16 on GPU) | fp16 | fp32
    offload: str = "auto"            # auto | none | model | sequential


@dataclass
class LoadedModel:
    pipe: Any
    family: str                      # sd15 | sdxl | sd15-controlnet | sdxl-controlnet |
                                     # sdxl-t2i-adapter
    control_kind: str | None         # controlnet | t2i-adapter | None (text-to-image)
    device: str
    dtype: str
    request: ModelRequest

    def describe(self) -> dict[str, Any]:
        return {"family": self.family, "device": self.device, "dtype": self.dtype,
                **{k: v for k, v in asdict(self.request).items() if v is not None}}


def locate(text: str, request: ModelRequest) -> tuple[str, ModelInfo]:
    """A path or HF id -> (local path, what it holds); raises InputError listing problems."""
    path = Path(text).expanduser()
    if path.exists():
        info = inspect_model(path, request.allow_pickle)
    elif looks_like_hf_id(text):
        path = Path(_hf_snapshot(text, request.allow_downloads))
        info = inspect_model(path, request.allow_pickle)
    else:
        raise InputError(f"no model at '{text}': give a diffusers folder, a .safetensors "
                         "file, or a Hugging Face id already in the local cache")
    if info.problems:
        raise InputError(f"cannot use '{text}':\n  - " + "\n  - ".join(info.problems))
    return str(path), info


def _hf_snapshot(repo_id: str, allow_downloads: bool) -> str:
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import LocalEntryNotFoundError

    try:
        return snapshot_download(repo_id, local_files_only=True)
    except (LocalEntryNotFoundError, FileNotFoundError, OSError):
        if not allow_downloads:
            raise InputError(
                f"'{repo_id}' is not in the Hugging Face cache and downloads are off; "
                "download it once (huggingface-cli download " + repo_id + ") or allow "
                "downloads (--allow-downloads; in Blender, also Online Access)") from None
    patterns = ["*.json", "*.txt", "*.safetensors", "*.model"]
    return snapshot_download(repo_id, allow_patterns=patterns)


def require_ai_packages() -> None:
    """Say how to install torch and diffusers when this Python lacks them."""
    import importlib.util

    missing = [name for name in ("torch", "diffusers", "transformers")
               if importlib.util.find_spec(name) is None]
    if missing:
        raise InputError(
            f"the diffusers backend needs {', '.join(missing)}, not installed in this Python: "
            "pip install 'ai-sets[ai]' (torch==2.13.0, diffusers, transformers), or "
            "install the AI worker from the add-on preferences, or use the procedural "
            "backend (the default)")


def pick_device(preference: str = "auto") -> str:
    import torch

    if preference != "auto":
        return preference
    if torch.cuda.is_available():
        return "cuda"
    if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
        return "mps"
    return "cpu"


def pick_dtype(device: str, precision: str):
    import torch

    if precision == "fp32" or (precision == "auto" and device == "cpu"):
        return torch.float32
    return torch.float16


def resolve(request: ModelRequest, needs_control: bool = True
            ) -> tuple[tuple[str, ModelInfo], tuple[str, ModelInfo] | None, str | None]:
    """Check the base and control models fit together, before loading anything big.
    Returns (base, separate control or None, control kind or None). Without
    `needs_control` (materials, skies) a control model is used only when
    `request.controlnet` names one: a saved ControlNet pipeline's own stays on disk."""
    base = locate(request.model, request)
    if base[1].kind != "pipeline":
        raise InputError(f"--model '{request.model}' is a {base[1].kind}, not a base model: "
                         "give an SD 1.5 / SDXL pipeline folder or checkpoint, and pass the "
                         "depth model with --controlnet")
    control = locate(request.controlnet, request) if request.controlnet else None
    if needs_control and control is None and base[1].control is None:
        raise InputError(
            f"'{request.model}' has no depth control model, and painting follows the "
            "set's depth: pass --controlnet PATH (a "
            "diffusers ControlNet or T2I-Adapter folder with config.json + "
            "diffusion_pytorch_model.safetensors, a .safetensors file, or a cached HF id, "
            "e.g. lllyasviel/control_v11f1p_sd15_depth); AI materials and skies need none")
    if control is not None:
        if control[1].kind not in ("controlnet", "t2i-adapter"):
            raise InputError(f"--controlnet '{request.controlnet}' is a {control[1].kind}, "
                             "not a ControlNet or T2I-Adapter")
        if control[1].family not in (base[1].family, "unknown"):
            raise InputError(f"--controlnet is for {control[1].family} but the base model is "
                             f"{base[1].family}: use a depth model made for {base[1].family}")
    kind = control[1].kind if control else (base[1].control if needs_control else None)
    if (base[1].family, kind) not in PIPELINES:
        raise InputError(f"{base[1].family} with a {kind} is not supported; supported: "
                         + ", ".join(FAMILY_NAMES.values()))
    return base, control, kind


def load_pipeline(request: ModelRequest, needs_control: bool = True) -> LoadedModel:
    """Build the pipeline on the best device (fp16 on GPU, offload when memory is short):
    depth-controlled for painting (`needs_control`), else plain text-to-image unless
    `request.controlnet` names a control model. The models are checked first, so a wrong
    path is reported even where diffusers is missing; a missing diffusers or torch is an
    environment error (exit 2), not a bug."""
    (base_path, base), control, kind = resolve(request, needs_control)
    require_ai_packages()
    import diffusers

    device = pick_device(request.device)
    dtype = pick_dtype(device, request.precision)
    extra: dict[str, Any] = {}
    if control is not None:
        arg = "controlnet" if kind == "controlnet" else "adapter"
        extra[arg] = _load_control(control, kind, dtype, request)
    if base.family == "sd15":
        extra.update(safety_checker=None, requires_safety_checker=False)
    cls = getattr(diffusers, PIPELINES[(base.family, kind)])
    pipe = _load_base(cls, base_path, base, dtype, request, extra)
    pipe.scheduler = diffusers.EulerDiscreteScheduler.from_config(pipe.scheduler.config)
    pipe.set_progress_bar_config(disable=True)
    _place(pipe, device, base.family, request.offload)
    return LoadedModel(pipe, FAMILY_NAMES[(base.family, kind)], kind, device,
                       str(dtype).replace("torch.", ""), request)


def _load_control(control: tuple[str, ModelInfo], kind: str, dtype, request: ModelRequest):
    import diffusers

    path, info = control
    cls = diffusers.ControlNetModel if kind == "controlnet" else diffusers.T2IAdapter
    if info.format == "diffusers":
        return cls.from_pretrained(path, **_dtype_kw(dtype), local_files_only=True,
                                   use_safetensors=None if request.allow_pickle else True)
    _check_pickle(path, info, request)
    if kind != "controlnet":
        raise InputError(f"'{path}': a T2I-Adapter must be a diffusers folder")
    return cls.from_single_file(path, **_dtype_kw(dtype),
                                local_files_only=not request.allow_downloads)


def _load_base(cls, path: str, info: ModelInfo, dtype, request: ModelRequest, extra):
    if info.format == "diffusers":
        return cls.from_pretrained(path, **_dtype_kw(dtype), local_files_only=True,
                                   use_safetensors=None if request.allow_pickle else True,
                                   **extra)
    _check_pickle(path, info, request)
    config = request.config
    if config and Path(config).expanduser().exists():
        config = str(Path(config).expanduser())
    try:
        return cls.from_single_file(path, config=config, **_dtype_kw(dtype),
                                    local_files_only=not request.allow_downloads, **extra)
    except (OSError, ValueError) as exc:
        if request.allow_downloads:
            raise
        raise InputError(
            f"'{path}' is a single-file checkpoint; its component configs (scheduler, "
            "tokenizer, text encoder, VAE) come from a diffusers folder: pass --config DIR "
            "(the matching base model in diffusers layout, or a cached HF id such as "
            f"stable-diffusion-v1-5/stable-diffusion-v1-5), or allow downloads. ({exc})") from exc


def _dtype_kw(dtype) -> dict[str, Any]:
    """diffusers renamed `torch_dtype` to `dtype` (0.4x); pass whichever it knows."""
    from diffusers.utils import deprecation_utils

    return {"dtype" if hasattr(deprecation_utils, "_resolve_dtype") else "torch_dtype": dtype}


def _check_pickle(path: str, info: ModelInfo, request: ModelRequest) -> None:
    if info.format == "pickle" and not request.allow_pickle:
        raise InputError(pickle_refusal(path))


def _place(pipe, device: str, family: str, offload: str) -> None:
    import torch

    if device != "cuda":
        pipe.to(device)
        if device == "mps":
            pipe.enable_attention_slicing()
        return
    total = torch.cuda.get_device_properties(0).total_memory
    mode = offload if offload != "auto" else (
        "none" if total >= GPU_BYTES_NEEDED[family] else "model")
    if mode == "sequential":
        pipe.enable_sequential_cpu_offload()
    elif mode == "model":
        pipe.enable_model_cpu_offload()
    else:
        pipe.to("cuda")
    if total < 0.75 * GPU_BYTES_NEEDED[family]:
        pipe.enable_attention_slicing()
