"""What each room type is dressed with, as data: its furniture (with the relation each
piece keeps: back to a wall facing the room's focus, in front of the sofa, beside the
bed, chairs round the table), its wall and ceiling objects, the small things kept on
each kind of surface, and the density a set decorator would reach.

Kind ids are the dressing catalogue's (props.catalogue.KINDS). A kind the catalogue
does not have is skipped with a note, never replaced by a block.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Item:
    """One furniture line of a room's program.

    where: "wall" (back to a wall, facing in), "focus" (the piece the room is arranged
    round: back to the longest free wall, centred), "faces" (back to a wall, facing the
    focus: the sofa across from the television), "front" (in front of `of`, facing the
    same way: the coffee table), "beside" (either side of `of`, same wall: nightstands),
    "around" (chairs round the table `of`), "centre" (free-standing in the middle),
    "corner" (plants and lamps into the corners), "rug" (flat, under the group of `of`).
    """

    kind: str
    count: int = 1
    where: str = "wall"
    of: str | None = None
    gap: float = 0.0                 # "front": the distance kept from `of` (m)
    optional: bool = False           # left out, with a note, when it does not fit
    access: bool = True              # needs a 0.6 m path to its front (beds: to a side)
    pitch: tuple[float, float] | None = None   # "centre" copies: centre to centre (x, y)
    run: bool = False                # copies side by side along the wall (kitchen units)


@dataclass(frozen=True)
class Program:
    furniture: tuple[Item, ...]
    wall: tuple[tuple[str, int], ...] = ()       # (kind, count) hung on free wall
    ceiling: tuple[str, ...] = ("ceiling_light",)
    radiators: bool = True                        # one under each window
    curtains: bool = True                         # a pair beside each window
    extra_smalls: tuple[str, ...] = ()            # room-type clutter for any surface
    floor_clutter: tuple[tuple[str, int], ...] = ()   # small floor things against walls
    pools: tuple[tuple[str, tuple[str, ...]], ...] = ()   # this room's own SURFACE_SMALLS


# Small things people keep on each kind of surface, in the order they are set down
# (the first ones always, the rest as the surface has room and the density asks).
SURFACE_SMALLS: dict[str, tuple[str, ...]] = {
    "coffee_table": ("book_stack", "remote_control", "mug", "fruit_bowl", "newspaper", "candle"),
    "side_table": ("table_lamp", "book", "mug"),
    "nightstand": ("bedside_lamp", "book", "smartphone", "drinking_glass"),
    "sideboard": ("table_lamp", "flower_vase", "photo_frame", "book_row", "vase", "photo_frame"),
    "console_table": ("table_lamp", "vase", "photo_frame", "book_stack"),
    "tv_stand": ("television", "remote_control", "book_row", "vase"),
    "dresser": ("jewellery_box", "photo_frame", "table_lamp", "vase", "folded_blanket"),
    "low_bookcase": ("book_row", "vase", "photo_frame", "globe", "book_stack"),
    "wall_shelf": ("book_row", "vase", "photo_frame"),
    "dining_table": ("fruit_bowl", "plate", "plate", "drinking_glass", "drinking_glass",
                     "wine_bottle", "jug", "candle", "plate", "plate"),
    "kitchen_table": ("fruit_bowl", "plate", "mug", "plate", "jug", "newspaper"),
    "kitchen_cabinet": ("kettle", "toaster", "coffee_machine", "jar", "herb_pot", "saucepan",
                        "jar", "bottle", "fruit_bowl", "frying_pan"),
    "desk": ("monitor", "computer_keyboard", "computer_mouse", "desk_lamp", "paper_stack",
             "mug", "pencil_cup", "desk_phone", "book_stack"),
    "school_desk": ("book", "paper_stack", "pencil_cup"),
    "conference_table": ("laptop", "paper_stack", "drinking_glass", "jug", "paper_stack", "laptop"),
    "reception_desk": ("monitor", "desk_phone", "flower_vase", "paper_stack", "computer_keyboard"),
    "vanity_unit": ("soap_dispenser", "folded_towel", "drinking_glass", "jar"),
    "shop_counter": ("cash_register", "paper_stack", "jar", "tin_can", "bottle"),
    "workbench": ("toolbox", "hammer", "wrench", "screwdriver", "tin_can", "paper_stack"),
    "tool_chest": ("toolbox", "tin_can"),
    "bistro_table": ("cup", "drinking_glass", "ashtray"),
    "examination_table": ("folded_towel",),
    "washing_machine": ("laundry_basket",),
    "dryer": ("folded_towel",),
    "chest_freezer": ("cardboard_box",),
    "safe": ("paper_stack",),
    "drafting_table": ("paper_stack", "pencil_cup", "desk_lamp"),
    "picnic_table": ("plate", "drinking_glass", "jug"),
    "folding_table": ("paper_stack", "drinking_glass", "ashtray"),
    "medicine_cabinet": (),
    "wall_cabinet": (),
    "dishwasher": (),
    # the room types' own furniture (props.furniture), when dressing a laid-out room
    "table": ("fruit_bowl", "plate", "drinking_glass", "plate", "jug", "candle"),
    "coffee_table_fu": ("book_stack", "remote_control", "mug", "candle"),
    "counter": ("cash_register", "paper_stack", "jar", "flower_vase"),
    "bar_counter": ("wine_bottle", "drinking_glass", "wine_glass", "bottle", "ashtray",
                    "drinking_glass", "wine_glass"),
    "reception_desk_fu": ("monitor", "desk_phone", "flower_vase", "paper_stack"),
    "kitchen": ("kettle", "toaster", "coffee_machine", "jar", "herb_pot", "fruit_bowl"),
}

LIVING = Program(
    furniture=(
        Item("tv_stand", where="focus"),
        Item("sofa", where="faces", of="tv_stand"),
        Item("rug", where="rug", of="sofa"),
        Item("coffee_table", where="front", of="sofa", gap=0.5, access=False),
        Item("side_table", where="beside", of="sofa", optional=True, access=False),
        Item("armchair", where="faces", of="tv_stand", optional=True),
        Item("bookcase", optional=True),
        Item("sideboard", optional=True),
        Item("floor_lamp", where="corner", optional=True, access=False),
        Item("monstera", where="corner", optional=True, access=False),
        Item("snake_plant", where="corner", optional=True, access=False),
    ),
    wall=(("picture_frame", 3), ("wall_clock", 1), ("wall_shelf", 1), ("mirror", 1),
          ("power_socket", 3)),
    ceiling=("chandelier",),
    extra_smalls=("throw_pillow",),
    floor_clutter=(("floor_cushion", 1), ("pair_of_shoes", 1)),
)

BEDROOM = Program(
    furniture=(
        Item("double_bed", where="focus", access=True),
        Item("nightstand", 2, where="beside", of="double_bed", access=False),
        Item("rug", where="rug", of="double_bed"),
        Item("wardrobe"),
        Item("dresser", optional=True),
        Item("armchair", where="corner", optional=True),
        Item("laundry_basket", where="corner", optional=True, access=False),
        Item("potted_plant", where="corner", optional=True, access=False),
    ),
    wall=(("picture_frame", 2), ("mirror", 1), ("wall_shelf", 1), ("power_socket", 2)),
    ceiling=("ceiling_fan",),
    floor_clutter=(("pair_of_shoes", 1), ("suitcase", 1)),
)

KITCHEN = Program(
    furniture=(
        Item("kitchen_cabinet", 4, where="wall", run=True),   # a run from a corner
        Item("cooker", where="beside", of="kitchen_cabinet"),
        Item("fridge", optional=True),
        Item("dishwasher", where="beside", of="kitchen_cabinet", optional=True),
        Item("kitchen_table", where="centre", access=False),
        Item("kitchen_chair", 4, where="around", of="kitchen_table"),
        Item("trash_can", where="corner", optional=True, access=False),
    ),
    wall=(("wall_cabinet", 3), ("wall_clock", 1), ("wall_shelf", 1), ("power_socket", 3)),
    ceiling=("pendant_light",),
    curtains=False,
)

BATHROOM = Program(
    furniture=(
        Item("bathtub", where="corner"),       # head and one long side to the walls
        Item("vanity_unit"),                   # the basin before the WC: a wall it needs
        Item("toilet", where="corner"),
        Item("bath_mat", where="rug", of="bathtub"),
        Item("laundry_basket", where="corner", optional=True, access=False),
    ),
    wall=(("mirror", 1), ("medicine_cabinet", 1), ("light_switch", 0)),
    ceiling=("ceiling_light",),
    curtains=False,
    floor_clutter=(("trash_can", 1),),
)

OFFICE = Program(
    furniture=(
        Item("desk", 4, where="wall", access=False),
        Item("office_chair", 4, where="front", of="desk", gap=0.05, access=True),
        Item("filing_cabinet", 2, optional=True),
        Item("bookcase", optional=True),
        Item("photocopier", optional=True),
        Item("water_cooler", where="corner", optional=True, access=False),
        Item("ficus", where="corner", optional=True, access=False),
        Item("potted_plant", where="corner", optional=True, access=False),
    ),
    wall=(("whiteboard", 1), ("corkboard", 1), ("wall_clock", 1), ("picture_frame", 2),
          ("power_socket", 4)),
    ceiling=("fluorescent_light",),
    curtains=False,
    floor_clutter=(("trash_can", 2), ("cardboard_box", 1)),
)

CLASSROOM = Program(
    furniture=(
        Item("desk", where="focus"),
        Item("school_desk", 12, where="centre", access=False, pitch=(1.25, 1.5)),
        Item("school_chair", 12, where="front", of="school_desk", gap=0.02, access=False),
        Item("bookcase", optional=True),
        Item("low_bookcase", optional=True),
        Item("potted_plant", where="corner", optional=True, access=False),
    ),
    wall=(("blackboard", 1), ("corkboard", 2), ("wall_clock", 1), ("poster", 3),
          ("power_socket", 2)),
    ceiling=("fluorescent_light",),
    curtains=False,
    floor_clutter=(("trash_can", 1), ("backpack", 2)),
)

HOSPITAL = Program(
    furniture=(
        Item("hospital_bed", where="focus"),
        Item("nightstand", where="beside", of="hospital_bed", access=False),
        Item("vital_signs_monitor", where="beside", of="hospital_bed", access=False),
        Item("iv_stand", where="corner", access=False),
        Item("armchair", optional=True),
        Item("cupboard", optional=True),
    ),
    wall=(("wall_clock", 1), ("poster", 1), ("power_socket", 3)),
    ceiling=("fluorescent_light",),
    floor_clutter=(("trash_can", 1),),
)

DINING = Program(
    furniture=(
        Item("dining_table", 4, where="centre", access=False, pitch=(2.9, 2.9)),
        Item("dining_chair", 16, where="around", of="dining_table"),
        Item("sideboard", optional=True),
        Item("display_cabinet", optional=True),
        Item("potted_palm", where="corner", optional=True, access=False),
        Item("potted_plant", where="corner", optional=True, access=False),
    ),
    wall=(("picture_frame", 4), ("mirror", 1), ("wall_sconce", 2), ("power_socket", 2)),
    ceiling=("chandelier",),
)

CAFE = Program(
    furniture=(
        Item("shop_counter", where="focus"),
        Item("bar_stool", 3, where="front", of="shop_counter", gap=0.1, access=False),
        Item("bistro_table", 6, where="centre", access=False, pitch=(1.9, 2.5)),
        Item("dining_chair", 12, where="around", of="bistro_table"),
        Item("display_cabinet", optional=True),
        Item("potted_plant", where="corner", optional=True, access=False),
    ),
    wall=(("poster", 2), ("picture_frame", 3), ("wall_clock", 1), ("wall_shelf", 2),
          ("power_socket", 2)),
    ceiling=("pendant_light",),
    curtains=False,
)

BAR = Program(
    furniture=CAFE.furniture[:4] + (
        Item("jukebox", optional=True), Item("wooden_barrel", where="corner", optional=True,
                                             access=False)),
    wall=(("poster", 2), ("mirror", 1), ("wall_shelf", 3), ("wall_sconce", 2),
          ("power_socket", 2)),
    ceiling=("pendant_light",),
    curtains=False,
)

SHOP = Program(
    furniture=(
        Item("shop_counter", where="focus"),
        Item("pantry_shelf", 6),
        Item("metal_shelving", 2, optional=True),
        Item("fruit_crate", 4, where="corner", optional=True, access=False),
        Item("wicker_basket", 2, where="corner", optional=True, access=False),
    ),
    wall=(("poster", 2), ("wall_clock", 1), ("exit_sign", 1), ("power_socket", 2)),
    ceiling=("fluorescent_light",),
    curtains=False,
)

LOBBY = Program(
    furniture=(
        Item("reception_desk", where="focus"),
        Item("sofa", 2, where="faces", of="reception_desk"),
        Item("coffee_table", 2, where="front", of="sofa", gap=0.5, access=False),
        Item("armchair", 2, optional=True),
        Item("console_table", optional=True),
        Item("potted_palm", 2, where="corner", optional=True, access=False),
        Item("coat_stand", where="corner", optional=True, access=False),
    ),
    wall=(("picture_frame", 4), ("mirror", 1), ("wall_clock", 1), ("wall_sconce", 4),
          ("power_socket", 2)),
    ceiling=("chandelier",),
)

LIBRARY = Program(
    furniture=(
        Item("bookcase", 8, where="wall"),
        Item("dining_table", 2, where="centre", access=False, pitch=(2.9, 2.9)),
        Item("dining_chair", 8, where="around", of="dining_table"),
        Item("armchair", optional=True),
        Item("globe", where="corner", optional=True, access=False),
        Item("floor_lamp", where="corner", optional=True, access=False),
    ),
    wall=(("picture_frame", 2), ("wall_clock", 1), ("wall_sconce", 2)),
    ceiling=("chandelier",),
    extra_smalls=("book", "book_stack", "desk_lamp"),
    # reading tables hold books and lamps, not a dinner (a fruit bowl and a jug)
    pools=(("dining_table", ("book_stack", "desk_lamp", "book", "paper_stack", "book")),
           ("table", ("book_stack", "desk_lamp", "book", "paper_stack", "book"))),
)

CELLAR = Program(
    furniture=(
        Item("wine_rack", 6, where="wall"),
        Item("wooden_barrel", 3, where="corner", access=False),
        Item("bistro_table", where="centre", access=False),
        Item("stool", 2, where="around", of="bistro_table", access=False),
        Item("crate", 2, where="corner", optional=True, access=False),
    ),
    wall=(("wall_sconce", 2), ("light_switch", 0)),
    ceiling=("light_bulb",),
    radiators=False,
    curtains=False,
    extra_smalls=("wine_bottle", "candle"),
)

INTERROGATION = Program(
    furniture=(
        Item("folding_table", where="centre", access=False),
        Item("folding_chair", 2, where="around", of="folding_table", access=False),
        Item("filing_cabinet", optional=True),
    ),
    wall=(("wall_clock", 1), ("mirror", 1), ("power_socket", 1)),
    ceiling=("fluorescent_light",),
    curtains=False,
    extra_smalls=("paper_stack", "ashtray", "drinking_glass"),
    # a case file, an ashtray and a glass of water; never plates and fruit
    pools=(("table", ("paper_stack", "ashtray", "drinking_glass", "paper_stack")),
           ("folding_table", ("paper_stack", "ashtray", "drinking_glass", "paper_stack"))),
)

CHURCH = Program(
    furniture=(
        Item("pew", 12, where="centre", access=False, pitch=(4.4, 1.0)),
        Item("console_table", where="focus"),
        Item("potted_plant", 2, where="corner", optional=True, access=False),
    ),
    wall=(("tapestry", 2), ("wall_sconce", 4)),
    ceiling=("chandelier",),
    radiators=False,
    curtains=False,
    extra_smalls=("candelabra", "pillar_candle", "book"),
)

# Open-air places where dressing applies: an area (a Room with no openings, dressed with
# ceiling=False) the place gives: a terrace before the café's front, a market square,
# a quay's edge. "wall" there means against the area's edge (the facade, the quay edge).
CAFE_TERRACE = Program(
    furniture=(
        Item("bistro_table", 6, where="centre", access=False, pitch=(1.9, 2.5)),
        Item("garden_chair", 12, where="around", of="bistro_table"),
        Item("parasol", 3, where="around", of="bistro_table", access=False),   # at a table's end
        Item("flower_pot", 2, where="corner", optional=True, access=False),
        Item("potted_plant", 2, where="corner", optional=True, access=False),
    ),
    ceiling=(), radiators=False, curtains=False, extra_smalls=("cup", "wine_glass"),
)

MARKET = Program(
    furniture=(
        Item("folding_table", 4, where="wall", run=True),
        Item("fruit_crate", 6, where="front", of="folding_table", gap=0.02, access=False),
        Item("wicker_basket", 3, where="corner", optional=True, access=False),
        Item("sack", 3, where="corner", optional=True, access=False),
        Item("milk_churn", 2, where="corner", optional=True, access=False),
    ),
    ceiling=(), radiators=False, curtains=False,
    pools=(("folding_table", ("fruit_bowl", "cheese_wheel", "jar", "bottle", "cash_register",
                              "jar", "fruit_bowl", "cheese_wheel")),),
)

QUAY = Program(
    furniture=(
        Item("mooring_bollard", 4, where="wall", access=False),
        Item("crate", 3, where="corner", access=False),
        Item("wooden_barrel", 2, where="corner", optional=True, access=False),
        Item("oil_drum", 2, where="corner", optional=True, access=False),
        Item("cable_reel", 1, where="corner", optional=True, access=False),
        Item("rope_coil", 3, where="corner", optional=True, access=False),
        Item("street_lamp", 2, where="wall", optional=True, access=False),
        Item("bench", 2, where="wall", optional=True),
    ),
    ceiling=(), radiators=False, curtains=False,
)
OUTDOOR = frozenset({"cafe_terrace", "market", "quay"})

GENERIC = Program(
    furniture=(
        Item("console_table"),
        Item("armchair", optional=True),
        Item("potted_plant", where="corner", optional=True, access=False),
    ),
    wall=(("picture_frame", 2), ("power_socket", 2)),
)

PROGRAMS: dict[str, Program] = {
    "living_room": LIVING, "bedroom": BEDROOM, "kitchen": KITCHEN, "bathroom": BATHROOM,
    "office": OFFICE, "classroom": CLASSROOM, "hospital_room": HOSPITAL,
    "restaurant": DINING, "dining_room": DINING, "cafe": CAFE, "bar": BAR, "diner": CAFE,
    "shop": SHOP, "hotel_lobby": LOBBY, "library": LIBRARY, "cellar": CELLAR,
    "church": CHURCH, "interrogation_room": INTERROGATION,
    "cafe_terrace": CAFE_TERRACE, "market": MARKET, "quay": QUAY,
}


def program_for(room_type: str) -> Program:
    return PROGRAMS.get(room_type, GENERIC)


# Rooms whose windows get blinds (venetian, slats) rather than curtains: workplaces,
# institutions and rented rooms, from the 1920s on (before, cloth: curtains or nothing).
BLINDS = frozenset({"office", "kitchen", "classroom", "interrogation_room", "hospital_room",
                    "motel_room", "police_station", "doctors_office", "waiting_room",
                    "newsroom", "boardroom", "laboratory", "post_office", "bathroom",
                    "pharmacy", "photo_lab", "archive", "kitchen_pro", "morgue",
                    "hospital_corridor", "server_room", "studio_flat", "town_hall"})
CLOTH_ERAS = frozenset({"medieval", "19th_century"})


def blinds_for(room_type: str, era: str | None = None) -> bool:
    """Whether a room's windows take blinds: its type, unless its era predates them."""
    return room_type in BLINDS and era not in CLOTH_ERAS


@dataclass(frozen=True)
class Density:
    """Objects (every placed prop, small ones included) per 10 m² of floor a dressed
    room of this type reaches at density 1, and where the number comes from."""

    per_10m2: float
    source: str


# Sources. "issue 20": the bar (at least 25 objects in a 30 m2 living room).
# "items": an itemised estimate, not a measured count: the things a furnished room of
# that type holds (listed beside the number: its furniture, what hangs on its walls and
# what lies on its surfaces), divided by a typical floor area for the type. A floor to
# raise when counted photographs of real rooms replace the estimates.
DENSITY: dict[str, Density] = {
    "living_room": Density(9.0, "issue 20: >= 25 objects in 30 m2 (8.3 / 10 m2)"),
    "bedroom": Density(9.0, "items: bed, 2 nightstands with lamp/book/phone, wardrobe, "
                              "dresser with 4 things, frames, mirror, rug: ~17 in 18 m2"),
    "kitchen": Density(12.0, "items: 4 base units with 8 things on the worktop, cooker, "
                              "fridge, table, 4 chairs, 5 things on the table: ~25 in 16 m2"),
    "bathroom": Density(12.0, "items: bath, basin, WC, mirror, cabinet, towel, soap, mat, "
                               "basket: ~10 in 8 m2"),
    "office": Density(5.5, "items: per 6 m2 workstation desk, chair, screen, keyboard, "
                            "mouse, lamp, papers, mug: ~5 per 10 m2 with cabinets and plants"),
    "classroom": Density(6.0, "items: 12 desks and chairs, blackboard, teacher desk, books "
                               "on desks: ~35 in 60 m2"),
    "hospital_room": Density(5.0, "items: bed, monitor, IV stand, nightstand, chair, "
                                   "cupboard, clock: ~10 in 20 m2"),
    "restaurant": Density(6.0, "items: 4-top tables with 4 chairs and table settings: "
                                "~4 objects per 10 m2 before the settings"),
    "dining_room": Density(6.0, "as restaurant"),
    "cafe": Density(6.0, "items: bistro tables for two with cups, counter with till, "
                          "stools: ~28 in 48 m2"),
    "bar": Density(5.0, "as cafe, fewer tables"),
    "diner": Density(5.0, "as cafe"),
    "shop": Density(3.5, "items: shelving units (stock is modelled on them), counter and "
                          "till, crates and baskets: ~18 in 52 m2"),
    "hotel_lobby": Density(2.0, "items: reception desk and its things, two sofa groups, "
                                 "palms, frames: ~22 in 108 m2"),
    "library": Density(4.0, "items: bookcases (books modelled in them), reading tables "
                             "with chairs and books: ~22 in 56 m2"),
    "cellar": Density(3.5, "items: wine racks, barrels, a tasting table: ~14 in 41 m2"),
    "church": Density(0.5, "items: pews and altar with candles in a 336 m2 nave"),
    "cafe_terrace": Density(6.0, "items: tables for two with two chairs and a cup or "
                                  "glass each, parasols, plants: ~26 in 40 m2"),
    "market": Density(4.0, "items: four trestle tables of produce, crates before them, "
                            "baskets and sacks: ~25 in 60 m2"),
    "quay": Density(1.5, "items: bollards along the edge, crates, barrels, drums, coils of "
                         "rope, lamps: ~12 in 80 m2"),
    "interrogation_room": Density(5.0, "items: table, 2 chairs, papers, glass, ashtray, "
                                        "clock, mirror: ~8 in 16 m2"),
}
DEFAULT_DENSITY = Density(3.0, "items: an ordinary furnished room (a table, a chair, "
                                "frames, a plant, things on the table)")


def density_for(room_type: str) -> Density:
    return DENSITY.get(room_type, DEFAULT_DENSITY)


@dataclass
class Notes:
    lines: list[str] = field(default_factory=list)

    def add(self, text: str) -> None:
        if text not in self.lines:
            self.lines.append(text)
