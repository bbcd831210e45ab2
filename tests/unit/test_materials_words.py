"""Words change the expected maps; bad inputs are clear errors; fallbacks are notices."""

from __future__ import annotations

import json

import numpy as np
import pytest

from ai_sets_addon.core.errors import InputError
from ai_sets_addon.generation.materials import (ProceduralMaterials, check_size,
                                                generate_maps, resolve_family)
from ai_sets_addon.model.plan import MaterialRequest

SIZE = 256


def maps(family: str, *mods: str, colour: str | None = None, seed: int = 3):
    return generate_maps(MaterialRequest(key="k", family=family, modifiers=list(mods),
                                         colour=colour, seed=seed), SIZE)


def lum(m) -> float:
    return float(m.base_color.mean())


def test_wet_darkens_porous_surfaces_under_a_water_film():
    """Wet is water on the material (the shader's clear coat, amount `shader.wet`), not
    a glossier material: the maps darken and the filled pores smooth a little only."""
    dry, wet = maps("concrete"), maps("concrete", "wet")
    assert lum(wet) < lum(dry) - 0.05
    assert np.median(dry.roughness) - 0.4 < np.median(wet.roughness) < np.median(dry.roughness)
    assert wet.params["shader"]["wet"] > 0 and wet.params["shader"]["puddle_level"] > 0
    assert dry.params["shader"]["puddle_level"] == 0


def test_puddles_word_floods_more_than_wet():
    wet, flooded = maps("asphalt", "wet"), maps("asphalt", "puddles")
    assert flooded.params["shader"]["puddle_level"] > wet.params["shader"]["puddle_level"]


def test_polished_and_matte_move_roughness_opposite_ways():
    base = np.median(maps("concrete").roughness)
    assert np.median(maps("concrete", "polished").roughness) < base - 0.3
    assert np.median(maps("marble", "matte").roughness) > np.median(maps("marble").roughness) + 0.3


def test_age_words_order_from_new_to_derelict():
    new, old, derelict = maps("plaster", "new"), maps("plaster", "old"), maps("plaster", "derelict")
    assert lum(new) > lum(old) > lum(derelict)
    assert derelict.params["shader"]["grime"] > new.params["shader"]["grime"]


def _greenness(m) -> float:
    rgb = m.base_color
    return float((rgb[..., 1] - 0.5 * (rgb[..., 0] + rgb[..., 2])).mean())


def test_moss_turns_joints_green():
    assert _greenness(maps("brick", "moss")) > _greenness(maps("brick")) + 0.02


def test_rust_eats_metal():
    clean, rusty = maps("corrugated_metal"), maps("corrugated_metal", "rust")
    assert clean.metallic is None and clean.metallic_value == 1.0
    assert rusty.metallic is not None and rusty.metallic.mean() < 0.9
    r, g = rusty.base_color[..., 0].mean(), rusty.base_color[..., 1].mean()
    assert r > g + 0.03


def test_dust_and_soot_lighten_and_darken():
    base = maps("paving_slabs")
    assert lum(maps("paving_slabs", "soot")) < lum(base) - 0.03
    dusty = maps("paving_slabs", "dust")
    assert dusty.params["shader"]["dust"] == 1.0
    assert np.median(dusty.roughness) >= np.median(base.roughness)


def test_colour_words_recolour():
    red = maps("painted_wall", colour="red").base_color
    assert red[..., 0].mean() > 2 * red[..., 1].mean()
    blue_fabric = maps("fabric", colour="blue").base_color
    assert blue_fabric[..., 2].mean() > blue_fabric[..., 0].mean() + 0.1


def test_unknown_words_fall_back_with_a_notice():
    m = maps("unobtainium")
    assert m.family == "concrete" and any("unobtainium" in n for n in m.params["notices"])
    assert resolve_family("wood") == ("wood_planks", "material 'wood' made as 'wood_planks'")
    assert "ignored" in maps("brick", "sparkly").params["notices"][0]


@pytest.mark.parametrize("size", [0, 3, 100, 100000, -64, 63])
def test_bad_sizes_say_the_valid_range(size):
    with pytest.raises(InputError, match="64..8192"):
        check_size(size)


def test_good_sizes():
    assert [check_size(s) for s in (64, 256, 2048, 8192)] == [64, 256, 2048, 8192]


def test_make_material_is_deterministic_to_the_byte(tmp_path):
    req = MaterialRequest(key="walls", family="brick", modifiers=["old", "wet"], seed=5)
    a = ProceduralMaterials().make_material(req, 128, tmp_path / "a")
    b = ProceduralMaterials().make_material(req, 128, tmp_path / "b")
    for name, path in a.maps.items():
        assert path.read_bytes() == b.maps[name].read_bytes(), name
    assert (tmp_path / "a/walls.json").read_bytes() == (tmp_path / "b/walls.json").read_bytes()
    other = ProceduralMaterials().make_material(
        MaterialRequest(key="walls", family="brick", modifiers=["old", "wet"], seed=6),
        128, tmp_path / "c")
    assert other.maps["base_color"].read_bytes() != a.maps["base_color"].read_bytes()


def test_files_and_sidecar(tmp_path):
    from ai_sets_addon.core.fileio import read_png

    tex = ProceduralMaterials().make_material(
        MaterialRequest(key="floor", family="rusted_metal", seed=2), 128, tmp_path)
    assert set(tex.maps) == {"base_color", "normal", "roughness", "height", "ao", "metallic"}
    assert read_png(tex.maps["base_color"]).shape == (128, 128, 3)
    assert read_png(tex.maps["height"]).dtype == np.uint16
    assert read_png(tex.maps["roughness"]).dtype == np.uint8
    side = json.loads((tmp_path / "floor.json").read_text())
    assert side["family"] == "rusted_metal" and side["seed"] == 2
    assert side["tile_size_m"] == [2.0, 2.0] and side["normal_convention"].startswith("OpenGL")
    assert tex.tile_size_m == (2.0, 2.0) and tex.displacement_m > 0
    plain = ProceduralMaterials().make_material(
        MaterialRequest(key="w", family="plaster", seed=2), 64, tmp_path)
    assert "metallic" not in plain.maps and plain.metallic == 0.0


def test_red_brick_is_earth_red_with_grey_mortar():
    """A colour word recolours the bricks in an earth pigment, not the mortar, and not
    in the fire-engine red of paint."""
    from ai_sets_addon.generation.materials import FAMILIES
    from ai_sets_addon.generation.materials.core import Ctx

    red = maps("brick", colour="red")
    joints = FAMILIES["brick"].build(Ctx(n=256, tile_m=1.8, seed=0, family="brick")).joints
    mortar = red.base_color[joints > 0.9]
    assert np.abs(mortar[:, 0] - mortar[:, 2]).mean() < 0.08      # mortar stays grey
    bricks = red.base_color[joints < 0.05]
    painted = maps("painted_wall", colour="red").base_color
    saturation = lambda c: float((c.max(axis=-1) - c.min(axis=-1)).mean())  # noqa: E731
    assert bricks[:, 0].mean() > bricks[:, 1].mean() + 0.15                # still red
    assert saturation(bricks) < saturation(painted) - 0.05
