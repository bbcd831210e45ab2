"""Locations, coverage on a set's floor, the overhead plot's scale, CSV, OTIO, job file."""

import csv
import math
from pathlib import Path

import numpy as np
import pytest
import trimesh

from ai_sets_addon.model.plan import CameraPlan, MeshPart
from ai_sets_addon.scout.script import outputs
from ai_sets_addon.scout.script.coverage import (FPS, SECONDS_PER_EIGHTH, cover,
                                                 place_shots)
from ai_sets_addon.scout.script.floor import BODY_RADIUS_M, floor_plan, place_marks
from ai_sets_addon.scout.script.locations import group_scenes
from ai_sets_addon.scout.script.plot import PlotCamera, draw_plot
from ai_sets_addon.scout.script.screenplay import read_fountain, read_script

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SCRIPT = """Title: Test

INT. KITCHEN - NIGHT

Dishes in the sink. ANNA reads a LETTER at the table.

ANNA
Who sent this?

BEN
I did.

EXT. STREET - DAY

Ben walks past a bench.

INT. KITCHEN - MORNING

Anna alone. She drinks from a cup.
"""


def _box(name, extents, centre, material, group="geometry"):
    mesh = trimesh.creation.box(extents)
    mesh.apply_translation(centre)
    return MeshPart(name, mesh, material, group)


def room():
    """A 4 x 3 m room: a 4 m north wall, a south wall, short east/west walls leaving
    0.5 m doorways at the corners, a table in the middle."""
    return [
        _box("Floor", (4.2, 3.2, 0.2), (0, 0, -0.1), "floor"),
        _box("North Wall", (4.0, 0.1, 2.6), (0, 1.55, 1.3), "walls"),
        _box("South Wall", (4.0, 0.1, 2.6), (0, -1.55, 1.3), "walls"),
        _box("East Wall", (0.1, 2.0, 2.6), (2.05, 0, 1.3), "walls"),
        _box("West Wall", (0.1, 2.0, 2.6), (-2.05, 0, 1.3), "walls"),
        _box("Table", (1.2, 0.8, 0.75), (0.9, 0.4, 0.375), "wood", "props"),
    ]


CAMS = [CameraPlan("CAM", (0.0, -1.0, 1.6), (0.0, 1.0, 1.2))]


def test_scenes_group_by_location_whatever_the_time():
    play = read_fountain(SCRIPT)
    groups = group_scenes(play.scenes)
    assert [(g.slug, [s.index for s in g.scenes]) for g in groups] == [
        ("01_kitchen", [1, 3]), ("02_street", [2])]
    assert groups[0].prompt == "kitchen, with table"      # dressing from the action
    assert groups[1].prompt == "street, with bench"          # dressing from the action


def test_french_locations_and_names_out_of_the_prompt():
    groups = group_scenes(read_script(EXAMPLES / "le_depart.fdx").scenes)
    assert groups[0].prompt.startswith("appartement salon")
    assert "claire" not in groups[0].prompt


def test_dialogue_coverage_and_durations_from_eighths():
    scene = read_fountain(SCRIPT).scenes[0]
    specs = cover(scene)
    assert [s.kind for s in specs] == ["establishing", "master", "ots", "ots", "single",
                                       "single", "insert"]
    assert specs[-1].prop == "letter"
    assert sum(s.frames for s in specs) == round(scene.eighths * SECONDS_PER_EIGHTH * FPS)


def test_cameras_and_marks_stand_on_free_floor_on_one_side_of_the_line():
    plan = floor_plan(room(), CAMS, interior=True)
    scene = read_fountain(SCRIPT).scenes[0]
    marks = place_marks(plan, scene.characters)
    assert [m.character for m in marks] == ["ANNA", "BEN"]
    for mark in marks:
        assert plan.navigable[plan.cell_of(mark.x, mark.y)]
        assert plan.clearance[plan.cell_of(mark.x, mark.y)] >= BODY_RADIUS_M
        assert abs(mark.z) < 1e-6
    placed = place_shots(cover(scene), marks, plan, scene, {"time_of_day": "night"})
    a, b = np.array([marks[0].x, marks[0].y]), np.array([marks[1].x, marks[1].y])
    normal = np.array([-(b - a)[1], (b - a)[0]])
    sides = set()
    for p in placed:
        x, y, z = p.shot.location
        assert plan.free(x, y, 0.3), p.spec.code
        assert -2.1 < x < 2.1 and -1.6 < y < 1.6          # on the set's floor
        assert all(math.dist((x, y), (m.x, m.y)) >= 0.5 for m in marks)
        assert p.shot.lens_mm > 0 and p.shot.body == "alexa35"
        if p.spec.kind in ("ots", "single"):
            sides.add(np.sign(np.dot(np.array([x, y]) - a, normal)))
    assert len(sides) == 1                                # the 180-degree rule


def test_a_4_m_wall_is_4_m_on_the_plot(tmp_path):
    plan = floor_plan(room(), CAMS, interior=True)
    path = tmp_path / "plot.png"
    scale = draw_plot(plan, [], [PlotCamera("1A", 0, -1, 90, 40)], "1  INT. ROOM", path)
    from PIL import Image

    image = np.asarray(Image.open(path).convert("L"))
    row = int(round(scale.px(0.0, 1.55)[1]))
    dark = image[row] < 60
    left, right = scale.px(-3, 0)[0], scale.px(3, 0)[0]
    run = np.nonzero(dark[max(0, int(left)):int(right)])[0]
    length_m = (run.max() - run.min() + 1) / scale.px_per_m
    assert length_m == pytest.approx(4.0, abs=2 * plan.cell)
    bar_row = image.shape[0] - 42
    bar = np.nonzero(image[bar_row] < 60)[0]
    from ai_sets_addon.scout.script.plot import bar_length_m

    bar_m = (bar.max() - bar.min()) / scale.px_per_m
    assert bar_m == pytest.approx(bar_length_m(plan.extent[2] - plan.extent[0]), abs=0.05)


def _scene_shots():
    play = read_fountain(SCRIPT)
    plan = floor_plan(room(), CAMS, interior=True)
    items = []
    for scene in play.scenes:
        marks = place_marks(plan, scene.characters)
        placed = place_shots(cover(scene), marks, plan, scene, {"time_of_day": "noon"})
        frames = [f"frames/{scene.index:02d}_{p.spec.code}.png" for p in placed]
        items.append(outputs.SceneShots(scene, "01_kitchen", placed, frames,
                                        f"plots/{scene.index:02d}_overhead.png", marks))
    return play, items


def test_csv_has_the_columns_a_first_ad_expects(tmp_path):
    _, items = _scene_shots()
    path = outputs.write_csv(tmp_path / "shots.csv", items)
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert tuple(rows[0]) == outputs.CSV_COLUMNS
    assert len(rows) == sum(len(i.shots) for i in items)
    first = rows[0]
    assert (first["scene"], first["shot"], first["INT/EXT"], first["location"]) == \
        ("1", "1A", "INT", "KITCHEN")
    assert first["time"] == "NIGHT (23:00)" and first["camera body"] == "ARRI ALEXA 35"
    assert float(first["lens mm"]) > 0 and float(first["estimated duration"]) > 0


def test_otio_one_clip_per_shot_durations_and_markers(tmp_path):
    import opentimelineio as otio

    play, items = _scene_shots()
    path = outputs.write_timeline(tmp_path / "t.otio", items, "Test")
    tl = otio.adapters.read_from_file(str(path))
    clips = list(tl.find_clips())
    assert len(clips) == sum(len(i.shots) for i in items)
    assert [c.name.split()[0] for c in clips][:3] == ["1A", "1B", "1C"]
    for item in items:
        frames = sum(c.duration().value for c in clips
                     if c.metadata["ai_sets"]["scene"] == item.scene.number)
        assert frames == round(item.scene.eighths * SECONDS_PER_EIGHTH * FPS)
    markers = [m for c in clips for m in c.markers]
    assert len(markers) == len(play.scenes)
    assert clips[0].media_reference.target_url == "frames/01_1A.png"


def _job_file(tmp_path, items):
    from ai_sets_addon.core.fileio import write_json
    from ai_sets_addon.scout.shots import shots_json

    write_json(tmp_path / "shots" / "01_kitchen.json",
               shots_json([p.shot for i in items for p in i.shots]))
    text = outputs.job_text([outputs.JobSet("01_kitchen", 'kitchen, "old"', 3,
                                            "shots/01_kitchen.json", "night", items)],
                            (1920, 1080), 64, 1024, 2048)
    return outputs.write_jobs(tmp_path / "jobs.toml", text)


def test_job_file_passes_the_batch_validator(tmp_path):
    from ai_sets_addon.farm import jobfile

    _, items = _scene_shots()
    job = jobfile.load(_job_file(tmp_path, items))
    assert job.sets[0].prompt == 'kitchen, "old"' and job.sets[0].seeds == (3,)
    assert job.sets[0].times == ("night",)
    assert [s.sky for s in job.sets[0].shots] == ["saved"] * len(items)   # one per scene
    assert sum(len(s.saved) for s in job.sets[0].shots) == sum(len(i.shots) for i in items)


def test_farm_renders_stand_the_scenes_figures_on_their_marks(tmp_path, monkeypatch):
    """Each render task of the job file carries its scene's marks to the render process,
    whose arguments read them back as the marks the storyboard frames were staged with."""
    import argparse

    from ai_sets_addon.blender import shot_render
    from ai_sets_addon.farm import jobfile, tasks, work

    class Launched(Exception):
        pass

    def launch(command, *args, **kwargs):
        commands.append(command)
        raise Launched

    _, items = _scene_shots()
    expansion = tasks.expand(jobfile.load(_job_file(tmp_path, items)))
    renders = {t.shot_id: t for t in expansion.of_kind("render")}
    assert len(renders) == sum(len(i.shots) for i in items)
    commands: list[list[str]] = []
    monkeypatch.setattr(work, "_child", launch)
    parser = argparse.ArgumentParser()
    shot_render.add_arguments(parser)
    for item in items:
        assert item.marks, item.scene.number
        for placed in item.shots:
            task = renders[jobfile.shot_slug(placed.shot.name)]
            assert [m["character"] for m in task.stand_ins] == item.scene.characters
            with pytest.raises(Launched):
                work.run_render(task, work.Context(tmp_path, {}), None)
            args = parser.parse_args(commands[-1][3:])
            assert list(args.stand_ins) == item.marks, placed.shot.name
    without = tasks.expand(jobfile.parse(
        _job_file(tmp_path, items).read_text().replace("stand_ins = ", "# "), tmp_path / "j"))
    assert {t.key for t in without.of_kind("render")}.isdisjoint(t.key for t in renders.values())


def test_job_file_stand_ins_are_checked_with_their_line(tmp_path):
    from ai_sets_addon.farm import jobfile

    _, items = _scene_shots()
    text = _job_file(tmp_path, items).read_text().replace("x = ", "x = \"left\", q = ", 1)
    with pytest.raises(jobfile.JobFileError) as err:
        jobfile.parse(text, tmp_path / "jobs.toml")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "left" in row)
    assert f"jobs.toml:{line}" in str(err.value) and "stand-in 1" in str(err.value)
    assert "unknown q" in str(err.value)


def test_same_script_same_set_same_shot_list(tmp_path):
    a = outputs.write_csv(tmp_path / "a.csv", _scene_shots()[1]).read_bytes()
    b = outputs.write_csv(tmp_path / "b.csv", _scene_shots()[1]).read_bytes()
    assert a == b


def test_an_upgrade_changes_every_fingerprint(monkeypatch):
    """Same script, same options: a re-run after an add-on or script-module upgrade
    fingerprints its sets and scenes differently, so it rebuilds and re-renders."""
    from ai_sets_addon.scout.script import project
    from ai_sets_addon.scout.script.project import ScriptOptions, code_stamp, scene_fingerprint

    loc = group_scenes(read_fountain(SCRIPT).scenes)[0]
    scene = loc.scenes[0]
    options = ScriptOptions()

    def prints(addon_version: str) -> tuple[str, str]:
        set_print = loc.fingerprint(0, options.set_options(), code_stamp(addon_version))
        return set_print, scene_fingerprint(set_print, scene, cover(scene), options,
                                            code_stamp(addon_version))

    now = prints("0.1.0")
    assert prints("0.1.0") == now                         # unchanged: kept
    upgraded = prints("0.2.0")
    assert upgraded[0] != now[0] and upgraded[1] != now[1]
    monkeypatch.setattr(project, "SCRIPT_CODE_VERSION", project.SCRIPT_CODE_VERSION + 1)
    script_changed = prints("0.1.0")
    assert script_changed[0] != now[0] and script_changed[1] != now[1]


def test_the_fingerprinted_version_is_the_released_one():
    """The version `ai-sets script` stamps (blender.pipeline.__version__) is the one the
    manifest and pyproject release: bumping those for an upgrade reaches the prints."""
    import tomllib

    from ai_sets_addon.blender import pipeline

    root = Path(__file__).resolve().parents[2]
    manifest = tomllib.loads((root / "blender_manifest.toml").read_text(encoding="utf-8"))
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert pipeline.__version__ == manifest["version"] == project["version"]


def test_wide_shots_stand_back_on_the_longest_free_sight_line():
    """In a 4 x 3 m room the establishing shot and the master stand at least 2 m from
    the action (they stood 1.5 m back, on an 18 mm, before), on free floor, seeing the
    action over the table: a table does not hide a scene from eye height, a wall does."""
    plan = floor_plan(room(), CAMS, interior=True)
    assert plan.sight_clear((0.9, -1.0, 1.6), (0.9, 1.0, 1.3))           # over the table
    assert not plan.line_clear((0.9, -1.0), (0.9, 1.0))                  # which blocks floor
    assert not plan.sight_clear((0.0, -1.0, 1.6), (0.0, 2.1, 1.3))       # the north wall
    scene = read_fountain(SCRIPT).scenes[0]
    marks = place_marks(plan, scene.characters)
    placed = place_shots(cover(scene), marks, plan, scene, {"time_of_day": "night"})
    wide = [p for p in placed if p.spec.kind in ("establishing", "master")]
    assert [p.spec.kind for p in wide] == ["establishing", "master"]
    for p in wide:
        x, y, z = p.shot.location
        assert math.dist((x, y), p.target[:2]) >= 2.0, p.spec.code
        assert plan.free(x, y, 0.3) and plan.sight_clear((x, y, z), p.target)
    assert wide[1].shot.lens_mm > 18.0                    # no longer forced to the widest
