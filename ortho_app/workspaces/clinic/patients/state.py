"""Clinic workspace state: the patient list in two tabs (clinicians and assistants)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar, Literal

import reflex as rx
from pydantic import BaseModel, Field

from ortho_app.core import audit
from ortho_app.core.authz import CLINIC, Access, validate
from ortho_app.core.db import db_session
from ortho_app.core.security.sessions import Principal
from ortho_app.services.monitoring.listing import due_label, monitoring_page
from ortho_app.services.patients import directory
from ortho_app.services.patients.names import list_name
from ortho_app.ui.app_state import AppState, guarded
from ortho_app.ui.pager import PagedList
from ortho_app.ui.views import format_date
from ortho_app.ui.workspace import WorkspaceState

TREATMENTS = ["Aligners", "Fixed braces", "Palatal expander", "Retention", "Observation"]


class ListQuery(BaseModel):
    model_config = {"strict": True}
    tab: Literal["monitored", "not_monitored"] = "monitored"
    search: str = Field(default="", max_length=100)
    state: Literal["", "active", "paused", "awaiting_review"] = ""
    treatment: Literal["", "Aligners", "Fixed braces", "Palatal expander", "Retention",
                       "Observation"] = ""
    page: int = Field(default=0, ge=0, le=10_000)


@dataclass
class ListRow:
    id: int
    name: str
    birth: str
    treatment: str
    state: str
    next_due: str
    aligner: str
    awaiting_review: bool


class ClinicState(PagedList, WorkspaceState, AppState):
    _access: ClassVar[Access] = CLINIC
    _page_size: ClassVar[int] = directory.PAGE_SIZE
    patients: list[ListRow] = []
    tab: str = "monitored"
    search: str = ""
    state_filter: str = ""
    treatment: str = ""

    def _load(self, principal: Principal, **changes) -> None:
        current = {"tab": self.tab, "search": self.search, "state": self.state_filter,
                   "treatment": self.treatment, "page": self.page}
        query = validate(ListQuery, current | changes)
        today = date.today()
        with db_session() as session:
            result = monitoring_page(session, principal, tab=query.tab, search=query.search,
                                     state=query.state, treatment=query.treatment,
                                     page=query.page)
            audit.record(session, actor=principal.actor, action="patients.list",
                         detail=f"tab={query.tab} page={query.page} rows={len(result.rows)}")
            session.commit()
        self.patients = [ListRow(
            id=r.patient.id, name=list_name(r.patient),
            birth=format_date(r.patient.date_of_birth), treatment=r.patient.treatment,
            state=r.plan.state.value if r.plan else "", next_due=due_label(r.plan, today),
            aligner=str(r.plan.aligner_number) if r.plan and r.plan.aligner_number else "",
            awaiting_review=bool(r.plan and r.plan.awaiting_review)) for r in result.rows]
        self.total, self.page, self.tab = result.total, query.page, query.tab
        self.search, self.state_filter, self.treatment = query.search, query.state, query.treatment

    @rx.event
    @guarded
    def load_patients(self, principal: Principal):
        self._load(principal)

    @rx.event
    @guarded
    def search_patients(self, principal: Principal, search: str):
        self._load(principal, search=search, page=0)

    @rx.event
    @guarded
    def choose_tab(self, principal: Principal, tab: str):
        self._load(principal, tab=tab, state="", page=0)

    @rx.event
    @guarded
    def filter_state(self, principal: Principal, state: str):
        self._load(principal, state="" if state == "all" else state, page=0)

    @rx.event
    @guarded
    def filter_treatment(self, principal: Principal, treatment: str):
        self._load(principal, treatment="" if treatment == "all" else treatment, page=0)


