"""Patient app pages (phone first)."""

from __future__ import annotations

import reflex as rx

from ortho_app.core import urls
from ortho_app.ui.i18n import t
from ortho_app.ui.native_form import native_form
from ortho_app.ui.views import PatientRow
from ortho_app.ui.workspace import workspace_page
from ortho_app.workspaces.patient import routes
from ortho_app.workspaces.patient.appointments import parts as appointments_view
from ortho_app.workspaces.patient.monitoring import parts as monitoring_view
from ortho_app.workspaces.patient.workspace import (
    PATIENT_APP,
    PATIENT_SELECT,
    PatientAppState,
    PatientSelectState,
)

# The home buttons of the spec: Mes RDV (home), Mes Paiements, Messagerie, Documents, Menu.


# Home buttons (spec "Accueil de l'application"), with the module that must be on to show it.
HOME_BUTTONS = (("my_payments", routes.PAYMENTS, "credit-card", "payments"),
                ("messaging", routes.MESSAGES, "message-circle", "messaging"),
                ("documents", routes.DOCUMENTS, "file-text", "documents"),
                ("menu", routes.MENU, "menu", ""))


def _home_button(key: str, route: str, icon: str) -> rx.Component:
    return rx.link(
        rx.card(rx.vstack(rx.icon(icon, size=26), rx.text(t(key), weight="medium"),
                          align="center", spacing="2"), width="100%", size="2"),
        href=route, underline="none", color="inherit", width="100%",
    )


def home_buttons() -> rx.Component:
    buttons = []
    for key, route, icon, module in HOME_BUTTONS:
        button = _home_button(key, route, icon)
        buttons.append(rx.cond(PatientAppState.enabled_modules.contains(module), button)
                       if module else button)
    return rx.grid(*buttons, columns="2", spacing="3", width="100%", class_name="home-buttons")


def _switch_to(row: PatientRow) -> rx.Component:
    current = PatientAppState.current_id == row.id
    return rx.button(
        row.name, size="2", variant=rx.cond(current, "solid", "outline"),
        aria_pressed=rx.cond(current, "true", "false"),
        on_click=[PatientAppState.choose_patient(row.id), *appointments_view.HOME_ON_LOAD,
                  *monitoring_view.HOME_ON_LOAD],
    )


def patient_switcher() -> rx.Component:
    """Several patients chosen at sign-in: pick the one the app shows."""
    return rx.cond(PatientAppState.patients.length() > 1, rx.vstack(
        rx.text(t("patients_seen"), size="2", color_scheme="gray"),
        rx.hstack(rx.foreach(PatientAppState.patients, _switch_to), wrap="wrap", spacing="2"),
        spacing="1", width="100%", role="group",
        aria_label=t("patients_seen"),
    ))


@workspace_page(PATIENT_APP, routes.HOME, "Mon orthodontiste",
                on_load=[PatientAppState.load_patients, *appointments_view.HOME_ON_LOAD,
                         *monitoring_view.HOME_ON_LOAD])
def patient_home() -> rx.Component:
    return rx.vstack(
        patient_switcher(),
        rx.cond(PatientAppState.enabled_modules.contains("appointments"),
                appointments_view.next_appointment_section()),
        monitoring_view.monitoring_section(),
        home_buttons(),
        spacing="4", width="100%",
    )


def _choice(row: PatientRow) -> rx.Component:
    box_id = "choice-" + row.id.to_string()
    return rx.el.label(
        rx.el.input(type="checkbox", name="patient_id", value=row.id.to_string(), id=box_id,
                    default_checked=PatientSelectState.chosen.contains(row.id)),
        rx.text(row.name, " (", row.birth, ")", as_="span", margin_left="0.5em"),
        html_for=box_id, display="flex", align_items="center", padding_y="0.5em",
    )


@workspace_page(PATIENT_SELECT, routes.SELECT, "Patients",
                on_load=[PatientSelectState.load_choices])
def patient_select() -> rx.Component:
    return native_form(
        rx.vstack(
            rx.heading(t("choose_patients"), size="5"),
            rx.foreach(PatientSelectState.choices, _choice),
            rx.button(t("continue"), type="submit", size="3", width="100%"),
            spacing="3", width="100%",
        ),
        action=urls.AUTH_PATIENT_SELECT, method="post", max_width="480px", margin_x="auto",
    )
