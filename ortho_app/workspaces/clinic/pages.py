"""Clinic pages."""

from __future__ import annotations

import reflex as rx

from ortho_app.ui.i18n import t
from ortho_app.ui.views import PatientRow, data_table
from ortho_app.ui.workspace import Workspace, workspace_page
from ortho_app.workspaces.clinic.state import ClinicState

CLINIC = Workspace(key="clinic", state=ClinicState, nav=(("patients", "/clinic"),))


def _row(row: PatientRow) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(row.name), rx.table.cell(row.birth),
        rx.table.cell(row.treatment), rx.table.cell(row.phone),
    )


def _pager() -> rx.Component:
    return rx.hstack(
        rx.button(t("previous"), variant="soft", size="1",
                  disabled=ClinicState.page == 0,
                  on_click=ClinicState.go_to_page(ClinicState.page - 1)),
        rx.text(ClinicState.page + 1, " / ", ClinicState.page_count, size="2"),
        rx.button(t("next"), variant="soft", size="1",
                  disabled=ClinicState.page + 1 >= ClinicState.page_count,
                  on_click=ClinicState.go_to_page(ClinicState.page + 1)),
        rx.text(ClinicState.total, " ", t("patients"), size="2", color_scheme="gray"),
        align="center", spacing="3",
    )


@workspace_page(CLINIC, "/clinic", "Clinic", on_load=[ClinicState.load_patients])
def clinic_home() -> rx.Component:
    return rx.vstack(
        rx.heading(t("my_patients"), size="6"),
        rx.input(placeholder=t("search_by_name"), aria_label=t("search_by_name"),
                 on_change=ClinicState.search_patients, debounce_timeout=300, width="20em"),
        data_table([t("patients"), t("birth"), t("treatment"), t("phone")],
                   ClinicState.patients, _row),
        _pager(),
        spacing="4", width="100%",
    )
