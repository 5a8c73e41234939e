"""Authorized downloads: the only way a stored file leaves the server.

`GET /files/{id}`: the caller comes from the `ortho_session` cookie (401 without one); the file
goes out only when a record it belongs to admits the caller (`services/files/access`: by
kind, deny by default). Every refusal looks like a missing file (404) and is audited; every
download is audited. The response is an attachment that browsers must not sniff or cache.
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

from ortho_app.core import storage, urls
from ortho_app.core.authz import Refused, principal_from_cookie_header
from ortho_app.core.db import db_session
from ortho_app.models import StoredFile
from ortho_app.services.files import access as file_access

__all__ = ["ACTION", "download", "routes"]

log = logging.getLogger(__name__)
ACTION = "file.download"
BLOCK = 256 * 1024
NO_STORE = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}


@dataclass(frozen=True)
class _Decision:
    status: int
    stored: StoredFile | None = None


def _decide(cookie_header: str | None, file_id: int) -> _Decision:
    """Who is asking, and may they have this file? (blocking: runs in a worker thread)"""
    principal = principal_from_cookie_header(cookie_header)
    if principal is None:
        return _Decision(401)
    with db_session() as session:
        try:
            stored = file_access.authorize_file(session, principal, file_id, action=ACTION)
        except Refused:
            return _Decision(404)
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
