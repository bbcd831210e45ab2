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

from ..core import readers
from ..core.errors import InputError
from ..core.fileio import (ensure_writable_dir, mark_finished, mark_unfinished, sha256_of,
                      write_json)
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
            mark_unfinished(self.path)          # an interrupt removes it at once
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
        mark_finished(self.path)                # from here it may hold the previous one
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
                mark_finished(self.path)
        finally:
            self._release()

    def _release(self) -> None:
        if self._lock_fd is not None:
            release_lock(self._lock_fd)
            self._lock_fd = None


@contextmanager
def revise(folder: Path, note: str, wait: bool = False,
           expect: str | None = None) -> Iterator[SetWriter]:
    """A new revision of a published set: its files hard-linked into a staging folder
    (new files must replace links by rename, as every writer here does, never edit
    them in place), changed there, then manifested and swapped in whole. The manifest
    keeps the build's fields and records the revision. `expect`: the sha256 of the
    manifest the change was computed from (`identity`); a set rebuilt meanwhile is
    refused rather than given a revision made for another set."""
    folder = Path(folder)
    with SetWriter(folder, wait=wait) as writer:
        if expect is not None and identity(folder) != expect:
            raise InputError(f"the set '{folder}' was rebuilt while this ran; run it again "
                             "on the new set (nothing was changed)")
        fields = previous_manifest(folder)
        _link_tree(folder, writer.path)
        yield writer
        fields["revisions"] = list(fields.get("revisions", [])) + [
            {"note": note, "at": time.strftime("%Y-%m-%dT%H:%M:%S")}]
        writer.commit(fields)


def identity(folder: Path) -> str | None:
    """The sha256 of a finished set's manifest (which lists every file's): what a reader
    read, to tell later whether it is still the same set."""
    path = Path(folder) / MANIFEST
    return sha256_of(path) if path.is_file() else None


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

# Lock files this process holds: fd -> path, removed again on release (no lock file is
# left beside a user's output once the last holder is done).
_HELD: dict[int, Path] = {}


def acquire_lock(lock_path: Path, out: Path, wait: bool) -> int:
    """An exclusive OS lock (released by the OS if the process dies); the file says who
    holds it so a refused run can name the other process."""
    while True:
        fd = _open_locked(lock_path, shared=False)
        if fd is not None:
            break
        if not wait:
            fd = os.open(lock_path, os.O_RDONLY)
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
    mark_unfinished(lock_path)                # held alone: an interrupt removes it
    return fd


def _open_locked(lock_path: Path, shared: bool) -> int | None:
    """The lock file opened and locked, or None when another process holds it. A file
    removed by its last holder between our open and our lock is opened again."""
    while True:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o666)
        if not _try_lock(fd, shared):
            os.close(fd)
            return None
        try:
            current = os.stat(lock_path)
        except FileNotFoundError:
            current = None
        if current is not None and os.path.samestat(current, os.fstat(fd)):
            _HELD[fd] = Path(lock_path)
            return fd
        os.close(fd)                          # a removed lock file: take the new one


def _try_lock(fd: int, shared: bool = False) -> bool:
    try:
        import fcntl
    except ImportError:                      # Windows: lock the first byte (exclusive)
        import msvcrt
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    try:
        fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _holder(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        info = json.loads(os.read(fd, 4096) or b"{}")
        return f"pid {info['pid']} on {info['host']}, since {info['since']}"
    except (OSError, ValueError, KeyError):
        return "an AI Sets command reading it (export, storyboard, previs)"


@contextmanager
def reading(folder: Path, wait: bool = False) -> Iterator[Path]:
    """Read a set folder as one consistent set: a shared lock on the lock its writers
    take (build, paint, shots), held for the block, so no writer swaps it meanwhile.
    A folder being written is waited for (`wait`) or refused, naming the writer. A
    folder whose parent cannot take a lock file (read-only media) cannot be being
    written either: it is read without one."""
    folder = Path(folder).expanduser().absolute()
    lock_path = sidecar(folder, "lock")
    while True:
        try:
            fd = _open_locked(lock_path, shared=True)
        except OSError:
            yield folder
            return
        if fd is not None:
            break
        if not wait:
            holder = _holder_of(lock_path)
            raise FolderBusy(f"the set '{folder}' is being written by another AI Sets run "
                             f"({holder}); wait for it to finish, or pass --wait to start "
                             "when it is done (nothing was changed)")
        time.sleep(0.2)
    try:
        yield folder
    finally:
        release_lock(fd)


def _holder_of(lock_path: Path) -> str:
    try:
        fd = os.open(lock_path, os.O_RDONLY)
    except OSError:
        return "another process"
    try:
        return _holder(fd)
    finally:
        os.close(fd)


def release_lock(fd: int) -> None:
    """Drop the lock; the last holder removes the lock file."""
    path = _HELD.pop(fd, None)
    if path is not None:
        mark_finished(path)
    try:
        os.ftruncate(fd, 0)
        if path is not None and _try_lock(fd, shared=False):
            path.unlink(missing_ok=True)      # no one else holds it: leave nothing behind
    except OSError:
        pass
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
    """Problems found comparing a folder to its manifest (empty: whole and true).

    Stays inside the folder: a manifest entry that leaves it (absolute, '..', a drive)
    and any symlink in the folder pointing outside it are problems, never followed."""
    folder = Path(folder)
    if not os.path.lexists(folder / MANIFEST):
        return [f"'{folder}' has no {MANIFEST}: it is not a finished set folder"]
    try:
        files = readers.read_manifest(folder / MANIFEST)
    except InputError as exc:
        return [str(exc)]
    problems = [f"symlink pointing outside the folder: {name}"
                for name in _links_out(folder)]
    home = Path(os.path.realpath(folder))
    for name, entry in sorted(files.items()):
        path = folder / name
        if not Path(os.path.realpath(path)).is_relative_to(home):
            problems.append(f"outside the folder: {name} (through a symlink)")
        elif not path.is_file():
            problems.append(f"missing: {name}" if not os.path.lexists(path)
                            else f"not a regular file: {name}")
        elif path.stat().st_size != entry["bytes"] or sha256_of(path) != entry["sha256"]:
            problems.append(f"changed: {name} (its sha256 no longer matches the manifest)")
    problems += [f"not in the manifest: {name}" for name in _present(folder)
                 if name not in files]
    return problems


def _links_out(folder: Path) -> list[str]:
    """Symlinks under `folder` (not followed) whose target lies outside it."""
    home = Path(os.path.realpath(folder))
    found = []
    for root, dirs, names in os.walk(folder):
        for name in dirs + names:
            path = Path(root) / name
            if path.is_symlink() and not Path(os.path.realpath(path)).is_relative_to(home):
                found.append(path.relative_to(folder).as_posix())
    return sorted(found)


def _present(folder: Path) -> list[str]:
    """Every entry but folders under `folder`, symlinks not followed, but the manifest."""
    found = []
    for root, dirs, names in os.walk(folder):
        for name in names + [d for d in dirs if (Path(root) / d).is_symlink()]:
            found.append((Path(root) / name).relative_to(folder).as_posix())
    return sorted(n for n in found if n != MANIFEST)
