"""The set seen from above, from its geometry: where people can stand.

A grid over the action area (cells of CELL_M, coarser for big exteriors) holds:
- `ground`: the height of the walkable surface (floor, ground, sidewalk... parts'
  up-facing triangles), NaN where there is none;
- `blocked`: anything else a body would walk into: every other part's triangles that
  reach between knee and head height above the local ground (walls, furniture, rocks);
- `walls`: the blocking triangles of wall-like parts (for the plot);
- `navigable`: ground, at least BODY_RADIUS_M from anything blocked, no step over
  STEP_M to its neighbours, and connected to the set's scout cameras (the place the
  set was laid out to be seen from), so marks never land inside a closed box.
Figures stand on marks in `navigable`; cameras stand where a camera body and its
operator fit (CAMERA_CLEARANCE_M) with a clear line to what they frame.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ...generation.dressing import raster
from ...generation.plausibility import _hull as convex_hull

try:                                    # optional accelerator, same results (a test holds it)
    from scipy import ndimage as _ndimage
except ImportError:                     # pragma: no cover - Blender's Python has no scipy
    _ndimage = None

CELL_M = 0.05
MAX_CELLS = 640                  # per side: big exteriors get coarser cells
HALF_EXTENT_M = 14.0             # exteriors: the plan around the action
BODY_RADIUS_M = 0.3
CAMERA_CLEARANCE_M = 0.35
STEP_M = 0.35
WALL_FILL_M = 0.3                # faces closer than this are one solid wall on the plan
KNEE_M, HEAD_M = 0.2, 1.9
WALKABLE_WORDS = ("floor", "ground", "sidewalk", "street", "road", "pavement", "stage",
                  "backdrop", "sand", "deck", "cobble", "asphalt", "tarmac", "path")
WALL_WORDS = ("wall", "facade", "building", "parapet", "canyon", "rock face", "glass",
              "window", "door", "column", "pillar", "bulkhead")
FIGURE_HEIGHT_M = 1.75
EYE_M = 1.62


@dataclass
class Footprint:
    """One furniture piece seen from above, for the plot."""

    name: str
    polygon: np.ndarray           # (N, 2) convex hull, metres


@dataclass
class FloorPlan:
    origin: tuple[float, float]   # world x, y of the grid's (0, 0) corner
    cell: float
    ground: np.ndarray            # (ny, nx) float, NaN where nothing walkable
    blocked: np.ndarray           # (ny, nx) bool
    walls: np.ndarray             # (ny, nx) bool
    navigable: np.ndarray         # (ny, nx) bool
    clearance: np.ndarray         # (ny, nx) metres to the nearest blocked cell
    footprints: list[Footprint] = field(default_factory=list)
    openings: list[tuple[str, np.ndarray]] = field(default_factory=list)  # (kind, 2x2 seg)
    interior: bool = False

    @property
    def shape(self) -> tuple[int, int]:
        return self.ground.shape

    @property
    def extent(self) -> tuple[float, float, float, float]:
        """(xmin, ymin, xmax, ymax) in metres."""
        ny, nx = self.shape
        return (self.origin[0], self.origin[1], self.origin[0] + nx * self.cell,
                self.origin[1] + ny * self.cell)

    def cell_of(self, x: float, y: float) -> tuple[int, int]:
        return (int(math.floor((y - self.origin[1]) / self.cell)),
                int(math.floor((x - self.origin[0]) / self.cell)))

    def point_of(self, row: int, col: int) -> tuple[float, float]:
        return (self.origin[0] + (col + 0.5) * self.cell,
                self.origin[1] + (row + 0.5) * self.cell)

    def inside(self, row: int, col: int) -> bool:
        return 0 <= row < self.shape[0] and 0 <= col < self.shape[1]

    def ground_z(self, x: float, y: float, default: float = 0.0) -> float:
        r, c = self.cell_of(x, y)
        if self.inside(r, c) and np.isfinite(self.ground[r, c]):
            return float(self.ground[r, c])
        return default

    def free(self, x: float, y: float, clearance: float) -> bool:
        """On the reachable ground with `clearance` metres to anything blocked."""
        r, c = self.cell_of(x, y)
        return self.inside(r, c) and bool(self.reach[r, c]) \
            and float(self.clearance[r, c]) >= clearance

    def line_clear(self, a, b, skip_end_m: float = 0.4) -> bool:
        """No blocking geometry on the floor plan between a and b (2D)."""
        a, b = np.asarray(a[:2], float), np.asarray(b[:2], float)
        length = float(np.linalg.norm(b - a))
        steps = max(2, int(length / (self.cell * 0.7)))
        for t in np.linspace(0.0, 1.0, steps):
            if t * length > length - skip_end_m:
                break
            r, c = self.cell_of(*(a + (b - a) * t))
            if self.inside(r, c) and self.blocked[r, c]:
                return False
        return True

    def sight_clear(self, eye, target, skip_end_m: float = 0.4, margin_m: float = 0.1
                    ) -> bool:
        """A camera at `eye` (x, y, z) sees `target` (x, y, z) over what stands between:
        a blocked cell stops the sight line only where its geometry (`top`) rises
        within `margin_m` of the line there: a table or a counter does not hide the
        action from a camera at eye height; a wall, a shelf or a pillar does."""
        if self.top is None:
            return self.line_clear(eye, target, skip_end_m)
        a, b = np.asarray(eye[:3], float), np.asarray(target[:3], float)
        length = float(np.linalg.norm(b[:2] - a[:2]))
        steps = max(2, int(length / (self.cell * 0.7)))
        t = np.linspace(0.0, 1.0, steps)
        t = t[t * length <= length - skip_end_m]
        points = a + (b - a) * t[:, None]
        rows = np.floor((points[:, 1] - self.origin[1]) / self.cell).astype(int)
        cols = np.floor((points[:, 0] - self.origin[0]) / self.cell).astype(int)
        inside = (rows >= 0) & (rows < self.shape[0]) & (cols >= 0) & (cols < self.shape[1])
        rows, cols, z = rows[inside], cols[inside], points[inside, 2]
        return not (self.blocked[rows, cols] & (self.top[rows, cols] > z - margin_m)).any()

    reach: np.ndarray | None = None   # ground connected to the action (any clearance)
    top: np.ndarray | None = None     # (ny, nx) height (world z) of the highest blocking
    #                                   geometry in each blocked cell


# ------------------------------------------------------------------------- building

def _is(words: tuple[str, ...], *names: str) -> bool:
    text = " ".join(names).lower()
    return any(w in text for w in words)


def _triangles(part) -> np.ndarray:
    """(T, 3, 3) world triangles of a part, its instances placed."""
    tris = np.asarray(part.mesh.triangles, dtype=float)
    if not part.instances:
        return tris
    out = []
    for matrix in part.instances:
        m = np.asarray(matrix, float)
        out.append(tris @ m[:3, :3].T + m[:3, 3])
    return np.concatenate(out)


def plan_extent(parts, cameras, interior: bool) -> tuple[float, float, float, float]:
    """The area the plan covers: an interior's floor, else HALF_EXTENT_M around the
    scout cameras' middle (clipped to the walkable ground)."""
    lows, highs = [], []
    for part in parts:
        if part.group == "geometry" and _is(WALKABLE_WORDS, part.material, part.name) \
                and not _is(("exterior",), part.name):
            tris = _triangles(part)
            lows.append(tris.reshape(-1, 3).min(0)[:2])
            highs.append(tris.reshape(-1, 3).max(0)[:2])
    if cameras:
        middle = np.mean([c.location[:2] for c in cameras], axis=0)
    else:
        middle = np.zeros(2)
    box = np.array([*(middle - HALF_EXTENT_M), *(middle + HALF_EXTENT_M)])
    if lows:
        lo, hi = np.min(lows, 0), np.max(highs, 0)
        box = np.array([max(box[0], lo[0]), max(box[1], lo[1]),
                        min(box[2], hi[0]), min(box[3], hi[1])])
        if box[2] - box[0] < 1 or box[3] - box[1] < 1:
            box = np.array([*lo, *hi])
    pad = 0.5
    return (float(box[0] - pad), float(box[1] - pad), float(box[2] + pad),
            float(box[3] + pad))


def floor_plan(parts, cameras=(), interior: bool = False,
               extent: tuple[float, float, float, float] | None = None) -> FloorPlan:
    """The FloorPlan of a set's parts (SetPlan.parts) around its scout cameras."""
    from PIL import Image, ImageDraw

    x0, y0, x1, y1 = extent or plan_extent(parts, cameras, interior)
    cell = max(CELL_M, max(x1 - x0, y1 - y0) / MAX_CELLS)
    nx, ny = int(math.ceil((x1 - x0) / cell)), int(math.ceil((y1 - y0) / cell))
    to_px = lambda xy: [((x - x0) / cell, (y - y0) / cell) for x, y in xy]  # noqa: E731

    ground_img = Image.new("F", (nx, ny), -1e9)
    gdraw = ImageDraw.Draw(ground_img)
    walk, other = [], []
    for part in parts:
        tris = _triangles(part)
        keep = _overlaps(tris, (x0, y0, x1, y1))
        if not keep.any():
            continue
        tris = tris[keep]
        walkable = part.group == "geometry" and _is(WALKABLE_WORDS, part.material, part.name)
        if interior and _is(("exterior", "outside", "surroundings"), part.name):
            continue                     # the ground seen through a window
        (walk if walkable else other).append((part, tris))
    ups = []
    for part, tris in walk:
        normals = np.cross(tris[:, 1] - tris[:, 0], tris[:, 2] - tris[:, 0])
        ups.append(tris[normals[:, 2] > 0.5 * np.linalg.norm(normals, axis=1)])
    ups = np.concatenate(ups) if ups else np.zeros((0, 3, 3))
    for tri in ups[np.argsort(ups[:, :, 2].mean(1))]:     # higher surfaces drawn last
        gdraw.polygon(to_px(tri[:, :2]), fill=float(tri[:, 2].mean()))
    ground = np.asarray(ground_img, dtype=float).copy()
    ground[ground < -1e8] = np.nan
    base = float(np.nanmedian(ground)) if np.isfinite(ground).any() else 0.0

    blocked_img = Image.new("1", (nx, ny), 0)
    walls_img = Image.new("1", (nx, ny), 0)
    bdraw, wdraw = ImageDraw.Draw(blocked_img), ImageDraw.Draw(walls_img)
    footprints, openings, tops = [], [], []
    for part, tris in other:
        hits = _in_band(tris, ground, (x0, y0), cell, base)
        if not hits.any():
            continue
        tops.append(tris[hits])
        tall = float(np.ptp(tris[:, :, 2])) > 1.5
        is_wall = _is(WALL_WORDS, part.material, part.name) or (part.group == "geometry"
                                                                and tall)
        for tri in tris[hits]:
            pts = to_px(tri[:, :2])
            bdraw.polygon(pts, fill=1, outline=1)
            if is_wall:
                wdraw.polygon(pts, fill=1, outline=1)
        if _is(("glass", "window"), part.material, part.name):
            openings += [("window", s) for s in _segments(part, tris[hits])]
        elif _is(("door",), part.material, part.name):
            openings += [("door", s) for s in _segments(part, tris[hits])]
        elif not is_wall and part.group != "geometry":
            footprints += _footprints(part, (x0, y0, x1, y1))
    blocked = _solid(np.asarray(blocked_img, dtype=bool), cell)
    walls = _solid(np.asarray(walls_img, dtype=bool), cell)
    # Low geometry that is neither a wall nor furniture (a track bed, a kerb, a step
    # down) blocks the way: it shows on the plot as blocked floor.
    plan = FloorPlan((x0, y0), cell, ground, blocked, walls, np.zeros_like(blocked),
                     np.zeros(blocked.shape), footprints, openings, interior)
    top = _tops(np.concatenate(tops) if tops else np.zeros((0, 3, 3)), (nx, ny), to_px)
    plan.top = np.where(blocked & (top < -1e8), np.inf, top)   # filled in a wall: a wall
    _navigable(plan, cameras)
    return plan


def _tops(tris: np.ndarray, size: tuple[int, int], to_px) -> np.ndarray:
    """Per cell the highest z of the blocking triangles over it (the highest drawn last)."""
    from PIL import Image, ImageDraw

    image = Image.new("F", size, -1e9)
    draw = ImageDraw.Draw(image)
    high = tris[:, :, 2].max(1)
    for tri, z in zip(tris[np.argsort(high, kind="stable")], np.sort(high, kind="stable")):
        draw.polygon(to_px(tri[:, :2]), fill=float(z), outline=float(z))
    return np.asarray(image, dtype=float).copy()


def _solid(mask: np.ndarray, cell: float) -> np.ndarray:
    """Walls seen from above are their two faces' lines: fill what lies between
    faces closer than WALL_FILL_M (a wall's thickness), never a doorway."""
    radius = max(1, int(round(WALL_FILL_M / 2 / cell)))
    size = 2 * radius + 1
    yy, xx = np.mgrid[:size, :size] - radius
    disk = xx * xx + yy * yy <= radius * radius
    padded = np.pad(mask, size)
    closed = raster.erode(raster.dilate(padded, disk), disk)[size:-size, size:-size]
    return mask | closed


def _overlaps(tris: np.ndarray, box) -> np.ndarray:
    lo, hi = tris[:, :, :2].min(1), tris[:, :, :2].max(1)
    return (hi[:, 0] >= box[0]) & (lo[:, 0] <= box[2]) & (hi[:, 1] >= box[1]) & \
        (lo[:, 1] <= box[3])


def _in_band(tris: np.ndarray, ground: np.ndarray, origin, cell: float,
             base: float) -> np.ndarray:
    """Triangles reaching between knee and head height above the ground under them."""
    centre = tris.mean(1)
    rows = np.clip(((centre[:, 1] - origin[1]) / cell).astype(int), 0, ground.shape[0] - 1)
    cols = np.clip(((centre[:, 0] - origin[0]) / cell).astype(int), 0, ground.shape[1] - 1)
    local = ground[rows, cols]
    local = np.where(np.isfinite(local), local, base)
    zlo, zhi = tris[:, :, 2].min(1), tris[:, :, 2].max(1)
    return (zhi > local + KNEE_M) & (zlo < local + HEAD_M)


def _segments(part, tris: np.ndarray) -> list[np.ndarray]:
    """An opening as the long side of its footprint (one per instance or mesh)."""
    groups = [tris] if not part.instances else np.array_split(tris, len(part.instances))
    out = []
    for group in groups:
        pts = group.reshape(-1, 3)[:, :2]
        centre = pts.mean(0)
        cov = np.cov((pts - centre).T) if len(pts) > 2 else np.eye(2)
        axis = np.linalg.eigh(cov)[1][:, -1]
        proj = (pts - centre) @ axis
        out.append(np.array([centre + axis * proj.min(), centre + axis * proj.max()]))
    return out


def _footprints(part, box) -> list[Footprint]:
    """Convex hulls seen from above: one per instance, one per connected piece."""
    pieces = []
    vertices = np.asarray(part.mesh.vertices, float)
    groups = _connected_vertices(np.asarray(part.mesh.faces)) \
        if len(part.mesh.faces) < 20000 else [np.unique(part.mesh.faces)]
    transforms = [np.asarray(m, float) for m in part.instances] or [np.eye(4)]
    for matrix in transforms:
        for group in groups:
            pts = vertices[group] @ matrix[:3, :3].T + matrix[:3, 3]
            if pts[:, 2].min() > HEAD_M + 0.5:
                continue
            flat = pts[:, :2]
            if (flat.max(0) < box[:2]).any() or (flat.min(0) > box[2:]).any():
                continue
            hull = convex_hull(flat)
            if len(hull) >= 3:
                pieces.append(Footprint(part.name, hull))
    return pieces


def _connected_vertices(faces: np.ndarray) -> list[np.ndarray]:
    """The vertex indices of each connected piece of a mesh (faces sharing vertices),
    by label propagation with pointer jumping: trimesh's split needs scipy or networkx,
    which Blender's Python lacks."""
    if len(faces) == 0:
        return []
    label = np.arange(int(faces.max()) + 1)
    while True:
        new = label.copy()
        np.minimum.at(new, faces.ravel(), np.repeat(label[faces].min(1), faces.shape[1]))
        new = new[new]
        if np.array_equal(new, label):
            break
        label = new
    used = np.unique(faces)
    roots, inverse = np.unique(label[used], return_inverse=True)
    return [used[inverse == k] for k in range(len(roots))]


def distance_to_blocked(blocked: np.ndarray) -> np.ndarray:
    """Each cell's exact Euclidean distance, in cells, to the nearest blocked cell:
    scipy's distance_transform_edt of ~blocked when scipy is there, else the same
    numbers from numpy. Nothing blocked: every cell is farther than the plan is wide."""
    if not blocked.any():
        return np.full(blocked.shape, float(sum(blocked.shape)))
    if _ndimage is not None:
        return _ndimage.distance_transform_edt(~blocked)
    return _column_row_edt(blocked)


def _column_row_edt(blocked: np.ndarray) -> np.ndarray:
    """Rows to the nearest blocked cell in each column (two sweeps), then per row the
    least squared column distance plus squared offset, offsets growing until none can
    improve anything."""
    ny, nx = blocked.shape
    far = ny + nx
    down = np.full(blocked.shape, far, np.int64)    # rows to the nearest blocked cell above
    run = np.full(nx, far, np.int64)
    for r in range(ny):
        run = np.where(blocked[r], 0, np.minimum(run + 1, far))
        down[r] = run
    run = np.full(nx, far, np.int64)
    for r in range(ny - 1, -1, -1):
        run = np.where(blocked[r], 0, np.minimum(run + 1, far))
        down[r] = np.minimum(down[r], run)
    column = down * down                            # squared distance within the column
    best = column.copy()
    limit = best.max()
    for d in range(1, nx):                          # then the nearest over the row
        if d * d >= limit:
            break
        np.minimum(best[:, d:], column[:, :-d] + d * d, out=best[:, d:])
        np.minimum(best[:, :-d], column[:, d:] + d * d, out=best[:, :-d])
        limit = best.max()
    return np.sqrt(best.astype(float))


def _navigable(plan: FloorPlan, cameras) -> None:
    has_ground = np.isfinite(plan.ground)
    free = ~plan.blocked & has_ground
    plan.clearance = distance_to_blocked(plan.blocked) * plan.cell
    steep = np.zeros_like(free)
    g = np.where(has_ground, plan.ground, -1e6)
    steep[:, 1:] |= np.abs(np.diff(g, axis=1)) > STEP_M
    steep[:, :-1] |= np.abs(np.diff(g, axis=1)) > STEP_M
    steep[1:, :] |= np.abs(np.diff(g, axis=0)) > STEP_M
    steep[:-1, :] |= np.abs(np.diff(g, axis=0)) > STEP_M
    walk = free & ~steep
    labels, count = raster.label(walk)
    plan.reach = walk
    if count == 0:
        plan.navigable = walk
        return
    sizes = np.bincount(labels.ravel(), minlength=count + 1)[1:]
    chosen = set()
    for cam in cameras:
        r, c = plan.cell_of(*cam.location[:2])
        if plan.inside(r, c) and labels[r, c]:
            chosen.add(int(labels[r, c]))
    if not chosen:
        chosen = {int(np.argmax(sizes)) + 1}
    reach = np.isin(labels, list(chosen))
    plan.reach = reach
    plan.navigable = reach & (plan.clearance >= BODY_RADIUS_M)
    if not plan.navigable.any():
        plan.navigable = reach


# ----------------------------------------------------------------------------- marks

@dataclass
class Mark:
    character: str
    x: float
    y: float
    z: float                      # the ground under the mark
    facing_deg: float             # where the figure looks, degrees from +X (CCW)

    @property
    def eye(self) -> tuple[float, float, float]:
        return (self.x, self.y, self.z + EYE_M)


def action_centre(plan: FloorPlan) -> tuple[float, float]:
    """Where the scene plays: roomy (up to 1.6 m from anything) and central."""
    if not plan.navigable.any():
        raise ValueError("no navigable floor")
    rows, cols = np.nonzero(plan.navigable)
    centre = np.array([rows.mean(), cols.mean()])
    room = np.minimum(plan.clearance[rows, cols], 1.6)
    far = np.hypot(rows - centre[0], cols - centre[1]) * plan.cell
    best = int(np.argmax(room - 0.15 * far))
    return plan.point_of(int(rows[best]), int(cols[best]))


def open_side(plan: FloorPlan, at: tuple[float, float], radius: float = 6.0) -> float:
    """The direction (radians) from `at` with the longest run of free floor: where the
    cameras have room to stand back."""
    best, angle = -1.0, 0.0
    for k in range(24):
        a = 2 * math.pi * k / 24
        run = _free_run(plan, at, a, radius)
        if run > best + 1e-6:
            best, angle = run, a
    return angle


def _free_run(plan: FloorPlan, at, angle: float, radius: float) -> float:
    step = plan.cell
    d = 0.0
    while d < radius:
        x, y = at[0] + math.cos(angle) * d, at[1] + math.sin(angle) * d
        r, c = plan.cell_of(x, y)
        if not plan.inside(r, c) or not plan.navigable[r, c]:
            break
        d += step
    return d


def place_marks(plan: FloorPlan, characters: list[str]) -> list[Mark]:
    """One mark per character on the navigable floor: two face each other across the
    roomiest axis, more stand on an arc facing its middle."""
    if not characters:
        return []
    cx, cy = action_centre(plan)
    axis = open_side(plan, (cx, cy)) + math.pi / 2    # the pair faces across the room
    #                                                   the cameras look into
    n = len(characters)
    if n == 1:
        wanted = [(cx, cy)]
    elif n == 2:
        half = 0.6
        wanted = [(cx - math.cos(axis) * half, cy - math.sin(axis) * half),
                  (cx + math.cos(axis) * half, cy + math.sin(axis) * half)]
    else:
        radius = 0.55 + 0.18 * n
        spread = math.radians(min(220.0, 60.0 * (n - 1)))
        wanted = [(cx + math.cos(axis + math.pi / 2 + spread * (i / (n - 1) - 0.5)) * radius,
                   cy + math.sin(axis + math.pi / 2 + spread * (i / (n - 1) - 0.5)) * radius)
                  for i in range(n)]
    taken: list[tuple[float, float]] = []
    marks = []
    for name, (x, y) in zip(characters, wanted):
        x, y = nearest_free(plan, (x, y), BODY_RADIUS_M, avoid=taken, spacing=0.55)
        taken.append((x, y))
        marks.append(Mark(name, x, y, plan.ground_z(x, y), 0.0))
    middle = np.mean([(m.x, m.y) for m in marks], axis=0)
    for i, mark in enumerate(marks):
        if n == 2:
            other = marks[1 - i]
            mark.facing_deg = math.degrees(math.atan2(other.y - mark.y, other.x - mark.x))
        elif n > 2:
            mark.facing_deg = math.degrees(math.atan2(middle[1] - mark.y, middle[0] - mark.x))
        else:
            mark.facing_deg = math.degrees(axis - math.pi / 2)   # towards the open side
    return marks


def nearest_free(plan: FloorPlan, at, clearance: float, avoid=(), spacing: float = 0.0
                 ) -> tuple[float, float]:
    """The navigable point nearest `at` with `clearance` and `spacing` from `avoid`."""
    ok = plan.navigable & (plan.clearance >= clearance)
    if not ok.any():
        ok = plan.navigable
    rows, cols = np.nonzero(ok)
    xs = plan.origin[0] + (cols + 0.5) * plan.cell
    ys = plan.origin[1] + (rows + 0.5) * plan.cell
    cost = np.hypot(xs - at[0], ys - at[1])
    for ax, ay in avoid:
        cost = np.where(np.hypot(xs - ax, ys - ay) < spacing, np.inf, cost)
    best = int(np.argmin(cost))
    return float(xs[best]), float(ys[best])
