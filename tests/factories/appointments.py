"""Factories for appointments (practice wall-clock times)."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from ortho_app.models import Patient
from ortho_app.models.appointments import Appointment
from ortho_app.services.appointments.appointments import at_practice_time


def appointment(session: Session, patient: Patient, day: date, hour: int = 10, minute: int = 0,
                *, practitioner: str = "Dr. Claire Lefèvre", carte_vitale: bool = False,
                duration: int = 30, reason: str = "Contrôle") -> Appointment:
    row = Appointment(patient_id=patient.id, institution_id=patient.institution_id,
                      starts_at=at_practice_time(day, hour, minute), duration_minutes=duration,
                      practitioner=practitioner, carte_vitale=carte_vitale, reason=reason)
    session.add(row)
    session.flush()
    return row
