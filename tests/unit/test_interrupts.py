"""The interrupt watcher without Blender: exit 130/143 from inside a long blocking
call, callbacks' notes in the message, and a hung or failing callback cannot hold the
exit up (tests/blender/test_interrupts.py covers Cycles renders and whole builds)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BOUND_S = 5.0

DRIVER = r"""
import sys, threading, time
from ai_sets_addon.core import interrupts
interrupts.install()
interrupts.install()                                   # idempotent
interrupts.on_interrupt(lambda: "first note")
if "hang" in sys.argv:
    interrupts.on_interrupt(lambda: time.sleep(60))
if "fail" in sys.argv:
    interrupts.on_interrupt(lambda: 1 / 0)
remove = interrupts.on_interrupt(lambda: "removed note")
remove()
print("READY", flush=True)
threading.Event().wait(120)                            # one long blocking C call
print("NOT INTERRUPTED", flush=True)
"""


def _run(signum: int, *flags: str) -> tuple[int, float, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-c", DRIVER, *flags], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "READY"
        time.sleep(0.3)
        sent = time.perf_counter()
        proc.send_signal(signum)
        proc.wait(timeout=60)
        took = time.perf_counter() - sent
        return proc.returncode, took, proc.stderr.read() + proc.stdout.read()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.parametrize("signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_exit_code_and_message(signum, code):
    rc, took, out = _run(signum)
    print(f"\n{signal.Signals(signum).name}: exit {rc} after {took:.2f} s")
    assert rc == code and took < BOUND_S
    assert f"ai-sets: interrupted ({signal.Signals(signum).name}); stopped before " \
           "finishing; first note" in out
    assert "removed note" not in out and "NOT INTERRUPTED" not in out


def test_a_hung_or_failing_callback_does_not_hold_the_exit():
    rc, took, out = _run(signal.SIGTERM, "hang", "fail")
    print(f"\nhung + failing callbacks: exit {rc} after {took:.2f} s")
    assert rc == 143 and took < BOUND_S
    assert "cleanup failed" in out or "first note" in out


def test_not_on_the_main_thread_nothing_changes():
    import threading

    from ai_sets_addon.core import interrupts

    result = []
    worker = threading.Thread(target=lambda: result.append(interrupts.install()))
    worker.start()
    worker.join()
    assert result == [False]
