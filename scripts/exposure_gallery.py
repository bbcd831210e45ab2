"""Exposure gallery for docs/gallery/exposure/: the same frames before (a bare metered EV
offset, no white balance, no look, a perfect lens) and after (the camera's ISO, shutter,
T-stop and ND, white balance, the AgX look and the lens's character), with their
false-colour companions and the share of clipped pixels.

    .venv/bin/python scripts/exposure_gallery.py [--out docs/gallery/exposure]
        [--work /tmp/aisets_exposure_gallery] [--resolution 320x180] [--samples 8]

CPU renders: a few minutes on two cores at the defaults (sets are built small).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


@dataclass
class Frame:
    name: str
    prompt: str
    seed: int
    note: str
    request: dict                 # scout.exposure.Request fields for "after"
    camera_index: int = 0
    squeeze: float = 1.0


FRAMES = [
    Frame("room_noon", "a concrete room at noon", 0,
          "auto: native ISO, ND for the window, white balance from the sun", {}),
    Frame("alley_night", "a rainy alley at night, neon signs", 1,
          "auto: the high native ISO wide open on a VENICE 2, tungsten key",
          {"white_balance_k": None}, 0),
    Frame("alley_night_5600", "a rainy alley at night, neon signs", 1,
          "fixed 5600 K under tungsten practicals: orange, as on a camera",
          {"white_balance_k": 5600.0}, 0),
    Frame("alley_anamorphic", "a rainy alley at night, neon signs", 1,
          "2x anamorphic: streaks and oval bokeh around the practicals", {}, 0, 2.0),
    Frame("cyclorama_t13", "a white cyclorama studio", 0,
          "EI 160 at T1.3 (ND lands it): the modern primes' 0.8 stop of falloff wide open",
          {"iso": 160.0, "t_stop": 1.3}),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "gallery" / "exposure")
    parser.add_argument("--work", type=Path, default=Path("/tmp/aisets_exposure_gallery"))
    parser.add_argument("--resolution", default="320x180")
    parser.add_argument("--samples", type=int, default=8)
    args = parser.parse_args()
    size = tuple(int(v) for v in args.resolution.lower().split("x"))
    args.out.mkdir(parents=True, exist_ok=True)
    records = [_frame(frame, args.work, args.out, size, args.samples) for frame in FRAMES]
    (args.out / "gallery.json").write_text(json.dumps(records, indent=1, ensure_ascii=False),
                                           encoding="utf-8")
    for r in records:
        print(f"{r['name']}: {r['after']['label']}; clipped before {r['before']['clipped']:.2%}, "
              f"after {r['after']['clipped']:.2%}")
    return 0


def _frame(frame: Frame, work: Path, out: Path, size, samples: int) -> dict:
    import bpy

    from ai_sets_addon.blender.scene import lens_effects, render
    from ai_sets_addon.scout import exposure as ex
    from ai_sets_addon.blender.camera import set_package

    from ai_sets_addon.scout.daylight import sun_elevation

    scene, doc = _set(frame, work)
    cam = [o for o in bpy.data.objects if o.type == "CAMERA"][frame.camera_index]
    scene.camera = cam
    body = "venice2" if "night" in frame.name or "anamorphic" in frame.name else "alexa35"
    set_package(cam, None, body, 40.0 if frame.squeeze > 1 else cam.data.lens, frame.squeeze)
    bpy.context.view_layer.update()
    sun = sun_elevation(doc.sky)
    from ai_sets_addon.blender.scene.builder import EXPOSURE_BIAS, current_set

    bias = current_set(scene).get(EXPOSURE_BIAS, 0.0)

    render.set_scene_request(scene, ex.request_from_dict({"lens_effects": False}))
    render.meter_exposure(scene, sun, bias, work)
    block = render.render_block(scene)
    scene.view_settings.exposure = block["metered_ev"]          # the old bare EV offset
    scene.view_settings.use_white_balance = False
    scene.view_settings.look = "None"
    lens_effects.remove(scene)
    before = out / f"{frame.name}_before.png"
    render.render_still(scene, before, size, samples)
    before_linear = render.exposed_linear(scene, work)

    render.set_scene_request(scene, ex.request_from_dict(frame.request))
    render.meter_exposure(scene, sun, bias, work)
    after = out / f"{frame.name}_after.png"
    render.render_still(scene, after, size, samples)
    after_linear = render.exposed_linear(scene, work)
    block = render.render_block(scene)
    return {"name": frame.name, "prompt": frame.prompt, "note": frame.note,
            "before": {"file": before.name, "exposure_ev": block["metered_ev"],
                       "clipped": _clipped(before),
                       "false_colour": before.stem + "_falsecolour.png",
                       "zones": ex.zone_fractions(before_linear, body)},
            "after": {"file": after.name, "label": block["label"], "notes": block["notes"],
                      "white_balance": block["white_balance"], "look": block["look"],
                      "lens_effects": block["lens_effects"]["applied"],
                      "exposure_ev": block["exposure_ev"], "clipped": _clipped(after),
                      "false_colour": after.stem + "_falsecolour.png",
                      "zones": ex.zone_fractions(after_linear, body)}}


def _clipped(png: Path) -> float:
    """Share of pixels with a channel at 255 in the written picture."""
    import numpy as np
    from PIL import Image

    with Image.open(png) as image:
        rgb = np.asarray(image.convert("RGB"))
    return round(float((rgb >= 255).any(axis=2).mean()), 5)


_BUILT: dict[tuple[str, int], Path] = {}


def _set(frame: Frame, work: Path):
    """Build (once per prompt and seed) the set small, and return the scene with it."""
    import bpy

    from ai_sets_addon.blender import pipeline
    from ai_sets_addon.generation.prepare import BuildOptions
    from ai_sets_addon.setfile import read_set

    folder = work / f"{frame.prompt.replace(' ', '_')[:40]}_{frame.seed}"
    bpy.ops.wm.read_factory_settings(use_empty=True)
    request = pipeline.BuildRequest(prompt=frame.prompt, seed=frame.seed, out_dir=folder,
                                    options=BuildOptions(texture_size=256, hdri_width=1024),
                                    save_blend=False)
    if not (folder / "set.json").is_file():
        shutil.rmtree(folder, ignore_errors=True)
        pipeline.build(request)
    else:
        pipeline.apply(read_set(folder), bpy.context.scene, meter=False, temp_dir=work)
    return bpy.context.scene, read_set(folder)


if __name__ == "__main__":
    sys.exit(main())
