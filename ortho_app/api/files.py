"""Authorized downloads: the only way a stored file leaves the server."""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from ortho_app.core import audit, storage
from ortho_app.core.db import db_session
from ortho_app.core.guard import Refused, authorize_patient, principal_from_cookie_header
from ortho_app.models import SessionKind, StoredFile


def _not_found() -> Response:
    return PlainTextResponse("Not found", status_code=404, headers={"Cache-Control": "no-store"})


async def download(request: Request) -> Response:
    principal = principal_from_cookie_header(request.headers.get("cookie"))
    if principal is None:
        return PlainTextResponse("Sign in first", status_code=401,
                                 headers={"Cache-Control": "no-store"})
    file_id = request.path_params["file_id"]
    with db_session() as session:
        stored = session.get(StoredFile, file_id)
        if stored is None:
            return _not_found()
        try:
            if stored.patient_id is not None:
                authorize_patient(session, principal, stored.patient_id, action="file.download")
            elif principal.kind != SessionKind.STAFF or \
                    principal.institution_id != stored.institution_id:
                audit.record_now(actor=principal.actor, action="file.download",
                                 target=f"file:{file_id}", outcome="refused")
                return _not_found()
        except Refused:
            return _not_found()
        audit.record(session, actor=principal.actor, action="file.download",
                     target=f"file:{file_id}", patient_id=stored.patient_id)
        session.commit()
    handle = storage.open_file(stored)

    def chunks():
        with handle:
            while block := handle.read(256 * 1024):
                yield block

    return StreamingResponse(chunks(), media_type=stored.content_type, headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(stored.original_name)}",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-store",
        "Content-Length": str(stored.size),
    })


routes = [Route("/files/{file_id:int}", download, methods=["GET"])]
