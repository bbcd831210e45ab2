"""The painter's pure-numpy camera frames exactly like the Blender camera the scene
builder makes from the same CameraPlan (sensor fit horizontal, to_track_quat)."""

from __future__ import annotations

import bpy
import numpy as np
import pytest
from bpy_extras.object_utils import world_to_camera_view
from mathutils import Vector

from ai_sets_addon.ai.paint.view_camera import ViewCamera
from ai_sets_addon.model.plan import CameraPlan
from ai_sets_addon.blender.scene.objects import camera_object

PLANS = [CameraPlan("a", (0.5, -6.5, 1.7), (0.0, 0.5, 0.8), 24.0),
         CameraPlan("b", (5.5, -3.0, 2.2), (-1.0, 2.5, 0.6), 50.0, 36.0),
         CameraPlan("c", (-3.0, 4.0, 9.0), (0.0, 0.0, 0.0), 35.0)]


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.name)
def test_projection_matches_blender(empty_scene, plan):
    width, height = 320, 180
    empty_scene.render.resolution_x, empty_scene.render.resolution_y = width, height
    empty_scene.render.resolution_percentage = 100
    obj = camera_object(plan, "test")
    empty_scene.collection.objects.link(obj)
    bpy.context.view_layer.update()
    rng = np.random.default_rng(1)
    target = np.asarray(plan.target)
    points = target + rng.normal(0.0, 1.5, (50, 3))
    ours, z = ViewCamera.from_plan(plan, width, height).project(points)
    theirs = np.array([world_to_camera_view(empty_scene, obj, Vector(p)) for p in points])
    assert np.allclose(ours[:, 0], theirs[:, 0] * width, atol=1e-3)
    assert np.allclose(ours[:, 1], (1.0 - theirs[:, 1]) * height, atol=1e-3)
    assert np.allclose(z, theirs[:, 2], atol=1e-4)
