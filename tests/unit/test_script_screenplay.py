"""Screenplay reading: heading grammar (EN/FR), times, characters, eighths, bad scripts."""

from pathlib import Path

import pytest

from ai_sets_addon.scout.script.screenplay import (ScriptError, parse_heading, read_script,
                                                   read_fountain, resolve_times)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.parametrize("text, int_ext, location, time, number", [
    ("INT. KITCHEN - NIGHT", "INT", "KITCHEN", "NIGHT", ""),
    ("EXT. GARE - AUBE", "EXT", "GARE", "AUBE", ""),
    ("INT./EXT. CAR - DAY", "INT/EXT", "CAR", "DAY", ""),
    ("I/E CAR - CONTINUOUS", "INT/EXT", "CAR", "CONTINUOUS", ""),
    ("EXT. HOUSE - BACK GARDEN - DUSK", "EXT", "HOUSE - BACK GARDEN", "DUSK", ""),
    ("INT. CUISINE - NUIT #12A#", "INT", "CUISINE", "NUIT", "12A"),
    ("12 INT. OFFICE - LATER 12", "INT", "OFFICE", "LATER", "12"),
    (".FLASHBACK - THE STATION", "", "FLASHBACK - THE STATION", "", ""),
    ("EXT. RUE PAVÉE – CRÉPUSCULE", "EXT", "RUE PAVÉE", "CRÉPUSCULE", ""),
    ("INT. APPARTEMENT DE CLAIRE - APRÈS-MIDI", "INT", "APPARTEMENT DE CLAIRE",
     "APRÈS-MIDI", ""),
    ("int. bar", "INT", "bar", "", ""),
    ("INT. KITCHEN - DAY - FLASHBACK", "INT", "KITCHEN", "DAY", ""),
    ("INT. KITCHEN - NIGHT (1985)", "INT", "KITCHEN", "NIGHT (1985)", ""),
    ("EST. CITY SKYLINE - NIGHT", "EXT", "CITY SKYLINE", "NIGHT", ""),
])
def test_heading_grammar(text, int_ext, location, time, number):
    heading = parse_heading(text)
    assert (heading.int_ext, heading.location, heading.time_word, heading.number) == \
        (int_ext, location, time, number)


@pytest.mark.parametrize("text", ["INT. - NIGHT", "EXT.", "INT. -- JOUR"])
def test_heading_without_location_names_the_line(text):
    with pytest.raises(ScriptError) as error:
        parse_heading(text, Path("s.fountain"), 7)
    assert error.value.line == 7 and "no location" in str(error.value)


def test_times_map_to_skies_and_continuity_keeps_the_previous():
    play = read_fountain("INT. A - AUBE\n\nx\n\nINT. B - SUITE\n\ny\n\nEXT. C\n\nz\n\n"
                         "EXT. D - MIDNIGHT SUN\n\nw\n")
    resolve_times(play.scenes)
    assert [s.time_of_day for s in play.scenes] == ["dawn", "dawn", "dawn", "dawn"]
    assert play.scenes[0].hour == 5.5
    assert play.scenes[3].location == "D - MIDNIGHT SUN"


def test_fountain_sample_scenes_characters_and_lines():
    play = read_script(EXAMPLES / "night_shift.fountain")
    assert play.title == "Night Shift"
    first = play.scenes[0]
    assert (first.line, first.int_ext, first.location) == (6, "INT", "DINER KITCHEN")
    assert first.speakers == ["ROSA", "LEO"] and first.time_of_day == "night"
    alley = play.scenes[1]
    assert alley.time_of_day == "night"                # CONTINUOUS keeps NIGHT
    assert alley.characters == ["LEO"]
    assert play.scenes[4].heading.int_ext == ""        # a forced heading


def test_named_characters_join_the_speakers():
    play = read_fountain("INT. A - DAY\n\nMARIE\nHello.\n\nINT. B - DAY\n\n"
                         "Marie sleeps on the sofa.\n")
    from ai_sets_addon.scout.script.screenplay import name_characters
    name_characters(play.scenes)
    assert play.scenes[1].characters == ["MARIE"] and play.scenes[1].speakers == []


def test_eighths_grow_with_the_page():
    short = read_fountain("INT. A - DAY\n\nShe sits.\n").scenes[0]
    body = "\n\n".join("A long line of action that fills the printed page line after line."
                       for _ in range(40))
    long = read_fountain(f"INT. A - DAY\n\n{body}\n").scenes[0]
    assert short.eighths == 1
    assert 16 <= long.eighths <= 24                  # about 2 to 3 pages
    assert long.length_label.startswith(("2", "3"))


def test_fdx_sample_fr():
    play = read_script(EXAMPLES / "le_depart.fdx")
    assert play.format == "fdx" and play.title == "Le Départ"
    assert [s.number for s in play.scenes] == ["1", "2"]
    assert play.scenes[0].location == "APPARTEMENT DE CLAIRE - SALON"
    assert play.scenes[0].speakers == ["PAUL", "CLAIRE"]
    assert play.scenes[1].time_of_day == "dusk" and play.scenes[1].line == 27


def _write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


@pytest.mark.parametrize("name, data, line, words", [
    ("a.fountain", "Just some text.\n\nNo scene here.\n", 0, "no scene headings"),
    ("b.fountain", b"\x89PNG\r\n\x1a\n\0\0\0", 3, "binary"),
    ("c.fdx", "<?xml version='1.0'?>\n<html><body/></html>", 1, "not a Final Draft"),
    ("d.fdx", "<?xml version='1.0'?>\n<FinalDraft><Content>\n<Paragraph Type='Action'>"
              "<Text>x</Paragraph></Content></FinalDraft>", 3, "not well-formed"),
    ("e.fdx", "<?xml version='1.0'?>\n<!DOCTYPE x [<!ENTITY a 'aaaa'>]>\n"
              "<FinalDraft><Content/></FinalDraft>", 2, "refused"),
    ("f.fountain", "Title: x\n\nINT. KITCHEN - NIGHT\n\nok\n\nEXT. - DAY\n\nx\n", 7,
     "no location"),
    ("g.fdx", "<?xml version='1.0'?>\n<FinalDraft><Content>\n<Paragraph Type='Scene Heading'>"
              "<Text>INT. - NUIT</Text></Paragraph></Content></FinalDraft>", 3, "no location"),
])
def test_bad_scripts_name_the_line(tmp_path, name, data, line, words):
    with pytest.raises(ScriptError) as error:
        read_script(_write(tmp_path, name, data))
    assert error.value.line == line
    assert words in str(error.value)


def test_a_huge_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.fountain"
    with open(path, "wb") as f:
        f.truncate(6_000_000)
    with pytest.raises(ScriptError, match="MB"):
        read_script(path)


def test_a_voice_over_gets_no_stand_in_unless_the_action_names_them():
    play = read_fountain("INT. A - DAY\n\nMARIE\nHello.\n\nPAUL (V.O.)\nGoodbye.\n\n"
                         "INT. B - NIGHT\n\nPAUL (O.S.)\nStill here?\n\nPaul opens the door.\n")
    assert play.scenes[0].speakers == ["MARIE", "PAUL"]
    assert play.scenes[0].characters == ["MARIE"]
    assert play.scenes[1].characters == ["PAUL"]


def test_lower_case_headings_open_scenes_as_fountain_says():
    play = read_fountain("Title: x\n\nint. kitchen - night\n\nShe waits.\n\n"
                         "ext. gare - aube\n\nHe runs.\n")
    assert [(s.int_ext, s.location, s.time_of_day, s.line) for s in play.scenes] == [
        ("INT", "kitchen", "night", 3), ("EXT", "gare", "dawn", 7)]
    assert play.scenes[0].heading.text == "int. kitchen - night"


from hypothesis import given, settings, strategies as st  # noqa: E402

LINES = st.sampled_from(["INT. KITCHEN - NIGHT", "EXT. - DAY", "ext. gare - aube", "", "",
                         "MARIE", "(softly)", "Hello.", ".FORCED", "I/E CAR", "#12#",
                         "INT./EXT. HOUSE - KITCHEN - DAY - FLASHBACK", "> THE END <",
                         "/* boneyard", "*/", "[[note]]", "===", "@McCLANE", "~lyric",
                         "!INT. NOT A HEADING", "CUT TO:", "Title: x"])


@settings(max_examples=80, deadline=None)
@given(st.lists(st.one_of(LINES, st.text(max_size=30)), max_size=30))
def test_any_fountain_text_reads_or_is_refused_with_a_line(lines):
    from ai_sets_addon.core.errors import InputError

    try:
        play = read_fountain("\n".join(lines))
    except InputError as exc:
        assert isinstance(exc, ScriptError) and exc.line >= 0
        return
    for scene in play.scenes:
        assert scene.location.strip() and scene.eighths >= 1 and scene.line >= 0


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_as_fdx_are_refused_cleanly(tmp_path_factory, data):
    from ai_sets_addon.core.errors import InputError

    path = tmp_path_factory.mktemp("fdx") / "x.fdx"
    path.write_bytes(data)
    with pytest.raises(InputError):
        read_script(path)
