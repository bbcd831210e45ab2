"""Scenes grouped by location: one set per location, built once whatever the time.

The location words go through the same prompt reading as `ai-sets build`
(`parse_prompt`), so every place the prompt knows (EN and FR) serves a script; the
action lines may add dressing: prop words they name ("crates", "un banc") join the
prompt. Character names are left out of it (they are not places).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field

from .screenplay import Scene, fold

ROOM_ARCHETYPES = ("interior_room",)     # a room named in an EXT. heading: its street
MAX_DRESSING = 6


@dataclass
class LocationSet:
    key: str                      # "INT|diner kitchen"
    index: int                    # 1-based, order of first appearance
    int_ext: str
    location: str                 # as the first heading wrote it
    prompt: str                   # what `ai-sets build` reads
    scenes: list[Scene] = field(default_factory=list)
    dressing: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return f"{self.index:02d}_{slugify(self.location)}"

    def fingerprint(self, seed: int, options: dict, code: str) -> str:
        """What decides the set folder: same fingerprint, same set (not rebuilt). `code`
        (project.code_stamp) changes with the add-on, so an upgrade rebuilds."""
        data = json.dumps({"prompt": self.prompt, "seed": seed, "options": options,
                           "time": self.scenes[0].time_of_day, "code": code},
                          sort_keys=True)
        return hashlib.sha256(data.encode()).hexdigest()[:16]


def slugify(text: str, limit: int = 32) -> str:
    words = re.findall(r"[a-z0-9]+", fold(text))
    return "-".join(words)[:limit].strip("-") or "location"


def location_key(scene: Scene) -> str:
    side = "INT" if scene.int_ext == "INT/EXT" else scene.int_ext
    words = " ".join(re.findall(r"\w+", fold(scene.location)))
    return f"{side}|{words}"


def group_scenes(scenes: list[Scene], cast: list[str] | None = None) -> list[LocationSet]:
    """One LocationSet per distinct location, in order of first appearance; each holds
    its scenes in script order."""
    cast = cast if cast is not None else sorted({c for s in scenes for c in s.characters})
    found: dict[str, LocationSet] = {}
    for scene in scenes:
        key = location_key(scene)
        if key not in found:
            found[key] = LocationSet(key, len(found) + 1, scene.int_ext, scene.location, "")
        found[key].scenes.append(scene)
    for loc in found.values():
        loc.prompt, loc.dressing, loc.notices = location_prompt(loc, cast)
    return list(found.values())


def location_prompt(loc: LocationSet, cast: list[str]) -> tuple[str, list[str], list[str]]:
    """(prompt, dressing words, notices) for a location."""
    from ...generation.prompt import parse_prompt

    words = loc.location.lower().replace("’", "'")
    for name in cast:
        words = re.sub(rf"(?<!\w)(?:de |d')?{re.escape(name.lower())}(?:'s)?(?!\w)", " ",
                       words)
    words = " ".join(re.sub(r"[^\w'\- ]+|(?<!\w)-(?!\w)", " ", words).split()) \
        or loc.location.lower()
    notices = []
    spec = parse_prompt(words)
    if loc.int_ext == "EXT" and spec.archetype in ROOM_ARCHETYPES:
        words += ", street"
        notices.append(f"'{loc.location}' is an exterior; its set is the street outside")
    dressing = dressing_words(" ".join(a for s in loc.scenes for a in s.action))
    prompt = words + (f", with {', '.join(dressing)}" if dressing else "")
    return prompt, dressing, notices


def dressing_words(action: str) -> list[str]:
    """Prop words the action names, as the prompt reader understands them."""
    from ...generation.prompt import parse_prompt
    from ...generation.vocabulary import PROP_WORDS

    if not action.strip():
        return []
    text = " ".join(re.sub(r"[^\w'\- ]+", " ", action).split())[:1900]
    props = parse_prompt(text).props
    words = [PROP_WORDS[k]["en"][0] for k in props if k in PROP_WORDS]
    return words[:MAX_DRESSING]
