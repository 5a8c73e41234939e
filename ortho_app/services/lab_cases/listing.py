"""Case lists paged, filtered and sorted in SQL, within the caller's record scope.

The doctor's list ("Cases"): the practice's cases whose patient the doctor may see, archived
or not, sortable by every header; the default order is by attention (red, yellow, green,
white, then `pipeline.ATTENTION_ORDER`, then the oldest last-modified first), paged in
SQL through the stored `attention_rank` and its index. For a lab coordinator the same query
covers the practices the lab serves, with the board's filters (status column, practice, case
type, ship by).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import Session, col, or_, select

from ortho_app.core.security.sessions import Principal
from ortho_app.models import LabService, Patient, Role
from ortho_app.models.lab_cases import LabCase
from ortho_app.services.lab_cases.cases import case_ref
from ortho_app.services.lab_cases.pipeline import colour_of
from ortho_app.services.patients.directory import visible_patients_query
from ortho_app.services.patients.names import formal_name

PAGE_SIZE = 25
SORTS = ("attention", "case_id", "patient", "progress", "last_modified", "ship_date")


@dataclass(frozen=True)
class CaseRow:
    """One line of a case list (a view, safe to put in a state var)."""

    case_id: int
    ref: str
    patient_id: int
    patient_name: str
    case_type: str
    status: str
    colour: str
    hold_reason: str
    last_modified: datetime
    ship_date: date | None
    archived: bool
    practice_id: int


@dataclass(frozen=True)
class CasePage:
    rows: list[CaseRow]
    total: int


def scope_conditions(principal: Principal) -> list:
    """WHERE clauses on LabCase for the cases this principal may see."""
    if principal.role == Role.LAB_COORDINATOR:
        served = select(LabService.practice_id).where(
            LabService.lab_id == principal.institution_id)
        return [LabCase.lab_id == principal.institution_id,
                col(LabCase.practice_id).in_(served)]
    if principal.role not in (Role.CLINICIAN, Role.ASSISTANT):
        return [col(LabCase.id) == -1]
    conditions = [LabCase.practice_id == principal.institution_id]
    if principal.role == Role.CLINICIAN and not principal.sees_all_patients:
        visible = visible_patients_query(principal).with_only_columns(col(Patient.id))
        conditions.append(col(LabCase.patient_id).in_(visible))
    return conditions


def scoped_cases(principal: Principal):
    """SELECT (LabCase, Patient) of the cases this principal may see."""
    return (select(LabCase, Patient).join(Patient, col(Patient.id) == LabCase.patient_id)
            .where(*scope_conditions(principal)))


def _filters(principal: Principal, *, archived: bool | None, statuses: list[str] | None = None,
             practice_id: int | None = None, case_type: str = "",
             ship_by: date | None = None) -> list:
    conditions = scope_conditions(principal)
    if archived is not None:
        conditions.append(LabCase.archived == bool(archived))
    if statuses:
        conditions.append(col(LabCase.status).in_(list(statuses)))
    if practice_id is not None:
        conditions.append(LabCase.practice_id == practice_id)
    if case_type:
        conditions.append(LabCase.case_type == case_type)
    if ship_by is not None:
        conditions.append(col(LabCase.ship_date) <= ship_by)
    return conditions


def _order(sort: str, descending: bool):
    rank = col(LabCase.attention_rank)
    name = (func.lower(Patient.last_name), func.lower(Patient.first_name))
    columns = {
        "attention": [rank, col(LabCase.last_modified_at)],
        "progress": [rank, col(LabCase.last_modified_at)],
        "case_id": [col(LabCase.id)],
        "patient": [*name],
        "last_modified": [col(LabCase.last_modified_at)],
        "ship_date": [col(LabCase.ship_date)],
    }[sort]
    if descending:
        columns = [c.desc() for c in columns]
    if sort == "ship_date":  # cases without a ship date (on hold) last either way
        columns = [col(LabCase.ship_date).is_(None), *columns]
    return [*columns, col(LabCase.id).desc() if descending else col(LabCase.id)]


def list_cases(session: Session, principal: Principal, *, archived: bool = False,
               sort: str = "attention", descending: bool = False, search: str = "",
               statuses: list[str] | None = None, practice_id: int | None = None,
               case_type: str = "", ship_by: date | None = None,
               page: int = 0, page_size: int = PAGE_SIZE) -> CasePage:
    """One page of cases. `archived`: the doctor's "Show only archived" (None: both)."""
    if sort not in SORTS:
        raise ValueError(f"Unknown sort {sort!r}")
    conditions = _filters(principal, archived=archived, statuses=statuses,
                          practice_id=practice_id, case_type=case_type, ship_by=ship_by)
    for word in search.strip().split()[:4]:
        like = f"%{word[:50].lower()}%"
        conditions.append(or_(func.lower(Patient.last_name).like(like),
                              func.lower(Patient.first_name).like(like)))
    counted = select(func.count(col(LabCase.id))).where(*conditions)
    if search.strip():  # the patient's name is needed only to search
        counted = counted.join(Patient, col(Patient.id) == LabCase.patient_id)
    total = session.exec(counted).one()
    query = (select(LabCase, Patient).join(Patient, col(Patient.id) == LabCase.patient_id)
             .where(*conditions))
    page_size = max(1, min(page_size, 200))
    rows = session.exec(query.order_by(*_order(sort, descending))
                        .offset(max(page, 0) * page_size).limit(page_size)).all()
    return CasePage([row_of(c, p) for c, p in rows], total)


def row_of(case: LabCase, patient: Patient) -> CaseRow:
    return CaseRow(case_id=case.id, ref=case_ref(case.id), patient_id=patient.id,
                   patient_name=formal_name(patient),
                   case_type=case.case_type, status=case.status,
                   colour=colour_of(case.status).value, hold_reason=case.hold_reason or "",
                   last_modified=case.last_modified_at, ship_date=case.ship_date,
                   archived=case.archived, practice_id=case.practice_id)


def status_counts(session: Session, principal: Principal, *, archived: bool | None = False,
                  practice_id: int | None = None, case_type: str = "") -> dict[str, int]:
    """Cases per status in the caller's scope (the board's column counts)."""
    conditions = _filters(principal, archived=archived, practice_id=practice_id,
                          case_type=case_type)
    return dict(session.exec(select(LabCase.status, func.count(col(LabCase.id)))
                             .where(*conditions).group_by(LabCase.status)).all())
