"""What the crew gets besides pictures: shots.csv, the .otio timeline, the batch job file.

All written through temporary names; the job file is validated by the batch's own
reader (farm/jobfile.py) before it is kept.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from ...core.fileio import atomic_path
from .. import cameras
from ..daylight import hour_label
from .coverage import FPS, PlacedShot
from .floor import Mark
from .screenplay import Scene

CSV_COLUMNS = ("scene", "shot", "INT/EXT", "location", "time", "size", "angle", "movement",
               "lens mm", "camera body", "characters", "description",
               "estimated duration")


@dataclass
class SceneShots:
    """A scene with its placed shots and where its files are (relative to DIR)."""

    scene: Scene
    location_slug: str
    shots: list[PlacedShot]
    frames: list[str]             # frames/..png per shot ("" when not rendered)
    plot: str                     # plots/NN_overhead.png
    marks: list[Mark] = field(default_factory=list)   # the stand-ins' marks


@dataclass
class JobSet:
    """One location in the batch job: the script's set, and its scenes' shots."""

    slug: str
    prompt: str
    seed: int
    shots_file: str               # shots/NN_location.json, relative to the job file
    time_of_day: str              # the set's (its first scene's)
    scenes: list[SceneShots]


def _write_text(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="")
    return path


def csv_rows(scenes: list[SceneShots]) -> list[dict[str, str]]:
    rows = []
    for item in scenes:
        scene = item.scene
        for placed in item.shots:
            spec, shot = placed.spec, placed.shot
            rows.append({
                "scene": scene.number, "shot": spec.code, "INT/EXT": scene.int_ext or "-",
                "location": scene.location,
                "time": f"{scene.time_label} ({hour_label(scene.hour)})",
                "size": spec.size, "angle": spec.angle, "movement": spec.movement,
                "lens mm": f"{shot.lens_mm:g}", "camera body": cameras.body(shot.body).name,
                "characters": ", ".join(spec.subjects), "description": spec.description,
                "estimated duration": f"{spec.seconds:.1f}"})
    return rows


def write_csv(path: Path, scenes: list[SceneShots]) -> Path:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(csv_rows(scenes))
    return _write_text(Path(path), buffer.getvalue())


def timeline(scenes: list[SceneShots], title: str):
    """One clip per shot in script order, its length from the scene's eighths, a marker
    at each scene's first clip, each clip's media the storyboard frame."""
    otio = _otio()

    tl = otio.schema.Timeline(name=title)
    track = otio.schema.Track(name="Storyboard", kind=otio.schema.TrackKind.Video)
    tl.tracks.append(track)
    for item in scenes:
        scene = item.scene
        for i, placed in enumerate(item.shots):
            spec = placed.spec
            duration = otio.opentime.RationalTime(spec.frames, FPS)
            media = otio.schema.ExternalReference(
                target_url=item.frames[i] if i < len(item.frames) and item.frames[i] else "",
                available_range=otio.opentime.TimeRange(
                    otio.opentime.RationalTime(0, FPS), duration)) \
                if i < len(item.frames) and item.frames[i] else otio.schema.MissingReference()
            clip = otio.schema.Clip(name=f"{spec.code} {spec.size}", media_reference=media,
                                    source_range=otio.opentime.TimeRange(
                                        otio.opentime.RationalTime(0, FPS), duration))
            clip.metadata["ai_sets"] = {"scene": scene.number, "shot": spec.code,
                                        "lens_mm": placed.shot.lens_mm,
                                        "body": placed.shot.body,
                                        "description": spec.description}
            if i == 0:
                clip.markers.append(otio.schema.Marker(
                    name=f"{scene.number} {scene.heading.text}",
                    marked_range=otio.opentime.TimeRange(
                        otio.opentime.RationalTime(0, FPS), otio.opentime.RationalTime(1, FPS)),
                    color=otio.schema.MarkerColor.RED))
            track.append(clip)
    return tl


def write_timeline(path: Path, scenes: list[SceneShots], title: str) -> Path:
    otio = _otio()

    return _write_text(Path(path), otio.adapters.write_to_string(timeline(scenes, title),
                                                                 "otio_json"))


def job_text(locations: list[JobSet], resolution: tuple[int, int], samples: int,
             texture_size: int, hdri_width: int) -> str:
    """The batch job: per location the same set as the script built, rendered from every
    saved shot under its own hour's sky, one [[set.shot]] per scene with that scene's
    stand-ins on their marks (as its storyboard frames show them)."""
    lines = ["# ai-sets batch jobs.toml --out renders   (written by `ai-sets script`)",
             "# Every shot of the script at full size: one set per location, each shot",
             "# under its own scene's sky, its scene's stand-ins on their marks.", "",
             "[defaults]", f"texture_size = {texture_size}", f"hdri_width = {hdri_width}",
             f'resolution = "{resolution[0]}x{resolution[1]}"', f"samples = {samples}", ""]
    for loc in locations:
        lines += ["[[set]]", f"name = {_toml(loc.slug)}", f"prompt = {_toml(loc.prompt)}",
                  f"seed = {loc.seed}", f"time_of_day = {_toml(loc.time_of_day)}",
                  f"shots_file = {_toml(loc.shots_file)}", ""]
        for item in loc.scenes:
            if not item.shots:
                continue
            names = ", ".join(_toml(p.shot.name) for p in item.shots)
            lines += [f"  # scene {item.scene.number}: {item.scene.heading.text}",
                      "  [[set.shot]]", f"  saved = [{names}]", '  sky = "saved"',
                      f"  stand_ins = [{', '.join(_stand_in(m) for m in item.marks)}]", ""]
    return "\n".join(lines)


def _stand_in(mark: Mark) -> str:
    x, y, z, facing = (float(v) for v in (mark.x, mark.y, mark.z, mark.facing_deg))
    return (f"{{ name = {_toml(mark.character)}, x = {x!r}, y = {y!r}, z = {z!r}, "
            f"facing_deg = {facing!r} }}")


def _toml(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def write_jobs(path: Path, text: str, check=None) -> Path:
    """Write the job file and read it back with `check`, the batch's validator
    (farm.jobfile.load, handed in by the command: the farm sits above this layer), which
    raises InputError listing the problems if the batch could not run it."""
    _write_text(Path(path), text)
    if check is not None:
        check(Path(path))
    return Path(path)


def _otio():
    try:
        import opentimelineio
    except ImportError:
        from ...core.errors import InputError
        from .screenplay import NEEDS_SCRIPT_EXTRA

        raise InputError(NEEDS_SCRIPT_EXTRA.format(what="writing the .otio timeline",
                                                   package="opentimelineio")) from None
    return opentimelineio
