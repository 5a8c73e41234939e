"""`/_upload` serves nothing and refuses bodies past the cap while they stream."""

from __future__ import annotations

import httpx
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from ortho_app.api.upload_guard import UploadGuard

CAP = 1000
seen: list[int] = []


async def inner_upload(request):
    body = b""
    async for chunk in request.stream():
        body += chunk
    seen.append(len(body))
    return PlainTextResponse("stored")


def client():
    inner = Starlette(routes=[Route("/_upload", inner_upload, methods=["POST"]),
                              Route("/_upload/{path:path}", inner_upload, methods=["GET"])])
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=UploadGuard(inner, CAP)),
                             base_url="http://test")


async def test_get_under_upload_is_refused():
    async with client() as c:
        assert (await c.get("/_upload/patient/photo.jpg")).status_code == 404
        assert (await c.head("/_upload/x")).status_code == 404


async def test_declared_length_over_cap_refused_at_once():
    seen.clear()
    async with client() as c:
        response = await c.post("/_upload", content=b"x" * (CAP + 1))
    assert response.status_code == 413 and seen == []


async def test_streamed_body_over_cap_refused_while_streaming():
    seen.clear()

    async def chunks():
        for _ in range(10):
            yield b"y" * 300

    async with client() as c:
        response = await c.post("/_upload", content=chunks())
    assert response.status_code == 413 and seen == []


async def test_body_within_cap_passes():
    seen.clear()
    async with client() as c:
        response = await c.post("/_upload", content=b"z" * CAP)
    assert response.status_code == 200 and seen == [CAP]
