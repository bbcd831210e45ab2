"""Set folder -> glTF binary / USD / USDZ for virtual-production tools.

    export_set(source, "glb" | "usd" | "usdz", out) -> ExportResult

`source` is a set folder or a .blend holding an AI set. Pure parts (no bpy) live in
`ai_sets_addon.export`: `units` (watts to candela and lux, lens to field of view, tile
scale), `glb` and `sidecar` (the export's manifest); Blender glue here: `export_scene` (a
plain scene the exporters read), `export_gltf`, `export_usd`.

An export is one output with its companions (glb + PATH_sky.exr + sidecar; usd +
PATH_textures/ + sidecar; usdz + sidecar), published whole: checked before any work
(never inside the set it reads, never over a file or folder an earlier export did not
write: the previous sidecar says which), the set read under its readers' lock (a set
being rebuilt is waited for or refused), everything written in a hidden staging folder
beside `out`, then swapped in as one (`fileio.publish_together`): a failure or a signal
leaves the previous export byte for byte, and the next export to that path undoes and
removes whatever a killed one left.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import InputError
from ..core.fileio import (check_apart, ensure_writable_dir, publish_together,
                                 recover_publish, unfinished, write_json, write_problem)
from ..core.fileio import remove_unfinished as _remove_unfinished

FORMATS: dict[str, tuple[str, ...]] = {"glb": (".glb",), "usd": (".usd", ".usdc", ".usda"),
                                       "usdz": (".usdz",)}
ProgressFn = Callable[[float, str], None]


@dataclass
class ExportResult:
    path: Path                       # the .glb / .usd / .usdz
    sidecar: Path                    # NAME.aisets.json
    files: list[Path] = field(default_factory=list)   # everything written, sidecar last
    seconds: float = 0.0


def output_path(export_format: str, out: Path) -> Path:
    """`out` with the format's extension (added when it has none); InputError when it
    has another format's extension."""
    if export_format not in FORMATS:
        raise InputError(f"unknown export format '{export_format}'; use one of "
                         f"{', '.join(FORMATS)}")
    out = Path(out).expanduser()
    suffixes = FORMATS[export_format]
    if out.suffix.lower() in suffixes:
        return out
    if out.suffix.lower() in {s for group in FORMATS.values() for s in group}:
        raise InputError(f"--out '{out}' ends in {out.suffix} but the format is "
                         f"{export_format}; use a {' / '.join(suffixes)} name")
    if out.is_dir():
        raise InputError(f"--out '{out}' is a folder; give a file name such as "
                         f"'{out / ('set' + suffixes[0])}'")
    return out.with_name(out.name + suffixes[0])


def export_set(source: Path, export_format: str, out: Path,
               progress: ProgressFn | None = None, wait: bool = False) -> ExportResult:
    """Export the set behind `source` (folder or .blend) to `out`; `wait`: a set being
    rebuilt is waited for instead of refused."""
    from ..setfile import read_set, reading
    from ..setfile.folder import acquire_lock, release_lock, sidecar as hidden
    from .export_source import set_folder

    progress = progress or (lambda fraction, message: None)
    out = output_path(export_format, out).absolute()
    folder = set_folder(source)
    targets = companions(export_format, out)
    check_apart(targets, inputs=[source], set_folders=[folder])
    check_replaceable(targets)                          # before anything is made
    progress(0.05, "reading the set folder")
    with reading(folder, wait):
        ensure_writable_dir(out.parent)
        lock = acquire_lock(hidden(out, "lock"), out, wait)
        try:
            for stale in out.parent.glob(f".{out.name}.export-*"):
                recover_publish(stale)                  # what a killed export left
            check_replaceable(targets)
            with _staging(out) as stage:
                start = time.perf_counter()
                files = _export(read_set(folder), export_format, out, stage, start, progress)
        finally:
            release_lock(lock)
    seconds = time.perf_counter() - start
    progress(1.0, f"done: {out}")
    return ExportResult(out, files[-1], files, seconds)


def _export(doc, export_format: str, out: Path, stage: Path, start: float,
            progress: ProgressFn) -> list[Path]:
    """Write the export and its sidecar into `stage`, then publish them together;
    returns the published paths, the main file first, the sidecar last."""
    from ..export import sidecar

    progress(0.2, f"exporting {export_format}")
    written = _written(lambda: _write(doc, export_format, stage, out), stage)
    environment = next((p for p in written if p.suffix == ".exr"), None)
    side = stage / sidecar.sidecar_name(out).name
    write_json(side, sidecar.describe(doc, export_format, _files(written), stage,
                                      time.perf_counter() - start, environment))
    progress(0.95, "moving the files into place")
    check_replaceable(companions(export_format, out))
    entries = written + [side]
    publish_together([(e, out.parent / e.name) for e in entries], stage)
    return [out.parent / e.name for e in entries]


def companions(export_format: str, out: Path) -> list[Path]:
    """Every path an export to `out` publishes, the main file first, the sidecar last."""
    from ..export import sidecar

    extra = {"glb": [sidecar.sky_name(out)], "usd": [out.with_name(f"{out.stem}_textures")],
             "usdz": []}[export_format]
    return [out, *extra, sidecar.sidecar_name(out)]


def check_replaceable(targets: list[Path]) -> None:
    """Replace only what an earlier export wrote: each target is absent, or listed by
    the previous sidecar (a folder: every file in it listed); never a user's file or
    folder, never a folder where a file goes."""
    main, *_, side = targets
    listed = _previously_listed(side, main)
    for target in targets:
        if not os.path.lexists(target):
            continue
        is_folder = target.name.endswith("_textures")
        if target.is_symlink() or target.is_dir() != is_folder:
            kind = "a folder" if target.is_dir() else "a file or link"
            raise InputError(f"'{target}' is {kind} in the way of this export; move it or "
                             "choose another --out (nothing was changed)")
        if is_folder:
            theirs = [p for p in target.rglob("*") if p.is_symlink() or (
                p.is_file() and p.relative_to(target.parent).as_posix() not in listed)]
            if theirs:
                raise InputError(f"the textures folder '{target}' holds files this export "
                                 f"did not write ('{theirs[0].name}'); move them or choose "
                                 "another --out (nothing was changed)")
        elif target != side and target.name not in listed:
            raise InputError(f"'{target}' exists and was not written by ai-sets export (no "
                             f"'{side.name}' lists it); move it or choose another --out "
                             "(nothing was changed)")


def _previously_listed(side: Path, main: Path) -> set[str]:
    """The files the previous export to this path listed in its sidecar ({} if none)."""
    from ..export.sidecar import FORMAT

    if not os.path.lexists(side):
        return set()
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or not isinstance(data.get("files"), dict):
            raise ValueError("not an export sidecar")
        return set(data["files"])
    except (OSError, ValueError, AttributeError) as exc:
        raise InputError(f"'{side}' exists but is not the sidecar of an earlier export of "
                         f"'{main.name}' ({exc}); move it or choose another --out (nothing "
                         "was changed)") from None


def _written(write: Callable[[], list[Path]], stage: Path) -> list[Path]:
    """Run an exporter; a failed write the tool reports without the OS's reason (Blender,
    usd-core) is explained by probing the folder (full disk, read-only, permissions)."""
    try:
        return write()
    except (RuntimeError, OSError) as exc:
        problem = write_problem(stage)
        if problem is not None:
            problem.filename = str(stage.parent)        # the --out folder, not ours
            raise problem from exc
        raise


def _write(doc, export_format: str, stage: Path, out: Path) -> list[Path]:
    """Write into `stage`; returns the top-level entries (files and folders), the
    main file first."""
    from ..export import sidecar

    if export_format == "glb":
        from .export_gltf import write_glb

        sky = stage / sidecar.sky_name(out).name
        shutil.copyfile(doc.sky.exr_path, sky)
        glb = write_glb(doc, stage / out.name,
                        {"set": doc.plan.name, "environment": sky.name,
                         "sidecar": sidecar.sidecar_name(out).name,
                         "key_light": sidecar.key_light(doc)})
        return [glb, sky]
    from .export_usd import package_usdz, write_usd

    textures = f"{out.stem}_textures"
    if export_format == "usd":
        return [write_usd(doc, stage / out.name, textures), stage / textures]
    work = stage / ".usdz"
    work.mkdir()
    usd = write_usd(doc, work / f"{out.stem}.usdc", textures)
    return [package_usdz(usd, stage / out.name)]


def _files(entries: list[Path]) -> list[Path]:
    return [f for e in entries for f in ([e] if e.is_file() else sorted(e.rglob("*")))
            if f.is_file()]


@contextmanager
def _staging(out: Path) -> Iterator[Path]:
    folder = out.parent / f".{out.name}.export-{os.getpid()}-{secrets.token_hex(3)}"
    folder.mkdir()
    try:
        with unfinished(folder):
            yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def remove_unfinished() -> int:
    """Remove every export staging folder (and temporary file) still being written."""
    return _remove_unfinished()
