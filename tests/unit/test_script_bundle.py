"""The Script panel works in a plain extension install: what its code imports comes
from Blender itself or from a wheel blender_manifest.toml bundles, on every platform the
manifest declares, for the Python of each Blender that runs there.

The first test runs the script pipeline (screenplay, floor plan, marks, shots, plot,
storyboard sheet, CSV, timeline) in a Python that can import only the standard library,
Blender's own modules and the packages the manifest bundles: scipy, reportlab and every
other package this venv happens to hold are refused, as a bare Blender would refuse them.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

from packaging.utils import canonicalize_name, parse_wheel_filename

from tests.unit.test_manifest import NOT_BUILT, blender_platform

REPO_ROOT = Path(__file__).resolve().parents[2]
MANIFEST = REPO_ROOT / "blender_manifest.toml"
# What a bare Blender's Python holds besides the standard library.
BLENDER_OWN = ("bpy", "bpy_extras", "mathutils", "bmesh", "gpu", "numpy", "_bpy")
# What the Script feature imports from outside (screenplain's parser, the .otio
# writer, the mesh and picture libraries).
SCRIPT_DISTS = ("screenplain", "opentimelineio", "trimesh", "pillow", "fpdf2")
BLENDER_PYTHONS = ("cp311", "cp313")
# In the script extra for speed only: imported when present, same answers without
# (test_the_floor_plan_needs_no_scipy_and_gives_scipys_answers), not bundled.
ACCELERATORS = ("scipy",)

PIPELINE = r"""
import importlib.machinery, importlib.metadata, sys
from packaging.utils import canonicalize_name

bundled, own = set(sys.argv[1].split(",")), set(sys.argv[2].split(","))
allowed = set(own) | {"ai_sets_addon"}
for module, dists in importlib.metadata.packages_distributions().items():
    if any(canonicalize_name(d) in bundled for d in dists):
        allowed.add(module)
refused = set()
PATHS = importlib.machinery.PathFinder


class BareBlender:
    # the path finder, blind to what a bare Blender would not have

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        top = name.partition(".")[0]
        if top in sys.stdlib_module_names or top in allowed or top.startswith("_"):
            return PATHS.find_spec(name, path, target)
        refused.add(top)
        return None

    @classmethod
    def invalidate_caches(cls):
        PATHS.invalidate_caches()


for name in [m for m in sys.modules if m.partition(".")[0] not in allowed
             and m.partition(".")[0] not in sys.stdlib_module_names]:
    del sys.modules[name]          # packaging, loaded above, is not bundled either
sys.meta_path[:] = [BareBlender if f is PATHS else f for f in sys.meta_path]

from pathlib import Path
import trimesh
from ai_sets_addon.model.plan import CameraPlan, MeshPart
from ai_sets_addon.scout.script import board, outputs
from ai_sets_addon.scout.script.coverage import place_shots
from ai_sets_addon.scout.script.floor import floor_plan, place_marks
from ai_sets_addon.scout.script.plot import PlotCamera, draw_plot
from ai_sets_addon.scout.script.project import ScriptProject

out = Path(sys.argv[3])
project = ScriptProject.read(Path(sys.argv[4]))
def box(name, extents, centre, material, group="geometry"):
    mesh = trimesh.creation.box(extents)
    mesh.apply_translation(centre)
    return MeshPart(name, mesh, material, group)
parts = [box("Floor", (6, 5, 0.2), (0, 0, -0.1), "floor"),
         box("North Wall", (6, 0.1, 2.6), (0, 2.45, 1.3), "walls"),
         box("Sofa", (2, 0.9, 0.8), (0, 1.5, 0.4), "fabric", "props")]
plan = floor_plan(parts, [CameraPlan("CAM", (0, -2, 1.6), (0, 1, 1.2))], interior=True)
items = []
for scene in project.play.scenes:
    marks = place_marks(plan, scene.characters)
    placed = place_shots(project.coverage[scene.index], marks, plan, scene,
                         {"time_of_day": scene.time_of_day})
    plot = f"plots/{scene.index:02d}_overhead.png"
    draw_plot(plan, marks, [PlotCamera(p.spec.code, *p.shot.location[:2], 90, 40)
                            for p in placed], scene.heading.text, out / plot)
    items.append(outputs.SceneShots(scene, "01_set", placed, [""] * len(placed), plot))
outputs.write_csv(out / "shots.csv", items)
outputs.write_timeline(out / "timeline.otio", items, project.play.title)
print("refused:", ",".join(sorted(refused)))
"""


def manifest() -> dict:
    with MANIFEST.open("rb") as fh:
        return tomllib.load(fh)


def wheel_tags() -> dict[str, set[tuple[str, str]]]:
    """Distribution -> {(python, Blender platform)} its manifest wheels install on;
    a pure wheel counts for every pair."""
    platforms = manifest()["platforms"]
    out: dict[str, set[tuple[str, str]]] = {}
    for rel in manifest()["wheels"]:
        name, _, _, tags = parse_wheel_filename(Path(rel).name)
        for tag in tags:
            pairs = {(py, p) for py in BLENDER_PYTHONS for p in platforms} \
                if tag.platform == "any" else {(tag.interpreter, blender_platform(tag.platform))}
            out.setdefault(canonicalize_name(name), set()).update(pairs)
    return out


def test_the_script_pipeline_runs_on_bundled_wheels_alone(tmp_path):
    bundled = ",".join(sorted(wheel_tags()))
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(PIPELINE), bundled, ",".join(BLENDER_OWN),
         str(tmp_path), str(REPO_ROOT / "examples" / "night_shift.fountain")],
        capture_output=True, text=True, timeout=120, cwd=REPO_ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    refused = proc.stdout.split("refused:")[-1].strip()
    assert "screenplain" not in refused and "opentimelineio" not in refused, refused
    assert (tmp_path / "timeline.otio").stat().st_size > 0
    assert (tmp_path / "shots.csv").read_text(encoding="utf-8").count("\n") > 3
    assert (tmp_path / "plots" / "01_overhead.png").is_file()


def test_every_script_wheel_for_every_blender_that_runs_on_each_platform():
    tags = wheel_tags()
    wanted = {(py, p) for py in BLENDER_PYTHONS for p in manifest()["platforms"]} - NOT_BUILT
    for dist in SCRIPT_DISTS:
        missing = wanted - tags.get(canonicalize_name(dist), set())
        assert not missing, f"{dist}: no bundled wheel for {sorted(missing)}"


def test_the_script_extra_matches_the_bundled_versions():
    """pip installs of the `script` extra and the extension get versions that agree."""
    from packaging.requirements import Requirement

    with (REPO_ROOT / "pyproject.toml").open("rb") as fh:
        extra = tomllib.load(fh)["project"]["optional-dependencies"]["script"]
    versions: dict[str, set[str]] = {}
    for rel in manifest()["wheels"]:
        name, version, _, _ = parse_wheel_filename(Path(rel).name)
        versions.setdefault(canonicalize_name(name), set()).add(str(version))
    for req in map(Requirement, extra):
        name = canonicalize_name(req.name)
        if name in ACCELERATORS:
            continue
        assert name in versions, f"{req.name} is in the script extra but not bundled"
        assert all(req.specifier.contains(v) for v in versions[name]), (req, versions[name])


def test_the_floor_plan_needs_no_scipy_and_gives_scipys_answers(monkeypatch):
    """scipy only speeds the plan up: without it (a bare Blender) the clearances,
    walls, reachable floor and marks are the same."""
    from ai_sets_addon.generation.dressing import raster
    from ai_sets_addon.scout.script import floor
    from tests.unit.test_script_outputs import CAMS, room

    def plan_and_marks():
        plan = floor.floor_plan(room(), CAMS, interior=True)
        return plan, floor.place_marks(plan, ["ANNA", "BEN", "CARL"])

    with_scipy, marks = plan_and_marks()
    assert floor._ndimage is not None and raster._ndimage is not None
    monkeypatch.setattr(floor, "_ndimage", None)
    monkeypatch.setattr(raster, "_ndimage", None)
    without, marks_without = plan_and_marks()
    assert (with_scipy.clearance == without.clearance).all()
    for name in ("blocked", "walls", "reach", "navigable"):
        assert (getattr(with_scipy, name) == getattr(without, name)).all(), name
    assert marks == marks_without
    table = next(f for f in without.footprints if f.name == "Table")
    assert sorted(map(tuple, table.polygon)) == [(0.3, 0.0), (0.3, 0.8), (1.5, 0.0), (1.5, 0.8)]
