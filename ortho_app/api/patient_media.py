"""Authorized routes of the patient app's documents and imaging.

`GET /documents/{id}/view`: the document's PDF (its current version) shown in the browser
(inline). `GET /imaging/{patient_id}/images.zip`: every image shared with the patient, in one
zip. Who may have them is the rule of `services/files/access` (the patient's session when
shared with the phone's holder, clinic staff who may see the patient; nobody else). The caller
comes from the session cookie as for `GET /files/{id}`; every refusal looks like a missing
file (404) and is audited, every download is audited.
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
from ortho_app.core import storage, urls
from ortho_app.core.authz import Refused, principal_from_cookie_header
from ortho_app.core.db import db_session
from ortho_app.services.files import access as file_access
from ortho_app.services.imaging import images as imaging

SPOOL_IN_MEMORY = 8 * 1024 * 1024


@dataclass(frozen=True)
class _Answer:
    status: int
    handle: BinaryIO | None = None
    name: str = ""
    content_type: str = ""
    size: int = 0


def _document_pdf(cookie: str | None, document_id: int) -> _Answer:
    principal = principal_from_cookie_header(cookie)
    if principal is None:
        return _Answer(401)
    with db_session() as session:
        try:
            _, stored = file_access.authorize_document(session, principal, document_id,
                                                       action="document.view")
        except Refused:
            return _Answer(404)
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
            patient = file_access.authorize_shared_images(session, principal, patient_id,
                                                          action="imaging.zip")
        except Refused:
            return _Answer(404)
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
        # A PDF or a zip, no script of ours: only framing is limited (the browser's PDF
        # viewer does not run under the pages' policy).
        "Content-Security-Policy": "frame-ancestors 'self'",
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
