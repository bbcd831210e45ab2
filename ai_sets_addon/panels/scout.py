"""The "Scout" section: camera package, time of day, shot list, storyboard."""

from __future__ import annotations

import bpy


class AISETS_UL_shots(bpy.types.UIList):
    def draw_item(self, context, layout, data, item, icon, active_data, active_property,
                  index=0, flt_flag=0):
        image = bpy.data.images.get(item.thumbnail)
        icon_value = image.preview.icon_id if image is not None and image.preview else 0
        row = layout.row(align=True)
        if icon_value:
            row.label(text=item.name, icon_value=icon_value)
        else:
            row.label(text=item.name, icon="CAMERA_DATA")
        row.label(text=item.note)


class AISETS_PT_scout(bpy.types.Panel):
    bl_idname = "AISETS_PT_scout"
    bl_label = "Scout"
    bl_space_type = "VIEW_3D"
    bl_region_type = "UI"
    bl_category = "AI Sets"
    bl_parent_id = "AISETS_PT_main"

    def draw(self, context):
        scout = context.scene.ai_sets_scout
        layout = self.layout
        layout.use_property_split = True
        layout.operator("aisets.scout_camera", icon="VIEW_CAMERA")
        layout.prop(scout, "body")
        layout.prop(scout, "zoom")
        layout.prop(scout, "focal_mm" if scout.zoom != "NONE" else "prime")
        layout.prop(scout, "squeeze")
        layout.prop(scout, "frame_line")
        row = layout.row(align=True)
        row.prop(scout, "focus_m")
        row.prop(scout, "t_stop")
        layout.prop(scout, "recorded")


class AISETS_PT_scout_exposure(bpy.types.Panel):
    bl_idname = "AISETS_PT_scout_exposure"
    bl_label = "Exposure"
    bl_space_type = "VIEW_3D"
    bl_region_type = "UI"
    bl_category = "AI Sets"
    bl_parent_id = "AISETS_PT_scout"

    def draw(self, context):
        scout = context.scene.ai_sets_scout
        layout = self.layout
        layout.use_property_split = True
        layout.prop(scout, "auto_exposure")
        col = layout.column(align=True)
        col.enabled = not scout.auto_exposure
        col.prop(scout, "iso")
        col.prop(scout, "shutter_angle")
        col.prop(scout, "exposure_t_stop")
        col.prop(scout, "nd")
        layout.prop(scout, "camera_fps")
        layout.prop(scout, "auto_white_balance")
        row = layout.row(align=True)
        row.enabled = not scout.auto_white_balance
        row.prop(scout, "white_balance")
        layout.prop(scout, "tint")
        layout.prop(scout, "lens_family")
        layout.prop(scout, "lens_effects")
        layout.prop(scout, "false_colour")
        layout.prop(scout, "zebras")
        _applied(layout, context.scene)
        layout.operator("aisets.meter", icon="LIGHT_SUN")
        for line in scout.meter_reading.split("\n") if scout.meter_reading else ():
            layout.label(text=line)


def _applied(layout, scene) -> None:
    """What the camera is set to now (the render block), as a caption."""
    from ..blender.scene.render import render_block

    block = render_block(scene)
    if block:
        box = layout.box()
        box.label(text=f"{block['label']}, {block['white_balance']['kelvin']:.0f} K")
        for note in block.get("notes", [])[:3]:
            box.label(text=note)


class AISETS_PT_scout_time(bpy.types.Panel):
    bl_idname = "AISETS_PT_scout_time"
    bl_label = "Time of Day"
    bl_space_type = "VIEW_3D"
    bl_region_type = "UI"
    bl_category = "AI Sets"
    bl_parent_id = "AISETS_PT_scout"

    def draw(self, context):
        scout, sky = context.scene.ai_sets_scout, context.scene.ai_sets.sky
        layout = self.layout
        layout.use_property_split = True
        layout.prop(scout, "hour", slider=True)
        layout.prop(scout, "live_sky")
        row = layout.row(align=True)
        row.prop(scout, "place")
        row.operator("aisets.set_place", text="", icon="VIEWZOOM")
        layout.prop(sky, "date")
        col = layout.column(align=True)
        col.prop(sky, "latitude")
        col.prop(sky, "longitude")
        col.prop(sky, "utc_offset")
        layout.operator("aisets.apply_hour", icon="LIGHT_SUN")


class AISETS_PT_scout_shots(bpy.types.Panel):
    bl_idname = "AISETS_PT_scout_shots"
    bl_label = "Shots"
    bl_space_type = "VIEW_3D"
    bl_region_type = "UI"
    bl_category = "AI Sets"
    bl_parent_id = "AISETS_PT_scout"

    def draw(self, context):
        scout = context.scene.ai_sets_scout
        layout = self.layout
        layout.prop(scout, "new_note")
        layout.operator("aisets.save_shot", icon="ADD")
        row = layout.row()
        row.template_list("AISETS_UL_shots", "", scout, "shots", scout, "active_shot", rows=4)
        col = row.column(align=True)
        col.operator("aisets.move_shot", text="", icon="TRIA_UP").direction = "UP"
        col.operator("aisets.move_shot", text="", icon="TRIA_DOWN").direction = "DOWN"
        col.operator("aisets.rename_shot", text="", icon="GREASEPENCIL")
        col.operator("aisets.delete_shot", text="", icon="X")
        layout.operator("aisets.recall_shot", icon="LOOP_BACK")
        layout.separator()
        layout.prop(scout, "storyboard_dir")
        layout.prop(scout, "storyboard_samples")
        layout.operator("aisets.storyboard", icon="RENDER_RESULT")


class AISETS_PT_scout_previs(bpy.types.Panel):
    bl_idname = "AISETS_PT_scout_previs"
    bl_label = "Previs Move"
    bl_space_type = "VIEW_3D"
    bl_region_type = "UI"
    bl_category = "AI Sets"
    bl_parent_id = "AISETS_PT_scout"
    bl_options = {"DEFAULT_CLOSED"}

    def draw(self, context):
        move = context.scene.ai_sets_scout.move
        layout = self.layout
        layout.use_property_split = True
        layout.prop(move, "kind")
        layout.prop(move, "duration_s")
        layout.prop(move, "use_speed")
        layout.prop(move, "speed" if move.use_speed else "distance")
        layout.prop(move, "easing")
        row = layout.row(align=True)
        row.prop(move, "shake")
        row.prop(move, "intensity")
        layout.prop(move, "fps")
        layout.prop(move, "samples")
        layout.prop(move, "out_dir")
        layout.operator("aisets.previs", icon="RENDER_ANIMATION")


class AISETS_UL_script_scenes(bpy.types.UIList):
    def draw_item(self, context, layout, data, item, icon, active_data, active_property,
                  index=0, flt_flag=0):
        row = layout.row(align=True)
        row.label(text=f"{item.number}  {item.name}", icon="SEQUENCE")
        row.label(text=item.summary)


class AISETS_PT_scout_script(bpy.types.Panel):
    bl_idname = "AISETS_PT_scout_script"
    bl_label = "Script"
    bl_space_type = "VIEW_3D"
    bl_region_type = "UI"
    bl_category = "AI Sets"
    bl_parent_id = "AISETS_PT_scout"
    bl_options = {"DEFAULT_CLOSED"}

    def draw(self, context):
        scout = context.scene.ai_sets_scout
        layout = self.layout
        row = layout.row(align=True)
        row.prop(scout, "script_path", text="")
        row.operator("aisets.script_open", text="", icon="FILE_REFRESH")
        layout.template_list("AISETS_UL_script_scenes", "", scout, "script_scenes", scout,
                             "active_script_scene", rows=4)
        layout.prop(scout, "script_out")
        layout.operator("aisets.script_build_scene", icon="SCENE_DATA")
        layout.operator("aisets.storyboard", text="Render Scene Storyboard",
                        icon="RENDER_RESULT")
        layout.operator("aisets.script_run", icon="SEQ_STRIP_DUPLICATE")


CLASSES = (AISETS_UL_shots, AISETS_PT_scout, AISETS_PT_scout_exposure, AISETS_PT_scout_time,
           AISETS_PT_scout_shots, AISETS_PT_scout_previs, AISETS_UL_script_scenes,
           AISETS_PT_scout_script)
