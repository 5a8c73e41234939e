"""Every registered public event handler, called over the real websocket, refuses a client
without a session, with a forged or stale session, and of the wrong role — and no refusal
sends back a var that holds patient data."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest

from tests.support import signin
from tests.support.handlers import registry
from tests.support.ws import ReflexClient, delta_vars, events_sent

pytestmark = pytest.mark.e2e


HANDLERS = registry()
OURS = [h for h in HANDLERS if h.state is None or h.state.__module__.startswith("ortho_app")]
GUARDED = [h for h in HANDLERS if not (h.access and h.access.public)]


def _ids(handlers):
    return [h.name.split("___")[-1] for h in handlers]


def test_enumeration_found_our_handlers():
    names = " ".join(h.name for h in OURS)
    for expected in ("clinic_state.load_patients", "admin_state.load_mailbox",
                     "lab_state.load_practices", "patient_app_state.load_patients"):
        assert expected in names
    assert len(GUARDED) >= 10


@pytest.fixture(scope="module")
def phi_words(app_server):
    with sqlite3.connect(app_server.data_dir / "app.db") as db:
        rows = db.execute("SELECT last_name, first_name, phone FROM patient").fetchall()
    return {w for row in rows for w in row if w and len(w) > 3}


@pytest.fixture(scope="module")
def cookies(app_server):
    stale = signin.staff_cookie(app_server, "clinician@demo.clinic")
    import httpx

    httpx.post(f"{app_server.url}/auth/logout", headers={"Cookie": stale})
    return {
        "none": None,
        "forged": "ortho_session=" + "A" * 43,
        "stale": stale,
        "clinician": signin.staff_cookie(app_server, "manager@demo.clinic"),
        "coordinator": signin.staff_cookie(app_server, "coordinator@demo.lab"),
        "admin": signin.staff_cookie(app_server, "admin@demo.clinic"),
        "patient": signin.patient_cookie(app_server, **signin.THOMAS),
    }


def _wrong_role_for(access) -> str:
    if access is None:
        return "clinician"
    if access.patient:
        return "clinician"
    from ortho_app.models import Role

    if Role.LAB_COORDINATOR in access.roles:
        return "patient"
    return "coordinator" if Role.CLINICIAN in access.roles else "clinician"


def _assert_refused(updates, phi_words, name):
    events = events_sent(updates)
    assert any(e.get("name", "").endswith("_redirect") for e in events), (name, updates)
    sent = delta_vars(updates)
    ours = {k: v for k, v in sent.items() if "ortho_app" in k}
    assert not ours, (name, ours)
    dump = repr(sent)
    assert not [w for w in phi_words if w in dump], name


@pytest.mark.parametrize("client_kind", ["none", "forged", "stale", "wrong_role"])
async def test_every_guarded_handler_refuses(app_server, cookies, phi_words, client_kind):
    connections = asyncio.Semaphore(8)  # a fresh socket per call, several at once

    async def call(name, access):
        kind = _wrong_role_for(access) if client_kind == "wrong_role" else client_kind
        async with connections, ReflexClient(app_server.url, cookie=cookies[kind]) as client:
            updates = await client.emit(name, {}, path="/clinic")
        _assert_refused(updates, phi_words, f"{name} as {kind}")

    await asyncio.gather(*(call(name, access) for name, _state, access, _fn in GUARDED))


async def test_refusals_are_audited(app_server, cookies):
    name = next(h.name for h in GUARDED if h.name.endswith("clinic_state.load_patients"))
    async with ReflexClient(app_server.url) as client:
        await client.emit(name, {}, path="/clinic")
    with sqlite3.connect(app_server.data_dir / "app.db") as db:
        (count,) = db.execute("SELECT count(*) FROM auditevent WHERE outcome='refused' AND "
                              "action='event.refused' AND target LIKE ?",
                              ("%clinic_state.load_patients",)).fetchone()
    assert count >= 1


async def test_setvar_and_generic_setters_refused_even_with_session(app_server, cookies):
    setters = [h.name for h in HANDLERS if h.name.rsplit(".", 1)[-1] == "setvar"
               and "ortho_app" in h.name]
    assert setters
    for name in setters:
        async with ReflexClient(app_server.url, cookie=cookies["clinician"]) as client:
            updates = await client.emit(name, {"var_name": "patients", "value": []})
        assert any(e.get("name", "").endswith("_redirect") for e in events_sent(updates)), name


async def test_allowed_role_gets_data_and_ordinary_clinician_scope(app_server, cookies):
    name = next(h.name for h in GUARDED if h.name.endswith("clinic_state.load_patients"))
    tab = name.replace("load_patients", "choose_tab")
    async with ReflexClient(app_server.url, cookie=cookies["clinician"]) as client:
        monitored = delta_vars(await client.emit(name, {}, path="/clinic"))
        others = delta_vars(await client.emit(tab, {"tab": "not_monitored"}, path="/clinic"))
    total = sum(next(v for k, v in d.items() if k.endswith(".total"))
                for d in (monitored, others))
    assert total >= 40
    assert len(next(v for k, v in others.items() if k.endswith(".patients"))) == 25
    ordinary = signin.staff_cookie(app_server, "clinician@demo.clinic")
    search = name.replace("load_patients", "search_patients")
    async with ReflexClient(app_server.url, cookie=ordinary) as client:
        await client.emit(tab, {"tab": "not_monitored"}, path="/clinic")
        updates = await client.emit(search, {"search": "Dubois"}, path="/clinic")
    names = [p["name"] for k, v in delta_vars(updates).items() if k.endswith(".patients")
             for p in v]
    assert "Dubois Thomas" not in names
    card = next(h.name for h in GUARDED if h.name.endswith("patient_card_state.submit_action"))
    async with ReflexClient(app_server.url, cookie=ordinary) as client:
        refused = await client.emit(card, {"form": {"text": "hello"}}, path="/clinic")
    assert not any(k.endswith(".history") for k in delta_vars(refused))


@pytest.mark.parametrize("bad", ["1e9", {}, [1], True, float("nan"), -5, 0.001])
async def test_malformed_arguments_refused(app_server, cookies, bad):
    name = next(h.name for h in GUARDED if h.name.endswith("clinic_state.go_to_page"))
    async with ReflexClient(app_server.url, cookie=cookies["clinician"]) as client:
        updates = await client.emit(name, {"page": bad}, path="/clinic")
    sent = delta_vars(updates)
    assert not any(k.endswith(".patients") for k in sent), (bad, sent)
    assert any("toast" in repr(e) for e in events_sent(updates)), (bad, updates)


async def test_session_cookie_never_sent_back_in_state(app_server, cookies):
    name = next(h.name for h in GUARDED if h.name.endswith("clinic_state.load_patients"))
    secret = cookies["clinician"].split("=", 1)[1]
    async with ReflexClient(app_server.url, cookie=cookies["clinician"]) as client:
        hydrate = await client.emit("reflex___state____state.hydrate", {}, path="/clinic")
        updates = await client.emit(name, {}, path="/clinic")
    assert delta_vars(updates), "the call should have returned data"
    assert secret not in repr(hydrate + updates)


async def test_forged_client_storage_values_grant_nothing(app_server, cookies):
    clinic = next(h.name for h in GUARDED if h.name.endswith("clinic_state.load_patients"))
    clinic_state = clinic.rsplit(".", 1)[0]
    login_state = next(h.name for h in HANDLERS if h.name.endswith("login_state.load_login"))
    lang_state = next(h.name for h in HANDLERS if h.name.endswith("lang_state.choose_language"))
    forged = {
        f"{clinic_state}.patients_rx_state_": [{"id": 1, "name": "Forged"}],
        f"{clinic_state}._access": "public",
        f"{login_state.rsplit('.', 1)[0]}.demo_code_rx_state_": "123456",
        f"{lang_state.rsplit('.', 1)[0]}.lang_rx_state_": "fr",
    }
    async with ReflexClient(app_server.url, cookie=cookies["patient"]) as client:
        await client.emit("reflex___state____state.reflex___state____update_vars_internal_state"
                          ".update_vars_internal", {"vars": forged}, path="/clinic")
        hydrated = delta_vars(await client.emit("reflex___state____state.hydrate", {},
                                                path="/clinic"))
        refused = await client.emit(clinic, {}, path="/clinic")
    assert not [v for k, v in hydrated.items() if k.endswith(".patients") and v]
    assert not [v for k, v in hydrated.items() if k.endswith(".demo_code") and v]
    assert any(e.get("payload", {}).get("path") == "/patient" for e in events_sent(refused))


def test_nothing_served_under_upload(app_server):
    import httpx

    for path in ("/_upload", "/_upload/", "/_upload/x.png", "/_upload/../data/app.db"):
        assert httpx.get(f"{app_server.url}{path}").status_code == 404, path
    import socket

    with socket.create_connection(("127.0.0.1", app_server.port), timeout=10) as sock:
        sock.sendall(b"POST /_upload HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                     b"multipart/form-data; boundary=x\r\nContent-Length: 1000000000000\r\n"
                     b"\r\n" + b"x" * 1024)
        status_line = sock.recv(200).split(b"\r\n", 1)[0]
    assert b" 413 " in status_line, status_line
