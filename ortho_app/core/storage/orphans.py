"""Orphans of the file store, both ways, and the periodic clean-up of abandoned uploads.

    python -m ortho_app.core.storage.orphans [--remove]      (make check-files)

- files without a record: bytes in the store that no StoredFile row names (the app or a worker
  stopped between writing a file and committing its row);
- records without their file: StoredFile rows whose bytes are missing (restore them from a
  backup);
- unfinished uploads: files left half-written in the store's `.incoming/` folder;
- abandoned uploads: StoredFile rows that nothing refers to (case files never submitted, scan
  photos never sent, chat attachments never posted, an STL never made a 3D model), older than
  ABANDONED_AFTER. "Refers to" is any foreign key to storedfile.id, whatever its feature.
Files younger than GRACE are left out: they may be an upload whose row is about to commit.

The periodic job (hourly, on the consumer) removes the unfinished and the abandoned uploads
(row, then bytes). The files without a record are removed only by `--remove`: a store shared
with another database, or a database pointed at the wrong store, would make every file look
like one. Records without their file are only listed.
"""

from __future__ import annotations

import argparse
import logging
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import Column, delete, exists
from sqlmodel import Session, SQLModel, col, select

from ortho_app.core import jobs, storage
from ortho_app.core.db import db_session
from ortho_app.models import StoredFile
from ortho_app.models._base import utcnow

log = logging.getLogger(__name__)
GRACE = timedelta(hours=1)
ABANDONED_AFTER = timedelta(days=2)


@dataclass
class Orphans:
    files_without_record: list[str] = field(default_factory=list)  # paths under the root
    records_without_file: list[int] = field(default_factory=list)  # StoredFile ids
    unfinished_uploads: list[str] = field(default_factory=list)  # paths under the root
    abandoned_uploads: list[int] = field(default_factory=list)  # StoredFile ids

    def lines(self) -> list[str]:
        return [f"{label} ({len(items)}): {', '.join(map(str, items))}"
                for label, items in (
                    ("stored files without a record", self.files_without_record),
                    ("records whose file is missing (StoredFile ids)",
                     self.records_without_file),
                    ("unfinished uploads", self.unfinished_uploads),
                    ("abandoned uploads (StoredFile ids)", self.abandoned_uploads))
                if items]


def find_orphans(session: Session, *, now: datetime | None = None) -> Orphans:
    now = now or utcnow()
    fs, root = storage.file_system()
    named = set(session.exec(select(StoredFile.key)))
    found, present = Orphans(), set()
    for path, info in fs.find(root, detail=True).items():
        relative = path[len(root):].lstrip("/")
        folder, _, name = relative.rpartition("/")
        old = _modified(info) < now - GRACE
        if folder == storage.INCOMING:
            if old:
                found.unfinished_uploads.append(relative)
        elif folder == name[:2] and name in named:
            present.add(name)
        elif old:
            found.files_without_record.append(relative)
    found.records_without_file = [file_id for file_id, key in session.exec(
        select(StoredFile.id, StoredFile.key).order_by(StoredFile.id)) if key not in present]
    found.abandoned_uploads = list(session.exec(
        select(StoredFile.id).where(*_abandoned(now)).order_by(StoredFile.id)))
    return found


def clean_up(*, now: datetime | None = None, files_without_record: bool = False) -> Orphans:
    """Remove the unfinished and the abandoned uploads — and the files without a record when
    asked; returns what was removed."""
    now = now or utcnow()
    with db_session() as session:
        found = find_orphans(session, now=now)
    fs, root = storage.file_system()
    removed = Orphans(unfinished_uploads=found.unfinished_uploads,
                      files_without_record=found.files_without_record if files_without_record
                      else [])
    for relative in removed.unfinished_uploads + removed.files_without_record:
        fs.rm(f"{root}/{relative}")
    for file_id in found.abandoned_uploads:
        with db_session() as session:
            row = session.get(StoredFile, file_id)
            # still abandoned as it is deleted: a submission referring to it now keeps it
            gone = row is not None and session.exec(delete(StoredFile).where(
                col(StoredFile.id) == file_id, *_abandoned(now))).rowcount == 1
            session.commit()
        if gone:
            storage.delete_file(row)
            removed.abandoned_uploads.append(file_id)
    if removed.lines():
        log.info("file store clean-up: %s", "; ".join(removed.lines()))
    return removed


@jobs.periodic("upload-cleanup", minute="17")
def upload_cleanup() -> None:
    clean_up()


def _references() -> list[Column]:
    """Every column that refers to a stored file, in every feature's tables."""
    return [column for table in SQLModel.metadata.sorted_tables for column in table.columns
            if any(key.references(StoredFile.__table__) for key in column.foreign_keys)]


def _abandoned(now: datetime) -> list:
    return [col(StoredFile.created_at) < now - ABANDONED_AFTER,
            *(~exists().where(column == StoredFile.id) for column in _references())]


def _modified(info: dict) -> datetime:
    """When a listed file was last written (local: mtime; S3: LastModified); unknown: now."""
    if "mtime" in info:
        return datetime.fromtimestamp(float(info["mtime"]), UTC)
    modified = info.get("LastModified")
    if isinstance(modified, datetime):
        return modified if modified.tzinfo else modified.replace(tzinfo=UTC)
    return utcnow()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ortho_app.core.storage.orphans",
        description="List the file store's orphans both ways (exit status 1 when there are).")
    parser.add_argument("--remove", action="store_true",
                        help="also remove the files without a record, the unfinished and the "
                             "abandoned uploads (never a record: restore its file instead)")
    options = parser.parse_args(argv)
    if options.remove:
        for line in clean_up(files_without_record=True).lines():
            print(f"removed {line}")
    with db_session() as session:
        found = find_orphans(session)
    for line in found.lines():
        print(line)
    if not found.lines():
        print("No orphans: every stored file has its record and every record its file.")
    return 1 if found.lines() else 0


if __name__ == "__main__":
    sys.exit(main())
