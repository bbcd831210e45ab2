"""The "AI Sets" tab in the 3D View sidebar."""

from __future__ import annotations

import bpy


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


CLASSES = (AISETS_PT_main,)
