"""Fees and payment attempts for payment tests."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from ortho_app.models import Patient
from ortho_app.models.payments import CareItem


def fee(session: Session, patient: Patient, cents: int, *, paid: int = 0,
        due: date = date(2026, 10, 1), label: str = "Semestre de traitement") -> CareItem:
    row = CareItem(institution_id=patient.institution_id, patient_id=patient.id, label=label,
                   care_date=date(2026, 9, 1), due_date=due, amount_due_cents=cents,
                   amount_paid_cents=paid)
    session.add(row)
    session.flush()
    return row
