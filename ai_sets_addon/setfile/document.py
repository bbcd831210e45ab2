"""set.json: the set as a versioned document (spec, plan, materials, sky), with its
meshes beside it. `write_document` and `read_document` are exact inverses: a set read
back gives the same JSON and the same mesh arrays.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import numpy as np

from ..model.assets import MaterialDescription, SkyAsset
from ..core import readers
from ..core.errors import InputError
from ..core.fileio import write_json
from ..model.plan import (Atmosphere, CameraPlan, LightPlan, MaterialRequest, MeshPart, SetPlan,
                    SkyRequest)
from ..model.spec import SetSpec
from . import meshes

FORMAT = "ai-sets/set"
SCHEMA_VERSION = 1
SET_JSON = "set.json"
PAINT_JSON = "paint/paint.json"


@dataclass
class SetDocument:
    """A set as files describe it; paths are absolute once read from a folder."""

    spec: SetSpec
    plan: SetPlan
    materials: dict[str, MaterialDescription]
    sky: SkyAsset
    options: dict[str, Any] = field(default_factory=dict)
    texel_density_px_per_m: float = 0.0
    folder: Path = Path(".")
    # AI painting, when the set was painted: part name -> {"paint": png, "coverage": png}
    paint: dict[str, dict[str, Path]] = field(default_factory=dict)

    @property
    def notices(self) -> list[str]:
        return list(self.spec.notices) + list(self.plan.notices)


# ------------------------------------------------------------------------------ write

def write_document(doc: SetDocument, folder: Path) -> Path:
    """Write every mesh, then set.json (last: a folder without it is not a set)."""
    folder = Path(folder)
    names = part_files(doc.plan.parts)
    for part, name in zip(doc.plan.parts, names):
        meshes.write_mesh(folder / name, part)
    return write_json(folder / SET_JSON, to_json(doc, folder, names))


def write_set_json(doc: SetDocument, folder: Path) -> Path:
    """Rewrite only set.json (a revision that changed the sky, the cameras...): the
    mesh files are already there."""
    folder = Path(folder)
    return write_json(folder / SET_JSON, to_json(doc, folder, part_files(doc.plan.parts)))


def part_files(parts: list[MeshPart]) -> list[str]:
    return [f"meshes/{i:03d}_{_slug(p.name)}.npz" for i, p in enumerate(parts)]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:48] or "part"


def to_json(doc: SetDocument, folder: Path, mesh_files: list[str]) -> dict[str, Any]:
    plan = doc.plan
    return {
        "format": FORMAT, "schema_version": SCHEMA_VERSION,
        "spec": doc.spec.to_dict(), "options": dict(doc.options),
        "texel_density_px_per_m": doc.texel_density_px_per_m,
        "plan": {
            "name": plan.name, "archetype": plan.archetype, "interior": plan.interior,
            "exposure_bias_ev": plan.exposure_bias_ev, "notices": list(plan.notices),
            "parts": [_part_json(p, f) for p, f in zip(plan.parts, mesh_files)],
            "material_requests": {k: asdict(m) for k, m in plan.materials.items()},
            "lights": [asdict(light) for light in plan.lights],
            "cameras": [asdict(c) for c in plan.cameras],
            "sky": asdict(plan.sky), "atmosphere": asdict(plan.atmosphere),
        },
        "materials": {k: _material_json(m, folder) for k, m in doc.materials.items()},
        "sky": _sky_json(doc.sky, folder),
    }


def _part_json(part: MeshPart, mesh_file: str) -> dict[str, Any]:
    return {
        "name": part.name, "mesh": mesh_file, "material": part.material,
        "group": part.group, "smooth": part.smooth,
        "instances": [np.asarray(m, np.float64).ravel().tolist() for m in part.instances],
        "masks": sorted(part.vertex_masks),
        "atlas": {"width": part.atlas_size[0], "height": part.atlas_size[1],
                  "density_px_per_m": round(part.atlas_density, 4)},
        "vertices": int(len(part.mesh.vertices)), "faces": int(len(part.mesh.faces)),
    }


def _relative(path: Path | None, folder: Path) -> str | None:
    if path is None:
        return None
    path = Path(path)
    try:
        return path.resolve().relative_to(Path(folder).resolve()).as_posix()
    except ValueError:
        raise ValueError(f"{path} is outside the set folder {folder}") from None


def _material_json(desc: MaterialDescription, folder: Path) -> dict[str, Any]:
    data = asdict(desc)
    data["maps"] = {name: _relative(p, folder) for name, p in sorted(desc.maps.items())}
    return json.loads(json.dumps(data, default=_plain))


def _sky_json(sky: SkyAsset, folder: Path) -> dict[str, Any]:
    data = asdict(sky)
    for key in ("exr_path", "preview_path", "sidecar_path"):
        data[key] = _relative(getattr(sky, key), folder)
    return json.loads(json.dumps(data, default=_plain))


def _plain(obj: Any) -> Any:
    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, (np.ndarray, tuple)):
        return list(obj)
    if isinstance(obj, Path):
        return obj.as_posix()
    raise TypeError(f"not JSON-serialisable: {type(obj).__name__}")


# ------------------------------------------------------------------------------- read

def read_document(folder: Path) -> SetDocument:
    """Read set.json and every mesh; InputError (exit 2) for anything missing, corrupt
    or from a newer schema, before any consumer touches it."""
    folder = Path(folder)
    data = load_set_json(folder)
    try:
        plan_data = data["plan"]
        parts = [_read_part(p, folder) for p in plan_data["parts"]]
        plan = SetPlan(
            name=plan_data["name"], archetype=plan_data["archetype"], parts=parts,
            materials={k: MaterialRequest(**m)
                       for k, m in plan_data["material_requests"].items()},
            lights=[_build(LightPlan, light) for light in plan_data["lights"]],
            cameras=[_build(CameraPlan, c) for c in plan_data["cameras"]],
            sky=SkyRequest(**plan_data["sky"]),
            atmosphere=_atmosphere(plan_data["atmosphere"]),
            interior=plan_data["interior"], notices=list(plan_data["notices"]),
            exposure_bias_ev=plan_data["exposure_bias_ev"])
        return SetDocument(
            spec=SetSpec.from_dict(data["spec"]), plan=plan,
            materials={k: _read_material(m, folder) for k, m in data["materials"].items()},
            sky=_read_sky(data["sky"], folder), options=dict(data["options"]),
            texel_density_px_per_m=float(data["texel_density_px_per_m"]), folder=folder,
            paint=read_paint(folder, plan.notices))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InputError(f"'{folder / SET_JSON}' is not a valid set document ({exc!r}); "
                         "rebuild the set") from None


def read_paint(folder: Path, notices: list[str] | None = None) -> dict[str, dict[str, Path]]:
    """paint/paint.json (written by the AI painter): each painted part's base colour and
    coverage images in its atlas; {} when the set was never painted. A damaged paint
    folder costs the painting, not the set: it is skipped with a notice, so the set
    still builds and can be painted again."""
    path = Path(folder) / PAINT_JSON
    if not path.is_file():
        return {}
    try:
        parts = json.loads(path.read_text(encoding="utf-8"))["parts"]
        return {name: {"paint": _existing(path.parent, entry["paint_png"]),
                       "coverage": _existing(path.parent, entry["coverage_png"])}
                for name, entry in parts.items()}
    except (OSError, ValueError, KeyError, TypeError, InputError) as exc:
        if notices is not None:
            notices.append(f"the AI painting in '{path.parent}' is damaged ({exc}) and was "
                           "left out; paint the set again")
        return {}


def load_set_json(folder: Path) -> dict[str, Any]:
    """set.json, checked whole by the one reader (core/readers.py): a regular
    file, JSON of sane depth with finite numbers, our format and schema, and every
    field the consumers index into."""
    path = Path(folder) / SET_JSON
    if not os.path.lexists(path):
        raise InputError(f"'{folder}' is not a set folder: it has no {SET_JSON}; "
                         "give the folder that `ai-sets build --out` wrote")
    fields = readers.Fields(path, "set document", readers.SET_ADVICE)
    readers.inside(Path(folder), SET_JSON, fields, SET_JSON)     # not a symlink out
    data = readers.read_json(path, "set document", readers.SET_ADVICE)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(f"'{path}' is not an AI Sets set document")
    version = data.get("schema_version")
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        raise InputError(f"'{path}' uses set schema {version!r}, newer than this AI Sets "
                         f"reads ({SCHEMA_VERSION}); update the add-on to open it")
    return readers.check_set_document(data, path)


def _inside(folder: Path, relative: str) -> Path:
    fields = readers.Fields(Path(folder) / SET_JSON, "set document", readers.SET_ADVICE)
    return readers.inside(Path(folder), relative, fields, relative)


def _read_part(data: dict[str, Any], folder: Path) -> MeshPart:
    arrays = meshes.read_mesh(_inside(folder, data["mesh"]), data["masks"])
    atlas = data["atlas"]
    return MeshPart(
        name=data["name"], mesh=meshes.part_mesh(arrays), material=data["material"],
        group=data["group"], smooth=bool(data["smooth"]),
        instances=[np.asarray(m, np.float64).reshape(4, 4) for m in data["instances"]],
        vertex_masks={name: arrays[f"mask_{name}"] for name in data["masks"]},
        atlas_uv=arrays["atlas_uv"], atlas_size=(int(atlas["width"]), int(atlas["height"])),
        atlas_density=float(atlas["density_px_per_m"]))


def _build(cls, data: dict[str, Any]):
    known = {f.name for f in fields(cls)}
    return cls(**{k: tuple(v) if isinstance(v, list) else v
                  for k, v in data.items() if k in known})


def _atmosphere(data: dict[str, Any]) -> Atmosphere:
    bounds = data.get("bounds")
    return Atmosphere(density=data["density"], colour=tuple(data["colour"]),
                      anisotropy=data["anisotropy"],
                      bounds=tuple(tuple(b) for b in bounds) if bounds else None)


def _read_material(data: dict[str, Any], folder: Path) -> MaterialDescription:
    desc = MaterialDescription(**data)
    desc.tile_size_m = tuple(desc.tile_size_m)
    desc.maps = {name: _existing(folder, p) for name, p in desc.maps.items()}
    return desc


def _read_sky(data: dict[str, Any], folder: Path) -> SkyAsset:
    sky = SkyAsset(**data)
    sky.exr_path = _existing(folder, data["exr_path"])
    sky.preview_path = _inside(folder, data["preview_path"]) if data["preview_path"] else None
    sky.sidecar_path = _inside(folder, data["sidecar_path"]) if data["sidecar_path"] else None
    sky.sun_colour = tuple(sky.sun_colour)
    return sky


def _existing(folder: Path, relative: str) -> Path:
    """A map, sky or painting the set names: inside the folder, present, and one that
    loads (a damaged image is an error naming it, never a texture silently missing)."""
    path = _inside(folder, relative)
    if not os.path.lexists(path):
        raise InputError(f"'{relative}' is missing from the set folder '{folder}'; "
                         "rebuild the set or restore the file")
    return readers.check_image(path)
