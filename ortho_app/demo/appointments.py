"""Demo appointments and reminders: Camille Martin's next appointment needs her Carte Vitale,
Thomas Dubois and Lucas Martin have theirs; each has past ones and the default reminder.

Idempotent (a patient with appointments is left alone) and deterministic for a given day.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session, select

from ortho_app.models import Patient
from ortho_app.models.appointments import Appointment, ReminderDelivery
from ortho_app.services.appointments import reminders
from ortho_app.services.appointments.appointments import at_practice_time

MANAGER, CLINICIAN = "Dr. Claire Lefèvre", "Dr. Antoine Girard"
# (days from today, hour, minute, practitioner, Carte Vitale, reason)
PLANS = {
    ("Martin", "Camille"): [
        (-150, 9, 30, MANAGER, True, "Pose des gouttières"),
        (-60, 16, 0, MANAGER, False, "Contrôle"),
        (-20, 17, 15, CLINICIAN, False, "Contrôle"),
        (6, 14, 30, MANAGER, True, "Contrôle et gouttières suivantes"),
        (41, 10, 0, CLINICIAN, False, "Contrôle"),
        (97, 11, 15, MANAGER, True, "Bilan"),
    ],
    ("Dubois", "Thomas"): [
        (-120, 18, 0, MANAGER, True, "Pose du multi-attaches"),
        (-35, 18, 30, MANAGER, False, "Activation"),
        (3, 18, 0, MANAGER, False, "Activation"),
        (38, 18, 15, MANAGER, True, "Contrôle"),
    ],
    ("Martin", "Lucas"): [
        (-200, 15, 0, CLINICIAN, True, "Première consultation"),
        (22, 15, 30, CLINICIAN, False, "Surveillance des canines"),
    ],
}


def _weekday(day: date) -> date:
    while day.weekday() >= 5:  # the practice is closed at weekends
        day += timedelta(days=1)
    return day


def seed_appointments(session: Session, practice_id: int, today: date | None = None) -> None:
    today = today or date.today()
    for (last, first), plan in PLANS.items():
        patient = session.exec(select(Patient).where(
            Patient.institution_id == practice_id, Patient.last_name == last,
            Patient.first_name == first)).first()
        if patient is None or session.exec(select(Appointment.id).where(
                Appointment.patient_id == patient.id)).first():
            continue
        rows = []
        for days, hour, minute, practitioner, card, reason in plan:
            row = Appointment(patient_id=patient.id, institution_id=practice_id,
                              starts_at=at_practice_time(_weekday(today + timedelta(days=days)),
                                                         hour, minute),
                              duration_minutes=30, practitioner=practitioner,
                              carte_vitale=card, reason=reason)
            session.add(row)
            rows.append(row)
        session.flush()
        default = reminders.add_reminder(session, patient.id, days_before=1,
                                         at_time=reminders.DEFAULT[1])
        last_past = max((r for r in rows if r.starts_at.date() < today),
                        key=lambda r: r.starts_at)
        session.add(ReminderDelivery(  # the reminder of the last visit, shown in the app
            appointment_id=last_past.id, patient_id=patient.id, days_before=1,
            at_time=default.at_time, channel=default.channel.value,
            due_at=reminders.due_at(last_past.starts_at, default),
            sent_at=reminders.due_at(last_past.starts_at, default)))
    session.flush()
