"""The batch job file (TOML): sets × seeds × times of day × shots, validated whole.

    [defaults]                      # any set or shot key below, inherited
    texture_size = 1024
    resolution = "1920x1080"

    [[set]]
    name = "alley"                  # folder name (default: from the prompt)
    prompt = "a rainy alley at night, neon signs"
    seed = [1, 2]                   # a whole number or a list
    time_of_day = ["dusk", "night"] # optional: one set per word
    paint = { model = "/models/sd15-depth" }   # optional AI painting (a GPU task)
    shots_file = "scout/shots.json" # optional: saved shots (relative to this file)

      [[set.shot]]
      camera = "all"                # "all", "scouts", a camera name or a list of names
      samples = 64
      lens_mm = 50                  # optional lens override
      exposure = { iso = 800, shutter = "180", t_stop = 4, nd = 0.6, white_balance = 5600 }
                                    # optional, also in [defaults]; absent = auto

      [[set.shot]]
      saved = "Hero low angle"      # saved shots of shots_file: "all", a name or a list
      sky = "saved"                 # "saved": each shot's own time of day; "set": the set's
      stand_ins = [{ name = "ANNA", x = 0.4, y = -1.2, z = 0.0, facing_deg = 90 }]
                                    # optional: 1.75 m stand-in figures on their marks
                                    # (metres, degrees from +X), as `ai-sets script` stages

Why our own positions: `tomllib` gives values but no line numbers, and a TD fixing a
200-line file wants every mistake at once with its line. `KeyLines` maps each key
path to the line that set it by scanning the text beside tomllib's parse.
"""

from __future__ import annotations

import math
import os
import re
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..core import limits
from ..core.errors import InputError
from ..core.readers import windows_device
from ..generation.prepare import BuildOptions

SCOUTS = ("all", "scouts")          # every scout camera of the set's plan
TIMES_OF_DAY = limits.TIMES_OF_DAY.values
BACKENDS = ("procedural",)          # AI painting: a 'paint' table

SET_KEYS = ("name", "prompt", "seed", "time_of_day", "texture_size", "hdri_width",
            "texel_density", "backend", "paint", "shots_file", "shot")
SHOT_KEYS = ("camera", "saved", "sky", "name", "resolution", "samples", "lens_mm",
             "exposure", "stand_ins")
STAND_IN_KEYS = ("name", "x", "y", "z", "facing_deg")   # name, x, y required
DEFAULT_KEYS = ("seed", "time_of_day", "texture_size", "hdri_width", "texel_density",
                "backend", "shots_file", "camera", "resolution", "samples", "lens_mm",
                "exposure")
SAVED_ALL = "all"                   # every shot of the shots_file, in its order
SKY_CHOICES = ("saved", "set")      # a saved shot's own time of day, or the set's
PAINT_KEYS = ("model", "controlnet", "config", "prompt", "steps", "guidance", "seed")
BUILT_IN = {"seed": 0, "texture_size": 1024, "hdri_width": 2048, "texel_density": 32.0,
            "backend": "procedural", "camera": "all", "resolution": "960x540",
            "samples": 32, "lens_mm": None, "time_of_day": None, "shots_file": None,
            "exposure": None}


@dataclass(frozen=True)
class PaintJob:
    """AI painting of a set (`ai-sets paint`), a GPU task between prepare and render."""

    model: str
    controlnet: str | None = None
    config: str | None = None
    prompt: str | None = None
    steps: int = 30
    guidance: float = 7.5
    seed: int = 0


@dataclass(frozen=True)
class ShotJob:
    cameras: tuple[str, ...]        # scout cameras of the set (empty for saved shots)
    name: str | None
    resolution: tuple[int, int]
    samples: int
    lens_mm: float | None
    line: int
    saved: tuple[dict, ...] = ()    # saved shots (scout/shots.py Shot as a dict), in order
    sky: str = "saved"              # saved shots: "saved" (their own hour) or "set"
    exposure: dict = field(default_factory=dict)   # scout.exposure.Request fields ({} = auto)
    stand_ins: tuple[dict, ...] = ()   # figures on marks: {character, x, y, z, facing_deg}


@dataclass(frozen=True)
class SetJob:
    name: str
    prompt: str
    seeds: tuple[int, ...]
    times: tuple[str | None, ...]
    options: BuildOptions
    paint: PaintJob | None
    shots: tuple[ShotJob, ...]
    line: int


@dataclass
class JobFile:
    path: Path
    sets: list[SetJob]
    lines: KeyLines
    shot_files: list[Path] = field(default_factory=list)   # read: never written into


@dataclass
class Problem:
    line: int
    message: str


class JobFileError(InputError):
    """Every problem of a job file at once, each with its line (exit 2)."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: p.line)
        listed = "\n".join(f"  {path}:{p.line}: {p.message}" for p in self.problems)
        super().__init__(f"{path}: {len(self.problems)} problem(s), nothing was run:\n{listed}")


# ------------------------------------------------------------------------- positions

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r'^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|\'[^\']*\')'
                  r'(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|\'[^\']*\'))*)\s*=')


@dataclass
class KeyLines:
    """Key path (e.g. ("set", 0, "shot", 1, "samples")) -> line number (1-based)."""

    lines: dict[tuple, int] = field(default_factory=dict)

    @classmethod
    def scan(cls, text: str) -> KeyLines:
        found = cls()
        counts: dict[tuple, int] = {}
        table: tuple = ()
        in_string: str | None = None
        for number, line in enumerate(text.splitlines(), 1):
            if in_string:
                if line.count(in_string) % 2:
                    in_string = None
                continue
            header = _HEADER.match(line)
            if header and not _KEY.match(line):
                table = found._open_table(header, counts, number)
                continue
            key = _KEY.match(line)
            if key:
                path = table + tuple(_split_key(key.group(1)))
                found.lines.setdefault(path, number)
                rest = line[key.end():]
                for quote in ('"""', "'''"):
                    if rest.count(quote) % 2:
                        in_string = quote
        return found

    def _open_table(self, header: re.Match, counts: dict[tuple, int], number: int) -> tuple:
        names = _split_key(header.group(2))
        path: tuple = ()
        for name in names[:-1]:            # a sub-table belongs to its parent's last entry
            path += (name,)
            if path in counts:
                path += (counts[path] - 1,)
        path += (names[-1],)
        if header.group(1) == "[[":
            counts[path] = counts.get(path, 0) + 1
            path += (counts[path] - 1,)
        self.lines.setdefault(path, number)
        return path

    def line(self, path: tuple) -> int:
        """The line of `path`, else of its nearest ancestor (inline tables, arrays)."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1


def _split_key(text: str) -> list[str]:
    parts = re.findall(r'"([^"]*)"|\'([^\']*)\'|([A-Za-z0-9_-]+)', text)
    return [a or b or c for a, b, c in parts]


# ------------------------------------------------------------------------ validation

def load(path: Path) -> JobFile:
    """Read and validate a job file; raise JobFileError listing every problem."""
    from ..core import readers

    path = Path(path)
    if not os.path.lexists(path):
        raise InputError(f"job file '{path}' does not exist")
    try:
        text = readers.read_text(path, "job file", readers.JOB_ADVICE)
    except InputError as exc:
        raise JobFileError(path, [Problem(1, str(exc))]) from None
    return parse(text, path)


def parse(text: str, path: Path = Path("JOBS.toml")) -> JobFile:
    from ..core import readers

    if readers.toml_depth(text) > readers.MAX_DEPTH:
        raise JobFileError(path, [Problem(1, f"arrays or tables are nested more than "
                                             f"{readers.MAX_DEPTH} levels deep")])
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise JobFileError(path, [Problem(int(match.group(1)) if match else 1,
                                          f"not valid TOML: {exc}")]) from None
    except RecursionError:
        raise JobFileError(path, [Problem(1, "nested too deeply")]) from None
    checker = _Checker(KeyLines.scan(text), Path(path).parent)
    sets = checker.document(data)
    if checker.problems:
        raise JobFileError(path, checker.problems)
    return JobFile(path, sets, checker.lines, sorted(checker.shot_files))


class _Checker:
    """Walks the parsed document collecting problems instead of stopping at the first."""

    def __init__(self, lines: KeyLines, base: Path = Path(".")) -> None:
        self.lines = lines
        self.base = base                   # shots_file paths are relative to the job file
        self.problems: list[Problem] = []
        self.shot_files: dict[Path, list | None] = {}

    def report(self, path: tuple, message: str) -> None:
        self.problems.append(Problem(self.lines.line(path), message))

    def document(self, data: dict) -> list[SetJob]:
        self.unknown(data, ("defaults", "set"), (), "top-level key")
        defaults = data.get("defaults", {})
        if not isinstance(defaults, dict):
            self.report(("defaults",), "[defaults] must be a table")
            defaults = {}
        self.unknown(defaults, DEFAULT_KEYS, ("defaults",), "key in [defaults]")
        entries = data.get("set", [])
        if not isinstance(entries, list) or not entries:
            self.report(("set",), "no [[set]] table: declare at least one set with a prompt")
            return []
        sets = [self.set_job(i, entry, defaults) for i, entry in enumerate(entries)]
        return [s for s in sets if s is not None]

    def unknown(self, table: dict, allowed: tuple, path: tuple, what: str) -> None:
        for key in table:
            if key not in allowed:
                self.report(path + (key,), f"unknown {what} '{key}'; allowed: "
                                           f"{', '.join(allowed)}")

    def set_job(self, index: int, entry: Any, defaults: dict) -> SetJob | None:
        path = ("set", index)
        if not isinstance(entry, dict):
            self.report(path, "each set must be a table")
            return None
        self.unknown(entry, SET_KEYS, path, "set key")
        merged = {**BUILT_IN, **{k: v for k, v in defaults.items() if k in DEFAULT_KEYS}}
        get = _Getter(self, entry, defaults, path)
        prompt = get.string("prompt", required=True)
        seeds = get.many("seed", merged["seed"], self.seed)
        times = get.many("time_of_day", merged["time_of_day"], self.time_of_day)
        options = self.options(get, merged, path)
        paint = self.paint(entry.get("paint"), path + ("paint",))
        saved = self.shots_file(get, merged)
        shots = self.shots(entry.get("shot"), merged, defaults, path, saved)
        name = self.folder_name(get, "name") or _slug(prompt or f"set{index + 1}")
        if prompt is None or None in (seeds, times, options, shots) or paint is False:
            return None
        return SetJob(name, prompt, seeds, times, options, paint or None, shots,
                      self.lines.line(path))

    def options(self, get: _Getter, merged: dict, path: tuple) -> BuildOptions | None:
        values = {key: get.value(key, merged[key]) for key in
                  ("texture_size", "hdri_width", "texel_density", "backend")}
        ok = True
        for key, kind in (("texture_size", int), ("hdri_width", int)):
            ok &= self.typed(get.where(key), values[key], kind)
        ok &= self.typed(get.where("texel_density"), values["texel_density"], float)
        ok &= self.typed(get.where("backend"), values["backend"], str)
        if not ok:
            return None
        if values["backend"] not in BACKENDS:
            self.report(get.where("backend"), f"backend '{values['backend']}' is unknown; "
                        f"available: {', '.join(BACKENDS)} (AI painting: a 'paint' table)")
            return None
        ok = True
        for key, field_name in (("texture_size", "texture_size"), ("hdri_width", "hdri_width"),
                                ("texel_density", "texel_density")):
            try:                 # one field at a time, so each bad value is reported
                BuildOptions(**{field_name: values[key]}).validate()
            except InputError as exc:
                self.report(get.where(key), str(exc))
                ok = False
        if not ok:
            return None
        return BuildOptions(texture_size=values["texture_size"],
                            hdri_width=values["hdri_width"],
                            texel_density=float(values["texel_density"]),
                            sky_backend=values["backend"], material_backend=values["backend"])

    def folder_name(self, get: _Getter, key: str) -> str | None:
        """A name that becomes a file or folder name on every OS."""
        name = get.string(key)
        problem = None if name is None else portable_name_problem(name)
        if problem:
            self.report(get.where(key), problem)
            return None
        return name

    def typed(self, path: tuple, value: Any, kind: type) -> bool:
        good = (isinstance(value, kind) and not isinstance(value, bool)) or (
            kind is float and isinstance(value, int) and not isinstance(value, bool)
            and math.isfinite(value))
        if kind is float and isinstance(value, float) and not math.isfinite(value):
            good = False
        if not good:
            self.report(path, f"'{path[-1]}' must be {_KIND_WORDS[kind]}, not {value!r}")
        return good

    def seed(self, path: tuple, value: Any) -> int | None:
        if not self.typed(path, value, int):
            return None
        if limits.SEED.problem(value):
            self.report(path, limits.SEED.problem(value))
            return None
        return value

    def time_of_day(self, path: tuple, value: Any) -> str | None:
        if not self.typed(path, value, str):
            return None
        word = value.strip().lower().replace(" ", "_")
        if word not in TIMES_OF_DAY:
            self.report(path, f"time of day '{value}' is unknown; use one of "
                              f"{', '.join(TIMES_OF_DAY)}")
            return None
        return word

    def paint(self, value: Any, path: tuple) -> PaintJob | None | bool:
        if value is None:
            return None
        if not isinstance(value, dict):
            self.report(path, "'paint' must be a table, e.g. paint = { model = \"PATH\" }")
            return False
        self.unknown(value, PAINT_KEYS, path, "paint key")
        kinds = {"model": str, "controlnet": str, "config": str, "prompt": str,
                 "steps": int, "guidance": float, "seed": int}
        ok = all(self.typed(path + (k,), v, kinds[k]) for k, v in value.items() if k in kinds)
        if "model" not in value:
            self.report(path, "'paint' needs a model (a local diffusers folder or "
                              ".safetensors file)")
            ok = False
        if not ok:
            return False
        return PaintJob(**{k: v for k, v in value.items() if k in kinds})

    def shots_file(self, get: _Getter, merged: dict) -> _SavedShots | None | bool:
        """The set's shot list file: None when it names none, False when it is bad
        (reported once per file, however many sets use it)."""
        value = get.value("shots_file", merged["shots_file"])
        if value is None:
            return None
        where = get.where("shots_file")
        if not self.typed(where, value, str) or not value.strip():
            if isinstance(value, str):
                self.report(where, "'shots_file' is empty")
            return False
        from ..scout import shots as shotdata

        path = (self.base / Path(value.strip()).expanduser()).resolve()
        first = path not in self.shot_files
        if first:
            self.shot_files[path] = None
            file = path / shotdata.SHOTS_JSON if path.is_dir() else path
            if not file.is_file():
                self.report(where, f"shots_file '{value}' does not exist (resolved to "
                                   f"{file}); give a scouted set folder or its shots.json, "
                                   "relative to this job file")
            else:
                try:
                    self.shot_files[path] = shotdata.read_shot_file(file)
                except InputError as exc:
                    self.report(where, f"shots_file: {exc}")
        shots = self.shot_files[path]
        return False if shots is None else _SavedShots(value, shots)

    def shots(self, value: Any, merged: dict, defaults: dict, path: tuple,
              saved: _SavedShots | None | bool = None) -> tuple[ShotJob, ...] | None:
        if value is None:
            value = [{}]                      # the defaults' cameras
        if not isinstance(value, list):
            self.report(path + ("shot",), "'shot' must be an array of tables ([[set.shot]])")
            return None
        shots = [self.shot(entry, merged, defaults, path + ("shot", i), saved)
                 for i, entry in enumerate(value)]
        return None if None in shots else tuple(shots)

    def shot(self, entry: Any, merged: dict, defaults: dict, path: tuple,
             saved: _SavedShots | None | bool = None) -> ShotJob | None:
        if not isinstance(entry, dict):
            self.report(path, "each shot must be a table")
            return None
        self.unknown(entry, SHOT_KEYS, path, "shot key")
        line = self.lines.line(path)
        get = _Getter(self, entry, defaults, path)
        chosen: tuple[dict, ...] | None = ()
        sky = "saved"
        if "saved" in entry:
            if "camera" in entry:
                self.report(path + ("camera",), "a shot takes 'camera' (scout cameras) or "
                                                "'saved' (saved shots), not both")
            cameras: tuple | None = ()
            chosen = self.saved(path + ("saved",), entry["saved"], saved)
            sky = self.sky(path + ("sky",), entry.get("sky", "saved"))
        else:
            if "sky" in entry:
                self.report(path + ("sky",), "'sky' applies to saved shots only (a scout "
                                             "camera renders under its set's sky)")
                sky = None
            cameras = get.many("camera", merged["camera"], self.camera)
        resolution = self.resolution(get.where("resolution"),
                                     get.value("resolution", merged["resolution"]))
        samples = get.value("samples", merged["samples"])
        if self.typed(get.where("samples"), samples, int) and limits.SAMPLES.problem(samples):
            self.report(get.where("samples"), limits.SAMPLES.problem(samples))
            samples = None
        lens = get.value("lens_mm", merged["lens_mm"])
        if lens is not None and self.typed(get.where("lens_mm"), lens, float):
            if limits.LENS_MM.problem(lens):
                self.report(get.where("lens_mm"), limits.LENS_MM.problem(lens))
                lens = False
        elif lens is not None:
            lens = False
        name = self.folder_name(get, "name")
        exposure = self.exposure(get.where("exposure"), get.value("exposure", merged["exposure"]))
        stand_ins = self.stand_ins(path + ("stand_ins",), entry.get("stand_ins", []))
        if None in (cameras, resolution, chosen, sky, exposure, stand_ins) \
                or not isinstance(samples, int) or isinstance(samples, bool) or lens is False:
            return None
        return ShotJob(cameras, name, resolution, samples,
                       None if lens is None else float(lens), line, chosen, sky, exposure,
                       stand_ins)

    def stand_ins(self, path: tuple, value: Any) -> tuple[dict, ...] | None:
        """`stand_ins = [{ name = "ANNA", x = 0.4, y = -1.2, z = 0, facing_deg = 90 }]`:
        the figures a script scene stages, on the same marks in the farm's render."""
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.report(path, "'stand_ins' must be a list of tables, e.g. "
                              "[{ name = \"ANNA\", x = 0.4, y = -1.2, facing_deg = 90 }]")
            return None
        out = []
        for i, mark in enumerate(value):
            bad = sorted(set(mark) - set(STAND_IN_KEYS))
            name = mark.get("name")
            numbers = {k: mark.get(k, 0.0) for k in ("x", "y", "z", "facing_deg")}
            finite = all(isinstance(v, (int, float)) and not isinstance(v, bool)
                         and math.isfinite(v) for v in numbers.values())
            if bad or not isinstance(name, str) or not name.strip() or not finite \
                    or "x" not in mark or "y" not in mark:
                unknown = f"; unknown {', '.join(bad)}" if bad else ""
                self.report(path, f"stand-in {i + 1}: needs a name and numbers x, y (and "
                                  f"optionally z, facing_deg){unknown}")
                return None
            out.append({"character": name.strip(),
                        **{k: float(v) for k, v in numbers.items()}})
        return tuple(out)

    def exposure(self, path: tuple, value: Any) -> dict | None:
        """`exposure = { iso = ..., shutter = ..., ... }` (scout.exposure.request_from_table)."""
        from ..scout.exposure import request_from_table

        if value is None:
            return {}
        if not isinstance(value, dict):
            self.report(path, "'exposure' must be a table, e.g. { iso = 800, t_stop = 4 }")
            return None
        fields_out, problems = request_from_table(value)
        for key, message in problems:
            self.report(path + (key,) if key in value else path, message)
        return None if problems else fields_out

    def saved(self, path: tuple, value: Any, saved: _SavedShots | None | bool
              ) -> tuple[dict, ...] | None:
        """`saved = "all"`, a shot name or a list of names (as the storyboard's --shots:
        compared without case), each checked against the set's shots_file."""
        from ..scout import shots as shotdata

        names = value if isinstance(value, list) else [value]
        if not names or not all(isinstance(n, str) and n.strip() for n in names):
            self.report(path, f"'saved' must be \"{SAVED_ALL}\", a shot name or a list of "
                              f"shot names, not {value!r}")
            return None
        if saved is None:
            self.report(path, "'saved' needs a shots_file in its [[set]] or [defaults]: a "
                              "scouted set folder or its shots.json")
            return None
        if saved is False:
            return None                   # the file's problem is reported at its line
        wanted = SAVED_ALL if [n.strip().lower() for n in names] == [SAVED_ALL] else names
        if wanted != SAVED_ALL and any(n.strip().lower() == SAVED_ALL for n in names):
            self.report(path, f"'{SAVED_ALL}' cannot be mixed with shot names")
            return None
        if len({n.strip().casefold() for n in names}) != len(names):
            self.report(path, "'saved' lists a shot twice")
            return None
        try:
            chosen = shotdata.select(saved.shots, wanted if wanted == SAVED_ALL
                                     else ",".join(n.strip() for n in names))
        except InputError as exc:
            self.report(path, f"shots_file '{saved.label}': {exc}")
            return None
        ok = True
        for shot in chosen:               # a hand-edited file: its package must exist
            try:
                shotdata.check_renderable(shot)
            except InputError as exc:
                self.report(path, f"saved shot '{shot.name}' cannot be rendered: {exc}")
                ok = False
        if not ok:
            return None
        return tuple(_shot_data(shot) for shot in chosen)

    def sky(self, path: tuple, value: Any) -> str | None:
        if not isinstance(value, str) or value.strip().lower() not in SKY_CHOICES:
            self.report(path, f"'sky' must be \"saved\" (each shot's own time of day) or "
                              f"\"set\" (the set's sky), not {value!r}")
            return None
        return value.strip().lower()

    def camera(self, path: tuple, value: Any) -> str | None:
        if not self.typed(path, value, str) or not value.strip():
            if isinstance(value, str):
                self.report(path, "a camera name cannot be empty")
            return None
        return value.strip()

    def resolution(self, path: tuple, value: Any) -> tuple[int, int] | None:
        if isinstance(value, str):
            try:
                width, height = (int(v) for v in value.lower().split("x"))
            except ValueError:
                self.report(path, f"resolution '{value}' is not WIDTHxHEIGHT, e.g. 1920x1080")
                return None
        elif (isinstance(value, list) and len(value) == 2
              and all(isinstance(v, int) and not isinstance(v, bool) for v in value)):
            width, height = value
        else:
            self.report(path, f"resolution must be \"WIDTHxHEIGHT\" or [width, height], "
                              f"not {value!r}")
            return None
        if limits.IMAGE_SIDE.problem(width) or limits.IMAGE_SIDE.problem(height):
            self.report(path, f"resolution {width}x{height} is impossible: each side must "
                              f"be {limits.IMAGE_SIDE.rules}")
            return None
        return width, height


@dataclass
class _SavedShots:
    label: str                      # the shots_file as written
    shots: list                     # scout/shots.py Shot, in the file's order


def _shot_data(shot) -> dict:
    """What decides a saved shot's render (its note and thumbnail do not)."""
    data = asdict(shot)
    for key in ("note", "thumbnail"):
        data.pop(key, None)
    data["location"] = list(data["location"])
    data["rotation_deg"] = list(data["rotation_deg"])
    return data


class _Getter:
    """A set or shot value: its own key, else [defaults], else the built-in default."""

    def __init__(self, checker: _Checker, entry: dict, defaults: dict, path: tuple) -> None:
        self.checker, self.entry, self.defaults, self.path = checker, entry, defaults, path

    def where(self, key: str) -> tuple:
        if key in self.entry or key not in self.defaults:
            return self.path + (key,)
        return ("defaults", key)

    def value(self, key: str, default: Any) -> Any:
        return self.entry.get(key, default)

    def string(self, key: str, required: bool = False) -> str | None:
        if key not in self.entry:
            if required:
                self.checker.report(self.path, f"this set has no '{key}'")
            return None
        value = self.entry[key]
        if not self.checker.typed(self.where(key), value, str):
            return None
        if not value.strip():
            self.checker.report(self.where(key), f"'{key}' is empty")
            return None
        return value.strip()

    def many(self, key: str, default: Any, check) -> tuple | None:
        """A scalar or a non-empty list of them, each checked."""
        value = self.value(key, default)
        if value is None:
            return (None,)
        path = self.where(key)
        values = value if isinstance(value, list) else [value]
        if not values:
            self.checker.report(path, f"'{key}' is an empty list")
            return None
        checked = [check(path, v) for v in values]
        if any(c is None for c in checked):
            return None
        if len(set(checked)) != len(checked):
            self.checker.report(path, f"'{key}' lists a value twice")
            return None
        return tuple(checked)


_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")


def portable_name_problem(name: str) -> str | None:
    """Why `name` cannot be a file or folder name on Windows, macOS and Linux alike
    (None when it can): letters, digits, '-', '_', '.' (not first), no trailing dot
    or space, not a Windows device name."""
    if not _NAME.match(name):
        return (f"name '{name}' cannot be a file name: use letters, digits, '-', '_' and "
                "'.' (not first), at most 80 characters")
    if name.endswith((".", " ")):
        return f"name '{name}' ends with a dot, which Windows drops: remove it"
    if windows_device(name):
        return (f"name '{name}' is a device name on Windows ({name.split('.')[0].upper()}) "
                "and cannot be a file there: choose another")
    return None
_KIND_WORDS = {int: "a whole number", float: "a number", str: "a string"}


def _slug(text: str, limit: int = 40, empty: str = "set") -> str:
    """A folder or file name from a prompt or a shot name: ascii words joined by '-',
    at most `limit` characters ("Hero low angle" -> "hero-low-angle")."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words)[:limit].strip("-") or empty


def shot_slug(name: str) -> str:
    """A saved shot's output name (DIR/<set>/<slug>.png)."""
    return _slug(name, limit=64, empty="shot")

