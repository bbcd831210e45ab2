"""Script operators (the Scout panel's Script section): open a screenplay, build one
scene's set and shots, or the whole script as `ai-sets script` does."""

from __future__ import annotations

from pathlib import Path

import bpy

from ..core.errors import InputError
from .scout import _SteppedOperator


def _project(context):
    from ..scout.script.project import ScriptProject

    path = context.scene.ai_sets_scout.script_path
    if not path.strip():
        raise InputError("choose a screenplay (.fountain or .fdx) first")
    return ScriptProject.read(Path(bpy.path.abspath(path)))


def _options(context):
    from ..scout.script.project import ScriptOptions

    scout = context.scene.ai_sets_scout
    from ..farm import jobfile

    return ScriptOptions(body=scout.body, samples=scout.storyboard_samples,
                         check_jobs=jobfile.load)


def _out(context) -> Path:
    return Path(bpy.path.abspath(context.scene.ai_sets_scout.script_out))


class AISETS_OT_script_open(bpy.types.Operator):
    """Read the screenplay and list its scenes (heading, time, length, characters)"""

    bl_idname = "aisets.script_open"
    bl_label = "Open Script"

    def execute(self, context):
        try:
            project = _project(context)
        except (InputError, OSError) as exc:
            self.report({"ERROR"}, str(exc))
            return {"CANCELLED"}
        scout = context.scene.ai_sets_scout
        scout.script_scenes.clear()
        for scene in project.play.scenes:
            item = scout.script_scenes.add()
            item.name = scene.heading.text
            item.index, item.number = scene.index, scene.number
            item.location = project.location_of(scene.index).slug
            who = ", ".join(scene.characters) or "nobody"
            item.summary = f"{scene.time_label.lower()}, {scene.length_label} p, {who}"
        scout.active_script_scene = 0
        self.report({"INFO"}, f"{project.play.title}: {len(project.play.scenes)} scenes, "
                              f"{len(project.locations)} sets")
        return {"FINISHED"}


class AISETS_OT_script_build_scene(bpy.types.Operator):
    """Build the chosen scene's set (once per location), stand its 1.75 m stand-ins on
    their marks, put its shots in the shot list and write its overhead plot"""

    bl_idname = "aisets.script_build_scene"
    bl_label = "Build Scene"
    bl_options = {"REGISTER", "UNDO"}

    @classmethod
    def poll(cls, context):
        return len(context.scene.ai_sets_scout.script_scenes) > 0

    def execute(self, context):
        from ..blender.script import stage_scene

        scout = context.scene.ai_sets_scout
        item = scout.script_scenes[min(scout.active_script_scene,
                                       len(scout.script_scenes) - 1)]
        try:
            staged = stage_scene(_project(context), item.index, _out(context),
                                 _options(context), context.scene)
        except (InputError, OSError) as exc:
            self.report({"ERROR"}, str(exc))
            return {"CANCELLED"}
        scout.storyboard_dir = str(_out(context) / "storyboards" / f"{item.index:02d}")
        self.report({"INFO"}, f"scene {item.number}: {len(staged.shots)} shots, plot "
                              f"{staged.plot}")
        return {"FINISHED"}


class AISETS_OT_script_run(_SteppedOperator):
    """Build every set, render every scene's shots and write the storyboard, plots,
    shots.csv, timeline and job file (as `ai-sets script`); Esc stops and leaves the
    previous output as it was"""

    bl_idname = "aisets.script_run"
    bl_label = "Build Whole Script"

    @classmethod
    def poll(cls, context):
        return bool(context.scene.ai_sets_scout.script_path.strip())

    def start(self, context):
        from ..blender.script import script_steps

        return script_steps(_project(context), _out(context), _options(context))

    def finished(self, result) -> str:
        return (f"script: {result.scenes} scenes, {result.shots} shots in {result.out_dir}")


CLASSES = (AISETS_OT_script_open, AISETS_OT_script_build_scene, AISETS_OT_script_run)
