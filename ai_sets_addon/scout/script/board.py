"""The script's storyboard: per scene, its overhead plot page, then its frames on the
contact-sheet layout of scout/sheets.py, each page headed by the scene heading; PNG
pages (storyboard_NNN.png) and one PDF."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ...core.fileio import atomic_path
from .. import sheets


TABLE_MM = 92.0                   # the shot list's column on a plot page
TABLE_ROWS = 36


@dataclass
class BoardScene:
    heading: str                  # "3  EXT. GARE - AUBE  (2/8 page)"
    plot: Path
    frames: list[sheets.SheetFrame]
    rows: list[str] = field(default_factory=list)   # the shot list beside the plot


def write_board(scenes: list[BoardScene], title: str, date: str, out_dir: Path
                ) -> tuple[list[Path], Path]:
    from fpdf import FPDF

    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_title(f"{title} storyboard")
    pdf.set_creator("AI Sets")
    pdf.set_image_filter("DCTDecode")
    family, clean = sheets._pdf_font(pdf)
    pages: list[tuple[str, object]] = []
    for scene in scenes:
        pages.append(("plot", scene))
        if scene.frames:
            cells = sheets.layout([sheets._aspect(f.image) for f in scene.frames])
            per = sheets.COLUMNS * sheets.ROWS
            for i, page_cells in enumerate(cells):
                pages.append(("frames", (scene, page_cells, scene.frames[i * per:(i + 1) * per])))
    pngs = []
    for number, (kind, data) in enumerate(pages, 1):
        label = f"{number}/{len(pages)}"
        if kind == "plot":
            image = _plot_png(data, title, date, label)
            _plot_pdf(pdf, data, family, clean, date, label)
        else:
            scene, cells, frames = data
            image = sheets._png_page(cells, frames, scene.heading, f"{title}  {date}", label)
            _frames_pdf(pdf, scene, cells, frames, family, clean, f"{title}  {date}", label)
        path = Path(out_dir) / f"storyboard_{number:03d}.png"
        with atomic_path(path) as tmp:
            image.save(tmp, format="PNG")   # zlib optimize: 8x slower on photo pages
        pngs.append(path)
    pdf_path = Path(out_dir) / "storyboard.pdf"
    with atomic_path(pdf_path) as tmp:
        pdf.output(str(tmp))
    return pngs, pdf_path


def _plot_png(scene: BoardScene, title: str, date: str, label: str):
    from PIL import Image, ImageDraw

    k = sheets.PNG_DPI / 25.4
    size = (int(round(sheets.PAGE_MM[0] * k)), int(round(sheets.PAGE_MM[1] * k)))
    page = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(page)
    m = int(round(sheets.MARGIN_MM * k))
    draw.text((m, m), scene.heading, fill="black", font=sheets._font(int(5.5 * k), True))
    right = f"{title}  {date}    {label}"
    small = sheets._font(int(3.6 * k))
    draw.text((size[0] - m - draw.textlength(right, font=small), m + int(k)), right,
              fill="#444444", font=small)
    top = m + int(12 * k)
    column = int(round(TABLE_MM * k)) if scene.rows else 0
    font = sheets._font(int(3.0 * k))
    for i, row in enumerate(scene.rows[:TABLE_ROWS]):
        text = sheets._clip(draw, row, font, column - int(2 * k))
        draw.text((size[0] - m - column, top + int(i * 4.6 * k)), text, fill="#222222",
                  font=font)
    with Image.open(scene.plot) as plot:
        box = (size[0] - 2 * m - column - int(4 * k), size[1] - top - m)
        ratio = min(box[0] / plot.width, box[1] / plot.height)
        fitted = plot.convert("RGB").resize((int(plot.width * ratio), int(plot.height * ratio)),
                                            Image.LANCZOS)
    page.paste(fitted, (m + (box[0] - fitted.width) // 2, top))
    return page


def _header_pdf(pdf, heading: str, family, clean, right: str) -> None:
    pdf.add_page()
    pdf.set_font(family, "B", 15)
    pdf.set_xy(sheets.MARGIN_MM, sheets.MARGIN_MM)
    pdf.cell(190, 7, sheets._fit_pdf(pdf, clean(heading), 190))
    pdf.set_font(family, "", 9)
    pdf.set_xy(sheets.PAGE_MM[0] - sheets.MARGIN_MM - 80, sheets.MARGIN_MM + 1)
    pdf.cell(80, 6, clean(right), align="R")
    pdf.set_draw_color(136)
    pdf.line(sheets.MARGIN_MM, sheets.MARGIN_MM + 9, sheets.PAGE_MM[0] - sheets.MARGIN_MM,
             sheets.MARGIN_MM + 9)


def _plot_pdf(pdf, scene: BoardScene, family, clean, date: str, label: str) -> None:
    from PIL import Image

    _header_pdf(pdf, scene.heading, family, clean, f"{date}    {label}")
    with Image.open(scene.plot) as plot:
        aspect = plot.width / plot.height
    column = TABLE_MM if scene.rows else 0.0
    box = (sheets.MARGIN_MM, sheets.MARGIN_MM + 12,
           sheets.PAGE_MM[0] - 2 * sheets.MARGIN_MM - column - (4 if column else 0),
           sheets.PAGE_MM[1] - sheets.MARGIN_MM * 2 - 12)
    pdf.image(str(scene.plot), *sheets.fit(box, aspect))
    pdf.set_font(family, "", 8.5)
    x = sheets.PAGE_MM[0] - sheets.MARGIN_MM - column
    for i, row in enumerate(scene.rows[:TABLE_ROWS]):
        pdf.set_xy(x, sheets.MARGIN_MM + 12 + i * 4.6)
        pdf.cell(column, 4.2, sheets._fit_pdf(pdf, clean(row), column))


def _frames_pdf(pdf, scene: BoardScene, cells, frames, family, clean, date: str,
                label: str) -> None:
    _header_pdf(pdf, scene.heading, family, clean, f"{date}    {label}")
    for cell, frame in zip(cells, frames):
        sheets.frame_pdf(pdf, cell, frame, family, clean)
