"""What every archetype reads from a SetSpec the same way: materials, sky, volume."""

from __future__ import annotations

import numpy as np

from ...core import seeds
from ...core.colour import srgb_to_linear
from ..sky.request import sky_request  # noqa: F401 (archetypes call common.sky_request)
from ...model.plan import Atmosphere, LightPlan, MaterialRequest, SetPlan, SkyRequest
from ...model.spec import SetSpec
from ..styles import style_of

SCALE_FACTORS = {"tiny": 0.6, "small": 0.8, "medium": 1.0, "large": 1.5, "huge": 2.4}

# Times at which practical lights are switched on (and carry the picture).
PRACTICAL_TIMES = ("dusk", "blue_hour", "night", "dawn")

# Colour temperature (K) -> linear RGB of a blackbody, precomputed at the few we use.
WARM_TUNGSTEN = (1.0, 0.62, 0.34)     # ~2800 K
NEUTRAL_LED = (1.0, 0.86, 0.72)       # ~4000 K


def rng_for(spec: SetSpec, stream: str) -> np.random.Generator:
    """The set's generator for a named stream ("forest.layout"): see `seeds`."""
    return seeds.rng(spec.seed, stream)


def material_seed(seed: int, key: str) -> int:
    """The seed a material request carries: its own stream, named by its key."""
    return seeds.stream_seed(seed, "material", key)


def material(spec: SetSpec, key: str, role: str, default_family: str,
             fallback_roles: tuple[str, ...] = (), default_colour: str | None = None
             ) -> MaterialRequest:
    """The material for a surface: what the prompt said for the role (or a related
    role), else the default (the style's or the archetype's, with its colour unless
    the prompt named another material); global modifiers apply to every surface."""
    surface = next((spec.surface(r) for r in (role, *fallback_roles) if spec.surface(r).family),
                   spec.surface(role))
    modifiers = list(dict.fromkeys(list(surface.modifiers) + list(spec.modifiers)))
    if spec.wet and "wet" not in modifiers:
        modifiers.append("wet")
    colour = surface.colour or (None if surface.family else default_colour)
    family = surface.family or default_family
    if family == "concrete" and role == "walls":
        family = "cast_concrete"        # walls are cast in forms: panel seams, tie holes
    return MaterialRequest(key=key, family=family,
                           modifiers=modifiers, colour=colour,
                           seed=material_seed(spec.seed, key))




def atmosphere(spec: SetSpec, interior: bool) -> Atmosphere:
    """Volume density per metre from fog/dust/smoke words; interiors need thicker
    volume for visible shafts because the light path through them is short."""
    amount = {k: spec.atmosphere.get(k, 0.0) for k in ("fog", "dust", "smoke", "haze")}
    strongest = max(amount, key=amount.get)
    level = amount[strongest]
    if level <= 0.0:
        return Atmosphere()
    per_metre = (0.03 if interior else 0.012) * level
    per_metre *= {"fog": 1.0, "smoke": 0.8, "dust": 0.12, "haze": 0.1}[strongest]   # sunlit motes glow
    tint = {"fog": (0.9, 0.93, 1.0), "dust": (1.0, 0.9, 0.75), "smoke": (0.8, 0.8, 0.82),
            "haze": (0.95, 0.95, 1.0)}[strongest]
    return Atmosphere(density=per_metre, colour=tint,
                      anisotropy=0.6 if strongest in ("dust", "haze") else 0.35)


def practicals_on(spec: SetSpec) -> bool:
    return spec.time_of_day in PRACTICAL_TIMES or spec.cloud_cover in ("stormy",)


def switched(lights: list[LightPlan], on: bool) -> list[LightPlan]:
    """Practicals that exist at every hour: on at dusk and night, built dark by day
    (their power kept) so scouting's hour slider can switch them on."""
    for light in lights:
        light.on = on
    return lights


# ----------------------------------------------------------------------------- shared
# Lamp colours (linear RGB) a gaffer would name.
SODIUM = (1.0, 0.48, 0.16)            # low-pressure-ish sodium street light, ~2000 K
LED_STREET = (1.0, 0.88, 0.74)        # 4000 K LED street head
COOL_FLUORESCENT = (0.86, 0.95, 1.0)  # cool white tubes, ~5000 K with a green lean
STUDIO_DAYLIGHT = (1.0, 0.97, 0.94)   # 5600 K LED panels

NEUTRAL_COLOURS = ("white", "black", "grey", "beige", "cream", "brown", "silver", "navy",
                   "olive", "burgundy", "ochre", "gold")
NEON_DEFAULTS = ("magenta", "cyan", "red")


def count(spec: SetSpec, kind: str, usual: float, named: float, bias: float = 0.0) -> int:
    """How many of a prop: the number the words give ("three barrels"), none when they
    exclude it ("no crates"), else `named` when the words name it, `usual` when not,
    times the quantity words ("lots of", "empty")."""
    if kind in spec.excluded_props:
        return 0
    asked = spec.props.get(kind, 0)
    if asked:
        return asked
    return int((named if kind in spec.props else usual) * spec.quantity + bias)


def count_by_size(spec: SetSpec, kind: str, usual: tuple[tuple[float, int], ...],
                  named: float = 2.0) -> list[tuple[float, int]]:
    """(size, how many) for a prop scattered in several sizes (rocks): the number the
    words give ("deux rochers") split over the sizes, largest first, so the count is
    exact; else the usual counts, times `named` when the words name the prop, times
    the quantity words."""
    asked = 0 if kind in spec.excluded_props else spec.props.get(kind, 0)
    if asked or kind in spec.excluded_props:
        return [(size, asked // len(usual) + (k < asked % len(usual)))
                for k, (size, _) in enumerate(usual)]
    factor = spec.quantity * (named if kind in spec.props else 1.0)
    return [(size, int(n * factor)) for size, n in usual]


def count_split(total: int, shares: tuple[float, ...]) -> list[int]:
    """`total` split by shares into whole numbers that add up to it exactly."""
    raw = np.asarray(shares, float) / max(sum(shares), 1e-9) * total
    out = np.floor(raw).astype(int)
    for k in np.argsort(out - raw)[: total - int(out.sum())]:
        out[k] += 1
    return [int(v) for v in out]


def neon_colours(spec: SetSpec) -> list[str]:
    """Saturated colours the prompt names (for neon), else the style's, else a classic
    magenta/cyan pair."""
    named = [c for c in spec.colours if c not in NEUTRAL_COLOURS]
    style = style_of(spec.style)
    return named or list(style.neon if style and style.neon else NEON_DEFAULTS)


def styled(spec: SetSpec, key: str, role: str, default_family: str,
           default_colour: str | None = None, fallback_roles: tuple[str, ...] = (),
           style_key: str | None = None) -> MaterialRequest:
    """`material` with the style's surface (by `style_key` or the material key, then
    the role) as the default."""
    style = style_of(spec.style)
    family, colour = default_family, default_colour
    if style is not None:
        family, colour = (style.surfaces.get(style_key or key) or style.surfaces.get(role)
                          or (family, colour))
    return material(spec, key, role, family, fallback_roles, colour)


def linear_rgb(colour: str) -> tuple[float, float, float]:
    """A colour word as a linear light colour, normalised so its brightest channel is 1
    (a lamp's hue, not its reflectance)."""
    from ..vocabulary import COLOURS
    srgb = np.asarray(COLOURS.get(colour, COLOURS["white"]), float)
    lin = srgb_to_linear(srgb)
    lin = lin / max(lin.max(), 1e-6)
    return tuple(float(v) for v in lin)


def street_lamp_colour(spec: SetSpec) -> tuple[float, float, float]:
    """Sodium orange for old, gloomy or noir streets and when the words say amber;
    otherwise the neutral white of modern LED heads."""
    old = {"old", "abandoned", "derelict", "worn"} & set(spec.modifiers)
    moody = {"noir", "gloomy", "eerie", "warm"} & set(spec.moods)
    if "amber" in spec.colours or "orange" in spec.colours or old or moody:
        return SODIUM
    return LED_STREET


def set_name(spec: SetSpec, label: str) -> str:
    return f"AI Set - {label} {spec.seed}"


def plain(key: str, family: str, seed: int, colour: str | None = None,
          modifiers: tuple[str, ...] = ()) -> MaterialRequest:
    """A material the prompt does not steer (trim, neon, foliage...)."""
    return MaterialRequest(key, family, list(modifiers), colour,
                           seed=material_seed(seed, key))


# Prop material slots -> (default family, colour); archetypes may override any slot.
PROP_SLOTS: dict[str, tuple[str, str | None]] = {
    "wood": ("wood_planks", None), "metal": ("brushed_metal", None),
    "dark_metal": ("paint", "black"), "cardboard": ("paint", "beige"),
    "barrel": ("paint", "blue"), "rock": ("rock", None), "bark": ("bark", None),
    "foliage": ("foliage", "green"), "foliage_dark": ("foliage", "green"),
    "cactus": ("foliage", "olive"), "pillar": ("concrete", None), "brick": ("brick", None),
    "bag": ("paint", "black"), "dumpster": ("paint", "green"), "bin": ("paint", "green"),
    "canvas": ("fabric", "white"), "upholstery": ("fabric", "ochre"), "lamp": ("emission", "white"),
    "diffuser": ("emission", "white"), "sign_board": ("paint", "black"), "rack": ("paint", "blue"),
    "rack_beam": ("paint", "orange"), "terracotta": ("paint", "orange"), "glass": ("glass", None),
    "cabin": ("paint", "white"), "poster": ("poster", None), "books": ("paint", "burgundy"),
    "lampshade": ("fabric", "cream"), "roof_paint": ("paint", "red"), "cone": ("paint", "orange"),
    # furniture (props.furniture); room types and styles may repaint them
    "linen": ("fabric", "white"), "cabinet": ("paint", "white"), "worktop": ("wood_planks", None),
    "ceramic": ("paint", "white"), "board": ("paint", "green"), "brass": ("paint", "gold"),
    "screen": ("paint", "black"), "bottles": ("glass", None), "stone": ("marble", None),
    "machine": ("paint", "white"), "shutter": ("paint", "green"),
    # vegetation (props.trees): leaf cards cut out by the shader's alpha pattern
    "leaves": ("foliage", "green"), "needles": ("foliage", "green"),
    "fronds": ("foliage", "green"), "birch_bark": ("bark", None),
    "fallen_bark": ("bark", None),        # logs and dead branches: furrows along X
    "grass_blades": ("foliage", "olive"),
    # place components (parts.structures) and dressing blocks (places.dressing)
    "pump": ("paint", "red"), "white_paint": ("paint", "white"), "red_paint": ("paint", "red"),
    "yellow_paint": ("paint", "yellow"), "render": ("plaster", "cream"), "lit_window": ("lit_window", None),
    "stone_wall": ("rock", "beige"), "barn_red": ("wood_planks", "red"), "hull": ("paint", "blue"),
    "produce": ("paint", "orange"), "flame": ("emission", "orange"), "bronze": ("paint", "olive"),
    "straw": ("paint", "ochre"), "reeds": ("foliage", "olive"), "screen_glow": ("emission", "cyan"),
    "holo": ("emission", "cyan"), "car_paint": ("paint", "red"), "cloth": ("fabric", "green"),
    "paint_grey": ("paint", "grey"), "beam_wood": ("wood_planks", "brown"),
    "corn_ear": ("paint", "ochre"), "water": ("water", None),
}


def _with_catalogue_slots() -> None:
    """The dressing catalogue's own slots (plastic, chrome, leather, led...) join the
    table once, so its pieces get their colours instead of the grey fallback."""
    from ..props.catalogue import SLOTS
    for key, value in SLOTS.items():
        PROP_SLOTS.setdefault(key, value)


_with_catalogue_slots()
# Slots that always carry modifiers (the card pattern, the needles' dark tone...).
SLOT_MODIFIERS: dict[str, tuple[str, ...]] = {
    "foliage_dark": ("dark",), "leaves": ("cards",), "needles": ("needles", "dark"),
    "fronds": ("fronds",), "birch_bark": ("birch",), "fallen_bark": ("lying",),
}


def prop_materials(spec: SetSpec, keys: set[str], lit: bool,
                   overrides: dict[str, MaterialRequest] | None = None
                   ) -> dict[str, MaterialRequest]:
    """MaterialRequests for the prop slots a set uses: the prompt's props material
    (e.g. "caisses en bois", "rusty barrels") goes to the main slots, neon slots take
    their colour from the key, lamps glow only when the practicals are on."""
    overrides = overrides or {}
    props_surface = spec.surface("props")
    out: dict[str, MaterialRequest] = {}
    for key in sorted(keys):
        if key in overrides:
            out[key] = overrides[key]
            continue
        if key.startswith("neon_"):
            out[key] = plain(key, "neon", spec.seed, key[5:])
            continue
        family, colour = PROP_SLOTS.get(key, ("paint", "grey"))
        if key == "lamp":              # lamp heads switch with the practicals' hour
            out[key] = plain(key, family, spec.seed, colour,
                             ("practical",) if lit else ("practical", "off"))
            continue
        if key in ("wood", "barrel", "metal") and props_surface.family:
            out[key] = material(spec, key, "props", family)
            continue
        worn = {"abandoned", "derelict", "rust"} & set(spec.modifiers + props_surface.modifiers)
        mods = ("rust",) if key == "barrel" and worn else ()
        if mods:
            family, colour = "rusted_metal", None
        mods = SLOT_MODIFIERS.get(key, mods)
        out[key] = plain(key, family, spec.seed, colour, mods)
    return out


def volume_bounds(lo: tuple[float, float, float], hi: tuple[float, float, float]
                  ) -> tuple[tuple[float, float, float], tuple[float, float, float]]:
    return (tuple(float(v) for v in lo), tuple(float(v) for v in hi))


def atmosphere_in(spec: SetSpec, interior: bool, lo, hi) -> Atmosphere:
    """The words' atmosphere filling a box (the builder makes a volume there)."""
    atmo = atmosphere(spec, interior)
    if atmo.density > 0:
        atmo.bounds = volume_bounds(lo, hi)
    return atmo


def all_materials(spec: SetSpec, parts, structural: dict[str, MaterialRequest], lit: bool,
                  overrides: dict[str, MaterialRequest] | None = None
                  ) -> dict[str, MaterialRequest]:
    """A request for every material key the parts use (and no other: each textured
    family costs asset time): structural ones first, then prop slots."""
    used = {p.material for p in parts}
    out = {k: v for k, v in structural.items() if k in used}
    out.update(prop_materials(spec, used - set(structural), lit, overrides))
    return out


def sun_azimuth(spec: SetSpec, afternoon: float, morning: float) -> float:
    """The sun where the set's openings face (unless the sky fixes a real place)."""
    return morning if spec.time_of_day in ("dawn", "sunrise", "morning") else afternoon


def landscape_plan(spec: SetSpec, archetype: str, title: str, parts, structural,
                   cameras, sun_azimuths: tuple[float, float],
                   volume_box: tuple[tuple[float, float, float], tuple[float, float, float]],
                   overrides: dict[str, MaterialRequest] | None = None) -> SetPlan:
    """The shape every open-air terrain set shares: no practicals (sun and sky light
    it), the sun placed for the first shot (afternoon, morning azimuths), and a volume
    box over the land for fog and haze."""
    return SetPlan(
        name=set_name(spec, title), archetype=archetype, parts=parts,
        materials=all_materials(spec, parts, structural, False, overrides), lights=[],
        cameras=cameras, sky=sky_request(spec, sun_azimuth_deg=sun_azimuth(spec, *sun_azimuths)),
        atmosphere=atmosphere_in(spec, False, *volume_box))
