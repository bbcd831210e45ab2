"""The pure half of the exporters: unit conversions, the GLB container, output names;
importable without Blender."""

from __future__ import annotations

import math
import subprocess
import sys

import numpy as np
import pytest

from ai_sets_addon.blender.export import output_path
from ai_sets_addon.export import glb, units
from ai_sets_addon.core.errors import InputError


def test_pure_modules_do_not_import_bpy():
    code = ("import sys; import ai_sets_addon.export, ai_sets_addon.export.units, "
            "ai_sets_addon.export.glb, ai_sets_addon.export.sidecar; "
            "sys.exit('bpy' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_light_units_match_blenders_gltf_exporter():
    assert units.PBR_WATTS_TO_LUMENS == 683
    assert units.point_candela(4 * math.pi) == pytest.approx(683)
    assert units.sun_lux(1.0) == pytest.approx(683)
    assert units.area_candela(math.pi) == pytest.approx(683)
    inner, outer = units.spot_cones(60.0, 0.5)
    assert outer == pytest.approx(math.radians(30)) and inner == pytest.approx(outer / 2)


def test_camera_direction_and_colour_units():
    assert units.yfov(35.0, 24.89) == pytest.approx(2 * math.atan(24.89 / (16 / 9) / 70))
    assert units.usd_camera_units(35.0, 24.89)["focalLength"] == pytest.approx(0.35)
    assert units.sun_direction(90.0, 0.0) == pytest.approx((1.0, 0.0, 0.0))
    assert units.sun_direction(0.0, 90.0) == pytest.approx((0.0, 0.0, 1.0), abs=1e-12)
    assert units.unit_colour((2.0, 1.0, 0.5)) == ((1.0, 0.5, 0.25), 2.0)
    assert units.unit_colour((0.5, 0.2, 0.1)) == ((0.5, 0.2, 0.1), 1.0)
    assert units.TileScale.of((2.0, 4.0)) == units.TileScale(0.5, 0.25)
    with pytest.raises(ValueError):
        units.TileScale.of((0.0, 1.0))


@pytest.mark.parametrize("seed", range(5))
def test_rotation_quaternion_inverts_rotation_scale_matrices(seed):
    rng = np.random.default_rng(seed)
    for _ in range(200):
        q = rng.normal(size=4)
        q /= np.linalg.norm(q)
        w, x, y, z = q
        rotation = np.array([[1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)],
                             [2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)],
                             [2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)]])
        matrix = np.eye(4)
        matrix[:3, :3] = rotation @ np.diag(rng.uniform(0.2, 3.0, 3))
        found = np.array(units.rotation_quaternion(matrix))
        assert min(np.abs(found - q).max(), np.abs(found + q).max()) < 1e-9


def test_glb_container_round_trip(tmp_path):
    document = {"asset": {"version": "2.0"}, "scenes": [{"nodes": []}], "scene": 0,
                "materials": [{"name": "brick.001"}]}
    path = tmp_path / "x.glb"
    path.write_bytes(glb.encode(document, b"\1\2\3"))
    glb.add_scene_extras(path, "ai_sets", {"set": "é"})
    data = path.read_bytes()
    assert len(data) % 4 == 0 and int.from_bytes(data[8:12], "little") == len(data)
    found, binary = glb.read(path)
    assert found["scenes"][0]["extras"] == {"ai_sets": {"set": "é"}}
    assert found["materials"] == [{"name": "brick"}] and binary == b"\1\2\3\0"
    with pytest.raises(ValueError):
        (tmp_path / "bad.glb").write_bytes(b"not a glb at all")
        glb.read(tmp_path / "bad.glb")


def test_output_names(tmp_path):
    assert output_path("glb", tmp_path / "set") == tmp_path / "set.glb"
    assert output_path("usd", tmp_path / "set.usda") == tmp_path / "set.usda"
    assert output_path("usdz", tmp_path / "my.set") == tmp_path / "my.set.usdz"
    with pytest.raises(InputError, match="ends in .glb"):
        output_path("usd", tmp_path / "set.glb")
    with pytest.raises(InputError, match="is a folder"):
        output_path("glb", tmp_path)
    with pytest.raises(InputError, match="unknown export format"):
        output_path("fbx", tmp_path / "x")


def test_interrupt_cleanup_removes_staging_folders(tmp_path):
    from ai_sets_addon.blender import export

    with export._staging(tmp_path / "x.glb") as folder:
        (folder / "partial.glb").write_bytes(b"glTF")
        assert export.remove_unfinished() == 1
        assert not folder.exists()
    assert list(tmp_path.iterdir()) == []
