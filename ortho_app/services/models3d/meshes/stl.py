"""STL bytes ⇄ triangle arrays: binary read with one np.frombuffer, ASCII parsed with limits."""

from __future__ import annotations

import re

import numpy as np

from ortho_app.services.models3d.meshes._base import MeshError

MAX_TRIANGLES = 5_000_000
MAX_ASCII_BYTES = 100 * 1024 * 1024
HEADER_BYTES = 84  # 80-byte header + little-endian uint32 triangle count
TRIANGLE_DTYPE = np.dtype([("normal", "<f4", (3,)), ("vertices", "<f4", (3, 3)),
                           ("attribute", "<u2")])
assert TRIANGLE_DTYPE.itemsize == 50

_NUMBER = rb"([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)"
_VERTEX = rb"\s+vertex\s+" + _NUMBER + rb"\s+" + _NUMBER + rb"\s+" + _NUMBER
_FACET = re.compile(
    rb"\s*facet\s+normal\s+" + _NUMBER + rb"\s+" + _NUMBER + rb"\s+" + _NUMBER
    + rb"\s+outer\s+loop" + _VERTEX * 3 + rb"\s+endloop\s+endfacet", re.IGNORECASE)
_SOLID = re.compile(rb"\s*solid\b[^\r\n]*", re.IGNORECASE)
_ENDSOLID = re.compile(rb"\s*endsolid\b[^\r\n]*\s*\Z", re.IGNORECASE)


def parse_stl(data: bytes, *, max_triangles: int = MAX_TRIANGLES) -> np.ndarray:
    """Triangles (n, 3, 3) float32 of a binary or ASCII STL file; MeshError otherwise.

    A binary file is recognised by its exact size (84 + 50·count), checked on integers before
    anything is allocated, so a hostile count such as 2^32 − 1 costs nothing to refuse. Files
    of another size whose first word is `solid` are parsed as ASCII.
    """
    size = len(data)
    count = int.from_bytes(data[80:84], "little") if size >= HEADER_BYTES else None
    if count is not None and size == HEADER_BYTES + TRIANGLE_DTYPE.itemsize * count:
        return _parse_binary(data, count, max_triangles)
    head = bytes(data[:HEADER_BYTES])
    if head.lstrip()[:5].lower() == b"solid" and b"\0" not in head:
        return _parse_ascii(bytes(data), max_triangles)
    if count is None:
        raise MeshError("This is not an STL file (too short)")
    raise MeshError(f"This binary STL file is damaged: it declares {count} triangles "
                    f"({HEADER_BYTES + 50 * count} bytes) but has {size} bytes")


def _parse_binary(data: bytes, count: int, max_triangles: int) -> np.ndarray:
    if count == 0:
        raise MeshError("This STL file has no triangles")
    if count > max_triangles:
        raise MeshError(f"This STL file has too many triangles ({count} > {max_triangles})")
    records = np.frombuffer(data, dtype=TRIANGLE_DTYPE, count=count, offset=HEADER_BYTES)
    triangles = np.ascontiguousarray(records["vertices"])
    _check_finite(triangles)
    return triangles


def _parse_ascii(data: bytes, max_triangles: int) -> np.ndarray:
    if len(data) > MAX_ASCII_BYTES:
        raise MeshError("This ASCII STL file is too large; export it as binary STL")
    facets = data.lower().count(b"endfacet")
    if facets == 0:
        raise MeshError("This STL file has no triangles")
    if facets > max_triangles:
        raise MeshError(f"This STL file has too many triangles ({facets} > {max_triangles})")
    head = _SOLID.match(data)
    if head is None:
        raise MeshError("This ASCII STL file does not start with 'solid'")
    position, numbers = head.end(), []
    for _ in range(facets):
        facet = _FACET.match(data, position)
        if facet is None:
            raise MeshError(f"This ASCII STL file is malformed near byte {position}")
        numbers.extend(facet.groups()[3:])
        position = facet.end()
    if _ENDSOLID.match(data, position) is None:
        raise MeshError(f"This ASCII STL file is malformed near byte {position} "
                        "(expected 'endsolid')")
    try:
        triangles = np.array([float(n) for n in numbers], dtype=np.float32).reshape(-1, 3, 3)
    except (ValueError, OverflowError) as exc:
        raise MeshError("This ASCII STL file has an invalid number") from exc
    _check_finite(triangles)
    return triangles


def _check_finite(triangles: np.ndarray) -> None:
    if not np.isfinite(triangles).all():
        raise MeshError("This STL file has coordinates that are not finite numbers")


def to_binary_stl(vertices: np.ndarray, faces: np.ndarray, *,
                  header: bytes = b"ortho_app mesh") -> bytes:
    """Binary STL bytes of an indexed mesh (face normals computed, attribute 0)."""
    vertices = np.asarray(vertices, dtype=np.float32)
    faces = np.asarray(faces, dtype=np.int64)
    records = np.zeros(len(faces), dtype=TRIANGLE_DTYPE)
    triangles = vertices[faces]
    with np.errstate(invalid="ignore", over="ignore"):
        normals = np.cross(triangles[:, 1] - triangles[:, 0], triangles[:, 2] - triangles[:, 0])
        lengths = np.sqrt(np.einsum("ij,ij->i", normals, normals))[:, None]
        records["normal"] = np.divide(normals, lengths, out=np.zeros_like(normals),
                                      where=lengths > 0)
    records["vertices"] = triangles
    head = header[:80].ljust(80, b" ") + len(faces).to_bytes(4, "little")
    return head + records.tobytes()
