"""Render every material family (and a row of word variants) on a lit corner at true
scale into docs/materials/: gallery.png (one cell per family) and words.png.

    python scripts/render_material_gallery.py [--size 1024] [--samples 16] [--cell 240x180]

Each cell: a 3 m floor and a 2 m wall meeting in a corner, a 0.5 m grey cube for scale,
low sun and sky fill, Cycles CPU denoised. Small on purpose: 2 shared cores.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ai_sets_addon.core.fileio import write_png  # noqa: E402
from ai_sets_addon.generation.materials import ProceduralMaterials  # noqa: E402
from ai_sets_addon.model.plan import MaterialRequest  # noqa: E402
from ai_sets_addon.generation.vocabulary import MATERIAL_FAMILIES  # noqa: E402

WORD_VARIANTS = [
    ("brick", ["new"], None), ("brick", ["old"], None), ("brick", ["derelict"], None),
    ("brick", ["moss"], None), ("brick", ["wet"], "white"),
    ("concrete", ["puddles"], None), ("concrete", ["soot"], None),
    ("concrete", ["dust"], None), ("corrugated_metal", ["rust"], None),
    ("painted_wall", ["old"], "teal"),
]


def load_rgb(path: Path) -> np.ndarray:
    import bpy

    img = bpy.data.images.load(str(path))
    w, h = img.size
    px = np.empty(w * h * 4, np.float32)
    img.pixels.foreach_get(px)
    bpy.data.images.remove(img)
    rgb = px.reshape(h, w, 4)[::-1, :, :3]
    return np.clip(rgb * 255 + 0.5, 0, 255).astype(np.uint8)   # PNG stays sRGB bytes


def render_cells(requests: list[MaterialRequest], labels: list[str], size: int,
                 samples: int, cell: tuple[int, int], work: Path) -> list[np.ndarray]:
    import bpy

    from ai_sets_addon.blender.scene.materials import render_preview

    bpy.ops.wm.read_factory_settings(use_empty=True)
    backend, images = ProceduralMaterials(), []
    for i, (req, label) in enumerate(zip(requests, labels)):
        tex = backend.make_material(req, size, work)
        out = render_preview(tex, work / f"cell_{i:02d}.png", resolution=cell,
                             samples=samples, label=label)
        images.append(load_rgb(out))
        print(f"[{i + 1}/{len(requests)}] {label}", flush=True)
    return images


def sheet(images: list[np.ndarray], columns: int) -> np.ndarray:
    h, w, _ = images[0].shape
    rows = -(-len(images) // columns)
    out = np.full((rows * h, columns * w, 3), 255, np.uint8)
    for i, img in enumerate(images):
        r, c = divmod(i, columns)
        out[r * h:(r + 1) * h, c * w:(c + 1) * w] = img
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1024)
    parser.add_argument("--samples", type=int, default=16)
    parser.add_argument("--cell", default="240x180")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "materials")
    parser.add_argument("--only", nargs="*", help="families to render (default all)")
    parser.add_argument("--no-words", action="store_true")
    parser.add_argument("--words-only", action="store_true")
    args = parser.parse_args()
    cell = tuple(int(v) for v in args.cell.split("x"))
    families = args.only or list(MATERIAL_FAMILIES)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if not args.words_only:
            reqs = [MaterialRequest(key=f, family=f, seed=1) for f in families]
            imgs = render_cells(reqs, [f.replace("_", " ") for f in families], args.size,
                                args.samples, cell, work)
            name = "gallery.png" if not args.only else "gallery_subset.png"
            write_png(args.out / name, sheet(imgs, 5))
        if not args.no_words:
            reqs = [MaterialRequest(key=f"w{i}", family=f, modifiers=m, colour=c, seed=1)
                    for i, (f, m, c) in enumerate(WORD_VARIANTS)]
            labels = [" ".join(([c] if c else []) + m + [f.replace("_", " ")])
                      for f, m, c in WORD_VARIANTS]
            write_png(args.out / "words.png",
                      sheet(render_cells(reqs, labels, args.size, args.samples, cell, work), 5))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
