"""Stripe, through its own library — or, in demo mode only, the clearly labelled TEST MODE.

Both modes share the code path: our attempt row is created first and its id is the
idempotency key; the money only moves when a signed webhook event arrives at
`webhooks.receive` (the HTTP route, or — in test mode — an event of the same shape signed
by Stripe's own signature scheme with a secret drawn at random when the process starts:
never written anywhere, never derived from anything in the source or the settings).
Outside demo mode there is no test mode: without STRIPE_SECRET_KEY online payment is
unavailable, and without STRIPE_WEBHOOK_SECRET every event is refused.
"""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import dataclass

import stripe

from ortho_app.core.settings import get_settings
from ortho_app.models.payments import PaymentAttempt, PaymentRefund

API_VERSION = "2025-01-27.acacia"
ATTEMPT_KEY = "payment_attempt_id"  # metadata key carrying our attempt id
CHECKOUT_LIFETIME = 31 * 60  # seconds (Stripe's minimum is 30 minutes); see RESERVATION_TTL
_http_client: stripe.HTTPClient | None = None  # tests install a recording client


# Test mode's webhook secret: random for each process (its events are signed and checked in
# the process that makes them), so nobody can sign one from outside.
_TEST_MODE_SECRET = f"whsec_test_{secrets.token_hex(32)}"


def is_test_mode() -> bool:
    """The demo without a Stripe key (never outside demo mode)."""
    settings = get_settings()
    return settings.demo_mode and not settings.stripe_secret_key


def online_payment_available() -> bool:
    """Can a card be charged at all: a Stripe key, or the demo's test mode."""
    return bool(get_settings().stripe_secret_key) or is_test_mode()


def webhook_secret() -> str | None:
    """The secret webhook signatures are checked with (in test mode, the process's own)."""
    settings = get_settings()
    if settings.stripe_webhook_secret:
        return settings.stripe_webhook_secret
    if is_test_mode():
        return _TEST_MODE_SECRET
    return None  # no webhook secret outside test mode: every event is refused


def idempotency_key(attempt: PaymentAttempt) -> str:
    return f"payment-attempt-{attempt.id}"


@dataclass(frozen=True)
class Checkout:
    """Where the patient goes next: Stripe Checkout, or the test-mode card panel."""

    test_mode: bool
    redirect_url: str = ""
    payment_intent_id: str | None = None
    checkout_session_id: str | None = None


def _client() -> stripe.StripeClient:
    return stripe.StripeClient(get_settings().stripe_secret_key or "", http_client=_http_client,
                               max_network_retries=2)


def open_checkout(attempt: PaymentAttempt, *, practice_name: str, return_url: str) -> Checkout:
    """Start collecting the card for this attempt (never changes the amount)."""
    if is_test_mode():
        return Checkout(test_mode=True, payment_intent_id=f"pi_test_{attempt.id}_"
                        f"{secrets.token_hex(6)}")
    meta = {ATTEMPT_KEY: str(attempt.id)}
    session = _client().v1.checkout.sessions.create(params={
        "mode": "payment", "customer_email": attempt.receipt_email,
        "client_reference_id": str(attempt.id), "metadata": meta,
        "line_items": [{"quantity": 1, "price_data": {
            "currency": attempt.currency, "unit_amount": attempt.amount_cents,
            "product_data": {"name": f"Honoraires — {practice_name}"}}}],
        "payment_intent_data": {"metadata": meta, "receipt_email": attempt.receipt_email},
        "success_url": f"{return_url}?paid={attempt.id}", "cancel_url": return_url,
        "expires_at": int(time.time()) + CHECKOUT_LIFETIME,
    }, options={"idempotency_key": idempotency_key(attempt)})
    return Checkout(test_mode=False, redirect_url=session.url or "",
                    checkout_session_id=session.id)


def send_refund(refund: PaymentRefund, attempt: PaymentAttempt) -> str:
    """Send the money back; returns the processor's refund id."""
    if attempt.test_mode or is_test_mode():
        return f"re_test_{refund.id}"
    result = _client().v1.refunds.create(params={
        "payment_intent": attempt.stripe_payment_intent_id or "",
        "amount": refund.amount_cents, "metadata": {ATTEMPT_KEY: str(attempt.id)},
    }, options={"idempotency_key": f"payment-refund-{refund.id}"})
    return result.id


def test_mode_event(attempt: PaymentAttempt, event_type: str, *,
                    amount_received: int | None = None, event_id: str | None = None,
                    signed_at: int | None = None) -> tuple[bytes, str]:
    """A webhook-shaped PaymentIntent event for this attempt, signed like Stripe signs them
    (`Stripe-Signature: t=…,v1=…`) with the webhook secret. TEST MODE only."""
    status = event_type.removeprefix("payment_intent.").replace("payment_failed",
                                                                "requires_payment_method")
    received = attempt.amount_cents if amount_received is None else amount_received
    body = {
        "id": event_id or f"evt_test_{secrets.token_hex(12)}", "object": "event",
        "api_version": API_VERSION, "created": int(time.time()), "livemode": False,
        "type": event_type,
        "data": {"object": {
            "id": attempt.stripe_payment_intent_id or f"pi_test_{attempt.id}",
            "object": "payment_intent", "amount": attempt.amount_cents,
            "amount_received": received if event_type.endswith("succeeded") else 0,
            "currency": attempt.currency, "status": status,
            "receipt_email": attempt.receipt_email,
            "metadata": {ATTEMPT_KEY: str(attempt.id)}}},
    }
    payload = json.dumps(body, separators=(",", ":"))
    header = stripe.WebhookSignature.generate_signature_header(
        payload, webhook_secret() or "", timestamp=signed_at)
    return payload.encode(), header
