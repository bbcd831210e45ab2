"""Machine families: appliances (a bevelled body with the front that says what it is:
a porthole, fridge doors, an oven window, a vending glass, 19-inch rack units) and
screens (a panel with a bezel on a foot, arm or wall bracket)."""

from __future__ import annotations

import numpy as np

from ...mesh import boxes, lathe, new_mesh, sweep, translated, tube
from .core import Ctx, family
from .shapes import bar_handle, bbox, knob, prism, rounded_box


def _facing_front(mesh, y: float, x: float, z: float):
    """A +Z lathe turned to face -Y at (x, y, z)."""
    v = mesh.vertices @ np.array([[1, 0, 0], [0, 0, 1.0], [0, -1.0, 0]]) + (x, y, z)
    return new_mesh(v, mesh.faces, mesh.visual.uv)


def _dials(c: Ctx, x0: float, x1: float, z: float, y: float, n: int) -> None:
    for x in np.linspace(x0, x1, n):
        c.add("plastic", knob(x, y, z, 0.014), smooth=True)


def _front_porthole(c: Ctx) -> None:
    """Washer or dryer: a chromed porthole ring and glass, a control strip with dials."""
    mat = c.p("mat", "machine")
    hx, hy, h = c.hx, c.hy, c.h
    y = -hy + 0.01
    r = min(hx * 0.72, h * 0.3)
    zc = h * 0.45
    ring = lathe([(r * 0.78, 0.0), (r, 0.0), (r * 1.02, 0.02), (r * 0.92, 0.045),
                  (r * 0.8, 0.04)], 24, False, False)
    c.add("chrome", _facing_front(ring, y, 0.0, zc), smooth=True)
    c.add("glass", _facing_front(lathe([(r * 0.8, 0.03), (r * 0.5, 0.05), (0.0, 0.055)], 20, False, False),
                                 y, 0.0, zc), smooth=True)
    c.add(mat, bbox(-hx + 0.01, y - 0.012, h - 0.14, hx - 0.01, y + 0.001, h - 0.02, 0.01))
    _dials(c, hx - 0.2, hx - 0.08, h - 0.08, y - 0.012, 2)
    c.add("led", bbox(-hx + 0.1, y - 0.014, h - 0.1, -hx + 0.25, y - 0.01, h - 0.06, 0.002))


def _front_fridge(c: Ctx) -> None:
    """Fridge: two doors (freezer above or below) with long pulls."""
    mat = c.p("mat", "machine")
    hx, hy, h = c.hx, c.hy, c.h
    wall = c.kind.placement == "wall"
    foot = 0.0 if wall or c.kind.placement == "surface" else 0.02
    y = -hy + 0.01
    split = h * (0.62 if c.variant != 1 else 0.3)
    for z0, z1 in ((foot + 0.01, split - 0.005), (split + 0.005, h - 0.01)):
        c.add(mat, bbox(-hx + 0.004, y - 0.03, z0, hx - 0.004, y, z1, 0.012))
        c.add("chrome", bar_handle(-hx + 0.06, y - 0.03, (z0 + z1) / 2, min(0.5, (z1 - z0) * 0.5),
                                   True, 0.035, 0.01), smooth=True)


def _front_oven(c: Ctx) -> None:
    """Cooker: an oven door with its window and handle, dials, a hob on top."""
    hx, hy, h = c.hx, c.hy, c.h
    y = -hy + 0.01
    c.add("dark_metal", bbox(-hx + 0.03, y - 0.012, h * 0.12, hx - 0.03, y + 0.001, h * 0.72, 0.01))
    c.add("glass", bbox(-hx + 0.1, y - 0.016, h * 0.22, hx - 0.1, y - 0.01, h * 0.6, 0.004))
    c.add("chrome", bar_handle(0, y - 0.012, h * 0.68, c.w * 0.7, False, 0.03, 0.009), smooth=True)
    _dials(c, -hx + 0.08, hx - 0.08, h * 0.83, y, 5)
    if c.p("hob", True):
        for x in (-hx * 0.5, hx * 0.5):
            for yy in (-hy * 0.4, hy * 0.4):
                c.add("dark_metal", translated(lathe([(0.09, 0.0), (0.09, 0.006), (0.0, 0.008)], 16),
                                               (x, yy, h)), smooth=True)


def _front_vending(c: Ctx) -> None:
    """Vending machine: a glass front over rows of goods, a keypad, a delivery flap."""
    hx, hy, h = c.hx, c.hy, c.h
    y = -hy + 0.01
    c.add("glass", bbox(-hx + 0.04, y - 0.015, h * 0.25, hx * 0.35, y + 0.002, h - 0.06, 0.004))
    lo, hi = [], []
    for z in np.linspace(h * 0.3, h - 0.2, 6):
        for x in np.linspace(-hx + 0.1, hx * 0.3 - 0.05, 6):
            lo.append((x - 0.03, -hy + 0.05, z))
            hi.append((x + 0.03, -hy + 0.12, z + 0.1))
    c.add("bottles", boxes(lo, hi))
    c.add("dark_metal", bbox(hx * 0.45, y - 0.012, h * 0.45, hx - 0.04, y + 0.002, h * 0.7, 0.006))
    c.add("dark_metal", bbox(-hx + 0.06, y - 0.02, h * 0.08, hx * 0.3, y + 0.002, h * 0.2, 0.01))
    c.light((0, -hy + 0.15, h - 0.1), 15.0, "white", "AREA", 0.4)


def _front_rack(c: Ctx) -> None:
    """Server rack: rails and 1U units with blinking LEDs, some slots empty."""
    hx, hy, h = c.hx, c.hy, c.h
    y = -hy + 0.01
    units = max(4, int((h - 0.15) / 0.0445))
    filled = c.rng.random(units) < (0.55 + 0.15 * c.variant)
    zs = 0.08 + np.arange(units) * 0.0445
    c.add("dark_metal", [bbox(-hx + 0.02, y - 0.02, zs[k] + 0.001, hx - 0.02, y + 0.002, zs[k] + 0.0435, 0.003)
                         for k in range(units) if filled[k]])
    leds = [(x, zs[k] + 0.02) for k in range(units) if filled[k] for x in (-hx + 0.06, -hx + 0.08)]
    if leds:
        lo = [(x, y - 0.024, z) for x, z in leds]
        hi = [(x + 0.008, y - 0.019, z + 0.006) for x, z in leds]
        c.add("led", boxes(lo, hi))
    c.add("dark_metal", [bbox(x - 0.01, y - 0.03, 0.05, x + 0.01, y, h - 0.05, 0.003)
                         for x in (-hx + 0.02, hx - 0.02)])
    c.light((0, y - 0.1, h * 0.5), 3.0, "cyan", "AREA", 0.3, direction=(0, -1, 0))


def _front_screen(c: Ctx) -> None:
    """ATMs, arcades, ticket machines, jukeboxes."""
    hx, hy, h = c.hx, c.hy, c.h
    y = -hy + 0.01
    c.add("screen", bbox(-hx * 0.7, y - 0.01, h * 0.62, hx * 0.7, y + 0.002, h * 0.85, 0.006))
    c.add("dark_metal", bbox(-hx * 0.8, y - 0.06, h * 0.5, hx * 0.8, y + 0.001, h * 0.56, 0.01))
    _dials(c, -hx * 0.4, hx * 0.4, h * 0.53, y - 0.06, 4)
    c.light((0, y - 0.1, h * 0.75), 8.0, c.p("glow", "cyan"), "AREA", 0.3, direction=(0, -1, 0))


def _front_grille(c: Ctx) -> None:
    """AC units, heaters, fans, boilers."""
    hx, hy, h = c.hx, c.hy, c.h
    y = -hy + 0.01
    n = 10
    for z in np.linspace(h * 0.2, h * 0.8, n):
        c.add(c.p("grille_mat", "plastic"),
              bbox(-hx + 0.03, y - 0.008, z - 0.006, hx - 0.03, y + 0.001, z + 0.006, 0.002))


def _front_lid(c: Ctx) -> None:
    """Chest freezer, photocopier, ice machine."""
    mat = c.p("mat", "machine")
    hx, hy, h = c.hx, c.hy, c.h
    y = -hy + 0.01
    c.add(mat, bbox(-hx - 0.005, -hy + 0.005, h - 0.06, hx + 0.005, hy + 0.005, h + 0.0, 0.015))
    c.add("chrome", bar_handle(0, y - 0.005, h - 0.03, c.w * 0.4, False, 0.025, 0.008), smooth=True)


def _front_default(c: Ctx) -> None:
    """A plain front with a control strip."""
    mat = c.p("mat", "machine")
    hx, hy, h = c.hx, c.hy, c.h
    y = -hy + 0.01
    c.add("dark_metal", bbox(-hx + 0.04, y - 0.01, h * 0.75, hx - 0.04, y + 0.001, h * 0.9, 0.006))
    _dials(c, -hx * 0.5, hx * 0.5, h * 0.82, y - 0.01, 3)
    c.add(mat, bbox(-hx + 0.02, y - 0.012, h * 0.1, hx - 0.02, y + 0.002, h * 0.7, 0.012))
    c.add("chrome", bar_handle(0, y - 0.012, h * 0.65, c.w * 0.4, False, 0.03, 0.008), smooth=True)


_FRONT = {"porthole": _front_porthole, "fridge": _front_fridge, "oven": _front_oven, "vending":
          _front_vending, "rack": _front_rack, "screen": _front_screen, "grille": _front_grille,
          "lid": _front_lid}



@family("appliance", 3600, fit=True)
def appliance(c: Ctx) -> None:
    """A bevelled body and its telling front: washers and dryers (porthole, dials),
    fridges (doors, long pulls), ovens (window, hob), vending machines, server racks,
    arcade cabinets, ATMs, air conditioners, radiators, boilers."""
    face = c.p("face", "panel")
    mat = c.p("mat", "machine")
    if face in _SPECIAL:                # machines with a body of their own shape
        _SPECIAL[face](c, mat)
        return
    hx, hy, h = c.hx, c.hy, c.h
    foot = 0.0 if c.kind.placement in ("wall", "surface") else 0.02
    c.add(mat, bbox(-hx, -hy + 0.01, foot, hx, hy, h, c.p("bevel", 0.015)))
    if foot:
        c.add("rubber", [bbox(x - 0.03, y - 0.03, 0.0, x + 0.03, y + 0.03, foot + 0.002, 0.004)
                         for x in (-hx + 0.06, hx - 0.06) for y in (-hy + 0.06, hy - 0.06)])
    _FRONT.get(face, _front_default)(c)
    watt = c.p("glow_w")
    if watt:
        c.light((0, -hy - 0.05, h * 0.7), watt, c.p("glow", "cyan"), "AREA", c.w * 0.6,
                direction=(0, -1, 0))


def _front_disc(c: Ctx, key: str, prof, x: float, y: float, z: float, n: int = 16) -> None:
    c.add(key, _facing_front(lathe(prof, n, False, False), y, x, z), smooth=True)


def _cooler(c: Ctx, mat: str) -> None:
    """Water cooler: cabinet, taps over a drip tray, an upturned 19 l bottle."""
    hx, hy, h = c.hx, c.hy, c.h
    top = h - 0.5
    c.add(mat, bbox(-hx, -hy, 0.0, hx, hy, top, 0.02))
    c.add("dark_metal", bbox(-hx * 0.7, -hy - 0.005, top * 0.55, hx * 0.7, -hy + 0.06, top * 0.58, 0.004))
    for x, key in ((-0.05, "neon_blue"), (0.05, "neon_red")):
        c.add(key, bbox(x - 0.015, -hy - 0.02, top * 0.78, x + 0.015, -hy + 0.01, top * 0.82, 0.005))
    bottle = lathe([(0.03, 0.0), (0.03, 0.06), (0.13, 0.12), (0.135, 0.45), (0.1, 0.5), (0.0, 0.5)], 18)
    c.add("water", translated(bottle, (0, 0, top)), smooth=True)


def _speaker(c: Ctx, mat: str) -> None:
    """Loudspeaker or amp: a cabinet with a woofer cone and a tweeter on its baffle."""
    hx, hy, h = c.hx, c.hy, c.h
    c.add(mat, bbox(-hx, -hy + 0.01, 0.0, hx, hy, h, 0.012))
    y = -hy + 0.01
    r = min(hx * 0.8, h * 0.3)
    _front_disc(c, "dark_metal", [(r * 0.95, 0.0), (r, 0.008), (r * 0.85, -0.01), (r * 0.3, -0.05),
                                   (r * 0.22, -0.045), (0.0, -0.03)], 0.0, y, h * 0.32, 24)
    _front_disc(c, "dark_metal", [(r * 0.35, 0.0), (r * 0.3, -0.01), (0.0, 0.01)], 0.0, y, h * 0.75)
    if c.h > 0.6:
        _front_disc(c, "dark_metal", [(r * 0.5, 0.0), (r * 0.45, -0.02), (0.0, -0.015)], 0.0, y, h * 0.58)


def _tower(c: Ctx, mat: str) -> None:
    """Computer tower: a slot, a round power button with its LED, side vents."""
    hx, hy, h = c.hx, c.hy, c.h
    c.add(mat, bbox(-hx, -hy, 0.02, hx, hy, h, 0.01))
    c.add("rubber", [bbox(x - 0.015, y - 0.02, 0.0, x + 0.015, y + 0.02, 0.021, 0.004)
                     for x in (-hx + 0.03, hx - 0.03) for y in (-hy + 0.05, hy - 0.05)])
    c.add("dark_metal", bbox(-hx + 0.02, -hy - 0.003, h - 0.1, hx - 0.02, -hy + 0.005, h - 0.085, 0.002))
    _front_disc(c, "chrome", [(0.012, 0.0), (0.012, 0.004), (0.0, 0.005)], 0.0, -hy, h - 0.05, 12)
    c.add("led", bbox(0.02, -hy - 0.002, h - 0.052, 0.026, -hy + 0.002, h - 0.048, 0.0005))
    c.add("dark_metal", [bbox(hx - 0.001, y - 0.004, h * 0.3, hx + 0.002, y + 0.004, h * 0.7, 0.001)
                         for y in np.linspace(-hy + 0.05, hy - 0.05, 8)])


def _espresso(c: Ctx, mat: str) -> None:
    """Espresso machine: body, group head with a portafilter, drip tray, cup rail."""
    hx, hy, h = c.hx, c.hy, c.h
    c.add(mat, bbox(-hx, -hy + 0.1, 0.0, hx, hy, h - 0.02, 0.015))
    c.add("dark_metal", bbox(-hx + 0.02, -hy + 0.02, 0.0, hx - 0.02, -hy + 0.12, 0.03, 0.006))
    c.add(mat, translated(lathe([(0.04, 0.0), (0.045, 0.06), (0.03, 0.07)], 12), (0, -hy + 0.06, h * 0.42)),
          smooth=True)
    c.add("dark_metal", tube((0, -hy + 0.06, h * 0.4), (0, -hy + 0.0, h * 0.38), 0.01, 6), smooth=True)
    c.add("ceramic", translated(lathe([(0.0, 0.0), (0.025, 0.0), (0.03, 0.06), (0.027, 0.06), (0.022, 0.005),
                                       (0.0, 0.005)], 12), (0, -hy + 0.06, 0.03)), smooth=True)
    c.add("chrome", [tube((x, -hy + 0.12, h - 0.005), (x, hy - 0.02, h - 0.005), 0.005, 6)
                     for x in (-hx + 0.02, hx - 0.02)], smooth=True)
    _dials(c, -hx * 0.5, hx * 0.5, h * 0.75, -hy + 0.1, 3)


def _register(c: Ctx, mat: str) -> None:
    """Cash register: a cash drawer, a sloped keypad, a customer display on a post."""
    hx, hy, h = c.hx, c.hy, c.h
    c.add(mat, bbox(-hx, -hy, 0.0, hx, hy, h * 0.35, 0.01))
    c.add("dark_metal", bbox(-hx + 0.02, -hy - 0.003, h * 0.06, hx - 0.02, -hy + 0.01, h * 0.3, 0.004))
    pad = prism([(-hy, h * 0.35), (hy * 0.5, h * 0.35), (hy * 0.5, h * 0.6), (-hy + 0.03, h * 0.45)],
                -hx * 0.9, hx * 0.9, 0.008)
    c.add(mat, new_mesh(pad.vertices[:, [1, 0, 2]], pad.faces[:, ::-1], pad.visual.uv))
    xs, ys = np.meshgrid(np.linspace(-hx * 0.7, hx * 0.3, 5), np.linspace(-hy * 0.7, hy * 0.2, 4), indexing="ij")
    z = h * 0.35 + (ys.ravel() + hy) / (1.5 * hy) * h * 0.15 + h * 0.1
    lo = np.column_stack([xs.ravel() - 0.012, ys.ravel() - 0.012, z])
    c.add("plastic", boxes(lo, lo + (0.024, 0.024, 0.012)))
    c.add("dark_metal", tube((hx * 0.6, hy * 0.7, h * 0.35), (hx * 0.6, hy * 0.7, h - 0.07), 0.012, 6), smooth=True)
    c.add("dark_metal", bbox(hx * 0.6 - 0.08, hy * 0.7 - 0.02, h - 0.08, hx * 0.6 + 0.08, hy * 0.7 + 0.02, h, 0.006))
    c.add("led", bbox(hx * 0.6 - 0.07, hy * 0.7 - 0.022, h - 0.07, hx * 0.6 + 0.07, hy * 0.7 - 0.019, h - 0.01, 0.001))
    c.light((hx * 0.6, hy * 0.7 - 0.05, h - 0.04), 1.0, "cyan", "AREA", 0.12, direction=(0, -1, 0))


def _generator(c: Ctx, mat: str) -> None:
    """Portable generator: a tube cage round an engine block and a fuel tank on top."""
    hx, hy, h = c.hx, c.hy, c.h
    r = 0.018
    for x in (-hx + r, hx - r):
        path = np.array([(x, -hy + r, 0.0), (x, -hy + r, h - 0.1), (x, -hy + 0.1, h - r), (x, hy - 0.1, h - r),
                         (x, hy - r, h - 0.1), (x, hy - r, 0.0)])
        c.add("dark_metal", sweep(path, np.full(len(path), r), 8), smooth=True)
    c.add("dark_metal", [tube((-hx + r, y, 0.02), (hx - r, y, 0.02), r, 8) for y in (-hy + r, hy - r)],
          smooth=True)
    c.add("dark_metal", bbox(-hx * 0.7, -hy * 0.7, 0.04, hx * 0.2, hy * 0.7, h * 0.55, 0.03))
    c.add(mat, bbox(hx * 0.25, -hy * 0.7, 0.04, hx * 0.85, hy * 0.7, h * 0.5, 0.03))
    c.add(mat, rounded_box((-hx * 0.8, -hy * 0.75, h * 0.58), (hx * 0.8, hy * 0.75, h - 0.045), 0.05,
                           seg=2, mid=1), smooth=True)
    _front_disc(c, "chrome", [(0.035, 0.0), (0.035, 0.02), (0.0, 0.025)], -hx * 0.4, -hy * 0.7, h * 0.35, 12)


def _microwave(c: Ctx, mat: str) -> None:
    """Microwave oven: a door with its window on the left, a keypad on the right."""
    hx, hy, h = c.hx, c.hy, c.h
    c.add(mat, bbox(-hx, -hy + 0.02, 0.01, hx, hy, h, 0.012))
    y = -hy + 0.02
    split = hx - c.w * 0.28
    c.add("dark_metal", bbox(-hx + 0.01, y - 0.02, 0.02, split, y, h - 0.01, 0.008))
    c.add("glass", bbox(-hx + 0.05, y - 0.022, 0.06, split - 0.08, y - 0.015, h - 0.05, 0.004))
    c.add("chrome", bar_handle(split - 0.035, y - 0.02, h / 2, h * 0.6, True, 0.02, 0.006), smooth=True)
    c.add("screen", bbox(split + 0.02, y - 0.004, h - 0.07, hx - 0.02, y + 0.001, h - 0.03, 0.002))
    xs, zs = np.meshgrid(np.linspace(split + 0.03, hx - 0.04, 3), np.linspace(h * 0.2, h * 0.6, 4), indexing="ij")
    lo = np.column_stack([xs.ravel() - 0.01, np.full(12, y - 0.006), zs.ravel() - 0.008])
    c.add("plastic", boxes(lo, lo + (0.02, 0.006, 0.016)))
    c.add("rubber", [bbox(x - 0.02, yy - 0.02, 0.0, x + 0.02, yy + 0.02, 0.012, 0.004)
                     for x in (-hx + 0.05, hx - 0.05) for yy in (-hy + 0.07, hy - 0.05)])


def _toaster(c: Ctx, mat: str) -> None:
    """Toaster: a rounded body with two bread slots on top, a lever and a dial."""
    hx, hy, h = c.hx, c.hy, c.h
    c.add(mat, rounded_box((-hx + 0.01, -hy, 0.0), (hx - 0.01, hy, h), min(0.03, hy * 0.4), seg=2, mid=2),
          smooth=True)
    for y in (-hy * 0.35, hy * 0.35):
        c.add("dark_metal", bbox(-hx * 0.7, y - 0.014, h - 0.004, hx * 0.7, y + 0.014, h + 0.0, 0.001))
    c.add("dark_metal", bbox(hx - 0.01, -0.012, h * 0.55, hx + 0.0, 0.012, h * 0.62, 0.003))
    c.add("plastic", bbox(-hx, -0.015, h * 0.6, -hx + 0.012, 0.015, h * 0.68, 0.004))


def _radiator(c: Ctx, mat: str) -> None:
    """A column radiator: fins between two header pipes."""
    hx, hy, h = c.hx, c.hy, c.h
    xs = np.linspace(-hx + 0.03, hx - 0.03, max(3, int(c.w / 0.06)))
    c.add(mat, [bbox(x - 0.022, -hy, 0.0, x + 0.022, hy, h, 0.012) for x in xs])
    c.add(mat, [tube((-hx, 0, z), (hx, 0, z), 0.02, 8) for z in (0.06, h - 0.06)], smooth=True)


def _printer(c: Ctx, mat: str) -> None:
    """Printer: a body with a scanner lid, an output tray with a sheet, a control strip."""
    hx, hy, h = c.hx, c.hy, c.h
    c.add(mat, bbox(-hx, -hy + 0.06, 0.0, hx, hy, h * 0.8, 0.012))
    c.add(mat, bbox(-hx + 0.005, -hy + 0.065, h * 0.8, hx - 0.005, hy - 0.005, h, 0.01))
    c.add("dark_metal", bbox(-hx * 0.8, -hy + 0.06 - 0.002, h * 0.35, hx * 0.8, -hy + 0.07, h * 0.45, 0.003))
    c.add(mat, bbox(-hx * 0.7, -hy, h * 0.33, hx * 0.7, -hy + 0.07, h * 0.35, 0.002))
    c.add("paper", bbox(-0.105, -hy + 0.01, h * 0.35, 0.105, -hy + 0.07, h * 0.352, 0.0))
    c.add("screen", bbox(hx - 0.13, -hy + 0.058, h * 0.6, hx - 0.03, -hy + 0.062, h * 0.72, 0.002))


_SPECIAL = {"radiator": _radiator, "printer": _printer, "toaster": _toaster, "cooler": _cooler,
            "speaker": _speaker, "tower": _tower, "espresso": _espresso, "register": _register,
            "generator": _generator, "microwave": _microwave}


@family("screen", 1600)
def screen(c: Ctx) -> None:
    """A display panel with a bezel on a pedestal foot, V legs, a wall bracket or an
    arm; old CRTs get a deep rounded back; laptops open at an angle."""
    hx, hy, h = c.hx, c.hy, c.h
    stand = c.p("stand", "foot")
    crt = c.p("crt", False)
    if stand == "laptop":
        t = 0.018
        c.add("dark_metal", bbox(-hx, -hy, 0, hx, hy, t, 0.005))
        c.add("plastic", bbox(-hx + 0.03, -hy + 0.02, t, hx - 0.03, -hy * 0.1, t + 0.003, 0.001))
        ang = np.radians(105 + 8 * c.variant)
        lid = bbox(-hx, -0.004, 0, hx, 0.004, h - t, 0.003)
        rot = np.array([[1, 0, 0], [0, np.cos(ang - np.pi / 2), -np.sin(ang - np.pi / 2)],
                        [0, np.sin(ang - np.pi / 2), np.cos(ang - np.pi / 2)]])
        v = lid.vertices @ rot.T * (1, 1, 1)
        v = v + (0, hy - 0.004, t)
        c.add("dark_metal", new_mesh(v, lid.faces, lid.visual.uv))
        return
    base_h = {"foot": h * 0.2, "legs": h * 0.12, "wall": 0.0, "pole": h * 0.45}.get(stand, 0.0)
    panel_d = min(c.d, 0.06) if not crt else c.d * 0.9
    z0 = base_h
    y0 = -panel_d / 2 if stand != "wall" else -hy
    bez = 0.012 + 0.01 * (c.variant == 2)
    if crt:
        c.add(c.p("mat", "plastic"), bbox(-hx, -hy, z0, hx, -hy + 0.08, h, 0.02))
        c.add(c.p("mat", "plastic"), bbox(-hx * 0.8, -hy + 0.07, z0 + 0.02, hx * 0.8, hy, h * 0.92, 0.04))
        c.add("screen", bbox(-hx + 0.05, -hy - 0.006, z0 + 0.06, hx - 0.05, -hy + 0.01, h - 0.06, 0.02))
    else:
        c.add("dark_metal", bbox(-hx, y0, z0, hx, y0 + panel_d * 0.45, h, 0.004))
        c.add("dark_metal", bbox(-hx * 0.8, y0 + panel_d * 0.4, z0 + (h - z0) * 0.1, hx * 0.8,
                                 y0 + panel_d, z0 + (h - z0) * 0.85, 0.01))
        c.add("screen", bbox(-hx + bez, y0 - 0.002, z0 + bez * (1.6 if c.variant == 1 else 1.0),
                             hx - bez, y0 + 0.004, h - bez, 0.001))
    if stand == "foot":
        c.add("dark_metal", bbox(-min(0.03, hx * 0.1), -0.02, 0.01, min(0.03, hx * 0.1), 0.02,
                                 z0 + (h - z0) * 0.3, 0.006))
        if c.variant == 0:
            c.add("dark_metal", bbox(-min(hx, 0.14), -hy, 0, min(hx, 0.14), hy, 0.012, 0.004))
        else:
            c.add("dark_metal", translated(lathe([(min(hx, hy), 0.0), (min(hx, hy), 0.008),
                                                  (0.03, 0.014), (0.0, 0.016)], 20), (0, 0, 0)),
                  smooth=True)
    elif stand == "legs":
        for s in (-1, 1):
            x = s * hx * 0.75
            c.add("dark_metal", [tube((x, 0, z0 + 0.02), (x, -hy + 0.01, 0.005), 0.008, 6),
                                 tube((x, 0, z0 + 0.02), (x, hy - 0.01, 0.005), 0.008, 6)], smooth=True)
    elif stand == "pole":
        c.add("metal", tube((0, 0, 0.04), (0, 0, z0 + 0.05), 0.02, 8), smooth=True)
        for k in range(5):
            a = 2 * np.pi * k / 5
            c.add("metal", tube((0, 0, 0.06), (np.cos(a) * min(hx, hy), np.sin(a) * min(hx, hy), 0.02),
                                0.012, 6), smooth=True)
    if c.p("glow_w", 0):
        c.light((0, y0 - 0.3, (z0 + h) / 2), c.p("glow_w"), c.p("glow", "cyan"), "AREA",
                c.w * 0.8, direction=(0, -1, 0))
