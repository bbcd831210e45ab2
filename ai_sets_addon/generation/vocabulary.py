"""The closed sets of keys every stage agrees on (English ids), and their EN/FR words.

Keys are stable ids used in SetSpec, SetPlan and file names; the word tables map
what people type (English or French, any accents/case) onto them.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

DEFAULT_ARCHETYPE = "interior_room"   # built when no place is named

MATERIAL_FAMILIES = (
    "concrete", "cast_concrete", "polished_concrete", "board_formed_concrete", "brick", "plaster",
    "painted_wall", "wood_planks", "parquet", "ceramic_tiles", "subway_tiles", "marble",
    "asphalt", "cobblestone", "paving_slabs", "brushed_metal", "corrugated_metal",
    "rusted_metal", "sand", "soil", "grass", "rock", "gravel", "snow", "fabric", "carpet",
)

MODIFIERS = (
    "new", "clean", "worn", "old", "abandoned", "derelict", "wet", "puddles", "moss",
    "rust", "dust", "soot", "grime", "polished", "matte",
)

# Colour words -> sRGB (0..1) tints, used by materials, neon lights and palettes.
COLOURS: dict[str, tuple[float, float, float]] = {
    "white": (0.92, 0.92, 0.90), "black": (0.06, 0.06, 0.06), "grey": (0.50, 0.50, 0.50),
    "red": (0.70, 0.12, 0.10), "orange": (0.90, 0.45, 0.10), "yellow": (0.92, 0.80, 0.20),
    "green": (0.20, 0.55, 0.22), "blue": (0.15, 0.30, 0.70), "purple": (0.45, 0.20, 0.60),
    "pink": (0.92, 0.50, 0.65), "brown": (0.40, 0.26, 0.15), "beige": (0.82, 0.74, 0.60),
    "cream": (0.93, 0.88, 0.76), "teal": (0.10, 0.50, 0.50), "cyan": (0.20, 0.75, 0.85),
    "magenta": (0.85, 0.15, 0.65), "gold": (0.83, 0.66, 0.25), "ochre": (0.75, 0.55, 0.20),
}
# Extra colour keys used by the word tables below (neon, lamps and palettes need them).
COLOURS.update({
    "amber": (1.00, 0.60, 0.12), "turquoise": (0.25, 0.80, 0.75),
    "silver": (0.75, 0.75, 0.77), "navy": (0.08, 0.12, 0.35),
    "olive": (0.45, 0.45, 0.18), "burgundy": (0.45, 0.08, 0.15),
    "slate": (0.30, 0.32, 0.35),
})

MOODS = (
    "gloomy", "eerie", "cozy", "cinematic", "noir", "cyberpunk", "romantic",
    "dramatic", "serene", "warm", "cold",
)

# Density (0..1) of an atmosphere word; "light"/"thick" come from the words next to it.
ATMOSPHERE_DENSITIES = {"light": 0.25, "medium": 0.5, "thick": 0.85}

# ---------------------------------------------------------------------------------
# Word tables: key -> {"en": phrases, "fr": phrases}. Phrases are written the way
# people type them (accents, apostrophes, hyphens); the parser normalises both the
# tables and the prompt the same way (NFKD, no accents, lowercase, words only), and
# also accepts plurals (-s, -x) and, for adjectives, French feminines (-e).
# ---------------------------------------------------------------------------------
WordTable = dict[str, dict[str, tuple[str, ...]]]

# Words that only hint at inside/outside: used when no place is named, never a notice.
PLACE_HINT_WORDS: WordTable = {
    "interior_room": {"en": ("interior", "indoors", "indoor", "inside"),
                      "fr": ("intérieur", "en intérieur")},
    "street": {"en": ("exterior", "outdoors", "outdoor", "outside"),
               "fr": ("extérieur", "en extérieur", "dehors")},
}

# "floor" and "ground" both mean the walkable surface; the parser picks the one the
# archetype has (ground outdoors, floor indoors).
ROLE_WORDS: WordTable = {
    "floor": {"en": ("floor", "flooring"), "fr": ("sol", "plancher")},
    "ground": {"en": ("ground", "terrain"), "fr": ("terrain",)},
    "walls": {"en": ("wall", "walls", "facade", "facades"),
              "fr": ("mur", "murs", "paroi", "cloison", "façade")},
    "ceiling": {"en": ("ceiling", "roof"), "fr": ("plafond", "toiture", "voûte")},
    # Prop nouns bind their material to the props role ("wooden crates", "caisses en bois").
    "props": {"en": ("props", "prop", "furniture", "objects", "set dressing", "crate",
                     "box", "barrel", "pallet", "shelf", "shelves", "shelving", "pillar",
                     "column", "beam", "table", "chair", "bench", "door", "sofa", "couch",
                     "cabinet", "locker", "counter", "bookshelf"),
              "fr": ("accessoires", "mobilier", "meubles", "meuble", "objets", "caisse",
                     "carton", "tonneau", "baril", "fût", "palette", "étagère", "rayonnage",
                     "pilier", "colonne", "poutre", "table", "chaise", "banc", "porte",
                     "canapé", "armoire", "casier", "comptoir")},
}

MATERIAL_WORDS: WordTable = {
    "concrete": {
        "en": ("concrete", "cement", "raw concrete", "bare concrete", "exposed concrete",
               "cast concrete", "cinder block", "breeze block"),
        "fr": ("béton", "ciment", "béton brut", "béton coulé", "parpaing"),
    },
    "cast_concrete": {
        "en": ("cast-in-place concrete", "cast in place concrete", "architectural concrete",
               "tie-hole concrete"),
        "fr": ("béton de parement", "béton architectonique"),
    },
    "polished_concrete": {
        "en": ("polished concrete", "waxed concrete", "smooth concrete", "microcement"),
        "fr": ("béton ciré", "béton poli", "béton lisse", "microciment"),
    },
    "board_formed_concrete": {
        "en": ("board-formed concrete", "board formed concrete", "board-formed",
               "board-marked concrete", "shuttered concrete"),
        "fr": ("béton banché", "béton de coffrage", "béton brut de décoffrage",
               "béton planché"),
    },
    "brick": {
        "en": ("brick", "brickwork", "exposed brick", "bricks"),
        "fr": ("brique", "briques apparentes"),
    },
    "plaster": {
        "en": ("plaster", "stucco", "render", "rendered", "plastered", "lime plaster"),
        "fr": ("enduit", "stuc", "crépi", "plâtre", "chaux", "enduit à la chaux"),
    },
    "painted_wall": {
        "en": ("paint", "painted", "paintwork", "wallpaper"),
        "fr": ("peinture", "peint", "peinte", "papier peint"),
    },
    "wood_planks": {
        "en": ("wood", "wooden", "planks", "plank", "wood planks", "wooden planks",
               "floorboards", "boards", "timber", "panelling", "paneling"),
        "fr": ("bois", "planches", "planche", "planches de bois", "lames de bois",
               "boiserie", "lambris"),
    },
    "parquet": {
        "en": ("parquet", "hardwood", "herringbone", "parquetry"),
        "fr": ("parquet", "point de hongrie", "chevrons"),
    },
    "ceramic_tiles": {
        "en": ("tiles", "tile", "tiled", "ceramic", "ceramic tiles", "terracotta tiles"),
        "fr": ("carrelage", "carreaux", "carreau", "carrelé", "faïence", "céramique",
               "tomettes", "carrelage en céramique"),
    },
    "subway_tiles": {
        "en": ("subway tiles", "subway tile", "metro tiles", "metro tile"),
        "fr": ("carrelage métro", "carreaux métro", "carrelage de métro",
               "carreaux de métro", "carrelage biseauté"),
    },
    "marble": {"en": ("marble",), "fr": ("marbre",)},
    "asphalt": {
        "en": ("asphalt", "tarmac", "blacktop", "bitumen"),
        "fr": ("asphalte", "bitume", "goudron", "enrobé"),
    },
    "cobblestone": {
        "en": ("cobblestone", "cobblestones", "cobbles", "cobbled", "setts",
               "stone cobbles"),
        "fr": ("pavé", "pavée", "pavés", "pavées", "pavés de pierre", "pavé de pierre"),
    },
    "paving_slabs": {
        "en": ("paving slabs", "paving", "flagstones", "slabs", "stone slabs",
               "concrete slabs", "pavement", "paving stones"),
        "fr": ("dalles", "dalle", "dallage", "dalles de pierre", "dalles de béton"),
    },
    "brushed_metal": {
        "en": ("brushed metal", "brushed steel", "brushed aluminium", "brushed aluminum",
               "stainless steel", "metal", "steel", "aluminium", "aluminum"),
        "fr": ("métal brossé", "acier brossé", "aluminium brossé", "inox",
               "acier inoxydable", "métal", "acier", "aluminium"),
    },
    "corrugated_metal": {
        "en": ("corrugated metal", "corrugated iron", "corrugated steel", "metal sheeting",
               "sheet metal"),
        "fr": ("tôle ondulée", "tôle", "tôles", "bardage métallique"),
    },
    "rusted_metal": {
        "en": ("rusted metal", "rusty metal", "rusted steel", "rusty steel", "rusty iron",
               "rusted iron", "corten", "corten steel"),
        "fr": ("métal rouillé", "fer rouillé", "acier rouillé", "acier corten",
               "tôle rouillée"),
    },
    "sand": {"en": ("sand", "sandy"), "fr": ("sable", "sablonneux", "sableux")},
    "soil": {
        "en": ("soil", "dirt", "earth", "mud", "muddy", "packed earth"),
        "fr": ("terre", "boue", "boueux", "boueuse", "terre battue"),
    },
    "grass": {
        "en": ("grass", "grassy", "lawn", "turf"),
        "fr": ("herbe", "gazon", "pelouse", "herbeux", "herbeuse"),
    },
    "rock": {
        "en": ("rock", "rocks", "rocky", "stone", "stones", "boulders", "boulder", "granite",
               "sandstone", "limestone"),
        "fr": ("roche", "rocher", "rochers", "pierre", "pierres", "rocheux", "rocheuse",
               "granit", "grès", "calcaire", "pierre de taille"),
    },
    "gravel": {
        "en": ("gravel", "pebbles", "shingle", "ballast"),
        "fr": ("gravier", "graviers", "gravillons", "galets"),
    },
    "snow": {
        "en": ("snow", "snowy", "snow-covered", "snow covered", "frozen", "frosty", "ice"),
        "fr": ("neige", "enneigé", "enneigée", "sous la neige", "couvert de neige",
               "couverte de neige", "gelé", "gelée", "givré", "givrée"),
    },
    "fabric": {
        "en": ("fabric", "cloth", "textile", "velvet", "canvas", "drapes", "curtains"),
        "fr": ("tissu", "textile", "velours", "toile", "tentures", "rideaux"),
    },
    "carpet": {
        "en": ("carpet", "carpeted", "rug", "rugs"),
        "fr": ("moquette", "tapis", "moquetté"),
    },
}

MODIFIER_WORDS: WordTable = {
    "new": {"en": ("new", "brand new", "pristine"), "fr": ("neuf", "neuve", "flambant neuf")},
    "clean": {"en": ("clean", "spotless", "tidy"), "fr": ("propre", "impeccable", "net")},
    "worn": {"en": ("worn", "weathered", "worn-out", "scuffed", "faded"),
             "fr": ("usé", "usée", "patiné", "défraîchi", "fatigué", "délavé")},
    "old": {"en": ("old", "aged", "ancient", "vintage", "antique"),
            "fr": ("vieux", "vieil", "vieille", "vieilles", "ancien", "ancienne", "anciens",
                   "anciennes", "vétuste", "d'époque")},
    "abandoned": {"en": ("abandoned", "disused", "forgotten", "post-apocalyptic"),
                  "fr": ("abandonné", "désaffecté", "oublié",
                         "post-apocalyptique")},
    "derelict": {"en": ("derelict", "ruined", "dilapidated", "crumbling", "decrepit",
                        "decaying", "in ruins", "ruins", "rundown", "run-down", "shabby",
                        "seedy", "neglected"),
                 "fr": ("délabré", "en ruine", "en ruines", "ruines", "décrépit", "croulant",
                        "décati", "vermoulu")},
    "wet": {"en": ("wet", "damp", "soaked", "rain-soaked", "glistening", "after the rain",
                   "after rain", "dripping"),
            "fr": ("mouillé", "humide", "trempé", "détrempé", "ruisselant", "luisant",
                   "après la pluie")},
    "puddles": {"en": ("puddles", "puddle"), "fr": ("flaques", "flaque", "flaques d'eau")},
    "moss": {"en": ("moss", "mossy", "overgrown"), "fr": ("mousse", "moussu", "envahi")},
    "rust": {"en": ("rust", "rusty", "rusted"), "fr": ("rouille", "rouillé")},
    "dust": {"en": ("dusty",), "fr": ("poussiéreux", "poussiéreuse", "poussiéreuses")},
    "soot": {"en": ("soot", "sooty", "smoke-stained", "scorched", "burnt"),
             "fr": ("suie", "noirci", "brûlé", "calciné")},
    "grime": {"en": ("grime", "grimy", "dirty", "filthy", "stained", "graffiti"),
              "fr": ("crasse", "crasseux", "crasseuse", "sale", "encrassé", "taché",
                     "tags", "graffitis")},
    "polished": {"en": ("polished", "glossy", "shiny", "waxed", "lacquered", "varnished"),
                 "fr": ("poli", "ciré", "brillant", "lustré", "verni", "laqué")},
    "matte": {"en": ("matte", "matt", "mat"), "fr": ("mat",)},
}

# Bare nouns that are a surface modifier next to a surface, otherwise dust in the air.
DUST_NOUNS: dict[str, tuple[str, ...]] = {"en": ("dust",), "fr": ("poussière",)}

COLOUR_WORDS: WordTable = {
    "white": {"en": ("white", "off-white"), "fr": ("blanc", "blanche", "blancs", "blanches")},
    "black": {"en": ("black",), "fr": ("noir", "noire", "noirs", "noires")},
    "grey": {"en": ("grey", "gray", "greyish", "grayish", "charcoal"),
             "fr": ("gris", "grise", "grises", "grisâtre", "anthracite")},
    "red": {"en": ("red", "crimson", "scarlet"), "fr": ("rouge", "rouges", "écarlate")},
    "orange": {"en": ("orange",), "fr": ("orange", "orangé")},
    "yellow": {"en": ("yellow",), "fr": ("jaune",)},
    "green": {"en": ("green", "emerald"), "fr": ("vert", "verte", "émeraude")},
    "blue": {"en": ("blue",), "fr": ("bleu", "bleue", "bleus", "bleues", "azur")},
    "purple": {"en": ("purple", "violet", "lilac"), "fr": ("violet", "violette", "mauve",
                                                           "pourpre", "lilas")},
    "pink": {"en": ("pink",), "fr": ("rose",)},
    "brown": {"en": ("brown", "chocolate"), "fr": ("marron", "brun", "brune", "chocolat")},
    "beige": {"en": ("beige", "tan", "sand-coloured", "sand-colored"), "fr": ("beige",)},
    "cream": {"en": ("cream", "ivory"), "fr": ("crème", "ivoire")},
    "teal": {"en": ("teal",), "fr": ("bleu canard", "sarcelle")},
    "cyan": {"en": ("cyan", "aqua"), "fr": ("cyan",)},
    "magenta": {"en": ("magenta", "fuchsia"), "fr": ("magenta", "fuchsia")},
    "gold": {"en": ("gold", "golden"), "fr": ("doré", "dorée")},
    "ochre": {"en": ("ochre", "ocher", "mustard"), "fr": ("ocre", "moutarde")},
    "amber": {"en": ("amber", "sodium"), "fr": ("ambre", "ambré")},
    "turquoise": {"en": ("turquoise",), "fr": ("turquoise",)},
    "silver": {"en": ("silver", "silvery"), "fr": ("argent", "argenté")},
    "navy": {"en": ("navy", "navy blue", "dark blue"), "fr": ("bleu marine", "marine")},
    "olive": {"en": ("olive", "khaki"), "fr": ("olive", "kaki")},
    "burgundy": {"en": ("burgundy", "maroon", "wine red"), "fr": ("bordeaux", "lie de vin")},
    "slate": {"en": ("slate grey", "slate gray", "slate-grey", "slate-coloured"),
              "fr": ("gris ardoise", "ardoise")},
}

TIME_WORDS: WordTable = {
    "dawn": {"en": ("dawn", "daybreak", "first light", "early morning", "break of day"),
             "fr": ("aube", "aurore", "petit matin", "point du jour", "au petit jour",
                    "petit jour")},
    "sunrise": {"en": ("sunrise", "rising sun", "sunup"),
                "fr": ("lever du soleil", "lever de soleil", "soleil levant", "lever du jour")},
    "morning": {"en": ("morning", "in the morning", "mid-morning"),
                "fr": ("matin", "matinée", "le matin", "en matinée")},
    "noon": {"en": ("noon", "midday", "high noon", "mid-day", "lunchtime"),
             "fr": ("midi", "plein midi", "à midi")},
    "afternoon": {"en": ("afternoon", "in the afternoon"),
                  "fr": ("après-midi", "aprem", "l'après-midi")},
    "golden_hour": {"en": ("golden hour", "magic hour", "late afternoon"),
                    "fr": ("heure dorée", "heure d'or", "fin d'après-midi",
                           "fin de journée")},
    "sunset": {"en": ("sunset", "setting sun", "sundown"),
               "fr": ("coucher du soleil", "coucher de soleil", "soleil couchant")},
    "dusk": {"en": ("dusk", "twilight", "evening", "nightfall", "gloaming"),
             "fr": ("crépuscule", "soir", "soirée", "le soir", "tombée de la nuit",
                    "tombée du jour", "entre chien et loup", "crépusculaire")},
    "blue_hour": {"en": ("blue hour",), "fr": ("heure bleue",)},
    "night": {"en": ("night", "nighttime", "night-time", "at night", "midnight",
                     "moonlight", "moonlit", "by night", "nocturnal"),
              "fr": ("nuit", "nocturne", "minuit", "la nuit", "de nuit", "clair de lune",
                     "au clair de lune", "en pleine nuit")},
}

CLOUD_WORDS: WordTable = {
    "clear": {"en": ("clear", "clear sky", "clear skies", "cloudless", "no clouds", "sunny",
                     "blue sky", "blue skies", "fair weather", "without clouds", "fine weather"),
              "fr": ("dégagé", "ciel dégagé", "ciel clair", "ciel bleu", "sans nuages",
                     "sans nuage", "ensoleillé", "ensoleillée", "grand soleil",
                     "plein soleil", "beau temps", "ciel pur", "il fait beau")},
    "few": {"en": ("few clouds", "a few clouds", "some clouds", "light clouds",
                   "mostly sunny"),
            "fr": ("quelques nuages", "peu nuageux", "rares nuages", "légers nuages")},
    "scattered": {"en": ("scattered", "scattered clouds", "partly cloudy", "clouds", "cloud",
                         "cumulus", "puffy clouds"),
                  "fr": ("épars", "nuages épars", "partiellement nuageux", "nuages", "nuage",
                         "passages nuageux", "éclaircies")},
    "broken": {"en": ("broken clouds", "cloudy", "mostly cloudy"),
               "fr": ("nuageux", "nuageuse", "très nuageux", "ciel nuageux",
                      "nuages fragmentés")},
    "overcast": {"en": ("overcast", "overcast sky", "grey sky", "gray sky", "grey skies",
                        "gray skies", "grey day", "gray day", "dull sky"),
                 "fr": ("couvert", "couverte", "ciel couvert", "ciel gris", "temps gris",
                        "grisaille", "temps maussade", "journée grise", "ciel bas")},
    "stormy": {"en": ("stormy", "storm", "thunderstorm", "storm clouds", "thunder",
                      "lightning", "hurricane", "tempest"),
               "fr": ("orage", "orageux", "orageuse", "tempête", "ciel d'orage", "tonnerre",
                      "éclairs", "ouragan", "tempétueux")},
}

PRECIPITATION_WORDS: WordTable = {
    "rain": {"en": ("rain", "rainy", "raining", "drizzle", "drizzling", "downpour",
                    "rainfall", "showers", "pouring rain", "hail", "sleet"),
             "fr": ("pluie", "pluvieux", "pluvieuse", "il pleut", "pleut", "pleuve", "pleuvoir",
                    "il pleuvait", "averse",
                    "averses", "bruine", "crachin", "pluie battante", "grêle",
                    "sous la pluie")},
    "snow": {"en": ("snowing", "snowfall", "falling snow", "snow falling", "snowflakes",
                    "snow flurries"),
             "fr": ("il neige", "neige qui tombe", "chute de neige", "chutes de neige",
                    "flocons", "flocons de neige", "neige tombante")},
}

ATMOSPHERE_WORDS: WordTable = {
    "fog": {"en": ("fog", "foggy", "mist", "misty", "fog bank", "steam"),
            "fr": ("brouillard", "brume", "brumeux", "brumeuse", "vapeur", "nappes de brume")},
    "haze": {"en": ("haze", "hazy", "atmospheric haze", "volumetric light",
                    "volumetrics"),
             "fr": ("brume légère", "voile de brume", "brume sèche", "lumière volumétrique")},
    "dust": {"en": ("dust in the air", "airborne dust", "dust motes", "dusty air",
                    "dust particles", "floating dust"),
             "fr": ("poussière dans l'air", "poussière en suspension",
                    "poussières en suspension", "particules de poussière", "air poussiéreux",
                    "particules")},
    "smoke": {"en": ("smoke", "smoky", "smokey", "smoke-filled"),
              "fr": ("fumée", "fumées", "enfumé", "enfumée", "fumigène")},
}

DENSITY_WORDS: WordTable = {
    "light": {"en": ("light", "faint", "thin", "slight", "wispy", "a bit of", "soft"),
              "fr": ("léger", "légère", "fin", "fine", "faible", "un peu de", "un peu")},
    "thick": {"en": ("thick", "dense", "heavy", "deep", "pea-soup"),
              "fr": ("épais", "épaisse", "dense", "lourd", "lourde", "fort", "forte")},
}

MOOD_WORDS: WordTable = {
    "gloomy": {"en": ("gloomy", "dark", "moody", "bleak", "dreary", "grim", "melancholic",
                      "melancholy", "sad", "depressing"),
               "fr": ("sombre", "lugubre", "morne", "mélancolique", "triste", "glauque",
                      "obscur")},
    "eerie": {"en": ("eerie", "creepy", "spooky", "sinister", "unsettling", "haunted",
                     "ominous", "mysterious", "uncanny", "horror"),
              "fr": ("inquiétant", "inquiétante", "étrange", "angoissant", "angoissante",
                     "sinistre", "hanté", "hantée", "mystérieux", "mystérieuse",
                     "effrayant", "oppressant", "oppressante")},
    "cozy": {"en": ("cozy", "cosy", "inviting", "homely", "snug", "welcoming"),
             "fr": ("chaleureux", "chaleureuse", "douillet", "douillette", "accueillant",
                    "accueillante", "intime", "cocooning")},
    "cinematic": {"en": ("cinematic", "filmic", "film look", "movie-like"),
                  "fr": ("cinématographique", "cinématique", "ambiance cinéma")},
    "noir": {"en": ("film noir", "neo-noir", "neo noir", "noir style", "noir film"),
             "fr": ("film noir", "néo-noir", "style noir", "ambiance polar", "polar")},
    "cyberpunk": {"en": ("cyberpunk", "neon", "neons", "neon-lit", "neon lights", "neon signs",
                         "futuristic", "blade runner", "sci-fi"),
                  "fr": ("néon", "néons", "éclairé au néon", "futuriste",
                         "science-fiction")},
    "romantic": {"en": ("romantic", "dreamy", "dreamlike"),
                 "fr": ("romantique", "rêveur", "rêveuse", "onirique")},
    "dramatic": {"en": ("dramatic", "intense", "epic", "high contrast", "chiaroscuro",
                        "contrasty"),
                 "fr": ("dramatique", "épique", "clair-obscur", "contrasté", "contrastée")},
    "serene": {"en": ("serene", "calm", "peaceful", "tranquil", "quiet"),
               "fr": ("serein", "sereine", "calme", "paisible", "tranquille", "apaisant",
                      "apaisante")},
    "warm": {"en": ("warm", "hot", "warm light", "warm tones"),
             "fr": ("chaud", "chaude", "lumière chaude", "tons chauds")},
    "cold": {"en": ("cold", "cool", "chilly", "icy", "freezing", "clinical", "cold light",
                    "cool tones"),
             "fr": ("froid", "froide", "glacial", "glaciale", "glacé", "glacée",
                    "tons froids", "lumière froide")},
}

SCALE_WORDS: WordTable = {
    "tiny": {"en": ("tiny", "cramped", "minuscule", "very small"),
             "fr": ("minuscule", "exigu", "exiguë", "tout petit", "toute petite",
                    "très petit", "très petite", "étriqué")},
    "small": {"en": ("small", "little", "narrow", "compact", "low ceiling", "low ceilings"),
              "fr": ("petit", "petite", "étroit", "étroite", "plafond bas", "plafonds bas")},
    "medium": {"en": ("medium", "medium-sized", "mid-sized"),
               "fr": ("moyen", "moyenne", "de taille moyenne")},
    "large": {"en": ("large", "big", "vast", "spacious", "wide", "high ceiling",
                     "high ceilings", "tall"),
              "fr": ("grand", "grande", "vaste", "spacieux", "spacieuse", "large",
                     "haut plafond", "hauts plafonds", "plafond haut", "plafonds hauts")},
    "huge": {"en": ("huge", "immense", "gigantic", "enormous", "massive", "colossal",
                    "cavernous", "monumental", "giant"),
             "fr": ("immense", "gigantesque", "énorme", "colossal", "colossale",
                    "monumental", "monumentale", "géant", "géante", "démesuré")},
}

# Words with several meanings at once (e.g. a place and a colour).
COMPOUND_WORDS: dict[str, dict[str, tuple[tuple[str, str], ...]]] = {
    "en": {
        "green screen": (("archetype", "cyclorama"), ("colour", "green")),
        "blue screen": (("archetype", "cyclorama"), ("colour", "blue")),
        "sandstorm": (("atmosphere", "dust"), ("density", "thick")),
        "dust storm": (("atmosphere", "dust"), ("density", "thick")),
        "snowstorm": (("cloud", "stormy"), ("precipitation", "snow")),
        "blizzard": (("cloud", "stormy"), ("precipitation", "snow")),
        "light shafts": (("atmosphere", "haze"), ("density", "light")),
        "god rays": (("atmosphere", "haze"), ("density", "light")),
        "sunbeams": (("atmosphere", "haze"), ("density", "light")),
        "light beams": (("atmosphere", "haze"), ("density", "light")),
        "shafts of light": (("atmosphere", "haze"), ("density", "light")),
        "rays of light": (("atmosphere", "haze"), ("density", "light")),
        "beams of light": (("atmosphere", "haze"), ("density", "light")),
        "white cyc": (("archetype", "cyclorama"), ("colour", "white")),
        "white void": (("archetype", "cyclorama"), ("colour", "white")),
        "white background": (("archetype", "cyclorama"), ("colour", "white")),
    },
    "fr": {
        "fond vert": (("archetype", "cyclorama"), ("colour", "green")),
        "fond blanc": (("archetype", "cyclorama"), ("colour", "white")),
        "fond bleu": (("archetype", "cyclorama"), ("colour", "blue")),
        "tempête de sable": (("atmosphere", "dust"), ("density", "thick")),
        "tempête de neige": (("cloud", "stormy"), ("precipitation", "snow")),
        "rayons de lumière": (("atmosphere", "haze"), ("density", "light")),
        "rais de lumière": (("atmosphere", "haze"), ("density", "light")),
        "faisceaux lumineux": (("atmosphere", "haze"), ("density", "light")),
        "rayons de soleil": (("atmosphere", "haze"), ("density", "light")),
    },
}

# Negations: the next weather/atmosphere/modifier word is dropped ("no fog", "sans pluie").
NEGATION_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("no", "not", "without", "never"),
    "fr": ("sans", "pas", "aucun", "aucune", "ni", "jamais"),
}

# Conjunctions end a surface phrase ("brick walls and a concrete floor").
CONJUNCTION_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("and", "or", "but", "while"),
    "fr": ("et", "ou", "mais", "tandis", "puis"),
}

# Grammar words: ignored, never reported; they link a surface phrase ("floor of concrete").
STOP_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("the", "an", "of", "with", "in", "on", "at", "to", "for", "by", "from", "into",
           "under", "over", "near", "its", "it", "is", "are", "this", "that",
           "these", "those", "some", "very", "really", "quite", "rather", "slightly",
           "somewhat", "there", "made", "as", "be", "has", "have", "their", "his",
           "her", "our", "my", "your", "through", "during", "around", "behind", "next",
           "between", "above", "below", "like", "just", "also", "covered", "full", "filled",
           "lots", "lot", "many", "much", "all", "every", "where", "which", "who", "we",
           "i", "you", "seen", "looking", "lit", "out", "up", "down", "towards", "toward",
           "against", "along", "across", "about", "own", "more", "most", "mostly",
           "overlooking", "facing", "next to", "surrounded by", "dimly", "brightly", "softly",
           "ext", "int", "middle of nowhere", "nowhere", "lonely"),
    "fr": ("le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "au", "aux",
           "avec", "en", "dans", "sous", "sur", "par", "pour", "qui", "que", "qu", "est",
           "sont", "ce", "cet", "cette", "ces", "se", "son", "sa", "ses", "leur", "leurs",
           "il", "elle", "y", "ne", "n", "j", "c", "m", "tres", "trop", "assez",
           "plutot", "entre", "vers", "chez", "pendant", "lors", "comme", "tout", "toute",
           "tous", "toutes", "autour", "derriere", "devant", "pres", "loin", "couvert de",
           "couverte de", "couverts de", "couvertes de", "couvert d", "couverte d",
           "recouvert de", "recouverte de", "rempli de", "remplie de", "plein de",
           "pleine de", "dont", "nous", "je", "vous", "on", "beaucoup", "fait",
           "faite", "faits", "faites", "legerement", "vu", "vue depuis", "depuis",
           "contre", "le long", "a travers", "plus", "moins", "peu", "au bord de", "au bord du",
           "au bord d", "en bord de", "a cote de", "a cote du"),
}
# "a" is both English and French ("à"): kept apart so it never votes for a language.
SHARED_STOP_WORDS = ("a", "s", "t")

# Words the parser understands but that change nothing (a set is always lit, has a sky...).
FILLER_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("lighting", "sky", "skies", "set", "scene", "place", "location", "view", "shot",
           "weather", "day", "daytime", "daylight", "time", "look", "style", "film", "movie",
           "atmosphere", "ambience", "mood", "feel", "vibe", "dry", "bright", "pale",
           "realistic", "photorealistic", "photoreal", "beautiful", "empty", "ground floor",
           "sun", "sunlight", "pastel", "vivid",
           "colour", "color", "colours", "colors", "tones", "tone", "shades", "shade",
           "detailed", "virtual", "environment", "space", "area", "setting", "background",
           "lights", "long", "wide shot", "wide angle", "deserted"),
    "fr": ("lumière", "lumières", "éclairage", "ciel", "décor", "scène", "lieu", "vue",
           "plan", "temps", "jour", "journée", "en plein jour", "en journée", "ambiance",
           "atmosphère", "style", "sec", "sèche", "lumineux", "lumineuse", "clair", "claire",
           "foncé", "foncée", "pâle", "vif", "vive", "réaliste", "photoréaliste", "beau",
           "belle", "vide", "rez-de-chaussée", "soleil", "couleur", "couleurs", "tons", "ton",
           "teinte", "environnement", "espace", "cadre", "ensemble", "long", "longue", "déserte",
           "désertes", "déserts"),
}

# ---------------------------------------------------------------------------------
# Qualifier words: read in a second pass over the prompt, beside the phrases above
# (a word can be both: "crates" is the props surface and the crate prop), into
# SetSpec.props / quantity / camera / features. The layout reads only those fields.
# ---------------------------------------------------------------------------------
PROP_WORDS: WordTable = {
    "crate": {"en": ("crate", "box", "wooden box", "cardboard box", "cartons"),
              "fr": ("caisse", "carton", "boîte", "caisse en bois")},
    "barrel": {"en": ("barrel", "drum", "oil drum", "keg"),
               "fr": ("tonneau", "baril", "fût", "bidon")},
    "pallet": {"en": ("pallet",), "fr": ("palette",)},
    "pillar": {"en": ("pillar", "column"), "fr": ("pilier", "colonne")},
    "beam": {"en": ("beam", "girder", "rafters", "truss", "trusses"),
             "fr": ("poutre", "poutrelle", "charpente")},
    "shelf": {"en": ("shelf", "shelves", "shelving", "rack", "racking"),
              "fr": ("étagère", "rayonnage")},
    "lamp_post": {"en": ("lamp post", "lamppost", "street lamp", "street light",
                         "streetlight"),
                  "fr": ("lampadaire", "réverbère")},
    "bench": {"en": ("bench", "benches"), "fr": ("banc", "banquette")},
    "rock": {"en": ("rock", "boulder", "stones"),
             "fr": ("rocher", "roche", "pierres", "blocs")},
    "tree": {"en": ("tree",), "fr": ("arbre",)},
    "broadleaf": {"en": ("oak", "birch", "beech", "maple", "broadleaf", "deciduous"),
                  "fr": ("chêne", "bouleau", "hêtre", "érable", "feuillus")},
    "conifer": {"en": ("pine", "fir", "spruce", "conifer", "pine forest"),
                "fr": ("pin", "sapin", "épicéa", "conifères", "résineux")},
    "palm": {"en": ("palm", "palm tree"), "fr": ("palmier", "cocotier")},
    "bush": {"en": ("bush", "bushes", "shrub", "hedge", "undergrowth"),
             "fr": ("buisson", "arbuste", "haie", "broussailles")},
    "cactus": {"en": ("cactus", "cacti", "cactuses", "saguaro"), "fr": ("cactus",)},
    "dumpster": {"en": ("dumpster", "skip", "trash", "garbage", "rubbish", "bins",
                        "trash cans"),
                 "fr": ("poubelle", "benne", "ordures", "détritus", "déchets")},
    "neon": {"en": ("neon", "neon sign", "neon lights", "neon-lit"),
             "fr": ("néon", "enseigne", "enseigne lumineuse")},
    "log": {"en": ("log", "fallen tree", "driftwood"),
            "fr": ("tronc", "bois flotté", "arbre mort")},
    "parasol": {"en": ("parasol", "beach umbrella", "umbrella"), "fr": ("parasol",)},
    "lifeguard_tower": {"en": ("lifeguard", "lifeguard tower", "lifeguard hut"),
                        "fr": ("poste de secours", "maître nageur", "cabane de plage")},
    "water_tank": {"en": ("water tank", "water tower"),
                   "fr": ("réservoir", "château d'eau", "châteaux d'eau")},
    "pipe": {"en": ("pipe", "pipework", "ducts", "ductwork"),
             "fr": ("tuyau", "tuyauterie", "canalisations", "gaines")},
    "fire_escape": {"en": ("fire escape",), "fr": ("escalier de secours",
                                                   "escaliers de secours")},
    "softbox": {"en": ("softbox", "softboxes", "light stand", "c-stand", "spotlight"),
                "fr": ("boîte à lumière", "projecteur")},
    "chair": {"en": ("armchair", "chair"), "fr": ("fauteuil", "chaise")},
    "plant": {"en": ("plant", "potted plant"), "fr": ("plante", "plante verte")},
    "car": {"en": ("car",), "fr": ("voiture",)},
    "vending_machine": {"en": ("vending machine", "drinks machine"),
                        "fr": ("distributeur automatique", "distributeur de boissons")},
    "cables": {"en": ("overhead cables", "power lines", "overhead wires", "wires"),
               "fr": ("câbles", "fils électriques", "lignes électriques")},
    # Nouns any place may be dressed with (places.dressing builds them; see DRESSING_KINDS).
    "bed": {"en": ("bed",), "fr": ("lit",)},
    "monitor": {"en": ("monitor", "computer screen", "computer"), "fr": ("écran", "ordinateur")},
    "boat": {"en": ("boat", "rowboat", "rowing boat", "fishing boat", "dinghy"),
             "fr": ("bateau", "barque", "canot", "bateau de pêche")},
    "candle": {"en": ("candle", "candles"), "fr": ("bougie", "chandelle", "cierge")},
    "torch": {"en": ("torch", "torches", "burning torches"), "fr": ("torche", "flambeau")},
    "bookcase": {"en": ("bookshelf", "bookshelves", "bookcase"), "fr": ("bibliothèque murale",
                                                                         "étagère à livres")},
    "server_rack": {"en": ("server rack", "server racks", "blinking racks"),
                    "fr": ("baie serveur", "baies de serveurs")},
    "washing_machine": {"en": ("washing machine", "washer"), "fr": ("lave-linge", "machine à laver")},
    "dryer": {"en": ("dryer", "tumble dryer"), "fr": ("sèche-linge",)},
    "fuel_pump": {"en": ("fuel pump", "gas pump", "petrol pump", "pump"), "fr": ("pompe",)},
    "reeds": {"en": ("reed", "reeds", "cattails", "bulrushes"), "fr": ("roseau", "roseaux", "joncs")},
    "table": {"en": ("table",), "fr": ("table",)},
    "sofa": {"en": ("sofa", "couch"), "fr": ("canapé",)},
    "piano": {"en": ("piano",), "fr": ("piano",)},
    "tent": {"en": ("tent",), "fr": ("tente",)},
    "well": {"en": ("well",), "fr": ("puits",)},
    "fountain": {"en": ("fountain",), "fr": ("fontaine",)},
    "statue": {"en": ("statue",), "fr": ("statue",)},
    "pool_table": {"en": ("pool table", "billiard table"), "fr": ("table de billard",)},
    "locker": {"en": ("locker",), "fr": ("casier", "casier de vestiaire")},
    "mirror": {"en": ("mirror",), "fr": ("miroir",)},
    "hay_bale": {"en": ("hay bale", "haystack", "hay"), "fr": ("botte de foin", "foin")},
    "gravestone": {"en": ("gravestone", "tombstone", "grave"), "fr": ("tombe", "pierre tombale")},
    "string_lights": {"en": ("string lights", "fairy lights", "festoon lights", "party lights"),
                      "fr": ("guirlande lumineuse", "guirlandes lumineuses", "guirlande")},
    "lantern": {"en": ("lantern", "lanterns"), "fr": ("lanterne", "lampion")},
    "blind": {"en": ("blinds", "venetian blinds", "blind"),
              "fr": ("store vénitien", "stores vénitiens", "store à lamelles", "stores baissés")},
    "wall_clock": {"en": ("clock", "wall clock"), "fr": ("horloge", "pendule")},
    "television": {"en": ("television", "tv", "tv set"), "fr": ("télévision", "télé", "téléviseur")},
    "guitar": {"en": ("guitar",), "fr": ("guitare",)},
    "bicycle": {"en": ("bicycle", "bike"), "fr": ("vélo", "bicyclette")},
    "motorcycle": {"en": ("motorcycle", "motorbike"), "fr": ("moto",)},
    "treadmill": {"en": ("treadmill", "treadmills", "running machine"),
                  "fr": ("tapis de course", "tapis roulant")},
    "holo_screen": {"en": ("holographic screen", "holographic screens", "hologram",
                           "holographic display"),
                    "fr": ("écran holographique", "écrans holographiques", "hologramme")},
}

# What a prop named outdoors is indoors: "a ski lodge by the fire" has a fireplace.
# Trees beside a room are its surroundings, never props in it (None: not placed).
INDOOR_FORMS: dict[str, str | None] = {
    "campfire": "fireplace", "bonfire": "fireplace", "street_lamp": "floor_lamp",
    "lamp_post": "floor_lamp", "palm": "potted_palm", "tree": "potted_plant", "broadleaf": None,
    "conifer": None, "bush": None}

# What an indoor prop named in the open air is: a Paris roof's "cheminées" are chimneys
# the roofs already have, not fireplaces (None: not placed).
OUTDOOR_FORMS: dict[str, str | None] = {"fireplace": None, "ceiling_light": None,
                                         "pendant_light": None}

# Prop kinds any place can be dressed with (places.dressing): "a bed" is one bed.
DRESSING_KINDS = frozenset({
    "bed", "monitor", "boat", "candle", "torch", "bookcase", "server_rack", "washing_machine",
    "dryer", "fuel_pump", "reeds", "table", "sofa", "piano", "tent", "well", "fountain",
    "statue", "pool_table", "locker", "mirror", "hay_bale", "gravestone", "string_lights",
    "lantern", "blind", "wall_clock", "television", "guitar", "bicycle", "motorcycle",
    "holo_screen", "treadmill"})
SINGULAR_ARTICLES = frozenset({"a", "an", "un", "une", "one"})

# A multiplier on prop counts ("dense"/"thick" are left out: they mostly qualify fog).
QUANTITY_FACTORS = {"more": 1.8, "fewer": 0.35}
QUANTITY_WORDS: WordTable = {
    "more": {"en": ("many", "lots", "lot of", "cluttered", "crowded", "packed", "full of",
                    "stacks", "piles", "messy", "lush", "overgrown"),
             "fr": ("beaucoup", "plein de", "pleine de", "encombré", "encombrée", "entassé",
                    "entassées", "touffu", "touffue", "luxuriant", "luxuriante", "amas",
                    "des tas", "bric-à-brac")},
    "fewer": {"en": ("empty", "bare", "sparse", "minimal", "minimalist", "deserted"),
              "fr": ("vide", "nu", "nue", "dépouillé", "dépouillée", "épuré", "épurée",
                     "déserte", "clairsemé", "clairsemée")},
}

# Camera heights; "eye" when the prompt says nothing. The first mode listed wins.
CAMERA_MODES = ("eye", "aerial", "low", "high")
CAMERA_WORDS: WordTable = {
    "aerial": {"en": ("aerial", "aerial view", "aerial shot", "drone", "drone shot",
                      "bird's eye", "birds eye", "bird eye"),
               "fr": ("vue aérienne", "vue du ciel", "plan aérien", "vue d'oiseau",
                      "à vol d'oiseau")},
    "low": {"en": ("low angle", "low-angle", "worm's eye", "worms eye", "ground level",
                   "from below"),
            "fr": ("contre-plongée", "ras du sol", "au ras du sol", "vue basse")},
    "high": {"en": ("high angle", "high-angle", "from above", "overhead"),
             "fr": ("plongée", "vue plongeante", "en plongée", "vue d'en haut")},
}

# Counts before a prop: "three barrels", "deux châteaux d'eau", "12 crates".
NUMBER_WORDS: WordTable = {
    "1": {"en": ("one", "a single", "single"), "fr": ("un seul", "une seule")},
    "2": {"en": ("two", "a pair of", "pair of", "couple of", "a couple of"),
          "fr": ("deux", "une paire de")},
    "3": {"en": ("three",), "fr": ("trois",)}, "4": {"en": ("four",), "fr": ("quatre",)},
    "5": {"en": ("five",), "fr": ("cinq",)}, "6": {"en": ("six",), "fr": ("six",)},
    "7": {"en": ("seven",), "fr": ("sept",)}, "8": {"en": ("eight",), "fr": ("huit",)},
    "9": {"en": ("nine",), "fr": ("neuf",)}, "10": {"en": ("ten",), "fr": ("dix",)},
    "12": {"en": ("twelve", "a dozen", "dozen"), "fr": ("douze", "une douzaine de",
                                                       "douzaine")},
    "20": {"en": ("twenty",), "fr": ("vingt",)},
}
MAX_PROP_COUNT = 200


# ---------------------------------------------------------------------------------
# Places: each archetype module declares its own words in a module-level literal
# `WORDS = {"place": {...}, "near": {...}, "exterior": bool, "styled": bool,
# "features": {...}, "room_types": {...}}` ("styled": the layout reads SetSpec.style).
# They are read from the source with `ast.literal_eval`, never by importing the
# module, so parsing a prompt needs no layout code (trimesh, numpy). Adding a place
# is adding its module.
# ---------------------------------------------------------------------------------

_WORDS_BLOCK = re.compile(r"^WORDS = (\{.*?^\})$", re.MULTILINE | re.DOTALL)


def _literal_words(path: Path) -> dict | None:
    """The module-level `WORDS = {...}` literal of an archetype module (from its line
    to the first closing brace in column 0), or None."""
    found = _WORDS_BLOCK.search(path.read_text(encoding="utf-8"))
    return ast.literal_eval(found.group(1)) if found else None


@cache
def place_registry() -> dict[str, dict]:
    """archetype key (its module name) -> its WORDS, the default archetype first."""
    folder = Path(__file__).with_name("archetypes")
    found = {p.stem: w for p in sorted(folder.glob("*.py"))
             if not p.stem.startswith("_") and (w := _literal_words(p)) is not None}
    return {k: found[k] for k in sorted(found, key=lambda k: (k != DEFAULT_ARCHETYPE, k))}


ARCHETYPES: tuple[str, ...] = tuple(place_registry())
# Archetypes whose main walkable surface is "ground" (outdoors) rather than "floor".
EXTERIOR_ARCHETYPES: tuple[str, ...] = tuple(k for k, w in place_registry().items()
                                             if w.get("exterior"))
ARCHETYPE_WORDS: WordTable = {k: w["place"] for k, w in place_registry().items()}
# Places we do not build yet: the parser uses the nearest archetype and says so.
NEAR_PLACE_WORDS: WordTable = {k: w["near"] for k, w in place_registry().items()
                               if w.get("near")}


def room_words() -> WordTable:
    """Room type -> words, over every archetype that declares room types."""
    return {key: by_lang for words in place_registry().values()
            for key, by_lang in words.get("room_types", {}).items()}


def room_archetype(room: str) -> str:
    """The archetype that builds a room type."""
    return next(k for k, w in place_registry().items() if room in w.get("room_types", {}))


def feature_words() -> WordTable:
    """Feature key -> words, merged over every archetype that declares it
    ("tropical" for the beach, "tunnel" for the corridor...)."""
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for words in place_registry().values():
        for key, by_lang in words.get("features", {}).items():
            merged = out.setdefault(key, {})
            for lang, phrases in by_lang.items():
                merged[lang] = tuple(dict.fromkeys(merged.get(lang, ()) + tuple(phrases)))
    return out
