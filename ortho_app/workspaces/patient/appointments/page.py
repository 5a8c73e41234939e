"""/patient/appointments ("Mes Rendez-vous"): upcoming list, "Tout afficher" (history in
ascending order), "Ajouter à mon agenda" and "Me rendre au cabinet" on each appointment."""

from __future__ import annotations

import reflex as rx

from ortho_app.ui.i18n import t
from ortho_app.ui.workspace import workspace_page
from ortho_app.workspaces.patient import routes
from ortho_app.workspaces.patient.appointments.parts import carte_vitale_mark
from ortho_app.workspaces.patient.appointments.state import AppointmentRow, AppointmentsState
from ortho_app.workspaces.patient.workspace import PATIENT_APP

S = AppointmentsState


def maps_button(url) -> rx.Component:
    """"Me rendre au cabinet": the phone's maps on the practice's address."""
    return rx.button(rx.el.a(rx.icon("map-pin", size=16), t("go_to_practice"),
                             href=url, target="_blank", rel="noopener noreferrer"),
                     as_child=True, variant="soft", size="2")


def _actions(row: AppointmentRow) -> rx.Component:
    return rx.hstack(
        rx.button(rx.icon("calendar-plus", size=16), t("add_to_calendar"),
                  on_click=S.add_to_calendar(row.id), variant="soft", size="2"),
        maps_button(S.maps_url),
        spacing="2", wrap="wrap",
    )


def _appointment(row: AppointmentRow) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(rx.text(row.date, weight="bold", size="4"),
                      rx.text(row.time, weight="bold", size="4", color_scheme="blue"),
                      rx.spacer(),
                      rx.cond(row.past, rx.badge(t("past_appointment"),
                                                 color_scheme="gray")),
                      rx.cond(row.added, rx.badge(t("in_my_calendar"),
                                                  color_scheme="blue", variant="outline")),
                      width="100%", align="center"),
            rx.text(row.practitioner, size="3"),
            rx.cond(row.reason != "", rx.text(row.reason, size="2", color_scheme="gray")),
            rx.cond(row.carte_vitale, carte_vitale_mark()),
            rx.cond(row.past, rx.fragment(), _actions(row)),
            spacing="2", width="100%",
        ),
        width="100%", class_name="appointment",
    )


def _notice() -> rx.Component:
    return rx.fragment(
        rx.cond(S.calendar_notice == "already", rx.callout(
            t("already_in_calendar"), icon="info", role="status", width="100%")),
        rx.cond(S.calendar_notice == "added", rx.callout(
            t("added_to_calendar"), icon="check", color_scheme="green",
            role="status", width="100%")),
    )


@workspace_page(PATIENT_APP, routes.APPOINTMENTS, "Mes RDV", on_load=[S.load_list])
def patient_appointments() -> rx.Component:
    return rx.vstack(
        rx.heading(t("my_appointments_title"), size="6"),
        rx.el.label(
            rx.switch(checked=S.show_all, on_change=S.toggle_all, id="show-all"),
            rx.text(t("show_all"), as_="span", size="3"),
            html_for="show-all", display="flex", gap="0.6em", align_items="center",
        ),
        _notice(),
        rx.cond(S.rows.length() > 0, rx.foreach(S.rows, _appointment),
                rx.cond(S.loaded, rx.text(t("no_upcoming"),
                                          color_scheme="gray"))),
        spacing="3", width="100%",
    )
