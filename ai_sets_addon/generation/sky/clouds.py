"""Cloud fields on a spherical shell, lit by the sun (or the moon), and overcast skies.

Each view ray meets a cloud layer (a sphere EARTH_RADIUS + base above the centre); the
density is fBm at that 3D point, so clouds shrink with perspective toward the horizon
and the map has no seam or pole artefacts. Lighting is a cheap physically motivated
mix: two-stream diffuse transmission for the bases (thick = dark, thin = bright rims),
reflection from sunlit faces seen away from the sun, a forward-scattering silver
lining near the sun, self-shadowing by a density sample toward the sun, sky ambient,
and aerial perspective with distance.

The key light reaching the layer is the sun's spectrum times the atmosphere's
transmittance at the layer's altitude, so a low sun lights the clouds golden; seen from
below, a flat base is not lit by a low sun (only the sides are) but by the ground's
bounce, which is warm at golden hour; and the light leaving a cloud crosses the air to
the eye (Rayleigh + Mie + ozone along that path), which reddens and fades far clouds. Overcast skies follow the CIE overcast luminance
distribution L(el) = Lz (1 + 2 sin el) / 3.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...core import seeds
from .atmosphere import (EARTH_RADIUS, OBSERVER_ALTITUDE, AirColumn, _extinction,
                         sun_optical_depth, sun_transmittance)
from .noise import ValueNoise
from .spectrum import SOLAR_IRRADIANCE, fixed_matmul, luminance, to_rgb


@dataclass(frozen=True)
class CloudStyle:
    coverage: float        # fraction of the layer covered
    optical_depth: float   # of the thickest parts
    base_m: float          # layer altitude
    cell_km: float         # size of the largest cloud features
    softness: float        # density ramp above the coverage threshold
    overcast: float = 0.0  # 0: discrete clouds; > 0: CIE overcast with this darkness


CLOUD_STYLES: dict[str, CloudStyle] = {
    "clear": CloudStyle(0.0, 0.0, 1500.0, 2.0, 0.2),
    "few": CloudStyle(0.14, 16.0, 1500.0, 1.1, 0.16),
    "scattered": CloudStyle(0.35, 20.0, 1600.0, 1.4, 0.18),
    "broken": CloudStyle(0.68, 28.0, 1400.0, 2.0, 0.22),
    "overcast": CloudStyle(1.0, 60.0, 900.0, 4.0, 0.5, overcast=0.25),
    "stormy": CloudStyle(1.0, 150.0, 800.0, 5.0, 0.6, overcast=0.07),
}

_WORDS = {"clear": "clear", "sunny": "clear", "dégagé": "clear", "degage": "clear",
          "few": "few", "quelques nuages": "few", "scattered": "scattered",
          "épars": "scattered", "epars": "scattered", "broken": "broken",
          "fragmenté": "broken", "fragmente": "broken", "overcast": "overcast",
          "couvert": "overcast", "cloudy": "broken", "nuageux": "broken",
          "stormy": "stormy", "storm": "stormy", "orageux": "stormy", "orage": "stormy"}


def cloud_key(word: str) -> str:
    from ...core.errors import InputError
    key = _WORDS.get((word or "few").strip().lower())
    if key is None:
        raise InputError(f"unknown cloud cover '{word}'. Use one of: "
                         + ", ".join(CLOUD_STYLES) + " (or couvert, orageux, épars...).")
    return key


@dataclass
class Light:
    """A directional light for the clouds: sun or moon, `scale` x the solar spectrum."""

    direction: np.ndarray   # (3,) scene axes
    scale: float


@dataclass
class CloudLayer:
    alpha: np.ndarray          # (h, w) how much of the sky behind is hidden
    premultiplied: np.ndarray  # (h, w, 3) radiance the clouds add (already x coverage)
    sun_transmittance: float   # along the key light's direction
    hide: np.ndarray | None = None   # (h, w, 3) per channel share of the sky hidden


class CloudField:
    """Density of one cloud layer at view directions (seeded, deterministic)."""

    def __init__(self, style: CloudStyle, seed: int, light_dir: np.ndarray | None = None,
                 clear_light: bool = False, north_offset_deg: float = 0.0) -> None:
        rng = seeds.rng(seed, "sky", "clouds")
        self.style = style
        self.north = 0.0
        self.noise = ValueNoise(rng)
        self.warp = ValueNoise(rng)
        self.shift = np.zeros(2)
        self.threshold = self._threshold(rng)
        # Noise lives in geographic axes: turning north turns the clouds with the sun.
        self.north = float(np.radians(north_offset_deg))
        if clear_light and light_dir is not None and light_dir[2] > -0.01:
            self._clear_around(light_dir, rng)

    def hit(self, dirs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Distance (m) to the layer and the hit points (..., 3) relative to the observer."""
        r0 = EARTH_RADIUS + OBSERVER_ALTITUDE
        rc = EARTH_RADIUS + self.style.base_m
        dirs = np.asarray(dirs, np.float64)     # float32 cancels out at planet scale
        mu = dirs[..., 2]
        t = -r0 * mu + np.sqrt(np.maximum(r0 * r0 * (mu * mu - 1.0) + rc * rc, 0.0))
        return t, dirs * t[..., None]

    def density_at(self, px: np.ndarray, py: np.ndarray,
                   footprint: np.ndarray | None = None, octaves: int = 6) -> np.ndarray:
        """Cloud thickness at layer points (metres from the observer): 0 outside, a soft
        edge over `softness`, then growing inside (thick cores give dark bases)."""
        excess = self._fbm(px, py, footprint, octaves) - self.threshold
        ramp = np.clip(excess / self.style.softness, 0.0, 1.0)
        core = np.clip(excess / (3.0 * self.style.softness), 0.0, 1.5)
        return ramp * ramp * (3.0 - 2.0 * ramp) * (0.35 + core)

    def _fbm(self, px: np.ndarray, py: np.ndarray, footprint: np.ndarray | None,
             octaves: int) -> np.ndarray:
        cell = self.style.cell_km * 1000.0
        if self.north:
            c, s = np.cos(self.north), np.sin(self.north)
            px, py = px * c - py * s, px * s + py * c
        x = px / cell + self.shift[0]
        y = py / cell + self.shift[1]
        fp = None if footprint is None else footprint / cell
        wx = self.warp.fbm(x * 0.5, y * 0.5, 2)
        wy = self.warp.fbm(y * 0.5 + 17.3, x * 0.5 - 3.1, 2)
        return self.noise.fbm(x + 0.4 * wx, y + 0.4 * wy, octaves, gain=0.55, footprint=fp)

    def _threshold(self, rng: np.random.Generator) -> float:
        """fBm level that leaves `coverage` of the layer's area cloudy."""
        if self.style.coverage >= 1.0:
            return -10.0
        pts = (rng.random((2, 4096)) - 0.5) * 60.0 * self.style.cell_km * 1000.0
        f = self._fbm(pts[0], pts[1], None, 6)
        return float(np.quantile(f, 1.0 - self.style.coverage)) + 0.35 * self.style.softness

    def _clear_around(self, light_dir: np.ndarray, rng: np.random.Generator) -> None:
        """Slide the field so the sun shines through a gap (few/scattered skies are sunny)."""
        _, p = self.hit(np.array([[light_dir[0], light_dir[1], max(light_dir[2], 0.0)]]))
        for _ in range(64):
            if float(self.density_at(p[:, 0], p[:, 1])[0]) <= 0.0:
                return
            self.shift = rng.random(2) * 200.0


def cloud_layer(field: CloudField, elevations: np.ndarray, azimuths: np.ndarray,
                light: Light, atm: AirColumn, ambient_rgb: np.ndarray) -> CloudLayer:
    """Clouds over the upper hemisphere on an (elevations x azimuths) grid."""
    from .equirect import direction
    style = field.style
    el = np.asarray(elevations, np.float64)
    dirs = direction(el[:, None], np.asarray(azimuths)[None, :]).astype(np.float32)
    t, p = field.hit(dirs)
    pix = 2.0 * np.pi / len(azimuths)
    graze = np.maximum(np.sin(np.radians(np.maximum(el, 0.0)))[:, None] + t / EARTH_RADIUS, 0.01)
    density = field.density_at(p[..., 0], p[..., 1], footprint=t * pix / graze)
    tau = (density * style.optical_depth).astype(np.float32)
    s = np.asarray(light.direction, np.float64)
    radiance, alpha = _light_clouds(field, p, dirs, tau, s, light, atm, ambient_rgb)
    air = view_transmittance(atm, el, style.base_m) * (el[:, None] > 0)[..., None]
    air = np.broadcast_to(air, radiance.shape)
    premult = (radiance * air).astype(np.float32)
    air_y = np.clip(luminance(air), 0.0, 1.0)
    sun_t = _transmittance_toward(field, s)
    return CloudLayer((alpha * air_y).astype(np.float32), premult, sun_t,
                      (alpha[..., None] * air).astype(np.float32))


def view_transmittance(atm: AirColumn, elevations: np.ndarray, base_m: float) -> np.ndarray:
    """(n_el, 1, 3) RGB transmittance of the air between the eye and the layer.

    Optical depth of the path = depth to space from the eye minus depth to space from
    the cloud point along the same ray (exact in a spherical, layered atmosphere).
    """
    r0, rc = EARTH_RADIUS + OBSERVER_ALTITUDE, EARTH_RADIUS + base_m
    mu = np.sin(np.radians(np.clip(elevations, 0.0, 90.0)))
    t = -r0 * mu + np.sqrt(np.maximum(r0 * r0 * (mu * mu - 1.0) + rc * rc, 0.0))
    mu_c = (r0 * mu + t) / rc
    near, _ = sun_optical_depth(np.full(mu.shape, OBSERVER_ALTITUDE), mu)
    far, _ = sun_optical_depth(np.full(mu.shape, base_m), mu_c)
    spectral = np.exp(-_extinction(atm, np.maximum(near - far, 0.0))) * SOLAR_IRRADIANCE
    rgb = to_rgb(spectral) / to_rgb(SOLAR_IRRADIANCE)[None, :]
    return np.clip(rgb, 0.0, 1.0)[:, None, :].astype(np.float32)


def _transmittance_toward(field: CloudField, s: np.ndarray) -> float:
    if s[2] <= 0.0 or field.style.optical_depth == 0.0:
        return 1.0
    _, p = field.hit(s[None, :].astype(np.float64))
    d = float(field.density_at(p[:, 0], p[:, 1])[0])
    return float(np.exp(-d * field.style.optical_depth))


def _key_irradiance_table(atm: AirColumn, base_m: float, scale: float) -> tuple[np.ndarray, np.ndarray]:
    """Direct light reaching the layer's altitude vs local cos-zenith: (mus, rgb)."""
    mus = np.linspace(-0.25, 1.0, 256)
    t = sun_transmittance(atm, np.full(mus.shape, base_m), mus)
    return mus, np.maximum(to_rgb(t * SOLAR_IRRADIANCE), 0.0) * scale


def _light_clouds(field: CloudField, p: np.ndarray, dirs: np.ndarray, tau: np.ndarray,
                  s: np.ndarray, light: Light, atm: AirColumn,
                  ambient_rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    style = field.style
    r0 = EARTH_RADIUS + OBSERVER_ALTITUDE
    pos_z = p[..., 2] + r0
    radius = np.sqrt(p[..., 0] ** 2 + p[..., 1] ** 2 + pos_z ** 2)
    mu_l = ((p[..., 0] * s[0] + p[..., 1] * s[1] + pos_z * s[2]) / radius).astype(np.float32)
    mus, table = _key_irradiance_table(atm, style.base_m, light.scale)
    e_key = np.stack([np.interp(mu_l, mus, table[:, c]) for c in range(3)], axis=-1)
    e_key = e_key.astype(np.float32)
    horiz = np.hypot(s[0], s[1])
    reach = min(800.0 / max(np.tan(np.arcsin(np.clip(s[2], 0.035, 1.0))), 1e-3), 4000.0)
    ox, oy = (s[0] / horiz * reach, s[1] / horiz * reach) if horiz > 1e-6 else (0.0, 0.0)
    d_sun = field.density_at(p[..., 0] + ox, p[..., 1] + oy, octaves=4)
    self_shadow = np.exp(-2.5 * d_sun * style.optical_depth / 20.0).astype(np.float32)
    cos_t = fixed_matmul(dirs, s.astype(np.float32)).astype(np.float32)
    extinct = np.exp(-tau)
    t_total = 1.0 / (1.0 + 0.1125 * tau)          # two-stream, g = 0.85
    multiple = np.maximum(t_total - extinct * (1.0 + tau), 0.0)
    through = np.maximum(mu_l, 0.0) * multiple * (0.4 + 0.6 * self_shadow)
    base = BASE_SHARE * np.clip(dirs[..., 2], 0.0, 1.0)   # flat base seen from below
    faces = 0.45 * (1.0 - t_total) * (1.0 - cos_t) * (0.25 + 0.75 * self_shadow) * (1 - base)
    g = 0.8
    hg = (1 - g * g) / (4 * np.pi * np.power(1 + g * g - 2 * g * cos_t, 1.5))
    single = hg * tau * extinct * self_shadow
    key = (through + faces) / np.pi + single
    below = _ground_bounce(atm, s, light.scale, ambient_rgb)
    fill = ambient_rgb[None, None, :] * (1.0 - base[..., None]) + below * base[..., None]
    amb = fill.astype(np.float32) / np.pi * (0.45 + 0.35 * (1.0 - t_total))[..., None]
    radiance = e_key * key[..., None] + amb * (1.0 - extinct)[..., None]
    return radiance.astype(np.float32), (1.0 - extinct).astype(np.float32)


BASE_SHARE = 0.7    # of a cumulus seen straight up, the part that is its flat base


def _ground_bounce(atm: AirColumn, s: np.ndarray, scale: float,
                   sky_rgb: np.ndarray) -> np.ndarray:
    """Irradiance (3,) on a cloud base from the ground below: albedo x (sun + sky)."""
    mu = np.array([max(float(s[2]), 0.0)])
    sun = np.maximum(to_rgb(sun_transmittance(atm, np.zeros(1), mu) * SOLAR_IRRADIANCE), 0.0)
    return (atm.ground_albedo * (sun[0] * scale * mu[0] + sky_rgb)).astype(np.float32)


def overcast_radiance(elevations: np.ndarray, horizontal_irradiance: float,
                      colour: np.ndarray) -> np.ndarray:
    """CIE standard overcast sky (ISO 15469 type 1): (n_el,) -> (n_el, 3) radiance."""
    lz = 9.0 * horizontal_irradiance / (7.0 * np.pi)
    sin_el = np.sin(np.radians(np.clip(elevations, 0.0, 90.0)))
    grad = lz * (1.0 + 2.0 * sin_el) / 3.0
    return grad[:, None] * (colour / max(float(luminance(colour)), 1e-9))[None, :]
