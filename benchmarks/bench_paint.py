"""Paint benchmark: diffusion step cost of the real model sizes, and the bake.

    python benchmarks/bench_paint.py [--models sd15,sdxl] [--sizes 512x512,768x512,1024x1024]
                                     [--steps 1] [--dtype auto] [--skip-models] [--skip-bake]

1. Seconds per denoising step of full-size networks built from their published
   configs (embedded below) with RANDOM weights: the same layers and FLOPs as the real
   models, no download. One step = what a pipeline does per step with classifier-free
   guidance: the UNet (and the depth ControlNet, for sd15 / sdxl-cn) on a batch of 2.
   Each (model, size) runs in its own process, which reports its peak memory (RSS on
   the CPU, torch's peak allocation on a GPU). On a GPU weights are fp16; on the CPU
   sd15 runs fp32 and SDXL bf16 (its fp32 UNet alone is 10 GB) unless --dtype says.
2. Depth + projection + bake of the demo set (4 parts, 4 cameras at 768x512) with
   every atlas at 2048x2048 (--atlas), the deterministic test painter standing in for
   the model: what painting costs besides the model.
No assertions: figures only (the test suite never times anything).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SD15_DOWN = ["CrossAttnDownBlock2D"] * 3 + ["DownBlock2D"]
SD15_UNET = {  # stable-diffusion-v1-5/stable-diffusion-v1-5 unet/config.json
    "act_fn": "silu", "attention_head_dim": 8, "block_out_channels": [320, 640, 1280, 1280],
    "center_input_sample": False, "cross_attention_dim": 768, "down_block_types": SD15_DOWN,
    "downsample_padding": 1, "flip_sin_to_cos": True, "freq_shift": 0, "in_channels": 4,
    "layers_per_block": 2, "mid_block_scale_factor": 1, "norm_eps": 1e-05,
    "norm_num_groups": 32, "out_channels": 4, "sample_size": 64,
    "up_block_types": ["UpBlock2D"] + ["CrossAttnUpBlock2D"] * 3}
SD15_DEPTH_CN = {  # lllyasviel/control_v11f1p_sd15_depth config.json
    "act_fn": "silu", "attention_head_dim": 8, "block_out_channels": [320, 640, 1280, 1280],
    "conditioning_embedding_out_channels": [16, 32, 96, 256],
    "controlnet_conditioning_channel_order": "rgb", "cross_attention_dim": 768,
    "down_block_types": SD15_DOWN, "downsample_padding": 1, "flip_sin_to_cos": True,
    "freq_shift": 0, "in_channels": 4, "layers_per_block": 2, "mid_block_scale_factor": 1,
    "norm_eps": 1e-05, "norm_num_groups": 32, "only_cross_attention": False,
    "resnet_time_scale_shift": "default", "upcast_attention": False,
    "use_linear_projection": False}
SDXL_COMMON = {  # stabilityai/stable-diffusion-xl-base-1.0 unet/config.json
    "act_fn": "silu", "addition_embed_type": "text_time", "addition_embed_type_num_heads": 64,
    "addition_time_embed_dim": 256, "attention_head_dim": [5, 10, 20],
    "block_out_channels": [320, 640, 1280], "cross_attention_dim": 2048,
    "down_block_types": ["DownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D"],
    "downsample_padding": 1, "flip_sin_to_cos": True, "freq_shift": 0, "in_channels": 4,
    "layers_per_block": 2, "mid_block_scale_factor": 1, "norm_eps": 1e-05,
    "norm_num_groups": 32, "projection_class_embeddings_input_dim": 2816,
    "transformer_layers_per_block": [1, 2, 10], "use_linear_projection": True,
    "upcast_attention": False}
SDXL_UNET = {**SDXL_COMMON, "out_channels": 4, "sample_size": 128,
             "up_block_types": ["CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "UpBlock2D"]}
SDXL_DEPTH_CN = {**SDXL_COMMON,  # diffusers/controlnet-depth-sdxl-1.0 config.json
                 "conditioning_embedding_out_channels": [16, 32, 96, 256]}
MODELS = {"sd15": (SD15_UNET, SD15_DEPTH_CN, 768),
          "sdxl": (SDXL_UNET, None, 2048),
          "sdxl-cn": (SDXL_UNET, SDXL_DEPTH_CN, 2048)}


def build(cls, config: dict, dtype, device, seed: int):
    """A full-size network with random N(0, 0.02) weights, allocated once at `dtype`."""
    import torch
    from accelerate import init_empty_weights

    with init_empty_weights():
        model = cls.from_config(config)
    model = model.to_empty(device=device).to(dtype)
    generator = torch.Generator("cpu").manual_seed(seed)
    with torch.no_grad():
        for param in model.parameters():
            param.copy_(torch.randn(param.shape, generator=generator) * 0.02)
        for buffer in model.buffers():
            buffer.zero_()
    return model.eval()


def one_run(name: str, width: int, height: int, steps: int, dtype_name: str) -> dict:
    """Time `steps` denoising steps of one model at one size (in this process)."""
    import torch
    from diffusers import ControlNetModel, UNet2DConditionModel

    device = "cuda" if torch.cuda.is_available() else "cpu"
    dtype = _dtype(dtype_name, name, device)
    unet_cfg, cn_cfg, ctx_dim = MODELS[name]
    t0 = time.perf_counter()
    unet = build(UNet2DConditionModel, unet_cfg, dtype, device, 1)
    cn = build(ControlNetModel, cn_cfg, dtype, device, 2) if cn_cfg else None
    build_s = time.perf_counter() - t0
    g = torch.Generator("cpu").manual_seed(0)
    rand = lambda *shape: torch.randn(*shape, generator=g).to(device, dtype)  # noqa: E731
    latents = rand(2, 4, height // 8, width // 8)
    text = rand(2, 77, ctx_dim)
    added = {"text_embeds": rand(2, 1280), "time_ids": rand(2, 6)} if "sdxl" in name else None
    control = rand(2, 3, height, width)
    times = []
    with torch.inference_mode():
        for step in range(steps):
            t = torch.tensor([999 - step * 30] * 2, device=device)
            start = time.perf_counter()
            kwargs = {"added_cond_kwargs": added} if added else {}
            residuals = {}
            if cn is not None:
                down, mid = cn(latents, t, encoder_hidden_states=text, controlnet_cond=control,
                               return_dict=False, **kwargs)
                residuals = {"down_block_additional_residuals": down,
                             "mid_block_additional_residual": mid}
            unet(latents, t, encoder_hidden_states=text, return_dict=False, **kwargs,
                 **residuals)
            if device == "cuda":
                torch.cuda.synchronize()
            times.append(time.perf_counter() - start)
    params = sum(p.numel() for p in unet.parameters()) + (
        sum(p.numel() for p in cn.parameters()) if cn is not None else 0)
    peak = (torch.cuda.max_memory_allocated() if device == "cuda"
            else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
    return {"model": name, "size": f"{width}x{height}", "device": device,
            "dtype": str(dtype).replace("torch.", ""), "params_m": params / 1e6,
            "build_s": build_s, "step_s": times, "peak_bytes": peak,
            "threads": torch.get_num_threads()}


def _dtype(name: str, model: str, device: str):
    import torch

    if name != "auto":
        return {"fp32": torch.float32, "fp16": torch.float16, "bf16": torch.bfloat16}[name]
    if device == "cuda":
        return torch.float16
    return torch.bfloat16 if model.startswith("sdxl") else torch.float32


def bench_models(models: list[str], sizes: list[tuple[int, int]], steps: int, dtype: str):
    print(f"\n== seconds per denoising step (random weights, CFG batch 2), {steps} step(s)")
    print(f"{'model':8} {'size':>10} {'device':6} {'dtype':9} {'params':>8} {'build s':>8} "
          f"{'s/step':>8} {'peak GB':>8}")
    results = []
    for name in models:
        for width, height in sizes:
            proc = subprocess.run(
                [sys.executable, __file__, "--one", name, "--sizes", f"{width}x{height}",
                 "--steps", str(steps), "--dtype", dtype],
                capture_output=True, text=True)
            line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("{")), None)
            if proc.returncode or line is None:
                print(f"{name:8} {width}x{height:<5} failed: {proc.stderr.strip()[-300:]}")
                continue
            r = json.loads(line)
            results.append(r)
            per_step = sum(r["step_s"]) / len(r["step_s"])
            print(f"{name:8} {r['size']:>10} {r['device']:6} {r['dtype']:9} "
                  f"{r['params_m']:7.0f}M {r['build_s']:8.1f} {per_step:8.2f} "
                  f"{r['peak_bytes'] / 2**30:8.2f}")
    return results


def bench_bake(atlas: int, resolution: tuple[int, int]) -> dict:
    import tempfile

    from ai_sets_addon.ai.paint import PaintOptions, TestPainter, paint_set
    from ai_sets_addon.ai.paint.view_camera import ViewCamera
    from ai_sets_addon.ai.paint.output import write_paint
    from ai_sets_addon.ai.paint.testset import demo_scene
    from ai_sets_addon.ai.paint.views import WorldMesh, cast_view, control_depth

    scene = demo_scene(density_px_per_m=64.0, resolution=resolution, cameras=4)
    for part in scene.parts:
        part.atlas_size = (atlas, atlas)
    start = time.perf_counter()
    world = WorldMesh.build(scene)
    for plan in scene.cameras:
        control_depth(cast_view(world, ViewCamera.from_plan(plan, *resolution)))
    depth_s = time.perf_counter() - start
    start = time.perf_counter()
    result = paint_set(scene, TestPainter(steps=1), PaintOptions("bench"))
    paint_s = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        write_paint(tmp, scene, result, {"prompt": "bench"})
        write_s = time.perf_counter() - start
    texels = sum(int(i.sum()) for i in result.island)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(f"\n== depth + projection + bake: {len(scene.parts)} parts at {atlas}x{atlas} "
          f"({texels / 1e6:.1f} M island texels), {len(scene.cameras)} cameras at "
          f"{resolution[0]}x{resolution[1]}")
    print(f"depth maps (ray casting, 4 views)   {depth_s:7.2f} s")
    print(f"paint_set (depth, atlas texels, projection, keep/refine, padding) "
          f"{paint_s:7.2f} s")
    print(f"write paint folder (8 PNGs + views)  {write_s:7.2f} s")
    print(f"peak memory (process RSS)            {peak / 2**30:7.2f} GB")
    return {"depth_s": depth_s, "paint_s": paint_s, "write_s": write_s, "peak_bytes": peak}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--models", default="sd15,sdxl", help="sd15, sdxl, sdxl-cn")
    parser.add_argument("--sizes", default="512x512,768x512,1024x1024")
    parser.add_argument("--steps", type=int, default=1)
    parser.add_argument("--dtype", default="auto", choices=("auto", "fp32", "fp16", "bf16"))
    parser.add_argument("--atlas", type=int, default=2048)
    parser.add_argument("--skip-models", action="store_true")
    parser.add_argument("--skip-bake", action="store_true")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = [tuple(int(v) for v in s.split("x")) for s in args.sizes.split(",") if s]
    if args.one:
        print(json.dumps(one_run(args.one, *sizes[0], args.steps, args.dtype)))
        return 0
    if not args.skip_bake:
        bench_bake(args.atlas, (768, 512))
    if not args.skip_models:
        bench_models([m for m in args.models.split(",") if m], sizes, args.steps, args.dtype)
    return 0


if __name__ == "__main__":
    sys.exit(main())
