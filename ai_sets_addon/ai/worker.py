"""The AI worker: `python -m ai_sets_addon.ai.worker`, JSON lines over stdin/stdout.

It runs with the Python the user set in the add-on preferences (a venv with
`pip install "ai-sets[ai]"`), so torch never loads inside Blender, and a crash here
is an error message there. The model stays loaded between jobs (loading SDXL takes
seconds; repainting must not); the process exits after `--idle-timeout` seconds
without a request. Images and arrays travel as files; stdout carries only protocol.

Requests, one JSON object per line, each with an "id":
  {"cmd": "ping"}
  {"cmd": "load", "model": {ModelRequest fields}}
  {"cmd": "paint", "set": DIR, "scene": NPZ (optional: else the set folder),
   "model": {...} or "painter": "test", "options": {PaintOptions fields},
   "resolution": [W, H]}
  {"cmd": "prepare", "prompt", "seed", "folder": STAGING (made and locked by the caller),
   "options": {BuildOptions fields, "ai": {AiSettings fields}}}
                             the pure half of a build (pipeline.prepare), for Generate
  {"cmd": "cancel"}          cancels the running job between two denoising steps
  {"cmd": "shutdown"}
Events: {"id", "event": "progress"|"view"|"loaded"|"done"|"error"|"pong"|"bye", ...};
an error has "kind": input | cancelled | internal | busy | crashed (the last one is
made by `WorkerProcess` when the process dies).
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import subprocess
import sys
import threading
import time
import traceback
from dataclasses import fields
from pathlib import Path
from typing import Any, TextIO

from ..core.errors import Cancelled, InputError

IDLE_TIMEOUT_S = 600.0
JOBS = ("load", "paint", "prepare")     # commands that run as the one job in flight


class Worker:
    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._lock = threading.Lock()
        self._models: dict[Any, Any] = {}      # ModelRequest -> LoadedModel (one kept)
        self._job: threading.Thread | None = None
        self._cancel = threading.Event()
        self._running = threading.Event()     # cleared before the job's last event

    # -- protocol ---------------------------------------------------------------------
    def send(self, **event: Any) -> None:
        line = json.dumps(event, default=str)
        with self._lock:
            self._out.write(line + "\n")
            self._out.flush()

    def busy(self) -> bool:
        return self._running.is_set()

    def handle(self, message: dict[str, Any]) -> bool:
        """Act on one request; False to stop the worker."""
        rid, cmd = message.get("id"), message.get("cmd")
        if cmd == "ping":
            self.send(id=rid, event="pong", pid=os.getpid(), busy=self.busy())
        elif cmd == "cancel":
            self._cancel.set()
        elif cmd == "shutdown":
            return False
        elif cmd in JOBS:
            if self.busy():
                self.send(id=rid, event="error", kind="busy", message="a job is running")
            else:
                self._cancel.clear()
                self._running.set()
                self._job = threading.Thread(target=self._run, args=(rid, cmd, message),
                                             daemon=True)
                self._job.start()
        else:
            self.send(id=rid, event="error", kind="input", message=f"unknown command {cmd!r}")
        return True

    def _run(self, rid: Any, cmd: str, message: dict[str, Any]) -> None:
        try:
            result = getattr(self, f"_{cmd}")(rid, message)
            final = {"event": "loaded" if cmd == "load" else "done", **result}
        except Cancelled as exc:
            final = {"event": "error", "kind": "cancelled", "message": str(exc)}
        except InputError as exc:
            final = {"event": "error", "kind": "input", "message": str(exc)}
        except Exception as exc:  # noqa: BLE001 - reported to the caller, worker lives on
            traceback.print_exc(file=sys.stderr)
            final = {"event": "error", "kind": "internal", "message": repr(exc)}
        self._running.clear()                 # a request after this event finds us free
        self.send(id=rid, **final)

    # -- jobs -------------------------------------------------------------------------
    def model(self, spec: dict[str, Any]):
        """The loaded model for `spec`, kept for the next job; another model replaces it."""
        from . import ModelRequest, load_pipeline

        names = {f.name for f in fields(ModelRequest)}
        unknown = set(spec) - names
        if unknown:
            raise InputError(f"unknown model settings: {', '.join(sorted(unknown))}")
        request = ModelRequest(**spec)
        if request not in self._models:
            self._models.clear()              # one model in memory at a time
            self._models[request] = load_pipeline(request)
            return self._models[request], False
        return self._models[request], True

    def _load(self, rid: Any, message: dict[str, Any]) -> dict[str, Any]:
        start = time.perf_counter()
        model, cached = self.model(message.get("model") or {})
        return {"cached": cached, "seconds": time.perf_counter() - start, **model.describe()}

    def _paint(self, rid: Any, message: dict[str, Any]) -> dict[str, Any]:
        from ..core.fileio import write_png
        from .paint import PaintOptions
        from .paint.arrays import paint_input
        from .paint.job import run_paint
        from .paint.output import sidecar, to_u8
        from .paint.scene import safe_stem

        set_dir = Path(message["set"]).absolute()
        resolution = tuple(message.get("resolution") or (512, 512))
        scene, albedo = paint_input(set_dir, message.get("scene"), resolution)
        if message.get("resolution"):
            scene.resolution = resolution
        settings = {"albedo_reference": albedo, **(message.get("options") or {})}
        if not settings.get("prompt"):
            settings["prompt"] = scene.prompt
        options = PaintOptions(**settings)
        painter, meta, cached = self._painter(message)
        preview_dir = sidecar(set_dir, "paint-preview")     # beside the set, not in it

        def on_view(record) -> None:
            path = preview_dir / f"{safe_stem(record.camera)}.png"
            write_png(path, to_u8(record.image))
            self.send(id=rid, event="view", camera=record.camera, image=str(path))

        path = run_paint(set_dir, scene, painter, options, meta,
                         lambda f, m: self.send(id=rid, event="progress", fraction=f, message=m),
                         self._cancel.is_set, on_view)
        return {"paint_json": str(path), "model_cached": cached}

    def _prepare(self, rid: Any, message: dict[str, Any]) -> dict[str, Any]:
        """Generate's pure half here, where torch is: the set folder into the caller's
        staging folder, which the caller publishes (or removes) itself."""
        from ..generation.prepare import prepare_set
        from .backends import backends_for

        folder = Path(message.get("folder") or "")
        if not message.get("folder") or not folder.is_dir():
            # never recreate a staging folder the caller has already removed
            raise InputError(f"no staging folder at {folder}")
        options = build_options(message.get("options") or {})
        _, timings = prepare_set(str(message.get("prompt") or ""), int(message.get("seed", 0)),
                                 folder, options,
                                 lambda f, m: self.send(id=rid, event="progress", fraction=f,
                                                        message=m),
                                 self._cancel.is_set, backends=backends_for)
        return {"timings": {stage: float(seconds) for stage, seconds in timings.items()}}

    def _painter(self, message: dict[str, Any]):
        if message.get("painter") == "test":
            from .paint import TestPainter

            settings = message.get("test_painter") or {}
            flat = settings.get("flat")
            painter = TestPainter(flat=tuple(flat) if flat else None,
                                  steps=int(settings.get("steps", 4)),
                                  step_delay_s=float(settings.get("step_delay_s", 0.0)))
            return painter, {"painter": "test"}, False
        from .painter import DiffusersPainter

        model, cached = self.model(message.get("model") or {})
        return DiffusersPainter(model), model.describe(), cached


def build_options(data: dict[str, Any]):
    """BuildOptions from the JSON dict of `dataclasses.asdict` (its "ai" stays a dict:
    AiSettings.coerce reads it); unknown names are an input error, not a crash."""
    from ..generation.prepare import BuildOptions

    known = {f.name for f in fields(BuildOptions)}
    unknown = set(data) - known
    if unknown:
        raise InputError(f"unknown build options: {', '.join(sorted(unknown))}")
    return BuildOptions(**data)


def serve(stdin: TextIO, stdout: TextIO, idle_timeout: float = IDLE_TIMEOUT_S) -> int:
    """Read requests until shutdown, end of input, or `idle_timeout` seconds idle."""
    worker = Worker(stdout)
    lines: queue.Queue[str | None] = queue.Queue()
    threading.Thread(target=_read_lines, args=(stdin, lines), daemon=True).start()
    worker.send(id=None, event="ready", pid=os.getpid())
    last = time.monotonic()
    while True:
        try:
            line = lines.get(timeout=0.2)
        except queue.Empty:
            if worker.busy():
                last = time.monotonic()
            elif time.monotonic() - last > idle_timeout:
                worker.send(id=None, event="bye", reason="idle")
                return 0
            continue
        if line is None:                       # the caller closed our stdin
            worker._cancel.set()
            return 0
        last = time.monotonic()
        try:
            message = json.loads(line)
        except ValueError:
            worker.send(id=None, event="error", kind="input", message=f"not JSON: {line[:80]}")
            continue
        if not worker.handle(message):
            worker._cancel.set()
            worker.send(id=message.get("id"), event="bye", reason="shutdown")
            return 0


def _read_lines(stdin: TextIO, lines: queue.Queue) -> None:
    for line in stdin:
        if line.strip():
            lines.put(line)
    lines.put(None)


class WorkerProcess:
    """The caller's side (the Blender operator, tests): start the worker, send
    requests, poll events without blocking. A worker that dies shows up as an
    `error` event of kind `crashed` for the job in flight, never as an exception."""

    def __init__(self, python: str | None = None, idle_timeout: float = IDLE_TIMEOUT_S,
                 env: dict[str, str] | None = None) -> None:
        # This very package, whatever its name (ai_sets_addon in a checkout, ai_sets in
        # an installed extension), so the worker runs the add-on's own code.
        package = Path(__file__).resolve().parent.parent      # the add-on, above ai/
        environment = {**os.environ, **(env or {})}
        environment["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(package.parent), environment.get("PYTHONPATH", "")) if p)
        self.proc = subprocess.Popen(
            [python or sys.executable, "-m", f"{package.name}.ai.worker",
             "--idle-timeout", str(idle_timeout)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, bufsize=1, env=environment)
        self.events: queue.Queue[dict[str, Any]] = queue.Queue()
        self.stderr_tail: list[str] = []
        self._pending: set[Any] = set()
        self._counter = 0
        self._lock = threading.Lock()
        self._exit_code: int | None = None       # set when the worker has gone
        threading.Thread(target=self._pump, daemon=True).start()
        threading.Thread(target=self._drain_stderr, daemon=True).start()

    def send(self, cmd: str, **fields_: Any) -> str:
        self._counter += 1
        rid = str(self._counter)
        if cmd in JOBS:
            with self._lock:
                if self._exit_code is not None:      # already dead: say so at once
                    self.events.put(self._crash_event(rid, self._exit_code))
                    return rid
                self._pending.add(rid)
        try:
            self.proc.stdin.write(json.dumps({"id": rid, "cmd": cmd, **fields_}) + "\n")
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError, ValueError):
            pass                               # _pump reports the crash
        return rid

    def poll(self) -> list[dict[str, Any]]:
        out = []
        while True:
            try:
                out.append(self.events.get_nowait())
            except queue.Empty:
                return out

    def wait_for(self, rid: str, events: tuple[str, ...] = ("done", "loaded", "error"),
                 timeout: float = 120.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                event = self.events.get(timeout=0.1)
            except queue.Empty:
                continue
            if event.get("id") == rid and event.get("event") in events:
                return event
        raise TimeoutError(f"no {events} for request {rid} in {timeout} s")

    def close(self, timeout: float = 5.0) -> None:
        if self.proc.poll() is None:
            self.send("shutdown")
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def _pump(self) -> None:
        for line in self.proc.stdout:
            try:
                event = json.loads(line)
            except ValueError:
                continue
            if event.get("event") in ("done", "loaded", "error"):
                with self._lock:
                    self._pending.discard(event.get("id"))
            self.events.put(event)
        code = self.proc.wait()
        with self._lock:
            self._exit_code = code
            for rid in sorted(self._pending):
                self.events.put(self._crash_event(rid, code))
            self._pending.clear()

    def _crash_event(self, rid: str, code: int) -> dict[str, Any]:
        return {"id": rid, "event": "error", "kind": "crashed",
                "message": _crash_message(code, self.stderr_tail)}

    def _drain_stderr(self) -> None:
        for line in self.proc.stderr:
            self.stderr_tail = (self.stderr_tail + [line.rstrip()])[-20:]


def _crash_message(code: int, tail: list[str]) -> str:
    how = f"killed by signal {-code}" if code < 0 else f"exit code {code}"
    last = next((line for line in reversed(tail) if line.strip()), "")
    return (f"the AI worker stopped unexpectedly ({how}); nothing in the set was changed"
            + (f". Last message: {last}" if last else ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ai_sets_addon.ai.worker",
                                     description="AI Sets diffusers worker (JSON lines).")
    parser.add_argument("--idle-timeout", type=float, default=IDLE_TIMEOUT_S,
                        help="exit after this many seconds without a request")
    args = parser.parse_args(argv)
    protocol = sys.stdout
    sys.stdout = sys.stderr                     # stray prints must not corrupt the protocol
    return serve(sys.stdin, protocol, args.idle_timeout)


if __name__ == "__main__":
    sys.exit(main())
