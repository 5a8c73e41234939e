"""Patient app state: only the patients chosen at sign-in, reachable by the verified phone."""

from __future__ import annotations

from typing import ClassVar

import reflex as rx

from ortho_app.core import audit
from ortho_app.core.db import db_session
from ortho_app.core.guard import PATIENT, Access
from ortho_app.core.security.sessions import Principal
from ortho_app.services import directory
from ortho_app.services.patient_login import patients_reachable_by
from ortho_app.ui.app_state import AppState, guarded
from ortho_app.ui.views import PatientRow, patient_row
from ortho_app.ui.workspace import WorkspaceState


class PatientAppState(WorkspaceState, AppState):
    _access: ClassVar[Access] = PATIENT
    patients: list[PatientRow] = []

    @rx.event
    @guarded
    def load_patients(self, principal: Principal):
        with db_session() as session:
            rows = session.exec(directory.visible_patients_query(principal)).all()
            audit.record(session, actor=principal.actor, action="patient_app.open")
            session.commit()
        self.patients = [patient_row(p) for p in rows]


class PatientSelectState(WorkspaceState, AppState):
    """The choice of linked patients right after the SMS code."""

    _access: ClassVar[Access] = PATIENT
    choices: list[PatientRow] = []
    chosen: list[int] = []

    @rx.event
    @guarded
    def load_choices(self, principal: Principal):
        with db_session() as session:
            rows = patients_reachable_by(session, principal.phone or "")
        self.choices = [patient_row(p) for p in rows]
        self.chosen = sorted(principal.patient_ids)
