"""Lay the room types' before and after renders side by side in docs/gallery/rooms/:
JPEG frames (quality 88; 34 PNG frames at 1280x720 would weigh 30 MB in the
repository), a contact sheet and a page.

    python scripts/rooms_before_after.py BEFORE_DIR AFTER_DIR

BEFORE_DIR and AFTER_DIR hold room_<type>.png as scripts/render_style_gallery.py
writes them (same prompts, seeds and settings), the first from the code before the
dressing work (issue 20), the second from the current code.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "gallery" / "rooms"


def main(argv: list[str] | None = None) -> int:
    from PIL import Image
    argv = sys.argv[1:] if argv is None else argv
    before, after = Path(argv[0]), Path(argv[1])
    OUT.mkdir(parents=True, exist_ok=True)
    rooms = sorted(p.stem for p in after.glob("room_*.png") if (before / p.name).exists())
    cell = (640, 360)
    sheet = Image.new("RGB", (2 * cell[0] + 18, len(rooms) * (cell[1] + 6) + 6), (24, 24, 24))
    for k, name in enumerate(rooms):
        for j, (folder, tag) in enumerate(((before, "before"), (after, "after"))):
            with Image.open(folder / f"{name}.png") as im:
                rgb = im.convert("RGB")
                rgb.save(OUT / f"{name[5:]}_{tag}.jpg", "JPEG", quality=88, optimize=True)
                sheet.paste(rgb.resize(cell), (6 + j * (cell[0] + 6), 6 + k * (cell[1] + 6)))
    sheet.save(OUT / "contact_sheet.jpg", "JPEG", quality=85, optimize=True)
    print(f"{len(rooms)} room types laid out in {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
