"""The one private file store (fsspec): a local folder by default, S3-compatible when
STORAGE_URL is `s3://…`. Files are checked while they stream in, stored under random keys and
served only through the authorized download route."""

from __future__ import annotations

import hashlib
import secrets
import tempfile
import unicodedata
from collections.abc import AsyncIterable, Iterable
from functools import lru_cache
from typing import BinaryIO

import fsspec
from sqlmodel import Session

from ortho_app.core import filetypes
from ortho_app.core.filetypes import UnsafeFile, UnsupportedFileType
from ortho_app.core.settings import get_settings
from ortho_app.models import StoredFile

__all__ = ["UnsafeFile", "UnsupportedFileType", "UploadTooLarge", "delete_file", "open_file",
           "read_bytes", "save_stream", "save_stream_async"]
HEAD_BYTES = 1024


class UploadTooLarge(ValueError):
    pass


@lru_cache
def _filesystem() -> tuple[fsspec.AbstractFileSystem, str]:
    settings = get_settings()
    url = settings.storage_url
    if "://" in url and not url.startswith("file://"):
        protocol, root = url.split("://", 1)
        return fsspec.filesystem(protocol, **settings.storage_options), root.rstrip("/")
    fs = fsspec.filesystem("file")
    root = url.removeprefix("file://").rstrip("/")
    fs.makedirs(root, exist_ok=True)
    return fs, root


def reset() -> None:
    _filesystem.cache_clear()


def _path(key: str) -> str:
    fs, root = _filesystem()
    return f"{root}/{key[:2]}/{key}"


def safe_name(name: str) -> str:
    name = unicodedata.normalize("NFC", name or "file").replace("\\", "/").split("/")[-1]
    name = "".join(c for c in name if c.isprintable() and c not in '<>:"|?*').strip(". ")
    return name[:200] or "file"


def _spool(chunks: Iterable[bytes], limit: int) -> tuple[tempfile.SpooledTemporaryFile, int]:
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > limit:
            spool.close()
            raise UploadTooLarge(f"File is larger than {limit // (1024 * 1024)} MB")
        spool.write(chunk)
    return spool, size


def _store(spool: BinaryIO, size: int, *, original_name: str, session: Session,
           allowed_kinds: set[str] | None, **owner) -> StoredFile:
    spool.seek(0)
    kind = filetypes.sniff_kind(spool.read(HEAD_BYTES), size)
    if allowed_kinds is not None and kind not in allowed_kinds:
        raise UnsupportedFileType("This file type is not accepted here")
    replacement = filetypes.check_content(kind, spool, size)
    payload: BinaryIO = spool
    if replacement is not None:
        import io

        payload, size = io.BytesIO(replacement), len(replacement)
    payload.seek(0)
    digest = hashlib.sha256()
    key = secrets.token_hex(20)
    fs, _root = _filesystem()
    fs.makedirs(_path(key).rsplit("/", 1)[0], exist_ok=True)
    with fs.open(_path(key), "wb") as out:
        while block := payload.read(1024 * 1024):
            digest.update(block)
            out.write(block)
    row = StoredFile(key=key, original_name=safe_name(original_name),
                     content_type=filetypes.CONTENT_TYPES[kind], size=size,
                     sha256=digest.hexdigest(), **owner)
    session.add(row)
    session.flush()
    return row


def save_stream(chunks: Iterable[bytes], *, original_name: str, session: Session,
                institution_id: int | None = None, patient_id: int | None = None,
                uploaded_by: str = "", max_bytes: int | None = None,
                allowed_kinds: set[str] | None = None) -> StoredFile:
    """Check and store a file; nothing is stored and no row is added when a check fails."""
    limit = max_bytes or get_settings().max_upload_bytes
    spool, size = _spool(chunks, limit)
    with spool:
        return _store(spool, size, original_name=original_name, session=session,
                      allowed_kinds=allowed_kinds, institution_id=institution_id,
                      patient_id=patient_id, uploaded_by=uploaded_by)


async def save_stream_async(chunks: AsyncIterable[bytes], **kwargs) -> StoredFile:
    """As save_stream, for an async source (e.g. an uploaded file read in chunks)."""
    limit = kwargs.get("max_bytes") or get_settings().max_upload_bytes
    collected, size = [], 0
    async for chunk in chunks:
        size += len(chunk)
        if size > limit:
            raise UploadTooLarge(f"File is larger than {limit // (1024 * 1024)} MB")
        collected.append(chunk)
    return save_stream(collected, **kwargs)


def open_file(stored: StoredFile) -> BinaryIO:
    fs, _root = _filesystem()
    return fs.open(_path(stored.key), "rb")


def read_bytes(stored: StoredFile) -> bytes:
    with open_file(stored) as handle:
        return handle.read()


def delete_file(stored: StoredFile) -> None:
    fs, _root = _filesystem()
    fs.rm(_path(stored.key))
