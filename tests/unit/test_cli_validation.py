"""Bad numbers and a hostile environment end in exit 2 with what to do, never a
traceback: NaN/inf, ranges exactly as the messages state, sample counts past Cycles'
limit, dates outside the solar algorithm's years, a full disk, read-only media,
permissions, memory. Only a real bug exits 1."""

from __future__ import annotations

import errno
import os

import numpy as np
import pytest

from ai_sets_addon.cli import common, main, make_parser
from ai_sets_addon.core.fileio import read_exr


SKY = ["sky", "clear sky at noon", "--width", "512"]
PLACE = ["--lat", "0", "--lon", "0", "--datetime", "2024-03-20T12:00Z"]


def _sky(tmp_path, *extra: str) -> int:
    return main([*SKY, "--out", str(tmp_path / "sky.exr"), *extra])


@pytest.mark.parametrize("extra", [
    ["--north-offset", "nan"], ["--north-offset", "inf"], ["--north-offset", "-inf"],
    ["--north-offset", "1e300"], ["--city-glow", "nan"], ["--city-glow", "2"],
    ["--city-glow", "-0.1"], ["--lat", "nan", "--lon", "0", "--datetime", "2024-01-01T00:00Z"],
    ["--lat", "0", "--lon", "nan", "--datetime", "2024-01-01T00:00Z"],
    ["--lat", "0", "--lon", "181", "--datetime", "2024-01-01T00:00Z"],
    ["--lat", "0", "--lon", "-180.01", "--datetime", "2024-01-01T00:00Z"],
    ["--lat", "90.5", "--lon", "0", "--datetime", "2024-01-01T00:00Z"],
    ["--lat", "0", "--lon", "0", "--datetime", "0001-01-01T00:00:00+01:00"],
    ["--lat", "0", "--lon", "0", "--datetime", "9999-12-31T23:59:59-01:00"],
    ["--lat", "0", "--lon", "0", "--datetime", "9999-06-01T00:00:00+00:00"],
    ["--lat", "0", "--lon", "0", "--datetime", "6001-01-01T00:00:00+00:00"],
    ["--seed", "-1"], ["--seed", str(2**31)], ["--seed", "1e3"],
])
def test_bad_sky_numbers_exit_2_and_write_nothing(extra, tmp_path, capsys):
    assert _sky(tmp_path, *extra) == 2
    err = capsys.readouterr().err
    assert "error" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_messages_state_the_ranges_that_are_enforced(tmp_path, capsys):
    _sky(tmp_path, "--lat", "0", "--lon", "181", "--datetime", "2024-01-01T00:00Z")
    assert "-180..180" in capsys.readouterr().err
    _sky(tmp_path, "--lat", "0", "--lon", "0", "--datetime", "9999-01-01T00:00Z")
    assert "1..6000" in capsys.readouterr().err


@pytest.mark.parametrize("extra", [
    ["--lat", "0", "--lon", "180", "--datetime", "2024-01-01T00:00Z"],
    ["--lat", "-90", "--lon", "-180", "--datetime", "2024-01-01T00:00Z"],
    ["--lat", "0", "--lon", "0", "--datetime", "0001-01-01T12:00:00+00:00"],
    ["--lat", "0", "--lon", "0", "--datetime", "6000-12-31T12:00:00+00:00"],
    ["--north-offset", "-360", "--city-glow", "1"],
])
def test_edges_of_the_ranges_are_accepted(extra, tmp_path):
    assert _sky(tmp_path, *extra) == 0
    assert np.isfinite(read_exr(tmp_path / "sky.exr")).all()


@pytest.mark.parametrize("extra", [
    ["--samples", str(10**12)], ["--samples", "16777217"], ["--samples", "0"],
    ["--size", str(10**12)], ["--size", "100"], ["--seed", "-5"],
    ["--preview-width", "100"], ["--preview-width", str(10**9)],
])
def test_bad_material_numbers_exit_2(extra, tmp_path, capsys):
    assert main(["material", "old brick", "--out", str(tmp_path / "m"), *extra]) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert not (tmp_path / "m").exists()


def test_sample_limit_is_cycles_hard_maximum():
    bpy = pytest.importorskip("bpy")
    prop = bpy.context.scene.cycles.bl_rna.properties["samples"]
    assert common.CYCLES_MAX_SAMPLES == prop.hard_max


@pytest.mark.parametrize("number, words", [
    (errno.ENOSPC, "disk is full"), (errno.EDQUOT, "quota"), (errno.EROFS, "read-only"),
    (errno.EACCES, "permission denied"), (errno.EPERM, "not permitted"),
])
def test_environment_faults_exit_2_with_what_to_do(number, words, tmp_path, monkeypatch,
                                                    capsys):
    """Injected at the rename that completes every file (a full disk shows up there
    or at the write before it); nothing with a final name is left."""
    def fail(src, dst):
        raise OSError(number, os.strerror(number), str(dst))

    monkeypatch.setattr(os, "replace", fail)
    assert _sky(tmp_path) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_disk_full_while_writing_maps_exits_2(tmp_path, monkeypatch, capsys):
    from ai_sets_addon.core import fileio

    def full(path, data):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(fileio, "write_bytes", full)
    out = tmp_path / "maps"
    assert main(["material", "wet cobblestone", "--size", "64", "--out", str(out)]) == 2
    assert "disk is full" in capsys.readouterr().err
    assert not any(p.suffix == ".png" and ".tmp" not in p.name for p in out.rglob("*"))


def test_blender_write_failures_on_a_full_disk_exit_2(tmp_path, monkeypatch, capsys):
    """bpy raises RuntimeError with the OS's words when a render or .blend cannot be
    written; that is the environment, not a bug."""
    from ai_sets_addon.generation import sky

    def blender_full(*args, **kwargs):
        raise RuntimeError("Error: Cannot open file /x/set.blend@ for writing: "
                           "No space left on device\n")

    monkeypatch.setattr(sky, "render_sky", blender_full)
    assert _sky(tmp_path) == 2
    assert "disk is full" in capsys.readouterr().err


def test_out_of_memory_exits_2(tmp_path, monkeypatch, capsys):
    from ai_sets_addon.generation import sky

    def oom(*args, **kwargs):
        raise MemoryError()

    monkeypatch.setattr(sky, "render_sky", oom)
    assert _sky(tmp_path) == 2
    assert "out of memory" in capsys.readouterr().err


def test_a_real_bug_still_exits_1(tmp_path, monkeypatch, capsys):
    from ai_sets_addon.generation import sky

    def bug(*args, **kwargs):
        raise ZeroDivisionError("oops")

    monkeypatch.setattr(sky, "render_sky", bug)
    assert _sky(tmp_path) == 1
    assert "internal error" in capsys.readouterr().err


def test_keyboard_interrupt_without_the_watcher_exits_130(capsys):
    def interrupted(args):
        raise KeyboardInterrupt

    assert common.run_guarded(interrupted, None) == 130
    assert "interrupted" in capsys.readouterr().err


def _subcommands() -> dict:
    import argparse

    parser = make_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def _bound(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def test_every_command_is_walked():
    from ai_sets_addon.cli import COMMANDS

    assert set(_subcommands()) == set(COMMANDS)


@pytest.mark.parametrize("command", sorted(_subcommands()))
def test_every_option_has_help_with_its_default_and_range(command):
    """Every option of every command: help text; a default other than None/False is
    stated (as rendered by the command's formatter, i.e. what --help prints); a number
    option states its range (both bounds of its argparse type)."""
    import argparse

    cmd = _subcommands()[command]
    text = cmd.format_help()            # renders every help string (a stray % fails)
    formatter = cmd._get_formatter()
    for action in cmd._actions:
        if isinstance(action, argparse._HelpAction) or action.help == argparse.SUPPRESS:
            continue
        name = "/".join(action.option_strings) or action.dest
        assert action.help and action.help.strip(), f"{command} {name} has no help"
        shown = formatter._expand_help(action)
        if action.option_strings and not action.required:
            default = action.default
            if default is not None and default is not False:
                assert "default" in shown, f"{command} {name} does not state its default"
                if isinstance(default, (int, float, str)) and not isinstance(default, bool) \
                        and default != "":
                    forms = ({str(default), _bound(default)}
                             if isinstance(default, (int, float)) else {default})
                    assert any(form in shown for form in forms), \
                        f"{command} {name}: default {default!r} not in {shown!r}"
            elif action.nargs == 0:     # a flag: says what happens without it
                assert "default" in shown, f"{command} {name} does not state its default"
        bounds = getattr(action.type, "bounds", None)
        if bounds:
            for value in bounds:
                if abs(value) != float("inf"):
                    assert _bound(value) in shown, \
                        f"{command} {name}: range bound {_bound(value)} not in {shown!r}"
    assert "(default: (" not in text and "(default: )" not in text \
        and "(default: [])" not in text


def _peak_over_median(path) -> float:
    rgb = read_exr(path)
    lum = rgb @ np.array([0.2126, 0.7152, 0.0722], np.float32)
    return float(lum.max() / np.median(lum[: lum.shape[0] // 2]))


def test_standalone_sky_carries_the_sun_by_default(tmp_path):
    assert main([*SKY, "--out", str(tmp_path / "sun.exr"), *PLACE]) == 0
    assert main([*SKY, "--out", str(tmp_path / "lamp.exr"), *PLACE, "--no-sun"]) == 0
    with_sun = _peak_over_median(tmp_path / "sun.exr")
    without = _peak_over_median(tmp_path / "lamp.exr")
    print(f"\npeak/median: sun in map {with_sun:.3g}, --no-sun {without:.3g}")
    assert with_sun >= 1e4 and without < 1e3
    import json
    assert json.loads((tmp_path / "sun.json").read_text())["pixel_type"] == "float"
