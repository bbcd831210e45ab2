"""The one validating reader for every file a command accepts.

set.json, mesh files (.npz, with their masks), manifest.json, shots.json, job files,
and the images and sky a set names: each is checked here, once, before any consumer
touches it: a regular file (never a folder, a FIFO or a device), inside its folder
where it must be, its nesting depth, the types and ranges of its fields, finite
numbers, index bounds. Anything wrong is an `InputError` (exit 2) naming the file and
the field, never a traceback deeper in (exit 1) nor a silently smaller output.

Pure: numpy and the standard library only (no bpy), so it runs in every process.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
import struct
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from typing import Any

import numpy as np

from .errors import InputError

MAX_DEPTH = 32                     # deeper JSON/TOML nesting than any file we write
MAX_TEXT_BYTES = 256 * 1024 * 1024  # a set.json of a huge set is a few MB
MAX_SIDE = 65536                   # atlas and image sides
SHA256 = re.compile(r"^[0-9a-f]{64}$")
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:")


# ------------------------------------------------------------------------ the file

def regular_file(path: Path | str, what: str, advice: str = "") -> Path:
    """`path` as a regular file (a symlink to one is followed); InputError naming it
    when it is missing, a folder, a FIFO, a device or unreadable."""
    path = Path(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise InputError(f"{what} '{path}' does not exist{_then(advice)}") from None
    except OSError as exc:
        raise InputError(f"{what} '{path}' cannot be read ({exc.strerror}){_then(advice)}"
                         ) from None
    if stat.S_ISDIR(mode):
        raise InputError(f"{what} '{path}' is a folder, not a file{_then(advice)}")
    if not stat.S_ISREG(mode):
        raise InputError(f"{what} '{path}' is not a regular file (a pipe, socket or "
                         f"device){_then(advice)}")
    return path


def _then(advice: str) -> str:
    return f"; {advice}" if advice else ""


def read_bytes(path: Path | str, what: str, advice: str = "",
               limit: int = MAX_TEXT_BYTES) -> bytes:
    path = regular_file(path, what, advice)
    size = path.stat().st_size
    if size > limit:
        raise InputError(f"{what} '{path}' is {size / 1e6:.0f} MB, more than this reader "
                         f"takes ({limit / 1e6:.0f} MB){_then(advice)}")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{what} '{path}' cannot be read ({exc.strerror}){_then(advice)}"
                         ) from None


def read_text(path: Path | str, what: str, advice: str = "") -> str:
    data = read_bytes(path, what, advice)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{what} '{path}' is not UTF-8 text ({exc.reason} at byte "
                         f"{exc.start}){_then(advice)}") from None


def read_json(path: Path | str, what: str, advice: str = "") -> Any:
    """Parsed JSON with its nesting depth and numbers checked (no NaN or infinity)."""
    text = read_text(path, what, advice)
    try:
        data = json.loads(text)
    except RecursionError:
        raise InputError(f"{what} '{path}' is nested more than {MAX_DEPTH} levels deep; "
                         f"it is not a file AI Sets wrote{_then(advice)}") from None
    except ValueError as exc:
        raise InputError(f"{what} '{path}' is not valid JSON ({exc}){_then(advice)}"
                         ) from None
    check_tree(data, path, what, advice)      # depth (iteratively) and finite numbers
    return data


def check_tree(data: Any, path: Path | str, what: str, advice: str = "") -> None:
    """Every number finite and the nesting at most MAX_DEPTH (iterative walk); the
    first offender is named by its field path."""
    stack: list[tuple[Any, str, int]] = [(data, "", 0)]
    while stack:
        value, where, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise InputError(f"{what} '{path}': '{where}' is nested more than {MAX_DEPTH} "
                             f"levels deep{_then(advice)}")
        if isinstance(value, float) and not math.isfinite(value):
            raise InputError(f"{what} '{path}': '{where or 'the value'}' is {value}, not a "
                             f"finite number{_then(advice)}")
        if isinstance(value, dict):
            stack += [(v, f"{where}.{k}" if where else str(k), depth + 1)
                      for k, v in value.items()]
        elif isinstance(value, list):
            stack += [(v, f"{where}[{i}]", depth + 1) for i, v in enumerate(value)]


# ------------------------------------------------------------------- field checks

class Fields:
    """Type and range checks of one file's fields; each failure names the file, the
    field and what it should be."""

    def __init__(self, path: Path | str, what: str, advice: str) -> None:
        self.path, self.what, self.advice = path, what, advice

    def fail(self, where: str, problem: str) -> InputError:
        return InputError(f"{self.what} '{self.path}' cannot be read: '{where}' {problem}"
                          f"{_then(self.advice)}")

    def table(self, value: Any, where: str) -> dict:
        if not isinstance(value, dict):
            raise self.fail(where, f"must be an object, not {_kind(value)}")
        return value

    def key(self, table: dict, key: str, where: str) -> Any:
        if key not in table:
            raise self.fail(f"{where}.{key}" if where else key, "is missing")
        return table[key]

    def items(self, value: Any, where: str) -> list:
        if not isinstance(value, list):
            raise self.fail(where, f"must be a list, not {_kind(value)}")
        return value

    def text(self, value: Any, where: str, empty: bool = False) -> str:
        if not isinstance(value, str) or (not empty and not value.strip()):
            raise self.fail(where, f"must be a non-empty string, not {_kind(value)}")
        return value

    def flag(self, value: Any, where: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(where, f"must be true or false, not {_kind(value)}")
        return value

    def number(self, value: Any, where: str, lo: float = -math.inf, hi: float = math.inf,
               whole: bool = False) -> float:
        kinds = (int,) if whole else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds):
            word = "a whole number" if whole else "a number"
            raise self.fail(where, f"must be {word}, not {_kind(value)}")
        if not math.isfinite(value) or not lo <= value <= hi:
            raise self.fail(where, f"is {value}, outside {lo:g}..{hi:g}")
        return value

    def vector(self, value: Any, where: str, size: int, lo: float = -1e9,
               hi: float = 1e9) -> list:
        values = self.items(value, where)
        if len(values) != size:
            raise self.fail(where, f"must hold {size} numbers, not {len(values)}")
        for i, v in enumerate(values):
            self.number(v, f"{where}[{i}]", lo, hi)
        return values

    def relative(self, value: Any, where: str) -> str:
        """A path relative to the file's folder, staying inside it."""
        text = self.text(value, where)
        if not is_relative_inside(text):
            raise self.fail(where, f"is '{text}', a path leaving its folder (absolute, "
                                   "'..' or a drive)")
        return text


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the string {value[:40]!r}"
    return {dict: "an object", list: "a list"}.get(type(value), type(value).__name__)


# Names Windows refuses for a file or folder, with any extension ("nul.txt" too).
WINDOWS_RESERVED = frozenset(["con", "prn", "aux", "nul", "conin$", "conout$",
                              *(f"com{i}" for i in "123456789¹²³"),
                              *(f"lpt{i}" for i in "123456789¹²³")])


def windows_device(name: str) -> bool:
    """True when `name` (a file or folder name) is a Windows device name: CON, NUL.txt..."""
    return name.split(".")[0].strip().lower() in WINDOWS_RESERVED


def is_relative_inside(name: str) -> bool:
    """A relative posix path that stays inside its folder: no absolute path, no drive,
    no backslash, no '..', no empty or '.' part, no NUL."""
    if not name or "\0" in name or "\\" in name or _WINDOWS_DRIVE.match(name):
        return False
    parts = PurePosixPath(name).parts
    return not name.startswith("/") and all(p not in ("..", ".", "") for p in parts) \
        and "//" not in name and not name.endswith("/")


def inside(folder: Path, relative: str, fields: Fields, where: str) -> Path:
    """folder/relative, refused when it (or a symlink on its way) leaves the folder."""
    fields.relative(relative, where)
    path = Path(os.path.realpath(folder / relative))
    if not path.is_relative_to(Path(os.path.realpath(folder))):
        raise fields.fail(where, f"'{relative}' resolves outside the folder (a symlink "
                                 "pointing out)")
    return path


# ------------------------------------------------------------------------ set.json

SET_ADVICE = "rebuild the set"


def check_set_document(data: Any, path: Path | str) -> dict:
    """set.json's structure: what the scene builder, exporters and renderers index
    into, with types, ranges and cross references (a part's material exists)."""
    f = Fields(path, "set document", SET_ADVICE)
    f.table(data, "the document")
    check_tree(data, path, "set document", SET_ADVICE)
    for key in ("spec", "plan", "materials", "sky", "options"):
        f.table(f.key(data, key, ""), key)
    f.number(f.key(data, "texel_density_px_per_m", ""), "texel_density_px_per_m", 0, 1e6)
    spec = data["spec"]
    f.text(f.key(spec, "prompt", "spec"), "spec.prompt", empty=True)
    for role, surface in f.table(spec.get("surfaces", {}), "spec.surfaces").items():
        f.table(surface, f"spec.surfaces.{role}")
    for key in ("notices", "languages", "unknown_words"):
        f.items(spec.get(key, []), f"spec.{key}")
    materials = data["materials"]
    for name, material in materials.items():
        _material(f, material, f"materials.{name}")
    plan = data["plan"]
    for key in ("name", "archetype"):
        f.text(f.key(plan, key, "plan"), f"plan.{key}")
    for i, part in enumerate(f.items(f.key(plan, "parts", "plan"), "plan.parts")):
        _part(f, part, f"plan.parts[{i}]", materials)
    for i, camera in enumerate(f.items(f.key(plan, "cameras", "plan"), "plan.cameras")):
        _camera(f, camera, f"plan.cameras[{i}]")
    for i, light in enumerate(f.items(f.key(plan, "lights", "plan"), "plan.lights")):
        _light(f, light, f"plan.lights[{i}]")
    f.table(f.key(plan, "material_requests", "plan"), "plan.material_requests")
    f.table(f.key(plan, "sky", "plan"), "plan.sky")
    f.table(f.key(plan, "atmosphere", "plan"), "plan.atmosphere")
    f.items(f.key(plan, "notices", "plan"), "plan.notices")
    _sky(f, data["sky"], "sky")
    return data


def _material(f: Fields, data: Any, where: str) -> None:
    f.table(data, where)
    f.vector(f.key(data, "tile_size_m", where), f"{where}.tile_size_m", 2, 1e-6, 1e6)
    maps = f.table(f.key(data, "maps", where), f"{where}.maps")
    for name, value in maps.items():
        f.relative(value, f"{where}.maps.{name}")
    f.table(data.get("params", {}), f"{where}.params")


def _part(f: Fields, data: Any, where: str, materials: dict) -> None:
    f.table(data, where)
    f.text(f.key(data, "name", where), f"{where}.name")
    f.relative(f.key(data, "mesh", where), f"{where}.mesh")
    material = f.text(f.key(data, "material", where), f"{where}.material")
    if material not in materials:
        raise f.fail(f"{where}.material", f"names '{material}', which is not in 'materials'")
    f.flag(f.key(data, "smooth", where), f"{where}.smooth")
    for i, matrix in enumerate(f.items(f.key(data, "instances", where), f"{where}.instances")):
        f.vector(matrix, f"{where}.instances[{i}]", 16)
    for i, mask in enumerate(f.items(f.key(data, "masks", where), f"{where}.masks")):
        f.text(mask, f"{where}.masks[{i}]")
    atlas = f.table(f.key(data, "atlas", where), f"{where}.atlas")
    for key in ("width", "height"):
        f.number(f.key(atlas, key, f"{where}.atlas"), f"{where}.atlas.{key}", 1, MAX_SIDE,
                 whole=True)
    f.number(f.key(atlas, "density_px_per_m", f"{where}.atlas"),
             f"{where}.atlas.density_px_per_m", 0, 1e6)


def _camera(f: Fields, data: Any, where: str) -> None:
    f.table(data, where)
    f.text(f.key(data, "name", where), f"{where}.name")
    f.vector(f.key(data, "location", where), f"{where}.location", 3)
    f.vector(f.key(data, "target", where), f"{where}.target", 3)
    f.number(data.get("lens_mm", 35.0), f"{where}.lens_mm", 1.0, 5000.0)
    f.number(data.get("sensor_width_mm", 24.89), f"{where}.sensor_width_mm", 1.0, 1000.0)
    f.number(data.get("squeeze", 1.0), f"{where}.squeeze", 0.1, 10.0)
    for key in ("sensor_height_mm", "focus_distance_m", "t_stop"):
        f.number(data.get(key, 0.0), f"{where}.{key}", 0.0, 1e6)


def _light(f: Fields, data: Any, where: str) -> None:
    f.table(data, where)
    f.text(f.key(data, "name", where), f"{where}.name")
    f.text(f.key(data, "kind", where), f"{where}.kind")
    f.vector(f.key(data, "location", where), f"{where}.location", 3)
    for key, size in (("direction", 3), ("colour", 3)):
        if key in data:
            f.vector(data[key], f"{where}.{key}", size)
    for key in ("power_w", "size_m", "spot_angle_deg", "spot_blend"):
        if key in data:
            f.number(data[key], f"{where}.{key}", 0.0, 1e9)


def _sky(f: Fields, data: Any, where: str) -> None:
    f.relative(f.key(data, "exr_path", where), f"{where}.exr_path")
    for key in ("preview_path", "sidecar_path"):
        if data.get(key) is not None:
            f.relative(data[key], f"{where}.{key}")
    f.number(f.key(data, "sun_azimuth_deg", where), f"{where}.sun_azimuth_deg", -720, 720)
    f.number(f.key(data, "sun_elevation_deg", where), f"{where}.sun_elevation_deg", -90, 90)
    f.number(f.key(data, "sun_irradiance_w_m2", where), f"{where}.sun_irradiance_w_m2",
             0, 1e6)
    if "sun_colour" in data:
        f.vector(data["sun_colour"], f"{where}.sun_colour", 3, 0, 1e6)


# -------------------------------------------------------------------------- meshes

MESH_REQUIRED = ("positions", "faces", "normals", "uv", "atlas_uv")
MESH_ADVICE = "rebuild the set or restore the file from a copy"
MAX_MESH_BYTES = 4 * 1024 * 1024 * 1024


def read_mesh(path: Path | str, masks: list[str] = ()) -> dict[str, np.ndarray]:
    """The arrays of a mesh file (.npz), checked: required arrays, dtypes, shapes,
    finite values, face indices within the vertices, every named mask present with one
    finite value per vertex."""
    path = regular_file(path, "mesh file", MESH_ADVICE)
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {name: np.array(data[name]) for name in data.files}
    except (OSError, ValueError, zipfile.BadZipFile, EOFError, KeyError,
            zlib.error, NotImplementedError, struct.error) as exc:
        raise InputError(f"mesh file '{path}' is damaged ({type(exc).__name__}: {exc}); "
                         f"{MESH_ADVICE}") from None
    check_mesh(arrays, path, masks)
    return arrays


def check_mesh(arrays: dict[str, np.ndarray], path: Path | str, masks: list[str] = ()) -> None:
    def bad(name: str, problem: str) -> InputError:
        return InputError(f"mesh file '{path}': array '{name}' {problem}; {MESH_ADVICE}")

    missing = [n for n in (*MESH_REQUIRED, *(f"mask_{m}" for m in masks)) if n not in arrays]
    if missing:
        raise InputError(f"mesh file '{path}' lacks {', '.join(missing)}; {MESH_ADVICE}")
    count = len(arrays["positions"]) if arrays["positions"].ndim else -1
    shapes = {"positions": (count, 3), "normals": (count, 3), "uv": (count, 2),
              "atlas_uv": (count, 2), **{f"mask_{m}": (count,) for m in masks}}
    for name, shape in shapes.items():
        array = arrays[name]
        if array.dtype.kind not in "fiu":
            raise bad(name, f"holds {array.dtype}, not numbers")
        if array.shape != shape:
            raise bad(name, f"has shape {array.shape}, expected {shape}")
        if not np.isfinite(array).all():
            raise bad(name, "holds NaN or infinite values")
    faces = arrays["faces"]
    if faces.dtype.kind not in "iu" or faces.ndim != 2 or faces.shape[1] != 3:
        raise bad("faces", f"must be whole numbers of shape (F, 3), not {faces.dtype} "
                           f"{faces.shape}")
    if faces.size and (int(faces.min()) < 0 or int(faces.max()) >= count):
        raise bad("faces", f"indexes vertices {int(faces.min())}..{int(faces.max())}, "
                           f"outside 0..{count - 1}")


# ----------------------------------------------------------------------- manifest

MANIFEST_ADVICE = "the folder cannot be trusted: rebuild it or restore it from a copy"


def read_manifest(path: Path | str) -> dict[str, dict]:
    """manifest.json's `files`: relative paths inside the folder -> {sha256, bytes}."""
    data = read_json(path, "manifest", MANIFEST_ADVICE)
    f = Fields(path, "manifest", MANIFEST_ADVICE)
    files = f.table(f.key(f.table(data, "the manifest"), "files", ""), "files")
    for name, entry in files.items():
        where = f"files.{name}"
        f.relative(name, where)
        f.table(entry, where)
        digest = f.text(f.key(entry, "sha256", where), f"{where}.sha256")
        if not SHA256.match(digest):
            raise f.fail(f"{where}.sha256", "is not a sha256 (64 hex digits)")
        f.number(f.key(entry, "bytes", where), f"{where}.bytes", 0, 2**63 - 1, whole=True)
    return files


# ---------------------------------------------------------------------- shot lists

SHOTS_FORMAT = "ai-sets/shots"
SHOTS_VERSION = 1
SHOTS_ADVICE = "save the shots again"


def read_shot_list(path: Path | str) -> list[dict]:
    """shots.json's shots as checked dicts (scout/shots.py builds Shot from them)."""
    data = read_json(path, "shot list", SHOTS_ADVICE)
    f = Fields(path, "shot list", SHOTS_ADVICE)
    f.table(data, "the shot list")
    if data.get("format") != SHOTS_FORMAT:
        raise f.fail("format", f"must be '{SHOTS_FORMAT}' (not an AI Sets shot list)")
    version = f.number(data.get("version", 0), "version", 0, 2**31, whole=True)
    if version > SHOTS_VERSION:
        raise f.fail("version", f"is {version}, newer than this add-on reads "
                                f"({SHOTS_VERSION}); update the add-on")
    shots = f.items(f.key(data, "shots", ""), "shots")
    for i, shot in enumerate(shots):
        check_shot(f, shot, f"shots[{i}]")
    return shots


def check_shot(f: Fields, data: Any, where: str) -> dict:
    f.table(data, where)
    f.text(f.key(data, "name", where), f"{where}.name")
    for key in ("body", "zoom", "frame_line", "place", "note", "thumbnail"):
        if key in data:
            f.text(data[key], f"{where}.{key}", empty=True)
    f.number(data.get("lens_mm", 35.0), f"{where}.lens_mm", 1.0, 5000.0)
    f.number(data.get("squeeze", 1.0), f"{where}.squeeze", 0.1, 10.0)
    for key in ("focus_distance_m", "t_stop"):
        f.number(data.get(key, 0.0), f"{where}.{key}", 0.0, 1e6)
    if "location" in data:
        f.vector(data["location"], f"{where}.location", 3)
    if "rotation_deg" in data:
        f.vector(data["rotation_deg"], f"{where}.rotation_deg", 3, -1e6, 1e6)
    f.number(data.get("hour", 15.0), f"{where}.hour", 0.0, 24.0)
    for key in ("sun_elevation_deg", "sun_azimuth_deg"):
        if data.get(key) is not None:
            f.number(data[key], f"{where}.{key}", -720.0, 720.0)
    f.table(data.get("sky", {}), f"{where}.sky")
    return data


# ------------------------------------------------------------------------ job files

JOB_ADVICE = "fix the job file"


def toml_depth(text: str) -> int:
    """The deepest nesting of arrays and inline tables in TOML text, strings ("..",
    '..', and their triple-quoted forms) and comments skipped, without recursion:
    checked before tomllib, whose parser recurses once per level."""
    depth = deepest = 0
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        if char in "\"'":
            quote = char * 3 if text.startswith(char * 3, i) else char
            i = _string_end(text, i + len(quote), quote)
            continue
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
        i += 1
    return deepest


def _string_end(text: str, i: int, quote: str) -> int:
    """The index just after the string that starts at `i` (after its opening quote)."""
    escapes = quote[0] == '"'
    while i < len(text):
        if escapes and text[i] == "\\":
            i += 2
            continue
        if text.startswith(quote, i):
            return i + len(quote)
        if len(quote) == 1 and text[i] == "\n":
            return i + 1
        i += 1
    return i


# ---------------------------------------------------------------- images and skies

IMAGE_ADVICE = "rebuild the set or restore the file"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
EXR_MAGIC = b"\x76\x2f\x31\x01"


def check_image(path: Path | str, what: str = "image", advice: str = IMAGE_ADVICE) -> Path:
    """A PNG walked chunk by chunk (lengths, CRCs, a sane header, IEND), an EXR's header
    read: a truncated or damaged map is refused here rather than dropped silently by
    an exporter. Other formats: a regular, non-empty file."""
    path = regular_file(path, what, advice)
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head == PNG_MAGIC:
        _check_png(path, what, advice)
    elif head[:4] == EXR_MAGIC:
        _check_exr(path, what, advice)
    elif path.suffix.lower() in (".png", ".exr"):
        raise InputError(f"{what} '{path}' is not a {path.suffix[1:].upper()} file (its "
                         f"first bytes are wrong); {advice}")
    elif not head:
        raise InputError(f"{what} '{path}' is empty; {advice}")
    return path


def _check_png(path: Path, what: str, advice: str) -> None:
    data = path.read_bytes()
    pos, seen_header, seen_data = 8, False, False
    while pos + 12 <= len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        tag = data[pos + 4:pos + 8]
        end = pos + 8 + length
        if end + 4 > len(data):
            break
        (crc,) = struct.unpack(">I", data[end:end + 4])
        if zlib.crc32(data[pos + 4:end]) & 0xFFFFFFFF != crc:
            raise InputError(f"{what} '{path}' is damaged (chunk {tag!r} fails its CRC); "
                             f"{advice}")
        if tag == b"IHDR":
            width, height = struct.unpack(">II", data[pos + 8:pos + 16])
            if not (0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE):
                raise InputError(f"{what} '{path}' claims {width}x{height} pixels; {advice}")
            seen_header = True
        seen_data |= tag == b"IDAT"
        if tag == b"IEND":
            if seen_header and seen_data:
                return
            break
        pos = end + 4
    raise InputError(f"{what} '{path}' is truncated or damaged (no complete image data); "
                     f"{advice}")


_EXR_LINES = {0: 1, 1: 1, 2: 1, 3: 16, 4: 32, 5: 16, 6: 32, 7: 32, 8: 32, 9: 256}


def _check_exr(path: Path, what: str, advice: str) -> None:
    """A scanline EXR's header, and its offset table against the file's length: every
    chunk must start and end inside the file (a truncated sky is caught here)."""
    data = path.read_bytes()

    def bad(problem: str) -> InputError:
        return InputError(f"{what} '{path}' is {problem}; {advice}")

    (version,) = struct.unpack_from("<I", data, 4) if len(data) >= 8 else (0,)
    if version & 0x200 or version & 0x1000:       # tiled or multi-part: header only
        return
    pos, attrs = 8, {}
    try:
        while data[pos] != 0:
            name_end = data.index(b"\0", pos)
            type_end = data.index(b"\0", name_end + 1)
            (size,) = struct.unpack_from("<i", data, type_end + 1)
            value_at = type_end + 5
            if size < 0 or value_at + size > len(data):
                raise bad("truncated inside its header")
            attrs[data[pos:name_end]] = data[value_at:value_at + size]
            pos = value_at + size
        pos += 1
        compression = attrs[b"compression"][0]
        _, y_min, _, y_max = struct.unpack("<iiii", attrs[b"dataWindow"])
    except (IndexError, ValueError, KeyError, struct.error):
        raise bad("damaged (its header cannot be read)") from None
    lines = _EXR_LINES.get(compression)
    if lines is None or y_max < y_min:
        raise bad("damaged (unknown compression or an empty data window)")
    chunks = (y_max - y_min) // lines + 1
    table_end = pos + 8 * chunks
    if table_end > len(data):
        raise bad("truncated (its chunk table is cut off)")
    offsets = struct.unpack_from(f"<{chunks}Q", data, pos)
    for offset in offsets:
        if not table_end <= offset <= len(data) - 8:
            raise bad("truncated or damaged (a chunk lies outside the file)")
        (size,) = struct.unpack_from("<i", data, offset + 4)
        if size < 0 or offset + 8 + size > len(data):
            raise bad("truncated (its last pixels are missing)")
