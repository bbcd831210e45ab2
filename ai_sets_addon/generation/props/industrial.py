"""Industrial and back-lot props: crates, barrels, pallets, racking, beams, pillars,
dumpsters, bags, rooftop plant. Real dimensions (EUR pallet, 200 l drum...)."""

from __future__ import annotations

import numpy as np

from .model import LightSocket, Piece, PropModel, hull_of, single
from ..mesh import (blob, box, box_mesh, lathe, merge, new_mesh, transformed, translated,
                    tube)


def crate(rng: np.random.Generator, size: float = 0.8) -> PropModel:
    """A nailed wooden crate: a panelled core with edge battens proud by 20 mm."""
    s = size * rng.uniform(0.9, 1.1, 3) * (1.0, 0.9, 0.8)
    hx, hy, h = s[0] / 2, s[1] / 2, s[2]
    return single("crate", "Crate", _crate_parts(hx, hy, h), "wood")


def _crate_parts(hx: float, hy: float, h: float, batten: float = 0.06):
    t = 0.02
    parts = [box_mesh((-hx + t, -hy + t, 0), (hx - t, hy - t, h))]
    for sx in (-1, 1):
        for sy in (-1, 1):
            x0, y0 = (hx - batten) * sx, (hy - batten) * sy
            parts.append(box_mesh((min(x0, sx * hx), min(y0, sy * hy), 0),
                                  (max(x0, sx * hx), max(y0, sy * hy), h)))
    for z0 in (0.0, h - batten):
        for sy in (-1, 1):
            y0 = sy * hy
            parts.append(box_mesh((-hx + batten, min(y0, y0 - sy * t), z0),
                                  (hx - batten, max(y0, y0 - sy * t), z0 + batten)))
        for sx in (-1, 1):
            x0 = sx * hx
            parts.append(box_mesh((min(x0, x0 - sx * t), -hy + batten, z0),
                                  (max(x0, x0 - sx * t), hy - batten, z0 + batten)))
    return parts


def crate_stack(rng: np.random.Generator, levels: int = 2, size: float = 0.8) -> PropModel:
    """Crates stacked a little askew, as a forklift leaves them."""
    meshes, hulls, z = [], [], 0.0
    for level in range(levels):
        s = size * rng.uniform(0.85, 1.05) * (1.0 - 0.08 * level)
        hx, hy, h = s / 2, s * 0.45, s * 0.8
        yaw = rng.uniform(-0.12, 0.12)
        shift = rng.uniform(-0.05, 0.05, 2)
        body = merge(_crate_parts(hx, hy, h))
        meshes.append(transformed(body, yaw, (shift[0], shift[1], z)))
        hulls.append(hull_of([meshes[-1]]))
        z += h + 0.002
    return PropModel("crate_stack", "Crate Stack", [Piece("", merge(meshes), "wood")], hulls)


def barrel(rng: np.random.Generator) -> PropModel:
    """A 200-litre steel drum (584 mm x 880 mm) with two rolling hoops and rims."""
    r, h = 0.292, 0.88
    prof = [(r - 0.012, 0.0), (r, 0.012), (r, 0.28), (r + 0.012, 0.29), (r, 0.30),
            (r, 0.58), (r + 0.012, 0.59), (r, 0.60), (r, h - 0.012), (r - 0.012, h)]
    return single("barrel", "Barrel", lathe(prof, 20), "barrel", smooth=True)


def pallet(rng: np.random.Generator) -> PropModel:
    """EUR pallet 1200 x 800 x 144 mm: bottom boards, nine blocks, cross boards, deck."""
    return single("pallet", "Pallet", _pallet_parts(0.0), "wood")


def _pallet_parts(z: float) -> list:
    hx, hy = 0.6, 0.4
    parts = []
    for y in (-0.345, 0.0, 0.345):
        parts.append(box_mesh((-hx, y - 0.05, z), (hx, y + 0.05, z + 0.022)))
        for x in (-0.5275, 0.0, 0.5275):
            parts.append(box_mesh((x - 0.0725, y - 0.05, z + 0.022), (x + 0.0725, y + 0.05, z + 0.1)))
        parts.append(box_mesh((-hx, y - 0.05, z + 0.1), (hx, y + 0.05, z + 0.122)))
    for x in np.linspace(-0.5275, 0.5275, 5):
        parts.append(box_mesh((x - 0.0725, -hy, z + 0.122), (x + 0.0725, hy, z + 0.144)))
    return parts


def pallet_stack(rng: np.random.Generator, count: int = 5) -> PropModel:
    parts = []
    for k in range(count):
        parts += _pallet_parts(k * 0.146)
    return single("pallet_stack", "Pallet Stack", parts, "wood")


def shelf(rng: np.random.Generator, length: float = 2.7, depth: float = 1.1,
          levels: int = 3, height: float = 3.6) -> PropModel:
    """Pallet racking: blue uprights, orange beams, timber decks, cartons on them."""
    hx, hy = length / 2, depth / 2
    uprights = [box_mesh((sx * hx - 0.04, sy * hy - 0.04, 0), (sx * hx + 0.04, sy * hy + 0.04, height))
                for sx in (-1, 1) for sy in (-1, 1)]
    uprights += [box_mesh((sx * hx - 0.02, -hy, 0.3), (sx * hx + 0.02, hy, 0.34)) for sx in (-1, 1)]
    beams, decks, goods = [], [], []
    for k in range(levels):
        z = 0.15 + k * (height - 0.3) / levels
        for sy in (-1, 1):
            beams.append(box_mesh((-hx + 0.04, sy * hy - 0.025, z - 0.11), (hx - 0.04, sy * hy + 0.025, z)))
        decks.append(box_mesh((-hx + 0.04, -hy + 0.03, z), (hx - 0.04, hy - 0.03, z + 0.025)))
        goods += _cartons(rng, hx - 0.1, hy - 0.08, z + 0.027, (height - 0.3) / levels - 0.2)
    pieces = [Piece("Frame", merge(uprights), "rack"), Piece("Beams", merge(beams), "rack_beam"),
              Piece("Decks", merge(decks), "wood")]
    if goods:
        pieces.append(Piece("Cartons", merge(goods), "cardboard"))
    return PropModel("shelf", "Racking", pieces)


def _cartons(rng: np.random.Generator, hx: float, hy: float, z: float, max_h: float) -> list:
    boxes, x = [], -hx
    while x < hx - 0.3:
        w = rng.uniform(0.3, 0.7)
        if x + w > hx:
            break
        if rng.random() < 0.8:
            h = min(rng.uniform(0.25, 0.7), max_h)
            d = rng.uniform(0.5, 0.95) * hy
            boxes.append(box_mesh((x, -d, z), (x + w - 0.02, d, z + h)))
        x += w
    return boxes


def pillar(height: float, width: float = 0.5, round_: bool = False) -> PropModel:
    """A structural column with a plinth; square concrete or a round steel tube."""
    if round_:
        prof = [(width / 2 + 0.05, 0.0), (width / 2 + 0.05, 0.25), (width / 2, 0.27),
                (width / 2, height)]
        return single("pillar", "Column", lathe(prof, 24, cap_top=False), "pillar", smooth=True)
    w, p = width / 2, width / 2 + 0.04
    parts = [box_mesh((-p, -p, 0), (p, p, 0.3)), box_mesh((-w, -w, 0.3), (w, w, height))]
    return single("pillar", "Pillar", parts, "pillar")


def ibeam(length: float, depth: float = 0.45, flange: float = 0.2) -> PropModel:
    """A rolled steel I-section along X, its top at z = 0 (hung under a roof)."""
    t, w = 0.018, 0.012
    parts = [box_mesh((-length / 2, -flange / 2, -t), (length / 2, flange / 2, 0)),
             box_mesh((-length / 2, -flange / 2, -depth), (length / 2, flange / 2, -depth + t)),
             box_mesh((-length / 2, -w / 2, -depth + t), (length / 2, w / 2, -t))]
    return single("beam", "Steel Beam", parts, "dark_metal")


def dumpster(rng: np.random.Generator) -> PropModel:
    """A 1100 l wheelie bin / skip: painted steel body, two lids, four castors."""
    body = [box_mesh((-0.9, -0.55, 0.15), (0.9, 0.55, 1.25)),
            box_mesh((-0.95, -0.6, 1.12), (0.95, 0.6, 1.2)),
            box_mesh((-0.85, 0.55, 0.5), (0.85, 0.62, 0.6))]
    lid_open = rng.uniform(0.0, 0.35)
    lids = [transformed(box_mesh((-0.45, -0.62, 0), (0.45, 0.0, 0.04)), 0.0,
                        (x, 0.6, 1.25), pitch=lid_open * (k == 0)) for k, x in enumerate((-0.46, 0.46))]
    wheels = [translated(lathe([(0.0, 0.0), (0.07, 0.0), (0.07, 0.15), (0.0, 0.15)], 10), (x, y, 0))
              for x in (-0.75, 0.75) for y in (-0.4, 0.4)]
    return PropModel("dumpster", "Dumpster", [Piece("", merge(body + lids), "dumpster"),
                                              Piece("Castors", merge(wheels), "dark_metal")])


def trash_bag(rng: np.random.Generator) -> PropModel:
    """A filled bin bag: a sack slumped on the ground, vertical creases gathering into a
    tied neck, the knot and its two ears on top (a blob read as a black stone)."""
    r, h = rng.uniform(0.24, 0.32), rng.uniform(0.5, 0.7)
    profile = [(0.0, 0.0), (0.75 * r, 0.0), (0.98 * r, 0.08 * h), (r, 0.3 * h),
               (0.9 * r, 0.55 * h), (0.55 * r, 0.78 * h), (0.18 * r, 0.92 * h), (0.07, h)]
    sack = lathe(profile, 28)
    sack = new_mesh(_creased(rng, sack.vertices, r, h), sack.faces, sack.visual.uv)
    knot = translated(blob(rng, 0.05, (1.0, 0.9, 0.8), 0.3, 1), (0.0, 0.0, h + 0.02))
    ears = [transformed(blob(rng, 0.04, (1.0, 0.3, 0.7), 0.4, 1), yaw=a,
                        offset=(0.035 * np.cos(a), 0.035 * np.sin(a), h + 0.05))
            for a in rng.uniform(0, 2 * np.pi) + np.array([0.0, np.pi * rng.uniform(0.7, 1.3)])]
    return single("trash_bag", "Rubbish Bag", [sack, knot] + ears, "bag", smooth=True)


def _creased(rng: np.random.Generator, verts: np.ndarray, r: float, h: float) -> np.ndarray:
    """Radial folds that grow toward the neck, and a lopsided slump."""
    angle = np.arctan2(verts[:, 1], verts[:, 0])
    up = np.clip(verts[:, 2] / h, 0.0, 1.0)
    folds = np.zeros(len(verts))
    for k in rng.integers(5, 11, 4):
        folds += rng.uniform(0.02, 0.05) * np.cos(k * angle + rng.uniform(0, 2 * np.pi)
                                                   + 3.0 * up * rng.uniform(-1, 1))
    lean = rng.uniform(0.05, 0.12) * np.cos(angle - rng.uniform(0, 2 * np.pi)) * (1 - up)
    scale = 1.0 + folds * (0.3 + up) + lean
    out = verts.copy()
    out[:, :2] *= scale[:, None]
    return out


def ac_unit(rng: np.random.Generator) -> PropModel:
    """A rooftop condenser: louvred casing, fan guard on top, on two rails."""
    body = [box_mesh((-0.55, -0.4, 0.12), (0.55, 0.4, 1.0)),
            box_mesh((-0.6, -0.35, 0.0), (0.6, -0.25, 0.12)),
            box_mesh((-0.6, 0.25, 0.0), (0.6, 0.35, 0.12))]
    for z in np.arange(0.2, 0.9, 0.08):
        body.append(box_mesh((-0.5, -0.42, z), (0.5, -0.4, z + 0.03)))
    fan = lathe([(0.33, 1.0), (0.33, 1.05), (0.05, 1.08)], 20, cap_bottom=False)
    return PropModel("ac_unit", "AC Unit", [Piece("", merge(body), "metal"),
                                            Piece("Fan Guard", fan, "dark_metal", True)])


def vent(rng: np.random.Generator) -> PropModel:
    """A roof vent stack with a rain cap."""
    r = rng.uniform(0.12, 0.2)
    h = rng.uniform(0.8, 1.5)
    stack = lathe([(r + 0.05, 0), (r + 0.05, 0.1), (r, 0.12), (r, h), (0.0, h)], 14, cap_top=False)
    cap = lathe([(0.0, h + 0.25), (r * 1.8, h + 0.08), (r * 1.8, h + 0.05), (0.0, h + 0.2)], 14,
                cap_bottom=False, cap_top=False)
    posts = [tube((r * 0.7 * c, r * 0.7 * s, h - 0.01), (r * 0.7 * c, r * 0.7 * s, h + 0.12), 0.01, 6)
             for c, s in ((1, 0), (-1, 0), (0, 1), (0, -1))]
    return single("vent", "Roof Vent", [stack, cap] + posts, "metal", smooth=True)


def water_tank(rng: np.random.Generator) -> PropModel:
    """A New York timber water tank on a steel stand: staves, hoops, conical roof."""
    r, h, lift = 1.6, 3.0, 2.2
    staves = lathe([(r, lift), (r * 0.96, lift + h)], 28, cap_bottom=True, cap_top=False)
    roof = lathe([(r * 1.06, lift + h), (r * 1.06, lift + h + 0.08), (0.05, lift + h + 1.1)], 28,
                 cap_bottom=True, cap_top=False)
    hoops = [lathe([(r * (1.0 - 0.04 * k / 5) + 0.015, lift + 0.3 + k * 0.55),
                    (r * (1.0 - 0.04 * k / 5) + 0.015, lift + 0.34 + k * 0.55)], 28, False, False)
             for k in range(5)]
    legs = [box((x, y, lift / 2), (0.2, 0.2, lift)) for x in (-1.1, 1.1) for y in (-1.1, 1.1)]
    deck = [box((0, 0, lift - 0.1), (2.8, 2.8, 0.2))]
    braces = [tube((x0, y0, 0.3), (x1, y1, lift - 0.3), 0.03, 6)
              for (x0, y0), (x1, y1) in (((-1.1, -1.1), (1.1, -1.1)), ((-1.1, 1.1), (1.1, 1.1)),
                                         ((1.1, -1.1), (1.1, 1.1)), ((-1.1, 1.1), (-1.1, -1.1)))]
    pieces = [Piece("Staves", staves, "wood", True), Piece("Roof", roof, "dark_metal", True),
              Piece("Stand", merge(hoops + legs + deck + braces), "dark_metal")]
    return PropModel("water_tank", "Water Tank", pieces)


def chimney(rng: np.random.Generator) -> PropModel:
    w = rng.uniform(0.5, 0.9)
    h = rng.uniform(1.0, 2.0)
    parts = [box_mesh((-w / 2, -w / 2, 0), (w / 2, w / 2, h)),
             box_mesh((-w / 2 - 0.05, -w / 2 - 0.05, h), (w / 2 + 0.05, w / 2 + 0.05, h + 0.1))]
    pots = [translated(lathe([(0.1, 0), (0.08, 0.35), (0.09, 0.4), (0.0, 0.4)], 10, cap_top=False),
                       (x, 0, h + 0.1)) for x in (-w / 4, w / 4)]
    return PropModel("chimney", "Chimney", [Piece("", merge(parts), "brick"),
                                            Piece("Pots", merge(pots), "terracotta", True)])


def cable_drum(rng: np.random.Generator) -> PropModel:
    """A wooden cable reel lying on its side: two flanges and a core."""
    r, w = rng.uniform(0.5, 0.7), rng.uniform(0.5, 0.8)
    flange = lathe([(r, 0), (r, 0.05)], 24)
    core = lathe([(r * 0.45, 0.05), (r * 0.45, w - 0.05)], 24, False, False)
    drum = merge([flange, core, translated(flange, (0, 0, w - 0.05))])
    drum = transformed(translated(drum, (0, 0, -w / 2)), 0.0, (0, 0, r), pitch=np.pi / 2)
    return single("cable_drum", "Cable Drum", drum, "wood", smooth=True)


def traffic_cone(rng: np.random.Generator) -> PropModel:
    base = box_mesh((-0.19, -0.19, 0), (0.19, 0.19, 0.03))
    cone = lathe([(0.15, 0.03), (0.03, 0.7), (0.0, 0.7)], 16, cap_top=False)
    return PropModel("cone", "Traffic Cone", [Piece("", merge([base, cone]), "cone", True)])


def light_box(rng: np.random.Generator, text_w: float = 1.6) -> PropModel:
    """An illuminated shop sign box (a practical on a facade)."""
    body = box_mesh((-text_w / 2, -0.12, 0), (text_w / 2, 0.0, 0.5))
    face = box_mesh((-text_w / 2 + 0.04, -0.13, 0.04), (text_w / 2 - 0.04, -0.12, 0.46))
    return PropModel("light_box", "Sign Box", [Piece("", body, "dark_metal"),
                                               Piece("Face", face, "diffuser")],
                     sockets=[LightSocket((0.0, -0.5, 0.25), "AREA", (0, -1, 0), 60.0,
                                          text_w, 0.4)])


def highbay_lamp(rng: np.random.Generator, drop: float = 1.2) -> PropModel:
    """An industrial high-bay pendant: a cable from the roof, a spun aluminium shade;
    its origin is at the ceiling, the shade hangs `drop` metres below."""
    cable = tube((0, 0, -drop + 0.35), (0, 0, 0), 0.006, 5)
    shade = lathe([(0.3, -drop), (0.26, -drop + 0.05), (0.08, -drop + 0.3), (0.05, -drop + 0.35)], 18,
                  cap_bottom=False, cap_top=True)
    lens = lathe([(0.0, -drop + 0.02), (0.28, -drop + 0.01)], 18, cap_bottom=False, cap_top=False)
    socket = LightSocket((0.0, 0.0, -drop - 0.03), "SPOT", (0, 0, -1), 1500.0, 0.2,
                         spot_angle_deg=110.0)
    return PropModel("highbay", "High-Bay Lamp",
                     [Piece("", merge([cable, shade]), "metal", True), Piece("Lens", lens, "lamp")],
                     sockets=[socket])


def fluorescent_fixture(rng: np.random.Generator, length: float = 1.5) -> PropModel:
    """A surface-mounted twin-tube batten under a ceiling (origin at the ceiling)."""
    body = box((0, 0, -0.04), (length, 0.16, 0.08))
    diffuser = box((0, 0, -0.085), (length - 0.04, 0.12, 0.01))
    socket = LightSocket((0.0, 0.0, -0.1), "AREA", (0, 0, -1), 70.0, length - 0.1, 0.1)
    return PropModel("fluorescent", "Strip Light", [Piece("", body, "metal"),
                                                    Piece("Diffuser", diffuser, "lamp")],
                     sockets=[socket])
