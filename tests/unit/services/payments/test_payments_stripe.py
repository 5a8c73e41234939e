"""Live mode (a Stripe key set): the requests the stripe library sends — amount decided by
the server, idempotency key = our payment-attempt id — recorded by a fake HTTP client."""

from __future__ import annotations

import json
from decimal import Decimal
from urllib.parse import parse_qs

import pytest
import stripe
from sqlmodel import select

from ortho_app.models.payments import PaymentAttempt, PaymentRefund
from ortho_app.services.payments import checkout, gateway, ledger, webhooks
from tests import factories
from tests.factories.payments import fee


class RecordingStripe(stripe.HTTPClient):
    name = "recording"

    def __init__(self, fail: bool = False):
        super().__init__()
        self.calls: list[tuple[str, str, dict, dict]] = []
        self.fail = fail

    def request(self, method, url, headers, post_data=None, *, _usage=None):
        form = {k: v[0] for k, v in parse_qs(post_data or "").items()}
        self.calls.append((method, url, dict(headers or {}), form))
        if self.fail:
            return json.dumps({"error": {"type": "api_error", "message": "down"}}), 500, {}
        if url.endswith("/v1/checkout/sessions"):
            body = {"id": "cs_test_1", "object": "checkout.session",
                    "url": "https://checkout.stripe.test/c/cs_test_1"}
        else:
            body = {"id": "re_1", "object": "refund", "status": "succeeded"}
        return json.dumps(body), 200, {"request-id": "req_1"}


@pytest.fixture
def live(session, settings_env, monkeypatch):
    settings_env(stripe_secret_key="sk_test_123", stripe_webhook_secret="whsec_live_test")
    practice = factories.institution(session, name="Demo Orthodontics")
    patient = factories.patient(session, practice)
    fee(session, patient, 20000)
    session.commit()
    recorder = RecordingStripe()
    monkeypatch.setattr(gateway, "_http_client", recorder)
    return patient, recorder


def reserve(session, patient, amount):
    attempt = ledger.start_payment(session, patient=patient, requested=amount,
                                   receipt_email="a@example.fr", actor="patient:1",
                                   test_mode=gateway.is_test_mode())
    session.commit()
    return attempt


def test_checkout_carries_server_amount_and_attempt_idempotency_key(session, live):
    patient, recorder = live
    attempt = reserve(session, patient, Decimal("1e9"))  # tampered: far above the balance
    opened = checkout.open_checkout(attempt.id, return_url="https://app.test/patient/payments")
    assert not opened.test_mode and opened.redirect_url.endswith("cs_test_1")
    method, url, headers, form = recorder.calls[0]
    assert (method, url) == ("post", "https://api.stripe.com/v1/checkout/sessions")
    assert headers["Idempotency-Key"] == f"payment-attempt-{attempt.id}"
    assert form["line_items[0][price_data][unit_amount]"] == "20000"
    assert form["payment_intent_data[metadata][payment_attempt_id]"] == str(attempt.id)
    session.expire_all()
    assert session.get(PaymentAttempt, attempt.id).stripe_checkout_session_id == "cs_test_1"


def test_processor_down_releases_the_reservation(session, live, monkeypatch):
    patient, _ = live
    monkeypatch.setattr(gateway, "_http_client", RecordingStripe(fail=True))
    attempt = reserve(session, patient, Decimal("50"))
    with pytest.raises(checkout.PaymentUnavailable):
        checkout.open_checkout(attempt.id, return_url="https://app.test/p")
    session.expire_all()
    assert ledger.ledger_of(session, patient.id).reserved == 0


def test_live_refund_uses_stripe_with_refund_idempotency_key(session, live):
    patient, recorder = live
    attempt = reserve(session, patient, Decimal("50"))
    attempt.stripe_payment_intent_id = "pi_live_1"
    session.add(attempt)
    session.commit()
    payload, sig = gateway.test_mode_event(attempt, "payment_intent.succeeded",
                                           amount_received=30000)
    assert webhooks.receive(payload, sig).outcome == "succeeded"  # signed with whsec_live_test
    method, url, headers, form = recorder.calls[-1]
    refund = session.exec(select(PaymentRefund)).one()
    assert url.endswith("/v1/refunds") and form["amount"] == "25000"
    assert headers["Idempotency-Key"] == f"payment-refund-{refund.id}"
    assert form["payment_intent"] == "pi_live_1" and refund.stripe_refund_id == "re_1"
