"""Authorized routes of the patient app's documents and imaging.

`GET /documents/{id}/view`: the document's PDF shown in the browser (inline), for the patient's
session when the document is shared with the phone's holder, or for staff who may see the
patient. `GET /imaging/{patient_id}/images.zip`: every image shared with the patient, in one
zip. The caller comes from the session cookie as for `GET /files/{id}`; every refusal looks
like a missing file (404) and is audited, every download is audited.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date
from typing import BinaryIO

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from ortho_app.api.files import NO_STORE, _blocks, content_disposition
from ortho_app.core import audit, storage, urls
from ortho_app.core.authz import Refused, authorize_patient, principal_from_cookie_header
from ortho_app.core.db import db_session
from ortho_app.models import SessionKind, StoredFile
from ortho_app.models.documents import SharedDocument
from ortho_app.services.documents import sharing as documents
from ortho_app.services.imaging import images as imaging
from ortho_app.services.patient_app import modules as patient_modules
from ortho_app.services.patient_app.modules import Module

SPOOL_IN_MEMORY = 8 * 1024 * 1024


@dataclass(frozen=True)
class _Answer:
    status: int
    handle: BinaryIO | None = None
    name: str = ""
    content_type: str = ""
    size: int = 0


def _refuse(session, principal, action: str, target: str, reason: str) -> _Answer:
    session.rollback()  # nothing of this read is kept; frees SQLite for the audit
    audit.record_now(actor=principal.actor, action=action, target=target, outcome="refused",
                     detail=reason)
    return _Answer(404)


def _document_pdf(cookie: str | None, document_id: int) -> _Answer:
    principal = principal_from_cookie_header(cookie)
    if principal is None:
        return _Answer(401)
    action, target = "document.view", f"document:{document_id}"
    with db_session() as session:
        document = session.get(SharedDocument, document_id)
        if document is None:
            return _refuse(session, principal, action, target, "no such document")
        try:
            patient = authorize_patient(session, principal, document.patient_id, action=action)
            if principal.kind == SessionKind.PATIENT:
                patient_modules.require_module(session, patient, Module.DOCUMENTS)
                signer = documents.signer_for(session, patient, principal.phone or "")
                if signer is None:
                    raise Refused("no signer")
                documents.get_document(session, patient, document.id, signer)
        except Refused as exc:
            return _refuse(session, principal, action, target, str(exc))
        stored = session.get(StoredFile, document.stored_file_id)
        session.commit()
    try:
        handle = storage.open_file(stored)
    except FileNotFoundError:
        return _Answer(404)
    return _Answer(200, handle, stored.original_name, "application/pdf", stored.size)


def _images_zip(cookie: str | None, patient_id: int) -> _Answer:
    principal = principal_from_cookie_header(cookie)
    if principal is None:
        return _Answer(401)
    with db_session() as session:
        try:
            patient = authorize_patient(session, principal, patient_id, action="imaging.zip")
            if principal.kind == SessionKind.PATIENT:
                patient_modules.require_module(session, patient, Module.IMAGING)
        except Refused as exc:
            return _refuse(session, principal, "imaging.zip", f"patient:{patient_id}",
                           str(exc))
        out = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115
        imaging.write_shared_zip(session, patient, out)
        session.commit()
    size = out.tell()
    out.seek(0)
    name = f"imagerie-{patient.last_name}-{patient.first_name}-{date.today():%Y%m%d}.zip"
    return _Answer(200, out, name, "application/zip", size)


def _send(answer: _Answer, disposition: str) -> Response:
    if answer.handle is None:
        text = "Sign in first" if answer.status == 401 else "Not found"
        return PlainTextResponse(text, status_code=answer.status, headers=NO_STORE)
    return StreamingResponse(_blocks(answer.handle), media_type=answer.content_type, headers={
        **NO_STORE, "Content-Length": str(answer.size),
        "Content-Disposition": disposition,
        "X-Frame-Options": "SAMEORIGIN",
    })


async def view_document(request: Request) -> Response:
    answer = await run_in_threadpool(_document_pdf, request.headers.get("cookie"),
                                     request.path_params["document_id"])
    inline = content_disposition(answer.name).replace("attachment", "inline", 1)
    return _send(answer, inline)


async def images_zip(request: Request) -> Response:
    answer = await run_in_threadpool(_images_zip, request.headers.get("cookie"),
                                     request.path_params["patient_id"])
    return _send(answer, content_disposition(answer.name))


routes: list[Route] = [
    Route(urls.DOCUMENT_VIEW, view_document, methods=["GET"]),
    Route(urls.IMAGES_ZIP, images_zip, methods=["GET"]),
]
