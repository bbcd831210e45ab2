"""Dressing (issue 20): every room type dressed to its density, small things resting on
surfaces that hold them, the prompt's props with their counts, the layout's written
constraints, and the plausibility report passing on every dressed room."""

from __future__ import annotations

import math
from functools import cache

import numpy as np
import pytest

from ai_sets_addon.generation.dressing import PROGRAMS, density_for, dress
from ai_sets_addon.generation.dressing.programs import OUTDOOR
from ai_sets_addon.generation.dressing.sample import plan_of, sample_room
from ai_sets_addon.generation.dressing.stages import surface_of
from ai_sets_addon.generation.plausibility import check_plan
from ai_sets_addon.generation.props.catalogue import KINDS

TYPES = sorted(t for t in PROGRAMS if t != "dining_room" and t not in OUTDOOR)


@pytest.fixture(autouse=True)
def quick_hull(monkeypatch):
    """The report's floor footprints use a per-point Python hull (seconds per room);
    Qhull gives the same counter-clockwise hull in microseconds, which keeps checking
    every room type within the suite's budget (test_quick_hull_is_the_reports_hull)."""
    from scipy.spatial import ConvexHull

    from ai_sets_addon.generation import plausibility

    def hull(points):
        pts = np.unique(np.round(points, 4), axis=0)
        if len(pts) < 3:
            return pts.astype(float)
        try:
            return pts[ConvexHull(pts).vertices].astype(float)
        except Exception:           # all on a line
            return plausibility._monotone_hull(points)
    plausibility._monotone_hull = getattr(plausibility, "_monotone_hull", plausibility._hull)
    monkeypatch.setattr(plausibility, "_hull", hull)


def test_quick_hull_is_the_reports_hull():
    from ai_sets_addon.generation import plausibility
    rng = np.random.default_rng(0)
    pts = rng.uniform(-1, 1, (400, 2))
    grid = np.stack(np.meshgrid(np.linspace(-1, 1, 41), np.linspace(-1, 1, 41),
                                indexing="ij"), axis=-1)
    fast = plausibility._in_polygon(grid, plausibility._hull(pts))
    slow = plausibility._in_polygon(grid, plausibility._monotone_hull(pts))
    assert (fast == slow).all()


# The nave and the lobby are dressed smaller here: the report's floor raster over
# 100-336 m2 costs seconds, and their programs (pews in rows facing the altar, sofa
# groups facing the desk) are the same.
SIZES = {"church": (10.0, 14.0, 8.0), "hotel_lobby": (9.0, 7.0, 4.2)}


@cache
def dressed(room_type: str, seed: int = 1):
    room = sample_room(room_type, SIZES.get(room_type))
    return room, dress(room, seed)


def kinds(d) -> list[str]:
    return [p.model.kind for p in d.placements]


@pytest.mark.parametrize("room_type", TYPES)
def test_every_room_type_is_dressed_to_its_density_and_is_plausible(room_type):
    room, d = dressed(room_type)
    need = density_for(room_type).per_10m2 * room.area_m2 / 10.0
    assert len(d.placements) >= need, (room_type, len(d.placements), need, d.notes)
    small = [k for k in kinds(d) if KINDS[k].placement == "surface"]
    assert small, f"{room_type}: no small objects at all"
    report = check_plan(plan_of(room, d))
    assert report.collisions == [], report.collisions
    assert report.through_walls == [], report.through_walls
    assert report.navigable_share >= 0.95, (room_type, report.navigable_share)
    assert report.blocked_windows == [], report.blocked_windows
    assert report.unsupported == [] or room_type == "cellar", report.unsupported


def test_a_30m2_living_room_holds_25_things_small_ones_included():
    room = sample_room("living_room", (6.0, 5.0, 2.7))
    d = dress(room, 4)
    ks = kinds(d)
    assert len(ks) >= 25, ks
    assert sum(KINDS[k].placement == "surface" for k in ks) >= 8, ks
    for want in ("sofa", "tv_stand", "television", "coffee_table", "light_switch",
                 "picture_frame", "radiator"):
        assert want in ks, (want, ks)


@pytest.mark.parametrize("room_type", ["living_room", "kitchen", "office", "cafe"])
def test_every_small_object_rests_on_a_surface_that_holds_it(room_type):
    room, d = dressed(room_type)
    tops = [(p, *surface_of(p, room.floor_z)) for p in d.placements
            if surface_of(p, room.floor_z) is not None]
    for p in d.placements:
        if KINDS[p.model.kind].placement != "surface":
            continue
        base = min(b.z0 for b in p.boxes)
        x, y = p.transform[0, 3], p.transform[1, 3]
        under = [h for h, box, top, _ in tops if h is not p and abs(top - base) < 0.005
                 and _inside(x, y, box)]
        assert under, f"{p.model.kind} at ({x:.2f}, {y:.2f}, {base:.3f}) rests on nothing"
        holder = under[0].model.kind
        assert KINDS[holder].holds, holder


def _inside(x, y, box) -> bool:
    c, s = math.cos(box.yaw), math.sin(box.yaw)
    u, v = c * (x - box.x) + s * (y - box.y), -s * (x - box.x) + c * (y - box.y)
    return abs(u) <= box.hx and abs(v) <= box.hy


@pytest.mark.parametrize("room_type", ["living_room", "bedroom", "kitchen", "office"])
def test_no_bare_surface_where_people_keep_things(room_type):
    room, d = dressed(room_type)
    smalls = [p for p in d.placements if KINDS[p.model.kind].placement == "surface"]
    for p in d.placements:
        surf = surface_of(p, room.floor_z)
        if surf is None or p.model.kind in ("wall_shelf", "medicine_cabinet", "wall_cabinet",
                                            "dishwasher"):
            continue
        box, top, _ = surf
        on = [s for s in smalls if abs(min(b.z0 for b in s.boxes) - top) < 0.005
              and _inside(s.transform[0, 3], s.transform[1, 3], box)]
        assert on, f"the {p.model.kind} in the {room_type} is bare"


def test_requested_props_are_placed_with_their_counts_and_excluded_ones_never():
    room = sample_room("bedroom")
    d = dress(room, 2, requested={"candle": 3, "guitar": 1, "wall_clock": 2},
              excluded=("wardrobe", "picture_frame", "book"))
    ks = kinds(d)
    assert ks.count("candle") == 3, d.notes
    assert ks.count("guitar") == 1, d.notes
    assert ks.count("wall_clock") == 2, d.notes
    for gone in ("wardrobe", "picture_frame", "book"):
        assert gone not in ks
    assert "double_bed" in ks
    # a count the program has of its own is replaced, not added to
    d2 = dress(room, 2, requested={"nightstand": 1})
    assert kinds(d2).count("nightstand") == 1


def test_same_room_and_seed_give_the_same_dressing_and_seeds_differ():
    room = sample_room("living_room")
    a, b, c = dress(room, 7), dress(room, 7), dress(room, 8)
    assert kinds(a) == kinds(b)
    assert all(np.array_equal(p.transform, q.transform) for p, q in zip(a.placements, b.placements))
    assert [p.transform.tobytes() for p in a.placements] != \
        [p.transform.tobytes() for p in c.placements]


def test_layout_keeps_its_written_constraints():
    room, d = dressed("restaurant")
    door = next(o for o in room.openings if o.kind == "door")
    # the door square (as deep as the door is wide, at least 0.9 m) holds nothing below 2 m
    y_door = room.y0 + door.centre_m
    for p in d.placements:
        for b in p.boxes:
            if b.z0 < 2.0 and b.x - b.radius < room.x0 + 0.9 and abs(b.y - y_door) < door.width_m / 2:
                pytest.fail(f"{p.model.kind} in the door's swing")
    # chairs face their table, at its edge
    tables = [p for p in d.placements if p.model.kind == "dining_table"]
    chairs = [p for p in d.placements if p.model.kind == "dining_chair"]
    assert len(tables) >= 2 and len(chairs) >= 2 * len(tables)
    for ch in chairs:
        c = ch.transform[:2, 3]
        t = min(tables, key=lambda t: np.linalg.norm(t.transform[:2, 3] - c))
        front = ch.transform[:2, :2] @ np.array([0.0, -1.0])
        to = t.transform[:2, 3] - c
        assert front @ to / np.linalg.norm(to) > 0.7, "a chair turned away from its table"
        assert np.linalg.norm(to) < 1.4


def test_the_sofa_faces_the_television_and_the_bed_has_both_sides_free():
    room, d = dressed("living_room")
    sofa = next(p for p in d.placements if p.model.kind == "sofa")
    tv = next(p for p in d.placements if p.model.kind == "tv_stand")
    front = sofa.transform[:2, :2] @ np.array([0.0, -1.0])
    to = tv.transform[:2, 3] - sofa.transform[:2, 3]
    assert front @ to / np.linalg.norm(to) > 0.5
    room, d = dressed("bedroom")
    bed = next(p for p in d.placements if p.model.kind == "double_bed")
    stands = [p for p in d.placements if p.model.kind == "nightstand"]
    assert len(stands) == 2
    right = bed.transform[:2, :2] @ np.array([1.0, 0.0])
    sides = sorted(float((s.transform[:2, 3] - bed.transform[:2, 3]) @ right) for s in stands)
    assert sides[0] < -0.8 and sides[1] > 0.8        # one each side, at the head


def test_the_interior_room_is_dressed_through_the_wiring():
    from ai_sets_addon.generation.archetypes import plan_set
    from ai_sets_addon.generation.prompt import parse_prompt
    plan = plan_set(parse_prompt("a living room", 1))
    names = {p.name.split(" - ")[0] for p in plan.parts if p.group == "props"}
    assert "Sofa" in names                               # the room type's own furniture
    assert {"Light Switch", "Radiator"} <= {n.rstrip(" ABC") for n in names}, names
    report = check_plan(plan)
    assert report.objects >= 25 and report.collisions == []


def test_the_floor_raster_needs_no_scipy_and_gives_scipys_answers(monkeypatch):
    from ai_sets_addon.generation.dressing import raster
    rng = np.random.default_rng(3)
    disc = np.add.outer(np.arange(-3, 4) ** 2, np.arange(-3, 4) ** 2) <= 9
    for _ in range(5):
        mask = rng.uniform(size=(40, 37)) > 0.35
        assert (raster.erode(mask, disc) == raster.erode(mask, disc, use_scipy=False)).all()
        assert (raster.dilate(mask, disc) == raster.dilate(mask, disc, use_scipy=False)).all()
        a, n = raster.label(mask)
        b, m = raster.label(mask, use_scipy=False)
        assert n == m and (a == b).all()
    room = sample_room("bedroom")
    with_scipy = dress(room, 5)
    monkeypatch.setattr(raster, "_ndimage", None)          # the add-on's own install
    without = dress(room, 5)
    assert [p.transform.tobytes() for p in with_scipy.placements] == \
        [p.transform.tobytes() for p in without.placements]


@pytest.mark.parametrize("place, size", [("cafe_terrace", (8.0, 5.0)), ("market", (10.0, 6.0)),
                                         ("quay", (12.0, 6.0))])
def test_open_air_areas_are_dressed_as_a_set_decorator_would(place, size):
    from ai_sets_addon.generation.dressing import Room
    w, d = size
    room = Room(-w / 2, -d / 2, w / 2, d / 2, 0.0, 3.0, [], place)
    out = dress(room, 1, ceiling=False)
    ks = kinds(out)
    assert len(ks) >= density_for(place).per_10m2 * w * d / 10.0, ks
    assert not any(KINDS[k].placement in ("ceiling", "wall") for k in ks), ks
    expect = {"cafe_terrace": ("bistro_table", "garden_chair", "cup"),
              "market": ("folding_table", "fruit_crate", "cheese_wheel"),
              "quay": ("mooring_bollard", "crate")}[place]
    for k in expect:
        assert k in ks, (k, ks)
    report = check_plan(plan_of(room, out))
    assert report.collisions == [] and report.navigable_share >= 0.95


def test_a_table_is_dressed_for_what_the_room_does_with_it():
    """A restaurant's tables are laid; an interrogation room's holds a file and an
    ashtray, a library's books and lamps: no plates or fruit on either."""
    from ai_sets_addon.generation.archetypes import plan_set
    from ai_sets_addon.generation.prompt import parse_prompt

    def smalls(prompt):
        plan = plan_set(parse_prompt(prompt, 1))
        return {p.name.split(" - ")[0].rstrip(" ABC") for p in plan.parts if p.group == "props"}

    assert "Plate" in smalls("a restaurant")
    for prompt in ("an interrogation room", "a library"):
        got = smalls(prompt)
        assert not got & {"Plate", "Fruit Bowl", "Jug"}, (prompt, got)
    assert {"Papers", "Ashtray"} <= smalls("an interrogation room")
