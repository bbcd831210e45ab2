"""Export Set: the current AI set to glTF binary, USD or USDZ, from a file browser."""

from __future__ import annotations

from pathlib import Path

import bpy

from ..core.errors import InputError

FORMATS = (("glb", "glTF Binary (.glb)", "PBR materials, lights, cameras, GPU instancing; "
            "the sky EXR is written beside it"),
           ("usd", "USD (.usd)", "UsdPreviewSurface, DomeLight + sun, point instancers; "
            "textures in a folder beside it"),
           ("usdz", "USDZ (.usdz)", "one package: stage, maps and sky"))
EXTENSIONS = {"glb": ".glb", "usd": ".usd", "usdz": ".usdz"}


def set_folder(context) -> Path | None:
    """The folder the scene's AI set was built from (None without a set)."""
    from ..blender.scene.builder import SET_FOLDER, current_set

    root = current_set(context.scene)
    return Path(root[SET_FOLDER]) if root is not None and root.get(SET_FOLDER) else None


class AISETS_OT_export_set(bpy.types.Operator):
    """Export the current AI set for virtual production (glTF binary, USD or USDZ)"""

    bl_idname = "aisets.export_set"
    bl_label = "Export Set"
    bl_options = {"REGISTER"}

    filepath: bpy.props.StringProperty(subtype="FILE_PATH", options={"SKIP_SAVE"})
    filter_glob: bpy.props.StringProperty(default="*.glb;*.usd;*.usdc;*.usda;*.usdz",
                                          options={"HIDDEN"})
    export_format: bpy.props.EnumProperty(name="Format", items=FORMATS, default="glb")

    @classmethod
    def poll(cls, context):
        return set_folder(context) is not None

    def check(self, context) -> bool:
        """Keep the file name's extension in step with the chosen format."""
        path = Path(self.filepath) if self.filepath else None
        wanted = EXTENSIONS[self.export_format]
        if path is None or not path.name or path.suffix == wanted:
            return False
        self.filepath = str(path.with_suffix(wanted))
        return True

    def invoke(self, context, event):
        if not self.filepath:
            folder = set_folder(context)
            self.filepath = str(folder.parent / f"{folder.name}{EXTENSIONS[self.export_format]}")
        context.window_manager.fileselect_add(self)
        return {"RUNNING_MODAL"}

    def execute(self, context):
        from ..blender.export import export_set

        folder = set_folder(context)
        if folder is None or not self.filepath:
            self.report({"ERROR"}, "generate a set and choose a file to export to")
            return {"CANCELLED"}
        try:
            result = export_set(folder, self.export_format, Path(bpy.path.abspath(self.filepath)))
        except (InputError, OSError) as exc:
            self.report({"ERROR"}, str(exc))
            return {"CANCELLED"}
        self.report({"INFO"}, f"Exported {result.path.name} in {result.seconds:.1f} s "
                              f"({len(result.files)} files, listed in {result.sidecar.name})")
        return {"FINISHED"}


CLASSES = (AISETS_OT_export_set,)
