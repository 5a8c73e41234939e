"""State of /clinic/changes: the details patients proposed in the app, accepted or rejected."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import reflex as rx
from pydantic import BaseModel

from ortho_app.core import audit
from ortho_app.core.authz import CLINIC, Access, Refused, authorize_patient, validate
from ortho_app.core.db import db_session
from ortho_app.core.security.sessions import Principal
from ortho_app.models.appointments import PatientInfoChange
from ortho_app.services.patient_app import info as patient_info
from ortho_app.services.patients import directory
from ortho_app.services.patients.names import list_name
from ortho_app.ui.app_state import AppState, guarded
from ortho_app.ui.views import format_date
from ortho_app.ui.workspace import WorkspaceState


class Decision(BaseModel):
    model_config = {"strict": True}
    change_id: int
    accept: bool


@dataclass
class FieldChange:
    field: str
    before: str
    after: str


@dataclass
class ChangeRow:
    id: int
    patient_id: int
    patient: str
    proposed_on: str
    fields: list[FieldChange]


class ChangesState(WorkspaceState, AppState):
    _access: ClassVar[Access] = CLINIC
    changes: list[ChangeRow] = []
    decided: str = ""  # "accepted" | "rejected"

    def _fill(self, principal: Principal) -> None:
        with db_session() as session:
            found = patient_info.pending_changes(session,
                                                 directory.visible_patients_query(principal))
            rows = [ChangeRow(c.id, p.id, list_name(p),
                              format_date(c.created_at.date()),
                              [FieldChange(*d) for d in patient_info.differences(c, p)])
                    for c, p in found]
            for row in rows:
                audit.record(session, actor=principal.actor, action="patient.changes.read",
                             target=f"patient:{row.patient_id}", patient_id=row.patient_id)
            session.commit()
        self.changes = rows

    @rx.event
    @guarded
    def load_changes(self, principal: Principal):
        self.decided = ""
        self._fill(principal)

    @rx.event
    @guarded
    def decide(self, principal: Principal, change_id: int, accept: bool):
        """Accept the proposed details into the record, or reject them."""
        data = validate(Decision, {"change_id": change_id, "accept": accept})
        with db_session() as session:
            change = session.get(PatientInfoChange, data.change_id)
            patient = authorize_patient(session, principal, change.patient_id if change else -1,
                                        action="patient.changes.decide")
            try:
                patient_info.decide(session, change, patient, accept=data.accept,
                                    actor=principal.actor)
            except patient_info.ChangeError as exc:
                raise Refused(str(exc)) from None
            session.commit()
        self.decided = "accepted" if data.accept else "rejected"
        self._fill(principal)
