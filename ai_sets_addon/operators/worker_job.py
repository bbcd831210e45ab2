"""Generate's pure half in the AI worker process, behind BackgroundJob's interface.

Blender's own Python has no torch, and a model loaded there would stall the UI, so a
Diffusers build prepares its set in the worker (the AI Python of the preferences).
Blender keeps the lock and the staging folder (`pipeline.open_folder`); the worker
only writes into that folder; `pipeline.finish` then builds the scene and publishes,
exactly as after a thread. `WorkerJob` is a BackgroundJob whose work follows the
worker, so the modal operator is the same code for both.
"""

from __future__ import annotations

import queue
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..blender import pipeline
from .. import preferences
from ..core.errors import Cancelled, InputError
from .job import BackgroundJob

KILL_AFTER_CANCEL_S = 10.0      # a cancel is seen between assets; a long one is killed
NO_AI_PYTHON = ("set the AI Python (a venv with ai-sets[ai]) in the add-on preferences: "
                "Diffusers materials and skies are made there")


class WorkerFailed(RuntimeError):
    """The worker crashed, could not start, or hit a bug: its message says which."""


class WorkerJob(BackgroundJob):
    """A BackgroundJob whose work is following one worker request to its answer."""

    def __init__(self, python: str, request: dict[str, Any],
                 pick: Callable[[dict[str, Any]], Any] = lambda event: event,
                 env: dict[str, str] | None = None,
                 kill_after_s: float = KILL_AFTER_CANCEL_S) -> None:
        super().__init__(self._drive)
        self._python, self._request, self._pick, self._env = python, request, pick, env
        self._kill_after = kill_after_s
        self.message = "starting the AI worker"

    def _drive(self, report: Callable[[float, str], None], cancelled: Callable[[], bool]):
        from ..ai.worker import WorkerProcess

        try:
            worker = WorkerProcess(python=self._python, env=self._env)
        except OSError as exc:
            raise WorkerFailed(f"could not start the AI worker ({self._python}): "
                               f"{exc}") from None
        try:
            return self._follow(worker, worker.send(**self._request), report, cancelled)
        finally:
            worker.close(timeout=2.0)

    def _follow(self, worker, rid: str, report, cancelled) -> Any:
        """Events of request `rid` until its answer; a cancel is passed on, and a worker
        that has not stopped `kill_after_s` later is killed (its crash ends the job)."""
        kill_at = None
        while True:
            if cancelled() and kill_at is None:
                worker.send("cancel")
                kill_at = time.monotonic() + self._kill_after
            try:
                event = worker.events.get(timeout=0.1)
            except queue.Empty:
                if kill_at is not None and time.monotonic() > kill_at:
                    worker.proc.kill()
                    kill_at = float("inf")
                continue
            if event.get("id") != rid:
                continue
            kind = event.get("event")
            if kind == "progress":
                report(float(event["fraction"]), str(event["message"]))
            elif kind in ("done", "loaded"):
                return self._pick(event)
            elif kind == "error":
                raise self._failure(event)

    def _failure(self, event: dict[str, Any]) -> BaseException:
        kind, message = event.get("kind"), str(event.get("message", ""))
        if kind == "cancelled" or self.cancelled:
            return Cancelled(message or "cancelled by the user")
        if kind == "input":
            return InputError(message)
        return WorkerFailed(message if kind == "crashed" else f"the AI worker failed "
                                                              f"({kind}): {message}")


def prepare_job(python: str, request: pipeline.BuildRequest, staging: Path,
                env: dict[str, str] | None = None) -> WorkerJob:
    """`pipeline.prepare` of `request` into `staging`, run by the worker; its result
    is the timings, as the thread's is."""
    message = {"cmd": "prepare", "prompt": request.prompt, "seed": request.seed,
               "folder": str(staging), "options": asdict(request.options)}
    return WorkerJob(python, message, lambda event: event["timings"], env)


def ai_python(options) -> str | None:
    """The worker's interpreter when `options` need the model; None when the set is
    prepared here (procedural; or headless with no AI Python but torch importable)."""
    if not options.uses_ai:
        return None
    python = preferences.ai_python()
    if python:
        if not Path(python).is_file():
            raise InputError(f"the AI Python {python} does not exist: {NO_AI_PYTHON}")
        return python
    import bpy

    if bpy.app.background and _has_torch():
        return None
    raise InputError(NO_AI_PYTHON)


def build_in_worker(request: pipeline.BuildRequest, python: str, scene) -> pipeline.BuildResult:
    """Headless Generate with the worker: prepare there, wait, finish here."""
    writer = pipeline.open_folder(request)
    try:
        job = prepare_job(python, request, writer.path).start()
        job.wait()
        if job.error is not None:
            raise job.error
        return pipeline.finish(request, writer, job.result, scene)
    finally:
        writer.close()          # after a failure: staging removed, the lock released


def _has_torch() -> bool:
    import importlib.util

    return importlib.util.find_spec("torch") is not None
