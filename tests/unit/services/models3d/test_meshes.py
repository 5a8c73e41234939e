"""Mesh service: STL parsing limits, merge/decimate, web mesh cache, figures, registration."""

import json
import struct
import time
import tracemalloc

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ortho_app.services.models3d.meshes import (
    MeshError,
    WebMesh,
    apply_transform,
    arch_figure,
    decimate,
    generate_arch,
    heatmap_figure,
    merge_vertices,
    parse_stl,
    register,
    signed_deviation,
    to_binary_stl,
    to_web_mesh,
    vertex_normals,
    web_mesh_from_npz,
    web_mesh_to_npz,
)
from ortho_app.services.models3d.meshes.neighbors import GridIndex


@pytest.fixture(scope="module")
def arch():
    return generate_arch(4_000, seed=3)


@pytest.fixture(scope="module")
def scan():
    """~10k-vertex arch with its normals (registration target)."""
    vertices, faces = generate_arch(20_000, seed=1)
    return vertices, faces, vertex_normals(vertices, faces)


def rotation(degrees: float, axis) -> np.ndarray:
    x, y, z = np.asarray(axis, dtype=float) / np.linalg.norm(axis)
    cross = np.array([[0, -z, y], [z, 0, -x], [-y, x, 0]])
    angle = np.radians(degrees)
    return np.eye(3) + np.sin(angle) * cross + (1 - np.cos(angle)) * cross @ cross


def rigid(degrees: float, axis, translation) -> np.ndarray:
    transform = np.eye(4)
    transform[:3, :3], transform[:3, 3] = rotation(degrees, axis), translation
    return transform


def ascii_stl(triangles: np.ndarray, name: str = "arch") -> bytes:
    lines = [f"solid {name}"]
    for triangle in triangles:
        lines += ["  facet normal 0 0 0", "    outer loop"]
        lines += [f"      vertex {x!r} {y!r} {z!r}" for x, y, z in triangle.tolist()]
        lines += ["    endloop", "  endfacet"]
    lines.append(f"endsolid {name}")
    return "\n".join(lines).encode()


def binary_header(count: int, header: bytes = b"test") -> bytes:
    return header.ljust(80, b" ") + struct.pack("<I", count)


# --- STL parsing -----------------------------------------------------------------------------

def test_parse_binary_returns_the_triangles(arch):
    vertices, faces = arch
    triangles = parse_stl(to_binary_stl(vertices, faces))
    assert triangles.dtype == np.float32 and triangles.shape == (len(faces), 3, 3)
    np.testing.assert_array_equal(triangles, vertices[faces.astype(np.int64)])


def test_binary_file_whose_header_starts_with_solid_is_read_as_binary(arch):
    vertices, faces = arch
    data = to_binary_stl(vertices, faces, header=b"solid exported by a scanner")
    assert parse_stl(data).shape == (len(faces), 3, 3)


def test_parse_ascii_matches_binary():
    vertices, faces = generate_arch(200, seed=2)
    triangles = vertices[faces.astype(np.int64)]
    parsed = parse_stl(ascii_stl(triangles))
    np.testing.assert_array_equal(parsed, triangles)
    upper_case = ascii_stl(triangles[:3]).replace(b"vertex", b"VERTEX").replace(b"\n", b"\r\n")
    np.testing.assert_array_equal(parse_stl(upper_case), triangles[:3])


@pytest.mark.parametrize("mutate", [
    lambda text: text.replace(b"endsolid arch", b""),
    lambda text: text.replace(b"endloop", b"", 1),
    lambda text: text.replace(b"vertex", b"vertex 1.0.0", 1),
    lambda text: text.replace(b"vertex", b"vertex nan nan nan #", 1),
    lambda text: text.replace(b"outer loop", b"outer loop\nvertex 1 2 3", 1),
    lambda text: text + b"\ngarbage",
    lambda text: b"solid empty\nendsolid empty\n",
])
def test_malformed_ascii_is_refused(mutate):
    triangles = np.arange(18, dtype=np.float32).reshape(2, 3, 3)
    with pytest.raises(MeshError):
        parse_stl(mutate(ascii_stl(triangles)))


def test_ascii_facet_count_is_capped():
    triangles = np.zeros((5, 3, 3), dtype=np.float32)
    with pytest.raises(MeshError, match="too many triangles"):
        parse_stl(ascii_stl(triangles), max_triangles=4)


def test_hostile_binary_count_is_refused_fast_without_allocating():
    data = binary_header(2**32 - 1) + b"\0" * 500
    tracemalloc.start()
    start = time.perf_counter()
    with pytest.raises(MeshError, match="4294967295 triangles"):
        parse_stl(data)
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 0.05 and peak < 100_000


@pytest.mark.parametrize("count, body", [(10, 9 * 50), (3, 3 * 50 + 1), (1, 0)])
def test_binary_count_that_disagrees_with_the_size_is_refused(count, body):
    with pytest.raises(MeshError, match="damaged"):
        parse_stl(binary_header(count) + b"\0" * body)


def test_binary_zero_or_too_many_triangles_is_refused(arch):
    with pytest.raises(MeshError, match="no triangles"):
        parse_stl(binary_header(0))
    vertices, faces = arch
    with pytest.raises(MeshError, match="too many triangles"):
        parse_stl(to_binary_stl(vertices, faces), max_triangles=len(faces) - 1)


def test_short_or_non_finite_input_is_refused():
    with pytest.raises(MeshError):
        parse_stl(b"not an stl")
    bad = np.array([[[0, 0, 0], [1, 0, 0], [np.inf, 1, 0]]], dtype=np.float32)
    with pytest.raises(MeshError, match="not finite"):
        parse_stl(to_binary_stl(bad.reshape(-1, 3), np.arange(3).reshape(1, 3)))


# --- merge, decimate, normals, web mesh ------------------------------------------------------

def test_merge_shares_the_corners_of_a_triangle_soup(arch):
    vertices, faces = arch
    soup = vertices[faces.astype(np.int64)]
    merged_vertices, merged_faces = merge_vertices(soup)
    assert merged_vertices.dtype == np.float32 and merged_faces.dtype == np.uint32
    assert len(merged_vertices) == len(vertices) < 3 * len(faces) / 5
    np.testing.assert_array_equal(merged_vertices[merged_faces.astype(np.int64)], soup)


def test_merge_drops_degenerate_triangles():
    soup = np.array([[[0, 0, 0], [1, 0, 0], [0, 1, 0]],
                     [[0, 0, 0], [0, 0, 0], [5, 5, 5]]], dtype=np.float32)
    vertices, faces = merge_vertices(soup)
    assert len(faces) == 1 and len(vertices) == 3


def test_decimate_hits_the_target_and_skips_small_meshes():
    vertices, faces = generate_arch(20_000)
    small_vertices, small_faces = decimate(vertices, faces, target_faces=5_000)
    assert abs(len(small_faces) - 5_000) <= 500
    assert small_vertices.dtype == np.float32 and small_faces.dtype == np.uint32
    assert small_faces.max() < len(small_vertices)
    same_vertices, same_faces = decimate(vertices, faces, target_faces=50_000)
    assert same_vertices is vertices and np.array_equal(same_faces, faces)


def test_vertex_normals_of_an_octahedron_point_outwards():
    vertices = np.array([[1, 0, 0], [-1, 0, 0], [0, 1, 0], [0, -1, 0], [0, 0, 1], [0, 0, -1]],
                        dtype=np.float32)
    faces = np.array([[0, 2, 4], [2, 1, 4], [1, 3, 4], [3, 0, 4],
                      [2, 0, 5], [1, 2, 5], [3, 1, 5], [0, 3, 5]])
    np.testing.assert_allclose(vertex_normals(vertices, faces), vertices, atol=1e-6)


def test_to_web_mesh_decimates_with_compact_dtypes(arch):
    vertices, faces = generate_arch(30_000)
    mesh = to_web_mesh(to_binary_stl(vertices, faces), target_faces=8_000)
    assert isinstance(mesh, WebMesh)
    assert mesh.vertices.dtype == np.float32 and mesh.faces.dtype == np.uint16
    assert abs(mesh.face_count - 8_000) <= 800 and mesh.face_count == len(mesh.faces)
    np.testing.assert_allclose(mesh.bounds, [vertices.min(axis=0), vertices.max(axis=0)],
                               atol=0.5)


def test_large_web_mesh_uses_uint32_faces():
    vertices, faces = generate_arch(140_000)
    mesh = WebMesh.from_arrays(vertices, faces)
    assert len(mesh.vertices) > 65_536 and mesh.faces.dtype == np.uint32


def test_web_mesh_refuses_faces_pointing_outside():
    with pytest.raises(MeshError):
        WebMesh.from_arrays(np.zeros((3, 3)), np.array([[0, 1, 3]]))


def test_npz_round_trip(arch):
    mesh = WebMesh.from_arrays(*arch)
    back = web_mesh_from_npz(web_mesh_to_npz(mesh))
    for name in ("vertices", "faces", "bounds"):
        np.testing.assert_array_equal(getattr(back, name), getattr(mesh, name))
        assert getattr(back, name).dtype == getattr(mesh, name).dtype
    assert back.face_count == mesh.face_count
    with pytest.raises(MeshError):
        web_mesh_from_npz(b"PK\x03\x04 not really a zip")


# --- figures ---------------------------------------------------------------------------------

def test_arch_figure_has_one_typed_array_trace_per_arch(arch):
    upper = WebMesh.from_arrays(*arch)
    lower = WebMesh.from_arrays(*generate_arch(4_000, seed=3, upper=False))
    figure = arch_figure(upper, lower)
    assert [t.type for t in figure.data] == ["mesh3d", "mesh3d"]
    assert [t.name for t in figure.data] == ["Upper arch", "Lower arch"]
    assert figure.layout.scene.aspectmode == "data"
    payload = figure.to_json()
    assert "bdata" in payload and '"dtype"' in payload
    trace = json.loads(payload)["data"][0]
    assert trace["x"]["dtype"] == "f4" and trace["i"]["dtype"] == "u2"
    assert len(payload) < 2 * 12 * (len(upper.vertices) + len(upper.faces))
    assert [t.name for t in arch_figure(None, lower).data] == ["Lower arch"]
    assert len(arch_figure(None, None).data) == 0


def test_heatmap_figure_is_symmetric_around_zero(arch):
    mesh = WebMesh.from_arrays(*arch)
    deviation = np.linspace(-0.2, 0.4, len(mesh.vertices)).astype(np.float32)
    trace = heatmap_figure(mesh, deviation).data[0]
    assert trace.type == "mesh3d" and trace.cmin == -trace.cmax and trace.cmax >= 0.39
    assert trace.colorbar.title.text == "mm"
    np.testing.assert_array_equal(trace.intensity, deviation)
    assert '"bdata"' in heatmap_figure(mesh, deviation).to_json()
    with pytest.raises(MeshError):
        heatmap_figure(mesh, deviation[:-1])


# --- registration and deviation ----------------------------------------------------------------

def rms(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.sqrt(((a - b) ** 2).sum(axis=1).mean()))


@pytest.mark.parametrize("normals", [True, False])
def test_register_recovers_a_known_motion(scan, normals):
    vertices, _, target_normals = scan
    moved = apply_transform(vertices, rigid(5, [0.2, 0.3, 1.0], [2.0, 0.0, 0.0]))
    transform = register(moved, vertices, target_normals if normals else None)
    assert transform.shape == (4, 4)
    assert rms(apply_transform(moved, transform), vertices) < 0.05


def test_register_between_two_tessellations_of_one_arch(scan):
    vertices, _, target_normals = scan
    other, _ = generate_arch(17_000, seed=1)
    moved = apply_transform(other, rigid(20, [1.0, 0.0, 0.3], [1.0, -2.0, 3.0]))
    transform = register(moved, vertices, target_normals)
    assert rms(apply_transform(moved, transform), other) < 0.05


def test_signed_deviation_of_a_surface_moved_along_its_normals(scan):
    vertices, _, normals = scan
    outside = vertices + 0.5 * normals
    deviation = signed_deviation(outside, vertices, normals, np.eye(4))
    assert deviation.dtype == np.float32 and deviation.shape == (len(vertices),)
    assert abs(float(deviation.mean()) - 0.5) < 0.02
    assert float(np.median(deviation)) == pytest.approx(0.5, abs=1e-3)
    inside = signed_deviation(vertices - 0.3 * normals, vertices, normals, np.eye(4))
    assert abs(float(inside.mean()) + 0.3) < 0.02


@settings(max_examples=12, deadline=None)
@given(seed=st.integers(0, 1_000), faces=st.integers(1_000, 8_000),
       degrees=st.floats(-30, 30), shift=st.tuples(*[st.floats(-5, 5)] * 3))
def test_deviation_between_identical_meshes_is_zero(seed, faces, degrees, shift):
    vertices, mesh_faces = generate_arch(faces, seed=seed)
    normals = vertex_normals(vertices, mesh_faces)
    motion = rigid(degrees, [0.1, 0.2, 1.0], shift)
    moved = apply_transform(vertices, motion)
    assert np.abs(signed_deviation(moved, vertices, normals, np.linalg.inv(motion))).max() < 1e-4
    transform = register(moved, vertices, normals)
    assert np.abs(signed_deviation(moved, vertices, normals, transform)).max() < 1e-3


# --- generator and neighbour index -------------------------------------------------------------

@pytest.mark.parametrize("upper", [True, False])
def test_generated_arch_is_a_closed_outward_surface(upper):
    vertices, faces = generate_arch(6_000, seed=4, upper=upper)
    assert vertices.dtype == np.float32 and faces.dtype == np.uint32
    assert abs(len(faces) - 6_000) < 300
    edges = np.concatenate([faces[:, [0, 1]], faces[:, [1, 2]], faces[:, [2, 0]]])
    keys = edges[:, 0].astype(np.int64) * len(vertices) + edges[:, 1]
    reverse = edges[:, 1].astype(np.int64) * len(vertices) + edges[:, 0]
    assert len(np.unique(keys)) == len(keys) and np.isin(reverse, keys).all()
    corners = vertices.astype(np.float64)[faces]
    volume = np.einsum("ij,ij->i", corners[:, 0], np.cross(corners[:, 1], corners[:, 2])).sum()
    assert volume > 0
    width, depth, height = vertices.max(axis=0) - vertices.min(axis=0)
    assert 50 < width < 75 and 30 < depth < 50 and 8 < height < 16
    front = vertices[np.abs(vertices[:, 0]) < 3]
    assert front[:, 1].min() > vertices[:, 1].min() + 20  # open at the back: a U, not a disc


def test_generated_arch_depends_on_seed_not_resolution():
    a, _ = generate_arch(3_000, seed=7)
    b, _ = generate_arch(3_000, seed=7)
    c, _ = generate_arch(3_000, seed=8)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)
    fine, fine_faces = generate_arch(12_000, seed=7)
    distance, _ = GridIndex(fine).query(a)
    assert np.median(distance) < 0.3


def test_grid_index_matches_brute_force():
    rng = np.random.default_rng(0)
    points = rng.normal(size=(4_000, 3))
    points = 20 * points / np.linalg.norm(points, axis=1, keepdims=True)
    queries = np.concatenate([points[:500] + rng.normal(scale=0.4, size=(500, 3)),
                              rng.normal(scale=60, size=(50, 3))])
    distance, index = GridIndex(points).query(queries)
    brute = np.sqrt(((queries[:, None, :] - points[None, :, :]) ** 2).sum(axis=2))
    np.testing.assert_allclose(distance, brute.min(axis=1), rtol=1e-9)
    np.testing.assert_allclose(brute[np.arange(len(queries)), index], distance, rtol=1e-9)


def test_grid_index_approximate_query_stays_within_its_bound():
    rng = np.random.default_rng(1)
    points = rng.uniform(-20, 20, size=(3_000, 3))
    queries = rng.uniform(-30, 30, size=(400, 3))
    exact, _ = GridIndex(points).query(queries)
    approximate, index = GridIndex(points).query(queries, exact=False)
    np.testing.assert_allclose(np.linalg.norm(points[index] - queries, axis=1), approximate)
    assert (approximate >= exact - 1e-12).all() and (approximate <= 2.0 * exact + 1e-12).all()
