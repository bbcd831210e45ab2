"""Pinhole cameras exactly as Blender frames them, for ray casting and projection.

A `CameraPlan` becomes a Blender camera with sensor_fit HORIZONTAL, aimed with
`to_track_quat('-Z', 'Y')`: it looks down its local -Z with local +Y as up, world +Z
the up hint. Pixel (0, 0) is the top-left of the image, pixel centres at +0.5.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...model.plan import CameraPlan


@dataclass
class ViewCamera:
    name: str
    location: np.ndarray        # (3,)
    rotation: np.ndarray        # (3, 3) columns: right, up, back (camera -> world)
    focal_px: float             # focal length in pixels (horizontal sensor fit)
    width: int
    height: int

    @classmethod
    def from_plan(cls, plan: CameraPlan, width: int, height: int) -> ViewCamera:
        location = np.asarray(plan.location, np.float64)
        return cls(plan.name, location, look_rotation(location, np.asarray(plan.target, float)),
                   width * plan.lens_mm / plan.sensor_width_mm, width, height)

    @property
    def forward(self) -> np.ndarray:
        return -self.rotation[:, 2]

    def rays(self) -> tuple[np.ndarray, np.ndarray]:
        """(origins, unit directions) of every pixel centre, row-major from the top-left."""
        xs = (np.arange(self.width) + 0.5 - self.width / 2) / self.focal_px
        ys = (self.height / 2 - np.arange(self.height) - 0.5) / self.focal_px
        gx, gy = np.meshgrid(xs, ys)
        local = np.stack([gx, gy, -np.ones_like(gx)], axis=-1).reshape(-1, 3)
        dirs = local @ self.rotation.T
        dirs /= np.linalg.norm(dirs, axis=1, keepdims=True)
        return np.broadcast_to(self.location, dirs.shape).copy(), dirs

    def project(self, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """World points (N, 3) -> pixel coordinates (N, 2) (x right, y down, continuous,
        pixel centres at +0.5) and z-depth along the view axis (N,) (<= 0: behind)."""
        dtype = points.dtype if points.dtype == np.float32 else np.float64
        local = (points - self.location.astype(dtype)) @ self.rotation.astype(dtype)
        z = -local[:, 2]
        safe = np.where(z > 1e-9, z, 1e-9)
        px = local[:, 0] / safe * self.focal_px + self.width / 2
        py = self.height / 2 - local[:, 1] / safe * self.focal_px
        return np.stack([px, py], axis=1), z


def look_rotation(location: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Blender's `(target - location).to_track_quat('-Z', 'Y')` as a 3x3 matrix."""
    forward = target - location
    norm = np.linalg.norm(forward)
    forward = forward / norm if norm > 1e-12 else np.array([0.0, 1.0, 0.0])
    right = np.cross(forward, [0.0, 0.0, 1.0])
    if np.linalg.norm(right) < 1e-9:       # looking straight up or down: Blender keeps +X
        right = np.array([1.0, 0.0, 0.0])
    right /= np.linalg.norm(right)
    up = np.cross(right, forward)
    return np.stack([right, up, -forward], axis=1)
