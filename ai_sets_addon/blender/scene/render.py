"""Cycles settings, a light meter for exposure, the camera's exposure, white balance,
look and lens, and still renders (with their false-colour companions) written atomically.

Exposure rule (a DP exposing for the set, not for the window): render the active
camera tiny and noisy, average it in blocks (to tame the noise), put the median block
on 18% grey, but never so bright that the brightest 2% of blocks pass 12x grey (AgX
still holds detail there); when the sun is low or down, bias darker so twilight and
night read as such, not as an overcast noon.

Then the camera (scout/exposure.py): the meter's answer is what an operator aims for;
the camera's ISO, shutter, T-stop and ND (fixed by the user, or picked as an operator
would) make the exposure actually applied, so a render is as bright as that camera
would record it (a manual setting two stops under renders two stops under). White
balance and the AgX look go in the view transform; the lens's character in the
compositor (scene/lens_effects.py). What was applied is kept on the scene
(`render_block`) for the manifest, the storyboard record and the captions.
"""

from __future__ import annotations

import errno
import json
import math
import os
import shutil
from pathlib import Path

import bpy
import numpy as np

from ...core.fileio import atomic_path, read_exr, scratch_path, write_png
from ...scout import cameras as camera_db
from ...scout import exposure as ex

MIDDLE_GREY = 0.18
HIGHLIGHT_LIMIT = 12.0  # scene-linear level where AgX still renders highlight detail
# (sun elevation upper bound in degrees, bias in EV): night, blue hour, twilight.
LOW_SUN_BIAS_EV = ((-8.0, -1.5), (-3.0, -0.8), (2.0, -0.4))
METER_SIZE = (96, 54)
CAMERA_REQUEST = "ai_sets_camera_request"   # scene: exposure.Request as a dict (CLI, panel)
RENDER_BLOCK = "ai_sets_render_block"       # scene: what the last exposure applied (JSON)
ZEBRAS = "ai_sets_zebras_ire"               # scene: zebras level (0 = none)
WORKING_SPACE = {"scene_linear": "Linear Rec.709", "display": "sRGB", "view": "AgX",
                 "primaries": "Rec.709 / sRGB, D65 white", "encoding": "scene-linear float"}


# Light paths a set needs on the CPU: enough bounces for interiors lit through windows,
# few glossy/diffuse ones beyond what the eye reads, indirect fireflies clamped, glossy
# blurred after the first bounce, volumes stepped coarsely (fog is smooth).
BOUNCES = {"max_bounces": 8, "diffuse_bounces": 3, "glossy_bounces": 3,
           "transmission_bounces": 8, "transparent_max_bounces": 16, "volume_bounces": 1}
ADAPTIVE_THRESHOLD = 0.03   # stop sampling a pixel once its noise is below this


def configure(scene: bpy.types.Scene, samples: int = 64) -> None:
    """Cycles on the CPU, AgX, and settings that make a preview cleaner per second:
    adaptive sampling, the denoiser fed albedo and normal passes (it keeps texture
    detail instead of smearing it), clamped indirect light, filtered glossy paths and
    coarse volume steps."""
    scene.render.engine = "CYCLES"
    cycles = scene.cycles
    cycles.device = "CPU"
    cycles.samples = samples
    cycles.use_denoising = True
    cycles.denoiser = "OPENIMAGEDENOISE"
    cycles.denoising_input_passes = "RGB_ALBEDO_NORMAL"
    cycles.denoising_prefilter = "ACCURATE"
    cycles.use_adaptive_sampling = True
    cycles.adaptive_threshold = ADAPTIVE_THRESHOLD
    for name, value in BOUNCES.items():
        setattr(cycles, name, value)
    cycles.caustics_reflective = False
    cycles.caustics_refractive = False
    cycles.sample_clamp_indirect = 10.0
    cycles.blur_glossy = 1.0
    cycles.volume_step_rate = 2.0
    cycles.volume_max_steps = 256
    scene.view_settings.view_transform = "AgX"
    scene.view_settings.look = "None"


def meter_exposure(scene: bpy.types.Scene, sun_elevation_deg: float = 45.0,
                   bias_ev: float = 0.0, temp_dir: Path | None = None,
                   request: ex.Request | None = None) -> float:
    """Meter the frame, then expose it with the camera (`expose_camera`); returns the
    exposure applied (scene.view_settings.exposure). `bias_ev` is the set's own intent
    (a white cyc should read white, not 18% grey). `temp_dir` holds the meter's scratch
    EXR (give the run's staging folder; the system temp only when None); the file is
    removed afterwards, even on failure. `request` (a saved shot's own settings) goes
    over the scene's (the command line's or the panel's)."""
    median, highlight = metered_levels(_meter_luminance(scene, temp_dir))
    ev = min(math.log2(MIDDLE_GREY / median), math.log2(HIGHLIGHT_LIMIT / highlight))
    ev += next((bias for limit, bias in LOW_SUN_BIAS_EV if sun_elevation_deg < limit), 0.0)
    ev += bias_ev
    metered = round(float(np.clip(ev, -16.0, 16.0)), 3)
    expose_camera(scene, metered, sun_elevation_deg, request)
    return scene.view_settings.exposure


def scene_request(scene: bpy.types.Scene) -> ex.Request:
    """The exposure request the scene carries (all auto when none)."""
    raw = scene.get(CAMERA_REQUEST)
    return ex.request_from_dict(json.loads(raw) if isinstance(raw, str) else None)


def set_scene_request(scene: bpy.types.Scene, request: ex.Request, zebras_ire: float = 0.0) -> None:
    scene[CAMERA_REQUEST] = json.dumps(request.to_dict())
    scene[ZEBRAS] = float(zebras_ire)


def expose_camera(scene: bpy.types.Scene, metered_ev: float, sun_elevation_deg: float = 45.0,
                  request: ex.Request | None = None) -> dict:
    """Apply the camera's exposure, white balance, look and lens to the scene for the
    metered target `metered_ev` (Blender stops); returns (and keeps) the render block."""
    req = scene_request(scene).merged(request) if request else scene_request(scene)
    package = _package(scene)
    target = ex.ev100_for_blender_exposure(metered_ev)
    if req.is_manual:
        settings = ex.Settings(iso=req.iso, shutter_angle_deg=req.shutter_angle_deg or 180.0,
                               fps=req.fps, shutter_s=req.shutter_s or 0.0,
                               t_stop=req.t_stop, nd=req.nd)
        error = target - settings.ev100
        way = "over" if error > 0 else "under"
        notes = [f"manual: {abs(error):.1f} stops {way} the meter"]
    else:
        auto = ex.auto_settings(target, req, package["body"], package["family"],
                                package["t_stop"] or 2.8)
        settings, notes, error = auto.settings, auto.notes, auto.error_ev
    exposure = float(np.clip(ex.blender_exposure_ev(settings), -32.0, 32.0))
    scene.view_settings.exposure = round(exposure, 3)
    balance = _white_balance(scene, req, sun_elevation_deg)
    look, why = ex.look_for(sun_elevation_deg)
    _set_look(scene, look)
    _set_iris(scene, settings.t_stop)
    _carry(scene.camera, settings)
    effects = _lens(scene, req.lens_effects, settings, package, scene.view_settings.exposure)
    block = {"settings": settings.to_dict(), "label": settings.label(),
             "auto": not req.is_manual, "notes": notes, "metered_ev": metered_ev,
             "exposure_ev": scene.view_settings.exposure, "error_ev": round(error, 3),
             "white_balance": balance, "look": {"view": "AgX", "look": look, "why": why},
             "lens_effects": effects, "camera": package, "colour_space": WORKING_SPACE,
             "sun_elevation_deg": round(float(sun_elevation_deg), 3)}
    scene[RENDER_BLOCK] = json.dumps(block)
    return block


def render_block(scene: bpy.types.Scene) -> dict:
    """What the last `expose_camera` applied ({} before any)."""
    raw = scene.get(RENDER_BLOCK)
    return json.loads(raw) if isinstance(raw, str) else {}


def _package(scene: bpy.types.Scene) -> dict:
    cam = scene.camera
    get = (lambda key, default: cam.get(f"ai_sets_{key}", default)) if cam else \
        (lambda key, default: default)
    body = get("body", "super35") or "super35"
    if body not in camera_db.BODIES:
        body = "super35"
    squeeze = float(get("squeeze", 1.0) or 1.0)
    family = get("lens_family", "") or camera_db.default_family(body, squeeze, get("zoom", ""))
    return {"body": body, "squeeze": squeeze, "family": family,
            "t_stop": float(get("t_stop", 0.0) or 0.0)}


def _white_balance(scene: bpy.types.Scene, req: ex.Request, sun_elevation_deg: float) -> dict:
    """Fixed kelvin, or auto from the scene's key light (the sun when it is up, else the
    strongest white practical, else the moon or sky's key); the request's tint is the
    tint when fixed, an offset on the key light's own when auto."""
    if req.white_balance_k:
        kelvin, tint, source = float(req.white_balance_k), float(req.tint), "fixed"
    else:
        colour, source = key_light_colour(scene, sun_elevation_deg)
        kelvin, tint = ex.kelvin_tint_of(colour) if colour is not None else (6500.0, 10.0)
        kelvin, tint = float(np.clip(kelvin, 1800.0, 15000.0)), tint + float(req.tint)
    view = scene.view_settings
    view.use_white_balance = True
    view.white_balance_temperature = kelvin
    view.white_balance_tint = float(np.clip(tint, -150.0, 150.0))
    return {"kelvin": round(kelvin, 1), "tint": round(tint, 2), "source": source}


DAYLIGHT_KELVIN = 5600.0    # the daylight balance of film stock and cameras
WHITE_LIGHT_TINT = 30.0      # |tint| up to Duv 0.01: a white source (tungsten, HMI, LED)
WHITE_LIGHT_KELVIN = (2200.0, 10000.0)   # a red neon sits on the locus's red end, below


def key_light_colour(scene: bpy.types.Scene, sun_elevation_deg: float = 45.0
                     ) -> tuple[np.ndarray | None, str]:
    """The colour a DP balances for: daylight (5600 K) while the sun is up or setting,
    as on the shoot, so that golden hour stays gold and a sunset red (balancing for the
    low sun's own colour would turn the frame blue); at night the strongest white
    practical (a neon sign is a colour, not a source to balance for), else the moon or
    the sky's key lamp."""
    lights = [o for o in scene.objects if o.type == "LIGHT" and not o.hide_render
              and o.data.energy > 0]
    suns = [o for o in lights if o.data.type == "SUN"]
    if suns and sun_elevation_deg > -4.0:
        return ex.white_rgb(DAYLIGHT_KELVIN), "daylight"
    white = [o for o in lights if o.data.type != "SUN" and _is_white(o.data.color)]
    if white:
        key = max(white, key=lambda o: o.data.energy)
        return np.array(key.data.color[:3], float), f"practical '{key.name}'"
    if suns:
        return np.array(suns[0].data.color[:3], float), "moon"
    return None, "none (D65)"


def _is_white(colour) -> bool:
    try:
        kelvin, tint = ex.kelvin_tint_of(np.array(colour[:3], float))
    except ex.InputError:              # a black light is no source to balance for
        return False
    low, high = WHITE_LIGHT_KELVIN
    return abs(tint) <= WHITE_LIGHT_TINT and low <= kelvin <= high


def _set_look(scene: bpy.types.Scene, look: str) -> None:
    view = scene.view_settings
    view.view_transform = "AgX"
    try:
        view.look = look
    except TypeError:
        view.look = "None"          # a colour config without AgX's looks


def _carry(cam, settings: ex.Settings) -> None:
    """The camera carries the settings it was exposed with (custom properties, saved
    in the .blend; a saved shot made from it keeps what was fixed)."""
    if cam is None:
        return
    for key in ("iso", "shutter_angle_deg", "fps", "shutter_s", "nd"):
        cam[f"ai_sets_{key}"] = float(getattr(settings, key))
    cam["ai_sets_exposure_t_stop"] = float(settings.t_stop)


def _set_iris(scene: bpy.types.Scene, t_stop: float) -> None:
    """Depth of field follows the stop the exposure chose (when the camera focuses)."""
    cam = scene.camera
    if cam is not None and cam.type == "CAMERA" and cam.data.dof.use_dof:
        cam.data.dof.aperture_fstop = t_stop


def _lens(scene: bpy.types.Scene, enabled: bool, settings: ex.Settings, package: dict,
          exposure: float) -> dict:
    from . import lens_effects

    if not enabled:
        lens_effects.remove(scene)
        return {"applied": [], "off": True}
    plan = lens_effects.lens_plan(settings, package["body"], package["family"],
                                  package["squeeze"], exposure)
    if lens_effects.apply(scene, plan) is None:
        why = ("the scene composites with its own node group; left as it is"
               if hasattr(scene, "compositing_node_group") else
               "Blender 4.x: the lens effects are built for Blender 5's compositor")
        return {"applied": [], "off": True, "skipped": why}
    return plan


def metered_levels(luminance: np.ndarray, block: int = 6) -> tuple[float, float]:
    """(median, 98th percentile) of block-averaged luminance: blocks tame the noise of
    a 12-sample render (black and firefly pixels)."""
    h, w = (s - s % block for s in luminance.shape)
    cells = luminance[:h, :w].reshape(h // block, block, w // block, block).mean(axis=(1, 3))
    return max(float(np.median(cells)), 1e-6), max(float(np.percentile(cells, 98)), 1e-6)


def _meter_luminance(scene: bpy.types.Scene, temp_dir: Path | None = None) -> np.ndarray:
    saved = _snapshot(scene)
    with scratch_path(temp_dir, suffix=".exr", prefix=".aisets_meter_") as path:
        try:
            rgb = _render_meter(scene, str(path))
        finally:
            _restore(scene, saved)
    return rgb @ np.array([0.2126, 0.7152, 0.0722], dtype=np.float32)


def _render_meter(scene: bpy.types.Scene, path: str, size: tuple[int, int] = METER_SIZE,
                  samples: int = 12) -> np.ndarray:
    """A tiny, noisy, undenoised float render of the active camera (read back)."""
    render = scene.render
    render.resolution_x, render.resolution_y = size
    render.resolution_percentage = 100
    scene.cycles.samples = samples
    scene.cycles.use_denoising = False
    render.use_compositing = False          # the meter reads the light, not the lens
    render.image_settings.file_format = "OPEN_EXR"
    render.image_settings.color_depth = "32"
    render.filepath = path
    render_to_file(scene, Path(path))
    return read_exr(path)


def render_to_file(scene: bpy.types.Scene, path: Path) -> None:
    """Render the active camera and write it to `path` (render.filepath). Blender says
    only "cannot save" when the write fails; a full disk or an unwritable folder is
    turned into the OSError it is, so the CLI can say what to do (exit 2)."""
    try:
        bpy.ops.render.render(write_still=True, scene=scene.name)
    except RuntimeError as exc:
        if "cannot save" not in str(exc).lower():
            raise
        raise _write_failure(Path(path), exc) from exc


LOW_DISK_BYTES = 64 << 20


def _write_failure(path: Path, exc: RuntimeError) -> Exception:
    folder = path.parent
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        free = None
    if free is not None and free < LOW_DISK_BYTES:
        return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
    if not os.access(folder, os.W_OK):
        return OSError(errno.EACCES, os.strerror(errno.EACCES), str(path))
    return exc


def _snapshot(scene: bpy.types.Scene) -> dict:
    render, fmt = scene.render, scene.render.image_settings
    return {
        "res": (render.resolution_x, render.resolution_y, render.resolution_percentage),
        "samples": scene.cycles.samples, "denoise": scene.cycles.use_denoising,
        "format": (fmt.file_format, fmt.color_depth), "filepath": render.filepath,
        "compositing": render.use_compositing,
    }


def _restore(scene: bpy.types.Scene, saved: dict) -> None:
    render, fmt = scene.render, scene.render.image_settings
    render.resolution_x, render.resolution_y, render.resolution_percentage = saved["res"]
    scene.cycles.samples = saved["samples"]
    scene.cycles.use_denoising = saved["denoise"]
    fmt.file_format = saved["format"][0]
    if fmt.file_format == "OPEN_EXR":
        fmt.color_depth = saved["format"][1]
    render.filepath = saved["filepath"]
    render.use_compositing = saved["compositing"]


def render_still(scene: bpy.types.Scene, out_png: Path, resolution: tuple[int, int],
                 samples: int, companions: bool = True) -> Path:
    """Render the active camera to a PNG that appears only once complete; with
    `companions`, its false-colour companion (and zebras when the scene asks) beside it."""
    saved = _snapshot(scene)
    try:
        render = scene.render
        render.resolution_x, render.resolution_y = resolution
        render.resolution_percentage = 100
        scene.cycles.samples = samples
        scene.cycles.use_denoising = True
        render.image_settings.file_format = "PNG"
        render.image_settings.color_mode = "RGB"
        render.image_settings.color_depth = "8"
        with atomic_path(out_png) as tmp:
            render.filepath = str(tmp)
            render_to_file(scene, tmp)
        if companions:
            write_companions(scene, Path(out_png))
    finally:
        _restore(scene, saved)
    return Path(out_png)


def exposed_linear(scene: bpy.types.Scene, temp_dir: Path | None = None) -> np.ndarray:
    """The last render (after the lens effects) as exposed scene-linear RGB: the Render
    Result saved as a scratch float EXR (Blender writes EXRs without the view's
    exposure) times 2^exposure."""
    fmt = scene.render.image_settings
    saved = (fmt.file_format, fmt.color_depth)
    with scratch_path(temp_dir, suffix=".exr", prefix=".aisets_linear_") as path:
        try:
            fmt.file_format = "OPEN_EXR"
            fmt.color_depth = "32"
            bpy.data.images["Render Result"].save_render(str(path), scene=scene)
        finally:
            fmt.file_format = saved[0]
            if fmt.file_format == "OPEN_EXR":
                fmt.color_depth = saved[1]
        rgb = read_exr(path)
    return rgb * np.float32(2.0 ** scene.view_settings.exposure)


def write_companions(scene: bpy.types.Scene, png: Path, stem: str = "") -> list[Path]:
    """`NAME_falsecolour.png` (zones and legend, by the camera body's latitude) and,
    when the scene asks for zebras, `NAME_zebras.png`, beside `png` (NAME = `stem`, by
    default the PNG's own)."""
    body = render_block(scene).get("camera", {}).get("body", "super35")
    linear = exposed_linear(scene, png.parent)
    stem = stem or png.stem
    out = [png.with_name(stem + "_falsecolour.png")]
    write_png(out[0], ex.with_legend(ex.false_colour(linear, body), body))
    level = float(scene.get(ZEBRAS, 0.0) or 0.0)
    if level > 0:
        from PIL import Image

        with Image.open(png) as image:
            shown = np.asarray(image.convert("RGB"))
        out.append(png.with_name(stem + "_zebras.png"))
        write_png(out[1], ex.zebras(shown, level))
    return out


# --------------------------------------------------------------------- light meter

METER_CARD_M = 0.2          # the incident meter's flat white card
PROBE_SIZE = (16, 16)


def meter_point(scene: bpy.types.Scene, camera: bpy.types.Object,
                at: tuple[float, float, float] | None = None,
                temp_dir: Path | None = None
                ) -> tuple[tuple[float, float, float], float, float | None]:
    """(point, irradiance, radiance) at `at` (default: what the frame's centre sees).
    Irradiance: a flat white card facing the camera, rendered alone by a tiny
    orthographic probe (E = pi L, an incident meter's flat disc). Radiance: what the
    camera itself sees there (a spot meter), when the point is in frame."""
    bpy.context.view_layer.update()           # matrix_world of cameras just built or moved
    point = tuple(at) if at is not None else _centre_hit(scene, camera)
    irradiance = _card_irradiance(scene, camera, point, temp_dir)
    return point, irradiance, _spot_radiance(scene, camera, point, temp_dir)


def _centre_hit(scene: bpy.types.Scene, camera: bpy.types.Object) -> tuple[float, float, float]:
    from mathutils import Vector

    origin = camera.matrix_world.translation
    forward = (camera.matrix_world.to_3x3() @ Vector((0.0, 0.0, -1.0))).normalized()
    depsgraph = bpy.context.evaluated_depsgraph_get()
    hit, location, *_ = scene.ray_cast(depsgraph, origin, forward, distance=5000.0)
    if not hit:
        return tuple(origin + forward * 5.0)
    return tuple(location - forward * 0.05)      # just in front of the surface


def _card_irradiance(scene, camera, point, temp_dir) -> float:
    from mathutils import Vector

    towards = (camera.matrix_world.translation - Vector(point)).normalized()
    rotation = towards.to_track_quat("Z", "Y").to_euler()
    half = METER_CARD_M / 2
    mesh = bpy.data.meshes.new("AI Sets meter card")
    mesh.from_pydata([(-half, -half, 0), (half, -half, 0), (half, half, 0), (-half, half, 0)],
                     [], [(0, 1, 2, 3)])
    material = bpy.data.materials.new("AI Sets meter card")
    tree = material.node_tree if material.node_tree else _nodes(material)
    tree.nodes.clear()
    diffuse = tree.nodes.new("ShaderNodeBsdfDiffuse")
    diffuse.inputs["Color"].default_value = (1.0, 1.0, 1.0, 1.0)
    output = tree.nodes.new("ShaderNodeOutputMaterial")
    tree.links.new(diffuse.outputs[0], output.inputs["Surface"])
    mesh.materials.append(material)
    card = bpy.data.objects.new("AI Sets meter card", mesh)
    card.location, card.rotation_euler = point, rotation
    probe_data = bpy.data.cameras.new("AI Sets meter probe")
    probe_data.type, probe_data.ortho_scale = "ORTHO", METER_CARD_M * 0.5
    probe_data.clip_start, probe_data.clip_end = 0.001, 0.2
    probe = bpy.data.objects.new("AI Sets meter probe", probe_data)
    probe.location = Vector(point) + towards * 0.05
    probe.rotation_euler = rotation
    for obj in (card, probe):
        scene.collection.objects.link(obj)
    try:
        rgb = _render_from(scene, probe, temp_dir, PROBE_SIZE, samples=32)
    finally:
        bpy.data.objects.remove(card)
        bpy.data.objects.remove(probe)
        bpy.data.meshes.remove(mesh)
        bpy.data.materials.remove(material)
        bpy.data.cameras.remove(probe_data)
    return math.pi * float(np.median(rgb @ ex.REC709_Y.astype(np.float32)))


def _nodes(material):
    material.use_nodes = True          # Blender 4.x; 5.x materials always have nodes
    return material.node_tree


def _spot_radiance(scene, camera, point, temp_dir) -> float | None:
    from bpy_extras.object_utils import world_to_camera_view
    from mathutils import Vector

    u, v, depth = world_to_camera_view(scene, camera, Vector(point))
    if depth <= 0 or not (0.0 <= u <= 1.0 and 0.0 <= v <= 1.0):
        return None
    rgb = _render_from(scene, camera, temp_dir, METER_SIZE, samples=12)
    h, w = rgb.shape[:2]
    x, y = min(int(u * w), w - 1), min(int((1.0 - v) * h), h - 1)
    block = rgb[max(y - 2, 0):y + 3, max(x - 2, 0):x + 3]
    return float(np.mean(block @ ex.REC709_Y.astype(np.float32)))


def _render_from(scene, camera, temp_dir, size: int, samples: int) -> np.ndarray:
    """A probe render seen from `camera`; the scene's own camera is put back after."""
    saved = scene.camera
    try:
        scene.camera = camera
        return _probe_render(scene, temp_dir, size, samples=samples)
    finally:
        scene.camera = saved


def _probe_render(scene, temp_dir, size: tuple[int, int], samples: int) -> np.ndarray:
    saved = _snapshot(scene)
    pixel_aspect = (scene.render.pixel_aspect_x, scene.render.pixel_aspect_y)
    with scratch_path(temp_dir, suffix=".exr", prefix=".aisets_probe_") as path:
        try:
            scene.render.pixel_aspect_x = scene.render.pixel_aspect_y = 1.0
            return _render_meter(scene, str(path), size, samples)
        finally:
            _restore(scene, saved)
            scene.render.pixel_aspect_x, scene.render.pixel_aspect_y = pixel_aspect
