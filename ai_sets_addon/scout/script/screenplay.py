"""A screenplay as scenes: Fountain (.fountain, read by `screenplain`) or Final Draft
(.fdx, XML read with entity declarations refused), with EN and FR scene headings.

    read_script(path) -> Screenplay        ScriptError (exit 2) names the line at fault

A heading is `[NUMBER] PREFIX LOCATION [- TIME] [#NUMBER#]`: PREFIX is INT., EXT.,
INT./EXT., EXT./INT., I/E, EST. (or a forced `.HEADING`, Fountain's escape); the
location may have parts ("HOUSE - KITCHEN"); the last part is the time of day when it
is a time word (DAY, NIGHT, JOUR, NUIT, AUBE...), or a continuity word (CONTINUOUS,
LATER, SUITE, PLUS TARD...) that keeps the previous scene's time.

Length is counted as on a printed page (Courier 12, 55 lines a page): action wrapped at
60 characters, dialogue at 35, parentheticals at 25, a blank line between elements;
a scene is at least 1/8 page.
"""

from __future__ import annotations

import io
import math
import re
import textwrap
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ...core.errors import InputError

MAX_BYTES = 5_000_000              # a feature script is ~200 kB; refuse what is not one
LINES_PER_PAGE = 55
ACTION_WIDTH, DIALOGUE_WIDTH, PAREN_WIDTH = 60, 35, 25

# The sky's times of day (the prompt's one vocabulary, generation/vocabulary.py) and
# the clock hour a scene at that time is shot at.
HOURS: dict[str, float] = {
    "dawn": 5.5, "sunrise": 6.5, "morning": 9.0, "noon": 12.5, "afternoon": 15.5,
    "golden_hour": 17.5, "sunset": 19.0, "dusk": 20.5, "blue_hour": 21.5, "night": 23.0}
# Words only a scene heading uses for a time (folded) -> (time of day key, hour).
HEADING_TIMES: dict[str, tuple[str, float]] = {
    "day": ("afternoon", 14.0), "daytime": ("afternoon", 14.0), "jour": ("afternoon", 14.0),
    "journee": ("afternoon", 14.0), "late night": ("night", 1.0),
    "tard dans la nuit": ("night", 1.0)}
CONTINUITY_WORDS = ("continuous", "cont", "cont'd", "contd", "later", "moments later",
                    "a moment later", "same", "same time", "simultaneous", "suite",
                    "continu", "continue", "plus tard", "un peu plus tard",
                    "instants plus tard", "meme moment", "au meme moment", "meme heure")
DEFAULT_TIME = ("day", "afternoon", 14.0)

_PREFIX = re.compile(
    r"^(?P<prefix>INT\.?\s*/\s*EXT\.?|EXT\.?\s*/\s*INT\.?|I\s*/\s*E\.?|E\s*/\s*I\.?|"
    r"INT(?:ERIOR|[ÉE]RIEUR)?\.?|EXT(?:ERIOR|[ÉE]RIEUR)?\.?|EST\.?)(?=[\s.]|$)\s*\.?\s*"
    r"(?P<rest>.*)$", re.IGNORECASE)
_LEADING_NUMBER = re.compile(r"^(?P<num>\d+[A-Z]{0,2})\s+(?=\S)")
_TRAILING_NUMBER = re.compile(r"\s*(?:#(?P<hash>[\w.\-]+)#|\s(?P<plain>\d+[A-Z]{0,2}))\s*$")
_SEPARATOR = re.compile(r"\s+[-–—]+\s+|\s*[-–—]{2,}\s*|\s+[-–—]$|^[-–—]\s+")
_EXTENSION = re.compile(r"\s*\((?:[^)]*)\)\s*|\s*\^\s*$")

# The script extra is not bundled in the extension zip yet: say what to install.
NEEDS_SCRIPT_EXTRA = ("{what} needs the {package} package: pip install 'ai-sets[script]' "
                      "(headless), or a Python with it for Blender")


class ScriptError(InputError):
    """A screenplay that cannot be read; `line` is 1-based (0: the whole file)."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        self.path, self.line = Path(path), line
        where = f"{path}:{line}" if line else f"{path}"
        super().__init__(f"{where}: {message}; nothing was written")


@dataclass(frozen=True)
class Heading:
    text: str                     # as written
    int_ext: str                  # "INT", "EXT", "INT/EXT" or "" (a forced heading)
    location: str                 # "HOUSE - KITCHEN"
    time_word: str                # "NIGHT", "AUBE", "" when none was given
    number: str = ""              # scene number as written ("12", "12A")


@dataclass
class Scene:
    index: int                    # 1-based, script order
    heading: Heading
    line: int                     # the heading's line in the file
    time_of_day: str = "afternoon"    # sky key (spec.TIMES_OF_DAY)
    hour: float = 14.0
    time_label: str = "DAY"       # what the crew reads (the heading's word, or inherited)
    speakers: list[str] = field(default_factory=list)
    characters: list[str] = field(default_factory=list)   # speakers, then named ones
    action: list[str] = field(default_factory=list)       # action paragraphs
    dialogue: list[tuple[str, str]] = field(default_factory=list)   # (speaker, line)
    on_screen: set[str] = field(default_factory=set)      # spoke in picture
    off_screen: set[str] = field(default_factory=set)     # spoke as V.O. / O.S.
    print_lines: int = 0          # lines it takes on the printed page

    @property
    def number(self) -> str:
        return self.heading.number or str(self.index)

    @property
    def eighths(self) -> int:
        """Length in eighths of a page (at least one)."""
        return max(1, math.ceil(self.print_lines * 8 / LINES_PER_PAGE - 0.25))

    @property
    def length_label(self) -> str:
        pages, rest = divmod(self.eighths, 8)
        parts = ([str(pages)] if pages else []) + ([f"{rest}/8"] if rest else [])
        return " ".join(parts)

    @property
    def location(self) -> str:
        return self.heading.location

    @property
    def int_ext(self) -> str:
        return self.heading.int_ext


@dataclass
class Screenplay:
    path: Path
    title: str
    scenes: list[Scene]
    format: str                   # "fountain" or "fdx"


# ------------------------------------------------------------------------ headings

def fold(text: str) -> str:
    """Lower case without accents, apostrophes unified: 'APRÈS-MIDI' -> 'apres-midi'."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower().strip()


def is_heading(text: str) -> bool:
    """What a Fountain or FDX line must look like to open a scene."""
    line = text.strip()
    if line.startswith(".") and not line.startswith(".."):
        return len(line) > 1
    return bool(_PREFIX.match(_LEADING_NUMBER.sub("", line)))


def parse_heading(text: str, path: Path = Path("SCRIPT"), line: int = 0,
                  number: str = "") -> Heading:
    """A heading's parts; ScriptError when it names no location."""
    raw = " ".join(text.split())
    body = raw
    trailing = _TRAILING_NUMBER.search(body)
    lead = _LEADING_NUMBER.match(body)
    if trailing and (trailing.group("hash") or lead):
        number = number or trailing.group("hash") or trailing.group("plain")
        body = body[:trailing.start()]
    if lead:
        number = number or lead.group("num")
        body = body[lead.end():]
    forced = body.startswith(".") and not body.startswith("..")
    match = None if forced else _PREFIX.match(body)
    if forced:
        int_ext, rest = _forced_int_ext(body[1:].strip())
    elif match:
        int_ext, rest = _int_ext(match.group("prefix")), match.group("rest")
    else:
        raise ScriptError(path, line, f"'{raw}' is not a scene heading (start it with INT., "
                                      "EXT., INT./EXT., I/E or a forced '.')")
    location, time_word = _split_time(rest.strip(" .-–—"))
    if not re.search(r"\w", location):
        raise ScriptError(path, line, f"the scene heading '{raw}' has no location: write "
                                      "it as INT. PLACE - TIME, e.g. INT. KITCHEN - NIGHT")
    text = ("." if forced else "") + body.lstrip(".").strip()
    return Heading(text, int_ext, location, time_word, number)


def _int_ext(prefix: str) -> str:
    word = fold(prefix).replace(" ", "").replace(".", "")
    if "/" in word:
        return "INT/EXT"
    return "EXT" if word.startswith(("ext", "est")) else "INT"


def _forced_int_ext(rest: str) -> tuple[str, str]:
    """A forced heading may still carry a prefix ('.INT KITCHEN'); else ''."""
    match = _PREFIX.match(rest)
    return (_int_ext(match.group("prefix")), match.group("rest")) if match else ("", rest)


def _split_time(rest: str) -> tuple[str, str]:
    parts = [p.strip() for p in _SEPARATOR.split(rest) if p and p.strip()]
    for i in range(len(parts) - 1, 0, -1):   # "KITCHEN - DAY - FLASHBACK": DAY
        if _time_key(parts[i]) is not None:
            return " - ".join(parts[:i]), parts[i]
    if len(parts) == 1 and _time_key(parts[0]) is not None:
        return "", parts[0]                # "INT. - NIGHT": a time, no place
    if len(parts) == 1:                  # "KITCHEN NIGHT" (no dash): a time word at the end
        words = parts[0].rsplit(" ", 1)
        if len(words) == 2 and _time_key(words[1]) in ("time",) and words[0].strip():
            return words[0].strip(), words[1]
    return " - ".join(parts), ""


def _time_key(word: str) -> str | None:
    """'time', 'continuity' or None for a heading's last part."""
    key = _clean_time(word)
    if time_of(key) is not None:
        return "time"
    if key in CONTINUITY_WORDS:
        return "continuity"
    return None


def _clean_time(word: str) -> str:
    key = fold(re.sub(r"\(.*?\)", "", word)).strip(" .()")
    return re.sub(r"\s+", " ", key.replace("’", "'"))


def time_of(word: str) -> tuple[str, float] | None:
    """(time of day key, hour) for a folded heading time word, or None."""
    if word in HEADING_TIMES:
        return HEADING_TIMES[word]
    key = _time_words().get(word)
    return (key, HOURS[key]) if key else None


_TIME_WORDS: dict[str, str] = {}


def _time_words() -> dict[str, str]:
    """Every EN/FR time word of the prompt vocabulary, folded -> its key."""
    if not _TIME_WORDS:
        from ...generation.vocabulary import TIME_WORDS

        for key, languages in TIME_WORDS.items():
            for words in languages.values():
                _TIME_WORDS.update({fold(w): key for w in words})
    return _TIME_WORDS


def resolve_times(scenes: list[Scene]) -> None:
    """Each scene's sky and hour: its own time word, else the previous scene's (a
    continuity word or none), else DAY."""
    label, key, hour = DEFAULT_TIME
    label = label.upper()
    for scene in scenes:
        word = scene.heading.time_word
        found = time_of(_clean_time(word)) if word else None
        if found is not None:
            key, hour = found
            label = word.upper()
        scene.time_of_day, scene.hour, scene.time_label = key, hour, label


# ---------------------------------------------------------------------------- reading

def read_script(path: Path) -> Screenplay:
    """The screenplay at `path` (.fountain/.spmd/.txt or .fdx); ScriptError says why not."""
    path = Path(path)
    data = _read_bytes(path)
    if path.suffix.lower() == ".fdx" or data.lstrip()[:5] == b"<?xml":
        from .fdx import read_fdx

        play = read_fdx(data, path)
    else:
        play = read_fountain(_text(data, path), path)
    if not play.scenes:
        raise ScriptError(path, 0, "no scene headings found (a scene starts with a line "
                                   "such as INT. KITCHEN - NIGHT or EXT. GARE - AUBE)")
    return play


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(f"script '{path}' does not exist") from None
    if not path.is_file():
        raise InputError(f"script '{path}' is not a file")
    if size > MAX_BYTES:
        raise ScriptError(path, 0, f"the file is {size / 1e6:.1f} MB; a screenplay is text "
                                   f"well under {MAX_BYTES // 1_000_000} MB (is it the "
                                   "right file?)")
    return path.read_bytes()


def _text(data: bytes, path: Path) -> str:
    if b"\0" in data:
        line = data[:data.index(b"\0")].count(b"\n") + 1
        raise ScriptError(path, line, "this is a binary file, not a Fountain screenplay "
                                      "(plain text) or a Final Draft .fdx")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise ScriptError(path, line, "not UTF-8 text; save the screenplay as UTF-8") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_fountain(text: str, path: Path = Path("SCRIPT.fountain")) -> Screenplay:
    """Fountain via screenplain's parser; its paragraphs are matched back to the
    file's lines in order, so errors and scenes carry their line numbers."""
    try:
        from screenplain.parsers import fountain
        from screenplain.types import Action, Dialog, DualDialog, Slug
    except ImportError:
        raise InputError(NEEDS_SCRIPT_EXTRA.format(what="reading a Fountain screenplay",
                                                   package="screenplain")) from None

    try:
        parsed = fountain.parse(io.StringIO(_force_headings(text)))
    except Exception as exc:     # noqa: BLE001 - a parser failure is the script's fault
        raise ScriptError(path, 0, f"not readable as Fountain ({exc})") from None
    finder = _LineFinder(text.split("\n"))
    scenes: list[Scene] = []
    for para in parsed:
        if isinstance(para, Slug):
            line = finder.find(str(para.line), heading=True)
            raw = finder.lines[line - 1].strip() if line else str(para.line)
            number = str(para.scene_number) if para.scene_number else ""
            heading = parse_heading(raw if raw.lstrip(".") else str(para.line), path, line,
                                    number)
            scenes.append(Scene(len(scenes) + 1, heading, line, print_lines=2))
        elif not scenes:
            continue                   # title page, a cold open before any heading
        elif isinstance(para, Action):
            lines = [str(x) for x in para.lines]
            finder.find(lines[0] if lines else "")
            _add_action(scenes[-1], " ".join(lines).strip(), lines)
        elif isinstance(para, (Dialog, DualDialog)):
            for dialog in ((para.left, para.right) if isinstance(para, DualDialog) else (para,)):
                finder.find(str(dialog.character))
                blocks = [(bool(p), str(t)) for p, t in dialog.blocks]
                _add_dialog(scenes[-1], str(dialog.character), blocks)
        else:
            scenes[-1].print_lines += 2
    title = _fountain_title(text) or path.stem
    resolve_times(scenes)
    name_characters(scenes)
    return Screenplay(path, title, scenes, "fountain")


def _force_headings(text: str) -> str:
    """Fountain headings are case-insensitive ('int. kitchen - night'); screenplain
    only knows upper case ones, so a lower-case heading standing alone between blank
    lines is forced with a leading '.' (the line keeps its number)."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        alone = (i == 0 or not lines[i - 1].strip()) and (
            i + 1 == len(lines) or not lines[i + 1].strip())
        bare = line.strip()
        if alone and bare and bare != bare.upper() and not bare.startswith((".", "!")) \
                and _PREFIX.match(_LEADING_NUMBER.sub("", bare)):
            lines[i] = "." + bare
    return "\n".join(lines)


def _fountain_title(text: str) -> str:
    for line in text.split("\n")[:20]:
        if ":" in line and line.split(":", 1)[0].strip().lower() == "title":
            return line.split(":", 1)[1].strip().strip("_*")
    return ""


@dataclass
class _LineFinder:
    """Walks the file forward to the line a paragraph came from."""

    lines: list[str]
    at: int = 0

    def find(self, text: str, heading: bool = False) -> int:
        want = _plain(text)
        for i in range(self.at, len(self.lines)):
            got = _plain(self.lines[i])
            if heading:
                got = _plain(_TRAILING_NUMBER.sub("", self.lines[i].strip().lstrip(".")))
            if want and (got == want or (heading and want in got)):
                self.at = i + 1
                return i + 1
        return self.at


def _plain(text: str) -> str:
    return re.sub(r"[*_\\]|\s+", "", text).strip(".").lower()


def _add_action(scene: Scene, paragraph: str, lines: list[str]) -> None:
    if paragraph:
        scene.action.append(paragraph)
    count = sum(max(1, len(textwrap.wrap(line, ACTION_WIDTH))) for line in lines or [""])
    scene.print_lines += count + 1


def _add_dialog(scene: Scene, cue: str, blocks: list[tuple[bool, str]]) -> None:
    name = character_name(cue)
    if name and name not in scene.speakers:
        scene.speakers.append(name)
    if name and is_off_screen(cue):
        scene.off_screen.add(name)
    elif name:
        scene.on_screen.add(name)
    count = 1
    for is_paren, text in blocks:
        width = PAREN_WIDTH if is_paren else DIALOGUE_WIDTH
        count += max(1, len(textwrap.wrap(text, width)))
        if not is_paren and text.strip():
            scene.dialogue.append((name, text.strip()))
    scene.print_lines += count + 1


def is_off_screen(cue: str) -> bool:
    """A voice-over or off-screen cue: (V.O.), (O.S.), (O.C.), (OFF), (VOIX OFF)."""
    ext = fold(" ".join(re.findall(r"\(([^)]*)\)", cue))).replace(".", "").replace(" ", "")
    return any(tag in ext for tag in ("vo", "os", "oc", "off", "voix"))


def character_name(cue: str) -> str:
    """'MARIE (V.O.)' -> 'MARIE'; "JEAN (CONT'D)" -> 'JEAN'; '@McCLANE' -> 'McCLANE'."""
    name = _EXTENSION.sub(" ", cue).strip().lstrip("@").strip()
    return " ".join(name.split())


def name_characters(scenes: list[Scene]) -> None:
    """Each scene's characters (who stands on set): who speaks in it on screen, then
    anyone who speaks somewhere in the script and is named in its action lines. A voice
    heard only off screen (V.O., O.S.) gets no stand-in unless the action names them."""
    cast: list[str] = []
    for scene in scenes:
        cast += [s for s in scene.speakers if s not in cast]
    for scene in scenes:
        text = fold(" ".join(scene.action))
        named = [c for c in cast
                 if re.search(rf"(?<!\w){re.escape(fold(c))}(?!\w)", text)]
        scene.characters = [s for s in scene.speakers if s in scene.on_screen or s in named] \
            + [c for c in named if c not in scene.speakers]
