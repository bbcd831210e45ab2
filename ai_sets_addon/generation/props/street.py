"""Street furniture and stage equipment: lamp posts, benches, bollards, bins, neon
signs, parasols, a lifeguard hut, softboxes on stands, apple boxes, an armchair."""

from __future__ import annotations

import numpy as np

from . import trees
from .model import LightSocket, Piece, PropModel, hull_of
from ..mesh import (blob, box, box_mesh, lathe, merge, polyline_tube, quad_strip,
                     transformed, translated, tube)


def lamp_post(rng: np.random.Generator, height: float = 5.5, reach: float = 1.1) -> PropModel:
    """A modern street light: tapered pole, an arm over the road (+X), a flat LED head."""
    pole = lathe([(0.12, 0.0), (0.12, 0.5), (0.085, 0.55), (0.06, height)], 14)
    arm = tube((0.0, 0.0, height - 0.15), (reach, 0.0, height + 0.12), 0.04, 8)
    head = box((reach + 0.2, 0.0, height + 0.14), (0.62, 0.26, 0.1))
    lens = box((reach + 0.2, 0.0, height + 0.08), (0.5, 0.18, 0.02))
    pieces = [Piece("", merge([pole, arm, head]), "dark_metal", True),
              Piece("Lens", lens, "lamp")]
    socket = LightSocket((reach + 0.2, 0.0, height + 0.04), "SPOT", (0, 0, -1), 900.0, 0.25,
                         spot_angle_deg=130.0)
    hulls = [hull_of([pole]), hull_of([arm, head, lens])]
    return PropModel("lamp_post", "Street Lamp", pieces, hulls, [socket])


def heritage_lamp(rng: np.random.Generator, height: float = 3.6) -> PropModel:
    """A cast-iron lantern post (old towns, alleys, quays): the lamp sits on top."""
    pole = lathe([(0.16, 0.0), (0.16, 0.25), (0.1, 0.35), (0.07, 0.9), (0.05, height - 0.5),
                  (0.08, height - 0.45), (0.08, height - 0.4)], 14)
    glass = lathe([(0.12, height - 0.4), (0.2, height - 0.05), (0.2, height)], 8, False, False)
    cap = lathe([(0.24, height), (0.06, height + 0.25), (0.0, height + 0.32)], 8, True, False)
    pieces = [Piece("", merge([pole, cap]), "dark_metal", True), Piece("Lantern", glass, "lamp")]
    socket = LightSocket((0.0, 0.0, height - 0.2), "POINT", power_w=140.0, size_m=0.12)
    return PropModel("heritage_lamp", "Lantern Post", pieces, sockets=[socket])


def wall_lamp(rng: np.random.Generator) -> PropModel:
    """A caged bulkhead lamp over a back door; it faces -Y (mount it on a +Y wall)."""
    plate = box((0, -0.02, 0), (0.2, 0.04, 0.28))
    dome = transformed(lathe([(0.09, 0.0), (0.09, 0.08), (0.0, 0.12)], 12, True, False),
                       0.0, (0, -0.04, 0), pitch=np.pi / 2)
    socket = LightSocket((0.0, -0.25, -0.05), "POINT", power_w=60.0, size_m=0.05)
    return PropModel("wall_lamp", "Wall Lamp", [Piece("", plate, "dark_metal"),
                                                Piece("Glass", dome, "lamp", True)],
                     sockets=[socket])


def bench(rng: np.random.Generator, length: float = 1.8) -> PropModel:
    """A park bench: timber slats on two cast frames (seat 450 mm, back to 850 mm)."""
    hx = length / 2
    slats = [box_mesh((-hx, y, 0.42), (hx, y + 0.08, 0.45)) for y in np.linspace(-0.25, 0.1, 4)]
    back = [transformed(box_mesh((-hx, -0.015, 0), (hx, 0.015, 0.09)), 0.0, (0, 0.24, z), -0.22)
            for z in (0.52, 0.64, 0.76)]
    frames = []
    for x in (-hx + 0.15, hx - 0.15):
        frames += [box_mesh((x - 0.03, -0.27, 0), (x + 0.03, -0.22, 0.42)),
                   box_mesh((x - 0.03, 0.17, 0), (x + 0.03, 0.22, 0.42)),
                   box_mesh((x - 0.03, -0.28, 0.37), (x + 0.03, 0.22, 0.42)),
                   transformed(box_mesh((-0.03, -0.025, 0), (0.03, 0.025, 0.45)), 0.0,
                               (x, 0.22, 0.42), -0.22)]
    return PropModel("bench", "Bench", [Piece("Slats", merge(slats + back), "wood"),
                                        Piece("Frame", merge(frames), "dark_metal")])


def bollard(rng: np.random.Generator) -> PropModel:
    prof = [(0.09, 0.0), (0.09, 0.8), (0.07, 0.88), (0.0, 0.92)]
    return PropModel("bollard", "Bollard", [Piece("", lathe(prof, 14, cap_top=False),
                                                  "dark_metal", True)])


def street_bin(rng: np.random.Generator) -> PropModel:
    prof = [(0.24, 0.0), (0.27, 0.05), (0.27, 0.85), (0.29, 0.88), (0.29, 0.95), (0.0, 1.0)]
    return PropModel("bin", "Litter Bin", [Piece("", lathe(prof, 16, cap_top=False), "bin", True)])


# --------------------------------------------------------------------------- neon signs

_STROKES = {   # a tiny stroke font on a 0..1 x 0..1 cell (x right, y up)
    "A": [[(0, 0), (0.5, 1), (1, 0)], [(0.25, 0.5), (0.75, 0.5)]],
    "B": [[(0, 0), (0, 1), (0.75, 1), (0.9, 0.8), (0.75, 0.55), (0, 0.55)],
          [(0.75, 0.55), (1, 0.3), (0.8, 0), (0, 0)]],
    "C": [[(1, 0.9), (0.7, 1), (0.2, 1), (0, 0.7), (0, 0.3), (0.2, 0), (0.7, 0), (1, 0.1)]],
    "E": [[(1, 1), (0, 1), (0, 0), (1, 0)], [(0, 0.5), (0.7, 0.5)]],
    "F": [[(1, 1), (0, 1), (0, 0)], [(0, 0.5), (0.7, 0.5)]],
    "H": [[(0, 0), (0, 1)], [(1, 0), (1, 1)], [(0, 0.5), (1, 0.5)]],
    "L": [[(0, 1), (0, 0), (1, 0)]],
    "N": [[(0, 0), (0, 1), (1, 0), (1, 1)]],
    "O": [[(0.2, 0), (0, 0.3), (0, 0.7), (0.2, 1), (0.8, 1), (1, 0.7), (1, 0.3), (0.8, 0), (0.2, 0)]],
    "P": [[(0, 0), (0, 1), (0.8, 1), (1, 0.8), (1, 0.6), (0.8, 0.45), (0, 0.45)]],
    "R": [[(0, 0), (0, 1), (0.8, 1), (1, 0.8), (1, 0.65), (0.8, 0.5), (0, 0.5)],
          [(0.5, 0.5), (1, 0)]],
    "T": [[(0, 1), (1, 1)], [(0.5, 1), (0.5, 0)]],
    "I": [[(0.5, 0), (0.5, 1)]],
    "D": [[(0, 0), (0, 1), (0.6, 1), (1, 0.7), (1, 0.3), (0.6, 0), (0, 0)]],
    "G": [[(1, 0.85), (0.75, 1), (0.25, 1), (0, 0.7), (0, 0.3), (0.25, 0), (0.75, 0), (1, 0.3),
           (1, 0.5), (0.6, 0.5)]],
    "M": [[(0, 0), (0, 1), (0.5, 0.45), (1, 1), (1, 0)]],
    "S": [[(1, 0.9), (0.8, 1), (0.2, 1), (0, 0.8), (0.2, 0.55), (0.8, 0.45), (1, 0.2),
           (0.8, 0), (0.2, 0), (0, 0.1)]],
    "U": [[(0, 1), (0, 0.2), (0.2, 0), (0.8, 0), (1, 0.2), (1, 1)]],
    "V": [[(0, 1), (0.5, 0), (1, 1)]],
    "K": [[(0, 0), (0, 1)], [(1, 1), (0, 0.45), (1, 0)]],
    "2": [[(0, 0.8), (0.2, 1), (0.8, 1), (1, 0.8), (1, 0.6), (0, 0), (1, 0)]],
    "4": [[(0.8, 0), (0.8, 1), (0, 0.35), (1, 0.35)]],
}
SIGN_WORDS = ("BAR", "HOTEL", "OPEN", "CAFE", "24H", "NOODLES", "CLUB", "DELI", "TATTOO")


def sign_words(rng: np.random.Generator, words: tuple[str, ...], count: int) -> list[str]:
    """`count` sign words for signs in a row: shuffled decks of the distinct words, so
    a word comes back only after the others and never twice side by side."""
    deck = list(dict.fromkeys(words)) or ["BAR"]
    out: list[str] = []
    while len(out) < count:
        order = [deck[i] for i in rng.permutation(len(deck))]
        if out and len(order) > 1 and order[0] == out[-1]:
            order[0], order[-1] = order[-1], order[0]
        out += order
    return out[:count]


SIGN_BOARDS = ("panel", "open", "framed")


def neon_sign(rng: np.random.Generator, word: str, colour: str, letter_h: float = 0.45,
              board: str = "panel") -> PropModel:
    """Glass tubes bent into letters, facing -Y (mount on a +Y wall or a blade bracket);
    a soft area light in front does the lighting. `board` is how the letters are held,
    so neighbouring signs differ in shape as in a real street: "panel" a dark backboard,
    "open" bare letters on a thin metal raceway, "framed" a backboard edged by a tube of
    the same colour with cut corners."""
    word = "".join(c for c in word.upper() if c in _STROKES) or "BAR"
    w = letter_h * 0.62
    pitch = w + letter_h * 0.3
    width = pitch * len(word) - letter_h * 0.3
    tubes = []
    for k, char in enumerate(word):
        x0 = -width / 2 + k * pitch
        for stroke in _STROKES[char]:
            pts = [(x0 + u * w, -0.07, 0.12 + v * letter_h) for u, v in stroke]
            tubes.append(polyline_tube(pts, 0.011, 6))
    x0, x1, top = -width / 2 - 0.12, width / 2 + 0.12, letter_h + 0.24
    if board == "open":          # a 6 x 12 cm raceway (the transformers' box) behind
        mid = 0.12 + letter_h / 2
        held = box_mesh((-width / 2, -0.055, mid - 0.06), (width / 2, 0.0, mid + 0.06))
    else:
        held = box_mesh((x0, -0.04, 0.0), (x1, 0.0, top))
    if board == "framed":
        c, y = 0.06, -0.06
        tubes.append(polyline_tube([(x0 + c, y, 0.02), (x1 - c, y, 0.02), (x1 - 0.02, y, c),
                                    (x1 - 0.02, y, top - c), (x1 - c, y, top - 0.02),
                                    (x0 + c, y, top - 0.02), (x0 + 0.02, y, top - c),
                                    (x0 + 0.02, y, c), (x0 + c, y, 0.02)], 0.011, 6))
    socket = LightSocket((0.0, -0.45, 0.12 + letter_h / 2), "AREA", (0, -1, 0), 45.0 * len(word),
                         width + 0.2, letter_h + 0.2, colour=colour)
    return PropModel(f"neon_{word.lower()}_{colour}_{board}", f"Neon Sign {word} ({colour}, {board})",
                     [Piece("Board", held, "sign_board" if board != "open" else "dark_metal"),
                      Piece("Tubes", merge(tubes), f"neon_{colour}", True)], sockets=[socket])


# Katakana and a few kanji as strokes on a 0..1 cell (u right, v up), written for
# vertical signs (the long vowel mark ー stands upright in tategaki).
_KANA: dict[str, list[list[tuple[float, float]]]] = {
    "ラ": [[(0.22, 0.9), (0.78, 0.9)], [(0.15, 0.64), (0.85, 0.64), (0.74, 0.3), (0.38, 0.04)]],
    "ー": [[(0.5, 0.92), (0.5, 0.08)]],
    "メ": [[(0.8, 0.92), (0.55, 0.45), (0.15, 0.06)], [(0.3, 0.62), (0.85, 0.18)]],
    "ン": [[(0.18, 0.82), (0.36, 0.66)], [(0.14, 0.12), (0.5, 0.3), (0.86, 0.86)]],
    "カ": [[(0.14, 0.7), (0.84, 0.7), (0.8, 0.1), (0.64, 0.16)], [(0.48, 0.95), (0.44, 0.42),
                                                                  (0.18, 0.05)]],
    "オ": [[(0.1, 0.7), (0.9, 0.7)], [(0.62, 0.95), (0.62, 0.05), (0.5, 0.1)],
           [(0.56, 0.64), (0.14, 0.18)]],
    "ケ": [[(0.36, 0.95), (0.1, 0.52)], [(0.26, 0.72), (0.9, 0.72)],
           [(0.62, 0.72), (0.56, 0.34), (0.3, 0.04)]],
    "ホ": [[(0.14, 0.72), (0.86, 0.72)], [(0.5, 0.95), (0.5, 0.05), (0.4, 0.1)],
           [(0.3, 0.5), (0.12, 0.2)], [(0.7, 0.5), (0.88, 0.2)]],
    "テ": [[(0.24, 0.9), (0.76, 0.9)], [(0.1, 0.64), (0.9, 0.64)],
           [(0.5, 0.64), (0.46, 0.3), (0.24, 0.04)]],
    "ル": [[(0.32, 0.9), (0.32, 0.42), (0.1, 0.05)], [(0.6, 0.9), (0.6, 0.1), (0.9, 0.36)]],
    "バ": [[(0.34, 0.66), (0.1, 0.18)], [(0.58, 0.66), (0.9, 0.18)],
           [(0.72, 0.95), (0.78, 0.84)], [(0.86, 0.95), (0.92, 0.84)]],
    "日": [[(0.2, 0.05), (0.2, 0.95), (0.8, 0.95), (0.8, 0.05), (0.2, 0.05)],
           [(0.2, 0.5), (0.8, 0.5)]],
    "本": [[(0.08, 0.72), (0.92, 0.72)], [(0.5, 0.95), (0.5, 0.04)], [(0.48, 0.7), (0.1, 0.22)],
           [(0.52, 0.7), (0.9, 0.22)], [(0.3, 0.26), (0.7, 0.26)]],
    "中": [[(0.14, 0.26), (0.14, 0.76), (0.86, 0.76), (0.86, 0.26), (0.14, 0.26)],
           [(0.5, 0.96), (0.5, 0.04)]],
    "円": [[(0.14, 0.04), (0.14, 0.92), (0.86, 0.92), (0.86, 0.04), (0.74, 0.1)],
           [(0.5, 0.92), (0.5, 0.46)], [(0.14, 0.46), (0.86, 0.46)]],
}
# What a shop's vertical sign says, in katakana (a made-up kanji shop name fills the
# cells above it).
TATEGAKI = {"RAMEN": "ラーメン", "KARAOKE": "カラオケ", "BAR": "バー", "HOTEL": "ホテル",
            "IZAKAYA": "本日", "NOODLES": "ラーメン"}

# The shapes kanji are built of, on a unit box: 口, 十, 三, 八, 日, 木.
_PARTS: dict[str, list[list[tuple[float, float]]]] = {
    "box": [[(0.15, 0.12), (0.15, 0.88), (0.85, 0.88), (0.85, 0.12), (0.15, 0.12)]],
    "cross": [[(0.05, 0.62), (0.95, 0.62)], [(0.5, 0.96), (0.5, 0.04)]],
    "bars": [[(0.2, 0.88), (0.8, 0.88)], [(0.3, 0.5), (0.7, 0.5)], [(0.06, 0.1), (0.94, 0.1)]],
    "legs": [[(0.45, 0.92), (0.1, 0.08)], [(0.55, 0.62), (0.9, 0.08)]],
    "sun": [[(0.18, 0.06), (0.18, 0.94), (0.82, 0.94), (0.82, 0.06), (0.18, 0.06)],
            [(0.18, 0.5), (0.82, 0.5)]],
    "tree": [[(0.06, 0.66), (0.94, 0.66)], [(0.5, 0.96), (0.5, 0.04)],
             [(0.48, 0.64), (0.1, 0.16)], [(0.52, 0.64), (0.9, 0.16)]],
}
_LAYOUTS = {"side": [(0.0, 0.0, 0.36, 1.0), (0.44, 0.0, 1.0, 1.0)],       # 偏 + 旁
            "stack": [(0.0, 0.56, 1.0, 1.0), (0.0, 0.0, 1.0, 0.48)],       # 冠 over 脚
            "whole": [(0.0, 0.0, 1.0, 1.0)]}


def _kanji_like(rng: np.random.Generator) -> list[list[tuple[float, float]]]:
    """A made-up kanji: a radical beside (or over) a body, each one of the shapes
    kanji are built of, so a sign reads as Japanese without saying anything."""
    layout = _LAYOUTS[("side", "side", "stack", "whole")[int(rng.integers(0, 4))]]
    names = sorted(_PARTS)
    strokes = []
    for u0, v0, u1, v1 in layout:
        for stroke in _PARTS[names[int(rng.integers(0, len(names)))]]:
            strokes.append([(u0 + (u1 - u0) * u, v0 + (v1 - v0) * v) for u, v in stroke])
    return strokes


def _ribbon(points: np.ndarray, half_w: float) -> tuple[np.ndarray, np.ndarray]:
    """Left and right edges (2D) of a stroke of half width `half_w`, mitred at bends."""
    seg = np.diff(points, axis=0)
    seg /= np.maximum(np.linalg.norm(seg, axis=1), 1e-9)[:, None]
    tangent = np.vstack([seg[:1], seg[:-1] + seg[1:], seg[-1:]])
    tangent /= np.maximum(np.linalg.norm(tangent, axis=1), 1e-9)[:, None]
    normal = np.column_stack([-tangent[:, 1], tangent[:, 0]])
    seg_n = np.column_stack([-np.vstack([seg[:1], seg])[:, 1], np.vstack([seg[:1], seg])[:, 0]])
    mitre = 1.0 / np.clip(np.einsum("ij,ij->i", normal, seg_n), 0.5, 1.0)
    offset = normal * (half_w * mitre)[:, None]
    return points + offset, points - offset


def _glyph_mesh(strokes, x0: float, z0: float, size: float, y: float, facing: float):
    """A glyph's strokes as flat ribbons in the plane y, readable from `facing` (-1:
    seen from -Y, +1: from +Y, mirrored so it is not back to front)."""
    meshes = []
    for stroke in strokes:
        uv = np.asarray(stroke, float)
        left, right = _ribbon(uv, 0.055)
        lift = [np.column_stack([x0 + (e[:, 0] - 0.5) * size * -facing, np.full(len(e), y),
                                 z0 + e[:, 1] * size]) for e in (left, right)]
        mesh = quad_strip(*lift)
        if np.mean(mesh.face_normals[:, 1]) * facing < 0:
            mesh.faces = mesh.faces[:, ::-1]
        meshes.append(mesh)
    return meshes


def vertical_sign(rng: np.random.Generator, colour: str, cells: int = 5,
                  word: str | None = None) -> PropModel:
    """A Japanese vertical lightbox (tategaki): a tall glowing panel with dark glyphs
    stacked top to bottom, katakana for what the shop is (ラーメン, カラオケ, バー...)
    under made-up kanji for its name; readable from both sides (a blade sign)."""
    cell, w, t = 0.42, 0.5, 0.1
    height = cells * cell + 0.16
    panel = box((0, 0, height / 2), (w, t, height))
    fitting = [k for k in TATEGAKI.values() if len(k) <= cells] or [""]
    kana = TATEGAKI.get((word or "").upper()) or fitting[int(rng.integers(0, len(fitting)))]
    text = [None] * (cells - len(kana)) + list(kana[:cells])      # top to bottom
    glyphs = [_KANA.get(c) if c else _kanji_like(rng) for c in text]
    strokes = []
    for k, glyph in enumerate(glyphs):
        z0 = height - 0.08 - (k + 1) * cell + 0.05
        for side in (-1, 1):
            strokes += _glyph_mesh(glyph, 0.0, z0, cell - 0.1, side * (t / 2 + 0.003), side)
    socket = LightSocket((0.0, -0.5, height / 2), "AREA", (0, -1, 0), 40.0 * cells, w, height,
                         colour=colour)
    return PropModel(f"neon_vertical_{colour}", f"Vertical Sign ({colour})",
                     [Piece("Panel", panel, f"neon_{colour}"),
                      Piece("Characters", merge(strokes), "sign_board")], sockets=[socket])


# --------------------------------------------------------------------------- beach, stage

def parasol(rng: np.random.Generator) -> PropModel:
    pole = tube((0, 0, 0), (0, 0, 2.3), 0.025, 8)
    base = lathe([(0.25, 0), (0.25, 0.06), (0.05, 0.1)], 12, True, False)
    canopy = lathe([(1.1, 1.85), (0.55, 2.2), (0.02, 2.35)], 16, False, False)
    return PropModel("parasol", "Parasol", [Piece("Pole", merge([pole, base]), "metal", True),
                                            Piece("Canopy", canopy, "canvas", True)])


def lifeguard_tower(rng: np.random.Generator) -> PropModel:
    """A lifeguard hut on stilts: deck at 2 m, a cabin with a window band, a ramp."""
    legs = [box((x, y, 1.0), (0.18, 0.18, 2.0)) for x in (-1.2, 1.2) for y in (-1.2, 1.2)]
    braces = [tube((x, -1.2, 0.2), (x, 1.2, 1.8), 0.04, 6) for x in (-1.2, 1.2)]
    deck = [box((0, 0, 2.05), (3.2, 3.2, 0.1))]
    ramp = [transformed(box_mesh((-0.5, 0, -0.04), (0.5, 4.2, 0.04)), 0.0, (0, -5.4, 0.05),
                        np.arctan2(2.0, 3.9))]
    rail = [tube((sx * 1.55, y0, 2.1), (sx * 1.55, y0, 3.1), 0.03, 6)
            for sx in (-1, 1) for y0 in (-1.55, 1.55)]
    cabin = [box((0, 0.35, 3.05), (2.2, 2.0, 1.9))]
    roof = [transformed(box_mesh((-1.4, -1.3, 0), (1.4, 1.3, 0.1)), 0.0, (0, 0.35, 4.05), 0.12)]
    window = box((0, -0.67, 3.35), (1.9, 0.04, 0.55))
    pieces = [Piece("Stilts", merge(legs + braces + deck + ramp + rail), "wood"),
              Piece("Cabin", merge(cabin), "cabin"), Piece("Roof", merge(roof), "roof_paint"),
              Piece("Window", window, "glass")]
    hulls = [hull_of(legs + braces + deck + rail + [window] + cabin + roof), hull_of(ramp)]
    return PropModel("lifeguard_tower", "Lifeguard Tower", pieces, hulls)


def softbox(rng: np.random.Generator, facing_yaw: float = 0.0, height: float = 2.2,
            power_w: float = 600.0) -> PropModel:
    """A 1.2 x 0.9 m softbox on a C-stand; it faces +X in its own frame."""
    legs = [tube((0, 0, 0.6), (0.55 * np.cos(a), 0.55 * np.sin(a), 0.0), 0.015, 6)
            for a in np.linspace(0, 2 * np.pi, 3, endpoint=False) + 0.5]
    column = [tube((0, 0, 0), (0, 0, height), 0.02, 8)]
    head = box((0.15, 0, height), (0.35, 1.2, 0.9))
    face = box((0.335, 0, height), (0.01, 1.14, 0.84))
    socket = LightSocket((0.36, 0.0, height), "AREA", (1, 0, 0), power_w, 1.14, 0.84,
                         colour="white")
    return PropModel("softbox", "Softbox", [Piece("Stand", merge(legs + column), "dark_metal", True),
                                            Piece("Box", head, "sign_board"),
                                            Piece("Diffuser", face, "diffuser")],
                     hulls=[hull_of(legs + column), hull_of([head, face])], sockets=[socket])


def apple_boxes(rng: np.random.Generator) -> PropModel:
    """Full, half and quarter apple boxes (20 x 12 x 8, 4 and 2 inches), stacked."""
    sizes = [(0.508, 0.305, 0.203), (0.508, 0.305, 0.102), (0.508, 0.305, 0.051)]
    parts, z = [], 0.0
    for k, (lx, ly, lz) in enumerate(sizes):
        yaw = rng.uniform(-0.2, 0.2) if k else 0.0
        parts.append(transformed(box_mesh((-lx / 2, -ly / 2, 0), (lx / 2, ly / 2, lz)), yaw, (0, 0, z)))
        z += lz + 0.001
    return PropModel("apple_boxes", "Apple Boxes", [Piece("", merge(parts), "wood")])


def armchair(rng: np.random.Generator) -> PropModel:
    """A mid-century lounge chair: upholstered shell on tapered timber legs."""
    legs = [tube((x * 0.3, y * 0.28, 0.0), (x * 0.27, y * 0.25, 0.2), 0.02, 8, r1=0.028)
            for x in (-1, 1) for y in (-1, 1)]
    seat = box((0, 0.02, 0.28), (0.76, 0.66, 0.16))
    back = transformed(box_mesh((-0.38, -0.06, 0), (0.38, 0.06, 0.55)), 0.0, (0, 0.33, 0.28), -0.25)
    arms = [box((x * 0.36, 0.02, 0.45), (0.08, 0.62, 0.3)) for x in (-1, 1)]
    cushion = box((0, -0.02, 0.38), (0.62, 0.56, 0.08))
    return PropModel("armchair", "Armchair", [Piece("Legs", merge(legs), "wood", True),
                                              Piece("Upholstery", merge([seat, back, cushion] + arms),
                                                    "upholstery")])


def vending_machine(rng: np.random.Generator) -> PropModel:
    """A Japanese drinks vending machine (1.0 x 0.75 x 1.83 m): a lit display of cans
    behind glass over the coin panel, facing -Y; it glows day and night."""
    body = box((0, 0, 0.915), (1.0, 0.75, 1.83))
    display = box((-0.1, -0.376, 1.25), (0.72, 0.01, 0.9))
    panel = box((0.36, -0.38, 0.9), (0.18, 0.02, 0.5))
    socket = LightSocket((-0.1, -0.6, 1.25), "AREA", (0, -1, 0), 25.0, 0.7, 0.9)
    return PropModel("vending_machine", "Vending Machine",
                     [Piece("", merge([body, panel]), "machine"),
                      Piece("Display", display, "diffuser")], sockets=[socket])


def planter(rng: np.random.Generator) -> PropModel:
    """A terracotta pot with a leafy plant (cyc dressing, rooftops, interiors)."""
    pot = lathe([(0.16, 0.0), (0.22, 0.4), (0.24, 0.42), (0.24, 0.46), (0.0, 0.44)], 16, True, False)
    plant = trees.grow(rng, trees.POTTED, 0.9)          # stems and alpha leaf cards, not a blob
    stems = translated(trees.bark_mesh(plant), (0.0, 0.0, 0.4))
    leaves = translated(trees.leaf_cards(rng, plant, trees.POTTED), (0.0, 0.0, 0.4))
    return PropModel("planter", "Potted Plant", [Piece("Pot", pot, "terracotta", True),
                                                 Piece("Stems", stems, "bark", True),
                                                 Piece("Leaves", leaves, "leaves", True)])


def awning(width: float, depth: float = 1.2, drop: float = 0.45) -> PropModel:
    """A shopfront awning sloping out from the wall (-Y), canvas with a valance."""
    xs = np.array([-width / 2, width / 2])
    left = np.array([[xs[0], 0.0, 0.0], [xs[0], -depth, -drop]])
    right = np.array([[xs[1], 0.0, 0.0], [xs[1], -depth, -drop]])
    cloth = quad_strip(left, right)
    valance = box((0, -depth, -drop - 0.12), (width, 0.01, 0.24))
    return PropModel("awning", "Awning", [Piece("", merge([cloth, valance]), "canvas")])


def poster_frame(rng: np.random.Generator, width: float = 3.0, height: float = 2.0) -> PropModel:
    """A backlit advertising frame (metro walls, bus shelters), facing -Y."""
    frame = box((0, -0.06, height / 2), (width + 0.12, 0.12, height + 0.12))
    face = box((0, -0.125, height / 2), (width - 0.04, 0.01, height - 0.04))
    socket = LightSocket((0.0, -0.6, height / 2), "AREA", (0, -1, 0), 12.0 * width * height,
                         width, height)
    return PropModel("poster", "Poster", [Piece("Frame", frame, "dark_metal"),
                                          Piece("Print", face, "poster")], sockets=[socket])


def bookcase(rng: np.random.Generator, width: float = 1.6, height: float = 2.0,
             depth: float = 0.35) -> PropModel:
    """A timber bookcase with five shelves of books of varied height and thickness."""
    hx, t = width / 2, 0.025
    shelves = 5
    frame = [box_mesh((-hx, -depth / 2, 0), (-hx + t, depth / 2, height)),
             box_mesh((hx - t, -depth / 2, 0), (hx, depth / 2, height)),
             box_mesh((-hx, depth / 2 - 0.01, 0), (hx, depth / 2, height))]
    books = []
    for k in range(shelves + 1):
        z = 0.06 + k * (height - 0.1) / shelves
        frame.append(box_mesh((-hx + t, -depth / 2, z - t), (hx - t, depth / 2 - 0.01, z)))
        if k == shelves:
            break
        x, gap = -hx + t + 0.02, (height - 0.1) / shelves - t - 0.03
        while x < hx - t - 0.08:
            w = rng.uniform(0.018, 0.05)
            h = gap * rng.uniform(0.6, 0.95)
            if rng.random() < 0.9:
                books.append(box_mesh((x, -depth / 2 + 0.03, z), (min(x + w, hx - t - 0.005), depth / 2 - 0.03, z + h)))
            x += w + 0.002
    return PropModel("bookcase", "Bookcase", [Piece("", merge(frame), "wood"),
                                              Piece("Books", merge(books), "books")])


def floor_lamp(rng: np.random.Generator) -> PropModel:
    """A standard lamp: weighted base, brass stem, a drum shade with a warm bulb."""
    base = lathe([(0.16, 0.0), (0.16, 0.02), (0.05, 0.05), (0.0, 0.05)], 16, True, False)
    stem = tube((0, 0, 0.05), (0, 0, 1.3), 0.012, 8)
    shade = lathe([(0.22, 1.25), (0.16, 1.55)], 20, cap_bottom=False, cap_top=False)
    bulb = translated(blob(rng, 0.04, (1, 1, 1.3), 0.0, 1), (0, 0, 1.36))
    socket = LightSocket((0.0, 0.0, 1.36), "POINT", power_w=60.0, size_m=0.05)
    return PropModel("floor_lamp", "Floor Lamp", [Piece("", merge([base, stem]), "dark_metal", True),
                                                  Piece("Shade", shade, "lampshade", True),
                                                  Piece("Bulb", bulb, "lamp", True)], sockets=[socket])
