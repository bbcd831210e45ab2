"""Read an LDR (or LDR-in-EXR) 360° panorama and linearise it.

Sizes are checked from the file header before any pixel is decoded, so a huge or
malformed file is refused (InputError, exit 2) without filling memory. 8-bit PNG and
JPEG decode through Pillow when it is installed (fast, every PNG filter); 16-bit PNG
through `fileio.read_png` (Pillow would silently cut it to 8 bits); EXR through
`fileio.read_exr`.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ...core.colour import srgb_to_linear as decode_srgb
from ...core.errors import InputError
from ...core.limits import HDRI_WIDTH
from .grid import look_up

MIN_WIDTH, MAX_WIDTH = int(HDRI_WIDTH.lo), int(HDRI_WIDTH.hi)   # core/limits.py
CLIP_8BIT = 250          # codes >= this count as clipped (JPEG ringing, AI "white" suns)
CLIP_16BIT = 64250       # the same fraction of full scale for 16-bit files
TOP_BIN = 254.5 / 255.0  # where the top 8-bit code's bin begins: what its light is known to reach
EXR_FLAT_TOP = 0.995     # an EXR pixel within 0.5 % of the file's peak is clipped ...
EXR_FLAT_SHARE = 2e-4    # ... when at least this share of pixels sits there (a flat top)

_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_EXR_MAGIC = b"\x76\x2f\x31\x01"
_JPEG_MAGIC = b"\xff\xd8\xff"


@dataclass
class Panorama:
    """A linearised panorama: relative linear Rec.709 plus what was clipped."""

    linear: np.ndarray        # (H, W, 3) float32, relative (1.0 = the file's white)
    clipped: np.ndarray       # (H, W) bool: a channel reached the clip level
    source: str               # "png8", "png16", "jpeg", "exr"
    response: str             # how it was linearised
    path: Path
    peak: np.ndarray | None = None   # (H, W) largest relative channel (computed if None)
    codes: np.ndarray | None = None  # (H, W, 3) uint8 codes of an 8-bit file (re-decoding)
    balance: np.ndarray | None = None  # (3, 3) on each decoded pixel: the camera's white
                                       # balance undone (lift.unbalanced), None: as shot
    clip_floor: float = 1.0   # the relative level a pixel at the top code is known to reach

    def __post_init__(self) -> None:
        if self.peak is None:
            self.peak = channel_max(self.linear)

    @property
    def eight_bit(self) -> bool:
        """Whether the file's 8-bit codes are kept (a curve decodes them by table)."""
        return self.codes is not None and self.codes.dtype == np.uint8

    @property
    def width(self) -> int:
        return int(self.linear.shape[1])


def channel_max(rgb: np.ndarray) -> np.ndarray:
    """(..., 3) -> (...) largest channel: two element-wise maxima (6x faster than
    .max(axis=-1) on a 4096x2048 panorama, whose innermost axis is only 3 long)."""
    return np.maximum(np.maximum(rgb[..., 0], rgb[..., 1]), rgb[..., 2])


def srgb_to_linear(v: np.ndarray) -> np.ndarray:
    """Encoded 0..1 values -> linear light, float32."""
    return decode_srgb(np.asarray(v, np.float32)).astype(np.float32)


_LUT8 = srgb_to_linear(np.arange(256, dtype=np.float32) / 255.0)


def read_panorama(path: Path | str) -> Panorama:
    """Header check (kind, 2:1, size limits), decode, linearise; InputError on bad files."""
    from ...core.readers import regular_file

    path = regular_file(path, "panorama", "give a PNG, JPEG or EXR panorama")
    kind, width, height = probe(path)
    check_size(width, height, path)
    if kind == "exr":
        return _from_exr(path)
    pixels = _decode_png(path) if kind == "png" else _decode_jpeg(path)
    if pixels.shape[:2] != (height, width):
        raise InputError(f"'{path}': the header says {width}x{height} but the pixels are "
                         f"{pixels.shape[1]}x{pixels.shape[0]}; the file is damaged.")
    return _linearise(pixels, path, "jpeg" if kind == "jpeg" else None)


def probe(path: Path) -> tuple[str, int, int]:
    """(kind, width, height) from the first bytes; InputError when it is no image we read."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(64)
    except FileNotFoundError:
        raise InputError(f"'{path}' does not exist: give a PNG, JPEG or EXR panorama.") from None
    except IsADirectoryError:
        raise InputError(f"'{path}' is a folder: give a PNG, JPEG or EXR panorama.") from None
    except OSError as exc:
        raise InputError(f"cannot read '{path}': {exc.strerror}.") from None
    if head.startswith(_PNG_MAGIC) and head[12:16] == b"IHDR" and len(head) >= 24:
        width, height = struct.unpack(">II", head[16:24])
        return "png", int(width), int(height)
    if head.startswith(_JPEG_MAGIC):
        width, height = _jpeg_size(path)
        return "jpeg", width, height
    if head.startswith(_EXR_MAGIC):
        width, height = _exr_size(path)
        return "exr", width, height
    raise InputError(f"'{path}' is not a PNG, JPEG or OpenEXR image: give an equirectangular "
                     "360° panorama (2:1) in one of those formats.")


def check_size(width: int, height: int, path: Path) -> None:
    """2:1 equirect, width MIN_WIDTH..MAX_WIDTH (16384: the sky's own limit, ~1.6 GB)."""
    if width != 2 * height:
        raise InputError(f"'{path}' is {width}x{height}, not a 2:1 equirectangular panorama "
                         "(width = 2 x height, e.g. 4096x2048). Crop or pad it to 2:1.")
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        raise InputError(f"'{path}' is {width}x{height}: panoramas from {MIN_WIDTH} to "
                         f"{MAX_WIDTH} pixels wide are supported; resize it.")


def _jpeg_size(path: Path) -> tuple[int, int]:
    image_module = _pillow(path, "JPEG")
    try:
        with image_module.open(path) as im:
            return int(im.size[0]), int(im.size[1])
    except Exception as exc:  # noqa: BLE001 - Pillow raises many kinds on broken files
        raise InputError(f"'{path}' is not a readable JPEG ({exc}).") from None


def _exr_size(path: Path) -> tuple[int, int]:
    import OpenEXR

    try:
        with OpenEXR.File(str(path), header_only=True) as exr:
            (x0, y0), (x1, y1) = exr.header()["dataWindow"]
    except Exception as exc:  # noqa: BLE001 - the bindings raise RuntimeError and others
        raise InputError(f"'{path}' is not a readable OpenEXR file ({exc}).") from None
    return int(x1 - x0 + 1), int(y1 - y0 + 1)


def _pillow(path: Path, what: str):
    try:
        from PIL import Image
    except ImportError:
        raise InputError(f"reading {what} ('{path}') needs Pillow: pip install pillow "
                         "(or convert the panorama to PNG).") from None
    return Image


def _decode_with_pillow(path: Path) -> np.ndarray:
    """Pillow's bomb limit raised to ours (checked from the header) for this call only."""
    from PIL import Image

    old = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = MAX_WIDTH * MAX_WIDTH // 2 + 1
    try:
        with Image.open(path) as im:
            return np.asarray(im.convert("RGB"))
    finally:
        Image.MAX_IMAGE_PIXELS = old


def _decode_jpeg(path: Path) -> np.ndarray:
    _pillow(path, "JPEG")
    try:
        return _decode_with_pillow(path)
    except Exception as exc:  # noqa: BLE001
        raise InputError(f"'{path}' is not a readable JPEG ({exc}).") from None


def _decode_png(path: Path) -> np.ndarray:
    depth = _png_depth(path)
    try:
        if depth == 8 and _has_pillow():
            return _decode_with_pillow(path)
        if depth not in (8, 16):
            raise InputError(f"'{path}' is a {depth}-bit PNG: give an 8- or 16-bit one.")
        from ...core.fileio import read_png

        pixels = read_png(path)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - zlib, struct and Pillow errors alike
        raise InputError(f"'{path}' is not a readable PNG ({exc}).") from None
    return _to_rgb(pixels, path)


def _png_depth(path: Path) -> int:
    with open(path, "rb") as fh:
        head = fh.read(26)
    return int(head[24])


def _has_pillow() -> bool:
    try:
        import PIL  # noqa: F401
    except ImportError:
        return False
    return True


def _to_rgb(pixels: np.ndarray, path: Path) -> np.ndarray:
    """Grey, grey+alpha, RGB, RGBA -> RGB (alpha dropped: a panorama is opaque)."""
    if pixels.ndim == 2:
        return np.repeat(pixels[..., None], 3, axis=2)
    if pixels.shape[2] == 2:
        return np.repeat(pixels[..., :1], 3, axis=2)
    if pixels.shape[2] in (3, 4):
        return pixels[..., :3]
    raise InputError(f"'{path}' has {pixels.shape[2]} channels; give an RGB panorama.")


def _linearise(pixels: np.ndarray, path: Path, kind: str | None) -> Panorama:
    if pixels.dtype == np.uint8:
        top = channel_max(pixels)             # sRGB is monotone: linear peak = LUT[top]
        linear, peak = look_up(_LUT8, pixels), look_up(_LUT8, top)
        clipped = top >= CLIP_8BIT
        source = kind or "png8"
        codes = pixels
    else:
        codes = None
        top = channel_max(pixels)
        linear = srgb_to_linear(pixels.astype(np.float32) / 65535.0)
        peak = srgb_to_linear(top.astype(np.float32) / 65535.0)
        clipped = top >= CLIP_16BIT
        source = "png16"
    return Panorama(linear, clipped, source, "inverse sRGB (IEC 61966-2-1)", path, peak,
                    codes, clip_floor=srgb_clip_floor() if codes is not None else 1.0)


def srgb_clip_floor() -> float:
    """The sRGB level where the top 8-bit code's bin begins (0.9955): the code is
    open-ended, so that is all a clipped pixel is known to reach (response.clip_floor
    gives it for the other curves, when a file is decoded again)."""
    return float(decode_srgb(np.float64(TOP_BIN)))


def _from_exr(path: Path) -> Panorama:
    """An EXR is already linear; a 'fake HDRI' (an LDR image saved as EXR) has a flat top."""
    from ...core.fileio import read_exr

    try:
        rgb = read_exr(path)
    except Exception as exc:  # noqa: BLE001
        raise InputError(f"'{path}' has no readable RGB channels ({exc}).") from None
    rgb = np.nan_to_num(np.maximum(rgb, 0.0), nan=0.0, posinf=0.0).astype(np.float32)
    peak = float(rgb.max())
    if peak <= 0.0:
        raise InputError(f"'{path}' is black: there is nothing to lift.")
    top = channel_max(rgb) >= EXR_FLAT_TOP * peak
    clipped = top if top.mean() >= EXR_FLAT_SHARE else np.zeros_like(top)
    return Panorama(rgb / np.float32(peak), clipped, "exr",
                    f"linear EXR, scaled by 1/{peak:.6g}", path)
