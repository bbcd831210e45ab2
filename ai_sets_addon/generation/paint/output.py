"""Painted results into `<set>/paint/`, whole or absent.

Files (per part, `<stem>` = the part name made file-safe; paint.json maps names):
- `<stem>_paint.png`     sRGB 8-bit RGB base colour in the part's atlas (row 0 = top, V up)
- `<stem>_coverage.png`  8-bit grey: 255 painted, 0 unseen (keep the procedural material)
- `views/<camera>_control.png`, `views/<camera>_view.png`: the depth map each view was
  conditioned on, and what was painted (for previews and debugging)
- `paint.json`: prompt, model, seed, steps, cameras, coverage per part, files.

The folder is built beside the set (`.SET.paint-staging-*`, so a killed run leaves
nothing inside the set) and swapped in when complete, under the set's own writer lock
(`.SET.lock`, the one `ai-sets build` takes): a paint never overlaps a rebuild. When the
set has a manifest, it is rewritten to list the new paint files, so `ai-sets verify`
still passes.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from ..fileio import ensure_writable_dir, sha256_of, write_json, write_png
from .loop import PaintResult
from .scene import PaintScene, safe_stem

PAINT_DIR = "paint"
SCHEMA = 1


def to_u8(values: np.ndarray) -> np.ndarray:
    return np.round(np.clip(values, 0.0, 1.0) * 255.0).astype(np.uint8)


def write_paint(set_dir: Path | str, scene: PaintScene, result: PaintResult,
                meta: dict[str, Any]) -> Path:
    """Write the paint folder of a set; returns `<set>/paint/paint.json`."""
    set_dir = ensure_writable_dir(set_dir).absolute()
    with set_lock(set_dir):
        for leftover in (*set_dir.parent.glob(f".{set_dir.name}.paint-staging-*"),
                         *set_dir.parent.glob(f".{set_dir.name}.paint-old-*")):
            shutil.rmtree(leftover, ignore_errors=True)          # from a killed run
        staging = sidecar(set_dir, f"paint-staging-{secrets.token_hex(4)}")
        try:
            _write_all(staging, scene, result, meta)
            _swap_in(staging, set_dir / PAINT_DIR)
            _refresh_manifest(set_dir)
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)
    return set_dir / PAINT_DIR / "paint.json"


def sidecar(set_dir: Path, kind: str) -> Path:
    """A hidden path beside the set folder (never inside it: the manifest lists all)."""
    return set_dir.parent / f".{set_dir.name}.{kind}"


def _refresh_manifest(set_dir: Path) -> None:
    from ..setfile import MANIFEST
    from ..setfile.folder import write_manifest

    path = set_dir / MANIFEST
    if not path.is_file():
        return
    old = json.loads(path.read_text(encoding="utf-8"))
    write_manifest(set_dir, {k: v for k, v in old.items()
                             if k not in ("format", "schema_version", "files")})


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
             for p in sorted(folder.rglob("*.png"))}
    write_json(folder / "paint.json", {
        "schema": SCHEMA, **meta, "resolution": list(scene.resolution),
        "cameras": [v["camera"] for v in views], "views": views, "parts": parts,
        "unpainted_parts": skipped,
        "files": files})


def _swap_in(staging: Path, final: Path) -> None:
    old = sidecar(final.parent, f"paint-old-{secrets.token_hex(4)}")
    if final.exists():
        os.replace(final, old)
    os.replace(staging, final)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


@contextmanager
def set_lock(set_dir: Path) -> Iterator[None]:
    """The set's writer lock (an OS lock the OS drops if this process dies)."""
    from ..setfile.folder import acquire_lock, release_lock
    from ..setfile.folder import sidecar as set_sidecar

    fd = acquire_lock(set_sidecar(set_dir, "lock"), set_dir, wait=False)
    try:
        yield
    finally:
        release_lock(fd)


def read_paint(set_dir: Path | str) -> dict[str, Any]:
    """paint.json of a set (for the scene builder and tests)."""
    return json.loads((Path(set_dir) / PAINT_DIR / "paint.json").read_text())
