"""Storyboard contact sheets: frames laid out on A4 landscape pages, as PNG pages and
one multi-page PDF (fpdf2), from the same layout in millimetres.

Each frame sits in a 16:9 box and keeps its own aspect: a 2.39 frame is letterboxed,
a 4:3 one pillarboxed, never stretched. Under it: the shot's name, then its caption
lines (body and lens; aspect; time of day; note). The header carries the set's name,
the date and the page number.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import InputError

PAGE_MM = (297.0, 210.0)          # A4 landscape
MARGIN_MM = 10.0
HEADER_MM = 14.0
GUTTER_MM = 6.0
COLUMNS, ROWS = 3, 2
BOX_ASPECT = 16 / 9
CAPTION_LINE_MM = 4.2
CAPTION_LINES = 4                 # under the name
PNG_DPI = 150
FONT_CANDIDATES = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                   "/usr/share/fonts/TTF/DejaVuSans.ttf",
                   "/Library/Fonts/Arial Unicode.ttf", "C:/Windows/Fonts/arial.ttf")


@dataclass
class SheetFrame:
    image: Path                   # the rendered frame (PNG)
    title: str                    # the shot's name
    lines: list[str] = field(default_factory=list)


@dataclass
class Cell:
    box: tuple[float, float, float, float]      # x, y, w, h in mm (the 16:9 box)
    image: tuple[float, float, float, float]    # where the frame goes inside it
    caption_y: float


def fit(box: tuple[float, float, float, float], aspect: float) -> tuple[float, float, float, float]:
    """The largest rectangle of `aspect` centred in `box` (letterbox or pillarbox)."""
    x, y, w, h = box
    if aspect >= w / h:
        ih = w / aspect
        return x, y + (h - ih) / 2, w, ih
    iw = h * aspect
    return x + (w - iw) / 2, y, iw, h


def layout(aspects: list[float]) -> list[list[Cell]]:
    """Pages of cells, COLUMNS x ROWS per page, for frames of these aspects."""
    if not aspects:
        raise InputError("the storyboard has no frames: the shot list is empty")
    width = (PAGE_MM[0] - 2 * MARGIN_MM - (COLUMNS - 1) * GUTTER_MM) / COLUMNS
    height = width / BOX_ASPECT
    row_h = height + 1.5 + CAPTION_LINE_MM * (CAPTION_LINES + 1) + GUTTER_MM
    pages: list[list[Cell]] = []
    per_page = COLUMNS * ROWS
    for index, aspect in enumerate(aspects):
        if index % per_page == 0:
            pages.append([])
        slot = index % per_page
        x = MARGIN_MM + (slot % COLUMNS) * (width + GUTTER_MM)
        y = MARGIN_MM + HEADER_MM + (slot // COLUMNS) * row_h
        box = (x, y, width, height)
        pages[-1].append(Cell(box, fit(box, aspect), y + height + 1.5))
    return pages


def page_count(frames: int) -> int:
    return math.ceil(frames / (COLUMNS * ROWS))


def _aspect(path: Path) -> float:
    from PIL import Image

    with Image.open(path) as image:
        return image.width / image.height


def write_sheets(frames: list[SheetFrame], set_name: str, date: str, out_dir: Path,
                 stem: str = "storyboard") -> tuple[list[Path], Path]:
    """PNG pages (STEM_01.png...) and STEM.pdf in `out_dir`; returns (pngs, pdf)."""
    from ..core.fileio import atomic_path

    _require("PIL", "Pillow")
    _require("fpdf", "fpdf2")
    pages = layout([_aspect(f.image) for f in frames])
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    pngs = []
    for number, cells in enumerate(pages, 1):
        start = (number - 1) * COLUMNS * ROWS
        image = _png_page(cells, frames[start:start + len(cells)], set_name, date,
                          f"{number}/{len(pages)}")
        path = out_dir / f"{stem}_{number:02d}.png"
        with atomic_path(path) as tmp:
            image.save(tmp, format="PNG", optimize=True)
        pngs.append(path)
    pdf_path = out_dir / f"{stem}.pdf"
    with atomic_path(pdf_path) as tmp:
        _pdf(pages, frames, set_name, date).output(str(tmp))
    return pngs, pdf_path


def _require(module: str, package: str) -> None:
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise InputError(f"storyboard sheets need the '{package}' package: pip install "
                         "'ai-sets[scout]' (or install the extension build that bundles it)")


# -------------------------------------------------------------------------------- PNG

def _font(size_px: int, bold: bool = False):
    from PIL import ImageFont

    for candidate in FONT_CANDIDATES:
        path = Path(candidate.replace("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
                    if bold else candidate)
        if path.is_file():
            return ImageFont.truetype(str(path), size_px)
    return ImageFont.load_default(size_px)


def _png_page(cells: list[Cell], frames: list[SheetFrame], set_name: str, date: str,
              page: str):
    from PIL import Image, ImageDraw

    k = PNG_DPI / 25.4
    size = (int(round(PAGE_MM[0] * k)), int(round(PAGE_MM[1] * k)))
    sheet = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(sheet)
    px = lambda mm: int(round(mm * k))     # noqa: E731 - a unit conversion
    draw.text((px(MARGIN_MM), px(MARGIN_MM)), set_name, fill="black",
              font=_font(px(5.5), bold=True))
    right = f"{date}    {page}"
    small = _font(px(3.6))
    draw.text((size[0] - px(MARGIN_MM) - draw.textlength(right, font=small), px(MARGIN_MM + 1)),
              right, fill="#444444", font=small)
    draw.line([(px(MARGIN_MM), px(MARGIN_MM + 9)), (size[0] - px(MARGIN_MM), px(MARGIN_MM + 9))],
              fill="#888888", width=2)
    title, caption = _font(px(3.4), bold=True), _font(px(3.0))
    for cell, frame in zip(cells, frames):
        x, y, w, h = (px(v) for v in cell.box)
        draw.rectangle([x, y, x + w - 1, y + h - 1], fill="black")
        ix, iy, iw, ih = cell.image
        with Image.open(frame.image) as still:
            sheet.paste(still.convert("RGB").resize((px(iw), px(ih)), Image.LANCZOS),
                        (px(ix), px(iy)))
        cy = cell.caption_y
        draw.text((x, px(cy)), frame.title, fill="black", font=title)
        for i, line in enumerate(frame.lines[:CAPTION_LINES], 1):
            text = _clip(draw, line, caption, w)
            draw.text((x, px(cy + i * CAPTION_LINE_MM)), text, fill="#333333", font=caption)
    return sheet


def _clip(draw, text: str, font, width_px: int) -> str:
    if draw.textlength(text, font=font) <= width_px:
        return text
    while text and draw.textlength(text + "...", font=font) > width_px:
        text = text[:-1]
    return text + "..."


# -------------------------------------------------------------------------------- PDF

def _pdf(pages: list[list[Cell]], frames: list[SheetFrame], set_name: str, date: str):
    from fpdf import FPDF

    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_title(f"{set_name} storyboard")
    pdf.set_creator("AI Sets")
    pdf.set_image_filter("DCTDecode")      # frames as JPEG: a tenth of the size of PNG
    family, clean = _pdf_font(pdf)
    index = 0
    for number, cells in enumerate(pages, 1):
        pdf.add_page()
        pdf.set_font(family, "B", 15)
        pdf.set_xy(MARGIN_MM, MARGIN_MM)
        pdf.cell(180, 7, clean(set_name))
        pdf.set_font(family, "", 10)
        pdf.set_xy(PAGE_MM[0] - MARGIN_MM - 90, MARGIN_MM + 1)
        pdf.cell(90, 6, clean(f"{date}    {number}/{len(pages)}"), align="R")
        pdf.set_draw_color(136)
        pdf.line(MARGIN_MM, MARGIN_MM + 9, PAGE_MM[0] - MARGIN_MM, MARGIN_MM + 9)
        for cell in cells:
            frame_pdf(pdf, cell, frames[index], family, clean)
            index += 1
    return pdf


def frame_pdf(pdf, cell, frame, family: str, clean) -> None:
    """One frame in its cell on a PDF page: the picture on black, its title and caption
    lines (storyboards and script boards draw their frames with this)."""
    pdf.set_fill_color(0)
    pdf.rect(*cell.box, style="F")
    pdf.image(str(frame.image), *cell.image)
    x, w = cell.box[0], cell.box[2]
    pdf.set_xy(x, cell.caption_y)
    pdf.set_font(family, "B", 9.5)
    pdf.cell(w, CAPTION_LINE_MM, clean(frame.title))
    pdf.set_font(family, "", 8.5)
    for i, line in enumerate(frame.lines[:CAPTION_LINES], 1):
        pdf.set_xy(x, cell.caption_y + i * CAPTION_LINE_MM)
        pdf.cell(w, CAPTION_LINE_MM, _fit_pdf(pdf, clean(line), w))


def _pdf_font(pdf):
    """A Unicode TrueType font when the system has one; else Helvetica with text
    folded to Latin-1 (the core fonts' range)."""
    regular = next((Path(c) for c in FONT_CANDIDATES if Path(c).is_file()), None)
    bold = regular.with_name("DejaVuSans-Bold.ttf") if regular else None
    if regular and bold and bold.is_file():
        pdf.add_font("Sheet", "", str(regular))
        pdf.add_font("Sheet", "B", str(bold))
        return "Sheet", lambda text: text
    table = str.maketrans({"×": "x", "–": "-", "—": "-", "·": "-", "’": "'", "…": "..."})
    return "Helvetica", lambda text: text.translate(table).encode("latin-1", "replace").decode("latin-1")


def _fit_pdf(pdf, text: str, width: float) -> str:
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "...") > width:
        text = text[:-1]
    return text + "..."
