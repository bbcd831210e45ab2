"""The pure half of the pipeline: prompt -> SetSpec -> SetPlan -> a set folder.

Runs without Blender (a worker thread, a subprocess, a Dask worker). It writes into
the folder it is given (a staging folder: see setfile.SetWriter) and returns the
document it wrote; everything downstream reads the folder back with `read_set`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from . import archetypes
from ..model.ai_settings import AiSettings
from ..model.assets import MaterialDescription, SkyAsset
from .protocols import MaterialBackend, SkyBackend
from ..core import limits
from ..core.errors import Cancelled, InputError
from ..core.faults import checkpoint
from ..core.fileio import ensure_writable_dir
from ..model.plan import SHADER_FAMILIES, SetPlan
from .portals import add_window_portals
from ..setfile import SetDocument, write_document
from ..setfile.atlas import DEFAULT_DENSITY_PX_PER_M, unwrap
from ..model.spec import SetSpec

ProgressFn = Callable[[float, str], None]
CancelFn = Callable[[], bool]

BACKENDS = limits.BACKENDS.values
NO_AI_FACTORY = ("the diffusers backends need the AI package's factory: build through the "
                 "pipeline (ai-sets build, the Generate button) or pass "
                 "backends=ai_sets_addon.ai.backends.backends_for")
# (options, prompt, report) -> (sky backend, material backend); see procedural_backends
BackendFactory = Callable[..., "tuple[SkyBackend, MaterialBackend]"]


@dataclass
class BuildOptions:
    """How big and by which backend; part of what makes a result reproducible."""

    texture_size: int = 1024
    hdri_width: int = 2048
    sky_backend: str = "procedural"
    material_backend: str = "procedural"
    texel_density: float = DEFAULT_DENSITY_PX_PER_M   # atlas pixels per metre
    time_of_day: str | None = None       # overrides the prompt's (batch time-of-day lists)
    ai: AiSettings | dict[str, Any] | None = None   # the model of a "diffusers" backend

    @property
    def uses_ai(self) -> bool:
        return "diffusers" in (self.sky_backend, self.material_backend)

    def validate(self) -> None:
        """The one validator of build options: every range comes from core/limits.py, and
        a wrong type from a Python caller (batch, operator, script) is bad input too."""
        for what, name in (("sky", self.sky_backend), ("material", self.material_backend)):
            if name not in BACKENDS:
                raise InputError(f"unknown {what} backend '{name}'; available: "
                                 + ", ".join(BACKENDS))
        if self.uses_ai:
            AiSettings.coerce(self.ai).check()      # no model named: say so now
        limits.TEXTURE_SIZE.check(self.texture_size)
        limits.HDRI_WIDTH.check(self.hdri_width)
        limits.TEXEL_DENSITY.check(self.texel_density)
        if self.time_of_day is not None:
            limits.TIMES_OF_DAY.check(self.time_of_day)



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
        checkpoint(stage)
        return result


def make_spec(prompt: str, seed: int) -> SetSpec:
    from .prompt import parse_prompt

    if not isinstance(seed, int) or not 0 <= seed < 2**31:
        raise InputError(f"seed {seed!r} is out of range; use a whole number 0..2147483647")
    return parse_prompt(prompt, seed=seed)



def prepare_set(prompt: str, seed: int, folder: Path, options: BuildOptions | None = None,
                progress: ProgressFn | None = None, cancel: CancelFn | None = None,
                backends: BackendFactory | None = None
                ) -> tuple[SetDocument, dict[str, float]]:
    """Parse, plan, make every asset and write the whole set folder into `folder`.
    `backends` makes the sky and material backends (default: procedural; the pipeline
    and the worker pass `ai.backends.backends_for`). Returns the document written and
    the per-stage timings."""
    options = options or BuildOptions()
    options.validate()
    if options.uses_ai and backends is None:
        raise InputError(NO_AI_FACTORY)
    steps = _Steps(progress, cancel)
    steps.check(0.0, "reading the prompt")
    spec = steps.timed("parse", make_spec, prompt, seed)
    if options.time_of_day:
        spec.time_of_day = options.time_of_day
    ensure_writable_dir(folder)
    steps.check(0.05, f"laying out the {spec.archetype.replace('_', ' ')}")
    plan = steps.timed("layout", archetypes.plan_set, spec)
    if add_window_portals(plan) and not plan.sky.skyline:
        plan.sky.skyline = "city"         # what the windows look out on
    steps.check(0.1, "painting sky and materials, unwrapping atlases")
    sky, materials = steps.timed("assets", make_assets, plan, options, Path(folder), steps,
                                 spec.prompt, backends)
    doc = SetDocument(spec=spec, plan=plan, materials=materials, sky=sky,
                      options=asdict(options), texel_density_px_per_m=options.texel_density,
                      folder=Path(folder))
    steps.check(0.92, "writing the set folder")
    steps.timed("write", write_document, doc, Path(folder))
    steps.check(0.95, "set folder ready")
    return doc, steps.timings


def make_assets(plan: SetPlan, options: BuildOptions, folder: Path, steps: _Steps,
                prompt: str = "", backends: BackendFactory | None = None
                ) -> tuple[SkyAsset, dict[str, MaterialDescription]]:
    """Sky, material maps and atlas unwraps in parallel (numpy releases the GIL in its
    heavy loops); a failure or cancel drops every queued job and waits for the running
    ones, so nothing writes into the folder after this returns. `backends` makes the
    sky and material backends (the AI package's `backends_for` loads a diffusers model
    first)."""
    from .materials.shader_maps import make_shader_material

    sky_backend, mat_backend = (backends or procedural_backends)(options, prompt, steps.check)
    textures = folder / "textures"
    pool = ThreadPoolExecutor(max_workers=2)
    try:
        sky_future = pool.submit(_timed_sky, sky_backend, plan, options, folder)
        jobs: dict[str, Future] = {       # shader-only: constants + the exporters' maps
            m.key: pool.submit(make_shader_material if m.family in SHADER_FAMILIES
                               else mat_backend.make_material, m, options.texture_size,
                               textures)
            for m in plan.materials.values()}
        jobs.update({f"atlas:{i}": pool.submit(unwrap, part, options.texel_density)
                     for i, part in enumerate(plan.parts)})
        for done, (key, future) in enumerate(jobs.items(), 1):
            future.result()
            steps.check(0.1 + 0.8 * done / (len(jobs) + 1), f"{key} done")
        sky, sky_seconds = sky_future.result()
    except BaseException:
        # Queued jobs are dropped, running ones finished: one still writing after we
        # return would re-create the staging folder the caller is removing.
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown()
    steps.timings["sky"] = sky_seconds
    materials = {}
    for key in plan.materials:
        materials[key] = jobs[key].result()
        materials[key].masks = sorted({m for p in plan.parts if p.material == key
                                       for m in p.vertex_masks})
    return sky, materials


def _timed_sky(backend: SkyBackend, plan: SetPlan, options: BuildOptions,
               folder: Path) -> tuple[SkyAsset, float]:
    start = time.perf_counter()
    sky = backend.make_sky(plan.sky, options.hdri_width, folder / "sky.exr")
    return sky, round(time.perf_counter() - start, 4)


def procedural_backends(options: BuildOptions, prompt: str = "", report=None
                        ) -> tuple[SkyBackend, MaterialBackend]:
    """The default backends (numpy, no GPU, no weights). A build that asks for the
    diffusers backends is handed the AI package's factory (`ai.backends.backends_for`,
    which the pipeline and the worker pass); prepare_set refuses one without it."""
    from .materials import ProceduralMaterials
    from .sky import ProceduralSky

    return ProceduralSky(), ProceduralMaterials()
