"""Build time of the dressing catalogue per family (median over repeats, ms per piece),
with the existing hand-written furniture.sofa as the peer for a ratio; and, to look at
what the families make, a contact sheet of kinds rendered with Cycles (bpy).

    PYTHONPATH=. python benchmarks/bench_catalogue.py [--repeats 3]
    PYTHONPATH=. python benchmarks/bench_catalogue.py --sheet out.png sofa wardrobe:2 car
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time

import numpy as np

from ai_sets_addon.generation.props import catalogue as C
from ai_sets_addon.generation.props import furniture


def _time(fn, repeats: int) -> float:
    runs = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--sheet", help="render a contact sheet of KINDS (id or id:variant) to this PNG")
    ap.add_argument("--samples", type=int, default=8)
    ap.add_argument("kinds", nargs="*")
    args = ap.parse_args()
    if args.sheet:
        contact_sheet(args.sheet, args.kinds or list(C.KINDS)[:12], args.samples)
        return
    by_family: dict[str, list[str]] = {}
    for kid, kind in C.KINDS.items():
        by_family.setdefault(kind.family, []).append(kid)
    peer = _time(lambda: furniture.sofa(np.random.default_rng(0)), args.repeats * 5) * 1000
    print(f"{'family':14s} {'kinds':>5s} {'ms/piece':>9s} {'faces max':>9s} {'budget':>7s} {'x peer':>7s}")
    total = 0.0
    for fam, kids in sorted(by_family.items()):
        t = _time(lambda: [C.build(k, np.random.default_rng(1), 0) for k in kids], args.repeats)
        faces = max(sum(len(p.mesh.faces) for p in C.build(k, np.random.default_rng(1), 0).pieces)
                    for k in kids)
        per = t / len(kids) * 1000
        total += t
        print(f"{fam:14s} {len(kids):5d} {per:9.2f} {faces:9d} {C.FAMILIES[fam].budget:7d} "
              f"{per / peer:7.1f}")
    print(f"all {len(C.KINDS)} kinds once: {total:.2f} s; peer furniture.sofa (boxes): {peer:.2f} ms")


# Flat colours per material slot: enough to read shapes, not the set's real materials.
_COLOURS = {"wood": (0.45, 0.28, 0.15), "upholstery": (0.55, 0.35, 0.2), "linen": (0.9, 0.9, 0.88),
            "bedding": (0.6, 0.7, 0.85), "metal": (0.7, 0.7, 0.72), "chrome": (0.8, 0.8, 0.82),
            "dark_metal": (0.08, 0.08, 0.08), "glass": (0.6, 0.8, 0.9), "books": (0.5, 0.12, 0.1),
            "foliage": (0.15, 0.45, 0.12), "screen": (0.02, 0.02, 0.03), "lamp": (1.0, 0.9, 0.7),
            "flame": (1.0, 0.5, 0.1), "terracotta": (0.7, 0.35, 0.2), "rubber": (0.03, 0.03, 0.03),
            "vehicle_paint": (0.6, 0.08, 0.06), "brass": (0.8, 0.6, 0.25)}


def contact_sheet(out: str, kinds: list[str], samples: int, tile=(320, 180), cols: int = 6) -> None:
    """Render each kind alone on a floor from a 3/4 front view and tile them in one PNG."""
    import bpy                      # only here: the timing above needs no Blender
    import bmesh                    # (after bpy, which makes it importable)
    import mathutils
    from PIL import Image, ImageDraw

    scene = bpy.context.scene
    scene.render.engine = "CYCLES"
    scene.cycles.samples = samples
    scene.render.resolution_x, scene.render.resolution_y = tile
    scene.world = bpy.data.worlds.new("sheet")
    scene.world.use_nodes = True
    scene.world.node_tree.nodes["Background"].inputs[1].default_value = 0.6
    mats = {}

    def material(key):
        if key not in mats:
            m = mats[key] = bpy.data.materials.new(key)
            m.use_nodes = True
            bsdf = m.node_tree.nodes["Principled BSDF"]
            bsdf.inputs["Base Color"].default_value = (*_COLOURS.get(key, (0.5, 0.5, 0.5)), 1)
            if key in ("lamp", "flame"):
                bsdf.inputs["Emission Color"].default_value = (*_COLOURS[key], 1)
                bsdf.inputs["Emission Strength"].default_value = 5
        return mats[key]

    tiles = []
    with tempfile.TemporaryDirectory() as tmp:
        for spec in kinds:
            kid, _, variant = spec.partition(":")
            for ob in list(bpy.data.objects):
                bpy.data.objects.remove(ob)
            model = C.build(kid, np.random.default_rng(3), int(variant or 0))
            for piece in model.pieces:
                me = bpy.data.meshes.new(piece.suffix or kid)
                me.from_pydata(piece.mesh.vertices.tolist(), [], piece.mesh.faces.tolist())
                if piece.smooth:        # weld like the scene layer does, then shade smooth
                    bm = bmesh.new()
                    bm.from_mesh(me)
                    bmesh.ops.remove_doubles(bm, verts=bm.verts, dist=1e-5)
                    bm.to_mesh(me)
                    bm.free()
                    me.shade_smooth()
                me.materials.append(material(piece.material))
                scene.collection.objects.link(bpy.data.objects.new(me.name, me))
            b = model.bounds()
            centre, r = (b[:3] + b[3:]) / 2, float(np.linalg.norm(b[3:] - b[:3])) * 0.5
            floor = bpy.data.meshes.new("floor")
            s = r * 6
            floor.from_pydata([(-s, -s, b[2]), (s, -s, b[2]), (s, s, b[2]), (-s, s, b[2])], [], [(0, 1, 2, 3)])
            scene.collection.objects.link(bpy.data.objects.new("floor", floor))
            cam = bpy.data.objects.new("cam", bpy.data.cameras.new("cam"))
            scene.collection.objects.link(cam)
            view = np.array([-0.55, -1.0, 0.55])
            cam.location = (centre + view / np.linalg.norm(view) * r * 5.0).tolist()
            cam.rotation_euler = mathutils.Vector((centre - np.asarray(cam.location)).tolist()) \
                .to_track_quat("-Z", "Y").to_euler()
            scene.camera = cam
            sun = bpy.data.objects.new("sun", bpy.data.lights.new("sun", "SUN"))
            sun.data.energy = 3
            sun.rotation_euler = (0.7, 0.2, -0.6)
            scene.collection.objects.link(sun)
            scene.render.filepath = os.path.join(tmp, "tile.png")
            bpy.ops.render.render(write_still=True)
            im = Image.open(scene.render.filepath).convert("RGB")
            ImageDraw.Draw(im).text((4, 4), spec, fill=(255, 255, 0))
            tiles.append(im)
    rows = (len(tiles) + cols - 1) // cols
    sheet = Image.new("RGB", (cols * tile[0], rows * tile[1]))
    for i, im in enumerate(tiles):
        sheet.paste(im, ((i % cols) * tile[0], (i // cols) * tile[1]))
    tmp_out = out + ".part.png"
    sheet.save(tmp_out)
    os.replace(tmp_out, out)


if __name__ == "__main__":
    main()
