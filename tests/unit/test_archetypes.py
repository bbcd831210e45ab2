"""Every set archetype: builds from English and French, cameras that see the set,
props that never intersect, the same set for the same seed, sane geometry.

Plans are pure (no bpy) and cached per prompt, so the whole file runs in seconds.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pytest
import trimesh

from ai_sets_addon.generation import archetypes
from ai_sets_addon.model.plan import SHADER_FAMILIES, SUPER35_SENSOR_MM
from ai_sets_addon.generation.prompt import parse_prompt
from ai_sets_addon.generation.vocabulary import ARCHETYPES, MATERIAL_FAMILIES

# (archetype, English prompt, French prompt)
PROMPTS = [
    ("interior_room", "a small bedroom with a wooden floor at noon",
     "une chambre avec un parquet le soir"),
    ("warehouse", "an abandoned brick warehouse at dusk with dust in the air",
     "un entrepôt industriel avec des caisses et des palettes"),
    ("corridor", "a long concrete corridor with fluorescent lights",
     "un tunnel voûté en briques humide"),
    ("platform", "a subway platform at night", "un quai de gare au lever du soleil"),
    ("street", "a city street with brick facades at dusk, neon signs",
     "une rue pavée sous la pluie la nuit"),
    ("alley", "a back alley at night with dumpsters", "une ruelle pavée sous la pluie"),
    ("rooftop", "a rooftop at blue hour with a water tank", "un toit-terrasse à midi"),
    ("desert", "sand dunes in the desert at golden hour", "des dunes dans le désert au matin"),
    ("canyon", "a red rock canyon at sunset", "une vallée de montagne le matin"),
    ("forest", "a forest clearing in the morning with light fog",
     "une clairière dans une forêt de sapins"),
    ("beach", "a sandy beach with palm trees at sunset", "une plage avec un poste de secours"),
    ("cyclorama", "a white cyclorama studio", "un fond vert en studio"),
]
INTERIORS = {"interior_room", "warehouse", "corridor", "platform", "cyclorama"}
LENSES = (24.0, 35.0, 50.0, 85.0)


@lru_cache(maxsize=64)
def plan_for(prompt: str, seed: int = 1):
    spec = parse_prompt(prompt, seed)
    return spec, archetypes.plan_set(spec)


# --------------------------------------------------------------------------- registry

def test_every_archetype_has_its_own_module():
    assert set(archetypes.available()) == set(ARCHETYPES)
    for key in ARCHETYPES:
        chosen, _, notice = archetypes.planner_for(key)
        assert chosen == key and notice is None


@pytest.mark.parametrize("archetype,prompt", [(a, p) for a, en, fr in PROMPTS for p in (en, fr)])
def test_archetype_builds_from_english_and_french(archetype, prompt):
    spec, plan = plan_for(prompt)
    assert spec.archetype == archetype, spec.notices
    assert plan.archetype == archetype
    assert not any("nearest one" in n for n in plan.notices)
    assert plan.parts and plan.cameras and plan.name.startswith("AI Set")
    used = {p.material for p in plan.parts}
    assert used <= set(plan.materials), used - set(plan.materials)
    for request in plan.materials.values():
        assert request.family in MATERIAL_FAMILIES or request.family in SHADER_FAMILIES
    _check_geometry(plan)
    _check_cameras(spec, plan)


def _check_geometry(plan) -> None:
    for part in plan.parts:
        mesh = part.mesh
        assert len(mesh.faces), part.name
        assert np.isfinite(mesh.vertices).all(), part.name
        assert len(mesh.visual.uv) == len(mesh.vertices), part.name
        assert mesh.area_faces.min() > 1e-9, f"{part.name} has degenerate faces"
        for transform in part.instances:
            assert np.isfinite(transform).all() and abs(np.linalg.det(transform[:3, :3])) > 1e-6


def _check_cameras(spec, plan) -> None:
    assert len(plan.cameras) >= 3
    names = [c.name for c in plan.cameras]
    assert len(set(names)) == len(names)
    assert {"wide", "medium", "reverse"} <= {c.shot for c in plan.cameras}
    for cam in plan.cameras:
        assert cam.lens_mm in LENSES and cam.sensor_width_mm == pytest.approx(SUPER35_SENSOR_MM)
        assert cam.name.startswith("CAM_") and cam.shot.title() in cam.name


# --------------------------------------------------------------------------- cameras

def frame_rays(camera, nx: int = 9, ny: int | None = None):
    """Unit rays through an nx x ny grid (ny defaults to nx) of a 16:9 frame, rows top
    to bottom; test_styles uses it too."""
    ny = nx if ny is None else ny
    location, target = np.array(camera.location), np.array(camera.target)
    forward = (target - location) / np.linalg.norm(target - location)
    right = np.cross(forward, [0, 0, 1.0])
    right /= np.linalg.norm(right)
    up = np.cross(right, forward)
    half_w = camera.sensor_width_mm / 2 / camera.lens_mm
    half_h = half_w * 9 / 16
    dirs = np.array([forward + right * half_w * sx + up * half_h * sy
                     for sy in np.linspace(1, -1, ny) for sx in np.linspace(-1, 1, nx)])
    return location, dirs / np.linalg.norm(dirs, axis=1)[:, None]


def first_hits(plan, origin: np.ndarray, dirs: np.ndarray) -> np.ndarray:
    """Distance to the first surface along each ray (inf when it reaches the sky),
    instanced props tested exactly in their own frame."""
    best = np.full(len(dirs), np.inf)
    for part in plan.parts:
        if part.instances:
            _instanced_hits(part, origin, dirs, best)
        else:
            _hits(part.mesh, np.repeat(origin[None], len(dirs), 0), dirs, best,
                  np.arange(len(dirs)), None)
    return best


def _hits(mesh, origins, dirs, best, ray_ids, transform) -> None:
    if not len(origins):
        return
    locations, index_ray, _ = mesh.ray.intersects_location(origins, dirs, multiple_hits=False)
    if not len(index_ray):
        return
    if transform is not None:
        rot, shift = transform[index_ray, :3, :3], transform[index_ray, :3, 3]
        locations = np.einsum("nij,nj->ni", rot, locations) + shift
        world_o = np.einsum("nij,nj->ni", rot, origins[index_ray]) + shift
    else:
        world_o = origins[index_ray]
    dist = np.linalg.norm(locations - world_o, axis=1)
    np.minimum.at(best, ray_ids[index_ray], dist)


def _instanced_hits(part, origin, dirs, best) -> None:
    """Rays into each instance's frame; only instances a ray passes near are tested."""
    stack = np.array(part.instances)
    lo, hi = part.mesh.bounds
    centre_local, radius = (lo + hi) / 2, np.linalg.norm(hi - lo) / 2
    scale = np.cbrt(np.abs(np.linalg.det(stack[:, :3, :3])))
    centres = np.einsum("nij,j->ni", stack[:, :3, :3], centre_local) + stack[:, :3, 3]
    rel = centres - origin
    along = rel @ dirs.T                                          # (instances, rays)
    perp = np.linalg.norm(rel[:, None, :] - along[..., None] * dirs[None], axis=2)
    near = (perp <= radius * scale[:, None] + 1e-6) & (along > -radius * scale[:, None])
    inst, ray = np.nonzero(near)
    if not len(inst):
        return
    inv = np.linalg.inv(stack[inst])
    local_o = np.einsum("nij,j->ni", inv[:, :3, :3], origin) + inv[:, :3, 3]
    local_d = np.einsum("nij,nj->ni", inv[:, :3, :3], dirs[ray])
    _hits(part.mesh, local_o, local_d, best, ray, stack[inst])


ALL_PROMPTS = [(a, en) for a, en, _ in PROMPTS] + [(a, fr) for a, _, fr in PROMPTS]


@pytest.mark.parametrize("archetype,prompt", ALL_PROMPTS[:12] + ALL_PROMPTS[14:16])
def test_every_camera_sees_the_set_and_nothing_is_near_the_lens(archetype, prompt):
    spec, plan = plan_for(prompt)
    for camera in plan.cameras:
        origin, dirs = frame_rays(camera)
        dist = first_hits(plan, origin, dirs)
        hit = np.isfinite(dist)
        assert dist[hit].min() > 0.3, f"{camera.name}: geometry {dist[hit].min():.2f} m from the lens"
        if archetype in INTERIORS and plan.interior:
            assert hit.mean() >= 0.9, f"{camera.name} looks out of the set ({hit.mean():.0%})"
        else:
            assert hit.mean() >= 0.3, f"{camera.name} sees too little of the set ({hit.mean():.0%})"
            assert (dirs[~hit][:, 2] > -0.02).all(), f"{camera.name} sees through the ground"
            assert hit.reshape(9, 9)[-1].all(), f"{camera.name}: the bottom of frame must be set"
        _clear_around(plan, np.array(camera.location), camera.name)


def _clear_around(plan, point: np.ndarray, name: str, radius: float = 0.3) -> None:
    """Rays in every direction from the lens: nothing closer than `radius`."""
    golden = np.pi * (3 - np.sqrt(5))
    k = np.arange(200)
    z = 1 - 2 * (k + 0.5) / 200
    r = np.sqrt(1 - z * z)
    dirs = np.column_stack([r * np.cos(golden * k), r * np.sin(golden * k), z])
    dist = first_hits(plan, point, dirs)
    assert dist.min() > radius, f"{name} is {dist.min():.2f} m from geometry"


def test_cameras_stand_at_eye_height_over_their_ground():
    for prompt in ("a city street at dusk", "un entrepôt", "une plage au coucher du soleil"):
        spec, plan = plan_for(prompt)
        for camera in plan.cameras:
            origin = np.array(camera.location)
            down = first_hits(plan, origin, np.array([[0.0, 0.0, -1.0]]))[0]
            assert down == pytest.approx(1.6, abs=0.05), f"{prompt}: {camera.name} at {down:.2f} m"


# --------------------------------------------------------------------------- props

def _prop_objects(plan):
    """One collision object per placed prop (its pieces merged), excluding floor
    coverings meant to be stood on."""
    groups: dict[tuple[str, int], list] = {}
    for part in plan.parts:
        if part.group != "props" or "Rug" in part.name:
            continue
        base = part.name.split(" - ")[0]
        for k, transform in enumerate(part.instances or [np.eye(4)]):
            groups.setdefault((base, k), []).append(part.mesh.copy().apply_transform(transform))
    return {f"{b} {k}": trimesh.util.concatenate(m) for (b, k), m in groups.items()}


def intersecting_props(plan) -> list[tuple[str, str]]:
    """Pairs of props whose meshes intersect: bounding boxes first (numpy), then an
    exact trimesh/FCL mesh test on each pair whose boxes overlap."""
    objects = _prop_objects(plan)
    names = list(objects)
    lo = np.array([objects[n].bounds[0] for n in names])
    hi = np.array([objects[n].bounds[1] for n in names])
    overlap = np.all((lo[:, None] <= hi[None]) & (hi[:, None] >= lo[None]), axis=2)
    pairs = [(names[i], names[j]) for i, j in zip(*np.nonzero(np.triu(overlap, 1)))]
    bad = []
    for a, b in pairs:
        manager = trimesh.collision.CollisionManager()
        manager.add_object(a, objects[a])
        if manager.in_collision_single(objects[b]):
            bad.append((a, b))
    return bad


@pytest.mark.parametrize("archetype,prompt", ALL_PROMPTS[:12])
def test_props_never_intersect(archetype, prompt):
    pytest.importorskip("fcl", reason="trimesh collision checks need python-fcl")
    spec, plan = plan_for(prompt)
    bad = intersecting_props(plan)
    assert not bad, f"{archetype}: intersecting props {bad[:5]}"


@pytest.mark.parametrize("prompt", ["a warehouse full of crates, barrels and pallets",
                                    "une forêt dense", "une ruelle encombrée de poubelles"])
def test_busy_sets_still_have_no_intersections(prompt):
    pytest.importorskip("fcl")
    spec, plan = plan_for(prompt)
    assert len(_prop_objects(plan)) > 20
    assert not intersecting_props(plan)


def test_repeated_props_are_instanced():
    spec, plan = plan_for("une clairière dans une forêt de sapins")
    trees = [p for p in plan.parts if p.name.startswith("Pine")]
    assert trees and sum(len(p.instances) for p in trees) >= 100
    assert all(len(p.mesh.faces) < 20000 for p in trees)


# --------------------------------------------------------------------------- determinism

@pytest.mark.parametrize("archetype,prompt", ALL_PROMPTS[:12])
def test_same_seed_same_set_and_another_seed_another(archetype, prompt):
    a = archetypes.plan_set(parse_prompt(prompt, 7))
    b = archetypes.plan_set(parse_prompt(prompt, 7))
    assert [p.name for p in a.parts] == [p.name for p in b.parts]
    for pa, pb in zip(a.parts, b.parts):
        assert np.array_equal(pa.mesh.vertices, pb.mesh.vertices), pa.name
        assert all(np.array_equal(x, y) for x, y in zip(pa.instances, pb.instances))
    assert [c.location for c in a.cameras] == [c.location for c in b.cameras]
    c = archetypes.plan_set(parse_prompt(prompt, 8))
    assert _fingerprint(a) != _fingerprint(c), f"{archetype}: the seed changes nothing"


def _fingerprint(plan) -> tuple:
    verts = sum(float(np.abs(p.mesh.vertices).sum()) for p in plan.parts)
    inst = sum(float(np.abs(np.array(p.instances)).sum()) for p in plan.parts if p.instances)
    return round(verts, 3), round(inst, 3)


# --------------------------------------------------------------------------- fallbacks

@pytest.mark.parametrize("prompt", [
    "a beach inside a tunnel", "une forêt dans un entrepôt", "a desert street on a rooftop",
    "un studio sur une plage la nuit", "a spaceship bridge", "une grotte", "xyzzy plugh", "a cave at noon",
])
def test_odd_or_contradictory_words_give_a_set_and_a_notice(prompt):
    spec = parse_prompt(prompt, 3)
    plan = archetypes.plan_set(spec)
    assert plan.parts and len(plan.cameras) >= 3
    assert spec.notices or plan.notices


def test_missing_module_falls_back_to_the_nearest_with_a_notice(monkeypatch):
    monkeypatch.delitem(archetypes._MODULES, "alley")
    spec = parse_prompt("a back alley", 1)
    plan = archetypes.plan_set(spec)
    assert plan.archetype == "street"
    assert "alley" in plan.notices[0]
