"""State of "Mon cabinet": the practice's address and contacts."""

from __future__ import annotations

from typing import ClassVar

import reflex as rx

from ortho_app.core.authz import PATIENT, Access, authorize_patient
from ortho_app.core.db import db_session
from ortho_app.core.security.sessions import Principal
from ortho_app.models import Institution
from ortho_app.services.appointments.appointments import maps_url
from ortho_app.services.patients.phones import display
from ortho_app.ui.app_state import AppState, guarded
from ortho_app.ui.workspace import WorkspaceState
from ortho_app.workspaces.patient import routes
from ortho_app.workspaces.patient.workspace import current_patient_id

MENU = (("my_info", routes.INFO, "user", ""),
        ("my_imaging", routes.IMAGING, "images", "imaging"),
        ("my_practice", routes.PRACTICE, "building-2", ""),
        ("notifications", routes.NOTIFICATIONS, "bell", "appointments"),
        ("manage_patients", routes.PATIENTS, "users", ""))


class PracticeState(WorkspaceState, AppState):
    """"Mon cabinet": the practice of the patient shown."""

    _access: ClassVar[Access] = PATIENT
    name: str = ""
    address: str = ""
    address_url: str = ""
    email: str = ""
    phone: str = ""
    phone_display: str = ""

    @rx.event
    @guarded
    async def load_practice(self, principal: Principal):
        patient_id = await current_patient_id(self, principal)
        with db_session() as session:
            patient = authorize_patient(session, principal, patient_id,
                                        action="patient_app.practice")
            practice = session.get(Institution, patient.institution_id)
            session.commit()
        self.name, self.address, self.email = practice.name, practice.address, practice.email
        self.address_url = maps_url(practice.address) if practice.address else ""
        self.phone = practice.phone
        self.phone_display = display(practice.phone) if practice.phone else ""
