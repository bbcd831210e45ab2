"""The set folder: the contract between every stage (see docs/set-format.md).

    set.json        spec, plan, material descriptions, sky (schema `SCHEMA_VERSION`)
    meshes/*.npz    positions, faces, normals, tiled `uv` (metres), `atlas_uv`, masks
    textures/       material maps and their JSON sidecars
    sky.exr .png .json
    manifest.json   every other file with its sha256 (written last)

Writers go through `SetWriter` (lock, staging, swap); readers call `read_set`.
"""

from .document import (SCHEMA_VERSION, SET_JSON, SetDocument, read_document, write_document,
                       write_set_json)
from .folder import MANIFEST, FolderBusy, SetWriter, reading, revise, verify

read_set = read_document

__all__ = ["MANIFEST", "SCHEMA_VERSION", "SET_JSON", "FolderBusy", "SetDocument",
           "SetWriter", "read_set", "reading", "revise", "read_document", "verify",
           "write_document", "write_set_json"]
