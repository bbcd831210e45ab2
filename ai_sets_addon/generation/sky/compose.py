"""Put a sky together: clear atmosphere, night, clouds, discs -> an equirect radiance map."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ...core import seeds
from ...model.plan import SkyRequest
from .atmosphere import (AirColumn, SkyTable, atmosphere_for_haze, linke_turbidity,
                         sky_irradiance_rgb, sky_table)
from .bodies import (MOON_RADIUS_DEG, SUN_RADIUS_DEG, draw_disc, moon_scale, night_glow,
                     splat, star_field)
from .clouds import (CLOUD_STYLES, CloudField, CloudLayer, Light, cloud_key, cloud_layer,
                     overcast_radiance)
from .equirect import (check_width, column_azimuths, direction, pixel_solid_angles,
                       row_elevations)
from .resolve import SkyLights, resolve_lights
from .skyline import add_skyline
from .spectrum import fixed_matmul, luminance

NIGHT_BELOW_DEG = -6.0      # sun lower than this: the moon is the key light
# Scotopic vision sees moonlight bluish; film renders night that way. Luminance is kept.
_NIGHT_RGB = np.array([0.62, 0.93, 1.55])
NIGHT_TINT = (_NIGHT_RGB / fixed_matmul(_NIGHT_RGB, luminance(np.eye(3)))).astype(np.float32)


@dataclass
class SkyOptions:
    """Choices that are not part of the request (defaults suit a film set)."""

    sun_in_map: bool = False      # keep the key body's disc in the map (else: the lamp's job)
    night_blue: bool = True       # moonlit scenes shifted blue (Purkinje), as film renders night
    city_glow: float = 0.0        # 0 countryside .. 1 big city, at night
    city_azimuth_deg: float = 200.0
    ground_albedo: float = 0.2


@dataclass
class KeyLight:
    """The lamp that replaces the disc: sun by day and twilight, moon at night."""

    body: str                     # "sun" or "moon"
    elevation_deg: float
    azimuth_deg: float
    irradiance: float             # Y of the irradiance at normal incidence, W/m^2
    colour: tuple[float, float, float]   # linear RGB with luminance 1
    angle_deg: float


@dataclass
class SkyImage:
    rgb: np.ndarray               # (H, W, 3) float32 W/m^2/sr
    lights: SkyLights
    key: KeyLight
    params: dict[str, Any] = field(default_factory=dict)


def cloud_grid_width(width: int) -> int:
    """Width of the grid for the smooth parts: width / k for the largest k <= 4 that divides
    the width into an even number >= 512 (a quarter of 4096 is 1024: 16x fewer pixels)."""
    for k in (4, 3, 2):
        if width % k == 0 and width // k >= 512 and (width // k) % 2 == 0:
            return width // k
    return width


def render_sky(request: SkyRequest, width: int, options: SkyOptions | None = None) -> SkyImage:
    """The whole map for a request (pure numpy, deterministic for request.seed).

    The smooth parts (atmosphere, clouds, glow) are computed on a grid a quarter as wide
    (>= 512) and upsampled once, the two hemispheres separately so the horizon stays
    sharp; stars and discs are then placed at full resolution behind the clouds.
    """
    options = options or SkyOptions()
    width = check_width(width)
    lights = resolve_lights(request)
    cover = _effective_cover(request)
    style = CLOUD_STYLES[cover]
    atm = atmosphere_for_haze(_effective_haze(request), options.ground_albedo)
    grid_w = cloud_grid_width(width)
    grid = np.zeros((grid_w // 2, grid_w, 3), np.float32)
    rows, cols = row_elevations(grid_w // 2), column_azimuths(grid_w)
    sun_tab, moon_tab = _tables(atm, lights)
    for tab, az in ((sun_tab, lights.sun_azimuth_deg), (moon_tab, lights.moon_azimuth_deg)):
        if tab is not None:
            _spread(grid, tab, rows, cols, az)
    key_light = _key_light(lights, sun_tab, moon_tab)
    night = lights.sun_elevation_deg < -3.0
    if night:
        _add_night_glow(grid, options, style, lights_north(lights))
    diffuse_clear = _diffuse(sun_tab) + _diffuse(moon_tab)
    layer = _clouds(grid, request.seed, style, lights, key_light, atm, diffuse_clear, options)
    if options.night_blue and key_light.body == "moon":
        grid *= NIGHT_TINT
        key_light = _tinted(key_light)
    diffuse = horizontal_irradiance(grid)
    image = upsample_halves(grid, width // 2, width)
    add_skyline(image, request.skyline, request.seed, lights.sun_azimuth_deg,
                lights.sun_elevation_deg, diffuse,
                np.asarray(key_light.colour, np.float32) * key_light.irradiance)
    clear_view = _clear_view(layer, grid_w)
    if night and style.coverage < 1.0:
        _add_stars(image, request.seed, atm, lights_north(lights), clear_view)
    _add_discs(image, lights, key_light, sun_tab, moon_tab, options, clear_view)
    transmit = layer.sun_transmittance if layer is not None else 1.0
    key = _finish_key(key_light, transmit)
    params = _params(request, lights, cover, atm, key, options, width, transmit, diffuse)
    return SkyImage(image, lights, key, params)


def _effective_cover(request: SkyRequest) -> str:
    cover = cloud_key(request.cloud_cover or "few")
    if request.precipitation in ("rain", "snow") and cover in ("clear", "few", "scattered"):
        return "overcast"
    return cover


def _effective_haze(request: SkyRequest) -> float:
    extra = {"rain": 0.35, "snow": 0.5}.get(request.precipitation or "none", 0.0)
    return float(np.clip((request.haze or 0.0) + extra, 0.0, 1.0))


def _tables(atm: AirColumn, lights: SkyLights) -> tuple[SkyTable | None, SkyTable | None]:
    sun_tab = sky_table(atm, lights.sun_elevation_deg) if lights.sun_elevation_deg > -18 else None
    moon_tab = None
    if lights.sun_elevation_deg < -3.0 and lights.moon_elevation_deg > -3.0:
        scale = moon_scale(lights.moon_phase_angle_deg)
        moon_tab = sky_table(atm, lights.moon_elevation_deg, scale=scale)
    return sun_tab, moon_tab


def _spread(image: np.ndarray, tab: SkyTable, rows: np.ndarray, cols: np.ndarray,
            light_az: float) -> None:
    """Add a table to the map: interpolate rows, then gather columns by azimuth from the light."""
    by_row = _interp_rows(tab.radiance, tab.elevations_deg, rows)          # (H, n_az, 3)
    rel = np.abs((cols - light_az + 180.0) % 360.0 - 180.0)
    grid = tab.azimuths_deg
    j = np.clip(np.searchsorted(grid, rel) - 1, 0, len(grid) - 2)
    w = ((rel - grid[j]) / (grid[j + 1] - grid[j])).astype(np.float32)[None, :, None]
    image += np.take(by_row, j, axis=1) * (1.0 - w)
    image += np.take(by_row, j + 1, axis=1) * w


def _interp_rows(table: np.ndarray, grid: np.ndarray, rows: np.ndarray) -> np.ndarray:
    i = np.clip(np.searchsorted(grid, rows) - 1, 0, len(grid) - 2)
    w = np.clip((rows - grid[i]) / (grid[i + 1] - grid[i]), 0.0, 1.0)
    w = w.astype(np.float32)[:, None, None]
    return table[i] * (1.0 - w) + table[i + 1] * w


def _diffuse(tab: SkyTable | None) -> np.ndarray:
    return np.zeros(3) if tab is None else sky_irradiance_rgb(tab)


def _key_light(lights: SkyLights, sun_tab: SkyTable | None,
               moon_tab: SkyTable | None) -> KeyLight:
    if lights.sun_elevation_deg < NIGHT_BELOW_DEG and moon_tab is not None \
            and lights.moon_elevation_deg > 0.0:
        return _make_key("moon", lights.moon_elevation_deg, lights.moon_azimuth_deg,
                         moon_tab.sun_rgb, MOON_RADIUS_DEG)
    rgb = sun_tab.sun_rgb if sun_tab is not None else np.zeros(3)
    return _make_key("sun", lights.sun_elevation_deg, lights.sun_azimuth_deg, rgb,
                     SUN_RADIUS_DEG)


def _make_key(body: str, el: float, az: float, rgb: np.ndarray, radius: float) -> KeyLight:
    y = float(luminance(rgb))
    colour = tuple(float(c) for c in (rgb / y if y > 1e-12 else np.ones(3)))
    return KeyLight(body, float(el), float(az), y, colour, 2.0 * radius)


def _tinted(key: KeyLight) -> KeyLight:
    rgb = np.array(key.colour) * NIGHT_TINT
    return KeyLight(key.body, key.elevation_deg, key.azimuth_deg, key.irradiance,
                    tuple(float(c) for c in rgb / float(luminance(rgb))), key.angle_deg)


def _finish_key(key: KeyLight, transmittance: float) -> KeyLight:
    return KeyLight(key.body, key.elevation_deg, key.azimuth_deg,
                    key.irradiance * transmittance, key.colour, key.angle_deg)


def lights_north(lights: SkyLights) -> float:
    """Scene azimuth of geographic north (the request's north offset, with overrides)."""
    return (lights.sun_azimuth_deg - lights.geographic_sun_azimuth_deg) % 360.0


def _add_night_glow(grid: np.ndarray, options: SkyOptions, style, north: float) -> None:
    height, width = grid.shape[:2]
    boost = 1.0 + 6.0 * style.coverage
    air, city_rows, city_cols = night_glow(height, width, options.city_glow,
                                           options.city_azimuth_deg + north, boost)
    grid += air[:, None, :]
    if options.city_glow > 0.0:
        grid += city_rows[:, None, :] * city_cols[None, :, None]


def _add_stars(image: np.ndarray, seed: int, atm: AirColumn, north: float,
               clear_view) -> None:
    """Stars dimmed by the air mass (extinction) and hidden by clouds."""
    el, az, irradiance = star_field(seeds.rng(seed, "sky", "stars"), north)
    airmass = 1.0 / np.maximum(np.sin(np.radians(np.clip(el, 0.5, 90.0))), 0.02)
    seen = np.exp(-(0.12 + atm.aerosol_depth_550) * airmass) * (el > -0.5) * clear_view(el, az)
    splat(image, el, az, irradiance * seen[:, None])


def _clear_view(layer: CloudLayer | None, grid_w: int):
    """(el, az) -> fraction of the light behind the clouds that gets through (1 - alpha)."""
    def through(el: np.ndarray, az: np.ndarray) -> np.ndarray:
        el, az = np.atleast_1d(el).astype(np.float64), np.atleast_1d(az).astype(np.float64)
        if layer is None:
            return np.ones(el.shape)
        h, w = layer.alpha.shape
        fr = np.clip((90.0 - el) / 180.0 * (2 * h) - 0.5, 0.0, h - 1.0)
        fc = ((az + 90.0) / 360.0 % 1.0) * w - 0.5
        r0 = np.minimum(fr.astype(np.int64), h - 2)
        c0 = np.floor(fc).astype(np.int64)
        wr, wc = fr - r0, fc - c0
        a = layer.alpha
        top = a[r0, c0 % w] * (1 - wc) + a[r0, (c0 + 1) % w] * wc
        bot = a[r0 + 1, c0 % w] * (1 - wc) + a[r0 + 1, (c0 + 1) % w] * wc
        alpha = (top * (1 - wr) + bot * wr) * (el > 0)
        return 1.0 - alpha
    return through


def _add_discs(image: np.ndarray, lights: SkyLights, key: KeyLight, sun_tab, moon_tab,
               options: SkyOptions, clear_view) -> None:
    if sun_tab is not None and (key.body != "sun" or options.sun_in_map):
        through = float(clear_view(lights.sun_elevation_deg, lights.sun_azimuth_deg)[0])
        draw_disc(image, lights.sun_elevation_deg, lights.sun_azimuth_deg, SUN_RADIUS_DEG,
                  sun_tab.sun_rgb * through)
    if moon_tab is not None and (key.body != "moon" or options.sun_in_map):
        through = float(clear_view(lights.moon_elevation_deg, lights.moon_azimuth_deg)[0])
        sun_dir = direction(np.array(lights.sun_elevation_deg), np.array(lights.sun_azimuth_deg))
        draw_disc(image, lights.moon_elevation_deg, lights.moon_azimuth_deg, MOON_RADIUS_DEG,
                  moon_tab.sun_rgb * through, limb=0.0, lit_toward=sun_dir, texture=0.35)


def _clouds(image: np.ndarray, seed: int, style, lights: SkyLights, key: KeyLight,
            atm: AirColumn, diffuse: np.ndarray, options: SkyOptions) -> CloudLayer | None:
    if style.coverage <= 0.0:
        return None
    wc = image.shape[1]                         # the grid is already the cloud resolution
    rows_c = row_elevations(wc // 2)[: wc // 4]
    cols_c = column_azimuths(wc)
    key_dir = direction(np.array(key.elevation_deg), np.array(key.azimuth_deg))
    field = CloudField(style, seed, key_dir, clear_light=style.coverage < 0.5,
                       north_offset_deg=lights_north(lights))
    scale = 1.0 if key.body == "sun" else moon_scale(lights.moon_phase_angle_deg)
    if style.overcast > 0.0:
        layer = _overcast(field, rows_c, cols_c, key, diffuse, options)
    else:
        layer = cloud_layer(field, rows_c, cols_c, Light(key_dir, scale), atm, diffuse)
    _composite(image, layer, wc)
    if style.overcast > 0.0:
        _overcast_ground(image, layer, options)
    return layer


def _overcast(field: CloudField, rows: np.ndarray, cols: np.ndarray, key: KeyLight,
              diffuse: np.ndarray, options: SkyOptions) -> CloudLayer:
    """CIE overcast luminance, textured by the cloud field's fBm, hiding sun/moon/stars."""
    clear_global = key.irradiance * max(np.sin(np.radians(key.elevation_deg)), 0.0) \
        + float(luminance(diffuse))
    e_h = field.style.overcast * clear_global
    tint = 0.5 * diffuse / max(float(luminance(diffuse)), 1e-12) + 0.5 * np.array(
        [0.97, 1.0, 1.04])
    if key.body == "moon" or key.elevation_deg < -6:
        tint = np.array([0.9, 0.95, 1.05]) + options.city_glow * np.array([1.2, 0.3, -0.6])
    base = overcast_radiance(rows, e_h, tint)                              # (h, 3)
    dirs = direction(rows[:, None], cols[None, :])
    t, p = field.hit(dirs)
    f = field._fbm(p[..., 0], p[..., 1], t * (2 * np.pi / len(cols)) /
                   np.maximum(dirs[..., 2], 0.02), 6)
    contrast = 0.35 if field.style.overcast > 0.1 else 0.6
    texture = np.clip(1.0 + contrast * 2.0 * f, 0.25, 2.0).astype(np.float32)
    fade = np.clip(rows / 4.0, 0.0, 1.0)[:, None]
    texture = 1.0 + (texture - 1.0) * fade
    premult = (base[:, None, :] * texture[..., None]).astype(np.float32)
    alpha = np.ones(premult.shape[:2], np.float32)
    return CloudLayer(alpha, premult, 0.0)


def _overcast_ground(image: np.ndarray, layer: CloudLayer, options: SkyOptions) -> None:
    """Below the horizon: the ground lit by the overcast dome only."""
    height = image.shape[0]
    rows = row_elevations(height)
    horizon = np.mean(layer.premultiplied[-1], axis=0)
    e_h = float(luminance(horizon)) * 3.0 * np.pi * 7.0 / 9.0    # invert CIE at el ~ 0
    ground = options.ground_albedo / np.pi * e_h * horizon / max(float(luminance(horizon)), 1e-12)
    below = rows < 0
    blend = np.clip(-rows[below] / 3.0, 0.0, 1.0)[:, None]
    mix = horizon[None, :] * (1 - blend) + ground[None, :] * blend
    image[below] = mix[:, None, :].astype(np.float32)


def _composite(grid: np.ndarray, layer: CloudLayer, wc: int) -> None:
    """Lay the cloud layer (same grid, upper half) over the sky."""
    top = grid[: grid.shape[0] // 2]
    top *= 1.0 - (layer.alpha[..., None] if layer.hide is None else layer.hide)
    top += layer.premultiplied


def upsample_halves(grid: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Bilinear resize, sky and ground halves apart (a sharp horizon), wrapping in azimuth."""
    h = grid.shape[0] // 2
    if grid.shape[:2] == (rows, cols):
        return grid
    top = _resize_rows(grid[:h], rows // 2)
    bottom = _resize_rows(grid[h:], rows // 2)
    return _resize_cols(np.concatenate([top, bottom]), cols)


def _resize_rows(small: np.ndarray, rows: int) -> np.ndarray:
    h = small.shape[0]
    fr = np.clip((np.arange(rows) + 0.5) * h / rows - 0.5, 0.0, h - 1.0)
    r0 = np.minimum(fr.astype(np.int64), h - 2)
    wr = (fr - r0).astype(np.float32)[:, None, None]
    return small[r0] * (1.0 - wr) + small[r0 + 1] * wr


def _resize_cols(small: np.ndarray, cols: int) -> np.ndarray:
    """Integer factors use strided writes (no gathers over the full map)."""
    w = small.shape[1]
    factor = cols // w
    out = np.empty((small.shape[0], cols, small.shape[2]), np.float32)
    left = np.roll(small, 1, axis=1)
    right = np.roll(small, -1, axis=1)
    for k in range(factor):
        offset = (k + 0.5) / factor - 0.5          # where this sub-column sits, in grid pixels
        if offset < 0:
            out[:, k::factor] = small * (1.0 + offset) + left * (-offset)
        else:
            out[:, k::factor] = small * (1.0 - offset) + right * offset
    return out


def _params(request: SkyRequest, lights: SkyLights, cover: str, atm: AirColumn,
            key: KeyLight, options: SkyOptions, width: int, transmit: float,
            diffuse: np.ndarray) -> dict[str, Any]:
    return {
        "model": "spectral Rayleigh+Mie+ozone, single + Hillaire multiple scattering",
        "cloud_cover": cover, "precipitation": request.precipitation,
        "haze": request.haze, "aerosol_optical_depth_550": atm.aerosol_depth_550,
        "linke_turbidity": round(linke_turbidity(atm), 3),
        "ground_albedo": atm.ground_albedo, "width": width, "height": width // 2,
        "seed": request.seed, "key_body": key.body, "key_transmittance": transmit,
        "diffuse_horizontal_irradiance": float(luminance(diffuse)),
        "exposure_ev": exposure_ev(key, float(luminance(diffuse))),
        "night_darkening_ev": night_darkening(key, float(luminance(diffuse))),
        "city_glow": options.city_glow, "sun_in_map": options.sun_in_map,
        "lights": lights.to_dict(),
        "units": "linear Rec.709, W/m^2/sr (Y = luminance / 683); sun irradiance W/m^2",
        "orientation": "row 0 = zenith; column u looks at azimuth 360u - 90 (clockwise "
                       "from +Y/north): centre = +X/east, Blender's native equirect",
    }


def horizontal_irradiance(image: np.ndarray) -> np.ndarray:
    """Irradiance (3,) on an upward plane from the map's upper half (disc included if in map)."""
    height, width = image.shape[:2]
    up = height // 2
    el = np.radians(row_elevations(height)[:up])
    weight = pixel_solid_angles(width)[:up] * np.sin(el)
    row_sums = image[:up].sum(axis=1, dtype=np.float64)
    return fixed_matmul(weight, row_sums)


# Exposure: meter the key light like an incident-light meter, then let night stay night.
NIGHT_REFERENCE = 5.0      # W/m^2 (about 3,400 lux): below this, keep some darkness
NIGHT_KEEP = 0.3           # stops of darkness kept per stop below the reference
NIGHT_MAX_DARKER = 4.0


def exposure_ev(key: KeyLight, diffuse_y: float) -> float:
    """Blender exposure (stops) so a white card facing up renders near 1.0 linear.

    E_key = diffuse + key * max(sin(elevation), 0.3) (the 0.3 lets low sun fill faces that
    look at it). Exposure = log2(pi / E_key), then at night a part of the lost light is kept
    dark (NIGHT_KEEP stops per stop below NIGHT_REFERENCE, at most NIGHT_MAX_DARKER).
    """
    e_key = key_irradiance(key, diffuse_y)
    return round(float(np.log2(np.pi / e_key)) - night_darkening(key, diffuse_y), 3)


def key_irradiance(key: KeyLight, diffuse_y: float) -> float:
    """What an incident-light meter facing up (and a little toward a low sun) reads."""
    sun = key.irradiance * max(np.sin(np.radians(key.elevation_deg)), 0.3) \
        * (key.elevation_deg > -0.5)
    return max(diffuse_y + sun, 1e-9)


def night_darkening(key: KeyLight, diffuse_y: float) -> float:
    """Stops kept dark below NIGHT_REFERENCE, so night still reads as night."""
    e_key = key_irradiance(key, diffuse_y)
    if e_key >= NIGHT_REFERENCE:
        return 0.0
    return round(float(min(NIGHT_KEEP * np.log2(NIGHT_REFERENCE / e_key), NIGHT_MAX_DARKER)), 3)
