"""The To-Do page: patients added to the To-Do list; done / undo, with who and when."""

from __future__ import annotations

import reflex as rx

from ortho_app.ui.i18n import t
from ortho_app.ui.routing import link_to
from ortho_app.ui.views import data_table
from ortho_app.ui.workspace import workspace_page
from ortho_app.workspaces.clinic import routes
from ortho_app.workspaces.clinic.todo.state import TodoRow, TodoState
from ortho_app.workspaces.clinic.workspace import CLINIC as CLINIC_WORKSPACE


def _row(row: TodoRow) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(rx.link(
            row.patient, href=link_to(routes.PATIENT_CARD, patient_id=row.patient_id))),
        rx.table.cell(row.note), rx.table.cell(row.added), rx.table.cell(row.done),
        rx.table.cell(rx.cond(
            row.done == "",
            rx.button("Done", size="1", on_click=TodoState.toggle(row.id, True)),
            rx.button("Undo", size="1", variant="soft", on_click=TodoState.toggle(row.id, False)),
        )),
    )


@workspace_page(CLINIC_WORKSPACE, routes.TODO, "To-Do list", on_load=[TodoState.load_todos])
def todo_page() -> rx.Component:
    return rx.vstack(
        rx.heading(t("todo_list"), size="6"),
        data_table([t("patients"), "Note", "Added", "Done", ""], TodoState.items, _row),
        spacing="4", width="100%",
    )
