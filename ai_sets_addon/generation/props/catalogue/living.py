"""Living and soft families: potted plants with modelled leaves, rocks and logs,
textiles with thickness and folds (rugs, curtains, towels, blankets), tubular frames
(ladders, racks, hoops, goals, IV stands, coat stands, bleachers) and bath fixtures."""

from __future__ import annotations

import numpy as np

from ...mesh import blob, boxes, lathe, new_mesh, sweep, translated, tube, tubes
from .core import Ctx, family
from .objects import turned
from .shapes import bbox, cos_multiple, fillet, grid, leaves, piping, prism, rounded_box


def _cacti(c: Ctx, pot_r: float, pot_h: float) -> None:
    """One to three ribbed columns standing in the pot."""
    top, spread = c.h - pot_h, min(c.hx, c.hy)
    for k in range(1 + c.variant):
        x, y = (k - c.variant / 2) * pot_r * 0.5, 0.0
        hh = top * (1.0 - 0.25 * k) * 0.97
        r = spread * 0.35
        prof = ([(r * 0.6, 0.0)] + [(r * (0.9 + 0.1 * np.sin(a * 3)), hh * a)
                                     for a in np.linspace(0.05, 0.85, 6)]
                + [(r * 0.75, hh * 0.94), (r * 0.4, hh * 0.99), (0.0, hh)])
        body = lathe(prof, 32)
        v = body.vertices.copy()
        v[:, :2] *= (1.0 + 0.09 * cos_multiple(v[:, 0], v[:, 1], 8 + 2 * k))[:, None]     # ribs
        c.add("cactus", new_mesh(v + (x, y, pot_h * 0.88), body.faces, body.visual.uv), smooth=True)


def _leaf_bases(c: Ctx, habit: str, n: int, pot_r: float, pot_h: float) -> np.ndarray:
    """Where the leaves spring from: up a stem (and its trunk) or out of the soil."""
    rng, top, spread = c.rng, c.h - pot_h, min(c.hx, c.hy)
    if habit in ("stem", "palm"):
        trunk_top = top * (0.75 if habit == "stem" else 0.85)
        c.add("bark", tube((0, 0, pot_h * 0.8), (c.u(-0.02, 0.02), c.u(-0.02, 0.02), pot_h + trunk_top * 0.9),
                           0.015 + 0.01 * (habit == "palm"), 6, r1=0.008), smooth=True)
        return np.column_stack([rng.uniform(-0.3, 0.3, n) * spread * 0.4,
                                rng.uniform(-0.3, 0.3, n) * spread * 0.4,
                                pot_h + rng.uniform(0.45, 1.0, n) * trunk_top])
    return np.column_stack([rng.uniform(-0.3, 0.3, n) * pot_r, rng.uniform(-0.3, 0.3, n) * pot_r,
                            np.full(n, pot_h * 0.9)])


def _leaf_habit(c: Ctx, habit: str, n: int, top: float):
    """Rise (steepness), length and droop of the leaves: steep blades (snake plant),
    long arching fronds (palm), or spreading leaves."""
    rng, spread = c.rng, min(c.hx, c.hy)
    if habit == "upright":
        return rng.uniform(4.0, 8.0, n), top * rng.uniform(0.7, 0.98, n), 0.05
    if habit == "palm":
        return rng.uniform(0.2, 0.9, n), spread * rng.uniform(0.8, 1.0, n), 0.35
    return rng.uniform(0.3, 1.6, n), np.minimum(spread * rng.uniform(0.6, 0.95, n), top * 0.9), 0.3


@family("plant", 3200, fit=True)
def plant(c: Ctx) -> None:
    """A pot with soil and a plant of modelled leaves: rosettes (ferns, snake plants),
    stems with leaves (ficus, monstera), columns (cacti), palms."""
    habit = c.p("habit", "rosette")
    pot_h = c.p("pot_h", min(0.35, c.h * 0.3))
    pot_r = min(c.hx, c.hy) * c.p("pot_frac", 0.45)
    if pot_h > 0:
        turned(c, "flowerpot", c.p("pot_mat", ("terracotta", "ceramic", "dark_metal")[c.variant]), pot_r, pot_h)
        turned(c, "cheese", "soil", pot_r * 0.9, 0.01, pot_h * 0.88)
    if habit == "column":
        _cacti(c, pot_r, pot_h)
        return
    n = int(c.p("leaves", 14)) + 3 * c.variant
    bases = _leaf_bases(c, habit, n, pot_r, pot_h)
    ang = c.rng.uniform(0, 2 * np.pi, n)
    rise, length, droop = _leaf_habit(c, habit, n, c.h - pot_h)
    dirs = np.column_stack([np.cos(ang), np.sin(ang), rise])
    mesh = leaves(bases, dirs, length, length * c.p("leaf_w", 0.3), droop, rows=5)
    v = mesh.vertices                    # keep every leaf inside the kind's footprint
    lo = np.array([-c.hx, -c.hy]) * 0.98
    v[:, :2] = np.clip(v[:, :2], lo, -lo)
    v[:, 2] = np.clip(v[:, 2], 0.0, c.h)
    c.add(c.p("leaf_mat", "foliage"), mesh, smooth=True)


@family("rock", 1400)
def rock(c: Ctx) -> None:
    """Lumpy natural masses: rocks, boulders, bushes, hay bales, logs, stumps, pumpkins."""
    style = c.p("style", "rock")
    mat = c.p("mat", "rock")
    if style == "log":
        r = c.h / 2
        pts = np.column_stack([np.linspace(-c.hx + r * 0.1, c.hx - r * 0.1, 6), np.zeros(6), np.full(6, r)])
        pts[:, 1] += np.sin(np.linspace(0, 3, 6)) * 0.02 * c.variant
        m = sweep(pts, r * np.linspace(1.0, 0.85, 6), 12)
        c.add(mat, m, smooth=True)
        for e, s in ((pts[0], -1), (pts[-1], 1)):
            cap = lathe([(0.0, 0.0), (r * (1 if s < 0 else 0.85), 0.0)], 12, False, False)
            v = cap.vertices[:, [2, 1, 0]] * (s, 1, 1) + e
            c.add("wood", new_mesh(v, cap.faces if s > 0 else cap.faces[:, ::-1], cap.visual.uv))
        return
    if style == "stump":
        turned(c, "stump", mat, min(c.hx, c.hy), c.h)
        return
    if style == "bale":
        if c.p("round"):
            r = c.h / 2
            body = lathe([(0.0, -c.hy), (r * 0.95, -c.hy), (r, -c.hy + 0.05), (r, c.hy - 0.05),
                          (r * 0.95, c.hy), (0.0, c.hy)], 20)
            v = body.vertices[:, [0, 2, 1]] + (0, 0, r)
            c.add(mat, new_mesh(v, body.faces[:, ::-1], body.visual.uv), smooth=True)
        else:
            c.add(mat, rounded_box((-c.hx, -c.hy, 0), (c.hx, c.hy, c.h), 0.05, seg=2, mid=2, puff=0.02), smooth=True)
            c.add("rope", [bbox(x - 0.01, -c.hy - 0.004, 0.0, x + 0.01, c.hy + 0.004, c.h + 0.004, 0.003)
                           for x in (-c.hx * 0.4, c.hx * 0.4)])
        return
    if style == "pumpkin":
        turned(c, "gourd", mat, min(c.hx, c.hy), c.h * 0.9)
        c.add("bark", tube((0, 0, c.h * 0.85), (0.01, 0, c.h), 0.012, 6), smooth=True)
        return
    r = max(c.hx, c.hy)
    squash_z = c.h / r * (0.6 if style == "bush" else 0.75)
    # a rock sits a third into the ground: cut the blob low, not at its equator
    m = blob(c.rng, r, (1.0, c.d / c.w if c.w else 1.0, squash_z), 0.45 if style == "rock" else 0.2, 2,
             flat_bottom=-r * squash_z * 0.45, detail=0.4 if style == "bush" else 0.15)
    v = m.vertices.copy()
    b = v.min(axis=0), v.max(axis=0)
    v = (v - (b[0] + b[1]) / 2 * (1, 1, 0) - (0, 0, b[0][2])) * (np.array([c.w, c.d, c.h]) / (b[1] - b[0]))
    c.add(mat, new_mesh(v, m.faces, m.visual.uv), smooth=True)


def _textile_rug(c: Ctx) -> None:
    """A rug with thickness and fringes at its ends (or a round one)."""
    mat = c.p("mat", "rug")
    hx, hy, h = c.hx, c.hy, c.h
    if c.p("round"):
        c.add(mat, lathe([(0.0, 0.0), (hx - 0.006, 0.0), (hx, h * 0.5), (hx - 0.006, h), (0.0, h)], 32),
              smooth=True)
        return
    c.add(mat, rounded_box((-hx + 0.06, -hy, 0), (hx - 0.06, hy, h), min(h / 2 * 0.95, 0.006), seg=1, mid=1))
    ys = np.linspace(-hy + 0.01, hy - 0.01, max(4, int(c.d / 0.03)))
    for s in (-1, 1):
        p0 = np.column_stack([np.full(len(ys), s * (hx - 0.06)), ys, np.full(len(ys), h * 0.4)])
        p1 = p0 + (s * 0.058, 0, -h * 0.35)
        c.add("linen", tubes(p0, p1, 0.002, None, 3))


def _textile_curtain(c: Ctx) -> None:
    """A curtain in pleats hanging from its rod (the rod at +Y, the top)."""
    mat = c.p("mat", "rug")
    hx, hy, h = c.hx, c.hy, c.h
    folds = int(c.w / 0.12) + c.variant
    xs = np.linspace(-hx + 0.02, hx - 0.02, folds * 4 + 1)
    depth = hy * 0.7
    ys = depth * np.sin(np.linspace(0, folds * 2 * np.pi, len(xs)))
    zs = np.linspace(0.01, h - 0.06, 7)
    flare = 1.0 + 0.3 * (1 - zs / h)
    pts = np.stack([np.stack([xs, ys * f, np.full(len(xs), z)], -1) for z, f in zip(zs, flare)], 0)
    pts[..., 1] = np.clip(pts[..., 1], -hy + 0.02, hy - 0.03)
    c.add(mat, grid(pts), smooth=True)
    c.add("metal", tube((-hx, hy - 0.02, h - 0.03), (hx, hy - 0.02, h - 0.03), 0.015, 10), smooth=True)


def _textile_blind(c: Ctx) -> None:
    """Venetian blind: slats on cords."""
    mat = c.p("mat", "rug")
    hx, hy, h = c.hx, c.hy, c.h
    n = int(h / 0.025)
    zs = 0.02 + np.arange(n) * (h - 0.06) / n
    c.add(mat, boxes([(-hx, -hy * 0.8, z) for z in zs], [(hx, hy * 0.8, z + 0.003) for z in zs]))
    c.add(mat, bbox(-hx, -hy, h - 0.04, hx, hy, h, 0.006))


def _textile_folded(c: Ctx) -> None:
    """Towels, blankets, napkins: stacked soft layers."""
    mat = c.p("mat", "rug")
    hx, hy, h = c.hx, c.hy, c.h
    layers = int(c.p("layers", 3)) + c.variant
    t = h / layers
    for k in range(layers):
        c.add(mat, rounded_box((-hx + 0.003 * k, -hy, k * t), (hx, hy - 0.002 * k, (k + 1) * t - 0.001),
                               t * 0.48, seg=2, mid=1, puff=0.002), smooth=True)


def _textile_cushion(c: Ctx) -> None:
    """Throw pillow: puffed, piped."""
    mat = c.p("mat", "rug")
    hx, hy, h = c.hx, c.hy, c.h
    puff = h * 0.3             # a filled pillow: thin piped edge, domed faces
    core = h - 2 * puff
    c.add(mat, rounded_box((-hx, -hy, puff), (hx, hy, h - puff), core / 2 * 0.95, seg=3, mid=3,
                           puff=puff), smooth=True)
    c.add(mat, piping(hx - core * 0.02, hy - core * 0.02, core * 0.5, h / 2, min(0.006, core * 0.2)),
          smooth=True)


def _textile_mattress(c: Ctx) -> None:
    """A mattress (or gym mat): a rounded, slightly filled slab."""
    mat = c.p("mat", "rug")
    hx, hy, h = c.hx, c.hy, c.h
    c.add(mat, rounded_box((-hx, -hy, 0), (hx, hy, h), min(0.05, h * 0.45), seg=2, mid=3, puff=0.006),
          smooth=True)


_TEXTILES = {"rug": _textile_rug, "curtain": _textile_curtain, "blind": _textile_blind, "folded":
             _textile_folded, "cushion": _textile_cushion, "mattress": _textile_mattress}


@family("textile", 1800, fit=True)
def textile(c: Ctx) -> None:
    """Cloth with thickness and folds: rugs (with fringes), curtains hanging in pleats,
    blinds, folded towels and blankets, throw cushions, flags."""
    _TEXTILES[c.p("style", 'rug')](c)


def _frame_ladder(c: Ctx) -> None:
    """A ladder leaning on a wall, or a step ladder on four legs."""
    mat = c.p("mat", "metal")
    hx, hy, h = c.hx, c.hy, c.h
    for x in (-hx + 0.03, hx - 0.03):
        if c.p("step"):
            c.add(mat, tube((x, -hy + 0.03, 0), (x, hy * 0.2, h), 0.02, 6))
        else:
            c.add(mat, bbox(x - 0.025, -hy, 0, x + 0.025, -hy + 0.06, h, 0.005))
    for z in np.arange(0.25, h - 0.1, 0.28):
        c.add(mat, tube((-hx + 0.03, -hy + 0.03, z), (hx - 0.03, -hy + 0.03, z), 0.014, 6), smooth=True)
    if c.p("step"):
        for x in (-hx + 0.03, hx - 0.03):
            c.add(mat, tube((x, hy - 0.02, 0), (x, hy * 0.2, h), 0.02, 6))


def _frame_coat_stand(c: Ctx) -> None:
    """A coat stand: a turned foot, a pole, hooks at the top."""
    hx, hy, h = c.hx, c.hy, c.h
    turned(c, "cheese", "wood", min(hx, hy), 0.04)
    c.add("wood", tube((0, 0, 0.03), (0, 0, h - 0.03), 0.02, 8), smooth=True)
    for k in range(6):
        a = 2 * np.pi * k / 6
        c.add("wood", tube((0, 0, h - 0.2 - 0.1 * (k % 2)), (np.cos(a) * 0.17, np.sin(a) * 0.17, h - 0.07 * (k % 2)),
                           0.01, 6), smooth=True)


def _frame_iv_pole(c: Ctx) -> None:
    """An IV stand: a five-leg base, a pole, hooks and a drip bag."""
    mat = c.p("mat", "metal")
    hx, hy, h = c.hx, c.hy, c.h
    for k in range(5):
        a = 2 * np.pi * k / 5
        c.add(mat, tube((0, 0, 0.08), (np.cos(a) * hx * 0.9, np.sin(a) * hy * 0.9, 0.04), 0.012, 6), smooth=True)
    c.add(mat, tube((0, 0, 0.04), (0, 0, h - 0.05), 0.012, 8), smooth=True)
    c.add(mat, [tube((0, 0, h - 0.05), (s * 0.12, 0, h), 0.005, 5) for s in (-1, 1)], smooth=True)
    c.add("plastic", rounded_box((0.06, -0.02, h - 0.32), (0.16, 0.02, h - 0.08), 0.015, seg=1, mid=1))


def _frame_hoop(c: Ctx) -> None:
    """Basketball: post, arm, backboard, ring, net."""
    mat = c.p("mat", "metal")
    hy, h = c.hy, c.h
    c.add(mat, tube((0, hy - 0.1, 0), (0, hy - 0.1, h - 0.8), 0.07, 12), smooth=True)
    c.add(mat, tube((0, hy - 0.1, h - 0.85), (0, -hy + 0.55, h - 0.6), 0.05, 10), smooth=True)
    c.add("board", bbox(-0.9, -hy + 0.5, h - 1.05, 0.9, -hy + 0.53, h, 0.01))
    ring = lathe([(0.23, 0.0), (0.23, 0.02)], 20, False, False)
    c.add("rack_beam", translated(ring, (0, -hy + 0.23, h - 0.75)), smooth=True)
    a = np.linspace(0, 2 * np.pi, 13)[:-1]
    top = np.column_stack([np.cos(a) * 0.23, -hy + 0.23 + np.sin(a) * 0.23, np.full(12, h - 0.75)])
    bot = np.column_stack([np.cos(a) * 0.15, -hy + 0.23 + np.sin(a) * 0.15, np.full(12, h - 1.15)])
    c.add("canvas", tubes(top, np.roll(bot, 1, axis=0), 0.003, None, 3))
    c.add("canvas", tubes(top, np.roll(bot, -1, axis=0), 0.003, None, 3))


def _frame_goal(c: Ctx) -> None:
    """Football/handball goal, opening towards -Y."""
    mat = c.p("mat", "metal")
    hx, hy, h = c.hx, c.hy, c.h
    r = 0.06
    c.add(mat, [tube((-hx + r, -hy + r, 0), (-hx + r, -hy + r, h - r), r, 10),
                tube((hx - r, -hy + r, 0), (hx - r, -hy + r, h - r), r, 10),
                tube((-hx, -hy + r, h - r), (hx, -hy + r, h - r), r, 10),
                tube((-hx + r, hy - 0.02, 0.02), (hx - r, hy - 0.02, 0.02), 0.02, 6),
                tube((-hx + r, -hy + r, h - r), (-hx + r, hy - 0.02, 0.02), 0.02, 6),
                tube((hx - r, -hy + r, h - r), (hx - r, hy - 0.02, 0.02), 0.02, 6)], smooth=True)
    xs = np.linspace(-hx + r, hx - r, int(c.w / 0.25))
    c.add("canvas", tubes(np.column_stack([xs, np.full(len(xs), -hy + r), np.full(len(xs), h - r)]),
                          np.column_stack([xs, np.full(len(xs), hy - 0.02), np.full(len(xs), 0.02)]), 0.004, None, 3))


def _frame_bleachers(c: Ctx) -> None:
    """Stepped tiers of planks on a frame."""
    mat = c.p("mat", "metal")
    hx, hy, h = c.hx, c.hy, c.h
    tiers = int(c.p("tiers", 5))
    rise, run = h / tiers, c.d / tiers
    for k in range(tiers):
        y = -hy + k * run
        z = (k + 1) * rise
        c.add("wood", bbox(-hx, y, z - 0.05, hx, y + run * 0.6, z, 0.008))
        c.add("wood", bbox(-hx, y + run * 0.55, z - rise * 0.95, hx, y + run * 0.6, z - 0.05, 0.004))
    for x in np.linspace(-hx + 0.05, hx - 0.05, max(2, int(c.w / 1.5) + 1)):
        c.add(mat, [tube((x, -hy + k * run + 0.05, 0), (x, -hy + k * run + 0.05, (k + 1) * rise - 0.05), 0.03, 6)
               for k in range(tiers)], smooth=True)


def _frame_rack(c: Ctx) -> None:
    """Bike rack / drying rack: hoops in a row."""
    mat = c.p("mat", "metal")
    hx, hy, h = c.hx, c.hy, c.h
    n = int(c.p("hoops", 5))
    for x in np.linspace(-hx + 0.05, hx - 0.05, n):
        a = np.linspace(0, np.pi, 9)
        pts = np.column_stack([np.full(9, x), np.cos(a) * (hy - 0.02), 0.0 + np.sin(a) * (h - 0.03)])
        c.add(mat, sweep(pts, np.full(9, 0.022), 8), smooth=True)
    c.add(mat, tube((-hx, 0, 0.1), (hx, 0, 0.1), 0.02, 8), smooth=True)


def _frame_easel(c: Ctx) -> None:
    """An easel: three legs, a ledge and a canvas."""
    hx, hy, h = c.hx, c.hy, c.h
    for x, y in ((-hx * 0.8, -hy), (hx * 0.8, -hy), (0.0, hy)):
        c.add("wood", tube((x, y, 0), (0, 0, h), 0.015, 6), smooth=True)
    c.add("wood", bbox(-hx * 0.7, -hy * 0.5, h * 0.4, hx * 0.7, -hy * 0.3, h * 0.43, 0.004))
    c.add(c.p("face", "canvas"), bbox(-hx * 0.6, -hy * 0.45, h * 0.43, hx * 0.6, -hy * 0.4, h * 0.9, 0.004))


def _frame_net(c: Ctx) -> None:
    """Tennis / volleyball net between posts."""
    mat = c.p("mat", "metal")
    hx, h = c.hx, c.h
    for x in (-hx + 0.04, hx - 0.04):
        c.add(mat, tube((x, 0, 0), (x, 0, h), 0.04, 8), smooth=True)
    zs = np.linspace(h * 0.1, h - 0.05, 8)
    c.add("canvas", tubes(np.column_stack([np.full(8, -hx + 0.04), np.zeros(8), zs]),
                          np.column_stack([np.full(8, hx - 0.04), np.zeros(8), zs]), 0.003, None, 3))
    c.add("linen", bbox(-hx + 0.04, -0.01, h - 0.07, hx - 0.04, 0.01, h - 0.02, 0.004))


def _spoked_wheel(c: Ctx, x: float, y: float, r: float, key: str = "rubber") -> None:
    """A thin wheel in the YZ plane (axle along X) with a few spokes."""
    tyre = lathe([(r * 0.9, -0.015), (r, -0.01), (r, 0.01), (r * 0.9, 0.015)], 20, False, False)
    c.add(key, new_mesh(tyre.vertices[:, [2, 0, 1]] + (x, y, r), tyre.faces[:, ::-1], tyre.visual.uv),
          smooth=True)
    for a in np.linspace(0, np.pi, 5)[:-1]:
        d = np.array([0.0, np.cos(a), np.sin(a)]) * r * 0.9
        c.add("chrome", tube(np.array([x, y, r]) - d, np.array([x, y, r]) + d, 0.003, 3))


def _frame_wheelchair(c: Ctx) -> None:
    """A wheelchair: two big wheels with push rims, front casters, a sling seat and back."""
    hx, hy, h = c.hx, c.hy, c.h
    r = 0.3
    for s in (-1, 1):
        _spoked_wheel(c, s * (hx - 0.02), hy - r - 0.02, r)
        c.add("chrome", [tube((s * (hx - 0.1), -hy + 0.05, 0.1), (s * (hx - 0.1), hy - 0.1, 0.48), 0.012, 6),
                         tube((s * (hx - 0.1), hy - 0.1, 0.45), (s * (hx - 0.1), hy - 0.05, h - 0.02), 0.012, 6),
                         tube((s * (hx - 0.1), hy - 0.05, h - 0.02), (s * (hx - 0.1), hy + 0.0 - 0.0, h - 0.02),
                              0.015, 6),
                         tube((s * (hx - 0.1), -hy + 0.05, 0.05), (s * (hx - 0.1), -hy + 0.05, 0.2), 0.01, 6)],
              smooth=True)
        c.add("rubber", translated(lathe([(0.05, -0.01), (0.05, 0.01)], 10), (0, 0, 0))
              .apply_transform(np.array([[0, 0, 1, s * (hx - 0.1)], [1, 0, 0, -hy + 0.05], [0, 1, 0, 0.05],
                                         [0, 0, 0, 1.0]])), smooth=True)
    c.add("leather", [bbox(-hx + 0.1, -hy + 0.12, 0.46, hx - 0.1, hy - 0.12, 0.5, 0.01),
                      bbox(-hx + 0.1, hy - 0.12, 0.5, hx - 0.1, hy - 0.09, h - 0.12, 0.01)])


def _frame_trolley(c: Ctx) -> None:
    """A shopping trolley: a wire basket (tapering) on a frame with four casters."""
    hx, hy, h = c.hx, c.hy, c.h
    z0, z1 = h * 0.45, h * 0.9
    xs = np.linspace(-hx + 0.03, hx - 0.03, 9)
    ys = np.linspace(-hy + 0.1, hy - 0.12, 12)
    front = -hy + 0.1
    p0 = [(x, ys[0], z0) for x in xs]                                   # floor wires
    p1 = [(x * 0.85, ys[-1], z0) for x in xs]
    for y in (ys[0], ys[-1]):                                           # end rails
        for z in np.linspace(z0, z1, 5):
            p0.append((-hx + 0.03, y, z))
            p1.append((hx - 0.03, y, z))
    for s in (-1, 1):                                                   # side uprights
        for y in ys:
            p0.append((s * (hx - 0.03), y, z0))
            p1.append((s * (hx - 0.03), y, z1))
    c.add("chrome", tubes(np.array(p0), np.array(p1), 0.003, None, 3))
    c.add("chrome", [tube((s * (hx - 0.05), front, 0.08), (s * (hx - 0.05), hy - 0.05, z0), 0.012, 6)
                     for s in (-1, 1)], smooth=True)
    c.add("plastic", tube((-hx + 0.03, hy - 0.03, z1 + 0.02), (hx - 0.03, hy - 0.03, z1 + 0.02), 0.015, 8),
          smooth=True)
    for x in (-hx + 0.06, hx - 0.06):
        for y in (front, hy - 0.08):
            c.add("rubber", translated(lathe([(0.04, -0.012), (0.04, 0.012)], 10), (0, 0, 0))
                  .apply_transform(np.array([[0, 0, 1, x], [1, 0, 0, y], [0, 1, 0, 0.04], [0, 0, 0, 1.0]])),
                  smooth=True)


def _frame_wheelbarrow(c: Ctx) -> None:
    """A wheelbarrow: a pressed tray, one wheel at the front, two legs, long handles."""
    hx, hy, h = c.hx, c.hy, c.h
    r = 0.18
    _spoked_wheel(c, 0.0, -hy + r, r)
    top = np.array([(-hx, -hy * 0.45), (hx, -hy * 0.45), (hx, hy * 0.35), (-hx, hy * 0.35)])
    bottom = top * (0.6, 0.7)
    rows = np.stack([np.column_stack([bottom, np.full(4, h * 0.45)]),
                     np.column_stack([top, np.full(4, h - 0.02)])], 0)
    c.add(c.p("mat", "dumpster"), grid(np.concatenate([rows, rows[:, :1]], axis=1)[:, :, :], wrap=False))
    c.add(c.p("mat", "dumpster"), grid(np.stack([np.column_stack([bottom[:2], np.full(2, h * 0.45)]),
                                                 np.column_stack([bottom[[3, 2]], np.full(2, h * 0.45)])], 0)))
    for s in (-1, 1):
        c.add("wood", tube((s * hx * 0.45, -hy + r, r), (s * hx * 0.55, hy, h * 0.55), 0.02, 6), smooth=True)
        c.add("dark_metal", tube((s * hx * 0.45, hy * 0.3, h * 0.45), (s * hx * 0.45, hy * 0.35, 0.0), 0.012, 6),
              smooth=True)


def _frame_ironing(c: Ctx) -> None:
    """An ironing board: a padded, pointed top on crossed legs."""
    hx, hy, h = c.hx, c.hy, c.h
    outline = fillet([(-hx, -hy), (hx * 0.55, -hy), (hx, 0.0), (hx * 0.55, hy), (-hx, hy)], 0.05, 2)
    m = prism(outline, h - 0.03, h, 0.01)
    c.add("linen", new_mesh(m.vertices[:, [0, 2, 1]], m.faces[:, ::-1], m.visual.uv))
    for s in (-1, 1):
        c.add("chrome", [tube((-hx * 0.5, s * (hy - 0.03), 0.0), (hx * 0.3, s * (hy - 0.03), h - 0.03), 0.01, 6),
                         tube((hx * 0.3, s * (hy - 0.03), 0.0), (-hx * 0.5, s * (hy - 0.03), h - 0.03), 0.01, 6)],
              smooth=True)


def _frame_cage(c: Ctx) -> None:
    """A bird cage: a round base, bars rising into a dome, a ring to hang it by."""
    h = c.h
    r = min(c.hx, c.hy)
    turned(c, "cheese", c.p("mat", "brass"), r, 0.05)
    n = 16
    body_h = h * 0.65
    for k in range(n):
        a = 2 * np.pi * k / n
        t = np.linspace(0, np.pi / 2, 5)
        pts = [(np.cos(a) * r * 0.97, np.sin(a) * r * 0.97, 0.04)]
        pts += [(np.cos(a) * r * 0.97 * np.cos(u), np.sin(a) * r * 0.97 * np.cos(u), body_h + np.sin(u) * (h * 0.27))
                for u in t]
        c.add("brass", sweep(np.array(pts), np.full(len(pts), 0.0025), 4), smooth=True)
    c.add("brass", translated(lathe([(0.03, -0.004), (0.035, 0.0), (0.03, 0.004)], 12, False, False),
                              (0, 0, body_h * 0.5)), smooth=True)
    c.add("brass", tube((0, 0, h * 0.9), (0, 0, h - 0.03), 0.004, 6), smooth=True)
    ring = lathe([(0.025, -0.004), (0.03, 0.0), (0.025, 0.004)], 12, False, False)
    c.add("brass", new_mesh(ring.vertices[:, [0, 2, 1]] + (0, 0, h - 0.03), ring.faces, ring.visual.uv),
          smooth=True)


_FRAMES = {"wheelchair": _frame_wheelchair, "trolley": _frame_trolley, "wheelbarrow": _frame_wheelbarrow,
           "ironing": _frame_ironing, "cage": _frame_cage, "ladder": _frame_ladder, "coat_stand": _frame_coat_stand, "iv_pole": _frame_iv_pole,
           "hoop": _frame_hoop, "goal": _frame_goal, "bleachers": _frame_bleachers, "rack":
           _frame_rack, "easel": _frame_easel, "net": _frame_net}


@family("frame", 2600, fit=True)
def frame(c: Ctx) -> None:
    """Tubular and slatted frames: ladders, coat stands, IV poles, drying racks,
    basketball hoops, football goals, bleachers, bike racks, scaffold towers, easels."""
    _FRAMES[c.p("style", 'ladder')](c)


def _bath_tub(c: Ctx) -> None:
    """A bathtub: a superellipse rim and sloping inner walls, on claw feet in one variant."""
    hx, hy, h = c.hx, c.hy, c.h
    mat = c.p("mat", "ceramic")
    feet = c.variant == 1
    z0 = 0.12 if feet else 0.0
    n = 10
    a = np.linspace(0, 2 * np.pi, 4 * n + 1)[:-1]
    rx, ry = hx, hy
    ex = 4.0
    ring = np.column_stack([np.sign(np.cos(a)) * np.abs(np.cos(a)) ** (2 / ex) * rx,
                            np.sign(np.sin(a)) * np.abs(np.sin(a)) ** (2 / ex) * ry])
    inner = ring * ((rx - 0.06) / rx, (ry - 0.06) / ry)
    rows = [np.column_stack([ring * 0.9, np.full(len(a), z0)]),
            np.column_stack([ring, np.full(len(a), h - 0.02)]),
            np.column_stack([ring * 1.005, np.full(len(a), h)]),
            np.column_stack([inner, np.full(len(a), h)]),
            np.column_stack([inner * 0.85, np.full(len(a), z0 + 0.08)]),
            np.column_stack([inner * 0.0, np.full(len(a), z0 + 0.07)])]
    rim = np.stack(rows, 0)
    mesh = grid(rim, wrap=True)
    c.add(mat, grid(np.stack([rows[0], np.column_stack([ring * 0.0, np.full(len(a), z0)])], 0)[::-1], wrap=True),
          smooth=True)
    c.add(mat, mesh, smooth=True)
    if feet:
        for sx in (-1, 1):
            for sy in (-1, 1):
                c.add("brass", translated(lathe([(0.03, 0.0), (0.04, 0.03), (0.025, z0 + 0.02)], 8),
                                          (sx * hx * 0.7, sy * hy * 0.6, 0)), smooth=True)
    c.add("chrome", tube((0, hy - 0.03, h - 0.02), (0, hy - 0.03, h + 0.0), 0.015, 8), smooth=True)


def _bath_toilet(c: Ctx) -> None:
    """Foot, bowl with its rim, seat ring and lid, cistern."""
    hx, hy, h = c.hx, c.hy, c.h
    mat = c.p("mat", "ceramic")
    ry = 1.35
    foot = lathe([(hx * 0.55, 0.0), (hx * 0.5, 0.03), (hx * 0.42, h * 0.25), (hx * 0.6, h * 0.42),
                  (0.0, h * 0.44)], 20)
    bowl = lathe([(hx * 0.55, h * 0.38), (hx * 0.85, h * 0.45), (hx * 0.95, h * 0.5),
                  (hx * 0.92, h * 0.52), (hx * 0.78, h * 0.52), (hx * 0.6, h * 0.45),
                  (hx * 0.25, h * 0.36), (0.0, h * 0.35)], 20, True, False)
    seat = lathe([(hx * 0.6, h * 0.525), (hx * 0.97, h * 0.525), (hx * 0.97, h * 0.545),
                  (hx * 0.6, h * 0.545)], 20, False, False)
    oy = -hy + hx * ry
    for part, m in ((foot, mat), (bowl, mat), (seat, c.p("seat_mat", "plastic"))):
        c.add(m, new_mesh(part.vertices * (1, ry, 1) + (0, oy, 0), part.faces, part.visual.uv),
              smooth=True)
    tank_y0 = hy - 0.2
    if c.variant != 2:          # close-coupled cistern and a lid up against it
        c.add(mat, bbox(-hx * 0.9, tank_y0, h * 0.5, hx * 0.9, hy, h - 0.02, 0.025))
        c.add(mat, bbox(-hx * 0.93, tank_y0 - 0.01, h - 0.025, hx * 0.93, hy, h, 0.012))
    else:                       # a slim wall cistern
        c.add(mat, bbox(-hx * 0.7, hy - 0.12, h * 0.55, hx * 0.7, hy, h, 0.02))
    c.add(c.p("seat_mat", "plastic"),
          bbox(-hx * 0.85, tank_y0 - 0.03, h * 0.55, hx * 0.85, tank_y0 - 0.01, h * 0.55 + hx * 1.5, 0.01))
    c.add("chrome", translated(lathe([(0.02, 0.0), (0.02, 0.006), (0.0, 0.008)], 10),
                               (0, (tank_y0 + hy) / 2, h)), smooth=True)


def _bath_basin(c: Ctx) -> None:
    """A washbasin: an oval bowl on a pedestal, a tap."""
    hx, hy, h = c.hx, c.hy, c.h
    mat = c.p("mat", "ceramic")
    ped = c.p("pedestal", True)
    if ped:
        turned(c, "vase", mat, 0.09, h - 0.15)
    body = lathe([(0.0, h - 0.06), (hx * 0.7, h - 0.1), (hx * 0.95, h - 0.02), (hx, h), (hx * 0.88, h),
                  (hx * 0.6, h - 0.1), (0.0, h - 0.13)], 20, False, False)
    v = body.vertices * (1, hy / hx, 1)
    c.add(mat, new_mesh(v, body.faces, body.visual.uv), smooth=True)
    c.add("chrome", sweep(np.array([(0, hy * 0.85, h - 0.01), (0, hy * 0.8, h + 0.0), (0, hy * 0.6, h + 0.0)]),
                          np.full(3, 0.012), 8), smooth=True)


def _bath_shower(c: Ctx) -> None:
    """A shower: a tray, two glass sides, a riser and a head."""
    hx, hy, h = c.hx, c.hy, c.h
    mat = c.p("mat", "ceramic")
    c.add(mat, bbox(-hx, -hy, 0, hx, hy, 0.06, 0.02))
    c.add("glass", [bbox(-hx, -hy, 0.06, hx, -hy + 0.01, h - 0.05, 0.002),
                    bbox(-hx, -hy, 0.06, -hx + 0.01, hy, h - 0.05, 0.002)])
    c.add("chrome", [tube((-hx, -hy, 0.06), (-hx, -hy, h - 0.05), 0.012, 6),
                     tube((hx - 0.1, hy - 0.03, 1.0), (hx - 0.1, hy - 0.03, h - 0.05), 0.01, 6),
                     tube((hx - 0.1, hy - 0.03, h - 0.05), (hx - 0.1, hy - 0.25, h - 0.08), 0.01, 6)],
          smooth=True)
    c.add("chrome", translated(lathe([(0.0, 0.0), (0.08, 0.0), (0.08, 0.01), (0.01, 0.03)], 12),
                               (hx - 0.1, hy - 0.25, h - 0.12)), smooth=True)


def _bath_urinal(c: Ctx) -> None:
    """A wall urinal: a rounded profile extruded across its width."""
    hx, hy, h = c.hx, c.hy, c.h
    mat = c.p("mat", "ceramic")
    prof = fillet([(-hy, 0.2), (hy, 0.2), (hy, h), (-hy * 0.2, h), (-hy, h * 0.6)], 0.06)
    m = prism(prof, -hx, hx, 0.02)
    c.add(mat, new_mesh(m.vertices[:, [1, 0, 2]], m.faces[:, ::-1], m.visual.uv))


_BATHS = {"tub": _bath_tub, "toilet": _bath_toilet, "basin": _bath_basin, "shower": _bath_shower,
          "urinal": _bath_urinal}


@family("bath", 2800, fit=True)
def bath(c: Ctx) -> None:
    """Sanitary ware in glazed ceramic: bathtubs (built-in or on claw feet), toilets,
    washbasins on pedestals, shower trays with glass, urinals, bidets."""
    _BATHS[c.p("style", 'tub')](c)
