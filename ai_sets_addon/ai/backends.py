"""The diffusers material and sky backends of a build (`--material-backend diffusers`,
`--sky-backend diffusers`), behind the same protocols as the procedural ones.

One `SharedModel` per build: the pipeline (plain text-to-image SD 1.5 / SDXL; a
ControlNet or adapter only when the settings name one) is loaded once, on first use,
and both backends paint through it one call at a time (a diffusers pipeline keeps
scheduler state, and the circular-padding patch changes its conv layers, so two threads
must not share it at once; the build's thread pool still overlaps writing and
unwrapping).

Material tiles cover the real-world size the words imply: the procedural family's
trade size (bricks, planks, tiles...) when the request names a known family, 1 m
otherwise. Skies are lifted to true HDR (generation.hdr) and, in a set, the sun disc
goes to the Sun lamp (azimuth, elevation, irradiance from the lift), as the procedural
sky does. torch and diffusers load only inside `SharedModel.using`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path
from typing import Any

import numpy as np

from ..model.ai_settings import AiSettings
from ..model.assets import MaterialDescription, SkyAsset
from ..model.plan import MaterialRequest, SkyRequest
from ..core.seeds import stream_seed

# The sizes each family was trained near: generate there, resample up to what is asked.
NATIVE_TILE = {"sd15": 512, "sdxl": 1024}
NATIVE_PANORAMA = {"sd15": 1024, "sdxl": 2048}
DEFAULT_TILE_M = 1.0


def model_request(settings: AiSettings):
    """The loader's request for these settings (InputError when no model is named)."""
    from .loader import ModelRequest

    settings.check()
    return ModelRequest(**{f.name: getattr(settings, f.name) for f in fields(ModelRequest)})


class SharedModel:
    """A pipeline loaded once, on first use, and lent to one caller at a time."""

    def __init__(self, settings: AiSettings) -> None:
        self.settings = settings
        self._model: Any = None
        self._lock = threading.Lock()

    @contextmanager
    def using(self) -> Iterator[Any]:
        with self._lock:
            if self._model is None:
                from .loader import load_pipeline

                self._model = load_pipeline(model_request(self.settings),
                                            needs_control=False)
            yield self._model

    @property
    def base_family(self) -> str:
        """sd15 or sdxl (after loading)."""
        return str(self._model.family).split("-")[0] if self._model is not None else "sd15"

    def tile_px(self) -> int:
        """The side a material tile is painted at (then resampled to the map size)."""
        return int(self.settings.model_size or NATIVE_TILE.get(self.base_family, 512))

    def panorama_px(self) -> int:
        """The width a panorama is painted at (2:1; then resampled to the sky width)."""
        size = self.settings.model_size
        return int(2 * size if size else NATIVE_PANORAMA.get(self.base_family, 1024))


def family_tile(family: str | None) -> tuple[str | None, float]:
    """(procedural family key, tile metres) the words name, or (None, 1 m)."""
    from ..generation.materials import FAMILIES, resolve_family
    from ..generation.materials.backend import FALLBACK

    if not family:
        return None, DEFAULT_TILE_M
    key, notice = resolve_family(family)
    if key == FALLBACK and notice:                # an unknown word, not a family
        return None, DEFAULT_TILE_M
    return key, float(FAMILIES[key].tile_m)


def material_prompt(request: MaterialRequest) -> str:
    """What the model reads for a planned material: its words, then its family."""
    words = [*request.modifiers, request.colour or "", (request.family or "").replace("_", " ")]
    return " ".join(w for w in words if w).strip() or "plain surface"


class DiffusersMaterials:
    """MaterialBackend: a seamless AI colour tile, then the procedural map set."""

    name = "diffusers"

    def __init__(self, model: SharedModel, prompts: dict[str, str] | None = None) -> None:
        self.model = model
        self.prompts = prompts or {}          # key -> the words to paint (CLI: the prompt)

    def make_material(self, request: MaterialRequest, size: int,
                      out_dir: Path) -> MaterialDescription:
        from ..generation.materials import check_size
        from .material import AiMaterialRequest, generate_tile, write_ai_material

        check_size(size)
        key, tile_m = family_tile(request.family)
        ai = AiMaterialRequest(
            prompt=self.prompts.get(request.key) or material_prompt(request), key=request.key,
            size=int(size), seed=stream_seed(request.seed, "ai", "material", request.key),
            steps=self.model.settings.steps, guidance=self.model.settings.guidance,
            tile_size_m=(tile_m, tile_m),
            extra_params={"requested_family": request.family, "tile_family": key,
                          "modifiers": list(request.modifiers), "colour": request.colour})
        with self.model.using() as model:
            ai.generate_size = min(int(size), self.model.tile_px())
            colour = generate_tile(model, ai)
            info = model.describe()
        return write_ai_material(colour, ai, info, Path(out_dir))


class DiffusersSky:
    """SkyBackend: an AI 2:1 panorama, lifted to true HDR; in a set the disc is taken
    out of the map and handed to the Sun lamp (`sun_in_map=False`), as procedural."""

    name = "diffusers"

    def __init__(self, model: SharedModel, prompt: str, sun_in_map: bool = False,
                 expand_ev: float = 2.0) -> None:
        self.model, self.prompt = model, prompt
        self.sun_in_map, self.expand_ev = sun_in_map, expand_ev

    def make_sky(self, request: SkyRequest, width: int, out_path: Path) -> SkyAsset:
        from .panorama import PanoramaRequest, generate_panorama, lift_panorama, upscale_ldr

        pano = PanoramaRequest(sky_prompt(self.prompt, request),
                               seed=stream_seed(request.seed, "ai", "sky"),
                               steps=self.model.settings.steps,
                               guidance=self.model.settings.guidance)
        with self.model.using() as model:
            pano.width = max(64, min(int(width), self.model.panorama_px()) // 16 * 16)
            ldr = generate_panorama(model, pano)
            info = model.describe()
        ldr = upscale_ldr(ldr, max(int(width), 256))
        out_path = Path(out_path)
        ldr_path = out_path.with_name(out_path.stem + "_ldr.png")
        result, panorama = lift_panorama(ldr, ldr_path)
        generation = {"prompt": pano.prompt, "seed": pano.seed, "steps": pano.steps,
                      "generated_width": pano.width, "model": info}
        return write_ai_sky(result, panorama, ldr, out_path, self.sun_in_map,
                            self.expand_ev, planned_sun(request), generation)


def sky_prompt(prompt: str, request: SkyRequest) -> str:
    """The set's words, with the sky the plan resolved (time, cloud), for the model."""
    when = request.time_of_day.replace("_", " ")
    return f"{prompt.strip()}, {when}, {request.cloud_cover} clouds".strip(", ")


def planned_sun(request: SkyRequest) -> tuple[float, float]:
    """(elevation, azimuth) the words ask for: where the lamp points (at zero strength)
    when the panorama shows no sun, so the set's exposure and practicals still know the
    time of day."""
    from ..generation.sky import resolve_sun

    elevation, azimuth = resolve_sun(request)
    return float(elevation), float(azimuth)


def write_ai_sky(result: Any, pano: Any, ldr: np.ndarray, out_path: Path, sun_in_map: bool,
                 expand_ev: float, fallback_sun: tuple[float, float],
                 extra: dict[str, Any]) -> SkyAsset:
    """EXR + PNG + JSON (+ the LDR as SKY_ldr.png) and the SkyAsset a set reads: the
    lifted sun where the procedural sky puts its own; none of the files if one fails."""
    from ..core.fileio import write_png
    from ..generation.hdr.write import sidecar
    from ..generation.sky.output import write_outputs

    rgb, key = sky_light(result, sun_in_map, fallback_sun)
    write_png(pano.path, ldr)
    try:
        data = sidecar(result, pano, expand_ev)
        data.update(backend="diffusers", generation=extra, sun_in_map=sun_in_map,
                    exposure_ev=key["exposure_ev"])
        exr, png, js, pixel_type = write_outputs(Path(out_path), rgb, data)
    except BaseException:
        pano.path.unlink(missing_ok=True)
        raise
    params = {"backend": "diffusers", "key_body": "sun", "pixel_type": pixel_type,
              "ldr": pano.path.name, "sun_found": bool(result.sun.found),
              "confidence": result.confidence, "notes": list(result.notes),
              "warnings": list(result.warnings),
              "width": int(rgb.shape[1]), "height": int(rgb.shape[0]),
              "sun_in_map": sun_in_map, **extra, **key}
    return SkyAsset(exr_path=exr, sun_azimuth_deg=key["azimuth_deg"],
                    sun_elevation_deg=key["elevation_deg"],
                    sun_irradiance_w_m2=key["irradiance_w_m2"], sun_colour=key["colour"],
                    sun_angle_deg=key["angle_deg"], sun_in_map=sun_in_map,
                    preview_path=png, sidecar_path=js, params=params)


def sky_light(result: Any, sun_in_map: bool, fallback_sun: tuple[float, float]
              ) -> tuple[np.ndarray, dict[str, Any]]:
    """The map to write (the disc taken out unless kept) and the key light's figures,
    metered as the procedural sky meters its own (sky.compose.exposure_ev)."""
    from ..generation.sky.bodies import SUN_RADIUS_DEG, draw_disc
    from ..generation.sky.compose import (KeyLight, exposure_ev, horizontal_irradiance,
                                          night_darkening)
    from ..generation.sky.spectrum import luminance

    sun = result.sun
    irradiance = float(result.irradiance) if sun.found else 0.0
    colour = _unit_colour(result.irradiance_rgb) if irradiance > 0 else (1.0, 1.0, 1.0)
    clean = result.rgb
    if sun.found and irradiance > 0:
        disc = np.zeros_like(clean)
        draw_disc(disc, sun.elevation_deg, sun.azimuth_deg, SUN_RADIUS_DEG,
                  result.irradiance_rgb)
        clean = np.maximum(clean - disc, 0.0)
    elevation, azimuth = ((float(sun.elevation_deg), float(sun.azimuth_deg)) if sun.found
                          else fallback_sun)
    diffuse = float(luminance(horizontal_irradiance(clean)))
    key = KeyLight("sun", elevation, azimuth, irradiance, colour, 2 * SUN_RADIUS_DEG)
    figures = {"azimuth_deg": azimuth, "elevation_deg": elevation,
               "irradiance_w_m2": irradiance, "colour": colour,
               "angle_deg": 2 * SUN_RADIUS_DEG, "diffuse_horizontal_irradiance": diffuse,
               "exposure_ev": exposure_ev(key, diffuse),
               "night_darkening_ev": night_darkening(key, diffuse)}
    return (result.rgb if sun_in_map else clean).astype(np.float32), figures


def _unit_colour(rgb: np.ndarray) -> tuple[float, float, float]:
    from ..generation.sky.spectrum import luminance

    y = float(luminance(rgb))
    return tuple(float(c) / y for c in rgb) if y > 1e-12 else (1.0, 1.0, 1.0)


def backends_for(options, prompt: str = "", report=None):
    """(sky, material) backends of a build: the procedural ones, or the diffusers ones
    sharing one model, loaded here once before any asset is made (a bad path fails first).
    Handed to `generation.prepare.prepare_set` by the pipeline and the worker, so the pure
    layer never imports this package."""
    from ..generation.prepare import procedural_backends

    if not options.uses_ai:
        return procedural_backends(options, prompt, report)
    model = SharedModel(AiSettings.coerce(options.ai))
    if report:
        report(0.1, f"loading {model.settings.model}")
    with model.using():
        pass
    sky, materials = procedural_backends(options, prompt, report)
    if options.sky_backend == "diffusers":
        sky = DiffusersSky(model, prompt)
    if options.material_backend == "diffusers":
        materials = DiffusersMaterials(model)
    return sky, materials
