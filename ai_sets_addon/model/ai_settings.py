"""Which local model a diffusers backend uses and how to run it: plain data.

It travels in BuildOptions, set.json and job files; the AI package (`ai/`) turns it
into a loaded pipeline. Nothing here imports torch or the AI package.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from ..core import limits
from ..core.errors import InputError


@dataclass
class AiSettings:
    """Which local model and how to run it (the `ai-sets paint` options)."""

    model: str = ""
    controlnet: str | None = None
    config: str | None = None
    allow_pickle: bool = False
    allow_downloads: bool = False
    device: str = "auto"
    precision: str = "auto"
    offload: str = "auto"
    steps: int = 25
    guidance: float = 7.0
    model_size: int | None = None    # side the model paints (tiles n x n, panoramas 2n x n);
                                     # None: its own (512 SD 1.5, 1024 SDXL)

    @classmethod
    def coerce(cls, value: AiSettings | dict[str, Any] | None) -> AiSettings:
        """From BuildOptions (a dataclass, or the dict a set.json / job file holds)."""
        if isinstance(value, cls):
            return value
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in (value or {}).items() if k in known})


    def check(self) -> None:
        """A model must be named, and the numbers be within core/limits.py."""
        if not self.model or not str(self.model).strip():
            raise InputError("the diffusers backend needs a model: pass --model PATH (a "
                             "diffusers folder, a .safetensors checkpoint or a cached "
                             "Hugging Face id; see `ai-sets models`)")
        limits.AI_STEPS.check(self.steps)
        limits.AI_GUIDANCE.check(self.guidance)
        if self.model_size is not None:
            limits.AI_MODEL_SIZE.check(self.model_size)

