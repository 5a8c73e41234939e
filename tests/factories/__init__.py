"""Factories: build the rows a test needs, nothing more."""

from __future__ import annotations

from datetime import date
from itertools import count

from sqlmodel import Session

from ortho_app.models import (
    ContactPerson,
    ContactRelation,
    Institution,
    InstitutionKind,
    LabService,
    Membership,
    Patient,
    PatientClinician,
    Role,
    StaffUser,
)

_seq = count(1)
# A valid Argon2id hash of "demo1234", reused so factories stay fast.
PASSWORD = "demo1234"
_HASH: dict[str, str] = {}


def password_hash() -> str:
    if "h" not in _HASH:
        from ortho_app.core.security.passwords import hash_password

        _HASH["h"] = hash_password(PASSWORD)
    return _HASH["h"]


def institution(session: Session, kind=InstitutionKind.PRACTICE, name=None) -> Institution:
    row = Institution(kind=kind, name=name or f"Institution {next(_seq)}")
    session.add(row)
    session.flush()
    return row


def lab_serves(session: Session, lab: Institution, practice: Institution) -> None:
    session.add(LabService(lab_id=lab.id, practice_id=practice.id))
    session.flush()


def staff(session: Session, inst: Institution, role: Role, *, sees_all=False,
          email=None) -> StaffUser:
    user = StaffUser(email=email or f"user{next(_seq)}@example.test", full_name="Test User",
                     password_hash=password_hash())
    session.add(user)
    session.flush()
    session.add(Membership(user_id=user.id, institution_id=inst.id, role=role,
                           sees_all_patients=sees_all))
    session.flush()
    return user


def patient(session: Session, inst: Institution, *, last="Durand", first="Alice",
            born=date(2010, 5, 17), phone=None, clinician: StaffUser | None = None,
            contacts: list[tuple[ContactRelation, str]] = ()) -> Patient:
    row = Patient(institution_id=inst.id, last_name=last, first_name=first,
                  date_of_birth=born, phone=phone)
    session.add(row)
    session.flush()
    if clinician:
        session.add(PatientClinician(patient_id=row.id, user_id=clinician.id))
    for relation, contact_phone in contacts:
        session.add(ContactPerson(patient_id=row.id, relation=relation, phone=contact_phone))
    session.flush()
    return row
