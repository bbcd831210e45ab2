"""Property-based fuzz of `ai-sets sky` and `ai-sets material` arguments: whatever the
user types, the command exits 0 or 2 (never 1, a bug) and writes nothing outside
--out. In-process (`cli.main`), small sizes, a bounded number of examples."""

from __future__ import annotations

import shutil
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from ai_sets_addon.cli import main  # noqa: E402


SETTINGS = settings(max_examples=60, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])

WORDS = ["noon", "sunset", "night", "golden hour", "overcast", "fog", "scattered clouds",
         "crépuscule", "brick", "wet", "old red brick", "cobblestone", "béton ciré", "rust",
         "moss", "oak parquet", "marble", "sand", "snow", "walls", "floor", "ground", "a",
         ",", "!!!", "\u200b", "💡", "12:30", "25:99", "NaN", "-1", ""]

texts = st.text(max_size=24)
prompts = st.one_of(texts, st.lists(st.sampled_from(WORDS), max_size=6).map(" ".join))
numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-10**15, max_value=10**15).map(str),
    st.sampled_from(["nan", "inf", "-inf", "1e309", "0x10", "1_000", " 5", "", "--", "½"]),
    texts)
offsets = st.timedeltas(min_value=timedelta(hours=-23, minutes=-59),
                        max_value=timedelta(hours=23, minutes=59))
datetimes = st.one_of(
    st.builds(lambda d, o: d.replace(tzinfo=timezone(o)).isoformat(),
              st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)),
              offsets),
    st.datetimes().map(datetime.isoformat), texts)


def option(name: str, values: st.SearchStrategy,
           valid: st.SearchStrategy | None = None) -> st.SearchStrategy:
    """--name VALUE or --name=VALUE, or left out; mostly a plausible value when one is
    given, so that examples get past the parser and into the work."""
    pick = values if valid is None else st.integers(0, 3).flatmap(
        lambda i: valid if i else values)
    return st.one_of(st.just([]), pick.map(lambda v: [name, v]),
                     pick.map(lambda v: [f"{name}={v}"]))


def in_range(lo: float, hi: float) -> st.SearchStrategy:
    return st.floats(lo, hi).map(repr)


place = st.one_of(
    st.just([]),
    st.tuples(in_range(-90, 90), in_range(-180, 180), datetimes).map(
        lambda t: ["--lat", t[0], "--lon", t[1], "--datetime", t[2]]),
    st.tuples(option("--lat", numbers, in_range(-90, 90)),
              option("--lon", numbers, in_range(-180, 180)),
              option("--datetime", datetimes)).map(lambda t: [a for o in t for a in o]))
seeds = st.integers(0, 2**31 - 1).map(str)
sky_args = st.tuples(
    st.one_of(prompts, st.sampled_from(WORDS[:8])),
    option("--width", numbers, st.sampled_from(["512", "514", "640"])), place,
    option("--seed", numbers, seeds), option("--north-offset", numbers, in_range(-360, 360)),
    option("--city-glow", numbers, in_range(0, 1)),
    st.sampled_from([[], ["--no-sun"], ["--keep-sun"]]),
)
material_args = st.tuples(
    st.one_of(prompts, st.sampled_from(WORDS[8:18])),
    option("--size", numbers, st.just("64")), option("--seed", numbers, seeds),
    option("--samples", numbers, st.integers(1, 64).map(str)),
    option("--preview-width", numbers, st.integers(256, 4096).map(str)),
)


def _width_is_cheap(args: list[str]) -> bool:
    """Keep valid widths small (a 16384-wide sky is a minute of work, not a finding)."""
    for i, arg in enumerate(args):
        value = arg.split("=", 1)[1] if arg.startswith("--width=") else (
            args[i + 1] if arg == "--width" and i + 1 < len(args) else None)
        if value is not None:
            try:
                if int(value) > 1024:
                    return False
            except ValueError:
                pass
    return True


def _run_in_sandbox(argv_for: callable) -> tuple[int, list[str]]:
    """Run with cwd in an empty sandbox; return the exit code and anything written
    outside the out folder."""
    import os

    sandbox = Path(tempfile.mkdtemp(prefix="aisets_fuzz_"))
    old = os.getcwd()
    try:
        os.chdir(sandbox)
        code = main(argv_for(sandbox / "out"))
        stray = [str(p.relative_to(sandbox)) for p in sandbox.rglob("*")
                 if not (p == sandbox / "out" or (sandbox / "out") in p.parents)]
        return code, stray
    finally:
        os.chdir(old)
        shutil.rmtree(sandbox, ignore_errors=True)


@SETTINGS
@given(sky_args)
def test_sky_never_crashes_or_writes_outside_out(parts):
    prompt, *options = parts
    extra = [a for opt in options for a in opt]
    hypothesis.assume(_width_is_cheap(extra))
    if not any(a.startswith("--width") for a in extra):
        extra += ["--width", "512"]
    code, stray = _run_in_sandbox(lambda out: ["sky", prompt, "--out", str(out / "sky.exr"),
                                               *extra])
    hypothesis.event(f"exit {code}")
    assert code in (0, 2)
    assert stray == []


@SETTINGS
@given(material_args)
def test_material_never_crashes_or_writes_outside_out(parts):
    prompt, *options = parts
    extra = [a for opt in options for a in opt]
    if not any(a.startswith("--size") for a in extra):
        extra += ["--size", "64"]
    code, stray = _run_in_sandbox(lambda out: ["material", prompt, "--out", str(out),
                                               *extra])
    hypothesis.event(f"exit {code}")
    assert code in (0, 2)
    assert stray == []
