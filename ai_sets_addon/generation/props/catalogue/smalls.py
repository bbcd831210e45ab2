"""Musical instruments and the small things a set decorator puts on every surface
(books, papers, keyboards, phones, tools, shoes): issue 20's last dressing stage."""

from __future__ import annotations

import numpy as np

from ...mesh import blob, boxes, lathe, new_mesh, sweep, translated, tube, tubes
from .core import Ctx, family
from .objects import turned
from .shapes import bbox, fillet, grid, outward, prism, rounded_box, slab_xy, turned_leg


def _keys(c: Ctx, x0: float, x1: float, y0: float, z: float, depth: float = 0.15) -> None:
    """A piano keyboard: white keys across [x0, x1] from y0 back, black keys in 2+3 groups."""
    n = max(14, int((x1 - x0) / 0.0235))
    pitch = (x1 - x0) / n
    xs = x0 + np.arange(n) * pitch
    c.add("ceramic", boxes(np.column_stack([xs + 0.0006, np.full(n, y0), np.full(n, z)]),
                           np.column_stack([xs + pitch - 0.0006, np.full(n, y0 + depth),
                                            np.full(n, z + 0.02)])))
    black = [k for k in range(n - 1) if k % 7 in (0, 1, 3, 4, 5)]
    bx = xs[black] + pitch * 0.7
    c.add("dark_metal", boxes(np.column_stack([bx, np.full(len(bx), y0 + depth * 0.38), np.full(len(bx), z + 0.02)]),
                              np.column_stack([bx + pitch * 0.6, np.full(len(bx), y0 + depth),
                                               np.full(len(bx), z + 0.032)])))


def _music_upright(c: Ctx) -> None:
    """An upright piano: case, cheeks and turned legs, key bed and keys, pedals."""
    style = c.p("style", "upright")
    hx, hy, h = c.hx, c.hy, c.h
    mat = c.p("mat", ("dark_metal", "wood", "cabinet")[c.variant] if style in ("upright", "grand") else "wood")
    back = hy - 0.34
    c.add(mat, bbox(-hx + 0.05, back - 0.02, 0.04, hx - 0.05, hy, h, 0.01))          # case
    c.add(mat, bbox(-hx - 0.0, -hy + 0.1, h - 0.03, hx, hy, h, 0.012))                # top lid
    for s in (-1, 1):                                                                 # cheeks
        x0, x1 = (hx - 0.05, hx) if s > 0 else (-hx, -hx + 0.05)
        c.add(mat, bbox(x0, -hy + 0.02, 0.6, x1, back, 0.8, 0.008))
        c.add(mat, bbox(x0, back - 0.3, 0.0, x1, back, 0.6, 0.008))
        c.add(mat, turned_leg((x0 + x1) / 2, -hy + 0.06, 0.6, 0.025, 1))
    c.add(mat, bbox(-hx + 0.05, -hy + 0.02, 0.62, hx - 0.05, back, 0.7, 0.006))       # key bed
    _keys(c, -hx + 0.06, hx - 0.06, -hy + 0.03, 0.7)
    c.add(mat, bbox(-hx + 0.05, back - 0.06, 0.72, hx - 0.05, back - 0.02, 0.86, 0.006))  # fallboard
    c.add(mat, bbox(-hx + 0.25, back - 0.1, 0.9, hx - 0.25, back - 0.04, 1.05, 0.006))    # music desk
    for x in (-0.06, 0.0, 0.06):
        c.add("brass", bbox(x - 0.012, back - 0.22, 0.05, x + 0.012, back - 0.02, 0.07, 0.005))


def _music_grand(c: Ctx) -> None:
    """A grand piano: a curved case on three legs, its lid propped open, keys."""
    style = c.p("style", "upright")
    hx, hy = c.hx, c.hy
    mat = c.p("mat", ("dark_metal", "wood", "cabinet")[c.variant] if style in ("upright", "grand") else "wood")
    case_z0, case_z1 = 0.62, 0.95
    L = c.d - 0.05
    # plan outline: keyboard at -Y, straight spine at -X, bentside curving in at +X
    t = np.linspace(0, 1, 9)
    bent = [(hx - (hx * 1.3) * (tt ** 1.6), -hy + 0.25 + (L - 0.3) * np.sin(tt * np.pi / 2)) for tt in t]
    outline = [(-hx, -hy + 0.25)] + [(hx, -hy + 0.25)] + bent[1:] + [(-hx + 0.15, hy)]
    outline = fillet(outline, 0.08, 2)
    c.add(mat, slab_xy(outline, case_z0, case_z1, 0.012))
    angle = np.radians((30.0, 34.0, 38.0)[c.variant])
    lid = slab_xy(outline, 0.0, 0.02, 0.005)
    v = lid.vertices.copy()
    x_rel = v[:, 0] + hx
    v[:, 0] = -hx + x_rel * np.cos(angle) - v[:, 2] * np.sin(angle)
    v[:, 2] = case_z1 + x_rel * np.sin(angle) + v[:, 2] * np.cos(angle)
    c.add(mat, new_mesh(v, lid.faces, lid.visual.uv))
    c.add("brass", tube((hx * 0.3, 0.0, case_z1), (hx * 0.3, 0.0, case_z1 + (hx * 1.3) * np.sin(angle) - 0.05),
                        0.008, 6), smooth=True)
    c.add(mat, bbox(-hx, -hy, case_z0 - 0.02, hx, -hy + 0.27, case_z0 + 0.1, 0.008))    # key bed
    _keys(c, -hx + 0.06, hx - 0.06, -hy + 0.02, case_z0 + 0.1)
    for x, y in ((-hx + 0.15, -hy + 0.3), (hx - 0.2, -hy + 0.3), (-hx + 0.3, hy - 0.35)):
        c.add(mat, turned_leg(x, y, case_z0, 0.045, 1), smooth=True)
    c.add("brass", bbox(-0.08, -hy + 0.35, 0.02, 0.08, -hy + 0.4, 0.06, 0.004))
    c.add(mat, tube((0, -hy + 0.37, 0.06), (0, -hy + 0.37, case_z0), 0.015, 6), smooth=True)


def _music_drums(c: Ctx) -> None:
    """A drum kit: bass drum, toms, snare and floor tom, cymbals on tripods."""
    hx, hy, h = c.hx, c.hy, c.h
    shell, head = c.p("shell", "vehicle_paint"), "canvas"

    def drum(x, y, z, r, depth, axis_y=False):
        prof = [(r, 0.0), (r, depth)]
        body = lathe(prof, 20, False, False)
        skins = [lathe([(r * 0.98, 0.0), (0.0, 0.0)], 20, False, False),
                 lathe([(0.0, depth), (r * 0.98, depth)], 20, False, False)]
        for m, key in ((body, shell), (skins[0], head), (skins[1], head)):
            vv = m.vertices - (0, 0, depth / 2)
            if axis_y:
                vv = vv[:, [0, 2, 1]] * (1, -1, 1)
            c.add(key, new_mesh(vv + (x, y, z), m.faces, m.visual.uv), smooth=True)

    drum(0.0, hy - 0.3, 0.28, 0.27, 0.4, axis_y=True)                 # bass drum
    drum(-0.15, hy - 0.4, 0.72, 0.15, 0.3)                            # rack toms
    drum(0.18, hy - 0.4, 0.7, 0.13, 0.26)
    drum(-hx + 0.4, -hy + 0.45, 0.6, 0.18, 0.14)                      # snare
    drum(hx - 0.3, -hy + 0.5, 0.45, 0.21, 0.45)                       # floor tom
    stands = [(-hx + 0.4, -hy + 0.45, 0.53), (-hx + 0.12, hy - 0.2, h - 0.02),
              (hx - 0.12, hy - 0.12, h - 0.12), (-hx + 0.15, -hy + 0.15, 0.95)]
    for x, y, z in stands:
        c.add("chrome", tube((x, y, 0.0), (x, y, z), 0.01, 6), smooth=True)
        for k in range(3):
            a = 2 * np.pi * k / 3
            c.add("chrome", tube((x, y, 0.25), (x + np.cos(a) * 0.12, y + np.sin(a) * 0.12, 0.0),
                                 0.007, 5), smooth=True)
    for x, y, z, r in ((-hx + 0.12, hy - 0.2, h - 0.02, 0.2), (hx - 0.12, hy - 0.12, h - 0.12, 0.12),
                       (-hx + 0.15, -hy + 0.15, 0.95, 0.18), (-hx + 0.15, -hy + 0.15, 0.93, 0.18)):
        r = min(r, hx - abs(x) + 0.1, hy - abs(y) + 0.1)
        c.add("brass", translated(lathe([(0.0, 0.012), (0.03, 0.01), (r, 0.0), (r - 0.005, -0.002),
                                         (0.03, 0.006), (0.0, 0.008)], 20), (x, y, z - 0.012)), smooth=True)


def _music_guitar(c: Ctx) -> None:
    """A guitar (or bass) upright on a little A-frame stand, strings facing -Y."""
    style = c.p("style", "upright")
    hy, h = c.hy, c.h
    mat = c.p("mat", ("dark_metal", "wood", "cabinet")[c.variant] if style in ("upright", "grand") else "wood")
    body_h = h * (0.45 if c.p("bass") is None else 0.55)
    w = c.w * 0.95 / 2
    waist = w * 0.62
    side = [(0.0, 0.0), (w * 0.75, body_h * 0.03), (w, body_h * 0.25), (waist * 1.05, body_h * 0.55),
            (waist, body_h * 0.62), (w * 0.82, body_h * 0.82), (w * 0.5, body_h * 0.98), (0.0, body_h)]
    outline = [(x, z) for x, z in side] + [(-x, z) for x, z in side[::-1]][1:-1]
    outline = fillet(outline, 0.03, 2)
    z0 = 0.12
    thick = c.d * 0.5
    c.add(c.p("mat", "wood"), translated(prism(outline, -thick / 2, thick / 2, 0.01), (0, 0, z0)))
    c.add("dark_metal", translated(lathe([(0.0, 0.0), (w * 0.28, 0.0)], 16, False, False), (0, 0, 0))
          .apply_transform(np.array([[1, 0, 0, 0], [0, 0, 1, -thick / 2 - 0.001],
                                     [0, -1, 0, z0 + body_h * 0.62], [0, 0, 0, 1.0]])))
    neck_top = h - 0.16
    c.add("wood", bbox(-0.025, -thick / 2 + 0.005, z0 + body_h * 0.85, 0.025, -thick / 2 + 0.03, neck_top, 0.005))
    c.add("wood", bbox(-0.04, -thick / 2 + 0.005, neck_top, 0.04, -thick / 2 + 0.03, h, 0.008))
    xs = np.linspace(-0.018, 0.018, 6 if c.p("bass") is None else 4)
    c.add("chrome", tubes(np.column_stack([xs, np.full(len(xs), -thick / 2 - 0.004),
                                           np.full(len(xs), z0 + body_h * 0.2)]),
                          np.column_stack([xs, np.full(len(xs), -thick / 2 - 0.004), np.full(len(xs), neck_top)]),
                          0.0008, None, 3))
    for s in (-1, 1):             # stand
        c.add("dark_metal", [tube((s * w * 0.6, -hy + 0.02, 0.0), (s * w * 0.3, 0.0, z0 + 0.05), 0.008, 5),
                             tube((0, hy - 0.02, 0.0), (0, thick / 2, z0 + body_h * 0.7), 0.008, 5)],
              smooth=True)
    c.add("dark_metal", tube((-w * 0.6, -hy + 0.04, z0 - 0.02), (w * 0.6, -hy + 0.04, z0 - 0.02), 0.01, 6),
          smooth=True)


def _music_mic(c: Ctx) -> None:
    """Microphone on a boom stand."""
    hx, hy, h = c.hx, c.hy, c.h
    for k in range(3):
        a = 2 * np.pi * k / 3
        c.add("dark_metal", tube((0, 0, 0.3), (np.cos(a) * hx * 0.9, np.sin(a) * hy * 0.9, 0.0), 0.01, 6),
              smooth=True)
    c.add("dark_metal", tube((0, 0, 0.0), (0, 0, h * 0.75), 0.012, 8), smooth=True)
    tip = (0.0, -hy * 0.85, h - 0.05)
    c.add("dark_metal", tube((0, hy * 0.6, h * 0.62), tip, 0.008, 6), smooth=True)
    c.add("chrome", translated(lathe([(0.0, 0.0), (0.012, 0.0), (0.022, 0.1), (0.026, 0.14),
                                      (0.018, 0.17), (0.0, 0.175)], 12), (tip[0], tip[1], tip[2] - 0.1)),
          smooth=True)


def _music_music_stand(c: Ctx) -> None:
    """A music stand: tripod, pole, a tilted desk with its lip."""
    hx, hy, h = c.hx, c.hy, c.h
    for k in range(3):
        a = 2 * np.pi * k / 3 + np.pi / 2
        c.add("dark_metal", tube((0, 0, 0.3), (np.cos(a) * hx * 0.6, np.sin(a) * hy * 0.9, 0.0), 0.008, 5),
              smooth=True)
    c.add("dark_metal", tube((0, 0, 0), (0, 0, h - 0.3), 0.01, 6), smooth=True)
    plate = bbox(-hx, -0.004, 0.0, hx, 0.004, 0.34, 0.002)
    v = plate.vertices.copy()
    tilt = np.radians(20)
    v[:, 1], v[:, 2] = v[:, 1] + v[:, 2] * np.sin(tilt), h - 0.34 + v[:, 2] * np.cos(tilt)
    c.add("dark_metal", new_mesh(v - (0, 0.1, 0), plate.faces, plate.visual.uv))
    c.add("dark_metal", bbox(-hx, -0.13, h - 0.36, hx, -0.05, h - 0.34, 0.003))


def _music_keyboard_stand(c: Ctx) -> None:
    """Synthesizer on an X stand."""
    hx, hy, h = c.hx, c.hy, c.h
    top = h - 0.1
    for s in (-1, 1):
        x = s * hx * 0.6
        c.add("dark_metal", [tube((x, -hy + 0.02, 0), (x, hy - 0.02, top - 0.02), 0.015, 6),
                             tube((x, hy - 0.02, 0), (x, -hy + 0.02, top - 0.02), 0.015, 6)], smooth=True)
    c.add("dark_metal", bbox(-hx, -hy, top, hx, hy, h, 0.01))
    _keys(c, -hx + 0.08, hx - 0.08, -hy + 0.01, h - 0.025, min(0.14, c.d * 0.5))


_MUSICS = {"upright": _music_upright, "grand": _music_grand, "drums": _music_drums, "guitar":
           _music_guitar, "mic": _music_mic, "music_stand": _music_music_stand, "keyboard_stand":
           _music_keyboard_stand}


@family("music", 4200, fit=True)
def music(c: Ctx) -> None:
    """Instruments: upright and grand pianos (keys, pedals, lids), drum kits, guitars
    and basses on stands, microphone and music stands, keyboards on X stands."""
    _MUSICS[c.p("style", 'upright')](c)


def _small_book(c: Ctx) -> None:
    """Books: one lying, a stack, or a row standing with spines to the front."""
    style = c.p("style", "book")
    hx, hy, h = c.hx, c.hy, c.h
    rng = c.rng
    count = {"book": 1, "book_stack": 5 + c.variant, "book_row": int(c.w / 0.035)}[style]
    z = 0.0
    x = -hx
    if style == "book_row":
        widths = rng.uniform(0.022, 0.045, count)
        widths *= (c.w - 0.001 * count) / widths.sum()
    for k in range(count):
        if style == "book_row":
            bw = widths[k]
            bh = h * rng.uniform(0.75, 1.0)
            bd = c.d * rng.uniform(0.8, 1.0)
            lo, hi = (x, -hy, 0.0), (x + bw, -hy + bd, bh)
            x += bw + 0.001
        else:
            t = h / count if style == "book_stack" else h
            sx, sy = (c.w, c.d) if style == "book" else (c.w * rng.uniform(0.75, 1.0), c.d * rng.uniform(0.75, 1.0))
            ox = 0.0 if style == "book" else rng.uniform(-1, 1) * (c.w - sx) / 2
            oy = 0.0 if style == "book" else rng.uniform(-1, 1) * (c.d - sy) / 2
            lo, hi = (ox - sx / 2, oy - sy / 2, z), (ox + sx / 2, oy + sy / 2, z + t * 0.98)
            z += t
        _book(c, np.asarray(lo), np.asarray(hi), style == "book_row", k)


def _small_papers(c: Ctx) -> None:
    """A stack of loose sheets, a little out of square."""
    hx, hy, h = c.hx, c.hy, c.h
    rng = c.rng
    n = int(c.p("sheets", 6)) + 2 * c.variant
    t = h / n
    lo, hi = [], []
    for k in range(n):
        a = rng.uniform(-0.02, 0.02, 2)
        lo.append((-hx * 0.97 + a[0] * 0.4, -hy * 0.97 + a[1] * 0.4, k * t))
        hi.append((hx * 0.97 + a[0] * 0.4, hy * 0.97 + a[1] * 0.4, (k + 0.8) * t))
    c.add("paper", boxes(lo, hi))


def _small_newspaper(c: Ctx) -> None:
    """A newspaper folded in half, the fold bulging."""
    hx, hy, h = c.hx, c.hy, c.h
    xs = np.linspace(-hx, hx, 7)
    ys = np.linspace(-hy, hy, 3)
    X, Y = np.meshgrid(xs, ys, indexing="ij")
    Z = h * (0.4 + 0.6 * (1 - (X / hx) ** 2)) * np.ones_like(Y)
    top = np.stack([X, Y, Z], -1)
    bottom = np.stack([X, Y, np.zeros_like(Z)], -1)
    c.add("paper", [grid(top), grid(bottom[:, ::-1])])


def _small_keyboard(c: Ctx) -> None:
    """A computer keyboard: a base and rows of keys, a space bar."""
    hx, hy, h = c.hx, c.hy, c.h
    c.add("dark_metal", bbox(-hx, -hy, 0.0, hx, hy, h * 0.6, 0.004))
    rows, cols = 5, 15
    kx = (c.w - 0.03) / cols
    ky = (c.d - 0.03) / rows
    lo, hi = [], []
    for r in range(rows):
        for k in range(cols if r < rows - 1 else 1):
            x0 = -hx + 0.015 + k * kx
            x1 = x0 + kx - 0.002 if r < rows - 1 else hx - 0.015 - 4 * kx
            if r == rows - 1:
                x0 = -hx + 0.015 + 4 * kx
            lo.append((x0, -hy + 0.015 + r * ky, h * 0.6))
            hi.append((x1, -hy + 0.015 + (r + 1) * ky - 0.002, h))
    c.add("plastic", boxes(lo, hi))


def _small_mouse(c: Ctx) -> None:
    """A computer mouse: a squashed turned shell."""
    hx, hy, h = c.hx, c.hy, c.h
    body = lathe([(0.0, 0.0), (0.9, 0.0), (1.0, 0.3), (0.8, 0.75), (0.0, 1.0)], 12)
    v = body.vertices * (hx, hy, h)
    c.add("plastic", new_mesh(v, body.faces, body.visual.uv), smooth=True)


def _small_phone(c: Ctx) -> None:
    """Desk telephone: sloped base, handset in its cradle."""
    hx, hy, h = c.hx, c.hy, c.h
    c.add("plastic", prism([(-hy, 0.0), (hy, 0.0), (hy, h * 0.55), (-hy, h * 0.35)], -hx, hx, 0.01)
          .apply_transform(np.array([[0, 1, 0, 0], [-1, 0, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1.0]])))
    pts = np.array([(-hx + 0.02, hy * 0.4, h * 0.72), (-hx + 0.05, hy * 0.4, h * 0.9),
                    (hx - 0.05, hy * 0.4, h * 0.9),
                    (hx - 0.02, hy * 0.4, h * 0.72)])
    c.add("plastic", sweep(pts, np.full(4, 0.018), 8), smooth=True)
    xs, ys = np.meshgrid(np.linspace(-0.03, 0.03, 3), np.linspace(-hy * 0.6, -hy * 0.1, 4), indexing="ij")
    lo = np.column_stack([xs.ravel() - 0.008, ys.ravel() - 0.006, np.full(12, h * 0.4)])
    c.add("dark_metal", boxes(lo, lo + (0.016, 0.012, 0.012)))


def _small_slab(c: Ctx) -> None:
    """Smartphones, remotes, tablets: rounded slab with a face."""
    hx, hy, h = c.hx, c.hy, c.h
    c.add(c.p("mat", "dark_metal"), rounded_box((-hx, -hy, 0.0), (hx, hy, h), min(h / 2, hx) * 0.9, seg=2, mid=1))
    c.add(c.p("face", "screen"), bbox(-hx * 0.85, -hy * 0.85, h - 0.0005, hx * 0.85, hy * 0.85, h + 0.0, 0.0002))


def _small_radio(c: Ctx) -> None:
    """A radio: a cabinet, a cloth grille, two knobs, an aerial."""
    hx, hy, h = c.hx, c.hy, c.h
    front = -hy + 0.018                 # the knobs stand proud of the front
    c.add(c.p("mat", "wood"), bbox(-hx, front, 0.0, hx, hy, h * 0.9, 0.012))
    c.add("canvas", bbox(-hx * 0.85, front - 0.002, h * 0.12, -0.02, front + 0.01, h * 0.78, 0.004))
    c.add("brass", [translated(lathe([(0.018, 0.0), (0.018, 0.015), (0.0, 0.018)], 10), (0, 0, 0))
                    .apply_transform(np.array([[1, 0, 0, x], [0, 0, -1, front], [0, 1, 0, h * 0.45], [0, 0, 0, 1.0]]))
                    for x in (hx * 0.35, hx * 0.7)])
    c.add("chrome", tube((hx * 0.8, hy * 0.5, h * 0.9), (hx * 0.95, hy * 0.5, h), 0.003, 4), smooth=True)


def _small_hammer(c: Ctx) -> None:
    """A hammer lying on its side."""
    hx, hy, h = c.hx, c.hy, c.h
    c.add("wood", tube((-hx, 0, 0.015), (hx - 0.05, 0, 0.015), 0.014, 8), smooth=True)
    c.add("dark_metal", bbox(hx - 0.05, -hy, 0.0, hx - 0.02, hy, h, 0.004))


def _small_wrench(c: Ctx) -> None:
    """A flat spanner with an open jaw."""
    hx, hy, h = c.hx, c.hy, c.h
    jaw = fillet([(-hx, -hy), (-hx + 0.05, -hy), (-hx + 0.05, -hy * 0.3), (-hx + 0.02, -hy * 0.3),
                  (-hx + 0.02, hy * 0.3), (-hx + 0.05, hy * 0.3), (-hx + 0.05, hy), (-hx, hy)], 0.005, 1)
    m = slab_xy(jaw, 0.0, h, 0.002)
    c.add("chrome", [m, bbox(-hx + 0.045, -0.01, 0.0, hx, 0.01, h * 0.8, 0.003)])


def _small_screwdriver(c: Ctx) -> None:
    """A screwdriver lying along X: a turned handle and a shaft."""
    hx, h = c.hx, c.h
    body = lathe([(0.0, 0.0), (0.01, 0.005), (0.014, 0.03), (0.012, 0.1), (0.004, 0.105), (0.003, 2 * hx - 0.01),
                  (0.0, 2 * hx)], 8)
    v = body.vertices[:, [2, 0, 1]] - (hx, 0, -h / 2)
    c.add("plastic", new_mesh(v, body.faces[:, ::-1], body.visual.uv), smooth=True)


def _small_shoes(c: Ctx) -> None:
    """Two lofted uppers on soles, a dark collar opening."""
    hx, hy, h = c.hx, c.hy, c.h
    for s in (-1, 1):
        x = s * hx * 0.5
        c.add("rubber", rounded_box((x - hx * 0.45, -hy, 0.0), (x + hx * 0.45, hy, 0.018), 0.008,
                                    seg=1, mid=1), smooth=True)
        c.add("leather", outward(grid(_shoe_upper(x, hx * 0.43, hy, h, c.variant), wrap=True,
                                      close_ends=True)), smooth=True)
        c.add("rubber", translated(lathe([(0.0, 0.0), (1.0, 0.0)], 12, False, False), (0, 0, 0))
              .apply_transform(np.diag([hx * 0.3, hy * 0.32, 1.0, 1.0]))
              .apply_translation((x, hy * 0.42, h + 0.001)))


def _small_umbrella(c: Ctx) -> None:
    """A furled umbrella standing on its tip, a crook handle."""
    hx, h = c.hx, c.h
    body = lathe([(0.0, 0.0), (0.006, 0.03), (hx * 0.9, h * 0.45), (hx * 0.5, h * 0.8), (0.012, h * 0.82)], 10)
    c.add("dark_metal", body, smooth=True)
    rr = 0.03
    a = np.linspace(0, np.pi, 8)
    hook = np.column_stack([np.zeros(8), -rr + rr * np.cos(a), h - rr - 0.012 + rr * np.sin(a)])
    c.add("wood", [tube((0, 0, h * 0.8), (0, 0, h - rr - 0.012), 0.01, 6),
                   sweep(hook, np.full(8, 0.011), 6)], smooth=True)


def _small_reel(c: Ctx) -> None:
    """Cable drum: two flanges on a drum wound with cable."""
    hx, hy, h = c.hx, c.hy, c.h
    r = min(hx, h / 2)
    for y0 in (-hy, hy - 0.03):
        disc = lathe([(r * 0.15, 0.0), (r, 0.0), (r, 0.03), (r * 0.15, 0.03)], 24)
        c.add(c.p("mat", "wood"), new_mesh(disc.vertices[:, [0, 2, 1]] + (0, y0, r), disc.faces[:, ::-1],
                                           disc.visual.uv), smooth=True)
    wound = lathe([(r * 0.72, -hy + 0.03), (r * 0.75, -hy + 0.05), (r * 0.74, hy - 0.05), (r * 0.72, hy - 0.03)],
                  24, False, False)
    c.add("rubber", new_mesh(wound.vertices[:, [0, 2, 1]] * (1, 1, 1) + (0, 0, r), wound.faces[:, ::-1],
                             wound.visual.uv), smooth=True)


def _small_roll(c: Ctx) -> None:
    """A roll (toilet roll, tape): a tube with its hole."""
    hx, hy, h = c.hx, c.hy, c.h
    r = min(hx, hy)
    c.add(c.p("mat", "paper"), lathe([(r * 0.4, 0.0), (r, 0.0), (r, h), (r * 0.4, h), (r * 0.4, 0.0)], 20,
                                     False, False), smooth=True)


def _small_clothes(c: Ctx) -> None:
    """A heap of clothes."""
    hx, hy, h = c.hx, c.hy, c.h
    rng = c.rng
    m = blob(rng, max(hx, hy), (1.0, hy / hx, h / hx), 0.5, 2, flat_bottom=0.0, detail=0.6)
    v = m.vertices
    lo, hi = v.min(axis=0), v.max(axis=0)
    v = (v - (lo + hi) / 2 * (1, 1, 0) - (0, 0, lo[2])) * (c.w, c.d, h) / np.maximum(hi - lo, 1e-6)
    c.add(c.p("mat", "fabric"), new_mesh(v, m.faces, m.visual.uv), smooth=True)


def _small_photo_frame(c: Ctx) -> None:
    """A standing photo frame on its strut."""
    hx, hy, h = c.hx, c.hy, c.h
    t = 0.015
    c.add(c.p("mat", "wood"), [bbox(-hx, -hy, 0.0, hx, -hy + t, 0.03, 0.003),
                               bbox(-hx, -hy, h - 0.03, hx, -hy + t, h, 0.003),
                               bbox(-hx, -hy, 0.0301, -hx + 0.03, -hy + t, h - 0.0301, 0.003),
                               bbox(hx - 0.03, -hy, 0.0301, hx, -hy + t, h - 0.0301, 0.003)])
    c.add("poster", bbox(-hx + 0.028, -hy + 0.004, 0.028, hx - 0.028, -hy + t - 0.003, h - 0.028, 0.0))
    c.add("cardboard", tube((0, -hy + t, h * 0.7), (0, hy - 0.004, 0.004), 0.004, 4))


def _small_pencil_cup(c: Ctx) -> None:
    """A cup of pens and pencils."""
    hx, hy, h = c.hx, c.hy, c.h
    rng = c.rng
    turned(c, "mug", c.p("mat", "ceramic"), min(hx, hy) * 0.6, h * 0.55)
    n = 6 + 2 * c.variant
    a = np.linspace(0, 2 * np.pi, n, endpoint=False) + rng.uniform(-0.15, 0.15, n)
    tip = np.column_stack([np.cos(a) * min(hx, hy) * 0.95, np.sin(a) * min(hx, hy) * 0.95,
                           h * rng.uniform(0.85, 1.0, n)])
    c.add("pencils", tubes(np.zeros((n, 3)) + (0, 0, 0.01), tip, 0.0035, None, 6))


def _small_typewriter(c: Ctx) -> None:
    """A typewriter: a sloped body, four rows of round keys, the platen and a sheet."""
    hx, hy, h = c.hx, c.hy, c.h
    body = prism([(-hy, 0.0), (hy, 0.0), (hy, h * 0.75), (-hy * 0.2, h * 0.55), (-hy, h * 0.25)],
                 -hx, hx, 0.02)
    c.add(c.p("mat", "dark_metal"), new_mesh(body.vertices[:, [1, 0, 2]], body.faces[:, ::-1], body.visual.uv))
    for row in range(4):
        y = -hy * 0.85 + row * hy * 0.17
        z = h * 0.26 + row * h * 0.075
        for x in np.linspace(-hx * 0.7, hx * 0.7, 11 - (row % 2)):
            c.add("chrome", translated(lathe([(0.0, 0.0), (0.009, 0.0), (0.009, 0.006), (0.0, 0.006)], 8),
                                       (x, y, z)), smooth=True)
    platen = lathe([(0.025, -hx), (0.025, hx)], 12)
    c.add("rubber", new_mesh(platen.vertices[:, [2, 0, 1]] + (0, hy * 0.7, h * 0.78), platen.faces[:, ::-1],
                             platen.visual.uv), smooth=True)
    c.add("paper", bbox(-0.105, hy * 0.7 - 0.002, h * 0.78, 0.105, hy * 0.7 + 0.001, h, 0.0))


def _small_gramophone(c: Ctx) -> None:
    """A gramophone: a wooden case, a turntable with a record, a flared horn on its arm."""
    hx, hy, h = c.hx, c.hy, c.h
    base_h = h * 0.25
    c.add(c.p("mat", "wood"), bbox(-hx * 0.6, -hy, 0.0, hx * 0.6, hy * 0.4, base_h, 0.01))
    c.add("dark_metal", translated(lathe([(0.0, 0.0), (hx * 0.5, 0.0), (hx * 0.5, 0.006), (0.0, 0.006)], 20),
                                   (0, -hy * 0.3, base_h)), smooth=True)
    c.add("brass", tube((hx * 0.4, hy * 0.2, base_h), (hx * 0.3, hy * 0.1, base_h + 0.12), 0.012, 6), smooth=True)
    horn = lathe([(0.015, 0.0), (0.025, 0.15), (0.06, 0.3), (0.15, 0.42), (min(hx, hy * 0.9), 0.47)], 18,
                 False, False)
    tilt = np.radians(55)
    v = horn.vertices.copy()
    v[:, 1], v[:, 2] = v[:, 1] * np.cos(tilt) - v[:, 2] * np.sin(tilt), v[:, 1] * np.sin(tilt) + v[:, 2] * np.cos(tilt)
    v[:, 2] *= (h - base_h - 0.12) / max(v[:, 2].max(), 1e-6)
    c.add("brass", new_mesh(v + (0, hy * 0.3, base_h + 0.12), horn.faces, horn.visual.uv), smooth=True)


def _small_chess(c: Ctx) -> None:
    """A chess board with its 32 turned pieces set out."""
    hx, hy = c.hx, c.hy
    t = 0.02
    c.add("wood", bbox(-hx, -hy, 0.0, hx, hy, t, 0.004))
    sq = (c.w - 0.04) / 8
    lo = [(-hx + 0.02 + i * sq, -hy + 0.02 + j * sq, t) for i in range(8) for j in range(8) if (i + j) % 2]
    c.add("dark_metal", boxes(lo, [(x + sq, y + sq, t + 0.001) for x, y, _ in lo]))
    pawn = lathe([(sq * 0.3, 0.0), (sq * 0.28, sq * 0.1), (sq * 0.12, sq * 0.3), (sq * 0.1, sq * 0.55),
                  (sq * 0.18, sq * 0.62), (0.0, sq * 0.75)], 8)
    king = lathe([(sq * 0.35, 0.0), (sq * 0.3, sq * 0.12), (sq * 0.14, sq * 0.4), (sq * 0.12, sq * 0.9),
                  (sq * 0.22, sq * 1.0), (0.0, sq * 1.25)], 8)
    for j, key in ((0, "ceramic"), (1, "ceramic"), (6, "dark_metal"), (7, "dark_metal")):
        for i in range(8):
            piece = pawn if j in (1, 6) else king
            c.add(key, translated(piece, (-hx + 0.02 + (i + 0.5) * sq, -hy + 0.02 + (j + 0.5) * sq, t + 0.001)),
                  smooth=True)


def _small_broom(c: Ctx) -> None:
    """A broom leaning on nothing: a long handle into a head of bristles."""
    hx, hy, h = c.hx, c.hy, c.h
    c.add("wood", tube((0, 0, 0.1), (0, 0, h), 0.012, 8), smooth=True)
    c.add("wood", bbox(-hx * 0.9, -hy * 0.5, 0.06, hx * 0.9, hy * 0.5, 0.11, 0.01))
    c.add("wicker", rounded_box((-hx, -hy, 0.0), (hx, hy, 0.07), 0.01, seg=1, mid=2))


_SMALLS = {"typewriter": _small_typewriter, "gramophone": _small_gramophone, "chess": _small_chess,
           "broom": _small_broom, "book": _small_book, "book_stack": _small_book, "book_row": _small_book, "papers":
           _small_papers, "newspaper": _small_newspaper, "keyboard": _small_keyboard, "mouse":
           _small_mouse, "phone": _small_phone, "slab": _small_slab, "radio": _small_radio,
           "hammer": _small_hammer, "wrench": _small_wrench, "screwdriver": _small_screwdriver,
           "shoes": _small_shoes, "umbrella": _small_umbrella, "reel": _small_reel, "roll":
           _small_roll, "clothes": _small_clothes, "photo_frame": _small_photo_frame, "pencil_cup":
           _small_pencil_cup}


@family("small", 3200)
def small(c: Ctx) -> None:
    """Small things on surfaces: books (lying, stacked, in a row), papers, newspapers,
    keyboards, mice, phones, remote controls, radios, tools, shoes, umbrellas, rolls."""
    _SMALLS[c.p("style", 'book')](c)


def _shoe_upper(x: float, half_w: float, hy: float, h: float, variant: int) -> np.ndarray:
    """Cross-sections of a shoe's upper from toe (-Y) to heel (+Y): low and narrow at
    the toe, full and tall at the heel (a boot for variant 2)."""
    t = np.linspace(0.0, 1.0, 9)
    y = -hy + 0.01 + t * (2 * hy - 0.02)
    width = half_w * (0.55 + 0.45 * np.sin(np.clip(t * 1.6, 0, np.pi / 2)))
    tall = h * (1.6 if variant == 2 else 1.0)
    height = 0.018 + (tall - 0.018) * (0.35 + 0.65 * np.clip((t - 0.15) / 0.6, 0, 1) ** 0.8)
    height = np.minimum(height, h)
    a = np.linspace(0, np.pi, 7)
    ring = np.concatenate([np.column_stack([np.cos(a), np.sin(a)]),
                           np.column_stack([np.linspace(-1, 1, 7)[1:-1][::-1] * -1, np.zeros(5)])])
    pts = np.stack([np.column_stack([x + ring[:, 0] * width[k], np.full(len(ring), y[k]),
                                     0.016 + ring[:, 1] * (height[k] - 0.016)]) for k in range(9)])
    return pts


def _book(c: Ctx, lo: np.ndarray, hi: np.ndarray, standing: bool, k: int) -> None:
    """Two boards and a spine around a paper block set back from the fore edges: the
    spine faces -Y on a shelf (standing) and -X on a table (lying)."""
    t, gap = 0.0025, 0.003
    if standing:                       # boards at the x sides, spine at -Y
        lo_b = [(lo[0], lo[1], lo[2]), (hi[0] - t, lo[1], lo[2]), (lo[0], lo[1], lo[2])]
        hi_b = [(lo[0] + t, hi[1], hi[2]), (hi[0], hi[1], hi[2]), (hi[0], lo[1] + t, hi[2])]
        pages = ((lo[0] + t, lo[1] + t, lo[2] + gap), (hi[0] - t, hi[1] - gap, hi[2] - gap))
    else:                              # boards top and bottom, spine at -X
        lo_b = [(lo[0], lo[1], lo[2]), (lo[0], lo[1], hi[2] - t), (lo[0], lo[1], lo[2])]
        hi_b = [(hi[0], hi[1], lo[2] + t), (hi[0], hi[1], hi[2]), (lo[0] + t, hi[1], hi[2])]
        pages = ((lo[0] + t, lo[1] + gap, lo[2] + t), (hi[0] - gap, hi[1] - gap, hi[2] - t))
    c.add("books", boxes(lo_b, hi_b))                # 1 mm bevels would not show: plain boxes
    c.add("paper", boxes([pages[0]], [pages[1]]))
