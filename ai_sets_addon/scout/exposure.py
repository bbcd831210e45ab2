"""Exposure as on the shoot: ISO, shutter, T-stop and ND, a light meter, false colour,
zebras, white balance and the lens's falloff and grain, as plain numbers (no bpy).

Units. Renders are in Blender's radiometric units (the sky EXR and the lamps): a pixel
is a radiance whose Y is luminance / 683 (cd/m^2 per "W/m^2/sr", see
generation/sky/spectrum.py), a sun lamp's strength is an irradiance whose Y is
illuminance / 683 (lux per "W/m^2"); a white card under a sun of E renders E / pi.

The camera. A reflected-light meter (ISO 2720, K = 12.5) puts a surface of luminance L
on middle grey (0.18 scene-linear) when N^2 / t = L S / K. So a camera at ISO S,
exposure time t, T-stop N and an ND of optical density d records

    v = 0.18 * L * t * S * 10^-d / (K * N^2)            (L in cd/m^2)

and Blender's exposure (stops) is log2 of that factor times 683. The incident meter's
constant is C = pi K / 0.18 (about 218; real meters use 250, 1/5 stop apart), so an
incident and a spot reading of an 18 % grey card agree.

White balance follows Blender's own colour management (view_settings white balance):
the white is the Planckian locus at T kelvin moved across it by `tint` (positive =
green), and the picture is divided by that white in a Bradford-adapted Rec.709; so a
grey card lit by a T-kelvin source comes out neutral at white balance T.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, replace

import numpy as np

from ..core.colour import (REC709_TO_XYZ, TINT_PER_DUV, XYZ_TO_REC709,
                           planckian_uv, uv_to_xyz, white_balance_matrix, white_uv)
from ..core.errors import InputError
from . import cameras

K_REFLECTED = 12.5                       # ISO 2720 reflected-light calibration constant
C_INCIDENT = math.pi * K_REFLECTED / 0.18  # incident constant that agrees on grey (~218)
LUMENS_PER_WATT = 683.0                  # Blender "watts" -> lumens (the sky's convention)
MIDDLE_GREY = 0.18
ND_STEP = 0.3                            # one stop of neutral density (10^-0.3 = 0.501)
ND_FILTERS = (0.0, 0.3, 0.6, 0.9, 1.2, 1.5, 1.8, 2.1, 2.4)
SHUTTER_ANGLES = (11.25, 22.5, 45.0, 90.0, 144.0, 172.8, 180.0, 270.0, 360.0)
ISO_RANGE = (25.0, 102400.0)
REC709_Y = np.array([0.2126, 0.7152, 0.0722])


# ------------------------------------------------------------------- the triangle

@dataclass(frozen=True)
class Settings:
    """A camera's exposure settings. `shutter_s` > 0 is a time (stills, a phone);
    otherwise the shutter is an angle at a frame rate, as on a cine camera."""

    iso: float = 800.0
    shutter_angle_deg: float = 180.0
    fps: float = 24.0
    shutter_s: float = 0.0
    t_stop: float = 2.8
    nd: float = 0.0

    def __post_init__(self) -> None:
        check_settings(self)

    @property
    def exposure_time_s(self) -> float:
        return self.shutter_s if self.shutter_s > 0 else self.shutter_angle_deg / 360.0 / self.fps

    @property
    def ev100(self) -> float:
        """The scene EV100 these settings put on middle grey: log2(N^2/t) - log2(S/100)
        + ND stops (what a meter set to ISO 100 would read for that scene)."""
        return (math.log2(self.aperture ** 2 / self.exposure_time_s) - math.log2(self.iso / 100.0)
                + nd_stops(self.nd))

    @property
    def aperture(self) -> float:
        """The T-stop as the iris opens it: a marked stop (T11, T5.6, T1.4 ...) is the
        rounded label of sqrt(2)^n in thirds (T11 is 11.31), so one marked stop is
        exactly one stop of light; any other number is taken as it is."""
        return exact_mark(self.t_stop)

    @property
    def shutter_label(self) -> str:
        if self.shutter_s > 0:
            if self.shutter_s < 1:
                return f"1/{1 / self.shutter_s:.0f} s"
            return f"{self.shutter_s:g} s"
        return f"{self.shutter_angle_deg:g}° at {self.fps:g} fps"

    def label(self) -> str:
        nd = f", ND {self.nd:.1f}" if self.nd > 0 else ""
        return f"ISO {self.iso:g}, {self.shutter_label}, T{self.t_stop:g}{nd}"

    def to_dict(self) -> dict:
        out = asdict(self)
        out.update(exposure_time_s=round(self.exposure_time_s, 6), ev100=round(self.ev100, 3))
        return out


def check_settings(s: Settings) -> None:
    """InputError naming the first impossible value."""
    checks = (
        (ISO_RANGE[0] <= s.iso <= ISO_RANGE[1], f"ISO {s.iso:g} is outside "
                                                f"{ISO_RANGE[0]:g}..{ISO_RANGE[1]:g}"),
        (0.0 < s.shutter_angle_deg <= 360.0, f"a shutter angle of {s.shutter_angle_deg:g}° "
                                             "is outside 0..360°"),
        (1.0 <= s.fps <= 240.0, f"{s.fps:g} fps is outside 1..240"),
        (0.0 <= s.shutter_s <= 60.0, f"a {s.shutter_s:g} s shutter is outside 0..60 s"),
        (0.5 <= s.t_stop <= 64.0, f"T{s.t_stop:g} is outside T0.5..T64"),
        (0.0 <= s.nd <= 4.0, f"ND {s.nd:g} is outside 0..4.0 (0.3 per stop)"),
    )
    for ok, message in checks:
        if not (ok and all(math.isfinite(v) for v in asdict(s).values())):
            raise InputError(message if not ok else "exposure settings must be finite numbers")


def nd_stops(density: float) -> float:
    """Stops an ND of optical `density` takes away: 10^-d = 2^-stops, so 0.3 = 1.0 stop
    (0.9966 exactly)."""
    return density * math.log2(10.0)


def exposure_factor(s: Settings) -> float:
    """Scene-linear value a pixel of 1 Blender radiance unit records at `s` (see top)."""
    luminance = LUMENS_PER_WATT
    return (MIDDLE_GREY * luminance * s.exposure_time_s * s.iso * 10.0 ** (-s.nd)
            / (K_REFLECTED * s.aperture ** 2))


def blender_exposure_ev(s: Settings) -> float:
    """Blender's view exposure (stops) that makes a render as bright as `s` records it."""
    return math.log2(exposure_factor(s))


def ev100_for_blender_exposure(ev: float) -> float:
    """The scene EV100 whose correct exposure is Blender exposure `ev` (the meter's
    answer turned into what a light meter would read)."""
    unit = Settings(iso=100.0, shutter_s=1.0, t_stop=1.0)
    return math.log2(exposure_factor(unit)) - ev


def parse_shutter(text: str) -> tuple[float, float]:
    """'180', '180deg', '172.8°' -> (angle, 0); '1/50', '0.02s', '1/48 s' -> (0, time).
    InputError otherwise."""
    raw = text.strip().lower().replace(" ", "")
    try:
        if raw.endswith(("deg", "°")):
            angle = float(raw.rstrip("deg°"))
            if 0 < angle <= 360:
                return angle, 0.0
        elif "/" in raw:
            num, den = raw.rstrip("s").split("/")
            seconds = float(num) / float(den)
            if 0 < seconds <= 60:
                return 0.0, seconds
        elif raw.endswith("s"):
            seconds = float(raw[:-1])
            if 0 < seconds <= 60:
                return 0.0, seconds
        else:
            angle = float(raw)
            if 0 < angle <= 360:
                return angle, 0.0
    except (ValueError, ZeroDivisionError):
        pass
    raise InputError(f"shutter '{text}' is not understood: give an angle (e.g. 180 or "
                     "172.8deg, 0..360) or a time (e.g. 1/50 or 0.02s, up to 60 s)")


# ------------------------------------------------------------------- light meter

def illuminance_lux(irradiance_blender: float) -> float:
    return float(irradiance_blender) * LUMENS_PER_WATT


def luminance_nits(radiance_blender: float) -> float:
    return float(radiance_blender) * LUMENS_PER_WATT


def incident_ev100(lux: float) -> float:
    """EV100 an incident meter reads for `lux` falling on its dome."""
    return math.log2(max(lux, 1e-9) * 100.0 / C_INCIDENT)


def spot_ev100(nits: float) -> float:
    """EV100 a spot (reflected) meter reads for a surface of `nits` cd/m^2."""
    return math.log2(max(nits, 1e-9) * 100.0 / K_REFLECTED)


def exact_t_stop(ev100: float, s: Settings) -> float:
    """The T-stop that puts a reading of `ev100` on middle grey at s's ISO, shutter, ND."""
    return math.sqrt(s.exposure_time_s * s.iso / 100.0 * 10.0 ** (-s.nd) * 2.0 ** ev100)


def exact_mark(t: float) -> float:
    """The exact third-stop value a marked T-stop label stands for, else `t` itself."""
    exact = 2.0 ** (round(6.0 * math.log2(max(t, 1e-6))) / 6.0)
    return exact if abs(_label(exact) - t) < 1e-9 else t


def third_stop(t: float) -> float:
    """The nearest marked third stop (T1, T1.1, T1.3 ... T2.8, T3.2, T3.5, T4 ...)."""
    thirds = round(6.0 * math.log2(max(t, 1e-6))) / 6.0     # f-number doubles per 2 stops
    return _label(2.0 ** thirds)


# The marks engraved on a lens, in thirds of a stop from T0.7 (n = -3) to T64 (n = 36).
MARKS = (0.7, 0.8, 0.9, 1.0, 1.1, 1.3, 1.4, 1.6, 1.8, 2.0, 2.2, 2.5, 2.8, 3.2, 3.5, 4.0, 4.5,
         5.0, 5.6, 6.3, 7.1, 8.0, 9.0, 10.0, 11.0, 13.0, 14.0, 16.0, 18.0, 20.0, 22.0, 25.0,
         29.0, 32.0, 36.0, 40.0, 45.0, 51.0, 57.0, 64.0)


def _label(value: float) -> float:
    n = round(6.0 * math.log2(value)) + 3
    return MARKS[n] if 0 <= n < len(MARKS) else round(value, 2)


def stops_over(reading_ev100: float, s: Settings) -> float:
    """How many stops a subject reading `reading_ev100` sits above middle grey at `s`
    (negative: under)."""
    return reading_ev100 - s.ev100


@dataclass
class MeterReading:
    """An incident reading at a point (and a spot reading of what the camera sees
    there), with the T-stop an operator would set at the camera's ISO and shutter."""

    incident_lux: float
    incident_ev100: float
    spot_nits: float | None
    spot_ev100: float | None
    settings: Settings
    suggested_t_stop: float
    exact_t_stop: float
    stops_over: float            # the incident reading vs. the camera's current settings

    def lines(self) -> list[str]:
        out = [f"incident: {self.incident_lux:,.1f} lux = EV100 {self.incident_ev100:.1f}"]
        if self.spot_nits is not None:
            out.append(f"spot: {self.spot_nits:,.1f} cd/m² = EV100 {self.spot_ev100:.1f}")
        way = "over" if self.stops_over >= 0 else "under"
        out.append(f"at {self.settings.label()}: {abs(self.stops_over):.1f} stops {way}")
        out.append(f"suggested: T{self.suggested_t_stop:g} (exactly T{self.exact_t_stop:.2f}) "
                   f"at ISO {self.settings.iso:g}, {self.settings.shutter_label}"
                   + (f", ND {self.settings.nd:.1f}" if self.settings.nd else ""))
        return out

    def to_dict(self) -> dict:
        out = asdict(self)
        out["settings"] = self.settings.to_dict()
        return out


def reading(irradiance_blender: float, s: Settings,
            radiance_blender: float | None = None) -> MeterReading:
    lux = illuminance_lux(irradiance_blender)
    ev = incident_ev100(lux)
    nits = None if radiance_blender is None else luminance_nits(radiance_blender)
    t = exact_t_stop(ev, s)
    return MeterReading(lux, ev, nits, None if nits is None else spot_ev100(nits), s,
                        third_stop(t), t, stops_over(ev, s))


# ------------------------------------------------------------------- auto exposure

@dataclass(frozen=True)
class Request:
    """What the user fixed (None = the camera picks it, as an operator would)."""

    iso: float | None = None
    shutter_angle_deg: float | None = None
    shutter_s: float | None = None
    fps: float = 24.0
    t_stop: float | None = None
    nd: float | None = None
    white_balance_k: float | None = None   # None = auto from the key light
    tint: float = 0.0
    lens_effects: bool = True

    @property
    def is_manual(self) -> bool:
        return None not in (self.iso, self.t_stop, self.nd) and (
            self.shutter_angle_deg is not None or self.shutter_s is not None)

    def merged(self, other: "Request") -> "Request":
        """`other`'s fixed values over this one's (a saved shot over the command line)."""
        values = {k: v for k, v in asdict(other).items()
                  if v is not None and k not in ("fps", "tint", "lens_effects")}
        return replace(self, **values)

    def to_dict(self) -> dict:
        return asdict(self)


def request_from_dict(data: dict | None) -> Request:
    known = {k: v for k, v in (data or {}).items() if k in Request.__dataclass_fields__}
    return Request(**known)


@dataclass
class Auto:
    settings: Settings
    notes: list[str] = field(default_factory=list)
    error_ev: float = 0.0          # stops over (+) or under (-) the meter's target

    def to_dict(self) -> dict:
        return {"settings": self.settings.to_dict(), "notes": self.notes,
                "error_ev": round(self.error_ev, 3)}


def auto_settings(target_ev100: float, request: Request, body_key: str = "super35",
                  family_key: str = "", dof_t_stop: float = 2.8) -> Auto:
    """Settings that land a scene metered at `target_ev100`, chosen as an operator
    would: a native ISO (the higher one only when the lower cannot reach the exposure
    wide open), 180° at the frame rate, the T-stop the depth of field wants (the
    request's, or `dof_t_stop`), then ND in 0.3 steps to take the excess, then the iris
    for the last fraction (stopping down, or opening to the lens's widest). What the
    request fixed is kept. `notes` say what was chosen and why."""
    body = cameras.body(body_key)
    family = cameras.lens_family(family_key or cameras.default_family(body_key))
    notes: list[str] = []
    angle = request.shutter_angle_deg if request.shutter_angle_deg is not None else 180.0
    shutter_s = request.shutter_s or 0.0
    base = Settings(iso=body.native_isos[0], shutter_angle_deg=angle, fps=request.fps,
                    shutter_s=shutter_s, t_stop=max(dof_t_stop, family.widest_t), nd=0.0)
    if request.shutter_angle_deg is None and request.shutter_s is None:
        notes.append(f"shutter {base.shutter_label} (normal motion blur)")
    iso = request.iso
    if iso is None:
        iso = body.native_isos[0]
        wide = replace(base, t_stop=request.t_stop or family.widest_t, nd=request.nd or 0.0)
        if len(body.native_isos) > 1 and wide.ev100 - target_ev100 > 1.0:
            iso = body.native_isos[-1]
            notes.append(f"ISO {iso:g}: the high native ISO (the low one is "
                         f"{wide.ev100 - target_ev100:.1f} stops under wide open)")
        else:
            notes.append(f"ISO {iso:g}: the body's native ISO")
    settings = replace(base, iso=float(iso))
    t_stop = request.t_stop if request.t_stop is not None else settings.t_stop
    settings = replace(settings, t_stop=t_stop)
    nd = request.nd
    if nd is None:
        excess = target_ev100 - settings.ev100          # stops too bright at this stop
        steps = max(0, min(int(math.floor(excess / nd_stops(ND_STEP) + 0.25)), len(ND_FILTERS) - 1))
        nd = ND_FILTERS[steps]
        if nd > 0:
            notes.append(f"ND {nd:.1f} to take {nd_stops(nd):.1f} stops at T{t_stop:g}")
    settings = replace(settings, nd=nd)
    if request.t_stop is None:
        exact = exact_t_stop(target_ev100, settings)
        chosen = round(min(max(exact, family.widest_t), 22.0), 3)
        settings = replace(settings, t_stop=chosen)
        mark = third_stop(chosen)
        near = f"T{chosen:.2f}" if abs(mark - chosen) > 0.02 else f"T{mark:g}"
        if chosen <= family.widest_t:
            why = "wide open: the light is short"
        elif abs(settings.ev100 - replace(settings, t_stop=base.t_stop).ev100) < 0.34:
            why = f"(about T{base.t_stop:g}) for the depth of field"
        else:
            why = "on the iris to land the exposure"
        notes.append(f"{near} {why}")
    error = target_ev100 - settings.ev100
    if abs(error) > 0.17:
        notes.append(f"{abs(error):.1f} stops {'over' if error > 0 else 'under'} the meter")
    return Auto(settings, notes, error)


# ------------------------------------------------------------------- white balance

def white_rgb(kelvin: float, tint: float = 0.0) -> np.ndarray:
    """Linear Rec.709 colour of the white (kelvin, tint), luminance 1."""
    rgb = XYZ_TO_REC709 @ uv_to_xyz(*white_uv(kelvin, tint))
    return rgb / float(REC709_Y @ rgb)


def apply_white_balance(rgb: np.ndarray, kelvin: float, tint: float = 0.0) -> np.ndarray:
    return np.asarray(rgb, np.float64) @ white_balance_matrix(kelvin, tint).T


def chromaticity(rgb) -> np.ndarray:
    """CIE xy of linear Rec.709 colours (..., 3)."""
    xyz = np.asarray(rgb, np.float64) @ REC709_TO_XYZ.T
    return xyz[..., :2] / np.maximum(xyz.sum(axis=-1, keepdims=True), 1e-12)


def kelvin_tint_of(rgb) -> tuple[float, float]:
    """Correlated colour temperature and tint of a light's linear Rec.709 colour: the
    point of the locus nearest in (u, v), searched on a log scale, and its Duv."""
    xyz = REC709_TO_XYZ @ np.asarray(rgb, np.float64)
    if xyz.sum() <= 0:
        raise InputError("a black light has no colour temperature")
    denom = xyz[0] + 15 * xyz[1] + 3 * xyz[2]
    u, v = 4 * xyz[0] / denom, 6 * xyz[1] / denom
    temps = np.geomspace(1000.0, 15000.0, 400)
    for _ in range(3):
        uv = np.array([planckian_uv(t) for t in temps])
        best = int(np.argmin(np.hypot(uv[:, 0] - u, uv[:, 1] - v)))
        lo, hi = temps[max(best - 1, 0)], temps[min(best + 1, len(temps) - 1)]
        temps = np.linspace(lo, hi, 60)
    kelvin = float(temps[int(np.argmin([math.hypot(*(np.subtract(planckian_uv(t), (u, v))))
                                         for t in temps]))])
    pu, pv = planckian_uv(kelvin)
    wu, wv = white_uv(kelvin, 1.0)
    sign = 1.0 if (u - pu) * (wu - pu) + (v - pv) * (wv - pv) >= 0 else -1.0
    return kelvin, sign * math.hypot(u - pu, v - pv) * TINT_PER_DUV


# ------------------------------------------------------------------- false colour, zebras

@dataclass(frozen=True)
class Zone:
    low_ev: float                # stops from middle grey (inclusive)
    high_ev: float
    colour: tuple[int, int, int]
    label: str


def zones(body_key: str = "super35") -> list[Zone]:
    """An ARRI-style scale in stops from middle grey (the EL Zone idea): each stop its
    colour, grey for +-0.5 around middle grey, and the body's own clipping (its latitude
    over grey) in red and noise floor (its latitude under) in purple."""
    body = cameras.body(body_key)
    over, under = body.latitude_over, body.latitude_under
    scale = [(-5, (30, 0, 90), "-5"), (-4, (40, 40, 190), "-4"), (-3, (0, 110, 220), "-3"),
             (-2, (0, 150, 130), "-2"), (-1, (40, 170, 60), "-1"), (0, (128, 128, 128), "18% grey"),
             (1, (200, 200, 60), "+1"), (2, (240, 200, 0), "+2"), (3, (255, 150, 0), "+3"),
             (4, (255, 100, 60), "+4"), (5, (255, 160, 190), "+5")]
    out = [Zone(-99.0, -under, (120, 0, 140), f"below -{under:g}: noise floor")]
    for stop, colour, label in scale:
        low = -under if stop == scale[0][0] else max(stop - 0.5, -under)
        high = min(stop + 0.5, over)
        if low < high:
            out.append(Zone(low, high, colour, label))
    if out[-1].high_ev < over:
        out.append(Zone(out[-1].high_ev, over, (255, 255, 255), "highlights"))
    out.append(Zone(over, 99.0, (255, 0, 0), f"above +{over:g}: clipped"))
    return out


def stops_from_grey(linear_rgb: np.ndarray) -> np.ndarray:
    """log2(Y / 0.18) of exposed scene-linear pixels (Y <= 0 -> -99)."""
    y = _luma(np.asarray(linear_rgb, np.float64))
    return np.where(y > 0, np.log2(np.maximum(y, 1e-30) / MIDDLE_GREY), -99.0)


def false_colour(linear_rgb: np.ndarray, body_key: str = "super35") -> np.ndarray:
    """(H, W, 3) uint8: each pixel painted with its zone's colour."""
    ev = stops_from_grey(linear_rgb)
    table = zones(body_key)
    bounds = np.array([z.high_ev for z in table[:-1]])
    index = np.searchsorted(bounds, ev, side="right")
    colours = np.array([z.colour for z in table], np.uint8)
    return colours[index]


def zone_fractions(linear_rgb: np.ndarray, body_key: str = "super35") -> dict[str, float]:
    """Share of the frame in each zone (the clipped share is what the gallery checks)."""
    ev = stops_from_grey(linear_rgb)
    table = zones(body_key)
    bounds = np.array([z.high_ev for z in table[:-1]])
    counts = np.bincount(np.searchsorted(bounds, ev, side="right").ravel(),
                         minlength=len(table))
    return {z.label: round(float(c) / ev.size, 5) for z, c in zip(table, counts)}


def zebras(display_rgb: np.ndarray, ire: float, period: int = 8) -> np.ndarray:
    """Diagonal stripes over the pixels whose display luma (Rec.709 weights on the
    encoded signal, 0..100 IRE) is at or above `ire`; the rest unchanged (uint8)."""
    if not 0.0 < ire <= 109.0:
        raise InputError(f"zebras at {ire:g} IRE: give a level in 1..109")
    img = np.asarray(display_rgb)[..., :3].astype(np.float64)
    luma = _luma(img) / 2.55
    h, w = luma.shape
    yy, xx = np.mgrid[0:h, 0:w]
    stripe = ((xx + yy) // max(period // 2, 1)) % 2 == 0
    out = img.copy()
    hot = luma >= ire
    out[hot & stripe] = (255, 255, 255)
    out[hot & ~stripe] = (0, 0, 0)
    return out.astype(np.uint8)


def _luma(rgb: np.ndarray) -> np.ndarray:
    """Rec.709 weights summed in a fixed order (no BLAS: the same bytes on any machine)."""
    return rgb[..., 0] * REC709_Y[0] + rgb[..., 1] * REC709_Y[1] + rgb[..., 2] * REC709_Y[2]


def legend_rows(body_key: str = "super35") -> list[tuple[tuple[int, int, int], str]]:
    return [(z.colour, z.label) for z in zones(body_key)]


def with_legend(image: np.ndarray, body_key: str = "super35") -> np.ndarray:
    """The false-colour image with its legend strip underneath (swatches and labels;
    swatches only where Pillow is missing)."""
    rows = legend_rows(body_key)
    h, w = image.shape[:2]
    strip = max(18, h // 12)
    try:
        from PIL import Image, ImageDraw
    except ImportError:
        out = np.full((h + strip, w, 3), 24, np.uint8)
        out[:h] = image
        edges = np.linspace(0, w, len(rows) + 1).astype(int)
        for (colour, _), x0, x1 in zip(rows, edges, edges[1:]):
            out[h:h + strip // 2, x0:x1] = colour
        return out
    canvas = Image.new("RGB", (w, h + strip), (24, 24, 24))
    canvas.paste(Image.fromarray(np.asarray(image, np.uint8)), (0, 0))
    draw = ImageDraw.Draw(canvas)
    font = _font(max(8, strip // 2))
    cell = w / len(rows)
    for i, (colour, label) in enumerate(rows):
        x0 = int(i * cell)
        draw.rectangle((x0, h, int((i + 1) * cell) - 1, h + strip // 2), fill=colour)
        short = _short(label)
        draw.text((x0 + 1, h + strip // 2), short, fill=(230, 230, 230), font=font)
    return np.asarray(canvas)


def _short(label: str) -> str:
    """A zone's label as the legend strip has room for it."""
    if label.startswith("below"):
        return "<" + label.split(":")[0].split()[1]
    if label.startswith("above"):
        return "clip"
    return {"18% grey": "grey", "highlights": "hi"}.get(label, label)


def _font(size: int):
    from PIL import ImageFont

    from .sheets import FONT_CANDIDATES

    for path in FONT_CANDIDATES:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default()


# ------------------------------------------------------------------- the lens

def corner_falloff_ev(family_key: str, t_stop: float) -> float:
    """Stops the frame's corners lose: the family's stated falloff wide open, clearing
    linearly as the iris closes to its residual (natural) part."""
    fam = cameras.lens_family(family_key)
    stops_down = max(0.0, 2.0 * math.log2(max(t_stop, fam.widest_t) / fam.widest_t))
    fade = max(0.0, 1.0 - stops_down / fam.falloff_clears_stops)
    return fam.falloff_residual_ev + (fam.falloff_ev - fam.falloff_residual_ev) * fade


def falloff_map(height: int, width: int, corner_ev: float) -> np.ndarray:
    """(H, W) gain: 1 at the centre, 2^-corner_ev in the corners, 2^-(corner_ev r^2)
    between (r = distance from the centre over the half diagonal: natural cos^4
    falloff is quadratic in r for the angles a lens covers)."""
    y = (np.arange(height) + 0.5 - height / 2.0) / (height / 2.0)
    x = (np.arange(width) + 0.5 - width / 2.0) / (width / 2.0)
    aspect = width / height
    r2 = ((x[None, :] * aspect) ** 2 + y[:, None] ** 2) / (aspect ** 2 + 1.0)
    return np.power(2.0, -corner_ev * r2)


def grain_sigma(iso: float, body_key: str = "super35") -> float:
    """Grain: the standard deviation at middle grey, as a fraction of it. A body's grain
    at its base native ISO (`grain_at_native`), growing as the square root of the gain
    above that native ISO (sensor noise is amplified with the signal)."""
    body = cameras.body(body_key)
    native = max(i for i in body.native_isos if i <= iso) if iso >= body.native_isos[0] \
        else body.native_isos[0]
    return body.grain_at_native * math.sqrt(max(iso / native, 0.25))


# ------------------------------------------------------------------- the look

# AgX looks per kind of scene (Blender's names): sunlit day takes AgX's base contrast;
# low sun and twilight a step softer so the bright sky keeps its colour; night a
# softer one again, so practicals roll off instead of clipping and the dark stays
# readable (the gallery's clipped share stays under 2 %).
LOOKS = (
    (15.0, "AgX - Base Contrast", "day: sun above 15°"),
    (-4.0, "AgX - Medium Low Contrast", "low sun, golden hour and twilight"),
    (-90.0, "AgX - Low Contrast", "night: practicals and moonlight"),
)


def look_for(sun_elevation_deg: float) -> tuple[str, str]:
    """(Blender look name, why) for a scene whose sun stands at `sun_elevation_deg`."""
    for above, name, why in LOOKS:
        if sun_elevation_deg >= above:
            return name, why
    return LOOKS[-1][1], LOOKS[-1][2]


# ------------------------------------------------------------------- job files

TABLE_KEYS = ("iso", "shutter", "fps", "t_stop", "nd", "white_balance", "tint", "lens_effects")


def request_from_table(table: dict) -> tuple[dict, list[tuple[str, str]]]:
    """A job file's `exposure = { iso = 800, shutter = "180", t_stop = 4, nd = 0.6,
    white_balance = 5600, tint = 0, lens_effects = true }` -> (Request fields, problems
    as (key, message)). `white_balance = "auto"` and absent keys mean auto."""
    fields_out: dict = {}
    problems: list[tuple[str, str]] = []
    for key, value in table.items():
        if key not in TABLE_KEYS:
            problems.append((key, f"unknown exposure key '{key}'; allowed: "
                                  f"{', '.join(TABLE_KEYS)}"))
            continue
        try:
            fields_out.update(_table_value(key, value))
        except (InputError, TypeError, ValueError) as exc:
            problems.append((key, str(exc)))
    if not problems:
        try:
            probe = request_from_dict(fields_out)
            Settings(iso=probe.iso or 800.0, shutter_angle_deg=probe.shutter_angle_deg or 180.0,
                     fps=probe.fps, shutter_s=probe.shutter_s or 0.0,
                     t_stop=probe.t_stop or 2.8, nd=probe.nd or 0.0)
        except InputError as exc:
            problems.append(("exposure", str(exc)))
    return fields_out, problems


def _table_value(key: str, value) -> dict:
    if key == "lens_effects":
        if not isinstance(value, bool):
            raise InputError("lens_effects must be true or false")
        return {"lens_effects": value}
    if key == "shutter":
        angle, seconds = parse_shutter(str(value))
        return {"shutter_angle_deg": angle or None, "shutter_s": seconds or None}
    if key == "white_balance" and isinstance(value, str):
        if value.strip().lower() == "auto":
            return {"white_balance_k": None}
        value = float(value.strip().rstrip("Kk"))
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise InputError(f"{key} must be a number, not {value!r}")
    if key == "white_balance":
        if not 1800 <= value <= 15000:
            raise InputError(f"white balance {value:g} K is outside 1800..15000 K")
        return {"white_balance_k": float(value)}
    if key == "tint" and not -150 <= value <= 150:
        raise InputError(f"tint {value:g} is outside -150..150")
    if key in ("iso", "fps", "t_stop", "nd"):
        Settings(**{key: float(value)})            # its range, said as the CLI says it
    return {key: float(value)}
