"""Sets that look like what was asked: room types, styles and eras (issue 14).

A table of prompts (half French) checks what the parser read (room type, style, era)
and what the plan built from it; the first camera of each room type frames what
defines the room, not a wall or the back of a prop.
"""

from __future__ import annotations

import json
from functools import lru_cache

import numpy as np
import pytest
import trimesh

from ai_sets_addon.generation import archetypes
from ai_sets_addon.generation import vocabulary as voc
from ai_sets_addon.generation.archetypes import rooms
from ai_sets_addon.generation.prompt import parse_prompt
from ai_sets_addon.model.spec import SetSpec
from ai_sets_addon.generation.styles import ERAS, STYLES
from test_archetypes import PROMPTS as _ARCHETYPE_PROMPTS
from test_archetypes import frame_rays

# (language, prompt, archetype, room type, style, era)
CASES = [
    ("en", "a cramped 1970s apartment living room", "interior_room", "living_room", "seventies", "1970s"),
    ("fr", "un salon des années 70", "interior_room", "living_room", "seventies", "1970s"),
    ("en", "a kitchen", "interior_room", "kitchen", None, None),
    ("fr", "une cuisine scandinave", "interior_room", "kitchen", "scandinavian", None),
    ("en", "a Scandinavian bedroom", "interior_room", "bedroom", "scandinavian", None),
    ("fr", "une chambre d'hôtel art déco", "interior_room", "bedroom", "art_deco", None),
    ("en", "a tiled bathroom", "interior_room", "bathroom", None, None),
    ("fr", "une salle de bains carrelée", "interior_room", "bathroom", None, None),
    ("en", "an open-plan office at night", "interior_room", "office", None, None),
    ("fr", "un open space de bureaux", "interior_room", "office", None, None),
    ("en", "a classroom in the morning", "interior_room", "classroom", None, None),
    ("fr", "une salle de classe au matin", "interior_room", "classroom", None, None),
    ("en", "a hospital room", "interior_room", "hospital_room", None, None),
    ("fr", "une chambre d'hôpital", "interior_room", "hospital_room", None, None),
    ("en", "a smoky bar at night", "interior_room", "bar", None, None),
    ("fr", "un bar enfumé la nuit", "interior_room", "bar", None, None),
    ("en", "a Parisian cafe", "interior_room", "cafe", "haussmann", None),
    ("fr", "un café parisien", "interior_room", "cafe", "haussmann", None),
    ("en", "a 1950s diner", "interior_room", "diner", "diner", "1950s"),
    ("fr", "un restaurant des années 50", "interior_room", "restaurant", "diner", "1950s"),
    ("en", "a convenience store in Tokyo", "interior_room", "shop", "tokyo", None),
    ("fr", "une épicerie de quartier", "interior_room", "shop", None, None),
    ("en", "an art deco hotel lobby", "interior_room", "hotel_lobby", "art_deco", None),
    ("fr", "un hall d'hôtel brutaliste", "interior_room", "hotel_lobby", "brutalist", None),
    ("en", "a Victorian library", "interior_room", "library", "victorian", None),
    ("fr", "une bibliothèque ancienne", "interior_room", "library", None, None),
    ("en", "a vaulted cellar", "interior_room", "cellar", None, None),
    ("fr", "une cave voûtée", "interior_room", "cellar", None, None),
    ("en", "a church nave at dawn", "interior_room", "church", None, None),
    ("fr", "la nef d'une église gothique", "interior_room", "church", "medieval", None),
    ("en", "a police interrogation room", "interior_room", "interrogation_room", None, None),
    ("fr", "une salle d'interrogatoire", "interior_room", "interrogation_room", None, None),
    ("en", "a Haussmann apartment", "interior_room", None, "haussmann", None),
    ("fr", "un appartement haussmannien", "interior_room", None, "haussmann", None),
    ("en", "a brutalist concrete room", "interior_room", None, "brutalist", None),
    ("fr", "une pièce minimaliste blanche", "interior_room", None, "minimal", None),
    ("en", "a medieval castle hall", "interior_room", None, "medieval", None),
    ("fr", "une salle médiévale", "interior_room", None, "medieval", None),
    ("en", "a spaceship corridor", "corridor", None, "scifi", None),
    ("fr", "un couloir de vaisseau spatial", "corridor", None, "scifi", None),
    ("en", "a futuristic corridor", "corridor", None, "scifi", "future"),
    ("fr", "un couloir d'hôpital", "corridor", None, None, None),
    ("en", "a Provençal village street", "street", None, "provencal", None),
    ("fr", "rue pavée d'un village provençal", "street", None, "provencal", None),
    ("en", "a Haussmann boulevard in Paris", "street", None, "haussmann", None),
    ("fr", "un boulevard haussmannien", "street", None, "haussmann", None),
    ("en", "a New York brownstone street", "street", None, "brownstone", None),
    ("fr", "une rue de Brooklyn", "street", None, "brownstone", None),
    ("en", "a Victorian London street at night", "street", None, "victorian", None),
    ("fr", "une rue de Londres victorienne", "street", None, "victorian", None),
    ("en", "a street in the Marrakech medina", "street", None, "medina", None),
    ("fr", "une ruelle de la médina", "alley", None, "medina", None),
    ("en", "a rain-soaked back alley in Tokyo with pink and cyan neon", "alley", None, "tokyo",
     None),
    ("fr", "une ruelle japonaise à Tokyo la nuit", "alley", None, "tokyo", None),
    ("en", "a medieval street", "street", None, "medieval", None),
    ("fr", "une rue médiévale", "street", None, "medieval", None),
    ("en", "a brutalist rooftop", "rooftop", None, "brutalist", None),
    ("fr", "un toit de Paris", "rooftop", None, "haussmann", None),
    ("en", "a seventies bedroom", "interior_room", "bedroom", "seventies", "1970s"),
    ("fr", "une chambre rétro", "interior_room", "bedroom", "seventies", None),
    ("en", "a Moroccan cafe", "interior_room", "cafe", "medina", None),
    ("fr", "un bar à Tokyo", "interior_room", "bar", "tokyo", None),
    ("fr", "une cuisine des années 1970", "interior_room", "kitchen", "seventies", "1970s"),
    ("fr", "un bureau contemporain", "interior_room", "office", "minimal", "contemporary"),
]


def test_the_table_is_big_and_half_french():
    assert len(CASES) >= 60
    assert sum(lang == "fr" for lang, *_ in CASES) >= len(CASES) / 2


@pytest.mark.parametrize("lang,prompt,archetype,room,style,era", CASES,
                         ids=[c[1] for c in CASES])
def test_room_type_style_and_era_are_read(lang, prompt, archetype, room, style, era):
    spec = parse_prompt(prompt)
    assert SetSpec.from_dict(json.loads(json.dumps(spec.to_dict()))) == spec
    got = (spec.archetype, spec.room_type, spec.style, spec.era)
    assert got == (archetype, room, style, era), spec.notices
    assert spec.unknown_words == [] or prompt in _KNOWN_LEFTOVERS, spec.unknown_words
    assert not any("not a set type yet" in n or "not applied" in n for n in spec.notices), \
        spec.notices


@pytest.mark.parametrize("prompt,place", [
    ("a Victorian desert", "desert"), ("une plage japonaise", "beach"),
    ("un canyon marocain", "canyon"), ("a medieval forest", "forest")])
def test_a_landscape_says_why_a_style_is_not_applied(prompt, place):
    spec = parse_prompt(prompt)
    label = STYLES[spec.style].label
    assert spec.notices == [
        f"the {label} style is not applied to {place} sets: a {place} has no buildings or "
        "furnishings for a style to shape (its sky, ground and plants follow the other words)"]


def test_an_indoor_style_outdoors_is_a_notice():
    assert parse_prompt("une rue des années 70").notices == [
        "the 1970s interior style is not applied to street sets: that style describes "
        "interiors"]
    assert parse_prompt("une rue haussmannienne").notices == []


def lamp_kinds(p) -> set[str]:
    return {part.name.split(" - ")[0] for part in p.parts} & {"Lantern Post", "Strip Light"}


def test_a_platform_reads_its_style_finish_lights_and_props():
    victorian, seventies = plan("a Victorian metro platform"), plan("un quai de métro des années 70")
    tokyo, plain = plan("a Tokyo subway platform"), plan("a metro platform")
    assert lamp_kinds(victorian) == {"Lantern Post"} and lamp_kinds(plain) == {"Strip Light"}
    assert any(l.name.startswith("Lantern") and l.colour[2] < 0.4 for l in victorian.lights)
    assert (seventies.materials["walls"].family, seventies.materials["walls"].colour) == \
        ("ceramic_tiles", "orange")
    assert "Vending Machine" in labels(tokyo) and "Vending Machine" not in labels(plain)
    assert plan("un quai de métro parisien").materials["walls"].colour == "white"
    assert plan("a sci-fi metro station").materials["walls"].family == "brushed_metal"
    assert parse_prompt("a Victorian metro platform").notices == []


def test_a_cyclorama_dresses_its_subject_in_the_style_and_says_the_cyc_stays_neutral():
    seventies, plain = plan("a 1970s studio cyclorama"), plan("a cyclorama")
    assert seventies.materials["upholstery"].colour == "orange"
    assert plain.materials["upholstery"].colour == "ochre" and not plain.notices
    assert seventies.materials["backdrop"].colour == "white"
    assert any("neutral backdrop" in n for n in seventies.notices)
    assert "Vending Machine" in labels(plan("a Tokyo photo studio"))
    assert {"Armchair", "Apple Boxes", "Potted Plant"} <= labels(plain)    # the whole subject


# Words these prompts carry that no stage reacts to yet (reported honestly).
_KNOWN_LEFTOVERS = {"a police interrogation room", "une épicerie de quartier",
                    "a street in the Marrakech medina"}


def test_styles_and_eras_are_data_with_words_in_both_languages():
    assert len(STYLES) >= 14 and len(ERAS) >= 5
    for style in STYLES.values():
        assert style.words["en"] and style.words["fr"], style.key
        lo, hi = style.facade.storeys
        assert 1 <= lo <= hi <= 15 and 2.4 <= style.facade.storey_h <= 4.0, style.key
        for family, colour in style.surfaces.values():
            assert family in voc.MATERIAL_FAMILIES or family == "paint", (style.key, family)
            assert colour is None or colour in voc.COLOURS, (style.key, colour)
    assert all(e.style is None or e.style in STYLES for e in ERAS.values())


def test_every_room_type_has_a_layout():
    assert set(voc.room_words()) == set(rooms.ROOMS)
    assert len(rooms.ROOMS) >= 15


# --------------------------------------------------------------------------- plans

@lru_cache(maxsize=64)
def plan(prompt: str, seed: int = 3):
    return archetypes.plan_set(parse_prompt(prompt, seed))


def labels(p) -> set[str]:
    return {part.name.split(" - ")[0] for part in p.parts}


def storeys(p) -> list[float]:
    """Building heights above the kerb (m), from each building's facade part."""
    return [float(part.mesh.bounds[1][2]) for part in p.parts
            if part.name.startswith("Building") and " - " not in part.name]


PLAN_CASES = [
    ("a cramped 1970s apartment living room",
     lambda p: {"Sofa", "Coffee Table", "Rug"} <= labels(p)
     and p.materials["floor"].family == "carpet"),
    ("un salon des années 70", lambda p: {"Sofa", "Coffee Table"} <= labels(p)
     and p.materials["walls"].family == "wood_planks"),
    ("a kitchen", lambda p: "Kitchen Units" in labels(p)),
    ("une chambre", lambda p: "Bed" in labels(p) and "Nightstand" in labels(p)),
    ("a bar at night", lambda p: {"Bar Counter", "Bar Stool"} <= labels(p) and p.lights),
    ("une cave voûtée", lambda p: "Wine Rack" in labels(p)
     and max(x.mesh.bounds[1][2] for x in p.parts if x.name == "Walls") > 3.5),
    ("la nef d'une église", lambda p: {"Altar", "Pew"} <= labels(p)),
    ("a classroom", lambda p: {"Blackboard", "School Desk"} <= labels(p)),
    ("rue pavée d'un village provençal",
     lambda p: max(storeys(p)) <= 3.4 + 2 * 2.9 + 0.5
     and p.materials["facade_a"].family in ("plaster", "rock")
     and any(x.name.endswith("Shutters") for x in p.parts)),
    ("un boulevard haussmannien", lambda p: min(storeys(p)) >= 4.6 + 4 * 3.0
     and any(x.name.endswith("Balconies") for x in p.parts)),
    ("a rain-soaked back alley in Tokyo with pink and cyan neon",
     lambda p: {k for k in p.materials if k.startswith("neon_")} <= {"neon_pink", "neon_cyan"}
     and max(storeys(p)) <= 3.6 + 4 * 2.9 + 0.5),
    ("a Tokyo street at night", lambda p: {"neon_pink", "neon_cyan"}
     & {k for k in p.materials if k.startswith("neon_")}),
    ("une chambre scandinave", lambda p: p.materials["walls"].colour == "white"),
    ("a Haussmann apartment", lambda p: "Sofa" in labels(p)
     and max(x.mesh.bounds[1][2] for x in p.parts if x.name == "Walls") >= 3.3
     and p.materials["floor"].family == "parquet"),
    ("a concrete room at noon", lambda p: "Table" in labels(p) and "Sofa" not in labels(p)),
]


@pytest.mark.parametrize("prompt,check", PLAN_CASES, ids=[c[0] for c in PLAN_CASES])
def test_the_plan_builds_what_was_asked(prompt, check):
    assert check(plan(prompt)), prompt


# --------------------------------------------------------------------------- framing


def _first_hits(p, origin, dirs):
    """Per ray: (label of the part hit first, whether that face is a prop's back)."""
    meshes, owners, backs = [], [], []
    for part in p.parts:
        if part.name == "Exterior Ground":
            continue
        local_back = part.mesh.face_normals[:, 1] > 0.7 if part.instances else \
            np.zeros(len(part.mesh.faces), bool)
        for k, t in enumerate(part.instances or [np.eye(4)]):
            meshes.append(part.mesh.copy().apply_transform(t) if part.instances else part.mesh)
            owners += [(part.name.split(" - ")[0], k)] * len(part.mesh.faces)
            backs.append(local_back)
    scene = trimesh.util.concatenate(meshes)
    backs = np.concatenate(backs)
    tri, ray = scene.ray.intersects_id(np.repeat(origin[None], len(dirs), 0), dirs,
                                       multiple_hits=False)
    hit_owner = [None] * len(dirs)
    hit_back = np.zeros(len(dirs), bool)
    for t, r in zip(tri, ray):
        hit_owner[r], hit_back[r] = owners[t], backs[t]
    return hit_owner, hit_back


@pytest.mark.parametrize("room", sorted(rooms.ROOMS))
def test_the_first_camera_frames_what_defines_the_room(room):
    prompt = next(p for _, p, _, r, _, _ in CASES if r == room)
    p = plan(prompt)
    camera = p.cameras[0]
    origin, dirs = frame_rays(camera, 24, 14)
    owners, backs = _first_hits(p, origin, dirs)
    defining = rooms.ROOMS[room].defining
    share = np.mean([o is not None and o[0] in defining for o in owners])
    assert share >= 0.1, f"{room}: {camera.name} shows {share:.0%} of {defining}"
    by_prop: dict = {}
    for o, b in zip(owners, backs):
        if o is not None and b:
            by_prop[o] = by_prop.get(o, 0) + 1
    worst = max(by_prop.values(), default=0) / len(dirs)
    assert worst <= 0.15, f"{room}: one prop's back fills {worst:.0%} of the first frame"


@pytest.mark.parametrize("archetype,prompt", [(a, en) for a, en, _ in _ARCHETYPE_PROMPTS],
                         ids=[a for a, _, _ in _ARCHETYPE_PROMPTS])
def test_no_first_camera_shows_the_back_of_a_prop(archetype, prompt):
    p = plan(prompt, 1)
    origin, dirs = frame_rays(p.cameras[0], 16, 9)
    owners, backs = _first_hits(p, origin, dirs)
    by_prop: dict = {}
    for o, b in zip(owners, backs):
        if o is not None and b:
            by_prop[o] = by_prop.get(o, 0) + 1
    worst = max(by_prop.values(), default=0) / len(dirs)
    assert worst <= 0.15, f"{archetype}: one prop's back fills {worst:.0%} of the first frame"


# --------------------------------------------------------------------------- streets

def facade_gap(p) -> float:
    """Facade to facade across the street (m), from the wall blocks of the two rows
    mid-street (the buildings across the far junction are left out)."""
    blocks = [part.mesh.bounds for part in p.parts
              if part.name.startswith("Building") and " - " not in part.name]
    blocks = [b for b in blocks if b[0][1] < 20.0 and b[1][1] > -20.0]     # mid-street
    west = max(b[1][0] for b in blocks if b[1][0] < 0)
    east = min(b[0][0] for b in blocks if b[0][0] > 0)
    return float(east - west)


STREETS = ["rue pavée d'un village provençal", "a medieval street", "a Tokyo street at night",
           "un boulevard haussmannien", "a city street", "une rue médiévale, vue aérienne"]


def test_village_and_medieval_streets_are_lanes_and_boulevards_are_wide():
    gaps = {prompt: facade_gap(plan(prompt)) for prompt in STREETS}
    for lane in ("rue pavée d'un village provençal", "a medieval street"):
        assert 3.0 <= gaps[lane] <= 5.0, gaps
    assert gaps["a Tokyo street at night"] < gaps["a city street"] < \
        gaps["un boulevard haussmannien"], gaps
    assert gaps["un boulevard haussmannien"] >= 18.0, gaps
    assert not any(x.name == "Road Markings" for x in plan("a medieval street").parts)
    assert any(x.name == "Road Markings" for x in plan("un boulevard haussmannien").parts)


@pytest.mark.parametrize("prompt", STREETS)
def test_street_cameras_stand_in_the_street_not_in_a_wall(prompt):
    p = plan(prompt)
    half = facade_gap(p) / 2
    for camera in p.cameras:
        x, y, _ = camera.location
        assert abs(x) <= half - 0.3, (prompt, camera.name, x, half)


# --------------------------------------------------------------------------- details

def part(p, name: str):
    return next(x for x in p.parts if x.name == name)


def test_a_nave_has_a_ribbed_barrel_vault_not_a_flat_ceiling():
    p = plan("la nef d'une église")
    walls = part(p, "Walls").mesh.vertices
    springing = float(np.percentile(part(p, "Vault").mesh.vertices[:, 2], 0))
    apex = float(part(p, "Vault").mesh.vertices[:, 2].max())
    width = float(walls[:, 0].max() - walls[:, 0].min())
    assert springing >= 10.0 and apex - springing >= 0.4 * width, (springing, apex)
    assert p.materials[part(p, "Vault").material].family == "plaster"
    ribs = part(p, "Vault Ribs").mesh
    assert ribs.bounds[1][2] > springing + 5.0 and p.materials["stone"].family == "marble"
    assert len(ribs.split(only_watertight=False)) >= 6        # transverse arches + ridge


def test_a_cellar_vault_stays_brick():
    p = plan("une cave voûtée")
    assert part(p, "Vault").material == "walls" and p.materials["walls"].family == "brick"
    assert not any(x.name == "Vault Ribs" for x in p.parts)


def test_a_haussmann_room_has_a_cornice_and_a_marble_fireplace():
    p = plan("a Haussmann apartment")
    walls = part(p, "Walls").mesh.vertices
    H = float(part(p, "Ceiling").mesh.bounds[0][2])
    cornice = part(p, "Cornice").mesh.bounds
    assert cornice[0][2] >= H - 0.35 and cornice[1][2] <= H + 0.01, (cornice, H)
    assert cornice[1][0] - cornice[0][0] >= walls[:, 0].ptp() - 0.7     # runs wall to wall
    fire = [x for x in p.parts if x.name == "Fireplace"]
    assert fire and p.materials[fire[0].material].family == "marble"
    mantel = fire[0].mesh.bounds[1][2] - fire[0].mesh.bounds[0][2]
    assert 1.0 <= mantel <= 1.3
    x = fire[0].instances[0][0, 3] if fire[0].instances else fire[0].mesh.centroid[0]
    assert abs(x) > float(walls[:, 0].max()) - 0.8          # against a side wall
    assert "Television" not in labels(p)                    # it took the TV wall
    owners, _ = _first_hits(p, *frame_rays(p.cameras[0], 24, 14))
    seen = {o[0] for o in owners if o is not None}
    assert {"Fireplace", "Sofa", "Cornice"} <= seen, seen   # the first shot shows them
    panels = part(p, "Wall Panelling").mesh.vertices
    lo, hi = fire[0].mesh.bounds
    t = fire[0].instances[0] if fire[0].instances else np.eye(4)
    box = trimesh.transformations.transform_points(np.array([lo, hi]), t)
    x0, y0 = box[:, :2].min(axis=0) - 0.05
    x1, y1 = box[:, :2].max(axis=0) + 0.05
    over = (panels[:, 0] > x0) & (panels[:, 0] < x1) & (panels[:, 1] > y0) & \
        (panels[:, 1] < y1)
    assert len(panels) >= 8 * 8 * 4 and not over.any()       # bays, none behind the hearth
    assert "Wall Panelling" not in labels(plan("a Victorian library"))
    assert "Cornice" not in labels(plan("a kitchen"))
    assert "Fireplace" not in labels(plan("a Haussmann kitchen"))


def test_a_scifi_corridor_is_built_of_ribs_panels_grating_and_light_lines():
    p, plain = plan("a spaceship corridor"), plan("un couloir d'hôpital")
    for name in ("Wall Ribs", "Wall Panels", "Corner Panels", "Floor Grating", "Accent Lines"):
        assert name in labels(p) and name not in labels(plain), name
    walls = part(p, "Walls").mesh.bounds
    ribs = part(p, "Wall Ribs").mesh
    inner = float(np.abs(ribs.vertices[:, 0]).min())
    assert inner < walls[1][0] - 0.3 - 0.1           # ribs stand proud of the wall faces
    assert len(ribs.split(only_watertight=False)) >= 5
    grating = part(p, "Floor Grating")
    assert len(grating.instances) >= 20 and grating.mesh.bounds[1][2] <= 0.0
    strips = [l for l in p.lights if l.name.startswith("Light Strip")]
    assert len(strips) >= 8 and not any(l.name.startswith("Strip Light") for l in p.lights)


@pytest.mark.parametrize("prompt,kind,warm", [
    ("a Victorian London street at night", "Lantern Post", True),
    ("une rue médiévale la nuit", "Lantern Post", True),
    ("une rue brutaliste la nuit", "Street Lamp", False),
    ("a minimalist street at night", "Street Lamp", False),
])
def test_street_lamps_belong_to_the_style_era(prompt, kind, warm):
    p = plan(prompt)
    assert kind in labels(p)
    lamp = next(l for l in p.lights if l.name.startswith("Street Lamp"))
    assert (lamp.colour[2] < 0.45) == warm, lamp.colour         # gas/tungsten vs LED


def test_a_gothic_nave_is_pointed_a_plain_one_round():
    def crown(prompt: str) -> tuple[float, float]:
        """(apex height, rise of the last facet before the apex per metre across)."""
        v = part(plan(prompt), "Vault").mesh.vertices
        apex = v[:, 2].max()
        near = v[(np.abs(v[:, 0]) > 0.2) & (np.abs(v[:, 0]) < 1.5)]
        step = near[np.argmax(near[:, 2])]
        return float(apex), float((apex - step[2]) / abs(step[0]))
    round_apex, round_slope = crown("la nef d'une église")
    gothic_apex, gothic_slope = crown("la nef d'une église gothique")
    assert gothic_apex > round_apex + 2.0
    assert round_slope < 0.15 < gothic_slope            # a flat crown vs a point
    walls = part(plan("la nef d'une église gothique"), "Walls").mesh.bounds
    assert walls[1][2] >= gothic_apex - 0.01            # the end walls close the point
