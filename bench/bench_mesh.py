"""Mesh figures on a synthetic 300k-face arch written as binary STL (~15 MB) in this run:
numpy parse, the whole upload pipeline (STL → 50k-face web mesh), the gzipped plotly payload
of one arch, and a deviation heat map (registration + signed deviation) between two ~50k-vertex
scans of one arch. Prints `name: value` lines (medians); never fails."""

from __future__ import annotations

import gzip
import statistics
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from ortho_app.services.models3d.meshes import (  # noqa: E402
    apply_transform,
    arch_figure,
    generate_arch,
    parse_stl,
    register,
    signed_deviation,
    to_binary_stl,
    to_web_mesh,
    vertex_normals,
)

ARCH_FACES = 300_000
WEB_FACES = 50_000
SCAN_FACES = 100_000  # ~50k vertices


def median_s(fn, runs: int) -> float:
    fn()  # warm-up (imports, first-touch allocations)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def two_scans() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(target vertices, target faces, source vertices): the source is another tessellation
    of the same arch, one tooth region pushed out 0.3 mm, then moved 3° and 1 mm."""
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
    return target, target_faces, apply_transform(source, motion).astype(np.float32)


def main() -> None:
    stl = b""
    mesh = None

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

    def heatmap() -> float:
        target, target_faces, source = two_scans()

        def run() -> None:
            normals = vertex_normals(target, target_faces)
            transform = register(source, target, normals)
            signed_deviation(source, target, normals, transform)

        return median_s(run, runs=5)

    for name, measure, digits in (("numpy_parse_300k_s", setup, 4),
                                  ("stl_to_web_mesh_300k_s", pipeline, 3),
                                  ("payload_gz_mb_per_arch", payload, 3),
                                  ("heatmap_50k_s", heatmap, 3)):
        try:
            value = f"{measure():.{digits}f}"
        except Exception:  # a benchmark reports, it never fails
            traceback.print_exc(file=sys.stderr)
            value = "nan"
        print(f"{name}: {value}", flush=True)


if __name__ == "__main__":
    main()
