"""Files are complete or absent; PNG and EXR round-trip exactly."""

import numpy as np
import pytest

from ai_sets_addon.generation import fileio
from ai_sets_addon.generation.errors import InputError


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
