"""Camera bodies, lenses and formats as on set, as plain data.

Figures are the manufacturers' published active sensor areas (the recording mode named
in `mode`) and their photosite counts. Horizontal field of view follows the pinhole
rule FOV = 2·atan(width / 2f); Blender frames the same way with sensor_fit HORIZONTAL.

Anamorphic: a squeeze s lens sees s times wider than a spherical lens of the same focal
length on the same width, and the recorder stores it squeezed. The capture area is the
part of the sensor that fills 2.39:1 once desqueezed (2x: about 6:5; 1.5x: about 3:2;
1.3x: about 16:9), clipped to the sensor. `CameraPlan.sensor_width_mm` carries the
*desqueezed* width (area width x s), so every consumer of the plan (the paint ray
caster, the exporters) frames an anamorphic camera correctly without knowing about
squeeze; Blender renders it desqueezed with square pixels, or as recorded with
`pixel_aspect_x = s` (see `capture`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..core.errors import InputError


@dataclass(frozen=True)
class Body:
    key: str
    name: str
    sensor_mm: tuple[float, float]      # active width, height of `mode`
    pixels: tuple[int, int]             # photosites of `mode`
    mode: str
    fixed_lens_mm: float | None = None  # a phone: one lens, no interchangeable glass
    native_isos: tuple[float, ...] = (800.0,)   # base ISOs (dual-base bodies: two)
    latitude_over: float = 7.0          # stops from middle grey to clipping
    latitude_under: float = 7.0         # stops from middle grey to the noise floor
    grain_at_native: float = 0.012      # grain sigma at middle grey, fraction of it

    @property
    def diagonal_mm(self) -> float:
        return math.hypot(*self.sensor_mm)


BODIES: dict[str, Body] = {b.key: b for b in (
    Body("super35", "Super 35 (3-perf, 16:9)", (24.89, 14.00), (4096, 2304),
         "Super 35 width, 16:9 (3-perf film; the AI Sets scout cameras' default)",
         native_isos=(800.0,), latitude_over=7.0, latitude_under=7.0),
    Body("full_frame", "Full frame (stills, 3:2)", (36.0, 24.0), (6000, 4000),
         "135 format", native_isos=(100.0,), latitude_over=5.5, latitude_under=8.5,
         grain_at_native=0.008),
    Body("alexa35", "ARRI ALEXA 35", (27.99, 19.22), (4608, 3164), "4.6K 3:2 Open Gate",
         native_isos=(800.0,), latitude_over=10.0, latitude_under=7.0, grain_at_native=0.010),
    Body("alexa_mini_lf", "ARRI ALEXA Mini LF", (36.70, 25.54), (4448, 3096),
         "4.5K LF Open Gate", native_isos=(800.0,), latitude_over=7.8, latitude_under=6.7,
         grain_at_native=0.011),
    Body("v_raptor", "RED V-RAPTOR 8K VV", (40.96, 21.60), (8192, 4320), "8K 17:9",
         native_isos=(800.0,), latitude_over=7.0, latitude_under=10.0, grain_at_native=0.012),
    Body("venice2", "Sony VENICE 2 8K", (35.90, 24.00), (8640, 5760), "8.6K 3:2 full frame",
         native_isos=(800.0, 3200.0), latitude_over=7.5, latitude_under=8.5,
         grain_at_native=0.011),
    Body("ursa12k", "Blackmagic URSA Mini Pro 12K", (27.03, 14.25), (12288, 6480),
         "12K 17:9", native_isos=(800.0,), latitude_over=6.5, latitude_under=7.5,
         grain_at_native=0.016),
    Body("phone", "Phone (1/1.28\" main camera)", (9.80, 7.35), (4032, 3024),
         "4:3 main camera, 24 mm equivalent", fixed_lens_mm=6.86, native_isos=(50.0,),
         latitude_over=4.0, latitude_under=6.0, grain_at_native=0.025),
)}
"""Native ISOs and latitude (stops over / under middle grey at the native ISO) are the
makers' published figures rounded to half stops (ALEXA 35: 17 stops, VENICE 2: dual base
800 / 3200, 16 stops); `grain_at_native` is a restrained visual figure, not a measurement."""

PRIMES_MM: tuple[float, ...] = (14, 16, 18, 21, 25, 27, 32, 35, 40, 50, 65, 75, 85, 100, 135)


@dataclass(frozen=True)
class Zoom:
    key: str
    name: str
    range_mm: tuple[float, float]


ZOOMS: dict[str, Zoom] = {z.key: z for z in (
    Zoom("optimo_15_40", "Angénieux Optimo 15-40", (15.0, 40.0)),
    Zoom("signature_24_75", "ARRI Signature Zoom 24-75", (24.0, 75.0)),
    Zoom("premista_28_100", "Fujinon Premista 28-100", (28.0, 100.0)),
    Zoom("optimo_24_290", "Angénieux Optimo 24-290", (24.0, 290.0)),
)}

SQUEEZES: tuple[float, ...] = (1.0, 1.3, 1.5, 2.0)
ANAMORPHIC_TARGET = 2.39          # what the anamorphic capture area fills, desqueezed

# Frame lines: key -> (label, width / height).
FRAME_LINES: dict[str, tuple[str, float]] = {
    "2.39": ("2.39:1 scope", 2.39), "1.85": ("1.85:1 flat", 1.85),
    "16:9": ("16:9 (1.78:1)", 16 / 9), "4:3": ("4:3 (1.33:1)", 4 / 3),
}
T_STOPS: tuple[float, ...] = (1.3, 1.4, 2.0, 2.8, 4.0, 5.6, 8.0, 11.0, 16.0, 22.0)


@dataclass(frozen=True)
class LensFamily:
    """A lens family's character, what renders copy of it (restrained by default):
    falloff at the widest stop (stops lost in the corners), how many stops down it
    clears to its residual (natural) part, bloom around highlights, chromatic
    aberration at the edges (Blender's lens dispersion), anamorphic streak flares."""

    key: str
    name: str
    widest_t: float
    falloff_ev: float
    falloff_clears_stops: float = 2.0
    falloff_residual_ev: float = 0.15
    bloom: float = 0.05               # glare strength over the highlights
    dispersion: float = 0.004         # lens distortion node's dispersion
    streaks: float = 0.0              # anamorphic horizontal streak strength
    flare_tint: tuple[float, float, float] = (1.0, 1.0, 1.0)


LENS_FAMILIES: dict[str, LensFamily] = {f.key: f for f in (
    LensFamily("modern_prime", "Modern cine primes (Master/Signature class)", 1.3, 0.8,
               bloom=0.03, dispersion=0.002),
    LensFamily("cooke_s4", "Cooke S4/i (warm, gentle)", 2.0, 1.0, bloom=0.06,
               dispersion=0.004, flare_tint=(1.0, 0.93, 0.85)),
    LensFamily("vintage_prime", "Vintage primes (K35 class)", 1.5, 1.5, falloff_clears_stops=3.0,
               falloff_residual_ev=0.3, bloom=0.12, dispersion=0.010,
               flare_tint=(1.0, 0.9, 0.8)),
    LensFamily("anamorphic", "Anamorphic primes (oval bokeh, blue streaks)", 2.3, 1.3,
               falloff_clears_stops=2.5, falloff_residual_ev=0.3, bloom=0.08,
               dispersion=0.008, streaks=0.12, flare_tint=(0.55, 0.7, 1.0)),
    LensFamily("cine_zoom", "Cine zooms (Optimo class)", 2.8, 0.7, bloom=0.04,
               dispersion=0.005),
    LensFamily("phone", "Phone main camera", 1.8, 1.2, falloff_clears_stops=1.0,
               falloff_residual_ev=1.0, bloom=0.05, dispersion=0.006),
)}


def lens_family(key: str) -> LensFamily:
    try:
        return LENS_FAMILIES[key]
    except KeyError:
        raise InputError(f"unknown lens family '{key}'; use one of "
                         f"{', '.join(LENS_FAMILIES)}") from None


def default_family(body_key: str = "", squeeze: float = 1.0, zoom: str = "") -> str:
    """The family a package implies when none is named: anamorphic glass for a
    squeeze, a cine zoom on a zoom, the phone's own lens, modern primes otherwise."""
    if body_key == "phone":
        return "phone"
    if squeeze > 1.0:
        return "anamorphic"
    return "cine_zoom" if zoom else "modern_prime"


def body(key: str) -> Body:
    try:
        return BODIES[key]
    except KeyError:
        raise InputError(f"unknown camera body '{key}'; use one of "
                         f"{', '.join(BODIES)}") from None


def horizontal_fov_deg(sensor_width_mm: float, lens_mm: float) -> float:
    return math.degrees(2.0 * math.atan(sensor_width_mm / (2.0 * lens_mm)))


@dataclass(frozen=True)
class Capture:
    """What a body + lens + squeeze records and how Blender must be set to show it."""

    area_mm: tuple[float, float]        # the sensor area used (squeezed)
    pixels: tuple[int, int]             # photosites of that area (as recorded)
    squeeze: float
    lens_mm: float

    @property
    def sensor_width_mm(self) -> float:
        """Desqueezed horizontal width: Blender's sensor_width with sensor_fit HORIZONTAL."""
        return self.area_mm[0] * self.squeeze

    @property
    def aspect(self) -> float:
        """Width / height of the desqueezed image."""
        return self.area_mm[0] * self.squeeze / self.area_mm[1]

    @property
    def hfov_deg(self) -> float:
        return horizontal_fov_deg(self.sensor_width_mm, self.lens_mm)

    @property
    def vfov_deg(self) -> float:
        return horizontal_fov_deg(self.area_mm[1], self.lens_mm)

    def desqueezed_resolution(self, width: int) -> tuple[int, int]:
        """Square-pixel render size `width` wide (even height)."""
        return width, max(2, int(round(width / self.aspect / 2.0)) * 2)

    def recorded_resolution(self) -> tuple[tuple[int, int], float]:
        """(pixels as recorded, pixel_aspect_x): Blender then shows it desqueezed."""
        return self.pixels, self.squeeze


def capture(body_key: str, lens_mm: float, squeeze: float = 1.0) -> Capture:
    """The capture of `body_key` with a lens of `lens_mm` and an anamorphic `squeeze`."""
    cam = body(body_key)
    if squeeze not in SQUEEZES:
        raise InputError(f"anamorphic squeeze {squeeze} is not offered; use one of "
                         f"{', '.join(f'{s:g}' for s in SQUEEZES)}")
    lens = cam.fixed_lens_mm or lens_mm
    if not 1.0 <= lens <= 1200.0:
        raise InputError(f"a {lens} mm lens is out of range (1..1200 mm)")
    width, height = cam.sensor_mm
    if squeeze > 1.0:
        aspect = ANAMORPHIC_TARGET / squeeze
        width, height = min(width, height * aspect), min(height, width / aspect)
    pixels = (int(round(cam.pixels[0] * width / cam.sensor_mm[0])),
              int(round(cam.pixels[1] * height / cam.sensor_mm[1])))
    return Capture((round(width, 4), round(height, 4)), pixels, squeeze, float(lens))


def fit_inside(aspect: float, box: tuple[int, int]) -> tuple[int, int]:
    """The largest even-sided frame of `aspect` (width / height) inside `box` (never
    stretched): how the storyboard and a batch size a saved shot's render."""
    w, h = box
    if aspect >= w / h:
        return w, max(2, int(round(w / aspect / 2)) * 2)
    return max(2, int(round(h * aspect / 2)) * 2), h


def frame_line_box(image_aspect: float, line: str) -> tuple[float, float, float, float]:
    """The frame-line rectangle inside an image of `image_aspect`, as fractions
    (left, top, right, bottom): fitted and centred (a wider line letterboxes, a
    narrower one pillarboxes)."""
    if line not in FRAME_LINES:
        raise InputError(f"unknown frame line '{line}'; use one of {', '.join(FRAME_LINES)}")
    target = FRAME_LINES[line][1]
    if target >= image_aspect:
        h = image_aspect / target
        return 0.0, (1.0 - h) / 2.0, 1.0, (1.0 + h) / 2.0
    w = target / image_aspect
    return (1.0 - w) / 2.0, 0.0, (1.0 + w) / 2.0, 1.0


@dataclass(frozen=True)
class DepthOfField:
    near_m: float
    far_m: float               # math.inf beyond the hyperfocal distance
    hyperfocal_m: float
    coc_mm: float


def depth_of_field(sensor_mm: tuple[float, float], lens_mm: float, t_stop: float,
                   focus_m: float) -> DepthOfField:
    """Near and far limits of acceptable focus, circle of confusion = sensor diagonal /
    1500 (the usual cinema rule: 0.025 mm on Super 35). The T-stop is used as the
    f-number: the light loss it accounts for does not change the geometry."""
    coc = math.hypot(*sensor_mm) / 1500.0
    f = lens_mm / 1000.0
    hyper = f * f / (t_stop * coc / 1000.0) + f
    s = max(focus_m, f * 1.01)
    near = s * (hyper - f) / (hyper + s - 2 * f)
    far = math.inf if s >= hyper else s * (hyper - f) / (hyper - s)
    return DepthOfField(near, far, hyper, coc)


def lens_label(lens_mm: float, squeeze: float = 1.0, zoom: str = "") -> str:
    """'35 mm', '50 mm 2x anamorphic', '42 mm (Signature Zoom 24-75)'."""
    text = f"{lens_mm:g} mm"
    if squeeze > 1.0:
        text += f" {squeeze:g}x anamorphic"
    if zoom in ZOOMS:
        text += f" ({ZOOMS[zoom].name})"
    return text


def camera_fields(body_key: str, lens_mm: float, squeeze: float = 1.0,
                  frame_line: str = "", focus_m: float = 0.0,
                  t_stop: float = 0.0) -> dict[str, float | str]:
    """The CameraPlan fields (set.json `plan.cameras[]`) for this camera package."""
    cap = capture(body_key, lens_mm, squeeze)
    return {"lens_mm": cap.lens_mm, "sensor_width_mm": round(cap.sensor_width_mm, 4),
            "body": body_key, "sensor_height_mm": cap.area_mm[1], "squeeze": squeeze,
            "frame_line": frame_line, "focus_distance_m": float(focus_m),
            "t_stop": float(t_stop)}
