"""The batch on Dask: skip what is done, submit the rest as a graph, record each result.

    with batch_lock(DIR):                 # one batch per folder (exit 2 naming the other)
        manifest = BatchManifest.load(DIR)
        todo = tasks not done (hash-checked) and not adoptable from disk
        client.submit(execute, task, *upstream, retries=1, resources=GPU for paint)
        as each finishes: manifest updated and written (atomically), progress redrawn

Dask reschedules a task whose worker died (kill -9 included); `retries=1` runs a
failing task once more, then it is reported with its log while the others go on. The
client alone writes the manifest, so nothing is recorded twice.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import InputError
from .manifest import BatchManifest
from .progress import BatchProgress
from ..blender.shot_render import WORK_PREFIX
from .tasks import Expansion, Task, estimate_seconds
from .work import Context, TaskFailed, execute

LOCK = ".batch.lock"
KIND_ORDER = {"prepare": 0, "paint": 1, "render": 2}


@dataclass
class BatchOptions:
    out: Path
    scheduler: str = "local"          # "local" or tcp://HOST:PORT
    workers: int | None = None        # local: workers (default: cores); tcp: wait for N
    jobs_file: Path | None = None
    stream: object = field(default_factory=lambda: sys.stderr)
    cycles_threads: int | None = None  # per render; default: a host's cores / its slots


@dataclass
class Outcome:
    task: Task
    status: str                       # ran | skipped | adopted | failed | blocked
    seconds: float | None = None
    worker: str = ""
    message: str = ""
    record: dict | None = None        # what the worker returned (ran)


def run_batch(expansion: Expansion, options: BatchOptions) -> list[Outcome]:
    out = Path(options.out)
    out.mkdir(parents=True, exist_ok=True)
    with batch_lock(out):
        remove_leftovers(out)
        manifest = BatchManifest.load(out)
        manifest.begin_run({"scheduler": options.scheduler, "host": socket.gethostname(),
                            "pid": os.getpid()})
        outcomes, todo = triage(expansion, manifest)
        header = _header(options)
        manifest.save(header)
        if todo:
            with connect(options, any(t.gpu for t in todo)) as (client, threads):
                outcomes += _execute(client, todo, manifest, header,
                                     Context(out.absolute(), threads), options)
        manifest.save(header)
    return outcomes


@contextmanager
def batch_lock(out: Path) -> Iterator[None]:
    """One batch per folder: an OS lock (freed if the process dies) naming its holder."""
    from ..setfile.folder import FolderBusy, acquire_lock, release_lock

    path = out / LOCK
    try:
        fd = acquire_lock(path, out, wait=False)
    except FolderBusy:
        raise InputError(f"another batch is writing '{out}' ({_holder(path)}); wait for "
                         "it to finish or choose another --out (nothing was changed)") from None
    try:
        yield
    finally:
        release_lock(fd)


DASK_DIR = ".dask"                 # the local cluster's worker space, inside DIR


def remove_leftovers(out: Path) -> int:
    """What a killed batch left (run with the batch lock held, so nothing else writes):
    renders' work folders, temporary PNG/EXR/sky files of older versions, the local
    cluster's worker space. Returns how many were removed."""
    patterns = (f"*/{WORK_PREFIX}*", "*/.*.tmp.*", "*/.sky-*", "*/.aisets_meter_*",
                DASK_DIR)
    found = [p for pattern in patterns for p in out.glob(pattern)]
    for path in found:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    return len(found)


def _holder(path: Path) -> str:
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
        return f"pid {info['pid']} on {info['host']}, since {info['since']}"
    except (OSError, ValueError, KeyError):
        return "another process"


def triage(expansion: Expansion, manifest: BatchManifest) -> tuple[list[Outcome], list[Task]]:
    """Done (outputs match their hashes) → skipped; found on disk → adopted; else to do."""
    outcomes, todo = [], []
    for task in expansion.tasks:
        if manifest.is_done(task):
            outcomes.append(Outcome(task, "skipped"))
            manifest.note("skipped", task.task_id)
        elif manifest.adopt(task):
            outcomes.append(Outcome(task, "adopted"))
            manifest.note("adopted", task.task_id)
        else:
            todo.append(task)
    return outcomes, todo


def _header(options: BatchOptions) -> dict:
    from ..core.fileio import sha256_of
    from ..blender.pipeline import __version__

    jobs = options.jobs_file
    return {"jobs_file": str(jobs) if jobs else None,
            "jobs_sha256": sha256_of(jobs) if jobs and Path(jobs).is_file() else None,
            "ai_sets": __version__}


# ---------------------------------------------------------------------------- cluster

@contextmanager
def connect(options: BatchOptions, needs_gpu: bool) -> Iterator[tuple[object, dict]]:
    """A Dask client on a new LocalCluster or an existing scheduler, and the Cycles
    threads each host's renders get (its cores shared by its task slots)."""
    import logging

    from distributed import Client, LocalCluster

    if options.scheduler == "local":
        workers = options.workers or os.cpu_count() or 1
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=None,
                               local_directory=str(Path(options.out).absolute() / DASK_DIR),
                               silence_logs=logging.ERROR,
                               resources={"GPU": 1} if needs_gpu else None)
        client = Client(cluster)
    else:
        cluster = None
        try:
            client = Client(options.scheduler, timeout="20s")
        except OSError as exc:
            raise InputError(f"cannot reach the Dask scheduler at {options.scheduler} ({exc}); "
                             "start it with `dask scheduler` or check the address") from None
    try:
        if cluster is None:
            _wait_for_workers(client, options.workers or 1, needs_gpu)
        threads = cycles_threads(client)
        if options.cycles_threads:
            threads = {host: options.cycles_threads for host in threads}
        yield client, threads
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
            shutil.rmtree(Path(options.out) / DASK_DIR, ignore_errors=True)


def _wait_for_workers(client, count: int, needs_gpu: bool) -> None:
    try:
        client.wait_for_workers(count, timeout=120)
    except TimeoutError:
        raise InputError(f"the scheduler has fewer than {count} worker(s) after 2 minutes; "
                         "start them with `dask worker SCHEDULER_ADDRESS`") from None
    workers = client.scheduler_info(n_workers=-1)["workers"].values()
    if needs_gpu and not any(w.get("resources", {}).get("GPU") for w in workers):
        raise InputError("this batch paints with a model (a GPU task) but no worker has a "
                         "GPU: start one with `dask worker ADDRESS --resources GPU=1`")


def cycles_threads(client) -> dict[str, int]:
    """host -> Cycles threads per render: the host's cores over its task slots."""
    cores = client.run(lambda: (socket.gethostname(), os.cpu_count() or 1))
    info = client.scheduler_info(n_workers=-1)["workers"]
    slots: dict[str, int] = {}
    for address, (host, _) in cores.items():
        slots[host] = slots.get(host, 0) + info.get(address, {}).get("nthreads", 1)
    return {host: max(1, count // slots[host]) for host, count in set(cores.values())}


# ---------------------------------------------------------------------------- execute

def _execute(client, todo: list[Task], manifest: BatchManifest, header: dict,
             context: Context, options: BatchOptions) -> list[Outcome]:
    from distributed import wait

    futures = _submit(client, todo, context)
    tasks = {future.key: task for task, future in futures}
    progress = BatchProgress([estimate_seconds(t) for t in todo], options.stream)
    outcomes: list[Outcome] = []
    failed: set[str] = set()
    pending = {future for _, future in futures}
    while pending:
        try:
            done, pending = wait(pending, timeout=0.5, return_when="FIRST_COMPLETED")
        except TimeoutError:
            done = set()
        for future in sorted(done, key=lambda f: KIND_ORDER[tasks[f.key].kind]):
            task = tasks[future.key]
            outcome = _collect(future, task, failed)
            outcomes.append(outcome)
            _record(manifest, outcome)
            manifest.save(header)
            progress.finished(estimate_seconds(task), outcome.status == "ran")
            if outcome.status == "failed":
                progress.message(outcome.message)
        progress.draw(_running(client, tasks))
    progress.close()
    return outcomes


def _submit(client, todo: list[Task], context: Context) -> list[tuple[Task, object]]:
    token = secrets.token_hex(4)
    by_id: dict[str, object] = {}
    submitted = []
    for task in todo:
        upstream = [by_id[name] for name in task.needs if name in by_id]
        key = f"{task.task_id.replace(' ', ':')}-{token}"
        future = client.submit(execute, task, context, *upstream, key=key, pure=False,
                               retries=1, resources={"GPU": 1} if task.gpu else None)
        by_id[task.task_id] = future
        submitted.append((task, future))
    return submitted


def _collect(future, task: Task, failed: set[str]) -> Outcome:
    if future.status == "finished":
        record = future.result()
        return Outcome(task, "ran", record["seconds"], record["worker"], record=record)
    blocked = [name for name in task.needs if name in failed]
    failed.add(task.task_id)
    if blocked:
        return Outcome(task, "blocked", message=f"not run: {blocked[0]} failed")
    exc = future.exception()
    message = str(exc) if isinstance(exc, TaskFailed) else \
        f"{task.task_id} failed: {type(exc).__name__}: {exc}"
    return Outcome(task, "failed", message=message)


def _record(manifest: BatchManifest, outcome: Outcome) -> None:
    if outcome.status == "ran":
        manifest.record(outcome.task, outcome.record or {})
        manifest.note("ran", outcome.task.task_id)
    else:
        manifest.fail(outcome.task, outcome.message)
        manifest.note("failed", outcome.task.task_id)


def _running(client, tasks: dict) -> int:
    try:
        processing = client.processing()
    except (OSError, TimeoutError):
        return 0
    return sum(1 for keys in processing.values() for key in keys if key in tasks)
