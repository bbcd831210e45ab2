"""Root conftest: folder markers, and Blender-facing tests left out where bpy is absent.

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


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    if _left_out:
        terminalreporter.write_line(
            f"not collected (bpy is not importable here): {', '.join(sorted(_left_out))}; "
            "run ./scripts/test.sh for the full suite")


# Blender as a Python module can hang in its own teardown at interpreter exit after a
# long session (seen with bpy 4.5: every test reported, then the process waited for
# ever in native threads). The run's verdict is known by then, so a test process that
# loaded bpy ends right after pytest's last word, with pytest's own exit status.
_exit_status: list[int] = []


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _exit_status.append(int(exitstatus))


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    import os
    import sys

    if "bpy" in sys.modules and _exit_status:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_exit_status[-1])
