"""The worker thread behind the modal operator: progress, cancel, errors."""

from __future__ import annotations

import threading

import pytest

from ai_sets_addon.core.errors import Cancelled, InputError
from ai_sets_addon.generation.prepare import BuildOptions, prepare_set
from ai_sets_addon.operators.job import BackgroundJob


def test_progress_reaches_the_main_thread_and_the_result_arrives(tmp_path):
    seen = []

    def work(report, cancelled):
        result = prepare_set("a room at dusk", 2, tmp_path, BuildOptions(256, 512), report,
                             cancelled)
        seen.append(threading.current_thread().name)
        return result

    job = BackgroundJob(work).start()
    job.wait(120)
    assert job.done and job.error is None
    doc, timings = job.result
    assert doc.spec.time_of_day == "dusk" and {"parse", "layout", "assets"} <= set(timings)
    assert job.progress >= 0.9
    assert seen == ["ai-sets-job"]


def test_cancel_stops_between_steps_and_reports_cancelled(tmp_path):
    started = threading.Event()

    def work(report, cancelled):
        def slow_report(fraction, message):
            started.set()
            report(fraction, message)

        return prepare_set("a room", 1, tmp_path, BuildOptions(256, 512), slow_report,
                           lambda: started.is_set() and cancelled())

    job = BackgroundJob(work)
    job.cancel()
    job.start().wait(120)
    assert isinstance(job.error, Cancelled)
    assert not (tmp_path / "sky.exr").exists()


def test_bad_input_in_the_thread_is_handed_back_not_raised(tmp_path):
    job = BackgroundJob(lambda report, cancelled: prepare_set("", 1, tmp_path)).start()
    job.wait(30)
    assert isinstance(job.error, InputError)
    with pytest.raises(InputError):
        raise job.error
