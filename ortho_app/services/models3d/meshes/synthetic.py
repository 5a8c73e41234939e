"""Synthetic dental arches: a closed U-shaped tube whose cross-section swells into one crown
per tooth (14 teeth, cusps on top), for benchmarks, tests and demo data. Smooth, watertight,
faces counter-clockwise seen from outside."""

from __future__ import annotations

import numpy as np

from ortho_app.services.models3d.meshes._base import MeshError

# Half of an arch, midline to back: central & lateral incisor, canine, premolars, molars (mm).
_TOOTH_WIDTHS = np.array([8.5, 6.5, 7.5, 7.0, 6.5, 10.0, 9.5])
_TOOTH_CUSPS = np.array([1, 1, 1, 2, 2, 4, 4])
_SECTION_RATIO = 3.5  # arch length / section circumference: rings vs points per ring


def generate_arch(faces_target: int, *, seed: int = 0, upper: bool = True
                  ) -> tuple[np.ndarray, np.ndarray]:
    """(vertices float32 (v, 3), faces uint32 (f, 3)) of an arch with about `faces_target`
    faces (v ≈ f / 2). The shape depends only on `seed` and `upper`, not on the resolution,
    so two resolutions of one seed are two scans of the same teeth."""
    if faces_target < 64:
        raise MeshError("An arch needs at least 64 faces")
    rng = np.random.default_rng(seed)
    half = _TOOTH_WIDTHS * rng.uniform(0.92, 1.08, size=7)
    widths = np.r_[half[::-1], half * rng.uniform(0.97, 1.03, size=7)]
    cusps = np.r_[_TOOTH_CUSPS[::-1], _TOOTH_CUSPS]
    heights = np.r_[np.linspace(4.2, 3.6, 7)[::-1], np.linspace(4.2, 3.6, 7)]
    heights = heights * rng.uniform(0.9, 1.1, size=14)
    cusp_depth = rng.uniform(0.3, 0.6, size=14)
    edges = np.r_[0.0, np.cumsum(widths)] / widths.sum()

    per_ring = max(8, int(round(np.sqrt(faces_target / (2 * _SECTION_RATIO)))))
    rings = max(4, int(round(faces_target / (2 * per_ring))))
    s = (np.arange(rings) + 0.5) / rings
    theta = np.arange(per_ring) * (2 * np.pi / per_ring)

    spread = 0.58 * np.pi
    phi = (s - 0.5) * 2 * spread
    a, b = (27.0, 30.0) if upper else (24.5, 27.0)
    centre = np.stack([a * np.sin(phi), b * np.cos(phi), np.zeros_like(phi)], axis=1)
    tangent = np.stack([a * np.cos(phi), -b * np.sin(phi), np.zeros_like(phi)], axis=1)
    tangent /= np.linalg.norm(tangent, axis=1, keepdims=True)
    outward = np.stack([-tangent[:, 1], tangent[:, 0], np.zeros_like(phi)], axis=1)
    outward *= np.sign((outward * centre).sum(axis=1, keepdims=True) + 1e-12)

    tooth = np.clip(np.searchsorted(edges, s, side="right") - 1, 0, 13)
    local = (s - edges[tooth]) / (edges[tooth + 1] - edges[tooth])
    bump = np.sin(np.pi * local) ** 2  # 0 at the contacts, 1 mid-crown
    buccolingual = np.where(cusps[tooth] >= 4, 5.2, np.where(cusps[tooth] == 2, 4.3, 3.4))
    radius = buccolingual * (0.78 + 0.22 * bump)
    top = heights[tooth] * (0.72 + 0.28 * bump)
    cusp_wave = np.sin(np.pi * local * cusps[tooth]) ** 2 * cusp_depth[tooth] * bump
    base = np.full_like(s, 6.0)

    sin_t, cos_t = np.sin(theta)[None, :], np.cos(theta)[None, :]
    upper_part = (1 + sin_t) / 2
    height = (base[:, None] * (1 - upper_part) + (top + cusp_wave)[:, None] * upper_part)
    z = sin_t * height + (sin_t.clip(min=0) ** 4) * cusp_wave[:, None] * 0.5
    ring_points = (centre[:, None, :] + outward[:, None, :] * (radius[:, None] * cos_t)[..., None]
                   + np.array([0.0, 0.0, 1.0]) * z[..., None])
    vertices = ring_points.reshape(-1, 3)
    caps = np.stack([ring_points[0].mean(axis=0) - tangent[0] * radius[0] * 0.6,
                     ring_points[-1].mean(axis=0) + tangent[-1] * radius[-1] * 0.6])
    vertices = np.concatenate([vertices, caps])
    faces = _tube_faces(rings, per_ring)
    if upper:
        vertices[:, 2] *= -1
    vertices = vertices.astype(np.float32)
    if _signed_volume(vertices, faces) < 0:
        faces = faces[:, ::-1]
    return vertices, np.ascontiguousarray(faces, dtype=np.uint32)


def _tube_faces(rings: int, per_ring: int) -> np.ndarray:
    i, j = np.meshgrid(np.arange(rings - 1), np.arange(per_ring), indexing="ij")
    a = i * per_ring + j
    b = (i + 1) * per_ring + j
    c = (i + 1) * per_ring + (j + 1) % per_ring
    d = i * per_ring + (j + 1) % per_ring
    side = np.concatenate([np.stack([a, b, c], -1).reshape(-1, 3),
                           np.stack([a, c, d], -1).reshape(-1, 3)])
    ring = np.arange(per_ring)
    start_pole, end_pole = rings * per_ring, rings * per_ring + 1
    last = (rings - 1) * per_ring
    start_cap = np.stack([np.full(per_ring, start_pole), ring, (ring + 1) % per_ring], -1)
    end_cap = np.stack([np.full(per_ring, end_pole), last + (ring + 1) % per_ring, last + ring],
                       -1)
    return np.concatenate([side, start_cap, end_cap]).astype(np.int64)


def _signed_volume(vertices: np.ndarray, faces: np.ndarray) -> float:
    corners = vertices.astype(np.float64)[faces]
    return float(np.einsum("ij,ij->i", corners[:, 0],
                           np.cross(corners[:, 1], corners[:, 2])).sum() / 6.0)
