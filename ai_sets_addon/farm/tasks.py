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
from dataclasses import asdict, dataclass, field

from ..generation.errors import InputError
from ..generation.vocabulary import TIME_WORDS
from .jobfile import SCOUTS, JobFile, JobFileError, PaintJob, Problem, SetJob, ShotJob

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
    camera: str = ""
    resolution: tuple[int, int] = (960, 540)
    samples: int = 32
    lens_mm: float | None = None

    @property
    def task_id(self) -> str:
        return f"render {self.set_id}/{self.shot_id}"

    def outputs(self) -> list[str]:
        return [f"{self.set_id}/{self.shot_id}.png"]


@dataclass
class Expansion:
    tasks: list[Task]

    def of_kind(self, kind: str) -> list[Task]:
        return [t for t in self.tasks if t.kind == kind]


def digest(data: object) -> str:
    text = json.dumps(data, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def prompt_with_time(prompt: str, time_of_day: str | None) -> str:
    """How a job's time of day reaches the spec until BuildOptions carries one: the
    time's first English phrase appended to the prompt (checked by `expand`)."""
    if time_of_day is None:
        return prompt
    return f"{prompt}, at {TIME_WORDS[time_of_day]['en'][0]}"


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
    if set_id in seen:
        problems.append(Problem(job.line, f"set '{set_id}' is declared twice (also line "
                                          f"{seen[set_id]}); give each set its own name"))
        return []
    seen[set_id] = job.line
    prompt = prompt_with_time(job.prompt, time)
    cameras = _plan_cameras(job, prompt, seed, time, problems)
    if cameras is None:
        return []
    options = asdict(job.options)
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
        for camera in _cameras_of(shot, cameras, set_id, problems):
            render = _render_task(set_id, shot, camera, upstream)
            if render.shot_id in shot_ids:
                problems.append(Problem(shot.line, f"shot '{set_id}/{render.shot_id}' is "
                                        f"declared twice (also line {shot_ids[render.shot_id]}); "
                                        "give one of them a name"))
                continue
            shot_ids[render.shot_id] = shot.line
            tasks.append(render)
    return tasks


def _set_id(job: SetJob, seed: int, time: str | None) -> str:
    parts = [job.name, f"s{seed}"]        # stable when a seed list grows later
    if time:
        parts.append(time)
    return "-".join(parts)


def _plan_cameras(job: SetJob, prompt: str, seed: int, time: str | None,
                  problems: list[Problem]) -> list[str] | None:
    from ..generation import archetypes
    from ..generation.prepare import make_spec

    try:
        spec = make_spec(prompt, seed)
    except InputError as exc:
        problems.append(Problem(job.line, f"prompt: {exc}"))
        return None
    if time is not None and spec.time_of_day != time:
        problems.append(Problem(job.line, f"the prompt already sets the time of day "
                                          f"({spec.time_of_day.replace('_', ' ')}); remove "
                                          "it from the prompt to use the time_of_day list"))
        return None
    return [camera.name for camera in archetypes.plan_set(spec).cameras]


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
    return RenderTask("render", set_id, digest(["render", upstream.key, settings]),
                      needs=(upstream.task_id,), shot_id=shot_id, camera=camera,
                      resolution=shot.resolution, samples=shot.samples, lens_mm=shot.lens_mm)


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
        return RENDER_BASE_S + RENDER_PER_GSAMPLE_S * w * h * task.samples / 1e9
    return 60.0                   # painting: minutes on a GPU; not measured here
