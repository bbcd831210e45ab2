"""Architectural styles and eras as data: what a set designer means by "Haussmann",
"provençal", "Tokyo backstreet" or "années 70".

A style says, per surface, which material family and colour to use when the prompt
names none, how its buildings are proportioned (storeys, storey height, windows,
shutters, balconies), which neon colours and sign words it lights, and which props it
brings. Eras name a time; when no style is named, an era picks its typical style.
Pure data (no numpy): the prompt parser reads the words here, the archetypes read
the rest through `SetSpec.style` / `SetSpec.era`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Words = dict[str, tuple[str, ...]]
Surface = tuple[str, "str | None"]      # (material family, colour word or None)


@dataclass(frozen=True)
class Facade:
    """How a style's buildings are proportioned (streets, alleys, rooftops)."""

    storeys: tuple[int, int] = (4, 7)          # min, max (ground floor included)
    storey_h: float = 3.1                      # upper storeys, floor to floor (m)
    ground_h: float = 4.2
    window: tuple[float, float] = (1.3, 1.9)   # width, height (m)
    shutters: str | None = None                # shutter colour word, None: no shutters
    balconies: bool = False                    # wrought-iron balconies on upper floors
    shops: bool = True                         # shopfronts on the ground floor


@dataclass(frozen=True)
class StreetSection:
    """A street's cross-section (m): a Provençal lane is a 3-5 m gap between houses,
    a Haussmann boulevard a wide road between broad pavements."""

    road: float = 7.5                  # kerb to kerb
    sidewalk: float = 3.2              # kerb to facade, each side
    markings: bool = True              # lane lines and a zebra (not in a village lane)

    @property
    def width(self) -> float:
        """Facade to facade."""
        return self.road + 2 * self.sidewalk


@dataclass(frozen=True)
class Style:
    key: str
    label: str
    words: Words
    surfaces: dict[str, Surface] = field(default_factory=dict)   # role or material key
    facade: Facade = Facade()
    street: StreetSection = StreetSection()
    neon: tuple[str, ...] = ()            # neon colours when the prompt names none
    signs: tuple[str, ...] = ()           # sign words (blade signs, shopfronts)
    props: tuple[str, ...] = ()           # prop kinds the style brings
    sign_shape: str = "word"              # "word" (neon letters) or "vertical" (tategaki)
    details: tuple[str, ...] = ()         # room details: "cornice", "fireplace",
                                          # "panelling", "pointed_vault" (Gothic nave)
    lamp: str = "led"                     # its public lights: "gas", "tungsten",
                                          # "fluorescent" or "led" (see LAMPS)
    interior: bool = True                 # meaningful indoors
    ceiling_h: float | None = None        # a room's height (m) when the words give no scale
    exterior: bool = True                 # meaningful outdoors


STYLES: dict[str, Style] = {s.key: s for s in (
    Style("haussmann", "Haussmann Paris",
          {"en": ("haussmann", "haussmannian", "parisian", "paris"),
           "fr": ("haussmann", "haussmannien", "haussmannienne", "parisien", "parisienne",
                  "paris")},
          {"walls": ("plaster", "cream"), "facade_a": ("rock", "cream"),
           "facade_b": ("plaster", "cream"), "floor": ("parquet", None),
           "ceiling": ("plaster", "white"), "trim": ("paint", "white"),
           "door": ("paint", "navy"), "ground": ("cobblestone", None),
           "upholstery": ("fabric", "burgundy"),
           "platform_walls": ("subway_tiles", "white")},
          Facade((6, 7), 3.0, 4.6, (1.2, 2.3), None, True, True),
          signs=("CAFE", "BOULANGERIE", "TABAC", "HOTEL"), ceiling_h=3.3,
          street=StreetSection(12.0, 5.0), lamp="gas",
          details=("cornice", "fireplace", "panelling")),
    Style("provencal", "Provençal village",
          {"en": ("provencal", "provence", "french village", "southern france"),
           "fr": ("provençal", "provençale", "provence", "village provençal",
                  "sud de la france")},
          {"walls": ("plaster", "ochre"), "facade_a": ("plaster", "ochre"),
           "facade_b": ("rock", "beige"), "floor": ("ceramic_tiles", "orange"),
           "ground": ("cobblestone", None), "trim": ("paint", "cream"),
           "door": ("paint", "teal")},
          Facade((2, 3), 2.9, 3.4, (0.9, 1.5), "teal", False, False),
          signs=("CAFE", "BOULANGERIE"), props=("plant",),
          street=StreetSection(3.0, 0.7, False), lamp="gas"),
    Style("tokyo", "Tokyo backstreet",
          {"en": ("tokyo", "japanese", "japan", "shinjuku", "shibuya", "osaka"),
           "fr": ("tokyo", "japonais", "japonaise", "japon", "tokyoïte")},
          {"facade_a": ("plaster", "grey"), "facade_b": ("ceramic_tiles", "white"),
           "walls": ("plaster", "beige"), "ground": ("asphalt", None),
           "door": ("paint", "grey"), "platform_walls": ("ceramic_tiles", "white"),
           "platform_floor": ("ceramic_tiles", "grey")},
          Facade((3, 5), 2.9, 3.6, (1.5, 1.3), None, False, True),
          neon=("pink", "cyan", "red"), signs=("RAMEN", "BAR", "IZAKAYA", "KARAOKE"),
          props=("vending_machine", "cables"), sign_shape="vertical", lamp="fluorescent",
          street=StreetSection(4.4, 0.8, False)),
    Style("brownstone", "New York brownstone",
          {"en": ("brownstone", "new york", "brooklyn", "manhattan", "nyc"),
           "fr": ("new york", "new-yorkais", "new-yorkaise", "brooklyn", "manhattan")},
          {"facade_a": ("rock", "brown"), "facade_b": ("brick", "red"),
           "walls": ("brick", "red"), "floor": ("wood_planks", None),
           "door": ("paint", "black")},
          Facade((4, 5), 3.2, 3.8, (1.1, 2.1), None, False, False),
          props=("fire_escape",), street=StreetSection(9.0, 3.8),
          lamp="tungsten"),
    Style("victorian", "Victorian London",
          {"en": ("victorian", "london", "londoner", "dickensian", "english"),
           "fr": ("victorien", "victorienne", "londres", "londonien", "londonienne",
                  "anglais", "anglaise")},
          {"facade_a": ("brick", None), "facade_b": ("brick", "brown"),
           "walls": ("painted_wall", "green"), "floor": ("wood_planks", None),
           "ground": ("cobblestone", None), "door": ("paint", "black"),
           "trim": ("paint", "white"), "platform_walls": ("subway_tiles", "cream"),
           "platform_floor": ("wood_planks", None)},
          Facade((3, 4), 3.2, 4.0, (1.0, 2.0)), signs=("PUB", "INN", "TAILOR"), ceiling_h=3.1,
          street=StreetSection(6.5, 2.2), lamp="gas", details=("cornice", "fireplace")),
    Style("medina", "Mediterranean / Moroccan medina",
          {"en": ("moroccan", "morocco", "medina", "marrakech", "marrakesh", "mediterranean",
                  "greek", "arabic"),
           "fr": ("marocain", "marocaine", "maroc", "médina", "marrakech",
                  "méditerranéen", "méditerranéenne", "grec", "grecque", "arabe")},
          {"walls": ("plaster", "ochre"), "facade_a": ("plaster", "ochre"),
           "facade_b": ("plaster", "white"), "floor": ("ceramic_tiles", "teal"),
           "ground": ("paving_slabs", "beige"), "door": ("paint", "blue")},
          Facade((2, 3), 3.0, 3.2, (0.7, 1.1), None, False, False), props=("plant",),
          street=StreetSection(2.6, 0.6, False), lamp="tungsten"),
    Style("scandinavian", "Scandinavian modern",
          {"en": ("scandinavian", "nordic", "scandi", "swedish", "danish", "hygge"),
           "fr": ("scandinave", "nordique", "suédois", "suédoise", "danois", "danoise")},
          {"walls": ("painted_wall", "white"), "floor": ("wood_planks", "beige"),
           "ceiling": ("plaster", "white"), "furniture": ("wood_planks", "beige"),
           "upholstery": ("fabric", "grey"),
           "facade_a": ("wood_planks", "red"), "facade_b": ("plaster", "white")},
          Facade((2, 4), 3.0, 3.4, (1.4, 1.8)), props=("plant",),
          street=StreetSection(6.5, 2.8)),
    Style("brutalist", "Brutalist concrete",
          {"en": ("brutalist", "brutalism", "soviet", "modernist concrete"),
           "fr": ("brutaliste", "brutalisme", "soviétique")},
          {"walls": ("board_formed_concrete", None), "floor": ("concrete", None),
           "ceiling": ("board_formed_concrete", None),
           "facade_a": ("board_formed_concrete", None), "facade_b": ("concrete", None)},
          Facade((8, 12), 3.0, 4.0, (1.8, 1.4), None, False, False),
          street=StreetSection(14.0, 5.0), lamp="fluorescent"),
    Style("art_deco", "Art Deco",
          {"en": ("art deco", "deco", "gatsby", "roaring twenties", "1920s", "twenties"),
           "fr": ("art déco", "déco", "années 20", "années folles", "années vingt")},
          {"walls": ("painted_wall", "cream"), "floor": ("marble", "black"),
           "ceiling": ("plaster", "gold"), "trim": ("paint", "gold"),
           "facade_a": ("plaster", "cream"), "facade_b": ("marble", "white"),
           "furniture": ("wood_planks", "brown"), "upholstery": ("fabric", "navy"),
           "platform_walls": ("marble", "cream"), "platform_floor": ("marble", "white")},
          Facade((6, 9), 3.3, 5.0, (1.2, 2.4)), neon=("amber", "gold"), ceiling_h=3.4,
          street=StreetSection(10.0, 4.0), lamp="tungsten", details=("cornice",)),
    Style("diner", "1950s American diner",
          {"en": ("diner", "1950s", "fifties", "rockabilly", "americana", "retro diner"),
           "fr": ("diner", "années 50", "années cinquante", "rockabilly")},
          {"walls": ("ceramic_tiles", "white"), "floor": ("ceramic_tiles", "black"),
           "furniture": ("brushed_metal", None), "ceiling": ("plaster", "white")},
          neon=("red", "cyan"), signs=("DINER", "EAT", "OPEN"), exterior=False,
          lamp="tungsten"),
    Style("seventies", "1970s interior",
          {"en": ("1970s", "seventies", "70s", "retro", "disco", "mid-century"),
           "fr": ("années 70", "années 1970", "années soixante-dix", "seventies", "rétro",
                  "vintage 70")},
          {"walls": ("wood_planks", "brown"), "floor": ("carpet", "orange"),
           "furniture": ("wood_planks", "brown"), "upholstery": ("fabric", "orange"),
           "ceiling": ("plaster", "cream"), "rug": ("carpet", "brown"),
           "platform_walls": ("ceramic_tiles", "orange"),
           "platform_floor": ("ceramic_tiles", "brown")},
          props=("plant",), exterior=False, lamp="fluorescent"),
    Style("medieval", "Medieval stone",
          {"en": ("medieval", "middle ages", "castle", "gothic", "romanesque", "dungeon"),
           "fr": ("médiéval", "médiévale", "moyen âge", "moyen-âge", "château fort",
                  "gothique", "roman", "romane", "donjon")},
          {"walls": ("rock", None), "floor": ("paving_slabs", "grey"),
           "ceiling": ("wood_planks", "brown"), "facade_a": ("rock", None),
           "facade_b": ("plaster", "beige"), "ground": ("cobblestone", None),
           "door": ("wood_planks", None)},
          Facade((2, 3), 2.8, 3.2, (0.6, 1.0), None, False, False), ceiling_h=3.6,
          street=StreetSection(3.2, 0.6, False), lamp="gas", details=("pointed_vault",)),
    Style("minimal", "Contemporary minimal",
          {"en": ("minimalist", "contemporary", "modern", "minimal design", "white cube"),
           "fr": ("minimaliste", "contemporain", "contemporaine", "moderne", "épuré")},
          {"walls": ("painted_wall", "white"), "floor": ("polished_concrete", None),
           "ceiling": ("plaster", "white"), "furniture": ("painted_wall", "white"),
           "upholstery": ("fabric", "white"),
           "facade_a": ("concrete", None), "facade_b": ("brushed_metal", None)},
          Facade((5, 9), 3.3, 4.5, (2.4, 2.6)), street=StreetSection(10.0, 4.5)),
    Style("scifi", "Sci-fi",
          {"en": ("sci-fi", "scifi", "science fiction", "spaceship", "space station",
                  "starship", "spacecraft"),
           "fr": ("science-fiction", "vaisseau spatial", "vaisseau", "station spatiale")},
          {"walls": ("brushed_metal", None), "floor": ("brushed_metal", "grey"),
           "ceiling": ("brushed_metal", "grey"), "furniture": ("brushed_metal", None)},
          neon=("cyan", "white"), exterior=False, ceiling_h=2.5),
)}


@dataclass(frozen=True)
class Era:
    key: str
    words: Words
    style: str | None = None     # the style an era means when no style is named


# Lamp kind -> (prop that carries it, linear RGB): a gas mantle burns at ~2000 K, a
# tungsten globe ~2800 K, a 1970s tube cool and green, an LED strip a clean 5600 K.
LAMPS: dict[str, tuple[str, tuple[float, float, float]]] = {
    "gas": ("lantern", (1.0, 0.55, 0.24)),
    "tungsten": ("lantern", (1.0, 0.66, 0.38)),
    "fluorescent": ("tube", (0.86, 0.95, 1.0)),
    "led": ("tube", (1.0, 0.97, 0.94)),
}


ERAS: dict[str, Era] = {e.key: e for e in (
    Era("medieval", {"en": ("middle ages", "medieval times"), "fr": ("moyen âge",)},
        "medieval"),
    Era("19th_century", {"en": ("19th century", "nineteenth century", "1800s"),
                         "fr": ("xixe siècle", "19e siècle", "dix-neuvième siècle")},
        "victorian"),
    Era("1920s", {"en": ("1920s", "twenties", "roaring twenties"),
                  "fr": ("années 20", "années vingt", "années folles")}, "art_deco"),
    Era("1950s", {"en": ("1950s", "fifties"), "fr": ("années 50", "années cinquante")},
        "diner"),
    Era("1970s", {"en": ("1970s", "seventies", "70s"),
                  "fr": ("années 70", "années 1970", "années soixante-dix")}, "seventies"),
    Era("contemporary", {"en": ("contemporary", "present day", "today"),
                         "fr": ("contemporain", "contemporaine", "aujourd'hui")}, None),
    Era("future", {"en": ("future", "futuristic", "far future"),
                   "fr": ("futur", "futuriste")}, "scifi"),
)}


def style_words() -> dict[str, Words]:
    return {key: style.words for key, style in STYLES.items()}


def era_words() -> dict[str, Words]:
    return {key: era.words for key, era in ERAS.items()}


def style_of(key: str | None) -> Style | None:
    return STYLES.get(key) if key else None
