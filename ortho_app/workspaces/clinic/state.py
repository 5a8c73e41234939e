"""Clinic workspace state: clinicians and assistants."""

from __future__ import annotations

from typing import ClassVar

import reflex as rx
from pydantic import BaseModel, Field

from ortho_app.core import audit
from ortho_app.core.db import db_session
from ortho_app.core.guard import CLINIC, Access, validate
from ortho_app.core.security.sessions import Principal
from ortho_app.services import directory
from ortho_app.ui.app_state import AppState, guarded
from ortho_app.ui.views import PatientRow, patient_row
from ortho_app.ui.workspace import WorkspaceState


class PatientQuery(BaseModel):
    model_config = {"strict": True}
    search: str = Field(default="", max_length=100)
    page: int = Field(default=0, ge=0, le=10_000)


class ClinicState(WorkspaceState, AppState):
    _access: ClassVar[Access] = CLINIC
    patients: list[PatientRow] = []
    total: int = 0
    page: int = 0
    search: str = ""

    def _load(self, principal: Principal, query: PatientQuery) -> None:
        with db_session() as session:
            result = directory.search_patients(session, principal, search=query.search,
                                               page=query.page)
            audit.record(session, actor=principal.actor, action="patients.list",
                         detail=f"page={query.page} rows={len(result.rows)}")
            session.commit()
        self.patients = [patient_row(p) for p in result.rows]
        self.total, self.page, self.search = result.total, query.page, query.search

    @rx.event
    @guarded
    def load_patients(self, principal: Principal):
        self._load(principal, PatientQuery())

    @rx.event
    @guarded
    def search_patients(self, principal: Principal, search: str):
        self._load(principal, validate(PatientQuery, {"search": search}))

    @rx.event
    @guarded
    def go_to_page(self, principal: Principal, page: int):
        self._load(principal, validate(PatientQuery, {"search": self.search, "page": page}))

    @rx.var
    def page_count(self) -> int:
        return max(1, -(-self.total // directory.PAGE_SIZE))
