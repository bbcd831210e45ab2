"""Scouting gallery for docs/scouting/: a street set scouted in Paris on 21 June 2026,
seven shots across the day on seven camera packages, their storyboard (PNG pages +
PDF) and one previs move (animatic MP4 + a strip of its frames).

    .venv/bin/python scripts/scout_gallery.py [--set DIR] [--out docs/scouting]
        [--resolution 640x360] [--samples 16]

CPU renders: about 20-30 minutes on two cores at the defaults.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

PROMPT = "a narrow cobblestone street with shops and cafés at dusk"
SEED = 3
# name, body, lens, squeeze, frame line, focus m, T-stop, hour, location, aim, note
SHOTS = [
    ("01 Establishing", "alexa_mini_lf", 21, 1.0, "2.39", 0, 0, 8.5,
     (2.0, -32.0, 2.6), (0.5, 0.0, 2.6), "morning sun on the west facades"),
    ("02 Cafe two-shot", "alexa35", 40, 2.0, "2.39", 0, 0, 20.67,
     (3.0, -12.0, 1.5), (-5.0, -4.0, 1.5), "golden hour, anamorphic 2x; push-in below"),
    ("03 Shopfront", "venice2", 50, 1.0, "1.85", 0, 0, 13.0,
     (2.5, 4.0, 1.6), (-6.0, 8.0, 1.8), "noon: hard top light, hold for signage"),
    ("04 Lamp detail", "v_raptor", 85, 1.0, "16:9", 7.5, 2.0, 22.33,
     (-1.0, -8.5, 1.5), (-4.2, -1.5, 3.2), "blue hour, practicals on, T2 at 7.5 m"),
    ("05 Reverse", "ursa12k", 32, 1.0, "1.85", 0, 0, 21.75,
     (-2.0, 28.0, 1.7), (-0.5, 0.0, 1.8), "sunset down the street"),
    ("06 Night phone", "phone", 24, 1.0, "4:3", 0, 0, 23.75,
     (1.0, -20.0, 1.5), (0.0, 0.0, 2.0), "BTS phone reference, night"),
    ("07 High angle", "super35", 24, 1.0, "16:9", 0, 0, 16.0,
     (3.5, -25.0, 7.0), (-1.0, -5.0, 0.0), "crane position, afternoon"),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=Path("/tmp/aisets_scout_gallery/set"))
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "scouting")
    parser.add_argument("--resolution", default="640x360")
    parser.add_argument("--samples", type=int, default=16)
    parser.add_argument("--skip-shots", action="store_true", help="reuse the saved shots")
    parser.add_argument("--previs-only", action="store_true", help="only the previs move")
    args = parser.parse_args()
    size = tuple(int(v) for v in args.resolution.lower().split("x"))

    import bpy

    import ai_sets_addon
    from ai_sets_addon.blender import pipeline
    from ai_sets_addon.generation.prepare import BuildOptions
    from ai_sets_addon.setfile import read_set

    if not (args.set / "manifest.json").is_file():
        from ai_sets_addon.blender.session import fresh_scene as _fresh_scene

        _fresh_scene()
        pipeline.build(pipeline.BuildRequest(PROMPT, SEED, args.set,
                                             BuildOptions(texture_size=512, hdri_width=2048)))
    bpy.ops.wm.read_factory_settings(use_empty=True)
    ai_sets_addon.register()
    scene = bpy.context.scene
    pipeline.apply(read_set(args.set), scene, meter=False, temp_dir=args.set.parent)
    scene.ai_sets.last_folder = str(args.set)
    scene.ai_sets.hdri_width = "2048"
    if args.previs_only:
        previs(scene, args)
        return 0
    if not args.skip_shots:
        scout(scene)
    else:
        load_shots(scene, args.set)
    board(scene, args, size)
    previs(scene, args)
    return 0


def scout(scene) -> None:
    from ai_sets_addon.blender import daylight, shots
    from ai_sets_addon.blender.camera import aim, set_package
    from ai_sets_addon.scout.daylight import key_light_label
    from ai_sets_addon.blender.camera_ops import scout_camera

    scout_settings = scene.ai_sets_scout
    scout_settings.place = "Paris"
    scene.ai_sets.sky.date = "2026-06-21"
    scene.ai_sets.sky.cloud_cover = "few"
    scene.ai_sets.sky.haze = 0.15
    print(daylight.set_place(scene, "Paris"), flush=True)
    cam = scout_camera(scene)
    for (name, body, lens, squeeze, line, focus, stop, hour, loc, target, note) in SHOTS:
        set_package(cam, scene, body, lens, squeeze, line, focus, stop)
        aim(cam, loc, target)
        scene.ai_sets.sky.hour = hour
        sky = daylight.full_sky(scene)             # metered for this framing
        shots.save_shot(scene, name, note)
        print(f"{name}: {key_light_label(sky)}, key azimuth {sky.sun_azimuth_deg:.0f}°",
              flush=True)


def load_shots(scene, folder: Path) -> None:
    from dataclasses import asdict

    from ai_sets_addon.scout.shots import read_shots

    for shot in read_shots(folder):
        item = scene.ai_sets_scout.shots.add()
        item.name, item.note = shot.name, shot.note
        data = asdict(shot)
        data.pop("name"), data.pop("note")
        item.data = json.dumps(data)


def board(scene, args, size) -> None:
    from ai_sets_addon.blender.storyboard import render_storyboard
    from ai_sets_addon.blender.shots import shot_list

    out = args.out
    # a storyboard folder is replaced whole; docs/scouting also holds previs/ and shots.json
    staged = Path("/tmp/aisets_scout_gallery/storyboard")
    result = render_storyboard(scene, shot_list(scene), staged, size, args.samples,
                               progress=lambda f, m: print(f"[{f:4.0%}] {m}", flush=True))
    if (out / "frames").exists():
        shutil.rmtree(out / "frames")
    shutil.copytree(staged / "frames", out / "frames")
    for path in [*result.pages, result.pdf, result.record]:
        shutil.copyfile(path, out / path.name)
    shutil.copyfile(args.set / "shots.json", out / "shots.json")
    print("storyboard:", result.pdf, [p.name for p in result.pages], flush=True)


def previs(scene, args) -> None:
    from PIL import Image

    from ai_sets_addon.blender.animatic import render_animatic
    from ai_sets_addon.scout.moves import Move

    _, body, lens, squeeze, line, *_rest = SHOTS[1]
    loc, target = SHOTS[1][8], SHOTS[1][9]
    move = Move("push_in", duration_s=2.0, distance=2.0, fps=12, easing="ease_in_out",
                shake=True, intensity=0.6, seed=5)
    frames_dir = Path("/tmp/aisets_scout_gallery/previs")
    shutil.rmtree(frames_dir, ignore_errors=True)
    scene.ai_sets.sky.hour = SHOTS[1][7]
    from ai_sets_addon.blender import daylight

    daylight.full_sky(scene)
    result = render_animatic(scene, move, loc, target, frames_dir, "02 Cafe two-shot",
                             {"body": body, "lens_mm": lens, "squeeze": squeeze,
                              "frame_line": line}, (480, 270), 8)
    out = args.out / "previs"
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(result.mp4, out / "02_cafe_push_in.mp4")
    picks = [result.frames[0], result.frames[len(result.frames) // 2], result.frames[-1]]
    images = [Image.open(p).convert("RGB") for p in picks]
    w, h = images[0].size
    strip = Image.new("RGB", (w * 3 + 8, h), "white")
    for i, image in enumerate(images):
        strip.paste(image, (i * (w + 4), 0))
    strip.save(out / "02_cafe_push_in_strip.png", optimize=True)
    (out / "move.json").write_text(json.dumps({
        "shot": SHOTS[1][0], "move": result.move.label(), "fraction_kept": result.fraction,
        "frames": len(result.frames), "fps": move.fps, "notices": result.notices},
        indent=2), encoding="utf-8")
    print("previs:", result.move.label(), result.notices, flush=True)


if __name__ == "__main__":
    sys.exit(main())
