"""3D arch models: upload (checks, storage, web mesh cache), lists and figures."""

from datetime import date

import numpy as np
import pytest
from sqlmodel import func, select

from ortho_app.core import storage
from ortho_app.demo.models3d import _moved
from ortho_app.models import ArchModel, StoredFile
from ortho_app.services.models3d import arch_models, meshes
from ortho_app.services.models3d.arch_models import ArchModelError
from tests import factories

D1, D2 = date(2026, 9, 1), date(2026, 11, 1)


def arch_stl(seed=1, upper=True, later=False, faces=3_000):
    vertices, triangles = meshes.generate_arch(faces, seed=seed, upper=upper)
    if later:
        vertices = _moved(vertices.astype(np.float64), seed)
    return meshes.to_binary_stl(vertices, triangles)


@pytest.fixture
def patient(session):
    practice = factories.institution(session)
    row = factories.patient(session, practice)
    session.commit()
    return row


def add(session, patient, arch="upper", taken_on=D1, **kw):
    return arch_models.add_arch_model(session, patient, arch=arch, taken_on=taken_on,
                                      stl_bytes=arch_stl(upper=arch == "upper", **kw),
                                      uploaded_by="staff:1")


def files_count(session):
    return session.exec(select(func.count()).select_from(StoredFile)).one()


def test_add_stores_original_and_web_mesh(session, patient):
    model = add(session, patient)
    session.commit()
    original = session.get(StoredFile, model.original_file_id)
    web = session.get(StoredFile, model.web_mesh_file_id)
    assert (model.patient_id, model.institution_id) == (patient.id, patient.institution_id)
    assert original.content_type == "model/stl" and original.patient_id == patient.id
    assert web.content_type == "application/zip" and web.patient_id == patient.id
    assert storage.read_bytes(original) == arch_stl()
    mesh = meshes.web_mesh_from_npz(storage.read_bytes(web))
    assert mesh.vertices.dtype == np.float32 and mesh.face_count > 1_000


def test_same_stl_again_reuses_stored_files(session, patient):
    first = add(session, patient)
    count = files_count(session)
    again = add(session, patient, taken_on=D2)
    assert files_count(session) == count
    assert (again.original_file_id, again.web_mesh_file_id) == (
        first.original_file_id, first.web_mesh_file_id)


def test_files_are_never_shared_with_another_patient(session, patient):
    other = factories.patient(session, factories.institution(session, name="Other"),
                              first="Other")
    first = add(session, patient)
    theirs = add(session, other)
    assert theirs.web_mesh_file_id != first.web_mesh_file_id
    assert session.get(StoredFile, theirs.web_mesh_file_id).patient_id == other.id


@pytest.mark.parametrize("arch", ["", "both", "UPPER"])
def test_bad_arch_is_refused(session, patient, arch):
    with pytest.raises(ArchModelError):
        arch_models.add_arch_model(session, patient, arch=arch, taken_on=D1,
                                   stl_bytes=arch_stl(), uploaded_by="x")


def test_bad_stl_stores_nothing(session, patient):
    with pytest.raises(meshes.MeshError):
        arch_models.add_arch_model(session, patient, arch="lower", taken_on=D1,
                                   stl_bytes=b"not an stl at all" * 10, uploaded_by="x")
    assert files_count(session) == 0
    assert session.exec(select(ArchModel)).first() is None


def test_models_of_lists_newest_first(session, patient):
    add(session, patient, "upper", D1)
    add(session, patient, "lower", D1)
    add(session, patient, "upper", D2, later=True)
    rows = arch_models.models_of(session, patient.id)
    assert [(r.arch, r.taken_on) for r in rows] == [("upper", D2), ("upper", D1),
                                                    ("lower", D1)]
    assert arch_models.arches_with_two_dates(rows) == ["upper"]
    assert arch_models.models_of(session, patient.id + 1000) == []


def test_figure_has_both_arches_as_typed_arrays(session, patient):
    assert arch_models.figure_for(session, patient.id) is None
    add(session, patient, "upper", D1)
    add(session, patient, "lower", D1)
    figure = arch_models.figure_for(session, patient.id)
    assert [t.name for t in figure.data] == ["Upper arch", "Lower arch"]
    assert isinstance(figure.data[0].x, np.ndarray)
    assert '"bdata"' in figure.to_json()


def test_figure_takes_latest_on_or_before_a_date(session, patient):
    add(session, patient, "upper", D1)
    add(session, patient, "upper", D2, later=True)
    latest = arch_models.figure_for(session, patient.id)
    before = arch_models.figure_for(session, patient.id, taken_on=D1)
    assert [t.name for t in latest.data] == ["Upper arch"]
    assert not np.allclose(latest.data[0].x, before.data[0].x)


def test_heatmap_shows_the_pushed_region(session, patient):
    add(session, patient, "upper", D1, faces=8_000)
    add(session, patient, "upper", D2, later=True, faces=8_000)
    figure = arch_models.heatmap_for(session, patient.id, "upper")
    trace = figure.data[0]
    deviation = np.asarray(trace.intensity)
    assert trace.colorbar.title.text == "mm"
    assert 0.25 < float(deviation.max()) < 0.6  # the 0.4 mm push, registered away the move
    assert float(np.median(np.abs(deviation))) < 0.05


def test_heatmap_needs_two_models(session, patient):
    add(session, patient, "lower", D1)
    with pytest.raises(ArchModelError):
        arch_models.heatmap_for(session, patient.id, "lower")
    with pytest.raises(ArchModelError):
        arch_models.heatmap_for(session, patient.id, "middle")


def test_missing_file_is_a_readable_error(session, patient):
    model = add(session, patient, "upper", D1)
    web = session.get(StoredFile, model.web_mesh_file_id)
    storage.delete_file(web)
    arch_models._meshes.clear()
    with pytest.raises(ArchModelError):
        arch_models.figure_for(session, patient.id)
