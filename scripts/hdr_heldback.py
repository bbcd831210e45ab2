"""The held-back check of the HDR lift (docs/hdr/): a set rendered by Cycles to an 8-bit
equirect panorama, lifted with `ai-sets hdr`, and the set lit by the lifted sky beside
the set lit by the original sky.

    .venv/bin/ai-sets build "a city street at golden hour" --out /tmp/x \
        --texture-size 512 --hdri-width 1024
    .venv/bin/python scripts/hdr_heldback.py /tmp/x --work /tmp/x-hdr --docs docs/hdr

Stages: (1) the original sky = the set's sky request rendered with the sun disc in the
map (float32 EXR), the Sun lamp off, so the world alone lights the set; (2) a 1024x512
equirect panorama from the set's centre (eye height), Standard view transform, exposure
metered on the sky, 8-bit PNG, no dither: the "photographed" LDR panorama; (3) the lift
(the CLI, as a user runs it); (4) the first scout camera rendered twice with the same
exposure, world = original vs lifted; (5) a side-by-side PNG and a JSON of the figures.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("set_folder", type=Path)
    ap.add_argument("--work", type=Path, required=True)
    ap.add_argument("--docs", type=Path, default=REPO / "docs" / "hdr")
    ap.add_argument("--pano-width", type=int, default=1024)
    ap.add_argument("--pano-samples", type=int, default=24)
    ap.add_argument("--shot", default="480x270")
    ap.add_argument("--shot-samples", type=int, default=32)
    ap.add_argument("--eye", type=float, default=1.7,
                    help="camera height of the panorama, metres (30: above the roofs)")
    ap.add_argument("--aerial", default="70,-40", metavar="AZ,PITCH",
                    help="also a sunlit view from the panorama's point, looking toward AZ "
                         "(degrees clockwise from north), PITCH degrees (negative: down)")
    ap.add_argument("--aerial-ev", type=float, default=-1.5,
                    help="exposure of the sunlit view relative to the set's (it was metered "
                         "for the street in shade)")
    ap.add_argument("--reuse", action="store_true",
                    help="keep the panorama and shots already in --work")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    args.docs.mkdir(parents=True, exist_ok=True)
    original, truth = original_sky(args.set_folder, args.work, args.pano_width)
    pano = args.work / "panorama.png"
    if not (args.reuse and pano.exists()):
        render_panorama(args.set_folder, original, pano, args.pano_width, args.pano_samples,
                        args.eye)
    lifted = args.work / "lifted.exr"
    subprocess.run([sys.executable, "-m", "ai_sets_addon", "hdr", str(pano), "--out",
                    str(lifted)], check=True)
    meta = json.loads(lifted.with_suffix(".json").read_text())
    w, h = (int(v) for v in args.shot.split("x"))
    shots = {name: args.work / f"shot_{name}.png" for name in ("original", "lifted")}
    skies = {k: v for k, v in {"original": original, "lifted": lifted}.items()
             if not (args.reuse and shots[k].exists())}
    exposure = render_shots(args.set_folder, skies, shots, (w, h), args.shot_samples)
    az, pitch = (float(v) for v in args.aerial.split(","))
    aerial = {name: args.work / f"aerial_{name}.png" for name in ("original", "lifted")}
    todo = {k: v for k, v in {"original": original, "lifted": lifted}.items()
            if not (args.reuse and aerial[k].exists())}
    render_shots(args.set_folder, todo, aerial, (w, h), args.shot_samples,
                 view=((0.0, 0.0, args.eye), az, pitch), exposure=exposure + args.aerial_ev)
    figures = compare(truth, meta, shots, exposure)
    figures["aerial"] = compare(truth, meta, aerial, exposure + args.aerial_ev)
    figures["aerial"] = {k: v for k, v in figures["aerial"].items() if k.startswith("shot_")}
    figures["aerial"]["view"] = {"location": [0.0, 0.0, args.eye], "azimuth_deg": az,
                                 "pitch_deg": pitch, "lens_mm": 28.0}
    side_by_side(pano, lifted.with_suffix(".png"), [shots, aerial], figures, args.docs)
    (args.docs / "heldback.json").write_text(json.dumps(figures, indent=2) + "\n")
    print(json.dumps(figures, indent=2))
    return 0


def original_sky(set_folder: Path, work: Path, width: int) -> tuple[Path, dict]:
    """The set's own sky request, with the sun disc in the map (deterministic)."""
    from ai_sets_addon.model.plan import SkyRequest
    from ai_sets_addon.generation.sky import ProceduralSky, SkyOptions

    sky = json.loads((set_folder / "set.json").read_text())["plan"]["sky"]
    request = SkyRequest(**sky)
    out = work / "original_sky.exr"
    asset = ProceduralSky(SkyOptions(sun_in_map=True)).make_sky(request, width, out)
    truth = {"azimuth_deg": asset.sun_azimuth_deg, "elevation_deg": asset.sun_elevation_deg,
             "irradiance_w_m2": asset.sun_irradiance_w_m2}
    return out, truth


def _open(set_folder: Path):
    import bpy

    bpy.ops.wm.open_mainfile(filepath=str(set_folder / "set.blend"))
    scene = bpy.context.scene
    for obj in scene.objects:
        if obj.type == "LIGHT" and obj.data.type == "SUN":
            obj.data.energy = 0.0              # the world alone lights the set
    return bpy, scene


def _world_image(bpy, scene, path: Path) -> None:
    for node in scene.world.node_tree.nodes:
        if node.type == "TEX_ENVIRONMENT":
            image = bpy.data.images.load(str(path))
            image.colorspace_settings.name = "Non-Color"
            node.image = image
            return
    raise RuntimeError("the set's world has no Environment Texture node")


def _sky_median(path: Path) -> float:
    from ai_sets_addon.core.fileio import read_exr

    rgb = read_exr(path)
    upper = rgb[: rgb.shape[0] // 2] @ np.array([0.2126, 0.7152, 0.0722], np.float32)
    return float(np.median(upper))


def render_panorama(set_folder: Path, sky: Path, out: Path, width: int, samples: int,
                    eye: float) -> None:
    from ai_sets_addon.blender.scene.world import add_equirect_camera

    bpy, scene = _open(set_folder)
    _world_image(bpy, scene, sky)
    cam = add_equirect_camera(scene)
    cam.location = (0.0, 0.0, eye)
    scene.render.resolution_x, scene.render.resolution_y = width, width // 2
    scene.render.resolution_percentage = 100
    scene.cycles.samples = samples
    scene.render.dither_intensity = 0.0
    scene.view_settings.view_transform = "Standard"
    scene.view_settings.look = "None"
    scene.view_settings.exposure = math.log2(0.18 / _sky_median(sky))
    scene.render.image_settings.file_format = "PNG"
    scene.render.image_settings.color_mode = "RGB"
    scene.render.image_settings.color_depth = "8"
    scene.render.filepath = str(out)
    bpy.ops.render.render(write_still=True)


def render_shots(set_folder: Path, skies: dict[str, Path], shots: dict[str, Path],
                 size: tuple[int, int], samples: int, view=None,
                 exposure: float | None = None) -> float:
    """Render each sky's shot with the set's own metered exposure (the same for all);
    view = ((x, y, z), azimuth, pitch) for a camera of our own, else the set's camera."""
    for name, sky in skies.items():
        bpy, scene = _open(set_folder)
        _world_image(bpy, scene, sky)
        cams = [o for o in scene.objects if o.type == "CAMERA"]
        scene.camera = sorted(cams, key=lambda o: o.name)[0] if scene.camera is None \
            else scene.camera
        if view is not None:
            _aim(bpy, scene, *view)
        if exposure is None:
            exposure = float(scene.view_settings.exposure)
        scene.view_settings.exposure = exposure
        scene.render.resolution_x, scene.render.resolution_y = size
        scene.render.resolution_percentage = 100
        scene.cycles.samples = samples
        scene.render.image_settings.file_format = "PNG"
        scene.render.filepath = str(shots[name])
        bpy.ops.render.render(write_still=True)
    if exposure is None:                                # nothing to render (--reuse)
        bpy, scene = _open(set_folder)
        exposure = float(scene.view_settings.exposure)
    return float(exposure)


def _aim(bpy, scene, location, azimuth: float, pitch: float) -> None:
    data = bpy.data.cameras.new("aerial")
    data.lens = 28.0
    cam = bpy.data.objects.new("aerial", data)
    cam.location = location
    # A camera looks down its -Z; X = 90° looks north (+Y), Z turns it counter-clockwise.
    cam.rotation_euler = (math.radians(90.0 + pitch), 0.0, math.radians(-azimuth))
    scene.collection.objects.link(cam)
    scene.camera = cam


def _png(path: Path) -> np.ndarray:
    from PIL import Image

    with Image.open(path) as im:
        return np.asarray(im.convert("RGB"))


def compare(truth: dict, meta: dict, shots: dict[str, Path], exposure: float) -> dict:
    from ai_sets_addon.generation.sky.equirect import direction

    sun = meta["sun"]
    fig = {"truth": truth, "lifted_sun": sun, "fit": meta.get("fit"),
           "confidence": meta.get("confidence"), "shot_exposure_ev": exposure}
    if sun["found"]:
        a = direction(np.array(truth["elevation_deg"]), np.array(truth["azimuth_deg"]))
        b = direction(np.array(sun["elevation_deg"]), np.array(sun["azimuth_deg"]))
        fig["sun_direction_error_deg"] = float(np.degrees(np.arccos(np.clip(a @ b, -1, 1))))
        fig["irradiance_ratio"] = sun["irradiance_w_m2"] / truth["irradiance_w_m2"]
    orig, lift = (_png(shots[k]).astype(np.float64) / 255.0 for k in ("original", "lifted"))
    fig["shot_mean_srgb"] = {"original": orig.mean(axis=(0, 1)).tolist(),
                             "lifted": lift.mean(axis=(0, 1)).tolist()}
    fig["shot_mean_abs_diff_srgb"] = float(np.abs(orig - lift).mean())
    return fig


def side_by_side(pano: Path, lifted_preview: Path, rows: list[dict[str, Path]], fig: dict,
                 docs: Path) -> None:
    """Top: the LDR panorama and the lifted preview; then one row per pair of shots."""
    from PIL import Image, ImageDraw

    pairs = [[Image.open(r[k]).convert("RGB") for k in ("original", "lifted")] for r in rows]
    sw, sh = pairs[0][0].size
    w, ph, gap = sw * 2, sw // 2, 20
    canvas = Image.new("RGB", (w, ph + gap + len(pairs) * (sh + gap)), (20, 20, 20))
    canvas.paste(Image.open(pano).convert("RGB").resize((w // 2, ph)), (0, 0))
    canvas.paste(Image.open(lifted_preview).convert("RGB").resize((w // 2, ph)), (w // 2, 0))
    draw = ImageDraw.Draw(canvas)
    draw.text((4, ph + 4), "LDR panorama (8-bit, Cycles) | lifted HDR (its own preview)",
              fill="white")
    y = ph + gap
    for a, b in pairs:
        canvas.paste(a, (0, y))
        canvas.paste(b, (sw, y))
        y += sh + gap
        err = fig.get("sun_direction_error_deg")
        label = (f"sun error {err:.2f} deg, irradiance x{fig['irradiance_ratio']:.2f}"
                 if err is not None else "no sun found")
        draw.text((4, y - gap + 4), f"lit by the original sky | lit by the lifted sky; {label}",
                  fill="white")
    canvas.save(docs / "heldback_side_by_side.png")
    Image.open(pano).save(docs / "heldback_panorama_ldr.png", optimize=True)


if __name__ == "__main__":
    sys.exit(main())
