"""The lab's case board: one column per status in spec order, counts, filters, per-column
"Show more"; moves by drag-and-drop or "Move to…" (see moves_state)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

import reflex as rx
from pydantic import BaseModel, Field, field_validator

from ortho_app.core.authz import LAB, Access, InvalidArguments, validate
from ortho_app.core.db import db_session
from ortho_app.core.security.sessions import Principal
from ortho_app.services.lab_cases import board
from ortho_app.services.lab_cases.listing import CaseRow
from ortho_app.services.lab_cases.pipeline import (
    Actor,
    CaseStatus,
    CaseType,
    allowed_targets,
    colour_of,
)
from ortho_app.services.patients import directory
from ortho_app.ui.app_state import AppState, guarded
from ortho_app.ui.views import format_date
from ortho_app.ui.workspace import WorkspaceState
from ortho_app.workspaces.lab.moves.state import CaseMoves


class Filters(BaseModel):
    practice_id: int | None = Field(default=None, ge=1, le=2**31 - 1)
    case_type: CaseType | None = None
    ship_by: date | None = None

    @field_validator("practice_id", "case_type", "ship_by", mode="before")
    @classmethod
    def _blank_is_none(cls, value):
        return None if value in ("", None) else value


class FilterChange(BaseModel):
    model_config = {"strict": True}
    name: str = Field(pattern="^(practice_id|case_type|ship_by)$")
    value: str = Field(max_length=20)


class ColumnRef(BaseModel):
    status: CaseStatus


@dataclass
class BoardCard:
    id: int
    ref: str
    practice: str
    patient: str
    case_type: str
    ship_date: str
    colour: str
    hold_reason: str
    targets: list[str]


@dataclass
class BoardColumn:
    status: str
    colour: str
    count: int
    more: int  # cases of this column not shown yet
    cards: list[BoardCard]


def _targets(status: str) -> list[str]:
    return [s.value for s in allowed_targets(status, Actor.LAB_COORDINATOR)]


def _card(row: CaseRow, practices: dict[int, str]) -> BoardCard:
    return BoardCard(row.case_id, row.ref, practices.get(row.practice_id, ""),
                     row.patient_name, row.case_type, format_date(row.ship_date), row.colour,
                     row.hold_reason, _targets(row.status))


class BoardState(CaseMoves, WorkspaceState, AppState):
    _access: ClassVar[Access] = LAB
    columns: list[BoardColumn] = []
    practice_id: str = ""
    case_type: str = ""
    ship_by: str = ""
    _limits: dict[str, int] = {}

    def _filters(self) -> board.BoardFilters:
        data = validate(Filters, {"practice_id": self.practice_id,
                                  "case_type": self.case_type, "ship_by": self.ship_by})
        return board.BoardFilters(data.practice_id,
                                      data.case_type.value if data.case_type else "",
                                      data.ship_by)

    def _after_move(self, principal: Principal) -> None:
        self._refresh(principal)

    def _refresh(self, principal: Principal) -> None:
        with db_session() as session:
            names = {p.id: p.name for p in
                     directory.served_practices(session, principal.institution_id)}
            columns = board.board_columns(session, principal, self._filters(),
                                              self._limits)
        self.columns = [
            BoardColumn(c.status.value, colour_of(c.status).value, c.total,
                        max(0, c.total - len(c.rows)), [_card(r, names) for r in c.rows])
            for c in columns]

    @rx.event
    @guarded
    def load_board(self, principal: Principal):
        self._limits = {}
        self._close_move()
        self.refusal = ""
        self._refresh(principal)

    @rx.event
    @guarded
    def change_filter(self, principal: Principal, name: str, value: str):
        change = validate(FilterChange, {"name": name, "value": value})
        previous = getattr(self, change.name)
        setattr(self, change.name, change.value)
        try:
            self._filters()
        except InvalidArguments:
            setattr(self, change.name, previous)
            raise
        self._limits = {}
        self._refresh(principal)

    @rx.event
    @guarded
    def clear_filters(self, principal: Principal):
        self.practice_id, self.case_type, self.ship_by = "", "", ""
        self._limits = {}
        self._refresh(principal)

    @rx.event
    @guarded
    def show_more(self, principal: Principal, status: str):
        column = validate(ColumnRef, {"status": status}).status.value
        shown = self._limits.get(column, board.COLUMN_PAGE)
        self._limits = {**self._limits,
                        column: min(shown + board.COLUMN_PAGE, board.MAX_COLUMN)}
        self._refresh(principal)
