"""The `atlas` UV set: every part unwrapped into non-overlapping charts in [0, 1].

The tiled UVs (metres) repeat a material; the atlas gives every texel of a part its own
place, which is what painting and baking need. xatlas packs the charts of the tiled
UVs (already true to scale, so no re-parametrisation is needed) at one texel density
for the set. A part too large for MAX_ATLAS_PX at that density (a terrain to the
horizon) gets a lower density of its own, recorded on the part, and is named in
`reduced_parts`: a backdrop needs fewer texels per metre than the set in front of it.
"""

from __future__ import annotations

import math
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import trimesh

from ..model.plan import MeshPart

T = TypeVar("T")

DEFAULT_DENSITY_PX_PER_M = 32.0
MAX_ATLAS_PX = 4096
PADDING_PX = 2
PACKING_SLACK = 1.35
MANY_FACES = 20000   # side of the packed atlas / sqrt(chart area): measured 1.1-1.3
# xatlas (to its current head) can hang for good in xatlas::Destroy: it sets each
# worker's wake-up flag and notifies without the worker's mutex, so a worker caught
# between testing the flag and falling asleep misses the notify, and the join waits on
# it for ever, with the GIL held (seen twice in the fault suite). A worker that is
# asleep cannot miss it, so an Atlas is destroyed only once its workers sleep; and one
# Atlas at a time, so that the threads that appear as one is made are its workers.
_XATLAS = threading.Lock()
_TASKS = Path("/proc/self/task")
WORKERS_ASLEEP_WITHIN_S = 2.0


@dataclass
class Packed:
    """One packed atlas, copied out of xatlas: the re-indexing and the chart UVs."""

    vmapping: np.ndarray      # new vertex -> old vertex
    indices: np.ndarray       # (faces, 3) new vertex indices
    uv: np.ndarray            # (new vertices, 2) in 0..1
    width: int
    height: int
    chart_count: int


def unwrap(part: MeshPart, density: float = DEFAULT_DENSITY_PX_PER_M) -> bool:
    """Give `part` its atlas UVs (re-indexing its mesh at chart seams); True when the
    part's density had to be lowered to fit MAX_ATLAS_PX."""
    mesh = part.mesh
    if len(mesh.faces) == 0:
        part.atlas_uv = np.zeros((0, 2), np.float32)
        part.atlas_size, part.atlas_density = (0, 0), 0.0
        return False
    side = math.sqrt(max(float(mesh.area), 1e-6)) * PACKING_SLACK
    used = min(density, (MAX_ATLAS_PX - 4 * PADDING_PX) / side)
    atlas = _pack(mesh, used)
    while max(atlas.width, atlas.height) > MAX_ATLAS_PX:    # long thin charts, padding
        used = _density_to_fit(atlas, float(mesh.area), used)
        atlas = _pack(mesh, used)
    _reindex(part, atlas.vmapping, atlas.indices)
    part.atlas_uv = atlas.uv
    part.atlas_size = (atlas.width, atlas.height)
    part.atlas_density = float(used)
    return used < density


def _density_to_fit(atlas: Packed, area_m2: float, density: float) -> float:
    """The density at which an atlas that came out too big should fit, one repack in
    most cases. Each chart's padding does not shrink with the density, so with tens of
    thousands of small charts (city windows) a plain ratio of sides overshoots several
    times: model the side as k·√n·(√(A/n)·d + 2p), calibrated on this pack."""
    n = max(atlas.chart_count, 1)
    chart_side = math.sqrt(max(area_m2, 1e-9) / n)
    side = max(atlas.width, atlas.height)
    k = side / (math.sqrt(n) * (chart_side * density + 2 * PADDING_PX))
    target = 0.9 * MAX_ATLAS_PX        # block-aligned packing comes in steps of ~10 %
    fitted = (target / (k * math.sqrt(n)) - 2 * PADDING_PX) / chart_side
    return float(min(max(fitted, 0.05 * density), 0.99 * density))


def _pack(mesh: trimesh.Trimesh, density: float) -> Packed:
    """xatlas on the tiled UV charts (metres), packed at `density` texels per metre."""
    import xatlas

    def generate(atlas) -> Packed:
        atlas.add_mesh(np.asarray(mesh.vertices, np.float32),
                       np.asarray(mesh.faces, np.uint32), None,
                       np.asarray(mesh.visual.uv, np.float32))
        charts = xatlas.ChartOptions()
        charts.use_input_mesh_uvs = True
        charts.max_iterations = 1
        pack = xatlas.PackOptions()
        pack.padding = PADDING_PX
        pack.texels_per_unit = density
        pack.bilinear = True
        if len(mesh.faces) > MANY_FACES:      # tens of thousands of tiny charts (city
            pack.rotate_charts = False        # windows): packing dominates; unrotated
            pack.blockAlign = True            # block-aligned packing is 3-4x faster
        atlas.generate(charts, pack)
        return packed_copy(atlas)

    return with_xatlas(generate)


def packed_copy(atlas) -> Packed:
    """The first mesh of a generated Atlas, copied out of it."""
    vmapping, indices, uv = atlas[0]
    return Packed(np.asarray(vmapping, np.int64).copy(), np.asarray(indices, np.int64).copy(),
                  np.asarray(uv, np.float32).copy(), int(atlas.width), int(atlas.height),
                  int(atlas.chart_count))


def with_xatlas(use: Callable[[Any], T]) -> T:
    """`use(atlas)` on a fresh xatlas Atlas, which is destroyed here, once its workers
    sleep (see _XATLAS); `use` returns copies, never the Atlas or its arrays."""
    import xatlas

    with _XATLAS:
        before = _thread_ids()
        atlas = xatlas.Atlas()
        workers = _thread_ids() - before
        try:
            return use(atlas)
        finally:
            until_asleep(workers)
            del atlas                        # the last reference: xatlas::Destroy


def _thread_ids() -> set[str]:
    """The process's threads (Linux); empty where /proc is not there."""
    try:
        return set(os.listdir(_TASKS))
    except OSError:
        return set()


def thread_state(tid: str) -> str:
    """A thread's state letter from /proc ('R' running, 'S' asleep...); '' once gone."""
    try:
        stat = (_TASKS / tid / "stat").read_text()
    except OSError:
        return ""
    return stat[stat.rindex(")") + 2]


def until_asleep(tids: set[str], within_s: float = WORKERS_ASLEEP_WITHIN_S) -> None:
    """Wait until every thread in `tids` sleeps (S) or is gone. A worker past its last
    task blocks at once, so this is microseconds unless it was preempted; the limit
    only bounds a misread thread. Without /proc a short pause makes the miss unlikely."""
    if not tids:
        time.sleep(0.002)
        return
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        if all(thread_state(tid) in ("S", "") for tid in tids):
            return
        time.sleep(0.0002)


def _reindex(part: MeshPart, vmapping: np.ndarray, faces: np.ndarray) -> None:
    """Split vertices where charts meet: one index buffer for both UV sets."""
    mesh = part.mesh
    uv = np.asarray(mesh.visual.uv)[vmapping]
    part.mesh = trimesh.Trimesh(vertices=np.asarray(mesh.vertices)[vmapping], faces=faces,
                                visual=trimesh.visual.TextureVisuals(uv=uv), process=False)
    part.vertex_masks = {name: np.asarray(values)[vmapping]
                         for name, values in part.vertex_masks.items()}


def texel_density(part: MeshPart) -> float:
    """Measured pixels per metre of a part's atlas: sqrt(texel area / surface area)."""
    if part.atlas_uv is None or not len(part.mesh.faces):
        return 0.0
    tri = part.atlas_uv[part.mesh.faces] * np.asarray(part.atlas_size, np.float64)
    uv_area = 0.5 * np.abs(np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])).sum()
    return float(math.sqrt(uv_area / max(float(part.mesh.area), 1e-12)))
