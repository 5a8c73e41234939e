"""The patient app workspace: its navigation, and its state: only the patients chosen at
sign-in, reachable by the verified phone.

`PatientAppState` holds which of the chosen patients the app is showing (`current_id`) and the
modules the practice turned on for that patient; every section's state reads the patient
through `current_patient_id(self, principal)` and re-checks it with the guard.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

import reflex as rx

from ortho_app.core import audit
from ortho_app.core.authz import PATIENT, Access, Refused, authorize_patient
from ortho_app.core.db import db_session
from ortho_app.core.security.sessions import Principal
from ortho_app.services.patient_app import modules as patient_modules
from ortho_app.services.patient_app.login import patients_reachable_by
from ortho_app.services.patients import directory
from ortho_app.services.patients.names import full_name
from ortho_app.services.patients.phones import display
from ortho_app.ui.app_state import AppState, guarded
from ortho_app.ui.views import PatientRow, patient_row
from ortho_app.ui.workspace import Workspace, WorkspaceState
from ortho_app.workspaces.patient import routes


class PatientAppState(WorkspaceState, AppState):
    _access: ClassVar[Access] = PATIENT
    patients: list[PatientRow] = []
    current_id: int = 0
    current_name: str = ""
    enabled_modules: list[str] = []

    def _show(self, principal: Principal, patient_id: int) -> None:
        with db_session() as session:
            patient = authorize_patient(session, principal, patient_id, action="patient_app.open")
            options = patient_modules.options_for(session, patient.institution_id)
            self.enabled_modules = [m.value for m in patient_modules.Module
                                    if patient_modules.module_enabled(options, m, patient,
                                                                      today=date.today())]
            session.commit()
        self.current_id = patient.id
        self.current_name = full_name(patient)

    @rx.event
    @guarded
    def load_shell(self, principal: Principal):
        """The header of every patient page: who is shown and which modules are on."""
        self.user_label = display(principal.phone or "")
        self._load(principal)

    @rx.event
    @guarded
    def load_patients(self, principal: Principal):
        self._load(principal)

    def _load(self, principal: Principal) -> None:
        with db_session() as session:
            rows = session.exec(directory.visible_patients_query(principal)).all()
            audit.record(session, actor=principal.actor, action="patient_app.list")
            session.commit()
        self.patients = [patient_row(p) for p in rows]
        if self.current_id not in principal.patient_ids and rows:
            self.current_id = min(principal.patient_ids)
        if self.current_id:
            self._show(principal, self.current_id)

    @rx.event
    @guarded
    def choose_patient(self, principal: Principal, patient_id: int):
        """Show another of the patients chosen at sign-in (the guard checks the id)."""
        self._show(principal, patient_id)


async def current_patient_id(state: rx.State, principal: Principal) -> int:
    """The patient the app is showing, for a section's handler (still to be authorized with
    `authorize_patient` inside the handler's unit of work)."""
    app = await state.get_state(PatientAppState)
    if app.current_id in principal.patient_ids:
        return app.current_id
    if not principal.patient_ids:
        raise Refused("Please sign in")
    return min(principal.patient_ids)


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


PATIENT_APP = Workspace(key="patient_app", state=PatientAppState,
                        nav=(("my_appointments", routes.HOME),
                             ("my_payments", routes.PAYMENTS),
                             ("messaging", routes.MESSAGES),
                             ("documents", routes.DOCUMENTS),
                             ("menu", routes.MENU)), patient=True,
                        nav_modules=("appointments", "payments", "messaging", "documents", ""))

PATIENT_SELECT = Workspace(key="patient_app", state=PatientSelectState, nav=(), patient=True)
