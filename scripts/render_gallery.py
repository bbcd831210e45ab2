"""Render every set archetype from its first camera into docs/gallery/, with a contact
sheet and the figures a set designer checks (clipped pixels, mean level, build time).

    python scripts/render_gallery.py                      # all 12, 1280x720, 24 samples
    python scripts/render_gallery.py --only street alley --resolution 480x270 --samples 16

Sequential on purpose (two shared cores): one set at a time, Cycles CPU, denoised.
Writes <archetype>.png, contact_sheet.png, gallery.json and README.md.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# One representative prompt per archetype, English and French alternating.
PROMPTS: dict[str, tuple[str, int]] = {
    "interior_room": ("a cozy apartment living room with wooden floor, late afternoon", 3),
    "warehouse": ("un entrepôt industriel en briques, fin d'après-midi, poussière en suspension", 2),
    "corridor": ("a long concrete service corridor with pipes and fluorescent lights", 1),
    "platform": ("un quai de métro carrelé, la nuit", 4),
    "street": ("a city street with brick facades at dusk, wet asphalt, neon signs", 5),
    "alley": ("une ruelle pavée sous la pluie, la nuit, néons rouges", 6),
    "rooftop": ("a rooftop at blue hour with water tanks and the city skyline", 7),
    "desert": ("des dunes de sable dans le désert à l'heure dorée", 8),
    "canyon": ("a red rock canyon at golden hour", 9),
    "forest": ("une clairière en forêt le matin avec une brume légère", 10),
    "beach": ("a sandy beach with palm trees and a lifeguard tower at sunset", 11),
    "cyclorama": ("un cyclorama blanc en studio avec un fauteuil", 12),
}


def publish(records: list[dict], args: argparse.Namespace) -> None:
    """Merge the new records into gallery.json; rebuild the contact sheet and the page."""
    index = args.out / "gallery.json"
    old = json.loads(index.read_text()) if index.exists() else []
    merged = {r["archetype"]: r for r in old}
    merged.update({r["archetype"]: r for r in records})
    ordered = [merged[k] for k in PROMPTS if k in merged]
    index.write_text(json.dumps(ordered, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if not args.no_sheet:
        pngs = [args.out / f"{r['archetype']}.png" for r in ordered
                if (args.out / f"{r['archetype']}.png").exists()]
        contact_sheet(pngs, args.out / "contact_sheet.png")
        write_readme(ordered, args.out)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=None, help="archetypes to render")
    parser.add_argument("--resolution", default="1280x720")
    parser.add_argument("--samples", type=int, default=24)
    parser.add_argument("--texture-size", type=int, default=1024)
    parser.add_argument("--hdri-width", type=int, default=2048)
    parser.add_argument("--camera", type=int, default=0, help="camera index to render")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "gallery")
    parser.add_argument("--no-sheet", action="store_true")
    parser.add_argument("--prompt", default=None, help="override the prompt (with one --only)")
    parser.add_argument("--seed", type=int, default=None)
    return parser.parse_args(argv)


def render_one(archetype: str, prompt: str, seed: int, args: argparse.Namespace,
               work: Path) -> dict:
    """Build the set in a fresh scene, render its camera, return the figures."""
    import bpy

    from ai_sets_addon.generation.prepare import BuildOptions, prepare_set
    from ai_sets_addon.setfile import read_set
    from ai_sets_addon.blender.scene.builder import apply_to_scene
    from ai_sets_addon.blender.scene.render import render_still

    bpy.ops.wm.read_factory_settings(use_empty=True)
    scene = bpy.context.scene
    options = BuildOptions(texture_size=args.texture_size, hdri_width=args.hdri_width)
    start = time.perf_counter()
    _, timings = prepare_set(prompt, seed, work / archetype, options)
    prepared = read_set(work / archetype)
    built = time.perf_counter()
    result = apply_to_scene(prepared, scene)
    scene_s = time.perf_counter() - built
    cameras = [o for o in result.collection.all_objects if o.type == "CAMERA"]
    cameras.sort(key=lambda o: [c.name for c in prepared.plan.cameras].index(o.name))
    scene.camera = cameras[min(args.camera, len(cameras) - 1)]
    width, height = (int(v) for v in args.resolution.lower().split("x"))
    out = args.out / f"{archetype}.png"
    t0 = time.perf_counter()
    render_still(scene, out, (width, height), args.samples)
    stats = image_stats(out)
    return {"archetype": archetype, "built_archetype": prepared.plan.archetype,
            "prompt": prompt, "seed": seed, "camera": scene.camera.name,
            "timings": dict(timings, scene=round(scene_s, 3),
                            render=round(time.perf_counter() - t0, 2)),
            "exposure_ev": result.exposure, "notices": prepared.notices,
            "resolution": [width, height], "samples": args.samples,
            **stats}


def image_stats(path: Path) -> dict:
    from ai_sets_addon.core.fileio import read_png

    rgb = read_png(path)[..., :3].astype(np.float32)
    clipped = float(np.mean(np.any(rgb >= 254.5, axis=-1)))
    black = float(np.mean(np.all(rgb <= 2, axis=-1)))
    return {"clipped_fraction": round(clipped, 4), "black_fraction": round(black, 4),
            "mean_level": round(float(rgb.mean() / 255), 3)}


def contact_sheet(paths: list[Path], out: Path, cols: int = 3) -> Path:
    """Tile the renders (box-filtered by a whole factor, to about 560 px wide) into one
    PNG; a whole factor keeps every frame whole (1280x720 -> 640x360)."""
    from ai_sets_addon.core.fileio import read_png, write_png

    h0, w0 = read_png(paths[0]).shape[:2]
    factor = max(1, round(w0 / 560))
    cell = (w0 // factor, h0 // factor)
    rows = (len(paths) + cols - 1) // cols
    gap = 6
    sheet = np.full((rows * (cell[1] + gap) + gap, cols * (cell[0] + gap) + gap, 3), 24, np.uint8)
    for k, path in enumerate(paths):
        img = _shrink(read_png(path)[..., :3], cell)
        r, c = divmod(k, cols)
        y, x = gap + r * (cell[1] + gap), gap + c * (cell[0] + gap)
        sheet[y:y + img.shape[0], x:x + img.shape[1]] = img
    write_png(out, sheet)
    return out


def _shrink(img: np.ndarray, cell: tuple[int, int]) -> np.ndarray:
    h, w = img.shape[:2]
    fy, fx = max(1, h // cell[1]), max(1, w // cell[0])
    h2, w2 = (h // fy) * fy, (w // fx) * fx
    small = img[:h2, :w2].reshape(h2 // fy, fy, w2 // fx, fx, 3).mean(axis=(1, 3))
    return small[:cell[1], :cell[0]].astype(np.uint8)


def write_readme(records: list[dict], out_dir: Path) -> None:
    """The gallery page: the sheet (and the previous one, kept as before.png, beside it),
    then per set the figures a reviewer checks: clipped and black pixels, times."""
    before = (out_dir / "before.png").exists()
    lines = ["# Set archetype gallery", "",
             "Each set rendered from its first scout camera (Cycles CPU, denoised) by "
             "`python scripts/render_gallery.py`; figures in `gallery.json`. Times are wall "
             "clock on a shared 2-core machine (load varies between frames).", "",
             "![contact sheet](contact_sheet.png)", ""]
    if before:
        lines += ["Before (the previous contact sheet):", "", "![before](before.png)", ""]
    lines += ["| set | prompt | camera | clipped | black | layout s | build s (no render) "
              "| render s |", "|---|---|---|---|---|---|---|---|"]
    for r in records:
        t = r["timings"]
        build = sum(v for k, v in t.items() if k in ("parse", "layout", "assets", "scene"))
        lines.append(f"| [{r['archetype']}]({r['archetype']}.png) | {r['prompt']} | {r['camera']} "
                     f"| {100 * r['clipped_fraction']:.2f}% "
                     f"| {100 * r.get('black_fraction', 0.0):.2f}% | {t.get('layout', 0):.2f} "
                     f"| {build:.1f} | {t.get('render', 0):.0f} |")
    (out_dir / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    names = args.only or list(PROMPTS)
    records = []
    with tempfile.TemporaryDirectory(prefix="aisets_gallery_") as tmp:
        for name in names:
            prompt, seed = PROMPTS[name]
            prompt = args.prompt or prompt
            seed = seed if args.seed is None else args.seed
            record = render_one(name, prompt, seed, args, Path(tmp))
            records.append(record)
            print(json.dumps({k: record[k] for k in ("archetype", "camera", "clipped_fraction",
                                                     "mean_level", "timings")}), flush=True)
            publish(records, args)       # after each set: an interrupted run keeps its frames
    return 0


if __name__ == "__main__":
    sys.exit(main())
