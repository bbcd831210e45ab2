"""`ProceduralMaterials`: the default material backend (numpy only, no GPU, no weights).

Files written for a request with key K into out_dir:
  K_base_color.png   8-bit sRGB
  K_normal.png       8-bit, OpenGL convention (+Y up / green up), tangent space
  K_roughness.png    8-bit linear
  K_ao.png           8-bit linear
  K_height.png       16-bit linear, 0..1 spans height_min_m..height_max_m (sidecar)
  K_metallic.png     8-bit linear, only when metallic varies over the tile
  K.json             family, parameters, seed, real-world tile size, shader amounts
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from ...model.assets import MaterialDescription
from ...core.errors import InputError
from ...core.limits import TEXTURE_SIZE
from ...core.fileio import write_json, write_png_fast
from ...model.plan import MaterialRequest
from . import maps as mp
from . import modifiers as mods
from .core import FAMILIES, Ctx

MIN_SIZE, MAX_SIZE = int(TEXTURE_SIZE.lo), int(TEXTURE_SIZE.hi)
VERSION = 1

# Words that are not family keys but clearly mean one (a request from another backend,
# an older spec, or a typo'd family): the fallback keeps the set buildable.
ALIASES = {
    "stone": "rock", "stones": "rock", "cliff": "rock", "tile": "ceramic_tiles",
    "tiles": "ceramic_tiles", "wood": "wood_planks", "timber": "wood_planks",
    "floorboards": "wood_planks", "metal": "brushed_metal", "steel": "brushed_metal",
    "iron": "rusted_metal", "dirt": "soil", "mud": "soil", "earth": "soil",
    "lawn": "grass", "turf": "grass", "cloth": "fabric", "textile": "fabric",
    "rug": "carpet", "stucco": "plaster", "paint": "painted_wall", "drywall": "painted_wall",
    "cobbles": "cobblestone", "pavement": "paving_slabs", "tarmac": "asphalt",
    "road": "asphalt", "granite": "rock", "limestone": "rock", "ice": "snow",
    "beach": "sand", "pebbles": "gravel",
}
FALLBACK = "concrete"


def check_size(size: int) -> int:
    """A texture size within limits.TEXTURE_SIZE (a power of two: tiles, blurs and GPUs like it)."""
    if isinstance(size, np.integer):
        size = int(size)
    return int(TEXTURE_SIZE.check(size))


def resolve_family(name: str | None) -> tuple[str, str | None]:
    """Family key for a requested name, plus a notice when it had to fall back."""
    key = (name or "").strip().lower().replace(" ", "_").replace("-", "_")
    if key in FAMILIES:
        return key, None
    if key in ALIASES:
        return ALIASES[key], f"material '{name}' made as '{ALIASES[key]}'"
    if key.rstrip("s") in FAMILIES:
        return key.rstrip("s"), None
    return FALLBACK, f"material family '{name}' is not known; made as '{FALLBACK}'"


def generate_maps(request: MaterialRequest, size: int,
                  emit: Callable[[str, np.ndarray], None] | None = None) -> mp.MaterialMaps:
    """Every map for `request` as float32 arrays, written nowhere (tests, benchmarks).

    `emit(name, array)` sees each map as soon as it is final (see maps.finish).
    """
    size = check_size(size)
    key, notice = resolve_family(request.family)
    fam = FAMILIES[key]
    ctx = Ctx(n=size, tile_m=fam.tile_m, seed=int(request.seed), family=key)
    started = time.perf_counter()
    surface = fam.build(ctx)
    words = mods.resolve(list(request.modifiers), request.colour)
    shader = mods.apply(surface, fam, words, ctx)
    notices = ([notice] if notice else []) + words.notices
    params: dict[str, Any] = {
        "generator": "procedural", "version": VERSION, "family": key,
        "requested_family": request.family, "modifiers": list(request.modifiers),
        "colour": request.colour, "seed": int(request.seed), "size": size,
        "tile_size_m": [fam.tile_m, fam.tile_m], "roughness_range": list(fam.roughness),
        "description": fam.description, "family_params": surface.params,
        "shader": shader, "notices": notices,
    }
    result = mp.finish(surface, ctx, params, emit)
    params.update({"height_min_m": result.height_min_m, "height_max_m": result.height_max_m,
                   "metallic": result.metallic_value, "sheen": surface.params.get("sheen", 0.0)})
    shader["puddle_level"] = _puddle_level(result.height, shader["puddle_cover"])
    params["height_median"] = _puddle_level(result.height, 0.5)
    params["seconds"] = round(time.perf_counter() - started, 3)
    return result


def _puddle_level(height01: np.ndarray, cover: float) -> float:
    """Height-map value under which `cover` of the texels lie (water fills dips first;
    at 0.5 it is the median, the displacement midlevel that keeps faces on the mesh)."""
    if cover <= 0:
        return 0.0
    step = max(1, height01.shape[0] // 256)
    return float(np.quantile(height01[::step, ::step], cover))


def map_path(out_dir: Path, key: str, name: str) -> Path:
    return Path(out_dir) / f"{key}_{name}.png"


def write_maps(maps: mp.MaterialMaps, key: str, out_dir: Path) -> dict[str, Path]:
    """Quantise and write every map of an already generated set (two threads)."""
    arrays = {"base_color": maps.base_color, "normal": maps.normal,
              "roughness": maps.roughness, "height": maps.height, "ao": maps.ao}
    if maps.metallic is not None:
        arrays["metallic"] = maps.metallic
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {name: pool.submit(_write, map_path(out_dir, key, name), name, arr)
                   for name, arr in arrays.items()}
        return {name: future.result() for name, future in futures.items()}


def _write(path: Path, name: str, values: np.ndarray) -> Path:
    return write_png_fast(path, mp.quantise(name, values), sub_filter=name == "height")


class ProceduralMaterials:
    """MaterialBackend: tileable PBR maps at real-world scale from family + words."""

    name = "procedural"

    def make_material(self, request: MaterialRequest, size: int, out_dir: Path) -> MaterialDescription:
        """Generate and write; each map is compressed in a worker thread while the next
        is derived, so files cost little beyond the arrays."""
        check_size(size)
        with ThreadPoolExecutor(max_workers=2) as pool:
            futures = {}

            def emit(name: str, values: np.ndarray) -> None:
                futures[name] = pool.submit(_write, map_path(out_dir, request.key, name),
                                            name, values)

            maps = generate_maps(request, size, emit)
            paths = {name: future.result() for name, future in futures.items()}
        sidecar = dict(maps.params, key=request.key,
                       maps={k: p.name for k, p in paths.items()},
                       normal_convention="OpenGL (+Y up)",
                       colour_spaces={"base_color": "sRGB", "others": "Non-Color"})
        sidecar.pop("seconds", None)              # keep the sidecar byte-identical
        write_json(Path(out_dir) / f"{request.key}.json", sidecar)
        params = {k: v for k, v in maps.params.items() if k != "seconds"}  # reproducible
        return MaterialDescription(key=request.key, family=maps.family,
                                   tile_size_m=maps.tile_size_m, maps=paths,
                                   metallic=maps.metallic_value,
                                   displacement_m=maps.displacement_m, params=params)
