"""Demo fees: Thomas owes fees with one overdue item, online payment is on, seeding twice
changes nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlmodel import func, select

from ortho_app.demo.seed import seed
from ortho_app.models import Patient
from ortho_app.models.payments import CareItem, PaymentAttempt
from ortho_app.services.patient_app.modules import options_for
from ortho_app.services.payments import ledger


def test_demo_fees_are_seeded_once(session):
    for _ in range(2):
        seed(session)
        session.commit()
    thomas = session.exec(select(Patient).where(Patient.last_name == "Dubois",
                                                Patient.first_name == "Thomas")).one()
    assert ledger.ledger_of(session, thomas.id).balance == Decimal("890.00")
    overdue = [i for i in ledger.items(session, thomas.id)
               if ledger.is_overdue(i, date(2026, 12, 1))]
    assert [i.label for i in overdue] == ["Traitement actif — semestre 1"]
    assert options_for(session, thomas.institution_id).online_payment
    assert session.exec(select(func.count()).select_from(CareItem)).one() == 7
    assert session.exec(select(func.count()).select_from(PaymentAttempt)).one() == 1
