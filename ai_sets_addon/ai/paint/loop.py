"""The multi-view loop (after TEXTure and Text2Tex): cameras in order, each view
conditioned on its depth and on what earlier views painted, then baked.

Per view, every pixel falls in one region:
- generate: no earlier view painted this surface;
- keep: painted already, and this view sees it no better: the painter must return
  it unchanged, and the bake leaves those texels alone (overlaps agree, no seams);
- refine: painted already, but this view sees it much more squarely (cos² above
  `refine_ratio` x the best so far): repainted starting from what is there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from ...core.errors import Cancelled
from ...core.seeds import stream_seed
from .albedo import match_albedo
from .texels import pad_islands, rasterise_atlas
from .bake import COVERAGE_FULL_WEIGHT, PartTexture, project_view, reproject, texel_quality
from .view_camera import ViewCamera
from .painters import ViewPainter, ViewRequest
from .scene import PaintScene
from .views import WorldMesh, cast_view, control_depth, edge_fade

Progress = Callable[[float, str], None]
ViewDone = Callable[["ViewRecord"], None]
ALBEDO_TERMS = "flat even diffuse lighting, albedo texture, no harsh shadows"
ALBEDO_NEGATIVE = "strong shadows, specular highlights, glare, lens flare, text, watermark"


@dataclass
class PaintOptions:
    prompt: str
    negative_prompt: str = ""
    seed: int = 0
    steps: int = 30
    guidance: float = 7.5
    control_scale: float = 1.0
    cameras: list[str] | None = None      # None: every camera of the set, in order
    albedo_terms: bool = True             # ask the model for flat, shadow-free colour
    refine_ratio: float = 1.5
    keep_coverage: float = 0.5            # coverage from which a surface counts as painted
    fade_px: int = 0                      # 0: 1 % of the view width (at least 2 px)
    padding_px: int = 8
    # Mean linear albedo luminance per part name (the procedural material's): each
    # view's paint of that part is scaled to it (see albedo.py); empty: no matching.
    albedo_reference: dict[str, float] = field(default_factory=dict)
    albedo_strength: float = 1.0


@dataclass
class ViewRecord:
    camera: str
    seed: int
    control: np.ndarray
    image: np.ndarray
    regions: dict[str, float]             # fraction of hit pixels per region


@dataclass
class PaintResult:
    colour: list[np.ndarray]              # per part (H, W, 3) sRGB [0, 1], islands padded
    coverage: list[np.ndarray]            # per part (H, W) [0, 1], 0 where unseen
    island: list[np.ndarray]              # per part (H, W) bool
    views: list[ViewRecord] = field(default_factory=list)

    def part_stats(self, index: int) -> dict[str, float]:
        island = self.island[index]
        cov = self.coverage[index][island]
        n = max(int(island.sum()), 1)
        return {"coverage": float(cov.sum() / n), "seen_fraction": float((cov > 0).sum() / n),
                "island_texels": int(island.sum()), "unseen_texels": int((cov <= 0).sum())}


def paint_set(scene: PaintScene, painter: ViewPainter, options: PaintOptions,
              progress: Progress | None = None,
              cancelled: Callable[[], bool] | None = None,
              on_view: ViewDone | None = None) -> PaintResult:
    """Paint every chosen camera in order and bake into the parts' atlases; seeds are
    per camera name (adding a camera does not change the others' paintings)."""
    scene.check()
    report = progress or (lambda f, m: None)
    is_cancelled = cancelled or (lambda: False)
    cameras = [scene.camera(n) for n in options.cameras] if options.cameras else scene.cameras
    report(0.0, "placing atlas texels")
    textures = [PartTexture.empty(rasterise_atlas(p)) for p in scene.parts]
    world = WorldMesh.build(scene)
    width, height = scene.resolution
    records = []
    for k, plan in enumerate(cameras):
        span = (0.05 + 0.9 * k / len(cameras), 0.9 / len(cameras))
        records.append(_paint_one(k, ViewCamera.from_plan(plan, width, height), scene, world,
                                  textures, painter, options, report, is_cancelled, span))
        if on_view is not None:
            on_view(records[-1])
    report(0.97, "padding islands")
    return _finish(textures, records, options)


def _paint_one(k, camera, scene, world, textures, painter, options, report, cancelled, span):
    start, size = span
    report(start, f"{camera.name}: depth")
    view = cast_view(world, camera)
    fade = edge_fade(view, options.fade_px or max(2, camera.width // 100))
    quality = texel_quality(view, view.cosine) * fade
    known, covered, best = _known(scene, view, textures)
    keep, refine = regions(view.hit, quality, covered, best, options)
    request = ViewRequest(
        camera=camera.name, index=k, prompt=_prompt(options),
        seed=stream_seed(options.seed, "paint", camera.name),
        negative_prompt=_negative(options), control=control_depth(view),
        known=known.astype(np.float32), keep=keep.astype(np.float32),
        refine=refine.astype(np.float32), steps=options.steps, guidance=options.guidance,
        control_scale=options.control_scale)

    def on_step(step: int, total: int) -> bool:
        report(start + size * 0.9 * step / max(total, 1), f"{camera.name}: step {step}/{total}")
        return not cancelled()

    if cancelled():
        raise Cancelled("painting cancelled")
    image = np.clip(np.asarray(painter.paint(request, on_step), np.float64), 0.0, 1.0)
    image = _match_albedo(image, view, keep, known, scene, options)
    report(start + size * 0.95, f"{camera.name}: baking")
    project_view(textures, scene, view, image, fade * (1.0 - keep))
    return ViewRecord(camera.name, request.seed, request.control, image.astype(np.float32),
                      _region_stats(view.hit, keep, refine))


def _match_albedo(image, view, keep, known, scene: PaintScene, options: PaintOptions):
    """Match only what this view generated: soft keep edges are un-blended first, so
    the kept colour (already matched by its own view) is not scaled twice."""
    names = {p.name: i for i, p in enumerate(scene.parts)}
    reference = {names[n]: v for n, v in options.albedo_reference.items() if n in names}
    if not reference:
        return image
    k = keep[..., None]
    free = view.hit & (keep < 0.999)
    fresh = np.where(free[..., None], (image - k * known) / np.maximum(1.0 - k, 1e-3), image)
    matched = match_albedo(np.clip(fresh, 0.0, 1.0), view.part, free, reference,
                           options.albedo_strength)
    return np.where(free[..., None], k * known + (1.0 - k) * matched, image)


def _known(scene, view, textures):
    """What earlier views left, seen from this camera: colour, coverage, best quality."""
    maps = [(t.colour_sum, t.weight_sum, t.best) for t in textures]
    colour_sum, weight, best = reproject(scene, view, maps)
    colour = np.where(weight > 1e-9, colour_sum / np.maximum(weight, 1e-12), 0.0)
    coverage = np.clip(weight[..., 0] / COVERAGE_FULL_WEIGHT, 0.0, 1.0)
    return colour, coverage, best[..., 0]


def regions(hit: np.ndarray, quality: np.ndarray, covered: np.ndarray, best: np.ndarray,
            options: PaintOptions) -> tuple[np.ndarray, np.ndarray]:
    """(keep, refine) masks in [0, 1]; what is neither is generated."""
    painted = hit & (covered >= options.keep_coverage)
    better = quality > options.refine_ratio * best
    keep = (painted & ~better).astype(np.float64) * np.clip(covered, 0.0, 1.0)
    refine = (hit & (covered > 0.0) & ~(painted & ~better)).astype(np.float64)
    return keep, refine


def _region_stats(hit, keep, refine) -> dict[str, float]:
    n = max(int(hit.sum()), 1)
    kept = float((keep[hit] > 0.5).sum() / n)
    refined = float((refine[hit] > 0.5).sum() / n)
    return {"keep": kept, "refine": refined, "generate": max(0.0, 1.0 - kept - refined)}


def _prompt(options: PaintOptions) -> str:
    return f"{options.prompt}, {ALBEDO_TERMS}" if options.albedo_terms else options.prompt


def _negative(options: PaintOptions) -> str:
    parts = [options.negative_prompt, ALBEDO_NEGATIVE if options.albedo_terms else ""]
    return ", ".join(p for p in parts if p)


def _finish(textures: list[PartTexture], records, options: PaintOptions) -> PaintResult:
    colours, coverages, islands = [], [], []
    for tex in textures:
        island = tex.texels.island
        colour, coverage = pad_islands(tex.colour(), tex.coverage(), tex.weight_sum > 0,
                                       island, options.padding_px)
        colours.append(colour.astype(np.float32))
        coverages.append(coverage.astype(np.float32))
        islands.append(island)
    return PaintResult(colours, coverages, islands, records)
