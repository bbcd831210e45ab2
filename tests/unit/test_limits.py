"""One source for every limit: the CLI, the job file and BuildOptions give the same verdict
on the same value, with the same words, and the menus offer only values they accept."""

from __future__ import annotations

import pytest

from ai_sets_addon.cli import make_parser
from ai_sets_addon.core import limits
from ai_sets_addon.core.errors import InputError
from ai_sets_addon.farm import jobfile
from ai_sets_addon.generation.prepare import BuildOptions

# (limit, CLI option of `ai-sets build`, job-file key, BuildOptions field, values to try)
CASES = [
    (limits.TEXTURE_SIZE, "--texture-size", "texture_size", "texture_size",
     [32, 64, 128, 256, 300, 1024, 4096, 8192, 16384, 0, -256]),
    (limits.HDRI_WIDTH, "--hdri-width", "hdri_width", "hdri_width",
     [128, 255, 256, 511, 512, 2048, 16384, 16386, 0]),
    (limits.TEXEL_DENSITY, "--texel-density", "texel_density", "texel_density",
     [1.0, 3.99, 4.0, 32.0, 512.0, 512.5, 4096.0]),
]


def cli_accepts(option: str, value, tmp_path) -> bool:
    try:
        make_parser().parse_args(["build", "a room", "--out", str(tmp_path / "o"), option,
                                  str(value)])
    except SystemExit:
        return False
    return True


def jobfile_accepts(key: str, value) -> bool:
    text = f'[[set]]\nname = "x"\nprompt = "a room"\n{key} = {value!r}\n'
    try:
        jobfile.parse(text)
    except jobfile.JobFileError:
        return False
    return True


def options_accept(field: str, value) -> bool:
    try:
        BuildOptions(**{field: value}).validate()
    except InputError:
        return False
    return True


@pytest.mark.parametrize("limit,option,key,field,values", CASES,
                         ids=[case[0].what for case in CASES])
def test_cli_job_file_and_build_options_agree(limit, option, key, field, values, tmp_path):
    for value in values:
        expected = limit.problem(value) is None
        verdicts = {"cli": cli_accepts(option, value, tmp_path),
                    "job file": jobfile_accepts(key, value),
                    "BuildOptions": options_accept(field, value)}
        assert set(verdicts.values()) == {expected}, (limit.what, value, verdicts)


def test_refusals_state_the_range_in_the_same_words(capsys, tmp_path) -> None:
    message = limits.TEXTURE_SIZE.problem(300)
    assert "64..8192 px, a power of two" in message
    assert not cli_accepts("--texture-size", 300, tmp_path)
    assert message in capsys.readouterr().err
    with pytest.raises(jobfile.JobFileError) as caught:
        jobfile.parse('[[set]]\nname = "x"\nprompt = "a room"\ntexture_size = 300\n')
    assert message in str(caught.value)
    with pytest.raises(InputError, match="64..8192 px, a power of two"):
        BuildOptions(texture_size=300).validate()


def test_menus_offer_only_accepted_values() -> None:
    for limit in (limits.TEXTURE_SIZE, limits.HDRI_WIDTH):
        assert limit.presets, limit.what
        assert all(limit.problem(v) is None for v in limit.presets), limit.what


def test_times_of_day_are_one_list() -> None:
    from ai_sets_addon.model.spec import TIMES_OF_DAY

    assert TIMES_OF_DAY is limits.TIMES_OF_DAY.values is jobfile.TIMES_OF_DAY
    assert jobfile_accepts("time_of_day", "dusk") and not jobfile_accepts("time_of_day", "nite")
    assert not options_accept("time_of_day", "nite")


@pytest.mark.parametrize("value", [True, "1024", 1024.5, float("nan"), float("inf"), None])
def test_wrong_types_are_refused_not_crashes(value) -> None:
    assert limits.TEXTURE_SIZE.problem(value) is not None
    assert not options_accept("texture_size", value)


def test_help_texts_state_ranges_from_the_limits() -> None:
    parser = make_parser()
    build = parser._subparsers._group_actions[0].choices["build"]   # argparse's own table
    text = build.format_help()
    for limit in (limits.TEXTURE_SIZE, limits.HDRI_WIDTH, limits.TEXEL_DENSITY):
        assert limit.rules.split(",")[0] in " ".join(text.split()), limit.what
