"""Plotly figures of web meshes. Arrays go to plotly as numpy (never lists), so `to_json`
writes them as base64 typed arrays ({"dtype": "f4", "bdata": …})."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ortho_app.services.models3d.meshes._base import MeshError, WebMesh

ARCH_COLORS = {"Upper arch": "#f3ead8", "Lower arch": "#e9dcc3"}
LIGHTING = {"ambient": 0.38, "diffuse": 0.75, "specular": 0.22, "roughness": 0.55,
            "fresnel": 0.15}
LIGHT_POSITION = {"x": 60, "y": 120, "z": 220}
DEVIATION_COLORSCALE = "RdBu_r"  # blue: inside the reference, red: outside, white: 0
MIN_DEVIATION_RANGE_MM = 0.1


def _mesh_trace(mesh: WebMesh, name: str, **style) -> go.Mesh3d:
    vertices, faces = mesh.vertices, mesh.faces
    x, y, z = (np.ascontiguousarray(vertices[:, axis]) for axis in range(3))
    i, j, k = (np.ascontiguousarray(faces[:, axis]) for axis in range(3))
    return go.Mesh3d(x=x, y=y, z=z, i=i, j=j, k=k, name=name, showlegend=False,
                     lighting=LIGHTING, lightposition=LIGHT_POSITION, flatshading=False,
                     hoverinfo="skip", **style)


def _layout(figure: go.Figure) -> go.Figure:
    hidden = {"visible": False, "showgrid": False, "zeroline": False}
    figure.update_layout(
        template="none", margin={"l": 0, "r": 0, "t": 0, "b": 0},
        paper_bgcolor="rgba(0,0,0,0)", uirevision="mesh",
        scene={"aspectmode": "data", "xaxis": hidden, "yaxis": hidden, "zaxis": hidden,
               "camera": {"eye": {"x": 0.0, "y": -1.6, "z": 0.9}}})
    return figure


def arch_figure(upper: WebMesh | None, lower: WebMesh | None) -> go.Figure:
    """One figure (one WebGL context) with a Mesh3d trace per arch present."""
    traces = [_mesh_trace(mesh, name, color=ARCH_COLORS[name], opacity=1.0)
              for name, mesh in (("Upper arch", upper), ("Lower arch", lower))
              if mesh is not None]
    return _layout(go.Figure(data=traces))


def heatmap_figure(mesh: WebMesh, deviation_mm: np.ndarray) -> go.Figure:
    """The mesh coloured by signed deviation per vertex (mm), on a diverging scale symmetric
    around 0 (its range: the 99th percentile of |deviation|, at least 0.1 mm)."""
    deviation = np.ascontiguousarray(deviation_mm, dtype=np.float32).reshape(-1)
    if len(deviation) != len(mesh.vertices):
        raise MeshError(f"Expected one deviation per vertex ({len(mesh.vertices)}), "
                        f"got {len(deviation)}")
    finite = deviation[np.isfinite(deviation)]
    span = float(np.percentile(np.abs(finite), 99)) if len(finite) else 0.0
    span = round(max(span, MIN_DEVIATION_RANGE_MM), 2)
    trace = _mesh_trace(mesh, "Deviation", intensity=deviation, intensitymode="vertex",
                        colorscale=DEVIATION_COLORSCALE, cmin=-span, cmax=span,
                        colorbar={"title": {"text": "mm"}, "thickness": 14})
    return _layout(go.Figure(data=[trace]))
