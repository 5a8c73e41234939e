"""The 3D preview of a case's STL file (the mesh pipeline of services/models3d/meshes)."""

from __future__ import annotations

from collections import OrderedDict
from threading import Lock

import plotly.graph_objects as go
from sqlmodel import Session, col, select

from ortho_app.core import storage
from ortho_app.models import StoredFile
from ortho_app.models.lab_cases import CaseFileKind, LabCaseFile
from ortho_app.services.models3d import meshes

_MESHES: OrderedDict[str, meshes.WebMesh] = OrderedDict()
_MESHES_LOCK = Lock()
_CACHE_SIZE = 4
PREVIEW_FACES = 50_000


class PreviewError(ValueError):
    """The file cannot be previewed; the message is safe to show."""


def case_stl(session: Session, case_id: int, file_id: int) -> StoredFile:
    """The STL file `file_id` if it is attached to case `case_id` (PreviewError otherwise)."""
    stored = session.exec(select(StoredFile).join(
        LabCaseFile, col(LabCaseFile.stored_file_id) == StoredFile.id).where(
        LabCaseFile.case_id == case_id, LabCaseFile.stored_file_id == file_id,
        LabCaseFile.kind == CaseFileKind.STL.value)).first()
    if stored is None:
        raise PreviewError("This file is not an STL model of the case")
    return stored


def stl_figure(stored: StoredFile) -> go.Figure:
    """The STL as a web mesh in the 3D view (processed once per content, kept in a small
    in-process cache)."""
    with _MESHES_LOCK:
        mesh = _MESHES.get(stored.sha256)
    if mesh is None:
        try:
            mesh = meshes.to_web_mesh(storage.read_bytes(stored), PREVIEW_FACES)
        except FileNotFoundError:
            raise PreviewError("The file is missing from storage") from None
        except meshes.MeshError as exc:
            raise PreviewError(f"This STL cannot be shown: {exc}") from None
        with _MESHES_LOCK:
            _MESHES[stored.sha256] = mesh
            while len(_MESHES) > _CACHE_SIZE:
                _MESHES.popitem(last=False)
    figure = meshes.arch_figure(mesh, None)
    figure.data[0].update(name=stored.original_name, showlegend=False)
    return figure
