"""Vehicle families: road vehicles (a filleted side profile extruded across the track,
a glasshouse, wheels with tyres and rims, lamps), two-wheelers and boats (a lofted
hull: rowing boats, barques, canoes, fishing boats)."""

from __future__ import annotations

import numpy as np

from ...mesh import lathe, new_mesh, translated, tube
from .core import Ctx, family
from .shapes import bbox, fillet, grid, outward, prism


def _wheel(c: Ctx, x: float, y: float, r: float, width: float) -> None:
    """A tyre and rim, axle along Y."""
    tyre = lathe([(r * 0.62, -width / 2), (r * 0.95, -width / 2), (r, -width * 0.3),
                  (r, width * 0.3), (r * 0.95, width / 2), (r * 0.62, width / 2)], 18, False, False)
    rim = lathe([(r * 0.63, -width * 0.35), (r * 0.3, -width * 0.42), (0.0, -width * 0.4)], 12,
                False, False)
    sign = 1.0 if x > 0 else -1.0
    for mesh, mat in ((tyre, "rubber"), (rim, "chrome")):
        v = mesh.vertices[:, [2, 0, 1]].copy()          # axle along X
        v[:, 0] *= -sign
        faces = mesh.faces if sign > 0 else mesh.faces[:, ::-1]
        c.add(mat, new_mesh(v + (x, y, r), faces, mesh.visual.uv), smooth=True)


# Side profiles as fractions of (length, height): body and glasshouse, front at -X.
_BODIES = {
    "sedan": ([(0.0, 0.18), (0.02, 0.42), (0.22, 0.5), (0.78, 0.52), (1.0, 0.45), (1.0, 0.18)],
              [(0.26, 0.52), (0.38, 0.92), (0.66, 0.94), (0.8, 0.54)]),
    "van": ([(0.0, 0.12), (0.02, 0.42), (0.12, 0.5), (1.0, 0.52), (1.0, 0.12)],
            [(0.14, 0.5), (0.26, 0.97), (1.0, 1.0), (1.0, 0.52)]),
    "truck": ([(0.0, 0.12), (0.0, 0.5), (0.25, 0.5), (1.0, 0.5), (1.0, 0.12)],
              [(0.01, 0.5), (0.03, 0.88), (0.22, 0.9), (0.23, 0.5)]),
    "bus": ([(0.0, 0.08), (0.0, 0.42), (1.0, 0.42), (1.0, 0.08)],
            [(0.0, 0.42), (0.02, 0.97), (0.98, 1.0), (1.0, 0.42)]),
    "pickup": ([(0.0, 0.2), (0.02, 0.5), (0.25, 0.56), (1.0, 0.58), (1.0, 0.2)],
               [(0.3, 0.56), (0.4, 0.98), (0.6, 1.0), (0.62, 0.58)]),
    "suv": ([(0.0, 0.2), (0.02, 0.5), (0.18, 0.56), (1.0, 0.58), (1.0, 0.2)],
            [(0.22, 0.56), (0.34, 0.96), (0.95, 0.98), (0.98, 0.58)]),
    "vintage": ([(0.0, 0.3), (0.03, 0.5), (0.35, 0.55), (0.62, 0.55), (0.9, 0.5), (1.0, 0.35), (1.0, 0.25)],
                [(0.38, 0.55), (0.42, 0.98), (0.72, 1.0), (0.78, 0.55)]),
    "sports": ([(0.0, 0.2), (0.02, 0.4), (0.3, 0.55), (0.75, 0.58), (1.0, 0.55), (1.0, 0.2)],
               [(0.33, 0.55), (0.48, 0.98), (0.66, 0.98), (0.86, 0.58)]),
    "tractor": ([(0.0, 0.35), (0.0, 0.6), (0.55, 0.62), (0.6, 0.4)],
                [(0.55, 0.55), (0.58, 1.0), (0.95, 1.0), (0.98, 0.55)]),
    "cart": ([(0.0, 0.2), (0.0, 0.45), (1.0, 0.45), (1.0, 0.2)],
             [(0.3, 0.45), (0.32, 1.0), (0.95, 1.0), (0.95, 0.45)]),
}


PAINTS = ("vehicle_paint", "vehicle_paint_navy", "vehicle_paint_silver")


@family("vehicle", 3600)
def vehicle(c: Ctx) -> None:
    """Cars, taxis, vans, trucks, buses, pickups, tractors, carts: body and glasshouse
    profiles with rounded corners, wheels, head and tail lamps (front at -Y: the body's
    length runs along Y, its width along X)."""
    body, glass = _BODIES[c.p("body", "sedan")]
    L, H, W = c.d, c.h, c.w
    r = c.p("wheel", min(0.36, H * 0.22))
    if c.p("body") == "tractor":
        r = H * 0.3
    paint = c.p("mat", PAINTS[c.variant % len(PAINTS)])    # a car park is not one red
    fr = 0.04 + 0.02 * c.variant
    prof = fillet([(x * L - L / 2, z * H) for x, z in body], fr * H * 0.6)
    hw = W / 2 - 0.01
    c.add(paint, _along_y(prism(prof, -hw, hw, 0.03)))
    if c.p("open_cab"):               # golf carts, forklifts: a roof on four posts
        _open_cab(c, glass, L, H, hw, paint)
    else:
        gl = fillet([(x * L - L / 2, z * H) for x, z in glass], 0.05 * H)
        c.add("glass", _along_y(prism(gl, -hw * 0.9, hw * 0.9, 0.02)))
        _roof_and_pillars(c, glass, L, H, hw, paint)
    if c.p("mast"):                   # forklift: mast channels at the front, two forks
        for s in (-1, 1):
            c.add("dark_metal", bbox(s * hw * 0.45 - 0.05, -L / 2 - 0.02, 0.05, s * hw * 0.45 + 0.05,
                                     -L / 2 + 0.1, H, 0.01))
            c.add("dark_metal", bbox(s * hw * 0.3 - 0.05, -L / 2 - 0.0, 0.05, s * hw * 0.3 + 0.05,
                                     -L / 2 + 0.1, 0.1, 0.008))
        c.add("dark_metal", bbox(-hw * 0.5, -L / 2 + 0.1, 0.1, hw * 0.5, -L / 2 + 0.16, H * 0.45, 0.01))
    if c.p("cargo"):                 # a box body behind the cab
        c.add(c.p("cargo_mat", "cabin"), bbox(-hw - 0.02, -L / 2 + L * 0.26, H * 0.42, hw + 0.02, L / 2,
                                              H, 0.03))
    axles = c.p("axles", (0.17, 0.82))
    for a in axles:
        ry = a * L - L / 2
        rr = r if not (c.p("body") == "tractor" and a > 0.5) else H * 0.45
        for s in (-1, 1):
            _wheel(c, s * (W / 2 - 0.12), ry, rr, min(0.26, W * 0.14))
    for s in (-1, 1):
        c.add("glass", bbox(s * (hw - 0.2) - 0.1, -L / 2 - 0.005, H * 0.32, s * (hw - 0.2) + 0.1, -L / 2 + 0.03,
                           H * 0.38, 0.01))
        c.add("red_paint", bbox(s * (hw - 0.15) - 0.08, L / 2 - 0.03, H * 0.32, s * (hw - 0.15) + 0.08,
                               L / 2 + 0.005, H * 0.38, 0.01))
    c.add("chrome", bbox(-hw, -L / 2 - 0.02, H * 0.12, hw, -L / 2 + 0.05, H * 0.2, 0.02))
    if c.p("sign"):
        c.add(c.p("sign"), bbox(-0.25, -0.08, max(z for _, z in glass) * H, 0.25, 0.08,
                   max(z for _, z in glass) * H + 0.12, 0.01))
    if c.p("lit", False):
        c.light((0, -L / 2 - 0.2, H * 0.35), 30.0, "cream", "SPOT", 0.1, direction=(0, -1, -0.05),
                spot_angle_deg=60.0)


def _open_cab(c: Ctx, glass, L: float, H: float, hw: float, paint: str) -> None:
    """A canopy roof on four posts over an open seat (no glasshouse)."""
    y0 = min(x for x, _ in glass) * L - L / 2
    y1 = max(x for x, _ in glass) * L - L / 2
    low = min(z for _, z in glass) * H
    for x in (-hw * 0.9, hw * 0.9):
        for y in (y0 + 0.05, y1 - 0.05):
            c.add("dark_metal", tube((x, y, low), (x, y, H - 0.04), 0.025, 8), smooth=True)
    c.add(paint, bbox(-hw, y0 - 0.05, H - 0.05, hw, y1 + 0.05, H, 0.02))
    c.add("leather", bbox(-hw * 0.8, (y0 + y1) / 2 - 0.1, low, hw * 0.8, y1 - 0.08, low + 0.12, 0.03))


def _roof_and_pillars(c: Ctx, glass, L: float, H: float, hw: float, paint: str) -> None:
    """A painted roof over the glasshouse and the pillars between its windows (B pillar
    on a car, a pillar every metre or so on a bus), so glass reads as windows."""
    roof_z = max(z for _, z in glass) * H
    top = [x * L - L / 2 for x, z in glass if z * H > roof_z - 0.12 * H]
    low = min(z for _, z in glass) * H
    if len(top) < 2:
        return
    y0, y1 = min(top), max(top)
    band = max(0.035, c.p("roof_band", 0.0) * H)
    c.add(paint, bbox(-hw * 0.9 - 0.01, y0 + 0.03, roof_z - band, hw * 0.9 + 0.01, y1 - 0.03,
                      roof_z + 0.01, 0.015))
    n = max(1, int((y1 - y0) / 1.1))
    for k in range(1, n + 1):
        y = y0 + (y1 - y0) * k / (n + 1)
        c.add(paint, bbox(-hw * 0.9 - 0.008, y - 0.045, low, hw * 0.9 + 0.008, y + 0.045, roof_z - 0.02,
                          0.01))


def _along_y(mesh):
    """A profile extruded in XZ with its length along X, turned so the length runs
    along Y (front at -Y) and the extrusion across X."""
    v = mesh.vertices[:, [1, 0, 2]].copy()
    return new_mesh(v, mesh.faces[:, ::-1], mesh.visual.uv)


@family("two_wheeler", 2400)
def two_wheeler(c: Ctx) -> None:
    """Bicycles, motorbikes, scooters and wheelchairs-like frames: two wheels along Y,
    a swept tube frame, saddle and bars."""
    L, H = c.d, c.h
    motor = c.p("motor", False)
    r = c.p("wheel", 0.34 if not motor else 0.3)
    wid = 0.04 if not motor else 0.12
    for y in (-L / 2 + r, L / 2 - r):
        tyre = lathe([(r * 0.85, -wid / 2), (r, -wid * 0.3), (r, wid * 0.3), (r * 0.85, wid / 2)], 20, False, False)
        rot = np.array([[0, 0, 1.0], [1.0, 0, 0], [0, 1.0, 0]])
        v = tyre.vertices @ rot.T
        c.add("rubber", new_mesh(v + (0, y, r), tyre.faces, tyre.visual.uv), smooth=True)
        c.add("chrome", tube((-0.03, y, r), (0.03, y, r), 0.03 if not motor else 0.08, 8), smooth=True)
        if not motor:
            for a in np.linspace(0, np.pi, 7)[:-1]:
                d = np.array([0, np.cos(a), np.sin(a)]) * r * 0.85
                c.add("chrome", tube((0, y, r) - d, (0, y, r) + d, 0.0015, 3))
    front, back = (0, -L / 2 + r, r), (0, L / 2 - r, r)
    seat = (0, L / 2 - r - 0.25, H - 0.12 if not motor else H * 0.7)
    bars = (0, -L / 2 + r + 0.12, H - 0.02)
    frame = c.p("mat", "vehicle_paint")
    c.add(frame, [tube(back, seat, 0.018, 8), tube(seat, (0, -0.05, r + 0.03), 0.02, 8),
                  tube((0, -0.05, r + 0.03), back, 0.016, 8), tube(seat, bars, 0.022, 8),
                  tube((0, -0.05, r + 0.03), bars, 0.022, 8), tube(bars, front, 0.018, 8)], smooth=True)
    c.add("dark_metal", tube((-c.hx + 0.02, bars[1], bars[2]), (c.hx - 0.02, bars[1], bars[2]), 0.012, 8), smooth=True)
    c.add("leather", bbox(-0.08, seat[1] - 0.14 - (0.2 if motor else 0), seat[2], 0.08, seat[1] + 0.08,
                          seat[2] + 0.06, 0.025))
    if motor:
        c.add(frame, bbox(-0.14, -0.25, r * 0.8, 0.14, 0.2, r * 0.8 + 0.3, 0.06))
        c.add("chrome", bbox(-0.16, -0.1, r * 0.35, 0.16, 0.2, r * 0.8, 0.03))
        c.add("lamp", translated(lathe([(0.07, 0.0), (0.07, 0.04), (0.0, 0.05)], 12), (0, 0, 0)).apply_transform(
            np.array([[1, 0, 0, 0], [0, 0, -1, bars[1] - 0.05], [0, 1, 0, bars[2] - 0.12], [0, 0, 0, 1.0]])), smooth=True)


@family("boat", 3000)
def boat(c: Ctx) -> None:
    """A lofted hull (pointed bow at -Y, transom or second point at +Y), gunwale,
    thwarts, and where the kind has them a cabin, a mast, oars."""
    L, W, H = c.d, c.w, c.h
    hull_h = c.p("hull_h", H)
    pointed_stern = c.p("double_ended", False)
    n_sec, n_pts = 13, 9
    ys = np.linspace(-L / 2, L / 2, n_sec)
    t = (ys + L / 2) / L
    width = np.sin(np.pi * np.clip(t, 0, 1) ** 0.8) if pointed_stern else \
        np.clip(np.sin(np.pi * np.clip(t * 0.62, 0, 0.5)) * 1.0, 0.0, 1.0) ** 0.7
    width = np.maximum(width, 0.02)
    sheer = hull_h * (1.0 + 0.25 * (2 * t - 1) ** 2) / 1.25 * (1.0 if c.variant != 2 else 1.02)
    keel_dip = (0.0, 0.15, 0.3)[c.variant] if not c.p("flat", False) else 0.0
    a = np.linspace(-np.pi / 2, np.pi / 2, n_pts)
    sections = []
    for k in range(n_sec):
        hw = W / 2 * width[k]
        deep = sheer[k]
        xs = np.sin(a) * hw
        zs = deep - np.cos(a) ** (0.6 + keel_dip) * deep * 0.98
        sections.append(np.column_stack([xs, np.full(n_pts, ys[k]), zs]))
    pts = np.array(sections)                                   # (sections, points, 3)
    outer = pts
    inner = pts.copy()
    inner[:, :, 0] *= 0.94
    inner[:, :, 2] = np.maximum(inner[:, :, 2] + 0.03, 0.03)
    ring = np.concatenate([outer, inner[:, ::-1]], axis=1)     # a closed cross-section
    c.add(c.p("mat", "wood"), outward(grid(ring, wrap=True, close_ends=True)), smooth=True)
    for y in np.linspace(-L * 0.2, L * 0.25, int(c.p("thwarts", 2))):
        k = int(np.argmin(np.abs(ys - y)))
        hw = W / 2 * width[k] * 0.9
        c.add("wood", bbox(-hw, y - 0.1, sheer[k] * 0.7, hw, y + 0.1, sheer[k] * 0.7 + 0.03, 0.005))
    if c.p("cabin"):
        c.add("cabin", bbox(-W * 0.3, -L * 0.05, hull_h * 0.5, W * 0.3, L * 0.25, H * 0.9, 0.04))
        c.add("glass", bbox(-W * 0.28, -L * 0.05 - 0.01, H * 0.7, W * 0.28, -L * 0.05 + 0.01, H * 0.85, 0.01))
        c.add("cabin", bbox(-W * 0.32, -L * 0.07, H * 0.9, W * 0.32, L * 0.27, H, 0.03))
    if c.p("mast"):
        c.add("wood", tube((0, -L * 0.15, hull_h * 0.3), (0, -L * 0.15, H), 0.04, 8, r1=0.025), smooth=True)
        c.add("canvas", grid(np.array([[(0, -L * 0.15 + 0.05, hull_h + 0.3), (0, L * 0.25, hull_h + 0.3)],
                                       [(0, -L * 0.15 + 0.05, H - 0.1), (0, -L * 0.1, H - 0.1)]])))
    if c.p("oars"):
        for s in (-1, 1):
            c.add("wood", tube((s * W * 0.3, -0.2, sheer.min() * 0.9), (s * W * 0.45, L * 0.3, sheer.min() * 0.8),
                               0.02, 6), smooth=True)
