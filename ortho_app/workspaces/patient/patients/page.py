"""/patient/patients ("Gestion des patients"): add a patient reachable with the same phone (a
parent adding a child) after the sign-in's identity check; the session's list is changed on
the server."""

from __future__ import annotations

import reflex as rx

from ortho_app.ui.forms import field
from ortho_app.ui.i18n import t
from ortho_app.ui.views import PatientRow
from ortho_app.ui.workspace import workspace_page
from ortho_app.workspaces.patient import routes
from ortho_app.workspaces.patient.patients.state import ManagePatientsState
from ortho_app.workspaces.patient.workspace import PATIENT_APP, PatientAppState


def _listed(row: PatientRow) -> rx.Component:
    return rx.hstack(rx.icon("user", size=18), rx.text(row.name, weight="medium"),
                     rx.text(row.birth, size="2", color_scheme="gray"), align="center",
                     padding_y="6px", class_name="listed-patient")


OUTCOMES = (("added", "patient_added", "green"), ("check", "check_entries", "red"),
            ("already", "patient_already_listed", "amber"))


@workspace_page(PATIENT_APP, routes.PATIENTS, "Gestion des patients",
                on_load=[ManagePatientsState.clear_outcome])
def patient_management() -> rx.Component:
    S = ManagePatientsState
    return rx.vstack(
        rx.heading(t("manage_patients"), size="6"),
        rx.text(t("patients_seen"), size="2", color_scheme="gray"),
        rx.foreach(PatientAppState.patients, _listed),
        rx.heading(t("add_patient"), size="4"),
        rx.text(t("add_patient_hint"), size="2", color_scheme="gray"),
        *[rx.cond(S.outcome == code, rx.callout(t(key), color_scheme=color,
                                                role="status", width="100%"))
          for code, key, color in OUTCOMES],
        rx.form(rx.vstack(
            field(t("last_name"), "last_name"),
            field(t("first_name"), "first_name"),
            field(t("birth"), "birth", type_="date"),
            rx.button(t("add_patient"), type="submit", size="3", width="100%"),
            spacing="3", width="100%"), on_submit=S.add, reset_on_submit=True, width="100%"),
        spacing="3", width="100%",
    )
