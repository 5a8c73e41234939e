"""Payments over the real websocket: a patient reaches only their own fees and pays only
for themselves, malformed amounts create nothing, modules turned off refuse, and staff of
another practice cannot read a patient's payments."""

from __future__ import annotations

import sqlite3

import pytest

from ortho_app.workspaces.clinic.patient_payments.state import PatientPaymentsStaffState
from ortho_app.workspaces.patient.payments.state import PatientPaymentsState
from ortho_app.workspaces.patient.workspace import PatientAppState
from tests.support import signin
from tests.support.options import practice_options
from tests.support.ws import ReflexClient, delta_vars

pytestmark = pytest.mark.e2e
PAY = PatientPaymentsState.get_full_name()
APP = PatientAppState.get_full_name()
STAFF = PatientPaymentsStaffState.get_full_name()
PAGE = "/patient/payments"
MALFORMED = ["1e9", "NaN", "-5", "0", "0.001", "Infinity", {}, [1], True, None, "9999999"]


def db(server):
    return sqlite3.connect(server.data_dir / "app.db")


def patient_id(server, last: str, first: str) -> int:
    with db(server) as conn:
        return conn.execute("SELECT id FROM patient WHERE last_name = ? AND first_name = ?",
                            (last, first)).fetchone()[0]


def attempts(server, pid: int) -> int:
    with db(server) as conn:
        return conn.execute("SELECT count(*) FROM paymentattempt WHERE patient_id = ? AND "
                            "status != 'CANCELED' AND actor != 'patient:demo'",
                            (pid,)).fetchone()[0]


def options(server, **values: int):
    with db(server) as conn:
        (iid,) = conn.execute("SELECT institution_id FROM patient WHERE last_name='Dubois'"
                              ).fetchone()
    return practice_options(server, iid, **values)


@pytest.fixture(scope="module")
def thomas_cookie(app_server):
    return signin.patient_cookie(app_server, **signin.THOMAS)


async def test_patient_cannot_read_or_pay_another_patients_fees(app_server, thomas_cookie):
    camille, thomas = (patient_id(app_server, "Martin", "Camille"),
                       patient_id(app_server, "Dubois", "Thomas"))
    async with ReflexClient(app_server.url, cookie=thomas_cookie) as tab:
        await tab.emit(f"{APP}.choose_patient", {"patient_id": camille}, path=PAGE)
        loaded = delta_vars(await tab.emit(f"{PAY}.load_payments", {}, path=PAGE))
        assert "Gouttières" not in repr(loaded) and "Traitement actif" in repr(loaded)
        await tab.emit(f"{PAY}.open_form", {}, path=PAGE)
        await tab.emit(f"{PAY}.pay", {"form": {"amount": "10", "email": "t@example.fr"}},
                       path=PAGE)
        assert attempts(app_server, camille) == 0 and attempts(app_server, thomas) == 1
        await tab.emit(f"{PAY}.cancel_payment", {}, path=PAGE)
    assert attempts(app_server, thomas) == 0
    with db(app_server) as conn:
        (refused,) = conn.execute("SELECT count(*) FROM auditevent WHERE outcome='refused' "
                                  "AND target = ?", (f"patient:{camille}",)).fetchone()
    assert refused >= 1


@pytest.mark.parametrize("amount", MALFORMED)
async def test_malformed_amounts_create_nothing(app_server, thomas_cookie, amount):
    thomas = patient_id(app_server, "Dubois", "Thomas")
    async with ReflexClient(app_server.url, cookie=thomas_cookie) as tab:
        await tab.emit(f"{PAY}.load_payments", {}, path=PAGE)
        sent = delta_vars(await tab.emit(
            f"{PAY}.pay", {"form": {"amount": amount, "email": "t@example.fr"}}, path=PAGE))
        await tab.emit(f"{PAY}.finish_test_payment", {"succeed": True}, path=PAGE)
    assert attempts(app_server, thomas) == 0
    assert not any(k.endswith(".step") and v == "card" for k, v in sent.items())


async def test_forms_that_are_not_forms_and_missing_email_create_nothing(app_server,
                                                                         thomas_cookie):
    thomas = patient_id(app_server, "Dubois", "Thomas")
    async with ReflexClient(app_server.url, cookie=thomas_cookie) as tab:
        for form in ([1], "x", {"amount": "10"}, {"amount": "10", "email": "not-an-email"},
                     {"amount": "10", "email": "a@b.fr", "patient_id": 1}):
            await tab.emit(f"{PAY}.pay", {"form": form}, path=PAGE)
        await tab.emit(f"{PAY}.finish_test_payment", {"succeed": "yes"}, path=PAGE)
    assert attempts(app_server, thomas) == 0


async def test_modules_turned_off_hide_and_refuse(app_server, thomas_cookie):
    thomas = patient_id(app_server, "Dubois", "Thomas")
    with options(app_server, online_payment=0):
        async with ReflexClient(app_server.url, cookie=thomas_cookie) as tab:
            shown = delta_vars(await tab.emit(f"{PAY}.load_payments", {}, path=PAGE))
            assert shown[f"{PAY}.online"] is False and shown[f"{PAY}.enabled"] is True
            await tab.emit(f"{PAY}.pay", {"form": {"amount": "10", "email": "t@example.fr"}},
                           path=PAGE)
        assert attempts(app_server, thomas) == 0
    with options(app_server, payments=0):
        async with ReflexClient(app_server.url, cookie=thomas_cookie) as tab:
            hidden = delta_vars(await tab.emit(f"{PAY}.load_payments", {}, path=PAGE))
            assert hidden[f"{PAY}.enabled"] is False and "Traitement" not in repr(hidden)
            await tab.emit(f"{PAY}.pay", {"form": {"amount": "10", "email": "t@example.fr"}},
                           path=PAGE)
        assert attempts(app_server, thomas) == 0


async def test_staff_of_another_practice_cannot_read_payments(app_server):
    thomas = str(patient_id(app_server, "Dubois", "Thomas"))
    path = f"/clinic/patients/{thomas}/payments"
    foreign = signin.staff_cookie(app_server, "voisin@other.clinic")
    async with ReflexClient(app_server.url, cookie=foreign) as tab:
        sent = delta_vars(await tab.emit(f"{STAFF}.load_patient_payments", {}, path=path,
                                         query={"patient_id": thomas}))
    assert "Dubois" not in repr(sent) and "Traitement" not in repr(sent)
    manager = signin.staff_cookie(app_server, "manager@demo.clinic")
    async with ReflexClient(app_server.url, cookie=manager) as tab:
        mine = delta_vars(await tab.emit(f"{STAFF}.load_patient_payments", {}, path=path,
                                         query={"patient_id": thomas}))
    assert "Traitement actif" in repr(mine) and "Dubois Thomas" in repr(mine)


def test_running_app_refuses_unsigned_webhooks(app_server):
    import httpx

    body = b'{"id": "evt_x", "object": "event", "type": "payment_intent.succeeded"}'
    for headers in ({}, {"Stripe-Signature": "t=1,v1=00"}):
        answer = httpx.post(f"{app_server.url}/webhooks/stripe", content=body, headers=headers)
        assert answer.status_code == 400
    with db(app_server) as conn:
        (events,) = conn.execute("SELECT count(*) FROM processedwebhookevent").fetchone()
    assert events == 0


def test_running_demo_refuses_events_signed_with_a_secret_derived_from_the_source(app_server):
    """Test mode's secret is random per process: the dev secret (public) signs nothing."""
    import hashlib
    import hmac
    import json

    import httpx
    import stripe

    from ortho_app.core.settings import DEV_SECRET

    derived = "whsec_test_" + hmac.new(DEV_SECRET.encode(), b"stripe test mode webhooks",
                                       hashlib.sha256).hexdigest()
    body = json.dumps({"id": "evt_forged", "object": "event", "type": "payment_intent.succeeded",
                       "data": {"object": {"id": "pi_x", "object": "payment_intent",
                                           "metadata": {"payment_attempt_id": "1"}}}})
    header = stripe.WebhookSignature.generate_signature_header(body, derived)
    answer = httpx.post(f"{app_server.url}/webhooks/stripe", content=body,
                        headers={"Stripe-Signature": header})
    assert answer.status_code == 400
