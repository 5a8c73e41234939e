"""Backup and restore: a practice's backup restored into an empty database and an empty store
finds every patient, file and payment, each file matching its checksum (SQLite, PostgreSQL
with TEST_DATABASE=postgres; the store in a folder or on S3)."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session, select

from ortho_app.core import backup, db, storage
from ortho_app.models import Patient, StoredFile
from ortho_app.models.payments import CareItem, PaymentAttempt, PaymentStatus
from tests import factories as f
from tests.conftest import ON_POSTGRES, drop_postgres_database, fresh_postgres_database
from tests.factories.payments import fee
from tests.integration.test_storage_s3 import BUCKET, s3  # noqa: F401 - the S3 fixture
from tests.support.files import ASCII_STL, PDF, image_bytes

CONTENTS = {"consent.pdf": PDF, "smile.png": image_bytes(), "arch.stl": ASCII_STL}


def add_practice(engine) -> None:
    with Session(engine) as session:
        practice = f.institution(session)
        for n, (name, data) in enumerate(CONTENTS.items()):
            patient = f.patient(session, practice, last=f"Martin{n}", first="Camille",
                                born=date(2011, 3, 14 + n), phone=f"+3361234567{n}")
            fee(session, patient, 40_000 + n, paid=10_000)
            session.add(PaymentAttempt(institution_id=practice.id, patient_id=patient.id,
                                       amount_cents=10_000 + n, status=PaymentStatus.SUCCEEDED,
                                       receipt_email="parent@example.test",
                                       actor=f"patient:{patient.id}"))
            storage.save_stream([data], original_name=name, session=session,
                                institution_id=practice.id, patient_id=patient.id,
                                uploaded_by="staff:1")
        session.commit()


def everything(engine) -> dict:
    with Session(engine) as session:
        return {
            "patients": sorted((p.id, p.last_name, p.first_name, p.date_of_birth, p.phone)
                               for p in session.exec(select(Patient))),
            "fees": sorted((c.id, c.patient_id, c.amount_due_cents, c.amount_paid_cents)
                           for c in session.exec(select(CareItem))),
            "payments": sorted((a.id, a.patient_id, a.amount_cents, a.status, a.created_at)
                               for a in session.exec(select(PaymentAttempt))),
            "files": sorted((s.id, s.patient_id, s.key, s.original_name, s.size, s.sha256)
                            for s in session.exec(select(StoredFile))),
        }


@pytest.fixture
def empty_database(tmp_path):
    """The URL of a new, empty database of the kind under test."""
    if not ON_POSTGRES:
        yield f"sqlite:///{tmp_path}/restored.db"
        return
    name = f"ortho_restore_{os.getpid()}"
    yield fresh_postgres_database(name)
    db.get_engine.cache_clear()
    drop_postgres_database(name)


def back_up_and_restore(engine, settings_env, tmp_path: Path, empty_database: str,
                        restored_store: dict) -> tuple[dict, Path]:
    add_practice(engine)
    before = everything(engine)
    folder = tmp_path / "backup"
    assert backup.main(["backup", str(folder)]) == 0
    manifest = json.loads((folder / backup.MANIFEST).read_text())
    assert (manifest["files"], manifest["tables"]["patient"]) == (len(CONTENTS), len(CONTENTS))
    engine.dispose()
    settings_env(database_url=empty_database, **restored_store)
    return before, folder


@pytest.mark.parametrize("place", ["folder", "s3"])
def test_backup_restored_into_empty_database_and_store_has_everything(
        request, settings_env, engine, tmp_path, empty_database, place, capsys):
    restored_store = {"storage_url": str(tmp_path / "restored-files")}
    if place == "s3":
        request.getfixturevalue("s3")
        restored_store = {"storage_url": f"s3://{BUCKET}/restored-files"}
    before, folder = back_up_and_restore(engine, settings_env, tmp_path, empty_database,
                                         restored_store)

    assert backup.main(["restore", str(folder)]) == 0
    assert "every count and file checksum matches" in capsys.readouterr().out
    restored = db.get_engine()
    assert everything(restored) == before
    with Session(restored) as session:
        for row in session.exec(select(StoredFile)):
            assert storage.checksum(row) == (row.size, row.sha256)
            assert storage.read_bytes(row) == CONTENTS[row.original_name]
    assert backup.main(["restore", str(folder)]) == 1  # never over existing data
    assert "is not empty" in capsys.readouterr().err


def test_restore_reports_a_file_that_differs_from_its_checksum(settings_env, engine, tmp_path,
                                                               empty_database):
    before, folder = back_up_and_restore(engine, settings_env, tmp_path, empty_database,
                                         {"storage_url": str(tmp_path / "restored-files")})
    damaged_id, key = before["files"][0][0], before["files"][0][2]
    (folder / backup.FILES / key[:2] / key).write_bytes(b"%PDF-1.7 something else")
    with pytest.raises(backup.BackupError, match=f"stored file {damaged_id}: its content"):
        backup.restore(folder)


def test_backup_refuses_an_existing_folder_and_restore_a_partial_one(settings_env, engine,
                                                                     tmp_path):
    (tmp_path / "taken").mkdir()
    with pytest.raises(backup.BackupError, match="new folder"):
        backup.backup(tmp_path / "taken")
    (tmp_path / "taken.partial").mkdir()
    with pytest.raises(backup.BackupError, match="not a complete backup"):
        backup.restore(tmp_path / "taken.partial")
