"""Patient sign-in: phone + last name + first name + date of birth, then an SMS code.

The phone may belong to the patient or to a contact person (parent 1, parent 2, financial
responsible). Exactly one patient must match; otherwise the same "check your entries" answer
is given whether the phone, the names or the birth date were wrong.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, or_, select

from ortho_app.models import ContactPerson, Patient
from ortho_app.services.patients.phones import InvalidPhoneError, to_e164


class NoSingleMatch(Exception):
    """No patient, or several, match the entries."""


def normalize_name(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value or "")
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(letters.replace("-", " ").replace("'", " ").casefold().split())


def patients_reachable_by(session: Session, phone: str) -> list[Patient]:
    """Every patient whose own phone or a contact person's phone is `phone`."""
    linked = select(ContactPerson.patient_id).where(ContactPerson.phone == phone)
    return list(session.exec(select(Patient).where(
        or_(Patient.phone == phone, Patient.id.in_(linked))).order_by(Patient.date_of_birth)))


@dataclass(frozen=True)
class Identified:
    phone: str
    patient: Patient


def identify(session: Session, *, phone_raw: str, last_name: str, first_name: str,
             birth: date | None) -> Identified:
    try:
        phone = to_e164(phone_raw)
    except InvalidPhoneError:
        phone = ""
    candidates = patients_reachable_by(session, phone) if phone else []
    wanted = (normalize_name(last_name), normalize_name(first_name), birth)
    matches = [p for p in candidates
               if (normalize_name(p.last_name), normalize_name(p.first_name),
                   p.date_of_birth) == wanted]
    if len(matches) != 1 or not all(wanted):
        raise NoSingleMatch
    return Identified(phone, matches[0])


def parse_birth(value: str) -> date | None:
    value = (value or "").strip()[:20]
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    return None
