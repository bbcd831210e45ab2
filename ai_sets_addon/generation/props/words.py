"""Prop, quantity and camera words (EN/FR) read from the prompt text itself.

The prompt parser keeps prop nouns only as a surface role, so the archetypes look the
words up here: "des caisses et des tonneaux" adds crates and barrels, "lots of" adds
more, "empty" strips the set down, "contre-plongée" lowers the cameras.
"""

from __future__ import annotations

from functools import lru_cache

from ..prompt import tokenize

PROP_WORDS: dict[str, tuple[str, ...]] = {
    "crate": ("crate", "crates", "box", "boxes", "wooden box", "cardboard box", "cartons",
              "caisse", "caisses", "carton", "boite", "boites", "caisse en bois"),
    "barrel": ("barrel", "barrels", "drum", "drums", "oil drum", "oil drums", "keg",
               "tonneau", "tonneaux", "baril", "barils", "fut", "futs", "bidon", "bidons"),
    "pallet": ("pallet", "pallets", "palette", "palettes"),
    "pillar": ("pillar", "pillars", "column", "columns", "pilier", "piliers", "colonne",
               "colonnes"),
    "beam": ("beam", "beams", "girder", "girders", "rafters", "truss", "trusses", "poutre",
             "poutres", "poutrelle", "poutrelles", "charpente"),
    "shelf": ("shelf", "shelves", "shelving", "rack", "racks", "racking", "etagere",
              "etageres", "rayonnage", "rayonnages"),
    "lamp_post": ("lamp post", "lamp posts", "lamppost", "lampposts", "street lamp",
                  "street lamps", "street light", "street lights", "streetlight",
                  "streetlights", "lampadaire", "lampadaires", "reverbere", "reverberes"),
    "bench": ("bench", "benches", "banc", "bancs", "banquette"),
    "rock": ("rock", "rocks", "boulder", "boulders", "stones", "rocher", "rochers", "roche",
             "roches", "pierres", "blocs"),
    "tree": ("tree", "trees", "arbre", "arbres"),
    "broadleaf": ("oak", "oaks", "birch", "beech", "maple", "broadleaf", "deciduous", "chene",
                  "chenes", "bouleau", "bouleaux", "hetre", "hetres", "erable", "feuillus"),
    "conifer": ("pine", "pines", "fir", "firs", "spruce", "conifer", "conifers", "pine forest",
                "pin", "pins", "sapin", "sapins", "epicea", "coniferes", "resineux"),
    "palm": ("palm", "palms", "palm tree", "palm trees", "palmier", "palmiers", "cocotier",
             "cocotiers"),
    "bush": ("bush", "bushes", "shrub", "shrubs", "hedge", "hedges", "undergrowth",
             "buisson", "buissons", "arbuste", "arbustes", "haie", "haies", "broussailles"),
    "cactus": ("cactus", "cacti", "cactuses", "saguaro"),
    "dumpster": ("dumpster", "dumpsters", "skip", "trash", "garbage", "rubbish", "bins",
                 "trash cans", "poubelle", "poubelles", "benne", "bennes", "ordures",
                 "detritus", "dechets"),
    "neon": ("neon", "neons", "neon sign", "neon signs", "neon lights", "neon-lit",
             "enseigne", "enseignes", "enseigne lumineuse", "enseignes lumineuses"),
    "log": ("log", "logs", "fallen tree", "fallen trees", "driftwood", "tronc", "troncs",
            "bois flotte", "arbre mort"),
    "parasol": ("parasol", "parasols", "beach umbrella", "beach umbrellas", "umbrella",
                "umbrellas"),
    "lifeguard_tower": ("lifeguard", "lifeguard tower", "lifeguard hut", "poste de secours",
                        "maitre nageur", "cabane"),
    "water_tank": ("water tank", "water tanks", "water tower", "reservoir", "reservoirs",
                   "chateau d eau", "chateaux d eau"),
    "pipe": ("pipe", "pipes", "pipework", "ducts", "ductwork", "tuyau", "tuyaux",
             "tuyauterie", "canalisations", "gaines"),
    "fire_escape": ("fire escape", "fire escapes", "escalier de secours",
                    "escaliers de secours"),
    "softbox": ("softbox", "softboxes", "light stand", "light stands", "c-stand", "boite a lumiere",
                "projecteur", "projecteurs", "spotlight", "spotlights"),
    "chair": ("armchair", "chair", "chairs", "fauteuil", "chaise", "chaises"),
    "plant": ("plant", "plants", "potted plant", "plante", "plantes", "plante verte"),
    "car": ("car", "cars", "voiture", "voitures"),
}

# "dense"/"thick" are left out: they mostly qualify fog ("thick fog"); the forest reads
# "dense forest" / "forêt dense" itself.
MORE_WORDS = ("many", "lots", "lot of", "cluttered", "crowded", "packed", "full of", "stacks",
              "piles", "messy", "lush", "overgrown", "beaucoup", "plein de", "pleine de",
              "encombre", "encombree", "entasse", "entassees", "touffu", "touffue",
              "luxuriant", "luxuriante", "amas", "des tas", "bric a brac")
FEWER_WORDS = ("empty", "bare", "sparse", "minimal", "minimalist", "deserted",
               "vide", "nu", "nue", "depouille", "depouillee", "epure", "epuree",
               "deserte", "clairseme", "clairsemee")

CAMERA_WORDS: dict[str, tuple[str, ...]] = {
    "low": ("low angle", "low-angle", "worm's eye", "worms eye", "ground level", "from below",
            "contre plongee", "contre-plongee", "ras du sol", "au ras du sol", "vue basse"),
    "high": ("high angle", "high-angle", "from above", "overhead", "plongee", "vue plongeante",
             "en plongee", "vue d en haut"),
    "aerial": ("aerial", "aerial view", "aerial shot", "drone", "drone shot", "bird's eye",
               "birds eye", "bird eye", "vue aerienne", "vue du ciel", "plan aerien",
               "vue d oiseau", "a vol d oiseau"),
}


@lru_cache(maxsize=64)
def _tokens(prompt: str) -> tuple[str, ...]:
    return tuple(t.text for t in tokenize(prompt) if not t.punct)


def _phrases(phrases: tuple[str, ...]) -> list[tuple[str, ...]]:
    return [tuple(t.text for t in tokenize(p) if not t.punct) for p in phrases]


def has_any(prompt: str, phrases: tuple[str, ...]) -> bool:
    """Whether the prompt contains one of the phrases (folded, word-aligned; a plural
    in the prompt matches a singular in the table)."""
    tokens = _tokens(prompt)
    singular = tuple(_singular(t) for t in tokens)
    for phrase in _phrases(phrases):
        n = len(phrase)
        for i in range(len(tokens) - n + 1):
            if tokens[i:i + n] == phrase or singular[i:i + n] == phrase:
                return True
    return False


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word[-1] in "sx" and not word.endswith("ss") else word


def mentioned_props(prompt: str) -> set[str]:
    """Prop kinds the prompt names, e.g. {"crate", "barrel"}."""
    return {kind for kind, phrases in PROP_WORDS.items() if has_any(prompt, phrases)}


def quantity(prompt: str) -> float:
    """A multiplier on prop counts: 1.8 for "lots of"/"encombré", 0.35 for "empty"."""
    if has_any(prompt, MORE_WORDS):
        return 1.8
    if has_any(prompt, FEWER_WORDS):
        return 0.35
    return 1.0


def camera_mode(prompt: str) -> str:
    """"eye" unless the words ask for a low, high or aerial point of view."""
    for mode in ("aerial", "low", "high"):
        if has_any(prompt, CAMERA_WORDS[mode]):
            return mode
    return "eye"


def dressing_phrases() -> dict[str, tuple[str, ...]]:
    """Every prop, quantity and camera phrase the archetypes read from the prompt, by
    key: for the prompt parser's lexicon, so these words stop being reported as
    "not understood" (they are, here)."""
    out = {f"prop:{k}": v for k, v in PROP_WORDS.items()}
    out.update({f"camera:{k}": v for k, v in CAMERA_WORDS.items()})
    out.update({"quantity:more": MORE_WORDS, "quantity:fewer": FEWER_WORDS})
    return out
