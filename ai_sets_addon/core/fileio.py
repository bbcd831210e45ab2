"""Files that are either complete or absent: temp name, then rename.

PNG is encoded here with zlib (a few lines, byte-identical on every machine and
with no binary wheel to bundle); EXR goes through the ASWF OpenEXR bindings.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import struct
import tempfile
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from .errors import InputError


# Temporary files being written right now (any thread): an interrupt handler that
# ends the process without unwinding (os._exit) removes them so none is left behind.
_UNFINISHED: set[Path] = set()


def unfinished_files() -> list[Path]:
    """Temporary files that are being written and not yet renamed or removed."""
    return list(_UNFINISHED)


def remove_unfinished() -> int:
    """Delete every unfinished temporary file or staging folder and undo every publish
    in progress (interrupt cleanup); returns how many. Only for an ending process."""
    removed = _stop_publishing() if _PUBLISHING else 0
    for path in unfinished_files():
        try:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
            removed += 1
        except OSError:
            pass
        _UNFINISHED.discard(path)
    return removed


def mark_unfinished(path: Path | str) -> None:
    """`path` (a staging file or folder) goes if the process is interrupted."""
    _UNFINISHED.add(Path(path))


def mark_finished(path: Path | str) -> None:
    _UNFINISHED.discard(Path(path))


@contextmanager
def unfinished(path: Path | str) -> Iterator[Path]:
    """Count `path` (a staging file or folder the caller made) as unfinished for the
    block: the interrupt cleanup removes it if the process is stopped meanwhile."""
    path = Path(path)
    _UNFINISHED.add(path)
    try:
        yield path
    finally:
        _UNFINISHED.discard(path)


@contextmanager
def atomic_path(final: Path | str) -> Iterator[Path]:
    """Yield a temporary path beside `final`; rename it into place only on success."""
    final = Path(final)
    ensure_writable_dir(final.parent)
    tmp_path = final.parent / f".{final.stem}.{secrets.token_hex(4)}.tmp{final.suffix}"
    # O_EXCL like mkstemp, but mode 0o666 so the umask applies (shared studio folders).
    os.close(os.open(tmp_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    with unfinished(tmp_path):
        try:
            yield tmp_path
            os.replace(tmp_path, final)
        finally:
            tmp_path.unlink(missing_ok=True)


@contextmanager
def scratch_path(folder: Path | str | None, suffix: str = "",
                 prefix: str = "aisets_") -> Iterator[Path]:
    """A scratch file in `folder` (a run's staging folder; the system temp only when
    None), removed afterwards, on failure too, and by the interrupt cleanup."""
    if folder is not None:
        folder = ensure_writable_dir(folder)
    handle, name = tempfile.mkstemp(suffix=suffix, prefix=prefix,
                                    dir=None if folder is None else str(folder))
    os.close(handle)
    with unfinished(name) as path:
        try:
            yield path
        finally:
            path.unlink(missing_ok=True)


def ensure_writable_dir(folder: Path | str) -> Path:
    """Create `folder` if needed; a clear InputError if it cannot be written."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create output folder '{folder}': {exc.strerror}. "
                         "Choose a folder you can write to.") from exc
    if not os.access(folder, os.W_OK):
        raise InputError(f"output folder '{folder}' is not writable. "
                         "Choose a folder you can write to.")
    return folder


def write_bytes(path: Path | str, data: bytes) -> Path:
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def write_json(path: Path | str, data: Any) -> Path:
    text = json.dumps(data, indent=2, sort_keys=True, default=_json_default) + "\n"
    return write_bytes(path, text.encode("utf-8"))


def _json_default(obj: Any) -> Any:
    if isinstance(obj, Path):
        return str(obj)
    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, np.ndarray):
        return obj.tolist()
    raise TypeError(f"not JSON-serialisable: {type(obj).__name__}")


def sha256_of(path: Path | str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# --- PNG ------------------------------------------------------------------------------

def encode_png(pixels: np.ndarray) -> bytes:
    """uint8 or uint16 array (H, W), (H, W, 3) or (H, W, 4) -> PNG bytes."""
    if pixels.dtype not in (np.uint8, np.uint16):
        raise TypeError(f"PNG needs uint8 or uint16 pixels, got {pixels.dtype}")
    img = pixels if pixels.ndim == 3 else pixels[:, :, None]
    height, width, channels = img.shape
    colour_type = {1: 0, 2: 4, 3: 2, 4: 6}[channels]
    bit_depth = 8 if img.dtype == np.uint8 else 16
    rows = img.astype(">u2") if bit_depth == 16 else img
    raw = rows.reshape(height, -1).view(np.uint8)
    filtered = np.concatenate([np.zeros((height, 1), np.uint8), raw], axis=1)
    header = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(filtered.tobytes(), 6)) + _chunk(b"IEND", b""))


def _chunk(tag: bytes, body: bytes) -> bytes:
    return (struct.pack(">I", len(body)) + tag + body
            + struct.pack(">I", zlib.crc32(tag + body) & 0xFFFFFFFF))


def write_png(path: Path | str, pixels: np.ndarray) -> Path:
    return write_bytes(path, encode_png(pixels))


def write_png_fast(path: Path | str, pixels: np.ndarray, sub_filter: bool = False) -> Path:
    """Like write_png, with zlib level 1: on noisy texture maps the file is within a few
    per cent of level 6 and compresses ~3x faster (2048² map sets, materials backend).
    `sub_filter` stores each byte minus the same byte of the pixel to its left (PNG
    filter 1): smooth 16-bit height maps then compress twice as small, twice as fast."""
    img = pixels if pixels.ndim == 3 else pixels[:, :, None]
    if pixels.dtype not in (np.uint8, np.uint16):
        raise TypeError(f"PNG needs uint8 or uint16 pixels, got {pixels.dtype}")
    height, width, channels = img.shape
    bit_depth = 8 if img.dtype == np.uint8 else 16
    header = struct.pack(">IIBBBBB", width, height, bit_depth,
                         {1: 0, 2: 4, 3: 2, 4: 6}[channels], 0, 0, 0)
    rows = (img.astype(">u2") if bit_depth == 16 else img).reshape(height, -1).view(np.uint8)
    if sub_filter:
        bpp = channels * bit_depth // 8
        rows = rows.copy()
        rows[:, bpp:] -= np.ascontiguousarray(img.astype(">u2") if bit_depth == 16 else img
                                              ).reshape(height, -1).view(np.uint8)[:, :-bpp]
    kind = np.full((height, 1), 1 if sub_filter else 0, np.uint8)
    filtered = np.concatenate([kind, rows], axis=1)
    data = (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(filtered.tobytes(), 1)) + _chunk(b"IEND", b""))
    return write_bytes(path, data)


def read_png(path: Path | str) -> np.ndarray:
    """Decode the unfiltered/filtered non-interlaced PNGs written above (and most others)."""
    data = Path(path).read_bytes()
    pos, idat, header = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        tag, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        if tag == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif tag == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, ctype, _, _, interlace = header
    if interlace:
        raise ValueError("interlaced PNG is not supported")
    channels = {0: 1, 4: 2, 2: 3, 6: 4}[ctype]
    bpp = channels * depth // 8
    raw = np.frombuffer(zlib.decompress(idat), np.uint8).reshape(height, 1 + width * bpp)
    out = _unfilter(raw, bpp)
    if depth == 16:
        out = out.view(">u2").astype(np.uint16)
    return out.reshape(height, width, channels).squeeze()


def _unfilter(raw: np.ndarray, bpp: int) -> np.ndarray:
    """Undo the PNG row filters (0 None, 1 Sub, 2 Up, 3 Average, 4 Paeth), in numpy.

    None/Sub/Up need no per-pixel loop: Sub is a running sum along the row (mod 256),
    Up adds the row above. Average and Paeth predict from the left, upper and
    upper-left bytes, all already decoded: every byte on one anti-diagonal (pixel x +
    row y = t) depends only on the two diagonals before it, so the image is decoded one
    diagonal at a time (W + H numpy steps instead of W x H Python ones)."""
    kinds = raw[:, 0]
    if kinds.size and int(kinds.max()) > 4:
        raise ValueError(f"PNG row filter {int(kinds.max())} is not one of 0..4")
    lines = raw[:, 1:]
    if np.isin(kinds, (3, 4)).any():
        return _unfilter_diagonals(lines, kinds, bpp)
    return _unfilter_rows(lines, kinds, bpp)


def _unfilter_rows(lines: np.ndarray, kinds: np.ndarray, bpp: int) -> np.ndarray:
    """None, Sub and Up rows: Sub as a wrapping cumulative sum per row, Up in order."""
    height, stride = lines.shape
    out = lines.copy()
    sub = np.nonzero(kinds == 1)[0]
    if sub.size:
        pixels = lines[sub].reshape(sub.size, stride // bpp, bpp)
        out[sub] = np.cumsum(pixels, axis=1, dtype=np.uint8).reshape(sub.size, stride)
    for y in np.nonzero(kinds == 2)[0]:
        if y:
            out[y] += out[y - 1]                    # uint8 arithmetic wraps mod 256
    return out


def _unfilter_diagonals(lines: np.ndarray, kinds: np.ndarray, bpp: int) -> np.ndarray:
    """Any mix of filters, one anti-diagonal of pixels per step; only the two previous
    diagonals are kept (`before[y + 1]` is row y's pixel on it, index 0 the zero row
    above the image; a pixel left of x = 0 is never written, so it reads as 0)."""
    height, stride = lines.shape
    width = stride // bpp
    pixels = lines.reshape(height, width, bpp)
    out = np.empty((height, width, bpp), np.uint8)
    kind = kinds.astype(np.intp)[:, None]
    older = before = np.zeros((height + 1, bpp), np.int16)
    for t in range(height + width - 1):
        lo, hi = max(0, t - width + 1), min(height, t + 1)          # rows on this diagonal
        ys = np.arange(lo, hi)
        left, up, up_left = before[lo + 1:hi + 1], before[lo:hi], older[lo:hi]
        pred = np.choose(kind[lo:hi], (0, left, up, (left + up) >> 1,
                                       _paeth(left, up, up_left)))
        value = (pixels[ys, t - ys] + pred) & 255
        out[ys, t - ys] = value
        older, before = before, np.zeros_like(before)
        before[lo + 1:hi + 1] = value
    return out.reshape(height, stride)


def _paeth(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
    """The PNG Paeth predictor: whichever of left, up, up-left is nearest a + b - c."""
    pa, pb, pc = np.abs(b - c), np.abs(a - c), np.abs(a + b - 2 * c)
    return np.where((pa <= pb) & (pa <= pc), a, np.where(pb <= pc, b, c))


# --- EXR ------------------------------------------------------------------------------

EXR_THREADS = int(os.environ.get("AISETS_EXR_THREADS", "0")) or (os.cpu_count() or 1)
# The working colour space every EXR we write is in: scene-linear Rec.709 (sRGB
# primaries, D65), named as the Color Interop Forum's ID (what Blender 5 writes in its
# own renders) and as Blender's OCIO colourspace (read by OpenImageIO).
EXR_COLOUR_SPACE = {"colorInteropID": "lin_rec709_scene", "oiio:ColorSpace": "Linear Rec.709"}



def write_exr(path: Path | str, rgb: np.ndarray, *, half: bool = True,
              compression: str = "ZIP", header: dict[str, Any] | None = None) -> Path:
    """Linear float (H, W, 3) -> OpenEXR RGB with ZIP or PIZ compression, tagged with
    its colour space (EXR_COLOUR_SPACE). OpenEXR compresses scanline blocks on its own
    threads (one per core, as `EXR_THREADS` says): each block is compressed alone, so
    the bytes are the same at any thread count."""
    import OpenEXR

    if OpenEXR.global_thread_count() != EXR_THREADS:
        OpenEXR.set_global_thread_count(EXR_THREADS)

    comp = {"ZIP": OpenEXR.ZIP_COMPRESSION, "PIZ": OpenEXR.PIZ_COMPRESSION,
            "NONE": OpenEXR.NO_COMPRESSION}[compression.upper()]
    dtype = np.float16 if half else np.float32
    pixels = np.ascontiguousarray(rgb[:, :, :3], dtype=dtype)
    hdr = {"compression": comp, "type": OpenEXR.scanlineimage, **EXR_COLOUR_SPACE}
    hdr.update(header or {})
    with atomic_path(path) as tmp:
        with OpenEXR.File(hdr, {"RGB": pixels}) as exr:
            exr.write(str(tmp))
    return Path(path)


def read_exr(path: Path | str) -> np.ndarray:
    """OpenEXR RGB(A), packed or as separate channels -> float32 (H, W, 3)."""
    import OpenEXR

    with OpenEXR.File(str(path)) as exr:
        channels = exr.channels()
        for packed in ("RGB", "RGBA"):
            if packed in channels:
                return np.asarray(channels[packed].pixels[..., :3], dtype=np.float32)
        rgb = np.stack([channels[c].pixels for c in "RGB"], axis=-1)
    return np.asarray(rgb, dtype=np.float32)


# --- outputs apart from inputs, published together ------------------------------------

def _real(path: Path | str) -> Path:
    """The path as the OS resolves it (symlinks, '..'), even where it does not exist."""
    return Path(os.path.realpath(Path(path).expanduser()))


def check_apart(outputs: list[Path | str], inputs: list[Path | str] = (),
                set_folders: list[Path | str] = (), option: str = "--out") -> None:
    """InputError before any work when an output would be an input (or a hard link to
    one), or would land inside an input set folder (which `ai-sets verify` would then
    report as changed): no command changes what it reads."""
    for out in outputs:
        real = _real(out)
        for given in inputs:
            if real == _real(given) or _same_file(out, given):
                raise InputError(f"{option} would write '{out}', which is the input "
                                 f"'{given}'; choose another output name (nothing was "
                                 "changed)")
        for folder in set_folders:
            home = _real(folder)
            if real == home or real.is_relative_to(home):
                raise InputError(f"{option} would write '{out}', inside the input set "
                                 f"folder '{folder}', which this command only reads; choose "
                                 "a folder outside it (nothing was changed)")


def _same_file(a: Path | str, b: Path | str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


JOURNAL = "publish.json"


# Publishes in progress (stage -> journal entries) and the lock each rename step holds:
# an interrupt (fileio.remove_unfinished) takes the lock, so no step is half done,
# undoes the publish and keeps the lock until the process ends.
_PUBLISHING: dict[Path, list[dict]] = {}
_PUBLISH_LOCK = threading.Lock()


def publish_together(pairs: list[tuple[Path, Path]], stage: Path) -> None:
    """Move staged entries (files or folders) to their final paths as one output: each
    final path that exists is first moved aside into `stage`; any failure or signal
    puts every previous entry back byte for byte. A journal in `stage` lets the next
    run undo a publish a kill cut short (`recover_publish`). The caller holds the
    output's lock."""
    from .faults import checkpoint

    entries = [{"staged": str(s), "final": str(f), "backup": str(stage / f".old-{i}")}
               for i, (s, f) in enumerate(pairs)]
    write_json(stage / JOURNAL, {"entries": entries, "done": False})
    with _PUBLISH_LOCK:
        _UNFINISHED.discard(stage)      # from here the stage may hold previous outputs
        _PUBLISHING[stage] = entries
    try:
        for entry in entries:
            checkpoint("publish")
            with _PUBLISH_LOCK:
                final = Path(entry["final"])
                if os.path.lexists(final):
                    os.rename(final, entry["backup"])
                os.rename(entry["staged"], final)
    except BaseException:
        with _PUBLISH_LOCK:
            _roll_back(entries)
            _PUBLISHING.pop(stage, None)
        raise
    with _PUBLISH_LOCK:
        _PUBLISHING.pop(stage, None)
        write_json(stage / JOURNAL, {"entries": entries, "done": True})


def _stop_publishing() -> int:
    """Interrupt cleanup: undo every publish in progress, remove its stage, and keep the
    lock so the main thread takes no further step before the process ends."""
    if not _PUBLISH_LOCK.acquire(timeout=0.5):
        return 0
    stopped = 0
    for stage, entries in list(_PUBLISHING.items()):
        try:
            _roll_back(entries)
            shutil.rmtree(stage, ignore_errors=True)
            stopped += 1
        except OSError:
            pass                          # the next run's recover_publish finishes it
    _PUBLISHING.clear()
    return stopped


def _roll_back(entries: list[dict]) -> None:
    """Undo a partial publish: a final path whose staged entry was moved holds the new
    output (removed); a backup still in the stage is the previous one (put back)."""
    for entry in reversed(entries):
        staged, final, backup = (Path(entry[k]) for k in ("staged", "final", "backup"))
        moved = not os.path.lexists(staged)
        if moved and os.path.lexists(final):
            _remove(final)
        if os.path.lexists(backup):
            os.rename(backup, final)


def recover_publish(stage: Path) -> None:
    """A staging folder a killed run left: undo its unfinished publish, then remove it."""
    try:
        journal = json.loads((stage / JOURNAL).read_text(encoding="utf-8"))
        if not journal.get("done"):
            _roll_back(journal["entries"])
    except (OSError, ValueError, KeyError, TypeError):
        pass                            # no journal: the publish never started
    shutil.rmtree(stage, ignore_errors=True)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


def write_problem(folder: Path | str) -> OSError | None:
    """The OSError (full disk, read-only media, permissions) that stops `folder` from
    taking a file now, found by writing a small probe there; None when it can. Tools
    that report a failed write without the OS's reason (usd-core) are explained by it:
    the CLI turns that OSError into what to do (exit 2)."""
    folder = Path(folder)
    probe = folder / f".aisets-probe-{secrets.token_hex(4)}"
    try:
        with open(probe, "wb") as fh:
            fh.write(b"\0" * 65536)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        if exc.filename is None or Path(exc.filename) == probe:
            exc.filename = str(folder)
        return exc
    finally:
        try:
            probe.unlink()
        except OSError:
            pass
    return None
