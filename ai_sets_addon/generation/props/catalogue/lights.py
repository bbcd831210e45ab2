"""Light-source families, each with LightSockets of plausible power and colour:
lamps (turned base, stem, shade), fixtures (tubes, pendants, sodium heads on poles,
spots), flames (candles, torches, lanterns, braziers) and string lights.

Power is the Blender light's watts (what the scene layer gives a practical): a 60 W
tungsten bulb reads well at about 40 W, a candle flame at 2-5 W."""

from __future__ import annotations

import numpy as np

from ...mesh import lathe, new_mesh, sweep, translated, tube
from .core import Ctx, family
from .objects import turned
from .shapes import bbox, cos_multiple


def _flame(c: Ctx, x: float, y: float, z: float, s: float) -> None:
    """A teardrop flame of height s (emissive)."""
    prof = [(0.0, 0.0), (s * 0.22, s * 0.18), (s * 0.25, s * 0.35), (s * 0.12, s * 0.7), (0.0, s)]
    c.add("flame", translated(lathe(prof, 8), (x, y, z)), smooth=True)


@family("lamp", 2200)
def lamp(c: Ctx) -> None:
    """Table, bedside, floor and desk lamps: a turned base, a stem or an arm, a shade
    (drum, empire or cone) with its bulb socket."""
    style = c.p("style", "table")
    h = c.h
    r = min(c.hx, c.hy)
    base_mat = c.p("mat", ("ceramic", "brass", "dark_metal")[c.variant])
    shade_mat = c.p("shade_mat", "lampshade")
    if style == "desk":
        c.add(base_mat, translated(lathe([(r * 0.6, 0), (r * 0.6, 0.02), (0.02, 0.035), (0.0, 0.035)], 16),
                                   (-c.hx + r * 0.6, 0, 0)), smooth=True)
        bx = -c.hx + r * 0.6
        elbow = (bx + 0.05, 0, h * 0.6)
        head = (c.hx - 0.08, 0, h - 0.06)
        c.add(base_mat, [tube((bx, 0, 0.03), elbow, 0.01, 8), tube(elbow, head, 0.01, 8)], smooth=True)
        shade = lathe([(0.02, 0.0), (0.03, 0.0), (0.075, -0.09), (0.07, -0.095)], 14, False, False)
        c.add(base_mat, translated(shade, (c.hx - 0.075, 0, h)), smooth=True)
        c.light((c.hx - 0.075, 0, h - 0.07), 25.0, "cream", "SPOT", 0.03, spot_angle_deg=70.0)
        return
    shade_r = r * 0.98
    shade_h = h * (0.3 if style == "table" else 0.2)
    top = h - 0.005
    if style == "floor":
        turned(c, "cheese", base_mat, r * 0.6, 0.03)
        c.add(base_mat, tube((0, 0, 0.03), (0, 0, top - shade_h * 0.4), 0.012, 8), smooth=True)
    else:
        turned(c, ("vase", "gourd", "bottle")[c.variant], base_mat, r * 0.5, h - shade_h * 0.9)
        c.add("brass", tube((0, 0, h - shade_h * 0.95), (0, 0, top - shade_h * 0.5), 0.006, 6), smooth=True)
    kind = c.p("shade", c.variant)
    r_top = shade_r * (1.0, 0.6, 0.75)[kind % 3]
    prof = [(shade_r, top - shade_h), (shade_r * 1.0, top - shade_h + 0.004), (r_top, top)]
    c.add(shade_mat, lathe(prof, 24, False, False), smooth=True)
    c.add(shade_mat, lathe([(p[0] - 0.004, p[1]) for p in prof[::-1]], 24, False, False), smooth=True)
    c.light((0, 0, top - shade_h * 0.5), c.p("watts", 40.0), "cream", "POINT", 0.04)


def _fixture_batten(c: Ctx) -> None:
    """Fluorescent tube fixture, hanging from the ceiling."""
    hx, hy, h = c.hx, c.hy, c.h
    colour = c.p("colour", "white")
    watts = c.p("watts", 40.0)
    c.add("metal", bbox(-hx, -hy, h - 0.05, hx, hy, h - 0.005, 0.008))
    n = int(c.p("tubes", 2))
    for k in range(n):
        y = (k - (n - 1) / 2) * (c.d / (n + 0.5))
        c.add("lamp", tube((-hx + 0.03, y, h - 0.065), (hx - 0.03, y, h - 0.065), 0.013, 8), smooth=True)
    if c.p("chains", True) and h > 0.2:
        c.add("metal", [tube((x, 0, 0.0), (x, 0, h - 0.05), 0.003, 4) for x in (-hx * 0.7, hx * 0.7)],
              smooth=True)
    c.light((0, 0, h - 0.08), watts, colour, "AREA", c.w * 0.9, size_y_m=c.d * 0.8)


def _fixture_pendant(c: Ctx) -> None:
    """A pendant shade (cone, glass bowl, drum or paper globe) on its cord, hanging from z = h."""
    hx, hy, h = c.hx, c.hy, c.h
    colour = c.p("colour", "white")
    watts = c.p("watts", 40.0)
    c.add("dark_metal", tube((0, 0, h * 0.3), (0, 0, h), 0.004, 6), smooth=True)
    r = min(hx, hy)
    kind = c.variant
    if c.p("shade") == "globe":   # a ribbed paper globe
        a = np.linspace(0.05, np.pi - 0.05, 11)
        gh = min(2 * r * 0.9, h * 0.6)
        globe = lathe([(r * np.sin(t), gh * (1 - np.cos(t)) / 2) for t in a], 24, True, True)
        v = globe.vertices.copy()
        sin6 = np.sqrt(np.maximum(1.0 - cos_multiple(v[:, 0], v[:, 1], 6) ** 2, 0.0))
        v[:, :2] *= (1.0 - 0.025 * sin6)[:, None]          # ribs between the bamboo hoops
        c.add(c.p("mat", "lampshade"), new_mesh(v, globe.faces, globe.visual.uv), smooth=True)
        c.light((0, 0, gh * 0.5), watts, colour, "POINT", r * 0.5)
        return
    if kind == 0:
        prof = [(r * 0.15, h * 0.3), (r * 0.3, h * 0.27), (r, 0.02), (r * 0.98, 0.0)]
    elif kind == 1:
        prof = [(0.0, h * 0.3), (r * 0.7, h * 0.25), (r, h * 0.12), (r * 0.7, 0.0)]
    else:
        prof = [(r * 0.4, h * 0.3), (r, h * 0.22), (r, 0.0)]
    c.add(c.p("mat", ("dark_metal", "glass", "lampshade")[kind]), lathe(prof, 20, False, False), smooth=True)
    c.add("lamp", translated(lathe([(0.0, 0.0), (0.03, 0.02), (0.03, 0.05), (0.012, 0.07)], 8),
                             (0, 0, h * 0.08)), smooth=True)
    c.light((0, 0, h * 0.1), watts, colour, "POINT", 0.05)


def _fixture_dome(c: Ctx) -> None:
    """A flush ceiling dome; its rim at z = h meets the ceiling."""
    hx, hy, h = c.hx, c.hy, c.h
    colour = c.p("colour", "white")
    watts = c.p("watts", 40.0)
    r = min(hx, hy)
    c.add("glass", lathe([(0.0, 0.0), (r * 0.7, h * 0.15), (r, h * 0.8), (r, h)], 20, True, False),
          smooth=True)
    c.add("metal", translated(lathe([(r * 1.02, 0.0), (r * 1.02, 0.01)], 20, True, True), (0, 0, h - 0.01)),
          smooth=True)
    c.light((0, 0, h * 0.3), watts, colour, "POINT", r * 0.5)


def _fixture_sconce(c: Ctx) -> None:
    """A wall light: back plate at +Y, an arm, an open shade."""
    hx, hy, h = c.hx, c.hy, c.h
    colour = c.p("colour", "white")
    watts = c.p("watts", 40.0)
    c.add("brass", bbox(-0.05, hy - 0.015, h * 0.2, 0.05, hy, h * 0.6, 0.004))
    c.add("brass", tube((0, hy - 0.01, h * 0.4), (0, 0, h * 0.45), 0.008, 6), smooth=True)
    r = min(hx, hy * 0.9)
    c.add(c.p("mat", "lampshade"), lathe([(r * 0.6, h * 0.45), (r, h)], 16, False, False), smooth=True)
    c.light((0, 0, h * 0.65), watts, colour, "POINT", 0.04)


def _fixture_street(c: Ctx) -> None:
    """A street light: a tapered pole with a lantern head, or a sodium cobra head on an arm."""
    style = c.p("style", "batten")
    hy, h = c.hy, c.h
    colour = c.p("colour", "white")
    watts = c.p("watts", 40.0)
    c.add("dark_metal", tube((0, 0, 0), (0, 0, h - 0.1), 0.07, 10, r1=0.045), smooth=True)
    c.add("dark_metal", lathe([(0.14, 0.0), (0.14, 0.4), (0.08, 0.5)], 12).apply_translation((0, 0, 0)),
          smooth=True)
    if style == "sodium":             # cobra head on a curved arm
        arm = np.array([(0, 0, h - 0.4), (0, -c.d * 0.3, h - 0.08), (0, -c.d + 0.3, h - 0.06)])
        c.add("dark_metal", sweep(arm, np.full(3, 0.035), 8), smooth=True)
        c.add("metal", bbox(-0.15, -hy * 2 + 0.35, h - 0.14, 0.15, -hy * 2 + 0.95 + 0.0, h, 0.05)
              .apply_translation((0, hy, 0)))
        c.add("lamp", bbox(-0.11, -c.d + 0.1 + 0.0, h - 0.15, 0.11, -c.d + 0.55, h - 0.13, 0.01)
              .apply_translation((0, hy, 0)))
        c.light((0, -c.d + 0.6, h - 0.2), watts, colour, "SPOT", 0.2, spot_angle_deg=120.0)
    else:                             # a lantern head on a post top
        c.add("dark_metal", lathe([(0.0, h - 0.1), (0.16, h - 0.05), (0.2, h), (0.0, h + 0.0)], 8),
              smooth=True)
        c.add("lamp", translated(lathe([(0.1, 0.0), (0.15, 0.35), (0.0, 0.38)], 8), (0, 0, h - 0.5)),
              smooth=True)
        c.add("dark_metal", translated(lathe([(0.18, 0.0), (0.22, 0.12), (0.0, 0.2)], 8), (0, 0, h - 0.15)),
              smooth=True)
        c.light((0, 0, h - 0.3), watts, colour, "POINT", 0.15)


def _fixture_spot(c: Ctx) -> None:
    """A stage or film lamp on a tripod, aimed forward."""
    hx, hy, h = c.hx, c.hy, c.h
    colour = c.p("colour", "white")
    watts = c.p("watts", 40.0)
    for k in range(3):
        a = 2 * np.pi * k / 3
        c.add("dark_metal", tube((0, 0, h * 0.45), (np.cos(a) * hx, np.sin(a) * hy, 0.0),
                                 0.012, 6), smooth=True)
    c.add("dark_metal", tube((0, 0, h * 0.4), (0, 0, h - 0.2), 0.018, 8), smooth=True)
    head = lathe([(0.12, 0.0), (0.13, 0.02), (0.13, 0.3), (0.08, 0.34), (0.0, 0.34)], 14)
    v = head.vertices @ np.array([[1, 0, 0], [0, 0, 1.0], [0, -1.0, 0]])
    c.add("dark_metal", new_mesh(v + (0, 0.15, h - 0.13), head.faces, head.visual.uv), smooth=True)
    c.add("lamp", bbox(-0.11, -0.16, h - 0.24, 0.11, -0.15, h - 0.02, 0.02))
    c.light((0, -0.2, h - 0.13), watts, colour, "SPOT", 0.2, direction=(0, -1, -0.2),
            spot_angle_deg=40.0)


def _fixture_flood(c: Ctx) -> None:
    """A floodlight box with its lens, aimed down and forward."""
    hx, hy, h = c.hx, c.hy, c.h
    colour = c.p("colour", "white")
    watts = c.p("watts", 40.0)
    c.add("dark_metal", bbox(-hx, -hy, 0, hx, hy, h, 0.015))
    c.add("lamp", bbox(-hx + 0.02, -hy - 0.003, 0.02, hx - 0.02, -hy + 0.01, h - 0.02, 0.005))
    c.light((0, -hy - 0.05, h / 2), watts, colour, "SPOT", 0.15, direction=(0, -1, -0.5),
            spot_angle_deg=90.0)


def _fixture_exit(c: Ctx) -> None:
    """An illuminated exit sign box."""
    hx, hy, h = c.hx, c.hy, c.h
    watts = c.p("watts", 40.0)
    c.add("plastic", bbox(-hx, -hy, 0, hx, hy, h, 0.006))
    c.add("neon_" + c.p("sign_colour", "green"), bbox(-hx + 0.015, -hy - 0.002, 0.015, hx - 0.015,
                                                     -hy + 0.003, h - 0.015, 0.002))
    c.light((0, -hy - 0.03, h / 2), watts, c.p("sign_colour", "green"), "AREA", c.w * 0.8,
            direction=(0, -1, 0))


def _fixture_bulb(c: Ctx) -> None:
    """A bare bulb on its flex."""
    h = c.h
    colour = c.p("colour", "white")
    watts = c.p("watts", 40.0)
    c.add("rubber", tube((0, 0, 0.1), (0, 0, h), 0.003, 5), smooth=True)
    c.add("dark_metal", translated(lathe([(0.015, 0.0), (0.015, 0.03)], 8), (0, 0, 0.09)), smooth=True)
    c.add("lamp", lathe([(0.0, 0.0), (0.03, 0.015), (0.032, 0.05), (0.015, 0.08), (0.015, 0.095)], 10),
          smooth=True)
    c.light((0, 0, 0.04), watts, colour, "POINT", 0.03)


def _fixture_chandelier(c: Ctx) -> None:
    """A chandelier: a turned brass body, curved arms, candle bulbs."""
    hx, hy, h = c.hx, c.hy, c.h
    watts = c.p("watts", 40.0)
    c.add("brass", tube((0, 0, h * 0.45), (0, 0, h), 0.008, 6), smooth=True)
    turned(c, "urn", "brass", 0.08, h * 0.35, h * 0.2)
    arms = 6 + 2 * c.variant
    r = min(hx, hy) * 0.92
    for k in range(arms):
        a = 2 * np.pi * k / arms
        tip = (np.cos(a) * r, np.sin(a) * r, h * 0.3)
        path = np.array([(0, 0, h * 0.3), (tip[0] * 0.5, tip[1] * 0.5, h * 0.15), tip])
        c.add("brass", sweep(path, np.full(3, 0.008), 6), smooth=True)
        c.add("wax", translated(lathe([(0.012, 0.0), (0.012, 0.09), (0.0, 0.095)], 8), tip), smooth=True)
        _flame(c, tip[0], tip[1], tip[2] + 0.1, 0.03)
    c.light((0, 0, h * 0.4), watts, "cream", "POINT", r * 0.8)


def _fixture_fan(c: Ctx) -> None:
    """A ceiling fan: downrod, motor housing, blades on irons, a light bowl under it."""
    h = c.h
    r = min(c.hx, c.hy)
    c.add("dark_metal", tube((0, 0, h * 0.55), (0, 0, h), 0.012, 8), smooth=True)
    c.add("dark_metal", translated(lathe([(0.03, h * 0.55), (0.03, h * 0.58), (0.0, h)], 10, False, False),
                                   (0, 0, 0)), smooth=True)
    c.add(c.p("mat", "brass"), lathe([(0.0, h * 0.22), (0.08, h * 0.25), (0.1, h * 0.35), (0.09, h * 0.5),
                                      (0.04, h * 0.56), (0.0, h * 0.57)], 16), smooth=True)
    blades = int(c.p("blades", 4 + c.variant % 2))
    for k in range(blades):
        a = 2 * np.pi * k / blades + 0.3
        ca, sa = np.cos(a), np.sin(a)
        blade = bbox(0.14, -0.06, -0.005, r, 0.06, 0.005, 0.004)
        v = blade.vertices.copy()
        v[:, 0], v[:, 1] = v[:, 0] * ca - v[:, 1] * sa, v[:, 0] * sa + v[:, 1] * ca
        c.add(c.p("blade_mat", "wood"), new_mesh(v + (0, 0, h * 0.36), blade.faces, blade.visual.uv))
        c.add("dark_metal", tube((ca * 0.08, sa * 0.08, h * 0.36), (ca * 0.16, sa * 0.16, h * 0.37), 0.008, 6),
              smooth=True)
    c.add("glass", lathe([(0.0, 0.0), (0.07, h * 0.05), (0.1, h * 0.2), (0.09, h * 0.23)], 14, True, False),
          smooth=True)
    c.light((0, 0, h * 0.1), c.p("watts", 40.0), "cream", "POINT", 0.06)


_FIXTURES = {"fan": _fixture_fan, "batten": _fixture_batten, "pendant": _fixture_pendant, "dome": _fixture_dome,
             "sconce": _fixture_sconce, "street": _fixture_street, "sodium": _fixture_street,
             "spot": _fixture_spot, "flood": _fixture_flood, "exit": _fixture_exit, "bulb":
             _fixture_bulb, "chandelier": _fixture_chandelier}


@family("fixture", 1600, fit=True)
def fixture(c: Ctx) -> None:
    """Ceiling, wall and pole fixtures: fluorescent battens, pendants, flush domes,
    sconces, spots, sodium and LED street heads on poles, floodlights, exit signs."""
    _FIXTURES[c.p("style", 'batten')](c)


def _flame_candle(c: Ctx) -> None:
    """A candle, burnt down a little in some variants, with its wick and flame."""
    hx, hy, h = c.hx, c.hy, c.h
    r = min(hx, hy)
    wax_h = (h - 0.03) * (1.0, 0.93, 0.9)[c.variant]     # burnt down a little
    turned(c, "candle", "wax", r, wax_h)
    c.add("dark_metal", tube((0, 0, wax_h - 0.003), (0, 0, wax_h + 0.008), 0.001, 4), smooth=True)
    _flame(c, 0, 0, wax_h + 0.006, min(0.03, h - wax_h - 0.006))
    c.light((0, 0, wax_h + 0.02), 3.0, "orange", "POINT", 0.01)


def _flame_candelabra(c: Ctx) -> None:
    """A three-branch candelabra with its candles lit."""
    hx, hy, h = c.hx, c.hy, c.h
    r = min(hx, hy)
    turned(c, "trophy", "brass", r * 0.45, h * 0.55)
    for x in (-hx + 0.012, 0.0, hx - 0.012):
        zt = h * 0.62 if x else h * 0.7
        if x:
            c.add("brass", sweep(np.array([(0, 0, h * 0.45), (x * 0.6, 0, h * 0.45), (x, 0, zt)]),
                                 np.full(3, 0.007), 6), smooth=True)
        c.add("wax", translated(lathe([(0.011, 0.0), (0.011, h * 0.25), (0.0, h * 0.255)], 8), (x, 0, zt)),
              smooth=True)
        _flame(c, x, 0, zt + h * 0.255, min(0.03, h * 0.05))
        c.light((x, 0, zt + h * 0.28), 3.0, "orange", "POINT", 0.01)


def _flame_torch(c: Ctx) -> None:
    """A wall torch in its bracket (back at +Y)."""
    hy, h = c.hy, c.h
    c.add("dark_metal", bbox(-0.04, hy - 0.01, h * 0.25, 0.04, hy, h * 0.55, 0.003))
    c.add("dark_metal", tube((0, hy, h * 0.4), (0, 0, h * 0.4), 0.008, 6), smooth=True)
    c.add("wood", tube((0, -hy * 0.3, 0.0), (0, -hy * 0.1, h * 0.7), 0.02, 8, r1=0.03), smooth=True)
    c.add("dark_metal", lathe([(0.03, h * 0.6), (0.045, h * 0.72)], 10, False, False), smooth=True)
    _flame(c, 0, -hy * 0.1, h * 0.7, h * 0.3)
    c.light((0, -hy * 0.1, h * 0.82), 40.0, "orange", "POINT", 0.08)


def _flame_lantern(c: Ctx) -> None:
    """Hurricane lantern or camping lantern."""
    hx, hy, h = c.hx, c.hy, c.h
    r = min(hx, hy)
    turned(c, "cheese", "dark_metal", r, h * 0.15)
    turned(c, "jar", "glass", r * 0.75, h * 0.55, h * 0.15, wall=0.002)
    turned(c, "bowl", "dark_metal", r * 0.9, h * 0.15, h * 0.68)
    c.add("dark_metal", [tube((x, 0, h * 0.12), (x, 0, h * 0.75), 0.004, 5) for x in (-r * 0.95, r * 0.95)],
          smooth=True)
    a = np.linspace(0, np.pi, 9)
    c.add("dark_metal", sweep(np.column_stack([np.cos(a) * r * 0.6, np.zeros(9), h * 0.83 + np.sin(a) * h * 0.16]),
                              np.full(9, 0.003), 5), smooth=True)
    _flame(c, 0, 0, h * 0.3, h * 0.15)
    c.light((0, 0, h * 0.38), c.p("watts", 8.0), c.p("colour", "orange"), "POINT", 0.03)


def _flame_oil_lamp(c: Ctx) -> None:
    """An oil lamp: a brass font under a glass chimney."""
    hx, hy, h = c.hx, c.hy, c.h
    r = min(hx, hy)
    turned(c, "gourd", "brass", r, h * 0.35)
    turned(c, "vase", "glass", r * 0.45, h * 0.6, h * 0.35, wall=0.002)
    _flame(c, 0, 0, h * 0.4, h * 0.12)
    c.light((0, 0, h * 0.48), 6.0, "orange", "POINT", 0.02)


def _flame_brazier(c: Ctx) -> None:
    """A brazier: a fire bowl on three legs, flames above it."""
    hx, hy, h = c.hx, c.hy, c.h
    r = min(hx, hy)
    turned(c, "bowl", "dark_metal", r, h * 0.35, h * 0.55)
    for k in range(3):
        a = 2 * np.pi * k / 3
        c.add("dark_metal", tube((np.cos(a) * r * 0.5, np.sin(a) * r * 0.5, h * 0.6),
                                 (np.cos(a) * r * 0.8, np.sin(a) * r * 0.8, 0.0), 0.015, 6), smooth=True)
    for k in range(5):
        a = c.u(0, 6.28)
        _flame(c, np.cos(a) * r * 0.3, np.sin(a) * r * 0.3, h * 0.75, h * 0.25 * c.u(0.7, 1.0))
    c.light((0, 0, h * 0.95), 150.0, "orange", "POINT", r * 0.6)


def _flame_campfire(c: Ctx) -> None:
    """A camp fire: logs leaning into a cone inside a ring of stones."""
    hx, hy, h = c.hx, c.hy, c.h
    r = min(hx, hy)
    n = 6 + c.variant
    for k in range(n):
        a = 2 * np.pi * k / n + c.u(-0.2, 0.2)
        c.add("bark", tube((np.cos(a) * r, np.sin(a) * r, 0.03), (0, 0, h * 0.45), 0.04, 8, r1=0.03),
              smooth=True)
    ring = np.linspace(0, 2 * np.pi, 11)[:-1]
    for a in ring:
        c.add("rock", bbox(np.cos(a) * r - 0.06, np.sin(a) * r - 0.06, 0, np.cos(a) * r + 0.06,
                           np.sin(a) * r + 0.06, 0.1, 0.03))
    for k in range(4):
        _flame(c, c.u(-0.1, 0.1), c.u(-0.1, 0.1), h * 0.2, h * 0.78 * (1.0 if k == 0 else c.u(0.6, 0.9)))
    c.light((0, 0, h * 0.5), 250.0, "orange", "POINT", 0.3)


def _flame_fireplace(c: Ctx) -> None:
    """A fireplace against the wall (+Y): stone surround, mantel shelf, hearth slab, a
    dark firebox with logs burning in it."""
    hx, hy, h = c.hx, c.hy, c.h
    mat = c.p("mat", "stone")
    ow, oh = c.w * 0.5, h * 0.55             # the opening
    c.add(mat, [bbox(-hx + 0.05, hy - 0.3, 0.05, -ow / 2, hy, h - 0.08, 0.01),
                bbox(ow / 2, hy - 0.3, 0.05, hx - 0.05, hy, h - 0.08, 0.01),
                bbox(-ow / 2 - 0.001, hy - 0.3, oh, ow / 2 + 0.001, hy, h - 0.08, 0.01)])
    c.add(mat, bbox(-hx, hy - 0.36, h - 0.08, hx, hy, h, 0.012))                 # mantel
    c.add(mat, bbox(-hx + 0.02, -hy, 0.0, hx - 0.02, hy, 0.05, 0.008))            # hearth
    c.add("dark_metal", bbox(-ow / 2, hy - 0.06, 0.05, ow / 2, hy - 0.02, oh, 0.002))   # fireback
    for k in range(3):
        x = (k - 1) * ow * 0.18
        c.add("bark", tube((x - 0.15, hy - 0.2, 0.1), (x + 0.15, hy - 0.15, 0.14), 0.04, 8), smooth=True)
    for k in range(3):
        _flame(c, (k - 1) * ow * 0.15, hy - 0.18, 0.12, oh * 0.45 * (1.0 if k == 1 else 0.7))
    c.light((0, hy - 0.25, 0.3), 120.0, "orange", "POINT", 0.2)


_FLAMES = {"fireplace": _flame_fireplace, "candle": _flame_candle, "candelabra": _flame_candelabra,
           "torch": _flame_torch, "lantern": _flame_lantern, "oil_lamp": _flame_oil_lamp,
           "brazier": _flame_brazier, "campfire": _flame_campfire}


@family("flame", 1400)
def flame(c: Ctx) -> None:
    """Naked flames: candles, candelabras, wall torches, hurricane lanterns, oil lamps,
    braziers and camp fires (warm orange, low power, small soft sources)."""
    _FLAMES[c.p("style", 'candle')](c)


@family("string_lights", 2400)
def string_lights(c: Ctx) -> None:
    """Fairy or festoon lights: a sagging cable between two hooks at z = h with bulbs
    along it (a few sockets stand in for the many bulbs)."""
    n = int(c.p("bulbs", 20))
    sag = c.h - c.p("bulb_h", 0.06) - 0.02
    t = np.linspace(-1, 1, 33)
    x = t * (c.hx - 0.02)
    z = c.h - 0.01 - sag * (1 - t ** 2)
    c.add("rubber", sweep(np.column_stack([x, np.zeros_like(x), z]), np.full(len(x), 0.003), 5), smooth=True)
    tb = np.linspace(-0.95, 0.95, n)
    bz = c.h - 0.01 - sag * (1 - tb ** 2)
    bx = tb * (c.hx - 0.02)
    bulb_h = c.p("bulb_h", 0.06)
    for xb, zb in zip(bx, bz):
        c.add("lamp", translated(lathe([(0.0, -bulb_h), (bulb_h * 0.35, -bulb_h * 0.75),
                                        (bulb_h * 0.3, -bulb_h * 0.3), (0.006, -0.005), (0.0, 0.0)], 7),
                                 (xb, 0, zb)), smooth=True)
    for k in range(4):
        i = int((k + 0.5) * n / 4)
        c.light((bx[i], 0, bz[i] - bulb_h * 0.5), c.p("watts", 2.0) * n / 4, c.p("colour", "cream"),
                "POINT", 0.05)
