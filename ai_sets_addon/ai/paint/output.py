"""Painted results into `<set>/paint/`, whole or absent.

Files (per part, `<stem>` = the part name made file-safe; paint.json maps names):
- `<stem>_paint.png`     sRGB 8-bit RGB base colour in the part's atlas (row 0 = top, V up)
- `<stem>_coverage.png`  8-bit grey: 255 painted, 0 unseen (keep the procedural material)
- `views/<camera>_control.png`, `views/<camera>_view.png`: the depth map each view was
  conditioned on, and what was painted (for previews and debugging)
- `paint.json`: prompt, model, seed, steps, cameras, coverage per part, files.

A painted set is a new revision of the set folder (`setfile.revise`: the set's own
writer lock, a hard-linked staging copy beside it, the new paint/, a new manifest, one
swap): a paint never overlaps a rebuild, a killed paint leaves the set as it was, and
`ai-sets verify` passes after it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import numpy as np

from ...core.fileio import ensure_writable_dir, sha256_of, write_json, write_png
from .loop import PaintResult
from .scene import PaintScene, safe_stem

PAINT_DIR = "paint"
SCENE_NPZ = "scene.npz"
SCHEMA = 1


def to_u8(values: np.ndarray) -> np.ndarray:
    return np.round(np.clip(values, 0.0, 1.0) * 255.0).astype(np.uint8)


def write_paint(set_dir: Path | str, scene: PaintScene, result: PaintResult,
                 meta: dict[str, Any], expect: str | None = None) -> Path:
    """Write the paint folder of a set; returns `<set>/paint/paint.json`.

    A published set (it has a manifest) gets a new revision through `setfile.revise`:
    hard-linked staging, the new paint/, a new manifest, one swap — whole or absent, one
    writer at a time. A set still being built (`ai-sets build --paint` paints its
    staging folder) is written directly: its own writer publishes it."""
    from ...setfile import MANIFEST, revise

    set_dir = ensure_writable_dir(set_dir).absolute()
    if (set_dir / MANIFEST).is_file():
        with revise(set_dir, f"painted: {meta.get('prompt', '')}"[:200],
                    expect=expect) as writer:
            _replace_paint(writer.path, scene, result, meta)
    else:
        _replace_paint(set_dir, scene, result, meta)
    return set_dir / PAINT_DIR / "paint.json"


def sidecar(set_dir: Path, kind: str) -> Path:
    """A hidden path beside the set folder (never inside it: the manifest lists all)."""
    return set_dir.parent / f".{set_dir.name}.{kind}"


def _replace_paint(folder: Path, scene: PaintScene, result: PaintResult, meta: dict) -> None:
    """The previous painting out (in a revision: links only), the new one in, with the
    scene exactly as it was painted (moved props, the user's own objects, the cameras
    ticked in Blender) as `paint/scene.npz`, so the folder says what was painted."""
    from .arrays import save_scene

    shutil.rmtree(folder / PAINT_DIR, ignore_errors=True)
    save_scene(scene, folder / PAINT_DIR / SCENE_NPZ)
    _write_all(folder / PAINT_DIR, scene, result, meta)


def _write_all(folder: Path, scene: PaintScene, result: PaintResult, meta: dict) -> None:
    parts: dict[str, Any] = {}
    skipped = []
    for index, part in enumerate(scene.parts):
        stem = part.file_stem
        if not part.paintable:
            skipped.append(part.name)
            continue
        write_png(folder / f"{stem}_paint.png", to_u8(result.colour[index]))
        write_png(folder / f"{stem}_coverage.png", to_u8(result.coverage[index]))
        parts[part.name] = {"paint_png": f"{stem}_paint.png",
                            "coverage_png": f"{stem}_coverage.png",
                            "atlas_size": [int(v) for v in part.atlas_size],
                            "material": part.material, **result.part_stats(index)}
    views = []
    for record in result.views:
        stem = safe_stem(record.camera)
        write_png(folder / "views" / f"{stem}_control.png", to_u8(record.control))
        write_png(folder / "views" / f"{stem}_view.png", to_u8(record.image))
        views.append({"camera": record.camera, "seed": record.seed, "regions": record.regions,
                      "control": f"views/{stem}_control.png", "view": f"views/{stem}_view.png"})
    files = {p.relative_to(folder).as_posix(): sha256_of(p)
             for p in sorted([*folder.rglob("*.png"), folder / SCENE_NPZ])}
    write_json(folder / "paint.json", {
        "schema": SCHEMA, **meta, "resolution": list(scene.resolution),
        "cameras": [v["camera"] for v in views], "views": views, "parts": parts,
        "unpainted_parts": skipped,
        "files": files})


def read_paint(set_dir: Path | str) -> dict[str, Any]:
    """paint.json of a set (for the scene builder and tests)."""
    return json.loads((Path(set_dir) / PAINT_DIR / "paint.json").read_text())
