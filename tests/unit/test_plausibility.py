"""The plausibility report finds what a set decorator would: props in each other, props in
the walls, a floor nobody can cross, a blocked window, a lamp floating in the air."""

from __future__ import annotations

import json

import numpy as np
import pytest
import trimesh

from ai_sets_addon.cli import main
from ai_sets_addon.generation.plausibility import check_plan
from ai_sets_addon.model.plan import LightPlan, MaterialRequest, MeshPart, SetPlan, SkyRequest

ROOM = (6.0, 4.0, 2.6)          # x, y, height


def box(size, centre) -> trimesh.Trimesh:
    mesh = trimesh.creation.box(size)
    mesh.apply_translation(centre)
    return mesh


def room_plan(*props: tuple[str, trimesh.Trimesh], lights=()) -> SetPlan:
    w, d, h = ROOM
    floor = box((w, d, 0.2), (0, 0, -0.1))
    shell = [box((w + 0.4, 0.2, h), (0, s * (d / 2 + 0.1), h / 2)) for s in (-1, 1)]
    shell += [box((0.2, d + 0.4, h), (s * (w / 2 + 0.1), 0, h / 2)) for s in (-1, 1)]
    parts = [MeshPart("Floor", floor, "floor"), MeshPart("Walls", trimesh.util.concatenate(shell),
                                                        "walls")]
    parts += [MeshPart(name, mesh, "wood", group="props") for name, mesh in props]
    materials = {k: MaterialRequest(k, "concrete") for k in ("floor", "walls")}
    materials["wood"] = MaterialRequest("wood", "wood_planks")
    return SetPlan("Test Room", "interior_room", parts, materials, list(lights), [],
                   SkyRequest(), interior=True)


def test_an_empty_room_passes_with_its_floor_measured():
    report = check_plan(room_plan())
    assert report.passed and report.objects == 0
    assert report.floor_m2 == pytest.approx(24.0, abs=1.1)     # to a 5 cm raster, a cell ring
    assert report.navigable_share == pytest.approx(1.0, abs=0.01)


def test_interpenetrating_props_are_a_collision_and_touching_ones_are_not():
    sofa = box((2.0, 0.9, 0.8), (0, 0, 0.4))
    table_in = box((1.0, 0.6, 0.4), (0, 0.70, 0.2))      # 5 cm into the sofa
    report = check_plan(room_plan(("Sofa", sofa), ("Coffee Table", table_in)))
    assert [(a, b) for a, b, _ in report.collisions] == [("Coffee Table", "Sofa")]
    assert report.collisions[0][2] == pytest.approx(0.05, abs=0.01)
    touching = box((1.0, 0.6, 0.4), (0, 0.751, 0.2))     # 1 mm apart
    assert check_plan(room_plan(("Sofa", sofa), ("Coffee Table", touching))).collisions == []


def test_a_prop_through_a_wall_is_reported():
    wardrobe = box((1.0, 0.6, 2.0), (0, 1.85, 1.0))       # 15 cm into the north wall
    report = check_plan(room_plan(("Wardrobe", wardrobe)))
    assert report.through_walls == ["Wardrobe"] and report.out_of_room == ["Wardrobe"]
    assert not report.passed


def test_a_row_of_furniture_across_the_room_cuts_the_floor():
    row = box((0.6, 4.0, 1.0), (0, 0, 0.5))               # wall to wall: no way across
    report = check_plan(room_plan(("Bookcases", row)))
    assert report.navigable_share < 0.6 and not report.passed
    gap = box((0.6, 3.0, 1.0), (0, -0.5, 0.5))            # a 1 m gap at one end
    assert check_plan(room_plan(("Bookcases", gap))).navigable_share > 0.95


def test_things_rest_on_something_or_are_reported():
    table = box((1.2, 0.8, 0.75), (0, 0, 0.375))
    vase = box((0.15, 0.15, 0.3), (0, 0, 0.9))            # on the table
    lamp = box((0.3, 0.3, 0.3), (2.0, 0.0, 0.6))          # 45 cm up, in mid-air
    report = check_plan(room_plan(("Table", table), ("Vase", vase), ("Lamp", lamp)))
    assert report.unsupported == ["Lamp"]


def test_a_wardrobe_in_front_of_a_window_blocks_it():
    window = LightPlan("Window Portal", "AREA", (0.0, 1.99, 1.5), (0.0, -1.0, 0.0), size_m=1.2,
                       size_y_m=1.2, portal=True)
    wardrobe = box((1.0, 0.6, 2.0), (0, 1.6, 1.0))
    report = check_plan(room_plan(("Wardrobe", wardrobe), lights=[window]))
    assert report.blocked_windows == ["Window Portal: Wardrobe"]
    low_bench = box((1.0, 0.4, 0.4), (0, 1.7, 0.2))       # below the sill (0.9 m)
    assert check_plan(room_plan(("Bench", low_bench), lights=[window])).blocked_windows == []


def test_instances_are_objects_of_their_own():
    chair = box((0.5, 0.5, 0.9), (0, 0, 0.45))
    part = MeshPart("Chair", chair, "wood", group="props",
                    instances=[np.eye(4), trimesh.transformations.translation_matrix((0.3, 0, 0))])
    plan = room_plan()
    plan.parts.append(part)
    report = check_plan(plan)
    assert report.objects == 2
    assert [(a, b) for a, b, _ in report.collisions] == [("Chair", "Chair 2")]


def test_check_command_reads_a_set_folder(tmp_path, capsys):
    from ai_sets_addon.generation.prepare import BuildOptions, prepare_set

    folder = tmp_path / "set"
    prepare_set("a bedroom", 1, folder, BuildOptions(texture_size=64, hdri_width=256))
    assert main(["check", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "navigable floor" in out and out.strip().splitlines()[-1].endswith(("PASS", "FAIL"))
    assert main(["check", str(folder), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["interior"] and report["objects"] >= 3 and "passed" in report
    assert main(["check", str(tmp_path / "nowhere")]) == 2
