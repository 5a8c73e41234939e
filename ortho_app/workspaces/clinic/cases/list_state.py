"""The doctor's case list (/clinic/cases): sortable by every header, default order by the
attention the doctor must give (red, yellow, green, white), archive per record and "Show only
archived"; paged in SQL."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

import reflex as rx
from pydantic import BaseModel, Field

from ortho_app.core.authz import CLINIC, Access, validate
from ortho_app.core.db import db_session
from ortho_app.core.security.sessions import Principal
from ortho_app.services.lab_cases import listing
from ortho_app.services.lab_cases.access import authorize_case
from ortho_app.services.lab_cases.cases import archive_case
from ortho_app.ui.app_state import AppState, guarded
from ortho_app.ui.pager import PagedList
from ortho_app.ui.views import format_date
from ortho_app.ui.workspace import WorkspaceState

PAGE_SIZE = 25
SortKey = Literal["case_id", "patient", "progress", "last_modified", "ship_date"]


class ListQuery(BaseModel):
    model_config = {"strict": True}
    sort: SortKey = "progress"
    descending: bool = False
    archived: bool = False
    page: int = Field(default=0, ge=0, le=100_000)


class CaseRef(BaseModel):
    model_config = {"strict": True}
    case_id: int


@dataclass
class CaseListRow:
    case_id: int
    ref: str
    patient_name: str
    status: str
    colour: str
    last_modified: str
    ship_date: str
    archived: bool
    hold_reason: str


def list_row(row: listing.CaseRow) -> CaseListRow:
    return CaseListRow(row.case_id, row.ref, row.patient_name, row.status, row.colour,
                       format_date(row.last_modified), format_date(row.ship_date), row.archived,
                       row.hold_reason)


class CasesListState(PagedList, WorkspaceState, AppState):
    _access: ClassVar[Access] = CLINIC
    _page_size: ClassVar[int] = PAGE_SIZE
    rows: list[CaseListRow] = []
    sort: str = "progress"
    descending: bool = False
    archived_only: bool = False


    def _load(self, principal: Principal, **changes) -> None:
        current = {"sort": self.sort, "descending": self.descending,
                   "archived": self.archived_only, "page": self.page}
        query = validate(ListQuery, current | changes)
        with db_session() as session:
            result = listing.list_cases(session, principal, archived=query.archived,
                                        sort=query.sort, descending=query.descending,
                                        page=query.page, page_size=PAGE_SIZE)
        self.sort, self.descending, self.archived_only = query.sort, query.descending, \
            query.archived
        self.page, self.total = query.page, result.total
        self.rows = [list_row(r) for r in result.rows]

    @rx.event
    @guarded
    def load_cases(self, principal: Principal):
        self._load(principal, page=0)

    @rx.event
    @guarded
    def sort_by(self, principal: Principal, key: str):
        """A header click: sort by it; the same header again reverses the order."""
        descending = (not self.descending) if key == self.sort else False
        self._load(principal, sort=key, descending=descending, page=0)

    @rx.event
    @guarded
    def show_archived(self, principal: Principal, checked: bool):
        self._load(principal, archived=checked, page=0)


    @rx.event
    @guarded
    def archive(self, principal: Principal, case_id: int):
        """Archive (or put back) one record: it leaves the main list; nothing is cancelled."""
        cid = validate(CaseRef, {"case_id": case_id}).case_id
        with db_session() as session:
            case = authorize_case(session, principal, cid, action="lab_case.archive")
            archive_case(session, case, archived=not case.archived)
            session.commit()
        self._load(principal)
