"""Console "Paiements": the online payments received by the practice on a chosen day."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

import reflex as rx
from pydantic import BaseModel, Field

from ortho_app.core import audit
from ortho_app.core.authz import ADMIN, Access, validate
from ortho_app.core.db import db_session
from ortho_app.core.security.sessions import Principal
from ortho_app.services.payments import checkout, ledger
from ortho_app.services.payments.checkout import AttemptView
from ortho_app.services.payments.money import format_eur
from ortho_app.ui.app_state import AppState, guarded
from ortho_app.ui.workspace import WorkspaceState


class DayForm(BaseModel):
    model_config = {"extra": "forbid"}
    day: date = Field(ge=date(2000, 1, 1), le=date(2100, 1, 1))


class PaymentsConsoleState(WorkspaceState, AppState):
    _access: ClassVar[Access] = ADMIN
    day: str = ""  # ISO, for the date input
    rows: list[AttemptView] = []
    total: str = ""

    def _fill(self, principal: Principal, day: date) -> None:
        with db_session() as session:
            found = ledger.attempts_of_day(session, principal.institution_id, day)
            audit.record(session, actor=principal.actor, action="payments.day",
                         target=f"day:{day.isoformat()}")
            session.commit()
        self.rows = [checkout.attempt_view(a, p) for a, p in found]
        self.total = format_eur(sum(a.applied_cents for a, _ in found))
        self.day = day.isoformat()

    @rx.event
    @guarded
    def load_day(self, principal: Principal):
        self._fill(principal, ledger.practice_today())

    @rx.event
    @guarded
    def choose_day(self, principal: Principal, form: dict):
        self._fill(principal, validate(DayForm, form if isinstance(form, dict) else {}).day)
