"""Views into atlas textures and back.

`project_view` bakes one painted image into every part's atlas: each island texel is
placed in the world (once per instance), projected into the camera, kept only if the
camera's own depth buffer says it is the surface seen at that pixel (a per-texel depth
test, so one object's paint never lands on what it hides), and weighted by the view
angle and a fade near depth discontinuities. `reproject` is the inverse, pure numpy:
what the baked textures look like from a camera.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .texels import TexelMap
from .scene import PaintPart, PaintScene
from .views import ViewBuffers

COVERAGE_FULL_WEIGHT = 0.25   # accumulated weight of full coverage: one view at 60 deg


@dataclass
class PartTexture:
    """Running weighted mean of the views that saw a part, in its atlas."""

    texels: TexelMap
    colour_sum: np.ndarray    # (H, W, 3) float64, sRGB * weight
    weight_sum: np.ndarray    # (H, W) float64
    best: np.ndarray          # (H, W) best single-view quality seen so far

    @classmethod
    def empty(cls, texels: TexelMap) -> PartTexture:
        h, w = texels.height, texels.width
        return cls(texels, np.zeros((h, w, 3)), np.zeros((h, w)), np.zeros((h, w)))

    def colour(self) -> np.ndarray:
        """(H, W, 3) sRGB in [0, 1]; zero where nothing was painted."""
        safe = np.maximum(self.weight_sum, 1e-12)[..., None]
        return np.where(self.weight_sum[..., None] > 0, self.colour_sum / safe, 0.0)

    def coverage(self) -> np.ndarray:
        return np.clip(self.weight_sum / COVERAGE_FULL_WEIGHT, 0.0, 1.0)


def project_view(textures: list[PartTexture], scene: PaintScene, view: ViewBuffers,
                 image: np.ndarray, weight: np.ndarray) -> None:
    """Accumulate `image` (H, W, 3 sRGB) into the parts' textures with per-pixel
    `weight` (H, W): view angle, edge fade and which regions this view may change.
    Instances share one atlas: per texel, the placement this view sees best wins
    (averaging two placements would blend two unrelated parts of the picture)."""
    for index, (part, tex) in enumerate(zip(scene.parts, textures)):
        if not part.paintable or not (view.part == index).any():
            continue                              # glass, lamps... or not in view
        samples = [_sample_placement(tex, part, m, view, image, weight, index)
                   for m in part.placements()]
        _accumulate(tex, *_best_placement(samples))


def _best_placement(samples):
    flat, w, colour, quality = (np.concatenate([s[k] for s in samples]) for k in range(4))
    if len(samples) > 1 and len(flat):
        order = np.lexsort((-w, flat))
        first = np.unique(flat[order], return_index=True)[1]
        pick = order[first]
        flat, w, colour, quality = flat[pick], w[pick], colour[pick], quality[pick]
    return flat, w, colour, quality


def _accumulate(tex: PartTexture, flat, w, colour, quality) -> None:
    n = tex.texels.height * tex.texels.width
    np.add.at(tex.colour_sum.reshape(n, 3), flat, colour * w[:, None])
    np.add.at(tex.weight_sum.reshape(n), flat, w)
    np.maximum.at(tex.best.reshape(n), flat, quality)


def texel_quality(view: ViewBuffers, cosine: np.ndarray) -> np.ndarray:
    """A view's weight for a surface: cos² of the angle to the surface normal."""
    return np.clip(cosine, 0.0, 1.0) ** 2


def _sample_placement(tex: PartTexture, part: PaintPart, matrix: np.ndarray,
                      view: ViewBuffers, image: np.ndarray, weight: np.ndarray, index: int):
    """(flat texel index, weight, colour, quality) of the texels of one placement
    that this view sees. Texels of faces wholly outside the frame are skipped first."""
    t = tex.texels
    cam = view.camera
    face_normals, face_in_view = _faces_in_view(part, matrix, cam)
    cand = np.nonzero(face_in_view[t.face])[0]
    rot, shift = matrix[:3, :3].astype(np.float32), matrix[:3, 3].astype(np.float32)
    world = t.position[cand] @ rot.T + shift
    pix, z = cam.project(world)
    x, y = pix[:, 0], pix[:, 1]
    inside = (z > 1e-6) & (x >= 0) & (x < cam.width) & (y >= 0) & (y < cam.height)
    sel = np.nonzero(inside)[0]
    world, x, y, z = world[sel], x[sel], y[sel], z[sel]
    xi = np.minimum(x.astype(np.int64), cam.width - 1)
    yi = np.minimum(y.astype(np.int64), cam.height - 1)
    normals = face_normals[t.face[cand[sel]]]
    to_cam = cam.location.astype(np.float32) - world
    to_cam /= np.maximum(np.linalg.norm(to_cam, axis=1, keepdims=True), 1e-12)
    cosine = np.abs(np.einsum("ij,ij->i", normals, to_cam))
    seen = _depth_test(view, xi, yi, z, cosine, cam.focal_px, index) & _on_plane(
        view, xi, yi, world, normals, z / cam.focal_px)
    quality = texel_quality(view, cosine[seen])
    w = quality * weight[yi[seen], xi[seen]]
    keep = w > 1e-6
    pick = np.nonzero(seen)[0][keep]
    return (t.index[cand[sel[pick]]], w[keep].astype(np.float64),
            bilinear(image, x[pick], y[pick]).reshape(-1, 3), quality[keep].astype(np.float64))


def _faces_in_view(part: PaintPart, matrix: np.ndarray, cam) -> tuple[np.ndarray, np.ndarray]:
    """Unit world normals (F, 3) float32 of a placement's faces, and which faces may
    be in the frame (not wholly behind the camera or off one side of it)."""
    verts = np.asarray(part.positions, np.float64) @ matrix[:3, :3].T + matrix[:3, 3]
    tri = verts[np.asarray(part.faces, np.int64)]
    n = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    n /= np.maximum(np.linalg.norm(n, axis=1, keepdims=True), 1e-20)
    local = (tri.reshape(-1, 3) - cam.location) @ cam.rotation
    depth = -local[:, 2].reshape(-1, 3)
    ahead = (depth > 0).all(axis=1)
    outside = (depth <= 0).all(axis=1)
    for axis, half in ((0, cam.width / 2 / cam.focal_px), (1, cam.height / 2 / cam.focal_px)):
        coord = local[:, axis].reshape(-1, 3)
        outside |= ahead & ((coord > half * depth).all(axis=1)
                            | (coord < -half * depth).all(axis=1))
    return n.astype(np.float32), ~outside


def _depth_test(view, xi, yi, z, cosine, focal_px, index) -> np.ndarray:
    """The texel is the surface this pixel sees: same part, depth within the depth a
    pixel's footprint spans on a slanted surface (plus 0.3 % for float error)."""
    buf = view.depth[yi, xi]
    slope = np.minimum(np.sqrt(np.maximum(1.0 - cosine**2, 0.0)) / np.maximum(cosine, 0.2), 5.0)
    tol = np.maximum(0.003 * z, 1.5 * z / focal_px * (1.0 + slope))
    return view.hit[yi, xi] & (view.part[yi, xi] == index) & (np.abs(z - buf) <= tol)


def _on_plane(view, xi, yi, points, normals, footprint) -> np.ndarray:
    """The surface the pixel sees passes within half a pixel footprint of the texel's
    plane: rejects texels just round a corner from what the pixel shows (a box's end
    cap seen edge-on behind its front face), yet keeps smooth facets whole."""
    seen = view.position[yi, xi]
    gap = np.abs(np.einsum("ij,ij->i", seen - points, normals))
    return gap <= 0.5 * footprint + 0.002 * footprint * view.camera.focal_px


def bilinear(image: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Sample (H, W, C) at continuous pixel coordinates (centres at +0.5), clamped."""
    h, w = image.shape[:2]
    fx = np.clip(x - 0.5, 0.0, w - 1.0)
    fy = np.clip(y - 0.5, 0.0, h - 1.0)
    x0, y0 = np.floor(fx).astype(np.int64), np.floor(fy).astype(np.int64)
    x1, y1 = np.minimum(x0 + 1, w - 1), np.minimum(y0 + 1, h - 1)
    ax, ay = (fx - x0)[:, None], (fy - y0)[:, None]
    img = image.reshape(h, w, -1)
    top = img[y0, x0] * (1 - ax) + img[y0, x1] * ax
    bottom = img[y1, x0] * (1 - ax) + img[y1, x1] * ax
    return top * (1 - ay) + bottom * ay


def reproject(scene: PaintScene, view: ViewBuffers,
              maps: list[tuple[np.ndarray, ...]]) -> list[np.ndarray]:
    """Sample per-part atlas maps at every hit pixel of a view (what a render with
    those textures would show; 0 on sky). `maps[p]` is a tuple of (H, W[, C]) arrays;
    returns one (h, w, C) image per map, bilinear. Pass weighted sums and their
    weights and divide, so unpainted texels never darken an edge."""
    uv = view.atlas_uv(scene)
    count = len(maps[0])
    h, w = view.hit.shape
    outs = [np.zeros((h, w, _channels(m)), np.float64) for m in maps[0]]
    for index, part_maps in enumerate(maps):
        sel = view.hit & (view.part == index)
        if not sel.any():
            continue
        th, tw = part_maps[0].shape[:2]
        x, y = uv[sel][:, 0] * tw, (1.0 - uv[sel][:, 1]) * th
        for k in range(count):
            outs[k][sel] = bilinear(part_maps[k], x, y)
    return outs


def _channels(a: np.ndarray) -> int:
    return a.shape[2] if a.ndim == 3 else 1
