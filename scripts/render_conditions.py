"""Render one set under five skies (dawn, noon, golden hour, overcast, night) and put
the frames side by side: the check that exposure and sky follow the words.

    python scripts/render_conditions.py "a concrete room" --out docs/sky/conditions_room.png
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ai_sets_addon.core.fileio import read_png, write_png  # noqa: E402
from ai_sets_addon.generation.prepare import BuildOptions  # noqa: E402
from ai_sets_addon.blender.pipeline import BuildRequest, build  # noqa: E402

CONDITIONS = ("at dawn", "at noon", "at golden hour", "overcast at noon", "at night")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("prompt", help="the set, without time or weather words")
    parser.add_argument("--out", type=Path, required=True, help="contact sheet PNG")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--resolution", default="480x270")
    parser.add_argument("--samples", type=int, default=24)
    args = parser.parse_args()
    width, height = (int(v) for v in args.resolution.split("x"))
    frames, report = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        for condition in CONDITIONS:
            prompt = f"{args.prompt} {condition}"
            request = BuildRequest(prompt=prompt, seed=args.seed, out_dir=Path(tmp) / condition,
                                   options=BuildOptions(1024, 2048), render=True,
                                   samples=args.samples, resolution=(width, height),
                                   save_blend=False)
            result = build(request)
            frame = read_png(result.outputs["preview"])[..., :3]
            frames.append(frame)
            luma = frame.mean(axis=2)
            report[prompt] = {"exposure_ev": result.exposure,
                              "mean": round(float(luma.mean()), 1),
                              "clipped_pct": round(float((luma >= 254).mean() * 100), 2)}
            print(prompt, report[prompt], flush=True)
    sheet = np.concatenate([np.concatenate(frames[:3], axis=1),
                            np.concatenate(frames[3:] + [np.zeros_like(frames[0])], axis=1)])
    write_png(args.out, sheet)
    args.out.with_suffix(".json").write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
