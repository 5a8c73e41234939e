"""Home section "Mes RDV": the next appointment (date, time, practitioner, "Carte Vitale !")."""

from __future__ import annotations

import reflex as rx

from ortho_app.ui.i18n import t
from ortho_app.workspaces.patient import routes
from ortho_app.workspaces.patient.appointments.state import AppointmentRow, AppointmentsState

HOME_ON_LOAD: list = [AppointmentsState.load_home]  # on_load events of this section


def carte_vitale_mark() -> rx.Component:
    return rx.badge(rx.icon("credit-card", size=14), t("carte_vitale"),
                    color_scheme="green", variant="solid", size="2", class_name="carte-vitale")


def _next(row: AppointmentRow) -> rx.Component:
    return rx.vstack(
        rx.text(t("next_appointment"), size="2", color_scheme="gray"),
        rx.hstack(rx.heading(row.date, size="6"), rx.heading(row.time, size="6",
                                                             color_scheme="blue"),
                  spacing="3", align="baseline", class_name="next-appointment"),
        rx.text(row.practitioner, size="3", weight="medium"),
        rx.cond(row.reason != "", rx.text(row.reason, size="2", color_scheme="gray")),
        rx.cond(row.carte_vitale, carte_vitale_mark()),
        spacing="1", align="start",
    )


def next_appointment_section() -> rx.Component:
    S = AppointmentsState
    return rx.cond(S.loaded, rx.link(rx.card(
        rx.hstack(
            rx.box(rx.cond(S.next_rows.length() > 0, rx.foreach(S.next_rows, _next),
                           rx.vstack(rx.text(t("my_appointments"), weight="bold"),
                                     rx.text(t("no_upcoming"), size="2",
                                             color_scheme="gray"), spacing="1")),
                   flex="1"),
            rx.icon("chevron-right", color="var(--gray-9)"),
            align="center", width="100%"),
        width="100%", size="3"),
        href=routes.APPOINTMENTS, underline="none", color="inherit", width="100%",
        aria_label=t("my_appointments")))
