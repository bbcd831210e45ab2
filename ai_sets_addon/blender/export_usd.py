"""USD through Blender's own exporter, then finished with usd-core.

Blender writes the export scene (blender_scene.py) as UsdPreviewSurface materials with
UsdUVTexture + UsdTransform2d (the tile scale), meshes with `st` (tiled, metres) and
`atlas` UVs, cameras (focal length and apertures in tenths of a stage unit, the USD
convention: 35 mm is 0.35 at metersPerUnit 1), lights, a DomeLight from the world and
a PointInstancer for each repeated prop (Geometry Nodes instances). usd-core then:
orients the DomeLight by the USD rule (pole on the light's +Y, image centre on its
+Z) so the sky EXR sits where the set's sun is, gives the sun its irradiance and
angular diameter, drops the empty point meshes the instancers leave, moves textures
to `<name>_textures/`, adds occlusion and glass opacity, keeps the baked maps of
shader-only families true (leaf cards cut out at opacityThreshold 0.5, emission maps at
their strength), and packages .usdz.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import bpy

from ..core.errors import InputError
from ..setfile import SetDocument
from ..export import units
from .export_scene import export_scene

ROOT = "/Set"
ENVIRONMENT = f"{ROOT}/Environment"
# The set's equirect (centre = east = +X, u = 0.25 = north = +Y, row 0 = zenith) on a
# USD dome (pole +Y, centre +Z, longitude pi/2 = +X): light +X -> +Y, +Y -> +Z,
# +Z -> +X, which is rotateXYZ (90, 0, 90).
DOME_ROTATE_XYZ = (90.0, 0.0, 90.0)
_DUPLICATE = re.compile(r"_\d{3}$")   # "brick_001": Blender's ".001" made a prim name

USD_OPTIONS = dict(
    selected_objects_only=False, export_animation=False, export_uvmaps=True,
    rename_uvmaps=False, export_normals=True, export_materials=True,
    use_instancing=True, evaluation_mode="RENDER", generate_preview_surface=True,
    export_textures_mode="NEW", overwrite_textures=True, relative_paths=True,
    root_prim_path=ROOT, export_custom_properties=False, convert_world_material=True,
    export_lights=True, export_cameras=True, export_meshes=True,
    convert_orientation=False, convert_scene_units="METERS", meters_per_unit=1.0,
)


def require_usd_core() -> None:
    """usd-core finishes the stage: Blender's own Python ships `pxr`; the bpy module
    from PyPI does not (pip install usd-core, part of `ai-sets[blender]`)."""
    try:
        import pxr.UsdLux  # noqa: F401
    except ImportError:
        raise InputError("USD export needs the USD Python bindings (pxr): pip install "
                         "usd-core into this Python, or export glb") from None


def write_usd(doc: SetDocument, path: Path, textures: str) -> Path:
    """Export the set to `path` (.usd/.usda/.usdc) with its textures in the folder
    named `textures` beside it."""
    require_usd_core()
    with export_scene(doc, "usd") as scene:
        with bpy.context.temp_override(scene=scene, view_layer=scene.view_layers[0]):
            bpy.ops.wm.usd_export(filepath=str(path), **USD_OPTIONS)
    finish(path, doc, textures)
    return path


def finish(path: Path, doc: SetDocument, textures: str) -> None:
    from pxr import Usd, UsdGeom

    stage = Usd.Stage.Open(str(path))
    _drop_empty_meshes(stage)
    _precise_orientations(stage, doc)
    _relocate_textures(stage, path.parent, textures)
    _complete_materials(stage, doc, path.parent / textures)
    _environment(stage, doc, f"./{textures}/sky.exr")
    _key_light(stage, doc)
    UsdGeom.SetStageMetersPerUnit(stage, UsdGeom.LinearUnits.meters)
    UsdGeom.SetStageUpAxis(stage, UsdGeom.Tokens.z)
    stage.SetDefaultPrim(stage.GetPrimAtPath(ROOT))
    stage.GetRootLayer().customLayerData = {
        "ai_sets": {"set": doc.plan.name, "archetype": doc.plan.archetype,
                    "sky_orientation": "DomeLight rotateXYZ (90, 0, 90): the EXR's centre "
                                       "looks east (+X), a quarter in looks north (+Y)"}}
    stage.GetRootLayer().Save()


def _drop_empty_meshes(stage) -> None:
    """The instancers' point clouds come out as Mesh prims without points."""
    from pxr import UsdGeom

    empty = [p.GetPath() for p in stage.Traverse()
             if p.IsA(UsdGeom.Mesh) and not UsdGeom.Mesh(p).GetPointsAttr().Get()]
    for path in empty:
        stage.RemovePrim(path)


def _precise_orientations(stage, doc: SetDocument) -> None:
    """PointInstancer `orientations` are half-precision quaternions by schema: about
    5e-4 rad, millimetres on a 20 m tree. `orientationsf` (float, preferred by USD when
    authored) is written beside them from the set's own matrices; Blender 5.0 still
    reads the half ones."""
    import numpy as np
    from pxr import Gf, UsdGeom, Vt

    parts = [p for p in doc.plan.parts if p.instances]
    for prim in (p for p in stage.Traverse() if p.IsA(UsdGeom.PointInstancer)):
        instancer = UsdGeom.PointInstancer(prim)
        positions = np.asarray(instancer.GetPositionsAttr().Get() or [], np.float64)
        part = next((p for p in parts if _same_positions(p.instances, positions)), None)
        if part is None:
            continue
        quats = [Gf.Quatf(units.rotation_quaternion(m)[0],
                          Gf.Vec3f(*units.rotation_quaternion(m)[1:])) for m in part.instances]
        instancer.CreateOrientationsfAttr(Vt.QuatfArray(quats))


def _same_positions(instances, positions) -> bool:
    import numpy as np

    translations = np.array([np.asarray(m)[:3, 3] for m in instances])
    return translations.shape == positions.shape and np.allclose(translations, positions,
                                                                 atol=1e-4)


def _relocate_textures(stage, folder: Path, textures: str) -> None:
    """Blender copies images to ./textures/: rename it so two sets exported into one
    folder never share (and overwrite) each other's maps."""
    from pxr import Sdf

    source = folder / "textures"
    if source.is_dir():
        source.rename(folder / textures)
    for prim in stage.Traverse():
        for attr in prim.GetAttributes():
            value = attr.Get() if attr.GetTypeName() == Sdf.ValueTypeNames.Asset else None
            if value is not None and value.path.startswith("./textures/"):
                attr.Set(Sdf.AssetPath(f"./{textures}/" + value.path[len("./textures/"):]))


def _complete_materials(stage, doc: SetDocument, texture_dir: Path) -> None:
    """What Blender's UsdPreviewSurface writer leaves out: occlusion from the AO map
    (through the same tile transform as the other maps) and see-through glass
    (PreviewSurface has no transmission: opacity 1 - 0.9 x transmission, ior kept)."""
    from pxr import UsdShade

    for prim in (p for p in stage.Traverse() if p.IsA(UsdShade.Material)):
        name = prim.GetName()
        desc = doc.materials.get(name) or doc.materials.get(_DUPLICATE.sub("", name))
        surface = next((UsdShade.Shader(c) for c in prim.GetChildren()
                        if UsdShade.Shader(c).GetIdAttr().Get() == "UsdPreviewSurface"), None)
        if desc is None or surface is None:
            continue
        transmission = float(desc.params.get("transmission", 0.0))
        if transmission > 0:
            surface.GetInput("opacity").Set(1.0 - 0.9 * transmission)
        if "ao" in desc.maps:
            _occlusion(stage, prim, surface, Path(desc.maps["ao"]), texture_dir)
        if desc.kind == "shader" and desc.maps:
            _baked_maps(surface, desc)


def _texture_of(surface, name: str):
    """The UsdUVTexture feeding input `name` of a UsdPreviewSurface, or None."""
    from pxr import UsdShade

    socket = surface.GetInput(name)
    if not socket or not socket.HasConnectedSource():
        return None
    sources = socket.GetConnectedSources()[0]
    return UsdShade.Shader(sources[0].source.GetPrim()) if sources else None


def _baked_maps(surface, desc) -> None:
    """A shader-only family's baked maps, as a viewer needs them: leaf cards' opacity
    from the base colour map's alpha, cut at opacityThreshold 0.5 (Blender writes both
    from the Round node; kept true here whatever it writes), and the emission map at
    the material's strength (Blender drops the strength when the colour is a texture;
    it multiplies constant colours by it: the texture's `scale` does the same)."""
    from pxr import Gf, Sdf

    if units.alpha_masked(desc.params):
        base = _texture_of(surface, "diffuseColor")
        opacity = surface.GetInput("opacity") or surface.CreateInput(
            "opacity", Sdf.ValueTypeNames.Float)
        if base is not None and not opacity.HasConnectedSource():
            alpha = base.GetOutput("a") or base.CreateOutput("a", Sdf.ValueTypeNames.Float)
            opacity.ConnectToSource(alpha)
        surface.CreateInput("opacityThreshold", Sdf.ValueTypeNames.Float).Set(
            units.ALPHA_CUTOFF)
    emission = _texture_of(surface, "emissiveColor") if "emission" in desc.maps else None
    strength = float(desc.params.get("emission_strength", 1.0))
    if emission is not None and strength != 1.0:
        emission.CreateInput("scale", Sdf.ValueTypeNames.Float4).Set(
            Gf.Vec4f(strength, strength, strength, 1.0))


def _occlusion(stage, material, surface, ao_map: Path, texture_dir: Path) -> None:
    from pxr import Sdf, UsdShade

    base = surface.GetInput("diffuseColor")
    sources = base.GetConnectedSources()[0] if base and base.HasConnectedSource() else []
    if not sources:
        return
    colour = UsdShade.Shader(sources[0].source.GetPrim())
    transform = colour.GetInput("st").GetConnectedSources()[0][0]
    texture_dir.mkdir(exist_ok=True)
    shutil.copyfile(ao_map, texture_dir / ao_map.name)
    ao = UsdShade.Shader.Define(stage, material.GetPath().AppendChild("Occlusion_Texture"))
    ao.CreateIdAttr("UsdUVTexture")
    ao.CreateInput("file", Sdf.ValueTypeNames.Asset).Set(
        Sdf.AssetPath(f"./{texture_dir.name}/{ao_map.name}"))
    ao.CreateInput("sourceColorSpace", Sdf.ValueTypeNames.Token).Set("raw")
    for wrap in ("wrapS", "wrapT"):
        ao.CreateInput(wrap, Sdf.ValueTypeNames.Token).Set("repeat")
    ao.CreateInput("st", Sdf.ValueTypeNames.Float2).ConnectToSource(
        transform.source, transform.sourceName)
    ao.CreateOutput("r", Sdf.ValueTypeNames.Float)
    surface.CreateInput("occlusion", Sdf.ValueTypeNames.Float).ConnectToSource(
        ao.ConnectableAPI(), "r")


def _environment(stage, doc: SetDocument, relative_exr: str) -> None:
    """One DomeLight with the sky EXR at intensity 1 (its pixels are radiance in the
    set's units, W/m^2/sr), oriented by the USD latlong rule."""
    from pxr import Sdf, UsdGeom, UsdLux

    folder = Path(stage.GetRootLayer().realPath).parent
    if not (folder / relative_exr).is_file():
        (folder / relative_exr).parent.mkdir(exist_ok=True)
        shutil.copyfile(doc.sky.exr_path, folder / relative_exr)
    for prim in [p for p in stage.Traverse() if p.IsA(UsdLux.DomeLight)]:
        stage.RemovePrim(prim.GetPath())
    dome = UsdLux.DomeLight.Define(stage, ENVIRONMENT)
    dome.CreateTextureFileAttr(Sdf.AssetPath(relative_exr))
    dome.CreateTextureFormatAttr(UsdLux.Tokens.latlong)
    dome.CreateIntensityAttr(1.0)
    dome.CreateExposureAttr(0.0)
    xform = UsdGeom.Xformable(dome)
    xform.ClearXformOpOrder()
    xform.AddRotateXYZOp().Set(DOME_ROTATE_XYZ)


def _key_light(stage, doc: SetDocument) -> None:
    """The sky's key light (sun, or moon at night): irradiance in W/m^2 (the same units
    as the dome's radiance, so their balance is the Blender scene's), USD's angle is
    the disc's angular diameter."""
    from pxr import Gf, UsdLux

    sky = doc.sky
    lights = [p for p in stage.Traverse() if p.IsA(UsdLux.DistantLight)]
    if len(lights) != 1:
        raise InputError(f"the USD export holds {len(lights)} distant lights, expected "
                         "the sky's one; re-export from a freshly built set")
    light = UsdLux.DistantLight(lights[0])
    colour, factor = units.unit_colour(sky.sun_colour)
    irradiance = 0.0 if sky.sun_in_map else float(sky.sun_irradiance_w_m2) * factor
    light.CreateIntensityAttr(irradiance)
    light.CreateExposureAttr(0.0)
    light.CreateAngleAttr(float(sky.sun_angle_deg))
    light.CreateColorAttr(Gf.Vec3f(*colour))
    light.CreateNormalizeAttr(True)


def package_usdz(usd: Path, usdz: Path) -> Path:
    """A .usdz holding the stage and every file it references (maps, sky EXR)."""
    from pxr import Sdf, UsdUtils

    if not UsdUtils.CreateNewUsdzPackage(Sdf.AssetPath(str(usd)), str(usdz)):
        raise RuntimeError(f"usd-core could not package {usd} as {usdz}")
    return usdz
