"""Render one set per room type and per style into docs/gallery/styles/, from each set's
first camera, with a contact sheet and a README table (prompt, parse, build time).

    python scripts/render_style_gallery.py                          # all, 320x180, 8 samples
    python scripts/render_style_gallery.py --only kitchen tokyo --resolution 960x540

Each entry is a plain `ai-sets build PROMPT --render` in a temporary folder (the same
pipeline a user runs); sequential on purpose (two shared cores).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ai_sets_addon.generation.prompt import parse_prompt  # noqa: E402

# name -> (prompt, seed): every room type, then every style; English and French mixed.
ENTRIES: dict[str, tuple[str, int]] = {
    "room_living_room": ("a cramped 1970s apartment living room, late afternoon", 3),
    "room_bedroom": ("une chambre scandinave le matin", 4),
    "room_kitchen": ("a kitchen at noon", 5),
    "room_bathroom": ("une salle de bains carrelée", 6),
    "room_office": ("an open-plan office in the morning", 7),
    "room_classroom": ("une salle de classe au matin", 8),
    "room_hospital_room": ("a hospital room, cold light", 9),
    "room_bar": ("un bar la nuit", 10),
    "room_cafe": ("a Parisian cafe in the afternoon", 11),
    "room_restaurant": ("un restaurant des années 50 le soir", 12),
    "room_diner": ("a roadside diner at night", 19),
    "room_shop": ("a convenience store at night", 13),
    "room_hotel_lobby": ("un hall d'hôtel art déco", 14),
    "room_library": ("a Victorian library at dusk", 15),
    "room_cellar": ("une cave voûtée", 16),
    "room_church": ("the nave of a gothic church at dawn", 17),
    "room_interrogation_room": ("une salle d'interrogatoire la nuit", 18),
    "style_haussmann": ("un boulevard haussmannien au coucher du soleil", 21),
    "style_haussmann_interior": ("un appartement haussmannien, fin d'après-midi", 35),
    "style_provencal": ("rue pavée d'un village provençal à midi", 22),
    "style_tokyo": ("a rain-soaked back alley in Tokyo with pink and cyan neon at night", 23),
    "style_brownstone": ("a New York brownstone street in the afternoon", 24),
    "style_victorian": ("une rue de Londres victorienne, brouillard", 25),
    "style_medina": ("a street in a Moroccan medina at golden hour", 26),
    "style_scandinavian": ("a Scandinavian living room in the morning", 27),
    "style_brutalist": ("une rue brutaliste en béton, ciel couvert", 28),
    "style_art_deco": ("an art deco hotel lobby at night", 29),
    "style_diner": ("a 1950s diner at night", 30),
    "style_seventies": ("une chambre des années 70", 31),
    "style_medieval": ("a medieval street at dawn", 32),
    "style_minimal": ("un salon minimaliste contemporain", 33),
    "style_scifi": ("a spaceship corridor", 34),
    "style_platform_victorian": ("a Victorian metro platform at night", 36),
    "style_platform_seventies": ("un quai de métro des années 70", 37),
    "style_cyclorama_seventies": ("a 1970s photo studio cyclorama", 38),
}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=None,
                        help="entries to render (a name, or its part after room_/style_)")
    parser.add_argument("--resolution", default="320x180")
    parser.add_argument("--samples", type=int, default=8)
    parser.add_argument("--texture-size", type=int, default=256)
    parser.add_argument("--hdri-width", type=int, default=512)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "gallery" / "styles")
    parser.add_argument("--readme-only", action="store_true",
                        help="rewrite README.md and the contact sheet from gallery.json")
    return parser.parse_args(argv)


def wanted(name: str, only: list[str] | None) -> bool:
    return not only or name in only or name.split("_", 1)[1] in only


def render_one(name: str, prompt: str, seed: int, args: argparse.Namespace) -> dict:
    """Build and render in a temporary folder; copy the preview into the gallery."""
    with tempfile.TemporaryDirectory(prefix="aisets-style-") as tmp:
        out = Path(tmp) / "set"
        cmd = [sys.executable, "-m", "ai_sets_addon", "build", prompt, "--out", str(out),
               "--seed", str(seed), "--render", "--resolution", args.resolution,
               "--samples", str(args.samples), "--texture-size", str(args.texture_size),
               "--hdri-width", str(args.hdri_width)]
        start = time.perf_counter()
        run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if run.returncode != 0:
            return {"name": name, "prompt": prompt, "error": run.stderr[-2000:]}
        shutil.copyfile(out / "preview.png", args.out / f"{name}.png")
    spec = parse_prompt(prompt, seed)
    return {"name": name, "prompt": prompt, "seed": seed, "seconds": round(seconds, 1),
            "archetype": spec.archetype, "room_type": spec.room_type, "style": spec.style,
            "era": spec.era, "unknown_words": spec.unknown_words}


def contact_sheet(names: list[str], folder: Path, columns: int = 5) -> None:
    """All previews in one image (needs Pillow; skipped without it)."""
    try:
        from PIL import Image, ImageDraw
    except ImportError:
        return
    images = [(n, Image.open(folder / f"{n}.png").convert("RGB")) for n in names
              if (folder / f"{n}.png").exists()]
    if not images:
        return
    w, h = images[0][1].size
    rows = -(-len(images) // columns)
    sheet = Image.new("RGB", (w * columns, (h + 18) * rows), "black")
    draw = ImageDraw.Draw(sheet)
    for k, (name, image) in enumerate(images):
        x, y = (k % columns) * w, (k // columns) * (h + 18)
        sheet.paste(image.resize((w, h)), (x, y))
        draw.text((x + 4, y + h + 3), name, fill="white")
    sheet.save(folder / "contact_sheet.jpg", quality=85)      # a JPEG: 10x smaller


def write_readme(results: list[dict], folder: Path) -> None:
    lines = ["# Room types and styles", "",
             "One set per room type and per style, rendered from its first scout camera by",
             "`python scripts/render_style_gallery.py` (Cycles CPU, small and few samples",
             "on purpose). ![contact sheet](contact_sheet.jpg)", "",
             "| image | prompt | read as | build + render |", "|---|---|---|---|"]
    for r in results:
        if "error" in r:
            lines.append(f"| {r['name']} | {r['prompt']} | FAILED | |")
            continue
        read = ", ".join(str(v) for v in (r["archetype"], r["room_type"], r["style"], r["era"])
                         if v)
        lines.append(f"| ![{r['name']}]({r['name']}.png) | {r['prompt']} | {read} "
                     f"| {r['seconds']} s |")
    lines += ["", "## What still falls back, and why", ""] + [f"- {n}" for n in FALLBACKS]
    (folder / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


FALLBACKS = (
    "Rooftops take a style's facade material and skyline colour only. Platforms take "
    "the style's wall and floor finish, its era's lamps (gas or tungsten lanterns, tubes, "
    "LED) and its props; the cyclorama dresses its subject in the style and keeps the "
    "cyc neutral (a notice says so). Beaches, deserts, canyons and forests have no "
    "buildings or furnishings: a style there is a notice that says why.",
    "Indoor-only styles (1950s diner, 1970s, sci-fi) on a street or alley: a notice, "
    "the street keeps its default look.",
    "Tokyo vertical signs carry katakana (ラーメン, カラオケ, バー, ホテル) under made-up "
    "kanji; the neon words still use a Latin stroke font.",
    "The church's vault is a barrel (pointed for a Gothic nave) with transverse and "
    "ridge ribs, not a quadripartite rib vault; its side windows are rectangles (no "
    "lancet heads) and its side walls are plain (no aisles, no arcade).",
    "Haussmann rooms get a cornice, boiseries and a marble fireplace (Victorian: cornice "
    "and fireplace); no ceiling rose or herringbone parquet pattern yet.",
    "Regions are read as styles (Paris -> Haussmann, Tokyo, Brooklyn -> brownstone, "
    "London -> Victorian, Marrakech -> medina); a named city also places the sun.",
)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    index = args.out / "gallery.json"
    previous = {r["name"]: r for r in json.loads(index.read_text())} if index.exists() else {}
    for name, (prompt, seed) in ENTRIES.items():
        if wanted(name, args.only) and not args.readme_only:
            previous[name] = render_one(name, prompt, seed, args)
            print(json.dumps(previous[name])[:200], flush=True)
    results = [previous[n] for n in ENTRIES if n in previous]
    index.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    contact_sheet([r["name"] for r in results if "error" not in r], args.out)
    write_readme(results, args.out)
    return 0 if all("error" not in r for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
