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
