"""Scouting settings on the Scene (saved in the .blend): the camera package the panel
puts on the active camera, the hour slider and place, and the shot list."""

from __future__ import annotations

import bpy

from ..scout import cameras, moves

BODY_ITEMS = [(k, b.name, f"{b.mode}: {b.sensor_mm[0]:g} x {b.sensor_mm[1]:g} mm, "
               f"{b.pixels[0]} x {b.pixels[1]}") for k, b in cameras.BODIES.items()]
PRIME_ITEMS = [(f"{mm:g}", f"{mm:g} mm", f"{mm:g} mm prime") for mm in cameras.PRIMES_MM]
ZOOM_ITEMS = [("NONE", "Primes", "A set of primes")] + [
    (k, z.name, f"{z.range_mm[0]:g}-{z.range_mm[1]:g} mm zoom") for k, z in cameras.ZOOMS.items()]
SQUEEZE_ITEMS = [(f"{s:g}", "Spherical" if s == 1 else f"{s:g}x anamorphic", "")
                 for s in cameras.SQUEEZES]
LINE_ITEMS = [("NONE", "None", "No frame lines")] + [(k, v[0], "") for k, v in cameras.FRAME_LINES.items()]


def _apply(self, context) -> None:
    from .camera_ops import apply_to_active

    apply_to_active(context.scene)


def _hour(self, context) -> None:
    from .daylight import on_hour_changed

    context.scene.ai_sets.sky.hour = self.hour
    if self.live_sky:
        on_hour_changed(context.scene)


class AISETS_Shot(bpy.types.PropertyGroup):
    """One saved shot; `data` is the shot as JSON (scout.shots.Shot)."""

    note: bpy.props.StringProperty(name="Note", default="")
    data: bpy.props.StringProperty(default="{}")
    thumbnail: bpy.props.StringProperty(default="", description="Packed image name")


MOVE_ITEMS = [(k, k.replace("_", "-").title(), "") for k in moves.KINDS]
EASING_ITEMS = [(k, k.replace("_", " ").title(), "") for k in moves.EASINGS]


class AISETS_MoveSettings(bpy.types.PropertyGroup):
    """A previs move from the scene camera's mark (scout/moves.py)."""

    kind: bpy.props.EnumProperty(name="Move", items=MOVE_ITEMS, default="dolly")
    duration_s: bpy.props.FloatProperty(name="Duration", default=3.0, min=0.1, max=120.0,
                                        unit="TIME_ABSOLUTE")
    distance: bpy.props.FloatProperty(
        name="Travel", default=1.5, min=-100.0, max=100.0,
        description="Metres (dolly, truck, pedestal, push-in) or degrees (pan, tilt, orbit)")
    use_speed: bpy.props.BoolProperty(name="By Speed", default=False)
    speed: bpy.props.FloatProperty(name="Speed", default=0.5, min=-20.0, max=20.0,
                                   description="m/s, or deg/s for pan, tilt and orbit")
    easing: bpy.props.EnumProperty(name="Easing", items=EASING_ITEMS, default="ease_in_out")
    shake: bpy.props.BoolProperty(name="Handheld Shake", default=False)
    intensity: bpy.props.FloatProperty(name="Shake", default=1.0, min=0.0, max=5.0)
    fps: bpy.props.IntProperty(name="FPS", default=24, min=1, max=120)
    samples: bpy.props.IntProperty(name="Samples", default=4, min=1, max=1024)
    out_dir: bpy.props.StringProperty(name="Animatic", default="//animatic",
                                      subtype="DIR_PATH")


class AISETS_ScoutSettings(bpy.types.PropertyGroup):
    body: bpy.props.EnumProperty(name="Body", items=BODY_ITEMS, default="alexa35",
                                 update=_apply)
    zoom: bpy.props.EnumProperty(name="Lens Set", items=ZOOM_ITEMS, default="NONE", update=_apply)
    prime: bpy.props.EnumProperty(name="Prime", items=PRIME_ITEMS, default="35", update=_apply)
    focal_mm: bpy.props.FloatProperty(name="Focal Length", default=35.0, min=14.0, max=290.0,
                                      unit="CAMERA", update=_apply,
                                      description="Zoom focal length (within the zoom's range)")
    squeeze: bpy.props.EnumProperty(name="Squeeze", items=SQUEEZE_ITEMS, default="1",
                                    update=_apply)
    frame_line: bpy.props.EnumProperty(name="Frame Lines", items=LINE_ITEMS, default="2.39",
                                       update=_apply)
    focus_m: bpy.props.FloatProperty(name="Focus", default=0.0, min=0.0, max=1000.0,
                                     unit="LENGTH", update=_apply,
                                     description="Focus distance; 0 = no depth of field")
    t_stop: bpy.props.FloatProperty(name="T-Stop", default=2.8, min=0.7, max=32.0,
                                    update=_apply)
    recorded: bpy.props.BoolProperty(
        name="As Recorded", default=False, update=_apply,
        description="Render the squeezed photosites with a pixel aspect (Blender shows "
                    "them desqueezed) instead of a square-pixel desqueezed image")
    hour: bpy.props.FloatProperty(name="Time of Day", default=15.0, min=0.0, max=24.0,
                                  subtype="TIME_ABSOLUTE", unit="TIME_ABSOLUTE", update=_hour,
                                  description="Local clock time: the sun and sky follow "
                                              "(a quick sky while dragging, full on release)")
    live_sky: bpy.props.BoolProperty(name="Live Sky", default=True,
                                     description="Move the sun while dragging the hour")
    place: bpy.props.StringProperty(name="Place", default="",
                                    description="A city name (offline gazetteer), e.g. "
                                                "'Paris' or 'Paris, US'")
    shots: bpy.props.CollectionProperty(type=AISETS_Shot)
    active_shot: bpy.props.IntProperty(name="Shot", default=0, min=0)
    new_note: bpy.props.StringProperty(name="Note", default="")
    storyboard_dir: bpy.props.StringProperty(name="Storyboard", default="//storyboard",
                                             subtype="DIR_PATH")
    storyboard_samples: bpy.props.IntProperty(name="Samples", default=16, min=1, max=4096)
    move: bpy.props.PointerProperty(type=AISETS_MoveSettings)


CLASSES = (AISETS_Shot, AISETS_MoveSettings, AISETS_ScoutSettings)


def register() -> None:
    for cls in CLASSES:
        bpy.utils.register_class(cls)
    bpy.types.Scene.ai_sets_scout = bpy.props.PointerProperty(type=AISETS_ScoutSettings)


def unregister() -> None:
    del bpy.types.Scene.ai_sets_scout
    for cls in reversed(CLASSES):
        bpy.utils.unregister_class(cls)
