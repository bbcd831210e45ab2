"""One value per slot: the place (archetype, room type), the time of day, the sky
and weather words, the atmosphere's density; contradictions and words left over
become notices."""

from __future__ import annotations

from .. import vocabulary as voc
from .tokens import Item

# ----------------------------------------------------------------------------- archetype

def archetype_of(items: list[Item], notices: list[str]) -> tuple[str, bool]:
    """The first named place; a room type ("kitchen") names its archetype; a place we
    do not build maps to the nearest archetype."""
    live = [it for it in items if not it.negated]
    strong = [it for it in live if it.cat == "archetype"]
    rooms = [it for it in live if it.cat == "room"]
    near = [it for it in live if it.cat == "near"]
    hints = [it for it in live if it.cat == "hint"]
    chosen = (strong or rooms or near or hints or [None])[0]
    if chosen is None:
        return voc.DEFAULT_ARCHETYPE, False
    key = voc.room_archetype(chosen.key) if chosen.cat == "room" else chosen.key
    if chosen.cat == "near":
        notices.append(f"'{chosen.text}' is not a set type yet: built the nearest one, "
                       f"{key_label(key)}")
    # "couloir d'hôpital": a room or near place next to a set type only qualifies it.
    rivals = strong or rooms or near
    named = list(dict.fromkeys(voc.room_archetype(it.key) if it.cat == "room" else it.key
                               for it in rivals))
    if len(named) > 1:
        words = ", ".join(dict.fromkeys(it.text for it in rivals))
        notices.append(f"the prompt names several places ({words}): built "
                       f"{key_label(key)} from '{chosen.text}'; remove the others "
                       f"to choose another")
    return key, True


def room_type_of(items: list[Item], archetype: str, notices: list[str]) -> str | None:
    """The first room type the built archetype has (a "hospital corridor" is a corridor)."""
    rooms = [it.key for it in items if it.cat == "room" and not it.negated
             and voc.room_archetype(it.key) == archetype]
    return first_of(list(dict.fromkeys(rooms)), "room types", notices)


def first_of(keys: list[str], label: str, notices: list[str]) -> str | None:
    if len(keys) > 1:
        notices.append(f"several {label} ({', '.join(key_label(k) for k in keys)}): "
                       f"used {key_label(keys[0])}")
    return keys[0] if keys else None


def key_label(key: str) -> str:
    return key.replace("_", " ")

# ----------------------------------------------------------------------------- slots

def first(items: list[Item], cat: str, label: str, notices: list[str]) -> str | None:
    """The first value of a one-value slot; a different later one is a notice."""
    keys = list(dict.fromkeys(it.key for it in items if it.cat == cat and not it.negated))
    if len(keys) > 1:
        notices.append(f"several {label} ({', '.join(key_label(k) for k in keys)}): "
                       f"used {key_label(keys[0])}")
    return keys[0] if keys else None


def every(items: list[Item], cat: str) -> list[str]:
    return list(dict.fromkeys(it.key for it in items if it.cat == cat and not it.negated))


def _density_near(items: list[Item], mention: Item) -> float | None:
    """A density word in the same phrase or next to it, with only grammar words
    between: "light fog", "brouillard très épais", "sandstorm"."""
    index = next(n for n, it in enumerate(items) if it is mention)
    for step in (-1, 1):
        n = index + step
        while 0 <= n < len(items):
            other = items[n]
            gap = mention.start - other.end if step < 0 else other.start - mention.end
            same = other.start == mention.start
            if not same and gap > 2:
                break
            if other.cat == "density":
                return voc.ATMOSPHERE_DENSITIES[other.key]
            if not (same or other.cat in ("stop", "filler")):
                break
            n += step
    return None


def atmosphere_of(items: list[Item], dust_in_air: list[Item]) -> dict[str, float]:
    mentions = [it for it in items if it.cat == "atmosphere" and not it.negated]
    mentions = sorted(mentions + dust_in_air, key=lambda it: it.start)
    result: dict[str, float] = {}
    for mention in mentions:
        if mention.key not in result:
            density = _density_near(items, mention)
            result[mention.key] = voc.ATMOSPHERE_DENSITIES["medium"] if density is None \
                else density
    return result


def cloudless(items: list[Item]) -> str | None:
    """"clear" for a negated cloud noun ("not a cloud", "without a cloud", "sans un
    nuage", "pas un nuage"): no clouds is a cloud cover, not a missing one (the default
    would put a few clouds back)."""
    said_none = any(it.cat == "cloud" and it.negated and it.key == "scattered" for it in items)
    return "clear" if said_none else None


def cloud_for_precipitation(cloud: str | None, precipitation: str) -> str | None:
    """Rain and snow fall from at least a broken sky, unless the prompt said otherwise."""
    if cloud is not None or precipitation == "none":
        return cloud
    return "broken"


def unknown_words_of(items: list[Item], understood: set[int], notices: list[str]) -> list[str]:
    """Words no table knows and no qualifier used, once each, in prompt order."""
    words = list(dict.fromkeys(it.text for it in items
                               if it.cat == "unknown" and it.start not in understood))
    if words:
        notices.append(f"not understood: {', '.join(words)}; they were kept in the spec")
    return words
