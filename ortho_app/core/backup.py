"""Backup and restore of the database and every stored file, into one folder.

    python -m ortho_app.core.backup backup PATH      (make backup)
    python -m ortho_app.core.backup restore PATH     (make restore BACKUP=PATH)

Both use the settings (DATABASE_URL, STORAGE_URL, STORAGE_OPTIONS). A backup folder holds:
- `database.sqlite` (SQLite's online backup) or `database.pgdump` (pg_dump's custom format,
  taken in the snapshot the row counts are read in): consistent while the app runs;
- `files/`: the store's whole folder or S3 prefix, copied through fsspec (without the uploads
  being written at that moment);
- `manifest.json`: when, the database kind, the schema revision and every table's row count.
The database is copied first, then the files, so every file the copied database knows is in
the backup unless it was deleted meanwhile. The folder is written as `PATH.partial` and renamed
to PATH once complete; it holds patient data: keep it as private as the database.

A restore goes into an empty database and an empty store (refused otherwise), then checks every
table's row count against the manifest and every stored file against its StoredFile's size
and sha256; anything missing or different is a BackupError (exit status 1).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, create_engine, func, inspect, make_url, text
from sqlalchemy.engine import URL
from sqlmodel import Session, SQLModel, select

import ortho_app.models  # noqa: F401 - registers every table
from ortho_app.core import storage
from ortho_app.core.settings import get_settings
from ortho_app.models import StoredFile
from ortho_app.models._base import utcnow

FORMAT = 1
MANIFEST = "manifest.json"
FILES = "files"
DUMPS = {"sqlite": "database.sqlite", "postgresql": "database.pgdump"}


class BackupError(RuntimeError):
    """The backup or restore cannot go on, or what was restored differs (safe to show)."""


@dataclass
class Restored:
    tables: dict[str, int]
    files: int
    problems: list[str] = field(default_factory=list)


def backup(target: Path) -> dict:
    """Write a backup of the configured database and store into the new folder `target`;
    returns its manifest."""
    target = Path(target)
    if target.exists():
        raise BackupError(f"{target} exists already: a backup goes into a new folder")
    partial = target.with_name(target.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(mode=0o700, parents=True)
    url = _database_url()
    kind = _kind(url)
    dump = partial / DUMPS[kind]
    tables, revision = (_dump_sqlite if kind == "sqlite" else _dump_postgres)(url, dump)
    files = _copy_out(partial / FILES)
    manifest = {"format": FORMAT, "created_at": utcnow().isoformat(), "database": kind,
                "revision": revision, "tables": tables, "files": files}
    (partial / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    (partial / MANIFEST).chmod(0o600)
    partial.rename(target)
    return manifest


def restore(source: Path) -> Restored:
    """Restore the backup folder `source` into the configured (empty) database and store,
    then check it."""
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"{source} is not a complete backup (no readable {MANIFEST})") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"This backup's format ({manifest.get('format')}) is not {FORMAT}")
    url = _database_url()
    kind = _kind(url)
    if manifest["database"] != kind:
        raise BackupError(f"This backup is of a {manifest['database']} database; DATABASE_URL "
                          f"is {kind}")
    _refuse_unless_empty(url)
    fs, root = storage.file_system()
    if fs.find(root):
        raise BackupError("The file store (STORAGE_URL) is not empty: restore into an empty one")
    (_load_sqlite if kind == "sqlite" else _load_postgres)(source / DUMPS[kind], url)
    files = _copy_in(source / FILES)
    restored = _check(url, manifest, files)
    if restored.problems:
        raise BackupError("The restored data differs from the backup:\n  "
                          + "\n  ".join(restored.problems))
    return restored


# --- the database -------------------------------------------------------------------------

def _database_url() -> URL:
    return make_url(get_settings().database_url)


def _kind(url: URL) -> str:
    kind = url.get_backend_name()
    if kind not in DUMPS:
        raise BackupError(f"Backups cover SQLite and PostgreSQL, not {kind}")
    return kind


@contextmanager
def _connection(url: URL, **options) -> Iterator[Connection]:
    """A connection of its own (no pragmas: a backup copy stays as it was written)."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            yield connection.execution_options(**options) if options else connection
    finally:
        engine.dispose()


def _counts(connection: Connection) -> tuple[dict[str, int], str]:
    """Every table's row count, and the schema revision (alembic's; "" without it)."""
    tables = {table.name: connection.execute(select(func.count()).select_from(table)
                                             ).scalar_one()
              for table in SQLModel.metadata.sorted_tables}
    revision = ""
    if inspect(connection).has_table("alembic_version"):
        revision = connection.execute(text("SELECT version_num FROM alembic_version")
                                      ).scalar() or ""
    return tables, revision


def _dump_sqlite(url: URL, dump: Path) -> tuple[dict[str, int], str]:
    path = Path(url.database or "")
    if not path.is_file():
        raise BackupError(f"There is no SQLite database at {path}")
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as source, \
            closing(sqlite3.connect(dump)) as copy:
        source.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    dump.chmod(0o600)
    with _connection(url.set(database=str(dump))) as connection:
        return _counts(connection)


def _load_sqlite(dump: Path, url: URL) -> None:
    path = Path(url.database or "")
    path.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(f"{dump.resolve().as_uri()}?mode=ro", uri=True)) as source, \
            closing(sqlite3.connect(path)) as target:
        source.backup(target)


def _refuse_unless_empty(url: URL) -> None:
    if url.get_backend_name() == "sqlite" and not Path(url.database or "").exists():
        return
    with _connection(url) as connection:
        if inspect(connection).get_table_names():
            raise BackupError("The database (DATABASE_URL) is not empty: restore into a new, "
                              "empty database")


def _postgres_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed: install the PostgreSQL client tools of "
                          "the server's major version (Debian: apt-get install "
                          "postgresql-client)")
    return found


def _postgres_env(url: URL) -> dict[str, str]:
    """libpq's variables for the URL (the password never appears on a command line)."""
    env = dict(os.environ)
    for name, value in (("PGHOST", url.host), ("PGPORT", url.port), ("PGUSER", url.username),
                        ("PGPASSWORD", url.password), ("PGDATABASE", url.database),
                        ("PGSSLMODE", url.query.get("sslmode"))):
        if value is not None:
            env[name] = str(value)
    return env


def _run(command: list[str], url: URL) -> None:
    done = subprocess.run(command, env=_postgres_env(url),  # noqa: S603 - pg tools, our args
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {done.stderr.strip()[-2000:]}")


def _dump_postgres(url: URL, dump: Path) -> tuple[dict[str, int], str]:
    pg_dump = _postgres_tool("pg_dump")
    with _connection(url, isolation_level="REPEATABLE READ") as connection, \
            connection.begin():
        snapshot = connection.execute(text("SELECT pg_export_snapshot()")).scalar_one()
        counted = _counts(connection)
        _run([pg_dump, "--format=custom", "--no-owner", "--no-privileges",
              f"--snapshot={snapshot}", f"--file={dump}"], url)
    dump.chmod(0o600)
    return counted


def _load_postgres(dump: Path, url: URL) -> None:
    _run([_postgres_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error",
          "--single-transaction", f"--dbname={url.database}", str(dump)], url)


# --- the files ----------------------------------------------------------------------------

def _is_local(fs) -> bool:
    return "file" in fs.protocol


def _copy_out(folder: Path) -> int:
    fs, root = storage.file_system()
    folder.mkdir(mode=0o700)
    copied = 0
    for path in fs.find(root):
        relative = path[len(root):].lstrip("/")
        if relative.split("/", 1)[0] == storage.INCOMING:
            continue  # an upload being written: its record is not committed
        local = folder / relative
        local.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fs.get_file(path, str(local))
        copied += 1
    return copied


def _copy_in(folder: Path) -> int:
    fs, root = storage.file_system()
    copied = 0
    for local in sorted(p for p in folder.rglob("*") if p.is_file()):
        remote = f"{root}/{local.relative_to(folder).as_posix()}"
        if _is_local(fs):
            fs.makedirs(remote.rsplit("/", 1)[0], exist_ok=True)
        fs.put_file(str(local), remote)
        if _is_local(fs):
            fs.chmod(remote, 0o600)
        copied += 1
    return copied


def _check(url: URL, manifest: dict, files: int) -> Restored:
    with _connection(url) as connection:
        tables, revision = _counts(connection)
        stored = Session(bind=connection).exec(select(StoredFile)).all()
        problems = [f"table {name}: {tables.get(name)} rows, the backup has {count}"
                    for name, count in manifest["tables"].items() if tables.get(name) != count]
        if revision != manifest["revision"]:
            problems.append(f"schema revision {revision!r}, the backup has "
                            f"{manifest['revision']!r}")
        if files != manifest["files"]:
            problems.append(f"{files} files copied, the backup has {manifest['files']}")
        for row in stored:
            found = storage.checksum(row)
            if found is None:
                problems.append(f"stored file {row.id}: missing")
            elif found != (row.size, row.sha256):
                problems.append(f"stored file {row.id}: its content differs from its checksum")
    return Restored(tables, files, problems)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ortho_app.core.backup",
        description="Back up, or restore into an empty database and store, the database "
                    "(DATABASE_URL) and every stored file (STORAGE_URL).")
    parser.add_argument("action", choices=("backup", "restore"))
    parser.add_argument("path", type=Path, help="the backup folder (a new one to back up)")
    options = parser.parse_args(argv)
    try:
        if options.action == "backup":
            manifest = backup(options.path)
            print(f"Backed up {sum(manifest['tables'].values())} rows and "
                  f"{manifest['files']} files into {options.path}")
        else:
            restored = restore(options.path)
            print(f"Restored {sum(restored.tables.values())} rows and {restored.files} files "
                  f"from {options.path}; every count and file checksum matches")
    except BackupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
