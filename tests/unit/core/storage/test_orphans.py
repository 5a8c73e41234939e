"""Orphans of the file store both ways (the check command) and the periodic clean-up of
abandoned uploads: half-written uploads, and uploads nothing refers to (a case never
submitted), never what a record still needs."""

from __future__ import annotations

import os
import time
from datetime import timedelta
from pathlib import Path

from sqlmodel import col, select, update

from ortho_app.core import storage
from ortho_app.core.storage import orphans
from ortho_app.models import StoredFile
from ortho_app.models._base import utcnow
from ortho_app.models.lab_cases import LabCaseFile
from tests.factories.lab_cases import build_world, new_case, stored
from tests.support import files as samples

OLD = orphans.ABANDONED_AFTER + timedelta(hours=1)


def root() -> Path:
    return Path(storage.file_system()[1])


def stray(relative: str, *, age: timedelta) -> str:
    """Bytes written straight into the store (as by a process stopped before its commit)."""
    path = root() / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(samples.PDF)
    stamp = time.time() - age.total_seconds()
    os.utime(path, (stamp, stamp))
    return relative


def uploaded(session, *, age: timedelta) -> StoredFile:
    row = stored(session, "stl")[0]
    session.exec(update(StoredFile).where(col(StoredFile.id) == row.id).values(
        created_at=utcnow() - age))
    session.commit()
    return row


def test_check_lists_orphans_both_ways_and_the_clean_up_removes_abandoned_uploads(session):
    new_case(session, build_world(session))  # its file is referred to by the case
    kept_file = session.exec(select(StoredFile)).one()
    session.exec(update(StoredFile).values(created_at=utcnow() - OLD))
    abandoned = uploaded(session, age=OLD)  # a case file never submitted
    recent = uploaded(session, age=timedelta(hours=2))  # a form still being filled in
    lost = uploaded(session, age=OLD)
    storage.delete_file(lost)  # its record stays: a record without its file
    session.commit()
    without_record = stray("ab/ab" + "0" * 38, age=timedelta(hours=2))
    being_written = stray("cd/cd" + "1" * 38, age=timedelta(minutes=5))  # its row commits soon
    unfinished = stray(f"{storage.INCOMING}/half-written", age=timedelta(hours=2))
    uploading = stray(f"{storage.INCOMING}/arriving", age=timedelta(minutes=1))

    found = orphans.find_orphans(session)
    assert found.files_without_record == [without_record]
    assert found.records_without_file == [lost.id]
    assert found.unfinished_uploads == [unfinished]
    assert found.abandoned_uploads == [abandoned.id, lost.id]

    removed = orphans.clean_up()
    assert (removed.unfinished_uploads, removed.abandoned_uploads) == (
        [unfinished], [abandoned.id, lost.id])
    assert removed.files_without_record == []  # only on request (see --remove)
    session.expire_all()
    assert sorted(session.exec(select(StoredFile.id))) == sorted([kept_file.id, recent.id])
    assert storage.checksum(kept_file) == (kept_file.size, kept_file.sha256)
    left = sorted(p.relative_to(root()).as_posix() for p in root().rglob("*") if p.is_file())
    assert left == sorted([f"{kept_file.key[:2]}/{kept_file.key}",
                           f"{recent.key[:2]}/{recent.key}", without_record, being_written,
                           uploading])


def test_check_command_removes_files_without_a_record_on_request(session, capsys):
    row = uploaded(session, age=timedelta(hours=2))
    without_record = stray("ef/ef" + "2" * 38, age=timedelta(hours=2))
    assert orphans.main([]) == 1
    assert f"stored files without a record (1): {without_record}" in capsys.readouterr().out
    assert orphans.main(["--remove"]) == 0
    output = capsys.readouterr().out
    assert f"removed stored files without a record (1): {without_record}" in output
    assert "No orphans" in output
    assert not (root() / without_record).exists()
    assert storage.checksum(row) == (row.size, row.sha256)  # a file with its record stays


def test_an_upload_referred_to_meanwhile_is_not_removed(session, monkeypatch):
    case = new_case(session, build_world(session), files=())
    row = uploaded(session, age=OLD)
    listed = orphans.find_orphans

    def submitted_meanwhile(own_session, **kwargs):
        found = listed(own_session, **kwargs)
        session.add(LabCaseFile(case_id=case.id, stored_file_id=row.id, kind="STL"))
        session.commit()  # the case form refers to the file between the listing and removal
        return found

    monkeypatch.setattr(orphans, "find_orphans", submitted_meanwhile)
    assert orphans.clean_up().abandoned_uploads == []
    assert storage.checksum(row) == (row.size, row.sha256)
