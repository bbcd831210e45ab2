"""Score the HDR lift on Blender's own skies saved through Blender's own view transforms.

    python scripts/hdr_views.py [--out /tmp/hdr_testset] [--docs docs/hdr]     (needs bpy)

The test set (hdr_testset.py) tone-maps with curves it writes itself; a Blender user's
render goes through Blender's view transform instead: AgX (the default since 4.0, a 3D
LUT), AgX with its Punchy look, the older Filmic, and Khronos PBR Neutral. Each of the
Blender skies below (the test set's elevations at azimuth 0 and two held-out skies) is
exposed as the test camera meters (the sky's median at mid grey, -1..+2 EV, set as the
view's exposure), saved by Blender itself (Image.save_render: PNG, and JPEG at quality
85), read back and lifted, and scored with the test set's goals. Writes OUT/views.json
and DOCS/views.md.
"""

from __future__ import annotations

import argparse
import collections
import json
import math
import sys
import tempfile
from pathlib import Path


sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hdr_testset import (ELEVATIONS, _read_as, blender_sky, blender_sky_path,  # noqa: E402
                         clipped_sky_share)

from ai_sets_addon.generation.hdr import lift, read_panorama  # noqa: E402
from ai_sets_addon.generation.hdr.read import _decode_with_pillow  # noqa: E402
from ai_sets_addon.generation.hdr.testset import (GOALS, MID_GREY, score,  # noqa: E402
                                                  sky_median)

VIEWS = (("AgX", "None"), ("AgX", "AgX - Punchy"), ("Filmic", "None"),
         ("Khronos PBR Neutral", "None"))
EXPOSURES = (-1.0, 0.0, 1.0, 2.0)
SKIES = tuple((el, 0.0, {}) for el in ELEVATIONS) + (
    (12.0, 300.0, {}), (15.0, 200.0, {"aerosol_density": 4.0}))


def save_through_view(image, out: Path, view: str, look: str, ev: float,
                      median: float) -> None:
    """A linear bpy image (a sky whose median luminance is `median`) saved by Blender to
    `out` (PNG or JPEG q85) through `view` (+ `look`), exposed so that the median lands
    `ev` stops over mid grey."""
    import bpy

    scene = bpy.context.scene
    scene.view_settings.view_transform = view
    scene.view_settings.look = look
    scene.view_settings.exposure = math.log2(MID_GREY * 2.0 ** ev / median)
    settings = scene.render.image_settings
    settings.file_format = "PNG" if out.suffix == ".png" else "JPEG"
    settings.color_mode, settings.color_depth, settings.quality = "RGB", "8", 85
    image.save_render(str(out), scene=scene)


def run(args: argparse.Namespace) -> list[dict]:
    import bpy

    rows = []
    cache = args.out / "blender"
    bpy.ops.wm.read_factory_settings(use_empty=True)
    with tempfile.TemporaryDirectory() as tmp:
        for el, az, params in SKIES:
            rgb = blender_sky(el, az, args.width, args.samples, cache, params)
            median = sky_median(rgb)
            image = bpy.data.images.load(
                str(blender_sky_path(el, az, args.width, args.samples, cache, params)))
            extra = "".join(f" {k} {v:g}" for k, v in sorted(params.items()))
            for view, look in VIEWS:
                for ev in EXPOSURES:
                    for fmt in ("png", "jpg"):
                        path = Path(tmp) / f"view.{fmt}"
                        save_through_view(image, path, view, look, ev, median)
                        u8 = _decode_with_pillow(path)
                        result = lift(read_panorama(path))
                        s = score(result, rgb, u8, (el, az))
                        rows.append({"sky": f"blender el{el:g} az{az:g}{extra}", "view": view,
                                     "look": look, "ev": ev, "format": fmt,
                                     "read_as": _read_as(result.response),
                                     "clipped_sky": clipped_sky_share(u8),
                                     "method": result.sun.method, "passes": s.passes(True),
                                     "sun_error_deg": s.sun_error_deg,
                                     "irradiance_ratio": s.irradiance_ratio,
                                     "peak_median": s.peak_median})
                        print(_line(rows[-1]), flush=True)
            bpy.data.images.remove(image)
    return rows


def _line(r: dict) -> str:
    err = "no sun" if r["sun_error_deg"] is None else f"{r['sun_error_deg']:.2f}°"
    return (f"{'pass' if r['passes'] else 'FAIL'} {r['sky']} | {r['view']} {r['look']} "
            f"{r['ev']:+g} EV {r['format']} | {err} x{r['irradiance_ratio']:.2f} "
            f"pm {r['peak_median']:.2g} | read as {r['read_as']}")


def write_docs(docs: Path, rows: list[dict], width: int) -> None:
    by_view: dict[str, list[dict]] = collections.defaultdict(list)
    for r in rows:
        by_view[f"{r['view']}" + ("" if r["look"] == "None" else f" ({r['look']})")].append(r)
    lines = ["# HDR lift: Blender's own view transforms\n",
             f"Generated by `python scripts/hdr_views.py --docs {docs}`: Blender's sky "
             f"({width} wide, Cycles) saved by Blender through each view at -1..+2 EV "
             "around a mid-grey sky median, PNG and JPEG q85, then lifted with the curve "
             f"estimated. Goals as in results.md: sun within {GOALS['sun_deg']}°, "
             f"irradiance within {GOALS['irradiance']:.0%}, peak/median >= "
             f"{GOALS['peak_median']:g}.\n",
             f"**{sum(r['passes'] for r in rows)}/{len(rows)} pass.**\n",
             "| view | pass | " + " | ".join(f"{e:+g} EV" for e in EXPOSURES) +
             " | read as |", "|---|---|" + "---|" * len(EXPOSURES) + "---|"]
    for name, rs in by_view.items():
        cells = [f"{sum(r['passes'] for r in rs if r['ev'] == e)}/"
                 f"{sum(1 for r in rs if r['ev'] == e)}" for e in EXPOSURES]
        reads = collections.Counter(r["read_as"] for r in rs)
        lines.append(f"| {name} | {sum(r['passes'] for r in rs)}/{len(rs)} | "
                     + " | ".join(cells) + " | "
                     + ", ".join(f"{n} {c}" for n, c in reads.most_common()) + " |")
    lines += ["\n## The cases that fail\n", "| sky | view | camera | sun error | irradiance "
              "ratio | peak/median | read as | clipped |", "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        if not r["passes"]:
            err = "no sun" if r["sun_error_deg"] is None else f"{r['sun_error_deg']:.2f}"
            lines.append(f"| {r['sky']} | {r['view']} {r['look']} | {r['ev']:+g} EV "
                         f"{r['format']} | {err} | {r['irradiance_ratio']:.2f} | "
                         f"{r['peak_median']:.2g} | {r['read_as']} | "
                         f"{r['clipped_sky']:.0%} |")
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "views.md").write_text("\n".join(lines) + "\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--width", type=int, default=1024)
    ap.add_argument("--samples", type=int, default=16)
    ap.add_argument("--out", type=Path, default=Path("/tmp/hdr_testset"))
    ap.add_argument("--docs", type=Path, default=None)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    rows = run(args)
    (args.out / "views.json").write_text(json.dumps(rows, indent=1))
    print(f"{sum(r['passes'] for r in rows)}/{len(rows)} pass")
    if args.docs:
        write_docs(args.docs, rows, args.width)
    return 0


if __name__ == "__main__":
    sys.exit(main())
