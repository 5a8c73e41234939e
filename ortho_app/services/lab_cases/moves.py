"""Moving a case across the pipeline: the pipeline rules, the ship date and the history.

`move_case` is what a drag on the lab's board (or the doctor's "Go") calls after
`authorize_case`; `enter_status` is the one place a case's status changes (creation and
resubmission use it too), so the ship-date clock, the hold reason and the history stay right.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, col, select

from ortho_app.models._base import utcnow
from ortho_app.models.lab_cases import LabCase, LabCaseMove
from ortho_app.services.lab_cases.pipeline import (
    TURNAROUND_STATUSES,
    Actor,
    CaseStatus,
    HoldReason,
    as_status,
    check_move,
    is_on_hold,
)
from ortho_app.services.lab_cases.turnaround import recompute_ship_date


def enter_status(session: Session, case: LabCase, to_status: CaseStatus | str, *, actor: str,
                 role: Actor | str, today: date, reason: str = "",
                 restart_clock: bool = False, hold_reason: HoldReason | str | None = None,
                 hold_detail: str = "", now: datetime | None = None) -> LabCaseMove:
    """Put `case` in `to_status` (no rule check: callers check), recompute its ship date and
    append the history row. The ship-date clock restarts on `restart_clock` (submission), when
    leaving a red status, and on entering any status after the planning session."""
    target = as_status(to_status)
    before = case.status
    was_red = bool(before) and is_on_hold(before)
    if restart_clock or was_red or target not in TURNAROUND_STATUSES:
        case.clock_started_on = today
    case.status = target.value
    if target is CaseStatus.MISSING_CBCT_MODELS and hold_reason is not None:
        case.hold_reason = HoldReason(hold_reason).value
        case.hold_detail = hold_detail.strip()[:1000]
    elif not is_on_hold(target):
        case.hold_reason, case.hold_detail = None, ""
    case.updated_at = now or utcnow()
    recompute_ship_date(session, case)
    session.add(case)
    move = LabCaseMove(case_id=case.id, actor=actor[:100], actor_role=Actor(role).value,
                       from_status=before or None, to_status=target.value,
                       reason=reason.strip()[:1000], at=case.updated_at)
    session.add(move)
    session.flush()
    return move


def move_case(session: Session, case: LabCase, to_status: CaseStatus | str, *, actor: str,
              role: Actor | str, today: date, hold_reason: HoldReason | str | None = None,
              hold_detail: str = "", reason: str = "") -> LabCase:
    """Move an authorized case; `MoveRefused(reason)` when the pipeline forbids it.

    `actor` is the audit form ("staff:3"), `role` the pipeline actor (doctor / lab
    coordinator). Putting a case on hold (→ Missing CBCT/Models) needs a `hold_reason`.
    Shipping goes through `shipping.record_shipment`, scheduling through `planning.book_block`.
    """
    check_move(case.status, to_status, role, hold_reason=hold_reason)
    text = reason or (f"{HoldReason(hold_reason)}: {hold_detail}".rstrip(": ")
                      if hold_reason else "")
    enter_status(session, case, to_status, actor=actor, role=role, today=today, reason=text,
                 hold_reason=hold_reason, hold_detail=hold_detail)
    return case


def history_of(session: Session, case_id: int) -> list[LabCaseMove]:
    """Moves of a case, oldest first."""
    return list(session.exec(select(LabCaseMove).where(LabCaseMove.case_id == case_id)
                             .order_by(col(LabCaseMove.at), col(LabCaseMove.id))))
