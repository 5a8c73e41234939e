"""The job that turns a patient's two uploaded arch STL files into a new 3D model (web meshes
processed once and cached), with progress in its job record (listed in jobs.TASK_MODULES)."""

from __future__ import annotations

from datetime import date

from ortho_app.core import storage
from ortho_app.core.db import db_session
from ortho_app.core.jobs import finish_job, run_tracked, task
from ortho_app.models import Patient
from ortho_app.services import arch_models, meshes

MESSAGES = {0.0: "Processing the upper arch", 0.5: "Processing the lower arch",
            1.0: "3D model ready"}


@task
def add_3d_model(job_id: int, patient_id: int, files: dict[str, int], taken_on: str,
                 actor: str) -> None:
    def work(progress):
        def step(fraction: float, _message: str = "") -> None:
            progress(fraction, MESSAGES.get(fraction, ""))

        with db_session() as session:
            patient = session.get(Patient, patient_id)
            if patient is None:
                raise arch_models.ArchModelError("This record is not available")
            arch_models.add_models_from_files(session, patient, files,
                                              taken_on=date.fromisoformat(taken_on),
                                              actor=actor, progress=step)
            session.commit()
        return MESSAGES[1.0]

    try:
        run_tracked(job_id, work)
    except (arch_models.ArchModelError, meshes.MeshError, storage.FileRefused) as exc:
        finish_job(job_id, str(exc), failed=True)  # a clear message, no retry
