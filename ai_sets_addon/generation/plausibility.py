"""Is this set a plausible place? A report a set decorator can read, after SceneEval.

Objects are the set's props (a prop's pieces at one placement form one object). For every
set: collisions (mesh contact deeper than `CONTACT_M`, trimesh + python-fcl), support
(interiors: what does not stand on the floor rests on something, hangs on a wall or from
the ceiling), objects per 10 m² and faces per object. For interiors also: objects through a
wall or out of the room, the navigable floor (the share of the free floor a 0.2 m-radius
disc reaches from its largest open region) and window clearance (0.5 m in front of each
window free of anything taller than its sill).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np
import trimesh

from ..core.errors import InputError
from ..model.plan import SetPlan

CONTACT_M = 0.01            # a contact deeper than 1 cm is a collision
DISC_RADIUS_M = 0.2         # a person, seen from above
CELL_M = 0.05               # the floor raster
BODY_BAND_M = (0.03, 1.9)   # what a walking person bumps into: above rugs, below lamps
WINDOW_CLEARANCE_M = 0.5
SUPPORT_GAP_M = 0.03
# Leaves, crowns and crop plants interlock as they do in a wood or a field (a row of maize
# 0.33 m apart, leaves 0.8 m across): they are not solid, by material family or slot.
SOFT_FAMILIES = {"foliage"}
SOFT_SLOTS = {"foliage", "leaves", "needles", "fronds", "foliage_dark", "grass_blades", "reeds",
              "corn_ear"}
THRESHOLDS = {"collisions": 0, "through_walls": 0, "navigable_share": 0.95}


@dataclass
class SetObject:
    """One placement of a prop: its model's pieces (in the model's frame) and where."""

    name: str
    model: trimesh.Trimesh       # every piece of the model, in its own frame
    transform: np.ndarray        # 4x4 model -> world
    faces: int
    soft: bool = False           # all foliage (grass, leaves): grows through what it meets

    @property
    def bounds(self) -> np.ndarray:
        """World-space axis-aligned bounds (from the model's box corners)."""
        corners = trimesh.bounds.corners(self.model.bounds)
        world = corners @ self.transform[:3, :3].T + self.transform[:3, 3]
        return np.array([world.min(axis=0), world.max(axis=0)])

    @property
    def vertices(self) -> np.ndarray:
        return self.model.vertices @ self.transform[:3, :3].T + self.transform[:3, 3]


@dataclass
class Report:
    place: str
    interior: bool
    objects: int
    floor_m2: float
    per_10m2: float
    collisions: list[tuple[str, str, float]] = field(default_factory=list)
    through_walls: list[str] = field(default_factory=list)
    out_of_room: list[str] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)
    blocked_windows: list[str] = field(default_factory=list)
    navigable_share: float | None = None
    faces_median: int = 0
    faces_max: int = 0

    @property
    def passed(self) -> bool:
        return (len(self.collisions) <= THRESHOLDS["collisions"]
                and len(self.through_walls) <= THRESHOLDS["through_walls"]
                and (self.navigable_share is None
                     or self.navigable_share >= THRESHOLDS["navigable_share"]))

    def to_dict(self) -> dict:
        return {**asdict(self), "passed": self.passed}


def objects_of(plan: SetPlan) -> list[SetObject]:
    """Each prop placement as one object (pieces "Sofa", "Sofa - Legs" join); instances of
    one model share its mesh, so a forest of one tree model costs one tree."""
    pieces: dict[tuple[str, int], list[trimesh.Trimesh]] = {}
    transforms: dict[tuple[str, int], list[np.ndarray]] = {}
    families: dict[tuple[str, int], set[str]] = {}
    for index, part in enumerate(plan.parts):
        if part.group != "props":
            continue
        label = part.name.split(" - ")[0]
        key = (label, -1 - index) if not part.instances else (label, 0)
        pieces.setdefault(key, []).append(part.mesh)
        request = plan.materials.get(part.material)
        soft = part.material in SOFT_SLOTS or (request is not None
                                                and request.family in SOFT_FAMILIES)
        families.setdefault(key, set()).add("soft" if soft else "solid")
        transforms.setdefault(key, [np.asarray(m, float) for m in part.instances]
                              or [np.eye(4)])
    objects = []
    for (label, _), meshes in sorted(pieces.items(), key=lambda kv: kv[0][0]):
        model = trimesh.util.concatenate(meshes) if len(meshes) > 1 else meshes[0]
        faces = sum(len(m.faces) for m in meshes)
        for i, matrix in enumerate(transforms[(label, _)]):
            name = label if i == 0 else f"{label} {i + 1}"
            objects.append(SetObject(name, model, matrix, faces,
                                     soft=families[(label, _)] == {"soft"}))
    return objects


def check_plan(plan: SetPlan) -> Report:
    objects = objects_of(plan)
    floor = _part(plan, "Floor")
    walls = _part(plan, "Walls")
    interior = bool(plan.interior) and floor is not None
    grid = _Grid(floor, walls) if interior else None
    floor_m2 = (grid.area if grid is not None else
                _floor_area(floor) if floor is not None else _footprint_area(plan))
    report = Report(plan.name, interior, len(objects), round(floor_m2, 2),
                    round(10.0 * len(objects) / floor_m2, 2) if floor_m2 > 0 else 0.0)
    report.collisions = collisions(objects)
    if interior:
        if walls is not None:
            cache: dict[int, object] = {}
            report.through_walls = [o.name for o in objects if _through(o, walls, cache)]
        report.out_of_room = _out_of_room(objects, grid)
        report.navigable_share = round(navigable_share(objects, grid), 4)
        report.blocked_windows = _blocked_windows(plan, objects)
        report.unsupported = _unsupported(objects, grid)
    counts = sorted(o.faces for o in objects)
    if counts:
        report.faces_median, report.faces_max = counts[len(counts) // 2], counts[-1]
    return report


def collisions(objects: list[SetObject]) -> list[tuple[str, str, float]]:
    """Pairs of objects whose meshes interpenetrate deeper than CONTACT_M: boxes first,
    then fcl's mesh contacts for the pairs whose boxes overlap by more than that."""
    if len(objects) < 2:
        return []
    boxes = np.array([o.bounds for o in objects])
    lo, hi = boxes[:, 0], boxes[:, 1]
    overlap = ((lo[:, None] < hi[None] - CONTACT_M) & (lo[None] < hi[:, None] - CONTACT_M)).all(-1)
    found = []
    cache: dict[int, object] = {}
    for a, b in zip(*np.nonzero(np.triu(overlap, 1))):
        if objects[a].soft or objects[b].soft:
            continue
        # fcl says whether the meshes meet; its per-triangle depth can exceed the real one,
        # and moving one object by the boxes' smallest overlap always parts them, so the
        # depth is the smaller of the two: an upper bound, exact for boxes.
        box_overlap = float(np.min(np.minimum(hi[a], hi[b]) - np.maximum(lo[a], lo[b])))
        depth = min(box_overlap, _depth(objects[a].model, objects[a].transform,
                                        objects[b].model, objects[b].transform, cache))
        if depth > CONTACT_M:
            found.append((objects[a].name, objects[b].name, round(depth, 4)))
    return sorted(found)


def navigable_share(objects: list[SetObject], grid: _Grid) -> float:
    """Largest region a 0.2 m disc can reach / the floor not covered by furniture."""
    inside = grid.inside
    free_centres = _erode(inside, grid.disc)                 # the disc stays off the walls
    footprint = np.zeros_like(inside)
    for obj in objects:
        footprint |= grid.footprint(obj)
    reachable = free_centres & ~_dilate(footprint, grid.disc)
    largest = _largest_region(reachable)
    walkable = _dilate(largest, grid.disc) & inside & ~footprint    # what the disc covers
    open_floor = inside & ~footprint
    return float(walkable.sum() / max(open_floor.sum(), 1))


# ------------------------------------------------------------------------------ helpers

def _fcl():
    try:
        import fcl
    except ImportError:
        raise InputError("the plausibility check needs python-fcl for mesh contacts: "
                         "pip install python-fcl (in the 'check' extra)") from None
    return fcl


def _bvh(mesh: trimesh.Trimesh, cache: dict[int, object]):
    """fcl's bounding-volume tree of a mesh, built once per mesh."""
    if id(mesh) not in cache:
        fcl = _fcl()
        model = fcl.BVHModel()
        model.beginModel(len(mesh.vertices), len(mesh.faces))
        model.addSubModel(np.asarray(mesh.vertices, float), np.asarray(mesh.faces, np.int32))
        model.endModel()
        cache[id(mesh)] = (model, mesh)          # the mesh kept alive with its id
    return cache[id(mesh)][0]


def _depth(mesh_a, transform_a, mesh_b, transform_b, cache) -> float:
    """The deepest contact between two placed meshes (0 when apart)."""
    fcl = _fcl()
    placed = [_placed(m, t, cache) for m, t in ((mesh_a, transform_a), (mesh_b, transform_b))]
    request = fcl.CollisionRequest(num_max_contacts=64, enable_contact=True)
    result = fcl.CollisionResult()
    fcl.collide(placed[0], placed[1], request, result)
    return max((float(c.penetration_depth) for c in result.contacts), default=0.0)


def _placed(mesh: trimesh.Trimesh, t: np.ndarray, cache):
    """fcl's object for a placed mesh. fcl takes a rigid motion only: a scaled placement
    (a curtain narrowed to its wall) is baked into world vertices."""
    fcl = _fcl()
    linear = t[:3, :3]
    if np.allclose(linear.T @ linear, np.eye(3), atol=1e-6):
        return fcl.CollisionObject(_bvh(mesh, cache), fcl.Transform(linear, t[:3, 3]))
    key = (id(mesh), t.tobytes())
    if key not in cache:
        cache[key] = (_bvh(trimesh.Trimesh(mesh.vertices @ linear.T + t[:3, 3], mesh.faces,
                                           process=False), {}), mesh)
    return fcl.CollisionObject(cache[key][0], fcl.Transform())


def _through(obj: SetObject, walls: trimesh.Trimesh, cache) -> bool:
    lo, hi = obj.bounds
    if ((lo > walls.bounds[1]) | (hi < walls.bounds[0])).any():
        return False
    return _depth(obj.model, obj.transform, walls, np.eye(4), cache) > CONTACT_M


def _part(plan: SetPlan, name: str) -> trimesh.Trimesh | None:
    meshes = [p.mesh for p in plan.parts if p.name == name and p.group == "geometry"]
    return trimesh.util.concatenate(meshes) if meshes else None


def _floor_area(floor: trimesh.Trimesh) -> float:
    up = floor.face_normals[:, 2] > 0.5
    return float(floor.area_faces[up].sum())


def _footprint_area(plan: SetPlan) -> float:
    bounds = np.array([p.mesh.bounds for p in plan.parts if p.group == "geometry"])
    if not len(bounds):
        return 0.0
    lo, hi = bounds[:, 0].min(axis=0), bounds[:, 1].max(axis=0)
    return float((hi[0] - lo[0]) * (hi[1] - lo[1]))


def _out_of_room(objects: list[SetObject], grid: _Grid) -> list[str]:
    lo, hi = grid.room_lo - CONTACT_M, grid.room_hi + CONTACT_M
    return [o.name for o in objects
            if (o.bounds[0, :2] < lo).any() or (o.bounds[1, :2] > hi).any()]


def _unsupported(objects: list[SetObject], grid: _Grid) -> list[str]:
    """Above the floor, not resting on another object, not on a wall, not hung high."""
    ground, room_lo, room_hi = grid.floor_z, grid.room_lo, grid.room_hi
    tops = [(o, o.bounds) for o in objects]
    missing = []
    for obj, (lo, hi) in tops:
        if lo[2] - ground <= SUPPORT_GAP_M:
            continue
        on_other = any(other is not obj and abs(o_hi[2] - lo[2]) <= SUPPORT_GAP_M
                       and (o_lo[:2] < hi[:2]).all() and (lo[:2] < o_hi[:2]).all()
                       or (other is not obj and o_lo[2] <= lo[2] <= o_hi[2]
                           and (o_lo[:2] <= lo[:2] + SUPPORT_GAP_M).all()
                           and (hi[:2] <= o_hi[:2] + SUPPORT_GAP_M).all())
                       for other, (o_lo, o_hi) in tops)
        on_wall = (
            (lo[:2] - room_lo <= 2 * SUPPORT_GAP_M).any()
            or (room_hi - hi[:2] <= 2 * SUPPORT_GAP_M).any())
        hung = lo[2] - ground >= BODY_BAND_M[1]           # lamps and fixtures overhead
        if not (on_other or on_wall or hung):
            missing.append(obj.name)
    return missing


def _blocked_windows(plan: SetPlan, objects: list[SetObject]) -> list[str]:
    """A window (its light portal) with something taller than its sill in front of it."""
    blocked = []
    for light in plan.lights:
        if not light.portal:
            continue
        centre, inward = np.asarray(light.location), np.asarray(light.direction, float)
        inward[2] = 0.0
        inward /= max(np.linalg.norm(inward), 1e-9)
        across = np.array([-inward[1], inward[0], 0.0])
        half = light.size_m / 2.0
        sill = centre[2] - (light.size_y_m or light.size_m) / 2.0
        for obj in objects:
            verts = obj.vertices
            rel = verts - centre
            depth, side = rel @ inward, rel @ across
            near = (depth > 0) & (depth < WINDOW_CLEARANCE_M) & (np.abs(side) < half) \
                & (verts[:, 2] > sill)
            if near.any():
                blocked.append(f"{light.name}: {obj.name}")
    return blocked


class _Grid:
    """The room's floor as a raster of CELL_M cells: True inside the floor polygon and
    not under a wall (the floor part may run under the walls to their outer faces), the
    largest such region; its box is the room's inside, wall face to wall face."""

    def __init__(self, floor: trimesh.Trimesh, walls: trimesh.Trimesh | None = None) -> None:
        self.lo = floor.bounds[0, :2] - 2 * CELL_M
        size = np.ceil((floor.bounds[1, :2] + 2 * CELL_M - self.lo) / CELL_M).astype(int)
        xs = self.lo[0] + (np.arange(size[0]) + 0.5) * CELL_M
        ys = self.lo[1] + (np.arange(size[1]) + 0.5) * CELL_M
        self.points = np.stack(np.meshgrid(xs, ys, indexing="ij"), axis=-1)
        up = floor.face_normals[:, 2] > 0.5
        self.inside = np.zeros(tuple(size), bool)
        for tri in floor.triangles[up][:, :, :2]:
            self.inside |= _in_polygon(self.points, tri)
        self.floor_z = float(floor.bounds[1, 2])
        if walls is not None:
            self.inside &= ~self._wall_cells(walls)
            self.inside = _largest_region(self.inside)
        if self.inside.any():
            # wall face to wall face: where most rows and columns of the room end (a door's
            # reveal is a few rows), plus the walls' own raster ring taken back
            lo_hi = [_typical_ends(self.inside), _typical_ends(self.inside.T)]
            self.room_lo = self.lo + (np.array([lo_hi[0][0], lo_hi[1][0]]) - 1) * CELL_M
            self.room_hi = self.lo + (np.array([lo_hi[0][1], lo_hi[1][1]]) + 2) * CELL_M
        else:
            self.room_lo, self.room_hi = floor.bounds[0, :2], floor.bounds[1, :2]
        self.area = float(self.inside.sum() * CELL_M * CELL_M)
        r = int(round(DISC_RADIUS_M / CELL_M))
        self.disc = [(dx, dy) for dx in range(-r, r + 1) for dy in range(-r, r + 1)
                     if dx * dx + dy * dy <= r * r]

    def _wall_cells(self, walls: trimesh.Trimesh) -> np.ndarray:
        """Cells the walls stand on: their upright faces near the floor, traced in plan."""
        mask = np.zeros(self.inside.shape, bool)
        upright = np.abs(walls.face_normals[:, 2]) < 0.3
        low = walls.triangles[:, :, 2].min(axis=1) <= self.floor_z + 0.5
        for tri in walls.triangles[upright & low][:, :, :2]:
            pairs = ((0, 1), (1, 2), (0, 2))          # the plan of an upright face: a segment
            i, j = max(pairs, key=lambda ij: float(np.sum((tri[ij[0]] - tri[ij[1]]) ** 2)))
            a, b = tri[i], tri[j]
            if np.allclose(a, b):
                continue
            steps = int(np.ceil(np.linalg.norm(b - a) / (CELL_M / 2))) + 1
            points = a + np.linspace(0.0, 1.0, steps)[:, None] * (b - a)
            idx = np.floor((points - self.lo) / CELL_M).astype(int)
            keep = ((idx >= 0) & (idx < mask.shape)).all(axis=1)
            mask[idx[keep, 0], idx[keep, 1]] = True
        return mask

    def footprint(self, obj: SetObject) -> np.ndarray:
        """The floor cells under the object's hull within the body band: the corners of
        every face that reaches into the band (a wardrobe's sides run from the floor to
        2.1 m with no vertex between)."""
        base = obj.bounds[0, 2]
        verts = obj.vertices
        z = verts[obj.model.faces][:, :, 2]
        crossing = (z.max(axis=1) >= BODY_BAND_M[0]) & (z.min(axis=1) <= BODY_BAND_M[1])
        band = verts[np.unique(obj.model.faces[crossing])]
        if base > BODY_BAND_M[1] or len(band) < 3:
            return np.zeros(self.inside.shape, bool)
        return _in_polygon(self.points, _hull(band[:, :2]))


def _typical_ends(mask: np.ndarray) -> tuple[int, int]:
    """(first, last) index along axis 0 at which most columns of `mask` start and end."""
    columns = [np.flatnonzero(col) for col in mask.T if col.any()]
    return (int(np.median([c[0] for c in columns])), int(np.median([c[-1] for c in columns])))


def _hull(points: np.ndarray) -> np.ndarray:
    """Convex hull (counter-clockwise) by the monotone chain."""
    pts = sorted(set(map(tuple, np.round(points, 4))))
    if len(pts) < 3:
        return np.asarray(pts, float)

    def half(seq):
        out: list[tuple[float, float]] = []
        for p in seq:
            while len(out) >= 2 and ((out[-1][0] - out[-2][0]) * (p[1] - out[-2][1])
                                     - (out[-1][1] - out[-2][1]) * (p[0] - out[-2][0])) <= 0:
                out.pop()
            out.append(p)
        return out[:-1]

    return np.asarray(half(pts) + half(pts[::-1]), float)


def _in_polygon(points: np.ndarray, polygon: np.ndarray) -> np.ndarray:
    """Points (..., 2) inside a convex polygon (either winding)."""
    if len(polygon) < 3:
        return np.zeros(points.shape[:-1], bool)
    signs = []
    for a, b in zip(polygon, np.roll(polygon, -1, axis=0)):
        edge, rel = b - a, points - a
        signs.append(edge[0] * rel[..., 1] - edge[1] * rel[..., 0])
    signs = np.stack(signs)
    return (signs >= -1e-9).all(axis=0) | (signs <= 1e-9).all(axis=0)


def _shift(mask: np.ndarray, dx: int, dy: int) -> np.ndarray:
    out = np.zeros_like(mask)
    xs = slice(max(dx, 0), mask.shape[0] + min(dx, 0))
    ys = slice(max(dy, 0), mask.shape[1] + min(dy, 0))
    xs_from = slice(max(-dx, 0), mask.shape[0] + min(-dx, 0))
    ys_from = slice(max(-dy, 0), mask.shape[1] + min(-dy, 0))
    out[xs, ys] = mask[xs_from, ys_from]
    return out


def _dilate(mask: np.ndarray, disc) -> np.ndarray:
    out = np.zeros_like(mask)
    for dx, dy in disc:
        out |= _shift(mask, dx, dy)
    return out


def _erode(mask: np.ndarray, disc) -> np.ndarray:
    return ~_dilate(~mask, disc)


def _largest_region(mask: np.ndarray) -> np.ndarray:
    """The largest 4-connected region of `mask`, by flood fills."""
    left, best = mask.copy(), np.zeros_like(mask)
    while left.any():
        region = np.zeros_like(mask)
        region[tuple(np.argwhere(left)[0])] = True
        while True:
            grown = (region | _shift(region, 1, 0) | _shift(region, -1, 0)
                     | _shift(region, 0, 1) | _shift(region, 0, -1)) & mask
            if (grown == region).all():
                break
            region = grown
        left &= ~region
        if region.sum() > best.sum():
            best = region
    return best
