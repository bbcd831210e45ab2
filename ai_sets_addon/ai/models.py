"""What a model path holds, found without torch: a diffusers folder (model_index.json
or config.json), a single-file `.safetensors` (its JSON header names the tensors), a
Hugging Face cache id, or pickled weights (refused unless allowed: unpickling can run
code). Used by the loader to pick the family and by `ai-sets models` to list them."""

from __future__ import annotations

import json
import os
import re
import struct
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import InputError

PICKLE_SUFFIXES = (".ckpt", ".bin", ".pt", ".pth", ".pkl")
WEIGHT_NAMES = ("diffusion_pytorch_model", "model")
HF_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")

# kinds: pipeline (base model, maybe with its ControlNet / adapter), controlnet,
# t2i-adapter; families: sd15, sdxl.
PIPELINE_CLASSES = {
    "StableDiffusionPipeline": ("sd15", None),
    "StableDiffusionControlNetPipeline": ("sd15", "controlnet"),
    "StableDiffusionImg2ImgPipeline": ("sd15", None),
    "StableDiffusionXLPipeline": ("sdxl", None),
    "StableDiffusionXLControlNetPipeline": ("sdxl", "controlnet"),
    "StableDiffusionXLAdapterPipeline": ("sdxl", "t2i-adapter"),
    "StableDiffusionXLImg2ImgPipeline": ("sdxl", None),
}


@dataclass
class ModelInfo:
    """One usable (or refused) model found on disk."""

    path: str
    kind: str                 # pipeline | controlnet | t2i-adapter | unknown
    family: str               # sd15 | sdxl | unknown
    format: str               # diffusers | safetensors | pickle
    size_bytes: int = 0
    control: str | None = None          # a pipeline's own controlnet / t2i-adapter
    problems: list[str] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        return not self.problems and self.kind != "unknown" and self.family != "unknown"

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "usable": self.usable}


def inspect_model(path: Path | str, allow_pickle: bool = False) -> ModelInfo:
    """Describe a folder or file; problems (missing parts, pickles) are listed, not raised."""
    path = Path(path).expanduser()
    if path.is_dir():
        return _inspect_folder(path, allow_pickle)
    if path.suffix.lower() == ".safetensors":
        return _inspect_single_file(path)
    if path.suffix.lower() in PICKLE_SUFFIXES:
        if not allow_pickle:
            return ModelInfo(str(path), "unknown", "unknown", "pickle", _size(path),
                             problems=[pickle_refusal(path)])
        kind, family = classify_keys(_pickle_keys(path))
        return ModelInfo(str(path), kind, family, "pickle", _size(path))
    return ModelInfo(str(path), "unknown", "unknown", "unknown", _size(path),
                     problems=[f"'{path.name}' is not a diffusers folder or .safetensors file"])


def pickle_refusal(path: Path | str) -> str:
    return (f"'{path}' holds pickled weights ({Path(path).suffix}): loading a pickle can run "
            "arbitrary code, so it is refused. Use a .safetensors version of the model, or "
            "pass --allow-pickle if you trust where this file came from.")


def _inspect_folder(path: Path, allow_pickle: bool) -> ModelInfo:
    if (path / "model_index.json").is_file():
        return _inspect_pipeline(path, allow_pickle)
    if (path / "config.json").is_file():
        return _inspect_component(path, allow_pickle)
    return ModelInfo(str(path), "unknown", "unknown", "diffusers", _size(path), problems=[
        f"'{path}' is not a diffusers model folder: expected model_index.json (a whole "
        "pipeline: unet/, vae/, text_encoder/, tokenizer/, scheduler/ beside it) or "
        "config.json with diffusion_pytorch_model.safetensors (a ControlNet or T2I-Adapter)"])


def _inspect_pipeline(path: Path, allow_pickle: bool) -> ModelInfo:
    index = _read_json(path / "model_index.json")
    family, control = PIPELINE_CLASSES.get(index.get("_class_name", ""), ("unknown", None))
    info = ModelInfo(str(path), "pipeline", family, "diffusers", _size(path), control=control)
    if family == "unknown":
        info.problems.append(f"{path / 'model_index.json'}: pipeline class "
                             f"'{index.get('_class_name')}' is not SD 1.5 or SDXL")
    for name, value in index.items():
        if name.startswith("_") or not isinstance(value, list) or value[0] is None:
            continue
        info.problems += _component_problems(path / name, name, allow_pickle)
    return info


def _component_problems(folder: Path, name: str, allow_pickle: bool) -> list[str]:
    """What is missing in one component sub-folder, said with the expected file names."""
    if not folder.is_dir():
        return [f"missing folder {folder}/ (listed in model_index.json)"]
    if name.startswith("tokenizer"):
        ok = (folder / "tokenizer.json").is_file() or (folder / "vocab.json").is_file()
        return [] if ok else [f"{folder}/: expected tokenizer.json or vocab.json + merges.txt"]
    if name.startswith("scheduler") or name in ("feature_extractor", "image_processor"):
        return []
    problems = [] if (folder / "config.json").is_file() else [f"missing {folder / 'config.json'}"]
    return problems + _weight_problems(folder, allow_pickle)


def _weight_problems(folder: Path, allow_pickle: bool) -> list[str]:
    names = [p.name for p in folder.iterdir() if p.is_file()]
    if any(n.endswith(".safetensors") or n.endswith(".safetensors.index.json") for n in names):
        return []
    pickles = [n for n in names if n.endswith(PICKLE_SUFFIXES)]
    if pickles:
        return [] if allow_pickle else [pickle_refusal(folder / pickles[0])]
    return [f"missing weights in {folder}/: expected diffusion_pytorch_model.safetensors "
            "(or model.safetensors for a text encoder)"]


def _inspect_component(path: Path, allow_pickle: bool) -> ModelInfo:
    config = _read_json(path / "config.json")
    cls = config.get("_class_name", "")
    if cls == "ControlNetModel":
        family = "sdxl" if config.get("addition_embed_type") == "text_time" else "sd15"
        kind = "controlnet"
    elif cls == "T2IAdapter":
        family = "sdxl" if config.get("adapter_type") == "full_adapter_xl" else "sd15"
        kind = "t2i-adapter"
    else:
        family = kind = "unknown"
    info = ModelInfo(str(path), kind, family, "diffusers", _size(path))
    if kind == "unknown":
        info.problems.append(f"{path / 'config.json'}: '{cls}' is not a ControlNet or T2I-Adapter")
    info.problems += _weight_problems(path, allow_pickle)
    return info


def _inspect_single_file(path: Path) -> ModelInfo:
    try:
        keys = safetensors_keys(path)
    except (OSError, ValueError) as exc:
        return ModelInfo(str(path), "unknown", "unknown", "safetensors", _size(path),
                         problems=[f"'{path}' is not a readable .safetensors file: {exc}"])
    kind, family = classify_keys(keys)
    info = ModelInfo(str(path), kind, family, "safetensors", _size(path))
    if kind == "unknown":
        info.problems.append(f"'{path.name}': tensors are not an SD 1.5 / SDXL checkpoint, "
                             "a ControlNet or a T2I-Adapter")
    return info


def safetensors_keys(path: Path | str) -> list[str]:
    """Tensor names from a .safetensors header (8-byte length + JSON), no torch needed."""
    with open(path, "rb") as fh:
        (length,) = struct.unpack("<Q", fh.read(8))
        if length > 100_000_000:
            raise ValueError("header too large")
        header = json.loads(fh.read(length))
    return [k for k in header if k != "__metadata__"]


def _pickle_keys(path: Path) -> list[str]:
    """Tensor names of an allowed pickle (torch's restricted weights-only unpickler)."""
    import torch

    data = torch.load(path, map_location="cpu", weights_only=True, mmap=True)
    data = data.get("state_dict", data) if isinstance(data, dict) else {}
    return [k for k in data if isinstance(k, str)]


def classify_keys(keys: list[str]) -> tuple[str, str]:
    """(kind, family) of a checkpoint from its tensor names (original or diffusers layout)."""
    joined = set(keys)
    has = lambda prefix: any(k.startswith(prefix) for k in joined)  # noqa: E731
    if has("conditioner.embedders.1"):
        return "pipeline", "sdxl"
    if has("model.diffusion_model.") and has("cond_stage_model."):
        return "pipeline", "sd15"
    if has("control_model.") or has("input_hint_block.") or has("controlnet_cond_embedding."):
        xl = has("add_embedding.") or has("label_emb.") or has("control_model.label_emb.")
        return "controlnet", "sdxl" if xl else "sd15"
    if has("adapter.body.") or has("body.0."):
        return "t2i-adapter", "unknown"
    return "unknown", "unknown"


def list_models(folder: Path | str, allow_pickle: bool = False) -> list[ModelInfo]:
    """Models directly in `folder` (diffusers folders, single files) and Hugging Face
    cache snapshots (`models--org--name/snapshots/<rev>`), sorted by path."""
    folder = Path(folder).expanduser()
    if not folder.is_dir():
        raise InputError(f"'{folder}' is not a folder")
    found: list[ModelInfo] = []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_dir() and entry.name.startswith("models--"):
            found += [inspect_model(s, allow_pickle) for s in _snapshots(entry)]
        elif entry.is_dir() and ((entry / "model_index.json").is_file()
                                 or (entry / "config.json").is_file()):
            found.append(inspect_model(entry, allow_pickle))
        elif entry.is_file() and entry.suffix.lower() in (".safetensors", *PICKLE_SUFFIXES):
            found.append(inspect_model(entry, allow_pickle))
    return found


def _snapshots(repo: Path) -> list[Path]:
    snaps = repo / "snapshots"
    return sorted(p for p in snaps.iterdir() if p.is_dir()) if snaps.is_dir() else []


def _read_json(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read {path}: {exc}") from exc


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    total = 0
    for root, _, files in os.walk(path, followlinks=True):
        total += sum((Path(root) / f).stat().st_size for f in files
                     if (Path(root) / f).exists())
    return total


def looks_like_hf_id(text: str) -> bool:
    return bool(HF_ID.match(text)) and not Path(text).expanduser().exists()
