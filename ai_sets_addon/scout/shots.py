"""The shot list as data: what "Save shot" keeps, and `shots.json` in the set folder.

    shots.json        {"format": "ai-sets/shots", "version": 1, "shots": [Shot...]}
    shots/NAME.png    each shot's thumbnail (NAME = the shot's file stem)

Both are written through `setfile.revise`: a new revision of the set folder, published
whole with a manifest, so a farm task or the storyboard renderer never reads half a
shot list. The order of `shots` is the order of the list (and of the storyboard).
"""

from __future__ import annotations

import math
import os
import re
import shutil
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from ..core import readers
from ..core.errors import InputError
from ..core.fileio import atomic_path, write_json
from ..model.plan import CameraPlan, SkyRequest
from . import cameras

SHOTS_JSON = "shots.json"
SHOTS_DIR = "shots"
FORMAT = readers.SHOTS_FORMAT
VERSION = readers.SHOTS_VERSION
NAME_MAX = 48
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._-]*$")


@dataclass
class Shot:
    """One kept frame: the camera package, where it stands, the hour and a note."""

    name: str
    body: str = "super35"
    lens_mm: float = 35.0
    squeeze: float = 1.0
    zoom: str = ""                       # cameras.ZOOMS key when shot on a zoom
    frame_line: str = ""
    focus_distance_m: float = 0.0
    t_stop: float = 0.0
    # Exposure (scout/exposure.py); None = picked as an operator would for the frame.
    iso: float | None = None
    shutter_angle_deg: float | None = None
    shutter_s: float | None = None
    nd: float | None = None
    white_balance_k: float | None = None  # None = auto from the key light
    tint: float = 0.0
    lens_family: str = ""                 # cameras.LENS_FAMILIES key; "" = from the package
    location: tuple[float, float, float] = (0.0, 0.0, 1.6)
    rotation_deg: tuple[float, float, float] = (90.0, 0.0, 0.0)   # XYZ Euler, degrees
    hour: float = 15.0                   # local clock time
    place: str = ""                      # city label, when chosen by name
    sky: dict[str, Any] = field(default_factory=dict)    # SkyRequest fields
    sun_elevation_deg: float | None = None
    sun_azimuth_deg: float | None = None
    note: str = ""
    thumbnail: str = ""                  # relative to the set folder

    @property
    def stem(self) -> str:
        return shot_stem(self.name)

    @property
    def aspect_label(self) -> str:
        cap = cameras.capture(self.body, self.lens_mm, self.squeeze)
        text = f"{cap.aspect:.2f}:1"
        return f"{text}, lines {self.frame_line}" if self.frame_line else text

    @property
    def camera_label(self) -> str:
        lens = cameras.capture(self.body, self.lens_mm, self.squeeze).lens_mm
        return f"{cameras.body(self.body).name}, {cameras.lens_label(lens, self.squeeze, self.zoom)}"

    def exposure_request(self):
        """What the shot fixed of its exposure (scout.exposure.Request). Its T-stop is
        fixed when ISO and ND are (a manual shot); otherwise it is the stop the depth of
        field wants and auto may move the iris to land the exposure."""
        from .exposure import Request

        manual = self.iso is not None and self.nd is not None
        return Request(iso=self.iso, shutter_angle_deg=self.shutter_angle_deg,
                       shutter_s=self.shutter_s, nd=self.nd,
                       t_stop=self.t_stop if manual and self.t_stop > 0 else None,
                       white_balance_k=self.white_balance_k, tint=self.tint)

    @property
    def exposure_label(self) -> str:
        """'ISO 800, 180°, T2.8, ND 0.6, 5600 K' as saved ('auto' where not fixed)."""
        shutter = (f"1/{1 / self.shutter_s:.0f} s" if self.shutter_s else
                   f"{self.shutter_angle_deg:g}°" if self.shutter_angle_deg else "auto")
        parts = [f"ISO {self.iso:g}" if self.iso else "ISO auto", shutter,
                 f"T{self.t_stop:g}" if self.t_stop else "T auto",
                 f"ND {self.nd:.1f}" if self.nd is not None else "ND auto",
                 f"{self.white_balance_k:.0f} K" if self.white_balance_k else "WB auto"]
        return ", ".join(parts)

    def sky_request(self) -> SkyRequest:
        known = {f.name for f in fields(SkyRequest)}
        return SkyRequest(**{k: v for k, v in self.sky.items() if k in known})

    def forward(self) -> tuple[float, float, float]:
        """Where the camera looks (its -Z axis) from the XYZ Euler angles."""
        rx, ry, rz = (math.radians(a) for a in self.rotation_deg)
        cx, sx, cy, sy, cz, sz = (math.cos(rx), math.sin(rx), math.cos(ry), math.sin(ry),
                                  math.cos(rz), math.sin(rz))
        # third column of R = Rz Ry Rx, negated
        col = (cz * sy * cx + sz * sx, sz * sy * cx - cz * sx, cy * cx)
        return (-col[0], -col[1], -col[2])

    def camera_plan(self, target_distance_m: float = 10.0) -> CameraPlan:
        """The shot as a set camera (aimed `target_distance_m` ahead, or at the focus)."""
        distance = self.focus_distance_m or target_distance_m
        target = tuple(p + d * distance for p, d in zip(self.location, self.forward()))
        return CameraPlan(self.name, tuple(self.location), target, shot="saved",
                          **cameras.camera_fields(self.body, self.lens_mm, self.squeeze,
                                                  self.frame_line, self.focus_distance_m,
                                                  self.t_stop))


def rotation_towards(location, target) -> tuple[float, float, float]:
    """XYZ Euler (degrees) that aims a camera from `location` at `target`, world +Z up
    (Blender's to_track_quat('-Z', 'Y'), roll-free)."""
    dx, dy, dz = (t - l for t, l in zip(target, location))
    flat = math.hypot(dx, dy)
    tilt = math.degrees(math.atan2(flat, -dz))        # 0 = looking down, 90 = level
    pan = math.degrees(math.atan2(dy, dx)) - 90.0
    return (round(tilt, 6), 0.0, round(pan, 6))


def shot_from_plan(plan: CameraPlan, hour: float = 15.0, sky: SkyRequest | None = None,
                   note: str = "") -> Shot:
    """A set's scout camera as a shot (the storyboard's list when none was saved)."""
    body = plan.body or "super35"
    lens = plan.lens_mm
    return Shot(name=plan.name, body=body, lens_mm=lens, squeeze=plan.squeeze or 1.0,
                frame_line=plan.frame_line, focus_distance_m=plan.focus_distance_m,
                t_stop=plan.t_stop, location=tuple(plan.location),
                rotation_deg=rotation_towards(plan.location, plan.target), hour=hour,
                sky=asdict(sky) if sky else {}, note=note or plan.shot)


def shot_stem(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name.strip()).strip("._") or "shot"


def check_name(name: str, taken: list[str] = ()) -> str:
    """A shot name as typed, trimmed; InputError says why one is refused."""
    clean = name.strip()
    if not clean:
        raise InputError("a shot needs a name (letters, digits, spaces, . _ -)")
    if len(clean) > NAME_MAX:
        raise InputError(f"shot name '{clean[:20]}...' is longer than {NAME_MAX} characters")
    if not _NAME_RE.match(clean):
        raise InputError(f"shot name '{clean}' may only use letters, digits, spaces and "
                         ". _ - (and must start with a letter or digit)")
    if readers.windows_device(shot_stem(clean)):
        raise InputError(f"shot name '{clean}' is a device name on Windows and cannot name "
                         "its thumbnail there; choose another")
    stems = {shot_stem(t).casefold() for t in taken}
    if shot_stem(clean).casefold() in stems:
        raise InputError(f"there is already a shot called '{clean}' (names are compared "
                         "without case); choose another")
    return clean


def select(shots: list[Shot], wanted: str) -> list[Shot]:
    """`all` or a comma-separated list of names (in the order given)."""
    if not shots:
        raise InputError("the shot list is empty: save a shot first (or use a set that "
                         "has scout cameras)")
    if wanted.strip().lower() in ("", "all"):
        return list(shots)
    by_name = {s.name.casefold(): s for s in shots}
    chosen, missing = [], []
    for name in (n.strip() for n in wanted.split(",") if n.strip()):
        (chosen.append(by_name[name.casefold()]) if name.casefold() in by_name
         else missing.append(name))
    if missing:
        raise InputError(f"no shot called {', '.join(repr(m) for m in missing)}; the set "
                         f"has: {', '.join(s.name for s in shots)}")
    if not chosen:
        raise InputError("--shots names no shot; give 'all' or NAME[,NAME...]")
    return chosen


# ----------------------------------------------------------------------------- files

def read_shots(folder: Path) -> list[Shot]:
    """The set's saved shots ([] when it has none); InputError on a damaged file."""
    path = Path(folder) / SHOTS_JSON
    if not os.path.lexists(path):
        return []
    fields = readers.Fields(path, "shot list", readers.SHOTS_ADVICE)
    readers.inside(Path(folder), SHOTS_JSON, fields, SHOTS_JSON)  # not a symlink out
    return read_shot_file(path)


def read_shot_file(path: Path) -> list[Shot]:
    """A shot list file (a set folder's shots.json, or a copy of one under any name),
    checked by the one reader (core/readers.py); InputError on a missing or
    damaged file, naming the field."""
    from ..core import readers

    path = Path(path)
    entries = readers.read_shot_list(path)
    try:
        return [shot_from_dict(s) for s in entries]
    except (ValueError, TypeError) as exc:
        raise InputError(f"'{path}' cannot be read ({exc}); save the shots again") from None


def check_renderable(shot: Shot) -> None:
    """InputError unless a (perhaps hand-edited) shot names a known camera package,
    frame line and sky, and a finite location and rotation."""
    try:
        cameras.capture(shot.body, shot.lens_mm, shot.squeeze)
        if shot.lens_family:
            cameras.lens_family(shot.lens_family)
        shot.exposure_request()
        if shot.iso is not None or shot.nd is not None:
            from .exposure import Settings

            Settings(iso=shot.iso or 800.0, nd=shot.nd or 0.0,
                     shutter_angle_deg=shot.shutter_angle_deg or 180.0,
                     shutter_s=shot.shutter_s or 0.0, t_stop=shot.t_stop or 2.8)
        if shot.frame_line:
            cameras.frame_line_box(1.0, shot.frame_line)
        numbers = [*shot.location, *shot.rotation_deg]
        if len(numbers) != 6 or not all(
                isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
                for v in numbers):
            raise InputError("location and rotation_deg need three numbers each")
        shot.sky_request()
    except (TypeError, ValueError, AttributeError) as exc:
        raise InputError(str(exc)) from None


def shot_from_dict(data: dict[str, Any]) -> Shot:
    known = {f.name for f in fields(Shot)}
    values = {k: tuple(v) if k in ("location", "rotation_deg") else v
              for k, v in data.items() if k in known}
    return Shot(**values)


def shots_json(shots: list[Shot]) -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION, "shots": [asdict(s) for s in shots]}


def write_shots(folder: Path, shots: list[Shot], thumbnails: dict[str, Path],
                note: str = "shots") -> Path:
    """A new revision of the set folder with this shot list: `thumbnails` maps shot
    names to PNGs to copy in (others keep theirs); thumbnails of shots no longer in the
    list leave the folder."""
    from ..setfile import revise

    with revise(Path(folder), note) as writer:
        stage = writer.path
        (stage / SHOTS_DIR).mkdir(exist_ok=True)
        for shot in shots:
            if shot.name in thumbnails:
                rel = f"{SHOTS_DIR}/{shot.stem}.png"
                with atomic_path(stage / rel) as tmp:
                    shutil.copyfile(thumbnails[shot.name], tmp)
                shot.thumbnail = rel
        keep = {s.thumbnail for s in shots}
        for old in (stage / SHOTS_DIR).glob("*.png"):
            if f"{SHOTS_DIR}/{old.name}" not in keep:
                old.unlink()          # a hard link in the staging copy: the set is untouched
        write_json(stage / SHOTS_JSON, shots_json(shots))
    return Path(folder) / SHOTS_JSON
