"""Scouting settings on the Scene (saved in the .blend): the camera package the panel
puts on the active camera, the hour slider and place, and the shot list."""

from __future__ import annotations

import bpy

from ..scout import cameras, exposure, moves

BODY_ITEMS = [(k, b.name, f"{b.mode}: {b.sensor_mm[0]:g} x {b.sensor_mm[1]:g} mm, "
               f"{b.pixels[0]} x {b.pixels[1]}") for k, b in cameras.BODIES.items()]
PRIME_ITEMS = [(f"{mm:g}", f"{mm:g} mm", f"{mm:g} mm prime") for mm in cameras.PRIMES_MM]
ZOOM_ITEMS = [("NONE", "Primes", "A set of primes")] + [
    (k, z.name, f"{z.range_mm[0]:g}-{z.range_mm[1]:g} mm zoom") for k, z in cameras.ZOOMS.items()]
SQUEEZE_ITEMS = [(f"{s:g}", "Spherical" if s == 1 else f"{s:g}x anamorphic", "")
                 for s in cameras.SQUEEZES]
LINE_ITEMS = [("NONE", "None", "No frame lines")] + [(k, v[0], "") for k, v in cameras.FRAME_LINES.items()]


ND_ITEMS = [(f"{d:.1f}", "Clear" if d == 0 else f"ND {d:.1f}",
             f"{exposure.nd_stops(d):.0f} stop(s)") for d in exposure.ND_FILTERS]
FAMILY_ITEMS = [("AUTO", "From the Package", "Anamorphic for a squeeze, a cine zoom on a zoom, "
                 "modern primes otherwise")] + [
    (k, f.name, f"widest T{f.widest_t:g}, {f.falloff_ev:g} stops of falloff wide open")
    for k, f in cameras.LENS_FAMILIES.items()]


def _expose(self, context) -> None:
    from .camera_ops import apply_exposure

    apply_exposure(context.scene)


def _false_colour(self, context) -> None:
    from .camera_ops import show_false_colour

    show_false_colour(context.scene, self.false_colour)


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


class AISETS_ScriptScene(bpy.types.PropertyGroup):
    """One scene of the opened screenplay (name: its heading)."""

    index: bpy.props.IntProperty(default=1)
    number: bpy.props.StringProperty(default="")
    summary: bpy.props.StringProperty(default="", description="Time, length, characters")
    location: bpy.props.StringProperty(default="", description="The set it plays in")


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
    auto_exposure: bpy.props.BoolProperty(
        name="Auto Exposure", default=True, update=_expose,
        description="Pick ISO, shutter, T-stop and ND as an operator would for the metered "
                    "light (off: the values below, so a dark scene renders dark)")
    iso: bpy.props.FloatProperty(name="ISO", default=800.0, min=25.0, max=102400.0,
                                 update=_expose)
    shutter_angle: bpy.props.FloatProperty(name="Shutter", default=180.0, min=1.0, max=360.0,
                                           update=_expose, description="Shutter angle, degrees")
    camera_fps: bpy.props.FloatProperty(name="Frame Rate", default=24.0, min=1.0, max=240.0,
                                        update=_expose)
    exposure_t_stop: bpy.props.FloatProperty(name="Exposure T-Stop", default=2.8, min=0.7,
                                             max=32.0, update=_expose)
    nd: bpy.props.EnumProperty(name="ND", items=ND_ITEMS, default="0.0", update=_expose)
    auto_white_balance: bpy.props.BoolProperty(
        name="Auto White Balance", default=True, update=_expose,
        description="Balance for the scene's key light (off: the kelvin below)")
    white_balance: bpy.props.FloatProperty(name="White Balance", default=5600.0, min=1800.0,
                                           max=15000.0, update=_expose,
                                           description="Kelvin (3200 tungsten, 5600 daylight)")
    tint: bpy.props.FloatProperty(name="Tint", default=0.0, min=-150.0, max=150.0,
                                  update=_expose, description="+ green, - magenta")
    lens_family: bpy.props.EnumProperty(name="Lens Family", items=FAMILY_ITEMS, default="AUTO",
                                        update=_apply)
    lens_effects: bpy.props.BoolProperty(
        name="Lens Effects", default=True, update=_expose,
        description="Falloff, bloom, chromatic aberration, anamorphic streaks and grain")
    false_colour: bpy.props.BoolProperty(
        name="False Colour", default=False, update=_false_colour,
        description="Show the viewport and renders in Blender's False Color view (rendered "
                    "stills also get an ARRI-style *_falsecolour.png companion)")
    zebras: bpy.props.FloatProperty(name="Zebras", default=0.0, min=0.0, max=109.0,
                                    update=_expose,
                                    description="IRE level for *_zebras.png (0 = none)")
    meter_reading: bpy.props.StringProperty(name="Meter", default="")
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
    script_path: bpy.props.StringProperty(name="Script", default="", subtype="FILE_PATH",
                                          description="A screenplay: .fountain or .fdx "
                                                      "(Final Draft)")
    script_out: bpy.props.StringProperty(name="Output", default="//script",
                                         subtype="DIR_PATH",
                                         description="Sets, plots, storyboard, shots.csv, "
                                                     "timeline and job file go here")
    script_scenes: bpy.props.CollectionProperty(type=AISETS_ScriptScene)
    active_script_scene: bpy.props.IntProperty(name="Scene", default=0, min=0)


CLASSES = (AISETS_Shot, AISETS_ScriptScene, AISETS_MoveSettings, AISETS_ScoutSettings)


def register() -> None:
    for cls in CLASSES:
        bpy.utils.register_class(cls)
    bpy.types.Scene.ai_sets_scout = bpy.props.PointerProperty(type=AISETS_ScoutSettings)


def unregister() -> None:
    del bpy.types.Scene.ai_sets_scout
    for cls in reversed(CLASSES):
        bpy.utils.unregister_class(cls)
