"""SetSpec: what the user asked for, as typed, JSON-serialisable data.

The prompt parser fills it; every later stage reads only this, never the raw text
(`prompt` is kept for the record), so a spec saved in a set folder rebuilds the same
set, and every word a stage reacts to is a typed field here.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ..core import limits

SURFACE_ROLES = ("floor", "walls", "ceiling", "ground", "props")

TIMES_OF_DAY = limits.TIMES_OF_DAY.values
CLOUD_COVERS = ("clear", "few", "scattered", "broken", "overcast", "stormy")
PRECIPITATIONS = ("none", "rain", "snow")
ATMOSPHERES = ("fog", "haze", "dust", "smoke")
SCALES = ("tiny", "small", "medium", "large", "huge")


@dataclass
class SurfaceSpec:
    """The material asked for one surface role (floor, walls...)."""

    role: str
    family: str | None = None          # material family key, e.g. "concrete"
    modifiers: list[str] = field(default_factory=list)  # "wet", "old", "polished"...
    colour: str | None = None          # colour word key, e.g. "red"


@dataclass
class SetSpec:
    """Everything the prompt said, normalised to vocabulary keys (English ids)."""

    prompt: str
    seed: int = 0
    archetype: str = "interior_room"
    archetype_explicit: bool = False   # False when no place word was found
    surfaces: dict[str, SurfaceSpec] = field(default_factory=dict)
    modifiers: list[str] = field(default_factory=list)  # global: apply to every surface
    time_of_day: str = "afternoon"
    cloud_cover: str = "few"
    precipitation: str = "none"
    wet: bool = False
    atmosphere: dict[str, float] = field(default_factory=dict)  # fog/haze/dust/smoke 0..1
    moods: list[str] = field(default_factory=list)
    colours: list[str] = field(default_factory=list)
    scale: str = "medium"
    # What the layout reacts to, read from qualifier words (vocabulary.PROP_WORDS...):
    props: dict[str, int] = field(default_factory=dict)  # prop kind -> count (0: unsaid)
    excluded_props: list[str] = field(default_factory=list)   # "no crates", "sans palmiers"
    quantity: float = 1.0              # prop count multiplier: "lots of" 1.8, "empty" 0.35
    camera: str = "eye"                # "eye", "low", "high" or "aerial"
    features: list[str] = field(default_factory=list)   # archetype features: "tropical"...
    room_type: str | None = None       # "kitchen", "church"... (archetype room_types)
    recipe: str | None = None          # the place recipe built (places.RECIPES key):
                                       # "gas_station", "swamp", "kitchen"...
    setting: str | None = None         # a setting named beside it ("a gas station on a
                                       # desert highway": "desert"), its surroundings
    style: str | None = None           # styles.STYLES key: "haussmann", "tokyo"...
    era: str | None = None             # styles.ERAS key: "1970s", "medieval"...
    # A real city named in the prompt: name, country, latitude, longitude, timezone
    # (the sun then stands where it really does there; see sky/local_time.py).
    place: dict[str, Any] | None = None
    languages: list[str] = field(default_factory=list)  # "en", "fr"
    unknown_words: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    def surface(self, role: str) -> SurfaceSpec:
        """The spec for a role, empty if the prompt said nothing about it."""
        return self.surfaces.get(role) or SurfaceSpec(role=role)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SetSpec:
        data = dict(data)
        data["surfaces"] = {k: SurfaceSpec(**v) for k, v in data.get("surfaces", {}).items()}
        return cls(**data)
