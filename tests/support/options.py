"""Change a practice's patient-app options on the shared app for one test, then put back
exactly what was there (the demo's own options included)."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager

from ortho_app.models.patient_app import PatientAppOptions
from tests.support.server import AppServer

FLAGS = [name for name in PatientAppOptions.model_fields if name not in ("id", "institution_id")]


@contextmanager
def practice_options(server: AppServer, institution_id: int, **values: int):
    unknown = set(values) - set(FLAGS)
    assert not unknown, unknown
    with sqlite3.connect(server.data_dir / "app.db") as db:
        before = db.execute(f"SELECT {', '.join(FLAGS)} FROM patientappoptions "
                            "WHERE institution_id = ?", (institution_id,)).fetchone()
        if before is None:
            defaults = PatientAppOptions(institution_id=institution_id)
            db.execute(f"INSERT INTO patientappoptions (institution_id, {', '.join(FLAGS)}) "
                       f"VALUES (?{', ?' * len(FLAGS)})",
                       (institution_id, *[int(getattr(defaults, f)) for f in FLAGS]))
        db.execute(f"UPDATE patientappoptions SET {', '.join(f'{k} = ?' for k in values)} "
                   "WHERE institution_id = ?", (*values.values(), institution_id))
    try:
        yield
    finally:
        with sqlite3.connect(server.data_dir / "app.db") as db:
            if before is None:
                db.execute("DELETE FROM patientappoptions WHERE institution_id = ?",
                           (institution_id,))
            else:
                db.execute(f"UPDATE patientappoptions SET {', '.join(f'{k} = ?' for k in FLAGS)}"
                           " WHERE institution_id = ?", (*before, institution_id))
