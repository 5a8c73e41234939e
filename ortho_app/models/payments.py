"""Fees ("soins" / honoraires) and online payments.

Money is stored in integer cents (exact on SQLite and PostgreSQL); services work in Decimal.
A payment attempt is our row: its id is the Stripe idempotency key and travels in the
PaymentIntent's metadata; its status only moves forward. Every webhook event applied is
recorded by its Stripe id (unique) in the same transaction as its effects.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlmodel import Field, SQLModel

from ortho_app.models._base import created_at_field


class CareItem(SQLModel, table=True):
    """One fee of a patient: label and date of the care, amount due, amount paid, due date."""

    id: int | None = Field(default=None, primary_key=True)
    institution_id: int = Field(foreign_key="institution.id", index=True)
    patient_id: int = Field(foreign_key="patient.id", index=True)
    label: str = Field(max_length=200)
    care_date: date
    due_date: date
    amount_due_cents: int = Field(ge=0)
    amount_paid_cents: int = Field(default=0, ge=0)
    created_at: datetime = created_at_field()


class PaymentStatus(enum.StrEnum):
    CREATED = "created"  # amount reserved, waiting for the card
    PROCESSING = "processing"
    FAILED = "failed"
    CANCELED = "canceled"
    SUCCEEDED = "succeeded"


class PaymentAttempt(SQLModel, table=True):
    """One online payment by a patient (our id = Stripe idempotency key)."""

    id: int | None = Field(default=None, primary_key=True)
    institution_id: int = Field(foreign_key="institution.id", index=True)
    patient_id: int = Field(foreign_key="patient.id", index=True)
    amount_cents: int = Field(gt=0)  # decided by the server
    currency: str = Field(default="eur", max_length=3)
    status: PaymentStatus = Field(default=PaymentStatus.CREATED, index=True)
    receipt_email: str = Field(max_length=254)
    test_mode: bool = False
    stripe_payment_intent_id: str | None = Field(default=None, max_length=255, unique=True)
    stripe_checkout_session_id: str | None = Field(default=None, max_length=255, unique=True)
    received_cents: int = 0  # what the processor took
    applied_cents: int = 0  # what went onto the fees
    refunded_cents: int = 0
    flagged: bool = Field(default=False, index=True)
    flag_reason: str = Field(default="", max_length=500)
    actor: str = Field(max_length=100)
    created_at: datetime = created_at_field()
    updated_at: datetime = created_at_field()
    succeeded_at: datetime | None = Field(default=None, index=True)


class PaymentRefund(SQLModel, table=True):
    """Money sent back (an overpayment caused by a race), refunded automatically."""

    id: int | None = Field(default=None, primary_key=True)
    attempt_id: int = Field(foreign_key="paymentattempt.id", index=True)
    amount_cents: int = Field(gt=0)
    reason: str = Field(max_length=200)
    status: str = Field(default="pending", max_length=20)  # pending → succeeded / failed
    stripe_refund_id: str | None = Field(default=None, max_length=255)
    created_at: datetime = created_at_field()


class ProcessedWebhookEvent(SQLModel, table=True):
    """A Stripe event already applied (its id is unique: an event is applied once)."""

    id: int | None = Field(default=None, primary_key=True)
    event_id: str = Field(max_length=255, unique=True)
    event_type: str = Field(max_length=100)
    attempt_id: int | None = Field(default=None, foreign_key="paymentattempt.id")
    outcome: str = Field(default="", max_length=100)
    received_at: datetime = created_at_field()
