"""One definition per drawn shader pattern (generation/materials/shader_patterns.py): the
Cycles graph (blender/scene/shaders.py) and the exporters' bake (shader_maps.py) of leaf
cards, fronds, bark, lit windows and posters both read the table. Each field is changed
in turn: the graph changes exactly when the field is read by Cycles, the bake exactly
when it is read by the bake, so neither builder keeps a copy of a pattern number."""

from __future__ import annotations

import dataclasses

import bpy
import numpy as np
import pytest

from ai_sets_addon.blender.scene.shaders import shader_material
from ai_sets_addon.generation.materials import shader_maps as sm
from ai_sets_addon.generation.materials import shader_patterns as sp
from ai_sets_addon.generation.materials.shader_only import describe_shader_material
from ai_sets_addon.model.plan import MaterialRequest

MATERIALS = {                         # table -> the materials that draw it
    "LEAF_CARDS": [("foliage", ["cards"]), ("foliage", ["needles", "dark"])],
    "FRONDS": [("foliage", ["fronds"])],
    "BARK": [("bark", []), ("bark", ["birch"])],
    "LIT_WINDOW": [("lit_window", [])],
    "POSTER": [("poster", [])],
}
BAKE_PX = 128
CASES = [(name, f.name) for name, table in sp.TABLES.items()
         for f in dataclasses.fields(table)]


def _changed(value):
    """Another valid value of a field: an int one more, a float (or each of a tuple's)
    about a third larger."""
    if isinstance(value, tuple):
        return tuple(_changed(v) for v in value)
    if isinstance(value, int):
        return value + 1
    return value * 1.37 + 0.011


def _graph(mat) -> list:
    """Everything a render reads from a node tree: node kinds and settings, unlinked
    input values, colour-ramp stops and links."""
    tree = mat.node_tree
    out = []
    for node in sorted(tree.nodes, key=lambda n: n.name):
        settings = tuple(getattr(node, a) for a in ("operation", "wave_type",
                                                     "bands_direction", "feature")
                         if hasattr(node, a))
        values = tuple((s.identifier, _value(s.default_value)) for s in node.inputs
                       if not s.is_linked and hasattr(s, "default_value"))
        ramp = (tuple((round(e.position, 6), _value(e.color))
                      for e in node.color_ramp.elements) if hasattr(node, "color_ramp")
                else ())
        out.append((node.name, node.bl_idname, settings, values, ramp))
    out.extend(sorted((l.from_node.name, l.from_socket.identifier, l.to_node.name,
                       l.to_socket.identifier) for l in tree.links))
    return out


def _value(v):
    try:
        return tuple(round(float(c), 6) for c in v)
    except TypeError:
        return round(float(v), 6) if isinstance(v, float) else v


def _outputs(table: str) -> tuple[list, list]:
    """(Cycles graphs, bakes) of the materials drawing `table`'s pattern, as built now."""
    graphs, bakes = [], []
    for i, (family, mods) in enumerate(MATERIALS[table]):
        desc = describe_shader_material(MaterialRequest(f"m{i}", family, mods, seed=3))
        mat = shader_material(desc, "Patterns")
        graphs.append(_graph(mat))
        bpy.data.materials.remove(mat)                  # leave Blender as found
        maps, tile = sm.shader_map_arrays(family, desc.params, BAKE_PX, 3, desc.key)
        bakes.append((tile, {k: sm.quantise(k, v).tobytes() for k, v in maps.items()}))
    return graphs, bakes


_BEFORE: dict[str, tuple[list, list]] = {}


def _before(table: str) -> tuple[list, list]:
    """The outputs with the table as shipped (built once a table)."""
    if table not in _BEFORE:
        _BEFORE[table] = _outputs(table)
    return _BEFORE[table]


def test_every_pattern_has_a_table_and_materials():
    assert set(MATERIALS) == set(sp.TABLES)
    for name, table in sp.TABLES.items():
        assert isinstance(getattr(sp, name), table)
        assert all(sp.used_by(table, f.name) in (sp.BOTH, sp.CYCLES, sp.BAKE)
                   for f in dataclasses.fields(table))


@pytest.mark.parametrize("table", sorted(MATERIALS))
def test_same_table_same_outputs(table):
    """The comparison below means something: rebuilt from the same table, a graph and
    a bake come out the same."""
    assert _outputs(table) == _before(table)


@pytest.mark.parametrize("table,name", CASES, ids=[f"{t}.{n}" for t, n in CASES])
def test_each_number_has_one_definition(monkeypatch, table, name):
    graphs, bakes = _before(table)
    current = getattr(sp, table)
    changed = dataclasses.replace(current, **{name: _changed(getattr(current, name))})
    monkeypatch.setattr(sp, table, changed)
    new_graphs, new_bakes = _outputs(table)
    used = sp.used_by(type(current), name)
    reads_cycles, reads_bake = used in (sp.BOTH, sp.CYCLES), used in (sp.BOTH, sp.BAKE)
    assert (new_graphs != graphs) == reads_cycles, f"{table}.{name}: Cycles graph"
    assert (new_bakes != bakes) == reads_bake, f"{table}.{name}: bake"


def test_cycles_leaf_cells_are_one_leaf(empty_scene):
    """The render's leaves are the export's size: the card's Voronoi runs at one cell a
    leaf (Blender's default scale, 5, drew leaves five times too small)."""
    desc = describe_shader_material(MaterialRequest("leaves", "foliage", ["cards"], seed=1))
    mat = shader_material(desc, "Patterns")
    (cells,) = [n for n in mat.node_tree.nodes if n.bl_idname == "ShaderNodeTexVoronoi"
                and n.inputs["Vector"].is_linked
                and n.inputs["Vector"].links[0].from_node.bl_idname == "ShaderNodeCombineXYZ"]
    assert cells.inputs["Scale"].default_value == pytest.approx(sp.LEAF_CARDS.cells_per_leaf)
    assert sp.LEAF_CARDS.cells_per_leaf == 1.0
    # The bake cuts leaves of the same size: about card area / leaf area cells.
    maps, _ = sm.shader_map_arrays("foliage", desc.params, 256, 1, "leaves")
    width, length = desc.params["leaf_m"]
    card = desc.params["card_m"]
    leaves = _count_blobs(maps["base_color"][..., 3] > 0.5)
    expected = (card / width) * (card / length) * np.pi / 4     # cells inside the disc
    assert 0.3 * expected < leaves < 1.5 * expected, (leaves, expected)


def _count_blobs(mask: np.ndarray) -> int:
    """Connected regions of a boolean image (4-neighbour), by flood fill."""
    from scipy import ndimage

    return int(ndimage.label(mask)[1])
