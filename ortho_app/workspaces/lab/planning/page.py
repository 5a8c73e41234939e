"""Planning blocks of the lab (/lab/planning)."""

from __future__ import annotations

import reflex as rx

from ortho_app.ui.i18n import t
from ortho_app.ui.routing import link_to
from ortho_app.ui.workspace import workspace_page
from ortho_app.workspaces.lab import routes
from ortho_app.workspaces.lab.planning.state import BlockLine, PlanningState
from ortho_app.workspaces.lab.workspace import LAB

S = PlanningState


def _field(label, name: str, kind: str) -> rx.Component:
    return rx.vstack(rx.el.label(label, html_for=f"block-{name}", font_size="0.9em"),
                     rx.input(id=f"block-{name}", name=name, type=kind, required=True),
                     spacing="1")


def _publish_form() -> rx.Component:
    return rx.card(rx.form(
        rx.vstack(
            rx.heading(t("lab_publish_block"), size="3"),
            rx.hstack(_field(t("lab_date"), "day", "date"),
                      _field(t("lab_start"), "start", "time"),
                      _field(t("lab_end"), "end", "time"),
                      rx.button(t("lab_publish"), type="submit"),
                      align="end", spacing="3", wrap="wrap"),
            rx.cond(S.error != "", rx.callout(S.error, color_scheme="red", role="alert",
                                              width="100%")),
            spacing="3", width="100%"),
        on_submit=S.publish_block, reset_on_submit=False), width="100%")


def _case_cell(row: BlockLine) -> rx.Component:
    return rx.cond(
        row.case_id > 0,
        rx.vstack(rx.link(row.case_ref, " · ", row.patient,
                          href=link_to(routes.CASE, case_id=row.case_id)),
                  rx.text(row.practice, " · ", row.case_status, size="1",
                          color_scheme="gray"), spacing="0"),
        rx.badge(t("lab_free"), color_scheme="grass", variant="soft"))


def _outcome_cell(row: BlockLine) -> rx.Component:
    return rx.cond(
        row.open_session,
        rx.hstack(
            rx.button(t("lab_session_done"), size="1",
                      on_click=S.close_session(row.case_id, "done")),
            rx.button(t("lab_no_show"), size="1", color_scheme="red", variant="soft",
                      on_click=S.close_session(row.case_id, "no_show")),
            spacing="2"),
        rx.text(rx.match(row.outcome, ("done", t("lab_session_done")),
                         ("no show", t("lab_no_show")), row.outcome), size="2"))


def _row(row: BlockLine) -> rx.Component:
    return rx.table.row(rx.table.cell(row.day), rx.table.cell(row.hours),
                        rx.table.cell(_case_cell(row)), rx.table.cell(_outcome_cell(row)))


@workspace_page(LAB, routes.PLANNING, "Planning", on_load=[PlanningState.load_blocks])
def planning_page() -> rx.Component:
    return rx.vstack(
        rx.heading(t("lab_planning"), size="6"),
        _publish_form(),
        rx.heading(t("lab_blocks"), size="4"),
        rx.box(rx.table.root(
            rx.table.header(rx.table.row(
                rx.table.column_header_cell(t("lab_date")),
                rx.table.column_header_cell(t("lab_start"), " – ", t("lab_end")),
                rx.table.column_header_cell(t("lab_case")),
                rx.table.column_header_cell(t("lab_outcome")))),
            rx.table.body(rx.foreach(S.blocks, _row)), variant="surface", width="100%"),
            width="100%", overflow_x="auto"),
        spacing="4", width="100%",
    )
