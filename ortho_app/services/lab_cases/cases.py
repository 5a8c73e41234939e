"""Creating, resubmitting and archiving a case (the doctor's side of the pipeline).

A new case goes to the lab that serves the practice. The written prescription (case type,
teeth, RX description) must be complete (`PrescriptionIncomplete` lists what is missing);
missing models or a required CBCT put the case in "Missing CBCT/Models" (red, no ship date).
`last_modified_at` changes only here (the doctor's create / resubmit), never on lab moves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from ortho_app.core.authz import Refused
from ortho_app.models import LabService, Patient, StoredFile
from ortho_app.models._base import utcnow
from ortho_app.models.lab_cases import LabCase
from ortho_app.services.lab_cases.files import (
    attach_file,
    file_kinds,
    has_models_and_cbct,
    kind_for,
)
from ortho_app.services.lab_cases.moves import enter_status
from ortho_app.services.lab_cases.pipeline import (
    Actor,
    as_case_type,
    check_resubmit,
    intake_status,
)
from ortho_app.services.lab_cases.teeth import parse_teeth, stored

RX_MAX = 4000


@dataclass(frozen=True)
class Prescription:
    case_type: str
    teeth: list[int]  # FDI
    rx_description: str


def case_ref(case_id: int) -> str:
    """The Case ID shown to users and quoted in correspondence."""
    return f"C-{case_id:05d}"


def serving_lab(session: Session, practice_id: int) -> int:
    lab_id = session.exec(select(LabService.lab_id).where(LabService.practice_id == practice_id)
                          .order_by(col(LabService.id))).first()
    if lab_id is None:
        raise Refused("No lab serves this practice yet; contact the lab.")
    return lab_id


def _checked(rx: Prescription, kinds: set[str]):
    """(case type label, FDI teeth, description, intake status); raises on bad input."""
    teeth = parse_teeth(rx.teeth)
    description = rx.rx_description.strip()
    if len(description) > RX_MAX:
        raise ValueError(f"The RX description is limited to {RX_MAX} characters")
    has_models, has_cbct = has_models_and_cbct(kinds)
    status = intake_status(rx.case_type, has_models, has_cbct, teeth, description)
    return as_case_type(rx.case_type), teeth, description, status


def create_case(session: Session, *, patient: Patient, rx: Prescription,
                files: Iterable[StoredFile], actor: str, today: date) -> LabCase:
    """A new case for an authorized patient (flushed; the caller commits).

    Raises `PrescriptionIncomplete` (nothing written), `ValueError` for bad teeth or a file
    that cannot be attached, `Refused` when no lab serves the practice.
    """
    files = list(files)
    kinds = {kind_for(f).value for f in files}
    case_type, teeth, description, status = _checked(rx, kinds)
    now = utcnow()
    case = LabCase(practice_id=patient.institution_id,
                   lab_id=serving_lab(session, patient.institution_id),
                   patient_id=patient.id, case_type=case_type.value, teeth=stored(teeth),
                   rx_description=description, status="", clock_started_on=today,
                   created_by=actor[:100], last_modified_by=actor[:100],
                   last_modified_at=now, created_at=now, updated_at=now)
    session.add(case)
    session.flush()
    for stored_file in files:
        attach_file(session, case, stored_file, actor=actor)
    enter_status(session, case, status, actor=actor, role=Actor.DOCTOR, today=today,
                 reason="Case created", restart_clock=True, now=now)
    return case


def resubmit_case(session: Session, case: LabCase, *, rx: Prescription,
                  files: Iterable[StoredFile], actor: str, today: date) -> LabCase:
    """The doctor's Submit on the case page: new files, RX description, teeth.

    Returns the case to "Processing" (or "Missing CBCT/Models" while files are still missing)
    and resets the ship date as for a new case. `MoveRefused` once the planning session is
    scheduled or manufacturing started.
    """
    check_resubmit(case.status)
    files = list(files)
    kinds = file_kinds(session, case.id) | {kind_for(f).value for f in files}
    case_type, teeth, description, status = _checked(rx, kinds)
    for stored_file in files:
        attach_file(session, case, stored_file, actor=actor)
    now = utcnow()
    case.case_type, case.teeth, case.rx_description = case_type.value, stored(teeth), description
    case.last_modified_at, case.last_modified_by = now, actor[:100]
    enter_status(session, case, status, actor=actor, role=Actor.DOCTOR, today=today,
                 reason="Case updated by the doctor", restart_clock=True, now=now)
    return case


def archive_case(session: Session, case: LabCase, *, archived: bool = True) -> LabCase:
    """Hide (or show again) a case in the doctor's main list; the lab's work is unchanged."""
    case.archived = bool(archived)
    session.add(case)
    session.flush()
    return case


def teeth_of(case: LabCase) -> list[int]:
    return parse_teeth(case.teeth)
