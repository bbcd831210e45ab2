"""Words that change a material: age and wear, wet, moss, rust, dust, soot/grime, colour,
polished/matte.

Where each effect is computed, and why:
- In the texture (numpy, here): everything that follows the material's own relief,
  because only the texture knows it: grime and moss in joints and cavities, edge wear
  on arrises, stains, vertical streaks along the texture's v (walls are mapped with v
  up), rust spreading on metal, the overall darkening and gloss of wet porous stuff,
  cracks. These are the same on every object that uses the material.
- In the shader (blender/scene/materials.py): what depends on where a surface is in the set
  and which way it faces, which a shared texture cannot know: puddles (up-facing
  faces, below a water level read from the height map), dust on horizontal ledges,
  dirt rising from the floor (world Z), cavity darkening from the scene's geometry
  (Cycles AO node). The amounts for those are passed in `shader` (MaterialDescription.params).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..vocabulary import COLOURS, MODIFIERS
from . import noise as nz
from .core import Ctx, Family, Surface, luminance, mix, rgb
from .metal import rust_layers

F32 = np.float32

AGE = {"new": 0.0, "clean": 0.05, "worn": 0.4, "old": 0.6, "abandoned": 0.85, "derelict": 1.0}
DEFAULT_AGE = 0.2           # nothing said: lived-in, not showroom
RIGID = {"concrete", "cast_concrete", "polished_concrete", "board_formed_concrete", "plaster",
         "painted_wall", "ceramic_tiles", "subway_tiles", "marble", "asphalt", "paving_slabs", "rock"}


@dataclass
class Words:
    """Modifier words resolved to amounts 0..1."""

    age: float = DEFAULT_AGE
    wet: float = 0.0
    puddles: float = 0.0        # fraction of an up-facing floor under water
    moss: float = 0.0
    rust: float = 0.0
    dust: float = 0.0
    soot: float = 0.0
    grime: float = 0.0
    finish: str | None = None   # "polished" / "matte"
    colour: tuple[float, float, float] | None = None
    earth: tuple[float, float, float] | None = None   # the colour as a mineral pigment
    notices: list[str] = field(default_factory=list)


def resolve(modifiers: list[str], colour: str | None) -> Words:
    """Modifier keys + colour key -> amounts; unknown words become notices, not errors."""
    words = Words()
    ages = [AGE[m] for m in modifiers if m in AGE]
    if ages:
        words.age = max(ages)
    for m in modifiers:
        if m in AGE:
            continue
        if m == "wet":
            words.wet = max(words.wet, 0.8)
            words.puddles = max(words.puddles, 0.12)
        elif m == "puddles":
            words.wet, words.puddles = max(words.wet, 0.6), 0.3
        elif m in ("moss", "rust", "dust", "soot", "grime"):
            setattr(words, m, 1.0)
        elif m in ("polished", "matte"):
            words.finish = m
        elif m not in MODIFIERS:
            words.notices.append(f"modifier '{m}' is not known; ignored")
    if colour is not None:
        if colour in COLOURS:
            words.colour = COLOURS[colour]
            words.earth = EARTH_PIGMENTS.get(colour)
        else:
            words.notices.append(f"colour '{colour}' is not known; family colour kept")
    words.grime = max(words.grime, 0.5 * max(0.0, words.age - 0.3))
    return words


def cavity(ctx: Ctx, height: np.ndarray) -> np.ndarray:
    """0..1: how far a texel sits below its ~15 mm neighbourhood, 0.2 mm (nothing) to
    2 mm (full): real recesses hold dirt, micro-relief does not."""
    diff = nz.blur(height, max(1.0, 0.015 / ctx.px_m)) - height
    return nz.smoothstep(0.0002, 0.002, diff)


def apply(surface: Surface, fam: Family, words: Words, ctx: Ctx) -> dict[str, float]:
    """Apply every word to `surface` in place; returns the shader-side amounts."""
    if words.colour is not None:
        _recolour(surface, fam, words.colour, words.earth)
    if words.finish:
        _finish(surface, words.finish)
    cav = cavity(ctx, surface.height)
    dirt_sites = cav if surface.joints is None else np.maximum(cav, surface.joints)
    if words.age > 0.05:
        _age(surface, fam, words.age, dirt_sites, ctx)
    moss = words.moss or (0.35 if words.age >= 0.85 and fam.porosity >= 0.5 else 0.0)
    if moss:
        _moss(surface, moss, dirt_sites, ctx)
    if words.rust:
        _rust(surface, fam, words.rust, words.age, ctx)
    if words.dust:
        _film(surface, ctx, "dust", words.dust * 0.35, (0.64, 0.61, 0.56), 0.9, dirt_sites)
    if words.soot:
        _soot(surface, ctx, words.soot)
    if words.grime:
        _film(surface, ctx, "grime", words.grime * 0.5, (0.22, 0.19, 0.15), 0.85, dirt_sites,
              spread=0.15)
    if words.wet:
        _wet(surface, fam, words.wet, cav, ctx)
    if words.puddles:   # shallow dips in the ground for water to collect in
        dips = ctx.noise("puddle_dips", 1.2, smallest_m=0.15)
        surface.height = surface.height + F32(0.004) * dips
    return {"age": words.age, "wet": words.wet, "puddle_cover": words.puddles,
            "dust": words.dust, "grime": min(1.0, words.grime + 0.3 * words.age),
            "moss": moss}


MINERAL_MODULES = ("masonry", "stone", "concrete", "ground")
# Colour words as the iron and manganese oxides that colour rock, brick and sand (sRGB):
# "red rock" is red ochre, not a paint red (which read as mauve stone, fire-engine brick).
EARTH_PIGMENTS: dict[str, tuple[float, float, float]] = {
    "red": (0.60, 0.27, 0.15), "orange": (0.72, 0.42, 0.20), "yellow": (0.78, 0.63, 0.32),
    "ochre": (0.74, 0.52, 0.26), "brown": (0.45, 0.30, 0.19), "pink": (0.78, 0.55, 0.46),
    "burgundy": (0.42, 0.17, 0.12),
}


def _recolour(surface: Surface, fam: Family, target: tuple[float, float, float],
              earth: tuple[float, float, float] | None = None) -> None:
    """Colour words keep the material's light and dark (its luminance relative to the
    family colour) and take the hue of the word: fully for paint-like families and as
    paint on metal, 70 % for clay and stone (a red vs. a yellow brick), less otherwise."""
    lum = luminance(surface.albedo) * F32(1.0 / max(float(np.mean(fam.base_rgb)), 0.05))
    recoloured = rgb(target) * lum[..., None]
    if fam.metal:   # painted sheet: paint is a dielectric, rust still shows through
        metallic = surface.metallic
        cover = (metallic > 0.5).astype(F32) if isinstance(metallic, np.ndarray) else F32(1.0)
        painted = rgb(target) * (F32(0.9) + F32(0.1) * lum)[..., None]
        surface.albedo = mix(surface.albedo, painted, cover)
        surface.metallic = metallic * (F32(1.0) - cover) if isinstance(metallic, np.ndarray) \
            else 0.0
        surface.roughness = mix(surface.roughness, surface.roughness * F32(0.5) + F32(0.2),
                                cover)
        return
    strength = F32(1.0 if fam.paintable else (0.7 if fam.porosity >= 0.5 else 0.5))
    if _mineral(fam):           # clay and stone come in earth pigments, not paint colours
        natural = (np.asarray(rgb(earth), np.float32) if earth is not None else
                   (np.asarray(fam.base_rgb, np.float32) + np.asarray(rgb(target))) * F32(0.5))
        recoloured = natural * lum[..., None]
        strength = max(strength, F32(0.85)) if earth is not None else strength
        if surface.joints is not None:  # "red brick": the bricks, not the mortar
            strength = strength * (F32(1.0) - surface.joints)
    surface.albedo = mix(surface.albedo, recoloured, strength)


def _mineral(fam: Family) -> bool:
    """Bricks, stone, concrete and ground: coloured by minerals, not dyes or paint."""
    return not fam.paintable and fam.build.__module__.rsplit(".", 1)[-1] in MINERAL_MODULES


def _finish(surface: Surface, finish: str) -> None:
    joints = surface.joints if surface.joints is not None else F32(0.0)
    if finish == "polished":
        glossy = np.maximum(surface.roughness * F32(0.3), F32(0.04))
    else:
        glossy = F32(0.6) + F32(0.4) * surface.roughness
    surface.roughness = mix(glossy, surface.roughness, joints)


def _age(surface: Surface, fam: Family, age: float, sites: np.ndarray, ctx: Ctx) -> None:
    """Wear: stains, fading, dirt in recesses, lost gloss, run-off streaks down walls
    (v is up on walls) from 'worn' on, cracks in rigid materials from 'old' on."""
    a = F32(age)
    blotch = ctx.noise("age_stains", 0.8, smallest_m=0.05, beta=2.5)
    stain = nz.smoothstep(1.8 - age, 3.0 - age, blotch) * a
    darker = F32(1.0) - F32(0.18) * stain - F32(0.35) * a * sites
    if not fam.floor_like and age >= 0.35:
        streaks = ctx.noise("age_streaks", 0.5, smallest_m=0.01, aniso=12.0,
                            angle=np.pi / 2)
        darker = darker - F32(0.2) * a * nz.smoothstep(0.8, 2.0, streaks)
    fade = F32(0.25) * a                           # colours fade towards their grey
    grey = luminance(surface.albedo) * (fade * darker)
    surface.albedo = surface.albedo * ((F32(1.0) - fade) * darker)[..., None]
    surface.albedo += grey[..., None]
    dull = F32(0.55) + F32(0.1) * blotch
    surface.roughness = np.maximum(surface.roughness,
                                   mix(surface.roughness, dull, a * F32(0.6)))
    if fam.key in RIGID and age >= 0.55:
        _cracks(surface, ctx, age)


def _cracks(surface: Surface, ctx: Ctx, age: float) -> None:
    field = ctx.noise("cracks", 0.5, smallest_m=0.01, beta=1.6)
    wiggle = ctx.noise("crack_wiggle", 0.05, smallest_m=0.004)
    crack = nz.ridged((field + F32(0.15) * wiggle) * F32(25.0)) ** 6
    region = nz.smoothstep(0.2, 1.2, ctx.noise("crack_region", 1.0)) * F32((age - 0.5) * 2.0)
    crack = crack * region * F32(ctx.visible(0.002))
    surface.albedo = surface.albedo * (F32(1.0) - F32(0.6) * crack)[..., None]
    surface.height = surface.height - F32(0.002) * crack
    surface.joints = crack if surface.joints is None else np.maximum(surface.joints, crack)


def _moss(surface: Surface, amount: float, sites: np.ndarray, ctx: Ctx) -> None:
    """Moss follows the joints and hollows where water stays, in a few damp colonies
    (a large-scale patch field), never in even splats: ~20 % of the tile at full."""
    patch = ctx.noise("moss", 0.5, smallest_m=0.01, count=2)
    colony = ctx.noise("moss_colony", 1.6, smallest_m=0.2)
    grow = F32(1.0) * sites + F32(1.3) * colony + F32(0.2) * patch[0]
    step = max(1, ctx.n // 256)
    level = float(np.quantile(grow[::step, ::step], 1.0 - 0.2 * amount))
    mask = nz.smoothstep(level - 0.1, level + 0.25, grow)
    fuzz = ctx.grain("moss_fuzz")
    colour = mix(rgb((0.22, 0.31, 0.09)), rgb((0.42, 0.47, 0.16)),
                 nz.smoothstep(-1.0, 1.0, patch[1] + F32(0.5) * fuzz))
    surface.albedo = mix(surface.albedo, colour, mask)
    surface.roughness = mix(surface.roughness, F32(0.95), mask)
    surface.height = surface.height + (F32(0.002) + ctx.micro(fuzz, 0.2)) * mask
    if isinstance(surface.metallic, np.ndarray) or surface.metallic:
        surface.metallic = surface.metallic * (F32(1.0) - mask)


def _rust(surface: Surface, fam: Family, amount: float, age: float, ctx: Ctx) -> None:
    """Metals rust through; other surfaces get rust-coloured run-off stains below fixings."""
    if fam.metal:
        mask, colour, relief = rust_layers(ctx, cover=0.25 + 0.4 * max(age, 0.3),
                                           layer="rust_word")
        surface.albedo = mix(surface.albedo, colour, mask)
        surface.roughness = mix(surface.roughness, F32(0.85), mask)
        surface.height = surface.height + relief
        surface.metallic = surface.metallic * (F32(1.0) - mask)
        return
    runs = ctx.noise("rust_runs", 0.6, smallest_m=0.01, aniso=10.0, angle=np.pi / 2)
    mask = nz.smoothstep(1.0, 2.2, runs) * F32(0.55 * amount)
    surface.albedo = mix(surface.albedo, surface.albedo * rgb((0.9, 0.55, 0.35)), mask)


def _film(surface: Surface, ctx: Ctx, layer: str, amount: float,
          colour: tuple[float, float, float], rough: float, sites: np.ndarray,
          spread: float = 0.5) -> None:
    """A deposit (dust, grime) thickest where `sites` is high, patchy elsewhere."""
    patch = ctx.noise(layer, 0.5, smallest_m=0.01)
    cover = np.clip(F32(amount) * (sites + F32(spread) * (F32(1.0) + F32(0.5) * patch)),
                    0.0, 1.0)
    surface.albedo = mix(surface.albedo, rgb(colour), cover)
    surface.roughness = mix(surface.roughness, F32(rough), cover)


def _soot(surface: Surface, ctx: Ctx, amount: float) -> None:
    """Soot: soft smoky plumes licking upwards (v), dark and matte, no hard edges."""
    plume = ctx.noise("soot_lick", 0.8, smallest_m=0.05, aniso=4.0, angle=np.pi / 2,
                      beta=2.5)
    haze = ctx.noise("soot", 1.5, smallest_m=0.2, beta=3.0)
    cover = nz.smoothstep(0.0, 2.4, F32(0.7) * plume + F32(0.6) * haze) * F32(0.65 * amount)
    surface.albedo = mix(surface.albedo, rgb((0.07, 0.065, 0.06)), cover)
    surface.roughness = mix(surface.roughness, F32(0.9), cover)


def _wet(surface: Surface, fam: Family, wet: float, cav: np.ndarray, ctx: Ctx) -> None:
    """Water: porous stuff darkens (light trapped in the pores) and its pores fill, so
    the surface under the film is a little smoother; the gloss itself is the water film
    the shader lays on top (a clear coat, see blender/scene/materials.py), not a glossier
    material. The albedo is clamped before the power: earlier layers may push a texel
    below zero, and a negative base to a fractional power is NaN (a black speck)."""
    dry = ctx.noise("drying", 0.8, smallest_m=0.05)
    cover = np.clip(F32(wet) * (F32(0.75) + F32(0.2) * dry + F32(0.3) * cav), 0.0, 1.0)
    darken = F32(1.0 + 1.2 * fam.porosity)            # sRGB exponent: darker when soaked
    wet_albedo = np.clip(surface.albedo, F32(0.0), F32(1.0)) ** darken
    surface.albedo = mix(surface.albedo, wet_albedo, cover)
    surface.roughness = mix(surface.roughness, surface.roughness * F32(0.7), cover)
