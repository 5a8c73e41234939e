"""/clinic/changes: details patients proposed in the app ("Mes infos"), to accept into the
record or reject."""

from __future__ import annotations

import reflex as rx

from ortho_app.ui.i18n import t
from ortho_app.ui.routing import link_to
from ortho_app.ui.workspace import workspace_page
from ortho_app.workspaces.clinic import routes
from ortho_app.workspaces.clinic.changes.state import ChangeRow, ChangesState, FieldChange
from ortho_app.workspaces.clinic.workspace import CLINIC as CLINIC_WORKSPACE


def _field(change: FieldChange) -> rx.Component:
    name = rx.match(change.field, ("last_name", t("last_name")), ("first_name", t("first_name")),
                    ("email", t("email")), ("phone", t("phone")), ("address", t("address")),
                    change.field)
    return rx.table.row(rx.table.cell(name), rx.table.cell(change.before),
                        rx.table.cell(rx.text(change.after, weight="bold")))


def _change(row: ChangeRow) -> rx.Component:
    return rx.card(rx.vstack(
        rx.hstack(rx.link(row.patient, href=link_to(routes.PATIENT_CARD, patient_id=row.patient_id),
                          weight="bold"),
                  rx.text(t("proposed_on"), " ", row.proposed_on, size="2",
                          color_scheme="gray"), align="baseline", spacing="3"),
        rx.table.root(
            rx.table.header(rx.table.row(rx.table.column_header_cell(t("field")),
                                         rx.table.column_header_cell(t("in_record")),
                                         rx.table.column_header_cell(t("proposed")))),
            rx.table.body(rx.foreach(row.fields, _field)), size="1", width="100%"),
        rx.hstack(
            rx.button(t("accept_change"), on_click=ChangesState.decide(row.id, True),
                      color_scheme="green"),
            rx.button(t("reject_change"), on_click=ChangesState.decide(row.id, False),
                      color_scheme="red", variant="soft"),
            spacing="3"),
        spacing="3", width="100%"), width="100%", class_name="proposed-change")


@workspace_page(CLINIC_WORKSPACE, routes.CHANGES, "Proposed changes",
                on_load=[ChangesState.load_changes])
def clinic_changes() -> rx.Component:
    S = ChangesState
    return rx.vstack(
        rx.heading(t("proposed_changes"), size="6"),
        rx.text(t("proposed_changes_hint"), size="2", color_scheme="gray"),
        rx.cond(S.decided == "accepted", rx.callout(t("change_accepted"), color_scheme="green",
                                                    role="status")),
        rx.cond(S.decided == "rejected", rx.callout(t("change_rejected"), role="status")),
        rx.cond(S.changes.length() > 0, rx.foreach(S.changes, _change),
                rx.text(t("no_proposed_changes"), color_scheme="gray")),
        spacing="4", width="100%", max_width="900px",
    )
