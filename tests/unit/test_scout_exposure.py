"""Exposure as on the shoot (scout/exposure.py): the triangle, the meter, auto settings,
white balance, false colour, zebras, falloff and grain. Pure numpy, milliseconds."""

from __future__ import annotations

import math

import numpy as np
import pytest

from ai_sets_addon.core.errors import InputError
from ai_sets_addon.scout import cameras
from ai_sets_addon.scout import exposure as ex

BASE = ex.Settings(iso=800, shutter_angle_deg=180, fps=24, t_stop=2.8, nd=0.0)


def _ratio(a: ex.Settings, b: ex.Settings) -> float:
    return ex.exposure_factor(a) / ex.exposure_factor(b)


@pytest.mark.parametrize("changed", [
    ex.Settings(iso=1600, t_stop=2.8),                               # one stop of ISO
    ex.Settings(iso=800, shutter_angle_deg=360, t_stop=2.8),         # one stop of shutter
    ex.Settings(iso=800, shutter_s=1 / 24, t_stop=2.8),              # same, as a time
    ex.Settings(iso=800, t_stop=2.8 / math.sqrt(2)),                 # one stop of iris
])
def test_one_stop_doubles_the_exposure(changed):
    assert _ratio(changed, BASE) == pytest.approx(2.0, rel=0.03)


def test_marked_t_stops_are_one_stop_apart_within_three_percent():
    marks = [1.4, 2.0, 2.8, 4.0, 5.6, 8.0, 11.0, 16.0]
    for wide, narrow in zip(marks, marks[1:]):
        ratio = _ratio(ex.Settings(t_stop=wide), ex.Settings(t_stop=narrow))
        assert ratio == pytest.approx(2.0, rel=0.03), (wide, narrow)


def test_nd_03_is_one_stop_and_09_three():
    assert _ratio(BASE, ex.Settings(nd=0.3)) == pytest.approx(2.0, rel=0.01)
    assert _ratio(BASE, ex.Settings(nd=0.9)) == pytest.approx(8.0, rel=0.03)
    assert ex.nd_stops(0.3) == pytest.approx(1.0, abs=0.01)


def test_exposure_follows_physical_units():
    """Sunny 16 with an ISO 2720 meter: 100,000 lux on an 18 % card (L = 0.18 E / pi)
    at ISO 100, 1/100 s, f/16 lands 0.84 stop over grey (the sunny-16 rule's own
    margin); Blender's sun of E W/m^2 lights that card with E/683 lux-watts."""
    lux = 100_000.0
    card = 0.18 * (lux / ex.LUMENS_PER_WATT) / math.pi       # the card's Blender radiance
    s = ex.Settings(iso=100, shutter_s=0.01, t_stop=16)
    recorded = card * ex.exposure_factor(s)
    assert math.log2(recorded / ex.MIDDLE_GREY) == pytest.approx(
        math.log2(0.18 * lux / math.pi * 0.01 * 100 / (12.5 * 256)), abs=1e-9)
    assert 0.6 < math.log2(recorded / ex.MIDDLE_GREY) < 1.1


def test_incident_and_spot_agree_on_a_grey_card_and_the_t_stop_lands_it():
    lux = 400.0                                       # a lit office
    card_nits = 0.18 * lux / math.pi
    assert ex.incident_ev100(lux) == pytest.approx(ex.spot_ev100(card_nits), abs=1e-9)
    s = ex.Settings(iso=800, t_stop=2.8)
    r = ex.reading(lux / ex.LUMENS_PER_WATT, s, card_nits / ex.LUMENS_PER_WATT)
    at_exact = ex.Settings(iso=800, t_stop=r.exact_t_stop)
    card = card_nits / ex.LUMENS_PER_WATT * ex.exposure_factor(at_exact)
    assert card == pytest.approx(ex.MIDDLE_GREY, rel=1e-6)
    assert r.suggested_t_stop == 5.6          # 400 lux at ISO 800, 1/48 s: T5.6, as a meter says
    assert r.stops_over == pytest.approx(2 * math.log2(r.exact_t_stop / s.aperture), abs=1e-9)
    assert any("suggested: T" in line for line in r.lines())


def test_blender_exposure_and_ev100_are_inverse():
    for s in (BASE, ex.Settings(iso=100, shutter_s=1 / 500, t_stop=8, nd=0.6)):
        assert ex.ev100_for_blender_exposure(ex.blender_exposure_ev(s)) == pytest.approx(s.ev100)


def test_auto_picks_native_iso_180_and_nd_for_a_sunny_exterior():
    target = 15.0                                    # EV100 of a sunny exterior
    auto = ex.auto_settings(target, ex.Request(), "alexa35", dof_t_stop=4.0)
    s = auto.settings
    assert s.iso == 800 and s.shutter_angle_deg == 180 and s.fps == 24
    assert s.nd >= 1.8                               # ND takes the sun, not the iris alone
    assert abs(auto.error_ev) < 0.2                  # lands the meter within a sixth of a stop
    assert any("native ISO" in n for n in auto.notes) and any("ND" in n for n in auto.notes)


def test_auto_uses_the_high_native_iso_at_night_and_says_when_it_is_short():
    auto = ex.auto_settings(0.5, ex.Request(), "venice2")      # a dark street
    assert auto.settings.iso == 3200
    assert auto.settings.nd == 0.0
    assert auto.settings.t_stop == cameras.lens_family("modern_prime").widest_t
    assert auto.error_ev < -0.17 and any("under the meter" in n for n in auto.notes)


def test_auto_keeps_what_the_user_fixed():
    auto = ex.auto_settings(12.0, ex.Request(iso=400, t_stop=5.6), "alexa35")
    assert auto.settings.iso == 400 and auto.settings.t_stop == 5.6
    assert auto.settings.nd in ex.ND_FILTERS


def test_bad_settings_and_shutters_are_refused_with_what_to_give():
    with pytest.raises(InputError, match="ISO"):
        ex.Settings(iso=5)
    with pytest.raises(InputError, match="ND"):
        ex.Settings(nd=9)
    assert ex.parse_shutter("172.8deg") == (172.8, 0.0)
    assert ex.parse_shutter("1/50") == (0.0, 0.02)
    assert ex.parse_shutter("180") == (180.0, 0.0)
    with pytest.raises(InputError, match="angle"):
        ex.parse_shutter("fast")


# ------------------------------------------------------------------ white balance

@pytest.mark.parametrize("kelvin", [2700.0, 3200.0, 4300.0, 5600.0, 7500.0])
def test_white_balance_at_the_key_light_makes_a_grey_card_neutral(kelvin):
    light = ex.white_rgb(kelvin) * 3.0                # a key of that colour temperature
    card = 0.18 * light
    balanced = ex.apply_white_balance(card, kelvin)
    d65 = ex.chromaticity(np.ones(3))
    assert np.linalg.norm(ex.chromaticity(balanced) - d65) < 0.01


def test_a_tungsten_room_at_5600_looks_orange():
    card = 0.18 * ex.white_rgb(3200.0)
    r, g, b = ex.apply_white_balance(card, 5600.0)
    assert r > 1.3 * g > 1.3 * b


def test_auto_white_balance_reads_the_key_lights_temperature_and_tint():
    for kelvin, tint in ((3200.0, 0.0), (5600.0, 8.0), (4300.0, -12.0)):
        got_k, got_tint = ex.kelvin_tint_of(ex.white_rgb(kelvin, tint) * 7.0)
        assert got_k == pytest.approx(kelvin, rel=0.01)
        assert got_tint == pytest.approx(tint, abs=0.5)


def test_white_point_matches_blenders_colour_management():
    """Blender 5.0's view_settings.white_balance_whitepoint, read once: the render's
    colour transform divides by the same white as this model."""
    blender = {(3200, 0): (1.68028, 0.86568, 0.32689), (6500, 10): (0.9993, 1.00035, 0.99858),
               (5600, 0): (1.13293, 0.97239, 0.88192), (4000, 50): (1.25709, 0.99341, 0.30803)}
    for (kelvin, tint), rgb in blender.items():
        assert ex.white_rgb(kelvin, tint) == pytest.approx(rgb, abs=0.012)


# ------------------------------------------------------------------ false colour, zebras

def test_false_colour_zones_land_where_their_ev_says():
    stops = np.array([-8.0, -3.0, -1.0, 0.0, 0.3, 1.0, 2.0, 4.0, 7.0, 11.0])
    frame = (ex.MIDDLE_GREY * 2.0 ** stops)[None, :, None].repeat(3, axis=2)
    painted = ex.false_colour(frame, "alexa35")[0]
    table = {z.label: z for z in ex.zones("alexa35")}
    expected = ["below -7: noise floor", "-3", "-1", "18% grey", "18% grey", "+1", "+2",
                "+4", "highlights", "above +10: clipped"]
    for pixel, label in zip(painted, expected):
        assert tuple(pixel) == table[label].colour, label


def test_zones_follow_the_bodys_latitude():
    phone = ex.zones("phone")
    assert phone[-1].low_ev == cameras.body("phone").latitude_over == 4.0
    frame = np.full((4, 4, 3), ex.MIDDLE_GREY * 2 ** 5)           # five stops over grey
    assert ex.zone_fractions(frame, "phone")["above +4: clipped"] == 1.0
    assert ex.zone_fractions(frame, "alexa35")["+5"] == 1.0


def test_zones_are_contiguous():
    for key in cameras.BODIES:
        table = ex.zones(key)
        for a, b in zip(table, table[1:]):
            assert a.high_ev == b.low_ev


def test_zebras_stripe_only_what_is_over_the_level():
    img = np.zeros((16, 32, 3), np.uint8)
    img[:, 16:] = 250                                 # 98 IRE on the right half
    img[:, :16] = 200                                 # 78 IRE on the left
    out = ex.zebras(img, 95.0)
    assert (out[:, :16] == 200).all()
    right = out[:, 16:]
    assert (right == 255).any() and (right == 0).any()
    with pytest.raises(InputError):
        ex.zebras(img, 0)


def test_false_colour_legend_is_added_under_the_picture():
    img = ex.false_colour(np.full((36, 64, 3), 0.18), "alexa35")
    out = ex.with_legend(img, "alexa35")
    assert out.shape[1] == 64 and out.shape[0] > 36
    assert (out[:36] == img).all()


# ------------------------------------------------------------------ the lens

@pytest.mark.parametrize("family", sorted(cameras.LENS_FAMILIES))
def test_falloff_darkens_corners_by_the_stated_amount_at_full_aperture(family):
    fam = cameras.lens_family(family)
    ev = ex.corner_falloff_ev(family, fam.widest_t)
    assert ev == pytest.approx(fam.falloff_ev)
    gain = ex.falloff_map(90, 160, ev)
    corners = [gain[0, 0], gain[0, -1], gain[-1, 0], gain[-1, -1]]
    centre = gain[44:46, 79:81].mean()
    for corner in corners:
        assert math.log2(centre / corner) == pytest.approx(fam.falloff_ev, rel=0.05)


def test_falloff_clears_as_the_iris_closes():
    fam = cameras.lens_family("modern_prime")
    two_down = fam.widest_t * 2.0
    assert ex.corner_falloff_ev("modern_prime", two_down) == pytest.approx(fam.falloff_residual_ev)
    assert ex.corner_falloff_ev("modern_prime", 2.0) < fam.falloff_ev


def test_grain_grows_with_iso_above_native():
    native = ex.grain_sigma(800, "alexa35")
    assert ex.grain_sigma(3200, "alexa35") == pytest.approx(2 * native)
    assert ex.grain_sigma(3200, "venice2") == ex.grain_sigma(800, "venice2")   # dual base


def test_every_body_has_native_isos_and_latitude():
    for b in cameras.BODIES.values():
        assert b.native_isos and all(ex.ISO_RANGE[0] <= i <= ex.ISO_RANGE[1] for i in b.native_isos)
        assert 10.0 <= b.latitude_over + b.latitude_under <= 18.0
    assert cameras.default_family("alexa35", 2.0) == "anamorphic"
    assert cameras.default_family("alexa35", 1.0, "optimo_15_40") == "cine_zoom"


def test_exrs_we_write_name_their_working_colour_space(tmp_path):
    import OpenEXR

    from ai_sets_addon.core.fileio import write_exr

    path = write_exr(tmp_path / "x.exr", np.zeros((4, 4, 3), np.float32))
    with OpenEXR.File(str(path), header_only=True) as exr:
        header = dict(exr.header())
    assert header["colorInteropID"] == "lin_rec709_scene"      # as Blender 5 tags renders
    assert header["oiio:ColorSpace"] == "Linear Rec.709"       # Blender's OCIO name


# ------------------------------------------------------------------ where the settings come from

def test_the_camera_options_make_one_request_for_every_rendering_command():
    from ai_sets_addon.cli import common, make_parser

    parser = make_parser()
    for command in (["build", "p", "--out", "x"], ["storyboard", "s", "--out", "x"],
                    ["batch", "j.toml", "--out", "x"], ["meter", "s", "--camera", "c"],
                    ["previs", "s", "--out", "x", "--move", "dolly"]):
        args = parser.parse_args(command + ["--iso", "1600", "--shutter", "1/50", "--nd", "0.6",
                                            "--t-stop", "4", "--white-balance", "3200K",
                                            "--no-lens-effects"])
        request = common.camera_request(args)
        assert (request.iso, request.shutter_s, request.nd, request.t_stop) == (1600, 0.02, 0.6, 4)
        assert request.white_balance_k == 3200 and request.lens_effects is False
        assert request.is_manual
    auto = common.camera_request(parser.parse_args(["build", "p", "--out", "x"]))
    assert auto == ex.Request() and not auto.is_manual


def test_a_saved_shot_fixes_what_it_saved_and_wins_over_the_command_line():
    from ai_sets_addon.scout.shots import Shot, shot_from_dict

    shot = Shot("A", iso=3200.0, nd=0.0, t_stop=2.0, white_balance_k=3200.0)
    request = shot.exposure_request()
    assert request.t_stop == 2.0 and request.iso == 3200.0 and request.shutter_angle_deg is None
    merged = ex.Request(iso=800.0, nd=0.9, shutter_angle_deg=90.0).merged(request)
    assert (merged.iso, merged.nd, merged.shutter_angle_deg) == (3200.0, 0.0, 90.0)
    assert Shot("B", t_stop=2.8).exposure_request().t_stop is None     # DOF only: auto iris
    assert shot_from_dict({"name": "old", "t_stop": 2.8}).iso is None   # old shots.json


def test_job_file_exposure_tables_are_checked_with_their_lines(tmp_path):
    from ai_sets_addon.farm import jobfile

    good = jobfile.parse('[defaults]\nexposure = { iso = 800, shutter = "172.8", nd = 0.6 }\n'
                         '[[set]]\nprompt = "a room"\n  [[set.shot]]\n  camera = "all"\n'
                         '  exposure = { white_balance = 3200, lens_effects = false }\n')
    shot = good.sets[0].shots[0]
    assert shot.exposure == {"white_balance_k": 3200.0, "lens_effects": False}
    inherited = jobfile.parse('[defaults]\nexposure = { iso = 800, shutter = "1/50" }\n'
                              '[[set]]\nprompt = "a room"\n')
    assert inherited.sets[0].shots[0].exposure == {"iso": 800.0, "shutter_angle_deg": None,
                                                   "shutter_s": 0.02}
    with pytest.raises(InputError) as info:
        jobfile.parse('[[set]]\nprompt = "a room"\n  [[set.shot]]\n'
                      '  exposure = { iso = 5, shutter = "fast", focus = 2 }\n')
    text = str(info.value)
    assert "ISO 5" in text and "shutter 'fast'" in text and "unknown exposure key 'focus'" in text
    assert "line 4" in text or ":4:" in text


def test_the_legend_still_has_its_swatches_without_pillow(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_pil(name, *args, **kwargs):
        if name == "PIL" or name.startswith("PIL."):
            raise ImportError("no Pillow here")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pil)
    img = ex.false_colour(np.full((36, 64, 3), 0.18), "alexa35")
    out = ex.with_legend(img, "alexa35")
    assert out.shape[0] > 36 and (out[:36] == img).all()
    swatches = {tuple(c) for c in out[37]}
    assert {z.colour for z in ex.zones("alexa35")} <= swatches
