"""Virtual planning sessions: the lab publishes free blocks; the doctor books one for a case
that is "Ready to Plan" (or after a "Planning No Show") and presses Go — then it is fixed in
the portal; the lab marks the session done (→ Manufacturing) or "No Show" (→ Planning No Show,
on hold until the doctor schedules again)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from ortho_app.core.timezone import PRACTICE_TZ
from ortho_app.models import Institution, LabService, Patient
from ortho_app.models._base import utcnow
from ortho_app.models.lab_cases import LabCase, PlanningBlock, SessionOutcome
from ortho_app.services.appointments.ics import CalendarEvent
from ortho_app.services.lab_cases.cases import case_ref
from ortho_app.services.lab_cases.moves import enter_status
from ortho_app.services.lab_cases.pipeline import Actor, CaseStatus, MoveRefused, check_move
from ortho_app.services.patients.names import formal_name

MAX_BLOCK = timedelta(hours=8)
ALREADY_SCHEDULED = ("A planning session is already scheduled; it cannot be changed in the "
                     "portal. Contact the lab to pick another date or time.")


class BlockUnavailable(ValueError):
    """The block is taken, past, or not this lab's; the message is safe to show."""


@dataclass(frozen=True)
class BlockView:
    block_id: int
    start_at: datetime
    end_at: datetime
    case_id: int | None
    outcome: str


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def view_of(block: PlanningBlock) -> BlockView:
    return BlockView(block.id, _aware(block.start_at), _aware(block.end_at), block.case_id,
                    block.outcome or "")


def publish_block(session: Session, *, lab_id: int, start_at: datetime, end_at: datetime,
                 actor: str, now: datetime | None = None) -> PlanningBlock:
    """A free block (times with a time zone, in the future, ≤ 8 h, not overlapping another)."""
    if start_at.tzinfo is None or end_at.tzinfo is None:
        raise ValueError("A planning block needs times with a time zone")
    if not timedelta(0) < end_at - start_at <= MAX_BLOCK:
        raise ValueError("A planning block ends after it starts and lasts at most 8 hours")
    if start_at <= (now or utcnow()):
        raise ValueError("A planning block must start in the future")
    overlap = session.exec(select(PlanningBlock.id).where(
        PlanningBlock.lab_id == lab_id, col(PlanningBlock.start_at) < end_at,
        col(PlanningBlock.end_at) > start_at)).first()
    if overlap is not None:
        raise ValueError("This block overlaps another published block")
    block = PlanningBlock(lab_id=lab_id, start_at=start_at, end_at=end_at,
                        published_by=actor[:100])
    session.add(block)
    session.flush()
    return block


def free_blocks(session: Session, *, lab_id: int, now: datetime | None = None,
               limit: int = 50) -> list[BlockView]:
    rows = session.exec(select(PlanningBlock).where(
        PlanningBlock.lab_id == lab_id, col(PlanningBlock.case_id).is_(None),
        col(PlanningBlock.start_at) > (now or utcnow()))
        .order_by(col(PlanningBlock.start_at)).limit(limit))
    return [view_of(s) for s in rows]


def session_of(session: Session, case_id: int) -> PlanningBlock | None:
    """The case's latest booked planning session (None if never scheduled)."""
    return session.exec(select(PlanningBlock).where(PlanningBlock.case_id == case_id)
                        .order_by(col(PlanningBlock.booked_at).desc(),
                                  col(PlanningBlock.id).desc())).first()


def book_block(session: Session, case: LabCase, block_id: int, *, actor: str, role: Actor | str,
              today: date, now: datetime | None = None) -> PlanningBlock:
    """Book a free block of the case's lab and move the case to "Planning Scheduled".

    `MoveRefused` unless the case may be scheduled; `BlockUnavailable` when the block is not
    this lab's, past, or was just taken (checked by a conditional UPDATE: never booked twice).
    """
    if case.status == CaseStatus.PLANNING_SCHEDULED:
        raise MoveRefused(ALREADY_SCHEDULED)
    check_move(case.status, CaseStatus.PLANNING_SCHEDULED, role)
    now = now or utcnow()
    block = session.get(PlanningBlock, block_id)
    if block is None or block.lab_id != case.lab_id or _aware(block.start_at) <= now:
        raise BlockUnavailable("This planning block is not available; pick another one.")
    taken = session.exec(update(PlanningBlock)
                         .where(col(PlanningBlock.id) == block.id,
                                col(PlanningBlock.case_id).is_(None))
                         .values(case_id=case.id, booked_by=actor[:100], booked_at=now)
                         .execution_options(synchronize_session=False))
    if taken.rowcount != 1:
        raise BlockUnavailable("This planning block was just taken; pick another one.")
    session.refresh(block)
    enter_status(session, case, CaseStatus.PLANNING_SCHEDULED, actor=actor, role=role,
                 today=today,
                 reason=f"Planning session {_aware(block.start_at):%Y-%m-%d %H:%M} UTC")
    return block


def _close_session(session: Session, case: LabCase, outcome: SessionOutcome, target: CaseStatus,
                   *, actor: str, today: date) -> PlanningBlock:
    check_move(case.status, target, Actor.LAB_COORDINATOR)
    block = session_of(session, case.id)
    if block is None or block.outcome:
        raise MoveRefused("This case has no open planning session.")
    block.outcome = outcome.value
    session.add(block)
    enter_status(session, case, target, actor=actor, role=Actor.LAB_COORDINATOR, today=today,
                 reason=f"Planning session {outcome.value}")
    return block


def mark_done(session: Session, case: LabCase, *, actor: str, today: date) -> PlanningBlock:
    """The planning session took place: the case goes to "Manufacturing"."""
    return _close_session(session, case, SessionOutcome.DONE, CaseStatus.MANUFACTURING,
                          actor=actor, today=today)


def mark_no_show(session: Session, case: LabCase, *, actor: str, today: date) -> PlanningBlock:
    """The doctor missed the session: "Planning No Show" (red, on hold, no ship date)."""
    return _close_session(session, case, SessionOutcome.NO_SHOW, CaseStatus.PLANNING_NO_SHOW,
                          actor=actor, today=today)


def planning_event(case: LabCase, block: PlanningBlock, *, patient_name: str, lab_name: str,
                   case_url: str = "") -> CalendarEvent:
    """The calendar event of a booked session (.ics and "Add to Google Calendar")."""
    return CalendarEvent(
        uid=f"planning-{block.id}-case-{case.id}@ortho_app", start=_aware(block.start_at),
        end=_aware(block.end_at), location="TeamViewer",
        title=f"Virtual planning session — {case_ref(case.id)} {patient_name}",
        description=(f"{lab_name}: virtual planning session for case {case_ref(case.id)} "
                     f"({case.case_type}). Make sure TeamViewer is installed."),
        url=case_url)


@dataclass(frozen=True)
class BlockRow:
    block_id: int
    start_at: datetime  # in PRACTICE_TZ (the lab's wall clock)
    end_at: datetime
    case_id: int | None
    case_ref: str
    patient_name: str
    practice: str
    case_status: str
    outcome: str


def lab_blocks(session: Session, *, lab_id: int, now: datetime | None = None,
              days_back: int = 14, limit: int = 200) -> list[BlockRow]:
    """The lab's blocks from `days_back` days ago on, with the case booked in each (only
    cases of practices the lab serves are named)."""
    since = (now or utcnow()) - timedelta(days=days_back)
    served = select(LabService.practice_id).where(LabService.lab_id == lab_id)
    rows = session.exec(
        select(PlanningBlock, LabCase, Patient, Institution).select_from(PlanningBlock)
        .outerjoin(LabCase, (col(LabCase.id) == PlanningBlock.case_id)
                   & (col(LabCase.lab_id) == lab_id) & col(LabCase.practice_id).in_(served))
        .outerjoin(Patient, col(Patient.id) == LabCase.patient_id)
        .outerjoin(Institution, col(Institution.id) == LabCase.practice_id)
        .where(PlanningBlock.lab_id == lab_id, col(PlanningBlock.end_at) >= since)
        .order_by(col(PlanningBlock.start_at)).limit(limit))
    out = []
    for block, case, patient, practice in rows:
        view = view_of(block)
        out.append(BlockRow(
            block.id, view.start_at.astimezone(PRACTICE_TZ),
            view.end_at.astimezone(PRACTICE_TZ), case.id if case else None,
            case_ref(case.id) if case else "",
            formal_name(patient) if patient else "",
            practice.name if practice else "", case.status if case else "", view.outcome))
    return out
