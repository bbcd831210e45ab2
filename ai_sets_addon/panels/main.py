"""The "AI Sets" tab in the 3D View sidebar."""

from __future__ import annotations

import bpy

from .. import preferences


class AISETS_PT_main(bpy.types.Panel):
    bl_idname = "AISETS_PT_main"
    bl_label = "AI Sets"
    bl_space_type = "VIEW_3D"
    bl_region_type = "UI"
    bl_category = "AI Sets"

    def draw(self, context):
        settings = context.scene.ai_sets
        job = context.window_manager.ai_sets_job
        layout = self.layout
        layout.prop(settings, "prompt", text="")
        row = layout.row(align=True)
        row.prop(settings, "seed")
        row.operator("aisets.random_seed", text="", icon="FILE_REFRESH")
        row = layout.row(align=True)
        row.prop(settings, "texture_size")
        row.prop(settings, "hdri_width")
        _draw_backends(layout, context, settings)
        if job.running:
            layout.progress(factor=job.progress, type="BAR",
                            text=f"{job.message} - Esc to cancel")
        else:
            layout.operator("aisets.generate_set", icon="SCENE_DATA")
        if settings.last_set:
            box = layout.box()
            box.label(text=settings.last_set, icon="OUTLINER_COLLECTION")
            for notice in filter(None, settings.last_notices.split(" | ")):
                box.label(text=notice, icon="INFO")
            box.operator("aisets.export_set", icon="EXPORT")
            box.operator("aisets.remove_set", icon="TRASH")


def _draw_backends(layout, context, settings) -> None:
    """Procedural / Diffusers for materials and sky; with Diffusers, the model path (the
    Paint panel's own) and whether the AI worker can run (Generate refuses without it)."""
    col = layout.column(align=True)
    col.prop(settings, "material_backend")
    col.prop(settings, "sky_backend")
    if "diffusers" not in (settings.material_backend, settings.sky_backend):
        return
    paint = getattr(context.scene, "ai_sets_paint", None)
    box = layout.box()
    if paint is not None:
        box.prop(paint, "model")
        box.prop(paint, "controlnet")
    if preferences.ai_python():
        box.label(text="Runs in the AI worker (AI Python)", icon="INFO")
    else:
        box.label(text="Set the AI Python in the add-on preferences", icon="ERROR")


CLASSES = (AISETS_PT_main,)
