"""Payments service: amounts, the amount decision, the state machine, reservations and
webhook application (Decimal money; hypothesis for the properties)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
import stripe
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import select

from ortho_app.models import Institution, MonitoringEvent, OutboxMessage
from ortho_app.models._base import utcnow
from ortho_app.models.payments import PaymentAttempt, PaymentRefund, PaymentStatus
from ortho_app.services.payments import gateway, ledger, states, webhooks
from ortho_app.services.payments.money import InvalidAmount, format_eur, parse_amount, to_cents
from tests import factories
from tests.factories.payments import fee

MONEY = st.decimals(min_value=Decimal("0.00"), max_value=Decimal("5000.00"), places=2)


@pytest.mark.parametrize("text,expected", [("120", "120.00"), ("120,50", "120.50"),
                                           ("0,5", "0.50"), (" 45.2 € ", "45.20")])
def test_parse_amount_accepts_typed_euros(text, expected):
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize("bad", ["1e9", "NaN", "nan", "Infinity", "-5", "0", "0,00", "0.001",
                                 "abc", "", "1 000", "9999999", {}, [1], True, None, 5, 1.5])
def test_parse_amount_refuses_everything_else(bad):
    with pytest.raises(InvalidAmount):
        parse_amount(bad)


def test_format_eur_is_french():
    assert format_eur(123450) == "1\u202f234,50 €"
    assert to_cents(Decimal("12.345")) == 1235


@given(requested=MONEY, balance=MONEY, reserved=MONEY)
def test_decided_amount_never_exceeds_what_is_available(requested, balance, reserved):
    book = ledger.Ledger(balance, reserved)
    if book.available <= 0:
        with pytest.raises(ledger.NothingToPay):
            ledger.decide_amount(requested, book)
        return
    if requested <= 0:
        with pytest.raises(InvalidAmount):
            ledger.decide_amount(requested, book)
        return
    amount = ledger.decide_amount(requested, book)
    assert 0 < amount <= book.available and amount <= requested
    assert amount == min(requested, balance - reserved)
    assert ledger.decide_amount(None, book) == book.available


@pytest.mark.parametrize("bad", [Decimal("NaN"), Decimal("Infinity"), Decimal("-5"),
                                 Decimal("0.001"), 5, "10"])
def test_decide_amount_refuses_non_amounts(bad):
    with pytest.raises(InvalidAmount):
        ledger.decide_amount(bad, ledger.Ledger(Decimal("100"), Decimal("0")))


@given(st.lists(st.sampled_from(list(PaymentStatus)), max_size=8))
def test_status_only_moves_forward(sequence):
    attempt = PaymentAttempt(institution_id=1, patient_id=1, amount_cents=100,
                             receipt_email="a@b.fr", actor="t")
    seen = [PaymentStatus.CREATED]
    for status in sequence:
        before = attempt.status
        moved = ledger.move(attempt, status)
        assert moved == (states.RANK[status] > states.RANK[before])
        seen.append(attempt.status)
    ranks = [states.RANK[s] for s in seen]
    assert ranks == sorted(ranks)  # never back
    if PaymentStatus.SUCCEEDED in sequence:
        assert attempt.status == PaymentStatus.SUCCEEDED


@pytest.fixture
def thomas(session):
    practice = factories.institution(session, name="Demo Orthodontics")
    patient = factories.patient(session, practice, last="Dubois", first="Thomas")
    other = factories.patient(session, practice, last="Martin", first="Camille")
    fee(session, patient, 9000, paid=9000, label="Bilan")
    fee(session, patient, 64500, paid=40000, label="Semestre 1")
    fee(session, patient, 64500, label="Semestre 2", due=utcnow().date() + timedelta(days=40))
    fee(session, other, 30000, label="Gouttières")
    session.commit()
    return patient


def _start(session, patient, requested=None, now=None):
    attempt = ledger.start_payment(session, patient=patient, requested=requested,
                                   receipt_email="thomas@example.fr", actor="patient:test",
                                   test_mode=True, now=now)
    session.commit()
    return attempt


def test_balance_counts_only_what_is_unpaid(session, thomas):
    book = ledger.ledger_of(session, thomas.id)
    assert book.balance == Decimal("890.00") and book.reserved == 0


def test_open_attempt_reserves_and_second_full_payment_is_refused(session, thomas):
    first = _start(session, thomas)
    assert first.amount_cents == 89000
    with pytest.raises(ledger.NothingToPay):
        _start(session, thomas)
    session.rollback()


def test_requested_above_available_gets_the_server_amount(session, thomas):
    _start(session, thomas, Decimal("800.00"))
    second = _start(session, thomas, Decimal("500.00"))
    assert second.amount_cents == 9000  # 890 − 800 reserved


def test_reservation_lapses_after_its_ttl(session, thomas):
    _start(session, thomas, now=utcnow())
    later = utcnow() + ledger.RESERVATION_TTL + timedelta(minutes=1)
    assert ledger.ledger_of(session, thomas.id, now=later).reserved == 0


def _succeed(attempt, **kw):
    return webhooks.receive(*gateway.test_mode_event(attempt, "payment_intent.succeeded", **kw))


def test_success_pays_oldest_fee_first_sends_receipt_and_history(session, thomas):
    attempt = _start(session, thomas, Decimal("300.00"))
    assert _succeed(attempt).outcome == "succeeded"
    session.expire_all()
    items = ledger.items(session, thomas.id)
    assert [i.amount_paid_cents for i in items] == [9000, 64500, 5500]
    assert ledger.ledger_of(session, thomas.id).balance == Decimal("590.00")
    mail = session.exec(select(OutboxMessage).where(
        OutboxMessage.recipient == "thomas@example.fr")).one()
    assert "300,00 €" in mail.body and "590,00 €" in mail.body
    assert session.exec(select(MonitoringEvent).where(MonitoringEvent.kind == "payment")).one()


def test_same_event_twice_is_applied_once(session, thomas):
    attempt = _start(session, thomas, Decimal("100.00"))
    payload, signature = gateway.test_mode_event(attempt, "payment_intent.succeeded")
    assert webhooks.receive(payload, signature).outcome == "succeeded"
    assert webhooks.receive(payload, signature).outcome == "duplicate"
    session.expire_all()
    assert ledger.ledger_of(session, thomas.id).balance == Decimal("790.00")


def test_failed_after_succeeded_never_goes_back(session, thomas):
    attempt = _start(session, thomas, Decimal("100.00"))
    _succeed(attempt)
    late = webhooks.receive(*gateway.test_mode_event(attempt, "payment_intent.payment_failed"))
    assert late.outcome == "stale: stays succeeded"
    session.expire_all()
    assert session.get(PaymentAttempt, attempt.id).status == PaymentStatus.SUCCEEDED


def test_late_success_after_lapsed_reservation_is_refunded_and_flagged(session, thomas):
    old = _start(session, thomas, now=utcnow() - ledger.RESERVATION_TTL * 2)
    old.created_at = utcnow() - ledger.RESERVATION_TTL * 2
    session.add(old)
    session.commit()
    fresh = _start(session, thomas)  # the lapsed reservation no longer holds the balance
    assert fresh.amount_cents == 89000
    _succeed(fresh)
    assert _succeed(old).outcome == "succeeded"
    session.expire_all()
    late = session.get(PaymentAttempt, old.id)
    assert late.applied_cents == 0 and late.refunded_cents == 89000 and late.flagged
    refund = session.exec(select(PaymentRefund)).one()
    assert refund.status == "succeeded" and refund.amount_cents == 89000
    assert ledger.ledger_of(session, thomas.id).balance == 0


def test_tampered_amount_received_applies_only_the_server_amount(session, thomas):
    attempt = _start(session, thomas, Decimal("50.00"))
    _succeed(attempt, amount_received=8_900_000)
    session.expire_all()
    row = session.get(PaymentAttempt, attempt.id)
    assert row.applied_cents == 5000 and row.refunded_cents == 8_895_000 and row.flagged
    assert ledger.ledger_of(session, thomas.id).balance == Decimal("840.00")


@pytest.mark.parametrize("signature", [None, "", "t=1,v1=deadbeef", "garbage"])
def test_bad_signatures_are_refused(session, thomas, signature):
    attempt = _start(session, thomas, Decimal("50.00"))
    payload, _ = gateway.test_mode_event(attempt, "payment_intent.succeeded")
    with pytest.raises(webhooks.BadSignature):
        webhooks.receive(payload, signature)


def test_stale_signature_is_refused(session, thomas):
    attempt = _start(session, thomas, Decimal("50.00"))
    payload, signature = gateway.test_mode_event(
        attempt, "payment_intent.succeeded", signed_at=int(utcnow().timestamp()) - 3600)
    with pytest.raises(webhooks.BadSignature):
        webhooks.receive(payload, signature)


def test_live_key_without_webhook_secret_refuses_every_event(session, thomas, settings_env):
    attempt = _start(session, thomas, Decimal("50.00"))
    payload, signature = gateway.test_mode_event(attempt, "payment_intent.succeeded")
    settings_env(stripe_secret_key="sk_test_dummy")
    with pytest.raises(webhooks.BadSignature):
        webhooks.receive(payload, signature)


def test_institution_row_exists(session, thomas):
    assert session.get(Institution, thomas.institution_id).name == "Demo Orthodontics"


def test_payments_of_a_day_use_the_practice_day(session, thomas):
    from datetime import UTC, date, datetime

    attempt = _start(session, thomas, Decimal("10.00"))
    _succeed(attempt)
    session.expire_all()
    row = session.get(PaymentAttempt, attempt.id)
    row.succeeded_at = datetime(2026, 12, 1, 23, 30, tzinfo=UTC)  # 00:30 in Paris, 2 Dec
    session.add(row)
    session.commit()
    found = ledger.attempts_of_day(session, thomas.institution_id, date(2026, 12, 2))
    assert [a.id for a, _ in found] == [attempt.id]
    assert not ledger.attempts_of_day(session, thomas.institution_id, date(2026, 12, 1))
    other = factories.institution(session)
    assert not ledger.attempts_of_day(session, other.id, date(2026, 12, 2))


def test_patient_history_leaves_out_abandoned_payments(session, thomas):
    from ortho_app.services.payments import checkout

    attempt = _start(session, thomas, Decimal("10.00"))
    assert checkout.cancel(session, attempt)
    session.commit()
    assert not checkout.cancel(session, attempt)  # only while open
    assert ledger.attempts_of_patient(session, thomas.id, abandoned=False) == []
    assert len(ledger.attempts_of_patient(session, thomas.id)) == 1
    assert ledger.ledger_of(session, thomas.id).reserved == 0


def test_declined_test_card_releases_the_reservation_and_changes_no_fee(session, thomas):
    from ortho_app.services.payments import checkout

    attempt = _start(session, thomas, Decimal("100.00"))
    assert checkout.finish_in_test_mode(attempt.id, succeed=False).outcome == "failed"
    session.expire_all()
    assert session.get(PaymentAttempt, attempt.id).status == PaymentStatus.FAILED
    book = ledger.ledger_of(session, thomas.id)
    assert book.balance == Decimal("890.00") and book.reserved == 0


def test_checkout_completed_links_the_payment_intent(session, thomas):
    attempt = _start(session, thomas, Decimal("100.00"))
    event = {"id": "evt_cs_1", "type": "checkout.session.completed", "data": {"object": {
        "id": "cs_1", "object": "checkout.session", "payment_intent": "pi_live_9",
        "metadata": {gateway.ATTEMPT_KEY: str(attempt.id)}}}}
    assert webhooks.apply_event(session, event).outcome == "linked"
    session.commit()
    found = {"id": "evt_pi_1", "type": "payment_intent.succeeded", "data": {"object": {
        "id": "pi_live_9", "object": "payment_intent", "amount_received": 10000,
        "currency": "eur", "metadata": {}}}}
    assert webhooks.apply_event(session, found).outcome == "succeeded"  # found by its PI id
    session.commit()
    assert ledger.ledger_of(session, thomas.id).balance == Decimal("790.00")


def test_balance_text_prefills_what_can_be_paid_now(session, thomas):
    from ortho_app.services.payments import checkout

    assert checkout.balance_text(session, thomas.id) == ("890,00 €", "890,00", True)
    _start(session, thomas)  # the whole balance is being paid
    assert checkout.balance_text(session, thomas.id) == ("890,00 €", "0,00", False)


def test_a_refund_left_pending_is_sent_with_the_next_webhook(session, thomas):
    attempt = _start(session, thomas, Decimal("10.00"))
    _succeed(attempt)
    session.add(PaymentRefund(attempt_id=attempt.id, amount_cents=100, reason="overpayment"))
    session.commit()  # as if the process had stopped before calling Stripe
    other = _start(session, thomas, Decimal("5.00"))
    _succeed(other)
    session.expire_all()
    assert [r.status for r in session.exec(select(PaymentRefund))] == ["succeeded"]


def test_test_mode_exists_in_demo_mode_only(settings_env):
    assert gateway.is_test_mode() and gateway.online_payment_available()
    settings_env(demo_mode="false", secret_key="x" * 40)
    assert not gateway.is_test_mode() and not gateway.online_payment_available()
    assert gateway.webhook_secret() is None
    settings_env(stripe_secret_key="sk_live_x")
    assert gateway.online_payment_available() and not gateway.is_test_mode()


def test_test_mode_secret_is_random_not_derived_from_the_settings(session, thomas):
    import hashlib
    import hmac

    from ortho_app.core.settings import DEV_SECRET, get_settings

    secret = gateway.webhook_secret()
    assert secret.startswith("whsec_test_") and len(secret) > 60
    for key in (DEV_SECRET, get_settings().secret_key):
        derived = hmac.new(key.encode(), b"stripe test mode webhooks", hashlib.sha256)
        assert derived.hexdigest() not in secret
    attempt = _start(session, thomas, Decimal("50.00"))
    payload, _ = gateway.test_mode_event(attempt, "payment_intent.succeeded")
    forged = stripe.WebhookSignature.generate_signature_header(
        payload.decode(), "whsec_test_" + hmac.new(
            DEV_SECRET.encode(), b"stripe test mode webhooks", hashlib.sha256).hexdigest())
    with pytest.raises(webhooks.BadSignature):
        webhooks.receive(payload, forged)
