"""'Add a new 3D model': each arch's STL checked and stored as it arrives, then both processed
into a new model (as the job runs it) with its history entry."""

from datetime import date

import pytest
from sqlmodel import select

from ortho_app.core import storage
from ortho_app.models import ArchModel, MonitoringEvent, StoredFile
from ortho_app.services.models3d import arch_models, meshes
from tests import factories
from tests.support.files import binary_stl, image_bytes
from tests.support.jobs import WorkerKilled, age
from tests.unit.services.models3d.test_arch_models import arch_stl, files_count

D1 = date(2026, 9, 1)


@pytest.fixture
def patient(session):
    row = factories.patient(session, factories.institution(session))
    session.commit()
    return row


def store(session, patient, data, **kw):
    return arch_models.store_stl(session, patient, data, original_name="upper.stl",
                                 uploaded_by="staff:1", **kw)


@pytest.mark.parametrize("data,message", [
    (image_bytes(), r"not an STL file \(it is a PNG file\)"),
    (binary_stl(10, declared=11), "declares 11 triangles"),
    (binary_stl(0), "no triangles"),
    (b"hello", "not an STL file"),
    (b"solid x\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nendloop\nendfacet\n",
     "malformed"),
])
def test_store_stl_refuses_bad_files_with_clear_messages(session, patient, data, message):
    with pytest.raises((meshes.MeshError, storage.FileRefused), match=message):
        store(session, patient, data)
    assert files_count(session) == 0


def test_store_stl_refuses_too_many_triangles(session, patient):
    with pytest.raises(meshes.MeshError, match="too many triangles"):
        store(session, patient, binary_stl(51), max_triangles=50)
    assert files_count(session) == 0


def test_store_stl_keeps_file_once_per_patient(session, patient):
    data = arch_stl()
    first = store(session, patient, data)
    again = store(session, patient, data)
    assert first.id == again.id and first.patient_id == patient.id
    assert first.content_type == "model/stl"


def add_from_files(session, patient, files, progress=lambda f, a: None):
    stls = arch_models.uploaded_stls(session, patient, files)
    web = arch_models.web_meshes(stls, progress)
    return arch_models.add_models(session, patient, stls, web, taken_on=D1, actor="staff:1")


def test_add_models_from_files_adds_both_arches_and_history(session, patient):
    files = {"upper": store(session, patient, arch_stl(upper=True)).id,
             "lower": store(session, patient, arch_stl(upper=False)).id}
    seen = []
    added = add_from_files(session, patient, files, lambda f, arch: seen.append((f, arch)))
    session.commit()
    assert seen == [(0.0, "upper"), (0.5, "lower")]
    assert sorted(m.arch for m in added) == ["lower", "upper"]
    assert {m.original_file_id for m in added} == set(files.values())
    assert arch_models.figure_for(session, patient.id) is not None
    history = session.exec(select(MonitoringEvent).where(
        MonitoringEvent.patient_id == patient.id)).all()
    assert [e.kind for e in history] == ["3d_model"]


def test_add_models_from_files_needs_both_arches_of_this_patient(session, patient):
    upper = store(session, patient, arch_stl(upper=True))
    with pytest.raises(arch_models.ArchModelError, match="two STL files"):
        add_from_files(session, patient, {"upper": upper.id})
    other = factories.patient(session, factories.institution(session), first="Other")
    with pytest.raises(arch_models.ArchModelError, match="not available"):
        add_from_files(session, other, {"upper": upper.id, "lower": upper.id})
    assert session.exec(select(ArchModel)).all() == []
    assert len(session.exec(select(StoredFile)).all()) == 1


def test_job_adds_the_model_and_reports_progress(session, patient):
    from ortho_app.core import jobs
    from ortho_app.models import JobStatus
    from ortho_app.services.models3d import jobs as arch_model_jobs

    files = {"upper": store(session, patient, arch_stl(upper=True)).id,
             "lower": store(session, patient, arch_stl(upper=False)).id}
    session.commit()
    job = jobs.start_job("models.add_3d_model", owner="staff:1")
    arch_model_jobs.add_3d_model.call_local(job.id, patient.id, files, "2026-09-01", "staff:1")
    record = jobs.job_status(job.id)
    assert record.status == JobStatus.DONE and record.message == arch_model_jobs.READY
    assert len(arch_models.models_of(session, patient.id)) == 2
    bad = jobs.start_job("models.add_3d_model", owner="staff:1")
    arch_model_jobs.add_3d_model.call_local(bad.id, patient.id, {"upper": files["upper"]},
                                            "2026-09-01", "staff:1")
    failed = jobs.job_status(bad.id)
    assert failed.status == JobStatus.FAILED and failed.result.startswith("Add two STL files")


def test_job_run_again_after_its_worker_died_adds_the_model_once(session, patient, monkeypatch):
    from ortho_app.core import jobs
    from ortho_app.models import JobStatus
    from ortho_app.services.models3d import jobs as arch_model_jobs

    files = {"upper": store(session, patient, arch_stl(upper=True)).id,
             "lower": store(session, patient, arch_stl(upper=False)).id}
    session.commit()
    job = jobs.start_job("models.add_3d_model", owner="staff:1",
                         task=arch_model_jobs.add_3d_model,
                         args=(patient.id, files, "2026-09-01", "staff:1"))
    computed = arch_models.web_meshes

    def killed(*args, **kwargs):
        computed(*args, **kwargs)
        raise WorkerKilled

    monkeypatch.setattr(arch_models, "web_meshes", killed)
    with pytest.raises(WorkerKilled):
        jobs.enqueue(job.id)
    monkeypatch.setattr(arch_models, "web_meshes", computed)
    assert jobs.job_status(job.id).status == JobStatus.RUNNING
    age(job.id, leases=1)
    assert jobs.reap_stale_jobs() == 1  # queued again (run inline here)
    jobs.enqueue(job.id)  # and once more: a finished job is not run again
    done = jobs.job_status(job.id)
    assert (done.status, done.attempts, done.message) == (JobStatus.DONE, 2, arch_model_jobs.READY)
    assert len(arch_models.models_of(session, patient.id)) == 2
    events = session.exec(select(MonitoringEvent).where(MonitoringEvent.kind == "3d_model")).all()
    assert len(events) == 1


def test_job_finished_by_another_run_meanwhile_adds_nothing(session, patient, monkeypatch):
    from ortho_app.core import jobs
    from ortho_app.services.models3d import jobs as arch_model_jobs

    files = {"upper": store(session, patient, arch_stl(upper=True)).id,
             "lower": store(session, patient, arch_stl(upper=False)).id}
    session.commit()
    job = jobs.start_job("models.add_3d_model", owner="staff:1")
    computed = arch_models.web_meshes

    def overtaken(*args, **kwargs):  # the reaper took it back, another worker finished first
        meshes_ = computed(*args, **kwargs)
        jobs.finish_job(job.id, "added by the other run")
        return meshes_

    monkeypatch.setattr(arch_models, "web_meshes", overtaken)
    arch_model_jobs.add_3d_model.call_local(job.id, patient.id, files, "2026-09-01", "staff:1")
    assert arch_models.models_of(session, patient.id) == []
    assert jobs.job_status(job.id).result == "added by the other run"
