"""Scouting operators: thin wrappers over ai_sets_addon.blender."""

from __future__ import annotations

from pathlib import Path

import bpy

from ..core.errors import InputError
from .job import show_job_state


def _scene_has_set(context) -> bool:
    from ..blender.scene.builder import current_set

    return current_set(context.scene) is not None


class AISETS_OT_scout_camera(bpy.types.Operator):
    """Look through the scout camera, with the body, lens and frame lines of the panel"""

    bl_idname = "aisets.scout_camera"
    bl_label = "Scout Camera"
    bl_options = {"REGISTER", "UNDO"}

    def execute(self, context):
        from ..blender.camera_ops import apply_to_active, scout_camera

        scout_camera(context.scene)
        apply_to_active(context.scene)
        for area in context.screen.areas if context.screen else ():
            if area.type == "VIEW_3D":
                area.spaces.active.region_3d.view_perspective = "CAMERA"
        return {"FINISHED"}


class AISETS_OT_meter(bpy.types.Operator):
    """Read the light where the 3D cursor is (incident and spot) and suggest the T-stop
    at the panel's ISO, shutter and ND"""

    bl_idname = "aisets.meter"
    bl_label = "Meter at 3D Cursor"

    @classmethod
    def poll(cls, context):
        return context.scene.camera is not None

    def execute(self, context):
        from ..blender.scene.render import meter_point
        from ..scout import exposure as ex

        scene, scout = context.scene, context.scene.ai_sets_scout
        settings = ex.Settings(iso=scout.iso, shutter_angle_deg=scout.shutter_angle,
                               fps=scout.camera_fps, t_stop=scout.exposure_t_stop,
                               nd=float(scout.nd))
        _, irradiance, radiance = meter_point(scene, scene.camera,
                                              tuple(scene.cursor.location), None)
        lines = ex.reading(irradiance, settings, radiance).lines()
        scout.meter_reading = "\n".join(lines)
        self.report({"INFO"}, "; ".join(lines))
        return {"FINISHED"}


class AISETS_OT_set_place(bpy.types.Operator):
    """Find the place by city name (offline) and set latitude, longitude and time zone"""

    bl_idname = "aisets.set_place"
    bl_label = "Find Place"
    bl_options = {"REGISTER", "UNDO"}

    def execute(self, context):
        from ..blender.daylight import set_place

        try:
            found = set_place(context.scene, context.scene.ai_sets_scout.place)
        except InputError as exc:
            self.report({"ERROR"}, str(exc))
            return {"CANCELLED"}
        self.report({"INFO"}, found)
        return {"FINISHED"}


class AISETS_OT_apply_hour(bpy.types.Operator):
    """Publish the full-resolution sky for this hour and meter the exposure again"""

    bl_idname = "aisets.apply_hour"
    bl_label = "Full Sky Now"
    bl_options = {"REGISTER", "UNDO"}

    @classmethod
    def poll(cls, context):
        return _scene_has_set(context)

    def execute(self, context):
        from ..blender.daylight import full_sky

        try:
            sky = full_sky(context.scene)
        except (InputError, LookupError) as exc:
            self.report({"ERROR"}, str(exc))
            return {"CANCELLED"}
        self.report({"INFO"}, f"sun {sky.sun_elevation_deg:+.1f}° up")
        return {"FINISHED"}


class AISETS_OT_save_shot(bpy.types.Operator):
    """Keep this shot: camera, lens, place, time of day, note and a thumbnail"""

    bl_idname = "aisets.save_shot"
    bl_label = "Save Shot"
    bl_options = {"REGISTER", "UNDO"}

    name: bpy.props.StringProperty(name="Name", default="")
    note: bpy.props.StringProperty(name="Note", default="")

    @classmethod
    def poll(cls, context):
        return context.scene.camera is not None and _scene_has_set(context)

    def invoke(self, context, event):
        self.name = f"Shot {len(context.scene.ai_sets_scout.shots) + 1:02d}"
        self.note = context.scene.ai_sets_scout.new_note
        return context.window_manager.invoke_props_dialog(self)

    def execute(self, context):
        from ..blender.shots import save_shot

        try:
            shot = save_shot(context.scene, self.name, self.note)
        except InputError as exc:
            self.report({"ERROR"}, str(exc))
            return {"CANCELLED"}
        self.report({"INFO"}, f"saved {shot.name}: {shot.camera_label}")
        return {"FINISHED"}


class _ShotOperator(bpy.types.Operator):
    bl_options = {"REGISTER", "UNDO"}

    @classmethod
    def poll(cls, context):
        return len(context.scene.ai_sets_scout.shots) > 0

    def execute(self, context):
        scout = context.scene.ai_sets_scout
        try:
            message = self.act(context.scene, scout.active_shot)
        except (InputError, LookupError) as exc:
            self.report({"ERROR"}, str(exc))
            return {"CANCELLED"}
        if message:
            self.report({"INFO"}, message)
        return {"FINISHED"}


class AISETS_OT_recall_shot(_ShotOperator):
    """Put the camera, the sun and the sky back as they were for this shot"""

    bl_idname = "aisets.recall_shot"
    bl_label = "Recall Shot"

    def act(self, scene, index):
        from ..blender.shots import recall_shot

        return f"recalled {recall_shot(scene, index).name}"


class AISETS_OT_rename_shot(_ShotOperator):
    """Rename the selected shot (in the .blend and the set folder)"""

    bl_idname = "aisets.rename_shot"
    bl_label = "Rename Shot"

    name: bpy.props.StringProperty(name="New Name", default="")

    def invoke(self, context, event):
        scout = context.scene.ai_sets_scout
        self.name = scout.shots[scout.active_shot].name
        return context.window_manager.invoke_props_dialog(self)

    def act(self, scene, index):
        from ..blender.shots import rename_shot

        rename_shot(scene, index, self.name)


class AISETS_OT_move_shot(_ShotOperator):
    """Move the selected shot up or down the list (the storyboard's order)"""

    bl_idname = "aisets.move_shot"
    bl_label = "Move Shot"

    direction: bpy.props.EnumProperty(items=[("UP", "Up", ""), ("DOWN", "Down", "")])

    def act(self, scene, index):
        from ..blender.shots import move_shot

        move_shot(scene, index, -1 if self.direction == "UP" else 1)


class AISETS_OT_delete_shot(_ShotOperator):
    """Delete the selected shot and its thumbnail"""

    bl_idname = "aisets.delete_shot"
    bl_label = "Delete Shot"

    def act(self, scene, index):
        from ..blender.shots import delete_shot

        delete_shot(scene, index)


class _SteppedOperator(bpy.types.Operator):
    """A long render run one step (a frame) per timer tick: progress in the status
    bar, Esc between frames; the steps leave the previous output and the scene as they
    were when stopped. In background mode (scripts, tests) it runs to the end."""

    _steps = None
    _timer = None

    def start(self, context):
        raise NotImplementedError

    def finished(self, result) -> str:
        raise NotImplementedError

    def execute(self, context):
        from ..blender.steps import run_steps

        try:
            result = run_steps(self.start(context))
        except (InputError, OSError) as exc:
            self.report({"ERROR"}, str(exc))
            return {"CANCELLED"}
        self.report({"INFO"}, self.finished(result))
        return {"FINISHED"}

    def invoke(self, context, event):
        if bpy.app.background:
            return self.execute(context)
        try:
            self._steps = self.start(context)
        except (InputError, OSError) as exc:
            self.report({"ERROR"}, str(exc))
            return {"CANCELLED"}
        show_job_state(context, True, 0.0, f"{self.bl_label}: starting")
        self._timer = context.window_manager.event_timer_add(0.1, window=context.window)
        context.window_manager.modal_handler_add(self)
        return {"RUNNING_MODAL"}

    def modal(self, context, event):
        if event.type == "ESC":
            self._steps.close()           # staging removed, scene and lock restored
            self._end(context)
            self.report({"WARNING"}, f"{self.bl_label} stopped: the previous one is unchanged")
            return {"CANCELLED"}
        if event.type != "TIMER":
            return {"PASS_THROUGH"}
        try:
            fraction, message = next(self._steps)      # renders one frame
        except StopIteration as done:
            self._end(context)
            self.report({"INFO"}, self.finished(done.value))
            return {"FINISHED"}
        except (InputError, OSError) as exc:
            self._end(context)
            self.report({"ERROR"}, str(exc))
            return {"CANCELLED"}
        show_job_state(context, True, fraction, message)
        return {"RUNNING_MODAL"}

    def _end(self, context) -> None:
        if self._timer:
            context.window_manager.event_timer_remove(self._timer)
            self._timer = None
        show_job_state(context, False, 0.0, "")


class AISETS_OT_storyboard(_SteppedOperator):
    """Render every shot and lay them out on contact sheets (PNG pages + PDF); Esc stops
    between frames and leaves the previous storyboard as it was"""

    bl_idname = "aisets.storyboard"
    bl_label = "Render Storyboard"

    @classmethod
    def poll(cls, context):
        return _scene_has_set(context)

    def start(self, context):
        from ..blender.daylight import set_folder
        from ..blender.storyboard import shots_for, storyboard_steps

        scene = context.scene
        scout = scene.ai_sets_scout
        out = Path(bpy.path.abspath(scout.storyboard_dir))
        shots = shots_for(scene, set_folder(scene))
        return storyboard_steps(scene, shots, out, (960, 540), scout.storyboard_samples)

    def finished(self, board) -> str:
        return f"storyboard: {board.pdf}"


class AISETS_OT_previs(_SteppedOperator):
    """Render the move from the scene camera's mark as a low-sample animatic (PNG + MP4);
    Esc stops between frames and leaves the previous take as it was"""

    bl_idname = "aisets.previs"
    bl_label = "Render Animatic"

    @classmethod
    def poll(cls, context):
        return context.scene.camera is not None and _scene_has_set(context)

    def start(self, context):
        from mathutils import Vector

        from ..blender.animatic import animatic_steps
        from ..blender.camera import package_of
        from ..scout.moves import Move

        scene, m = context.scene, context.scene.ai_sets_scout.move
        cam = scene.camera
        forward = cam.matrix_world.to_quaternion() @ Vector((0.0, 0.0, -1.0))
        location = cam.matrix_world.translation
        package = package_of(cam)
        distance = package["focus_distance_m"] or 5.0
        move = Move(m.kind, m.duration_s, m.distance, m.speed if m.use_speed else None,
                    m.easing, m.fps, 0, m.intensity, m.shake)
        return animatic_steps(scene, move, tuple(location),
                              tuple(location + forward * distance),
                              Path(bpy.path.abspath(m.out_dir)), cam.name.replace(" ", "_"),
                              package, (scene.render.resolution_x,
                                        scene.render.resolution_y), m.samples)

    def finished(self, result) -> str:
        for notice in result.notices:
            self.report({"WARNING"}, notice)
        return f"animatic: {result.mp4 or result.frames[0].parent}"


CLASSES = (AISETS_OT_previs, AISETS_OT_meter, AISETS_OT_scout_camera, AISETS_OT_set_place, AISETS_OT_apply_hour,
           AISETS_OT_save_shot, AISETS_OT_recall_shot, AISETS_OT_rename_shot,
           AISETS_OT_move_shot, AISETS_OT_delete_shot, AISETS_OT_storyboard)
