"""Speed of the procedural material backend, with peers measured in the same run.

    python benchmarks/bench_materials.py [--runs 3] [--size 2048] [--families brick ...]
                                         [--scaling 512 1024 2048 4096] [--no-bake]

Prints, per family, the median time to make a full 2048² map set (arrays only, and
arrays + PNG files), then the cost at each size in ns per pixel (it should stay flat:
linear in pixels), and ratios against peers timed in this run:
  - numpy FFT: rfft2 + irfft2 of one float32 field of the same size (what one
    full-resolution spectral noise layer would cost),
  - Blender: Cycles baking its own Noise Texture (one map, 1 sample) into an image of
    the same size, when the bpy module is importable.
Target: <= 2 s for a 2048² set on 2 cores. The load average is printed because the
machines are shared: figures from a loaded machine are upper bounds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ai_sets_addon.generation.materials import (ProceduralMaterials,  # noqa: E402
                                                generate_maps)
from ai_sets_addon.model.plan import MaterialRequest  # noqa: E402
from ai_sets_addon.generation.vocabulary import MATERIAL_FAMILIES  # noqa: E402

TARGET_S = 2.0


def median_time(func, runs: int) -> float:
    return median_times(func, runs)[0]


def median_times(func, runs: int) -> tuple[float, float]:
    """Median wall seconds and median CPU seconds (all threads of this process)."""
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        func()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def fft_peer(size: int, runs: int) -> float:
    field = np.random.default_rng(0).standard_normal((size, size), dtype=np.float32)
    return median_time(lambda: np.fft.irfft2(np.fft.rfft2(field), s=field.shape), runs)


def blender_bake_peer(size: int) -> float | None:
    """Seconds for Cycles to bake a Noise Texture into a size x size image (1 sample)."""
    try:
        import bpy
    except ImportError:
        return None
    bpy.ops.wm.read_factory_settings(use_empty=True)
    scene = bpy.context.scene
    scene.render.engine = "CYCLES"
    scene.cycles.device, scene.cycles.samples = "CPU", 1
    scene.render.threads_mode, scene.render.threads = "FIXED", 2
    bpy.ops.mesh.primitive_plane_add(size=2.0)
    obj = bpy.context.active_object
    mat = bpy.data.materials.new("bake")
    if mat.node_tree is None:
        mat.use_nodes = True
    tree = mat.node_tree
    noise = tree.nodes.new("ShaderNodeTexNoise")
    noise.inputs["Scale"].default_value = 20.0
    noise.inputs["Detail"].default_value = 8.0
    emit = tree.nodes.new("ShaderNodeEmission")
    tree.links.new(noise.outputs["Color"], emit.inputs["Color"])
    tree.links.new(emit.outputs[0], tree.nodes["Material Output"].inputs["Surface"])
    target = tree.nodes.new("ShaderNodeTexImage")
    target.image = bpy.data.images.new("baked", size, size)
    tree.nodes.active = target
    obj.data.materials.append(mat)
    start = time.perf_counter()
    bpy.ops.object.bake(type="EMIT")
    return time.perf_counter() - start


def per_family(families: list[str], size: int, runs: int, out: Path) -> list[float]:
    backend = ProceduralMaterials()
    print(f"\n== full map set at {size}² (median of {runs}) ==")
    print(f"{'family':24s} {'arrays s':>9s} {'+files s':>9s} {'cpu s':>7s} {'cpu/2':>6s}"
          f"  target {TARGET_S:.1f} s (wall, files included)")
    totals, cpus = [], []
    for fam in families:
        req = MaterialRequest(key=fam, family=fam, seed=1)
        arrays = median_time(lambda: generate_maps(req, size), runs)
        full, cpu = median_times(lambda: backend.make_material(req, size, out), runs)
        totals.append(full)
        cpus.append(cpu)
        flag = "ok" if full <= TARGET_S else "OVER"
        print(f"{fam:24s} {arrays:9.2f} {full:9.2f} {cpu:7.2f} {cpu / 2:6.2f}  {flag}",
              flush=True)
    print(f"{'median':24s} {'':9s} {statistics.median(totals):9.2f} "
          f"{statistics.median(cpus):7.2f} {statistics.median(cpus) / 2:6.2f}   "
          f"max wall {max(totals):.2f} s")
    print("cpu/2 = the wall time two idle cores would need at best (the machine is shared)")
    return totals


def scaling(families: list[str], sizes: list[int], runs: int) -> dict[int, float]:
    print(f"\n== cost by size (arrays, median over {', '.join(families)}) ==")
    print(f"{'size':>6s} {'seconds':>8s} {'ns/pixel':>9s} {'numpy FFT s':>12s} {'ratio':>6s}")
    result = {}
    for size in sizes:
        times = [median_time(lambda f=f: generate_maps(
            MaterialRequest(key=f, family=f, seed=1), size), runs) for f in families]
        med = statistics.median(times)
        fft = fft_peer(size, runs)
        result[size] = med
        print(f"{size:6d} {med:8.3f} {med / size ** 2 * 1e9:9.1f} {fft:12.3f} "
              f"{med / fft:6.1f}", flush=True)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--size", type=int, default=2048)
    parser.add_argument("--families", nargs="*", default=list(MATERIAL_FAMILIES))
    parser.add_argument("--scaling", nargs="*", type=int, default=[512, 1024, 2048, 4096])
    parser.add_argument("--scaling-families", nargs="*",
                        default=["brick", "concrete", "wood_planks", "gravel"])
    parser.add_argument("--no-bake", action="store_true")
    args = parser.parse_args()
    print(f"cores {os.cpu_count()}, load average {os.getloadavg()[0]:.2f}, "
          f"numpy {np.__version__}")
    with tempfile.TemporaryDirectory() as tmp:
        generate_maps(MaterialRequest(key="warm", family="brick"), args.size)   # caches
        totals = per_family(args.families, args.size, args.runs, Path(tmp))
    scaling(args.scaling_families, args.scaling, args.runs)
    fft = fft_peer(args.size, args.runs)
    print(f"\n== peers at {args.size}² ==")
    print(f"numpy rfft2+irfft2 (one field): {fft:.3f} s; "
          f"median full map set = {statistics.median(totals) / fft:.1f} x that")
    bake = None if args.no_bake else blender_bake_peer(args.size)
    if bake is not None:
        print(f"Blender Cycles bake of one Noise Texture map: {bake:.2f} s; "
              f"median full map set (6 maps) = {statistics.median(totals) / bake:.2f} x that")
    print(f"load average now {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
