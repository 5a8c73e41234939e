"""Cases pages of the clinic: list, new case, creation confirmation, view / modify / plan."""

from __future__ import annotations

import reflex as rx

from ortho_app.services.lab_cases.pipeline import CaseType
from ortho_app.ui.case_status import status_badge
from ortho_app.ui.i18n import t
from ortho_app.ui.job_progress import job_progress
from ortho_app.ui.pager import pager
from ortho_app.ui.routing import link_to
from ortho_app.ui.workspace import workspace_page
from ortho_app.workspaces.clinic import routes
from ortho_app.workspaces.clinic.cases.case_state import BlockOption, CaseViewState
from ortho_app.workspaces.clinic.cases.list_state import CaseListRow, CasesListState
from ortho_app.workspaces.clinic.cases.new_state import (
    CaseConfirmationState,
    NewCaseState,
    PatientOption,
)
from ortho_app.workspaces.clinic.cases.parts import (
    attachments_field,
    error_callout,
    field,
    files_list,
    rx_field,
    submit_button,
    summary_block,
    teeth_field,
)
from ortho_app.workspaces.clinic.workspace import CLINIC

L = CasesListState
HEADERS = (("case_id", "case_id"), ("case_patient", "patient"), ("progress", "progress"),
           ("last_modified", "last_modified"), ("ship_date", "ship_date"))


# --- list ------------------------------------------------------------------------------------

def _header(label_key: str, key: str) -> rx.Component:
    arrow = rx.cond(L.sort == key, rx.cond(L.descending, " ↓", " ↑"), "")
    return rx.table.column_header_cell(
        rx.button(t(label_key), arrow, variant="ghost", size="2", type="button",
                  on_click=L.sort_by(key)),
        custom_attrs={"aria-sort": rx.cond(L.sort == key, rx.cond(
            L.descending, "descending", "ascending"), "none")})


def _list_row(row: CaseListRow) -> rx.Component:
    href = link_to(routes.CASE, case_id=row.case_id)
    return rx.table.row(
        rx.table.cell(rx.link(row.ref, href=href), white_space="nowrap"),
        rx.table.row_header_cell(rx.link(row.patient_name, href=href)),
        rx.table.cell(status_badge(row.status, row.colour),
                      rx.cond(row.hold_reason != "", rx.text(
                          t("hold_reason"), ": ", row.hold_reason, size="1",
                          color="var(--red-11)"))),
        rx.table.cell(row.last_modified),
        rx.table.cell(rx.cond(row.ship_date != "", row.ship_date, "—")),
        rx.table.cell(rx.button(
            rx.cond(row.archived, t("restore_record"), t("archive_record")),
            variant="soft", size="1", type="button", color_scheme="gray",
            on_click=L.archive(row.case_id))),
        custom_attrs={"data-colour": row.colour},
    )


def _pager() -> rx.Component:
    return pager(L.page, L.page_count, L.go_to_page,
                 rx.text(L.total, " ", t("cases_of_practice"), size="2", color_scheme="gray"))


@workspace_page(CLINIC, routes.CASES, "Cases", on_load=[L.load_cases])
def cases_list_page() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.heading(t("cases_of_practice"), size="6"),
            rx.link(rx.button(t("new_case"), size="2"), href=routes.NEW_CASE),
            justify="between", width="100%", align="center"),
        rx.hstack(
            rx.el.label(rx.checkbox(checked=L.archived_only, on_change=L.show_archived,
                                    id="show_archived"),
                        " ", t("show_only_archived"), html_for="show_archived",
                        display="flex", align_items="center", gap="6px"),
            rx.text(t("archive_note"), size="1", color_scheme="gray"),
            spacing="4", align="center", wrap="wrap"),
        rx.box(rx.table.root(
            rx.table.header(rx.table.row(*[_header(k, s) for k, s in HEADERS],
                                         rx.table.column_header_cell(t("archive")))),
            rx.table.body(rx.foreach(L.rows, _list_row)),
            width="100%", variant="surface", class_name="cases-table"),
            width="100%", overflow_x="auto"),
        rx.cond(L.total == 0, rx.text(t("no_cases"), color_scheme="gray")),
        _pager(),
        spacing="4", width="100%")


# --- new case --------------------------------------------------------------------------------

N = NewCaseState


def _patient_option(p: PatientOption) -> rx.Component:
    return rx.el.option(p.name, value=p.id)


@workspace_page(CLINIC, routes.NEW_CASE, "New case", on_load=[N.load_new])
def new_case_page() -> rx.Component:
    return rx.vstack(
        rx.heading(t("new_case"), size="6"),
        rx.hstack(
            field("case_patient", rx.vstack(
                rx.input(placeholder=t("search_by_name"), aria_label=t("search_by_name"),
                         on_change=N.find_patients, debounce_timeout=300, width="16em"),
                rx.el.select(rx.el.option(t("choose_patient"), value=""),
                             rx.foreach(N.patients, _patient_option),
                             id="patient", value=N.patient_id, on_change=N.choose_patient,
                             min_width="16em"),
                spacing="1"), "patient"),
            field("case_type", rx.el.select(
                rx.el.option(t("choose_case_type"), value=""),
                *[rx.el.option(c.value, value=c.value) for c in CaseType],
                id="case_type", value=N.case_type, on_change=N.choose_case_type),
                "case_type"),
            spacing="6", wrap="wrap", align="start", width="100%"),
        teeth_field(N), rx_field(N), attachments_field(N), error_callout(N),
        submit_button(N, N.submit_case),
        spacing="4", width="100%", max_width="900px")


# --- confirmation ----------------------------------------------------------------------------

C = CaseConfirmationState


@workspace_page(CLINIC, routes.CASE_CONFIRMATION, "Case created",
                on_load=[C.load_confirmation])
def case_confirmation_page() -> rx.Component:
    return rx.cond(C.summary, rx.vstack(
        rx.hstack(rx.heading(t("case_created"), " — ", C.summary.ref, size="6"),
                  rx.button(t("print"), variant="soft", type="button", class_name="no-print",
                            on_click=rx.call_script("window.print()")),
                  justify="between", width="100%", align="center"),
        rx.callout(t("confirmation_note"), icon="info", width="100%"),
        summary_block(C.summary), files_list(C.summary),
        job_progress(C, t("rx_script")),
        rx.el.style("@media print { .no-print, [role=navigation], .rt-Button { display: none "
                    "!important; } }"),
        rx.link(t("open_case"), href=link_to(routes.CASE, case_id=C.summary.case_id)),
        spacing="4", width="100%", max_width="900px"))


# --- view / modify / plan --------------------------------------------------------------------

V = CaseViewState


def _block_option(b: BlockOption) -> rx.Component:
    return rx.el.option(b.label, value=b.block_id)


def _planning() -> rx.Component:
    schedule = rx.cond(V.blocks.length() > 0, rx.hstack(
        rx.el.label(t("free_block"), html_for="free_block"),
        rx.el.select(rx.foreach(V.blocks, _block_option), id="free_block",
                     value=V.chosen_block, on_change=V.choose_block),
        rx.button(t("go"), type="button", on_click=V.schedule),
        spacing="2", align="center", wrap="wrap"), rx.text(t("no_free_block")))
    scheduled = rx.vstack(
        rx.text(V.session_label, weight="bold", class_name="planning-session"),
        rx.text(t("scheduled_fixed"), size="2", color_scheme="gray"),
        rx.hstack(rx.link(t("add_to_google_calendar"), href=V.google_link, is_external=True),
                  rx.link(t("download_ics"), href=V.ics_url, is_external=True),
                  spacing="4"),
        spacing="1")
    return rx.cond(V.can_schedule | (V.session_label != ""), rx.card(rx.vstack(
        rx.heading(t("planning_session"), size="4"),
        rx.cond(V.can_schedule, schedule, scheduled),
        spacing="2"), width="100%"))


def _modify() -> rx.Component:
    return rx.card(rx.vstack(
        rx.heading(t("modify_case"), size="4"),
        rx.cond(V.can_modify, rx.vstack(
            rx.callout(t("resubmit_notice"), icon="info", color_scheme="amber", width="100%"),
            teeth_field(V), rx_field(V), attachments_field(V), error_callout(V),
            submit_button(V, V.resubmit), spacing="3", width="100%"),
            rx.text(t("not_modifiable"), color_scheme="gray")),
        spacing="3", width="100%"), width="100%")


@workspace_page(CLINIC, routes.CASE, "Case", on_load=[V.load_case])
def case_page() -> rx.Component:
    return rx.cond(V.summary, rx.vstack(
        rx.hstack(rx.link("← ", t("cases_of_practice"), href=routes.CASES),
                  rx.heading(V.summary.ref, " · ", V.summary.patient_name, size="6"),
                  spacing="4", align="center"),
        summary_block(V.summary), _planning(), files_list(V.summary), _modify(),
        spacing="4", width="100%", max_width="1000px"))
