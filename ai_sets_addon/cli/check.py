"""`ai-sets check DIR`: is the set a plausible place? Collisions, walls, navigable floor,
window clearance, support, density and faces per object (generation/plausibility.py)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from . import common


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "check", help="report how plausible a set is (collisions, walls, navigable floor...)",
        description="Reads a set folder and reports, as a set decorator would check it: "
                    "props that interpenetrate (mesh contact deeper than 1 cm), props "
                    "through a wall or out of the room, the share of the free floor a "
                    "0.2 m-radius disc can reach, windows blocked within 0.5 m, objects "
                    "resting on nothing, objects per 10 m2 and faces per object. Exit 0 "
                    "with the report (PASS or FAIL on its last line); 2 when DIR is not a "
                    "readable set folder.", formatter_class=common.HelpFormatter)
    parser.add_argument("folder", type=common.output_path, metavar="DIR",
                        help="a set folder written by ai-sets build")
    parser.add_argument("--json", action="store_true",
                        help="print the report as JSON (default: a table)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..core.errors import InputError
    from ..generation.plausibility import check_plan
    from ..setfile import read_set

    folder = Path(args.folder)
    if not folder.is_dir():
        raise InputError(f"'{folder}' is not a folder; give a set folder")
    report = check_plan(read_set(folder).plan)
    if args.json:
        print(json.dumps(report.to_dict(), indent=1))
        return common.EXIT_OK
    rows = [("objects", f"{report.objects} ({report.per_10m2} per 10 m2 of {report.floor_m2} m2)"),
            ("collisions > 1 cm", _list(report.collisions)),
            ("faces per object", f"median {report.faces_median}, max {report.faces_max}")]
    if report.interior:
        rows += [("through a wall", _list(report.through_walls)),
                 ("out of the room", _list(report.out_of_room)),
                 ("navigable floor", f"{report.navigable_share:.1%} (0.2 m disc)"),
                 ("windows blocked", _list(report.blocked_windows)),
                 ("resting on nothing", _list(report.unsupported))]
    for name, value in rows:
        print(f"{name:<20} {value}")
    print(f"{report.place}: {'PASS' if report.passed else 'FAIL'}")
    return common.EXIT_OK


def _list(items) -> str:
    if not items:
        return "none"
    shown = [" / ".join(map(str, i)) if isinstance(i, tuple) else str(i) for i in items[:6]]
    return f"{len(items)}: " + ", ".join(shown) + (" ..." if len(items) > 6 else "")
