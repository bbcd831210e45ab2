"""A PaintScene as files (one .npz of arrays + cameras as JSON inside), so the worker
process gets the scene the caller saw: images and arrays travel as files, never as
pickles. When the set folder lands (generation.setfile), `scene_from_set` reads it."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import numpy as np

from ...core.errors import InputError
from ...core.fileio import write_bytes
from ...model.plan import CameraPlan
from .scene import PaintPart, PaintScene


def save_scene(scene: PaintScene, path: Path | str) -> Path:
    arrays: dict[str, np.ndarray] = {}
    meta = {"resolution": list(scene.resolution), "texel_density": scene.texel_density,
            "prompt": scene.prompt,
            "cameras": [asdict(c) for c in scene.cameras], "parts": []}
    for i, part in enumerate(scene.parts):
        arrays[f"p{i}_positions"] = np.asarray(part.positions, np.float32)
        arrays[f"p{i}_faces"] = np.asarray(part.faces, np.uint32)
        arrays[f"p{i}_atlas_uv"] = np.asarray(part.atlas_uv, np.float32)
        arrays[f"p{i}_instances"] = np.asarray(part.instances, np.float64).reshape(-1, 4, 4)
        meta["parts"].append({"name": part.name, "material": part.material,
                              "atlas_size": [int(v) for v in part.atlas_size],
                              "paintable": part.paintable})
    arrays["meta"] = np.frombuffer(json.dumps(meta).encode("utf-8"), np.uint8)
    from ...setfile.meshes import encode          # the set's reproducible .npz writer

    return write_bytes(path, encode(arrays))


def load_scene(path: Path | str) -> PaintScene:
    try:
        data = np.load(path, allow_pickle=False)
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read the paint scene '{path}': {exc}") from exc
    with data:
        meta = json.loads(bytes(data["meta"]).decode("utf-8"))
        parts = [PaintPart(name=p["name"], material=p["material"],
                           atlas_size=tuple(p["atlas_size"]),
                           positions=data[f"p{i}_positions"], faces=data[f"p{i}_faces"],
                           atlas_uv=data[f"p{i}_atlas_uv"],
                           instances=list(data[f"p{i}_instances"]),
                           paintable=p.get("paintable", True))
                 for i, p in enumerate(meta["parts"])]
    cameras = [CameraPlan(**{**c, "location": tuple(c["location"]),
                             "target": tuple(c["target"])}) for c in meta["cameras"]]
    return PaintScene(parts, cameras, tuple(meta["resolution"]), meta.get("texel_density"),
                      meta.get("prompt", ""))


def paint_input(set_dir: Path | str, scene_file: Path | str | None,
                resolution: tuple[int, int]) -> tuple[PaintScene, dict[str, float]]:
    """What to paint: a saved paint scene (.npz) when given or beside the set, else the
    set folder itself; with the albedo luminance of each part when the set has it."""
    if scene_file and Path(scene_file).is_file():
        return load_scene(scene_file), {}
    if scene_file:
        raise InputError(f"no paint scene at '{scene_file}'")
    from ...setfile import read_set

    doc = read_set(Path(set_dir))
    scene = scene_from_document(doc, resolution)
    return scene, albedo_reference(doc, scene.parts)


def scene_from_set(set_dir: Path | str, resolution: tuple[int, int]) -> PaintScene:
    """The set folder (schema 1) as a PaintScene: every mesh part with its atlas, the
    plan's cameras, the set's texel density and prompt."""
    from ...setfile import read_set

    return scene_from_document(read_set(Path(set_dir)), resolution)


# Materials a painting must not cover: they are light or see-through (their shader
# makes them); they still hide what is behind them and show in the depth map.
UNPAINTED_FAMILIES = frozenset({"glass", "emission", "neon", "lit_window", "water"})


def scene_from_document(doc, resolution: tuple[int, int]) -> PaintScene:
    """SetDocument -> PaintScene: the one adapter between the set folder and painting."""
    parts = []
    for part in doc.plan.parts:
        if part.atlas_uv is None or not part.atlas_size[0]:
            raise InputError(f"part '{part.name}' has no atlas UVs; rebuild the set")
        parts.append(PaintPart(
            name=part.name, positions=np.asarray(part.mesh.vertices, np.float32),
            faces=np.asarray(part.mesh.faces, np.uint32),
            atlas_uv=np.asarray(part.atlas_uv, np.float32),
            atlas_size=(int(part.atlas_size[0]), int(part.atlas_size[1])),
            material=part.material,
            instances=[np.asarray(m, np.float64) for m in part.instances],
            paintable=_family(doc, part.material) not in UNPAINTED_FAMILIES))
    return PaintScene(parts, list(doc.plan.cameras), resolution,
                      float(doc.texel_density_px_per_m) or None, doc.spec.prompt or "")


def _family(doc, key: str) -> str:
    desc = doc.materials.get(key)
    request = doc.plan.materials.get(key)
    return (desc.family if desc is not None else request.family if request else "")


def albedo_reference(doc, parts: list[PaintPart]) -> dict[str, float]:
    """Mean linear albedo luminance of each part's procedural material (the target of
    the per-view luminance matching): its base colour map, or a shader's colour."""
    from ...core.fileio import read_png
    from .albedo import LUMA, mean_albedo_luminance

    by_material: dict[str, float] = {}
    for key, desc in doc.materials.items():
        base = desc.maps.get("base_color") if desc.maps else None
        if base is not None and Path(base).is_file():
            by_material[key] = mean_albedo_luminance(read_png(base))
        elif isinstance(desc.params.get("base_color"), (list, tuple)):
            by_material[key] = float(np.asarray(desc.params["base_color"][:3]) @ LUMA)
    return {p.name: by_material[p.material] for p in parts if p.material in by_material}
