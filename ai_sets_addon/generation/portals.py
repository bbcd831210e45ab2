"""Light portals in the windows of interior sets, found from the glass itself.

Cycles samples the sky through a portal instead of hoping random bounces find the
window: an interior lit by daylight converges several times faster. Every coplanar
group of glass faces (one wall's windows) gets one portal covering them, facing into
the room; archetypes need not know about it.
"""

from __future__ import annotations

import numpy as np

from ..model.plan import LightPlan, SetPlan

MAX_PORTALS = 8
PLANE_TOLERANCE_M = 0.05


def add_window_portals(plan: SetPlan) -> int:
    """Add portal lights to an interior plan; returns how many were added."""
    if not plan.interior:
        return 0
    glass = [p for p in plan.parts if plan.materials[p.material].family == "glass"
             and not p.instances and len(p.mesh.faces)]
    if not glass:
        return 0
    inside = _interior_point(plan)
    portals = []
    for part in glass:
        portals += _plane_groups(part.mesh, inside)
    portals.sort(key=lambda p: -p[2] * p[3])
    for index, (centre, normal, width, height, up) in enumerate(portals[:MAX_PORTALS]):
        plan.lights.append(LightPlan(
            name=f"Window Portal {index + 1}", kind="AREA", location=tuple(centre),
            direction=tuple(normal), power_w=0.0, size_m=float(width),
            size_y_m=float(height), portal=True))
    return min(len(portals), MAX_PORTALS)


def _interior_point(plan: SetPlan) -> np.ndarray:
    """Where the room is: the mean of the cameras' targets (they look into the set)."""
    if plan.cameras:
        return np.mean([c.target for c in plan.cameras], axis=0)
    return np.zeros(3)


def _plane_groups(mesh, inside: np.ndarray) -> list:
    """(centre, inward normal, width, height, up) of each vertical plane of glass; a
    pane's front and back (a few mm apart) are one plane."""
    normals = np.asarray(mesh.face_normals)
    centres = np.asarray(mesh.triangles_center)
    by_normal: dict[tuple, list[tuple[float, int]]] = {}
    for face in np.flatnonzero(np.abs(normals[:, 2]) < 0.3):
        n = normals[face] * (np.sign(np.dot(inside - centres[face], normals[face])) or 1.0)
        key = tuple(float(v) + 0.0 for v in np.round(n, 1))
        by_normal.setdefault(key, []).append((float(np.dot(n, centres[face])), face))
    found = []
    for key, faces in by_normal.items():
        for cluster in _clusters(sorted(faces)):
            found += _portal_for(mesh, np.asarray(key, float), cluster)
    return found


def _clusters(faces: list[tuple[float, int]]) -> list[list[int]]:
    """Split faces sorted by plane offset where consecutive offsets jump."""
    clusters, last = [], None
    for offset, face in faces:
        if last is None or offset - last > PLANE_TOLERANCE_M:
            clusters.append([])
        clusters[-1].append(face)
        last = offset
    return clusters


def _portal_for(mesh, normal: np.ndarray, faces: list[int]) -> list:
    normal = normal / np.linalg.norm(normal)
    points = np.asarray(mesh.vertices)[np.asarray(mesh.faces)[faces].ravel()]
    side = np.cross((0.0, 0.0, 1.0), normal)
    side /= max(np.linalg.norm(side), 1e-9)
    u, z = points @ side, points[:, 2]
    if np.ptp(u) < 0.2 or np.ptp(z) < 0.2:        # a pane's edge, not a window
        return []
    centre = side * (u.min() + u.max()) / 2 + np.array([0.0, 0.0, (z.min() + z.max()) / 2])
    centre += normal * (float(np.max(points @ normal)) + 0.02)   # just inside the glass
    return [(centre, normal, float(np.ptp(u)), float(np.ptp(z)), (0.0, 0.0, 1.0))]
