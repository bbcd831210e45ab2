"""The "Sky" section: time, place and weather for the current set's environment."""

from __future__ import annotations

import bpy


class AISETS_PT_sky(bpy.types.Panel):
    bl_idname = "AISETS_PT_sky"
    bl_label = "Sky"
    bl_space_type = "VIEW_3D"
    bl_region_type = "UI"
    bl_category = "AI Sets"
    bl_parent_id = "AISETS_PT_main"

    def draw(self, context):
        sky = context.scene.ai_sets.sky
        layout = self.layout
        layout.use_property_split = True
        layout.prop(sky, "hour", slider=True)
        layout.prop(sky, "use_place")
        col = layout.column(align=True)
        col.active = sky.use_place
        col.prop(sky, "date")
        col.prop(sky, "utc_offset")
        col.prop(sky, "latitude")
        col.prop(sky, "longitude")
        layout.prop(sky, "north_offset")
        layout.prop(sky, "cloud_cover")
        layout.prop(sky, "haze", slider=True)
        layout.prop(sky, "city_glow", slider=True)
        layout.prop(sky, "keep_sun_disc")
        layout.prop(sky, "seed")
        layout.operator("aisets.update_sky", icon="WORLD")


CLASSES = (AISETS_PT_sky,)
