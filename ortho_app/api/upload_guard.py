"""ASGI wrapper around Reflex's `/_upload`: nothing is ever served from it, and upload bodies
are capped while they stream (Reflex checks `max_size` only in the browser)."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ortho_app.core.settings import get_settings

UPLOAD_PREFIX = "/_upload"


async def _plain(send: Send, status: int, text: str) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"cache-control", b"no-store")]})
    await send({"type": "http.response.body", "body": text.encode()})


class UploadGuard:
    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(UPLOAD_PREFIX):
            await self.app(scope, receive, send)
            return
        if scope["method"] != "POST":
            await _plain(send, 404, "Not found")
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            await _plain(send, 413, "File too large")
            return
        received = 0
        state = {"started": False, "refused": False}

        async def counting_receive() -> Message:
            nonlocal received
            if state["refused"]:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    state["refused"] = True
                    if not state["started"]:
                        state["started"] = True
                        await _plain(send, 413, "File too large")
                    return {"type": "http.disconnect"}  # the upload handler stops reading
            return message

        async def guarded_send(message: Message) -> None:
            if state["refused"]:
                return  # we already answered 413
            if message["type"] == "http.response.start":
                state["started"] = True
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except Exception:
            if not state["refused"]:
                raise


def upload_guard(app: ASGIApp) -> ASGIApp:
    return UploadGuard(app, get_settings().max_upload_bytes)
