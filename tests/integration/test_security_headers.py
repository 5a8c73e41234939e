"""The security-headers wrapper around the app: untrusted hosts refused before anything runs,
headers on every response (a route's own stricter header kept), HSTS under https only,
camera only for the patient app's pages."""

from __future__ import annotations

import httpx
import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse, RedirectResponse
from starlette.routing import Route, WebSocketRoute

from ortho_app.api.security_headers import SecurityHeaders, trusted_hosts

calls: list[str] = []


async def page(request):
    calls.append(request.url.path)
    return PlainTextResponse("page")


async def own_policy(request):
    return PlainTextResponse("file", headers={"Content-Security-Policy": "default-src 'none'"})


async def redirect(request):
    return RedirectResponse(str(request.url_for("page")), status_code=303)


async def socket(websocket):
    await websocket.accept()
    await websocket.send_text("hello")
    await websocket.close()


def app(public_url: str) -> SecurityHeaders:
    inner = Starlette(routes=[Route("/", redirect), Route("/page", page, name="page"),
                              Route("/patient/scan", page), Route("/files/1", own_policy),
                              WebSocketRoute("/_event", socket)])
    return SecurityHeaders(inner, public_url)


async def get(public_url: str, path: str, host: str) -> httpx.Response:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app(public_url)),
                                 base_url=f"http://{host}") as client:
        return await client.get(path)


@pytest.mark.parametrize("host", ["evil.example", "clinic.example.evil", "evil.example:443",
                                  "127.0.0.1", None])
async def test_untrusted_host_is_refused_before_the_app_runs(host):
    calls.clear()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(
            app=app("https://clinic.example")), base_url=f"http://{host or 'x'}") as client:
        request = client.build_request("GET", "/page")
        if host is None:
            del request.headers["host"]
        response = await client.send(request)
    assert response.status_code == 400 and calls == []
    assert "evil" not in response.text


async def test_redirects_never_name_a_host_the_client_chose():
    response = await get("https://clinic.example", "/", "evil.example")
    assert response.status_code == 400 and "location" not in response.headers


@pytest.mark.parametrize("host", ["clinic.example", "CLINIC.example:8443"])
async def test_trusted_host_gets_the_headers(host):
    response = await get("https://clinic.example", "/page", host)
    assert response.status_code == 200
    csp = response.headers["content-security-policy"]
    for directive in ("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'",
                      "connect-src 'self' wss://clinic.example", "worker-src 'self' blob:"):
        assert directive in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"
    assert "camera=()" in response.headers["permissions-policy"]
    assert response.headers["strict-transport-security"].startswith("max-age=")


async def test_http_public_url_has_no_hsts_and_trusts_loopback_names():
    assert trusted_hosts("http://localhost:3000") >= {"localhost", "127.0.0.1", "::1"}
    for host in ("localhost:3000", "127.0.0.1:3000", "[::1]:3000"):
        response = await get("http://localhost:3000", "/page", host)
        assert response.status_code == 200, host
        assert "strict-transport-security" not in response.headers
        assert "connect-src 'self' ws://localhost:3000" in \
            response.headers["content-security-policy"]


async def test_camera_only_for_the_patient_app_and_route_policies_kept():
    scan = await get("https://clinic.example", "/patient/scan", "clinic.example")
    assert "camera=(self)" in scan.headers["permissions-policy"]
    download = await get("https://clinic.example", "/files/1", "clinic.example")
    assert download.headers["content-security-policy"] == "default-src 'none'"
    assert download.headers["x-content-type-options"] == "nosniff"


async def _websocket(host: str) -> list[dict]:
    """Open the app's websocket with this Host; what the app sent back."""
    sent: list[dict] = []
    incoming = [{"type": "websocket.connect"}, {"type": "websocket.disconnect", "code": 1000}]

    async def receive():
        return incoming.pop(0)

    async def send(message):
        sent.append(message)

    scope = {"type": "websocket", "path": "/_event", "raw_path": b"/_event",
             "query_string": b"", "headers": [(b"host", host.encode())], "scheme": "ws",
             "server": ("clinic.example", 443), "client": ("1.2.3.4", 5), "subprotocols": [],
             "root_path": "", "asgi": {"version": "3.0"}}
    await app("https://clinic.example")(scope, receive, send)
    return sent


async def test_websocket_from_an_untrusted_host_is_refused():
    trusted = await _websocket("clinic.example")
    assert [m["type"] for m in trusted][:2] == ["websocket.accept", "websocket.send"]
    refused = await _websocket("evil.example")
    assert [m["type"] for m in refused] == ["websocket.close"]
