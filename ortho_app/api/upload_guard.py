"""ASGI wrapper around Reflex's `/_upload`.

Reflex mounts its upload folder publicly at `/_upload` and checks `max_size` only in the
browser. This wrapper serves nothing from there (GET/HEAD → 404) and caps every request body
under `/_upload`: at once by Content-Length, otherwise while the body streams — past the cap
it answers 413 and the app behind it sees only a disconnect. Pure ASGI, no framework.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ortho_app.core.settings import get_settings

__all__ = ["UPLOAD_PREFIX", "UploadGuard", "upload_guard"]

UPLOAD_PREFIX = "/_upload"
READ_METHODS = frozenset({"GET", "HEAD"})


async def _answer(send: Send, status: int, text: str) -> None:
    body = text.encode()
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        (b"cache-control", b"no-store"),
        (b"connection", b"close"),
    ]})
    await send({"type": "http.response.body", "body": body})


def _declared_length(scope: Scope) -> int | None:
    """The largest Content-Length sent (-1 when one is not a number), None when absent."""
    values = [v for k, v in scope.get("headers") or [] if k.lower() == b"content-length"]
    if not values:
        return None
    if not all(v.strip().isdigit() for v in values):
        return -1
    return max(int(v) for v in values)


class UploadGuard:
    """`UploadGuard(app, max_bytes)`: refuse reads under /_upload, cap bodies sent there."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(UPLOAD_PREFIX):
            await self.app(scope, receive, send)
            return
        if scope["method"] in READ_METHODS:
            await _answer(send, 404, "Not found")
            return
        declared = _declared_length(scope)
        if declared == -1:
            await _answer(send, 400, "Bad request")
            return
        if declared is not None and declared > self.max_bytes:
            await _answer(send, 413, "File too large")
            return
        await _CappedRequest(self.app, self.max_bytes, scope, receive, send).run()


class _CappedRequest:
    """One request whose body is counted as the app reads it."""

    def __init__(self, app: ASGIApp, max_bytes: int, scope: Scope, receive: Receive,
                 send: Send) -> None:
        self.app, self.max_bytes, self.scope = app, max_bytes, scope
        self.outer_receive, self.outer_send = receive, send
        self.received = 0
        self.refused = False
        self.started = False

    async def run(self) -> None:
        try:
            await self.app(self.scope, self.receive, self.send)
        except Exception:
            if not self.refused:
                raise  # after a refusal the app's complaint about the cut body is expected

    async def receive(self) -> Message:
        if self.refused:
            return {"type": "http.disconnect"}
        message = await self.outer_receive()
        if message["type"] == "http.request":
            self.received += len(message.get("body", b""))
            if self.received > self.max_bytes:
                self.refused = True
                if not self.started:
                    self.started = True
                    await _answer(self.outer_send, 413, "File too large")
                return {"type": "http.disconnect"}
        return message

    async def send(self, message: Message) -> None:
        if self.refused:
            return  # 413 already sent: whatever the app answers now goes nowhere
        if message["type"] == "http.response.start":
            self.started = True
        await self.outer_send(message)


def upload_guard(app: ASGIApp) -> ASGIApp:
    """For `rx.App(api_transformer=[..., upload_guard])`: the cap is MAX_UPLOAD_BYTES."""
    return UploadGuard(app, get_settings().max_upload_bytes)
