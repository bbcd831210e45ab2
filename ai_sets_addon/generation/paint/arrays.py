"""A PaintScene as files (one .npz of arrays + cameras as JSON inside), so the worker
process gets the scene the caller saw: images and arrays travel as files, never as
pickles. When the set folder lands (generation.setfile), `scene_from_set` reads it."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import numpy as np

from ..errors import InputError
from ..fileio import atomic_path
from ..plan import CameraPlan
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
                              "atlas_size": [int(v) for v in part.atlas_size]})
    arrays["meta"] = np.frombuffer(json.dumps(meta).encode("utf-8"), np.uint8)
    with atomic_path(path) as tmp:
        with open(tmp, "wb") as fh:
            np.savez(fh, **arrays)
    return Path(path)


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
                           instances=list(data[f"p{i}_instances"]))
                 for i, p in enumerate(meta["parts"])]
    cameras = [CameraPlan(**{**c, "location": tuple(c["location"]),
                             "target": tuple(c["target"])}) for c in meta["cameras"]]
    return PaintScene(parts, cameras, tuple(meta["resolution"]), meta.get("texel_density"),
                      meta.get("prompt", ""))


def scene_from_set(set_dir: Path | str, resolution: tuple[int, int]) -> PaintScene:
    """The set folder (schema 1) as a PaintScene; needs generation.setfile."""
    try:
        from ..setfile import read_set  # type: ignore[import-not-found]
    except ImportError:
        raise InputError(
            f"'{set_dir}': reading set folders needs generation.setfile, which this "
            "checkout does not have yet; pass a paint scene (.npz) instead") from None
    return _adapt(read_set(set_dir), resolution)


def _adapt(doc, resolution: tuple[int, int]) -> PaintScene:
    """SetDocument -> PaintScene (field names from the schema 1 contract)."""
    parts = [PaintPart(name=p.name, positions=np.asarray(p.positions, np.float32),
                       faces=np.asarray(p.faces, np.uint32),
                       atlas_uv=np.asarray(p.atlas_uv, np.float32),
                       atlas_size=tuple(int(v) for v in p.atlas_size),
                       material=getattr(p, "material", ""),
                       instances=[np.asarray(m, np.float64) for m in (p.instances or [])])
             for p in doc.parts]
    density = getattr(doc, "texel_density_px_per_m", None)
    spec = getattr(doc, "spec", None)
    prompt = getattr(spec, "prompt", "") if spec is not None else ""
    return PaintScene(parts, list(doc.cameras), resolution, density, prompt or "")
