"""Moving a case as the lab coordinator, shared by the board and the case page.

A drop on a column (`drop_case`) and a "Move to…" choice (`choose_move`) go the same way:
the case is authorized (`authorize_case`: only cases of practices the lab serves), the
pipeline is checked first (a forbidden move is refused with its reason and nothing changes,
so the dragged card stays where it was), then the move is made — or, when it needs more
(hold reason, carrier and tracking number, a planning block), a dialog asks for it and
`confirm_move` makes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import reflex as rx
from pydantic import BaseModel, Field

from ortho_app.core.authz import InvalidArguments, Refused, validate
from ortho_app.core.db import db_session
from ortho_app.core.security.sessions import Principal
from ortho_app.core.timezone import PRACTICE_TZ
from ortho_app.services.lab_cases import lab_moves
from ortho_app.services.lab_cases.access import authorize_case
from ortho_app.services.lab_cases.cases import case_ref
from ortho_app.services.lab_cases.pipeline import CaseStatus, HoldReason, MoveRefused
from ortho_app.services.lab_cases.planning import BlockUnavailable, free_blocks
from ortho_app.ui.app_state import guarded


class MoveRef(BaseModel):
    case_id: int = Field(ge=1, le=2**31 - 1)  # a drop sends the id as text ("42")
    status: CaseStatus


class HoldForm(BaseModel):
    hold_reason: HoldReason
    hold_detail: str = Field(default="", max_length=1000)


class ShipForm(BaseModel):
    carrier: str = Field(min_length=1, max_length=80)
    tracking_number: str = Field(min_length=1, max_length=100)


class BlockForm(BaseModel):
    block_id: int = Field(ge=1, le=2**31 - 1)


FORMS = {lab_moves.MoveInput.HOLD: (HoldForm, "Choose a hold reason."),
         lab_moves.MoveInput.SHIP: (ShipForm, "Enter the carrier and the tracking number."),
         lab_moves.MoveInput.BLOCK: (BlockForm, "Choose a free planning block.")}


@dataclass
class BlockOption:
    value: str
    label: str


def block_label(start, end) -> str:
    zone = PRACTICE_TZ
    return f"{start.astimezone(zone):%a %d/%m/%Y %H:%M}–{end.astimezone(zone):%H:%M}"


class CaseMoves(rx.State, mixin=True):
    """Mixed into a lab state (which names `_access = LAB`) that shows cases."""

    move_case_id: int = 0
    move_case_ref: str = ""
    move_target: str = ""
    move_input: str = ""  # lab_moves.MoveInput of the open dialog ("" = closed)
    move_error: str = ""
    move_blocks: list[BlockOption] = []
    refusal: str = ""  # why the last move was refused (shown next to the board)

    def _after_move(self, principal: Principal) -> None:
        """Refresh what the page shows (the board, the case)."""

    def _close_move(self) -> None:
        self.move_case_id, self.move_case_ref, self.move_target = 0, "", ""
        self.move_input, self.move_error, self.move_blocks = "", "", []

    def _request(self, principal: Principal, case_id, status):
        ref = validate(MoveRef, {"case_id": case_id, "status": status})
        self._close_move()
        with db_session() as session:
            case = authorize_case(session, principal, ref.case_id, action="case.move")
            try:
                lab_moves.precheck(case, ref.status)
            except MoveRefused as exc:
                session.commit()
                self.refusal = f"{case_ref(case.id)}: {exc.reason}"
                return rx.toast.error(self.refusal, duration=8000)
            needed = lab_moves.input_needed(ref.status)
            blocks = (free_blocks(session, lab_id=case.lab_id)
                     if needed is lab_moves.MoveInput.BLOCK else [])
            session.commit()
        self.refusal = ""
        self.move_case_id, self.move_case_ref = case.id, case_ref(case.id)
        self.move_target = ref.status.value
        if needed is lab_moves.MoveInput.NONE:
            return self._make_move(principal, {})
        self.move_input = needed.value
        self.move_blocks = [BlockOption(str(s.block_id), block_label(s.start_at, s.end_at))
                           for s in blocks]
        return None

    def _make_move(self, principal: Principal, extra: dict):
        try:
            with db_session() as session:
                case = authorize_case(session, principal, self.move_case_id,
                                      action="case.move")
                lab_moves.apply_lab_move(session, case, self.move_target,
                                         actor=principal.actor, today=date.today(), **extra)
                session.commit()
        except MoveRefused as exc:
            self.refusal = f"{self.move_case_ref}: {exc.reason}"
            self._close_move()
            self._after_move(principal)
            return rx.toast.error(self.refusal, duration=8000)
        except (BlockUnavailable, ValueError) as exc:
            if not self.move_input:
                raise Refused(str(exc)) from None
            self.move_error = str(exc)  # shown in the dialog; nothing was written
            return None
        done = f"{self.move_case_ref} → {self.move_target}"
        self._close_move()
        self._after_move(principal)
        return rx.toast.success(done, duration=3000)

    @rx.event
    @guarded
    def drop_case(self, principal: Principal, status: str, case_id: str):
        """A card dropped on the column of `status` (the mouse)."""
        return self._request(principal, case_id, status)

    @rx.event
    @guarded
    def choose_move(self, principal: Principal, case_id: int, status: str):
        """"Move to…" on a card or the case page (keyboard and menu)."""
        return self._request(principal, case_id, status)

    @rx.event
    @guarded
    def confirm_move(self, principal: Principal, form: dict):
        """The dialog's Confirm: the hold reason, shipment or planning block, then the move."""
        needed = lab_moves.MoveInput(self.move_input) if self.move_input in (
            m.value for m in lab_moves.MoveInput) else lab_moves.MoveInput.NONE
        if needed is lab_moves.MoveInput.NONE or not self.move_case_id:
            raise Refused("Choose a move first")
        model, message = FORMS[needed]
        try:
            data = validate(model, form if isinstance(form, dict) else {})
        except InvalidArguments:
            self.move_error = message
            return None
        return self._make_move(principal, data.model_dump())

    @rx.event
    def cancel_move(self):
        self._close_move()

    @rx.event
    def dismiss_refusal(self):
        self.refusal = ""
