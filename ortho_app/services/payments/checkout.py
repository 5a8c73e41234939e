"""A patient's payment from the app: open the checkout, cancel it, finish it in test mode,
and the rows the pages show (plain dataclasses with display strings)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

import stripe
from sqlmodel import Session

from ortho_app.core.db import db_session
from ortho_app.models import Institution, Patient
from ortho_app.models.payments import CareItem, PaymentAttempt, PaymentStatus
from ortho_app.services.patients.names import list_name
from ortho_app.services.payments import gateway, ledger, states, webhooks
from ortho_app.services.payments.money import format_eur

log = logging.getLogger(__name__)


class PaymentUnavailable(RuntimeError):
    """The payment processor could not be reached; the reservation was released."""


def open_checkout(attempt_id: int, *, return_url: str) -> gateway.Checkout:
    """Ask the processor for a checkout for a reserved attempt and record its ids."""
    with db_session() as session:
        attempt = session.get(PaymentAttempt, attempt_id)
        practice = session.get(Institution, attempt.institution_id)
    try:
        checkout = gateway.open_checkout(attempt, practice_name=practice.name,
                                         return_url=return_url)
    except stripe.StripeError as exc:
        log.error("checkout for payment %s failed: %s", attempt_id, type(exc).__name__)
        with db_session() as session:
            cancel(session, session.get(PaymentAttempt, attempt_id))
            session.commit()
        raise PaymentUnavailable("payment service unavailable") from None
    with db_session() as session:
        attempt = session.get(PaymentAttempt, attempt_id)
        attempt.stripe_payment_intent_id = checkout.payment_intent_id
        attempt.stripe_checkout_session_id = checkout.checkout_session_id
        session.add(attempt)
        session.commit()
    return checkout


def cancel(session: Session, attempt: PaymentAttempt) -> bool:
    """The patient gave up before paying: release the reservation (only while open)."""
    if not states.is_open(attempt.status):
        return False
    ledger.move(attempt, PaymentStatus.CANCELED)
    session.add(attempt)
    return True


def finish_in_test_mode(attempt_id: int, *, succeed: bool) -> webhooks.Applied:
    """TEST MODE: the card step, answered by a locally signed webhook event that goes through
    `webhooks.receive` exactly like one from Stripe."""
    if not gateway.is_test_mode():
        raise PaymentUnavailable("test mode is off")
    with db_session() as session:
        attempt = session.get(PaymentAttempt, attempt_id)
    kind = "payment_intent.succeeded" if succeed else "payment_intent.payment_failed"
    payload, signature = gateway.test_mode_event(attempt, kind)
    return webhooks.receive(payload, signature)


@dataclass
class ItemView:
    label: str
    care_date: str
    due: str
    paid: str
    remaining: str
    due_date: str
    overdue: bool


@dataclass
class AttemptView:
    id: int
    at: str
    amount: str
    status: str
    refunded: str
    flagged: bool
    note: str
    patient: str = ""
    patient_id: int = 0


def _day(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def item_views(items: list[CareItem], today: date, *, only_due: bool) -> list[ItemView]:
    return [ItemView(i.label, _day(i.care_date), format_eur(i.amount_due_cents),
                     format_eur(i.amount_paid_cents), format_eur(ledger.remaining_cents(i)),
                     _day(i.due_date), ledger.is_overdue(i, today))
            for i in items if not only_due or ledger.remaining_cents(i) > 0]


def attempt_view(attempt: PaymentAttempt, patient: Patient | None = None) -> AttemptView:
    at = attempt.succeeded_at or attempt.created_at
    shown = attempt.applied_cents if attempt.status == PaymentStatus.SUCCEEDED \
        else attempt.amount_cents
    return AttemptView(
        id=attempt.id, at=at.astimezone(ledger.PRACTICE_TZ).strftime("%d/%m/%Y %H:%M"),
        amount=format_eur(shown),
        status=attempt.status.value,
        refunded=format_eur(attempt.refunded_cents) if attempt.refunded_cents else "",
        flagged=attempt.flagged, note=attempt.flag_reason,
        patient=list_name(patient) if patient else "",
        patient_id=patient.id if patient else 0)


def balance_text(session: Session, patient_id: int) -> tuple[str, str, bool]:
    """(display balance, the amount to prefill — what is due and not already being paid —,
    whether anything can be paid now)."""
    book = ledger.ledger_of(session, patient_id)
    prefill = f"{book.available:.2f}".replace(".", ",")
    return format_eur(book.balance), prefill, book.available > 0


def overdue_total(items: list[CareItem], today: date) -> str:
    return format_eur(sum(ledger.remaining_cents(i) for i in items if ledger.is_overdue(i, today)))

