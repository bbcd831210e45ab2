"""The diffusers backend: find and load local models (plain SD 1.5 / SDXL for AI
materials and skies; depth-conditioned for painting), and paint views.

Nothing here imports torch or diffusers at module import: `models` reads folders and
safetensors headers with the standard library; `loader` and `painter` import torch
inside their functions, so the add-on and the worker start without them.
"""

from .loader import LoadedModel, ModelRequest, load_pipeline
from .models import ModelInfo, inspect_model, list_models

__all__ = ["LoadedModel", "ModelInfo", "ModelRequest", "inspect_model", "list_models",
           "load_pipeline"]
