"""Rigid registration of two scans of one arch and the signed deviation between them.

register: coarse alignment (the best of no move, centroids, centroids + principal axes), then
point-to-point ICP of 1k source samples against a 3k-point copy of the target, then trimmed
point-to-plane ICP (1k samples on the sparse target, then 5k samples on the full target).
Nearest neighbours come from neighbors.GridIndex (scipy's cKDTree).
"""

from __future__ import annotations

import numpy as np

from ortho_app.services.models3d.meshes._base import MeshError
from ortho_app.services.models3d.meshes.neighbors import GridIndex

SAMPLES = 5_000
COARSE_TARGET_POINTS = 3_000
COARSE_SAMPLES = 1_000
TRIM_KEEP = 0.9  # point-to-plane: the best 90 % of pairs
COARSE_TOLERANCE = 1e-4  # rotation (rad) per step; translation: 10× that in mm


def apply_transform(points: np.ndarray, transform: np.ndarray) -> np.ndarray:
    points = np.asarray(points, dtype=np.float64)
    return points @ transform[:3, :3].T + transform[:3, 3]


def register(source_vertices: np.ndarray, target_vertices: np.ndarray,
             target_normals: np.ndarray | None = None, *, samples: int = SAMPLES,
             seed: int = 0) -> np.ndarray:
    """4×4 rigid transform (float64) moving the source scan onto the target scan.

    Without target normals the last (point-to-plane) stage is replaced by more point-to-point
    iterations, which is less precise between two different tessellations.
    """
    source = _points(source_vertices, "source")
    target = _points(target_vertices, "target")
    normals = None if target_normals is None else np.asarray(target_normals, dtype=np.float64)
    if normals is not None and normals.shape != target.shape:
        raise MeshError("Expected one target normal per target vertex")
    rng = np.random.default_rng(seed)
    sample = source[_choose(rng, len(source), samples)]
    few = sample[:: max(1, len(sample) // COARSE_SAMPLES)]
    sparse = _choose(rng, len(target), COARSE_TARGET_POINTS)
    coarse_index = GridIndex(target[sparse])
    transform = _coarse(few, target[sparse], coarse_index)
    index = GridIndex(target)
    if normals is None:
        transform = _point_to_point(few, coarse_index, transform, iterations=40)
        return _point_to_point(sample, index, transform, iterations=40)
    transform = _point_to_point(few, coarse_index, transform, iterations=10,
                                tolerance=COARSE_TOLERANCE)
    # On the sparse target the trimmed pairs end in a small cycle, not a fixed point: stop at
    # the coarse tolerance and leave the precision to the full target.
    transform = _point_to_plane(few, normals[sparse], coarse_index, transform,
                                tolerance=COARSE_TOLERANCE)
    return _point_to_plane(sample, normals, index, transform)


def signed_deviation(source_vertices: np.ndarray, target_vertices: np.ndarray,
                     target_normals: np.ndarray, transform: np.ndarray) -> np.ndarray:
    """Per source vertex (mm, float32): distance to the nearest target vertex projected on its
    normal once the source is moved by `transform`; positive outside the target surface."""
    target = _points(target_vertices, "target")
    normals = np.asarray(target_normals, dtype=np.float64)
    if normals.shape != target.shape:
        raise MeshError("Expected one target normal per target vertex")
    moved = apply_transform(_points(source_vertices, "source"), np.asarray(transform))
    _, nearest = GridIndex(target).query(moved)
    return np.einsum("ij,ij->i", moved - target[nearest], normals[nearest]).astype(np.float32)


def _points(vertices: np.ndarray, what: str) -> np.ndarray:
    points = np.asarray(vertices, dtype=np.float64)
    if points.ndim != 2 or points.shape[1] != 3 or len(points) < 3:
        raise MeshError(f"The {what} scan needs at least 3 vertices as an (n, 3) array")
    if not np.isfinite(points).all():
        raise MeshError(f"The {what} scan has coordinates that are not finite")
    return points


def _choose(rng: np.random.Generator, total: int, count: int) -> np.ndarray:
    return np.sort(rng.choice(total, count, replace=False)) if total > count else np.arange(total)


def _rigid(rotation: np.ndarray, translation: np.ndarray) -> np.ndarray:
    transform = np.eye(4)
    transform[:3, :3], transform[:3, 3] = rotation, translation
    return transform


def _principal_axes(points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    centre = points.mean(axis=0)
    _, _, axes = np.linalg.svd(points - centre, full_matrices=False)
    return centre, axes.T  # columns: axes by decreasing spread


def _coarse(sample: np.ndarray, target: np.ndarray, index: GridIndex) -> np.ndarray:
    """Best of: no move, centroids only, and the 4 proper principal-axes alignments."""
    source_centre, source_axes = _principal_axes(sample)
    target_centre, target_axes = _principal_axes(target)
    candidates = [np.eye(4), _rigid(np.eye(3), target_centre - source_centre)]
    for signs in ((1, 1, 1), (1, -1, -1), (-1, 1, -1), (-1, -1, 1)):
        rotation = target_axes @ np.diag(signs) @ source_axes.T
        if np.linalg.det(rotation) < 0:
            rotation = target_axes @ np.diag(np.negative(signs)) @ source_axes.T
        candidates.append(_rigid(rotation, target_centre - rotation @ source_centre))
    scores = [np.median(index.query(apply_transform(sample, c))[0]) for c in candidates]
    return candidates[int(np.argmin(scores))]


def _point_to_point(sample: np.ndarray, index: GridIndex, transform: np.ndarray,
                    iterations: int, tolerance: float = 1e-6) -> np.ndarray:
    target = index.points
    for _ in range(iterations):
        moved = apply_transform(sample, transform)
        distance, nearest = index.query(moved)
        keep = distance <= max(2.5 * float(np.median(distance)), 1e-9)
        step = _kabsch(moved[keep], target[nearest[keep]])
        transform = step @ transform
        if _small(step, tolerance):
            break
    return transform


def _kabsch(source: np.ndarray, target: np.ndarray) -> np.ndarray:
    source_centre, target_centre = source.mean(axis=0), target.mean(axis=0)
    covariance = (source - source_centre).T @ (target - target_centre)
    u, _, vt = np.linalg.svd(covariance)
    fix = np.diag([1.0, 1.0, np.sign(np.linalg.det(vt.T @ u.T)) or 1.0])
    rotation = vt.T @ fix @ u.T
    return _rigid(rotation, target_centre - rotation @ source_centre)


def _point_to_plane(sample: np.ndarray, normals: np.ndarray, index: GridIndex,
                    transform: np.ndarray, iterations: int = 30, tolerance: float = 1e-6
                    ) -> np.ndarray:
    target = index.points
    for _ in range(iterations):
        moved = apply_transform(sample, transform)
        distance, nearest = index.query(moved)
        normal = normals[nearest]
        residual = np.einsum("ij,ij->i", target[nearest] - moved, normal)
        keep = np.abs(residual) <= np.quantile(np.abs(residual), TRIM_KEEP)
        keep &= np.einsum("ij,ij->i", normal, normal) > 0.5  # skip isolated vertices
        points, normal, residual = moved[keep], normal[keep], residual[keep]
        centre = points.mean(axis=0)
        rows = np.hstack([np.cross(points - centre, normal), normal])
        # 6 unknowns: least squares on the normal equations (6×6), not on the n×6 rows.
        solution, *_ = np.linalg.lstsq(rows.T @ rows, rows.T @ residual, rcond=None)
        rotation = _rotation_from_vector(solution[:3])
        step = _rigid(rotation, centre - rotation @ centre + solution[3:])
        transform = step @ transform
        if _small(step, tolerance):
            break
    return transform


def _rotation_from_vector(vector: np.ndarray) -> np.ndarray:
    angle = float(np.linalg.norm(vector))
    if angle < 1e-15:
        return np.eye(3)
    x, y, z = vector / angle
    cross = np.array([[0.0, -z, y], [z, 0.0, -x], [-y, x, 0.0]])
    return np.eye(3) + np.sin(angle) * cross + (1 - np.cos(angle)) * cross @ cross


def _small(step: np.ndarray, tolerance: float) -> bool:
    return (np.abs(step[:3, :3] - np.eye(3)).max() < tolerance
            and np.abs(step[:3, 3]).max() < tolerance * 10)
