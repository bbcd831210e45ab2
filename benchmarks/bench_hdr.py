"""HDR lift benchmark: `lift()` on a 4096x2048 8-bit panorama (target <= 1 s on 2 cores).

    python benchmarks/bench_hdr.py [--runs 5] [--width 4096]

The panorama: our golden-hour sky with few clouds, exposed as the test set's camera
does (sky median at mid grey, sRGB, 8 bits): the sun, its aureole and a horizon band
clip; and the same sky through the AgX-like filmic curve at +2 EV (the tone curve is
estimated and the panorama decoded again: response.py); and an afternoon sky at +2 EV,
over 70 % white, whose sun the censored fit reads (saturated.py). Timed: the lift itself (grid,
sun, elevation scan, fit, aureole, disc, expansion), cold (sky tables rebuilt and the
shipped multiple-scattering tables read again, as in a fresh process; and, to measure
what shipping them saves, with every one of those tables marched) and warm (tables cached:
a second panorama in the same process); and the whole command path
(read PNG + lift + write EXR/PNG/JSON). Peer, in the same run: reading and writing the
same EXR (float32, ZIP) with the OpenEXR bindings, i.e. the I/O any tool pays. Also
timed cold: an afternoon sky at +1 EV, whose high sun the elevation scan reads twice
(the crisp day's air, then cleaner air: elevation.scan_elevation).
No assertions: figures only.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ai_sets_addon.core.fileio import read_exr, write_exr, write_png  # noqa: E402
from ai_sets_addon.generation.hdr import lift, read_panorama, write_lift  # noqa: E402
from ai_sets_addon.generation.hdr import fit as hdr_fit  # noqa: E402
from ai_sets_addon.generation.hdr.testset import expose  # noqa: E402
from ai_sets_addon.model.plan import SkyRequest  # noqa: E402
from ai_sets_addon.generation.sky import SkyOptions, atmosphere, render_sky  # noqa: E402


def ldr_panorama(width: int, ev: float = 0.0, curve: str = "srgb",
                 time_of_day: str = "golden hour") -> tuple[np.ndarray, tuple[float, float]]:
    """The camera of the test set (generation/hdr/testset.py): sky median at mid grey
    shifted by `ev`, encoded with `curve`; and the true sun (elevation, azimuth)."""
    sky = render_sky(SkyRequest(time_of_day=time_of_day, cloud_cover="few"), width,
                     SkyOptions(sun_in_map=True))
    return expose(sky.rgb, ev, curve), (sky.lights.sun_elevation_deg,
                                        sky.lights.sun_azimuth_deg)


def clear_caches() -> None:
    """As in a fresh process: the shipped multiple-scattering tables are read again."""
    hdr_fit.table_for.cache_clear()
    hdr_fit.sky_rows_for.cache_clear()
    atmosphere._ms_table_cached.cache_clear()
    atmosphere._optical_depth_table.cache_clear()
    atmosphere.shipped_ms_tables.cache_clear()


@contextmanager
def without_shipped_tables():
    """Every multiple-scattering table marched, as before they were shipped (or with
    the file missing): the figure the shipped tables are measured against."""
    shipped = atmosphere.shipped_ms_tables
    atmosphere.shipped_ms_tables = lru_cache(maxsize=1)(dict)     # none shipped
    try:
        yield
    finally:
        atmosphere.shipped_ms_tables = shipped


CPU: dict[str, list[float]] = {}


def timed(fn, runs: int, before=None, name: str = "") -> list[float]:
    """Wall-clock seconds per run; the process CPU seconds go to CPU[name] (on a shared
    machine the wall clock includes waiting for a core, the CPU time does not)."""
    times = []
    for _ in range(runs):
        if before:
            before()
        start, cpu = time.perf_counter(), time.process_time()
        fn()
        times.append(time.perf_counter() - start)
        CPU.setdefault(name, []).append(time.process_time() - cpu)
    return times


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--width", type=int, default=4096)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        src = tmp / "pano.png"
        u8, truth = ldr_panorama(args.width)
        write_png(src, u8)
        pano = read_panorama(src)
        result = lift(pano)
        out = tmp / "sky.exr"
        write_lift(out, result, pano, 2.0)
        cold = timed(lambda: lift(pano), args.runs, clear_caches, "cold")
        write_png(src_filmic := tmp / "filmic.png", ldr_panorama(args.width, 2.0, "filmic")[0])
        filmic = read_panorama(src_filmic)
        filmic_result = lift(filmic)
        cold_filmic = timed(lambda: lift(filmic), args.runs, clear_caches, "cold_filmic")
        high_u8, high_truth = ldr_panorama(args.width, 1.0, "srgb", "afternoon")
        write_png(src_high := tmp / "high.png", high_u8)
        high = read_panorama(src_high)
        high_result = lift(high)
        cold_high = timed(lambda: lift(high), args.runs, clear_caches, "cold_high")
        white_u8, white_truth = ldr_panorama(args.width, 2.0, "srgb", "afternoon")
        write_png(src_white := tmp / "white.png", white_u8)
        white = read_panorama(src_white)
        white_result = lift(white)
        cold_white = timed(lambda: lift(white), args.runs, clear_caches, "cold_white")
        with without_shipped_tables():
            marched = timed(lambda: lift(pano), args.runs, clear_caches, "marched")
            marched_filmic = timed(lambda: lift(filmic), args.runs, clear_caches,
                                   "marched_filmic")
        warm = timed(lambda: lift(pano), args.runs, name="warm")
        command = timed(lambda: write_lift(out, lift(read_panorama(src)), pano, 2.0),
                        args.runs, clear_caches, "command")
        peer_path = tmp / "peer.exr"
        peer = timed(lambda: write_exr(peer_path, read_exr(out), half=False), args.runs,
                     name="peer")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    med = {k: statistics.median(v) for k, v in
           {"cold": cold, "cold_filmic": cold_filmic, "cold_high": cold_high,
            "cold_white": cold_white, "marched": marched,
            "marched_filmic": marched_filmic, "warm": warm, "command": command,
            "peer": peer}.items()}
    print(f"HDR lift, {args.width}x{args.width // 2} 8-bit golden-hour panorama, "
          f"{args.runs} runs, {cores} cores, load {os.getloadavg()[0]:.1f}")
    print(f"  sun: az {result.sun.azimuth_deg:.2f} el {result.sun.elevation_deg:.2f} "
          f"(truth az {truth[1]:.2f} el {truth[0]:.2f}) "
          f"({result.sun.method}), irradiance {result.irradiance:.3g} W/m^2, "
          f"haze {result.fit.haze:.2f}")
    cpu = {k: statistics.median(v) for k, v in CPU.items()}
    print(f"  filmic camera at +2 EV: read as {filmic_result.response}, sun az "
          f"{filmic_result.sun.azimuth_deg:.2f} el {filmic_result.sun.elevation_deg:.2f}")
    print(f"  afternoon sky at +1 EV (a high sun: read on the crisp and the clean air): "
          f"sun el {high_result.sun.elevation_deg:.2f} (truth {high_truth[0]:.2f}), "
          f"clean-air misfit {high_result.refine.get('clean_air_misfit')}")
    print(f"  the same sky at +2 EV ({white_result.sun.method}: the censored fit): sun el "
          f"{white_result.sun.elevation_deg:.2f} (truth {white_truth[0]:.2f})")
    labels = {"cold": "lift (cold tables)       ",
              "cold_filmic": "lift (cold), filmic +2 EV",
              "cold_high": "lift (cold), afternoon  ",
              "cold_white": "lift (cold), +2 EV white",
              "marched": "  the same, no shipped MS  ",
              "marched_filmic": "  filmic, no shipped MS   ",
              "warm": "lift (warm tables)       ",
              "command": "read PNG + lift + write  "}
    for key, label in labels.items():
        print(f"  {label} median {med[key]:.3f} s wall, {cpu[key]:.3f} s CPU   "
              f"x{med[key] / med['peer']:.2f} the peer")
    print(f"  peer: read + write the same float32 EXR   median {med['peer']:.3f} s wall, "
          f"{cpu['peer']:.3f} s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
