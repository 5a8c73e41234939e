"""Who may see and act on a lab case — the record check of the one guard, for cases.

- the practice's doctors (clinician, assistant): cases of their own practice whose patient
  they may see (an ordinary clinician: only the patients assigned to them; the same scope as
  `authorize_patient`, through `directory.visible_patients_query`);
- the lab's coordinators: cases sent to their lab by a practice it serves (`lab_serves`).
Patients and practice admins see no case. Every grant and refusal is audited.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from sqlmodel import Session

from ortho_app.core import audit
from ortho_app.core.authz import RecordId, Refused, lab_serves, refuse, validate
from ortho_app.core.security.sessions import Principal
from ortho_app.models import Patient, Role, SessionKind
from ortho_app.models.lab_cases import LabCase
from ortho_app.services.lab_cases.pipeline import Actor
from ortho_app.services.patients.directory import visible_patients_query

DOCTOR_ROLES = frozenset({Role.CLINICIAN, Role.ASSISTANT})


class CaseRef(BaseModel):
    model_config = {"strict": True}
    case_id: RecordId


def actor_role(principal: Principal) -> Actor:
    """The pipeline actor a staff principal acts as (Refused for anyone else)."""
    if principal.kind == SessionKind.STAFF and principal.role in DOCTOR_ROLES:
        return Actor.DOCTOR
    if principal.kind == SessionKind.STAFF and principal.role == Role.LAB_COORDINATOR:
        return Actor.LAB_COORDINATOR
    raise Refused("This record is not available")


def case_visible(session: Session, principal: Principal, case: LabCase) -> bool:
    if principal.kind != SessionKind.STAFF:
        return False
    if principal.role == Role.LAB_COORDINATOR:
        return (case.lab_id == principal.institution_id
                and lab_serves(session, case.lab_id, case.practice_id))
    if principal.role in DOCTOR_ROLES and case.practice_id == principal.institution_id:
        visible = visible_patients_query(principal).where(Patient.id == case.patient_id)
        return session.exec(visible).first() is not None
    return False


def authorize_case(session: Session, principal: Principal, case_id: Any, *,
                   action: str) -> LabCase:
    """The case if this caller may see it; otherwise an audited refusal (`Refused`)."""
    cid = validate(CaseRef, {"case_id": case_id}).case_id
    case = session.get(LabCase, cid)
    if case is None or not case_visible(session, principal, case):
        refuse(principal, action=action, target=f"case:{cid}",
               detail="case not visible to caller", message="This case is not available")
    audit.record(session, actor=principal.actor, action=action, target=f"case:{cid}",
                 patient_id=case.patient_id)
    return case
