"""/patient/info ("Mes infos"): the details of the signed-in person's patients. An edit is sent
to the practice as a proposed change; the practice's record changes when staff accept it."""

from __future__ import annotations

import reflex as rx

from ortho_app.ui.i18n import t
from ortho_app.ui.workspace import workspace_page
from ortho_app.workspaces.patient import routes
from ortho_app.workspaces.patient.info.state import InfoRow, InfoState
from ortho_app.workspaces.patient.workspace import PATIENT_APP


def _field(row: InfoRow, key: str, name: str, value, type_: str = "text",
           required: bool = False) -> rx.Component:
    field_id = name + "-" + row.patient_id.to_string()
    return rx.vstack(
        rx.el.label(t(key), html_for=field_id, font_size="0.9em"),
        rx.input(id=field_id, name=name, type=type_, default_value=value, required=required,
                 size="3", width="100%"),
        spacing="1", width="100%",
    )


def _form(row: InfoRow) -> rx.Component:
    return rx.card(rx.form(
        rx.vstack(
            rx.heading(row.first_name, " ", row.last_name, size="4"),
            rx.el.input(type="hidden", name="patient_id", value=row.patient_id.to_string()),
            _field(row, "last_name", "last_name", row.last_name, required=True),
            _field(row, "first_name", "first_name", row.first_name, required=True),
            _field(row, "email_receipts", "email", row.email, type_="email", required=True),
            _field(row, "phone", "phone", row.phone, type_="tel"),
            _field(row, "address", "address", row.address),
            rx.cond(row.pending, rx.callout(t("change_pending"), icon="clock",
                                            size="1", width="100%")),
            rx.cond(InfoState.saved_id == row.patient_id, rx.callout(
                t("change_sent"), icon="check", color_scheme="green", size="1",
                role="status", width="100%")),
            rx.button(t("save"), type="submit", size="3", width="100%"),
            spacing="3", width="100%",
        ),
        on_submit=InfoState.propose, reset_on_submit=False,
    ), width="100%")


@workspace_page(PATIENT_APP, routes.INFO, "Mes infos", on_load=[InfoState.load_info])
def patient_info_page() -> rx.Component:
    return rx.vstack(
        rx.heading(t("my_info"), size="6"),
        rx.text(t("info_hint"), size="2", color_scheme="gray"),
        rx.cond(InfoState.error != "", rx.callout(InfoState.error, color_scheme="red",
                                                  role="alert", width="100%")),
        rx.foreach(InfoState.rows, _form),
        spacing="3", width="100%",
    )
