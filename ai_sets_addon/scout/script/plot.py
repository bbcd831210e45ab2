"""The overhead plot of a scene: its set's floor plan drawn to scale, north up.

Walls in black, openings (windows blue, doors as gaps with a brown sill line),
furniture footprints in grey outlines, the navigable floor faintly tinted, each
figure's mark as a circle with a nose showing where it looks and its name, each camera
as a numbered body with its field-of-view cone, and a scale bar. `PlotScale` says
how metres map to pixels, so a 4 m wall is drawn 4 m long against the bar.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..sheets import _font
from .floor import FloorPlan, Mark

MARGIN_PX = 60
HEADER_PX = 96
MAX_SIDE_PX = 1400
CONE_M = 3.0
WINDOW_MARGIN_M, WINDOW_MIN_M = 2.5, 8.0
COLOURS = {"wall": (20, 20, 20), "window": (40, 120, 220), "door": (150, 90, 40),
           "furniture": (120, 120, 120), "floor": (238, 242, 236), "void": (255, 255, 255),
           "camera": (200, 40, 40), "cone": (230, 80, 80), "figure": (30, 110, 60),
           "blocked": (200, 196, 188)}


@dataclass(frozen=True)
class PlotScale:
    px_per_m: float
    x0: float                     # world x at the drawing's left edge (inside margins)
    y1: float                     # world y at the drawing's top edge (north up)
    offset: tuple[int, int]       # pixel of (x0, y1)

    def px(self, x: float, y: float) -> tuple[float, float]:
        return (self.offset[0] + (x - self.x0) * self.px_per_m,
                self.offset[1] + (self.y1 - y) * self.px_per_m)


@dataclass
class PlotCamera:
    number: str                   # "3A"
    x: float
    y: float
    pan_deg: float                # where it looks, degrees from +X (CCW)
    hfov_deg: float
    reach_m: float = CONE_M       # cone length: to what the camera frames


def scale_for(extent: tuple[float, float, float, float],
              max_side_px: int = MAX_SIDE_PX) -> PlotScale:
    x0, y0, x1, y1 = extent
    k = (max_side_px - 2 * MARGIN_PX) / max(x1 - x0, y1 - y0)
    return PlotScale(k, x0, y1, (MARGIN_PX, MARGIN_PX + HEADER_PX))


def view_window(plan: FloorPlan, marks: list[Mark], cams: list[PlotCamera],
                margin_m: float = WINDOW_MARGIN_M) -> tuple[float, float, float, float]:
    """What the plot shows: a room whole; outdoors, the action (marks, cameras and
    what they frame) with a margin, at least WINDOW_MIN_M a side."""
    if plan.interior or not (marks or cams):
        return plan.extent
    xs = [m.x for m in marks] + [c.x for c in cams]
    ys = [m.y for m in marks] + [c.y for c in cams]
    for c in cams:
        a = math.radians(c.pan_deg)
        xs.append(c.x + math.cos(a) * min(c.reach_m, 4.0))
        ys.append(c.y + math.sin(a) * min(c.reach_m, 4.0))
    box = [min(xs) - margin_m, min(ys) - margin_m, max(xs) + margin_m, max(ys) + margin_m]
    longest = max(box[2] - box[0], box[3] - box[1], WINDOW_MIN_M)
    for lo, hi in ((0, 2), (1, 3)):          # not thinner than 2:3, so it reads
        grow = max(0.0, max(WINDOW_MIN_M, 0.66 * longest) - (box[hi] - box[lo])) / 2
        box[lo], box[hi] = box[lo] - grow, box[hi] + grow
    ex = plan.extent
    return (max(box[0], ex[0]), max(box[1], ex[1]), min(box[2], ex[2]), min(box[3], ex[3]))


def bar_length_m(width_m: float) -> float:
    """A round scale-bar length about a fifth of the plan's width."""
    for value in (0.5, 1, 2, 5, 10, 20, 50, 100):
        if value >= width_m / 5:
            return float(value)
    return 100.0


def draw_plot(plan: FloorPlan, marks: list[Mark], cams: list[PlotCamera], title: str,
              path: Path, max_side_px: int = MAX_SIDE_PX) -> PlotScale:
    """Write the plot PNG at `path` (through a temporary name); returns its scale."""
    from PIL import Image, ImageDraw

    from ...core.fileio import atomic_path

    window = view_window(plan, marks, cams)
    page = scale_for(window, max_side_px)
    scale = PlotScale(page.px_per_m, page.x0, page.y1, (0, 0))    # on the map itself
    x0, y0, x1, y1 = window
    mw = int(round((x1 - x0) * scale.px_per_m))
    mh = int(round((y1 - y0) * scale.px_per_m))
    w, h = mw + 2 * MARGIN_PX, mh + 2 * MARGIN_PX + HEADER_PX + 40
    image = Image.new("RGB", (w, h), COLOURS["void"])
    plan_map = Image.new("RGB", (mw, mh), COLOURS["void"])
    _grid_layer(plan_map, plan, scale, window)
    draw = ImageDraw.Draw(plan_map)
    for fp in plan.footprints:
        pts = [scale.px(x, y) for x, y in fp.polygon]
        if len(pts) >= 3:
            draw.polygon(pts, fill=(215, 215, 215), outline=COLOURS["furniture"], width=2)
    for kind, seg in plan.openings:
        a, b = scale.px(*seg[0]), scale.px(*seg[1])
        draw.line([a, b], fill=COLOURS[kind], width=max(3, int(scale.px_per_m * 0.08)))
    labels: list[tuple[float, float]] = []
    for cam in cams:
        _camera(draw, scale, cam, labels)
    for mark in marks:
        _figure(draw, scale, mark)
    image.paste(plan_map, page.offset)               # what falls outside is cut
    draw = ImageDraw.Draw(image)
    draw.rectangle([page.offset[0] - 1, page.offset[1] - 1, page.offset[0] + mw,
                    page.offset[1] + mh], outline=(160, 160, 160))
    _header(draw, title, w)
    _scale_bar(draw, scale, x1 - x0, h)
    _north(draw, w)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        image.save(tmp, format="PNG", optimize=True)
    return page


def _grid_layer(image, plan: FloorPlan, scale: PlotScale, window) -> None:
    """Navigable floor tinted, walls solid, both resampled from the plan's grid (the
    window's cells only)."""
    from PIL import Image

    r0, c0 = plan.cell_of(window[0] + 1e-6, window[1] + 1e-6)
    r1, c1 = plan.cell_of(window[2] - 1e-6, window[3] - 1e-6)
    r0, c0 = max(r0, 0), max(c0, 0)
    r1, c1 = min(r1 + 1, plan.shape[0]), min(c1 + 1, plan.shape[1])
    ny, nx = r1 - r0, c1 - c0
    crop = (slice(r0, r1), slice(c0, c1))
    rgb = np.full((ny, nx, 3), COLOURS["void"], dtype=np.uint8)
    walls, blocked = plan.walls[crop], plan.blocked[crop]
    rgb[np.isfinite(plan.ground[crop])] = (248, 248, 246)
    rgb[plan.navigable[crop]] = COLOURS["floor"]
    rgb[blocked & ~walls] = COLOURS["blocked"]
    rgb[walls] = COLOURS["wall"]
    layer = Image.fromarray(rgb[::-1])             # row 0 is the south edge: flip
    size = (int(round(nx * plan.cell * scale.px_per_m)),
            int(round(ny * plan.cell * scale.px_per_m)))
    layer = layer.resize(size, Image.NEAREST)
    top = scale.px(plan.origin[0] + c0 * plan.cell, plan.origin[1] + r1 * plan.cell)
    image.paste(layer, (int(round(top[0])), int(round(top[1]))))


def _camera(draw, scale: PlotScale, cam: PlotCamera, labels: list) -> None:
    at = scale.px(cam.x, cam.y)
    half = math.radians(cam.hfov_deg / 2)
    pan = math.radians(cam.pan_deg)
    reach = max(0.8, cam.reach_m) * scale.px_per_m
    left = (at[0] + math.cos(pan + half) * reach, at[1] - math.sin(pan + half) * reach)
    right = (at[0] + math.cos(pan - half) * reach, at[1] - math.sin(pan - half) * reach)
    draw.line([at, left], fill=COLOURS["cone"], width=2)
    draw.line([at, right], fill=COLOURS["cone"], width=2)
    length = max(14.0, 0.32 * scale.px_per_m)      # a camera body about 32 x 18 cm
    width = length * 0.56
    corners = [(-length, -width / 2), (0, -width / 2), (0, width / 2), (-length, width / 2)]
    rotate = lambda cx, cy: (at[0] + math.cos(pan) * cx + math.sin(pan) * cy,  # noqa: E731
                             at[1] - math.sin(pan) * cx + math.cos(pan) * cy)
    draw.polygon([rotate(cx, cy) for cx, cy in corners], fill=COLOURS["camera"])
    lens = [(0, -width / 4), (length * 0.3, -width / 3), (length * 0.3, width / 3),
            (0, width / 4)]
    draw.polygon([rotate(cx, cy) for cx, cy in lens], fill=(120, 20, 20))
    font = _font(18, bold=True)
    away = length + 16
    back = (at[0] - math.cos(pan) * away, at[1] + math.sin(pan) * away)
    while any(math.dist(back, other) < 26 for other in labels) and away < length + 120:
        away += 12                       # a neighbour's number is there: step further back
        back = (at[0] - math.cos(pan) * away, at[1] + math.sin(pan) * away)
    labels.append(back)
    draw.text(back, cam.number, fill=COLOURS["camera"], font=font, anchor="mm",
              stroke_width=3, stroke_fill="white")


def _figure(draw, scale: PlotScale, mark: Mark) -> None:
    at = scale.px(mark.x, mark.y)
    r = max(8.0, 0.25 * scale.px_per_m)
    draw.ellipse([at[0] - r, at[1] - r, at[0] + r, at[1] + r], fill=COLOURS["figure"],
                 outline="white", width=2)
    face = math.radians(mark.facing_deg)
    nose = (at[0] + math.cos(face) * r * 1.6, at[1] - math.sin(face) * r * 1.6)
    draw.line([at, nose], fill=COLOURS["figure"], width=4)
    draw.text((at[0], at[1] + r + 12), mark.character, fill=COLOURS["figure"],
              font=_font(16, bold=True), anchor="mm", stroke_width=3, stroke_fill="white")


LEGEND = (("wall", "walls"), ("window", "windows"), ("door", "doors"),
          ("furniture", "furniture"), ("blocked", "no way through"),
          ("camera", "cameras, field of view"), ("figure", "figures on their marks"))


def _header(draw, title: str, width: int) -> None:
    draw.text((MARGIN_PX, 22), title, fill="black", font=_font(26, bold=True))
    font, x, y = _font(15), MARGIN_PX, 60
    for key, label in LEGEND:
        step = 34 + draw.textlength(label, font=font)
        if x + step > width - MARGIN_PX - 40 and x > MARGIN_PX:
            x, y = MARGIN_PX, y + 22           # wrap onto a second line
        draw.rectangle([x, y + 2, x + 14, y + 16], fill=COLOURS[key])
        draw.text((x + 20, y), label, fill="#444444", font=font)
        x += step


def _scale_bar(draw, scale: PlotScale, width_m: float, height: int) -> None:
    length = bar_length_m(width_m)
    x, y = MARGIN_PX, height - 45
    px = length * scale.px_per_m
    half = px / 2
    draw.rectangle([x, y, x + half, y + 8], fill="black")
    draw.rectangle([x + half, y, x + px, y + 8], outline="black", width=2)
    font = _font(15)
    draw.text((x, y + 12), "0", fill="black", font=font)
    draw.text((x + px, y + 12), f"{length:g} m", fill="black", font=font, anchor="ma")


def _north(draw, width: int) -> None:
    x, y = width - MARGIN_PX, MARGIN_PX + 20
    draw.polygon([(x, y - 22), (x - 9, y + 6), (x + 9, y + 6)], fill="black")
    draw.text((x, y + 10), "N", fill="black", font=_font(16, bold=True), anchor="ma")
