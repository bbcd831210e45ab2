"""The set folder: a document any process reads back exactly, atlases that can be
painted, and clear errors (exit 2) for folders that cannot be trusted."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from ai_sets_addon.core.errors import InputError
from ai_sets_addon.generation.prepare import BuildOptions, prepare_set
from ai_sets_addon.setfile import read_set, verify, write_document
from ai_sets_addon.setfile.atlas import texel_density
from ai_sets_addon.setfile.document import part_files, to_json

SMALL = BuildOptions(texture_size=256, hdri_width=512)


@pytest.fixture(scope="module")
def street(tmp_path_factory):
    folder = tmp_path_factory.mktemp("street") / "set"
    doc, _ = prepare_set("a city street at night with neon signs", 4, folder, SMALL)
    return folder, doc


def test_a_set_read_back_equals_the_one_written(street):
    folder, written = street
    back = read_set(folder)
    assert json.loads((folder / "set.json").read_text()) == json.loads(
        json.dumps(to_json(back, folder, part_files(back.plan.parts))))
    assert len(back.plan.parts) == len(written.plan.parts) > 20
    for a, b in zip(written.plan.parts, back.plan.parts):
        assert np.array_equal(np.asarray(a.mesh.vertices, np.float32), b.mesh.vertices), a.name
        assert np.array_equal(a.mesh.faces, b.mesh.faces), a.name
        assert np.array_equal(np.asarray(a.mesh.visual.uv, np.float32), b.mesh.visual.uv)
        assert np.array_equal(a.atlas_uv, b.atlas_uv), a.name
        assert a.vertex_masks.keys() == b.vertex_masks.keys()
        assert len(a.instances) == len(b.instances)
    assert back.plan.cameras == written.plan.cameras
    assert back.spec == written.spec


def test_writing_the_same_document_twice_gives_the_same_bytes(street, tmp_path):
    folder, _ = street
    shutil.copytree(folder, tmp_path / "copy")
    write_document(read_set(tmp_path / "copy"), tmp_path / "copy")
    assert (tmp_path / "copy" / "set.json").read_bytes() == (folder / "set.json").read_bytes()
    for mesh in (folder / "meshes").iterdir():
        assert (tmp_path / "copy" / "meshes" / mesh.name).read_bytes() == mesh.read_bytes()


def test_every_material_is_described_as_data(street):
    folder, _ = street
    doc = read_set(folder)
    assert {p.material for p in doc.plan.parts} <= set(doc.materials)
    kinds = {m.kind for m in doc.materials.values()}
    assert kinds == {"textured", "shader"}
    for desc in doc.materials.values():
        if desc.kind == "textured":
            assert {"base_color", "normal", "roughness"} <= set(desc.maps)
            assert all(p.is_file() and p.is_relative_to(folder) for p in desc.maps.values())
            assert min(desc.tile_size_m) > 0
        else:
            assert len(desc.params["base_color"]) == 3
            assert 0 <= desc.params["roughness"] <= 1
    neon = [m for m in doc.materials.values() if m.family == "neon"]
    assert neon and all(m.params["emission_strength"] > 0 for m in neon)


def _overlap_free(part) -> bool:
    """Rasterise every atlas triangle at the atlas resolution: no texel covered twice
    (triangles of one chart share edges, so only texel centres strictly inside count)."""
    width, height = part.atlas_size
    owner = np.full((height, width), -1, np.int64)
    tris = part.atlas_uv[part.mesh.faces] * np.array([width, height])
    for index, tri in enumerate(tris):
        lo = np.floor(tri.min(axis=0)).astype(int)
        hi = np.ceil(tri.max(axis=0)).astype(int)
        xs, ys = np.meshgrid(np.arange(lo[0], hi[0]) + 0.5, np.arange(lo[1], hi[1]) + 0.5)
        p = np.stack([xs.ravel(), ys.ravel()], axis=1)
        a, b, c = tri
        d = np.cross(b - a, c - a)
        if abs(d) < 1e-9:
            continue
        w1 = np.cross(p - a, c - a) / d
        w2 = np.cross(b - a, p - a) / d
        inside = (w1 > 1e-6) & (w2 > 1e-6) & (w1 + w2 < 1 - 1e-6)
        px = p[inside].astype(int)
        px = px[(px[:, 0] < width) & (px[:, 1] < height) & (px >= 0).all(axis=1)]
        taken = owner[px[:, 1], px[:, 0]]
        if (taken >= 0).any():
            return False
        owner[px[:, 1], px[:, 0]] = index
    return True


def test_atlases_are_inside_the_unit_square_and_do_not_overlap(street):
    folder, _ = street
    doc = read_set(folder)
    for part in doc.plan.parts:
        assert part.atlas_uv.min() >= 0 and part.atlas_uv.max() <= 1, part.name
        assert max(part.atlas_size) <= 4096
    small = [p for p in doc.plan.parts if len(p.mesh.faces) <= 3000][:12]
    for part in small:
        assert _overlap_free(part), part.name


def test_one_texel_density_across_the_set(street):
    folder, _ = street
    doc = read_set(folder)
    target = doc.texel_density_px_per_m
    at_target = [p for p in doc.plan.parts if p.atlas_density == pytest.approx(target)]
    assert len(at_target) >= 0.9 * len(doc.plan.parts)
    for part in at_target:
        assert 0.75 * target <= texel_density(part) <= 1.25 * target, part.name


def test_a_newer_schema_is_refused(street, tmp_path):
    folder, _ = street
    copy = tmp_path / "newer"
    shutil.copytree(folder, copy)
    data = json.loads((copy / "set.json").read_text())
    data["schema_version"] = 99
    (copy / "set.json").write_text(json.dumps(data))
    with pytest.raises(InputError, match="newer"):
        read_set(copy)


@pytest.mark.parametrize("damage", ["missing mesh", "corrupt mesh", "missing texture",
                                    "no set.json", "bad json"])
def test_a_damaged_folder_is_a_clear_error(street, tmp_path, damage):
    folder, _ = street
    copy = tmp_path / "damaged"
    shutil.copytree(folder, copy)
    mesh = sorted((copy / "meshes").iterdir())[0]
    texture = sorted((copy / "textures").glob("*_base_color.png"))[0]
    if damage == "missing mesh":
        mesh.unlink()
    elif damage == "corrupt mesh":
        mesh.write_bytes(mesh.read_bytes()[:200])
    elif damage == "missing texture":
        texture.unlink()
    elif damage == "no set.json":
        (copy / "set.json").unlink()
    else:
        (copy / "set.json").write_text("{not json")
    with pytest.raises(InputError) as error:
        read_set(copy)
    assert str(copy) in str(error.value) or "set" in str(error.value)


def test_verify_reports_changed_missing_and_extra_files(street, tmp_path):
    from ai_sets_addon.setfile.folder import write_manifest

    folder, _ = street
    copy = tmp_path / "v"
    shutil.copytree(folder, copy)
    write_manifest(copy, {"prompt": "test"})
    assert verify(copy) == []
    (copy / "sky.png").write_bytes(b"changed")
    (copy / "set.json").unlink()
    (copy / "stray.txt").write_text("left over")
    problems = "\n".join(verify(copy))
    assert "changed: sky.png" in problems and "missing: set.json" in problems
    assert "not in the manifest: stray.txt" in problems


def test_one_writer_per_folder_the_second_refused_or_waiting(tmp_path):
    import threading
    import time

    from ai_sets_addon.setfile import FolderBusy, SetWriter

    out = tmp_path / "set"
    first = SetWriter(out).__enter__()
    with pytest.raises(FolderBusy, match=r"pid \d+"):
        SetWriter(out).__enter__()
    entered = []

    def waiter():
        with SetWriter(out, wait=True) as writer:
            entered.append(time.monotonic())
            (writer.path / "set.json").write_text("{}")
            writer.commit({"prompt": "second"})

    thread = threading.Thread(target=waiter)
    thread.start()
    time.sleep(0.5)
    assert not entered                        # still waiting for the first writer
    (first.path / "set.json").write_text("{}")
    first.commit({"prompt": "first"})
    released = time.monotonic()
    first.close()
    thread.join(10)
    assert entered and entered[0] >= released
    assert json.loads((out / "manifest.json").read_text())["prompt"] == "second"
    assert verify(out) == []


def test_a_damaged_painting_costs_the_painting_not_the_set(street, tmp_path):
    folder, _ = street
    copy = tmp_path / "painted"
    shutil.copytree(folder, copy)
    (copy / "paint").mkdir()
    (copy / "paint" / "paint.json").write_text('{"parts": {"Road": {"paint_png": "x.png"}}}')
    doc = read_set(copy)
    assert doc.paint == {}
    assert any("painting" in n and "damaged" in n for n in doc.notices)


def test_a_failed_build_leaves_no_staging_folder_even_while_the_sky_is_still_running(
        tmp_path):
    """A disk fills while the sky is still being painted in the other thread: the
    failure must wait for the sky, else its late write re-creates the staging folder the
    failed build has just removed (the CI flake of the real full-disk test)."""
    import errno
    import threading
    import time

    from ai_sets_addon.generation.sky import ProceduralSky
    from ai_sets_addon.setfile import SetWriter

    sky_done = threading.Event()

    class SlowSky(ProceduralSky):
        def make_sky(self, request, width, path):
            time.sleep(0.4)                       # still running when the disk fills
            try:
                return super().make_sky(request, width, path)
            finally:
                sky_done.set()

    class FullDisk:
        name = "full disk"

        def make_material(self, request, size, out_dir):
            raise OSError(errno.ENOSPC, "No space left on device")

    out = tmp_path / "set"
    with pytest.raises(OSError, match="No space"):
        with SetWriter(out) as writer:
            prepare_set("a city street at night", 4, writer.path, SMALL,
                        backends=lambda *args: (SlowSky(), FullDisk()))
    assert sky_done.is_set()                      # the running job was waited for
    time.sleep(0.2)
    assert list(tmp_path.iterdir()) == []        # no staging folder, no set


def test_parts_unwrapped_on_many_threads_use_one_xatlas_at_a_time(monkeypatch):
    """The build unwraps parts on two threads; an Atlas is made, read and destroyed
    under one lock, so that the threads that appear as it is made are its own workers
    (see the next test). Eight parts on four threads: never two Atlases alive at once,
    and the same UVs as one by one."""
    from concurrent.futures import ThreadPoolExecutor

    import trimesh
    import xatlas

    from ai_sets_addon.model.plan import MeshPart
    from ai_sets_addon.setfile.atlas import unwrap

    real, alive, peak = xatlas.Atlas, [0], [0]

    class Counted:
        def __init__(self):
            self._atlas = real()
            alive[0] += 1
            peak[0] = max(peak[0], alive[0])

        def __getattr__(self, name):
            return getattr(self._atlas, name)

        def __getitem__(self, index):
            return self._atlas[index]

        def __del__(self):
            alive[0] -= 1

    def part(i: int) -> MeshPart:
        mesh = trimesh.creation.icosphere(subdivisions=3, radius=1.0 + i)
        mesh.visual = trimesh.visual.TextureVisuals(uv=mesh.vertices[:, :2] * 0.5)
        return MeshPart(name=f"p{i}", mesh=mesh, material="m")

    alone = [part(i) for i in range(8)]
    for p in alone:
        unwrap(p)
    monkeypatch.setattr(xatlas, "Atlas", Counted)
    together = [part(i) for i in range(8)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(unwrap, together))
    assert peak[0] == 1 and alive[0] == 0
    for a, b in zip(alone, together):
        assert np.array_equal(a.atlas_uv, b.atlas_uv) and a.atlas_size == b.atlas_size


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_an_atlas_is_destroyed_only_once_its_xatlas_workers_sleep(monkeypatch):
    """xatlas::Destroy notifies each worker without its mutex, so a worker between
    testing its flag and falling asleep misses it and the join hangs for good (two
    fault-suite builds hung so). The workers are found as the threads that appear when
    the Atlas is made, one per CPU but one, and all are asleep when it is destroyed."""
    import trimesh

    from ai_sets_addon.model.plan import MeshPart
    from ai_sets_addon.setfile import atlas

    seen: list[tuple[set[str], list[str]]] = []
    real = atlas.until_asleep

    def recorded(tids, *args):
        real(tids, *args)
        seen.append((set(tids), [atlas.thread_state(t) for t in tids]))

    monkeypatch.setattr(atlas, "until_asleep", recorded)
    mesh = trimesh.creation.icosphere(subdivisions=4)
    mesh.visual = trimesh.visual.TextureVisuals(uv=mesh.vertices[:, :2])
    atlas.unwrap(MeshPart(name="ball", mesh=mesh, material="m"))
    assert len(seen) == 1
    tids, states = seen[0]
    assert len(tids) == max(1, os.cpu_count() - 1)
    assert set(states) <= {"S", ""}
    assert not tids & {str(t.native_id) for t in threading.enumerate()}


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_waiting_for_workers_waits_while_one_runs_and_not_for_ever():
    """A thread hashing outside the GIL (running) is waited for until it blocks; a
    thread that never sleeps holds the wait only to its limit."""
    import hashlib

    from ai_sets_addon.setfile.atlas import until_asleep

    data, started, hashed, release = bytes(300_000_000), threading.Event(), [], threading.Event()
    tid: list[int] = []

    def work():
        tid.append(threading.get_native_id())
        started.set()
        hashed.append(hashlib.sha256(data).hexdigest())
        release.wait()

    worker = threading.Thread(target=work)
    worker.start()
    started.wait()
    until_asleep({str(tid[0])})
    assert hashed                                   # it ran on, then slept
    release.set()
    worker.join()
    t0 = time.monotonic()
    until_asleep({str(threading.get_native_id())}, within_s=0.3)    # this one runs
    assert 0.3 <= time.monotonic() - t0 < 2.0


# std::condition_variable::wait(unique_lock&) made to spin WIDEN_MS before it waits:
# the gap between a worker testing its flag and registering as a waiter, in which
# xatlas::Destroy's notify is lost, is then wide enough to hit every time. It spins
# rather than sleeps, as a preempted thread is runnable, not asleep. (libstdc++'s wait
# is pthread_cond_wait on the cv and on the unique_lock's mutex, their first members.)
WIDEN_THE_GAP_C = r"""
#include <pthread.h>
#include <stdlib.h>
#include <time.h>
void _ZNSt18condition_variable4waitERSt11unique_lockISt5mutexE(void *cv, void *lock) {
    long ns = atol(getenv("WIDEN_MS")) * 1000000L;
    struct timespec t0, t;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    do clock_gettime(CLOCK_MONOTONIC, &t);
    while ((t.tv_sec - t0.tv_sec) * 1000000000L + (t.tv_nsec - t0.tv_nsec) < ns);
    pthread_cond_wait((pthread_cond_t *)cv, *(pthread_mutex_t **)lock);
}
"""
BALL = """
import numpy as np, trimesh
ball = trimesh.creation.icosphere(subdivisions=3)
uv = np.asarray(ball.vertices[:, :2], np.float32)
"""
XATLAS_ALONE = BALL + """
import xatlas
atlas = xatlas.Atlas()
atlas.add_mesh(np.asarray(ball.vertices, np.float32), np.asarray(ball.faces, np.uint32))
atlas.generate()
del atlas
"""
THROUGH_UNWRAP = BALL + """
from ai_sets_addon.model.plan import MeshPart
from ai_sets_addon.setfile.atlas import unwrap
for i in range(3):
    ball.visual = trimesh.visual.TextureVisuals(uv=uv)
    unwrap(MeshPart(name=f"ball{i}", mesh=ball.copy(), material="m"))
"""


@pytest.mark.skipif(sys.platform != "linux", reason="LD_PRELOAD and /proc are Linux's")
def test_an_xatlas_worker_falling_asleep_as_its_atlas_is_destroyed_does_not_hang(tmp_path):
    """The fault behind two hung fault-suite builds, made certain: with the gap held open
    100 ms, xatlas alone hangs in Destroy on its first Atlas; through `unwrap`, which
    destroys an Atlas only once its workers sleep, three parts unwrap."""
    source, shim = tmp_path / "widen.c", tmp_path / "widen.so"
    source.write_text(WIDEN_THE_GAP_C)
    subprocess.run(["gcc", "-shared", "-fPIC", "-O2", "-o", str(shim), str(source)],
                   check=True)
    env = {**os.environ, "LD_PRELOAD": str(shim), "WIDEN_MS": "100"}

    def finishes(code: str, within_s: float) -> bool:
        try:
            done = subprocess.run([sys.executable, "-c", code], env=env, timeout=within_s,
                                  capture_output=True, text=True)
        except subprocess.TimeoutExpired:
            return False
        assert done.returncode == 0, done.stderr
        return True

    assert not finishes(XATLAS_ALONE, 5)
    assert finishes(THROUGH_UNWRAP, 60)
