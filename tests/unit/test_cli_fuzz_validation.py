"""Property-based fuzz of the argument validation of `build`, `paint`, `storyboard`,
`previs`, `export`, `batch` and `hdr` (`sky` and `material` run whole in
test_cli_fuzz.py). In-process and never the work itself: the command's own parser,
then the checks its `run` makes before any work (BuildOptions.validate, the sky's
place and time, paint's pre-model checks, shot selection, Move.check, the job file,
the hdr sun options, the export target and a damaged set.json). The contract: a bad
value ends in argparse's exit 2 or an InputError with a message, never any other
exception (which `ai-sets` would report as exit 1, a bug)."""

from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from unittest import mock

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


from ai_sets_addon.cli import make_parser  # noqa: E402
from ai_sets_addon.core import limits  # noqa: E402
from ai_sets_addon.core.errors import InputError  # noqa: E402
from test_cli_fuzz import WORDS, datetimes, in_range, numbers, option, seeds, texts  # noqa: E402

SETTINGS = settings(max_examples=120, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])
MORE = settings(SETTINGS, max_examples=250)    # many options: more examples get past argparse
PARSER = make_parser()
SANDBOX = Path(tempfile.mkdtemp(prefix="aisets_fuzz_validation_"))
OUT = str(SANDBOX / "out")              # never written: nothing here does the work

prompts = st.one_of(texts, st.lists(st.sampled_from(WORDS), max_size=6).map(" ".join))
sizes = st.sampled_from(["16x16", "960x540", "1920x1080", "15x16", "16384x16384",
                         "16385x10", "0x0", "-1x5", "x", "10x", "1e3x5", "960X540",
                         "960x540x2", "  960x540 ", "9" * 30 + "x9"])
resolutions = st.one_of(sizes, st.tuples(st.integers(-5, 20000), st.integers(-5, 20000))
                        .map(lambda t: f"{t[0]}x{t[1]}"), texts)
# Anything a Python caller (the batch, the Blender operator) could hand BuildOptions.
values = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12),
                   st.floats(allow_nan=True, allow_infinity=True), texts,
                   st.sampled_from([256, 512, 1024, 2048, 4096, 1024.0, "1024", 2**62]),
                   st.lists(st.integers(0, 4096), max_size=2))


@pytest.fixture(scope="module", autouse=True)
def _sandbox():
    """Run where nothing else lives; validation must write nothing (the sandbox holds
    only the files the tests themselves write, and no --out folder)."""
    old = os.getcwd()
    os.chdir(SANDBOX)
    try:
        yield
        assert not Path(OUT).exists()
        mine = ("tmp", "pano", "bytes.toml")
        assert [p.name for p in SANDBOX.iterdir() if not p.name.startswith(mine)] == []
    finally:
        os.chdir(old)
        shutil.rmtree(SANDBOX, ignore_errors=True)


def classified(call) -> int:
    """0 when `call` passes, 2 when it refuses the input as the contract says (argparse's
    SystemExit(2) with a message, or InputError with one); anything else propagates."""
    err = io.StringIO()
    try:
        with redirect_stderr(err), redirect_stdout(io.StringIO()):
            call()
    except SystemExit as exc:
        assert exc.code == 2, f"argparse exit {exc.code}"
        assert "error:" in err.getvalue()
        return 2
    except InputError as exc:
        assert str(exc).strip(), "an InputError without a message"
        return 2
    return 0


def flat(options) -> list[str]:
    return [a for opt in options for a in opt]


# The oracle: options whose range core/limits.py states. A value outside it (or one that is
# not a number at all) must be refused, whatever else the command line holds.
LIMITED = {"--texture-size": limits.TEXTURE_SIZE, "--hdri-width": limits.HDRI_WIDTH,
           "--samples": limits.SAMPLES, "--seed": limits.SEED,
           "--texel-density": limits.TEXEL_DENSITY, "--ai-steps": limits.AI_STEPS,
           "--ai-guidance": limits.AI_GUIDANCE, "--steps": limits.AI_STEPS,
           "--guidance": limits.AI_GUIDANCE}


def pairs(argv: list[str]) -> list[tuple[str, str]]:
    """(option, value) for every `--x VALUE` and `--x=VALUE` in argv."""
    found = []
    for i, arg in enumerate(argv):
        if arg.startswith("--") and "=" in arg:
            found.append(tuple(arg.split("=", 1)))
        elif arg.startswith("--") and i + 1 < len(argv):
            found.append((arg, argv[i + 1]))
    return found


def must_refuse(argv: list[str]) -> bool:
    """True when a limited option of argv holds a value its limit does not allow."""
    for name, text in pairs(argv):
        limit = LIMITED.get(name)
        if name == "--resolution":
            try:
                limits.resolution(text)
            except Exception:                  # noqa: BLE001 - not a resolution at all
                return True
        elif limit is not None:
            try:
                limit.argtype()(text)
            except Exception:                  # noqa: BLE001 - argparse.ArgumentTypeError
                return True
    return False


def refused_when_out_of_range(argv: list[str], code: int) -> None:
    """What the tests' names promise: an out-of-range value is refused (exit 2)."""
    if must_refuse(argv):
        assert code == 2, f"accepted an out-of-range value: {argv}"


# ----------------------------------------------------------------------------- build

build_args = st.tuples(
    option("--seed", numbers, seeds),
    option("--texture-size", numbers, st.sampled_from(["256", "1024", "4096", "300", "8192"])),
    option("--hdri-width", numbers, st.sampled_from(["512", "2048", "513", "16384", "16386"])),
    option("--resolution", resolutions),
    option("--samples", numbers, st.sampled_from(["1", "32", "16777216", "16777217"])),
    option("--texel-density", numbers, in_range(4, 512)),
    option("--material-backend", st.sampled_from(["procedural", "diffusers", "x", ""])),
    option("--sky-backend", st.sampled_from(["procedural", "diffusers", "x"])),
    option("--ai-steps", numbers, st.integers(1, 200).map(str)),
    option("--ai-guidance", numbers, in_range(0, 50)),
    option("--ai-model-size", numbers, st.sampled_from(["64", "512", "520", "2048"])),
    option("--model", st.sampled_from(["", "/nowhere/model", "runwayml/sd"])),
    st.sampled_from([[], ["--paint"], ["--render"], ["--wait"]]),
    st.lists(option("--paint-option", st.one_of(
        texts, st.sampled_from(["--steps=20", "--steps=0", "--guidance=nan", "--seed=-1",
                                "--resolution=100x100", "--device=tpu", "--bogus",
                                "--control-scale=5", "--negative=", "--painter=test"]))),
        max_size=3).map(flat),
)


def _build(argv: list[str]) -> None:
    """What `build.run` checks before it writes anything: the options (the pipeline's
    open_folder validates them first) and the --paint template."""
    from ai_sets_addon.cli import build
    from ai_sets_addon.generation.prepare import BuildOptions

    args = PARSER.parse_args(argv)
    BuildOptions(texture_size=args.texture_size, hdri_width=args.hdri_width,
                 texel_density=args.texel_density, material_backend=args.material_backend,
                 sky_backend=args.sky_backend, ai=build._ai(args)).validate()
    build._painting(args)


@MORE
@given(prompts, build_args)
def test_build_arguments_are_refused_with_a_message(prompt, options):
    argv = ["build", prompt, "--out", OUT, *flat(options)]
    code = classified(lambda: _build(argv))
    refused_when_out_of_range(argv[3:], code)
    hypothesis.event(f"exit {code}")


@SETTINGS
@given(values, values, values, st.one_of(values, st.sampled_from(
    ["dusk", "night", "golden_hour", "Golden Hour", "noon ", "midi", ""])))
def test_build_options_validate_any_value(texture_size, hdri_width, density, time_of_day):
    """BuildOptions.validate on whatever a Python caller passes (batch, operator)."""
    from ai_sets_addon.generation.prepare import BuildOptions

    code = classified(lambda: BuildOptions(
        texture_size=texture_size, hdri_width=hdri_width, texel_density=density,
        time_of_day=time_of_day).validate())
    hypothesis.event(f"exit {code}")


@SETTINGS
@given(st.one_of(values, in_range(-90, 90)), st.one_of(values, in_range(-180, 180)),
       st.one_of(st.none(), datetimes),
       st.one_of(st.none(), st.sampled_from(["dusk", "14:30", "25:99", "7h", "midi"]), texts),
       st.one_of(st.none(), values), st.one_of(values, in_range(-360, 360)))
def test_build_sky_place_and_time(lat, lon, when, word, sun_azimuth, north):
    """The sun of a build's sky (a city in the prompt gives latitude/longitude/date;
    a time-of-day word or clock time otherwise): resolve_lights on any values."""
    from ai_sets_addon.model.plan import SkyRequest
    from ai_sets_addon.generation.sky.resolve import resolve_lights

    request = SkyRequest(time_of_day=word, latitude=lat, longitude=lon, datetime_iso=when,
                         sun_azimuth_deg=sun_azimuth, north_offset_deg=north)
    code = classified(lambda: resolve_lights(request))
    hypothesis.event(f"exit {code}")


# ----------------------------------------------------------------------------- paint

class _Reached(Exception):
    """The command got past its checks to loading a model: the input was accepted."""


def _demo_scene():
    from ai_sets_addon.ai.paint.testset import demo_scene

    if not hasattr(_demo_scene, "scene"):
        _demo_scene.scene = demo_scene(density_px_per_m=64.0, cameras=4)
    return _demo_scene.scene


paint_args = st.tuples(
    option("--prompt", prompts),
    option("--negative", texts),
    option("--cameras", st.one_of(texts, st.sampled_from(["", ",", "CAM_1", "cam_1, CAM_2",
                                                          "nope", " , ,"]))),
    option("--steps", numbers, st.integers(1, 200).map(str)),
    option("--guidance", numbers, in_range(0, 50)),
    option("--control-scale", numbers, in_range(0, 4)),
    option("--seed", numbers, seeds),
    option("--density", numbers, in_range(1, 4096)),
    option("--resolution", resolutions, st.sampled_from(["768x512", "770x512", "16x16"])),
    option("--device", st.sampled_from(["auto", "cuda", "cpu", "tpu", ""])),
    option("--precision", st.sampled_from(["auto", "fp16", "bf16"])),
    option("--offload", st.sampled_from(["auto", "none", "sequential", "all"])),
    option("--scene", st.sampled_from(["", "x.npz", "\0"])),
)


def _paint(argv: list[str]) -> None:
    from ai_sets_addon.cli import paint

    args = PARSER.parse_args(argv)

    def load_scene(_args):
        return _demo_scene(), None

    def make_painter(_args, _progress):
        raise _Reached

    with mock.patch.object(paint, "load_scene", load_scene), \
            mock.patch.object(paint, "make_painter", make_painter):
        try:
            paint.run(args)
        except _Reached:
            pass


@MORE
@given(paint_args)
def test_paint_arguments_are_refused_with_a_message(options):
    code = classified(lambda: _paint(["paint", OUT, *flat(options)]))
    refused_when_out_of_range(flat(options), code)
    hypothesis.event(f"exit {code}")


# ------------------------------------------------------------------ storyboard, previs

def _shots():
    from ai_sets_addon.scout.shots import Shot

    return [Shot("Wide"), Shot("Hero low angle", lens_mm=50.0), Shot("CAM_Medium_35mm")]


shot_names = st.one_of(texts, st.sampled_from(["all", "ALL", "", ",", "Wide",
                                               "wide, hero low angle", "Wide,,Nope",
                                               "all,Wide", " , "]))


@SETTINGS
@given(option("--shots", shot_names), option("--resolution", resolutions),
       option("--samples", numbers, st.sampled_from(["1", "16", "0", "16777217"])))
def test_storyboard_arguments_are_refused_with_a_message(shots, resolution, samples):
    from ai_sets_addon.scout import shots as shotdata

    options = (shots, resolution, samples)

    def check():
        args = PARSER.parse_args(["storyboard", OUT, "--out", OUT, *flat(options)])
        shotdata.select(_shots(), args.shots)

    code = classified(check)
    refused_when_out_of_range(flat(options), code)
    hypothesis.event(f"exit {code}")


previs_args = st.tuples(
    option("--shot", shot_names),
    st.one_of(st.just(["--move", "dolly"]), option("--move", st.one_of(texts, st.sampled_from(
        ["dolly", "truck", "pedestal", "pan", "tilt", "orbit", "push_in", "handheld",
         "push-in", "zoom"])))),
    option("--distance", numbers, in_range(-1000, 1000)),
    option("--speed", numbers, in_range(-100, 100)),
    option("--duration", numbers, in_range(0.1, 120)),
    option("--easing", st.sampled_from(["linear", "ease_in_out", "ease_in", "ease", ""])),
    option("--fps", numbers, st.integers(1, 120).map(str)),
    option("--intensity", numbers, in_range(0, 10)),
    option("--seed", numbers, seeds),
    option("--resolution", resolutions),
    option("--samples", numbers, st.sampled_from(["1", "4", "0"])),
    st.sampled_from([[], ["--shake"], ["--no-mp4"]]),
)


@MORE
@given(previs_args)
def test_previs_arguments_are_refused_with_a_message(options):
    """previs.run's checks before Blender renders: one --shot, the shot chosen, the
    move (then a label, as the progress line prints it)."""
    from ai_sets_addon.scout import shots as shotdata
    from ai_sets_addon.scout.moves import Move

    def check():
        args = PARSER.parse_args(["previs", OUT, "--out", OUT, *flat(options)])
        if args.shot and "," in args.shot:
            raise InputError(f"--shot takes one shot name, got '{args.shot}'")
        shotdata.select(_shots(), args.shot or "all")
        move = Move(args.move, args.duration, args.distance, args.speed, args.easing,
                    args.fps, args.seed, args.intensity, args.shake).check()
        move.label(), move.short_label(), move.frames

    code = classified(check)
    refused_when_out_of_range(flat(options), code)
    hypothesis.event(f"exit {code}")


# ----------------------------------------------------------------------------- export

@SETTINGS
@given(st.one_of(texts, st.sampled_from(["", "set", "set.blend", "nowhere/set.blend",
                                         "set.json", ".", "~"])),
       option("--format", st.one_of(texts, st.sampled_from(["glb", "usd", "usdz", "GLB",
                                                             "fbx", ""]))),
       st.one_of(texts, st.sampled_from(["out", "out.glb", "out.usd", "out.usdz", "out.fbx",
                                         "OUT.GLB", ".", "dir/", "a.usda"])))
def test_export_arguments_are_refused_with_a_message(source, fmt, out):
    """The parser, the target name and the source (a missing path, a folder without
    set.json, a file that is not a .blend) are refused before Blender is needed."""
    from ai_sets_addon.blender.export import output_path
    from ai_sets_addon.blender.export_source import set_folder

    def check():
        args = PARSER.parse_args(["export", source, *fmt, "--out", out])
        output_path(args.export_format, args.out)
        if not str(args.source).lower().endswith(".blend"):
            set_folder(args.source)

    code = classified(check)
    # the oracle: nothing in the sandbox is a set folder, and only three formats exist
    # (a .blend source is read by Blender later, so it may pass this stage)
    chosen = dict(pairs(fmt)).get("--format")
    if not str(source).lower().endswith(".blend") or chosen not in ("glb", "usd", "usdz"):
        assert code == 2, (source, fmt, out)
    hypothesis.event(f"exit {code}")


_SET_JSON = st.one_of(
    st.binary(max_size=64),
    st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), texts),
                 lambda inner: st.one_of(st.lists(inner, max_size=3),
                                         st.dictionaries(st.sampled_from(
                                             ["schema_version", "spec", "plan", "materials",
                                              "sky", "prompt", "seed", "version", "x"]),
                                             inner, max_size=4)),
                 max_leaves=12).map(lambda v: json.dumps(v).encode()))


@SETTINGS
@given(_SET_JSON)
def test_a_damaged_set_json_is_refused_with_a_message(data):
    """export, storyboard and previs all start by reading the set folder."""
    from ai_sets_addon.setfile import SET_JSON, read_set

    folder = Path(tempfile.mkdtemp(dir=SANDBOX))
    (folder / SET_JSON).write_bytes(data)
    code = classified(lambda: read_set(folder))
    assert code == 2        # no example is a whole set document: every one is refused
    hypothesis.event(f"exit {code}")


# ------------------------------------------------------------------------------ batch

toml_scalars = st.one_of(
    st.integers(-2**63, 2**63 - 1).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(
        lambda f: "nan" if f != f else ("inf" if f == float("inf") else
                                        "-inf" if f == float("-inf") else repr(f))),
    st.booleans().map(lambda b: "true" if b else "false"),
    texts.map(json.dumps),
    st.sampled_from(['"dusk"', '"night"', '"golden hour"', '"Golden_Hour"', '"960x540"',
                     '"16x16"', '"0x0"', '"all"', '"scouts"', '"CAM_Wide_24mm"', '""',
                     '"saved"', '"set"', '"procedural"', '"diffusers"', '"../x"',
                     "1024", "2048", "512", "300", "0", "-1", "2147483648", "1e3",
                     "1979-05-27T07:32:00Z", "07:32:00"]))
toml_values = st.one_of(
    toml_scalars,
    st.lists(toml_scalars, max_size=3).map(lambda v: "[" + ", ".join(v) + "]"),
    st.dictionaries(st.sampled_from(["model", "controlnet", "steps", "guidance", "seed",
                                     "prompt", "x"]), toml_scalars, max_size=3).map(
        lambda d: "{ " + ", ".join(f"{k} = {v}" for k, v in d.items()) + " }"))
SET_KEYS = ["name", "prompt", "seed", "time_of_day", "texture_size", "hdri_width",
            "texel_density", "backend", "paint", "shots_file", "bogus"]
SHOT_KEYS = ["camera", "saved", "sky", "name", "resolution", "samples", "lens_mm", "x"]


def _table(keys: list[str]) -> st.SearchStrategy:
    return st.dictionaries(st.sampled_from(keys), toml_values, max_size=5).map(
        lambda d: "".join(f"{k} = {v}\n" for k, v in d.items()))


job_files = st.one_of(
    st.tuples(
        st.one_of(st.just(""), _table(["seed", "time_of_day", "texture_size", "hdri_width",
                                       "resolution", "samples", "lens_mm", "camera",
                                       "shots_file", "nope"]).map(lambda t: "[defaults]\n" + t)),
        st.lists(st.tuples(
            st.one_of(st.just('prompt = "a street at dusk"\n'), st.just("")),
            _table(SET_KEYS),
            st.lists(_table(SHOT_KEYS).map(lambda t: "[[set.shot]]\n" + t), max_size=2)),
            max_size=3),
    ).map(lambda t: t[0] + "".join("[[set]]\n" + p + body + "".join(shots)
                                   for p, body, shots in t[1])),
    texts,
    st.sampled_from(["[[set]]\nprompt = 'a'\n[[set]]\n", "set = 1\n", "set = []\n",
                     "[defaults]\n[defaults]\n", "[[set]]\nshot = 3\n", "\x00", "[[",
                     "[set]\nprompt = 'x'\n", "defaults = 5\n[[set]]\nprompt = 'x'\n"]),
)


@SETTINGS
@given(job_files, option("--scheduler", st.one_of(texts, st.sampled_from(
    ["local", "tcp://10.0.0.5:8786", "tls://h:1", "udp://x", ""]))),
    option("--workers", numbers, st.integers(1, 4096).map(str)))
def test_batch_job_files_are_refused_with_a_message(text, scheduler, workers):
    """The job file is read and validated whole (every problem with its line) before
    any task is expanded; its bad values are JobFileError (an InputError)."""
    from ai_sets_addon.farm import jobfile

    args = classified(lambda: PARSER.parse_args(["batch", "jobs.toml", "--out", OUT,
                                                 *scheduler, *workers]))
    code = classified(lambda: jobfile.parse(text, SANDBOX / "jobs.toml"))
    count = dict(pairs(workers)).get("--workers")
    if count is not None and limits.WORKERS.problem(_number(count)):
        assert args == 2, (scheduler, workers)
    if "bogus" in text or "nope" in text or "\x00" in text:
        assert code == 2, text             # an unknown key or a NUL is never accepted
    hypothesis.event(f"arguments: exit {args}; job file: exit {code}")


def _number(text: str):
    try:
        return int(text)
    except ValueError:
        return text


@SETTINGS
@given(st.binary(max_size=200))
def test_batch_job_file_bytes(data):
    from ai_sets_addon.farm import jobfile

    path = SANDBOX / "bytes.toml"
    path.write_bytes(data)
    hypothesis.event(f"exit {classified(lambda: jobfile.load(path))}")


# -------------------------------------------------------------------------------- hdr

hdr_args = st.tuples(
    option("--sun", st.one_of(texts, st.sampled_from(
        ["auto", "AUTO", "250,6", "250,91", "nan,5", "5,inf", "1e308,0", "1,2,3", ",",
         "-720,-90"]))),
    option("--datetime", datetimes),
    option("--lat", numbers, in_range(-90, 90)),
    option("--lon", numbers, in_range(-180, 180)),
    option("--north-offset", numbers, in_range(-360, 360)),
    option("--expand-ev", numbers, in_range(0, 8)),
)


@SETTINGS
@given(hdr_args)
def test_hdr_arguments_are_refused_with_a_message(options):
    """hdr.run's checks before the panorama is read: the sun given, or found from a
    place and date-time (all three needed, years the solar tables cover)."""
    from ai_sets_addon.cli import hdr

    def check():
        args = PARSER.parse_args(["hdr", "pano.png", "--out", OUT, *flat(options)])
        hdr._options(args)

    code = classified(check)
    given_values = dict(pairs(flat(options)))
    if "--expand-ev" in given_values and limits.finite_float(0.0, 8.0) and \
            not _in(given_values["--expand-ev"], 0.0, 8.0):
        assert code == 2, options           # the oracle: stops outside 0..8 are refused
    hypothesis.event(f"exit {code}")


def _in(text: str, lo: float, hi: float) -> bool:
    import math

    try:
        value = float(text)
    except ValueError:
        return False
    return math.isfinite(value) and lo <= value <= hi


@SETTINGS
@given(st.sampled_from([".png", ".jpg", ".jpeg", ".exr", ".tif", ""]),
       st.one_of(st.binary(max_size=128), st.sampled_from([
           b"\x89PNG\r\n\x1a\n", b"\x89PNG\r\n\x1a\n" + b"\0" * 40, b"\xff\xd8\xff",
           b"\x76\x2f\x31\x01" + b"\0" * 32])))
def test_hdr_panorama_that_is_not_an_image(suffix, data):
    from ai_sets_addon.generation.hdr import read_panorama

    path = SANDBOX / f"pano{suffix}"
    path.write_bytes(data)
    hypothesis.event(f"exit {classified(lambda: read_panorama(path))}")
