"""Find the sun in an LDR panorama, or decide that there is none to find.

A camera exposed for the sky clips the sun, its aureole and often a band of bright
horizon or a bright cloud: the clipped region can be of any size, and the biggest one
need not be the sun alone. The method (docs/hdr/README.md has the reasons):

1. No sun when the sky is dark (night); a sky clipped almost everywhere
   (SATURATED_SHARE) is left to saturated.py, which reads the sun from the darkest sky
   the camera kept.
2. One compact clipped region (<= COMPACT_SR): the aureole alone; its centroid
   gives the azimuth (the sky is symmetric about the sun's vertical) and a first
   elevation, which lift.py replaces with elevation.py's shape fit.
3. A larger clipped area (aureole merged with a clipped horizon band or cloud), or
   several regions (the biggest need not be the sun: a thin clipped horizon line under
   a high sun holds more pixels than its disc): every
   clipped cell is a candidate sun (the sun is clipped in any exposure that shows the
   sky); each is scored by how well a CIE clear sky (ISO 15469 types 12, 13, 15) with
   its sun there explains the unclipped sky, each image row's mean log luminance taken
   out (the horizon's glow differs between skies, the sun's pattern does not), with a
   free slope (unknown tone curve) and capped residuals (clouds, buildings). The best
   candidate is refined on a quarter-cell grid; a misfit over MAX_SHAPE_COST is no sun.
   When the best cell lies in a compact region, that region's centroid is used (2.).
4. With nothing clipped: the brightest diffuse lobe if it stands LOBE_CONTRAST above
   its surround (a sun behind thin cloud); else none (overcast, diffuse light).
5. Stars (`star_share`): point lights standing alone on the sky mean night, whatever
   the exposure: the clipped spot is the moon (a moonlit sky is a dim copy of a sunlit
   one, so its shape alone cannot tell them apart) or a lamp; lift.py adds no sun.

`SunEstimate.confidence` (0..1) is how well the chosen sun explains the sky; lift.py
folds in the clear-sky fit's residual.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from ..sky.equirect import angles_of, direction
from ..sky.spectrum import fixed_matmul
from .grid import WorkGrid, cell_luminance, centre_rows, parallel_map, row_starts

LOBE_CONTRAST = 2.0          # lobe peak / its 25-40° surround (CIE overcast: ~1.1)
LOBE_SURROUND_DEG = (25.0, 40.0)
NIGHT_MEDIAN = 0.004         # relative linear median of the upper hemisphere (sRGB ~ 0.05)
SATURATED_SHARE = 0.7        # more of the sky clipped: saturated.py reads the sun from the rest
COMPACT_SR = 1.5             # a smaller largest clipped region is the aureole alone
MIN_REGION_SR = 2e-5         # a clipped region this large may be the sun (its disc: 6.7e-5)
MAX_ALTERNATIVES = 6         # the largest other compact regions kept as alternatives
MAX_SHAPE_COST = 0.25        # mean |log residual| of the best clear sky: above, no sun
AUREOLE_NEAR_DEG = (1.0, 4.0)   # the sky this far from a clipped spot ...
AUREOLE_FAR_DEG = (8.0, 16.0)   # ... over the sky this far: its aureole's contrast
STAR_BAND_DEG = (15.0, 80.0)  # where stars are counted (clear of horizon glow and pole)
STAR_CONTRAST = 2.0          # a star: over its 8 neighbours' median x this, and their max
STAR_FLOOR = 0.01            # ... and over this relative level (not 8-bit noise in black)
STAR_SHARE = 5e-6            # more stars per pixel of that band: night (daylight: 0)


@dataclass
class SunEstimate:
    """Where the sun is (scene azimuth clockwise from +Y), how it was found, or why not."""

    found: bool
    elevation_deg: float = 0.0
    azimuth_deg: float = 0.0
    method: str = "none"    # "clipped", "saturated", "lobe", "given", "place_time", "none"
    reason: str = ""
    clipped_solid_angle_sr: float = 0.0
    lobe_contrast: float = 0.0
    confidence: float = 0.0        # how clearly the sun stood out (before the fit)
    region: np.ndarray | None = field(default=None, repr=False)  # (h_up, w) bool cells
    # the other compact clipped regions that could hold the sun (lift.py's wedge fit,
    # which models the sky physically, arbitrates between them and this one)
    alternatives: list[SunEstimate] = field(default_factory=list, repr=False)


def find_sun(grid: WorkGrid) -> SunEstimate:
    """No sun (night, saturated), a clipped sun (compact or merged), a lobe, or none."""
    upper = grid.elevations > 0.0
    lum = cell_luminance(grid.linear[upper])
    h_up = int(np.sum(upper))
    clipped = grid.clipped[:h_up] > 0.0
    if float(np.median(lum)) < NIGHT_MEDIAN and not clipped.any():
        return SunEstimate(False, method="none", reason="night: the sky is dark; no sun added")
    share = clipped_sky_share(grid)
    if share > SATURATED_SHARE:
        return SunEstimate(False, method="saturated", reason=f"{share:.0%} of the sky is "
                           "clipped to white (overexposed)")
    if clipped.any():
        found = _clipped_sun(grid, clipped)
        if found is not None:
            return found
        reason = "no clear sky with its sun in the clipped area explains the sky"
    else:
        reason = "nothing in the upper hemisphere clipped"
    if float(np.median(lum)) < NIGHT_MEDIAN:
        return SunEstimate(False, reason="night: the sky is dark; no sun added")
    return _lobe(grid, reason)


def clipped_sky_share(grid: WorkGrid) -> float:
    """The share of the upper hemisphere (by solid angle) clipped to white."""
    h_up = int(np.sum(grid.elevations > 0.0))
    omega = grid.solid_angles[:h_up, None]
    return float(np.sum(grid.clipped[:h_up] * omega) / (np.sum(omega) * grid.clipped.shape[1]))


def _clipped_sun(grid: WorkGrid, clipped: np.ndarray) -> SunEstimate | None:
    """One compact clipped region: the aureole alone, its centroid (elevation.py then
    replaces the biased elevation). A larger one (the aureole merged with a clipped
    horizon band or cloud), or several (a thin clipped horizon line under a high sun
    holds more pixels than its disc): the clipped cell where a clear sky's sun best
    explains the unclipped sky, then the centroid of its region if that is compact."""
    labels = _label(clipped)
    omega = grid.solid_angles[: clipped.shape[0], None]
    share = grid.clipped[: clipped.shape[0]] * omega
    sizes = np.bincount(labels.ravel(), weights=share.ravel())[1:]
    if sizes.max() <= COMPACT_SR and np.sum(sizes >= MIN_REGION_SR) <= 1:
        region = labels == int(np.argmax(sizes)) + 1
        el, az = _centroid(grid, region)
        area = float(sizes.max())
        return SunEstimate(True, el, az, "clipped", "the clipped region of the upper "
                           f"hemisphere ({area:.3f} sr), its centroid",
                           clipped_solid_angle_sr=area, confidence=1.0, region=region)
    el, az, cost = locate_sun(grid, clipped)
    if cost > MAX_SHAPE_COST:
        return None
    found = _best_cell_sun(grid, labels, share, el, az, cost)
    found.alternatives = _compact_regions(grid, labels, sizes, exclude=found.region)
    return found


def _best_cell_sun(grid: WorkGrid, labels: np.ndarray, share: np.ndarray, el: float,
                   az: float, cost: float) -> SunEstimate:
    """The sun at the best clipped cell (el, az): its region's centroid when that
    region is compact, else the cell itself in a merged area."""
    clipped = labels > 0
    sun = direction(np.array(el), np.array(az))
    dirs = grid.directions(clipped.shape[0])
    cos = np.where(clipped, fixed_matmul(dirs, sun), -2.0)
    region = labels == labels.flat[int(np.argmax(cos))]
    area = float(np.sum(share * region))
    if area <= COMPACT_SR:
        # the best cell lies in a compact region: that region is the aureole alone, and
        # its centroid is as unbiased as in the one-region case
        el, az = _centroid(grid, region)
        return SunEstimate(True, el, az, "clipped", "the clipped region "
                           f"({area:.3f} sr) of several where a clear sky's sun best "
                           f"explains the unclipped sky (shape misfit {cost:.3f}), its "
                           "centroid", clipped_solid_angle_sr=area,
                           confidence=float(np.exp(-cost / 0.1)), region=region)
    return SunEstimate(True, el, az, "clipped",
                       f"the clipped area ({area:.2f} sr) is the sun's aureole merged with "
                       "a clipped horizon or cloud: the clipped cell where a clear sky's sun "
                       f"best explains the unclipped sky (shape misfit {cost:.3f})",
                       clipped_solid_angle_sr=area, confidence=float(np.exp(-cost / 0.1)),
                       region=region)


def _compact_regions(grid: WorkGrid, labels: np.ndarray, sizes: np.ndarray,
                     exclude: np.ndarray) -> list[SunEstimate]:
    """The other compact clipped regions (MIN_REGION_SR..COMPACT_SR, the largest
    MAX_ALTERNATIVES), each as a sun at its centroid."""
    taken = set(np.unique(labels[exclude]).tolist())
    order = [int(k) for k in np.argsort(-sizes, kind="stable")
             if MIN_REGION_SR <= sizes[k] <= COMPACT_SR and int(k) + 1 not in taken]
    out = []
    for k in order[:MAX_ALTERNATIVES]:
        region = labels == k + 1
        el, az = _centroid(grid, region)
        out.append(SunEstimate(True, el, az, "clipped", f"the clipped region "
                               f"({sizes[k]:.3f} sr) of several that a clear sky's sun, "
                               "modelled physically, explains best: its centroid",
                               clipped_solid_angle_sr=float(sizes[k]), confidence=1.0,
                               region=region))
    return out


# CIE general sky (ISO 15469) clear types 12, 13, 15: (a, b, c, d, e) of
# L ~ (1 + a exp(b / cos Z)) (1 + c (exp(d g) - exp(d pi/2)) + e cos^2 g).
CIE_CLEAR = ((-1.0, -0.32, 10.0, -3.0, 0.45), (-1.0, -0.32, 16.0, -3.0, 0.30),
             (-1.0, -0.15, 24.0, -2.8, 0.15))
MAX_SKY_CELLS = 3000          # unclipped cells the shape fit compares (a stride sample)
MAX_CANDIDATES = 600          # clipped cells tried as the sun (a stride sample)
RES_CAP = 0.5                 # a cell's |log residual| counts at most this much


def locate_sun(grid: WorkGrid, clipped: np.ndarray) -> tuple[float, float, float]:
    """(elevation, azimuth, cost) of the sun that best explains the unclipped sky.

    The sun is clipped in any exposure that shows the sky, so the candidates are the
    clipped cells; each is scored by how well a CIE clear sky with its sun there fits the
    log luminance of the unclipped sky above 2° (free offset and slope: the exposure and
    an unknown tone curve), with each cell's residual capped (clouds, buildings). The
    aureole's falloff around the clipped core and the sky's darkening 90° from the sun
    pin the centre; a clipped horizon band or cloud cannot explain the falloff. The best
    cell is refined on a quarter-cell grid around it."""
    h = clipped.shape[0]
    dirs = grid.directions(h)
    lum = cell_luminance(grid.linear[:h])
    els = np.broadcast_to(grid.elevations[:h, None], clipped.shape)
    sky = ~clipped & (els > 2.0) & (lum > 1e-3)
    sky_idx = np.flatnonzero(sky)
    sky_idx = sky_idx[:: max(1, len(sky_idx) // MAX_SKY_CELLS)]
    obs = dirs.reshape(-1, 3)[sky_idx]
    y = np.log(lum.ravel()[sky_idx]).astype(np.float32)
    w = np.broadcast_to(grid.solid_angles[:h, None], clipped.shape).ravel()[sky_idx]
    w = (w / w.sum()).astype(np.float32)
    cand_idx = np.flatnonzero(clipped)
    cand_idx = cand_idx[:: max(1, len(cand_idx) // MAX_CANDIDATES)]
    cands = dirs.reshape(-1, 3)[cand_idx]
    rows = sky_idx // clipped.shape[1]
    starts = row_starts(rows)
    y = centre_rows(y, w, starts)
    costs = np.stack(costs_by_type(lambda block, t: _shape_costs(block, obs, y, w, t, starts),
                                   cands, CANDIDATE_BLOCK))
    t_best, c_best = np.unravel_index(int(np.argmin(costs)), costs.shape)
    el0, az0 = angles_of(cands[c_best])
    cell = 180.0 / grid.linear.shape[0]
    steps = np.arange(-6, 7) * (cell / 4.0)
    ee, aa = np.meshgrid(el0 + steps, steps, indexing="ij")
    aa = az0 + aa / max(np.cos(np.radians(el0)), 0.2)
    local = direction(ee.ravel(), aa.ravel())
    fine = _shape_costs(local, obs, y, w, CIE_CLEAR[t_best], starts)
    k = int(np.argmin(fine))
    el, az = angles_of(local[k])
    return el, az, float(fine[k])


def costs_by_type(cost: Callable[[np.ndarray, tuple[float, ...]], np.ndarray],
                  suns: np.ndarray, block: int) -> list[np.ndarray]:
    """[cost(suns, cie) for cie in CIE_CLEAR], `block` suns at a time on the threads:
    the three types' blocks share the cores evenly (a type per thread ran three jobs on
    two cores) and a block's (suns, cells) arrays stay in the cache. Each sun's cost is
    its own, so the same bytes."""
    jobs = [(cie, i) for cie in CIE_CLEAR for i in range(0, len(suns), block)]
    parts = parallel_map(lambda job: cost(suns[job[1]:job[1] + block], job[0]), jobs)
    n = len(parts) // len(CIE_CLEAR)
    return [np.concatenate(parts[k:k + n]) for k in range(0, len(parts), n)]


CANDIDATE_BLOCK = 256         # candidate suns costed at a time


def cie_log(suns: np.ndarray, obs: np.ndarray, cie: tuple[float, ...]) -> np.ndarray:
    """(C, N) float32 log relative luminance, at the directions `obs` (N, 3), of the CIE
    general sky `cie` with its sun at each of `suns` (C, 3)."""
    a, b, c, d, e = cie
    cos_z = np.maximum(obs[:, 2], 0.05).astype(np.float32)
    grad = np.log(1.0 + a * np.exp(b / cos_z)).astype(np.float32)          # (N,)
    cos_g = np.clip(fixed_matmul(suns.astype(np.float32), obs.astype(np.float32).T),
                    -1.0, 1.0)
    g = np.arccos(cos_g)
    return grad + np.log(1.0 + c * (np.exp(d * g) - np.float32(np.exp(d * np.pi / 2)))
                         + e * cos_g * cos_g)


def _shape_costs(cands: np.ndarray, obs: np.ndarray, y: np.ndarray, w: np.ndarray,
                 cie: tuple[float, ...], starts: np.ndarray) -> np.ndarray:
    """(C,) robust misfit of the CIE sky `cie` with the sun at each candidate, each image
    row's mean taken out of model and sky alike: the sky's elevation profile (a bright
    horizon band, the ground's glow) varies from sky to sky, the sun's pattern does not."""
    out = np.empty(len(cands), np.float32)
    for i in range(0, len(cands), 256):
        x = cie_log(cands[i:i + 256], obs, cie)
        dx = centre_rows(x, w, starts, axis=1)
        slope = np.clip(np.sum(dx * y * w, axis=1)
                        / np.maximum(np.sum(dx * dx * w, axis=1), 1e-9), 0.5, 1.5)
        res = y - slope[:, None] * dx
        out[i:i + 256] = np.sum(np.minimum(np.abs(res), RES_CAP) * w, axis=1)
    return out


def _label(mask: np.ndarray) -> np.ndarray:
    """8-connected components (columns wrap around); 0 = background; numbered in the
    raster order of their first cell. Row runs joined by union-find: a clipped sky is a
    few hundred runs, not the tens of thousands of cells a flood fill visits one by one."""
    h, w = mask.shape
    rows, starts, ends = _runs(mask)
    parent = list(range(len(rows)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _touching_runs(rows, starts, ends, w):
        ri, rj = root(i), root(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)     # the root is a component's first run
    roots = np.array([root(i) for i in range(len(rows))], np.int64)
    first = np.unique(roots)                      # raster order of the first runs
    ids = (np.searchsorted(first, roots) + 1).astype(np.int32)
    labels = np.zeros(mask.shape, np.int32)
    lengths = ends - starts
    cells = np.repeat(rows * w + starts - np.cumsum(lengths) + lengths, lengths) \
        + np.arange(int(lengths.sum()))
    labels.ravel()[cells] = np.repeat(ids, lengths)
    return labels


def _runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, first column, end column) of each run of set cells, in raster order."""
    h, w = mask.shape
    edges = np.diff(np.pad(mask, ((0, 0), (1, 1))).astype(np.int8), axis=1)
    rows, starts = np.nonzero(edges == 1)
    _, ends = np.nonzero(edges == -1)
    return rows.astype(np.int64), starts.astype(np.int64), ends.astype(np.int64)


def _touching_runs(rows: np.ndarray, starts: np.ndarray, ends: np.ndarray, w: int
                   ) -> list[tuple[int, int]]:
    """Pairs of runs that are 8-neighbours: in the next row with overlapping or
    diagonally touching columns, or across the wrap (a run at the last column and one
    at the first, in the same row or the next)."""
    pairs = []
    bounds = np.searchsorted(rows, np.arange(int(rows.max(initial=-1)) + 3))
    wrap_last = ends == w
    wrap_first = starts == 0
    for r in range(len(bounds) - 2):
        a = np.arange(bounds[r], bounds[r + 1])
        b = np.arange(bounds[r + 1], bounds[r + 2])
        if a.size == 0:
            continue
        if b.size:
            # [s, e) runs touch (8-connected) when each starts at or before the other's end
            hit = (starts[a][:, None] <= ends[b][None, :]) & (starts[b][None, :]
                                                             <= ends[a][:, None])
            ia, ib = np.nonzero(hit)
            pairs += zip(a[ia].tolist(), b[ib].tolist())
        for other in (a, b):
            pairs += [(int(i), int(j)) for i in a[wrap_last[a]] for j in other[wrap_first[other]]]
            pairs += [(int(i), int(j)) for i in a[wrap_first[a]] for j in other[wrap_last[other]]]
    return pairs


def _centroid(grid: WorkGrid, region: np.ndarray) -> tuple[float, float]:
    """region_direction of a clipped region, each cell weighted by its clipped share."""
    return region_direction(grid, np.where(region, grid.clipped[: region.shape[0]], 0.0))


def region_direction(grid: WorkGrid, region: np.ndarray) -> tuple[float, float]:
    """(elevation, azimuth) of the region's solid-angle-weighted centroid.

    Biased in elevation (the region leans toward the bright horizon, or is cut by the
    ground): a first guess; lift.py takes the elevation from elevation.py instead."""
    h = region.shape[0]
    dirs = grid.directions(h)
    weights = region * grid.solid_angles[:h, None]
    centroid = (dirs * weights[..., None]).sum(axis=(0, 1))
    return angles_of(centroid / np.linalg.norm(centroid))


def aureole_contrast(grid: WorkGrid, elevation_deg: float, azimuth_deg: float) -> float:
    """Median unclipped luminance AUREOLE_NEAR_DEG from the direction over that
    AUREOLE_FAR_DEG from it: a sun's aureole brightens the sky toward it (1.3 for
    Blender's sky at 1,500 m, 1.5 for a CIE clear sky), a lamp against an overcast sky
    does not (~1). 1.0 when either ring has no unclipped sky."""
    h = int(np.sum(grid.elevations > 0.0))
    lum = cell_luminance(grid.linear[:h])
    seen = grid.clipped[:h] == 0.0
    near, far = (ring_median(grid.directions(h), lum, elevation_deg, azimuth_deg, ring, seen)
                 for ring in (AUREOLE_NEAR_DEG, AUREOLE_FAR_DEG))
    if near is None or far is None:
        return 1.0
    return near / max(far, 1e-12)


def ring_median(dirs: np.ndarray, values: np.ndarray, elevation_deg: float,
                azimuth_deg: float, ring_deg: tuple[float, float],
                keep: np.ndarray | None = None) -> float | None:
    """Median of `values` over the cells (`dirs`, and `keep` where given) whose angle
    from the direction lies in `ring_deg` [lo, hi); None when no cell does."""
    cos = fixed_matmul(dirs, direction(np.array(elevation_deg), np.array(azimuth_deg)))
    ring = (cos <= np.cos(np.radians(ring_deg[0]))) & (cos > np.cos(np.radians(ring_deg[1])))
    if keep is not None:
        ring &= keep
    return float(np.median(values[ring])) if ring.any() else None


def _lobe(grid: WorkGrid, why_not_clipped: str) -> SunEstimate:
    """The brightest blurred peak of the upper hemisphere, if it stands out."""
    h_up = int(np.sum(grid.elevations > 2.0))
    lum = _blur(cell_luminance(grid.linear[:h_up]), max(grid.linear.shape[1] // 128, 1))
    r, c = np.unravel_index(int(np.argmax(lum)), lum.shape)
    el, az = float(grid.elevations[r]), float(grid.azimuths[c])
    surround = ring_median(grid.directions(h_up), lum, el, az, LOBE_SURROUND_DEG)
    surround = float(np.median(lum)) if surround is None else surround
    contrast = float(lum[r, c]) / max(surround, 1e-9)
    if contrast >= LOBE_CONTRAST:
        return SunEstimate(True, el, az, "lobe", f"{why_not_clipped}; the brightest diffuse "
                           f"lobe stands {contrast:.1f}x above its surround",
                           lobe_contrast=contrast)
    return SunEstimate(False, reason=f"{why_not_clipped}, and no lobe stands out (peak "
                       f"{contrast:.2f}x its surround < {LOBE_CONTRAST}): overcast or "
                       "diffuse light; no sun added", lobe_contrast=contrast)


def _blur(img: np.ndarray, radius: int) -> np.ndarray:
    """Separable box blur, wrapping in azimuth, clamped in elevation (twice: ~Gaussian)."""
    for _ in range(2):
        k = 2 * radius + 1
        padded = np.concatenate([img[:, -radius:], img, img[:, :radius]], axis=1)
        c = np.cumsum(np.pad(padded, ((0, 0), (1, 0))), axis=1)
        img = (c[:, k:] - c[:, :-k]) / k
        padded = np.pad(img, ((radius, radius), (0, 0)), mode="edge")
        c = np.cumsum(np.pad(padded, ((1, 0), (0, 0))), axis=0)
        img = (c[k:] - c[:-k]) / k
    return img


def star_share(linear: np.ndarray, clipped: np.ndarray) -> float:
    """Share of the pixels between STAR_BAND_DEG elevations that are stars: unclipped
    point lights over STAR_CONTRAST x the median of their 8 neighbours and above all
    of them. A daylight sky (smooth, even rendered noisily or saved as JPEG) has
    none; a night sky with its stars shows ~3e-5..1e-4 at 1024 wide."""
    h = linear.shape[0]
    el = 90.0 - (np.arange(h) + 0.5) * 180.0 / h
    rows = np.nonzero((el > STAR_BAND_DEG[0]) & (el < STAR_BAND_DEG[1]))[0]
    if rows.size == 0:
        return 0.0
    lo, hi = int(rows[0]), int(rows[-1]) + 1
    counts = parallel_map(lambda start: _stars(linear, clipped, start,
                                               min(start + STAR_ROWS, hi)),
                          range(lo, hi, STAR_ROWS))
    return sum(counts) / float((hi - lo) * linear.shape[1])


STAR_ROWS = 256          # rows of the star band searched at a time, on the threads


def _stars(linear: np.ndarray, clipped: np.ndarray, lo: int, hi: int) -> int:
    """The stars of rows lo..hi (their neighbours read one row beyond)."""
    band = linear[lo - 1:hi + 1]
    y = band[..., 0] + band[..., 1]
    y += band[..., 2]
    y = np.concatenate([y[:, -1:], y, y[:, :1]], axis=1)       # wraps at 0/360°
    centre = y[1:-1, 1:-1]
    shifts = [y[1 + dy:y.shape[0] - 1 + dy, 1 + dx:y.shape[1] - 1 + dx]
              for dy in (-1, 0, 1) for dx in (-1, 0, 1) if dy or dx]
    peak = centre > np.float32(3.0 * STAR_FLOOR)
    for other in shifts:
        peak &= centre > other
    peak &= ~clipped[lo:hi]
    r, c = np.nonzero(peak)
    if r.size == 0:
        return 0
    around = np.median(np.stack([other[r, c] for other in shifts]), axis=0)
    return int(np.sum(centre[r, c] > STAR_CONTRAST * around))
