"""The case board (/lab): one column per status in spec order, cards dragged between columns
with the mouse, or moved with "Move to…"; filters by practice, case type and due date."""

from __future__ import annotations

import reflex as rx

from ortho_app.services.lab_cases.pipeline import CaseType
from ortho_app.ui.case_status import status_label
from ortho_app.ui.i18n import t
from ortho_app.ui.routing import link_to
from ortho_app.ui.workspace import workspace_page
from ortho_app.workspaces.lab import routes
from ortho_app.workspaces.lab.board import dnd
from ortho_app.workspaces.lab.board.state import BoardCard, BoardColumn, BoardState
from ortho_app.workspaces.lab.moves.parts import colour_var, move_dialog, move_menu, refusal_alert
from ortho_app.workspaces.lab.workspace import LAB, LabState

S = BoardState
COLUMN_WIDTH = "136px"


def _card(card: BoardCard) -> rx.Component:
    return dnd.draggable_card(
        rx.vstack(
            rx.hstack(
                rx.link(card.ref, href=link_to(routes.CASE, case_id=card.id), size="2",
                        weight="bold"),
                rx.cond(card.hold_reason != "",
                        rx.badge(card.hold_reason, color_scheme="red", size="1")),
                justify="between", align="center", width="100%", wrap="wrap", gap="1"),
            rx.text(card.patient, size="2", weight="medium", trim="both", truncate=True,
                    width="100%", title=card.patient),
            rx.text(card.practice, size="1", color_scheme="gray", truncate=True,
                    width="100%"),
            rx.text(card.case_type, size="1"),
            rx.text(rx.cond(card.ship_date != "", card.ship_date, t("lab_no_ship_date")),
                    size="1", color_scheme="gray", title=t("lab_ship_date")),
            rx.cond(card.targets.length() > 0, move_menu(S, card.id, card.targets)),
            spacing="1", align="start", width="100%"),
        case_id=card.id, role="article", aria_label=card.ref, class_name="board-card",
        padding="8px", border_radius="var(--radius-3)", background="var(--color-panel-solid)",
        border="1px solid var(--gray-a5)", border_left_width="4px",
        border_left_color=colour_var(card.colour), cursor="grab", width="100%",
    )


def _column(column: BoardColumn) -> rx.Component:
    return dnd.drop_column(
        rx.hstack(
            rx.box(width="10px", height="10px", border_radius="50%", flex_shrink="0",
                   background=colour_var(column.colour),
                   border="1px solid var(--gray-a7)"),
            rx.heading(status_label(column.status), size="2", as_="h2"),
            rx.badge(column.count, variant="soft", color_scheme="gray", size="1",
                     class_name="column-count"),
            align="center", spacing="2", width="100%", min_height="40px"),
        rx.vstack(rx.foreach(column.cards, _card), spacing="2", width="100%"),
        rx.cond(column.more > 0,
                rx.button(t("lab_show_more"), " (", column.more, ")", size="1",
                          variant="ghost", on_click=S.show_more(column.status))),
        on_drop=S.drop_case(column.status).prevent_default,
        role="region", aria_label=column.status,
        display="flex", flex_direction="column", gap="8px", padding="8px",
        min_width=COLUMN_WIDTH, min_height="60vh", border_radius="var(--radius-3)",
        background="var(--gray-a2)", border_top="3px solid",
        border_top_color=colour_var(column.colour),
        style={f"&.{dnd.DROP_TARGET_CLASS}": {"background": "var(--accent-a4)",
                                               "outline": "2px dashed var(--accent-8)"}},
    )


def _select(label, name: str, options: rx.Component, value) -> rx.Component:
    return rx.vstack(
        rx.el.label(label, html_for=f"filter-{name}", font_size="0.85em"),
        rx.el.select(options, id=f"filter-{name}", value=value,
                     on_change=lambda v: S.change_filter(name, v)),
        spacing="1")


def _filters() -> rx.Component:
    return rx.hstack(
        _select(t("lab_practice"), "practice_id", rx.fragment(
            rx.el.option(t("lab_all_practices"), value=""),
            rx.foreach(LabState.practices, lambda p: rx.el.option(p.name, value=p.value))),
            S.practice_id),
        _select(t("lab_case_type"), "case_type", rx.fragment(
            rx.el.option(t("lab_all_case_types"), value=""),
            *[rx.el.option(c.value, value=c.value) for c in CaseType]), S.case_type),
        rx.vstack(
            rx.el.label(t("lab_due_by"), html_for="filter-ship_by", font_size="0.85em"),
            rx.el.input(type="date", id="filter-ship_by", value=S.ship_by,
                        on_change=lambda v: S.change_filter("ship_by", v)),
            spacing="1"),
        rx.button(t("lab_clear_filters"), variant="soft", size="1", on_click=S.clear_filters),
        align="end", spacing="4", wrap="wrap",
    )


@workspace_page(LAB, routes.BOARD, "Case board",
                on_load=[LabState.load_practices, BoardState.load_board])
def board_page() -> rx.Component:
    return rx.vstack(
        rx.hstack(rx.heading(t("lab_board"), size="6"), rx.spacer(), _filters(),
                  width="100%", align="end", wrap="wrap", gap="3"),
        rx.text(t("lab_drag_hint"), size="2", color_scheme="gray"),
        refusal_alert(S),
        # The board is wider than the page's text column: it uses the window's width.
        rx.box(
            rx.box(rx.foreach(S.columns, _column), display="grid", gap="8px",
                   grid_template_columns=f"repeat(9, minmax({COLUMN_WIDTH}, 1fr))"),
            width="calc(100vw - 48px)", margin_left="calc(50% - 50vw + 16px)",
            overflow_x="auto", padding_bottom="8px"),
        move_dialog(S),
        spacing="3", width="100%",
    )
