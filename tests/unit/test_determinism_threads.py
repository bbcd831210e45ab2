"""Same spec and seed, same bytes, whatever the thread count: every material family's
map files and a small cloudy sky EXR are written by processes limited to 1 and to 2
BLAS/OpenMP threads (and 1 and 3 OpenEXR compression threads), and must be byte-identical.

(The cause it guards against: BLAS products, whose summation order follows the thread
count and the CPU's kernel; resampling and colour products are now fixed-order
elementwise sums, see materials/noise.apply_matrix and sky/spectrum.fixed_matmul.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

WRITER = r"""
import hashlib, json, sys
from pathlib import Path
from ai_sets_addon.generation.materials import ProceduralMaterials
from ai_sets_addon.generation.materials.core import FAMILIES
from ai_sets_addon.model.plan import MaterialRequest, SkyRequest
from ai_sets_addon.generation.sky import ProceduralSky, SkyOptions

out = Path(sys.argv[1])
backend = ProceduralMaterials()
for i, family in enumerate(sorted(FAMILIES)):
    mods = [["wet"], ["dirty", "old"], ["moss"], []][i % 4]
    request = MaterialRequest(key=family, family=family, modifiers=mods,
                              colour="red" if i % 5 == 0 else None, seed=7 + i)
    backend.make_material(request, 128, out / "textures")
sky = SkyRequest(time_of_day="golden_hour", cloud_cover="scattered", haze=0.3, seed=5)
ProceduralSky(SkyOptions(sun_in_map=True)).make_sky(sky, 512, out / "sky.exr")
hashes = {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
          for p in sorted(out.rglob("*")) if p.is_file()}
print(json.dumps(hashes))
"""


def _run(threads: int, out: Path) -> dict[str, str]:
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads),
               MKL_NUM_THREADS=str(threads), AISETS_EXR_THREADS=str(threads * 2 - 1),
               PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", WRITER, str(out)], env=env,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_maps_and_sky_do_not_depend_on_the_thread_count(tmp_path):
    one = _run(1, tmp_path / "one")
    two = _run(2, tmp_path / "two")
    assert one.keys() == two.keys()
    assert sum(name.endswith(".png") for name in one) > 100   # every family's maps
    assert "sky.exr" in one
    differing = sorted(name for name in one if one[name] != two[name])
    assert differing == [], f"{len(differing)} of {len(one)} files differ: {differing[:10]}"
