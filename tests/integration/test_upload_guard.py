"""`/_upload` serves nothing and refuses bodies past the cap while they stream."""

from __future__ import annotations

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Mount, Route

from ortho_app.api.upload_guard import UploadGuard, upload_guard

CAP = 1000


class Inner:
    """A tiny app standing in for Reflex: records what reached it."""

    def __init__(self) -> None:
        self.bytes_seen = 0
        self.completed: list[int] = []
        self.calls: list[str] = []

    async def upload(self, request: Request) -> PlainTextResponse:
        self.calls.append(request.method)
        async for chunk in request.stream():
            self.bytes_seen += len(chunk)
        self.completed.append(self.bytes_seen)
        return PlainTextResponse("stored")

    async def public_file(self, request: Request) -> PlainTextResponse:
        self.calls.append("GET")
        return PlainTextResponse("patient photo")

    def app(self) -> Starlette:
        return Starlette(routes=[
            Route("/_upload", self.upload, methods=["POST", "PUT", "OPTIONS"]),
            Mount("/_upload", routes=[Route("/{path:path}", self.public_file)]),
            Route("/other", self.upload, methods=["GET", "POST"]),
        ])


@pytest.fixture
def inner() -> Inner:
    return Inner()


def client(app) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


@pytest.mark.parametrize("method,path", [
    ("GET", "/_upload/patient/photo.jpg"), ("HEAD", "/_upload/x"), ("GET", "/_upload"),
    ("GET", "/_upload/"),
])
async def test_reads_under_upload_are_refused(inner, method, path):
    async with client(UploadGuard(inner.app(), CAP)) as c:
        response = await c.request(method, path)
    assert response.status_code == 404 and b"patient" not in response.content
    assert inner.calls == []


async def test_declared_length_over_cap_is_refused_at_once(inner):
    async with client(UploadGuard(inner.app(), CAP)) as c:
        response = await c.post("/_upload", content=b"x" * (CAP + 1))
    assert response.status_code == 413 and inner.calls == []


async def test_chunked_body_over_cap_is_cut_while_streaming(inner):
    sent = 0

    async def chunks():
        nonlocal sent
        for _ in range(20):
            sent += 300
            yield b"y" * 300

    async with client(UploadGuard(inner.app(), CAP)) as c:
        response = await c.post("/_upload", content=chunks())
    assert response.status_code == 413 and response.text == "File too large"
    assert inner.calls == ["POST"] and inner.completed == []
    assert inner.bytes_seen <= CAP < sent


async def test_other_methods_with_a_body_are_capped_too(inner):
    async with client(UploadGuard(inner.app(), CAP)) as c:
        assert (await c.put("/_upload", content=b"x" * (CAP + 1))).status_code == 413
        assert (await c.options("/_upload")).status_code == 200  # CORS preflight passes
    assert inner.calls == ["OPTIONS"]


async def test_bodies_within_the_cap_pass(inner):
    async with client(UploadGuard(inner.app(), CAP)) as c:
        response = await c.post("/_upload", content=b"z" * CAP)

        async def chunks():
            for _ in range(4):
                yield b"z" * 250

        streamed = await c.post("/_upload", content=chunks())
    assert response.status_code == 200 and response.text == "stored"
    assert streamed.status_code == 200 and inner.completed == [CAP, 2 * CAP]


async def test_other_paths_are_untouched(inner):
    async with client(UploadGuard(inner.app(), CAP)) as c:
        assert (await c.get("/other")).status_code == 200
        assert (await c.post("/other", content=b"x" * (CAP * 5))).status_code == 200
    assert inner.completed == [0, CAP * 5]


async def test_bad_content_length_is_refused(inner):
    guard = UploadGuard(inner.app(), CAP)
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/_upload",
             "headers": [(b"content-length", b"12abc")]}
    await guard(scope, receive, send)
    assert sent[0]["status"] == 400 and inner.calls == []


async def test_upload_guard_reads_the_cap_from_settings(inner, settings_env):
    settings_env(max_upload_bytes="10")
    async with client(upload_guard(inner.app())) as c:
        assert (await c.post("/_upload", content=b"x" * 11)).status_code == 413
        assert (await c.post("/_upload", content=b"x" * 10)).status_code == 200
