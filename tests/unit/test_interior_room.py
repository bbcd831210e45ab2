"""The interior room plan: a real room a camera crew could stand in."""

import numpy as np
import pytest
import trimesh

from ai_sets_addon.generation import archetypes
from ai_sets_addon.model.spec import SetSpec, SurfaceSpec
from test_archetypes import frame_rays


def _plan(**kwargs):
    return archetypes.plan_set(SetSpec(prompt="test", **kwargs))


def _scene_mesh(plan):
    meshes = []
    for part in plan.parts:
        if part.name == "Exterior Ground":
            continue
        if part.instances:
            for transform in part.instances:
                meshes.append(part.mesh.copy().apply_transform(transform))
        else:
            meshes.append(part.mesh)
    return trimesh.util.concatenate(meshes)


def _camera_rays(camera, n=9):
    """Rays through an n x n grid of the camera's 16:9 frame (shared with test_archetypes)."""
    location, dirs = frame_rays(camera, n)
    return np.repeat(location[None], len(dirs), 0), dirs


def test_room_has_walls_floor_ceiling_window_door_and_three_cameras():
    plan = _plan(seed=1)
    names = {p.name for p in plan.parts}
    assert {"Walls", "Floor", "Ceiling", "Window Glass", "Window Frame"} <= names
    assert len(plan.cameras) >= 3
    assert {c.shot for c in plan.cameras} >= {"wide", "medium", "reverse"}
    assert all(c.location[2] == pytest.approx(1.6) for c in plan.cameras)
    assert plan.interior


def test_walls_have_the_window_and_door_cut_out():
    plan = _plan(seed=4)
    walls = next(p for p in plan.parts if p.name == "Walls").mesh
    floor = next(p for p in plan.parts if p.name == "Floor").mesh
    width = floor.bounds[1][0] - floor.bounds[0][0] - 0.4
    depth = floor.bounds[1][1] - floor.bounds[0][1] - 0.4
    height = walls.bounds[1][2]
    solid = 0.2 * height * (2 * (width + 0.4) + 2 * depth)
    assert 0.2 * 1.0 < solid - walls.volume < 0.2 * 12.0   # window + door removed


def test_every_camera_sees_the_set_and_nothing_is_near_the_lens():
    plan = _plan(seed=2)
    scene = _scene_mesh(plan)
    for camera in plan.cameras:
        origins, dirs = _camera_rays(camera)
        locations, index_ray, _ = scene.ray.intersects_location(origins, dirs, multiple_hits=False)
        assert len(set(index_ray)) >= 0.9 * len(dirs), f"{camera.name} looks out of the set"
        distances = np.linalg.norm(locations - origins[index_ray], axis=1)
        assert distances.min() > 0.3, f"{camera.name} has geometry within 0.3 m of the lens"
        closest, distance, _ = trimesh.proximity.closest_point(scene, [camera.location])
        assert distance[0] > 0.3


def test_window_lets_the_sun_in():
    """A ray from the room toward the sun's side must leave through the window."""
    plan = _plan(seed=5, time_of_day="afternoon")
    scene = _scene_mesh(plan)
    glass = next(p for p in plan.parts if p.name == "Window Glass").mesh
    centre = glass.bounds.mean(axis=0)
    origin = np.array([centre[0], 0.0, 1.0])
    direction = centre - origin
    direction /= np.linalg.norm(direction)
    hits, index_ray, _ = scene.ray.intersects_location([origin], [direction], multiple_hits=True)
    glass_y = centre[1]
    assert all(abs(h[1] - glass_y) < 0.02 for h in hits), "something opaque blocks the window"
    assert 180 < plan.sky.sun_azimuth_deg < 270  # the window faces south, afternoon sun SW


def test_materials_follow_the_prompt_and_defaults_are_sensible():
    concrete = _plan(surfaces={"walls": SurfaceSpec("walls", "concrete", ["wet"])})
    assert concrete.materials["walls"].family == "cast_concrete"      # walls cast against forms
    assert "wet" in concrete.materials["walls"].modifiers
    assert concrete.materials["floor"].family == "polished_concrete"
    plain = _plan()
    assert plain.materials["walls"].family == "plaster"
    assert plain.materials["floor"].family == "wood_planks"


def test_scale_words_change_the_room_and_same_seed_gives_the_same_plan():
    small, huge = _plan(scale="small", seed=3), _plan(scale="huge", seed=3)
    area = lambda p: np.ptp(next(x for x in p.parts if x.name == "Floor").mesh.bounds[:, :2], axis=0).prod()
    assert area(huge) > 3 * area(small)
    again = _plan(scale="small", seed=3)
    for a, b in zip(small.parts, again.parts):
        assert np.array_equal(a.mesh.vertices, b.mesh.vertices)


def test_night_turns_the_practical_on_and_day_leaves_it_off():
    night, noon = _plan(time_of_day="night").lights, _plan(time_of_day="noon").lights
    assert night and all(light.on for light in night)
    # by day the same lamps exist, dark with their power kept, for the hour slider
    assert [(l.name, l.power_w) for l in noon] == [(l.name, l.power_w) for l in night]
    assert not any(light.on for light in noon)


def test_fog_fills_the_room_with_a_volume():
    plan = _plan(atmosphere={"fog": 0.8})
    assert plan.atmosphere.density > 0 and plan.atmosphere.bounds is not None


def test_unknown_archetype_falls_back_with_a_notice():
    plan = _plan(archetype="spaceship_bridge")
    assert plan.archetype in archetypes.available()
    assert any("spaceship_bridge" in notice for notice in plan.notices)


def test_walls_carry_a_streak_mask_under_the_window():
    plan = _plan(seed=3)
    walls = next(p for p in plan.parts if p.name == "Walls")
    mask = walls.vertex_masks["aisets_streaks"]
    assert mask.shape == (len(walls.mesh.vertices),)
    glass = next(p for p in plan.parts if p.name == "Window Glass").mesh
    under = mask > 0
    assert under.any()
    xs = walls.mesh.vertices[under][:, 0]
    assert xs.min() >= glass.bounds[0][0] - 0.1 and xs.max() <= glass.bounds[1][0] + 0.1
