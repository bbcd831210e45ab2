"""The job file: every mistake reported at once with its line (exit 2), the expansion
into tasks, and the batch manifest's idea of "done" (hashes). No cluster, no Blender."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ai_sets_addon.cli import main
from ai_sets_addon.farm import jobfile, tasks
from ai_sets_addon.farm.manifest import BatchManifest
from ai_sets_addon.core.fileio import sha256_of

BAD = """\
[defaults]
texture_size = 256
bogus = 1

[[set]]
name = "alley"
prompt = "a rainy alley, neon signs"
seed = [1, "two"]
time_of_day = ["dusk", "nite"]

  [[set.shot]]
  camera = "CAM_Wide_24mm"
  samples = 0
  lens_mm = 50

  [[set.shot]]
  resolution = "10x5000"
  colour = 3

[[set]]
hdri_width = 511
texture_size = 300
"""


def problems_of(text: str) -> list[tuple[int, str]]:
    with pytest.raises(jobfile.JobFileError) as caught:
        tasks.expand(jobfile.parse(text, Path("jobs.toml")))
    return [(p.line, p.message) for p in caught.value.problems]


def test_every_problem_at_once_with_its_line() -> None:
    found = problems_of(BAD)
    lines = [line for line, _ in found]
    assert lines == [3, 8, 9, 13, 17, 18, 20, 21, 22], found
    text = dict(found)
    assert "unknown key in [defaults] 'bogus'" in text[3]
    assert "whole number" in text[8] and "'two'" in text[8]
    assert "nite" in text[9] and "golden_hour" in text[9]
    assert "samples 0" in text[13]
    assert "10x5000 is impossible" in text[17]
    assert "unknown shot key 'colour'" in text[18]
    assert "no 'prompt'" in text[20]
    assert "HDRI width 511" in text[21]
    assert "texture size 300" in text[22]


def test_toml_syntax_error_has_its_line() -> None:
    assert problems_of('[[set]]\nprompt = "a room"\nseed = = 3\n')[0][0] == 3


@pytest.mark.parametrize("text, line, words", [
    ('[[set]]\nprompt = "a room"\n[[set.shot]]\ncamera = "CAM_Nope"\n', 3, "no camera 'CAM_Nope'"),
    ('[[set]]\nprompt = "a room at night"\ntime_of_day = ["dawn"]\n', 1, "already sets the time"),
    ('[[set]]\nname = "../x"\nprompt = "a room"\n', 2, "cannot be a file name"),
    ('[[set]]\nprompt = "a room"\n[[set]]\nprompt = "a room"\n', 3, "declared twice"),
    ('[[set]]\nprompt = "a room"\nbackend = "diffusers"\n', 3, "backend 'diffusers'"),
    ('[[set]]\nprompt = "a room"\n[[set.shot]]\nresolution = [64]\n', 4, "WIDTHxHEIGHT"),
    ('[[set]]\nprompt = "a room"\n[[set.shot]]\nlens_mm = 0.5\n', 4, "lens 0.5 mm"),
    ('[[set]]\nprompt = "a room"\npaint = { steps = 3 }\n', 3, "needs a model"),
    ('title = "x"\n', 1, "unknown top-level key 'title'"),
])
def test_single_mistakes(text: str, line: int, words: str) -> None:
    found = problems_of(text)
    assert any(at == line and words in message for at, message in found), found


def test_expansion_sets_times_shots_and_gpu_paint() -> None:
    text = """
[defaults]
texture_size = 256
[[set]]
name = "room"
prompt = "a concrete room"
seed = [1, 2]
time_of_day = ["dawn", "night"]
paint = { model = "/models/sd15" }
  [[set.shot]]
  camera = "all"
  [[set.shot]]
  name = "tight"
  camera = "CAM_Medium_35mm"
  lens_mm = 85
"""
    expansion = tasks.expand(jobfile.parse(text))
    prepares = expansion.of_kind("prepare")
    assert [t.set_id for t in prepares] == ["room-s1-dawn", "room-s1-night", "room-s2-dawn",
                                           "room-s2-night"]
    # the time of day travels typed, in BuildOptions, never as words added to the prompt
    assert {t.prompt for t in prepares} == {"a concrete room"}
    assert [t.options["time_of_day"] for t in prepares] == ["dawn", "night", "dawn", "night"]
    paints = expansion.of_kind("paint")
    assert len(paints) == 4 and all(t.gpu for t in paints)
    renders = [t for t in expansion.of_kind("render") if t.set_id == "room-s1-dawn"]
    cameras = prepares[0].cameras
    assert [t.shot_id for t in renders] == list(cameras) + ["tight"]
    assert renders[-1].lens_mm == 85 and all(t.needs == ("paint room-s1-dawn",) for t in renders)
    assert len({t.key for t in expansion.tasks}) == len(expansion.tasks)


def test_cli_reports_all_problems_and_exits_2(tmp_path: Path, capsys) -> None:
    path = tmp_path / "jobs.toml"
    path.write_text(BAD, encoding="utf-8")
    assert main(["batch", str(path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "9 problem(s), nothing was run" in err and f"{path}:21:" in err
    assert not (tmp_path / "out").exists()


def test_dry_run_prints_table_and_cost(tmp_path: Path, capsys) -> None:
    example = Path(__file__).resolve().parents[2] / "examples" / "batch.toml"
    assert main(["batch", str(example), "--out", str(tmp_path / "out"), "--dry-run",
                 "--workers", "2"]) == 0
    out = capsys.readouterr().out
    assert "render alley-s7-dusk/closeup" in out and "85 mm" in out
    assert "16 tasks (4 prepare, 12 render); estimated" in out
    assert not (tmp_path / "out").exists()


def test_done_means_same_key_and_same_bytes(tmp_path: Path) -> None:
    expansion = tasks.expand(jobfile.parse('[[set]]\nprompt = "a concrete room"\n'))
    render = expansion.of_kind("render")[0]
    png = tmp_path / render.outputs()[0]
    png.parent.mkdir(parents=True)
    png.write_bytes(b"pixels")
    manifest = BatchManifest.load(tmp_path)
    manifest.begin_run({})
    manifest.record(render, {"outputs": {render.outputs()[0]: {
        "sha256": sha256_of(png), "bytes": png.stat().st_size}}})
    assert manifest.is_done(render)
    png.write_bytes(b"pixelz")                      # same size, other bytes
    assert not manifest.is_done(render)
    png.write_bytes(b"pixels")
    manifest.tasks[render.task_id]["key"] = "an older job file"
    assert not manifest.is_done(render)
    manifest.save({})
    assert json.loads((tmp_path / "batch-manifest.json").read_text())["format"] == \
        "ai-sets/batch-manifest"


def test_render_found_on_disk_is_adopted(tmp_path: Path) -> None:
    """A client killed after a render finished: the render's own record is enough."""
    expansion = tasks.expand(jobfile.parse('[[set]]\nprompt = "a concrete room"\n'))
    render = expansion.of_kind("render")[0]
    png = tmp_path / render.outputs()[0]
    png.parent.mkdir(parents=True)
    png.write_bytes(b"pixels")
    side = {"key": render.key, "sha256": sha256_of(png), "bytes": 6}
    png.with_suffix(".json").write_text(json.dumps(side))
    manifest = BatchManifest.load(tmp_path)
    manifest.begin_run({})
    assert manifest.adopt(render) and manifest.is_done(render)
    side["key"] = "other"
    png.with_suffix(".json").write_text(json.dumps(side))
    assert not BatchManifest.load(tmp_path / "elsewhere").adopt(render)


def test_a_bad_default_is_reported_at_its_own_line() -> None:
    text = '[defaults]\nresolution = "10x10"\n[[set]]\nprompt = "a room"\n'
    assert problems_of(text)[0][0] == 2


def test_every_batch_option_states_its_default() -> None:
    from ai_sets_addon.cli import make_parser

    parser = make_parser()
    sub = next(a for a in parser._actions if hasattr(a, "choices") and a.choices)
    cmd = sub.choices["batch"]
    for action in cmd._actions:
        if action.dest == "help" or not action.option_strings or action.dest == "out":
            continue
        assert "default" in cmd.formatter_class("batch")._get_help_string(action), \
            action.option_strings


def test_paint_tasks_are_submitted_with_a_gpu_resource(tmp_path: Path) -> None:
    """The graph as the scheduler sees it: paint needs GPU=1, prepare and render do not,
    and each task waits for its upstream future."""
    from ai_sets_addon.farm.runner import _submit
    from ai_sets_addon.farm.work import Context

    text = ('[[set]]\nprompt = "a concrete room"\npaint = { model = "/m" }\n'
            '[[set.shot]]\ncamera = "CAM_Wide_24mm"\n')
    todo = tasks.expand(jobfile.parse(text)).tasks
    calls = []

    class Client:
        def submit(self, func, task, context, *upstream, **options):
            calls.append((task.kind, upstream, options))
            return f"future of {task.kind}"

    _submit(Client(), todo, Context(tmp_path, {}))
    assert [(kind, upstream, options["resources"], options["retries"])
            for kind, upstream, options in calls] == [
        ("prepare", (), None, 1),
        ("paint", ("future of prepare",), {"GPU": 1}, 1),
        ("render", ("future of paint",), None, 1)]
