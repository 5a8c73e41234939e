"""On the running app: every page and route carries the security headers, and a request for
another host is refused (400) instead of being answered with links and redirects to it."""

from __future__ import annotations

import httpx
import pytest

pytestmark = pytest.mark.e2e

PAGES = ["/login", "/patient/login", "/clinic", "/lab", "/admin", "/patient", "/patient/scan",
         "/clinic/patients/1"]
ROUTES = ["/", "/auth/home", "/files/1", "/documents/1/view", "/imaging/1/images.zip",
          "/calendar/appointments/1.ics", "/_upload/x.png", "/ping"]


@pytest.mark.parametrize("path", PAGES + ROUTES)
def test_every_page_and_route_has_the_headers(app_server, path):
    response = httpx.get(app_server.url + path, follow_redirects=False)
    assert response.status_code < 500, (path, response.status_code)
    headers = response.headers
    assert "frame-ancestors" in headers["content-security-policy"], path
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    camera = "camera=(self)" if path.startswith("/patient") else "camera=()"
    assert camera in headers["permissions-policy"], path
    assert "strict-transport-security" not in headers  # PUBLIC_URL is http here


def test_pages_policy_allows_only_this_host(app_server):
    policy = httpx.get(app_server.url + "/login").headers["content-security-policy"]
    sources = {word for word in policy.replace(";", " ").split()
               if "://" in word or word.endswith(":")}
    assert sources <= {f"ws://localhost:{app_server.port}", "data:", "blob:"}, sources
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy


@pytest.mark.parametrize("path", ["/", "/login", "/clinic", "/auth/home", "/files/1",
                                  "/patient/activate/x"])
def test_another_host_is_refused(app_server, path):
    response = httpx.get(app_server.url + path, headers={"Host": "evil.example"},
                         follow_redirects=False)
    assert response.status_code == 400, (path, response.status_code)
    assert "evil.example" not in response.headers.get("location", "") + response.text


def test_sign_in_post_for_another_host_is_refused(app_server):
    response = httpx.post(app_server.url + "/auth/login", headers={"Host": "evil.example"},
                          data={"email": "manager@demo.clinic", "password": "demo1234"},
                          follow_redirects=False)
    assert response.status_code == 400 and "set-cookie" not in response.headers
