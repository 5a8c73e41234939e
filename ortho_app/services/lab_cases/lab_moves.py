"""A lab coordinator's move of a case on the board or the case page.

- `input_needed`: what a drop or a "Move to…" choice must ask before it moves the case (a
  hold reason for "Missing CBCT/Models", carrier and tracking number for "Shipped", a free
  planning block for "Planning Scheduled");
- `apply_lab_move`: the one entry point of a coordinator's move; it routes to the service that
  owns the move's side effects (shipping, booking, closing the planning session as done or
  "No Show") and otherwise to `moves.move_case`. Every route checks the pipeline first, so a
  forbidden move raises `MoveRefused(reason)` before anything is written.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlmodel import Session

from ortho_app.models.lab_cases import LabCase
from ortho_app.services.lab_cases import moves, planning, shipping
from ortho_app.services.lab_cases.pipeline import (
    Actor,
    CaseStatus,
    HoldReason,
    as_status,
    check_move,
)

LAB = Actor.LAB_COORDINATOR


class MoveInput(StrEnum):
    """What a move asks before it is made."""

    NONE = ""
    HOLD = "hold"  # hold reason (+ detail) → "Missing CBCT/Models"
    SHIP = "ship"  # carrier + tracking number → "Shipped"
    BLOCK = "block"  # a free planning block → "Planning Scheduled"


def input_needed(target: CaseStatus | str) -> MoveInput:
    target = as_status(target)
    if target is CaseStatus.MISSING_CBCT_MODELS:
        return MoveInput.HOLD
    if target is CaseStatus.SHIPPED:
        return MoveInput.SHIP
    if target is CaseStatus.PLANNING_SCHEDULED:
        return MoveInput.BLOCK
    return MoveInput.NONE


def precheck(case: LabCase, target: CaseStatus | str) -> None:
    """`MoveRefused(reason)` if the pipeline forbids the move (before asking for input)."""
    target = as_status(target)
    hold = HoldReason.OTHER if target is CaseStatus.MISSING_CBCT_MODELS else None
    check_move(case.status, target, LAB, hold_reason=hold)


def apply_lab_move(session: Session, case: LabCase, target: CaseStatus | str, *, actor: str,
                   today: date, hold_reason: HoldReason | str | None = None,
                   hold_detail: str = "", carrier: str = "", tracking_number: str = "",
                   block_id: int | None = None, now: datetime | None = None) -> LabCase:
    """Move an authorized case as the lab coordinator (flushed; the caller commits).

    Raises `MoveRefused` (pipeline), `planning.BlockUnavailable` (block taken or not this
    lab's) or `ValueError` (missing carrier/tracking/block); nothing is written then.
    """
    target = as_status(target)
    current = as_status(case.status)
    check_move(current, target, LAB, hold_reason=hold_reason)
    if target is CaseStatus.SHIPPED:
        shipping.record_shipment(session, case, carrier=carrier,
                                 tracking_number=tracking_number, actor=actor, today=today)
    elif target is CaseStatus.PLANNING_SCHEDULED:
        if block_id is None:
            raise ValueError("Choose a free planning block")
        planning.book_block(session, case, block_id, actor=actor, role=LAB, today=today,
                           now=now)
    elif target in _CLOSING and current is CaseStatus.PLANNING_SCHEDULED \
            and _open_session(session, case):
        _CLOSING[target](session, case, actor=actor, today=today)
    else:
        moves.move_case(session, case, target, actor=actor, role=LAB, today=today,
                        hold_reason=hold_reason, hold_detail=hold_detail)
    return case


# Leaving "Planning Scheduled" closes the booked session: done, or the doctor did not show.
_CLOSING = {CaseStatus.MANUFACTURING: planning.mark_done,
            CaseStatus.PLANNING_NO_SHOW: planning.mark_no_show}


def _open_session(session: Session, case: LabCase) -> bool:
    booked = planning.session_of(session, case.id)
    return booked is not None and not booked.outcome
