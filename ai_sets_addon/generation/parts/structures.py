"""Structures at real sizes: what stands on a site and defines a place (a fuel-pump
island under its canopy, a lighthouse, a pier, a market stall, a boat...).

Each is a PropModel (origin at the centre of its base, Z up, front toward -Y), so the
scatter keeps them apart with their hull boxes, repeated ones are instanced, and
their lamps become practicals through light sockets. Hulls are tight boxes per
member (columns apart from a roof), so a pump can stand under a canopy.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..mesh import box, box_mesh, lathe, merge, new_mesh, tube, transformed
from ..props.model import LightSocket, Piece, PropModel, hull_of

Builder = Callable[[np.random.Generator], PropModel]


def _hulls(*meshes) -> list[np.ndarray]:
    return [hull_of([m]) for m in meshes]


# ----------------------------------------------------------------------------- forecourt

def fuel_pump(rng: np.random.Generator) -> PropModel:
    """A dispenser: a 0.9 x 0.5 x 1.9 m cabinet with a lit price head, two nozzles."""
    body = box((0, 0, 0.85), (0.9, 0.5, 1.7))
    head = box((0, 0, 1.8), (0.9, 0.54, 0.2))
    holsters = [box((sx, -0.28, 1.05), (0.12, 0.08, 0.3)) for sx in (-0.3, 0.3)]
    hoses = [tube((sx, -0.3, 0.95), (sx, -0.32, 0.35), 0.018, 6) for sx in (-0.3, 0.3)]
    screen = box((0, -0.255, 1.45), (0.5, 0.012, 0.25))
    pieces = [Piece("", merge([body] + holsters), "pump"),
              Piece("Head", head, "white_paint"), Piece("Hoses", merge(hoses), "dark_metal"),
              Piece("Screen", screen, "lamp")]
    return PropModel("fuel_pump", "Fuel Pump", pieces, [hull_of([body, head] + holsters + hoses)])


def pump_island(rng: np.random.Generator, length: float = 3.6) -> PropModel:
    """The raised kerb the pumps stand on, with bollards at its ends."""
    kerb = box((0, 0, 0.1), (length, 1.2, 0.2))
    posts = [lathe([(0.08, 0.0), (0.08, 0.9)], 10) for _ in (0, 1)]
    posts = [transformed(p, 0.0, (sx * (length / 2 - 0.15), 0, 0.2)) for p, sx in zip(posts, (-1, 1))]
    return PropModel("pump_island", "Pump Island",
                     [Piece("", kerb, "pillar"), Piece("Bollards", merge(posts), "yellow_paint")],
                     [hull_of([kerb] + posts)])


def fuel_canopy(rng: np.random.Generator, width: float = 14.0, depth: float = 9.0,
                clearance: float = 4.8) -> PropModel:
    """A forecourt canopy: a 0.9 m deep fascia on four columns, downlights under it
    (the islands stand between the columns, so each column is its own hull)."""
    cols = [box((sx * (width / 2 - 1.5), sy * (depth / 2 - 1.2), clearance / 2),
                (0.4, 0.4, clearance)) for sx in (-1, 1) for sy in (-1, 1)]
    roof = box((0, 0, clearance + 0.45), (width, depth, 0.9))
    stripe = box((0, -depth / 2 - 0.01, clearance + 0.45), (width, 0.02, 0.3))
    lamps, sockets = [], []
    for x in np.linspace(-width / 2 + 2.0, width / 2 - 2.0, 4):
        for y in (-depth / 4, depth / 4):
            lamps.append(box((x, y, clearance - 0.02), (0.6, 0.6, 0.04)))
            sockets.append(LightSocket((float(x), float(y), clearance - 0.06), "AREA",
                                       (0, 0, -1), 260.0, 0.6, 0.6))
    pieces = [Piece("", roof, "white_paint"), Piece("Columns", merge(cols), "white_paint"),
              Piece("Fascia Stripe", stripe, "red_paint"), Piece("Downlights", merge(lamps), "lamp")]
    return PropModel("fuel_canopy", "Canopy", pieces, _hulls(*cols) + [hull_of([roof, stripe] + lamps)],
                     sockets)


def kiosk(rng: np.random.Generator, width: float = 9.0, depth: float = 6.0,
          height: float = 3.6) -> PropModel:
    """A one-storey shop building: block walls, a glazed front, a flat roof, a sign."""
    walls = box((0, 0, height / 2), (width, depth, height))
    glass = box((-width * 0.1, -depth / 2 - 0.03, 1.3), (width * 0.6, 0.04, 2.2))
    door = box((width * 0.28, -depth / 2 - 0.03, 1.1), (1.2, 0.04, 2.2))
    sign = box((0, -depth / 2 - 0.1, height + 0.4), (width * 0.7, 0.2, 0.8))
    roof = box((0, 0, height + 0.1), (width + 0.3, depth + 0.3, 0.2))
    sockets = [LightSocket((0.0, -depth / 2 - 0.3, height - 0.2), "AREA", (0, -0.3, -1), 150.0, 2.0, 0.4)]
    return PropModel("kiosk", "Shop Building",
                     [Piece("", walls, "render"), Piece("Roof", roof, "dark_metal"),
                      Piece("Glazing", merge([glass, door]), "glass"), Piece("Sign", sign, "lamp")],
                     [hull_of([walls, glass, door, roof]), hull_of([sign])], sockets)


# ----------------------------------------------------------------------------- buildings

def house(rng: np.random.Generator, width: float = 8.0, depth: float = 7.0,
          eaves: float = 5.6, pitch: float = 0.7, material: str = "render",
          label: str = "House") -> PropModel:
    """A two-storey house: walls, a pitched roof (ridge along X), door and windows."""
    walls = box((0, 0, eaves / 2), (width, depth, eaves))
    ridge = eaves + depth / 2 * pitch
    half = depth / 2 + 0.35
    roof = _gable(width + 0.5, half, eaves - 0.1, ridge, 0.15)
    walls = merge([walls, _gable_ends(width, depth, eaves, ridge)])
    wins = [box((x, -depth / 2 - 0.03, z), (1.0, 0.06, 1.3))
            for x in np.linspace(-width / 3, width / 3, 3) for z in (1.5, 4.2) if not (x == 0 and z == 1.5)]
    door = box((0.0, -depth / 2 - 0.03, 1.1), (1.0, 0.06, 2.2))
    sockets = [LightSocket((0.0, -depth / 2 - 0.4, 2.5), "POINT", (0, -1, 0), 60.0, 0.1)]
    return PropModel("house", label, [Piece("", walls, material), Piece("Roof", roof, "roof_paint"),
                                      Piece("Windows", merge(wins), "lit_window"),
                                      Piece("Door", door, "wood")],
                     [hull_of([walls, door] + wins), hull_of([roof])], sockets)


def _gable_ends(width: float, depth: float, eaves: float, ridge: float):
    """The triangular walls under a roof's two ends (ridge along X)."""
    hw, hd = width / 2, depth / 2
    verts = np.array([[-hw, -hd, eaves], [-hw, hd, eaves], [-hw, 0.0, ridge],
                      [hw, -hd, eaves], [hw, hd, eaves], [hw, 0.0, ridge]])
    faces = np.array([[0, 2, 1], [3, 4, 5]])
    return new_mesh(verts, faces, verts[:, 1:].copy())


def _gable(length: float, half: float, z0: float, ridge: float, t: float):
    """A pitched roof as two sloped slabs meeting at a ridge along X."""
    slope = np.arctan2(ridge - z0, half)
    run = np.hypot(half, ridge - z0)
    out = []
    for side in (-1, 1):
        slab = box((0, 0, 0), (length, run, t))
        out.append(transformed(slab, 0.0, (0, side * half / 2, (z0 + ridge) / 2), pitch=side * -slope))
    return merge(out)


def cottage(rng):
    return house(rng, 7.0, 6.0, 3.2, 0.9, "rock", "Cottage")


def shed(rng: np.random.Generator) -> PropModel:
    return house(rng, 4.0, 3.0, 2.6, 0.4, "wood", "Shed")


def barn(rng: np.random.Generator) -> PropModel:
    return house(rng, 14.0, 9.0, 5.0, 0.9, "barn_red", "Barn")


def lighthouse(rng: np.random.Generator, height: float = 22.0) -> PropModel:
    """A tapered tower (3.4 m at the base, 2.4 m under the gallery) banded red and
    white, a gallery with a rail, a glazed lantern and a cap; its lamp is a socket."""
    body = lathe([(1.7, 0.0), (1.2, height)], 24)
    bands = [lathe([(1.7 - 0.5 * z0 / height + 0.01, z0), (1.7 - 0.5 * z1 / height + 0.01, z1)], 24,
                   False, False) for z0, z1 in ((height * 0.2, height * 0.4), (height * 0.6, height * 0.8))]
    gallery = lathe([(1.8, height), (1.8, height + 0.2)], 24)
    rail = lathe([(1.78, height + 0.2), (1.78, height + 1.1)], 24, False, False)
    lantern = lathe([(1.0, height + 0.2), (1.0, height + 2.6)], 16)
    cap = lathe([(1.2, height + 2.6), (0.05, height + 3.8)], 16)
    socket = LightSocket((0.0, 0.0, height + 1.4), "POINT", (0, 0, -1), 4000.0, 0.4)
    pieces = [Piece("", body, "white_paint", True), Piece("Bands", merge(bands), "red_paint", True),
              Piece("Gallery", merge([gallery, rail]), "dark_metal", True),
              Piece("Lantern", lantern, "lamp", True), Piece("Cap", cap, "red_paint", True)]
    return PropModel("lighthouse", "Lighthouse", pieces, [hull_of([body, gallery, rail, lantern, cap])],
                     [socket])


def tower(rng: np.random.Generator, radius: float = 4.0, height: float = 18.0) -> PropModel:
    """A round stone keep with a crenellated top."""
    body = lathe([(radius, 0.0), (radius * 0.95, height)], 28)
    merlons = [box((np.cos(a) * radius * 0.92, np.sin(a) * radius * 0.92, height + 0.5), (0.8, 0.8, 1.0), a)
               for a in np.linspace(0, 2 * np.pi, 14, endpoint=False)]
    return PropModel("tower", "Tower", [Piece("", merge([body] + merlons), "stone_wall", False)])


def water_tower(rng: np.random.Generator) -> PropModel:
    legs = [tube((sx * 2.2, sy * 2.2, 0), (sx * 1.6, sy * 1.6, 14), 0.15, 8) for sx in (-1, 1) for sy in (-1, 1)]
    tank = lathe([(0.01, 14), (3.0, 14.2), (3.0, 19), (0.3, 20.5)], 24)
    return PropModel("water_tower", "Water Tower",
                     [Piece("", merge(legs), "dark_metal", True), Piece("Tank", tank, "white_paint", True)])


def windmill(rng: np.random.Generator) -> PropModel:
    body = lathe([(3.0, 0.0), (1.8, 12.0), (0.2, 14.0)], 16)
    sails = [box((0, -2.4, 12.0), (0.6, 0.1, 16.0)), box((0, -2.4, 12.0), (16.0, 0.1, 0.6))]
    return PropModel("windmill", "Windmill", [Piece("", body, "render", True),
                                              Piece("Sails", merge(sails), "wood")])


# ----------------------------------------------------------------------------- water

def pier(rng: np.random.Generator, length: float = 24.0, width: float = 3.0,
         deck_z: float = -0.1) -> PropModel:
    """A timber pier running out along -Y from its root at y=0: a deck flush with the
    quay it leaves (its top at z=0) on piles down into the water, posts along it."""
    deck = box((0, -length / 2, deck_z), (width, length, 0.2))
    piles = [tube((sx * (width / 2 - 0.15), -y, -3.0), (sx * (width / 2 - 0.15), -y, deck_z + 0.6), 0.14, 8)
             for y in np.arange(1.0, length, 3.0) for sx in (-1, 1)]
    return PropModel("pier", "Pier", [Piece("", deck, "wood"), Piece("Piles", merge(piles), "wood", True)])


def boat(rng: np.random.Generator, length: float = 8.0, beam: float = 2.6,
         label: str = "Fishing Boat", cabin: bool = True) -> PropModel:
    """A hull (a lathe squashed into a boat's plan), a deck, a wheelhouse; floats with
    its waterline at z=0."""
    prof = [(0.01, -0.9), (0.5, -0.85), (0.85, -0.4), (1.0, 0.5), (1.0, 0.7)]
    hull = lathe(prof, 20)
    v = hull.vertices.copy()
    stretch = np.where(v[:, 0] > 0, length / 2 * (1.0 + 0.2 * np.clip(v[:, 2], 0, 1)), length / 2 * 0.9)
    v[:, 0] *= stretch
    v[:, 1] *= beam / 2
    hull = transformed(type(hull)(v, hull.faces, process=False, visual=hull.visual), 0.0)
    pieces = [Piece("", hull, "hull", True)]
    if cabin:
        house_ = box((-length * 0.1, 0, 1.5), (length * 0.25, beam * 0.6, 1.6))
        pieces.append(Piece("Wheelhouse", house_, "white_paint"))
    model = PropModel("boat", label, pieces)
    return model


def fishing_boat(rng):
    return boat(rng, float(rng.uniform(7.5, 10.0)), 2.8)


def rowboat(rng):
    return boat(rng, 4.0, 1.5, "Rowing Boat", cabin=False)


def bridge(rng: np.random.Generator, span: float = 24.0, width: float = 4.0,
           deck_z: float = 3.0) -> PropModel:
    """A footbridge along X over a river running along Y: deck, parapets, two piers."""
    deck = box((0, 0, deck_z), (span, width, 0.5))
    parapets = [box((0, sy * (width / 2 - 0.12), deck_z + 0.75), (span, 0.24, 1.0)) for sy in (-1, 1)]
    piers = [box((sx * span / 4, 0, (deck_z - 0.25 - 2.5) / 2), (1.2, width * 0.8, deck_z - 0.25 + 2.5))
             for sx in (-1, 1)]
    return PropModel("bridge", "Bridge", [Piece("", merge([deck] + parapets + piers), "stone_wall")],
                     [hull_of([deck] + parapets)] + _hulls(*piers))


# ----------------------------------------------------------------------------- stalls, fences

def market_stall(rng: np.random.Generator, width: float = 3.0) -> PropModel:
    """A trestle table of produce under a striped canvas awning on four poles."""
    table = box((0, 0, 0.8), (width, 1.0, 0.06))
    legs = [box((sx * (width / 2 - 0.1), sy * 0.4, 0.4), (0.06, 0.06, 0.8)) for sx in (-1, 1) for sy in (-1, 1)]
    poles = [tube((sx * width / 2, sy * 0.7, 0), (sx * width / 2, sy * 0.7, 2.3), 0.03, 6)
             for sx in (-1, 1) for sy in (-1, 1)]
    awning = transformed(box((0, 0, 0), (width + 0.3, 1.8, 0.03)), 0.0, (0, 0, 2.35), pitch=0.12)
    crates = [box((x, 0, 0.93), (0.5, 0.4, 0.2)) for x in np.linspace(-width / 2 + 0.4, width / 2 - 0.4, 4)]
    produce = [box((x, 0, 1.06), (0.44, 0.34, 0.06)) for x in np.linspace(-width / 2 + 0.4, width / 2 - 0.4, 4)]
    return PropModel("market_stall", "Market Stall",
                     [Piece("", merge([table] + legs + crates), "wood"),
                      Piece("Poles", merge(poles), "dark_metal"), Piece("Awning", awning, "canvas"),
                      Piece("Produce", merge(produce), "produce")])


def fence(rng: np.random.Generator, length: float = 6.0, height: float = 1.2) -> PropModel:
    posts = [box((x, 0, height / 2), (0.1, 0.1, height)) for x in np.linspace(-length / 2, length / 2, 4)]
    rails = [box((0, 0, z), (length, 0.04, 0.1)) for z in (height * 0.35, height * 0.8)]
    return PropModel("fence", "Fence", [Piece("", merge(posts + rails), "wood")])


def wall_run(rng: np.random.Generator, length: float = 8.0, height: float = 4.0,
             thick: float = 0.8) -> PropModel:
    return PropModel("stone_wall", "Wall", [Piece("", box((0, 0, height / 2), (length, thick, height)),
                                                  "stone_wall")])


def gate(rng: np.random.Generator, width: float = 4.0, height: float = 5.0) -> PropModel:
    """A gatehouse arch: two piers and a lintel, the passage open."""
    piers = [box((sx * (width / 2 + 0.75), 0, height / 2), (1.5, 1.2, height)) for sx in (-1, 1)]
    lintel = box((0, 0, height - 0.6), (width + 3.0, 1.2, 1.2))
    return PropModel("gate", "Gate", [Piece("", merge(piers + [lintel]), "stone_wall")],
                     _hulls(*piers) + [hull_of([lintel])])


# ----------------------------------------------------------------------------- leisure, rural

def stage(rng: np.random.Generator, width: float = 4.0, depth: float = 2.5,
          height: float = 0.45) -> PropModel:
    """A low bandstand platform with a front step and a microphone stand."""
    deck = box((0, 0, height / 2), (width, depth, height))
    mic = merge([tube((0, -depth / 2 + 0.5, height), (0, -depth / 2 + 0.5, height + 1.5), 0.012, 6)])
    return PropModel("stage", "Stage", [Piece("", deck, "wood"), Piece("Microphone", mic, "dark_metal")])


def bleachers(rng: np.random.Generator, width: float = 8.0, rows: int = 5) -> PropModel:
    steps = [box((0, k * 0.6, (0.45 * (k + 1)) / 2), (width, 0.6, 0.45 * (k + 1))) for k in range(rows)]
    return PropModel("bleachers", "Bleachers", [Piece("", merge(steps), "wood")], [hull_of(steps)])


def basketball_hoop(rng: np.random.Generator) -> PropModel:
    pole = tube((0, 0.6, 0), (0, 0.6, 3.3), 0.08, 10)
    board = box((0, 0, 3.35), (1.8, 0.05, 1.05))
    ring = tube((0, -0.25, 3.05), (0, -0.25, 3.07), 0.23, 16, caps=False)
    return PropModel("basketball_hoop", "Basketball Hoop",
                     [Piece("", merge([pole]), "dark_metal", True), Piece("Backboard", board, "white_paint"),
                      Piece("Ring", ring, "red_paint")])


def goal(rng: np.random.Generator, width: float = 7.32, height: float = 2.44) -> PropModel:
    posts = [tube((sx * width / 2, 0, 0), (sx * width / 2, 0, height), 0.06, 8) for sx in (-1, 1)]
    bar = tube((-width / 2, 0, height), (width / 2, 0, height), 0.06, 8)
    return PropModel("goal", "Goal", [Piece("", merge(posts + [bar]), "white_paint", True)])


def tent(rng: np.random.Generator, width: float = 2.2, depth: float = 2.6,
         height: float = 1.4) -> PropModel:
    roof = _gable(depth, width / 2, 0.05, height, 0.02)
    roof = transformed(roof, np.pi / 2)
    return PropModel("tent", "Tent", [Piece("", roof, "canvas")])


def bonfire(rng: np.random.Generator) -> PropModel:
    logs = [tube((np.cos(a) * 0.5, np.sin(a) * 0.5, 0.0), (0, 0, 0.6), 0.06, 6)
            for a in np.linspace(0, 2 * np.pi, 7, endpoint=False)]
    stones = [box((np.cos(a) * 0.75, np.sin(a) * 0.75, 0.08), (0.22, 0.22, 0.16), a)
              for a in np.linspace(0, 2 * np.pi, 11, endpoint=False)]
    flame = lathe([(0.3, 0.1), (0.2, 0.5), (0.01, 0.9)], 8)
    return PropModel("bonfire", "Campfire",
                     [Piece("", merge(logs), "wood", True), Piece("Stones", merge(stones), "rock"),
                      Piece("Flame", flame, "flame", True)], [],
                     [LightSocket((0, 0, 0.6), "POINT", (0, 0, 1), 400.0, 0.4, colour="orange")])


def torch(rng: np.random.Generator) -> PropModel:
    """A standing torch (a pole with a burning head)."""
    pole = tube((0, 0, 0), (0, 0, 1.9), 0.035, 6)
    cup = lathe([(0.04, 1.9), (0.09, 2.05)], 8)
    flame = lathe([(0.08, 2.05), (0.01, 2.35)], 8)
    return PropModel("torch", "Torch", [Piece("", merge([pole, cup]), "dark_metal", True),
                                        Piece("Flame", flame, "flame", True)], [],
                     [LightSocket((0, 0, 2.2), "POINT", (0, 0, 1), 120.0, 0.1, colour="orange")])


def well(rng: np.random.Generator) -> PropModel:
    ring = lathe([(0.9, 0.0), (0.9, 0.8), (0.65, 0.8), (0.65, 0.2)], 20)
    posts = [box((sx * 0.8, 0, 1.25), (0.12, 0.12, 1.7)) for sx in (-1, 1)]
    roof = _gable(2.0, 0.8, 2.0, 2.5, 0.05)
    return PropModel("well", "Well", [Piece("", ring, "stone_wall", True),
                                      Piece("Frame", merge(posts), "wood"), Piece("Roof", roof, "wood")])


def fountain(rng: np.random.Generator) -> PropModel:
    basin = lathe([(2.5, 0.0), (2.5, 0.6), (2.3, 0.6), (2.3, 0.15)], 28)
    column = lathe([(0.3, 0.0), (0.25, 1.6), (0.9, 1.7), (0.9, 1.8), (0.15, 2.4)], 16)
    water = lathe([(2.29, 0.45), (0.0, 0.45)], 28, False, False)
    return PropModel("fountain", "Fountain", [Piece("", merge([basin, column]), "stone_wall", True),
                                              Piece("Water", water, "water")])


def statue(rng: np.random.Generator) -> PropModel:
    base = box((0, 0, 0.75), (1.4, 1.4, 1.5))
    figure = lathe([(0.25, 1.5), (0.3, 2.4), (0.22, 3.0), (0.14, 3.2), (0.13, 3.5), (0.01, 3.6)], 12)
    return PropModel("statue", "Statue", [Piece("", merge([base]), "stone_wall"),
                                          Piece("Figure", figure, "bronze", True)])


def gravestone(rng: np.random.Generator) -> PropModel:
    h = float(rng.uniform(0.7, 1.1))
    return PropModel("gravestone", "Gravestone",
                     [Piece("", box((0, 0, h / 2), (0.6, 0.15, h)), "stone_wall")])


def haystack(rng: np.random.Generator) -> PropModel:
    bale = lathe([(0.75, 0.0), (0.75, 1.2)], 16)
    bale = transformed(bale, 0.0, (0, 0.6, 0.75), pitch=np.pi / 2)
    return PropModel("hay_bale", "Hay Bale", [Piece("", bale, "straw", True)])


def bus_shelter(rng: np.random.Generator) -> PropModel:
    back = box((0, 0.6, 1.2), (3.5, 0.05, 2.2))
    roof = box((0, 0, 2.4), (3.8, 1.6, 0.1))
    posts = [box((sx * 1.75, 0.6, 1.2), (0.08, 0.08, 2.4)) for sx in (-1, 1)]
    seat = box((0, 0.35, 0.45), (2.0, 0.35, 0.05))
    return PropModel("bus_shelter", "Bus Shelter",
                     [Piece("", merge(posts + [roof, seat]), "dark_metal"), Piece("Glass", back, "glass")])


def reeds(rng: np.random.Generator) -> PropModel:
    """A clump of reeds: thin tapered stalks, some with seed heads."""
    n = 40
    ang = rng.uniform(0, 2 * np.pi, n)
    rad = rng.uniform(0, 0.45, n)
    h = rng.uniform(1.2, 2.2, n)
    lean = rng.normal(0, 0.12, (n, 2))
    stalks = [tube((np.cos(a) * r, np.sin(a) * r, 0), (np.cos(a) * r + lx * hh, np.sin(a) * r + ly * hh, hh),
                   0.008, 4, r1=0.002, caps=False)
              for a, r, hh, (lx, ly) in zip(ang, rad, h, lean)]
    heads = [lathe([(0.001, hh - 0.25), (0.02, hh - 0.15), (0.001, hh)], 5)
             for hh in h[:10]]
    heads = [transformed(m, 0.0, (np.cos(a) * r + lx * hh, np.sin(a) * r + ly * hh, 0))
             for m, a, r, hh, (lx, ly) in zip(heads, ang, rad, h, lean)]
    return PropModel("reeds", "Reeds", [Piece("", merge(stalks), "reeds", True),
                                        Piece("Heads", merge(heads), "bark", True)])


def corn(rng: np.random.Generator) -> PropModel:
    """A maize plant: a 2.2 m stalk, long leaves rising and arching out from its
    nodes in turn, an ear half way up and a tassel on top."""
    height = float(rng.uniform(2.0, 2.4))
    stalk = tube((0, 0, 0), (0, 0, height), 0.018, 6, r1=0.008)
    leaves = []
    for k, z in enumerate(np.linspace(0.35, height - 0.45, 8)):
        yaw = k * 2.6 + float(rng.uniform(-0.3, 0.3))
        for seg, (length, rise) in enumerate(((0.4, 0.9), (0.45, 0.2))):   # up, then out
            start = 0.0 if seg == 0 else 0.4 * np.cos(0.9)
            lift = 0.0 if seg == 0 else 0.4 * np.sin(0.9)
            leaf = box((0, length / 2, 0), (0.08, length, 0.004))
            leaf = transformed(leaf, 0.0, (0, 0, 0), pitch=rise)
            leaves.append(transformed(leaf, yaw, (-np.sin(yaw) * start, np.cos(yaw) * start, z + lift)))
    ear = transformed(lathe([(0.001, 0.0), (0.035, 0.05), (0.03, 0.2), (0.001, 0.25)], 6), 0.0,
                      (0.03, 0, height * 0.5))
    tassel = [tube((0, 0, height), (np.cos(a) * 0.12, np.sin(a) * 0.12, height + 0.25), 0.004, 3)
              for a in np.linspace(0, 2 * np.pi, 5, endpoint=False)]
    return PropModel("corn", "Maize", [Piece("", merge([stalk] + tassel), "reeds", True),
                                       Piece("Leaves", merge(leaves), "foliage"),
                                       Piece("Ear", ear, "corn_ear", True)],
                     [np.array([-0.05, -0.05, 0.0, 0.05, 0.05, height])])


def dead_tree(rng: np.random.Generator) -> PropModel:
    from ..props.trees import tree
    model = tree(rng, "oak", float(rng.uniform(5.0, 8.0)), leaves=False)
    model.kind, model.label = "dead_tree", "Dead Tree"
    return model


def console(rng: np.random.Generator, width: float = 2.4) -> PropModel:
    """A bridge console: a sloped desk of dark glass on a plinth, with a narrow strip
    of lit readouts along it (a screen-sized glow would flood a dark bridge)."""
    plinth = box((0, 0, 0.4), (width, 0.8, 0.8))
    top = transformed(box((0, 0, 0), (width, 0.7, 0.05)), 0.0, (0, 0.05, 0.88), pitch=-0.35)
    strip = transformed(box((0, 0, 0), (width * 0.8, 0.12, 0.01)), 0.0, (0, 0.15, 0.93), pitch=-0.35)
    return PropModel("console", "Console", [Piece("", plinth, "dark_metal"),
                                            Piece("Glass", top, "screen"),
                                            Piece("Readouts", strip, "screen_glow")])


def holo_screen(rng: np.random.Generator, width: float = 2.4) -> PropModel:
    """A floating display: a thin glowing pane in a dark frame, at eye height."""
    pane = box((0, 0, 1.7), (width, 0.02, 1.2))
    frame = box((0, 0.03, 1.7), (width + 0.1, 0.03, 1.3))
    stand = box((0, 0.03, 0.55), (0.12, 0.08, 1.1))
    return PropModel("holo_screen", "Holographic Screen",
                     [Piece("", pane, "holo"), Piece("Frame", merge([frame, stand]), "dark_metal")])


# ----------------------------------------------------------------------------- leisure

def pool(rng: np.random.Generator, length: float = 12.5, width: float = 6.0) -> PropModel:
    """A pool basin along Y: a 0.4 m stone coping 0.12 m proud of the deck round a tank of
    water 4 cm under it, a steel ladder at the shallow end, lane ropes every 2 m."""
    hl, hw, c = length / 2, width / 2, 0.4
    coping = [box((0, -hl - c / 2, 0.06), (width + 2 * c, c, 0.12)),
              box((0, hl + c / 2, 0.06), (width + 2 * c, c, 0.12)),
              box((-hw - c / 2, 0, 0.06), (c, length, 0.12)), box((hw + c / 2, 0, 0.06), (c, length, 0.12))]
    water = box((0, 0, 0.04), (width, length, 0.08))
    rails = [tube((x, -hl - 0.25, 0.12), (x, -hl + 0.05, 0.95), 0.025) for x in (hw - 1.2, hw - 0.7)]
    ropes = [box((x, 0, 0.085), (0.06, length, 0.02)) for x in np.arange(-hw + 2.0, hw - 0.5, 2.0)]
    return PropModel("pool", "Swimming Pool", [Piece("", merge(coping), "stone", True),
                                               Piece("Water", water, "water"),
                                               Piece("Ladder", merge(rails), "metal"),
                                               Piece("Lane Ropes", merge(ropes), "red_paint")])


def bowling_lanes(rng: np.random.Generator, lanes: int = 6) -> PropModel:
    """Bowling lanes side by side along Y (regulation 1.05 m wide, 18.3 m foul line to
    head pin), gutters between, pin decks at the far (+Y) end with ten pins each in their
    triangle, a masking panel over the pins and ball returns on the approach."""
    pitch, length = 1.05 + 2 * 0.24 + 0.1, 18.3
    y0 = -length / 2
    wood, gutter, pins, ret = [], [], [], []
    pin = lathe([(0.03, 0.0), (0.06, 0.1), (0.03, 0.25), (0.03, 0.3), (0.0, 0.38)], 10)
    for k in range(lanes):
        x = (k - (lanes - 1) / 2) * pitch
        wood.append(box((x, 0, 0.02), (1.05, length + 1.0, 0.04)))
        gutter += [box((x + sx * (0.525 + 0.12), 0, 0.005), (0.24, length + 1.0, 0.01)) for sx in (-1, 1)]
        for row in range(4):
            for j in range(row + 1):
                px = x + (j - row / 2) * 0.305
                pins.append(transformed(pin, 0.0, (px, y0 + length + row * 0.264, 0.04)))
        if k % 2 == 0:
            ret.append(box((x + pitch / 2, y0 - 2.0, 0.35), (0.35, 1.6, 0.7)))
    masking = box((0, y0 + length + 1.6, 1.9), (lanes * pitch, 0.1, 0.8))
    return PropModel("bowling_lanes", "Bowling Lanes",
                     [Piece("", merge(wood), "wood"), Piece("Gutters", merge(gutter), "dark_metal"),
                      Piece("Pins", merge(pins), "white_paint"),
                      Piece("Ball Returns", merge(ret), "machine"),
                      Piece("Masking", masking, "poster")])


def ferris_wheel(rng: np.random.Generator, radius: float = 9.0, cars: int = 16) -> PropModel:
    """A big wheel in the XZ plane: a double rim and spokes round a hub on two A-frames,
    gondolas hanging level under the rim, bulbs along the rim."""
    hub_z = radius + 2.0
    a = np.linspace(0, 2 * np.pi, cars, endpoint=False)
    ring = [(radius * np.cos(t), radius * np.sin(t)) for t in a]
    rim, spokes, gondolas = [], [], []
    for y in (-0.6, 0.6):
        for (x0, z0), (x1, z1) in zip(ring, ring[1:] + ring[:1]):
            rim.append(tube((x0, y, hub_z + z0), (x1, y, hub_z + z1), 0.08, 6))
        spokes += [tube((0, y, hub_z), (x, y, hub_z + z), 0.05, 6) for x, z in ring]
    for x, z in ring:
        gondolas.append(box((x, 0, hub_z + z - 1.0), (1.2, 1.0, 1.1)))
    b = np.linspace(0, 2 * np.pi, cars * 4, endpoint=False)
    bulbs = [box((radius * 1.01 * np.cos(t), y, hub_z + radius * 1.01 * np.sin(t)), (0.14, 0.14, 0.14))
             for t in b for y in (-0.6, 0.6)]
    legs = [tube((sx * 4.5, sy * 2.5, 0.6), (0, sy * 0.8, hub_z), 0.18, 8) for sx in (-1, 1) for sy in (-1, 1)]
    axle = tube((0, -1.0, hub_z), (0, 1.0, hub_z), 0.35, 12)
    base = box((0, 0, 0.3), (11.0, 6.0, 0.6))
    return PropModel("ferris_wheel", "Ferris Wheel",
                     [Piece("", merge(rim + spokes + legs + [axle]), "white_paint"),
                      Piece("Gondolas", merge(gondolas), "red_paint"), Piece("Base", base, "stone"),
                      Piece("Bulbs", merge(bulbs), "lamp")])



def caravan(rng: np.random.Generator) -> PropModel:
    """A static caravan along Y: a 2.3 x 6.5 x 2.4 m body on blocks, a window band, a
    door on its -X side with a step, an A-frame hitch, a gas bottle."""
    length = float(rng.uniform(5.5, 7.5))
    body = box((0, 0, 1.55), (2.3, length, 2.3))
    roof = box((0, 0, 2.74), (2.2, length - 0.1, 0.08))
    windows = [box((sx * 1.16, y, 1.75), (0.02, 1.0, 0.7)) for sx in (-1, 1)
               for y in np.linspace(-length / 2 + 1.0, length / 2 - 1.0, 3)]
    door = box((-1.16, -length / 4, 1.35), (0.03, 0.75, 1.9))
    step = box((-1.45, -length / 4, 0.2), (0.5, 0.8, 0.1))
    blocks = [box((sx * 0.9, y, 0.2), (0.3, 0.3, 0.4)) for sx in (-1, 1) for y in (-length / 3, length / 3)]
    hitch = [tube((sx * 0.8, -length / 2, 0.45), (0, -length / 2 - 1.2, 0.45), 0.04, 6) for sx in (-1, 1)]
    bottle = tube((0.5, -length / 2 - 0.4, 0.1), (0.5, -length / 2 - 0.4, 0.9), 0.15, 12)
    return PropModel("caravan", "Caravan", [Piece("", merge([body, roof]), "white_paint", True),
                                            Piece("Windows", merge(windows), "glass"),
                                            Piece("Door", door, "wood"),
                                            Piece("Base", merge(blocks + [step]), "stone"),
                                            Piece("Hitch", merge(hitch + [bottle]), "dark_metal")])



# ----------------------------------------------------------------------------- seating, bars

def _seat(x: float, y: float, seat_z: float, back_h: float, width: float, tilt: float = 0.25):
    """One upholstered seat facing -Y: cushion, a back leaning back by `tilt` (rad)."""
    cushion = box((x, y, seat_z - 0.05), (width - 0.06, 0.5, 0.12))
    back = transformed(box((0, 0, back_h / 2), (width - 0.06, 0.1, back_h)), 0.0,
                       (x, y + 0.27, seat_z), pitch=-tilt)
    return [cushion, back]


def seat_row(rng: np.random.Generator, seats: int = 5, width: float = 0.55) -> PropModel:
    """A row of fixed auditorium seats on a steel beam, armrests between them (cinemas,
    lecture halls, theatres, waiting areas): 0.55 m a seat, facing -Y."""
    total = seats * width
    xs = (np.arange(seats) - (seats - 1) / 2) * width
    cushions = [m for x in xs for m in _seat(float(x), 0.0, 0.45, 0.55, width)]
    arms = [box((float(x), 0.05, 0.62), (0.05, 0.5, 0.05)) for x in np.append(xs - width / 2, xs[-1] + width / 2)]
    legs = [box((float(x), 0.1, 0.2), (0.06, 0.3, 0.4)) for x in np.append(xs - width / 2, xs[-1] + width / 2)]
    beam = box((0, 0.1, 0.38), (total, 0.08, 0.06))
    return PropModel("seat_row", "Seat Row", [Piece("", merge(cushions), "upholstery"),
                                              Piece("Frame", merge(arms + legs + [beam]), "dark_metal")])


def airplane_seat(rng: np.random.Generator) -> PropModel:
    """A triple of aircraft or carriage seats facing -Y: tall backs with headrests,
    armrests, a shared base."""
    width = 0.47
    xs = (np.arange(3) - 1) * width
    parts = [m for x in xs for m in _seat(float(x), 0.0, 0.45, 0.75, width, tilt=0.15)]
    heads = [box((float(x), 0.31, 1.25), (width - 0.14, 0.12, 0.18)) for x in xs]
    arms = [box((float(x), 0.02, 0.62), (0.05, 0.45, 0.05)) for x in (-1.5 * width, -0.5 * width,
                                                                       0.5 * width, 1.5 * width)]
    base = box((0, 0.05, 0.18), (3 * width - 0.1, 0.4, 0.36))
    return PropModel("airplane_seat", "Passenger Seats",
                     [Piece("", merge(parts + heads), "upholstery"),
                      Piece("Frame", merge(arms + [base]), "dark_metal")])


def cell_bars(rng: np.random.Generator, width: float = 3.0, height: float = 2.6) -> PropModel:
    """A cell front: vertical bars 12 cm apart between a top and bottom rail, a door."""
    bars = [tube((float(x), 0, 0.05), (float(x), 0, height - 0.05), 0.013, 6)
            for x in np.arange(-width / 2 + 0.06, width / 2, 0.12)]
    rails = [box((0, 0, z), (width, 0.06, 0.06)) for z in (0.03, 1.1, height - 0.03)]
    return PropModel("cell_bars", "Cell Bars", [Piece("", merge(bars + rails), "dark_metal")],
                     [hull_of(bars + rails)])


def barber_chair(rng: np.random.Generator) -> PropModel:
    """A reclining barber's (or tattooist's) chair on a chrome pedestal: padded seat,
    back and headrest, arms, a footrest."""
    pad = _seat(0.0, 0.0, 0.62, 0.7, 0.62, tilt=0.3)
    head = transformed(box((0, 0, 0), (0.3, 0.1, 0.18)), 0.0, (0, 0.5, 1.38), pitch=-0.3)
    arms = [box((sx * 0.33, 0.02, 0.78), (0.08, 0.5, 0.07)) for sx in (-1, 1)]
    pedestal = lathe([(0.3, 0.0), (0.3, 0.04), (0.08, 0.08), (0.08, 0.5), (0.2, 0.56)], 20)
    foot = box((0, -0.42, 0.22), (0.4, 0.12, 0.04))
    return PropModel("barber_chair", "Barber Chair", [Piece("", merge(pad + [head]), "leather"),
                                                      Piece("Frame", merge(arms + [pedestal, foot]), "chrome")])


def boxing_ring(rng: np.random.Generator, size: float = 6.0) -> PropModel:
    """A raised canvas ring: a 1 m platform with an apron, four padded corner posts,
    three ropes a side."""
    h, half = 1.0, size / 2
    deck = box((0, 0, h / 2), (size + 0.6, size + 0.6, h))
    posts = [tube((sx * half, sy * half, h), (sx * half, sy * half, h + 1.45), 0.07, 10)
             for sx in (-1, 1) for sy in (-1, 1)]
    ropes = []
    for z in (h + 0.45, h + 0.85, h + 1.25):
        c = [(-half, -half), (half, -half), (half, half), (-half, half)]
        ropes += [tube((x0, y0, z), (x1, y1, z), 0.025, 6) for (x0, y0), (x1, y1) in zip(c, c[1:] + c[:1])]
    return PropModel("boxing_ring", "Boxing Ring", [Piece("", deck, "canvas"),
                                                    Piece("Posts", merge(posts), "red_paint"),
                                                    Piece("Ropes", merge(ropes), "white_paint")],
                     [hull_of([deck])] + _hulls(*posts))


def treadmill(rng: np.random.Generator) -> PropModel:
    """A treadmill facing -Y: a belt deck, two uprights with handrails, a console."""
    deck = box((0, 0.1, 0.12), (0.8, 1.8, 0.24))
    belt = box((0, 0.1, 0.245), (0.55, 1.6, 0.01))
    uprights = [box((sx * 0.38, -0.7, 0.7), (0.06, 0.08, 1.0)) for sx in (-1, 1)]
    rails = [box((sx * 0.38, -0.45, 1.15), (0.05, 0.55, 0.05)) for sx in (-1, 1)]
    console = transformed(box((0, 0, 0), (0.7, 0.3, 0.06)), 0.0, (0, -0.75, 1.3), pitch=0.6)
    return PropModel("treadmill", "Treadmill", [Piece("", merge([deck] + uprights + rails), "dark_metal"),
                                                Piece("Belt", belt, "rubber"),
                                                Piece("Console", console, "screen")])


def conveyor(rng: np.random.Generator, length: float = 6.0) -> PropModel:
    """A belt conveyor along Y: a belt on rollers between side rails, on leg frames."""
    belt = box((0, 0, 0.78), (0.8, length, 0.04))
    rails = [box((sx * 0.45, 0, 0.8), (0.06, length, 0.14)) for sx in (-1, 1)]
    rollers = [tube((-0.42, float(y), 0.74), (0.42, float(y), 0.74), 0.04, 8)
               for y in np.arange(-length / 2 + 0.3, length / 2, 0.6)]
    legs = [box((sx * 0.42, float(y), 0.36), (0.06, 0.06, 0.72)) for sx in (-1, 1)
            for y in np.arange(-length / 2 + 0.4, length / 2, 1.6)]
    return PropModel("conveyor", "Conveyor", [Piece("", belt, "rubber"),
                                              Piece("Frame", merge(rails + legs + rollers), "metal")])


def anvil(rng: np.random.Generator) -> PropModel:
    """A smith's anvil on its wooden stump: face, horn, waist and feet."""
    stump = lathe([(0.25, 0.0), (0.24, 0.5), (0.0, 0.5)], 16)
    body = box((0.0, 0, 0.62), (0.36, 0.14, 0.12))
    face = box((0.02, 0, 0.74), (0.42, 0.12, 0.06))
    horn = tube((-0.19, 0, 0.74), (-0.43, 0, 0.76), 0.055, 10, r1=0.008)
    return PropModel("anvil", "Anvil", [Piece("", merge([body, face, horn]), "dark_metal"),
                                        Piece("Stump", stump, "wood")])


def turnstile(rng: np.random.Generator) -> PropModel:
    """A waist-high ticket gate: a cabinet with a reader and three arms."""
    cab = box((0, 0, 0.5), (0.25, 1.0, 1.0))
    reader = box((0, -0.35, 1.02), (0.18, 0.2, 0.04))
    arms = [transformed(box((0.3, 0, 0), (0.6, 0.03, 0.03)), float(a), (0.12, 0.1, 0.85))
            for a in (0.0, 2.1, 4.2)]
    return PropModel("turnstile", "Turnstile", [Piece("", cab, "metal"),
                                                Piece("Reader", reader, "screen_glow"),
                                                Piece("Arms", merge(arms), "metal")])


def ship_wheel(rng: np.random.Generator, radius: float = 0.45) -> PropModel:
    """A ship's wheel on its pedestal, facing -Y: rim, hub, eight spokes with handles."""
    hub_z = 1.05
    a = np.linspace(0, 2 * np.pi, 8, endpoint=False)
    ring = [(radius * np.cos(t), radius * np.sin(t)) for t in np.linspace(0, 2 * np.pi, 24, endpoint=False)]
    rim = [tube((x0, 0, hub_z + z0), (x1, 0, hub_z + z1), 0.025, 6)
           for (x0, z0), (x1, z1) in zip(ring, ring[1:] + ring[:1])]
    spokes = [tube((0, 0, hub_z), ((radius + 0.15) * np.cos(t), 0, hub_z + (radius + 0.15) * np.sin(t)), 0.018, 6)
              for t in a]
    post = box((0, 0.12, hub_z / 2), (0.22, 0.22, hub_z))
    return PropModel("ship_wheel", "Ship Wheel", [Piece("", merge(rim + spokes), "wood"),
                                                  Piece("Pedestal", post, "brass")])

STRUCTURES: dict[str, Builder] = {
    "fuel_pump": fuel_pump, "pump_island": pump_island, "fuel_canopy": fuel_canopy,
    "kiosk": kiosk, "house": house, "cottage": cottage, "shed": shed, "barn": barn,
    "lighthouse": lighthouse, "tower": tower, "water_tower": water_tower, "windmill": windmill,
    "pier": pier, "fishing_boat": fishing_boat, "rowboat": rowboat, "bridge": bridge,
    "market_stall": market_stall, "fence": fence, "stone_wall": wall_run, "gate": gate,
    "stage": stage, "bleachers": bleachers, "basketball_hoop": basketball_hoop, "goal": goal,
    "tent": tent, "bonfire": bonfire, "torch": torch, "well": well, "fountain": fountain,
    "statue": statue, "gravestone": gravestone, "hay_bale": haystack, "bus_shelter": bus_shelter,
    "reeds": reeds, "corn": corn, "dead_tree": dead_tree, "console": console,
    "holo_screen": holo_screen, "pool": pool, "bowling_lanes": bowling_lanes,
    "ferris_wheel": ferris_wheel, "caravan": caravan, "seat_row": seat_row,
    "airplane_seat": airplane_seat, "cell_bars": cell_bars, "barber_chair": barber_chair,
    "boxing_ring": boxing_ring, "treadmill": treadmill, "conveyor": conveyor, "anvil": anvil,
    "turnstile": turnstile, "ship_wheel": ship_wheel,
}
