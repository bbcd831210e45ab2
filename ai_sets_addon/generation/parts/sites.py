"""Sites: the ground an open-air place stands on, at real size, with its water and its
far relief: a paved lot, a road, open ground, dunes, snowfields, a raked-gravel
garden, a marsh of standing water, crop fields, a shore, a cliff edge over the sea,
a walled courtyard, a harbour quay, a river bank.

A site is flat where the set is played (props stand at z = 0 on the `work` area), and
rises or falls only beyond it, so every structure stands on the ground it was placed on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..mesh import box_mesh, merge, new_mesh, quad
from ...model.plan import MeshPart
from ..terrain import Noise, smoothstep

GROUND = {   # site -> (ground family, colour)
    "lot": ("asphalt", None), "road": ("concrete", None), "open_ground": ("soil", None),
    "dunes": ("sand", None), "snowfield": ("snow", None), "gravel_garden": ("gravel", "white"),
    "marsh": ("soil", "brown"), "field": ("soil", None), "shore": ("sand", None),
    "cliff_sea": ("grass", None), "courtyard": ("cobblestone", None),
    "harbour": ("paving_slabs", None), "river": ("grass", None), "lawn": ("grass", None),
    "forest_floor": ("soil", None),
}
RELIEF = {   # site -> far relief: (kind, height m)
    "dunes": ("dunes", 12.0), "snowfield": ("mountains", 140.0), "open_ground": ("hills", 18.0),
    "field": ("hills", 14.0), "lawn": ("hills", 10.0), "road": ("hills", 16.0),
    "lot": ("hills", 12.0), "marsh": ("hills", 6.0), "river": ("hills", 12.0),
    "forest_floor": ("hills", 20.0),
}


@dataclass
class Site:
    """What a site gives the builder: its meshes, where props may stand (`work`, a
    rectangle x0, y0, x1, y1 at z = 0), keep-out rectangles (water, road lanes), and
    where its water is (for facts and cameras)."""

    kind: str
    parts: list[MeshPart]
    work: tuple[float, float, float, float]
    keep_out: list[tuple[float, float, float, float]] = field(default_factory=list)
    water: list[tuple[float, float, float, float, float]] = field(default_factory=list)  # x0,y0,x1,y1,z
    walls: bool = False                 # the site is enclosed by walls (a courtyard)
    sea_side: tuple[float, float] | None = None   # (x, y) of the open water to look at


def _ground(x0, y0, x1, y1, z=0.0) -> MeshPart:
    return MeshPart("Ground", quad([[x0, y0, z], [x1, y0, z], [x1, y1, z], [x0, y1, z]], [0, 0, 1.0]),
                    "ground")


def _water(name, x0, y0, x1, y1, z) -> MeshPart:
    return MeshPart(name, quad([[x0, y0, z], [x1, y0, z], [x1, y1, z], [x0, y1, z]], [0, 0, 1.0]),
                    "water")


def relief(rng: np.random.Generator, kind: str, height: float, r0: float = 60.0,
           r1: float = 600.0) -> MeshPart:
    """A ring of far land round the set: flat at r0, rising to dunes, hills or
    mountains with distance (a polar grid, denser near the set)."""
    noise = Noise(rng)
    radii = r0 * (r1 / r0) ** np.linspace(0, 1, 28)
    angles = np.linspace(0, 2 * np.pi, 97)
    rr, aa = np.meshgrid(radii, angles, indexing="ij")
    x, y = rr * np.cos(aa), rr * np.sin(aa)
    wavelength = {"dunes": 45.0, "hills": 160.0, "mountains": 260.0}[kind]
    h = noise.fbm(x, y, wavelength, octaves=4)
    if kind == "mountains":
        h = 1.0 - np.abs(h)
    rise = smoothstep(r0, r0 * 4, rr)
    z = height * rise * (0.55 + 0.45 * h) - 0.05
    z[0] = -0.05
    verts = np.column_stack([x.ravel(), y.ravel(), z.ravel()])
    na = len(angles)
    i, j = np.meshgrid(np.arange(len(radii) - 1), np.arange(na - 1), indexing="ij")
    a = (i * na + j).ravel()
    faces = np.vstack([np.column_stack([a, a + na, a + na + 1]), np.column_stack([a, a + na + 1, a + 1])])
    return MeshPart("Far Land", new_mesh(verts, faces, verts[:, :2].copy()), "far_ground", smooth=True)


# A setting named beside a place -> the far relief round it (kind, height m) and the
# ground family out there: "a gas station on a desert highway" stands among dunes.
SURROUNDS = {"desert": ("dunes", 14.0, "sand"), "canyon": ("mountains", 160.0, "rock"),
             "snowfield": ("mountains", 140.0, "snow"), "forest": ("hills", 30.0, "grass"),
             "meadow": ("hills", 14.0, "grass"), "oasis": ("dunes", 14.0, "sand"),
             "alien_planet": ("mountains", 120.0, "sand")}


def build_site(kind: str, rng: np.random.Generator, half: float = 30.0,
               surround: str | None = None) -> Site:
    """The site `kind` round the origin: the playing area is the square of `half`;
    `surround` (a setting's key in SURROUNDS) sets the land beyond it."""
    h = half
    parts = [_ground(-60, -60, 60, 60)]
    site = Site(kind, parts, (-h + 2, -h + 2, h - 2, h - 2))
    if surround in SURROUNDS or kind in RELIEF:
        rk, height = SURROUNDS[surround][:2] if surround in SURROUNDS else RELIEF[kind]
        parts.append(relief(rng, rk, height))
    if kind == "road":
        # Between the first camera and the set, so the frame holds the road in front.
        parts.append(MeshPart("Road", box_mesh((-60, -15, 0.0), (60, -6, 0.02)), "asphalt_road"))
        parts.append(MeshPart("Road Markings", merge([box_mesh((x, -10.6, 0.02), (x + 3, -10.4, 0.025))
                                                      for x in np.arange(-60, 60, 9.0)]), "marking"))
        site.keep_out.append((-60, -15, 60, -6))
    elif kind == "marsh":
        pools = []
        for _ in range(9):
            cx, cy = rng.uniform(-h, h, 2)
            w, d = rng.uniform(4, 10, 2)
            pools.append((cx - w / 2, cy - d / 2, cx + w / 2, cy + d / 2))
        pools.append((-9.0, -6.0, 7.0, 4.0))                  # the pool the first shot holds
        for k, (x0, y0, x1, y1) in enumerate(pools):
            parts.append(_water(f"Standing Water {k + 1}", x0, y0, x1, y1, 0.03))
            site.water.append((x0, y0, x1, y1, 0.03))
            site.keep_out.append((x0 + 0.6, y0 + 0.6, x1 - 0.6, y1 - 0.6))
    elif kind in ("shore", "harbour", "cliff_sea"):
        sea_z = {"shore": -0.6, "harbour": -1.8, "cliff_sea": -28.0}[kind]
        edge = -8.0 if kind != "cliff_sea" else -10.0
        far = 600.0 if kind == "cliff_sea" else 60.0          # a headland runs on inland
        parts[0] = _ground(-far, edge, far, far)
        parts.append(_water("Sea", -600, -600, 600, edge + (3 if kind == "shore" else 0), sea_z))
        if kind == "shore":
            beach = np.array([[-60, edge - 12, sea_z - 0.5], [60, edge - 12, sea_z - 0.5],
                              [60, edge, 0.0], [-60, edge, 0.0]])
            parts.append(MeshPart("Foreshore", quad(beach, [0, 0.05, 1.0]), "ground"))
        else:
            top = 0.0
            parts.append(MeshPart("Quay Wall" if kind == "harbour" else "Cliff Face",
                                  box_mesh((-far, edge - 1.0, sea_z - 6), (far, edge, top)),
                                  "quay" if kind == "harbour" else "cliff"))
        site.water.append((-600, -600, 600, edge, sea_z))
        site.work = (-h + 2, edge + 1.5, h - 2, h - 2)
        site.sea_side = (0.0, edge - 40.0)
    elif kind == "river":
        parts[0] = _ground(-60, 6, 60, 60)
        parts.append(_ground(-60, -60, 60, -6))
        parts.append(MeshPart("River Banks", merge([box_mesh((-60, -6.3, -1.5), (60, -6.0, 0.0)),
                                                    box_mesh((-60, 6.0, -1.5), (60, 6.3, 0.0))]), "quay"))
        parts.append(_water("River", -60, -6, 60, 6, -0.35))    # high enough to be seen over the bank
        parts.append(MeshPart("River Bed", quad([[-60, -6, -2.5], [60, -6, -2.5], [60, 6, -2.5], [-60, 6, -2.5]],
                                                [0, 0, 1.0]), "ground"))
        site.water.append((-60, -6, 60, 6, -0.35))
        site.keep_out.append((-60, -6.5, 60, 6.5))
    elif kind == "courtyard":
        site.walls = True
        w = 11.0
        wall = [box_mesh((-w - 1, -w - 1, 0), (w + 1, -w, 9)), box_mesh((-w - 1, w, 0), (w + 1, w + 1, 9)),
                box_mesh((-w - 1, -w, 0), (-w, w, 9)), box_mesh((w, -w, 0), (w + 1, -2.0, 9)),
                box_mesh((w, 2.0, 0), (w + 1, w, 9)), box_mesh((w, -2.0, 5.0), (w + 1, 2.0, 9))]
        parts.append(MeshPart("Courtyard Walls", merge(wall), "stone"))
        site.work = (-w + 1, -w + 1, w - 1, w - 1)
    elif kind == "gravel_garden":
        # A walled garden: raked gravel in parallel ridges, a pond with a stone rim.
        w, d = 14.0, 10.0
        pond = (-1.0, 0.5, 5.0, 5.0)                 # in the middle distance of the wide
        ridges = []
        for y in np.arange(-d + 0.2, d, 0.25):
            spans = [(-w, w)] if not pond[1] - 0.4 < y < pond[3] + 0.4 else \
                [(-w, pond[0] - 0.4), (pond[2] + 0.4, w)]
            ridges += [box_mesh((a, y - 0.04, 0.0), (b, y + 0.04, 0.03)) for a, b in spans]
        parts.append(MeshPart("Raked Gravel", merge(ridges), "ground"))
        x0, y0, x1, y1 = pond
        parts.append(_water("Pond", x0, y0, x1, y1, -0.15))
        parts.append(MeshPart("Pond Bed", quad([[x0, y0, -0.5], [x1, y0, -0.5], [x1, y1, -0.5], [x0, y1, -0.5]],
                                               [0, 0, 1.0]), "cliff"))
        rim = [box_mesh((x0 - 0.4, y0 - 0.4, -0.5), (x1 + 0.4, y0, 0.12)),
               box_mesh((x0 - 0.4, y1, -0.5), (x1 + 0.4, y1 + 0.4, 0.12)),
               box_mesh((x0 - 0.4, y0, -0.5), (x0, y1, 0.12)), box_mesh((x1, y0, -0.5), (x1 + 0.4, y1, 0.12))]
        parts.append(MeshPart("Pond Rim", merge(rim), "cliff"))
        wall = [box_mesh((-w - 0.3, -d - 0.3, 0), (w + 0.3, -d, 1.8)), box_mesh((-w - 0.3, d, 0), (w + 0.3, d + 0.3, 1.8)),
                box_mesh((-w - 0.3, -d, 0), (-w, d, 1.8)), box_mesh((w, -d, 0), (w + 0.3, d, 1.8))]
        parts.append(MeshPart("Garden Wall", merge(wall), "stone"))
        site.walls = True
        site.work = (-w + 0.6, -d + 0.6, w - 0.6, d - 0.6)
        site.keep_out.append((x0 - 0.5, y0 - 0.5, x1 + 0.5, y1 + 0.5))
        site.water.append((x0, y0, x1, y1, -0.15))
    elif kind == "field":
        furrows = [box_mesh((x - 0.15, -h, 0.0), (x + 0.15, h, 0.08)) for x in np.arange(-h, h, 0.75)]
        parts.append(MeshPart("Furrows", merge(furrows), "ground"))
    return site
