"""Generate's set folders: keep the newest N under the output folder, never one in use.

Every Generate publishes a set folder (prompt slug + seed); without pruning they pile
up. A folder is a candidate only if it is a finished AI Sets folder (its manifest says
so) and nobody holds its lock; the folder the open scene uses is always kept.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .folder import MANIFEST, _is_set_folder, _try_lock, sidecar


def set_folders(root: Path) -> list[Path]:
    """Finished set folders directly under `root`, newest first."""
    if not Path(root).is_dir():
        return []
    found = [p for p in Path(root).iterdir()
             if p.is_dir() and not p.name.startswith(".") and _is_set_folder(p)]
    return sorted(found, key=_age, reverse=True)


def _age(folder: Path) -> float:
    """When the folder was last published (its manifest; older layouts: the folder)."""
    manifest = folder / MANIFEST
    return (manifest if manifest.is_file() else folder).stat().st_mtime


def prune(root: Path, keep: int, protect: set[Path] = frozenset()) -> list[Path]:
    """Remove all but the `keep` newest set folders; returns what was removed."""
    protected = {Path(p).resolve() for p in protect}
    removed = []
    for folder in set_folders(root)[max(keep, 0):]:
        if folder.resolve() in protected or not _remove_unlocked(folder):
            continue
        removed.append(folder)
    return removed


def _remove_unlocked(folder: Path) -> bool:
    import os

    lock = sidecar(folder, "lock")
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        if not _try_lock(fd):
            return False                      # another run is writing it
        shutil.rmtree(folder, ignore_errors=True)
        for leftover in folder.parent.glob(f".{folder.name}.*"):
            if leftover != lock:
                shutil.rmtree(leftover, ignore_errors=True)
        return True
    finally:
        os.close(fd)
        lock.unlink(missing_ok=True)
