"""Dental arch meshes, framework-free (numpy in/out, never reflex): STL parsing, vertex merge,
decimation, the web mesh cache format, plotly figures, registration and deviation heat maps,
and a synthetic arch generator."""

from ortho_app.services.models3d.meshes._base import MeshError, WebMesh
from ortho_app.services.models3d.meshes.figures import arch_figure, heatmap_figure
from ortho_app.services.models3d.meshes.processing import (
    decimate,
    merge_vertices,
    to_web_mesh,
    vertex_normals,
    web_mesh_from_npz,
    web_mesh_to_npz,
)
from ortho_app.services.models3d.meshes.registration import (
    apply_transform,
    register,
    signed_deviation,
)
from ortho_app.services.models3d.meshes.stl import parse_stl, to_binary_stl
from ortho_app.services.models3d.meshes.synthetic import generate_arch

__all__ = [
    "MeshError", "WebMesh", "apply_transform", "arch_figure", "decimate", "generate_arch",
    "heatmap_figure", "merge_vertices", "parse_stl", "register", "signed_deviation",
    "to_binary_stl", "to_web_mesh", "vertex_normals", "web_mesh_from_npz", "web_mesh_to_npz",
]
