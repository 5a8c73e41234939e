"""Production mode (DEMO_MODE=false) shuts the demo's doors, on the running app.

A practice is set up the documented way (migrations, `make run`'s seed step, then
`python -m ortho_app.manage`), the app (backend, with its job consumer) starts with a random
SECRET_KEY, and: the seed step added nothing (no demo account signs in), the patient's code
screen shows no demo code, messages without a provider fail instead of waiting in a dev
mailbox that the admin cannot open, online payment is unavailable without a Stripe key (no
test mode, whatever the client sends), and no webhook event is accepted without
STRIPE_WEBHOOK_SECRET. With the dev secret (or a short one) the app does not start at all.
"""

from __future__ import annotations

import secrets
import socket
import sqlite3
import subprocess
import sys
import time
from datetime import date

import httpx
import pytest
import stripe
from sqlmodel import Session

from ortho_app.core.db import make_engine
from ortho_app.models import Patient
from ortho_app.models.payments import CareItem
from ortho_app.services.patient_app.modules import save_options
from ortho_app.workspaces.admin.console.state import AdminState
from ortho_app.workspaces.login.sign_in.state import LoginState
from ortho_app.workspaces.patient.payments.state import PatientPaymentsState
from tests.support.server import ROOT, AppServer, app_env
from tests.support.ws import ReflexClient, delta_vars, events_sent

ADMIN = ("admin@cabinet.example", "a long admin password")
PHONE, PHONE_E164 = "06 11 22 33 44", "+33611223344"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(env, *args: str, stdin: str = "") -> str:
    done = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, input=stdin, text=True,
                          capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


def add_patient(db_path, practice_id: int) -> int:
    """A patient with a fee due, in a practice that turned online payment on."""
    engine = make_engine(f"sqlite:///{db_path}")
    with Session(engine) as session:
        patient = Patient(institution_id=practice_id, last_name="Durand", first_name="Alice",
                          date_of_birth=date(1985, 4, 2), phone=PHONE_E164)
        session.add(patient)
        session.flush()
        save_options(session, practice_id, online_payment=True)
        session.add(CareItem(institution_id=practice_id, patient_id=patient.id, label="Bilan",
                             care_date=date(2026, 1, 5), due_date=date(2026, 1, 5),
                             amount_due_cents=9000))
        session.commit()
        patient_id = patient.id
    engine.dispose()
    return patient_id


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("production")
    port = free_port()
    secret = secrets.token_urlsafe(48)
    env = app_env(data_dir, port, DEMO_MODE="false", SECRET_KEY=secret)
    run(env, "-m", "alembic", "upgrade", "head")
    seeded = run(env, "-m", "ortho_app.demo.seed")
    practice = run(env, "-m", "ortho_app.manage", "create-practice", "--name", "Cabinet Durand")
    run(env, "-m", "ortho_app.manage", "create-admin", "--practice", practice, "--email",
        ADMIN[0], "--name", "Admin", "--password-stdin", stdin=ADMIN[1] + "\n")
    patient = add_patient(data_dir / "app.db", int(practice))
    server = AppServer(data_dir, port, data_dir / "app.log", backend_only=True,
                       DEMO_MODE="false", SECRET_KEY=secret)
    worker = subprocess.Popen([sys.executable, "-m", "ortho_app.worker"], cwd=ROOT,
                              env=server.env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    server.start(timeout=300)
    yield {"server": server, "seeded": seeded, "db": data_dir / "app.db", "patient": patient,
           "practice": int(practice)}
    worker.terminate()
    worker.wait(timeout=20)
    server.stop()


def rows(production, sql, *args):
    with sqlite3.connect(production["db"]) as db:
        return db.execute(sql, args).fetchall()


def test_the_seed_step_adds_no_demo_data(production):
    assert "DEMO_MODE is off" in production["seeded"]
    assert rows(production, "SELECT email FROM staffuser") == [(ADMIN[0],)]
    assert rows(production, "SELECT count(*) FROM institution") == [(1,)]


def test_demo_accounts_do_not_sign_in_and_the_admin_does(production):
    url = production["server"].url
    demo = httpx.post(f"{url}/auth/login", data={"email": "admin@demo.clinic",
                                                 "password": "demo1234"})
    assert "error=invalid" in demo.headers["location"]
    admin = httpx.post(f"{url}/auth/login", data={"email": ADMIN[0], "password": ADMIN[1]})
    assert admin.headers["location"] == "/admin" and "ortho_session" in admin.cookies


async def test_no_dev_mailbox(production):
    url = production["server"].url
    cookie = httpx.post(f"{url}/auth/login", data={"email": ADMIN[0], "password": ADMIN[1]}
                        ).cookies["ortho_session"]
    async with ReflexClient(url, cookie=f"ortho_session={cookie}") as tab:
        answer = await tab.emit(f"{AdminState.get_full_name()}.load_mailbox", {},
                                path="/admin/mailbox")
    assert "demo mode only" in repr(events_sent(answer))
    assert not [v for k, v in delta_vars(answer).items() if k.endswith(".mails") and v]


def _sign_in_patient(production) -> tuple[str, list]:
    """The code screen's answer, then the session cookie (the code read from the outbox)."""
    url = production["server"].url
    with httpx.Client(base_url=url, follow_redirects=False) as client:
        started = client.post("/auth/patient/start", data={
            "phone": PHONE, "last_name": "Durand", "first_name": "Alice",
            "birth": "1985-04-02"})
        assert started.headers["location"] == "/patient/login/code"
        attempt = client.cookies["ortho_login"]
        code_screen = _emit(url, f"ortho_login={attempt}",
                            f"{LoginState.get_full_name()}.load_code_screen",
                            path="/patient/login/code")
        body = rows(production, "SELECT body FROM outboxmessage WHERE recipient = ? "
                    "ORDER BY id DESC LIMIT 1", PHONE_E164)[0][0]
        code = next(word for word in body.replace(".", " ").split()
                    if word.isdigit() and len(word) == 6)
        client.post("/auth/patient/verify", data={"code": code})
        return client.cookies["ortho_session"], code_screen


def _emit(url, cookie, name, payload=None, path="/"):
    import asyncio

    async def go():
        async with ReflexClient(url, cookie=cookie) as tab:
            return await tab.emit(name, payload or {}, path=path)

    return asyncio.run(go())


def test_no_demo_code_and_messages_without_a_provider_fail(production):
    _, code_screen = _sign_in_patient(production)
    shown = delta_vars(code_screen)
    assert not [v for k, v in shown.items() if k.endswith(".demo_code") and v]
    assert not [v for k, v in shown.items() if k.endswith(".demo_mode") and v]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        statuses = {s for (s,) in rows(production, "SELECT status FROM outboxmessage")}
        if statuses and not statuses & {"pending", "PENDING"}:
            break
        time.sleep(0.5)
    assert statuses and {s.lower() for s in statuses} == {"failed"}, statuses
    assert rows(production, "SELECT DISTINCT last_error FROM outboxmessage") == \
        [("no sms provider configured",)]


def test_no_test_mode_payment(production):
    session, _ = _sign_in_patient(production)
    url, pay = production["server"].url, PatientPaymentsState.get_full_name()
    loaded = delta_vars(_emit(url, f"ortho_session={session}", f"{pay}.load_payments",
                              path="/patient/payments"))
    assert [v for k, v in loaded.items() if k.endswith(".enabled")] == [True]
    assert not [v for k, v in loaded.items() if k.endswith((".online", ".test_mode")) and v]
    refused = _emit(url, f"ortho_session={session}", f"{pay}.pay",
                    {"form": {"amount": "90", "email": "alice@example.org"}},
                    path="/patient/payments")
    assert "not offered" in repr(events_sent(refused))
    assert rows(production, "SELECT count(*) FROM paymentattempt") == [(0,)]


@pytest.mark.parametrize("secret", ["whsec_test_anything", None])
def test_no_webhook_event_is_accepted_without_a_webhook_secret(production, secret):
    import hashlib
    import hmac
    import json

    from ortho_app.core.settings import DEV_SECRET

    derived = "whsec_test_" + hmac.new(DEV_SECRET.encode(), b"stripe test mode webhooks",
                                       hashlib.sha256).hexdigest()
    payload = json.dumps({"id": "evt_1", "object": "event", "type": "payment_intent.succeeded",
                          "data": {"object": {"id": "pi_1", "metadata": {}}}})
    header = stripe.WebhookSignature.generate_signature_header(payload, secret or derived)
    answer = httpx.post(f"{production['server'].url}/webhooks/stripe", content=payload,
                        headers={"Stripe-Signature": header,
                                 "Content-Type": "application/json"})
    assert answer.status_code == 400


@pytest.mark.parametrize("secret", ["dev-only-secret-change-me", "short", None])
def test_the_app_refuses_to_start_with_a_dev_secret(tmp_path, secret):
    extra = {"DEMO_MODE": "false"} | ({"SECRET_KEY": secret} if secret else {})
    server = AppServer(tmp_path, free_port(), tmp_path / "app.log", backend_only=True, **extra)
    if secret is None:
        server.env.pop("SECRET_KEY", None)
    with pytest.raises(RuntimeError, match="app did not start"):
        server.start(timeout=120)
    assert "SECRET_KEY" in (tmp_path / "app.log").read_text()
