"""The job that turns a patient's two uploaded arch STL files into a new 3D model (web meshes
processed once and cached), with progress in its job record (imported by the worker).

Progress is written by its own connection: the meshes are computed with no transaction open,
then everything is written in one short transaction (SQLite allows one writer at a time),
which also finishes the job: a run after a worker died mid-job adds the model once.
"""

from __future__ import annotations

from datetime import date

from ortho_app.core import storage
from ortho_app.core.db import db_session
from ortho_app.core.jobs import finish_job, run_tracked, task
from ortho_app.models import Patient
from ortho_app.services.models3d import arch_models, meshes

STEPS = {"upper": "Processing the upper arch", "lower": "Processing the lower arch"}
READY = "3D model ready"


def _patient(session, patient_id: int) -> Patient:
    patient = session.get(Patient, patient_id)
    if patient is None:
        raise arch_models.ArchModelError("This record is not available")
    return patient


@task
def add_3d_model(job_id: int, patient_id: int, files: dict[str, int], taken_on: str,
                 actor: str) -> None:
    def work(progress):
        with db_session() as session:
            stls = arch_models.uploaded_stls(session, _patient(session, patient_id), files)
        web = arch_models.web_meshes(
            stls, lambda fraction, arch: progress(0.9 * fraction, STEPS.get(arch, "")))
        progress(0.9, "Saving the 3D model")
        with db_session() as session:
            arch_models.add_models(session, _patient(session, patient_id), stls, web,
                                   taken_on=date.fromisoformat(taken_on), actor=actor)
            finish_job(job_id, READY, message=READY, session=session)  # the models, once
            session.commit()

    run_tracked(job_id, work, refusals=(arch_models.ArchModelError, meshes.MeshError,
                                        storage.FileRefused))
