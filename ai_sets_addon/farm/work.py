"""What a Dask worker runs for each task; returns the record the batch manifest keeps.

Prepare runs in the worker (pure numpy, the same pipeline functions as `ai-sets
build`); paint and render run in child processes so a crash (or a model eating the
GPU) ends that task only. A failure raises `TaskFailed` carrying the log's tail, so
the client can report it; the whole log stays in DIR/logs/.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from ..blender.shot_render import work_folder
from .tasks import SET_DIR, PaintTask, PrepareTask, RenderTask, Task

LOG_DIR = "logs"
LOG_TAIL_LINES = 25


class TaskFailed(Exception):
    """A task's own failure (not the worker's): message + the tail of its log."""


@dataclass
class Context:
    out: Path                          # the batch folder (shared storage on a farm)
    cycles_threads: dict[str, int]     # host -> Cycles threads per render


def log_path(out: Path, task: Task) -> Path:
    name = task.task_id.replace(" ", "-").replace("/", "--")
    return out / LOG_DIR / f"{name}.log"


def execute(task: Task, context: Context, *upstream: object) -> dict:
    """Run one task (upstream results only order it after its dependencies)."""
    log = log_path(context.out, task)
    log.parent.mkdir(parents=True, exist_ok=True)
    attempt = _attempt(log)
    started = time.time()
    with log.open("a", encoding="utf-8") as stream:
        stream.write(f"=== attempt {attempt} on {_worker_name()} at "
                     f"{time.strftime('%Y-%m-%dT%H:%M:%S')} ===\n")
        stream.flush()
        try:
            record = _on_disk(task, context, stream) or _RUNNERS[task.kind](task, context,
                                                                             stream)
        except TaskFailed:
            raise
        except BaseException as exc:   # noqa: BLE001 - every failure is reported with its log
            traceback.print_exc(file=stream)
            stream.flush()
            raise TaskFailed(_failure(task, log, f"{type(exc).__name__}: {exc}")) from None
    return {**record, "started": started, "seconds": round(time.time() - started, 3),
            "worker": _worker_name(), "host": socket.gethostname(), "attempt": attempt,
            "log": log.relative_to(context.out).as_posix()}


def _on_disk(task: Task, context: Context, stream) -> dict | None:
    """Work already there, whole, for this very key: Dask recomputes a finished prepare
    whose result lived on a worker that died; a shot may have been finished by a
    batch whose client was killed. Reuse it rather than make it again."""
    from .manifest import found_on_disk

    record = found_on_disk(context.out, task)
    if record is not None:
        stream.write("already done (outputs match their sha256): reused\n")
        record["reused"] = True
    return record


def _attempt(log: Path) -> int:
    try:
        return log.read_text(encoding="utf-8").count("=== attempt ") + 1
    except FileNotFoundError:
        return 1


def _worker_name() -> str:
    try:
        from distributed import get_worker

        return get_worker().address
    except (ImportError, ValueError):
        return f"pid {os.getpid()}"


def _failure(task: Task, log: Path, what: str) -> str:
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    tail = "\n".join(f"    {line}" for line in lines[-LOG_TAIL_LINES:])
    return f"{task.task_id} failed: {what}\n  log {log}:\n{tail}"


# -------------------------------------------------------------------------- prepare

def run_prepare(task: PrepareTask, context: Context, stream) -> dict:
    """The set folder through the pipeline's own steps: lock, prepare, publish."""
    from ..core.fileio import sha256_of
    from ..generation.prepare import BuildOptions
    from ..setfile import read_set
    from ..blender.pipeline import BuildRequest, open_folder, prepare, publish

    folder = context.out / task.set_id / SET_DIR
    request = BuildRequest(prompt=task.prompt, seed=task.seed, out_dir=folder,
                           options=BuildOptions(**task.options), wait=True)

    def progress(fraction: float, message: str) -> None:
        stream.write(f"{fraction * 100:5.1f}% {message}\n")
        stream.flush()

    writer = open_folder(request)
    try:
        timings = prepare(request, writer, progress)
        doc = read_set(writer.path)
        publish(request, writer, doc, timings, {"batch": {"task": task.key,
                                                          "set": task.set_id}})
    finally:
        writer.close()
    manifest = folder / "manifest.json"
    versions = json.loads(manifest.read_text(encoding="utf-8")).get("versions")
    return {"outputs": {task.outputs()[0]: {"sha256": sha256_of(manifest),
                                            "bytes": manifest.stat().st_size}},
            "timings_s": timings, "cameras": [c.name for c in doc.plan.cameras],
            "versions": versions}


# --------------------------------------------------------------------------- render

def run_render(task: RenderTask, context: Context, stream) -> dict:
    """`python -m ai_sets_addon.blender.shot_render` for one shot; its JSON beside the PNG."""
    out_png = context.out / task.outputs()[0]
    threads = context.cycles_threads.get(socket.gethostname(), _default_threads())
    aim = (["--camera", task.camera] if task.saved is None else
           ["--saved-shot", json.dumps(task.saved, sort_keys=True), "--sky", task.sky])
    work = work_folder(out_png)
    command = [sys.executable, "-m", "ai_sets_addon.blender.shot_render",
               "--set", str(context.out / task.set_id / SET_DIR), *aim,
               "--out", str(out_png), "--resolution", "x".join(map(str, task.resolution)),
               "--samples", str(task.samples), "--threads", str(threads),
               "--key", task.key, "--parent", str(os.getpid()), "--work", str(work)]
    if task.lens_mm is not None:
        command += ["--lens", f"{task.lens_mm:g}"]
    if task.exposure:
        command += ["--exposure", json.dumps(task.exposure, sort_keys=True)]
    if task.stand_ins:
        command += ["--stand-ins", json.dumps(list(task.stand_ins), sort_keys=True)]
    shutil.rmtree(work, ignore_errors=True)     # a killed attempt's scratch
    work.mkdir(parents=True)
    try:                                        # Blender's own temp folder goes in it too
        _child(command, stream, task, context, {"TMPDIR": str(work), "TEMP": str(work),
                                                "TMP": str(work)})
    finally:
        shutil.rmtree(work, ignore_errors=True)
    record = json.loads(out_png.with_suffix(".json").read_text(encoding="utf-8"))
    return {"outputs": {task.outputs()[0]: {"sha256": record["sha256"],
                                            "bytes": record["bytes"]}},
            "timings_s": record["timings_s"], "exposure_ev": record["exposure_ev"],
            "render": record.get("render", {}),
            "threads": threads, "versions": record["versions"]}


def _default_threads() -> int:
    """Cores per task slot of this worker when the client did not say (a new node)."""
    try:
        from distributed import get_worker

        slots = get_worker().state.nthreads
    except (ImportError, ValueError, AttributeError):
        slots = 1
    return max(1, (os.cpu_count() or 1) // max(1, slots))


def _child(command: list[str], stream, task: Task, context: Context,
           extra_env: dict[str, str] | None = None) -> None:
    import shlex

    stream.write("$ " + shlex.join(command) + "\n")
    stream.flush()
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **(extra_env or {})}
    code = subprocess.call(command, stdout=stream, stderr=subprocess.STDOUT, env=env,
                           stdin=subprocess.DEVNULL)
    if code != 0:
        stream.flush()
        raise TaskFailed(_failure(task, log_path(context.out, task),
                                  f"the child process exited with {code}"))


# ---------------------------------------------------------------------------- paint

def run_paint(task: PaintTask, context: Context, stream) -> dict:
    """`ai-sets paint` on the set folder (a GPU worker); records paint/ with hashes."""
    from ..core.fileio import sha256_of

    folder = context.out / task.set_id / SET_DIR
    command = [sys.executable, "-m", "ai_sets_addon", "paint", str(folder)]
    for key, value in task.paint.items():
        if value is not None:
            command += [f"--{key.replace('_', '-')}", str(value)]
    _child(command, stream, task, context)
    outputs = {f"{task.set_id}/{SET_DIR}/{p.relative_to(folder).as_posix()}":
               {"sha256": sha256_of(p), "bytes": p.stat().st_size}
               for p in sorted((folder / "paint").rglob("*")) if p.is_file()}
    return {"outputs": outputs}


_RUNNERS = {"prepare": run_prepare, "render": run_render, "paint": run_paint}
