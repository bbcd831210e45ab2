"""Furniture families: cabinets, shelving, tables, chairs, upholstered seats and beds.
Front towards -Y, back against +Y (where a wall would be)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...mesh import boxes, lathe, new_mesh, sweep, translated, tube
from .core import Ctx, family
from .shapes import (bar_handle, bbox, cushion, grid, hinge, knob, rounded_box, turned_leg)


def _legs(c: Ctx, hx: float, hy: float, h: float, r: float, style: int, mat: str) -> None:
    for x in (-hx, hx):
        for y in (-hy, hy):
            c.add(mat, turned_leg(x, y, h, r, style), smooth=True)


def _front(c: Ctx, x0, x1, z0, z1, y, mat, handle_mat, kind: str, style: int,
           hinge_side: float = 0.0) -> None:
    """A door or drawer front: slab (style 0/1) or frame-and-panel (style 2), a pull."""
    t = 0.018
    if style == 2 and (x1 - x0) > 0.2 and (z1 - z0) > 0.2:
        rail = min(0.06, (x1 - x0) * 0.2)
        c.add(mat, bbox(x0, y - t, z0, x1, y, z1, 0.004))
        c.add(mat, bbox(x0 + rail, y - t - 0.008, z0 + rail, x1 - rail, y - t + 0.002,
                        z1 - rail, 0.006))
    else:
        c.add(mat, bbox(x0, y - t, z0, x1, y, z1, 0.005))
    xm, zm = (x0 + x1) / 2, (z0 + z1) / 2
    if kind == "drawer":
        if style == 1:
            c.add(handle_mat, knob(xm, y - t, zm), smooth=True)
        else:
            c.add(handle_mat, bar_handle(xm, y - t, zm, min(0.16, (x1 - x0) * 0.5)), smooth=True)
    else:
        hx = x1 - 0.04 if hinge_side < 0 else x0 + 0.04
        if style == 1:
            c.add(handle_mat, knob(hx, y - t, zm), smooth=True)
        else:
            c.add(handle_mat, bar_handle(hx, y - t, zm, min(0.2, (z1 - z0) * 0.3), True),
                  smooth=True)
        hxx = x0 - 0.004 if hinge_side < 0 else x1 + 0.004
        for z in (z0 + 0.1, z1 - 0.1):
            c.add(handle_mat, hinge(hxx, y - 0.004, z), smooth=True)


def _glass_door(c: Ctx, x0: float, x1: float, z0: float, z1: float, y: float, mat: str, hmat: str,
                side: float) -> None:
    """A glazed door: four frame rails round a pane, a knob on the opening side."""
    rail = 0.04
    c.add(mat, [bbox(x0, y - 0.02, z0, x0 + rail, y, z1, 0.004),
                bbox(x1 - rail, y - 0.02, z0, x1, y, z1, 0.004),
                bbox(x0 + rail, y - 0.02, z0, x1 - rail, y, z0 + rail, 0.004),
                bbox(x0 + rail, y - 0.02, z1 - rail, x1 - rail, y, z1, 0.004)])
    c.add("glass", bbox(x0 + rail, y - 0.012, z0 + rail, x1 - rail, y - 0.008, z1 - rail, 0.0))
    c.add(hmat, knob(x1 - 0.06 if side < 0 else x0 + 0.06, y - 0.02, (z0 + z1) / 2), smooth=True)


def _cabinet_fronts(c: Ctx, z0: float, z1: float, mat: str, hmat: str) -> None:
    """The front between z0 and z1: a chest of drawers (rows x dcols), or a row of
    drawers over doors (slab, frame-and-panel or glazed)."""
    hx, style, gap = c.hx, c.variant, 0.004
    y = -c.hy + 0.02
    cols = int(c.p("cols", 2))
    drawers = int(c.p("drawers", 0))
    doors = c.p("doors", True)
    if drawers and not doors:
        dcols = int(c.p("dcols", 1))
        xd = np.linspace(-hx + 0.012, hx - 0.012, dcols + 1)
        zs = np.linspace(z0, z1, drawers + 1)
        for i in range(drawers):
            for j in range(dcols):
                _front(c, xd[j] + gap, xd[j + 1] - gap, zs[i] + gap, zs[i + 1] - gap, y, mat,
                       hmat, "drawer", style)
        return
    split = z1 if not doors else (z1 - drawers * min(0.2, (z1 - z0) / max(drawers + 1, 2)))
    if drawers:
        zs = np.linspace(split, z1, drawers + 1)
        for i in range(drawers):
            _front(c, -hx + 0.012 + gap, hx - 0.012 - gap, zs[i] + gap, zs[i + 1] - gap,
                   y, mat, hmat, "drawer", style)
    xs = np.linspace(-hx + 0.012, hx - 0.012, cols + 1)
    for j in range(cols):
        side = -1.0 if j % 2 else 1.0
        if c.p("glass"):
            _glass_door(c, xs[j] + gap, xs[j + 1] - gap, z0, split - gap, y, mat, hmat, side)
        else:
            _front(c, xs[j] + gap, xs[j + 1] - gap, z0 + gap, split - gap, y, mat, hmat,
                   "door", style, side)


@family("cabinet", 3500)
def cabinet(c: Ctx) -> None:
    """Carcass, plinth or legs, a grid of drawers and doors with pulls and hinges:
    wardrobes, dressers, nightstands, filing cabinets, sideboards, lockers."""
    mat, hmat = c.p("mat", "wood"), c.p("handle", "metal")
    wall = c.kind.placement == "wall"
    legs = c.p("legs", not wall) and c.variant == 1
    base = 0.0 if wall else (0.12 * min(1, c.h) if legs else 0.06)
    top_t = 0.025
    hx, hy = c.hx, c.hy
    c.add(mat, bbox(-hx + 0.01, -hy + 0.02, base, hx - 0.01, hy, c.h - top_t, 0.004))
    over = 0.012 if c.variant == 2 else 0.0       # variant 2: a top proud of the carcass
    c.add(c.p("top", mat), bbox(-hx - over + 0.01 * (not over), -hy - over + 0.02 * (not over),
                                 c.h - top_t, hx + over - 0.01 * (not over), hy, c.h, 0.008))
    if legs:
        _legs(c, hx - 0.05, hy - 0.06, base, min(0.025, c.w * 0.04), 0, mat)
    elif not wall:
        c.add(c.p("plinth", mat), bbox(-hx + 0.04, -hy + 0.06, 0.0, hx - 0.04, hy - 0.02,
                                       base + 0.001, 0.003))
    if c.p("open"):
        _shelves(c, -hx + 0.03, hx - 0.03, -hy + 0.04, hy - 0.02, base + 0.03, c.h - top_t,
                 int(c.p("shelves", 3)), mat, books=False)
        return
    z0, z1 = base + 0.008, c.h - top_t - 0.006
    _cabinet_fronts(c, z0, z1, mat, hmat)
    if c.p("mirror"):
        c.add("mirror", bbox(-hx * 0.7, -hy - 0.004, z0 + 0.1, hx * 0.7, -hy + 0.0, z1 - 0.1, 0.0))
    if c.p("clock"):                  # a longcase clock's hood: dial, hands, a brass pendulum
        r = hx * 0.7
        zc = c.h - top_t - r - 0.04
        dial = lathe([(0.0, 0.0), (r, 0.0), (r, 0.012), (0.0, 0.012)], 24)
        c.add("ceramic", new_mesh(dial.vertices[:, [0, 2, 1]] * (1, -1, 1) + (0, -hy + 0.004, zc),
                                  dial.faces, dial.visual.uv), smooth=True)
        for ang, ln in ((0.6, 0.55), (2.2, 0.8)):
            c.add("dark_metal", tube((0, -hy - 0.01, zc), (np.sin(ang) * r * ln, -hy - 0.01, zc + np.cos(ang) * r * ln),
                                     0.003, 4))
        c.add("brass", translated(lathe([(0.0, 0.0), (0.06, 0.01), (0.06, 0.02), (0.0, 0.03)], 14), (0, 0, 0))
              .apply_transform(np.array([[1, 0, 0, 0], [0, 0, -1, -hy - 0.015], [0, 1, 0, zc - r - 0.5],
                                         [0, 0, 0, 1.0]])), smooth=True)


def _shelves(c: Ctx, x0, x1, y0, y1, z0, z1, n: int, mat: str, books: bool) -> None:
    zs = np.linspace(z0, z1, n + 1)[:-1] if n > 0 else []
    t = 0.02
    for z in zs[1:]:
        c.add(mat, bbox(x0, y0, z - t / 2, x1, y1, z + t / 2, 0.003))
    if books:
        _books(c, x0, x1, y0, y1, zs, zs[1] - zs[0] if len(zs) > 1 else z1 - z0)


def _books(c: Ctx, x0, x1, y0, y1, zs, pitch) -> None:
    lo, hi = [], []
    for z in zs:
        x = x0 + 0.01
        fill = c.u(0.55, 0.95)
        while x < x0 + (x1 - x0) * fill:
            bw = c.u(0.018, 0.05)
            bh = min(pitch - 0.04, c.u(0.17, 0.3))
            bd = min(y1 - y0 - 0.01, c.u(0.12, 0.22))
            lo.append((x, y0 + 0.01, z + 0.01))
            hi.append((x + bw, y0 + 0.01 + bd, z + 0.01 + bh))
            x += bw + 0.002
    if lo:
        c.add("books", boxes(lo, hi))


@family("shelf", 3200)
def shelf(c: Ctx) -> None:
    """Open shelving: sides, shelves, a back, optional books; bookcases, wall shelves,
    metal shelving, shoe and wine racks."""
    mat = c.p("mat", "wood")
    hx, hy = c.hx, c.hy
    n = int(c.p("shelves", max(1, round(c.h / 0.35))))
    metal = c.p("frame") == "metal"
    if c.kind.placement == "wall" and n <= 1:
        c.add(mat, bbox(-hx, -hy, c.h - 0.025, hx, hy, c.h, 0.004))
        for x in (-hx * 0.7, hx * 0.7):        # brackets
            c.add("metal", [bbox(x - 0.01, hy - 0.01, c.h * 0.05, x + 0.01, hy, c.h - 0.025, 0.002),
                            sweep(np.array([(x, hy - 0.005, c.h * 0.15), (x, -hy * 0.6, c.h - 0.03)]),
                                  np.full(2, 0.006), 6)], smooth=True)
        if c.p("books", False):
            _books(c, -hx + 0.02, hx - 0.02, -hy, hy, [c.h], 0.3)
        return
    if metal:
        for x in (-hx + 0.015, hx - 0.015):
            for y in (-hy + 0.015, hy - 0.015):
                c.add("metal", bbox(x - 0.015, y - 0.015, 0, x + 0.015, y + 0.015, c.h, 0.002))
        zs = np.linspace(0.08, c.h - 0.02, n + 1)
        for z in zs:
            c.add(mat, bbox(-hx + 0.002, -hy + 0.002, z - 0.02, hx - 0.002, hy - 0.002, z, 0.003))
    else:
        t = 0.02
        c.add(mat, [bbox(-hx, -hy, 0, -hx + t, hy, c.h, 0.003),
                    bbox(hx - t, -hy, 0, hx, hy, c.h, 0.003),
                    bbox(-hx, -hy, c.h - t, hx, hy, c.h, 0.004),
                    bbox(-hx + t, -hy + 0.02, 0, hx - t, -hy + 0.04, 0.08, 0.002),
                    bbox(-hx + t, hy - 0.01, 0.0, hx - t, hy, c.h - t, 0.001)])
        zs = np.linspace(0.06, c.h - t, n + 1)
        for z in zs[:-1]:
            c.add(mat, bbox(-hx + t, -hy + 0.005, z - 0.01, hx - t, hy - 0.01, z + 0.01, 0.003))
    if c.p("books", True):               # variant 1 half full: every other shelf
        levels = zs[:-1] if c.variant != 1 else zs[:-1][::2]
        _books(c, -hx + 0.03, hx - 0.03, -hy + 0.01, hy - 0.02, levels + 0.01,
               zs[1] - zs[0])
    item = c.p("items")
    if item == "bottles":
        for z in zs[:-1]:
            xs = np.arange(-hx + 0.06, hx - 0.05, 0.1)
            for x in xs:
                b = lathe([(0.035, 0.0), (0.035, 0.2), (0.012, 0.26), (0.012, 0.3)], 8)
                c.add("bottles", translated(_lying(b), (x, -hy + 0.01, z + 0.05)), smooth=True)
    elif item == "bread":                # loaves side by side, crust up
        for z in zs[:-1]:
            for x in np.arange(-hx + 0.1, hx - 0.09, 0.19):
                c.add("bread", rounded_box((x - 0.065, -hy + 0.03, z + 0.01),
                                           (x + 0.065, -hy + 0.03 + min(0.28, c.d - 0.05), z + 0.1),
                                           0.045, seg=1, mid=1), smooth=True)
    elif item == "shoes":
        for z in zs[:-1]:
            for x in np.arange(-hx + 0.08, hx - 0.06, 0.12):
                c.add("leather", rounded_box((x - 0.045, -hy + 0.03, z + 0.01),
                                             (x + 0.045, -hy + 0.03 + min(0.26, c.d - 0.05),
                                              z + 0.1), 0.035, seg=1, mid=1), smooth=True)


def _lying(mesh):
    v = mesh.vertices.copy()
    v[:, [1, 2]] = np.column_stack([v[:, 2], -v[:, 1]])
    return new_mesh(v, mesh.faces, mesh.visual.uv)


@dataclass(frozen=True)
class _Top:
    """A table's top as its fittings see it: half sizes, height of the top face, thickness."""

    hx: float
    hy: float
    h: float
    t: float
    mat: str


def _table_top(c: Ctx, top: _Top) -> float:
    """Round, tilted (a drawing board) or bevelled rectangular top; returns the height
    the legs reach up to."""
    hx, hy, h, t, mat = top.hx, top.hy, top.h, top.t, top.mat
    if c.p("round", False):
        r = min(hx, hy)
        c.add(c.p("topmat", mat), lathe([(r - 0.01, h - t), (r, h - t + 0.01), (r, h - 0.008),
                                         (r - 0.008, h), (0.0, h)], 28, True, False), smooth=True)
    elif c.p("tilt"):               # a drawing board raised at the back
        ang = np.radians(c.p("tilt"))
        rise = 2 * hy * np.sin(ang)
        h = c.h - rise
        board = bbox(-hx, -hy, -t, hx, hy, 0.0, min(0.008, t * 0.3))
        v = board.vertices.copy()
        v[:, 1], v[:, 2] = (v[:, 1] * np.cos(ang) - v[:, 2] * np.sin(ang),
                            v[:, 1] * np.sin(ang) + v[:, 2] * np.cos(ang))
        v[:, 2] += h + rise / 2
        c.add(c.p("topmat", mat), new_mesh(v, board.faces, board.visual.uv))
        c.add(mat, bbox(-hx * 0.9, -hy - 0.03, h - 0.01, hx * 0.9, -hy, h + 0.03, 0.005))   # ledge
    else:
        c.add(c.p("topmat", mat), bbox(-hx, -hy, h - t, hx, hy, h, min(0.008, t * 0.3)))
    return h


def _table_legs(c: Ctx, top: _Top, legmat: str) -> None:
    """Trestles, or four legs (tapered, turned or square by variant) under an apron."""
    hx, hy, h, t = top.hx, top.hy, top.h, top.t
    round_top = c.p("round", False)
    style = c.p("legs", None)
    style = c.variant if style is None else style
    inset = 0.05 if not round_top else min(hx, hy) * 0.5
    lx, ly = hx - inset, hy - inset
    if c.p("trestle", False) and c.variant == 2:
        for x in (-lx, lx):
            c.add(legmat, [bbox(x - 0.03, -ly, 0, x + 0.03, ly, 0.06, 0.006),
                           bbox(x - 0.025, -0.04, 0.05, x + 0.025, 0.04, h - t, 0.006)])
        c.add(legmat, bbox(-lx, -0.02, h * 0.3, lx, 0.02, h * 0.3 + 0.06, 0.006))
        return
    r = min(0.028, min(hx, hy) * 0.12)
    if style == 2:   # square leg with bevel
        for x in (-lx, lx):
            for y in (-ly, ly):
                c.add(legmat, bbox(x - r, y - r, 0, x + r, y + r, h - t, 0.004))
    else:
        _legs(c, lx, ly, h - t, r, style, legmat)
    if not round_top and c.p("apron", True) and h > 0.5:
        a = 0.08
        c.add(top.mat, [bbox(-lx, -ly - 0.0, h - t - a, lx, -ly + 0.02, h - t, 0.003),
                        bbox(-lx, ly - 0.02, h - t - a, lx, ly, h - t, 0.003),
                        bbox(-lx, -ly, h - t - a, -lx + 0.02, ly, h - t, 0.003),
                        bbox(lx - 0.02, -ly, h - t - a, lx, ly, h - t, 0.003)])


def _billiard_rails(c: Ctx, top: _Top) -> None:
    """A billiard table's cushions and six pockets."""
    hx, hy, h = top.hx, top.hy, top.h
    rw = 0.1
    c.add(c.p("railmat", "wood"), [bbox(-hx, -hy, h, hx, -hy + rw, h + 0.05, 0.012),
                                   bbox(-hx, hy - rw, h, hx, hy, h + 0.05, 0.012),
                                   bbox(-hx, -hy + rw, h, -hx + rw, hy - rw, h + 0.05, 0.012),
                                   bbox(hx - rw, -hy + rw, h, hx, hy - rw, h + 0.05, 0.012)])
    for x in (-hx + rw * 0.7, 0.0, hx - rw * 0.7):
        for y in (-hy + rw * 0.7, hy - rw * 0.7):
            c.add("rubber", translated(lathe([(0.0, 0.0), (0.055, 0.0), (0.06, 0.055)], 10, True, False),
                                       (x, y, h - 0.004)), smooth=True)


def _low_shelf(c: Ctx, top: _Top) -> None:
    """A shelf between the legs, a fifth of the way up."""
    c.add(top.mat, bbox(-top.hx + 0.06, -top.hy + 0.06, top.h * 0.2, top.hx - 0.06, top.hy - 0.06,
                        top.h * 0.2 + 0.02, 0.004))


def _apron_drawer(c: Ctx, top: _Top) -> None:
    """A drawer in the front apron with its knob."""
    hy, h, t = top.hy, top.h, top.t
    dw = min(0.5, c.w * 0.4)
    c.add(top.mat, bbox(-dw / 2, -hy + 0.02, h - t - 0.12, dw / 2, -hy + 0.04, h - t - 0.01, 0.004))
    c.add("metal", knob(0.0, -hy + 0.02, h - t - 0.065), smooth=True)


def _drawer_pedestal(c: Ctx, top: _Top) -> None:
    """A desk's pedestal of three drawers with bar pulls at its right."""
    hx, hy, h, t = top.hx, top.hy, top.h, top.t
    x0 = hx - 0.45
    c.add(top.mat, bbox(x0, -hy + 0.05, 0.0, hx - 0.03, hy - 0.05, h - t, 0.004))
    for za, zb in ((0.05, 0.25), (0.27, 0.47), (0.49, h - t - 0.02)):
        c.add(top.mat, bbox(x0 + 0.01, -hy + 0.035, za, hx - 0.04, -hy + 0.05, zb, 0.004))
        c.add("metal", bar_handle((x0 + hx) / 2, -hy + 0.035, (za + zb) / 2, 0.1), smooth=True)


def _benches(c: Ctx, top: _Top) -> None:
    """A picnic table's benches on both long sides, within the kind's depth."""
    for s in (-1, 1):
        y = s * (c.hy - 0.14)
        c.add(top.mat, bbox(-top.hx, y - 0.14, 0.42, top.hx, y + 0.14, 0.46, 0.005))
        c.add(top.mat, [bbox(x - 0.03, y - 0.12, 0, x + 0.03, y + 0.12, 0.42, 0.004)
                        for x in (-top.hx + 0.2, top.hx - 0.2)])


_TABLE_FITTINGS = (("rails", _billiard_rails), ("shelf", _low_shelf), ("drawer", _apron_drawer),
                   ("pedestal_drawers", _drawer_pedestal), ("benches", _benches))


@family("table", 2600)
def table(c: Ctx) -> None:
    """A top on legs (tapered, turned, square), a pedestal or trestles, an apron, an
    optional drawer and lower shelf: dining, coffee, side, console tables, desks."""
    mat = c.p("mat", "wood")
    legmat = c.p("legmat", mat)
    h = c.h - (0.05 if c.p("rails", False) else 0.0)     # billiard cushions stand on the bed
    hy = c.hy - (0.45 if c.p("benches", False) else 0.0)  # picnic benches take the sides
    top = _Top(c.hx, hy, h, c.p("top_t", 0.035), mat)
    top = _Top(top.hx, top.hy, _table_top(c, top), top.t, mat)
    if c.p("pedestal", False) or (c.p("round", False) and c.variant == 0):
        r = min(top.hx, top.hy)
        c.add(legmat, lathe([(r * 0.55, 0.0), (r * 0.55, 0.02), (0.06, 0.05), (0.035, 0.12),
                             (0.04, top.h * 0.5), (0.03, top.h - top.t - 0.03), (0.12, top.h - top.t)],
                            16, True, False), smooth=True)
        return
    _table_legs(c, top, legmat)
    for key, fitting in _TABLE_FITTINGS:
        if c.p(key, False):
            fitting(c, top)


def _back(c: Ctx, hx: float, y: float, z0: float, z1: float, mat: str, kind: int) -> None:
    """A chair back: 0 slats, 1 solid bevelled panel, 2 spindles under a top rail."""
    t = 0.025
    c.add(mat, [bbox(-hx, y - t / 2, z0, -hx + 0.035, y + t / 2, z1, 0.006),
                bbox(hx - 0.035, y - t / 2, z0, hx, y + t / 2, z1, 0.006),
                bbox(-hx, y - t / 2, z1 - 0.07, hx, y + t / 2, z1, 0.008)])
    if kind == 0:
        for z in np.linspace(z0 + 0.08, z1 - 0.16, 2):
            c.add(mat, bbox(-hx + 0.03, y - 0.01, z, hx - 0.03, y + 0.01, z + 0.05, 0.005))
    elif kind == 1:
        c.add(mat, bbox(-hx + 0.03, y - 0.008, z0 + 0.06, hx - 0.03, y + 0.008, z1 - 0.06, 0.004))
    else:
        for x in np.linspace(-hx + 0.08, hx - 0.08, 5):
            c.add(mat, tube((x, y, z0 + 0.02), (x, y, z1 - 0.06), 0.009, 6), smooth=True)


_SEAT_T = 0.03                      # a chair seat's thickness


def _base_swivel(c: Ctx, seat_h: float, mat: str) -> None:
    """Office chair: a gas column on a five-star base with casters."""
    c.add("dark_metal", [tube((0, 0, 0.06), (0, 0, seat_h - 0.06), 0.025, 10)], smooth=True)
    reach = min(c.hx, c.hy) - 0.03
    for k in range(5):
        a = 2 * np.pi * k / 5 + np.pi / 2
        tip = (np.cos(a) * reach, np.sin(a) * reach, 0.04)
        c.add("dark_metal", tube((0, 0, 0.07), tip, 0.016, 6), smooth=True)
        c.add("rubber", translated(lathe([(0.025, 0.0), (0.025, 0.03), (0.0, 0.04)], 8),
                                   (tip[0], tip[1], 0.0)), smooth=True)


def _base_tube(c: Ctx, seat_h: float, mat: str) -> None:
    """Folding and school chairs: a bent chrome tube each side, running up into the back."""
    hx, hy = c.hx, c.hy
    for s in (-1, 1):
        x = s * (hx - 0.03)
        path = np.array([(x, hy - 0.04, c.h if c.p("back", True) else seat_h),
                         (x, hy - 0.04, seat_h), (x, hy - 0.06, 0.01),
                         (x, -hy + 0.04, 0.01), (x, -hy + 0.04, seat_h)])
        c.add("chrome", sweep(path, np.full(len(path), 0.011), 8), smooth=True)


def _base_rockers(c: Ctx, seat_h: float, mat: str) -> None:
    """Rocking chair: two curved rockers under turned legs."""
    hx, hy = c.hx, c.hy
    for s in (-1, 1):
        x = s * (hx - 0.04)
        a = np.linspace(-0.5, 0.5, 9)
        pts = np.column_stack([np.full(9, x), np.sin(a) * hy * 1.8, 0.02 + (1 - np.cos(a)) * 0.5])
        c.add(mat, sweep(pts, np.full(9, 0.015), 6), smooth=True)
        for y in (-hy + 0.1, hy - 0.12):
            c.add(mat, turned_leg(x, y, seat_h, 0.018, 1))


def _base_legs(c: Ctx, seat_h: float, mat: str) -> None:
    """Four legs (tapered, turned or square by variant), a stretcher or a foot rail."""
    style = c.p("legs", c.variant % 3)
    lx, ly = c.hx - 0.03, c.hy - 0.03
    if c.p("round", False):        # legs stay under a round seat
        lx = ly = min(c.hx, c.hy) * 0.66
    if style == 2:
        for x in (-lx, lx):
            for y in (-ly, ly):
                c.add(mat, bbox(x - 0.018, y - 0.018, 0, x + 0.018, y + 0.018, seat_h - _SEAT_T, 0.004))
    else:
        _legs(c, lx, ly, seat_h - _SEAT_T, 0.02, style, mat)
    if seat_h > 0.55:       # foot rail on bar stools
        c.add(c.p("railmat", mat), [tube((-lx, y, seat_h * 0.35), (lx, y, seat_h * 0.35), 0.012, 6)
                                    for y in (-ly, ly)], smooth=True)
    else:
        c.add(mat, [tube((-lx, 0, 0.16), (lx, 0, 0.16), 0.011, 6)], smooth=True)


_CHAIR_BASES = {"swivel": _base_swivel, "tube": _base_tube, "rockers": _base_rockers,
                "legs": _base_legs}


def _chair_seat(c: Ctx, base: str, seat_h: float, mat: str) -> None:
    """A round turned seat, an office chair's shell and cushion, or a bevelled board
    (with a tie-on cushion when the kind or the variant has one)."""
    hx, hy, st = c.hx, c.hy, _SEAT_T
    seatmat = c.p("seatmat", mat)
    if c.p("round", False):
        r = min(hx, hy)
        c.add(seatmat, lathe([(r - 0.01, seat_h - st), (r, seat_h - st + 0.01), (r, seat_h - 0.006),
                              (r - 0.01, seat_h), (0.0, seat_h + 0.005)], 20, True, False),
              smooth=True)
    elif base == "swivel":          # a moulded shell under a thick upholstered seat
        c.add("dark_metal", rounded_box((-hx + 0.04, -hy + 0.04, seat_h - 0.05),
                                        (hx - 0.04, hy - 0.06, seat_h - 0.02), 0.012, seg=1, mid=1),
              smooth=True)
        c.add(c.p("cushmat", "upholstery"),
              cushion((-hx + 0.03, -hy + 0.03, seat_h - 0.03), (hx - 0.03, hy - 0.05, seat_h + 0.05),
                      0.035, 0.012), smooth=True)
        return
    else:
        c.add(seatmat, bbox(-hx, -hy, seat_h - st, hx, hy, seat_h, 0.008))
    if c.p("cushion", False) or c.variant == 2 and c.p("cushion", None) is None and base != "tube":
        c.add(c.p("cushmat", "upholstery"), cushion((-hx + 0.02, -hy + 0.02, seat_h),
                                                    (hx - 0.02, hy - 0.04, seat_h + 0.045),
                                                    0.018, 0.006), smooth=True)


def _chair_back(c: Ctx, base: str, seat_h: float, mat: str) -> None:
    """An upholstered back on a spine (office chairs) or a framed back of slats, a panel
    or spindles."""
    hx, hy = c.hx, c.hy
    if base == "swivel":
        c.add(c.p("cushmat", "upholstery"),
              cushion((-hx + 0.04, hy - 0.08, seat_h + 0.08), (hx - 0.04, hy, c.h), 0.03, 0.008),
              smooth=True)
        c.add("dark_metal", bbox(-0.03, hy - 0.06, seat_h - 0.02, 0.03, hy - 0.03, seat_h + 0.12, 0.005))
    else:
        _back(c, hx - 0.005, hy - 0.02, seat_h, c.h, mat, c.p("backstyle", c.variant))


def _chair_arms(c: Ctx, seat_h: float, mat: str) -> None:
    """Flat arm rests on front posts."""
    for s in (-1, 1):
        x = s * (c.hx - 0.02)
        c.add(mat, [bbox(x - 0.025, -c.hy + 0.02, seat_h + 0.2, x + 0.025, c.hy - 0.02, seat_h + 0.23, 0.008),
                    tube((x, -c.hy + 0.05, seat_h), (x, -c.hy + 0.05, seat_h + 0.2), 0.015, 6)])


@family("chair", 3000)
def chair(c: Ctx) -> None:
    """Seat on legs or a swivel base, a back of slats, panel or spindles, arms, an
    optional cushion: dining, kitchen, office, folding and school chairs, stools, benches."""
    mat = c.p("mat", "wood")
    seat_h = c.p("seat", 0.45)
    base = c.p("base", "legs")
    _CHAIR_BASES[base](c, seat_h, mat)
    _chair_seat(c, base, seat_h, mat)
    if c.p("back", True) and c.h > seat_h + 0.15:
        _chair_back(c, base, seat_h, mat)
    if c.p("arms", False):
        _chair_arms(c, seat_h, mat)


@family("sofa", 6000)
def sofa(c: Ctx) -> None:
    """Upholstered seats: a padded base, rolled or square arms, seat and back cushions
    with piped seams, turned or block feet: sofas, loveseats, armchairs, ottomans."""
    up = c.p("mat", "upholstery")
    hx, hy, h = c.hx, c.hy, c.h
    seats = int(c.p("seats", 3))
    arms = c.p("arms", True)
    seat_h = c.p("seat", 0.44)
    foot = 0.1 if c.variant != 2 else 0.04
    aw = 0.0 if not arms else min(0.2, c.w * 0.14)
    base_top = seat_h - 0.11
    c.add(up, rounded_box((-hx + aw * 0.6, -hy + 0.03, foot), (hx - aw * 0.6, hy - 0.02, base_top),
                          0.03, seg=2, mid=1), smooth=True)
    if c.variant == 1:
        _legs(c, hx - 0.08, hy - 0.08, foot, 0.022, 1, "wood")
    else:
        for x in (-hx + 0.08, hx - 0.08):
            for y in (-hy + 0.08, hy - 0.08):
                c.add("wood", bbox(x - 0.03, y - 0.03, 0, x + 0.03, y + 0.03, foot + 0.002, 0.006))
    back = c.p("back", True) and h > seat_h + 0.15
    if arms:
        arm_h = min(h - 0.02, seat_h + 0.22)
        for s in (-1, 1):
            x0, x1 = (hx - aw, hx) if s > 0 else (-hx, -hx + aw)
            c.add(up, rounded_box((x0, -hy, foot), (x1, hy, arm_h),
                                  0.07 if c.variant != 2 else 0.025, seg=3, mid=1), smooth=True)
    cw = (c.w - 2 * aw - 0.02) / max(seats, 1)
    back_d = 0.2 if back else 0.0
    for k in range(max(seats, 1)):
        x0 = -hx + aw + 0.01 + k * cw
        c.add(up, cushion((x0 + 0.005, -hy + 0.04, base_top), (x0 + cw - 0.005, hy - back_d - 0.02,
                                                               seat_h + 0.01),
                          0.035, 0.015 + 0.005 * c.variant), smooth=True)
        if back:
            c.add(up, cushion((x0 + 0.01, hy - back_d - 0.06, seat_h), (x0 + cw - 0.01, hy - 0.06,
                                                                         h - 0.03),
                              0.05, 0.02), smooth=True)
    if back:
        c.add(up, rounded_box((-hx + aw * 0.6, hy - 0.1, base_top - 0.05), (hx - aw * 0.6, hy, h),
                              0.04, seg=2, mid=1), smooth=True)


def _caster(x: float, y: float):
    """A swivel caster: a small wheel under a fork, 0.1 m tall."""
    wheel = lathe([(0.03, -0.012), (0.05, -0.01), (0.05, 0.01), (0.03, 0.012)], 10, True, True)
    v = wheel.vertices[:, [2, 0, 1]] + (x, y, 0.05)
    return [new_mesh(v, wheel.faces[:, ::-1], wheel.visual.uv),
            tube((x, y, 0.05), (x, y, 0.1), 0.012, 6)]


def _drape(c: Ctx, hx: float, y0: float, y1: float, top: float, drop: float, folds: float,
           nx: int = 15, ny: int = 10) -> np.ndarray:
    """A cloth laid over a box top and falling down both sides and the foot end, with
    soft folds: the grid the duvet and bedspreads are made of."""
    s = np.linspace(-hx - drop, hx + drop, nx)
    t = np.linspace(y0 - drop * 0.8, y1, ny)
    S, T = np.meshgrid(s, t, indexing="ij")
    edge = 0.04
    over_x = np.clip(np.abs(S) - hx, 0.0, None)
    over_y = np.clip(y0 - T, 0.0, None)
    x = np.sign(S) * (np.minimum(np.abs(S), hx) + np.minimum(over_x, edge) * 0.5)
    y = np.maximum(T, y0 - np.minimum(over_y, edge) * 0.5)
    z = top - over_x - over_y
    phase = c.u(0, 6.28)
    wave = folds * (np.sin(T * 9.0 + phase + S * 2.0) + 0.5 * np.sin(S * 13.0 - phase))
    z = z + np.where((over_x > 0) | (over_y > 0), 0.0, np.abs(wave))
    x = x + np.where(over_x > 0, np.sign(S) * np.abs(wave) * 0.8, 0.0)
    y = y - np.where(over_y > 0, np.abs(wave) * 0.8, 0.0)
    return np.stack([x, y, z], -1)


def _headboard(c: Ctx, frame_top: float, head_h: float, mat: str) -> None:
    """At +Y: a bevelled board (variant 0), an upholstered panel (1) or spindles (2)."""
    hx, hy = c.hx, c.hy
    if c.variant == 0:
        c.add(mat, bbox(-hx, hy - 0.06, 0, hx, hy, head_h, 0.01))
    elif c.variant == 1:
        c.add(c.p("upmat", "upholstery"), rounded_box((-hx, hy - 0.1, frame_top), (hx, hy, head_h),
                                                      0.04, seg=2, mid=3), smooth=True)
        c.add(mat, bbox(-hx, hy - 0.06, 0, hx, hy - 0.02, frame_top + 0.01, 0.006))
    else:
        c.add(mat, [bbox(x - 0.03, hy - 0.06, 0, x + 0.03, hy, head_h, 0.006) for x in (-hx + 0.03, hx - 0.03)])
        c.add(mat, bbox(-hx, hy - 0.05, head_h - 0.08, hx, hy - 0.01, head_h - 0.02, 0.006))
        for x in np.linspace(-hx + 0.15, hx - 0.15, max(3, int(c.w / 0.15))):
            c.add(mat, tube((x, hy - 0.03, frame_top), (x, hy - 0.03, head_h - 0.08), 0.012, 6),
                  smooth=True)


def _bed_frame(c: Ctx, zb: float, frame_top: float, mat: str) -> None:
    """A box frame on block feet, or a high deck on legs with casters (hospital beds)."""
    hx, hy = c.hx, c.hy
    if frame_top > 0.4:
        c.add(mat, bbox(-hx, -hy, zb + frame_top - 0.08, hx, hy - 0.06, zb + frame_top, 0.01))
        for x in (-hx + 0.06, hx - 0.06):
            for y in (-hy + 0.08, hy - 0.14):
                c.add(mat, tube((x, y, 0.1), (x, y, frame_top - 0.08), 0.02, 8), smooth=True)
                c.add("rubber", _caster(x, y), smooth=True)
        c.add(mat, [tube((-hx + 0.06, y, 0.2), (hx - 0.06, y, 0.2), 0.015, 6)
                    for y in (-hy + 0.08, hy - 0.14)], smooth=True)
    else:
        c.add(mat, bbox(-hx, -hy, zb + 0.1, hx, hy - 0.06, zb + frame_top, 0.01))
        for x in (-hx + 0.03, hx - 0.03):
            for y in (-hy + 0.03, hy - 0.09):
                c.add(mat, bbox(x - 0.03, y - 0.03, zb, x + 0.03, y + 0.03, zb + 0.12, 0.005))


def _bedding(c: Ctx, zb: float, mz: float, mt: float) -> None:
    """A rounded mattress from mz, a duvet draped with folds, one or two filled pillows."""
    hx, hy = c.hx, c.hy
    c.add("linen", rounded_box((-hx + 0.03, -hy + 0.03, mz), (hx - 0.03, hy - 0.09, mz + mt),
                               0.05, seg=2, mid=3, puff=0.005), smooth=True)
    top = mz + mt
    if c.p("duvet", True):
        pts = _drape(c, hx - 0.03, -hy + 0.03, hy - 0.55, top + 0.03, min(mt + 0.05, top - zb - 0.12),
                     0.012 + 0.006 * c.variant)
        c.add("bedding", grid(pts), smooth=True)
    n_p = 2 if c.w > 1.2 else 1
    pw = (c.w - 0.2) / n_p
    for k in range(n_p):
        x0 = -hx + 0.1 + k * pw
        c.add("linen", rounded_box((x0 + 0.02, hy - 0.5, top), (x0 + pw - 0.02, hy - 0.12, top + 0.12),
                                   0.05, seg=2, mid=2, puff=0.02), smooth=True)


def _bunk_frame(c: Ctx, frame_top: float, mt: float, mat: str) -> None:
    """Corner posts to the top, the upper bunk's guard board, a ladder at the foot."""
    hx, hy = c.hx, c.hy
    for x in (-hx + 0.03, hx - 0.03):
        for y in (-hy + 0.03, hy - 0.09):
            c.add(mat, bbox(x - 0.03, y - 0.03, 0, x + 0.03, y + 0.03, c.h, 0.005))
    c.add(mat, bbox(-hx, -hy, 1.0 + frame_top + mt, hx, -hy + 0.04, 1.0 + frame_top + mt + 0.2, 0.006))
    for z in np.arange(0.35, 1.2, 0.28):
        c.add(mat, tube((hx - 0.35, -hy + 0.02, z), (hx - 0.05, -hy + 0.02, z), 0.015, 6), smooth=True)


def _side_rails(c: Ctx, z: float) -> None:
    """Hospital side rails: two bars and five uprights each side, from z - 0.05 up 0.3."""
    hx, hy = c.hx, c.hy
    for s in (-1, 1):
        x = s * (hx - 0.01)
        c.add("metal", [tube((x, -hy * 0.5, z + 0.25), (x, hy * 0.6, z + 0.25), 0.012, 8),
                        tube((x, -hy * 0.5, z - 0.05), (x, hy * 0.6, z - 0.05), 0.012, 8)]
              + [tube((x, y, z - 0.05), (x, y, z + 0.25), 0.01, 6)
                 for y in np.linspace(-hy * 0.5, hy * 0.6, 5)], smooth=True)


def _crib_bars(c: Ctx, frame_top: float, mat: str) -> None:
    """A crib's bars along both long sides under a top rail."""
    hx, hy, h = c.hx, c.hy, c.h
    for y in (-hy + 0.02, hy - 0.02):
        c.add(mat, bbox(-hx, y - 0.02, h - 0.05, hx, y + 0.02, h, 0.006))
        for x in np.linspace(-hx + 0.05, hx - 0.05, int(c.w / 0.07)):
            c.add(mat, tube((x, y, frame_top), (x, y, h - 0.05), 0.01, 5))


@family("bed", 5200)
def bed(c: Ctx) -> None:
    """Frame and headboard, a rounded mattress, a duvet draped with folds, pillows:
    single, double, king, bunk beds, cots, cribs, hospital beds."""
    mat = c.p("mat", "wood")
    mt = c.p("mattress_t", 0.2)
    frame_top = c.p("frame", 0.3)
    levels = int(c.p("levels", 1))
    if levels == 1:
        _headboard(c, frame_top, c.p("head", min(c.h, 1.05)), mat)
    for lev in range(levels):
        zb = lev * 1.0
        _bed_frame(c, zb, frame_top, mat)
        _bedding(c, zb, zb + frame_top, mt)
    if levels > 1:
        _bunk_frame(c, frame_top, mt, mat)
    if c.p("rails", False):
        _side_rails(c, frame_top + mt)
    if c.p("bars", False):
        _crib_bars(c, frame_top, mat)
