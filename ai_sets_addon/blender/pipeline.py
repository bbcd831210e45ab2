"""The one pipeline the operator, the CLI and batch jobs share.

    prompt ──prepare (pure, any thread)──► staging folder ──read_set──► Blender scene
                                                         ──► render, set.blend ──► manifest ──► swap

`build` runs it all inside a staging folder, so a failed, cancelled or killed run leaves
the previous set folder whole. Generate's modal operator runs the same steps split in
two: `open_folder` + `prepare` in a worker thread, then `finish` on the main thread.
"""

from __future__ import annotations

import platform
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..model.assets import SkyAsset
from ..core.faults import checkpoint
from ..core.fileio import atomic_path
from ..model.plan import SkyRequest
from ..generation.prepare import BuildOptions, CancelFn, ProgressFn, prepare_set
from ..setfile import SetDocument, SetWriter, read_set

__version__ = "0.1.0"


@dataclass
class BuildRequest:
    """Everything a build needs; the manifest records it so a run can be repeated."""

    prompt: str
    seed: int = 0
    out_dir: Path = Path("out")
    options: BuildOptions = field(default_factory=BuildOptions)
    render: bool = False
    samples: int = 32
    resolution: tuple[int, int] = (960, 540)
    save_blend: bool = True
    wait: bool = False              # wait for another run's lock instead of refusing


@dataclass
class BuildResult:
    doc: SetDocument
    folder: Path
    timings: dict[str, float]
    exposure: float | None = None
    collection: str = ""            # the set's collection in the scene

    @property
    def notices(self) -> list[str]:
        return self.doc.notices


def open_folder(request: BuildRequest) -> SetWriter:
    """Lock the set folder and make its staging folder (exit 2 if another run holds it)."""
    request.options.validate()
    return SetWriter(request.out_dir, wait=request.wait).__enter__()


def prepare(request: BuildRequest, writer: SetWriter, progress: ProgressFn | None = None,
            cancel: CancelFn | None = None) -> dict[str, float]:
    """The pure half into the staging folder; returns per-stage timings."""
    from ..ai.backends import backends_for

    _, timings = prepare_set(request.prompt, request.seed, writer.path, request.options,
                             progress, cancel, backends=backends_for)
    return timings


def apply(doc: SetDocument, scene=None, meter: bool = True, temp_dir: Path | None = None):
    """Build a set read from its folder (`read_set`) into `scene` (default: the
    context scene); the meter's scratch render goes to `temp_dir` (default: hidden,
    beside the set folder)."""
    import bpy

    from .scene.builder import apply_to_scene

    return apply_to_scene(doc, scene or bpy.context.scene, meter=meter,
                          temp_dir=temp_dir or doc.folder.parent)


def publish(request: BuildRequest, writer: SetWriter, doc: SetDocument,
            timings: dict[str, float], extra: dict | None = None) -> Path:
    """Manifest over every staged file, then swap the staging folder into place."""
    return writer.commit(manifest_fields(request, doc, timings, extra or {}))


def build(request: BuildRequest, progress: ProgressFn | None = None,
          cancel: CancelFn | None = None, scene=None,
          before_scene: Callable[[Path], None] | None = None) -> BuildResult:
    """The whole pipeline, for `ai-sets build`, Generate in the background and batch:
    lock + staging, the pure half, `before_scene` on the staged folder (AI painting),
    then `finish`. The previous set stays whole until the very end."""
    progress = progress or (lambda fraction, message: None)
    with SetWriter(request.out_dir, wait=request.wait) as writer, _on_interrupt(writer):
        request.options.validate()
        timings = prepare(request, writer, _scaled(progress, 0.0, 0.6), cancel)
        if before_scene is not None:
            _timed(timings, "paint", before_scene, writer.path)
        return finish(request, writer, timings, scene, progress)


def finish(request: BuildRequest, writer: SetWriter, timings: dict[str, float], scene=None,
           progress: ProgressFn | None = None) -> BuildResult:
    """Main thread, after `prepare`: the scene from the staged folder, the preview and
    set.blend when asked, then the manifest and the swap; the scene's files then point
    at the published folder. Generate's modal operator calls this too."""
    import bpy

    progress = progress or (lambda fraction, message: None)
    scene = scene or bpy.context.scene
    progress(0.62, "building the Blender scene from the set folder")
    start = time.perf_counter()
    staged = read_set(writer.path)
    scene_result = apply(staged, scene, temp_dir=writer.work_dir)
    timings["scene"] = round(time.perf_counter() - start, 4)
    checkpoint("scene")
    if request.render:
        progress(0.7, f"rendering preview {request.resolution[0]}x{request.resolution[1]}")
        _timed(timings, "render", _render, scene, request, writer.path / "preview.png")
        checkpoint("render")
    if request.save_blend:
        progress(0.95, "saving set.blend")
        _record_final_folder(scene, writer.out)
        _timed(timings, "save", save_blend, writer.path / "set.blend")
        checkpoint("blend")
    render_info = {"exposure_ev": scene_result.exposure, "preview": request.render,
                   "samples": request.samples, "resolution": list(request.resolution),
                   **_camera_block(scene)}
    if request.render and render_info.get("settings"):
        render_info["false_colour"] = "preview_falsecolour.png"
    folder = publish(request, writer, staged, timings, {"render": render_info})
    from .scene.builder import relocate

    relocate(scene, writer.path, folder)
    progress(1.0, f"done: {folder}")
    return BuildResult(read_set(folder), folder, timings, scene_result.exposure,
                       scene_result.collection.name)


@contextmanager
def _on_interrupt(writer: SetWriter):
    """Ctrl-C / SIGTERM (ai_sets_addon/core/interrupts.py) say what a killed build leaves behind."""
    from ..core import interrupts

    remove = interrupts.on_interrupt(lambda: f"the previous set in {writer.out} is intact "
                                             "(the unfinished staging folder is removed "
                                             "by the next build)")
    try:
        yield
    finally:
        remove()


def update_sky(scene, request: SkyRequest, width: int, folder: Path,
               keep_sun_disc: bool = False, city_glow: float = 0.0) -> SkyAsset:
    """Regenerate only the sky of the set in `scene` (world, sun lamp, exposure): a new
    revision of its set folder (sky files and set.json), published whole, then the
    scene's world and sun rebuilt from it."""
    from ..setfile import revise, write_set_json
    from ..generation.sky import ProceduralSky, SkyOptions
    from .scene.builder import replace_sky

    backend = ProceduralSky(SkyOptions(sun_in_map=keep_sun_disc, city_glow=city_glow))
    with revise(Path(folder), f"sky: {request.time_of_day}, {request.cloud_cover}") as writer:
        doc = read_set(writer.path)
        doc.sky = backend.make_sky(request, width, writer.path / "sky.exr")
        doc.plan.sky = request
        write_set_json(doc, writer.path)
    sky = read_set(folder).sky
    replace_sky(scene, sky)
    return sky


def _scaled(progress: ProgressFn, lo: float, hi: float) -> ProgressFn:
    return lambda fraction, message: progress(lo + (hi - lo) * fraction, message)


def _timed(timings: dict[str, float], stage: str, func, *args):
    start = time.perf_counter()
    value = func(*args)
    timings[stage] = round(time.perf_counter() - start, 4)
    return value


def _render(scene, request: BuildRequest, out_png: Path) -> Path:
    from .scene.render import render_still

    return render_still(scene, out_png, request.resolution, request.samples)


def _camera_block(scene) -> dict:
    """ISO, shutter, T-stop, ND, white balance, look and lens effects the preview (and
    set.blend) carry, with the working colour space (blender/scene/render.py)."""
    from .scene.render import render_block

    block = render_block(scene)
    if not block:
        return {}
    keep = ("settings", "label", "auto", "notes", "metered_ev", "error_ev", "white_balance",
            "look", "lens_effects", "camera", "colour_space")
    return {key: block[key] for key in keep if key in block}


def _record_final_folder(scene, folder: Path) -> None:
    """set.blend is saved from staging but read after the swap: it must name the
    published folder, not the staging one."""
    from .scene.builder import SET_FOLDER, current_set

    root = current_set(scene)
    if root is not None:
        root[SET_FOLDER] = str(folder)


def save_blend(path: Path) -> Path:
    """Save a copy with paths relative to the blend, via a temp name then rename."""
    import bpy

    with atomic_path(path) as tmp:
        tmp.unlink()  # else Blender keeps the empty placeholder as a .blend1 backup
        bpy.ops.wm.save_as_mainfile(filepath=str(tmp), copy=True, relative_remap=True,
                                    compress=True)
    return path


def versions() -> dict[str, str]:
    found = {"ai_sets": __version__, "python": platform.python_version(),
             "platform": platform.platform()}
    for module in ("numpy", "trimesh", "OpenEXR", "xatlas"):
        mod = sys.modules.get(module) or _try_import(module)
        found[module] = getattr(mod, "__version__", "unknown") if mod else "missing"
    bpy = sys.modules.get("bpy")          # never load Blender just to name its version
    found["blender"] = bpy.app.version_string if bpy is not None else "not loaded"
    return found


def _try_import(name: str):
    try:
        return __import__(name)
    except ImportError:
        return None


def manifest_fields(request: BuildRequest, doc: SetDocument, timings: dict[str, float],
                    extra: dict) -> dict:
    """What manifest.json says besides its file list: enough to repeat the run."""
    return {
        "prompt": request.prompt, "seed": request.seed, "set": doc.plan.name,
        "archetype": doc.plan.archetype, "options": asdict(request.options),
        "backend": {"sky": request.options.sky_backend,
                    "materials": request.options.material_backend},
        "sun": {"azimuth_deg": doc.sky.sun_azimuth_deg,
                "elevation_deg": doc.sky.sun_elevation_deg,
                "irradiance_w_m2": doc.sky.sun_irradiance_w_m2},
        "notices": doc.notices, "versions": versions(), "timings_s": timings, **extra,
    }
