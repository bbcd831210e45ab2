"""DIR/batch-manifest.json: every finished task with its outputs' sha256, timings,
worker and versions; written atomically by the client after each task.

Only the client writes it (workers return records), so a task rescheduled after a
worker died is recorded once. A task is done when its record has the same key and
every recorded output still exists with its hash; a prepare also needs its set folder
to verify. A render whose client died before recording it is adopted from the
`<shot>.json` its process wrote beside the PNG.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import InputError
from ..core.fileio import sha256_of, write_json
from .tasks import SET_DIR, PrepareTask, RenderTask, Task

NAME = "batch-manifest.json"
FORMAT = "ai-sets/batch-manifest"
SCHEMA_VERSION = 1


@dataclass
class BatchManifest:
    path: Path
    data: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, out: Path) -> BatchManifest:
        path = Path(out) / NAME
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            data = {}
        except (OSError, ValueError) as exc:
            raise InputError(f"{path} cannot be read ({exc}); move it away to start the "
                             "batch afresh") from None
        if data and data.get("format") != FORMAT:
            raise InputError(f"{path} is not an AI Sets batch manifest; choose another --out")
        data.setdefault("tasks", {})
        data.setdefault("failed", {})
        data.setdefault("runs", [])
        return cls(path, data)

    @property
    def out(self) -> Path:
        return self.path.parent

    @property
    def tasks(self) -> dict[str, dict]:
        return self.data["tasks"]

    def is_done(self, task: Task) -> bool:
        entry = self.tasks.get(task.task_id)
        if not entry or entry.get("key") != task.key:
            return False
        if isinstance(task, PrepareTask):       # a paint revision changes its manifest
            return _set_on_disk(self.out, task) is not None
        return all(self._matches(name, out) for name, out in entry["outputs"].items())

    def _matches(self, name: str, recorded: dict) -> bool:
        path = self.out / name
        return (path.is_file() and path.stat().st_size == recorded.get("bytes")
                and sha256_of(path) == recorded.get("sha256"))

    def adopt(self, task: Task) -> bool:
        """Record work a killed client finished but never recorded (found on disk)."""
        record = found_on_disk(self.out, task)
        if record is None:
            return False
        self.record(task, {**record, "adopted": True})
        return True

    def begin_run(self, info: dict) -> None:
        self.data["runs"].append({**info, "started": _now(), "ran": [], "skipped": [],
                                  "adopted": [], "failed": []})

    def note(self, what: str, task_id: str) -> None:
        self.data["runs"][-1][what].append(task_id)

    def record(self, task: Task, record: dict) -> None:
        self.tasks[task.task_id] = {**record, "key": task.key, "kind": task.kind,
                                    "recorded": _now()}
        self.data["failed"].pop(task.task_id, None)

    def fail(self, task: Task, message: str) -> None:
        self.data["failed"][task.task_id] = {"key": task.key, "error": message,
                                             "recorded": _now()}

    def save(self, header: dict) -> None:
        self.data.update(header, format=FORMAT, schema_version=SCHEMA_VERSION,
                         updated=_now())
        self.data["runs"][-1]["updated"] = _now() if self.data["runs"] else None
        write_json(self.path, self.data)


def found_on_disk(out: Path, task: Task) -> dict | None:
    """The record of a prepare or render whose outputs are on disk for this key."""
    if isinstance(task, RenderTask):
        return _render_on_disk(out, task)
    if isinstance(task, PrepareTask):
        return _set_on_disk(out, task)
    return None


def _render_on_disk(out: Path, task: RenderTask) -> dict | None:
    png = out / task.outputs()[0]
    try:
        side = json.loads(png.with_suffix(".json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if side.get("key") != task.key or not png.is_file() or sha256_of(png) != side.get("sha256"):
        return None
    return {"outputs": {task.outputs()[0]: {"sha256": side["sha256"], "bytes": side["bytes"]}},
            "timings_s": side.get("timings_s"), "versions": side.get("versions")}


def _set_on_disk(out: Path, task: PrepareTask) -> dict | None:
    from ..setfile import verify

    folder = out / task.set_id / SET_DIR
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if manifest.get("batch", {}).get("task") != task.key or verify(folder):
        return None
    path = folder / "manifest.json"
    return {"outputs": {task.outputs()[0]: {"sha256": sha256_of(path),
                                            "bytes": path.stat().st_size}},
            "timings_s": manifest.get("timings_s"), "versions": manifest.get("versions")}


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()) + "Z"
