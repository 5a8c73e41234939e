"""Mesh figures on a synthetic 300k-face arch written as binary STL (~15 MB) in this run:
numpy parse, the whole upload pipeline (STL → 50k-face web mesh), the gzipped plotly payload
of one arch, and the server work of a deviation heat map (registration + signed deviation +
figure): between two ~50k-vertex scans of one arch, and between the demo's two scans of one
arch (its web meshes), each also with the newer scan starting 3 mm further away, and 50k
nearest-neighbour queries 3 mm off a scan's surface. The same-run
anchor of the heat maps is `trimesh.load` of the demo's newer STL file (and the ratio to it).
Prints `name: value` lines (medians); never fails."""

from __future__ import annotations

import gzip
import statistics
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
import trimesh  # noqa: E402

from ortho_app.demo.models3d import arch_stl  # noqa: E402
from ortho_app.services.models3d.arch_models import WEB_MESH_FACES, heatmap_of  # noqa: E402
from ortho_app.services.models3d.meshes import (  # noqa: E402
    WebMesh,
    apply_transform,
    arch_figure,
    generate_arch,
    parse_stl,
    to_binary_stl,
    to_web_mesh,
    vertex_normals,
)
from ortho_app.services.models3d.meshes.neighbors import GridIndex  # noqa: E402

ARCH_FACES = 300_000
WEB_FACES = 50_000
SCAN_FACES = 100_000  # ~50k vertices
APART_MM = 3.0
DEMO_SEED = 3  # the upper arch of the demo's patient 1


def median_s(fn, runs: int) -> float:
    fn()  # warm-up (imports, first-touch allocations)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def two_scans() -> tuple[WebMesh, WebMesh]:
    """(source, target) as web meshes: the source is another tessellation of the same arch,
    one tooth region pushed out 0.3 mm, then moved 3° and 1 mm."""
    target, target_faces = generate_arch(SCAN_FACES, seed=0)
    source, source_faces = generate_arch(int(SCAN_FACES * 0.96), seed=0)
    normals = vertex_normals(source, source_faces)
    tooth = source[np.argmax(source[:, 0] + source[:, 1])]  # a surface point on a molar
    bump = 0.3 * np.exp(-((source - tooth) ** 2).sum(axis=1) / (2 * 3.0**2))
    source = source + bump[:, None] * normals
    angle = np.radians(3.0)
    motion = np.eye(4)
    motion[:3, :3] = [[np.cos(angle), -np.sin(angle), 0], [np.sin(angle), np.cos(angle), 0],
                      [0, 0, 1]]
    motion[:3, 3] = [1.0, 0.0, 0.0]
    return (WebMesh.from_arrays(apply_transform(source, motion), source_faces),
            WebMesh.from_arrays(target, target_faces))


def demo_scans() -> tuple[WebMesh, WebMesh]:
    """(newer, older): the web meshes of the demo's two scans of one arch."""
    return (to_web_mesh(arch_stl(DEMO_SEED, upper=True, later=True), WEB_MESH_FACES),
            to_web_mesh(arch_stl(DEMO_SEED, upper=True, later=False), WEB_MESH_FACES))


def apart(mesh: WebMesh, mm: float = APART_MM) -> WebMesh:
    """The mesh moved `mm` along the arch's depth (front to back), as a badly placed scan."""
    return WebMesh.from_arrays(mesh.vertices + np.float32([0.0, mm, 0.0]), mesh.faces)


def trimesh_load_s(stl: bytes) -> float:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "arch.stl"
        path.write_bytes(stl)
        return median_s(lambda: trimesh.load(path), runs=15)


def nearest_off_surface_s(scan: WebMesh, mm: float = APART_MM) -> float:
    """Nearest-neighbour queries, one per vertex, `mm` off the scan's surface."""
    vertices = scan.vertices.astype(np.float64)
    queries = vertices + mm * vertex_normals(vertices, scan.faces)
    return median_s(lambda: GridIndex(vertices).query(queries), runs=3)


def heatmap_s(newer: WebMesh, older: WebMesh, runs: int) -> float:
    return median_s(lambda: heatmap_of(newer, older), runs=runs)


def main() -> None:
    stl = b""
    mesh = None
    results: dict[str, float] = {}

    def setup() -> float:
        nonlocal stl
        stl = to_binary_stl(*generate_arch(ARCH_FACES, seed=0))
        return median_s(lambda: parse_stl(stl), runs=7)

    def pipeline() -> float:
        nonlocal mesh
        mesh = to_web_mesh(stl, target_faces=WEB_FACES)
        return median_s(lambda: to_web_mesh(stl, target_faces=WEB_FACES), runs=3)

    def payload() -> float:
        return len(gzip.compress(arch_figure(mesh, None).to_json().encode())) / 1e6

    newer, older = demo_scans()
    source, target = two_scans()
    measures = (
        ("numpy_parse_300k_s", setup, 4),
        ("stl_to_web_mesh_300k_s", pipeline, 3),
        ("payload_gz_mb_per_arch", payload, 3),
        ("trimesh_load_demo_stl_s",
         lambda: trimesh_load_s(arch_stl(DEMO_SEED, upper=True, later=True)), 4),
        ("heatmap_demo_pair_s", lambda: heatmap_s(newer, older, runs=7), 3),
        ("heatmap_demo_pair_3mm_apart_s", lambda: heatmap_s(apart(newer), older, runs=7), 3),
        ("nearest_50k_queries_3mm_off_s", lambda: nearest_off_surface_s(target), 3),
        ("heatmap_50k_s", lambda: heatmap_s(source, target, runs=3), 3),
        ("heatmap_50k_3mm_apart_s", lambda: heatmap_s(apart(source), target, runs=3), 3),
    )
    for name, measure, digits in measures:
        try:
            results[name] = measure()
            value = f"{results[name]:.{digits}f}"
        except Exception:  # a benchmark reports, it never fails
            traceback.print_exc(file=sys.stderr)
            value = "nan"
        print(f"{name}: {value}", flush=True)
    anchor = results.get("trimesh_load_demo_stl_s", float("nan"))
    for name in ("heatmap_demo_pair_s", "heatmap_demo_pair_3mm_apart_s"):
        ratio = results.get(name, float("nan")) / anchor
        print(f"{name.removesuffix('_s')}_vs_trimesh_load: {ratio:.1f}x", flush=True)


if __name__ == "__main__":
    main()
