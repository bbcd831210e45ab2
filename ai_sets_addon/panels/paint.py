"""The Paint panel (child of the AI Sets tab): model, prompt, cameras, Paint button,
progress and the preview of the last painted view. Draws only."""

from __future__ import annotations

import bpy

PREVIEW_IMAGE = "AI Sets Paint Preview"


class AISETS_PT_paint(bpy.types.Panel):
    bl_idname = "AISETS_PT_paint"
    bl_label = "Paint from Cameras"
    bl_space_type = "VIEW_3D"
    bl_region_type = "UI"
    bl_category = "AI Sets"
    bl_parent_id = "AISETS_PT_main"
    bl_options = {"DEFAULT_CLOSED"}

    @classmethod
    def poll(cls, context):
        return hasattr(context.scene, "ai_sets_paint")

    def draw(self, context):
        settings = context.scene.ai_sets_paint
        job = context.window_manager.ai_sets_job
        layout = self.layout
        layout.prop(settings, "prompt")
        layout.prop(settings, "negative")
        col = layout.column(align=True)
        col.prop(settings, "model")
        col.prop(settings, "controlnet")
        col.prop(settings, "config")
        col = layout.column(align=True)
        col.prop(settings, "steps")
        col.prop(settings, "guidance")
        col.prop(settings, "control_scale")
        col.prop(settings, "seed")
        col.prop(settings, "view_side")
        layout.prop(settings, "allow_pickle")
        box = layout.box()
        box.label(text="Cameras (painted in this order)", icon="CAMERA_DATA")
        for obj in (o for o in context.scene.objects if o.type == "CAMERA"):
            box.prop(obj, "ai_sets_paint", text=obj.name)
        if job.running:
            layout.progress(factor=job.progress, type="BAR",
                            text=f"{job.message} - Esc to cancel")
        else:
            layout.operator("aisets.paint_from_cameras", icon="BRUSH_DATA")
        image = bpy.data.images.get(PREVIEW_IMAGE)
        if image is not None and image.preview is not None:
            layout.template_icon(icon_value=image.preview.icon_id, scale=8.0)


CLASSES = (AISETS_PT_paint,)
