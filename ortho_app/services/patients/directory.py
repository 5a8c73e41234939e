"""Who sees which patients: the record scope of the guard, as SQL for lists."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, or_, select

from ortho_app.core.security.sessions import Principal
from ortho_app.models import (
    Institution,
    LabService,
    Patient,
    PatientClinician,
    Role,
    SessionKind,
    StaffUser,
)

PAGE_SIZE = 25


@dataclass(frozen=True)
class PatientPage:
    rows: list[Patient]
    total: int


def visible_patients_query(principal: Principal):
    """A SELECT of the patients this principal may see (never a whole table for others)."""
    query = select(Patient)
    if principal.kind == SessionKind.PATIENT:
        return query.where(col(Patient.id).in_(sorted(principal.patient_ids) or [-1]))
    if principal.role == Role.LAB_COORDINATOR:
        served = select(LabService.practice_id).where(
            LabService.lab_id == principal.institution_id)
        return query.where(col(Patient.institution_id).in_(served))
    query = query.where(Patient.institution_id == principal.institution_id)
    if principal.role == Role.CLINICIAN and not principal.sees_all_patients:
        assigned = select(PatientClinician.patient_id).where(
            PatientClinician.user_id == principal.user_id)
        query = query.where(col(Patient.id).in_(assigned))
    return query


def search_patients(session: Session, principal: Principal, *, search: str = "",
                    page: int = 0, page_size: int = PAGE_SIZE) -> PatientPage:
    query = visible_patients_query(principal)
    words = search.strip().split()[:4]
    for word in words:
        like = f"%{word[:50].lower()}%"
        query = query.where(or_(func.lower(Patient.last_name).like(like),
                                func.lower(Patient.first_name).like(like)))
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(query.order_by(Patient.last_name, Patient.first_name, Patient.id)
                        .offset(max(page, 0) * page_size).limit(page_size)).all()
    return PatientPage(list(rows), total)


def served_practices(session: Session, lab_id: int) -> list[Institution]:
    served = select(LabService.practice_id).where(LabService.lab_id == lab_id)
    return list(session.exec(select(Institution).where(col(Institution.id).in_(served))
                             .order_by(Institution.name)))


def staff_label(session: Session, principal: Principal) -> tuple[str, str]:
    """(user's name, institution's name) for the workspace header."""
    user = session.get(StaffUser, principal.user_id) if principal.user_id else None
    institution = session.get(Institution, principal.institution_id) \
        if principal.institution_id else None
    return (user.full_name if user else "", institution.name if institution else "")


def language_of(session: Session, principal: Principal) -> str:
    """The default language of the caller's screens: their institution's, or for a patient
    their practice's ("fr" when none is known)."""
    institution_id = principal.institution_id
    if institution_id is None and principal.patient_ids:
        institution_id = session.exec(select(Patient.institution_id).where(
            col(Patient.id).in_(sorted(principal.patient_ids)))).first()
    institution = session.get(Institution, institution_id) if institution_id else None
    return institution.language if institution else "fr"
