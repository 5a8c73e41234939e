"""POST /webhooks/stripe on SQLite and PostgreSQL (TEST_DATABASE=postgres): signatures,
duplicates (also at the same moment), ordering, concurrent full payments, tampered amounts."""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import httpx
import pytest
import stripe
from sqlmodel import func, select
from starlette.applications import Starlette

from ortho_app.api import stripe_webhook
from ortho_app.core.db import db_session
from ortho_app.models import OutboxMessage, Patient
from ortho_app.models._base import utcnow
from ortho_app.models.payments import (
    PaymentAttempt,
    PaymentRefund,
    PaymentStatus,
    ProcessedWebhookEvent,
)
from ortho_app.services.payments import gateway, ledger
from tests import factories
from tests.factories.payments import fee


@pytest.fixture
def patient_id(session):
    practice = factories.institution(session)
    patient = factories.patient(session, practice, last="Dubois", first="Thomas")
    fee(session, patient, 64500, paid=40000)
    fee(session, patient, 64500)
    session.commit()
    return patient.id  # balance 890,00 €


def start(patient_id: int, requested: Decimal | None = None, **kw) -> PaymentAttempt:
    with db_session() as session:
        attempt = ledger.start_payment(session, patient=session.get(Patient, patient_id),
                                       requested=requested, receipt_email="t@example.fr",
                                       actor="patient:test", test_mode=True, **kw)
        session.commit()
    return attempt


async def post(*bodies: tuple[bytes, str | None]) -> list[httpx.Response]:
    app = Starlette(routes=stripe_webhook.routes)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://test") as client:
        return await asyncio.gather(*[
            client.post("/webhooks/stripe", content=body,
                        headers={"Stripe-Signature": sig} if sig is not None else {})
            for body, sig in bodies])


def snapshot(session, patient_id: int):
    session.expire_all()
    return ([(i.id, i.amount_paid_cents) for i in ledger.items(session, patient_id)],
            [(a.id, a.status, a.applied_cents) for a in session.exec(select(PaymentAttempt))],
            session.exec(select(func.count()).select_from(ProcessedWebhookEvent)).one(),
            session.exec(select(func.count()).select_from(OutboxMessage)).one())


def balance(session, patient_id: int) -> Decimal:
    session.expire_all()
    return ledger.ledger_of(session, patient_id).balance


def tamper(body: bytes) -> bytes:
    event = json.loads(body)
    event["data"]["object"]["amount_received"] = 89000
    return json.dumps(event).encode()


async def test_missing_bad_or_stale_signature_is_400_and_changes_nothing(session, patient_id):
    attempt = start(patient_id, Decimal("100.00"))
    body, good = gateway.test_mode_event(attempt, "payment_intent.succeeded")
    stale_body, stale = gateway.test_mode_event(
        attempt, "payment_intent.succeeded", signed_at=int(utcnow().timestamp()) - 600)
    forged = stripe.WebhookSignature.generate_signature_header(body.decode(), "whsec_wrong")
    before = snapshot(session, patient_id)
    answers = await post((body, None), (body, ""), (body, "t=1,v1=00"), (body, forged),
                         (stale_body, stale), (tamper(body), good), (b"\xff\xfe", good),
                         (b"not json", "t=1,v1=zz"))
    assert [r.status_code for r in answers] == [400] * 8
    assert snapshot(session, patient_id) == before


async def test_oversized_body_is_413(session, patient_id):
    (answer,) = await post((b"x" * (stripe_webhook.MAX_BODY + 1), "t=1,v1=00"))
    assert answer.status_code == 413


async def test_same_event_delivered_five_times_at_once_is_applied_once(session, patient_id):
    attempt = start(patient_id, Decimal("100.00"))
    event = gateway.test_mode_event(attempt, "payment_intent.succeeded")
    answers = await post(*[event] * 5)
    assert all(r.status_code == 200 for r in answers)
    outcomes = sorted(r.json()["outcome"] for r in answers)
    assert outcomes == ["duplicate"] * 4 + ["succeeded"]
    assert balance(session, patient_id) == Decimal("790.00")
    assert session.exec(select(func.count()).select_from(OutboxMessage)).one() == 1


async def test_failed_after_succeeded_keeps_succeeded(session, patient_id):
    attempt = start(patient_id, Decimal("100.00"))
    await post(gateway.test_mode_event(attempt, "payment_intent.succeeded"))
    (late,) = await post(gateway.test_mode_event(attempt, "payment_intent.payment_failed"))
    assert late.json()["outcome"] == "stale: stays succeeded"
    session.expire_all()
    assert session.get(PaymentAttempt, attempt.id).status == PaymentStatus.SUCCEEDED
    assert balance(session, patient_id) == Decimal("790.00")


def test_two_concurrent_full_payments_reserve_the_balance_once(session, patient_id):
    def attempt_full(_):
        try:
            return start(patient_id).amount_cents
        except ledger.NothingToPay:
            return 0

    with ThreadPoolExecutor(4) as pool:
        amounts = list(pool.map(attempt_full, range(4)))
    assert sorted(amounts) == [0, 0, 0, 89000]


async def test_two_full_payments_succeeding_at_once_never_take_more_than_due(
        session, patient_id):
    lapsed = start(patient_id)
    with db_session() as s:  # its reservation lapsed: the patient started again
        row = s.get(PaymentAttempt, lapsed.id)
        row.created_at = utcnow() - ledger.RESERVATION_TTL * 2
        s.add(row)
        s.commit()
    fresh = start(patient_id)
    assert lapsed.amount_cents == fresh.amount_cents == 89000
    answers = await post(gateway.test_mode_event(lapsed, "payment_intent.succeeded"),
                         gateway.test_mode_event(fresh, "payment_intent.succeeded"))
    assert all(r.status_code == 200 for r in answers)
    session.expire_all()
    rows = [session.get(PaymentAttempt, a.id) for a in (lapsed, fresh)]
    assert sum(r.applied_cents for r in rows) == 89000  # never more than due
    (extra,) = [r for r in rows if r.refunded_cents]
    assert extra.flagged and extra.refunded_cents == 89000 and "refunded" in extra.flag_reason
    refund = session.exec(select(PaymentRefund)).one()
    assert refund.status == "succeeded" and refund.stripe_refund_id.startswith("re_test_")
    assert balance(session, patient_id) == 0


async def test_client_tampered_amount_gets_the_server_amount(session, patient_id):
    asked = start(patient_id, Decimal("1e9"))  # asks far more than due
    assert asked.amount_cents == 89000
    with db_session() as s:
        s.get(PaymentAttempt, asked.id).status = PaymentStatus.CANCELED
        s.commit()
    small = start(patient_id, Decimal("10.00"))
    await post(gateway.test_mode_event(small, "payment_intent.succeeded",
                                       amount_received=500_000))
    session.expire_all()
    row = session.get(PaymentAttempt, small.id)
    assert row.applied_cents == 1000 and row.refunded_cents == 499_000 and row.flagged
    assert balance(session, patient_id) == Decimal("880.00")


async def test_event_for_unknown_attempt_is_acknowledged_and_ignored(session, patient_id):
    ghost = PaymentAttempt(id=999_999, institution_id=1, patient_id=patient_id,
                           amount_cents=100, receipt_email="x@y.fr", actor="x")
    (answer,) = await post(gateway.test_mode_event(ghost, "payment_intent.succeeded"))
    assert answer.status_code == 200 and answer.json()["outcome"].startswith("ignored")
    assert balance(session, patient_id) == Decimal("890.00")
