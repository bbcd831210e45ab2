"""A worker thread for the pure half of the pipeline, polled by a modal operator.

The thread never touches bpy data: it only computes and writes files. The operator's
timer reads `progress` and `message`, and applies the result on the main thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


class BackgroundJob:
    def __init__(self, work: Callable[[Callable[[float, str], None], Callable[[], bool]], Any]):
        self._work = work
        self._cancel = threading.Event()
        self.progress, self.message = 0.0, "starting"
        self.result: Any = None
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="ai-sets-job", daemon=True)

    def start(self) -> BackgroundJob:
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            self.result = self._work(self._report, self._cancel.is_set)
        except BaseException as exc:  # noqa: BLE001 - handed to the main thread
            self.error = exc

    def _report(self, fraction: float, message: str) -> None:
        self.progress, self.message = fraction, message

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def done(self) -> bool:
        return not self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> None:
        self._thread.join(timeout)


def show_job_state(context, running: bool, progress: float, message: str) -> None:
    """A running job's progress in the panel (WindowManager.ai_sets_job) and the status
    bar, for every modal operator that polls a worker."""
    state = context.window_manager.ai_sets_job
    state.running, state.progress, state.message = running, progress, message
    if context.workspace:
        context.workspace.status_text_set(
            f"AI Sets: {message} ({progress * 100:.0f}%) - Esc to cancel" if running else None)
    for area in context.screen.areas if context.screen else ():
        if area.type == "VIEW_3D":
            area.tag_redraw()
