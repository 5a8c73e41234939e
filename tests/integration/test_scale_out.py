"""Two backend workers sharing Reflex state in Redis and data in PostgreSQL: a browser tab
signs in through one and goes on through the other."""

from __future__ import annotations

import os

import pytest

from ortho_app.workspaces.clinic.patients.state import ClinicState
from tests.conftest import (
    REDIS_URL,
    drop_postgres_database,
    fresh_postgres_database,
    need_service,
)
from tests.support import signin
from tests.support.server import AppServer, prepare_database
from tests.support.ws import ReflexClient, delta_vars

pytestmark = [pytest.mark.postgres, pytest.mark.redis]
CLINIC = ClinicState.get_full_name()


def value(updates, var):
    return next(v for k, v in delta_vars(updates).items() if k.endswith(f".{var}"))


@pytest.fixture(scope="module")
def workers(tmp_path_factory):
    need_service("PostgreSQL", "127.0.0.1", 5432)
    need_service("Redis", "127.0.0.1", 6379)
    name = f"ortho_scale_{os.getpid()}"
    url = fresh_postgres_database(name)
    servers = []
    try:
        for port in (3201, 3202):
            data = tmp_path_factory.mktemp(f"worker-{port}")
            server = AppServer(data, port, data / "app.log", backend_only=True,
                               DATABASE_URL=url, REDIS_URL=REDIS_URL, GRANIAN_WORKERS="1",
                               PUBLIC_URL="http://localhost:3201")
            if not servers:
                prepare_database(server.env)
            servers.append(server.start(timeout=180))
        yield servers
    finally:
        for server in servers:
            server.stop()
        drop_postgres_database(name)


async def test_sign_in_on_one_worker_continue_on_the_other(workers):
    first, second = workers
    cookie = signin.staff_cookie(first, "manager@demo.clinic")
    async with ReflexClient(first.url, cookie=cookie) as tab:
        await tab.emit(f"{CLINIC}.choose_tab", {"tab": "not_monitored"}, path="/clinic")
        updates = await tab.emit(f"{CLINIC}.search_patients", {"search": "Martin"},
                                 path="/clinic")
        martins = value(updates, "total")
        assert 1 <= martins < 40
        token = tab.token
    # Same browser tab (same client token and cookie) reconnects to the other worker.
    async with ReflexClient(second.url, cookie=cookie, token=token) as tab:
        updates = await tab.emit(f"{CLINIC}.go_to_page", {"page": 0}, path="/clinic")
    # go_to_page keeps the tab and search held in the shared state: only Martins come back.
    assert value(updates, "total") == martins
    assert all(p["name"].startswith("Martin") for p in value(updates, "patients"))


async def test_logout_through_one_worker_ends_session_on_the_other(workers):
    import httpx

    first, second = workers
    cookie = signin.staff_cookie(second, "manager@demo.clinic")
    httpx.post(f"{first.url}/auth/logout", headers={"Cookie": cookie})
    async with ReflexClient(second.url, cookie=cookie) as tab:
        updates = await tab.emit(f"{CLINIC}.load_patients", {}, path="/clinic")
    assert not any(k.endswith(".patients") for k in delta_vars(updates))
