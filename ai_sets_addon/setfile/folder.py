"""A set folder is whole or absent: one writer at a time, built in a staging folder
beside it, swapped in only when complete, with a manifest that lists every file.

    with SetWriter(out) as staging:          # lock, recover, clean leftovers
        ... write into staging.path ...
        staging.commit(manifest_fields)      # manifest.json, then the swap

Until `commit` the previous set stays byte for byte where it was; a run that fails, is
cancelled or is killed leaves only a staging folder, which the next run removes. The
swap is one atomic exchange where the OS has it (Linux renameat2), else two renames
with recovery at the next start.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Callable, Iterator
from contextlib import contextmanager
import json
import os
import secrets
import shutil
import socket
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import InputError
from ..core.fileio import ensure_writable_dir, sha256_of, write_json
from ..core.faults import checkpoint

MANIFEST = "manifest.json"
MANIFEST_FORMAT = "ai-sets/manifest"
WORK_DIR = ".work"      # temp files of a run live here, inside its staging folder
RENAME_EXCHANGE = 2


class FolderBusy(InputError):
    """Another run holds the folder's lock."""


def sidecar(out: Path, kind: str) -> Path:
    """Hidden names beside the set folder: .NAME.lock, .NAME.staging-*, .NAME.old-*."""
    return out.parent / f".{out.name}.{kind}"


@dataclass
class SetWriter:
    """Also serves other whole-or-absent output folders (a storyboard): `owned` says
    which existing folder is ours to replace (default: an AI Sets set folder)."""

    out: Path
    wait: bool = False
    owned: Callable[[Path], bool] | None = None
    path: Path = field(init=False)
    _lock_fd: int | None = field(default=None, init=False)
    committed: bool = field(default=False, init=False)

    def __post_init__(self) -> None:
        self.out = Path(self.out).expanduser().absolute()

    def __enter__(self) -> SetWriter:
        ensure_writable_dir(self.out.parent)
        self._lock_fd = acquire_lock(sidecar(self.out, "lock"), self.out, self.wait)
        try:
            recover(self.out)
            check_replaceable(self.out, self.owned or _is_set_folder)
            self.path = sidecar(self.out, f"staging-{os.getpid()}-{secrets.token_hex(3)}")
            self.path.mkdir()
            self.work_dir.mkdir()
        except BaseException:
            self._release()
            raise
        return self

    @property
    def work_dir(self) -> Path:
        return self.path / WORK_DIR

    def commit(self, manifest_fields: dict[str, Any]) -> Path:
        """Write the manifest over everything in staging, then swap it in."""
        shutil.rmtree(self.work_dir, ignore_errors=True)
        checkpoint("manifest")
        write_manifest(self.path, manifest_fields)
        checkpoint("swap")
        swap_in(self.path, self.out)
        self.committed = True
        return self.out

    def close(self) -> None:
        """Release the lock; an uncommitted staging folder is removed."""
        self.__exit__(None, None, None)

    def __exit__(self, *exc_info) -> None:
        try:
            if not self.committed:
                shutil.rmtree(self.path, ignore_errors=True)
        finally:
            self._release()

    def _release(self) -> None:
        if self._lock_fd is not None:
            release_lock(self._lock_fd)
            self._lock_fd = None


@contextmanager
def revise(folder: Path, note: str, wait: bool = False) -> Iterator[SetWriter]:
    """A new revision of a published set: its files hard-linked into a staging folder
    (new files must replace links by rename, as every writer here does, never edit
    them in place), changed there, then manifested and swapped in whole. The manifest
    keeps the build's fields and records the revision."""
    folder = Path(folder)
    fields = previous_manifest(folder)
    with SetWriter(folder, wait=wait) as writer:
        _link_tree(folder, writer.path)
        yield writer
        fields["revisions"] = list(fields.get("revisions", [])) + [
            {"note": note, "at": time.strftime("%Y-%m-%dT%H:%M:%S")}]
        writer.commit(fields)


def previous_manifest(folder: Path) -> dict[str, Any]:
    if not _is_set_folder(folder) or not (folder / MANIFEST).is_file():
        raise InputError(f"'{folder}' is not a finished set folder (no manifest.json); "
                         "build the set first")
    data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if k not in ("files", "format", "schema_version")}


def _link_tree(source: Path, target: Path) -> None:
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        if relative.as_posix() == MANIFEST or relative.parts[0] == WORK_DIR:
            continue
        if path.is_dir():
            (target / relative).mkdir(parents=True, exist_ok=True)
            continue
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, target / relative)
        except OSError:                       # another file system, or no hard links
            shutil.copy2(path, target / relative)


# ------------------------------------------------------------------------------- lock

def acquire_lock(lock_path: Path, out: Path, wait: bool) -> int:
    """An exclusive OS lock (released by the OS if the process dies); the file says who
    holds it so a refused run can name the other process."""
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o666)
    while True:
        if _try_lock(fd):
            break
        if not wait:
            holder = _holder(fd)
            os.close(fd)
            raise FolderBusy(f"'{out}' is being written by another AI Sets run ({holder}); "
                             "wait for it to finish, pass --wait, or choose another --out")
        time.sleep(0.2)
    info = json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                       "since": time.strftime("%Y-%m-%dT%H:%M:%S")}).encode()
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)              # os.pwrite does not exist on Windows
    os.write(fd, info)
    return fd


def _try_lock(fd: int) -> bool:
    try:
        import fcntl
    except ImportError:                      # Windows: lock the first byte
        import msvcrt
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _holder(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        info = json.loads(os.read(fd, 4096) or b"{}")
        return f"pid {info['pid']} on {info['host']}, since {info['since']}"
    except (OSError, ValueError, KeyError):
        return "another process"


def release_lock(fd: int) -> None:
    try:
        os.ftruncate(fd, 0)
    finally:
        os.close(fd)                         # closing drops the lock


# ----------------------------------------------------------------- recover and swap

def recover(out: Path) -> None:
    """Undo what a killed run left: restore a set moved aside mid-swap, remove stale
    staging folders. Called with the lock held, so nothing else is writing."""
    olds = sorted(out.parent.glob(f".{out.name}.old-*"), key=lambda p: p.stat().st_mtime)
    if not out.exists() and olds:
        os.rename(olds.pop(), out)
    for leftover in olds + list(out.parent.glob(f".{out.name}.staging-*")):
        shutil.rmtree(leftover, ignore_errors=True)


def check_replaceable(out: Path, owned: Callable[[Path], bool] | None = None) -> None:
    """Never swap away a folder that is not ours (a user's own files)."""
    owned = owned or _is_set_folder
    if not out.exists():
        return
    if not out.is_dir():
        raise InputError(f"'{out}' exists and is not a folder; choose a folder for --out")
    if any(out.iterdir()) and not owned(out):
        what = "an AI Sets set folder" if owned is _is_set_folder else "one AI Sets wrote"
        raise InputError(f"'{out}' is not empty and is not {what}; choose a new or empty "
                         "folder (nothing was changed)")


def _is_set_folder(folder: Path) -> bool:
    """Ours: a manifest in our format, a set.json, or what AI Sets 0.1 wrote before the
    set folder existed (a manifest with prompt and files, or a sky sidecar)."""
    if (folder / "set.json").is_file():
        return True
    data = _json_or_none(folder / MANIFEST)
    if isinstance(data, dict) and (data.get("format") == MANIFEST_FORMAT
                                   or {"prompt", "files"} <= set(data)):
        return True
    sky = _json_or_none(folder / "sky.json")
    return isinstance(sky, dict) and "backend" in sky and "sun" in sky


def _json_or_none(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def swap_in(staging: Path, out: Path) -> None:
    if not out.exists():
        os.rename(staging, out)
        return
    if _exchange(staging, out):
        shutil.rmtree(staging, ignore_errors=True)   # now holds the previous set
        return
    old = sidecar(out, f"old-{secrets.token_hex(3)}")
    os.rename(out, old)
    os.rename(staging, out)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths (Linux renameat2); False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if os.name != "posix" or not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), RENAME_EXCHANGE)
    return result == 0


# --------------------------------------------------------------------------- manifest

def listed_files(folder: Path) -> list[str]:
    """Every file under `folder` but the manifest itself, as sorted posix paths."""
    found = [p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()]
    return sorted(name for name in found if name != MANIFEST)


def write_manifest(folder: Path, fields: dict[str, Any]) -> Path:
    files = {name: {"sha256": sha256_of(folder / name), "bytes": (folder / name).stat().st_size}
             for name in listed_files(folder)}
    return write_json(folder / MANIFEST, {**fields, "format": MANIFEST_FORMAT,
                                          "schema_version": 1, "files": files})


def verify(folder: Path) -> list[str]:
    """Problems found comparing a folder to its manifest (empty: whole and true)."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        files = manifest["files"]
    except FileNotFoundError:
        return [f"'{folder}' has no {MANIFEST}: it is not a finished set folder"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return [f"{MANIFEST} cannot be read: {exc}"]
    problems = []
    for name, entry in sorted(files.items()):
        path = folder / name
        if not path.is_file():
            problems.append(f"missing: {name}")
        elif path.stat().st_size != entry.get("bytes") or sha256_of(path) != entry.get("sha256"):
            problems.append(f"changed: {name} (its sha256 no longer matches the manifest)")
    problems += [f"not in the manifest: {name}" for name in listed_files(folder)
                 if name not in files]
    return problems
