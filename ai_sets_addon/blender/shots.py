"""The shot list in the .blend (Scene.ai_sets_scout.shots) and in the set folder.

Every change (save, rename, reorder, delete) is written to both: the scene's list,
with each thumbnail packed into the .blend, and `shots.json` + `shots/NAME.png` as a
new revision of the set folder. Recall puts the camera back (package and transform),
then the sun and the sky of the shot's hour.
"""

from __future__ import annotations

import json
import math
import tempfile
from dataclasses import asdict
from pathlib import Path

import bpy

from ..core.errors import InputError
from ..setfile.document import load_set_json
from ..scout import shots as shotdata
from .camera import package_of, place_shot
from .camera_ops import scout_camera, sync_panel
from .daylight import full_sky, set_folder, switch_practicals

THUMB_SIZE = (192, 108)
THUMB_SAMPLES = 8
IMAGE_PREFIX = "AI Sets shot "


def shot_list(scene: bpy.types.Scene) -> list[shotdata.Shot]:
    out = []
    for item in scene.ai_sets_scout.shots:
        shot = shotdata.shot_from_dict({**json.loads(item.data or "{}"), "name": item.name})
        shot.note = item.note
        out.append(shot)
    return out


def current_shot(scene: bpy.types.Scene, name: str, note: str = "") -> shotdata.Shot:
    """The scene camera, sky and hour now, as a shot."""
    cam = scene.camera
    if cam is None or cam.type != "CAMERA":
        raise InputError("the scene has no camera to save a shot from")
    _update(scene)                     # matrix_world of a camera just moved by script
    package = package_of(cam)
    folder = set_folder(scene)
    sky = load_set_json(folder)["plan"]["sky"] if folder else {}
    world = scene.world
    place = scene.ai_sets_scout.place if hasattr(scene, "ai_sets_scout") else ""
    return shotdata.Shot(
        name=name, body=package["body"], lens_mm=float(package["lens_mm"]),
        squeeze=float(package["squeeze"]), zoom=package["zoom"],
        frame_line=package["frame_line"], focus_distance_m=float(package["focus_distance_m"]),
        t_stop=float(package["t_stop"]),
        location=tuple(round(v, 5) for v in cam.matrix_world.translation),
        rotation_deg=tuple(round(math.degrees(a), 4)
                           for a in cam.matrix_world.to_euler("XYZ")),
        hour=float(scene.ai_sets.sky.hour), place=place, sky=sky,
        sun_elevation_deg=_sun_of(folder, world),
        sun_azimuth_deg=world.get("ai_sets_sun_azimuth_deg") if world else None, note=note,
        lens_family=cam.get("ai_sets_lens_family", ""), **_exposure_fields(scene))


def _exposure_fields(scene: bpy.types.Scene) -> dict:
    """What the scene's exposure request fixed (the panel's or the command line's)."""
    from .scene.render import scene_request

    request = scene_request(scene)
    return {"iso": request.iso, "shutter_angle_deg": request.shutter_angle_deg,
            "shutter_s": request.shutter_s, "nd": request.nd,
            "white_balance_k": request.white_balance_k, "tint": request.tint}


def _sun_of(folder: Path | None, world) -> float | None:
    """The sun's own elevation (not the moon's when the moon is the night's key)."""
    if folder is not None and (folder / "sky.json").is_file():
        try:
            data = json.loads((folder / "sky.json").read_text(encoding="utf-8"))
            return float(data["params"]["lights"]["sun_elevation_deg"])
        except (OSError, ValueError, KeyError, TypeError):
            pass
    return world.get("ai_sets_sun_elevation_deg") if world else None


def save_shot(scene: bpy.types.Scene, name: str, note: str = "") -> shotdata.Shot:
    """Keep what the camera sees now: a list entry, a packed thumbnail, the folder."""
    shots = shot_list(scene)
    name = shotdata.check_name(name, [s.name for s in shots])
    shot = current_shot(scene, name, note)
    with tempfile.TemporaryDirectory(prefix="aisets_thumb_") as tmp:
        thumb = render_thumbnail(scene, Path(tmp) / f"{shot.stem}.png", shot)
        item = scene.ai_sets_scout.shots.add()
        item.name, item.note = name, note
        item.thumbnail = _pack(thumb, name).name
        _store(item, shot)
        scene.ai_sets_scout.active_shot = len(scene.ai_sets_scout.shots) - 1
        write_folder(scene, f"shot saved: {name}", {name: thumb})
    return shot


def render_thumbnail(scene: bpy.types.Scene, png: Path, shot: shotdata.Shot) -> Path:
    from .scene.render import render_still
    from ..scout.cameras import capture
    from .camera import burn_frame_lines

    cap = capture(shot.body, shot.lens_mm, shot.squeeze)
    size = cap.desqueezed_resolution(THUMB_SIZE[0])
    aspect = (scene.render.pixel_aspect_x, scene.render.pixel_aspect_y)
    exposure = scene.view_settings.exposure
    scene.render.pixel_aspect_x = scene.render.pixel_aspect_y = 1.0
    try:
        _meter(scene, shot, png.parent)       # metered for this framing, as the storyboard is
        render_still(scene, png, size, THUMB_SAMPLES, companions=False)
    finally:
        scene.render.pixel_aspect_x, scene.render.pixel_aspect_y = aspect
        scene.view_settings.exposure = exposure
    burn_frame_lines(png, shot.frame_line)
    return png


def _meter(scene: bpy.types.Scene, shot: shotdata.Shot, temp: Path) -> None:
    from .scene.builder import EXPOSURE_BIAS, current_set
    from .scene.render import meter_exposure

    root = current_set(scene)
    bias = root.get(EXPOSURE_BIAS, 0.0) if root is not None else 0.0
    elevation = shot.sun_elevation_deg if shot.sun_elevation_deg is not None else 45.0
    meter_exposure(scene, elevation, bias, temp, shot.exposure_request())


def _pack(png: Path, name: str) -> bpy.types.Image:
    old = bpy.data.images.get(IMAGE_PREFIX + name)
    if old is not None:
        bpy.data.images.remove(old)
    image = bpy.data.images.load(str(png))
    image.name = IMAGE_PREFIX + name
    image.pack()
    image.use_fake_user = True
    return image


def _store(item, shot: shotdata.Shot) -> None:
    data = asdict(shot)
    data.pop("name")
    data.pop("note")
    item.data = json.dumps(data)


def write_folder(scene: bpy.types.Scene, note: str, thumbnails: dict[str, Path]) -> None:
    """The scene's list -> shots.json and thumbnails, one new revision of the set."""
    folder = set_folder(scene)
    if folder is None:
        return
    shots = shot_list(scene)
    shotdata.write_shots(folder, shots, thumbnails, note)
    for item, shot in zip(scene.ai_sets_scout.shots, shotdata.read_shots(folder)):
        _store(item, shot)        # thumbnails' folder paths recorded


def recall_shot(scene: bpy.types.Scene, index: int, sky: bool = True) -> shotdata.Shot:
    """Camera (package + transform), then sun and sky of the shot's hour."""
    shots = shot_list(scene)
    if not 0 <= index < len(shots):
        raise InputError("no such shot: the list is empty" if not shots
                         else f"no shot number {index + 1}; the list has {len(shots)}")
    shot = shots[index]
    package = {k: getattr(shot, k) for k in ("body", "lens_mm", "squeeze", "frame_line",
                                             "focus_distance_m", "t_stop", "zoom")}
    place_shot(scout_camera(scene), shot, scene)
    _update(scene)
    sync_panel(scene, package)
    scene.ai_sets_scout["hour"] = shot.hour       # no live preview: the sky comes next
    scene.ai_sets.sky.hour = shot.hour
    if sky and shot.sky:
        restore_sky(scene, shot)
    scene.ai_sets_scout.active_shot = index
    return shot


def restore_sky(scene: bpy.types.Scene, shot: shotdata.Shot) -> None:
    """The shot's sky, published as the set's sky unless it already is."""
    folder = set_folder(scene)
    request = shot.sky_request()
    if folder is not None and load_set_json(folder)["plan"]["sky"] == asdict(request):
        world = scene.world
        from ..setfile import read_set
        from ..scout.daylight import sun_elevation

        switch_practicals(scene, sun_elevation(read_set(folder).sky))
        return
    _settings_from_request(scene, request)
    full_sky(scene, request)


def _settings_from_request(scene: bpy.types.Scene, request) -> None:
    sky = scene.ai_sets.sky
    sky.cloud_cover = request.cloud_cover
    sky.haze = request.haze
    sky.seed = request.seed
    sky.north_offset = request.north_offset_deg
    sky.use_place = request.latitude is not None
    if request.latitude is not None:
        sky.latitude, sky.longitude = request.latitude, request.longitude
    if request.datetime_iso:
        sky.date = request.datetime_iso[:10]
        offset = request.datetime_iso[19:]
        if offset and offset not in ("Z",):
            sign = -1.0 if offset[0] == "-" else 1.0
            hh, mm = offset[1:].split(":")
            sky.utc_offset = sign * (int(hh) + int(mm) / 60.0)


def _update(scene: bpy.types.Scene) -> None:
    for layer in scene.view_layers:
        layer.update()


def rename_shot(scene: bpy.types.Scene, index: int, new_name: str) -> None:
    items = scene.ai_sets_scout.shots
    others = [s.name for i, s in enumerate(items) if i != index]
    new_name = shotdata.check_name(new_name, others)
    old = items[index].name
    image = bpy.data.images.get(items[index].thumbnail)
    items[index].name = new_name
    thumbs = {}
    if image is not None:
        image.name = IMAGE_PREFIX + new_name
        items[index].thumbnail = image.name
    with tempfile.TemporaryDirectory(prefix="aisets_thumb_") as tmp:
        folder = set_folder(scene)
        shot = shot_list(scene)[index]
        if folder is not None and shot.thumbnail and (folder / shot.thumbnail).is_file():
            thumbs[new_name] = Path(tmp) / "thumb.png"
            thumbs[new_name].write_bytes((folder / shot.thumbnail).read_bytes())
        write_folder(scene, f"shot renamed: {old} -> {new_name}", thumbs)


def move_shot(scene: bpy.types.Scene, index: int, step: int) -> int:
    items = scene.ai_sets_scout.shots
    target = index + step
    if not 0 <= target < len(items):
        return index
    items.move(index, target)
    scene.ai_sets_scout.active_shot = target
    write_folder(scene, f"shot moved: {items[target].name}", {})
    return target


def delete_shot(scene: bpy.types.Scene, index: int) -> None:
    items = scene.ai_sets_scout.shots
    if not 0 <= index < len(items):
        raise InputError("no shot selected")
    name = items[index].name
    image = bpy.data.images.get(items[index].thumbnail)
    if image is not None:
        bpy.data.images.remove(image)
    items.remove(index)
    scene.ai_sets_scout.active_shot = max(0, min(index, len(items) - 1))
    write_folder(scene, f"shot deleted: {name}", {})
