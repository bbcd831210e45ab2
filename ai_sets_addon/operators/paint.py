"""Paint from Cameras: the AI worker paints the set from the ticked cameras; the result
is mixed over the procedural materials through the `atlas` UV map.

The scene as it is now is what gets painted: evaluated meshes (moved props, modifiers,
the user's own objects, which hide what is behind them but are never painted) and the
ticked cameras are captured into a paint scene file beside the set, and the worker
(a separate Python with torch, set in the panel) paints it. Modal with progress and a
preview of the last view; Esc cancels; a crashed worker is an error message, and the
scene is left as it was until the paint is complete. One undo step.

Register with the add-on: `CLASSES` (operators/__init__.py), `register_properties()` /
`unregister_properties()` (Scene.ai_sets_paint, Object.ai_sets_paint), panels/paint.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

import bpy

from .. import preferences
from ..blender.paint import apply_paint, capture, clear_previews, set_folder, show_preview  # noqa: F401
from .job import show_job_state

MAX_VIEW_SIDE = 768
_ACTIVE = None          # the running operator's worker (one paint at a time)


class AISETS_PaintSettings(bpy.types.PropertyGroup):
    prompt: bpy.props.StringProperty(name="Prompt", default="",
                                     description="Empty: the set's own prompt")
    negative: bpy.props.StringProperty(name="Avoid", default="")
    model: bpy.props.StringProperty(name="Model", subtype="FILE_PATH", default="",
                                    description="SD 1.5 / SDXL: diffusers folder, "
                                                ".safetensors file or cached HF id")
    controlnet: bpy.props.StringProperty(name="Depth Model", subtype="FILE_PATH", default="",
                                         description="Depth ControlNet or T2I-Adapter")
    config: bpy.props.StringProperty(name="Config", subtype="DIR_PATH", default="",
                                     description="For a single-file model: its configs")
    steps: bpy.props.IntProperty(name="Steps", default=30, min=1, max=200)
    guidance: bpy.props.FloatProperty(name="Guidance", default=7.5, min=0.0, max=30.0)
    control_scale: bpy.props.FloatProperty(name="Depth Strength", default=1.0, min=0.0,
                                           max=2.0)
    seed: bpy.props.IntProperty(name="Seed", default=0, min=0, max=2**31 - 1)
    view_side: bpy.props.IntProperty(
        name="View Size", default=MAX_VIEW_SIDE, min=64, max=2048, step=64, subtype="PIXEL",
        description="Longest side of each painted view, in the render's aspect: 768 suits "
                    "SD 1.5, 1024-1152 SDXL; smaller paints faster and blurrier")
    allow_pickle: bpy.props.BoolProperty(
        name="Allow Pickled Weights", default=False,
        description=".ckpt/.bin files can run code when loaded: only if you trust them")


class AISETS_OT_paint_from_cameras(bpy.types.Operator):
    """Paint the set from the ticked cameras with a local diffusion model (AI worker)"""

    bl_idname = "aisets.paint_from_cameras"
    bl_label = "Paint from Cameras"
    bl_options = {"REGISTER", "UNDO"}

    painter: bpy.props.EnumProperty(items=[("diffusers", "Diffusers", ""),
                                           ("test", "Test", "deterministic, no model")],
                                    default="diffusers", options={"HIDDEN", "SKIP_SAVE"})

    _worker = None
    _timer = None
    _request: str = ""
    _folder: Path | None = None
    _albedo: dict = {}

    @classmethod
    def poll(cls, context):
        return _ACTIVE is None or _ACTIVE.proc.poll() is not None

    def invoke(self, context, event):
        try:
            message = self._start(context)
        except (ValueError, OSError) as exc:
            self.report({"ERROR"}, str(exc))
            return {"CANCELLED"}
        if bpy.app.background:
            return self._wait_sync(context, message)
        show_job_state(context, True, 0.0, "starting the AI worker")
        self._timer = context.window_manager.event_timer_add(0.1, window=context.window)
        context.window_manager.modal_handler_add(self)
        return {"RUNNING_MODAL"}

    def execute(self, context):
        return self.invoke(context, None)

    def modal(self, context, event):
        if event.type == "ESC":
            self._worker.send("cancel")
            self._end(context)
            self.report({"INFO"}, "Paint cancelled: the scene is unchanged")
            return {"CANCELLED"}
        if event.type != "TIMER":
            return {"PASS_THROUGH"}
        for message in self._worker.poll():
            result = self._handle(context, message)
            if result is not None:
                return result
        return {"RUNNING_MODAL"}

    # -- start -------------------------------------------------------------------------
    def _start(self, context) -> None:
        from ..ai.paint.arrays import save_scene
        from ..ai.paint.output import sidecar
        from ..ai.worker import WorkerProcess

        global _ACTIVE
        settings = context.scene.ai_sets_paint
        self._folder = set_folder(context)
        scene, self._albedo = capture(context, self._folder)
        python = preferences.ai_python()
        if self.painter == "diffusers" and not (python and Path(python).is_file()):
            raise ValueError("set the AI Python (a venv with ai-sets[ai]) in the add-on "
                             "preferences")
        if self.painter == "diffusers" and not settings.model:
            raise ValueError("choose a model in the Paint panel")
        scene_file = sidecar(self._folder, "paint-scene.npz")
        save_scene(scene, scene_file)
        self._worker = _ACTIVE = WorkerProcess(python=python or sys.executable)
        self._request = self._worker.send("paint", **self._paint_request(settings, scene,
                                                                         scene_file))

    def _paint_request(self, settings, scene, scene_file: Path) -> dict:
        options = {"prompt": settings.prompt or scene.prompt, "seed": settings.seed,
                   "negative_prompt": settings.negative, "steps": settings.steps,
                   "guidance": settings.guidance, "control_scale": settings.control_scale,
                   "cameras": [c.name for c in scene.cameras],
                   "albedo_reference": self._albedo}
        request = {"set": str(self._folder), "scene": str(scene_file), "options": options,
                   "resolution": list(scene.resolution)}
        if self.painter == "test":
            return {**request, "painter": "test"}
        model = {"model": bpy.path.abspath(settings.model),
                 "allow_pickle": settings.allow_pickle,
                 "allow_downloads": bool(getattr(bpy.app, "online_access", False))}
        if settings.controlnet:
            model["controlnet"] = bpy.path.abspath(settings.controlnet)
        if settings.config:
            model["config"] = bpy.path.abspath(settings.config)
        return {**request, "model": model}

    # -- events ------------------------------------------------------------------------
    def _handle(self, context, message: dict):
        if message.get("id") != self._request:
            return None
        kind = message.get("event")
        if kind == "progress":
            show_job_state(context, True, float(message["fraction"]), message["message"])
        elif kind == "view":
            show_preview(message["image"])
        elif kind == "done":
            self._end(context)
            return self._finish(context, Path(message["paint_json"]))
        elif kind == "error":
            self._end(context)
            self.report({"ERROR"}, f"Paint failed ({message.get('kind')}): "
                                   f"{message.get('message')}")
            return {"CANCELLED"}
        return None

    def _wait_sync(self, context, _message):
        while True:
            event = self._worker.wait_for(self._request, ("done", "error"), timeout=24 * 3600)
            result = self._handle(context, event)
            if result is not None:
                return result

    def _finish(self, context, paint_json: Path):
        try:
            count = apply_paint(context, paint_json)
        except Exception as exc:  # noqa: BLE001 - the scene is left as it was
            self.report({"ERROR"}, f"painted files are in {paint_json.parent}, but applying "
                                   f"them failed: {exc}")
            return {"CANCELLED"}
        self.report({"INFO"}, f"Painted {count} part(s) from {paint_json.parent}")
        return {"FINISHED"}

    def _end(self, context) -> None:
        global _ACTIVE
        if self._timer:
            context.window_manager.event_timer_remove(self._timer)
            self._timer = None
        if self._worker is not None:
            self._worker.close(timeout=2.0)
        _ACTIVE = None
        show_job_state(context, False, 0.0, "")


def register_properties() -> None:
    bpy.types.Scene.ai_sets_paint = bpy.props.PointerProperty(type=AISETS_PaintSettings)
    bpy.types.Object.ai_sets_paint = bpy.props.BoolProperty(
        name="Paint", default=True, description="Paint the set from this camera")


def unregister_properties() -> None:
    del bpy.types.Object.ai_sets_paint
    del bpy.types.Scene.ai_sets_paint



CLASSES = (AISETS_PaintSettings, AISETS_OT_paint_from_cameras)
