"""Which patient-app modules a practice turned on, and the check every patient handler makes.

Framework-free: plain values and a DB session. A practice without a row has the defaults of
`PatientAppOptions` (every module on, online payment off).
"""

from __future__ import annotations

import enum
from datetime import date

from sqlmodel import Session, select

from ortho_app.core.authz import Refused
from ortho_app.models import Patient
from ortho_app.models.patient_app import PatientAppOptions

ADULT_AGE = 18


class Module(enum.StrEnum):
    APPOINTMENTS = "appointments"
    MESSAGING = "messaging"
    IMAGING = "imaging"
    PAYMENTS = "payments"
    DOCUMENTS = "documents"
    QUESTIONNAIRES = "questionnaires"


# Modules with an "Accès pour les mineurs" option, and the column holding it.
MINORS_OPTION = {
    Module.PAYMENTS: "payments_minors",
    Module.DOCUMENTS: "documents_minors",
    Module.QUESTIONNAIRES: "questionnaires_minors",
}


def options_for(session: Session, institution_id: int) -> PatientAppOptions:
    """The practice's options (an unsaved row with the defaults when it has none)."""
    row = session.exec(select(PatientAppOptions).where(
        PatientAppOptions.institution_id == institution_id)).first()
    return row or PatientAppOptions(institution_id=institution_id)


def save_options(session: Session, institution_id: int, **values: bool) -> PatientAppOptions:
    """Create or update the practice's options (unknown names are refused)."""
    row = session.exec(select(PatientAppOptions).where(
        PatientAppOptions.institution_id == institution_id)).first()
    if row is None:
        row = PatientAppOptions(institution_id=institution_id)
        session.add(row)
    for name, value in values.items():
        if name in ("id", "institution_id") or name not in PatientAppOptions.model_fields:
            raise ValueError(f"unknown option {name}")
        setattr(row, name, bool(value))
    session.flush()
    return row


def is_minor(patient: Patient, today: date) -> bool:
    born = patient.date_of_birth
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return age < ADULT_AGE


def module_enabled(options: PatientAppOptions, module: Module, patient: Patient | None = None,
                   *, today: date | None = None) -> bool:
    """Is `module` shown for this patient (minors' access applies when a patient is given)?"""
    if not getattr(options, module.value):
        return False
    minors = MINORS_OPTION.get(module)
    if minors and patient is not None and not getattr(options, minors):
        return not is_minor(patient, today or date.today())
    return True


def require_module(session: Session, patient: Patient, module: Module,
                   *, today: date | None = None) -> PatientAppOptions:
    """Refuse (safe message) when the patient's practice turned `module` off."""
    options = options_for(session, patient.institution_id)
    if not module_enabled(options, module, patient, today=today):
        raise Refused("This section is not offered by your practice")
    return options
