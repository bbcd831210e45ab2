"""Measure Blender's AgX view transform on the grey axis and write the table the HDR lift
decodes AgX files with (ai_sets_addon/generation/hdr/agx_grey.json).

    python scripts/build_view_curves.py        (needs the bpy module)

Blender's AgX is a 3D LUT in its OpenColorIO config (AgX_Base_sRGB.cube after a log
encoding), not a formula: a grey ramp from -12 to +10 stops around mid grey (0.18) is
saved through the "AgX" view as a 16-bit PNG, and each 8-bit code's scene level is read
off the ramp. On grey, AgX's inset and outset matrices cancel (their rows sum to one), so
this is its per-channel curve. tests/blender/test_hdr_view_curves.py checks that the
shipped table still matches the running Blender. Khronos PBR Neutral needs no table: it
is a published formula (response.pbr_neutral).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ai_sets_addon.core.fileio import read_png, write_json  # noqa: E402
from ai_sets_addon.generation.hdr.response import AGX_TABLE_PATH, MID_GREY  # noqa: E402

RAMP = 8192
STOPS = (-12.0, 10.0)


def grey_ramp_codes(view: str, look: str = "None") -> tuple[np.ndarray, np.ndarray]:
    """(scene-linear grey levels, their display codes 0..1 through Blender's `view`)."""
    import bpy

    x = MID_GREY * 2.0 ** np.linspace(*STOPS, RAMP)
    bpy.ops.wm.read_factory_settings(use_empty=True)
    image = bpy.data.images.new("grey ramp", RAMP, 1, alpha=True, float_buffer=True)
    rgba = np.ones((1, RAMP, 4), np.float32)
    rgba[..., :3] = x[None, :, None]
    image.pixels.foreach_set(rgba.ravel())
    scene = bpy.context.scene
    scene.view_settings.view_transform = view
    scene.view_settings.look = look
    scene.view_settings.exposure = 0.0
    scene.view_settings.gamma = 1.0
    settings = scene.render.image_settings
    settings.file_format, settings.color_mode, settings.color_depth = "PNG", "RGB", "16"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ramp.png"
        image.save_render(str(path), scene=scene)
        pixels = read_png(path).reshape(-1, RAMP, 3)
        codes = pixels[0, :, 1].astype(np.float64) / 65535.0
    return x, codes


def code_table(x: np.ndarray, codes: np.ndarray) -> list[float]:
    """log2(level / mid grey) at each 8-bit code 0..255, read off the monotone ramp
    (codes the ramp does not reach take its end levels)."""
    rising = np.r_[True, np.diff(codes) > 0]
    return [round(float(v), 5) for v in
            np.interp(np.arange(256) / 255.0, codes[rising], np.log2(x[rising] / MID_GREY))]


def main() -> int:
    import bpy

    x, codes = grey_ramp_codes("AgX")
    write_json(AGX_TABLE_PATH, {"view": "AgX", "blender": bpy.app.version_string,
                                "log2_over_mid_grey": code_table(x, codes)})
    print(f"wrote {AGX_TABLE_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
