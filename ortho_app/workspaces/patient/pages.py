"""Patient app pages (phone first)."""

from __future__ import annotations

import reflex as rx

from ortho_app.ui.i18n import t
from ortho_app.ui.native_form import native_form
from ortho_app.ui.views import PatientRow
from ortho_app.ui.workspace import Workspace, workspace_page
from ortho_app.workspaces.patient import appointments_view, monitoring_view
from ortho_app.workspaces.patient.state import PatientAppState, PatientSelectState

# The home buttons of the spec: Mes RDV (home), Mes Paiements, Messagerie, Documents, Menu.
PATIENT_APP = Workspace(key="patient_app", state=PatientAppState,
                        nav=(("my_appointments", "/patient"),
                             ("my_payments", "/patient/payments"),
                             ("messaging", "/patient/messages"),
                             ("documents", "/patient/documents"),
                             ("menu", "/patient/menu")), patient=True)
PATIENT_SELECT = Workspace(key="patient_app", state=PatientSelectState, nav=(), patient=True)


def _patient_card(row: PatientRow) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(row.name, size="4"),
            rx.text(t("born", patient=True), " ", row.birth, size="2"),
            rx.cond(row.treatment != "", rx.badge(row.treatment)),
            spacing="1",
        ),
        width="100%",
    )


@workspace_page(PATIENT_APP, "/patient", "Mon orthodontiste",
                on_load=[PatientAppState.load_patients, *appointments_view.HOME_ON_LOAD,
                         *monitoring_view.HOME_ON_LOAD])
def patient_home() -> rx.Component:
    return rx.vstack(
        appointments_view.next_appointment_section(),
        monitoring_view.monitoring_section(),
        rx.heading(t("patients_seen", patient=True), size="5"),
        rx.foreach(PatientAppState.patients, _patient_card),
        spacing="3", width="100%", max_width="480px", margin_x="auto",
    )


def _choice(row: PatientRow) -> rx.Component:
    box_id = "choice-" + row.id.to_string()
    return rx.el.label(
        rx.el.input(type="checkbox", name="patient_id", value=row.id.to_string(), id=box_id,
                    default_checked=PatientSelectState.chosen.contains(row.id)),
        rx.text(row.name, " (", row.birth, ")", as_="span", margin_left="0.5em"),
        html_for=box_id, display="flex", align_items="center", padding_y="0.5em",
    )


@workspace_page(PATIENT_SELECT, "/patient/login/select", "Patients",
                on_load=[PatientSelectState.load_choices])
def patient_select() -> rx.Component:
    return native_form(
        rx.vstack(
            rx.heading(t("choose_patients", patient=True), size="5"),
            rx.foreach(PatientSelectState.choices, _choice),
            rx.button(t("continue", patient=True), type="submit", size="3", width="100%"),
            spacing="3", width="100%",
        ),
        action="/auth/patient/select", method="post", max_width="480px", margin_x="auto",
    )
