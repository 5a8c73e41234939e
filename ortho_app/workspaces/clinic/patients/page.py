"""Clinic pages: the patient list ("Monitored Patients" / "Not Monitored")."""

from __future__ import annotations

import reflex as rx

from ortho_app.ui.i18n import t
from ortho_app.ui.pager import pager
from ortho_app.ui.routing import link_to
from ortho_app.ui.views import data_table
from ortho_app.ui.workspace import workspace_page
from ortho_app.workspaces.clinic import routes
from ortho_app.workspaces.clinic.patients.state import TREATMENTS, ClinicState, ListRow
from ortho_app.workspaces.clinic.workspace import CLINIC


def _row(row: ListRow) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(rx.link(row.name,
                                         href=link_to(routes.PATIENT_CARD, patient_id=row.id))),
        rx.table.cell(row.birth), rx.table.cell(row.treatment),
        rx.table.cell(rx.cond(row.state != "", rx.badge(row.state), "")),
        rx.table.cell(row.aligner), rx.table.cell(row.next_due),
        rx.table.cell(rx.cond(row.awaiting_review, rx.badge(t("awaiting_review"),
                                                            color_scheme="amber"), "")),
    )


def _pager() -> rx.Component:
    return pager(ClinicState.page, ClinicState.page_count, ClinicState.go_to_page,
                 rx.text(ClinicState.total, " ", t("patients"), size="2", color_scheme="gray"))


def _filters() -> rx.Component:
    return rx.hstack(
        rx.input(placeholder=t("search_by_name"), aria_label=t("search_by_name"),
                 on_change=ClinicState.search_patients, debounce_timeout=300, width="16em"),
        rx.cond(ClinicState.tab == "monitored", rx.select.root(
            rx.select.trigger(aria_label=t("monitoring_state")),
            rx.select.content(rx.select.item(t("all_states"), value="all"),
                              rx.select.item(t("state_active"), value="active"),
                              rx.select.item(t("state_paused"), value="paused"),
                              rx.select.item(t("awaiting_review"), value="awaiting_review")),
            default_value="all", on_change=ClinicState.filter_state)),
        rx.select.root(
            rx.select.trigger(aria_label=t("treatment")),
            rx.select.content(rx.select.item(t("all_treatments"), value="all"),
                              *[rx.select.item(name, value=name) for name in TREATMENTS]),
            default_value="all", on_change=ClinicState.filter_treatment),
        spacing="3", wrap="wrap", align="center",
    )


@workspace_page(CLINIC, routes.PATIENTS, "Clinic", on_load=[ClinicState.load_patients])
def clinic_home() -> rx.Component:
    return rx.vstack(
        rx.heading(t("patients"), size="6"),
        rx.tabs.root(
            rx.tabs.list(rx.tabs.trigger(t("monitored_patients"), value="monitored"),
                         rx.tabs.trigger(t("not_monitored"), value="not_monitored")),
            value=ClinicState.tab, on_change=ClinicState.choose_tab,
        ),
        _filters(),
        data_table([t("patients"), t("birth"), t("treatment"), t("monitoring_state"),
                    t("aligner"), t("next_scan_due"), ""], ClinicState.patients, _row),
        _pager(),
        spacing="4", width="100%",
    )
