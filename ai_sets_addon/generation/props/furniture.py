"""Furniture and fixtures for room types, at real sizes (metres, origin at the centre of
the base, the front facing -Y): a sofa seats at 0.45 m with its back at 0.85 m, a
kitchen worktop stands at 0.9 m, a bar counter at 1.1 m, a pew seats at 0.45 m.

Material slots are generic (upholstery, wood, cabinet, worktop, linen, metal...): the
archetype maps them to families, and a style may repaint them.
"""

from __future__ import annotations

import numpy as np

from ..mesh import box, box_mesh, lathe, merge, translated, tube
from .model import LightSocket, Piece, PropModel


def _legs(hx: float, hy: float, h: float, r: float = 0.022) -> list:
    return [tube((x, y, 0.0), (x, y, h), r, 8) for x in (-hx, hx) for y in (-hy, hy)]


def sofa(rng: np.random.Generator, seats: int = 3) -> PropModel:
    """A sofa: seat 0.45 m, back to 0.85 m, arms 0.62 m, 0.9 m deep."""
    w = 0.65 * seats + 0.3
    hx = w / 2
    # Boxes overlap but never share a face (coincident faces render as black specks).
    base = box((0, 0.0, 0.26), (w - 0.46, 0.88, 0.28))
    back = box((0, 0.35, 0.6), (w - 0.02, 0.22, 0.5))
    arms = [box((x * (hx - 0.12), 0.0, 0.4), (0.24, 0.9, 0.44)) for x in (-1, 1)]
    cushions = [box((-hx + 0.24 + (k + 0.5) * (w - 0.48) / seats, -0.06, 0.42),
                    ((w - 0.48) / seats - 0.02, 0.68, 0.06)) for k in range(seats)]
    legs = _legs(hx - 0.1, 0.35, 0.12, 0.02)
    return PropModel("sofa", "Sofa", [Piece("", merge([base, back] + arms + cushions),
                                            "upholstery"),
                                      Piece("Legs", merge(legs), "wood", True)])


def rug(rng: np.random.Generator, w: float = 2.4, d: float = 1.7) -> PropModel:
    """A rug, 10 mm thick (its pattern comes from the "rug" material)."""
    return PropModel("rug", "Rug", [Piece("", box((0, 0, 0.005), (w, d, 0.01)), "rug")])


def coffee_table(rng: np.random.Generator, w: float = 1.1, d: float = 0.6) -> PropModel:
    top = box((0, 0, 0.4), (w, d, 0.04))
    shelf = box((0, 0, 0.12), (w - 0.1, d - 0.1, 0.02))
    return PropModel("coffee_table", "Coffee Table",
                     [Piece("", merge([top, shelf] + _legs(w / 2 - 0.05, d / 2 - 0.05, 0.38)),
                            "wood")])


def table(rng: np.random.Generator, w: float = 1.6, d: float = 0.9, h: float = 0.75,
          label: str = "Table", material: str = "wood") -> PropModel:
    top = box((0, 0, h - 0.02), (w, d, 0.04))
    legs = _legs(w / 2 - 0.06, d / 2 - 0.06, h - 0.04, 0.025)
    return PropModel(label.lower().replace(" ", "_"), label,
                     [Piece("", merge([top] + legs), material)])


def round_table(rng: np.random.Generator, radius: float = 0.35, h: float = 0.74) -> PropModel:
    """A bistro table: round top on a pedestal."""
    top = lathe([(radius, h - 0.03), (radius, h), (0.0, h)], 20, True, False)
    foot = lathe([(0.22, 0.0), (0.22, 0.02), (0.04, 0.05), (0.03, h - 0.03)], 14, True, False)
    return PropModel("bistro_table", "Bistro Table", [Piece("Top", top, "worktop", True),
                                                      Piece("Base", foot, "dark_metal", True)])


def chair(rng: np.random.Generator) -> PropModel:
    """A dining chair: seat 0.46 m, back to 0.9 m (back at +Y)."""
    seat = box((0, 0, 0.45), (0.44, 0.44, 0.04))
    back = box((0, 0.2, 0.7), (0.42, 0.03, 0.4))
    legs = _legs(0.19, 0.19, 0.43, 0.016)
    return PropModel("chair", "Chair", [Piece("", merge([seat, back] + legs), "wood")])


def stool(rng: np.random.Generator, h: float = 0.75) -> PropModel:
    """A bar stool: round seat on a chromed column and foot ring."""
    seat = lathe([(0.19, h - 0.05), (0.19, h), (0.0, h + 0.01)], 16, True, False)
    post = lathe([(0.2, 0.0), (0.2, 0.02), (0.03, 0.04), (0.03, h - 0.05)], 12, True, False)
    ring = lathe([(0.17, 0.28), (0.17, 0.3)], 16, False, False)
    return PropModel("stool", "Bar Stool", [Piece("Seat", seat, "upholstery", True),
                                            Piece("Frame", merge([post, ring]), "metal", True)])


def booth(rng: np.random.Generator, w: float = 1.3) -> PropModel:
    """A diner booth: a table between two upholstered benches with high backs (seat
    0.45 m, backs 1.1 m), the table's long side along X."""
    table_ = merge([box((0, 0, 0.74), (w, 0.75, 0.04)), box((0, 0, 0.36), (0.12, 0.12, 0.72))])
    seats = []
    for side in (-1, 1):
        seats += [box((0, side * 0.68, 0.22), (w, 0.5, 0.44)),
                  box((0, side * 0.96, 0.62), (w, 0.12, 0.96))]
    return PropModel("booth", "Booth", [Piece("Seats", merge(seats), "upholstery"),
                                        Piece("Table", table_, "worktop")])


def sideboard(rng: np.random.Generator, w: float = 1.6, h: float = 0.55,
              label: str = "Sideboard") -> PropModel:
    body = box((0, 0, h / 2 + 0.1), (w, 0.45, h))
    doors = [box((x, -0.226, h / 2 + 0.1), (w / 3 - 0.02, 0.01, h - 0.06))
             for x in (-w / 3, 0.0, w / 3)]
    return PropModel("sideboard", label, [Piece("", merge([body] + doors + _legs(
        w / 2 - 0.05, 0.18, 0.1, 0.015)), "wood")])


def bed(rng: np.random.Generator, w: float = 1.6, l: float = 2.0) -> PropModel:
    """A double bed: frame, mattress top at 0.55 m, headboard to 1.1 m (at +Y),
    a folded duvet and two pillows."""
    frame = box((0, 0, 0.17), (w + 0.06, l + 0.06, 0.3))
    head = box((0, l / 2 + 0.04, 0.55), (w + 0.1, 0.08, 1.1))
    mattress = box((0, 0, 0.42), (w, l, 0.22))
    duvet = box((0, -0.2, 0.55), (w + 0.04, l * 0.7, 0.06))
    pillows = [box((x * w / 4, l / 2 - 0.3, 0.6), (w / 2 - 0.1, 0.38, 0.12)) for x in (-1, 1)]
    return PropModel("bed", "Bed", [Piece("Frame", merge([frame, head]), "wood"),
                                    Piece("Bedding", merge([mattress, duvet] + pillows),
                                          "linen")])


def hospital_bed(rng: np.random.Generator) -> PropModel:
    """A hospital bed: mattress at 0.6 m on a steel frame with side rails."""
    frame = box((0, 0, 0.4), (0.95, 2.1, 0.08))
    posts = [box((0, y * 1.02, 0.55), (0.97, 0.05, 0.5)) for y in (-1, 1)]
    rails = [box((x * 0.49, 0.1, 0.78), (0.03, 1.2, 0.22)) for x in (-1, 1)]
    legs = _legs(0.4, 0.95, 0.4, 0.025)
    bedding = merge([box((0, 0, 0.55), (0.9, 2.0, 0.16)),
                     box((0, 0.75, 0.68), (0.6, 0.35, 0.1))])
    return PropModel("hospital_bed", "Hospital Bed",
                     [Piece("Frame", merge([frame] + posts + rails + legs), "metal"),
                      Piece("Bedding", bedding, "linen")])


def nightstand(rng: np.random.Generator) -> PropModel:
    body = box((0, 0, 0.275), (0.45, 0.4, 0.55))       # on the floor, the lamp on its top
    lamp_base = lathe([(0.07, 0.55), (0.05, 0.75)], 12, True, False)
    shade = lathe([(0.14, 0.72), (0.1, 0.9)], 16, False, False)
    socket = LightSocket((0.0, 0.0, 0.8), "POINT", power_w=25.0, size_m=0.04)
    return PropModel("nightstand", "Nightstand", [Piece("", body, "wood"),
                                                  Piece("Lamp", lamp_base, "ceramic", True),
                                                  Piece("Shade", shade, "lampshade", True)],
                     sockets=[socket])


def wardrobe(rng: np.random.Generator, w: float = 1.2) -> PropModel:
    body = box((0, 0, 1.05), (w, 0.6, 2.1))
    line = box((0, -0.305, 1.05), (0.01, 0.01, 2.0))
    return PropModel("wardrobe", "Wardrobe", [Piece("", merge([body, line]), "wood")])


def kitchen_run(rng: np.random.Generator, length: float = 3.6) -> PropModel:
    """A fitted kitchen along a wall: base units (worktop at 0.9 m, 0.6 m deep), wall
    units from 1.45 to 2.15 m, a sink, a hob and a tall fridge at one end."""
    hx = length / 2
    run = length - 0.7
    x0 = -hx
    base = box((x0 + run / 2, 0, 0.45), (run, 0.58, 0.86))
    top = box((x0 + run / 2, -0.01, 0.88), (run + 0.02, 0.62, 0.04))
    fronts = [box((x0 + (k + 0.5) * run / int(run / 0.6), -0.295, 0.46),
                  (run / int(run / 0.6) - 0.01, 0.01, 0.74)) for k in range(int(run / 0.6))]
    wall = box((x0 + run / 2, 0.12, 1.8), (run, 0.35, 0.7))
    fridge = box((hx - 0.35, 0, 0.9), (0.68, 0.64, 1.8))
    sink = box((x0 + run * 0.3, -0.02, 0.895), (0.5, 0.4, 0.01))
    hob = box((x0 + run * 0.7, -0.02, 0.905), (0.6, 0.5, 0.01))
    return PropModel("kitchen", "Kitchen Units",
                     [Piece("Cabinets", merge([base, wall] + fronts), "cabinet"),
                      Piece("Worktop", top, "worktop"),
                      Piece("Appliances", merge([fridge, sink, hob]), "metal")])


def bar_counter(rng: np.random.Generator, length: float = 4.0) -> PropModel:
    """A bar: counter 1.1 m high with a brass foot rail; behind it (+Y) a back bar of
    shelves lined with bottles, lit from below."""
    hx = length / 2
    counter = box((0, 0, 0.53), (length, 0.55, 1.06))
    top = box((0, -0.04, 1.08), (length + 0.1, 0.65, 0.05))
    rail = tube((-hx, -0.42, 0.2), (hx, -0.42, 0.2), 0.025, 10)
    back = box((0, 1.3, 1.2), (length, 0.35, 2.4))
    shelves = [box((0, 1.08, z), (length - 0.1, 0.12, 0.03)) for z in (1.25, 1.6, 1.95)]
    bottles = []
    for z in (1.265, 1.615, 1.965):
        xs = np.arange(-hx + 0.12, hx - 0.1, 0.11)
        keep = rng.random(len(xs)) < 0.8
        for x in xs[keep]:
            h = rng.uniform(0.22, 0.32)
            bottles.append(translated(lathe([(0.035, 0.0), (0.035, h * 0.65), (0.012, h * 0.85),
                                             (0.012, h)], 8, True, True), (x, 1.08, z)))
    socket = LightSocket((0.0, 0.95, 1.3), "AREA", (0, 1, 0), 60.0, length - 0.3, 0.1)
    return PropModel("bar_counter", "Bar Counter",
                     [Piece("Counter", merge([counter, back] + shelves), "wood"),
                      Piece("Top", top, "worktop"), Piece("Rail", rail, "brass", True),
                      Piece("Bottles", merge(bottles), "bottles", True)], sockets=[socket])


def desk(rng: np.random.Generator, w: float = 1.4) -> PropModel:
    """An office desk (0.74 m) with a monitor and a keyboard, the user at -Y."""
    top = box((0, 0, 0.73), (w, 0.7, 0.03))
    sides = [box((x * (w / 2 - 0.02), 0, 0.36), (0.03, 0.66, 0.72)) for x in (-1, 1)]
    screen = box((0, 0.15, 1.0), (0.6, 0.03, 0.36))
    stand = box((0, 0.18, 0.8), (0.06, 0.06, 0.14))
    keys = box((0, -0.15, 0.755), (0.44, 0.14, 0.02))
    return PropModel("desk", "Desk", [Piece("", merge([top] + sides), "cabinet"),
                                      Piece("Computer", merge([screen, stand, keys]), "screen")])


def office_chair(rng: np.random.Generator) -> PropModel:
    seat = box((0, 0, 0.47), (0.5, 0.48, 0.08))
    back = box((0, 0.24, 0.8), (0.46, 0.06, 0.55))
    post = tube((0, 0, 0.08), (0, 0, 0.43), 0.025, 8)
    feet = [tube((0, 0, 0.06), (0.3 * np.cos(a), 0.3 * np.sin(a), 0.04), 0.02, 6)
            for a in np.linspace(0, 2 * np.pi, 5, endpoint=False)]
    return PropModel("office_chair", "Office Chair",
                     [Piece("", merge([seat, back]), "upholstery"),
                      Piece("Base", merge([post] + feet), "dark_metal", True)])


def school_desk(rng: np.random.Generator) -> PropModel:
    """A pupil's desk (0.72 m) with its chair behind it (+Y)."""
    top = box((0, 0, 0.71), (0.7, 0.5, 0.03))
    legs = _legs(0.31, 0.21, 0.7, 0.015)
    seat = box((0, 0.55, 0.43), (0.4, 0.38, 0.03))
    back = box((0, 0.75, 0.68), (0.38, 0.02, 0.3))
    chair_legs = [translated(m, (0, 0.55, 0)) for m in _legs(0.17, 0.16, 0.42, 0.012)]
    return PropModel("school_desk", "School Desk",
                     [Piece("", merge([top, seat, back]), "wood"),
                      Piece("Frame", merge(legs + chair_legs), "metal", True)])


def blackboard(rng: np.random.Generator, w: float = 3.6) -> PropModel:
    """A blackboard on a wall (it faces -Y), its ledge at 0.9 m."""
    board = box((0, 0.0, 1.55), (w, 0.04, 1.2))
    frame = box((0, 0.01, 1.55), (w + 0.1, 0.03, 1.3))
    ledge = box((0, -0.05, 0.92), (w, 0.1, 0.03))
    return PropModel("blackboard", "Blackboard", [Piece("", board, "board"),
                                                  Piece("Frame", merge([frame, ledge]), "wood")])


def bathtub(rng: np.random.Generator) -> PropModel:
    """A built-in bath, 1.7 x 0.75 m, rim at 0.55 m."""
    rim = [box((0, y * 0.3375, 0.275), (1.7, 0.075, 0.55)) for y in (-1, 1)]
    rim += [box((x * 0.7875, 0, 0.275), (0.125, 0.6, 0.55)) for x in (-1, 1)]
    bottom = box((0, 0, 0.075), (1.45, 0.6, 0.15))
    return PropModel("bathtub", "Bathtub", [Piece("", merge(rim + [bottom]), "ceramic")])


def washbasin(rng: np.random.Generator) -> PropModel:
    bowl = box((0, 0, 0.83), (0.6, 0.45, 0.14))
    pedestal = box((0, 0.05, 0.4), (0.2, 0.2, 0.76))
    mirror = box((0, 0.2, 1.5), (0.6, 0.02, 0.8))
    return PropModel("washbasin", "Washbasin", [Piece("", merge([bowl, pedestal]), "ceramic"),
                                                Piece("Mirror", mirror, "glass")])


def toilet(rng: np.random.Generator) -> PropModel:
    bowl = lathe([(0.16, 0.0), (0.2, 0.3), (0.2, 0.4), (0.0, 0.4)], 16, True, False)
    cistern = box((0, 0.26, 0.6), (0.4, 0.18, 0.4))
    return PropModel("toilet", "Toilet", [Piece("", merge([bowl, cistern]), "ceramic", True)])


def pew(rng: np.random.Generator, length: float = 3.6) -> PropModel:
    """A church pew: seat 0.45 m, back to 0.95 m (at +Y), solid ends."""
    hx = length / 2
    seat = box((0, 0, 0.44), (length, 0.4, 0.04))
    back = box((0, 0.2, 0.72), (length, 0.04, 0.5))
    ends = [box((x * (hx - 0.025), 0.05, 0.48), (0.06, 0.52, 0.96)) for x in (-1, 1)]
    kneeler = box((0, -0.42, 0.12), (length - 0.1, 0.12, 0.06))
    return PropModel("pew", "Pew", [Piece("", merge([seat, back, kneeler] + ends), "wood")])


def altar(rng: np.random.Generator) -> PropModel:
    """A stone altar on a two-step dais, a cross and two candlesticks (facing -Y)."""
    steps = [box((0, 0.2, 0.1), (6.0, 3.2, 0.2)), box((0, 0.45, 0.3), (4.6, 2.4, 0.2))]
    table_ = box((0, 0.5, 0.9), (2.6, 1.0, 1.0))
    cross = [box((0, 1.4, 3.0), (0.2, 0.15, 3.2)), box((0, 1.4, 3.9), (1.5, 0.15, 0.2))]
    candles = [translated(lathe([(0.06, 0.0), (0.03, 0.05), (0.02, 0.5), (0.03, 0.55)], 10),
                          (x, 0.5, 1.4)) for x in (-0.8, 0.8)]
    sockets = [LightSocket((x, 0.5, 2.05), "POINT", power_w=8.0, size_m=0.02) for x in (-0.8, 0.8)]
    return PropModel("altar", "Altar", [Piece("Dais", merge(steps + [table_]), "stone"),
                                        Piece("Cross", merge(cross + candles), "brass")],
                     sockets=sockets)


def counter(rng: np.random.Generator, length: float = 2.4, label: str = "Counter") -> PropModel:
    """A shop or reception counter, 1.05 m high, the customer side at -Y."""
    body = box((0, 0, 0.5), (length, 0.6, 1.0))
    top = box((0, -0.03, 1.03), (length + 0.06, 0.68, 0.05))
    kick = box((0, -0.29, 0.05), (length - 0.04, 0.04, 0.1))
    return PropModel(label.lower().replace(" ", "_"), label,
                     [Piece("", merge([body, kick]), "cabinet"), Piece("Top", top, "worktop")])


def wine_rack(rng: np.random.Generator, w: float = 1.8, h: float = 2.0) -> PropModel:
    """A cellar wine rack: timber grid of bottle cells, bottles laid on their side."""
    hx = w / 2
    grid = [box_mesh((-hx, -0.2, z), (hx, 0.2, z + 0.02)) for z in np.arange(0.0, h, 0.25)]
    grid += [box_mesh((x, -0.2, 0), (x + 0.02, 0.2, h)) for x in np.arange(-hx, hx + 0.01, 0.3)]
    necks = [translated(tube((0, -0.19, 0), (0, 0.15, 0), 0.04, 8), (x, 0, z + 0.08))
             for z in np.arange(0.0, h - 0.2, 0.25) for x in np.arange(-hx + 0.15, hx, 0.15)
             if rng.random() < 0.75]
    return PropModel("wine_rack", "Wine Rack", [Piece("", merge(grid), "wood"),
                                                Piece("Bottles", merge(necks), "bottles", True)])


def pendant_lamp(rng: np.random.Generator, drop: float = 0.9) -> PropModel:
    """A pendant over a table or counter: cord and an enamel shade (origin at the
    ceiling, hanging down -Z)."""
    cord = tube((0, 0, 0), (0, 0, -drop), 0.005, 6)
    shade = lathe([(0.2, -drop - 0.18), (0.05, -drop)], 16, False, True)
    socket = LightSocket((0.0, 0.0, -drop - 0.1), "POINT", power_w=60.0, size_m=0.04)
    return PropModel("pendant", "Pendant Lamp", [Piece("", merge([cord, shade]), "dark_metal", True)],
                     sockets=[socket])


def tv(rng: np.random.Generator) -> PropModel:
    screen = box((0, 0, 0.95), (1.2, 0.06, 0.7))
    return PropModel("tv", "Television", [Piece("", screen, "screen")])


def fireplace(rng: np.random.Generator, w: float = 1.5, h: float = 1.12) -> PropModel:
    """A marble chimneypiece (Haussmann, Victorian): jambs and a frieze round a dark
    firebox, a moulded mantel shelf at 1.12 m, a hearth slab, two brass candlesticks;
    its back (+Y) against the wall. Boxes overlap, never share a face."""
    d = 0.34
    jambs = [box((x * (w / 2 - 0.14), 0.0, (h - 0.05) / 2), (0.28, d, h - 0.05)) for x in (-1, 1)]
    frieze = box((0, 0.0, h - 0.2), (w - 0.2, d - 0.02, 0.32))
    shelf = box((0, -0.03, h - 0.02), (w + 0.14, d + 0.1, 0.05))
    bead = box((0, -0.01, h - 0.07), (w + 0.04, d + 0.05, 0.05))
    hearth = box((0, -0.3, 0.015), (w + 0.3, 0.62, 0.03))
    back = box((0, 0.12, (h - 0.34) / 2), (w - 0.5, 0.08, h - 0.34))      # the firebox
    floor = box((0, 0.0, 0.035), (w - 0.52, d - 0.06, 0.01))
    sticks = [translated(lathe([(0.05, 0.0), (0.02, 0.04), (0.015, 0.3), (0.03, 0.32)], 10),
                         (x * (w / 2 - 0.15), -0.02, h + 0.005)) for x in (-1, 1)]
    return PropModel("fireplace", "Fireplace",
                     [Piece("", merge(jambs + [frieze, shelf, bead, hearth]), "stone"),
                      Piece("Firebox", merge([back, floor]), "dark_metal"),
                      Piece("Candlesticks", merge(sticks), "brass", True)])


def led_strip(rng: np.random.Generator, length: float = 2.0) -> PropModel:
    """A recessed LED light line (sci-fi ceilings): a 0.12 m diffuser in a shallow
    dark channel, along local X, hung from its top (origin at the ceiling)."""
    channel = box((0, 0, -0.02), (length, 0.2, 0.04))
    diffuser = box((0, 0, -0.045), (length - 0.04, 0.12, 0.01))
    socket = LightSocket((0.0, 0.0, -0.06), "AREA", (0, 0, -1), 60.0, length - 0.1, 0.1)
    return PropModel("led_strip", "Light Strip", [Piece("", channel, "dark_metal"),
                                                  Piece("Diffuser", diffuser, "lamp")],
                     sockets=[socket])
