"""A place as data: the words that name it and the components it is built from.

A recipe never holds geometry or code: `base` names the builder (an archetype module,
the interior room with one of its room types, a room enclosure, or an open-air site),
`structures` and `dressing` name components and prop kinds with counts, and the
builder (`places.build`) composes them. So adding a place is adding a recipe, and a
place the words name is never a silent copy of another.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Surface = tuple[str, "str | None"]          # (material family, colour or None)

GROUPS = ("home", "public", "transport", "work", "leisure", "nature", "history", "fiction")
# How strongly a recipe's words name the place: a specific place ("gas station")
# beats a setting ("desert", "street"), which beats a part ("jazz stage").
RANKS = {"place": 3, "setting": 2, "part": 1}
BASES = ("archetype", "room", "open")
ENCLOSURES = ("room", "attic", "cabin", "hall", "vault")
SITES = ("lot", "road", "open_ground", "dunes", "snowfield", "gravel_garden", "marsh",
         "field", "shore", "cliff_sea", "courtyard", "harbour", "river", "lawn", "forest_floor")


@dataclass(frozen=True)
class Dress:
    """Props of one kind: `count` of them, or `per_100m2` of free floor, placed
    `where`: "wall" (backs to the walls), "centre" (a grid in the middle), "row"
    (a line across the set), "scatter" (anywhere free), "edge" (round the site),
    "ceiling" (hung under the ceiling), "subject" (the first, at what defines it)."""

    kind: str
    count: int = 0
    per_100m2: float = 0.0
    where: str = "scatter"


@dataclass(frozen=True)
class Recipe:
    id: str
    en: tuple[str, ...]
    fr: tuple[str, ...]
    group: str
    outdoor: bool
    archetype: str                       # whose surface roles and styles the words read
    base: str = "open"                   # "archetype" | "room" | "open"
    room_type: str | None = None         # base "archetype" on interior_room: its room type
    rank: str = "place"
    reads_as: str = ""                   # "a shop with washing machines and dryers"
    site: str = "open_ground"            # open-air: the ground it stands on
    enclosure: str = "room"              # base "room": room | attic | cabin | hall | vault
    size: tuple[float, float, float] = (8.0, 6.0, 3.0)   # width, depth, height (m)
    structures: tuple[str, ...] = ()     # component ids (parts.structures.STRUCTURES)
    dressing: tuple[Dress, ...] = ()
    lights: tuple[str, ...] = ()         # practical kinds (lit at dusk and night)
    defining: tuple[str, ...] = ()       # labels the first camera must frame
    surfaces: dict[str, Surface] = field(default_factory=dict)
    time: str | None = None              # default time of day when the words give none
    weather: str | None = None           # default cloud cover
    styles: tuple[str, ...] = ()         # styles that fit
    windows: bool = True                 # a room enclosure: a window in the south wall

    @property
    def words(self) -> tuple[str, ...]:
        return self.en + self.fr

    @property
    def label(self) -> str:
        return self.en[0] if self.en else self.id.replace("_", " ")


def room(rid: str, en, fr, group: str, size, dressing, defining, surfaces=None,
         reads_as: str = "", enclosure: str = "room", lights=("pendant",), **kw) -> Recipe:
    """An indoor place built in a room enclosure."""
    return Recipe(rid, tuple(en), tuple(fr), group, False, "interior_room", "room",
                  size=tuple(size), dressing=tuple(dressing), defining=tuple(defining),
                  surfaces=dict(surfaces or {}), reads_as=reads_as, enclosure=enclosure,
                  lights=tuple(lights), **kw)


def open_air(rid: str, en, fr, group: str, site: str, structures, dressing, defining,
             archetype: str = "street", reads_as: str = "", surfaces=None, lights=(),
             **kw) -> Recipe:
    """An open-air place: a site with structures and dressing under the sky."""
    return Recipe(rid, tuple(en), tuple(fr), group, True, archetype, "open", site=site,
                  structures=tuple(structures), dressing=tuple(dressing),
                  defining=tuple(defining), surfaces=dict(surfaces or {}),
                  reads_as=reads_as, lights=tuple(lights), **kw)


def D(kind: str, count: int = 0, where: str = "scatter", per_100m2: float = 0.0) -> Dress:
    return Dress(kind, count, per_100m2, where)
