"""Storyboard: every shot rendered from the set and laid out on contact sheets.

    render_storyboard(scene, shots, out_dir, resolution, samples) -> Storyboard
    storyboard_from_source(SET, out_dir, ...)   headless: a set folder or a .blend

Each frame is rendered at the shot's own (desqueezed) aspect fitted inside
`resolution`, with its camera package, under the sky of its hour (a 1024 px sky made
in a scratch folder when the hour differs from the set's; the set folder is never
changed), practicals switched for that sun, metered for that frame, and its frame
lines burned in. Files in OUT: frames/NN_NAME.png, storyboard_NN.png, storyboard.pdf,
storyboard.json (what was rendered, with sun and exposure per frame).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

import bpy

from ..core.errors import InputError
from ..core.fileio import write_json
from ..scout import daylight as daylight_rules
from ..scout import shots as shotdata
from ..scout.cameras import fit_inside
from ..scout.sheets import SheetFrame, write_sheets
from .camera import burn_frame_lines, place_shot
from .daylight import set_folder, switch_practicals
from .steps import run_steps

SKY_WIDTH = 1024
CAMERA_NAME = "AI Sets Storyboard"
RECORD = "storyboard.json"


@dataclass
class Storyboard:
    frames: list[Path]
    pages: list[Path]
    pdf: Path
    record: Path
    shots: list[shotdata.Shot] = field(default_factory=list)


def captions(shot: shotdata.Shot, key_light: str | None, exposure: str = "") -> list[str]:
    when = daylight_rules.hour_label(shot.hour)
    where = shot.place or ""
    date = (shot.sky.get("datetime_iso") or "")[:10]
    if not date:
        when = f"{when} ({shot.sky.get('time_of_day', 'set sky').replace('_', ' ')})" \
            if shot.sky else when
    sun = f", {key_light}" if key_light else ""
    time_line = " ".join(p for p in (when, where, date) if p) + sun
    aspect = f"aspect {shot.aspect_label}" + (f" · {exposure}" if exposure else "")
    return [shot.camera_label, aspect, time_line, shot.note or "—"]


def exposure_caption(block: dict) -> str:
    """'ISO 800 T4 ND0.6 5600K' from a render block ('' if none); the shutter only when
    it is not the usual 180° (e.g. 'ISO 800 90° T4 5600K', 'ISO 100 1/500s T8 5600K')."""
    if not block:
        return ""
    s = block["settings"]
    shutter = f" 1/{1 / s['shutter_s']:.0f}s" if s["shutter_s"] else (
        "" if s["shutter_angle_deg"] == 180 else f" {s['shutter_angle_deg']:g}°")
    nd = f" ND{s['nd']:.1f}" if s["nd"] else ""
    return (f"ISO {s['iso']:g}{shutter} T{s['t_stop']:.2g}{nd} "
            f"{block['white_balance']['kelvin']:.0f}K")


def render_storyboard(scene: bpy.types.Scene, shots: list[shotdata.Shot], out_dir: Path,
                      resolution: tuple[int, int] = (960, 540), samples: int = 16,
                      set_name: str = "", progress=None) -> Storyboard:
    """Render the whole storyboard now (headless, tests); the panel steps
    `storyboard_steps` from a modal operator instead."""
    steps = storyboard_steps(scene, shots, out_dir, resolution, samples, set_name)
    return run_steps(steps, progress)


def storyboard_steps(scene: bpy.types.Scene, shots: list[shotdata.Shot], out_dir: Path,
                     resolution: tuple[int, int] = (960, 540), samples: int = 16,
                     set_name: str = "") -> Iterator[tuple[float, str]]:
    """Yield (fraction, message) before each frame; return the Storyboard.

    OUT is whole or absent, as a set folder is: one run at a time (a lock), everything
    rendered into a staging folder beside it and swapped in at the end; closing the
    generator early (Esc) or an error leaves the previous storyboard and the scene as
    they were."""
    from ..setfile import read_set, reading
    from ..setfile.folder import SetWriter
    from .scene.builder import current_set

    if not shots:
        raise InputError("the shot list is empty: save a shot first (or give a set with "
                         "scout cameras)")
    folder = set_folder(scene)
    if current_set(scene) is None or folder is None:
        raise InputError("the scene holds no AI set to storyboard; generate or open one")
    out_dir = Path(out_dir).expanduser().absolute()
    with reading(folder), SetWriter(out_dir, owned=is_storyboard) as writer, \
            _storyboard_camera(scene, doc := read_set(folder)) as (cam, skies):
        staging = writer.path
        (staging / "frames").mkdir()
        records, sheet = [], []
        for index, shot in enumerate(shots):
            yield index / len(shots), f"rendering {shot.name} ({index + 1}/{len(shots)})"
            sky = skies.use(scene, shot, writer.work_dir)
            record, frame = _render_shot(scene, cam, sky, shot, index, staging,
                                         resolution, samples, writer.work_dir)
            records.append(record)
            sheet.append(frame)
        yield 0.95, "laying out the contact sheets"
        name = set_name or doc.plan.name
        date = time.strftime("%Y-%m-%d")
        pages, pdf = write_sheets(sheet, name, date, staging)
        write_json(staging / RECORD, {
            "set": name, "date": date, "set_folder": str(folder),
            "resolution": list(resolution), "samples": samples,
            "pages": [p.name for p in pages], "pdf": pdf.name, "frames": records})
        writer.commit({"kind": "storyboard", "set": name, "shots": len(shots)})
    frames = [out_dir / f.image.relative_to(staging) for f in sheet]
    return Storyboard(frames, [out_dir / p.name for p in pages], out_dir / pdf.name,
                      out_dir / RECORD, list(shots))


def is_storyboard(folder: Path) -> bool:
    """A folder this module wrote (safe to replace with a new storyboard)."""
    return (folder / RECORD).is_file()


@dataclass
class _Skies:
    """Each shot's sky, made once per distinct sky request (1024 px, scratch files)."""

    doc: object
    made: dict[str, object] = field(default_factory=dict)
    current: str = ""

    def __post_init__(self) -> None:
        self.current = self._key(self.doc.plan.sky)
        self.made[self.current] = self.doc.sky

    @staticmethod
    def _key(request) -> str:
        return json.dumps(asdict(request), sort_keys=True)

    def use(self, scene: bpy.types.Scene, shot: shotdata.Shot, scratch: Path):
        from .scene.builder import replace_sky

        key = self._key(shot.sky_request()) if shot.sky else self.current
        if key not in self.made:
            path = scratch / f"sky_{len(self.made)}.exr"
            self.made[key] = daylight_rules.shot_sky(shot.sky_request(), SKY_WIDTH, path)
        if key != self.current:
            replace_sky(scene, self.made[key], meter=False)
            self.current = key
        return self.made[key]

    def restore(self, scene: bpy.types.Scene) -> None:
        from .scene.builder import replace_sky

        if self.current != self._key(self.doc.plan.sky):
            replace_sky(scene, self.doc.sky, meter=False)
        switch_practicals(scene, daylight_rules.sun_elevation(self.doc.sky))


@contextmanager
def _storyboard_camera(scene: bpy.types.Scene, doc) -> Iterator[tuple[bpy.types.Object, _Skies]]:
    """A storyboard camera and the shots' skies for the block; the scene's camera,
    exposure, resolution, sky and practicals are put back however the block ends."""
    from .scene.render import render_block

    saved = (scene.camera, scene.view_settings.exposure, scene.render.resolution_x,
             scene.render.resolution_y, scene.render.pixel_aspect_x)
    exposed = render_block(scene)
    cam = bpy.data.objects.new(CAMERA_NAME, bpy.data.cameras.new(CAMERA_NAME))
    cam.data.clip_start, cam.data.clip_end = 0.05, 5000.0
    scene.collection.objects.link(cam)
    scene.camera = cam
    skies = _Skies(doc)
    try:
        yield cam, skies
    finally:
        (scene.camera, scene.view_settings.exposure, scene.render.resolution_x,
         scene.render.resolution_y, scene.render.pixel_aspect_x) = saved
        data = cam.data
        bpy.data.objects.remove(cam)
        bpy.data.cameras.remove(data)
        skies.restore(scene)
        _expose_again(scene, exposed)


def _expose_again(scene: bpy.types.Scene, block: dict) -> None:
    """The scene camera's own white balance, look and lens back (no new metering)."""
    from .scene.render import expose_camera

    if block:
        expose_camera(scene, block["metered_ev"], block.get("sun_elevation_deg", 45.0))


def _render_shot(scene: bpy.types.Scene, cam: bpy.types.Object, sky, shot: shotdata.Shot,
                 index: int, staging: Path, resolution: tuple[int, int], samples: int,
                 scratch: Path) -> tuple[dict, SheetFrame]:
    """One frame under its sky, practicals switched and metered for its sun."""
    from .scene import render
    from .scene.builder import EXPOSURE_BIAS, current_set

    sun = daylight_rules.sun_elevation(sky)
    switch_practicals(scene, sun)
    cap = place_shot(cam, shot)
    bias = current_set(scene).get(EXPOSURE_BIAS, 0.0)
    exposure = render.meter_exposure(scene, sun, bias, scratch, shot.exposure_request())
    block = render.render_block(scene)
    png = staging / "frames" / f"{index + 1:02d}_{shot.stem}.png"
    scene.render.pixel_aspect_x = 1.0
    render.render_still(scene, png, fit_inside(cap.aspect, resolution), samples)
    burn_frame_lines(png, shot.frame_line)
    label = daylight_rules.key_light_label(sky)
    record = {"shot": asdict(shot), "frame": png.relative_to(staging).as_posix(),
              "sun_elevation_deg": sun, "key_light": label, "exposure_ev": exposure,
              "render": block,
              "false_colour": png.with_name(png.stem + "_falsecolour.png")
                                 .relative_to(staging).as_posix()}
    return record, SheetFrame(png, shot.name, captions(shot, label, exposure_caption(block)))


def shots_for(scene: bpy.types.Scene, folder: Path) -> list[shotdata.Shot]:
    """The shot list: the scene's (when the add-on is registered), else the set
    folder's shots.json, else the set's scout cameras under the set's sky."""
    if hasattr(scene, "ai_sets_scout") and len(scene.ai_sets_scout.shots):
        from .shots import shot_list

        return shot_list(scene)
    saved = shotdata.read_shots(folder)
    if saved:
        return saved
    from dataclasses import fields

    from ..model.plan import CameraPlan, SkyRequest
    from ..setfile.document import load_set_json

    data = load_set_json(folder)["plan"]
    known = {f.name for f in fields(SkyRequest)}
    sky = SkyRequest(**{k: v for k, v in data["sky"].items() if k in known})
    camera_keys = {f.name for f in fields(CameraPlan)}
    cameras = [CameraPlan(**{k: tuple(v) if isinstance(v, list) else v
                             for k, v in c.items() if k in camera_keys})
               for c in data["cameras"]]
    return [shotdata.shot_from_plan(c, _hour_of(sky), sky) for c in cameras]


def _hour_of(sky) -> float:
    if sky.datetime_iso:
        return int(sky.datetime_iso[11:13]) + int(sky.datetime_iso[14:16]) / 60.0
    table = {"night": 1.0, "dawn": 5.5, "sunrise": 6.5, "morning": 9.0, "noon": 12.5,
             "afternoon": 15.5, "golden_hour": 17.5, "sunset": 19.0, "dusk": 20.5,
             "blue_hour": 21.5}
    return table.get(sky.time_of_day, 15.0)


def open_source(source: Path) -> Path:
    """Load SET into the current Blender (a .blend is opened; a set folder is built into
    an emptied scene without metering); returns the set folder."""
    from .export_source import set_folder as folder_of
    from ..setfile import read_set
    from .scene.builder import apply_to_scene

    folder = folder_of(Path(source))
    if Path(source).suffix.lower() == ".blend":
        bpy.ops.wm.open_mainfile(filepath=str(source), load_ui=False)
        _repoint(folder)
        return folder
    _empty_scene()
    apply_to_scene(read_set(folder), bpy.context.scene, meter=False, temp_dir=folder.parent)
    return folder


def _repoint(folder: Path) -> None:
    from .scene.builder import SET_FOLDER, current_set

    root = current_set(bpy.context.scene)
    if root is not None:
        root[SET_FOLDER] = str(folder)


def _empty_scene() -> None:
    kinds = ("objects", "collections", "meshes", "materials", "lights", "cameras", "worlds",
             "images", "node_groups")
    bpy.data.batch_remove([block for kind in kinds for block in getattr(bpy.data, kind)])


def storyboard_from_source(source: Path, out_dir: Path, wanted: str = "all",
                           resolution: tuple[int, int] = (960, 540), samples: int = 16,
                           progress=None, wait: bool = False, prepare=None) -> Storyboard:
    """Headless: OUT refused before any work when it is inside the set (which is only
    read); the set read under its readers' lock for the whole run (a set being rebuilt
    is waited for, `wait`, or refused naming the writer). `prepare(scene)` runs once the
    set is loaded (the CLI's camera options)."""
    from .export_source import set_folder as folder_of
    from ..core.fileio import check_apart
    from ..setfile import reading

    folder = folder_of(Path(source))
    check_apart([Path(out_dir)], inputs=[Path(source)], set_folders=[folder])
    with reading(folder, wait):
        folder = open_source(source)
        scene = bpy.context.scene
        if prepare is not None:
            prepare(scene)
        shots = shotdata.select(shots_for(scene, folder), wanted)
        return render_storyboard(scene, shots, out_dir, resolution, samples,
                                 progress=progress)
