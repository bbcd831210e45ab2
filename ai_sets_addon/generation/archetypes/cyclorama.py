"""Studio cyclorama (infinity cove) inside a black sound stage.

The cyc is a rounded box: a floor, a back wall and two side wings joined by coves of
1.5 m radius (and sphere-octant corners), so no edge catches light; it is painted
white unless the words name a colour ("fond vert", "green screen"). A black stage
encloses it; cyc lights wash the wall from above, two softboxes on stands light the
subject (an armchair on apple boxes, a plant). No sun reaches in here.

A style dresses the subject, not the cyc (a backdrop is neutral by trade): the
armchair takes the style's upholstery and wood, and the style's own props (a Tokyo
vending machine) stand beside it; the plan's notices say so.
"""

from __future__ import annotations

import numpy as np
import trimesh

from .. import props
from ...model.plan import LightPlan, MaterialRequest, MeshPart, SetPlan
from ..props import street as st
from ..mesh import boxes, merge, new_mesh
from ...model.spec import SetSpec
from ..styles import style_of
from . import common
from .framing import Scout, Shot

# The words that name this place (EN/FR); the prompt parser reads this literal
# from the source (never importing this module), so it stays plain data.
WORDS = {
    "place": {
        "en": ("studio", "cyclorama", "cyclo", "cyc", "infinity cove", "infinity wall",
               "photo studio", "sound stage"),
        "fr": ("studio", "cyclorama", "cyclo", "fond infini", "studio photo",
               "plateau de tournage"),
    },
    "near": {
        "en": ("stage", "backdrop"),
        "fr": ("plateau", "scène de studio"),
    },
    "exterior": False,
    "styled": True,        # reads SetSpec.style (styles.STYLES): the subject's dressing
}


COVE_R = 1.5
STEP = 0.2


def cove(W: float, D: float, H: float, r: float = COVE_R) -> trimesh.Trimesh:
    """The cyc surface, facing inward: points on the floor, back and side faces of a
    W x D x H box pushed onto the box rounded by r (q + r * unit(p - q), with q the
    point's clamp into the shrunken box)."""
    lo = np.array([-W / 2 + r, -D / 2 - 10.0, r])
    hi = np.array([W / 2 - r, D / 2 - r, H + 10.0])
    pieces = []
    faces_def = [  # (fixed axis, value, axis u, range u, axis v, range v, inward normal)
        (2, 0.0, 0, (-W / 2, W / 2), 1, (-D / 2, D / 2), (0, 0, 1)),
        (1, D / 2, 0, (-W / 2, W / 2), 2, (0.0, H), (0, -1, 0)),
        (0, -W / 2, 1, (-D / 2, D / 2), 2, (0.0, H), (1, 0, 0)),
        (0, W / 2, 1, (-D / 2, D / 2), 2, (0.0, H), (-1, 0, 0)),
    ]
    for axis, value, au, ru, av, rv, normal in faces_def:
        us = np.arange(ru[0], ru[1] + 1e-9, STEP)
        vs = np.arange(rv[0], rv[1] + 1e-9, STEP)
        gu, gv = np.meshgrid(us, vs, indexing="ij")
        pts = np.zeros(gu.shape + (3,))
        pts[..., axis], pts[..., au], pts[..., av] = value, gu, gv
        q = np.clip(pts, lo, hi)
        d = pts - q
        length = np.linalg.norm(d, axis=-1, keepdims=True)
        surface = np.where(length > 1e-9, q + d / np.maximum(length, 1e-9) * r, pts)
        pieces.append(_grid_mesh(surface, np.asarray(normal, float)))
    return merge(pieces)


def _grid_mesh(points: np.ndarray, normal: np.ndarray) -> trimesh.Trimesh:
    nu, nv = points.shape[:2]
    idx = np.arange(nu * nv).reshape(nu, nv)
    a, b, c, d = idx[:-1, :-1].ravel(), idx[1:, :-1].ravel(), idx[1:, 1:].ravel(), idx[:-1, 1:].ravel()
    faces = np.concatenate([np.column_stack([a, b, c]), np.column_stack([a, c, d])])
    verts = points.reshape(-1, 3)
    tri = verts[faces]
    n = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    keep = np.linalg.norm(n, axis=1) > 1e-10
    faces, n = faces[keep], n[keep]
    outward = (verts[faces].mean(axis=1) - np.array([0.0, -3.0, 3.0]))
    flip = np.einsum("ij,ij->i", n, outward) > 0          # must face the middle of the stage
    faces[flip] = faces[flip][:, ::-1]
    return new_mesh(verts, faces, verts[:, [0, 2]] + verts[:, [1, 1]] * [0.0, 1.0])


def plan(spec: SetSpec) -> SetPlan:
    rng = common.rng_for(spec, "cyclorama.layout")
    f = common.SCALE_FACTORS.get(spec.scale, 1.0)
    W, D, H = round(12.0 * f ** 0.6, 1), round(9.0 * f ** 0.6, 1), round(5.5 * f ** 0.4, 1)
    parts = [MeshPart("Cyclorama", cove(W, D, H), "backdrop", smooth=True)] + _stage(W, D, H)
    placed = _dressing(spec, rng, W, D)
    parts += props.to_parts(placed)
    lights = _cyc_lights(W, D, H) + props.to_lights([p for p in placed if p.model.sockets],
                                                    common.STUDIO_DAYLIGHT, "Softbox")
    scout = Scout(parts, ceiling=H + 2.0, mode=spec.camera)
    cameras = scout.cameras(_shots(W, D))
    white = _colour(spec) in (None, "white", "cream", "beige")
    style = style_of(spec.style)
    notices = [f"the {style.label} style dresses the subject (armchair, props); the cyc "
               "stays a neutral backdrop (name its colour to change it)"] if style else []
    return SetPlan(
        name=common.set_name(spec, "Cyclorama"), archetype="cyclorama", parts=parts,
        materials=common.all_materials(spec, parts, _materials(spec), True), lights=lights,
        cameras=cameras, sky=common.sky_request(spec),
        atmosphere=common.atmosphere_in(spec, True, (-W / 2, -D / 2 - 6, 0.0), (W / 2, D / 2, H)),
        interior=True, exposure_bias_ev=1.8 if white else 0.0,  # white paper ~ 80% vs 18% grey
        notices=notices)


def _stage(W: float, D: float, H: float) -> list[MeshPart]:
    """A black box stage around the cyc (floor in front of it, walls, a grid ceiling)."""
    sx, sy0, sy1, top = W / 2 + 4.0, -D / 2 - 9.0, D / 2 + 1.0, H + 2.5
    shell = boxes([(-sx, sy0, -0.3), (-sx - 0.3, sy0, 0.0), (sx, sy0, 0.0), (-sx, sy0 - 0.3, 0.0),
                   (-sx, sy1, 0.0), (-sx, sy0, top)],
                  [(sx, -D / 2, 0.0), (-sx, sy1, top), (sx + 0.3, sy1, top), (sx, sy0, top),
                   (sx, sy1 + 0.3, top), (sx, sy1, top + 0.3)])
    pipes = boxes([(-sx, y, H + 1.2) for y in np.arange(sy0 + 1.0, sy1, 2.0)],
                  [(sx, y + 0.05, H + 1.25) for y in np.arange(sy0 + 1.0, sy1, 2.0)])
    return [MeshPart("Sound Stage", shell, "stage"), MeshPart("Lighting Grid", pipes, "dark_metal")]


def _cyc_lights(W: float, D: float, H: float) -> list[LightPlan]:
    """Cyc strips hung in front of the back wall, aimed down it for an even wash."""
    out = []
    for k, x in enumerate(np.linspace(-W / 2 + 2.0, W / 2 - 2.0, 3)):
        out.append(LightPlan(f"Cyc Light {k + 1:02d}", "AREA", (float(x), D / 2 - 2.6, H + 0.8),
                             (0.0, 0.45, -1.0), power_w=900.0, colour=common.STUDIO_DAYLIGHT,
                             size_m=2.4, size_y_m=0.4))
    out.append(LightPlan("Top Light", "AREA", (0.0, 0.0, H + 1.0), (0.0, 0.0, -1.0), power_w=600.0,
                         colour=common.STUDIO_DAYLIGHT, size_m=3.0, size_y_m=3.0))
    return out


def _dressing(spec: SetSpec, rng, W: float, D: float) -> list[props.Placement]:
    occ = props.Occupancy(cell=1.0)
    words = spec.props
    placed = []
    chair = props.place(occ, st.armchair(rng), 0.0, 0.4, 0.0, 0.2)  # faces the wide camera
    placed += [chair] if chair else []
    boxes_ = props.place(occ, st.apple_boxes(rng), -1.0, 0.7, 0.0, 0.3)
    placed += [boxes_] if boxes_ else []
    plant = props.place(occ, st.planter(rng), 1.6, 1.2, 0.0, 0.0)   # leaves clear the chair
    placed += [plant] if plant else []
    for x, y, yaw in ((-4.2, -2.2, 0.55), (4.4, -1.4, np.pi - 0.35)):
        box = props.place(occ, st.softbox(rng, power_w=500.0), x, y, 0.0, yaw)
        placed += [box] if box else []
    style = style_of(spec.style)
    if style and "vending_machine" in style.props:
        machine = props.place(occ, st.vending_machine(rng), -2.7, 1.6, 0.0, 0.35)
        placed += [machine] if machine else []
    if "softbox" in words:
        box = props.place(occ, st.softbox(rng, power_w=300.0), 0.0, -4.0, 0.0, np.pi / 2)
        placed += [box] if box else []
    return placed


def _shots(W: float, D: float) -> list[Shot]:
    return [
        # The subject, not the stage, fills the wide: the cove goes on past the frame
        # edges (an infinite white), and the softboxes stay out of shot.
        Shot("wide", 35.0, (0.3, -D / 2 - 1.8), (0.2, 0.8, 0.3), third=0.0),
        Shot("medium", 50.0, (-1.8, -D / 2 - 1.0), (0.3, 0.4, 0.7), third=-0.4),
        Shot("reverse", 35.0, (0.0, D / 2 - 2.2), (0.0, -D / 2 - 8.0, 1.8), third=0.3),
    ]


def _colour(spec: SetSpec) -> str | None:
    named = spec.surface("walls").colour
    return named or (spec.colours[0] if spec.colours else None)


def _materials(spec: SetSpec) -> dict[str, MaterialRequest]:
    return {
        "backdrop": common.plain("backdrop", "backdrop", spec.seed, _colour(spec) or "white"),
        "stage": common.plain("stage", "paint", spec.seed, "black", ("matte",)),
        "upholstery": common.styled(spec, "upholstery", "props", "fabric", "ochre"),
        "wood": common.styled(spec, "wood", "props", "wood_planks", style_key="furniture"),
        "foliage": common.plain("foliage", "foliage", spec.seed, "green"),
    }
