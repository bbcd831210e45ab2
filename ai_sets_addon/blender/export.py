"""Set folder -> glTF binary / USD / USDZ for virtual-production tools.

    export_set(source, "glb" | "usd" | "usdz", out) -> ExportResult

`source` is a set folder or a .blend holding an AI set. Pure parts (no bpy) live in
`ai_sets_addon.export`: `units` (watts to candela and lux, lens to field of view, tile
scale), `glb` and `sidecar` (the export's manifest); Blender glue here: `export_scene` (a
plain scene the exporters read), `export_gltf`, `export_usd`. Files are written in a hidden staging folder beside `out` and renamed
into place, the main file then the sidecar last, so an interrupted export never leaves
a file that looks complete.
"""

from __future__ import annotations

import os
import secrets
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import InputError
from ..core.fileio import ensure_writable_dir, write_json

FORMATS: dict[str, tuple[str, ...]] = {"glb": (".glb",), "usd": (".usd", ".usdc", ".usda"),
                                       "usdz": (".usdz",)}
ProgressFn = Callable[[float, str], None]
# Staging folders being written right now: an interrupt that ends the process without
# unwinding (ai_sets_addon/core/interrupts.py) removes them through `remove_unfinished`.
_STAGING: set[Path] = set()


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
               progress: ProgressFn | None = None) -> ExportResult:
    """Export the set behind `source` (folder or .blend) to `out`."""
    from ..setfile import read_set
    from ..export import sidecar
    from .export_source import set_folder

    progress = progress or (lambda fraction, message: None)
    out = output_path(export_format, out)
    start = time.perf_counter()
    progress(0.05, "reading the set folder")
    doc = read_set(set_folder(source))
    ensure_writable_dir(out.parent)
    with _staging(out) as stage:
        progress(0.2, f"exporting {export_format}")
        written = _write(doc, export_format, stage, out)
        seconds = time.perf_counter() - start
        environment = next((p for p in written if p.suffix == ".exr"), None)
        side = stage / sidecar.sidecar_name(out).name
        write_json(side, sidecar.describe(doc, export_format, _files(written), stage,
                                          seconds, environment))
        progress(0.95, "moving the files into place")
        files = _publish(stage, written + [side], out.parent)
    progress(1.0, f"done: {out}")
    return ExportResult(out, files[-1], files, seconds)


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
    _STAGING.add(folder)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        _STAGING.discard(folder)


def remove_unfinished() -> int:
    """Remove every export staging folder still being written; returns how many."""
    folders = list(_STAGING)
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
        _STAGING.discard(folder)
    return len(folders)


def _publish(stage: Path, entries: list[Path], target: Path) -> list[Path]:
    """Rename [main, *extras, sidecar] into `target`: extras first, then the main file,
    the sidecar last; a folder replaces the previous one of that name. Returns the
    final paths in the same order."""
    main, *extras, side = entries
    for entry in [*extras, main, side]:
        _rename_into(entry, target / entry.name)
    return [target / e.name for e in entries]


def _rename_into(entry: Path, final: Path) -> None:
    if not entry.is_dir():
        os.replace(entry, final)
        return
    old = None
    if final.exists():
        old = final.with_name(f".{final.name}.old-{secrets.token_hex(3)}")
        os.rename(final, old)
    os.rename(entry, final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
