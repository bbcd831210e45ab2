"""Generate Set: modal in the UI (work off the main thread, Esc cancels), synchronous
in background mode (timers do not fire there). Thin: it reads properties, calls the
pipeline and reports. With a Diffusers material or sky backend the pure half runs in
the AI worker process (worker_job.py), not in a thread here."""

from __future__ import annotations

import re
from pathlib import Path

import bpy

from ..blender import pipeline
from .. import preferences
from ..core.errors import Cancelled, InputError
from ..generation.prepare import BuildOptions
from ..setfile.retention import prune, set_folders
from .job import BackgroundJob, show_job_state
from .worker_job import WorkerFailed, WorkerJob, ai_python, build_in_worker, prepare_job

_ACTIVE_JOB: BackgroundJob | WorkerJob | None = None


class AISETS_OT_generate_set(bpy.types.Operator):
    """Build a lit, textured film set from the prompt (replaces the previous AI set)"""

    bl_idname = "aisets.generate_set"
    bl_label = "Generate Set"
    bl_options = {"REGISTER", "UNDO"}

    prompt: bpy.props.StringProperty(name="Prompt", default="",
                                     description="Empty: use the panel's prompt")
    seed: bpy.props.IntProperty(name="Seed", default=-1, min=-1,
                                description="-1: use the panel's seed")

    _job: BackgroundJob | WorkerJob | None = None
    _writer = None
    _request: pipeline.BuildRequest | None = None
    _timer = None

    @classmethod
    def poll(cls, context):
        # A module-level job, not the saved WindowManager flag: a file saved mid-job
        # must not reopen with Generate greyed out forever.
        return _ACTIVE_JOB is None or _ACTIVE_JOB.done

    def execute(self, context):
        try:
            request = self._make_request(context)
            python = ai_python(request.options)
            result = (build_in_worker(request, python, context.scene) if python
                      else pipeline.build(request, scene=context.scene))
        except (InputError, Cancelled, WorkerFailed) as exc:
            self.report({"ERROR"}, str(exc))
            return {"CANCELLED"}
        self._finish(context, result)
        return {"FINISHED"}

    def invoke(self, context, event):
        if bpy.app.background:
            return self.execute(context)
        try:
            request = self._request = self._make_request(context)
            python = ai_python(request.options)
            writer = self._writer = pipeline.open_folder(request)
        except InputError as exc:
            self.report({"ERROR"}, str(exc))
            return {"CANCELLED"}
        global _ACTIVE_JOB
        self._job = _ACTIVE_JOB = (
            prepare_job(python, request, writer.path) if python
            else BackgroundJob(lambda report, cancelled: pipeline.prepare(
                request, writer, report, cancelled))).start()
        show_job_state(context, True, 0.0, "starting")
        self._timer = context.window_manager.event_timer_add(0.1, window=context.window)
        context.window_manager.modal_handler_add(self)
        return {"RUNNING_MODAL"}

    def modal(self, context, event):
        job = self._job
        if event.type == "ESC" and not job.cancelled:
            job.cancel()                  # the worker stops at its next check
            show_job_state(context, True, job.progress, "cancelling")
            return {"RUNNING_MODAL"}
        if event.type != "TIMER":
            return {"PASS_THROUGH"}
        if not job.done:
            if not job.cancelled:
                show_job_state(context, True, job.progress, job.message)
            return {"RUNNING_MODAL"}
        if job.cancelled:
            self._end(context, "Generate cancelled: the scene and the set folder are unchanged")
            return {"CANCELLED"}
        return self._complete(context, job)

    def _complete(self, context, job: BackgroundJob | WorkerJob):
        if job.error is not None:
            message = str(job.error) if isinstance(job.error, (InputError, Cancelled,
                                                               WorkerFailed)) \
                else f"internal error: {job.error!r} (see the system console)"
            self._end(context, None)
            self.report({"ERROR"}, message)
            return {"CANCELLED"}
        show_job_state(context, True, 0.95, "building the scene and publishing the set folder")
        try:
            result = pipeline.finish(self._request, self._writer, job.result, context.scene)
            self._end(context, None)
        except InputError as exc:
            self._end(context, None)
            self.report({"ERROR"}, str(exc))
            return {"CANCELLED"}
        except Exception as exc:  # noqa: BLE001 - the scene was rolled back
            self._end(context, None)
            self.report({"ERROR"}, f"could not build the scene: {exc}")
            return {"CANCELLED"}
        self._finish(context, result)
        return {"FINISHED"}

    def _make_request(self, context) -> pipeline.BuildRequest:
        settings = context.scene.ai_sets
        prompt = self.prompt or settings.prompt
        seed = self.seed if self.seed >= 0 else settings.seed
        options = BuildOptions(
            texture_size=preferences.size_setting(settings.texture_size, "texture_size"),
            hdri_width=preferences.size_setting(settings.hdri_width, "hdri_width"),
            material_backend=settings.material_backend, sky_backend=settings.sky_backend,
            ai=_ai_settings(context, settings))
        folder = preferences.output_root() / f"{_slug(prompt)}_s{seed}"
        return pipeline.BuildRequest(prompt=prompt, seed=seed, out_dir=folder, options=options,
                                     render=False, save_blend=False)

    def _finish(self, context, result: pipeline.BuildResult) -> None:
        settings = context.scene.ai_sets
        settings.last_set = result.collection
        settings.last_folder = str(result.folder)
        settings.last_notices = " | ".join(result.notices)
        removed = prune(preferences.output_root(), preferences.keep_sets(), {result.folder})
        for notice in result.notices:
            self.report({"WARNING"}, notice)
        self.report({"INFO"}, f"Built '{result.collection}' in {result.folder} "
                              f"(exposure {result.exposure:+.1f} EV"
                              + (f"; removed {len(removed)} old set folders)" if removed else ")"))

    def _end(self, context, message: str | None) -> None:
        if self._timer:
            context.window_manager.event_timer_remove(self._timer)
            self._timer = None
        if self._writer is not None:
            self._writer.close()          # unpublished staging is removed, lock released
            self._writer = None
        show_job_state(context, False, 0.0, "")
        if message:
            self.report({"INFO"}, message)


def _ai_settings(context, settings):
    """The Paint panel's model, when a Diffusers material or sky backend is chosen."""
    from ..model.ai_settings import AiSettings

    paint = getattr(context.scene, "ai_sets_paint", None)
    if paint is None or "diffusers" not in (settings.material_backend, settings.sky_backend):
        return None
    return AiSettings(model=bpy.path.abspath(paint.model) if paint.model else "",
                      controlnet=bpy.path.abspath(paint.controlnet) or None,
                      config=bpy.path.abspath(paint.config) or None,
                      allow_pickle=paint.allow_pickle,
                      allow_downloads=bool(getattr(bpy.app, "online_access", False)),
                      steps=paint.steps, guidance=paint.guidance)


def _slug(text: str) -> str:
    words = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    return words[:40] or "set"


class AISETS_OT_random_seed(bpy.types.Operator):
    """Roll a new seed: same prompt, another variation"""

    bl_idname = "aisets.random_seed"
    bl_label = "Random Seed"
    bl_options = {"REGISTER", "UNDO"}

    def execute(self, context):
        import random

        context.scene.ai_sets.seed = random.SystemRandom().randrange(0, 2**31 - 1)
        return {"FINISHED"}


class AISETS_OT_remove_set(bpy.types.Operator):
    """Remove the AI set and every datablock it created"""

    bl_idname = "aisets.remove_set"
    bl_label = "Remove Set"
    bl_options = {"REGISTER", "UNDO"}

    def execute(self, context):
        from ..blender.scene.builder import remove_sets

        count = remove_sets()
        context.scene.ai_sets.last_set = ""
        self.report({"INFO"}, f"Removed {count} datablocks")
        return {"FINISHED"}


class AISETS_OT_clean_sets(bpy.types.Operator):
    """Delete the set folders Generate wrote, except the one this scene uses"""

    bl_idname = "aisets.clean_sets"
    bl_label = "Clean Set Folders"
    bl_options = {"REGISTER"}

    def invoke(self, context, event):
        return context.window_manager.invoke_confirm(self, event)

    def execute(self, context):
        root = preferences.output_root()
        keep = {Path(context.scene.ai_sets.last_folder)} if context.scene.ai_sets.last_folder else set()
        before = len(set_folders(root))
        removed = prune(root, 0, keep)
        self.report({"INFO"}, f"Removed {len(removed)} of {before} set folders in {root}")
        return {"FINISHED"}


CLASSES = (AISETS_OT_generate_set, AISETS_OT_random_seed, AISETS_OT_remove_set,
           AISETS_OT_clean_sets)
