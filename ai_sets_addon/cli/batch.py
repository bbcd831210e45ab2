"""`ai-sets batch JOBS.toml --out DIR`: many sets × seeds × times of day × shots on a
Dask cluster (a local one by default), resumable from DIR/batch-manifest.json."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from ..core import limits
from . import common


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "batch", help="render many sets and shots from a TOML job file (Dask)",
        formatter_class=common.HelpFormatter,
        description="Validate JOBS.toml (every problem at once, with line numbers; exit 2), "
                    "then prepare each set once and render its shots, each in its own "
                    "process, on a Dask cluster. Outputs: DIR/<set>/set/ (the set folder), "
                    "DIR/<set>/<shot>.png, DIR/batch-manifest.json. A re-run skips every "
                    "task whose outputs still match their sha256. Exit 2 if a task failed "
                    "(after one retry; its log is printed and kept in DIR/logs/).")
    parser.add_argument("jobs", type=common.output_path, metavar="JOBS.toml",
                        help="the job file (see examples/batch.toml)")
    parser.add_argument("--out", required=True, type=common.output_path, metavar="DIR",
                        help="the batch folder (shared storage on a farm)")
    parser.add_argument("--scheduler", default="local", metavar="local|tcp://HOST:PORT",
                        type=_scheduler,
                        help="'local' starts a LocalCluster; an address (tcp:// or tls://) "
                             "uses that cluster (default: local)")
    parser.add_argument("--workers", type=limits.WORKERS.argtype(), default=None,
                        metavar="N", help=f"{limits.WORKERS.rules}; local: worker processes, one thread each "
                        "(default: the cores, %d here); tcp: wait for N workers "
                        "(default: 1)" % (os.cpu_count() or 1))
    parser.add_argument("--dry-run", action="store_true",
                        help="print the expanded task table and its estimated cost, run "
                             "nothing (default: off)")
    common.add_camera_options(parser)
    parser.set_defaults(func=run)


def _scheduler(text: str) -> str:
    if text == "local" or text.startswith(("tcp://", "tls://")):
        return text
    raise argparse.ArgumentTypeError(f"'{text}' is neither 'local' nor a scheduler address "
                                     "like tcp://10.0.0.5:8786")


def run(args: argparse.Namespace) -> int:
    from ..farm import jobfile, tasks
    from ..farm.progress import clock, expansion_table

    jobs = jobfile.load(args.jobs)
    _check_out(args.out, jobs)
    expansion = tasks.expand(with_camera_options(jobs, args))
    if args.dry_run:
        total = sum(tasks.estimate_seconds(t) for t in expansion.tasks)
        workers = args.workers or os.cpu_count() or 1
        print(expansion_table(expansion.tasks))
        print(f"\n{len(expansion.tasks)} tasks ({_counts(expansion)}); estimated "
              f"{clock(total)} of CPU on one core, about {clock(total / workers)} on "
              f"{workers} free core(s) (rough: fitted on a 2-core VM with small sets; "
              "nothing was run)")
        return common.EXIT_OK
    return _run_batch(args, expansion)


def _run_batch(args: argparse.Namespace, expansion) -> int:
    from ..core.errors import InputError
    from ..farm.progress import summary_table
    from ..farm.runner import BatchOptions, run_batch
    from ..core import interrupts

    _require_dask()
    def stopped() -> str:
        from ..farm.runner import remove_leftovers

        remove_leftovers(Path(args.out))      # best effort: a resume removes the rest
        return (f"finished tasks are recorded in {Path(args.out) / 'batch-manifest.json'}; "
                "run the same command again to resume (it removes what this run left)")

    remove = interrupts.on_interrupt(stopped)
    try:
        outcomes = run_batch(expansion, BatchOptions(args.out, args.scheduler, args.workers,
                                                     args.jobs))
    finally:
        remove()
    print(summary_table(outcomes))
    counts = {s: sum(o.status == s for o in outcomes) for s in
              ("ran", "skipped", "adopted", "failed", "blocked")}
    print(", ".join(f"{n} {s}" for s, n in counts.items() if n) + f"; manifest "
          f"{Path(args.out) / 'batch-manifest.json'}")
    if counts["failed"] or counts["blocked"]:
        raise InputError(f"{counts['failed']} task(s) failed and {counts['blocked']} could "
                         "not run (logs above and in DIR/logs/); fix and re-run: finished "
                         "tasks are skipped")
    return common.EXIT_OK


def _check_out(out: Path, jobs) -> None:
    """The batch folder is never an input: not the job file, not a file at all, not
    inside a scouted set folder whose shots the job reads."""
    from ..core.errors import InputError
    from ..core.fileio import check_apart

    folders = [p if p.is_dir() else p.parent for p in jobs.shot_files]
    check_apart([out], inputs=[jobs.path, *jobs.shot_files],
                set_folders=[f for f in folders if (f / "set.json").is_file()])
    if out.exists() and not out.is_dir():
        raise InputError(f"--out '{out}' is a file; give a folder for the batch (nothing "
                         "was changed)")


def with_camera_options(jobs, args: argparse.Namespace):
    """The command line's camera options over every shot's `exposure` of the job file."""
    from dataclasses import asdict, replace

    request = common.camera_request(args)
    given = {k: v for k, v in asdict(request).items()
             if v is not None and k not in ("fps", "tint", "lens_effects")}
    if args.lens_effects is False:
        given["lens_effects"] = False
    if args.tint:
        given["tint"] = args.tint
    if getattr(args, "camera_fps", 24.0) != 24.0:
        given["fps"] = args.camera_fps
    if not given:
        return jobs
    for index, job in enumerate(jobs.sets):
        shots = tuple(replace(shot, exposure={**shot.exposure, **given}) for shot in job.shots)
        jobs.sets[index] = replace(job, shots=shots)
    return jobs


def _counts(expansion) -> str:
    kinds = ("prepare", "paint", "render")
    return ", ".join(f"{len(expansion.of_kind(k))} {k}" for k in kinds if expansion.of_kind(k))


def _require_dask() -> None:
    from ..core.errors import InputError

    try:
        import distributed  # noqa: F401
    except ImportError:
        raise InputError("the batch command needs Dask: pip install 'ai-sets[farm]'") from None
