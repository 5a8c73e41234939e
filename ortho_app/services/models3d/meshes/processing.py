"""Triangle soup → indexed mesh → decimated web mesh, normals, and the npz cache format."""

from __future__ import annotations

import io
import zipfile

import fast_simplification
import numpy as np

from ortho_app.services.models3d.meshes._base import MeshError, WebMesh, bounds_of
from ortho_app.services.models3d.meshes.stl import MAX_TRIANGLES, parse_stl

_QUANTUM_BITS = 21  # per axis, so a vertex key packs into one int64


def merge_vertices(triangles: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Shared vertices of a triangle soup (n, 3, 3): (vertices float32 (v, 3), faces uint32).

    Corners are snapped to a 2^21 grid over the bounding box (≈ 0.04 µm for an arch) and packed
    into one int64 key, so np.unique sorts plain integers. Faces that collapse (two corners
    on one vertex) are dropped, and so are the vertices only they used.
    """
    triangles = np.asarray(triangles, dtype=np.float32)
    if triangles.ndim != 3 or triangles.shape[1:] != (3, 3) or len(triangles) == 0:
        raise MeshError("Expected a non-empty (n, 3, 3) triangle array")
    corners = triangles.reshape(-1, 3)
    low, high = bounds_of(corners)
    extent = float((high - low).max())
    scale = ((1 << _QUANTUM_BITS) - 1) / extent if extent > 0 else 0.0
    grid = np.rint((corners - low) * np.float32(scale)).astype(np.int64)
    keys = (grid[:, 0] << (2 * _QUANTUM_BITS)) | (grid[:, 1] << _QUANTUM_BITS) | grid[:, 2]
    order = np.argsort(keys, kind="stable")  # radix sort: several times faster than np.unique
    sorted_keys = keys[order]
    new = np.empty(len(keys), dtype=bool)
    new[0] = True
    np.not_equal(sorted_keys[1:], sorted_keys[:-1], out=new[1:])
    inverse = np.empty(len(keys), dtype=np.uint32)
    inverse[order] = np.cumsum(new, dtype=np.uint32) - 1
    first = order[new]
    faces = inverse.reshape(-1, 3)
    solid = (faces[:, 0] != faces[:, 1]) & (faces[:, 1] != faces[:, 2]) & (
        faces[:, 0] != faces[:, 2])
    if not solid.any():
        raise MeshError("Every triangle of this mesh is degenerate")
    return _compact(corners[first], faces[solid])


def _compact(vertices: np.ndarray, faces: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    used = np.zeros(len(vertices), dtype=bool)
    used[faces.reshape(-1)] = True
    if used.all():
        return np.ascontiguousarray(vertices, dtype=np.float32), faces.astype(np.uint32)
    remap = np.cumsum(used, dtype=np.int64) - 1
    return (np.ascontiguousarray(vertices[used], dtype=np.float32),
            remap[faces].astype(np.uint32))


def decimate(vertices: np.ndarray, faces: np.ndarray, target_faces: int = 50_000
             ) -> tuple[np.ndarray, np.ndarray]:
    """Quadric decimation (fast_simplification) to about `target_faces`; meshes already that
    small come back unchanged. Returns (float32 vertices, uint32 faces)."""
    vertices = np.asarray(vertices, dtype=np.float32)
    faces = np.asarray(faces)
    if target_faces < 4:
        raise MeshError("target_faces must be at least 4")
    if len(faces) <= target_faces:
        return vertices, faces.astype(np.uint32)
    points, triangles = fast_simplification.simplify(
        vertices, faces.astype(np.int32), target_count=int(target_faces))
    return _compact(np.asarray(points, dtype=np.float32), np.asarray(triangles))


def vertex_normals(vertices: np.ndarray, faces: np.ndarray) -> np.ndarray:
    """Unit normals (v, 3) float32: area-weighted sum of the normals of the faces around each
    vertex (outward when faces are counter-clockwise seen from outside); zero when isolated."""
    vertices = np.asarray(vertices, dtype=np.float64)
    faces = np.asarray(faces, dtype=np.int64)
    corners = vertices[faces]
    face_normals = np.cross(corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0])
    flat = faces.reshape(-1)
    normals = np.empty((len(vertices), 3))
    for axis in range(3):
        weights = np.repeat(face_normals[:, axis], 3)
        normals[:, axis] = np.bincount(flat, weights=weights, minlength=len(vertices))
    lengths = np.linalg.norm(normals, axis=1, keepdims=True)
    np.divide(normals, lengths, out=normals, where=lengths > 0)
    return normals.astype(np.float32)


def to_web_mesh(stl_bytes: bytes, target_faces: int = 50_000, *,
                max_triangles: int = MAX_TRIANGLES) -> WebMesh:
    """The upload pipeline: STL bytes → parsed → merged → decimated → WebMesh."""
    vertices, faces = merge_vertices(parse_stl(stl_bytes, max_triangles=max_triangles))
    return WebMesh.from_arrays(*decimate(vertices, faces, target_faces))


def web_mesh_to_npz(mesh: WebMesh) -> bytes:
    """Compressed npz bytes of a web mesh (vertices, faces), for a cache keyed by content hash."""
    buffer = io.BytesIO()
    np.savez_compressed(buffer, vertices=mesh.vertices, faces=mesh.faces)
    return buffer.getvalue()


def web_mesh_from_npz(data: bytes) -> WebMesh:
    """The WebMesh saved by web_mesh_to_npz (validated again); MeshError when unreadable."""
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as archive:
            vertices, faces = archive["vertices"], archive["faces"]
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as exc:
        raise MeshError("This cached mesh cannot be read") from exc
    if vertices.dtype != np.float32 or faces.dtype.kind != "u":
        raise MeshError("This cached mesh has unexpected array types")
    return WebMesh.from_arrays(vertices, faces)
