"""Which set folder to export: a set folder itself, or the folder a .blend's AI set was
built from (its collection's `ai_sets_folder` property)."""

from __future__ import annotations

import json
from pathlib import Path

from ..core.errors import InputError
from ..setfile import SET_JSON

SET_FOLDER_PROPERTY = "ai_sets_folder"   # blender/scene/builder.SET_FOLDER
SET_TAG = "ai_sets"                      # blender/scene/tagging.TAG: the set's name


def set_folder(source: Path) -> Path:
    """The set folder behind `source` (a folder or a .blend); InputError says what to
    give instead when it is neither."""
    source = Path(source).expanduser()
    if not source.exists():
        raise InputError(f"'{source}' does not exist; give a set folder (ai-sets build "
                         "--out) or the set.blend inside it")
    if source.is_dir():
        if not (source / SET_JSON).is_file():
            raise InputError(f"'{source}' is not a set folder (it has no {SET_JSON}); give "
                             "the folder `ai-sets build --out` wrote, or its set.blend")
        return source
    if source.suffix.lower() == ".blend":
        from ..core.readers import regular_file

        return folder_from_blend(regular_file(source, ".blend file"))
    raise InputError(f"'{source}' is neither a set folder nor a .blend file")


def folder_from_blend(blend: Path) -> Path:
    """Read the AI set collection of `blend` (linked, then unlinked again: the open
    file is left as it was)."""
    sets = _linked_sets(blend)
    if not sets:
        raise InputError(f"'{blend}' holds no AI set (no collection with an "
                         f"'{SET_FOLDER_PROPERTY}' property); generate one and save, or "
                         "give the set folder")
    name, recorded = sets[0]
    return choose_folder(blend, name, Path(recorded))


def choose_folder(blend: Path, set_name: str, recorded: Path) -> Path:
    """The recorded folder when it still holds that set; else the blend's own folder
    when it does (a set folder moved or copied elsewhere, with its blend inside)."""
    for candidate in (recorded, blend.parent):
        if _holds_set(candidate, set_name):
            return candidate
    raise InputError(f"the set '{set_name}' in '{blend}' was built from '{recorded}', which "
                     f"no longer holds it, and '{blend.parent}' does not either; give the "
                     "set folder itself")


def _holds_set(folder: Path, set_name: str) -> bool:
    try:
        data = json.loads((folder / SET_JSON).read_text(encoding="utf-8"))
        return data["plan"]["name"] == set_name
    except (OSError, ValueError, KeyError, TypeError):
        return False


def _linked_sets(blend: Path) -> list[tuple[str, str]]:
    import bpy

    before = set(bpy.data.libraries)
    try:
        with bpy.data.libraries.load(str(blend), link=True) as (src, dst):
            dst.collections = list(src.collections)
        return [(c.get(SET_TAG, c.name), str(c[SET_FOLDER_PROPERTY]))
                for c in dst.collections if c is not None and c.get(SET_FOLDER_PROPERTY)]
    except OSError as exc:
        raise InputError(f"'{blend}' cannot be read as a .blend ({exc})") from None
    finally:
        for library in set(bpy.data.libraries) - before:
            bpy.data.libraries.remove(library)
