"""Window light portals: one per wall of glass in an interior, facing into the room,
covering its panes; exteriors get none."""

from __future__ import annotations

import numpy as np

from ai_sets_addon.generation import archetypes
from ai_sets_addon.generation.portals import add_window_portals
from ai_sets_addon.generation.prompt import parse_prompt


def _plan(prompt: str):
    return archetypes.plan_set(parse_prompt(prompt, 1))


def test_an_interior_window_gets_one_portal_facing_the_room():
    plan = _plan("a concrete room at noon")
    assert add_window_portals(plan) == 1
    portal = next(light for light in plan.lights if light.portal)
    glass = next(p for p in plan.parts if plan.materials[p.material].family == "glass")
    lo, hi = glass.mesh.bounds
    assert portal.kind == "AREA" and portal.power_w == 0.0
    room = np.mean([c.target for c in plan.cameras], axis=0)
    assert np.dot(np.subtract(room, portal.location), portal.direction) > 0
    assert portal.size_m * portal.size_y_m >= 0.9 * np.prod(
        np.sort(hi - lo)[1:])                    # covers the pane (its two long sides)


def test_exteriors_get_no_portals():
    plan = _plan("a city street at noon")
    assert add_window_portals(plan) == 0
    assert not [light for light in plan.lights if light.portal]
