"""Clear-sky radiance from physics: a spherical Rayleigh + Mie + ozone atmosphere.

Single scattering is ray-marched from physical constants (Rayleigh coefficients from
the refractive index of air, Peck & Reeder 1972, with the King factor; aerosols with an
Angstrom law and a Cornette-Shanks phase; ozone's Chappuis absorption), and multiple
scattering is added with Hillaire's isotropic infinite-order approximation (EGSR 2020).
This is the model family behind Blender's Nishita / multiple-scattering sky. It works
with the sun below the horizon (earth shadow, ozone-blue twilight), which the analytic
Preetham and Hosek-Wilkie fits do not.

Everything is computed on a small look-up table in (view elevation, azimuth from the
sun) and spread to the map by interpolation, since the clear sky is smooth there. The
multiple-scattering tables of every two-decimal haze ship precomputed
(multiple_scattering.npy.gz, scripts/build_sky_tables.py); other atmospheres are marched.
"""

from __future__ import annotations

import gzip
import io
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from .spectrum import (OZONE_CROSS_SECTION, SOLAR_IRRADIANCE, WAVELENGTHS, fixed_matmul,
                       to_rgb)

EARTH_RADIUS = 6_360_000.0
ATMOSPHERE_TOP = 100_000.0
RAYLEIGH_HEIGHT = 8_000.0
MIE_HEIGHT = 1_200.0
OZONE_COLUMN_DU = 300.0
OBSERVER_ALTITUDE = 50.0
SUN_HALF_ANGLE_DEG = 0.2665


@dataclass(frozen=True)
class AirColumn:
    """Optical properties of one clear atmosphere (all spectral arrays per WAVELENGTHS)."""

    aerosol_depth_550: float = 0.08      # aerosol optical depth at 550 nm
    angstrom: float = 1.3
    mie_albedo: float = 0.92
    mie_g: float = 0.76
    ground_albedo: float = 0.2
    ozone_du: float = OZONE_COLUMN_DU
    rayleigh: np.ndarray = field(default_factory=lambda: rayleigh_coefficients(WAVELENGTHS))

    @property
    def mie_extinction(self) -> np.ndarray:
        beta550 = self.aerosol_depth_550 / MIE_HEIGHT
        return beta550 * (WAVELENGTHS / 550.0) ** -self.angstrom

    @property
    def ozone(self) -> np.ndarray:
        """Absorption coefficient at the layer's peak density (tent 10..40 km)."""
        peak_density = self.ozone_du * 2.687e20 / 15_000.0
        return OZONE_CROSS_SECTION * peak_density

    def key(self) -> tuple:
        return (self.aerosol_depth_550, self.angstrom, self.mie_albedo, self.mie_g,
                self.ground_albedo, self.ozone_du)


CRISP_AOD = 0.05          # haze 0: a crisp mountain day's aerosol depth at 550 nm
CLEANEST_HAZE = -0.1      # hazes down to this reach cleaner air still: AOD 0.01 there


def atmosphere_for_haze(haze: float, ground_albedo: float = 0.2) -> AirColumn:
    """Weather haze 0..1 -> aerosols: 0 is a crisp mountain day (AOD 0.05), 1 thick haze.
    Under 0, down to CLEANEST_HAZE, the aerosol depth falls linearly on to 0.01 (x(1 + 8
    haze)) with the crisp day's aerosol kind: the weather never asks for it, but the HDR
    lift reads a high sun's place with it (our model makes Blender's default sky's
    fainter aureole best with air that clean; matched with the crisp day's, a filmic
    file of it was read with the wrong contrast and its sun 2.6° low)."""
    haze = float(np.clip(haze, CLEANEST_HAZE, 1.0))
    if haze < 0.0:
        return AirColumn(aerosol_depth_550=CRISP_AOD * (1.0 + 8.0 * haze),
                         ground_albedo=ground_albedo)
    return AirColumn(aerosol_depth_550=CRISP_AOD + 0.95 * haze ** 1.5,
                      angstrom=1.3 - 0.6 * haze, mie_g=0.76 + 0.04 * haze,
                      ground_albedo=ground_albedo)


def linke_turbidity(atm: AirColumn) -> float:
    """Rough Linke turbidity for the sidecar (clean dry air = 1)."""
    return float(1.0 + 9.0 * atm.aerosol_depth_550 / (0.098 + atm.aerosol_depth_550) * 0.9 + 1.1)


def rayleigh_coefficients(lam_nm: np.ndarray) -> np.ndarray:
    """Sea-level Rayleigh scattering coefficient (1/m) from the refractive index of air."""
    sigma2 = (1000.0 / lam_nm) ** 2                        # (1/um)^2
    n1 = (8060.51 + 2480990.0 / (132.274 - sigma2) + 17455.7 / (39.32957 - sigma2)) * 1e-8
    n2m1 = (1.0 + n1) ** 2 - 1.0
    density = 2.546899e25                                    # molecules/m^3 at 15 C, 1013 hPa
    king = (6.0 + 3.0 * 0.0279) / (6.0 - 7.0 * 0.0279)
    lam = lam_nm * 1e-9
    return 8.0 * np.pi ** 3 * n2m1 ** 2 / (3.0 * density * lam ** 4) * king


def rayleigh_phase(cos_t: np.ndarray) -> np.ndarray:
    return 3.0 / (16.0 * np.pi) * (1.0 + cos_t ** 2)


def mie_phase(cos_t: np.ndarray, g: float) -> np.ndarray:
    """Cornette-Shanks phase function (a Henyey-Greenstein with Rayleigh-like tails)."""
    g2 = g * g
    return (3.0 / (8.0 * np.pi) * (1.0 - g2) * (1.0 + cos_t ** 2)
            / ((2.0 + g2) * np.power(np.maximum(1.0 + g2 - 2.0 * g * cos_t, 1e-6), 1.5)))


# --- densities and geometry ------------------------------------------------------------

def _densities(alt: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    alt = np.maximum(alt, 0.0)
    return (np.exp(-alt / RAYLEIGH_HEIGHT), np.exp(-alt / MIE_HEIGHT),
            np.maximum(0.0, 1.0 - np.abs(alt - 25_000.0) / 15_000.0))


def _ray_sphere_far(r: np.ndarray, mu: np.ndarray, radius: float) -> np.ndarray:
    """Distance from radius r along cos-zenith mu to leave the sphere of `radius`."""
    disc = r * r * (mu * mu - 1.0) + radius * radius
    return -r * mu + np.sqrt(np.maximum(disc, 0.0))


def _ray_ground(r: np.ndarray, mu: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(hits the ground, distance to it)."""
    disc = r * r * (mu * mu - 1.0) + EARTH_RADIUS ** 2
    hit = (mu < 0.0) & (disc >= 0.0)
    return hit, np.where(hit, -r * mu - np.sqrt(np.maximum(disc, 0.0)), np.inf)


# --- transmittance to the sun ----------------------------------------------------------

_T_ALT, _T_X = 48, 96


def _horizon_mu(r: np.ndarray) -> np.ndarray:
    return -np.sqrt(np.maximum(0.0, 1.0 - (EARTH_RADIUS / r) ** 2))


@lru_cache(maxsize=1)
def _optical_depth_table() -> np.ndarray:
    """(_T_ALT, _T_X, 3) optical depths (Rayleigh, Mie, ozone per unit density) to space.

    Rows: altitude = top * u^2; columns: cos-zenith from the local horizon to the zenith,
    x = ((mu - mu_h) / (1 - mu_h)) ** 0.5, dense at grazing angles where twilight lives.
    """
    u = np.linspace(0.0, 1.0, _T_ALT)
    alt = ATMOSPHERE_TOP * u ** 2
    x = np.linspace(0.0, 1.0, _T_X)
    r = (EARTH_RADIUS + alt)[:, None]
    mu_h = _horizon_mu(r)
    mu = mu_h + (1.0 - mu_h) * x[None, :] ** 2
    length = _ray_sphere_far(r, mu, EARTH_RADIUS + ATMOSPHERE_TOP)
    steps = 64
    s = (np.arange(steps) + 0.5) / steps
    t = length[..., None] * s ** 2
    dt = length[..., None] * 2.0 * s / steps
    rr = np.sqrt(r[..., None] ** 2 + t * t + 2.0 * r[..., None] * mu[..., None] * t)
    dens = _densities(rr - EARTH_RADIUS)
    return np.stack([np.sum(d * dt, axis=-1) for d in dens], axis=-1)


def sun_optical_depth(alt: np.ndarray, mu_sun: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Optical depths (..., 3) toward the sun and a mask of points in the earth's shadow."""
    return _depth_toward_sun(altitude_taps(alt), mu_sun)


@dataclass
class AltitudeTaps:
    """What the sun's optical depth and the multiple-scattering look-up owe to a point's
    altitude alone (its horizon and its rows in both tables): computed once for a path
    whose points many suns are marched through."""

    mu_h: np.ndarray           # cos-zenith of the local horizon
    depth_rows: tuple[np.ndarray, np.ndarray]      # (row, weight) in the depth table
    ms_rows: tuple[np.ndarray, np.ndarray]         # ... and in a multiple-scattering table


def altitude_taps(alt: np.ndarray) -> AltitudeTaps:
    clipped = np.clip(alt, 0.0, ATMOSPHERE_TOP)
    fu = np.sqrt(clipped / ATMOSPHERE_TOP) * (_T_ALT - 1)
    fi = np.sqrt(np.clip(alt / (ATMOSPHERE_TOP * 0.6), 0.0, 1.0)) * (_MS_ALT - 1)
    return AltitudeTaps(_horizon_mu(EARTH_RADIUS + clipped), _rows(fu, _T_ALT),
                        _rows(fi, _MS_ALT))


def _depth_toward_sun(taps: AltitudeTaps, mu_sun: np.ndarray
                      ) -> tuple[np.ndarray, np.ndarray]:
    """sun_optical_depth at points whose altitude taps are known."""
    mu_h = taps.mu_h
    x = np.sqrt(np.clip((mu_sun - mu_h) / (1.0 - mu_h), 0.0, 1.0))
    depth = _bilinear_rows(_optical_depth_table(), taps.depth_rows, x * (_T_X - 1))
    # Penumbra over the sun's half-angle so the twilight shadow edge is not a step.
    lit = np.clip((mu_sun - mu_h) / np.radians(SUN_HALF_ANGLE_DEG) * 0.5 + 0.5, 0.0, 1.0)
    return depth, lit


def _rows(fi: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(first row, weight of the next) of fractional rows `fi` in a table of n rows."""
    i0 = np.clip(np.floor(fi).astype(np.int64), 0, n - 2)
    return i0, np.clip(fi - i0, 0.0, 1.0)


def _bilinear_rows(table: np.ndarray, rows: tuple[np.ndarray, np.ndarray], fj: np.ndarray
                   ) -> np.ndarray:
    """(A, M, L) table at fractional columns `fj` of rows whose taps are known ->
    (..., L). The four corners are gathered by flat row index in one np.take and
    weighted by one einsum (numpy's own loop, a fixed summation order: no BLAS), a
    third of the time of lerping them pairwise."""
    i0, wi = rows
    j0, wj = _rows(fj, table.shape[1])
    m = table.shape[1]
    corners = (i0 * m + j0)[..., None] + np.array([0, 1, m, m + 1])
    weights = np.empty(corners.shape)       # filled in place: np.stack holds the GIL
    np.multiply(1 - wi, 1 - wj, out=weights[..., 0])
    np.multiply(1 - wi, wj, out=weights[..., 1])
    np.multiply(wi, 1 - wj, out=weights[..., 2])
    np.multiply(wi, wj, out=weights[..., 3])
    corner_rows = np.take(table.reshape(-1, table.shape[2]), corners, axis=0)
    return np.einsum("...c,...cl->...l", weights, corner_rows)


def _extinction(atm: AirColumn, depth: np.ndarray) -> np.ndarray:
    """Optical depths (..., 3) -> spectral optical thickness (..., n_lambda)."""
    return np.einsum("...k,kl->...l", depth, _coefficients(atm))


def _coefficients(atm: AirColumn) -> np.ndarray:
    """(3, n_lambda): Rayleigh, Mie and ozone extinction per unit of optical depth."""
    return np.stack([atm.rayleigh, atm.mie_extinction, atm.ozone])


def sun_transmittance(atm: AirColumn, alt: np.ndarray, mu_sun: np.ndarray) -> np.ndarray:
    return _transmittance_toward_sun(atm, altitude_taps(alt), mu_sun)


def _transmittance_toward_sun(atm: AirColumn, taps: AltitudeTaps, mu_sun: np.ndarray
                              ) -> np.ndarray:
    depth, lit = _depth_toward_sun(taps, mu_sun)
    return np.exp(-_extinction(atm, depth)) * lit[..., None]


# --- marching --------------------------------------------------------------------------

@dataclass
class MarchResult:
    rayleigh: np.ndarray       # (..., n_lambda) in-scatter integral without phase
    mie: np.ndarray
    multiple: np.ndarray       # multiple-scattering in-scatter (phase included)
    transmittance: np.ndarray  # view transmittance to the end of the ray
    ground: np.ndarray         # bool: the ray ends on the ground
    ground_sun: np.ndarray     # (..., n_lambda) sun transmittance at the ground point (0: none hit)
    ground_mu_sun: np.ndarray  # cos sun zenith at the ground point


@dataclass
class RayPath:
    """Rays' sample points and the air's densities there: what a march does not owe to
    the sun or to the air column's haze, so a scan of sun elevations and hazes along the
    same rays computes it once."""

    shape: tuple[int, ...]
    hit: np.ndarray            # bool: the ray ends on the ground
    px: np.ndarray             # (..., steps) sample positions, metres from the centre
    py: np.ndarray
    pz: np.ndarray
    rr: np.ndarray
    alt: np.ndarray
    dt: np.ndarray
    d_r: np.ndarray            # (..., steps) Rayleigh, Mie and ozone densities
    d_m: np.ndarray
    step_depth: np.ndarray     # (..., steps, 3) each step's optical depths
    view_depth: np.ndarray     # (..., steps, 3) from the origin to each step
    taps: AltitudeTaps         # the steps' rows in the sun's tables


def ray_path(origin_alt, view: np.ndarray, steps: int, sun_shape: tuple[int, ...] = ()
             ) -> RayPath:
    """The path of rays `view` (..., 3) from `origin_alt`, broadcast with `sun_shape`
    (the suns' batch shape, when many are marched at once)."""
    mu = view[..., 2]
    r0 = EARTH_RADIUS + np.asarray(origin_alt, np.float64)
    shape = np.broadcast_shapes(mu.shape, r0.shape, sun_shape)
    mu, r0 = np.broadcast_to(mu, shape), np.broadcast_to(r0, shape)
    hit, t_ground = _ray_ground(r0, mu)
    length = np.where(hit, t_ground, _ray_sphere_far(r0, mu, EARTH_RADIUS + ATMOSPHERE_TOP))
    s = (np.arange(steps) + 0.5) / steps
    t = length[..., None] * s ** 2
    dt = length[..., None] * 2.0 * s / steps
    px = view[..., None, 0] * t
    py = view[..., None, 1] * t
    pz = r0[..., None] + view[..., None, 2] * t
    rr = np.sqrt(px * px + py * py + pz * pz)
    alt = rr - EARTH_RADIUS
    d_r, d_m, d_o = _densities(alt)
    step_depth = np.stack([d_r * dt, d_m * dt, d_o * dt], axis=-1)
    view_depth = np.cumsum(step_depth, axis=-2) - 0.5 * step_depth
    return RayPath(shape, hit, px, py, pz, rr, alt, dt, d_r, d_m, step_depth, view_depth,
                   altitude_taps(alt))


def view_transmittance(atm: AirColumn, path: RayPath) -> np.ndarray:
    """(..., steps, n_lambda) transmittance from the origin to each step."""
    return np.exp(-_extinction(atm, path.view_depth))


@dataclass
class PathInAir:
    """A path in one air column: each step's in-scatter weights (view transmittance x
    scattering x step length) and the rays' end-to-end transmittance, which owe nothing
    to the sun, so the suns of a scan or a table are marched along it at the cost of
    their own terms only (the sun's transmittance and the multiple-scattering look-up)."""

    atm: AirColumn
    path: RayPath
    ray_weight: np.ndarray     # (..., steps, n_lambda) Rayleigh in-scatter per unit sun
    mie_weight: np.ndarray
    ms_weight: np.ndarray      # ... and multiple-scattering, per unit of the table's psi
    transmittance: np.ndarray  # (..., n_lambda) through the whole ray


def path_in_air(atm: AirColumn, path: RayPath) -> PathInAir:
    t_view = view_transmittance(atm, path)
    ray = t_view * (path.d_r * path.dt)[..., None]
    mie = t_view * (path.d_m * path.dt)[..., None]
    scat = ray * atm.rayleigh + mie * (atm.mie_extinction * atm.mie_albedo)
    total_depth = np.sum(path.step_depth, axis=-2)
    return PathInAir(atm, path, ray, mie, scat,
                     np.exp(-_extinction(atm, total_depth)))


def march(atm: AirColumn, origin_alt, view: np.ndarray, sun: np.ndarray,
          steps: int = 32, ms_table: np.ndarray | None = None) -> MarchResult:
    """Integrate in-scattering along rays.

    view (..., 3) unit vectors; origin_alt and sun (..., 3) broadcast against view, so one
    call can march many origins and sun directions at once (the multiple-scattering table).
    """
    return march_path(atm, ray_path(origin_alt, view, steps, np.shape(sun)[:-1]), sun,
                      ms_table)


def march_path(atm: AirColumn, path: RayPath, sun: np.ndarray,
               ms_table: np.ndarray | None = None) -> MarchResult:
    """march() along a computed path (a sky table's rays, computed once)."""
    return march_in_air(path_in_air(atm, path), sun, ms_table)


def march_in_air(air: PathInAir, sun: np.ndarray, ms_table: np.ndarray | None = None
                 ) -> MarchResult:
    """march() along a path in its air: only the sun's own terms are computed."""
    atm, path = air.atm, air.path
    sun = np.asarray(sun, np.float64)
    mu_sun = (path.px * sun[..., None, 0] + path.py * sun[..., None, 1]
              + path.pz * sun[..., None, 2]) / path.rr
    t_sun = _transmittance_toward_sun(atm, path.taps, mu_sun)
    ray = np.einsum("...sl,...sl->...l", air.ray_weight, t_sun) * (atm.rayleigh
                                                                   * SOLAR_IRRADIANCE)
    mie = np.einsum("...sl,...sl->...l", air.mie_weight, t_sun) * (
        atm.mie_extinction * atm.mie_albedo * SOLAR_IRRADIANCE)
    multiple = np.zeros_like(ray)
    if ms_table is not None:
        psi = _multiple_at(ms_table, path.taps, mu_sun)
        multiple = np.einsum("...sl,...sl->...l", air.ms_weight, psi) * SOLAR_IRRADIANCE
    ends = mu_sun[..., -1]
    # the sun at the rays' ground points (none where every ray goes up: a wedge)
    ground_sun = (sun_transmittance(atm, np.zeros(path.shape), ends) if path.hit.any()
                  else np.zeros((*ends.shape, len(atm.rayleigh))))
    return MarchResult(ray, mie, multiple, air.transmittance, path.hit, ground_sun, ends)


# --- multiple scattering (Hillaire 2020) ------------------------------------------------

_MS_ALT, _MS_MU = 10, 20


def _sphere_directions(n: int) -> np.ndarray:
    """Fibonacci-sphere unit vectors: even coverage, deterministic."""
    i = np.arange(n) + 0.5
    z = 1.0 - 2.0 * i / n
    phi = np.pi * (1.0 + 5 ** 0.5) * i
    rxy = np.sqrt(1.0 - z * z)
    return np.stack([rxy * np.cos(phi), rxy * np.sin(phi), z], axis=-1)


def multiple_scattering_table(atm: AirColumn) -> np.ndarray:
    """(_MS_ALT, _MS_MU, n_lambda) Psi_ms per unit solar irradiance."""
    return _ms_table_cached(atm.key())


@lru_cache(maxsize=8)
def _ms_table_cached(key: tuple) -> np.ndarray:
    shipped = shipped_ms_tables().get(key)
    return shipped if shipped is not None else compute_ms_table(AirColumn(*key))


# Every haze of two decimals at the default ground albedo, CLEANEST_HAZE .. 1 (what
# weather and the HDR lift ask for) has its table precomputed and shipped: each costs
# ~70 ms to march, and a cold HDR lift asks for six (the precomputed-scattering approach
# of Bruneton 2008).
SHIPPED_HAZES = tuple(round(0.01 * i, 2) for i in range(round(100 * CLEANEST_HAZE), 101))
SHIPPED_MS_PATH = Path(__file__).with_name("multiple_scattering.npy.gz")


@lru_cache(maxsize=1)
def shipped_ms_tables() -> dict[tuple, np.ndarray]:
    """The shipped tables by atmosphere key (read-only, bit-identical to
    compute_ms_table's: tests/unit/test_sky_shipped_tables.py); {} when the file is
    missing or unreadable, and then every table is computed."""
    try:
        with gzip.open(SHIPPED_MS_PATH, "rb") as f:
            hazes, tables = np.load(f), np.load(f)
    except (OSError, ValueError, EOFError, zlib.error):
        return {}
    if (tuple(hazes.tolist()) != SHIPPED_HAZES
            or tables.shape != (len(SHIPPED_HAZES), _MS_ALT, _MS_MU, len(WAVELENGTHS))):
        return {}
    tables.flags.writeable = False
    return {atmosphere_for_haze(h).key(): t for h, t in zip(SHIPPED_HAZES, tables)}


def ms_tables_file() -> bytes:
    """The shipped file's bytes (scripts/build_sky_tables.py): SHIPPED_HAZES then their
    tables, as two .npy arrays in one gzip stream (mtime 0: the same bytes every run)."""
    buffer = io.BytesIO()
    np.save(buffer, np.array(SHIPPED_HAZES))
    np.save(buffer, np.stack([compute_ms_table(atmosphere_for_haze(h))
                              for h in SHIPPED_HAZES]))
    return gzip.compress(buffer.getvalue(), compresslevel=9, mtime=0)


def compute_ms_table(atm: AirColumn) -> np.ndarray:
    """Hillaire's table marched for `atm` (second order over a sphere of directions,
    divided by 1 - the transfer factor: the infinite-order sum)."""
    dirs = _sphere_directions(48)
    alts = ATMOSPHERE_TOP * 0.6 * np.linspace(0.0, 1.0, _MS_ALT) ** 2
    mus = np.linspace(-1.0, 1.0, _MS_MU)
    sun = np.stack([np.sqrt(np.maximum(0.0, 1 - mus ** 2)), np.zeros_like(mus), mus], -1)
    res = march(atm, alts[:, None, None], dirs[None, None], sun[None, :, None, :], steps=14)
    l2 = (res.rayleigh + res.mie) / (4.0 * np.pi) / SOLAR_IRRADIANCE
    lit_ground = (res.ground[..., None] * res.ground_sun
                  * np.maximum(res.ground_mu_sun, 0)[..., None])
    l2 = l2 + res.transmittance * lit_ground * atm.ground_albedo / np.pi
    f_ms = np.stack([np.mean(_transfer(atm, a, dirs), axis=0) for a in alts])   # (A, L)
    return np.mean(l2, axis=2) / (1.0 - f_ms[:, None, :])


def _transfer(atm: AirColumn, alt: float, dirs: np.ndarray, steps: int = 20) -> np.ndarray:
    """Fraction of light scattered once along each direction (isotropic source)."""
    r0 = EARTH_RADIUS + alt
    mu = dirs[:, 2]
    hit, t_ground = _ray_ground(np.full(mu.shape, r0), mu)
    length = np.where(hit, t_ground, _ray_sphere_far(np.full(mu.shape, r0), mu,
                                                     EARTH_RADIUS + ATMOSPHERE_TOP))
    s = (np.arange(steps) + 0.5) / steps
    t = length[:, None] * s ** 2
    dt = length[:, None] * 2.0 * s / steps
    rr = np.sqrt((r0 + mu[:, None] * t) ** 2 + (1 - mu[:, None] ** 2) * t * t)
    d_r, d_m, d_o = _densities(rr - EARTH_RADIUS)
    step_depth = np.stack([d_r * dt, d_m * dt, d_o * dt], axis=-1)
    t_view = np.exp(-_extinction(atm, np.cumsum(step_depth, axis=1) - 0.5 * step_depth))
    scat = d_r[..., None] * atm.rayleigh + d_m[..., None] * atm.mie_extinction * atm.mie_albedo
    return np.sum(t_view * scat * dt[..., None], axis=1)


def _multiple_at(table: np.ndarray, taps: AltitudeTaps, mu_sun: np.ndarray) -> np.ndarray:
    fj = (np.clip(mu_sun, -1.0, 1.0) + 1.0) * 0.5 * (_MS_MU - 1)
    return _bilinear_rows(table, taps.ms_rows, fj)


# --- the sky look-up table ---------------------------------------------------------------

@dataclass
class SkyTable:
    """Clear-sky radiance on a (view elevation, |azimuth - sun azimuth|) grid, RGB."""

    elevations_deg: np.ndarray   # (n_el,) ascending, -90..90
    azimuths_deg: np.ndarray     # (n_az,) 0..180
    radiance: np.ndarray         # (n_el, n_az, 3) W/m^2/sr (Blender watts), float32
    sun_rgb: np.ndarray          # direct-sun irradiance at the observer (3,)
    sun_disc_radiance: np.ndarray  # (3,) mean disc radiance (irradiance / solid angle)
    # the spectral sky irradiance on the ground (unscaled), kept by a table of the upper
    # rows: what the rows under the horizon need to be marched on to it (sky_table_under)
    sky_down: np.ndarray | None = field(default=None, repr=False)


def elevation_grid(n: int = 73) -> np.ndarray:
    x = np.linspace(-1.0, 1.0, n)
    return 90.0 * np.sign(x) * np.abs(x) ** 1.6


def azimuth_grid(n: int = 37) -> np.ndarray:
    return 180.0 * np.linspace(0.0, 1.0, n) ** 1.5


def sky_table(atm: AirColumn, sun_elevation_deg: float, scale: float = 1.0,
              above_horizon: bool = False) -> SkyTable:
    """Radiance table for a sun (or a moon: `scale` = its irradiance / the sun's);
    `above_horizon`: only its rows from the horizon up (what a fit to the sky reads;
    half the march, and those rows' bytes are the whole table's)."""
    if above_horizon:                   # no ray of these rows meets the ground
        spectral, _, direct, _ = _march_rows(atm, sun_elevation_deg, "upper")
        return _table(spectral, direct, scale, "upper", _horizontal_irradiance(spectral))
    spectral, res, direct, se = _march_rows(atm, sun_elevation_deg, "all")
    sky_down = _horizontal_irradiance(spectral[_table_rows("upper")])
    spectral = spectral + _ground(atm, res, direct, se, sky_down)
    return _table(spectral, direct, scale, "all", None)


def sky_table_under(upper: SkyTable, atm: AirColumn, sun_elevation_deg: float,
                    scale: float = 1.0) -> SkyTable:
    """The whole table from `upper` (sky_table(..., above_horizon=True) of the same air,
    sun and scale) and a march of the rows under the horizon only: sky_table's bytes,
    for the half march a fit has not already made."""
    if upper.sky_down is None:
        raise ValueError("sky_table_under needs a table of the upper rows "
                         "(sky_table(..., above_horizon=True))")
    spectral, res, direct, se = _march_rows(atm, sun_elevation_deg, "lower")
    spectral = spectral + _ground(atm, res, direct, se, upper.sky_down)
    lower = _table(spectral, direct, scale, "lower", None)
    return SkyTable(np.concatenate([lower.elevations_deg, upper.elevations_deg]),
                    upper.azimuths_deg, np.concatenate([lower.radiance, upper.radiance]),
                    upper.sun_rgb, upper.sun_disc_radiance)


def _march_rows(atm: AirColumn, sun_elevation_deg: float, rows: str
                ) -> tuple[np.ndarray, MarchResult, np.ndarray, float]:
    """(spectral single + multiple scattered radiance of the table's `rows`, the march,
    the sun's spectral irradiance at the observer, the sun's elevation in radians)."""
    view, path = _table_rays(rows)
    se = np.radians(sun_elevation_deg)
    sun = np.array([0.0, np.cos(se), np.sin(se)])
    res = march_path(atm, path, sun, multiple_scattering_table(atm))
    cos_t = fixed_matmul(view, sun)
    spectral = (res.rayleigh * rayleigh_phase(cos_t)[..., None]
                + res.mie * mie_phase(cos_t, atm.mie_g)[..., None] + res.multiple)
    sun_t = sun_transmittance(atm, np.array(OBSERVER_ALTITUDE), np.array(np.sin(se)))
    return spectral, res, sun_t * SOLAR_IRRADIANCE, se


def _table(spectral: np.ndarray, direct: np.ndarray, scale: float, rows: str,
           sky_down: np.ndarray | None) -> SkyTable:
    rgb = np.maximum(to_rgb(spectral) * scale, 0.0)
    sun_rgb = np.maximum(to_rgb(direct) * scale, 0.0)
    solid = 2.0 * np.pi * (1.0 - np.cos(np.radians(SUN_HALF_ANGLE_DEG)))
    return SkyTable(np.degrees(np.radians(elevation_grid()))[_table_rows(rows)],
                    np.degrees(np.radians(azimuth_grid())), rgb.astype(np.float32), sun_rgb,
                    sun_rgb / solid, sky_down)


def _table_rows(rows: str) -> slice:
    """The table's rows: "all", "upper" (from the horizon, 0°, up) or "lower" (under it)."""
    horizon = int(np.searchsorted(elevation_grid(), 0.0))
    return {"all": slice(0, None), "upper": slice(horizon, None),
            "lower": slice(0, horizon)}[rows]


@lru_cache(maxsize=3)
def _table_rays(rows: str = "all") -> tuple[np.ndarray, RayPath]:
    """The view directions of the table's `rows` and their path (28 steps): every table
    marches the same rays, whatever its sun and air (read only: shared)."""
    el = np.radians(elevation_grid())[_table_rows(rows)]
    az = np.radians(azimuth_grid())
    ee, aa = np.meshgrid(el, az, indexing="ij")
    view = np.stack([np.cos(ee) * np.sin(aa), np.cos(ee) * np.cos(aa), np.sin(ee)], axis=-1)
    path = ray_path(OBSERVER_ALTITUDE, view, 28)
    for array in (view, *vars(path).values(), *vars(path.taps).values()):
        for a in array if isinstance(array, tuple) else (array,):
            if isinstance(a, np.ndarray):
                a.flags.writeable = False
    return view, path


def _ground(atm: AirColumn, res: MarchResult, direct: np.ndarray, sun_el: float,
            sky_down: np.ndarray) -> np.ndarray:
    """Radiance of the lit ground seen through the air, for rays that end on it."""
    ground_l = atm.ground_albedo / np.pi * (direct * max(np.sin(sun_el), 0.0) + sky_down)
    return res.ground[..., None] * res.transmittance * ground_l


def _horizontal_irradiance(upper: np.ndarray) -> np.ndarray:
    """Integrate the table's rows from the horizon up (`upper`, spectral), cos-weighted
    -> spectral sky irradiance."""
    el = np.radians(elevation_grid())
    az = np.radians(azimuth_grid())
    up = el > 0
    w_el = np.gradient(el)[up] * np.cos(el[up]) * np.sin(el[up])
    w_az = np.gradient(az) * 2.0                      # both sides of the sun
    return np.einsum("i,j,ijk->k", w_el, w_az, upper[up[_table_rows("upper")]])


def sky_irradiance_rgb(table: SkyTable) -> np.ndarray:
    """Horizontal diffuse irradiance (3,) from the RGB table."""
    el = np.radians(table.elevations_deg)
    az = np.radians(table.azimuths_deg)
    up = el > 0
    w_el = np.gradient(el)[up] * np.cos(el[up]) * np.sin(el[up])
    w_az = np.gradient(az) * 2.0
    return np.einsum("i,j,ijk->k", w_el, w_az, table.radiance[up].astype(np.float64))
