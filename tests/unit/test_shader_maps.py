"""The exporters' maps of shader-only patterns (generation/materials/shader_maps.py):
leaf cards cut out at their real size, bark furrows, lit windows, posters. Pure numpy:
the same bytes for the same seed whatever the thread count, finite, in range."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from ai_sets_addon.core.fileio import read_png
from ai_sets_addon.generation.materials import shader_maps as sm
from ai_sets_addon.generation.materials.shader_only import describe_shader_material
from ai_sets_addon.model.plan import MaterialRequest

ROOT = Path(__file__).resolve().parents[2]
PATTERNS = {                      # key -> (family, modifiers)
    "leaves": ("foliage", ["cards"]),
    "needles": ("foliage", ["needles", "dark"]),
    "fronds": ("foliage", ["fronds"]),
    "bark": ("bark", []),
    "birch_bark": ("bark", ["birch"]),
    "window_light": ("lit_window", []),
    "poster": ("poster", []),
}
CONSTANT = {"glass": ("glass", []), "neon": ("neon", []), "water": ("water", []),
            "hedge": ("foliage", ["dark"]), "paint": ("paint", []), "lamp": ("emission", [])}


def _request(key: str, family: str, mods: list[str], seed: int = 11) -> MaterialRequest:
    return MaterialRequest(key=key, family=family, modifiers=list(mods), seed=seed)


def _arrays(key: str, size: int = 256, seed: int = 11):
    family, mods = PATTERNS[key]
    params = describe_shader_material(_request(key, family, mods, seed)).params
    return sm.shader_map_arrays(family, params, size, seed, key)


@pytest.mark.parametrize("key", sorted(PATTERNS))
def test_maps_are_deterministic_finite_and_in_range(key):
    first, tile = _arrays(key)
    again, tile_again = _arrays(key)
    other, _ = _arrays(key, seed=12)
    assert first and tile == tile_again and min(tile) > 0
    for name, values in first.items():
        assert values.dtype == np.float32 and values.shape[:2] == (256, 256), name
        assert np.isfinite(values).all(), name
        assert values.min() >= -1.0 and values.max() <= 1.0, name
        assert sm.quantise(name, values).tobytes() == sm.quantise(name, again[name]).tobytes()
        if name != "normal" and values.std() > 1e-3:     # noise: another seed differs
            assert not np.array_equal(values, other[name]), name


@pytest.mark.parametrize("key", ["leaves", "needles", "fronds"])
def test_leaf_cards_are_cut_out(key):
    maps, tile = _arrays(key, size=512)
    rgba = maps["base_color"]
    assert rgba.shape == (512, 512, 4)
    clear = float(np.mean(rgba[..., 3] == 0.0))
    assert 0.2 < clear < 0.9, clear
    assert float(np.mean(rgba[..., 3] == 1.0)) > 0.1            # whole leaves, not haze
    if key != "fronds":                                          # the card is the tile
        params = describe_shader_material(_request(key, *PATTERNS[key])).params
        assert tile == (params["card_m"], params["card_m"])
        # The card's corners (the tile's middle: its centre is texel (0, 0)) are clear.
        assert rgba[240:272, 240:272, 3].max() == 0.0
        # A leaf is a few cm: many separate leaves on a card.
        edges = np.abs(np.diff(rgba[..., 3] > 0.5, axis=1)).sum()
        assert edges > 1000


def test_bark_furrows_run_along_the_trunk():
    """Tiled bark UVs: u around the trunk, v along it. Furrows along v: the colour
    changes much more across u (along a row) than along v (down a column)."""
    maps, _ = _arrays("bark")
    grey = maps["base_color"].mean(axis=-1)
    across = np.abs(np.diff(grey, axis=1)).mean()
    along = np.abs(np.diff(grey, axis=0)).mean()
    assert across > 2.0 * along, (across, along)
    normal = maps["normal"]
    assert np.allclose(np.linalg.norm(normal, axis=-1), 1.0, atol=1e-4)
    birch = _arrays("birch_bark")[0]["base_color"].mean(axis=-1)
    assert np.abs(np.diff(birch, axis=0)).mean() > 2.0 * np.abs(np.diff(birch, axis=1)).mean()


def test_constant_families_keep_their_constants(tmp_path):
    for key, (family, mods) in CONSTANT.items():
        desc = sm.make_shader_material(_request(key, family, mods), 256, tmp_path)
        assert desc.kind == "shader" and desc.maps == {}, key
    assert not list(tmp_path.iterdir())


def test_make_shader_material_writes_listed_maps(tmp_path):
    desc = sm.make_shader_material(_request("leaves", "foliage", ["cards"]), 1024, tmp_path)
    assert desc.kind == "shader" and desc.params["maps_for"] == "export"
    assert desc.params["alpha_mode"] == "MASK" and desc.params["map_origin"] == "card_centre"
    assert set(desc.maps) == {"base_color"}
    assert desc.tile_size_m == (0.7, 0.7)
    image = read_png(desc.maps["base_color"])
    assert image.shape == (512, 512, 4) and image.dtype == np.uint8    # capped at 512
    lit = sm.make_shader_material(_request("win", "lit_window", []), 256, tmp_path)
    assert set(lit.maps) == {"emission"} and read_png(lit.maps["emission"]).shape == (256, 256, 3)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["leaves_base_color.png",
                                                          "win_emission.png"]


WRITER = r"""
import hashlib, json, sys
from pathlib import Path
from ai_sets_addon.generation.materials.shader_maps import make_shader_material
from ai_sets_addon.model.plan import MaterialRequest

out = Path(sys.argv[1])
for key, (family, mods) in json.loads(sys.argv[2]).items():
    make_shader_material(MaterialRequest(key, family, mods, None, 5), 256, out)
print(json.dumps({p.name: hashlib.sha256(p.read_bytes()).hexdigest()
                  for p in sorted(out.iterdir())}))
"""


def _hashes(threads: int, out: Path) -> dict[str, str]:
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads),
               MKL_NUM_THREADS=str(threads), PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", WRITER, str(out), json.dumps(PATTERNS)],
                          env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_same_bytes_whatever_the_thread_count(tmp_path):
    one, two = _hashes(1, tmp_path / "one"), _hashes(2, tmp_path / "two")
    assert len(one) == 10 and one == two         # posters and barks: two maps each

