"""`ai-sets script`'s Blender half: a set per location (the pipeline's `build`), stand-in
figures on their marks, each scene's shots rendered with the storyboard renderer, then
the plots, the storyboard, shots.csv, the timeline and the batch job written.

    DIR/script.json               what was made, with fingerprints (re-runs skip the same)
    DIR/sets/NN_location/         one set folder per location
    DIR/shots/NN_location.json    that set's shots (ai-sets/shots): the job file's input
    DIR/frames/SS_CODE.png        one frame per shot
    DIR/plots/SS_overhead.png     one overhead plot per scene
    DIR/storyboard.pdf, storyboard_NNN.png, shots.csv, timeline.otio, jobs.toml

DIR is whole or absent (built in a staging folder, swapped in at the end, one run at a
time); an unchanged set is hard-linked from the previous DIR, not rebuilt, and an
unchanged scene's frames and plot likewise.
"""

from __future__ import annotations

import math
import shutil
from contextlib import contextmanager
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import bpy

from ..setfile import SetWriter, read_set
from ..scout import cameras, sheets
from ..scout import shots as shotdata
from ..scout.daylight import hour_label
from ..scout.script import board, outputs
from ..scout.script.coverage import PlacedShot, Rig, place_shots, shot_dict
from ..scout.script.floor import FIGURE_HEIGHT_M, FloorPlan, Mark, floor_plan, place_marks
from ..scout.script.locations import LocationSet
from ..scout.script.plot import PlotCamera, draw_plot
from ..scout.script.project import (FORMAT, RECORD, VERSION, ScriptOptions, ScriptProject,
                                    code_stamp, is_script_output, read_record,
                                    scene_fingerprint)
from . import pipeline

FIGURE_PREFIX = "AI Sets Stand-in"


@dataclass
class ScriptResult:
    out_dir: Path
    scenes: int
    shots: int
    built: list[str] = field(default_factory=list)      # sets built this run
    reused: list[str] = field(default_factory=list)     # sets kept from the last run
    rendered: list[str] = field(default_factory=list)   # scenes rendered this run
    kept: list[str] = field(default_factory=list)       # scenes kept from the last run


def run_script(project: ScriptProject, out_dir: Path, options: ScriptOptions,
               progress=None) -> ScriptResult:
    """The whole script into DIR now (headless); the panel steps `script_steps`."""
    from .steps import run_steps

    return run_steps(script_steps(project, out_dir, options), progress)


def script_steps(project: ScriptProject, out_dir: Path, options: ScriptOptions):
    """Yield (fraction, message) before each set build and each frame; return the
    ScriptResult. Closing it early (Esc) or an error leaves the previous DIR whole."""
    out_dir = Path(out_dir).expanduser().absolute()
    previous = read_record(out_dir)
    result = ScriptResult(out_dir, len(project.play.scenes), 0)
    total = len(project.play.scenes)
    code = code_stamp(pipeline.__version__)          # an upgrade redoes everything
    with SetWriter(out_dir, owned=is_script_output) as writer, _on_interrupt(writer):
        stage = writer.path
        items: list[outputs.SceneShots] = []
        record_sets, record_scenes = {}, {}
        done = 0
        for loc in project.locations:
            yield 0.9 * done / total, f"set {loc.slug}: \"{loc.prompt}\""
            set_print = loc.fingerprint(options.seed, options.set_options(), code)
            folder = _set_for(loc, set_print, previous, out_dir, stage, options, result)
            record_sets[loc.slug] = {"prompt": loc.prompt, "fingerprint": set_print,
                                     "scenes": [s.number for s in loc.scenes],
                                     "notices": loc.notices}
            doc = read_set(folder)
            plan = floor_plan(doc.plan.parts, doc.plan.cameras, doc.plan.interior)
            loc_items = []
            for scene in loc.scenes:
                span = (0.9 * done / total, 0.9 * (done + 1) / total)
                item, rec = yield from _scene(project, scene, loc, plan, doc, set_print,
                                              code, previous, out_dir, stage, options,
                                              writer, result, span)
                loc_items.append(item)
                record_scenes[str(scene.index)] = rec
                done += 1
            _write_location_shots(stage, loc, loc_items)
            items += loc_items
        items.sort(key=lambda i: i.scene.index)
        result.shots = sum(len(i.shots) for i in items)
        yield 0.95, "storyboard, shot list, timeline and job file"
        _write_outputs(project, items, stage, options)
        from ..core.fileio import write_json

        write_json(stage / RECORD, {
            "format": FORMAT, "version": VERSION, "code": code,
            "script": str(project.play.path),
            "title": project.play.title, "options": _options_json(options),
            "sets": record_sets, "scenes": record_scenes})
        writer.commit({"kind": "script", "title": project.play.title,
                       "scenes": result.scenes, "shots": result.shots})
    return result


@contextmanager
def _on_interrupt(writer: SetWriter):
    """Ctrl-C / SIGTERM: the half-made staging folder goes, the previous DIR stays."""
    from ..core import interrupts

    def clean() -> str:
        shutil.rmtree(writer.path, ignore_errors=True)
        return f"the previous output in {writer.out} is intact"

    remove = interrupts.on_interrupt(clean)
    try:
        yield
    finally:
        remove()


def _options_json(options: ScriptOptions) -> dict:
    data = asdict(options)
    return {k: list(v) if isinstance(v, tuple) else v for k, v in data.items()
            if k != "check_jobs"}


# ------------------------------------------------------------------------------ sets

def _set_for(loc: LocationSet, set_print: str, previous: dict, out_dir: Path, stage: Path,
             options: ScriptOptions, result: ScriptResult) -> Path:
    """The location's set folder in staging: linked from the last run when unchanged,
    else built by the pipeline (the same build as `ai-sets build`)."""
    from ..generation.prepare import BuildOptions
    from .pipeline import BuildRequest, build
    from .storyboard import _empty_scene

    target = stage / "sets" / loc.slug
    old = previous.get("sets", {}).get(loc.slug, {})
    kept = out_dir / "sets" / loc.slug
    if old.get("fingerprint") == set_print and (kept / "set.json").is_file():
        _link_tree(out_dir / "sets" / loc.slug, target)
        result.reused.append(loc.slug)
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    _empty_scene()
    request = BuildRequest(prompt=loc.prompt, seed=options.seed, out_dir=target,
                           options=BuildOptions(texture_size=options.texture_size,
                                                hdri_width=options.hdri_width,
                                                time_of_day=loc.scenes[0].time_of_day),
                           save_blend=False)
    build(request)
    result.built.append(loc.slug)
    return target


def _link_tree(source: Path, target: Path) -> None:
    from ..setfile.folder import _link_tree as link

    target.mkdir(parents=True, exist_ok=True)
    link(source, target)
    if (source / "manifest.json").is_file():
        shutil.copy2(source / "manifest.json", target / "manifest.json")


def _load_set(folder: Path) -> None:
    """The set into the (emptied) scene when it is not the one already there."""
    from .scene.builder import SET_FOLDER, apply_to_scene, current_set
    from .storyboard import _empty_scene

    root = current_set(bpy.context.scene)
    if root is not None and Path(root.get(SET_FOLDER, "")) == folder:
        return
    _empty_scene()
    apply_to_scene(read_set(folder), bpy.context.scene, meter=False, temp_dir=folder.parent)


# ---------------------------------------------------------------------------- scenes

def _scene(project: ScriptProject, scene, loc: LocationSet, plan: FloorPlan, doc,
           set_print: str, code: str, previous: dict, out_dir: Path, stage: Path,
           options: ScriptOptions, writer, result: ScriptResult, span=(0.0, 1.0)):
    """A scene's marks, shots, plot and frames (a generator: yields per frame)."""
    specs = [type(s)(**asdict(s)) for s in project.coverage[scene.index]]
    marks = place_marks(plan, scene.characters)
    sky = {**asdict(doc.plan.sky), "time_of_day": scene.time_of_day, "datetime_iso": None}
    placed = place_shots(specs, marks, plan, scene, sky, Rig(body=options.body))
    key = scene_fingerprint(set_print, scene, specs, options, code)
    stem = f"{scene.index:02d}"
    plot_rel = f"plots/{stem}_overhead.png"
    frames = [f"frames/{stem}_{shotdata.shot_stem(p.spec.code)}.png" for p in placed]
    old = previous.get("scenes", {}).get(str(scene.index), {})
    reuse = old.get("fingerprint") == key and all(
        (out_dir / rel).is_file() for rel in frames + [plot_rel])
    if reuse:
        for rel in frames + [plot_rel]:
            _link_file(out_dir / rel, stage / rel)
        result.kept.append(scene.number)
    else:
        draw_plot(plan, marks, plot_cameras(placed), f"{scene.number}  {scene.heading.text}",
                  stage / plot_rel)
        yield from _render_scene(loc, stage, placed, marks, frames, options, writer, scene,
                                 span)
        result.rendered.append(scene.number)
    item = outputs.SceneShots(scene, loc.slug, placed, frames, plot_rel, marks)
    rec = {"fingerprint": key, "heading": scene.heading.text, "set": loc.slug,
           "marks": [asdict(m) for m in marks], "shots": [shot_dict(p) for p in placed],
           "frames": frames, "plot": plot_rel}
    return item, rec


def plot_cameras(placed: list[PlacedShot]) -> list[PlotCamera]:
    cams = []
    for p in placed:
        s = p.shot
        fwd = s.forward()
        cams.append(PlotCamera(p.spec.code, s.location[0], s.location[1],
                               math.degrees(math.atan2(fwd[1], fwd[0])),
                               cameras.capture(s.body, s.lens_mm).hfov_deg,
                               math.dist(s.location[:2], p.target[:2])))
    return cams


def _link_file(source: Path, target: Path) -> None:
    import os

    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _render_scene(loc: LocationSet, stage: Path, placed: list[PlacedShot],
                  marks: list[Mark], frames: list[str], options: ScriptOptions, writer,
                  scene, span=(0.0, 1.0)):
    """The scene's shots through the storyboard renderer, figures standing on marks."""
    from .storyboard import storyboard_steps

    folder = stage / "sets" / loc.slug
    _load_set(folder)
    figures = add_figures(bpy.context.scene, marks)
    try:
        board_dir = writer.work_dir / f"board_{scene.index:02d}"
        steps = storyboard_steps(bpy.context.scene, [p.shot for p in placed], board_dir,
                                 options.resolution, options.samples,
                                 set_name=scene.heading.text)
        try:
            while True:
                fraction, message = next(steps)
                yield span[0] + (span[1] - span[0]) * fraction, f"{scene.number}: {message}"
        except StopIteration as finished:
            made = finished.value
        finally:
            steps.close()
    finally:
        remove_figures(figures)
    for frame, rel in zip(made.frames, frames):
        (stage / rel).parent.mkdir(parents=True, exist_ok=True)
        os_replace(frame, stage / rel)


def os_replace(source: Path, target: Path) -> None:
    import os

    os.replace(source, target)


# --------------------------------------------------------------------------- figures

def figure_mesh():
    """A 1.75 m stand-in facing +X: a torso (shoulders 0.44 m wide, 0.26 m deep), a
    head and a nose, so a frame shows who looks where."""
    import numpy as np
    import trimesh

    radius, shoulders = 0.22, 1.54          # the torso's rounded top is the neck
    torso = trimesh.creation.capsule(height=shoulders - 2 * radius, radius=radius,
                                     count=[16, 12])
    torso.apply_translation((0, 0, shoulders / 2))
    torso.apply_transform(np.diag([0.26 / 0.44, 1.0, 1.0, 1.0]))
    head = trimesh.creation.icosphere(subdivisions=2, radius=0.115)
    head.apply_translation((0, 0, FIGURE_HEIGHT_M - 0.115))
    nose = trimesh.creation.box((0.08, 0.04, 0.05))
    nose.apply_translation((0.125, 0, FIGURE_HEIGHT_M - 0.13))
    return trimesh.util.concatenate([torso, head, nose])


def add_figures(scene: bpy.types.Scene, marks: list[Mark]) -> list[bpy.types.Object]:
    """One stand-in per mark, linked to the scene (removed with remove_figures)."""
    if not marks:
        return []
    mesh_data = figure_mesh()
    material = bpy.data.materials.new(f"{FIGURE_PREFIX} grey")
    material.diffuse_color = (0.55, 0.55, 0.6, 1.0)
    material.use_nodes = True
    bsdf = material.node_tree.nodes.get("Principled BSDF")
    if bsdf is not None:
        bsdf.inputs["Base Color"].default_value = (0.55, 0.55, 0.6, 1.0)
    objects = []
    for mark in marks:
        mesh = bpy.data.meshes.new(f"{FIGURE_PREFIX} {mark.character}")
        mesh.from_pydata(mesh_data.vertices.tolist(), [], mesh_data.faces.tolist())
        mesh.materials.append(material)
        obj = bpy.data.objects.new(f"{FIGURE_PREFIX} {mark.character}", mesh)
        obj.location = (mark.x, mark.y, mark.z)
        obj.rotation_euler = (0.0, 0.0, math.radians(mark.facing_deg))
        scene.collection.objects.link(obj)
        objects.append(obj)
    return objects


def remove_figures(objects: list[bpy.types.Object]) -> None:
    materials = set()
    for obj in objects:
        mesh = obj.data
        materials.update(m for m in mesh.materials if m is not None)
        bpy.data.objects.remove(obj)
        bpy.data.meshes.remove(mesh)
    for material in materials:
        if material.users == 0:
            bpy.data.materials.remove(material)


# --------------------------------------------------------------------------- outputs

def _write_location_shots(stage: Path, loc: LocationSet, items) -> None:
    from ..core.fileio import write_json

    shots = [p.shot for item in items for p in item.shots]
    path = stage / "shots" / f"{loc.slug}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_json(path, shotdata.shots_json(shots))


def _write_outputs(project: ScriptProject, items, stage: Path,
                   options: ScriptOptions) -> None:
    title = project.play.title
    outputs.write_csv(stage / "shots.csv", items)
    outputs.write_timeline(stage / "timeline.otio", items, title)
    jobs = [outputs.JobSet(loc.slug, loc.prompt, options.seed, f"shots/{loc.slug}.json",
                           loc.scenes[0].time_of_day,
                           [i for i in items if i.location_slug == loc.slug])
            for loc in project.locations]
    outputs.write_jobs(stage / "jobs.toml", outputs.job_text(
        jobs, options.job_resolution, options.job_samples, options.texture_size,
        options.hdri_width), options.check_jobs)
    scenes = []
    for item in items:
        scene = item.scene
        heading = f"{scene.number}  {scene.heading.text}   ({scene.length_label} page)"
        frames = [sheets.SheetFrame(stage / rel, f"{p.spec.code}  {p.spec.size}  "
                                                 f"{p.spec.angle}", _caption(p, scene))
                  for p, rel in zip(item.shots, item.frames)]
        rows = [f"{p.spec.code}  {p.spec.size}  {p.shot.lens_mm:g} mm  {p.spec.seconds:.1f} s  "
                f"{', '.join(p.spec.subjects) or '-'}" for p in item.shots]
        rows.insert(0, "shot  size  lens  screen time  characters")
        scenes.append(board.BoardScene(heading, stage / item.plot, frames, rows))
    board.write_board(scenes, title, time.strftime("%Y-%m-%d"), stage)


def _caption(placed: PlacedShot, scene) -> list[str]:
    shot = placed.shot
    lens = cameras.lens_label(shot.lens_mm)
    return [f"{lens}, {cameras.body(shot.body).name}",
            f"{hour_label(scene.hour)} ({scene.time_label.lower()}), "
            f"{placed.spec.seconds:.1f} s",
            ", ".join(placed.spec.subjects) or "no one",
            placed.spec.description]


# ----------------------------------------------------------------------- one scene

FIGURES_COLLECTION = "AI Sets Stand-ins"


@dataclass
class StagedScene:
    folder: Path                  # the location's set folder
    shots: list[PlacedShot]
    marks: list[Mark]
    plot: Path


def stage_scene(project: ScriptProject, scene_index: int, out_dir: Path,
                options: ScriptOptions, scene: bpy.types.Scene | None = None) -> StagedScene:
    """The panel's "Build Scene": the scene's set (built once per location into
    OUT/sets/NN_location, kept when its prompt and seed match), its stand-ins left
    standing on their marks, its shots put in the Scout shot list (render them with
    Render Storyboard) and its overhead plot written to OUT/plots/."""
    from ..generation.prepare import BuildOptions
    from .pipeline import BuildRequest, build
    from .shots import _store

    scene = scene or bpy.context.scene
    play_scene = next(s for s in project.play.scenes if s.index == scene_index)
    loc = project.location_of(scene_index)
    out_dir = Path(out_dir).expanduser().absolute()
    folder = out_dir / "sets" / loc.slug
    if not _same_set(folder, loc.prompt, options.seed):
        folder.parent.mkdir(parents=True, exist_ok=True)
        build(BuildRequest(prompt=loc.prompt, seed=options.seed, out_dir=folder,
                           options=BuildOptions(texture_size=options.texture_size,
                                                hdri_width=options.hdri_width,
                                                time_of_day=play_scene.time_of_day),
                           save_blend=False), scene=scene)
    else:
        _load_set(folder)
    if hasattr(scene, "ai_sets"):
        scene.ai_sets.last_folder = str(folder)
    doc = read_set(folder)
    plan = floor_plan(doc.plan.parts, doc.plan.cameras, doc.plan.interior)
    marks = place_marks(plan, play_scene.characters)
    sky = {**asdict(doc.plan.sky), "time_of_day": play_scene.time_of_day, "datetime_iso": None}
    specs = [type(s)(**asdict(s)) for s in project.coverage[scene_index]]
    placed = place_shots(specs, marks, plan, play_scene, sky, Rig(body=options.body))
    plot = out_dir / "plots" / f"{scene_index:02d}_overhead.png"
    draw_plot(plan, marks, plot_cameras(placed),
              f"{play_scene.number}  {play_scene.heading.text}", plot)
    _stand_ins(scene, marks)
    if hasattr(scene, "ai_sets_scout"):
        shots = scene.ai_sets_scout.shots
        shots.clear()
        for p in placed:
            item = shots.add()
            item.name, item.note = p.shot.name, p.shot.note
            _store(item, p.shot)
        scene.ai_sets_scout.active_shot = 0
    return StagedScene(folder, placed, marks, plot)


def _same_set(folder: Path, prompt: str, seed: int) -> bool:
    import json

    try:
        spec = json.loads((folder / "set.json").read_text(encoding="utf-8"))["spec"]
        return spec["prompt"] == prompt and spec["seed"] == seed
    except (OSError, ValueError, KeyError, TypeError):
        return False


def _stand_ins(scene: bpy.types.Scene, marks: list[Mark]) -> None:
    """The stand-ins of the staged scene, in their own collection (replaced each time)."""
    old = bpy.data.collections.get(FIGURES_COLLECTION)
    if old is not None:
        remove_figures(list(old.objects))
        bpy.data.collections.remove(old)
    collection = bpy.data.collections.new(FIGURES_COLLECTION)
    scene.collection.children.link(collection)
    for obj in add_figures(scene, marks):
        scene.collection.objects.unlink(obj)
        collection.objects.link(obj)
