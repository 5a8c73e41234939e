"""Gestion des patients: add another patient reachable with the signed-in phone (a parent
adding a child) to the patients the app shows.

The phone was verified by its SMS code at sign-in — the one factor of the patient login — and
the same identity check as at sign-in applies (last name, first name, date of birth, exactly
one match among the patients reachable by that phone). Sign-in already lets this phone choose
any of those patients, so no new code is asked. The session's patient list is changed on the
server only.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from ortho_app.models import AuthSession, Patient
from ortho_app.services.patient_app.login import NoSingleMatch, identify

MAX_PATIENTS = 20


class AlreadyShown(ValueError):
    """The patient is already in the app."""


def session_patient_ids(row: AuthSession) -> set[int]:
    return {int(p) for p in row.patient_ids.split(",") if p}


def add_patient(session: Session, *, session_id: int, phone: str, last_name: str,
                first_name: str, birth: date | None) -> Patient:
    """The patient added to the signed-in session; NoSingleMatch as at sign-in,
    AlreadyShown when already there."""
    row = session.get(AuthSession, session_id)
    if row is None or row.revoked_at is not None or row.phone != phone:
        raise NoSingleMatch
    found = identify(session, phone_raw=phone, last_name=last_name, first_name=first_name,
                     birth=birth)
    ids = session_patient_ids(row)
    if found.patient.id in ids:
        raise AlreadyShown
    if len(ids) >= MAX_PATIENTS:
        raise NoSingleMatch
    row.patient_ids = ",".join(str(p) for p in sorted(ids | {found.patient.id}))
    session.add(row)
    session.flush()
    return found.patient
