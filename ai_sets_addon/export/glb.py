"""Read and rewrite the JSON chunk of a binary glTF (.glb) without a dependency.

A .glb is a 12-byte header (magic "glTF", version 2, total length), a JSON chunk and
an optional BIN chunk, each chunk 4-byte aligned (JSON padded with spaces, BIN with
zeros): enough to add `extras` after Blender's exporter wrote the file.
"""

from __future__ import annotations

import json
import re
import struct
from pathlib import Path
from typing import Any

MAGIC = b"glTF"
JSON_CHUNK = 0x4E4F534A
BIN_CHUNK = 0x004E4942


def read(path: Path) -> tuple[dict[str, Any], bytes | None]:
    """(the glTF JSON, the BIN chunk or None)."""
    data = Path(path).read_bytes()
    magic, version, length = struct.unpack_from("<4sII", data, 0)
    if magic != MAGIC or version != 2 or length != len(data):
        raise ValueError(f"{path} is not a glTF 2.0 binary")
    offset, document, binary = 12, None, None
    while offset < length:
        size, kind = struct.unpack_from("<II", data, offset)
        body = data[offset + 8: offset + 8 + size]
        if kind == JSON_CHUNK:
            document = json.loads(body.decode("utf-8"))
        elif kind == BIN_CHUNK:
            binary = body
        offset += 8 + size
    if document is None:
        raise ValueError(f"{path} has no JSON chunk")
    return document, binary


def encode(document: dict[str, Any], binary: bytes | None) -> bytes:
    text = json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * (-len(text) % 4)
    chunks = struct.pack("<II", len(text), JSON_CHUNK) + text
    if binary is not None:
        binary += b"\0" * (-len(binary) % 4)
        chunks += struct.pack("<II", len(binary), BIN_CHUNK) + binary
    return struct.pack("<4sII", MAGIC, 2, 12 + len(chunks)) + chunks


NAMED = ("nodes", "meshes", "materials", "cameras", "images")
_DUPLICATE_SUFFIX = re.compile(r"\.\d{3}$")


def add_scene_extras(path: Path, key: str, value: Any) -> None:
    """Set `scenes[scene].extras[key]` in place, and give back the names Blender
    suffixed with ".001" because the open file's own set already held them."""
    document, binary = read(path)
    scene = document["scenes"][document.get("scene", 0)]
    scene.setdefault("extras", {})[key] = value
    lights = document.get("extensions", {}).get("KHR_lights_punctual", {}).get("lights", [])
    for item in [*lights, *(i for kind in NAMED for i in document.get(kind, []))]:
        if "name" in item:
            item["name"] = _DUPLICATE_SUFFIX.sub("", item["name"])
    Path(path).write_bytes(encode(document, binary))
