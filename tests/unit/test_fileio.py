"""Files are complete or absent; PNG and EXR round-trip exactly."""

import numpy as np
import pytest

from ai_sets_addon.core import fileio
from ai_sets_addon.core.errors import InputError


def test_atomic_path_leaves_nothing_when_the_writer_fails(tmp_path):
    target = tmp_path / "out.png"
    with pytest.raises(RuntimeError):
        with fileio.atomic_path(target) as tmp:
            tmp.write_bytes(b"half")
            raise RuntimeError("interrupted")
    assert list(tmp_path.iterdir()) == []


def test_atomic_path_replaces_an_existing_file_whole(tmp_path):
    target = tmp_path / "a.json"
    fileio.write_json(target, {"v": 1})
    fileio.write_json(target, {"v": 2})
    assert target.read_text().strip().endswith("}")
    assert '"v": 2' in target.read_text()
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


@pytest.mark.parametrize("shape,dtype", [((7, 5, 3), np.uint8), ((6, 9), np.uint16),
                                         ((4, 4, 4), np.uint8)])
def test_png_round_trip(tmp_path, shape, dtype):
    rng = np.random.default_rng(1)
    pixels = rng.integers(0, np.iinfo(dtype).max, size=shape, dtype=dtype)
    fileio.write_png(tmp_path / "p.png", pixels)
    assert np.array_equal(fileio.read_png(tmp_path / "p.png"), pixels)


def test_png_bytes_are_deterministic():
    pixels = np.arange(48, dtype=np.uint8).reshape(4, 4, 3)
    assert fileio.encode_png(pixels) == fileio.encode_png(pixels.copy())


def test_exr_round_trip_keeps_values_above_one(tmp_path):
    rgb = np.zeros((8, 16, 3), np.float32)
    rgb[2, 3] = (50000.0, 40000.0, 30000.0)
    rgb[5, 9] = (0.001, 0.002, 0.003)
    fileio.write_exr(tmp_path / "s.exr", rgb, half=False)
    back = fileio.read_exr(tmp_path / "s.exr")
    assert np.allclose(back, rgb)


def test_unwritable_folder_is_a_clear_input_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(InputError, match="cannot create output folder"):
        fileio.ensure_writable_dir(blocker / "sub")


def _encode_filtered(pixels: np.ndarray, kinds: np.ndarray) -> bytes:
    """A PNG whose row y uses filter kinds[y] (0 None .. 4 Paeth), encoded straight from
    the PNG specification, independently of the decoder under test."""
    import struct
    import zlib

    img = pixels if pixels.ndim == 3 else pixels[..., None]
    height, width, channels = img.shape
    depth = 8 if img.dtype == np.uint8 else 16
    bpp = channels * depth // 8
    raw = (img.astype(">u2") if depth == 16 else img).reshape(height, -1).view(np.uint8)
    raw = raw.astype(np.int32)
    left, up, up_left = (np.zeros_like(raw) for _ in range(3))
    left[:, bpp:], up[1:], up_left[1:, bpp:] = raw[:, :-bpp], raw[:-1], raw[:-1, :-bpp]
    p = left + up - up_left
    pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
    paeth = np.where((pa <= pb) & (pa <= pc), left, np.where(pb <= pc, up, up_left))
    preds = np.stack([np.zeros_like(raw), left, up, (left + up) // 2, paeth])
    pred = preds[np.asarray(kinds)[:, None], np.arange(height)[:, None],
                 np.arange(raw.shape[1])[None, :]]
    body = np.concatenate([np.asarray(kinds, np.uint8)[:, None],
                           ((raw - pred) & 255).astype(np.uint8)], axis=1)
    header = struct.pack(">IIBBBBB", width, height, depth,
                         {1: 0, 2: 4, 3: 2, 4: 6}[channels], 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + fileio._chunk(b"IHDR", header)
            + fileio._chunk(b"IDAT", zlib.compress(body.tobytes()))
            + fileio._chunk(b"IEND", b""))


@pytest.mark.parametrize("shape,dtype", [((13, 11, 3), np.uint8), ((9, 17), np.uint16),
                                         ((7, 6, 4), np.uint8), ((10, 5, 3), np.uint16),
                                         ((1, 8, 3), np.uint8), ((12, 1, 3), np.uint8)])
@pytest.mark.parametrize("filters", ["sub", "up", "average", "paeth", "mixed"])
def test_png_every_row_filter_decodes_exactly(tmp_path, shape, dtype, filters):
    rng = np.random.default_rng(7)
    smooth = np.cumsum(rng.integers(0, 9, size=shape), axis=0) * 37
    pixels = ((smooth + rng.integers(0, 5, size=shape)) % (np.iinfo(dtype).max + 1)
              ).astype(dtype)
    table = {"sub": 1, "up": 2, "average": 3, "paeth": 4}
    kinds = (np.arange(shape[0]) * 3 % 5 if filters == "mixed"
             else np.full(shape[0], table[filters]))
    (tmp_path / "f.png").write_bytes(_encode_filtered(pixels, kinds))
    # read_png squeezes length-1 axes (a one-row or one-column image comes back 1-D)
    assert np.array_equal(fileio.read_png(tmp_path / "f.png"), pixels.squeeze())


def test_png_written_by_pillow_with_its_own_filters_decodes(tmp_path):
    image = pytest.importorskip("PIL.Image")
    y, x = np.mgrid[0:40, 0:64]
    pixels = np.stack([(x * 4) % 256, (y * 6) % 256, (x * y) % 256], -1).astype(np.uint8)
    image.fromarray(pixels).save(tmp_path / "pil.png")
    assert np.array_equal(fileio.read_png(tmp_path / "pil.png"), pixels)
