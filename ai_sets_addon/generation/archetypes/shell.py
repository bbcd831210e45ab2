"""Room shells shared by the interior archetypes: thick walls with openings given in
world coordinates, floor and roof slabs (with skylights), window frames and glass.

The room's inside is x in [-W/2, W/2], y in [-L/2, L/2], z in [0, H]; walls of
thickness T stand outside that box, so every inner dimension is the one asked for.
"""

from __future__ import annotations

import numpy as np
import trimesh

from ..mesh import boxes, merge, quads, slab

Rect = tuple[float, float, float, float]    # (along0, z0, along1, z1) in world units


def walls(W: float, L: float, H: float, T: float,
          openings: dict[str, list[Rect]] | None = None) -> trimesh.Trimesh:
    """Four walls; openings per wall name (south/north: along = world x,
    west/east: along = world y)."""
    openings = openings or {}
    x, y, z = np.eye(3)
    ox, oy = -W / 2 - T, -L / 2

    def shift(rects, origin):
        return [(a0 - origin, z0, a1 - origin, z1) for a0, z0, a1, z1 in rects]

    parts = [
        slab((ox, -L / 2 - T, 0), x, z, y, (W + 2 * T, H, T), shift(openings.get("south", []), ox)),
        slab((ox, L / 2, 0), x, z, y, (W + 2 * T, H, T), shift(openings.get("north", []), ox)),
        slab((ox, oy, 0), y, z, x, (L, H, T), shift(openings.get("west", []), oy)),
        slab((W / 2, oy, 0), y, z, x, (L, H, T), shift(openings.get("east", []), oy)),
    ]
    return merge(parts)


def roof(W: float, L: float, H: float, T: float, thickness: float = 0.25,
         skylights: list[tuple[float, float, float, float]] = ()) -> trimesh.Trimesh:
    """A roof slab over the walls; skylights are (x0, y0, x1, y1) holes."""
    x, y, z = np.eye(3)
    ox, oy = -W / 2 - T, -L / 2 - T
    holes = [(x0 - ox, y0 - oy, x1 - ox, y1 - oy) for x0, y0, x1, y1 in skylights]
    return slab((ox, oy, H), x, y, z, (W + 2 * T, L + 2 * T, thickness), holes)


def floor(W: float, L: float, T: float, depth: float = 0.3) -> trimesh.Trimesh:
    return boxes([(-W / 2 - T, -L / 2 - T, -depth)], [(W / 2 + T, L / 2 + T, 0.0)])


def window_set(rects_world: list[tuple[str, Rect]], W: float, L: float, T: float,
               mullions: float = 1.0, transoms: float = 1.0) -> tuple[trimesh.Trimesh, trimesh.Trimesh]:
    """Steel frames (with a mullion/transom grid every `mullions`/`transoms` metres)
    and glass panes set in the middle of the wall's thickness: (frames, glass)."""
    lo, hi, glo, ghi = [], [], [], []
    f = 0.05
    for wall, (a0, z0, a1, z1) in rects_world:
        centre = {"south": -L / 2 - T / 2, "north": L / 2 + T / 2,
                  "west": -W / 2 - T / 2, "east": W / 2 + T / 2}[wall]
        along_x = wall in ("south", "north")
        n_u = max(1, int(round((a1 - a0) / mullions)))
        n_v = max(1, int(round((z1 - z0) / transoms)))
        bars = [(a0, z0, a0 + f, z1), (a1 - f, z0, a1, z1), (a0, z0, a1, z0 + f), (a0, z1 - f, a1, z1)]
        bars += [(a0 + (a1 - a0) * k / n_u - f / 2, z0, a0 + (a1 - a0) * k / n_u + f / 2, z1)
                 for k in range(1, n_u)]
        bars += [(a0, z0 + (z1 - z0) * k / n_v - f / 3, a1, z0 + (z1 - z0) * k / n_v + f / 3)
                 for k in range(1, n_v)]
        for b0, c0, b1, c1 in bars:
            l, h = _oriented((b0, c0, b1, c1), centre, 0.04, along_x)
            lo.append(l)
            hi.append(h)
        l, h = _oriented((a0 + f, z0 + f, a1 - f, z1 - f), centre, 0.006, along_x)
        glo.append(l)
        ghi.append(h)
    return boxes(lo, hi), boxes(glo, ghi)


def _oriented(rect: Rect, centre: float, half_t: float, along_x: bool):
    a0, z0, a1, z1 = rect
    if along_x:
        return (a0, centre - half_t, z0), (a1, centre + half_t, z1)
    return (centre - half_t, a0, z0), (centre + half_t, a1, z1)


# --------------------------------------------------------------------------- vaults

def vault_profile(W: float, wall_h: float, n: int = 16, rise: float | None = None,
                  base: float = 0.0, pointed: float = 0.0) -> np.ndarray:
    """Cross-section (x, z) of a barrel vault from the west foot to the east foot:
    walls `wall_h` high then a half-ellipse rising `rise` (default: a semicircle), or,
    with `pointed` > 0, a Gothic pointed arch: two arcs whose centres sit `pointed`
    half-spans inside the springings (1: the equilateral arch, apex 0.87 W up)."""
    r = W / 2
    if pointed > 0:
        return np.vstack([[[-r, base]], _pointed_arc(r, base + wall_h, pointed, n),
                          [[r, base]]])
    rise = r if rise is None else rise
    angles = np.linspace(np.pi, 0.0, n + 1)
    arc = np.column_stack([np.cos(angles) * r, base + wall_h + np.sin(angles) * rise])
    return np.vstack([[[-r, base]], arc, [[r, base]]])


def _pointed_arc(r: float, spring: float, pointed: float, n: int) -> np.ndarray:
    """West springing to east springing over a pointed apex (n + 1 points, n even)."""
    c = pointed * r                         # each arc's centre, across the axis
    radius = r + c
    apex = np.arccos(-c / radius)           # where the west arc reaches x = 0
    angles = np.linspace(np.pi, apex, n // 2 + 1)
    west = np.column_stack([c + radius * np.cos(angles), spring + radius * np.sin(angles)])
    east = west[-2::-1] * [-1.0, 1.0] + [0.0, 0.0]
    return np.vstack([west, east])


def extrude(profile: np.ndarray, y0: float, y1: float, inward: bool) -> trimesh.Trimesh:
    """A surface sweeping a 2D profile along Y, facing the axis (inward) or away."""
    a, b = profile[:-1], profile[1:]
    corners = np.stack([np.column_stack([a[:, 0], np.full(len(a), y0), a[:, 1]]),
                        np.column_stack([b[:, 0], np.full(len(a), y0), b[:, 1]]),
                        np.column_stack([b[:, 0], np.full(len(a), y1), b[:, 1]]),
                        np.column_stack([a[:, 0], np.full(len(a), y1), a[:, 1]])], axis=1)
    mid = (a + b) / 2
    centre = np.array([0.0, (profile[:, 1].min() + profile[:, 1].max()) / 2])
    out = mid - centre
    normals = np.column_stack([out[:, 0], np.zeros(len(out)), out[:, 1]])
    normals /= np.linalg.norm(normals, axis=1)[:, None]
    mesh = quads(corners, -normals if inward else normals)
    arc = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(profile, axis=0), axis=1))])
    uv = np.stack([np.column_stack([arc[:-1], np.full(len(a), y0)]),
                   np.column_stack([arc[1:], np.full(len(a), y0)]),
                   np.column_stack([arc[1:], np.full(len(a), y1)]),
                   np.column_stack([arc[:-1], np.full(len(a), y1)])], axis=1)
    flip = np.einsum("ij,ij->i", np.cross(corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0]),
                     -normals if inward else normals) < 0
    uv[flip] = uv[flip][:, ::-1]
    mesh.visual.uv = uv.reshape(-1, 2)
    return mesh


def ring(inner: np.ndarray, outer: np.ndarray, y: float, facing: float) -> trimesh.Trimesh:
    """The end face of the vault's thickness (between inner and outer profiles)."""
    corners = np.stack([np.column_stack([inner[:-1, 0], np.full(len(inner) - 1, y), inner[:-1, 1]]),
                        np.column_stack([inner[1:, 0], np.full(len(inner) - 1, y), inner[1:, 1]]),
                        np.column_stack([outer[1:, 0], np.full(len(inner) - 1, y), outer[1:, 1]]),
                        np.column_stack([outer[:-1, 0], np.full(len(inner) - 1, y), outer[:-1, 1]])], 1)
    return quads(corners, np.tile([0.0, facing, 0.0], (len(corners), 1)))
