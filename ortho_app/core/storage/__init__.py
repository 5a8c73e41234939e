"""The one private file store (fsspec): a local folder by default, S3-compatible when
STORAGE_URL is `s3://bucket/prefix` (options from STORAGE_OPTIONS).

An upload is counted while it streams into a nameless spool (past the limit:
UploadTooLarge), recognised by its bytes, checked for its kind, written to a temporary key and
moved under a random key only once every check has passed. The original name is metadata only.
Files leave the server only through the authorized download route (ortho_app.api.files).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import os
import secrets
from collections.abc import AsyncIterable, Coroutine, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO, overload

import fsspec
from fsspec import AbstractFileSystem
from sqlmodel import Session

from ortho_app.core.settings import ROOT, get_settings
from ortho_app.core.storage.file_errors import (
    FileRefused,
    UnsafeFile,
    UnsupportedFileType,
    UploadTooLarge,
)
from ortho_app.core.storage.file_names import safe_name
from ortho_app.core.storage.filetypes import CONTENT_TYPES, HEAD_BYTES, check_content, sniff_kind
from ortho_app.core.storage.upload_spool import UploadSpool
from ortho_app.models import StoredFile

__all__ = ["FileRefused", "UnsafeFile", "UnsupportedFileType", "UploadTooLarge", "checksum",
           "delete_file", "file_system", "open_file", "read_bytes", "save_stream",
           "save_stream_async", "sniff_kind"]

COPY_BLOCK = 1024 * 1024
INCOMING = ".incoming"


@dataclass(frozen=True)
class _Store:
    fs: AbstractFileSystem
    root: str
    local: bool

    def path(self, key: str) -> str:
        return f"{self.root}/{key[:2]}/{key}"


@dataclass(frozen=True)
class _Stored:
    key: str
    content_type: str
    size: int
    sha256: str


def _store() -> _Store:
    settings = get_settings()
    return _open_store(settings.storage_url, json.dumps(settings.storage_options, sort_keys=True))


@lru_cache(maxsize=4)
def _open_store(url: str, options_json: str) -> _Store:
    if url.startswith("s3://"):
        root = url.removeprefix("s3://").strip("/")
        if not root:
            raise ValueError("STORAGE_URL must name a bucket: s3://bucket/prefix")
        return _Store(fsspec.filesystem("s3", **json.loads(options_json)), root, local=False)
    if "://" in url and not url.startswith("file://"):
        raise ValueError("STORAGE_URL must be a local folder or s3://bucket/prefix")
    path = Path(url.removeprefix("file://")).resolve()
    uploads = os.environ.get("REFLEX_UPLOADED_FILES_DIR", "uploaded_files")
    for public in (ROOT / "assets", ROOT / ".web", ROOT / uploads):
        if path.is_relative_to(public.resolve()):
            raise ValueError(f"STORAGE_URL must not be inside the public folder {public}")
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return _Store(fsspec.filesystem("file"), path.as_posix(), local=True)


def reset() -> None:
    _open_store.cache_clear()


def file_system() -> tuple[AbstractFileSystem, str]:
    """The store's fsspec file system and its root (a local folder, or bucket/prefix on S3),
    for work on the whole store (backup and restore). Files live at `<root>/<key[:2]>/<key>`;
    `<root>/.incoming/` holds uploads being written."""
    store = _store()
    return store.fs, store.root


def _check_and_put(spool: UploadSpool, allowed_kinds: Iterable[str] | None) -> _Stored:
    """Sniff, check, then write to a temporary key and move it under a random key."""
    spool.file.seek(0)
    kind = sniff_kind(spool.file.read(HEAD_BYTES), spool.size)
    if allowed_kinds is not None and kind not in set(allowed_kinds):
        raise UnsupportedFileType("This type of file is not accepted here")
    cleaned = check_content(kind, spool.file, spool.size)
    payload = spool.file if cleaned is None else cleaned
    payload.seek(0)
    store = _store()
    key = secrets.token_hex(20)
    temporary, final = f"{store.root}/{INCOMING}/{secrets.token_hex(16)}", store.path(key)
    digest, size = hashlib.sha256(), 0
    try:
        if store.local:
            store.fs.makedirs(f"{store.root}/{INCOMING}", exist_ok=True)
            store.fs.makedirs(final.rsplit("/", 1)[0], exist_ok=True)
        with store.fs.open(temporary, "wb") as out:
            while block := payload.read(COPY_BLOCK):
                digest.update(block)
                size += len(block)
                out.write(block)
        store.fs.mv(temporary, final)
        if store.local:
            store.fs.chmod(final, 0o600)
    except BaseException:
        _remove_quietly(store, temporary, final)
        raise
    return _Stored(key, CONTENT_TYPES[kind], size, digest.hexdigest())


def _record(session: Session, stored: _Stored, original_name: str, **owner: Any) -> StoredFile:
    owner["uploaded_by"] = owner["uploaded_by"][:100]
    row = StoredFile(key=stored.key, original_name=safe_name(original_name),
                     content_type=stored.content_type, size=stored.size, sha256=stored.sha256,
                     **owner)
    try:
        session.add(row)
        session.flush()
    except BaseException:
        with contextlib.suppress(Exception):
            session.expunge(row)
        store = _store()
        _remove_quietly(store, store.path(stored.key))
        raise
    return row


def _remove_quietly(store: _Store, *paths: str) -> None:
    for path in paths:
        with contextlib.suppress(Exception):
            store.fs.rm(path)


def _remove_orphan(work: asyncio.Future[_Stored]) -> None:
    if not work.cancelled() and work.exception() is None:
        store = _store()
        _remove_quietly(store, store.path(work.result().key))


def _limit(max_bytes: int | None) -> int:
    return get_settings().max_upload_bytes if max_bytes is None else max_bytes


@overload
def save_stream(chunks: Iterable[bytes], *, original_name: str, session: Session,
                institution_id: int | None = None, patient_id: int | None = None,
                uploaded_by: str = "", max_bytes: int | None = None,
                allowed_kinds: Iterable[str] | None = None) -> StoredFile: ...


@overload
def save_stream(chunks: AsyncIterable[bytes], *, original_name: str, session: Session,
                institution_id: int | None = None, patient_id: int | None = None,
                uploaded_by: str = "", max_bytes: int | None = None,
                allowed_kinds: Iterable[str] | None = None
                ) -> Coroutine[Any, Any, StoredFile]: ...


def save_stream(chunks: Iterable[bytes] | AsyncIterable[bytes], *, original_name: str,
                session: Session, institution_id: int | None = None,
                patient_id: int | None = None, uploaded_by: str = "",
                max_bytes: int | None = None, allowed_kinds: Iterable[str] | None = None
                ) -> StoredFile | Coroutine[Any, Any, StoredFile]:
    """Check and store one file; add its StoredFile row (flushed, the caller commits).

    With an async iterable this returns a coroutine: `await save_stream(...)`.
    Raises UploadTooLarge, UnsupportedFileType or UnsafeFile (messages safe to show); then
    nothing is stored and no row is added. `max_bytes` defaults to MAX_UPLOAD_BYTES;
    `allowed_kinds` narrows the accepted kinds (see filetypes.CONTENT_TYPES).
    """
    if isinstance(chunks, AsyncIterable):
        return save_stream_async(chunks, original_name=original_name, session=session,
                                 institution_id=institution_id, patient_id=patient_id,
                                 uploaded_by=uploaded_by, max_bytes=max_bytes,
                                 allowed_kinds=allowed_kinds)
    if isinstance(chunks, bytes | bytearray | memoryview | str):
        raise TypeError("save_stream takes an iterable of byte chunks, e.g. [data]")
    spool = UploadSpool(_limit(max_bytes))
    with spool.file:
        for chunk in chunks:
            spool.add(chunk)
        stored = _check_and_put(spool, allowed_kinds)
    return _record(session, stored, original_name, institution_id=institution_id,
                   patient_id=patient_id, uploaded_by=uploaded_by)


async def save_stream_async(chunks: AsyncIterable[bytes], *, original_name: str,
                            session: Session, institution_id: int | None = None,
                            patient_id: int | None = None, uploaded_by: str = "",
                            max_bytes: int | None = None,
                            allowed_kinds: Iterable[str] | None = None) -> StoredFile:
    """As save_stream, for an async source; checks and writes run in a worker thread (if the
    caller is cancelled meanwhile, whatever that thread stored is removed)."""
    spool = UploadSpool(_limit(max_bytes))
    try:
        async for chunk in chunks:
            spool.add(chunk)
    except BaseException:
        spool.file.close()
        raise
    work = asyncio.get_running_loop().run_in_executor(None, _check_and_put, spool, allowed_kinds)
    work.add_done_callback(lambda _: spool.file.close())
    try:
        stored = await asyncio.shield(work)
    except asyncio.CancelledError:
        work.add_done_callback(_remove_orphan)
        raise
    return _record(session, stored, original_name, institution_id=institution_id,
                   patient_id=patient_id, uploaded_by=uploaded_by)


def open_file(stored: StoredFile) -> BinaryIO:
    """A binary, seekable file object (close it); FileNotFoundError if the bytes are gone."""
    store = _store()
    return store.fs.open(store.path(stored.key), "rb")


def read_bytes(stored: StoredFile) -> bytes:
    with open_file(stored) as handle:
        return handle.read()


def checksum(stored: StoredFile) -> tuple[int, str] | None:
    """(size, sha256) of the stored bytes, read back (compare with the row's); None when the
    bytes are missing."""
    digest, size = hashlib.sha256(), 0
    try:
        with open_file(stored) as handle:
            while block := handle.read(COPY_BLOCK):
                digest.update(block)
                size += len(block)
    except FileNotFoundError:
        return None
    return size, digest.hexdigest()


def delete_file(stored: StoredFile) -> None:
    """Remove the stored bytes (idempotent); deleting the row is the caller's business."""
    store = _store()
    with contextlib.suppress(FileNotFoundError):
        store.fs.rm(store.path(stored.key))
