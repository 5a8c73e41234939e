"""Planning blocks (/lab/planning): the lab publishes free blocks and marks a booked session
done (→ Manufacturing) or "No Show" (→ Planning No Show, on hold until the doctor schedules
again)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import ClassVar

import reflex as rx
from pydantic import BaseModel, Field

from ortho_app.core.authz import LAB, Access, InvalidArguments, validate
from ortho_app.core.db import db_session
from ortho_app.core.security.sessions import Principal
from ortho_app.core.timezone import PRACTICE_TZ
from ortho_app.services.lab_cases import planning
from ortho_app.services.lab_cases.access import authorize_case
from ortho_app.services.lab_cases.pipeline import CaseStatus, MoveRefused
from ortho_app.ui.app_state import AppState, guarded
from ortho_app.ui.workspace import WorkspaceState


class BlockForm(BaseModel):
    day: date
    start: time
    end: time


class SessionRef(BaseModel):
    model_config = {"strict": True}
    case_id: int = Field(ge=1, le=2**31 - 1)
    outcome: str = Field(pattern="^(done|no_show)$")


@dataclass
class BlockLine:
    block_id: int
    day: str
    hours: str
    case_id: int
    case_ref: str
    patient: str
    practice: str
    case_status: str
    outcome: str
    open_session: bool  # booked, not closed, the case waits on it


def _line(row: planning.BlockRow) -> BlockLine:
    return BlockLine(row.block_id, row.start_at.strftime("%a %d/%m/%Y"),
                    f"{row.start_at:%H:%M}–{row.end_at:%H:%M}", row.case_id or 0,
                    row.case_ref, row.patient_name, row.practice, row.case_status,
                    row.outcome, bool(row.case_id) and not row.outcome
                    and row.case_status == CaseStatus.PLANNING_SCHEDULED.value)


class PlanningState(WorkspaceState, AppState):
    _access: ClassVar[Access] = LAB
    blocks: list[BlockLine] = []
    error: str = ""

    def _refresh(self, principal: Principal) -> None:
        with db_session() as session:
            rows = planning.lab_blocks(session, lab_id=principal.institution_id)
        self.blocks = [_line(r) for r in rows]

    @rx.event
    @guarded
    def load_blocks(self, principal: Principal):
        self.error = ""
        self._refresh(principal)

    @rx.event
    @guarded
    def publish_block(self, principal: Principal, form: dict):
        try:
            data = validate(BlockForm, form if isinstance(form, dict) else {})
            zone = PRACTICE_TZ
            with db_session() as session:
                planning.publish_block(
                    session, lab_id=principal.institution_id,
                    start_at=datetime.combine(data.day, data.start, zone),
                    end_at=datetime.combine(data.day, data.end, zone), actor=principal.actor)
                session.commit()
        except InvalidArguments:
            self.error = "Enter the date, the start and the end of the block."
            return None
        except ValueError as exc:
            self.error = str(exc)
            return None
        self.error = ""
        self._refresh(principal)
        return [rx.set_value("block-start", ""), rx.set_value("block-end", ""),
                rx.toast.success("Block published", duration=3000)]

    @rx.event
    @guarded
    def close_session(self, principal: Principal, case_id: int, outcome: str):
        """"Session done" (→ Manufacturing) or "No Show" (→ Planning No Show)."""
        ref = validate(SessionRef, {"case_id": case_id, "outcome": outcome})
        mark = planning.mark_done if ref.outcome == "done" else planning.mark_no_show
        try:
            with db_session() as session:
                case = authorize_case(session, principal, ref.case_id, action="case.planning")
                mark(session, case, actor=principal.actor, today=date.today())
                session.commit()
        except MoveRefused as exc:
            self._refresh(principal)
            return rx.toast.error(exc.reason, duration=8000)
        self._refresh(principal)
        return rx.toast.success("Saved", duration=3000)
