"""The catalogue's kinds as data: names (EN/FR), category, typical size in metres
(width x, depth y, height z), placement, and the family + parameters that build them.

Sizes are catalogue dimensions (IKEA/Habitat ranges for furniture, EN 60456 for
washers, 19-inch 42U for server racks, manufacturers' sheets for vehicles); each
row is one line so the table reads as a catalogue.
"""

from __future__ import annotations

from . import furniture, lights, living, machines, objects, smalls, vehicles  # noqa: F401 (register)
from .core import PropKind

KINDS: dict[str, PropKind] = {}

_HOLDS = {"table", "cabinet", "shelf"}


def K(id: str, en: str, fr: str, cat: str, size: tuple[float, float, float], place: str,
      fam: str, *, out: bool = False, ind: bool = True, holds: bool | None = None,
      surface: float | None = None, wn: str = "", **params) -> None:
    """One kind: names are '|'-separated, the first is the label."""
    if id in KINDS:
        raise ValueError(f"duplicate prop kind {id!r}")
    if holds is None:
        holds = fam in _HOLDS and size[2] <= 1.3 and place in ("floor", "ground", "wall")
    if holds and surface is None:
        surface = size[2]
    KINDS[id] = PropKind(id, tuple(en.split("|")), tuple(fr.split("|")), cat,
                         tuple(float(v) for v in size), place, ind, out, bool(holds),
                         surface, tuple(w for w in wn.split("|") if w), fam,
                         tuple(sorted(params.items())))


# ----------------------------------------------------------------------------- furniture
K("wardrobe", "wardrobe|armoire|closet", "armoire|penderie|garde-robe", "furniture",
  (1.2, 0.6, 2.0), "floor", "cabinet", cols=2, wn="wardrobe", holds=False)
K("nightstand", "nightstand|bedside table|night table", "table de chevet|chevet|table de nuit",
  "furniture", (0.45, 0.4, 0.55), "floor", "cabinet", cols=1, drawers=1,
  wn="nightstand|night_table")
K("dresser", "dresser|chest of drawers|bureau", "commode", "furniture", (1.0, 0.5, 0.85), "floor",
  "cabinet", drawers=4, doors=False, dcols=1, wn="chest_of_drawers|dresser")
K("tallboy", "tallboy|highboy", "chiffonnier|semainier", "furniture", (0.6, 0.45, 1.3), "floor",
  "cabinet", drawers=6, doors=False, wn="highboy|tallboy", holds=False)
K("filing_cabinet", "filing cabinet|file cabinet", "classeur|meuble classeur|armoire à dossiers",
  "office", (0.47, 0.62, 1.32), "floor", "cabinet", drawers=4, doors=False, mat="machine",
  legs=False, wn="file|filing_cabinet")
K("sideboard", "sideboard|buffet|credenza", "buffet|bahut|enfilade", "furniture", (1.6, 0.45, 0.8),
  "floor", "cabinet", cols=3, drawers=1, wn="sideboard|buffet")
K("cupboard", "cupboard|storage cabinet|cabinet", "placard|meuble de rangement", "furniture",
  (0.9, 0.45, 1.8), "floor", "cabinet", cols=2, wn="cupboard", holds=False)
K("kitchen_cabinet", "kitchen cabinet|base unit|kitchen unit", "meuble de cuisine|élément bas",
  "kitchen", (0.8, 0.6, 0.9), "floor", "cabinet", cols=2, drawers=1, mat="cabinet", top="worktop",
  legs=False)
K("wall_cabinet", "wall cabinet|wall cupboard", "meuble haut|placard mural", "kitchen",
  (0.8, 0.35, 0.7), "wall", "cabinet", cols=2, mat="cabinet")
K("medicine_cabinet", "medicine cabinet|bathroom cabinet",
  "armoire à pharmacie|armoire de toilette", "bath", (0.5, 0.27, 0.6), "wall", "cabinet", cols=1,
  mat="cabinet", mirror=True, wn="medicine_chest")
K("locker", "locker|gym locker", "casier|vestiaire", "furniture", (0.4, 0.5, 1.8), "floor",
  "cabinet", cols=1, mat="machine", legs=False, wn="locker", holds=False)
K("tv_stand", "tv stand|media console|tv unit", "meuble tv|meuble télé", "furniture",
  (1.5, 0.4, 0.5), "floor", "cabinet", cols=2, drawers=1)
K("display_cabinet", "display cabinet|vitrine|china cabinet|curio cabinet", "vitrine|vaisselier",
  "furniture", (1.0, 0.42, 1.9), "floor", "cabinet", cols=2, glass=True, wn="china_cabinet",
  holds=False)
K("vanity_unit", "vanity unit|bathroom vanity|vanity", "meuble vasque|meuble de salle de bain",
  "bath", (0.8, 0.46, 0.85), "floor", "cabinet", cols=2, mat="cabinet", top="stone", legs=False)
K("safe", "safe|strongbox", "coffre-fort", "office", (0.5, 0.5, 0.7), "floor", "cabinet", cols=1,
  mat="dark_metal", handle="chrome", legs=False, wn="safe")
K("tool_chest", "tool chest|tool cabinet|roll cabinet", "servante d'atelier|armoire à outils",
  "industrial", (0.7, 0.46, 1.0), "floor", "cabinet", drawers=7, doors=False, mat="rack",
  legs=False)
K("shop_counter", "shop counter|counter|sales counter", "comptoir|comptoir de magasin", "market",
  (1.8, 0.6, 1.0), "floor", "cabinet", cols=3, mat="wood", top="worktop", legs=False, wn="counter")
K("reception_desk", "reception desk|front desk|reception counter",
  "comptoir d'accueil|banque d'accueil|réception", "office", (2.0, 0.7, 1.1), "floor", "cabinet",
  cols=4, doors=True, mat="cabinet", top="worktop", legs=False)
K("dj_booth", "dj booth|dj desk|mixing desk|mixing console|turntables", "cabine de dj|table de mixage|platines",
  "decor", (2.0, 0.8, 1.1), "floor", "cabinet", cols=2, doors=False, mat="dark_metal", top="worktop",
  legs=False)
K("bookcase", "bookcase|bookshelf|bookshelves", "bibliothèque|étagère à livres", "furniture",
  (0.9, 0.32, 2.0), "floor", "shelf", shelves=5, wn="bookcase", holds=False)
K("low_bookcase", "low bookcase|low shelf", "bibliothèque basse|étagère basse", "furniture",
  (1.2, 0.3, 0.9), "floor", "shelf", shelves=2)
K("wall_shelf", "wall shelf|shelf|floating shelf", "étagère murale|étagère|tablette", "decor",
  (0.8, 0.22, 0.25), "wall", "shelf", shelves=1, books=False, wn="shelf", holds=True, surface=0.25)
K("metal_shelving", "metal shelving|shelving unit|storage rack", "étagère métallique|rayonnage",
  "industrial", (1.0, 0.45, 1.8), "floor", "shelf", shelves=4, frame="metal", mat="metal",
  books=False, wn="shelving")
K("pantry_shelf", "pantry shelf|larder shelf", "étagère de garde-manger", "kitchen",
  (0.8, 0.35, 1.7), "floor", "shelf", shelves=5, mat="wood", books=False)
K("wine_rack", "wine rack", "casier à bouteilles|porte-bouteilles", "kitchen", (0.6, 0.3, 0.9),
  "floor", "shelf", shelves=4, books=False, items="bottles", wn="wine_rack")
K("shoe_rack", "shoe rack", "range-chaussures|étagère à chaussures", "furniture", (0.8, 0.3, 0.5),
  "floor", "shelf", shelves=2, books=False, items="shoes")
K("library_stack", "library stack|stacks|library shelving", "rayonnage de bibliothèque",
  "furniture", (1.0, 0.5, 2.2), "floor", "shelf", shelves=6, frame="metal", mat="cabinet")
K("dining_table", "dining table|table", "table à manger|table|table de salle à manger", "furniture",
  (1.8, 0.9, 0.75), "floor", "table", wn="dining_table|table")
K("kitchen_table", "kitchen table", "table de cuisine", "kitchen", (1.2, 0.8, 0.75), "floor",
  "table", drawer=True, wn="kitchen_table")
K("coffee_table", "coffee table|cocktail table", "table basse", "furniture", (1.1, 0.6, 0.42),
  "floor", "table", shelf=True, apron=False, wn="coffee_table")
K("side_table", "side table|end table|occasional table", "guéridon|table d'appoint|bout de canapé",
  "furniture", (0.5, 0.5, 0.55), "floor", "table", round=True, wn="end_table")
K("console_table", "console table|hall table|console", "console|table console", "furniture",
  (1.1, 0.35, 0.8), "floor", "table", drawer=True, wn="console_table")
K("desk", "desk|office desk|writing desk", "bureau|table de travail", "office", (1.4, 0.7, 0.74),
  "floor", "table", pedestal_drawers=True, apron=False, wn="desk")
K("school_desk", "school desk|pupil desk", "pupitre|bureau d'écolier", "office", (0.7, 0.5, 0.72),
  "floor", "table", mat="worktop", legmat="dark_metal", legs=2, apron=False, wn="school_desk")
K("workbench", "workbench|work bench|carpenter's bench", "établi", "industrial", (1.8, 0.75, 0.9),
  "floor", "table", top_t=0.06, shelf=True, legs=2, wn="workbench")
K("conference_table", "conference table|meeting table|boardroom table",
  "table de réunion|table de conférence", "office", (3.0, 1.2, 0.74), "floor", "table",
  trestle=True, wn="conference_table")
K("folding_table", "folding table|trestle table", "table pliante|table à tréteaux", "furniture",
  (1.8, 0.75, 0.74), "floor", "table", mat="plastic", legmat="metal", legs=2, apron=False,
  trestle=True)
K("picnic_table", "picnic table", "table de pique-nique", "street", (1.8, 1.6, 0.75), "ground",
  "table", benches=True, apron=False, legs=2, out=True, ind=False, wn="picnic_table")
K("bistro_table", "bistro table|café table|cafe table",
  "table de bistrot|table de café|guéridon de bistrot", "furniture", (0.6, 0.6, 0.74), "floor",
  "table", round=True, pedestal=True, topmat="stone", legmat="dark_metal", out=True)
K("drafting_table", "drafting table|drawing table|drawing board", "table à dessin", "office",
  (1.2, 0.8, 1.0), "floor", "table", legs=2, legmat="metal", tilt=15, holds=False, wn="drafting_table")
K("dining_chair", "chair|dining chair", "chaise|chaise de salle à manger", "furniture",
  (0.45, 0.5, 0.9), "floor", "chair", wn="chair|side_chair")
K("kitchen_chair", "kitchen chair|wooden chair", "chaise de cuisine|chaise en bois", "kitchen",
  (0.42, 0.46, 0.86), "floor", "chair", backstyle=2)
K("office_chair", "office chair|desk chair|swivel chair",
  "chaise de bureau|fauteuil de bureau|chaise pivotante", "office", (0.62, 0.62, 1.0), "floor",
  "chair", base="swivel", seatmat="upholstery", cushion=True, wn="swivel_chair")
K("folding_chair", "folding chair", "chaise pliante", "furniture", (0.45, 0.48, 0.8), "floor",
  "chair", base="tube", mat="metal", seatmat="plastic", backstyle=1, wn="folding_chair")
K("school_chair", "school chair|classroom chair|stacking chair",
  "chaise d'école|chaise scolaire|chaise empilable", "office", (0.42, 0.46, 0.8), "floor", "chair",
  base="tube", seatmat="plastic", mat="plastic", backstyle=1, seat=0.42)
K("stool", "stool", "tabouret", "furniture", (0.35, 0.35, 0.46), "floor", "chair", back=False,
  round=True, wn="stool")
K("bar_stool", "bar stool|high stool", "tabouret de bar|tabouret haut", "furniture",
  (0.4, 0.4, 0.76), "floor", "chair", back=False, round=True, seat=0.76, seatmat="upholstery",
  railmat="chrome", wn="barstool")
K("rocking_chair", "rocking chair|rocker", "rocking-chair|fauteuil à bascule|chaise à bascule",
  "furniture", (0.6, 0.85, 1.05), "floor", "chair", base="rockers", arms=True, backstyle=2,
  wn="rocking_chair")
K("armchair_wood", "wooden armchair|carver chair", "fauteuil en bois", "furniture",
  (0.58, 0.55, 0.92), "floor", "chair", arms=True, cushion=True)
K("high_chair", "high chair|baby chair", "chaise haute", "furniture", (0.5, 0.55, 1.05), "floor",
  "chair", seat=0.55, arms=True, wn="highchair")
K("garden_chair", "garden chair|patio chair", "chaise de jardin|fauteuil de jardin", "street",
  (0.55, 0.55, 0.85), "ground", "chair", mat="plastic", backstyle=1, arms=True, out=True)
K("pew", "pew|church bench", "banc d'église", "furniture", (3.0, 0.6, 0.95), "floor", "chair",
  legs=2, backstyle=1, wn="pew")
K("bench", "bench|wooden bench", "banc|banc en bois", "furniture", (1.4, 0.4, 0.45), "floor",
  "chair", back=False, legs=2, wn="bench")
K("park_bench", "park bench|street bench", "banc public|banc de parc", "street", (1.8, 0.65, 0.85),
  "ground", "chair", backstyle=0, legs=2, arms=True, railmat="dark_metal", out=True, ind=False,
  wn="park_bench")
K("piano_stool", "piano stool|piano bench", "banquette de piano|tabouret de piano", "furniture",
  (0.55, 0.35, 0.5), "floor", "chair", back=False, cushion=True, legs=1)
K("sofa", "sofa|couch|settee", "canapé|sofa|divan", "furniture", (2.1, 0.9, 0.85), "floor", "sofa",
  seats=3, wn="sofa|couch")
K("loveseat", "loveseat|two-seater sofa", "causeuse|canapé deux places", "furniture",
  (1.5, 0.88, 0.85), "floor", "sofa", seats=2, wn="love_seat")
K("armchair", "armchair|easy chair|club chair", "fauteuil|fauteuil club", "furniture",
  (0.9, 0.88, 0.9), "floor", "sofa", seats=1, wn="armchair|easy_chair")
K("ottoman", "ottoman|footstool|pouffe", "pouf|repose-pieds", "furniture", (0.6, 0.6, 0.42),
  "floor", "sofa", seats=1, arms=False, back=False, seat=0.42, wn="ottoman|footstool")
K("chaise_longue", "chaise longue|daybed|chaise lounge", "méridienne|chaise longue|lit de repos",
  "furniture", (0.8, 1.7, 0.8), "floor", "sofa", seats=1, arms=False, wn="chaise_longue|daybed")
K("banquette", "banquette|booth seat|bench seat", "banquette", "furniture", (1.6, 0.6, 1.0),
  "floor", "sofa", seats=2, arms=False, seat=0.45, wn="banquette")
K("sectional_sofa", "sectional sofa|corner sofa|large sofa", "canapé d'angle|grand canapé",
  "furniture", (2.8, 0.95, 0.82), "floor", "sofa", seats=3)
K("double_bed", "bed|double bed", "lit|lit double|grand lit", "furniture", (1.6, 2.1, 1.05),
  "floor", "bed", wn="bed|double_bed")
K("single_bed", "single bed|twin bed", "lit simple|lit une place", "furniture", (0.95, 2.05, 0.95),
  "floor", "bed", wn="single_bed|twin_bed")
K("king_bed", "king bed|king-size bed", "lit king size|lit deux places", "furniture",
  (1.9, 2.15, 1.15), "floor", "bed")
K("bunk_bed", "bunk bed|bunks", "lits superposés|lit superposé", "furniture", (1.0, 2.05, 1.65),
  "floor", "bed", levels=2, wn="bunk_bed")
K("crib", "crib|cot|baby bed", "berceau|lit de bébé|lit à barreaux", "furniture", (0.7, 1.3, 0.95),
  "floor", "bed", bars=True, head=0.95, frame=0.35, mattress_t=0.1, wn="crib")
K("hospital_bed", "hospital bed", "lit d'hôpital|lit médicalisé", "medical", (1.0, 2.2, 1.05),
  "floor", "bed", mat="metal", rails=True, frame=0.45, mattress_t=0.16, wn="hospital_bed")
K("camp_bed", "camp bed|cot|army cot", "lit de camp", "furniture", (0.75, 1.9, 0.45), "floor",
  "bed", frame=0.3, mattress_t=0.06, head=0.42, mat="metal", wn="camp_bed")
K("mattress", "mattress", "matelas", "furniture", (1.4, 1.9, 0.2), "floor", "textile",
  style="mattress", mat="linen", wn="mattress")

# ----------------------------------------------------------------------------- appliances
K("washing_machine", "washing machine|washer|washing-machine", "lave-linge|machine à laver",
  "appliance", (0.6, 0.6, 0.85), "floor", "appliance", face="porthole", wn="washer|washing_machine",
  holds=True, surface=0.85)
K("dryer", "dryer|tumble dryer|clothes dryer", "sèche-linge|séchoir", "appliance",
  (0.6, 0.62, 0.85), "floor", "appliance", face="porthole", wn="clothes_dryer|dryer", holds=True,
  surface=0.85)
K("fridge", "fridge|refrigerator", "réfrigérateur|frigo|frigidaire", "kitchen", (0.6, 0.65, 1.85),
  "floor", "appliance", face="fridge", wn="refrigerator|icebox")
K("chest_freezer", "chest freezer|freezer", "congélateur|congélateur coffre", "kitchen",
  (1.1, 0.65, 0.85), "floor", "appliance", face="lid", wn="deep-freeze|freezer", holds=True,
  surface=0.85)
K("dishwasher", "dishwasher", "lave-vaisselle", "kitchen", (0.6, 0.6, 0.85), "floor", "appliance",
  face="panel", wn="dishwasher", holds=True, surface=0.85)
K("cooker", "cooker|stove|oven|kitchen range", "cuisinière|four|gazinière|fourneau", "kitchen",
  (0.6, 0.6, 0.9), "floor", "appliance", face="oven", wn="stove|kitchen_stove|oven")
K("microwave", "microwave|microwave oven", "micro-ondes|four à micro-ondes", "kitchen",
  (0.5, 0.38, 0.3), "surface", "appliance", face="microwave", wn="microwave")
K("vending_machine", "vending machine|drinks machine|soda machine",
  "distributeur automatique|distributeur de boissons", "appliance", (0.9, 0.8, 1.85), "floor",
  "appliance", face="vending", mat="vehicle_paint", wn="slot_machine|vending_machine")
K("server_rack", "server rack|rack|server cabinet|19-inch rack",
  "baie serveur|baie informatique|armoire serveur|rack", "office", (0.6, 1.07, 2.0), "floor",
  "appliance", face="rack", mat="dark_metal", wn="rack|server")
K("arcade_cabinet", "arcade cabinet|arcade machine|arcade game", "borne d'arcade|jeu d'arcade",
  "appliance", (0.7, 0.8, 1.8), "floor", "appliance", face="screen", mat="dark_metal",
  glow="magenta", wn="arcade")
K("atm", "atm|cash machine|cashpoint", "distributeur de billets|guichet automatique|dab", "street",
  (0.7, 0.7, 1.6), "floor", "appliance", face="screen", mat="metal", out=True,
  wn="cash_machine|automatic_teller")
K("jukebox", "jukebox", "juke-box", "appliance", (0.9, 0.65, 1.5), "floor", "appliance",
  face="screen", mat="wood", glow="amber", wn="jukebox")
K("slot_machine", "slot machine|fruit machine", "machine à sous|bandit manchot", "appliance",
  (0.6, 0.6, 1.7), "floor", "appliance", face="screen", mat="vehicle_paint", glow="gold",
  wn="slot_machine")
K("ticket_machine", "ticket machine|ticket vending machine",
  "distributeur de tickets|borne de billetterie", "street", (0.6, 0.56, 1.7), "floor", "appliance",
  face="screen", mat="machine", out=True)
K("air_conditioner", "air conditioner|air conditioning unit|ac unit", "climatiseur|climatisation",
  "appliance", (0.85, 0.25, 0.3), "wall", "appliance", face="grille", wn="air_conditioner")
K("outdoor_ac_unit", "outdoor ac unit|condenser unit", "unité extérieure|groupe de climatisation",
  "industrial", (0.85, 0.35, 0.65), "ground", "appliance", face="grille", out=True)
K("radiator", "radiator|heater", "radiateur|chauffage", "decor", (0.8, 0.1, 0.6), "wall",
  "appliance", face="radiator", mat="machine", wn="radiator")
K("boiler", "boiler|water heater", "chaudière|chauffe-eau|ballon d'eau chaude", "appliance",
  (0.45, 0.35, 0.75), "wall", "appliance", face="grille", wn="boiler|water_heater")
K("photocopier", "photocopier|copier|copy machine", "photocopieuse|photocopieur", "office",
  (0.6, 0.65, 1.15), "floor", "appliance", face="lid", wn="photocopier")
K("ice_machine", "ice machine|ice maker", "machine à glaçons", "kitchen", (0.6, 0.7, 1.0), "floor",
  "appliance", face="lid")
K("generator", "generator|power generator", "groupe électrogène|générateur", "industrial",
  (0.7, 0.55, 0.6), "ground", "appliance", face="generator", mat="rack_beam", out=True,
  wn="generator")
K("electrical_cabinet", "electrical cabinet|fuse box|switchboard",
  "armoire électrique|tableau électrique|boîte à fusibles", "industrial", (0.6, 0.31, 0.8), "wall",
  "appliance", face="panel", mat="machine", wn="fuse_box|switchboard")
K("printer", "printer", "imprimante", "office", (0.45, 0.4, 0.25), "surface", "appliance",
  face="printer", wn="printer")
K("cash_register", "cash register|till|checkout", "caisse enregistreuse|caisse", "market",
  (0.4, 0.45, 0.35), "surface", "appliance", face="register", wn="cash_register")
K("toaster", "toaster", "grille-pain", "kitchen", (0.3, 0.18, 0.2), "surface", "appliance",
  face="toaster", mat="chrome", wn="toaster")
K("coffee_machine", "coffee machine|espresso machine|coffee maker",
  "machine à café|cafetière|percolateur", "kitchen", (0.35, 0.4, 0.42), "surface", "appliance",
  face="espresso", mat="chrome", wn="coffee_maker|espresso_maker")
K("amplifier", "amplifier|amp|guitar amp", "amplificateur|ampli", "decor", (0.55, 0.28, 0.45),
  "floor", "appliance", face="speaker", mat="dark_metal", wn="amplifier")
K("loudspeaker", "loudspeaker|speaker|speaker cabinet", "enceinte|haut-parleur|baffle", "decor",
  (0.35, 0.35, 0.9), "floor", "appliance", face="speaker", mat="wood", wn="loudspeaker")
K("computer_tower", "computer|computer tower|pc|desktop computer",
  "ordinateur|tour d'ordinateur|unité centrale", "office", (0.2, 0.45, 0.45), "floor", "appliance",
  face="tower", mat="dark_metal", wn="computer|desktop")
K("water_cooler", "water cooler|water dispenser", "fontaine à eau|distributeur d'eau", "office",
  (0.32, 0.35, 1.3), "floor", "appliance", face="cooler", wn="water_cooler")
K("monitor", "monitor|computer monitor|screen|display", "moniteur|écran|écran d'ordinateur",
  "office", (0.6, 0.2, 0.45), "surface", "screen", stand="foot", glow_w=4.0, wn="monitor|display")
K("television", "television|tv|tv set|telly", "télévision|télé|téléviseur|poste de télévision",
  "decor", (1.2, 0.25, 0.75), "surface", "screen", stand="legs", glow_w=8.0,
  wn="television|television_receiver")
K("wall_tv", "wall-mounted tv|flat screen|flat-screen tv", "écran plat|télévision murale", "decor",
  (1.3, 0.06, 0.75), "wall", "screen", stand="wall", glow_w=8.0)
K("crt_tv", "old television|crt tv|crt monitor|cathode-ray tube",
  "vieille télévision|téléviseur cathodique|écran cathodique", "decor", (0.6, 0.5, 0.5), "surface",
  "screen", crt=True, stand="none", glow_w=5.0, wn="crt_screen")
K("laptop", "laptop|notebook computer|laptop computer", "ordinateur portable|portable", "office",
  (0.34, 0.24, 0.24), "surface", "screen", stand="laptop", wn="laptop|notebook")
K("vital_signs_monitor", "patient monitor|vital signs monitor|heart monitor",
  "moniteur cardiaque|moniteur de surveillance|scope", "medical", (0.6, 0.6, 1.5), "floor",
  "screen", stand="pole", glow_w=3.0, glow="green")

# ----------------------------------------------------------------------------- light sources
K("table_lamp", "table lamp|lamp", "lampe|lampe de table|lampe à poser", "light",
  (0.35, 0.35, 0.55), "surface", "lamp", style="table", wn="table_lamp|lamp")
K("bedside_lamp", "bedside lamp|night light", "lampe de chevet|veilleuse", "light",
  (0.25, 0.25, 0.4), "surface", "lamp", style="table", watts=25.0)
K("floor_lamp", "floor lamp|standard lamp|standing lamp", "lampadaire|lampe sur pied", "light",
  (0.45, 0.45, 1.65), "floor", "lamp", style="floor", watts=60.0, wn="floor_lamp|standard")
K("desk_lamp", "desk lamp|anglepoise|reading lamp", "lampe de bureau|lampe d'architecte", "light",
  (0.45, 0.15, 0.5), "surface", "lamp", style="desk", wn="desk_lamp")
K("fluorescent_light", "fluorescent light|fluorescent tube|strip light|tube light|neon tube light",
  "tube fluorescent|néon|réglette|tube néon", "light", (1.25, 0.2, 0.4), "ceiling", "fixture",
  style="batten", watts=45.0, colour="white", wn="fluorescent|fluorescent_lamp")
K("pendant_light", "pendant light|pendant lamp|hanging lamp|ceiling lamp",
  "suspension|lustre simple|lampe suspendue", "light", (0.4, 0.4, 0.8), "ceiling", "fixture",
  style="pendant", watts=60.0, colour="cream", wn="pendant|droplight")
K("ceiling_light", "ceiling light|dome light|flush light", "plafonnier", "light",
  (0.35, 0.35, 0.12), "ceiling", "fixture", style="dome", watts=50.0, colour="cream",
  wn="ceiling_light")
K("wall_sconce", "wall sconce|sconce|wall light|wall lamp", "applique|applique murale", "light",
  (0.18, 0.2, 0.2), "wall", "fixture", style="sconce", watts=30.0, colour="cream", wn="sconce")
K("street_lamp", "street lamp|lamp post|streetlight|lamppost",
  "réverbère|lampadaire de rue|candélabre", "street", (0.45, 0.45, 3.8), "ground", "fixture",
  style="street", watts=150.0, colour="cream", out=True, ind=False, wn="streetlight|street_lamp")
K("sodium_lamp", "sodium lamp|sodium light|sodium street light|highway light",
  "lampe au sodium|lampadaire au sodium|éclairage au sodium", "street", (0.35, 1.8, 6.0), "ground",
  "fixture", style="sodium", watts=250.0, colour="amber", out=True, ind=False,
  wn="sodium-vapor_lamp")
K("stage_light", "stage light|spotlight|film light|projector lamp",
  "projecteur|spot|projecteur de scène", "light", (0.45, 0.55, 1.9), "floor", "fixture",
  style="spot", watts=500.0, colour="cream", wn="spotlight|floodlight")
K("floodlight", "floodlight|security light|work light",
  "projecteur extérieur|lampe de chantier|projecteur de chantier", "light", (0.3, 0.15, 0.25),
  "wall", "fixture", style="flood", watts=200.0, colour="white", out=True)
K("exit_sign", "exit sign|emergency exit sign",
  "panneau sortie de secours|sortie de secours|bloc de secours", "light", (0.35, 0.06, 0.15),
  "wall", "fixture", style="exit", watts=3.0, sign_colour="green")
K("light_bulb", "light bulb|bare bulb|bulb", "ampoule|ampoule nue", "light", (0.07, 0.07, 0.5),
  "ceiling", "fixture", style="bulb", watts=40.0, colour="cream", wn="light_bulb|bulb")
K("chandelier", "chandelier", "lustre|lustre à pampilles", "light", (0.6, 0.6, 0.55), "ceiling",
  "fixture", style="chandelier", watts=120.0, wn="chandelier")
K("candle", "candle|taper", "bougie|chandelle|cierge", "light", (0.05, 0.05, 0.25), "surface",
  "flame", style="candle", wn="candle|taper")
K("pillar_candle", "pillar candle|church candle", "bougie pilier|gros cierge", "light",
  (0.08, 0.08, 0.18), "surface", "flame", style="candle")
K("candelabra", "candelabra|candlestick|candle holder",
  "candélabre|chandelier à bougies|bougeoir|flambeau", "light", (0.28, 0.025, 0.5), "surface",
  "flame", style="candelabra", wn="candelabrum|candlestick")
K("wall_torch", "torch|wall torch|flaming torch", "torche|flambeau mural|torchère", "light",
  (0.1, 0.15, 0.7), "wall", "flame", style="torch", wn="torch")
K("lantern", "lantern|hurricane lamp|oil lantern", "lanterne|lampe tempête|falot", "light",
  (0.2, 0.2, 0.35), "surface", "flame", style="lantern", wn="lantern")
K("camping_lantern", "camping lantern|gas lantern", "lampe de camping|lanterne de camping", "light",
  (0.16, 0.16, 0.3), "surface", "flame", style="lantern", watts=15.0, colour="white")
K("oil_lamp", "oil lamp|kerosene lamp|paraffin lamp", "lampe à huile|lampe à pétrole", "light",
  (0.16, 0.16, 0.45), "surface", "flame", style="oil_lamp", wn="oil_lamp|kerosene_lamp")
K("brazier", "brazier|fire pit|fire basket", "brasero|brasier", "light", (0.6, 0.6, 0.9), "ground",
  "flame", style="brazier", out=True, wn="brazier")
K("campfire", "campfire|bonfire|fire", "feu de camp|feu de bois|brasier de camp", "nature",
  (1.0, 1.0, 0.7), "ground", "flame", style="campfire", out=True, ind=False, wn="campfire|bonfire")
K("string_lights", "string lights|fairy lights|festoon lights|christmas lights",
  "guirlande lumineuse|guirlande|guinguette", "light", (4.0, 0.022, 0.5), "ceiling",
  "string_lights", bulbs=24, bulb_h=0.03, watts=0.8, wn="string_of_lights")
K("festoon_lights", "festoon bulbs|party lights|bulb garland",
  "guirlande guinguette|guirlande d'ampoules", "light", (6.0, 0.056, 0.8), "ceiling",
  "string_lights", bulbs=16, bulb_h=0.08, watts=3.0, out=True)
K("paper_lantern", "paper lantern|chinese lantern", "lanterne en papier|lampion|lanterne chinoise",
  "light", (0.4, 0.4, 0.6), "ceiling", "fixture", style="pendant", shade="globe", mat="lampshade",
  watts=25.0, colour="orange", wn="chinese_lantern")

# ----------------------------------------------------------------------------- tableware, kitchen, vessels
K("cup", "cup|teacup", "tasse|tasse à thé", "tableware", (0.12, 0.09, 0.075), "surface", "vessel",
  shape="cup", extra="handle", wn="cup|teacup")
K("mug", "mug|coffee mug", "mug|grande tasse|chope", "tableware", (0.105, 0.08, 0.1), "surface",
  "vessel", shape="mug", extra="handle", wn="mug")
K("drinking_glass", "glass|tumbler|drinking glass", "verre|gobelet|verre à eau", "tableware",
  (0.075, 0.075, 0.12), "surface", "vessel", shape="glass", mat="glass", wn="glass|tumbler")
K("wine_glass", "wine glass|goblet", "verre à vin|verre à pied", "tableware", (0.085, 0.085, 0.2),
  "surface", "vessel", shape="wine_glass", mat="glass", wn="wineglass|goblet")
K("bowl", "bowl", "bol|saladier", "tableware", (0.16, 0.16, 0.07), "surface", "vessel",
  shape="bowl", wn="bowl")
K("plate", "plate|dinner plate|dish", "assiette|plat", "tableware", (0.27, 0.27, 0.025), "surface",
  "vessel", shape="plate", wn="plate|dish")
K("fruit_bowl", "fruit bowl", "coupe de fruits|corbeille de fruits", "tableware", (0.3, 0.3, 0.12),
  "surface", "vessel", shape="bowl", contents="fruit")
K("teapot", "teapot", "théière", "tableware", (0.26, 0.16, 0.18), "surface", "vessel",
  shape="teapot", extra="spout", wn="teapot")
K("kettle", "kettle|tea kettle", "bouilloire", "kitchen", (0.26, 0.16, 0.24), "surface", "vessel",
  shape="kettle", extra="spout", mat="chrome", wn="kettle|tea_kettle")
K("jug", "jug|pitcher|carafe", "cruche|pichet|carafe|broc", "tableware", (0.18, 0.13, 0.22),
  "surface", "vessel", shape="jug", extra="handle", wn="jug|pitcher")
K("bottle", "bottle", "bouteille", "tableware", (0.075, 0.075, 0.3), "surface", "vessel",
  shape="bottle", mat="bottles", wn="bottle")
K("wine_bottle", "wine bottle", "bouteille de vin", "tableware", (0.08, 0.08, 0.31), "surface",
  "vessel", shape="bottle", mat="bottles", wn="wine_bottle")
K("jar", "jar|storage jar", "bocal|pot|jarre", "kitchen", (0.12, 0.12, 0.18), "surface", "vessel",
  shape="jar", mat="glass", extra="lid", lid_mat="metal", wn="jar")
K("saucepan", "saucepan|pot|cooking pot", "casserole|marmite", "kitchen", (0.38, 0.2, 0.14),
  "surface", "vessel", shape="pot", mat="chrome", extra="pan_handle", wn="saucepan|pot")
K("frying_pan", "frying pan|skillet|pan", "poêle|poêle à frire", "kitchen", (0.48, 0.28, 0.07),
  "surface", "vessel", shape="pan", mat="dark_metal", extra="pan_handle", wn="frying_pan|skillet")
K("stock_pot", "stock pot|cauldron|big pot", "faitout|chaudron|marmite", "kitchen",
  (0.34, 0.34, 0.3), "surface", "vessel", shape="pot", mat="chrome", extra="lid",
  wn="stockpot|caldron")
K("vase", "vase", "vase", "decor", (0.2, 0.2, 0.35), "surface", "vessel", shape="vase", wn="vase")
K("flower_vase", "vase of flowers|bouquet|flowers", "bouquet|vase de fleurs|fleurs", "decor",
  (0.3, 0.3, 0.55), "surface", "vessel", shape="vase", mat="glass", contents="flowers",
  wn="bouquet")
K("amphora", "amphora", "amphore", "decor", (0.4, 0.4, 0.7), "floor", "vessel", shape="amphora",
  mat="terracotta", wn="amphora")
K("urn", "urn", "urne", "decor", (0.4, 0.4, 0.6), "floor", "vessel", shape="urn", mat="stone",
  wn="urn")
K("trophy", "trophy|cup trophy", "trophée|coupe", "decor", (0.18, 0.18, 0.35), "surface", "vessel",
  shape="trophy", mat="brass", wn="trophy")
K("bucket", "bucket|pail", "seau", "clutter", (0.3, 0.3, 0.3), "floor", "vessel", shape="bucket",
  mat="metal", extra="bail", wn="bucket|pail")
K("watering_can", "watering can", "arrosoir", "nature", (0.5, 0.2, 0.35), "ground", "vessel",
  shape="milk_can", mat="metal", extra="spout", wn="watering_can")
K("milk_churn", "milk churn|milk can", "bidon de lait|pot à lait", "market", (0.34, 0.34, 0.7),
  "floor", "vessel", shape="milk_can", mat="metal", wn="milk_can")
K("trash_can", "trash can|bin|rubbish bin|wastebasket|garbage can",
  "poubelle|corbeille|boîte à ordures", "clutter", (0.35, 0.35, 0.6), "floor", "vessel",
  shape="bin", mat="metal", extra="lid", wn="ashcan|wastebasket|bin")
K("oil_drum", "oil drum|drum|steel drum|barrel drum", "fût|bidon|baril|fût métallique",
  "industrial", (0.584, 0.584, 0.88), "ground", "vessel", shape="drum", mat="barrel", out=True,
  wn="drum|barrel")
K("wooden_barrel", "barrel|wooden barrel|cask|wine barrel", "tonneau|barrique|fût de chêne",
  "industrial", (0.6, 0.6, 0.9), "floor", "vessel", shape="barrel", mat="wood", out=True,
  wn="barrel|cask")
K("beer_keg", "keg|beer keg", "fût de bière|tonnelet", "industrial", (0.4, 0.4, 0.6), "floor",
  "vessel", shape="keg", mat="chrome", wn="keg")
K("gas_cylinder", "gas cylinder|gas bottle|propane tank|oxygen tank|oxygen cylinder",
  "bouteille de gaz|bonbonne de gaz|bouteille d'oxygène", "industrial", (0.3, 0.3, 1.0), "floor",
  "vessel", shape="cylinder", mat="rack", extra="valve", wn="cylinder|gas_cylinder")
K("fire_extinguisher", "fire extinguisher|extinguisher", "extincteur", "industrial",
  (0.18, 0.18, 0.6), "floor", "vessel", shape="extinguisher", mat="vehicle_paint", extra="hose",
  wn="fire_extinguisher")
K("flower_pot", "flower pot|plant pot|pot", "pot de fleurs|pot|jardinière", "nature",
  (0.3, 0.3, 0.28), "ground", "vessel", shape="flowerpot", mat="terracotta", contents="soil",
  wn="flowerpot|pot")
K("ball", "ball|football|soccer ball|basketball", "ballon|balle|ballon de foot", "sport",
  (0.22, 0.22, 0.22), "floor", "vessel", shape="sphere", mat="leather",
  wn="ball|football|basketball")
K("globe", "globe|terrestrial globe", "globe|globe terrestre", "decor", (0.32, 0.28, 0.45),
  "surface", "vessel", shape="sphere", mat="poster", extra="stand", wn="globe")
K("cheese_wheel", "cheese wheel|cheese|wheel of cheese", "meule de fromage|fromage|meule", "market",
  (0.4, 0.4, 0.12), "surface", "vessel", shape="cheese", mat="wax", wn="cheese")
K("bread_loaf", "bread|loaf|loaf of bread|baguette|bread roll|croissant|pastry|cake",
  "pain|miche|baguette|croissant|viennoiserie|pâtisseries|gâteau|brioche", "market", (0.3, 0.15, 0.1),
  "surface", "textile", style="cushion", mat="bread", wn="bread|loaf_of_bread|pastry|cake")
K("bread_rack", "bread rack|bread shelf|bread shelves", "étagère à pain|panetière|rayon de pain",
  "market", (1.0, 0.4, 1.8), "floor", "shelf", shelves=4, mat="wood", books=False, items="bread")
K("wicker_basket", "basket|wicker basket|shopping basket",
  "panier|corbeille en osier|panier en osier", "market", (0.4, 0.4, 0.42), "floor", "vessel",
  shape="basket", mat="wicker", extra="bail", hoop=True, bail_mat="wicker", wn="basket|handbasket")
K("laundry_basket", "laundry basket|hamper|clothes basket", "panier à linge|corbeille à linge",
  "bath", (0.5, 0.5, 0.55), "floor", "vessel", shape="basket", mat="wicker",
  wn="hamper|clothes_hamper")
K("bird_bath", "bird bath", "bain d'oiseaux|vasque", "nature", (0.6, 0.6, 0.75), "ground", "vessel",
  shape="trophy", mat="stone", out=True, ind=False, wn="birdbath")

# ----------------------------------------------------------------------------- boxes and cases
K("crate", "crate|wooden crate|packing crate", "caisse|caisse en bois|cageot", "industrial",
  (0.8, 0.6, 0.6), "floor", "box", style="crate", mat="wood", out=True, wn="crate")
K("fruit_crate", "fruit crate|produce crate|vegetable crate",
  "cagette|cageot de fruits|cagette de légumes", "market", (0.5, 0.35, 0.28), "floor", "box",
  style="crate", mat="wood", fruit=True, out=True)
K("cardboard_box", "cardboard box|box|carton|moving box",
  "carton|boîte en carton|caisse en carton|boîte", "clutter", (0.5, 0.4, 0.4), "floor", "box",
  mat="cardboard", flaps=True, bevel=0.004, wn="carton|box|cardboard_box")
K("suitcase", "suitcase|luggage|valise", "valise|bagage", "clutter", (0.5, 0.25, 0.72), "floor",
  "box", style="suitcase", mat="leather", wn="bag|suitcase|luggage")
K("trunk", "trunk|chest|treasure chest|steamer trunk", "malle|coffre|coffre au trésor", "decor",
  (0.9, 0.5, 0.6), "floor", "box", style="trunk", mat="wood", lid=0.3, wn="trunk|chest")
K("toolbox", "toolbox|tool box", "boîte à outils|caisse à outils", "industrial", (0.5, 0.22, 0.25),
  "floor", "box", mat="vehicle_paint", lid=0.2, handle=True, wn="toolbox|tool_chest")
K("sack", "sack|bag of grain|flour sack|burlap sack", "sac|sac de toile|sac de farine|sac de jute",
  "market", (0.5, 0.3, 0.75), "floor", "box", style="soft", mat="canvas", neck=True, wn="sack|poke")
K("trash_bag", "trash bag|bin bag|garbage bag|rubbish bag", "sac poubelle|sac-poubelle", "clutter",
  (0.5, 0.45, 0.7), "ground", "box", style="soft", mat="bag", neck=True, out=True, wn="garbage_bag")
K("backpack", "backpack|rucksack|school bag", "sac à dos|cartable", "clutter", (0.32, 0.2, 0.45),
  "floor", "box", style="soft", mat="fabric", straps=True, strap_mat="dark_metal",
  wn="backpack|rucksack")
K("sandbag", "sandbag", "sac de sable", "industrial", (0.6, 0.35, 0.15), "ground", "box",
  style="soft", mat="canvas", out=True, wn="sandbag")
K("pallet", "pallet|euro pallet", "palette|palette europe", "industrial", (1.2, 0.8, 0.144),
  "floor", "box", style="pallet", mat="wood", out=True, wn="pallet")
K("shipping_container", "shipping container|container|freight container",
  "conteneur|container|conteneur maritime", "industrial", (6.06, 2.44, 2.59), "ground", "box",
  style="container", mat="rack", out=True, ind=False, wn="container|cargo_container")
K("pizza_box", "pizza box", "boîte à pizza|carton à pizza", "clutter", (0.33, 0.33, 0.04),
  "surface", "box", mat="cardboard", bevel=0.002)
K("shoebox", "shoebox|shoe box", "boîte à chaussures", "clutter", (0.33, 0.2, 0.12), "surface",
  "box", mat="cardboard", lid=0.3, bevel=0.002)
K("briefcase", "briefcase|attaché case", "mallette|attaché-case|porte-documents", "office",
  (0.45, 0.12, 0.33), "floor", "box", mat="leather", handle=True, bevel=0.01, wn="briefcase")
K("jewellery_box", "jewellery box|jewelry box|music box", "boîte à bijoux|coffret|boîte à musique",
  "decor", (0.22, 0.15, 0.1), "surface", "box", mat="wood", lid=0.3, wn="jewel_box")
K("mailbox", "mailbox|letterbox|post box", "boîte aux lettres", "street", (0.35, 0.2, 0.4), "wall",
  "box", mat="dark_metal", lid=0.15, out=True, wn="mailbox|letter_box")
K("hay_bale", "hay bale|bale of hay|straw bale", "botte de foin|botte de paille|balle de foin",
  "nature", (0.9, 0.45, 0.4), "ground", "rock", style="bale", mat="cardboard", out=True, ind=False,
  wn="bale|hay")
K("round_bale", "round bale|round hay bale", "balle ronde|rouleau de foin|botte ronde", "nature",
  (1.2, 1.2, 1.2), "ground", "rock", style="bale", round=True, mat="cardboard", out=True, ind=False)

# ----------------------------------------------------------------------------- wall pieces
K("picture_frame", "picture|painting|picture frame|framed picture", "tableau|cadre|peinture|toile",
  "decor", (0.7, 0.04, 0.5), "wall", "panel", face="poster", mat="wood",
  wn="picture|painting|frame")
K("mirror", "mirror|wall mirror", "miroir|glace", "decor", (0.6, 0.04, 0.9), "wall", "panel",
  face="mirror", mat="brass", wn="mirror")
K("round_mirror", "round mirror", "miroir rond", "decor", (0.6, 0.04, 0.6), "wall", "panel",
  face="mirror", mat="brass", round=True)
K("poster", "poster|framed poster|print", "affiche|poster", "decor", (0.5, 0.02, 0.7), "wall",
  "panel", face="poster", mat="dark_metal", frame_w=0.015, wn="poster|bill")
K("whiteboard", "whiteboard|dry-erase board", "tableau blanc|tableau velleda", "office",
  (1.8, 0.2, 1.2), "wall", "panel", face="cabinet", mat="metal", tray=True, frame_w=0.025,
  wn="whiteboard")
K("blackboard", "blackboard|chalkboard", "tableau noir|ardoise", "office", (2.4, 0.2, 1.2), "wall",
  "panel", face="board", mat="wood", tray=True, wn="blackboard|chalkboard")
K("corkboard", "corkboard|notice board|bulletin board|pinboard",
  "tableau d'affichage|tableau en liège|panneau d'affichage", "office", (0.9, 0.03, 0.6), "wall",
  "panel", face="cardboard", mat="wood", wn="bulletin_board|notice_board")
K("wall_clock", "clock|wall clock", "horloge|pendule|horloge murale", "decor", (0.35, 0.05, 0.35),
  "wall", "panel", style="clock", mat="ceramic", wn="clock|wall_clock")
K("light_switch", "light switch|switch", "interrupteur", "decor", (0.085, 0.024, 0.085), "wall",
  "panel", style="plate", wn="switch|light_switch")
K("power_socket", "power socket|socket|outlet|power outlet|wall plug",
  "prise|prise électrique|prise de courant", "decor", (0.085, 0.032, 0.085), "wall", "panel",
  style="plate", detail_mat="dark_metal", wn="wall_socket|outlet")
K("air_vent", "air vent|vent|ventilation grille", "bouche d'aération|grille d'aération|aération",
  "decor", (0.4, 0.03, 0.25), "wall", "panel", face="dark_metal", mat="metal", frame_w=0.02,
  wn="vent|ventilator")
K("tapestry", "tapestry|wall hanging", "tapisserie|tenture", "decor", (1.5, 0.03, 1.2), "wall",
  "panel", face="rug", mat="wood", frame_w=0.03, wn="tapestry|arras")
K("street_sign", "street sign|road sign|sign post",
  "panneau|panneau de signalisation|plaque de rue", "street", (0.6, 0.08, 2.6), "ground", "post",
  shape="sign", out=True, ind=False, wn="street_sign|signpost")
K("stop_sign", "stop sign", "panneau stop|stop", "street", (0.75, 0.08, 2.4), "ground", "post",
  shape="sign", octagon=True, sign_h=0.75, face="neon_red", out=True, ind=False, wn="stop_sign")
K("traffic_light", "traffic light|traffic signal|stop light",
  "feu de circulation|feu tricolore|feu rouge", "street", (0.32, 0.36, 3.2), "ground", "post",
  shape="traffic_light", out=True, ind=False, wn="traffic_light|stoplight")
K("parking_meter", "parking meter", "parcmètre|horodateur", "street", (0.25, 0.2, 1.5), "ground",
  "post", shape="meter", mat="metal", out=True, ind=False, wn="parking_meter")
K("bollard", "bollard", "borne|potelet|plot", "street", (0.2, 0.2, 0.9), "ground", "post",
  shape="bollard", out=True, ind=False, wn="bollard")
K("fire_hydrant", "fire hydrant|hydrant|fireplug",
  "bouche d'incendie|borne d'incendie|borne à incendie", "street", (0.45, 0.35, 0.8), "ground",
  "post", shape="hydrant", mat="neon_red", out=True, ind=False, wn="fireplug|hydrant")
K("pillar_box", "pillar box|post box|mail drop", "boîte postale|boîte aux lettres de rue", "street",
  (0.5, 0.5, 1.5), "ground", "post", shape="pillar_box", mat="vehicle_paint", out=True, ind=False,
  wn="postbox|pillar_box")
K("traffic_cone", "traffic cone|cone|road cone", "cône|cône de signalisation|plot de chantier",
  "street", (0.36, 0.36, 0.7), "ground", "post", shape="cone", mat="cone", out=True,
  wn="traffic_cone|cone")
K("buoy", "buoy|marker buoy", "bouée|balise", "marine", (0.8, 0.8, 1.4), "ground", "post",
  shape="buoy", mat="cone", out=True, ind=False, wn="buoy")
K("parasol", "parasol|patio umbrella|café parasol|cafe parasol|market umbrella",
  "parasol|parasol de terrasse|ombrelle", "street", (2.4, 2.4, 2.45), "ground", "post",
  shape="parasol", out=True, ind=False, wn="parasol|beach_umbrella")
K("rope_coil", "coil of rope|rope coil|mooring rope|rope", "rouleau de cordage|cordage|amarre|corde",
  "marine", (0.7, 0.7, 0.09), "ground", "post", shape="coil", mat="rope", out=True, ind=False,
  wn="rope|coil")
K("mooring_bollard", "mooring bollard|bitt|mooring post", "bollard d'amarrage|bitte d'amarrage",
  "marine", (0.4, 0.4, 0.6), "ground", "post", shape="bollard", mat="dark_metal", out=True,
  ind=False, wn="bitt")

# ----------------------------------------------------------------------------- vehicles and boats
K("car", "car|sedan|automobile|saloon", "voiture|berline|automobile|auto", "vehicle",
  (1.8, 4.6, 1.45), "ground", "vehicle", body="sedan", out=True, ind=False,
  wn="car|auto|automobile")
K("taxi", "taxi|cab|taxicab", "taxi", "vehicle", (1.8, 4.7, 1.5), "ground", "vehicle", body="sedan",
  mat="cone", sign="lamp", out=True, ind=False, wn="cab|taxi")
K("police_car", "police car|cop car|squad car", "voiture de police", "vehicle", (1.85, 4.8, 1.55),
  "ground", "vehicle", body="sedan", mat="cabin", sign="neon_blue", out=True, ind=False,
  wn="police_cruiser")
K("sports_car", "sports car|convertible", "voiture de sport|cabriolet", "vehicle", (1.9, 4.4, 1.25),
  "ground", "vehicle", body="sports", out=True, ind=False, wn="sports_car")
K("vintage_car", "vintage car|classic car|old car",
  "voiture ancienne|voiture de collection|vieille voiture", "vehicle", (1.7, 4.3, 1.6), "ground",
  "vehicle", body="vintage", mat="dark_metal", out=True, ind=False)
K("suv", "suv|jeep|4x4|off-roader", "4x4|suv|jeep|tout-terrain", "vehicle", (1.95, 4.8, 1.8),
  "ground", "vehicle", body="suv", out=True, ind=False, wn="jeep|sport_utility")
K("van", "van|minivan|delivery van", "camionnette|fourgon|fourgonnette|utilitaire", "vehicle",
  (2.0, 5.2, 2.3), "ground", "vehicle", body="van", mat="cabin", roof_band=0.1, out=True, ind=False,
  wn="van|minivan")
K("pickup_truck", "pickup truck|pickup|pick-up", "pick-up|camionnette à plateau", "vehicle",
  (2.0, 5.3, 1.85), "ground", "vehicle", body="pickup", out=True, ind=False,
  wn="pickup|pickup_truck")
K("truck", "truck|lorry|box truck", "camion|poids lourd", "vehicle", (2.5, 7.5, 3.4), "ground",
  "vehicle", body="truck", mat="cabin", cargo=True, wheel=0.5, axles=(0.12, 0.7, 0.86), out=True,
  ind=False, wn="truck|lorry")
K("bus", "bus|coach|city bus", "bus|autobus|autocar", "vehicle", (2.55, 12.0, 3.1), "ground",
  "vehicle", body="bus", mat="cabin", roof_band=0.15, wheel=0.5, axles=(0.2, 0.78), out=True,
  ind=False, wn="bus|autobus|coach")
K("ambulance", "ambulance", "ambulance", "vehicle", (2.1, 5.9, 2.6), "ground", "vehicle",
  body="van", mat="cabin", roof_band=0.12, sign="neon_blue", out=True, ind=False, wn="ambulance")
K("tractor", "tractor", "tracteur", "vehicle", (2.2, 3.8, 2.8), "ground", "vehicle", body="tractor",
  mat="dumpster", axles=(0.2, 0.72), out=True, ind=False, wn="tractor")
K("golf_cart", "golf cart|buggy|electric cart", "voiturette de golf|voiturette", "vehicle",
  (1.2, 2.4, 1.8), "ground", "vehicle", body="cart", mat="cabin", wheel=0.23, open_cab=True,
  out=True, ind=False, wn="golf_cart")
K("forklift", "forklift|fork-lift truck", "chariot élévateur|clark|transpalette électrique",
  "industrial", (1.2, 3.0, 2.2), "floor", "vehicle", body="cart", mat="rack_beam", wheel=0.3,
  open_cab=True, mast=True, out=True, wn="forklift")
K("fire_truck", "fire truck|fire engine", "camion de pompiers|camion de pompier|autopompe", "vehicle",
  (2.5, 8.5, 3.2), "ground", "vehicle", body="truck", mat="vehicle_paint", cargo=True, wheel=0.5,
  axles=(0.12, 0.7, 0.86), sign="neon_blue", out=True, wn="fire_engine")
K("bicycle", "bicycle|bike|cycle", "vélo|bicyclette", "vehicle", (0.6, 1.75, 1.05), "ground",
  "two_wheeler", out=True, wn="bicycle|bike")
K("motorcycle", "motorcycle|motorbike", "moto|motocyclette", "vehicle", (0.8, 2.1, 1.15), "ground",
  "two_wheeler", motor=True, out=True, ind=False, wn="motorcycle|motorbike")
K("scooter", "scooter|moped|vespa", "scooter|vespa|mobylette|cyclomoteur", "vehicle",
  (0.7, 1.8, 1.15), "ground", "two_wheeler", motor=True, wheel=0.22, out=True, ind=False,
  wn="motor_scooter|moped")
K("rowing_boat", "rowing boat|rowboat|boat|skiff", "barque|canot|bateau à rames|bateau", "marine",
  (1.4, 4.0, 0.65), "ground", "boat", oars=True, out=True, ind=False, wn="rowboat|boat|skiff")
K("fishing_boat", "fishing boat|trawler", "bateau de pêche|chalutier|pointu", "marine",
  (2.6, 8.0, 3.2), "ground", "boat", hull_h=1.3, cabin=True, thwarts=1, mat="cabin", out=True,
  ind=False, wn="fishing_boat|trawler")
K("canoe", "canoe|kayak", "canoë|kayak|pirogue", "marine", (0.85, 4.8, 0.4), "ground", "boat",
  double_ended=True, thwarts=2, out=True, ind=False, wn="canoe|kayak")
K("sailboat", "sailboat|sailing boat|yacht", "voilier|bateau à voile|yacht", "marine",
  (2.2, 6.5, 8.0), "ground", "boat", hull_h=1.0, mast=True, mat="cabin", out=True, ind=False,
  wn="sailboat|yacht")
K("gondola", "gondola", "gondole", "marine", (1.4, 10.8, 0.9), "ground", "boat", double_ended=True,
  mat="dark_metal", thwarts=3, out=True, ind=False, wn="gondola")
K("dinghy", "dinghy|tender|inflatable boat", "annexe|canot pneumatique|youyou", "marine",
  (1.5, 2.8, 0.5), "ground", "boat", flat=True, mat="cone", thwarts=1, out=True, ind=False,
  wn="dinghy|dory")

# ----------------------------------------------------------------------------- plants and nature
K("potted_plant", "potted plant|houseplant|plant|pot plant",
  "plante en pot|plante verte|plante|plante d'intérieur", "nature", (0.5, 0.5, 0.8), "floor",
  "plant", habit="rosette", wn="pot_plant|houseplant|plant")
K("fern", "fern|boston fern", "fougère", "nature", (0.6, 0.6, 0.55), "floor", "plant",
  habit="rosette", leaves=22, leaf_w=0.2, wn="fern")
K("snake_plant", "snake plant|sansevieria|mother-in-law's tongue",
  "sansevière|langue de belle-mère", "nature", (0.35, 0.35, 0.8), "floor", "plant", habit="upright",
  leaves=10, leaf_w=0.12, wn="sansevieria|snake_plant")
K("ficus", "ficus|rubber plant|indoor tree|fig tree", "ficus|caoutchouc|figuier", "nature",
  (0.7, 0.7, 1.6), "floor", "plant", habit="stem", leaves=40, leaf_w=0.45, pot_h=0.3,
  wn="ficus|rubber_plant")
K("monstera", "monstera|swiss cheese plant|philodendron", "monstera|philodendron", "nature",
  (0.9, 0.9, 1.1), "floor", "plant", habit="stem", leaves=12, leaf_w=0.8, pot_h=0.3,
  wn="monstera|philodendron")
K("potted_palm", "potted palm|palm|parlour palm|areca", "palmier en pot|palmier|kentia", "nature",
  (1.0, 1.0, 1.8), "floor", "plant", habit="palm", leaves=14, leaf_w=0.25, pot_h=0.35,
  wn="palm|palm_tree")
K("cactus", "cactus", "cactus", "nature", (0.3, 0.3, 0.6), "floor", "plant", habit="column",
  pot_h=0.15, wn="cactus")
K("bonsai", "bonsai", "bonsaï", "nature", (0.35, 0.25, 0.4), "surface", "plant", habit="stem",
  leaves=30, leaf_w=0.4, pot_h=0.07, pot_frac=0.9, wn="bonsai")
K("herb_pot", "herb pot|pot of herbs|basil", "pot d'herbes|basilic|herbes aromatiques", "kitchen",
  (0.16, 0.16, 0.25), "surface", "plant", habit="rosette", leaves=16, leaf_w=0.5, pot_h=0.1,
  pot_frac=0.9, wn="herb|basil")
K("rock", "rock|stone", "rocher|pierre|roche", "nature", (0.6, 0.5, 0.4), "ground", "rock",
  style="rock", out=True, ind=False, wn="rock|stone")
K("boulder", "boulder", "bloc de pierre|gros rocher", "nature", (1.6, 1.3, 1.1), "ground", "rock",
  style="rock", out=True, ind=False, wn="boulder")
K("bush", "bush|shrub", "buisson|arbuste", "nature", (1.2, 1.0, 0.9), "ground", "rock",
  style="bush", mat="foliage", out=True, ind=False, wn="bush|shrub")
K("log", "log|fallen log", "bûche|rondin|tronc", "nature", (1.8, 0.4, 0.4), "ground", "rock",
  style="log", mat="fallen_bark", out=True, ind=False, wn="log")
K("tree_stump", "tree stump|stump", "souche", "nature", (0.6, 0.6, 0.45), "ground", "rock",
  style="stump", mat="bark", out=True, ind=False, wn="stump|tree_stump")
K("pumpkin", "pumpkin|squash", "citrouille|potiron|courge", "market", (0.4, 0.4, 0.3), "ground",
  "rock", style="pumpkin", mat="terracotta", out=True, wn="pumpkin|squash")

# ----------------------------------------------------------------------------- textiles
K("rug", "rug|carpet|area rug", "tapis|moquette", "decor", (2.4, 1.7, 0.012), "floor", "textile",
  style="rug", wn="rug|carpet")
K("round_rug", "round rug", "tapis rond", "decor", (1.6, 1.6, 0.012), "floor", "textile",
  style="rug", round=True)
K("runner_rug", "runner|hall runner|doormat", "tapis de couloir|paillasson|chemin de couloir",
  "decor", (0.8, 2.5, 0.012), "floor", "textile", style="rug", wn="runner|doormat")
K("bath_mat", "bath mat", "tapis de bain", "bath", (0.8, 0.5, 0.015), "floor", "textile",
  style="rug", mat="linen", wn="bath_mat")
K("curtain", "curtain|drape|drapes", "rideau|voilage|tenture", "decor", (1.4, 0.14, 2.4), "wall",
  "textile", style="curtain", mat="canvas", wn="curtain|drape")
K("blind", "blind|venetian blind|window blind", "store|store vénitien|jalousie", "decor",
  (1.2, 0.05, 1.4), "wall", "textile", style="blind", mat="plastic",
  wn="blind|window_blind|venetian_blind")
K("folded_towel", "towel|folded towel|bath towel", "serviette|serviette de bain|drap de bain",
  "bath", (0.35, 0.25, 0.1), "surface", "textile", style="folded", mat="linen", wn="towel")
K("folded_blanket", "blanket|folded blanket|throw", "couverture|plaid|couverture pliée", "clutter",
  (0.5, 0.35, 0.15), "surface", "textile", style="folded", mat="fabric", layers=4,
  wn="blanket|cover")
K("throw_pillow", "cushion|throw pillow|pillow", "coussin|oreiller", "decor", (0.45, 0.45, 0.16),
  "surface", "textile", style="cushion", mat="upholstery", wn="cushion|pillow")
K("floor_cushion", "floor cushion|pouf cushion|zafu", "coussin de sol|galette", "decor",
  (0.6, 0.6, 0.18), "floor", "textile", style="cushion", mat="fabric")

# ----------------------------------------------------------------------------- frames, sport, medical
K("ladder", "ladder", "échelle", "industrial", (0.45, 0.1, 3.0), "wall", "frame", style="ladder",
  mat="metal", wn="ladder")
K("stepladder", "stepladder|step ladder", "escabeau", "industrial", (0.5, 0.8, 1.6), "floor",
  "frame", style="ladder", step=True, mat="metal", wn="stepladder")
K("coat_stand", "coat stand|coat rack|hat stand", "portemanteau|porte-manteau", "furniture",
  (0.45, 0.45, 1.8), "floor", "frame", style="coat_stand", wn="coatrack|hatrack")
K("iv_stand", "iv stand|drip stand|iv pole", "pied à perfusion|potence|perfusion", "medical",
  (0.55, 0.55, 2.0), "floor", "frame", style="iv_pole", mat="chrome", wn="iv|drip")
K("basketball_hoop", "basketball hoop|hoop|basketball stand", "panier de basket|panneau de basket",
  "sport", (1.8, 2.2, 3.9), "floor", "frame", style="hoop", mat="dark_metal", out=True,
  wn="basketball_hoop|hoop")
K("football_goal", "goal|football goal|soccer goal", "but|cage de foot|but de football", "sport",
  (7.32, 2.0, 2.44), "ground", "frame", style="goal", mat="cabin", out=True, wn="goal")
K("handball_goal", "handball goal|small goal|futsal goal", "but de handball|cage", "sport",
  (3.0, 1.0, 2.0), "floor", "frame", style="goal", mat="cabin")
K("bleachers", "bleachers|stands|grandstand|tiered seating", "gradins|tribune|estrade", "sport",
  (6.0, 3.0, 2.0), "floor", "frame", style="bleachers", mat="metal", tiers=5, out=True,
  wn="bleachers|grandstand")
K("tennis_net", "tennis net|net|volleyball net", "filet de tennis|filet|filet de volley", "sport",
  (12.8, 0.1, 1.07), "ground", "frame", style="net", mat="dark_metal", out=True,
  wn="net|tennis_net")
K("bike_rack", "bike rack|bicycle rack|cycle stand", "range-vélos|arceau vélo|support à vélos",
  "street", (2.5, 0.6, 0.8), "ground", "frame", style="rack", hoops=5, out=True, ind=False,
  wn="bicycle_rack")
K("drying_rack", "drying rack|clothes horse|airer", "étendoir|séchoir à linge", "bath",
  (1.0, 0.55, 0.9), "floor", "frame", style="rack", hoops=6, wn="clotheshorse|drying_rack")
K("easel", "easel", "chevalet", "decor", (0.6, 0.6, 1.7), "floor", "frame", style="easel",
  wn="easel")
K("ping_pong_table", "ping pong table|table tennis table",
  "table de ping-pong|table de tennis de table", "sport", (2.74, 1.525, 0.76), "floor", "table",
  topmat="board", legmat="dark_metal", legs=2, apron=False, wn="ping-pong_table")
K("pool_table", "pool table|billiard table|snooker table", "billard|table de billard", "sport",
  (2.6, 1.45, 0.85), "floor", "table", top_t=0.18, topmat="board", legs=1, rails=True, surface=0.8,
  wn="pool_table|billiard_table")
K("weight_bench", "weight bench|gym bench", "banc de musculation", "sport", (0.5, 1.3, 0.5),
  "floor", "chair", back=False, seatmat="dark_metal", cushion=True, cushmat="leather",
  mat="dark_metal", legs=2, wn="weight_bench")
K("gym_mat", "gym mat|exercise mat|crash mat", "tapis de gym|tapis de sol|tapis de réception",
  "sport", (2.0, 1.0, 0.08), "floor", "textile", style="mattress", mat="cabin", wn="mat|gym_mat")
K("punching_bag", "punching bag|heavy bag|punchbag", "sac de frappe|punching-ball", "sport",
  (0.35, 0.35, 1.2), "ceiling", "vessel", shape="bag", mat="leather", extra="chain",
  wn="punching_bag|punch_bag")
K("examination_table", "examination table|exam table|examination couch",
  "table d'examen|divan d'examen", "medical", (0.7, 1.9, 0.8), "floor", "table",
  topmat="upholstery", legmat="chrome", legs=2, apron=False, shelf=True)
K("stretcher", "stretcher|gurney|trolley bed", "brancard|civière|chariot brancard", "medical",
  (0.65, 2.0, 1.0), "floor", "bed", mat="chrome", rails=True, frame=0.7, mattress_t=0.08, head=0.8,
  duvet=False, wn="stretcher|gurney")
K("bathtub", "bathtub|bath|tub", "baignoire|bain", "bath", (0.75, 1.7, 0.58), "floor", "bath",
  style="tub", wn="bathtub|bathing_tub|tub")
K("toilet", "toilet|wc|loo|lavatory", "toilettes|wc|cuvette|toilette", "bath", (0.4, 0.68, 0.8),
  "floor", "bath", style="toilet", wn="toilet|lavatory")
K("washbasin", "washbasin|sink|basin|wash basin", "lavabo|évier|vasque", "bath", (0.55, 0.45, 0.85),
  "floor", "bath", style="basin", wn="washbasin|basin|sink")
K("shower", "shower|shower cubicle|shower stall", "douche|cabine de douche", "bath",
  (0.9, 0.9, 2.0), "floor", "bath", style="shower", wn="shower|shower_stall")
K("urinal", "urinal", "urinoir|pissotière", "bath", (0.4, 0.35, 0.75), "wall", "bath",
  style="urinal", wn="urinal")

# ----------------------------------------------------------------------------- music
K("upright_piano", "piano|upright piano", "piano|piano droit", "furniture", (1.5, 0.62, 1.25),
  "floor", "music", style="upright", wn="piano|upright|upright_piano")
K("grand_piano", "grand piano|baby grand|concert grand",
  "piano à queue|demi-queue|piano de concert", "furniture", (1.5, 2.0, 1.8), "floor", "music",
  style="grand", wn="grand_piano|grand")
K("drum_kit", "drum kit|drums|drum set", "batterie|kit de batterie", "decor", (1.8, 1.4, 1.3),
  "floor", "music", style="drums", wn="drum|trap_set")
K("guitar", "guitar|acoustic guitar", "guitare|guitare acoustique", "decor", (0.4, 0.3, 1.02),
  "floor", "music", style="guitar", wn="guitar|acoustic_guitar")
K("double_bass", "double bass|upright bass|contrabass|cello", "contrebasse|violoncelle", "decor",
  (0.7, 0.45, 1.85), "floor", "music", style="guitar", bass=True, wn="bass_fiddle|cello")
K("microphone_stand", "microphone|mic stand|microphone stand", "micro|pied de micro|microphone",
  "decor", (0.3, 0.56, 1.6), "floor", "music", style="mic", wn="microphone|mike")
K("music_stand", "music stand|lectern", "pupitre à musique|lutrin", "decor", (0.5, 0.3, 1.3),
  "floor", "music", style="music_stand", wn="music_stand|lectern")
K("keyboard_instrument", "electric keyboard|synthesizer|synth",
  "clavier électronique|synthétiseur|synthé", "decor", (1.3, 0.45, 0.95), "floor", "music",
  style="keyboard_stand", wn="synthesizer|electronic_keyboard")

# ----------------------------------------------------------------------------- small objects on surfaces
K("book", "book|hardback", "livre|bouquin", "clutter", (0.16, 0.24, 0.03), "surface", "small",
  style="book", wn="book|volume")
K("book_stack", "stack of books|pile of books|books", "pile de livres|livres", "clutter",
  (0.24, 0.3, 0.18), "surface", "small", style="book_stack")
K("book_row", "row of books|books on a shelf", "rangée de livres|livres alignés", "clutter",
  (0.4, 0.2, 0.25), "surface", "small", style="book_row")
K("paper_stack", "papers|stack of paper|documents|paperwork",
  "papiers|pile de papiers|documents|paperasse", "office", (0.21, 0.3, 0.04), "surface", "small",
  style="papers", wn="paper|document")
K("newspaper", "newspaper|paper|magazine", "journal|quotidien|magazine|revue", "clutter",
  (0.3, 0.4, 0.02), "surface", "small", style="newspaper", wn="newspaper|magazine")
K("computer_keyboard", "keyboard|computer keyboard", "clavier|clavier d'ordinateur", "office",
  (0.44, 0.14, 0.03), "surface", "small", style="keyboard", wn="keyboard|computer_keyboard")
K("computer_mouse", "mouse|computer mouse", "souris|souris d'ordinateur", "office",
  (0.065, 0.11, 0.038), "surface", "small", style="mouse", wn="mouse|computer_mouse")
K("desk_phone", "telephone|phone|desk phone", "téléphone|téléphone fixe|combiné", "office",
  (0.2, 0.22, 0.12), "surface", "small", style="phone", wn="telephone|phone")
K("smartphone", "smartphone|mobile phone|cell phone", "smartphone|téléphone portable|portable",
  "clutter", (0.075, 0.155, 0.009), "surface", "small", style="slab",
  wn="cellular_telephone|smartphone")
K("tablet", "tablet|ipad", "tablette|tablette tactile", "office", (0.18, 0.25, 0.008), "surface",
  "small", style="slab", wn="tablet|tablet_computer")
K("remote_control", "remote control|remote|tv remote", "télécommande", "clutter",
  (0.05, 0.19, 0.02), "surface", "small", style="slab", face="plastic", wn="remote_control|remote")
K("radio", "radio|transistor radio", "radio|poste de radio|transistor", "decor", (0.32, 0.16, 0.2),
  "surface", "small", style="radio", wn="radio|radio_receiver")
K("hammer", "hammer", "marteau", "industrial", (0.32, 0.11, 0.035), "surface", "small",
  style="hammer", wn="hammer")
K("wrench", "wrench|spanner", "clé|clé plate|clé à molette", "industrial", (0.25, 0.06, 0.008),
  "surface", "small", style="wrench", wn="wrench|spanner")
K("screwdriver", "screwdriver", "tournevis", "industrial", (0.22, 0.03, 0.03), "surface", "small",
  style="screwdriver", wn="screwdriver")
K("pair_of_shoes", "shoes|pair of shoes|shoe|boots",
  "chaussures|paire de chaussures|chaussure|bottes", "clutter", (0.24, 0.28, 0.12), "floor",
  "small", style="shoes", wn="shoe|boot")
K("umbrella", "umbrella|brolly", "parapluie", "clutter", (0.09, 0.11, 0.9), "floor", "small",
  style="umbrella", wn="umbrella")
K("toilet_roll", "toilet roll|toilet paper|loo roll",
  "rouleau de papier toilette|papier toilette|pq", "bath", (0.11, 0.11, 0.1), "surface", "small",
  style="roll", wn="toilet_roll|toilet_paper")
K("cable_reel", "cable reel|cable drum|spool", "touret|bobine de câble|enrouleur", "industrial",
  (0.6, 0.45, 0.6), "ground", "small", style="reel", mat="wood", out=True, wn="reel|spool")
K("clothes_pile", "pile of clothes|clothes|laundry", "tas de vêtements|vêtements|linge sale",
  "clutter", (0.6, 0.45, 0.22), "floor", "small", style="clothes", wn="clothing|laundry")
K("photo_frame", "photo frame|photograph|framed photo", "cadre photo|photo|photo encadrée|portrait",
  "decor", (0.15, 0.1, 0.2), "surface", "small", style="photo_frame", wn="photograph|photo")
K("pencil_cup", "pencil cup|pen holder|pens|pencils", "pot à crayons|crayons|stylos|pot à stylos",
  "office", (0.08, 0.08, 0.18), "surface", "small", style="pencil_cup", wn="pencil|pen")
K("ashtray", "ashtray", "cendrier", "clutter", (0.12, 0.12, 0.035), "surface", "vessel",
  shape="bowl", mat="glass", wn="ashtray")
K("tin_can", "tin can|can|soda can|tin", "canette|boîte de conserve|conserve|cannette", "clutter",
  (0.066, 0.066, 0.115), "surface", "vessel", shape="keg", mat="metal", wn="can|tin|tin_can")
K("soap_dispenser", "soap dispenser|soap bottle|lotion bottle",
  "distributeur de savon|flacon de savon", "bath", (0.08, 0.08, 0.19), "surface", "vessel",
  shape="jar", mat="plastic", extra="pump", wn="soap_dispenser")

# ----------------------------------------------------------------------------- ceilings, hearths, film staples
K("ceiling_fan", "ceiling fan|fan", "ventilateur de plafond|ventilateur|brasseur d'air", "light",
  (1.3, 1.3, 0.45), "ceiling", "fixture", style="fan", watts=40.0, wn="fan|ceiling_fan")
K("smoke_detector", "smoke detector|smoke alarm|fire alarm", "détecteur de fumée|détecteur incendie",
  "decor", (0.12, 0.12, 0.045), "ceiling", "vessel", shape="cheese", mat="plastic",
  wn="smoke_detector|fire_alarm")
K("ceiling_vent", "ceiling vent|ceiling grille|ventilation duct", "bouche de ventilation|grille de plafond",
  "decor", (0.4, 0.4, 0.05), "ceiling", "box", style="vent", mat="metal", wn="air_vent")
K("fireplace", "fireplace|hearth|fire place", "cheminée|âtre|foyer", "decor", (1.5, 0.5, 1.2),
  "wall", "flame", style="fireplace", mat="stone", wn="fireplace|hearth")
K("grandfather_clock", "grandfather clock|longcase clock|pendulum clock", "horloge comtoise|comtoise|horloge de parquet",
  "decor", (0.5, 0.45, 2.0), "floor", "cabinet", cols=1, glass=True, clock=True, legs=False, holds=False,
  wn="grandfather_clock|pendulum_clock")
K("wheelchair", "wheelchair", "fauteuil roulant", "medical", (0.65, 0.95, 0.95), "floor", "frame",
  style="wheelchair", mat="chrome", wn="wheelchair")
K("shopping_trolley", "shopping trolley|shopping cart|trolley|cart", "caddie|chariot de supermarché|chariot",
  "market", (0.6, 0.95, 1.0), "floor", "frame", style="trolley", out=True, wn="handcart|shopping_cart")
K("wheelbarrow", "wheelbarrow|barrow", "brouette", "industrial", (0.7, 1.5, 0.65), "ground", "frame",
  style="wheelbarrow", out=True, wn="wheelbarrow|barrow")
K("ironing_board", "ironing board", "planche à repasser", "clutter", (1.25, 0.38, 0.9), "floor", "frame",
  style="ironing", wn="ironing_board")
K("bird_cage", "bird cage|birdcage|cage", "cage à oiseaux|cage|volière", "decor", (0.4, 0.4, 0.6),
  "floor", "frame", style="cage", mat="brass", wn="birdcage|cage")
K("typewriter", "typewriter", "machine à écrire", "office", (0.45, 0.35, 0.22), "surface", "small",
  style="typewriter", wn="typewriter")
K("gramophone", "gramophone|phonograph|record player", "gramophone|phonographe|tourne-disque",
  "decor", (0.42, 0.6, 0.7), "surface", "small", style="gramophone", wn="gramophone|phonograph|record_player")
K("chess_set", "chess set|chessboard|chess board|chess", "échiquier|jeu d'échecs|échecs", "decor",
  (0.4, 0.4, 0.07), "surface", "small", style="chess", wn="chessboard|chess_set")
K("broom", "broom|broomstick", "balai", "clutter", (0.3, 0.08, 1.3), "floor", "small", style="broom",
  wn="broom")
K("aquarium", "aquarium|fish tank", "aquarium", "decor", (0.8, 0.35, 0.5), "surface", "box",
  style="aquarium", wn="aquarium|fish_tank")
K("coffin", "coffin|casket", "cercueil|bière", "decor", (0.7, 2.0, 0.55), "floor", "box", style="coffin",
  mat="wood", wn="coffin|casket")
K("throne", "throne", "trône", "furniture", (0.8, 0.7, 1.6), "floor", "chair", arms=True, cushion=True,
  cushmat="upholstery", mat="brass", backstyle=1, seat=0.5, wn="throne")
