"""Set archetypes: one module per kind of place, each `plan(spec) -> SetPlan`.

Adding an archetype is adding a module here with its words (`WORDS`, read by the
prompt parser) and its `plan`; nothing else in the code changes. A place without its
own module falls back to the nearest one that exists, and the plan says so.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from ...model.plan import SetPlan
from ...model.spec import SetSpec
from ..vocabulary import ARCHETYPES

# archetype key -> module name: every module that declares its place `WORDS`.
_MODULES: dict[str, str] = {key: key for key in ARCHETYPES}

# Where a missing archetype falls back to, nearest in look and scale first.
_FALLBACKS: dict[str, tuple[str, ...]] = {
    "warehouse": ("interior_room",), "corridor": ("interior_room",),
    "platform": ("corridor", "interior_room"), "street": ("alley", "interior_room"),
    "alley": ("street", "interior_room"), "rooftop": ("street", "interior_room"),
    "desert": ("beach", "canyon", "interior_room"), "canyon": ("desert", "interior_room"),
    "forest": ("canyon", "interior_room"), "beach": ("desert", "interior_room"),
    "cyclorama": ("interior_room",),
}

Planner = Callable[[SetSpec], SetPlan]


def available() -> tuple[str, ...]:
    return tuple(_MODULES)


def planner_for(archetype: str) -> tuple[str, Planner, str | None]:
    """(archetype used, its plan function, notice or None when it had to fall back)."""
    chosen = archetype if archetype in _MODULES else next(
        (alt for alt in _FALLBACKS.get(archetype, ()) if alt in _MODULES), "interior_room")
    module = importlib.import_module(f".{_MODULES[chosen]}", __name__)
    notice = None
    if chosen != archetype:
        notice = (f"no '{archetype}' set type yet; built the nearest one, "
                  f"'{chosen}', instead")
    return chosen, module.plan, notice


def plan_set(spec: SetSpec) -> SetPlan:
    """The place recipe's composition when the words named one that is not an
    archetype of its own, else the archetype."""
    from ..places import recipe
    place = recipe(spec.recipe)
    if place is not None and place.base != "archetype":
        from ..places.build import plan_place
        result = plan_place(spec, place)
        return result
    chosen, plan, notice = planner_for(spec.archetype)
    result = plan(spec)
    if chosen != "interior_room":          # the room places named props itself
        from ..places.build import add_named
        add_named(result, spec)
    if notice:
        result.notices.insert(0, notice)
    if not spec.archetype_explicit and chosen == "interior_room":
        result.notices.append(f"no place named in the prompt: built the default set, "
                              f"{chosen.replace('_', ' ')}; name a place (street, forest, "
                              f"entrepôt...) to choose another")
    return result
