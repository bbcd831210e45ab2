"""Root conftest: folder markers, Blender-facing tests left out where bpy is absent, and
every skip checked against the committed list of expected skips.

tests/unit runs anywhere (no bpy). tests/blender and tests/e2e need the `bpy` module
(the test modules import it at the top), so without it they are not collected and
the run says so, instead of failing on an ImportError.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

TESTS_DIR = Path(__file__).resolve().parent
REPO_ROOT = TESTS_DIR.parent
# First folder under tests/ -> marker given to every test in it.
FOLDER_MARKERS = {
    "blender": "blender: needs the bpy module",
    "e2e": "e2e: builds and installs the extension zip",
}
_left_out: set[str] = set()


def bpy_available() -> bool:
    """True when `import bpy` can work; found without importing it (once per process only)."""
    return importlib.util.find_spec("bpy") is not None


def _top_folder(path: Path) -> str | None:
    try:
        parts = path.resolve().relative_to(TESTS_DIR).parts
    except ValueError:
        return None
    return parts[0] if parts else None


def pytest_configure(config: pytest.Config) -> None:
    for line in FOLDER_MARKERS.values():
        config.addinivalue_line("markers", line)


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    folder = _top_folder(collection_path)
    if folder in FOLDER_MARKERS and not bpy_available():
        _left_out.add(f"tests/{folder}")
        return True
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        folder = _top_folder(Path(str(item.path)))
        if folder in FOLDER_MARKERS:
            item.add_marker(getattr(pytest.mark, folder))


# Blender as a Python module can hang in its own teardown at interpreter exit after a
# long session (seen with bpy 4.5: every test reported, then the process waited for
# ever in native threads). The run's verdict is known by then, so a test process that
# loaded bpy ends right after pytest's last word, with pytest's own exit status.
_exit_status: list[int] = []


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    unexpected = _unexpected_skips()
    if unexpected:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    _exit_status.append(int(session.exitstatus))


# ------------------------------------------------------------------ skips are accounted for
# A suite must not pass by skipping: every skip of a run is compared with the committed list
# of expected skips (tests/expected_skips.txt: run, test id glob, reason), and any other
# skip fails the run, named with its reason.
EXPECTED_SKIPS = TESTS_DIR / "expected_skips.txt"
_skips: list[tuple[str, str]] = []


def run_label() -> str:
    """Which run this is, as the expected-skips list names it: bpy5, bpy4.5 or nobpy."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("bpy")
    except PackageNotFoundError:
        return "nobpy"
    return "bpy5" if found.startswith("5.") else "bpy" + ".".join(found.split(".")[:2])


def expected_skips() -> list[tuple[str, str, str]]:
    rows = []
    for line in EXPECTED_SKIPS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            run, test, reason = (part.strip() for part in line.split("|", 2))
            rows.append((run, test, reason))
    return rows


def is_expected(nodeid: str, reason: str, label: str, rows) -> bool:
    from fnmatch import fnmatchcase

    return any(run in (label, "any") and fnmatchcase(nodeid, test) and text in reason
               for run, test, text in rows)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped:
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        _skips.append((report.nodeid, reason))


def _unexpected_skips() -> list[tuple[str, str]]:
    if not _skips:
        return []
    label, rows = run_label(), expected_skips()
    return [(nodeid, reason) for nodeid, reason in _skips
            if not is_expected(nodeid, reason, label, rows)]


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    if _left_out:
        terminalreporter.write_line(
            f"not collected (bpy is not importable here): {', '.join(sorted(_left_out))}; "
            "run ./scripts/test.sh for the full suite")
    unexpected = _unexpected_skips()
    if _skips:
        terminalreporter.write_line(f"skips: {len(_skips)} in this run ({run_label()}), "
                                    f"{len(_skips) - len(unexpected)} of them expected "
                                    f"({EXPECTED_SKIPS.relative_to(REPO_ROOT)})")
    for nodeid, reason in unexpected:
        terminalreporter.write_line(f"UNEXPECTED SKIP (fails the run): {nodeid}: {reason}",
                                    red=True)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    import os
    import sys

    if "bpy" in sys.modules and _exit_status:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_exit_status[-1])
