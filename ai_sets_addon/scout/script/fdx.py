"""Final Draft .fdx: `<FinalDraft><Content><Paragraph Type="Scene Heading">...`.

Read with expat directly, so every paragraph keeps its line for error messages, and
safely: a DOCTYPE, an entity declaration or an external reference is refused before it
is expanded (billion laughs, external entities), as defusedxml does.
"""

from __future__ import annotations

import xml.parsers.expat
from dataclasses import dataclass, field
from pathlib import Path

from .screenplay import (Scene, ScriptError, Screenplay, _add_action, _add_dialog,
                         is_heading, name_characters, parse_heading,
                         resolve_times)


@dataclass
class _Paragraph:
    kind: str
    line: int
    number: str = ""
    text: list[str] = field(default_factory=list)


class _Refused(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def _paragraphs(data: bytes, path: Path) -> tuple[str, list[_Paragraph], str]:
    """(root element, paragraphs of <Content>, title)."""
    parser = xml.parsers.expat.ParserCreate()
    found: list[_Paragraph] = []
    state = {"root": "", "depth": 0, "in_content": False, "current": None, "text": False,
             "title": [], "in_title": False}

    def refuse(what: str):
        def handler(*_args):
            raise _Refused(parser.CurrentLineNumber, f"{what} is refused in a .fdx "
                                                     "(entities are not expanded, for safety)")
        return handler

    def start(name, attrs):
        state["depth"] += 1
        if state["depth"] == 1:
            state["root"] = name
        if name == "Content" and state["depth"] == 2:
            state["in_content"] = True
        elif name == "TitlePage":
            state["in_title"] = True
        elif name == "Paragraph" and state["in_content"]:
            state["current"] = _Paragraph(attrs.get("Type", "Action"),
                                          parser.CurrentLineNumber, attrs.get("Number", ""))
        elif name == "Text" and state["current"] is not None:
            state["text"] = True

    def end(name):
        state["depth"] -= 1
        if name == "Content":
            state["in_content"] = False
        elif name == "TitlePage":
            state["in_title"] = False
        elif name == "Paragraph" and state["current"] is not None:
            found.append(state["current"])
            state["current"] = None
        elif name == "Text":
            state["text"] = False

    def chars(text):
        if state["text"] and state["current"] is not None:
            state["current"].text.append(text)
        elif state["in_title"] and text.strip() and len(state["title"]) < 1:
            state["title"].append(text.strip())

    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.CharacterDataHandler = chars
    parser.StartDoctypeDeclHandler = refuse("a DOCTYPE")
    parser.EntityDeclHandler = refuse("an entity declaration")
    parser.UnparsedEntityDeclHandler = refuse("an entity declaration")
    parser.ExternalEntityRefHandler = refuse("an external entity")
    try:
        parser.Parse(data, True)
    except _Refused as exc:
        raise ScriptError(path, exc.line, str(exc)) from None
    except xml.parsers.expat.ExpatError as exc:
        reason = xml.parsers.expat.ErrorString(exc.code)
        raise ScriptError(path, exc.lineno, f"not well-formed XML ({reason}); export the "
                                            "script again from Final Draft") from None
    return state["root"], found, (state["title"] or [""])[0]


def read_fdx(data: bytes, path: Path = Path("SCRIPT.fdx")) -> Screenplay:
    root, paragraphs, title = _paragraphs(data, path)
    if root != "FinalDraft":
        raise ScriptError(path, 1, f"this XML is not a Final Draft document (its root is "
                                   f"<{root}>, not <FinalDraft>)")
    scenes: list[Scene] = []
    speaker = ""
    for para in paragraphs:
        text = " ".join("".join(para.text).split())
        kind = para.kind.strip().lower()
        if kind == "scene heading" or (kind == "shot" and is_heading(text)):
            if not text:
                raise ScriptError(path, para.line, "an empty scene heading: write it as "
                                                   "INT. PLACE - TIME")
            heading = parse_heading(text if is_heading(text) else "." + text, path,
                                    para.line, para.number)
            scenes.append(Scene(len(scenes) + 1, heading, para.line, print_lines=2))
        elif not scenes:
            continue
        elif kind == "character":
            speaker = text
            _add_dialog(scenes[-1], speaker, [])
        elif kind in ("dialogue", "parenthetical"):
            _add_dialog_line(scenes[-1], speaker, kind == "parenthetical", text)
        elif kind == "action":
            _add_action(scenes[-1], text, [text])
        else:
            scenes[-1].print_lines += 2
    resolve_times(scenes)
    name_characters(scenes)
    return Screenplay(path, title or path.stem, scenes, "fdx")


def _add_dialog_line(scene: Scene, speaker: str, is_paren: bool, text: str) -> None:
    """A dialogue paragraph after its character cue (the cue counted its own line)."""
    before = scene.print_lines
    _add_dialog(scene, speaker, [(is_paren, text)])
    scene.print_lines = before + (scene.print_lines - before - 2)
