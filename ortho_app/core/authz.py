"""Authorization, in plain Python (no Reflex): who is calling, which role may call a state's
handlers (`Access`), which record they may touch (`authorize_patient`, `authorize_institution`,
`lab_serves`), and argument validation (`validate`). `Refused` carries a message safe to show.

The Reflex side of the one guard (the middleware that runs before every event, the
`guarded` wrapper) lives in `ortho_app/ui/app_state.py` and calls into this module; HTTP
routes call `principal_from_cookie_header` and the same record checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Annotated, Any, NoReturn, TypeVar

from pydantic import BaseModel, Field, TypeAdapter, ValidationError
from sqlmodel import Session, select

from ortho_app.core import audit, urls
from ortho_app.core.db import db_session
from ortho_app.core.security.sessions import COOKIE_NAME, Principal, resolve
from ortho_app.models import LabService, Patient, PatientClinician, Role, SessionKind

M = TypeVar("M", bound=BaseModel)

# Every id column is PostgreSQL's `integer`: an id outside 1..2^31-1 names no row, and a
# database refuses to compare past its limits (SQLite past 2^63) — so it is refused first.
MAX_ID = 2**31 - 1
RecordId = Annotated[int, Field(strict=True, ge=1, le=MAX_ID)]


class Refused(Exception):
    """The caller may not do this. The message is safe to show."""


class InvalidArguments(Refused):
    """The arguments do not validate (a form's fields, a handler's parameters)."""


@dataclass(frozen=True)
class Access:
    """Who may call the handlers of a state class."""

    public: bool = False
    roles: frozenset[Role] = frozenset()
    patient: bool = False
    login_route: str = urls.STAFF_LOGIN

    def admits(self, principal: Principal) -> bool:
        if self.public:
            return True
        if principal.kind == SessionKind.PATIENT:
            return self.patient
        return principal.role in self.roles


PUBLIC = Access(public=True)
CLINIC = Access(roles=frozenset({Role.CLINICIAN, Role.ASSISTANT}))
LAB = Access(roles=frozenset({Role.LAB_COORDINATOR}))
ADMIN = Access(roles=frozenset({Role.PRACTICE_ADMIN}))
PATIENT = Access(patient=True, login_route=urls.PATIENT_LOGIN)
WORKSPACE_OF_ROLE = {
    Role.CLINICIAN: urls.CLINIC_HOME, Role.ASSISTANT: urls.CLINIC_HOME,
    Role.LAB_COORDINATOR: urls.LAB_HOME, Role.PRACTICE_ADMIN: urls.ADMIN_HOME,
}


def workspace_for(principal: Principal) -> str:
    if principal.kind == SessionKind.PATIENT:
        return urls.PATIENT_HOME
    return WORKSPACE_OF_ROLE.get(principal.role, urls.STAFF_LOGIN)


def cookie_value(cookie_header: str | None, name: str = COOKIE_NAME) -> str | None:
    if not cookie_header:
        return None
    jar = SimpleCookie()
    try:
        jar.load(cookie_header)
    except Exception:  # noqa: BLE001 - a malformed header is just "no cookie"
        return None
    morsel = jar.get(name)
    return morsel.value if morsel else None


def principal_from_cookie_header(cookie_header: str | None) -> Principal | None:
    secret = cookie_value(cookie_header)
    if not secret:
        return None
    with db_session() as session:
        return resolve(session, secret)



def _patient_visible(session: Session, principal: Principal, patient: Patient) -> bool:
    if principal.kind == SessionKind.PATIENT:
        return patient.id in principal.patient_ids
    if principal.role in (Role.CLINICIAN, Role.ASSISTANT, Role.PRACTICE_ADMIN):
        if patient.institution_id != principal.institution_id:
            return False
        if principal.role == Role.CLINICIAN and not principal.sees_all_patients:
            return session.exec(select(PatientClinician.id).where(
                PatientClinician.patient_id == patient.id,
                PatientClinician.user_id == principal.user_id)).first() is not None
        return True
    if principal.role == Role.LAB_COORDINATOR:
        return lab_serves(session, principal.institution_id, patient.institution_id)
    return False


def lab_serves(session: Session, lab_id: int | None, practice_id: int | None) -> bool:
    return session.exec(select(LabService.id).where(
        LabService.lab_id == lab_id, LabService.practice_id == practice_id)).first() is not None


def refuse(principal: Principal, *, action: str, target: str, detail: str,
           message: str = "This record is not available") -> NoReturn:
    """Audit the refusal (in its own transaction, so it stays) and raise `Refused`."""
    audit.record_now(actor=principal.actor, action=action, target=target, outcome="refused",
                     detail=detail)
    raise Refused(message)


def authorize_patient(session: Session, principal: Principal, patient_id: Any,
                      *, action: str) -> Patient:
    """The patient record if this caller may see it; otherwise audited refusal."""
    pid = validate(PatientRef, {"patient_id": patient_id}).patient_id
    patient = session.get(Patient, pid)
    if patient is None or not _patient_visible(session, principal, patient):
        refuse(principal, action=action, target=f"patient:{pid}",
               detail="record not visible to caller")
    audit.record(session, actor=principal.actor, action=action, target=f"patient:{pid}",
                 patient_id=pid)
    return patient


def authorize_institution(principal: Principal, institution_id: Any, *, action: str) -> int:
    """Staff may act only inside their own institution."""
    iid = validate(InstitutionRef, {"institution_id": institution_id}).institution_id
    if principal.kind != SessionKind.STAFF or principal.institution_id != iid:
        refuse(principal, action=action, target=f"institution:{iid}", detail="other institution")
    return iid


class PatientRef(BaseModel):
    model_config = {"strict": True}
    patient_id: RecordId


class InstitutionRef(BaseModel):
    model_config = {"strict": True}
    institution_id: RecordId


_RECORD_ID = TypeAdapter(RecordId)


def record_id(value: Any, name: str = "id") -> int:
    """A record's id as a client sent it, or InvalidArguments when no row can have it."""
    try:
        return _RECORD_ID.validate_python(value)
    except ValidationError as exc:
        raise InvalidArguments(f"Invalid {name}: {exc.errors()[0].get('msg', '')}") from None


def validate(model: type[M], data: Any) -> M:
    """Arguments → pydantic model, or Refused with a readable message."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first.get("loc", ())) or "input"
        raise InvalidArguments(f"Invalid {field}: {first.get('msg', 'invalid value')}") from None
