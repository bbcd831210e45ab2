"""Interior room: four thick walls, a window the sun comes through, a door opening,
a ceiling fixture, trim and furniture: laid out for its room type (`rooms`: a
kitchen, a bar, a church nave...) or, with none named, a few pieces for scale.
Surfaces come from the prompt, else the style, else the room type, else defaults.

Origin at the centre of the finished floor (z = 0); the window is in the south wall
and the sun is placed to shine through it unless the prompt fixes a real place/time.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from .. import props
from ..mesh import below_openings_mask, box_mesh, merge, quad, slab, sweep
from ..props import furniture as fu
from ..props import industrial as ind
from ..props import street as st
from ...model.plan import CameraPlan, LightPlan, MaterialRequest, MeshPart, SetPlan
from ...model.spec import SetSpec
from ..styles import style_of
from . import common, rooms, shell
from .framing import Scout, Shot

# The words that name this place (EN/FR); the prompt parser reads this literal
# from the source (never importing this module), so it stays plain data.
WORDS = {
    "place": {
        "en": ("room", "apartment", "studio apartment", "loft", "waiting room",
               "interior room", "hall"),
        "fr": ("pièce", "salle", "appartement", "loft", "salle d'attente",
               "appartement studio"),
    },
    "near": {
        "en": ("house", "home", "museum"),
        "fr": ("maison", "musée"),
    },
    "exterior": False,
    "styled": True,        # reads SetSpec.style (styles.STYLES)
    # Kinds of room, each with its own layout: a room type names this place too.
    "room_types": {
        "living_room": {"en": ("living room", "lounge", "sitting room", "family room"),
                        "fr": ("salon", "séjour", "salle de séjour", "pièce à vivre")},
        "bedroom": {"en": ("bedroom", "hotel room", "guest room"),
                    "fr": ("chambre", "chambre d'hôtel", "chambre à coucher")},
        "kitchen": {"en": ("kitchen", "kitchenette"), "fr": ("cuisine",)},
        "bathroom": {"en": ("bathroom", "restroom", "washroom", "toilets"),
                     "fr": ("salle de bain", "salle de bains", "salle d'eau", "toilettes")},
        "office": {"en": ("office", "open-plan office", "open plan office", "open space",
                          "meeting room", "study", "cubicles"),
                   "fr": ("bureau", "bureaux", "open space", "salle de réunion")},
        "classroom": {"en": ("classroom", "school room", "lecture room"),
                      "fr": ("salle de classe", "classe", "salle de cours")},
        "hospital_room": {"en": ("hospital room", "hospital", "ward", "clinic", "infirmary"),
                          "fr": ("chambre d'hôpital", "hôpital", "clinique", "infirmerie")},
        "bar": {"en": ("bar", "pub", "tavern", "saloon", "cocktail bar"),
                "fr": ("bar", "pub", "taverne", "bistrot", "bistro")},
        "cafe": {"en": ("cafe", "coffee shop"), "fr": ("café", "brasserie", "salon de thé")},
        "restaurant": {"en": ("restaurant", "dining room", "canteen"),
                       "fr": ("restaurant", "salle à manger", "cantine")},
        "diner": {"en": ("diner", "roadside diner", "milk bar", "snack bar"),
                  "fr": ("diner", "snack", "snack-bar")},
        "shop": {"en": ("shop", "store", "boutique", "grocery", "convenience store"),
                 "fr": ("boutique", "magasin", "épicerie", "supérette")},
        "hotel_lobby": {"en": ("hotel lobby", "lobby", "reception", "foyer", "hotel"),
                        "fr": ("hall d'hôtel", "hall d'entrée", "réception", "lobby", "hôtel")},
        "library": {"en": ("library", "reading room"),
                    "fr": ("bibliothèque", "salle de lecture")},
        "cellar": {"en": ("cellar", "basement", "wine cellar", "vaulted cellar"),
                   "fr": ("cellier", "sous-sol", "cave voûtée", "cave à vin")},
        "church": {"en": ("church", "chapel", "nave", "cathedral", "church nave"),
                   "fr": ("église", "chapelle", "nef", "cathédrale")},
        "interrogation_room": {"en": ("interrogation room", "interview room",
                                      "police station", "prison cell", "cell"),
                               "fr": ("salle d'interrogatoire", "commissariat",
                                      "cellule")},
    },
}


WALL_T = 0.2     # wall and slab thickness (m)
SLAB_T = 0.2
MORNING = ("dawn", "sunrise", "morning")


@dataclass(frozen=True)
class RoomSize:
    width: float    # along X (east-west)
    depth: float    # along Y (north-south)
    height: float

    @property
    def half(self) -> tuple[float, float]:
        return self.width / 2, self.depth / 2


@dataclass(frozen=True)
class Opening:
    u0: float
    v0: float
    u1: float
    v1: float

    def rect(self) -> tuple[float, float, float, float]:
        return (self.u0, self.v0, self.u1, self.v1)


def room_size(spec: SetSpec, rng: np.random.Generator,
              room: rooms.RoomType | None = None) -> RoomSize:
    """The room type's proportions (scaled gently by the scale words), else the
    generic room's; a style sets the ceiling of an ordinary room (a Haussmann flat's
    3.3 m) when the words give no scale."""
    factor = common.SCALE_FACTORS.get(spec.scale, 1.0)
    jitter = rng.uniform(0.92, 1.08, size=2)
    room = room or _room_of(spec)
    style = style_of(spec.style)
    styled_h = style.ceiling_h if style is not None and spec.scale == "medium" else None
    if room is not None:
        w, d, h = room.size
        f = factor ** 0.5
        tall = room.vaulted or h > 4
        height = round(h * (f if tall else f ** 0.3), 2)
        if styled_h and not tall:
            height = styled_h
        return RoomSize(round(w * f * jitter[0], 2), round(d * f * jitter[1], 2), height)
    height = {"tiny": 2.5, "small": 2.6, "medium": 2.8, "large": 3.4, "huge": 4.2}.get(spec.scale, 2.8)
    return RoomSize(round(6.0 * factor * jitter[0], 2), round(4.8 * factor * jitter[1], 2),
                    styled_h or height)


def plan(spec: SetSpec, room: rooms.RoomType | None = None, label: str | None = None) -> SetPlan:
    """The room of the spec's room type, or `room` (a place recipe's room type, see
    places.build) named `label`."""
    rng = common.rng_for(spec, "interior_room.layout")
    room = room or _room_of(spec)
    size = room_size(spec, rng, room)
    windowless = room is not None and room.window_scale <= 0
    window, door = _window(size, room.window_scale if room and not windowless else 1.0), _door(size)
    sides = _side_windows(size) if room is not None and room.side_windows else []
    parts = _shell(size, None if windowless else window, door, room, sides, _pointed(spec, room))
    parts += ([] if windowless else _window_parts(size, window)) + _trim(size, door)
    parts += _side_window_parts(size, sides)
    parts += _cornice(spec, size, room)
    lit = common.practicals_on(spec) or windowless   # no daylight in: its lights are on
    if room is None:
        parts += _furniture(size, common.rng_for(spec, "interior_room.props"))
        parts.append(_fixture(size, lit))
        dressing = _dressing(spec, size, common.rng_for(spec, "interior_room.dressing"))
        parts += props.to_parts(dressing)
        cameras = _cameras(size, spec.camera)
    else:
        layout = _room_layout(spec, room, size)
        dressing = layout.placed
        parts += _panelling(spec, size, room, window, door, dressing)
        parts += props.to_parts(dressing)
        ceiling = size.height + (size.width / 2 if room.vaulted else 0.0)
        if room.roof_pitch > 0:
            ceiling = size.height - 0.3
        cameras = [_within(c, size) for c in
                   Scout(parts, ceiling=ceiling, mode=spec.camera).cameras(layout.shots)]
    sun_azimuth = 150.0 if spec.time_of_day in MORNING else 210.0
    atmosphere = common.atmosphere(spec, interior=True)
    if atmosphere.density > 0:
        atmosphere.bounds = ((-size.width / 2, -size.depth / 2, 0.0),
                             (size.width / 2, size.depth / 2, size.height))
    return SetPlan(
        notices=list(layout.notices) if room is not None else [],
        name=f"AI Set - {label} {spec.seed}" if label else _set_name(spec),
        archetype="interior_room", parts=parts,
        materials=common.all_materials(spec, parts, _materials(spec, lit, room), lit,
                                       _slot_overrides(spec, room)),
        lights=_lights(size, lit) + common.switched(
            props.to_lights(dressing, common.WARM_TUNGSTEN), lit),
        cameras=cameras,
        sky=common.sky_request(spec, sun_azimuth_deg=sun_azimuth), atmosphere=atmosphere,
        interior=True,
    )


def _room_of(spec: SetSpec) -> rooms.RoomType | None:
    """The room type's layout; a styled room with none named ("a Haussmann apartment")
    is furnished as a living room, a bare "room" keeps the generic layout."""
    return rooms.ROOMS.get(spec.room_type or ("living_room" if spec.style else ""))


def _set_name(spec: SetSpec) -> str:
    """"AI Set - Room 3", or the room type: "AI Set - Church 3"."""
    label = spec.room_type.replace("_", " ").title() if spec.room_type else "Room"
    return f"AI Set - {label} {spec.seed}"


def _window(size: RoomSize, scale: float = 1.0) -> Opening:
    """South-wall window in the wall slab's (u along +X from the outer corner, v up);
    `scale` < 1 makes a high small light (a cellar's), > 1 a tall one (a nave's)."""
    width = min(0.55 * size.width, 3.4) * min(scale, 1.0)
    centre = (size.width + 2 * WALL_T) / 2 - 0.08 * size.width
    head = min(size.height - 0.3, 2.5 * scale) if scale >= 1.0 else 1.9
    sill = 0.85 if scale >= 1.0 else head - 0.45
    return Opening(centre - width / 2, sill, centre + width / 2, head)


def _door(size: RoomSize) -> Opening:
    """West-wall door opening, near the north end (u along +Y from the south face)."""
    return Opening(size.depth - 1.45, 0.0, size.depth - 0.55, 2.1)


def _side_windows(size: RoomSize) -> list[tuple[float, float, float, float]]:
    """Tall windows along the side walls every 4 m, (y0, z0, y1, z1) in world units,
    clear of the door at the west wall's north end."""
    hw, hd = size.half
    head = min(size.height - 1.0, 8.0)
    return [(y - 0.6, 2.6, y + 0.6, head) for y in np.arange(-hd + 3.0, hd - 4.5, 4.0)]


def _side_window_parts(size: RoomSize, sides) -> list[MeshPart]:
    if not sides:
        return []
    rects = [(wall, r) for r in sides for wall in ("west", "east")]
    frames, glass = shell.window_set(rects, size.width, size.depth, WALL_T, mullions=0.6,
                                     transoms=1.2)
    return [MeshPart("Side Window Frames", frames, "trim"),
            MeshPart("Side Window Glass", glass, "glass")]


def _pointed(spec: SetSpec, room: rooms.RoomType | None) -> float:
    """How pointed a ribbed vault is: a Gothic (medieval) nave's two-centred arch,
    else 0, a round barrel."""
    style = style_of(spec.style)
    gothic = style is not None and "pointed_vault" in style.details
    return 0.6 if gothic and room is not None and room.vault_ribs > 0 else 0.0


def _vault_profile(size: RoomSize, pointed: float, inset: float = 0.0) -> np.ndarray:
    """The vault's arch (x, z) from springing to springing, `inset` inside the walls."""
    return shell.vault_profile(size.width - 2 * inset, size.height, 24,
                               pointed=pointed)[1:-1]


def _shell(size: RoomSize, window: Opening | None, door: Opening,
           room: rooms.RoomType | None = None, sides=(), pointed: float = 0.0
           ) -> list[MeshPart]:
    """Walls (with the window, the door and any side windows cut out), floor and
    ceiling slabs; a vaulted room springs a barrel vault from its side walls, its end
    walls rising to the crown."""
    vaulted = room is not None and room.vaulted
    hw, hd = size.half
    full_x = size.width + 2 * WALL_T
    top = float(_vault_profile(size, pointed)[:, 1].max()) if vaulted else size.height
    x, y, z = np.eye(3)
    side = [(y0 + hd, z0, y1 + hd, z1) for y0, z0, y1, z1 in sides]   # slab u from -hd
    wall_mesh = merge([
        slab((-hw - WALL_T, -hd - WALL_T, 0), x, z, y, (full_x, top, WALL_T),
             [window.rect()] if window else []),
        slab((-hw - WALL_T, hd, 0), x, z, y, (full_x, top, WALL_T)),
        slab((-hw - WALL_T, -hd, 0), y, z, x, (size.depth, top, WALL_T),
             [door.rect()] + side),
        slab((hw, -hd, 0), y, z, x, (size.depth, top, WALL_T), side)])
    floor = box_mesh((-hw - WALL_T, -hd - WALL_T, -SLAB_T), (hw + WALL_T, hd + WALL_T, 0))
    ceiling = box_mesh((-hw - WALL_T, -hd - WALL_T, top),
                       (hw + WALL_T, hd + WALL_T, top + SLAB_T))
    ground = quad([[-80, -80, -0.05], [80, -80, -0.05], [80, 80, -0.05], [-80, 80, -0.05]],
                  [0, 0, 1.0])
    sills = []
    if window is not None:
        x0, x1 = window.u0 - hw - WALL_T, window.u1 - hw - WALL_T
        sills = [(np.array([x0, -hd - WALL_T, window.v0]), np.array([x1, -hd, window.v1]))]
    streaks = {"aisets_streaks": below_openings_mask(wall_mesh.vertices, sills)}
    attic = room is not None and room.roof_pitch > 0
    return [
        MeshPart("Walls", wall_mesh, "walls", vertex_masks=streaks),
        MeshPart("Floor", floor, "floor"),
        MeshPart("Ceiling", _attic_roof(size, room.roof_pitch) if attic else ceiling, "ceiling"),
        MeshPart("Exterior Ground", ground, "ground"),
    ] + (_vault(size, room, pointed) if vaulted else []) + (_rafters(size, room.roof_pitch) if attic else [])


def _attic_roof(size: RoomSize, pitch: float):
    """An attic's ceiling: two roof slopes from the side walls (knee walls where they
    meet, at the ridge height less the rise) up to a ridge along the room's length."""
    hw, hd = size.half
    rise = min(hw * pitch, size.height - 1.0)
    knee = size.height - rise
    out = []
    for side in (-1, 1):
        corners = [[side * (hw + WALL_T), -hd - WALL_T, knee], [0.0, -hd - WALL_T, size.height],
                   [0.0, hd + WALL_T, size.height], [side * (hw + WALL_T), hd + WALL_T, knee]]
        out.append(quad(corners, [-side * rise, 0.0, -hw]))
    return merge(out)


def _rafters(size: RoomSize, pitch: float) -> list[MeshPart]:
    """Rafters under the slopes every 0.9 m and a ridge beam, in the trim's wood."""
    hw, hd = size.half
    rise = min(hw * pitch, size.height - 1.0)
    out = []
    from ..mesh import tube
    for y in np.arange(-hd + 0.45, hd, 0.9):
        for side in (-1, 1):
            out.append(tube((side * hw, y, size.height - rise - 0.08), (0.0, y, size.height - 0.08), 0.05, 4))
    out.append(tube((0.0, -hd, size.height - 0.1), (0.0, hd, size.height - 0.1), 0.08, 4))
    return [MeshPart("Rafters", merge(out), "beam_wood")]


def _vault(size: RoomSize, room: rooms.RoomType, pointed: float = 0.0) -> list[MeshPart]:
    """A barrel vault (semicircular, or pointed for a Gothic nave) springing from the
    side walls' tops, and, for a nave, stone ribs: transverse arches every few metres
    and a ridge rib along the crown, swept as round mouldings under the vault."""
    hw, hd = size.half
    profile = _vault_profile(size, pointed)
    out = [MeshPart("Vault", shell.extrude(profile, -hd, hd, True), room.vault_surface,
                    smooth=True)]
    if room.vault_ribs <= 0:
        return out
    r = 0.16                                        # a rib's radius (m)
    arch = _vault_profile(size, pointed, r)
    ys = np.arange(-hd + room.vault_ribs / 2, hd, room.vault_ribs)
    arches = np.stack([np.column_stack([arch[:, 0], np.full(len(arch), y), arch[:, 1]])
                       for y in ys])
    crown = float(profile[:, 1].max()) - r
    ridge = np.array([[0.0, -hd, crown], [0.0, hd, crown]])
    ribs = merge([sweep(arches, np.full(arches.shape[:2], r), 10),
                  sweep(ridge, np.full(2, r * 0.8), 10)])
    return out + [MeshPart("Vault Ribs", ribs, "stone", smooth=True)]


def _window_parts(size: RoomSize, window: Opening) -> list[MeshPart]:
    """Frame, mullion, sill and a glass pane inside the south opening."""
    hw, hd = size.half
    x0, x1 = window.u0 - hw - WALL_T, window.u1 - hw - WALL_T
    z0, z1 = window.v0, window.v1
    y_mid, prof, depth = -hd - WALL_T / 2, 0.06, 0.08
    y0, y1 = y_mid - depth / 2, y_mid + depth / 2
    # Members butt against each other, never overlap: coincident faces of overlapping
    # boxes render as black specks in Cycles.
    frame = [
        box_mesh((x0, y0, z0), (x0 + prof, y1, z1)), box_mesh((x1 - prof, y0, z0), (x1, y1, z1)),
        box_mesh((x0 + prof, y0, z0), (x1 - prof, y1, z0 + prof)),
        box_mesh((x0 + prof, y0, z1 - prof), (x1 - prof, y1, z1)),
    ]
    panes = max(1, int(round((x1 - x0) / 1.1)))
    for k in range(1, panes):
        xm = x0 + (x1 - x0) * k / panes
        frame.append(box_mesh((xm - prof / 2, y0, z0 + prof), (xm + prof / 2, y1, z1 - prof)))
    sill = box_mesh((x0 - 0.05, -hd - 0.04, z0 - 0.03), (x1 + 0.05, -hd + 0.06, z0 + 0.015))
    glass = box_mesh((x0 + prof, y_mid - 0.004, z0 + prof), (x1 - prof, y_mid + 0.004, z1 - prof))
    return [MeshPart("Window Frame", merge(frame + [sill]), "trim"),
            MeshPart("Window Glass", glass, "glass")]


def _trim(size: RoomSize, door: Opening) -> list[MeshPart]:
    """Skirting boards along the inner wall faces (broken at the door) and the door casing."""
    hw, hd = size.half
    t, h = 0.018, 0.1
    door_y0, door_y1 = door.u0 - hd, door.u1 - hd
    boards = [
        box_mesh((-hw, -hd, 0), (hw, -hd + t, h)), box_mesh((-hw, hd - t, 0), (hw, hd, h)),
        box_mesh((hw - t, -hd, 0), (hw, hd, h)),
        box_mesh((-hw, -hd, 0), (-hw + t, door_y0, h)), box_mesh((-hw, door_y1, 0), (-hw + t, hd, h)),
    ]
    w, top = 0.07, door.v1
    casing = [
        box_mesh((-hw, door_y0 - w, 0), (-hw + 0.022, door_y0, top + w)),
        box_mesh((-hw, door_y1, 0), (-hw + 0.022, door_y1 + w, top + w)),
        box_mesh((-hw, door_y0, top), (-hw + 0.022, door_y1, top + w)),
    ]
    return [MeshPart("Skirting and Casing", merge(boards + casing), "trim")]


def _furniture(size: RoomSize, rng: np.random.Generator) -> list[MeshPart]:
    """A table with two chairs (one instanced prototype), a rug and a cabinet: the
    scale references a set designer looks for first."""
    hw, hd = size.half
    cx, cy = 0.12 * size.width + rng.uniform(-0.2, 0.2), -0.05 * size.depth
    table = [box_mesh((cx - 0.8, cy - 0.4, 0.72), (cx + 0.8, cy + 0.4, 0.76))]
    for sx in (-0.72, 0.72):
        for sy in (-0.32, 0.32):
            table.append(box_mesh((cx + sx - 0.025, cy + sy - 0.025, 0), (cx + sx + 0.025, cy + sy + 0.025, 0.72)))
    chair = merge([box_mesh((-0.22, -0.22, 0.43), (0.22, 0.22, 0.47)),
                   box_mesh((-0.22, 0.18, 0.47), (0.22, 0.22, 0.92))]
                  + [box_mesh((sx - 0.02, sy - 0.02, 0), (sx + 0.02, sy + 0.02, 0.43))
                     for sx in (-0.19, 0.19) for sy in (-0.19, 0.19)])
    chairs = [_placed(cx - 0.35, cy + 0.62, 0.0), _placed(cx + 0.4, cy - 0.62, np.pi)]
    rug = box_mesh((cx - 1.3, cy - 1.0, 0), (cx + 1.3, cy + 1.0, 0.008))
    cabinet = box_mesh((-0.35 * size.width, hd - 0.45, 0), (-0.35 * size.width + 1.2, hd - 0.02, 0.9))
    return [
        MeshPart("Table", merge(table), "furniture", group="props"),
        MeshPart("Chair", chair, "furniture", group="props", instances=chairs),
        MeshPart("Rug", rug, "rug", group="props"),
        MeshPart("Cabinet", cabinet, "furniture", group="props"),
    ]


def _dressing(spec: SetSpec, size: RoomSize, rng: np.random.Generator) -> list[props.Placement]:
    """A bookcase on the east wall, a plant and a standard lamp in the corners, and
    whatever props the words add, kept clear of the table, the door and the cameras."""
    hw, hd = size.half
    occ = props.Occupancy(cell=1.0)
    cx, cy = 0.12 * size.width, -0.05 * size.depth
    occ.block(cx - 1.45, cy - 1.2, cx + 1.45, cy + 1.2)                # table, chairs, rug
    occ.block(-0.35 * size.width - 0.1, hd - 0.5, -0.35 * size.width + 1.3, hd)   # cabinet
    occ.block(-hw, hd - 1.6, -hw + 1.0, hd - 0.4)                       # door swing
    for cam in _cameras(size, "eye"):
        x, y = cam.location[:2]
        occ.block(x - 0.6, y - 0.6, x + 0.6, y + 0.6)
    placed = []
    shelf = props.place(occ, st.bookcase(rng, min(1.6, size.depth * 0.35)), hw - 0.2, 0.05 * size.depth,
                        0.0, np.pi / 2, gap=0.03)
    placed += [shelf] if shelf else []
    for model, x, y in ((st.planter(rng), -hw + 0.4, -hd + 0.45), (st.floor_lamp(rng), hw - 0.35, -hd + 0.4)):
        p = props.place(occ, model, x, y, 0.0, rng.uniform(0, 6.28), gap=0.03)
        placed += [p] if p else []
    words, q = spec.props, spec.quantity
    floor = props.Region(-hw + 0.3, -hd + 0.3, hw - 0.3, hd - 0.3)
    extras = {"crate": ind.crate(rng, 0.6), "plant": st.planter(rng), "chair": st.armchair(rng),
              "barrel": ind.barrel(rng)}
    for kind, model in extras.items():
        if kind in words:
            placed += props.scatter(rng, occ, model, int(3 * q), floor, gap=0.1)
    return placed


def _placed(x: float, y: float, angle: float) -> np.ndarray:
    c, s = np.cos(angle), np.sin(angle)
    return np.array([[c, -s, 0, x], [s, c, 0, y], [0, 0, 1, 0], [0, 0, 0, 1]], dtype=float)


def _fixture(size: RoomSize, lit: bool) -> MeshPart:
    z = size.height
    return MeshPart("Ceiling Fixture", box_mesh((-0.3, -0.3, z - 0.05), (0.3, 0.3, z)),
                    "fixture", group="props")


def _within(camera, size: RoomSize, margin: float = 0.3):
    """The camera stands inside the walls: a framing pushed back through a wall (to hold
    a wide subject) comes back to the wall's inner face, still aimed at its target."""
    hw, hd = size.half
    x, y, z = camera.location
    inside = (float(np.clip(x, -hw + margin, hw - margin)),
              float(np.clip(y, -hd + margin, hd - margin)), z)
    return camera if inside == (x, y, z) else replace(camera, location=inside)


def _room_layout(spec: SetSpec, room: rooms.RoomType, size: RoomSize) -> rooms.Layout:
    """The room type's furniture, then the props the words add, kept off the door
    swing and the furniture."""
    rng = common.rng_for(spec, f"interior_room.{spec.room_type or 'living_room'}")
    hw, hd = size.half
    occ = props.Occupancy(cell=1.0)
    occ.block(-hw, hd - 1.6, -hw + 1.0, hd - 0.4)                       # door swing
    layout = room.furnish(rng, size.width, size.depth, size.height, occ)
    _fireplace(spec, size, occ, layout)
    floor = props.Region(-hw + 0.3, -hd + 0.3, hw - 0.3, hd - 0.3)
    extras = {"crate": ind.crate(rng, 0.6), "plant": st.planter(rng), "chair": st.armchair(rng),
              "barrel": ind.barrel(rng)}
    for kind, model in extras.items():
        if kind in spec.props:
            count = spec.props[kind] or int(3 * spec.quantity)
            layout.placed += props.scatter(rng, occ, model, count, floor, gap=0.1)
    if any(room is r for r in rooms.ROOMS.values()):
        _named_props(spec, layout, occ, floor, set(extras), rng, size.height)
    from ..dressing.wiring import dress_layout     # walls, ceiling, small things (issue 20)
    layout.placed += dress_layout(spec, size, spec.room_type or "room", room, layout.shots,
                                  layout.placed)
    return layout


def _named_props(spec: SetSpec, layout: rooms.Layout, occ: props.Occupancy, floor: props.Region,
                 done: set[str], rng: np.random.Generator, height: float) -> None:
    """Props the words name that the room type does not place ("a kitchen with a bed and
    two monitors"), in their counts; props the words exclude are taken out."""
    from ..places.build import block_walls, extra_kinds, place_named, short_of
    placed = {p.model.kind for p in layout.placed}
    hw, hd = floor.x1 + 0.3, floor.y1 + 0.3
    block_walls(occ, hw, hd)
    for kind, n in extra_kinds(spec, placed | done):
        got = place_named(rng, occ, kind, n, layout.placed, 2 * hw, 2 * hd, height, floor)
        layout.placed += got
        short_of(layout.notices, kind, n, len(got))
    layout.placed = [p for p in layout.placed if p.model.kind not in spec.excluded_props]


FIREPLACE_ROOMS = ("living_room", "bedroom", "library", "hotel_lobby")


def _fireplace(spec: SetSpec, size: RoomSize, occ: props.Occupancy,
               layout: rooms.Layout) -> None:
    """The style's chimneypiece (a Haussmann salon's marble one), only in rooms that
    have one. In a living room it replaces the television (there is none in a
    Haussmann salon): it takes the armchair's place on the east wall, facing the sofa
    group, the armchair takes the TV's, and the first shot swings right to hold the
    sofa and the fireplace. Elsewhere it stands against a side wall where the
    furniture leaves room."""
    style = style_of(spec.style)
    if not style or "fireplace" not in style.details or \
            (spec.room_type or "living_room") not in FIREPLACE_ROOMS:
        return
    hw, hd = size.half
    model = fu.fireplace(common.rng_for(spec, "interior_room.details"))
    tv = [p for p in layout.placed if p.model.kind in ("tv", "sideboard")]
    chair = [p for p in layout.placed if p.model.kind == "armchair"]
    if tv and chair:
        tv_y, chair_y = float(tv[0].transform[1, 3]), float(chair[0].transform[1, 3])
        layout.placed = [p for p in layout.placed if p not in tv + chair]
        layout.put(occ, model, hw - 0.17, chair_y, rooms.WEST)
        layout.put(occ, chair[0].model, -hw + 0.6, tv_y, rooms.EAST)
        first = layout.shots[0]          # a 20 mm holds the hearth and the cornice
        layout.shots[0] = Shot(first.shot, 20.0, first.stand,
                               (0.45 * hw, chair_y + 0.3, 0.9), third=0.0, pitch_bias_deg=6.0)
        return
    for x, yaw in ((hw - 0.17, rooms.WEST), (-hw + 0.17, rooms.EAST)):
        for y in (-0.15 * size.depth, 0.0, -0.3 * size.depth, 0.15 * size.depth):
            placed = props.place(occ, model, x, y, 0.0, yaw, gap=0.05)
            if placed:
                layout.placed.append(placed)
                return


def _cornice(spec: SetSpec, size: RoomSize, room: rooms.RoomType | None) -> list[MeshPart]:
    """A stepped crown moulding round the top of the walls (Haussmann, Victorian, Art
    Deco): three bands growing out from the wall toward the ceiling. Its back and top
    sink 1 mm into wall and ceiling, so no face is coplanar with theirs."""
    style = style_of(spec.style)
    if not style or "cornice" not in style.details or (room is not None and room.vaulted):
        return []
    hw, hd, H = *size.half, size.height
    bands = ((0.05, H - 0.3, H - 0.2), (0.1, H - 0.2, H - 0.09), (0.17, H - 0.09, H + 0.001))
    pieces = []
    for k, (d, z0, z1) in enumerate(bands):
        e = 0.001 * (k + 1)                       # bands overlap at the corners, offset
        pieces += [box_mesh((-hw - e, -hd - e, z0), (hw + e, -hd + d, z1)),
                   box_mesh((-hw - e, hd - d, z0), (hw + e, hd + e, z1)),
                   box_mesh((-hw - e, -hd + d - 0.002, z0), (-hw + d, hd - d + 0.002, z1 - e)),
                   box_mesh((hw - d, -hd + d - 0.002, z0), (hw + e, hd - d + 0.002, z1 - e))]
    return [MeshPart("Cornice", merge(pieces), "trim")]


# Wall -> (corner it runs from, along axis, inward normal): the room's inner faces.
_WALLS = {"south": ((-1, -1), (1, 0), (0, 1)), "north": ((-1, 1), (1, 0), (0, -1)),
          "west": ((-1, -1), (0, 1), (1, 0)), "east": ((1, -1), (0, 1), (-1, 0))}


def _panelling(spec: SetSpec, size: RoomSize, room: rooms.RoomType | None, window: Opening,
               door: Opening, dressing: list[props.Placement]) -> list[MeshPart]:
    """Boiseries (a Haussmann salon): moulded frames on the walls, a tall panel over a
    dado panel per bay, 1.1 m bays wherever the wall is free: not across the window,
    the door, the fireplace or tall furniture standing against the wall."""
    style = style_of(spec.style)
    if not style or "panelling" not in style.details or (room is not None and room.vaulted):
        return []
    hw, hd = size.half
    pieces = []
    for name, (corner, along, inward) in _WALLS.items():
        origin = np.array([corner[0] * hw, corner[1] * hd])
        length = size.width if along[0] else size.depth
        blocked = _wall_blocks(name, origin, np.array(along), np.array(inward), window, door,
                               dressing)
        for a0, a1 in _bays(length, blocked):
            for z0, z1 in ((0.3, 0.8), (1.05, size.height - 0.55)):
                pieces += _frame(origin, np.array(along), np.array(inward), a0, a1, z0, z1)
    return [MeshPart("Wall Panelling", merge(pieces), "trim")] if pieces else []


def _wall_blocks(name: str, origin, along, inward, window: Opening, door: Opening,
                 dressing: list[props.Placement]) -> list[tuple[float, float]]:
    """Intervals along a wall (m from its corner) that panels must leave clear."""
    out = []
    if name == "south":
        out.append((window.u0 - WALL_T - 0.15, window.u1 - WALL_T + 0.15))
    if name == "west":
        out.append((door.u0 - 0.15, door.u1 + 0.15))
    for placed in dressing:
        for b in placed.boxes:
            rel = np.array([b.x, b.y]) - origin
            if b.z1 > 0.9 and rel @ inward < b.radius + 0.3:
                centre = float(rel @ along)
                out.append((centre - b.radius - 0.1, centre + b.radius + 0.1))
    return out


def _bays(length: float, blocked: list[tuple[float, float]], target: float = 1.1,
          gap: float = 0.2) -> list[tuple[float, float]]:
    """Panel spans (a0, a1) filling the free stretches of a wall at about `target` wide."""
    edges, free, start = sorted(blocked), [], 0.15
    for b0, b1 in edges + [(length - 0.15, length)]:
        if b0 > start:
            free.append((start, b0))
        start = max(start, b1)
    out = []
    for f0, f1 in free:
        n = int((f1 - f0 + gap) // (target + gap))
        if n < 1:
            continue
        w = (f1 - f0 - gap * (n - 1)) / n
        out += [(f0 + k * (w + gap), f0 + k * (w + gap) + w) for k in range(n)]
    return out


def _frame(origin, along, inward, a0: float, a1: float, z0: float, z1: float,
           s: float = 0.06, d: float = 0.03) -> list:
    """A moulded rectangle on a wall: rails full width, stiles between them (a hair
    thinner and longer, so no two faces are coplanar)."""
    def slab_box(b0, b1, c0, c1, depth):
        p0 = origin + along * b0 - inward * 0.001
        p1 = origin + along * b1 + inward * depth
        lo, hi = np.minimum(p0, p1), np.maximum(p0, p1)
        return box_mesh((lo[0], lo[1], c0), (hi[0], hi[1], c1))
    return [slab_box(a0, a1, z0, z0 + s, d), slab_box(a0, a1, z1 - s, z1, d),
            slab_box(a0, a0 + s, z0 + s - 0.002, z1 - s + 0.002, d - 0.002),
            slab_box(a1 - s, a1, z0 + s - 0.002, z1 - s + 0.002, d - 0.002)]


def _slot_overrides(spec: SetSpec, room: rooms.RoomType | None) -> dict[str, MaterialRequest]:
    """Prop slots the room type or style repaints (a white kitchen, a burgundy bar),
    unless the prompt named the props' material."""
    if spec.surface("props").family:
        return {}
    structural = {"walls", "floor", "ceiling", "ground", "furniture", "rug"}
    return {key: common.plain(key, family, spec.seed, colour)
            for key, (family, colour) in _defaults(spec, room).items()
            if key not in structural and not key.startswith("facade")}


def _defaults(spec: SetSpec, room: rooms.RoomType | None) -> dict[str, tuple[str, str | None]]:
    """Surface defaults (family, colour) by role or prop slot: the style's over the
    room type's."""
    out = dict(room.surfaces) if room else {}
    style = style_of(spec.style)
    if style is not None:
        out.update(style.surfaces)
    if "furniture" in out:
        out.setdefault("wood", out["furniture"])
    return out


def _materials(spec: SetSpec, lit: bool, room: rooms.RoomType | None = None
               ) -> dict[str, MaterialRequest]:
    defaults = _defaults(spec, room)

    def surface(key: str, role: str, family: str, **kwargs) -> MaterialRequest:
        fam, colour = defaults.get(key, (family, None))
        return common.material(spec, key, role, fam, default_colour=colour, **kwargs)

    walls = surface("walls", "walls", "plaster")
    concrete = walls.family in ("concrete", "cast_concrete", "board_formed_concrete")
    floor = surface("floor", "floor", "polished_concrete" if concrete else "wood_planks",
                    fallback_roles=("ground",))
    mats = {
        "walls": walls, "floor": floor,
        "ceiling": surface("ceiling", "ceiling", "concrete" if concrete else "plaster"),
        "ground": common.plain("ground", "grass", spec.seed),
        "trim": common.plain("trim", "painted_wall", spec.seed, "white"),
        "furniture": surface("furniture", "props", "wood_planks"),
        "rug": common.plain("rug", defaults.get("rug", ("carpet",))[0], spec.seed,
                            defaults.get("rug", (None, "beige"))[1]),
        "glass": common.plain("glass", "glass", spec.seed),
        "fixture": common.plain("fixture", "emission" if lit else "painted_wall", spec.seed,
                                "white"),
    }
    return mats


def _lights(size: RoomSize, lit: bool) -> list[LightPlan]:
    """The ceiling practical carries dusk and night; by day the window does the work,
    with the practical off (built dark, for the hour slider) as on a real location."""
    return common.switched([LightPlan("Ceiling Practical", "AREA",
                                      (0.0, 0.0, size.height - 0.06), (0.0, 0.0, -1.0),
                                      power_w=180.0, colour=common.WARM_TUNGSTEN,
                                      size_m=0.55, size_y_m=0.55)], lit)


def _cameras(size: RoomSize, mode: str = "eye") -> list[CameraPlan]:
    hw, hd = size.half
    eye = {"low": 0.45, "high": size.height - 0.5, "aerial": size.height - 0.5}.get(mode, 1.6)
    return [
        CameraPlan("CAM_Wide_24mm", (hw - 0.45, hd - 0.45, eye),
                   (-0.1 * size.width, -hd, 1.05), lens_mm=24.0, shot="wide"),
        CameraPlan("CAM_Medium_35mm", (-hw + 0.5, -0.15 * size.depth, eye),
                   (0.2 * size.width, -0.1 * size.depth, 0.9), lens_mm=35.0, shot="medium"),
        CameraPlan("CAM_Reverse_35mm", (0.2 * size.width, -hd + 0.5, eye),
                   (-0.35 * size.width, hd, 1.2), lens_mm=35.0, shot="reverse"),
    ]
