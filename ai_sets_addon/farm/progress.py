"""Batch progress: one redrawn line on a terminal (done / running / failed, ETA), a
line per finished task elsewhere (CI logs); the summary table at the end."""

from __future__ import annotations

import sys
import time

from .tasks import Task, estimate_seconds


class BatchProgress:
    """ETA from the rough per-task cost (`estimate_seconds`) scaled by the pace so far,
    so a batch of a few big renders and many small ones is not judged by task count."""

    def __init__(self, costs: list[float], stream=None) -> None:
        self.stream = stream or sys.stderr
        self.is_tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.total, self.left = len(costs), sum(costs)
        self.cost_done = 0.0
        self.done = self.failed = 0
        self.start = time.perf_counter()
        self.last_line = ""

    def finished(self, cost: float, ok: bool) -> None:
        self.left -= cost
        self.cost_done += cost
        self.done += ok
        self.failed += not ok
        if not self.is_tty:
            self._write(self.line(0) + "\n")

    def message(self, text: str) -> None:
        self._write(("\r\033[K" if self.is_tty else "") + text + "\n")

    def draw(self, running: int) -> None:
        if self.is_tty:
            self._write("\r\033[K" + self.line(running))

    def close(self) -> None:
        if self.is_tty:
            self._write("\r\033[K" + self.line(0) + "\n")

    def line(self, running: int) -> str:
        elapsed = time.perf_counter() - self.start
        finished = self.done + self.failed
        width = 24
        filled = int(width * finished / max(1, self.total))
        eta = (f"ETA {clock(elapsed / self.cost_done * max(0.0, self.left))}"
               if self.cost_done and finished < self.total else "ETA --")
        return (f"[{'#' * filled}{'-' * (width - filled)}] {finished}/{self.total}  "
                f"done {self.done}  running {running}  failed {self.failed}  "
                f"{clock(elapsed)} elapsed  {eta}")

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()


def clock(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}h{rest // 60:02d}m" if hours else f"{rest // 60}m{rest % 60:02d}s"


def table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    lines = [fmt.format(*header), fmt.format(*("-" * w for w in widths))]
    return "\n".join(lines + [fmt.format(*map(str, r)) for r in rows])


def expansion_table(tasks: list[Task]) -> str:
    """The --dry-run table: each task, what it makes, its rough one-core cost."""
    rows = []
    for task in tasks:
        what = {"prepare": lambda t: f"seed {t.seed}, {t.time_of_day or 'prompt time'}, "
                                     f"tex {t.options['texture_size']}, "
                                     f"sky {t.options['hdri_width']}",
                "paint": lambda t: f"model {t.paint['model']} (GPU)",
                "render": lambda t: t.summary()}[task.kind]
        rows.append([task.task_id, what(task), ", ".join(task.outputs()) or "paint/",
                     clock(estimate_seconds(task))])
    return table(rows, ["task", "what", "writes", "~cost"])


def summary_table(outcomes: list) -> str:
    rows = [[o.task.task_id, o.status, f"{o.seconds:.1f} s" if o.seconds else "",
             o.worker] for o in outcomes]
    return table(rows, ["task", "status", "time", "worker"])
