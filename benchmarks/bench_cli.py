"""What each `ai-sets` command imports before it starts work, and how long that takes.

    python benchmarks/bench_cli.py [--repeat 5]

For every command, `python -X importtime -m ai_sets_addon COMMAND --help` is run
`--repeat` times; the table shows the median wall time of the run, the imports' own
total (from -X importtime), the heavy libraries it pulled in (a command imports only what
it uses: `sky` and `material` need neither trimesh, scipy nor bpy), and the ratio to the
peer measured in the same run: `python -c "import numpy"`, the floor every command pays.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("numpy", "trimesh", "scipy", "bpy", "torch", "diffusers", "PIL", "OpenEXR", "dask")


def commands() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from ai_sets_addon.cli import make_parser

    parser = make_parser()
    return sorted(parser._subparsers._group_actions[0].choices)   # argparse's own table


def run(args: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-X", "importtime", *args], cwd=ROOT,
                          capture_output=True, text=True)
    return time.perf_counter() - start, proc.stderr


def imported(stderr: str) -> tuple[set[str], float]:
    """(top-level packages imported, total import seconds) from -X importtime output."""
    names, total_us = set(), 0
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line or "self [us]" in line:
            continue
        _, cumulative, name = line.split("|")
        if not name.startswith("  "):            # a top-level import: its own cumulative
            total_us += int(cumulative)
        names.add(name.strip().split(".")[0])
    return names, total_us / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    peer = [run(["-c", "import numpy"])[0] for _ in range(args.repeat)]
    peer_median = statistics.median(peer)
    print(f"peer: python -c 'import numpy': median {peer_median:.3f} s over {args.repeat} runs")
    print(f"{'command':<12} {'median s':>9} {'imports s':>10} {'x peer':>7}  heavy libraries")
    for command in commands():
        times, heavy, total = [], set(), 0.0
        for _ in range(args.repeat):
            seconds, stderr = run(["-m", "ai_sets_addon", command, "--help"])
            names, total = imported(stderr)
            times.append(seconds)
            heavy = {h for h in HEAVY if h in names}
        median = statistics.median(times)
        print(f"{command:<12} {median:9.3f} {total:10.3f} {median / peer_median:7.2f}  "
              f"{', '.join(sorted(heavy)) or '-'}")


if __name__ == "__main__":
    main()
