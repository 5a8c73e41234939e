"""Patient details proposed from the app ("Mes infos") and the practice's decision.

Spec: "les mises à jour de ces informations ne seront pas transmises au cabinet au moment de
l'enregistrement" — a patient's edit is stored as a proposed change; the practice's record is
changed only when staff accept it. One pending proposal per patient (a new one replaces it).
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from ortho_app.models import Patient
from ortho_app.models._base import utcnow
from ortho_app.models.appointments import ChangeStatus, PatientInfoChange

FIELDS = ("last_name", "first_name", "email", "phone", "address")


class ChangeError(ValueError):
    """The change cannot be decided (message safe to show)."""


def pending_change(session: Session, patient_id: int) -> PatientInfoChange | None:
    return session.exec(select(PatientInfoChange).where(
        PatientInfoChange.patient_id == patient_id,
        PatientInfoChange.status == ChangeStatus.PENDING)
        .order_by(col(PatientInfoChange.id).desc())).first()


def current_values(patient: Patient) -> dict[str, str]:
    return {name: getattr(patient, name) or "" for name in FIELDS}


def propose_change(session: Session, patient: Patient, *, actor: str,
                   **values: str) -> PatientInfoChange | None:
    """Store the patient's proposal (None when nothing differs from the practice's record);
    the patient record itself is left untouched."""
    proposal = current_values(patient) | {k: v for k, v in values.items() if k in FIELDS}
    change = pending_change(session, patient.id)
    if proposal == current_values(patient):
        if change is not None:
            session.delete(change)
            session.flush()
        return None
    if change is None:
        change = PatientInfoChange(patient_id=patient.id, institution_id=patient.institution_id,
                                   proposed_by=actor, **proposal)
    else:
        change.sqlmodel_update(proposal | {"proposed_by": actor, "created_at": utcnow()})
    session.add(change)
    session.flush()
    return change


def differences(change: PatientInfoChange, patient: Patient) -> list[tuple[str, str, str]]:
    """(field, value in the record, proposed value) for each field the patient changed."""
    return [(name, getattr(patient, name) or "", getattr(change, name))
            for name in FIELDS if (getattr(patient, name) or "") != getattr(change, name)]


def pending_changes(session: Session, patients_query, *, limit: int = 50
                    ) -> list[tuple[PatientInfoChange, Patient]]:
    """Pending proposals of the patients selected by `patients_query` (the caller's scope),
    oldest first."""
    visible = patients_query.with_only_columns(col(Patient.id))
    return list(session.exec(select(PatientInfoChange, Patient).join(
        Patient, col(Patient.id) == PatientInfoChange.patient_id).where(
        PatientInfoChange.status == ChangeStatus.PENDING,
        col(PatientInfoChange.patient_id).in_(visible))
        .order_by(PatientInfoChange.created_at, PatientInfoChange.id).limit(limit)).all())


def decide(session: Session, change: PatientInfoChange, patient: Patient, *, accept: bool,
           actor: str) -> PatientInfoChange:
    """Accept (copy the proposed details into the record) or reject a pending change."""
    if change.status != ChangeStatus.PENDING:
        raise ChangeError("This change was already decided")
    if change.patient_id != patient.id:
        raise ChangeError("This change belongs to another patient")
    if accept:
        for name in FIELDS:
            value = getattr(change, name)
            setattr(patient, name, value or (None if name in ("email", "phone") else ""))
        session.add(patient)
    change.status = ChangeStatus.ACCEPTED if accept else ChangeStatus.REJECTED
    change.decided_at, change.decided_by = utcnow(), actor
    session.add(change)
    session.flush()
    return change
