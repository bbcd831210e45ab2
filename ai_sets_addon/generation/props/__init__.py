"""Procedural props (plausible meshes at real size, metre UVs) and their scatter.

- models: `industrial`, `street`, `nature` build `PropModel`s (pieces + hulls + light
  sockets); `scatter` places them without intersections. Which props a set wants
  comes from typed SetSpec fields (`props`, `quantity`), never from the prompt text.
- `to_parts` turns placements into instanced MeshParts (one mesh per piece, one
  transform per copy); `to_lights` turns their sockets into practical lights.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from ...model.plan import LightPlan, MeshPart
from . import industrial, nature, street  # noqa: F401  (public sub-modules)
from .model import LightSocket, Piece, PropModel
from .scatter import Occupancy, Placement, Region, place, ring, scatter

__all__ = ["LightSocket", "Occupancy", "Piece", "Placement", "PropModel", "Region",
           "industrial", "nature", "place", "ring", "scatter", "street", "to_lights",
           "to_parts", "material_keys"]


def to_parts(placements: Iterable[Placement], group: str = "props") -> list[MeshPart]:
    """One instanced MeshPart per piece of each distinct model, named for people:
    "Crate", "Tree - Canopy"; variants of one label get letters ("Rock A", "Rock B")."""
    by_model: dict[int, list[Placement]] = {}
    models: dict[int, PropModel] = {}
    for p in placements:
        by_model.setdefault(id(p.model), []).append(p)
        models[id(p.model)] = p.model
    labels = _variant_labels(list(models.values()))
    parts = []
    for key, group_placements in by_model.items():
        model = models[key]
        transforms = [p.transform for p in group_placements]
        for piece in model.pieces:
            name = labels[key] + (f" - {piece.suffix}" if piece.suffix else "")
            parts.append(MeshPart(name, piece.mesh, piece.material, group=group,
                                  instances=list(transforms), smooth=piece.smooth))
    return parts


def _variant_labels(models: list[PropModel]) -> dict[int, str]:
    counts: dict[str, int] = {}
    for m in models:
        counts[m.label] = counts.get(m.label, 0) + 1
    seen: dict[str, int] = {}
    labels = {}
    for m in models:
        if counts[m.label] == 1:
            labels[id(m)] = m.label
        else:
            seen[m.label] = seen.get(m.label, 0) + 1
            labels[id(m)] = f"{m.label} {chr(64 + seen[m.label])}"
    return labels


def to_lights(placements: Iterable[Placement], colour: tuple[float, float, float],
              name: str | None = None, power_scale: float = 1.0,
              colours: dict[str, tuple[float, float, float]] | None = None) -> list[LightPlan]:
    """A practical per socket of every placed prop, in world space."""
    lights, counter = [], {}
    for p in placements:
        for socket in p.model.sockets:
            rot = p.transform[:3, :3] / np.cbrt(max(np.linalg.det(p.transform[:3, :3]), 1e-9))
            loc = p.transform[:3, :3] @ np.asarray(socket.offset) + p.transform[:3, 3]
            direction = rot @ np.asarray(socket.direction, float)
            label = name or p.model.label
            counter[label] = counter.get(label, 0) + 1
            tint = colours.get(socket.colour, colour) if (colours and socket.colour) else colour
            lights.append(LightPlan(
                f"{label} {counter[label]:02d}", socket.kind, tuple(float(v) for v in loc),
                tuple(float(v) for v in direction), power_w=socket.power_w * power_scale,
                colour=tint, size_m=socket.size_m, size_y_m=socket.size_y_m,
                spot_angle_deg=socket.spot_angle_deg))
    return lights


def material_keys(parts: Iterable[MeshPart]) -> set[str]:
    return {p.material for p in parts}
