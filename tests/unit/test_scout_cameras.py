"""Camera bodies, lenses, anamorphic squeeze, frame lines and depth of field against
published figures."""

from __future__ import annotations

import math

import pytest

from ai_sets_addon.core.errors import InputError
from ai_sets_addon.model.plan import CameraPlan
from ai_sets_addon.scout import cameras


# (body, published active area in mm, photosites) - manufacturers' data sheets
PUBLISHED = {
    "alexa35": ((27.99, 19.22), (4608, 3164)),
    "alexa_mini_lf": ((36.70, 25.54), (4448, 3096)),
    "v_raptor": ((40.96, 21.60), (8192, 4320)),
    "venice2": ((35.90, 24.00), (8640, 5760)),
    "ursa12k": ((27.03, 14.25), (12288, 6480)),
    "full_frame": ((36.0, 24.0), (6000, 4000)),
}


@pytest.mark.parametrize("key", sorted(PUBLISHED))
def test_sensor_sizes_match_published_figures(key: str) -> None:
    body = cameras.body(key)
    assert body.sensor_mm == pytest.approx(PUBLISHED[key][0])
    assert body.pixels == PUBLISHED[key][1]
    # photosite pitch is square on every one of these sensors (within 1 %)
    pitch = (body.sensor_mm[0] / body.pixels[0], body.sensor_mm[1] / body.pixels[1])
    assert pitch[0] == pytest.approx(pitch[1], rel=0.01)


def test_alexa35_with_35mm_gives_published_horizontal_fov() -> None:
    cap = cameras.capture("alexa35", 35.0)
    assert cap.hfov_deg == pytest.approx(43.6, abs=0.05)
    assert cap.vfov_deg == pytest.approx(30.7, abs=0.1)


@pytest.mark.parametrize("lens, fov", [(18, 90.0), (24, 73.7), (50, 39.6), (135, 15.2)])
def test_full_frame_fov_matches_lens_tables(lens: float, fov: float) -> None:
    # the usual 36 x 24 mm tables give horizontal angles of view to 0.1°
    assert cameras.capture("full_frame", lens).hfov_deg == pytest.approx(fov, abs=0.06)


def test_primes_and_zooms_cover_14_to_135() -> None:
    assert min(cameras.PRIMES_MM) == 14 and max(cameras.PRIMES_MM) == 135
    assert all(z.range_mm[0] < z.range_mm[1] for z in cameras.ZOOMS.values())


@pytest.mark.parametrize("squeeze", [1.3, 1.5, 2.0])
def test_anamorphic_desqueezes_to_scope_and_widens_horizontally(squeeze: float) -> None:
    spherical = cameras.capture("alexa_mini_lf", 50.0)
    ana = cameras.capture("alexa_mini_lf", 50.0, squeeze)
    # the capture area fills 2.39:1 once desqueezed (clipped to the sensor)
    assert ana.aspect == pytest.approx(2.39, abs=0.01)
    assert ana.area_mm[0] <= spherical.area_mm[0] + 1e-9
    assert ana.area_mm[1] <= spherical.area_mm[1] + 1e-9
    # horizontal FOV is that of a spherical lens of f / squeeze on the area's width
    want = math.degrees(2 * math.atan(ana.area_mm[0] * squeeze / (2 * 50.0)))
    assert ana.hfov_deg == pytest.approx(want)
    # vertically the lens is a plain 50 mm on the area's height
    assert ana.vfov_deg == pytest.approx(math.degrees(2 * math.atan(ana.area_mm[1] / 100.0)))
    # as recorded: square photosites, pixel aspect = squeeze -> displayed aspect 2.39
    (w, h), pixel_aspect = ana.recorded_resolution()
    assert pixel_aspect == squeeze
    assert w * pixel_aspect / h == pytest.approx(2.39, rel=0.01)
    # desqueezed render: square pixels at the desqueezed aspect
    rw, rh = ana.desqueezed_resolution(1920)
    assert rw / rh == pytest.approx(2.39, rel=0.01)


def test_camera_plan_keeps_desqueezed_width_for_other_readers() -> None:
    fields = cameras.camera_fields("alexa35", 40.0, 2.0, "2.39", 3.0, 2.8)
    plan = CameraPlan("c", (0, 0, 1.6), (0, 5, 1.6), **fields)
    cap = cameras.capture("alexa35", 40.0, 2.0)
    assert plan.sensor_width_mm == pytest.approx(cap.sensor_width_mm, abs=1e-3)
    assert plan.squeeze == 2.0 and plan.frame_line == "2.39" and plan.body == "alexa35"
    # a plain plan (as every archetype makes) keeps the old defaults
    plain = CameraPlan("p", (0, 0, 0), (0, 1, 0))
    assert (plain.body, plain.squeeze, plain.frame_line, plain.t_stop) == ("", 1.0, "", 0.0)


def test_phone_has_its_fixed_lens() -> None:
    cap = cameras.capture("phone", 85.0)
    assert cap.lens_mm == pytest.approx(6.86)
    # 24 mm full-frame equivalent: crop factor x focal
    crop = math.hypot(36, 24) / cameras.body("phone").diagonal_mm
    assert crop * cap.lens_mm == pytest.approx(24.0, abs=1.0)


@pytest.mark.parametrize("line, aspect", [("2.39", 2.39), ("1.85", 1.85), ("16:9", 16 / 9),
                                          ("4:3", 4 / 3)])
def test_frame_lines_fit_inside_the_image(line: str, aspect: float) -> None:
    for image_aspect in (4 / 3, 16 / 9, 2.39, 2.67):
        left, top, right, bottom = cameras.frame_line_box(image_aspect, line)
        assert 0 <= left < right <= 1 and 0 <= top < bottom <= 1
        assert (right - left) * image_aspect / (bottom - top) == pytest.approx(aspect)
        assert left == pytest.approx(1 - right) and top == pytest.approx(1 - bottom)


def test_depth_of_field_figures() -> None:
    # Super 35-width sensor, 50 mm at T2.8 focused at 3 m: CoC ~0.02 mm, about 0.3 m deep
    dof = cameras.depth_of_field((24.89, 14.0), 50.0, 2.8, 3.0)
    assert dof.coc_mm == pytest.approx(0.019, abs=0.001)
    assert dof.near_m < 3.0 < dof.far_m
    assert 0.2 < dof.far_m - dof.near_m < 0.45
    wide = cameras.depth_of_field((24.89, 14.0), 18.0, 8.0, 3.0)
    assert wide.far_m == math.inf and wide.hyperfocal_m < 3.0


def test_bad_choices_say_what_to_use() -> None:
    with pytest.raises(InputError, match="alexa35"):
        cameras.capture("arri", 35.0)
    with pytest.raises(InputError, match="1.3"):
        cameras.capture("alexa35", 35.0, 1.8)
    with pytest.raises(InputError, match="2.39"):
        cameras.frame_line_box(1.78, "2.2")
