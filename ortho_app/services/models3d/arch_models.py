"""3D models of a patient's arches (framework-free): upload an STL, keep the original and its
web mesh (npz) in storage, and build the plotly figures of the 3D view and deviation heat map.

Web meshes are processed once, at upload, and cached by content hash: an STL this patient
already sent reuses its web mesh, and an npz identical to a stored one reuses that file.
Meshes read back are kept in a small in-process cache keyed by the npz's sha256.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from threading import Lock

import plotly.graph_objects as go
from sqlmodel import Session, col, select

from ortho_app.core import storage
from ortho_app.models import ArchModel, MonitoringEvent, Patient, StoredFile
from ortho_app.models.models3d import ARCHES
from ortho_app.services.models3d import meshes

WEB_MESH_FACES = 50_000
STL_KINDS = ("stl_binary", "stl_ascii")
MAX_STL_BYTES = 100 * 1024 * 1024  # an intraoral arch is 5–40 MB as binary STL
MAX_ARCH_TRIANGLES = 1_500_000
_CACHE_SIZE = 8


class ArchModelError(ValueError):
    """The model cannot be added or shown; the message is safe to show."""


@dataclass(frozen=True)
class ModelRow:
    id: int
    arch: str
    taken_on: date


def add_arch_model(session: Session, patient: Patient, *, arch: str, taken_on: date,
                   stl_bytes: bytes, uploaded_by: str,
                   mesh: meshes.WebMesh | None = None) -> ArchModel:
    """Check the STL, store it and its web mesh, add the ArchModel row (flushed; the caller
    commits). Raises ArchModelError (bad arch), meshes.MeshError (bad STL) or a storage
    FileRefused; then no row is added."""
    if arch not in ARCHES:
        raise ArchModelError("The arch must be 'upper' or 'lower'")
    if not isinstance(taken_on, date):
        raise ArchModelError("The model needs the date it was taken")
    owner = {"institution_id": patient.institution_id, "patient_id": patient.id,
             "uploaded_by": uploaded_by}
    original = _file_with_hash(session, patient.id, _sha256(stl_bytes))
    web_file = _web_mesh_of(session, original) if original else None
    if web_file is None:
        mesh = mesh or meshes.to_web_mesh(stl_bytes, WEB_MESH_FACES)  # validates first
        if original is None:
            original = storage.save_stream([stl_bytes], original_name=f"{arch}-{taken_on}.stl",
                                           session=session, allowed_kinds=STL_KINDS, **owner)
        npz = meshes.web_mesh_to_npz(mesh)
        web_file = _file_with_hash(session, patient.id, _sha256(npz))
        if web_file is None:
            web_file = storage.save_stream([npz], original_name=f"{arch}-{taken_on}.npz",
                                           session=session, allowed_kinds=("zip",), **owner)
            _remember(web_file.sha256, mesh)
    model = ArchModel(patient_id=patient.id, institution_id=patient.institution_id, arch=arch,
                      taken_on=taken_on, original_file_id=original.id,
                      web_mesh_file_id=web_file.id)
    session.add(model)
    session.flush()
    return model


def store_stl(session: Session, patient: Patient, data: bytes, *, original_name: str,
              uploaded_by: str, max_triangles: int = MAX_ARCH_TRIANGLES) -> StoredFile:
    """Check one uploaded arch STL (binary or ASCII, size agrees with its triangle count,
    at most `max_triangles`, finite coordinates) and keep it in storage (the caller commits);
    the same bytes sent again for this patient reuse the stored file. Raises
    meshes.MeshError or a storage FileRefused, with a message safe to show."""
    if len(data) > MAX_STL_BYTES:
        raise meshes.MeshError(f"This STL file is too large ({MAX_STL_BYTES // 2**20} MB at "
                               "most)")
    try:
        known = storage.sniff_kind(data[:1024], len(data))
    except storage.UnsupportedFileType:
        known = None  # maybe a damaged STL: parse_stl says what is wrong
    if known is not None and known not in STL_KINDS:
        raise meshes.MeshError(f"This is not an STL file (it is a {known.upper()} file)")
    meshes.parse_stl(data, max_triangles=max_triangles)
    existing = _file_with_hash(session, patient.id, _sha256(data))
    if existing is not None:
        return existing
    return storage.save_stream([data], original_name=original_name, session=session,
                               institution_id=patient.institution_id, patient_id=patient.id,
                               uploaded_by=uploaded_by, allowed_kinds=STL_KINDS,
                               max_bytes=MAX_STL_BYTES)


def uploaded_stls(session: Session, patient: Patient, files: dict[str, int]
                  ) -> dict[str, bytes]:
    """"Add a new 3D model": the bytes of the two STL files (upper, lower) this patient's
    record received through `store_stl`."""
    if sorted(files) != sorted(ARCHES):
        raise ArchModelError("Add two STL files: one for the upper arch, one for the lower")
    stls = {}
    for arch in ARCHES:
        stored = session.get(StoredFile, files[arch])
        if stored is None or stored.patient_id != patient.id:
            raise ArchModelError("The STL file is not available")
        stls[arch] = storage.read_bytes(stored)
    return stls


def web_meshes(stls: dict[str, bytes], progress=lambda fraction, arch: None
               ) -> dict[str, meshes.WebMesh]:
    """The web mesh of each arch (the long part: run it outside any write transaction)."""
    out = {}
    for n, arch in enumerate(stls):
        progress(n / len(stls), arch)
        out[arch] = meshes.to_web_mesh(stls[arch], WEB_MESH_FACES)
    return out


def add_models(session: Session, patient: Patient, stls: dict[str, bytes],
               web: dict[str, meshes.WebMesh], *, taken_on: date, actor: str
               ) -> list[ArchModel]:
    """One model per arch, stored with its web mesh; the history records the new model."""
    added = [add_arch_model(session, patient, arch=arch, taken_on=taken_on,
                            stl_bytes=stls[arch], uploaded_by=actor, mesh=web.get(arch))
             for arch in ARCHES]
    session.add(MonitoringEvent(patient_id=patient.id, day=date.today(), actor=actor,
                                kind="3d_model", text="New 3D model (upper and lower "
                                f"arches) of {taken_on:%d/%m/%Y}"))
    return added


def models_of(session: Session, patient_id: int) -> list[ModelRow]:
    """The patient's models, newest first (then upper before lower)."""
    rows = session.exec(select(ArchModel.id, ArchModel.arch, ArchModel.taken_on)
                        .where(ArchModel.patient_id == patient_id)
                        .order_by(col(ArchModel.taken_on).desc(), col(ArchModel.arch).desc(),
                                  col(ArchModel.id).desc()))
    return [ModelRow(id, arch, taken_on) for id, arch, taken_on in rows]


def figure_for(session: Session, patient_id: int, taken_on: date | None = None
               ) -> go.Figure | None:
    """Both arches in one figure: the latest model of each (on or before `taken_on` if
    given); None when the patient has no model."""
    upper, lower = (_latest(session, patient_id, arch, taken_on, 1) for arch in ARCHES)
    if not upper and not lower:
        return None
    return meshes.arch_figure(_mesh(session, upper[0]) if upper else None,
                              _mesh(session, lower[0]) if lower else None)


def heatmap_for(session: Session, patient_id: int, arch: str) -> go.Figure:
    """The latest model of `arch` coloured by its signed deviation (mm) from the one before,
    once registered on it; ArchModelError when there are not two models of that arch."""
    if arch not in ARCHES:
        raise ArchModelError("The arch must be 'upper' or 'lower'")
    models = _latest(session, patient_id, arch, None, 2)
    if len(models) < 2:
        raise ArchModelError("A deviation heat map needs two models of this arch")
    return heatmap_of(*(_mesh(session, m) for m in models))


def heatmap_of(newer: meshes.WebMesh, older: meshes.WebMesh) -> go.Figure:
    """The server work of a heat map: `newer` registered on `older`, coloured by its signed
    deviation (mm) from it."""
    normals = meshes.vertex_normals(older.vertices, older.faces)
    transform = meshes.register(newer.vertices, older.vertices, normals)
    deviation = meshes.signed_deviation(newer.vertices, older.vertices, normals, transform)
    moved = meshes.WebMesh.from_arrays(meshes.apply_transform(newer.vertices, transform),
                                       newer.faces)
    return meshes.heatmap_figure(moved, deviation)


def arches_with_two_dates(rows: list[ModelRow]) -> list[str]:
    """The arches that have models at two dates or more (a heat map can be shown)."""
    return [arch for arch in ARCHES if len({r.taken_on for r in rows if r.arch == arch}) >= 2]


def _latest(session: Session, patient_id: int, arch: str, taken_on: date | None,
            count: int) -> list[ArchModel]:
    query = select(ArchModel).where(ArchModel.patient_id == patient_id, ArchModel.arch == arch)
    if taken_on is not None:
        query = query.where(ArchModel.taken_on <= taken_on)
    query = query.order_by(col(ArchModel.taken_on).desc(), col(ArchModel.id).desc())
    return list(session.exec(query.limit(count)))


def _file_with_hash(session: Session, patient_id: int | None, digest: str) -> StoredFile | None:
    """A file of this patient with these bytes (never another patient's: downloads are
    authorized by the file's patient)."""
    return session.exec(select(StoredFile).where(StoredFile.sha256 == digest,
                                                 StoredFile.patient_id == patient_id)
                        .order_by(col(StoredFile.id))).first()


def _web_mesh_of(session: Session, original: StoredFile) -> StoredFile | None:
    web_id = session.exec(select(ArchModel.web_mesh_file_id)
                          .where(ArchModel.original_file_id == original.id)).first()
    return session.get(StoredFile, web_id) if web_id is not None else None


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


_meshes: OrderedDict[str, meshes.WebMesh] = OrderedDict()
_meshes_lock = Lock()


def _remember(digest: str, mesh: meshes.WebMesh) -> None:
    with _meshes_lock:
        _meshes[digest] = mesh
        _meshes.move_to_end(digest)
        while len(_meshes) > _CACHE_SIZE:
            _meshes.popitem(last=False)


def _mesh(session: Session, model: ArchModel) -> meshes.WebMesh:
    stored = session.get(StoredFile, model.web_mesh_file_id)
    if stored is None:
        raise ArchModelError("The 3D model file is missing")
    with _meshes_lock:
        cached = _meshes.get(stored.sha256)
    if cached is not None:
        return cached
    try:
        mesh = meshes.web_mesh_from_npz(storage.read_bytes(stored))
    except FileNotFoundError as exc:
        raise ArchModelError("The 3D model file is missing") from exc
    _remember(stored.sha256, mesh)
    return mesh
