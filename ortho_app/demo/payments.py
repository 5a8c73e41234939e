"""Demo fees: Thomas Dubois owes fees with one overdue item (and paid 400 € online in
October); Camille Martin has an instalment to come. Online payment is on for the practice."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlmodel import Session, select

from ortho_app.models import Patient
from ortho_app.models.payments import CareItem, PaymentAttempt, PaymentStatus
from ortho_app.services.patient_app.modules import save_options

# (last name, first name, born): [(label, care date, due, paid, due date)] — euros
FEES = {
    ("Dubois", "Thomas", date(1990, 6, 21)): [
        ("Bilan orthodontique et radiographies", date(2026, 5, 12), 90, 90, date(2026, 5, 12)),
        ("Pose de l'appareil multi-attaches", date(2026, 6, 2), 600, 600, date(2026, 6, 2)),
        ("Traitement actif — semestre 1", date(2026, 6, 2), 645, 400, date(2026, 10, 10)),
        ("Traitement actif — semestre 2", date(2026, 12, 2), 645, 0, date(2027, 1, 10)),
    ],
    ("Martin", "Camille", date(2011, 3, 14)): [
        ("Bilan orthodontique", date(2025, 9, 15), 90, 90, date(2025, 9, 15)),
        ("Gouttières — phase 1", date(2025, 10, 1), 1200, 800, date(2026, 12, 15)),
        ("Gouttières — phase 2", date(2026, 10, 1), 1200, 0, date(2027, 4, 1)),
    ],
}
THOMAS_ONLINE = datetime(2026, 10, 2, 9, 15, tzinfo=UTC)  # the 400 € of semester 1


def _patient(session: Session, last: str, first: str, born: date) -> Patient | None:
    return session.exec(select(Patient).where(Patient.last_name == last,
                                              Patient.first_name == first,
                                              Patient.date_of_birth == born)).first()


def seed_payments(session: Session, practice_id: int) -> None:
    save_options(session, practice_id, online_payment=True)
    for (last, first, born), fees in FEES.items():
        patient = _patient(session, last, first, born)
        if patient is None or session.exec(select(CareItem.id).where(
                CareItem.patient_id == patient.id)).first():
            continue
        for label, care_date, due, paid, due_date in fees:
            session.add(CareItem(institution_id=practice_id, patient_id=patient.id,
                                 label=label, care_date=care_date, due_date=due_date,
                                 amount_due_cents=due * 100, amount_paid_cents=paid * 100))
        if first == "Thomas":
            session.add(PaymentAttempt(
                institution_id=practice_id, patient_id=patient.id, amount_cents=40000,
                status=PaymentStatus.SUCCEEDED, receipt_email=patient.email or "",
                test_mode=True, stripe_payment_intent_id="pi_demo_thomas_1",
                received_cents=40000, applied_cents=40000, actor="patient:demo",
                created_at=THOMAS_ONLINE, updated_at=THOMAS_ONLINE,
                succeeded_at=THOMAS_ONLINE))
    session.flush()
