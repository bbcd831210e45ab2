"""Coverage: each scene's shot list from a named pattern, then each shot placed in its set.

Patterns (by who is in the scene):
    empty      establishing wide, a second wide angle
    solo       establishing wide, master, single
    dialogue   establishing wide, master, over-the-shoulder A and B, single A and B
    group      establishing wide, master, a single per speaker (up to 4)
and an insert per hand prop the action names (a letter, keys, une tasse...), at most 2.

Durations: a page is a minute of screen time; a scene's eighths are shared among its
shots by weight (a master runs longer than an insert), in whole frames.
`place_shots` stands every camera on the set's navigable floor, clear of walls and
props, on one side of the line between two speakers, with a real body and lens.
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, field

from .. import cameras
from ..shots import Shot, rotation_towards
from .floor import CAMERA_CLEARANCE_M, FloorPlan, Mark
from .screenplay import Scene, fold

FPS = 24
SECONDS_PER_EIGHTH = 7.5          # one page, one minute
MAX_SINGLES, MAX_INSERTS = 4, 2
CAMERA_APART_M = 0.45            # two set-ups of a scene do not share a standpoint
# Closer in a tight room means a wider lens to keep the framing, but a face is never
# shot wider than this (it would distort): the framing gets tighter instead.
MIN_LENS_MM = {"single": 32.0, "ots": 27.0, "master": 18.0}
# Hand props an insert is cut for (EN / FR, folded, singular and plural).
INSERT_PROPS: dict[str, tuple[str, ...]] = {
    "letter": ("letter", "letters", "lettre", "lettres"),
    "envelope": ("envelope", "enveloppe"),
    "phone": ("phone", "cellphone", "telephone", "portable", "mobile"),
    "keys": ("key", "keys", "cle", "cles", "clef", "clefs"),
    "photo": ("photo", "photograph", "picture", "photographie"),
    "gun": ("gun", "pistol", "revolver", "pistolet", "arme"),
    "knife": ("knife", "couteau"),
    "cup": ("cup", "cups", "mug", "tasse", "tasses"),
    "glass": ("wine glass", "verre"),
    "bottle": ("bottle", "bouteille"),
    "cigarette": ("cigarette",),
    "ring": ("ring", "bague", "alliance"),
    "book": ("book", "notebook", "livre", "carnet"),
    "suitcase": ("suitcase", "valise"),
    "watch": ("watch", "wristwatch", "montre"),
    "map": ("map", "plan de la ville"),
    "ticket": ("ticket", "billet"),
    "money": ("money", "cash", "argent", "billets"),
}
# size -> (nominal lens mm, frame width at the subject in metres, weight of screen time)
SIZES: dict[str, tuple[float, float, float]] = {
    "EWS": (18.0, 0.0, 1.0), "WS": (24.0, 0.0, 1.0), "MWS": (32.0, 3.2, 3.0),
    "MS": (40.0, 1.6, 1.5), "MCU": (65.0, 0.9, 1.5), "CU": (85.0, 0.5, 1.0),
    "INSERT": (85.0, 0.35, 0.5),
}


@dataclass
class ShotSpec:
    """One shot as the pattern asks for it, before it is placed in the set."""

    scene: int
    code: str                     # "3A"
    kind: str                     # establishing, master, ots, single, insert, wide
    size: str                     # SIZES key
    angle: str                    # eye level, high, low
    movement: str
    lens_mm: float
    subjects: list[str]           # characters framed
    over: str = ""                # OTS: whose shoulder
    prop: str = ""                # insert: the prop
    description: str = ""
    frames: int = 0               # screen time, 24 fps

    @property
    def seconds(self) -> float:
        return self.frames / FPS


def pattern_name(scene: Scene) -> str:
    """By who stands on set: nobody, one, two (they talk or face each other), more."""
    return ("empty", "solo", "dialogue")[len(scene.characters)] \
        if len(scene.characters) < 3 else "group"


def named_props(scene: Scene) -> list[tuple[str, str]]:
    """(prop, the action sentence naming it), in order of first mention."""
    found: list[tuple[str, str]] = []
    for paragraph in scene.action:
        for sentence in re.split(r"(?<=[.!?])\s+", paragraph):
            text = fold(sentence)
            for prop, words in INSERT_PROPS.items():
                if prop in [p for p, _ in found]:
                    continue
                if any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text) for w in words):
                    found.append((prop, sentence.strip()))
    return found[:MAX_INSERTS]


def cover(scene: Scene) -> list[ShotSpec]:
    """The scene's shot list from its pattern, with screen time in frames."""
    exterior = scene.int_ext == "EXT"
    action = scene.action[0] if scene.action else scene.heading.text
    first_line = {s: line for s, line in reversed(scene.dialogue)}
    cast = scene.characters
    specs: list[tuple[str, str, str, str, list[str], str, str, str]] = [
        ("establishing", "EWS" if exterior else "WS", "high" if exterior else "eye level",
         "static", cast, "", "", f"Establishing: {action}")]
    pattern = pattern_name(scene)
    if pattern == "empty":
        specs.append(("wide", "WS", "eye level", "static", [], "", "",
                      scene.action[-1] if scene.action else action))
    else:
        specs.append(("master", "MWS", "eye level", "static", cast, "", "",
                      f"Master: {action}"))
    speakers = [s for s in scene.speakers if s in cast] + \
        [c for c in cast if c not in scene.speakers]
    if pattern == "dialogue":
        a, b = (cast[0], cast[1])
        for subject, over in ((a, b), (b, a)):
            specs.append(("ots", "MS", "eye level", "static", [subject, over], over, "",
                          f"Over {over} onto {subject}: {_said(first_line, subject)}"))
        for subject in (a, b):
            specs.append(("single", "MCU", "eye level", "static", [subject], "", "",
                          f"{subject}: {_said(first_line, subject)}"))
    elif pattern in ("solo", "group"):
        for subject in speakers[:MAX_SINGLES] if pattern == "group" else cast[:1]:
            specs.append(("single", "MCU", "eye level", "static", [subject], "", "",
                          f"{subject}: {_said(first_line, subject)}"))
    for prop, sentence in named_props(scene):
        specs.append(("insert", "INSERT", "high", "static", cast[:1], "", prop,
                      f"Insert {prop}: {sentence}"))
    shots = [ShotSpec(scene.index, f"{scene.number}{_letter(i)}", kind, size, angle, move,
                      SIZES[size][0], list(subjects), over, prop, text)
             for i, (kind, size, angle, move, subjects, over, prop, text) in enumerate(specs)]
    share_time(shots, scene.eighths)
    return shots


def _said(first_line: dict[str, str], who: str) -> str:
    return f"\u201c{first_line[who]}\u201d" if who in first_line else "reacts"


def _letter(i: int) -> str:
    return chr(ord("A") + i) if i < 26 else f"A{chr(ord('A') + i - 26)}"


def share_time(shots: list[ShotSpec], eighths: int) -> None:
    """The scene's screen time in whole frames, shared by weight (largest remainder)."""
    total = int(round(eighths * SECONDS_PER_EIGHTH * FPS))
    weights = [SIZES[s.size][2] for s in shots]
    exact = [total * w / sum(weights) for w in weights]
    frames = [int(math.floor(e)) for e in exact]
    for i in sorted(range(len(shots)), key=lambda i: frames[i] - exact[i])[:total - sum(frames)]:
        frames[i] += 1
    for shot, count in zip(shots, frames):
        shot.frames = count


# --------------------------------------------------------------------------- placing

@dataclass
class PlacedShot:
    spec: ShotSpec
    shot: Shot                    # scout.shots.Shot: what the storyboard and batch render
    target: tuple[float, float, float]
    notes: list[str] = field(default_factory=list)


@dataclass
class Rig:
    """The camera package every shot of the script uses."""

    body: str = "alexa35"


def place_shots(specs: list[ShotSpec], marks: list[Mark], plan: FloorPlan, scene: Scene,
                sky: dict, rig: Rig = Rig()) -> list[PlacedShot]:
    """Stand each shot's camera on the set's floor and aim it."""
    by_name = {m.character: m for m in marks}
    centre = _centre(marks, plan)
    line = _line_side(marks, plan)
    placed = []
    inserts = 0
    for spec in specs:
        subjects = [by_name[s] for s in spec.subjects if s in by_name]
        others = [m for m in marks if m.character not in spec.subjects[:1] and
                  m.character != spec.over]
        over = [m for m in marks if m.character == spec.over]
        figures = _Figures(others, over, [p.shot.location[:2] for p in placed], inserts,
                           ((marks[0].x, marks[0].y), line) if len(marks) >= 2 else None)
        inserts += spec.kind == "insert"
        placed.append(_place(spec, subjects, centre, line, plan, scene, sky, rig, figures))
    return placed


def _centre(marks: list[Mark], plan: FloorPlan) -> tuple[float, float, float]:
    if marks:
        x = sum(m.x for m in marks) / len(marks)
        y = sum(m.y for m in marks) / len(marks)
        return (x, y, plan.ground_z(x, y) + 1.3)
    from .floor import action_centre

    x, y = action_centre(plan)
    return (x, y, plan.ground_z(x, y) + 1.2)


def _line_side(marks: list[Mark], plan: FloorPlan) -> tuple[float, float]:
    """The side of the action line every camera stays on (the 180-degree rule): the
    side with more free floor."""
    from .floor import _free_run

    if len(marks) >= 2:
        dx, dy = marks[1].x - marks[0].x, marks[1].y - marks[0].y
        norm = math.hypot(dx, dy) or 1.0
        normal = (-dy / norm, dx / norm)
        mid = ((marks[0].x + marks[1].x) / 2, (marks[0].y + marks[1].y) / 2)
        angle = math.atan2(normal[1], normal[0])
        if _free_run(plan, mid, angle + math.pi, 6.0) > _free_run(plan, mid, angle, 6.0):
            normal = (-normal[0], -normal[1])
        return normal
    if marks:
        a = math.radians(marks[0].facing_deg)
        return (math.cos(a), math.sin(a))
    return (0.0, -1.0)


@dataclass
class _Figures:
    """Stand-ins a camera must not stand in nor look through (the OTS shoulder may
    graze the frame edge)."""

    others: list[Mark]
    over: list[Mark]
    cameras: list = field(default_factory=list)   # standpoints taken by earlier shots
    insert: int = 0               # inserts placed before this one (each aims elsewhere)
    line: tuple | None = None     # (a point on the action line, the camera side's normal)

    def clear(self, at, target, kind: str, apart: bool = True) -> bool:
        everyone = self.others + self.over
        if any(math.dist(at, (m.x, m.y)) < 0.5 for m in everyone):
            return False
        if apart and any(math.dist(at, c) < CAMERA_APART_M for c in self.cameras):
            return False
        if self.line is not None and kind in ("master", "ots", "single"):
            (px, py), (nx, ny) = self.line
            if (at[0] - px) * nx + (at[1] - py) * ny < 0.05:
                return False              # across the line: the 180-degree rule
        if kind in ("establishing", "master", "wide"):
            return True
        sight = [(_segment_distance((m.x, m.y), at, target[:2]), 0.45) for m in self.others]
        sight += [(_segment_distance((m.x, m.y), at, target[:2]), 0.2) for m in self.over]
        return all(distance >= least for distance, least in sight)


def _segment_distance(p, a, b) -> float:
    ax, ay = a
    bx, by = b
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    along = ((p[0] - ax) * dx + (p[1] - ay) * dy) / length if length else 0.0
    t = max(0.0, min(1.0, along))
    return math.dist(p, (ax + t * dx, ay + t * dy))


def _place(spec: ShotSpec, subjects: list[Mark], centre, side, plan: FloorPlan,
           scene: Scene, sky: dict, rig: Rig, figures: _Figures) -> PlacedShot:
    cap = cameras.capture(rig.body, spec.lens_mm)
    target, direction, distance, height = _aim(spec, subjects, centre, side, plan, cap,
                                               figures.insert)
    ground = plan.ground_z(target[0], target[1])
    position, lens, notes = _search(plan, target, direction, distance, spec, rig, cap,
                                    figures, height)
    z = plan.ground_z(position[0], position[1], ground) + height
    location = (round(position[0], 3), round(position[1], 3), round(z, 3))
    focus = math.dist(location, target)
    shot = Shot(name=f"{spec.code} {spec.size}", body=rig.body, lens_mm=lens,
                location=location, rotation_deg=rotation_towards(location, target),
                hour=scene.hour, sky=dict(sky), focus_distance_m=round(focus, 2),
                note=spec.description[:160])
    spec.lens_mm = lens
    return PlacedShot(spec, shot, tuple(round(v, 3) for v in target), notes)


def _aim(spec: ShotSpec, subjects: list[Mark], centre, side, plan: FloorPlan, cap,
         insert: int = 0):
    """(target, preferred direction from target to camera, distance, camera height)."""
    hfov = math.radians(cap.hfov_deg)
    width = SIZES[spec.size][1]
    if spec.kind == "establishing":
        height = 2.6 if spec.angle == "high" else 1.75
        far = _farthest(plan, centre, side, height)
        return centre, far[0], far[1], height
    if spec.kind in ("master", "wide"):
        spread = max([math.dist((a.x, a.y), (b.x, b.y)) for a in subjects for b in subjects]
                     + [0.0])
        width = max(width, spread + 1.8)
        return centre, side, width / (2 * math.tan(hfov / 2)), 1.55
    if spec.kind == "insert":
        who = subjects[0] if subjects else None
        base = (who.x, who.y) if who else centre[:2]
        facing = math.radians(who.facing_deg) if who else 0.0
        facing += math.radians(35.0) * (1 if insert % 2 else -1)   # the props lie apart
        tx, ty = base[0] + math.cos(facing) * 0.45, base[1] + math.sin(facing) * 0.45
        target = (tx, ty, plan.ground_z(tx, ty) + 0.95)
        return target, side, width / (2 * math.tan(hfov / 2)), 1.45
    subject = subjects[0] if subjects else None
    if subject is None:
        return centre, side, 3.0, 1.55
    target = subject.eye[:2] + (subject.eye[2] - 0.08,)
    if spec.kind == "ots" and len(subjects) > 1:
        over = subjects[1]
        back = (over.x - subject.x, over.y - subject.y)
        norm = math.hypot(*back) or 1.0
        d = (back[0] / norm + side[0] * 0.35, back[1] / norm + side[1] * 0.35)
        return target, d, math.hypot(*back) + 0.7, 1.6
    facing = math.radians(subject.facing_deg)
    d = (math.cos(facing) + side[0] * 0.9, math.sin(facing) + side[1] * 0.9)
    return target, d, width / (2 * math.tan(hfov / 2)), 1.58


WIDE_KINDS = ("establishing", "master", "wide")
MAX_BACK_M = 12.0                 # an establishing shot stands at most this far back


def _farthest(plan: FloorPlan, centre, side, height: float
              ) -> tuple[tuple[float, float], float]:
    """Direction and distance of the longest free sight line to the action (every 5
    degrees), favouring the camera side of the line: in a small room the establishing
    shot stands in the far corner, not an arm's length away."""
    best = ((side[0], side[1]), 4.0, -math.inf)
    for k in range(72):
        a = 2 * math.pi * k / 72
        d = (math.cos(a), math.sin(a))
        run = _sight_run(plan, centre, d, height, MAX_BACK_M)
        if run is None:
            continue
        score = run + 1.5 * (d[0] * side[0] + d[1] * side[1])
        if score > best[2]:
            best = (d, run, score)
    return best[0], best[1]


def _sight_run(plan: FloorPlan, target, direction, height: float, limit: float,
               ok=lambda xy: True) -> float | None:
    """The farthest standpoint along `direction` from `target`, at most `limit` away
    (and at least 0.6 m), with room for a camera, that sees `target` from `height`
    above its floor and passes `ok`; None when there is none."""
    step = max(plan.cell, 0.1)
    for i in range(int((limit - 0.6) / step) + 1):
        dist = limit - i * step
        x, y = target[0] + direction[0] * dist, target[1] + direction[1] * dist
        if not plan.free(x, y, CAMERA_CLEARANCE_M):
            continue
        eye = (x, y, plan.ground_z(x, y, target[2] - 1.3) + height)
        if plan.sight_clear(eye, target) and ok((x, y)):
            return dist
    return None


def _search(plan: FloorPlan, target, direction, distance: float, spec: ShotSpec, rig: Rig,
            cap, figures: _Figures, height: float = 1.55
            ) -> tuple[tuple[float, float], float, list[str]]:
    """The nearest good standpoint to the wanted one: turn up to 75 degrees either way,
    come closer when the room is small (then a wider lens keeps the framing). Wide
    shots take the longest free sight line in that fan, seen over tables and counters."""
    norm = math.hypot(*direction) or 1.0
    base = math.atan2(direction[1] / norm, direction[0] / norm)
    for apart in (True, False):
        found = _wide_standpoint(plan, target, base, distance, spec, figures, height, apart) \
            if spec.kind in WIDE_KINDS else _near_standpoint(plan, target, base, distance,
                                                             spec, figures, apart)
        if found is not None:
            (x, y), d = found
            lens, notes = spec.lens_mm, []
            if d < distance - 1e-6 and spec.kind not in ("establishing", "insert"):
                lens = max(_lens_for(cap, spec.lens_mm * d / distance),
                           MIN_LENS_MM.get(spec.kind, 0.0))
                notes.append(f"room is tight: camera {d:.1f} m away on a {lens:g} mm"
                             + (", framed tighter" if lens == MIN_LENS_MM.get(spec.kind)
                                else ""))
            return (x, y), lens, notes
    x, y = target[0] + math.cos(base) * distance, target[1] + math.sin(base) * distance
    x, y = _fallback(plan, (x, y))
    return (x, y), spec.lens_mm, ["no clear standpoint at the wanted distance: nearest "
                                  "free floor used"]


TURNS_DEG = (0, 10, -10, 20, -20, 30, -30, 45, -45, 60, -60, 75, -75)


def _near_standpoint(plan: FloorPlan, target, base: float, distance: float, spec: ShotSpec,
                     figures: _Figures, apart: bool):
    """Singles, over-the-shoulders, inserts: the first clear standpoint, nearest the
    wanted distance and direction."""
    for scale in (1.0, 0.85, 0.7, 0.55, 0.42, 0.32, 0.25):
        for turn in TURNS_DEG:
            a = base + math.radians(turn)
            d = max(0.6, distance * scale)
            x, y = target[0] + math.cos(a) * d, target[1] + math.sin(a) * d
            if plan.free(x, y, CAMERA_CLEARANCE_M) \
                    and plan.line_clear((x, y), target[:2]) \
                    and figures.clear((x, y), target, spec.kind, apart):
                return (x, y), d
    return None


def _wide_standpoint(plan: FloorPlan, target, base: float, distance: float,
                     spec: ShotSpec, figures: _Figures, height: float, apart: bool):
    """Establishing and master shots: the longest free sight line (up to the wanted
    distance) within 75 degrees of the wanted direction, the straightest of equals."""
    best = None
    for turn in range(0, 80, 5):
        for signed in ((turn, -turn) if turn else (0,)):
            a = base + math.radians(signed)
            d = (math.cos(a), math.sin(a))
            run = _sight_run(plan, target, d, height, distance,
                             lambda xy: figures.clear(xy, target, spec.kind, apart))
            if run is not None and (best is None or run > best[1] + 1e-6):
                best = ((target[0] + d[0] * run, target[1] + d[1] * run), run)
        if best is not None and best[1] >= distance - 1e-6:
            break                         # the wanted distance, as straight as it comes
    return best


def _fallback(plan: FloorPlan, at) -> tuple[float, float]:
    from .floor import nearest_free

    return nearest_free(plan, at, CAMERA_CLEARANCE_M)


def _lens_for(cap, wanted_mm: float) -> float:
    """The longest prime no longer than `wanted_mm` (at least the widest prime)."""
    fits = [p for p in cameras.PRIMES_MM if p <= wanted_mm + 1e-6]
    return float(fits[-1] if fits else cameras.PRIMES_MM[0])


def shot_dict(placed: PlacedShot) -> dict:
    return {"spec": asdict(placed.spec), "shot": asdict(placed.shot),
            "target": list(placed.target), "notes": placed.notes}
