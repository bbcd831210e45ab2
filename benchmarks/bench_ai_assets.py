"""AI assets benchmark: a seamless material tile and a 360° panorama with a FULL-SIZE
random-weight plain SD 1.5 text-to-image pipeline (what `--backend diffusers` loads
without --controlnet), against peers measured in the same run.

    python benchmarks/bench_ai_assets.py [--tile 512] [--pano-width 1024] [--steps 2]
                                         [--repeats 3] [--map-size 1024] [--sky-width 2048]
                                         [--control-only]

The networks are built from their published configs (bench_paint.py) with random
weights: the same layers and FLOPs as the real models, no download; the CLIP text
encoder is full size too (the tokenizer is a small one, which costs nothing). Figures
are medians over --repeats runs. Peers, same process, same machine:
  - the same call through SD 1.5 + depth ControlNet (same UNet, VAE and text encoder
    weights) at conditioning scale 0, as materials and skies ran before issue 18: what
    the unused network cost, and the largest pixel difference it made (--control-only
    times just this pair);
  - the same pipeline call without circular padding (what seamless costs);
  - the procedural backend's material (brick, --map-size) and sky (--sky-width): what
    choosing the diffusers backend costs per asset.
Also timed: deriving + writing the AI map set at --map-size (no model), and the LDR
panorama resampled to --sky-width and lifted to HDR. No assertions: figures only.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE), str(HERE.parent / "tests" / "unit")]

SD15_VAE = {  # stable-diffusion-v1-5/stable-diffusion-v1-5 vae/config.json
    "act_fn": "silu", "block_out_channels": [128, 256, 512, 512],
    "down_block_types": ["DownEncoderBlock2D"] * 4, "in_channels": 3, "latent_channels": 4,
    "layers_per_block": 2, "norm_num_groups": 32, "out_channels": 3, "sample_size": 512,
    "up_block_types": ["UpDecoderBlock2D"] * 4}
SD15_TEXT = dict(  # openai/clip-vit-large-patch14 text_config
    hidden_size=768, intermediate_size=3072, num_attention_heads=12, num_hidden_layers=12,
    max_position_embeddings=77, vocab_size=49408, projection_dim=768,
    hidden_act="quick_gelu", bos_token_id=0, eos_token_id=1, pad_token_id=1)


def plain_twin(control):
    """The text-to-image pipeline on the same weights as `control`, no ControlNet."""
    from diffusers import StableDiffusionPipeline

    from ai_sets_addon.ai.loader import LoadedModel

    parts = {k: v for k, v in control.pipe.components.items() if k != "controlnet"}
    pipe = StableDiffusionPipeline(**{**parts, "requires_safety_checker": False})
    pipe.set_progress_bar_config(disable=True)
    return LoadedModel(pipe, "sd15", None, "cpu", "float32", control.request)


def full_size_model(work: Path):
    """A LoadedModel holding a full-size random-weight SD 1.5 + depth ControlNet."""
    import torch
    from bench_paint import SD15_DEPTH_CN, SD15_UNET, build
    from diffusers import (AutoencoderKL, ControlNetModel, EulerDiscreteScheduler,
                           StableDiffusionControlNetPipeline, UNet2DConditionModel)
    from transformers import CLIPTextConfig, CLIPTextModel

    import tiny_models
    from ai_sets_addon.ai.loader import LoadedModel, ModelRequest

    dtype = torch.float32
    text = CLIPTextModel(CLIPTextConfig(**SD15_TEXT)).eval()
    scheduler = EulerDiscreteScheduler(beta_start=0.00085, beta_end=0.012,
                                       beta_schedule="scaled_linear", steps_offset=1)
    pipe = StableDiffusionControlNetPipeline(
        vae=build(AutoencoderKL, SD15_VAE, dtype, "cpu", 3), text_encoder=text,
        tokenizer=tiny_models.tokenizer(work / "tok"),
        unet=build(UNet2DConditionModel, SD15_UNET, dtype, "cpu", 1),
        controlnet=build(ControlNetModel, SD15_DEPTH_CN, dtype, "cpu", 2),
        scheduler=scheduler, safety_checker=None, feature_extractor=None,
        requires_safety_checker=False)
    pipe.set_progress_bar_config(disable=True)
    return LoadedModel(pipe, "sd15-controlnet", "controlnet", "cpu", "float32",
                       ModelRequest("random-weights"))


def median_time(func, repeats: int, label: str = "") -> tuple[float, object]:
    wall, _, result = median_times(func, repeats, label)
    return wall, result


def median_times(func, repeats: int, label: str = "") -> tuple[float, float, object]:
    """(median wall s, median CPU s of this process, last result). The CPU time is the
    fairer figure on a shared machine, where other processes stretch the wall clock."""
    times, cpu, result = [], [], None
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = func()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    if label:
        print(f"  {label}: " + ", ".join(f"{t:.2f}" for t in times) + " s wall, "
              + ", ".join(f"{t:.2f}" for t in cpu) + " s CPU", flush=True)
    return statistics.median(times), statistics.median(cpu), result


@contextlib.contextmanager
def no_wrapping(*modules, axes: str = "xy"):
    """The peer: the pipeline as diffusers ships it (zero padding)."""
    yield 0


def bench(args: argparse.Namespace, work: Path) -> dict[str, float]:
    import torch

    from ai_sets_addon.ai import material, panorama, seamless
    from ai_sets_addon.ai.panorama import upscale_ldr
    from ai_sets_addon.generation.materials import ProceduralMaterials
    from ai_sets_addon.model.plan import MaterialRequest, SkyRequest
    from ai_sets_addon.generation.sky import ProceduralSky

    start = time.perf_counter()
    control = full_size_model(work)
    model = plain_twin(control)
    params = sum(p.numel() for name in ("unet", "vae", "text_encoder")
                 for p in getattr(model.pipe, name).parameters())
    extra = sum(p.numel() for p in control.pipe.controlnet.parameters())
    print(f"built full-size random-weight SD 1.5 ({params / 1e6:.0f} M parameters) + depth "
          f"ControlNet ({extra / 1e6:.0f} M), fp32, {torch.get_num_threads()} threads, in "
          f"{time.perf_counter() - start:.1f} s")
    tile = material.AiMaterialRequest("weathered azulejo tiles", "bench", size=args.tile,
                                      steps=args.steps)
    pano = panorama.PanoramaRequest("a misty glen", width=args.pano_width, steps=args.steps)
    out: dict[str, float] = {}
    out["tile"], out["tile_cpu"], colour = median_times(
        lambda: material.generate_tile(model, tile), args.repeats, "tile, text-to-image")
    out["tile_control"], out["tile_control_cpu"], cn_colour = median_times(
        lambda: material.generate_tile(control, tile), args.repeats, "tile, ControlNet at 0")
    out["tile_diff"] = float(abs(colour - cn_colour).max())
    out["pano"], out["pano_cpu"], ldr = median_times(
        lambda: panorama.generate_panorama(model, pano), args.repeats,
        "panorama, text-to-image")
    out["pano_control"], out["pano_control_cpu"], cn_ldr = median_times(
        lambda: panorama.generate_panorama(control, pano), args.repeats,
        "panorama, ControlNet at 0")
    out["pano_diff"] = float(abs(ldr.astype(int) - cn_ldr.astype(int)).max()) / 255.0
    if args.control_only:
        return out
    saved = seamless.circular_padding
    seamless.circular_padding = no_wrapping
    try:
        out["tile_plain"], _ = median_time(lambda: material.generate_tile(model, tile),
                                           args.repeats, "tile, zero padding")
        out["pano_plain"], _ = median_time(lambda: panorama.generate_panorama(model, pano),
                                           args.repeats, "panorama, zero padding")
    finally:
        seamless.circular_padding = saved
    big = material.AiMaterialRequest("bench", "ai", size=args.map_size,
                                     generate_size=args.tile)
    out["maps"], _ = median_time(lambda: material.write_ai_material(
        colour, big, model.describe(), work / "ai"), args.repeats, "maps")
    out["lift"], _ = median_time(lambda: panorama.lift_panorama(
        upscale_ldr(ldr, args.sky_width)), args.repeats, "lift")
    brick = MaterialRequest("brick", "brick")
    out["proc_material"], _ = median_time(lambda: ProceduralMaterials().make_material(
        brick, args.map_size, work / "proc"), args.repeats, "procedural material")
    out["proc_sky"], _ = median_time(lambda: ProceduralSky().make_sky(
        SkyRequest(time_of_day="golden_hour"), args.sky_width, work / "sky.exr"),
        args.repeats, "procedural sky")
    return out


def report_control(args: argparse.Namespace, t: dict[str, float]) -> None:
    """Plain text-to-image against the ControlNet pipeline at scale 0 (the old path)."""
    print(f"\n== medians of {args.repeats} runs, {args.steps} denoising step(s), CPU")
    rows = [(f"AI tile {args.tile}x{args.tile}, text-to-image (now)", "tile"),
            ("  peer: + depth ControlNet at scale 0 (before)", "tile_control"),
            (f"AI panorama {args.pano_width}x{args.pano_width // 2}, text-to-image (now)",
             "pano"),
            ("  peer: + depth ControlNet at scale 0 (before)", "pano_control")]
    for label, key in rows:
        print(f"{label:58s} {t[key]:8.2f} s wall {t[key + '_cpu']:8.2f} s CPU")
    for name in ("tile", "pano"):
        wall, cpu = (t[f"{name}_control{s}"] / t[f"{name}{s}"] for s in ("", "_cpu"))
        per_step = (t[f"{name}_control_cpu"] - t[f"{name}_cpu"]) / args.steps
        print(f"ControlNet at 0 / text-to-image, {name}: {cpu:.2f}x CPU ({wall:.2f}x wall), "
              f"{per_step:+.2f} CPU s per step; largest pixel difference "
              f"{t[f'{name}_diff']:.4f} (0..1)")


def report(args: argparse.Namespace, t: dict[str, float]) -> None:
    report_control(args, t)
    if args.control_only:
        return
    ai_material = t["tile"] + t["maps"]
    ai_sky = t["pano"] + t["lift"]
    rows = [
        (f"AI tile {args.tile}x{args.tile}, seamless (circular xy)", t["tile"]),
        (f"  peer: same call, zero padding", t["tile_plain"]),
        (f"AI panorama {args.pano_width}x{args.pano_width // 2}, wraps (circular x)",
         t["pano"]),
        (f"  peer: same call, zero padding", t["pano_plain"]),
        (f"AI maps from colour -> {args.map_size}^2 PNG set + JSON", t["maps"]),
        (f"AI panorama -> {args.sky_width} wide, lifted to HDR", t["lift"]),
        (f"procedural brick material {args.map_size}^2 (peer)", t["proc_material"]),
        (f"procedural sky {args.sky_width} wide (peer)", t["proc_sky"]),
    ]
    for label, seconds in rows:
        print(f"{label:58s} {seconds:8.2f} s")
    print(f"\nseamless / zero padding: tile {t['tile'] / t['tile_plain']:.2f}x, "
          f"panorama {t['pano'] / t['pano_plain']:.2f}x")
    print(f"per denoising step: tile {t['tile'] / args.steps:.2f} s, panorama "
          f"{t['pano'] / args.steps:.2f} s (plus the VAE decode, inside both)")
    print(f"AI material (tile + maps) / procedural material: "
          f"{ai_material / t['proc_material']:.1f}x ({ai_material:.1f} s vs "
          f"{t['proc_material']:.2f} s)")
    print(f"AI sky (panorama + lift) / procedural sky: {ai_sky / t['proc_sky']:.1f}x "
          f"({ai_sky:.1f} s vs {t['proc_sky']:.2f} s)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tile", type=int, default=512, help="AI tile side (SD 1.5: 512)")
    parser.add_argument("--pano-width", type=int, default=1024,
                        help="AI panorama width, height half (SD 1.5: 1024)")
    parser.add_argument("--steps", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--map-size", type=int, default=1024)
    parser.add_argument("--sky-width", type=int, default=2048)
    parser.add_argument("--control-only", action="store_true",
                        help="time only text-to-image against the ControlNet at scale 0")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        report(args, bench(args, Path(tmp)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
