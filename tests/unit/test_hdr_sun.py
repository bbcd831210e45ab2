"""Finding the sun in skies exposed as cameras expose them (issue 23), on the project's
own sky at 512x256: an aureole merged with a clipped horizon band (the old lift said
"no sun" there), a sky clipped almost everywhere (nothing to find: it says so), the
camera simulation itself, and the same bytes whatever the thread count."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest

from ai_sets_addon.generation.hdr import LiftOptions, Panorama, lift
from ai_sets_addon.core.colour import linear_to_srgb, srgb_to_linear
from ai_sets_addon.generation.hdr import response
from ai_sets_addon.generation.hdr.read import _LUT8, CLIP_8BIT
from ai_sets_addon.generation.hdr.testset import (GOALS, elevation_datetime, encode, expose,
                                                  score, sky_median)
from ai_sets_addon.model.plan import SkyRequest
from ai_sets_addon.generation.sky import SkyOptions, render_sky
from ai_sets_addon.generation.sky.solar import solar_position

ROOT = Path(__file__).resolve().parents[2]
WIDTH = 512


@lru_cache(maxsize=4)
def clear_sky(elevation: float, azimuth: float = 120.0, haze: float = 0.3):
    request = SkyRequest(latitude=20.0, longitude=0.0, cloud_cover="clear", haze=haze,
                         datetime_iso=elevation_datetime(elevation), sun_azimuth_deg=azimuth)
    sky = render_sky(request, WIDTH, SkyOptions(sun_in_map=True))
    return sky.rgb, (sky.lights.sun_elevation_deg, sky.lights.sun_azimuth_deg)


def camera(rgb: np.ndarray, ev: float, curve: str = "srgb") -> tuple[Panorama, np.ndarray]:
    u8 = expose(rgb, ev, curve)
    return Panorama(_LUT8[u8], u8.max(axis=2) >= CLIP_8BIT, "png8", "inverse sRGB",
                    Path("camera.png")), u8


def test_elevation_datetime_puts_the_sun_where_asked():
    from datetime import datetime

    for el in (2.0, 35.0, 70.0):
        when = datetime.fromisoformat(elevation_datetime(el))
        assert solar_position(when, 20.0, 0.0).elevation_deg == pytest.approx(el, abs=0.01)


@pytest.mark.parametrize("curve", ["gamma", "srgb", "filmic"])
def test_the_camera_puts_the_sky_median_at_mid_grey_shifted_by_ev(curve):
    rgb, _ = clear_sky(30.0)
    for ev in (-2.0, 1.0):
        u8 = expose(rgb, ev, curve)
        code = float(np.median(u8[: WIDTH // 4 - 5].mean(axis=2)))
        target = 255.0 * float(encode(np.array([0.18 * 2.0 ** ev]), curve)[0])
        assert abs(code - target) < 12.0, (curve, ev, code, target)
    assert sky_median(rgb) > 0.0


def test_sun_is_found_when_its_aureole_merges_with_a_clipped_horizon():
    """+1.5 EV at an 8° sun: the aureole and the horizon band clip as one region of
    ~2.8 sr (the old lift: "too large for a sun ... no sun added")."""
    rgb, truth = clear_sky(8.0)
    pano, u8 = camera(rgb, 1.5)
    result = lift(pano)
    assert result.sun.found, result.sun.reason
    assert result.sun.clipped_solid_angle_sr > 1.5
    s = score(result, rgb, u8, truth)
    assert s.sun_error_deg <= GOALS["sun_deg"], s
    assert abs(s.irradiance_ratio - 1.0) <= GOALS["irradiance"], s
    assert s.peak_median >= GOALS["peak_median"], s
    assert 0.0 < result.confidence <= 1.0


def test_a_clipped_horizon_line_bigger_than_the_sun_is_not_taken_for_it():
    """-2 EV under a 35° sun: the camera clips only the sun and its inner aureole, and a
    thin line of bright horizon, which holds more pixels (Blender's own sky does this
    through a 2.2 gamma at -1 EV). The old lift took the biggest clipped region for the
    sun, put it on the horizon, then refused the sky's fit: "no sun"."""
    rgb, truth = clear_sky(35.0)
    pano, u8 = camera(rgb, -2.0, "gamma")
    line = (slice(WIDTH // 4 - 1, WIDTH // 4 + 1), slice(0, WIDTH // 2))   # ±0.35°, 180° wide
    u8 = u8.copy()
    u8[line] = 252
    pano = Panorama(_LUT8[u8], u8.max(axis=2) >= CLIP_8BIT, "png8", "inverse sRGB",
                    Path("camera.png"))
    disc = int(np.sum(pano.clipped[: WIDTH // 4 - 2]))
    assert 0 < disc < np.sum(pano.clipped[line])      # the line outweighs the disc
    result = lift(pano)
    assert result.sun.found, result.sun.reason
    s = score(result, rgb, u8, truth)
    assert s.sun_error_deg <= GOALS["sun_deg"], (s, result.sun.reason)
    assert abs(s.irradiance_ratio - 1.0) <= GOALS["irradiance"], s


def test_a_clipped_horizon_line_under_a_low_sun_is_not_taken_for_it():
    """Blender's sky through a filmic curve at -2 EV clips the 5° sun's disc and a short
    line of horizon glow right under it, 5° lower and wider than the disc. The CIE
    score took the line (the sun 4.6° low, half the light); the physically modelled
    wedge around each clipped region picks the disc."""
    from ai_sets_addon.generation.sky.equirect import column_azimuths, row_elevations

    rgb, truth = clear_sky(5.0)
    u8 = expose(rgb, -2.0, "filmic")
    els = row_elevations(WIDTH // 2)[:, None]
    off = np.abs((column_azimuths(WIDTH)[None, :] - truth[1] + 180.0) % 360.0 - 180.0)
    u8 = u8.copy()
    u8[(els > 0.0) & (els < 0.8) & (off < 5.0)] = 255
    pano = Panorama(_LUT8[u8], u8.max(axis=2) >= CLIP_8BIT, "png8", "inverse sRGB",
                    Path("camera.png"))
    line = int(np.sum(pano.clipped[WIDTH // 4 - 2:WIDTH // 4]))
    assert 0 < np.sum(pano.clipped[: WIDTH // 4 - 2]) < line    # the line outweighs the disc
    result = lift(pano)
    assert result.sun.found, result.sun.reason
    s = score(result, rgb, u8, truth)
    assert s.sun_error_deg <= GOALS["sun_deg"], (s, result.sun.reason)
    assert abs(s.irradiance_ratio - 1.0) <= GOALS["irradiance"], s


def test_the_sun_is_never_put_in_sky_the_camera_saw_unclipped():
    """The fits can overshoot a low sun where the sky is not the model's (Blender's sky
    through a filmic curve: a clipped disc at 5° and a sun fitted at 9°). The clipped
    pixels bound it: here the sky around is a 12° sun's, but the camera clipped only a
    disc at 5° and the horizon band under it (the old lift put the sun at 11.4°); the sun
    goes at most at the disc's top."""
    from ai_sets_addon.generation.sky.equirect import column_azimuths, row_elevations

    rgb, (_, azimuth) = clear_sky(12.0)
    u8 = np.minimum(expose(rgb, -1.0, "srgb"), 240).astype(np.uint8)
    els = row_elevations(WIDTH // 2)[:, None]
    off = np.abs((column_azimuths(WIDTH)[None, :] - azimuth + 180.0) % 360.0 - 180.0)
    disc = np.hypot(els - 5.0, off * np.cos(np.radians(5.0))) < 1.0
    band = (els > 0.0) & (els < 4.2) & (off < 20.0)        # touches the disc: one region
    u8[disc | band] = 255
    pano = Panorama(_LUT8[u8], u8.max(axis=2) >= CLIP_8BIT, "png8", "inverse sRGB",
                    Path("camera.png"))
    result = lift(pano)
    assert result.sun.found, result.sun.reason
    assert result.sun.elevation_deg <= 6.0 + 180.0 / 256, result.refine
    assert abs(result.sun.azimuth_deg - azimuth) < 2.0


def _product_sky(elevation: float, azimuth: float) -> np.ndarray:
    """A sky no physical model makes: a bright horizon profile times a circumsolar
    falloff (another renderer's or a real atmosphere's), with a sun disc."""
    from ai_sets_addon.generation.sky.bodies import SUN_RADIUS_DEG, draw_disc
    from ai_sets_addon.generation.sky.equirect import (column_azimuths, direction,
                                                       row_elevations)

    els, azs = row_elevations(WIDTH // 2)[:, None], column_azimuths(WIDTH)[None, :]
    cos = direction(els, azs) @ direction(np.array(elevation), np.array(azimuth))
    gamma = np.degrees(np.arccos(np.clip(cos, -1.0, 1.0)))
    profile = 1.0 + 3.0 * np.exp(-np.maximum(els, 0.0) / 12.0)
    falloff = (0.4 + 25.0 * np.exp(-gamma / 5.0) + 4.0 * np.exp(-gamma / 25.0)
               + 0.6 * cos ** 2)
    lum = profile * falloff
    rgb = np.stack([lum * 0.8, lum * 0.95, lum * 1.25], axis=-1).astype(np.float32)
    rgb[els[:, 0] < 0.0] = 0.3
    draw_disc(rgb, elevation, azimuth, SUN_RADIUS_DEG, np.array([5e3, 5e3, 5e3]))
    return rgb


@pytest.mark.parametrize("elevation", [20.0, 30.0])
def test_a_high_sun_merged_with_a_clipped_horizon_is_placed_without_a_sky_model(elevation):
    """+1 EV on a sky that is not the clear-sky model's: the aureole merges with the
    clipped horizon band and the sky left is far from the sun, where the model's fit
    misses (it put these suns at 16.2° and 35.2°); the model-free collapse of the sky
    into a horizon profile times a falloff around the sun (model_free.py) places them."""
    rgb = _product_sky(elevation, 100.0)
    u8 = expose(rgb, 1.0, "srgb")
    pano = Panorama(_LUT8[u8], u8.max(axis=2) >= CLIP_8BIT, "png8", "inverse sRGB",
                    Path("camera.png"))
    result = lift(pano)
    assert result.sun.clipped_solid_angle_sr > 1.5, result.sun.reason     # merged
    s = score(result, rgb, u8, (elevation, 100.0))
    assert s.sun_error_deg <= GOALS["sun_deg"], (s, result.refine.get("fit_deg"))
    assert abs(result.refine["fit_deg"] - elevation) > GOALS["sun_deg"]  # the fit alone missed


def test_the_azimuth_is_where_the_sky_is_mirror_symmetric():
    """A clipped band on one side of the sun merges with its aureole (a sunlit wall, a
    bright haze bank): the clipped area leans that way, and the first estimate with it
    (9.7° off here). A clear sky is symmetric about the sun's vertical whatever the
    model or the tone curve: the azimuth about which the unclipped sky mirrors best."""
    from ai_sets_addon.generation.sky.equirect import column_azimuths, row_elevations

    rgb = _product_sky(20.0, 100.0)
    u8 = expose(rgb, 0.5, "srgb").copy()
    els = row_elevations(WIDTH // 2)[:, None]
    off = (column_azimuths(WIDTH)[None, :] - 100.0 + 180.0) % 360.0 - 180.0
    u8[(els > 0.0) & (els < 10.0) & (off > 0.0) & (off < 120.0)] = 255
    pano = Panorama(_LUT8[u8], u8.max(axis=2) >= CLIP_8BIT, "png8", "inverse sRGB",
                    Path("camera.png"))
    result = lift(pano)
    assert abs(result.refine["mirror_from_deg"] - 100.0) > 5.0   # the clipped area's
    assert abs(result.sun.azimuth_deg - 100.0) < 0.5, result.refine.get("mirror_cost")


def test_the_rebuilt_aureole_follows_the_sky_the_camera_clipped():
    """At 0 EV the camera clips 15° round a 30° sun of a sky that is not the model's.
    The rebuilt aureole is the model times a gain that meets the seen sky all round the
    clip edge: within 0.4 stop of the original at the median between 1° and 15° from
    the sun (one gain for the whole zone, raised to clear the clip: 1.25 stops over, a
    pale plateau with a hard edge in the preview)."""
    from ai_sets_addon.generation.hdr.testset import exposure_ratio
    from ai_sets_addon.generation.sky.equirect import (column_azimuths, direction,
                                                       row_elevations)
    from ai_sets_addon.generation.sky.spectrum import luminance

    rgb = _product_sky(30.0, 100.0)
    u8 = expose(rgb, 0.0, "srgb")
    pano = Panorama(_LUT8[u8], u8.max(axis=2) >= CLIP_8BIT, "png8", "inverse sRGB",
                    Path("camera.png"))
    result = lift(pano)
    dirs = direction(row_elevations(WIDTH // 2)[:, None], column_azimuths(WIDTH)[None, :])
    gamma = np.degrees(np.arccos(np.clip(dirs @ direction(np.array(30.0), np.array(100.0)),
                                         -1.0, 1.0)))
    near = pano.clipped & (gamma > 1.0) & (gamma < 15.0)
    assert near.sum() > 500
    k = exposure_ratio(result.rgb, rgb, u8)
    stops = np.abs(np.log2(luminance(result.rgb[near]) / (k * luminance(rgb[near]))))
    assert float(np.median(stops)) < 0.4, float(np.median(stops))


def test_a_sky_clipped_almost_everywhere_gets_no_invented_sun():
    rgb, _ = clear_sky(15.0)
    pano, _ = camera(rgb, 2.5)
    result = lift(pano)
    assert not result.sun.found
    assert "clipped to white" in result.sun.reason and "--sun" in result.sun.reason
    assert result.irradiance == 0.0


def _clipped_share(pano: Panorama) -> float:
    """The clipped share of the sky above 3°, by solid angle."""
    from ai_sets_addon.generation.sky.equirect import row_elevations

    els = row_elevations(pano.clipped.shape[0])
    rows = els > 3.0
    weights = np.cos(np.radians(els[rows]))
    return float(np.sum(pano.clipped[rows].mean(axis=1) * weights) / np.sum(weights))


def test_the_sun_is_read_from_the_darkest_sky_a_camera_kept():
    """+2 EV at a 15° sun: 86 % of the sky clips (the sun, the whole bright side, the
    horizon). The clipped pixels say the sky there is at least white; the sky kept says
    how dark it is far from the sun. Only the true sun's clear sky does both (the old
    lift said "no sun")."""
    rgb, truth = clear_sky(15.0)
    pano, u8 = camera(rgb, 2.0)
    assert 0.7 < _clipped_share(pano) < 0.98
    result = lift(pano)
    assert result.sun.found and result.sun.method == "saturated", result.sun.reason
    s = score(result, rgb, u8, truth)
    assert s.sun_error_deg <= GOALS["sun_deg"], (s, result.sun.reason)
    assert abs(s.irradiance_ratio - 1.0) <= GOALS["irradiance"], s
    assert s.peak_median >= GOALS["peak_median"], s


def test_a_clouded_sky_clipped_on_the_line_to_saturated_still_gets_its_sun(tmp_path):
    """Two stops over a clouded sky with a 5° sun, 70 % of it clips: as a PNG it is read
    as saturated (the sun from the darkest sky kept), but as a JPEG it fell just under
    that share, was read as clipped, and the clear sky fitted around its clipped cell
    failed (residual 0.36): the lift said "no sun" in a sky that shows one. That fit
    was made under filmic 1.5, which the wedge preferred though no curve explained it
    (relative misfits 0.71-0.74); no curve is read from such a wedge now, and as read
    the clear sky fits (0.04) with the sun 0.1° off."""
    from PIL import Image

    from ai_sets_addon.generation.hdr.read import read_panorama

    request = SkyRequest(latitude=20.0, longitude=0.0, datetime_iso=elevation_datetime(5.0),
                         sun_azimuth_deg=200.0, cloud_cover="few", haze=0.2, seed=3)
    sky = render_sky(request, 1024, SkyOptions(sun_in_map=True))
    truth = (sky.lights.sun_elevation_deg, sky.lights.sun_azimuth_deg)
    u8 = expose(sky.rgb, 2.0, "srgb")
    Image.fromarray(u8).save(tmp_path / "sky.jpg", quality=85)
    pano = read_panorama(tmp_path / "sky.jpg")
    assert 0.6 < _clipped_share(pano) < 0.8
    result = lift(pano)
    assert result.sun.found, result.sun.reason
    assert result.response == pano.response, result.refine.get("curve_cost")
    s = score(result, sky.rgb, u8, truth)
    assert s.sun_error_deg <= GOALS["sun_deg"], (s, result.sun.reason)
    assert abs(s.irradiance_ratio - 1.0) <= GOALS["irradiance"], s
    assert s.peak_median >= GOALS["peak_median"], s


def test_a_clouded_overexposed_sky_s_sun_is_the_one_the_whole_sky_fits_along_the_valley():
    """+2 EV on a clouded sky with a 5° sun: 70 % clips, and the censored fit's haze and
    elevation trade off along a valley (0.1 of haze for ~1°), where the clouds pulled
    its least to haze 0 and a sun at 7.6° (2.6° off, x1.30). Of the hazes that tie
    along the valley, the one whose clear sky fits the whole unclipped sky best puts
    the sun within the goals."""
    request = SkyRequest(latitude=20.0, longitude=0.0, datetime_iso=elevation_datetime(5.0),
                         sun_azimuth_deg=200.0, cloud_cover="few", haze=0.2, seed=3)
    sky = render_sky(request, WIDTH, SkyOptions(sun_in_map=True))
    truth = (sky.lights.sun_elevation_deg, sky.lights.sun_azimuth_deg)
    pano, u8 = camera(sky.rgb, 2.0)
    assert 0.6 < _clipped_share(pano) < 0.98
    result = lift(pano)
    assert result.sun.found and result.sun.method == "saturated", result.sun.reason
    s = score(result, sky.rgb, u8, truth)
    assert s.sun_error_deg <= GOALS["sun_deg"], (s, result.sun.reason)
    assert abs(s.irradiance_ratio - 1.0) <= GOALS["irradiance"], s
    assert s.peak_median >= GOALS["peak_median"], s


def test_an_overexposed_overcast_sky_gets_no_invented_sun():
    """+3 EV on an overcast sky keeps only its darker horizon ring, as a clear sky under
    a high sun would: the overcast sky explains it better, so no sun is added."""
    request = SkyRequest(latitude=20.0, longitude=0.0, cloud_cover="overcast", haze=0.3,
                         datetime_iso=elevation_datetime(40.0), sun_azimuth_deg=120.0)
    rgb = render_sky(request, WIDTH, SkyOptions(sun_in_map=True)).rgb
    pano, _ = camera(rgb, 3.0)
    assert _clipped_share(pano) > 0.7
    result = lift(pano)
    assert not result.sun.found, result.sun.reason
    assert "no clear sky's" in result.sun.reason and "--sun" in result.sun.reason


def test_a_filmic_camera_is_recognised_and_undone():
    """+2 EV through the AgX-like curve: read as sRGB, the shoulder flattens the sky
    around the sun (the sun came out low, the light 40-80 % short); the lift finds the
    curve from the sky itself and lifts it as it lifts an sRGB file."""
    rgb, truth = clear_sky(30.0)
    pano, u8 = camera(rgb, 2.0, "filmic")
    result = lift(pano)
    assert result.response.startswith("tone curve filmic"), result.refine.get("curve_cost")
    s = score(result, rgb, u8, truth)
    assert s.sun_error_deg <= GOALS["sun_deg"], s
    assert abs(s.irradiance_ratio - 1.0) <= GOALS["irradiance"], s
    assert s.peak_median >= GOALS["peak_median"], s
    as_srgb = score(lift(pano, LiftOptions(response="srgb")), rgb, u8, truth)
    assert as_srgb.irradiance_ratio < 1.0 - GOALS["irradiance"], as_srgb


def test_a_filmic_curve_s_contrast_is_read_from_the_whole_sky_s_level():
    """0 EV at a 20° sun through the AgX-like curve: with the wedge's shape alone (its
    free slope absorbs a curve's contrast) the file was read with contrast 2.5 and a
    sun 1.4° low: the light came out 26 % short. The whole unclipped sky's level, fitted
    for each curve at its own best elevation, tells the contrasts apart."""
    rgb, truth = clear_sky(20.0)
    pano, u8 = camera(rgb, 0.0, "filmic")
    result = lift(pano)
    assert result.response == "tone curve filmic 2", result.refine.get("curve_level")
    s = score(result, rgb, u8, truth)
    assert s.sun_error_deg <= 0.5, s
    assert abs(s.irradiance_ratio - 1.0) <= 0.1, s


def test_an_srgb_camera_keeps_srgb():
    rgb, truth = clear_sky(30.0)
    pano, u8 = camera(rgb, 1.0, "srgb")
    result = lift(pano)
    assert result.response == pano.response, result.refine.get("curve_cost")
    assert score(result, rgb, u8, truth).sun_error_deg <= GOALS["sun_deg"]


def test_the_tone_curve_family_decodes_what_it_encodes():
    x = np.geomspace(1e-4, 1.0, 50)
    for curve in response.FAMILY:
        np.testing.assert_allclose(response.decode(response.encode(x, curve), curve), x,
                                   rtol=2e-3)
    with pytest.raises(ValueError, match="filmic 2.*agx.*pbr-neutral"):
        response.curve_named("aces")


def test_pbr_neutral_is_undone_pixel_by_pixel_colour_included():
    """Khronos PBR Neutral compresses a pixel by its largest channel and mixes some white
    in: undone channel by channel on the grey curve, a bright blue sky at the shoulder
    comes back 10 % and more off; undone pixel by pixel, as it was."""
    rng = np.random.default_rng(7)
    rgb = rng.uniform(0.0, 1.6, (4000, 3)) * rng.uniform(0.05, 1.0, (4000, 1))
    display = response.pbr_neutral(rgb)
    kept = display.max(axis=1) < srgb_to_linear(np.float64(CLIP_8BIT / 255.0))
    undone = response.neutral_pixels(display) * response.neutral_white()
    np.testing.assert_allclose(undone[kept], rgb[kept], rtol=1e-4, atol=5e-5)
    blue = np.array([[0.45, 0.8, 1.4]])
    code = linear_to_srgb(response.pbr_neutral(blue))
    by_channel = response.decode(code, response.PBR_NEUTRAL) * response.neutral_white()
    assert np.abs(by_channel / blue - 1.0).max() > 0.1


@pytest.mark.parametrize("curve,ev", [("pbr-neutral", 1.0), ("pbr-neutral", 2.0),
                                      ("agx", 1.0)])
def test_blender_s_agx_and_pbr_neutral_views_are_read_and_undone(curve, ev):
    """Blender's default view (AgX) and Khronos PBR Neutral are family members: read as
    sRGB, a 30° sun through them came out 3.7-8.7° off or its light 25-54 % off; read
    with the curve the lift estimates, within the goals. At +2 EV through PBR Neutral
    the wedge picked filmic 2 and the fit was refused (residual 0.29): read again with
    PBR Neutral (lift._with_shoulder), it fits (0.03)."""
    rgb, truth = clear_sky(30.0)
    pano, u8 = camera(rgb, ev, curve)
    result = lift(pano)
    assert result.response == f"tone curve {curve}", result.refine
    s = score(result, rgb, u8, truth)
    assert s.passes(True), s
    as_srgb = score(lift(pano, LiftOptions(response="srgb")), rgb, u8, truth)
    assert not as_srgb.passes(True), as_srgb


WRITER = r"""
import hashlib, json, sys
from pathlib import Path
import numpy as np
sys.path.insert(0, sys.argv[1])
from test_hdr_sun import camera, clear_sky
from ai_sets_addon.generation.hdr import lift
out = {}
for el, ev, curve in ((8.0, 1.5, "srgb"), (30.0, 0.0, "srgb"), (30.0, 2.0, "filmic"),
                      (20.0, 0.0, "filmic"), (15.0, 2.0, "srgb")):
    pano, _ = camera(clear_sky(el)[0], ev, curve)
    r = lift(pano)
    out[f"{el}/{ev}"] = [hashlib.sha256(np.ascontiguousarray(r.rgb).tobytes()).hexdigest(),
                         repr(r.sun.elevation_deg), repr(r.sun.azimuth_deg),
                         repr(r.fit.haze), repr(r.fit.scale)]
print(json.dumps(out))
"""


def _run(threads: int) -> dict:
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads),
               MKL_NUM_THREADS=str(threads), PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", WRITER, str(Path(__file__).parent)],
                          env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_lift_is_byte_identical_at_any_thread_count():
    one, two = _run(1), _run(2)
    assert one == two
    assert len({v[0] for v in one.values()}) == 5      # five different files, five maps


def test_a_moonlit_night_through_a_filmic_camera_gets_no_sun():
    """A moonlit sky is a dim copy of a sunlit one (its fit residual sat at 0.28-0.30 vs
    the 0.25 limit): the stars say night, so the moon is not taken for the sun; a
    daylight sky, even with clouds and saved as JPEG, has no stars."""
    from PIL import Image
    import io

    from ai_sets_addon.generation.hdr.sun import STAR_SHARE, star_share

    sky = render_sky(SkyRequest(time_of_day="night", cloud_cover="few", seed=5), WIDTH,
                     SkyOptions(sun_in_map=True))
    pano, u8 = camera(sky.rgb, 0.0, "filmic")
    assert star_share(pano.linear, pano.clipped) > 3 * STAR_SHARE
    result = lift(pano)
    assert not result.sun.found and result.irradiance == 0.0
    assert result.sun.reason.startswith("night: stars"), result.sun.reason
    day, _ = clear_sky(30.0)
    buf = io.BytesIO()
    Image.fromarray(expose(day, 1.0, "srgb")).save(buf, "JPEG", quality=85)
    jpeg = np.asarray(Image.open(buf))
    assert star_share(_LUT8[jpeg], jpeg.max(axis=2) >= CLIP_8BIT) == 0.0


def _off_model(rgb: np.ndarray) -> np.ndarray:
    """The sky with a horizon six times brighter than any clear sky the model makes,
    falling off over 8° (Blender's sky seen from 1,500 m: a white horizon band), its
    sun's disc untouched."""
    from ai_sets_addon.generation.sky.equirect import row_elevations

    els = np.maximum(row_elevations(rgb.shape[0]), 0.0)
    out = rgb * (1.0 + 6.0 * np.exp(-els / 8.0)).astype(np.float32)[:, None, None]
    return np.where(rgb.max(axis=2, keepdims=True) > 1e3, rgb, out)


def test_a_sun_disc_seen_with_its_aureole_is_kept_in_a_sky_the_model_cannot_fit():
    """Two stops under, only the disc clips; the clear-sky fit of this sky is poor (its
    residual over MAX_RESIDUAL made the lift say "no sun"), but the disc is seen and the
    sky brightens toward it: the sun is kept, with a note and a low confidence (its
    strength, from that fit, is not: irradiance x2.1 here)."""
    from ai_sets_addon.generation.hdr.lift import MAX_RESIDUAL

    rgb, truth = clear_sky(50.0)
    sky = _off_model(rgb)
    pano, u8 = camera(sky, -2.0)
    result = lift(pano)
    assert result.sun.found, result.sun.reason
    assert result.fit.residual > MAX_RESIDUAL
    s = score(result, sky, u8, truth)
    assert s.sun_error_deg < 0.5, s
    assert s.peak_median >= GOALS["peak_median"], s
    assert any("far from the clear-sky model" in n for n in result.notes), result.notes
    assert result.confidence < 0.2


def test_a_clipped_lamp_in_an_overcast_sky_is_not_taken_for_the_sun():
    """The same disc-sized clipped spot without an aureole around it (a lamp, a
    reflection against an overcast sky): no sun."""
    from ai_sets_addon.generation.sky.equirect import (column_azimuths, direction,
                                                       row_elevations)

    request = SkyRequest(latitude=20.0, longitude=0.0, cloud_cover="overcast", haze=0.3,
                         datetime_iso=elevation_datetime(40.0), sun_azimuth_deg=120.0)
    rgb = render_sky(request, WIDTH, SkyOptions(sun_in_map=False)).rgb.copy()
    h, w = rgb.shape[:2]
    dirs = direction(row_elevations(h)[:, None], column_azimuths(w)[None, :])
    lamp = dirs @ direction(np.array(30.0), np.array(200.0)) > np.cos(np.radians(0.4))
    rgb[lamp] = 1e4 * float(np.median(rgb))
    pano, _ = camera(rgb, 0.0)
    assert pano.clipped.any()
    result = lift(pano)
    assert not result.sun.found, result.sun.reason


def test_a_high_sun_with_no_sky_left_beside_it_is_read_from_the_clipped_cells():
    """+2 EV at a 70° sun: 60 % of the sky clips, the aureole merged with the bright
    horizon all round, so the wedge scan has no sky beside the sun to fit. The clipped
    cells say the sky there is at least white (the censored fit): the elevation comes
    from them and the sky kept (the CIE cell's had put it 7-9° off on the test set)."""
    rgb, truth = clear_sky(70.0, haze=0.2)
    pano, u8 = camera(rgb, 2.0)
    assert 0.5 < _clipped_share(pano) < 0.7
    result = lift(pano)
    assert "skipped" in result.refine.get("scan", ""), result.refine
    s = score(result, rgb, u8, truth)
    assert s.sun_error_deg <= 0.5, (s, result.sun.reason)
    assert abs(s.irradiance_ratio - 1.0) <= GOALS["irradiance"], s


def test_an_srgb_sky_whose_shape_ties_with_a_filmic_curve_is_read_as_srgb():
    """+2 EV sRGB at a 70° sun, 40 % clipped: the wedge's shape fits filmic 1.5 and sRGB
    within 1 %; read as filmic 2.5 the sun came out 17° low. Near-tied power laws are
    judged by the sky's level too, as the filmic contrasts are."""
    rgb, truth = clear_sky(70.0)
    pano, u8 = camera(rgb, 2.0)
    result = lift(pano)
    assert "filmic" not in result.response, result.response
    s = score(result, rgb, u8, truth)
    assert s.sun_error_deg <= 0.5, (s, result.refine.get("curve_cost"))


@lru_cache(maxsize=2)
def clouded_sky(elevation: float, width: int = WIDTH):
    """The test set's project sky with a few clouds (haze 0.2), its sun at azimuth 200°."""
    request = SkyRequest(latitude=20.0, longitude=0.0, cloud_cover="few", haze=0.2, seed=3,
                         datetime_iso=elevation_datetime(elevation), sun_azimuth_deg=200.0)
    sky = render_sky(request, width, SkyOptions(sun_in_map=True))
    return sky.rgb, (sky.lights.sun_elevation_deg, sky.lights.sun_azimuth_deg)


@pytest.mark.parametrize("elevation, width", [(2.0, WIDTH), (10.0, 1024)],
                         ids=["2deg-disc-seen", "10deg-scanned"])
def test_a_low_sun_s_filmic_contrast_is_judged_by_the_sky_s_level(elevation, width):
    """A low sun with a few clouds through the filmic camera (contrast 2), one stop
    under: the contrasts tie in shape, so the whole sky's level decides, each contrast
    judged at the haze it fits best (fit.fit_haze) and, for a scanned sun, at the
    shape's elevation, deciding past LOW_LEVEL_MARGIN (Blender's sky leans up to 1.7x
    to the wrong contrast near the horizon).
    - 2°, its disc seen whole: judged at the coarse hazes (0, 0.3, 0.6), contrast 2.5
      won, the fit took haze 0.28 for 0.2 and the disc came out 4x too dim;
    - 10°: the wedge's shape picks 2.5 by 6 %, which put the sun 3° low with 0.6 of the
      light (the level was not asked for a low sun). 1024 wide: at 512 the clouds'
      specks read as stars."""
    rgb, truth = clouded_sky(elevation, width)
    pano, u8 = camera(rgb, -1.0, "filmic")
    result = lift(pano)
    assert result.response == "tone curve filmic 2", result.refine.get("curve_level")
    s = score(result, rgb, u8, truth)
    assert s.passes(daylight=True), s


def test_a_clipped_ground_is_kept_at_the_clip_not_expanded_like_a_highlight():
    """+2 EV clips the project's sunlit ground as well as most of the sky: a diffuse
    surface at about the clip level. Expanded like a glint it came out four times
    brighter than the original's ground relative to the sky (5.3x the sky's median for
    1.3x): a set lit by that map gets four times the bounce light from below."""
    from ai_sets_addon.generation.sky.spectrum import luminance

    rgb, _ = clear_sky(70.0, haze=0.2)
    pano, _ = camera(rgb, 2.0)
    h = pano.clipped.shape[0]
    assert pano.clipped[h // 2:].mean() > 0.5
    result = lift(pano)

    def ground_over_sky(image: np.ndarray) -> float:
        y = luminance(image)
        return float(np.median(y[h // 2 + 5:]) / np.median(y[: h // 2 - 5]))

    assert ground_over_sky(result.rgb) < 1.5 * ground_over_sky(rgb), (
        ground_over_sky(result.rgb), ground_over_sky(rgb))


def test_a_haze_between_the_scan_s_coarse_hazes_is_fitted():
    """The final fit searched the scan's hazes (0, 0.3, 0.6); a sky at haze 0.1 had its
    least at the end sample 0, which a parabola cannot refine: the sun came out 1.12x
    too bright in the sky's irradiance (Blender's sky with six times the aerosol:
    1.33x). The fit's hazes now hold 0.1 too (FIT_HAZES)."""
    rgb, truth = clear_sky(30.0, haze=0.1)
    pano, u8 = camera(rgb, 0.0)
    result = lift(pano)
    assert abs(result.fit.haze - 0.1) <= 0.03, result.fit.costs
    s = score(result, rgb, u8, truth)
    assert abs(s.irradiance_ratio - 1.0) < 0.05, s


def test_the_sky_s_own_symmetry_overrides_a_fit_far_from_it():
    """model_free.sharp_collapse: over every elevation from 12°, the one whose sky
    collapses into a horizon profile times a falloff around the sun. On a sky no model
    makes it overrides a fit 6° off, to within 0.5°; it keeps a fit that agrees with it
    within DISAGREE_DEG; and a clouded sky's shallow trough overrides nothing."""
    from ai_sets_addon.generation.hdr.grid import work_grid
    from ai_sets_addon.generation.hdr.model_free import DISAGREE_DEG, sharp_collapse

    pano, _ = camera(_product_sky(40.0, 100.0), 0.0)
    grid = work_grid(pano.linear, pano.clipped)
    found, info = sharp_collapse(grid, 100.0, 12.0, 46.0)
    assert found is not None and abs(found - 40.0) < 0.5, info
    assert sharp_collapse(grid, 100.0, 12.0, 40.0 + DISAGREE_DEG - 0.5)[0] is None
    rgb, (el, az) = clouded_sky(20.0)
    pano, _ = camera(rgb, 0.0)
    found, info = sharp_collapse(work_grid(pano.linear, pano.clipped), az, 12.0, el + 6.0)
    assert found is None, info


def test_a_low_sun_s_fit_walks_to_the_haze_and_elevation_that_fit_best():
    """low_sun_elevation from a shape scan 4.5° too high at too hazy a coarse haze
    (what the golden-hour sky gave at 4096 wide: shape 8.6°, haze 0.3, for a 4° sun in
    a haze-0 sky). It probed one haze step either side and searched 6.5-14.5°: 0.2,
    and the range's floor, 6.6°. It now walks the haze down while a neighbour fits
    better and follows the cost below the range: 4° at haze 0."""
    from ai_sets_addon.generation.hdr.elevation import low_sun_elevation
    from ai_sets_addon.generation.hdr.grid import work_grid

    rgb, (el, az) = clear_sky(4.0, azimuth=262.0, haze=0.0)
    pano, _ = camera(rgb, 0.0)
    found, info = low_sun_elevation(work_grid(pano.linear, pano.clipped), az, el + 4.5, 0.3)
    assert abs(found - el) < 0.5, info
    assert info["low_sun_haze"] <= 0.1, info
    assert min(info["low_sun_deg"]) < el + 4.5 - 2.0, info      # searched below the range


def test_a_saturated_sky_s_sun_is_fitted_at_its_mirror_azimuth_and_best_haze():
    """+2 EV on the test set's clouded 50° sun (haze 0.2): 76 % of the sky clips. The
    censored fit took the CIE sky's azimuth (2.5° off) and a fixed search round its
    coarse best, which ended at its edge: 53° at haze 0.1, 3.0° high, on every curve
    and format of the grid. The elevation is now fitted at the azimuth the kept sky's
    mirror symmetry gives, and the haze walks to the best fitting one: 0.2 and 50°."""
    rgb, truth = clouded_sky(50.0)
    pano, u8 = camera(rgb, 2.0, "gamma")
    assert 0.7 < _clipped_share(pano) < 0.98
    result = lift(pano)
    assert result.sun.method == "saturated", result.sun.reason
    s = score(result, rgb, u8, truth)
    assert s.sun_error_deg < 1.0, (s, result.sun.reason)
    assert "haze 0.20" in result.sun.reason
    assert abs(s.irradiance_ratio - 1.0) <= 0.05, s


def test_a_low_sun_s_clipped_glow_under_the_horizon_has_no_bright_line():
    """At 0 EV a 5° sun's glow is clipped a few degrees under the horizon line too. That
    glow was left out of the sun's zone, so the fringe of it was expanded like a
    highlight (+2 EV): a thin line under the sun 2-3x brighter than the original in
    every lifted low sun. It now joins the zone and is rebuilt from the model: each row
    under the horizon near the sun stays within 25 % of the original."""
    from ai_sets_addon.generation.hdr.testset import exposure_ratio
    from ai_sets_addon.generation.sky.equirect import column_azimuths, row_elevations
    from ai_sets_addon.generation.sky.spectrum import luminance

    rgb, (el, az) = clear_sky(5.0, azimuth=60.0, haze=0.2)
    pano, u8 = camera(rgb, 0.0)
    result = lift(pano)
    k = exposure_ratio(result.rgb, rgb, u8)
    els = row_elevations(rgb.shape[0])
    offset = (column_azimuths(rgb.shape[1]) - az + 180.0) % 360.0 - 180.0
    near = np.abs(offset) < 10.0
    rows = np.nonzero((els < 0.0) & (els > -8.0))[0]
    assert pano.clipped[rows][:, near].any()           # the glow is clipped under the line
    lifted = np.array([luminance(result.rgb[r, near]).max() / k for r in rows])
    original = np.array([luminance(rgb[r, near]).max() for r in rows])
    assert np.all(np.abs(lifted / original - 1.0) < 0.25), list(zip(
        np.round(els[rows], 2), np.round(lifted / original, 2)))


@pytest.mark.parametrize("curve", ["gamma", "filmic"])
def test_a_white_balance_undone_holds_through_the_tone_curve_read(curve):
    """The file's tone curve is estimated by decoding it again with each curve; each
    decoding must undo the camera's white balance too (it is applied after the curve's
    inverse). A 4° sun balanced at 5600 K through a gamma or filmic camera: the curve
    read right, the sun within 0.5°, the sky in the light's own colours."""
    from ai_sets_addon.core.colour import white_balance_matrix
    from ai_sets_addon.generation.sky.spectrum import fixed_matmul

    rgb, truth = clear_sky(4.0, azimuth=250.0, haze=0.2)
    shot = fixed_matmul(rgb, white_balance_matrix(5600.0).astype(np.float32).T)
    pano, u8 = camera(shot, 0.0, curve)
    result = lift(pano, LiftOptions(white_balance=(5600.0, 0.0)))
    assert result.response.startswith({"gamma": "tone curve gamma 2.2",
                                       "filmic": "tone curve filmic 2"}[curve])
    assert result.response.endswith("camera white balance 5600 K (tint 0) undone")
    s = score(result, rgb, u8, truth)
    assert s.sun_error_deg < 0.5 and abs(s.irradiance_ratio - 1.0) < 0.1, s
    half = rgb.shape[0] // 2
    seen = (u8.max(axis=2) < 250)[:half]
    tint = np.median(result.rgb[:half][seen] / rgb[:half][seen], axis=0)
    assert np.ptp(tint / tint.mean()) < 0.03, tint


def test_the_rebuilt_aureole_meets_the_seen_sky_s_colour_on_every_side():
    """A sky redder on one side of the sun than the other (another renderer's, a real
    atmosphere's), 0 EV, a 20° sun. The aureole was rebuilt in one tint for the whole
    zone (the rim's median colour): at the clip edge it was 0.42 off in log R/B, redder
    than the seen sky on one side and bluer on the other. The gain field is now per
    channel: at the edge within 0.05, and the clipped sky's colour within 0.1 (median)."""
    from ai_sets_addon.generation.sky.equirect import column_azimuths

    rgb, (el, az) = clear_sky(20.0, azimuth=120.0, haze=0.2)
    side = np.sin(np.radians(column_azimuths(rgb.shape[1]) - az))[None, :]
    tinted = rgb.copy()
    tinted[..., 0] *= np.exp(0.4 * side)
    tinted[..., 2] *= np.exp(-0.4 * side)
    pano, _ = camera(tinted, 0.0)
    result = lift(pano)
    sky = pano.clipped.copy()
    sky[rgb.shape[0] // 2 - 4:] = False
    edge = sky & (~np.roll(pano.clipped, 1, 1) | ~np.roll(pano.clipped, -1, 1))
    assert edge.sum() > 50 and sky.sum() > 1000

    def red_over_blue(x: np.ndarray) -> np.ndarray:
        return np.log(x[..., 0] / x[..., 2])

    at_edge = np.abs(red_over_blue(result.rgb[edge]) - red_over_blue(tinted[edge]))
    inside = np.abs(red_over_blue(result.rgb[sky]) - red_over_blue(tinted[sky]))
    assert float(np.median(at_edge)) < 0.05, float(np.median(at_edge))
    assert float(np.median(inside)) < 0.1, float(np.median(inside))


@pytest.mark.parametrize("haze", [-0.08, 0.3])
def test_a_sun_over_12_degrees_is_read_on_the_air_it_is_seen_through(haze, monkeypatch):
    """scan_elevation reads a sun it finds at 12° or higher again on air cleaner than
    the crisp day's (CLEANEST_HAZE, aerosol depth 0.01: Blender's sky is that clean, and
    matched with the crisp day's brighter aureole its 20° sun came out 2.6-7° off).
    Our own 25° sun in air that clean (aerosol depth 0.018: the weather never asks for
    it, so the sky's haze is set here), metered at 0 EV: the clean air is the one read,
    the sun within 0.5°; in hazy air (0.3) the clean air is not chosen."""
    from ai_sets_addon.generation.hdr.elevation import scan_elevation
    from ai_sets_addon.generation.hdr.grid import work_grid
    from ai_sets_addon.generation.sky import compose
    from ai_sets_addon.generation.sky.atmosphere import CLEANEST_HAZE

    monkeypatch.setattr(compose, "_effective_haze", lambda request: request.haze)
    rgb, (el, az) = clear_sky(25.0, azimuth=200.0, haze=haze)
    pano, _ = camera(rgb, 0.0)
    found, chosen, info = scan_elevation(work_grid(pano.linear, pano.clipped), az, el)
    assert len(info["clean_air_misfit"]) == 2, info         # it was read both ways
    assert abs(found - el) < 0.5, info
    assert (chosen == CLEANEST_HAZE) == (haze < 0.0), info


def _flood_labels(mask: np.ndarray) -> np.ndarray:
    """The reference: a flood fill from each unlabelled cell in raster order, 8
    neighbours, columns wrapping (the panorama's seam), rows not."""
    h, w = mask.shape
    labels = np.zeros(mask.shape, np.int32)
    current = 0
    for r0, c0 in zip(*np.nonzero(mask)):
        if labels[r0, c0]:
            continue
        current += 1
        labels[r0, c0] = current
        stack = [(int(r0), int(c0))]
        while stack:
            r, c = stack.pop()
            for rr in range(max(r - 1, 0), min(r + 2, h)):
                for cc in ((c - 1) % w, c, (c + 1) % w):
                    if mask[rr, cc] and not labels[rr, cc]:
                        labels[rr, cc] = current
                        stack.append((rr, cc))
    return labels


def test_clipped_regions_are_labelled_as_a_flood_fill_labels_them_across_the_seam():
    """The clipped regions (sun.py's _label, joined row runs) are the 8-connected
    components a flood fill finds, numbered alike, on masks of every density and on
    regions cut by the panorama's seam, diagonally too."""
    from ai_sets_addon.generation.hdr.sun import _label

    rng = np.random.default_rng(11)
    for _ in range(400):
        shape = (int(rng.integers(1, 14)), int(rng.integers(1, 14)))
        mask = rng.random(shape) < rng.uniform(0.05, 0.9)
        assert np.array_equal(_label(mask), _flood_labels(mask)), mask.astype(int)
    seam = np.zeros((4, 10), bool)
    seam[1, 9] = seam[2, 0] = True          # touch only diagonally, across the seam
    seam[0, 4] = True
    labels = _label(seam)
    assert labels[1, 9] == labels[2, 0] != labels[0, 4]
    assert labels.max() == 2 and labels[0, 4] == 1


@pytest.mark.parametrize("elevation, ev", [(8.0, 1.5), (30.0, 0.0)])
def test_the_aureole_rebuilt_block_by_block_has_the_bytes_of_one_rebuilt_pixel_by_pixel(
        elevation, ev, monkeypatch):
    """The sun's clipped zone is rebuilt in blocks of rows: a block mostly clipped is
    computed whole and kept where clipped, a sparse one at its clipped pixels only. Both
    give every pixel the same bytes (a merged aureole and horizon band, and a 15° clip
    round a 30° sun)."""
    import importlib

    lift_module = importlib.import_module("ai_sets_addon.generation.hdr.lift")
    rgb, _ = clear_sky(elevation)
    pano, _ = camera(rgb, ev)
    lifted = {}
    for name, fill in (("whole", 0.0), ("by pixel", 2.0)):
        monkeypatch.setattr(lift_module, "DENSE_AUREOLE", fill)
        monkeypatch.setattr(lift_module, "AUREOLE_ROWS", 16)
        lifted[name] = lift(pano)
    assert lifted["whole"].refine["aureole_gain"] != 1.0      # a zone was rebuilt
    assert np.array_equal(lifted["whole"].rgb, lifted["by pixel"].rgb)
    assert lifted["whole"].refine["aureole_gain"] == lifted["by pixel"].refine["aureole_gain"]


def test_the_clipped_band_rebuilt_block_by_block_has_the_bytes_of_one_rebuilt_pixel_by_pixel(
        monkeypatch):
    """A sky 2 stops over (15° sun, ~85 % clipped, no zone round the sun: the band
    rebuild does all of it) is rebuilt in blocks of rows, whole where mostly clipped,
    pixel by pixel where not: every pixel gets the same bytes either way, and the
    rebuild is not a no-op (the model, not the flat expansion, fills the band)."""
    import importlib

    lift_module = importlib.import_module("ai_sets_addon.generation.hdr.lift")
    rgb, _ = clear_sky(15.0)
    pano, _ = camera(rgb, 2.0)
    rebuilt = {}
    original = lift_module._rebuild_band

    def spy(*args, **kwargs):
        out = original(*args, **kwargs)
        rebuilt[name] = 0 if out is None else int(out.sum())
        return out

    monkeypatch.setattr(lift_module, "_rebuild_band", spy)
    lifted = {}
    for name, fill in (("whole", 0.0), ("by pixel", 2.0)):
        monkeypatch.setattr(lift_module, "DENSE_AUREOLE", fill)
        monkeypatch.setattr(lift_module, "AUREOLE_ROWS", 16)
        lifted[name] = lift(pano)
    assert lifted["whole"].sun.method == "saturated"
    assert rebuilt["whole"] == rebuilt["by pixel"] > 0.5 * pano.clipped.sum()
    assert np.array_equal(lifted["whole"].rgb, lifted["by pixel"].rgb)
