"""The diffusers material/sky backends where Blender is involved: `ai-sets build
--material-backend diffusers --sky-backend diffusers` with the tiny SD 1.5 (a set whose
materials and sky came from the model, a Sun lamp where the lifted sun says), bad model
options exit 2 with no set folder, and headless Generate with a Diffusers choice and
a missing model changes nothing (Generate through the AI worker:
test_generate_ai_worker.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import bpy
import pytest

SMALL = ["--texture-size", "256", "--hdri-width", "512", "--ai-steps", "2",
         "--ai-model-size", "64"]


def ai_sets(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ai_sets_addon", *args], capture_output=True,
                          text=True, timeout=900)


@pytest.fixture(scope="module")
def sd15(tmp_path_factory):
    pytest.importorskip("diffusers")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
    import tiny_models

    return tiny_models.save_sd15(tmp_path_factory.mktemp("models") / "sd15")


def test_build_with_the_diffusers_backends(sd15, tmp_path):
    out = tmp_path / "set"
    proc = ai_sets("build", "a concrete room at noon", "--out", str(out), "--seed", "2",
                   "--material-backend", "diffusers", "--sky-backend", "diffusers",
                   "--model", str(sd15), *SMALL)
    assert proc.returncode == 0, proc.stderr[-2000:]
    doc = json.loads((out / "set.json").read_text())
    textured = [m for m in doc["materials"].values() if m.get("kind") == "textured"]
    assert textured and {m["params"]["backend"] for m in textured} == {"diffusers"}
    assert doc["options"]["material_backend"] == "diffusers"
    assert doc["options"]["ai"]["model"] == str(sd15)
    sky = json.loads((out / "sky.json").read_text())
    assert sky["backend"] == "diffusers" and (out / "sky_ldr.png").is_file()
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["backend"] == {"sky": "diffusers", "materials": "diffusers"}
    # The Sun lamp takes the AI sky's sun (the lifted one; with none found, where the
    # words put it, at zero strength), as it takes the procedural sky's.
    from ai_sets_addon.blender.scene.world import sun_rotation

    bpy.ops.wm.open_mainfile(filepath=str(out / "set.blend"))
    sun = next(o for o in bpy.data.objects if o.type == "LIGHT" and o.data.type == "SUN")
    lamp = doc["sky"]
    assert sun.data.energy == pytest.approx(lamp["sun_irradiance_w_m2"], abs=1e-4)
    expected = sun_rotation(lamp["sun_elevation_deg"], lamp["sun_azimuth_deg"])
    assert tuple(sun.rotation_euler) == pytest.approx(expected, abs=1e-4)
    if sky["sun"]["found"]:
        assert lamp["sun_azimuth_deg"] == pytest.approx(sky["sun"]["azimuth_deg"])
        assert lamp["sun_irradiance_w_m2"] == pytest.approx(sky["sun"]["irradiance_w_m2"])
    bpy.ops.wm.read_factory_settings(use_empty=True)


@pytest.mark.parametrize("extra,needle", [
    ([], "needs a model"),
    (["--model", "/nowhere/sd15"], "no model at"),
])
def test_build_with_a_bad_model_exits_2_and_leaves_no_folder(tmp_path, extra, needle):
    out = tmp_path / "set"
    proc = ai_sets("build", "a concrete room", "--out", str(out),
                   "--material-backend", "diffusers", *extra, *SMALL)
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert needle in proc.stderr
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".set.staging")]


def test_generate_with_diffusers_and_a_missing_model_changes_nothing(addon, empty_scene,
                                                                   monkeypatch):
    """Headless with no AI Python set and torch here: prepared in-process, and the
    missing model is an error message, no set and no folder."""
    pytest.importorskip("torch")
    monkeypatch.delenv("AISETS_AI_PYTHON", raising=False)
    settings = empty_scene.ai_sets
    settings.texture_size, settings.hdri_width = "512", "1024"
    settings.material_backend = "diffusers"
    empty_scene.ai_sets_paint.model = "/nowhere/sd15"
    before = len(bpy.data.objects)
    with pytest.raises(RuntimeError, match="no model at"):
        bpy.ops.aisets.generate_set(prompt="a concrete room with no model", seed=43)
    assert len(bpy.data.objects) == before and not settings.last_set
