"""Painted results into `<set>/paint/`, whole or absent.

Files (per part, `<stem>` = the part name made file-safe; paint.json maps names):
- `<stem>_paint.png`     sRGB 8-bit RGB base colour in the part's atlas (row 0 = top, V up)
- `<stem>_coverage.png`  8-bit grey: 255 painted, 0 unseen (keep the procedural material)
- `views/<camera>_control.png`, `views/<camera>_view.png`: the depth map each view was
  conditioned on, and what was painted (for previews and debugging)
- `paint.json`: prompt, model, seed, steps, cameras, coverage per part, files.

The folder is built beside `paint/` and swapped in when complete; a lock file keeps
two painters off one set.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import InputError
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
    set_dir = ensure_writable_dir(set_dir)
    with set_lock(set_dir):
        for leftover in set_dir.glob(f".{PAINT_DIR}.staging-*"):   # from a killed run
            shutil.rmtree(leftover, ignore_errors=True)
        staging = set_dir / f".{PAINT_DIR}.staging-{secrets.token_hex(4)}"
        try:
            _write_all(staging, scene, result, meta)
            _swap_in(staging, set_dir / PAINT_DIR)
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)
    return set_dir / PAINT_DIR / "paint.json"


def _write_all(folder: Path, scene: PaintScene, result: PaintResult, meta: dict) -> None:
    parts: dict[str, Any] = {}
    for index, part in enumerate(scene.parts):
        stem = part.file_stem
        write_png(folder / f"{stem}_paint.png", to_u8(result.colour[index]))
        write_png(folder / f"{stem}_coverage.png", to_u8(result.coverage[index]))
        parts[part.name] = {"paint_png": f"{stem}_paint.png", "coverage_png": f"{stem}_coverage.png",
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
        "files": files})


def _swap_in(staging: Path, final: Path) -> None:
    old = final.with_name(f".{final.name}.old-{secrets.token_hex(4)}")
    if final.exists():
        os.replace(final, old)
    os.replace(staging, final)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


@contextmanager
def set_lock(set_dir: Path) -> Iterator[None]:
    """One painter per set folder; a lock left by a dead process is taken over."""
    lock = set_dir / ".paint.lock"
    for _ in range(2):
        try:
            fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            break
        except FileExistsError:
            if _holder_alive(lock):
                raise InputError(f"another paint job is writing '{set_dir}' (lock {lock}); "
                                 "wait for it or delete the lock if it is stale") from None
            lock.unlink(missing_ok=True)
    else:
        raise InputError(f"could not lock '{set_dir}' for painting")
    try:
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
        yield
    finally:
        lock.unlink(missing_ok=True)


def _holder_alive(lock: Path) -> bool:
    try:
        pid = int(lock.read_text().strip() or "0")
        os.kill(pid, 0)
    except (ValueError, OSError):
        return False
    return pid > 0


def read_paint(set_dir: Path | str) -> dict[str, Any]:
    """paint.json of a set (for the scene builder and tests)."""
    import json

    return json.loads((Path(set_dir) / PAINT_DIR / "paint.json").read_text())
