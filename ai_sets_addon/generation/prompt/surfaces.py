"""Surface phrases ("sol en béton mouillé", "wet red brick walls"): groups of
role, material, modifier and colour words bound to the set's surface roles."""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import vocabulary as voc
from ...model.spec import SetSpec, SurfaceSpec
from .slots import key_label
from .tokens import LINK_CATS, SURFACE_CATS, Item

# Families that cover the walkable surface when the prompt names no role.
FLOOR_FAMILIES = frozenset({
    "wood_planks", "parquet", "carpet", "asphalt", "cobblestone", "paving_slabs", "sand",
    "soil", "grass", "gravel", "snow", "polished_concrete",
})
WET_MODIFIERS = frozenset({"wet", "puddles"})

# ----------------------------------------------------------------------------- surfaces

@dataclass
class Segment:
    """One surface phrase: at most one material, the roles it covers, its adjectives."""

    roles: list[str] = field(default_factory=list)
    family: str | None = None
    modifiers: list[str] = field(default_factory=list)
    colour: str | None = None
    dust: Item | None = None       # a bare "dust" noun, modifier or atmosphere
    items: list[Item] = field(default_factory=list)

    def add(self, item: Item) -> None:
        self.items.append(item)
        if item.cat == "role":
            self.roles.append(item.key)
        elif item.cat == "material":
            self.family = item.key
        elif item.cat == "modifier" and item.key not in self.modifiers:
            self.modifiers.append(item.key)
        elif item.cat == "colour" and self.colour is None:
            self.colour = item.key
        elif item.cat == "dust_noun":
            self.dust = item

    def is_bare_role(self) -> bool:
        return bool(self.roles) and not (self.family or self.modifiers or self.colour
                                         or self.dust)

    def first_head(self) -> str | None:
        return next((it.cat for it in self.items if it.cat in ("role", "material")), None)


@dataclass
class Group:
    """Surface words with only grammar words between them; `joined` when a
    conjunction or comma (not another kind of word) separates it from the previous."""

    items: list[Item] = field(default_factory=list)
    joined: bool = False


def _joins_adjectives(items: list[Item], n: int) -> bool:
    """"suie et rouille", "red and white": a conjunction between two adjectives keeps
    the surface phrase open."""
    nxt = next((it for it in items[n + 1:] if it.cat not in LINK_CATS), None)
    return nxt is not None and nxt.cat in ("modifier", "colour", "dust_noun") \
        and not nxt.negated


def _groups(items: list[Item]) -> list[Group]:
    groups: list[Group] = []
    current, joined = Group(), False
    for n, item in enumerate(items):
        if item.negated:
            continue
        if item.cat in SURFACE_CATS:
            if not current.items:
                current.joined = joined
            current.items.append(item)
            continue
        if item.cat in LINK_CATS or (item.cat == "conjunction" and current.items
                                     and _joins_adjectives(items, n)):
            continue
        if current.items:
            groups.append(current)
            current = Group()
        joined = item.cat == "conjunction" or (item.cat == "punct" and item.key == ",")
    if current.items:
        groups.append(current)
    return groups


def _carries_forward(item: Item, langs: list[str]) -> bool:
    """English adjectives precede their noun, French ones follow it."""
    return item.lang == "en" or (item.lang == "both" and "fr" not in langs)


def _segments(group: Group, langs: list[str]) -> list[Segment]:
    """Split "concrete floor with wet brick walls" into one segment per surface."""
    runs: list[list[Item]] = [[]]
    for item in group.items:
        run = runs[-1]
        if item.cat in ("role", "material") and any(x.cat == item.cat for x in run):
            last_head = max(n for n, x in enumerate(run) if x.cat in ("role", "material"))
            tail = run[last_head + 1:]
            cut = len(tail)
            while cut and _carries_forward(tail[cut - 1], langs):
                cut -= 1
            runs[-1] = run[:last_head + 1] + tail[:cut]
            runs.append(tail[cut:])
        runs[-1].append(item)
    segments = []
    for run in runs:
        segment = Segment()
        for item in run:
            segment.add(item)
        segments.append(segment)
    return segments


def _share_roles(groups: list[list[Segment]], joined: list[bool]) -> None:
    """"murs, sol et plafond en béton": bare roles joined by "and"/"," take the
    material of the role phrase that follows them."""
    for n in range(len(groups) - 2, -1, -1):
        if not joined[n + 1] or not groups[n] or not groups[n + 1]:
            continue
        last, nxt = groups[n][-1], groups[n + 1][0]
        if last.is_bare_role() and nxt.first_head() == "role" and nxt.family:
            nxt.roles[:0] = last.roles
            groups[n][-1] = nxt     # the same object: chains "a, b and c in X"


@dataclass
class SurfaceResult:
    surfaces: dict[str, SurfaceSpec] = field(default_factory=dict)
    modifiers: list[str] = field(default_factory=list)
    dust_in_air: list[Item] = field(default_factory=list)


def walkable_role(archetype: str) -> str:
    return "ground" if archetype in voc.EXTERIOR_ARCHETYPES else "floor"


def _role_for(role: str | None, family: str | None, archetype: str) -> str:
    if role in ("floor", "ground") or (role is None and family in FLOOR_FAMILIES):
        return walkable_role(archetype)
    return role or "walls"


def _merge(result: SurfaceResult, role: str, seg: Segment, notices: list[str]) -> None:
    surface = result.surfaces.setdefault(role, SurfaceSpec(role=role))
    if seg.family and surface.family and seg.family != surface.family:
        notices.append(f"{role}: kept {key_label(surface.family)}, also asked for "
                       f"{key_label(seg.family)}")
        return      # its adjectives describe the material that was not kept
    surface.family = surface.family or seg.family
    surface.colour = surface.colour or seg.colour
    mods = seg.modifiers + (["dust"] if seg.dust else [])
    surface.modifiers.extend(m for m in mods if m not in surface.modifiers)


def read_surfaces(items: list[Item], archetype: str, langs: list[str],
              notices: list[str]) -> SurfaceResult:
    result = SurfaceResult()
    groups = _groups(items)
    segmented = [_segments(g, langs) for g in groups]
    _share_roles(segmented, [g.joined for g in groups])
    unique = {id(s): s for segs in segmented for s in segs}
    for seg in unique.values():
        if seg.roles or seg.family:
            for role in seg.roles or [None]:
                _merge(result, _role_for(role, seg.family, archetype), seg, notices)
            continue
        result.modifiers.extend(m for m in seg.modifiers if m not in result.modifiers)
        if seg.dust:
            result.dust_in_air.append(seg.dust)
    result.surfaces = {r: s for r, s in result.surfaces.items()
                       if s.family or s.modifiers or s.colour}
    return result
