"""Balance, reservations and the amount decision, under a lock on the patient's ledger.

Every change of a patient's money (a new payment, a webhook's effects) first takes the
ledger lock: SELECT … FOR UPDATE on the patient row on PostgreSQL, BEGIN IMMEDIATE on SQLite
(one writer for the whole file). The amount is decided under that lock:
min(requested, balance − open reservations).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlmodel import Session, col, func, select

from ortho_app.core.timezone import PRACTICE_TZ
from ortho_app.models import Patient
from ortho_app.models._base import utcnow
from ortho_app.models.payments import CareItem, PaymentAttempt, PaymentStatus
from ortho_app.services.payments import states
from ortho_app.services.payments.money import CENT, InvalidAmount, from_cents, to_cents

# Days and times of payments are the practice's (French practices).

# An attempt abandoned on the card page stops holding the balance after this long (a little
# longer than a Stripe Checkout session lives, so a late success is rare; if it happens, the
# excess is refunded and flagged).
RESERVATION_TTL = timedelta(minutes=35)


class NothingToPay(ValueError):
    """The balance (less what is being paid right now) is zero."""


@dataclass(frozen=True)
class Ledger:
    balance: Decimal  # what is still due on the fees
    reserved: Decimal  # held by payments under way

    @property
    def available(self) -> Decimal:
        return max(self.balance - self.reserved, Decimal("0.00"))


def lock_ledger(session: Session, patient_id: int) -> None:
    """Serialize money changes of this patient until the caller's commit or rollback."""
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        raw = connection.connection.dbapi_connection
        if not raw.in_transaction:  # a write already holds the database's write lock
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        return
    session.exec(select(Patient.id).where(Patient.id == patient_id).with_for_update()).first()


def decide_amount(requested: Decimal | None, ledger: Ledger) -> Decimal:
    """The amount the server charges: what was asked, never more than is available."""
    if ledger.available <= 0:
        raise NothingToPay("nothing to pay")
    if requested is None:
        return ledger.available
    if not isinstance(requested, Decimal) or not requested.is_finite() or requested <= 0:
        raise InvalidAmount("amount must be positive")
    if requested != requested.quantize(CENT):
        raise InvalidAmount("amount has more than two decimals")
    return min(requested, ledger.available)


def items(session: Session, patient_id: int) -> list[CareItem]:
    return list(session.exec(select(CareItem).where(CareItem.patient_id == patient_id)
                             .order_by(CareItem.due_date, CareItem.id)).all())


def remaining_cents(item: CareItem) -> int:
    return max(item.amount_due_cents - item.amount_paid_cents, 0)


def practice_today() -> date:
    return datetime.now(PRACTICE_TZ).date()


def is_overdue(item: CareItem, today: date) -> bool:
    return remaining_cents(item) > 0 and item.due_date < today


def ledger_of(session: Session, patient_id: int, *, now: datetime | None = None) -> Ledger:
    balance = sum(remaining_cents(i) for i in items(session, patient_id))
    since = (now or utcnow()) - RESERVATION_TTL
    reserved = session.exec(select(func.coalesce(func.sum(PaymentAttempt.amount_cents), 0))
                            .where(PaymentAttempt.patient_id == patient_id,
                                   col(PaymentAttempt.status).in_(list(states.OPEN)),
                                   PaymentAttempt.created_at >= since)).one()
    return Ledger(from_cents(balance), from_cents(int(reserved)))


def start_payment(session: Session, *, patient: Patient, requested: Decimal | None,
                  receipt_email: str, actor: str, test_mode: bool,
                  now: datetime | None = None) -> PaymentAttempt:
    """Reserve the decided amount as a new attempt (the caller commits, then calls Stripe)."""
    lock_ledger(session, patient.id)
    amount = decide_amount(requested, ledger_of(session, patient.id, now=now))
    attempt = PaymentAttempt(institution_id=patient.institution_id, patient_id=patient.id,
                             amount_cents=to_cents(amount), receipt_email=receipt_email,
                             actor=actor, test_mode=test_mode)
    session.add(attempt)
    session.flush()
    return attempt


def move(attempt: PaymentAttempt, status: PaymentStatus, *, now: datetime | None = None) -> bool:
    """Advance the attempt's status; False (nothing changes) when that would go back."""
    if not states.can_move(attempt.status, status):
        return False
    attempt.status, attempt.updated_at = status, now or utcnow()
    return True


def allocate(session: Session, patient_id: int, cents: int) -> int:
    """Put `cents` onto the fees, oldest due first; returns what could be applied."""
    left = cents
    for item in items(session, patient_id):
        if left <= 0:
            break
        take = min(remaining_cents(item), left)
        if take:
            item.amount_paid_cents += take
            left -= take
            session.add(item)
    return cents - left


def attempts_of_patient(session: Session, patient_id: int, *, abandoned: bool = True,
                        limit: int = 50) -> list[PaymentAttempt]:
    """A patient's payments, newest first (`abandoned=False` leaves out cancelled ones)."""
    query = select(PaymentAttempt).where(PaymentAttempt.patient_id == patient_id)
    if not abandoned:
        query = query.where(PaymentAttempt.status != PaymentStatus.CANCELED)
    return list(session.exec(query.order_by(col(PaymentAttempt.created_at).desc())
                             .limit(limit)).all())


def attempts_of_day(session: Session, institution_id: int, day: date,
                    limit: int = 500) -> list[tuple[PaymentAttempt, Patient]]:
    """The practice's online payments received on `day` (practice time), newest first."""
    start, end = (datetime(d.year, d.month, d.day, tzinfo=PRACTICE_TZ).astimezone(UTC)
                  for d in (day, day + timedelta(days=1)))
    return list(session.exec(
        select(PaymentAttempt, Patient).join(Patient, Patient.id == PaymentAttempt.patient_id)
        .where(PaymentAttempt.institution_id == institution_id,
               PaymentAttempt.status == PaymentStatus.SUCCEEDED,
               col(PaymentAttempt.succeeded_at) >= start,
               col(PaymentAttempt.succeeded_at) < end)
        .order_by(col(PaymentAttempt.succeeded_at).desc()).limit(limit)).all())


def own_attempt(session: Session, patient_id: int, attempt_id: int) -> PaymentAttempt | None:
    """The attempt if it belongs to this patient."""
    attempt = session.get(PaymentAttempt, attempt_id)
    return attempt if attempt is not None and attempt.patient_id == patient_id else None
