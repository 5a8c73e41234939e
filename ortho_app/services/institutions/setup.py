"""A real practice's first run: its institution, the lab that serves it, its staff accounts
(`python -m ortho_app.manage`). Framework-free; the caller commits.

New staff passwords need at least `NEW_PASSWORD_MIN_LENGTH` characters (the demo's shorter
password predates this rule and exists in demo mode only).
"""

from __future__ import annotations

import re

from sqlmodel import Session, select

from ortho_app.core.security.passwords import NEW_PASSWORD_MIN_LENGTH, hash_password
from ortho_app.models import (
    Institution,
    InstitutionKind,
    LabService,
    Membership,
    Role,
    StaffUser,
)

EMAIL = re.compile(r"^[^@\s<>\"']{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
KIND_OF_ROLE = {Role.CLINICIAN: InstitutionKind.PRACTICE, Role.ASSISTANT: InstitutionKind.PRACTICE,
                Role.PRACTICE_ADMIN: InstitutionKind.PRACTICE,
                Role.LAB_COORDINATOR: InstitutionKind.LAB}


class SetupError(ValueError):
    """The entry cannot be accepted (the message says why)."""


def _name(text: str, what: str, limit: int = 200) -> str:
    name = " ".join(text.split())
    if not name or len(name) > limit:
        raise SetupError(f"{what} needs 1 to {limit} characters")
    return name


def create_institution(session: Session, kind: InstitutionKind, *, name: str,
                       address: str = "", email: str = "", phone: str = "") -> Institution:
    row = Institution(kind=kind, name=_name(name, "A name"), address=address.strip()[:500],
                      email=email.strip()[:254], phone=phone.strip()[:32])
    session.add(row)
    session.flush()
    return row


def institution(session: Session, institution_id: int, kind: InstitutionKind) -> Institution:
    row = session.get(Institution, institution_id)
    if row is None or row.kind != kind:
        raise SetupError(f"No {kind.value} has id {institution_id}")
    return row


def serve(session: Session, lab: Institution, practice: Institution) -> LabService:
    """The lab receives the practice's cases."""
    row = session.exec(select(LabService).where(LabService.lab_id == lab.id,
                                                LabService.practice_id == practice.id)).first()
    if row is None:
        row = LabService(lab_id=lab.id, practice_id=practice.id)
        session.add(row)
        session.flush()
    return row


def create_staff(session: Session, institution: Institution, role: Role, *, email: str,
                 full_name: str, password: str, sees_all_patients: bool = False) -> StaffUser:
    """A new staff account with its one membership (e-mail unique, password checked)."""
    address = email.strip().lower()
    if not EMAIL.match(address) or len(address) > 254:
        raise SetupError("Enter a valid e-mail address")
    if KIND_OF_ROLE[role] != institution.kind:
        raise SetupError(f"A {role.value} belongs to a {KIND_OF_ROLE[role].value}")
    if len(password) < NEW_PASSWORD_MIN_LENGTH:
        raise SetupError(f"A password needs at least {NEW_PASSWORD_MIN_LENGTH} characters")
    if session.exec(select(StaffUser.id).where(StaffUser.email == address)).first():
        raise SetupError("An account with this e-mail address exists already")
    user = StaffUser(email=address, full_name=_name(full_name, "A name"),
                     password_hash=hash_password(password))
    session.add(user)
    session.flush()
    session.add(Membership(user_id=user.id, institution_id=institution.id, role=role,
                           sees_all_patients=sees_all_patients and role == Role.CLINICIAN))
    session.flush()
    return user
