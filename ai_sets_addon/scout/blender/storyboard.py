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
import shutil
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import bpy

from ...generation.errors import InputError
from ...generation.fileio import ensure_writable_dir, write_json
from .. import daylight as daylight_rules
from .. import shots as shotdata
from ..sheets import SheetFrame, write_sheets
from .camera import burn_frame_lines, set_package
from .daylight import set_folder, switch_practicals

SKY_WIDTH = 1024
CAMERA_NAME = "AI Sets Storyboard"


@dataclass
class Storyboard:
    frames: list[Path]
    pages: list[Path]
    pdf: Path
    record: Path
    shots: list[shotdata.Shot] = field(default_factory=list)


def captions(shot: shotdata.Shot, key_light: str | None) -> list[str]:
    when = daylight_rules.hour_label(shot.hour)
    where = shot.place or ""
    date = (shot.sky.get("datetime_iso") or "")[:10]
    if not date:
        when = f"{when} ({shot.sky.get('time_of_day', 'set sky').replace('_', ' ')})" \
            if shot.sky else when
    sun = f", {key_light}" if key_light else ""
    time_line = " ".join(p for p in (when, where, date) if p) + sun
    return [shot.camera_label, f"aspect {shot.aspect_label}", time_line, shot.note or "—"]


def render_storyboard(scene: bpy.types.Scene, shots: list[shotdata.Shot], out_dir: Path,
                      resolution: tuple[int, int] = (960, 540), samples: int = 16,
                      set_name: str = "", progress=None) -> Storyboard:
    from ...generation.setfile import read_set
    from ...scene import render
    from ...scene.builder import EXPOSURE_BIAS, current_set, replace_sky

    if not shots:
        raise InputError("the shot list is empty: save a shot first (or give a set with "
                         "scout cameras)")
    progress = progress or (lambda fraction, message: None)
    out_dir = ensure_writable_dir(Path(out_dir))
    frames_dir = out_dir / "frames"
    frames_dir.mkdir(exist_ok=True)
    scratch = out_dir / f".sky-{int(time.time() * 1000)}"
    folder = set_folder(scene)
    root = current_set(scene)
    if root is None or folder is None:
        raise InputError("the scene holds no AI set to storyboard; generate or open one")
    doc = read_set(folder)
    bias = root.get(EXPOSURE_BIAS, 0.0)
    saved = (scene.camera, scene.view_settings.exposure, scene.render.resolution_x,
             scene.render.resolution_y, scene.render.pixel_aspect_x)
    cam = bpy.data.objects.new(CAMERA_NAME, bpy.data.cameras.new(CAMERA_NAME))
    cam.data.clip_start, cam.data.clip_end = 0.05, 5000.0
    scene.collection.objects.link(cam)
    scene.camera = cam
    skies: dict[str, object] = {json.dumps(asdict(doc.plan.sky), sort_keys=True): doc.sky}
    current = json.dumps(asdict(doc.plan.sky), sort_keys=True)
    frames, records, sheet = [], [], []
    try:
        for index, shot in enumerate(shots):
            progress(index / len(shots), f"rendering {shot.name} ({index + 1}/{len(shots)})")
            key = json.dumps(asdict(shot.sky_request()), sort_keys=True) if shot.sky else current
            if key not in skies:
                skies[key] = _make_sky(shot.sky_request(), scratch / f"sky_{len(skies)}.exr")
            sky = skies[key]
            if key != current:
                replace_sky(scene, sky, meter=False)
                current = key
            sun = daylight_rules.sun_elevation(sky)
            switch_practicals(scene, sun)
            cap = set_package(cam, None, shot.body, shot.lens_mm, shot.squeeze,
                              shot.frame_line, shot.focus_distance_m, shot.t_stop, shot.zoom)
            _place(cam, shot)
            exposure = render.meter_exposure(scene, sun, bias, out_dir)
            png = frames_dir / f"{index + 1:02d}_{shot.stem}.png"
            scene.render.pixel_aspect_x = 1.0
            render.render_still(scene, png, _fit(cap.aspect, resolution), samples)
            burn_frame_lines(png, shot.frame_line)
            frames.append(png)
            sheet.append(SheetFrame(png, shot.name,
                                    captions(shot, daylight_rules.key_light_label(sky))))
            records.append({"shot": asdict(shot), "frame": png.relative_to(out_dir).as_posix(),
                            "sun_elevation_deg": sun,
                            "key_light": daylight_rules.key_light_label(sky),
                            "exposure_ev": exposure})
        progress(0.95, "laying out the contact sheets")
        name = set_name or doc.plan.name
        date = time.strftime("%Y-%m-%d")
        pages, pdf = write_sheets(sheet, name, date, out_dir)
        record = write_json(out_dir / "storyboard.json",
                            {"set": name, "date": date, "set_folder": str(folder),
                             "resolution": list(resolution), "samples": samples,
                             "pages": [p.name for p in pages], "pdf": pdf.name,
                             "frames": records})
    finally:
        (scene.camera, scene.view_settings.exposure, scene.render.resolution_x,
         scene.render.resolution_y, scene.render.pixel_aspect_x) = saved
        data = cam.data
        bpy.data.objects.remove(cam)
        bpy.data.cameras.remove(data)
        if current != json.dumps(asdict(doc.plan.sky), sort_keys=True):
            replace_sky(scene, doc.sky, meter=False)
        switch_practicals(scene, daylight_rules.sun_elevation(doc.sky))
        shutil.rmtree(scratch, ignore_errors=True)
    progress(1.0, f"storyboard: {pdf}")
    return Storyboard(frames, pages, pdf, record, list(shots))


def _make_sky(request, path: Path):
    from ...generation.sky import ProceduralSky, SkyOptions

    path.parent.mkdir(parents=True, exist_ok=True)
    return ProceduralSky(SkyOptions(sun_in_map=False)).make_sky(request, SKY_WIDTH, path)


def _place(cam: bpy.types.Object, shot: shotdata.Shot) -> None:
    import math

    cam.rotation_mode = "XYZ"
    cam.location = shot.location
    cam.rotation_euler = tuple(math.radians(a) for a in shot.rotation_deg)


def _fit(aspect: float, box: tuple[int, int]) -> tuple[int, int]:
    """The largest even-sided frame of `aspect` inside `box` (never stretched)."""
    w, h = box
    if aspect >= w / h:
        return w, max(2, int(round(w / aspect / 2)) * 2)
    return max(2, int(round(h * aspect / 2)) * 2), h


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

    from ...generation.plan import CameraPlan, SkyRequest
    from ...generation.setfile.document import load_set_json

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
    from ...export.source import set_folder as folder_of
    from ...generation.setfile import read_set
    from ...scene.builder import apply_to_scene

    folder = folder_of(Path(source))
    if Path(source).suffix.lower() == ".blend":
        bpy.ops.wm.open_mainfile(filepath=str(source), load_ui=False)
        _repoint(folder)
        return folder
    _empty_scene()
    apply_to_scene(read_set(folder), bpy.context.scene, meter=False, temp_dir=folder.parent)
    return folder


def _repoint(folder: Path) -> None:
    from ...scene.builder import SET_FOLDER, current_set

    root = current_set(bpy.context.scene)
    if root is not None:
        root[SET_FOLDER] = str(folder)


def _empty_scene() -> None:
    kinds = ("objects", "collections", "meshes", "materials", "lights", "cameras", "worlds",
             "images", "node_groups")
    bpy.data.batch_remove([block for kind in kinds for block in getattr(bpy.data, kind)])


def storyboard_from_source(source: Path, out_dir: Path, wanted: str = "all",
                           resolution: tuple[int, int] = (960, 540), samples: int = 16,
                           progress=None) -> Storyboard:
    folder = open_source(source)
    scene = bpy.context.scene
    shots = shotdata.select(shots_for(scene, folder), wanted)
    return render_storyboard(scene, shots, out_dir, resolution, samples, progress=progress)
