"""The one mesh kernel: outward normals, metre UVs, real openings."""

import numpy as np
import pytest

from ai_sets_addon.generation.mesh import (below_openings_mask, box_mesh, boxes, lathe, merge,
                                          quad, quads, slab, subset)


def _closed(mesh):
    mesh = mesh.copy()
    mesh.merge_vertices(merge_tex=True, merge_norm=True)
    return mesh


def test_box_is_closed_with_outward_normals_and_true_volume():
    mesh = _closed(box_mesh((0, 0, 0), (2.0, 3.0, 0.5)))
    assert mesh.is_watertight
    assert mesh.volume == pytest.approx(3.0)  # negative if the normals pointed inwards


def test_uvs_are_in_metres_on_every_face():
    mesh = box_mesh((0, 0, 0), (2.15, 0.3, 1.1))
    faces = mesh.faces
    uv = mesh.visual.uv
    for tri in faces:
        for a, b in ((0, 1), (1, 2), (2, 0)):
            edge_3d = np.linalg.norm(mesh.vertices[tri[a]] - mesh.vertices[tri[b]])
            edge_uv = np.linalg.norm(uv[tri[a]] - uv[tri[b]])
            assert edge_uv == pytest.approx(edge_3d, abs=1e-9)


def test_slab_with_opening_removes_exactly_the_hole_and_adds_reveals():
    x, y, z = np.eye(3)
    mesh = slab((0, 0, 0), x, z, y, (4.0, 3.0, 0.2), [(1.0, 1.0, 2.5, 2.2)])
    assert mesh.volume == pytest.approx(0.2 * (4.0 * 3.0 - 1.5 * 1.2))
    # a horizontal line of sight through the hole meets no wall face; beside it, it does
    assert not _faces_covering(mesh, 1.75, 1.6)
    assert _faces_covering(mesh, 0.5, 1.6)


def _faces_covering(mesh, x, z):
    """Wall faces (normal along Y) whose triangle contains the point (x, z)."""
    found = []
    for tri, normal in zip(mesh.triangles, mesh.face_normals):
        if abs(normal[1]) < 0.99:
            continue
        a, b, c = tri[:, [0, 2]]
        d1, d2, d3 = (np.cross(b - a, [x, z] - a), np.cross(c - b, [x, z] - b),
                      np.cross(a - c, [x, z] - c))
        if (d1 >= 0 and d2 >= 0 and d3 >= 0) or (d1 <= 0 and d2 <= 0 and d3 <= 0):
            found.append(tri)
    return found


def test_no_degenerate_faces_in_cylinders():
    mesh = lathe([(0.3, 0.0), (0.3, 0.9)], sections=16)
    assert mesh.area_faces.min() > 1e-6
    assert _closed(mesh).volume == pytest.approx(np.pi * 0.3**2 * 0.9, rel=0.03)


def test_merge_keeps_uvs_aligned_with_vertices():
    a, b = box_mesh((0, 0, 0), (1, 1, 1)), box_mesh((2, 0, 0), (3, 1, 1))
    merged = merge([a, b])
    assert len(merged.vertices) == len(merged.visual.uv) == len(a.vertices) * 2
    assert np.allclose(merged.visual.uv[len(a.vertices):], b.visual.uv)


def test_streak_mask_runs_down_from_the_sill_only():
    verts = np.array([[1.0, 0.1, 0.9], [1.0, 0.1, 0.0], [1.0, 0.1, 1.5], [3.0, 0.1, 0.5],
                      [1.0, 2.0, 0.5]])
    opening = (np.array([0.5, 0.0, 0.9]), np.array([1.5, 0.2, 2.0]))
    mask = below_openings_mask(verts, [opening], fall_m=1.8)
    assert mask[0] == pytest.approx(1.0)          # right under the sill
    assert mask[1] == pytest.approx(0.5)          # half way down the fall
    assert mask[2] == 0 and mask[3] == 0 and mask[4] == 0   # inside, beside, off the wall


def _uv_area(mesh, face) -> float:
    """Signed area of a triangle in UV space (positive: not mirrored)."""
    a, b, c = mesh.visual.uv[mesh.faces[face]]
    return float(np.cross(b - a, c - a)) / 2


def test_one_uv_convention_no_face_is_mirrored():
    """Every face of a box, seen from outside, maps its texture unmirrored (the UV
    triangle winds the same way as the face), ceilings and floors included."""
    for mesh in (box_mesh((0, 0, 0), (2, 1, 3)), boxes([(0, 0, 0)], [(1, 1, 1)]),
                 slab((0, 0, 0), *np.eye(3)[[0, 2, 1]], (4.0, 3.0, 0.2), [(1, 1, 2, 2)])):
        assert all(_uv_area(mesh, f) > 0 for f in range(len(mesh.faces)))


def test_a_quad_faces_its_normal_and_maps_in_metres():
    down = quad([[0, 0, 3], [2, 0, 3], [2, 1, 3], [0, 1, 3]], [0, 0, -1])
    assert np.allclose(down.face_normals, [0, 0, -1])
    assert np.ptp(down.visual.uv, axis=0) == pytest.approx([2.0, 1.0])
    assert _uv_area(down, 0) > 0
    many = quads(np.array([[[0, 0, 0], [1, 0, 0], [1, 0, 1], [0, 0, 1]]] * 3, float),
                 np.array([[0, -1.0, 0]] * 3))
    assert len(many.faces) == 6 and np.allclose(many.face_normals, [0, -1, 0])


def test_subset_keeps_only_used_vertices_and_their_uvs():
    mesh = box_mesh((0, 0, 0), (1, 2, 3))
    top = subset(mesh, mesh.face_normals[:, 2] > 0.5)
    assert len(top.faces) == 2 and len(top.vertices) == 4
    assert np.allclose(top.visual.uv, top.vertices[:, :2])
