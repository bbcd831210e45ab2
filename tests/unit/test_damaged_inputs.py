"""Damaged inputs against every reader and the commands that need no Blender.

Each kind of damage (truncated, wrong type, NaN, out-of-range index, nesting, a folder,
FIFO or symlink in place of a file, a path leaving the folder) is applied to a copy of
one tiny set (built once for the module), then read the way the commands read it:
exit 2 (InputError), a message naming the file and the field, nothing changed on disk.
A hypothesis fuzz of each reader asserts that nothing but InputError ever escapes
(exit 1 is for bugs only).
"""

from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import shutil
import zipfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ai_sets_addon.cli import main
from ai_sets_addon.farm import jobfile, tasks
from ai_sets_addon.core import readers
from ai_sets_addon.core.errors import InputError
from ai_sets_addon.core.fileio import check_apart, publish_together, write_png
from ai_sets_addon.generation.prepare import BuildOptions, prepare_set
from ai_sets_addon.setfile import read_set, verify
from ai_sets_addon.setfile.folder import reading, write_manifest
from ai_sets_addon.scout import shots as shotdata

SMALL = BuildOptions(texture_size=256, hdri_width=512)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("damaged") / "room"
    prepare_set("an empty white room", 1, folder, SMALL)
    shots = [shotdata.Shot(name="Hero", location=(0.5, 0.5, 1.6))]
    (folder / "shots.json").write_text(json.dumps(shotdata.shots_json(shots)), "utf-8")
    write_manifest(folder, {"kind": "test"})
    return folder


@pytest.fixture
def room(built, tmp_path) -> Path:
    copy = tmp_path / "room"
    shutil.copytree(built, copy, symlinks=True)
    return copy


def tree(folder: Path) -> dict[str, str]:
    """Every entry under `folder` with what it is: a hash, 'dir', 'fifo' or a link."""
    found = {}
    for root, dirs, names in os.walk(folder):
        for name in dirs + names:
            path = Path(root) / name
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[rel] = f"-> {os.readlink(path)}"
            elif path.is_dir():
                found[rel] = "dir"
            elif path.is_file():
                found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                found[rel] = "special"
    return found


# ------------------------------------------------------------------ the damage


def _set_json(room: Path) -> dict:
    return json.loads((room / "set.json").read_text("utf-8"))


def _write_set_json(room: Path, data: dict, text: str | None = None) -> None:
    (room / "set.json").write_text(text if text is not None else json.dumps(data), "utf-8")


def _edit(change):
    def damage(room: Path) -> None:
        data = _set_json(room)
        change(data)
        _write_set_json(room, data)
    return damage


def _first_mesh(room: Path) -> Path:
    return room / _set_json(room)["plan"]["parts"][0]["mesh"]


def _mesh_edit(change):
    def damage(room: Path) -> None:
        path = _first_mesh(room)
        with np.load(path) as data:
            arrays = {k: np.array(data[k]) for k in data.files}
        change(arrays)
        buffer = io.BytesIO()
        np.savez(buffer, **arrays)
        path.write_bytes(buffer.getvalue())
    return damage


def _mask_part(room: Path) -> tuple[int, str]:
    for i, part in enumerate(_set_json(room)["plan"]["parts"]):
        if part["masks"]:
            return i, part["masks"][0]
    pytest.skip("no part with a mask in this set")


def _bad_mask_length(room: Path) -> None:
    index, mask = _mask_part(room)
    path = room / _set_json(room)["plan"]["parts"][index]["mesh"]
    with np.load(path) as data:
        arrays = {k: np.array(data[k]) for k in data.files}
    arrays[f"mask_{mask}"] = arrays[f"mask_{mask}"][:-3]
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    path.write_bytes(buffer.getvalue())


def _truncate(relative_of):
    def damage(room: Path) -> None:
        path = relative_of(room)
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    return damage


def _replace_by_folder(relative_of):
    def damage(room: Path) -> None:
        path = relative_of(room)
        path.unlink()
        path.mkdir()
    return damage


def _replace_by_fifo(relative_of):
    def damage(room: Path) -> None:
        path = relative_of(room)
        path.unlink()
        os.mkfifo(path)
    return damage


def _first_png(room: Path) -> Path:
    return sorted((room / "textures").glob("*.png"))[0]


def _flip_png_byte(room: Path) -> None:
    path = _first_png(room)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def _mesh_symlink_out(room: Path) -> None:
    outside = room.parent / "outside.npz"
    shutil.copyfile(_first_mesh(room), outside)
    target = _first_mesh(room)
    target.unlink()
    target.symlink_to(outside)


def _deep(data: dict) -> None:
    value: list = []
    for _ in range(200):
        value = [value]
    data["options"]["deep"] = value


SET_JSON = lambda room: room / "set.json"  # noqa: E731
SKY = lambda room: room / "sky.exr"        # noqa: E731

# (case, damage, what the message must name)
READ_SET_CASES = [
    ("set.json truncated", _truncate(SET_JSON), "set.json"),
    ("set.json a folder", _replace_by_folder(SET_JSON), "is a folder"),
    ("set.json a FIFO", _replace_by_fifo(SET_JSON), "not a regular file"),
    ("parts not a list", _edit(lambda d: d["plan"].__setitem__("parts", {})), "plan.parts"),
    ("part an integer", _edit(lambda d: d["plan"]["parts"].__setitem__(0, 7)), "plan.parts[0]"),
    ("camera location NaN",
     _edit(lambda d: d["plan"]["cameras"][0]["location"].__setitem__(1, float("nan"))),
     "plan.cameras[0].location[1]"),
    ("camera lens infinite",
     _edit(lambda d: d["plan"]["cameras"][0].__setitem__("lens_mm", float("inf"))),
     "plan.cameras[0].lens_mm"),
    ("atlas width zero",
     _edit(lambda d: d["plan"]["parts"][0]["atlas"].__setitem__("width", 0)),
     "plan.parts[0].atlas.width"),
    ("instance matrix short",
     _edit(lambda d: d["plan"]["parts"][0].__setitem__("instances", [[1, 0, 0]])),
     "plan.parts[0].instances[0]"),
    ("unknown material", _edit(lambda d: d["plan"]["parts"][0].__setitem__("material", "x")),
     "plan.parts[0].material"),
    ("nested 200 deep", _edit(_deep), "nested more than"),
    ("mesh path leaves the folder",
     _edit(lambda d: d["plan"]["parts"][0].__setitem__("mesh", "../../etc/passwd")),
     "plan.parts[0].mesh"),
    ("mesh path absolute",
     _edit(lambda d: d["plan"]["parts"][0].__setitem__("mesh", "/etc/passwd")),
     "plan.parts[0].mesh"),
    ("sky path absolute", _edit(lambda d: d["sky"].__setitem__("exr_path", "/tmp/x.exr")),
     "sky.exr_path"),
    ("mesh truncated", _truncate(_first_mesh), "mesh file"),
    ("mesh a folder", _replace_by_folder(_first_mesh), "is a folder"),
    ("mesh a FIFO", _replace_by_fifo(_first_mesh), "not a regular file"),
    ("mesh symlinked outside", _mesh_symlink_out, "outside the folder"),
    ("negative face index", _mesh_edit(lambda a: a["faces"].__setitem__(
        (0, 0), -1) if a["faces"].dtype.kind == "i" else a.__setitem__(
        "faces", a["faces"].astype(np.int64) * 0 - 1)), "faces"),
    ("face index past the vertices", _mesh_edit(lambda a: a["faces"].__setitem__(
        (0, 0), len(a["positions"]) + 5)), "faces"),
    ("NaN vertex", _mesh_edit(lambda a: a["positions"].__setitem__((0, 0), np.nan)),
     "positions"),
    ("faces as floats", _mesh_edit(lambda a: a.__setitem__(
        "faces", a["faces"].astype(np.float32))), "faces"),
    ("mask of the wrong length", _bad_mask_length, "mask_"),
    ("base colour PNG truncated", _truncate(_first_png), ".png"),
    ("PNG with a flipped byte", _flip_png_byte, "CRC"),
    ("PNG a folder", _replace_by_folder(_first_png), "is a folder"),
    ("sky truncated", _truncate(SKY), "sky.exr"),
    ("set.json symlinked outside", lambda r: _link_out(r, "set.json"), "outside the folder"),
    ("shots.json symlinked outside", lambda r: _link_out(r, "shots.json"), "outside the folder"),
]


def _link_out(room: Path, name: str) -> None:
    shutil.move(room / name, room.parent / name)
    (room / name).symlink_to(room.parent / name)


@pytest.mark.parametrize("case,damage,named", READ_SET_CASES,
                         ids=[c[0] for c in READ_SET_CASES])
def test_a_damaged_set_is_refused_naming_the_file_and_field(room, case, damage, named):
    damage(room)
    before = tree(room.parent)
    with pytest.raises(InputError) as caught:
        read_set(room)
        shotdata.read_shots(room)
    assert named in str(caught.value), str(caught.value)
    assert tree(room.parent) == before                  # reading changed nothing


# ------------------------------------------------------------------- verify


def _manifest_edit(change):
    def damage(room: Path) -> None:
        path = room / "manifest.json"
        data = json.loads(path.read_text("utf-8"))
        change(room, data)
        path.write_text(json.dumps(data), "utf-8")
    return damage


def _escape_with_real_hash(room: Path, data: dict) -> None:
    secret = room.parent / "secret.txt"
    secret.write_text("not yours", "utf-8")
    rel = os.path.relpath(secret, room)
    data["files"][rel] = {"sha256": hashlib.sha256(secret.read_bytes()).hexdigest(),
                          "bytes": secret.stat().st_size}


def _textures_symlinked_out(room: Path) -> None:
    shutil.move(room / "textures", room.parent / "elsewhere")
    (room / "textures").symlink_to(room.parent / "elsewhere")


VERIFY_CASES = [
    ("files a list", _manifest_edit(lambda r, d: d.__setitem__("files", [])), "'files'"),
    ("entry a string", _manifest_edit(
        lambda r, d: d["files"].__setitem__("set.json", "abc")), "files.set.json"),
    ("bytes negative", _manifest_edit(
        lambda r, d: d["files"]["set.json"].__setitem__("bytes", -1)), "bytes"),
    ("path leaving the folder, real hash", _manifest_edit(_escape_with_real_hash),
     "leaving its folder"),
    ("absolute path", _manifest_edit(lambda r, d: d["files"].__setitem__(
        "/etc/hostname", {"sha256": "0" * 64, "bytes": 1})), "leaving its folder"),
    ("manifest truncated", _truncate(lambda r: r / "manifest.json"), "manifest"),
    ("manifest a FIFO", _replace_by_fifo(lambda r: r / "manifest.json"),
     "not a regular file"),
    ("textures symlinked outside", _textures_symlinked_out, "symlink pointing outside"),
    ("a FIFO among the files", lambda r: os.mkfifo(r / "pipe"), "not in the manifest: pipe"),
]


@pytest.mark.parametrize("case,damage,named", VERIFY_CASES, ids=[c[0] for c in VERIFY_CASES])
def test_verify_stays_inside_its_folder_and_reports_damage(room, case, damage, named, capsys):
    assert verify(room) == []
    damage(room)
    before = tree(room.parent)
    assert main(["verify", str(room)]) == 2
    assert named in capsys.readouterr().err
    assert tree(room.parent) == before


def test_verify_of_the_whole_set_passes(room, capsys):
    assert main(["verify", str(room)]) == 0


# --------------------------------------------------------------- shot lists


SHOT_CASES = [
    ("a JSON list", "[]", "must be an object"),
    ("shots a string", json.dumps({"format": "ai-sets/shots", "version": 1, "shots": "x"}),
     "'shots' must be a list"),
    ("a shot a string", json.dumps({"format": "ai-sets/shots", "version": 1,
                                    "shots": ["Hero"]}), "shots[0]"),
    ("NaN location", '{"format": "ai-sets/shots", "version": 1, "shots": [{"name": "A", '
                     '"location": [0, NaN, 1]}]}', "shots[0].location[1]"),
    ("hour out of range", json.dumps({"format": "ai-sets/shots", "version": 1,
                                      "shots": [{"name": "A", "hour": 99}]}),
     "shots[0].hour"),
    ("nested deep", '{"format": "ai-sets/shots", "version": 1, "shots": [], "x": '
                    + "[" * 500 + "]" * 500 + "}", "nested more than"),
    ("truncated", '{"format": "ai-sets/shots", "version": 1, "shots": [{"na', "not valid JSON"),
]


@pytest.mark.parametrize("case,text,named", SHOT_CASES, ids=[c[0] for c in SHOT_CASES])
def test_a_damaged_shot_list_is_refused_naming_the_field(tmp_path, case, text, named):
    path = tmp_path / "shots.json"
    path.write_text(text, "utf-8")
    with pytest.raises(InputError) as caught:
        shotdata.read_shot_file(path)
    assert named in str(caught.value) and "shots.json" in str(caught.value)


# ------------------------------------------------------------------ job files


JOB_HEAD = '[defaults]\ntexture_size = 256\nhdri_width = 512\n\n'


def _job(body: str) -> str:
    return JOB_HEAD + body


JOB_CASES = [
    ("same name ignoring case",
     _job('[[set]]\nname = "Room"\nprompt = "an empty room"\n\n'
          '[[set]]\nname = "room"\nprompt = "an empty room"\n'), 9, "without case"),
    ("a Windows device name", _job('[[set]]\nname = "con"\nprompt = "an empty room"\n'),
     6, "device name"),
    ("a device name with an extension",
     _job('[[set]]\nname = "nul.txt"\nprompt = "an empty room"\n'), 6, "device name"),
    ("a trailing dot", _job('[[set]]\nname = "room."\nprompt = "an empty room"\n'), 6,
     "ends with a dot"),
    ("shot names equal ignoring case",
     _job('[[set]]\nname = "a"\nprompt = "an empty room"\n  [[set.shot]]\n  camera = '
          '"CAM_Wide_24mm"\n  name = "Hero"\n  [[set.shot]]\n  camera = "CAM_Wide_24mm"\n'
          '  name = "hero"\n'), 11, "without case"),
    ("a shot called lpt1", _job('[[set]]\nname = "a"\nprompt = "an empty room"\n'
                                '  [[set.shot]]\n  name = "LPT1"\n'), 9, "device name"),
    ("nested 100 deep", _job('[[set]]\nprompt = "x"\nseed = ' + "[" * 100 + "1"
                             + "]" * 100 + "\n"), 1, "nested"),
    ("NaN samples", _job('[[set]]\nprompt = "an empty room"\n  [[set.shot]]\n'
                         '  samples = nan\n'), 8, "nan"),
]


@pytest.mark.parametrize("case,text,line,named", JOB_CASES, ids=[c[0] for c in JOB_CASES])
def test_a_bad_job_file_is_refused_with_its_line(tmp_path, case, text, line, named, capsys):
    path = tmp_path / "jobs.toml"
    path.write_text(text, "utf-8")
    out = tmp_path / "out"
    assert main(["batch", str(path), "--out", str(out), "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert f"{path}:{line}:" in err and named.lower() in err.lower(), err
    assert not out.exists()


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_a_job_file_that_is_not_a_file_is_refused(tmp_path, kind, capsys):
    path = tmp_path / "jobs.toml"
    path.mkdir() if kind == "folder" else os.mkfifo(path)
    assert main(["batch", str(path), "--out", str(tmp_path / "out"), "--dry-run"]) == 2
    assert "jobs.toml" in capsys.readouterr().err


def test_batch_out_inside_a_scouted_set_it_reads_is_refused(room, tmp_path, capsys):
    jobs = tmp_path / "jobs.toml"
    jobs.write_text(_job(f'[[set]]\nprompt = "an empty room"\nshots_file = "{room}"\n'
                         '  [[set.shot]]\n  saved = "all"\n'), "utf-8")
    before = tree(room)
    for out in (room, room / "renders", jobs):
        assert main(["batch", str(jobs), "--out", str(out), "--dry-run"]) == 2
        assert "input" in capsys.readouterr().err
    assert tree(room) == before


def test_a_saved_shot_cannot_take_a_windows_device_name():
    for bad in ("CON", "nul.", "Com1"):
        with pytest.raises(InputError, match="device name"):
            shotdata.check_name(bad)
    with pytest.raises(InputError, match="without case"):
        shotdata.check_name("hero", ["Hero"])
    assert shotdata.check_name("Console") == "Console"


def test_a_resumed_batch_removes_what_a_killed_one_left(tmp_path):
    from ai_sets_addon.farm.runner import remove_leftovers

    shot = tmp_path / "room-s0"
    (shot / "set").mkdir(parents=True)
    (shot / "Wide.png").write_bytes(b"a finished render")
    (shot / "Wide.json").write_bytes(b"{}")
    (shot / "set" / "set.json").write_bytes(b"{}")
    keep = tree(tmp_path)
    for leftover in (".work-Wide/blender_x", ".sky-1a2b"):
        (shot / leftover).mkdir(parents=True)
    (shot / ".Wide.1a2b3c4d.tmp.png").write_bytes(b"half a png")
    (shot / ".aisets_meter_x.exr").write_bytes(b"half an exr")
    (tmp_path / ".dask" / "worker-1").mkdir(parents=True)
    assert remove_leftovers(tmp_path) == 5
    assert tree(tmp_path) == keep


def test_portable_names():
    for bad in ("con", "CON", "nul.", "com1.txt", "lpt9", "a.", "-x", ".hidden", "a b",
                "x" * 81, "aux.tar.gz"):
        assert jobfile.portable_name_problem(bad), bad
    for good in ("room", "Room-2", "a.b", "console", "nullish", "com10"):
        assert jobfile.portable_name_problem(good) is None, good


# ------------------------------------------------------------------------ hdr


def test_hdr_never_overwrites_the_panorama_it_reads(tmp_path, capsys):
    pano = tmp_path / "street.png"
    rng = np.random.default_rng(0)
    write_png(pano, rng.integers(0, 255, (256, 512, 3), dtype=np.uint8))
    before = tree(tmp_path)
    for out in ("street.exr", "street.png", "street"):
        assert main(["hdr", str(pano), "--out", str(tmp_path / out)]) == 2
        assert "which is the input" in capsys.readouterr().err
    assert tree(tmp_path) == before


def test_hdr_refuses_a_preview_name_it_did_not_write(tmp_path, capsys):
    pano = tmp_path / "in" / "street.png"
    pano.parent.mkdir()
    write_png(pano, np.zeros((256, 512, 3), np.uint8))
    (tmp_path / "sky.png").write_bytes(b"the user's own picture")
    before = tree(tmp_path)
    assert main(["hdr", str(pano), "--out", str(tmp_path / "sky.exr")]) == 2
    assert "was not written by AI Sets" in capsys.readouterr().err
    assert tree(tmp_path) == before


@pytest.mark.parametrize("kind", ["folder", "fifo", "truncated"])
def test_hdr_refuses_a_panorama_that_does_not_load(tmp_path, kind, capsys):
    pano = tmp_path / "pano.png"
    if kind == "folder":
        pano.mkdir()
    elif kind == "fifo":
        os.mkfifo(pano)
    else:
        write_png(pano, np.zeros((256, 512, 3), np.uint8))
        pano.write_bytes(pano.read_bytes()[:60])
    assert main(["hdr", str(pano), "--out", str(tmp_path / "o" / "sky.exr")]) == 2
    assert "pano.png" in capsys.readouterr().err
    assert not (tmp_path / "o" / "sky.exr").exists()


# ------------------------------------------------- outputs apart, published together


def test_outputs_inside_an_input_set_or_equal_to_an_input_are_refused(room, tmp_path):
    with pytest.raises(InputError, match="inside the input set folder"):
        check_apart([room / "export" / "x.glb"], set_folders=[room])
    with pytest.raises(InputError, match="inside the input set folder"):
        check_apart([room], set_folders=[room])
    (tmp_path / "link").symlink_to(room)
    with pytest.raises(InputError, match="inside the input set folder"):
        check_apart([tmp_path / "link" / "x.glb"], set_folders=[room])
    os.link(room / "set.json", tmp_path / "hard.json")
    with pytest.raises(InputError, match="which is the input"):
        check_apart([tmp_path / "hard.json"], inputs=[room / "set.json"])
    check_apart([tmp_path / "x.glb"], inputs=[room / "set.json"], set_folders=[room])


def test_a_failed_publish_puts_every_previous_output_back(tmp_path, monkeypatch):
    finals = [tmp_path / "a.glb", tmp_path / "a_textures", tmp_path / "a.json"]
    finals[0].write_bytes(b"old glb")
    finals[1].mkdir()
    (finals[1] / "t.png").write_bytes(b"old texture")
    finals[2].write_bytes(b"old sidecar")
    before = tree(tmp_path)
    stage = tmp_path / ".stage"
    stage.mkdir()
    (stage / "a.glb").write_bytes(b"new glb")
    (stage / "a_textures").mkdir()
    (stage / "a.json").write_bytes(b"new sidecar")
    calls = []

    def disk_full(stage_name: str) -> None:         # the third rename fails
        calls.append(stage_name)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("ai_sets_addon.core.faults.checkpoint", disk_full)
    with pytest.raises(OSError):
        publish_together([(stage / f.name, f) for f in finals], stage)
    shutil.rmtree(stage)
    assert tree(tmp_path) == before


def test_a_publish_cut_short_by_a_kill_is_undone_by_the_next_run(tmp_path, monkeypatch):
    from ai_sets_addon.core import fileio

    finals = [tmp_path / "a.glb", tmp_path / "a.json"]
    for f in finals:
        f.write_bytes(b"old " + f.name.encode())
    before = tree(tmp_path)
    stage = tmp_path / ".a.glb.export-1"
    stage.mkdir()
    for f in finals:
        (stage / f.name).write_bytes(b"new")
    calls = []

    def killed(stage_name: str) -> None:            # the process dies after one rename
        calls.append(stage_name)
        if len(calls) == 2:
            raise SystemExit("killed")

    monkeypatch.setattr("ai_sets_addon.core.faults.checkpoint", killed)
    monkeypatch.setattr(fileio, "_roll_back", lambda entries: None)   # no unwinding
    with pytest.raises(SystemExit):
        publish_together([(stage / f.name, f) for f in finals], stage)
    assert tree(tmp_path) != before
    monkeypatch.undo()
    fileio.recover_publish(stage)
    assert tree(tmp_path) == before


# ----------------------------------------------------------------- readers' lock


def test_a_set_being_written_is_refused_naming_the_writer_or_waited_for(room):
    from ai_sets_addon.setfile import FolderBusy, SetWriter

    with SetWriter(room):
        with pytest.raises(FolderBusy, match=rf"being written by another AI Sets run \(pid "
                                             rf"{os.getpid()}"):
            with reading(room):
                pass
    with reading(room), reading(room):          # readers share
        with pytest.raises(FolderBusy, match="reading it"):
            SetWriter(room).__enter__()
    assert not (room.parent / ".room.lock").exists()       # the last holder removed it


def test_paint_of_a_set_being_rebuilt_waits_or_refuses(room, capsys):
    from ai_sets_addon.setfile import SetWriter, revise
    from ai_sets_addon.setfile.folder import identity

    before = tree(room.parent)
    with SetWriter(room):
        assert main(["paint", str(room), "--painter", "test"]) == 2
        assert "being written by another AI Sets run" in capsys.readouterr().err
    with pytest.raises(InputError, match="was rebuilt while this ran"):
        with revise(room, "painted", expect="0" * 64):
            pass
    assert tree(room.parent) == before
    with revise(room, "painted", expect=identity(room)):
        pass                                           # the same set: revised


# ----------------------------------------------------------------------- fuzz

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats()
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner,
                                                                max_size=4),
    max_leaves=20)
FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


def _paths(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, prefix + (index,))


def _replace(data, path, value):
    if not path:
        return value
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


def _only_input_errors(call) -> None:
    try:
        call()
    except InputError:
        pass


@FUZZ
@given(choice=st.integers(0, 10**9), value=JSON)
def test_fuzz_set_json_never_escapes_as_a_bug(built, tmp_path_factory, choice, value):
    folder = tmp_path_factory.mktemp("fuzz") / "room"
    shutil.copytree(built, folder, copy_function=os.link)     # cheap: hard links
    data = json.loads((folder / "set.json").read_text("utf-8"))
    paths = list(_paths(data))
    data = _replace(data, paths[choice % len(paths)], value)
    (folder / "set.json").unlink()                  # never write through the link
    (folder / "set.json").write_text(json.dumps(data), "utf-8")
    _only_input_errors(lambda: read_set(folder))


@FUZZ
@given(choice=st.integers(0, 10**9), value=JSON)
def test_fuzz_manifest_never_escapes_as_a_bug(built, tmp_path_factory, choice, value):
    folder = tmp_path_factory.mktemp("fuzzm")
    data = json.loads((built / "manifest.json").read_text("utf-8"))
    paths = list(_paths(data))
    data = _replace(data, paths[choice % len(paths)], value)
    (folder / "manifest.json").write_text(json.dumps(data), "utf-8")
    assert isinstance(verify(folder), list)


@FUZZ
@given(choice=st.integers(0, 10**9), value=JSON)
def test_fuzz_shot_list_never_escapes_as_a_bug(built, tmp_path_factory, choice, value):
    path = tmp_path_factory.mktemp("fuzzs") / "shots.json"
    data = json.loads((built / "shots.json").read_text("utf-8"))
    paths = list(_paths(data))
    data = _replace(data, paths[choice % len(paths)], value)
    path.write_text(json.dumps(data), "utf-8")
    _only_input_errors(lambda: [shotdata.check_renderable(s)
                                for s in shotdata.read_shot_file(path)])


@FUZZ
@given(raw=st.binary(max_size=300))
def test_fuzz_mesh_bytes_never_escape_as_a_bug(tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("fuzzn") / "part.npz"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("positions.npy", raw)
    path.write_bytes(buffer.getvalue() if raw[:1] != b"x" else raw)
    _only_input_errors(lambda: readers.read_mesh(path, ["wear"]))


@FUZZ
@given(arrays=st.dictionaries(
    st.sampled_from(["positions", "faces", "normals", "uv", "atlas_uv", "mask_wear"]),
    st.tuples(st.integers(0, 4), st.integers(1, 4), st.sampled_from(["f4", "i8", "u4", "?"]),
              st.sampled_from([0.0, -1.0, 1e9, np.nan, 3.0])), min_size=4))
def test_fuzz_mesh_arrays_never_escape_as_a_bug(tmp_path_factory, arrays):
    made = {name: np.full((rows, cols) if cols > 1 else (rows,), fill).astype(dtype)
            if not (np.isnan(fill) and dtype != "f4") else np.zeros((rows, cols), dtype)
            for name, (rows, cols, dtype, fill) in arrays.items()}
    _only_input_errors(lambda: readers.check_mesh(made, "part.npz", ["wear"]))


TOML_PIECES = st.sampled_from(["[[set]]\n", 'prompt = "an empty room"\n', "seed = [1, 2]\n",
                               'name = "Room"\n', 'name = "room"\n', "[[set.shot]]\n",
                               'camera = "all"\n', "samples = nan\n", "[defaults]\n",
                               "texture_size = 256\n", "x = [[[[1]]]]\n", 'name = "con"\n',
                               'resolution = "64x36"\n', "lens_mm = -inf\n", "= broken\n",
                               'shots_file = "nowhere.json"\n', 'saved = "all"\n'])


@FUZZ
@given(pieces=st.lists(TOML_PIECES, max_size=12))
def test_fuzz_job_file_never_escapes_as_a_bug(tmp_path_factory, pieces):
    folder = tmp_path_factory.mktemp("fuzzj")
    path = folder / "jobs.toml"
    path.write_text("".join(pieces), "utf-8")
    _only_input_errors(lambda: tasks.expand(jobfile.load(path)))


@FUZZ
@given(raw=st.binary(max_size=200))
def test_fuzz_images_never_escape_as_a_bug(tmp_path_factory, raw):
    folder = tmp_path_factory.mktemp("fuzzi")
    for name, head in (("a.png", readers.PNG_MAGIC), ("a.exr", readers.EXR_MAGIC)):
        (folder / name).write_bytes(head + raw)
        _only_input_errors(lambda: readers.check_image(folder / name))
