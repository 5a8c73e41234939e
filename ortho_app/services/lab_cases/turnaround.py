"""The lab's calendar for ship dates: turnaround per case type and holidays (tables
LabTurnaround, LabHoliday), with defaults for case types the lab has not set."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from ortho_app.models.lab_cases import LabCase, LabHoliday, LabTurnaround
from ortho_app.services.lab_cases.pipeline import CaseType, ship_date

# Business days from submission to shipping when the lab has not set its own (spec silent).
DEFAULT_TURNAROUND_DAYS: dict[str, int] = {
    CaseType.ALIGNERS: 10, CaseType.RETAINERS: 5, CaseType.INDIRECT_BONDING: 7,
    CaseType.EXPANDER: 8, CaseType.BONE_ANCHORED_EXPANDER: 12, CaseType.TAD_GUIDE: 8,
    CaseType.SURGICAL_SPLINT: 10,
}


def turnaround_of(session: Session, lab_id: int) -> dict[str, int]:
    days = {str(k): v for k, v in DEFAULT_TURNAROUND_DAYS.items()}
    for row in session.exec(select(LabTurnaround).where(LabTurnaround.lab_id == lab_id)):
        days[row.case_type] = row.business_days
    return days


def holidays_of(session: Session, lab_id: int) -> frozenset[date]:
    return frozenset(session.exec(select(LabHoliday.day).where(LabHoliday.lab_id == lab_id)))


def set_turnaround(session: Session, *, lab_id: int, case_type: str, business_days: int) -> None:
    if isinstance(business_days, bool) or not isinstance(business_days, int) \
            or not 0 <= business_days <= 120:
        raise ValueError("Turnaround must be a whole number of business days (0–120)")
    row = session.exec(select(LabTurnaround).where(
        LabTurnaround.lab_id == lab_id, LabTurnaround.case_type == case_type)).first()
    row = row or LabTurnaround(lab_id=lab_id, case_type=case_type, business_days=0)
    row.business_days = business_days
    session.add(row)
    session.flush()


def add_holiday(session: Session, *, lab_id: int, day: date) -> None:
    if session.exec(select(LabHoliday.id).where(LabHoliday.lab_id == lab_id,
                                                 LabHoliday.day == day)).first() is None:
        session.add(LabHoliday(lab_id=lab_id, day=day))
        session.flush()


def recompute_ship_date(session: Session, case: LabCase) -> date | None:
    """Store and return the case's ship date from its status and clock (None while red)."""
    case.ship_date = ship_date(case.status, case.clock_started_on, case.case_type,
                               turnaround_of(session, case.lab_id),
                               holidays_of(session, case.lab_id))
    return case.ship_date
