"""Object families: turned vessels (tableware, kitchen pots, vases, bins, drums, balls),
boxes and cases, flat wall pieces (frames, mirrors, boards, switches) and street posts."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...mesh import lathe, new_mesh, sweep, translated, tube, tubes
from .core import Ctx, family
from .shapes import bbox, fillet, prism, rounded_box, slab_xy

# Normalised lathe profiles: (radius / (w/2), z / h), bottom to top; shells get a wall.
PROFILES: dict[str, list[tuple[float, float]]] = {
    "cup": [(0.0, 0.0), (0.7, 0.0), (0.75, 0.05), (0.95, 0.7), (1.0, 1.0)],
    "mug": [(0.0, 0.0), (0.92, 0.0), (0.95, 0.03), (0.95, 0.97), (0.97, 1.0)],
    "glass": [(0.0, 0.0), (0.78, 0.0), (0.8, 0.08), (1.0, 1.0)],
    "wine_glass": [(0.0, 0.0), (0.85, 0.0), (0.8, 0.02), (0.08, 0.05), (0.06, 0.45), (0.5, 0.52),
                   (0.95, 0.75), (0.85, 1.0)],
    "bowl": [(0.0, 0.0), (0.5, 0.0), (0.52, 0.08), (0.85, 0.45), (1.0, 1.0)],
    "plate": [(0.0, 0.0), (0.6, 0.0), (0.62, 0.3), (0.95, 0.85), (1.0, 1.0)],
    "vase": [(0.0, 0.0), (0.6, 0.0), (0.9, 0.25), (1.0, 0.45), (0.6, 0.75), (0.4, 0.88),
             (0.55, 1.0)],
    "amphora": [(0.0, 0.0), (0.2, 0.0), (0.25, 0.08), (0.85, 0.4), (1.0, 0.55), (0.7, 0.8),
                (0.3, 0.88), (0.32, 0.97), (0.4, 1.0)],
    "jar": [(0.0, 0.0), (0.9, 0.0), (0.95, 0.05), (1.0, 0.6), (0.85, 0.82), (0.7, 0.86),
            (0.72, 1.0)],
    "bottle": [(0.0, 0.0), (0.96, 0.0), (1.0, 0.03), (1.0, 0.62), (0.9, 0.72), (0.34, 0.82),
               (0.3, 0.96), (0.36, 1.0)],
    "jug": [(0.0, 0.0), (0.8, 0.0), (0.85, 0.05), (1.0, 0.45), (0.78, 0.8), (0.85, 1.0)],
    "pot": [(0.0, 0.0), (0.95, 0.0), (1.0, 0.04), (1.0, 0.92), (1.04, 0.95), (1.04, 1.0)],
    "pan": [(0.0, 0.0), (0.9, 0.0), (0.94, 0.08), (1.0, 1.0)],
    "bucket": [(0.0, 0.0), (0.78, 0.0), (0.8, 0.03), (1.0, 0.94), (1.02, 1.0)],
    "flowerpot": [(0.0, 0.0), (0.72, 0.0), (0.74, 0.03), (0.92, 0.82), (1.0, 0.84), (1.0, 1.0)],
    "bin": [(0.0, 0.0), (0.88, 0.0), (0.9, 0.02), (1.0, 0.96), (1.02, 1.0)],
    "drum": [(0.0, 0.0), (0.96, 0.0), (1.0, 0.015), (1.0, 0.32), (1.03, 0.33), (1.0, 0.34),
             (1.0, 0.66), (1.03, 0.67), (1.0, 0.68), (1.0, 0.985), (0.96, 1.0), (0.0, 1.0)],
    "keg": [(0.0, 0.0), (0.95, 0.0), (1.0, 0.06), (0.97, 0.1), (0.97, 0.5), (1.0, 0.52),
            (0.97, 0.54), (0.97, 0.9), (1.0, 0.94), (0.95, 1.0), (0.0, 1.0)],
    "barrel": [(0.0, 0.0), (0.82, 0.0), (0.84, 0.1), (0.95, 0.3), (1.0, 0.5), (0.95, 0.7),
               (0.84, 0.9), (0.82, 1.0), (0.0, 1.0)],
    "cylinder": [(0.0, 0.0), (0.95, 0.0), (1.0, 0.03), (1.0, 0.78), (0.85, 0.88), (0.3, 0.93),
                 (0.3, 1.0), (0.0, 1.0)],
    "extinguisher": [(0.0, 0.0), (0.95, 0.0), (1.0, 0.03), (1.0, 0.8), (0.7, 0.9), (0.3, 0.93),
                     (0.3, 1.0), (0.0, 1.0)],
    "sphere": [(np.sin(a), (1 - np.cos(a)) / 2) for a in np.linspace(0, np.pi, 11)],
    "bag": [(0.0, 0.0), (0.85, 0.0), (1.0, 0.04), (1.0, 0.96), (0.85, 1.0), (0.0, 1.0)],
    "cheese": [(0.0, 0.0), (0.96, 0.0), (1.0, 0.15), (1.0, 0.85), (0.96, 1.0), (0.0, 1.0)],
    "trophy": [(0.0, 0.0), (0.8, 0.0), (0.8, 0.12), (0.2, 0.16), (0.15, 0.4), (0.3, 0.5),
               (0.9, 0.65), (1.0, 1.0)],
    "teapot": [(0.0, 0.0), (0.6, 0.0), (0.85, 0.15), (1.0, 0.45), (0.85, 0.75), (0.45, 0.85),
               (0.1, 0.95), (0.0, 1.0)],
    "kettle": [(0.0, 0.0), (0.95, 0.0), (1.0, 0.05), (0.95, 0.6), (0.6, 0.85), (0.15, 0.9),
               (0.12, 0.97), (0.0, 1.0)],
    "milk_can": [(0.0, 0.0), (0.95, 0.0), (1.0, 0.04), (1.0, 0.62), (0.55, 0.78), (0.55, 0.94),
                 (0.6, 1.0), (0.0, 1.0)],
    "urn": [(0.0, 0.0), (0.5, 0.0), (0.45, 0.1), (0.8, 0.35), (1.0, 0.6), (0.75, 0.82),
            (0.8, 0.92), (0.6, 1.0), (0.0, 1.0)],
    "bollard": [(0.0, 0.0), (1.0, 0.0), (1.0, 0.08), (0.8, 0.12), (0.8, 0.85), (0.9, 0.88),
                (0.6, 0.97), (0.0, 1.0)],
    "hydrant": [(0.0, 0.0), (1.0, 0.0), (1.0, 0.06), (0.6, 0.1), (0.55, 0.7), (0.75, 0.73),
                (0.7, 0.82), (0.4, 0.95), (0.15, 1.0), (0.0, 1.0)],
    "buoy": [(0.0, 0.0), (0.5, 0.05), (0.9, 0.25), (1.0, 0.4), (0.8, 0.5), (0.35, 0.62),
             (0.3, 0.9), (0.1, 1.0), (0.0, 1.0)],
    "pillar_box": [(0.0, 0.0), (1.0, 0.0), (1.0, 0.1), (0.9, 0.12), (0.9, 0.82), (1.0, 0.84),
                   (0.95, 0.92), (0.6, 0.98), (0.0, 1.0)],
    "basket": [(0.0, 0.0), (0.7, 0.0), (0.75, 0.05), (1.0, 0.92), (1.03, 1.0)],
    "candle": [(0.0, 0.0), (1.0, 0.0), (1.0, 0.97), (0.8, 1.0), (0.0, 0.985)],
    "gourd": [(0.0, 0.0), (0.55, 0.02), (0.9, 0.15), (1.0, 0.45), (0.85, 0.75), (0.4, 0.92),
              (0.1, 1.0), (0.0, 1.0)],
    "cone": [(0.0, 0.0), (1.0, 0.0), (1.0, 0.04), (0.62, 0.06), (0.12, 0.97), (0.0, 1.0)],
    "stump": [(0.0, 0.0), (1.0, 0.0), (0.85, 0.12), (0.72, 0.3), (0.7, 0.95), (0.0, 1.0)],
}
_OPEN = {"cup", "mug", "glass", "wine_glass", "bowl", "plate", "vase", "jar", "jug", "pot", "pan",
         "bucket", "flowerpot", "bin", "basket", "amphora", "trophy"}


# Stemmed vessels are hollow only above their stem (fraction of the height).
_CUP_FROM = {"trophy": 0.5, "wine_glass": 0.5}


def _shell(prof: np.ndarray, wall: float, floor: float = 0.0) -> np.ndarray:
    """An open vessel's profile with its wall: outside up, inside back down to a floor
    `wall` above the base (or above the stem of a stemmed vessel)."""
    floor = max(floor, wall * 1.5)
    inner = prof[::-1].copy()
    inner[:, 0] = np.maximum(inner[:, 0] - wall, 0.0)
    inner = inner[(inner[:, 1] > floor) & (inner[:, 0] > 0)]
    return np.vstack([prof, inner, [(0.0, floor)]])


def turned(c: Ctx, shape: str, mat: str, rx: float, h: float, z0: float = 0.0,
           sections: int | None = None, wall: float | None = None, x: float = 0.0,
           y: float = 0.0, belly: float = 0.0):
    """Add a lathe of the named profile at radius rx, height h; `belly` swells (or
    pinches) the middle without moving the widest point by more than that fraction."""
    prof = np.asarray(PROFILES[shape], float)
    if belly:
        prof[:, 0] *= 1.0 + belly * np.sin(np.pi * prof[:, 1])
        prof[:, 0] /= max(1.0, prof[:, 0].max())
    prof = prof * (rx, h)
    if shape in _OPEN:
        prof = _shell(prof, wall if wall is not None else max(0.003, rx * 0.06),
                      _CUP_FROM.get(shape, 0.0) * h)
    prof[:, 1] += z0
    n = sections or (12 if rx < 0.06 else 20 if rx < 0.3 else 28)
    c.add(mat, translated(lathe([tuple(p) for p in prof], n, cap_bottom=prof[0, 0] > 0,
                                cap_top=prof[-1, 0] > 0), (x, y, 0.0)), smooth=True)


def _loop(x0: float, x1: float, z0: float, z1: float, thick: float):
    """A D-shaped handle in the XZ plane from (x0, z0) out to x1 and back to (x0, z1)."""
    a = np.linspace(-np.pi / 2, np.pi / 2, 9)
    zc, zr = (z0 + z1) / 2, (z0 - z1) / 2
    pts = np.column_stack([x0 + (x1 - x0) * np.cos(a), np.zeros(9), zc - zr * np.sin(a)])
    return sweep(pts, np.full(9, thick), 8)


def _globe(c: Ctx, mat: str) -> None:
    """A desk globe: the sphere in a brass meridian tilted 23.5 degrees, on a turned foot."""
    r = min(c.hy, c.hx - 0.021)
    zc = c.h - r - 0.03
    turned(c, "sphere", mat, r, 2 * r, zc - r)
    turned(c, "trophy", "brass", min(c.hx, c.hy) * 0.55, zc - r * 0.9)
    a = np.linspace(-np.pi * 0.15, np.pi * 1.15, 17)
    tilt = np.radians(23.5)
    x = (r + 0.015) * np.cos(a)
    z = (r + 0.015) * np.sin(a)
    arc = np.column_stack([x * np.cos(tilt) - z * np.sin(tilt), np.zeros(17),
                           zc + x * np.sin(tilt) + z * np.cos(tilt)])
    c.add("brass", sweep(arc, np.full(17, 0.006), 6), smooth=True)


@dataclass(frozen=True)
class _Body:
    """The turned body a vessel's fittings attach to."""

    shape: str
    mat: str
    r: float                      # body radius
    h: float                      # body height
    cx: float                     # body centre on X


def _pan_handle(c: Ctx, b: _Body) -> None:
    """A long handle to +X (the body sits at the -X end)."""
    c.add(c.p("handle_mat", "dark_metal"), tube((b.cx + b.r * 0.95, 0, b.h * 0.85),
                                                (c.hx - 0.012, 0, b.h * 0.8), 0.012, 8), smooth=True)


def _handle(c: Ctx, b: _Body) -> None:
    """A D handle whose loop reaches +X (cups, mugs, jugs)."""
    t = max(0.004, b.h * 0.05)
    c.add(b.mat, _loop(b.cx + b.r * 0.92, c.hx - t, b.h * 0.78, b.h * 0.3, t), smooth=True)


def _spout(c: Ctx, b: _Body) -> None:
    """A tapering spout to +X and a handle to -X; a teapot's lid knob."""
    h, r = b.h, b.r
    c.add(b.mat, tube((r * 0.8, 0, h * 0.35), (c.hx - 0.004, 0, h * 0.8), max(0.005, h * 0.06), 8,
                      r1=max(0.003, h * 0.03)), smooth=True)
    c.add(b.mat, _loop(-r * 0.85, -c.hx + max(0.004, h * 0.04), h * 0.75, h * 0.3,
                       max(0.004, h * 0.04)), smooth=True)
    if b.shape == "teapot":
        c.add(b.mat, translated(lathe([(0.0, 0.0), (0.012, 0.0), (0.014, 0.01), (0.0, 0.018)], 8),
                                (0, 0, h * 0.96)), smooth=True)


def _valve(c: Ctx, b: _Body) -> None:
    """A cylinder's valve with its cap; an extinguisher's lever and hose."""
    h, r = b.h, b.r
    neck = r * 0.3
    hose = c.p("extra") == "hose"
    c.add("dark_metal" if hose else "brass",
          translated(lathe([(neck * 0.8, 0.0), (neck * 0.8, 0.03), (neck * 1.1, 0.035),
                            (neck * 1.1, 0.05), (0.0, 0.055)], 10), (0, 0, h)), smooth=True)
    if hose:
        c.add("dark_metal", tube((0, 0, h + 0.04), (r * 0.9, 0, h + 0.045), 0.008, 6), smooth=True)
        path = np.array([(-neck, 0, h + 0.02), (-r * 1.0, 0, h * 0.95), (-r * 1.05, 0, h * 0.6),
                         (-r * 1.0, 0, h * 0.45)])
        c.add("rubber", sweep(path, np.full(4, 0.008), 6), smooth=True)


def _chain(c: Ctx, b: _Body) -> None:
    """Three chains from the top rim to a swivel at the ceiling (a punching bag)."""
    c.add("dark_metal", [tube((np.cos(t) * b.r * 0.7, np.sin(t) * b.r * 0.7, b.h), (0, 0, c.h - 0.02),
                              0.005, 5) for t in (0.0, 2.1, 4.2)], smooth=True)


def _pump(c: Ctx, b: _Body) -> None:
    """A soap pump: collar, stem and spout."""
    c.add("chrome", translated(lathe([(b.r * 0.45, 0.0), (b.r * 0.45, 0.02), (0.008, 0.025),
                                      (0.008, 0.05), (0.0, 0.05)], 10), (0, 0, b.h)), smooth=True)
    c.add("chrome", tube((0, 0, b.h + 0.045), (b.r * 0.9, 0, b.h + 0.04), 0.005, 6), smooth=True)


def _bail(c: Ctx, b: _Body) -> None:
    """A bucket's wire bail, or a basket's tall hoop handle."""
    a = np.linspace(0, np.pi, 11)
    r = b.r * 0.98
    rise = c.h - b.h - 0.01 if c.p("hoop") else min(0.02, c.h * 0.05)
    thick = 0.01 if c.p("hoop") else 0.003
    pts = np.column_stack([np.cos(a) * r, np.zeros(11), b.h * 0.9 + np.sin(a) * (rise + b.h * 0.1)])
    c.add(c.p("bail_mat", "metal"), sweep(pts, np.full(11, thick), 6), smooth=True)


def _lid(c: Ctx, b: _Body) -> None:
    """A flat lid a little wider than the rim."""
    turned(c, "cheese", c.p("lid_mat", b.mat), b.r * 1.04, b.h * 0.05, b.h * 0.95)


_EXTRAS = {"pan_handle": _pan_handle, "handle": _handle, "spout": _spout, "valve": _valve,
           "hose": _valve, "chain": _chain, "pump": _pump, "bail": _bail, "lid": _lid}


def _flowers(c: Ctx, b: _Body) -> None:
    """Stems fanning out of the neck, a flower head on each."""
    n = 7 + c.variant * 3
    ang = c.rng.uniform(0, 2 * np.pi, n)
    tilt = c.rng.uniform(0.05, 0.35, n)
    ends = np.column_stack([np.cos(ang) * tilt * c.h * 0.6, np.sin(ang) * tilt * c.h * 0.6,
                            np.full(n, c.h * 0.98)])
    rx = min(c.hx, c.hy)
    ends[:, :2] = np.clip(ends[:, :2], -rx, rx)
    c.add("foliage", tubes(np.tile([0, 0, b.h * 0.5], (n, 1)), ends, 0.003, None, 5), smooth=True)
    for e in ends:
        c.add("fruit", translated(lathe([(0.0, -0.02), (0.03, 0.0), (0.02, 0.015), (0.0, 0.01)], 8),
                                  e - (0, 0, 0.015)), smooth=True)


def _liquid(c: Ctx, b: _Body) -> None:
    turned(c, "cheese", "water", b.r * 0.85, b.h * 0.02, b.h * 0.6)


def _soil(c: Ctx, b: _Body) -> None:
    turned(c, "cheese", "soil", b.r * 0.9, b.h * 0.03, b.h * 0.88)


def _fruit(c: Ctx, b: _Body) -> None:
    """Round fruit heaped in the bowl."""
    pts = c.rng.uniform(-0.5, 0.5, (6 + c.variant * 2, 2)) * b.r
    ball = lathe([(np.sin(a) * 0.04, (1 - np.cos(a)) * 0.04) for a in np.linspace(0, np.pi, 7)], 8)
    for x, y in pts:
        c.add("fruit", translated(ball, (x, y, b.h * 0.35)), smooth=True)


_CONTENTS = {"flowers": _flowers, "liquid": _liquid, "soil": _soil, "fruit": _fruit}


def _body_height(c: Ctx, shape: str, extra: str | None) -> float:
    """How much of the kind's height the turned body takes (the rest: flowers, a hoop
    handle, a chain, a pump)."""
    if extra in ("chain", "pump"):
        return c.h * (0.8 if extra == "chain" else 0.72)
    if c.p("hoop"):
        return c.h * 0.55
    return c.h * (0.98 if shape != "sphere" else 1.0) * (0.5 if c.p("contents") == "flowers" else 1.0)


def _body_place(c: Ctx, extra: str | None) -> tuple[float, float]:
    """Body radius and centre: off to -X when a handle or spout needs the room."""
    if extra == "pan_handle":
        return c.hy, -c.hx + c.hy
    if extra == "handle":
        r = min(c.hy, c.w * 0.36)
        return r, -c.hx + r
    if extra == "spout":
        return min(c.hy, c.w * 0.3), 0.0
    return min(c.hx, c.hy), 0.0


@family("vessel", 2400)
def vessel(c: Ctx) -> None:
    """Turned vessels from a named profile, with handles, spouts, lids and contents where
    the kind has them: cups, jugs, vases, pans, buckets, bins, drums, kegs, balls."""
    shape = c.p("shape", "vase")
    mat = c.p("mat", "ceramic")
    extra = c.p("extra")
    if extra == "stand":          # globe: the sphere sits in a meridian over a turned foot
        _globe(c, mat)
        return
    belly = (0.0, 0.05, -0.05)[c.variant]       # variants: fuller or slimmer in the middle
    r, cx = _body_place(c, extra)
    b = _Body(shape, mat, r, _body_height(c, shape, extra), cx)
    turned(c, shape, mat, r, b.h, x=cx, belly=0.0 if shape == "sphere" else belly)
    if shape in ("barrel", "drum") and mat == "wood":
        for f in (0.12, 0.3, 0.7, 0.88):     # iron hoops over the staves
            rr = r * np.interp(f, [p[1] for p in PROFILES[shape]], [p[0] for p in PROFILES[shape]])
            c.add("dark_metal", lathe([(rr + 0.004, b.h * f - 0.02), (rr + 0.006, b.h * f),
                                       (rr + 0.004, b.h * f + 0.02)], 28, False, False), smooth=True)
    if extra:
        _EXTRAS[extra](c, b)
    if c.p("contents"):
        _CONTENTS[c.p("contents")](c, b)


def _box_crate(c: Ctx) -> None:
    """A nailed crate: a panelled core, edge battens, corner posts; fruit in a produce crate."""
    mat = c.p("mat", "cardboard")
    hx, hy, h = c.hx, c.hy, c.h
    b = 0.05
    c.add(mat, bbox(-hx + 0.015, -hy + 0.015, 0, hx - 0.015, hy - 0.015, h - 0.005, 0.003))
    for z in (0.0, h - b):
        c.add(mat, [bbox(-hx, -hy, z, hx, -hy + 0.02, z + b, 0.004),
                    bbox(-hx, hy - 0.02, z, hx, hy, z + b, 0.004),
                    bbox(-hx, -hy, z, -hx + 0.02, hy, z + b, 0.004),
                    bbox(hx - 0.02, -hy, z, hx, hy, z + b, 0.004)])
    for sx in (-1, 1):           # corner battens
        for sy in (-1, 1):
            x0, y0 = sx * (hx - 0.06), sy * (hy - 0.02)
            c.add(mat, bbox(min(x0, sx * hx), min(y0, sy * hy), b, max(x0, sx * hx),
                            max(y0, sy * hy), h - b, 0.004))
    if c.p("fruit"):
        n = int(c.w / 0.08) * int(c.d / 0.08)
        xs = np.linspace(-hx + 0.05, hx - 0.05, int(c.w / 0.08))
        ys = np.linspace(-hy + 0.05, hy - 0.05, int(c.d / 0.08))
        X, Y = np.meshgrid(xs, ys)
        for x, y in zip(X.ravel()[:n], Y.ravel()[:n]):
            c.add("fruit", translated(lathe([(np.sin(a) * 0.04, (1 - np.cos(a)) * 0.04)
                                             for a in np.linspace(0, np.pi, 6)], 7),
                                      (x, y, h - 0.07 + c.u(0, 0.01))), smooth=True)


def _box_pallet(c: Ctx) -> None:
    """A pallet: deck boards on three stringers."""
    mat = c.p("mat", "cardboard")
    hx, hy, h = c.hx, c.hy, c.h
    for x in np.linspace(-hx + 0.05, hx - 0.05, 7):
        c.add(mat, bbox(x - 0.05, -hy, h - 0.022, x + 0.05, hy, h, 0.003))
    for y in (-hy + 0.05, 0.0, hy - 0.05):
        c.add(mat, bbox(-hx, y - 0.05, 0.0, hx, y + 0.05, h - 0.022, 0.004))


def _box_soft(c: Ctx) -> None:
    """Sacks, bags, bales, backpacks: puffed rounded box."""
    mat = c.p("mat", "cardboard")
    hx, hy, h = c.hx, c.hy, c.h
    top = h * 0.8 if c.p("neck") else h
    puff = min(hx, hy, top / 2) * 0.15
    c.add(mat, rounded_box((-hx, -hy, puff), (hx, hy, top - puff), min(hx, hy, top / 2) * 0.6,
                           seg=3, mid=2, puff=puff), smooth=True)
    if c.p("neck"):                # gathered and tied
        r = min(hx, hy)
        c.add(mat, lathe([(r * 0.7, top - puff * 2), (r * 0.25, top + (h - top) * 0.45),
                          (r * 0.2, top + (h - top) * 0.55), (r * 0.4, h), (0.0, h)], 12),
              smooth=True)
        c.add("rope", translated(lathe([(r * 0.24, -0.01), (r * 0.27, 0.0), (r * 0.24, 0.01)], 12,
                                       False, False), (0, 0, top + (h - top) * 0.5)), smooth=True)
    if c.p("straps"):
        c.add(c.p("strap_mat", "rope"), [bbox(x - 0.01, -hy - 0.003, 0.0, x + 0.01, hy + 0.003, h * 0.98, 0.004)
                                         for x in (-hx * 0.5, hx * 0.5)])


def _box_container(c: Ctx) -> None:
    """Shipping container: corrugated walls."""
    mat = c.p("mat", "cardboard")
    hx, hy, h = c.hx, c.hy, c.h
    n = int(c.w / 0.14)
    prof = []
    for k in range(n + 1):
        x = -hx + k * c.w / n
        prof += [(x, -hy + (0.03 if k % 2 else 0.0))]
    c.add(mat, bbox(-hx + 0.03, -hy + 0.03, 0.1, hx - 0.03, hy - 0.03, h - 0.1, 0.01))
    xs = np.linspace(-hx + 0.15, hx - 0.15, n)
    c.add(mat, [bbox(x - 0.04, y, 0.12, x + 0.04, y + 0.03 * np.sign(-y), h - 0.12, 0.008)
                for x in xs for y in (-hy + 0.03, hy - 0.03)])
    for x in (-hx, hx - 0.15):
        for y in (-hy, hy - 0.15):
            c.add("dark_metal", bbox(x, y, 0, x + 0.15, y + 0.15, h, 0.01))
    c.add("dark_metal", [bbox(-hx, -hy, 0, hx, hy, 0.12, 0.01), bbox(-hx, -hy, h - 0.1, hx, hy, h, 0.01)])


def _box_default(c: Ctx) -> None:
    """Cases: plain boxes with lids, flaps and handles, suitcases, trunks with domed lids."""
    style = c.p("style", "plain")
    mat = c.p("mat", "cardboard")
    hx, hy, h = c.hx, c.hy, c.h
    bev = c.p("bevel", 0.01)
    lid = c.p("lid", 0.0)
    h = h - 0.05 if c.p("handle") else h
    body_top = h * (1 - lid) if lid else (h - 0.003 if c.p("flaps") else h)
    if style == "trunk":
        c.add(mat, bbox(-hx, -hy, 0, hx, hy, body_top, bev))
        a = np.linspace(0, np.pi, 9)
        arch = [(hx * np.cos(t) * 0.999, body_top + (h - body_top) * np.sin(t)) for t in a]
        prof = [(hx, body_top)] + arch[1:-1] + [(-hx, body_top)]
        c.add(mat, prism(prof, -hy, hy, 0.006))
        c.add("brass", [bbox(x - 0.02, -hy - 0.004, 0, x + 0.02, hy + 0.004, body_top + 0.004, 0.003)
                        for x in (-hx * 0.6, hx * 0.6)])
    elif style == "suitcase":
        c.add(mat, rounded_box((-hx, -hy, 0.02), (hx, hy, h - 0.03), min(0.04, hy * 0.6),
                               seg=2, mid=1), smooth=True)
        c.add("dark_metal", sweep(np.array([(-hx * 0.25, 0, h - 0.035), (-hx * 0.25, 0, h),
                              (hx * 0.25, 0, h), (hx * 0.25, 0, h - 0.035)]), np.full(4, 0.008), 6),
              smooth=True)
        c.add("rubber", [translated(lathe([(0.018, 0.0), (0.02, 0.012), (0.018, 0.025)], 8), (x, y, 0.0))
               for x in (-hx + 0.04, hx - 0.04) for y in (-hy * 0.5, hy * 0.5)], smooth=True)
    else:
        c.add(mat, bbox(-hx, -hy, 0, hx, hy, body_top, bev))
        if lid:
            c.add(c.p("lid_mat", mat), bbox(-hx - 0.004, -hy - 0.004, body_top - 0.002,
                                            hx + 0.004, hy + 0.004, h, bev))
        if c.p("flaps"):
            c.add(mat, [bbox(-hx, -hy, h - 0.002, -0.001, hy, h, 0.0005),
                        bbox(0.001, -hy, h - 0.002, hx, hy, h, 0.0005)])
            c.add("tape", bbox(-0.025, -hy - 0.001, h - 0.08, 0.025, hy + 0.001, h + 0.001, 0.0005))
        if c.p("handle"):
            a = np.linspace(0, np.pi, 9)
            pts = np.column_stack([np.cos(a) * hx * 0.3, np.zeros(9),
                                   h - 0.01 + np.sin(a) * 0.05])
            c.add("dark_metal", sweep(pts, np.full(9, 0.008), 6), smooth=True)


def _box_aquarium(c: Ctx) -> None:
    """A fish tank: glass walls, water to near the top, gravel, a lid with its lamp."""
    hx, hy, h = c.hx, c.hy, c.h
    c.add("glass", [bbox(-hx, -hy, 0.0, hx, -hy + 0.006, h - 0.03, 0.001),
                    bbox(-hx, hy - 0.006, 0.0, hx, hy, h - 0.03, 0.001),
                    bbox(-hx, -hy + 0.006, 0.0, -hx + 0.006, hy - 0.006, h - 0.03, 0.001),
                    bbox(hx - 0.006, -hy + 0.006, 0.0, hx, hy - 0.006, h - 0.03, 0.001)])
    c.add("water", bbox(-hx + 0.007, -hy + 0.007, 0.05, hx - 0.007, hy - 0.007, h * 0.85, 0.0))
    c.add("rock", bbox(-hx + 0.007, -hy + 0.007, 0.0, hx - 0.007, hy - 0.007, 0.05, 0.0))
    c.add("dark_metal", bbox(-hx, -hy, h - 0.03, hx, hy, h, 0.008))
    c.light((0, 0, h - 0.035), 10.0, "cyan", "AREA", c.w * 0.8, size_y_m=c.d * 0.8)


def _box_coffin(c: Ctx) -> None:
    """A coffin: the six-sided plan widest at the shoulders, a raised lid, handles."""
    hx, hy, h = c.hx, c.hy, c.h
    outline = [(-hx * 0.7, -hy), (hx * 0.7, -hy), (hx, hy * 0.45), (hx * 0.75, hy), (-hx * 0.75, hy),
               (-hx, hy * 0.45)]
    c.add(c.p("mat", "wood"), slab_xy(outline, 0.0, h * 0.75, 0.01))
    c.add(c.p("mat", "wood"), slab_xy(outline, h * 0.75, h, 0.02))
    for s in (-1, 1):
        for y in (-hy * 0.5, 0.0, hy * 0.5):
            c.add("brass", tube((s * (hx * 0.85 + 0.02), y - 0.06, h * 0.45), (s * (hx * 0.85 + 0.02), y + 0.06,
                                                                                h * 0.45), 0.008, 6), smooth=True)


def _box_vent(c: Ctx) -> None:
    """A ceiling air vent: a flanged frame with louvres across it, against z = h."""
    hx, hy, h = c.hx, c.hy, c.h
    mat = c.p("mat", "metal")
    c.add(mat, [bbox(-hx, -hy, h - 0.01, hx, -hy + 0.03, h, 0.002), bbox(-hx, hy - 0.03, h - 0.01, hx, hy, h, 0.002),
                bbox(-hx, -hy + 0.03, h - 0.01, -hx + 0.03, hy - 0.03, h, 0.002),
                bbox(hx - 0.03, -hy + 0.03, h - 0.01, hx, hy - 0.03, h, 0.002)])
    for y in np.linspace(-hy + 0.05, hy - 0.05, max(3, int(c.d / 0.03))):
        c.add(mat, bbox(-hx + 0.03, y - 0.004, 0.0, hx - 0.03, y + 0.004, h - 0.005, 0.001))


_BOX = {"aquarium": _box_aquarium, "coffin": _box_coffin, "vent": _box_vent, "crate": _box_crate, "pallet": _box_pallet, "soft": _box_soft, "container": _box_container}



@family("box", 4500)
def box_family(c: Ctx) -> None:
    """Boxes and cases: bevelled or rounded bodies with lids, straps, handles, slats:
    crates, cardboard boxes, suitcases, trunks, toolboxes, sacks, pallets, containers."""
    _BOX.get(c.p("style", "plain"), _box_default)(c)


@family("panel", 1600, fit=True)
def panel(c: Ctx) -> None:
    """Flat wall pieces with a moulded frame: pictures, mirrors, boards, posters, signs,
    clocks, switches and sockets, vents; origin at the bottom centre of the back."""
    style = c.p("style", "frame")
    mat = c.p("mat", "wood")
    hx, h, d = c.hx, c.h, c.d
    face = c.p("face", "canvas")
    if style == "clock":
        r = min(hx, h / 2)
        body = lathe([(0.0, 0.0), (r * 0.96, 0.0), (r, d * 0.3), (r, d), (r * 0.9, d),
                      (r * 0.9, d * 0.7), (0.0, d * 0.7)], 24, False, False)
        v = body.vertices.copy()
        v[:, [1, 2]] = np.column_stack([d / 2 - v[:, 2], v[:, 1] + r])
        c.add(mat, new_mesh(v, body.faces[:, ::-1], body.visual.uv), smooth=True)
        for ang, ln in ((c.u(0, 6.28), 0.5), (c.u(0, 6.28), 0.75)):
            c.add("dark_metal", bbox(-0.004, -d / 2 + d * 0.3 - 0.004, r, 0.004, -d / 2 + d * 0.3,
                                     r + r * ln, 0.001))
        return
    if style == "plate":        # switch / socket / small plate
        c.add(c.p("mat", "plastic"), bbox(-hx, -d / 2, 0, hx, d / 2, h, min(0.003, d * 0.3)))
        c.add(c.p("detail_mat", "plastic"), bbox(-hx * 0.4, -d / 2 - 0.004, h * 0.3, hx * 0.4,
                                                 -d / 2 + 0.001, h * 0.7, 0.002))
        return
    fw = min(c.p("frame_w", 0.04 + 0.02 * c.variant), hx * 0.3, h * 0.3)
    if c.p("round"):
        a = np.linspace(0, 2 * np.pi, 25)[:-1]
        outer = np.column_stack([np.cos(a) * hx, h / 2 + np.sin(a) * h / 2])
        c.add(mat, prism(outer, -d / 2, d / 2, min(0.006, d * 0.3)))
        inner = np.column_stack([np.cos(a) * (hx - fw), h / 2 + np.sin(a) * (h / 2 - fw)])
        c.add(face, prism(inner, -d / 2 - 0.003, -d / 2 + 0.002, 0.0))
    else:
        bev = min(0.008, d * 0.3)
        c.add(mat, [bbox(-hx, -d / 2, 0, -hx + fw, d / 2, h, bev), bbox(hx - fw, -d / 2, 0, hx, d / 2, h, bev),
                    bbox(-hx + fw - 0.001, -d / 2, 0, hx - fw + 0.001, d / 2, fw, bev),
                    bbox(-hx + fw - 0.001, -d / 2, h - fw, hx - fw + 0.001, d / 2, h, bev)])
        c.add(face, bbox(-hx + fw - 0.002, -d / 2 + d * 0.4, fw - 0.002, hx - fw + 0.002, d / 2,
                         h - fw + 0.002, 0.0))
    if c.p("tray"):
        c.add(mat, bbox(-hx + fw, -d / 2 - 0.05, fw - 0.02, hx - fw, -d / 2, fw, 0.004))


def _parasol(c: Ctx) -> None:
    """A café parasol: a weighted base, a pole, an eight-panel canopy on ribs with a
    valance, opened at head height and above."""
    r, h = min(c.hx, c.hy), c.h
    c.add("dark_metal", lathe([(0.0, 0.0), (0.24, 0.0), (0.24, 0.05), (0.05, 0.09), (0.0, 0.09)], 16),
          smooth=True)
    c.add("metal", tube((0, 0, 0.05), (0, 0, h - 0.02), 0.022, 10), smooth=True)
    eave, crown = h - 0.3, h - 0.1                # its valance clears 1.9 m: walked under
    canopy = lathe([(r, eave), (r * 0.5, crown - 0.12), (0.06, crown), (0.0, crown + 0.01)], 8,
                   cap_bottom=False, cap_top=False)
    c.add("canvas", canopy)
    c.add("canvas", lathe([(r, eave - 0.08), (r, eave)], 8, False, False))
    a = np.linspace(0, 2 * np.pi, 9)[:-1]
    tips = np.column_stack([np.cos(a) * r * 0.98, np.sin(a) * r * 0.98, np.full(8, eave - 0.01)])
    c.add("metal", [tube((0.0, 0.0, h * 0.62), tip * [0.55, 0.55, 1.0] + [0, 0, -0.02], 0.008, 6)
                    for tip in tips], smooth=True)
    c.hulls += [(-0.24, -0.24, 0.0, 0.24, 0.24, eave - 0.1), (-r, -r, eave - 0.1, r, r, h)]


def _coil(c: Ctx) -> None:
    """A coil of mooring rope flat on the ground: turns laid one inside another (rings of
    rope, each a closed torus) and a second layer on top, its end trailing out."""
    rope = max(0.018, c.h / 4)
    r_out = min(c.hx, c.hy) - rope
    turns = max(3, int((r_out * 0.6) / (2 * rope)))
    t = np.linspace(0, 2 * np.pi, 9)
    rings = []
    for layer in range(2):
        for k in range(turns - layer):
            rr = r_out - k * 2.1 * rope
            z = rope + layer * 1.8 * rope
            rings.append(lathe(np.column_stack([rr + rope * np.cos(t), z + rope * np.sin(t)]),
                               14, False, False))
    c.add(c.p("mat", "rope"), rings, smooth=True)
    c.add(c.p("mat", "rope"), tube((r_out, 0.0, rope), (r_out, -c.hy + rope, rope), rope, 8),
          smooth=True)


@family("post", 1800)
def post(c: Ctx) -> None:
    """Street and yard posts from a turned body plus fittings: bollards, hydrants,
    pillar boxes, parking meters, buoys, signs on poles, traffic cones and lights."""
    shape = c.p("shape", "bollard")
    mat = c.p("mat", "dark_metal")
    rx = min(c.hx, c.hy)
    if shape == "sign":
        ph = c.h
        c.add("metal", tube((0, 0, 0), (0, 0, ph - 0.02), 0.03, 10, caps=True), smooth=True)
        sw = c.w
        sh = c.p("sign_h", min(0.6, sw))
        if c.p("octagon"):
            a = np.linspace(0, 2 * np.pi, 9)[:-1] + np.pi / 8
            pts = np.column_stack([np.cos(a) * sw / 2, ph - sh / 2 + np.sin(a) * sh / 2])
        else:
            pts = fillet([(-sw / 2, ph - sh), (sw / 2, ph - sh), (sw / 2, ph), (-sw / 2, ph)], 0.03)
        c.add(c.p("face", "sign_board"), prism(pts, -0.04, -0.03, 0.002))
        return
    if shape == "traffic_light":
        c.add("dark_metal", tube((0, 0, 0), (0, 0, c.h - 0.9), 0.06, 12), smooth=True)
        c.add("dark_metal", bbox(-0.16, -0.14, c.h - 0.95, 0.16, 0.1, c.h, 0.02))
        for k, col in enumerate(("red", "amber", "green")):
            z = c.h - 0.2 - k * 0.27
            lens = lathe([(0.1, 0.0), (0.1, 0.01), (0.0, 0.03)], 12)
            v = lens.vertices @ np.array([[1, 0, 0], [0, 0, 1.0], [0, -1.0, 0]]) + (0, -0.14, z)
            c.add("neon_" + col, new_mesh(v, lens.faces, lens.visual.uv), smooth=True)
            c.add("dark_metal", bbox(-0.13, -0.26, z + 0.1, 0.13, -0.14, z + 0.12, 0.004))
        c.light((0, -0.2, c.h - 0.2 - 0.27 * c.variant), 20.0, ("red", "amber", "green")[c.variant],
                direction=(0, -1, 0))
        return
    if shape == "parasol":
        _parasol(c)
        return
    if shape == "coil":
        _coil(c)
        return
    if shape == "meter":
        c.add("dark_metal", tube((0, 0, 0), (0, 0, c.h - 0.35), 0.035, 10), smooth=True)
        c.add(mat, bbox(-c.hx, -c.hy, c.h - 0.4, c.hx, c.hy, c.h, 0.03))
        c.add("glass", bbox(-c.hx * 0.6, -c.hy - 0.004, c.h - 0.2, c.hx * 0.6, -c.hy + 0.01, c.h - 0.08, 0.005))
        return
    turned(c, shape, mat, rx, c.h)
    if shape == "hydrant":
        for s in (-1, 1):
            c.add(mat, tube((0, 0, c.h * 0.6), (s * c.hx, 0, c.h * 0.6), rx * 0.28, 10), smooth=True)
        c.add(mat, tube((0, 0, c.h * 0.55), (0, -c.hy, c.h * 0.55), rx * 0.35, 10), smooth=True)
    elif shape == "pillar_box":
        c.add("dark_metal", bbox(-rx * 0.5, -rx * 0.92, c.h * 0.7, rx * 0.5, -rx * 0.8, c.h * 0.74, 0.003))
    elif shape == "buoy":
        c.add("metal", [tube((0, 0, c.h * 0.6), (x, y, c.h * 0.98), 0.01, 6)
                        for x, y in ((rx * 0.25, 0), (-rx * 0.25, 0), (0, rx * 0.25))], smooth=True)
    elif shape == "cone":
        c.add("canvas", translated(lathe([(rx * 0.46, c.h * 0.45), (rx * 0.33, c.h * 0.65)], 16, False, False),
                                   (0, 0, 0.001)), smooth=True)
    elif shape == "bollard" and c.p("chain"):
        c.add("metal", tube((0, 0, c.h * 0.9), (0, 0, c.h * 0.9), 0.01, 6), smooth=True)
