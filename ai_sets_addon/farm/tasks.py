"""A job file expanded into tasks: one prepare per set variant, an optional paint (GPU),
one render per shot. Pure: no bpy, no dask.

A task's `key` hashes everything that decides its outputs (a render's key includes its
set's), so a re-run recognises finished work and a changed job file redoes only what
it changed. Layout under the batch folder:

    DIR/<set>/set/           the set folder (ai-sets verify DIR/<set>/set)
    DIR/<set>/<shot>.png     a render; <shot>.json beside it records its sha256
    DIR/logs/<task>.log      each task's log (every attempt appended)
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, replace

from ..core.errors import InputError
from ..model.spec import SetSpec

DEFAULT_TIME = SetSpec.__dataclass_fields__["time_of_day"].default   # a prompt that names none
from ..core.readers import windows_device
from .jobfile import (SCOUTS, JobFile, JobFileError, PaintJob, Problem, SetJob, ShotJob,
                      portable_name_problem, shot_slug)

SET_DIR = "set"


@dataclass(frozen=True)
class Task:
    kind: str                       # prepare | paint | render
    set_id: str
    key: str                        # sha256 of what decides the outputs
    needs: tuple[str, ...] = ()     # task ids this one depends on (when they must run)

    @property
    def task_id(self) -> str:
        return f"{self.kind} {self.set_id}"

    @property
    def gpu(self) -> bool:
        return False

    def outputs(self) -> list[str]:
        return []


@dataclass(frozen=True)
class PrepareTask(Task):
    prompt: str = ""
    seed: int = 0
    time_of_day: str | None = None
    options: dict = field(default_factory=dict)
    cameras: tuple[str, ...] = ()

    def outputs(self) -> list[str]:
        return [f"{self.set_id}/{SET_DIR}/manifest.json"]


@dataclass(frozen=True)
class PaintTask(Task):
    paint: dict = field(default_factory=dict)

    @property
    def gpu(self) -> bool:
        return True


@dataclass(frozen=True)
class RenderTask(Task):
    shot_id: str = ""
    camera: str = ""                # a scout camera of the set ("" for a saved shot)
    resolution: tuple[int, int] = (960, 540)
    samples: int = 32
    lens_mm: float | None = None
    saved: dict | None = None       # a saved shot (scout/shots.py Shot fields)
    sky: str = "saved"              # a saved shot's sky: "saved" (its own hour) or "set"
    sky_width: int = 0              # > 0: the render makes the saved shot's own sky
    exposure: dict | None = None    # the job's camera exposure (scout.exposure.Request fields)
    stand_ins: tuple[dict, ...] = ()  # figures on marks (jobfile.ShotJob.stand_ins)

    @property
    def task_id(self) -> str:
        return f"render {self.set_id}/{self.shot_id}"

    def outputs(self) -> list[str]:
        return [f"{self.set_id}/{self.shot_id}.png"]

    def summary(self) -> str:
        """What the --dry-run table says this render makes."""
        size = f"{self.resolution[0]}x{self.resolution[1]} {self.samples} spp"
        lens = f" {self.lens_mm:g} mm" if self.lens_mm else ""
        if self.saved is None:
            return f"{self.camera} {size}{lens}"
        from ..scout import cameras
        from ..scout.daylight import hour_label

        shot = self.saved
        lens = cameras.lens_label(self.lens_mm or shot["lens_mm"], shot["squeeze"])
        when = (f"{hour_label(shot['hour'])} {shot['sky'].get('time_of_day', '')}".strip()
                if self.sky == "saved" and shot["sky"] else "set sky")
        return (f"saved '{shot['name']}' {cameras.body(shot['body']).name}, {lens}, "
                f"{when}, {size}")


@dataclass
class Expansion:
    tasks: list[Task]

    def of_kind(self, kind: str) -> list[Task]:
        return [t for t in self.tasks if t.kind == kind]


def digest(data: object) -> str:
    text = json.dumps(data, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def expand(jobs: JobFile) -> Expansion:
    """Every task of the job file; plans each set variant (pure, ~0.3 s) to know its
    cameras, so "all" expands and an unknown camera is reported with its line."""
    problems: list[Problem] = []
    tasks: list[Task] = []
    seen: dict[str, int] = {}
    for job in jobs.sets:
        for seed in job.seeds:
            for time in job.times:
                tasks += _variant(job, seed, time, problems, seen)
    if problems:
        raise JobFileError(jobs.path, problems)
    return Expansion(tasks)


def _variant(job: SetJob, seed: int, time: str | None, problems: list[Problem],
             seen: dict[str, int]) -> list[Task]:
    set_id = _set_id(job, seed, time)
    if set_id.casefold() in seen:
        problems.append(Problem(job.line, f"set '{set_id}' is declared twice (also line "
                                          f"{seen[set_id.casefold()]}; names are compared "
                                          "without case, as on Windows and macOS); give "
                                          "each set its own name"))
        return []
    seen[set_id.casefold()] = job.line
    prompt = job.prompt
    plan = _plan(job, prompt, seed, time, problems)
    if plan is None:
        return []
    cameras = [camera.name for camera in plan.cameras]
    options = asdict(replace(job.options, time_of_day=time))   # the spec's time, typed
    prepare = PrepareTask("prepare", set_id, digest(["prepare", prompt, seed, options]),
                          prompt=prompt, seed=seed, time_of_day=time, options=options,
                          cameras=tuple(cameras))
    tasks: list[Task] = [prepare]
    upstream = prepare
    if job.paint is not None:
        upstream = _paint_task(set_id, job.paint, prepare)
        tasks.append(upstream)
    shot_ids: dict[str, int] = {}
    for shot in job.shots:
        renders = [_render_task(set_id, shot, camera, upstream)
                   for camera in _cameras_of(shot, cameras, set_id, problems)]
        renders += [_saved_render_task(set_id, shot, saved, upstream, plan.sky,
                                       job.options.hdri_width) for saved in shot.saved]
        for render in renders:
            key = render.shot_id.casefold()
            if key in shot_ids:
                problems.append(Problem(shot.line, f"shot '{set_id}/{render.shot_id}' is "
                                        f"declared twice (also line {shot_ids[key]}; names "
                                        "are compared without case, as on Windows and "
                                        "macOS); give one of them a name"))
                continue
            problem = portable_name_problem(render.shot_id)
            if problem and windows_device(render.shot_id):
                problems.append(Problem(shot.line, f"shot '{set_id}/{render.shot_id}': "
                                                   f"{problem}"))
                continue
            shot_ids[key] = shot.line
            tasks.append(render)
    return tasks


def _set_id(job: SetJob, seed: int, time: str | None) -> str:
    parts = [job.name, f"s{seed}"]        # stable when a seed list grows later
    if time:
        parts.append(time)
    return "-".join(parts)


def _plan(job: SetJob, prompt: str, seed: int, time: str | None, problems: list[Problem]):
    """The set variant's plan (its cameras and its sky), or None when it cannot be."""
    from ..generation import archetypes
    from ..generation.prepare import make_spec

    try:
        spec = make_spec(prompt, seed)
    except InputError as exc:
        problems.append(Problem(job.line, f"prompt: {exc}"))
        return None
    if time is not None and spec.time_of_day not in (time, DEFAULT_TIME):
        problems.append(Problem(job.line, f"the prompt already sets the time of day "
                                          f"({spec.time_of_day.replace('_', ' ')}); remove "
                                          "it from the prompt to use the time_of_day list"))
        return None
    if time is not None:
        spec.time_of_day = time            # as prepare_set applies BuildOptions.time_of_day
    return archetypes.plan_set(spec)


def _paint_task(set_id: str, paint: PaintJob, prepare: PrepareTask) -> PaintTask:
    settings = asdict(paint)
    return PaintTask("paint", set_id, digest(["paint", prepare.key, settings]),
                     needs=(prepare.task_id,), paint=settings)


def _cameras_of(shot: ShotJob, cameras: list[str], set_id: str,
                problems: list[Problem]) -> list[str]:
    chosen: list[str] = []
    for name in shot.cameras:
        if name.lower() in SCOUTS:
            chosen += [c for c in cameras if c not in chosen]
        elif name in cameras:
            chosen += [name] if name not in chosen else []
        else:
            problems.append(Problem(shot.line, f"set '{set_id}' has no camera '{name}'; its "
                                    f"cameras: {', '.join(cameras)} (or \"all\")"))
    return chosen


def _render_task(set_id: str, shot: ShotJob, camera: str, upstream: Task) -> RenderTask:
    shot_id = camera if shot.name is None else (
        shot.name if len(shot.cameras) == 1 and shot.cameras[0].lower() not in SCOUTS
        else f"{shot.name}-{camera}")
    if shot.name is None and shot.lens_mm is not None:
        shot_id += f"-{shot.lens_mm:g}mm"
    settings = [camera, list(shot.resolution), shot.samples, shot.lens_mm]
    settings += [shot.exposure] if shot.exposure else []
    settings += [list(shot.stand_ins)] if shot.stand_ins else []
    return RenderTask("render", set_id, digest(["render", upstream.key, settings]),
                      needs=(upstream.task_id,), shot_id=shot_id, camera=camera,
                      resolution=shot.resolution, samples=shot.samples, lens_mm=shot.lens_mm,
                      exposure=shot.exposure or None, stand_ins=shot.stand_ins)


def _saved_render_task(set_id: str, shot: ShotJob, saved: dict, upstream: Task, set_sky,
                       hdri_width: int) -> RenderTask:
    """A saved shot: named by the slug of its name (or the shot's `name`), rendered at
    its own (desqueezed) aspect fitted inside the resolution, as the storyboard does."""
    from ..scout.cameras import capture, fit_inside
    from ..scout.shots import shot_from_dict

    slug = shot_slug(saved["name"])
    shot_id = slug if shot.name is None else (
        shot.name if len(shot.saved) == 1 else f"{shot.name}-{slug}")
    if shot.name is None and shot.lens_mm is not None:
        shot_id += f"-{shot.lens_mm:g}mm"
    aspect = capture(saved["body"], saved["lens_mm"], saved["squeeze"]).aspect
    resolution = fit_inside(aspect, shot.resolution)
    own_sky = shot.sky == "saved" and bool(saved["sky"]) and \
        shot_from_dict(saved).sky_request() != set_sky
    settings = [saved, list(resolution), shot.samples, shot.lens_mm, shot.sky]
    settings += [shot.exposure] if shot.exposure else []
    settings += [list(shot.stand_ins)] if shot.stand_ins else []
    return RenderTask("render", set_id, digest(["render saved", upstream.key, settings]),
                      needs=(upstream.task_id,), shot_id=shot_id, resolution=resolution,
                      samples=shot.samples, lens_mm=shot.lens_mm, saved=saved, sky=shot.sky,
                      sky_width=hdri_width if own_sky else 0, exposure=shot.exposure or None,
                      stand_ins=shot.stand_ins)


# ------------------------------------------------------------------------------ cost

# Rough CPU-seconds, fitted to the CPU time of benchmarks/bench_batch.py and of the
# examples/batch.toml run on the 2-core development VM (small sets, 256 px maps): a
# render task pays Python and Blender's start, the scene build and the meter (base)
# before its samples. A crowded machine's wall time is longer; a big set's renders too.
PREPARE_BASE_S = 3.0
PREPARE_PER_MPX_S = 1.6          # per million texture pixels (about 12 maps per set)
SKY_PER_MPX_S = 2.5              # per million sky pixels
RENDER_BASE_S = 5.0
RENDER_PER_GSAMPLE_S = 15000.0   # per 10^9 pixel-samples


def estimate_seconds(task: Task) -> float:
    """A rough one-core cost, to size a batch before running it (not a promise)."""
    if isinstance(task, PrepareTask):
        tex = task.options["texture_size"] ** 2 * 12 / 1e6
        sky = task.options["hdri_width"] ** 2 / 2 / 1e6
        return PREPARE_BASE_S + PREPARE_PER_MPX_S * tex + SKY_PER_MPX_S * sky
    if isinstance(task, RenderTask):
        w, h = task.resolution
        sky = SKY_PER_MPX_S * task.sky_width ** 2 / 2 / 1e6      # a saved shot's own sky
        return RENDER_BASE_S + sky + RENDER_PER_GSAMPLE_S * w * h * task.samples / 1e9
    return 60.0                   # painting: minutes on a GPU; not measured here
