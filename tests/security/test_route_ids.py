"""On the running app, ids no row can have (past 2^63, negative, not a number) on the file,
document, imaging and calendar routes answer 404 — never a 500, never a page."""

from __future__ import annotations

import httpx
import pytest

from tests.integration.test_route_ids import IDS, PATTERNS
from tests.support import signin

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("who", ["none", "manager@demo.clinic", "coordinator@demo.lab"])
def test_ids_no_row_can_have_are_not_found(app_server, who):
    cookie = None if who == "none" else signin.staff_cookie(app_server, who)
    with httpx.Client(base_url=app_server.url, headers={"Cookie": cookie} if cookie else {},
                      follow_redirects=False) as client:
        for pattern in PATTERNS:
            for value in IDS:
                response = client.get(pattern.format(value))
                expected = (401, 404) if who == "none" else (404,)
                assert response.status_code in expected, (pattern, value,
                                                          response.status_code)
