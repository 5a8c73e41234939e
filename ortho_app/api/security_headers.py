"""Security headers on every response, and the trusted-host check. Pure ASGI, no framework.

`SecurityHeaders(app, public_url)` wraps the whole app (pages, HTTP routes, the websocket):

- Trusted host: a request whose `Host` is not PUBLIC_URL's host name is answered 400 before
  anything runs, so no redirect, link or cookie is ever built from a host the client chose (a
  websocket with such a host is refused). When PUBLIC_URL names a loopback host, the other
  loopback names are trusted too (the demo on one machine). The port is not compared.
- Every HTTP response gets, unless its route set the header itself (downloads set a stricter
  policy): `Content-Security-Policy`, `X-Content-Type-Options: nosniff`,
  `Referrer-Policy: same-origin`, `Permissions-Policy` (no camera, microphone, location or
  payment API; the patient app's pages may use the camera, for the monitoring scan page the
  patient reaches from them without a page load) and, when PUBLIC_URL is https,
  `Strict-Transport-Security`.

The policy (`content_security_policy`) allows what the pages need and nothing else: Reflex's
pages run inline scripts and evaluate the scripts its events carry (toasts, `call_script`):
'unsafe-inline' and 'unsafe-eval' in script-src; emotion writes inline styles; the events
travel over the websocket to this host; plotly's 3D views draw from `blob:` workers and
`data:` images. No other origin anywhere, no plugin, no framing (frame-ancestors 'none'),
forms post only here.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ortho_app.core import urls
from ortho_app.core.settings import get_settings

__all__ = ["SecurityHeaders", "content_security_policy", "security_headers"]

LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})
HSTS = "max-age=31536000; includeSubDomains"
PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
PATIENT_APP_PERMISSIONS = PERMISSIONS.replace("camera=()", "camera=(self)")


def content_security_policy(public_url: str) -> str:
    parts = urlsplit(public_url)
    websocket = ("wss://" if parts.scheme == "https" else "ws://") + parts.netloc
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        f"connect-src 'self' {websocket}",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def _host_name(host: str) -> str:
    """`Host` header → lower-case host name without port ('[::1]:3000' → '::1')."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def trusted_hosts(public_url: str) -> frozenset[str]:
    name = (urlsplit(public_url).hostname or "").lower()
    return LOOPBACK | {name} if name in LOOPBACK else frozenset({name})


class SecurityHeaders:
    """Refuse untrusted hosts; add the security headers to every HTTP response."""

    def __init__(self, app: ASGIApp, public_url: str) -> None:
        self.app = app
        self.hosts = trusted_hosts(public_url)
        common = {
            b"content-security-policy": content_security_policy(public_url).encode(),
            b"x-content-type-options": b"nosniff",
            b"referrer-policy": b"same-origin",
        }
        if urlsplit(public_url).scheme == "https":
            common[b"strict-transport-security"] = HSTS.encode()
        self.headers = {**common, b"permissions-policy": PERMISSIONS.encode()}
        self.patient_app_headers = {**common,
                                    b"permissions-policy": PATIENT_APP_PERMISSIONS.encode()}

    def _trusted(self, scope: Scope) -> bool:
        hosts = [v for k, v in scope.get("headers") or [] if k.lower() == b"host"]
        return len(hosts) == 1 and _host_name(hosts[0].decode("latin-1")) in self.hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        if not self._trusted(scope):
            await _refuse(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        patient_app = path == urls.PATIENT_HOME or path.startswith(urls.PATIENT_HOME + "/")
        headers = self.patient_app_headers if patient_app else self.headers

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers") or []}
                message["headers"] = [*(message.get("headers") or []),
                                      *((k, v) for k, v in headers.items() if k not in present)]
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _refuse(scope: Scope, receive: Receive, send: Send) -> None:
    if scope["type"] == "websocket":
        await receive()  # websocket.connect; closing before accepting answers 403
        await send({"type": "websocket.close", "code": 1008})
        return
    body = b"Bad request"
    await send({"type": "http.response.start", "status": 400, "headers": [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        (b"cache-control", b"no-store"),
        (b"connection", b"close"),
    ]})
    await send({"type": "http.response.body", "body": body})


def security_headers(app: ASGIApp) -> ASGIApp:
    """For `rx.App(api_transformer=[..., security_headers])`: the outermost wrapper."""
    return SecurityHeaders(app, get_settings().public_url)
