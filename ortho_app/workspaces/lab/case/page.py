"""A case seen by the lab: facts, "Move to…", files and the STL preview in 3D, the RX script,
the history of moves and internal notes."""

from __future__ import annotations

import reflex as rx

from ortho_app.core import urls
from ortho_app.ui.case_status import status_badge
from ortho_app.ui.i18n import t
from ortho_app.ui.workspace import workspace_page
from ortho_app.workspaces.lab import routes
from ortho_app.workspaces.lab.case.state import FileRow, LabCaseState, MoveRow, NoteRow
from ortho_app.workspaces.lab.moves.parts import move_dialog, move_menu, refusal_alert
from ortho_app.workspaces.lab.workspace import LAB

S = LabCaseState


def _fact(label, value, **props) -> rx.Component:
    return rx.vstack(rx.text(label, size="1", color_scheme="gray"),
                     rx.text(value, weight="medium", class_name="fact", **props), spacing="0")


def _table(headers: list, rows: rx.Var, row_fn) -> rx.Component:
    return rx.box(rx.table.root(
        rx.table.header(rx.table.row(*[rx.table.column_header_cell(h) for h in headers])),
        rx.table.body(rx.foreach(rows, row_fn)), variant="surface", width="100%", size="1"),
        width="100%", overflow_x="auto")


def _file_row(row: FileRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row.name), rx.table.cell(row.kind), rx.table.cell(row.size),
        rx.table.cell(rx.hstack(
            rx.link(t("lab_download"), href=urls.file_url(row.file_id),
                    is_external=True),
            rx.cond(row.is_stl, rx.button(t("lab_preview_3d"), size="1", variant="soft",
                                          on_click=S.preview(row.file_id))),
            spacing="3", align="center")))


def _history_row(row: MoveRow) -> rx.Component:
    return rx.table.row(rx.table.cell(row.at), rx.table.cell(row.by),
                        rx.table.cell(row.from_status), rx.table.cell(row.to_status),
                        rx.table.cell(rx.text(row.reason, white_space="pre-wrap")))


def _note(row: NoteRow) -> rx.Component:
    return rx.card(rx.vstack(
        rx.text(row.author, " · ", row.at, size="1", color_scheme="gray"),
        rx.text(row.body, white_space="pre-wrap", size="2"), spacing="1"), width="100%")


def _preview() -> rx.Component:
    return rx.cond(S.preview_name != "", rx.vstack(
        rx.hstack(rx.text(S.preview_name, weight="medium"),
                  rx.button(t("lab_close_preview"), size="1", variant="soft",
                            on_click=S.close_preview), align="center", spacing="3"),
        rx.box(rx.plotly.gl3d(data=S.figure, config={"displaylogo": False,
                                                       "responsive": True},
                              style={"width": "100%", "height": "100%"}, key=S.preview_name),
               width="100%", aspect_ratio="16 / 9", max_height="60vh",
               border="1px solid var(--gray-a5)", border_radius="var(--radius-3)",
               background="var(--gray-2)"),
        width="100%", spacing="2"))


def _hold_and_shipment() -> rx.Component:
    return rx.fragment(
        rx.cond(S.hold_reason != "", rx.callout.root(rx.callout.text(
            rx.text(t("lab_hold_reason"), ": ", weight="bold", as_="span"), S.hold_reason,
            rx.cond(S.hold_detail != "", rx.text(" — ", S.hold_detail, as_="span"))),
            color_scheme="red", width="100%")),
        rx.cond(S.tracking_number != "", rx.callout.root(rx.callout.text(
            rx.text(t("lab_shipment"), ": ", weight="bold", as_="span"), S.carrier, " · ",
            t("lab_tracking_number"), " ", S.tracking_number), color_scheme="gray",
            width="100%")),
    )


def _notes() -> rx.Component:
    return rx.vstack(
        rx.heading(t("lab_internal_notes"), size="4"),
        rx.text(t("lab_internal_hint"), size="1", color_scheme="gray"),
        rx.form(rx.vstack(
            rx.el.label(t("lab_note"), html_for="note-body", font_size="0.9em"),
            rx.text_area(id="note-body", name="body", width="100%", max_length=4000),
            rx.cond(S.note_error != "", rx.callout(S.note_error, color_scheme="red",
                                                   role="alert", width="100%")),
            rx.button(t("lab_add_note"), type="submit", size="2"),
            spacing="2", width="100%", align="start"),
            on_submit=S.add_note, reset_on_submit=False, width="100%"),
        rx.foreach(S.notes, _note),
        spacing="2", width="100%")


@workspace_page(LAB, routes.CASE, "Case", on_load=[LabCaseState.load_case])
def lab_case_page() -> rx.Component:
    return rx.vstack(
        rx.link(t("lab_back_to_board"), href=routes.BOARD),
        rx.hstack(rx.heading(S.ref, " · ", S.patient, size="6"), status_badge(S.status, S.colour),
                  rx.spacer(), rx.cond(S.targets.length() > 0,
                                       move_menu(S, S.case_id, S.targets, size="2")),
                  width="100%", align="center", wrap="wrap", gap="3"),
        refusal_alert(S),
        _hold_and_shipment(),
        rx.grid(
            _fact(t("lab_practice"), S.practice), _fact(t("lab_case_type"), S.case_type),
            _fact(t("lab_teeth"), S.teeth),
            _fact(t("lab_ship_date"), rx.cond(S.ship_date != "", S.ship_date,
                                              t("lab_no_ship_date"))),
            columns=rx.breakpoints(initial="2", sm="4"), spacing="4", width="100%"),
        _fact(t("lab_rx_description"), S.rx_description, white_space="pre-wrap"),
        rx.hstack(rx.heading(t("lab_files"), size="4"), rx.spacer(),
                  rx.cond(S.rx_script_id > 0,
                          rx.link(t("lab_rx_script"),
                                  href=urls.file_url(S.rx_script_id),
                                  is_external=True),
                          rx.text(t("lab_no_rx_script"), size="2", color_scheme="gray")),
                  width="100%", align="center"),
        _table([t("lab_file"), t("lab_kind"), t("lab_size"), ""], S.files, _file_row),
        _preview(),
        rx.heading(t("lab_history"), size="4"),
        _table([t("lab_when"), t("lab_by"), t("lab_from"), t("lab_to"), t("lab_reason")],
               S.history, _history_row),
        _notes(),
        move_dialog(S),
        spacing="4", width="100%", on_unmount=LabCaseState.close_preview,
    )
