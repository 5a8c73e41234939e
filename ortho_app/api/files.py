"""Authorized downloads: the only way a stored file leaves the server.

`GET /files/{id}`: the caller comes from the `ortho_session` cookie (401 without one). A file
of a patient goes through `authorize_patient`; any other file is for staff of its own
institution. Every refusal looks like a missing file (404) and is audited; every download is
audited. The response is an attachment that browsers must not sniff or cache.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from ortho_app.core import audit, storage, urls
from ortho_app.core.authz import Refused, authorize_patient, principal_from_cookie_header
from ortho_app.core.db import db_session
from ortho_app.core.security.sessions import Principal
from ortho_app.models import SessionKind, StoredFile
from ortho_app.services.patient_app.files import patient_may_download

__all__ = ["ACTION", "download", "routes"]

log = logging.getLogger(__name__)
ACTION = "file.download"
BLOCK = 256 * 1024
NO_STORE = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}


class _NotShared(Refused):
    """A file of the patient's record the practice has not shared with this caller."""


@dataclass(frozen=True)
class _Decision:
    status: int
    stored: StoredFile | None = None


def _staff_of(principal: Principal, institution_id: int | None) -> bool:
    return (principal.kind == SessionKind.STAFF and institution_id is not None
            and principal.institution_id == institution_id)


def _decide(cookie_header: str | None, file_id: int) -> _Decision:
    """Who is asking, and may they have this file? (blocking: runs in a worker thread)"""
    principal = principal_from_cookie_header(cookie_header)
    if principal is None:
        return _Decision(401)
    target = f"file:{file_id}"
    with db_session() as session:
        stored = session.get(StoredFile, file_id)
        try:
            if stored is None:
                raise Refused("no such file")
            if stored.patient_id is not None:
                authorize_patient(session, principal, stored.patient_id, action=ACTION)
                if principal.kind == SessionKind.PATIENT and not patient_may_download(
                        session, stored, principal.phone or ""):
                    raise _NotShared("file not shared with the patient")
            elif not _staff_of(principal, stored.institution_id):
                raise Refused("file of another institution")
        except Refused as exc:
            session.rollback()  # nothing of this read is kept; frees SQLite for the audit
            if stored is None or stored.patient_id is None or isinstance(exc, _NotShared):
                audit.record_now(actor=principal.actor, action=ACTION, target=target,
                                 outcome="refused", detail=str(exc))
            return _Decision(404)
        audit.record(session, actor=principal.actor, action=ACTION, target=target,
                     patient_id=stored.patient_id)
        session.commit()
    return _Decision(200, stored)


def _blocks(handle: BinaryIO) -> Iterator[bytes]:
    with handle:
        while block := handle.read(BLOCK):
            yield block


def content_disposition(original_name: str) -> str:
    return f"attachment; filename*=UTF-8''{quote(original_name, safe='')}"


async def download(request: Request) -> Response:
    file_id: int = request.path_params["file_id"]
    decision = await run_in_threadpool(_decide, request.headers.get("cookie"), file_id)
    if decision.status == 401 or decision.stored is None:
        text = "Sign in first" if decision.status == 401 else "Not found"
        return PlainTextResponse(text, status_code=decision.status, headers=NO_STORE)
    stored = decision.stored
    try:
        handle = await run_in_threadpool(storage.open_file, stored)
    except FileNotFoundError:
        log.error("stored file %s has no bytes in storage", stored.id)
        return PlainTextResponse("Not found", status_code=404, headers=NO_STORE)
    return StreamingResponse(_blocks(handle), media_type=stored.content_type, headers={
        **NO_STORE,
        "Content-Disposition": content_disposition(stored.original_name),
        "Content-Length": str(stored.size),
        "Content-Security-Policy": "default-src 'none'; sandbox",
    })


routes: list[Route] = [Route(urls.FILE, download, methods=["GET"])]
