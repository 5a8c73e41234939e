"""/patient/menu (the complementary menu of the spec) and /patient/practice ("Mon cabinet")."""

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
from ortho_app.ui.i18n import t
from ortho_app.ui.workspace import WorkspaceState, workspace_page
from ortho_app.workspaces.patient.workspace import PATIENT_APP, PatientAppState, current_patient_id

# (label, route, icon, module needed or "")
MENU = (("my_info", "/patient/info", "user", ""),
        ("my_imaging", "/patient/imaging", "images", "imaging"),
        ("my_practice", "/patient/practice", "building-2", ""),
        ("notifications", "/patient/notifications", "bell", "appointments"),
        ("manage_patients", "/patient/patients", "users", ""))


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


def _entry(key: str, route: str, icon: str) -> rx.Component:
    return rx.link(
        rx.hstack(rx.icon(icon, size=20), rx.text(t(key, patient=True), size="3"),
                  rx.spacer(), rx.icon("chevron-right", size=18, color="var(--gray-9)"),
                  align="center", width="100%", padding="14px 4px",
                  border_bottom="1px solid var(--gray-a4)"),
        href=route, underline="none", color="inherit", width="100%",
    )


@workspace_page(PATIENT_APP, "/patient/menu", "Menu")
def patient_menu() -> rx.Component:
    entries = []
    for key, route, icon, module in MENU:
        entry = _entry(key, route, icon)
        entries.append(rx.cond(PatientAppState.enabled_modules.contains(module), entry)
                       if module else entry)
    return rx.vstack(rx.heading(t("menu", patient=True), size="6"),
                     rx.vstack(*entries, spacing="0", width="100%", role="list"),
                     spacing="3", width="100%")


def _contact(icon: str, label_key: str, value, href, external: bool = False) -> rx.Component:
    return rx.vstack(
        rx.text(t(label_key, patient=True), size="2", color_scheme="gray"),
        rx.link(rx.hstack(rx.icon(icon, size=18), rx.text(value), align="center"), href=href,
                size="4", is_external=external),
        spacing="1", width="100%",
    )


@workspace_page(PATIENT_APP, "/patient/practice", "Mon cabinet",
                on_load=[PracticeState.load_practice])
def patient_practice() -> rx.Component:
    S = PracticeState
    return rx.vstack(
        rx.heading(t("my_practice", patient=True), size="6"),
        rx.card(rx.vstack(
            rx.heading(S.name, size="5"),
            rx.cond(S.address != "", _contact("map-pin", "address", S.address, S.address_url,
                                                  external=True)),
            rx.cond(S.email != "", _contact("mail", "email", S.email, "mailto:" + S.email)),
            rx.cond(S.phone != "", _contact("phone", "phone", S.phone_display, "tel:" + S.phone)),
            spacing="4", width="100%"), width="100%", size="3"),
        spacing="3", width="100%",
    )
