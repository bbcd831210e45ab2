"""The pure half of the pipeline: prompt -> SetSpec -> SetPlan -> asset files.

Runs without Blender (a worker thread, a subprocess, a Dask worker); the scene layer
then turns a `PreparedSet` into Blender data on the main thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import archetypes
from .assets import AssetBundle, SkyAsset, TextureSet
from .backends import MaterialBackend, SkyBackend
from .errors import Cancelled, InputError
from .fileio import ensure_writable_dir
from .plan import SHADER_FAMILIES, SetPlan
from .spec import SetSpec

ProgressFn = Callable[[float, str], None]
CancelFn = Callable[[], bool]

TEXTURE_SIZES = (256, 512, 1024, 2048, 4096)
HDRI_WIDTH_RANGE = (512, 16384)


@dataclass
class BuildOptions:
    """How big and by which backend; part of what makes a result reproducible."""

    texture_size: int = 1024
    hdri_width: int = 2048
    sky_backend: str = "procedural"
    material_backend: str = "procedural"

    def validate(self) -> None:
        if self.texture_size not in TEXTURE_SIZES:
            raise InputError(f"texture size {self.texture_size} is not supported; "
                             f"use one of {', '.join(map(str, TEXTURE_SIZES))}")
        lo, hi = HDRI_WIDTH_RANGE
        if not lo <= self.hdri_width <= hi or self.hdri_width % 2:
            raise InputError(f"HDRI width {self.hdri_width} is out of range; use an even "
                             f"width from {lo} to {hi} (the height is half the width)")


@dataclass
class PreparedSet:
    spec: SetSpec
    plan: SetPlan
    assets: AssetBundle
    options: BuildOptions
    timings: dict[str, float] = field(default_factory=dict)


class _Steps:
    """Progress reporting, cancel checks and per-stage timings in one place."""

    def __init__(self, progress: ProgressFn | None, cancel: CancelFn | None) -> None:
        self.progress, self.cancel = progress, cancel
        self.timings: dict[str, float] = {}

    def check(self, fraction: float, message: str) -> None:
        if self.cancel and self.cancel():
            raise Cancelled("cancelled by the user")
        if self.progress:
            self.progress(fraction, message)

    def timed(self, stage: str, func, *args):
        start = time.perf_counter()
        result = func(*args)
        self.timings[stage] = round(time.perf_counter() - start, 4)
        return result


def make_spec(prompt: str, seed: int) -> SetSpec:
    from .prompt import parse_prompt

    if not isinstance(seed, int) or not 0 <= seed < 2**31:
        raise InputError(f"seed {seed!r} is out of range; use a whole number 0..2147483647")
    return parse_prompt(prompt, seed=seed)


def prepare_set(prompt: str, seed: int, asset_dir: Path, options: BuildOptions | None = None,
                progress: ProgressFn | None = None, cancel: CancelFn | None = None) -> PreparedSet:
    """Parse, plan and make every asset file into asset_dir (sky.exr, textures/)."""
    options = options or BuildOptions()
    options.validate()
    steps = _Steps(progress, cancel)
    steps.check(0.0, "reading the prompt")
    spec = steps.timed("parse", make_spec, prompt, seed)
    ensure_writable_dir(asset_dir)
    steps.check(0.05, f"laying out the {spec.archetype.replace('_', ' ')}")
    plan = steps.timed("layout", archetypes.plan_set, spec)
    steps.check(0.1, "painting sky and materials")
    assets = steps.timed("assets", make_assets, plan, options, Path(asset_dir), steps)
    steps.check(0.9, "assets ready")
    return PreparedSet(spec, plan, assets, options, steps.timings)


def make_assets(plan: SetPlan, options: BuildOptions, asset_dir: Path,
                steps: _Steps | None = None) -> AssetBundle:
    """Sky and materials in parallel (numpy releases the GIL in its heavy loops)."""
    sky_backend = get_sky_backend(options.sky_backend)
    mat_backend = get_material_backend(options.material_backend)
    textures = asset_dir / "textures"
    requests = [m for m in plan.materials.values() if m.family not in SHADER_FAMILIES]
    with ThreadPoolExecutor(max_workers=2) as pool:
        sky_future = pool.submit(_timed_sky, sky_backend, plan, options, asset_dir)
        mat_futures = {m.key: pool.submit(mat_backend.make_material, m, options.texture_size,
                                          textures) for m in requests}
        done, total = 0, len(mat_futures) + 1
        materials: dict[str, TextureSet] = {}
        for key, future in mat_futures.items():
            materials[key] = future.result()
            done += 1
            if steps:
                steps.check(0.1 + 0.8 * done / total, f"material '{key}' done")
        sky, sky_seconds = sky_future.result()
    if steps:
        steps.timings["sky"] = sky_seconds
    return AssetBundle(sky=sky, materials=materials)


def _timed_sky(backend: SkyBackend, plan: SetPlan, options: BuildOptions,
               asset_dir: Path) -> tuple[SkyAsset, float]:
    start = time.perf_counter()
    sky = backend.make_sky(plan.sky, options.hdri_width, asset_dir / "sky.exr")
    return sky, round(time.perf_counter() - start, 4)


def get_sky_backend(name: str) -> SkyBackend:
    if name == "procedural":
        from .sky import ProceduralSky
        return ProceduralSky()
    raise InputError(f"unknown sky backend '{name}'; available: procedural")


def get_material_backend(name: str) -> MaterialBackend:
    if name == "procedural":
        from .materials import ProceduralMaterials
        return ProceduralMaterials()
    raise InputError(f"unknown material backend '{name}'; available: procedural")

