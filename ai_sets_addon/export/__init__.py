"""The pure half of exporting a set (no bpy): units (watts to candela and lux, lens to
field of view, tile scale), the glb container, and the export's sidecar manifest.

The exporter itself — a set folder or .blend to .glb / .usd / .usdz, staged and
published whole — is Blender glue: `ai_sets_addon.blender.export.export_set`.
"""
