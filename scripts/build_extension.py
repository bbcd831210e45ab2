#!/usr/bin/env python3
"""Build the AI Sets Blender extension: dist/ai_sets-<version>.zip.

    python scripts/build_extension.py [--split-platforms] [--output-dir DIR] [--offline]

Steps: fetch the wheels that blender_manifest.toml pins (cached in wheels/), stage
ai_sets_addon/* with the manifest beside its __init__.py and the wheels in wheels/,
then build and validate with Blender's own extension tool (blender_ext.py from the
bpy module, or `blender --command extension` when only a Blender binary is around),
so the zip is exactly what Blender itself would build. Zips are built in a temporary
folder and renamed into place, so an interrupted build never leaves a half zip.
Progress goes to stderr; the built zip paths are the only lines on stdout.

Run with any Python 3: when this one cannot see Blender's module, the script re-runs
itself with the project's .venv (the fresh-clone setup in the README), or says the one
command that installs it and exits 2.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV_PYTHONS = (".venv/bin/python", ".venv/Scripts/python.exe")
INSTALL_HINT = ('python3.11 -m venv .venv && .venv/bin/pip install -e ".[blender]"  '
                "(then run this script again, with any python)")
REEXEC_FLAG = "AISETS_BUILD_REEXEC"
EXIT_SETUP = 2
MANIFEST = ROOT / "blender_manifest.toml"
PYPROJECT = ROOT / "pyproject.toml"
PACKAGE = ROOT / "ai_sets_addon"
WHEEL_CACHE = ROOT / "wheels"
# Files copied from the repository root into the zip root when present.
EXTRA_ROOT_FILES = ("LICENSE", "LICENSE.txt", "COPYING")
STAGE_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", "*.pyo", ".*")


class BuildError(RuntimeError):
    """A build step failed; the message says what to fix."""


@dataclass(frozen=True)
class WheelPin:
    """One wheel named in the manifest; its file name is the pin (name, version, tags)."""

    relpath: str  # as written in the manifest, e.g. "./wheels/x-1.0-py3-none-any.whl"

    @property
    def filename(self) -> str:
        return Path(self.relpath).name

    @property
    def _parts(self) -> list[str]:
        parts = self.filename[: -len(".whl")].split("-")
        if len(parts) not in (5, 6):
            raise BuildError(f"not a wheel file name: {self.filename}")
        return parts

    @property
    def dist(self) -> str:
        return self._parts[0]

    @property
    def version(self) -> str:
        return self._parts[1]

    @property
    def python_tag(self) -> str:
        return self._parts[-3]

    @property
    def abi_tag(self) -> str:
        return self._parts[-2]

    @property
    def platform_tag(self) -> str:
        return self._parts[-1]

    def pip_download_args(self) -> list[str]:
        """Arguments that make pip fetch exactly this file, whatever this machine is."""
        args = ["--no-deps", "--only-binary=:all:", f"{self.dist}=={self.version}"]
        if self.platform_tag == "any":
            # else pip prefers this machine's binary build of a package that also
            # ships a pure wheel (fonttools), and the pinned file never arrives
            args += ["--platform", "any", "--abi", "none", "--implementation", "py",
                     "--python-version", "3.11"]
        else:
            for tag in self.platform_tag.split("."):     # compressed tag set (PEP 425)
                args += ["--platform", tag]
            args += ["--abi", self.abi_tag]
        if self.python_tag.startswith("cp") and self.python_tag[2:].isdigit():
            digits = self.python_tag[2:]
            args += ["--python-version", f"{digits[0]}.{digits[1:]}", "--implementation", "cp"]
        return args


def log(message: str) -> None:
    print(f"[build_extension] {message}", file=sys.stderr, flush=True)


def load_manifest(path: Path = MANIFEST) -> dict:
    import tomllib  # Python 3.11+: ensure_interpreter() has re-run under one if needed

    with path.open("rb") as fh:
        return tomllib.load(fh)


def pinned_wheels(manifest: dict | None = None) -> list[WheelPin]:
    """The wheels the manifest lists: the single source of truth for bundled deps."""
    manifest = load_manifest() if manifest is None else manifest
    return [WheelPin(rel) for rel in manifest.get("wheels", [])]


def pyproject_version() -> str:
    import tomllib

    with PYPROJECT.open("rb") as fh:
        return tomllib.load(fh)["project"]["version"]


def check_sources(manifest: dict) -> None:
    """Fail early on mistakes Blender's builder would not name clearly."""
    if manifest.get("version") != pyproject_version():
        raise BuildError(
            f"blender_manifest.toml version {manifest.get('version')!r} differs from "
            f"pyproject.toml version {pyproject_version()!r}: make them equal")
    if not (PACKAGE / "__init__.py").is_file():
        raise BuildError(f"{PACKAGE / '__init__.py'} is missing: the add-on has no entry point")
    for pin in pinned_wheels(manifest):
        if not pin.relpath.startswith("./wheels/"):
            raise BuildError(f"wheel {pin.relpath!r} must live under ./wheels/")


def fetch_wheel(pin: WheelPin, cache: Path, offline: bool) -> Path:
    """Return the cached wheel, downloading it with pip on a cache miss."""
    target = cache / pin.filename
    if target.is_file():
        return target
    if offline:
        raise BuildError(f"{target} is not cached and --offline was given")
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache, prefix=".download-") as tmp:
        cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
               "--dest", tmp, *pin.pip_download_args()]
        log(f"downloading {pin.filename}")
        run(cmd)
        got = Path(tmp) / pin.filename
        if not got.is_file():
            found = ", ".join(p.name for p in Path(tmp).iterdir()) or "nothing"
            raise BuildError(f"pip fetched {found}, the manifest pins {pin.filename}")
        os.replace(got, target)  # atomic: the cache never holds a partial wheel
    return target


def fetch_wheels(manifest: dict, cache: Path = WHEEL_CACHE, offline: bool = False) -> list[Path]:
    return [fetch_wheel(pin, cache, offline) for pin in pinned_wheels(manifest)]


def stage(stage_dir: Path, wheels: list[Path]) -> None:
    """Lay out the extension as Blender wants it: __init__.py and manifest at the root."""
    shutil.copytree(PACKAGE, stage_dir, ignore=STAGE_IGNORE, dirs_exist_ok=True)
    shutil.copy2(MANIFEST, stage_dir / MANIFEST.name)
    for name in EXTRA_ROOT_FILES:
        if (ROOT / name).is_file():
            shutil.copy2(ROOT / name, stage_dir / name)
    (stage_dir / "wheels").mkdir(exist_ok=True)
    for wheel in wheels:
        shutil.copy2(wheel, stage_dir / "wheels" / wheel.name)


def bpy_scripts_dir() -> Path | None:
    """bpy/<version>/scripts of the installed bpy module, found without importing it."""
    spec = importlib.util.find_spec("bpy")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        for scripts in sorted(Path(location).glob("*/scripts")):
            if (scripts / "addons_core" / "bl_pkg" / "cli" / "blender_ext.py").is_file():
                return scripts
    return None


def extension_tool() -> list[str]:
    """Command prefix for Blender's extension tool: bpy's blender_ext.py or a blender binary."""
    if override := os.environ.get("AISETS_BLENDER_EXT"):
        return [sys.executable, override]
    if (scripts := bpy_scripts_dir()) is not None:
        tool = scripts / "addons_core" / "bl_pkg" / "cli" / "blender_ext.py"
        tags = scripts / "modules" / "_bpy_internal" / "extensions" / "tags.py"
        # Same tag list `blender --command extension` enforces.
        extra = [f"--valid-tags={tags}"] if tags.is_file() else []
        return [sys.executable, str(tool), *extra]
    if blender := shutil.which("blender"):
        return [blender, "--factory-startup", "--command", "extension"]
    raise BuildError("Blender's extension tool was not found: pip install bpy==5.0.1 "
                     "(or put `blender` on PATH, or set AISETS_BLENDER_EXT=/path/to/blender_ext.py)")


def tool_call(tool: list[str], subcommand: str, *args: str) -> list[str]:
    """Insert the subcommand before options such as --valid-tags that follow the tool path."""
    head = [part for part in tool if not part.startswith("--valid-tags")]
    tags = [part for part in tool if part.startswith("--valid-tags")]
    return [*head, subcommand, *args, *tags]


def run(cmd: list[str]) -> None:
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if proc.returncode != 0:
        raise BuildError(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stdout}")


def check_zip(zip_path: Path, manifest: dict) -> None:
    """The layout Blender's installer needs: __init__.py and manifest at the zip root."""
    with zipfile.ZipFile(zip_path) as zf:
        names = set(zf.namelist())
    for required in ("__init__.py", "blender_manifest.toml"):
        if required not in names:
            raise BuildError(f"{zip_path.name} lacks {required} at its root")
    leaked = sorted(n for n in names if "__pycache__" in n or n.startswith(("tests/", "docs/")))
    if leaked:
        raise BuildError(f"{zip_path.name} holds files that must stay out: {leaked[:5]}")


def build(output_dir: Path, split_platforms: bool = False, offline: bool = False) -> list[Path]:
    """Build (and validate) the extension zip(s); returns their final paths."""
    manifest = load_manifest()
    check_sources(manifest)
    wheels = fetch_wheels(manifest, offline=offline)
    tool = extension_tool()
    output_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ai_sets_stage_") as stage_tmp, \
            tempfile.TemporaryDirectory(dir=output_dir, prefix=".build-") as out_tmp:
        stage_dir = Path(stage_tmp) / "ai_sets"
        stage(stage_dir, wheels)
        args = ["--source-dir", str(stage_dir), "--output-dir", out_tmp]
        log("building with Blender's extension tool")
        run(tool_call(tool, "build", *args, *(["--split-platforms"] if split_platforms else [])))
        built = sorted(Path(out_tmp).glob("*.zip"))
        if not built:
            raise BuildError("Blender's builder produced no zip")
        final = []
        for zip_path in built:
            run(tool_call(tool, "validate", str(zip_path)))
            check_zip(zip_path, manifest)
            target = output_dir / zip_path.name
            os.replace(zip_path, target)  # same folder tree: atomic rename
            final.append(target)
    return final


def has_blender_tool() -> bool:
    """Can this interpreter reach Blender's extension tool without re-running?"""
    return bool(os.environ.get("AISETS_BLENDER_EXT") or importlib.util.find_spec("bpy")
                or shutil.which("blender"))


def project_python() -> Path | None:
    """The project's virtualenv interpreter, if the README's setup made one."""
    for rel in VENV_PYTHONS:
        candidate = ROOT / rel
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def ensure_interpreter(argv: list[str]) -> int | None:
    """Re-run under the project's .venv when this Python lacks bpy (or is too old for
    tomllib); None when this interpreter will do, else an exit code."""
    if sys.version_info >= (3, 11) and has_blender_tool():
        return None
    venv = project_python()
    if venv is not None and not os.environ.get(REEXEC_FLAG) \
            and Path(sys.executable).resolve() != venv.resolve():
        log(f"this Python ({sys.executable}) has no Blender module; using {venv}")
        sys.stderr.flush()
        env = dict(os.environ, **{REEXEC_FLAG: "1"})
        os.execve(str(venv), [str(venv), str(Path(__file__).resolve()), *argv], env)
    log("error: Blender's Python module (bpy) was not found for this Python, and the "
        f"project has no usable .venv. Install it once with:\n    {INSTALL_HINT}")
    return EXIT_SETUP


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if "-h" not in argv and "--help" not in argv:
        code = ensure_interpreter(argv)
        if code is not None:
            return code
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output-dir", type=Path, default=ROOT / "dist",
                        help="where the zip goes (default: dist/)")
    parser.add_argument("--split-platforms", action="store_true",
                        help="one zip per platform, each with only its own wheels")
    parser.add_argument("--offline", action="store_true",
                        help="use only wheels already cached in wheels/")
    args = parser.parse_args(argv)
    try:
        zips = build(args.output_dir.resolve(), args.split_platforms, args.offline)
    except BuildError as exc:
        log(f"error: {exc}")
        return 1
    for zip_path in zips:
        print(zip_path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
