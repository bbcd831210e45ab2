"""French place and prop nouns that FreeDict lacks or reads wrongly for a film set, by hand.

Why: FreeDict fra-eng is small (8,505 headwords, from a general word list): it has no
"laverie", "station-service", "lave-linge", "parking", "boîte de nuit" or "feu de camp",
and its first translation of some set words misleads ("gare" -> stage, "marché" -> stair,
"tableau" -> table, "four" -> furnace, "immeuble" -> mansion). Each entry maps a French
noun (singular, with its accents) to English WordNet nouns, the likeliest on a film set
first; an entry replaces FreeDict's for that word. Words FreeDict already reads right are
not repeated here. Every English noun must be in the table: tests/unit/test_lexicon.py
checks it.
"""

from __future__ import annotations

# French noun -> English nouns (WordNet lemmas, spaces for '_').
HAND_FRENCH: dict[str, tuple[str, ...]] = {
    "laverie": ("laundromat",),
    "station-service": ("gas station", "filling station"),
    "station": ("station", "subway station"),   # FreeDict: stage, station, stop
    "station de ski": ("ski resort",),
    "station essence": ("gas station",),
    "pompe à essence": ("gas pump",),
    "parking": ("parking lot", "car park"),
    "parking souterrain": ("garage", "parking lot"),
    "lave-linge": ("washing machine",),
    "machine à laver": ("washing machine",),
    "sèche-linge": ("clothes dryer",),
    "lave-vaisselle": ("dishwasher",),
    "frigo": ("refrigerator",),
    "four": ("oven",),   # FreeDict: furnace, kiln, oven
    "micro-ondes": ("microwave",),
    "cuisinière": ("stove",),   # FreeDict: furnace, kiln, oven
    "évier": ("sink",),
    "lavabo": ("washbasin",),
    "baignoire": ("bathtub",),   # FreeDict: bath
    "toilettes": ("toilet",),
    "cuvette": ("toilet bowl",),
    "lit superposé": ("bunk bed",),
    "table basse": ("coffee table",),
    "bureau": ("desk", "office"),   # FreeDict: bureau, office
    "bibliothèque": ("bookcase", "library"),   # FreeDict: library, bookcase
    "armoire": ("wardrobe",),   # FreeDict: cabinet, closet, cupboard
    "commode": ("chest of drawers",),   # FreeDict: chest, dresser
    "penderie": ("wardrobe",),
    "store": ("window blind",),
    "volet": ("shutter",),
    "lampadaire": ("floor lamp", "streetlight"),
    "réverbère": ("streetlight",),
    "lustre": ("chandelier",),
    "bougeoir": ("candlestick",),
    "chandelier": ("candlestick",),
    "flambeau": ("torch",),
    "lampion": ("lantern",),
    "guirlande": ("garland",),
    "néon": ("neon lamp",),
    "projecteur": ("projector", "floodlight"),
    "moniteur": ("monitor",),
    "télévision": ("television receiver",),   # FreeDict: television, tv
    "téléviseur": ("television receiver",),
    "serveur": ("server",),
    "baie": ("rack", "bay"),   # FreeDict: berry, bay
    "armoire électrique": ("rack",),
    "ventilateur": ("fan",),
    "climatiseur": ("air conditioner",),
    "benne": ("dumpster",),
    "caddie": ("shopping cart",),
    "caisse": ("cash register", "crate"),   # FreeDict: money box, till, box
    "caisse enregistreuse": ("cash register",),
    "comptoir": ("counter", "bar"),
    "zinc": ("bar",),
    "fût": ("barrel",),   # FreeDict: cask, barrel, drum
    "caisse en bois": ("crate",),
    "palette": ("pallet",),
    "carton": ("carton", "box"),
    "conteneur": ("container",),
    "échafaudage": ("scaffolding",),
    "escalator": ("escalator",),
    "escalier mécanique": ("escalator",),
    "monte-charge": ("freight elevator",),
    "vestibule": ("vestibule",),
    "entrée": ("entrance", "hall"),   # FreeDict: access
    "hall": ("hall", "lobby"),
    "salon": ("living room", "salon"),   # FreeDict: lounge, parlour, salon
    "chambre": ("bedroom", "room"),   # FreeDict: chamber, room
    "salle de bain": ("bathroom",),
    "combles": ("attic",),
    "sous-sol": ("basement",),
    "buanderie": ("laundry",),
    "véranda": ("veranda",),
    "débarras": ("storeroom",),
    "dressing": ("dressing room",),
    "vestiaire": ("locker room", "cloakroom"),   # FreeDict: cloakroom
    "gymnase": ("gymnasium",),
    "salle de sport": ("gymnasium",),
    "piscine": ("swimming pool",),   # FreeDict: pool, bathroom
    "patinoire": ("skating rink",),
    "terrain de football": ("football field",),
    "terrain de basket": ("basketball court",),
    "court de tennis": ("tennis court",),
    "panier de basket": ("basket",),
    "gradins": ("bleachers",),
    "tribune": ("grandstand", "bleachers"),   # FreeDict: rostrum
    "vestiaires": ("locker room",),
    "salle de classe": ("classroom",),
    "classe": ("classroom",),
    "tableau noir": ("blackboard",),
    "amphithéâtre": ("amphitheater", "lecture room"),
    "lycée": ("high school",),   # FreeDict: lyceum
    "salle d'opération": ("operating room",),
    "chambre d'hôpital": ("hospital room",),
    "cabinet médical": ("surgery",),
    "clinique": ("clinic",),   # FreeDict: nursing home
    "prison": ("prison",),   # FreeDict: cell, jail, gaol
    "commissariat": ("police station",),
    "tribunal": ("courthouse",),
    "mairie": ("city hall",),
    "chapelle": ("chapel",),
    "synagogue": ("synagogue",),
    "monastère": ("monastery",),
    "couvent": ("convent",),   # FreeDict: monastery
    "cloître": ("cloister",),
    "crypte": ("crypt",),
    "château fort": ("castle",),
    "forteresse": ("fortress",),
    "donjon": ("keep", "donjon"),
    "rempart": ("rampart",),
    "muraille": ("wall",),
    "cour": ("courtyard", "court"),   # FreeDict: court, yard, courtyard
    "cour intérieure": ("courtyard",),
    "manoir": ("manor house", "manor"),
    "ferme": ("farm", "farmhouse"),
    "étable": ("cowshed",),   # FreeDict: stall, sty
    "moulin à vent": ("windmill",),
    "serre": ("greenhouse",),
    "cabane": ("hut", "shack", "cabin"),   # FreeDict: cabin, hut, shack
    "refuge": ("hut", "shelter"),   # FreeDict: asylum, shelter, refuge
    "camping": ("campsite",),
    "caravane": ("trailer", "caravan"),
    "mobil-home": ("mobile home",),
    "igloo": ("igloo",),
    "yourte": ("yurt",),
    "immeuble": ("apartment building",),   # FreeDict: mansion, building
    "studio": ("studio apartment", "studio"),   # FreeDict: atelier, studio, workshop
    "loft": ("loft",),
    "gratte-ciel": ("skyscraper",),
    "tour": ("tower",),   # FreeDict: castle, tower, file
    "château d'eau": ("water tower",),
    "moulin à eau": ("water mill",),
    "pont": ("bridge", "deck"),   # FreeDict: deck, bridge
    "passerelle": ("footbridge", "bridge"),
    "jetée": ("pier", "jetty"),
    "quai": ("quay", "wharf", "platform"),   # FreeDict: platform, quay, wharf
    "ponton": ("pontoon", "dock"),
    "port de pêche": ("seaport", "harbor"),
    "marina": ("marina",),
    "chantier naval": ("shipyard",),
    "entrepôt": ("warehouse",),
    "hangar": ("hangar", "shed"),   # FreeDict: hanger, warehouse, shed
    "atelier": ("workshop", "studio"),   # FreeDict: atelier, studio, workshop
    "garage automobile": ("garage",),
    "boucherie": ("butcher shop",),
    "épicerie": ("grocery store",),
    "supérette": ("convenience store",),
    "supermarché": ("supermarket",),
    "hypermarché": ("supermarket",),
    "marché": ("market", "marketplace"),   # FreeDict: stair, step, rung
    "marché couvert": ("marketplace", "market"),
    "halle": ("marketplace", "market"),
    "étal": ("stall",),
    "stand": ("stall", "booth"),   # FreeDict: barn, shed, stand
    "kiosque": ("kiosk",),   # FreeDict: barn, shed, stand
    "magasin": ("shop", "store"),   # FreeDict: boutique, shop, store
    "pâtisserie": ("patisserie", "bakery"),
    "fleuriste": ("flower store",),
    "quincaillerie": ("hardware store",),
    "pressing": ("dry cleaners",),
    "salon de coiffure": ("barbershop", "beauty parlor"),
    "coiffeur": ("barbershop",),
    "bistrot": ("bistro",),
    "brasserie": ("brasserie",),
    "cantine": ("cafeteria", "canteen"),   # FreeDict: canteen
    "snack": ("snack bar",),
    "pizzeria": ("pizzeria",),
    "motel": ("motel",),
    "chambre d'hôtel": ("hotel room",),
    "réception": ("reception desk",),   # FreeDict: reception room
    "casino": ("casino",),
    "boîte de nuit": ("nightclub",),
    "discothèque": ("discotheque",),
    "cabaret": ("cabaret",),
    "scène": ("stage",),   # FreeDict: scene
    "coulisses": ("backstage",),
    "salle de cinéma": ("movie theater",),
    "salle de concert": ("concert hall",),
    "opéra": ("opera house",),
    "bibliothèque municipale": ("library",),
    "poste": ("post office",),   # FreeDict: mail, post, appointment
    "open space": ("office",),
    "salle de réunion": ("conference room",),
    "labo": ("laboratory",),
    "salle de contrôle": ("control room",),
    "cockpit": ("cockpit",),
    "poste de pilotage": ("cockpit",),
    "passerelle de navigation": ("bridge deck",),
    "vaisseau spatial": ("spacecraft",),
    "vaisseau": ("spacecraft", "ship"),   # FreeDict: vessel
    "navette spatiale": ("space shuttle",),
    "station spatiale": ("space station",),
    "gare": ("railway station", "train station"),   # FreeDict: stage, station, stop
    "gare routière": ("bus station",),
    "quai de gare": ("platform",),
    "station de métro": ("subway station",),
    "arrêt de bus": ("bus stop",),
    "abribus": ("bus stop", "shelter"),
    "terminal": ("terminal",),
    "piste": ("runway", "track"),   # FreeDict: arena, course, track
    "tarmac": ("tarmac",),
    "autoroute": ("highway", "expressway"),   # FreeDict: motorway, expressway, freeway
    "route": ("road",),   # FreeDict: track, road, route
    "impasse": ("cul de sac",),   # FreeDict: dead-end street
    "carrefour": ("crossroad", "intersection"),
    "rond-point": ("traffic circle",),   # FreeDict: plaza, public square, square
    "feu rouge": ("traffic light",),
    "feu de circulation": ("traffic light",),
    "panneau": ("sign", "panel"),   # FreeDict: panel, wainscot, board
    "enseigne": ("signboard",),   # FreeDict: shield, signboard
    "borne": ("bollard",),
    "portail": ("gate",),
    "grille": ("grille", "gate"),   # FreeDict: grate, grid, grill
    "clôture": ("fence",),
    "palissade": ("palisade", "fence"),
    "muret": ("wall",),
    "souterrain": ("underpass", "tunnel"),   # FreeDict: tunnel
    "place": ("plaza", "square"),   # FreeDict: location, place, spot
    "square": ("square",),
    "aire de jeux": ("playground",),
    "bassin": ("pool", "basin"),   # FreeDict: basin, bowl
    "mare": ("pond", "pool"),
    "chute d'eau": ("waterfall",),
    "côte": ("coast", "seashore"),   # FreeDict: acclivity, hillside, slope
    "rivage": ("shore",),
    "crique": ("cove",),
    "baie vitrée": ("picture window",),
    "montagne": ("mountain",),   # FreeDict: mountain chain, mountain
    "canyon": ("canyon",),
    "gorge": ("gorge",),   # FreeDict: throat
    "caverne": ("cave", "cavern"),
    "glacier": ("glacier",),
    "sommet": ("peak", "summit"),   # FreeDict: acme, peak, point
    "champ de blé": ("wheatfield",),
    "champ de maïs": ("cornfield",),
    "vignoble": ("vineyard",),   # FreeDict: vine
    "rizière": ("paddy", "rice paddy"),
    "savane": ("savanna",),
    "toundra": ("tundra",),
    "tourbière": ("bog", "peat bog"),
    "bayou": ("bayou",),
    "mangrove": ("mangrove",),
    "banquise": ("pack ice",),
    "iceberg": ("iceberg",),
    "roseau": ("reed",),   # FreeDict: cane, reed
    "roseaux": ("reed",),
    "nénuphar": ("water lily",),
    "buisson": ("bush", "shrub"),
    "galet": ("pebble",),
    "souche": ("stump",),
    "tronc": ("trunk", "log"),   # FreeDict: stem, trunk
    "bûche": ("log",),   # FreeDict: block
    "feu de camp": ("campfire",),
    "feu de bois": ("fire",),
    "voiture": ("car",),   # FreeDict: vehicle, car
    "camionnette": ("van",),
    "fourgon": ("van",),
    "bus": ("bus",),
    "car": ("bus", "coach"),
    "scooter": ("motor scooter",),
    "wagon": ("railroad car", "wagon"),   # FreeDict: carriage, coach, waggon
    "hélicoptère": ("helicopter",),
    "barque": ("rowboat", "boat"),   # FreeDict: bark, barque, boat
    "chalutier": ("trawler",),
    "bateau de pêche": ("fishing boat",),
    "voilier": ("sailboat",),
    "paquebot": ("liner",),
    "canot": ("canoe", "dinghy"),
    "kayak": ("kayak",),
    "pirogue": ("dugout canoe",),
    "sous-marin": ("submarine",),
    "camion de pompiers": ("fire engine",),
    "voiture de police": ("police car",),
    "calèche": ("carriage",),
    "carrosse": ("coach", "carriage"),
    "poule": ("hen", "chicken"),   # FreeDict: chicken, fowl
    "luciole": ("firefly",),
    "carpe koï": ("carp",),
    "distributeur": ("vending machine", "dispenser"),
    "distributeur automatique": ("vending machine",),
    "distributeur de billets": ("cash machine",),
    "flipper": ("pinball machine",),
    "juke-box": ("jukebox",),
    "machine à sous": ("slot machine",),
    "billard": ("pool table",),
    "table de billard": ("pool table",),
    "batterie": ("drum",),   # FreeDict: battery
    "micro": ("microphone",),
    "microphone": ("microphone",),
    "enceinte": ("loudspeaker",),
    "haut-parleur": ("loudspeaker",),
    "pupitre": ("lectern", "desk"),   # FreeDict: desk, lectern
    "podium": ("podium",),
    "chevalet": ("easel",),
    "tableau": ("painting", "picture"),   # FreeDict: table, tablet
    "pot de fleurs": ("flowerpot",),
    "plante verte": ("houseplant",),
    "jardinière": ("planter", "window box"),
    "pergola": ("pergola",),
    "parasol": ("parasol", "sunshade"),
    "transat": ("deck chair",),
    "chaise longue": ("chaise longue", "deck chair"),
    "hamac": ("hammock",),
    "barbecue": ("barbecue", "grill"),
    "établi": ("workbench",),   # FreeDict: bench, easel, workbench
    "forge": ("forge",),
    "outil": ("tool",),   # FreeDict: agent, means, tool
    "tronçonneuse": ("chainsaw",),
    "perceuse": ("drill",),
    "extincteur": ("fire extinguisher",),
    "bouche d'incendie": ("fireplug",),
    "hydrant": ("fireplug",),
    "citerne": ("tank", "cistern"),   # FreeDict: cistern, tank
    "cuve": ("tank", "vat"),   # FreeDict: tub, vat
    "silo": ("silo",),
    "éolienne": ("wind turbine",),
    "pylône": ("pylon", "tower"),
    "poteau": ("post", "pole"),   # FreeDict: pole, post, stanchion
    "poteau électrique": ("telephone pole",),
    "volière": ("aviary",),
    "vitrine": ("showcase", "shop window"),   # FreeDict: show window, showcase
    "présentoir": ("display",),
    "rayonnage": ("shelf",),
    "casier": ("locker",),   # FreeDict: pigeonhole, locker
    "coffre-fort": ("safe",),
    "coffre": ("chest", "trunk"),   # FreeDict: box, chest, trunk
    "bol": ("bowl",),   # FreeDict: reservoir, basin, bowl
    "machine à café": ("coffee maker",),
    "couverture": ("blanket",),   # FreeDict: cover, hood, lid
    "berceau": ("cradle", "crib"),
    "ballon": ("ball", "balloon"),   # FreeDict: balloon, football, soccer ball
    "cible": ("target",),
    "confessionnal": ("confessional",),
    "banc d'église": ("pew",),
    "vitrail": ("stained-glass window",),
    "arcade": ("arcade",),   # FreeDict: arch, archway
    "dôme": ("dome",),
    "coupole": ("cupola", "dome"),
    "arche": ("arch",),
    "porche": ("porch",),
    "lucarne": ("dormer", "skylight"),   # FreeDict: porthole, skylight
    "porte d'entrée": ("front door",),
    "portique": ("portico",),
    "auvent": ("awning", "canopy"),
    "marquise": ("marquee", "canopy"),
    "verrière": ("skylight", "canopy"),
    "tente de marché": ("stall",),
    "chapiteau": ("big top", "circus tent"),
    "grande roue": ("ferris wheel",),
    "montagnes russes": ("roller coaster",),
    "fête foraine": ("fairground", "funfair"),
    "ranch": ("ranch",),
    "saloon": ("saloon",),
    "prison de haute sécurité": ("prison",),
    "cellule de prison": ("cell", "jail cell"),
}
