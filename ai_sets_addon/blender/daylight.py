"""Time of day that moves the light: the hour slider, places by name, practicals.

Scrubbing stays interactive: each change of the hour makes a 512 px sky in a scratch
folder and swaps only the world and the Sun lamp (no metering, the set folder
untouched); when the slider has been still for `SETTLE_S` (the mouse released), the
full-width sky is published as a new revision of the set folder through the Sky
panel's own path (`pipeline.update_sky`), and the exposure is metered again.
Practicals switch on below the sun elevation the set's archetype chooses
(scout/daylight.py).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import bpy

from ..model.assets import SkyAsset
from ..model.plan import SkyRequest
from .scene.objects import POWER_KEY
from ..scout import daylight

PREVIEW_WIDTH = 512
SETTLE_S = 0.6
_pending = {"token": 0}


def sky_request(settings) -> SkyRequest:
    """Panel controls -> SkyRequest: a real place/date/time, or an hour mapped to a
    time-of-day word when no place is given."""
    from ..generation.prompt import time_for_hour

    sky = settings.sky
    request = SkyRequest(cloud_cover=sky.cloud_cover, haze=sky.haze, seed=sky.seed,
                         north_offset_deg=sky.north_offset,
                         time_of_day=time_for_hour(int(sky.hour) % 24))
    if sky.use_place:
        request.latitude, request.longitude = sky.latitude, sky.longitude
        request.datetime_iso = _iso(sky.date, sky.hour, sky.utc_offset)
    return request


def _iso(date: str, hour: float, utc_offset: float) -> str:
    minutes = int(round(hour * 60)) % (24 * 60)
    sign = "+" if utc_offset >= 0 else "-"
    off = int(round(abs(utc_offset) * 60))
    return f"{date.strip()}T{minutes // 60:02d}:{minutes % 60:02d}:00{sign}{off // 60:02d}:{off % 60:02d}"


def sky_request_of(scene: bpy.types.Scene) -> SkyRequest:
    return sky_request(scene.ai_sets)


def preview_sky(scene: bpy.types.Scene, request: SkyRequest) -> SkyAsset:
    """A low-resolution sky for the world and the Sun lamp, no exposure change."""
    from ..generation.sky import ProceduralSky, SkyOptions
    from .scene.builder import replace_sky

    folder = _scratch()
    _pending["token"] += 1
    path = folder / f"preview_{_pending['token']:05d}.exr"
    sky = ProceduralSky(SkyOptions(sun_in_map=False)).make_sky(request, PREVIEW_WIDTH, path)
    replace_sky(scene, sky, meter=False)
    for old in folder.glob("preview_*"):
        if old.stem != path.stem:
            old.unlink(missing_ok=True)
    switch_practicals(scene, daylight.sun_elevation(sky))
    return sky


def full_sky(scene: bpy.types.Scene, request: SkyRequest | None = None) -> SkyAsset:
    """The full sky published into the set folder (the Sky panel's path), metered."""
    from . import pipeline
    from .settings import size_setting

    settings = scene.ai_sets
    request = request or sky_request_of(scene)
    sky = pipeline.update_sky(scene, request,
                              size_setting(settings.hdri_width, "hdri_width"),
                              set_folder(scene), settings.sky.keep_sun_disc,
                              settings.sky.city_glow)
    switch_practicals(scene, daylight.sun_elevation(sky))
    return sky


def on_hour_changed(scene: bpy.types.Scene) -> None:
    """Slider update: preview now, the full sky once the hour has settled."""
    if set_folder(scene) is None:
        return
    preview_sky(scene, sky_request_of(scene))
    token = _pending["token"]
    scene_name = scene.name

    def settle():
        target = bpy.data.scenes.get(scene_name)
        if target is not None and token == _pending["token"]:
            full_sky(target)
        return None

    if bpy.app.background:
        return                      # no timers there: the caller commits with full_sky
    bpy.app.timers.register(settle, first_interval=SETTLE_S)


def set_place(scene: bpy.types.Scene, name: str) -> str:
    """A city name -> the Sky settings' latitude, longitude and UTC offset on its date."""
    from ..generation.gazetteer import find_city, parse_date, utc_offset_hours

    place = find_city(name)
    sky = scene.ai_sets.sky
    sky.latitude, sky.longitude = place.latitude, place.longitude
    sky.utc_offset = utc_offset_hours(place.timezone, parse_date(sky.date), sky.hour)
    sky.use_place = True
    return f"{place.label} ({place.timezone}, UTC{sky.utc_offset:+g})"


def switch_practicals(scene: bpy.types.Scene, sun_elevation_deg: float) -> bool:
    """Practicals on below the archetype's sun elevation, off above; returns on/off.
    Each lamp's own power is kept on it, so switching never loses it."""
    from .scene.builder import current_set
    from .scene.shaders import set_glow
    from .scene.tagging import TAG

    root = current_set(scene)
    if root is None:
        return False
    archetype, interior = _archetype(scene)
    on = daylight.practicals_on(sun_elevation_deg, archetype, interior)
    name = root[TAG]
    for mat in bpy.data.materials:
        if mat.get(TAG) == name:
            set_glow(mat, on)
    for obj in bpy.data.objects:
        if obj.get(TAG) != name or obj.type != "LIGHT" or obj.data.type == "SUN":
            continue
        portal = bool(getattr(getattr(obj.data, "cycles", None), "is_portal", False))
        if not daylight.is_switchable(obj.name, portal):
            continue
        if POWER_KEY not in obj:
            obj[POWER_KEY] = float(obj.data.energy)
        obj.data.energy = obj[POWER_KEY] if on else 0.0
    return on


def _archetype(scene: bpy.types.Scene) -> tuple[str, bool]:
    import json

    folder = set_folder(scene) or Path(".")
    try:
        plan = json.loads((folder / "set.json").read_text(encoding="utf-8"))["plan"]
        return plan["archetype"], bool(plan["interior"])
    except (OSError, ValueError, KeyError):
        return "", False


def set_folder(scene: bpy.types.Scene) -> Path | None:
    """The folder the scene's set was built from (the Generate settings, else the set
    collection's own record: a .blend opened headless)."""
    from .scene.builder import SET_FOLDER, current_set

    root = current_set(scene)
    recorded = root.get(SET_FOLDER) if root is not None else None
    folder = scene.ai_sets.last_folder if hasattr(scene, "ai_sets") else ""
    return Path(folder or recorded) if (folder or recorded) else None


def _scratch() -> Path:
    folder = Path(tempfile.gettempdir()) / "ai_sets_scout_sky"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def clear_scratch() -> None:
    shutil.rmtree(_scratch(), ignore_errors=True)
