"""Stripe webhook events: verified on the raw body, applied once, in one transaction.

`receive(payload, signature)` is the one entry for the HTTP route and for test mode. The
event id is stored (unique) in the same transaction as the event's effects, so the same event
delivered twice — even at the same moment — is applied once. Money received beyond what the
fees still owe (two payments racing, a late success after the reservation lapsed) is refunded
automatically and the payment is flagged for the practice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

import stripe
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from ortho_app.core import audit, outbox
from ortho_app.core.db import db_session
from ortho_app.models import Institution, MonitoringEvent, Patient
from ortho_app.models._base import utcnow
from ortho_app.models.payments import (
    PaymentAttempt,
    PaymentRefund,
    PaymentStatus,
    ProcessedWebhookEvent,
)
from ortho_app.services.patients.names import full_name
from ortho_app.services.payments import gateway, ledger
from ortho_app.services.payments.money import format_eur

log = logging.getLogger(__name__)
ACTOR = "stripe-webhook"
STATUS_OF_EVENT = {
    "payment_intent.processing": PaymentStatus.PROCESSING,
    "payment_intent.payment_failed": PaymentStatus.FAILED,
    "payment_intent.canceled": PaymentStatus.CANCELED,
    "checkout.session.expired": PaymentStatus.CANCELED,
    "payment_intent.succeeded": PaymentStatus.SUCCEEDED,
}


class BadSignature(ValueError):
    """Missing, wrong or stale signature, or a body that is not a Stripe event."""


@dataclass
class Applied:
    outcome: str
    refund_ids: list[int] = field(default_factory=list)
    mail: bool = False


def receive(payload: bytes, signature: str | None) -> Applied:
    """Verify (stripe.Webhook.construct_event) and apply one event; BadSignature → 400."""
    secret = gateway.webhook_secret()
    if not secret or not signature:
        raise BadSignature("missing signature or secret")
    try:
        event = stripe.Webhook.construct_event(payload, signature, secret)
    except (stripe.SignatureVerificationError, ValueError) as exc:
        raise BadSignature(type(exc).__name__) from None
    with db_session() as session:
        applied = apply_event(session, event.to_dict())
        session.commit()
    for refund_id in applied.refund_ids + pending_refunds(exclude=applied.refund_ids):
        execute_refund(refund_id)
    if applied.mail:
        outbox.request_delivery()
    return applied


def _find_attempt(session: Session, obj: dict) -> PaymentAttempt | None:
    raw = str((obj.get("metadata") or {}).get(gateway.ATTEMPT_KEY, ""))
    if raw.isdigit() and len(raw) < 12:
        return session.get(PaymentAttempt, int(raw))
    if obj.get("object") == "payment_intent" and obj.get("id"):
        return session.exec(select(PaymentAttempt).where(
            PaymentAttempt.stripe_payment_intent_id == str(obj["id"]))).first()
    return None


def apply_event(session: Session, event: dict, *, now: datetime | None = None) -> Applied:
    """Apply a verified event (the caller commits). Duplicates change nothing."""
    now = now or utcnow()
    obj = (event.get("data") or {}).get("object") or {}
    event_type = str(event.get("type", ""))[:100]
    attempt = _find_attempt(session, obj) if isinstance(obj, dict) else None
    ledger.lock_ledger(session, attempt.patient_id if attempt else 0)
    if attempt is not None:
        session.refresh(attempt)  # the status as of the lock
    record = ProcessedWebhookEvent(event_id=str(event.get("id", ""))[:255], event_type=event_type,
                                   attempt_id=attempt.id if attempt else None)
    session.add(record)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        return Applied("duplicate")
    record.outcome = _effects(session, attempt, event_type, obj, now)
    applied = Applied(record.outcome)
    if record.outcome.startswith("succeeded"):
        applied.mail = True
        applied.refund_ids = [r.id for r in session.exec(select(PaymentRefund).where(
            PaymentRefund.attempt_id == attempt.id, PaymentRefund.status == "pending")).all()]
    session.add(record)
    return applied


def _effects(session: Session, attempt: PaymentAttempt | None, event_type: str, obj: dict,
             now: datetime) -> str:
    if attempt is None:
        return "ignored: no payment attempt"
    if event_type == "checkout.session.completed":
        attempt.stripe_checkout_session_id = attempt.stripe_checkout_session_id or obj.get("id")
        if obj.get("payment_intent") and not attempt.stripe_payment_intent_id:
            attempt.stripe_payment_intent_id = str(obj["payment_intent"])
        session.add(attempt)
        return "linked"
    status = STATUS_OF_EVENT.get(event_type)
    if status is None:
        return "ignored: event type"
    before = attempt.status
    if not ledger.move(attempt, status, now=now):
        return f"stale: stays {before.value}"
    if obj.get("object") == "payment_intent" and not attempt.stripe_payment_intent_id:
        attempt.stripe_payment_intent_id = str(obj.get("id") or "") or None
    if status == PaymentStatus.SUCCEEDED:
        _money_received(session, attempt, obj, now)
    session.add(attempt)
    audit.record(session, actor=ACTOR, action=f"payment.{status.value}",
                 target=f"payment:{attempt.id}", patient_id=attempt.patient_id)
    return status.value


def _money_received(session: Session, attempt: PaymentAttempt, obj: dict,
                    now: datetime) -> None:
    received = obj.get("amount_received", obj.get("amount", 0))
    received = (received if isinstance(received, int) and not isinstance(received, bool)
                and received > 0 else 0)
    same_currency = str(obj.get("currency", attempt.currency)).lower() == attempt.currency
    attempt.received_cents, attempt.succeeded_at = received, now
    cap = min(received, attempt.amount_cents) if same_currency else 0
    attempt.applied_cents = ledger.allocate(session, attempt.patient_id, cap)
    excess = received - attempt.applied_cents
    if excess > 0:
        attempt.refunded_cents += excess
        attempt.flagged = True
        attempt.flag_reason = (f"Overpayment of {format_eur(excess)} (fees already paid or "
                               f"amount differs) — refunded automatically")[:500]
        session.add(PaymentRefund(attempt_id=attempt.id, amount_cents=excess,
                                  reason="overpayment"))
        log.warning("payment %s overpaid by %s cents: refund queued", attempt.id, excess)
    session.flush()
    _receipt_and_history(session, attempt, now)


def _receipt_and_history(session: Session, attempt: PaymentAttempt, now: datetime) -> None:
    patient = session.get(Patient, attempt.patient_id)
    practice = session.get(Institution, attempt.institution_id)
    balance = ledger.ledger_of(session, attempt.patient_id, now=now).balance
    paid = format_eur(attempt.applied_cents)
    day = now.astimezone(ledger.PRACTICE_TZ).strftime("%d/%m/%Y")
    text = f"Paiement en ligne de {paid} (paiement n° {attempt.id})"
    if attempt.refunded_cents:
        text += f" ; {format_eur(attempt.refunded_cents)} remboursés automatiquement"
    session.add(MonitoringEvent(patient_id=attempt.patient_id, day=now.date(), actor=ACTOR,
                                kind="payment", text=text))
    outbox.enqueue_email(
        session, to=attempt.receipt_email, institution_id=attempt.institution_id,
        subject=f"Confirmation de paiement — {practice.name if practice else ''}",
        body=(f"Bonjour,\n\nNous confirmons la réception de votre paiement en ligne de {paid} "
              f"le {day} pour {full_name(patient)}.\n"
              + (f"{format_eur(attempt.refunded_cents)} ont été remboursés automatiquement "
                 f"(montant supérieur au solde dû).\n" if attempt.refunded_cents else "")
              + f"Référence : paiement n° {attempt.id}.\nSolde restant dû : "
              f"{format_eur(balance)}.\n\n{practice.name if practice else ''}"))


def pending_refunds(*, exclude: list[int] = (), limit: int = 10) -> list[int]:
    """Refunds queued but never sent (the process stopped between commit and Stripe call):
    every webhook received picks up a few (sending is idempotent per refund id)."""
    with db_session() as session:
        return [i for i in session.exec(select(PaymentRefund.id).where(
            PaymentRefund.status == "pending").order_by(PaymentRefund.id).limit(limit)).all()
            if i not in exclude]


def execute_refund(refund_id: int) -> None:
    """Send a queued refund (idempotent: the refund id is the idempotency key)."""
    with db_session() as session:
        refund = session.get(PaymentRefund, refund_id)
        if refund is None or refund.status != "pending":
            return
        attempt = session.get(PaymentAttempt, refund.attempt_id)
        try:
            refund.stripe_refund_id = gateway.send_refund(refund, attempt)
            refund.status = "succeeded"
        except stripe.StripeError as exc:
            log.error("refund %s failed: %s", refund_id, type(exc).__name__)
            refund.status = "failed"
        session.add(refund)
        session.commit()
