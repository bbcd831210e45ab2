"""Sky benchmark: our procedural sky vs Blender rendering its own Sky Texture.

    python benchmarks/bench_sky.py [--runs 5] [--peer-runs 3] [--quick]

Ours: a 4096x2048 sky with scattered clouds, compute + EXR write (half, ZIP), median of
several runs, cold (look-up tables rebuilt every run, as in a fresh process) and warm.
Peer, in the same run: Blender's Sky Texture (MULTIPLE_SCATTERING in 5.x, NISHITA in
4.x) rendered by Cycles on the CPU at 1 sample through an equirectangular panorama
camera to a 4096x2048 EXR. Also: our cost at 1024/2048/4096/8192 widths, and how our
clear sky agrees with Blender's at the same sun (sun direction, horizon-to-zenith profile).
No assertions: figures only (the test suite never times anything).
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ai_sets_addon.model.plan import SkyRequest  # noqa: E402
from ai_sets_addon.generation.sky import ProceduralSky, SkyOptions, render_sky  # noqa: E402
from ai_sets_addon.generation.sky import atmosphere  # noqa: E402
from ai_sets_addon.generation.sky.equirect import row_elevations  # noqa: E402

LUMA = np.array([0.2126, 0.7152, 0.0722])
SUN_EL, SUN_AZ = 30.0, 40.0
PROFILE_EL = (1, 3, 5, 10, 15, 20, 30, 45, 60, 75, 89)


def clear_caches() -> None:
    atmosphere._ms_table_cached.cache_clear()
    atmosphere._optical_depth_table.cache_clear()


def time_ours(width: int, runs: int, out_dir: Path, cold: bool) -> list[float]:
    request = SkyRequest(time_of_day="afternoon", cloud_cover="scattered", seed=7)
    times = []
    for i in range(runs):
        if cold:
            clear_caches()
        start = time.perf_counter()
        ProceduralSky().make_sky(request, width, out_dir / f"ours_{width}_{i}.exr")
        times.append(time.perf_counter() - start)
    return times


def time_command(width: int, runs: int, out_dir: Path) -> list[float]:
    """`ai-sets sky` in a fresh interpreter each run, as a user or a farm task starts it."""
    import subprocess

    times = []
    for i in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "ai_sets_addon", "sky",
                        "afternoon, scattered clouds", "--width", str(width),
                        "--out", str(out_dir / f"command_{i}.exr")], check=True,
                       capture_output=True, cwd=Path(__file__).resolve().parents[1])
        times.append(time.perf_counter() - start)
    return times


def blender_sky_scene(width: int, sun_el: float, sun_az: float):
    import bpy

    from ai_sets_addon.blender.scene.world import add_equirect_camera

    bpy.ops.wm.read_factory_settings(use_empty=True)
    scene = bpy.context.scene
    scene.render.engine = "CYCLES"
    scene.cycles.device = "CPU"
    scene.cycles.samples = 1
    scene.cycles.use_denoising = False
    scene.render.resolution_x, scene.render.resolution_y = width, width // 2
    scene.render.resolution_percentage = 100
    scene.view_settings.view_transform = "Standard"
    add_equirect_camera(scene)
    world = bpy.data.worlds.new("blender sky")
    if world.node_tree is None:
        world.use_nodes = True
    nodes = world.node_tree.nodes
    nodes.clear()
    sky = nodes.new("ShaderNodeTexSky")
    kinds = [e.identifier for e in sky.bl_rna.properties["sky_type"].enum_items]
    sky.sky_type = "MULTIPLE_SCATTERING" if "MULTIPLE_SCATTERING" in kinds else "NISHITA"
    sky.sun_elevation = math.radians(sun_el)
    sky.sun_rotation = math.radians(sun_az)     # same angle as our azimuth (measured)
    background = nodes.new("ShaderNodeBackground")
    output = nodes.new("ShaderNodeOutputWorld")
    world.node_tree.links.new(sky.outputs["Color"], background.inputs["Color"])
    world.node_tree.links.new(background.outputs["Background"], output.inputs["Surface"])
    scene.world = world
    scene.render.image_settings.file_format = "OPEN_EXR"
    scene.render.image_settings.color_depth = "16"
    return scene, sky.sky_type


def time_blender(width: int, runs: int, out_dir: Path) -> tuple[list[float], str, Path]:
    import bpy

    times, kind, path = [], "", out_dir / "blender.exr"
    for _ in range(runs):
        start = time.perf_counter()
        scene, kind = blender_sky_scene(width, SUN_EL, SUN_AZ)
        scene.render.filepath = str(path)
        bpy.ops.render.render(write_still=True)
        times.append(time.perf_counter() - start)
    return times, kind, path


def read_any_exr(path: Path) -> np.ndarray:
    import OpenEXR

    with OpenEXR.File(str(path)) as exr:
        channels = exr.channels()
        name = "RGBA" if "RGBA" in channels else "RGB"
        return np.asarray(channels[name].pixels, np.float32)[..., :3]


def profile(rgb: np.ndarray) -> np.ndarray:
    """Luminance at PROFILE_EL, averaged over azimuths more than 45 deg from the sun."""
    rows = row_elevations(rgb.shape[0])
    cols = (np.arange(rgb.shape[1]) + 0.5) * 360.0 / rgb.shape[1] - 90.0
    away = np.abs((cols - SUN_AZ + 180.0) % 360.0 - 180.0) > 45.0
    lum = (rgb[:, away] @ LUMA.astype(np.float32)).mean(axis=1)
    return np.array([lum[np.argmin(np.abs(rows - el))] for el in PROFILE_EL])


def sun_direction(rgb: np.ndarray) -> tuple[float, float]:
    """Centroid of the disc's pixels (Blender's 1-sample disc is speckled: a centroid, not
    the brightest pixel, finds its centre)."""
    lum = rgb @ LUMA.astype(np.float32)
    height, width = lum.shape
    row, col = np.unravel_index(int(np.argmax(lum)), lum.shape)
    r0, c0 = max(row - 12, 0), max(col - 12, 0)
    win = lum[r0:row + 13, c0:col + 13]
    mask = win > 0.1 * win.max()
    rr, cc = np.nonzero(mask)
    w = win[mask]
    r, c = r0 + np.sum(rr * w) / w.sum(), c0 + np.sum(cc * w) / w.sum()
    return 90.0 - (r + 0.5) * 180.0 / height, (c + 0.5) * 360.0 / width - 90.0


def angle_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    def vec(el, az):
        el, az = math.radians(el), math.radians(az)
        return np.array([math.cos(el) * math.sin(az), math.cos(el) * math.cos(az), math.sin(el)])
    return math.degrees(math.acos(float(np.clip(vec(*a) @ vec(*b), -1.0, 1.0))))


def agreement(blender_rgb: np.ndarray) -> None:
    """Our clear sky with the sun at Blender's elevation/azimuth, disc kept, same width."""
    ours_rgb = _same_elevation(blender_rgb.shape[1])
    ours_sun, theirs_sun = sun_direction(ours_rgb), sun_direction(blender_rgb)
    print(f"sun direction: ours el {ours_sun[0]:.2f} az {ours_sun[1]:.2f}, Blender el "
          f"{theirs_sun[0]:.2f} az {theirs_sun[1]:.2f}: {angle_between(ours_sun, theirs_sun):.3f}"
          f" deg apart (pixel {180.0 / blender_rgb.shape[0]:.3f} deg)")
    p_ours, p_blender = profile(ours_rgb), profile(blender_rgb)
    print("horizon-to-zenith luminance (azimuth mean), W/m^2/sr:")
    print("  elev   ours      Blender   ratio   ours/zenith  Blender/zenith")
    for el, a, b in zip(PROFILE_EL, p_ours, p_blender):
        print(f"  {el:4d} {a:9.3f} {b:9.3f} {a / b:7.3f}   {a / p_ours[-1]:8.3f}    "
              f"{b / p_blender[-1]:8.3f}")
    shape_err = np.abs(np.log(p_ours / p_ours[-1]) - np.log(p_blender / p_blender[-1]))
    print(f"  shape (normalised to zenith) max |log ratio| {shape_err.max():.3f}, "
          f"mean absolute ratio {np.exp(np.mean(np.log(p_ours / p_blender))):.3f}")


def _same_elevation(width: int) -> np.ndarray:
    import ai_sets_addon.generation.sky.solar as solar

    saved = solar.TIME_OF_DAY_SUN["noon"]
    solar.TIME_OF_DAY_SUN["noon"] = (SUN_EL, SUN_AZ)
    try:
        return render_sky(SkyRequest(time_of_day="noon", cloud_cover="clear", seed=0), width,
                          SkyOptions(sun_in_map=True)).rgb
    finally:
        solar.TIME_OF_DAY_SUN["noon"] = saved


def fmt(times: list[float]) -> str:
    return f"median {statistics.median(times):.3f} s (runs: " + \
        ", ".join(f"{t:.3f}" for t in times) + ")"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--peer-runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="skip the 8192 width and peer")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        time_ours(1024, 1, out, cold=True)                       # import/warm-up
        cold = time_ours(4096, args.runs, out, cold=True)
        warm = time_ours(4096, args.runs, out, cold=False)
        print(f"ours 4096x2048 scattered clouds, compute + EXR: cold {fmt(cold)}")
        print(f"ours 4096x2048 scattered clouds, compute + EXR: warm {fmt(warm)}")
        print("cost by width (warm, median of 3):")
        for width in (1024, 2048, 4096) + (() if args.quick else (8192,)):
            med = statistics.median(time_ours(width, 3 if width < 8192 else 1, out, cold=False))
            pixels = width * width // 2
            print(f"  {width:5d}x{width // 2:<5d} {med:7.3f} s  {med / pixels * 1e9:6.1f} ns/pixel")
        if args.quick:
            return 0
        command = time_command(4096, args.runs, out)
        print(f"ours as a user runs it, `ai-sets sky --width 4096` (a fresh process: imports, "
              f"compute, EXR, PNG, JSON): {fmt(command)}")
        peer, kind, path = time_blender(4096, args.peer_runs, out)
        print(f"Blender {kind} sky, Cycles CPU 1 sample, 4096x2048 EXR: {fmt(peer)}")
        ratio = statistics.median(peer) / statistics.median(cold)
        print(f"ratio Blender / ours (cold): {ratio:.1f}x; "
              f"(warm): {statistics.median(peer) / statistics.median(warm):.1f}x; "
              f"(whole command): {statistics.median(peer) / statistics.median(command):.1f}x")
        agreement(read_any_exr(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
