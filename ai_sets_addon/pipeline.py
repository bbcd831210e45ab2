"""The one pipeline the operator, the CLI and batch jobs share.

`prepare` is pure (any thread or process); `apply` touches Blender (main thread);
`build` chains them and writes the deliverables (blend, render, manifest).
"""

from __future__ import annotations

import platform
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .generation.assets import SkyAsset
from .generation.fileio import atomic_path, sha256_of, write_json
from .generation.pipeline import (BuildOptions, CancelFn, PreparedSet, ProgressFn,
                                  prepare_set)
from .generation.plan import SkyRequest

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


@dataclass
class BuildResult:
    prepared: PreparedSet
    outputs: dict[str, Path]
    timings: dict[str, float]
    exposure: float
    manifest_path: Path | None = None


def prepare(request: BuildRequest, progress: ProgressFn | None = None,
            cancel: CancelFn | None = None) -> PreparedSet:
    return prepare_set(request.prompt, request.seed, request.out_dir, request.options,
                       progress, cancel)


def apply(prepared: PreparedSet, scene=None):
    """Build the prepared set into `scene` (default: the context scene)."""
    import bpy

    from .scene.builder import apply_to_scene

    return apply_to_scene(prepared, scene or bpy.context.scene)


def update_sky(scene, request: SkyRequest, width: int, folder: Path,
               keep_sun_disc: bool = False, city_glow: float = 0.0) -> SkyAsset:
    """Regenerate only the sky of the set in `scene` (world, sun lamp, exposure)."""
    from .generation.sky import ProceduralSky, SkyOptions
    from .scene.builder import replace_sky

    backend = ProceduralSky(SkyOptions(sun_in_map=keep_sun_disc, city_glow=city_glow))
    sky = backend.make_sky(request, width, Path(folder) / "sky.exr")
    replace_sky(scene, sky)
    return sky


def build(request: BuildRequest, progress: ProgressFn | None = None,
          cancel: CancelFn | None = None) -> BuildResult:
    """Headless build: assets, scene, then set.blend, preview.png and manifest.json."""
    progress = progress or (lambda fraction, message: None)
    prepared = prepare(request, _scaled(progress, 0.0, 0.6), cancel)
    timings = dict(prepared.timings)
    start = time.perf_counter()
    progress(0.62, "building the Blender scene")
    result = apply(prepared)
    timings["scene"] = round(time.perf_counter() - start, 4)
    outputs = {"sky": prepared.assets.sky.exr_path}
    outputs.update({f"texture:{p.name}": p for p in _texture_files(prepared)})
    if request.render:
        progress(0.7, f"rendering preview {request.resolution[0]}x{request.resolution[1]}")
        outputs["preview"] = _timed(timings, "render", _render, request)
    if request.save_blend:
        progress(0.95, "saving set.blend")
        outputs["blend"] = _timed(timings, "save", save_blend, request.out_dir / "set.blend")
    build_result = BuildResult(prepared, outputs, timings, result.exposure)
    build_result.manifest_path = write_manifest(request, build_result)
    progress(1.0, f"done: {request.out_dir}")
    return build_result


def _scaled(progress: ProgressFn, lo: float, hi: float) -> ProgressFn:
    return lambda fraction, message: progress(lo + (hi - lo) * fraction, message)


def _timed(timings: dict[str, float], stage: str, func, *args):
    start = time.perf_counter()
    value = func(*args)
    timings[stage] = round(time.perf_counter() - start, 4)
    return value


def _texture_files(prepared: PreparedSet) -> list[Path]:
    files = []
    for tex in prepared.assets.materials.values():
        files += sorted(tex.maps.values())
    return sorted(set(files))


def _render(request: BuildRequest) -> Path:
    import bpy

    from .scene.render import render_still

    return render_still(bpy.context.scene, request.out_dir / "preview.png",
                        request.resolution, request.samples)


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
    for module in ("numpy", "trimesh", "OpenEXR"):
        mod = sys.modules.get(module) or _try_import(module)
        found[module] = getattr(mod, "__version__", "unknown") if mod else "missing"
    try:
        import bpy
        found["blender"] = bpy.app.version_string
    except ImportError:
        found["blender"] = "missing"
    return found


def _try_import(name: str):
    try:
        return __import__(name)
    except ImportError:
        return None


def write_manifest(request: BuildRequest, result: BuildResult) -> Path:
    """manifest.json: enough to reproduce the run and to check every file it wrote."""
    out = request.out_dir
    prepared = result.prepared
    files = {}
    for label, path in sorted(result.outputs.items()):
        path = Path(path)
        files[label] = {"path": str(path.relative_to(out) if path.is_relative_to(out) else path),
                        "sha256": sha256_of(path), "bytes": path.stat().st_size}
    manifest = {
        "prompt": request.prompt, "seed": request.seed,
        "spec": prepared.spec.to_dict(), "plan": prepared.plan.summary(),
        "options": asdict(request.options),
        "backend": {"sky": request.options.sky_backend,
                    "materials": request.options.material_backend},
        "render": {"enabled": request.render, "samples": request.samples,
                   "resolution": list(request.resolution), "exposure_ev": result.exposure},
        "sun": {"azimuth_deg": prepared.assets.sky.sun_azimuth_deg,
                "elevation_deg": prepared.assets.sky.sun_elevation_deg,
                "irradiance_w_m2": prepared.assets.sky.sun_irradiance_w_m2},
        "notices": list(prepared.spec.notices) + list(prepared.plan.notices),
        "versions": versions(), "timings_s": result.timings, "files": files,
    }
    return write_json(out / "manifest.json", manifest)
