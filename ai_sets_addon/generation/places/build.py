"""Recipe -> SetPlan: the components a recipe names, composed.

- base "archetype": the archetype module (and the interior room's room type) builds
  the place as it always has; props the words name that it does not place are added.
- base "room": the interior room's shell (walls, window, door, trim, lights, cameras)
  round a room type made from the recipe: its size, surfaces, enclosure (a sloped
  attic roof, a windowless cabin, a vault) and its dressing laid out by `layout`.
- base "open": a site (parts.sites) with the recipe's structures and dressing laid out
  round what defines the place, practicals, and cameras framed on it.
"""

from __future__ import annotations

import math

import numpy as np

from .. import props
from ..archetypes import common, interior_room, rooms
from ..archetypes.framing import Scout, Shot
from ..parts import sites
from ...model.plan import LightPlan, SetPlan
from ..props.scatter import transform, world_boxes
from ...model.spec import SetSpec
from ..dressing.stages import HANG
from .dressing import FLOATING, dress_area, holds, known, model_for, placement
from .recipe import Dress, Recipe

# Recipe light kinds in a room -> (fixture kind, fixtures per m2 of floor).
ROOM_LIGHTS = {"tube": ("fluorescent_tube", 1 / 9), "highbay": ("highbay_lamp", 1 / 40),
               "pendant": ("pendant_lamp", 1 / 30)}
NAMED_DEFAULT = 2          # a prop named without a count ("with monitors")
# Prop words that name a part of the building, not something to stand on the floor.
STRUCTURAL = frozenset({"pillar", "beam", "pipe", "cables", "fire_escape", "neon"})
HALF = 30.0                # half size of an open-air set's playing area (m)
SEEN = 18.0                # half size of what the first cameras see of it: scattered props go here first


def plan_place(spec: SetSpec, recipe: Recipe) -> SetPlan:
    if recipe.base == "archetype":
        from ..archetypes import planner_for
        _, planner, _ = planner_for(recipe.archetype)
        return planner(spec)
    if recipe.base == "room":
        room = room_type(recipe, spec)
        return interior_room.plan(spec, room=room, label=recipe.label.title())
    return open_plan(spec, recipe)


# ----------------------------------------------------------------------------- counts

def wanted(spec: SetSpec, dress: Dress, area: float) -> int:
    """How many of a dressing kind: the words' count, none when excluded, else the
    recipe's count or density, times the quantity words (never below one for a kind
    that defines the place)."""
    if dress.kind in spec.excluded_props:
        return 0
    if spec.props.get(dress.kind):
        return spec.props[dress.kind]
    base = dress.count or dress.per_100m2 * area / 100.0
    return max(1 if dress.count else 0, int(round(base * spec.quantity)))


def extra_kinds(spec: SetSpec, recipe_kinds: set[str]) -> list[tuple[str, int]]:
    """Props the words name that the recipe does not: (kind, count)."""
    return [(k, n or NAMED_DEFAULT) for k, n in spec.props.items()
            if k not in recipe_kinds and k not in spec.excluded_props and known(k)
            and k not in STRUCTURAL]


def add_named(plan: SetPlan, spec: SetSpec) -> None:
    """Props the words name that an archetype's own layout does not place ("a street
    with two boats", "une forêt avec une tente"): set on open ground in front of the
    first camera, each on a spot where the ground under its whole footprint is level
    and open to the sky (not a roof, a wall or a rock), clear of every prop already
    there. What finds no spot is said in a notice."""
    from ..prompt.qualifiers import named_kind
    kinds = [(k, n) for k, n in extra_kinds(spec, set()) if named_kind(k)]
    if not kinds or not plan.cameras:
        return
    import trimesh
    cam = plan.cameras[0]
    eye, target = np.array(cam.location), np.array(cam.target)
    reach = (eye[:2] - 32.0, eye[:2] + 32.0)            # every spot tried lies in here
    pieces = []
    for p in plan.parts:
        if p.instances or not len(p.mesh.faces):
            continue
        tri = p.mesh.vertices[p.mesh.faces]
        keep = np.all((tri[:, :, :2].max(axis=1) >= reach[0]) & (tri[:, :, :2].min(axis=1) <= reach[1]), axis=1)
        if keep.any():
            pieces.append(trimesh.Trimesh(p.mesh.vertices, p.mesh.faces[keep], process=False))
    if not pieces:
        return
    scene = trimesh.util.concatenate(pieces)
    occ = props.Occupancy(cell=2.0)
    for part in plan.parts:
        for t in part.instances:
            corners = trimesh.bounds.corners(part.mesh.bounds) @ np.asarray(t)[:3, :3].T + np.asarray(t)[:3, 3]
            lo, hi = corners.min(axis=0), corners.max(axis=0)
            occ.block(lo[0], lo[1], hi[0], hi[1], lo[2], hi[2])
    ahead = (target - eye)[:2] / max(np.linalg.norm((target - eye)[:2]), 1e-6)
    side = np.array([-ahead[1], ahead[0]])
    rng = common.rng_for(spec, "place.named")
    for kind, n in kinds:
        model = model_for(kind, rng)
        got = []
        spots = [eye[:2] + ahead * d + side * w for d in np.arange(4.0, 24.0, 1.5)
                 for w in np.arange(-6.0, 6.01, 1.5)]
        levels = _level_ground(scene, model, np.array(spots), eye[2] - 1.6)
        for k in rng.permutation(len(spots)):
            if len(got) >= n:
                break
            z = levels[k]
            if z is not None:
                p = props.place(occ, model, float(spots[k][0]), float(spots[k][1]), z,
                                float(rng.uniform(0, 2 * math.pi)), gap=0.2)
                if p:
                    got.append(p)
        short_of(plan.notices, kind, n, len(got))
        plan.parts += props.to_parts(got)
        plan.lights += common.switched(props.to_lights(got, common.WARM_TUNGSTEN), common.practicals_on(spec))
    used = {p.material for p in plan.parts}
    plan.materials.update(common.prop_materials(spec, used - set(plan.materials), common.practicals_on(spec)))


def _level_ground(scene, model, spots: np.ndarray, expect: float) -> list[float | None]:
    """For each spot, the ground's height under a prop's footprint there when it is
    level (within 0.25 m) and near the height the camera stands on, else None; one
    batch of downward rays (nine per spot) for all spots."""
    b = model.bounds()
    r = max(abs(b[0]), abs(b[3]), abs(b[1]), abs(b[4]))
    offsets = np.array([[dx, dy] for dx in (-r, 0.0, r) for dy in (-r, 0.0, r)])
    xy = (spots[:, None, :] + offsets[None]).reshape(-1, 2)
    origins = np.column_stack([xy, np.full(len(xy), 500.0)])
    tri, ray = scene.ray.intersects_id(origins, np.tile([0.0, 0.0, -1.0], (len(xy), 1)),
                                       multiple_hits=False)[:2]
    zs = np.full(len(xy), np.nan)
    zs[ray] = scene.triangles[tri][:, :, 2].mean(axis=1)      # near enough on a flat face
    zs = zs.reshape(len(spots), len(offsets))
    out: list[float | None] = []
    for row in zs:
        ok = np.isfinite(row).all() and row.max() - row.min() <= 0.25 and \
            abs(float(np.median(row)) - expect) <= 2.0
        out.append(float(row.max()) if ok else None)
    return out


# ----------------------------------------------------------------------------- rooms

def room_type(recipe: Recipe, spec: SetSpec) -> rooms.RoomType:
    w, d, h = recipe.size
    return rooms.RoomType(
        (w, d, h), dict(recipe.surfaces), lambda rng, W, D, H, occ: furnish(recipe, spec, rng, W, D, H, occ),
        recipe.defining, vaulted=recipe.enclosure == "vault",
        window_scale=0.0 if (recipe.enclosure == "cabin" or not recipe.windows) else 1.0,
        roof_pitch=0.75 if recipe.enclosure == "attic" else 0.0)


def furnish(recipe: Recipe, spec: SetSpec, rng, W: float, D: float, H: float,
            occ: props.Occupancy) -> rooms.Layout:
    """The recipe's dressing in a W x D room: the subject against the north wall (what
    the first shot holds), wall pieces backed to the walls, a grid in the middle,
    rows, things hung under the ceiling, the rest scattered; then the props the words
    add. Everything goes through the occupancy, so nothing overlaps."""
    out = rooms.Layout()
    hw, hd = W / 2, D / 2
    area = W * D
    floor = props.Region(-hw + 0.4, -hd + 0.4, hw - 0.4, hd - 0.4)
    block_walls(occ, hw, hd)
    if W * D > 20.0:
        occ.block(-hw, -hd, -hw + 1.4, -hd + 1.4)              # the wide's corner
    if D > 5.0 and W >= 4.0 and any(d.where in ("subject", "centre", "row") for d in recipe.dressing):
        occ.block(-1.0, -hd, 1.0, -hd + 1.8)                   # where the wide stands
    for dress in recipe.dressing:
        n = wanted(spec, dress, area)
        if n and dress.where == "scatter" and placement(dress.kind) != "floor":
            out.placed += place_named(rng, occ, dress.kind, n, out.placed, W, D, H, floor)
        elif n:
            for model, k in _variety(dress.kind, n, rng):
                _dress_room(out, occ, dress, k, model, rng, W, D, H, floor)
    for kind, n in extra_kinds(spec, {d.kind for d in recipe.dressing}):
        got = place_named(rng, occ, kind, n, out.placed, W, D, H, floor)
        out.placed += got
        short_of(out.notices, kind, n, len(got))
    for kind in recipe.lights:                     # practicals hung under the ceiling
        if kind in ROOM_LIGHTS:
            model, per_m2 = ROOM_LIGHTS[kind]
            n = max(1, int(W * D * per_m2))
            _dress_room(out, occ, Dress(model, n, 0.0, "ceiling"), n, model_for(model, rng),
                        rng, W, D, H, floor)
    focus = _focus(out.placed, recipe.defining, (0.0, hd - 1.0, 0.9))
    out.shots = rooms._corner_shots(W, D, focus, focus[2], tilt=-6.0)
    if D > 5.0 and W >= 4.0 and any(d.where in ("subject", "centre", "row") for d in recipe.dressing):
        # What defines the room stands at its north wall: the wide looks up the room
        # from the south wall, a little over head height so rows of seats do not hide it.
        out.shots[0] = Shot("wide", 24.0 if W < 14 else 18.0, (0.0, -hd + 0.7), focus, third=0.0,
                            pitch_bias_deg=-3.0, height=min(2.2, H - 0.4))
    return out


def place_somewhere(rng, occ: props.Occupancy, model, n: int, region: props.Region,
                    step: float = 0.25, gap: float = 0.1) -> list[props.Placement]:
    """Up to n copies where they fit: every spot of a grid over the region and four
    turns, tried in a shuffled order, so a prop the words name is placed whenever the
    room has space for it (random tries alone miss the last free corner)."""
    xs = np.arange(region.x0, region.x1 + 1e-6, step)
    ys = np.arange(region.y0, region.y1 + 1e-6, step)
    spots = [(float(x), float(y)) for x in xs for y in ys]
    out: list[props.Placement] = []
    for k in rng.permutation(len(spots)):
        x, y = spots[k]
        for yaw in (0.0, math.pi / 2, math.pi, -math.pi / 2):
            p = props.place(occ, model, x, y, 0.0, yaw, gap=gap)
            if p:
                out.append(p)
                break
        if len(out) >= n:
            break
    return out


def short_of(notices: list[str], kind: str, asked: int, placed: int) -> None:
    """Say so when the set has no room for all of a prop the words named."""
    if placed < asked:
        notices.append(f"no room for {asked - placed} of the {asked} {kind.replace('_', ' ')}"
                       f"{'s' if asked > 1 else ''} asked for: placed {placed}")


def place_named(rng, occ: props.Occupancy, kind: str, n: int, placed: list[props.Placement],
                W: float, D: float, H: float, floor: props.Region) -> list[props.Placement]:
    """A prop the words name, where such a thing goes: hung under the ceiling, on a
    wall at eye height, resting on a table, desk or counter already in the room (on
    the floor when there is none), else on the floor where it fits."""
    model = model_for(kind, rng)
    where = placement(kind)
    if where == "ceiling":
        layout = rooms.Layout()
        _dress_room(layout, occ, Dress(kind, n, 0.0, "ceiling"), n, model, rng, W, D, H, floor)
        return layout.placed
    if where == "surface":
        tops = [p for p in placed if holds(p.model.kind)]
        if tops:
            return _on_surfaces(rng, model, n, tops)
    if where == "wall":
        layout = rooms.Layout()
        _dress_room(layout, occ, Dress(kind, n, 0.0, "wall"), n, model, rng, W, D, H, floor)
        return layout.placed
    return place_somewhere(rng, occ, model, n, floor)


def _on_surfaces(rng, model, n: int, tops: list[props.Placement]) -> list[props.Placement]:
    """Small things resting on the tops of holding furniture, kept apart on each top."""
    out: list[props.Placement] = []
    spaces: dict[int, props.Occupancy] = {}
    for k in range(n * 6):
        if len(out) >= n:
            break
        top = tops[k % len(tops)]
        box = max(top.boxes, key=lambda b: b.hx * b.hy)
        z = top.transform[2, 3] + _surface_z(top.model)      # the top, not what stands on it
        u, v = rng.uniform(-0.7, 0.7, 2)
        c, s_ = math.cos(box.yaw), math.sin(box.yaw)
        x = box.x + c * u * box.hx - s_ * v * box.hy
        y = box.y + s_ * u * box.hx + c * v * box.hy
        space = spaces.setdefault(id(top), props.Occupancy(cell=0.5))
        p = props.place(space, model, x, y, z + 0.001, box.yaw, gap=0.03)
        if p:
            out.append(p)
    return out


def _surface_z(model) -> float:
    """Height of a holder's working top: the highest level above 0.3 m whose upward-facing
    area is at least a third of the largest (a counter's worktop, not the wider shelf
    inside it; a desk's top, not a pencil cup's rim)."""
    area: dict[float, float] = {}
    for piece in model.pieces:
        mesh = piece.mesh
        up = mesh.face_normals[:, 2] > 0.9
        zs = np.round(mesh.triangles_center[up, 2], 2)
        for z, a in zip(zs, mesh.area_faces[up]):
            if z > 0.3:
                area[float(z)] = area.get(float(z), 0.0) + float(a)
    if not area:
        return float(model.bounds()[5])
    big = max(area.values()) / 3.0
    return max(z for z, a in area.items() if a >= big)


def block_walls(occ: props.Occupancy, hw: float, hd: float, t: float = 1.0) -> None:
    """The room's walls as boxes, so nothing scattered pokes through one."""
    occ.block(-hw - t, -hd - t, hw + t, -hd)
    occ.block(-hw - t, hd, hw + t, hd + t)
    occ.block(-hw - t, -hd, -hw, hd)
    occ.block(hw, -hd, hw + t, hd)


def _dress_room(out: rooms.Layout, occ, dress: Dress, n: int, model, rng, W, D, H, floor) -> None:
    hw, hd = W / 2, D / 2
    b = model.bounds()
    mw, md, mh = b[3] - b[0], b[4] - b[1], b[5] - b[2]
    if dress.where == "ceiling":
        cols = max(1, int(round(math.sqrt(n * W / D))))
        rows_ = max(1, math.ceil(n / cols))
        for k in range(n):
            x = -hw + W * ((k % cols) + 0.5) / cols
            shift = min(W / cols / 2, hw - 0.3 - b[3])
            if abs(x) < 0.3 and W >= 5.0 and shift > 0.5:   # off the wide's axis: a lamp
                x += shift                                   # is not the centre of frame
            y = -hd + D * ((k // cols) + 0.5) / rows_
            out.placed.append(props.place(props.Occupancy(), model, x, y, H - b[5] - 0.002, 0.0,
                                          force=True))
        return
    spots: list[tuple[float, float, float]] = []
    back = b[4] + 0.07                 # from the origin to the model's back (its +Y side)
    half = max(abs(b[0]), abs(b[3]))   # half its width along the wall
    if dress.where == "subject":
        spots = [(x, hd - back - 0.02, rooms.SOUTH) for x in _spread(n, 2 * half + 0.4, W - 2.0)]
    elif dress.where == "wall":
        step = 2 * half + 0.15
        edge = 0.15 if W < 3.0 else 0.6          # a lift car: wall to wall
        spots += [(x, hd - back, rooms.SOUTH) for x in np.arange(-hw + edge + half, hw - half + 1e-6, step)]
        spots += [(hw - back, y, rooms.WEST) for y in np.arange(hd - 1.0 - half, -hd + 0.6 + half, -step)]
        spots += [(-hw + back, y, rooms.EAST) for y in np.arange(-hd + 2.0 + half, hd - 2.0 - half, step)]
    elif dress.where in ("centre", "row"):
        narrow = W < 4.0                  # a cabin: seats either side of one aisle
        aisle = 0.5 if narrow else (1.0 if dress.where == "centre" else 0.4)
        margin = 0.08 if narrow else 0.9
        cols = int((W - 2 * margin + aisle) // (2 * half + aisle))
        xs = (np.arange(cols) - (cols - 1) / 2) * (2 * half + aisle)
        ys = [0.0] if dress.where == "row" else \
            np.arange(hd - 1.6 - md / 2, -hd + 1.4 + md / 2, -(md + aisle))
        spots = [(float(x), float(y), rooms.SOUTH) for y in ys for x in xs]
    placed = 0
    z = 0.0
    if placement(dress.kind) == "wall":    # its bottom edge at its HANG height (0: it
        # stands against the wall, a chimneypiece), else centred at eye height
        z = HANG[dress.kind] - b[2] if dress.kind in HANG else 1.5 - (b[2] + b[5]) / 2
    for x, y, yaw in spots:
        if placed >= n:
            break
        p = props.place(occ, model, x, y, z, yaw, gap=0.05)
        if p:
            out.placed.append(p)
            placed += 1
    if placed < n and dress.where in ("scatter", "subject"):   # a wall or a grid that is
        out.placed += props.scatter(rng, occ, model, n - placed, floor, gap=0.1, tries=30,
                                    yaw=(0.0, 2 * math.pi))      # full stays full


def _variety(kind: str, n: int, rng) -> list[tuple[object, int]]:
    """(model, count) for n copies of a kind: vehicles in up to three variants (a car
    park of one car repeated reads as a render), everything else one model, so chairs
    at a table match."""
    from ..props.catalogue import KINDS, VARIANTS, build
    if n < 2 or kind not in KINDS or KINDS[kind].category != "vehicle":
        return [(model_for(kind, rng), n)]
    shares = [n // VARIANTS + (v < n % VARIANTS) for v in range(VARIANTS)]
    return [(build(kind, rng, v), k) for v, k in enumerate(shares) if k]


def _spread(n: int, pitch: float, span: float) -> list[float]:
    width = min(span, pitch * (n - 1))
    return [float(v) for v in np.linspace(-width / 2, width / 2, n)] if n > 1 else [0.0]


def _focus(placed: list[props.Placement], defining: tuple[str, ...], default) -> tuple[float, float, float]:
    """The centre of what defines the place (its first defining props placed)."""
    hits = [p for p in placed if p.model.label in defining or p.model.kind in defining]
    if not hits:
        return default
    pts = np.array([p.transform[:3, 3] for p in hits[:6]])
    tops = [max(b.z1 for b in p.boxes) for p in hits[:6]]
    centre = pts.mean(axis=0)
    return (float(centre[0]), float(centre[1]), float(np.clip(np.mean(tops) * 0.6, 0.5, 2.5)))


# ----------------------------------------------------------------------------- open air

def open_plan(spec: SetSpec, recipe: Recipe) -> SetPlan:
    rng = common.rng_for(spec, f"place.{recipe.id}.layout")
    site = sites.build_site(recipe.site, common.rng_for(spec, f"place.{recipe.id}.site"), HALF,
                            surround=spec.setting)
    occ = props.Occupancy(cell=2.0)
    for x0, y0, x1, y1 in site.keep_out:
        occ.block(x0, y0, x1, y1)
    stand = _stand(site)
    occ.block(stand[0] - 2.0, stand[1] - 2.0, stand[0] + 2.0, stand[1] + 2.0)
    for x, y in ((8.0, -10.0), (-4.0, 12.0)):      # where the medium and reverse stand
        occ.block(x - 1.5, y - 1.5, x + 1.5, y + 1.5, 0.0, 3.0)
    ux, uy = np.array(stand) / max(float(np.hypot(*stand)), 1e-6)
    for d in np.arange(8.0, 30.0, 3.0):             # the wide's line of sight to the set
        occ.block(ux * d - 2.0, uy * d - 2.0, ux * d + 2.0, uy * d + 2.0, 0.0, 3.0)
    placed = _structures(recipe, spec, site, occ, rng)
    placed += dress_area(recipe.id, spec, site.work, occ,       # a terrace, stalls, a quay
                         (0.0, site.work[1]) if site.water else (stand[0] + 6.0, stand[1] + 8.0))
    area = (site.work[2] - site.work[0]) * (site.work[3] - site.work[1])
    region = props.Region(*site.work)
    for dress in recipe.dressing:
        n = wanted(spec, dress, area)
        if n:
            for model, k in _variety(dress.kind, n, rng):
                placed += _dress_open(dress, k, model, rng, occ, region, site)
    notices: list[str] = []
    for kind, n in extra_kinds(spec, {d.kind for d in recipe.dressing} | set(recipe.structures)):
        if kind in FLOATING and site.water:
            got = _afloat(model_for(kind, rng), n, rng, site)
        else:
            got = _near_subject(model_for(kind, rng), n, rng, occ, region)
        placed += got
        short_of(notices, kind, n, len(got))
    placed = [p for p in placed if p.model.kind not in spec.excluded_props or p.model.kind in recipe.structures]
    parts = site.parts + props.to_parts(placed)
    lit = common.practicals_on(spec)
    lights = common.switched(props.to_lights(placed, common.street_lamp_colour(spec),
                                             colours={"orange": (1.0, 0.5, 0.18)}), lit)
    subject = _subject(placed, recipe)
    shots = _open_shots(subject, stand, site, _reach(placed, subject))
    cameras = Scout(_near_shots(parts, shots), mode=spec.camera).cameras(shots)
    plan = common.landscape_plan(
        spec, recipe.archetype, recipe.label.title(), parts, _site_materials(spec, recipe, site),
        cameras, (215.0, 120.0), ((-HALF * 2, -HALF * 2, -2.0), (HALF * 2, HALF * 2, 40.0)),
        overrides=_slot_overrides(spec, recipe))
    plan.lights = lights
    plan.notices += notices
    return plan


def _stand(site: sites.Site) -> tuple[float, float]:
    """Where the first camera stands: south-west of the subject, on the work area."""
    x0, y0, x1, y1 = site.work
    return (max(x0 + 2.0, -14.0), max(y0 + 1.0, -22.0))


def _structures(recipe: Recipe, spec: SetSpec, site: sites.Site, occ, rng) -> list[props.Placement]:
    """The recipe's structures: the first at the heart of the set, the others round it;
    some arrangements are part of what the place is (pumps on islands under the
    canopy, a pier out from the quay, a lighthouse at the cliff edge)."""
    placed: list[props.Placement] = []
    arranged = ARRANGEMENTS.get(recipe.id)
    if arranged:
        return arranged(spec, site, occ, rng)
    x0, y0, x1, y1 = site.work
    ring = [(0.0, 0.0), (14.0, 6.0), (-14.0, 8.0), (0.0, 16.0), (20.0, -4.0), (-20.0, -2.0)]
    for k, kind in enumerate(recipe.structures):
        if kind in spec.excluded_props:
            continue
        model = model_for(kind, rng)
        x, y = ring[k % len(ring)]
        y = float(np.clip(y, y0 + 3.0, y1 - 3.0))
        p = None
        for dx, dy in ((0, 0), (0, 5), (0, -5), (0, 9), (0, -9), (6, 5), (-6, 5), (0, 13), (0, -13)):
            p = p or props.place(occ, model, x + dx, float(np.clip(y + dy, y0 + 3.0, y1 - 3.0)), 0.0,
                                 0.0, gap=0.3)      # beside a road or a pond, not across the site
        if p is None:
            p = (props.scatter(rng, occ, model, 1, props.Region(x0, y0, x1, y1), gap=0.3, tries=60) or [None])[0]
        if p:
            placed.append(p)
    return placed


def _dress_open(dress: Dress, n: int, model, rng, occ, region: props.Region,
                site: sites.Site) -> list[props.Placement]:
    x0, y0, x1, y1 = region.x0, region.y0, region.x1, region.y1
    if dress.where == "row":          # a line across the set, in front of the subject
        xs = np.linspace(max(x0 + 3, -SEEN), min(x1 - 3, SEEN), max(n, 1))
        out = [props.place(occ, model, float(x), -4.5, 0.0, 0.0, gap=0.1) for x in xs]
        return [p for p in out if p]
    if dress.where == "edge":         # round the playing area
        t = np.linspace(0, 1, n, endpoint=False)
        pts = [(x0 + (x1 - x0) * v, y1 - 1.0) if k % 2 else (x1 - 1.0, y0 + (y1 - y0) * v)
               for k, v in enumerate(t)]
        out = [props.place(occ, model, float(x), float(y), 0.0, float(rng.uniform(0, 6.28)), gap=0.1)
               for x, y in pts]
        return [p for p in out if p]
    if dress.where == "water":        # in the standing water (reeds) or on it (boats)
        out, wet = [], props.Occupancy(cell=2.0)     # the water's own: reeds stand in it
        for wx0, wy0, wx1, wy1, _z in site.water[:12]:
            sub = props.Region(max(wx0, x0), max(wy0, y0), min(wx1, x1), min(wy1, y1))
            if sub.x1 > sub.x0 and sub.y1 > sub.y0:
                out += props.scatter(rng, wet, model, max(1, n // max(len(site.water), 1)), sub,
                                     gap=0.2)
        for b in (b for p in out for b in p.boxes):     # what comes later keeps off them
            occ.add(b)
        return out
    if dress.where == "subject":
        return _near_subject(model, n, rng, occ, region)
    if dress.where == "rows":         # a crop: rows 0.75 m apart, a plant every 0.3 m
        return _crop_rows(model, rng, occ, region)
    seen = props.Region(max(x0, -SEEN), max(y0, -SEEN), min(x1, SEEN), min(y1, SEEN * 0.7))
    out = props.scatter(rng, occ, model, n, seen, gap=0.2, tries=20, yaw=(0.0, 2 * math.pi))
    if len(out) < n:                  # what the frame cannot hold goes further out
        out += props.scatter(rng, occ, model, n - len(out), region, gap=0.2, tries=20,
                             yaw=(0.0, 2 * math.pi))
    return out


def _afloat(model, n, rng, site: sites.Site) -> list[props.Placement]:
    """Boats on the site's water, at its surface, kept apart, near the shot."""
    x0, y0, x1, y1, z = max(site.water, key=lambda w: (w[2] - w[0]) * (w[3] - w[1]))
    near = props.Region(max(x0, -25.0), max(y0, -40.0), min(x1, 25.0), min(y1, 0.0) - 2.0)
    occ = props.Occupancy(cell=4.0)
    return props.scatter(rng, occ, model, n, near, gap=1.0, tries=60, yaw=(0.0, 2 * math.pi),
                         lift=z) if near.x1 > near.x0 and near.y1 > near.y0 else []


def _crop_rows(model, rng, occ, region: props.Region) -> list[props.Placement]:
    """Plants in rows along X over the field in front of the shots, each a little off
    its line and turned at random, none where something already stands (the boxes of
    the occupancy, grown by 0.15 m, tested for all plants at once)."""
    ys = np.arange(max(region.y0, -20.0), min(region.y1, 12.0), 0.75)
    xs = np.arange(max(region.x0, -20.0), min(region.x1, 20.0), 0.33)
    gx, gy = np.meshgrid(xs, ys)
    pts = np.column_stack([gx.ravel(), gy.ravel()]) + rng.uniform(-0.06, 0.06, (gx.size, 2))
    yaws = rng.uniform(0, 2 * math.pi, gx.size)
    free = np.ones(len(pts), bool)
    for box in occ.boxes:                      # few: fences, the camera's spot, keep-outs
        r = box.radius + 0.15
        free &= (np.abs(pts[:, 0] - box.x) > r) | (np.abs(pts[:, 1] - box.y) > r)
    return [props.Placement(model, transform(float(x), float(y), 0.0, float(w)),
                            world_boxes(model, float(x), float(y), 0.0, float(w)))
            for (x, y), w in zip(pts[free], yaws[free])]


def _near_subject(model, n, rng, occ, region) -> list[props.Placement]:
    """Props the words name, in front of what defines the place (where the first
    shot looks), then anywhere free."""
    near = props.Region(-12.0, -14.0, 12.0, 4.0)
    out = props.scatter(rng, occ, model, n, near, gap=0.2, tries=40, yaw=(0.0, 2 * math.pi))
    if len(out) < n:
        out += props.scatter(rng, occ, model, n - len(out), region, gap=0.2, tries=40)
    return out


def _subject(placed: list[props.Placement], recipe: Recipe) -> tuple[float, float, float]:
    hits = []
    for label in recipe.defining:       # the first defining thing the set has, in order
        hits = hits or [p for p in placed if label in (p.model.label, p.model.kind)]
    hits = hits or placed
    if not hits:
        return (0.0, 0.0, 1.5)
    near = min(hits, key=lambda p: float(np.hypot(*p.transform[:2, 3])))
    group = [p for p in hits if np.hypot(*(p.transform[:2, 3] - near.transform[:2, 3])) < 8.0]
    pts = np.array([p.transform[:3, 3] for p in group[:8]])
    top = float(np.median([max(b.z1 for b in p.boxes) for p in group[:8]]))
    c = pts.mean(axis=0)
    return (float(c[0]), float(c[1]), float(np.clip(top * 0.45, 0.4, 12.0)))


def _near_shots(parts, shots: list[Shot], reach: float = 10.0):
    """The parts as the camera scout needs them: a crop's thousands of plants cut to
    those within `reach` of a shot's stand (only they can come near a lens)."""
    from dataclasses import replace
    stands = np.array([s.stand for s in shots])
    out = []
    for part in parts:
        if len(part.instances) > 500:
            xy = np.array([t[:2, 3] for t in part.instances])
            near = (np.linalg.norm(xy[:, None] - stands[None], axis=2) < reach).any(axis=1)
            part = replace(part, instances=[t for t, k in zip(part.instances, near) if k])
            if not part.instances:
                continue
        out.append(part)
    return out


def _reach(placed: list[props.Placement], subject) -> float:
    """How far from the subject's centre its own group reaches (m): what the wide holds."""
    sx, sy, _ = subject
    far = [math.hypot(b.x - sx, b.y - sy) + b.radius for p in placed for b in p.boxes
           if math.hypot(b.x - sx, b.y - sy) < 8.0]
    return max(far, default=4.0)


def _open_shots(subject, stand, site: sites.Site, reach: float = 11.0) -> list[Shot]:
    """A wide from the south-west that holds the subject whole (stepped back for a
    tall one), a medium closer in, a reverse from behind it."""
    sx, sy, sz = subject
    height = sz / 0.45
    lens = 24.0 if height < 12 else 18.0
    back = max(9.0, reach * 2.6, height * 2.0)     # the group whole, with room, at 24 mm
    ang = math.atan2(stand[1] - sy, stand[0] - sx)
    wide = (sx + math.cos(ang) * back, sy + math.sin(ang) * back)
    if site.sea_side is not None:      # along the shore: the land left, the sea right
        wide = (sx - back, max(sy + 3.0, site.work[1] + 1.0))     # on the land
    if site.walls:                     # inside a walled courtyard, from its corner
        x0, y0, x1, y1 = site.work
        wide = (float(np.clip(wide[0], x0 + 0.5, x1 - 0.5)), float(np.clip(wide[1], y0 + 0.5, y1 - 0.5)))
        lens = 18.0
    return [Shot("wide", lens, wide, (sx, sy, sz), third=0.0, pitch_bias_deg=2.0 if height > 8 else -2.0),
            Shot("medium", 35.0, (sx + 8.0, sy - 10.0), (sx, sy, min(sz, 2.0)), third=-0.3),
            Shot("reverse", 35.0, (sx - 4.0, sy + 12.0), (sx, sy - 20.0, 1.5), third=0.3)]


def _site_materials(spec: SetSpec, recipe: Recipe, site: sites.Site):
    fam, colour = recipe.surfaces.get("ground", sites.GROUND.get(site.kind, ("soil", None)))
    return {
        "ground": common.material(spec, "ground", "ground", fam, ("floor",), colour),
        "far_ground": common.plain("far_ground", _far_family(spec, site), spec.seed),
        "water": common.plain("water", "water", spec.seed),
        "asphalt_road": common.plain("asphalt_road", "asphalt", spec.seed),
        "marking": common.plain("marking", "paint", spec.seed, "white"),
        "quay": common.plain("quay", "cobblestone" if site.kind == "harbour" else "rock", spec.seed),
        "cliff": common.plain("cliff", "rock", spec.seed),
        "stone": common.styled(spec, "stone", "walls", "rock", "beige"),
    }


def _far_family(spec: SetSpec, site: sites.Site) -> str:
    """The land beyond the set: the setting's ("desert": sand), snow when it snows,
    else the site's own ground (paved lots stand in open soil)."""
    if spec.setting in sites.SURROUNDS:
        return sites.SURROUNDS[spec.setting][2]
    if spec.precipitation == "snow":
        return "snow"
    family = sites.GROUND.get(site.kind, ("soil", None))[0]
    return "soil" if family in ("asphalt", "paving_slabs", "cobblestone") else family


def _slot_overrides(spec: SetSpec, recipe: Recipe):
    return {k: common.plain(k, f, spec.seed, c) for k, (f, c) in recipe.surfaces.items()
            if k not in ("ground", "floor", "walls", "ceiling")}


# ----------------------------------------------------------------------------- arrangements

def _forecourt(spec, site, occ, rng) -> list[props.Placement]:
    """Pump islands with two pumps each under a canopy with 4.8 m clearance, the shop
    behind, the road in front."""
    out = [props.place(occ, model_for("fuel_canopy", rng), 0.0, 0.0, 0.0, 0.0, force=True)]
    island, pump = model_for("pump_island", rng), model_for("fuel_pump", rng)
    n_islands = max(2, min(4, (spec.props.get("fuel_pump", 0) + 1) // 2 or 2))
    for x in _spread(n_islands, 5.0, 10.0):
        out.append(props.place(occ, island, x, 0.0, 0.0, math.pi / 2, force=True))
        for y in (-0.9, 0.9):
            out.append(props.place(occ, pump, x, y, 0.2, math.pi / 2, force=True))
    if "kiosk" not in spec.excluded_props:
        out.append(props.place(occ, model_for("kiosk", rng), 0.0, 13.0, 0.0, 0.0, force=True))
    return out


def _lighthouse(spec, site, occ, rng) -> list[props.Placement]:
    y = site.work[1] + 4.0
    out = [props.place(occ, model_for("lighthouse", rng), 0.0, y, 0.0, 0.0, force=True)]
    out.append(props.place(occ, model_for("cottage", rng), 9.0, y + 3.0, 0.0, 0.0, force=True))
    return out


def _harbour(spec, site, occ, rng) -> list[props.Placement]:
    edge = site.work[1] - 1.5
    out = []
    boat_n = spec.props.get("boat") or (0 if "boat" in spec.excluded_props else 4)
    for k, x in enumerate(_spread(2, 20.0, 30.0)):
        out.append(props.place(occ, model_for("pier", rng), x, edge - 1.0, 0.0, 0.0, force=True))
    for k in range(boat_n):
        model = model_for("fishing_boat", rng)
        x = -25.0 + 50.0 * (k + 0.5) / boat_n
        out.append(props.place(props.Occupancy(), model, x if abs(x) > 3 else x + 5, edge - 12.0 - (k % 2) * 6,
                               -1.8, math.pi / 2 + 0.2 * (k % 3), force=True))
    return out


def _bridge(spec, site, occ, rng) -> list[props.Placement]:
    return [props.place(props.Occupancy(), model_for("bridge", rng), 0.0, 0.0, -1.0, math.pi / 2, force=True)]


def _marsh(spec, site, occ, rng) -> list[props.Placement]:
    models = [model_for("dead_tree", rng) for _ in range(2)]      # two trees, six copies
    out = []
    for k in range(6):
        out += props.scatter(rng, occ, models[k % 2], 1, props.Region(*site.work), gap=1.0)
    return out


ARRANGEMENTS = {"gas_station": _forecourt, "lighthouse": _lighthouse, "harbour": _harbour,
                "river_bridge": _bridge, "swamp": _marsh}
