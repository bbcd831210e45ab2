"""Seamless AI materials: a tiling colour from a diffusion model, then the same PBR map
set, files and description as the procedural materials (so the scene builder and the
exporters treat both alike).

Model: plain text-to-image (a ControlNet / adapter only when the user names one; see
`seamless.generate_seamless`). Tiling: every conv of the UNet and the VAE (and of the
control model, if any) pads circularly in x and y while the image is made
(`seamless.circular_padding(axes="xy")`); a tile painted below the map size is resized
with the same wrap (`seamless.resample_wrapped`). Maps: `pbr.py`
(band-passed luminance height, Sobel normal, roughness from brightness and contrast,
cavity AO: a heuristic, named in the sidecar). The real-world tile size is the caller's
(a family's trade size when the words name one; 1 m otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..model.assets import MaterialDescription
from .pbr import pbr_from_colour
from .seamless import generate_seamless, resample_wrapped

NEGATIVE = "perspective, shadow, border, frame, text"


@dataclass
class AiMaterialRequest:
    prompt: str
    key: str                          # file names: KEY_base_color.png ... KEY.json
    size: int = 512                   # pixels a side, a multiple of 8
    seed: int = 0
    steps: int = 25
    guidance: float = 7.0
    tile_size_m: tuple[float, float] = (1.0, 1.0)
    height_range_m: float = 0.01      # what height 0..1 spans (displacement amplitude)
    generate_size: int | None = None  # the model's own size when `size` is larger: the
                                      # colour is then resampled (wrapping) up to `size`
    extra_params: dict[str, Any] = field(default_factory=dict)   # recorded as they are


def generate_tile(model: Any, request: AiMaterialRequest) -> np.ndarray:
    """(n, n, 3) float32 sRGB 0..1 tiling colour from a loaded pipeline."""
    n = int(request.generate_size or request.size)
    return generate_seamless(model, f"seamless tileable texture, flat, top-down, "
                             f"{request.prompt}", NEGATIVE, n, n, request.steps,
                             request.guidance, request.seed, axes="xy")


def make_ai_material(model: Any, request: AiMaterialRequest, out_dir: Path
                     ) -> MaterialDescription:
    """Generate, derive the maps, write them as the procedural backend does."""
    return write_ai_material(generate_tile(model, request), request, model.describe(),
                             out_dir)


def write_ai_material(colour: np.ndarray, request: AiMaterialRequest,
                      model_info: dict[str, Any], out_dir: Path) -> MaterialDescription:
    """Maps from a tiling colour, written with the procedural names and sidecar (apart
    from generation, so a shared model is held only while it paints)."""
    from ..core.fileio import write_json
    from ..generation.materials import maps as mp
    from ..generation.materials.backend import write_maps

    colour = resample_wrapped(colour, int(request.size), int(request.size))
    pbr = pbr_from_colour(colour)
    half = request.height_range_m / 2.0
    params = {"backend": "diffusers", "prompt": request.prompt, "seed": request.seed,
              "steps": request.steps, "guidance": request.guidance, "size": request.size,
              "generated_size": int(request.generate_size or request.size),
              "pbr_method": pbr.method, "model": model_info,
              "height_median": float(np.median(pbr.height)), **request.extra_params}
    maps = mp.MaterialMaps(family="ai", tile_size_m=tuple(request.tile_size_m),
                           base_color=colour, normal=pbr.normal * 2.0 - 1.0,
                           roughness=pbr.roughness, height=pbr.height, ao=pbr.ao,
                           metallic=None, metallic_value=0.0, height_min_m=-half,
                           height_max_m=half, params=params)
    paths = write_maps(maps, request.key, Path(out_dir))
    write_json(Path(out_dir) / f"{request.key}.json", dict(
        params, key=request.key, family="ai", tile_size_m=list(request.tile_size_m),
        height_min_m=-half, height_max_m=half, maps={k: p.name for k, p in paths.items()},
        normal_convention="OpenGL (+Y up)",
        colour_spaces={"base_color": "sRGB", "others": "Non-Color"}))
    return MaterialDescription(key=request.key, family="ai",
                               tile_size_m=tuple(request.tile_size_m), maps=paths,
                               metallic=0.0, displacement_m=request.height_range_m,
                               params=params)
