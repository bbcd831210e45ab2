"""A script as work: its locations (sets) and scenes (shots), with the fingerprints
that let a re-run skip what has not changed, and the dry-run table."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from collections.abc import Callable
from pathlib import Path

from .coverage import ShotSpec, cover
from .locations import LocationSet, group_scenes
from .screenplay import Screenplay, read_script

RECORD = "script.json"
FORMAT = "ai-sets/script"
VERSION = 1
# The script module's own version: bump it when the same script and options would make
# other sets, marks, shots, frames or plots, so a re-run after the upgrade redoes them.
SCRIPT_CODE_VERSION = 2


def code_stamp(addon_version: str) -> str:
    """The code that made a run's files: the add-on's version and the script module's.
    Part of every fingerprint: a re-run after an upgrade rebuilds and re-renders."""
    return f"ai_sets {addon_version}, script {SCRIPT_CODE_VERSION}"


@dataclass
class ScriptOptions:
    seed: int = 0
    body: str = "alexa35"
    resolution: tuple[int, int] = (960, 540)
    samples: int = 16
    texture_size: int = 1024
    hdri_width: int = 2048
    job_resolution: tuple[int, int] = (1920, 1080)
    job_samples: int = 128
    # the batch's job-file validator (farm.jobfile.load), handed in by the CLI or operator
    check_jobs: Callable[[Path], object] | None = field(default=None, compare=False, repr=False)

    def set_options(self) -> dict:
        return {"texture_size": self.texture_size, "hdri_width": self.hdri_width}


@dataclass
class ScriptProject:
    play: Screenplay
    locations: list[LocationSet]
    coverage: dict[int, list[ShotSpec]] = field(default_factory=dict)   # scene index ->

    @classmethod
    def read(cls, path: Path) -> ScriptProject:
        play = read_script(Path(path))
        project = cls(play, group_scenes(play.scenes))
        project.coverage = {s.index: cover(s) for s in play.scenes}
        return project

    def location_of(self, scene_index: int) -> LocationSet:
        return next(loc for loc in self.locations
                    if any(s.index == scene_index for s in loc.scenes))


def scene_fingerprint(set_print: str, scene, specs: list[ShotSpec], options: ScriptOptions,
                      code: str) -> str:
    """What decides a scene's frames and plot: same fingerprint, not re-rendered."""
    data = json.dumps({"set": set_print, "code": code, "heading": scene.heading.text,
                       "chars": scene.characters, "time": [scene.time_of_day, scene.hour],
                       "specs": [asdict(s) for s in specs], "body": options.body,
                       "resolution": list(options.resolution), "samples": options.samples},
                      sort_keys=True)
    return hashlib.sha256(data.encode()).hexdigest()[:16]


def read_record(out_dir: Path) -> dict:
    """The previous run's record in DIR ({} when there is none or it is unreadable)."""
    try:
        data = json.loads((Path(out_dir) / RECORD).read_text(encoding="utf-8"))
        return data if data.get("format") == FORMAT else {}
    except (OSError, ValueError, AttributeError):
        return {}


def is_script_output(folder: Path) -> bool:
    """A folder `ai-sets script` wrote (safe to replace with a new run's)."""
    return bool(read_record(folder))


def dry_run_table(project: ScriptProject, options: ScriptOptions) -> str:
    """The scenes, their sets and their shots as text (nothing is built)."""
    from .. import cameras

    body = cameras.body(options.body).name
    lines = [f"{project.play.title}: {len(project.play.scenes)} scene(s), "
             f"{len(project.locations)} location(s) = set(s)", ""]
    for loc in project.locations:
        scenes = ", ".join(s.number for s in loc.scenes)
        lines.append(f"set {loc.slug}: \"{loc.prompt}\" (scenes {scenes})")
        lines += [f"  notice: {n}" for n in loc.notices]
    for scene in project.play.scenes:
        lines += ["", f"{scene.number}  {scene.heading.text}   [line {scene.line}; "
                      f"{scene.time_label} {scene.time_of_day} {scene.hour:g}h; "
                      f"{scene.length_label} page; {', '.join(scene.characters) or 'nobody'}]"]
        for spec in project.coverage[scene.index]:
            who = ", ".join(spec.subjects) or "-"
            lines.append(f"  {spec.code:<5} {spec.size:<7} {spec.angle:<10} "
                         f"{spec.lens_mm:>5g} mm  {body:<22} {spec.seconds:5.1f} s  {who:<20} "
                         f"{spec.description[:60]}")
    return "\n".join(lines)
