"""Generate with the Diffusers backends runs the pure half in the AI worker process
(Blender's own Python has no torch): the worker's `prepare` command on the tiny SD 1.5
fills the caller's staging folder and answers done; a cancel mid-prepare publishes
nothing; and aisets.generate_set with Diffusers materials builds a set whose materials
came from the model, with the AI Python set to this interpreter."""

from __future__ import annotations

import json
import sys
import time
from dataclasses import asdict, replace
from pathlib import Path

import bpy
import pytest

from ai_sets_addon.blender import pipeline
from ai_sets_addon.core.errors import Cancelled
from ai_sets_addon.generation.prepare import BuildOptions
from ai_sets_addon.ai.worker import WorkerProcess

ENV = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


@pytest.fixture(scope="module")
def sd15(tmp_path_factory):
    pytest.importorskip("diffusers")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
    import tiny_models

    return tiny_models.save_sd15(tmp_path_factory.mktemp("models") / "sd15")


def _request(sd15: Path, out: Path) -> pipeline.BuildRequest:
    from ai_sets_addon.model.ai_settings import AiSettings

    options = BuildOptions(texture_size=256, hdri_width=512, material_backend="diffusers",
                           ai=AiSettings(model=str(sd15), steps=2, model_size=64))
    return pipeline.BuildRequest("a concrete room at noon", seed=4, out_dir=out,
                                 options=options, save_blend=False)


def _no_staging_left(parent: Path) -> bool:
    return not [p for p in parent.iterdir() if ".staging" in p.name]


def test_worker_prepare_fills_the_staging_folder_and_answers_done(sd15, tmp_path):
    request = _request(sd15, tmp_path / "set")
    writer = pipeline.open_folder(request)
    proc = WorkerProcess(env=ENV)
    try:
        rid = proc.send("prepare", prompt=request.prompt, seed=request.seed,
                        folder=str(writer.path), options=asdict(request.options))
        events = []
        while not events or events[-1].get("event") not in ("done", "error"):
            event = proc.events.get(timeout=120)
            if event.get("id") == rid:
                events.append(event)
        done = events[-1]
        assert done["event"] == "done", done
        assert {"parse", "layout", "assets", "write"} <= set(done["timings"])
        fractions = [e["fraction"] for e in events if e["event"] == "progress"]
        assert fractions and fractions == sorted(fractions)
        staged = json.loads((writer.path / "set.json").read_text())
        textured = [m for m in staged["materials"].values() if m.get("kind") == "textured"]
        assert textured and {m["params"]["backend"] for m in textured} == {"diffusers"}
        sidecars = [json.loads(p.read_text()) for p in (writer.path / "textures").glob("*.json")]
        assert sidecars and {s["backend"] for s in sidecars} == {"diffusers"}
        assert staged["options"]["ai"]["model"] == str(sd15)
        assert not request.out_dir.exists()          # the caller publishes, not the worker
    finally:
        proc.close()
        writer.close()
    assert _no_staging_left(tmp_path)


def test_cancel_mid_prepare_publishes_nothing(sd15, tmp_path):
    from ai_sets_addon.operators.worker_job import prepare_job

    request = _request(sd15, tmp_path / "set")
    writer = pipeline.open_folder(request)
    try:
        job = prepare_job(sys.executable, request, writer.path, env=ENV).start()
        while not job.done and not job.message.startswith("loading"):
            time.sleep(0.05)               # cancel while the model loads: assets follow
        job.cancel()
        job.wait(120)
        assert job.done and isinstance(job.error, Cancelled), (job.error, job.message)
    finally:
        writer.close()
    assert not request.out_dir.exists() and _no_staging_left(tmp_path)


def test_generate_with_diffusers_materials_runs_in_the_worker(addon, empty_scene, sd15,
                                                              monkeypatch):
    from ai_sets_addon.operators import generate, worker_job

    # The panel's model at 64 px tiles: the tiny model at its native 512 takes minutes.
    panel_settings = generate._ai_settings
    monkeypatch.setattr(generate, "_ai_settings", lambda context, settings: replace(
        panel_settings(context, settings), model_size=64))
    in_worker = []
    monkeypatch.setattr(generate, "build_in_worker", lambda *args: in_worker.append(args)
                        or worker_job.build_in_worker(*args))
    monkeypatch.setenv("AISETS_AI_PYTHON", sys.executable)
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    settings = empty_scene.ai_sets
    settings.texture_size, settings.hdri_width = "512", "1024"
    settings.material_backend = "diffusers"
    empty_scene.ai_sets_paint.model, empty_scene.ai_sets_paint.steps = str(sd15), 2
    assert bpy.ops.aisets.generate_set(prompt="a concrete room in the worker",
                                       seed=41) == {"FINISHED"}
    assert len(in_worker) == 1                  # prepared by the worker, not in-process
    folder = Path(settings.last_folder)
    doc = json.loads((folder / "set.json").read_text())
    textured = [m for m in doc["materials"].values() if m.get("kind") == "textured"]
    assert textured and {m["params"]["backend"] for m in textured} == {"diffusers"}
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["backend"]["materials"] == "diffusers"
    assert settings.last_set in empty_scene.collection.children
    images = {Path(bpy.path.abspath(i.filepath)).parent for i in bpy.data.images
              if i.get("ai_sets") and i.filepath}
    assert images and images <= {folder / "textures", folder}


def test_generate_with_diffusers_and_no_ai_python_is_refused(addon, empty_scene,
                                                            monkeypatch, tmp_path):
    monkeypatch.setenv("AISETS_AI_PYTHON", str(tmp_path / "no-python"))
    settings = empty_scene.ai_sets
    settings.sky_backend = "diffusers"
    empty_scene.ai_sets_paint.model = "/models/sd15"
    before = len(bpy.data.objects)
    with pytest.raises(RuntimeError, match="AI Python.*add-on preferences"):
        bpy.ops.aisets.generate_set(prompt="a concrete room")
    assert len(bpy.data.objects) == before and not settings.last_set
