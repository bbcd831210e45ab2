"""Ctrl-C (SIGINT) and SIGTERM end any stage within moments, Cycles renders included.

Why not KeyboardInterrupt: Python runs signal handlers only on the main thread between
bytecodes, so a Cycles render (one long C call) or a wait on worker threads delays
them until the stage is over, and the run then carries on. Instead the C-level
handler's wake-up fd (`signal.set_wakeup_fd`) receives the signal number even while
the main thread is inside Blender; a watcher thread blocked on that fd runs the
registered cleanup callbacks, prints one honest line and ends the process with
`os._exit(130)` (SIGINT) or `os._exit(143)` (SIGTERM), whatever the other threads do.

    interrupts.install()                      # the CLI entry (again after `import bpy`)
    interrupts.on_interrupt(lambda: "the previous set in out/ is intact")

Callbacks must be quick and may fail: each runs with a shared deadline of
`CALLBACK_BUDGET_S`, and whatever they return (a sentence, or None) goes into the
message. Nothing is required of them for correctness: files are written under
temporary names, and the next run cleans what a killed one left.
"""

from __future__ import annotations

import os
import signal
import socket
import threading
from collections.abc import Callable

Callback = Callable[[], "str | None"]

SIGNALS = (signal.SIGINT, signal.SIGTERM)
CALLBACK_BUDGET_S = 1.0

_lock = threading.Lock()
_callbacks: list[Callback] = []
_pipe: tuple[socket.socket, socket.socket] | None = None
_watcher: threading.Thread | None = None


def exit_code(signum: int) -> int:
    """The shell's convention: 128 + the signal number (130 SIGINT, 143 SIGTERM)."""
    return 128 + int(signum)


def install() -> bool:
    """Route SIGINT/SIGTERM to the watcher. Idempotent; call again after anything that
    may replace signal handlers (`import bpy`). False when not on the main thread
    (signals can only be set up there, e.g. inside Blender's UI), nothing changed."""
    global _pipe, _watcher
    if threading.current_thread() is not threading.main_thread():
        return False
    with _lock:
        if _pipe is None:
            # A socket pair, not os.pipe(): Windows accepts only sockets as wake-up fd.
            reader, writer = socket.socketpair()
            writer.setblocking(False)                # set_wakeup_fd requires it
            _pipe = (reader, writer)
        if _watcher is None or not _watcher.is_alive():
            _watcher = threading.Thread(target=_watch, args=(_pipe[0],),
                                        name="ai-sets-interrupts", daemon=True)
            _watcher.start()
    for signum in SIGNALS:
        signal.signal(signum, _noop_handler)       # a Python handler arms the C one
    signal.set_wakeup_fd(_pipe[1].fileno(), warn_on_full_buffer=False)
    return True


def reinstall() -> bool:
    """Install again only if installed before (after `import bpy` and the like)."""
    return install() if _pipe is not None else False


def installed() -> bool:
    return _pipe is not None and _watcher is not None and _watcher.is_alive()


def on_interrupt(callback: Callback) -> Callable[[], None]:
    """Register a cleanup callback; returns a function that unregisters it."""
    with _lock:
        _callbacks.append(callback)

    def remove() -> None:
        with _lock:
            if callback in _callbacks:
                _callbacks.remove(callback)
    return remove


def _noop_handler(signum: int, frame: object) -> None:
    """The watcher does the work; the main thread must not unwind half-way meanwhile."""


def _watch(reader: socket.socket) -> None:
    while True:
        try:
            data = reader.recv(1)
        except InterruptedError:
            continue
        except OSError:
            return
        if not data:
            return
        signum = data[0]
        if signum in SIGNALS:
            _stop(signum)


def _stop(signum: int) -> None:
    """Run the callbacks (bounded), say what happened, end the process now."""
    notes: list[str] = []
    runner = threading.Thread(target=_run_callbacks, args=(notes,), daemon=True)
    runner.start()
    runner.join(CALLBACK_BUDGET_S)
    name = signal.Signals(signum).name
    detail = "; ".join(["stopped before finishing", *(n for n in list(notes) if n)])
    _write_stderr(f"\nai-sets: interrupted ({name}); {detail}\n")
    os._exit(exit_code(signum))


def _run_callbacks(notes: list[str]) -> None:
    with _lock:
        callbacks = list(reversed(_callbacks))     # last registered, first undone
    for callback in callbacks:
        try:
            note = callback()
        except Exception as exc:  # noqa: BLE001 - cleanup is best effort
            note = f"(cleanup failed: {exc})"
        if note:
            notes.append(str(note))


def _write_stderr(text: str) -> None:
    """Straight to fd 2: the main thread may hold sys.stderr's lock right now."""
    try:
        os.write(2, text.encode("utf-8", "replace"))
    except OSError:
        pass


# -- the cleanup every command and task process installs ----------------------------------

_cleanup_registered = False


def install_with_cleanup() -> bool:
    """Signal watcher on, with the cleanup that removes half-written temporary files."""
    global _cleanup_registered
    if not install():
        return False
    if not _cleanup_registered:
        on_interrupt(_remove_unfinished_files)
        _cleanup_registered = True
    return True


def _remove_unfinished_files() -> str | None:
    from .fileio import remove_unfinished

    count = remove_unfinished() + _remove_blender_temp()
    return f"{count} unfinished file(s) removed" if count else None


def _remove_blender_temp() -> int:
    """Blender's session folder ($TMPDIR/blender_XXXX), which it removes only when it
    exits normally: the interrupt ends the process with os._exit."""
    import shutil

    import sys

    bpy = sys.modules.get("bpy")
    folder = getattr(getattr(bpy, "app", None), "tempdir", "") if bpy else ""
    if not folder or "blender_" not in folder:
        return 0
    shutil.rmtree(folder, ignore_errors=True)
    return 1
